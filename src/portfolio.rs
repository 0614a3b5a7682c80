//! Many schemes at once: finding the scheme files under the paths given,
//! scoring them in parallel, and keeping one summary row per scheme (not
//! every assessment, so memory stays flat however many files there are).

use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::Serialize;

use crate::assessment::{Assessment, Rating};
use crate::checklist::Severity;
use crate::checklist::set::Catalogue;
use crate::diagnostic::Rejection;
use crate::document::{self, Node};
use crate::prepare::prepare_parsed;
use crate::provenance::Provenance;
use crate::report::Report;
use crate::stage::Stage;
use crate::{engine, input};

use crate::config::CONFIG_FILE_NAME;

/// What to assess every scheme for.
#[derive(Debug, Clone, Copy)]
pub struct Settings<'a> {
    /// A gate to assess instead of each scheme's own next gate.
    pub stage: Option<Stage>,
    pub threshold: Option<Severity>,
    pub min_score: Option<f64>,
    /// Whether the schemes' waivers are applied (false with `--no-waivers`).
    pub waivers: bool,
    pub options: &'a crate::provenance::Options,
}

/// A file met while scanning that is not a scheme, and why it was passed over.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Skipped {
    pub file: String,
    pub why: String,
}

/// The paths to score, in a stable order: each file given, and every
/// `*.toml` under each directory given (recursively, sorted, hidden
/// directories, `target/` and symbolic links to directories left out). A path that does not exist is kept,
/// so that reading it reports the error against it.
pub fn discover(paths: &[PathBuf]) -> Vec<PathBuf> {
    let mut found = Vec::new();
    for path in paths {
        if path.is_dir() {
            walk(path, &mut found);
        } else {
            found.push(path.clone());
        }
    }
    // The same file given twice, or through two paths, is scored once. A
    // single directory's walk cannot meet a file twice, so the cost of
    // resolving every path is paid only when several paths are given.
    if paths.len() > 1 {
        let mut seen = std::collections::HashSet::new();
        found.retain(|p| seen.insert(p.canonicalize().unwrap_or_else(|_| p.clone())));
    }
    found
}

fn walk(dir: &Path, found: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        // Unreadable: let reading it as a file report why.
        found.push(dir.to_owned());
        return;
    };
    // The entry's own type, not its target's: a symbolic link to a folder
    // is not followed (it could lead back up the tree, or to files met
    // already), while a link to a scheme file is read like a file.
    let mut entries: Vec<(PathBuf, bool)> = entries
        .filter_map(|e| e.ok().map(|e| (e.path(), e.file_type().is_ok_and(|t| t.is_dir()))))
        .collect();
    entries.sort();
    for (path, is_dir) in entries {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default();
        if is_dir {
            if !name.starts_with('.') && name != "target" {
                walk(&path, found);
            }
        } else if name.ends_with(".toml") {
            found.push(path);
        }
    }
}

/// One scheme's line in the portfolio.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Summary {
    pub scheme: String,
    pub scheme_sha256: String,
    pub stage: Stage,
    /// The gate assessed.
    pub target: Stage,
    pub ready: bool,
    pub score: Option<f64>,
    pub rating: Rating,
    /// Unmet blockers due by the gate assessed.
    pub blockers: Vec<String>,
    /// Gaps due by the gate assessed.
    pub gaps: usize,
    /// Findings waived by the scheme's waivers.
    pub waived: usize,
    /// Waived blockers that rest on legal duties: every format names them.
    pub legal_duties_waived: Vec<String>,
    /// Whether the scheme fails the thresholds (`--fail-on`, `--min-score`).
    pub fails: bool,
}

/// What became of one file.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
#[serde(tag = "status", rename_all = "kebab-case")]
pub enum Outcome {
    Assessed(Summary),
    /// The file could not be read or is not a valid scheme.
    Invalid {
        /// Each problem on one line: `line:column: message`.
        problems: Vec<String>,
        /// The problems rendered in full, for the terminal.
        #[serde(skip)]
        #[schemars(skip)]
        rendered: String,
    },
    /// A checklist or configuration file met in a directory.
    Skipped {
        why: String,
    },
}

/// One file's row, and what a per-finding format needs from its assessment.
#[derive(Debug, Clone)]
pub struct Entry {
    pub file: String,
    pub outcome: Outcome,
    /// Rendered by the caller's `detail` function while the assessment is
    /// at hand, so the assessment itself need not be kept.
    pub detail: Vec<Detail>,
}

/// The part of a per-finding report one scheme contributes.
#[derive(Debug, Clone)]
pub enum Detail {
    Text(crate::report::Format, String),
    Sarif(crate::report::sarif::Parts),
}

/// Scores every path in parallel; rows come back in the order given.
/// `detail` renders each assessed scheme's part of a per-finding format;
/// `tick` is called once per file finished (for a progress bar).
pub fn assess_all(
    paths: &[PathBuf],
    catalogue: &Catalogue,
    settings: Settings<'_>,
    detail: &(dyn Fn(&Report<'_>) -> Vec<Detail> + Sync),
    tick: &(dyn Fn() + Sync),
) -> Vec<Entry> {
    paths
        .par_iter()
        .map(|path| {
            let entry = assess_one(path, catalogue, settings, detail);
            tick();
            entry
        })
        .collect()
}

fn invalid(file: String, problems: Vec<String>, rendered: String) -> Entry {
    Entry {
        file,
        outcome: Outcome::Invalid { problems, rendered },
        detail: Vec::new(),
    }
}

/// What a scan of many files should pass over, by the file's name and its
/// top-level keys: reassure's own checklists and configuration, and TOML
/// that is not a scheme at all (`Cargo.toml`, `pyproject.toml`), which
/// tools such as pre-commit hand over with the schemes. A file that does
/// not parse is never passed over: its problems are reported.
fn not_a_scheme(path: &Path, root: &Node, parsed_cleanly: bool) -> Option<&'static str> {
    if path.file_name().is_some_and(|n| n == CONFIG_FILE_NAME) {
        return Some("a reassure configuration file");
    }
    let has = |key: &str| root.lookup(key).is_some();
    if has("checklist") && has("criteria") && !has("scheme") {
        return Some("a checklist file");
    }
    let scheme_keys = ["format_version", "as_of", "stage", "scheme"];
    (parsed_cleanly && !scheme_keys.iter().any(|k| has(k)))
        .then_some("not a scheme file (none of `format_version`, `as_of`, `stage`, `[scheme]`)")
}

fn assess_one(
    path: &Path,
    catalogue: &Catalogue,
    settings: Settings<'_>,
    detail: &(dyn Fn(&Report<'_>) -> Vec<Detail> + Sync),
) -> Entry {
    let file = path.display().to_string();
    let (source, sha256) = match input::read_with_hash(path) {
        Ok(read) => read,
        Err(e) => return invalid(file, vec![e.message.clone()], format!("error: {e}\n")),
    };
    let (root, diagnostics) = document::parse(source.text());
    if let Some(why) = not_a_scheme(path, &root, diagnostics.is_empty()) {
        return Entry {
            file,
            outcome: Outcome::Skipped { why: why.to_owned() },
            detail: Vec::new(),
        };
    }
    let prepared = match prepare_parsed(source, sha256, root, diagnostics, path, catalogue) {
        Ok(prepared) => prepared,
        Err(rejections) => {
            let lines = rejections.iter().flat_map(|r| r.lines(&file)).collect();
            let rendered = rejections.iter().map(Rejection::render).collect();
            return invalid(file, lines, rendered);
        }
    };
    let scheme = &prepared.scheme;
    let target = settings.stage.unwrap_or(scheme.stage);
    let assessment = engine::assess_with(scheme, &prepared.catalogue.checklists, target, settings.waivers);
    let mut options = settings.options.clone();
    options.stage = assessment.target.code().to_owned();
    let provenance = Provenance::new(&file, prepared.sha256.clone(), &assessment.as_of, options)
        .with_checklist_files(&prepared.catalogue.files);
    let report = Report::new(&provenance, &assessment);
    let detail = detail(&report);
    Entry {
        outcome: Outcome::Assessed(summarise(&assessment, &provenance, settings)),
        file,
        detail,
    }
}

fn summarise(a: &Assessment, provenance: &Provenance, settings: Settings<'_>) -> Summary {
    Summary {
        scheme: a.scheme.clone(),
        scheme_sha256: provenance.scheme_sha256.clone(),
        stage: a.stage,
        target: a.target,
        ready: a.ready(),
        score: a.overall.percent,
        rating: a.rating,
        blockers: a.capped_by.clone(),
        gaps: a.gaps().count(),
        waived: a
            .findings
            .iter()
            .filter(|f| f.status == crate::assessment::Status::Waived)
            .count(),
        legal_duties_waived: a.waived_legal_duties().map(|f| f.criterion.clone()).collect(),
        fails: a.fails(settings.threshold, settings.min_score),
    }
}
