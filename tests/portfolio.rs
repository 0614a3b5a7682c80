//! Many schemes at once, run as a user would: directories scanned for
//! `*.toml`, checklist and configuration files passed over with a note, one
//! bad file reported without stopping the rest, one row per scheme in every
//! format, deterministic order, and exit codes over the whole portfolio.

mod common;

use std::path::Path;

use serde_json::Value;

fn run(args: &[&str]) -> (String, String, i32) {
    let output = common::reassure().env_remove("NO_COLOR").args(args).output().unwrap();
    (
        String::from_utf8(output.stdout).unwrap(),
        String::from_utf8(output.stderr).unwrap(),
        output.status.code().unwrap(),
    )
}

const READY: &str = "examples/mental-health-beds-dmbc.toml";
const STROKE: &str = "examples/hasu-stroke-centralisation.toml";

/// A directory holding two schemes (one nested), a checklist, a project
/// configuration file, a hidden directory and a scheme with two mistakes.
fn mixed_portfolio() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir_all(root.join("north/archive")).unwrap();
    std::fs::create_dir_all(root.join(".git")).unwrap();
    std::fs::copy(READY, root.join("a-mental-health.toml")).unwrap();
    std::fs::copy(STROKE, root.join("north/archive/stroke.toml")).unwrap();
    std::fs::copy("checklists/lga-principles.toml", root.join("north/lga.toml")).unwrap();
    std::fs::write(root.join(".reassure.toml"), "fail_on = \"major\"\n").unwrap();
    std::fs::write(root.join(".git/ignored.toml"), "not even toml [").unwrap();
    std::fs::write(root.join("notes.txt"), "not a scheme").unwrap();
    std::fs::write(root.join("north/Cargo.toml"), "[package]\nname = \"x\"\n").unwrap();
    std::fs::write(
        root.join("broken.toml"),
        "format_version = 1\nas_of = 2025-02-30\nstage = \"pcbc\"\n\n[scheme]\nnme = \"Typo\"\n",
    )
    .unwrap();
    dir
}

#[test]
fn a_directory_is_scanned_recursively_in_a_stable_order() {
    let dir = mixed_portfolio();
    let root = dir.path().to_str().unwrap();
    let (out, err, code) = run(&["check", root, "--format", "json"]);
    assert_eq!(code, 2, "a bad file makes the run exit 2: {err}");
    let json: Value = serde_json::from_str(&out).unwrap();
    let files: Vec<String> = json["schemes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|row| {
            let file = row["file"].as_str().unwrap();
            Path::new(file).strip_prefix(root).unwrap().display().to_string()
        })
        .collect();
    assert_eq!(
        files,
        [
            ".reassure.toml",
            "a-mental-health.toml",
            "broken.toml",
            "north/Cargo.toml",
            "north/archive/stroke.toml",
            "north/lga.toml"
        ],
        "sorted, recursive, hidden directories and other extensions left out"
    );
    let status: Vec<&str> = json["schemes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["status"].as_str().unwrap())
        .collect();
    assert_eq!(
        status,
        ["skipped", "assessed", "invalid", "skipped", "assessed", "skipped"]
    );
    assert_eq!(
        json["totals"],
        serde_json::json!({ "files": 6, "assessed": 2, "ready": 1, "failing": 1, "invalid": 1, "skipped": 3 })
    );
    let ready = &json["schemes"][1];
    assert_eq!(ready["rating"], "Green");
    assert_eq!(ready["ready"], true);
    // The portfolio row carries the same score as the scheme's own report.
    let (single, _, _) = run(&["check", READY, "--format", "json"]);
    let single: Value = serde_json::from_str(&single).unwrap();
    assert_eq!(ready["score"], single["assessment"]["overall"]["percent"]);
    assert!(ready["score"].as_f64().unwrap() > 99.0, "{}", ready["score"]);
    let stroke = &json["schemes"][4];
    assert_eq!(stroke["blockers"], serde_json::json!(["NHSE-T4"]));
    assert_eq!(stroke["stage"], "consultation");
    // The bad file's problems, every one, located.
    let problems = json["schemes"][2]["problems"].as_array().unwrap();
    assert_eq!(problems.len(), 2, "{problems:?}");
    assert!(problems[0].as_str().unwrap().starts_with("2:9: "), "{problems:?}");
    assert!(problems[1].as_str().unwrap().starts_with("6:1: "), "{problems:?}");
    // On stderr: the notes, the rendered problems with did-you-mean, and the summary.
    assert!(
        err.contains("note: skipped `") && err.contains("lga.toml`: a checklist file"),
        "{err}"
    );
    assert!(err.contains(".reassure.toml`: a reassure configuration file"), "{err}");
    assert!(
        err.contains("Cargo.toml`: not a scheme file (none of `format_version`"),
        "{err}"
    );
    assert!(err.contains("broken.toml:6:1"), "{err}");
    assert!(err.contains("did you mean `name`?"), "{err}");
    assert!(err.contains("has 2 problems; it was not assessed"), "{err}");
    assert!(
        err.ends_with("6 files: 2 assessed (1 ready, 1 failing the thresholds), 1 invalid, 3 skipped\n"),
        "{err}"
    );
}

#[test]
fn the_table_has_one_row_per_scheme() {
    // Wide enough for every column, the scheme's name included.
    let (out, err, code) = run(&["check", "examples", "--width", "160"]);
    assert_eq!(code, 1, "examples and cases have blockers");
    assert_eq!(
        err, "note: skipped `examples/checklists/northmoor-icb-local.toml`: a checklist file\n",
        "the table carries its own summary; the example checklist is passed over"
    );
    for name in [
        "Hollinbrook",
        "Healthcare for the Future",
        "Northmoor",
        "Westmarsh",
        "Brackenfold",
    ] {
        assert_eq!(out.matches(name).count(), 1, "{name} once: {out}");
    }
    let stroke = out.lines().find(|l| l.contains("hasu-stroke")).expect("stroke row");
    assert!(stroke.contains("NHSE-T4 "), "{stroke}");
    // The five examples and the nine real cases in examples/cases/.
    assert!(
        out.ends_with("reassure: 15 files: 14 assessed (2 ready, 12 failing the thresholds), 0 invalid, 1 skipped\n"),
        "{out}"
    );
    let (_, _, code) = run(&["check", READY, READY, "--fail-on", "blocker"]);
    assert_eq!(
        code, 0,
        "the one ready scheme, given twice, is assessed once and passes"
    );
    let (out, _, _) = run(&[
        "check",
        READY,
        "./examples/../examples/mental-health-beds-dmbc.toml",
        "--format",
        "csv",
    ]);
    assert_eq!(out.lines().count(), 2, "the same file twice is one row: {out}");
}

#[test]
fn thresholds_apply_to_every_scheme() {
    let (_, _, code) = run(&[
        "check",
        READY,
        "examples/maternity-consolidation.toml",
        "--fail-on",
        "never",
    ]);
    assert_eq!(code, 0);
    let (_, _, code) = run(&[
        "check",
        READY,
        "examples/maternity-consolidation.toml",
        "--fail-on",
        "never",
        "--min-score",
        "80",
    ]);
    assert_eq!(code, 1, "maternity scores 75%");
    let (out, _, _) = run(&["check", READY, STROKE, "--stage", "dmbc", "--format", "csv"]);
    assert!(out.contains(",consultation → dmbc,no,"), "{out}");
    // The score is a number a spreadsheet can sort (percent, one decimal),
    // the JSON's figure rounded once.
    let (csv, _, _) = run(&["check", READY, STROKE, "--format", "csv"]);
    let (json, _, _) = run(&["check", READY, STROKE, "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&json).unwrap();
    // Read by Python's csv module, as a spreadsheet import would: the
    // score column must convert to numbers.
    let mut python = std::process::Command::new("python3")
        .args([
            "-c",
            "import csv, sys\nfor row in csv.DictReader(sys.stdin): print(float(row['score']))",
        ])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("python3 runs");
    std::io::Write::write_all(&mut python.stdin.take().unwrap(), csv.as_bytes()).unwrap();
    let read = python.wait_with_output().unwrap();
    assert!(read.status.success(), "{}", String::from_utf8_lossy(&read.stderr));
    let scores: Vec<f64> = String::from_utf8(read.stdout)
        .unwrap()
        .lines()
        .map(|l| l.parse().unwrap())
        .collect();
    let expected: Vec<f64> = json["schemes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| (s["score"].as_f64().unwrap() * 10.0).round() / 10.0)
        .collect();
    assert_eq!(scores, expected);
}

#[test]
fn every_format_renders_the_portfolio_and_is_deterministic() {
    for format in common::text_formats() {
        let format = format.as_str();
        let first = run(&["check", "examples", "--format", format]);
        let second = run(&["check", "examples", "--format", format]);
        assert_eq!(first, second, "{format} differs between runs");
        assert!(!first.0.is_empty(), "{format} is empty");
    }
    let (markdown, _, _) = run(&["check", "examples", "--format", "markdown"]);
    assert!(markdown.starts_with("# Portfolio readiness\n\n| File | Scheme |"));
    let (html, _, _) = run(&["check", "examples", "--format", "html"]);
    assert!(
        html.starts_with("<!DOCTYPE html>")
            && html.contains("<td data-label=\"Scheme\">Brackenfold adult acute mental health inpatient services</td>")
    );
    // Per-finding formats list every scheme's gaps.
    let (github, _, _) = run(&["check", "examples", "--format", "github"]);
    assert!(github.contains("::error file=examples/hasu-stroke-centralisation.toml,line=97,"));
    assert!(github.contains("::error file=examples/ae-to-utc-bed-closures.toml,"));
    let (junit, _, _) = run(&["check", "examples", "--format", "junit"]);
    assert_eq!(
        junit.matches("<testsuite ").count(),
        14 * 8,
        "a suite per checklist per scheme"
    );
    assert_eq!(junit.matches("<testsuites>").count(), 1);
    let ids: std::collections::HashSet<&str> = junit
        .split(" id=\"")
        .skip(1)
        .map(|s| &s[..s.find('"').unwrap()])
        .collect();
    assert_eq!(ids.len(), 14 * 8, "suite ids are unique");
}

#[test]
fn the_portfolio_sarif_has_one_artifact_per_scheme() {
    let (out, _, _) = run(&["check", "examples", "--format", "sarif"]);
    let log: Value = serde_json::from_str(&out).unwrap();
    let run0 = &log["runs"][0];
    let artifacts = run0["artifacts"].as_array().unwrap();
    assert_eq!(artifacts.len(), 14);
    let rules = run0["tool"]["driver"]["rules"].as_array().unwrap();
    let ids: std::collections::HashSet<&str> = rules.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(ids.len(), rules.len(), "each rule once across schemes");
    for result in run0["results"].as_array().unwrap() {
        let location = &result["locations"][0]["physicalLocation"]["artifactLocation"];
        let artifact = &artifacts[location["index"].as_u64().unwrap() as usize];
        assert_eq!(
            artifact["location"]["uri"], location["uri"],
            "artifact index matches the file"
        );
        assert_eq!(
            rules[result["ruleIndex"].as_u64().unwrap() as usize]["id"],
            result["ruleId"]
        );
    }
}

#[test]
fn the_json_portfolio_validates_against_its_schema() {
    let (schema, _, code) = run(&["schema", "--portfolio"]);
    assert_eq!(code, 0);
    let committed = std::fs::read_to_string("schemas/portfolio.schema.json").unwrap_or_default();
    if std::env::var_os("UPDATE_DOCS").is_some() {
        std::fs::write("schemas/portfolio.schema.json", &schema).unwrap();
    } else {
        assert!(
            committed == schema,
            "schemas/portfolio.schema.json is stale: UPDATE_DOCS=1 cargo test --test portfolio"
        );
    }
    let schema: Value = serde_json::from_str(&schema).unwrap();
    let validator = jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .unwrap();
    let dir = mixed_portfolio();
    let (out, _, _) = run(&["check", dir.path().to_str().unwrap(), "--format", "json"]);
    let report: Value = serde_json::from_str(&out).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&report)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let mut wrong = report;
    wrong["schemes"][1]["status"] = "half-assessed".into();
    assert!(!validator.is_valid(&wrong));
    let mut wrong = serde_json::from_str::<Value>(&out).unwrap();
    wrong["schemes"][1]["rating"] = "Purple".into();
    assert!(!validator.is_valid(&wrong));
}

#[test]
fn reports_are_never_written_over_an_input() {
    let dir = mixed_portfolio();
    let scheme = dir.path().join("a-mental-health.toml");
    let before = std::fs::read(&scheme).unwrap();
    let (_, err, code) = run(&[
        "check",
        dir.path().to_str().unwrap(),
        "--format",
        "json",
        "-o",
        scheme.to_str().unwrap(),
    ]);
    assert_eq!(code, 2);
    assert!(
        err.contains("refusing to write a report over") && err.contains("it is an input of this run"),
        "{err}"
    );
    assert_eq!(std::fs::read(&scheme).unwrap(), before);
    let (_, err, code) = run(&["check", dir.path().join("empty").to_str().unwrap(), READY]);
    assert_eq!(code, 2, "a missing path is an invalid row: {err}");
    assert!(err.contains("cannot read"), "{err}");
}

#[cfg(unix)]
#[test]
fn a_link_back_up_the_tree_is_not_followed() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("north")).unwrap();
    std::fs::copy(READY, dir.path().join("north/a.toml")).unwrap();
    std::os::unix::fs::symlink(dir.path(), dir.path().join("north/loop")).unwrap();
    let (out, err, code) = run(&["check", dir.path().to_str().unwrap(), "--format", "csv"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(out.lines().count(), 2, "a header and one scheme, met once: {out}");
}

/// At 80 columns a portfolio stays readable: files named by their path
/// below the folder said once above, columns given up in the documented
/// order (name, stage, ready, score) rather than splitting a file name or an id,
/// and a row's long list of blockers shortened to the first two and a count.
#[test]
fn a_portfolio_at_80_columns_gives_up_columns_not_words() {
    let (out, _, _) = run(&["check", "examples", "--width", "80"]);
    assert!(out.starts_with("In examples/:\n"), "{out}");
    for line in out.lines() {
        assert!(line.chars().count() <= 80, "too wide: {line}");
    }
    let header = out.lines().nth(2).expect("header row");
    for kept in ["File", "Rating", "Blockers"] {
        assert!(header.contains(kept), "{header}");
    }
    for dropped in ["Scheme", "Stage", "Ready", "Score"] {
        assert!(!header.contains(dropped), "{header}");
    }
    // The score given up as a column stands beside the rating.
    let lewisham = out.lines().find(|l| l.contains("lewisham-2013")).unwrap();
    assert!(lewisham.contains("┆ Red 20.2% ┆"), "{lewisham}");
    // Every file is named whole on one line, by its path below examples/.
    for entry in std::fs::read_dir("examples/cases").unwrap() {
        let name = format!("cases/{}", entry.unwrap().file_name().to_str().unwrap());
        assert!(
            out.lines().any(|l| l.contains(&format!("│ {name} "))),
            "{name} split:\n{out}"
        );
    }
    assert!(
        out.contains("┆ DUTY-INV-TRUST "),
        "an id as long as its column is not split: {out}"
    );
    assert!(out.contains(" more "), "blockers beyond two are counted: {out}");
    // The skipped checklist file still says why it has no rating.
    let skipped = out.lines().find(|l| l.contains("northmoor-icb-local")).unwrap();
    assert!(skipped.contains("skipped"), "{skipped}");
    // At 100 columns (the width when not on a terminal) the same folder rule holds.
    let (wide, _, _) = run(&["check", "examples"]);
    assert!(wide.lines().all(|l| l.chars().count() <= 100), "{wide}");
}

/// The same per-finding format on standard output and in a `--write` file
/// is the same report twice: each scheme's findings once in each, never
/// each scheme's part added to both for every destination that asked.
#[test]
fn one_format_in_two_destinations_lists_each_finding_once_in_each() {
    let dir = tempfile::tempdir().unwrap();
    for format in ["junit", "sarif", "github"] {
        let (alone, _, _) = run(&["check", "examples", "--format", format]);
        let file = dir.path().join(format!("again.{format}"));
        let written = format!("{format}={}", file.display());
        let (with_file, _, _) = run(&["check", "examples", "--format", format, "--write", &written]);
        assert_eq!(with_file, alone, "{format} on stdout");
        assert_eq!(std::fs::read_to_string(&file).unwrap(), alone, "{format} in the file");
    }
    // A workbook too, though it is written whole at the end.
    let path = |name: &str| dir.path().join(name).display().to_string();
    run(&["check", "examples", "--format", "xlsx", "-o", &path("alone.xlsx")]);
    let second = format!("xlsx={}", path("second.xlsx"));
    run(&[
        "check",
        "examples",
        "--format",
        "xlsx",
        "-o",
        &path("first.xlsx"),
        "--write",
        &second,
    ]);
    let alone = std::fs::read(path("alone.xlsx")).unwrap();
    for name in ["first.xlsx", "second.xlsx"] {
        assert!(
            std::fs::read(path(name)).unwrap() == alone,
            "{name} differs from the workbook alone"
        );
    }
}

/// Past a megabyte, a portfolio keeps its rows in a temporary file: when
/// none can be made, the run stops with an error that says so and how to
/// choose another folder, not a bare "No such file or directory".
#[test]
fn a_temporary_folder_that_cannot_be_written_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(STROKE).unwrap();
    let long_name = "Northmoor ".repeat(120_000);
    let text = text.replacen("[scheme]\nname = \"", &format!("[scheme]\nname = \"{long_name}"), 1);
    assert!(text.contains(&long_name), "the name was lengthened");
    std::fs::write(dir.path().join("long.toml"), text).unwrap();
    std::fs::copy(READY, dir.path().join("ready.toml")).unwrap();
    let missing = dir.path().join("no-such-folder");
    let output = common::reassure()
        .env("TMPDIR", &missing)
        .args(["check", "--format", "csv"])
        .arg(dir.path())
        .output()
        .unwrap();
    let err = String::from_utf8(output.stderr).unwrap();
    assert_eq!(output.status.code(), Some(2), "{err}");
    assert!(err.contains("cannot make a temporary file in"), "{err}");
    assert!(err.contains("no-such-folder") && err.contains("set TMPDIR"), "{err}");
}

/// Schemes are scored in chunks, each chunk written while the next is
/// scored: rows, per-finding parts and notes still come in the order the
/// files are found, across chunk boundaries.
#[test]
fn rows_parts_and_notes_keep_their_order_across_chunks() {
    let dir = tempfile::tempdir().unwrap();
    let ready = std::fs::read_to_string(READY).unwrap();
    let count = 300;
    for i in 0..count {
        let text = if i % 97 == 5 {
            "format_version = 1\nstage = \"bogus\"\n".to_owned()
        } else {
            ready.clone()
        };
        std::fs::write(dir.path().join(format!("s{i:03}.toml")), text).unwrap();
    }
    let folder = dir.path().display().to_string();
    let (csv, err, code) = run(&["check", &folder, "--format", "csv"]);
    assert_eq!(code, 2, "four files are invalid: {err}");
    let files: Vec<String> = csv
        .lines()
        .skip(1)
        .map(|line| line.split(',').next().unwrap().trim_matches('"').to_owned())
        .collect();
    assert_eq!(files.len(), count);
    let mut sorted = files.clone();
    sorted.sort();
    assert_eq!(files, sorted, "rows in the order found");
    let noted: Vec<&str> = err
        .lines()
        .filter(|l| l.starts_with("error: `") && l.ends_with("it was not assessed"))
        .collect();
    assert_eq!(noted.len(), 4, "{err}");
    for (note, i) in noted.iter().zip([5, 102, 199, 296]) {
        assert!(note.contains(&format!("s{i:03}.toml")), "{note}");
    }
    let (junit, _, _) = run(&["check", &folder, "--format", "junit"]);
    let ids: Vec<usize> = junit
        .split(" id=\"")
        .skip(1)
        .map(|s| s[..s.find('"').unwrap()].parse().unwrap())
        .collect();
    assert_eq!(ids, (0..ids.len()).collect::<Vec<_>>(), "suites numbered in order");
    let packages: Vec<&str> = junit
        .split(" package=\"")
        .skip(1)
        .map(|s| &s[..s.find('"').unwrap()])
        .collect();
    let mut in_order = packages.clone();
    in_order.sort();
    assert_eq!(packages, in_order, "each scheme's suites in the order found");
}
