//! Every file in `examples/` runs through the binary: the report is
//! snapshotted, and the findings each example exists to show are asserted.

mod common;

use assert_cmd::Command;

fn reassure() -> Command {
    let mut cmd = common::reassure();
    cmd.env_remove("NO_COLOR")
        .env_remove("RUST_BACKTRACE")
        .env_remove("COLUMNS");
    cmd
}

/// The full terminal report (`--all`: every criterion set aside listed).
fn check(example: &str) -> (String, i32) {
    let output = reassure()
        .args(["check", &format!("examples/{example}"), "--color", "never", "--all"])
        .output()
        .expect("runs");
    assert!(output.stderr.is_empty(), "{}", String::from_utf8_lossy(&output.stderr));
    (
        String::from_utf8(output.stdout).expect("utf-8"),
        output.status.code().expect("exit code"),
    )
}

/// A criterion's block in a list of findings: its `ID  title` line and the
/// indented lines under it, joined into one line.
fn block(list: &str, id: &str) -> Option<String> {
    let mut lines = list.lines().skip_while(|l| !l.starts_with(&format!("{id}  ")));
    let head = lines.next()?;
    let rest: Vec<&str> = lines.take_while(|l| l.starts_with("    ")).map(str::trim).collect();
    Some(format!("{head} {}", rest.join(" ")))
}

/// The gaps list: from its heading to the line of criteria set aside.
fn gaps_list(report: &str) -> &str {
    let start = report.find("Gaps due by the ").unwrap_or(0);
    let end = report[start..]
        .find("Not applicable, not yet due")
        .or_else(|| report[start..].find("Set aside ("))
        .map_or(report.len(), |e| start + e);
    &report[start..end]
}

/// A criterion's block in the gaps list, if it is a gap.
fn gap_row(report: &str, id: &str) -> Option<String> {
    block(gaps_list(report), id)
}

/// A criterion's block in the list of criteria set aside (`--all`).
fn set_aside_row(report: &str, id: &str) -> Option<String> {
    block(report.split("Not applicable, not yet due").nth(1)?, id)
}

#[test]
fn every_example_is_covered_by_a_test() {
    let mut files: Vec<String> = std::fs::read_dir("examples")
        .expect("examples/")
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.ends_with(".toml"))
        .collect();
    files.sort();
    assert_eq!(
        files,
        [
            "ae-to-utc-bed-closures.toml",
            "cumbria-healthcare-for-the-future-2017.toml",
            "hasu-stroke-centralisation.toml",
            "maternity-consolidation.toml",
            "mental-health-beds-dmbc.toml"
        ]
    );
}

#[test]
fn stroke_centralisation_is_blocked_by_commissioner_support() {
    let (report, code) = check("hasu-stroke-centralisation.toml");
    assert_eq!(code, 1);
    let row = gap_row(&report, "NHSE-T4").expect("NHSE-T4 is a gap");
    assert!(row.contains("blocker") && row.contains("partly met"), "{row}");
    // A joint committee where two councils hold the change substantial is
    // this catalogue's reading of regulation 30, not confirmed: major.
    let row = gap_row(&report, "ROLE-JHOSC").expect("two councils need a joint committee");
    assert!(row.contains("major") && row.contains("not met"), "{row}");
    assert_eq!(
        gaps_list(&report).matches("\n    blocker · ").count(),
        1,
        "exactly one blocker gap:\n{report}"
    );
    assert!(gap_row(&report, "GATE-S2-COND").is_some_and(|r| r.contains("major")));
    assert!(
        report
            .contains("Next gate: public consultation launched — NOT READY\n   NHSE-T4  Support from commissioners\n")
    );
    assert!(set_aside_row(&report, "NHSE-T1-OUTCOMES").is_some_and(|r| r.contains("· not yet due ·")));
    assert!(report.contains("Delivery confidence: Amber/Red (score alone: Green; capped by 1 unmet blocker)"));
    insta::assert_snapshot!(report);
}

#[test]
fn maternity_at_case_for_change_is_blocked_by_the_involvement_duties() {
    let (report, code) = check("maternity-consolidation.toml");
    assert_eq!(code, 1);
    let row = gap_row(&report, "DUTY-INV-ICB").expect("involvement duty is a gap");
    assert!(row.contains("blocker"), "{row}");
    // The sites are run by an NHS trust, so the trust's own duty applies
    // whether or not the sponsor says a trust is involved.
    let row = gap_row(&report, "DUTY-INV-TRUST").expect("the trust's duty is a gap");
    assert!(row.contains("blocker") && row.contains("not met"), "{row}");
    assert_eq!(
        gaps_list(&report).matches("\n    blocker · ").count(),
        2,
        "only the statutory duties block:\n{report}"
    );
    assert!(gap_row(&report, "LGA-2.2").is_some_and(|r| r.contains("not met")));
    assert!(gap_row(&report, "LGA-1.1").is_some_and(|r| r.contains("partly met")));
    assert!(set_aside_row(&report, "NHSE-T1").is_some_and(|r| r.contains("· not yet due ·")));
    assert!(
        report
            .replace('\n', " ")
            .contains("NOT READY    DUTY-INV-ICB  Commissioner's duty to involve the public    DUTY-INV-TRUST  ")
    );
    let missing = report
        .split("Missing evidence, each once")
        .nth(1)
        .expect("missing-evidence view");
    let missing = missing.replace("\n  ", " ");
    let row = missing
        .lines()
        .find(|l| l.contains("`engagement.activities` with `kind` \"co-design\""))
        .expect("co-design row");
    assert!(row.contains("LGA-2.2, KF-3"), "one missing piece, both criteria: {row}");
    insta::assert_snapshot!(report);
}

#[test]
fn ae_to_utc_fails_the_bed_test() {
    let (report, code) = check("ae-to-utc-bed-closures.toml");
    assert_eq!(code, 1);
    let row = gap_row(&report, "BED-C1").expect("BED-C1 is a gap");
    assert!(row.contains("blocker"), "{row}");
    assert!(report.contains("(1 Jun"), "go-live date shown:\n{report}");
    assert!(report.contains("(1 Apr"), "closure date shown:\n{report}");
    assert!(gap_row(&report, "BED-M").is_some());
    assert!(report.contains("NOT READY\n   BED-C1  Bed test condition 1"));
    assert!(
        report.contains("BED-0, NHSE-T5, BED-C1, BED-M: in force from 1 Apr 2017; judged on `as_of` (30 Sep 2025), as\n   `consultation.start` is not recorded"),
        "{report}"
    );
    insta::assert_snapshot!(report);
}

#[test]
fn mental_health_beds_are_ready_for_decision() {
    let (report, code) = check("mental-health-beds-dmbc.toml");
    assert_eq!(code, 0);
    assert!(report.contains("Next gate: decision taken on the decision-making business case — READY"));
    assert!(
        report.contains("Gaps due by the dmbc gate (1):"),
        "only LGA-4.1 is open:\n{report}"
    );
    assert!(gap_row(&report, "LGA-4.1").is_some());
    assert!(set_aside_row(&report, "LGA-4.3").is_some_and(|r| r.contains("· met (attested) ·")));
    assert!(report.contains("Delivery confidence: Green"));
    assert!(
        report.contains("DUTY-SOS-N: in force from 31 Jan 2024; judged on `scrutiny.consultation_start` (2 Sep 2024)")
    );
    assert!(report.contains(
        "BED-0, NHSE-T5, BED-C1, BED-M: in force from 1 Apr 2017; judged on `consultation.start` (2 Sep\n   2024)"
    ));
    insta::assert_snapshot!(report);
}

#[test]
fn cumbria_2017_is_judged_by_the_rules_of_its_time() {
    let (report, code) = check("cumbria-healthcare-for-the-future-2017.toml");
    assert_eq!(code, 0);
    let not_in_force = |id: &str| {
        set_aside_row(&report, id)
            .is_some_and(|r| r.contains("· not applicable ·") && r.contains("not in force on 26 Sep 2016"))
    };
    for id in ["NHSE-T5", "BED-C1", "DUTY-SOS-N", "DUTY-SOS-C"] {
        assert!(not_in_force(id), "{id} should be out of force in 2016-17:\n{report}");
    }
    let rules_in_time = report
        .split("Rules in time")
        .nth(1)
        .expect("rules in time listed")
        .replace("\n   ", " ");
    for line in [
        "BED-0, NHSE-T5, BED-C1, BED-C2, BED-C3, BED-M: set aside: not in force on 26 Sep 2016 (judged on `consultation.start`): its source took effect on 1 Apr 2017",
        "DUTY-INV-ICB: earlier form applied (s14z2), in force 1 Apr 2013 to 30 Jun 2022; judged on `consultation.start` (26 Sep 2016)",
        "DUTY-HI: earlier form applied (inequalities-2013)",
        "ROLE-COMM-CCG: in force 1 Apr 2013 to 30 Jun 2022; judged on `assurance.decision.date` (8 Mar 2017)",
    ] {
        assert!(rules_in_time.contains(line), "{line}\nnot in:\n{rules_in_time}");
    }
    // Publishing the equality assessment after the consultation opened is a
    // gap in practice, not in law.
    let row = gap_row(&report, "DUTY-GUN-2-ACCESS").expect("equality assessment published late");
    assert!(row.contains("major"), "{row}");
    let wide = reassure()
        .args([
            "check",
            "examples/cumbria-healthcare-for-the-future-2017.toml",
            "--width",
            "250",
        ])
        .output()
        .expect("runs");
    let wide = String::from_utf8(wide.stdout).expect("utf-8");
    assert!(
        wide.contains(
            "`impact_assessments.equality.published` (17 Oct 2016) comes after `consultation.start` (26 Sep 2016)"
        ),
        "{wide}"
    );
    assert_eq!(report.matches("┆ blocker ").count(), 0);
    insta::assert_snapshot!(report);
}

#[test]
fn stage_asks_about_another_gate() {
    let output = reassure()
        .args([
            "check",
            "examples/maternity-consolidation.toml",
            "--color",
            "never",
            "--stage",
            "pcbc",
        ])
        .output()
        .expect("runs");
    let report = String::from_utf8(output.stdout).expect("utf-8");
    assert!(report.contains("Assessed for the pcbc gate"), "{report}");
    assert!(report.contains("Gate asked about: pre-consultation business case approved for assurance — NOT READY"));
    assert!(
        gap_row(&report, "NHSE-T2").is_some(),
        "pcbc criteria are due:\n{report}"
    );
    let bad = reassure()
        .args(["check", "examples/maternity-consolidation.toml", "--stage", "pcb"])
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn output_is_identical_from_run_to_run() {
    let first = check("ae-to-utc-bed-closures.toml");
    let second = check("ae-to-utc-bed-closures.toml");
    assert_eq!(first, second);
}

#[test]
fn fail_on_changes_the_exit_code() {
    let code = |level: &str| {
        reassure()
            .args(["check", "examples/mental-health-beds-dmbc.toml", "--fail-on", level])
            .output()
            .expect("runs")
            .status
            .code()
    };
    assert_eq!(code("blocker"), Some(0));
    assert_eq!(code("major"), Some(0));
    assert_eq!(code("minor"), Some(1), "LGA-4.1 is a minor gap");
    assert_eq!(code("never"), Some(0));
}

#[test]
fn colour_only_when_asked_and_never_with_no_color() {
    let run = |args: &[&str], no_color: bool| {
        let mut cmd = reassure();
        cmd.args(["check", "examples/hasu-stroke-centralisation.toml"])
            .args(args);
        if no_color {
            cmd.env("NO_COLOR", "1");
        }
        String::from_utf8(cmd.output().expect("runs").stdout).expect("utf-8")
    };
    assert!(!run(&[], false).contains('\u{1b}'), "no colour when not a terminal");
    assert!(
        run(&["--color", "always"], false).contains("\u{1b}["),
        "colour when forced"
    );
    assert!(!run(&["--color", "auto"], true).contains('\u{1b}'));
}

/// The verdict comes first: at 80 columns the first ten lines hold the
/// rating, the gate and its blockers by title; no line of any example or
/// case is wider than asked.
#[test]
fn the_verdict_comes_first_and_every_line_fits_the_width() {
    let files = all_examples();
    assert_eq!(files.len(), 14);
    for file in &files {
        let output = reassure()
            .args(["check", file, "--width", "80", "--format", "table"])
            .output()
            .expect("runs");
        let report = String::from_utf8(output.stdout).expect("utf-8");
        for line in report.lines() {
            assert!(
                line.chars().count() <= 80,
                "{file}: too wide ({}): {line}",
                line.chars().count()
            );
        }
        let head: Vec<&str> = report.lines().take(10).collect();
        let head = head.join("\n");
        assert!(head.contains("Delivery confidence: "), "{file}:\n{head}");
        assert!(head.contains("gate: ") && head.contains("READY"), "{file}:\n{head}");
        let json = report_json(file);
        let target = json["assessment"]["target"].clone();
        let gate = json["assessment"]["gates"]
            .as_array()
            .unwrap()
            .iter()
            .find(|g| g["stage"] == target)
            .expect("gate assessed");
        let findings = json["assessment"]["findings"].as_array().unwrap();
        let blockers: Vec<&serde_json::Value> = gate["blockers"]
            .as_array()
            .unwrap()
            .iter()
            .map(|id| findings.iter().find(|f| f["criterion"] == *id).expect("finding"))
            .collect();
        // The first three by title, the decisive first (failing on recorded
        // evidence before missing it, legal duty before practice), and a count.
        let named: Vec<&str> = head
            .lines()
            .filter(|l| l.starts_with("   ") && !l.starts_with("   and "))
            .collect();
        assert_eq!(named.len(), blockers.len().min(3), "{file}:\n{head}");
        let rank = |f: &serde_json::Value| {
            let fails = matches!(f["shortfall"].as_str(), Some("recorded-fails" | "both"));
            (!fails, f["basis"] != "legal-duty")
        };
        let mut ranks = Vec::new();
        for line in &named {
            let f = blockers
                .iter()
                .find(|f| {
                    line.starts_with(&format!(
                        "   {}  {}",
                        f["criterion"].as_str().unwrap(),
                        f["title"].as_str().unwrap()
                    ))
                })
                .unwrap_or_else(|| panic!("{file}: {line} is not a blocker with its title"));
            ranks.push(rank(f));
        }
        assert!(ranks.is_sorted(), "{file}: the decisive first:\n{head}");
        if let Some(best) = blockers.iter().map(|f| rank(f)).min() {
            assert_eq!(ranks[0], best, "{file}: the most decisive blocker leads:\n{head}");
        }
        if blockers.len() > 3 {
            assert!(
                head.contains(&format!(
                    "   and {} more blockers, all in the gaps below",
                    blockers.len() - 3
                )),
                "{file}:\n{head}"
            );
        }
    }
}

/// Without `--all`, the criteria set aside are counted by kind in one line;
/// with it, each is listed with its reason.
#[test]
fn criteria_set_aside_are_counted_unless_all_are_asked_for() {
    let short = reassure()
        .args([
            "check",
            "examples/cumbria-healthcare-for-the-future-2017.toml",
            "--width",
            "200",
        ])
        .output()
        .expect("runs");
    let short = String::from_utf8(short.stdout).expect("utf-8");
    let line = short
        .lines()
        .find(|l| l.starts_with("Set aside ("))
        .expect("a set-aside line");
    assert!(
        line.contains(" not in force on the scheme's dates") && line.ends_with("`--all` lists each with its reason."),
        "{line}"
    );
    assert!(!short.contains("\nNHSE-T5  "), "not listed without --all");
    let (full, _) = check("cumbria-healthcare-for-the-future-2017.toml");
    assert!(set_aside_row(&full, "NHSE-T5").is_some(), "listed with --all");
    assert!(!full.contains("Set aside ("));
    // The count is the number of rows listed.
    // Set aside counts what every format does: not applicable or not yet due.
    let json = reassure()
        .args([
            "check",
            "examples/cumbria-healthcare-for-the-future-2017.toml",
            "--format",
            "json",
        ])
        .output()
        .expect("runs");
    let json: serde_json::Value = serde_json::from_slice(&json.stdout).expect("JSON");
    let set_aside = json["assessment"]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["status"] == "not-applicable" || f["status"] == "not-yet-due")
        .count();
    assert!(
        line.starts_with(&format!("Set aside ({set_aside}): ")),
        "{set_aside}: {line}"
    );
    // Not applicable by a fact, and not in force on the scheme's dates, are
    // counted apart (the JSON's evidence says which each is).
    let not_applicable: Vec<&serde_json::Value> = json["assessment"]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["status"] == "not-applicable")
        .collect();
    let not_in_force = not_applicable
        .iter()
        .filter(|f| f["evidence"].as_str().unwrap().starts_with("not in force on "))
        .count();
    let by_fact = not_applicable.len() - not_in_force;
    assert!(by_fact > 0 && not_in_force > 0, "the example has both kinds");
    assert!(
        line.contains(&format!(
            ": {by_fact} not applicable, {not_in_force} not in force on the scheme's dates"
        )),
        "{by_fact} and {not_in_force}: {line}"
    );
    // The list holds every criterion the line counts: set aside, and the
    // blocked and attested ones it counts beside them.
    let count: usize = line
        .split(|c: char| !c.is_ascii_digit())
        .filter_map(|n| n.parse::<usize>().ok())
        .skip(1)
        .sum();
    assert!(
        full.contains(&format!("Not applicable, not yet due, blocked, or attested ({count}):")),
        "{count}: {line}"
    );
}

/// The JSON report of a scheme file.
fn report_json(file: &str) -> serde_json::Value {
    let output = reassure()
        .args(["check", file, "--format", "json"])
        .output()
        .expect("runs");
    serde_json::from_slice(&output.stdout).expect("JSON")
}

/// Every example and case file.
fn all_examples() -> Vec<String> {
    let mut files: Vec<String> = std::fs::read_dir("examples")
        .expect("examples/")
        .chain(std::fs::read_dir("examples/cases").expect("examples/cases/"))
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .map(|p| p.display().to_string())
        .collect();
    files.sort();
    files
}

/// At 80 columns, with every criterion listed, no key path is broken
/// across lines (a code span opens and closes on the same line) and no
/// criterion id is: each starts its block whole.
#[test]
fn no_key_path_or_id_is_split_at_80_columns() {
    for file in all_examples() {
        let output = reassure()
            .args(["check", &file, "--width", "80", "--all", "--format", "table"])
            .output()
            .expect("runs");
        let report = String::from_utf8(output.stdout).expect("utf-8");
        for line in report.lines() {
            assert!(
                line.matches('`').count() % 2 == 0,
                "{file}: a key path broken across lines: {line}"
            );
        }
        // The narrowest width accepted holds too, every section listed.
        let narrow = reassure()
            .args(["check", &file, "--width", "60", "--all", "--format", "table"])
            .output()
            .expect("runs");
        for line in String::from_utf8(narrow.stdout).expect("utf-8").lines() {
            assert!(line.chars().count() <= 60, "{file}: too wide at 60: {line}");
        }
        let json = report_json(&file);
        for finding in json["assessment"]["findings"].as_array().unwrap() {
            let id = finding["criterion"].as_str().unwrap();
            if finding["status"] != "met" {
                assert!(
                    report.contains(&format!("\n{id}  ")),
                    "{file}: {id} does not start a block whole"
                );
            }
        }
    }
}

/// What a gap says reads as a person would write it: no rule-dump words
/// (`item(s)`, `= true`, operator names, part counts), on every example
/// and case.
#[test]
fn gap_sentences_read_as_plain_words() {
    let banned = [
        "item(s)",
        "= true",
        "= false",
        " = \"",
        "any of:",
        "all of:",
        "not (",
        "it should not be",
        "parts met",
        "none of the alternatives",
        "min_items",
        "one_of",
        "non_empty",
        "at_least",
        "date_order",
        "neither way met",
        "no way met",
        "which rules this out",
        "is needed",
        ", not true",
        ", not false",
        "the document",
    ];
    let mut gaps = 0;
    for file in all_examples() {
        let json = report_json(&file);
        for finding in json["assessment"]["findings"].as_array().unwrap() {
            if !["not-met", "partly-met", "unknown", "blocked"].contains(&finding["status"].as_str().unwrap()) {
                continue;
            }
            gaps += 1;
            let evidence = finding["evidence"].as_str().unwrap();
            // A fact to record in a list item names the item ("Medway
            // Council"), not only its place counted from 0.
            if finding["status"] == "unknown" {
                for (i, span) in evidence
                    .split('`')
                    .enumerate()
                    .filter(|(i, s)| i % 2 == 1 && s.contains('['))
                {
                    let after = evidence.split('`').nth(i + 1).unwrap_or("");
                    assert!(
                        after.starts_with(" (\""),
                        "{file}: `{span}` without its item's name: {evidence}"
                    );
                }
            }
            // The same fact is not asked for twice in one sentence.
            let asked: Vec<&str> = evidence.split("; ").filter(|p| p.ends_with(" not recorded")).collect();
            let mut distinct = asked.clone();
            distinct.sort_unstable();
            distinct.dedup();
            assert_eq!(
                distinct.len(),
                asked.len(),
                "{file}: {} asks twice: {evidence}",
                finding["criterion"]
            );
            for word in banned {
                assert!(
                    !evidence.contains(word),
                    "{file}: {} says {word:?}: {evidence}",
                    finding["criterion"]
                );
            }
        }
    }
    assert!(gaps > 500, "only {gaps} gaps read");
}
