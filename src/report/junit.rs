//! JUnit XML for CI dashboards: a test suite per checklist and a test case
//! per criterion — met is a pass, a gap is a failure with its message and
//! location, not applicable or not yet due is skipped.

use std::fmt::Write as _;

use super::stream::Findings;
use super::{Part, Report};
use crate::assessment::{Finding, Status};
use crate::diagnostic::Problem;

/// XML escaping is the HTML report's: the same five entities, and the
/// characters XML 1.0 forbids dropped.
use super::html::escape as xml;

fn case(out: &mut String, file: &str, f: &Finding) {
    let _ = write!(
        out,
        "    <testcase name=\"{} {}\" classname=\"{}\" time=\"0\"",
        xml(&f.criterion),
        xml(&f.title),
        xml(&format!("{file}:{}", f.checklist))
    );
    let location = format!("{file}:{}:{}", f.position.line, f.position.column);
    match f.status {
        Status::Met => out.push_str("/>\n"),
        Status::NotApplicable | Status::NotYetDue | Status::Waived => {
            let _ = writeln!(
                out,
                ">\n      <skipped message=\"{}: {}\"/>\n    </testcase>",
                f.status.words(),
                xml(&f.evidence.to_string())
            );
        }
        Status::PartlyMet | Status::NotMet | Status::NeedsJudgement | Status::Unknown | Status::Blocked => {
            let _ = writeln!(
                out,
                ">\n      <failure message=\"{} ({}) at {}\" type=\"{}\">{}\n{}</failure>\n    </testcase>",
                xml(&f.evidence.to_string()),
                f.status.words(),
                xml(&location),
                f.severity.code(),
                xml(&format!("{} — {}", f.evidence, location)),
                xml(&format!("How to close it: {}", f.guidance))
            );
        }
    }
}

/// What comes before the test suites of one or more schemes.
pub const HEAD: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites>\n";
/// What comes after them.
pub const TAIL: &str = "</testsuites>\n";

/// The document around the test suites of one or more schemes.
pub fn document(suites: &str) -> String {
    format!("{HEAD}{suites}{TAIL}")
}

pub fn render(report: &Report<'_>) -> String {
    document(&suites(report, 0))
}

/// One checklist's test suite, with its `id` left open: the schemes of a
/// portfolio are rendered apart (each may have checklists of its own), and
/// only the assembled document knows each suite's place, 0, 1, 2… in order
/// as the schema asks.
#[derive(Debug, Clone)]
pub struct Suite {
    before_id: String,
    after_id: String,
}

/// Writes suites numbered from `first_id`; returns the next free id.
pub fn write_suites(suites: &[Suite], first_id: usize, out: &mut dyn std::io::Write) -> std::io::Result<usize> {
    for (index, suite) in suites.iter().enumerate() {
        write!(out, "{}{}{}", suite.before_id, first_id + index, suite.after_id)?;
    }
    Ok(first_id + suites.len())
}

/// The test suites of a portfolio, written as each scheme's come, numbered
/// in order across the schemes.
pub struct Suites {
    /// The id the next test suite takes.
    next: usize,
}

impl Suites {
    /// Writes the document's opening.
    pub fn start(out: &mut dyn std::io::Write) -> std::io::Result<Suites> {
        out.write_all(HEAD.as_bytes())?;
        Ok(Suites { next: 0 })
    }
}

impl Findings for Suites {
    fn add(&mut self, part: &Part, out: &mut dyn std::io::Write) -> std::io::Result<()> {
        if let Part::Junit(suites) = part {
            self.next = write_suites(suites, self.next, out)?;
        }
        Ok(())
    }

    fn add_invalid(&mut self, file: &str, problems: &[Problem], out: &mut dyn std::io::Write) -> std::io::Result<()> {
        self.next = write_suites(&[invalid_suite(file, problems)], self.next, out)?;
        Ok(())
    }

    fn finish(self: Box<Self>, _: &serde_json::Value, out: &mut dyn std::io::Write) -> std::io::Result<()> {
        out.write_all(TAIL.as_bytes())
    }
}

/// A scheme's test suites, one per checklist, numbered from `first_id`.
pub fn suites(report: &Report<'_>, first_id: usize) -> String {
    let mut out = Vec::new();
    // Writing to memory cannot fail.
    let _ = write_suites(&suite_parts(report), first_id, &mut out);
    String::from_utf8(out).expect("the suites are UTF-8")
}

/// A file that could not be assessed, as a suite of its own: one test case
/// per problem, each an `<error>` naming where it is. The timestamp is the
/// schema's required field with no date to give (the file has no as-of date
/// that could be read), so the epoch stands for "unknown".
pub fn invalid_suite(file: &str, problems: &[crate::diagnostic::Problem]) -> Suite {
    let before_id = format!(
        "  <testsuite name=\"{}\" tests=\"{n}\" failures=\"0\" errors=\"{n}\" skipped=\"0\" time=\"0\" \
         timestamp=\"1970-01-01T00:00:00\" hostname=\"reassure\" id=\"",
        xml(&format!("Not a valid scheme file — {file}")),
        n = problems.len(),
    );
    let mut out = format!("\" package=\"{}\">\n    <properties/>\n", xml(file));
    for p in problems {
        let at = p
            .position
            .map_or_else(|| p.file.clone(), |at| format!("{}:{at}", p.file));
        let _ = writeln!(
            out,
            "    <testcase name=\"{}\" classname=\"{}\" time=\"0\">\n      <error message=\"{}\" type=\"invalid-scheme-file\">{}</error>\n    </testcase>",
            xml(&at),
            xml(&format!("{file}:invalid")),
            xml(&p.message),
            xml(&format!("{at}: {}", p.message))
        );
    }
    out.push_str("    <system-out/>\n    <system-err/>\n  </testsuite>\n");
    Suite {
        before_id,
        after_id: out,
    }
}

/// A scheme's test suites, one per checklist, their ids still open.
pub fn suite_parts(report: &Report<'_>) -> Vec<Suite> {
    let a = report.assessment;
    let mut parts = Vec::new();
    for score in &a.scores {
        let findings: Vec<&Finding> = a.findings.iter().filter(|f| f.checklist == score.checklist).collect();
        let failures = findings.iter().filter(|f| f.status.is_outstanding()).count();
        let skipped = findings
            .iter()
            .filter(|f| matches!(f.status, Status::NotApplicable | Status::NotYetDue | Status::Waived))
            .count();
        let before_id = format!(
            "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{failures}\" errors=\"0\" skipped=\"{skipped}\" time=\"0\" \
             timestamp=\"{}T00:00:00\" hostname=\"reassure\" id=\"",
            xml(&format!("{} — {}", score.title, a.file)),
            findings.len(),
            a.as_of,
        );
        let mut out = format!("\" package=\"{}\">\n", xml(&a.file));
        let _ = writeln!(
            out,
            "    <properties>\n      <property name=\"scheme\" value=\"{}\"/>",
            xml(&a.scheme)
        );
        let _ = writeln!(
            out,
            "      <property name=\"scheme_sha256\" value=\"{}\"/>",
            report.provenance.scheme_sha256
        );
        let _ = writeln!(
            out,
            "      <property name=\"gate\" value=\"{}\"/>\n    </properties>",
            a.target
        );
        for f in findings {
            case(&mut out, &a.file, f);
        }
        let _ = writeln!(out, "    <system-out/>\n    <system-err/>\n  </testsuite>");
        parts.push(Suite {
            before_id,
            after_id: out,
        });
    }
    parts
}

#[cfg(test)]
mod tests {
    use super::xml;

    #[test]
    fn markup_is_escaped_and_control_characters_shown() {
        assert_eq!(
            xml("<a href=\"x\">&'</a>"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&#39;&lt;/a&gt;"
        );
        // Valid XML: no raw control character, each shown as `\u{…}`.
        assert_eq!(xml("bell\u{7}esc\u{1b}"), "bell\\u{7}esc\\u{1b}");
    }
}
