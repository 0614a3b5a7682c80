//! `if_recorded`: a rule asked only where a value is recorded, and a part
//! that asks nothing earns no partial credit.

use super::*;

/// Where the due date is recorded, the answer must come on or before it.
fn on_time() -> Rule {
    Rule::IfRecorded {
        path: s("scrutiny.joint_committee.nhs_response_due"),
        then: Box::new(Rule::DateOrder(vec![
            s("scrutiny.joint_committee.nhs_response_date"),
            s("scrutiny.joint_committee.nhs_response_due"),
        ])),
    }
}

/// Answered, and on time where a date was agreed.
fn answered() -> Rule {
    Rule::AllOf(vec![
        Rule::Present(s("scrutiny.joint_committee.nhs_response_date")),
        on_time(),
    ])
}

fn committee(keys: &str) -> String {
    format!("[scrutiny.joint_committee]\nname = \"JHOSC\"\n{keys}")
}

#[test]
fn where_the_value_is_recorded_the_inner_rule_decides_and_else_nothing_is_asked() {
    let late = eval(
        &on_time(),
        &committee("nhs_response_due = 2025-04-30\nnhs_response_date = 2025-05-02\n"),
    );
    assert_eq!(late.eval, Eval::NotMet);
    assert!(late.against, "a late answer fails on what is recorded");
    assert!(!late.vacuous);
    let in_time = eval(
        &on_time(),
        &committee("nhs_response_due = 2025-04-30\nnhs_response_date = 2025-04-30\n"),
    );
    assert_eq!(in_time.eval, Eval::Met);
    assert!(!in_time.vacuous);
    let no_date_agreed = eval(&on_time(), &committee("nhs_response_date = 2025-05-02\n"));
    assert_eq!(no_date_agreed.eval, Eval::Met);
    assert!(no_date_agreed.vacuous);
    assert!(no_date_agreed.missing.is_empty());
    assert_eq!(
        no_date_agreed.evidence.to_string(),
        "`scrutiny.joint_committee.nhs_response_due` is not recorded, so nothing depends on it"
    );
}

/// "Answered, and on time if a date was agreed": with no answer and no
/// date agreed, nothing has been done, so it is not met rather than partly
/// met (as it was when "no date agreed" counted as a part met).
#[test]
fn a_part_that_asks_nothing_is_no_progress_in_all_of() {
    let unanswered = eval(&answered(), &committee("response = \"Objects\"\n"));
    assert_eq!(unanswered.eval, Eval::NotMet);
    assert!(
        !unanswered.against,
        "a missing answer is not evidence against the scheme"
    );
    assert_eq!(unanswered.missing, ["scrutiny.joint_committee.nhs_response_date"]);
    assert_eq!(
        unanswered.evidence.to_string(),
        "`scrutiny.joint_committee.nhs_response_date` (date the NHS body answered them in writing) not recorded"
    );
    // Answered late: one part met, one not.
    let late = eval(
        &answered(),
        &committee("nhs_response_due = 2025-04-30\nnhs_response_date = 2025-05-02\n"),
    );
    assert_eq!(late.eval, Eval::Partly);
    // Every part asks nothing: met, and asking nothing itself.
    let neither = Rule::AllOf(vec![on_time(), on_time()]);
    let vacuous = eval(&neither, &committee(""));
    assert_eq!(vacuous.eval, Eval::Met);
    assert!(vacuous.vacuous);
    let answered_met = eval(&answered(), &committee("nhs_response_date = 2025-05-02\n"));
    assert_eq!(answered_met.eval, Eval::Met);
    assert!(!answered_met.vacuous, "a part that was met is not nothing asked");
}

/// `each` whose every entry asks nothing asks nothing itself, so an outer
/// combination gives it no credit either.
#[test]
fn each_asks_nothing_when_no_entry_does() {
    let entries = Rule::Each {
        path: s("scrutiny.committees"),
        rule: Box::new(Rule::IfRecorded {
            path: s("response"),
            then: Box::new(Rule::Present(s("nhs_response_date"))),
        }),
    };
    let silent = "[[scrutiny.committees]]\nname = \"A\"\n[[scrutiny.committees]]\nname = \"B\"\n";
    let outcome = eval(&entries, silent);
    assert_eq!(outcome.eval, Eval::Met);
    assert!(outcome.vacuous);
    let one_commented = format!("{silent}response = \"Objects\"\nnhs_response_date = 2025-05-02\n");
    let outcome = eval(&entries, &one_commented);
    assert_eq!(outcome.eval, Eval::Met);
    assert!(!outcome.vacuous);
    let both = Rule::AllOf(vec![entries, Rule::Present(s("scrutiny.consultation_start"))]);
    assert_eq!(
        eval(&both, silent).eval,
        Eval::NotMet,
        "no credit for entries that ask nothing"
    );
    assert_eq!(eval(&both, &one_commented).eval, Eval::Partly);
}

/// As a condition, a value not recorded asks nothing (it holds); where it
/// is recorded, the inner rule decides, unknown if what it needs is not.
#[test]
fn as_a_condition_it_holds_without_the_value_and_else_the_inner_rule_decides() {
    let decide = |text: &str| with_context(&committee(text), |cx| on_time().decide(cx));
    assert_eq!(decide(""), Decision::Holds);
    assert_eq!(
        decide("nhs_response_due = 2025-04-30\n"),
        Decision::Unknown(vec![s("scrutiny.joint_committee.nhs_response_date")])
    );
    assert_eq!(
        decide("nhs_response_due = 2025-04-30\nnhs_response_date = 2025-05-02\n"),
        Decision::Fails
    );
}

#[test]
fn it_is_described_reads_its_paths_and_needs_then() {
    assert_eq!(
        on_time().describe(),
        "where `scrutiny.joint_committee.nhs_response_due` is recorded, `scrutiny.joint_committee.nhs_response_date` ≤ \
         `scrutiny.joint_committee.nhs_response_due` are recorded and in that order"
    );
    assert_eq!(
        on_time().paths(),
        [
            "scrutiny.joint_committee.nhs_response_due",
            "scrutiny.joint_committee.nhs_response_date",
            "scrutiny.joint_committee.nhs_response_due"
        ]
    );
    // As a part, bracketed: "where …" reaches to the end of its brackets.
    assert_eq!(
        answered().describe(),
        "`scrutiny.joint_committee.nhs_response_date` is recorded and (where `scrutiny.joint_committee.nhs_response_due` \
         is recorded, `scrutiny.joint_committee.nhs_response_date` ≤ `scrutiny.joint_committee.nhs_response_due` are \
         recorded and in that order)"
    );
    assert!(!on_time().only_grows(), "recording the value can spoil it");
    let moved = Rule::IfRecorded {
        path: s("response"),
        then: Box::new(Rule::Present(s("nhs_response_date"))),
    }
    .within("scrutiny.committees[2]");
    assert_eq!(
        moved.paths(),
        [
            "scrutiny.committees[2].response",
            "scrutiny.committees[2].nhs_response_date"
        ]
    );
    assert_eq!(
        compile_problems("{ if_recorded = \"scrutiny.joint_committee.nhs_response_due\" }"),
        ["`if_recorded` needs `then`"]
    );
    let unknown = compile_problems(
        "{ if_recorded = \"scrutiny.joint_committee.reply_due\", then = { present = \"consultation.start\" } }",
    );
    assert_eq!(unknown.len(), 1, "{unknown:?}");
}

/// In `any_of`, a part met by what is recorded wins over one that asked
/// nothing, in either order, so an outer `all_of` sees the progress.
#[test]
fn any_of_prefers_a_part_met_by_the_record_whatever_the_order() {
    let nothing_asked = on_time();
    let recorded = Rule::Present(s("scrutiny.joint_committee.name"));
    for parts in [
        vec![nothing_asked.clone(), recorded.clone()],
        vec![recorded.clone(), nothing_asked.clone()],
    ] {
        let either = eval(&Rule::AnyOf(parts.clone()), &committee(""));
        assert_eq!(either.eval, Eval::Met);
        assert!(!either.vacuous, "{parts:?}");
        let with_more = Rule::AllOf(vec![Rule::AnyOf(parts), Rule::Present(s("consultation.start"))]);
        assert_eq!(eval(&with_more, &committee("")).eval, Eval::Partly);
    }
    // Only parts that ask nothing: the choice asks nothing too.
    let neither = eval(&Rule::AnyOf(vec![on_time(), on_time()]), &committee(""));
    assert!(neither.vacuous);
}

/// An empty list is nothing to ask about, as an absent one is.
#[test]
fn an_empty_list_asks_nothing() {
    let entries = Rule::IfRecorded {
        path: s("scrutiny.committees"),
        then: Box::new(Rule::Each {
            path: s("scrutiny.committees"),
            rule: Box::new(Rule::Present(s("nhs_response_date"))),
        }),
    };
    let empty = eval(&entries, "[scrutiny]\ncommittees = []\n");
    assert_eq!(empty.eval, Eval::Met);
    assert!(empty.vacuous);
    let decided = with_context("[scrutiny]\ncommittees = []\n", |cx| entries.decide(cx));
    assert_eq!(decided, Decision::Holds);
}

#[test]
fn not_cannot_negate_if_recorded() {
    assert_eq!(
        compile_problems(
            "{ not = { if_recorded = \"scrutiny.joint_committee.nhs_response_due\", then = { present = \"consultation.start\" } } }"
        ),
        ["`not` cannot negate `if_recorded`; put the `not` inside its `then`"]
    );
}
