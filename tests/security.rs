//! reassure on untrusted input, tried as an attacker would: scheme files,
//! organisation checklists, `.reassure.toml` and baselines may come from a
//! pull request nobody has reviewed. One test per attack (README,
//! "Security"), each seen to fail before its fix.

mod common;

use std::path::{Path, PathBuf};
use std::time::Duration;

use common::{reassure, repo, run};

const READY: &str = "examples/mental-health-beds-dmbc.toml";
const ORG: &str = "examples/checklists/northmoor-icb-local.toml";
const SECRET: &str = "hunter2-very-secret-token";

/// A scheme that meets much, with `extra` top-level keys written first.
fn scheme_with(extra: &str) -> String {
    let text = std::fs::read_to_string(repo().join(READY)).unwrap();
    text.replacen("format_version = 1\n", &format!("format_version = 1\n{extra}\n"), 1)
}

/// A project folder (`proj/`, with a `.git` so it is a repository root) and a
/// folder beside it (`outside/`) holding a secret in a would-be checklist.
fn project() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let proj = dir.path().join("proj");
    std::fs::create_dir_all(proj.join(".git")).unwrap();
    std::fs::create_dir_all(dir.path().join("outside")).unwrap();
    std::fs::write(
        dir.path().join("outside/secret.toml"),
        format!("token = {SECRET} # a syntax error would echo this line\n"),
    )
    .unwrap();
    (dir, proj)
}

fn assert_no_secret(run: &common::Run) {
    assert!(
        !run.out.contains(SECRET) && !run.err.contains(SECRET) && !run.err.contains("hunter2"),
        "a secret reached the output:\n{}\n{}",
        run.out,
        run.err
    );
}

#[cfg(unix)]
fn mkfifo(path: &Path) {
    let status = std::process::Command::new("mkfifo").arg(path).status().unwrap();
    assert!(status.success());
}

// 1. Secrets leak into the CI log.

#[cfg(unix)]
#[test]
fn files_named_by_a_scheme_outside_its_project_are_never_read() {
    let (_dir, proj) = project();
    std::os::unix::fs::symlink("../outside/secret.toml", proj.join("link.toml")).unwrap();
    mkfifo(&proj.join("fifo.toml"));
    std::fs::write(proj.join("notes.txt"), SECRET).unwrap();
    let scheme = proj.join("scheme.toml");
    std::fs::write(
        &scheme,
        scheme_with(
            r#"checklists = ["/proc/self/environ", "../outside/secret.toml", "link.toml", "fifo.toml", "notes.txt"]"#,
        ),
    )
    .unwrap();
    let out = reassure()
        .env("REASSURE_TEST_SECRET", SECRET)
        .arg("check")
        .arg(&scheme)
        .timeout(Duration::from_secs(20))
        .output()
        .unwrap();
    let result = common::Run {
        out: String::from_utf8_lossy(&out.stdout).into_owned(),
        err: String::from_utf8_lossy(&out.stderr).into_owned(),
        code: out.status.code().expect("finished, not killed: a FIFO must not block"),
    };
    assert_eq!(result.code, 2, "{}", result.err);
    assert_no_secret(&result);
    let err = &result.err;
    assert!(err.contains("it is an absolute path"), "{err}");
    assert_eq!(err.matches("leads outside the project root").count(), 2, "{err}");
    assert!(err.contains("not a regular file"), "{err}");
    assert!(err.contains("does not end in `.toml`"), "{err}");
    assert!(
        err.contains("has 5 problems"),
        "every refusal is reported at once: {err}"
    );
    // Each refusal points at the path's place in the scheme.
    assert!(err.contains("scheme.toml:21:15"), "{err}");
}

#[cfg(unix)]
#[test]
fn a_configuration_file_cannot_name_or_be_a_file_outside_its_project() {
    let (dir, proj) = project();
    std::fs::write(proj.join("scheme.toml"), scheme_with("")).unwrap();
    std::fs::write(
        proj.join(".reassure.toml"),
        "checklists = [\"/proc/self/environ\", \"../outside/secret.toml\"]\n",
    )
    .unwrap();
    let result = run(["check".as_ref(), proj.join("scheme.toml").as_os_str()]);
    assert_eq!(result.code, 2);
    assert_no_secret(&result);
    assert!(result.err.contains("refused-checklist"), "{}", result.err);

    std::fs::remove_file(proj.join(".reassure.toml")).unwrap();
    std::os::unix::fs::symlink(dir.path().join("outside/secret.toml"), proj.join(".reassure.toml")).unwrap();
    let result = run(["check".as_ref(), proj.join("scheme.toml").as_os_str()]);
    assert_eq!(result.code, 2);
    assert_no_secret(&result);
    assert!(
        result
            .err
            .contains("it is a link, and it leads outside the project root"),
        "{}",
        result.err
    );
}

#[cfg(unix)]
#[test]
fn a_link_in_a_scanned_folder_to_a_file_outside_the_project_is_not_read() {
    let (dir, proj) = project();
    std::fs::copy(repo().join(READY), proj.join("ready.toml")).unwrap();
    std::os::unix::fs::symlink(dir.path().join("outside/secret.toml"), proj.join("x.toml")).unwrap();
    std::os::unix::fs::symlink("/etc/passwd", proj.join("passwd.toml")).unwrap();
    let result = run(["check".as_ref(), proj.as_os_str(), "--format".as_ref(), "json".as_ref()]);
    assert_eq!(result.code, 2, "{}", result.err);
    assert_no_secret(&result);
    assert!(!result.out.contains("root:") && !result.err.contains("root:x:0"));
    assert_eq!(
        result
            .err
            .matches("it is a link, and it leads outside the project root")
            .count(),
        2,
        "{}",
        result.err
    );
    let json: serde_json::Value = serde_json::from_str(&result.out).unwrap();
    assert_eq!(
        json["schemes"].as_array().unwrap().len(),
        3,
        "the refused files are rows too"
    );
}

// 2. Reports overwrite inputs.

#[test]
fn no_report_is_written_over_any_input_of_the_run() {
    let dir = tempfile::tempdir().unwrap();
    let proj = dir.path();
    std::fs::create_dir(proj.join(".git")).unwrap();
    std::fs::create_dir(proj.join("checklists")).unwrap();
    std::fs::copy(repo().join(ORG), proj.join("checklists/org.toml")).unwrap();
    let flagged = std::fs::read_to_string(repo().join(ORG))
        .unwrap()
        .replace("NE-ICB", "NF-ICB");
    std::fs::write(proj.join("flagged.toml"), flagged).unwrap();
    std::fs::write(proj.join(".reassure.toml"), "min_score = 10\n").unwrap();
    std::fs::write(
        proj.join("scheme.toml"),
        scheme_with(r#"checklists = ["checklists/org.toml"]"#),
    )
    .unwrap();
    let scheme = proj.join("scheme.toml");
    let baseline = proj.join("baseline.json");
    let made = reassure()
        .arg("check")
        .arg(&scheme)
        .args(["--format", "json", "-o"])
        .arg(&baseline)
        .output()
        .unwrap();
    assert!(made.status.code() == Some(0) || made.status.code() == Some(1));
    let before = |p: &Path| std::fs::read(p).unwrap();
    let targets = [
        proj.join("flagged.toml"),
        proj.join("checklists/org.toml"),
        proj.join(".reassure.toml"),
        baseline.clone(),
        scheme.clone(),
    ];
    for target in &targets {
        let kept = before(target);
        for how in ["-o", "--write"] {
            let mut cmd = reassure();
            cmd.arg("check")
                .arg(&scheme)
                .arg("--checklist")
                .arg(proj.join("flagged.toml"))
                .arg("--baseline")
                .arg(&baseline);
            if how == "-o" {
                cmd.arg("-o").arg(target);
            } else {
                cmd.arg("--write").arg(format!("html={}", target.display()));
            }
            let out = cmd.output().unwrap();
            let err = String::from_utf8_lossy(&out.stderr);
            assert_eq!(out.status.code(), Some(2), "{how} {}: {err}", target.display());
            assert!(err.contains("it is an input of this run"), "{err}");
            assert_eq!(before(target), kept, "{} was changed", target.display());
        }
    }
    // A refused destination stops the run before any report is written.
    let first = proj.join("first.json");
    let out = reassure()
        .arg("check")
        .arg(&scheme)
        .arg("--write")
        .arg(format!("json={}", first.display()))
        .arg("--write")
        .arg(format!("html={}", scheme.display()))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(!first.exists(), "nothing is written when one destination is refused");
}

// 3. CI log-command injection outside the `github` format, and 7. raw
// terminal controls.

/// Text that tries to forge a CI command, drive a terminal and hide itself.
const FORGE: &str = r"::add-mask::x\n::error title=forged::pwned\r\n##[error]old\n  ::warning::indented \u001b]8;;http://evil\u0007link\u001b]8;;\u0007 \u001b[2J\u202egnp.exe\u200b";

fn hostile_scheme() -> String {
    let text = scheme_with("");
    text.replacen("[scheme]\nname = \"", &format!("[scheme]\nname = \"{FORGE} "), 1)
        .replacen("summary = \"", &format!("summary = \"{FORGE} "), 1)
}

fn hostile_checklist() -> String {
    // Every title and every piece of guidance, so the text reaches each
    // format whichever criteria turn out to be gaps.
    std::fs::read_to_string(repo().join(ORG))
        .unwrap()
        .replace("title = \"", &format!("title = \"{FORGE} "))
        .replace("guidance = \"", &format!("guidance = \"{FORGE} "))
        .replacen(
            "citation = \"",
            &format!("url = \"https://example.org/?q=\\\"><script>alert(1)</script>\"\ncitation = \"{FORGE} "),
            1,
        )
}

const RAW_CONTROLS: [char; 5] = ['\u{1b}', '\u{7}', '\u{202e}', '\u{200b}', '\r'];

fn assert_no_forged_line(format: &str, text: &str) {
    for line in text.lines() {
        assert!(
            !reassure::text::starts_ci_command(line),
            "{format}: a line starts a CI command: {line:?}"
        );
    }
}

fn assert_no_raw_controls(what: &str, text: &str) {
    // CSV ends its rows with CR LF, as RFC 4180 says; no other CR may appear.
    let text = text.replace("\r\n", "\n");
    for c in RAW_CONTROLS {
        assert!(!text.contains(c), "{what}: raw {c:?} in:\n{text}");
    }
}

#[test]
fn no_format_but_github_lets_data_start_a_ci_command_line() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join(".git")).unwrap();
    std::fs::write(dir.path().join("org.toml"), hostile_checklist()).unwrap();
    let scheme = dir.path().join("hostile.toml");
    std::fs::write(&scheme, hostile_scheme()).unwrap();
    std::fs::copy(repo().join(READY), dir.path().join("ready.toml")).unwrap();
    let org = dir.path().join("org.toml");
    for target in [scheme.as_path(), dir.path()] {
        for format in common::text_formats() {
            let format = format.as_str();
            let out = reassure()
                .arg("check")
                .arg(target)
                .arg("--checklist")
                .arg(&org)
                .args(["--format", format])
                .output()
                .unwrap();
            assert!(
                out.status.code().is_some_and(|c| c < 2),
                "{format}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            let text = String::from_utf8(out.stdout).unwrap();
            let err = String::from_utf8(out.stderr).unwrap();
            assert!(text.len() > 200, "{format} printed a report");
            if target == scheme.as_path() && format != "json" && format != "sarif" {
                // The hostile text must reach the format for the test to mean anything.
                assert!(
                    text.contains("add-mask") || text.contains("add&#45;mask"),
                    "{format} shows none of the hostile text"
                );
            }
            assert_no_forged_line("stderr", &err);
            assert_no_raw_controls("stderr", &err);
            if format == "github" {
                for line in text.lines() {
                    assert!(common::is_own_annotation(line), "github: a forged line: {line:?}");
                }
            } else {
                assert_no_forged_line(format, &text);
            }
            if ["table", "csv", "github"].contains(&format) {
                assert_no_raw_controls(format, &text);
            }
        }
    }
    let ready = dir.path().join("ready.toml");
    let (ready, hostile) = (ready.to_str().unwrap(), scheme.to_str().unwrap());
    for args in [
        vec!["list"],
        vec!["explain", "NE-ICB-1"],
        vec!["diff", ready, hostile],
        vec!["diff", hostile, ready],
    ] {
        let out = reassure().args(&args).arg("--checklist").arg(&org).output().unwrap();
        assert!(
            out.status.code().is_some_and(|c| c < 2),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let text = String::from_utf8(out.stdout).unwrap();
        assert_no_forged_line(args[0], &text);
        assert_no_raw_controls(args[0], &text);
    }
}

#[test]
fn diagnostics_show_no_raw_controls_from_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let scheme = dir.path().join("bad.toml");
    std::fs::write(&scheme, scheme_with(&format!("\"{FORGE}\" = 1"))).unwrap();
    let result = run(["check".as_ref(), scheme.as_os_str()]);
    assert_eq!(result.code, 2);
    assert_no_raw_controls("diagnostics", &result.err);
    assert_no_forged_line("diagnostics", &result.err);
    assert!(
        result.err.contains("\\u{1b}]8;;"),
        "made visible, not dropped: {}",
        result.err
    );
}

// 4. `javascript:` links.

#[test]
fn a_source_url_must_be_http_or_https() {
    let dir = tempfile::tempdir().unwrap();
    let org = dir.path().join("org.toml");
    let text = std::fs::read_to_string(repo().join(ORG)).unwrap().replacen(
        "citation = \"",
        "url = \"javascript:alert(document.domain)\"\ncitation = \"",
        1,
    );
    std::fs::write(&org, text).unwrap();
    let result = run(["list".as_ref(), "--checklist".as_ref(), org.as_os_str()]);
    assert_eq!(result.code, 2, "{}", result.out);
    assert!(result.err.contains("org.toml:28:7"), "{}", result.err);
    assert!(result.err.contains("http"), "{}", result.err);
}

// 5. Silent skips in a folder scan.

#[cfg(unix)]
#[test]
fn a_scan_reports_names_that_are_not_utf8_and_refuses_special_files() {
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(repo().join(READY), dir.path().join("ready.toml")).unwrap();
    let odd = dir.path().join(std::ffi::OsStr::from_bytes(b"bad\xff-scheme.toml"));
    std::fs::write(&odd, "format_version = 1\n").unwrap();
    mkfifo(&dir.path().join("pipe.toml"));
    std::os::unix::fs::symlink("/dev/stdin", dir.path().join("stdin.toml")).unwrap();
    let out = reassure()
        .arg("check")
        .arg(dir.path())
        .timeout(Duration::from_secs(20))
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "finished with exit 2, not killed: {err}");
    assert!(err.contains("bad\u{fffd}-scheme.toml"), "{err}");
    assert!(err.contains("not UTF-8"), "{err}");
    assert!(err.contains("pipe.toml") && err.contains("not a regular file"), "{err}");
    assert!(err.contains("stdin.toml"), "{err}");
}

// 6. The temporary report file: see `output.rs`'s unit tests for a link
// planted at the old predictable name; here, nothing is left behind.

#[test]
fn a_written_report_leaves_no_temporary_file() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("report.html");
    let status = reassure()
        .args(["check", READY, "--format", "html", "-o"])
        .arg(&out)
        .output()
        .unwrap()
        .status;
    assert_eq!(status.code(), Some(0));
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, ["report.html"]);
}

// 8. Memory of per-finding formats over many schemes.

#[test]
fn a_portfolio_sarif_log_holds_each_rule_once() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..3 {
        std::fs::copy(repo().join(READY), dir.path().join(format!("s{i}.toml"))).unwrap();
    }
    let result = run([
        "check".as_ref(),
        dir.path().as_os_str(),
        "--format".as_ref(),
        "sarif".as_ref(),
    ]);
    let sarif: serde_json::Value = serde_json::from_str(&result.out).unwrap();
    let runs = sarif["runs"].as_array().unwrap();
    assert_eq!(runs.len(), 1, "one run for the portfolio");
    let rules = runs[0]["tool"]["driver"]["rules"].as_array().unwrap();
    let mut ids: Vec<&str> = rules.iter().map(|r| r["id"].as_str().unwrap()).collect();
    let count = ids.len();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), count, "no rule repeated");
    let files: std::collections::BTreeSet<&str> = runs[0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                .as_str()
                .unwrap()
        })
        .collect();
    assert_eq!(files.len(), 3, "results from every scheme: {files:?}");
}

// 10. Uncapped diagnostics.

#[test]
fn diagnostics_are_capped_per_file_and_long_values_clipped() {
    let dir = tempfile::tempdir().unwrap();
    let many = dir.path().join("many.toml");
    let keys: String = (0..500).map(|i| format!("unknown_key_{i} = 1\n")).collect();
    std::fs::write(&many, scheme_with(&keys)).unwrap();
    let result = run(["check".as_ref(), many.as_os_str()]);
    assert_eq!(result.code, 2);
    assert_eq!(
        result.err.matches("error[unknown-key]").count(),
        100,
        "the first 100 shown"
    );
    assert!(
        result.err.contains("and 400 more problems"),
        "{}",
        result.err.lines().last().unwrap()
    );
    assert!(result.err.contains("has 500 problems"), "the count is still whole");

    let long = dir.path().join("long.toml");
    std::fs::write(&long, scheme_with(&format!("{} = 1", "k".repeat(1_000_000)))).unwrap();
    let result = run(["check".as_ref(), long.as_os_str()]);
    assert_eq!(result.code, 2);
    assert!(
        result.err.len() < 4_000,
        "a 1 MB key is not echoed whole: {} bytes",
        result.err.len()
    );
    assert!(result.err.contains("kkk…"), "{}", result.err);
}

// 11. Smaller points.

#[test]
fn a_full_disk_is_an_error_not_a_bug() {
    let out = common::std_command()
        .args(["completions", "bash"])
        .stdout(std::fs::File::create("/dev/full").unwrap())
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2));
    assert!(err.starts_with("error: "), "{err}");
    assert!(!err.contains("internal error"), "{err}");
}

#[test]
fn utf16_without_a_byte_order_mark_gets_one_encoding_hint() {
    let dir = tempfile::tempdir().unwrap();
    let scheme = dir.path().join("utf16.toml");
    let text = std::fs::read_to_string(repo().join(READY)).unwrap();
    std::fs::write(
        &scheme,
        text.encode_utf16().flat_map(u16::to_le_bytes).collect::<Vec<u8>>(),
    )
    .unwrap();
    let result = run(["check".as_ref(), scheme.as_os_str()]);
    assert_eq!(result.code, 2);
    assert_eq!(result.err.lines().count(), 1, "{}", result.err);
    assert!(result.err.contains("UTF-16"), "{}", result.err);
}

#[test]
fn no_config_ignores_a_pull_requests_relaxed_thresholds() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        repo().join("examples/hasu-stroke-centralisation.toml"),
        dir.path().join("s.toml"),
    )
    .unwrap();
    std::fs::write(dir.path().join(".reassure.toml"), "fail_on = \"never\"\n").unwrap();
    let scheme = dir.path().join("s.toml");
    assert_eq!(
        run(["check".as_ref(), scheme.as_os_str()]).code,
        0,
        "the file relaxes the gate"
    );
    let strict = run(["check".as_ref(), scheme.as_os_str(), "--no-config".as_ref()]);
    assert_eq!(strict.code, 1, "--no-config keeps the default: {}", strict.err);
}

#[cfg(unix)]
#[test]
fn an_unreadable_folder_in_a_scan_is_named_as_a_folder() {
    use std::os::unix::fs::PermissionsExt;
    let root_user = std::process::Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0");
    if root_user {
        // Root reads any folder, so there is nothing to refuse: the message
        // is covered by the unit of `portfolio::walk` only when not root.
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(repo().join(READY), dir.path().join("ready.toml")).unwrap();
    let locked = dir.path().join("locked");
    std::fs::create_dir(&locked).unwrap();
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    let result = run(["check".as_ref(), dir.path().as_os_str()]);
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o755)).unwrap();
    assert_eq!(result.code, 2);
    assert!(result.err.contains("this folder cannot be read"), "{}", result.err);
    assert!(!result.err.contains("give the path of a scheme file"), "{}", result.err);
}

// A pull request can commit a folder where a report is to go: every
// destination is checked before any is renamed into place, so a failure
// leaves none of the run's reports (the old ones stay whole).
#[test]
fn a_destination_that_cannot_be_written_leaves_no_report_at_all() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("readiness.html")).unwrap();
    for scheme in ["examples/hasu-stroke-centralisation.toml", "examples"] {
        let (first, second) = (dir.path().join("p1.json"), dir.path().join("p2.csv"));
        let result = run([
            "check".as_ref(),
            scheme.as_ref(),
            "--write".as_ref(),
            format!("json={}", first.display()).as_ref(),
            "--write".as_ref(),
            format!("csv={}", second.display()).as_ref(),
            "-o".as_ref(),
            dir.path().join("readiness.html").as_os_str(),
            "--format".as_ref(),
            "html".as_ref(),
        ] as [&std::ffi::OsStr; 10]);
        assert_eq!(result.code, 2, "{scheme}: {}", result.err);
        assert!(result.err.contains("it is a folder"), "{}", result.err);
        assert!(!first.exists() && !second.exists(), "{scheme}: nothing written");
        let left: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(left, ["readiness.html"], "no temporary file left");
    }
}

// Ids are printed in every report, log and annotation: a checklist cannot
// give one with a line break or control character.
#[test]
fn checklist_and_criterion_ids_are_plain() {
    let dir = tempfile::tempdir().unwrap();
    let org = dir.path().join("org.toml");
    let text = std::fs::read_to_string(repo().join(ORG))
        .unwrap()
        .replacen(
            "id = \"NE-ICB-1\"",
            "id = \"NE-ICB-1\\n::error title=Injected::pwned\\u001b[31m\"",
            1,
        )
        .replacen("id = \"NE-ICB\"", "id = \"NE\\n::add-mask::x\"", 1);
    std::fs::write(&org, text).unwrap();
    let result = run(["list".as_ref(), "--checklist".as_ref(), org.as_os_str()]);
    assert_eq!(result.code, 2);
    assert_eq!(result.err.matches("error[bad-id]").count(), 2, "{}", result.err);
    assert_no_forged_line("diagnostics", &result.err);
    assert_no_raw_controls("diagnostics", &result.err);
}

// The sample workflow names `schemes/`: a pull request that turns it (or a
// scheme, or a checklist named on the command line) into a link out of the
// repository, or into `.git`, is refused before anything is read.
#[cfg(unix)]
#[test]
fn a_typed_path_that_a_link_leads_out_of_the_project_is_refused() {
    let (dir, proj) = project();
    std::os::unix::fs::symlink("../outside", proj.join("schemes")).unwrap();
    std::os::unix::fs::symlink("../outside/secret.toml", proj.join("plan.toml")).unwrap();
    std::fs::write(proj.join(".git/config"), format!("[http]\n\textraheader = {SECRET}\n")).unwrap();
    std::os::unix::fs::symlink(".git/config", proj.join("git.toml")).unwrap();
    std::fs::create_dir(proj.join("in")).unwrap();
    std::os::unix::fs::symlink("../.git/config", proj.join("in/x.toml")).unwrap();
    for args in [
        vec!["check", "schemes/", "--no-config", "--format", "github"],
        vec!["check", "schemes", "--no-config"],
        vec!["check", "plan.toml"],
        vec!["check", "git.toml"],
        vec!["check", "in"],
        vec!["list", "--checklist", "plan.toml"],
    ] {
        let out = reassure().current_dir(&proj).args(&args).output().unwrap();
        let result = common::Run {
            out: String::from_utf8_lossy(&out.stdout).into_owned(),
            err: String::from_utf8_lossy(&out.stderr).into_owned(),
            code: out.status.code().unwrap(),
        };
        assert_eq!(result.code, 2, "{args:?}: {}", result.err);
        assert_no_secret(&result);
        assert!(
            result.err.contains("leads outside the project root") || result.err.contains("`.git`"),
            "{args:?}: {}",
            result.err
        );
    }
    drop(dir);
}

// Ctrl-C while a report is being written removes its temporary file: no
// half-written report and no stray temporary beside it, and the shell's
// 130 for an interrupted command. The run is held at a FIFO given as a
// scheme (reading it waits for a writer) once its report file is begun.
#[cfg(unix)]
#[test]
fn an_interrupted_run_leaves_no_temporary_file() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("waiting.toml");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(made.success(), "mkfifo");
    let report = dir.path().join("report.json");
    let mut child = common::std_command()
        .arg("check")
        .arg(repo().join(READY))
        .arg(&fifo)
        .args(["--format", "json", "-o"])
        .arg(&report)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let temporaries = || -> Vec<PathBuf> {
        std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.to_string_lossy().ends_with(".reassure.tmp"))
            .collect()
    };
    let started = std::time::Instant::now();
    while temporaries().is_empty() {
        assert!(started.elapsed() < Duration::from_secs(30), "no report was begun");
        std::thread::sleep(Duration::from_millis(20));
    }
    let sent = std::process::Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(sent.success(), "kill -INT");
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(130), "{status:?}");
    assert!(
        temporaries().is_empty(),
        "a temporary file was left: {:?}",
        temporaries()
    );
    assert!(!report.exists(), "a report was written");
}
