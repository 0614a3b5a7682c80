//! Law and practice in time: whether a criterion's source was in force on
//! the date that decides it, and whether met evidence has gone stale.

use jiff::civil::Date;

use crate::checklist::{Checklist, Criterion};
use crate::evidence::{Applied, InForce, InForcePeriod, NotInForceWhy};
use crate::scheme::Scheme;

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
    /// What was applied or set aside, and on which date; `None` for a
    /// criterion whose sources carry no dates at all, or when evidence is
    /// not gathered.
    pub in_force: Option<Box<InForce>>,
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
            in_force: None,
            path: "",
        };
    }
    let (date, path) = deciding_date(scheme, criterion);
    let covers = |i: &usize| {
        let source = &checklist.sources[*i];
        source.in_force_from.is_none_or(|from| from <= date) && source.in_force_until.is_none_or(|until| date < until)
    };
    let form = forms().find(covers);
    let in_force = words.then(|| {
        let forms: Vec<usize> = forms().collect();
        Box::new(in_force_of(scheme, checklist, criterion, &forms, form, (date, path)))
    });
    InTime { form, in_force, path }
}

/// What was applied or set aside for a criterion, and on which date.
fn in_force_of(
    scheme: &Scheme,
    checklist: &Checklist,
    criterion: &Criterion,
    forms: &[usize],
    form: Option<usize>,
    (date, path): (Date, &str),
) -> InForce {
    let recorded = match scheme.root.lookup(path).and_then(crate::document::Node::partial_date) {
        Some(crate::document::PartialDate::Period { text, .. }) => Some(text.to_owned()),
        _ => None,
    };
    let standing_in = criterion.judged_on.first().filter(|first| *first != path).cloned();
    let period = |i: usize| InForcePeriod {
        from: checklist.sources[i].in_force_from,
        until: checklist.sources[i].in_force_until,
    };
    let applied = match form {
        Some(form) if form == criterion.source => Applied::Own(period(form)),
        Some(form) => Applied::Earlier {
            id: checklist.sources[form].id.clone(),
            period: period(form),
        },
        None => {
            let main = &checklist.sources[criterion.source];
            let earliest = &checklist.sources[*forms.last().expect("the criterion's own source")];
            Applied::None(match (main.in_force_until, earliest.in_force_from) {
                (Some(until), _) if date >= until => NotInForceWhy::Ceased(until),
                (_, Some(from)) if forms.len() > 1 => NotInForceWhy::TookEffect {
                    main: main.in_force_from.unwrap_or(from),
                    earliest: from,
                },
                (_, Some(from)) => NotInForceWhy::SourceTookEffect(from),
                _ => NotInForceWhy::NoForm,
            })
        }
    };
    InForce {
        date,
        path: path.to_owned(),
        recorded,
        standing_in,
        applied,
    }
}

/// Met evidence older than the criterion allows: the path of the date that
/// is too old, the date, and how many months the criterion allows.
pub(super) fn stale<'c>(scheme: &Scheme, criterion: &'c Criterion) -> Option<(&'c str, Date, u32)> {
    let fresh = criterion.fresh.as_ref()?;
    let date = scheme
        .root
        .lookup(&fresh.date)
        .and_then(crate::document::Node::as_date)?;
    let limit = scheme
        .as_of
        .checked_sub(jiff::Span::new().months(i64::from(fresh.max_months)))
        .ok()?;
    (date < limit).then_some((fresh.date.as_str(), date, fresh.max_months))
}
