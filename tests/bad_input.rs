//! The bad-input catalogue: one case per way a scheme file can be wrong,
//! each run through the binary as a user would. Every case must exit 2 with
//! nothing on stdout, name the file with line and column for each problem
//! listed in the case, and never panic; the full messages of all cases are
//! kept in one reviewed snapshot (`tests/snapshots/bad_input__catalogue.snap`).

mod common;

use std::fmt::Write as _;

const HEAD: &str = "format_version = 1\nas_of = 2025-01-06\nstage = \"pcbc\"\n\n[scheme]\nname = \"Test scheme\"\n";

/// A file's content and the `line:column` of every problem expected in it,
/// in the order reported.
struct Case {
    name: &'static str,
    bytes: Vec<u8>,
    at: &'static [&'static str],
}

fn case(name: &'static str, text: impl Into<String>, at: &'static [&'static str]) -> Case {
    Case {
        name,
        bytes: text.into().into_bytes(),
        at,
    }
}

fn with_head(name: &'static str, tail: &str, at: &'static [&'static str]) -> Case {
    case(name, format!("{HEAD}{tail}"), at)
}

fn cases() -> Vec<Case> {
    let mut deep = String::from("format_version = 1\nx = ");
    deep.push_str(&"[".repeat(5000));
    deep.push_str(&"]".repeat(5000));
    deep.push('\n');
    vec![
        case("empty file", "", &["1:1"]),
        case("only comments", "# a scheme\n# to be written\n", &["1:1"]),
        Case {
            name: "binary junk",
            bytes: b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\0".to_vec(),
            at: &["1:1"],
        },
        Case {
            name: "invalid UTF-8",
            bytes: [HEAD.as_bytes(), b"summary = \"caf\xe9\"\n"].concat(),
            at: &["7:15"],
        },
        Case {
            name: "NUL byte",
            bytes: [HEAD.as_bytes(), b"summary = \"a\0b\"\n"].concat(),
            at: &["7:13"],
        },
        with_head("unclosed string", "summary = \"no end\n", &["7:18"]),
        with_head(
            "unterminated multi-line string",
            "summary = \"\"\"starts\nand never ends\n",
            &["9:1"],
        ),
        with_head("bad escape", "summary = \"tab\\q\"\n", &["7:16"]),
        with_head("duplicate key", "name = \"Again\"\n", &["7:1"]),
        with_head("duplicate dotted key", "[beds]\nbaseline = 4\nbaseline = 5\n", &["9:1"]),
        with_head(
            "duplicate table",
            "\n[beds]\nbaseline = 4\n\n[beds]\nproposed = 3\n",
            &["11:2"],
        ),
        case(
            "inline table redefined",
            "format_version = 1\nas_of = 2025-01-06\nstage = \"pcbc\"\nscheme = { name = \"x\" }\n\n[scheme]\nsummary = \"y\"\n",
            &["6:2"],
        ),
        // The parser recovers by reading the next line at the top level.
        with_head("unclosed table header", "[beds\nbaseline = 4\n", &["7:6", "8:1"]),
        with_head("missing equals", "summary \"x\"\n", &["7:9"]),
        with_head("trailing garbage after a value", "summary = \"x\" y\n", &["7:15"]),
        with_head("invalid key characters", "sum/mary = \"x\"\n", &["7:4"]),
        with_head("bad date: month 13", "\n[consultation]\nstart = 2025-13-01\n", &["9:9"]),
        with_head(
            "impossible date: 30 February",
            "\n[consultation]\nstart = 2025-02-30\n",
            &["9:9"],
        ),
        with_head("bad number", "\n[beds]\nbaseline = 12a\n", &["9:12"]),
        with_head(
            "integer too large",
            "\n[beds]\nbaseline = 99999999999999999999\n",
            &["9:12"],
        ),
        case(
            "unknown top-level key",
            format!("{HEAD}\n[consultaton]\nstart = 2025-01-06\n"),
            &["8:2"],
        ),
        with_head(
            "unknown key in a table",
            "\n[consultation]\nstrat = 2025-01-06\n",
            &["9:1"],
        ),
        with_head(
            "unknown key in an array of tables",
            "\n[[sites]]\nname = \"A\"\nbeds_baseline = 4\n",
            &["10:1"],
        ),
        with_head(
            "unknown key in a nested table",
            "\n[assurance.stage2]\ndte = 2024-10-22\n",
            &["9:1"],
        ),
        with_head(
            "wrong type: text for a number",
            "\n[beds]\nbaseline = \"four hundred\"\n",
            &["9:12"],
        ),
        with_head(
            "wrong type: quoted date",
            "\n[consultation]\nstart = \"2025-01-06\"\n",
            &["9:9"],
        ),
        with_head(
            "wrong type: date-time for a date",
            "\n[consultation]\nstart = 2025-01-06T09:00:00\n",
            &["9:9"],
        ),
        with_head(
            "wrong type: decimal for a count",
            "\n[beds]\nbaseline = 12.5\n",
            &["9:12"],
        ),
        with_head("wrong type: list items", "services = [\"stroke\", 2]\n", &["7:23"]),
        with_head("wrong type: table for text", "summary = { text = \"x\" }\n", &["7:11"]),
        case(
            "wrong type: list for a table",
            "format_version = 1\nas_of = 2025-01-06\nstage = \"pcbc\"\nconsultation = [1, 2]\n\n[scheme]\nname = \"x\"\n",
            &["4:16"],
        ),
        with_head("negative beds", "\n[beds]\nbaseline = -4\n", &["9:12"]),
        with_head("percentage over 100", "\n[workforce]\nvacancy_rate = 140\n", &["9:16"]),
        case(
            "stage not in the list",
            "format_version = 1\nas_of = 2025-01-06\nstage = \"consulting\"\n\n[scheme]\nname = \"x\"\n",
            &["3:9"],
        ),
        case(
            "format version from the future",
            "format_version = 2\nas_of = 2025-01-06\nstage = \"pcbc\"\n\n[scheme]\nname = \"x\"\n",
            &["1:18"],
        ),
        case(
            "missing required keys",
            "format_version = 1\n\n[scheme]\nsummary = \"x\"\n",
            &["1:1", "1:1", "3:1"],
        ),
        with_head(
            "attestation for an unknown criterion",
            "\n[[attestations]]\ncriterion = \"LGA-4.30\"\nby = \"A\"\nrole = \"B\"\ndate = 2024-11-01\nverdict = \"met\"\nrationale = \"r\"\n",
            &["9:13"],
        ),
        with_head(
            "several problems at once",
            "population = \"lots\"\n\n[beds]\nbaseline = -4\nsignificant_reducton = true\n\n[consultation]\nstart = \"2025-01-06\"\n",
            &["7:14", "10:12", "11:1", "14:9"],
        ),
        with_head(
            "control characters in a value",
            "nme = \"\u{1b}[2J\u{1b}]0;pwned\u{7}\"\n",
            &["7:1", "7:8", "7:12", "7:21"],
        ),
        // `x` is unknown, and the nesting is refused at the parser's depth limit.
        case("very deep nesting", deep, &["2:1", "2:85"]),
    ]
}

fn run(args: &[&str]) -> std::process::Output {
    common::reassure()
        .env_remove("RUST_BACKTRACE")
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn catalogue() {
    let cases = cases();
    assert!(cases.len() >= 40, "the catalogue has {} cases", cases.len());
    let dir = tempfile::tempdir().unwrap();
    let mut all = String::new();
    let mut wrong = Vec::new();
    for (index, case) in cases.iter().enumerate() {
        let path = dir.path().join(format!("case{index:02}.toml"));
        std::fs::write(&path, &case.bytes).unwrap();
        let output = run(&["check", path.to_str().unwrap()]);
        let stderr = String::from_utf8(output.stderr).expect("stderr is UTF-8 whatever the input");
        let stderr = stderr.replace(dir.path().to_str().unwrap(), "DIR");
        assert_eq!(output.status.code(), Some(2), "{}: {stderr}", case.name);
        assert!(output.stdout.is_empty(), "{}: nothing on stdout", case.name);
        assert!(
            !stderr.contains("panicked") && !stderr.contains("RUST_BACKTRACE"),
            "{}: {stderr}",
            case.name
        );
        assert!(
            !stderr.contains('\u{1b}'),
            "{}: no raw escape reaches the terminal",
            case.name
        );
        let file = format!("DIR/case{index:02}.toml");
        let found: Vec<&str> = stderr
            .lines()
            .filter_map(|l| l.trim_start().strip_prefix("--> "))
            .filter_map(|l| l.strip_prefix(file.as_str()))
            .map(|l| l.trim_start_matches(':'))
            .collect();
        let plain: Vec<&str> = stderr
            .lines()
            .filter_map(|l| l.strip_prefix("error: cannot read `"))
            .filter_map(|l| l.strip_prefix(file.as_str()))
            .filter_map(|l| l.split('`').nth(1))
            .collect();
        if found.is_empty() && !plain.is_empty() {
            // A file refused before parsing names its place in the message.
            let named = |at: &&str| {
                let (line, column) = at.split_once(':').unwrap();
                stderr.contains(&format!("line {line}, column {column}"))
            };
            if !case.at.iter().all(named) {
                wrong.push(format!("{}: expected {:?} in {stderr}", case.name, case.at));
            }
        } else if found != case.at {
            wrong.push(format!("{}: expected {:?}, found {found:?}", case.name, case.at));
        }
        let _ = writeln!(all, "=== {index:02} {} ===\n{stderr}", case.name);
    }
    assert!(wrong.is_empty(), "{}\n\n{all}", wrong.join("\n"));
    insta::assert_snapshot!(all);
}

#[test]
fn files_that_are_not_there_or_not_files() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("missing.toml");
    let out = run(&["check", missing.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).ends_with("missing.toml`: no such file\n"));

    let big = dir.path().join("big.toml");
    let mut text = String::from(HEAD);
    text.push_str(&format!("summary = \"{}\"\n", "x".repeat(5 * 1024 * 1024)));
    std::fs::write(&big, text).unwrap();
    let out = run(&["check", big.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("over the 4194304 byte limit for an input file"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    // A device reports no size up front; reading stops at the limit.
    #[cfg(unix)]
    {
        let out = run(&["check", "/dev/zero"]);
        assert_eq!(out.status.code(), Some(2));
        assert_eq!(
            String::from_utf8_lossy(&out.stderr),
            "error: cannot read `/dev/zero`: it holds more than the 4194304 byte limit for an input file\n"
        );
    }

    // Unreadable: permissions stop everyone but root, so only assert when they do.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let locked = dir.path().join("locked.toml");
        std::fs::write(&locked, HEAD).unwrap();
        std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
        if std::fs::read(&locked).is_err() {
            let out = run(&["check", locked.to_str().unwrap()]);
            assert_eq!(out.status.code(), Some(2));
            assert!(String::from_utf8_lossy(&out.stderr).contains("locked.toml`: permission denied"));
        }
    }
}

#[test]
fn long_text_is_accepted_and_shortened_in_reports() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("long.toml");
    let long = "word ".repeat(200_000);
    std::fs::write(&path, format!("{HEAD}summary = \"{long}\"\n")).unwrap();
    let out = run(&["check", path.to_str().unwrap(), "--fail-on", "never"]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(out.stdout.len() < 200_000, "a 1 MB value does not flood the report");
}

#[test]
fn a_closed_pipe_ends_the_run_quietly_with_success() {
    use std::io::Read;
    // `list --format json` writes about 180 KB, more than a pipe buffers,
    // so the writer meets the closed pipe (as in `reassure … | head`).
    let mut child = common::std_command()
        .args(["list", "--format", "json"])
        .env_remove("RUST_BACKTRACE")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 100];
    child.stdout.take().unwrap().read_exact(&mut first).unwrap();
    // The read end is dropped here.
    let status = child.wait().unwrap();
    let mut err = String::new();
    child.stderr.take().unwrap().read_to_string(&mut err).unwrap();
    assert_eq!(status.code(), Some(0), "{err}");
    assert!(err.is_empty(), "nothing on stderr: {err}");
}
