//! The terminal report: a table of the gaps, then the readiness summary.
//! Readable at 80 columns; colour only when asked for; every piece of text
//! from the scheme is made safe for the terminal. A portfolio's table is
//! in `portfolio`.

pub(crate) mod portfolio;

use std::fmt::Write as _;

use comfy_table::{Attribute, Cell, ContentArrangement, Table, presets};

use crate::assessment::{Assessment, Finding, Rating, Status};
use crate::checklist::Severity;
use crate::text::{date_words, terminal_safe};

/// How to draw the table (by default: no colour, the terminal's width).
#[derive(Debug, Clone, Copy, Default)]
pub struct TableOptions {
    pub color: bool,
    /// Total width in columns; `None` lets the table find the terminal's.
    pub width: Option<u16>,
    /// List every criterion set aside (not applicable, not yet due, blocked,
    /// attested) with its reason, not only their counts.
    pub all: bool,
}

fn safe(text: &str) -> String {
    terminal_safe(text, false)
}

pub(crate) fn new_table(options: TableOptions, header: &[&str]) -> Table {
    let mut table = headless_table(options);
    if options.color {
        // Style even when comfy-table's own check sees no terminal
        // (`--color always`); without colour no cell carries a style, so
        // nothing is emitted whatever it detects.
        table
            .enforce_styling()
            .set_header(header.iter().map(|h| Cell::new(h).add_attribute(Attribute::Bold)));
    } else {
        table.set_header(header.iter().map(Cell::new));
    }
    table
}

/// A table in the report's style with no header row (for the later blocks
/// of a long table printed block by block).
pub(crate) fn headless_table(options: TableOptions) -> Table {
    let mut table = Table::new();
    table
        .load_style(presets::UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic);
    if let Some(width) = options.width {
        table.set_width(width);
    }
    if options.color {
        table.enforce_styling();
    }
    table
}

/// One finding as a block that wraps only between words, so no id, key
/// path or file name is ever split whatever the width: the id and title,
/// then severity, status and line, then what is missing, indented.
fn finding_block(f: &Finding, status: &str, words: &str, options: TableOptions) -> String {
    let width = usize::from(options.width.unwrap_or(100));
    let mut block = wrap(&format!("{}  ", safe(&f.criterion)), &safe(&f.title), width);
    let severity = if options.color && f.severity == Severity::Blocker {
        format!("\u{1b}[1;31m{}\u{1b}[0m", f.severity.code())
    } else {
        f.severity.code().to_owned()
    };
    let _ = writeln!(block, "    {severity} · {status} · line {}", f.position.line);
    block.push_str(&wrap("    ", &safe(words), width));
    block
}

/// A status in words, coloured as in the gate ladder when colour is on.
fn status_text(status: Status, color: bool) -> String {
    let code = match status {
        _ if !color => return status.words().to_owned(),
        Status::NotMet => "31",
        Status::PartlyMet | Status::Blocked => "33",
        Status::NeedsJudgement | Status::Unknown => "35",
        Status::Met => "32",
        Status::NotApplicable | Status::NotYetDue => "90",
        Status::Waived => "36",
    };
    format!("\u{1b}[{code}m{}\u{1b}[0m", status.words())
}

fn rating_text(rating: Rating, color: bool) -> String {
    if !color {
        return rating.words().to_owned();
    }
    let code = match rating {
        Rating::Green => "32",
        Rating::AmberGreen | Rating::Amber => "33",
        Rating::AmberRed | Rating::Red => "31",
    };
    format!("\u{1b}[1;{code}m{}\u{1b}[0m", rating.words())
}

/// Gaps first by severity (blockers first), then in checklist order.
fn gaps(assessment: &Assessment) -> Vec<&Finding> {
    let mut gaps: Vec<&Finding> = assessment.findings.iter().filter(|f| f.status.is_gap()).collect();
    gaps.sort_by_key(|f| std::cmp::Reverse(f.severity));
    gaps
}

/// Each piece of missing evidence once, with every due criterion it holds
/// back, in order of first appearance: the frameworks ask for the same
/// evidence in different words, and a reader should fix it once.
pub fn missing_evidence(assessment: &Assessment) -> Vec<(&str, Vec<&str>)> {
    let mut grouped: Vec<(&str, Vec<&str>)> = Vec::new();
    for finding in assessment.findings.iter().filter(|f| f.status.is_outstanding()) {
        for path in &finding.missing {
            match grouped.iter_mut().find(|(p, _)| p == path) {
                Some((_, ids)) => ids.push(&finding.criterion),
                None => grouped.push((path, vec![&finding.criterion])),
            }
        }
    }
    grouped
}

/// A missing piece of evidence in words: a field path with its gloss, or
/// a list requirement such as "`engagement.activities` with kind = …".
pub(crate) fn evidence_words(missing: &str) -> String {
    match missing.split_once(" with ") {
        Some((path, requirement)) => format!("`{path}` with {requirement}"),
        None => crate::rule::gloss(missing),
    }
}

/// Renders the whole terminal report.
pub fn render(assessment: &Assessment, options: TableOptions) -> String {
    let mut out = String::new();
    let as_of = date_words(assessment.as_of);
    let width = usize::from(options.width.unwrap_or(100));
    out.push_str(&wrap("", &safe(&assessment.scheme), width));
    out.push_str(&wrap(
        "",
        &format!(
            "{} · as of {as_of} · stage: {}",
            safe(&crate::project::shown_path(&assessment.file)),
            assessment.stage
        ),
        width,
    ));
    if assessment.target != assessment.stage {
        let _ = writeln!(
            out,
            "Assessed for the {} gate ({}), as asked",
            assessment.target,
            assessment.target.gate()
        );
    }
    out.push_str(&verdict(assessment, options));
    if let Some(warning) = assessment.legal_duty_warning() {
        let warning = safe(&warning);
        let warning = if options.color {
            format!("\u{1b}[1;31m{warning}\u{1b}[0m")
        } else {
            warning
        };
        out.push('\n');
        out.push_str(&wrap("", &warning, usize::from(options.width.unwrap_or(100))));
    }
    out.push('\n');

    let gaps = gaps(assessment);
    let gate = assessment.target;
    if gaps.is_empty() {
        let _ = writeln!(out, "No gaps due by the {gate} gate.");
    } else {
        let _ = writeln!(out, "Gaps due by the {gate} gate ({}):", gaps.len());
        out.push_str(&wrap(
            "",
            &assessment.shortfall_words(),
            usize::from(options.width.unwrap_or(100)),
        ));
        for f in &gaps {
            out.push('\n');
            out.push_str(&finding_block(
                f,
                &status_text(f.status, options.color),
                &f.evidence.to_string(),
                options,
            ));
        }
    }

    let missing = missing_evidence(assessment);
    if missing.iter().any(|(_, ids)| ids.len() > 1) {
        out.push('\n');
        let width = usize::from(options.width.unwrap_or(100));
        out.push_str(&wrap(
            "",
            &format!(
                "Missing evidence, each once with the criteria it holds back ({}):",
                missing.len()
            ),
            width,
        ));
        for (path, ids) in &missing {
            let line = format!("{}: {}", safe(&evidence_words(path)), ids.join(", "));
            out.push_str(&wrap("- ", &line, width));
        }
    }

    let others: Vec<&Finding> = assessment
        .findings
        .iter()
        .filter(|f| f.status.is_set_aside() || f.status == Status::Blocked || f.attestation.is_some())
        .collect();
    if !others.is_empty() && !options.all {
        out.push('\n');
        out.push_str(&wrap(
            "",
            &set_aside_words(&others),
            usize::from(options.width.unwrap_or(100)),
        ));
    }
    if !others.is_empty() && options.all {
        out.push('\n');
        let _ = writeln!(
            out,
            "Not applicable, not yet due, blocked, or attested ({}):",
            others.len()
        );
        for f in others {
            let why = match f.status {
                Status::NotYetDue => format!("required by the {} gate; now: {}", f.gate, f.evidence),
                _ => f.evidence.to_string(),
            };
            let status = if f.attestation.is_some() {
                format!("{} (attested)", f.status.words())
            } else {
                status_text(f.status, options.color)
            };
            out.push('\n');
            out.push_str(&finding_block(f, &status, &why, options));
        }
    }
    if !assessment.waivers.is_empty() {
        out.push('\n');
        let _ = writeln!(out, "Waivers ({}):", assessment.waivers.len());
        for w in &assessment.waivers {
            let waiver = &w.waiver;
            let state = if options.color && w.state != crate::waiver::WaiverState::Applied {
                format!("\u{1b}[33m{}\u{1b}[0m", w.state.words())
            } else {
                w.state.words().to_owned()
            };
            let width = usize::from(options.width.unwrap_or(100));
            let head = format!("{}  {state}, {}", safe(&waiver.criterion), waiver.expiry_words());
            out.push_str(&wrap("", &head, width));
            out.push_str(&wrap("    ", &safe(&waiver.words()), width));
            out.push_str(&wrap("    ", &safe(&w.note), width));
        }
        out.push('\n');
    }
    let met = assessment
        .findings
        .iter()
        .filter(|f| f.status == Status::Met && f.attestation.is_none())
        .count();
    let _ = writeln!(out, "Met from the scheme's data: {met} criteria.");

    out.push('\n');
    out.push_str(&summary(assessment, options));
    out
}

/// The criteria set aside, counted by kind, in one sentence.
fn set_aside_words(others: &[&Finding]) -> String {
    let count = |test: &dyn Fn(&Finding) -> bool| others.iter().filter(|f| test(f)).count();
    let not_in_force = count(&|f| f.status == Status::NotApplicable && f.evidence.is_not_in_force());
    let words = |kinds: &[(usize, &str)]| -> Vec<String> {
        kinds
            .iter()
            .filter(|(n, _)| *n > 0)
            .map(|(n, words)| format!("{n} {words}"))
            .collect()
    };
    // Set aside means what every format counts as set aside (not
    // applicable, or not yet due); blocked and attested criteria are
    // counted beside it, as the HTML shows them in their own sections.
    let set_aside = words(&[
        (
            count(&|f| f.status == Status::NotApplicable) - not_in_force,
            "not applicable",
        ),
        (not_in_force, "not in force on the scheme's dates"),
        (count(&|f| f.status == Status::NotYetDue), "not yet due"),
    ]);
    let besides = words(&[
        (count(&|f| f.status == Status::Blocked), "blocked by another gap"),
        (count(&|f| f.attestation.is_some()), "decided by an attestation"),
    ]);
    let besides = if besides.is_empty() {
        String::new()
    } else {
        format!("; besides, {}", besides.join(" and "))
    };
    format!(
        "Set aside ({}): {}{besides}. `--all` lists each with its reason.",
        count(&|f| f.status.is_set_aside()),
        if set_aside.is_empty() {
            "none".to_owned()
        } else {
            set_aside.join(", ")
        }
    )
}

/// How many blockers the verdict names with their titles, so that it fits
/// the first screen; the rest are counted (the gaps table lists them all).
const VERDICT_BLOCKERS: usize = 3;

/// Blockers' findings, the decisive first: one failing on what the scheme
/// records before one whose evidence is only missing, and a legal duty
/// before practice; otherwise in catalogue order.
fn decisive_first<'a>(assessment: &'a Assessment, ids: &[String]) -> Vec<&'a Finding> {
    assessment.decisive_first(ids)
}

/// The verdict, first: the rating and why, the stage reached, and the gate
/// assessed with each blocker named by its title.
fn verdict(assessment: &Assessment, options: TableOptions) -> String {
    let mut out = String::new();
    let width = usize::from(options.width.unwrap_or(100));
    let rating = rating_text(assessment.rating, options.color);
    // The blockers are named once, under the gate, so the verdict fits the
    // first ten lines of an 80-column terminal.
    if assessment.capped_by.is_empty() {
        out.push_str(&wrap("", &format!("Delivery confidence: {rating}"), width));
    } else {
        let n = assessment.capped_by.len();
        out.push_str(&wrap(
            "",
            &format!(
                "Delivery confidence: {rating} (score alone: {}; capped by {n} unmet blocker{})",
                assessment.rating_by_score.words(),
                if n == 1 { "" } else { "s" }
            ),
            width,
        ));
    }
    let stage = assessment.stage;
    let target = assessment.target;
    if let Some(gate) = assessment.gates.iter().find(|g| g.stage == target) {
        let label = if target == stage {
            "Next gate"
        } else {
            "Gate asked about"
        };
        if gate.ready {
            out.push_str(&wrap(
                "",
                &format!("{label}: {} — READY (no unmet blockers)", target.gate()),
                width,
            ));
        } else {
            out.push_str(&wrap("", &format!("{label}: {} — NOT READY", target.gate()), width));
            for f in decisive_first(assessment, &gate.blockers).iter().take(VERDICT_BLOCKERS) {
                let head = format!("   {}  ", f.criterion);
                out.push_str(&wrap(&safe(&head), &safe(&f.title), width));
            }
            if gate.blockers.len() > VERDICT_BLOCKERS {
                let _ = writeln!(
                    out,
                    "   and {} more blockers, all in the gaps below",
                    gate.blockers.len() - VERDICT_BLOCKERS
                );
            }
        }
    }
    out
}

fn summary(assessment: &Assessment, options: TableOptions) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "Readiness:");
    let mut table = new_table(options, &["Checklist", "Score", "Arithmetic"]);
    for score in assessment.scores.iter().chain(std::iter::once(&assessment.overall)) {
        let percent = score.percent.map_or_else(|| "n/a".to_owned(), |p| format!("{p:.1}%"));
        table.add_row(vec![
            Cell::new(safe(&score.title)),
            Cell::new(percent),
            Cell::new(score.arithmetic()),
        ]);
    }
    let _ = writeln!(out, "{table}");

    let _ = writeln!(out, "Every gate in order:");
    let width = usize::from(options.width.unwrap_or(100));
    let target = assessment.target;
    for gate in &assessment.gates {
        let marker = if gate.stage == target { "→" } else { " " };
        let head = format!(" {marker} {:<15} ", gate.stage.code());
        if gate.ready {
            let _ = writeln!(out, "{head}ready");
        } else {
            let text = format!("not ready: {}", safe(&gate.blockers.join(", ")));
            out.push_str(&wrap(&head, &text, width));
        }
    }
    if !assessment.notes.is_empty() {
        let _ = writeln!(out, "Notes on this file's fields:");
        let width = usize::from(options.width.unwrap_or(100));
        for note in &assessment.notes {
            out.push_str(&wrap("   ", note, width));
        }
    }
    let in_force = assessment.rules_in_time();
    if !in_force.is_empty() {
        out.push_str(&wrap("", &format!("{RULES_IN_TIME}:"), width));
        let width = usize::from(options.width.unwrap_or(100));
        for (words, ids) in in_force {
            out.push_str(&wrap(
                "   ",
                &format!("{}: {}", ids.join(", "), safe(&words.to_string())),
                width,
            ));
        }
    }
    if let Some(law) = assessment.law_words() {
        out.push_str(&wrap("", &safe(&law), usize::from(options.width.unwrap_or(100))));
    }
    out
}

/// The heading of the law-in-time list in every human format.
pub(super) const RULES_IN_TIME: &str =
    "Rules in time (the form of each requirement in force on the date that decides it, or set aside as not in force)";

/// Writes `text` after `head`, wrapped at spaces to `width` columns, with
/// continuation lines indented under the text.
pub(crate) fn wrap(head: &str, text: &str, width: usize) -> String {
    let indent = head.chars().count();
    let room = width.saturating_sub(indent).max(20);
    let mut out = String::from(head);
    let mut line_len = 0;
    for word in text.split(' ') {
        let len = word.chars().count();
        if line_len > 0 && line_len + 1 + len > room {
            out.push('\n');
            out.push_str(&" ".repeat(indent));
            line_len = 0;
        } else if line_len > 0 {
            out.push(' ');
            line_len += 1;
        }
        out.push_str(word);
        line_len += len;
    }
    out.push('\n');
    out
}
