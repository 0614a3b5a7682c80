//! `reassure list` and `reassure explain`, run as a user would.

mod common;

/// How many criteria the built-in checklists hold.
fn builtin_criteria() -> usize {
    reassure::checklist::builtin::builtin()
        .map_err(|_| "built-ins load")
        .unwrap()
        .iter()
        .map(|c| c.criteria.len())
        .sum()
}

fn run(args: &[&str]) -> (String, String, i32) {
    let output = common::reassure().args(args).output().expect("runs");
    (
        String::from_utf8(output.stdout).expect("utf-8"),
        String::from_utf8(output.stderr).expect("utf-8"),
        output.status.code().expect("exit code"),
    )
}

#[test]
fn list_shows_every_checklist_and_criterion() {
    let (out, err, code) = run(&["list"]);
    assert_eq!((code, err.as_str()), (0, ""));
    assert!(
        out.starts_with(&format!("8 checklists, {} criteria\n", builtin_criteria())),
        "{out}"
    );
    for heading in [
        "LGA — LGA shared principles",
        "NHSE — Tests for service change",
        "DUTY — Statutory duties",
        "TIME — Timeline and consistency",
    ] {
        assert!(out.contains(heading), "{heading}");
    }
    let row = out
        .lines()
        .find(|l| l.starts_with("│ DUTY-GUN-3 "))
        .expect("DUTY-GUN-3 row");
    assert!(
        row.contains("blocker") && row.contains("consultation") && row.contains("legal duty"),
        "{row}"
    );
    // Practice is practice: the 12-week norm is not law.
    let row = out
        .lines()
        .find(|l| l.starts_with("│ DUTY-GUN-3-12W "))
        .expect("DUTY-GUN-3-12W row");
    assert!(row.contains("major") && row.contains("expected practice"), "{row}");
    insta::assert_snapshot!(out);
}

#[test]
fn list_as_json_carries_the_whole_model() {
    let (out, _, code) = run(&["list", "--format", "json"]);
    assert_eq!(code, 0);
    let json: serde_json::Value = serde_json::from_str(&out).expect("valid JSON");
    assert_eq!(json["format_version"], 1);
    let lists = json["checklists"].as_array().expect("array");
    assert_eq!(lists.len(), 8);
    let criteria: Vec<&serde_json::Value> = lists.iter().flat_map(|l| l["criteria"].as_array().unwrap()).collect();
    assert_eq!(criteria.len(), builtin_criteria());
    // Law in time: every source says when it took effect, or why it has no
    // start date; every criterion names the scheme dates that decide it.
    for list in lists {
        for source in list["sources"].as_array().expect("sources") {
            assert!(
                source["in_force_from"].is_string() || source["in_force_note"].is_string(),
                "{} source {} has neither an in-force date nor a note",
                list["id"],
                source["id"]
            );
        }
    }
    for c in &criteria {
        let judged = c["judged_on"].as_array().expect("judged_on");
        assert!(!judged.is_empty(), "{} names no deciding date", c["id"]);
        let deciding = c["deciding_date"].as_array().expect("deciding_date");
        assert_eq!(deciding.last().and_then(|d| d.as_str()), Some("as_of"), "{}", c["id"]);
        assert_eq!(&deciding[..judged.len()], &judged[..], "{}", c["id"]);
    }
    let inv = criteria
        .iter()
        .find(|c| c["id"] == "DUTY-INV-ICB")
        .expect("DUTY-INV-ICB");
    let earlier: Vec<&str> = inv["earlier"]
        .as_array()
        .expect("earlier")
        .iter()
        .map(|s| s["id"].as_str().unwrap())
        .collect();
    assert_eq!(earlier, ["s14z2", "s242-pct", "s242-2007", "s11-2001"]);
    let t5 = criteria.iter().find(|c| c["id"] == "NHSE-T5").expect("NHSE-T5");
    assert_eq!(t5["severity"], "blocker");
    assert_eq!(t5["basis"], "expected-practice");
    assert_eq!(t5["source"]["in_force_from"], "2017-04-01");
    assert_eq!(t5["rule"], "`beds.conditions_claimed` has an entry");
    assert_eq!(
        t5["applies_when"],
        "(either `beds.proposed` is below `beds.baseline`, or the `beds_after` values of `sites` add up to less than its `beds_before` values) and `beds.significant_reduction` is true"
    );
}

#[test]
fn explain_prints_everything_about_a_criterion() {
    let (out, err, code) = run(&["explain", "gate-cs-resp"]);
    assert_eq!((code, err.as_str()), (0, ""));
    for part in [
        "GATE-CS-RESP — Every senate recommendation answered\n",
        "Checklist: NHS England assurance process (GATE)\n",
        "Severity: major · weight 2 · expected practice · required by the s2 gate",
        "Question:\n  Has the sponsor recorded a response",
        "Why it matters:\n",
        "Evidence expected:\n",
        "How to close the gap:\n",
        "Rule (met when):\n  `assurance.clinical_senate.recommendations_answered` is at least `assurance.clinical_senate.recommendations`\n",
        "Applies only when:\n  either `scheme.contested` is true, or `assurance.stage1.clinical_review_required` is true\n",
        "Depends on:\n  GATE-CS (shown as blocked while not met)\n",
        "Source:\n  South West Clinical Senate",
        "Also covers catalogue items:\n  GATE-CS\n",
    ] {
        assert!(out.contains(part), "missing {part:?} in:\n{out}");
    }
}

#[test]
fn explain_lists_related_criteria_both_ways_and_dates_in_force() {
    let (out, _, code) = run(&["explain", "DUTY-SOS-N"]);
    assert_eq!(code, 0);
    assert!(
        out.contains(
            "in force from 31 Jan 2024\n  judged on the first recorded of scrutiny.consultation_start, consultation.start (else the as-of date)"
        ),
        "{out}"
    );
    assert!(
        out.contains("GATE-SUB (Substantiality decided and recorded)"),
        "related listed:\n{out}"
    );
    let (nhse, _, _) = run(&["explain", "NHSE-T2"]);
    assert!(
        nhse.contains("LGA-1.1 (Care planned around people, not buildings)"),
        "reverse relation:\n{nhse}"
    );
}

#[test]
fn an_unknown_criterion_gets_a_suggestion_and_exit_code_2() {
    let (out, err, code) = run(&["explain", "DUTY-GUN-5"]);
    assert_eq!(code, 2);
    assert!(out.is_empty());
    assert!(
        err.starts_with("error: no criterion `DUTY-GUN-5`; did you mean `DUTY-GUN-"),
        "{err}"
    );
    let (_, err, code) = run(&["explain", "zzz"]);
    assert_eq!(code, 2);
    assert_eq!(err, "error: no criterion `zzz`; run `reassure list` to see them all\n");
}
