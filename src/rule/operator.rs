//! The operator table: every rule kind a checklist can use, defined once.
//! An entry gives the operator's key, the kind of its operand, what it means
//! and an example (its place in the checklist format, so validation, docs
//! and diagnostics follow), the other keys it takes, and the step that
//! compiles it into a [`Rule`]. Evaluation, description and
//! code generation match on `Rule`, so the compiler names any they miss.
//!
//! Adding a rule kind: README's "Design" section has the recipe (a `Rule`
//! variant, an entry here and any new key in [`MODIFIERS`], its compile step,
//! the arms the compiler then asks for, its evidence `Fact`, and a row in
//! `checklists/README.md`).

use std::sync::LazyLock;

use super::Rule;
use super::compile::{self, Compiler, Operands};
use crate::schema::{Field, Kind, field};

/// A path into the scheme format, such as `consultation.start`.
const PATH: Kind = Kind::Text;

/// One rule kind.
pub struct Operator {
    /// The operator's key in a rule table: its operand's kind, meaning and
    /// an example.
    pub field: Field,
    /// The other keys of the rule table it takes (from [`MODIFIERS`]).
    pub takes: &'static [&'static str],
    /// Builds the rule from its table, reporting every problem.
    pub(crate) compile: fn(&mut Compiler<'_>, &Operands<'_>) -> Rule,
}

static RULE_KIND: LazyLock<Kind> = LazyLock::new(|| Kind::Table(fields()));
static RULES_KIND: LazyLock<Kind> = LazyLock::new(|| Kind::Tables(fields()));

/// A rule, as a value in the checklist format.
pub fn rule_kind() -> &'static Kind {
    &RULE_KIND
}

/// A list of rules.
fn rules_kind() -> &'static Kind {
    &RULES_KIND
}

/// Every rule kind, in the order the docs list them.
#[rustfmt::skip]
pub static OPERATORS: &[Operator] = &[
    Operator {
        field: field("present", PATH, "Met when the scheme has a value at this path.", "\"consultation.start\""),
        takes: &[],
        compile: compile::present,
    },
    Operator {
        field: field("non_empty", PATH, "Met when the value at this path is a non-blank string, or a non-empty list or table.", "\"case_for_change.drivers\""),
        takes: &[],
        compile: compile::non_empty,
    },
    Operator {
        field: field("min_items", PATH, "Met when the list at this path has at least `n` items (passing `where` and `has`, if given).", "\"engagement.activities\""),
        takes: &["n", "where", "has"],
        compile: compile::min_items,
    },
    Operator {
        field: field("every", PATH, "Met when the list of tables at this path is not empty and every item passes `where` and `has`.", "\"commissioners\""),
        takes: &["where", "has"],
        compile: compile::every,
    },
    Operator {
        field: field("each", PATH, "Met when the list of tables at this path is not empty and `rule` is met for every entry, its paths read within the entry (`authorities`, not `scrutiny.joint_committees.authorities`).", "\"scrutiny.joint_committees\""),
        takes: &["rule"],
        compile: compile::each,
    },
    Operator {
        field: field("at_least", PATH, "Met when the number at this path is at least `value` (or the number at `value_at`).", "\"beds.target_occupancy_percent\""),
        takes: &["value", "value_at"],
        compile: compile::at_least,
    },
    Operator {
        field: field("at_most", PATH, "Met when the number at this path is at most `value` (or the number at `value_at`).", "\"beds.target_occupancy_percent\""),
        takes: &["value", "value_at"],
        compile: compile::at_most,
    },
    Operator {
        field: field("one_of", PATH, "Met when the value at this path is one of `values`.", "\"scheme.permanence\""),
        takes: &["values"],
        compile: compile::one_of_values,
    },
    Operator {
        field: field("equals", PATH, "Met when the value at this path equals `value`.", "\"beds.significant_reduction\""),
        takes: &["value"],
        compile: compile::equals,
    },
    Operator {
        field: field("date_order", Kind::List(&Kind::Text), "Met when the dates at these paths are all recorded and each falls on or before the next.", "[\"assurance.stage2.date\", \"consultation.start\"]"),
        takes: &[],
        compile: compile::date_order,
    },
    Operator {
        field: field("period_weeks", Kind::Integer { min: 1, max: 520 }, "Met when the period from the date at `from` to the date at `to`, both days counted, is at least this many weeks.", "12"),
        takes: &["from", "to"],
        compile: compile::period_weeks,
    },
    Operator {
        field: field("all_of", Kind::Nested(rules_kind), "Met when every rule in the list is met; partly met when some are.", "[{ present = \"consultation.start\" }, { present = \"consultation.end\" }]"),
        takes: &[],
        compile: compile::all_of,
    },
    Operator {
        field: field("any_of", Kind::Nested(rules_kind), "Met when at least one rule in the list is met.", "[{ present = \"consultation.shorter_reason\" }, { present = \"consultation.end\" }]"),
        takes: &[],
        compile: compile::any_of,
    },
    Operator {
        field: field("not", Kind::Nested(rule_kind), "Met when the rule inside is not met (a missing value counts as not met).", "{ equals = \"secretary_of_state.transitional_exemption\", value = true }"),
        takes: &[],
        compile: compile::not,
    },
    Operator {
        field: field("before_as_of", PATH, "Met when the date at this path is on or before the scheme's as-of date (an event recorded as done is not in the future).", "\"assurance.decision.date\""),
        takes: &[],
        compile: compile::before_as_of,
    },
    Operator {
        field: field("date_between", PATH, "Met when the date at this path is on or after `on_or_after` and on or before `on_or_before` (fixed dates; one may be left out), as an act under a power must fall while the power was in force.", "\"consultation.start\""),
        takes: &["on_or_after", "on_or_before"],
        compile: compile::date_between,
    },
    Operator {
        field: field("outside_periods", PATH, "Met when the date at `from` (or the range `from`–`to`) overlaps none of the periods in this list of tables with `from` and `to` dates.", "\"consultation.pre_election_periods\""),
        takes: &["from", "to"],
        compile: compile::outside_periods,
    },
    Operator {
        field: field("total", PATH, "Met when the `key` values across this list of tables add up to the number at `value_at`.", "\"sites\""),
        takes: &["key", "value_at"],
        compile: compile::total,
    },
    Operator {
        field: field("total_falls", PATH, "Met when the `to_key` values across this list of tables add up to less than its `key` values.", "\"sites\""),
        takes: &["key", "to_key"],
        compile: compile::total_falls,
    },
    Operator {
        field: field("count", PATH, "Met when the number of items in the list at this path equals the number at `value_at`.", "\"options.shortlist\""),
        takes: &["value_at"],
        compile: compile::count,
    },
    Operator {
        field: field("if_recorded", PATH, "Where the value at this path is recorded, met when `then` is met; where it is not, met with nothing asked, and no progress towards a combination's \"partly met\".", "\"scrutiny.joint_committee.nhs_response_due\""),
        takes: &["then"],
        compile: compile::if_recorded,
    },
    Operator {
        field: field("judgement", Kind::Bool, "The criterion needs human judgement: met only by an attestation in the scheme.", "true"),
        takes: &[],
        compile: compile::judgement,
    },
];

/// The keys an operator may take besides its own.
#[rustfmt::skip]
pub static MODIFIERS: &[Field] = &[
    field("n", Kind::Integer { min: 1, max: 10_000 }, "The number of items `min_items` needs.", "2"),
    field("where", Kind::Map(&Kind::Scalar), "For `min_items` and `every` over a list of tables: only items whose keys have these values pass (a list key passes if it contains the value).", "{ kind = \"co-design\" }"),
    field("has", Kind::List(&Kind::Text), "For `min_items` and `every` over a list of tables: only items that have all these keys pass.", "[\"baseline\", \"target\"]"),
    field("value", Kind::Scalar, "The value compared by `at_least`, `at_most` and `equals` (for a list, `equals` means it contains the value).", "92"),
    field("value_at", PATH, "For `at_least`, `at_most`, `total` and `count`: compare with the number at this path instead of a constant.", "\"assurance.clinical_senate.recommendations\""),
    field("values", Kind::List(&Kind::Scalar), "The values allowed by `one_of`.", "[\"permanent\"]"),
    field("from", PATH, "Start date path for `period_weeks` and `outside_periods`.", "\"consultation.start\""),
    field("to", PATH, "End date path for `period_weeks` and (optionally) `outside_periods`.", "\"consultation.end\""),
    field("on_or_after", Kind::Date, "For `date_between`: the first day allowed.", "2013-04-01"),
    field("on_or_before", Kind::Date, "For `date_between`: the last day allowed.", "2024-01-30"),
    field("key", Kind::Text, "For `total` and `total_falls`: the key of each item to add up.", "\"beds_before\""),
    field("to_key", Kind::Text, "For `total_falls`: the key whose total must be the smaller.", "\"beds_after\""),
    field("then", Kind::Nested(rule_kind), "For `if_recorded`: the rule that must be met where the value is recorded.", "{ date_order = [\"scrutiny.joint_committee.nhs_response_date\", \"scrutiny.joint_committee.nhs_response_due\"] }"),
    field("rule", Kind::Nested(rule_kind), "For `each`: the rule every entry must meet, with paths inside the entry.", "{ min_items = \"authorities\", n = 2 }"),
];

/// A rule table's keys for the validator: every operator, then every
/// modifier.
pub fn fields() -> &'static [Field] {
    static FIELDS: LazyLock<Vec<Field>> = LazyLock::new(|| {
        OPERATORS
            .iter()
            .map(|op| op.field)
            .chain(MODIFIERS.iter().copied())
            .collect()
    });
    &FIELDS
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_modifier_is_taken_by_some_operator_and_every_taken_key_exists() {
        for modifier in MODIFIERS {
            assert!(
                OPERATORS.iter().any(|op| op.takes.contains(&modifier.name)),
                "`{}` is taken by no operator",
                modifier.name
            );
        }
        for op in OPERATORS {
            for key in op.takes {
                assert!(
                    MODIFIERS.iter().any(|m| m.name == *key),
                    "`{}` takes unknown `{key}`",
                    op.field.name
                );
            }
        }
    }

    #[test]
    fn every_operator_compiles_its_own_example_to_its_own_kind() {
        // Modifiers an example needs to be a whole rule.
        let extra = |name: &str| match name {
            "min_items" => ", n = 1",
            "at_least" | "at_most" => ", value = 1",
            "equals" => ", value = true",
            "one_of" => ", values = [\"permanent\"]",
            "period_weeks" => ", from = \"consultation.start\", to = \"consultation.end\"",
            "outside_periods" => ", from = \"consultation.start\"",
            "total" => ", key = \"beds_before\", value_at = \"beds.baseline\"",
            "total_falls" => ", key = \"beds_before\", to_key = \"beds_after\"",
            "count" => ", value_at = \"consultation.options_consulted\"",
            "each" => ", rule = { min_items = \"authorities\", n = 2 }",
            "if_recorded" => ", then = { present = \"scrutiny.joint_committee.nhs_response_date\" }",
            "date_between" => ", on_or_after = 2013-04-01, on_or_before = 2024-01-30",
            _ => "",
        };
        for op in OPERATORS {
            let name = op.field.name;
            let text = format!("rule = {{ {name} = {}{} }}\n", op.field.example, extra(name));
            let (root, problems) = crate::document::parse(&text);
            assert!(problems.is_empty(), "{name}: {problems:?}");
            let mut diagnostics = Vec::new();
            let rule = Compiler::new(&mut diagnostics).rule(root.lookup("rule").expect("rule"));
            assert_eq!(
                rule.operator(),
                name,
                "{name} compiled to another kind: {diagnostics:?}"
            );
            // The example in the checklist guide is a whole, valid rule,
            // and the operator says what it means.
            assert!(diagnostics.is_empty(), "{name}'s example has problems: {diagnostics:?}");
            assert!(!op.field.doc.trim().is_empty(), "{name} has no meaning");
        }
    }
}
