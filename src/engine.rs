//! The engine: a pure function from a validated scheme and a set of
//! checklists to an [`Assessment`]. No input or output happens here.

use crate::assessment::{Assessment, Finding, GateReadiness, Rating, Score, Status};
use crate::checklist::{Checklist, Criterion, Severity};
use crate::diagnostic::{Diagnostic, one_of};
use crate::rule::{Context, Eval, Rule};
use crate::scheme::{Attestation, Scheme};
use crate::stage::Stage;
use crate::text::date_words;
use crate::waiver::{Waiver, WaiverOutcome, WaiverState};

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
    check_attestations_in(&scheme.root, checklists)
}

/// As [`check_attestations`], on a scheme's tree (one that may have other
/// problems).
pub fn check_attestations_in(root: &crate::document::Node, checklists: &[Checklist]) -> Vec<Diagnostic> {
    let criteria: Vec<&Criterion> = checklists.iter().flat_map(|c| &c.criteria).collect();
    let mut seen: Vec<&str> = Vec::new();
    let mut diagnostics = Vec::new();
    let attestations = crate::scheme::attestations_in(root);
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
                    one_of(
                        criteria
                            .iter()
                            .filter(|c| c.rule == Rule::Judgement)
                            .map(|c| c.id.as_str())
                    )
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
    assess_for(scheme, checklists, scheme.stage)
}

/// Assesses a scheme as if its next gate were `target` (`check --stage`):
/// criteria needed by that gate or an earlier one are due.
pub fn assess_for(scheme: &Scheme, checklists: &[Checklist], target: Stage) -> Assessment {
    assess_with(scheme, checklists, target, true)
}

/// As [`assess_for`], with the scheme's waivers applied or, when
/// `use_waivers` is false (`--no-waivers`), listed as ignored. Call
/// [`crate::waiver::check`] first.
pub fn assess_with(scheme: &Scheme, checklists: &[Checklist], target: Stage, use_waivers: bool) -> Assessment {
    let attestations = scheme.attestations();
    let mut findings = Vec::new();
    for checklist in checklists {
        for criterion in &checklist.criteria {
            let attestation = attestations
                .iter()
                .map(|(a, _)| a)
                .find(|a| a.criterion == criterion.id);
            findings.push(assess_criterion(scheme, target, checklist, criterion, attestation));
        }
    }
    // Before dependencies: a waived prerequisite no longer blocks others.
    let waivers = apply_waivers(&mut findings, crate::waiver::waivers(scheme), scheme.as_of, use_waivers);
    apply_dependencies(&mut findings, checklists);
    let mut scores = Vec::new();
    let mut overall = Score::new("overall", "All checklists");
    for checklist in checklists {
        let mut score = Score::new(&checklist.id, &checklist.title);
        for finding in findings.iter().filter(|f| f.checklist == checklist.id) {
            score.add(finding);
            overall.add(finding);
        }
        scores.push(score);
    }
    let rating_by_score = overall.percent.map_or(Rating::Red, |p| {
        RATING_THRESHOLDS
            .iter()
            .find(|(threshold, _)| p >= *threshold)
            .map_or(Rating::Red, |(_, rating)| *rating)
    });
    let capped_by = blockers(
        findings
            .iter()
            .filter(|f| f.due && f.open && f.severity == Severity::Blocker),
    );
    let rating = if capped_by.is_empty() {
        rating_by_score
    } else {
        rating_by_score.min(BLOCKER_CAP)
    };
    let gates = Stage::ALL
        .iter()
        .map(|&stage| {
            let blockers = blockers(
                findings
                    .iter()
                    .filter(|f| f.open && f.severity == Severity::Blocker && f.gate <= stage),
            );
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
        target,
        as_of: scheme.as_of.to_string(),
        findings,
        scores,
        overall,
        rating,
        rating_by_score,
        capped_by,
        gates,
        milestones: crate::milestone::milestones(&scheme.root, &scheme.source, scheme.as_of),
        waivers,
    }
}

/// Applies each waiver that is in date to its criterion's open finding,
/// and records what became of every waiver. Expiry is inclusive: a waiver
/// still counts on its `expires` date.
fn apply_waivers(
    findings: &mut [Finding],
    waivers: Vec<Waiver>,
    as_of: jiff::civil::Date,
    use_waivers: bool,
) -> Vec<WaiverOutcome> {
    waivers
        .into_iter()
        .map(|waiver| {
            let finding = findings.iter_mut().find(|f| f.criterion == waiver.criterion);
            let (state, note) = match (finding, waiver.expires_on) {
                _ if !use_waivers => (
                    WaiverState::Ignored,
                    "waivers were switched off for this run (--no-waivers)".to_owned(),
                ),
                (_, Some(expires)) if expires < as_of => (
                    WaiverState::Expired,
                    format!(
                        "expired on {}, before the as-of date {}; the criterion is assessed as usual",
                        date_words(expires),
                        date_words(as_of)
                    ),
                ),
                (Some(f), _) if f.open => {
                    f.evidence = format!("{}; without the waiver: {}", waiver.words(), f.evidence);
                    f.status = Status::Waived;
                    f.open = false;
                    f.waiver = Some(waiver.clone());
                    (
                        WaiverState::Applied,
                        format!("waives a gap that is {}", if f.due { "due" } else { "not yet due" }),
                    )
                }
                (Some(f), _) => (
                    WaiverState::Stale,
                    format!(
                        "matches no gap: `{}` is {}; remove the waiver or record why it is kept",
                        f.criterion,
                        f.status.words()
                    ),
                ),
                // `waiver::check` rejects unknown criteria before assessment.
                (None, _) => (WaiverState::Stale, "matches no criterion".to_owned()),
            };
            WaiverOutcome { waiver, state, note }
        })
        .collect()
}

/// Why a criterion's source was not in force for this scheme, if it was not.
fn out_of_force(scheme: &Scheme, checklist: &Checklist, criterion: &Criterion) -> Option<(String, String)> {
    let source = &checklist.sources[criterion.source];
    if source.in_force_from.is_none() && source.in_force_until.is_none() {
        return None;
    }
    let (date, path) = criterion
        .judged_on
        .iter()
        .find_map(|p| {
            scheme
                .root
                .lookup(p)
                .and_then(crate::document::Node::as_date)
                .map(|d| (d, p.clone()))
        })
        .unwrap_or((scheme.as_of, "as_of".to_owned()));
    let judged = format!("judged on `{path}` ({})", date_words(date));
    if let Some(from) = source.in_force_from.filter(|from| date < *from) {
        return Some((
            format!("its source took effect on {}; {judged}, before then", date_words(from)),
            path,
        ));
    }
    if let Some(until) = source.in_force_until.filter(|until| date >= *until) {
        return Some((
            format!("its source ceased on {}; {judged}, after then", date_words(until)),
            path,
        ));
    }
    None
}

/// The rules in time that applied: "in force from 1 Apr 2017; judged on …".
fn in_force_words(scheme: &Scheme, checklist: &Checklist, criterion: &Criterion) -> Option<String> {
    let source = &checklist.sources[criterion.source];
    let from = source.in_force_from?;
    let (date, path) = criterion
        .judged_on
        .iter()
        .find_map(|p| {
            scheme
                .root
                .lookup(p)
                .and_then(crate::document::Node::as_date)
                .map(|d| (d, p.as_str()))
        })
        .unwrap_or((scheme.as_of, "as_of"));
    Some(format!(
        "in force from {}; judged on `{path}` ({})",
        date_words(from),
        date_words(date)
    ))
}

/// Downgrades met evidence that is older than the criterion allows.
fn stale(scheme: &Scheme, criterion: &Criterion) -> Option<(String, String)> {
    let fresh = criterion.fresh.as_ref()?;
    let date = scheme
        .root
        .lookup(&fresh.date)
        .and_then(crate::document::Node::as_date)?;
    let limit = scheme
        .as_of
        .checked_sub(jiff::Span::new().months(i64::from(fresh.max_months)))
        .ok()?;
    (date < limit).then(|| {
        (
            format!(
                "but `{}` ({}) is more than {} months before the as-of date ({})",
                fresh.date,
                date_words(date),
                fresh.max_months,
                date_words(scheme.as_of)
            ),
            fresh.date.clone(),
        )
    })
}

fn assess_criterion(
    scheme: &Scheme,
    target: Stage,
    checklist: &Checklist,
    criterion: &Criterion,
    attestation: Option<&Attestation>,
) -> Finding {
    let root = &scheme.root;
    let cx = Context {
        root,
        as_of: scheme.as_of,
        source: &scheme.source,
    };
    let due = criterion.gate <= target;
    let mut missing = Vec::new();
    let mut in_force = in_force_words(scheme, checklist, criterion);
    let (status, evidence, path, attested) = if let Some((why, path)) = out_of_force(scheme, checklist, criterion) {
        (
            Status::NotApplicable,
            format!("not in force for this scheme: {why}"),
            path,
            None,
        )
    } else {
        match criterion.applies_when.as_ref().map(|rule| rule.evaluate(&cx)) {
            Some(c) if c.eval != Eval::Met => {
                in_force = None;
                (
                    Status::NotApplicable,
                    format!("{}; applies only when {}", c.evidence, describe_condition(criterion)),
                    c.path,
                    None,
                )
            }
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
                    let outcome = rule.evaluate(&cx);
                    missing = outcome.missing;
                    match (outcome.eval, stale(scheme, criterion)) {
                        (Eval::Met, Some((why, path))) => {
                            (Status::PartlyMet, format!("{} {why}", outcome.evidence), path, None)
                        }
                        (Eval::Met, None) => (Status::Met, outcome.evidence, outcome.path, None),
                        (Eval::Partly, _) => (Status::PartlyMet, outcome.evidence, outcome.path, None),
                        (Eval::NotMet, _) => (Status::NotMet, outcome.evidence, outcome.path, None),
                    }
                }
            },
        }
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
        source: if criterion.reference.is_empty() {
            checklist.sources[criterion.source].citation.clone()
        } else {
            format!(
                "{} — {}",
                checklist.sources[criterion.source].citation, criterion.reference
            )
        },
        source_url: checklist.sources[criterion.source].url.clone(),
        attestation: attested,
        waiver: None,
        blocked_by: Vec::new(),
        missing,
        in_force,
    }
}

/// Marks open findings whose prerequisites are open as blocked by them, so
/// one missing step is not reported twice.
fn apply_dependencies(findings: &mut [Finding], checklists: &[Checklist]) {
    let open: Vec<String> = findings
        .iter()
        .filter(|f| f.open)
        .map(|f| f.criterion.clone())
        .collect();
    let criteria: Vec<&Criterion> = checklists.iter().flat_map(|c| &c.criteria).collect();
    for (finding, criterion) in findings.iter_mut().zip(&criteria) {
        let blockers: Vec<String> = criterion
            .requires
            .iter()
            .filter(|r| open.contains(r))
            .cloned()
            .collect();
        if finding.open && !blockers.is_empty() {
            finding.evidence = format!("blocked until {} is met; {}", blockers.join(", "), finding.evidence);
            if finding.due {
                finding.status = Status::Blocked;
            }
            finding.blocked_by = blockers;
        }
    }
}

/// Ids of open blocker findings for a gate, leaving out those blocked by a
/// prerequisite already listed.
fn blockers<'a>(findings: impl Iterator<Item = &'a Finding> + Clone) -> Vec<String> {
    let listed: Vec<&str> = findings
        .clone()
        .filter(|f| f.blocked_by.is_empty())
        .map(|f| f.criterion.as_str())
        .collect();
    findings
        .filter(|f| f.blocked_by.is_empty() || !f.blocked_by.iter().any(|b| listed.contains(&b.as_str())))
        .map(|f| f.criterion.clone())
        .collect()
}

fn describe_condition(criterion: &Criterion) -> String {
    criterion.applies_when.as_ref().map(Rule::describe).unwrap_or_default()
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
        let text =
            format!("format_version = 1\nas_of = 2025-01-01\nstage = \"{stage}\"\n[scheme]\nname = \"S\"\n{body}");
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
            criterion("MET", "cfc", "major", 2, "rule = { present = \"scheme.summary\" }"),
            criterion(
                "PART",
                "cfc",
                "major",
                2,
                "rule = { all_of = [{ present = \"scheme.summary\" }, { present = \"scheme.population\" }] }",
            ),
            criterion("MISS", "pcbc", "minor", 1, "rule = { present = \"scheme.services\" }"),
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
            criterion("EARLY", "dmbc", "major", 4, "rule = { present = \"scheme.summary\" }"),
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
        assert_eq!((score.applicable_weight, score.applied, score.total), (5, 3, 6));
        assert_eq!(score.percent, Some(60.0));
        assert_eq!(score.arithmetic(), "3 of 5 weight met; 3 of 6 criteria applied");
        assert_eq!(assessment.rating, Rating::Amber);
        assert!(assessment.capped_by.is_empty());
    }

    #[test]
    fn an_unmet_blocker_due_caps_the_rating_and_blocks_its_gates() {
        let assessment = assess(
            &scheme("dmbc", "summary = \"x\"\npopulation = 5\nservices = [\"a\"]\n"),
            &[sample()],
        );
        assert_eq!(assessment.overall.percent, Some(75.0));
        assert_eq!(assessment.rating_by_score, Rating::AmberGreen);
        assert_eq!(assessment.rating, Rating::AmberRed);
        assert_eq!(assessment.capped_by, ["LATER"]);
        let ready: Vec<(Stage, bool)> = assessment.gates.iter().map(|g| (g.stage, g.ready)).collect();
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
            criterion("B", "cfc", "blocker", 9, "rule = { present = \"scheme.services\" }"),
            criterion("M", "cfc", "minor", 1, "rule = { present = \"scheme.name\" }"),
        ]);
        let assessment = assess(&scheme("cfc", ""), &[low]);
        assert_eq!(assessment.overall.percent, Some(10.0));
        assert_eq!(assessment.rating, Rating::Red);
    }

    #[test]
    fn thresholds_are_inclusive() {
        let rate = |met: u32, missing: u32| {
            let c = checklist(&[
                criterion("A", "cfc", "minor", met, "rule = { present = \"scheme.name\" }"),
                criterion("B", "cfc", "minor", missing, "rule = { present = \"scheme.services\" }"),
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
        let c = checklist(&[criterion("J", "cfc", "major", 2, "rule = { judgement = true }")]);
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

    #[test]
    fn law_in_time_uses_the_schemes_own_dates() {
        let text = "format_version = 1\n[checklist]\nid = \"T\"\ntitle = \"Test\"\nkind = \"lessons\"\n\
                    [[sources]]\nid = \"s\"\ncitation = \"c\"\nin_force_from = 2017-04-01\nin_force_until = 2024-01-31\n"
            .to_owned()
            + &criterion("DATED", "cfc", "blocker", 3, "judged_on = [\"consultation.start\"]\nrule = { present = \"beds.baseline\" }");
        let c = load(&SourceFile::new("t.toml", text)).expect("valid");
        let status = |body: &str| assess(&scheme("cfc", body), std::slice::from_ref(&c)).findings[0].clone();
        let before = status("[consultation]\nstart = 2016-09-26\n");
        assert_eq!(before.status, Status::NotApplicable);
        assert_eq!(
            before.evidence,
            "not in force for this scheme: its source took effect on 1 Apr 2017; judged on `consultation.start` (26 Sep 2016), before then"
        );
        let during = status("[consultation]\nstart = 2018-01-08\n");
        assert_eq!(during.status, Status::NotMet);
        assert_eq!(
            during.in_force.as_deref(),
            Some("in force from 1 Apr 2017; judged on `consultation.start` (8 Jan 2018)")
        );
        let after = status("[consultation]\nstart = 2024-02-05\n");
        assert_eq!(after.status, Status::NotApplicable);
        assert!(
            after.evidence.contains("its source ceased on 31 Jan 2024"),
            "{}",
            after.evidence
        );
        // Without the date, the as-of date (1 Jan 2025) decides.
        assert_eq!(status("").status, Status::NotApplicable);
    }

    #[test]
    fn stale_evidence_is_only_partly_met() {
        let c = checklist(&[criterion(
            "FRESH",
            "cfc",
            "major",
            2,
            "fresh = { date = \"case_for_change.jsna_date\", max_months = 36 }\nrule = { present = \"case_for_change.jsna_date\" }",
        )]);
        let at = |date: &str| {
            let body = format!("[case_for_change]\njsna_date = {date}\n");
            assess(&scheme("cfc", &body), std::slice::from_ref(&c)).findings[0].clone()
        };
        assert_eq!(at("2022-01-01").status, Status::Met);
        let stale = at("2021-12-31");
        assert_eq!(stale.status, Status::PartlyMet);
        assert!(
            stale.evidence.ends_with("but `case_for_change.jsna_date` (31 Dec 2021) is more than 36 months before the as-of date (1 Jan 2025)"),
            "{}",
            stale.evidence
        );
    }

    #[test]
    fn a_dependent_criterion_is_blocked_not_a_second_gap() {
        let c = checklist(&[
            criterion(
                "FIRST",
                "cfc",
                "blocker",
                3,
                "rule = { present = \"assurance.clinical_senate.report\" }",
            ),
            criterion(
                "SECOND",
                "cfc",
                "blocker",
                2,
                "requires = [\"FIRST\"]\nrule = { present = \"assurance.clinical_senate.recommendations_answered\" }",
            ),
        ]);
        let assessment = assess(&scheme("cfc", ""), std::slice::from_ref(&c));
        assert_eq!(
            statuses(&assessment),
            [("FIRST", Status::NotMet), ("SECOND", Status::Blocked)]
        );
        assert_eq!(assessment.findings[1].blocked_by, ["FIRST"]);
        assert!(!assessment.findings[1].status.is_gap());
        assert_eq!(
            assessment.gates[0].blockers,
            ["FIRST"],
            "the blocked one is not listed twice"
        );
        assert_eq!(assessment.capped_by, ["FIRST"]);
        assert_eq!(
            assessment.scores[0].applicable_weight, 5,
            "a blocked criterion still counts against the score"
        );
        let met = assess(
            &scheme("cfc", "[assurance.clinical_senate]\nreport = 2024-01-01\n"),
            &[c],
        );
        assert_eq!(statuses(&met), [("FIRST", Status::Met), ("SECOND", Status::NotMet)]);
    }
}
