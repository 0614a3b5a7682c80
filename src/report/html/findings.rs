//! The findings a board acts on, most urgent first: the blockers holding
//! the assessed gate, then the other gaps (the assessed gate's, then those
//! left from earlier gates), the evidence missing, what a person judged or
//! a waiver covered, and — collapsed — what was set aside as not applicable
//! or not yet due.

use std::fmt::Write as _;

use super::{escape, id, ids, prose};
use crate::assessment::{Assessment, Finding, Status};
use crate::checklist::Severity;
use crate::report::table::{evidence_words, missing_evidence};
use crate::stage::Stage;

/// Opens a table that stacks into one block per row on a narrow screen:
/// the caption (hidden when a heading just above says the same), then the
/// column headers.
fn open_table(out: &mut String, kind: &str, caption: &str, headers: &[&str]) {
    let _ = write!(
        out,
        "<table class=\"stack fixed {kind}\">\n<caption class=\"vh\">{}</caption>\n<thead><tr>",
        escape(caption)
    );
    for h in headers {
        let _ = write!(out, "<th scope=\"col\">{h}</th>");
    }
    out.push_str("</tr></thead>\n<tbody>\n");
}

/// A cell labelled with its column, for the stacked layout.
fn cell(label: &str, content: &str) -> String {
    format!("<td data-label=\"{label}\">{content}</td>")
}

/// The criterion as the row's header: severity, id, title, and why it holds.
fn criterion_header(f: &Finding, extra: &str) -> String {
    format!(
        "<th scope=\"row\"><span class=\"badge {0}\">{0}</span> <b>{1}</b> {2}<br><span class=\"note\">{3}{extra}</span></th>",
        f.severity.code(),
        id(&f.criterion),
        escape(&f.title),
        escape(f.basis.words()),
    )
}

fn source(f: &Finding) -> String {
    let cited = match &f.source_url {
        Some(url) => format!("<a href=\"{}\">{}</a>", escape(url), escape(&f.source)),
        None => escape(&f.source),
    };
    format!("<p class=\"source\">Source: <cite>{cited}</cite></p>")
}

const GAP_COLUMNS: [&str; 4] = ["Criterion", "Status", "What is missing or weak", "How to close it"];

fn gap_row(out: &mut String, f: &Finding, due: &str) {
    let blocked = if f.blocked_by.is_empty() {
        String::new()
    } else {
        format!(" (waits for {})", ids(f.blocked_by.iter().map(String::as_str)))
    };
    let _ = writeln!(
        out,
        "<tr id=\"{}\">{}{}{}{}</tr>",
        escape(&f.criterion),
        criterion_header(f, due),
        cell(GAP_COLUMNS[1], &format!("{}{blocked}", escape(f.status.words()))),
        cell(
            GAP_COLUMNS[2],
            &format!(
                "{}<br><span class=\"note\">line {}, column {}</span>",
                prose(&f.evidence.to_string()),
                f.position.line,
                f.position.column
            )
        ),
        cell(GAP_COLUMNS[3], &format!("{}{}", prose(&f.guidance), source(f))),
    );
}

/// The blockers holding the assessed gate, in the order the verdict names
/// them, then every other gap: the assessed gate's, then earlier gates'.
pub fn gaps(out: &mut String, a: &Assessment) {
    let gate = a.target.code();
    let holding: &[String] = a
        .gates
        .iter()
        .find(|g| g.stage == a.target)
        .map_or(&[], |g| &g.blockers);
    let all: Vec<&Finding> = a.gaps().collect();
    // The verdict's blockers in its order, then blockers it does not name
    // because they wait on one it does.
    let mut blockers: Vec<&Finding> = a.decisive_first(holding);
    for f in &all {
        if f.severity == Severity::Blocker && !holding.contains(&f.criterion) {
            blockers.push(f);
        }
    }
    // Blockers waiting on another gap are listed, last, but not counted:
    // the count is the gate's, as every format gives it.
    let waiting = blockers.len() - holding.len();
    let _ = writeln!(
        out,
        "<section aria-labelledby=\"part:blockers\">\n<h2 id=\"part:blockers\">Blockers holding the {} gate ({})</h2>",
        escape(gate),
        holding.len()
    );
    if blockers.is_empty() {
        let _ = writeln!(out, "<p>No blocker holds the {} gate.</p>", escape(gate));
    } else {
        let waiting = match waiting {
            0 => String::new(),
            1 => " The last, blocked by one of them, waits for it and is not counted.".to_owned(),
            n => format!(" The last {n}, blocked by them, wait for them and are not counted."),
        };
        let _ = writeln!(
            out,
            "<p class=\"note keep\">Unmet blockers due by this gate or an earlier one, the most decisive first; \
             the gate is not ready until each is met.{waiting}</p>"
        );
        open_table(out, "gaps", &format!("Blockers holding the {gate} gate"), &GAP_COLUMNS);
        for f in &blockers {
            gap_row(out, f, &format!(" · due by {}", f.gate.code()));
        }
        out.push_str("</tbody>\n</table>\n");
    }
    out.push_str("</section>\n");

    let others: Vec<&Finding> = all
        .iter()
        .copied()
        .filter(|f| !blockers.iter().any(|b| b.criterion == f.criterion))
        .collect();
    let waiting = others.iter().filter(|f| f.status == Status::Blocked).count();
    let _ = writeln!(
        out,
        "<section aria-labelledby=\"part:gaps\">\n<h2 id=\"part:gaps\">{} gaps due by the {} gate ({}{})</h2>",
        if blockers.is_empty() { "All" } else { "Other" },
        escape(gate),
        others.len() - waiting,
        if waiting > 0 {
            format!(", and {waiting} more blocked by them")
        } else {
            String::new()
        }
    );
    if others.is_empty() {
        let _ = writeln!(out, "<p>No other gaps due by the {} gate.</p>", escape(gate));
    }
    let order = std::iter::once(a.target).chain(Stage::ALL.into_iter().filter(|s| *s != a.target));
    for stage in order {
        let mut at_gate: Vec<&Finding> = others.iter().copied().filter(|f| f.gate == stage).collect();
        if at_gate.is_empty() {
            continue;
        }
        at_gate.sort_by_key(|f| std::cmp::Reverse(f.severity));
        let when = if stage == a.target {
            "the gate assessed"
        } else if stage < a.target {
            "left from an earlier gate"
        } else {
            "a later gate"
        };
        let heading = format!("{} — {} ({when})", stage.code(), stage.gate());
        let _ = writeln!(out, "<h3>{}</h3>", escape(&heading));
        open_table(
            out,
            "gaps",
            &format!("Gaps due at the {} gate", stage.code()),
            &GAP_COLUMNS,
        );
        for f in at_gate {
            gap_row(out, f, "");
        }
        out.push_str("</tbody>\n</table>\n");
    }
    missing(out, a);
    out.push_str("</section>\n");
}

fn missing(out: &mut String, a: &Assessment) {
    let missing = missing_evidence(a);
    if !missing.iter().any(|(_, ids)| ids.len() > 1) {
        return;
    }
    let heading = "Missing evidence, each once with the criteria it holds back";
    let _ = writeln!(out, "<h3>{heading}</h3>");
    open_table(out, "evidence", heading, &["Evidence", "Criteria"]);
    for (path, criteria) in &missing {
        let _ = writeln!(
            out,
            "<tr><th scope=\"row\">{}</th>{}</tr>",
            prose(&evidence_words(path)),
            cell("Criteria", &ids(criteria.iter().copied()))
        );
    }
    out.push_str("</tbody>\n</table>\n");
}

fn is_set_aside(f: &Finding) -> bool {
    f.status.is_set_aside()
}

/// Criteria a waiver covers or a person judged: open, since a board
/// answers for them. A waived criterion is shown here once, with its
/// waiver and when it expires; the waivers table keeps the rest.
pub fn judged(out: &mut String, a: &Assessment) {
    let judged: Vec<&Finding> = a
        .findings
        .iter()
        .filter(|f| !is_set_aside(f) && (f.status == Status::Waived || f.attestation.is_some()))
        .collect();
    if judged.is_empty() {
        return;
    }
    let heading = format!("Waived or judged by a person ({})", judged.len());
    let _ = writeln!(
        out,
        "<section aria-labelledby=\"part:judged\">\n<h2 id=\"part:judged\">{heading}</h2>"
    );
    reasons_table(out, "Criteria waived or judged by a person", &judged);
    out.push_str("</section>\n");
}

/// A table of criteria with their status and the reason for it.
fn reasons_table(out: &mut String, caption: &str, findings: &[&Finding]) {
    open_table(out, "reasons", caption, &["Criterion", "Status", "Why"]);
    for f in findings {
        reason_row(out, f);
    }
    out.push_str("</tbody>\n</table>\n");
}

fn reason_row(out: &mut String, f: &Finding) {
    let status = match (&f.waiver, f.status) {
        (Some(w), Status::Waived) => format!("{}, {}", f.status.words(), w.expiry_words()),
        _ => f.status.words().to_owned(),
    };
    let _ = writeln!(
        out,
        "<tr>{}{}{}</tr>",
        criterion_header(f, ""),
        cell("Status", &escape(&status)),
        cell("Why", &prose(&f.evidence.to_string()))
    );
}

/// Criteria that do not apply or are not yet due (a law not yet in force
/// among them), collapsed: a reader can see what was set aside and why
/// without it crowding out the gaps.
pub fn set_aside(out: &mut String, a: &Assessment) {
    let set_aside: Vec<&Finding> = a.findings.iter().filter(|f| is_set_aside(f)).collect();
    if set_aside.is_empty() {
        return;
    }
    let n = set_aside.len();
    let _ = writeln!(
        out,
        "<section aria-labelledby=\"part:set-aside\">\n<h2 id=\"part:set-aside\">Set aside: not applicable or not yet due ({n})</h2>\n\
         <details>\n<summary>Show the {n} criteria set aside, and why</summary>"
    );
    reasons_table(
        out,
        "Criteria set aside as not applicable or not yet due, and why",
        &set_aside,
    );
    out.push_str("</details>\n</section>\n");
}

/// The waivers that waive no gap here (stale, expired, or switched off):
/// one that does is shown with its criterion, among the judged.
pub fn waivers(out: &mut String, a: &Assessment) {
    let shown = |w: &crate::waiver::WaiverOutcome| {
        a.findings
            .iter()
            .any(|f| f.status == Status::Waived && f.waiver.as_ref() == Some(&w.waiver))
    };
    let left: Vec<&crate::waiver::WaiverOutcome> = a.waivers.iter().filter(|w| !shown(w)).collect();
    if left.is_empty() {
        return;
    }
    let _ = writeln!(
        out,
        "<section aria-labelledby=\"part:waivers\">\n<h2 id=\"part:waivers\">Waivers that waive no gap ({})</h2>\n\
         <p class=\"note keep\">Waivers the scheme records that apply to no gap in this assessment, and why; \
         a waiver that applies is shown with its criterion above.</p>",
        left.len()
    );
    let columns = ["Criterion", "State", "Waiver", "Expires", "Note"];
    open_table(out, "waivers", "Waivers that waive no gap, and their state", &columns);
    for w in left {
        let _ = writeln!(
            out,
            "<tr><th scope=\"row\"><b>{}</b></th>{}{}{}{}</tr>",
            id(&w.waiver.criterion),
            cell(columns[1], &escape(w.state.words())),
            cell(columns[2], &escape(&w.waiver.words())),
            cell(columns[3], &escape(&w.waiver.expiry_words())),
            cell(columns[4], &escape(&w.note))
        );
    }
    out.push_str("</tbody>\n</table>\n</section>\n");
}
