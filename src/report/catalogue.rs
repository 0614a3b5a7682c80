//! Renders the checklists themselves, not an assessment: `list` (every
//! checklist and criterion, as a table or as JSON) and `explain` (everything
//! about one criterion).

use std::fmt::Write as _;

use comfy_table::Cell;

use super::table::{TableOptions, new_table};
use crate::checklist::{Checklist, Criterion};
use crate::text::{defuse_lines, terminal_safe, visible_escape};

/// Every checklist with a table of its criteria.
pub fn list_table(checklists: &[Checklist], options: TableOptions) -> String {
    let mut out = String::new();
    let total: usize = checklists.iter().map(|c| c.criteria.len()).sum();
    let _ = writeln!(out, "{} checklists, {total} criteria", checklists.len());
    for checklist in checklists {
        let _ = writeln!(
            out,
            "\n{} — {} ({} criteria)",
            safe(&checklist.id),
            safe(&checklist.title),
            checklist.criteria.len()
        );
        let mut table = new_table(options, &["Criterion", "Title", "Severity", "Gate", "Basis"]);
        for c in &checklist.criteria {
            table.add_row(vec![
                Cell::new(safe(&c.id)),
                Cell::new(safe(&c.title)),
                Cell::new(c.severity.code()),
                Cell::new(c.gate.code()),
                Cell::new(c.basis.words()),
            ]);
        }
        let _ = writeln!(out, "{table}");
    }
    defuse_lines(out, visible_escape)
}

/// Text from a checklist file (possibly an untrusted organisation's) on one
/// line, with nothing that could drive a terminal.
fn safe(text: &str) -> String {
    terminal_safe(text, false)
}

/// The checklists as JSON: the same model the engine reads, with each rule
/// in plain words.
pub fn list_json(checklists: &[Checklist]) -> String {
    let mut lists = super::json::value(checklists);
    // A criterion holds its source as an index into its checklist's
    // sources; give readers the source itself.
    for (list, value) in checklists.iter().zip(lists.as_array_mut().into_iter().flatten()) {
        for criterion in value["criteria"].as_array_mut().into_iter().flatten() {
            let index = criterion["source"]
                .as_u64()
                .and_then(|i| usize::try_from(i).ok())
                .unwrap_or(0);
            criterion["source"] = super::json::value(&list.sources[index]);
            let earlier: Vec<serde_json::Value> = criterion["earlier"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|i| i.as_u64().and_then(|i| usize::try_from(i).ok()))
                .map(|i| super::json::value(&list.sources[i]))
                .collect();
            criterion["earlier"] = serde_json::Value::Array(earlier);
            // The scheme date that decides which law applied: the first of
            // `judged_on` the scheme records, else its as-of date.
            let mut deciding: Vec<serde_json::Value> = criterion["judged_on"].as_array().cloned().unwrap_or_default();
            if !deciding.iter().any(|p| p == "as_of") {
                deciding.push("as_of".into());
            }
            criterion["deciding_date"] = serde_json::Value::Array(deciding);
        }
    }
    let document = serde_json::json!({ "format_version": 1, "checklists": lists });
    super::json::pretty(&document)
}

/// Everything about one criterion, for `explain`.
pub fn explain(checklists: &[Checklist], checklist: &Checklist, criterion: &Criterion) -> String {
    let c = criterion;
    let source = &checklist.sources[c.source];
    let mut out = String::new();
    let _ = writeln!(out, "{} — {}", safe(&c.id), safe(&c.title));
    let _ = writeln!(out, "Checklist: {} ({})", safe(&checklist.title), safe(&checklist.id));
    let _ = writeln!(
        out,
        "Severity: {} · weight {} · {} · required by the {} gate ({})",
        c.severity.code(),
        c.weight,
        c.basis.words(),
        c.gate.code(),
        c.gate.gate()
    );
    let mut section = |title: &str, body: &str| {
        if !body.trim().is_empty() {
            let _ = writeln!(out, "\n{title}:\n  {body}");
        }
    };
    section("Question", &c.question);
    section("Why it matters", &c.why);
    section("Evidence expected", &c.evidence);
    section("How to close the gap", &c.guidance);
    section("Rule (met when)", &c.rule.describe());
    if let Some(condition) = &c.applies_when {
        section("Applies only when", &condition.describe());
    }
    if let Some(fresh) = &c.fresh {
        section(
            "Goes stale",
            &format!(
                "when `{}` is more than {} months before the as-of date",
                fresh.date, fresh.max_months
            ),
        );
    }
    if !c.requires.is_empty() {
        section(
            "Depends on",
            &format!("{} (shown as blocked while not met)", c.requires.join(", ")),
        );
    }
    let mut cited = source.citation.clone();
    if !c.reference.is_empty() {
        cited = format!("{cited} — {}", c.reference);
    }
    if let Some(url) = &source.url {
        cited = format!("{cited}\n  {url}");
    }
    cited = format!("{cited}\n  {}", period_words(source));
    for &i in &c.earlier {
        let form = &checklist.sources[i];
        cited = format!("{cited}\n  earlier form: {}\n    {}", form.citation, period_words(form));
    }
    if c.judged_on.is_empty() {
        cited = format!("{cited}\n  judged on the scheme's as-of date");
    } else {
        cited = format!(
            "{cited}\n  judged on the first recorded of {} (else the as-of date)",
            c.judged_on.join(", ")
        );
    }
    section("Source", &cited);
    let mut related: Vec<String> = c.related.clone();
    for other in checklists.iter().flat_map(|l| &l.criteria) {
        if other.related.contains(&c.id) && !related.contains(&other.id) {
            related.push(other.id.clone());
        }
    }
    let related: Vec<String> = related
        .iter()
        .map(|id| {
            let title = checklists
                .iter()
                .flat_map(|l| &l.criteria)
                .find(|o| &o.id == id)
                .map_or("", |o| &o.title);
            format!("{id} ({title})")
        })
        .collect();
    section("Related criteria in other checklists", &related.join("; "));
    if !c.covers.is_empty() {
        section("Also covers catalogue items", &c.covers.join(", "));
    }
    // Prose keeps its line breaks; nothing else from the file reaches the
    // terminal raw, and no line can pass for a CI command.
    defuse_lines(terminal_safe(&out, true), visible_escape)
}

/// A source's time in force in words, with what is not confirmed.
fn period_words(source: &crate::checklist::Source) -> String {
    let period = match (source.in_force_from, source.in_force_until) {
        (None, None) => "no start date".to_owned(),
        _ => source.period_words(),
    };
    match &source.in_force_note {
        Some(note) => format!("{period} ({note})"),
        None => period,
    }
}
