//! SARIF 2.1.0 for code-scanning tools: each gap is a result located at its
//! line and column in the scheme file; each criterion with a result is a
//! rule carrying its help text and source. Severity maps to SARIF levels:
//! blocker → error, major → warning, minor → note.

use std::collections::BTreeMap;

use serde_json::{Value, json};

use super::Report;
use crate::assessment::{Finding, Status};
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

pub fn render(report: &Report<'_>) -> String {
    let a = report.assessment;
    let gaps: Vec<&Finding> = a
        .findings
        .iter()
        .filter(|f| f.status.is_gap() || f.status == Status::Blocked)
        .collect();
    // One rule per criterion with a result, in the order first seen.
    let mut index: BTreeMap<&str, usize> = BTreeMap::new();
    let mut rules = Vec::new();
    for f in &gaps {
        if !index.contains_key(f.criterion.as_str()) {
            index.insert(&f.criterion, rules.len());
            rules.push(rule(f));
        }
    }
    let results: Vec<Value> = gaps
        .iter()
        .map(|f| {
            json!({
                "ruleId": f.criterion,
                "ruleIndex": index[f.criterion.as_str()],
                "level": level(f.severity),
                "message": { "text": format!("{} ({}): {}", f.title, f.status.words(), f.evidence) },
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": { "uri": a.file, "index": 0 },
                        "region": { "startLine": f.position.line, "startColumn": f.position.column },
                    },
                }],
            })
        })
        .collect();
    let p = report.provenance;
    let log = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "reassure",
                    "version": p.tool_version,
                    "rules": rules,
                },
            },
            "artifacts": [{
                "location": { "uri": a.file },
                "hashes": { "sha-256": p.scheme_sha256 },
            }],
            "columnKind": "unicodeCodePoints",
            "results": results,
            "properties": {
                "reassureFormatVersion": super::REPORT_FORMAT_VERSION,
                "provenance": p,
                "rating": a.rating.words(),
                "gate": a.target.code(),
            },
        }],
    });
    let mut text = serde_json::to_string_pretty(&log).unwrap_or_else(|_| "{}".to_owned());
    text.push('\n');
    text
}
