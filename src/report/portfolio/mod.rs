//! What every report over many schemes shares: the rows (one per file:
//! name, stage, gate assessed, ready?, score, rating, blockers) kept until
//! the run ends, their totals and cells, and which format writes them. Each
//! format writes its own portfolio report in its own module; the
//! per-finding formats (GitHub, SARIF, JUnit) join their parts as they come
//! (`report::stream`).

mod rows;

use serde::Serialize;

pub use rows::{Reader, Rows};

use super::table::TableOptions;
use super::{Format, sarif};
use crate::portfolio::{Entry, Outcome};
use crate::provenance::Options;
use crate::report::Part;

#[derive(Debug, Default, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Totals {
    pub files: usize,
    pub assessed: usize,
    pub ready: usize,
    /// Assessed schemes that fail the thresholds.
    pub failing: usize,
    pub invalid: usize,
    pub skipped: usize,
}

#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct Row<'a> {
    pub file: &'a str,
    #[serde(flatten)]
    pub outcome: &'a Outcome,
}

/// One line for stderr after a portfolio run.
pub fn summary_line(totals: &Totals) -> String {
    format!(
        "reassure: {}: {} assessed ({} ready, {} failing the thresholds), {} invalid, {} skipped",
        crate::text::counted(totals.files, "file"),
        totals.assessed,
        totals.ready,
        totals.failing,
        totals.invalid,
        totals.skipped
    )
}

fn score(score: Option<f64>) -> String {
    score.map_or_else(|| "n/a".to_owned(), |v| format!("{v:.1}%"))
}

/// The stage, and the gate assessed when `--stage` asked for another.
fn stage_words(s: &crate::portfolio::Summary) -> String {
    if s.stage == s.target {
        s.stage.code().to_owned()
    } else {
        format!("{} → {}", s.stage.code(), s.target.code())
    }
}

/// The cells of a row as text, shared by the tabular formats.
/// The file as a row names it: never a local absolute path in a human format.
pub(crate) fn file_cell(e: &Entry) -> String {
    crate::project::shown_path(&e.file)
}

/// A row's blockers: every one, or with `shown`, that many and a count of
/// the rest. A waived legal duty is always named, and then every blocker
/// with it, so the row never hides what the waiver sits beside.
pub(crate) fn blockers_cell(s: &crate::portfolio::Summary, shown: Option<usize>) -> String {
    let waived = !s.legal_duties_waived.is_empty();
    let blockers = match shown {
        // Counting one hidden blocker saves nothing: show it.
        Some(n) if !waived && s.blockers.len() > n + 1 => {
            format!("{} +{} more", s.blockers[..n].join(", "), s.blockers.len() - n)
        }
        _ => s.blockers.join(", "),
    };
    if !waived {
        return blockers;
    }
    let waived = format!("LEGAL DUTY WAIVED: {}", s.legal_duties_waived.join(", "));
    if blockers.is_empty() {
        waived
    } else {
        format!("{blockers}; {waived}")
    }
}

/// A row's cells as every format but the table writes them: every blocker.
pub(crate) fn cells(e: &Entry) -> [String; 7] {
    cells_with(e, None)
}

/// A row's cells, its blockers cell naming at most `shown` blockers (see
/// [`blockers_cell`]).
pub(crate) fn cells_with(e: &Entry, shown: Option<usize>) -> [String; 7] {
    let mut cells: [String; 7] = Default::default();
    cells[0] = file_cell(e);
    match &e.outcome {
        Outcome::Assessed(s) => {
            cells[1] = s.scheme.clone();
            cells[2] = stage_words(s);
            cells[3] = if s.ready { "yes" } else { "no" }.to_owned();
            cells[4] = score(s.score);
            cells[5] = s.rating.words().to_owned();
            cells[6] = blockers_cell(s, shown);
        }
        Outcome::Invalid { count, .. } => {
            cells[1] = format!("invalid: {count} problem{}", if *count == 1 { "" } else { "s" });
        }
        Outcome::Skipped { why } => cells[1] = format!("skipped: {why}"),
    }
    cells
}

pub(crate) const HEADER: [&str; 7] = ["File", "Scheme", "Stage (gate)", "Ready", "Score", "Rating", "Blockers"];

/// The report's bytes, as [`Format::render`] gives one scheme's.
pub fn render(format: Format, rows: &mut Rows, options: &Options, table: TableOptions) -> std::io::Result<Vec<u8>> {
    let mut out = Vec::new();
    write(format, rows, options, table, &mut out)?;
    Ok(out)
}

/// Writes a report made of the rows to `out` as it is made, rather than
/// whole at the end: the table a block of rows at a time, the others a row
/// at a time, so the output of ten thousand schemes is never held in
/// memory. The per-finding formats are not made of rows: they are written
/// scheme by scheme as the schemes are assessed
/// ([`crate::report::stream::Stream`]), and asking for one here is an error.
pub fn write(
    format: Format,
    rows: &mut Rows,
    options: &Options,
    table: TableOptions,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    match format {
        Format::Table => super::table::portfolio::write(rows, table, out),
        Format::Json => super::json::write_portfolio(rows, options, out),
        Format::Csv => super::csv::write_portfolio(rows, out),
        Format::Markdown => super::markdown::write_portfolio(rows, out),
        Format::Html => super::html::portfolio::write(rows, options, out),
        Format::Xlsx => super::xlsx::write_portfolio(rows, out),
        Format::Github | Format::Junit | Format::Sarif => Err(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            "a per-finding report is written scheme by scheme, not from the rows",
        )),
    }
}

/// The properties of a portfolio's SARIF run.
pub fn sarif_properties(totals: &Totals, options: &Options) -> serde_json::Value {
    serde_json::json!({
        "reassureFormatVersion": super::REPORT_FORMAT_VERSION,
        "options": options,
        "totals": totals,
    })
}

/// Whether a format has a part for each scheme of a portfolio (what
/// [`detail`] gives), and so needs each finding's evidence in words; the
/// others show a row of statuses and counts per scheme.
pub fn has_part(format: Format) -> bool {
    // Every format is named, so a new one must say which it is.
    match format {
        Format::Github | Format::Junit | Format::Sarif | Format::Xlsx => true,
        Format::Table | Format::Json | Format::Markdown | Format::Html | Format::Csv => false,
    }
}

/// What one scheme contributes to a per-finding format.
pub fn detail(format: Format, report: &super::Report<'_>) -> Option<Part> {
    match format {
        Format::Github => Some(Part::Github(super::github::annotations(report.assessment))),
        Format::Junit => Some(Part::Junit(super::junit::suite_parts(report))),
        Format::Sarif => Some(Part::Sarif(sarif::parts(report))),
        Format::Xlsx => Some(Part::Xlsx(super::xlsx::part(report.assessment))),
        Format::Table | Format::Json | Format::Markdown | Format::Html | Format::Csv => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::provenance::{Options, Provenance};
    use crate::scheme::Scheme;
    use crate::source::SourceFile;

    /// A row names two blockers and counts the rest (three are shown, as
    /// counting one saves nothing); a waived legal duty is always named, with
    /// every blocker beside it.
    #[test]
    fn a_row_counts_blockers_beyond_two_unless_a_legal_duty_is_waived() {
        let summary = |blockers: &[&str], waived: &[&str]| crate::portfolio::Summary {
            scheme: "S".into(),
            scheme_sha256: String::new(),
            stage: crate::stage::Stage::ALL[0],
            target: crate::stage::Stage::ALL[0],
            ready: false,
            score: None,
            rating: crate::assessment::Rating::Red,
            blockers: blockers.iter().map(|b| (*b).to_owned()).collect(),
            gaps: 0,
            waived: waived.len(),
            legal_duties_waived: waived.iter().map(|b| (*b).to_owned()).collect(),
            fails: true,
        };
        let row = |blockers: &[&str], waived: &[&str]| blockers_cell(&summary(blockers, waived), Some(2));
        assert_eq!(row(&[], &[]), "");
        assert_eq!(row(&["A", "B", "C"], &[]), "A, B, C");
        assert_eq!(row(&["A", "B", "C", "D"], &[]), "A, B +2 more");
        assert_eq!(row(&["A", "B", "C", "D"], &["W"]), "A, B, C, D; LEGAL DUTY WAIVED: W");
        assert_eq!(row(&[], &["W", "V"]), "LEGAL DUTY WAIVED: W, V");
        assert_eq!(
            blockers_cell(&summary(&["A", "B", "C", "D"], &[]), None),
            "A, B, C, D",
            "other formats name every blocker"
        );
    }

    /// A portfolio words its evidence only when a format has a part per
    /// scheme: `has_part` must name exactly the formats whose part `detail`
    /// renders, or a part would be rendered from findings without words.
    #[test]
    fn the_formats_with_a_part_are_the_ones_that_word_their_evidence() {
        let text = include_str!("../../../examples/hasu-stroke-centralisation.toml");
        let scheme = Scheme::load(SourceFile::new("s.toml", text))
            .map_err(|_| "loads")
            .unwrap();
        let checklists = crate::checklist::builtin::builtin().map_err(|_| "loads").unwrap();
        let assessment = crate::engine::assess(&scheme, &checklists);
        let options = Options {
            stage: assessment.target.code().to_owned(),
            fail_on: "blocker".to_owned(),
            min_score: None,
            waivers: true,
        };
        let provenance = Provenance::new("s.toml", "0".repeat(64), assessment.as_of, options);
        let report = super::super::Report::new(&provenance, &assessment);
        let mut with_parts = 0;
        for format in <Format as clap::ValueEnum>::value_variants() {
            let part = detail(*format, &report).is_some();
            assert_eq!(part, has_part(*format), "{format:?}");
            with_parts += usize::from(part);
        }
        assert!(with_parts >= 3, "only {with_parts} formats have parts");
    }
}
