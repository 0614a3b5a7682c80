//! The per-finding formats over many schemes (GitHub annotations, JUnit,
//! SARIF), written part by part as each scheme is assessed: a portfolio of
//! any size holds one scheme's part at a time, never the whole report.
//! Each format writes its own parts (`github::Annotations`,
//! `junit::Suites`, `sarif::Assembler`); this module picks one by format.

use std::io::Write;

use serde_json::Value;

use super::{Format, Part, github, junit, sarif};
use crate::diagnostic::Problem;

/// A per-finding report being written: each scheme's part in the order
/// the files were given, then what closes the report.
pub(crate) trait Findings {
    /// Adds one scheme's part, if it is this report's.
    fn add(&mut self, part: &Part, out: &mut dyn Write) -> std::io::Result<()>;
    /// Adds a file that could not be assessed, with its problems.
    fn add_invalid(&mut self, file: &str, problems: &[Problem], out: &mut dyn Write) -> std::io::Result<()>;
    /// Writes what closes the report; a SARIF run carries `properties`.
    fn finish(self: Box<Self>, properties: &Value, out: &mut dyn Write) -> std::io::Result<()>;
}

/// A per-finding report being written, with its format.
pub struct Stream {
    format: Format,
    findings: Box<dyn Findings>,
}

impl Stream {
    /// A stream for `format`, if it lists findings; its opening is written.
    pub fn start(format: Format, out: &mut dyn Write) -> std::io::Result<Option<Stream>> {
        let findings: Box<dyn Findings> = match format {
            Format::Github => Box::<github::Annotations>::default(),
            Format::Junit => Box::new(junit::Suites::start(out)?),
            Format::Sarif => Box::<sarif::Assembler>::default(),
            Format::Table | Format::Json | Format::Markdown | Format::Html | Format::Csv | Format::Xlsx => {
                return Ok(None);
            }
        };
        Ok(Some(Stream { format, findings }))
    }

    pub fn format(&self) -> Format {
        self.format
    }

    /// Adds one scheme's part, if it is this stream's format.
    pub fn add(&mut self, part: &Part, out: &mut dyn Write) -> std::io::Result<()> {
        self.findings.add(part, out)
    }

    /// Adds a file that could not be assessed, with its problems.
    pub fn add_invalid(&mut self, file: &str, problems: &[Problem], out: &mut dyn Write) -> std::io::Result<()> {
        self.findings.add_invalid(file, problems, out)
    }

    /// Writes what closes the report; SARIF's run carries `properties`.
    pub fn finish(self, properties: &Value, out: &mut dyn Write) -> std::io::Result<()> {
        self.findings.finish(properties, out)
    }
}
