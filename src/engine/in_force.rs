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

/// Which form of a criterion's requirement governs a scheme: the source in
/// force on the date that decides it (the criterion's own, or an earlier
/// form it replaced), or none, with why.
pub(super) struct InTime<'c> {
    /// The index of the source in force, if one was.
    pub form: Option<usize>,
    /// What was applied or set aside, and on which date, in words; `None`
    /// for a criterion whose sources carry no dates at all, or when
    /// evidence is not put into words.
    pub words: Option<String>,
    /// The scheme path of the deciding date (empty when no form carries
    /// dates: it is read only when no form was in force).
    pub path: &'c str,
}

pub(super) fn in_time<'c>(scheme: &Scheme, checklist: &Checklist, criterion: &'c Criterion, words: bool) -> InTime<'c> {
    // The criterion's source, then the earlier forms it replaced.
    let forms = || std::iter::once(criterion.source).chain(criterion.earlier.iter().copied());
    let dated = forms().any(|i| {
        let source = &checklist.sources[i];
        source.in_force_from.is_some() || source.in_force_until.is_some()
    });
    if !dated {
        // In force whatever the date: no date need be looked for, and
        // there is nothing to say (the path is read only when a
        // requirement was not in force).
        return InTime {
            form: Some(criterion.source),
            words: None,
            path: "",
        };
    }
    let (date, path) = deciding_date(scheme, criterion);
    let covers = |i: &usize| {
        let source = &checklist.sources[*i];
        source.in_force_from.is_none_or(|from| from <= date) && source.in_force_until.is_none_or(|until| date < until)
    };
    let form = forms().find(covers);
    let words = words.then(|| {
        let forms: Vec<usize> = forms().collect();
        in_time_words(scheme, checklist, criterion, &forms, form, (date, path))
    });
    InTime { form, words, path }
}

/// What was applied or set aside for a criterion, and on which date, in
/// words: "in force from 1 Apr 2013; judged on `consultation.start` (…)".
fn in_time_words(
    scheme: &Scheme,
    checklist: &Checklist,
    criterion: &Criterion,
    forms: &[usize],
    form: Option<usize>,
    (date, path): (Date, &str),
) -> String {
    let partial = match scheme.root.lookup(path).and_then(crate::document::Node::partial_date) {
        Some(crate::document::PartialDate::Period { text, .. }) => format!("recorded as {text}; "),
        _ => String::new(),
    };
    let shown = if partial.is_empty() {
        date_words(date)
    } else {
        format!("{partial}taken as {}", date_words(date))
    };
    // A later path, or the as-of date, stands in for an earlier one that is
    // not recorded: say so, since a missing date can change the law applied.
    let standing_in = match criterion.judged_on.first() {
        Some(first) if first != path => format!(", as `{first}` is not recorded"),
        _ => String::new(),
    };
    let judged = format!("judged on `{path}` ({shown}){standing_in}");
    let Some(form) = form else {
        let main = &checklist.sources[criterion.source];
        let earliest = &checklist.sources[*forms.last().expect("the criterion's own source")];
        let why = match (main.in_force_until, earliest.in_force_from) {
            (Some(until), _) if date >= until => format!("its source ceased on {}", date_words(until)),
            (_, Some(from)) if forms.len() > 1 => format!(
                "it took effect on {}, and the earliest form it replaced on {}",
                date_words(main.in_force_from.unwrap_or(from)),
                date_words(from)
            ),
            (_, Some(from)) => format!("its source took effect on {}", date_words(from)),
            // Forms that neither start after nor end before the date cover
            // it; with none covering, one of the two arms above holds
            // unless forms leave a gap between them.
            _ => "no form of it was in force then".to_owned(),
        };
        return format!(
            "set aside: not in force on {} ({partial}judged on `{path}`{standing_in}): {why}",
            date_words(date)
        );
    };
    let source = &checklist.sources[form];
    let period = source.period_words();
    if form == criterion.source {
        format!("{period}; {judged}")
    } else {
        format!("earlier form applied ({}), {period}; {judged}", source.id)
    }
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
