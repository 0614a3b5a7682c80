//! GitHub Actions workflow commands, so each gap is annotated on the line of
//! the scheme file it concerns in a pull request.

use std::fmt::Write as _;

use crate::assessment::{Assessment, Status};
use crate::checklist::Severity;
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

/// One workflow command: `::level file=…,line=…,col=…,title=…::message`.
fn annotate(out: &mut String, level: &str, file: &str, at: Option<Position>, title: &str, text: &str) {
    let at = at.map_or(String::new(), |p| format!(",line={},col={}", p.line, p.column));
    let _ = writeln!(
        out,
        "::{level} file={}{at},title={}::{}",
        property(file),
        property(title),
        message(text)
    );
}

pub fn render(assessment: &Assessment) -> String {
    let mut out = String::new();
    let file = &assessment.file;
    for f in assessment
        .findings
        .iter()
        .filter(|f| f.status.is_gap() || f.status == Status::Blocked)
    {
        let level = match f.severity {
            Severity::Blocker => "error",
            Severity::Major => "warning",
            Severity::Minor => "notice",
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
        annotate(&mut out, "warning", file, None, "Legal duty waived", &warning);
    }
    for f in assessment.findings.iter().filter(|f| f.status == Status::Waived) {
        let title = format!("{} {} (waived)", f.criterion, f.title);
        annotate(&mut out, "notice", file, Some(f.position), &title, &f.evidence);
    }
    for w in assessment.waivers_to_review() {
        let title = format!("Waiver of {} is {}", w.waiver.criterion, w.state.words());
        annotate(&mut out, "notice", file, Some(w.waiver.position), &title, &w.note);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn command_syntax_cannot_be_broken_by_scheme_text() {
        assert_eq!(message("50%\nnext::error"), "50%25%0Anext::error");
        assert_eq!(property("a:b,c"), "a%3Ab%2Cc");
    }
}
