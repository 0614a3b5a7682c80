//! The rule kinds one by one: what each finds met, partly met or not, and
//! the evidence it gives in words.

use super::*;
use crate::document::parse;

/// Runs `f` on the scheme `text` as of 1 June 2025, evidence in words.
fn with_context<T>(text: &str, f: impl FnOnce(&Context<'_>) -> T) -> T {
    let (root, errors) = parse(text);
    assert!(errors.is_empty(), "{errors:?}");
    let source = SourceFile::new("s.toml", text);
    f(&Context {
        root: &root,
        as_of: Date::new(2025, 6, 1).unwrap(),
        source: &source,
        words: true,
    })
}

fn eval(rule: &Rule, text: &str) -> Outcome {
    with_context(text, |cx| rule.evaluate(cx))
}

/// Every problem the loader finds in `rule = {rule}`, by message.
fn compile_problems(rule: &str) -> Vec<String> {
    let (root, errors) = parse(&format!("rule = {rule}\n"));
    assert!(errors.is_empty(), "{rule}");
    let mut diagnostics = Vec::new();
    super::compile::Compiler {
        diagnostics: &mut diagnostics,
    }
    .rule(root.lookup("rule").unwrap());
    diagnostics.into_iter().map(|d| d.message).collect()
}

fn s(text: &str) -> String {
    text.to_owned()
}

#[test]
fn present_needs_the_key() {
    let rule = Rule::Present(s("consultation.start"));
    let met = eval(&rule, "[consultation]\nstart = 2025-01-06\n");
    assert_eq!(met.eval, Eval::Met);
    assert_eq!(met.evidence, "`consultation.start` recorded: 6 Jan 2025");
    let missing = eval(&rule, "[consultation]\n");
    assert_eq!(missing.eval, Eval::NotMet);
    assert_eq!(
        missing.evidence,
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
        one.evidence,
        "`engagement.activities` has 1 entry with `groups` \"carers\"; at least 2 needed"
    );
    let two = format!("{text}[[engagement.activities]]\ngroups = [\"carers\"]\n");
    let two = eval(&rule, &two);
    assert_eq!(two.eval, Eval::Met);
    // Exactly enough: the words count them and ask for nothing more.
    assert_eq!(
        two.evidence,
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
        over.evidence,
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
        short.evidence,
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
        partial.evidence,
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
        future.evidence,
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
        inside.evidence,
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
        overlapping.evidence.starts_with("6 Jan 2025 – 31 Mar 2025 overlaps"),
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
        off.evidence,
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
        off.evidence,
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
    assert_eq!(exempt.evidence, "`secretary_of_state.transitional_exemption` is true");
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
        other.evidence,
        "`assurance.decision.basis` is \"commissioner\", not \"joint-committee\", \"icb-delegated\" or \"nhs-england\""
    );
    let eq = Rule::Equals {
        path: s("beds.significant_reduction"),
        value: Value::Bool(true),
    };
    assert_eq!(eval(&eq, "[beds]\nsignificant_reduction = true\n").eval, Eval::Met);
    let no = eval(&eq, "[beds]\nsignificant_reduction = false\n");
    assert_eq!(no.evidence, "`beds.significant_reduction` is false");
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
        bad.evidence,
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
        short.evidence,
        "ran 8 weeks 1 day (57 days, 6 Jan 2025 – 3 Mar 2025, both days counted); at least 12 weeks (84 days) needed"
    );
    let planned = eval(&rule, "[consultation]\nstart = 2025-05-01\nend = 2025-07-24\n");
    assert_eq!(planned.eval, Eval::Met);
    assert!(planned.evidence.starts_with("is planned to run 12 weeks"));
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
            .starts_with("ran 12 weeks (84 days, 26 Sep 2023 – 18 Dec 2023"),
        "{}",
        stated.evidence
    );
    let short = at("2023-12-17");
    assert_eq!(short.eval, Eval::NotMet);
    assert!(short.evidence.contains("(83 days,"), "{}", short.evidence);
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
    assert!(half.evidence.starts_with("`beds.proposed`"), "{}", half.evidence);
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
    assert_eq!(met.evidence, "`beds.proposed` recorded: 1");
    let none = eval(&rule, "[beds]\n");
    assert_eq!(none.eval, Eval::NotMet);
    assert!(none.evidence.starts_with("`beds.baseline`"), "{}", none.evidence);
    assert!(
        none.evidence.contains("; or instead, `beds.proposed`"),
        "{}",
        none.evidence
    );
}

/// A rule can be spoiled by more evidence exactly when `only_grows` says so:
/// for each kind that says it cannot, some recorded value lowers it (which is
/// why the evidence property leaves those kinds out), and for a kind that
/// says it only grows, recording the value it reads raises it.
#[test]
fn only_grows_is_false_exactly_where_more_evidence_can_spoil_a_rule() {
    let spoiled = |rule: &Rule, before: &str, after: &str| {
        assert!(!rule.only_grows(), "{} can be spoiled", rule.operator());
        let (b, a) = (eval(rule, before).eval, eval(rule, after).eval);
        assert!(a < b, "{}: {b:?} then {a:?}", rule.operator());
    };
    spoiled(
        &Rule::Not(Box::new(Rule::Present(s("consultation.start")))),
        "",
        "[consultation]\nstart = 2025-01-06\n",
    );
    spoiled(
        &Rule::Every {
            path: s("commissioners"),
            items: ItemTest {
                filter: vec![(s("supports"), Value::Bool(true))],
                has: Vec::new(),
            },
        },
        "[[commissioners]]\nname = \"A\"\nsupports = true\n",
        "[[commissioners]]\nname = \"A\"\nsupports = true\n[[commissioners]]\nname = \"B\"\nsupports = false\n",
    );
    spoiled(
        &Rule::Total {
            path: s("sites"),
            key: s("beds_before"),
            value_at: s("beds.baseline"),
        },
        "[[sites]]\nname = \"A\"\nbeds_before = 30\n[beds]\nbaseline = 30\n",
        "[[sites]]\nname = \"A\"\nbeds_before = 30\n[[sites]]\nname = \"B\"\nbeds_before = 5\n[beds]\nbaseline = 30\n",
    );
    spoiled(
        &Rule::Count {
            path: s("options.shortlist"),
            value_at: s("consultation.options_consulted"),
        },
        "[options]\nshortlist = [\"A\"]\n[consultation]\noptions_consulted = 1\n",
        "[options]\nshortlist = [\"A\", \"B\"]\n[consultation]\noptions_consulted = 1\n",
    );
    // An upper bound is not met until its value is recorded, so recording
    // evidence can only raise it.
    let at_most = Rule::AtMost {
        path: s("patient_choice.providers_after"),
        bound: Bound::Path(s("patient_choice.providers_before")),
    };
    assert!(at_most.only_grows());
    assert_eq!(
        eval(&at_most, "[patient_choice]\nproviders_before = 6\n").eval,
        Eval::NotMet
    );
    assert_eq!(
        eval(
            &at_most,
            "[patient_choice]\nproviders_after = 3\nproviders_before = 6\n"
        )
        .eval,
        Eval::Met
    );
    let outside = Rule::OutsidePeriods {
        periods: s("consultation.pre_election_periods"),
        from: s("consultation.start"),
        to: None,
    };
    assert!(!outside.only_grows());
    // Combinators inherit: one spoilable part spoils the whole.
    assert!(!Rule::AllOf(vec![Rule::Present(s("a")), outside.clone()]).only_grows());
    assert!(!Rule::AnyOf(vec![Rule::Present(s("a")), outside]).only_grows());
    assert!(Rule::AllOf(vec![Rule::Present(s("a")), at_most]).only_grows());
    assert!(Rule::AllOf(vec![Rule::Present(s("a")), Rule::NonEmpty(s("b"))]).only_grows());
    // And a kind that only grows is raised by recording what it reads.
    let present = Rule::Present(s("consultation.start"));
    assert!(present.only_grows());
    assert!(eval(&present, "[consultation]\nstart = 2025-01-06\n").eval > eval(&present, "").eval);
}

#[test]
fn bounds_read_as_words_in_a_rules_description() {
    let least = Rule::AtLeast {
        path: s("options.long_list"),
        bound: Bound::Value(2.0),
    };
    assert_eq!(least.describe(), "`options.long_list` is at least 2");
    let most = Rule::AtMost {
        path: s("patient_choice.providers_after"),
        bound: Bound::Path(s("patient_choice.providers_before")),
    };
    assert_eq!(
        most.describe(),
        "`patient_choice.providers_after` is at most `patient_choice.providers_before`"
    );
}

/// Exactly `n` items meet `min_items`, and then nothing is listed as missing.
#[test]
fn min_items_at_exactly_n_is_met_with_nothing_missing() {
    let rule = Rule::MinItems {
        path: s("engagement.activities"),
        n: 2,
        items: ItemTest::default(),
    };
    let two = eval(
        &rule,
        "[[engagement.activities]]\nkind = \"survey\"\n[[engagement.activities]]\nkind = \"event\"\n",
    );
    assert_eq!(two.eval, Eval::Met);
    assert!(two.missing.is_empty(), "{:?}", two.missing);
    let one = eval(&rule, "[[engagement.activities]]\nkind = \"survey\"\n");
    assert_eq!(one.eval, Eval::NotMet);
    assert_eq!(one.missing, ["engagement.activities"]);
}

/// A checklist author compares numbers by value, whether written as
/// integers or decimals, and dates by day; different values never match.
#[test]
fn equals_compares_numbers_by_value_and_dates_by_day() {
    let number = Rule::Equals {
        path: s("options.long_list"),
        value: Value::Float(2.0),
    };
    assert_eq!(eval(&number, "[options]\nlong_list = 2\n").eval, Eval::Met);
    assert_eq!(eval(&number, "[options]\nlong_list = 3\n").eval, Eval::NotMet);
    let (date_doc, _) = parse("d = 2025-01-06\n");
    let date = Rule::Equals {
        path: s("consultation.start"),
        value: date_doc.lookup("d").unwrap().value.clone(),
    };
    assert_eq!(eval(&date, "[consultation]\nstart = 2025-01-06\n").eval, Eval::Met);
    assert_eq!(eval(&date, "[consultation]\nstart = 2025-01-07\n").eval, Eval::NotMet);
    assert!(
        !values_equal(&Value::Integer(1), &Value::Bool(true)),
        "no match across kinds"
    );
}

/// Evidence quotes text of up to 60 characters whole and describes longer
/// text by its length: never a quotation cut short.
#[test]
fn long_text_is_described_never_cut_short() {
    let sixty = "x".repeat(60);
    assert_eq!(show(&Value::String(sixty.clone())), format!("\"{sixty}\""));
    let long = show(&Value::String(format!("{} y", "y".repeat(59))));
    assert_eq!(long, "a text of 2 words");
}

/// The paths a rule reads, through combinators, bounds and both sides of a
/// comparison: what the checklist tests hold to the scheme format.
#[test]
fn a_rule_names_every_path_it_reads() {
    let rule = Rule::AllOf(vec![
        Rule::Present(s("a.b")),
        Rule::Not(Box::new(Rule::NonEmpty(s("c")))),
        Rule::AtMost {
            path: s("d"),
            bound: Bound::Path(s("e")),
        },
        Rule::Total {
            path: s("sites"),
            key: s("beds_before"),
            value_at: s("beds.baseline"),
        },
        Rule::OutsidePeriods {
            periods: s("p"),
            from: s("f"),
            to: Some(s("t")),
        },
        Rule::Judgement,
    ]);
    assert_eq!(
        rule.paths(),
        ["a.b", "c", "d", "e", "sites", "beds.baseline", "p", "f", "t"]
    );
}

/// `non_empty` on a table: a table with no keys is empty, one with a key is
/// not.
#[test]
fn non_empty_on_a_table_needs_a_key_in_it() {
    let rule = Rule::NonEmpty(s("clinical_model"));
    assert_eq!(eval(&rule, "[clinical_model]\n").eval, Eval::NotMet);
    assert_eq!(eval(&rule, "[clinical_model]\nsummary = \"x\"\n").eval, Eval::Met);
}

/// A numeric operator on a field that is not a number is refused when the
/// checklist loads: it could never be met.
#[test]
fn numeric_operators_need_numeric_fields() {
    let problems = compile_problems;
    assert!(problems("{ at_least = \"options.long_list\", value = 2 }").is_empty());
    let wrong = problems("{ at_least = \"scheme.name\", value = 2 }");
    assert_eq!(wrong.len(), 1, "{wrong:?}");
    assert!(wrong[0].contains("but this operator needs a number"), "{wrong:?}");
}

/// What the loader refuses in a rule table, and what it accepts: each
/// modifier is checked against the scheme format, so a typo can never leave
/// a rule silently unmeetable.
#[test]
fn the_loader_checks_each_modifier_against_the_scheme_format() {
    let problems = |rule: &str| compile_problems(rule).join(" | ");
    let cases = [
        (
            "{ min_items = \"engagement.activities\", n = 1, where = { kind = \"survey\" } }",
            "",
        ),
        (
            "{ min_items = \"engagement.activities\", n = 1, where = { knd = \"survey\" } }",
            "`where` names `knd`",
        ),
        ("{ every = \"commissioners\", has = [\"supports\"] }", ""),
        (
            "{ every = \"commissioners\", has = [\"suports\"] }",
            "`has` names `suports`",
        ),
        ("{ one_of = \"scheme.permanence\", values = [\"permanent\"] }", ""),
        (
            "{ one_of = \"scheme.permanence\", values = [] }",
            "needs a non-empty `values` list",
        ),
        (
            "{ total = \"sites\", key = \"beds_before\", value_at = \"beds.baseline\" }",
            "",
        ),
        (
            "{ total = \"sites\", key = \"name\", value_at = \"beds.baseline\" }",
            "`key` names `name`",
        ),
        (
            "{ total = \"sites\", key = \"bed\", value_at = \"beds.baseline\" }",
            "`key` names `bed`",
        ),
        (
            "{ outside_periods = \"consultation.pre_election_periods\", from = \"consultation.start\" }",
            "",
        ),
        (
            "{ outside_periods = \"sites\", from = \"consultation.start\" }",
            "needs a list of tables with `from` and `to` dates",
        ),
        // Items with a date that is not a `from`–`to` range are no periods.
        (
            "{ outside_periods = \"engagement.activities\", from = \"consultation.start\" }",
            "needs a list of tables with `from` and `to` dates",
        ),
    ];
    for (rule, expected) in cases {
        let found = problems(rule);
        if expected.is_empty() {
            assert!(found.is_empty(), "{rule}: {found}");
        } else {
            assert!(found.contains(expected), "{rule}: expected {expected:?}, got {found:?}");
        }
    }
}

/// A date recorded without its day is the whole month or year: a rule
/// decides on it where every day gives the same answer, and otherwise asks
/// for the day (missing evidence, not failing); one recorded as done cannot
/// serve a rule that needs the day, and says that.
#[test]
fn partial_dates_decide_only_where_every_day_agrees() {
    let rule = Rule::DateOrder(vec!["options.criteria_changed".into(), "consultation.start".into()]);
    let order = |changed: &str, start: &str| {
        eval(
            &rule,
            &format!("[options]\ncriteria_changed = {changed}\n[consultation]\nstart = {start}\n"),
        )
    };
    let after = order("\"2018-12\"", "2018-02-02");
    assert_eq!(after.eval, Eval::NotMet);
    assert_eq!(
        after.evidence,
        "`options.criteria_changed` (recorded as 2018-12, without its day) comes after `consultation.start` (2 Feb 2018), not before it"
    );
    assert!(after.against);
    let year = order("\"2017\"", "2018-02-02");
    assert_eq!(year.eval, Eval::Met, "{}", year.evidence);
    // September 2024 may fall either side of 2 September 2024.
    let unsure = order("\"2024-09\"", "2024-09-02");
    assert_eq!(unsure.eval, Eval::NotMet);
    assert!(!unsure.against);
    assert_eq!(unsure.missing, ["options.criteria_changed"]);
    assert!(
        unsure
            .evidence
            .ends_with("record the day of `options.criteria_changed`"),
        "{}",
        unsure.evidence
    );
    // The other way round: the later date is the one without its day, and
    // it is the one whose day is asked for.
    let unsure_later = order("2024-09-02", "\"2024-09\"");
    assert_eq!(unsure_later.eval, Eval::NotMet);
    assert_eq!(unsure_later.missing, ["consultation.start"]);
    assert!(
        unsure_later
            .evidence
            .ends_with("record the day of `consultation.start`"),
        "{}",
        unsure_later.evidence
    );
    let done = order("\"done\"", "2018-02-02");
    assert_eq!(done.eval, Eval::NotMet);
    assert!(
        done.evidence
            .ends_with("is recorded as done without its date, which this rule needs")
    );
    assert_eq!(done.missing, ["options.criteria_changed"]);
    // Recorded as done is recorded, and has happened.
    let present = eval(
        &Rule::Present("options.criteria_changed".into()),
        "[options]\ncriteria_changed = \"done\"\n",
    );
    assert_eq!(present.eval, Eval::Met);
    let happened = eval(
        &Rule::BeforeAsOf("options.criteria_changed".into()),
        "[options]\ncriteria_changed = \"done\"\n",
    );
    assert_eq!(happened.eval, Eval::Met);
    // The as-of date (1 June 2025) falls inside June 2025.
    let june = eval(
        &Rule::BeforeAsOf("options.criteria_changed".into()),
        "[options]\ncriteria_changed = \"2025-06\"\n",
    );
    assert!(
        june.evidence.contains("may fall before or after the as-of date"),
        "{}",
        june.evidence
    );
    // A consultation from some day in September 2024 to 2 December 2024 is
    // 84 days or more only if it began by 9 September.
    let period = Rule::PeriodWeeks {
        from: s("consultation.start"),
        to: s("consultation.end"),
        weeks: 12,
    };
    let weeks = |start: &str| eval(&period, &format!("[consultation]\nstart = {start}\nend = 2024-12-02\n"));
    assert!(
        weeks("\"2024-09\"")
            .evidence
            .contains("may be shorter or longer than 12 weeks")
    );
    assert_eq!(weeks("\"2024-08\"").eval, Eval::Met);
    assert!(
        weeks("\"2024-08\"").evidence.contains("between 94 and 124 days"),
        "{}",
        weeks("\"2024-08\"").evidence
    );
    assert_eq!(weeks("\"2024-10\"").eval, Eval::NotMet);
    // An end without its day: from 10 September 2024 to some day of
    // December 2024 is 83 to 113 days, so the end's day is asked for.
    let open_end = eval(&period, "[consultation]\nstart = 2024-09-10\nend = \"2024-12\"\n");
    assert_eq!(open_end.eval, Eval::NotMet);
    assert_eq!(open_end.missing, ["consultation.end"]);
    assert!(
        open_end.evidence.ends_with("record the day of `consultation.end`"),
        "{}",
        open_end.evidence
    );
}

/// As a condition (the bed test applies where beds fall), a site that
/// records its beds before but not after leaves the fall unknown: the
/// criterion must wait for that figure, never be set aside as not applying.
#[test]
fn total_falls_as_a_condition_is_unknown_while_a_site_lacks_a_figure() {
    let rule = Rule::TotalFalls {
        path: s("sites"),
        key: s("beds_before"),
        to_key: s("beds_after"),
    };
    let decide = |text: &str| with_context(text, |cx| rule.decide(cx));
    let half =
        "[[sites]]\nname = \"A\"\nbeds_before = 40\n[[sites]]\nname = \"B\"\nbeds_before = 10\nbeds_after = 10\n";
    assert_eq!(decide(half), Decision::Unknown(vec![s("sites[0].beds_after")]));
    let falls = "[[sites]]\nname = \"A\"\nbeds_before = 40\nbeds_after = 30\n";
    assert_eq!(decide(falls), Decision::Holds);
    let level = "[[sites]]\nname = \"A\"\nbeds_before = 40\nbeds_after = 40\n";
    assert_eq!(decide(level), Decision::Fails);
    // No sites at all: the other reading of the figures (the totals) decides.
    assert_eq!(decide("[beds]\nbaseline = 40\n"), Decision::Fails);
}

#[test]
fn total_falls_compares_two_figures_item_by_item_across_a_list() {
    let rule = Rule::TotalFalls {
        path: s("sites"),
        key: s("beds_before"),
        to_key: s("beds_after"),
    };
    let site = |name: &str, before: &str, after: &str| format!("[[sites]]\nname = \"{name}\"\n{before}{after}");
    // 40 beds close at one site and 30 open at another: a net fall of 10.
    let moved = eval(
        &rule,
        &(site("A", "beds_before = 40\n", "beds_after = 0\n") + &site("B", "beds_before = 0\n", "beds_after = 30\n")),
    );
    assert_eq!(moved.eval, Eval::Met);
    assert_eq!(
        moved.evidence,
        "`beds_after` across `sites` adds up to 30 against 40 `beds_before`"
    );
    // A relocation with no net fall, and a rise, are not met.
    let level = eval(
        &rule,
        &(site("A", "beds_before = 40\n", "beds_after = 0\n") + &site("B", "beds_before = 0\n", "beds_after = 40\n")),
    );
    assert_eq!(level.eval, Eval::NotMet);
    // An item with one figure and not the other leaves the totals unknown;
    // one with neither takes no part.
    let partial = eval(
        &rule,
        &(site("A", "beds_before = 40\n", "beds_after = 20\n")
            + &site("B", "beds_before = 10\n", "")
            + &site("C", "", "")),
    );
    assert_eq!(partial.eval, Eval::NotMet);
    assert_eq!(partial.missing, ["sites[1].beds_after"]);
    let none = eval(&rule, &site("A", "", ""));
    assert_eq!(none.eval, Eval::NotMet);
    assert_eq!(none.missing, ["sites.beds_before"]);
}

#[test]
fn total_falls_needs_both_keys_and_numeric_ones() {
    let problems = compile_problems;
    assert!(problems("{ total_falls = \"sites\", key = \"beds_before\", to_key = \"beds_after\" }").is_empty());
    let missing = problems("{ total_falls = \"sites\", key = \"beds_before\" }");
    assert_eq!(missing.len(), 1, "{missing:?}");
    assert!(missing[0].contains("`total_falls` needs `to_key`"), "{missing:?}");
    let typo = problems("{ total_falls = \"sites\", key = \"beds_befor\", to_key = \"beds_after\" }");
    assert_eq!(typo.len(), 1, "{typo:?}");
    assert!(
        typo[0].contains("`key` names `beds_befor`, which items of `sites` do not have"),
        "{typo:?}"
    );
}

/// A consultation shorter than 12 weeks with no reason recorded is judged
/// on both alternatives: the words keep the deciding figure (how long it
/// ran) rather than only the alternative that came nearer.
#[test]
fn an_unmet_alternative_keeps_the_deciding_figure() {
    let rule = Rule::AnyOf(vec![
        Rule::PeriodWeeks {
            from: s("consultation.start"),
            to: s("consultation.end"),
            weeks: 12,
        },
        Rule::AllOf(vec![
            Rule::Present(s("consultation.end")),
            Rule::NonEmpty(s("consultation.shorter_reason")),
        ]),
    ]);
    let short = eval(&rule, "[consultation]\nstart = 2018-02-02\nend = 2018-04-20\n");
    assert_eq!(short.eval, Eval::Partly);
    assert_eq!(
        short.evidence,
        "ran 11 weeks 1 day (78 days, 2 Feb 2018 – 20 Apr 2018, both days counted); \
         at least 12 weeks (84 days) needed; or instead, `consultation.shorter_reason` (why the consultation is \
         shorter than 12 weeks, if it is) not recorded"
    );
    // Recorded evidence fails (the period) and a fact is missing (the reason).
    assert!(short.against);
    assert_eq!(short.missing, ["consultation.shorter_reason"]);
}

/// Entries are named by their own names, each with what it lacks and what
/// it has; an entry without a name by its place in the list.
#[test]
fn every_names_each_entry_that_falls_short() {
    let rule = Rule::Every {
        path: s("commissioners"),
        items: ItemTest {
            filter: vec![(s("supports"), Value::Bool(true))],
            has: vec![s("resolution_date")],
        },
    };
    let scheme = "[[commissioners]]\nname = \"NHS England South East\"\nsupports = true\n\n\
                  [[commissioners]]\nsupports = false\nresolution_date = 2025-01-06\n";
    assert_eq!(
        eval(&rule, scheme).evidence,
        "`commissioners` (both fall short): \"NHS England South East\": `resolution_date` not recorded \
         (has `supports` true); entry 2: `supports` is false (has `resolution_date` recorded)"
    );
    let one = "[[commissioners]]\nname = \"A\"\nsupports = true\nresolution_date = 2025-01-06\n";
    assert_eq!(
        eval(&rule, one).evidence,
        "`commissioners`: its one entry has `supports` true and `resolution_date` recorded"
    );
}

/// "At least one" is said as "no entry", not "0 item(s); at least 1".
#[test]
fn a_missing_entry_is_said_plainly() {
    let rule = Rule::MinItems {
        path: s("consultation.documents"),
        n: 1,
        items: ItemTest {
            filter: vec![(s("kind"), Value::String(s("easy-read")))],
            has: vec![],
        },
    };
    let none = eval(&rule, "[[consultation.documents]]\nkind = \"full\"\n");
    assert_eq!(
        none.evidence,
        "`consultation.documents` has no entry with `kind` \"easy-read\""
    );
    assert_eq!(none.missing, ["consultation.documents with `kind` \"easy-read\""]);
}

/// A rule's description reads as a sentence: combinations inside others
/// are bracketed, and a negation is said as the opposite, not as "not (…)".
#[test]
fn descriptions_read_as_sentences() {
    let substantial = Rule::Equals {
        path: s("scheme.substantial"),
        value: Value::Bool(true),
    };
    let councils = Rule::MinItems {
        path: s("local_authorities"),
        n: 1,
        items: ItemTest {
            filter: vec![(s("considers_substantial"), Value::Bool(true))],
            has: vec![],
        },
    };
    let rule = Rule::AllOf(vec![
        Rule::AnyOf(vec![substantial.clone(), councils.clone()]),
        Rule::Present(s("scrutiny.consultation_start")),
    ]);
    assert_eq!(
        rule.describe(),
        "(either `scheme.substantial` is true, or `local_authorities` has an entry with \
         `considers_substantial` true) and `scrutiny.consultation_start` is recorded"
    );
    // One part alone is not bracketed.
    assert_eq!(
        Rule::AllOf(vec![substantial.clone()]).describe_part(),
        "`scheme.substantial` is true"
    );
    let not = |r: Rule| Rule::Not(Box::new(r)).describe();
    assert_eq!(
        not(Rule::Present(s("consultation.start"))),
        "`consultation.start` is not recorded"
    );
    assert_eq!(
        not(councils),
        "`local_authorities` has no entry with `considers_substantial` true"
    );
    assert_eq!(
        not(Rule::AtLeast {
            path: s("beds.proposed"),
            bound: Bound::Path(s("beds.baseline")),
        }),
        "`beds.proposed` is below `beds.baseline`"
    );
    assert_eq!(
        not(Rule::AtMost {
            path: s("beds.proposed"),
            bound: Bound::Value(10.0),
        }),
        "`beds.proposed` is above 10"
    );
    assert_eq!(
        not(Rule::OneOf {
            path: s("scheme.urgency"),
            values: vec![Value::String(s("urgent")), Value::String(s("planned"))],
        }),
        "`scheme.urgency` is not \"urgent\" or \"planned\""
    );
    assert_eq!(
        not(Rule::BeforeAsOf(s("urgent_change.planned_end"))),
        "`urgent_change.planned_end` is after the scheme's as-of date"
    );
    assert_eq!(
        not(Rule::AllOf(vec![substantial, Rule::Present(s("scheme.urgency"))])),
        "it is not the case that (`scheme.substantial` is true and `scheme.urgency` is recorded)"
    );
    let two = Rule::MinItems {
        path: s("options.shortlist"),
        n: 2,
        items: ItemTest::default(),
    };
    assert_eq!(two.describe(), "`options.shortlist` has at least 2 entries");
    assert_eq!(
        Rule::Every {
            path: s("commissioners"),
            items: ItemTest {
                filter: vec![],
                has: vec![s("resolution_date")],
            },
        }
        .describe(),
        "`commissioners` has entries and every one has `resolution_date` recorded"
    );
}

/// An entry with the wrong value of a choice says what it is and what is
/// wanted; a yes-or-no says only what it is.
#[test]
fn an_entry_with_the_wrong_choice_names_the_one_wanted() {
    let rule = Rule::Every {
        path: s("commissioners"),
        items: ItemTest {
            filter: vec![(s("type"), Value::String(s("icb"))), (s("supports"), Value::Bool(true))],
            has: vec![],
        },
    };
    let scheme = "[[commissioners]]\nname = \"NHS Kent\"\ntype = \"ccg\"\nsupports = false\n";
    assert_eq!(
        eval(&rule, scheme).evidence,
        "`commissioners`: \"NHS Kent\": `type` is \"ccg\", not \"icb\" and `supports` is false"
    );
}

/// A document's date names the document it belongs to; a field that is
/// not a document's keeps its own words.
#[test]
fn a_documents_date_names_its_document() {
    assert_eq!(
        gloss("engagement.plan.date"),
        "`engagement.plan.date` (date the plan was published or approved)"
    );
    assert_eq!(
        gloss("case_for_change.published.date"),
        "`case_for_change.published.date` (date the case for change was published or approved)"
    );
    assert_eq!(
        gloss("consultation.start"),
        "`consultation.start` (date public consultation opens)"
    );
}

/// How many entries fall short, in words: one, two, some or all of them.
#[test]
fn the_entries_that_fall_short_are_counted_in_words() {
    let rule = Rule::Every {
        path: s("commissioners"),
        items: ItemTest {
            filter: vec![],
            has: vec![s("resolution_date")],
        },
    };
    let entry = |name: &str, dated: bool| {
        format!(
            "[[commissioners]]\nname = \"{name}\"\n{}",
            if dated { "resolution_date = 2025-01-06\n" } else { "" }
        )
    };
    let two_of_three = [entry("A", false), entry("B", false), entry("C", true)].concat();
    assert!(
        eval(&rule, &two_of_three)
            .evidence
            .starts_with("`commissioners` (2 of the 3 fall short): "),
        "{}",
        eval(&rule, &two_of_three).evidence
    );
    let all_three = [entry("A", false), entry("B", false), entry("C", false)].concat();
    // Entries short of the same thing are named together, the shortfall once.
    assert_eq!(
        eval(&rule, &all_three).evidence,
        "`commissioners` (all 3 fall short): \"A\", \"B\", \"C\": `resolution_date` not recorded"
    );
    let both = [entry("A", false), entry("B", false)].concat();
    assert!(
        eval(&rule, &both)
            .evidence
            .starts_with("`commissioners` (both fall short): ")
    );
}
