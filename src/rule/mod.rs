//! The closed vocabulary of rules that decide a criterion from a scheme's
//! data, their evaluation, and the evidence each gives in plain words.
//!
//! There is no scripting: a checklist combines these few operators, and the
//! loader checks that every path a rule names exists in the scheme format.

use jiff::civil::Date;

use crate::document::{Node, Value};
use crate::evidence::{Evidence, Fact, Has, ItemShortfall, Lack, Shown};
use crate::schema::{Kind, field_at};
use crate::scheme::format::SCHEME_FORMAT;
use crate::source::SourceFile;
use crate::text::number_words;

pub use decide::Decision;
use evaluate::{holds, matches_filter, number};

#[derive(Debug, Clone, PartialEq)]
pub enum Rule {
    Present(String),
    NonEmpty(String),
    /// At least `n` items of a list; for lists of tables, only items whose
    /// keys match `filter` and that have every key in `has` count.
    MinItems {
        path: String,
        n: usize,
        items: ItemTest,
    },
    /// A non-empty list of tables in which every item passes the test.
    Every {
        path: String,
        items: ItemTest,
    },
    AtLeast {
        path: String,
        bound: Bound,
    },
    AtMost {
        path: String,
        bound: Bound,
    },
    OneOf {
        path: String,
        values: Vec<Value>,
    },
    Equals {
        path: String,
        value: Value,
    },
    DateOrder(Vec<String>),
    PeriodWeeks {
        from: String,
        to: String,
        weeks: i64,
    },
    AllOf(Vec<Rule>),
    AnyOf(Vec<Rule>),
    /// Met when the inner rule is not met (for conditions such as "unless
    /// the transitional exemption applies").
    Not(Box<Rule>),
    /// A date recorded on or before the scheme's as-of date (an event
    /// recorded as done must not be in the future).
    BeforeAsOf(String),
    /// A date recorded within fixed bounds, both days counted (an act under
    /// a power while the power was in force). At least one bound is given.
    DateBetween {
        path: String,
        on_or_after: Option<Date>,
        on_or_before: Option<Date>,
    },
    /// A date, or the range `from`–`to`, falls outside every period in a
    /// list of tables with `from` and `to` dates.
    OutsidePeriods {
        periods: String,
        from: String,
        to: Option<String>,
    },
    /// The values of `key` across a list of tables add up to the number at
    /// `value_at` (figures in two sections agree).
    Total {
        path: String,
        key: String,
        value_at: String,
    },
    /// The values of `to_key` across a list of tables add up to less than
    /// those of `key` (beds after the change, site by site, against beds
    /// now: a net reduction).
    TotalFalls {
        path: String,
        key: String,
        to_key: String,
    },
    /// The number of items in a list equals the number at `value_at`.
    Count {
        path: String,
        value_at: String,
    },
    /// A rule met by every entry of a non-empty list of tables, its paths
    /// read within the entry.
    Each {
        path: String,
        rule: Box<Rule>,
    },
    /// Where the value at `path` is recorded, `then` must be met; where it
    /// is not, nothing is asked (met, and no progress towards a
    /// combination's partial credit).
    IfRecorded {
        path: String,
        then: Box<Rule>,
    },
    /// Decided by a person's attestation, not by data.
    Judgement,
}

impl Rule {
    /// Whether recording more evidence can only move this rule towards met.
    /// False for rules a new value can also spoil: a negation, `every` item
    /// passing, a date outside periods, or two figures that must agree. (An
    /// upper bound only grows: until its value is recorded it is not met.)
    /// The property tests hold the engine to this.
    pub fn only_grows(&self) -> bool {
        match self {
            Rule::Not(_)
            | Rule::Every { .. }
            | Rule::Each { .. }
            | Rule::IfRecorded { .. }
            | Rule::OutsidePeriods { .. }
            | Rule::Total { .. }
            | Rule::TotalFalls { .. }
            | Rule::Count { .. } => false,
            Rule::AllOf(rules) | Rule::AnyOf(rules) => rules.iter().all(Rule::only_grows),
            // Every kind is named, so a new one must say which it is.
            Rule::Present(_)
            | Rule::NonEmpty(_)
            | Rule::MinItems { .. }
            | Rule::AtLeast { .. }
            | Rule::AtMost { .. }
            | Rule::OneOf { .. }
            | Rule::Equals { .. }
            | Rule::DateOrder(_)
            | Rule::PeriodWeeks { .. }
            | Rule::BeforeAsOf(_)
            | Rule::DateBetween { .. }
            | Rule::Judgement => true,
        }
    }
}

/// Which items of a list of tables a rule counts.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ItemTest {
    /// Keys and the values they must have (a list key must contain it).
    pub filter: Vec<(String, Value)>,
    /// Keys that must be present.
    pub has: Vec<String>,
}

impl ItemTest {
    pub(super) fn passes(&self, item: &Node) -> bool {
        matches_filter(item, &self.filter) && self.has.iter().all(|key| item.lookup(key).is_some())
    }

    /// What an item needs, in words: `` `kind` "co-design" and `baseline`
    /// recorded ``, to follow "with" or "has".
    pub(crate) fn requirement(&self) -> String {
        let mut parts: Vec<String> = self.filter.iter().map(|(k, v)| format!("`{k}` {}", show(v))).collect();
        parts.extend(self.has.iter().map(|k| format!("`{k}` recorded")));
        and_list(&parts)
    }

    /// `" with …"`, or nothing when every item counts.
    pub(crate) fn with_words(&self) -> String {
        let requirement = self.requirement();
        if requirement.is_empty() {
            requirement
        } else {
            format!(" with {requirement}")
        }
    }

    /// What one item lacks of the requirement, and what it has.
    pub(super) fn shortfall(&self, item: &Node) -> ItemShortfall {
        let mut short = ItemShortfall::default();
        for (key, wanted) in &self.filter {
            match item.lookup(key) {
                None => short.lacks.push(Lack::NotRecorded(key.clone())),
                Some(found) if holds(&found.value, wanted) => short.has.push(Has::Value {
                    key: key.clone(),
                    value: Shown::from(wanted),
                }),
                Some(found) if matches!(wanted, Value::Bool(_)) => short.lacks.push(Lack::Is {
                    key: key.clone(),
                    found: Shown::from(&found.value),
                }),
                Some(found) => short.lacks.push(Lack::IsNot {
                    key: key.clone(),
                    found: Shown::from(&found.value),
                    wanted: Shown::from(wanted),
                }),
            }
        }
        for key in &self.has {
            if item.lookup(key).is_some() {
                short.has.push(Has::Recorded(key.clone()));
            } else {
                short.lacks.push(Lack::NotRecorded(key.clone()));
            }
        }
        short
    }
}

/// Words joined as a person lists them: "a", "a and b", "a, b and c".
pub(crate) fn and_list(parts: &[String]) -> String {
    match parts {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// Alternatives as a person lists them: "a", "a or b", "a, b or c".
pub(crate) fn or_list(parts: &[String]) -> String {
    match parts {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} or {last}", rest.join(", ")),
    }
}

/// "1 entry", "3 entries", "no entry".
pub(crate) fn entries(n: usize) -> String {
    match n {
        0 => "no entry".into(),
        1 => "1 entry".into(),
        n => format!("{n} entries"),
    }
}

/// What a number is compared with: a constant, or another field's value.
#[derive(Debug, Clone, PartialEq)]
pub enum Bound {
    Value(f64),
    Path(String),
}

impl Bound {
    fn resolve(&self, root: &Node) -> Option<f64> {
        match self {
            Bound::Value(v) => Some(*v),
            Bound::Path(p) => root.lookup(p).and_then(Node::as_number),
        }
    }

    fn words(&self) -> String {
        match self {
            Bound::Value(v) => number_words(*v),
            Bound::Path(p) => format!("`{p}`"),
        }
    }
}

/// In machine-readable reports a rule appears as its plain-words description.
impl serde::Serialize for Rule {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.describe())
    }
}

/// The result of evaluating a rule on a scheme.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Eval {
    NotMet,
    Partly,
    Met,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    pub eval: Eval,
    /// What was found or is missing.
    pub evidence: Evidence,
    /// The scheme path the outcome concerns, for its location in the file.
    pub path: String,
    /// Paths of evidence that is missing (not recorded, or empty), so a
    /// report can show each missing piece once with every criterion it
    /// affects. A wrong value is not missing evidence and is not listed.
    pub missing: Vec<String>,
    /// Whether some unmet part fails on evidence the scheme does record
    /// (a wrong value, dates out of order, too short a period), as against
    /// evidence simply not recorded.
    pub against: bool,
    /// Met only because nothing was asked (`if_recorded` on a value not
    /// recorded, or a combination of such): no progress towards "partly met".
    pub vacuous: bool,
}

/// What a rule is evaluated against: the scheme's document, its as-of date
/// (past dates are done, later ones planned), and its source, so evidence
/// that concerns two places can give the other's line.
#[derive(Debug, Clone, Copy)]
pub struct Context<'a> {
    pub root: &'a Node,
    pub as_of: Date,
    pub source: &'a SourceFile,
    /// Whether evidence is gathered (and so can be put into words). A
    /// portfolio row needs only each criterion's status, and wording the
    /// evidence of every criterion of every scheme was a third of a
    /// portfolio run: without words, no evidence is gathered, and statuses,
    /// paths and missing evidence are exactly as with them.
    pub words: bool,
}

impl Context<'_> {
    /// What `say` gives, or nothing (the default: no evidence, no words)
    /// when evidence is not gathered.
    pub fn say<T: Default>(&self, say: impl FnOnce() -> T) -> T {
        if self.words { say() } else { T::default() }
    }

    /// The evidence `fact` gives, or none when evidence is not gathered.
    pub(crate) fn fact(&self, fact: impl FnOnce() -> Fact) -> Evidence {
        if self.words {
            Evidence::from(fact())
        } else {
            Evidence::default()
        }
    }

    /// The line of the key at `path` (or of the table it would go in).
    fn line_of(&self, path: &str) -> usize {
        let offset = self
            .root
            .key_span(path)
            .map_or(self.root.nearest(path).span.start, |s| s.start);
        self.source.position(offset).line
    }
}

impl Outcome {
    fn new(eval: Eval, evidence: Evidence, path: &str) -> Self {
        Outcome {
            eval,
            evidence,
            path: path.to_owned(),
            missing: Vec::new(),
            against: false,
            vacuous: false,
        }
    }

    /// Met because nothing was asked: no progress towards "partly met".
    fn nothing_asked(evidence: Evidence, path: &str) -> Self {
        Outcome {
            vacuous: true,
            ..Outcome::new(Eval::Met, evidence, path)
        }
    }

    fn met_if(met: bool, evidence: Evidence, path: &str) -> Self {
        Outcome::new(if met { Eval::Met } else { Eval::NotMet }, evidence, path)
    }
}

/// The first sentence of a scheme field's documentation, lower-cased, as a
/// gloss after its path: "`consultation.start` (date public consultation opens)".
pub fn gloss(path: &str) -> String {
    // Evidence text asks for the same few hundred glosses for every scheme
    // of a portfolio: each is worked out once per process.
    type Glosses = std::sync::RwLock<std::collections::HashMap<String, String>>;
    static GLOSSES: std::sync::OnceLock<Glosses> = std::sync::OnceLock::new();
    let glosses = GLOSSES.get_or_init(Default::default);
    if let Some(known) = glosses.read().ok().and_then(|map| map.get(path).cloned()) {
        return known;
    }
    let doc = field_at(SCHEME_FORMAT, path).map_or("", |f| f.doc);
    let first = doc.split(". ").next().unwrap_or("").trim_end_matches('.');
    // A field shared by every document table ("date the document was
    // published") names its own document: "date the plan was published".
    // (`case_for_change.published.date` is the case for change's.)
    // A list item's place (`[2]`) is not part of the name.
    let parent = path
        .rsplit('.')
        .skip(1)
        .find(|p| *p != "published")
        .map(|p| p.split('[').next().unwrap_or(p).replace('_', " "));
    let first = match parent {
        Some(parent) => first.replace("the document", &format!("the {parent}")),
        None => first.to_owned(),
    };
    let mut chars = first.chars();
    let text = match chars.next() {
        Some(c) => format!("`{path}` ({}{})", c.to_lowercase(), chars.as_str()),
        None => format!("`{path}`"),
    };
    if let Ok(mut map) = glosses.write() {
        map.insert(path.to_owned(), text.clone());
    }
    text
}

/// A value as it appears in evidence text. A text of more than 60
/// characters is described by its length, not quoted: evidence is never a
/// truncated quotation, and a long value cannot flood a report (the file
/// holds it, at the line given).
pub fn show(value: &Value) -> String {
    Shown::from(value).to_string()
}

/// Equality across TOML types as a checklist author means it: numbers
/// compare by value whether written as integers or decimals.
pub fn values_equal(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Integer(_) | Value::Float(_), Value::Integer(_) | Value::Float(_)) => {
            number(a).zip(number(b)).is_some_and(|(x, y)| x == y)
        }
        (Value::String(x), Value::String(y)) => x == y,
        (Value::Bool(x), Value::Bool(y)) => x == y,
        (Value::Datetime(x), Value::Datetime(y)) => x == y,
        _ => false,
    }
}

impl Rule {
    /// The operator this rule was written with (its key in the operator table).
    pub fn operator(&self) -> &'static str {
        match self {
            Rule::Present(_) => "present",
            Rule::NonEmpty(_) => "non_empty",
            Rule::MinItems { .. } => "min_items",
            Rule::Every { .. } => "every",
            Rule::AtLeast { .. } => "at_least",
            Rule::AtMost { .. } => "at_most",
            Rule::OneOf { .. } => "one_of",
            Rule::Equals { .. } => "equals",
            Rule::DateOrder(_) => "date_order",
            Rule::PeriodWeeks { .. } => "period_weeks",
            Rule::AllOf(_) => "all_of",
            Rule::AnyOf(_) => "any_of",
            Rule::Not(_) => "not",
            Rule::BeforeAsOf(_) => "before_as_of",
            Rule::DateBetween { .. } => "date_between",
            Rule::OutsidePeriods { .. } => "outside_periods",
            Rule::Total { .. } => "total",
            Rule::TotalFalls { .. } => "total_falls",
            Rule::Count { .. } => "count",
            Rule::Each { .. } => "each",
            Rule::IfRecorded { .. } => "if_recorded",
            Rule::Judgement => "judgement",
        }
    }

    /// Every scheme path the rule reads.
    pub fn paths(&self) -> Vec<&str> {
        match self {
            Rule::Present(p) | Rule::NonEmpty(p) => vec![p],
            Rule::AtLeast {
                path,
                bound: Bound::Path(other),
            }
            | Rule::AtMost {
                path,
                bound: Bound::Path(other),
            } => {
                vec![path, other]
            }
            // The paths of `each`'s rule are read within each entry.
            Rule::MinItems { path, .. }
            | Rule::Every { path, .. }
            | Rule::Each { path, .. }
            | Rule::AtLeast { path, .. }
            | Rule::AtMost { path, .. }
            | Rule::OneOf { path, .. }
            | Rule::Equals { path, .. }
            | Rule::DateBetween { path, .. } => vec![path],
            Rule::DateOrder(paths) => paths.iter().map(String::as_str).collect(),
            Rule::PeriodWeeks { from, to, .. } => vec![from, to],
            Rule::AllOf(rules) | Rule::AnyOf(rules) => rules.iter().flat_map(Rule::paths).collect(),
            Rule::Not(inner) => inner.paths(),
            Rule::IfRecorded { path, then } => std::iter::once(path.as_str()).chain(then.paths()).collect(),
            Rule::BeforeAsOf(p) => vec![p],
            Rule::OutsidePeriods { periods, from, to } => std::iter::once(periods.as_str())
                .chain(std::iter::once(from.as_str()))
                .chain(to.as_deref())
                .collect(),
            Rule::Total { path, value_at, .. } | Rule::Count { path, value_at } => vec![path, value_at],
            Rule::TotalFalls { path, .. } => vec![path],
            Rule::Judgement => vec![],
        }
    }

    /// The rule with every path it reads moved inside `prefix` (one entry
    /// of a list, `scrutiny.joint_committees[1]`), for `each`.
    pub(crate) fn within(&self, prefix: &str) -> Rule {
        let at = |p: &String| format!("{prefix}.{p}");
        let bound = |b: &Bound| match b {
            Bound::Value(v) => Bound::Value(*v),
            Bound::Path(p) => Bound::Path(at(p)),
        };
        match self {
            Rule::Present(p) => Rule::Present(at(p)),
            Rule::NonEmpty(p) => Rule::NonEmpty(at(p)),
            Rule::MinItems { path, n, items } => Rule::MinItems {
                path: at(path),
                n: *n,
                items: items.clone(),
            },
            Rule::Every { path, items } => Rule::Every {
                path: at(path),
                items: items.clone(),
            },
            Rule::AtLeast { path, bound: b } => Rule::AtLeast {
                path: at(path),
                bound: bound(b),
            },
            Rule::AtMost { path, bound: b } => Rule::AtMost {
                path: at(path),
                bound: bound(b),
            },
            Rule::OneOf { path, values } => Rule::OneOf {
                path: at(path),
                values: values.clone(),
            },
            Rule::Equals { path, value } => Rule::Equals {
                path: at(path),
                value: value.clone(),
            },
            Rule::DateOrder(paths) => Rule::DateOrder(paths.iter().map(at).collect()),
            Rule::PeriodWeeks { from, to, weeks } => Rule::PeriodWeeks {
                from: at(from),
                to: at(to),
                weeks: *weeks,
            },
            Rule::AllOf(rules) => Rule::AllOf(rules.iter().map(|r| r.within(prefix)).collect()),
            Rule::AnyOf(rules) => Rule::AnyOf(rules.iter().map(|r| r.within(prefix)).collect()),
            Rule::Not(inner) => Rule::Not(Box::new(inner.within(prefix))),
            Rule::IfRecorded { path, then } => Rule::IfRecorded {
                path: at(path),
                then: Box::new(then.within(prefix)),
            },
            Rule::BeforeAsOf(p) => Rule::BeforeAsOf(at(p)),
            Rule::DateBetween {
                path,
                on_or_after,
                on_or_before,
            } => Rule::DateBetween {
                path: at(path),
                on_or_after: *on_or_after,
                on_or_before: *on_or_before,
            },
            Rule::OutsidePeriods { periods, from, to } => Rule::OutsidePeriods {
                periods: at(periods),
                from: at(from),
                to: to.as_ref().map(at),
            },
            Rule::Total { path, key, value_at } => Rule::Total {
                path: at(path),
                key: key.clone(),
                value_at: at(value_at),
            },
            Rule::TotalFalls { path, key, to_key } => Rule::TotalFalls {
                path: at(path),
                key: key.clone(),
                to_key: to_key.clone(),
            },
            Rule::Count { path, value_at } => Rule::Count {
                path: at(path),
                value_at: at(value_at),
            },
            // An inner `each` reads its own entries' paths.
            Rule::Each { path, rule } => Rule::Each {
                path: at(path),
                rule: rule.clone(),
            },
            Rule::Judgement => Rule::Judgement,
        }
    }
}

pub(crate) mod compile;
mod dates;
mod decide;
mod describe;
mod evaluate;
pub mod operator;

#[cfg(test)]
mod tests;
