//! Small text helpers shared by reporters: making untrusted text safe for a
//! terminal, and writing dates and numbers the way NHS papers do.

use jiff::civil::Date;

/// Characters that change how the text around them reads without being
/// seen: bidirectional overrides and isolates (which can make a terminal or
/// a log show text in another order than it is), zero-width characters and
/// invisible separators (which can hide or join words), and the Unicode
/// line and paragraph separators (which some viewers break lines at).
pub fn is_hidden(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{061C}'
            | '\u{180E}'
            | '\u{200B}'..='\u{200F}'
            | '\u{2028}'..='\u{202E}'
            | '\u{2060}'..='\u{2069}'
            | '\u{FEFF}'
            | '\u{FFF9}'..='\u{FFFB}'
    )
}

/// Replaces control characters (ANSI escapes, carriage returns, bells…) and
/// hidden characters ([`is_hidden`]) with visible `\u{…}` escapes, so that
/// text taken from an input file can never drive the user's terminal or
/// disguise itself. Tabs become a space; newlines are kept only when
/// `keep_newlines` is set.
pub fn terminal_safe(text: &str, keep_newlines: bool) -> String {
    if !text.chars().any(|c| c.is_control() || is_hidden(c)) {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\n' if keep_newlines => out.push('\n'),
            '\t' => out.push(' '),
            c if c.is_control() || is_hidden(c) => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    out
}

/// Whether a line of output would be read as a command by a CI runner that
/// prints it: GitHub Actions takes `::command::` (and the older `##[command]`)
/// at the start of a line, after any spaces. Only the `github` format may
/// write such lines; every other format keeps data from starting one.
pub fn starts_ci_command(line: &str) -> bool {
    let line = line.trim_start();
    line.starts_with("::") || line.starts_with("##[")
}

/// Keeps every line of `text` from being read as a CI command
/// ([`starts_ci_command`]): the first mark of such a line (`:` or `#`) is
/// written as `escape` gives it for the format (`\u{3a}` on a terminal,
/// `\:` in Markdown), which reads the same to a person.
pub fn defuse_lines(text: String, escape: fn(char) -> String) -> String {
    if !text.lines().any(starts_ci_command) {
        return text;
    }
    let mut out = String::with_capacity(text.len() + 16);
    for line in text.split_inclusive('\n') {
        if starts_ci_command(line) {
            let at = line.len() - line.trim_start().len();
            let mark = line[at..].chars().next().unwrap_or(':');
            out.push_str(&line[..at]);
            out.push_str(&escape(mark));
            out.push_str(&line[at + mark.len_utf8()..]);
        } else {
            out.push_str(line);
        }
    }
    out
}

/// [`defuse_lines`]' escape for a terminal: the visible `\u{…}` form.
pub fn visible_escape(c: char) -> String {
    format!("\\u{{{:x}}}", c as u32)
}

/// Cuts `text` to at most `max` characters, marking the cut with `…`, so a
/// value of any length echoed in a message stays readable.
pub fn clip(text: &str, max: usize) -> std::borrow::Cow<'_, str> {
    match text.char_indices().nth(max) {
        None => std::borrow::Cow::Borrowed(text),
        Some((end, _)) => std::borrow::Cow::Owned(format!("{}…", &text[..end])),
    }
}

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// `6 Jan 2025`: the short British form used in board papers.
pub fn date_words(date: Date) -> String {
    let month = MONTHS[usize::try_from(date.month() - 1).unwrap_or(0)];
    format!("{} {} {}", date.day(), month, date.year())
}

/// Whole weeks and remaining days between two dates, in words: `12 weeks`,
/// `8 weeks 3 days`. Negative spans are written as `-N days`.
pub fn weeks_words(days: i64) -> String {
    if days < 0 {
        return format!("{days} days");
    }
    let (weeks, rest) = (days / 7, days % 7);
    let unit = |n: i64, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    match (weeks, rest) {
        (0, d) => unit(d, "day", "days"),
        (w, 0) => unit(w, "week", "weeks"),
        (w, d) => format!("{} {}", unit(w, "week", "weeks"), unit(d, "day", "days")),
    }
}

/// Formats a number without a needless `.0`, and with at most one decimal.
/// A count with its noun: "1 gap", "3 gaps" (nouns that take an "s").
pub fn counted(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

pub fn number_words(value: f64) -> String {
    if value.fract() == 0.0 && value.abs() < 1e15 {
        format!("{value:.0}")
    } else {
        format!("{value:.1}")
    }
}

/// Serialises a civil date as `YYYY-MM-DD`.
pub fn serialize_date<S: serde::Serializer>(date: &Date, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.collect_str(date)
}

/// Serialises an optional civil date as `YYYY-MM-DD` or null.
pub fn serialize_date_opt<S: serde::Serializer>(date: &Option<Date>, serializer: S) -> Result<S::Ok, S::Error> {
    match date {
        Some(d) => serializer.serialize_str(&d.to_string()),
        None => serializer.serialize_none(),
    }
}

/// Fixed bounds of a date in words: "from 1 Apr 2013 to 30 Jan 2024", "on
/// or after 1 Apr 2013", "on or before 30 Jan 2024" (a rule has at least one).
pub fn bounds_words(on_or_after: Option<Date>, on_or_before: Option<Date>) -> String {
    match (on_or_after, on_or_before) {
        (Some(first), Some(last)) => format!("from {} to {}", date_words(first), date_words(last)),
        (Some(first), None) => format!("on or after {}", date_words(first)),
        (None, Some(last)) => format!("on or before {}", date_words(last)),
        (None, None) => "any date".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_made_visible() {
        assert_eq!(terminal_safe("a\u{1b}[31mred", false), "a\\u{1b}[31mred");
        assert_eq!(terminal_safe("a\r\nb\tc", false), "a\\u{d}\\u{a}b c");
        assert_eq!(terminal_safe("a\nb", true), "a\nb");
        assert_eq!(terminal_safe("plain é", false), "plain é");
        assert_eq!(terminal_safe("a\u{202e}b\u{200b}c", false), "a\\u{202e}b\\u{200b}c");
        assert_eq!(terminal_safe("bell\u{7}", false), "bell\\u{7}");
    }

    #[test]
    fn ci_commands_are_recognised_after_spaces() {
        assert!(starts_ci_command("::error::x"));
        assert!(starts_ci_command("   ::add-mask::x"));
        assert!(starts_ci_command("##[error]x"));
        assert!(!starts_ci_command("a ::error::x"));
        assert!(!starts_ci_command("## [heading]"));
        assert_eq!(
            defuse_lines("ok\n  ::error::x\n##[error]y".into(), visible_escape),
            "ok\n  \\u{3a}:error::x\n\\u{23}#[error]y"
        );
    }

    #[test]
    fn long_values_are_clipped() {
        assert_eq!(clip("abcdef", 3), "abc…");
        assert_eq!(clip("abc", 3), "abc");
        assert_eq!(clip("ééé", 2), "éé…");
    }

    #[test]
    fn counts_take_the_plural_but_one() {
        assert_eq!(counted(0, "gap"), "0 gaps");
        assert_eq!(counted(1, "gap"), "1 gap");
        assert_eq!(counted(15, "file"), "15 files");
    }

    #[test]
    fn dates_and_spans_read_as_words() {
        let date = Date::new(2025, 1, 6).unwrap();
        assert_eq!(date_words(date), "6 Jan 2025");
        assert_eq!(weeks_words(84), "12 weeks");
        assert_eq!(weeks_words(59), "8 weeks 3 days");
        assert_eq!(weeks_words(1), "1 day");
        assert_eq!(weeks_words(-3), "-3 days");
        assert_eq!(number_words(12.0), "12");
        assert_eq!(number_words(85.25), "85.2");
    }
}
