//! The tables that list settings stay in step: every key of
//! `.reassure.toml`'s format (`config::CONFIG_FORMAT`) is read from the file,
//! from its environment variable (`config::ENV_VARS`, in the same order) and
//! from its flag on `config` (which says where each came from) and on
//! `check` (whose report records the value used). A setting added to one table and not the others fails
//! here, by name.

mod common;

use common::reassure;
use reassure::config::{CONFIG_FORMAT, ENV_VARS};
use reassure::schema::{Field, Kind};

/// The field's example as one plain value (a list's first item, unquoted),
/// as an environment variable or a flag takes it.
fn plain_example(field: &Field) -> String {
    let example = field.example.trim();
    let first = match field.kind {
        Kind::List(_) => example
            .trim_start_matches('[')
            .trim_end_matches(']')
            .split(',')
            .next()
            .unwrap_or_default()
            .trim(),
        _ => example,
    };
    first.trim_matches('"').to_owned()
}

/// The flag that sets a key: its name with hyphens, one item at a time for
/// a list (`--checklist`, repeatable).
fn flag(field: &Field) -> String {
    let name = field.name.replace('_', "-");
    match field.kind {
        Kind::List(_) => format!("--{}", name.strip_suffix('s').unwrap_or(&name)),
        _ => format!("--{name}"),
    }
}

/// A project folder holding whatever the examples name (a list of checklist
/// files names files that must exist and load: the shipped organisation
/// checklist stands in).
fn project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir(dir.path().join(".git")).expect("a project root");
    for field in CONFIG_FORMAT {
        if let Kind::List(_) = field.kind {
            let file = dir.path().join(plain_example(field));
            std::fs::create_dir_all(file.parent().unwrap()).unwrap();
            std::fs::copy(
                common::repo().join("examples/checklists/northmoor-icb-local.toml"),
                &file,
            )
            .unwrap();
        }
    }
    dir
}

/// `reassure config` in `dir` with `args` and `env`: the line for `key`.
fn config_line(dir: &std::path::Path, args: &[&str], env: &[(&str, &str)], key: &str) -> String {
    let mut cmd = reassure();
    cmd.current_dir(dir).arg("config").args(args);
    for (name, value) in env {
        cmd.env(name, value);
    }
    let output = cmd.output().expect("runs");
    let stdout = String::from_utf8(output.stdout).expect("utf-8");
    assert!(
        output.status.success(),
        "config {args:?} {env:?}: {stdout}{}",
        String::from_utf8_lossy(&output.stderr)
    );
    stdout
        .lines()
        .find(|l| l.split_whitespace().next() == Some(key))
        .unwrap_or_else(|| panic!("`reassure config` lists no `{key}`:\n{stdout}"))
        .to_owned()
}

#[test]
fn every_setting_has_an_environment_variable_in_the_same_order() {
    let expected: Vec<String> = CONFIG_FORMAT
        .iter()
        .map(|f| format!("REASSURE_{}", f.name.to_uppercase()))
        .collect();
    assert_eq!(ENV_VARS.to_vec(), expected);
}

#[test]
fn every_setting_is_read_from_the_file() {
    for field in CONFIG_FORMAT {
        let dir = project();
        std::fs::write(
            dir.path().join(".reassure.toml"),
            format!("{} = {}\n", field.name, field.example),
        )
        .unwrap();
        let line = config_line(dir.path(), &[], &[], field.name);
        assert!(
            line.contains("(from file ") && line.ends_with(".reassure.toml:1:1)"),
            "{}: {line}",
            field.name
        );
    }
}

#[test]
fn every_setting_is_read_from_its_environment_variable() {
    for (field, name) in CONFIG_FORMAT.iter().zip(ENV_VARS) {
        let dir = project();
        let value = plain_example(field);
        let line = config_line(dir.path(), &[], &[(name, &value)], field.name);
        assert!(
            line.ends_with(&format!("(from environment {name})")),
            "{}: {line}",
            field.name
        );
    }
}

#[test]
fn every_setting_has_a_flag_on_check_and_on_config() {
    for field in CONFIG_FORMAT {
        let dir = project();
        let (flag, value) = (flag(field), plain_example(field));
        let line = config_line(dir.path(), &[&flag, &value], &[], field.name);
        assert!(line.ends_with(&format!("(from flag {flag})")), "{}: {line}", field.name);
        // `check` takes the flag too, and its report's provenance records
        // the value the run used (checklists by file, the rest as options).
        std::fs::copy(
            common::repo().join("examples/hasu-stroke-centralisation.toml"),
            dir.path().join("scheme.toml"),
        )
        .unwrap();
        let output = reassure()
            .current_dir(dir.path())
            .args(["check", "scheme.toml", "--format", "json", &flag, &value])
            .output()
            .expect("runs");
        let report: serde_json::Value = serde_json::from_slice(&output.stdout)
            .unwrap_or_else(|_| panic!("{flag}: {}", String::from_utf8_lossy(&output.stderr)));
        let provenance = &report["provenance"];
        let recorded = match field.kind {
            Kind::List(_) => provenance["checklist_files"].to_string(),
            _ => provenance["options"][field.name].to_string(),
        };
        assert!(
            recorded.contains(&value),
            "`check {flag} {value}`: the provenance records {recorded}"
        );
    }
}
