//! The result of assessing a scheme: one finding per criterion, scores with
//! their arithmetic, the delivery-confidence rating and readiness per gate.
//! Computed once by the engine; every report only renders it.

use serde::Serialize;

use crate::checklist::{Basis, Severity};
use crate::scheme::Attestation;
use crate::source::Position;
use crate::stage::Stage;

#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Assessment {
    pub scheme: String,
    pub file: String,
    pub stage: Stage,
    /// The gate assessed: the stage's own gate, or the one asked for with
    /// `--stage`.
    pub target: Stage,
    /// The date the scheme file describes the scheme as at.
    #[serde(serialize_with = "crate::text::serialize_date")]
    #[schemars(with = "String")]
    pub as_of: jiff::civil::Date,
    pub findings: Vec<Finding>,
    pub scores: Vec<Score>,
    pub overall: Score,
    pub rating: Rating,
    /// The rating the score alone would give, before any veto.
    pub rating_by_score: Rating,
    /// Ids of the unmet blockers due by the next gate that cap the rating.
    pub capped_by: Vec<String>,
    /// Readiness for every gate in order.
    pub gates: Vec<GateReadiness>,
    /// The key dates the scheme records, earliest first.
    pub milestones: Vec<crate::milestone::Milestone>,
    /// Every waiver the scheme records, and what became of it.
    pub waivers: Vec<crate::waiver::WaiverOutcome>,
    /// How much of what the due criteria need the scheme records, apart
    /// from whether it passes: a file can be complete and still fail.
    pub completeness: Completeness,
    /// Notes on fields the file uses whose meaning has moved since it was
    /// written: what decides in their place.
    pub notes: Vec<String>,
    /// When the law the checklists cite was last reviewed (the earliest of
    /// their dates), and the changes announced but not in force then.
    #[serde(serialize_with = "crate::text::serialize_date_opt")]
    #[schemars(with = "Option<String>")]
    pub law_reviewed: Option<jiff::civil::Date>,
    pub announced: Vec<crate::checklist::Announced>,
}

/// The share of the facts that due, applicable criteria read which the
/// scheme records.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Completeness {
    /// Distinct scheme paths the due criteria read (conditions included).
    pub needed: usize,
    /// Of those, the ones the scheme records.
    pub recorded: usize,
    /// `recorded / needed` as a percentage, if anything is needed.
    pub percent: Option<f64>,
}

/// Why a gap is open: the evidence is not recorded, or it is recorded and
/// fails the test, or some of each.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Shortfall {
    NotRecorded,
    RecordedFails,
    Both,
}

impl Shortfall {
    pub fn words(self) -> &'static str {
        match self {
            Shortfall::NotRecorded => "not recorded",
            Shortfall::RecordedFails => "recorded evidence fails",
            Shortfall::Both => "partly not recorded, partly failing",
        }
    }
}

impl Assessment {
    /// Whether the verdict fails a CI threshold: the overall score is below
    /// `min_score`, or a gap due by the gate assessed has `threshold`
    /// severity or higher.
    pub fn fails(&self, threshold: Option<Severity>, min_score: Option<f64>) -> bool {
        if let Some(min) = min_score
            && self.overall.percent.unwrap_or(0.0) < min
        {
            return true;
        }
        threshold.is_some_and(|threshold| {
            self.findings
                .iter()
                .any(|f| f.status.is_outstanding() && f.severity >= threshold)
        })
    }

    /// Gaps due by the gate assessed, prerequisites' dependants included.
    pub fn gaps(&self) -> impl Iterator<Item = &Finding> {
        self.findings.iter().filter(|f| f.status.is_outstanding())
    }

    /// The findings of `ids` (blockers, as a gate or the rating names
    /// them), the most decisive first: those failing on recorded evidence
    /// before those only missing it, then legal duties before practice;
    /// otherwise in the order given (the catalogue's). Every format lists
    /// blockers in this order.
    pub fn decisive_first(&self, ids: &[String]) -> Vec<&Finding> {
        let mut named: Vec<&Finding> = ids
            .iter()
            .filter_map(|id| self.findings.iter().find(|f| &f.criterion == id))
            .collect();
        named.sort_by_key(|f| {
            (
                !matches!(f.shortfall, Some(Shortfall::RecordedFails | Shortfall::Both)),
                f.basis != Basis::LegalDuty,
            )
        });
        named
    }

    /// Waived findings whose criterion is a blocker resting on a legal
    /// duty: every report names them prominently.
    pub fn waived_legal_duties(&self) -> impl Iterator<Item = &Finding> {
        self.findings
            .iter()
            .filter(|f| f.status == Status::Waived && f.basis == Basis::LegalDuty && f.severity == Severity::Blocker)
    }

    /// The warning every report shows when a legal-duty blocker is waived.
    pub fn legal_duty_warning(&self) -> Option<String> {
        let waived: Vec<String> = self
            .waived_legal_duties()
            .map(|f| match &f.waiver {
                Some(w) => format!(
                    "{} (agreed by {}, {})",
                    f.criterion,
                    w.agreed_by,
                    w.reference.as_deref().unwrap_or("no reference")
                ),
                None => f.criterion.clone(),
            })
            .collect();
        (!waived.is_empty()).then(|| {
            format!(
                "LEGAL DUTY WAIVED: {}. A blocker that rests on a legal duty is waived; a waiver records the programme's decision, it does not remove the duty.",
                waived.join("; ")
            )
        })
    }

    /// Waivers that need attention: stale or expired.
    pub fn waivers_to_review(&self) -> impl Iterator<Item = &crate::waiver::WaiverOutcome> {
        use crate::waiver::WaiverState;
        self.waivers
            .iter()
            .filter(|w| matches!(w.state, WaiverState::Stale | WaiverState::Expired))
    }

    /// The law and practice in time, grouped: each form applied or set aside
    /// (with its deciding date), and the criteria it concerns, in the order
    /// the findings first name them.
    pub fn rules_in_time(&self) -> Vec<(&crate::evidence::InForce, Vec<&str>)> {
        let mut groups: Vec<(&crate::evidence::InForce, Vec<&str>)> = Vec::new();
        for f in &self.findings {
            if let Some(in_force) = &f.in_force {
                match groups.iter_mut().find(|(i, _)| *i == &**in_force) {
                    Some((_, ids)) => ids.push(&f.criterion),
                    None => groups.push((in_force, vec![&f.criterion])),
                }
            }
        }
        groups
    }

    /// Gaps due by the gate assessed, counted by why they are open: (not
    /// recorded, recorded evidence fails, both).
    /// Gaps blocked by a prerequisite are counted with it, as reports show them.
    pub fn shortfalls(&self) -> (usize, usize, usize) {
        let shown = self.findings.iter().filter(|f| f.status.is_gap());
        shown.fold((0, 0, 0), |(missing, against, both), f| match f.shortfall {
            Some(Shortfall::NotRecorded) => (missing + 1, against, both),
            Some(Shortfall::RecordedFails) => (missing, against + 1, both),
            Some(Shortfall::Both) => (missing, against, both + 1),
            None => (missing, against, both),
        })
    }

    /// The gap counts and completeness in one line, for every human format.
    pub fn shortfall_words(&self) -> String {
        let (missing, against, both) = self.shortfalls();
        let completeness = match self.completeness.percent {
            Some(p) => format!(
                "; the file records {} of the {} facts its due criteria read ({}%)",
                self.completeness.recorded,
                self.completeness.needed,
                crate::text::number_words((p * 10.0).round() / 10.0)
            ),
            None => String::new(),
        };
        let unknown = self.findings.iter().filter(|f| f.status == Status::Unknown).count();
        let unknown = if unknown > 0 {
            format!(" ({unknown} of them unknown: whether the criterion applies is not recorded)")
        } else {
            String::new()
        };
        format!(
            "{missing} with evidence not recorded{unknown}, {against} failing on recorded evidence, {both} with some of each{completeness}"
        )
    }

    /// The law's review date and the changes announced, in words, once.
    pub fn law_words(&self) -> Option<String> {
        let reviewed = self.law_reviewed.map(|d| {
            format!(
                "The law the checklists cite was reviewed on {}.",
                crate::text::date_words(d)
            )
        });
        let announced: Vec<String> = self
            .announced
            .iter()
            .map(|a| {
                format!(
                    "{}: {} (affects {})",
                    a.title,
                    a.citation.trim_end_matches('.'),
                    a.affects.join(", ")
                )
            })
            .collect();
        let announced =
            (!announced.is_empty()).then(|| format!("Announced, not yet in force: {}", announced.join("; ")));
        match (reviewed, announced) {
            (None, None) => None,
            (Some(r), None) => Some(r),
            (None, Some(a)) => Some(a),
            (Some(r), Some(a)) => Some(format!("{r} {a}")),
        }
    }

    /// Whether the gate assessed is ready (no open blocker due by it).
    pub fn ready(&self) -> bool {
        self.gates
            .iter()
            .find(|g| g.stage == self.target)
            .is_some_and(|g| g.ready)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    Met,
    PartlyMet,
    NotMet,
    /// The criterion's condition does not hold for this scheme.
    NotApplicable,
    /// Not met, but required only by a gate after the next one.
    NotYetDue,
    /// Data cannot decide it and no attestation is recorded.
    NeedsJudgement,
    /// Whether it applies turns on a fact the scheme does not record: a gap
    /// of its own, never taken as "not applicable".
    Unknown,
    /// Not met, and a criterion it depends on is not met either: shown
    /// against the prerequisite rather than as a second gap.
    Blocked,
    /// A gap the scheme's waivers record as not applying or accepted.
    Waived,
}

impl Status {
    pub fn words(self) -> &'static str {
        match self {
            Status::Met => "met",
            Status::PartlyMet => "partly met",
            Status::NotMet => "not met",
            Status::NotApplicable => "not applicable",
            Status::NotYetDue => "not yet due",
            Status::NeedsJudgement => "needs judgement",
            Status::Unknown => "unknown",
            Status::Blocked => "blocked",
            Status::Waived => "waived",
        }
    }

    /// The status as machine formats spell it (`not-met`), as in the JSON.
    pub fn code(self) -> &'static str {
        match self {
            Status::Met => "met",
            Status::PartlyMet => "partly-met",
            Status::NotMet => "not-met",
            Status::NotApplicable => "not-applicable",
            Status::NotYetDue => "not-yet-due",
            Status::NeedsJudgement => "needs-judgement",
            Status::Unknown => "unknown",
            Status::Blocked => "blocked",
            Status::Waived => "waived",
        }
    }

    /// A gap: due now and not (fully) met.
    pub fn is_gap(self) -> bool {
        matches!(
            self,
            Status::PartlyMet | Status::NotMet | Status::NeedsJudgement | Status::Unknown
        )
    }

    /// Outstanding: a gap, or blocked by one (a criterion waiting on
    /// another gap is still to be done). What every report lists as work.
    pub fn is_outstanding(self) -> bool {
        self.is_gap() || self == Status::Blocked
    }

    /// Set aside: not applicable (its condition fails or its law was not in
    /// force) or not due until a later gate. Every human format shows these
    /// apart from the work, with their reason.
    pub fn is_set_aside(self) -> bool {
        matches!(self, Status::NotApplicable | Status::NotYetDue)
    }
}

#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Finding {
    pub checklist: String,
    pub criterion: String,
    pub title: String,
    pub severity: Severity,
    pub basis: Basis,
    pub gate: Stage,
    pub weight: u32,
    pub status: Status,
    /// Whether the criterion is required by the next gate or an earlier one.
    /// Met criteria that are not yet due show as met but are left out of
    /// the score, which measures readiness for the next gate.
    pub due: bool,
    /// True when the criterion applies and is not fully met, whether or not
    /// it is due yet: what readiness for later gates looks at.
    pub open: bool,
    /// What was found or is missing, in words.
    #[schemars(with = "String")]
    pub evidence: crate::evidence::Evidence,
    /// The scheme path the finding concerns, and where it is in the file
    /// (for a missing key, the table it belongs in).
    pub path: String,
    pub position: Position,
    pub guidance: String,
    /// The source's citation and the part relied on.
    pub source: String,
    /// Where the source can be read, if known.
    pub source_url: Option<String>,
    pub attestation: Option<Attestation>,
    /// The waiver applied to this finding, if any.
    pub waiver: Option<crate::waiver::Waiver>,
    /// Prerequisite criteria that are not met yet.
    pub blocked_by: Vec<String>,
    /// Scheme paths of evidence that is missing, for the report's view of
    /// each missing piece once with every criterion it affects.
    pub missing: Vec<String>,
    /// For criteria whose source took effect on a date: which rules were
    /// applied and the scheme date that decided it.
    #[schemars(with = "Option<String>")]
    pub in_force: Option<Box<crate::evidence::InForce>>,
    /// For a gap: whether its evidence is not recorded, or recorded and
    /// failing, or some of each.
    pub shortfall: Option<Shortfall>,
}

/// A weighted score that carries its own arithmetic.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Score {
    pub checklist: String,
    pub title: String,
    /// Weight of met criteria, plus half the weight of partly met ones.
    pub met_weight: f64,
    /// Weight of the criteria that apply and are due.
    pub applicable_weight: u32,
    /// Criteria that apply and are due, out of `total`.
    pub applied: usize,
    pub total: usize,
    /// `met_weight / applicable_weight` as a percentage, if anything applied.
    pub percent: Option<f64>,
}

impl Score {
    pub fn new(checklist: &str, title: &str) -> Self {
        Score {
            checklist: checklist.to_owned(),
            title: title.to_owned(),
            met_weight: 0.0,
            applicable_weight: 0,
            applied: 0,
            total: 0,
            percent: None,
        }
    }

    /// Adds one finding to the score. Only due, applicable findings count.
    pub fn add(&mut self, finding: &Finding) {
        self.total += 1;
        let counted = match finding.status {
            Status::Met => 1.0,
            Status::PartlyMet => 0.5,
            Status::NotMet | Status::NeedsJudgement | Status::Unknown | Status::Blocked => 0.0,
            Status::Waived => match &finding.waiver {
                Some(w) if w.kind == crate::waiver::WaiverKind::Accepted => 0.0,
                _ => return,
            },
            Status::NotApplicable | Status::NotYetDue => return,
        };
        if !finding.due {
            return;
        }
        self.applied += 1;
        self.applicable_weight += finding.weight;
        self.met_weight += counted * f64::from(finding.weight);
        self.percent = Some(100.0 * self.met_weight / f64::from(self.applicable_weight));
    }

    /// The arithmetic in words: "14.5 of 20 weight met; 11 of 14 criteria applied".
    pub fn arithmetic(&self) -> String {
        format!(
            "{} of {} weight met; {} of {} criteria applied",
            crate::text::number_words(self.met_weight),
            self.applicable_weight,
            self.applied,
            self.total
        )
    }
}

/// The five-point delivery-confidence scale of government assurance reviews.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, schemars::JsonSchema, serde::Deserialize)]
pub enum Rating {
    Red,
    #[serde(rename = "Amber/Red")]
    AmberRed,
    Amber,
    #[serde(rename = "Amber/Green")]
    AmberGreen,
    Green,
}

impl Rating {
    /// The band a score falls in on the five-point scale (before any
    /// blocker caps it): the engine's rating and every chart's colour.
    pub fn for_percent(percent: f64) -> Rating {
        crate::engine::RATING_THRESHOLDS
            .iter()
            .find(|(threshold, _)| percent >= *threshold)
            .map_or(Rating::Red, |(_, rating)| *rating)
    }

    pub fn words(self) -> &'static str {
        match self {
            Rating::Red => "Red",
            Rating::AmberRed => "Amber/Red",
            Rating::Amber => "Amber",
            Rating::AmberGreen => "Amber/Green",
            Rating::Green => "Green",
        }
    }
}

#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct GateReadiness {
    pub stage: Stage,
    pub ready: bool,
    /// Unmet blockers required by this gate or an earlier one.
    pub blockers: Vec<String>,
}

#[cfg(test)]
mod tests {
    use super::Status;

    /// Machine formats spell a status as the JSON report does.
    #[test]
    fn status_codes_are_the_json_spellings() {
        for status in [
            Status::Met,
            Status::PartlyMet,
            Status::NotMet,
            Status::NotApplicable,
            Status::NotYetDue,
            Status::NeedsJudgement,
            Status::Unknown,
            Status::Blocked,
            Status::Waived,
        ] {
            let json = serde_json::to_value(status).expect("serialises");
            assert_eq!(json, status.code());
        }
    }
}
