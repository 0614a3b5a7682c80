//! A rule in plain words, for `explain`, `list` and reports: combinations
//! bracketed where nested, negations said as their opposite.

use super::*;

impl Rule {
    /// The rule as a part of a combination: bracketed if itself one.
    pub(super) fn describe_part(&self) -> String {
        match self {
            Rule::AllOf(rules) | Rule::AnyOf(rules) if rules.len() > 1 => format!("({})", self.describe()),
            // "where a is recorded, b" reaches to the end of its brackets.
            Rule::IfRecorded { .. } => format!("({})", self.describe()),
            _ => self.describe(),
        }
    }

    /// The rule's opposite in plain words, for `not`.
    fn describe_negated(&self) -> String {
        match self {
            Rule::Present(p) => format!("`{p}` is not recorded"),
            Rule::MinItems { path, n: 1, items } => format!("`{path}` has no entry{}", items.with_words()),
            Rule::AtLeast { path, bound } => format!("`{path}` is below {}", bound.words()),
            Rule::AtMost { path, bound } => format!("`{path}` is above {}", bound.words()),
            Rule::OneOf { path, values } => {
                format!(
                    "`{path}` is not {}",
                    or_list(&values.iter().map(show).collect::<Vec<_>>())
                )
            }
            Rule::BeforeAsOf(p) => format!("`{p}` is after the scheme's as-of date"),
            other => format!("it is not the case that {}", other.describe_part()),
        }
    }

    /// The rule in plain words, for `explain` and reports.
    pub fn describe(&self) -> String {
        match self {
            Rule::Present(p) => format!("`{p}` is recorded"),
            Rule::NonEmpty(p) => format!("`{p}` is recorded and not empty"),
            Rule::MinItems { path, n: 1, items } => format!("`{path}` has an entry{}", items.with_words()),
            Rule::MinItems { path, n, items } => {
                format!("`{path}` has at least {n} entries{}", items.with_words())
            }
            Rule::Every { path, items } => format!("`{path}` has entries and every one has {}", items.requirement()),
            Rule::AtLeast { path, bound } => format!("`{path}` is at least {}", bound.words()),
            Rule::AtMost { path, bound } => format!("`{path}` is at most {}", bound.words()),
            Rule::OneOf { path, values } => {
                format!(
                    "`{path}` is one of {}",
                    values.iter().map(show).collect::<Vec<_>>().join(", ")
                )
            }
            Rule::Equals { path, value } => {
                let is_list = matches!(
                    field_at(SCHEME_FORMAT, path).map(|f| f.kind.resolve()),
                    Some(Kind::List(_))
                );
                format!("`{path}` {} {}", if is_list { "contains" } else { "is" }, show(value))
            }
            Rule::DateOrder(paths) => {
                let quoted: Vec<String> = paths.iter().map(|p| format!("`{p}`")).collect();
                format!("{} are recorded and in that order", quoted.join(" ≤ "))
            }
            Rule::PeriodWeeks { from, to, weeks } => {
                format!("`{from}` to `{to}` spans at least {weeks} weeks")
            }
            // A combination inside another is bracketed, so "a and (b or
            // c)" cannot be read two ways.
            Rule::AllOf(rules) => and_list(&rules.iter().map(Rule::describe_part).collect::<Vec<_>>()),
            Rule::AnyOf(rules) => {
                let parts: Vec<String> = rules.iter().map(Rule::describe_part).collect();
                format!("either {}", parts.join(", or "))
            }
            Rule::Not(inner) => inner.describe_negated(),
            Rule::Each { path, rule } => format!("every entry of `{path}` has: {}", rule.describe()),
            Rule::IfRecorded { path, then } => format!("where `{path}` is recorded, {}", then.describe_part()),
            Rule::BeforeAsOf(p) => format!("`{p}` is on or before the scheme's as-of date"),
            Rule::DateBetween {
                path,
                on_or_after,
                on_or_before,
            } => format!(
                "`{path}` is dated {}",
                crate::text::bounds_words(*on_or_after, *on_or_before)
            ),
            Rule::OutsidePeriods {
                periods,
                from,
                to: None,
            } => {
                format!("`{from}` falls outside every period in `{periods}`")
            }
            Rule::OutsidePeriods {
                periods,
                from,
                to: Some(to),
            } => {
                format!("`{from}` to `{to}` overlaps no period in `{periods}`")
            }
            Rule::Count { path, value_at } => format!("the number of items in `{path}` equals `{value_at}`"),
            Rule::Total { path, key, value_at } => {
                format!("the `{key}` values of `{path}` add up to `{value_at}`")
            }
            Rule::TotalFalls { path, key, to_key } => {
                format!("the `{to_key}` values of `{path}` add up to less than its `{key}` values")
            }
            Rule::Judgement => "a named person attests that it is met (data cannot decide it)".into(),
        }
    }
}
