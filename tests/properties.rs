//! Property tests over generated schemes (src/synthetic.rs varies the
//! shipped examples from a seed): scores stay percentages, every format
//! renders the same bytes twice, and taking a piece of evidence away never
//! raises a criterion's status.

use proptest::prelude::*;
use reassure::assessment::{Assessment, Status};
use reassure::checklist::Checklist;
use reassure::checklist::builtin::builtin;
use reassure::engine::assess_with;
use reassure::provenance::{Options, Provenance};
use reassure::report::table::TableOptions;
use reassure::report::{Format, Report};
use reassure::scheme::Scheme;
use reassure::source::SourceFile;
use reassure::stage::Stage;

fn checklists() -> &'static [Checklist] {
    static LISTS: std::sync::OnceLock<Vec<Checklist>> = std::sync::OnceLock::new();
    LISTS.get_or_init(|| builtin().map_err(|_| "built-ins load").unwrap())
}

fn load(text: &str) -> Option<Scheme> {
    let scheme = Scheme::load(SourceFile::new("p.toml", text)).ok()?;
    let ok = reassure::engine::check_attestations(&scheme, checklists()).is_empty()
        && reassure::waiver::check(&scheme, checklists()).is_empty();
    ok.then_some(scheme)
}

/// The statuses-only assessment a portfolio row reads
/// (`engine::assess_statuses`) is the full one without its words: the same
/// statuses, paths, missing evidence, scores and blockers, and no evidence,
/// law-in-time, guidance or citation words at all. Returns whether the full
/// one had any words to leave out.
fn statuses_agree(scheme: &Scheme, stage: Stage, waivers: bool) -> Result<bool, String> {
    let full = assess_with(scheme, checklists(), stage, waivers);
    let quiet = reassure::engine::assess_statuses(scheme, checklists(), stage, waivers);
    let worded = |f: &&reassure::assessment::Finding| {
        f.evidence.fact().is_some() || f.in_force.is_some() || !f.guidance.is_empty() || !f.source.is_empty()
    };
    if let Some(f) = quiet.findings.iter().find(worded) {
        return Err(format!(
            "{} was worded without words: {:?}",
            f.criterion,
            f.evidence.to_string()
        ));
    }
    let none = reassure::source::Position::NONE;
    if let Some(f) = quiet.findings.iter().find(|f| f.position != none) {
        return Err(format!("{} was placed without words: {}", f.criterion, f.position));
    }
    if !quiet.milestones.is_empty() || quiet.completeness.needed > 0 {
        return Err("a timeline or completeness was worked out without words".into());
    }
    // With words, every finding says what it rests on.
    if let Some(f) = full
        .findings
        .iter()
        .find(|f| f.evidence.fact().is_none() || f.evidence.to_string().trim().is_empty())
    {
        return Err(format!("{} has no evidence in words", f.criterion));
    }
    let worded = !full.findings.is_empty();
    let mut full = serde_json::to_value(&full).unwrap();
    for finding in full["findings"].as_array_mut().unwrap() {
        finding["evidence"] = "".into();
        finding["in_force"] = serde_json::Value::Null;
        finding["guidance"] = "".into();
        finding["source"] = "".into();
        finding["position"] = serde_json::to_value(none).unwrap();
    }
    full["milestones"] = serde_json::json!([]);
    full["completeness"] = serde_json::json!({ "needed": 0, "recorded": 0, "percent": null });
    let quiet = serde_json::to_value(&quiet).unwrap();
    if full == quiet {
        Ok(worded)
    } else {
        Err(format!("{} differs without words", scheme.source.name()))
    }
}

/// Every example and real case, at its own gate, with and without its
/// waivers: see [`statuses_agree`].
#[test]
fn a_row_without_words_has_the_statuses_of_the_full_report() {
    let mut checked = 0;
    for dir in ["examples", "examples/cases"] {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_none_or(|x| x != "toml") {
                continue;
            }
            let Some(scheme) = load(&std::fs::read_to_string(&path).unwrap()) else {
                continue;
            };
            for waivers in [true, false] {
                assert_eq!(
                    statuses_agree(&scheme, scheme.stage, waivers),
                    Ok(true),
                    "{}",
                    path.display()
                );
                checked += 1;
            }
        }
    }
    // Fourteen examples and cases, each twice (a few need their own
    // organisation checklists and do not load against the built-ins alone).
    assert!(checked >= 20, "only {checked} assessments compared");
}

fn render_all(assessment: &Assessment) -> Vec<Vec<u8>> {
    let options = Options {
        stage: assessment.target.code().to_owned(),
        fail_on: "blocker".to_owned(),
        min_score: None,
        waivers: true,
    };
    let provenance = Provenance::new("p.toml", "0".repeat(64), assessment.as_of, options);
    let report = Report::new(&provenance, assessment);
    <Format as clap::ValueEnum>::value_variants()
        .iter()
        .map(|f| {
            f.render(
                &report,
                TableOptions {
                    color: false,
                    width: Some(100),
                    all: true,
                },
            )
        })
        .collect()
}

/// How far towards met a status is; `None` where it says nothing about
/// the evidence (not applicable, waived, or unknown: recording the fact that
/// decides whether a criterion applies may show it applies and is not met).
fn rank(status: Status) -> Option<u8> {
    match status {
        Status::Met => Some(3),
        Status::PartlyMet => Some(2),
        Status::NeedsJudgement => Some(1),
        Status::NotMet | Status::Blocked | Status::NotYetDue => Some(0),
        Status::NotApplicable | Status::Waived | Status::Unknown => None,
    }
}

/// Dotted paths of every leaf value, through tables and arrays of tables.
fn leaves(table: &toml::Table, prefix: &str, out: &mut Vec<String>) {
    for (key, value) in table {
        let path = if prefix.is_empty() {
            key.clone()
        } else {
            format!("{prefix}.{key}")
        };
        match value {
            toml::Value::Table(t) => leaves(t, &path, out),
            toml::Value::Array(items) if items.iter().all(toml::Value::is_table) && !items.is_empty() => {
                for (i, item) in items.iter().enumerate() {
                    leaves(item.as_table().unwrap(), &format!("{path}.{i}"), out);
                }
            }
            _ => out.push(path),
        }
    }
}

fn remove(table: &mut toml::Table, path: &str) {
    let parts: Vec<&str> = path.split('.').collect();
    let (last, head) = parts.split_last().unwrap();
    let mut current = table;
    let mut index = 0;
    while index < head.len() {
        let value = current.get_mut(head[index]).unwrap();
        current = match value {
            toml::Value::Table(t) => t,
            toml::Value::Array(items) => {
                index += 1;
                items[head[index].parse::<usize>().unwrap()].as_table_mut().unwrap()
            }
            _ => unreachable!("leaves only walks tables and arrays of tables"),
        };
        index += 1;
    }
    current.remove(*last);
}

/// Scores stay percentages and every format renders the same bytes twice.
/// Run by hand, like the property below, so that it can show what it
/// checked: every case, formats compared, cases with gaps, and most stages
/// among them (a generator that stopped varying
/// would otherwise pass unnoticed).
#[test]
fn scores_are_percentages_and_every_format_is_deterministic() {
    use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};
    let (cases, renders, with_gaps, waived) = (
        AtomicUsize::new(0),
        AtomicUsize::new(0),
        AtomicUsize::new(0),
        AtomicUsize::new(0),
    );
    let stages = std::sync::Mutex::new(std::collections::BTreeSet::new());
    let mut runner = proptest::test_runner::TestRunner::new(ProptestConfig {
        cases: 48,
        ..ProptestConfig::default()
    });
    let outcome = runner.run(&(any::<u64>(), 0..8usize, any::<bool>()), |(seed, stage, waivers)| {
        let text = reassure::synthetic::scheme(seed);
        let scheme = load(&text).expect("synthetic schemes are valid");
        let assessment = assess_with(&scheme, checklists(), Stage::ALL[stage], waivers);
        reassure::fuzzing::assert_invariants(&assessment);
        prop_assert_eq!(
            assessment.findings.len(),
            checklists().iter().map(|c| c.criteria.len()).sum::<usize>()
        );
        let first = render_all(&assessment);
        let again = render_all(&assess_with(&scheme, checklists(), Stage::ALL[stage], waivers));
        // GitHub annotations are empty when there is nothing to annotate.
        let formats = <Format as clap::ValueEnum>::value_variants();
        for (format, text) in formats.iter().zip(&first) {
            prop_assert!(
                *format == Format::Github || !text.is_empty(),
                "{:?} rendered nothing",
                format
            );
        }
        prop_assert_eq!(&first, &again);
        prop_assert_eq!(statuses_agree(&scheme, Stage::ALL[stage], waivers), Ok(true));
        cases.fetch_add(1, Relaxed);
        renders.fetch_add(first.len(), Relaxed);
        if assessment.findings.iter().any(|f| f.due && f.status.is_gap()) {
            with_gaps.fetch_add(1, Relaxed);
        }
        if assessment.findings.iter().any(|f| f.status == Status::Waived) {
            waived.fetch_add(1, Relaxed);
        }
        stages.lock().unwrap().insert(stage);
        Ok(())
    });
    if let Err(failure) = outcome {
        panic!("{failure}");
    }
    let (cases, renders) = (cases.into_inner(), renders.into_inner());
    let (with_gaps, waived) = (with_gaps.into_inner(), waived.into_inner());
    let stages = stages.into_inner().unwrap().len();
    eprintln!(
        "checked {cases} cases, {renders} renderings compared; {with_gaps} with gaps, {waived} with waivers applied, {stages} stages"
    );
    assert!(cases >= 48, "only {cases} cases ran");
    let formats = <Format as clap::ValueEnum>::value_variants().len();
    assert_eq!(renders, cases * formats, "every format compared in every case");
    assert!(with_gaps >= 10, "only {with_gaps} cases had gaps");
    // Waivers come from one example in five and half the cases: too few
    // for a floor that never fails by chance; the count is printed.
    assert!(stages >= 6, "only {stages} of 8 stages drawn");
}

/// Taking a piece of evidence away never raises a criterion's status. Run
/// by hand rather than by the `proptest!` macro so that, once every case has
/// run, the test can show it checked something: enough cases, enough pairs
/// of statuses compared, and some statuses that really fell (were
/// `Rule::only_grows` ever to answer `false` for all, nothing would be
/// compared and the property would pass vacuously).
#[test]
fn taking_evidence_away_never_raises_a_status() {
    use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};
    let (cases, compared, fell) = (AtomicUsize::new(0), AtomicUsize::new(0), AtomicUsize::new(0));
    let mut runner = proptest::test_runner::TestRunner::new(ProptestConfig {
        cases: 48,
        ..ProptestConfig::default()
    });
    let outcome = runner.run(&(any::<u64>(), any::<prop::sample::Index>()), |(seed, pick)| {
        let text = reassure::synthetic::scheme(seed);
        let mut full: toml::Table = toml::from_str(&text).unwrap();
        let mut paths = Vec::new();
        leaves(&full, "", &mut paths);
        let path = pick.get(&paths).clone();
        let full_text = toml::to_string(&full).unwrap();
        remove(&mut full, &path);
        let reduced_text = toml::to_string(&full).unwrap();
        prop_assert_ne!(&full_text, &reduced_text, "`{}` was removed", path);
        let (before, after) = (load(&full_text), load(&reduced_text));
        // A required key was taken: not a scheme any more, so the case does
        // not count (proptest draws another, and fails if too many are rejected).
        prop_assume!(before.is_some() && after.is_some(), "`{}` was required", path);
        let (Some(before), Some(after)) = (before, after) else {
            unreachable!("assumed above")
        };
        cases.fetch_add(1, Relaxed);
        // Everything due, no waivers: the statuses speak only of evidence.
        let before = assess_with(&before, checklists(), Stage::Evaluation, false);
        let after = assess_with(&after, checklists(), Stage::Evaluation, false);
        let rules = checklists().iter().flat_map(|c| &c.criteria);
        for ((b, a), criterion) in before.findings.iter().zip(&after.findings).zip(rules) {
            if !criterion.rule.only_grows() {
                continue;
            }
            if let (Some(rb), Some(ra)) = (rank(b.status), rank(a.status)) {
                compared.fetch_add(1, Relaxed);
                if ra < rb {
                    fell.fetch_add(1, Relaxed);
                }
                prop_assert!(
                    ra <= rb,
                    "removing `{}` raised {} from {:?} to {:?}: {}",
                    path,
                    b.criterion,
                    b.status,
                    a.status,
                    a.evidence.to_string()
                );
            }
        }
        Ok(())
    });
    if let Err(failure) = outcome {
        panic!("{failure}");
    }
    let (cases, compared, fell) = (cases.into_inner(), compared.into_inner(), fell.into_inner());
    eprintln!("checked {cases} cases, {compared} pairs of statuses, {fell} of which fell");
    assert!(cases >= 48, "only {cases} cases ran");
    assert!(compared >= 48 * 20, "only {compared} pairs of statuses were compared");
    assert!(
        fell >= 5,
        "only {fell} statuses fell: the property may be checking nothing"
    );
}
