//! The closed vocabulary of rules that decide a criterion from a scheme's
//! data, their evaluation, and the evidence each gives in plain words.
//!
//! There is no scripting: a checklist combines these few operators, and the
//! loader checks that every path a rule names exists in the scheme format.

use jiff::civil::Date;

use crate::document::{Node, Value};
use crate::schema::{Kind, field_at};
use crate::scheme::format::SCHEME_FORMAT;
use crate::source::SourceFile;
use crate::text::{date_words, number_words, weeks_words};

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
    /// The number of items in a list equals the number at `value_at`.
    Count {
        path: String,
        value_at: String,
    },
    /// Decided by a person's attestation, not by data.
    Judgement,
}

impl Rule {
    /// Whether recording more evidence can only move this rule towards met.
    /// False for rules a new value can also spoil: a negation, an upper
    /// bound, `every` item passing, a date outside periods, or two figures
    /// that must agree. The property tests hold the engine to this.
    pub fn only_grows(&self) -> bool {
        match self {
            Rule::Not(_)
            | Rule::AtMost { .. }
            | Rule::Every { .. }
            | Rule::OutsidePeriods { .. }
            | Rule::Total { .. }
            | Rule::Count { .. } => false,
            Rule::AllOf(rules) | Rule::AnyOf(rules) => rules.iter().all(Rule::only_grows),
            _ => true,
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
    fn passes(&self, item: &Node) -> bool {
        matches_filter(item, &self.filter) && self.has.iter().all(|key| item.lookup(key).is_some())
    }

    /// What an item needs, in words: `kind = "co-design", baseline recorded`.
    fn requirement(&self) -> String {
        let mut parts: Vec<String> = self.filter.iter().map(|(k, v)| format!("{k} = {}", show(v))).collect();
        parts.extend(self.has.iter().map(|k| format!("{k} recorded")));
        parts.join(", ")
    }

    /// `" with …"`, or nothing when every item counts.
    fn with_words(&self) -> String {
        let requirement = self.requirement();
        if requirement.is_empty() {
            requirement
        } else {
            format!(" with {requirement}")
        }
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
    /// What was found or is missing, in words.
    pub evidence: String,
    /// The scheme path the outcome concerns, for its location in the file.
    pub path: String,
    /// Paths of evidence that is missing (not recorded, or empty), so a
    /// report can show each missing piece once with every criterion it
    /// affects. A wrong value is not missing evidence and is not listed.
    pub missing: Vec<String>,
}

/// What a rule is evaluated against: the scheme's document, its as-of date
/// (past dates are done, later ones planned), and its source, so evidence
/// that concerns two places can give the other's line.
#[derive(Debug, Clone, Copy)]
pub struct Context<'a> {
    pub root: &'a Node,
    pub as_of: Date,
    pub source: &'a SourceFile,
}

impl Context<'_> {
    /// "line 12" for the key at `path` (or the table it would go in).
    fn line_of(&self, path: &str) -> String {
        let offset = self
            .root
            .key_span(path)
            .map_or(self.root.nearest(path).span.start, |s| s.start);
        format!("line {}", self.source.position(offset).line)
    }
}

impl Outcome {
    fn new(eval: Eval, evidence: String, path: &str) -> Self {
        Outcome {
            eval,
            evidence,
            path: path.to_owned(),
            missing: Vec::new(),
        }
    }

    fn met_if(met: bool, evidence: String, path: &str) -> Self {
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

fn not_recorded(path: &str) -> Outcome {
    let mut outcome = Outcome::new(Eval::NotMet, format!("{} not recorded", gloss(path)), path);
    outcome.missing.push(path.to_owned());
    outcome
}

/// A value as it appears in evidence text; long strings are shortened.
pub fn show(value: &Value) -> String {
    match value {
        Value::String(s) if s.chars().count() > 60 => {
            format!("\"{}…\"", s.chars().take(57).collect::<String>())
        }
        Value::String(s) => format!("\"{s}\""),
        Value::Integer(i) => i.to_string(),
        Value::Float(f) => number_words(*f),
        Value::Bool(b) => b.to_string(),
        Value::Datetime(d) => d.to_string(),
        Value::Array(items) => format!("{} entries", items.len()),
        Value::Table(_) => "a table".into(),
    }
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

/// A value "is" the wanted value when equal to it, or, for a list, when the
/// list contains it.
fn holds(found: &Value, wanted: &Value) -> bool {
    match found {
        Value::Array(items) => items.iter().any(|i| values_equal(&i.value, wanted)),
        other => values_equal(other, wanted),
    }
}

fn number(value: &Value) -> Option<f64> {
    match *value {
        #[allow(clippy::cast_precision_loss)] // scheme numbers are far below 2^52
        Value::Integer(i) => Some(i as f64),
        Value::Float(f) => Some(f),
        _ => None,
    }
}

fn is_non_empty(node: &Node) -> bool {
    match &node.value {
        Value::String(s) => !s.trim().is_empty(),
        Value::Array(items) => !items.is_empty(),
        Value::Table(t) => !t.entries.is_empty(),
        _ => true,
    }
}

fn matches_filter(item: &Node, filter: &[(String, Value)]) -> bool {
    filter
        .iter()
        .all(|(key, wanted)| item.lookup(key).is_some_and(|found| holds(&found.value, wanted)))
}

impl Rule {
    /// Evaluates the rule against a scheme.
    pub fn evaluate(&self, cx: &Context<'_>) -> Outcome {
        let (root, as_of) = (cx.root, cx.as_of);
        match self {
            Rule::Present(path) => match root.lookup(path) {
                Some(node) => Outcome::new(Eval::Met, format!("`{path}` recorded: {}", show(&node.value)), path),
                None => not_recorded(path),
            },
            Rule::NonEmpty(path) => match root.lookup(path) {
                Some(node) if is_non_empty(node) => {
                    Outcome::new(Eval::Met, format!("`{path}` recorded: {}", show(&node.value)), path)
                }
                Some(_) => {
                    let mut outcome = Outcome::new(Eval::NotMet, format!("{} is empty", gloss(path)), path);
                    outcome.missing.push(path.clone());
                    outcome
                }
                None => not_recorded(path),
            },
            Rule::MinItems { path, n, items } => {
                let Some(list) = root.lookup(path).and_then(Node::as_array) else {
                    return not_recorded(path);
                };
                let count = list.iter().filter(|item| items.passes(item)).count();
                let mut outcome = Outcome::met_if(
                    count >= *n,
                    format!(
                        "{count} item(s) in `{path}`{}; at least {n} expected",
                        items.with_words()
                    ),
                    path,
                );
                if count < *n {
                    outcome.missing.push(format!("{path}{}", items.with_words()));
                }
                outcome
            }
            Rule::Every { path, items } => {
                let Some(list) = root.lookup(path).and_then(Node::as_array).filter(|l| !l.is_empty()) else {
                    return not_recorded(path);
                };
                let failing: Vec<usize> = (0..list.len()).filter(|&i| !items.passes(&list[i])).collect();
                let Some(&first) = failing.first() else {
                    return Outcome::new(
                        Eval::Met,
                        format!("all {} item(s) in `{path}` have {}", list.len(), items.requirement()),
                        path,
                    );
                };
                let names: Vec<String> = failing
                    .iter()
                    .map(|&i| {
                        list[i]
                            .lookup("name")
                            .map_or_else(|| format!("item {}", i + 1), |n| show(&n.value))
                    })
                    .collect();
                Outcome::new(
                    Eval::NotMet,
                    format!(
                        "{} of {} item(s) in `{path}` lack {}: {}",
                        failing.len(),
                        list.len(),
                        items.requirement(),
                        names.join(", ")
                    ),
                    &format!("{path}[{first}]"),
                )
            }
            Rule::AtLeast { path, bound } | Rule::AtMost { path, bound } => {
                let at_least = matches!(self, Rule::AtLeast { .. });
                let Some(found) = root.lookup(path).and_then(Node::as_number) else {
                    return not_recorded(path);
                };
                let Some(limit) = bound.resolve(root) else {
                    let Bound::Path(other) = bound else {
                        unreachable!("constant bounds always resolve")
                    };
                    return not_recorded(other);
                };
                let met = if at_least { found >= limit } else { found <= limit };
                let word = if at_least { "at least" } else { "at most" };
                let shown = match bound {
                    Bound::Value(_) => number_words(limit),
                    Bound::Path(p) => format!("`{p}` ({})", number_words(limit)),
                };
                Outcome::met_if(
                    met,
                    format!("`{path}` is {}; {word} {shown} expected", number_words(found)),
                    path,
                )
            }
            Rule::OneOf { path, values } => {
                let Some(found) = root.lookup(path) else {
                    return not_recorded(path);
                };
                let met = values.iter().any(|v| holds(&found.value, v));
                let expected: Vec<String> = values.iter().map(show).collect();
                Outcome::met_if(
                    met,
                    format!(
                        "`{path}` is {}; one of {} expected",
                        show(&found.value),
                        expected.join(", ")
                    ),
                    path,
                )
            }
            Rule::Equals { path, value } => {
                let Some(found) = root.lookup(path) else {
                    return not_recorded(path);
                };
                let met = holds(&found.value, value);
                let evidence = match (&found.value, met) {
                    (Value::Array(_), true) => format!("`{path}` contains {}", show(value)),
                    (Value::Array(_), false) => {
                        format!("`{path}` does not contain {}", show(value))
                    }
                    (_, true) => format!("`{path}` is {}", show(value)),
                    (found, false) => format!("`{path}` is {}, not {}", show(found), show(value)),
                };
                Outcome::met_if(met, evidence, path)
            }
            Rule::DateOrder(paths) => date_order(root, paths),
            Rule::PeriodWeeks { from, to, weeks } => period(root, from, to, *weeks, as_of),
            Rule::AllOf(rules) => all_of(rules, cx),
            Rule::Not(inner) => {
                let outcome = inner.evaluate(cx);
                let met = outcome.eval != Eval::Met;
                let evidence = if met {
                    format!("not the case that {}: {}", inner.describe(), outcome.evidence)
                } else {
                    format!("{} (it should not be): {}", inner.describe(), outcome.evidence)
                };
                Outcome::met_if(met, evidence, &outcome.path)
            }
            Rule::AnyOf(rules) => any_of(rules, cx),
            Rule::BeforeAsOf(path) => match date_at(root, path) {
                None => not_recorded(path),
                Some(date) => Outcome::met_if(
                    date <= as_of,
                    format!(
                        "`{path}` ({}) is {} the as-of date ({})",
                        date_words(date),
                        if date <= as_of { "on or before" } else { "after" },
                        date_words(as_of)
                    ),
                    path,
                ),
            },
            Rule::OutsidePeriods { periods, from, to } => outside_periods(cx, periods, from, to.as_deref()),
            Rule::Total { path, key, value_at } => total(cx, path, key, value_at),
            Rule::Count { path, value_at } => {
                let Some(expected) = root.lookup(value_at).and_then(Node::as_number) else {
                    return not_recorded(value_at);
                };
                let Some(list) = root.lookup(path).and_then(Node::as_array) else {
                    return not_recorded(path);
                };
                #[allow(clippy::cast_precision_loss)] // list lengths are small
                let count = list.len() as f64;
                let agree = (count - expected).abs() < 1e-9;
                Outcome::met_if(
                    agree,
                    format!(
                        "`{path}` has {} item(s) ({}), {} `{value_at}` ({}, {})",
                        list.len(),
                        cx.line_of(path),
                        if agree { "matching" } else { "but" },
                        number_words(expected),
                        cx.line_of(value_at)
                    ),
                    value_at,
                )
            }
            Rule::Judgement => Outcome::new(
                Eval::NotMet,
                "needs judgement: no attestation recorded".into(),
                "attestations",
            ),
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
            Rule::MinItems { path, .. }
            | Rule::Every { path, .. }
            | Rule::AtLeast { path, .. }
            | Rule::AtMost { path, .. }
            | Rule::OneOf { path, .. }
            | Rule::Equals { path, .. } => vec![path],
            Rule::DateOrder(paths) => paths.iter().map(String::as_str).collect(),
            Rule::PeriodWeeks { from, to, .. } => vec![from, to],
            Rule::AllOf(rules) | Rule::AnyOf(rules) => rules.iter().flat_map(Rule::paths).collect(),
            Rule::Not(inner) => inner.paths(),
            Rule::BeforeAsOf(p) => vec![p],
            Rule::OutsidePeriods { periods, from, to } => std::iter::once(periods.as_str())
                .chain(std::iter::once(from.as_str()))
                .chain(to.as_deref())
                .collect(),
            Rule::Total { path, value_at, .. } | Rule::Count { path, value_at } => vec![path, value_at],
            Rule::Judgement => vec![],
        }
    }

    /// The rule in plain words, for `explain` and reports.
    pub fn describe(&self) -> String {
        match self {
            Rule::Present(p) => format!("`{p}` is recorded"),
            Rule::NonEmpty(p) => format!("`{p}` is recorded and not empty"),
            Rule::MinItems { path, n, items } => {
                format!("`{path}` has at least {n} item(s){}", items.with_words())
            }
            Rule::Every { path, items } => format!("`{path}` is not empty and every item has {}", items.requirement()),
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
            Rule::AllOf(rules) => format!(
                "all of: {}",
                rules.iter().map(Rule::describe).collect::<Vec<_>>().join("; ")
            ),
            Rule::AnyOf(rules) => format!(
                "any of: {}",
                rules.iter().map(Rule::describe).collect::<Vec<_>>().join("; ")
            ),
            Rule::Not(inner) => format!("not ({})", inner.describe()),
            Rule::BeforeAsOf(p) => format!("`{p}` is on or before the scheme's as-of date"),
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
            Rule::Judgement => "a named person attests that it is met (data cannot decide it)".into(),
        }
    }
}

fn date_at(root: &Node, path: &str) -> Option<Date> {
    root.lookup(path).and_then(Node::as_date)
}

fn date_order(root: &Node, paths: &[String]) -> Outcome {
    let mut dates = Vec::with_capacity(paths.len());
    for path in paths {
        match date_at(root, path) {
            Some(d) => dates.push(d),
            None => return not_recorded(path),
        }
    }
    for (i, pair) in dates.windows(2).enumerate() {
        if pair[0] > pair[1] {
            return Outcome::new(
                Eval::NotMet,
                format!(
                    "`{}` ({}) is after `{}` ({}); it should come first",
                    paths[i],
                    date_words(pair[0]),
                    paths[i + 1],
                    date_words(pair[1])
                ),
                &paths[i + 1],
            );
        }
    }
    let described: Vec<String> = paths
        .iter()
        .zip(&dates)
        .map(|(p, d)| format!("`{p}` ({})", date_words(*d)))
        .collect();
    Outcome::new(
        Eval::Met,
        format!("in order: {}", described.join(", then ")),
        &paths[paths.len() - 1],
    )
}

fn period(root: &Node, from: &str, to: &str, weeks: i64, as_of: Date) -> Outcome {
    let Some(start) = date_at(root, from) else {
        return not_recorded(from);
    };
    let Some(end) = date_at(root, to) else {
        return not_recorded(to);
    };
    // Inclusive: the first and the last day both count, as the NHS counts
    // a consultation's length (26 Sep – 18 Dec 2023 is 12 weeks, 84 days).
    let days = i64::from((end - start).get_days()) + 1;
    let verb = if end <= as_of { "ran" } else { "is planned to run" };
    Outcome::met_if(
        days >= weeks * 7,
        format!(
            "{verb} {} ({days} days, {} – {}, both days counted); at least {weeks} weeks ({} days) expected",
            weeks_words(days),
            date_words(start),
            date_words(end),
            weeks * 7
        ),
        to,
    )
}

/// The most unmet parts of an `all_of` spelled out; the rest are counted,
/// so one finding stays readable in a table cell.
const MAX_PARTS_SHOWN: usize = 3;

fn merge_missing(outcome: &mut Outcome, parts: &[&Outcome]) {
    for part in parts {
        for path in &part.missing {
            if !outcome.missing.contains(path) {
                outcome.missing.push(path.clone());
            }
        }
    }
}

fn all_of(rules: &[Rule], cx: &Context<'_>) -> Outcome {
    let outcomes: Vec<Outcome> = rules.iter().map(|r| r.evaluate(cx)).collect();
    let unmet: Vec<&Outcome> = outcomes.iter().filter(|o| o.eval != Eval::Met).collect();
    match unmet.first() {
        None => {
            let found: Vec<&str> = outcomes.iter().map(|o| o.evidence.as_str()).collect();
            Outcome::new(Eval::Met, found.join("; "), outcomes.last().map_or("", |o| &o.path))
        }
        Some(first) => {
            let any_progress = outcomes.iter().any(|o| o.eval != Eval::NotMet);
            let mut missing: Vec<&str> = unmet
                .iter()
                .take(MAX_PARTS_SHOWN)
                .map(|o| o.evidence.as_str())
                .collect();
            let more = unmet.len().saturating_sub(MAX_PARTS_SHOWN);
            let more_words = format!("and {more} more");
            if more > 0 {
                missing.push(&more_words);
            }
            let eval = if any_progress { Eval::Partly } else { Eval::NotMet };
            let done = outcomes.len() - unmet.len();
            let prefix = if any_progress {
                format!("{done} of {} parts met; ", outcomes.len())
            } else {
                String::new()
            };
            let mut outcome = Outcome::new(eval, format!("{prefix}{}", missing.join("; ")), &first.path);
            merge_missing(&mut outcome, &unmet);
            outcome
        }
    }
}

fn any_of(rules: &[Rule], cx: &Context<'_>) -> Outcome {
    let outcomes: Vec<Outcome> = rules.iter().map(|r| r.evaluate(cx)).collect();
    let best = outcomes.iter().max_by_key(|o| o.eval).map_or(Eval::NotMet, |o| o.eval);
    match best {
        Eval::NotMet => {
            let all: Vec<&str> = outcomes.iter().map(|o| o.evidence.as_str()).collect();
            let path = outcomes.first().map_or("", |o| o.path.as_str()).to_owned();
            let mut outcome = Outcome::new(
                Eval::NotMet,
                format!("none of the alternatives is met: {}", all.join("; or ")),
                &path,
            );
            merge_missing(&mut outcome, &outcomes.iter().collect::<Vec<_>>());
            outcome
        }
        _ => outcomes
            .into_iter()
            .find(|o| o.eval == best)
            .expect("best comes from outcomes"),
    }
}

fn outside_periods(cx: &Context<'_>, periods: &str, from: &str, to: Option<&str>) -> Outcome {
    let Some(start) = date_at(cx.root, from) else {
        return not_recorded(from);
    };
    let end = match to {
        Some(to) => match date_at(cx.root, to) {
            Some(end) => end,
            None => return not_recorded(to),
        },
        None => start,
    };
    let ours = if start == end {
        format!("`{from}` ({})", date_words(start))
    } else {
        format!("{} – {}", date_words(start), date_words(end))
    };
    let list = cx.root.lookup(periods).and_then(Node::as_array).unwrap_or_default();
    for (i, period) in list.iter().enumerate() {
        let (Some(p_from), Some(p_to)) = (date_at(period, "from"), date_at(period, "to")) else {
            continue;
        };
        if start <= p_to && p_from <= end {
            let name = period
                .lookup("name")
                .map_or_else(|| format!("period {}", i + 1), |n| show(&n.value));
            return Outcome::new(
                Eval::NotMet,
                format!(
                    "{ours} overlaps {name} ({} – {}, {})",
                    date_words(p_from),
                    date_words(p_to),
                    cx.line_of(&format!("{periods}[{i}]"))
                ),
                from,
            );
        }
    }
    Outcome::new(
        Eval::Met,
        format!("{ours} overlaps none of the {} period(s) in `{periods}`", list.len()),
        from,
    )
}

fn total(cx: &Context<'_>, path: &str, key: &str, value_at: &str) -> Outcome {
    let Some(expected) = cx.root.lookup(value_at).and_then(Node::as_number) else {
        return not_recorded(value_at);
    };
    let list = cx.root.lookup(path).and_then(Node::as_array).unwrap_or_default();
    let values: Vec<f64> = list
        .iter()
        .filter_map(|item| item.lookup(key).and_then(Node::as_number))
        .collect();
    if values.is_empty() {
        return not_recorded(&format!("{path}.{key}"));
    }
    let sum: f64 = values.iter().sum();
    let counted = if values.len() == list.len() {
        String::new()
    } else {
        format!(" (only {} of {} items record it)", values.len(), list.len())
    };
    let agree = (sum - expected).abs() < 1e-9;
    Outcome::met_if(
        agree,
        format!(
            "`{key}` across `{path}` adds up to {}{counted}, {} `{value_at}` ({}, {})",
            number_words(sum),
            if agree { "matching" } else { "but" },
            number_words(expected),
            cx.line_of(value_at)
        ),
        value_at,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::parse;

    fn eval(rule: &Rule, text: &str) -> Outcome {
        let (root, errors) = parse(text);
        assert!(errors.is_empty(), "{errors:?}");
        let source = SourceFile::new("s.toml", text);
        rule.evaluate(&Context {
            root: &root,
            as_of: Date::new(2025, 6, 1).unwrap(),
            source: &source,
        })
    }

    fn s(text: &str) -> String {
        text.to_owned()
    }

    #[test]
    fn present_needs_the_key() {
        let rule = Rule::Present(s("consultation.start"));
        let met = eval(&rule, "[consultation]\nstart = 2025-01-06\n");
        assert_eq!(met.eval, Eval::Met);
        assert_eq!(met.evidence, "`consultation.start` recorded: 2025-01-06");
        let missing = eval(&rule, "[consultation]\n");
        assert_eq!(missing.eval, Eval::NotMet);
        assert_eq!(
            missing.evidence,
            "`consultation.start` (date public consultation opens) not recorded"
        );
    }

    #[test]
    fn non_empty_rejects_blank_text_and_empty_lists() {
        let rule = Rule::NonEmpty(s("case_for_change.drivers"));
        assert_eq!(eval(&rule, "[case_for_change]\ndrivers = [\"x\"]\n").eval, Eval::Met);
        assert_eq!(eval(&rule, "[case_for_change]\ndrivers = []\n").eval, Eval::NotMet);
        let text = Rule::NonEmpty(s("scheme.summary"));
        assert_eq!(eval(&text, "[scheme]\nsummary = \"  \"\n").eval, Eval::NotMet);
        assert_eq!(eval(&text, "[scheme]\nsummary = \"a\"\n").eval, Eval::Met);
    }

    #[test]
    fn min_items_counts_matching_items_including_list_membership() {
        let rule = Rule::MinItems {
            path: s("engagement.activities"),
            n: 2,
            items: ItemTest {
                filter: vec![(s("groups"), Value::String(s("carers")))],
                has: vec![],
            },
        };
        let text = "[[engagement.activities]]\ngroups = [\"carers\", \"patients\"]\n\
                    [[engagement.activities]]\ngroups = [\"staff\"]\n";
        let one = eval(&rule, text);
        assert_eq!(one.eval, Eval::NotMet);
        assert_eq!(
            one.evidence,
            "1 item(s) in `engagement.activities` with groups = \"carers\"; at least 2 expected"
        );
        let two = format!("{text}[[engagement.activities]]\ngroups = [\"carers\"]\n");
        assert_eq!(eval(&rule, &two).eval, Eval::Met);
    }

    #[test]
    fn numeric_bounds_compare_integers_and_decimals() {
        let most = Rule::AtMost {
            path: s("beds.target_occupancy_percent"),
            bound: Bound::Value(92.0),
        };
        assert_eq!(eval(&most, "[beds]\ntarget_occupancy_percent = 92\n").eval, Eval::Met);
        let over = eval(&most, "[beds]\ntarget_occupancy_percent = 95.5\n");
        assert_eq!(over.eval, Eval::NotMet);
        assert_eq!(
            over.evidence,
            "`beds.target_occupancy_percent` is 95.5; at most 92 expected"
        );
        let least = Rule::AtLeast {
            path: s("options.long_list"),
            bound: Bound::Value(2.0),
        };
        assert_eq!(eval(&least, "[options]\nlong_list = 1\n").eval, Eval::NotMet);
        assert_eq!(eval(&least, "[options]\nlong_list = 2\n").eval, Eval::Met);
    }

    #[test]
    fn bounds_can_be_another_field() {
        let rule = Rule::AtLeast {
            path: s("assurance.clinical_senate.recommendations_answered"),
            bound: Bound::Path(s("assurance.clinical_senate.recommendations")),
        };
        let text = "[assurance.clinical_senate]\nrecommendations = 9\nrecommendations_answered = 7\n";
        let short = eval(&rule, text);
        assert_eq!(short.eval, Eval::NotMet);
        assert_eq!(
            short.evidence,
            "`assurance.clinical_senate.recommendations_answered` is 7; at least `assurance.clinical_senate.recommendations` (9) expected"
        );
        assert_eq!(
            eval(&rule, "[assurance.clinical_senate]\nrecommendations_answered = 7\n").eval,
            Eval::NotMet
        );
    }

    #[test]
    fn every_needs_each_item_to_pass_and_at_least_one_item() {
        let rule = Rule::Every {
            path: s("commissioners"),
            items: ItemTest {
                filter: vec![(s("supports"), Value::Bool(true))],
                has: vec![s("resolution_date")],
            },
        };
        let both = "[[commissioners]]\nname = \"A\"\nsupports = true\nresolution_date = 2024-01-01\n";
        assert_eq!(eval(&rule, both).eval, Eval::Met);
        let second = format!("{both}[[commissioners]]\nname = \"B\"\nsupports = true\n");
        let partial = eval(&rule, &second);
        assert_eq!(partial.eval, Eval::NotMet);
        assert_eq!(
            partial.evidence,
            "1 of 2 item(s) in `commissioners` lack supports = true, resolution_date recorded: \"B\""
        );
        assert_eq!(partial.path, "commissioners[1]");
        assert_eq!(eval(&rule, "commissioners = []\n").eval, Eval::NotMet);
    }

    #[test]
    fn equals_on_a_list_means_contains() {
        let rule = Rule::Equals {
            path: s("beds.conditions_claimed"),
            value: Value::String(s("efficiency")),
        };
        assert_eq!(
            eval(
                &rule,
                "[beds]\nconditions_claimed = [\"new-treatments\", \"efficiency\"]\n"
            )
            .eval,
            Eval::Met
        );
        assert_eq!(
            eval(&rule, "[beds]\nconditions_claimed = [\"new-treatments\"]\n").eval,
            Eval::NotMet
        );
    }

    #[test]
    fn before_as_of_flags_a_future_date_recorded_as_done() {
        let rule = Rule::BeforeAsOf(s("assurance.decision.date"));
        assert_eq!(eval(&rule, "[assurance.decision]\ndate = 2025-06-01\n").eval, Eval::Met);
        let future = eval(&rule, "[assurance.decision]\ndate = 2025-07-15\n");
        assert_eq!(future.eval, Eval::NotMet);
        assert_eq!(
            future.evidence,
            "`assurance.decision.date` (15 Jul 2025) is after the as-of date (1 Jun 2025)"
        );
    }

    #[test]
    fn outside_periods_names_the_overlapping_period_and_its_line() {
        let periods =
            "[[consultation.pre_election_periods]]\nname = \"county elections\"\nfrom = 2025-03-24\nto = 2025-05-01\n";
        let launch = Rule::OutsidePeriods {
            periods: s("consultation.pre_election_periods"),
            from: s("consultation.start"),
            to: None,
        };
        let inside = eval(
            &launch,
            &format!("[consultation]\nstart = 2025-04-07\nend = 2025-06-30\n{periods}"),
        );
        assert_eq!(inside.eval, Eval::NotMet);
        assert_eq!(
            inside.evidence,
            "`consultation.start` (7 Apr 2025) overlaps \"county elections\" (24 Mar 2025 – 1 May 2025, line 4)"
        );
        let before = format!("[consultation]\nstart = 2025-01-06\nend = 2025-03-31\n{periods}");
        assert_eq!(eval(&launch, &before).eval, Eval::Met);
        let range = Rule::OutsidePeriods {
            periods: s("consultation.pre_election_periods"),
            from: s("consultation.start"),
            to: Some(s("consultation.end")),
        };
        let overlapping = eval(&range, &before);
        assert_eq!(overlapping.eval, Eval::NotMet);
        assert!(
            overlapping.evidence.starts_with("6 Jan 2025 – 31 Mar 2025 overlaps"),
            "{}",
            overlapping.evidence
        );
    }

    #[test]
    fn total_compares_figures_in_two_sections_and_names_both() {
        let rule = Rule::Total {
            path: s("sites"),
            key: s("beds_before"),
            value_at: s("beds.baseline"),
        };
        let sites = "[[sites]]\nname = \"A\"\nbeds_before = 30\n[[sites]]\nname = \"B\"\nbeds_before = 50\n";
        assert_eq!(eval(&rule, &format!("{sites}[beds]\nbaseline = 80\n")).eval, Eval::Met);
        let off = eval(&rule, &format!("{sites}[beds]\nbaseline = 90\n"));
        assert_eq!(off.eval, Eval::NotMet);
        assert_eq!(
            off.evidence,
            "`beds_before` across `sites` adds up to 80, but `beds.baseline` (90, line 8)"
        );
        assert_eq!(off.path, "beds.baseline");
    }

    #[test]
    fn count_compares_a_list_with_a_number_elsewhere() {
        let rule = Rule::Count {
            path: s("options.shortlist"),
            value_at: s("consultation.options_consulted"),
        };
        let text = "[options]\nshortlist = [\"A\", \"B\", \"C\"]\n[consultation]\noptions_consulted = 2\n";
        let off = eval(&rule, text);
        assert_eq!(off.eval, Eval::NotMet);
        assert_eq!(
            off.evidence,
            "`options.shortlist` has 3 item(s) (line 2), but `consultation.options_consulted` (2, line 4)"
        );
        assert_eq!(eval(&rule, &text.replace("= 2", "= 3")).eval, Eval::Met);
    }

    #[test]
    fn missing_evidence_is_collected_through_combinators() {
        let rule = Rule::AllOf(vec![
            Rule::Present(s("beds.baseline")),
            Rule::AnyOf(vec![
                Rule::NonEmpty(s("beds.sensitivity_analysis")),
                Rule::Present(s("beds.proposed")),
            ]),
            Rule::Equals {
                path: s("beds.significant_reduction"),
                value: Value::Bool(true),
            },
        ]);
        let outcome = eval(
            &rule,
            "[beds]\nsignificant_reduction = false\nsensitivity_analysis = \"\"\n",
        );
        assert_eq!(
            outcome.missing,
            ["beds.baseline", "beds.sensitivity_analysis", "beds.proposed"]
        );
    }

    #[test]
    fn not_inverts_and_treats_a_missing_value_as_not_the_case() {
        let rule = Rule::Not(Box::new(Rule::Equals {
            path: s("secretary_of_state.transitional_exemption"),
            value: Value::Bool(true),
        }));
        assert_eq!(
            eval(&rule, "[secretary_of_state]\ntransitional_exemption = false\n").eval,
            Eval::Met
        );
        assert_eq!(eval(&rule, "").eval, Eval::Met);
        let exempt = eval(&rule, "[secretary_of_state]\ntransitional_exemption = true\n");
        assert_eq!(exempt.eval, Eval::NotMet);
        assert_eq!(
            exempt.evidence,
            "`secretary_of_state.transitional_exemption` is true (it should not be): `secretary_of_state.transitional_exemption` is true"
        );
    }

    #[test]
    fn one_of_and_equals() {
        let rule = Rule::OneOf {
            path: s("scheme.urgency"),
            values: vec![Value::String(s("planned"))],
        };
        assert_eq!(eval(&rule, "[scheme]\nurgency = \"planned\"\n").eval, Eval::Met);
        assert_eq!(eval(&rule, "[scheme]\nurgency = \"urgent\"\n").eval, Eval::NotMet);
        let eq = Rule::Equals {
            path: s("beds.significant_reduction"),
            value: Value::Bool(true),
        };
        assert_eq!(eval(&eq, "[beds]\nsignificant_reduction = true\n").eval, Eval::Met);
        let no = eval(&eq, "[beds]\nsignificant_reduction = false\n");
        assert_eq!(no.evidence, "`beds.significant_reduction` is false, not true");
    }

    #[test]
    fn date_order_names_both_dates() {
        let rule = Rule::DateOrder(vec![s("assurance.stage2.date"), s("consultation.start")]);
        let ok = "[assurance.stage2]\ndate = 2024-10-22\n[consultation]\nstart = 2025-01-06\n";
        assert_eq!(eval(&rule, ok).eval, Eval::Met);
        let same_day = "[assurance.stage2]\ndate = 2025-01-06\n[consultation]\nstart = 2025-01-06\n";
        assert_eq!(eval(&rule, same_day).eval, Eval::Met);
        let bad = eval(
            &rule,
            "[assurance.stage2]\ndate = 2025-02-01\n[consultation]\nstart = 2025-01-06\n",
        );
        assert_eq!(bad.eval, Eval::NotMet);
        assert_eq!(
            bad.evidence,
            "`assurance.stage2.date` (1 Feb 2025) is after `consultation.start` (6 Jan 2025); it should come first"
        );
        assert_eq!(bad.path, "consultation.start");
        assert_eq!(eval(&rule, "[consultation]\nstart = 2025-01-06\n").eval, Eval::NotMet);
    }

    #[test]
    fn period_weeks_reports_length_and_dates() {
        let rule = Rule::PeriodWeeks {
            from: s("consultation.start"),
            to: s("consultation.end"),
            weeks: 12,
        };
        let short = eval(&rule, "[consultation]\nstart = 2025-01-06\nend = 2025-03-03\n");
        assert_eq!(short.eval, Eval::NotMet);
        assert_eq!(
            short.evidence,
            "ran 8 weeks 1 day (57 days, 6 Jan 2025 – 3 Mar 2025, both days counted); at least 12 weeks (84 days) expected"
        );
        let planned = eval(&rule, "[consultation]\nstart = 2025-05-01\nend = 2025-07-24\n");
        assert_eq!(planned.eval, Eval::Met);
        assert!(planned.evidence.starts_with("is planned to run 12 weeks"));
    }

    /// The NHS stated the children's cancer services consultation, 26 September
    /// to 18 December 2023, as 12 weeks: both ends count, so 84 days meets 12
    /// weeks, one day fewer does not, and one more does.
    #[test]
    fn a_period_counts_its_first_and_last_day() {
        let rule = Rule::PeriodWeeks {
            from: s("consultation.start"),
            to: s("consultation.end"),
            weeks: 12,
        };
        let at = |end: &str| eval(&rule, &format!("[consultation]\nstart = 2023-09-26\nend = {end}\n"));
        let stated = at("2023-12-18");
        assert_eq!(stated.eval, Eval::Met, "{}", stated.evidence);
        assert!(
            stated
                .evidence
                .starts_with("ran 12 weeks (84 days, 26 Sep 2023 – 18 Dec 2023"),
            "{}",
            stated.evidence
        );
        let short = at("2023-12-17");
        assert_eq!(short.eval, Eval::NotMet);
        assert!(short.evidence.contains("(83 days,"), "{}", short.evidence);
        assert_eq!(at("2023-12-19").eval, Eval::Met, "85 days");
    }

    #[test]
    fn all_of_is_partly_met_when_some_parts_are() {
        let rule = Rule::AllOf(vec![
            Rule::Present(s("beds.baseline")),
            Rule::Present(s("beds.proposed")),
        ]);
        assert_eq!(eval(&rule, "[beds]\nbaseline = 1\nproposed = 1\n").eval, Eval::Met);
        let half = eval(&rule, "[beds]\nbaseline = 1\n");
        assert_eq!(half.eval, Eval::Partly);
        assert!(half.evidence.starts_with("1 of 2 parts met; `beds.proposed`"));
        assert_eq!(eval(&rule, "[beds]\n").eval, Eval::NotMet);
    }

    #[test]
    fn any_of_takes_the_best_alternative() {
        let rule = Rule::AnyOf(vec![
            Rule::Present(s("beds.baseline")),
            Rule::Present(s("beds.proposed")),
        ]);
        assert_eq!(eval(&rule, "[beds]\nproposed = 1\n").eval, Eval::Met);
        let none = eval(&rule, "[beds]\n");
        assert_eq!(none.eval, Eval::NotMet);
        assert!(none.evidence.starts_with("none of the alternatives is met"));
    }
}
