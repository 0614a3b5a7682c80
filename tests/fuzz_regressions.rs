//! Replays, as ordinary tests, every input the fuzzers found worth keeping
//! (`fuzz/regressions/`), plus the shipped examples and checklists, through
//! the same entry points the fuzz targets call. A crash found by fuzzing is
//! saved there and stays fixed.

use std::path::Path;

fn files(dir: &str) -> Vec<std::path::PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut paths: Vec<_> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file() && !p.ends_with(".gitkeep"))
        .collect();
    paths.sort();
    paths
}

fn replay(dirs: &[&str], target: fn(&[u8])) -> usize {
    let mut count = 0;
    for dir in dirs {
        for path in files(dir) {
            let bytes = std::fs::read(&path).unwrap();
            let outcome = std::panic::catch_unwind(|| target(&bytes));
            assert!(outcome.is_ok(), "{} panicked", path.display());
            count += 1;
        }
    }
    count
}

#[test]
fn scheme_inputs_never_panic() {
    let count = replay(&["fuzz/regressions/scheme", "examples"], reassure::fuzzing::scheme);
    assert!(count >= 5, "the examples at least: {count}");
}

#[test]
fn checklist_inputs_never_panic() {
    let count = replay(
        &["fuzz/regressions/checklist", "checklists", "examples/checklists"],
        reassure::fuzzing::checklist,
    );
    assert!(count >= 9, "the built-in and example checklists at least: {count}");
    assert!(Path::new("fuzz/fuzz_targets/scheme.rs").exists());
}

#[test]
fn config_inputs_never_panic() {
    let count = replay(&["fuzz/regressions/config"], reassure::fuzzing::config);
    assert!(count >= 2, "the saved configuration inputs at least: {count}");
    assert!(Path::new("fuzz/fuzz_targets/config.rs").exists());
}
