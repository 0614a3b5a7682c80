//! Evaluating a rule on a scheme: met, partly met or not, with the evidence
//! found or missing and the place in the file it concerns.

use super::dates::{before_as_of, date_between, date_order, outside_periods, period};
use super::*;
use crate::document::{Node, Value};
use crate::evidence::{Fact, ItemName, Shown};

impl Rule {
    /// Evaluates the rule against a scheme.
    pub fn evaluate(&self, cx: &Context<'_>) -> Outcome {
        let mut outcome = self.evaluate_parts(cx);
        // A test of one value that fails with nothing missing fails on what
        // the scheme records; a combination says so if one of its parts does.
        let leaf = !matches!(
            self,
            Rule::AllOf(_) | Rule::AnyOf(_) | Rule::Not(_) | Rule::IfRecorded { .. }
        );
        if leaf && outcome.eval != Eval::Met && outcome.missing.is_empty() {
            outcome.against = true;
        }
        outcome
    }

    fn evaluate_parts(&self, cx: &Context<'_>) -> Outcome {
        let root = cx.root;
        match self {
            Rule::Present(path) => match root.lookup(path) {
                Some(node) => Outcome::new(Eval::Met, cx.fact(|| recorded(path, node)), path),
                None => not_recorded(cx, path),
            },
            Rule::NonEmpty(path) => match root.lookup(path) {
                Some(node) if is_non_empty(node) => Outcome::new(Eval::Met, cx.fact(|| recorded(path, node)), path),
                Some(_) => {
                    let mut outcome = Outcome::new(Eval::NotMet, cx.fact(|| Fact::Empty { path: path.clone() }), path);
                    outcome.missing.push(path.clone());
                    outcome
                }
                None => not_recorded(cx, path),
            },
            Rule::MinItems { path, n, items } => {
                let Some(list) = root.lookup(path).and_then(Node::as_array) else {
                    return not_recorded(cx, path);
                };
                let count = list.iter().filter(|item| items.passes(item)).count();
                let evidence = cx.fact(|| Fact::Entries {
                    path: path.clone(),
                    count,
                    items: items.clone(),
                    needed: *n,
                });
                let mut outcome = Outcome::met_if(count >= *n, evidence, path);
                if count < *n {
                    outcome.missing.push(format!("{path}{}", items.with_words()));
                }
                outcome
            }
            Rule::Every { path, items } => {
                let Some(list) = root.lookup(path).and_then(Node::as_array).filter(|l| !l.is_empty()) else {
                    return not_recorded(cx, path);
                };
                let failing: Vec<usize> = (0..list.len()).filter(|&i| !items.passes(&list[i])).collect();
                let Some(&first) = failing.first() else {
                    let evidence = cx.fact(|| Fact::EveryEntry {
                        path: path.clone(),
                        one: list.len() == 1,
                        items: items.clone(),
                    });
                    return Outcome::new(Eval::Met, evidence, path);
                };
                let evidence = cx.fact(|| every_falls_short(path, list, items, &failing));
                Outcome::new(Eval::NotMet, evidence, &format!("{path}[{first}]"))
            }
            Rule::AtLeast { path, bound } | Rule::AtMost { path, bound } => {
                let at_least = matches!(self, Rule::AtLeast { .. });
                let Some(found) = root.lookup(path).and_then(Node::as_number) else {
                    return not_recorded(cx, path);
                };
                let Some(limit) = bound.resolve(root) else {
                    let Bound::Path(other) = bound else {
                        unreachable!("constant bounds always resolve")
                    };
                    return not_recorded(cx, other);
                };
                let met = if at_least { found >= limit } else { found <= limit };
                let evidence = cx.fact(|| Fact::Compared {
                    path: path.clone(),
                    found,
                    at_least,
                    limit,
                    bound_path: match bound {
                        Bound::Value(_) => None,
                        Bound::Path(p) => Some(p.clone()),
                    },
                    met,
                });
                Outcome::met_if(met, evidence, path)
            }
            Rule::OneOf { path, values } => {
                let Some(found) = root.lookup(path) else {
                    return not_recorded(cx, path);
                };
                let met = values.iter().any(|v| holds(&found.value, v));
                let evidence = cx.fact(|| {
                    let (path, found) = (path.clone(), Shown::from(&found.value));
                    if met {
                        Fact::Is { path, value: found }
                    } else {
                        let wanted = values.iter().map(Shown::from).collect();
                        Fact::IsNot { path, found, wanted }
                    }
                });
                Outcome::met_if(met, evidence, path)
            }
            Rule::Equals { path, value } => {
                let Some(found) = root.lookup(path) else {
                    return not_recorded(cx, path);
                };
                let met = holds(&found.value, value);
                let evidence = cx.fact(|| {
                    let path = path.clone();
                    match (&found.value, met) {
                        (Value::Array(_), contains) => Fact::Contains {
                            path,
                            value: Shown::from(value),
                            contains,
                        },
                        (_, true) => Fact::Is {
                            path,
                            value: Shown::from(value),
                        },
                        // A yes-or-no needs no "not": the gap says it is wrong.
                        (found @ Value::Bool(_), false) => Fact::IsNot {
                            path,
                            found: Shown::from(found),
                            wanted: Vec::new(),
                        },
                        (found, false) => Fact::IsNot {
                            path,
                            found: Shown::from(found),
                            wanted: vec![Shown::from(value)],
                        },
                    }
                });
                Outcome::met_if(met, evidence, path)
            }
            Rule::DateOrder(paths) => date_order(cx, paths),
            Rule::PeriodWeeks { from, to, weeks } => period(cx, from, to, *weeks),
            Rule::AllOf(rules) => all_of(rules, cx),
            Rule::Not(inner) => {
                let outcome = inner.evaluate(cx);
                let met = outcome.eval != Eval::Met;
                // What the inner rule found is the evidence either way: in a
                // gap it is the fact that should not be so.
                let mut negated = Outcome::met_if(met, outcome.evidence, &outcome.path);
                negated.against = !met;
                negated
            }
            Rule::AnyOf(rules) => any_of(rules, cx),
            Rule::IfRecorded { path, then } => {
                if is_recorded_for_if(root, path) {
                    then.evaluate(cx)
                } else {
                    Outcome::nothing_asked(cx.fact(|| Fact::NothingAsked { path: path.clone() }), path)
                }
            }
            Rule::BeforeAsOf(path) => before_as_of(cx, path),
            Rule::DateBetween {
                path,
                on_or_after,
                on_or_before,
            } => date_between(cx, path, *on_or_after, *on_or_before),
            Rule::OutsidePeriods { periods, from, to } => outside_periods(cx, periods, from, to.as_deref()),
            Rule::Total { path, key, value_at } => total(cx, path, key, value_at),
            Rule::TotalFalls { path, key, to_key } => total_falls(cx, path, key, to_key),
            Rule::Count { path, value_at } => {
                let Some(expected) = root.lookup(value_at).and_then(Node::as_number) else {
                    return not_recorded(cx, value_at);
                };
                let Some(list) = root.lookup(path).and_then(Node::as_array) else {
                    return not_recorded(cx, path);
                };
                #[allow(clippy::cast_precision_loss)] // list lengths are small
                let count = list.len() as f64;
                let agree = (count - expected).abs() < 1e-9;
                let evidence = cx.fact(|| Fact::Count {
                    path: path.clone(),
                    count: list.len(),
                    line: cx.line_of(path),
                    value_at: value_at.clone(),
                    expected,
                    expected_line: cx.line_of(value_at),
                    agree,
                });
                Outcome::met_if(agree, evidence, value_at)
            }
            Rule::Each { path, rule } => each(cx, path, rule),
            Rule::Judgement => Outcome::new(Eval::NotMet, cx.fact(|| Fact::NoJudgement), "attestations"),
        }
    }
}

/// The entries of an `every` rule's list that fail, each by its own name
/// (else its place from 1), with what it lacks and has.
fn every_falls_short(path: &str, list: &[Node], items: &ItemTest, failing: &[usize]) -> Fact {
    let failing = item_names(list, failing)
        .into_iter()
        .zip(failing)
        .map(|(name, &i)| (name, items.shortfall(&list[i])))
        .collect();
    Fact::EntriesShort {
        path: path.to_owned(),
        len: list.len(),
        failing,
    }
}

/// `each`: the rule, its paths moved into each entry of the list in turn,
/// met by every entry; the entries that fall short are named with what
/// they lack.
fn each(cx: &Context<'_>, path: &str, rule: &Rule) -> Outcome {
    let Some(list) = cx.root.lookup(path).and_then(Node::as_array).filter(|l| !l.is_empty()) else {
        return not_recorded(cx, path);
    };
    let outcomes: Vec<Outcome> = (0..list.len())
        .map(|i| rule.within(&format!("{path}[{i}]")).evaluate(cx))
        .collect();
    let failing: Vec<usize> = (0..list.len()).filter(|&i| outcomes[i].eval != Eval::Met).collect();
    let Some(&first) = failing.first() else {
        let evidence = cx.fact(|| Fact::EachMet {
            path: path.to_owned(),
            count: list.len(),
        });
        let mut outcome = Outcome::new(Eval::Met, evidence, path);
        outcome.vacuous = outcomes.iter().all(|o| o.vacuous);
        return outcome;
    };
    let evidence = cx.fact(|| Fact::EachShort {
        path: path.to_owned(),
        len: list.len(),
        failing: item_names(list, &failing)
            .into_iter()
            .zip(&failing)
            .map(|(name, &i)| (name, outcomes[i].evidence.clone()))
            .collect(),
    });
    let mut outcome = Outcome::new(Eval::NotMet, evidence, &outcomes[first].path);
    let short: Vec<&Outcome> = failing.iter().map(|&i| &outcomes[i]).collect();
    merge_missing(&mut outcome, &short);
    outcome.against = short.iter().any(|o| o.against);
    outcome
}

/// The entries at `indices` of a list, each by its `name` (a referral,
/// which has none, by who made it, `by`), with its place from 1 where
/// another entry has the same name; else by its place alone. (Counted once
/// for the list, so a long list of entries short of a rule stays linear.)
fn item_names(list: &[Node], indices: &[usize]) -> Vec<ItemName> {
    fn name_of(item: &Node) -> Option<&str> {
        match &item.lookup("name").or_else(|| item.lookup("by"))?.value {
            Value::String(s) => Some(s),
            _ => None,
        }
    }
    let mut uses: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for name in list.iter().filter_map(name_of) {
        *uses.entry(name).or_default() += 1;
    }
    indices
        .iter()
        .map(|&i| match name_of(&list[i]) {
            Some(name) if uses[name] > 1 => ItemName::NamedAt(name.to_owned(), i + 1),
            Some(name) => ItemName::Named(name.to_owned()),
            None => ItemName::Numbered(i + 1),
        })
        .collect()
}

/// A recorded value as evidence.
fn recorded(path: &str, node: &Node) -> Fact {
    Fact::Recorded {
        path: path.to_owned(),
        value: Shown::from(&node.value),
    }
}

/// Whether `if_recorded` asks its rule: the value is recorded and not
/// empty (an empty list of committees is no committee to answer).
pub(super) fn is_recorded_for_if(root: &Node, path: &str) -> bool {
    root.lookup(path).is_some_and(is_non_empty)
}

pub(super) fn not_recorded(cx: &Context<'_>, path: &str) -> Outcome {
    let mut outcome = Outcome::new(
        Eval::NotMet,
        cx.fact(|| Fact::NotRecorded { path: path.to_owned() }),
        path,
    );
    outcome.missing.push(path.to_owned());
    outcome
}

/// A value "is" the wanted value when equal to it, or, for a list, when the
/// list contains it.
pub(super) fn holds(found: &Value, wanted: &Value) -> bool {
    match found {
        Value::Array(items) => items.iter().any(|i| values_equal(&i.value, wanted)),
        other => values_equal(other, wanted),
    }
}

pub(super) fn number(value: &Value) -> Option<f64> {
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

pub(super) fn matches_filter(item: &Node, filter: &[(String, Value)]) -> bool {
    filter
        .iter()
        .all(|(key, wanted)| item.lookup(key).is_some_and(|found| holds(&found.value, wanted)))
}

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
            let found = cx.fact(|| Fact::AllMet(outcomes.iter().map(|o| o.evidence.clone()).collect()));
            let mut outcome = Outcome::new(Eval::Met, found, outcomes.last().map_or("", |o| &o.path));
            outcome.vacuous = outcomes.iter().all(|o| o.vacuous);
            outcome
        }
        Some(first) => {
            // A part met only because nothing was asked of it is no progress.
            let any_progress = outcomes.iter().any(|o| o.eval != Eval::NotMet && !o.vacuous);
            // The status says "partly met"; the words say what is short.
            let eval = if any_progress { Eval::Partly } else { Eval::NotMet };
            let mut outcome = Outcome::new(
                eval,
                cx.fact(|| Fact::Unmet(unmet.iter().map(|o| o.evidence.clone()).collect())),
                &first.path,
            );
            merge_missing(&mut outcome, &unmet);
            outcome.against = unmet.iter().any(|o| o.against);
            outcome
        }
    }
}

fn any_of(rules: &[Rule], cx: &Context<'_>) -> Outcome {
    let outcomes: Vec<Outcome> = rules.iter().map(|r| r.evaluate(cx)).collect();
    let best = outcomes.iter().max_by_key(|o| o.eval).map_or(Eval::NotMet, |o| o.eval);
    match best {
        // A part met by what is recorded wins over one met because it
        // asked nothing, whatever their order.
        Eval::Met => {
            let first_met = outcomes
                .iter()
                .position(|o| o.eval == best)
                .expect("best comes from outcomes");
            let chosen = outcomes
                .iter()
                .position(|o| o.eval == best && !o.vacuous)
                .unwrap_or(first_met);
            outcomes.into_iter().nth(chosen).expect("chosen comes from outcomes")
        }
        // Not met either way: every alternative says what it found, so the
        // deciding figure (a consultation of ten weeks) is not hidden behind
        // the alternative that came nearer (a reason not yet recorded).
        _ => {
            let nearest = outcomes
                .iter()
                .find(|o| o.eval == best)
                .expect("best comes from outcomes");
            let evidence = cx.fact(|| Fact::Alternatives(outcomes.iter().map(|o| o.evidence.clone()).collect()));
            let mut outcome = Outcome::new(best, evidence, &nearest.path);
            merge_missing(&mut outcome, &outcomes.iter().collect::<Vec<_>>());
            outcome.against = outcomes.iter().any(|o| o.against);
            outcome
        }
    }
}

/// Whether the `to_key` figures of a list add up to less than its `key`
/// figures. An item recording one figure but not the other leaves the
/// totals unknown: it is named as missing. Items recording neither (a site
/// without beds of this kind) take no part.
fn total_falls(cx: &Context<'_>, path: &str, key: &str, to_key: &str) -> Outcome {
    let list = cx.root.lookup(path).and_then(Node::as_array).unwrap_or_default();
    let mut pairs = Vec::new();
    let mut missing = Vec::new();
    for (i, item) in list.iter().enumerate() {
        let before = item.lookup(key).and_then(Node::as_number);
        let after = item.lookup(to_key).and_then(Node::as_number);
        match (before, after) {
            (Some(b), Some(a)) => pairs.push((b, a)),
            (Some(_), None) => missing.push(format!("{path}[{i}].{to_key}")),
            (None, Some(_)) => missing.push(format!("{path}[{i}].{key}")),
            (None, None) => {}
        }
    }
    if !missing.is_empty() {
        let evidence = cx.fact(|| Fact::TotalsNeed {
            path: path.to_owned(),
            key: key.to_owned(),
            to_key: to_key.to_owned(),
            missing: missing.clone(),
        });
        let mut outcome = Outcome::new(Eval::NotMet, evidence, &missing[0]);
        outcome.missing = missing;
        return outcome;
    }
    if pairs.is_empty() {
        return not_recorded(cx, &format!("{path}.{key}"));
    }
    let (before, after): (f64, f64) = pairs.iter().fold((0.0, 0.0), |(b, a), (x, y)| (b + x, a + y));
    let evidence = cx.fact(|| Fact::TotalFalls {
        path: path.to_owned(),
        key: key.to_owned(),
        to_key: to_key.to_owned(),
        before,
        after,
    });
    Outcome::met_if(after < before, evidence, path)
}

fn total(cx: &Context<'_>, path: &str, key: &str, value_at: &str) -> Outcome {
    let Some(expected) = cx.root.lookup(value_at).and_then(Node::as_number) else {
        return not_recorded(cx, value_at);
    };
    let list = cx.root.lookup(path).and_then(Node::as_array).unwrap_or_default();
    let values: Vec<f64> = list
        .iter()
        .filter_map(|item| item.lookup(key).and_then(Node::as_number))
        .collect();
    if values.is_empty() {
        return not_recorded(cx, &format!("{path}.{key}"));
    }
    let sum: f64 = values.iter().sum();
    let agree = (sum - expected).abs() < 1e-9;
    let evidence = cx.fact(|| Fact::Total {
        path: path.to_owned(),
        key: key.to_owned(),
        sum,
        counted: values.len(),
        len: list.len(),
        value_at: value_at.to_owned(),
        expected,
        line: cx.line_of(value_at),
        agree,
    });
    Outcome::met_if(agree, evidence, value_at)
}
