//! Reports over many schemes: one row per scheme (name, stage, gate
//! assessed, ready?, score, rating, blockers) in every format, and the
//! per-finding formats (GitHub, SARIF, JUnit) joined across schemes.

mod rows;
mod table;

use std::cell::RefCell;
use std::fmt::Write as _;

use serde::Serialize;

pub use rows::{Reader, Rows};

use super::table::TableOptions;
use super::{Format, html, markdown, sarif};
use crate::portfolio::{Entry, Outcome};
use crate::provenance::{Options, catalogue_sha256};
use crate::report::Part;

/// The JSON portfolio report: versioned like the single-scheme report.
#[derive(Serialize, schemars::JsonSchema)]
pub struct PortfolioReport<'a> {
    pub format_version: u32,
    pub provenance: PortfolioProvenance<'a>,
    pub totals: Totals,
    #[schemars(with = "Vec<Row<'static>>")]
    pub schemes: Schemes<'a>,
}

/// The rows of a JSON portfolio report, serialised as they are read back
/// from where they were kept, never all in memory at once.
pub struct Schemes<'r>(RefCell<Option<Reader<'r>>>);

impl Serialize for Schemes<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::Error as _;
        let mut reader = self.0.borrow_mut();
        let reader = reader
            .as_mut()
            .ok_or_else(|| S::Error::custom("the rows were written already"))?;
        serializer.collect_seq(reader.map(OwnedRow))
    }
}

/// A row read back, serialised as [`Row`].
struct OwnedRow(Entry);

impl Serialize for OwnedRow {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        Row {
            file: &self.0.file,
            outcome: &self.0.outcome,
        }
        .serialize(serializer)
    }
}

#[derive(Serialize, schemars::JsonSchema)]
pub struct PortfolioProvenance<'a> {
    pub tool: &'static str,
    pub tool_version: &'static str,
    pub catalogue_version: &'static str,
    pub catalogue_sha256: String,
    /// The options in effect; `stage` is the gate asked for, or "own" when
    /// each scheme is assessed for its own next gate.
    pub options: &'a Options,
}

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
        Format::Table => table::write_table(rows, table, out),
        Format::Json => write_json(rows, options, out),
        Format::Csv => write_csv(rows, out),
        Format::Markdown => write_markdown(rows, out),
        Format::Html => write_html(rows, options, out),
        Format::Xlsx => {
            let parts = std::mem::take(&mut rows.workbook);
            let mut reader = rows.read()?;
            let entries: Vec<Entry> = reader.by_ref().collect();
            reader.finish()?;
            out.write_all(&super::xlsx::portfolio(&parts, &entries))
        }
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

fn write_json(rows: &mut Rows, options: &Options, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let totals = rows.totals().clone();
    let report = PortfolioReport {
        format_version: super::REPORT_FORMAT_VERSION,
        provenance: PortfolioProvenance {
            tool: "reassure",
            tool_version: env!("CARGO_PKG_VERSION"),
            catalogue_version: env!("CARGO_PKG_VERSION"),
            catalogue_sha256: catalogue_sha256(),
            options,
        },
        totals,
        schemes: Schemes(RefCell::new(Some(rows.read()?))),
    };
    super::json::write_pretty(&report, out)?;
    report.schemes.0.into_inner().map_or(Ok(()), Reader::finish)
}

/// Writes `text` defused for `format`: text written in pieces, each ending
/// a line, is defused as the whole would be.
fn write_defused(format: Format, text: String, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    out.write_all(format.defuse(text).as_bytes())
}

fn write_markdown(rows: &mut Rows, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let mut head = String::from("# Portfolio readiness\n\n");
    let _ = writeln!(head, "| {} |\n|{}", HEADER.join(" | "), "---|".repeat(HEADER.len()));
    write_defused(Format::Markdown, head, out)?;
    let totals = rows.totals().clone();
    let mut reader = rows.read()?;
    for e in reader.by_ref() {
        let row: Vec<String> = cells(&e).iter().map(|c| markdown::escape(c)).collect();
        write_defused(Format::Markdown, format!("| {} |\n", row.join(" | ")), out)?;
    }
    reader.finish()?;
    let tail = format!("\n{}\n", markdown::escape(&summary_line(&totals)));
    write_defused(Format::Markdown, tail, out)
}

fn write_csv(rows: &mut Rows, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    out.write_all(b"file,scheme,stage,ready,score,rating,blockers,status\r\n")?;
    let mut reader = rows.read()?;
    for e in reader.by_ref() {
        let status = match e.outcome {
            Outcome::Assessed(_) => "assessed",
            Outcome::Invalid { .. } => "invalid",
            Outcome::Skipped { .. } => "skipped",
        };
        let mut row: Vec<String> = cells(&e).iter().map(|c| super::csv::field(c)).collect();
        // A number a spreadsheet can sum and sort: the percent, without its sign.
        row[4] = match &e.outcome {
            Outcome::Assessed(s) => s.score.map(|v| format!("{v:.1}")).unwrap_or_default(),
            _ => String::new(),
        };
        row.push(status.to_owned());
        out.write_all(row.join(",").as_bytes())?;
        out.write_all(b"\r\n")?;
    }
    reader.finish()
}

fn write_html(rows: &mut Rows, options: &Options, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let mut head = html::page_head("Portfolio readiness");
    // What the page covers, in a sentence: the files, then what became of
    // them, naming only the outcomes that occurred beyond "assessed".
    let t = rows.totals().clone();
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
        head,
        "<header>\n<h1>Portfolio readiness</h1>\n<p class=\"meta\">{}</p>\n</header>\n<main>\n\
         <div class=\"scroll\" role=\"region\" aria-labelledby=\"schemes-caption\" tabindex=\"0\">\n<table class=\"stack\">\n\
         <caption id=\"schemes-caption\">Readiness of each scheme, one row per file</caption>\n<thead><tr>{}</tr></thead>\n<tbody>",
        html::escape(&covers),
        HEADER
            .iter()
            .map(|h| format!("<th scope=\"col\">{h}</th>"))
            .collect::<String>()
    );
    write_defused(Format::Html, head, out)?;
    let mut reader = rows.read()?;
    for e in reader.by_ref() {
        // The file is the row's header, shown as a published page may show
        // it (never a local absolute path) and free to wrap at its slashes.
        // On a narrow screen the rows stack, each cell labelled; wider, a
        // table too wide for the window scrolls inside its own box.
        let mut cells = cells(&e).into_iter();
        let file = cells.next().unwrap_or_default();
        let row: String = cells
            .zip(&HEADER[1..])
            .map(|(c, label)| format!("<td data-label=\"{label}\">{}</td>", html::keep_ids(&html::escape(&c))))
            .collect();
        let line = format!(
            "<tr><th scope=\"row\"><code>{}</code></th>{row}</tr>\n",
            html::breakable(&crate::project::shown_path(&file))
        );
        write_defused(Format::Html, line, out)?;
    }
    reader.finish()?;
    let tail = format!(
        "</tbody>\n</table>\n</div>\n</main>\n<footer>\n<p>Produced by reassure {} with checklist catalogue {} (SHA-256 {}). \
         Options: {}.</p>\n</footer>\n</body>\n</html>\n",
        env!("CARGO_PKG_VERSION"),
        env!("CARGO_PKG_VERSION"),
        catalogue_sha256(),
        html::escape(&options.words())
    );
    write_defused(Format::Html, tail, out)
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
