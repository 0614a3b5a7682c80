//! For every built-in criterion, a scheme that meets it and one that does
//! not (tests/fixtures/criteria.toml), so that a broken rule — a typo'd
//! path, a wrong operator, a condition that never holds — fails a test.

use std::collections::BTreeSet;

use reassure::assessment::{Shortfall, Status};
use reassure::checklist::builtin::builtin;
use reassure::diagnostic::render;
use reassure::engine::{assess, check_attestations};
use reassure::scheme::Scheme;
use reassure::source::SourceFile;

const BASE: &str = "format_version = 1\nas_of = 2025-06-01\nstage = \"evaluation\"\n[scheme]\nname = \"Fixture\"\n";

fn status_of(checklists: &[reassure::checklist::Checklist], id: &str, fragment: &str) -> Status {
    finding_of(checklists, id, fragment).status
}

/// The finding of criterion `id` for a scheme made of `BASE` and `fragment`.
fn finding_of(
    checklists: &[reassure::checklist::Checklist],
    id: &str,
    fragment: &str,
) -> reassure::assessment::Finding {
    let text = format!("{BASE}{fragment}");
    let scheme = match Scheme::load(SourceFile::new(format!("{id}.toml"), text)) {
        Ok(scheme) => scheme,
        Err((file, diagnostics)) => {
            let rendered: String = diagnostics.iter().map(|d| render(d, &file)).collect();
            panic!("fixture for {id} is not a valid scheme:\n{rendered}");
        }
    };
    assert!(
        check_attestations(&scheme, checklists).is_empty(),
        "{id}: attestation problems"
    );
    let assessment = assess(&scheme, checklists);
    assessment
        .findings
        .into_iter()
        .find(|f| f.criterion == id)
        .expect("criterion assessed")
}

#[test]
fn every_criterion_is_met_by_its_fixture_and_not_met_without_it() {
    let fixtures: toml::Table = toml::from_str(include_str!("fixtures/criteria.toml")).expect("fixtures parse");
    let checklists = builtin().map_err(|_| "built-ins load").unwrap();
    let ids: BTreeSet<&str> = checklists
        .iter()
        .flat_map(|c| c.criteria.iter().map(|c| c.id.as_str()))
        .collect();
    let fixture_ids: BTreeSet<&str> = fixtures.keys().map(String::as_str).collect();
    assert_eq!(
        ids, fixture_ids,
        "every criterion needs a fixture, and every fixture a criterion"
    );

    let mut failures = Vec::new();
    for (id, fixture) in &fixtures {
        let meets = fixture["meets"].as_str().expect("meets is a string");
        let fails = fixture.get("fails").and_then(|f| f.as_str()).unwrap_or("");
        let met = status_of(&checklists, id, meets);
        if met != Status::Met {
            failures.push(format!("{id}: `meets` fixture gives {met:?}"));
        }
        let unmet = status_of(&checklists, id, fails);
        if !matches!(
            unmet,
            Status::NotMet | Status::PartlyMet | Status::NeedsJudgement | Status::Blocked
        ) {
            failures.push(format!("{id}: `fails` fixture gives {unmet:?}"));
        }
        // Where the fact that decides whether a criterion applies can go
        // unrecorded, the fixture shows it unknown, and recorded the other
        // way, not applicable.
        for (key, wanted) in [
            ("unknown", Status::Unknown),
            ("not_applicable", Status::NotApplicable),
            // A fact the condition reads another way (per-site bed numbers
            // without totals) decides it too: the criterion applies.
            ("sites_only", Status::NotMet),
            // A site with beds now and no figure for after leaves it unknown.
            ("unknown_sites", Status::Unknown),
        ] {
            if let Some(fragment) = fixture.get(key).and_then(|f| f.as_str()) {
                let got = status_of(&checklists, id, fragment);
                if got != wanted {
                    failures.push(format!("{id}: `{key}` fixture gives {got:?}"));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn notification_follows_regulation_23_and_its_transitional_exemption_follows_the_dates() {
    let checklists = builtin().map_err(|_| "built-ins load").unwrap();
    let base = "urgency = \"planned\"\n[[local_authorities]]\nname = \"Eastdale\"\nconsiders_substantial = true\n";
    // A council holding the change substantial triggers regulation 23, and
    // with it notification, whatever the sponsor says.
    assert_eq!(
        status_of(&checklists, "DUTY-SOS-N", &format!("substantial = false\n{base}")),
        Status::NotMet
    );
    let started = |date: &str| format!("{base}[scrutiny]\nconsultation_start = {date}\n");
    // Regulation 23 consultation begun before 31 January 2024 is exempt; the
    // sponsor's own `transitional_exemption` no longer switches the duty off.
    assert_eq!(
        status_of(&checklists, "DUTY-SOS-N", &started("2024-01-30")),
        Status::NotApplicable
    );
    assert_eq!(
        status_of(&checklists, "DUTY-SOS-N", &started("2024-01-31")),
        Status::NotMet
    );
    assert_eq!(
        status_of(
            &checklists,
            "DUTY-SOS-N",
            &format!(
                "{}[secretary_of_state]\ntransitional_exemption = true\n",
                started("2024-02-05")
            )
        ),
        Status::NotMet
    );
}

/// Several joint committees (a national specialised scheme may have three):
/// each must have at least two councils, a set-up date and terms of
/// reference, as the single committee must.
#[test]
fn each_joint_committee_in_the_list_form_needs_two_councils() {
    let checklists = builtin().map_err(|_| "built-ins load").unwrap();
    let councils = "[[local_authorities]]\nname = \"A\"\nconsiders_substantial = true\n\
                    [[local_authorities]]\nname = \"B\"\nconsiders_substantial = true\n";
    let committee = |name: &str, authorities: &str| {
        format!(
            "[[scrutiny.joint_committees]]\nname = \"{name}\"\nauthorities = {authorities}\n\
             established = 2024-10-01\nterms_of_reference = 2024-10-01\n"
        )
    };
    let both = format!(
        "{councils}{}{}",
        committee("South JHOSC", "[\"A\", \"B\"]"),
        committee("North JHOSC", "[\"A\", \"B\"]")
    );
    assert_eq!(status_of(&checklists, "ROLE-JHOSC", &both), Status::Met);
    let one_short = format!(
        "{councils}{}{}",
        committee("South JHOSC", "[\"A\", \"B\"]"),
        committee("North JHOSC", "[\"A\"]")
    );
    assert_eq!(status_of(&checklists, "ROLE-JHOSC", &one_short), Status::NotMet);
}

/// Every committee that commented must be answered, not just one: three
/// committees consulted, two commented, one answered, is a gap that names
/// the one left unanswered. A committee that made no comments needs no
/// answer, and an answer after the date the NHS body undertook is late.
#[test]
fn every_committee_that_commented_is_answered_by_its_date() {
    let checklists = builtin().map_err(|_| "built-ins load").unwrap();
    let committee = |name: &str, rest: &str| format!("[[scrutiny.committees]]\nname = \"{name}\"\n{rest}");
    let answered = "response = \"Supports with conditions\"\nnhs_response_date = 2025-04-20\n";
    let unanswered = "response = \"Four recommendations\"\n";
    let silent = "";

    let one_of_two = format!(
        "{}{}{}",
        committee("Northshire HOSC", answered),
        committee("Southshire HOSC", unanswered),
        committee("Westshire HOSC", silent)
    );
    let finding = finding_of(&checklists, "DUTY-OSC-RESP", &one_of_two);
    // Not even partly met: the other committee's answer is simply missing,
    // and nothing recorded counts against the scheme.
    assert_eq!(
        finding.status,
        Status::NotMet,
        "one answered committee of two is not enough"
    );
    assert_eq!(finding.shortfall, Some(Shortfall::NotRecorded));
    let words = finding.evidence.to_string();
    assert!(
        words.contains("Southshire HOSC"),
        "the unanswered committee is named: {words}"
    );
    assert!(!words.contains("Northshire HOSC"), "the answered one is not: {words}");
    assert!(
        !words.contains("Westshire HOSC"),
        "nor the one that made no comments: {words}"
    );

    let both = format!(
        "{}{}{}",
        committee("Northshire HOSC", answered),
        committee("Southshire HOSC", answered),
        committee("Westshire HOSC", silent)
    );
    assert_eq!(status_of(&checklists, "DUTY-OSC-RESP", &both), Status::Met);

    let late = format!(
        "{}{}",
        committee("Northshire HOSC", answered),
        committee(
            "Southshire HOSC",
            "response = \"Objects\"\nnhs_response_due = 2025-03-31\nnhs_response_date = 2025-04-20\n"
        )
    );
    // Answered after the date undertaken: a gap on what is recorded.
    let finding = finding_of(&checklists, "DUTY-OSC-RESP", &late);
    assert_eq!(finding.status, Status::NotMet, "answered after its due date");
    assert_eq!(finding.shortfall, Some(Shortfall::RecordedFails));

    // Each form recorded is judged: a list answered in full does not cover
    // a joint committee left unanswered.
    let joint = format!(
        "{}[scrutiny.joint_committee]\nname = \"Joint HOSC\"\nauthorities = [\"A\", \"B\"]\n{unanswered}",
        committee("Northshire HOSC", answered)
    );
    // (Partly: one form answered in full, the other not at all; within one
    // list, `each` gives no partial credit.)
    assert_eq!(status_of(&checklists, "DUTY-OSC-RESP", &joint), Status::PartlyMet);
}

/// A council could refer a proposal to the Secretary of State under
/// regulation 4 of the 2002 regulations to 31 March 2013 and under
/// regulation 23(9) of the 2013 regulations from 1 April 2013 to 30 January
/// 2024, and not at all since: each referral recorded is checked against
/// the power it names and the dates of all of them.
#[test]
fn each_referral_falls_within_the_power_in_force_on_its_date() {
    let checklists = builtin().map_err(|_| "built-ins load").unwrap();
    let referral = |by: &str, date: &str, power: &str| {
        format!("[[scrutiny.referrals]]\nby = \"{by}\"\ndate = {date}\npower = \"{power}\"\n")
    };
    let status = |fragment: &str| status_of(&checklists, "CONSIST-REF", fragment);
    assert_eq!(
        status(&referral("Northshire HOSC", "2013-04-01", "reg23-2013")),
        Status::Met
    );
    assert_eq!(
        status(&referral("Northshire HOSC", "2024-01-30", "reg23-2013")),
        Status::Met
    );
    assert_eq!(
        status(&referral("Northshire HOSC", "2013-03-31", "reg4-2002")),
        Status::Met
    );
    // The day after the power was removed, and either power on the wrong side
    // of 1 April 2013.
    assert_eq!(
        status(&referral("Northshire HOSC", "2024-01-31", "reg23-2013")),
        Status::NotMet
    );
    assert_eq!(
        status(&referral("Northshire HOSC", "2013-03-31", "reg23-2013")),
        Status::NotMet
    );
    assert_eq!(
        status(&referral("Northshire HOSC", "2013-04-01", "reg4-2002")),
        Status::NotMet
    );
    assert_eq!(
        status(&referral("Northshire HOSC", "2002-12-31", "reg4-2002")),
        Status::NotMet
    );

    // Whatever the scheme's own dates: a scrutiny consultation begun in 2002
    // does not set aside a referral dated 2025.
    let early = format!(
        "[scrutiny]\nconsultation_start = 2002-06-01\n{}",
        referral("Northshire HOSC", "2025-06-01", "reg23-2013")
    );
    assert_eq!(status(&early), Status::NotMet);

    // The gap names the referral that falls outside, by who made it.
    let two = format!(
        "{}{}",
        referral("Northshire HOSC", "2019-03-01", "reg23-2013"),
        referral("Southshire JHOSC", "2025-02-10", "reg23-2013")
    );
    let finding = finding_of(&checklists, "CONSIST-REF", &two);
    assert_eq!(finding.status, Status::NotMet);
    let words = finding.evidence.to_string();
    assert!(words.contains("\"Southshire JHOSC\""), "{words}");
    assert!(!words.contains("Northshire"), "{words}");
}

/// An answer dated after the scheme's as-of date is a plan, not an answer.
#[test]
fn an_answer_dated_after_the_as_of_date_is_not_yet_an_answer() {
    let checklists = builtin().map_err(|_| "built-ins load").unwrap();
    // BASE's as-of date is 1 June 2025.
    let answer = |date: &str| {
        format!(
            "[[scrutiny.committees]]\nname = \"Northshire HOSC\"\nresponse = \"Objects\"\nnhs_response_date = {date}\n"
        )
    };
    assert_eq!(
        status_of(&checklists, "DUTY-OSC-RESP", &answer("2025-06-01")),
        Status::Met
    );
    let planned = finding_of(&checklists, "DUTY-OSC-RESP", &answer("2025-06-02"));
    assert_eq!(planned.status, Status::NotMet);
    let words = planned.evidence.to_string();
    assert!(words.contains("after the as-of date"), "{words}");
}

/// Criteria changed after the options were scored, with no consultation
/// recorded yet: the part about consultation asks nothing, so the gap is
/// not met rather than partly met.
#[test]
fn criteria_changed_after_scoring_earn_nothing_for_a_consultation_not_recorded() {
    let checklists = builtin().map_err(|_| "built-ins load").unwrap();
    let changed = "[options]\ncriteria_changed = 2025-03-01\nappraisal_date = 2025-02-01\n";
    let finding = finding_of(&checklists, "GATE-OPT-STABLE", changed);
    assert_eq!(finding.status, Status::NotMet);
    assert_eq!(finding.shortfall, Some(Shortfall::RecordedFails));
    let in_order = "[options]\ncriteria_changed = 2025-01-01\nappraisal_date = 2025-02-01\n";
    assert_eq!(status_of(&checklists, "GATE-OPT-STABLE", in_order), Status::Met);
}
