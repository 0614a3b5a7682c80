//! The engine: a pure function from a validated scheme and a set of
//! checklists to an [`Assessment`]. No input or output happens here.

use crate::assessment::{Assessment, Finding, GateReadiness, Rating, Score, Status};
use crate::checklist::{Checklist, Criterion, Severity};
use crate::diagnostic::Diagnostic;
use crate::rule::{Eval, Rule};
use crate::scheme::{Attestation, Scheme};
use crate::stage::Stage;

/// Score thresholds for the delivery-confidence rating, in percent. These
/// are reassure's own convention (the five-point scale comes from government
/// assurance reviews, which publish no numeric thresholds); see README.
pub const RATING_THRESHOLDS: [(f64, Rating); 4] = [
    (85.0, Rating::Green),
    (70.0, Rating::AmberGreen),
    (55.0, Rating::Amber),
    (40.0, Rating::AmberRed),
];

/// The best rating a scheme can get while a blocker due by its next gate is
/// unmet, whatever its score.
pub const BLOCKER_CAP: Rating = Rating::AmberRed;

/// Checks the scheme's attestations against the checklists: each must name
/// a known criterion that needs judgement, once.
pub fn check_attestations(scheme: &Scheme, checklists: &[Checklist]) -> Vec<Diagnostic> {
    let criteria: Vec<&Criterion> = checklists.iter().flat_map(|c| &c.criteria).collect();
    let mut seen: Vec<&str> = Vec::new();
    let mut diagnostics = Vec::new();
    let attestations = scheme.attestations();
    for (attestation, span) in &attestations {
        let id = attestation.criterion.as_str();
        match criteria.iter().find(|c| c.id == id) {
            None => diagnostics.push(
                Diagnostic::new(
                    "unknown-criterion",
                    span.clone(),
                    format!("attestation names criterion `{id}`, which no checklist has"),
                    "unknown criterion",
                )
                .suggest(id, criteria.iter().map(|c| c.id.as_str()))
                .note("run `reassure list` to see every criterion"),
            ),
            Some(c) if c.rule != Rule::Judgement => diagnostics.push(
                Diagnostic::new(
                    "not-a-judgement",
                    span.clone(),
                    format!("criterion `{id}` is decided from the scheme's data, so it cannot be attested"),
                    "decided from data",
                )
                .note(format!("`{id}` is met when {}", c.rule.describe())),
            ),
            Some(_) if seen.contains(&id) => diagnostics.push(Diagnostic::new(
                "duplicate-attestation",
                span.clone(),
                format!("criterion `{id}` is attested more than once"),
                "second attestation",
            )),
            Some(_) => seen.push(id),
        }
    }
    diagnostics
}

/// Assesses a scheme against checklists. Call [`check_attestations`] first.
pub fn assess(scheme: &Scheme, checklists: &[Checklist]) -> Assessment {
    let attestations = scheme.attestations();
    let mut findings = Vec::new();
    let mut scores = Vec::new();
    let mut overall = Score::new("overall", "All checklists");
    for checklist in checklists {
        let mut score = Score::new(&checklist.id, &checklist.title);
        for criterion in &checklist.criteria {
            let attestation = attestations.iter().map(|(a, _)| a).find(|a| a.criterion == criterion.id);
            let finding = assess_criterion(scheme, checklist, criterion, attestation);
            score.add(&finding);
            overall.add(&finding);
            findings.push(finding);
        }
        scores.push(score);
    }
    let rating_by_score = overall.percent.map_or(Rating::Red, |p| {
        RATING_THRESHOLDS
            .iter()
            .find(|(threshold, _)| p >= *threshold)
            .map_or(Rating::Red, |(_, rating)| *rating)
    });
    let capped_by: Vec<String> = findings
        .iter()
        .filter(|f| f.due && f.open && f.severity == Severity::Blocker)
        .map(|f| f.criterion.clone())
        .collect();
    let rating = if capped_by.is_empty() { rating_by_score } else { rating_by_score.min(BLOCKER_CAP) };
    let gates = Stage::ALL
        .iter()
        .map(|&stage| {
            let blockers: Vec<String> = findings
                .iter()
                .filter(|f| f.open && f.severity == Severity::Blocker && f.gate <= stage)
                .map(|f| f.criterion.clone())
                .collect();
            GateReadiness {
                stage,
                ready: blockers.is_empty(),
                blockers,
            }
        })
        .collect();
    Assessment {
        scheme: scheme.name.clone(),
        file: scheme.source.name().to_owned(),
        stage: scheme.stage,
        as_of: scheme.as_of.to_string(),
        findings,
        scores,
        overall,
        rating,
        rating_by_score,
        capped_by,
        gates,
    }
}

fn assess_criterion(
    scheme: &Scheme,
    checklist: &Checklist,
    criterion: &Criterion,
    attestation: Option<&Attestation>,
) -> Finding {
    let root = &scheme.root;
    let due = criterion.gate <= scheme.stage;
    let condition = criterion.applies_when.as_ref().map(|rule| rule.evaluate(root, scheme.as_of));
    let (status, evidence, path, attested) = match condition {
        Some(c) if c.eval != Eval::Met => (
            Status::NotApplicable,
            format!("{}; applies only when {}", c.evidence, describe_condition(criterion)),
            c.path,
            None,
        ),
        _ => match (&criterion.rule, attestation) {
            (Rule::Judgement, Some(a)) => {
                let status = match a.verdict.as_str() {
                    "met" => Status::Met,
                    "partly-met" => Status::PartlyMet,
                    _ => Status::NotMet,
                };
                let evidence = format!("attested {} by {} ({}) on {}: {}", status.words(), a.by, a.role, a.date, a.rationale);
                (status, evidence, "attestations".to_owned(), Some(a.clone()))
            }
            (Rule::Judgement, None) => (
                Status::NeedsJudgement,
                "data cannot decide this; no attestation recorded in `[[attestations]]`".to_owned(),
                "attestations".to_owned(),
                None,
            ),
            (rule, _) => {
                let outcome = rule.evaluate(root, scheme.as_of);
                let status = match outcome.eval {
                    Eval::Met => Status::Met,
                    Eval::Partly => Status::PartlyMet,
                    Eval::NotMet => Status::NotMet,
                };
                (status, outcome.evidence, outcome.path, None)
            }
        },
    };
    let open = status.is_gap();
    let status = if open && !due { Status::NotYetDue } else { status };
    let node = root.nearest(&path);
    let offset = root.key_span(&path).map_or(node.span.start, |span| span.start);
    Finding {
        checklist: checklist.id.clone(),
        criterion: criterion.id.clone(),
        title: criterion.title.clone(),
        severity: criterion.severity,
        basis: criterion.basis,
        gate: criterion.gate,
        weight: criterion.weight,
        status,
        due,
        open,
        evidence,
        position: scheme.source.position(offset),
        path,
        guidance: criterion.guidance.clone(),
        attestation: attested,
    }
}

fn describe_condition(criterion: &Criterion) -> String {
    criterion.applies_when.as_ref().map(Rule::describe).unwrap_or_default()
}
