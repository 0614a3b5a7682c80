//! The CI formats read by the tools that consume them, installed by
//! `.ci/run`: Microsoft's SARIF multitool (npm `@microsoft/sarif-multitool`)
//! with its SARIF and GitHub ingestion rules, and `junitparser` (PyPI). Each
//! test runs where its tool is found and fails in CI (`CI` set) if it is not.

mod common;

use std::path::PathBuf;

/// A tool named by an environment variable that `.ci/run` sets, if present.
fn tool(variable: &str) -> Option<PathBuf> {
    match std::env::var_os(variable).map(PathBuf::from).filter(|p| p.exists()) {
        Some(path) => Some(path),
        None => {
            assert!(
                std::env::var_os("CI").is_none(),
                "CI must provide {variable} (see .ci/run)"
            );
            None
        }
    }
}

/// Writes `reassure check ARGS` to `out` and returns its path.
fn report(dir: &std::path::Path, name: &str, args: &[&str]) -> PathBuf {
    let out = dir.join(name);
    let status = common::reassure()
        .arg("check")
        .args(args)
        .arg("--output")
        .arg(&out)
        .output()
        .unwrap()
        .status;
    assert!(status.code().is_some_and(|c| c < 2), "{args:?}");
    out
}

#[test]
fn sarif_passes_the_multitool_with_githubs_ingestion_rules() {
    let Some(multitool) = tool("SARIF_MULTITOOL") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    // A scheme given by its absolute path, in a folder whose name needs
    // percent-encoding, inside the project (under target/).
    let odd = tempfile::Builder::new()
        .prefix("odd name #1, 100% ")
        .tempdir_in(common::repo().join("target"))
        .unwrap();
    let copied = odd.path().join("stroke plan #2.toml");
    std::fs::copy(common::repo().join("examples/hasu-stroke-centralisation.toml"), &copied).unwrap();
    let absolute = copied.to_str().unwrap();
    let logs = [
        report(
            dir.path(),
            "one.sarif",
            &["examples/hasu-stroke-centralisation.toml", "--format", "sarif"],
        ),
        report(dir.path(), "many.sarif", &["examples", "--format", "sarif"]),
        report(dir.path(), "absolute.sarif", &[absolute, "--format", "sarif"]),
    ];
    let text = std::fs::read_to_string(&logs[2]).unwrap();
    assert!(
        text.contains("%20name%20%231%2C%20100%25%20") && text.contains("\"uriBaseId\": \"%SRCROOT%\""),
        "{text}"
    );
    for log in logs {
        let verdict = dir.path().join("verdict.sarif");
        let _ = std::fs::remove_file(&verdict);
        let run = std::process::Command::new(&multitool)
            .arg("validate")
            .arg(&log)
            .args(["--rule-kind", "Sarif;Gh", "--level", "Error;Warning", "--output"])
            .arg(&verdict)
            .output()
            .expect("the multitool runs");
        assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stdout));
        let verdict: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&verdict).unwrap()).unwrap();
        let findings: Vec<String> = verdict["runs"][0]["results"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|r| {
                format!(
                    "{} {}",
                    r["ruleId"].as_str().unwrap_or("?"),
                    r["message"]["text"].as_str().unwrap_or("")
                )
            })
            .collect();
        // SARIF2005 asks for the tool's web address (informationUri), which
        // reassure gives once Cargo.toml names one (it has no public address
        // yet, and none is made up).
        let has_address = !env!("CARGO_PKG_HOMEPAGE").is_empty() || !env!("CARGO_PKG_REPOSITORY").is_empty();
        let unexpected: Vec<&String> = findings
            .iter()
            .filter(|f| has_address || !f.starts_with("SARIF2005 "))
            .collect();
        assert!(unexpected.is_empty(), "{}: {unexpected:#?}", log.display());
    }
}

#[test]
fn junit_of_a_portfolio_is_read_by_junitparser_with_every_suite_told_apart() {
    let Some(python) = tool("JUNIT_PYTHON") else { return };
    let dir = tempfile::tempdir().unwrap();
    let xml = report(dir.path(), "many.xml", &["examples", "--format", "junit"]);
    let script = r#"
import sys
from junitparser import JUnitXml
xml = JUnitXml.fromfile(sys.argv[1])
names = [suite.name for suite in xml]
assert len(names) == len(set(names)), "suites share a name: %r" % names
for suite in xml:
    for case in suite:
        assert case.classname.split(":")[0] in suite.name, (case.classname, suite.name)
print(len(names), sum(1 for suite in xml for case in suite))
"#;
    let run = std::process::Command::new(python)
        .args(["-c", script])
        .arg(&xml)
        .output()
        .unwrap();
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    let counts = String::from_utf8(run.stdout).unwrap();
    let [suites, cases]: [usize; 2] = counts
        .split_whitespace()
        .map(|n| n.parse().unwrap())
        .collect::<Vec<_>>()
        .try_into()
        .unwrap();
    assert!(suites >= 5 * 6, "a suite per checklist per scheme: {suites}");
    assert!(cases > suites, "{cases}");
}

/// The Markdown report through a CommonMark parser (markdown-it-py, with
/// GitHub's tables), as a board paper's tooling or GitHub would render it:
/// key names and settings are real code spans in every example and case (no
/// literal backtick survives), the gaps table is a table, and the rules in
/// time are a section of their own.
#[test]
fn markdown_renders_through_commonmark_with_real_code_spans() {
    let Some(python) = tool("JUNIT_PYTHON") else { return };
    let dir = tempfile::tempdir().unwrap();
    let mut files: Vec<PathBuf> = std::fs::read_dir("examples")
        .unwrap()
        .chain(std::fs::read_dir("examples/cases").unwrap())
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    assert_eq!(files.len(), 14);
    let reports: Vec<PathBuf> = files
        .iter()
        .enumerate()
        .map(|(i, f)| {
            report(
                dir.path(),
                &format!("{i}.md"),
                &[f.to_str().unwrap(), "--format", "markdown"],
            )
        })
        .collect();
    let script = r#"
import sys
from markdown_it import MarkdownIt
md = MarkdownIt("commonmark").enable("table")
for name in sys.argv[1:]:
    print(md.render(open(name, encoding="utf-8").read()))
    print("\f")
"#;
    let run = std::process::Command::new(python)
        .args(["-c", script])
        .args(&reports)
        .output()
        .unwrap();
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    let out = String::from_utf8(run.stdout).unwrap();
    let pages: Vec<&str> = out.split('\u{c}').filter(|p| !p.trim().is_empty()).collect();
    assert_eq!(pages.len(), files.len());
    for (file, html) in files.iter().zip(&pages) {
        assert!(!html.contains('`'), "{}: a literal backtick:\n{html}", file.display());
        assert!(
            html.contains("<h2>Rules in time"),
            "{}: the rules in time have a section",
            file.display()
        );
    }
    let stroke = pages[files
        .iter()
        .position(|f| f.ends_with("hasu-stroke-centralisation.toml"))
        .unwrap()];
    assert!(
        stroke.contains("<code>scrutiny.joint_committee.authorities</code>"),
        "key names as code spans:\n{stroke}"
    );
    assert!(stroke.contains("<td>ROLE-JHOSC"), "the gaps are a table");
}
