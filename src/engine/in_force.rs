//! Law and practice in time: whether a criterion's source was in force on
//! the date that decides it, and whether met evidence has gone stale.

use jiff::civil::Date;

use crate::checklist::{Checklist, Criterion};
use crate::scheme::Scheme;
use crate::text::date_words;

/// The date that decides which rules apply to a criterion: the first of its
/// `judged_on` dates the scheme records, else the scheme's as-of date; with
/// the path it came from.
fn deciding_date<'c>(scheme: &Scheme, criterion: &'c Criterion) -> (Date, &'c str) {
    criterion
        .judged_on
        .iter()
        .find_map(|p| {
            scheme
                .root
                .lookup(p)
                .and_then(crate::document::Node::as_date)
                .map(|d| (d, p.as_str()))
        })
        .unwrap_or((scheme.as_of, "as_of"))
}

/// Why a criterion's source was not in force for this scheme, if it was not.
pub(super) fn out_of_force(scheme: &Scheme, checklist: &Checklist, criterion: &Criterion) -> Option<(String, String)> {
    let source = &checklist.sources[criterion.source];
    if source.in_force_from.is_none() && source.in_force_until.is_none() {
        return None;
    }
    let (date, path) = deciding_date(scheme, criterion);
    let path = path.to_owned();
    let judged = format!("judged on `{path}` ({})", date_words(date));
    if let Some(from) = source.in_force_from.filter(|from| date < *from) {
        return Some((
            format!("its source took effect on {}; {judged}, before then", date_words(from)),
            path,
        ));
    }
    if let Some(until) = source.in_force_until.filter(|until| date >= *until) {
        return Some((
            format!("its source ceased on {}; {judged}, after then", date_words(until)),
            path,
        ));
    }
    None
}

/// The rules in time that applied: "in force from 1 Apr 2017; judged on …".
pub(super) fn in_force_words(scheme: &Scheme, checklist: &Checklist, criterion: &Criterion) -> Option<String> {
    let source = &checklist.sources[criterion.source];
    let from = source.in_force_from?;
    let (date, path) = deciding_date(scheme, criterion);
    Some(format!(
        "in force from {}; judged on `{path}` ({})",
        date_words(from),
        date_words(date)
    ))
}

/// Downgrades met evidence that is older than the criterion allows.
pub(super) fn stale(scheme: &Scheme, criterion: &Criterion) -> Option<(String, String)> {
    let fresh = criterion.fresh.as_ref()?;
    let date = scheme
        .root
        .lookup(&fresh.date)
        .and_then(crate::document::Node::as_date)?;
    let limit = scheme
        .as_of
        .checked_sub(jiff::Span::new().months(i64::from(fresh.max_months)))
        .ok()?;
    (date < limit).then(|| {
        (
            format!(
                "but `{}` ({}) is more than {} months before the as-of date ({})",
                fresh.date,
                date_words(date),
                fresh.max_months,
                date_words(scheme.as_of)
            ),
            fresh.date.clone(),
        )
    })
}
