//! Writing report files safely: never over an input of the run, and through
//! a temporary file beside the target that is then renamed over it, so a
//! failed or interrupted run never leaves a half-written report.
//!
//! The temporary file has an unguessable name and is created new (`O_EXCL`:
//! a link planted at its name is never followed); it is removed on error,
//! and on Ctrl-C by [`remove_temporaries`], which `main` calls from its
//! interrupt handler. `main` installs that handler through
//! [`before_first_temporary`], so a run that writes no file (most runs)
//! starts no interrupt-handling thread.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, Once, OnceLock};

/// Why a report file was not written.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    /// The path is a file this run reads (a scheme, checklist, configuration
    /// or baseline), under this or another name.
    #[error(
        "refusing to write a report over `{}`: it is an input of this run (a scheme, checklist, configuration or baseline file); nothing was written",
        shown(.0)
    )]
    Input(PathBuf),
    /// The path has no file name (`..`, `/`).
    #[error("`{}` is not a file name", shown(.0))]
    NotAFile(PathBuf),
    /// A folder is already there.
    #[error("cannot write `{}`: it is a folder; give a file name; nothing was written", shown(.0))]
    IsFolder(PathBuf),
    /// The folder it would go in does not exist.
    #[error("cannot write `{}`: there is no folder `{}`; nothing was written", shown(.0), shown(.1))]
    NoFolder(PathBuf, PathBuf),
    #[error("cannot write `{path}`: {1}", path = shown(.0))]
    Io(PathBuf, #[source] std::io::Error),
}

fn shown(path: &Path) -> String {
    crate::text::terminal_safe(&path.display().to_string(), false)
}

/// Checks every destination before any is written: none may be a file the
/// run has read (see [`crate::input::was_read`]) or a folder, and each must
/// have a folder to go in, so that renaming them into place all succeeds.
pub fn check_destinations<'p>(paths: impl IntoIterator<Item = &'p Path>) -> Result<(), WriteError> {
    for path in paths {
        if crate::input::was_read(path) {
            return Err(WriteError::Input(path.to_owned()));
        }
        if path.file_name().is_none() || path.as_os_str().to_string_lossy().ends_with(['/', '\\']) {
            return Err(WriteError::NotAFile(path.to_owned()));
        }
        if path.is_dir() {
            return Err(WriteError::IsFolder(path.to_owned()));
        }
        let folder = match path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        };
        if !folder.is_dir() {
            return Err(WriteError::NoFolder(path.to_owned(), folder.to_owned()));
        }
    }
    Ok(())
}

/// What to do once, before the first temporary file is made.
static BEFORE_FIRST_TEMPORARY: OnceLock<fn()> = OnceLock::new();
static FIRST_TEMPORARY: Once = Once::new();

/// Sets what is done once, just before the run makes its first temporary
/// file (the binary installs its Ctrl-C handler). Only the first call
/// counts.
pub fn before_first_temporary(hook: fn()) {
    let _ = BEFORE_FIRST_TEMPORARY.set(hook);
}

/// Temporary files being written, removed if the run is interrupted.
static LIVE: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

fn live() -> std::sync::MutexGuard<'static, Vec<PathBuf>> {
    LIVE.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Removes every temporary report file still being written. Safe to call
/// from an interrupt handler thread.
pub fn remove_temporaries() {
    for path in live().drain(..) {
        let _ = std::fs::remove_file(path);
    }
}

/// A report file being written: a temporary file beside its destination,
/// renamed over it by [`commit`]; dropped uncommitted, it is removed (its
/// name may stay in the interrupt list, where removing it again is harmless).
#[derive(Debug)]
pub struct Pending {
    path: PathBuf,
    temp: tempfile::NamedTempFile,
}

impl Pending {
    /// Starts writing the report for `path` (refused at once if `path` is
    /// already known to be an input).
    pub fn create(path: &Path) -> Result<Pending, WriteError> {
        check_destinations([path])?;
        let dir = match path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let file_name = path.file_name().ok_or_else(|| WriteError::NotAFile(path.to_owned()))?;
        FIRST_TEMPORARY.call_once(|| {
            if let Some(hook) = BEFORE_FIRST_TEMPORARY.get() {
                hook();
            }
        });
        let temp = tempfile::Builder::new()
            .prefix(&format!(".{}.", file_name.to_string_lossy()))
            .suffix(".reassure.tmp")
            .tempfile_in(&dir)
            .map_err(|e| WriteError::Io(path.to_owned(), e))?;
        live().push(temp.path().to_owned());
        Ok(Pending {
            path: path.to_owned(),
            temp,
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    fn persist(self) -> Result<(), WriteError> {
        let io = |e: std::io::Error| WriteError::Io(self.path.clone(), e);
        self.temp.as_file().sync_all().map_err(io)?;
        // A report is for sharing: readable as a file created by the user
        // would be, not the temporary file's owner-only mode.
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            self.temp
                .as_file()
                .set_permissions(std::fs::Permissions::from_mode(0o644))
                .map_err(io)?;
        }
        let temp_path = self.temp.path().to_owned();
        let path = self.path.clone();
        let result = self
            .temp
            .persist(&path)
            .map(drop)
            .map_err(|e| WriteError::Io(path, e.error));
        live().retain(|p| *p != temp_path);
        result
    }
}

impl Write for Pending {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.temp.write(buf)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.temp.flush()
    }
}

/// Renames every pending report over its destination, once all are
/// checked: if any destination is an input of the run (which may have been
/// read since it was created), none is written and every temporary goes.
pub fn commit(pending: Vec<Pending>) -> Result<(), WriteError> {
    check_destinations(pending.iter().map(Pending::path))?;
    pending.into_iter().try_for_each(Pending::persist)
}

/// Writes `contents` to `path` atomically, refusing any input of the run.
pub fn write_atomically(path: &Path, contents: &[u8]) -> Result<(), WriteError> {
    let mut pending = Pending::create(path)?;
    pending
        .write_all(contents)
        .map_err(|e| WriteError::Io(path.to_owned(), e))?;
    commit(vec![pending])
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The list of live temporaries is the process's: a test that clears
    /// it (as Ctrl-C would) must not run while another test is between
    /// writing its temporary and renaming it (seen once under load).
    fn one_at_a_time() -> std::sync::MutexGuard<'static, ()> {
        static LOCK: std::sync::Mutex<()> = std::sync::Mutex::new(());
        LOCK.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    fn leftovers(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .filter_map(Result::ok)
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn writes_whole_files_and_never_over_an_input() {
        let _one = one_at_a_time();
        let dir = tempfile::tempdir().unwrap();
        let input = dir.path().join("scheme.toml");
        std::fs::write(&input, "x").unwrap();
        crate::input::read(&input, crate::input::Trust::Given).unwrap();
        let out = dir.path().join("report.json");
        write_atomically(&out, b"{}").unwrap();
        assert_eq!(std::fs::read_to_string(&out).unwrap(), "{}");
        let err = write_atomically(&input, b"{}").unwrap_err();
        assert!(matches!(err, WriteError::Input(_)), "{err}");
        assert_eq!(std::fs::read_to_string(&input).unwrap(), "x");
        let missing_dir = dir.path().join("no/such/dir/report.json");
        let err = write_atomically(&missing_dir, b"{}").unwrap_err();
        assert!(matches!(err, WriteError::NoFolder(..)), "{err}");
        assert!(err.to_string().contains("there is no folder"), "{err}");
        std::fs::create_dir(dir.path().join("a folder")).unwrap();
        let err = write_atomically(&dir.path().join("a folder"), b"{}").unwrap_err();
        assert!(matches!(err, WriteError::IsFolder(_)), "{err}");
        std::fs::remove_dir(dir.path().join("a folder")).unwrap();
        assert_eq!(
            leftovers(dir.path()),
            ["report.json", "scheme.toml"],
            "no temporary file left behind"
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_link_planted_at_the_old_temporary_name_is_not_followed() {
        let _one = one_at_a_time();
        // Before: the temporary file was `.NAME.reassure-PID.tmp`, opened
        // following links, so another user could redirect the write.
        let dir = tempfile::tempdir().unwrap();
        let victim = dir.path().join("victim.txt");
        std::fs::write(&victim, "theirs").unwrap();
        let planted = dir
            .path()
            .join(format!(".report.html.reassure-{}.tmp", std::process::id()));
        std::os::unix::fs::symlink(&victim, &planted).unwrap();
        write_atomically(&dir.path().join("report.html"), b"<html>").unwrap();
        assert_eq!(std::fs::read_to_string(&victim).unwrap(), "theirs");
        assert_eq!(
            std::fs::read_to_string(dir.path().join("report.html")).unwrap(),
            "<html>"
        );
    }

    #[test]
    fn temporaries_are_removed_when_the_run_is_interrupted() {
        let _one = one_at_a_time();
        let dir = tempfile::tempdir().unwrap();
        let temp = tempfile::Builder::new().tempfile_in(dir.path()).unwrap();
        let (_, path) = temp.keep().unwrap();
        live().push(path.clone());
        remove_temporaries();
        assert!(!path.exists());
        assert!(live().is_empty());
    }
}
