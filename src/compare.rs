//! Comparing two assessments of one scheme — two versions of the file, or
//! a run against a saved JSON report — to show what improved, what
//! regressed, how each checklist's score moved and which gates changed.

use serde::{Deserialize, Serialize};

use crate::assessment::{Assessment, Rating, Status};
use crate::stage::Stage;

/// What a comparison needs from an assessment; also read back from a JSON
/// report, so a saved report can serve as a baseline.
#[derive(Debug, Clone, Deserialize)]
pub struct Snapshot {
    pub scheme: String,
    pub stage: Stage,
    pub rating: Rating,
    pub overall: ScoreSnapshot,
    pub scores: Vec<ScoreSnapshot>,
    pub findings: Vec<FindingSnapshot>,
    pub gates: Vec<GateSnapshot>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct ScoreSnapshot {
    pub checklist: String,
    pub title: String,
    pub percent: Option<f64>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct FindingSnapshot {
    pub criterion: String,
    pub title: String,
    pub status: Status,
}

#[derive(Debug, Clone, Deserialize)]
pub struct GateSnapshot {
    pub stage: Stage,
    pub ready: bool,
}

impl Snapshot {
    pub fn of(a: &Assessment) -> Snapshot {
        let score = |s: &crate::assessment::Score| ScoreSnapshot {
            checklist: s.checklist.clone(),
            title: s.title.clone(),
            percent: s.percent,
        };
        Snapshot {
            scheme: a.scheme.clone(),
            stage: a.stage,
            rating: a.rating,
            overall: score(&a.overall),
            scores: a.scores.iter().map(score).collect(),
            findings: a
                .findings
                .iter()
                .map(|f| FindingSnapshot {
                    criterion: f.criterion.clone(),
                    title: f.title.clone(),
                    status: f.status,
                })
                .collect(),
            gates: a
                .gates
                .iter()
                .map(|g| GateSnapshot {
                    stage: g.stage,
                    ready: g.ready,
                })
                .collect(),
        }
    }

    /// Reads the assessment out of a JSON report (`check --format json`).
    pub fn from_report_json(text: &str) -> Result<Snapshot, BaselineError> {
        #[derive(Deserialize)]
        struct Saved {
            format_version: u32,
            assessment: serde_json::Value,
        }
        let saved: Saved = serde_json::from_str(text).map_err(BaselineError::NotJson)?;
        if saved.format_version != crate::report::REPORT_FORMAT_VERSION {
            return Err(BaselineError::Version(saved.format_version));
        }
        serde_json::from_value(saved.assessment).map_err(BaselineError::NotAReport)
    }
}

/// Why a saved report cannot serve as a baseline.
#[derive(Debug, thiserror::Error)]
pub enum BaselineError {
    #[error("not a reassure JSON report (line {line}, column {column}): {0}", line = .0.line(), column = .0.column())]
    NotJson(#[source] serde_json::Error),
    #[error(
        "report format version {0} is not the one this reassure reads ({current})",
        current = crate::report::REPORT_FORMAT_VERSION
    )]
    Version(u32),
    #[error("not a reassure JSON report: {0}")]
    NotAReport(#[source] serde_json::Error),
}

/// How complete a status is, where that is comparable: not applicable and
/// not yet due say nothing about progress.
fn rank(status: Status) -> Option<u8> {
    match status {
        Status::Met => Some(3),
        Status::PartlyMet => Some(2),
        Status::NeedsJudgement => Some(1),
        Status::NotMet | Status::Blocked => Some(0),
        // A waiver is a decision, not progress or a fall; recording the fact
        // that makes a criterion's applicability unknown may show it applies
        // and is not met, which is news rather than a fall.
        Status::NotApplicable | Status::NotYetDue | Status::Waived | Status::Unknown => None,
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct StatusChange {
    pub criterion: String,
    pub title: String,
    pub before: Option<Status>,
    pub after: Option<Status>,
}

#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct ScoreChange {
    pub checklist: String,
    pub title: String,
    pub before: Option<f64>,
    pub after: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct GateChange {
    pub stage: Stage,
    pub before: bool,
    pub after: bool,
}

/// Everything that changed between two assessments.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Comparison {
    pub scheme: String,
    pub stage: (Stage, Stage),
    pub rating: (Rating, Rating),
    pub overall: (Option<f64>, Option<f64>),
    /// Criteria that moved towards met.
    pub improved: Vec<StatusChange>,
    /// Criteria that moved away from met: what `--fail-on-regression` fails on.
    pub regressed: Vec<StatusChange>,
    /// Other status changes, such as becoming applicable or due.
    pub changed: Vec<StatusChange>,
    /// Checklists whose score moved.
    pub scores: Vec<ScoreChange>,
    /// Gates whose readiness changed.
    pub gates: Vec<GateChange>,
}

impl Comparison {
    /// A met (or more nearly met) criterion fell back, or the rating dropped.
    pub fn is_regression(&self) -> bool {
        !self.regressed.is_empty() || self.rating.1 < self.rating.0
    }

    pub fn is_empty(&self) -> bool {
        self.improved.is_empty()
            && self.regressed.is_empty()
            && self.changed.is_empty()
            && self.scores.is_empty()
            && self.gates.is_empty()
            && self.rating.0 == self.rating.1
            && self.stage.0 == self.stage.1
    }
}

pub fn compare(before: &Snapshot, after: &Snapshot) -> Comparison {
    let mut improved = Vec::new();
    let mut regressed = Vec::new();
    let mut changed = Vec::new();
    // In the newer catalogue's order, then criteria that disappeared.
    let old_status = |id: &str| before.findings.iter().find(|f| f.criterion == id);
    for new in &after.findings {
        let old = old_status(&new.criterion).map(|f| f.status);
        if old == Some(new.status) {
            continue;
        }
        let change = StatusChange {
            criterion: new.criterion.clone(),
            title: new.title.clone(),
            before: old,
            after: Some(new.status),
        };
        match (old.and_then(rank), rank(new.status)) {
            (Some(o), Some(n)) if n > o => improved.push(change),
            (Some(o), Some(n)) if n < o => regressed.push(change),
            // Met once, now not applicable or not due: not a regression.
            (None, Some(3)) => improved.push(change),
            _ => changed.push(change),
        }
    }
    for old in &before.findings {
        if !after.findings.iter().any(|f| f.criterion == old.criterion) {
            changed.push(StatusChange {
                criterion: old.criterion.clone(),
                title: old.title.clone(),
                before: Some(old.status),
                after: None,
            });
        }
    }
    let scores = after
        .scores
        .iter()
        .filter_map(|new| {
            let old = before.scores.iter().find(|s| s.checklist == new.checklist);
            let old_percent = old.and_then(|s| s.percent);
            let moved = match (old_percent, new.percent) {
                (Some(a), Some(b)) => (a - b).abs() > 1e-9,
                (a, b) => a.is_some() != b.is_some(),
            };
            moved.then(|| ScoreChange {
                checklist: new.checklist.clone(),
                title: new.title.clone(),
                before: old_percent,
                after: new.percent,
            })
        })
        .collect();
    let gates = after
        .gates
        .iter()
        .filter_map(|new| {
            let old = before.gates.iter().find(|g| g.stage == new.stage)?;
            (old.ready != new.ready).then_some(GateChange {
                stage: new.stage,
                before: old.ready,
                after: new.ready,
            })
        })
        .collect();
    Comparison {
        scheme: after.scheme.clone(),
        stage: (before.stage, after.stage),
        rating: (before.rating, after.rating),
        overall: (before.overall.percent, after.overall.percent),
        improved,
        regressed,
        changed,
        scores,
        gates,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn snapshot(statuses: &[(&str, Status)], rating: Rating) -> Snapshot {
        Snapshot {
            scheme: "s".into(),
            stage: Stage::Pcbc,
            rating,
            overall: ScoreSnapshot {
                checklist: "overall".into(),
                title: "All".into(),
                percent: Some(50.0),
            },
            scores: Vec::new(),
            findings: statuses
                .iter()
                .map(|(id, status)| FindingSnapshot {
                    criterion: (*id).into(),
                    title: String::new(),
                    status: *status,
                })
                .collect(),
            gates: Vec::new(),
        }
    }

    #[test]
    fn moves_towards_met_improve_and_away_regress() {
        let before = snapshot(
            &[
                ("A", Status::NotMet),
                ("B", Status::Met),
                ("C", Status::NotApplicable),
                ("D", Status::PartlyMet),
            ],
            Rating::Amber,
        );
        let after = snapshot(
            &[
                ("A", Status::Met),
                ("B", Status::Blocked),
                ("C", Status::NotMet),
                ("D", Status::PartlyMet),
            ],
            Rating::Amber,
        );
        let c = compare(&before, &after);
        let ids = |v: &[StatusChange]| v.iter().map(|c| c.criterion.clone()).collect::<Vec<_>>();
        assert_eq!(ids(&c.improved), ["A"]);
        assert_eq!(ids(&c.regressed), ["B"]);
        assert_eq!(
            ids(&c.changed),
            ["C"],
            "becoming applicable is a change, not a regression"
        );
        assert!(c.is_regression());
        let same = compare(&before, &before);
        assert!(same.is_empty() && !same.is_regression());
    }

    #[test]
    fn a_lower_rating_is_a_regression() {
        let before = snapshot(&[("A", Status::Met)], Rating::Green);
        let after = snapshot(&[("A", Status::Met)], Rating::Amber);
        assert!(compare(&before, &after).is_regression());
        assert!(!compare(&after, &before).is_regression());
    }
}
