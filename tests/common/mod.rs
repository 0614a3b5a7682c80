//! Shared by the integration tests: the binary run as a user would, with a
//! clean environment (no `REASSURE_*`, `NO_COLOR` or `COLUMNS` from the
//! developer's shell) and a pinned working directory (the repository root,
//! which holds no `.reassure.toml`), so a test's result depends only on it.

#![allow(dead_code)]

use std::path::Path;

use assert_cmd::Command;

/// The repository root: the working directory of every run.
pub fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Variables of the developer's shell that would change what a run prints.
fn is_unwanted(name: &str) -> bool {
    name.starts_with("REASSURE_")
        || [
            "NO_COLOR",
            "CLICOLOR",
            "CLICOLOR_FORCE",
            "COLUMNS",
            "RUST_BACKTRACE",
            "GITHUB_STEP_SUMMARY",
        ]
        .contains(&name)
}

/// A `.reassure.toml` above the checkout would be found from every example
/// and change the results: say so plainly rather than fail obscurely.
fn assert_no_stray_configuration() {
    if let Some(stray) = repo()
        .ancestors()
        .map(|d| d.join(".reassure.toml"))
        .find(|p| p.exists())
    {
        panic!(
            "{} would apply to the examples and change these tests' results; move it away to run them",
            stray.display()
        );
    }
}

/// `reassure` with a clean environment, run from the repository root.
pub fn reassure() -> Command {
    Command::from(std_command())
}

/// The binary as a plain `std::process::Command` (for a pseudo-terminal or
/// a redirected stdout), with the same clean environment and directory.
pub fn std_command() -> std::process::Command {
    assert_no_stray_configuration();
    #[allow(deprecated)] // cargo_bin: this package's own binary, built by cargo test
    let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin("reassure"));
    for (name, _) in std::env::vars_os() {
        let name = name.to_string_lossy();
        if is_unwanted(&name) {
            cmd.env_remove(name.as_ref());
        }
    }
    cmd.current_dir(repo());
    cmd
}

/// Whether a line of the `github` format is one of reassure's own
/// commands: an annotation on a file, or its closing notice.
pub fn is_own_annotation(line: &str) -> bool {
    [
        "::error file=",
        "::warning file=",
        "::notice file=",
        "::notice title=reassure::",
    ]
    .iter()
    .any(|p| line.starts_with(p))
}

/// A scheme whose text tries to break every output format.
pub const HOSTILE: &str = r#"format_version = 1
as_of = 2025-01-06
stage = "s2"

[scheme]
name = "<script>alert(1)</script> | # =HYPERLINK(\"http://x\") \u001b[31mred"

[[commissioners]]
name = "=cmd|' /C calc'!A0, \"quoted\"\n::error::forged%0A"
supports = false
"#;

/// What a run printed and its exit code.
pub struct Run {
    pub out: String,
    pub err: String,
    pub code: i32,
}

/// Runs `reassure` with `args`; output read as (lossy) UTF-8.
pub fn run<I, S>(args: I) -> Run
where
    I: IntoIterator<Item = S>,
    S: AsRef<std::ffi::OsStr>,
{
    let output = reassure().args(args).output().expect("runs");
    Run {
        out: String::from_utf8_lossy(&output.stdout).into_owned(),
        err: String::from_utf8_lossy(&output.stderr).into_owned(),
        code: output.status.code().expect("an exit code, not a signal"),
    }
}

/// Every report format written as text, by its name on the command line:
/// a format added to `report::Format` joins every test that loops over
/// these (the workbook, bytes rather than text, has tests of its own in
/// `tests/xlsx.rs`).
pub fn text_formats() -> Vec<String> {
    use clap::ValueEnum;
    reassure::report::Format::value_variants()
        .iter()
        .filter(|f| !f.is_binary())
        .map(|f| f.to_possible_value().expect("a named format").get_name().to_owned())
        .collect()
}
