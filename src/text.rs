//! Small text helpers shared by reporters: making untrusted text safe for a
//! terminal, and writing dates and numbers the way NHS papers do.

use jiff::civil::Date;

/// Replaces control characters (ANSI escapes, carriage returns, bells…) with
/// visible `\u{…}` escapes, so that text taken from a scheme file can never
/// drive the user's terminal. Tabs become a space; newlines are kept only when
/// `keep_newlines` is set.
pub fn terminal_safe(text: &str, keep_newlines: bool) -> String {
    if !text.chars().any(char::is_control) {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\n' if keep_newlines => out.push('\n'),
            '\t' => out.push(' '),
            c if c.is_control() => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    out
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
pub fn number_words(value: f64) -> String {
    if value.fract() == 0.0 && value.abs() < 1e15 {
        format!("{value:.0}")
    } else {
        format!("{value:.1}")
    }
}

/// Serialises an optional civil date as `YYYY-MM-DD` or null.
pub fn serialize_date_opt<S: serde::Serializer>(date: &Option<Date>, serializer: S) -> Result<S::Ok, S::Error> {
    match date {
        Some(d) => serializer.serialize_str(&d.to_string()),
        None => serializer.serialize_none(),
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
