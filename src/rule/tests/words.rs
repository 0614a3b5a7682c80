//! Rules and their evidence in words: descriptions that read as
//! sentences, and shortfalls said plainly.

use super::*;

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
        eval(&rule, scheme).evidence.to_string(),
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
            .to_string()
            .starts_with("`commissioners` (2 of the 3 fall short): "),
        "{}",
        eval(&rule, &two_of_three).evidence.to_string()
    );
    let all_three = [entry("A", false), entry("B", false), entry("C", false)].concat();
    // Entries short of the same thing are named together, the shortfall once.
    assert_eq!(
        eval(&rule, &all_three).evidence.to_string(),
        "`commissioners` (all 3 fall short): \"A\", \"B\", \"C\": `resolution_date` not recorded"
    );
    let both = [entry("A", false), entry("B", false)].concat();
    assert!(
        eval(&rule, &both)
            .evidence
            .to_string()
            .starts_with("`commissioners` (both fall short): ")
    );
}
