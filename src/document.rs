//! A parsed TOML file as an owned tree in which every key and value keeps its
//! byte span, so that any later finding can point at the line it concerns.
//!
//! Parsing never stops at the first syntax error: the TOML parser recovers,
//! and every error it found comes back as a [`Diagnostic`].

use std::ops::Range;

use jiff::civil::Date;
use toml::de::{DeTable, DeValue};

use crate::diagnostic::Diagnostic;

/// A value and the byte range it occupies in its file.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub span: Range<usize>,
    pub value: Value,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    String(String),
    Integer(i64),
    Float(f64),
    Bool(bool),
    Datetime(toml::value::Datetime),
    Array(Vec<Node>),
    Table(Table),
}

/// A table's entries in file order.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Table {
    pub entries: Vec<Entry>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub key: String,
    pub key_span: Range<usize>,
    pub node: Node,
}

impl Table {
    pub fn get(&self, key: &str) -> Option<&Entry> {
        self.entries.iter().find(|e| same_key(&e.key, key))
    }
}

/// Whether two keys are equal, compared in line: scheme keys are short, and
/// a call to the C library's `memcmp` for every key of every table on every
/// path looked up was the largest single cost of a portfolio run.
fn same_key(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.bytes().zip(b.bytes()).all(|(x, y)| x == y)
}

/// The segments of a dotted path (`commissioners[1].supports`), split by
/// hand: a path is split for every rule of every criterion of every scheme,
/// and `str::split` set up a searcher for each.
fn segments(path: &str) -> impl Iterator<Item = &str> {
    let mut rest = Some(path);
    std::iter::from_fn(move || {
        let text = rest?;
        match text.bytes().position(|b| b == b'.') {
            Some(dot) => {
                rest = Some(&text[dot + 1..]);
                Some(&text[..dot])
            }
            None => {
                rest = None;
                Some(text)
            }
        }
    })
}

impl Value {
    /// How the value is described in "expected …, found …" messages.
    pub fn type_name(&self) -> &'static str {
        match self {
            Value::String(_) => "a string",
            Value::Integer(_) => "an integer",
            Value::Float(_) => "a decimal number",
            Value::Bool(_) => "a boolean",
            Value::Datetime(d) if d.date.is_some() && d.time.is_none() => "a date",
            Value::Datetime(_) => "a date-time",
            Value::Array(_) => "an array",
            Value::Table(_) => "a table",
        }
    }
}

/// A scheme date recorded without its day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PartialDate<'a> {
    /// A year and month, or a year: its text and its first and last days.
    Period { text: &'a str, first: Date, last: Date },
    /// `"done"`: it happened, and the date is not known.
    Done,
}

impl Node {
    pub fn as_table(&self) -> Option<&Table> {
        match &self.value {
            Value::Table(t) => Some(t),
            _ => None,
        }
    }

    pub fn as_array(&self) -> Option<&[Node]> {
        match &self.value {
            Value::Array(items) => Some(items),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_bool(&self) -> Option<bool> {
        match self.value {
            Value::Bool(b) => Some(b),
            _ => None,
        }
    }

    pub fn as_integer(&self) -> Option<i64> {
        match self.value {
            Value::Integer(i) => Some(i),
            _ => None,
        }
    }

    /// Integers and decimals alike, for numeric comparisons.
    pub fn as_number(&self) -> Option<f64> {
        match self.value {
            #[allow(clippy::cast_precision_loss)] // values here are far below 2^52
            Value::Integer(i) => Some(i as f64),
            Value::Float(f) => Some(f),
            _ => None,
        }
    }

    /// A date recorded as `"2017-03"`, `"2017"` or `"done"`.
    pub fn partial_date(&self) -> Option<PartialDate<'_>> {
        let Value::String(text) = &self.value else { return None };
        if text == "done" {
            return Some(PartialDate::Done);
        }
        let (year, month) = match text.split_once('-') {
            Some((y, m)) if m.len() == 2 => (y, Some(m)),
            None => (text.as_str(), None),
            _ => return None,
        };
        if year.len() != 4 || !year.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        // A scheme's events fall in living memory: a year outside 1900-2100
        // is a typing error, not a date.
        let year: i16 = year.parse().ok().filter(|y| (1900..=2100).contains(y))?;
        let (first, last) = match month {
            Some(m) if m.bytes().all(|b| b.is_ascii_digit()) => {
                let first = Date::new(year, m.parse().ok()?, 1).ok()?;
                (first, first.last_of_month())
            }
            Some(_) => return None,
            None => (Date::new(year, 1, 1).ok()?, Date::new(year, 12, 31).ok()?),
        };
        Some(PartialDate::Period { text, first, last })
    }

    /// A local date (`2025-01-06`); `None` for date-times and other values.
    /// A partial date (`"2017-03"`, `"2017"`) is taken as its first day:
    /// [`Node::partial_date`] says when that was assumed.
    pub fn as_date(&self) -> Option<Date> {
        if let Some(PartialDate::Period { first, .. }) = self.partial_date() {
            return Some(first);
        }
        match &self.value {
            Value::Datetime(dt) if dt.time.is_none() && dt.offset.is_none() => {
                let d = dt.date?;
                Date::new(
                    i16::try_from(d.year).ok()?,
                    i8::try_from(d.month).ok()?,
                    i8::try_from(d.day).ok()?,
                )
                .ok()
            }
            _ => None,
        }
    }

    /// Follows a dotted path of table keys (`consultation.start`).
    ///
    /// A segment may index an array: `commissioners[1].supports`.
    pub fn lookup(&self, path: &str) -> Option<&Node> {
        segments(path).try_fold(self, Node::step)
    }

    /// One path segment: `key` or `key[index]`.
    fn step<'a>(&'a self, segment: &str) -> Option<&'a Node> {
        let indexed = segment
            .strip_suffix(']')
            .and_then(|s| Some(s.split_at(s.bytes().position(|b| b == b'[')?)));
        let (key, index) = match indexed {
            Some((key, index)) => (key, Some(index[1..].parse::<usize>().ok()?)),
            None => (segment, None),
        };
        let node = &self.as_table()?.get(key)?.node;
        match index {
            Some(i) => node.as_array()?.get(i),
            None => Some(node),
        }
    }

    /// The deepest node that exists along `path`: where a finding about a
    /// missing key should point (the table it belongs in).
    pub fn nearest(&self, path: &str) -> &Node {
        let mut node = self;
        for segment in segments(path) {
            match node.step(segment) {
                Some(next) => node = next,
                None => break,
            }
        }
        node
    }

    /// The span of the key naming the node at `path` (`start` in
    /// `start = 2025-01-06`), which reads better than the value's span.
    pub fn key_span(&self, path: &str) -> Option<Range<usize>> {
        let (parent, key) = match path.bytes().rposition(|b| b == b'.') {
            Some(dot) => (self.lookup(&path[..dot])?, &path[dot + 1..]),
            None => (self, path),
        };
        parent.as_table()?.get(key).map(|e| e.key_span.clone())
    }
}

/// Parses TOML text into a [`Node`] tree and every syntax error found.
///
/// The tree is returned even when there are errors (the parser recovers), so
/// that later checks can still report unknown keys and wrong types in the
/// parts that did parse.
pub fn parse(text: &str) -> (Node, Vec<Diagnostic>) {
    let (root, errors) = DeTable::parse_recoverable(text);
    // Where a duplicate was first defined takes a scan of the lines before
    // it: done for the problems shown, not for thousands of them.
    let mut located = 0;
    let mut diagnostics: Vec<Diagnostic> = errors
        .iter()
        .map(|e| {
            let span = e.span().unwrap_or(0..0);
            let message = e.message().trim_end();
            if message == "duplicate key" {
                located += 1;
                return duplicate(text, span, located <= crate::diagnostic::MAX_SHOWN);
            }
            Diagnostic::new("syntax", span, format!("invalid TOML: {message}"), "here")
        })
        .collect();
    let span = root.span();
    let table = convert_table(root.get_ref(), &mut diagnostics);
    let node = Node {
        span,
        value: Value::Table(table),
    };
    (node, diagnostics)
}

/// The parser says only "duplicate key": name the key, and where it was
/// first defined when that can be found by reading back through the same
/// table (a header `[name]` anywhere earlier, or `name =` since the last
/// header).
fn duplicate(text: &str, span: Range<usize>, locate: bool) -> Diagnostic {
    let key = text.get(span.clone()).unwrap_or_default().trim();
    let before = text.get(..span.start).unwrap_or_default();
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let is_header = text[line_start..span.start].trim_start().starts_with('[');
    let earlier = &text[..line_start];
    let first = if !locate {
        None
    } else if is_header {
        let header = text[line_start..].lines().next().unwrap_or_default().trim();
        let name = header.trim_matches(|c| c == '[' || c == ']').trim();
        // As a header earlier, or as an inline table `name = { … }`.
        earlier
            .lines()
            .position(|l| l.trim() == header)
            .or_else(|| {
                earlier.lines().position(|l| {
                    l.strip_prefix(name)
                        .is_some_and(|rest| rest.trim_start().starts_with('='))
                })
            })
            .map(|line| format!("`{name}` was first defined on line {}", line + 1))
    } else {
        let lines: Vec<&str> = earlier.lines().collect();
        lines
            .iter()
            .enumerate()
            .rev()
            .take_while(|(_, l)| !l.trim_start().starts_with('['))
            .find(|(_, l)| {
                l.trim_start()
                    .strip_prefix(key)
                    .is_some_and(|rest| rest.trim_start().starts_with('='))
            })
            .map(|(line, _)| format!("`{key}` was first defined on line {}", line + 1))
    };
    let what = if is_header { "table" } else { "key" };
    let mut d = Diagnostic::new(
        "duplicate-key",
        span,
        format!("invalid TOML: the {what} `{key}` is defined twice"),
        "defined again here",
    );
    if let Some(first) = first {
        d = d.note(first);
    }
    d.note(format!(
        "help: a {what} may be defined only once; merge the two or remove one"
    ))
}

fn convert_table(table: &DeTable<'_>, diagnostics: &mut Vec<Diagnostic>) -> Table {
    Table {
        entries: table
            .iter()
            .map(|(key, value)| Entry {
                key: key.get_ref().to_string(),
                key_span: key.span(),
                node: convert(value.get_ref(), value.span(), diagnostics),
            })
            .collect(),
    }
}

fn convert(value: &DeValue<'_>, span: Range<usize>, diagnostics: &mut Vec<Diagnostic>) -> Node {
    let value = match value {
        DeValue::String(s) => Value::String(s.to_string()),
        DeValue::Integer(i) => match i64::from_str_radix(i.as_str(), i.radix()) {
            Ok(n) => Value::Integer(n),
            Err(_) => {
                diagnostics.push(
                    Diagnostic::new(
                        "out-of-range",
                        span.clone(),
                        "integer is too large",
                        "does not fit in 64 bits",
                    )
                    .note(format!("expected a whole number between {} and {}", i64::MIN, i64::MAX)),
                );
                Value::Integer(0)
            }
        },
        DeValue::Float(f) => Value::Float(f.as_str().replace('_', "").parse().unwrap_or(f64::NAN)),
        DeValue::Boolean(b) => Value::Bool(*b),
        DeValue::Datetime(d) => Value::Datetime(*d),
        DeValue::Array(items) => Value::Array(
            items
                .iter()
                .map(|item| convert(item.get_ref(), item.span(), diagnostics))
                .collect(),
        ),
        DeValue::Table(t) => Value::Table(convert_table(t, diagnostics)),
    };
    Node { span, value }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_spans_and_order() {
        let (root, errors) = parse("b = 1\na = 2025-01-06\n[c]\nd = [1, 2.5]\n");
        assert!(errors.is_empty());
        let keys: Vec<&str> = root
            .as_table()
            .unwrap()
            .entries
            .iter()
            .map(|e| e.key.as_str())
            .collect();
        assert_eq!(keys, ["b", "a", "c"]);
        assert_eq!(root.lookup("a").unwrap().as_date(), Date::new(2025, 1, 6).ok());
        assert_eq!(root.lookup("a").unwrap().span, 10..20);
        assert_eq!(root.key_span("c.d"), Some(25..26));
        assert_eq!(
            root.lookup("c.d").unwrap().as_array().unwrap()[1].as_number(),
            Some(2.5)
        );
        assert_eq!(root.nearest("c.e.f").span, root.lookup("c").unwrap().span);
        assert_eq!(root.lookup("c.d[1]").unwrap().as_number(), Some(2.5));
        assert!(root.lookup("c.d[2]").is_none());
        assert!(root.lookup("c.d[x]").is_none());
    }

    /// Paths are split by hand: every shape a rule or a finding can name,
    /// and the malformed ones, come out as `str::split` gave them.
    #[test]
    fn paths_are_followed_segment_by_segment() {
        let (root, _) = parse("a = 1\nab = 2\n[t]\nk = 3\nl = [{ m = 4 }, { m = 5 }]\n[t.u]\nv = 6\n");
        let number = |path: &str| root.lookup(path).and_then(Node::as_number);
        assert_eq!(number("a"), Some(1.0));
        assert_eq!(number("ab"), Some(2.0), "a key is matched whole, not by its start");
        assert_eq!(number("t.k"), Some(3.0));
        assert_eq!(number("t.u.v"), Some(6.0));
        assert_eq!(number("t.l[1].m"), Some(5.0));
        assert_eq!(number("t.l[0].m"), Some(4.0));
        for missing in [
            "", ".", "a.", ".a", "t..k", "t.k.", "b", "t.l[2].m", "t.l[].m", "t.l1].m", "t.k[0]", "t.l[1]m",
        ] {
            assert!(root.lookup(missing).is_none(), "{missing:?} found something");
        }
        assert_eq!(
            root.key_span("t.u.v"),
            root.lookup("t.u")
                .unwrap()
                .as_table()
                .unwrap()
                .get("v")
                .map(|e| e.key_span.clone())
        );
        assert_eq!(root.key_span("ab"), Some(6..8));
        assert_eq!(
            root.key_span("t.l[1].m")
                .map(|s| &"a = 1\nab = 2\n[t]\nk = 3\nl = [{ m = 4 }, { m = 5 }]\n"[s]),
            Some("m")
        );
        assert!(root.key_span("t.x").is_none());
        assert_eq!(root.nearest("t.u.w").span, root.lookup("t.u").unwrap().span);
        assert_eq!(root.nearest("t.l[1].z").span, root.lookup("t.l[1]").unwrap().span);
        assert_eq!(root.nearest("zz").span, root.span);
    }

    #[test]
    fn reports_every_syntax_error_with_a_span() {
        let (_, errors) = parse("a = \nb = 2025-02-30\nc = \"open\n");
        assert!(errors.len() >= 3, "{errors:?}");
        assert!(errors.iter().all(|e| e.code == "syntax"));
        assert!(errors.iter().any(|e| e.message.contains("invalid date")));
    }

    #[test]
    fn oversized_integers_are_diagnosed_not_wrapped() {
        let (_, errors) = parse("a = 99999999999999999999\n");
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].code, "out-of-range");
    }

    #[test]
    fn date_times_are_not_dates() {
        let (root, _) = parse("a = 2025-01-06T10:00:00\n");
        assert_eq!(root.lookup("a").unwrap().as_date(), None);
    }
}
