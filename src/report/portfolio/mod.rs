//! Reports over many schemes: one row per scheme (name, stage, gate
//! assessed, ready?, score, rating, blockers) in every format, and the
//! per-finding formats (GitHub, SARIF, JUnit) joined across schemes.

mod table;

use std::fmt::Write as _;

use serde::Serialize;

use super::stream::Stream;
use super::table::TableOptions;
use super::{Format, html, markdown, sarif};
use crate::portfolio::{Entry, Outcome};
use crate::provenance::{Options, catalogue_sha256};
use crate::report::Part;

/// The JSON portfolio report: versioned like the single-scheme report.
#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct PortfolioReport<'a> {
    pub format_version: u32,
    pub provenance: PortfolioProvenance<'a>,
    pub totals: Totals,
    pub schemes: Vec<Row<'a>>,
}

#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct PortfolioProvenance<'a> {
    pub tool: &'static str,
    pub tool_version: &'static str,
    pub catalogue_version: &'static str,
    pub catalogue_sha256: String,
    /// The options in effect; `stage` is the gate asked for, or "own" when
    /// each scheme is assessed for its own next gate.
    pub options: &'a Options,
}

#[derive(Debug, Default, PartialEq, Eq, Serialize, schemars::JsonSchema)]
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

pub fn totals(entries: &[Entry]) -> Totals {
    let mut t = Totals {
        files: entries.len(),
        ..Totals::default()
    };
    for e in entries {
        match &e.outcome {
            Outcome::Assessed(s) => {
                t.assessed += 1;
                t.ready += usize::from(s.ready);
                t.failing += usize::from(s.fails);
            }
            Outcome::Invalid { .. } => t.invalid += 1,
            Outcome::Skipped { .. } => t.skipped += 1,
        }
    }
    t
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
fn file_cell(e: &Entry) -> String {
    crate::project::shown_path(&e.file)
}

pub(super) fn cells(e: &Entry) -> [String; 7] {
    let mut cells: [String; 7] = Default::default();
    cells[0] = file_cell(e);
    match &e.outcome {
        Outcome::Assessed(s) => {
            cells[1] = s.scheme.clone();
            cells[2] = stage_words(s);
            cells[3] = if s.ready { "yes" } else { "no" }.to_owned();
            cells[4] = score(s.score);
            cells[5] = s.rating.words().to_owned();
            cells[6] = s.blockers.join(", ");
            if !s.legal_duties_waived.is_empty() {
                let waived = format!("LEGAL DUTY WAIVED: {}", s.legal_duties_waived.join(", "));
                cells[6] = if cells[6].is_empty() {
                    waived
                } else {
                    format!("{}; {waived}", cells[6])
                };
            }
        }
        Outcome::Invalid { count, .. } => {
            cells[1] = format!("invalid: {count} problem{}", if *count == 1 { "" } else { "s" });
        }
        Outcome::Skipped { why } => cells[1] = format!("skipped: {why}"),
    }
    cells
}

const HEADER: [&str; 7] = ["File", "Scheme", "Stage (gate)", "Ready", "Score", "Rating", "Blockers"];

/// The report's bytes, as [`Format::render`] gives one scheme's.
pub fn render(format: Format, entries: &[Entry], options: &Options, table: TableOptions) -> Vec<u8> {
    let mut out = Vec::new();
    // Writing to memory cannot fail.
    let _ = write(format, entries, options, table, &mut out);
    out
}

/// Writes the report to `out` as it is made, rather than whole at the end:
/// the table a block of rows at a time, JSON as it serialises, CSV a row at
/// a time, so the output of ten thousand schemes is never held in memory.
pub fn write(
    format: Format,
    entries: &[Entry],
    options: &Options,
    table: TableOptions,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    match format {
        Format::Table => table::write_table(entries, table, out),
        Format::Json => super::json::write_pretty(&json_report(entries, options), out),
        Format::Csv => write_csv(entries, out),
        Format::Markdown => out.write_all(format.defuse(render_markdown(entries)).as_bytes()),
        Format::Html => out.write_all(format.defuse(render_html(entries, options)).as_bytes()),
        Format::Github | Format::Junit | Format::Sarif => {
            // Each part is defused as it was rendered.
            stream_all(format, entries, options, out)
        }
        Format::Xlsx => out.write_all(&super::xlsx::portfolio(entries)),
    }
}

/// The properties of a portfolio's SARIF run.
pub fn sarif_properties(entries: &[Entry], options: &Options) -> serde_json::Value {
    serde_json::json!({
        "reassureFormatVersion": super::REPORT_FORMAT_VERSION,
        "options": options,
        "totals": totals(entries),
    })
}

/// A per-finding format written from the details the entries still hold.
fn stream_all(
    format: Format,
    entries: &[Entry],
    options: &Options,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    let Some(mut stream) = Stream::start(format, out)? else {
        return Ok(());
    };
    for detail in entries.iter().flat_map(|e| &e.detail) {
        stream.add(detail, out)?;
    }
    stream.finish(&sarif_properties(entries, options), out)
}

/// Whether a format has a part for each scheme of a portfolio (what
/// [`detail`] gives), and so needs each finding's evidence in words; the
/// others show a row of statuses and counts per scheme.
pub fn has_part(format: Format) -> bool {
    matches!(format, Format::Github | Format::Junit | Format::Sarif | Format::Xlsx)
}

/// What one scheme contributes to a per-finding format.
pub fn detail(format: Format, report: &super::Report<'_>) -> Option<Part> {
    match format {
        Format::Github => Some(Part::Github(super::github::annotations(report.assessment))),
        Format::Junit => Some(Part::Junit(super::junit::suite_parts(report))),
        Format::Sarif => Some(Part::Sarif(sarif::parts(report))),
        Format::Xlsx => Some(Part::Xlsx(super::xlsx::part(report.assessment))),
        _ => None,
    }
}

fn json_report<'a>(entries: &'a [Entry], options: &'a Options) -> PortfolioReport<'a> {
    PortfolioReport {
        format_version: super::REPORT_FORMAT_VERSION,
        provenance: PortfolioProvenance {
            tool: "reassure",
            tool_version: env!("CARGO_PKG_VERSION"),
            catalogue_version: env!("CARGO_PKG_VERSION"),
            catalogue_sha256: catalogue_sha256(),
            options,
        },
        totals: totals(entries),
        schemes: entries
            .iter()
            .map(|e| Row {
                file: &e.file,
                outcome: &e.outcome,
            })
            .collect(),
    }
}

fn render_markdown(entries: &[Entry]) -> String {
    let mut out = String::from("# Portfolio readiness\n\n");
    let _ = writeln!(out, "| {} |\n|{}", HEADER.join(" | "), "---|".repeat(HEADER.len()));
    for e in entries {
        let row: Vec<String> = cells(e).iter().map(|c| markdown::escape(c)).collect();
        let _ = writeln!(out, "| {} |", row.join(" | "));
    }
    let _ = writeln!(out, "\n{}", markdown::escape(&summary_line(&totals(entries))));
    out
}

fn write_csv(entries: &[Entry], out: &mut dyn std::io::Write) -> std::io::Result<()> {
    out.write_all(b"file,scheme,stage,ready,score,rating,blockers,status\r\n")?;
    for e in entries {
        let status = match e.outcome {
            Outcome::Assessed(_) => "assessed",
            Outcome::Invalid { .. } => "invalid",
            Outcome::Skipped { .. } => "skipped",
        };
        let mut row: Vec<String> = cells(e).iter().map(|c| super::csv::field(c)).collect();
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

fn render_html(entries: &[Entry], options: &Options) -> String {
    let mut out = html::page_head("Portfolio readiness");
    // What the page covers, in a sentence: the files, then what became of
    // them, naming only the outcomes that occurred beyond "assessed".
    let t = totals(entries);
    let mut outcomes = vec![if t.assessed > 0 {
        format!(
            "{} assessed ({} ready, {} failing the thresholds)",
            t.assessed, t.ready, t.failing
        )
    } else {
        "none assessed".to_owned()
    }];
    for (n, outcome) in [(t.invalid, "invalid"), (t.skipped, "skipped")] {
        if n > 0 {
            outcomes.push(format!("{n} {outcome}"));
        }
    }
    let covers = format!(
        "{} {}: {}.",
        t.files,
        if t.files == 1 { "file" } else { "files" },
        outcomes.join(", ")
    );
    let _ = writeln!(
        out,
        "<header>\n<h1>Portfolio readiness</h1>\n<p class=\"meta\">{}</p>\n</header>\n<main>\n\
         <div class=\"scroll\" role=\"region\" aria-labelledby=\"schemes-caption\" tabindex=\"0\">\n<table class=\"stack\">\n\
         <caption id=\"schemes-caption\">Readiness of each scheme, one row per file</caption>\n<thead><tr>{}</tr></thead>\n<tbody>",
        html::escape(&covers),
        HEADER
            .iter()
            .map(|h| format!("<th scope=\"col\">{h}</th>"))
            .collect::<String>()
    );
    for e in entries {
        // The file is the row's header, shown as a published page may show
        // it (never a local absolute path) and free to wrap at its slashes.
        // On a narrow screen the rows stack, each cell labelled; wider, a
        // table too wide for the window scrolls inside its own box.
        let mut cells = cells(e).into_iter();
        let file = cells.next().unwrap_or_default();
        let row: String = cells
            .zip(&HEADER[1..])
            .map(|(c, label)| format!("<td data-label=\"{label}\">{}</td>", html::keep_ids(&html::escape(&c))))
            .collect();
        let _ = writeln!(
            out,
            "<tr><th scope=\"row\"><code>{}</code></th>{row}</tr>",
            html::breakable(&crate::project::shown_path(&file))
        );
    }
    let _ = writeln!(
        out,
        "</tbody>\n</table>\n</div>\n</main>\n<footer>\n<p>Produced by reassure {} with checklist catalogue {} (SHA-256 {}). \
         Options: {}.</p>\n</footer>\n</body>\n</html>",
        env!("CARGO_PKG_VERSION"),
        env!("CARGO_PKG_VERSION"),
        catalogue_sha256(),
        html::escape(&options.words())
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::provenance::{Options, Provenance};
    use crate::scheme::Scheme;
    use crate::source::SourceFile;

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
