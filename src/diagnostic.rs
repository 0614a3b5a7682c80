//! Problems found in an input file (a scheme or a checklist), and their
//! rustc-style rendering: code, message, `file:line:column`, the offending
//! line with a caret, and notes such as "did you mean".
//!
//! Problems in the input are data, collected in full before anything stops,
//! so a user sees every problem in one run.

use std::fmt::Write as _;
use std::ops::Range;

use crate::source::SourceFile;
use crate::text::terminal_safe;

/// One problem in one input file.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Diagnostic {
    /// Stable kebab-case code, e.g. `unknown-key`, so tools can filter.
    pub code: &'static str,
    pub message: String,
    /// Byte range in the file; an empty range points between characters.
    pub span: Range<usize>,
    /// Short text drawn under the caret.
    pub label: String,
    /// Further lines: what was expected, "did you mean", how to fix it.
    pub notes: Vec<String>,
}

impl Diagnostic {
    pub fn new(code: &'static str, span: Range<usize>, message: impl Into<String>, label: impl Into<String>) -> Self {
        Diagnostic {
            code,
            message: message.into(),
            span,
            label: label.into(),
            notes: Vec::new(),
        }
    }

    #[must_use]
    pub fn note(mut self, note: impl Into<String>) -> Self {
        self.notes.push(note.into());
        self
    }

    /// Adds a "did you mean" note when a close candidate exists.
    #[must_use]
    pub fn suggest<'a>(self, given: &str, candidates: impl IntoIterator<Item = &'a str>) -> Self {
        match did_you_mean(given, candidates) {
            Some(best) => self.note(format!("help: did you mean `{best}`?")),
            None => self,
        }
    }
}

/// Why a file could not be used: it could not be read at all (one line
/// naming it), or it was read and has problems located in it. Every input
/// problem a command reports is one of these.
#[derive(Debug, Clone, thiserror::Error)]
pub enum Rejection {
    #[error(transparent)]
    Unreadable(#[from] crate::input::ReadError),
    #[error("`{}` has {}", terminal_safe(.0.name(), false), crate::text::counted(.1.len(), "problem"))]
    Invalid(SourceFile, Vec<Diagnostic>),
}

/// One problem of a file that cannot be assessed, as the CI formats report
/// it: the file, where in it (none when the file could not be read at all),
/// and the message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub file: String,
    pub position: Option<crate::source::Position>,
    pub message: String,
}

/// The most problems shown for one file: a generated or hostile file with
/// thousands would otherwise bury the terminal (the count stays whole).
pub const MAX_SHOWN: usize = 100;

/// Every problem as the terminal shows it, then a closing line for each
/// invalid file saying how many problems it has and `outcome` (what became
/// of the run: "nothing was assessed").
pub fn rejections_text(rejections: &[Rejection], outcome: &str) -> String {
    let mut text: String = rejections.iter().map(Rejection::render).collect();
    for r in rejections {
        if let Rejection::Invalid(file, diagnostics) = r {
            let _ = writeln!(
                text,
                "error: `{}` has {}; {outcome}",
                terminal_safe(file.name(), false),
                crate::text::counted(diagnostics.len(), "problem")
            );
        }
    }
    text
}

impl Rejection {
    /// The problems in full, as the terminal shows them: the first
    /// [`MAX_SHOWN`], then a line saying how many more there are.
    pub fn render(&self) -> String {
        match self {
            Rejection::Unreadable(e) => format!("error: {e}\n"),
            Rejection::Invalid(file, diagnostics) => {
                let mut out: String = diagnostics.iter().take(MAX_SHOWN).map(|d| render(d, file)).collect();
                if diagnostics.len() > MAX_SHOWN {
                    let _ = writeln!(
                        out,
                        "note: and {} more problems in `{}`, not shown; fix these first\n",
                        diagnostics.len() - MAX_SHOWN,
                        terminal_safe(file.name(), false)
                    );
                }
                out
            }
        }
    }

    /// Each problem on one line, `line:column: message`, with the file's
    /// name in front unless it is `home` (the file a row is about).
    /// The problems for the CI formats: at most [`MAX_SHOWN`], then one
    /// saying how many more, with quoted values clipped. `file` names a file
    /// that could not be read at all.
    pub fn problems(&self, file: &str) -> Vec<Problem> {
        match self {
            Rejection::Unreadable(e) => vec![Problem {
                file: file.to_owned(),
                position: None,
                message: e.to_string(),
            }],
            Rejection::Invalid(source, diagnostics) => {
                let mut problems: Vec<Problem> = diagnostics
                    .iter()
                    .take(MAX_SHOWN)
                    .map(|d| Problem {
                        file: source.name().to_owned(),
                        position: Some(source.position(d.span.start)),
                        message: format!("{} [{}]", clip_code(&d.message), d.code),
                    })
                    .collect();
                if diagnostics.len() > MAX_SHOWN {
                    problems.push(Problem {
                        file: source.name().to_owned(),
                        position: None,
                        message: format!("and {} more problems, not shown", diagnostics.len() - MAX_SHOWN),
                    });
                }
                problems
            }
        }
    }

    /// How many problems: one for a file that could not be read.
    pub fn count(&self) -> usize {
        match self {
            Rejection::Unreadable(_) => 1,
            Rejection::Invalid(_, diagnostics) => diagnostics.len(),
        }
    }

    /// At most [`MAX_SHOWN`] lines, then one saying how many more.
    pub fn lines(&self, home: &str) -> Vec<String> {
        match self {
            Rejection::Unreadable(e) => vec![e.to_string()],
            Rejection::Invalid(file, diagnostics) => {
                let mut lines: Vec<String> = diagnostics
                    .iter()
                    .take(MAX_SHOWN)
                    .map(|d| {
                        let at = file.position(d.span.start);
                        let message = clip_code(&d.message);
                        if file.name() == home {
                            format!("{at}: {message}")
                        } else {
                            format!("{}:{at}: {message}", file.name())
                        }
                    })
                    .collect();
                if diagnostics.len() > MAX_SHOWN {
                    lines.push(format!("and {} more problems", diagnostics.len() - MAX_SHOWN));
                }
                lines
            }
        }
    }
}

/// The closest candidate to `given`, if any is close enough to be a likely
/// typo. Jaro-Winkler favours shared prefixes, which suits key names.
pub fn did_you_mean<'a>(given: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let given_lower = given.to_lowercase();
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(&given_lower, &c.to_lowercase()), c))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0).then_with(|| b.1.cmp(a.1)))
        .map(|(_, c)| c)
}

/// Formats a list of names as "`a`, `b` or `c`" for "expected one of" notes.
pub fn one_of<'a>(names: impl IntoIterator<Item = &'a str>) -> String {
    let names: Vec<String> = names.into_iter().map(|n| format!("`{n}`")).collect();
    match names.split_last() {
        None => String::new(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
    }
}

/// Longest part of a source line shown in a snippet; longer lines are cut
/// around the caret so a minified or generated file stays readable. Values
/// quoted in messages (a key, a path) are cut to the same width.
pub const SNIPPET_WIDTH: usize = 100;

/// A message with every `code span` longer than [`SNIPPET_WIDTH`] cut to
/// it, so a value of any length from the file is never echoed whole.
pub fn clip_code(message: &str) -> String {
    let mut out = String::with_capacity(message.len().min(4 * SNIPPET_WIDTH));
    for (i, piece) in message.split('`').enumerate() {
        if i > 0 {
            out.push('`');
        }
        out.push_str(&crate::text::clip(
            piece,
            if i % 2 == 1 { SNIPPET_WIDTH } else { 10 * SNIPPET_WIDTH },
        ));
    }
    out
}

/// Renders one diagnostic as plain text (no colour), ending in a blank line.
pub fn render(diagnostic: &Diagnostic, file: &SourceFile) -> String {
    let span = file.clamp(diagnostic.span.clone());
    let start = file.position(span.start);
    let end = file.position(span.end);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "error[{}]: {}",
        diagnostic.code,
        terminal_safe(&clip_code(&diagnostic.message), false)
    );
    let gutter = " ".repeat(start.line.to_string().len());
    let _ = writeln!(out, "{gutter}--> {}:{start}", terminal_safe(file.name(), false));
    let _ = writeln!(out, "{gutter} |");

    let line: Vec<char> = file.line_text(start.line).chars().collect();
    // The shown line has no line ending, so a column at a `\r` may lie past
    // its end: keep the caret within the line.
    let caret_from = (start.column - 1).min(line.len());
    let caret_to = if end.line == start.line {
        (end.column - 1).clamp(caret_from, line.len())
    } else {
        line.len()
    };
    let window_start = caret_from.saturating_sub(SNIPPET_WIDTH / 2);
    let window_end = line.len().min(window_start + SNIPPET_WIDTH);
    let mut shown = String::new();
    if window_start > 0 {
        shown.push('…');
    }
    let shown_prefix: String = line[window_start..caret_from.min(window_end)].iter().collect();
    let caret_offset = usize::from(window_start > 0) + terminal_safe(&shown_prefix, false).chars().count();
    let marked: String = line[caret_from.min(window_end)..caret_to.clamp(caret_from, window_end)]
        .iter()
        .collect();
    let caret_len = terminal_safe(&marked, false).chars().count().max(1);
    shown.push_str(&terminal_safe(
        &line[window_start..window_end].iter().collect::<String>(),
        false,
    ));
    if window_end < line.len() {
        shown.push('…');
    }
    let _ = writeln!(out, "{} | {}", start.line, shown.trim_end());
    let _ = writeln!(
        out,
        "{gutter} | {}{} {}",
        " ".repeat(caret_offset),
        "^".repeat(caret_len),
        terminal_safe(&clip_code(&diagnostic.label), false)
    );
    for note in &diagnostic.notes {
        let _ = writeln!(out, "{gutter} = {}", terminal_safe(&clip_code(note), false));
    }
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rejected_file_counts_its_problems_in_words() {
        let file = SourceFile::new("s.toml", "x = 1\n");
        let problem = || Diagnostic::new("unknown-key", 0..1, "unknown key `x`", "here");
        let one = Rejection::Invalid(file.clone(), vec![problem()]);
        assert_eq!(one.to_string(), "`s.toml` has 1 problem");
        let two = Rejection::Invalid(file, vec![problem(), problem()]);
        assert_eq!(two.to_string(), "`s.toml` has 2 problems");
    }

    #[test]
    fn renders_file_line_column_snippet_and_notes() {
        let file = SourceFile::new("s.toml", "[scheme]\nnmae = \"x\"\n");
        let d = Diagnostic::new("unknown-key", 9..13, "unknown key `nmae` in `[scheme]`", "unknown key")
            .suggest("nmae", ["name", "summary"]);
        assert_eq!(
            render(&d, &file),
            "error[unknown-key]: unknown key `nmae` in `[scheme]`\n \
             --> s.toml:2:1\n  |\n\
             2 | nmae = \"x\"\n  | ^^^^ unknown key\n  \
             = help: did you mean `name`?\n\n"
        );
    }

    #[test]
    fn control_characters_in_the_snippet_are_escaped_and_the_caret_follows() {
        let file = SourceFile::new("s.toml", "a = \"\u{1b}[2J\" x\n");
        let d = Diagnostic::new("syntax", 11..12, "bad", "here");
        let out = render(&d, &file);
        assert!(!out.contains('\u{1b}'));
        assert!(
            out.contains("1 | a = \"\\u{1b}[2J\" x\n  |                 ^ here"),
            "{out}"
        );
    }

    #[test]
    fn did_you_mean_needs_a_close_candidate() {
        assert_eq!(
            did_you_mean("consultaton", ["consultation", "scrutiny"]),
            Some("consultation")
        );
        assert_eq!(did_you_mean("zzz", ["consultation", "scrutiny"]), None);
        assert_eq!(one_of(["a", "b", "c"]), "`a`, `b` or `c`");
    }
}
