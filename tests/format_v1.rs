//! Scheme files users already wrote keep loading: the examples as they
//! stood before applicability moved from the sponsor's flags to recorded
//! facts (`tests/fixtures/v1/`) load and are assessed, and a field whose
//! meaning moved gets a note saying what decides in its place.

mod common;

#[test]
fn files_written_for_earlier_releases_still_load() {
    let mut files: Vec<_> = std::fs::read_dir("tests/fixtures/v1")
        .expect("fixtures")
        .map(|e| e.expect("entry").path())
        .collect();
    files.sort();
    assert_eq!(files.len(), 5);
    for file in files {
        let output = common::reassure().arg("check").arg(&file).output().expect("runs");
        assert!(
            output.status.code().is_some_and(|c| c < 2),
            "{} no longer loads:\n{}",
            file.display(),
            String::from_utf8_lossy(&output.stderr)
        );
    }
}

#[test]
fn a_superseded_field_gets_a_note_saying_what_replaces_it() {
    let output = common::reassure()
        .args([
            "check",
            "tests/fixtures/v1/hasu-stroke-centralisation.toml",
            "--format",
            "json",
        ])
        .output()
        .expect("runs");
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    let notes: Vec<&str> = report["assessment"]["notes"]
        .as_array()
        .expect("notes")
        .iter()
        .map(|n| n.as_str().unwrap())
        .collect();
    assert_eq!(notes.len(), 4, "{notes:?}");
    assert!(notes[0].starts_with("`scheme.notifiable` is no longer read: notification follows from regulation 23"));
    assert!(notes[1].starts_with("`secretary_of_state.transitional_exemption` is no longer read"));
    assert!(notes[2].contains("`travel.within_standard_before`"));
    let table = common::reassure()
        .args([
            "check",
            "tests/fixtures/v1/hasu-stroke-centralisation.toml",
            "--width",
            "300",
        ])
        .output()
        .expect("runs");
    let table = String::from_utf8(table.stdout).expect("utf-8");
    assert!(
        table.contains("Notes on this file's fields:\n   `scheme.notifiable` is no longer read"),
        "{table}"
    );
    // Today's example records the facts instead, and gets no notes.
    let current = common::reassure()
        .args(["check", "examples/hasu-stroke-centralisation.toml", "--format", "json"])
        .output()
        .expect("runs");
    let current: serde_json::Value = serde_json::from_slice(&current.stdout).expect("JSON");
    assert_eq!(current["assessment"]["notes"], serde_json::json!([]));
}
