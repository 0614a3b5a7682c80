//! Bad input: every problem in a file reported at once, each with file,
//! line, column, the snippet, what was expected and a "did you mean";
//! exit code 2 and nothing on stdout.

mod common;

use std::io::Write as _;

const VALID_HEAD: &str =
    "format_version = 1\nas_of = 2025-01-06\nstage = \"pcbc\"\n\n[scheme]\nname = \"Test scheme\"\n";

/// Runs `check` on `text` written to a temporary `scheme.toml`; returns
/// stderr with the temporary directory replaced by `DIR`, and the exit code.
fn check_text(text: &[u8]) -> (String, i32) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("scheme.toml");
    std::fs::File::create(&path)
        .and_then(|mut f| f.write_all(text))
        .expect("write");
    let output = common::reassure()
        .env_remove("RUST_BACKTRACE")
        .args(["check", path.to_str().expect("utf-8 path"), "--color", "never"])
        .output()
        .expect("runs");
    assert!(output.stdout.is_empty(), "no report on bad input");
    let stderr = String::from_utf8(output.stderr)
        .expect("utf-8")
        .replace(dir.path().to_str().unwrap(), "DIR");
    (stderr, output.status.code().expect("exit code"))
}

#[test]
fn a_typo_in_a_key_is_located_with_a_suggestion() {
    let (stderr, code) = check_text(format!("{VALID_HEAD}\n[consultation]\nstrat = 2025-01-06\n").as_bytes());
    assert_eq!(code, 2);
    assert_eq!(
        stderr,
        "error[unknown-key]: unknown key `strat` in `[consultation]`\n \
         --> DIR/scheme.toml:9:1\n  |\n\
         9 | strat = 2025-01-06\n  | ^^^^^ not a key of this table\n  \
         = help: did you mean `start`?\n  \
         = expected one of `start`, `end`, `shorter_reason`, `documents`, `options_consulted`, `no_prior_commitments`, \
         `explains`, `pre_election_periods`, `extended_for_election`, `events`, `attendees`, `reach`, `responses` or `analysis`\n\n\
         error: `DIR/scheme.toml` has 1 problem; nothing was assessed\n"
    );
}

#[test]
fn every_problem_in_the_file_is_reported_in_one_run() {
    let text = format!(
        "{VALID_HEAD}population = \"lots\"\n\n[beds]\nbaseline = -4\nsignificant_reducton = true\n\n\
         [consultation]\nstart = \"2025-01-06\"\n\n[[sites]]\nname = \"A\"\nchange = \"closed\"\n"
    );
    let (stderr, code) = check_text(text.as_bytes());
    assert_eq!(code, 2);
    let headers: Vec<&str> = stderr.lines().filter(|l| l.starts_with("error")).collect();
    assert_eq!(
        headers,
        [
            "error[wrong-type]: wrong type for `scheme.population`: expected a whole number of at least 0, found a string",
            "error[out-of-range]: value out of range for `beds.baseline`: expected a whole number of at least 0",
            "error[unknown-key]: unknown key `significant_reducton` in `[beds]`",
            "error[wrong-type]: wrong type for `consultation.start`: expected a date such as 2025-01-06 (no quotes), or \"2017-03\", \"2017\" or \"done\" where the day is not known, found a string",
            "error[invalid-value]: `closed` is not a valid value for `sites[0].change`",
            "error: `DIR/scheme.toml` has 5 problems; nothing was assessed",
        ]
    );
    assert!(
        stderr.contains(" --> DIR/scheme.toml:7:14\n"),
        "population at line 7 col 14:\n{stderr}"
    );
    assert!(
        stderr.contains(" --> DIR/scheme.toml:10:12\n"),
        "baseline value at line 10 col 12:\n{stderr}"
    );
    assert!(stderr.contains("= help: did you mean `significant_reduction`?"));
    assert!(stderr.contains("= help: write dates without quotes: 2025-01-06"));
    assert!(stderr.contains("= help: did you mean `closing`?"));
}

#[test]
fn an_impossible_date_is_a_located_error() {
    let text = format!("{VALID_HEAD}\n[consultation]\nstart = 2025-02-30\n");
    let (stderr, code) = check_text(text.as_bytes());
    assert_eq!(code, 2);
    assert!(
        stderr.starts_with("error[syntax]: invalid TOML: invalid date, expected day between 01 and 28\n"),
        "{stderr}"
    );
    assert!(stderr.contains(" --> DIR/scheme.toml:9:9\n"), "{stderr}");
}

#[test]
fn a_missing_required_key_points_at_its_table() {
    let (stderr, code) = check_text(b"format_version = 1\nstage = \"pcbc\"\n\n[scheme]\nsummary = \"x\"\n");
    assert_eq!(code, 2);
    assert!(
        stderr.contains("error[missing-key]: missing key `as_of` in the top level\n --> DIR/scheme.toml:1:1\n"),
        "{stderr}"
    );
    assert!(
        stderr.contains("error[missing-key]: missing key `name` in `[scheme]`\n --> DIR/scheme.toml:4:1\n"),
        "{stderr}"
    );
    assert!(stderr.contains("= for example: name = "));
}

#[test]
fn syntax_errors_do_not_stop_the_other_checks() {
    let text = format!("{VALID_HEAD}summary = \"unterminated\n\n[consultaton]\nstart = 2025-01-06\n");
    let (stderr, code) = check_text(text.as_bytes());
    assert_eq!(code, 2);
    assert!(stderr.contains("error[syntax]"), "{stderr}");
    assert!(
        stderr.contains("error[unknown-key]: unknown key `consultaton` in the top level"),
        "{stderr}"
    );
    assert!(stderr.contains("did you mean `consultation`?"), "{stderr}");
}

#[test]
fn an_unknown_attested_criterion_gets_a_suggestion() {
    let text = format!(
        "{VALID_HEAD}\n[[attestations]]\ncriterion = \"LGA-4-3\"\nby = \"A\"\nrole = \"B\"\ndate = 2025-01-01\n\
         verdict = \"met\"\nrationale = \"C\"\n"
    );
    let (stderr, code) = check_text(text.as_bytes());
    assert_eq!(code, 2);
    assert!(stderr.starts_with("error[unknown-criterion]: attestation names criterion `LGA-4-3`, which no checklist has\n --> DIR/scheme.toml:9:13\n"), "{stderr}");
    assert!(stderr.contains("= help: did you mean `LGA-4.3`?"), "{stderr}");
    assert!(
        stderr.contains("= criteria that take attestations: `LGA-4.3`"),
        "{stderr}"
    );
}

#[test]
fn a_criterion_decided_by_data_cannot_be_attested() {
    let text = format!(
        "{VALID_HEAD}\n[[attestations]]\ncriterion = \"NHSE-T2\"\nby = \"A\"\nrole = \"B\"\ndate = 2025-01-01\n\
         verdict = \"met\"\nrationale = \"C\"\n"
    );
    let (stderr, code) = check_text(text.as_bytes());
    assert_eq!(code, 2);
    assert!(
        stderr.starts_with("error[not-a-judgement]: criterion `NHSE-T2` is decided from the scheme's data"),
        "{stderr}"
    );
}

#[test]
fn binary_junk_is_refused_with_its_position() {
    let (stderr, code) = check_text(b"format_version = 1\n\x00\xFF\xFE\x89PNG");
    assert_eq!(code, 2);
    assert_eq!(
        stderr,
        "error: cannot read `DIR/scheme.toml`: it is not UTF-8 text: byte 0xFF at line 2, column 2 \
         (is it a binary file, or saved in another encoding?)\n"
    );
}

#[test]
fn a_byte_order_mark_and_crlf_line_endings_are_accepted() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("scheme.toml");
    let text = format!("\u{feff}{VALID_HEAD}").replace('\n', "\r\n");
    std::fs::write(&path, text).expect("write");
    let output = common::reassure().arg("check").arg(&path).output().unwrap();
    assert!(output.stderr.is_empty(), "{}", String::from_utf8_lossy(&output.stderr));
    assert!(String::from_utf8(output.stdout).unwrap().starts_with("Test scheme\n"));
}

#[test]
fn missing_files_and_directories_are_usage_errors() {
    let run = |path: &str| {
        let output = common::reassure().args(["check", path]).output().unwrap();
        (String::from_utf8(output.stderr).unwrap(), output.status.code().unwrap())
    };
    assert_eq!(
        run("no/such/scheme.toml"),
        ("error: cannot read `no/such/scheme.toml`: no such file\n".into(), 2)
    );
    // A directory is a portfolio; one with no scheme files in it is a usage error.
    let empty = tempfile::tempdir().unwrap();
    let (stderr, code) = run(empty.path().to_str().unwrap());
    assert_eq!(code, 2);
    assert_eq!(
        stderr,
        format!("error: no *.toml files found in `{}`\n", empty.path().display())
    );
}

#[test]
fn control_characters_in_the_file_never_reach_the_terminal() {
    let text = format!("{VALID_HEAD}nmae = \"\u{1b}[2J\u{1b}]0;pwned\u{7}\"\n");
    let (stderr, code) = check_text(text.as_bytes());
    assert_eq!(code, 2);
    assert!(!stderr.contains('\u{1b}') && !stderr.contains('\u{7}'), "{stderr:?}");
    assert!(stderr.contains("\\u{1b}[2J"), "{stderr}");
}

#[test]
fn a_date_without_its_day_is_accepted_and_a_malformed_one_located() {
    let dir = tempfile::tempdir().expect("temp dir");
    let good = format!(
        "{VALID_HEAD}\n[consultation]\nstart = \"2017-03\"\nend = \"done\"\n[options]\nappraisal_date = \"2016\"\n"
    );
    std::fs::write(dir.path().join("scheme.toml"), good).expect("write");
    let output = common::reassure()
        .current_dir(dir.path())
        .args(["check", "scheme.toml"])
        .output()
        .expect("runs");
    assert!(
        output.status.code().is_some_and(|c| c < 2),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    for bad in ["\"2017-3\"", "\"2017-13\"", "\"17\"", "\"soon\"", "\"2017-03-01\""] {
        let (stderr, code) = check_text(format!("{VALID_HEAD}\n[consultation]\nstart = {bad}\n").as_bytes());
        assert_eq!(code, 2, "{bad}");
        assert!(
            stderr.contains("DIR/scheme.toml:9:9") && stderr.contains("\"2017-03\", \"2017\" or \"done\""),
            "{bad}: {stderr}"
        );
    }
    // The scheme's own as-of date needs its day.
    let (stderr, code) =
        check_text(b"format_version = 1\nas_of = \"2025-01\"\nstage = \"pcbc\"\n[scheme]\nname = \"S\"\n");
    assert_eq!(code, 2);
    assert!(stderr.contains("wrong type for `as_of`"), "{stderr}");
}
