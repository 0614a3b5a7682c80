//! Descriptions of file formats as data — the keys a table may hold, their
//! types, allowed values, ranges and documentation — and the one validator
//! that checks a parsed [`Node`] tree against them.
//!
//! Both the scheme format and the checklist format are described this way,
//! so a typo gets the same "unknown key … did you mean" treatment in either,
//! every problem in a file is found in one pass, checklist rules can be
//! checked against the scheme format's field paths, and the user
//! documentation is generated from the same descriptions.

use crate::diagnostic::{Diagnostic, did_you_mean, one_of};
use crate::document::{Node, Table, Value};

/// One key that a table may hold.
#[derive(Debug, Clone, Copy)]
pub struct Field {
    pub name: &'static str,
    pub kind: Kind,
    pub required: bool,
    /// What the field means, for users; the first sentence is a short gloss.
    pub doc: &'static str,
    /// A TOML example of the value (for tables, a line inside the table).
    pub example: &'static str,
}

/// The type a key's value must have.
#[derive(Debug, Clone, Copy)]
pub enum Kind {
    /// Free text.
    Text,
    Bool,
    /// A TOML local date such as `2025-01-06`.
    Date,
    /// When something in a scheme happened: a date; or, where the day is
    /// not known, a year and month (`"2017-03"`), a year (`"2017"`), or
    /// `"done"` (it happened, the date is not known).
    EventDate,
    Integer {
        min: i64,
        max: i64,
    },
    /// An integer or a decimal number in a range.
    Number {
        min: f64,
        max: f64,
    },
    /// One string from a fixed set.
    Choice(&'static [&'static str]),
    /// Any string, integer, decimal, boolean or date (a value to compare).
    Scalar,
    /// An array whose items all have the given kind.
    List(&'static Kind),
    /// A table with the given keys.
    Table(&'static [Field]),
    /// A table whose keys are free (checked by the caller) and whose values
    /// all have the given kind.
    Map(&'static Kind),
    /// An array of tables (`[[name]]`), each with the given keys.
    Tables(&'static [Field]),
    /// A kind given by a function, so that a format can nest itself (a
    /// checklist rule holds rules).
    Nested(fn() -> &'static Kind),
}

/// Shorthand constructors that keep format descriptions to one line a field.
pub const fn field(name: &'static str, kind: Kind, doc: &'static str, example: &'static str) -> Field {
    Field {
        name,
        kind,
        required: false,
        doc,
        example,
    }
}

pub const fn required(name: &'static str, kind: Kind, doc: &'static str, example: &'static str) -> Field {
    Field {
        name,
        kind,
        required: true,
        doc,
        example,
    }
}

impl Kind {
    /// Resolves [`Kind::Nested`] to the kind it stands for.
    pub fn resolve(&self) -> &Kind {
        match self {
            Kind::Nested(f) => f().resolve(),
            other => other,
        }
    }

    /// How the kind is described in "expected …" messages.
    pub fn describe(&self) -> String {
        match self.resolve() {
            Kind::Text => "a string".into(),
            Kind::Bool => "`true` or `false`".into(),
            Kind::Date => "a date such as 2025-01-06 (no quotes)".into(),
            Kind::EventDate => {
                "a date such as 2025-01-06 (no quotes), or \"2017-03\", \"2017\" or \"done\" where the day is not known"
                    .into()
            }
            Kind::Integer { min, max } if min == max => format!("exactly {min}"),
            Kind::Integer { min, max } if *max == i64::MAX => {
                format!("a whole number of at least {min}")
            }
            Kind::Integer { min, max } => format!("a whole number from {min} to {max}"),
            Kind::Number { min, max } if min.is_infinite() && max.is_infinite() => "a number".into(),
            Kind::Number { min, max } if max.is_infinite() => format!("a number of at least {min}"),
            Kind::Number { min, max } => format!("a number from {min} to {max}"),
            Kind::Choice(values) => format!("one of {}", one_of(values.iter().copied())),
            Kind::Scalar => "a string, number, boolean or date".into(),
            Kind::List(Kind::EventDate) => {
                "an array of dates such as 2025-01-06 (no quotes), or \"2017-03\", \"2017\" or \"done\" where the day is not known".into()
            }
            Kind::List(item) => format!("an array of {}", plural(&item.describe())),
            Kind::Table(_) | Kind::Map(_) => "a table".into(),
            Kind::Tables(_) => "an array of tables".into(),
            Kind::Nested(_) => unreachable!("resolved above"),
        }
    }
}

fn plural(described: &str) -> String {
    described
        .strip_prefix("a ")
        .or_else(|| described.strip_prefix("an "))
        .map_or_else(|| described.to_owned(), |rest| format!("{rest}s"))
}

/// Looks a field up by dotted path through nested tables (not through
/// arrays), e.g. `consultation.analysis.report_date`.
pub fn field_at<'a>(fields: &'a [Field], path: &str) -> Option<&'a Field> {
    let mut current = fields;
    let mut found = None;
    for key in path.split('.') {
        let field = current.iter().find(|f| f.name == key)?;
        found = Some(field);
        current = match field.kind.resolve() {
            Kind::Table(inner) => inner,
            _ => &[],
        };
    }
    found
}

/// Checks `root` against `fields` and returns every problem found.
///
/// When `check_required` is false (the file had syntax errors and parts of
/// it may be missing), absent required keys are not reported, to avoid
/// errors that are only echoes of the syntax error.
pub fn validate(root: &Node, fields: &[Field], check_required: bool) -> Vec<Diagnostic> {
    let mut validator = Validator {
        diagnostics: Vec::new(),
        check_required,
    };
    validator.table(root, fields, &Place::Given(""));
    validator.diagnostics
}

/// Checks a parsed file against its format after the parser's own
/// problems, leaving out any problem at a place the parser already
/// reported: a value it could not read (30 February) is one problem, not
/// also a wrong type.
pub fn validate_parsed(root: &Node, fields: &[Field], parse_problems: &mut Vec<Diagnostic>) {
    let overlaps = |a: &std::ops::Range<usize>, b: &std::ops::Range<usize>| {
        a.start == b.start || (a.start < b.end && b.start < a.end)
    };
    let found = validate(root, fields, parse_problems.is_empty());
    // The parser's problems sorted by start, with the furthest end reached
    // so far: whether any overlaps a span is then a binary search, not a
    // scan (a hostile file can hold hundreds of thousands of each).
    let mut spans: Vec<std::ops::Range<usize>> = parse_problems.iter().map(|p| p.span.clone()).collect();
    spans.sort_by_key(|s| s.start);
    let furthest: Vec<usize> = spans
        .iter()
        .scan(0, |end, s| {
            *end = (*end).max(s.end);
            Some(*end)
        })
        .collect();
    let reported = |v: &std::ops::Range<usize>| {
        // Those starting before `v` ends: does any end after `v` starts?
        let before_end = spans.partition_point(|s| s.start < v.end);
        let same_start = spans.binary_search_by_key(&v.start, |s| s.start).is_ok();
        same_start || (before_end > 0 && furthest[before_end - 1] > v.start)
    };
    let fresh: Vec<Diagnostic> = found.into_iter().filter(|v| !reported(&v.span)).collect();
    debug_assert!(
        fresh
            .iter()
            .all(|v| !parse_problems.iter().any(|p| overlaps(&p.span, &v.span)))
    );
    parse_problems.extend(fresh);
}

/// Checks one value against a kind; `path` names it in messages.
pub fn validate_value(node: &Node, kind: &Kind, path: &str) -> Vec<Diagnostic> {
    let mut validator = Validator {
        diagnostics: Vec::new(),
        check_required: false,
    };
    validator.kind(node, kind.resolve(), &Place::Given(path));
    validator.diagnostics
}

struct Validator {
    diagnostics: Vec<Diagnostic>,
    check_required: bool,
}

fn describe_table(path: &Place<'_>) -> String {
    if path.is_root() {
        "the top level".into()
    } else {
        format!("`[{path}]`")
    }
}

/// Where a value is in the scheme (`sites[1].beds`), put into words only
/// when a problem is reported there: spelling out the path of every value
/// checked took a tenth of a portfolio run.
#[derive(Debug, Clone, Copy)]
enum Place<'a> {
    /// A path given whole (the top level is `""`).
    Given(&'a str),
    Key(&'a Place<'a>, &'a str),
    Item(&'a Place<'a>, usize),
}

impl Place<'_> {
    fn is_root(&self) -> bool {
        matches!(self, Place::Given(""))
    }
}

impl std::fmt::Display for Place<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Place::Given(path) => f.write_str(path),
            Place::Key(parent, key) if parent.is_root() => f.write_str(key),
            Place::Key(parent, key) => write!(f, "{parent}.{key}"),
            Place::Item(parent, i) => write!(f, "{parent}[{i}]"),
        }
    }
}

impl Validator {
    fn table(&mut self, node: &Node, fields: &[Field], path: &Place<'_>) {
        let Value::Table(table) = &node.value else {
            unreachable!("callers check the kind first");
        };
        for entry in &table.entries {
            match fields.iter().find(|f| f.name == entry.key) {
                Some(field) => self.value(&entry.node, field, &Place::Key(path, &entry.key)),
                None => self.unknown_key(entry, fields, path),
            }
        }
        if self.check_required {
            self.missing(node, table, fields, path);
        }
    }

    fn unknown_key(&mut self, entry: &crate::document::Entry, fields: &[Field], path: &Place<'_>) {
        let names = fields.iter().map(|f| f.name);
        let mut diagnostic = Diagnostic::new(
            "unknown-key",
            entry.key_span.clone(),
            format!("unknown key `{}` in {}", entry.key, describe_table(path)),
            "not a key of this table",
        );
        diagnostic = match did_you_mean(&entry.key, names.clone()) {
            Some(best) => diagnostic.note(format!("help: did you mean `{best}`?")),
            None => diagnostic,
        };
        diagnostic = diagnostic.note(format!("expected one of {}", one_of(names)));
        self.diagnostics.push(diagnostic);
    }

    fn missing(&mut self, node: &Node, table: &Table, fields: &[Field], path: &Place<'_>) {
        for field in fields.iter().filter(|f| f.required) {
            if table.get(field.name).is_none() {
                // An empty span at the table's start points at its header
                // (or the first line of the file for the top level).
                let at = node.span.start..node.span.start;
                self.diagnostics.push(
                    Diagnostic::new(
                        "missing-key",
                        at,
                        format!("missing key `{}` in {}", field.name, describe_table(path)),
                        "required here",
                    )
                    .note(format!("`{}`: {}", field.name, field.doc))
                    .note(format!("for example: {} = {}", field.name, field.example)),
                );
            }
        }
    }

    fn wrong_type(&mut self, node: &Node, kind: &Kind, path: &Place<'_>) {
        let mut diagnostic = Diagnostic::new(
            "wrong-type",
            node.span.clone(),
            format!(
                "wrong type for `{path}`: expected {}, found {}",
                kind.describe(),
                node.value.type_name()
            ),
            format!("expected {}", kind.describe()),
        );
        if let (Kind::Date | Kind::EventDate, Value::String(s)) = (kind, &node.value)
            && s.parse::<toml::value::Datetime>().is_ok()
        {
            diagnostic = diagnostic.note(format!("help: write dates without quotes: {s}"));
        }
        if let (Kind::Tables(_), Value::Table(_)) = (kind, &node.value) {
            diagnostic = diagnostic.note(format!("help: write each entry as its own `[[{path}]]` table"));
        }
        if let (Kind::List(_), Value::String(_)) = (kind, &node.value) {
            diagnostic = diagnostic.note("help: wrap the value in brackets to make a list: [\"…\"]");
        }
        self.diagnostics.push(diagnostic);
    }

    fn value(&mut self, node: &Node, field: &Field, path: &Place<'_>) {
        self.kind(node, field.kind.resolve(), path);
    }

    fn kind(&mut self, node: &Node, kind: &Kind, path: &Place<'_>) {
        match (kind, &node.value) {
            (Kind::Text, Value::String(_)) | (Kind::Bool, Value::Bool(_)) => {}
            (Kind::Scalar, value) if !matches!(value, Value::Array(_) | Value::Table(_)) => {}
            (Kind::Date | Kind::EventDate, Value::Datetime(_)) if node.as_date().is_some() => {}
            (Kind::EventDate, Value::String(_)) if node.partial_date().is_some() => {}
            (Kind::Integer { min, max }, Value::Integer(n)) => {
                if n < min || n > max {
                    self.out_of_range(node, kind, path);
                }
            }
            (Kind::Number { min, max }, Value::Integer(_) | Value::Float(_)) => {
                let n = node.as_number().unwrap_or(f64::NAN);
                if !(n >= *min && n <= *max) {
                    self.out_of_range(node, kind, path);
                }
            }
            (Kind::Choice(values), Value::String(s)) => {
                if !values.contains(&s.as_str()) {
                    self.diagnostics.push(
                        Diagnostic::new(
                            "invalid-value",
                            node.span.clone(),
                            format!("`{s}` is not a valid value for `{path}`"),
                            "not an allowed value",
                        )
                        .suggest(s, values.iter().copied())
                        .note(format!("expected one of {}", one_of(values.iter().copied()))),
                    );
                }
            }
            (Kind::List(item), Value::Array(items)) => {
                for (i, child) in items.iter().enumerate() {
                    self.kind(child, item.resolve(), &Place::Item(path, i));
                }
            }
            (Kind::Table(fields), Value::Table(_)) => self.table(node, fields, path),
            (Kind::Map(item), Value::Table(table)) => {
                for entry in &table.entries {
                    self.kind(&entry.node, item.resolve(), &Place::Key(path, &entry.key));
                }
            }
            (Kind::Tables(fields), Value::Array(items)) => {
                for (i, child) in items.iter().enumerate() {
                    let child_path = Place::Item(path, i);
                    if child.as_table().is_some() {
                        self.table(child, fields, &child_path);
                    } else {
                        self.wrong_type(child, &Kind::Table(fields), &child_path);
                    }
                }
            }
            _ => self.wrong_type(node, kind, path),
        }
    }

    fn out_of_range(&mut self, node: &Node, kind: &Kind, path: &Place<'_>) {
        self.diagnostics.push(Diagnostic::new(
            "out-of-range",
            node.span.clone(),
            format!("value out of range for `{path}`: expected {}", kind.describe()),
            "out of range",
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::parse;

    static INNER: &[Field] = &[
        field("start", Kind::Date, "Start date.", "2025-01-06"),
        field("weeks", Kind::Integer { min: 0, max: 52 }, "Length.", "12"),
    ];
    static ITEM: &[Field] = &[required("name", Kind::Text, "Name.", "\"x\"")];
    static ROOT: &[Field] = &[
        required("stage", Kind::Choice(&["cfc", "pcbc"]), "Stage.", "\"cfc\""),
        field("share", Kind::Number { min: 0.0, max: 100.0 }, "Percent.", "50"),
        field("tags", Kind::List(&Kind::Text), "Tags.", "[\"a\"]"),
        field("consultation", Kind::Table(INNER), "Consultation.", ""),
        field("sites", Kind::Tables(ITEM), "Sites.", ""),
    ];

    fn problems(text: &str) -> Vec<(String, &'static str, String)> {
        let (root, syntax) = parse(text);
        assert!(syntax.is_empty(), "{syntax:?}");
        validate(&root, ROOT, true)
            .into_iter()
            .map(|d| (text[d.span.clone()].to_string(), d.code, d.notes.join(" | ")))
            .collect()
    }

    #[test]
    fn every_problem_is_reported_at_once() {
        let found = problems(
            "stage = \"pcb\"\nshare = 120\ntags = \"a\"\n[consultation]\nstrat = 2025-01-06\nweeks = \"12\"\n[[sites]]\nnam = \"A\"\n",
        );
        let codes: Vec<&str> = found.iter().map(|f| f.1).collect();
        assert_eq!(
            codes,
            [
                "invalid-value",
                "out-of-range",
                "wrong-type",
                "unknown-key",
                "wrong-type",
                "unknown-key",
                "missing-key"
            ]
        );
        assert_eq!(found[0].0, "\"pcb\"");
        assert!(found[0].2.contains("did you mean `pcbc`?"));
        assert_eq!(found[3].0, "strat");
        assert!(found[3].2.contains("did you mean `start`?"), "{:?}", found[3]);
        assert!(found[3].2.contains("expected one of `start` or `weeks`"));
    }

    #[test]
    fn quoted_dates_get_a_hint_and_missing_required_keys_are_reported() {
        let found = problems("[consultation]\nstart = \"2025-01-06\"\n");
        assert_eq!(found[0].1, "wrong-type");
        assert!(found[0].2.contains("write dates without quotes"));
        assert_eq!(found[1].1, "missing-key");
    }

    #[test]
    fn field_paths_resolve_through_tables_only() {
        assert_eq!(field_at(ROOT, "consultation.start").map(|f| f.name), Some("start"));
        assert!(field_at(ROOT, "consultation.end").is_none());
        assert!(field_at(ROOT, "sites.name").is_none());
    }
}
