//! GitHub Actions workflow commands, so each gap is annotated on the line of
//! the scheme file it concerns in a pull request.

use std::fmt::Write as _;

use crate::assessment::{Assessment, Status};
use crate::checklist::Severity;

/// Escapes a message as the workflow-command syntax requires.
fn message(text: &str) -> String {
    text.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// Escapes a property value (file, title), which also may not hold `:` or `,`.
fn property(text: &str) -> String {
    message(text).replace(':', "%3A").replace(',', "%2C")
}

pub fn render(assessment: &Assessment) -> String {
    let mut out = String::new();
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
        let _ = writeln!(
            out,
            "::{level} file={},line={},col={},title={}::{}",
            property(&assessment.file),
            f.position.line,
            f.position.column,
            property(&format!(
                "{} {} ({}, {})",
                f.criterion,
                f.title,
                f.severity.code(),
                f.status.words()
            )),
            message(&format!("{} — {}", f.evidence, f.guidance))
        );
    }
    if let Some(warning) = assessment.legal_duty_warning() {
        let _ = writeln!(
            out,
            "::warning file={},title={}::{}",
            property(&assessment.file),
            property("Legal duty waived"),
            message(&warning)
        );
    }
    for f in assessment.findings.iter().filter(|f| f.status == Status::Waived) {
        let _ = writeln!(
            out,
            "::notice file={},line={},col={},title={}::{}",
            property(&assessment.file),
            f.position.line,
            f.position.column,
            property(&format!("{} {} (waived)", f.criterion, f.title)),
            message(&f.evidence)
        );
    }
    for w in assessment.waivers_to_review() {
        let _ = writeln!(
            out,
            "::notice file={},line={},col={},title={}::{}",
            property(&assessment.file),
            w.waiver.position.line,
            w.waiver.position.column,
            property(&format!("Waiver of {} is {}", w.waiver.criterion, w.state.words())),
            message(&w.note)
        );
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
