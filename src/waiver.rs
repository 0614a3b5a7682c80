//! Waivers: a scheme's recorded decisions that a criterion does not apply
//! or that its gap is accepted. Checked against the checklists before
//! assessment, applied to the findings by the engine, and each one's state
//! (applied, stale, expired, ignored) kept for every report.

use std::ops::Range;

use jiff::civil::Date;
use serde::Serialize;

use crate::checklist::{Basis, Checklist, Criterion, Severity};
use crate::diagnostic::Diagnostic;
use crate::document::Node;
use crate::scheme::Scheme;
use crate::source::Position;
use crate::text::date_words;

/// What a waiver says about its criterion.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum WaiverKind {
    /// The criterion does not apply to this scheme: left out of the score.
    NotApplicable,
    /// The gap is accepted: still scored as not met, but it no longer fails
    /// the run or blocks a gate.
    Accepted,
}

impl WaiverKind {
    pub fn words(self) -> &'static str {
        match self {
            WaiverKind::NotApplicable => "does not apply",
            WaiverKind::Accepted => "accepted as not met",
        }
    }
}

/// One `[[waivers]]` table.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Waiver {
    pub criterion: String,
    pub kind: WaiverKind,
    pub reason: String,
    pub agreed_by: String,
    /// The date agreed, as `YYYY-MM-DD` (ISO 8601); an empty string only in
    /// a file with other problems (the scheme format requires it).
    #[serde(serialize_with = "serialize_date_or_empty")]
    #[schemars(with = "String")]
    pub date: Option<Date>,
    pub reference: Option<String>,
    /// Last day the waiver counts (inclusive), judged against the as-of
    /// date, as `YYYY-MM-DD` (ISO 8601).
    #[serde(serialize_with = "crate::text::serialize_date_opt")]
    #[schemars(with = "Option<String>")]
    pub expires: Option<Date>,
    pub legal_duty_acknowledged: bool,
    /// Where the waiver is in the scheme file.
    pub position: Position,
    #[serde(skip)]
    #[schemars(skip)]
    pub span: Range<usize>,
}

/// A date as `YYYY-MM-DD`, or an empty string where it is not recorded.
fn serialize_date_or_empty<S: serde::Serializer>(date: &Option<Date>, serializer: S) -> Result<S::Ok, S::Error> {
    match date {
        Some(d) => serializer.collect_str(d),
        None => serializer.serialize_str(""),
    }
}

impl Waiver {
    /// The waiver in words, for a finding's evidence.
    pub fn words(&self) -> String {
        let reference = self.reference.as_deref().map_or(String::new(), |r| format!(", {r}"));
        format!(
            "waived ({}) by {} on {}{reference}: {}",
            self.kind.words(),
            self.agreed_by,
            self.date.map(date_words).unwrap_or_default(),
            self.reason
        )
    }

    /// "until 31 Mar 2025 (inclusive)", or "no expiry".
    pub fn expiry_words(&self) -> String {
        self.expires.map_or_else(
            || "no expiry".to_owned(),
            |e| format!("until {} (inclusive)", date_words(e)),
        )
    }
}

/// What became of a waiver in this assessment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum WaiverState {
    /// It matched an open gap, which is shown as waived.
    Applied,
    /// Its criterion has no gap to waive (met, or not applicable anyway).
    Stale,
    /// Its expiry date is before the as-of date; the criterion is assessed as usual.
    Expired,
    /// Waivers were switched off for this run (`--no-waivers`).
    Ignored,
}

impl WaiverState {
    pub fn words(self) -> &'static str {
        match self {
            WaiverState::Applied => "applied",
            WaiverState::Stale => "stale",
            WaiverState::Expired => "expired",
            WaiverState::Ignored => "ignored",
        }
    }
}

/// A waiver and what became of it.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct WaiverOutcome {
    #[serde(flatten)]
    pub waiver: Waiver,
    pub state: WaiverState,
    /// Why it is in that state, in words.
    pub note: String,
}

/// The waivers recorded in a scheme, in file order.
pub fn waivers(scheme: &Scheme) -> Vec<Waiver> {
    waivers_in(&scheme.root, &scheme.source)
}

/// The waivers in a scheme's tree (one that may have other problems).
pub fn waivers_in(root: &Node, source: &crate::source::SourceFile) -> Vec<Waiver> {
    let text = |node: &Node, key: &str| node.lookup(key).and_then(Node::as_str).unwrap_or_default().to_owned();
    let date = |node: &Node, key: &str| node.lookup(key).and_then(Node::as_date);
    root.lookup("waivers")
        .and_then(Node::as_array)
        .unwrap_or_default()
        .iter()
        .map(|n| {
            let span = n.lookup("criterion").map_or(n.span.clone(), |c| c.span.clone());
            Waiver {
                criterion: text(n, "criterion"),
                kind: if text(n, "kind") == "accepted" {
                    WaiverKind::Accepted
                } else {
                    WaiverKind::NotApplicable
                },
                reason: text(n, "reason"),
                agreed_by: text(n, "agreed_by"),
                date: date(n, "date"),
                reference: n.lookup("reference").and_then(Node::as_str).map(str::to_owned),
                expires: date(n, "expires"),
                legal_duty_acknowledged: n.lookup("legal_duty_acknowledged").and_then(Node::as_bool) == Some(true),
                position: source.position(span.start),
                span,
            }
        })
        .collect()
}

/// Checks the scheme's waivers against the checklists: each names a known
/// criterion, once, with a reason; a blocker that is a legal duty needs
/// `legal_duty_acknowledged = true`.
pub fn check(scheme: &Scheme, checklists: &[Checklist]) -> Vec<Diagnostic> {
    check_in(&scheme.root, &scheme.source, checklists)
}

/// As [`check`], on a scheme's tree (one that may have other problems).
pub fn check_in(root: &Node, source: &crate::source::SourceFile, checklists: &[Checklist]) -> Vec<Diagnostic> {
    let criteria: Vec<&Criterion> = checklists.iter().flat_map(|c| &c.criteria).collect();
    let mut seen: Vec<String> = Vec::new();
    let mut problems = Vec::new();
    let tables = root.lookup("waivers").and_then(Node::as_array).unwrap_or_default();
    for (waiver, table) in waivers_in(root, source).into_iter().zip(tables) {
        let id = waiver.criterion.as_str();
        // A reason that is missing or not text is the format's problem to report.
        let blank_reason = table
            .lookup("reason")
            .and_then(Node::as_str)
            .is_some_and(|r| r.trim().is_empty());
        if blank_reason {
            problems.push(
                Diagnostic::new(
                    "waiver-without-reason",
                    waiver.span.clone(),
                    format!("the waiver of `{id}` gives no reason"),
                    "no reason",
                )
                .note("help: write in `reason` why the criterion does not apply or why the gap is accepted"),
            );
        }
        match criteria.iter().find(|c| c.id == id) {
            None => {
                let problem = Diagnostic::new(
                    "unknown-criterion",
                    waiver.span.clone(),
                    format!("waiver names criterion `{id}`, which no checklist has"),
                    "unknown criterion",
                );
                // A suggestion compares with every id: only for the problems shown.
                let problem = if problems.len() < crate::diagnostic::MAX_SHOWN {
                    problem.suggest(id, criteria.iter().map(|c| c.id.as_str()))
                } else {
                    problem
                };
                problems.push(problem.note("help: `reassure list` shows every criterion id"));
            }
            Some(_) if seen.iter().any(|s| s == id) => problems.push(Diagnostic::new(
                "duplicate-waiver",
                waiver.span.clone(),
                format!("criterion `{id}` is waived more than once"),
                "second waiver",
            )),
            Some(c) => {
                seen.push(id.to_owned());
                if c.basis == Basis::LegalDuty && c.severity == Severity::Blocker && !waiver.legal_duty_acknowledged {
                    problems.push(
                        Diagnostic::new(
                            "legal-duty-waiver",
                            waiver.span.clone(),
                            format!("`{id}` is a blocker that rests on a legal duty; waiving it needs an acknowledgement"),
                            "legal duty",
                        )
                        .note(format!("`{id}`: {}", c.title))
                        .note("help: add `legal_duty_acknowledged = true` to the waiver once the decision has been taken knowing the duty is statutory"),
                    );
                }
            }
        }
    }
    problems
}
