//! `diff` between two versions of a scheme, and `check --baseline` against a
//! saved JSON report, run as a user would.

mod common;

use std::path::{Path, PathBuf};

fn run(args: &[&str]) -> (String, String, i32) {
    let output = common::reassure().args(args).output().unwrap();
    (
        String::from_utf8(output.stdout).unwrap(),
        String::from_utf8(output.stderr).unwrap(),
        output.status.code().unwrap(),
    )
}

const STROKE: &str = "examples/hasu-stroke-centralisation.toml";

/// Writes the stroke example with one edit applied.
fn edited(dir: &Path, name: &str, from: &str, to: &str) -> PathBuf {
    let text = std::fs::read_to_string(STROKE).unwrap();
    assert!(text.contains(from), "the example still holds {from:?}");
    let path = dir.join(name);
    std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
    path
}

fn versions() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    // The specialised commissioner's board resolves to support the scheme...
    let better = edited(
        dir.path(),
        "better.toml",
        "role = \"associate\"\nsupports = false",
        "role = \"associate\"\nsupports = true\nresolution_date = 2024-10-01",
    );
    // ...and in another version the sense-check date is lost.
    let worse = edited(dir.path(), "worse.toml", "date = 2023-12-05\n", "");
    (dir, better, worse)
}

#[test]
fn diff_shows_what_improved_scores_and_gates() {
    let (_dir, better, _) = versions();
    let (out, _, code) = run(&["diff", STROKE, better.to_str().unwrap()]);
    assert_eq!(code, 0, "nothing regressed");
    assert!(out.contains("Overall score: 96.3% → 97.2% (+0.9 points)"), "{out}");
    assert!(
        out.contains("Improved (1):") && out.contains("NHSE-T4 Support from commissioners ┆ partly met ┆ met"),
        "{out}"
    );
    assert!(
        out.contains("Tests for service change ┆ 87.5%  ┆ 100.0% ┆ +12.5"),
        "{out}"
    );
    assert!(
        out.contains("s2 (stage 2 assurance checkpoint passed): not ready → ready"),
        "{out}"
    );
    assert!(!out.contains("Regressed"));
}

#[test]
fn diff_exits_1_on_a_regression_and_speaks_json() {
    let (_dir, _, worse) = versions();
    let (out, _, code) = run(&["diff", STROKE, worse.to_str().unwrap(), "--format", "json"]);
    assert_eq!(code, 1);
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(json["regression"], true);
    let regressed = &json["comparison"]["regressed"][0];
    assert_eq!(regressed["criterion"], "GATE-S1");
    assert_eq!(regressed["before"], "met");
    assert_eq!(regressed["after"], "partly-met");
    let (out, _, code) = run(&["diff", STROKE, STROKE]);
    assert_eq!(code, 0);
    assert!(out.contains("No change in any criterion, score or gate."));
}

#[test]
fn diff_reports_problems_in_both_files_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.toml");
    std::fs::write(&bad, "format_version = 1\n").unwrap();
    let (out, err, code) = run(&["diff", bad.to_str().unwrap(), "no/such.toml"]);
    assert_eq!(code, 2);
    assert!(out.is_empty());
    assert!(
        err.contains("bad.toml:1:1") && err.contains("cannot read `no/such.toml`"),
        "{err}"
    );
}

#[test]
fn check_against_a_baseline_fails_on_regression() {
    let (dir, better, worse) = versions();
    let baseline = dir.path().join("baseline.json");
    let (_, _, code) = run(&["check", STROKE, "--format", "json", "-o", baseline.to_str().unwrap()]);
    assert_eq!(code, 1);
    let base = baseline.to_str().unwrap();

    let (_, err, code) = run(&[
        "check",
        worse.to_str().unwrap(),
        "--baseline",
        base,
        "--fail-on",
        "never",
    ]);
    assert_eq!(code, 0, "without --fail-on-regression a regression is only reported");
    assert!(
        err.contains("regression: GATE-S1 Stage 1 strategic sense check was met, now partly met"),
        "{err}"
    );
    let (_, _, code) = run(&[
        "check",
        worse.to_str().unwrap(),
        "--baseline",
        base,
        "--fail-on",
        "never",
        "--fail-on-regression",
    ]);
    assert_eq!(code, 1);
    let (_, err, code) = run(&[
        "check",
        better.to_str().unwrap(),
        "--baseline",
        base,
        "--fail-on",
        "never",
        "--fail-on-regression",
    ]);
    assert_eq!(code, 0, "an improvement passes: {err}");
    assert!(!err.contains("regression"));
}

#[test]
fn a_bad_baseline_is_an_input_error() {
    let dir = tempfile::tempdir().unwrap();
    let junk = dir.path().join("junk.json");
    std::fs::write(&junk, "{\"format_version\": 1,\n \"assessment\": 3}").unwrap();
    let (out, err, code) = run(&["check", STROKE, "--baseline", junk.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(out.is_empty(), "nothing reported before the baseline is read");
    assert!(err.contains("not a reassure JSON report"), "{err}");
    std::fs::write(&junk, "not json").unwrap();
    let (_, err, code) = run(&["check", STROKE, "--baseline", junk.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(err.contains("(line 1, column 2)"), "{err}");
    let (_, err, code) = run(&["check", STROKE, "--fail-on-regression"]);
    assert_eq!(code, 2, "--fail-on-regression needs a baseline: {err}");
    let (_, err, code) = run(&["check", "examples", "--baseline", junk.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(err.contains("give one scheme file"), "{err}");
}
