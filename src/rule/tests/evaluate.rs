//! Each rule kind on its own: what it finds met, partly met or not, and
//! the evidence it gives.

use super::*;

#[test]
fn present_needs_the_key() {
    let rule = Rule::Present(s("consultation.start"));
    let met = eval(&rule, "[consultation]\nstart = 2025-01-06\n");
    assert_eq!(met.eval, Eval::Met);
    assert_eq!(met.evidence.to_string(), "`consultation.start` recorded: 6 Jan 2025");
    let missing = eval(&rule, "[consultation]\n");
    assert_eq!(missing.eval, Eval::NotMet);
    assert_eq!(
        missing.evidence.to_string(),
        "`consultation.start` (date public consultation opens) not recorded"
    );
}

#[test]
fn non_empty_rejects_blank_text_and_empty_lists() {
    let rule = Rule::NonEmpty(s("case_for_change.drivers"));
    assert_eq!(eval(&rule, "[case_for_change]\ndrivers = [\"x\"]\n").eval, Eval::Met);
    assert_eq!(eval(&rule, "[case_for_change]\ndrivers = []\n").eval, Eval::NotMet);
    let text = Rule::NonEmpty(s("scheme.summary"));
    assert_eq!(eval(&text, "[scheme]\nsummary = \"  \"\n").eval, Eval::NotMet);
    assert_eq!(eval(&text, "[scheme]\nsummary = \"a\"\n").eval, Eval::Met);
}

#[test]
fn min_items_counts_matching_items_including_list_membership() {
    let rule = Rule::MinItems {
        path: s("engagement.activities"),
        n: 2,
        items: ItemTest {
            filter: vec![(s("groups"), Value::String(s("carers")))],
            has: vec![],
        },
    };
    let text = "[[engagement.activities]]\ngroups = [\"carers\", \"patients\"]\n\
                [[engagement.activities]]\ngroups = [\"staff\"]\n";
    let one = eval(&rule, text);
    assert_eq!(one.eval, Eval::NotMet);
    assert_eq!(
        one.evidence.to_string(),
        "`engagement.activities` has 1 entry with `groups` \"carers\"; at least 2 needed"
    );
    let two = format!("{text}[[engagement.activities]]\ngroups = [\"carers\"]\n");
    let two = eval(&rule, &two);
    assert_eq!(two.eval, Eval::Met);
    // Exactly enough: the words count them and ask for nothing more.
    assert_eq!(
        two.evidence.to_string(),
        "`engagement.activities` has 2 entries with `groups` \"carers\""
    );
}

#[test]
fn numeric_bounds_compare_integers_and_decimals() {
    let most = Rule::AtMost {
        path: s("beds.target_occupancy_percent"),
        bound: Bound::Value(92.0),
    };
    assert_eq!(eval(&most, "[beds]\ntarget_occupancy_percent = 92\n").eval, Eval::Met);
    let over = eval(&most, "[beds]\ntarget_occupancy_percent = 95.5\n");
    assert_eq!(over.eval, Eval::NotMet);
    assert_eq!(
        over.evidence.to_string(),
        "`beds.target_occupancy_percent` is 95.5; at most 92 needed"
    );
    let least = Rule::AtLeast {
        path: s("options.long_list"),
        bound: Bound::Value(2.0),
    };
    assert_eq!(eval(&least, "[options]\nlong_list = 1\n").eval, Eval::NotMet);
    assert_eq!(eval(&least, "[options]\nlong_list = 2\n").eval, Eval::Met);
}

#[test]
fn bounds_can_be_another_field() {
    let rule = Rule::AtLeast {
        path: s("assurance.clinical_senate.recommendations_answered"),
        bound: Bound::Path(s("assurance.clinical_senate.recommendations")),
    };
    let text = "[assurance.clinical_senate]\nrecommendations = 9\nrecommendations_answered = 7\n";
    let short = eval(&rule, text);
    assert_eq!(short.eval, Eval::NotMet);
    assert_eq!(
        short.evidence.to_string(),
        "`assurance.clinical_senate.recommendations_answered` is 7; at least `assurance.clinical_senate.recommendations` (9) needed"
    );
    assert_eq!(
        eval(&rule, "[assurance.clinical_senate]\nrecommendations_answered = 7\n").eval,
        Eval::NotMet
    );
}

#[test]
fn every_needs_each_item_to_pass_and_at_least_one_item() {
    let rule = Rule::Every {
        path: s("commissioners"),
        items: ItemTest {
            filter: vec![(s("supports"), Value::Bool(true))],
            has: vec![s("resolution_date")],
        },
    };
    let both = "[[commissioners]]\nname = \"A\"\nsupports = true\nresolution_date = 2024-01-01\n";
    assert_eq!(eval(&rule, both).eval, Eval::Met);
    let second = format!("{both}[[commissioners]]\nname = \"B\"\nsupports = true\n");
    let partial = eval(&rule, &second);
    assert_eq!(partial.eval, Eval::NotMet);
    assert_eq!(
        partial.evidence.to_string(),
        "`commissioners` (1 of the 2 falls short): \"B\": `resolution_date` not recorded (has `supports` true)"
    );
    assert_eq!(partial.path, "commissioners[1]");
    assert_eq!(eval(&rule, "commissioners = []\n").eval, Eval::NotMet);
}

#[test]
fn equals_on_a_list_means_contains() {
    let rule = Rule::Equals {
        path: s("beds.conditions_claimed"),
        value: Value::String(s("efficiency")),
    };
    assert_eq!(
        eval(
            &rule,
            "[beds]\nconditions_claimed = [\"new-treatments\", \"efficiency\"]\n"
        )
        .eval,
        Eval::Met
    );
    assert_eq!(
        eval(&rule, "[beds]\nconditions_claimed = [\"new-treatments\"]\n").eval,
        Eval::NotMet
    );
}

#[test]
fn before_as_of_flags_a_future_date_recorded_as_done() {
    let rule = Rule::BeforeAsOf(s("assurance.decision.date"));
    assert_eq!(eval(&rule, "[assurance.decision]\ndate = 2025-06-01\n").eval, Eval::Met);
    let future = eval(&rule, "[assurance.decision]\ndate = 2025-07-15\n");
    assert_eq!(future.eval, Eval::NotMet);
    assert_eq!(
        future.evidence.to_string(),
        "`assurance.decision.date` (15 Jul 2025) is after the as-of date (1 Jun 2025)"
    );
}

#[test]
fn outside_periods_names_the_overlapping_period_and_its_line() {
    let periods =
        "[[consultation.pre_election_periods]]\nname = \"county elections\"\nfrom = 2025-03-24\nto = 2025-05-01\n";
    let launch = Rule::OutsidePeriods {
        periods: s("consultation.pre_election_periods"),
        from: s("consultation.start"),
        to: None,
    };
    let inside = eval(
        &launch,
        &format!("[consultation]\nstart = 2025-04-07\nend = 2025-06-30\n{periods}"),
    );
    assert_eq!(inside.eval, Eval::NotMet);
    assert_eq!(
        inside.evidence.to_string(),
        "`consultation.start` (7 Apr 2025) overlaps \"county elections\" (24 Mar 2025 – 1 May 2025, line 4)"
    );
    let before = format!("[consultation]\nstart = 2025-01-06\nend = 2025-03-31\n{periods}");
    assert_eq!(eval(&launch, &before).eval, Eval::Met);
    // A start recorded without its day is taken as the month's first day,
    // and the evidence says so.
    let month = eval(&launch, &format!("[consultation]\nstart = \"2025-04\"\n{periods}"));
    assert_eq!(month.eval, Eval::NotMet);
    assert!(
        month
            .evidence
            .to_string()
            .starts_with("`consultation.start` (recorded as 2025-04, taken as 1 Apr 2025) overlaps"),
        "{}",
        month.evidence
    );
    let range = Rule::OutsidePeriods {
        periods: s("consultation.pre_election_periods"),
        from: s("consultation.start"),
        to: Some(s("consultation.end")),
    };
    let overlapping = eval(&range, &before);
    assert_eq!(overlapping.eval, Eval::NotMet);
    assert!(
        overlapping
            .evidence
            .to_string()
            .starts_with("6 Jan 2025 – 31 Mar 2025 overlaps"),
        "{}",
        overlapping.evidence
    );
}

#[test]
fn total_compares_figures_in_two_sections_and_names_both() {
    let rule = Rule::Total {
        path: s("sites"),
        key: s("beds_before"),
        value_at: s("beds.baseline"),
    };
    let sites = "[[sites]]\nname = \"A\"\nbeds_before = 30\n[[sites]]\nname = \"B\"\nbeds_before = 50\n";
    assert_eq!(eval(&rule, &format!("{sites}[beds]\nbaseline = 80\n")).eval, Eval::Met);
    let off = eval(&rule, &format!("{sites}[beds]\nbaseline = 90\n"));
    assert_eq!(off.eval, Eval::NotMet);
    assert_eq!(
        off.evidence.to_string(),
        "`beds_before` across `sites` adds up to 80, but `beds.baseline` records 90 (line 8)"
    );
    assert_eq!(off.path, "beds.baseline");
}

#[test]
fn count_compares_a_list_with_a_number_elsewhere() {
    let rule = Rule::Count {
        path: s("options.shortlist"),
        value_at: s("consultation.options_consulted"),
    };
    let text = "[options]\nshortlist = [\"A\", \"B\", \"C\"]\n[consultation]\noptions_consulted = 2\n";
    let off = eval(&rule, text);
    assert_eq!(off.eval, Eval::NotMet);
    assert_eq!(
        off.evidence.to_string(),
        "`options.shortlist` has 3 entries (line 2), but `consultation.options_consulted` records 2 (line 4)"
    );
    assert_eq!(eval(&rule, &text.replace("= 2", "= 3")).eval, Eval::Met);
}

#[test]
fn missing_evidence_is_collected_through_combinators() {
    let rule = Rule::AllOf(vec![
        Rule::Present(s("beds.baseline")),
        Rule::AnyOf(vec![
            Rule::NonEmpty(s("beds.sensitivity_analysis")),
            Rule::Present(s("beds.proposed")),
        ]),
        Rule::Equals {
            path: s("beds.significant_reduction"),
            value: Value::Bool(true),
        },
    ]);
    let outcome = eval(
        &rule,
        "[beds]\nsignificant_reduction = false\nsensitivity_analysis = \"\"\n",
    );
    assert_eq!(
        outcome.missing,
        ["beds.baseline", "beds.sensitivity_analysis", "beds.proposed"]
    );
}

#[test]
fn not_inverts_and_treats_a_missing_value_as_not_the_case() {
    let rule = Rule::Not(Box::new(Rule::Equals {
        path: s("secretary_of_state.transitional_exemption"),
        value: Value::Bool(true),
    }));
    assert_eq!(
        eval(&rule, "[secretary_of_state]\ntransitional_exemption = false\n").eval,
        Eval::Met
    );
    assert_eq!(eval(&rule, "").eval, Eval::Met);
    let exempt = eval(&rule, "[secretary_of_state]\ntransitional_exemption = true\n");
    assert_eq!(exempt.eval, Eval::NotMet);
    assert_eq!(
        exempt.evidence.to_string(),
        "`secretary_of_state.transitional_exemption` is true"
    );
}

#[test]
fn one_of_and_equals() {
    let rule = Rule::OneOf {
        path: s("scheme.urgency"),
        values: vec![Value::String(s("planned"))],
    };
    assert_eq!(eval(&rule, "[scheme]\nurgency = \"planned\"\n").eval, Eval::Met);
    assert_eq!(eval(&rule, "[scheme]\nurgency = \"urgent\"\n").eval, Eval::NotMet);
    // A value outside the allowed set names the allowed ones as a list.
    let basis = Rule::OneOf {
        path: s("assurance.decision.basis"),
        values: vec![
            Value::String(s("joint-committee")),
            Value::String(s("icb-delegated")),
            Value::String(s("nhs-england")),
        ],
    };
    let other = eval(&basis, "[assurance.decision]\nbasis = \"commissioner\"\n");
    assert_eq!(
        other.evidence.to_string(),
        "`assurance.decision.basis` is \"commissioner\", not \"joint-committee\", \"icb-delegated\" or \"nhs-england\""
    );
    let eq = Rule::Equals {
        path: s("beds.significant_reduction"),
        value: Value::Bool(true),
    };
    assert_eq!(eval(&eq, "[beds]\nsignificant_reduction = true\n").eval, Eval::Met);
    let no = eval(&eq, "[beds]\nsignificant_reduction = false\n");
    assert_eq!(no.evidence.to_string(), "`beds.significant_reduction` is false");
}

#[test]
fn date_order_names_both_dates() {
    let rule = Rule::DateOrder(vec![s("assurance.stage2.date"), s("consultation.start")]);
    let ok = "[assurance.stage2]\ndate = 2024-10-22\n[consultation]\nstart = 2025-01-06\n";
    assert_eq!(eval(&rule, ok).eval, Eval::Met);
    let same_day = "[assurance.stage2]\ndate = 2025-01-06\n[consultation]\nstart = 2025-01-06\n";
    assert_eq!(eval(&rule, same_day).eval, Eval::Met);
    let bad = eval(
        &rule,
        "[assurance.stage2]\ndate = 2025-02-01\n[consultation]\nstart = 2025-01-06\n",
    );
    assert_eq!(bad.eval, Eval::NotMet);
    assert_eq!(
        bad.evidence.to_string(),
        "`assurance.stage2.date` (1 Feb 2025) comes after `consultation.start` (6 Jan 2025), not before it"
    );
    assert_eq!(bad.path, "consultation.start");
    assert_eq!(eval(&rule, "[consultation]\nstart = 2025-01-06\n").eval, Eval::NotMet);
}

#[test]
fn period_weeks_reports_length_and_dates() {
    let rule = Rule::PeriodWeeks {
        from: s("consultation.start"),
        to: s("consultation.end"),
        weeks: 12,
    };
    let short = eval(&rule, "[consultation]\nstart = 2025-01-06\nend = 2025-03-03\n");
    assert_eq!(short.eval, Eval::NotMet);
    assert_eq!(
        short.evidence.to_string(),
        "ran 8 weeks 1 day (57 days, 6 Jan 2025 – 3 Mar 2025, both days counted); at least 12 weeks (84 days) needed"
    );
    let planned = eval(&rule, "[consultation]\nstart = 2025-05-01\nend = 2025-07-24\n");
    assert_eq!(planned.eval, Eval::Met);
    assert!(planned.evidence.to_string().starts_with("is planned to run 12 weeks"));
}

/// The NHS stated the children's cancer services consultation, 26 September
/// to 18 December 2023, as 12 weeks: both ends count, so 84 days meets 12
/// weeks, one day fewer does not, and one more does.
#[test]
fn a_period_counts_its_first_and_last_day() {
    let rule = Rule::PeriodWeeks {
        from: s("consultation.start"),
        to: s("consultation.end"),
        weeks: 12,
    };
    let at = |end: &str| eval(&rule, &format!("[consultation]\nstart = 2023-09-26\nend = {end}\n"));
    let stated = at("2023-12-18");
    assert_eq!(stated.eval, Eval::Met, "{}", stated.evidence);
    assert!(
        stated
            .evidence
            .to_string()
            .starts_with("ran 12 weeks (84 days, 26 Sep 2023 – 18 Dec 2023"),
        "{}",
        stated.evidence
    );
    let short = at("2023-12-17");
    assert_eq!(short.eval, Eval::NotMet);
    assert!(short.evidence.to_string().contains("(83 days,"), "{}", short.evidence);
    assert_eq!(at("2023-12-19").eval, Eval::Met, "85 days");
}

#[test]
fn all_of_is_partly_met_when_some_parts_are() {
    let rule = Rule::AllOf(vec![
        Rule::Present(s("beds.baseline")),
        Rule::Present(s("beds.proposed")),
    ]);
    assert_eq!(eval(&rule, "[beds]\nbaseline = 1\nproposed = 1\n").eval, Eval::Met);
    let half = eval(&rule, "[beds]\nbaseline = 1\n");
    assert_eq!(half.eval, Eval::Partly);
    // The status says partly; the words name only what is short.
    assert!(
        half.evidence.to_string().starts_with("`beds.proposed`"),
        "{}",
        half.evidence
    );
    assert_eq!(eval(&rule, "[beds]\n").eval, Eval::NotMet);
}

#[test]
fn any_of_takes_the_best_alternative() {
    let rule = Rule::AnyOf(vec![
        Rule::Present(s("beds.baseline")),
        Rule::Present(s("beds.proposed")),
    ]);
    let met = eval(&rule, "[beds]\nproposed = 1\n");
    assert_eq!(met.eval, Eval::Met);
    // Met one way: that way's evidence alone, not the ways it was not met.
    assert_eq!(met.evidence.to_string(), "`beds.proposed` recorded: 1");
    let none = eval(&rule, "[beds]\n");
    assert_eq!(none.eval, Eval::NotMet);
    assert!(
        none.evidence.to_string().starts_with("`beds.baseline`"),
        "{}",
        none.evidence
    );
    assert!(
        none.evidence.to_string().contains("; or instead, `beds.proposed`"),
        "{}",
        none.evidence
    );
}
