//! The `xlsx` report read back as a spreadsheet program would (calamine):
//! its sheets and headers, each finding's row against the JSON report of the
//! same run, numbers stored as numbers, RAG status fills, a frozen and
//! filterable header, the same bytes on every run, text from the scheme kept
//! as text (never a formula), and no workbook written to a terminal.

mod common;

use std::io::{Cursor, Read as _};
use std::path::Path;

use calamine::{Data, Reader, Xlsx};
use serde_json::Value;

const STROKE: &str = "examples/hasu-stroke-centralisation.toml";
const MENTAL_HEALTH: &str = "examples/mental-health-beds-dmbc.toml";

type Workbook = Xlsx<Cursor<Vec<u8>>>;

/// Runs `reassure check ARGS… -o OUT` and returns the workbook's bytes.
fn workbook_bytes(dir: &Path, args: &[&str]) -> Vec<u8> {
    let out = dir.join("report.xlsx");
    let output = common::reassure()
        .arg("check")
        .args(args)
        .args(["--format", "xlsx", "-o"])
        .arg(&out)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(matches!(output.status.code(), Some(0 | 1)), "{stderr}");
    assert!(
        output.stdout.is_empty(),
        "a report written to a file leaves stdout empty"
    );
    std::fs::read(out).unwrap()
}

fn open(bytes: Vec<u8>) -> Workbook {
    calamine::open_workbook_from_rs(Cursor::new(bytes)).unwrap()
}

fn json(args: &[&str]) -> Value {
    let output = common::reassure()
        .arg("check")
        .args(args)
        .args(["--format", "json"])
        .output()
        .unwrap();
    serde_json::from_slice(&output.stdout).unwrap()
}

fn text(cell: &Data) -> String {
    match cell {
        Data::String(s) => s.clone(),
        Data::Empty => String::new(),
        other => panic!("expected text, found {other:?}"),
    }
}

fn row_of<'r>(sheet: &'r calamine::Range<Data>, column: usize, value: &str) -> &'r [Data] {
    sheet
        .rows()
        .find(|row| row[column] == Data::String(value.to_owned()))
        .unwrap_or_else(|| panic!("no row with `{value}` in column {column}"))
}

fn header(sheet: &calamine::Range<Data>) -> Vec<String> {
    sheet.rows().next().unwrap().iter().map(text).collect()
}

/// The cell's fill colour as `RRGGBB`.
fn fill(book: &mut Workbook, sheet: &str, row: u32, column: u32) -> String {
    let styles = book.worksheet_style(sheet).unwrap();
    let color = styles
        .get((row, column))
        .and_then(|style| style.fill.as_ref())
        .and_then(calamine::Fill::get_color)
        .unwrap_or_else(|| panic!("{sheet} ({row}, {column}) has no fill"));
    format!("{:02X}{:02X}{:02X}", color.red, color.green, color.blue)
}

/// A file of the workbook's archive, as text.
fn part(bytes: &[u8], name: &str) -> String {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut text = String::new();
    archive.by_name(name).unwrap().read_to_string(&mut text).unwrap();
    text
}

const FINDINGS_HEADER: [&str; 12] = [
    "Id",
    "Title",
    "Checklist",
    "Severity",
    "Status",
    "Basis",
    "Gate",
    "Evidence",
    "Key path",
    "Line",
    "Source",
    "Source URL",
];

#[test]
fn one_scheme_gives_summary_findings_and_sources_matching_the_json_report() {
    let dir = tempfile::tempdir().unwrap();
    let mut book = open(workbook_bytes(dir.path(), &[STROKE]));
    let report = json(&[STROKE]);
    let a = &report["assessment"];
    assert_eq!(book.sheet_names(), ["Summary", "Findings", "Sources"]);

    let summary = book.worksheet_range("Summary").unwrap();
    assert_eq!(header(&summary), ["Item", "Value", "Detail"]);
    let value = |item: &str| row_of(&summary, 0, item)[1].clone();
    assert_eq!(value("Scheme"), Data::String(a["scheme"].as_str().unwrap().into()));
    assert_eq!(value("File"), Data::String(STROKE.into()));
    match value("As of") {
        // Excel counts days from 30 December 1899: 45611 is 15 November 2024.
        Data::DateTime(d) => assert_eq!((d.is_datetime(), d.as_f64()), (true, 45611.0)),
        other => panic!("as-of is not a date: {other:?}"),
    }
    assert_eq!(value("Stage"), Data::String("consultation".into()));
    assert_eq!(value("Gate assessed"), Data::String("consultation".into()));
    let ready = row_of(&summary, 0, "Ready for the gate assessed");
    assert_eq!(ready[1], Data::String("not ready".into()));
    assert_eq!(ready[2], Data::String("blocked by NHSE-T4".into()));
    assert_eq!(value("Rating"), Data::String(a["rating"].as_str().unwrap().into()));
    assert_eq!(
        value("Rating by score"),
        Data::String(a["rating_by_score"].as_str().unwrap().into())
    );
    // The score is a number, with its arithmetic beside it.
    let overall = row_of(&summary, 0, "Overall score (%)");
    assert_eq!(overall[1], Data::Float(a["overall"]["percent"].as_f64().unwrap()));
    // The arithmetic is the JSON report's, word for word.
    let weight = a["overall"]["met_weight"].as_f64().unwrap();
    let arithmetic = format!(
        "{} of {} weight met; {} of {} criteria applied",
        if weight.fract() == 0.0 {
            format!("{weight:.0}")
        } else {
            format!("{weight}")
        },
        a["overall"]["applicable_weight"],
        a["overall"]["applied"],
        a["overall"]["total"]
    );
    assert_eq!(overall[2], Data::String(arithmetic));
    for score in a["scores"].as_array().unwrap() {
        let item = format!("Score (%): {}", score["title"].as_str().unwrap());
        let expected = score["percent"]
            .as_f64()
            .map_or(Data::String("n/a".into()), Data::Float);
        assert_eq!(row_of(&summary, 0, &item)[1], expected, "{item}");
    }
    for gate in a["gates"].as_array().unwrap() {
        let code = gate["stage"].as_str().unwrap();
        let row = summary
            .rows()
            .find(|r| text(&r[0]).starts_with(&format!("Gate {code}: ")))
            .unwrap_or_else(|| panic!("no row for gate {code}"));
        let ready = if gate["ready"].as_bool().unwrap() {
            "ready"
        } else {
            "not ready"
        };
        assert_eq!(text(&row[1]), ready, "gate {code}");
    }

    let findings = book.worksheet_range("Findings").unwrap();
    assert_eq!(header(&findings), FINDINGS_HEADER);
    let all = a["findings"].as_array().unwrap();
    assert_eq!(findings.height(), all.len() + 1, "one row per criterion");
    let t4 = row_of(&findings, 0, "NHSE-T4");
    assert_eq!(text(&t4[1]), "Support from commissioners");
    assert_eq!(text(&t4[3]), "blocker");
    assert_eq!(text(&t4[4]), "partly-met");
    assert_eq!(text(&t4[6]), "s2");
    // Every finding, cell by cell, as the JSON report has it.
    for (row, f) in findings.rows().skip(1).zip(all) {
        let s = |key: &str| f[key].as_str().unwrap_or_default().to_owned();
        let id = s("criterion");
        assert_eq!(text(&row[0]), id);
        assert_eq!(text(&row[1]), s("title"), "{id}");
        assert_eq!(text(&row[2]), s("checklist"), "{id}");
        assert_eq!(text(&row[3]), s("severity"), "{id}");
        assert_eq!(text(&row[4]), s("status"), "{id}: the JSON report's spelling");
        assert_eq!(text(&row[5]), s("basis"), "{id}");
        assert_eq!(text(&row[6]), s("gate"), "{id}");
        assert_eq!(text(&row[7]), s("evidence"), "{id}");
        assert_eq!(text(&row[8]), s("path"), "{id}");
        assert_eq!(row[9], Data::Float(f["position"]["line"].as_f64().unwrap()), "{id}");
        assert_eq!(text(&row[10]), s("source"), "{id}");
        assert_eq!(text(&row[11]), s("source_url"), "{id}");
    }

    let sources = book.worksheet_range("Sources").unwrap();
    assert_eq!(header(&sources), ["Citation", "URL"]);
    let cited: Vec<(String, String)> = sources.rows().skip(1).map(|r| (text(&r[0]), text(&r[1]))).collect();
    let mut unique = cited.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), cited.len(), "each source once");
    for f in all {
        let source = f["source"].as_str().unwrap();
        let url = f["source_url"].as_str().unwrap_or_default();
        assert!(
            cited.iter().any(|(c, u)| source.starts_with(c.as_str()) && u == url),
            "{source} is not among the sources"
        );
    }
    assert!(
        cited.len() < all.len(),
        "sources cited by several findings are listed once"
    );
}

#[test]
fn status_cells_are_filled_by_rag_colour() {
    let dir = tempfile::tempdir().unwrap();
    let mut book = open(workbook_bytes(dir.path(), &[STROKE]));
    let findings = book.worksheet_range("Findings").unwrap();
    let statuses: Vec<(u32, String)> = (0u32..)
        .zip(findings.rows())
        .skip(1)
        .map(|(row, cells)| (row, text(&cells[4])))
        .collect();
    let expected = |status: &str| match status {
        "met" => "C6EFCE",
        "partly-met" => "FFEB9C",
        "not-met" | "unknown" | "blocked" => "FFC7CE",
        _ => "D9D9D9",
    };
    let mut seen = std::collections::BTreeSet::new();
    for (row, status) in &statuses {
        assert_eq!(
            fill(&mut book, "Findings", *row, 4),
            expected(status),
            "{status} at row {row}"
        );
        seen.insert(status.as_str());
    }
    // The example has a status of every colour.
    for status in ["met", "partly-met", "not-met", "not-applicable"] {
        assert!(seen.contains(status), "no {status} finding in the example: {seen:?}");
    }
}

#[test]
fn the_findings_header_is_frozen_and_filterable() {
    let dir = tempfile::tempdir().unwrap();
    let bytes = workbook_bytes(dir.path(), &[STROKE]);
    let book = open(bytes.clone());
    let filters: Vec<&str> = book
        .defined_names()
        .iter()
        .filter(|(name, _)| name == "_xlnm._FilterDatabase")
        .map(|(_, range)| range.as_str())
        .collect();
    assert!(
        filters.iter().any(|r| r.starts_with("Findings!$A$1:$L$")),
        "{filters:?}"
    );
    // calamine does not read panes: the sheet's own XML says it.
    let findings = part(&bytes, "xl/worksheets/sheet2.xml");
    assert!(
        findings.contains(r#"<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>"#),
        "{}",
        &findings[..600]
    );
}

#[test]
fn a_portfolio_gives_one_row_per_scheme_and_every_finding_with_its_file() {
    let dir = tempfile::tempdir().unwrap();
    let mut book = open(workbook_bytes(dir.path(), &[STROKE, MENTAL_HEALTH]));
    let report = json(&[STROKE, MENTAL_HEALTH]);
    assert_eq!(book.sheet_names(), ["Schemes", "Findings", "Sources"]);

    let schemes = book.worksheet_range("Schemes").unwrap();
    assert_eq!(
        header(&schemes),
        [
            "File",
            "Scheme",
            "Stage (gate)",
            "Ready",
            "Score (%)",
            "Rating",
            "Blockers"
        ]
    );
    let rows = report["schemes"].as_array().unwrap();
    assert_eq!(schemes.height(), rows.len() + 1);
    for (cells, row) in schemes.rows().skip(1).zip(rows) {
        assert_eq!(text(&cells[0]), row["file"].as_str().unwrap());
        assert_eq!(text(&cells[1]), row["scheme"].as_str().unwrap());
        assert_eq!(text(&cells[2]), row["stage"].as_str().unwrap());
        let ready = if row["ready"].as_bool().unwrap() { "yes" } else { "no" };
        assert_eq!(text(&cells[3]), ready);
        assert_eq!(
            cells[4],
            Data::Float(row["score"].as_f64().unwrap()),
            "the score is a number"
        );
        assert_eq!(text(&cells[5]), row["rating"].as_str().unwrap());
        let blockers: Vec<&str> = row["blockers"]
            .as_array()
            .unwrap()
            .iter()
            .map(|b| b.as_str().unwrap())
            .collect();
        assert_eq!(text(&cells[6]), blockers.join(", "));
    }

    let findings = book.worksheet_range("Findings").unwrap();
    let expected_header: Vec<&str> = std::iter::once("File").chain(FINDINGS_HEADER).collect();
    assert_eq!(header(&findings), expected_header);
    let counts: Vec<usize> = [STROKE, MENTAL_HEALTH]
        .iter()
        .map(|f| json(&[f])["assessment"]["findings"].as_array().unwrap().len())
        .collect();
    assert_eq!(findings.height(), counts.iter().sum::<usize>() + 1);
    let files: Vec<String> = findings.rows().skip(1).map(|r| text(&r[0])).collect();
    assert!(files[..counts[0]].iter().all(|f| f == STROKE));
    assert!(files[counts[0]..].iter().all(|f| f == MENTAL_HEALTH));
    let t4 = findings
        .rows()
        .find(|r| text(&r[0]) == STROKE && text(&r[1]) == "NHSE-T4")
        .unwrap();
    assert_eq!(text(&t4[5]), "partly-met");
    assert_eq!(fill(&mut book, "Findings", 0, 0), "D9E1F2", "the header is shaded");
    assert!(book.worksheet_range("Sources").unwrap().height() > 1);
}

#[test]
fn the_same_input_gives_the_same_bytes() {
    let dir = tempfile::tempdir().unwrap();
    for args in [&[STROKE][..], &[STROKE, MENTAL_HEALTH][..]] {
        let first = workbook_bytes(dir.path(), args);
        // The creation date is written to the second: a run a second later
        // would differ if it came from the clock.
        std::thread::sleep(std::time::Duration::from_millis(1100));
        let second = workbook_bytes(dir.path(), args);
        assert!(first == second, "{args:?}: two runs differ");
        // Standard output gives the same bytes as a file.
        let piped = common::reassure()
            .arg("check")
            .args(args)
            .args(["--format", "xlsx"])
            .output()
            .unwrap();
        assert!(piped.stdout == first, "{args:?}: stdout differs from the file");
    }
    let mut book = open(workbook_bytes(dir.path(), &[STROKE]));
    let properties = book.workbook_properties().unwrap();
    assert_eq!(
        properties.created.as_deref(),
        Some("2024-11-15T00:00:00Z"),
        "created on the as-of date"
    );
    assert_eq!(
        properties.title.as_deref(),
        Some("Readiness report: Northmoor and Eastdale hyper-acute stroke services review")
    );
}

#[test]
fn text_that_looks_like_a_formula_is_stored_as_text() {
    let dir = tempfile::tempdir().unwrap();
    let hostile = r#"=HYPERLINK("http://x")"#;
    let original = std::fs::read_to_string(common::repo().join(STROKE)).unwrap();
    let name = "name = \"Northmoor and Eastdale hyper-acute stroke services review\"";
    assert!(original.contains(name));
    let scheme = dir.path().join("hostile.toml");
    std::fs::write(
        &scheme,
        original.replace(name, &format!("name = {}", toml::Value::from(hostile))),
    )
    .unwrap();
    let scheme = scheme.to_str().unwrap();
    let other = dir.path().join("other.toml");
    std::fs::write(&other, original.replace(name, "name = \"+1-1\"")).unwrap();

    let mut book = open(workbook_bytes(dir.path(), &[scheme]));
    let summary = book.worksheet_range("Summary").unwrap();
    assert_eq!(row_of(&summary, 0, "Scheme")[1], Data::String(hostile.into()));
    for sheet in ["Summary", "Findings", "Sources"] {
        let formulas = book.worksheet_formula(sheet).unwrap();
        assert!(formulas.used_cells().next().is_none(), "{sheet} holds a formula");
    }

    let mut book = open(workbook_bytes(dir.path(), &[scheme, other.to_str().unwrap()]));
    let schemes = book.worksheet_range("Schemes").unwrap();
    assert_eq!(text(&schemes.rows().nth(1).unwrap()[1]), hostile);
    assert_eq!(text(&schemes.rows().nth(2).unwrap()[1]), "+1-1");
    for sheet in ["Schemes", "Findings", "Sources"] {
        let formulas = book.worksheet_formula(sheet).unwrap();
        assert!(formulas.used_cells().next().is_none(), "{sheet} holds a formula");
    }
}

#[test]
fn a_workbook_is_never_written_to_a_terminal() {
    let mut command = common::std_command();
    command.env("TERM", "xterm").args(["check", STROKE, "--format", "xlsx"]);
    let mut session = rexpect::session::spawn_command(command, Some(20_000)).unwrap();
    let said = session.exp_eof().unwrap();
    assert!(
        said.contains("error: refusing to write a binary xlsx report to the terminal; give a file with --output FILE"),
        "{said}"
    );
    assert!(!said.contains("PK"), "no archive reached the terminal: {said}");
    match session.process().wait().unwrap() {
        rexpect::process::WaitStatus::Exited(_, code) => assert_eq!(code, 2),
        other => panic!("{other:?}"),
    }

    // To a file, from the same terminal, it is written.
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("report.xlsx");
    let mut command = common::std_command();
    command
        .env("TERM", "xterm")
        .args(["check", STROKE, "--format", "xlsx", "-o"])
        .arg(&out);
    let mut session = rexpect::session::spawn_command(command, Some(20_000)).unwrap();
    let said = session.exp_eof().unwrap();
    assert!(said.contains("consultation gate not ready"), "{said}");
    assert_eq!(
        open(std::fs::read(&out).unwrap()).sheet_names(),
        ["Summary", "Findings", "Sources"]
    );
}

#[test]
fn a_workbook_is_written_beside_other_formats_and_never_over_an_input() {
    let dir = tempfile::tempdir().unwrap();
    let extra = dir.path().join("extra.xlsx");
    let output = common::reassure()
        .args(["check", STROKE, "--format", "json", "--write"])
        .arg(format!("xlsx={}", extra.display()))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(serde_json::from_slice::<Value>(&output.stdout).is_ok());
    assert!(std::fs::read(&extra).unwrap() == workbook_bytes(dir.path(), &[STROKE]));

    let scheme = dir.path().join("scheme.toml");
    std::fs::copy(common::repo().join(STROKE), &scheme).unwrap();
    let before = std::fs::read(&scheme).unwrap();
    let output = common::reassure()
        .arg("check")
        .arg(&scheme)
        .args(["--format", "xlsx", "-o"])
        .arg(&scheme)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("it is an input of this run"));
    assert_eq!(std::fs::read(&scheme).unwrap(), before);
}

/// A workbook travels: no cell of any sheet holds a local absolute path,
/// even when one is typed, for one scheme or a folder of them.
#[test]
fn no_cell_holds_an_absolute_local_path() {
    let dir = tempfile::tempdir().unwrap();
    let root = common::repo().to_str().unwrap().to_owned();
    for target in [common::repo().join(STROKE), common::repo().join("examples")] {
        let mut book = open(workbook_bytes(dir.path(), &[target.to_str().unwrap()]));
        let mut cells = 0;
        for name in book.sheet_names() {
            let sheet = book.worksheet_range(&name).unwrap();
            for cell in sheet.used_cells() {
                cells += 1;
                if let Data::String(s) = cell.2 {
                    assert!(!s.contains(&root), "{name}: {s}");
                }
            }
        }
        assert!(cells > 100, "only {cells} cells read");
    }
}
