//! The set of checklists a run scores against: the built-ins, then an
//! organisation's own files (named by `--checklist`, the configuration file
//! or the scheme itself), with every checklist id and criterion id unique
//! across them all.

use std::path::Path;

use serde::Serialize;

use super::Checklist;
use super::load::load;
use crate::diagnostic::{Diagnostic, Rejection};
use crate::input;
use crate::source::SourceFile;

/// An organisation's checklist, loaded, with the file it came from.
#[derive(Debug, Clone)]
pub struct LoadedFile {
    pub checklist: Checklist,
    pub source: SourceFile,
    /// SHA-256 of the file's bytes, for the report's provenance.
    pub sha256: String,
}

/// An organisation checklist file a report was scored against, for its
/// provenance.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct ChecklistFile {
    pub file: String,
    pub checklist: String,
    pub sha256: String,
}

/// The checklists of a run, and the organisation files among them.
#[derive(Debug, Clone)]
pub struct Catalogue {
    pub checklists: Vec<Checklist>,
    pub files: Vec<ChecklistFile>,
}

/// Reads and loads one checklist file through the same steps as the
/// built-ins, so its problems get the same diagnostics.
pub fn read(path: &Path, trust: input::Trust) -> Result<LoadedFile, Rejection> {
    let (source, sha256) = input::read_with_hash(path, trust)?;
    match load(&source) {
        Ok(checklist) => Ok(LoadedFile {
            checklist,
            source,
            sha256,
        }),
        Err(diagnostics) => Err(Rejection::Invalid(source, diagnostics)),
    }
}

impl Catalogue {
    /// The built-in checklists alone.
    pub fn builtin() -> Result<Catalogue, Rejection> {
        super::builtin::builtin()
            .map(|checklists| Catalogue {
                checklists,
                files: Vec::new(),
            })
            .map_err(|(file, diagnostics)| Rejection::Invalid(file, diagnostics))
    }

    /// Adds the organisation checklist files at `paths`, in order; every
    /// file is tried, so all their problems come back together.
    pub fn with_files(
        mut self,
        paths: &[std::path::PathBuf],
        trust: input::Trust,
    ) -> Result<Catalogue, Vec<Rejection>> {
        let mut rejected = Vec::new();
        for path in paths {
            match read(path, trust).and_then(|file| self.add(&file)) {
                Ok(()) => {}
                Err(r) => rejected.push(r),
            }
        }
        if rejected.is_empty() { Ok(self) } else { Err(rejected) }
    }

    /// Adds one loaded file, checking its ids against the checklists so far.
    pub fn add(&mut self, file: &LoadedFile) -> Result<(), Rejection> {
        add(&mut self.checklists, file).map_err(|d| Rejection::Invalid(file.source.clone(), d))?;
        self.files.push(ChecklistFile {
            file: file.source.name().to_owned(),
            checklist: file.checklist.id.clone(),
            sha256: file.sha256.clone(),
        });
        Ok(())
    }
}

/// Adds an organisation's checklist to `set`. Its checklist id and each
/// criterion id must be new, and the criteria it relates to or requires must
/// exist; every problem is reported against the file being added, naming
/// where a clashing id was first defined.
pub fn add(set: &mut Vec<Checklist>, file: &LoadedFile) -> Result<(), Vec<Diagnostic>> {
    let extra = &file.checklist;
    let mut problems = Vec::new();
    if let Some(first) = set.iter().find(|c| c.id == extra.id) {
        problems.push(
            Diagnostic::new(
                "duplicate-checklist",
                extra.id_span.clone(),
                format!("checklist id `{}` is already used", extra.id),
                "used before",
            )
            .note(format!("first defined at {}:{}", first.file, first.id_at))
            .note("help: give your organisation's checklist an id of its own, such as `ICB-LOCAL`"),
        );
    }
    // Ids looked up in hash maps: an organisation file may hold tens of
    // thousands of criteria, and a scan per criterion would be quadratic.
    let mut first_defined: std::collections::HashMap<&str, String> = set
        .iter()
        .flat_map(|list| {
            list.criteria
                .iter()
                .map(move |c| (c.id.as_str(), format!("{}:{}", list.file, c.id_at)))
        })
        .collect();
    for criterion in &extra.criteria {
        match first_defined.get(criterion.id.as_str()) {
            Some(first) => problems.push(
                Diagnostic::new(
                    "duplicate-criterion",
                    criterion.id_span.clone(),
                    format!("criterion id `{}` is already used", criterion.id),
                    "used before",
                )
                .note(format!("first defined at {first}"))
                .note("help: criterion ids must be unique across the built-in checklists and your own; prefix yours, such as `ICB-1`"),
            ),
            None => {
                first_defined.insert(&criterion.id, format!("{}:{}", extra.file, criterion.id_at));
            }
        }
    }
    let all_ids: Vec<&str> = set
        .iter()
        .flat_map(|c| c.criteria.iter().map(|k| k.id.as_str()))
        .chain(extra.criteria.iter().map(|c| c.id.as_str()))
        .collect();
    let known: std::collections::HashSet<&str> = all_ids.iter().copied().collect();
    for criterion in &extra.criteria {
        for (key, ids) in [("requires", &criterion.requires), ("related", &criterion.related)] {
            for id in ids.iter().filter(|id| !known.contains(id.as_str())) {
                let problem = Diagnostic::new(
                    "unknown-criterion",
                    criterion.id_span.clone(),
                    format!(
                        "criterion `{}` lists `{id}` in `{key}`, but no checklist has it",
                        criterion.id
                    ),
                    "in this criterion",
                );
                // A suggestion compares with every id: only for the problems shown.
                problems.push(if problems.len() < crate::diagnostic::MAX_SHOWN {
                    problem.suggest(id, all_ids.iter().copied())
                } else {
                    problem
                });
            }
        }
    }
    if problems.is_empty() {
        set.push(extra.clone());
        Ok(())
    } else {
        Err(problems)
    }
}
