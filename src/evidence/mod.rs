//! What an assessment found or found missing, as data: the facts a rule
//! read from the scheme (paths, values, dates, counts, lines) and how a
//! finding's facts combine. Assessment never words them: a report does,
//! through `Display` (`words.rs`, with the words of a path's field, a
//! recorded value and a list test from `rule`), when it is written; the
//! JSON report carries those words as each finding's `evidence` text.

mod words;

use jiff::civil::Date;
use serde::{Serialize, Serializer};

use crate::assessment::Status;
use crate::document::Value;
use crate::rule::{ItemTest, Rule};
use crate::waiver::Waiver;

/// What one finding, or one part of a rule, rests on: its facts, or
/// nothing when none were gathered (a portfolio row needs each criterion's
/// status only). Boxed, so a finding without evidence carries one word.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Evidence(Option<Box<Fact>>);

impl From<Fact> for Evidence {
    fn from(fact: Fact) -> Self {
        Evidence(Some(Box::new(fact)))
    }
}

impl Evidence {
    /// The facts, if any were gathered.
    pub fn fact(&self) -> Option<&Fact> {
        self.0.as_deref()
    }

    /// Whether the criterion was set aside because its requirement was not
    /// in force on the scheme's dates.
    pub(crate) fn is_not_in_force(&self) -> bool {
        matches!(self.fact(), Some(Fact::NotInForce(_)))
    }
}

/// A fact, or how facts combine. A new rule kind adds its own.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Fact {
    /// The value at `path` is recorded (and, for a text or list, not empty).
    Recorded { path: String, value: Shown },
    /// The value at `path` is recorded but empty.
    Empty { path: String },
    /// Nothing is recorded at `path`.
    NotRecorded { path: String },
    /// A list, how many of its entries pass the test, and how many the
    /// rule needs.
    Entries {
        path: String,
        count: usize,
        items: ItemTest,
        needed: usize,
    },
    /// Every entry of a list passes the test (`one`: the list has one).
    EveryEntry { path: String, one: bool, items: ItemTest },
    /// Entries of a list that fail the test, each with what it lacks and
    /// has, out of `len` entries.
    EntriesShort {
        path: String,
        len: usize,
        failing: Vec<(ItemName, ItemShortfall)>,
    },
    /// A number against a bound: `at_least` or at most `limit`, given as a
    /// constant or read from `bound_path`.
    Compared {
        path: String,
        found: f64,
        at_least: bool,
        limit: f64,
        bound_path: Option<String>,
        met: bool,
    },
    /// The value at `path` is what was wanted.
    Is { path: String, value: Shown },
    /// The value at `path` is none of the values wanted (none listed: a
    /// yes-or-no whose value says it is wrong).
    IsNot {
        path: String,
        found: Shown,
        wanted: Vec<Shown>,
    },
    /// Whether the list at `path` contains a value.
    Contains { path: String, value: Shown, contains: bool },
    /// The number of entries in a list against a number recorded elsewhere.
    Count {
        path: String,
        count: usize,
        line: usize,
        value_at: String,
        expected: f64,
        expected_line: usize,
        agree: bool,
    },
    /// The total of `key` across a list against a number recorded
    /// elsewhere; `counted` of `len` items record the key.
    Total {
        path: String,
        key: String,
        sum: f64,
        counted: usize,
        len: usize,
        value_at: String,
        expected: f64,
        line: usize,
        agree: bool,
    },
    /// The totals of `to_key` against `key` across a list.
    TotalFalls {
        path: String,
        key: String,
        to_key: String,
        before: f64,
        after: f64,
    },
    /// The totals cannot be taken until these paths are recorded.
    TotalsNeed {
        path: String,
        key: String,
        to_key: String,
        missing: Vec<String>,
    },
    /// A date recorded only as done, where a rule needs the date.
    DoneWithoutDate { path: String },
    /// A date recorded as done, for a rule that asks only that it is past.
    RecordedDone { path: String },
    /// A rule undecided by a date recorded without its day.
    NeedsTheDay { path: String, found: Evidence },
    /// The first date comes after the second.
    OutOfOrder { first: DateAt, then: DateAt },
    /// Two dates, one without its day, that may be in either order.
    EitherOrder { first: DateAt, then: DateAt },
    /// Dates in the order required.
    InOrder(Vec<DateAt>),
    /// A period whose length, with a date recorded without its day, may be
    /// either side of the weeks required.
    PeriodUncertain { start: Dated, end: Dated, weeks: i64 },
    /// A period's length, both days counted, against the weeks required.
    Period {
        ran: bool,
        shortest: i64,
        longest: i64,
        start: Dated,
        end: Dated,
        weeks: i64,
    },
    /// A date that may fall either side of the as-of date.
    AsOfUncertain { at: DateAt, as_of: Date },
    /// A date on or before the as-of date, or after it.
    AgainstAsOf {
        at: DateAt,
        on_or_before: bool,
        as_of: Date,
    },
    /// A value not recorded, so the rule that depends on it asks nothing.
    NothingAsked { path: String },
    /// A date within fixed bounds, or outside them.
    Between {
        at: DateAt,
        within: bool,
        on_or_after: Option<Date>,
        on_or_before: Option<Date>,
    },
    /// A date without its day that may fall either side of a fixed bound.
    BetweenUncertain {
        at: DateAt,
        on_or_after: Option<Date>,
        on_or_before: Option<Date>,
    },
    /// A date (or range) that overlaps a listed period.
    Overlaps {
        ours: Span,
        period: PeriodName,
        from: Date,
        to: Date,
        line: usize,
    },
    /// A date (or range) that overlaps none of `count` listed periods.
    OverlapsNone { ours: Span, count: usize, periods: String },
    /// Every entry of a list meets `each`'s rule.
    EachMet { path: String, count: usize },
    /// Entries of a list that do not meet `each`'s rule, each with what
    /// the rule found in it, out of `len` entries.
    EachShort {
        path: String,
        len: usize,
        failing: Vec<(ItemName, Evidence)>,
    },
    /// A judgement inside a rule, with no attestation to decide it.
    NoJudgement,
    /// Every part of a combination is met.
    AllMet(Vec<Evidence>),
    /// The parts of a combination that are not met.
    Unmet(Vec<Evidence>),
    /// Alternatives, none met: each says what it found.
    Alternatives(Vec<Evidence>),
    /// The criterion's requirement was not in force on the deciding date.
    NotInForce(InForce),
    /// The criterion's condition fails: what was found, and the condition.
    Condition { found: Evidence, condition: Box<Rule> },
    /// Whether the criterion applies is unknown until these are recorded.
    ApplicabilityUnknown(Vec<Named>),
    /// A person's attestation decides the criterion.
    Attested {
        status: Status,
        by: String,
        role: String,
        date: Option<Date>,
        rationale: String,
    },
    /// A criterion only a person can decide, with no attestation.
    NoAttestation,
    /// Met evidence that is older than the criterion allows.
    Stale {
        met: Evidence,
        date_path: String,
        date: Date,
        months: u32,
        as_of: Date,
    },
    /// A waived gap, with what it would be without the waiver.
    Waived { waiver: Box<Waiver>, without: Evidence },
    /// A gap whose prerequisites are open.
    Blocked { by: Vec<String>, then: Evidence },
}

/// Evidence is written as its words: the report's `evidence` text.
impl Serialize for Evidence {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// A recorded value as evidence shows it.
#[derive(Debug, Clone, PartialEq)]
pub enum Shown {
    /// A short text, quoted in the words.
    Text(String),
    /// A text too long to quote: evidence is never a quotation cut short.
    LongText { words: usize },
    /// A whole number.
    Integer(i64),
    /// A decimal number.
    Float(f64),
    /// Yes or no.
    Bool(bool),
    /// A calendar day.
    Date(Date),
    /// A date-time, or a date that is not a calendar day, as recorded.
    Datetime(toml::value::Datetime),
    /// A list, by its number of entries.
    Entries(usize),
    /// A table, by its kind alone.
    Table,
}

/// Texts longer than this are described by their length, not quoted.
const LONGEST_QUOTED: usize = 60;

impl From<&Value> for Shown {
    fn from(value: &Value) -> Self {
        match value {
            Value::String(s) if s.chars().count() > LONGEST_QUOTED => Shown::LongText {
                words: s.split_whitespace().count(),
            },
            Value::String(s) => Shown::Text(s.clone()),
            Value::Integer(i) => Shown::Integer(*i),
            Value::Float(f) => Shown::Float(*f),
            Value::Bool(b) => Shown::Bool(*b),
            Value::Datetime(d) => match (d.date, d.time, d.offset) {
                (Some(day), None, None) => i16::try_from(day.year)
                    .ok()
                    .zip(i8::try_from(day.month).ok().zip(i8::try_from(day.day).ok()))
                    .and_then(|(y, (m, dd))| Date::new(y, m, dd).ok())
                    .map_or_else(|| Shown::Datetime(*d), Shown::Date),
                _ => Shown::Datetime(*d),
            },
            Value::Array(items) => Shown::Entries(items.len()),
            Value::Table(_) => Shown::Table,
        }
    }
}

/// How a list entry is named: by its `name` (or `by`), else by its place
/// from 1; by both where another entry has the same name.
#[derive(Debug, Clone, PartialEq)]
pub enum ItemName {
    /// Its `name`.
    Named(String),
    /// Its name, shared with another entry, and its place from 1.
    NamedAt(String, usize),
    /// Its place in the list, from 1.
    Numbered(usize),
}

/// What one list entry lacks of a test, and what it has.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ItemShortfall {
    /// What the entry lacks of the test, in the test's order.
    pub lacks: Vec<Lack>,
    /// What it has of the test.
    pub has: Vec<Has>,
}

/// One thing a list entry lacks: a key, or the value a key should have.
#[derive(Debug, Clone, PartialEq)]
pub enum Lack {
    /// The key is not recorded.
    NotRecorded(String),
    /// A yes-or-no that has the other value.
    Is { key: String, found: Shown },
    /// The key has another value than the one wanted.
    IsNot { key: String, found: Shown, wanted: Shown },
}

/// One thing a list entry has of a test.
#[derive(Debug, Clone, PartialEq)]
pub enum Has {
    /// The key has the value wanted.
    Value { key: String, value: Shown },
    /// The key is recorded.
    Recorded(String),
}

/// A recorded date as the range of days it may be, as evidence shows it.
#[derive(Debug, Clone, PartialEq)]
pub enum Dated {
    /// A full date.
    Day(Date),
    /// Recorded without its day (`2017-03`).
    WithoutDay(String),
    /// Recorded without its day, and taken as the period's first day.
    TakenAs { recorded: String, first: Date },
}

/// A date and the path it is recorded at.
#[derive(Debug, Clone, PartialEq)]
pub struct DateAt {
    pub path: String,
    pub date: Dated,
}

/// The date or dates a rule checks against listed periods.
#[derive(Debug, Clone, PartialEq)]
pub enum Span {
    /// One date, at its path.
    One(DateAt),
    /// A first and a last date.
    Range(Dated, Dated),
}

/// A listed period, by its name (as recorded) or its place from 1.
#[derive(Debug, Clone, PartialEq)]
pub enum PeriodName {
    /// Its `name`, as recorded.
    Named(Shown),
    /// Its place in the list, from 1.
    Numbered(usize),
}

/// A path to record, with the name of the list entry it is in, if any.
#[derive(Debug, Clone, PartialEq)]
pub struct Named {
    /// The path to record.
    pub path: String,
    /// The `name` of the list entry the path is in.
    pub item: Option<String>,
}

/// Which form of a criterion's requirement governed the scheme, on which
/// date: the law in time.
#[derive(Debug, Clone, PartialEq)]
pub struct InForce {
    /// The date that decided it, and the path it was read from.
    pub date: Date,
    pub path: String,
    /// The text of a deciding date recorded without its day.
    pub recorded: Option<String>,
    /// The first path the criterion is judged on, when a later one (or the
    /// as-of date) stood in for it because it is not recorded.
    pub standing_in: Option<String>,
    pub applied: Applied,
}

/// What was applied: the criterion's own source, an earlier form, or none.
#[derive(Debug, Clone, PartialEq)]
pub enum Applied {
    /// The criterion's own source, in force for this period.
    Own(InForcePeriod),
    /// An earlier form (its source's id), in force for this period.
    Earlier { id: String, period: InForcePeriod },
    /// No form was in force on the date, for this reason.
    None(NotInForceWhy),
}

/// When a source was in force: from a day, until the day before another.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct InForcePeriod {
    /// The first day in force, if it has one.
    pub from: Option<Date>,
    /// The first day no longer in force, if it has one.
    pub until: Option<Date>,
}

/// Why no form of a requirement was in force on the deciding date.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum NotInForceWhy {
    /// Its source ceased on this day, on or before the date.
    Ceased(Date),
    /// It took effect on `main`, and the earliest form it replaced on
    /// `earliest`.
    TookEffect { main: Date, earliest: Date },
    /// Its source took effect on this day, after the date.
    SourceTookEffect(Date),
    /// The forms leave a gap around the date.
    NoForm,
}

impl Serialize for InForce {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}
