//! Law in time and applicability on small schemes: when a requirement
//! starts to apply, facts not recorded, conditions, an earlier form of a
//! duty, and dates recorded without their day.

use super::*;

/// A requirement applies from its first day in force: a consultation
/// starting on 1 April 2017 is judged by a rule in force from that day.
#[test]
fn a_requirement_applies_on_its_first_day_in_force() {
    let c = dated(
        "[[sources]]\nid = \"s\"\ncitation = \"c\"\nin_force_from = 2017-04-01\n",
        "",
    );
    assert_eq!(
        starting(&c, "2017-04-01").status,
        Status::NotMet,
        "in force on its first day"
    );
    assert_eq!(
        starting(&c, "2017-03-31").status,
        Status::NotApplicable,
        "not the day before"
    );
}

#[test]
fn an_unrecorded_fact_that_decides_applicability_is_an_unknown_gap() {
    let assessment = assess(&scheme("pcbc", "summary = \"x\"\n"), &[sample()]);
    let na = &assessment.findings[3];
    assert_eq!(na.status, Status::Unknown);
    assert!(na.status.is_gap());
    assert_eq!(na.path, "scheme.contested");
    assert_eq!(na.missing, ["scheme.contested"]);
    assert!(
        na.evidence.to_string() == "not known whether it applies until `scheme.contested` is recorded",
        "{}",
        na.evidence
    );
    // Counted against the score like a gap: weight 5 applies, none of it met.
    let score = &assessment.scores[0];
    assert_eq!((score.applicable_weight, score.applied), (10, 4));
    // And, as a blocker due by the gate, it caps the rating.
    assert_eq!(assessment.capped_by, ["NA"]);
}

fn decided(condition: &str, body: &str) -> Status {
    let list = checklist(&[criterion(
        "C",
        "cfc",
        "major",
        1,
        &format!("applies_when = {condition}\nrule = {{ present = \"scheme.summary\" }}"),
    )]);
    assess(&scheme("cfc", body), &[list]).findings[0].status
}

#[test]
fn a_condition_decided_by_one_recorded_part_needs_nothing_else() {
    let both = "{ all_of = [{ equals = \"scheme.contested\", value = true }, { equals = \"scheme.trust_involved\", value = true }] }";
    assert_eq!(decided(both, "contested = false\n"), Status::NotApplicable);
    assert_eq!(decided(both, "contested = true\n"), Status::Unknown);
    assert_eq!(
        decided(both, "contested = true\ntrust_involved = true\n"),
        Status::NotMet
    );
    let either = "{ any_of = [{ equals = \"scheme.contested\", value = true }, { equals = \"scheme.trust_involved\", value = true }] }";
    assert_eq!(decided(either, "contested = true\n"), Status::NotMet);
    assert_eq!(decided(either, "contested = false\n"), Status::Unknown);
    assert_eq!(
        decided(either, "contested = false\ntrust_involved = false\n"),
        Status::NotApplicable
    );
    let negated = "{ not = { equals = \"scheme.contested\", value = true } }";
    assert_eq!(decided(negated, ""), Status::Unknown);
    assert_eq!(decided(negated, "contested = false\n"), Status::NotMet);
    // `present` asks about the record itself, so its absence decides.
    assert_eq!(
        decided("{ present = \"scheme.population\" }", ""),
        Status::NotApplicable
    );
}

#[test]
fn a_list_condition_is_unknown_while_unrecorded_items_could_meet_it() {
    let councils = "{ min_items = \"local_authorities\", n = 1, where = { considers_substantial = true } }";
    assert_eq!(decided(councils, ""), Status::Unknown);
    let one = |view: &str| {
        format!(
            "[[local_authorities]]\nname = \"A\"\n{view}[[local_authorities]]\nname = \"B\"\nconsiders_substantial = false\n"
        )
    };
    // The body is written under `[scheme]`; the tables follow it.
    assert_eq!(decided(councils, &one("")), Status::Unknown);
    assert_eq!(
        decided(councils, &one("considers_substantial = false\n")),
        Status::NotApplicable
    );
    assert_eq!(
        decided(councils, &one("considers_substantial = true\n")),
        Status::NotMet
    );
}

#[test]
fn an_earlier_form_of_a_duty_judges_a_scheme_of_its_time() {
    let c = dated(
        "[[sources]]\nid = \"icb\"\ncitation = \"ICB duty\"\nin_force_from = 2022-07-01\n\
         [[sources]]\nid = \"ccg\"\ncitation = \"CCG duty\"\nin_force_from = 2013-04-01\nin_force_until = 2022-07-01\n",
        "source = \"icb\"\nreference = \"s14Z45\"\nearlier = [\"ccg\"]\n",
    );
    let finding = |start: &str| starting(&c, start);
    let ccg = finding("2016-09-26");
    assert_eq!(ccg.status, Status::NotMet);
    assert_eq!(ccg.source, "CCG duty");
    assert_eq!(
        ccg.in_force.as_ref().map(ToString::to_string).as_deref(),
        Some(
            "earlier form applied (ccg), in force 1 Apr 2013 to 30 Jun 2022; judged on `consultation.start` (26 Sep 2016)"
        )
    );
    // The last day of the earlier form, and the first of the new one.
    assert_eq!(finding("2022-06-30").source, "CCG duty");
    assert_eq!(finding("2022-07-01").source, "ICB duty — s14Z45");
    let before = finding("2013-03-31");
    assert_eq!(before.status, Status::NotApplicable);
    assert_eq!(
        before.evidence.to_string(),
        "not in force on 31 Mar 2013 (judged on `consultation.start`): it took effect on 1 Jul 2022, and the earliest form it replaced on 1 Apr 2013"
    );
    assert!(
        before
            .in_force
            .as_ref()
            .map(ToString::to_string)
            .as_deref()
            .is_some_and(|w| w.starts_with("set aside: "))
    );
}

#[test]
fn a_gap_says_whether_its_evidence_is_missing_or_fails() {
    let list = checklist(&[
        criterion("ABSENT", "cfc", "major", 1, "rule = { present = \"scheme.summary\" }"),
        criterion(
            "WRONG",
            "cfc",
            "major",
            1,
            "rule = { equals = \"scheme.permanence\", value = \"permanent\" }",
        ),
        criterion(
            "MIXED",
            "cfc",
            "major",
            1,
            "rule = { all_of = [{ equals = \"scheme.permanence\", value = \"permanent\" }, { present = \"scheme.services\" }] }",
        ),
        criterion(
            "NEGATED",
            "cfc",
            "major",
            1,
            "rule = { not = { equals = \"scheme.permanence\", value = \"temporary\" } }",
        ),
        criterion("HELD", "cfc", "major", 1, "rule = { present = \"scheme.population\" }"),
        criterion(
            "NEGATED-MIXED",
            "cfc",
            "major",
            1,
            "rule = { all_of = [{ not = { equals = \"scheme.permanence\", value = \"temporary\" } }, { present = \"scheme.services\" }] }",
        ),
    ]);
    let a = assess(&scheme("cfc", "permanence = \"temporary\"\npopulation = 5\n"), &[list]);
    let shortfalls: Vec<(&str, Option<Shortfall>)> =
        a.findings.iter().map(|f| (f.criterion.as_str(), f.shortfall)).collect();
    assert_eq!(
        shortfalls,
        [
            ("ABSENT", Some(Shortfall::NotRecorded)),
            ("WRONG", Some(Shortfall::RecordedFails)),
            ("MIXED", Some(Shortfall::Both)),
            ("NEGATED", Some(Shortfall::RecordedFails)),
            ("HELD", None),
            // A negation that fails fails on what is recorded.
            ("NEGATED-MIXED", Some(Shortfall::Both)),
        ]
    );
    assert_eq!(a.shortfalls(), (1, 2, 2));
    // Six criteria read four distinct facts; permanence and population are
    // recorded.
    assert_eq!((a.completeness.needed, a.completeness.recorded), (4, 2));
    assert_eq!(a.completeness.percent, Some(50.0));
}

#[test]
fn a_deciding_date_recorded_without_its_day_says_what_was_assumed() {
    let c = dated(
        "[[sources]]\nid = \"s\"\ncitation = \"c\"\nin_force_from = 2011-04-05\n",
        "",
    );
    let finding = |start: &str| starting(&c, start);
    let before = finding("\"2011-03\"");
    assert_eq!(before.status, Status::NotApplicable);
    assert_eq!(
        before.evidence.to_string(),
        "not in force on 1 Mar 2011 (recorded as 2011-03; judged on `consultation.start`): its source took effect on 5 Apr 2011"
    );
    let after = finding("\"2011-05\"");
    assert_eq!(
        after.in_force.as_ref().map(ToString::to_string).as_deref(),
        Some("in force from 5 Apr 2011; judged on `consultation.start` (recorded as 2011-05; taken as 1 May 2011)")
    );
    // Without the date, the as-of date stands in, and the words say so.
    let missing = starting(&c, "");
    assert_eq!(
        missing.in_force.as_ref().map(ToString::to_string).as_deref(),
        Some("in force from 5 Apr 2011; judged on `as_of` (1 Jan 2025), as `consultation.start` is not recorded")
    );
}

#[test]
fn a_change_announced_in_several_checklists_is_named_once() {
    let with_announcement = |id: &str| {
        let text = format!(
            "format_version = 1\n[checklist]\nid = \"{id}\"\ntitle = \"Test\"\nkind = \"lessons\"\nreviewed = 2026-0{}-01\n\
             [[sources]]\nid = \"s\"\ncitation = \"c\"\n{}\
             [[announced]]\ntitle = \"Health Bill\"\ncitation = \"Introduced 2026\"\naffects = [\"{id}-1\"]\n",
            if id == "A" { 9 } else { 7 },
            criterion(
                &format!("{id}-1"),
                "cfc",
                "minor",
                1,
                "rule = { present = \"scheme.summary\" }"
            )
        );
        load(&SourceFile::new("t.toml", text)).expect("valid")
    };
    let a = assess(&scheme("cfc", ""), &[with_announcement("A"), with_announcement("B")]);
    assert_eq!(a.announced.len(), 1);
    assert_eq!(a.announced[0].affects, ["A-1"]);
    // The earliest review date is the one a reader can rely on.
    assert_eq!(a.law_reviewed, jiff::civil::Date::new(2026, 7, 1).ok());
}
