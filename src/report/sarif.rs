//! SARIF 2.1.0 for code-scanning tools: each gap is a result located at its
//! line and column in the scheme file; each criterion with a result is a
//! rule carrying its help text and source. Severity maps to SARIF levels:
//! blocker → error, major → warning, minor → note.

use std::collections::BTreeMap;

use serde_json::{Value, json};

use super::Report;
use crate::assessment::Finding;
use crate::checklist::Severity;

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Blocker => "error",
        Severity::Major => "warning",
        Severity::Minor => "note",
    }
}

fn rule(f: &Finding) -> Value {
    let mut rule = json!({
        "id": f.criterion,
        "name": f.criterion,
        "shortDescription": { "text": f.title },
        "fullDescription": { "text": format!("{} Source: {}", f.title, f.source) },
        "help": { "text": f.guidance },
        "defaultConfiguration": { "level": level(f.severity) },
        "properties": {
            "checklist": f.checklist,
            "severity": f.severity.code(),
            "basis": f.basis.words(),
            "gate": f.gate.code(),
            "source": f.source,
        },
    });
    if let Some(url) = &f.source_url {
        rule["helpUri"] = json!(url);
    }
    rule
}

/// One scheme's share of a SARIF run: the rules its gaps use, the results
/// (their artifact index and rule index are filled in by [`assemble`]) and
/// the scheme file as an artifact.
#[derive(Debug, Clone)]
pub struct Parts {
    rules: Vec<Value>,
    results: Vec<Value>,
    artifact: Value,
}

pub fn parts(report: &Report<'_>) -> Parts {
    let a = report.assessment;
    let mut rules: Vec<Value> = Vec::new();
    let mut results = Vec::new();
    for f in a.gaps().chain(a.findings.iter().filter(|f| f.waiver.is_some())) {
        if !rules.iter().any(|r| r["id"] == f.criterion.as_str()) {
            rules.push(rule(f));
        }
        let mut result = json!({
            "ruleId": f.criterion,
            "level": level(f.severity),
            "message": { "text": format!("{} ({}): {}", f.title, f.status.words(), f.evidence) },
            "locations": [{
                "physicalLocation": {
                    "artifactLocation": { "uri": a.file },
                    "region": { "startLine": f.position.line, "startColumn": f.position.column },
                },
            }],
        });
        // A waived gap is a suppressed result, so code-scanning tools show
        // it as dismissed with the reason rather than hide it.
        if let Some(w) = &f.waiver {
            result["suppressions"] = json!([{
                "kind": "external",
                "status": "accepted",
                "justification": w.words(),
            }]);
        }
        results.push(result);
    }
    Parts {
        rules,
        results,
        artifact: json!({
            "location": { "uri": a.file },
            "hashes": { "sha-256": report.provenance.scheme_sha256 },
        }),
    }
}

/// One SARIF log with a single run over every scheme's parts, rules shared
/// and indexed in the order first seen.
pub fn assemble(all: impl IntoIterator<Item = Parts>, properties: Value) -> String {
    let mut index: BTreeMap<String, usize> = BTreeMap::new();
    let mut rules = Vec::new();
    let mut artifacts = Vec::new();
    let mut results = Vec::new();
    for (artifact_index, parts) in all.into_iter().enumerate() {
        for rule in parts.rules {
            let id = rule["id"].as_str().unwrap_or_default().to_owned();
            index.entry(id).or_insert_with(|| {
                rules.push(rule);
                rules.len() - 1
            });
        }
        for mut result in parts.results {
            let id = result["ruleId"].as_str().unwrap_or_default();
            result["ruleIndex"] = json!(index.get(id).copied().unwrap_or_default());
            result["locations"][0]["physicalLocation"]["artifactLocation"]["index"] = json!(artifact_index);
            results.push(result);
        }
        artifacts.push(parts.artifact);
    }
    let log = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "reassure",
                    "version": env!("CARGO_PKG_VERSION"),
                    "rules": rules,
                },
            },
            "artifacts": artifacts,
            "columnKind": "unicodeCodePoints",
            "results": results,
            "properties": properties,
        }],
    });
    let mut text = serde_json::to_string_pretty(&log).unwrap_or_else(|_| "{}".to_owned());
    text.push('\n');
    text
}

pub fn render(report: &Report<'_>) -> String {
    let a = report.assessment;
    let properties = json!({
        "reassureFormatVersion": super::REPORT_FORMAT_VERSION,
        "provenance": report.provenance,
        "rating": a.rating.words(),
        "gate": a.target.code(),
    });
    assemble([parts(report)], properties)
}
