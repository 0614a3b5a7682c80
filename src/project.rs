//! The project root, and which files an input file may make reassure read.
//!
//! Scheme files, organisation checklists and `.reassure.toml` may come from
//! a pull request nobody has reviewed. A path written inside one of them is
//! therefore confined to the project it belongs to: relative, ending in
//! `.toml`, and resolving (links followed) inside the project root. It is
//! checked before anything is read, so a refused file is never echoed.

use std::path::{Path, PathBuf};

use crate::config::CONFIG_FILE_NAME;

/// The root of the project holding `dir`: the nearest folder at or above it
/// with a `.reassure.toml`, else the nearest with a `.git` (the repository
/// root), else `dir` itself. Returned resolved (absolute, links followed).
pub fn root_of(dir: &Path) -> PathBuf {
    let dir = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    let resolved = dir.canonicalize().unwrap_or_else(|_| dir.to_path_buf());
    let has = |name: &str| {
        resolved
            .ancestors()
            .find(|d| d.join(name).exists())
            .map(Path::to_path_buf)
    };
    has(CONFIG_FILE_NAME).or_else(|| has(".git")).unwrap_or(resolved)
}

/// Where a file given to reassure lies: relative to the project root of the
/// folder reassure runs in (resolved once: the working folder does not
/// change during a run), or outside it, resolved to an absolute path.
pub fn place(file: &str) -> Result<PathBuf, PathBuf> {
    static ROOT: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();
    let root = ROOT.get_or_init(|| root_of(Path::new(".")));
    let path = Path::new(file);
    let resolved = path
        .canonicalize()
        .unwrap_or_else(|_| std::path::absolute(path).unwrap_or(path.to_path_buf()));
    match resolved.strip_prefix(root) {
        Ok(relative) => Ok(relative.to_path_buf()),
        Err(_) => Err(resolved),
    }
}

/// A file's path as a published report shows it: relative to the project
/// root, else as typed when typed relative, else its name alone. A page an
/// NHS body publishes must not carry a local absolute path (whose folders
/// can name a person or a machine).
pub fn shown_path(file: &str) -> String {
    match place(file) {
        Ok(relative) => relative.to_string_lossy().replace('\\', "/"),
        Err(_) if Path::new(file).is_relative() => file.to_owned(),
        Err(resolved) => resolved
            .file_name()
            .map_or_else(String::new, |name| name.to_string_lossy().into_owned()),
    }
}

/// Why a path named inside an input file is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    #[error(
        "it is an absolute path; a file named in a scheme or .reassure.toml must be given relative to it, inside the project"
    )]
    Absolute,
    #[error("its name does not end in `.toml`; only checklist files (.toml) can be named")]
    NotToml,
    #[error("no such file")]
    Missing,
    #[error(
        "it leads outside the project root `{}`, so it was not read; files named in a scheme or .reassure.toml must stay inside it",
        crate::text::terminal_safe(&root.display().to_string(), false)
    )]
    Outside { root: PathBuf },
    #[error("it leads into a `.git` folder, whose files (such as a CI token in `.git/config`) are never read")]
    InGit,
    #[error("it is a link to nothing (its target does not exist)")]
    Dangling,
    #[error("it cannot be resolved: {0}")]
    Unresolvable(String),
}

/// The path of the file `named` (as written in a file in `base`), if it
/// may be read: relative, a `.toml` file, and inside `root` once every link
/// is followed. The path returned keeps the spelling the author used.
pub fn confine(base: &Path, named: &str, root: &Path) -> Result<PathBuf, Refusal> {
    let as_written = Path::new(named);
    if as_written.is_absolute() || as_written.has_root() || named.starts_with(['/', '\\']) {
        return Err(Refusal::Absolute);
    }
    if !named.ends_with(".toml") {
        return Err(Refusal::NotToml);
    }
    let joined = base.join(as_written);
    let resolved = resolve(&joined)?;
    if !resolved.starts_with(root) {
        return Err(Refusal::Outside {
            root: root.to_path_buf(),
        });
    }
    if in_git(&resolved) {
        return Err(Refusal::InGit);
    }
    Ok(joined)
}

/// The path with every link followed; a link to nothing is named as such.
fn resolve(path: &Path) -> Result<PathBuf, Refusal> {
    path.canonicalize().map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound if path.symlink_metadata().is_ok() => Refusal::Dangling,
        std::io::ErrorKind::NotFound => Refusal::Missing,
        _ => Refusal::Unresolvable(e.to_string()),
    })
}

fn in_git(resolved: &Path) -> bool {
    resolved.components().any(|c| c.as_os_str() == ".git")
}

/// A path typed on the command line as relative and without `..` means a
/// place in the checkout (`schemes/`, as a CI workflow names it); if links
/// make it lead out of the project root of the folder reassure runs in, or
/// into `.git`, a pull request has swapped it, and it is refused before
/// anything is read. Absolute paths and `..` are the typist's own choice.
pub fn check_typed(path: &Path) -> Result<(), Refusal> {
    let plain = path.is_relative() && !path.components().any(|c| matches!(c, std::path::Component::ParentDir));
    if !plain || path.symlink_metadata().is_err() {
        return Ok(());
    }
    let root = root_of(Path::new("."));
    let resolved = resolve(path)?;
    if !resolved.starts_with(&root) {
        return Err(Refusal::Outside { root });
    }
    if in_git(&resolved) {
        return Err(Refusal::InGit);
    }
    Ok(())
}

/// Why a file met in a folder scan is not read, if it is not: a link that
/// leads out of `root`, into `.git`, or to nothing.
pub fn scanned_link_refusal(path: &Path, root: &Path) -> Option<Refusal> {
    match resolve(path) {
        Err(refusal) => Some(refusal),
        Ok(resolved) if !resolved.starts_with(root) => Some(Refusal::Outside {
            root: root.to_path_buf(),
        }),
        Ok(resolved) if in_git(&resolved) => Some(Refusal::InGit),
        Ok(_) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_relative_toml_files_inside_the_root_are_allowed() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("project")).unwrap();
        let root = dir.path().join("project").canonicalize().unwrap();
        std::fs::write(root.join("ours.toml"), "").unwrap();
        std::fs::write(root.join("notes.txt"), "").unwrap();
        std::fs::write(dir.path().join("secret.toml"), "").unwrap();
        assert_eq!(confine(&root, "ours.toml", &root), Ok(root.join("ours.toml")));
        assert_eq!(confine(&root, "/etc/passwd.toml", &root), Err(Refusal::Absolute));
        assert_eq!(confine(&root, "notes.txt", &root), Err(Refusal::NotToml));
        assert_eq!(confine(&root, "none.toml", &root), Err(Refusal::Missing));
        assert!(matches!(
            confine(&root, "../secret.toml", &root),
            Err(Refusal::Outside { .. })
        ));
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(dir.path().join("secret.toml"), root.join("link.toml")).unwrap();
            assert!(matches!(
                confine(&root, "link.toml", &root),
                Err(Refusal::Outside { .. })
            ));
            assert!(scanned_link_refusal(&root.join("link.toml"), &root).is_some());
            assert_eq!(scanned_link_refusal(&root.join("ours.toml"), &root), None);
            std::os::unix::fs::symlink("nothing-there.toml", root.join("dangling.toml")).unwrap();
            assert_eq!(
                scanned_link_refusal(&root.join("dangling.toml"), &root),
                Some(Refusal::Dangling)
            );
            std::fs::create_dir(root.join(".git")).unwrap();
            std::fs::write(root.join(".git/config"), "").unwrap();
            std::os::unix::fs::symlink(".git/config", root.join("git.toml")).unwrap();
            assert_eq!(confine(&root, "git.toml", &root), Err(Refusal::InGit));
        }
    }

    #[test]
    fn the_root_is_the_nearest_configuration_then_repository() {
        let dir = tempfile::tempdir().unwrap();
        let top = dir.path().canonicalize().unwrap();
        std::fs::create_dir_all(top.join("repo/team/schemes")).unwrap();
        std::fs::create_dir(top.join("repo/.git")).unwrap();
        assert_eq!(root_of(&top.join("repo/team/schemes")), top.join("repo"));
        std::fs::write(top.join("repo/team").join(CONFIG_FILE_NAME), "").unwrap();
        assert_eq!(root_of(&top.join("repo/team/schemes")), top.join("repo/team"));
        std::fs::create_dir(top.join("alone")).unwrap();
        if !top
            .ancestors()
            .any(|d| d.join(".git").exists() || d.join(CONFIG_FILE_NAME).exists())
        {
            assert_eq!(root_of(&top.join("alone")), top.join("alone"));
        }
    }
}
