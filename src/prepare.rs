//! From a path to a scheme ready to assess: read and validate it, add the
//! checklist files it names to the run's catalogue, and check its
//! attestations and waivers against that catalogue. Shared by `check`,
//! `diff` and portfolios, so each reports the same problems the same way.

use std::borrow::Cow;
use std::path::Path;

use crate::checklist::set::{self, Catalogue};
use crate::diagnostic::{Diagnostic, Rejection};
use crate::document::{self, Node};
use crate::scheme::Scheme;
use crate::source::SourceFile;
use crate::{engine, input, project, waiver};

/// A valid scheme with the checklists to assess it against.
#[derive(Debug)]
pub struct Prepared<'c> {
    pub scheme: Scheme,
    /// SHA-256 of the scheme file's bytes.
    pub sha256: String,
    /// The run's catalogue, plus the scheme's own checklist files if it names any.
    pub catalogue: Cow<'c, Catalogue>,
}

/// Reads, parses and prepares the scheme at `path`.
pub fn prepare<'c>(path: &Path, catalogue: &'c Catalogue) -> Result<Prepared<'c>, Vec<Rejection>> {
    let (source, sha256) = input::read_with_hash(path, input::Trust::Given).map_err(|e| vec![Rejection::from(e)])?;
    let (root, diagnostics) = document::parse(source.text());
    prepare_parsed(source, sha256, root, diagnostics, path, catalogue)
}

/// As [`prepare`], for a file already read and parsed (a directory scan
/// looks at the document first to pass over files that are not schemes).
pub fn prepare_parsed<'c>(
    source: SourceFile,
    sha256: String,
    root: Node,
    diagnostics: Vec<Diagnostic>,
    path: &Path,
    catalogue: &'c Catalogue,
) -> Result<Prepared<'c>, Vec<Rejection>> {
    let scheme = match Scheme::from_parsed(source, root, diagnostics) {
        Ok(scheme) => scheme,
        Err(invalid) => {
            let (file, mut problems, root) = *invalid;
            // Every problem at once: the references in sound attestations and
            // waivers are checked too (against the run's checklists, as the
            // scheme's own cannot be trusted yet).
            problems.extend(references_in_sound_tables(
                &root,
                &file,
                &catalogue.checklists,
                &problems,
            ));
            problems.sort_by_key(|d| d.span.start);
            return Err(vec![Rejection::Invalid(file, problems)]);
        }
    };
    let catalogue = with_scheme_checklists(&scheme, path, catalogue)?;
    let mut problems = engine::check_attestations(&scheme, &catalogue.checklists);
    problems.extend(waiver::check(&scheme, &catalogue.checklists));
    if !problems.is_empty() {
        problems.sort_by_key(|d| d.span.start);
        return Err(vec![Rejection::Invalid(scheme.source.clone(), problems)]);
    }
    Ok(Prepared {
        scheme,
        sha256,
        catalogue,
    })
}

/// Problems with the criteria that attestations and waivers name, left
/// out where the value itself already has a problem (a criterion written as
/// a number would otherwise be reported twice).
pub(crate) fn references_in_sound_tables(
    root: &Node,
    source: &SourceFile,
    checklists: &[crate::checklist::Checklist],
    problems: &[Diagnostic],
) -> Vec<Diagnostic> {
    let overlaps = |a: &std::ops::Range<usize>, b: &std::ops::Range<usize>| {
        a.start == b.start || (a.start < b.end && b.start < a.end)
    };
    let mut found = engine::check_attestations_in(root, checklists);
    found.extend(waiver::check_in(root, source, checklists));
    found.retain(|d| !problems.iter().any(|p| overlaps(&p.span, &d.span)));
    found
}

/// The catalogue with the checklist files listed in the scheme's
/// `checklists` key added (paths relative to the scheme file, confined to
/// its project: see [`crate::project`]). A file that is refused or cannot
/// be read is a problem at its place in the scheme; a file with problems of
/// its own is reported against that file.
fn with_scheme_checklists<'c>(
    scheme: &Scheme,
    path: &Path,
    catalogue: &'c Catalogue,
) -> Result<Cow<'c, Catalogue>, Vec<Rejection>> {
    let listed = scheme
        .root
        .lookup("checklists")
        .and_then(Node::as_array)
        .unwrap_or_default();
    if listed.is_empty() {
        return Ok(Cow::Borrowed(catalogue));
    }
    let base = path.parent().unwrap_or(Path::new(""));
    let root = project::root_of(base);
    let mut extended = catalogue.clone();
    let mut unreadable = Vec::new();
    let mut rejected = Vec::new();
    let relative_note = || {
        format!(
            "help: paths in `checklists` are relative to the scheme file's folder, `{}`",
            if base.as_os_str().is_empty() {
                ".".to_owned()
            } else {
                crate::text::terminal_safe(&base.display().to_string(), false)
            }
        )
    };
    for node in listed {
        let Some(name) = node.as_str() else { continue };
        let file = match project::confine(base, name, &root) {
            Ok(file) => file,
            Err(refusal) => {
                let (code, label, why) = match refusal {
                    project::Refusal::Missing => (
                        "unreadable-checklist",
                        "named here",
                        format!(
                            "cannot read `{}`: no such file",
                            crate::text::terminal_safe(&base.join(name).display().to_string(), false)
                        ),
                    ),
                    _ => ("refused-checklist", "refused", refusal.to_string()),
                };
                unreadable.push(
                    Diagnostic::new(
                        code,
                        node.span.clone(),
                        format!("the checklist file named here cannot be used: {why}"),
                        label,
                    )
                    .note(relative_note()),
                );
                continue;
            }
        };
        // The same file named by the configuration and the scheme is one file.
        let name_of = file.display().to_string();
        if extended
            .files
            .iter()
            .any(|f| same_file(Path::new(&f.file), &file) || f.file == name_of)
        {
            continue;
        }
        match set::read(&file, input::Trust::Named) {
            Ok(loaded) => {
                if let Err(r) = extended.add(&loaded) {
                    rejected.push(r);
                }
            }
            Err(Rejection::Unreadable(why)) => unreadable.push(
                Diagnostic::new(
                    "unreadable-checklist",
                    node.span.clone(),
                    format!("the checklist file named here cannot be used: {why}"),
                    "named here",
                )
                .note(relative_note()),
            ),
            Err(invalid) => rejected.push(invalid),
        }
    }
    if !unreadable.is_empty() {
        rejected.insert(0, Rejection::Invalid(scheme.source.clone(), unreadable));
    }
    if rejected.is_empty() {
        Ok(Cow::Owned(extended))
    } else {
        Err(rejected)
    }
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}
