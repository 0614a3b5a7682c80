//! The checklist file format, version 1, described as data for the shared
//! validator: built-in and organisations' checklists are checked the same way.

use super::{Basis, ChecklistKind, Severity};
use crate::schema::{Field, Kind, field, required};
use crate::stage::Stage;

pub const FORMAT_VERSION: i64 = 1;


fn rule_kind() -> &'static Kind {
    crate::rule::operator::rule_kind()
}

const SOURCES: &[Field] = &[
    required("id", Kind::Text, "Short id that criteria use to cite the source.", "\"lga-2015\""),
    required("citation", Kind::Text, "Full citation: author, title, date.", "\"Local Government Association, Shared principles…, October 2015\""),
    field("url", Kind::Text, "Where the source can be read.", "\"https://…\""),
    field("in_force_from", Kind::Date, "Date the source took effect; criteria citing it apply only to schemes judged on or after it.", "2017-04-01"),
    field("in_force_until", Kind::Date, "First day the source no longer applied, if it has ceased.", "2022-07-01"),
    field("in_force_note", Kind::Text, "Why the source has no start date, or what about its dates is not confirmed.", "\"Common law: the principles date from 1985 and apply to every consultation.\""),
];

const FRESHNESS: &[Field] = &[
    required("date", Kind::Text, "Scheme path of the evidence's date.", "\"case_for_change.jsna_date\""),
    required("max_months", Kind::Integer { min: 1, max: 600 }, "Largest age in months, counted back from the as-of date.", "36"),
];

const CRITERIA: &[Field] = &[
    required("id", Kind::Text, "Stable id, unique across all checklists.", "\"LGA-1.1\""),
    required("title", Kind::Text, "Short title.", "\"Care planned around people's needs\""),
    required("question", Kind::Text, "The question an assessor asks.", "\"Is care planned with individuals…?\""),
    field("why", Kind::Text, "Why the criterion matters.", "\"…\""),
    required("evidence", Kind::Text, "The evidence expected.", "\"Patient pathway maps…\""),
    required("guidance", Kind::Text, "How to close the gap.", "\"Record…\""),
    required("source", Kind::Text, "Id of the checklist source the criterion comes from.", "\"lga-2015\""),
    field("earlier", Kind::List(&Kind::Text), "Ids of sources for earlier forms of the same requirement, newest first; a scheme judged before `source` took effect is judged by the form in force then.", "[\"s14z2-ccg\", \"s242-pct\"]"),
    field("reference", Kind::Text, "The part of the source relied on.", "\"principle 1\""),
    required("basis", Kind::Choice(Basis::CODES), "Whether the criterion is a legal duty or expected practice.", "\"expected-practice\""),
    required("gate", Kind::Choice(Stage::CODES), "The stage whose gate the criterion must be met by.", "\"pcbc\""),
    required("severity", Kind::Choice(Severity::CODES), "How serious a gap is.", "\"major\""),
    required("weight", Kind::Integer { min: 1, max: 100 }, "Weight in the checklist's score.", "2"),
    field("applies_when", Kind::Nested(rule_kind), "A rule that must be met for the criterion to apply.", "{ equals = \"beds.significant_reduction\", value = true }"),
    required("rule", Kind::Nested(rule_kind), "The rule that decides whether the criterion is met.", "{ present = \"case_for_change.published.date\" }"),
    field("related", Kind::List(&Kind::Text), "Ids of criteria in other checklists that ask for the same evidence.", "[\"NHSE-T1\"]"),
    field("requires", Kind::List(&Kind::Text), "Ids of criteria that must be met first; while one is not, this one is shown as blocked by it.", "[\"GATE-CS\"]"),
    field("judged_on", Kind::List(&Kind::Text), "Scheme date paths that decide which rules were in force (the first recorded is used; otherwise the as-of date).", "[\"consultation.start\"]"),
    field("fresh", Kind::Table(FRESHNESS), "Evidence that goes stale: met evidence older than this is only partly met.", "{ date = \"case_for_change.jsna_date\", max_months = 36 }"),
    field("covers", Kind::List(&Kind::Text), "Ids of the domain catalogue (domain.md sections 2 and 8) merged into this criterion.", "[\"PROG-ASSURE\"]"),
];

const CHECKLIST: &[Field] = &[
    required("id", Kind::Text, "Short id of the checklist.", "\"LGA\""),
    required("title", Kind::Text, "Title.", "\"LGA shared principles\""),
    required("kind", Kind::Choice(ChecklistKind::CODES), "Kind of framework.", "\"principle\""),
    field("summary", Kind::Text, "What the checklist covers.", "\"…\""),
    field("reviewed", Kind::Date, "Date the law and practice the checklist cites was last reviewed.", "2026-11-29"),
];

const ANNOUNCED: &[Field] = &[
    required("title", Kind::Text, "Short name of the change.", "\"Health Bill 2026\""),
    required("citation", Kind::Text, "What was announced, where, and its state when last seen.", "\"Introduced 14 May 2026; not law when last seen\""),
    field("url", Kind::Text, "Where it can be read.", "\"https://…\""),
    field("affects", Kind::List(&Kind::Text), "Ids of the criteria it would change.", "[\"ROLE-HW\"]"),
];

/// The whole checklist file format.
pub static CHECKLIST_FORMAT: &[Field] = &[
    required("format_version", Kind::Integer { min: FORMAT_VERSION, max: FORMAT_VERSION }, "Version of the checklist file format. Always 1.", "1"),
    required("checklist", Kind::Table(CHECKLIST), "The checklist's identity.", "id = \"LGA\""),
    required("sources", Kind::Tables(SOURCES), "Sources the criteria cite.", "id = \"lga-2015\""),
    required("criteria", Kind::Tables(CRITERIA), "The criteria.", "id = \"LGA-1.1\""),
    field("announced", Kind::Tables(ANNOUNCED), "Changes announced but not in force when the checklist was reviewed.", "title = \"Health Bill 2026\""),
];
