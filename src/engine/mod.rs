//! The engine: a pure function from a validated scheme and a set of
//! checklists to an [`Assessment`]. No input or output happens here.

use crate::assessment::{Assessment, Completeness, Finding, GateReadiness, Rating, Score, Shortfall, Status};
use crate::checklist::{Checklist, Criterion, Severity};
use crate::evidence::{Evidence, Fact, Named};
use crate::rule::{Context, Decision, Eval, Rule};
use crate::scheme::{Attestation, Scheme, Verdict};
use crate::stage::Stage;
use crate::text::date_words;
use crate::waiver::{Waiver, WaiverOutcome, WaiverState};

mod attestations;
mod in_force;
#[cfg(test)]
mod tests;

pub use attestations::{check_attestations, check_attestations_in};
use in_force::{in_time, stale};

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
    assess_in(scheme, checklists, target, use_waivers, true)
}

/// As [`assess_with`], with nothing put into words and nothing placed: every
/// finding's `evidence`, `in_force`, `guidance` and `source` are left empty
/// and its `position` is [`Position::NONE`](crate::source::Position::NONE);
/// there are no `milestones` and `completeness` is not counted. Everything
/// else (statuses, paths, missing evidence, scores, blockers, gates) is as
/// [`assess_with`] gives. For a summary that reads only statuses, such as a
/// portfolio's row: wording the evidence was a third of a portfolio run, and
/// placing each finding, the timeline and completeness about an eighth of
/// the rest (10,000 schemes: 1.21 s to 1.06 s, medians of four runs).
pub fn assess_statuses(scheme: &Scheme, checklists: &[Checklist], target: Stage, use_waivers: bool) -> Assessment {
    assess_in(scheme, checklists, target, use_waivers, false)
}

fn assess_in(scheme: &Scheme, checklists: &[Checklist], target: Stage, use_waivers: bool, words: bool) -> Assessment {
    let attestations = scheme.attestations();
    let mut findings = Vec::new();
    for checklist in checklists {
        for criterion in &checklist.criteria {
            let attestation = attestations
                .iter()
                .map(|(a, _)| a)
                .find(|a| a.criterion == criterion.id);
            findings.push(assess_criterion(
                scheme,
                target,
                checklist,
                criterion,
                attestation,
                words,
            ));
        }
    }
    // Before dependencies: a waived prerequisite no longer blocks others.
    let waivers = apply_waivers(
        &mut findings,
        crate::waiver::waivers(scheme),
        scheme.as_of,
        use_waivers,
        words,
    );
    apply_dependencies(&mut findings, checklists, words);
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
    let rating_by_score = overall.percent.map_or(Rating::Red, Rating::for_percent);
    // The open blockers, found once: the rating and every gate read them.
    let open_blockers: Vec<&Finding> = findings
        .iter()
        .filter(|f| f.open && f.severity == Severity::Blocker)
        .collect();
    let capped_by = blockers(open_blockers.iter().copied().filter(|f| f.due));
    let rating = if capped_by.is_empty() {
        rating_by_score
    } else {
        rating_by_score.min(BLOCKER_CAP)
    };
    // Completeness reads the criteria that are due and apply; a summary of
    // statuses does not count it.
    let completeness = if words {
        let due: Vec<bool> = findings
            .iter()
            .map(|f| f.due && !matches!(f.status, Status::NotApplicable))
            .collect();
        completeness(scheme, checklists, &due)
    } else {
        Completeness {
            needed: 0,
            recorded: 0,
            percent: None,
        }
    };
    let gates = Stage::ALL
        .iter()
        .map(|&stage| {
            let blockers = blockers(open_blockers.iter().copied().filter(|f| f.gate <= stage));
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
        as_of: scheme.as_of,
        findings,
        scores,
        overall,
        rating,
        rating_by_score,
        capped_by,
        gates,
        milestones: if words {
            crate::milestone::milestones(&scheme.root, &scheme.source, scheme.as_of)
        } else {
            Vec::new()
        },
        waivers,
        completeness,
        notes: crate::scheme::format::SUPERSEDED
            .iter()
            .filter(|(path, _)| scheme.root.lookup(path).is_some())
            .map(|(_, note)| (*note).to_owned())
            .collect(),
        law_reviewed: checklists.iter().filter_map(|c| c.reviewed).min(),
        announced: {
            let mut announced: Vec<crate::checklist::Announced> = Vec::new();
            for a in checklists.iter().flat_map(|c| &c.announced) {
                if !announced.iter().any(|known| known.title == a.title) {
                    announced.push(a.clone());
                }
            }
            announced
        },
    }
}

/// The share of the facts read by due, applicable criteria that the scheme
/// records (each path once).
fn completeness(scheme: &Scheme, checklists: &[Checklist], due: &[bool]) -> Completeness {
    let criteria = checklists.iter().flat_map(|c| &c.criteria);
    let mut needed: Vec<&str> = criteria
        .zip(due)
        .filter(|(_, due)| **due)
        .flat_map(|(c, _)| {
            c.rule
                .paths()
                .into_iter()
                .chain(c.applies_when.iter().flat_map(Rule::paths))
        })
        .collect();
    needed.sort_unstable();
    needed.dedup();
    let recorded = needed.iter().filter(|p| scheme.root.lookup(p).is_some()).count();
    Completeness {
        needed: needed.len(),
        recorded,
        percent: (!needed.is_empty()).then(|| 100.0 * recorded as f64 / needed.len() as f64),
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
    words: bool,
) -> Vec<WaiverOutcome> {
    waivers
        .into_iter()
        .map(|waiver| {
            let finding = findings.iter_mut().find(|f| f.criterion == waiver.criterion);
            let (state, note) = match (finding, waiver.expires) {
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
                    if words {
                        let without = std::mem::take(&mut f.evidence);
                        f.evidence = Evidence::from(Fact::Waived {
                            waiver: Box::new(waiver.clone()),
                            without,
                        });
                    }
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

fn assess_criterion(
    scheme: &Scheme,
    target: Stage,
    checklist: &Checklist,
    criterion: &Criterion,
    attestation: Option<&Attestation>,
    words: bool,
) -> Finding {
    let root = &scheme.root;
    let cx = Context {
        root,
        as_of: scheme.as_of,
        source: &scheme.source,
        words,
    };
    let due = criterion.gate <= target;
    let mut missing = Vec::new();
    let mut against = false;
    let time = in_time(scheme, checklist, criterion, words);
    let mut in_force = time.in_force.clone();
    let form = time.form.unwrap_or(criterion.source);
    let (status, evidence, path, attested) = if time.form.is_none() {
        let why = time.in_force.clone().map_or_else(Evidence::default, |in_force| {
            Evidence::from(Fact::NotInForce(*in_force))
        });
        (Status::NotApplicable, why, time.path.to_owned(), None)
    } else {
        let condition = criterion.applies_when.as_ref().map(|rule| (rule, rule.decide(&cx)));
        match condition {
            Some((rule, Decision::Fails)) => {
                in_force = None;
                let c = rule.evaluate(&cx);
                (
                    Status::NotApplicable,
                    cx.fact(|| Fact::Condition {
                        found: c.evidence,
                        condition: Box::new(rule.clone()),
                    }),
                    c.path,
                    None,
                )
            }
            Some((_, Decision::Unknown(paths))) => {
                // The facts to record, not the condition's logic: `explain`
                // shows that.
                let evidence = cx.fact(|| {
                    Fact::ApplicabilityUnknown(paths.iter().map(|p| with_item_name(&scheme.root, p)).collect())
                });
                let path = paths[0].clone();
                missing = paths;
                (Status::Unknown, evidence, path, None)
            }
            _ => match (&criterion.rule, attestation) {
                (Rule::Judgement, Some(a)) => {
                    let status = match a.verdict {
                        Some(Verdict::Met) => Status::Met,
                        Some(Verdict::PartlyMet) => Status::PartlyMet,
                        Some(Verdict::NotMet) | None => Status::NotMet,
                    };
                    let evidence = cx.fact(|| Fact::Attested {
                        status,
                        by: a.by.clone(),
                        role: a.role.clone(),
                        date: a.date,
                        rationale: a.rationale.clone(),
                    });
                    (status, evidence, "attestations".to_owned(), Some(a.clone()))
                }
                (Rule::Judgement, None) => (
                    Status::NeedsJudgement,
                    cx.fact(|| Fact::NoAttestation),
                    "attestations".to_owned(),
                    None,
                ),
                (rule, _) => {
                    let outcome = rule.evaluate(&cx);
                    missing = outcome.missing;
                    against = outcome.against;
                    match (outcome.eval, stale(scheme, criterion)) {
                        // Every part asked nothing (an `if_recorded` whose
                        // value is not recorded): nothing to meet.
                        (Eval::Met, _) if outcome.vacuous => {
                            (Status::NotApplicable, outcome.evidence, outcome.path, None)
                        }
                        (Eval::Met, Some((path, date, months))) => (
                            Status::PartlyMet,
                            cx.fact(|| Fact::Stale {
                                met: outcome.evidence,
                                date_path: path.to_owned(),
                                date,
                                months,
                                as_of: scheme.as_of,
                            }),
                            path.to_owned(),
                            None,
                        ),
                        (Eval::Met, None) => (Status::Met, outcome.evidence, outcome.path, None),
                        (Eval::Partly, _) => (Status::PartlyMet, outcome.evidence, outcome.path, None),
                        (Eval::NotMet, _) => (Status::NotMet, outcome.evidence, outcome.path, None),
                    }
                }
            },
        }
    };
    let open = status.is_gap();
    let shortfall = open.then_some(match status {
        Status::Unknown | Status::NeedsJudgement => Shortfall::NotRecorded,
        // An attested "not met" records its evidence: nothing is missing.
        _ => match (missing.is_empty(), against) {
            (false, true) => Shortfall::Both,
            (false, false) => Shortfall::NotRecorded,
            // Met evidence gone stale fails on what is recorded.
            (true, _) => Shortfall::RecordedFails,
        },
    });
    let status = if open && !due { Status::NotYetDue } else { status };
    // Where the finding points: the key at its path, or the nearest table
    // that exists; a summary of statuses places nothing.
    let position = if words {
        let offset = root
            .key_span(&path)
            .map_or_else(|| root.nearest(&path).span.start, |span| span.start);
        scheme.source.position(offset)
    } else {
        crate::source::Position::NONE
    };
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
        position,
        path,
        guidance: cx.say(|| criterion.guidance.clone()),
        // An earlier form is cited on its own: the reference belongs to
        // the criterion's current source.
        source: cx.say(|| {
            if criterion.reference.is_empty() || form != criterion.source {
                checklist.sources[form].citation.clone()
            } else {
                format!("{} — {}", checklist.sources[form].citation, criterion.reference)
            }
        }),
        source_url: checklist.sources[form].url.clone(),
        attestation: attested,
        waiver: None,
        blocked_by: Vec::new(),
        missing,
        in_force,
        shortfall,
    }
}

/// Marks open findings whose prerequisites are open as blocked by them, so
/// one missing step is not reported twice.
fn apply_dependencies(findings: &mut [Finding], checklists: &[Checklist], words: bool) {
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
            if words {
                let then = std::mem::take(&mut finding.evidence);
                finding.evidence = Evidence::from(Fact::Blocked {
                    by: blockers.clone(),
                    then,
                });
            }
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

/// A path to record, with the name of the list item it is in, if any: a
/// reader knows a council by its name, not by its place counted from 0.
fn with_item_name(root: &crate::document::Node, path: &str) -> Named {
    let item = path
        .rfind(']')
        .and_then(|end| root.lookup(&path[..=end]))
        .and_then(|item| item.lookup("name").or_else(|| item.lookup("by")))
        .and_then(crate::document::Node::as_str)
        .map(str::to_owned);
    Named {
        path: path.to_owned(),
        item,
    }
}
