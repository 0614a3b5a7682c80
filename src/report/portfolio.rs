//! Reports over many schemes: one row per scheme (name, stage, gate
//! assessed, ready?, score, rating, blockers) in every format, and the
//! per-finding formats (GitHub, SARIF, JUnit) joined across schemes.

use std::fmt::Write as _;

use comfy_table::{Cell, ColumnConstraint, Width};
use serde::Serialize;

use super::stream::Stream;
use super::table::{TableOptions, headless_table, new_table};
use super::{Format, html, markdown, sarif};
use crate::portfolio::{Entry, Outcome};
use crate::provenance::{Options, catalogue_sha256};
use crate::report::Part;
use crate::text::terminal_safe;

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
pub(super) fn cells(e: &Entry) -> [String; 7] {
    let mut cells: [String; 7] = Default::default();
    // Never a local absolute path in a human format.
    cells[0] = crate::project::shown_path(&e.file);
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
        Format::Table => write_table(entries, table, out),
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

/// Rows per printed block. A comfy-table holds every cell, and several
/// copies of it while printing, so a portfolio of thousands is printed in
/// blocks that share the first block's column widths: the output reads as
/// one table and peak memory stays flat (10,000 rows at once took about
/// 50 MB more).
const BLOCK: usize = 500;

fn write_table(entries: &[Entry], options: TableOptions, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let rows: Vec<[String; 7]> = entries
        .iter()
        .map(|e| cells(e).map(|c| terminal_safe(&c, false)))
        .collect();
    let folder = common_folder(rows.iter().map(|r| r[0].as_str()));
    let rows: Vec<[String; 7]> = rows
        .into_iter()
        .zip(entries)
        .map(|(mut row, e)| {
            row[0] = row[0][folder.len()..].to_owned();
            row[6] = few_blockers(&row[6]);
            // The rating column says why a file has no rating, so the row
            // reads even when the name column is given up.
            match &e.outcome {
                Outcome::Invalid { .. } => row[5] = "invalid".to_owned(),
                Outcome::Skipped { .. } => row[5] = "skipped".to_owned(),
                Outcome::Assessed(_) => {}
            }
            row
        })
        .collect();
    let layout = Layout::fit(&rows, usize::from(options.width.unwrap_or(100)));
    let rows: Vec<[String; 7]> = rows
        .into_iter()
        .map(|mut row| {
            if !layout.columns.contains(&4) && !row[4].is_empty() {
                // The score given up as a column stays beside the rating.
                row[5] = format!("{} {}", row[5], row[4]);
            }
            row[0] = wrap_path(&row[0], usize::from(layout.widths[0]) - 2);
            row
        })
        .collect();
    let header: Vec<&str> = layout.columns.iter().map(|&c| HEADER[c]).collect();
    let blocks = rows.len().div_ceil(BLOCK).max(1);
    let defused = |text: String| Format::Table.defuse(text);
    if !folder.is_empty() {
        out.write_all(defused(format!("In {}:\n", terminal_safe(&folder, false))).as_bytes())?;
    }
    for (index, block) in rows.chunks(BLOCK).chain(rows.is_empty().then_some(&[][..])).enumerate() {
        let mut table = if index == 0 {
            new_table(options, &header)
        } else {
            headless_table(options)
        };
        for row in block {
            table.add_row(layout.columns.iter().map(|&c| Cell::new(&row[c])));
        }
        // Every block to the same widths, worked out from all the rows, so
        // the blocks read as one table.
        for (column, &width) in layout.widths.iter().enumerate() {
            if let Some(c) = table.column_mut(column) {
                c.set_constraint(ColumnConstraint::Absolute(Width::Fixed(width)));
            }
        }
        let text = table.to_string();
        let mut lines: Vec<&str> = text.lines().collect();
        if index > 0 {
            lines.remove(0); // its top border continues the table above
        }
        if index + 1 < blocks {
            lines.pop(); // its bottom border: the next block continues
        }
        let mut block = String::with_capacity(text.len());
        for line in lines {
            block.push_str(line);
            block.push('\n');
        }
        out.write_all(defused(block).as_bytes())?;
    }
    let summary = super::table::wrap(
        "",
        &summary_line(&totals(entries)),
        usize::from(options.width.unwrap_or(100)),
    );
    out.write_all(defused(summary).as_bytes())
}

/// The folder every file is in (`examples/`), said once above the table so
/// each row names its file by the rest of its path.
fn common_folder<'a>(mut files: impl Iterator<Item = &'a str>) -> String {
    let Some(first) = files.next() else {
        return String::new();
    };
    let mut common = first.rfind('/').map_or("", |end| &first[..=end]);
    for file in files {
        while !common.is_empty() && !file.starts_with(common) {
            common = common[..common.len() - 1].rfind('/').map_or("", |end| &common[..=end]);
        }
    }
    common.to_owned()
}

/// A file's path in lines no wider than `room`, broken only after a `/`
/// (never inside a name).
fn wrap_path(path: &str, room: usize) -> String {
    let mut out = String::new();
    let mut line = 0;
    for part in path.split_inclusive('/') {
        let len = part.chars().count();
        if line > 0 && line + len > room {
            out.push('\n');
            line = 0;
        }
        out.push_str(part);
        line += len;
    }
    out
}

/// How many blockers a row names before counting the rest: the gaps of a
/// scheme are its own report's business; the row says where to start.
const ROW_BLOCKERS: usize = 2;

fn few_blockers(all: &str) -> String {
    // A waived legal duty is always named in full.
    if all.contains("LEGAL DUTY WAIVED") || all.is_empty() {
        return all.to_owned();
    }
    let ids: Vec<&str> = all.split(", ").collect();
    if ids.len() <= ROW_BLOCKERS + 1 {
        return all.to_owned();
    }
    format!("{} +{} more", ids[..ROW_BLOCKERS].join(", "), ids.len() - ROW_BLOCKERS)
}

/// Which columns the table shows and how wide each is (padding included).
struct Layout {
    columns: Vec<usize>,
    widths: Vec<u16>,
}

/// Columns given up, in this order, when the width cannot hold them all
/// without splitting a file name, an id or a word: the scheme's name, then
/// the stage, then whether it is ready, then the score (which then stands
/// beside the rating). The file, rating and blockers always remain.
const DROP_ORDER: [usize; 4] = [1, 2, 3, 4];

impl Layout {
    fn fit(rows: &[[String; 7]], width: usize) -> Layout {
        let len = |s: &str| s.chars().count();
        let widest = |c: usize, part: &dyn Fn(&str) -> usize| {
            rows.iter()
                .map(|r| part(&r[c]))
                .chain([len(HEADER[c])])
                .max()
                .unwrap_or(0)
        };
        let longest_word = |s: &str| s.split([' ', ',']).map(len).max().unwrap_or(0);
        // Least room each column needs: whole words (the scheme's name and
        // the blockers wrap between words; a file name never wraps).
        let least: Vec<usize> = (0..HEADER.len())
            .map(|c| match c {
                1 | 6 => widest(c, &longest_word),
                0 => widest(c, &|s: &str| s.split_inclusive('/').map(len).max().unwrap_or(0)),
                _ => widest(c, &len),
            })
            .collect();
        let most: Vec<usize> = (0..HEADER.len()).map(|c| widest(c, &len)).collect();
        let mut columns: Vec<usize> = (0..HEADER.len()).collect();
        // Borders and a space either side of each cell.
        let overhead = |n: usize| 3 * n + 1;
        for drop in DROP_ORDER {
            let need: usize = columns.iter().map(|&c| least[c]).sum::<usize>() + overhead(columns.len());
            if need <= width {
                break;
            }
            columns.retain(|&c| c != drop);
        }
        let mut sizes: Vec<usize> = columns.iter().map(|&c| least[c]).collect();
        let mut spare = width.saturating_sub(sizes.iter().sum::<usize>() + overhead(columns.len()));
        // Room left goes to the file, the name, then the blockers, up to
        // their length.
        for wants in [0, 1, 6] {
            if let Some(i) = columns.iter().position(|&c| c == wants) {
                let more = (most[wants] - sizes[i]).min(spare);
                sizes[i] += more;
                spare -= more;
            }
        }
        let widths = sizes
            .iter()
            .map(|&w| u16::try_from(w + 2).unwrap_or(u16::MAX))
            .collect();
        Layout { columns, widths }
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
        let text = include_str!("../../examples/hasu-stroke-centralisation.toml");
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
