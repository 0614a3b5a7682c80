//! What the loader and the rule's own accounts hold: which kinds only
//! grow with more evidence, the paths a rule reads, and the problems a
//! checklist's rule is refused for.

use super::*;

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
