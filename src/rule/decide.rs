//! Deciding a criterion's condition (`applies_when`) in three values: it
//! holds, it fails, or it cannot be decided because a fact it tests is not
//! recorded. An unrecorded fact must never quietly switch a duty off.

use super::{Context, Eval, Rule};

/// What a condition comes to for one scheme.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decision {
    Holds,
    Fails,
    /// The scheme paths whose values are needed and not recorded.
    Unknown(Vec<String>),
}

impl Rule {
    /// Decides the rule as a condition. `all_of` fails as soon as one part
    /// fails, and `any_of` holds as soon as one part holds, whatever is
    /// unrecorded elsewhere; `present` and `non_empty` ask about the record
    /// itself, and `total_falls` reads a list beside other figures, so they
    /// always decide. Any other test of a value that is not
    /// recorded is unknown.
    pub fn decide(&self, cx: &Context<'_>) -> Decision {
        match self {
            Rule::AllOf(rules) => {
                let mut unknown = Vec::new();
                for rule in rules {
                    match rule.decide(cx) {
                        Decision::Fails => return Decision::Fails,
                        Decision::Unknown(paths) => merge(&mut unknown, paths),
                        Decision::Holds => {}
                    }
                }
                if unknown.is_empty() {
                    Decision::Holds
                } else {
                    Decision::Unknown(unknown)
                }
            }
            Rule::AnyOf(rules) => {
                let mut unknown = Vec::new();
                for rule in rules {
                    match rule.decide(cx) {
                        Decision::Holds => return Decision::Holds,
                        Decision::Unknown(paths) => merge(&mut unknown, paths),
                        Decision::Fails => {}
                    }
                }
                if unknown.is_empty() {
                    Decision::Fails
                } else {
                    Decision::Unknown(unknown)
                }
            }
            Rule::Not(inner) => match inner.decide(cx) {
                Decision::Holds => Decision::Fails,
                Decision::Fails => Decision::Holds,
                unknown => unknown,
            },
            Rule::Present(_) | Rule::NonEmpty(_) => from_eval(self.evaluate(cx).eval),
            // Its own path asks about the record: where it is recorded, the
            // inner rule decides.
            Rule::IfRecorded { path, then } => {
                if super::evaluate::is_recorded_for_if(cx.root, path) {
                    then.decide(cx)
                } else {
                    Decision::Holds
                }
            }
            // A total over a list is another reading of figures recorded
            // elsewhere (bed totals beside per-site beds): with no list, it
            // simply does not hold, and the other reading decides; an item
            // with one figure and not the other leaves it unknown.
            Rule::TotalFalls { .. } => {
                let outcome = self.evaluate(cx);
                match outcome.eval {
                    Eval::Met => Decision::Holds,
                    _ if !outcome.missing.is_empty() && outcome.missing[0].contains('[') => {
                        Decision::Unknown(outcome.missing)
                    }
                    _ => Decision::Fails,
                }
            }
            Rule::MinItems { path, n, items } => {
                let Some(list) = cx.root.lookup(path).and_then(crate::document::Node::as_array) else {
                    return Decision::Unknown(vec![path.clone()]);
                };
                // Items that lack a key the filter tests could still pass:
                // the condition is unknown while they could make up `n`.
                let passing = list.iter().filter(|item| items.passes(item)).count();
                let undecided: Vec<String> = list
                    .iter()
                    .enumerate()
                    .filter(|(_, item)| items.has.iter().all(|key| item.lookup(key).is_some()))
                    .filter_map(|(i, item)| {
                        let (key, _) = items.filter.iter().find(|(key, _)| item.lookup(key).is_none())?;
                        Some(format!("{path}[{i}].{key}"))
                    })
                    .collect();
                if passing >= *n {
                    Decision::Holds
                } else if passing + undecided.len() >= *n {
                    Decision::Unknown(undecided)
                } else {
                    Decision::Fails
                }
            }
            leaf => {
                if leaf.evaluate(cx).eval == Eval::Met {
                    return Decision::Holds;
                }
                let unrecorded: Vec<String> = leaf
                    .paths()
                    .into_iter()
                    .filter(|path| cx.root.lookup(path).is_none())
                    .map(str::to_owned)
                    .collect();
                if unrecorded.is_empty() {
                    Decision::Fails
                } else {
                    Decision::Unknown(unrecorded)
                }
            }
        }
    }
}

fn from_eval(eval: Eval) -> Decision {
    if eval == Eval::Met {
        Decision::Holds
    } else {
        Decision::Fails
    }
}

fn merge(into: &mut Vec<String>, paths: Vec<String>) {
    for path in paths {
        if !into.contains(&path) {
            into.push(path);
        }
    }
}
