//! An Excel workbook for people who work in spreadsheets: a Summary sheet
//! (the verdict with its arithmetic), a Findings sheet (one row per
//! criterion, filterable, status cells in RAG colours) and a Sources sheet;
//! for many schemes, a Schemes sheet (one row each) in place of the Summary
//! and a File column on the findings.
//!
//! Text from the input is only ever written as a string, never as a formula
//! (so `=HYPERLINK(…)` in a scheme name stays text), with control and hidden
//! characters made visible and cut to Excel's limit of 32,767 characters.
//! The document's creation date is the as-of date, not the clock, so the
//! same input always gives the same bytes.

use std::collections::HashSet;

use jiff::civil::Date;
use rust_xlsxwriter::{Color, DocProperties, Format as Style, FormatBorder, RowNum, Workbook, Worksheet, XlsxError};

use super::Report;
use crate::assessment::{Assessment, Status};
use crate::portfolio::{Entry, Outcome};

use crate::text::terminal_safe;

/// One finding as the Findings sheet shows it, owned so that a portfolio
/// can keep every scheme's rows once its assessment is gone.
#[derive(Debug, Clone)]
pub struct Row {
    file: String,
    id: String,
    title: String,
    checklist: String,
    severity: &'static str,
    status: Status,
    basis: &'static str,
    gate: &'static str,
    evidence: String,
    path: String,
    line: usize,
    source: String,
    source_url: Option<String>,
}

/// What one scheme adds to a portfolio's workbook.
#[derive(Debug, Clone)]
pub struct Part {
    as_of: Date,
    rows: Vec<Row>,
}

/// The rows of one scheme's findings, in the assessment's order.
pub fn part(a: &Assessment) -> Part {
    // Never a local absolute path: a workbook travels.
    let file = crate::project::shown_path(&a.file);
    let rows = a
        .findings
        .iter()
        .map(|f| Row {
            file: file.clone(),
            id: f.criterion.clone(),
            title: f.title.clone(),
            checklist: f.checklist.clone(),
            severity: f.severity.code(),
            status: f.status,
            basis: f.basis.code(),
            gate: f.gate.code(),
            evidence: f.evidence.to_string(),
            path: f.path.clone(),
            line: f.position.line,
            source: f.source.clone(),
            source_url: f.source_url.clone(),
        })
        .collect();
    Part { as_of: a.as_of, rows }
}

const FINDINGS: [(&str, f64); 12] = [
    ("Id", 12.0),
    ("Title", 40.0),
    ("Checklist", 12.0),
    ("Severity", 10.0),
    ("Status", 16.0),
    ("Basis", 18.0),
    ("Gate", 15.0),
    ("Evidence", 60.0),
    ("Key path", 30.0),
    ("Line", 7.0),
    ("Source", 50.0),
    ("Source URL", 40.0),
];

/// The Schemes sheet's columns: those of every portfolio format's rows.
const SCHEMES: [(&str, f64); 7] = [
    ("File", 30.0),
    ("Scheme", 40.0),
    ("Stage (gate)", 16.0),
    ("Ready", 7.0),
    ("Score (%)", 10.0),
    ("Rating", 12.0),
    ("Blockers", 40.0),
];

/// The Schemes column holding the score, written as a number.
const SCORE: u16 = 4;

/// One scheme's workbook: Summary, Findings, Sources.
pub fn render(report: &Report<'_>) -> Vec<u8> {
    let a = report.assessment;
    let part = part(a);
    let rows: Vec<&Row> = part.rows.iter().collect();
    workbook(&format!("Readiness report: {}", a.scheme), a.as_of, |book, styles| {
        summary(book.add_worksheet(), report, styles)?;
        findings(book.add_worksheet(), &rows, false, styles)?;
        sources(book.add_worksheet(), &rows, styles)
    })
}

/// Many schemes' workbook: Schemes, then every assessed scheme's findings
/// with its file, then their sources. Dated by the latest as-of date.
pub(crate) fn write_portfolio(rows: &mut super::portfolio::Rows, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    // Every workbook written takes the same parts: kept, not taken.
    let entries: Vec<Entry> = rows.read()?.collect::<std::io::Result<_>>()?;
    out.write_all(&portfolio(rows.workbook(), &entries))
}

fn portfolio(parts: &[Part], entries: &[Entry]) -> Vec<u8> {
    let rows: Vec<&Row> = parts.iter().flat_map(|p| &p.rows).collect();
    // With nothing assessed there is no as-of date: the zip format's epoch.
    let created = parts
        .iter()
        .map(|p| p.as_of)
        .max()
        .unwrap_or(jiff::civil::date(1980, 1, 1));
    workbook("Portfolio readiness", created, |book, styles| {
        schemes(book.add_worksheet(), entries, styles)?;
        findings(book.add_worksheet(), &rows, true, styles)?;
        sources(book.add_worksheet(), &rows, styles)
    })
}

/// The cell styles, made once per workbook.
struct Styles {
    header: Style,
    score: Style,
    count: Style,
    date: Style,
    wrap: Style,
    /// Green, amber, red and grey status cells.
    rag: [Style; 4],
}

impl Styles {
    fn new() -> Self {
        // Excel's own "Good", "Neutral" and "Bad" cell styles, and a grey.
        let fill = |background: u32, font: u32| {
            Style::new()
                .set_background_color(Color::RGB(background))
                .set_font_color(Color::RGB(font))
        };
        Styles {
            header: Style::new()
                .set_bold()
                .set_background_color(Color::RGB(0x00D9_E1F2))
                .set_border_bottom(FormatBorder::Thin),
            score: Style::new().set_num_format("0.0"),
            count: Style::new().set_num_format("0"),
            date: Style::new().set_num_format("yyyy-mm-dd"),
            wrap: Style::new().set_text_wrap(),
            rag: [
                fill(0x00C6_EFCE, 0x0000_6100),
                fill(0x00FF_EB9C, 0x009C_5700),
                fill(0x00FF_C7CE, 0x009C_0006),
                fill(0x00D9_D9D9, 0x0040_4040),
            ],
        }
    }

    /// The RAG colour of a status: a new status must be given one here.
    fn status(&self, status: Status) -> &Style {
        &self.rag[match status {
            Status::Met => 0,
            Status::PartlyMet => 1,
            Status::NotMet | Status::Unknown | Status::Blocked => 2,
            Status::NotApplicable | Status::NotYetDue | Status::NeedsJudgement | Status::Waived => 3,
        }]
    }
}

/// Builds a workbook in memory with fixed document properties.
fn workbook(
    title: &str,
    created: Date,
    sheets: impl FnOnce(&mut Workbook, &Styles) -> Result<(), XlsxError>,
) -> Vec<u8> {
    let mut book = Workbook::new();
    book.set_properties(
        &DocProperties::new()
            .set_title(cell_text(title))
            .set_comment(format!("Produced by reassure {}", env!("CARGO_PKG_VERSION")))
            // Left unset, the creation date would be the clock's.
            .set_creation_datetime(&created),
    );
    sheets(&mut book, &Styles::new())
        .and_then(|()| book.save_to_buffer())
        // Every cell is within Excel's limits (`cell_text`, `shown`) and the
        // workbook is written to memory, so nothing here can fail.
        .expect("a workbook within Excel's limits is always written")
}

/// Excel's limits: characters in a cell (UTF-16 units), rows in a sheet.
const CELL_LIMIT: usize = 32_767;
const ROW_LIMIT: usize = 1_048_576;

/// Input text as a cell holds it: control and hidden characters made
/// visible (line breaks kept), and cut with `…` at Excel's limit, where
/// Excel would refuse the workbook.
fn cell_text(text: &str) -> String {
    let text = terminal_safe(text, true);
    if text.encode_utf16().count() <= CELL_LIMIT {
        return text;
    }
    let mut units = 0;
    let mut cut: String = text
        .chars()
        .take_while(|c| {
            units += c.len_utf16();
            units < CELL_LIMIT
        })
        .collect();
    cut.push('…');
    cut
}

/// How many of `count` rows fit under a header in `limit` rows, leaving
/// one for a note of the rest.
fn shown(count: usize, limit: usize) -> usize {
    if count < limit { count } else { limit - 2 }
}

/// Writes text as a string, never a formula, whatever it starts with.
fn text(sheet: &mut Worksheet, row: RowNum, col: u16, value: &str) -> Result<(), XlsxError> {
    sheet.write_string(row, col, cell_text(value)).map(drop)
}

fn number(sheet: &mut Worksheet, row: RowNum, col: u16, value: Option<f64>, style: &Style) -> Result<(), XlsxError> {
    match value {
        Some(v) => sheet.write_number_with_format(row, col, v, style).map(drop),
        None => text(sheet, row, col, "n/a"),
    }
}

/// The header row in bold, and each column's width.
fn header(sheet: &mut Worksheet, columns: &[(&str, f64)], styles: &Styles) -> Result<(), XlsxError> {
    for (col, (name, width)) in (0u16..).zip(columns) {
        sheet.write_string_with_format(0, col, *name, &styles.header)?;
        sheet.set_column_width(col, *width)?;
    }
    Ok(())
}

/// A header over `rows` rows: kept in view when scrolling, and filterable.
fn table(sheet: &mut Worksheet, rows: usize, columns: u16) -> Result<(), XlsxError> {
    sheet.set_freeze_panes(1, 0)?;
    sheet.autofilter(0, 0, row_number(rows), columns - 1).map(drop)
}

/// The sheet row of the `index`th data row (below the header).
fn row_number(index: usize) -> RowNum {
    RowNum::try_from(index).expect("rows are capped at Excel's limit")
}

/// When a sheet has more rows than Excel takes, its last row says so.
fn note_rest(sheet: &mut Worksheet, count: usize, what: &str) -> Result<(), XlsxError> {
    let kept = shown(count, ROW_LIMIT);
    if kept == count {
        return Ok(());
    }
    text(
        sheet,
        row_number(kept + 1),
        0,
        &format!(
            "{} more {what} not shown: a sheet holds {ROW_LIMIT} rows; --format csv or json lists them all",
            count - kept
        ),
    )
}

/// The verdict as item, value and detail: what, when, the gate and its
/// readiness, the rating, every score with its arithmetic, every gate.
fn summary(sheet: &mut Worksheet, report: &Report<'_>, styles: &Styles) -> Result<(), XlsxError> {
    let a = report.assessment;
    let p = report.provenance;
    sheet.set_name("Summary")?;
    header(sheet, &[("Item", 34.0), ("Value", 40.0), ("Detail", 90.0)], styles)?;
    let mut row: RowNum = 0;
    let mut add = |sheet: &mut Worksheet, item: &str, value: Value, detail: &str| -> Result<(), XlsxError> {
        row += 1;
        text(sheet, row, 0, item)?;
        match value {
            Value::Text(t) => text(sheet, row, 1, &t)?,
            Value::Percent(p) => number(sheet, row, 1, p, &styles.score)?,
            Value::Count(n) => number(sheet, row, 1, Some(n as f64), &styles.count)?,
            Value::Date(Some(d)) => {
                sheet.write_date_with_format(row, 1, d, &styles.date)?;
            }
            Value::Date(None) => {}
        }
        text(sheet, row, 2, detail)
    };
    let yes_no = |ready: bool| Value::Text(if ready { "ready" } else { "not ready" }.into());
    add(sheet, "Scheme", Value::Text(a.scheme.clone()), "")?;
    add(sheet, "File", Value::Text(crate::project::shown_path(&a.file)), "")?;
    add(sheet, "As of", Value::Date(Some(a.as_of)), "")?;
    add(sheet, "Stage", Value::Text(a.stage.code().into()), a.stage.name())?;
    add(
        sheet,
        "Gate assessed",
        Value::Text(a.target.code().into()),
        a.target.gate(),
    )?;
    let blockers = |list: &[String]| {
        if list.is_empty() {
            String::new()
        } else {
            format!("blocked by {}", list.join(", "))
        }
    };
    let target = a.gates.iter().find(|g| g.stage == a.target);
    add(
        sheet,
        "Ready for the gate assessed",
        yes_no(a.ready()),
        &target.map(|g| blockers(&g.blockers)).unwrap_or_default(),
    )?;
    if let Some(warning) = a.legal_duty_warning() {
        add(sheet, "Legal duty waived", Value::Text("yes".into()), &warning)?;
    }
    let capped = if a.capped_by.is_empty() {
        String::new()
    } else {
        format!("capped by unmet blockers {}", a.capped_by.join(", "))
    };
    add(sheet, "Rating", Value::Text(a.rating.words().into()), &capped)?;
    add(
        sheet,
        "Rating by score",
        Value::Text(a.rating_by_score.words().into()),
        "",
    )?;
    add(
        sheet,
        "Overall score (%)",
        Value::Percent(a.overall.percent),
        &a.overall.arithmetic(),
    )?;
    // Counted as the words beside them count: a gap blocked by an open
    // prerequisite is named with it, not counted twice.
    let gaps = a.findings.iter().filter(|f| f.status.is_gap()).count();
    add(sheet, "Gaps due", Value::Count(gaps), &a.shortfall_words())?;
    for s in &a.scores {
        add(
            sheet,
            &format!("Score (%): {}", s.title),
            Value::Percent(s.percent),
            &s.arithmetic(),
        )?;
    }
    for g in &a.gates {
        let item = format!("Gate {}: {}", g.stage.code(), g.stage.gate());
        add(sheet, &item, yes_no(g.ready), &blockers(&g.blockers))?;
    }
    if let Some(law) = a.law_words() {
        add(sheet, "Law reviewed", Value::Date(a.law_reviewed), &law)?;
    }
    let tool = format!("{} {}", p.tool, p.tool_version);
    add(sheet, "Produced by", Value::Text(tool), &p.options_words())?;
    let catalogue = format!("catalogue {}", p.catalogue_version);
    let files = p.checklist_files_words();
    let detail = format!("SHA-256 {}{files}", p.catalogue_sha256);
    add(sheet, "Checklists", Value::Text(catalogue), &detail)?;
    add(sheet, "Scheme file SHA-256", Value::Text(p.scheme_sha256.clone()), "")?;
    Ok(())
}

/// A Summary value: text, a percentage ("n/a" when nothing applied), a
/// count, or a date.
enum Value {
    Text(String),
    Percent(Option<f64>),
    Count(usize),
    Date(Option<Date>),
}

/// One row per scheme file, with its score as a number.
fn schemes(sheet: &mut Worksheet, entries: &[Entry], styles: &Styles) -> Result<(), XlsxError> {
    sheet.set_name("Schemes")?;
    header(sheet, &SCHEMES, styles)?;
    let kept = shown(entries.len(), ROW_LIMIT);
    for (index, e) in entries[..kept].iter().enumerate() {
        let row = row_number(index + 1);
        for (col, cell) in (0u16..).zip(super::portfolio::cells(e)) {
            match &e.outcome {
                Outcome::Assessed(s) if col == SCORE => number(sheet, row, col, s.score, &styles.score)?,
                _ => text(sheet, row, col, &cell)?,
            }
        }
    }
    note_rest(sheet, entries.len(), "scheme files")?;
    table(sheet, kept, SCHEMES.len() as u16)
}

fn findings(sheet: &mut Worksheet, rows: &[&Row], with_file: bool, styles: &Styles) -> Result<(), XlsxError> {
    sheet.set_name("Findings")?;
    let columns: Vec<(&str, f64)> = with_file
        .then_some(("File", 30.0))
        .into_iter()
        .chain(FINDINGS)
        .collect();
    header(sheet, &columns, styles)?;
    let first = u16::from(with_file);
    let kept = shown(rows.len(), ROW_LIMIT);
    for (index, r) in rows[..kept].iter().enumerate() {
        let row = row_number(index + 1);
        if with_file {
            text(sheet, row, 0, &r.file)?;
        }
        let cells: [&str; 4] = [&r.id, &r.title, &r.checklist, r.severity];
        for (col, cell) in (first..).zip(cells) {
            text(sheet, row, col, cell)?;
        }
        // The JSON report's spelling (`not-met`), as the CSV has it.
        sheet.write_string_with_format(row, first + 4, r.status.code(), styles.status(r.status))?;
        text(sheet, row, first + 5, r.basis)?;
        text(sheet, row, first + 6, r.gate)?;
        sheet.write_string_with_format(row, first + 7, cell_text(&r.evidence), &styles.wrap)?;
        text(sheet, row, first + 8, &r.path)?;
        sheet.write_number(row, first + 9, r.line as f64)?;
        text(sheet, row, first + 10, &r.source)?;
        text(sheet, row, first + 11, r.source_url.as_deref().unwrap_or_default())?;
    }
    note_rest(sheet, rows.len(), "findings")?;
    table(sheet, kept, columns.len() as u16)
}

/// The source a finding cites without the part relied on: the engine
/// writes a finding's source as `citation — reference`, and no built-in
/// citation holds a ` — ` of its own (a test below keeps it so).
fn citation(source: &str) -> &str {
    source.split_once(" — ").map_or(source, |(citation, _)| citation)
}

/// Each source the findings cite, once, in the order first cited.
fn sources(sheet: &mut Worksheet, rows: &[&Row], styles: &Styles) -> Result<(), XlsxError> {
    sheet.set_name("Sources")?;
    header(sheet, &[("Citation", 90.0), ("URL", 60.0)], styles)?;
    let mut seen = HashSet::new();
    let cited: Vec<(&str, &str)> = rows
        .iter()
        .map(|r| (citation(&r.source), r.source_url.as_deref().unwrap_or_default()))
        .filter(|cited| !cited.0.is_empty() && seen.insert(*cited))
        .collect();
    let kept = shown(cited.len(), ROW_LIMIT);
    for (index, (citation, url)) in cited[..kept].iter().enumerate() {
        let row = row_number(index + 1);
        text(sheet, row, 0, citation)?;
        text(sheet, row, 1, url)?;
    }
    note_rest(sheet, cited.len(), "sources")?;
    table(sheet, kept, 2)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_cut_at_excels_limit_and_hidden_characters_shown() {
        let long = "é".repeat(CELL_LIMIT + 10);
        let cut = cell_text(&long);
        assert_eq!(cut.encode_utf16().count(), CELL_LIMIT);
        assert!(cut.ends_with('…'));
        // A character of two UTF-16 units is never split.
        let wide = cell_text(&"😀".repeat(CELL_LIMIT));
        assert!(wide.encode_utf16().count() <= CELL_LIMIT);
        assert_eq!(cell_text("a\u{202E}b\nc"), "a\\u{202e}b\nc");
        assert_eq!(cell_text("=1+1"), "=1+1");
    }

    #[test]
    fn a_built_in_citation_is_recovered_whole_from_a_findings_source() {
        let checklists = crate::checklist::builtin::builtin()
            .map_err(|_| "built-ins load")
            .unwrap();
        for source in checklists.iter().flat_map(|c| &c.sources) {
            let cited = format!("{} — section 1", source.citation);
            assert_eq!(citation(&cited), source.citation);
            assert_eq!(citation(&source.citation), source.citation);
        }
    }

    #[test]
    fn rows_beyond_the_limit_leave_room_for_a_note() {
        assert_eq!(shown(3, 10), 3);
        assert_eq!(shown(9, 10), 9);
        assert_eq!(shown(10, 10), 8);
        assert_eq!(shown(50, 10), 8);
    }
}
