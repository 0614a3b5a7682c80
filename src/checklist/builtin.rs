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

/// Loads the built-in checklists. They are tested never to fail; a failure
/// here means a broken build, and comes back with the file it concerns.
pub fn builtin() -> Result<Vec<Checklist>, (SourceFile, Vec<Diagnostic>)> {
    BUILTIN
        .iter()
        .map(|(name, text)| {
            let file = SourceFile::new(*name, *text);
            load(&file).map_err(|d| (file, d))
        })
        .collect()
}
