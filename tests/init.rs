//! `reassure init` as a user runs it: the wizard driven in a real
//! pseudo-terminal, the non-interactive `--defaults` path for scripts, the
//! message instead of a hang when there is no terminal, and never
//! overwriting a file without `--force`. Also the generated completions and
//! man page.

mod common;

use std::path::Path;

use assert_cmd::Command;

fn reassure(dir: &Path) -> Command {
    let mut cmd = common::reassure();
    cmd.current_dir(dir).env_remove("RUST_BACKTRACE").env_remove("NO_COLOR");
    for name in reassure::config::ENV_VARS {
        cmd.env_remove(name);
    }
    cmd
}

fn check_exit(dir: &Path, file: &str) -> i32 {
    let output = reassure(dir).args(["check", file]).output().unwrap();
    output.status.code().unwrap()
}

#[test]
fn the_wizard_asks_in_a_terminal_and_writes_a_valid_scheme() {
    let dir = tempfile::tempdir().unwrap();
    let mut command = common::std_command();
    command
        .current_dir(dir.path())
        .env_remove("RUST_BACKTRACE")
        .env("TERM", "xterm")
        .args(["init", "-o", "westmarsh.toml", "--as-of", "2026-11-23"]);
    let mut p = rexpect::session::spawn_command(command, Some(20_000)).unwrap();
    p.exp_string("Scheme name").unwrap();
    p.send_line("Westmarsh maternity services review").unwrap();
    p.exp_string("What changes").unwrap();
    p.send_line("Two consultant-led units become one, with a midwife-led unit at the other site.")
        .unwrap();
    p.exp_string("Services affected").unwrap();
    p.send_line("maternity, neonatal care").unwrap();
    p.exp_string("Sites affected").unwrap();
    p.send_line("Westmarsh General Hospital, Ashby Community Hospital")
        .unwrap();
    p.exp_string("Lead commissioner").unwrap();
    p.send_line("NHS Westmarsh Integrated Care Board").unwrap();
    p.exp_string("Local authorities").unwrap();
    p.send_line("Westmarsh Council").unwrap();
    p.exp_string("Stage the scheme has reached").unwrap();
    // Down twice from the first stage (cfc → s1 → pcbc), then Enter.
    p.send("\x1b[B").unwrap();
    p.send("\x1b[B").unwrap();
    p.send("\r").unwrap();
    p.flush().unwrap();
    // A yes/no prompt reads one key in raw mode: give it time to switch
    // the terminal over before the key arrives, as a person would.
    let key = |p: &mut rexpect::session::PtySession, k: &str| {
        std::thread::sleep(std::time::Duration::from_millis(300));
        p.send(k).unwrap();
        p.flush().unwrap();
    };
    p.exp_string("Will beds close").unwrap();
    key(&mut p, "y");
    p.exp_string("Is capital funding needed").unwrap();
    key(&mut p, "n");
    p.exp_string("temporary").unwrap();
    key(&mut p, "n");
    p.exp_string("First readiness result").unwrap();
    let rest = p.exp_eof().unwrap();
    assert!(rest.contains("pcbc gate not ready"), "{rest}");

    let text = std::fs::read_to_string(dir.path().join("westmarsh.toml")).unwrap();
    assert!(
        text.contains("name = \"Westmarsh maternity services review\""),
        "{text}"
    );
    assert!(text.contains("stage = \"pcbc\""), "{text}");
    assert!(text.contains("services = [\"maternity\", \"neonatal care\"]"), "{text}");
    assert!(
        text.contains("[[sites]]\nname = \"Ashby Community Hospital\""),
        "{text}"
    );
    assert!(text.contains("[beds]"), "beds close, so the bed section is there");
    assert!(text.contains("capital_required = false"));
    // The file is a valid scheme: check assesses it (1 = gaps, not 2 = bad input).
    assert_eq!(check_exit(dir.path(), "westmarsh.toml"), 1);
}

#[test]
fn without_a_terminal_it_says_how_to_run_without_questions() {
    let dir = tempfile::tempdir().unwrap();
    let output = reassure(dir.path()).arg("init").output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    let err = String::from_utf8(output.stderr).unwrap();
    assert!(err.contains("standard input is not one"), "{err}");
    assert!(err.contains("reassure init --defaults"), "{err}");
    assert!(!dir.path().join("scheme.toml").exists(), "nothing is written");
}

#[test]
fn defaults_write_a_valid_scheme_from_flags_and_never_overwrite_without_force() {
    let dir = tempfile::tempdir().unwrap();
    let args = [
        "init",
        "--defaults",
        "-o",
        "s.toml",
        "--name",
        "Kingsmere \"urgent care\" review",
        "--stage",
        "s1",
        "--as-of",
        "2026-02-01",
        "--service",
        "emergency department",
        "--authority",
        "Kingsmere Council",
        "--temporary",
        "--capital",
    ];
    let output = reassure(dir.path()).args(args).output().unwrap();
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let out = String::from_utf8(output.stdout).unwrap();
    assert!(out.contains("Wrote s.toml: a temporary scheme at stage s1"), "{out}");
    assert!(out.contains("reassure: s.toml: "), "the first readiness result: {out}");
    let first = std::fs::read_to_string(dir.path().join("s.toml")).unwrap();
    assert!(first.contains("Kingsmere \"urgent care\" review"), "{first}");
    assert!(first.contains("as_of = 2026-02-01"));
    assert!(first.contains("capital_required = true"));
    assert_eq!(check_exit(dir.path(), "s.toml"), 1);

    // A second run must not replace the file…
    std::fs::write(dir.path().join("s.toml"), "# my edits\n").unwrap();
    let output = reassure(dir.path()).args(args).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8(output.stderr).unwrap().contains("already exists"));
    assert_eq!(
        std::fs::read_to_string(dir.path().join("s.toml")).unwrap(),
        "# my edits\n"
    );
    // …unless asked to.
    let output = reassure(dir.path()).args(args).arg("--force").output().unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(std::fs::read_to_string(dir.path().join("s.toml")).unwrap(), first);
}

#[test]
fn completions_and_the_man_page_come_from_the_command_definition() {
    let dir = tempfile::tempdir().unwrap();
    for (shell, marker) in [
        ("bash", "complete -F"),
        ("zsh", "#compdef reassure"),
        ("fish", "complete -c reassure"),
        ("powershell", "Register-ArgumentCompleter"),
    ] {
        let output = reassure(dir.path()).args(["completions", shell]).output().unwrap();
        assert_eq!(output.status.code(), Some(0));
        let script = String::from_utf8(output.stdout).unwrap();
        assert!(script.contains(marker), "{shell}: {script}");
        assert!(script.contains("no-waivers"), "{shell} completes check's flags");
    }
    let output = reassure(dir.path()).arg("man").output().unwrap();
    let page = String::from_utf8(output.stdout).unwrap();
    assert!(
        page.starts_with(".ie \\n(.g .ds Aq") || page.contains(".TH reassure"),
        "{page}"
    );
    assert!(page.contains("init"), "subcommands are listed");
}
