//! Extending the built-in checks, run as a user would: an organisation's own
//! checklists (from `--checklist`, the scheme, or `.reassure.toml`), waivers
//! with their expiry against the as-of date, and the precedence of flags over
//! the environment over the configuration file.

mod common;

use std::path::Path;

use assert_cmd::Command;
use serde_json::Value;

const STROKE: &str = "examples/hasu-stroke-centralisation.toml";
const LOCAL: &str = "examples/checklists/northmoor-icb-local.toml";

fn reassure(dir: Option<&Path>) -> Command {
    let mut cmd = common::reassure();
    cmd.env_remove("NO_COLOR").env_remove("RUST_BACKTRACE");
    for name in reassure::config::ENV_VARS {
        cmd.env_remove(name);
    }
    if let Some(dir) = dir {
        cmd.current_dir(dir);
    }
    cmd
}

fn run(cmd: &mut Command) -> (String, String, i32) {
    let output = cmd.output().unwrap();
    (
        String::from_utf8(output.stdout).unwrap(),
        String::from_utf8(output.stderr).unwrap(),
        output.status.code().unwrap(),
    )
}

/// The stroke example in a temporary folder, naming the local checklist
/// copied beside it, after `edit` has changed its text.
fn stroke_copy(edit: impl Fn(String) -> String) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("checklists")).unwrap();
    std::fs::copy(LOCAL, dir.path().join("checklists/northmoor-icb-local.toml")).unwrap();
    // The scheme names the local checklist itself, as a team would.
    let text = std::fs::read_to_string(STROKE).unwrap().replacen(
        "stage = \"consultation\"\n",
        "stage = \"consultation\"\nchecklists = [\"checklists/northmoor-icb-local.toml\"]\n",
        1,
    );
    std::fs::write(dir.path().join("s.toml"), edit(text)).unwrap();
    dir
}

fn json_report(dir: &Path, extra: &[&str]) -> (Value, i32) {
    let (out, err, code) = run(reassure(Some(dir))
        .args(["check", "s.toml", "--format", "json"])
        .args(extra));
    assert!(code < 2, "{err}");
    (serde_json::from_str(&out).unwrap(), code)
}

fn finding<'a>(report: &'a Value, id: &str) -> &'a Value {
    report["assessment"]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["criterion"] == id)
        .unwrap_or_else(|| panic!("no finding {id}"))
}

#[test]
fn a_scheme_names_its_own_checklists_and_the_report_records_their_hash() {
    let dir = stroke_copy(|t| t);
    let (report, _) = json_report(dir.path(), &[]);
    assert_eq!(finding(&report, "NE-ICB-3")["status"], "not-met");
    assert_eq!(finding(&report, "NE-ICB-1")["status"], "met");
    let files = &report["provenance"]["checklist_files"];
    assert_eq!(files[0]["checklist"], "NE-ICB");
    let bytes = std::fs::read(LOCAL).unwrap();
    assert_eq!(files[0]["sha256"], reassure::provenance::sha256_hex(&bytes));
    assert!(
        report["assessment"]["scores"]
            .as_array()
            .unwrap()
            .iter()
            .any(|s| s["checklist"] == "NE-ICB"),
        "the local checklist is scored like a built-in one"
    );
}

#[test]
fn checklist_flag_adds_criteria_and_list_shows_them() {
    let mental_health = "examples/mental-health-beds-dmbc.toml";
    let (without, _, _) = run(reassure(None).args(["check", mental_health, "--format", "json"]));
    assert!(!without.contains("NE-ICB-1"));
    let (with, _, _) = run(reassure(None).args(["check", mental_health, "--format", "json", "--checklist", LOCAL]));
    let report: Value = serde_json::from_str(&with).unwrap();
    assert!(finding(&report, "NE-ICB-1")["status"].is_string());

    let (list, _, code) = run(reassure(None).args(["list", "--checklist", LOCAL]));
    assert_eq!(code, 0);
    assert!(list.contains("NE-ICB-2"), "{list}");
    let (explained, _, code) = run(reassure(None).args(["explain", "ne-icb-3", "--checklist", LOCAL]));
    assert_eq!(code, 0);
    assert!(explained.contains("Digital exclusion assessed"), "{explained}");
}

#[test]
fn a_duplicate_criterion_id_names_both_places() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(LOCAL)
        .unwrap()
        .replace("id = \"NE-ICB-2\"", "id = \"NHSE-T1\"");
    std::fs::write(dir.path().join("ours.toml"), text).unwrap();
    let ours = dir.path().join("ours.toml");
    let (out, err, code) = run(reassure(None)
        .args(["check", "examples/maternity-consolidation.toml", "--checklist"])
        .arg(&ours));
    assert_eq!(code, 2, "{err}");
    assert!(out.is_empty());
    let builtin = std::fs::read_to_string("checklists/service-change-tests.toml").unwrap();
    let line = builtin.lines().position(|l| l == "id = \"NHSE-T1\"").unwrap() + 1;
    let ours_line = std::fs::read_to_string(&ours)
        .unwrap()
        .lines()
        .position(|l| l == "id = \"NHSE-T1\"")
        .unwrap()
        + 1;
    assert!(err.contains("criterion id `NHSE-T1` is already used"), "{err}");
    assert!(err.contains(&format!("ours.toml:{ours_line}:6")), "{err}");
    assert!(
        err.contains(&format!(
            "first defined at checklists/service-change-tests.toml:{line}:6"
        )),
        "{err}"
    );
}

/// A criterion relating to an id no checklist has is an error with the
/// nearest id suggested (a typo is the usual cause).
#[test]
fn an_unknown_related_id_is_an_error_with_a_suggestion() {
    let dir = tempfile::tempdir().unwrap();
    let text =
        std::fs::read_to_string(LOCAL)
            .unwrap()
            .replacen("related = [\"GATE-TRV\"]", "related = [\"GATE-TRVV\"]", 1);
    let ours = dir.path().join("ours.toml");
    std::fs::write(&ours, text).unwrap();
    let (_, err, code) = run(reassure(None)
        .args(["check", "examples/maternity-consolidation.toml", "--checklist"])
        .arg(&ours));
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("lists `GATE-TRVV` in `related`, but no checklist has it"),
        "{err}"
    );
    assert!(err.contains("did you mean `GATE-TRV`?"), "{err}");
}

#[test]
fn a_broken_organisation_checklist_gets_located_diagnostics_all_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(LOCAL)
        .unwrap()
        .replace("severity = \"minor\"", "severty = \"minor\"")
        .replacen("basis = \"expected-practice\"", "basis = \"expected-practise\"", 1);
    std::fs::write(dir.path().join("ours.toml"), &text).unwrap();
    let (_, err, code) = run(reassure(Some(dir.path())).args(["list", "--checklist", "ours.toml"]));
    assert_eq!(code, 2);
    let typo_line = text.lines().position(|l| l.starts_with("severty")).unwrap() + 1;
    assert!(err.contains(&format!("ours.toml:{typo_line}:1")), "{err}");
    assert!(err.contains("did you mean `severity`?"), "{err}");
    let basis_line = text.lines().position(|l| l.contains("practise")).unwrap() + 1;
    assert!(err.contains(&format!("ours.toml:{basis_line}:9")), "{err}");
    assert!(err.contains("did you mean `expected-practice`?"), "{err}");
}

#[test]
fn a_scheme_naming_a_missing_checklist_file_is_an_error_at_that_place() {
    let dir = stroke_copy(|t| t.replace("checklists/northmoor-icb-local.toml", "checklists/missing.toml"));
    let (out, err, code) = run(reassure(Some(dir.path())).args(["check", "s.toml"]));
    assert_eq!(code, 2);
    assert!(out.is_empty());
    let text = std::fs::read_to_string(dir.path().join("s.toml")).unwrap();
    let line = text.lines().position(|l| l.starts_with("checklists = [")).unwrap() + 1;
    assert!(err.contains(&format!("s.toml:{line}:15")), "{err}");
    assert!(err.contains("cannot read `checklists/missing.toml`"), "{err}");
}

const WAIVED: &str = "CONSIST-OPTIONS";

fn waiver_state(report: &Value) -> (String, String) {
    let w = &report["assessment"]["waivers"][0];
    (
        w["state"].as_str().unwrap().to_owned(),
        w["note"].as_str().unwrap().to_owned(),
    )
}

#[test]
fn a_waiver_in_date_marks_the_gap_waived_with_its_reason() {
    let dir = stroke_copy(|t| t);
    let (report, _) = json_report(dir.path(), &[]);
    let f = finding(&report, WAIVED);
    assert_eq!(f["status"], "waived");
    let evidence = f["evidence"].as_str().unwrap();
    assert!(evidence.contains("minute PB/2024/57"));
    // The reason ends its own sentence; what the gap was follows as another.
    assert!(evidence.contains(". Without the waiver: "), "{evidence}");
    assert!(!evidence.contains(".;"), "{evidence}");
    assert_eq!(waiver_state(&report).0, "applied");
    let (table, _, _) = run(reassure(Some(dir.path())).args(["check", "s.toml"]));
    assert!(table.contains("Waivers (1):"), "{table}");
    let (markdown, _, _) = run(reassure(Some(dir.path())).args(["check", "s.toml", "--format", "markdown"]));
    assert!(markdown.contains("## Waivers"));
    let (sarif, _, _) = run(reassure(Some(dir.path())).args(["check", "s.toml", "--format", "sarif"]));
    assert!(
        sarif.contains("\"suppressions\""),
        "a waived gap is a suppressed SARIF result"
    );
    let (github, _, _) = run(reassure(Some(dir.path())).args(["check", "s.toml", "--format", "github"]));
    assert!(github.contains("title=CONSIST-OPTIONS Options consulted"), "{github}");
    assert!(
        github
            .lines()
            .any(|l| l.starts_with("::notice") && l.contains("(waived)") && l.contains("PB/2024/57"))
    );
    let (junit, _, _) = run(reassure(Some(dir.path())).args(["check", "s.toml", "--format", "junit"]));
    assert!(
        junit.contains("<skipped message=\"waived: waived (accepted as not met)"),
        "{junit}"
    );
    let (csv, _, _) = run(reassure(Some(dir.path())).args(["check", "s.toml", "--format", "csv"]));
    assert!(csv.lines().any(|l| l.contains(WAIVED) && l.contains(",waived,")));
}

#[test]
fn expiry_is_inclusive_and_judged_against_the_as_of_date() {
    let on_the_day = stroke_copy(|t| t.replace("as_of = 2024-11-15", "as_of = 2025-03-31"));
    let (report, _) = json_report(on_the_day.path(), &[]);
    assert_eq!(waiver_state(&report).0, "applied", "still counts on its expiry date");

    let day_after = stroke_copy(|t| t.replace("as_of = 2024-11-15", "as_of = 2025-04-01"));
    let (report, _) = json_report(day_after.path(), &[]);
    let (state, note) = waiver_state(&report);
    assert_eq!(state, "expired");
    assert!(note.contains("expired on 31 Mar 2025"), "{note}");
    assert_ne!(finding(&report, WAIVED)["status"], "waived");
    let (github, _, _) = run(reassure(Some(day_after.path())).args(["check", "s.toml", "--format", "github"]));
    assert!(
        github.contains("title=Waiver of CONSIST-OPTIONS is expired"),
        "{github}"
    );
}

#[test]
fn a_waiver_that_matches_no_gap_is_stale() {
    let dir = stroke_copy(|t| t.replace("criterion = \"CONSIST-OPTIONS\"", "criterion = \"LGA-1.1\""));
    let (report, _) = json_report(dir.path(), &[]);
    let (state, note) = waiver_state(&report);
    assert_eq!(state, "stale");
    assert!(note.contains("`LGA-1.1` is met"), "{note}");
    assert_eq!(finding(&report, "LGA-1.1")["status"], "met");
}

#[test]
fn no_waivers_brings_every_gap_back() {
    let dir = stroke_copy(|t| t);
    let (report, _) = json_report(dir.path(), &["--no-waivers"]);
    assert_eq!(finding(&report, WAIVED)["status"], "not-met");
    assert_eq!(waiver_state(&report).0, "ignored");
    assert_eq!(report["provenance"]["options"]["waivers"], false);
    // The waived gap is minor: with --fail-on minor it fails only without waivers.
    let accepted_only = stroke_copy(|t| {
        t.replacen("\n[[waivers]]\n", "\n[[waivers]]\ncriterion = \"NHSE-T4\"\nkind = \"accepted\"\nreason = \"NHS England's specialised commissioning resolution is due in December; its support is minuted.\"\nagreed_by = \"Programme board\"\ndate = 2024-11-01\n\n[[waivers]]\n", 1)
    });
    let (with, _) = json_report(accepted_only.path(), &["--fail-on", "blocker"]);
    assert_eq!(finding(&with, "NHSE-T4")["status"], "waived");
    let (_, _, code_with) = run(reassure(Some(accepted_only.path())).args(["check", "s.toml", "--fail-on", "blocker"]));
    let (_, _, code_without) =
        run(reassure(Some(accepted_only.path())).args(["check", "s.toml", "--fail-on", "blocker", "--no-waivers"]));
    // NHSE-T4 is the scheme's only open blocker: waived, the run passes.
    assert_eq!((code_with, code_without), (0, 1));
    let (report_without, _) = json_report(accepted_only.path(), &["--no-waivers"]);
    assert!(
        report_without["assessment"]["capped_by"]
            .to_string()
            .contains("NHSE-T4")
    );
    assert!(!with["assessment"]["capped_by"].to_string().contains("NHSE-T4"));
}

#[test]
fn waiver_mistakes_are_errors_with_their_place() {
    let dir = stroke_copy(|t| {
        t.replace("criterion = \"CONSIST-OPTIONS\"", "criterion = \"CONSIST-OPTION\"")
            + "\n[[waivers]]\ncriterion = \"GATE-S2-COND\"\nkind = \"accepted\"\nreason = \"  \"\nagreed_by = \"Board\"\ndate = 2024-10-01\n"
            + "\n[[waivers]]\ncriterion = \"NHSE-T4\"\nkind = \"accepted\"\nagreed_by = \"Board\"\ndate = 2024-10-01\n"
    });
    let (out, err, code) = run(reassure(Some(dir.path())).args(["check", "s.toml"]));
    assert_eq!(code, 2, "{err}");
    assert!(out.is_empty());
    assert!(err.contains("missing key `reason`"), "{err}");
    // The criteria are looked up in the same run, beside the format problem.
    assert!(err.contains("waiver names criterion `CONSIST-OPTION`"), "{err}");
    assert!(err.contains("the waiver of `GATE-S2-COND` gives no reason"), "{err}");
    assert!(err.contains("has 3 problems"), "{err}");
    // With the format right, the legal-duty acknowledgement is checked too.
    let dir = stroke_copy(|t| {
        t.replace("criterion = \"CONSIST-OPTIONS\"", "criterion = \"CONSIST-OPTION\"")
            + "\n[[waivers]]\ncriterion = \"GATE-S2-COND\"\nkind = \"accepted\"\nreason = \"  \"\nagreed_by = \"Board\"\ndate = 2024-10-01\n"
            + "\n[[waivers]]\ncriterion = \"DUTY-INV-TRUST\"\nkind = \"accepted\"\nreason = \"The trusts' involvement is the ICB's.\"\nagreed_by = \"Board\"\ndate = 2024-10-01\n"
    });
    let (_, err, code) = run(reassure(Some(dir.path())).args(["check", "s.toml"]));
    assert_eq!(code, 2);
    assert!(err.contains("waiver names criterion `CONSIST-OPTION`"), "{err}");
    assert!(err.contains("did you mean `CONSIST-OPTIONS`?"), "{err}");
    assert!(err.contains("the waiver of `GATE-S2-COND` gives no reason"), "{err}");
    assert!(
        err.contains("`DUTY-INV-TRUST` is a blocker that rests on a legal duty"),
        "{err}"
    );
    assert!(err.contains("has 3 problems"), "{err}");
}

/// A criterion waived twice is an error at the second waiver: which of the
/// two applies would otherwise depend on their order in the file.
#[test]
fn a_criterion_waived_twice_is_an_error_at_the_second_waiver() {
    let waiver = "\n[[waivers]]\ncriterion = \"GATE-S2-COND\"\nkind = \"accepted\"\nreason = \"Closed at the March board.\"\nagreed_by = \"Board\"\ndate = 2024-10-01\n";
    let dir = stroke_copy(|t| format!("{t}{waiver}{waiver}"));
    let (out, err, code) = run(reassure(Some(dir.path())).args(["check", "s.toml"]));
    assert_eq!(code, 2, "{err}");
    assert!(out.is_empty());
    assert!(
        err.contains("criterion `GATE-S2-COND` is waived more than once"),
        "{err}"
    );
    assert!(
        err.contains("has 1 problem"),
        "one problem, at the second waiver: {err}"
    );
    // Located at the second waiver's criterion, the line after its header.
    let second = std::fs::read_to_string(dir.path().join("s.toml"))
        .unwrap()
        .lines()
        .enumerate()
        .filter(|(_, l)| *l == "[[waivers]]")
        .map(|(i, _)| i + 2)
        .last()
        .unwrap();
    assert!(
        err.contains(&format!("s.toml:{second}:13")),
        "at its criterion, line {second}: {err}"
    );
}

fn without_trust_involvement(scheme: &str) -> String {
    let kept: Vec<&str> = scheme
        .lines()
        .filter(|l| !l.starts_with("trust_involvement = "))
        .collect();
    assert!(
        kept.len() < scheme.lines().count(),
        "the stroke example records the trusts' involvement"
    );
    kept.join("\n") + "\n"
}

#[test]
fn a_waived_legal_duty_is_announced_in_every_human_format() {
    // Without the trusts' own involvement on record, their duty is an open
    // legal-duty blocker, and this scheme waives it.
    let dir = stroke_copy(|t| {
        without_trust_involvement(&t)
            + "\n[[waivers]]\ncriterion = \"DUTY-INV-TRUST\"\nkind = \"accepted\"\nreason = \"The trusts rely on the ICB's involvement; legal advice reference LA/24/9.\"\nagreed_by = \"ICB board\"\ndate = 2024-11-01\nreference = \"ICB/2024/112\"\nlegal_duty_acknowledged = true\n"
    });
    for format in ["table", "markdown", "html", "github"] {
        let (out, err, code) = run(reassure(Some(dir.path())).args(["check", "s.toml", "--format", format]));
        assert!(code < 2, "{err}");
        assert!(out.contains("LEGAL DUTY WAIVED: DUTY-INV-TRUST"), "{format}: {out}");
    }
    let (report, _) = json_report(dir.path(), &[]);
    assert_eq!(finding(&report, "DUTY-INV-TRUST")["status"], "waived");
    // A portfolio row names it too.
    std::fs::copy("examples/maternity-consolidation.toml", dir.path().join("t.toml")).unwrap();
    let (table, _, _) = run(reassure(Some(dir.path())).args(["check", "s.toml", "t.toml", "--width", "200"]));
    assert!(table.contains("LEGAL DUTY WAIVED: DUTY-INV-TRUST"), "{table}");
    let (json, _, _) = run(reassure(Some(dir.path())).args(["check", "s.toml", "t.toml", "--format", "json"]));
    let rows: Value = serde_json::from_str(&json).unwrap();
    assert_eq!(rows["schemes"][0]["legal_duties_waived"][0], "DUTY-INV-TRUST");
    assert_eq!(rows["schemes"][0]["waived"], 2);
}

#[test]
fn settings_come_from_flags_then_environment_then_the_file() {
    let dir = stroke_copy(|t| t);
    std::fs::write(
        dir.path().join(".reassure.toml"),
        "fail_on = \"never\"\nmin_score = 10\n",
    )
    .unwrap();
    // The scheme has open blockers: only the configured `never` lets it pass.
    let (_, _, code) = run(reassure(Some(dir.path())).args(["check", "s.toml"]));
    assert_eq!(code, 0, "the file's fail_on = never applies");
    let (_, _, code) = run(reassure(Some(dir.path()))
        .env("REASSURE_FAIL_ON", "blocker")
        .args(["check", "s.toml"]));
    assert_eq!(code, 1, "the environment beats the file");
    let (_, _, code) = run(reassure(Some(dir.path())).env("REASSURE_FAIL_ON", "blocker").args([
        "check",
        "s.toml",
        "--fail-on",
        "never",
    ]));
    assert_eq!(code, 0, "a flag beats the environment");

    let (out, _, code) =
        run(reassure(Some(dir.path()))
            .env("REASSURE_STAGE", "dmbc")
            .args(["config", "s.toml", "--min-score", "55"]));
    assert_eq!(code, 0);
    assert!(out.contains("fail_on     never  (from file "), "{out}");
    assert!(out.contains(".reassure.toml:1:1)"), "{out}");
    assert!(out.contains("min_score   55  (from flag --min-score)"), "{out}");
    assert!(
        out.contains("stage       dmbc  (from environment REASSURE_STAGE)"),
        "{out}"
    );
    assert!(
        out.contains("checklists  (none: built-in checklists only)  (from default)"),
        "{out}"
    );
}

#[test]
fn configuration_is_found_by_walking_up_and_its_mistakes_are_located() {
    let dir = stroke_copy(|t| t);
    std::fs::create_dir_all(dir.path().join("a/b")).unwrap();
    std::fs::copy(dir.path().join("s.toml"), dir.path().join("a/b/s.toml")).unwrap();
    std::fs::create_dir_all(dir.path().join("a/b/checklists")).unwrap();
    std::fs::copy(LOCAL, dir.path().join("a/b/checklists/northmoor-icb-local.toml")).unwrap();
    std::fs::write(
        dir.path().join(".reassure.toml"),
        "stage = \"dmbc\"\nfail_on = \"majr\"\n",
    )
    .unwrap();
    let (out, err, code) = run(reassure(None).arg("check").arg(dir.path().join("a/b/s.toml")));
    assert_eq!(code, 2);
    assert!(out.is_empty());
    assert!(err.contains(".reassure.toml:2:11"), "{err}");
    assert!(err.contains("did you mean `major`?"), "{err}");

    let (_, err, code) = run(reassure(None)
        .env("REASSURE_MIN_SCORE", "high")
        .arg("config")
        .arg(dir.path()));
    assert_eq!(code, 2);
    assert!(err.contains(".reassure.toml:2:11"), "the file is read first: {err}");
}

#[test]
fn configured_checklists_are_relative_to_the_configuration_file() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("org")).unwrap();
    std::fs::create_dir_all(dir.path().join("schemes")).unwrap();
    std::fs::copy(LOCAL, dir.path().join("org/local.toml")).unwrap();
    std::fs::copy(
        "examples/maternity-consolidation.toml",
        dir.path().join("schemes/m.toml"),
    )
    .unwrap();
    std::fs::write(dir.path().join(".reassure.toml"), "checklists = [\"org/local.toml\"]\n").unwrap();
    let (out, err, code) =
        run(reassure(Some(&dir.path().join("schemes"))).args(["check", "m.toml", "--format", "json"]));
    assert!(code < 2, "{err}");
    let report: Value = serde_json::from_str(&out).unwrap();
    assert!(finding(&report, "NE-ICB-1")["status"].is_string());
}

#[test]
fn a_portfolio_numbers_junit_suites_in_order_when_schemes_have_their_own_checklists() {
    let dir = stroke_copy(|t| t);
    std::fs::copy("examples/maternity-consolidation.toml", dir.path().join("t.toml")).unwrap();
    let (out, err, code) = run(reassure(Some(dir.path())).args(["check", "s.toml", "t.toml", "--format", "junit"]));
    assert!(code < 2, "{err}");
    let ids: Vec<usize> = out
        .lines()
        .filter(|l| l.trim_start().starts_with("<testsuite "))
        .map(|l| {
            let at = l.find(" id=\"").unwrap() + 5;
            l[at..at + l[at..].find('"').unwrap()].parse().unwrap()
        })
        .collect();
    // Nine suites for the stroke scheme (eight built-in and its own), eight for the other.
    assert_eq!(ids, (0..17).collect::<Vec<_>>());
}

#[test]
fn format_problems_and_unknown_criteria_come_in_one_run_without_echoes() {
    let dir = tempfile::tempdir().unwrap();
    let text = "format_version = 1\nas_of = 2025-01-01\nstage = \"cfc\"\n\n[scheme]\nname = \"x\"\n\n\
                [[waivers]]\ncriterion = \"KF-33\"\nkind = \"acepted\"\nreason = \"\"\nagreed_by = \"Board\"\ndate = 2025-02-30\n\n\
                [[waivers]]\ncriterion = 5\nkind = \"accepted\"\nreason = 7\nagreed_by = \"Board\"\ndate = 2024-01-01\n";
    std::fs::write(dir.path().join("s.toml"), text).unwrap();
    let (_, err, code) = run(reassure(Some(dir.path())).args(["check", "s.toml"]));
    assert_eq!(code, 2);
    let located: Vec<&str> = err
        .lines()
        .map(str::trim_start)
        .filter(|l| l.starts_with("--> "))
        .collect();
    assert_eq!(
        located,
        [
            "--> s.toml:9:13",  // KF-33 gives no reason
            "--> s.toml:9:13",  // KF-33 is unknown (did you mean KF-3)
            "--> s.toml:10:8",  // `acepted`
            "--> s.toml:13:8",  // 30 February
            "--> s.toml:16:13", // criterion = 5: a wrong type, not also an unknown criterion
            "--> s.toml:18:10", // reason = 7: a wrong type, not also "no reason"
        ],
        "{err}"
    );
    assert!(err.contains("did you mean `KF-3`?"), "{err}");
    assert!(err.contains("has 6 problems"), "{err}");
}
