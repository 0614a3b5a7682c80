//! The per-finding formats over many schemes (GitHub annotations, JUnit,
//! SARIF), written part by part as each scheme is assessed: a portfolio of
//! any size holds one scheme's part at a time, never the whole report.

use std::io::Write;

use serde_json::Value;

use super::{Format, github, junit, sarif};
use crate::report::Part;

/// Text kept for later in a run: in memory until it passes a megabyte, then
/// in an anonymous temporary file, so a portfolio of any size stays small.
#[derive(Default)]
pub(crate) struct Spool {
    memory: Vec<u8>,
    file: Option<std::io::BufWriter<std::fs::File>>,
    /// Whether the file has been read since it was last written to, so the
    /// next write must first go back to its end.
    rewound: bool,
}

const SPOOL_IN_MEMORY: usize = 1 << 20;

impl Spool {
    pub fn push(&mut self, text: &str) -> std::io::Result<()> {
        use std::io::Seek as _;
        if self.file.is_none() && self.memory.len() + text.len() > SPOOL_IN_MEMORY {
            let mut file = std::io::BufWriter::new(tempfile::tempfile()?);
            file.write_all(&self.memory)?;
            self.memory = Vec::new();
            self.file = Some(file);
        }
        match &mut self.file {
            Some(file) => {
                if std::mem::take(&mut self.rewound) {
                    file.seek(std::io::SeekFrom::End(0))?;
                }
                file.write_all(text.as_bytes())
            }
            None => {
                self.memory.extend_from_slice(text.as_bytes());
                Ok(())
            }
        }
    }

    /// Everything kept so far, from the start; it may be read as often as
    /// needed (a table reads its rows once to fit them, once to print).
    pub fn read(&mut self) -> std::io::Result<Box<dyn std::io::BufRead + '_>> {
        use std::io::Seek as _;
        match &mut self.file {
            None => Ok(Box::new(&self.memory[..])),
            Some(file) => {
                file.flush()?;
                self.rewound = true;
                let file = file.get_mut();
                file.seek(std::io::SeekFrom::Start(0))?;
                Ok(Box::new(std::io::BufReader::new(file)))
            }
        }
    }

    /// Writes everything kept, in order.
    pub fn copy_into(self, out: &mut dyn Write) -> std::io::Result<()> {
        use std::io::Seek as _;
        match self.file {
            None => out.write_all(&self.memory),
            Some(file) => {
                let mut file = file.into_inner().map_err(std::io::IntoInnerError::into_error)?;
                file.seek(std::io::SeekFrom::Start(0))?;
                std::io::copy(&mut file, out).map(drop)
            }
        }
    }
}

/// GitHub annotations of every scheme, kept by kind so the most severe come
/// first in the log (GitHub shows only the first ten of each kind).
#[derive(Default)]
pub struct Annotations {
    by_level: [Spool; 3],
    counts: [usize; 3],
}

/// A per-finding report being written.
pub enum Stream {
    Github(Box<Annotations>),
    /// The id the next test suite takes.
    Junit(usize),
    Sarif(Box<sarif::Assembler>),
}

impl Stream {
    /// A stream for `format`, if it lists findings; its opening is written.
    pub fn start(format: Format, out: &mut dyn Write) -> std::io::Result<Option<Stream>> {
        Ok(match format {
            Format::Github => Some(Stream::Github(Box::default())),
            Format::Junit => {
                out.write_all(junit::HEAD.as_bytes())?;
                Some(Stream::Junit(0))
            }
            Format::Sarif => Some(Stream::Sarif(Box::default())),
            _ => None,
        })
    }

    pub fn format(&self) -> Format {
        match self {
            Stream::Github(_) => Format::Github,
            Stream::Junit(_) => Format::Junit,
            Stream::Sarif(_) => Format::Sarif,
        }
    }

    /// Adds one scheme's part, if it is this stream's format.
    pub fn add(&mut self, detail: &Part, out: &mut dyn Write) -> std::io::Result<()> {
        match (self, detail) {
            (Stream::Github(kept), Part::Github(annotations)) => {
                for a in annotations {
                    kept.by_level[a.level as usize].push(&a.line)?;
                    kept.counts[a.level as usize] += 1;
                }
                Ok(())
            }
            (Stream::Junit(next), Part::Junit(suites)) => {
                *next = junit::write_suites(suites, *next, out)?;
                Ok(())
            }
            (Stream::Sarif(assembler), Part::Sarif(parts)) => assembler.add(parts.clone()),
            _ => Ok(()),
        }
    }

    /// Adds a file that could not be assessed, with its problems.
    pub fn add_invalid(
        &mut self,
        file: &str,
        problems: &[crate::diagnostic::Problem],
        out: &mut dyn Write,
    ) -> std::io::Result<()> {
        match self {
            Stream::Github(kept) => {
                for a in github::invalid(problems) {
                    kept.by_level[a.level as usize].push(&a.line)?;
                    kept.counts[a.level as usize] += 1;
                }
                Ok(())
            }
            Stream::Junit(next) => {
                *next = junit::write_suites(&[junit::invalid_suite(file, problems)], *next, out)?;
                Ok(())
            }
            Stream::Sarif(assembler) => assembler.add_invalid(file, problems),
        }
    }

    /// Writes what closes the report; SARIF's run carries `properties`.
    pub fn finish(self, properties: &Value, out: &mut dyn Write) -> std::io::Result<()> {
        match self {
            Stream::Github(kept) => {
                let Annotations { by_level, counts } = *kept;
                for spool in by_level {
                    spool.copy_into(out)?;
                }
                match github::overflow_notice(counts) {
                    Some(notice) => out.write_all(notice.as_bytes()),
                    None => Ok(()),
                }
            }
            Stream::Junit(_) => out.write_all(junit::TAIL.as_bytes()),
            Stream::Sarif(assembler) => assembler.finish(properties, out),
        }
    }
}
