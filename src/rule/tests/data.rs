//! Evidence is data: a rule records the facts it read (paths, counts,
//! dates, lines), and only `Display` puts them into words.

use super::*;
use crate::evidence::{Dated, Evidence, Fact, Shown};

#[test]
fn a_period_records_its_days_and_dates() {
    let rule = Rule::PeriodWeeks {
        from: s("consultation.start"),
        to: s("consultation.end"),
        weeks: 12,
    };
    let outcome = eval(&rule, "[consultation]\nstart = 2025-01-06\nend = 2025-03-03\n");
    let (jan, mar) = (Date::new(2025, 1, 6).unwrap(), Date::new(2025, 3, 3).unwrap());
    assert_eq!(
        outcome.evidence.fact(),
        Some(&Fact::Period {
            ran: true,
            shortest: 57,
            longest: 57,
            start: Dated::Day(jan),
            end: Dated::Day(mar),
            weeks: 12,
        })
    );
}

#[test]
fn a_count_records_both_figures_and_their_lines() {
    let rule = Rule::Count {
        path: s("options.shortlist"),
        value_at: s("consultation.options_consulted"),
    };
    let text = "[options]\nshortlist = [\"a\", \"b\", \"c\"]\n[consultation]\noptions_consulted = 2\n";
    let outcome = eval(&rule, text);
    assert_eq!(
        outcome.evidence.fact(),
        Some(&Fact::Count {
            path: s("options.shortlist"),
            count: 3,
            line: 2,
            value_at: s("consultation.options_consulted"),
            expected: 2.0,
            expected_line: 4,
            agree: false,
        })
    );
}

#[test]
fn a_combination_keeps_each_part_and_words_each_fact_once() {
    // Two parts asking for the same missing fact: the data keeps both, the
    // words say it once.
    let rule = Rule::AllOf(vec![
        Rule::Present(s("beds.baseline")),
        Rule::Present(s("beds.baseline")),
    ]);
    let outcome = eval(&rule, "[beds]\nproposed = 1\n");
    let missing = Evidence::from(Fact::NotRecorded {
        path: s("beds.baseline"),
    });
    assert_eq!(
        outcome.evidence.fact(),
        Some(&Fact::Unmet(vec![missing.clone(), missing]))
    );
    assert_eq!(
        outcome.evidence.to_string(),
        "`beds.baseline` (beds in the affected services now) not recorded"
    );
}

#[test]
fn a_long_text_is_kept_as_its_word_count_not_quoted() {
    let long = "word ".repeat(20);
    let outcome = eval(
        &Rule::Present(s("scheme.summary")),
        &format!("[scheme]\nsummary = \"{long}\"\n"),
    );
    assert_eq!(
        outcome.evidence.fact(),
        Some(&Fact::Recorded {
            path: s("scheme.summary"),
            value: Shown::LongText { words: 20 },
        })
    );
}

#[test]
fn without_words_nothing_is_gathered() {
    let (root, _) = crate::document::parse("[beds]\nproposed = 1\n");
    let source = SourceFile::new("s.toml", "");
    let cx = Context {
        root: &root,
        as_of: Date::new(2025, 6, 1).unwrap(),
        source: &source,
        words: false,
    };
    let outcome = Rule::Present(s("beds.baseline")).evaluate(&cx);
    assert_eq!(outcome.evidence, Evidence::default());
    assert_eq!(outcome.evidence.fact(), None);
    assert_eq!(outcome.evidence.to_string(), "");
    assert_eq!(outcome.missing, [s("beds.baseline")]);
}

#[test]
fn dates_in_order_are_each_named_once_in_their_order() {
    let rule = Rule::DateOrder(vec![
        s("assurance.stage2.date"),
        s("consultation.start"),
        s("consultation.end"),
    ]);
    let text = "[assurance.stage2]\ndate = 2024-11-20\n[consultation]\nstart = \"2025-01\"\nend = 2025-04-01\n";
    let outcome = eval(&rule, text);
    assert_eq!(outcome.eval, Eval::Met);
    assert_eq!(
        outcome.evidence.to_string(),
        "in order: `assurance.stage2.date` (20 Nov 2024), then `consultation.start` (recorded as 2025-01, \
         without its day), then `consultation.end` (1 Apr 2025)"
    );
}

#[test]
fn a_period_without_a_name_is_named_by_its_place_from_one() {
    // The built-in list of pre-election periods requires a name; a list an
    // organisation's checklist points at may not have one.
    let rule = Rule::OutsidePeriods {
        periods: s("consultation.pre_election_periods"),
        from: s("consultation.start"),
        to: None,
    };
    let text = "[consultation]\nstart = 2025-04-07\n\
                [[consultation.pre_election_periods]]\nfrom = 2025-03-24\nto = 2025-05-01\n";
    let outcome = eval(&rule, text);
    assert_eq!(
        outcome.evidence.to_string(),
        "`consultation.start` (7 Apr 2025) overlaps period 1 (24 Mar 2025 – 1 May 2025, line 3)"
    );
}
