//! GitHub Actions workflow commands, so each gap is annotated on the line of
//! the scheme file it concerns in a pull request.

use super::Part;
use super::spool::Spool;
use super::stream::Findings;
use crate::assessment::{Assessment, Status};
use crate::checklist::Severity;
use crate::diagnostic::Problem;
use crate::source::Position;

/// Escapes a message as the workflow-command syntax requires, with control,
/// bidirectional and zero-width characters made visible first (the runner
/// prints annotations to the log, and a log is a terminal's text).
fn message(text: &str) -> String {
    crate::text::terminal_safe(text, true)
        .replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a property value (file, title), which also may not hold `:` or `,`.
fn property(text: &str) -> String {
    message(text).replace(':', "%3A").replace(',', "%2C")
}

/// The kinds of annotation, most severe first: GitHub shows at most
/// [`SHOWN_PER_LEVEL`] of each kind for a step, in the order they come.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    Error,
    Warning,
    Notice,
}

impl Level {
    pub const ALL: [Level; 3] = [Level::Error, Level::Warning, Level::Notice];

    fn command(self) -> &'static str {
        match self {
            Level::Error => "error",
            Level::Warning => "warning",
            Level::Notice => "notice",
        }
    }

    fn plural(self) -> &'static str {
        match self {
            Level::Error => "errors",
            Level::Warning => "warnings",
            Level::Notice => "notices",
        }
    }
}

/// Annotations of one kind that GitHub shows for a step; the rest stay in
/// the job log only.
pub const SHOWN_PER_LEVEL: usize = 10;

/// One workflow command, written as a line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Annotation {
    pub level: Level,
    pub line: String,
}

/// One workflow command: `::level file=…,line=…,col=…,title=…::message`.
fn annotate(out: &mut Vec<Annotation>, level: Level, file: &str, at: Option<Position>, title: &str, text: &str) {
    let at = at.map_or(String::new(), |p| format!(",line={},col={}", p.line, p.column));
    out.push(Annotation {
        level,
        line: format!(
            "::{} file={}{at},title={}::{}\n",
            level.command(),
            property(file),
            property(title),
            message(text)
        ),
    });
}

/// A scheme's annotations, in the order of its findings.
pub fn annotations(assessment: &Assessment) -> Vec<Annotation> {
    let mut out = Vec::new();
    let file = &assessment.file;
    for f in assessment.findings.iter().filter(|f| f.status.is_outstanding()) {
        let level = match f.severity {
            Severity::Blocker => Level::Error,
            Severity::Major => Level::Warning,
            Severity::Minor => Level::Notice,
        };
        let title = format!(
            "{} {} ({}, {})",
            f.criterion,
            f.title,
            f.severity.code(),
            f.status.words()
        );
        let text = format!("{} — {}", f.evidence, f.guidance);
        annotate(&mut out, level, file, Some(f.position), &title, &text);
    }
    if let Some(warning) = assessment.legal_duty_warning() {
        annotate(&mut out, Level::Warning, file, None, "Legal duty waived", &warning);
    }
    for f in assessment.findings.iter().filter(|f| f.status == Status::Waived) {
        let title = format!("{} {} (waived)", f.criterion, f.title);
        annotate(
            &mut out,
            Level::Notice,
            file,
            Some(f.position),
            &title,
            &f.evidence.to_string(),
        );
    }
    for w in assessment.waivers_to_review() {
        let title = format!("Waiver of {} is {}", w.waiver.criterion, w.state.words());
        annotate(&mut out, Level::Notice, file, Some(w.waiver.position), &title, &w.note);
    }
    out
}

/// An error annotation for each problem of a file that could not be
/// assessed, at its line and column where it has one.
pub fn invalid(problems: &[crate::diagnostic::Problem]) -> Vec<Annotation> {
    let mut out = Vec::new();
    for p in problems {
        annotate(
            &mut out,
            Level::Error,
            &p.file,
            p.position,
            "Not a valid scheme file",
            &p.message,
        );
    }
    out
}

/// The closing notice when a kind has more annotations than GitHub shows:
/// how many, and where the rest are. `counts` are per [`Level::ALL`].
pub fn overflow_notice(counts: [usize; 3]) -> Option<String> {
    let hidden: Vec<String> = Level::ALL
        .iter()
        .zip(counts)
        .filter(|(_, n)| *n > SHOWN_PER_LEVEL)
        .map(|(level, n)| format!("{} of {n} {}", n - SHOWN_PER_LEVEL, level.plural()))
        .collect();
    (!hidden.is_empty()).then(|| {
        format!(
            "::notice title=reassure::{} not shown as annotations (GitHub shows {SHOWN_PER_LEVEL} of each kind); every one is in this step's log, most severe first, and in the SARIF, JUnit and Markdown reports\n",
            message(&hidden.join(", "))
        )
    })
}

/// A scheme's annotations, most severe first, then a notice of any that
/// GitHub would not show.
pub fn render(assessment: &Assessment) -> String {
    let mut all = annotations(assessment);
    all.sort_by_key(|a| a.level);
    let mut counts = [0; 3];
    for a in &all {
        counts[a.level as usize] += 1;
    }
    let mut out: String = all.into_iter().map(|a| a.line).collect();
    if let Some(notice) = overflow_notice(counts) {
        out.push_str(&notice);
    }
    out
}

/// GitHub annotations of every scheme, kept by kind so the most severe come
/// first in the log (GitHub shows only the first ten of each kind).
#[derive(Default)]
pub struct Annotations {
    by_level: [Spool; 3],
    counts: [usize; 3],
}

impl Annotations {
    fn keep(&mut self, annotations: &[Annotation]) -> std::io::Result<()> {
        for a in annotations {
            self.by_level[a.level as usize].push(&a.line)?;
            self.counts[a.level as usize] += 1;
        }
        Ok(())
    }
}

impl Findings for Annotations {
    fn add(&mut self, part: &Part, _: &mut dyn std::io::Write) -> std::io::Result<()> {
        match part {
            Part::Github(annotations) => self.keep(annotations),
            _ => Ok(()),
        }
    }

    fn add_invalid(&mut self, _: &str, problems: &[Problem], _: &mut dyn std::io::Write) -> std::io::Result<()> {
        self.keep(&invalid(problems))
    }

    fn finish(self: Box<Self>, _: &serde_json::Value, out: &mut dyn std::io::Write) -> std::io::Result<()> {
        let Annotations { by_level, counts } = *self;
        for spool in by_level {
            spool.copy_into(out)?;
        }
        match overflow_notice(counts) {
            Some(notice) => out.write_all(notice.as_bytes()),
            None => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_most_severe_come_first_and_a_notice_counts_what_github_hides() {
        assert_eq!(overflow_notice([10, 3, 0]), None, "ten of a kind are all shown");
        let notice = overflow_notice([2, 15, 11]).unwrap();
        assert!(
            notice.starts_with("::notice title=reassure::5 of 15 warnings, 1 of 11 notices not shown"),
            "{notice}"
        );
        assert!(Level::Error < Level::Warning && Level::Warning < Level::Notice);
    }

    #[test]
    fn command_syntax_cannot_be_broken_by_scheme_text() {
        assert_eq!(message("50%\nnext::error"), "50%25%0Anext::error");
        assert_eq!(property("a:b,c"), "a%3Ab%2Cc");
    }
}
