//! Markdown for a programme board paper: the verdict, the scores, the gaps
//! grouped by the gate that needs them, with sources, and the provenance.
//! Text from the scheme is escaped so it cannot break the document.

use std::fmt::Write as _;

use super::portfolio::{HEADER, Rows, cells, summary_line};
use super::{Format, Report};
use crate::assessment::Finding;
use crate::stage::Stage;
use crate::text::date_words;

/// Escapes Markdown's special characters and folds line breaks, so scheme
/// text is shown as written and cannot add headings, links, HTML or cells.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '#' | '|' | '<' | '>' | '~' | '&' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' | '\t' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

fn row(out: &mut String, cells: &[&str]) {
    let cells: Vec<String> = cells.iter().map(|c| escape_keeping_paths(c)).collect();
    let _ = writeln!(out, "| {} |", cells.join(" | "));
}

/// As [`escape`], but a key path or setting the tool wrote in backticks
/// (`` `consultation.start` ``, `` `kind = "co-design"` ``) stays a code
/// span: its characters (ASCII letters and digits, space and `_ . [ ] = " -
/// , : ( ) /`) carry no markup in any Markdown, inside a code span or a table
/// cell, so it needs no escaping. Any other backtick, from scheme text or
/// around other characters, is escaped.
pub fn escape_keeping_paths(text: &str) -> String {
    let is_path_char = |c: char| {
        c.is_ascii_alphanumeric()
            || matches!(
                c,
                '_' | '.' | '[' | ']' | ' ' | '=' | '"' | '-' | ',' | ':' | '(' | ')' | '/'
            )
    };
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('`') {
        out.push_str(&escape(&rest[..open]));
        let after = &rest[open + 1..];
        match after.find('`') {
            Some(close) if close > 0 && after[..close].chars().all(is_path_char) => {
                out.push('`');
                out.push_str(&after[..close]);
                out.push('`');
                rest = &after[close + 1..];
            }
            _ => {
                out.push_str("\\`");
                rest = after;
            }
        }
    }
    out.push_str(&escape(rest));
    out
}

pub fn render(report: &Report<'_>) -> String {
    let a = report.assessment;
    let p = report.provenance;
    let mut out = String::new();
    let as_of = date_words(a.as_of);
    let _ = writeln!(out, "# Readiness report: {}\n", escape(&a.scheme));
    let _ = writeln!(
        out,
        "{} · as of {} · stage reached: {} ({})\n",
        escape(&crate::project::shown_path(&a.file)),
        escape(&as_of),
        a.stage,
        a.stage.name()
    );
    if let Some(warning) = a.legal_duty_warning() {
        let _ = writeln!(out, "> **{}**\n", escape(&warning));
    }
    let gate = a.gates.iter().find(|g| g.stage == a.target);
    let verdict = match gate {
        Some(g) if g.ready => "**ready**".to_owned(),
        Some(g) => format!("**not ready**, blocked by {}", escape(&g.blockers.join(", "))),
        None => String::new(),
    };
    let _ = writeln!(out, "- **Gate assessed:** {} — {verdict}", a.target.gate());
    if a.capped_by.is_empty() {
        let _ = writeln!(out, "- **Delivery confidence:** {}", a.rating.words());
    } else {
        let _ = writeln!(
            out,
            "- **Delivery confidence:** {} (the score alone gives {}; capped by unmet blockers {})",
            a.rating.words(),
            a.rating_by_score.words(),
            escape(&a.capped_by.join(", "))
        );
    }
    let overall = a
        .overall
        .percent
        .map_or_else(|| "n/a".to_owned(), |v| format!("{v:.1}%"));
    let _ = writeln!(
        out,
        "- **Overall score:** {overall} ({})\n",
        escape(&a.overall.arithmetic())
    );

    let _ = writeln!(out, "## Scores\n\n| Checklist | Score | Arithmetic |\n|---|---|---|");
    for s in &a.scores {
        let percent = s.percent.map_or_else(|| "n/a".to_owned(), |v| format!("{v:.1}%"));
        row(&mut out, &[&s.title, &percent, &s.arithmetic()]);
    }

    let _ = writeln!(out, "\n## Gaps by gate\n");
    let gaps: Vec<&Finding> = a.gaps().collect();
    if gaps.is_empty() {
        let _ = writeln!(out, "No gaps due by the {} gate.", a.target);
    } else {
        let _ = writeln!(out, "{}.\n", escape(&a.shortfall_words()));
    }
    for stage in Stage::ALL {
        let at_gate: Vec<&&Finding> = gaps.iter().filter(|f| f.gate == stage).collect();
        if at_gate.is_empty() {
            continue;
        }
        let _ = writeln!(out, "### {} — {}\n", stage.code(), stage.gate());
        let _ = writeln!(
            out,
            "| Criterion | Severity | Status | What is missing or weak | Where | How to close it | Source |"
        );
        let _ = writeln!(out, "|---|---|---|---|---|---|---|");
        for f in at_gate {
            row(
                &mut out,
                &[
                    &format!("{} {}", f.criterion, f.title),
                    f.severity.code(),
                    f.status.words(),
                    &f.evidence.to_string(),
                    &format!("line {}, column {}", f.position.line, f.position.column),
                    &f.guidance,
                    &f.source,
                ],
            );
        }
        out.push('\n');
    }

    if !a.waivers.is_empty() {
        let _ = writeln!(
            out,
            "## Waivers\n\n| Criterion | State | Waiver | Expires | Note |\n|---|---|---|---|---|"
        );
        for w in &a.waivers {
            row(
                &mut out,
                &[
                    &w.waiver.criterion,
                    w.state.words(),
                    &w.waiver.words(),
                    &w.waiver.expiry_words(),
                    &w.note,
                ],
            );
        }
        out.push('\n');
    }

    let _ = writeln!(out, "## Readiness for every gate\n");
    for g in &a.gates {
        let state = if g.ready {
            "ready".to_owned()
        } else {
            format!("not ready: {}", escape(&g.blockers.join(", ")))
        };
        let _ = writeln!(out, "- {} ({}): {state}", g.stage.code(), g.stage.gate());
    }

    if !a.notes.is_empty() {
        let _ = writeln!(out, "\n## Notes on this file's fields\n");
        for note in &a.notes {
            let _ = writeln!(out, "- {}", escape_keeping_paths(note));
        }
    }
    let in_force = a.rules_in_time();
    if !in_force.is_empty() {
        let _ = writeln!(out, "\n## {}\n", super::table::RULES_IN_TIME);
        for (words, ids) in in_force {
            let _ = writeln!(
                out,
                "- {}: {}",
                escape(&ids.join(", ")),
                escape_keeping_paths(&words.to_string())
            );
        }
    }

    if let Some(law) = a.law_words() {
        let _ = writeln!(out, "\n{}", escape(&law));
    }

    let _ = writeln!(out, "\n## Provenance\n");
    let _ = writeln!(out, "- Tool: {} {}", p.tool, p.tool_version);
    let _ = writeln!(
        out,
        "- Checklist catalogue: {} (SHA-256 {}){}",
        p.catalogue_version,
        p.catalogue_sha256,
        escape(&p.checklist_files_words())
    );
    let _ = writeln!(
        out,
        "- Scheme file: {} (SHA-256 {})",
        escape(&crate::project::shown_path(&p.scheme_file)),
        p.scheme_sha256
    );
    let _ = writeln!(out, "- Options: {}", p.options_words());
    out
}

/// A portfolio as a Markdown table, written a row at a time.
pub(crate) fn write_portfolio(rows: &mut Rows, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let mut head = String::from("# Portfolio readiness\n\n");
    let _ = writeln!(head, "| {} |\n|{}", HEADER.join(" | "), "---|".repeat(HEADER.len()));
    Format::Markdown.write_defused(head, out)?;
    let totals = rows.totals().clone();
    for e in rows.read()? {
        let e = e?;
        let row: Vec<String> = cells(&e).iter().map(|c| escape(c)).collect();
        Format::Markdown.write_defused(format!("| {} |\n", row.join(" | ")), out)?;
    }
    let tail = format!("\n{}\n", escape(&summary_line(&totals)));
    Format::Markdown.write_defused(tail, out)
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn key_paths_stay_code_spans_and_other_backticks_are_escaped() {
        use super::escape_keeping_paths as keep;
        assert_eq!(
            keep("`consultation.start` not recorded"),
            "`consultation.start` not recorded"
        );
        assert_eq!(keep("`sites[0].name` and `a`"), "`sites[0].name` and `a`");
        // Scheme text cannot open a code span or smuggle markup through one.
        assert_eq!(keep("`<b>x</b>` *y*"), "\\`\\<b\\>x\\</b\\>\\` \\*y\\*");
        assert_eq!(keep("one ` alone"), "one \\` alone");
        assert_eq!(keep("``"), "\\`\\`");
    }

    #[test]
    fn scheme_text_cannot_add_markup() {
        assert_eq!(escape("# Title | <script>"), "\\# Title \\| \\<script\\>");
        assert_eq!(escape("[link](http://x)"), "\\[link\\](http://x)");
        assert_eq!(escape("86.4% - ok"), "86.4% - ok");
        assert_eq!(escape("two\nlines"), "two lines");
    }
}
