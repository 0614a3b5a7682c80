//! `each`: a rule every entry of a list of tables meets, its paths read
//! within the entry.

use super::*;

fn committees_need_two_councils() -> Rule {
    Rule::Each {
        path: s("scrutiny.joint_committees"),
        rule: Box::new(Rule::AllOf(vec![
            Rule::MinItems {
                path: s("authorities"),
                n: 2,
                items: ItemTest::default(),
            },
            Rule::Present(s("established")),
        ])),
    }
}

const TWO_COMMITTEES: &str = "[[scrutiny.joint_committees]]\nname = \"South JHOSC\"\n\
    authorities = [\"A\", \"B\"]\nestablished = 2024-10-01\n\
    [[scrutiny.joint_committees]]\nname = \"North JHOSC\"\nauthorities = [\"C\"]\n";

#[test]
fn every_entry_must_meet_the_rule_and_those_that_do_not_are_named() {
    let outcome = eval(&committees_need_two_councils(), TWO_COMMITTEES);
    assert_eq!(outcome.eval, Eval::NotMet);
    assert_eq!(
        outcome.evidence.to_string(),
        "`scrutiny.joint_committees` (1 of the 2 falls short): \"North JHOSC\": \
         `scrutiny.joint_committees[1].authorities` has 1 entry; at least 2 needed; \
         `scrutiny.joint_committees[1].established` not recorded"
    );
    // The finding points into the entry that falls short, and what is
    // missing is named there.
    assert_eq!(outcome.path, "scrutiny.joint_committees[1].authorities");
    assert_eq!(
        outcome.missing,
        [
            "scrutiny.joint_committees[1].authorities",
            "scrutiny.joint_committees[1].established"
        ]
    );
    let both = TWO_COMMITTEES.replace("[\"C\"]", "[\"C\", \"D\"]\nestablished = 2024-11-01");
    let met = eval(&committees_need_two_councils(), &both);
    assert_eq!(met.eval, Eval::Met);
    assert_eq!(
        met.evidence.to_string(),
        "`scrutiny.joint_committees`: all 2 entries meet the test"
    );
}

#[test]
fn an_empty_or_missing_list_is_not_recorded() {
    let missing = eval(&committees_need_two_councils(), "[scrutiny]\n");
    assert_eq!(missing.eval, Eval::NotMet);
    assert_eq!(missing.missing, ["scrutiny.joint_committees"]);
    let empty = eval(&committees_need_two_councils(), "[scrutiny]\njoint_committees = []\n");
    assert_eq!(empty.eval, Eval::NotMet);
}

#[test]
fn its_rule_is_compiled_within_the_entry() {
    let ok = "{ each = \"scrutiny.joint_committees\", rule = { min_items = \"authorities\", n = 2 } }";
    assert_eq!(compile_problems(ok), Vec::<String>::new());
    // A path of the whole scheme is not a path within an entry.
    let outside = "{ each = \"scrutiny.joint_committees\", rule = { present = \"scrutiny.consultation_start\" } }";
    assert_eq!(
        compile_problems(outside),
        ["`scrutiny.consultation_start` is not a field of an entry of `scrutiny.joint_committees`"]
    );
    let not_a_list = "{ each = \"consultation.start\", rule = { present = \"name\" } }";
    assert_eq!(
        compile_problems(not_a_list).len(),
        2,
        "{:?}",
        compile_problems(not_a_list)
    );
    let no_rule = "{ each = \"scrutiny.joint_committees\" }";
    assert_eq!(compile_problems(no_rule), ["`each` needs `rule`"]);
}

#[test]
fn it_is_described_with_its_rule() {
    assert_eq!(
        committees_need_two_councils().describe(),
        "every entry of `scrutiny.joint_committees` has: `authorities` has at least 2 entries and `established` is recorded"
    );
    assert!(!committees_need_two_councils().only_grows());
}

/// Entries that share a name are told apart by their place; an entry with
/// no name is named by who made it (`by`, as a referral has), else by place.
#[test]
fn entries_sharing_a_name_are_told_apart_by_their_place() {
    let twice = "[[scrutiny.joint_committees]]\nname = \"North JHOSC\"\nauthorities = [\"C\"]\n\
        [[scrutiny.joint_committees]]\nname = \"South JHOSC\"\nauthorities = [\"A\", \"B\"]\nestablished = 2024-10-01\n\
        [[scrutiny.joint_committees]]\nname = \"North JHOSC\"\nauthorities = [\"D\"]\n";
    let words = eval(&committees_need_two_councils(), twice).evidence.to_string();
    assert!(words.contains("\"North JHOSC\" (entry 1): "), "{words}");
    assert!(words.contains("\"North JHOSC\" (entry 3): "), "{words}");
    assert!(!words.contains("South"), "{words}");

    let referrals = Rule::Each {
        path: s("scrutiny.referrals"),
        rule: Box::new(Rule::Present(s("date"))),
    };
    let words = eval(
        &referrals,
        "[[scrutiny.referrals]]\nby = \"Northshire HOSC\"\n[[scrutiny.referrals]]\nby = \"Northshire HOSC\"\n\
         [[scrutiny.referrals]]\nby = \"Westshire HOSC\"\n",
    )
    .evidence
    .to_string();
    assert!(words.contains("\"Northshire HOSC\" (entry 2): "), "{words}");
    assert!(words.contains("\"Westshire HOSC\": "), "{words}");
}

/// `every` tells entries sharing a name apart in the same way.
#[test]
fn every_tells_entries_sharing_a_name_apart() {
    let rule = Rule::Every {
        path: s("scrutiny.joint_committees"),
        items: ItemTest {
            filter: Vec::new(),
            has: vec![s("established")],
        },
    };
    let twice = "[[scrutiny.joint_committees]]\nname = \"North JHOSC\"\n\
        [[scrutiny.joint_committees]]\nname = \"North JHOSC\"\n";
    let words = eval(&rule, twice).evidence.to_string();
    assert!(words.contains("\"North JHOSC\" (entry 1)"), "{words}");
    assert!(words.contains("\"North JHOSC\" (entry 2)"), "{words}");
}
