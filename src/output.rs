//! Writing report files safely: to a temporary file beside the target, then
//! renamed over it, so a failed run never leaves a half-written report; and
//! never over the scheme file being read.

use std::io::Write;
use std::path::{Path, PathBuf};

/// Writes `contents` to `path` atomically. Refuses to write over any of the
/// `inputs` being read.
pub fn write_atomically(path: &Path, contents: &[u8], inputs: &[PathBuf]) -> Result<(), String> {
    let shown = path.display();
    if inputs.iter().any(|input| same_file(path, input)) {
        return Err(format!("refusing to write the report over the scheme file `{shown}`"));
    }
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => std::path::PathBuf::from("."),
    };
    let file_name = path
        .file_name()
        .ok_or_else(|| format!("`{shown}` is not a file name"))?;
    let temp = dir.join(format!(
        ".{}.reassure-{}.tmp",
        file_name.to_string_lossy(),
        std::process::id()
    ));
    let result = std::fs::File::create(&temp)
        .and_then(|mut file| file.write_all(contents).and_then(|()| file.sync_all()))
        .and_then(|()| std::fs::rename(&temp, path));
    result.map_err(|e| {
        let _ = std::fs::remove_file(&temp);
        format!("cannot write `{shown}`: {e}")
    })
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_whole_files_and_never_over_the_input() {
        let dir = tempfile::tempdir().unwrap();
        let input = dir.path().join("scheme.toml");
        std::fs::write(&input, "x").unwrap();
        let out = dir.path().join("report.json");
        write_atomically(&out, b"{}", std::slice::from_ref(&input)).unwrap();
        assert_eq!(std::fs::read_to_string(&out).unwrap(), "{}");
        let err = write_atomically(&input, b"{}", std::slice::from_ref(&input)).unwrap_err();
        assert!(err.starts_with("refusing to write the report over the scheme file"));
        assert_eq!(std::fs::read_to_string(&input).unwrap(), "x");
        let missing_dir = dir.path().join("no/such/dir/report.json");
        assert!(
            write_atomically(&missing_dir, b"{}", std::slice::from_ref(&input))
                .unwrap_err()
                .starts_with("cannot write")
        );
        let leftovers: Vec<_> = std::fs::read_dir(dir.path()).unwrap().filter_map(Result::ok).collect();
        assert_eq!(leftovers.len(), 2, "no temporary file left behind");
    }
}
