//! Attestations: a named person's judgement on a criterion that data cannot
//! decide. Each must name a known criterion that takes one, once.

use crate::checklist::{Checklist, Criterion};
use crate::diagnostic::{Diagnostic, one_of};
use crate::rule::Rule;
use crate::scheme::Scheme;

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
        // A suggestion compares with every id: only for the problems shown.
        let suggest = diagnostics.len() < crate::diagnostic::MAX_SHOWN;
        match criteria.iter().find(|c| c.id == id) {
            None => diagnostics.push(
                Diagnostic::new(
                    "unknown-criterion",
                    span.clone(),
                    format!("attestation names criterion `{id}`, which no checklist has"),
                    "unknown criterion",
                )
                .suggest(id, criteria.iter().map(|c| c.id.as_str()).filter(|_| suggest))
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
