//! Many schemes at once: finding the scheme files under the paths given,
//! scoring them in parallel, and keeping one summary row per scheme (not
//! every assessment, so memory stays flat however many files there are).

use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::assessment::{Assessment, Rating};
use crate::checklist::Severity;
use crate::checklist::set::Catalogue;
use crate::diagnostic::Rejection;
use crate::document::{self, Node};
use crate::prepare::prepare_parsed;
use crate::provenance::Provenance;
use crate::report::Part;
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

/// A file to score, and how it was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub path: PathBuf,
    /// Met in a folder scan rather than typed: read only if it is a regular
    /// file (a FIFO or device is refused without waiting on it).
    pub scanned: bool,
    /// Why the file cannot be read, found before reading it: a name that is
    /// not UTF-8, an unreadable folder, a link leading out of the project.
    pub problem: Option<String>,
}

/// The paths to score, in a stable order: each file given, and every
/// `*.toml` under each directory given (recursively, sorted, hidden
/// directories, `target/` and symbolic links to directories left out). A path that does not exist is kept,
/// so that reading it reports the error against it. Nothing met in a scan
/// is passed over silently: a name that is not UTF-8, a folder that cannot
/// be read and a link to a file outside the project root (see
/// [`crate::project`]) each come back with a problem.
pub fn discover(paths: &[PathBuf]) -> Vec<Found> {
    let mut found = Vec::new();
    for path in paths {
        if path.is_dir() {
            let root = crate::project::root_of(path);
            walk(path, &root, &mut found);
        } else {
            found.push(Found {
                path: path.clone(),
                scanned: false,
                problem: None,
            });
        }
    }
    // The same file given twice, or through two paths, is scored once. A
    // single directory's walk cannot meet a file twice, so the cost of
    // resolving every path is paid only when several paths are given.
    if paths.len() > 1 {
        let mut seen = std::collections::HashSet::new();
        found.retain(|f| seen.insert(f.path.canonicalize().unwrap_or_else(|_| f.path.clone())));
    }
    found
}

fn walk(dir: &Path, root: &Path, found: &mut Vec<Found>) {
    let refuse = |path: &Path, problem: String| Found {
        path: path.to_owned(),
        scanned: true,
        problem: Some(problem),
    };
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            found.push(refuse(
                dir,
                format!("this folder cannot be read ({e}), so the schemes in it were not checked"),
            ));
            return;
        }
    };
    // The entry's own type, not its target's: a symbolic link to a folder
    // is not followed (it could lead back up the tree, or to files met
    // already), while a link to a scheme file is read like a file.
    let mut entries: Vec<(PathBuf, Option<std::fs::FileType>)> = entries
        .filter_map(|e| e.ok().map(|e| (e.path(), e.file_type().ok())))
        .collect();
    entries.sort_by(|a, b| a.0.cmp(&b.0));
    for (path, kind) in entries {
        let is_dir = kind.is_some_and(|t| t.is_dir());
        let is_link = kind.is_some_and(|t| t.is_symlink());
        let raw_name = path.file_name().unwrap_or_default();
        let Some(name) = raw_name.to_str() else {
            // Skipping it could let a failing scheme pass the gate unseen.
            if is_dir || raw_name.as_encoded_bytes().to_ascii_lowercase().ends_with(b".toml") {
                found.push(refuse(
                    &path,
                    "its name is not UTF-8 text, so reports could not name it; rename it".into(),
                ));
            }
            continue;
        };
        if is_dir {
            if !name.starts_with('.') && name != "target" {
                walk(&path, root, found);
            }
        } else if is_toml(name) {
            if let Some(refusal) = is_link
                .then(|| crate::project::scanned_link_refusal(&path, root))
                .flatten()
            {
                found.push(refuse(&path, format!("it is a link, and {refusal}")));
            } else {
                found.push(Found {
                    path,
                    scanned: true,
                    problem: None,
                });
            }
        }
    }
}

/// A scheme file's name: `*.toml`, in any case (`PLAN.TOML` too).
fn is_toml(name: &str) -> bool {
    name.len() > 5 && name.is_char_boundary(name.len() - 5) && name[name.len() - 5..].eq_ignore_ascii_case(".toml")
}

/// One scheme's line in the portfolio.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
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
        /// Each problem on one line: `line:column: message` (the first
        /// hundred, then how many more).
        problems: Vec<String>,
        /// How many problems there are in all.
        #[serde(skip)]
        #[schemars(skip)]
        count: usize,
        /// The problems located, for the CI formats (dropped once written).
        #[serde(skip)]
        #[schemars(skip)]
        located: Vec<crate::diagnostic::Problem>,
        /// The problems rendered in full, and how many there are, as the
        /// terminal shows them.
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
    /// Each report's part for this scheme, rendered by the caller's
    /// `detail` function while the assessment is at hand, so the assessment
    /// itself need not be kept. Scoring never looks inside: what a part
    /// holds is the report module's business.
    pub detail: Vec<Part>,
}

/// Renders one scheme's parts of the per-finding formats from its report.
pub type Parts<'a> = dyn Fn(&Report<'_>) -> Vec<Part> + Sync + 'a;

/// Files scored at once: enough to keep every core busy, few enough that
/// their per-finding parts never pile up in memory (two chunks are in hand
/// at a time: one being written, the next being scored).
const CHUNK: usize = 128;

/// Scores every path in parallel, a chunk at a time. `detail` renders
/// each assessed scheme's part of a per-finding format (with none, evidence
/// is not put into words); `consume` is given each entry in the order the
/// paths were given, as its chunk finishes, to write its parts and keep
/// its row; `tick` is called once per file finished (for a progress bar).
pub fn assess_all(
    paths: &[Found],
    catalogue: &Catalogue,
    settings: Settings<'_>,
    detail: Option<&Parts<'_>>,
    tick: &(dyn Fn() + Sync),
    consume: &mut dyn FnMut(Entry),
) {
    let score = |chunk: &[Found]| -> Vec<Entry> {
        chunk
            .par_iter()
            .map(|path| {
                let entry = assess_one(path, catalogue, settings, detail);
                tick();
                entry
            })
            .collect()
    };
    let mut chunks = paths.chunks(CHUNK);
    let mut done = chunks.next().map(score).unwrap_or_default();
    // Each chunk's entries are consumed on this thread (the writers are
    // not shared) while the next chunk is scored on the pool's threads, so
    // writing rows and parts never leaves the cores idle.
    for next in chunks {
        let mut scored = Vec::new();
        rayon::in_place_scope(|scope| {
            scope.spawn(|_| scored = score(next));
            done.drain(..).for_each(&mut *consume);
        });
        done = scored;
    }
    done.into_iter().for_each(consume);
}

fn invalid(
    file: String,
    problems: Vec<String>,
    count: usize,
    located: Vec<crate::diagnostic::Problem>,
    rendered: String,
) -> Entry {
    Entry {
        file,
        outcome: Outcome::Invalid {
            problems,
            count,
            located,
            rendered,
        },
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

/// A portfolio's closing line for a file it could not assess.
fn not_assessed(file: &str, count: usize) -> String {
    format!(
        "error: `{}` has {}; it was not assessed\n",
        crate::text::terminal_safe(file, false),
        crate::text::counted(count, "problem")
    )
}

/// One scheme's report: its assessment and what reproduces it.
#[derive(Debug, Clone)]
pub struct Scored {
    pub provenance: Provenance,
    pub assessment: Assessment,
}

impl Scored {
    pub fn report(&self) -> Report<'_> {
        Report::new(&self.provenance, &self.assessment)
    }
}

/// A scheme file read and parsed, not yet validated.
struct Parsed {
    source: crate::source::SourceFile,
    sha256: String,
    root: Node,
    diagnostics: Vec<crate::diagnostic::Diagnostic>,
}

/// Reads and parses `found`: a file met in a scan is read only if it is a
/// regular file.
fn read(found: &Found) -> Result<Parsed, crate::input::ReadError> {
    let trust = if found.scanned {
        input::Trust::Named
    } else {
        input::Trust::Given
    };
    let (source, sha256) = input::read_with_hash(&found.path, trust)?;
    let (root, diagnostics) = document::parse(source.text());
    Ok(Parsed {
        source,
        sha256,
        root,
        diagnostics,
    })
}

/// Scores one file given alone (`check FILE`), with its evidence in words,
/// by the path every scheme of a portfolio takes too; or the problems that
/// stop it being assessed.
pub fn score(found: &Found, catalogue: &Catalogue, settings: Settings<'_>) -> Result<Scored, Vec<Rejection>> {
    let parsed = read(found).map_err(|e| vec![Rejection::from(e)])?;
    score_parsed(parsed, found, catalogue, settings, true)
}

/// Validates, prepares and assesses a parsed scheme (`words`: with its
/// evidence in words, or statuses only).
fn score_parsed(
    parsed: Parsed,
    found: &Found,
    catalogue: &Catalogue,
    settings: Settings<'_>,
    words: bool,
) -> Result<Scored, Vec<Rejection>> {
    let Parsed {
        source,
        sha256,
        root,
        diagnostics,
    } = parsed;
    let prepared = prepare_parsed(source, sha256, root, diagnostics, &found.path, catalogue)?;
    let scheme = &prepared.scheme;
    let target = settings.stage.unwrap_or(scheme.stage);
    let checklists = &prepared.catalogue.checklists;
    // A row needs only statuses: the evidence is worded only for a part.
    let assessment = if words {
        engine::assess_with(scheme, checklists, target, settings.waivers)
    } else {
        engine::assess_statuses(scheme, checklists, target, settings.waivers)
    };
    // The options as the run gave them, with the gate this scheme was
    // assessed for (its own next gate, unless `--stage` named one).
    let mut options = settings.options.clone();
    options.stage = assessment.target.code().to_owned();
    let provenance = Provenance::new(scheme.source.name(), prepared.sha256.clone(), assessment.as_of, options)
        .with_checklist_files(&prepared.catalogue.files);
    Ok(Scored { provenance, assessment })
}

/// One file of a portfolio: scored, or passed over, or invalid, as its row.
fn assess_one(found: &Found, catalogue: &Catalogue, settings: Settings<'_>, detail: Option<&Parts<'_>>) -> Entry {
    let file = found.path.display().to_string();
    if let Some(problem) = &found.problem {
        let shown = crate::text::terminal_safe(&file, false);
        let located = vec![crate::diagnostic::Problem {
            file: file.clone(),
            position: None,
            message: problem.clone(),
        }];
        let said = format!("error: cannot read `{shown}`: {problem}\n{}", not_assessed(&file, 1));
        return invalid(file, vec![problem.clone()], 1, located, said);
    }
    let parsed = match read(found) {
        Ok(parsed) => parsed,
        Err(e) => {
            let lines = vec![e.message.clone()];
            let rejection = Rejection::from(e);
            let located = rejection.problems(&file);
            let said = rejection.render() + &not_assessed(&file, 1);
            return invalid(file, lines, 1, located, said);
        }
    };
    if let Some(why) = not_a_scheme(&found.path, &parsed.root, parsed.diagnostics.is_empty()) {
        return Entry {
            file,
            outcome: Outcome::Skipped { why: why.to_owned() },
            detail: Vec::new(),
        };
    }
    match score_parsed(parsed, found, catalogue, settings, detail.is_some()) {
        Ok(scored) => {
            let report = scored.report();
            Entry {
                outcome: Outcome::Assessed(summarise(&scored.assessment, &scored.provenance, settings)),
                file,
                detail: detail.map(|d| d(&report)).unwrap_or_default(),
            }
        }
        Err(rejections) => {
            let lines = rejections.iter().flat_map(|r| r.lines(&file)).collect();
            let count = rejections.iter().map(Rejection::count).sum();
            let said = rejections.iter().map(Rejection::render).collect::<String>() + &not_assessed(&file, count);
            let located = rejections.iter().flat_map(|r| r.problems(&file)).collect();
            invalid(file, lines, count, located, said)
        }
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
        // The decisive first, as every report of one scheme names them.
        blockers: a
            .decisive_first(&a.capped_by)
            .iter()
            .map(|f| f.criterion.clone())
            .collect(),
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
