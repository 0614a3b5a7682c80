//! Reporters: each renders a finished [`Assessment`]
//! (with its provenance) into text for one audience. None of them computes
//! anything: every format shows the same verdict.

pub mod catalogue;
pub mod csv;
pub mod diff;
pub mod github;
pub mod html;
pub mod json;
pub mod junit;
pub mod markdown;
pub(crate) mod portfolio;
pub mod sarif;
pub(crate) mod spool;
pub(crate) mod stream;
pub mod table;
pub mod xlsx;

use clap::ValueEnum;
use serde::Serialize;

use crate::assessment::Assessment;
use crate::provenance::Provenance;

/// The part of a per-finding report one scheme contributes to a run over
/// many: rendered while its assessment is at hand, joined in order by
/// the report stream (or, for a workbook, kept to the end of the run).
#[derive(Debug, Clone)]
pub enum Part {
    Github(Vec<github::Annotation>),
    Junit(Vec<junit::Suite>),
    Sarif(sarif::Parts),
    /// Kept to the end of the run: a workbook is written whole.
    Xlsx(xlsx::Part),
}

/// Version of the JSON report's layout; bumped on any incompatible change.
pub const REPORT_FORMAT_VERSION: u32 = 1;

/// An assessment with what is needed to reproduce it: what every report shows.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Report<'a> {
    pub format_version: u32,
    pub provenance: &'a Provenance,
    pub assessment: &'a Assessment,
}

impl<'a> Report<'a> {
    pub fn new(provenance: &'a Provenance, assessment: &'a Assessment) -> Self {
        Report {
            format_version: REPORT_FORMAT_VERSION,
            provenance,
            assessment,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Tables for a terminal
    Table,
    /// The whole report as versioned JSON
    Json,
    /// Markdown to paste into a board paper
    Markdown,
    /// One self-contained HTML page to email or print
    Html,
    /// One row per finding, for spreadsheets
    Csv,
    /// GitHub Actions annotations on the lines at fault
    Github,
    /// SARIF 2.1.0 for code-scanning tools
    Sarif,
    /// JUnit XML: a suite per checklist, a case per criterion
    Junit,
    /// An Excel workbook: summary, findings with RAG status, sources (to a file, not a terminal)
    Xlsx,
}

impl Format {
    /// Whether the format is read by a program or a browser rather than on
    /// the terminal, so a one-line summary goes to stderr and nothing else
    /// shares stdout.
    pub fn is_machine(self) -> bool {
        // Every format is named, so a new one must say which it is.
        match self {
            Format::Json
            | Format::Html
            | Format::Csv
            | Format::Github
            | Format::Sarif
            | Format::Junit
            | Format::Xlsx => true,
            Format::Table | Format::Markdown => false,
        }
    }

    /// Whether the report is bytes that are not text, which a terminal
    /// would show as garbage: written only to a file or a pipe.
    pub fn is_binary(self) -> bool {
        match self {
            Format::Xlsx => true,
            Format::Table
            | Format::Json
            | Format::Markdown
            | Format::Html
            | Format::Csv
            | Format::Github
            | Format::Sarif
            | Format::Junit => false,
        }
    }

    /// The report's bytes, as written to standard output or a file: UTF-8
    /// text, or for a binary format ([`Format::is_binary`]) its file.
    pub fn render(self, report: &Report<'_>, table: table::TableOptions) -> Vec<u8> {
        let text = match self {
            Format::Table => table::render(report.assessment, table),
            Format::Json => json::render(report),
            Format::Markdown => markdown::render(report),
            Format::Html => html::render(report),
            Format::Csv => csv::render(report.assessment),
            Format::Github => github::render(report.assessment),
            Format::Sarif => sarif::render(report),
            Format::Junit => junit::render(report),
            Format::Xlsx => return xlsx::render(report),
        };
        self.defuse(text).into_bytes()
    }

    /// Writes `text` defused (see [`Format::defuse`]): a report written in
    /// pieces, each ending a line, is defused as the whole would be.
    pub(crate) fn write_defused(self, text: String, out: &mut dyn std::io::Write) -> std::io::Result<()> {
        out.write_all(self.defuse(text).as_bytes())
    }

    /// The last guard against a line of data that a CI runner printing the
    /// report would run as a command (`::add-mask::…`): only the `github`
    /// format writes such lines. Line breaks in data are already escaped or
    /// folded by each format; this catches data that begins a line.
    pub fn defuse(self, text: String) -> String {
        use crate::text::{defuse_lines, visible_escape};
        match self {
            Format::Table => defuse_lines(text, visible_escape),
            Format::Markdown => defuse_lines(text, |c| format!("\\{c}")),
            Format::Html | Format::Junit => defuse_lines(text, |c| format!("&#{};", c as u32)),
            // JSON and SARIF write every string quoted, so no line can begin
            // with data; CSV fields are neutralised one by one (`csv::field`);
            // `github` writes commands on purpose, with data escaped; an
            // xlsx workbook is a compressed archive, never lines of text.
            Format::Json | Format::Sarif | Format::Csv | Format::Github | Format::Xlsx => text,
        }
    }
}
