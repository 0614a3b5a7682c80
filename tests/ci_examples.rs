//! The CI integrations shipped in `examples/ci/` and `.pre-commit-hooks.yaml`
//! do what their comments say: each `reassure` command they run is run here
//! on the example schemes, and its outputs are checked.

mod common;

/// The `reassure …` commands in a YAML file's `run:`, `entry:` or script
/// (`- …`) lines.
fn commands(yaml: &str) -> Vec<Vec<String>> {
    yaml.lines()
        .filter_map(|line| {
            let line = line.trim();
            let command = line
                .strip_prefix("run: ")
                .or_else(|| line.strip_prefix("entry: "))
                .or_else(|| line.strip_prefix("- "))?;
            let words: Vec<String> = command.split_whitespace().map(str::to_owned).collect();
            (words.first()? == "reassure").then_some(words)
        })
        .collect()
}

/// A repository as the sample jobs expect: two example schemes under
/// `schemes/`, one blocked and one ready.
fn repository_with_schemes() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let schemes = dir.path().join("schemes");
    std::fs::create_dir(&schemes).unwrap();
    for example in ["hasu-stroke-centralisation.toml", "mental-health-beds-dmbc.toml"] {
        std::fs::copy(format!("examples/{example}"), schemes.join(example)).unwrap();
    }
    dir
}

#[test]
fn the_github_workflow_annotates_and_writes_sarif_and_html_in_one_run() {
    let workflow = std::fs::read_to_string("examples/ci/github-actions.yml").unwrap();
    let found = commands(&workflow);
    assert_eq!(found.len(), 1, "one reassure step: {found:?}");
    let dir = repository_with_schemes();
    let output = common::reassure()
        .current_dir(dir.path())
        .args(&found[0][1..])
        .output()
        .unwrap();
    assert_eq!(
        output.status.code(),
        Some(1),
        "the stroke scheme has blockers, so the job fails"
    );
    let annotations = String::from_utf8(output.stdout).unwrap();
    assert!(annotations.contains("::error file=schemes/hasu-stroke-centralisation.toml,line=97,col=1,title=NHSE-T4"));
    let sarif: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("reassure.sarif")).unwrap()).unwrap();
    assert_eq!(sarif["runs"][0]["artifacts"].as_array().unwrap().len(), 2);
    let html = std::fs::read_to_string(dir.path().join("readiness.html")).unwrap();
    assert!(html.contains("Portfolio readiness"));
    // The files the later steps upload are the ones the command wrote.
    assert!(workflow.contains("sarif_file: reassure.sarif") && workflow.contains("path: readiness.html"));
}

#[test]
fn the_gitlab_job_writes_junit_for_the_test_report_and_keeps_sarif_and_html() {
    let job = std::fs::read_to_string("examples/ci/gitlab-ci.yml").unwrap();
    let found = commands(&job);
    assert_eq!(found.len(), 1, "one reassure step: {found:?}");
    let dir = repository_with_schemes();
    // A merge request's own .reassure.toml cannot relax the gate.
    std::fs::write(dir.path().join(".reassure.toml"), "fail_on = \"never\"\n").unwrap();
    let output = common::reassure()
        .current_dir(dir.path())
        .args(&found[0][1..])
        .output()
        .unwrap();
    assert_eq!(
        output.status.code(),
        Some(1),
        "the stroke scheme has blockers, so the job fails"
    );
    let junit = std::fs::read_to_string(dir.path().join("reassure-junit.xml")).unwrap();
    assert!(
        junit.starts_with("<?xml") && junit.contains("<failure "),
        "{}",
        &junit[..200]
    );
    let sarif: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("reassure.sarif")).unwrap()).unwrap();
    assert_eq!(sarif["version"], "2.1.0");
    assert!(
        std::fs::read_to_string(dir.path().join("readiness.html"))
            .unwrap()
            .contains("Portfolio readiness")
    );
    // The files the job keeps are the ones the command wrote.
    for kept in ["junit: reassure-junit.xml", "- reassure.sarif", "- readiness.html"] {
        assert!(job.contains(kept), "{kept}");
    }
}

#[test]
fn the_pre_commit_hook_checks_the_staged_files() {
    let hooks = std::fs::read_to_string(".pre-commit-hooks.yaml").unwrap();
    let found = commands(&hooks);
    assert_eq!(found.len(), 1);
    let config = std::fs::read_to_string("examples/ci/pre-commit-config.yaml").unwrap();
    assert!(config.contains("- id: reassure"), "the config uses the hook's id");
    // pre-commit appends the staged files.
    let run = |files: &[&str]| common::reassure().args(&found[0][1..]).args(files).output().unwrap();
    let ready = run(&["examples/mental-health-beds-dmbc.toml", "Cargo.toml"]);
    assert_eq!(
        ready.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&ready.stderr)
    );
    assert!(String::from_utf8_lossy(&ready.stderr).contains("note: skipped `Cargo.toml`: not a scheme file"));
    let blocked = run(&[
        "examples/mental-health-beds-dmbc.toml",
        "examples/maternity-consolidation.toml",
    ]);
    assert_eq!(blocked.status.code(), Some(1), "a blocker stops the commit");
}
