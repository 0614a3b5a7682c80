//! Evidence in plain words, for the formats that show words: paths in
//! backticks, dates and numbers as a person writes them, each fact once.

use std::fmt::{self, Display, Formatter};

use super::{
    Applied, DateAt, Dated, Evidence, Fact, Has, InForce, InForcePeriod, ItemName, ItemShortfall, Lack, Named,
    NotInForceWhy, PeriodName, Shown, Span,
};
use crate::rule::{and_list, entries, gloss, or_list};
use crate::text::{date_words, number_words, weeks_words};

/// The most unmet parts of a combination spelled out; the rest are
/// counted, so one finding stays readable in a table cell.
const MAX_PARTS_SHOWN: usize = 3;

/// The words of the facts; nothing when none were gathered.
impl Display for Evidence {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self.fact() {
            Some(fact) => fact.fmt(f),
            None => Ok(()),
        }
    }
}

impl Display for Fact {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            Fact::Recorded { path, value } => write!(f, "`{path}` recorded: {value}"),
            Fact::Empty { path } => write!(f, "{} is empty", gloss(path)),
            Fact::NotRecorded { path } => write!(f, "{} not recorded", gloss(path)),
            Fact::Entries {
                path,
                count,
                items,
                needed,
            } => {
                write!(f, "`{path}` has {}{}", entries(*count), items.with_words())?;
                // "at least 1" says nothing "no entry" does not.
                if count < needed && *needed > 1 {
                    write!(f, "; at least {needed} needed")?;
                }
                Ok(())
            }
            Fact::EveryEntry { path, one, items } => {
                let each = if *one { "its one entry" } else { "every entry" };
                write!(f, "`{path}`: {each} has {}", items.requirement())
            }
            Fact::EntriesShort { path, len, failing } => entries_short(f, path, *len, failing),
            Fact::Compared {
                path,
                found,
                at_least,
                limit,
                bound_path,
                met,
            } => {
                let word = if *at_least { "at least" } else { "at most" };
                let shown = match bound_path {
                    None => number_words(*limit),
                    Some(p) => format!("`{p}` ({})", number_words(*limit)),
                };
                let found = number_words(*found);
                if *met {
                    write!(f, "`{path}` is {found}, {word} {shown}")
                } else {
                    write!(f, "`{path}` is {found}; {word} {shown} needed")
                }
            }
            Fact::Is { path, value } => write!(f, "`{path}` is {value}"),
            Fact::IsNot { path, found, wanted } if wanted.is_empty() => write!(f, "`{path}` is {found}"),
            Fact::IsNot { path, found, wanted } => {
                let wanted: Vec<String> = wanted.iter().map(Shown::to_string).collect();
                write!(f, "`{path}` is {found}, not {}", or_list(&wanted))
            }
            Fact::Contains { path, value, contains } => {
                let verb = if *contains { "contains" } else { "does not contain" };
                write!(f, "`{path}` {verb} {value}")
            }
            Fact::Count {
                path,
                count,
                line,
                value_at,
                expected,
                expected_line,
                agree,
            } => write!(
                f,
                "`{path}` has {} (line {line}), {} `{value_at}` records {} (line {expected_line})",
                entries(*count),
                if *agree { "as" } else { "but" },
                number_words(*expected),
            ),
            Fact::Total {
                path,
                key,
                sum,
                counted,
                len,
                value_at,
                expected,
                line,
                agree,
            } => {
                write!(f, "`{key}` across `{path}` adds up to {}", number_words(*sum))?;
                if counted != len {
                    write!(f, " (only {counted} of {len} items record it)")?;
                }
                write!(
                    f,
                    ", {} `{value_at}` records {} (line {line})",
                    if *agree { "as" } else { "but" },
                    number_words(*expected)
                )
            }
            Fact::TotalFalls {
                path,
                key,
                to_key,
                before,
                after,
            } => write!(
                f,
                "`{to_key}` across `{path}` adds up to {} against {} `{key}`",
                number_words(*after),
                number_words(*before)
            ),
            Fact::TotalsNeed {
                path,
                key,
                to_key,
                missing,
            } => write!(
                f,
                "the totals of `{key}` and `{to_key}` across `{path}` need {}",
                missing.join(", ")
            ),
            Fact::DoneWithoutDate { path } => write!(
                f,
                "{} is recorded as done without its date, which this rule needs",
                gloss(path)
            ),
            Fact::RecordedDone { path } => write!(f, "`{path}` is recorded as done"),
            Fact::NeedsTheDay { path, found } => write!(f, "{found}: record the day of `{path}`"),
            Fact::OutOfOrder { first, then } => write!(f, "{first} comes after {then}, not before it"),
            Fact::EitherOrder { first, then } => write!(f, "{first} may fall before or after {then}"),
            Fact::InOrder(dates) => {
                f.write_str("in order: ")?;
                for (i, at) in dates.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", then ")?;
                    }
                    write!(f, "{at}")?;
                }
                Ok(())
            }
            Fact::PeriodUncertain { start, end, weeks } => write!(
                f,
                "the period {start} – {end} may be shorter or longer than {weeks} weeks"
            ),
            Fact::Period {
                ran,
                shortest,
                longest,
                start,
                end,
                weeks,
            } => {
                f.write_str(if *ran { "ran " } else { "is planned to run " })?;
                if shortest == longest {
                    write!(f, "{} ({shortest} days, {start} – {end}", weeks_words(*shortest))?;
                } else {
                    write!(f, "between {shortest} and {longest} days ({start} – {end}")?;
                }
                write!(
                    f,
                    ", both days counted); at least {weeks} weeks ({} days) needed",
                    weeks * 7
                )
            }
            Fact::AsOfUncertain { at, as_of } => write!(
                f,
                "{at} may fall before or after the as-of date ({})",
                date_words(*as_of)
            ),
            Fact::AgainstAsOf {
                at,
                on_or_before,
                as_of,
            } => write!(
                f,
                "{at} is {} the as-of date ({})",
                if *on_or_before { "on or before" } else { "after" },
                date_words(*as_of)
            ),
            Fact::NothingAsked { path } => write!(f, "`{path}` is not recorded, so nothing depends on it"),
            Fact::Between {
                at,
                within,
                on_or_after,
                on_or_before,
            } => write!(
                f,
                "{at} is {} the dates allowed ({})",
                if *within { "within" } else { "outside" },
                crate::text::bounds_words(*on_or_after, *on_or_before)
            ),
            Fact::BetweenUncertain {
                at,
                on_or_after,
                on_or_before,
            } => write!(
                f,
                "{at} may fall inside or outside the dates allowed ({})",
                crate::text::bounds_words(*on_or_after, *on_or_before)
            ),
            Fact::Overlaps {
                ours,
                period,
                from,
                to,
                line,
            } => write!(
                f,
                "{ours} overlaps {period} ({} – {}, line {line})",
                date_words(*from),
                date_words(*to)
            ),
            Fact::OverlapsNone { ours, count, periods } => {
                let count = match count {
                    1 => "1 period".to_owned(),
                    n => format!("{n} periods"),
                };
                write!(f, "{ours} overlaps none of the {count} in `{periods}`")
            }
            Fact::EachMet { path, count: 1 } => write!(f, "`{path}`: its one entry meets the test"),
            Fact::EachMet { path, count } => write!(f, "`{path}`: all {count} entries meet the test"),
            Fact::EachShort { path, len, failing } => {
                write!(f, "`{path}`{}: ", falls_short(failing.len(), *len))?;
                let named = failing.iter().map(|(name, found)| format!("{name}: {found}"));
                joined(f, named, "; ")
            }
            Fact::NoJudgement => f.write_str("needs judgement: no attestation recorded"),
            Fact::AllMet(parts) => joined(f, parts.iter().map(ToString::to_string), "; "),
            Fact::Unmet(parts) => {
                // Each fact once: two parts can ask for the same one.
                let distinct = distinct(parts);
                let more = distinct.len().saturating_sub(MAX_PARTS_SHOWN);
                let mut shown: Vec<String> = distinct.into_iter().take(MAX_PARTS_SHOWN).collect();
                if more > 0 {
                    shown.push(format!("and {more} more"));
                }
                joined(f, shown.into_iter(), "; ")
            }
            Fact::Alternatives(parts) => joined(f, distinct(parts).into_iter(), "; or instead, "),
            Fact::NotInForce(in_force) => in_force.write(f, false),
            Fact::Condition { found, condition } => {
                write!(f, "{found}; applies only when {}", condition.describe())
            }
            Fact::ApplicabilityUnknown(named) => {
                let words: Vec<String> = named.iter().map(Named::to_string).collect();
                write!(
                    f,
                    "not known whether it applies until {} {} recorded",
                    and_list(&words),
                    if words.len() == 1 { "is" } else { "are" },
                )
            }
            Fact::Attested {
                status,
                by,
                role,
                date,
                rationale,
            } => write!(
                f,
                "attested {} by {by} ({role}) on {}: {rationale}",
                status.words(),
                date.map(date_words).unwrap_or_default(),
            ),
            Fact::NoAttestation => {
                f.write_str("data cannot decide this; no attestation recorded in `[[attestations]]`")
            }
            Fact::Stale {
                met,
                date_path,
                date,
                months,
                as_of,
            } => write!(
                f,
                "{met} but `{date_path}` ({}) is more than {months} months before the as-of date ({})",
                date_words(*date),
                date_words(*as_of)
            ),
            Fact::Waived { waiver, without } => {
                write!(f, "{} Without the waiver: {without}", sentence(&waiver.words()))
            }
            Fact::Blocked { by, then } => write!(f, "blocked until {} is met; {then}", by.join(", ")),
        }
    }
}

/// The words of each part, each once, in order.
fn distinct(parts: &[Evidence]) -> Vec<String> {
    let mut distinct: Vec<String> = Vec::with_capacity(parts.len());
    for part in parts {
        let words = part.to_string();
        if !distinct.contains(&words) {
            distinct.push(words);
        }
    }
    distinct
}

fn joined(f: &mut Formatter<'_>, parts: impl Iterator<Item = String>, between: &str) -> fmt::Result {
    for (i, part) in parts.enumerate() {
        if i > 0 {
            f.write_str(between)?;
        }
        f.write_str(&part)?;
    }
    Ok(())
}

/// The entries of a list that fail its test: each by its own name, with
/// what it lacks and what it has, never cut short. Entries short of the
/// same things are named together, so ten commissioners lacking the same
/// two facts read as one list of names and one shortfall.
fn entries_short(f: &mut Formatter<'_>, path: &str, len: usize, failing: &[(ItemName, ItemShortfall)]) -> fmt::Result {
    let mut groups: Vec<(String, Vec<String>)> = Vec::new();
    for (name, shortfall) in failing {
        let (name, shortfall) = (name.to_string(), shortfall.to_string());
        match groups.iter_mut().find(|(s, _)| *s == shortfall) {
            Some((_, names)) => names.push(name),
            None => groups.push((shortfall, vec![name])),
        }
    }
    let of = falls_short(failing.len(), len);
    let named = groups
        .into_iter()
        .map(|(shortfall, names)| format!("{}: {shortfall}", names.join(", ")));
    write!(f, "`{path}`{of}: ")?;
    joined(f, named, "; ")
}

/// How many of a list's entries fall short: nothing for a list of one.
fn falls_short(failing: usize, len: usize) -> String {
    match (failing, len) {
        (_, 1) => String::new(),
        (1, n) => format!(" (1 of the {n} falls short)"),
        (2, 2) => " (both fall short)".to_owned(),
        (f, n) if f == n => format!(" (all {n} fall short)"),
        (f, n) => format!(" ({f} of the {n} fall short)"),
    }
}

/// Text ending as a sentence does: a reason that ends in `.`, `!` or `?`
/// keeps it, any other gets a full stop, so what follows starts cleanly.
fn sentence(text: &str) -> String {
    let text = text.trim_end();
    if text.ends_with(['.', '!', '?']) {
        text.to_owned()
    } else {
        format!("{text}.")
    }
}

impl Display for Shown {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            Shown::Text(s) => write!(f, "\"{s}\""),
            Shown::LongText { words } => write!(f, "a text of {words} words"),
            Shown::Integer(i) => write!(f, "{i}"),
            Shown::Float(x) => f.write_str(&number_words(*x)),
            Shown::Bool(b) => write!(f, "{b}"),
            // A plain date reads as the reports write dates: "2 Feb 2018".
            Shown::Date(d) => f.write_str(&date_words(*d)),
            Shown::Datetime(recorded) => write!(f, "{recorded}"),
            Shown::Entries(n) => write!(f, "{n} entries"),
            Shown::Table => f.write_str("a table"),
        }
    }
}

impl Display for ItemName {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            ItemName::Named(name) => write!(f, "\"{name}\""),
            ItemName::NamedAt(name, n) => write!(f, "\"{name}\" (entry {n})"),
            ItemName::Numbered(n) => write!(f, "entry {n}"),
        }
    }
}

/// `` `resolution_date` not recorded (has `supports` true) ``.
impl Display for ItemShortfall {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        let lacks: Vec<String> = self.lacks.iter().map(Lack::to_string).collect();
        f.write_str(&and_list(&lacks))?;
        if !self.has.is_empty() {
            let has: Vec<String> = self.has.iter().map(Has::to_string).collect();
            write!(f, " (has {})", and_list(&has))?;
        }
        Ok(())
    }
}

impl Display for Lack {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            Lack::NotRecorded(key) => write!(f, "`{key}` not recorded"),
            // A yes-or-no needs no "not": the gap says it is wrong.
            Lack::Is { key, found } => write!(f, "`{key}` is {found}"),
            Lack::IsNot { key, found, wanted } => write!(f, "`{key}` is {found}, not {wanted}"),
        }
    }
}

impl Display for Has {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            Has::Value { key, value } => write!(f, "`{key}` {value}"),
            Has::Recorded(key) => write!(f, "`{key}` recorded"),
        }
    }
}

impl Display for Dated {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            Dated::Day(d) => f.write_str(&date_words(*d)),
            Dated::WithoutDay(text) => write!(f, "recorded as {text}, without its day"),
            Dated::TakenAs { recorded, first } => write!(f, "recorded as {recorded}, taken as {}", date_words(*first)),
        }
    }
}

/// `` `consultation.start` (26 Sep 2023) ``.
impl Display for DateAt {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        write!(f, "`{}` ({})", self.path, self.date)
    }
}

impl Display for Span {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            Span::One(at) => write!(f, "{at}"),
            Span::Range(start, end) => write!(f, "{start} – {end}"),
        }
    }
}

impl Display for PeriodName {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            PeriodName::Named(name) => write!(f, "{name}"),
            PeriodName::Numbered(n) => write!(f, "period {n}"),
        }
    }
}

/// `` `local_authorities[2].considers_substantial` ("Medway Council") ``:
/// a reader knows a council by its name, not by its place counted from 0.
impl Display for Named {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match &self.item {
            Some(name) => write!(f, "`{}` (\"{name}\")", self.path),
            None => write!(f, "`{}`", self.path),
        }
    }
}

/// "in force from 1 Apr 2013; judged on `consultation.start` (…)", or
/// "set aside: not in force on …".
impl Display for InForce {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        self.write(f, true)
    }
}

impl InForce {
    /// The words, with "set aside: " before a requirement not in force when
    /// `set_aside` (the finding's evidence leaves it out: its status says so).
    fn write(&self, f: &mut Formatter<'_>, set_aside: bool) -> fmt::Result {
        let InForce {
            date,
            path,
            recorded,
            standing_in,
            applied,
        } = self;
        let partial = recorded
            .as_ref()
            .map(|text| format!("recorded as {text}; "))
            .unwrap_or_default();
        // A later path, or the as-of date, stands in for an earlier one that
        // is not recorded: say so, since a missing date can change the law
        // applied.
        let standing_in = standing_in
            .as_ref()
            .map(|first| format!(", as `{first}` is not recorded"))
            .unwrap_or_default();
        let judged = || {
            let shown = if partial.is_empty() {
                date_words(*date)
            } else {
                format!("{partial}taken as {}", date_words(*date))
            };
            format!("judged on `{path}` ({shown}){standing_in}")
        };
        match applied {
            Applied::Own(period) => write!(f, "{period}; {}", judged()),
            Applied::Earlier { id, period } => write!(f, "earlier form applied ({id}), {period}; {}", judged()),
            Applied::None(why) => {
                if set_aside {
                    f.write_str("set aside: ")?;
                }
                write!(
                    f,
                    "not in force on {} ({partial}judged on `{path}`{standing_in}): {why}",
                    date_words(*date)
                )
            }
        }
    }
}

impl Display for NotInForceWhy {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            NotInForceWhy::Ceased(until) => write!(f, "its source ceased on {}", date_words(*until)),
            NotInForceWhy::TookEffect { main, earliest } => write!(
                f,
                "it took effect on {}, and the earliest form it replaced on {}",
                date_words(*main),
                date_words(*earliest)
            ),
            NotInForceWhy::SourceTookEffect(from) => write!(f, "its source took effect on {}", date_words(*from)),
            // Forms that neither start after nor end before the date cover
            // it; with none covering, one of the arms above holds unless
            // forms leave a gap between them.
            NotInForceWhy::NoForm => f.write_str("no form of it was in force then"),
        }
    }
}

/// "in force from 1 Apr 2013", "in force 1 Apr 2013 to 30 Jun 2022" (the
/// last day, the day before `until`), "in force throughout".
impl Display for InForcePeriod {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        let last_day = |until: jiff::civil::Date| date_words(until.yesterday().unwrap_or(until));
        match (self.from, self.until) {
            (Some(from), Some(until)) => write!(f, "in force {} to {}", date_words(from), last_day(until)),
            (Some(from), None) => write!(f, "in force from {}", date_words(from)),
            (None, Some(until)) => write!(f, "in force until {}", last_day(until)),
            (None, None) => f.write_str("in force throughout"),
        }
    }
}
