//! The engine: a pure function from a validated scheme and a set of
//! checklists to an [`Assessment`]. No input or output happens here.

use crate::assessment::{Assessment, Finding, GateReadiness, Rating, Score, Status};
use crate::checklist::{Checklist, Criterion, Severity};
use crate::diagnostic::{Diagnostic, one_of};
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
                .note(format!(
                    "criteria that take attestations: {}",
                    one_of(criteria.iter().filter(|c| c.rule == Rule::Judgement).map(|c| c.id.as_str()))
                )),
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
            let attestation = attestations
                .iter()
                .map(|(a, _)| a)
                .find(|a| a.criterion == criterion.id);
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
    let rating = if capped_by.is_empty() {
        rating_by_score
    } else {
        rating_by_score.min(BLOCKER_CAP)
    };
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
    let condition = criterion
        .applies_when
        .as_ref()
        .map(|rule| rule.evaluate(root, scheme.as_of));
    let (status, evidence, path, attested) = match condition {
        Some(c) if c.eval != Eval::Met => (
            Status::NotApplicable,
            format!(
                "{}; applies only when {}",
                c.evidence,
                describe_condition(criterion)
            ),
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
                let evidence = format!(
                    "attested {} by {} ({}) on {}: {}",
                    status.words(),
                    a.by,
                    a.role,
                    a.date,
                    a.rationale
                );
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
    let status = if open && !due {
        Status::NotYetDue
    } else {
        status
    };
    let node = root.nearest(&path);
    let offset = root
        .key_span(&path)
        .map_or(node.span.start, |span| span.start);
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
    criterion
        .applies_when
        .as_ref()
        .map(Rule::describe)
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checklist::load::load;
    use crate::source::SourceFile;

    fn criterion(id: &str, gate: &str, severity: &str, weight: u32, extra: &str) -> String {
        format!(
            "[[criteria]]\nid = \"{id}\"\ntitle = \"t\"\nquestion = \"q\"\nevidence = \"e\"\nguidance = \"g\"\n\
             source = \"s\"\nbasis = \"expected-practice\"\ngate = \"{gate}\"\nseverity = \"{severity}\"\n\
             weight = {weight}\n{extra}\n"
        )
    }

    fn checklist(criteria: &[String]) -> Checklist {
        let text = format!(
            "format_version = 1\n[checklist]\nid = \"T\"\ntitle = \"Test\"\nkind = \"lessons\"\n\
             [[sources]]\nid = \"s\"\ncitation = \"c\"\n{}",
            criteria.concat()
        );
        load(&SourceFile::new("t.toml", text)).expect("valid checklist")
    }

    fn scheme(stage: &str, body: &str) -> Scheme {
        let text = format!(
            "format_version = 1\nas_of = 2025-01-01\nstage = \"{stage}\"\n[scheme]\nname = \"S\"\n{body}"
        );
        Scheme::load(SourceFile::new("s.toml", text))
            .map_err(|(_, d)| d)
            .expect("valid scheme")
    }

    fn statuses(assessment: &Assessment) -> Vec<(&str, Status)> {
        assessment
            .findings
            .iter()
            .map(|f| (f.criterion.as_str(), f.status))
            .collect()
    }

    fn sample() -> Checklist {
        checklist(&[
            criterion(
                "MET",
                "cfc",
                "major",
                2,
                "rule = { present = \"scheme.summary\" }",
            ),
            criterion(
                "PART",
                "cfc",
                "major",
                2,
                "rule = { all_of = [{ present = \"scheme.summary\" }, { present = \"scheme.population\" }] }",
            ),
            criterion(
                "MISS",
                "pcbc",
                "minor",
                1,
                "rule = { present = \"scheme.services\" }",
            ),
            criterion(
                "NA",
                "cfc",
                "blocker",
                5,
                "applies_when = { equals = \"beds.significant_reduction\", value = true }\nrule = { present = \"beds.baseline\" }",
            ),
            criterion(
                "LATER",
                "dmbc",
                "blocker",
                3,
                "rule = { present = \"assurance.decision.date\" }",
            ),
            criterion(
                "EARLY",
                "dmbc",
                "major",
                4,
                "rule = { present = \"scheme.summary\" }",
            ),
        ])
    }

    #[test]
    fn scores_count_due_applicable_criteria_with_partly_met_as_half() {
        let assessment = assess(&scheme("pcbc", "summary = \"x\"\n"), &[sample()]);
        assert_eq!(
            statuses(&assessment),
            [
                ("MET", Status::Met),
                ("PART", Status::PartlyMet),
                ("MISS", Status::NotMet),
                ("NA", Status::NotApplicable),
                ("LATER", Status::NotYetDue),
                ("EARLY", Status::Met),
            ]
        );
        let score = &assessment.scores[0];
        assert!((score.met_weight - 3.0).abs() < f64::EPSILON);
        assert_eq!(
            (score.applicable_weight, score.applied, score.total),
            (5, 3, 6)
        );
        assert_eq!(score.percent, Some(60.0));
        assert_eq!(
            score.arithmetic(),
            "3 of 5 weight met; 3 of 6 criteria applied"
        );
        assert_eq!(assessment.rating, Rating::Amber);
        assert!(assessment.capped_by.is_empty());
    }

    #[test]
    fn an_unmet_blocker_due_caps_the_rating_and_blocks_its_gates() {
        let assessment = assess(
            &scheme(
                "dmbc",
                "summary = \"x\"\npopulation = 5\nservices = [\"a\"]\n",
            ),
            &[sample()],
        );
        assert_eq!(assessment.overall.percent, Some(75.0));
        assert_eq!(assessment.rating_by_score, Rating::AmberGreen);
        assert_eq!(assessment.rating, Rating::AmberRed);
        assert_eq!(assessment.capped_by, ["LATER"]);
        let ready: Vec<(Stage, bool)> = assessment
            .gates
            .iter()
            .map(|g| (g.stage, g.ready))
            .collect();
        assert_eq!(
            ready[..6],
            [
                (Stage::Cfc, true),
                (Stage::S1, true),
                (Stage::Pcbc, true),
                (Stage::S2, true),
                (Stage::Consultation, true),
                (Stage::Dmbc, false)
            ]
        );
    }

    #[test]
    fn a_cap_never_raises_a_low_rating() {
        let low = checklist(&[
            criterion(
                "B",
                "cfc",
                "blocker",
                9,
                "rule = { present = \"scheme.services\" }",
            ),
            criterion(
                "M",
                "cfc",
                "minor",
                1,
                "rule = { present = \"scheme.name\" }",
            ),
        ]);
        let assessment = assess(&scheme("cfc", ""), &[low]);
        assert_eq!(assessment.overall.percent, Some(10.0));
        assert_eq!(assessment.rating, Rating::Red);
    }

    #[test]
    fn thresholds_are_inclusive() {
        let rate = |met: u32, missing: u32| {
            let c = checklist(&[
                criterion(
                    "A",
                    "cfc",
                    "minor",
                    met,
                    "rule = { present = \"scheme.name\" }",
                ),
                criterion(
                    "B",
                    "cfc",
                    "minor",
                    missing,
                    "rule = { present = \"scheme.services\" }",
                ),
            ]);
            assess(&scheme("cfc", ""), &[c]).rating
        };
        assert_eq!(rate(85, 15), Rating::Green);
        assert_eq!(rate(84, 16), Rating::AmberGreen);
        assert_eq!(rate(70, 30), Rating::AmberGreen);
        assert_eq!(rate(55, 45), Rating::Amber);
        assert_eq!(rate(40, 60), Rating::AmberRed);
        assert_eq!(rate(39, 61), Rating::Red);
    }

    #[test]
    fn attestations_decide_judgement_criteria() {
        let c = checklist(&[criterion(
            "J",
            "cfc",
            "major",
            2,
            "rule = { judgement = true }",
        )]);
        let unattested = assess(&scheme("cfc", ""), std::slice::from_ref(&c));
        assert_eq!(unattested.findings[0].status, Status::NeedsJudgement);
        let attested = scheme(
            "cfc",
            "[[attestations]]\ncriterion = \"J\"\nby = \"A. Person\"\nrole = \"Director\"\ndate = 2024-12-01\n\
             verdict = \"partly-met\"\nrationale = \"Two of three partners signed.\"\n",
        );
        assert!(check_attestations(&attested, std::slice::from_ref(&c)).is_empty());
        let finding = &assess(&attested, &[c]).findings[0];
        assert_eq!(finding.status, Status::PartlyMet);
        assert_eq!(
            finding.evidence,
            "attested partly met by A. Person (Director) on 1 Dec 2024: Two of three partners signed."
        );
    }
}
