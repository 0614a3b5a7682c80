//! The engine on small schemes: law in time, attestations, waivers,
//! dependencies, freshness, scores and the rating cap.

use super::*;
use crate::assessment::Shortfall;
use crate::checklist::load::load;
use crate::diagnostic::Diagnostic;
use crate::source::SourceFile;

fn criterion(id: &str, gate: &str, severity: &str, weight: u32, extra: &str) -> String {
    format!(
        "[[criteria]]\nid = \"{id}\"\ntitle = \"t\"\nquestion = \"q\"\nevidence = \"e\"\nguidance = \"g\"\n\
         source = \"s\"\nbasis = \"expected-practice\"\ngate = \"{gate}\"\nseverity = \"{severity}\"\n\
         weight = {weight}\n{extra}\n"
    )
}

fn checklist(criteria: &[String]) -> Checklist {
    let text = format!(
        "format_version = 1\n[checklist]\nid = \"T\"\ntitle = \"Test\"\nkind = \"lessons\"\n\
         [[sources]]\nid = \"s\"\ncitation = \"c\"\n{}",
        criteria.concat()
    );
    load(&SourceFile::new("t.toml", text)).expect("valid checklist")
}

/// A checklist of one criterion judged on `consultation.start`, with the
/// sources given as TOML; it cites `s` unless `extra` names its source.
fn dated(sources: &str, extra: &str) -> Checklist {
    let one = criterion(
        "DATED",
        "cfc",
        "blocker",
        3,
        &format!("judged_on = [\"consultation.start\"]\n{extra}rule = {{ present = \"beds.baseline\" }}"),
    );
    let one = if extra.contains("source = ") {
        one.replacen("source = \"s\"\n", "", 1)
    } else {
        one
    };
    let text =
        format!("format_version = 1\n[checklist]\nid = \"T\"\ntitle = \"Test\"\nkind = \"lessons\"\n{sources}{one}");
    load(&SourceFile::new("t.toml", text)).expect("valid")
}

/// The one criterion's finding for a scheme whose consultation starts on
/// `start` (a TOML value), or that records no start when it is empty.
fn starting(list: &Checklist, start: &str) -> Finding {
    let body = if start.is_empty() {
        String::new()
    } else {
        format!("[consultation]\nstart = {start}\n")
    };
    assess(&scheme("cfc", &body), std::slice::from_ref(list)).findings[0].clone()
}

fn scheme(stage: &str, body: &str) -> Scheme {
    let text = format!("format_version = 1\nas_of = 2025-01-01\nstage = \"{stage}\"\n[scheme]\nname = \"S\"\n{body}");
    Scheme::load(SourceFile::new("s.toml", text))
        .map_err(|(_, d)| d)
        .expect("valid scheme")
}

fn statuses(assessment: &Assessment) -> Vec<(&str, Status)> {
    assessment
        .findings
        .iter()
        .map(|f| (f.criterion.as_str(), f.status))
        .collect()
}

fn sample() -> Checklist {
    checklist(&[
        criterion("MET", "cfc", "major", 2, "rule = { present = \"scheme.summary\" }"),
        criterion(
            "PART",
            "cfc",
            "major",
            2,
            "rule = { all_of = [{ present = \"scheme.summary\" }, { present = \"scheme.population\" }] }",
        ),
        criterion("MISS", "pcbc", "minor", 1, "rule = { present = \"scheme.services\" }"),
        criterion(
            "NA",
            "cfc",
            "blocker",
            5,
            "applies_when = { equals = \"scheme.contested\", value = true }\nrule = { present = \"beds.baseline\" }",
        ),
        criterion(
            "LATER",
            "dmbc",
            "blocker",
            3,
            "rule = { present = \"assurance.decision.date\" }",
        ),
        criterion("EARLY", "dmbc", "major", 4, "rule = { present = \"scheme.summary\" }"),
    ])
}

#[test]
fn scores_count_due_applicable_criteria_with_partly_met_as_half() {
    let assessment = assess(&scheme("pcbc", "summary = \"x\"\ncontested = false\n"), &[sample()]);
    assert_eq!(
        statuses(&assessment),
        [
            ("MET", Status::Met),
            ("PART", Status::PartlyMet),
            ("MISS", Status::NotMet),
            ("NA", Status::NotApplicable),
            ("LATER", Status::NotYetDue),
            ("EARLY", Status::Met),
        ]
    );
    let score = &assessment.scores[0];
    assert!((score.met_weight - 3.0).abs() < f64::EPSILON);
    assert_eq!((score.applicable_weight, score.applied, score.total), (5, 3, 6));
    assert_eq!(score.percent, Some(60.0));
    assert_eq!(score.arithmetic(), "3 of 5 weight met; 3 of 6 criteria applied");
    assert_eq!(assessment.rating, Rating::Amber);
    assert!(assessment.capped_by.is_empty());
}

#[test]
fn an_unmet_blocker_due_caps_the_rating_and_blocks_its_gates() {
    let assessment = assess(
        &scheme(
            "dmbc",
            "summary = \"x\"\npopulation = 5\nservices = [\"a\"]\ncontested = false\n",
        ),
        &[sample()],
    );
    assert_eq!(assessment.overall.percent, Some(75.0));
    assert_eq!(assessment.rating_by_score, Rating::AmberGreen);
    assert_eq!(assessment.rating, Rating::AmberRed);
    assert_eq!(assessment.capped_by, ["LATER"]);
    let ready: Vec<(Stage, bool)> = assessment.gates.iter().map(|g| (g.stage, g.ready)).collect();
    assert_eq!(
        ready[..6],
        [
            (Stage::Cfc, true),
            (Stage::S1, true),
            (Stage::Pcbc, true),
            (Stage::S2, true),
            (Stage::Consultation, true),
            (Stage::Dmbc, false)
        ]
    );
}

#[test]
fn a_cap_never_raises_a_low_rating() {
    let low = checklist(&[
        criterion("B", "cfc", "blocker", 9, "rule = { present = \"scheme.services\" }"),
        criterion("M", "cfc", "minor", 1, "rule = { present = \"scheme.name\" }"),
    ]);
    let assessment = assess(&scheme("cfc", ""), &[low]);
    assert_eq!(assessment.overall.percent, Some(10.0));
    assert_eq!(assessment.rating, Rating::Red);
}

#[test]
fn thresholds_are_inclusive() {
    let rate = |met: u32, missing: u32| {
        let c = checklist(&[
            criterion("A", "cfc", "minor", met, "rule = { present = \"scheme.name\" }"),
            criterion("B", "cfc", "minor", missing, "rule = { present = \"scheme.services\" }"),
        ]);
        assess(&scheme("cfc", ""), &[c]).rating
    };
    assert_eq!(rate(85, 15), Rating::Green);
    assert_eq!(rate(84, 16), Rating::AmberGreen);
    assert_eq!(rate(70, 30), Rating::AmberGreen);
    assert_eq!(rate(55, 45), Rating::Amber);
    assert_eq!(rate(40, 60), Rating::AmberRed);
    assert_eq!(rate(39, 61), Rating::Red);
}

#[test]
fn attestations_decide_judgement_criteria() {
    let c = checklist(&[criterion("J", "cfc", "major", 2, "rule = { judgement = true }")]);
    let unattested = assess(&scheme("cfc", ""), std::slice::from_ref(&c));
    assert_eq!(unattested.findings[0].status, Status::NeedsJudgement);
    let attested = scheme(
        "cfc",
        "[[attestations]]\ncriterion = \"J\"\nby = \"A. Person\"\nrole = \"Director\"\ndate = 2024-12-01\n\
         verdict = \"partly-met\"\nrationale = \"Two of three partners signed.\"\n",
    );
    assert!(check_attestations(&attested, std::slice::from_ref(&c)).is_empty());
    let finding = &assess(&attested, &[c]).findings[0];
    assert_eq!(finding.status, Status::PartlyMet);
    assert_eq!(
        finding.evidence.to_string(),
        "attested partly met by A. Person (Director) on 1 Dec 2024: Two of three partners signed."
    );
}

#[test]
fn law_in_time_uses_the_schemes_own_dates() {
    let c = dated(
        "[[sources]]\nid = \"s\"\ncitation = \"c\"\nin_force_from = 2017-04-01\nin_force_until = 2024-01-31\n",
        "",
    );
    let before = starting(&c, "2016-09-26");
    assert_eq!(before.status, Status::NotApplicable);
    assert_eq!(
        before.evidence.to_string(),
        "not in force on 26 Sep 2016 (judged on `consultation.start`): its source took effect on 1 Apr 2017"
    );
    let during = starting(&c, "2018-01-08");
    assert_eq!(during.status, Status::NotMet);
    assert_eq!(
        during.in_force.as_ref().map(ToString::to_string).as_deref(),
        Some("in force 1 Apr 2017 to 30 Jan 2024; judged on `consultation.start` (8 Jan 2018)")
    );
    let after = starting(&c, "2024-02-05");
    assert_eq!(after.status, Status::NotApplicable);
    assert!(
        after.evidence.to_string().contains("its source ceased on 31 Jan 2024"),
        "{}",
        after.evidence
    );
    // Without the date, the as-of date (1 Jan 2025) decides.
    assert_eq!(starting(&c, "").status, Status::NotApplicable);
}

#[test]
fn stale_evidence_is_only_partly_met() {
    let c = checklist(&[criterion(
        "FRESH",
        "cfc",
        "major",
        2,
        "fresh = { date = \"case_for_change.jsna_date\", max_months = 36 }\nrule = { present = \"case_for_change.jsna_date\" }",
    )]);
    let at = |date: &str| {
        let body = format!("[case_for_change]\njsna_date = {date}\n");
        assess(&scheme("cfc", &body), std::slice::from_ref(&c)).findings[0].clone()
    };
    assert_eq!(at("2022-01-01").status, Status::Met);
    let stale = at("2021-12-31");
    assert_eq!(stale.status, Status::PartlyMet);
    assert!(
        stale.evidence.to_string().ends_with(
            "but `case_for_change.jsna_date` (31 Dec 2021) is more than 36 months before the as-of date (1 Jan 2025)"
        ),
        "{}",
        stale.evidence
    );
}

#[test]
fn a_dependent_criterion_is_blocked_not_a_second_gap() {
    let c = checklist(&[
        criterion(
            "FIRST",
            "cfc",
            "blocker",
            3,
            "rule = { present = \"assurance.clinical_senate.report\" }",
        ),
        criterion(
            "SECOND",
            "cfc",
            "blocker",
            2,
            "requires = [\"FIRST\"]\nrule = { present = \"assurance.clinical_senate.recommendations_answered\" }",
        ),
    ]);
    let assessment = assess(&scheme("cfc", ""), std::slice::from_ref(&c));
    assert_eq!(
        statuses(&assessment),
        [("FIRST", Status::NotMet), ("SECOND", Status::Blocked)]
    );
    assert_eq!(assessment.findings[1].blocked_by, ["FIRST"]);
    assert!(!assessment.findings[1].status.is_gap());
    assert_eq!(
        assessment.gates[0].blockers,
        ["FIRST"],
        "the blocked one is not listed twice"
    );
    assert_eq!(assessment.capped_by, ["FIRST"]);
    assert_eq!(
        assessment.scores[0].applicable_weight, 5,
        "a blocked criterion still counts against the score"
    );
    let met = assess(
        &scheme("cfc", "[assurance.clinical_senate]\nreport = 2024-01-01\n"),
        &[c],
    );
    assert_eq!(statuses(&met), [("FIRST", Status::Met), ("SECOND", Status::NotMet)]);
}

/// A blocker held back by an unmet prerequisite that is not itself a
/// blocker still stands in the gate's way, and is named: otherwise the gate
/// would be not ready with no blocker to show for it.
#[test]
fn a_blocker_waiting_on_a_lesser_gap_is_still_named_as_the_blocker() {
    let c = checklist(&[
        criterion(
            "FIRST",
            "cfc",
            "major",
            3,
            "rule = { present = \"assurance.clinical_senate.report\" }",
        ),
        criterion(
            "SECOND",
            "cfc",
            "blocker",
            2,
            "requires = [\"FIRST\"]\nrule = { present = \"assurance.clinical_senate.recommendations_answered\" }",
        ),
    ]);
    let assessment = assess(&scheme("cfc", ""), std::slice::from_ref(&c));
    assert_eq!(
        statuses(&assessment),
        [("FIRST", Status::NotMet), ("SECOND", Status::Blocked)]
    );
    assert_eq!(assessment.gates[0].blockers, ["SECOND"]);
    assert_eq!(assessment.capped_by, ["SECOND"]);
}

fn attestation(criterion: &str) -> String {
    format!(
        "[[attestations]]\ncriterion = \"{criterion}\"\nby = \"A. Person\"\nrole = \"Director\"\ndate = 2024-12-01\n\
         verdict = \"met\"\nrationale = \"Seen.\"\n"
    )
}

/// An attestation must name a known criterion that takes one, once: each
/// mistake is a problem at its place, with a "did you mean" for the first
/// hundred only (each compares the id with every criterion).
#[test]
fn attestations_name_a_judgement_criterion_once() {
    let c = checklist(&[
        criterion("J", "cfc", "minor", 1, "rule = { judgement = true }"),
        criterion("DATA", "cfc", "minor", 1, "rule = { present = \"beds.baseline\" }"),
    ]);
    let codes = |body: &str| -> Vec<&'static str> {
        check_attestations(&scheme("cfc", body), std::slice::from_ref(&c))
            .iter()
            .map(|d| d.code)
            .collect()
    };
    assert!(codes(&attestation("J")).is_empty());
    assert_eq!(codes(&attestation("NOPE")), ["unknown-criterion"]);
    assert_eq!(codes(&attestation("DATA")), ["not-a-judgement"]);
    assert_eq!(
        codes(&(attestation("J") + &attestation("J"))),
        ["duplicate-attestation"]
    );
    let many: String = (0..101).map(|_| attestation("JJ")).collect();
    let problems = check_attestations(&scheme("cfc", &many), std::slice::from_ref(&c));
    assert_eq!(problems.len(), 101);
    let suggested = |d: &Diagnostic| d.notes.iter().any(|n| n.contains("did you mean"));
    assert!(
        suggested(&problems[0]) && suggested(&problems[99]),
        "the first hundred have a suggestion"
    );
    assert!(!suggested(&problems[100]), "the hundred and first does not");
}

mod in_time;

/// A criterion whose every part asked nothing (an `if_recorded` on a value
/// not recorded) has nothing to meet: not applicable, not met for free.
#[test]
fn a_rule_that_asks_nothing_is_not_applicable() {
    let list = checklist(&[criterion(
        "IF",
        "cfc",
        "major",
        2,
        "rule = { if_recorded = \"options.criteria_changed\", then = { date_order = [\"options.criteria_changed\", \"consultation.start\"] } }",
    )]);
    let finding = |body: &str| assess(&scheme("cfc", body), std::slice::from_ref(&list)).findings[0].clone();
    let nothing = finding("");
    assert_eq!(nothing.status, Status::NotApplicable);
    assert_eq!(
        nothing.evidence.to_string(),
        "`options.criteria_changed` is not recorded, so nothing depends on it"
    );
    let asked = finding("[options]\ncriteria_changed = 2024-01-01\n[consultation]\nstart = 2024-02-01\n");
    assert_eq!(asked.status, Status::Met);
}
