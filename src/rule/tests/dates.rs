//! Dates recorded without their day, figures compared across lists, and
//! lists whose entries fall short.

use super::*;

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
        after.evidence.to_string(),
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
    assert_eq!(
        unsure.evidence.to_string(),
        "`options.criteria_changed` (recorded as 2024-09, without its day) may fall before or after \
         `consultation.start` (2 Sep 2024): record the day of `options.criteria_changed`"
    );
    // The other way round: the later date is the one without its day, and
    // it is the one whose day is asked for.
    let unsure_later = order("2024-09-02", "\"2024-09\"");
    assert_eq!(unsure_later.eval, Eval::NotMet);
    assert_eq!(unsure_later.missing, ["consultation.start"]);
    assert!(
        unsure_later
            .evidence
            .to_string()
            .ends_with("record the day of `consultation.start`"),
        "{}",
        unsure_later.evidence
    );
    let done = order("\"done\"", "2018-02-02");
    assert_eq!(done.eval, Eval::NotMet);
    assert!(
        done.evidence
            .to_string()
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
        june.evidence
            .to_string()
            .contains("may fall before or after the as-of date"),
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
            .to_string()
            .contains("may be shorter or longer than 12 weeks")
    );
    assert_eq!(weeks("\"2024-08\"").eval, Eval::Met);
    assert!(
        weeks("\"2024-08\"")
            .evidence
            .to_string()
            .contains("between 94 and 124 days"),
        "{}",
        weeks("\"2024-08\"").evidence.to_string()
    );
    assert_eq!(weeks("\"2024-10\"").eval, Eval::NotMet);
    // An end without its day: from 10 September 2024 to some day of
    // December 2024 is 83 to 113 days, so the end's day is asked for.
    let open_end = eval(&period, "[consultation]\nstart = 2024-09-10\nend = \"2024-12\"\n");
    assert_eq!(open_end.eval, Eval::NotMet);
    assert_eq!(open_end.missing, ["consultation.end"]);
    assert!(
        open_end
            .evidence
            .to_string()
            .ends_with("record the day of `consultation.end`"),
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
        moved.evidence.to_string(),
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
        short.evidence.to_string(),
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
        eval(&rule, scheme).evidence.to_string(),
        "`commissioners` (both fall short): \"NHS England South East\": `resolution_date` not recorded \
         (has `supports` true); entry 2: `supports` is false (has `resolution_date` recorded)"
    );
    let one = "[[commissioners]]\nname = \"A\"\nsupports = true\nresolution_date = 2025-01-06\n";
    assert_eq!(
        eval(&rule, one).evidence.to_string(),
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
        none.evidence.to_string(),
        "`consultation.documents` has no entry with `kind` \"easy-read\""
    );
    assert_eq!(none.missing, ["consultation.documents with `kind` \"easy-read\""]);
}

/// A date within fixed bounds, both days counted: the first and the last
/// day allowed are within; a day either side is not; a month without its
/// day decides only where every day of it falls on one side of each bound.
#[test]
fn date_between_counts_both_bounds_and_asks_for_the_day_only_across_one() {
    let rule = Rule::DateBetween {
        path: "consultation.start".into(),
        on_or_after: Some(jiff::civil::date(2013, 4, 1)),
        on_or_before: Some(jiff::civil::date(2024, 1, 30)),
    };
    let at = |start: &str| eval(&rule, &format!("[consultation]\nstart = {start}\n"));
    for inside in ["2013-04-01", "2018-06-15", "2024-01-30", "\"2020-05\"", "\"2015\""] {
        assert_eq!(at(inside).eval, Eval::Met, "{inside}: {}", at(inside).evidence);
    }
    for outside in ["2013-03-31", "2024-01-31", "\"2024-02\"", "\"2012\""] {
        let outcome = at(outside);
        assert_eq!(outcome.eval, Eval::NotMet, "{outside}");
        assert!(outcome.against, "{outside}: a date outside is evidence against");
        assert!(outcome.missing.is_empty(), "{outside}");
    }
    assert_eq!(
        at("2024-03-01").evidence.to_string(),
        "`consultation.start` (1 Mar 2024) is outside the dates allowed (from 1 Apr 2013 to 30 Jan 2024)"
    );
    assert_eq!(
        at("2019-01-10").evidence.to_string(),
        "`consultation.start` (10 Jan 2019) is within the dates allowed (from 1 Apr 2013 to 30 Jan 2024)"
    );
    // January 2024 and the year 2013 each straddle a bound.
    for straddling in ["\"2024-01\"", "\"2013\""] {
        let outcome = at(straddling);
        assert_eq!(outcome.eval, Eval::NotMet, "{straddling}");
        assert!(!outcome.against, "{straddling}: undecided, not against");
        assert_eq!(outcome.missing, ["consultation.start"], "{straddling}");
    }
    assert!(
        at("\"2024-01\"").evidence.to_string().starts_with(
            "`consultation.start` (recorded as 2024-01, without its day) may fall inside or outside the dates allowed"
        ),
        "{}",
        at("\"2024-01\"").evidence
    );
    // A month whose last day is the first allowed, or whose first day is
    // the last allowed, still straddles the bound.
    let edges = Rule::DateBetween {
        path: "consultation.start".into(),
        on_or_after: Some(jiff::civil::date(2013, 3, 31)),
        on_or_before: Some(jiff::civil::date(2024, 1, 1)),
    };
    for straddling in ["\"2013-03\"", "\"2024-01\""] {
        let outcome = eval(&edges, &format!("[consultation]\nstart = {straddling}\n"));
        assert_eq!(
            outcome.missing,
            ["consultation.start"],
            "{straddling}: {}",
            outcome.evidence
        );
    }
    assert_eq!(at("\"done\"").eval, Eval::NotMet);
    assert_eq!(
        at("\"done\"").missing,
        ["consultation.start"],
        "done, without the date this rule needs"
    );
    let missing = eval(&rule, "[consultation]\nend = 2020-01-01\n");
    assert_eq!(missing.missing, ["consultation.start"]);

    // One bound only.
    let until = Rule::DateBetween {
        path: "consultation.start".into(),
        on_or_after: None,
        on_or_before: Some(jiff::civil::date(2024, 1, 30)),
    };
    let until_at = |start: &str| eval(&until, &format!("[consultation]\nstart = {start}\n")).eval;
    assert_eq!(until_at("1999-01-01"), Eval::Met);
    assert_eq!(until_at("2024-01-31"), Eval::NotMet);
    let from = Rule::DateBetween {
        path: "consultation.start".into(),
        on_or_after: Some(jiff::civil::date(2013, 4, 1)),
        on_or_before: None,
    };
    let from_at = |start: &str| eval(&from, &format!("[consultation]\nstart = {start}\n")).eval;
    assert_eq!(from_at("2040-01-01"), Eval::Met);
    assert_eq!(from_at("2013-03-31"), Eval::NotMet);
    assert_eq!(from.describe(), "`consultation.start` is dated on or after 1 Apr 2013");
    assert_eq!(
        until.describe(),
        "`consultation.start` is dated on or before 30 Jan 2024"
    );
    assert_eq!(
        rule.describe(),
        "`consultation.start` is dated from 1 Apr 2013 to 30 Jan 2024"
    );
}

#[test]
fn date_between_needs_a_bound_in_order_and_a_date_field() {
    assert_eq!(
        compile_problems("{ date_between = \"consultation.start\" }"),
        ["`date_between` needs `on_or_after`, `on_or_before` or both"]
    );
    assert_eq!(
        compile_problems(
            "{ date_between = \"consultation.start\", on_or_after = 2024-01-31, on_or_before = 2024-01-30 }"
        ),
        ["`on_or_after` (2024-01-31) is later than `on_or_before` (2024-01-30): no date could meet this rule"]
    );
    assert!(
        compile_problems(
            "{ date_between = \"consultation.start\", on_or_after = 2024-01-30, on_or_before = 2024-01-30 }"
        )
        .is_empty()
    );
    let wrong = compile_problems("{ date_between = \"scheme.name\", on_or_before = 2024-01-30 }");
    assert_eq!(wrong.len(), 1, "{wrong:?}");
    assert!(wrong[0].contains("needs a date"), "{wrong:?}");
}
