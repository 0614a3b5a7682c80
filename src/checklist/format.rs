//! The checklist file format, version 1, described as data for the shared
//! validator: built-in and organisations' checklists are checked the same way.

use super::{Basis, ChecklistKind, Severity};
use crate::schema::{Field, Kind, field, required};
use crate::stage::Stage;

pub const FORMAT_VERSION: i64 = 1;

const PATH: Kind = Kind::Text;

/// The operators of a rule: exactly one per rule table.
pub const OPERATORS: &[&str] = &[
    "present", "non_empty", "min_items", "every", "at_least", "at_most", "one_of", "equals", "date_order", "period_weeks",
    "all_of", "any_of", "not", "before_as_of", "outside_periods", "total", "count", "judgement",
];

static RULE_KIND: Kind = Kind::Table(RULE);

fn rule_kind() -> &'static Kind {
    &RULE_KIND
}

static RULES_KIND: Kind = Kind::Tables(RULE);

fn rules_kind() -> &'static Kind {
    &RULES_KIND
}

/// A rule: one operator key, plus the modifiers that operator takes.
pub static RULE: &[Field] = &[
    field("present", PATH, "Met when the scheme has a value at this path.", "\"consultation.start\""),
    field("non_empty", PATH, "Met when the value at this path is a non-blank string, or a non-empty list or table.", "\"case_for_change.drivers\""),
    field("min_items", PATH, "Met when the list at this path has at least `n` items (passing `where` and `has`, if given).", "\"engagement.activities\""),
    field("n", Kind::Integer { min: 1, max: 10_000 }, "The number of items `min_items` needs.", "2"),
    field("every", PATH, "Met when the list of tables at this path is not empty and every item passes `where` and `has`.", "\"commissioners\""),
    field("where", Kind::Map(&Kind::Scalar), "For `min_items` and `every` over a list of tables: only items whose keys have these values pass (a list key passes if it contains the value).", "{ kind = \"co-design\" }"),
    field("has", Kind::List(&Kind::Text), "For `min_items` and `every` over a list of tables: only items that have all these keys pass.", "[\"baseline\", \"target\"]"),
    field("at_least", PATH, "Met when the number at this path is at least `value` (or the number at `value_at`).", "\"beds.target_occupancy_percent\""),
    field("at_most", PATH, "Met when the number at this path is at most `value` (or the number at `value_at`).", "\"beds.target_occupancy_percent\""),
    field("value", Kind::Scalar, "The value compared by `at_least`, `at_most` and `equals` (for a list, `equals` means it contains the value).", "92"),
    field("value_at", PATH, "For `at_least`, `at_most`, `total` and `count`: compare with the number at this path instead of a constant.", "\"assurance.clinical_senate.recommendations\""),
    field("one_of", PATH, "Met when the value at this path is one of `values`.", "\"scheme.permanence\""),
    field("values", Kind::List(&Kind::Scalar), "The values allowed by `one_of`.", "[\"permanent\"]"),
    field("equals", PATH, "Met when the value at this path equals `value`.", "\"beds.significant_reduction\""),
    field("date_order", Kind::List(&Kind::Text), "Met when the dates at these paths are all recorded and each falls on or before the next.", "[\"assurance.stage2.date\", \"consultation.start\"]"),
    field("period_weeks", Kind::Integer { min: 1, max: 520 }, "Met when the dates at `from` and `to` are at least this many weeks apart.", "12"),
    field("from", PATH, "Start date path for `period_weeks` and `outside_periods`.", "\"consultation.start\""),
    field("to", PATH, "End date path for `period_weeks` and (optionally) `outside_periods`.", "\"consultation.end\""),
    field("all_of", Kind::Nested(rules_kind), "Met when every rule in the list is met; partly met when some are.", "[{ present = \"a\" }, { present = \"b\" }]"),
    field("any_of", Kind::Nested(rules_kind), "Met when at least one rule in the list is met.", "[{ present = \"a\" }, { present = \"b\" }]"),
    field("not", Kind::Nested(rule_kind), "Met when the rule inside is not met (a missing value counts as not met).", "{ equals = \"secretary_of_state.transitional_exemption\", value = true }"),
    field("before_as_of", PATH, "Met when the date at this path is on or before the scheme's as-of date (an event recorded as done is not in the future).", "\"assurance.decision.date\""),
    field("outside_periods", PATH, "Met when the date at `from` (or the range `from`–`to`) overlaps none of the periods in this list of tables with `from` and `to` dates.", "\"consultation.pre_election_periods\""),
    field("total", PATH, "Met when the `key` values across this list of tables add up to the number at `value_at`.", "\"sites\""),
    field("count", PATH, "Met when the number of items in the list at this path equals the number at `value_at`.", "\"options.shortlist\""),
    field("key", Kind::Text, "For `total`: the key of each item to add up.", "\"beds_before\""),
    field("judgement", Kind::Bool, "The criterion needs human judgement: met only by an attestation in the scheme.", "true"),
];

const SOURCES: &[Field] = &[
    required("id", Kind::Text, "Short id that criteria use to cite the source.", "\"lga-2015\""),
    required("citation", Kind::Text, "Full citation: author, title, date.", "\"Local Government Association, Shared principles…, October 2015\""),
    field("url", Kind::Text, "Where the source can be read.", "\"https://…\""),
    field("in_force_from", Kind::Date, "Date the source took effect; criteria citing it apply only to schemes judged on or after it.", "2017-04-01"),
    field("in_force_until", Kind::Date, "Date the source ceased to apply, if it has.", "2024-01-31"),
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
];

/// The whole checklist file format.
pub static CHECKLIST_FORMAT: &[Field] = &[
    required("format_version", Kind::Integer { min: FORMAT_VERSION, max: FORMAT_VERSION }, "Version of the checklist file format. Always 1.", "1"),
    required("checklist", Kind::Table(CHECKLIST), "The checklist's identity.", "id = \"LGA\""),
    required("sources", Kind::Tables(SOURCES), "Sources the criteria cite.", "id = \"lga-2015\""),
    required("criteria", Kind::Tables(CRITERIA), "The criteria.", "id = \"LGA-1.1\""),
];
