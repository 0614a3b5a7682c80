//! Rules about dates: their order, a period's length, a date against the
//! as-of date and against listed periods. A date recorded without its day
//! (`"2017-03"`) is the range of days it may be, and a rule decides on it
//! only where every day of that range gives the same answer.

use jiff::civil::Date;

use super::evaluate::not_recorded;
use super::{Context, Eval, Outcome, gloss, show};
use crate::document::{Node, PartialDate};
use crate::text::{date_words, weeks_words};

/// A recorded date as the range of days it may be: one day for a full
/// date, a month or a year for a partial one; and its words.
#[derive(Debug, Clone)]
struct Dated {
    first: Date,
    last: Date,
    words: String,
    /// The text of a date recorded without its day (`2017-03`).
    recorded: Option<String>,
}

impl Dated {
    fn partial(&self) -> bool {
        self.first != self.last
    }
}

/// The date at `path` as a range of days. A date recorded without its day
/// (`"2017-03"`) is the whole month (or year): a rule decides on it only
/// where every day of it gives the same answer, and otherwise asks for the
/// day. One recorded only as `"done"` cannot serve a rule that needs its
/// date, and says that.
fn dated_range(cx: &Context<'_>, path: &str) -> Result<Dated, Outcome> {
    let Some(node) = cx.root.lookup(path) else {
        return Err(not_recorded(cx, path));
    };
    match node.partial_date() {
        Some(PartialDate::Done) => {
            let evidence = cx.say(|| {
                format!(
                    "{} is recorded as done without its date, which this rule needs",
                    gloss(path)
                )
            });
            let mut outcome = Outcome::new(Eval::NotMet, evidence, path);
            outcome.missing.push(path.to_owned());
            Err(outcome)
        }
        Some(PartialDate::Period { text, first, last }) => Ok(Dated {
            first,
            last,
            words: cx.say(|| format!("recorded as {text}, without its day")),
            recorded: Some(text.to_owned()),
        }),
        None => node
            .as_date()
            .map(|d| Dated {
                first: d,
                last: d,
                words: cx.say(|| date_words(d)),
                recorded: None,
            })
            .ok_or_else(|| not_recorded(cx, path)),
    }
}

/// A rule that a date recorded without its day leaves undecided: not met,
/// with the day asked for (it is missing evidence, not failing evidence).
fn needs_the_day(cx: &Context<'_>, path: &str, evidence: impl FnOnce() -> String) -> Outcome {
    let evidence = cx.say(|| format!("{}: record the day of `{path}`", evidence()));
    let mut outcome = Outcome::new(Eval::NotMet, evidence, path);
    outcome.missing.push(path.to_owned());
    outcome
}

/// The date at `path` for a rule that takes a date recorded without its day
/// as that period's first day, saying so in its words.
fn dated(cx: &Context<'_>, path: &str) -> Result<(Date, String), Outcome> {
    let d = dated_range(cx, path)?;
    let words = match &d.recorded {
        Some(text) => cx.say(|| format!("recorded as {text}, taken as {}", date_words(d.first))),
        None => d.words,
    };
    Ok((d.first, words))
}

fn date_at(root: &Node, path: &str) -> Option<Date> {
    root.lookup(path).and_then(Node::as_date)
}

pub(super) fn date_order(cx: &Context<'_>, paths: &[String]) -> Outcome {
    let mut dates = Vec::with_capacity(paths.len());
    for path in paths {
        match dated_range(cx, path) {
            Ok(d) => dates.push(d),
            Err(outcome) => return outcome,
        }
    }
    for (i, pair) in dates.windows(2).enumerate() {
        let (a, b) = (&pair[0], &pair[1]);
        if a.first > b.last {
            let evidence = cx.say(|| {
                format!(
                    "`{}` ({}) comes after `{}` ({}), not before it",
                    paths[i],
                    a.words,
                    paths[i + 1],
                    b.words
                )
            });
            return Outcome::new(Eval::NotMet, evidence, &paths[i + 1]);
        }
        if a.last > b.first {
            // Only a date without its day can overlap the other.
            let partial = if a.partial() { &paths[i] } else { &paths[i + 1] };
            return needs_the_day(cx, partial, || {
                format!(
                    "`{}` ({}) may fall before or after `{}` ({})",
                    paths[i],
                    a.words,
                    paths[i + 1],
                    b.words
                )
            });
        }
    }
    let evidence = cx.say(|| {
        let described: Vec<String> = paths
            .iter()
            .zip(&dates)
            .map(|(p, d)| format!("`{p}` ({})", d.words))
            .collect();
        format!("in order: {}", described.join(", then "))
    });
    Outcome::new(Eval::Met, evidence, &paths[paths.len() - 1])
}

pub(super) fn period(cx: &Context<'_>, from: &str, to: &str, weeks: i64) -> Outcome {
    let start = match dated_range(cx, from) {
        Ok(d) => d,
        Err(outcome) => return outcome,
    };
    let end = match dated_range(cx, to) {
        Ok(d) => d,
        Err(outcome) => return outcome,
    };
    // Inclusive: the first and the last day both count, as the NHS counts
    // a consultation's length (26 Sep – 18 Dec 2023 is 12 weeks, 84 days).
    let shortest = i64::from((end.first - start.last).get_days()) + 1;
    let longest = i64::from((end.last - start.first).get_days()) + 1;
    let needed = weeks * 7;
    if shortest < needed && longest >= needed {
        let partial = if start.partial() { from } else { to };
        return needs_the_day(cx, partial, || {
            format!(
                "the period {} – {} may be shorter or longer than {weeks} weeks",
                start.words, end.words
            )
        });
    }
    let evidence = cx.say(|| {
        let verb = if end.last <= cx.as_of {
            "ran"
        } else {
            "is planned to run"
        };
        let length = if shortest == longest {
            format!(
                "{} ({shortest} days, {} – {}",
                weeks_words(shortest),
                start.words,
                end.words
            )
        } else {
            format!("between {shortest} and {longest} days ({} – {}", start.words, end.words)
        };
        format!("{verb} {length}, both days counted); at least {weeks} weeks ({needed} days) needed")
    });
    Outcome::met_if(shortest >= needed, evidence, to)
}

/// Whether a date is on or before the as-of date: a date recorded as
/// "done" is; one without its day decides only if its whole month (or
/// year) falls on one side.
pub(super) fn before_as_of(cx: &Context<'_>, path: &str) -> Outcome {
    let as_of = cx.as_of;
    if let Some(PartialDate::Done) = cx.root.lookup(path).and_then(Node::partial_date) {
        return Outcome::new(Eval::Met, cx.say(|| format!("`{path}` is recorded as done")), path);
    }
    match dated_range(cx, path) {
        Err(outcome) => outcome,
        Ok(d) if d.first <= as_of && d.last > as_of => needs_the_day(cx, path, || {
            format!(
                "`{path}` ({}) may fall before or after the as-of date ({})",
                d.words,
                date_words(as_of)
            )
        }),
        Ok(d) => {
            let evidence = cx.say(|| {
                format!(
                    "`{path}` ({}) is {} the as-of date ({})",
                    d.words,
                    if d.last <= as_of { "on or before" } else { "after" },
                    date_words(as_of)
                )
            });
            Outcome::met_if(d.last <= as_of, evidence, path)
        }
    }
}

pub(super) fn outside_periods(cx: &Context<'_>, periods: &str, from: &str, to: Option<&str>) -> Outcome {
    let (start, start_words) = match dated(cx, from) {
        Ok(d) => d,
        Err(outcome) => return outcome,
    };
    let (end, end_words) = match to {
        Some(to) => match dated(cx, to) {
            Ok(d) => d,
            Err(outcome) => return outcome,
        },
        None => (start, start_words.clone()),
    };
    let ours = || {
        if to.is_none() {
            format!("`{from}` ({start_words})")
        } else {
            format!("{start_words} – {end_words}")
        }
    };
    let list = cx.root.lookup(periods).and_then(Node::as_array).unwrap_or_default();
    for (i, period) in list.iter().enumerate() {
        let (Some(p_from), Some(p_to)) = (date_at(period, "from"), date_at(period, "to")) else {
            continue;
        };
        if start <= p_to && p_from <= end {
            let evidence = cx.say(|| {
                let name = period
                    .lookup("name")
                    .map_or_else(|| format!("period {}", i + 1), |n| show(&n.value));
                format!(
                    "{} overlaps {name} ({} – {}, {})",
                    ours(),
                    date_words(p_from),
                    date_words(p_to),
                    cx.line_of(&format!("{periods}[{i}]"))
                )
            });
            return Outcome::new(Eval::NotMet, evidence, from);
        }
    }
    let evidence = cx.say(|| {
        format!(
            "{} overlaps none of the {} in `{periods}`",
            ours(),
            match list.len() {
                1 => "1 period".to_owned(),
                n => format!("{n} periods"),
            }
        )
    });
    Outcome::new(Eval::Met, evidence, from)
}
