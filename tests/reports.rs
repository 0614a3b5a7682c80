//! Every report format, run as a user would: JSON with provenance, Markdown,
//! CSV and GitHub annotations; files written atomically; thresholds; and a
//! hostile scheme whose text must not break any format.

mod common;

use assert_cmd::Command;
use common::HOSTILE;

fn reassure() -> Command {
    let mut cmd = common::reassure();
    cmd.env_remove("NO_COLOR").env_remove("RUST_BACKTRACE");
    cmd
}

fn run(args: &[&str]) -> (String, String, i32) {
    let output = reassure().args(args).output().expect("runs");
    (
        String::from_utf8(output.stdout).expect("utf-8"),
        String::from_utf8(output.stderr).expect("utf-8"),
        output.status.code().expect("exit code"),
    )
}

const STROKE: &str = "examples/hasu-stroke-centralisation.toml";

/// A scheme with two mistakes: an impossible date and a misspelt key.
const BROKEN: &str = "format_version = 1\nas_of = 2025-02-30\nstage = \"pcbc\"\n\n[scheme]\nnme = \"Typo\"\n";

/// A file that is not a valid scheme shows in every CI format, each problem
/// at its line and column, with exit code 2: code scanning and test
/// dashboards show the broken file instead of nothing.
#[test]
fn an_invalid_scheme_shows_in_every_ci_format() {
    let dir = tempfile::tempdir().unwrap();
    let broken = dir.path().join("broken.toml");
    std::fs::write(&broken, BROKEN).unwrap();
    std::fs::copy("examples/mental-health-beds-dmbc.toml", dir.path().join("ready.toml")).unwrap();
    let shown = broken.to_str().unwrap();
    for target in [shown, dir.path().to_str().unwrap()] {
        let (github, _, code) = run(&["check", target, "--format", "github"]);
        assert_eq!(code, 2, "{target}");
        assert!(
            github.contains(&format!(
                "::error file={shown},line=2,col=9,title=Not a valid scheme file::"
            )),
            "{github}"
        );
        assert!(
            github.contains(&format!("::error file={shown},line=6,col=1,")),
            "{github}"
        );

        let (junit, _, code) = run(&["check", target, "--format", "junit"]);
        assert_eq!(code, 2);
        assert!(junit.contains(&format!("<testcase name=\"{shown}:6:1\"")), "{junit}");
        assert!(
            junit.contains("<error message=\"unknown key `nme` in `[scheme]` [unknown-key]\""),
            "{junit}"
        );
        let xml = dir.path().join("broken.xml");
        std::fs::write(&xml, &junit).unwrap();
        match std::process::Command::new("xmllint")
            .args(["--noout", "--schema", "tests/fixtures/JUnit.xsd"])
            .arg(&xml)
            .output()
        {
            Ok(result) => assert!(result.status.success(), "{}", String::from_utf8_lossy(&result.stderr)),
            Err(_) => assert!(std::env::var_os("CI").is_none(), "CI must have xmllint (libxml2-utils)"),
        }

        let (sarif, _, code) = run(&["check", target, "--format", "sarif"]);
        assert_eq!(code, 2);
        let log: serde_json::Value = serde_json::from_str(&sarif).unwrap();
        let errors: Vec<&serde_json::Value> = log["runs"][0]["results"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|r| r["ruleId"] == "invalid-scheme-file")
            .collect();
        assert_eq!(errors.len(), 2, "{sarif}");
        assert_eq!(errors[1]["locations"][0]["physicalLocation"]["region"]["startLine"], 6);
    }
    let (table, _, code) = run(&["check", shown]);
    assert_eq!(
        (table.as_str(), code),
        ("", 2),
        "other formats write nothing, as before"
    );
}

#[test]
fn json_report_is_versioned_and_carries_provenance() {
    let (out, err, code) = run(&["check", STROKE, "--format", "json"]);
    assert_eq!(code, 1);
    let json: serde_json::Value = serde_json::from_str(&out).expect("valid JSON on stdout alone");
    assert_eq!(json["format_version"], 1);
    let p = &json["provenance"];
    assert_eq!(p["tool"], "reassure");
    assert_eq!(p["tool_version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(p["catalogue_sha256"].as_str().map(str::len), Some(64));
    let bytes = std::fs::read(STROKE).unwrap();
    assert_eq!(p["scheme_sha256"], reassure::provenance::sha256_hex(&bytes));
    assert_eq!(p["as_of"], "2024-11-15");
    assert_eq!(p["options"]["stage"], "consultation");
    assert_eq!(p["options"]["fail_on"], "blocker");
    let a = &json["assessment"];
    assert_eq!(a["rating"], "Amber/Red");
    let t4 = a["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["criterion"] == "NHSE-T4")
        .unwrap();
    assert_eq!(t4["status"], "partly-met");
    assert_eq!(t4["position"]["line"], 97);
    assert!(t4["source"].as_str().unwrap().contains("four tests"));
    assert_eq!(
        err,
        "reassure: examples/hasu-stroke-centralisation.toml: Amber/Red; consultation gate not ready; 3 gaps due\n"
    );
}

#[test]
fn every_format_is_identical_from_run_to_run() {
    for format in common::text_formats() {
        let format = format.as_str();
        let first = run(&["check", STROKE, "--format", format]);
        let second = run(&["check", STROKE, "--format", format]);
        assert_eq!(first, second, "{format} differs between runs");
    }
}

#[test]
fn markdown_groups_gaps_by_gate_with_sources_and_provenance() {
    let (out, _, _) = run(&["check", STROKE, "--format", "markdown"]);
    assert!(out.starts_with("# Readiness report: Northmoor and Eastdale hyper-acute stroke services review\n"));
    assert!(out.contains("### s2 — stage 2 assurance checkpoint passed\n"), "{out}");
    assert!(
        out.contains("### consultation — public consultation launched\n"),
        "{out}"
    );
    let row = out
        .lines()
        .find(|l| l.starts_with("| ROLE-JHOSC "))
        .expect("joint committee row");
    assert!(
        row.contains("| major | not met |") && row.contains("regulation 30"),
        "{row}"
    );
    assert!(out.contains("## Provenance\n"));
    insta::assert_snapshot!(out);
}

#[test]
fn csv_has_a_row_per_finding() {
    let (out, _, _) = run(&["check", STROKE, "--format", "csv"]);
    let lines: Vec<&str> = out.split("\r\n").filter(|l| !l.is_empty()).collect();
    assert!(lines[0].starts_with("scheme,file,checklist,criterion,"));
    let criteria: usize = reassure::checklist::builtin::builtin()
        .map_err(|_| "built-ins load")
        .unwrap()
        .iter()
        .map(|c| c.criteria.len())
        .sum();
    assert_eq!(lines.len(), 1 + criteria, "header plus one row per criterion");
}

#[test]
fn github_annotations_point_at_the_lines_at_fault() {
    let (out, _, _) = run(&["check", STROKE, "--format", "github"]);
    assert!(
        out.starts_with("::error file=examples/hasu-stroke-centralisation.toml,line=97,col=1,title=NHSE-T4 "),
        "{out}"
    );
    assert!(
        out.lines()
            .all(|l| l.starts_with("::error ") || l.starts_with("::warning ") || l.starts_with("::notice "))
    );
}

#[test]
fn hostile_text_is_escaped_in_every_format() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("hostile.toml");
    std::fs::write(&path, HOSTILE).unwrap();
    let path = path.to_str().unwrap();

    let (table, _, _) = run(&["check", path, "--format", "table"]);
    assert!(!table.contains('\u{1b}'), "no raw escape reaches the terminal");

    let (json, _, _) = run(&["check", path, "--format", "json"]);
    let parsed: serde_json::Value = serde_json::from_str(&json).expect("still valid JSON");
    assert!(parsed["assessment"]["scheme"].as_str().unwrap().starts_with("<script>"));

    let (markdown, _, _) = run(&["check", path, "--format", "markdown"]);
    assert!(!markdown.contains("<script>"), "{markdown}");
    assert!(markdown.contains("\\<script\\>"));
    assert!(
        markdown.lines().next().unwrap().contains("\\| \\#"),
        "a pipe cannot open a cell"
    );

    let (html, _, _) = run(&["check", path, "--format", "html"]);
    assert!(!html.contains("<script"), "no script element can be injected");
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(!html.contains('\u{1b}'));

    let (csv, _, _) = run(&["check", path, "--format", "csv"]);
    let t4 = csv
        .split("\r\n")
        .find(|l| l.contains(",NHSE-T4,"))
        .expect("NHSE-T4 row");
    assert!(
        !t4.contains(",=") && !t4.contains(",\"="),
        "no cell starts a formula: {t4}"
    );

    let (github, _, _) = run(&["check", path, "--format", "github"]);
    for line in github.lines() {
        assert!(
            common::is_own_annotation(line),
            "a message cannot start a forged command on a line of its own: {line}"
        );
    }
    assert!(
        github.contains("\"quoted\"%0A::error::forged%250A"),
        "line break and percent escaped: {github}"
    );
}

#[test]
fn outputs_are_written_atomically_and_never_over_the_input() {
    let dir = tempfile::tempdir().unwrap();
    let json = dir.path().join("report.json");
    let md = dir.path().join("report.md");
    let output = reassure()
        .args(["check", STROKE, "--color", "never"])
        .arg("--write")
        .arg(format!("json={}", json.display()))
        .arg("--write")
        .arg(format!("markdown={}", md.display()))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(
        String::from_utf8(output.stdout).unwrap().starts_with("Northmoor"),
        "table still on stdout"
    );
    let written: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    assert_eq!(written["assessment"]["rating"], "Amber/Red");
    assert!(std::fs::read_to_string(&md).unwrap().starts_with("# Readiness report"));

    let copy = dir.path().join("scheme.toml");
    std::fs::copy(STROKE, &copy).unwrap();
    let before = std::fs::read(&copy).unwrap();
    let (_, err, code) = run(&[
        "check",
        copy.to_str().unwrap(),
        "--format",
        "json",
        "--output",
        copy.to_str().unwrap(),
    ]);
    assert_eq!(code, 2);
    assert!(
        err.starts_with("error: refusing to write a report over") && err.contains("it is an input of this run"),
        "{err}"
    );
    assert_eq!(std::fs::read(&copy).unwrap(), before, "input untouched");

    let missing = dir.path().join("no/such/dir/report.json");
    let (out, err, code) = run(&[
        "check",
        STROKE,
        "--format",
        "json",
        "--output",
        missing.to_str().unwrap(),
    ]);
    assert_eq!((code, out.as_str()), (2, ""));
    assert!(err.starts_with("error: cannot write"), "{err}");
}

#[test]
fn min_score_and_fail_on_set_the_exit_code() {
    let code = |args: &[&str]| run(&[&["check", "examples/mental-health-beds-dmbc.toml"], args].concat()).2;
    assert_eq!(code(&[]), 0);
    assert_eq!(code(&["--min-score", "99"]), 0, "99.5% meets 99");
    assert_eq!(code(&["--min-score", "99.9"]), 1);
    assert_eq!(code(&["--fail-on", "minor"]), 1);
    assert_eq!(code(&["--min-score", "101"]), 2, "not a percentage");
    assert_eq!(code(&["--write", "pdf=x.pdf"]), 2, "unknown format");
}

#[test]
fn sarif_validates_against_the_official_schema() {
    let mut schema: serde_json::Value =
        serde_json::from_str(include_str!("fixtures/sarif-schema-2.1.0.json")).expect("schema parses");
    // The official file (kept byte for byte in the fixture) has a stray `]` in the `language` pattern, which
    // a strict validator rightly refuses as a regex. Mend those patterns in memory, so every other keyword,
    // formats included, is still checked; reassure never emits a `language`.
    let mended = mend_patterns(
        &mut schema,
        "^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$",
        "^[a-zA-Z]{2}(-[a-zA-Z]{2})?$",
    );
    assert_eq!(mended, 2, "the upstream typo this mends");
    let validator = jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("schema compiles");
    // A file that is not a valid scheme comes out as error results too.
    let broken_dir = tempfile::tempdir().unwrap();
    let broken_file = broken_dir.path().join("broken.toml");
    std::fs::write(&broken_file, BROKEN).unwrap();
    for example in [
        STROKE,
        "examples/mental-health-beds-dmbc.toml",
        "examples/ae-to-utc-bed-closures.toml",
        broken_file.to_str().unwrap(),
        "examples",
    ] {
        let (out, _, _) = run(&["check", example, "--format", "sarif"]);
        let log: serde_json::Value = serde_json::from_str(&out).expect("valid JSON");
        let errors: Vec<String> = validator
            .iter_errors(&log)
            .map(|e| format!("{e} at {}", e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{example}: {errors:#?}");
    }
    let (out, _, _) = run(&["check", STROKE, "--format", "sarif"]);
    let log: serde_json::Value = serde_json::from_str(&out).unwrap();
    let mut broken = log.clone();
    broken["runs"][0]["results"][0]["level"] = "fatal".into();
    assert!(!validator.is_valid(&broken), "the validator must be able to fail");
    let run0 = &log["runs"][0];
    let t4 = run0["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["ruleId"] == "NHSE-T4")
        .expect("NHSE-T4 result");
    assert_eq!(t4["level"], "error");
    assert_eq!(t4["locations"][0]["physicalLocation"]["region"]["startLine"], 97);
    let rules = run0["tool"]["driver"]["rules"].as_array().unwrap();
    let index = t4["ruleIndex"].as_u64().unwrap() as usize;
    assert_eq!(rules[index]["id"], "NHSE-T4");
    assert!(
        rules[index]["help"]["text"]
            .as_str()
            .unwrap()
            .contains("resolution_date")
    );
    let minor = run0["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["ruleId"] == "CONSIST-OPTIONS")
        .unwrap();
    assert_eq!(minor["level"], "note");
}

fn mend_patterns(value: &mut serde_json::Value, typo: &str, fixed: &str) -> usize {
    match value {
        serde_json::Value::String(text) if text == typo => {
            *text = fixed.to_string();
            1
        }
        serde_json::Value::Array(items) => items.iter_mut().map(|item| mend_patterns(item, typo, fixed)).sum(),
        serde_json::Value::Object(map) => map.values_mut().map(|item| mend_patterns(item, typo, fixed)).sum(),
        _ => 0,
    }
}

/// Validates with xmllint (Debian's libxml2-utils, which `.ci/run` installs).
#[test]
fn junit_validates_against_the_junit_schema() {
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("junit.xml");
    let hostile = dir.path().join("hostile.toml");
    std::fs::write(&hostile, HOSTILE).unwrap();
    for (scheme, out) in [
        (STROKE, report.clone()),
        (hostile.to_str().unwrap(), dir.path().join("hostile.xml")),
    ] {
        let status = reassure()
            .args(["check", scheme, "--format", "junit", "--output"])
            .arg(&out)
            .output()
            .unwrap()
            .status;
        assert_eq!(status.code(), Some(1));
        let xml = std::fs::read_to_string(&out).unwrap();
        assert!(xml.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites>\n"));
        assert!(!xml.contains('\u{1b}') && !xml.contains("<script>"), "escaped: {xml}");
        // A line break in an attribute is a character reference: written raw,
        // XML parsers read it back as a space.
        for line in xml.lines().filter(|l| l.contains("message=\"")) {
            assert_eq!(
                line.matches('"').count() % 2,
                0,
                "an attribute left open at a line end: {line}"
            );
        }
        if scheme != STROKE {
            assert!(xml.contains("&quot;quoted&quot;&#10;::error::forged"), "{xml}");
        }
        match std::process::Command::new("xmllint")
            .args(["--noout", "--schema", "tests/fixtures/JUnit.xsd"])
            .arg(&out)
            .output()
        {
            Ok(result) => assert!(result.status.success(), "{}", String::from_utf8_lossy(&result.stderr)),
            Err(_) => assert!(std::env::var_os("CI").is_none(), "CI must have xmllint (libxml2-utils)"),
        }
    }
    let xml = std::fs::read_to_string(&report).unwrap();
    // Suites and classnames name the scheme's file, so the suites of many
    // schemes in one document can be told apart.
    assert!(xml.contains(&format!(
        "<testcase name=\"NHSE-T4 Support from commissioners\" classname=\"{STROKE}:NHSE\""
    )));
    assert!(
        xml.contains(&format!("<testsuite name=\"LGA shared principles — {STROKE}\"")),
        "{}",
        &xml[..400]
    );
    assert!(
        xml.contains("<failure message=\"`commissioners` (1 of the 2 falls short): &quot;NHS England South East"),
        "the failing commissioner by name"
    );
    assert!(xml.contains("<skipped message=\"not applicable:"));
}

/// GitHub shows ten annotations of each kind for a step, in the order they
/// come: the most severe come first, and a closing notice says how many of
/// each kind it would not show and where they are.
#[test]
fn github_annotations_come_most_severe_first_with_a_notice_of_those_hidden() {
    let dir = tempfile::tempdir().unwrap();
    for entry in std::fs::read_dir("examples").unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "toml") {
            std::fs::copy(&path, dir.path().join(path.file_name().unwrap())).unwrap();
        }
    }
    let (out, _, _) = run(&["check", dir.path().to_str().unwrap(), "--format", "github"]);
    let levels: Vec<u8> = out
        .lines()
        .filter(|l| l.contains(" file="))
        .map(|l| match l.split(' ').next().unwrap() {
            "::error" => 0,
            "::warning" => 1,
            "::notice" => 2,
            other => panic!("unexpected command {other}"),
        })
        .collect();
    assert!(
        levels.windows(2).all(|w| w[0] <= w[1]),
        "errors, then warnings, then notices"
    );
    let count = |level: u8| levels.iter().filter(|l| **l == level).count();
    assert!(
        count(1) > 10,
        "the portfolio has more warnings than GitHub shows: {}",
        count(1)
    );
    let last = out.lines().last().unwrap();
    assert!(
        last.starts_with(&format!(
            "::notice title=reassure::{} of {} warnings",
            count(1) - 10,
            count(1)
        )),
        "{last}"
    );
}

/// In a GitHub Actions step (`GITHUB_STEP_SUMMARY` set), the github format
/// also appends the Markdown report to the job summary page, after whatever
/// earlier steps wrote there.
#[test]
fn github_format_appends_the_markdown_report_to_the_job_summary() {
    let dir = tempfile::tempdir().unwrap();
    let summary = dir.path().join("summary.md");
    std::fs::write(&summary, "earlier step\n").unwrap();
    let output = reassure()
        .env("GITHUB_STEP_SUMMARY", &summary)
        .args(["check", STROKE, "--format", "github"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let written = std::fs::read_to_string(&summary).unwrap();
    assert!(
        written.starts_with("earlier step\n# Readiness report: "),
        "{}",
        &written[..80]
    );
    let output = reassure()
        .env("GITHUB_STEP_SUMMARY", &summary)
        .args(["check", STROKE, "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        std::fs::read_to_string(&summary).unwrap(),
        written,
        "only the github format writes it"
    );
}

#[test]
fn every_human_format_names_the_law_review_and_announced_changes_once() {
    for format in ["table", "markdown", "html"] {
        let (out, _, _) = run(&["check", STROKE, "--format", format, "--width", "300"]);
        assert_eq!(
            out.matches("The law the checklists cite was reviewed on 29 Nov 2026.")
                .count(),
            1,
            "{format}:\n{out}"
        );
        assert_eq!(out.matches("Health Bill 2026").count(), 1, "{format}");
    }
    let (json, _, _) = run(&["check", STROKE, "--format", "json"]);
    let report: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(report["assessment"]["law_reviewed"], "2026-11-29");
    assert_eq!(report["assessment"]["announced"][0]["affects"][3], "ROLE-HW");
}

/// A report may be pasted into a board paper or published: no human format
/// shows a local absolute path, even when one is typed. A file inside the
/// project is shown relative to its root; one outside, by its name.
#[test]
fn human_formats_never_show_an_absolute_local_path() {
    let absolute = common::repo().join(STROKE);
    let root = common::repo().to_str().unwrap().to_owned();
    let dir = tempfile::tempdir().unwrap();
    let outside = dir.path().join("hostile.toml");
    std::fs::write(&outside, HOSTILE).unwrap();
    let folder = common::repo().join("examples");
    for format in ["table", "markdown", "csv"] {
        let (out, _, _) = run(&["check", absolute.to_str().unwrap(), "--format", format]);
        assert!(!out.contains(&root), "{format}: {out}");
        if format != "csv" {
            assert!(out.contains(STROKE), "{format} names the file from the project root");
        }
        let (out, _, _) = run(&["check", outside.to_str().unwrap(), "--format", format]);
        assert!(!out.contains(dir.path().to_str().unwrap()), "{format}: {out}");
        let (out, _, _) = run(&["check", folder.to_str().unwrap(), "--format", format]);
        assert!(!out.contains(&root), "{format} portfolio: {out}");
    }
}

/// An attestation in the JSON report keeps its types: the day as an ISO
/// date a program can compare, the verdict as one of its three codes; the
/// human formats say the day in words.
#[test]
fn attestations_in_json_carry_a_date_and_a_verdict_code() {
    let (out, _, _) = run(&["check", "examples/mental-health-beds-dmbc.toml", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    let finding = json["assessment"]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["criterion"] == "LGA-4.3")
        .unwrap();
    assert_eq!(finding["attestation"]["date"], "2025-04-30");
    assert_eq!(finding["attestation"]["verdict"], "met");
    assert_eq!(finding["status"], "met");
    let evidence = finding["evidence"].as_str().unwrap();
    assert!(evidence.contains(" on 30 Apr 2025: "), "{evidence}");
}
