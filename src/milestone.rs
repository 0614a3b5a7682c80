//! The scheme's key dates along the assurance lifecycle, in date order, so a
//! report can draw the stage-gate timeline the scheme has recorded.

use serde::Serialize;

use crate::document::Node;
use crate::source::{Position, SourceFile};
use crate::stage::Stage;

/// One recorded date on the scheme's path through the gates.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Milestone {
    pub label: &'static str,
    /// The stage whose work the date belongs to.
    pub stage: Stage,
    /// ISO 8601 date, as written in the scheme.
    pub date: String,
    /// On or before the as-of date: done. Later: planned.
    pub done: bool,
    pub path: &'static str,
    pub position: Position,
}

/// The dates a report's timeline shows, by scheme path. A scheme records
/// only some of them; the rest are simply not drawn.
const KEY_DATES: &[(&str, Stage, &str)] = &[
    (
        "engagement.first_public_engagement",
        Stage::Cfc,
        "First public engagement",
    ),
    ("assurance.stage1.date", Stage::S1, "Strategic sense check"),
    (
        "assurance.clinical_senate.review",
        Stage::Pcbc,
        "Clinical senate review",
    ),
    (
        "assurance.clinical_senate.report",
        Stage::Pcbc,
        "Clinical senate report",
    ),
    (
        "assurance.pcbc.approved",
        Stage::Pcbc,
        "Pre-consultation business case approved",
    ),
    ("assurance.stage2.date", Stage::S2, "Stage 2 checkpoint"),
    (
        "scrutiny.consultation_start",
        Stage::Consultation,
        "Scrutiny committee consultation begins",
    ),
    (
        "secretary_of_state.notified",
        Stage::Consultation,
        "Secretary of State notified",
    ),
    ("consultation.start", Stage::Consultation, "Public consultation opens"),
    ("consultation.end", Stage::Consultation, "Public consultation closes"),
    ("assurance.dmbc.date", Stage::Dmbc, "Decision-making business case"),
    ("assurance.decision.date", Stage::Dmbc, "Decision"),
    ("beds.closure_date", Stage::Implementation, "First beds close"),
    ("implementation.go_live", Stage::Implementation, "Go live"),
];

/// The key dates the scheme records, earliest first (ties keep lifecycle order).
pub fn milestones(root: &Node, source: &SourceFile, as_of: jiff::civil::Date) -> Vec<Milestone> {
    let mut found: Vec<Milestone> = KEY_DATES
        .iter()
        .filter_map(|&(path, stage, label)| {
            let node = root.lookup(path)?;
            let date = node.as_date()?;
            Some(Milestone {
                label,
                stage,
                date: date.to_string(),
                done: date <= as_of,
                path,
                position: source.position(node.span.start),
            })
        })
        .collect();
    found.sort_by(|a, b| a.date.cmp(&b.date));
    found
}
