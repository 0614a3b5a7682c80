//! CSV for spreadsheet users: one row per finding, every field quoted as
//! RFC 4180 requires, and cells that a spreadsheet would run as a formula
//! (starting with `=`, `+`, `-`, `@`, tab or carriage return) neutralised.

use super::portfolio::{Rows, cells};
use crate::assessment::Assessment;
use crate::portfolio::Outcome;

const HEADER: &[&str] = &[
    "scheme",
    "file",
    "checklist",
    "criterion",
    "title",
    "severity",
    "basis",
    "gate",
    "status",
    "due",
    "evidence",
    "path",
    "line",
    "column",
    "guidance",
    "source",
];

/// One CSV field, on one line: line breaks folded to spaces, control and hidden characters made visible
/// (a line break in data would start a new line of the file), formula-like
/// text and text that a CI runner would read as a command (`::…`) given a
/// leading apostrophe, and a field with a comma or quote quoted with inner
/// quotes doubled.
pub fn field(text: &str) -> String {
    let folded;
    let text = if text.contains(['\n', '\r']) {
        folded = text
            .split(['\n', '\r'])
            .filter(|l| !l.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
        &folded
    } else {
        text
    };
    let text = crate::text::terminal_safe(text, false);
    let text = if text.starts_with(['=', '+', '-', '@', '\t', '\r']) || crate::text::starts_ci_command(&text) {
        format!("'{text}")
    } else {
        text
    };
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    }
}

pub fn render(assessment: &Assessment) -> String {
    let mut out = HEADER.join(",");
    out.push_str("\r\n");
    // Never a local absolute path: a spreadsheet travels.
    let file = crate::project::shown_path(&assessment.file);
    for f in &assessment.findings {
        let row = [
            assessment.scheme.as_str(),
            file.as_str(),
            &f.checklist,
            &f.criterion,
            &f.title,
            f.severity.code(),
            f.basis.code(),
            f.gate.code(),
            f.status.code(),
            if f.due { "yes" } else { "no" },
            &f.evidence.to_string(),
            &f.path,
            &f.position.line.to_string(),
            &f.position.column.to_string(),
            &f.guidance,
            &f.source,
        ];
        out.push_str(&row.iter().map(|c| field(c)).collect::<Vec<_>>().join(","));
        out.push_str("\r\n");
    }
    out
}

/// A portfolio as CSV: one row per file, written a row at a time.
pub(crate) fn write_portfolio(rows: &mut Rows, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    out.write_all(b"file,scheme,stage,ready,score,rating,blockers,status\r\n")?;
    for e in rows.read()? {
        let e = e?;
        let status = match e.outcome {
            Outcome::Assessed(_) => "assessed",
            Outcome::Invalid { .. } => "invalid",
            Outcome::Skipped { .. } => "skipped",
        };
        let mut row: Vec<String> = cells(&e).iter().map(|c| field(c)).collect();
        // A number a spreadsheet can sum and sort: the percent, without its sign.
        row[4] = match &e.outcome {
            Outcome::Assessed(s) => s.score.map(|v| format!("{v:.1}")).unwrap_or_default(),
            _ => String::new(),
        };
        row.push(status.to_owned());
        out.write_all(row.join(",").as_bytes())?;
        out.write_all(b"\r\n")?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::field;

    #[test]
    fn fields_are_quoted_and_formulas_neutralised() {
        assert_eq!(field("plain"), "plain");
        assert_eq!(field("a, b"), "\"a, b\"");
        assert_eq!(field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(field("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(field("+1"), "'+1");
        assert_eq!(field("-1"), "'-1");
        assert_eq!(field("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(field("line\nbreak"), "line break");
        assert_eq!(field("::add-mask::x"), "'::add-mask::x");
        assert_eq!(field("  ::error::x"), "'  ::error::x");
    }
}
