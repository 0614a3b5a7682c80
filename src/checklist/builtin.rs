//! The built-in checklists, embedded in the binary from `checklists/` and
//! loaded through the same code path as an organisation's own files.

use super::Checklist;
use super::load::load;
use crate::diagnostic::Diagnostic;
use crate::source::SourceFile;

/// Every file in `checklists/`, in the order reports list them. A test
/// checks this table against the directory, so a new file cannot be missed.
pub const BUILTIN: &[(&str, &str)] = &[
    (
        "checklists/lga-principles.toml",
        include_str!("../../checklists/lga-principles.toml"),
    ),
    (
        "checklists/service-change-tests.toml",
        include_str!("../../checklists/service-change-tests.toml"),
    ),
    (
        "checklists/assurance-process.toml",
        include_str!("../../checklists/assurance-process.toml"),
    ),
    (
        "checklists/statutory-duties.toml",
        include_str!("../../checklists/statutory-duties.toml"),
    ),
    (
        "checklists/statutory-bodies.toml",
        include_str!("../../checklists/statutory-bodies.toml"),
    ),
    (
        "checklists/programme-structures.toml",
        include_str!("../../checklists/programme-structures.toml"),
    ),
    ("checklists/lessons.toml", include_str!("../../checklists/lessons.toml")),
    (
        "checklists/timeline.toml",
        include_str!("../../checklists/timeline.toml"),
    ),
];

/// The built-in checklists. They were parsed and checked by the ordinary
/// loader when `compiled.rs` was generated from them (a test regenerates it
/// and fails if it differs), so a run builds them directly, in about a
/// tenth of the time loading 150 KB of TOML takes.
pub fn builtin() -> Result<Vec<Checklist>, (SourceFile, Vec<Diagnostic>)> {
    Ok(super::compiled::checklists())
}

/// Loads the built-in checklists from their TOML through the loader an
/// organisation's own files go through: what `compiled.rs` is made from.
/// A failure means a broken checklist, and comes back with its file.
pub fn load_from_toml() -> Result<Vec<Checklist>, (SourceFile, Vec<Diagnostic>)> {
    BUILTIN
        .iter()
        .map(|(name, text)| {
            let file = SourceFile::new(*name, *text);
            load(&file).map_err(|d| (file, d))
        })
        .collect()
}
