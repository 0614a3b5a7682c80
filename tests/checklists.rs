//! Integrity of the built-in checklists, and the diagnostics a broken
//! checklist file gets (built-ins and organisations' files share one loader).

use std::collections::BTreeSet;

use reassure::checklist::builtin::{BUILTIN, builtin, load_from_toml};
use reassure::checklist::load::load;
use reassure::diagnostic::render;
use reassure::schema::field_at;
use reassure::scheme::format::SCHEME_FORMAT;
use reassure::source::SourceFile;

#[test]
fn every_builtin_checklist_loads() {
    if let Err((file, diagnostics)) = load_from_toml() {
        let rendered: String = diagnostics.iter().map(|d| render(d, &file)).collect();
        panic!("{rendered}");
    }
}

/// The binary builds the built-ins from `src/checklist/compiled.rs`, which
/// is generated from the TOML after the ordinary loader has checked it.
/// `UPDATE_DOCS=1 cargo test --test checklists` regenerates it.
#[test]
fn compiled_checklists_are_the_toml_ones() {
    let loaded = load_from_toml().map_err(|_| "the TOML loads").unwrap();
    let source = reassure::checklist::codegen::rust_source(&loaded, &reassure::provenance::hash_catalogue()).unwrap();
    let path = "src/checklist/compiled.rs";
    if std::env::var_os("UPDATE_DOCS").is_some() {
        std::fs::write(path, &source).unwrap();
    } else {
        let committed = std::fs::read_to_string(path).unwrap();
        assert!(
            committed == source,
            "{path} is out of date: run `UPDATE_DOCS=1 cargo test --test checklists` and commit it"
        );
        // And what it builds is exactly what the loader produced.
        let compiled = builtin().map_err(|_| "compiled").unwrap();
        assert_eq!(format!("{compiled:#?}"), format!("{loaded:#?}"));
    }
}

#[test]
fn the_builtin_table_lists_exactly_the_files_in_checklists() {
    let on_disk: BTreeSet<String> = std::fs::read_dir("checklists")
        .unwrap()
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.ends_with(".toml"))
        .map(|n| format!("checklists/{n}"))
        .collect();
    let embedded: BTreeSet<String> = BUILTIN.iter().map(|(name, _)| (*name).to_owned()).collect();
    assert_eq!(on_disk, embedded);
}

#[test]
fn criteria_are_complete_unique_and_cite_their_sources() {
    let checklists = builtin().map_err(|_| "loads").unwrap();
    let mut ids = BTreeSet::new();
    for checklist in &checklists {
        assert!(ids.insert(checklist.id.clone()), "checklist id {} twice", checklist.id);
        for c in &checklist.criteria {
            assert!(ids.insert(c.id.clone()), "criterion id {} twice", c.id);
            for (what, text) in [
                ("title", &c.title),
                ("question", &c.question),
                ("evidence", &c.evidence),
                ("guidance", &c.guidance),
                ("why", &c.why),
                ("reference", &c.reference),
            ] {
                assert!(!text.trim().is_empty(), "{} has no {what}", c.id);
            }
            let source = &checklist.sources[c.source];
            assert!(source.citation.len() > 40, "{}: citation too thin", c.id);
            let paths = c
                .rule
                .paths()
                .into_iter()
                .chain(c.applies_when.iter().flat_map(|r| r.paths()));
            let mut read = 0;
            for path in paths {
                read += 1;
                assert!(
                    field_at(SCHEME_FORMAT, path).is_some(),
                    "{}: `{path}` is not a scheme field",
                    c.id
                );
            }
            // Every rule but a judgement reads the scheme somewhere.
            assert!(
                read > 0 || c.rule == reassure::rule::Rule::Judgement,
                "{}: its rule reads no scheme path",
                c.id
            );
        }
    }
    for checklist in &checklists {
        for c in &checklist.criteria {
            for related in &c.related {
                assert!(ids.contains(related), "{} relates to unknown id {related}", c.id);
            }
        }
    }
}

#[test]
fn every_lga_principle_and_bed_test_condition_has_a_criterion() {
    let checklists = builtin().map_err(|_| "loads").unwrap();
    let ids: BTreeSet<&str> = checklists
        .iter()
        .flat_map(|c| c.criteria.iter().map(|c| c.id.as_str()))
        .collect();
    for id in [
        "LGA-1.1", "LGA-1.2", "LGA-2.1", "LGA-2.2", "LGA-2.3", "LGA-3.1", "LGA-3.2", "LGA-3.3", "LGA-4.1", "LGA-4.2",
        "LGA-4.3", "LGA-5.1", "LGA-5.2", "LGA-5.3", "LGA-5.4",
    ] {
        assert!(ids.contains(id), "missing {id}");
    }
    for id in [
        "NHSE-T1", "NHSE-T2", "NHSE-T3", "NHSE-T4", "NHSE-T5", "BED-0", "BED-C1", "BED-C2", "BED-C3", "BED-M",
    ] {
        assert!(ids.contains(id), "missing {id}");
    }
}

const HEAD: &str = "format_version = 1\n[checklist]\nid = \"ICB\"\ntitle = \"Local\"\nkind = \"lessons\"\n\
[[sources]]\nid = \"local\"\ncitation = \"Local policy, 2025\"\n";

fn criterion(rule: &str, source: &str) -> String {
    format!(
        "[[criteria]]\nid = \"ICB-1\"\ntitle = \"t\"\nquestion = \"q\"\nevidence = \"e\"\nguidance = \"g\"\n\
         source = \"{source}\"\nbasis = \"expected-practice\"\ngate = \"pcbc\"\nseverity = \"minor\"\nweight = 1\nrule = {rule}\n"
    )
}

fn problems(text: &str) -> Vec<String> {
    let file = SourceFile::new("icb.toml", text);
    match load(&file) {
        Ok(_) => Vec::new(),
        Err(diagnostics) => diagnostics
            .iter()
            .map(|d| {
                let at = file.position(d.span.start);
                format!("{}:{at} {} | {}", d.code, d.message, d.notes.join(" | "))
            })
            .collect(),
    }
}

#[test]
fn a_rule_on_a_field_the_scheme_lacks_is_a_load_error_with_a_suggestion() {
    let text = format!("{HEAD}{}", criterion("{ present = \"consultation.strat\" }", "local"));
    assert_eq!(
        problems(&text),
        [
            "unknown-path:20:20 `consultation.strat` is not a field of the scheme format | help: did you mean `consultation.start`? | see SCHEME.md for every field of the scheme format"
        ]
    );
}

#[test]
fn every_semantic_problem_in_a_checklist_is_reported() {
    let text = format!(
        "{HEAD}{}{}{}{}",
        criterion(
            "{ present = \"beds.baseline\", non_empty = \"beds.proposed\" }",
            "local"
        ),
        criterion("{ present = \"beds.baseline\" }", "locl"),
        criterion("{ equals = \"scheme.permanence\", value = \"permenant\" }", "local"),
        criterion("{ date_order = [\"consultation.start\", \"beds.baseline\"] }", "local"),
    );
    let found = problems(&text);
    assert_eq!(found.len(), 4, "{found:#?}");
    assert!(
        found[0].starts_with("invalid-rule:20:8 a rule needs exactly one operator; found `present` or `non_empty`"),
        "{}",
        found[0]
    );
    assert!(
        found[1].starts_with("unknown-source:27:10 criterion cites source `locl`"),
        "{}",
        found[1]
    );
    assert!(found[1].contains("did you mean `local`?"));
    assert!(found[2].starts_with("invalid-value:44:"), "{}", found[2]);
    assert!(found[2].contains("did you mean `permanent`?"), "{}", found[2]);
    assert!(found[3].starts_with("invalid-rule:"), "{}", found[3]);
    assert!(
        found[3].contains("`beds.baseline` is a whole number of at least 0, but this operator needs a date"),
        "{}",
        found[3]
    );
}

#[test]
fn unknown_keys_in_a_checklist_get_the_same_treatment_as_in_a_scheme() {
    let text = format!(
        "{HEAD}{}",
        criterion("{ present = \"beds.baseline\" }", "local").replace("severity", "severty")
    );
    let found = problems(&text);
    assert!(
        found
            .iter()
            .any(|p| p.starts_with("unknown-key:18:1 unknown key `severty`") && p.contains("did you mean `severity`?")),
        "{found:#?}"
    );
    assert!(found.iter().any(|p| p.starts_with("missing-key:")), "{found:#?}");
}

/// Every criterion of domain.md sections 2 and 8 is a criterion, or is named
/// in a criterion's `covers` as merged into it.
#[test]
fn every_catalogue_criterion_is_a_criterion_or_mapped_to_one() {
    let catalogue = [
        "LGA-1.1",
        "LGA-1.2",
        "LGA-2.1",
        "LGA-2.2",
        "LGA-2.3",
        "LGA-3.1",
        "LGA-3.2",
        "LGA-4.1",
        "LGA-5.1",
        "NHSE-T1",
        "NHSE-T2",
        "NHSE-T3",
        "NHSE-T4",
        "BED-0",
        "BED-C1",
        "BED-C2",
        "BED-C3",
        "BED-M",
        "GATE-SUB",
        "GATE-S1",
        "GATE-CFC",
        "GATE-OPT",
        "GATE-CS",
        "GATE-PCBC",
        "GATE-S2",
        "GATE-FIN",
        "GATE-CAP",
        "GATE-WF",
        "GATE-TRV",
        "GATE-INTER",
        "GATE-IIA",
        "GATE-DMBC",
        "GATE-MAT",
        "GATE-DEC",
        "GATE-IMPL",
        "GATE-EVAL",
        "DUTY-INV-ICB",
        "DUTY-INV-TRUST",
        "DUTY-PSED",
        "DUTY-HI",
        "DUTY-OSC",
        "DUTY-OSC-URG",
        "DUTY-GUN-1",
        "DUTY-GUN-2",
        "DUTY-GUN-3",
        "DUTY-GUN-4",
        "DUTY-PRE",
        "DUTY-SOS-N",
        "DUTY-SOS-C",
        "DUTY-REC",
        "ROLE-HWB",
        "ROLE-JHOSC",
        "ROLE-HW",
        "ROLE-AMB",
        "ROLE-STAFF",
        "ROLE-IRP",
        "KF-1",
        "KF-2",
        "KF-3",
        "KF-4",
        "KF-5",
        "IRP-1",
        "IRP-2",
        "IRP-3",
        "PROG-CLIN",
        "PROG-FIN",
        "PROG-WFE",
        "PROG-COMMS",
        "PROG-BOARD",
        "PROG-PPE",
        "PROG-LEAD",
        "PROG-ASSURE",
    ];
    let checklists = builtin().map_err(|_| "loads").unwrap();
    let criteria: Vec<_> = checklists.iter().flat_map(|c| &c.criteria).collect();
    for id in catalogue {
        assert!(
            criteria.iter().any(|c| c.id == id || c.covers.iter().any(|m| m == id)),
            "{id} is neither a criterion nor named in any `covers`"
        );
    }
    for c in &criteria {
        for required in &c.requires {
            assert!(
                criteria.iter().any(|other| &other.id == required),
                "{} requires unknown {required}",
                c.id
            );
        }
        for merged in &c.covers {
            assert!(
                catalogue.contains(&merged.as_str()),
                "{} covers {merged}, not a catalogue id",
                c.id
            );
        }
    }
}

#[test]
fn every_checklist_is_reviewed_and_its_announced_changes_name_real_criteria() {
    let checklists = builtin().map_err(|_| "loads").unwrap();
    let ids: Vec<&str> = checklists
        .iter()
        .flat_map(|c| &c.criteria)
        .map(|c| c.id.as_str())
        .collect();
    for list in &checklists {
        assert!(list.reviewed.is_some(), "{} has no reviewed date", list.id);
        for change in &list.announced {
            assert!(!change.affects.is_empty(), "{}", change.title);
            for id in &change.affects {
                assert!(ids.contains(&id.as_str()), "{} affects unknown {id}", change.title);
            }
        }
    }
    assert!(checklists.iter().any(|c| !c.announced.is_empty()));
}

/// Practice is practice and law is law, each as its source says: these
/// were mislabelled once and are pinned here.
#[test]
fn duty_and_practice_labels_follow_their_sources() {
    let checklists = builtin().map_err(|_| "loads").unwrap();
    let find = |id: &str| {
        checklists
            .iter()
            .flat_map(|c| &c.criteria)
            .find(|c| c.id == id)
            .unwrap_or_else(|| panic!("{id}"))
    };
    use reassure::checklist::{Basis::*, Severity::*};
    for (id, basis, severity) in [
        // No period is fixed in law: 12 weeks is NHS practice.
        ("DUTY-GUN-3-12W", ExpectedPractice, Major),
        ("DUTY-GUN-3", LegalDuty, Blocker),
        // Easy-read and publishing the assessment with the consultation.
        ("DUTY-GUN-2-ACCESS", ExpectedPractice, Major),
        ("DUTY-GUN-2", LegalDuty, Blocker),
        // The regulations require the consultation, not its order.
        ("TIME-OSC-CONS", ExpectedPractice, Major),
        // A mandatory joint committee is this catalogue's unconfirmed reading.
        ("ROLE-JHOSC", ExpectedPractice, Major),
        // Regard to the JSNA and strategy is statute (s116B).
        ("DUTY-JSNA", LegalDuty, Blocker),
        // The section imposing regard to the 2022 guidance is unconfirmed.
        ("DUTY-INV-GUIDE", ExpectedPractice, Major),
        // Consulting the committee is the duty; published timescales are
        // the reforms' expectation, unconfirmed in the regulation's text.
        ("DUTY-OSC", LegalDuty, Blocker),
        ("DUTY-OSC-TIMES", ExpectedPractice, Major),
        // Reasons to the authority are the duty (its wording unconfirmed);
        // a review date and exit plan are the 2024 guidance's expectation.
        ("DUTY-OSC-URG", LegalDuty, Major),
        ("DUTY-OSC-URG-PLAN", ExpectedPractice, Major),
    ] {
        let c = find(id);
        assert_eq!((c.basis, c.severity), (basis, severity), "{id}");
    }
    // A single genuinely open proposal can be lawfully consulted on: the
    // formative-stage duty does not count options, nor does the appraisal
    // ask for two.
    for id in ["DUTY-GUN-1", "GATE-OPT"] {
        assert!(
            !find(id).rule.describe().contains("at least 2"),
            "{id}: {}",
            find(id).rule.describe()
        );
    }
    // Independent analysis of responses is practice (test 1), not law.
    assert!(!find("DUTY-GUN-4").rule.describe().contains("independent"));
    assert!(find("NHSE-T1-OUTCOMES").rule.describe().contains("independent"));
}

/// Readers see citations, notes, reasons and guidance: none of it may speak
/// of how the catalogue was researched.
#[test]
fn catalogue_text_carries_no_research_notes() {
    let checklists = builtin().map_err(|_| "loads").unwrap();
    let mut texts: Vec<(String, &str)> = Vec::new();
    for list in &checklists {
        for s in &list.sources {
            texts.push((s.id.clone(), &s.citation));
            if let Some(note) = &s.in_force_note {
                texts.push((s.id.clone(), note));
            }
        }
        for c in &list.criteria {
            for text in [&c.question, &c.why, &c.evidence, &c.guidance] {
                texts.push((c.id.clone(), text));
            }
        }
    }
    for (id, text) in texts {
        for banned in [
            "domain.md",
            "seed document",
            "not read",
            "for this catalogue",
            "undefined in law is",
        ] {
            assert!(!text.contains(banned), "{id}: {banned:?} in {text:?}");
        }
    }
}

#[test]
fn unconfirmed_items_say_so_in_their_guidance() {
    // Items marked [U] in domain.md that criteria rest on.
    let checklists = builtin().map_err(|_| "loads").unwrap();
    for id in [
        "GATE-SUB",
        "DUTY-OSC-TIMES",
        "DUTY-OSC-URG",
        "DUTY-SOS-N",
        "ROLE-JHOSC",
        "KF-2",
        "KF-4",
    ] {
        let c = checklists
            .iter()
            .flat_map(|c| &c.criteria)
            .find(|c| c.id == id)
            .expect(id);
        let text = format!("{} {}", c.guidance, c.why).to_lowercase();
        assert!(
            text.contains("not confirmed") || text.contains("unconfirmed"),
            "{id} does not flag its unconfirmed basis"
        );
    }
}
