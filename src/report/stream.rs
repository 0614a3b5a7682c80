//! The per-finding formats over many schemes (GitHub annotations, JUnit,
//! SARIF), written part by part as each scheme is assessed: a portfolio of
//! any size holds one scheme's part at a time, never the whole report.

use std::io::Write;

use serde_json::Value;

use super::{Format, junit, sarif};
use crate::portfolio::Detail;

/// A per-finding report being written.
pub enum Stream {
    Github,
    /// The id the next test suite takes.
    Junit(usize),
    Sarif(Box<sarif::Assembler>),
}

impl Stream {
    /// A stream for `format`, if it lists findings; its opening is written.
    pub fn start(format: Format, out: &mut dyn Write) -> std::io::Result<Option<Stream>> {
        Ok(match format {
            Format::Github => Some(Stream::Github),
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
            Stream::Github => Format::Github,
            Stream::Junit(_) => Format::Junit,
            Stream::Sarif(_) => Format::Sarif,
        }
    }

    /// Adds one scheme's part, if it is this stream's format.
    pub fn add(&mut self, detail: &Detail, out: &mut dyn Write) -> std::io::Result<()> {
        match (self, detail) {
            (Stream::Github, Detail::Github(text)) => out.write_all(text.as_bytes()),
            (Stream::Junit(next), Detail::Junit(suites)) => {
                *next = junit::write_suites(suites, *next, out)?;
                Ok(())
            }
            (Stream::Sarif(assembler), Detail::Sarif(parts)) => assembler.add(parts.clone()),
            _ => Ok(()),
        }
    }

    /// Writes what closes the report; SARIF's run carries `properties`.
    pub fn finish(self, properties: &Value, out: &mut dyn Write) -> std::io::Result<()> {
        match self {
            Stream::Github => Ok(()),
            Stream::Junit(_) => out.write_all(junit::TAIL.as_bytes()),
            Stream::Sarif(assembler) => assembler.finish(properties, out),
        }
    }
}
