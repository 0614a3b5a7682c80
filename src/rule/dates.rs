//! Rules about dates: their order, a period's length, a date against the
//! as-of date and against listed periods. A date recorded without its day
//! (`"2017-03"`) is the range of days it may be, and a rule decides on it
//! only where every day of that range gives the same answer.

use jiff::civil::Date;

use super::evaluate::not_recorded;
use super::{Context, Eval, Outcome};
use crate::document::{Node, PartialDate};
use crate::evidence::{DateAt, Dated, Evidence, Fact, PeriodName, Shown, Span};

/// A recorded date as the range of days it may be: one day for a full
/// date, a month or a year for a partial one; and how evidence shows it.
#[derive(Debug, Clone)]
struct Range {
    first: Date,
    last: Date,
    shown: Dated,
}

impl Range {
    fn partial(&self) -> bool {
        self.first != self.last
    }
}

fn at(path: &str, date: &Dated) -> DateAt {
    DateAt {
        path: path.to_owned(),
        date: date.clone(),
    }
}

/// The date at `path` as a range of days. A date recorded without its day
/// (`"2017-03"`) is the whole month (or year): a rule decides on it only
/// where every day of it gives the same answer, and otherwise asks for the
/// day. One recorded only as `"done"` cannot serve a rule that needs its
/// date, and says that.
fn dated_range(cx: &Context<'_>, path: &str) -> Result<Range, Box<Outcome>> {
    let Some(node) = cx.root.lookup(path) else {
        return Err(Box::new(not_recorded(cx, path)));
    };
    match node.partial_date() {
        Some(PartialDate::Done) => {
            let evidence = cx.fact(|| Fact::DoneWithoutDate { path: path.to_owned() });
            let mut outcome = Outcome::new(Eval::NotMet, evidence, path);
            outcome.missing.push(path.to_owned());
            Err(Box::new(outcome))
        }
        Some(PartialDate::Period { text, first, last }) => Ok(Range {
            first,
            last,
            shown: Dated::WithoutDay(text.to_owned()),
        }),
        None => node
            .as_date()
            .map(|d| Range {
                first: d,
                last: d,
                shown: Dated::Day(d),
            })
            .ok_or_else(|| Box::new(not_recorded(cx, path))),
    }
}

/// A rule that a date recorded without its day leaves undecided: not met,
/// with the day asked for (it is missing evidence, not failing evidence).
fn needs_the_day(cx: &Context<'_>, path: &str, found: impl FnOnce() -> Fact) -> Outcome {
    let evidence = cx.fact(|| Fact::NeedsTheDay {
        path: path.to_owned(),
        found: Evidence::from(found()),
    });
    let mut outcome = Outcome::new(Eval::NotMet, evidence, path);
    outcome.missing.push(path.to_owned());
    outcome
}

/// The date at `path` for a rule that takes a date recorded without its day
/// as that period's first day, saying so in its evidence.
fn dated(cx: &Context<'_>, path: &str) -> Result<(Date, Dated), Box<Outcome>> {
    let d = dated_range(cx, path)?;
    let shown = match d.shown {
        Dated::WithoutDay(recorded) => Dated::TakenAs {
            recorded,
            first: d.first,
        },
        shown => shown,
    };
    Ok((d.first, shown))
}

fn date_at(root: &Node, path: &str) -> Option<Date> {
    root.lookup(path).and_then(Node::as_date)
}

pub(super) fn date_order(cx: &Context<'_>, paths: &[String]) -> Outcome {
    let mut dates = Vec::with_capacity(paths.len());
    for path in paths {
        match dated_range(cx, path) {
            Ok(d) => dates.push(d),
            Err(outcome) => return *outcome,
        }
    }
    for (i, pair) in dates.windows(2).enumerate() {
        let (a, b) = (&pair[0], &pair[1]);
        if a.first > b.last {
            let evidence = cx.fact(|| Fact::OutOfOrder {
                first: at(&paths[i], &a.shown),
                then: at(&paths[i + 1], &b.shown),
            });
            return Outcome::new(Eval::NotMet, evidence, &paths[i + 1]);
        }
        if a.last > b.first {
            // Only a date without its day can overlap the other.
            let partial = if a.partial() { &paths[i] } else { &paths[i + 1] };
            return needs_the_day(cx, partial, || Fact::EitherOrder {
                first: at(&paths[i], &a.shown),
                then: at(&paths[i + 1], &b.shown),
            });
        }
    }
    let evidence = cx.fact(|| Fact::InOrder(paths.iter().zip(&dates).map(|(p, d)| at(p, &d.shown)).collect()));
    Outcome::new(Eval::Met, evidence, &paths[paths.len() - 1])
}

pub(super) fn period(cx: &Context<'_>, from: &str, to: &str, weeks: i64) -> Outcome {
    let start = match dated_range(cx, from) {
        Ok(d) => d,
        Err(outcome) => return *outcome,
    };
    let end = match dated_range(cx, to) {
        Ok(d) => d,
        Err(outcome) => return *outcome,
    };
    // Inclusive: the first and the last day both count, as the NHS counts
    // a consultation's length (26 Sep – 18 Dec 2023 is 12 weeks, 84 days).
    let shortest = i64::from((end.first - start.last).get_days()) + 1;
    let longest = i64::from((end.last - start.first).get_days()) + 1;
    let needed = weeks * 7;
    if shortest < needed && longest >= needed {
        let partial = if start.partial() { from } else { to };
        return needs_the_day(cx, partial, || Fact::PeriodUncertain {
            start: start.shown.clone(),
            end: end.shown.clone(),
            weeks,
        });
    }
    let evidence = cx.fact(|| Fact::Period {
        ran: end.last <= cx.as_of,
        shortest,
        longest,
        start: start.shown.clone(),
        end: end.shown.clone(),
        weeks,
    });
    Outcome::met_if(shortest >= needed, evidence, to)
}

/// Whether a date is on or before the as-of date: a date recorded as
/// "done" is; one without its day decides only if its whole month (or
/// year) falls on one side.
pub(super) fn before_as_of(cx: &Context<'_>, path: &str) -> Outcome {
    let as_of = cx.as_of;
    if let Some(PartialDate::Done) = cx.root.lookup(path).and_then(Node::partial_date) {
        return Outcome::new(
            Eval::Met,
            cx.fact(|| Fact::RecordedDone { path: path.to_owned() }),
            path,
        );
    }
    match dated_range(cx, path) {
        Err(outcome) => *outcome,
        Ok(d) if d.first <= as_of && d.last > as_of => needs_the_day(cx, path, || Fact::AsOfUncertain {
            at: at(path, &d.shown),
            as_of,
        }),
        Ok(d) => {
            let evidence = cx.fact(|| Fact::AgainstAsOf {
                at: at(path, &d.shown),
                on_or_before: d.last <= as_of,
                as_of,
            });
            Outcome::met_if(d.last <= as_of, evidence, path)
        }
    }
}

/// Whether a date falls within fixed bounds, both days counted; one
/// recorded without its day decides only if its whole month (or year) falls
/// on one side of each bound.
pub(super) fn date_between(
    cx: &Context<'_>,
    path: &str,
    on_or_after: Option<Date>,
    on_or_before: Option<Date>,
) -> Outcome {
    let d = match dated_range(cx, path) {
        Ok(d) => d,
        Err(outcome) => return *outcome,
    };
    let within =
        |day: Date| on_or_after.is_none_or(|first| day >= first) && on_or_before.is_none_or(|last| day <= last);
    let fact = |within: bool| Fact::Between {
        at: at(path, &d.shown),
        within,
        on_or_after,
        on_or_before,
    };
    let wholly_before = on_or_after.is_some_and(|first| d.last < first);
    let wholly_after = on_or_before.is_some_and(|last| d.first > last);
    if within(d.first) && within(d.last) {
        Outcome::new(Eval::Met, cx.fact(|| fact(true)), path)
    } else if wholly_before || wholly_after {
        Outcome::new(Eval::NotMet, cx.fact(|| fact(false)), path)
    } else {
        // A date without its day that straddles a bound.
        needs_the_day(cx, path, || Fact::BetweenUncertain {
            at: at(path, &d.shown),
            on_or_after,
            on_or_before,
        })
    }
}

pub(super) fn outside_periods(cx: &Context<'_>, periods: &str, from: &str, to: Option<&str>) -> Outcome {
    let (start, start_shown) = match dated(cx, from) {
        Ok(d) => d,
        Err(outcome) => return *outcome,
    };
    let (end, end_shown) = match to {
        Some(to) => match dated(cx, to) {
            Ok(d) => d,
            Err(outcome) => return *outcome,
        },
        None => (start, start_shown.clone()),
    };
    let ours = || {
        if to.is_none() {
            Span::One(at(from, &start_shown))
        } else {
            Span::Range(start_shown.clone(), end_shown.clone())
        }
    };
    let list = cx.root.lookup(periods).and_then(Node::as_array).unwrap_or_default();
    for (i, period) in list.iter().enumerate() {
        let (Some(p_from), Some(p_to)) = (date_at(period, "from"), date_at(period, "to")) else {
            continue;
        };
        if start <= p_to && p_from <= end {
            let evidence = cx.fact(|| Fact::Overlaps {
                ours: ours(),
                period: period.lookup("name").map_or(PeriodName::Numbered(i + 1), |n| {
                    PeriodName::Named(Shown::from(&n.value))
                }),
                from: p_from,
                to: p_to,
                line: cx.line_of(&format!("{periods}[{i}]")),
            });
            return Outcome::new(Eval::NotMet, evidence, from);
        }
    }
    let evidence = cx.fact(|| Fact::OverlapsNone {
        ours: ours(),
        count: list.len(),
        periods: periods.to_owned(),
    });
    Outcome::new(Eval::Met, evidence, from)
}
