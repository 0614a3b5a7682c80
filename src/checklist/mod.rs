//! Checklists and their criteria: what an assessor checks, where each check
//! comes from, and the rule the engine evaluates for it.
//!
//! Checklists are data (`checklists/*.toml`); this module holds their
//! compiled, validated form.

pub mod builtin;
#[rustfmt::skip] // a table of field descriptions, one per line
pub mod format;
pub mod load;
pub mod set;

use serde::Serialize;

use crate::rule::Rule;
use crate::source::Position;
use crate::stage::Stage;

/// A named set of criteria from one framework.
#[derive(Debug, Clone, Serialize)]
pub struct Checklist {
    pub id: String,
    pub title: String,
    pub kind: ChecklistKind,
    pub summary: String,
    pub sources: Vec<Source>,
    pub criteria: Vec<Criterion>,
    /// Name of the file the checklist was loaded from.
    pub file: String,
    /// Where the checklist's id is written, for "first defined here" notes.
    #[serde(skip)]
    pub id_at: Position,
    #[serde(skip)]
    pub id_span: std::ops::Range<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ChecklistKind {
    StatutoryDuty,
    NationalTest,
    AssuranceGuidance,
    Principle,
    Lessons,
    /// An organisation's own criteria.
    Local,
}

impl ChecklistKind {
    pub const CODES: &'static [&'static str] = &[
        "statutory-duty",
        "national-test",
        "assurance-guidance",
        "principle",
        "lessons",
        "local",
    ];
}

/// Where a criterion comes from.
#[derive(Debug, Clone, Serialize)]
pub struct Source {
    pub id: String,
    /// Full citation: author, title, date.
    pub citation: String,
    pub url: Option<String>,
    /// When the source took effect, for duties and tests that started on a
    /// date (the bed test from 1 April 2017, Schedule 10A from 31 January 2024).
    #[serde(serialize_with = "crate::text::serialize_date_opt")]
    pub in_force_from: Option<jiff::civil::Date>,
    /// When it ceased, for powers that ended.
    #[serde(serialize_with = "crate::text::serialize_date_opt")]
    pub in_force_until: Option<jiff::civil::Date>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Criterion {
    pub id: String,
    pub title: String,
    /// The question an assessor asks.
    pub question: String,
    /// Why the criterion matters.
    pub why: String,
    /// The evidence expected.
    pub evidence: String,
    /// How to close the gap.
    pub guidance: String,
    /// Index into the checklist's sources.
    pub source: usize,
    /// The part of the source relied on (a section, principle or paragraph).
    pub reference: String,
    pub basis: Basis,
    /// The gate by which the criterion must be met.
    pub gate: Stage,
    pub severity: Severity,
    pub weight: u32,
    /// When present, the criterion applies only where this rule is met.
    pub applies_when: Option<Rule>,
    pub rule: Rule,
    /// Ids of criteria in other checklists that ask for the same evidence.
    pub related: Vec<String>,
    /// Ids of criteria that must be met first; while one is not, this
    /// criterion is shown as blocked by it rather than as a second gap.
    pub requires: Vec<String>,
    /// Scheme date paths that decide which rules were in force for the
    /// scheme (the first one recorded is used; otherwise the as-of date).
    pub judged_on: Vec<String>,
    /// Evidence that goes stale: the date path and the largest age allowed.
    pub fresh: Option<Freshness>,
    /// Ids in the domain catalogue (`domain.md` sections 2 and 8) that this
    /// criterion covers, beyond its own id: the mapping of merged criteria.
    pub covers: Vec<String>,
    /// Where the criterion's id is written in its file, and its byte range,
    /// so a clash between two files can name both places.
    #[serde(skip)]
    pub id_at: Position,
    #[serde(skip)]
    pub id_span: std::ops::Range<usize>,
}

/// A maximum age for a piece of evidence.
#[derive(Debug, Clone, Serialize)]
pub struct Freshness {
    pub date: String,
    pub max_months: u32,
}

/// Whether a criterion rests on law or on expected practice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Basis {
    LegalDuty,
    ExpectedPractice,
}

impl Basis {
    pub const CODES: &'static [&'static str] = &["legal-duty", "expected-practice"];

    pub fn words(self) -> &'static str {
        match self {
            Basis::LegalDuty => "legal duty",
            Basis::ExpectedPractice => "expected practice",
        }
    }
}

/// How serious a gap is. Ordered: `Minor < Major < Blocker`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Severity {
    Minor,
    Major,
    Blocker,
}

impl Severity {
    pub const CODES: &'static [&'static str] = &["minor", "major", "blocker"];

    pub fn code(self) -> &'static str {
        Self::CODES[self as usize]
    }
}
