//! The published JSON Schemas: the committed copies in `schemas/` match what
//! `reassure schema` prints (regenerate with `UPDATE_DOCS=1 cargo test --test
//! schemas`), every example scheme validates against the scheme schema, and
//! every example's JSON report validates against the report schema.

mod common;

use serde_json::Value;

fn reassure(args: &[&str]) -> (String, i32) {
    let output = common::reassure().args(args).output().unwrap();
    (String::from_utf8(output.stdout).unwrap(), output.status.code().unwrap())
}

fn committed_copy_is_fresh(file: &str, generated: &str) {
    let path = format!("{}/schemas/{file}", env!("CARGO_MANIFEST_DIR"));
    if std::env::var_os("UPDATE_DOCS").is_some() {
        std::fs::write(&path, generated).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "schemas/{file} is out of date: run `UPDATE_DOCS=1 cargo test --test schemas` and commit it"
    );
}

#[test]
fn committed_schemas_are_up_to_date() {
    let (scheme, code) = reassure(&["schema"]);
    assert_eq!(code, 0);
    assert_eq!(scheme, reassure::json_schema::scheme_schema());
    committed_copy_is_fresh("scheme.schema.json", &scheme);
    let (report, code) = reassure(&["schema", "--report"]);
    assert_eq!(code, 0);
    committed_copy_is_fresh("report.schema.json", &report);
    let (config, code) = reassure(&["schema", "--config"]);
    assert_eq!(code, 0);
    committed_copy_is_fresh("config.schema.json", &config);
    let (diff, code) = reassure(&["schema", "--diff"]);
    assert_eq!(code, 0);
    committed_copy_is_fresh("diff.schema.json", &diff);
}

/// The layout version is a constant in every report schema: a report of
/// another version fails validation instead of being misread.
#[test]
fn report_schemas_pin_the_format_version() {
    for which in ["--report", "--portfolio", "--diff"] {
        let (text, _) = reassure(&["schema", which]);
        let schema: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(schema["properties"]["format_version"]["const"], 1, "{which}");
    }
    let (report, _) = reassure(&["check", "examples/mental-health-beds-dmbc.toml", "--format", "json"]);
    let mut report: Value = serde_json::from_str(&report).unwrap();
    let schema = validator(&reassure::json_schema::report_schema());
    assert!(schema.is_valid(&report));
    report["format_version"] = 2.into();
    assert!(!schema.is_valid(&report), "version 2 is not this layout");
}

/// The diff JSON names both files with their SHA-256 and validates against
/// its schema.
#[test]
fn diff_json_names_both_versions_and_validates() {
    let (text, code) = reassure(&[
        "diff",
        "examples/maternity-consolidation.toml",
        "examples/hasu-stroke-centralisation.toml",
        "--format",
        "json",
    ]);
    assert!(code < 2);
    let diff: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(diff["old"]["file"], "examples/maternity-consolidation.toml");
    assert_eq!(diff["new"]["file"], "examples/hasu-stroke-centralisation.toml");
    assert_eq!(diff["new"]["sha256"].as_str().unwrap().len(), 64);
    let schema = validator(&reassure::json_schema::diff_schema());
    let problems: Vec<String> = schema.iter_errors(&diff).map(|e| e.to_string()).collect();
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn the_config_schema_accepts_what_reassure_accepts() {
    let schema = validator(&reassure::json_schema::config_schema());
    let good: toml::Table =
        toml::from_str("checklists = [\"org/our-icb.toml\"]\nfail_on = \"major\"\nmin_score = 70\nstage = \"dmbc\"\n")
            .unwrap();
    assert!(schema.is_valid(&serde_json::to_value(&good).unwrap()));
    for bad in ["fail_on = \"majr\"\n", "min_score = 170\n", "colour = true\n"] {
        let table: toml::Table = toml::from_str(bad).unwrap();
        assert!(!schema.is_valid(&serde_json::to_value(&table).unwrap()), "{bad}");
    }
}

fn validator(schema: &str) -> jsonschema::Validator {
    let schema: Value = serde_json::from_str(schema).expect("schema is JSON");
    jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("schema compiles")
}

/// A TOML document as the JSON an editor's schema validator sees: dates
/// become their ISO 8601 text.
fn toml_to_json(value: toml::Value) -> Value {
    match value {
        toml::Value::String(s) => Value::String(s),
        toml::Value::Integer(i) => Value::from(i),
        toml::Value::Float(f) => Value::from(f),
        toml::Value::Boolean(b) => Value::Bool(b),
        toml::Value::Datetime(d) => Value::String(d.to_string()),
        toml::Value::Array(items) => Value::Array(items.into_iter().map(toml_to_json).collect()),
        toml::Value::Table(table) => Value::Object(table.into_iter().map(|(k, v)| (k, toml_to_json(v))).collect()),
    }
}

fn examples() -> Vec<std::path::PathBuf> {
    let mut files: Vec<_> = std::fs::read_dir("examples")
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort();
    assert!(files.len() >= 5, "the examples are found");
    files
}

#[test]
fn every_example_validates_against_the_scheme_schema() {
    let validator = validator(&reassure::json_schema::scheme_schema());
    for path in examples() {
        let document: toml::Value = toml::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let json = toml_to_json(document);
        let errors: Vec<String> = validator
            .iter_errors(&json)
            .map(|e| format!("{e} at {}", e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{}: {errors:#?}", path.display());
    }
}

#[test]
fn the_scheme_schema_rejects_what_reassure_rejects() {
    let validator = validator(&reassure::json_schema::scheme_schema());
    let good = serde_json::json!({
        "format_version": 1, "as_of": "2025-01-06", "stage": "pcbc",
        "scheme": { "name": "Stroke review" },
        "beds": { "baseline": 400 },
    });
    assert!(validator.is_valid(&good));
    let mut typo = good.clone();
    typo["consultaton"] = serde_json::json!({});
    assert!(!validator.is_valid(&typo), "unknown key");
    let mut stage = good.clone();
    stage["stage"] = "consulting".into();
    assert!(!validator.is_valid(&stage), "not a stage");
    let mut beds = good.clone();
    beds["beds"]["baseline"] = (-4).into();
    assert!(!validator.is_valid(&beds), "negative beds");
    let mut date = good;
    date["as_of"] = "2025-02-30".into();
    assert!(!validator.is_valid(&date), "impossible date");
}

#[test]
fn every_json_report_validates_against_the_report_schema() {
    let validator = validator(&reassure::json_schema::report_schema());
    for path in examples() {
        let (out, _) = reassure(&["check", path.to_str().unwrap(), "--format", "json"]);
        let report: Value = serde_json::from_str(&out).unwrap();
        let errors: Vec<String> = validator
            .iter_errors(&report)
            .map(|e| format!("{e} at {}", e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{}: {errors:#?}", path.display());
        let mut extra = report.clone();
        extra["assessment"]["findings"][0]["surprise"] = true.into();
        assert!(
            !validator.is_valid(&extra),
            "a field the schema does not name is caught"
        );
        let mut wrong = report;
        wrong["assessment"]["findings"][0]["status"] = "sort-of-met".into();
        assert!(
            !validator.is_valid(&wrong),
            "a status the schema does not name is caught"
        );
    }
}
