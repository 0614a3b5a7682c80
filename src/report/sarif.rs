//! SARIF 2.1.0 for code-scanning tools: each gap is a result located at its
//! line and column in the scheme file; each criterion with a result is a
//! rule carrying its help text and source. Severity maps to SARIF levels:
//! blocker → error, major → warning, minor → note.

use serde_json::{Value, json};

use super::stream::Findings;
use super::{Part, Report};
use crate::assessment::Finding;
use crate::checklist::Severity;
use crate::diagnostic::Problem;

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Blocker => "error",
        Severity::Major => "warning",
        Severity::Minor => "note",
    }
}

/// The base every result's file is relative to: the project root of the
/// directory reassure runs in (in CI, the repository root), so code scanning
/// can place each result in the repository whatever folder it was checked
/// out to.
pub const SRCROOT: &str = "%SRCROOT%";

/// A file's place for SARIF: a path relative to [`SRCROOT`], percent-encoded
/// as a URI, with the base it is relative to; or, for a file outside the
/// project, an absolute `file://` URI and no base.
pub fn artifact_location(file: &str) -> Value {
    match crate::project::place(file) {
        Ok(relative) => json!({ "uri": uri_path(&relative), "uriBaseId": SRCROOT }),
        Err(resolved) => json!({ "uri": format!("file://{}", uri_path(&resolved)) }),
    }
}

/// A path as the path part of a URI: `/`-separated, every byte other than
/// an unreserved character or `/` percent-encoded (RFC 3986).
fn uri_path(path: &std::path::Path) -> String {
    let text = path.to_string_lossy().replace('\\', "/");
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => out.push(char::from(byte)),
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

/// A rule's readable name: its title in PascalCase (`SupportFromCommissioners`).
fn pascal_case(title: &str) -> String {
    title
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut chars = w.chars();
            chars
                .next()
                .map_or(String::new(), |c| c.to_uppercase().chain(chars).collect())
        })
        .collect()
}

/// Identifies a result across runs, so an upload does not duplicate alerts:
/// the criterion, the file and the key path it concerns, not the line
/// (which moves as the file is edited).
fn fingerprint(criterion: &str, uri: &str, path: &str) -> String {
    let digest = crate::provenance::sha256_hex(format!("{criterion}\0{uri}\0{path}").as_bytes());
    format!("{}:1", &digest[..32])
}

fn rule(f: &Finding) -> Value {
    let mut rule = json!({
        "id": f.criterion,
        "name": pascal_case(&f.title),
        "shortDescription": { "text": f.title },
        "fullDescription": { "text": format!("{}. Source: {}.", f.title.trim_end_matches('.'), f.source.trim_end_matches('.')) },
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
    let location = artifact_location(&a.file);
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
                    "artifactLocation": location.clone(),
                    "region": { "startLine": f.position.line, "startColumn": f.position.column },
                },
            }],
            "partialFingerprints": {
                "reassureFinding/v1": fingerprint(&f.criterion, location["uri"].as_str().unwrap_or_default(), &f.path),
            },
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
            "location": location,
            "hashes": { "sha-256": report.provenance.scheme_sha256 },
        }),
    }
}

/// A SARIF log being assembled from schemes' parts as they arrive: rules
/// shared and indexed in the order first seen, artifacts kept (one small
/// entry a scheme) and results spooled to an anonymous temporary file, so
/// memory stays flat however many schemes there are. The log comes out as
/// `serde_json`'s pretty printer writes it, keys in order.
pub struct Assembler {
    index: std::collections::HashMap<String, usize>,
    rules: Vec<Value>,
    artifacts: Vec<Value>,
    results: Spool,
    /// Bytes of results kept in memory before spooling to a file.
    in_memory: usize,
}

/// Results written so far: in memory until they grow past a megabyte, then
/// in an anonymous temporary file.
enum Spool {
    Memory(Vec<u8>, usize),
    File(std::io::BufWriter<std::fs::File>, usize),
}

const SPOOL_IN_MEMORY: usize = 1 << 20;

impl Spool {
    fn push(&mut self, text: &str, in_memory: usize) -> std::io::Result<()> {
        use std::io::Write as _;
        if let Spool::Memory(bytes, count) = self
            && bytes.len() + text.len() > in_memory
        {
            let mut file = std::io::BufWriter::new(super::spool::temporary_file()?);
            file.write_all(bytes)?;
            *self = Spool::File(file, *count);
        }
        let (out, count): (&mut dyn std::io::Write, &mut usize) = match self {
            Spool::Memory(bytes, count) => (bytes, count),
            Spool::File(file, count) => (file, count),
        };
        if *count > 0 {
            out.write_all(b",\n")?;
        }
        out.write_all(b"        ")?;
        out.write_all(text.as_bytes())?;
        *count += 1;
        Ok(())
    }
}

/// A value as `serde_json` pretty-prints it, continuation lines indented
/// by `indent` spaces to sit at that depth of an enclosing document.
fn pretty_at(value: &Value, indent: usize) -> String {
    let text = serde_json::to_string_pretty(value).expect("a JSON value always serialises");
    text.replace('\n', &format!("\n{}", " ".repeat(indent)))
}

impl Default for Assembler {
    fn default() -> Self {
        Assembler {
            index: std::collections::HashMap::new(),
            rules: Vec::new(),
            artifacts: Vec::new(),
            results: Spool::Memory(Vec::new(), 0),
            in_memory: SPOOL_IN_MEMORY,
        }
    }
}

impl Assembler {
    /// Adds one scheme's parts: its artifact, its new rules, its results.
    fn add_parts(&mut self, parts: Parts) -> std::io::Result<()> {
        let artifact_index = self.artifacts.len();
        for rule in parts.rules {
            let id = rule["id"].as_str().unwrap_or_default().to_owned();
            if !self.index.contains_key(&id) {
                self.index.insert(id, self.rules.len());
                self.rules.push(rule);
            }
        }
        for mut result in parts.results {
            let id = result["ruleId"].as_str().unwrap_or_default();
            result["ruleIndex"] = json!(self.index.get(id).copied().unwrap_or_default());
            result["locations"][0]["physicalLocation"]["artifactLocation"]["index"] = json!(artifact_index);
            self.results.push(&pretty_at(&result, 8), self.in_memory)?;
        }
        self.artifacts.push(parts.artifact);
        Ok(())
    }

    /// Adds a file that could not be assessed: an `error` result for each
    /// problem, located where it has a place, under one shared rule.
    fn add_invalid_file(&mut self, file: &str, problems: &[Problem]) -> std::io::Result<()> {
        const RULE: &str = "invalid-scheme-file";
        if !self.index.contains_key(RULE) {
            self.index.insert(RULE.to_owned(), self.rules.len());
            self.rules.push(json!({
                "id": RULE,
                "name": "InvalidSchemeFile",
                "shortDescription": { "text": "The file is not a valid scheme file" },
                "fullDescription": { "text": "The file could not be read or does not follow the scheme format, so it was not assessed. Each problem is reported at its place." },
                "help": { "text": "Fix each problem as its message says; SCHEME.md lists every key of the scheme format." },
                "defaultConfiguration": { "level": "error" },
            }));
        }
        let artifact_index = self.artifacts.len();
        let location = artifact_location(file);
        for p in problems {
            let mut physical = json!({ "artifactLocation": location.clone() });
            physical["artifactLocation"]["index"] = json!(artifact_index);
            if let Some(at) = p.position {
                physical["region"] = json!({ "startLine": at.line, "startColumn": at.column });
            }
            let result = json!({
                "ruleId": RULE,
                "ruleIndex": self.index[RULE],
                "level": "error",
                "message": { "text": p.message },
                "locations": [{ "physicalLocation": physical }],
                "partialFingerprints": {
                    "reassureFinding/v1": fingerprint(RULE, location["uri"].as_str().unwrap_or_default(), &p.message),
                },
            });
            self.results.push(&pretty_at(&result, 8), self.in_memory)?;
        }
        self.artifacts.push(json!({ "location": location }));
        Ok(())
    }

    /// Writes the whole log, with `properties` on the run.
    fn write_log(self, properties: &Value, out: &mut dyn std::io::Write) -> std::io::Result<()> {
        let mut tool = json!({
            "driver": {
                "name": "reassure",
                "rules": self.rules,
                "version": env!("CARGO_PKG_VERSION"),
            },
        });
        // The tool's web address, once the package names one (`homepage` or
        // `repository` in Cargo.toml); none is made up meanwhile.
        if let Some(address) = [option_env!("CARGO_PKG_HOMEPAGE"), option_env!("CARGO_PKG_REPOSITORY")]
            .into_iter()
            .flatten()
            .find(|a| !a.is_empty())
        {
            tool["driver"]["informationUri"] = json!(address);
        }
        write!(
            out,
            "{{\n  \"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\",\n  \"runs\": [\n    {{\n      \
             \"artifacts\": {},\n      \"columnKind\": \"unicodeCodePoints\",\n      \"originalUriBaseIds\": {},\n      \
             \"properties\": {},\n      \"results\": ",
            pretty_at(&Value::Array(self.artifacts), 6),
            pretty_at(&base_ids(), 6),
            pretty_at(properties, 6),
        )?;
        match self.results {
            Spool::Memory(_, 0) => out.write_all(b"[]")?,
            Spool::Memory(bytes, _) => {
                out.write_all(b"[\n")?;
                out.write_all(&bytes)?;
                out.write_all(b"\n      ]")?;
            }
            Spool::File(file, _) => {
                use std::io::Seek as _;
                let mut file = file.into_inner().map_err(std::io::IntoInnerError::into_error)?;
                file.seek(std::io::SeekFrom::Start(0))?;
                out.write_all(b"[\n")?;
                std::io::copy(&mut file, out)?;
                out.write_all(b"\n      ]")?;
            }
        }
        writeln!(
            out,
            ",\n      \"tool\": {}\n    }}\n  ],\n  \"version\": \"2.1.0\"\n}}",
            pretty_at(&tool, 6)
        )
    }
}

impl Findings for Assembler {
    fn add(&mut self, part: &Part, _: &mut dyn std::io::Write) -> std::io::Result<()> {
        match part {
            Part::Sarif(parts) => self.add_parts(parts.clone()),
            _ => Ok(()),
        }
    }

    fn add_invalid(&mut self, file: &str, problems: &[Problem], _: &mut dyn std::io::Write) -> std::io::Result<()> {
        self.add_invalid_file(file, problems)
    }

    fn finish(self: Box<Self>, properties: &Value, out: &mut dyn std::io::Write) -> std::io::Result<()> {
        self.write_log(properties, out)
    }
}

/// What the files' paths are relative to. No absolute path is written: the
/// consumer (code scanning, an editor) knows where its checkout is.
fn base_ids() -> Value {
    json!({
        SRCROOT: {
            "description": {
                "text": "The project root: the folder of the nearest .reassure.toml above the folder reassure ran in, else the repository root, else that folder itself."
            }
        }
    })
}

/// One SARIF log with a single run over every scheme's parts.
pub fn assemble(all: impl IntoIterator<Item = Parts>, properties: Value) -> String {
    // Kept in memory throughout, so no step can fail.
    let mut assembler = Assembler {
        in_memory: usize::MAX,
        ..Assembler::default()
    };
    let mut out = Vec::new();
    for parts in all {
        let _ = assembler.add_parts(parts);
    }
    let _ = assembler.write_log(&properties, &mut out);
    String::from_utf8(out).expect("JSON is UTF-8")
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
