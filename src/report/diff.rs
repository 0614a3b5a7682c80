//! Renders a [`Comparison`] of two assessments, as text for a terminal or
//! as JSON for a pipeline.

use std::fmt::Write as _;

use comfy_table::Cell;

use super::table::{TableOptions, new_table};
use crate::compare::{Comparison, StatusChange};
use crate::text::terminal_safe;

/// A score rounded once, to one decimal, half away from zero: the figure
/// shown and the figure a change is worked out from, so each line's own
/// arithmetic holds (95.1% → 95.5% is +0.4; 71.25 shows as 71.3).
fn rounded(value: f64) -> f64 {
    (value * 10.0).round() / 10.0
}

fn percent(value: Option<f64>) -> String {
    value.map_or_else(|| "n/a".to_owned(), |v| format!("{:.1}%", rounded(v)))
}

/// The change between two scores as shown: the difference of the rounded
/// figures.
fn change(before: Option<f64>, after: Option<f64>) -> Option<String> {
    Some(format!("{:+.1}", rounded(after?) - rounded(before?)))
}

fn status(value: Option<crate::assessment::Status>) -> &'static str {
    value.map_or("absent", crate::assessment::Status::words)
}

fn changes(out: &mut String, heading: &str, list: &[StatusChange], options: TableOptions) {
    if list.is_empty() {
        return;
    }
    let _ = writeln!(out, "\n{heading} ({}):", list.len());
    let mut table = new_table(options, &["Criterion", "Before", "After"]);
    for c in list {
        table.add_row(vec![
            Cell::new(terminal_safe(&format!("{} {}", c.criterion, c.title), false)),
            Cell::new(status(c.before)),
            Cell::new(status(c.after)),
        ]);
    }
    let _ = writeln!(out, "{table}");
}

pub fn render_table(c: &Comparison, options: TableOptions) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "Changes in readiness: {}", terminal_safe(&c.scheme, false));
    let delta = change(c.overall.0, c.overall.1).map_or_else(String::new, |d| format!(" ({d} points)"));
    let _ = writeln!(
        out,
        "  Overall score: {} → {}{delta}\n  Rating:        {} → {}",
        percent(c.overall.0),
        percent(c.overall.1),
        c.rating.0.words(),
        c.rating.1.words()
    );
    if c.stage.0 != c.stage.1 {
        let _ = writeln!(out, "  Stage:         {} → {}", c.stage.0, c.stage.1);
    }
    if c.is_empty() {
        let _ = writeln!(out, "\nNo change in any criterion, score or gate.");
        return out;
    }
    changes(&mut out, "Regressed", &c.regressed, options);
    changes(&mut out, "Improved", &c.improved, options);
    changes(&mut out, "Otherwise changed", &c.changed, options);
    if !c.scores.is_empty() {
        let _ = writeln!(out, "\nScores that moved ({}):", c.scores.len());
        let mut table = new_table(options, &["Checklist", "Before", "After", "Change"]);
        for s in &c.scores {
            table.add_row(vec![
                Cell::new(&s.title),
                Cell::new(percent(s.before)),
                Cell::new(percent(s.after)),
                Cell::new(change(s.before, s.after).unwrap_or_default()),
            ]);
        }
        let _ = writeln!(out, "{table}");
    }
    if !c.gates.is_empty() {
        let _ = writeln!(out, "\nGates whose readiness changed ({}):", c.gates.len());
        for g in &c.gates {
            let words = |ready: bool| if ready { "ready" } else { "not ready" };
            let _ = writeln!(
                out,
                "  {} ({}): {} → {}",
                g.stage.code(),
                g.stage.gate(),
                words(g.before),
                words(g.after)
            );
        }
    }
    out
}

/// One version of the scheme compared: its file as given and the SHA-256 of
/// its bytes, so a diff can be tied to the exact files it read.
#[derive(Debug, Clone, serde::Serialize, schemars::JsonSchema)]
pub struct Version {
    pub file: String,
    pub sha256: String,
}

/// The JSON of `reassure diff --format json`: versioned like the reports.
#[derive(Debug, serde::Serialize, schemars::JsonSchema)]
pub struct DiffReport<'a> {
    pub format_version: u32,
    /// A criterion fell back or the rating dropped (the exit code is 1).
    pub regression: bool,
    pub old: Version,
    pub new: Version,
    pub comparison: &'a Comparison,
}

pub fn render_json(c: &Comparison, old: Version, new: Version) -> String {
    super::json::pretty(&DiffReport {
        format_version: super::REPORT_FORMAT_VERSION,
        regression: c.is_regression(),
        old,
        new,
        comparison: c,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assessment::Rating;
    use crate::stage::Stage;

    #[test]
    fn the_change_in_score_is_the_difference_of_the_figures_shown() {
        let c = Comparison {
            scheme: "S".into(),
            stage: (Stage::S2, Stage::S2),
            rating: (Rating::Amber, Rating::Amber),
            overall: (Some(95.14), Some(95.46)),
            improved: Vec::new(),
            regressed: Vec::new(),
            changed: Vec::new(),
            scores: Vec::new(),
            gates: Vec::new(),
        };
        let text = render_table(&c, TableOptions::default());
        assert!(text.contains("95.1% → 95.5% (+0.4 points)"), "{text}");
    }

    /// A score on a half (71.25) shows as it is counted, half away from
    /// zero, in the figure and in the change (70.0 → 71.3 is +1.3); and a
    /// checklist's change is rounded the same way (58.33 → 66.67 is +8.4).
    #[test]
    fn scores_on_a_half_round_once_the_same_way_everywhere() {
        let c = Comparison {
            scheme: "S".into(),
            stage: (Stage::S2, Stage::S2),
            rating: (Rating::Amber, Rating::Amber),
            overall: (Some(70.0), Some(71.25)),
            improved: Vec::new(),
            regressed: Vec::new(),
            changed: Vec::new(),
            scores: vec![crate::compare::ScoreChange {
                checklist: "LGA".into(),
                title: "LGA shared principles".into(),
                before: Some(58.333_333),
                after: Some(66.666_667),
            }],
            gates: Vec::new(),
        };
        let text = render_table(&c, TableOptions::default());
        assert!(text.contains("70.0% → 71.3% (+1.3 points)"), "{text}");
        let row = text.lines().find(|l| l.contains("LGA shared principles")).unwrap();
        assert!(
            row.contains("58.3%") && row.contains("66.7%") && row.contains("+8.4"),
            "{row}"
        );
    }
}
