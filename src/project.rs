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
    let resolved = joined.canonicalize().map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => Refusal::Missing,
        _ => Refusal::Unresolvable(e.to_string()),
    })?;
    if !resolved.starts_with(root) {
        return Err(Refusal::Outside {
            root: root.to_path_buf(),
        });
    }
    Ok(joined)
}

/// Whether the file at `path` (links followed) lies inside `root`: a link
/// met in a folder scan that leads elsewhere is not read.
pub fn inside(path: &Path, root: &Path) -> bool {
    path.canonicalize().is_ok_and(|p| p.starts_with(root))
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
            assert!(!inside(&root.join("link.toml"), &root));
            assert!(inside(&root.join("ours.toml"), &root));
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
