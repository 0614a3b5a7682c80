//! Entry points shared by the fuzz targets in `fuzz/` and the test that
//! replays their corpus: each takes arbitrary bytes through the same steps
//! as the command line — decode, parse, validate, check, assess, render
//! every format — and must never panic. Files a scheme names are not read,
//! so fuzzing never touches the disk.

use std::sync::OnceLock;

use crate::checklist::set::{Catalogue, LoadedFile};
use crate::report::Format;
use crate::report::table::TableOptions;
use crate::source::SourceFile;

fn builtin() -> &'static Catalogue {
    static CATALOGUE: OnceLock<Catalogue> = OnceLock::new();
    CATALOGUE.get_or_init(|| Catalogue::builtin().expect("the built-in checklists load"))
}

/// A scheme file's bytes, checked and, if valid, assessed for its own gate
/// and every other, with and without waivers, and rendered in every format.
pub fn scheme(data: &[u8]) {
    let Ok(source) = crate::input::decode("fuzz.toml", data.to_vec()) else {
        return;
    };
    let (root, diagnostics) = crate::document::parse(source.text());
    let scheme = match crate::scheme::Scheme::from_parsed(source, root, diagnostics) {
        Ok(scheme) => scheme,
        Err(invalid) => {
            // As `check` does: the references in the sound parts too.
            let (file, mut diagnostics, root) = *invalid;
            let extra = crate::prepare::references_in_sound_tables(&root, &file, &builtin().checklists, &diagnostics);
            diagnostics.extend(extra);
            for d in &diagnostics {
                let _ = crate::diagnostic::render(d, &file);
            }
            return;
        }
    };
    let checklists = &builtin().checklists;
    let mut problems = crate::engine::check_attestations(&scheme, checklists);
    problems.extend(crate::waiver::check(&scheme, checklists));
    if !problems.is_empty() {
        for d in &problems {
            let _ = crate::diagnostic::render(d, &scheme.source);
        }
        return;
    }
    for (target, waivers) in [(scheme.stage, true), (crate::stage::Stage::Evaluation, false)] {
        let assessment = crate::engine::assess_with(&scheme, checklists, target, waivers);
        assert_invariants(&assessment);
        let options = crate::provenance::Options {
            stage: target.code().to_owned(),
            fail_on: "blocker".to_owned(),
            min_score: None,
            waivers,
        };
        let provenance = crate::provenance::Provenance::new("fuzz.toml", String::new(), assessment.as_of, options);
        let report = crate::report::Report::new(&provenance, &assessment);
        for format in <Format as clap::ValueEnum>::value_variants() {
            let _ = format.render(
                &report,
                TableOptions {
                    color: true,
                    width: Some(80),
                    all: true,
                },
            );
        }
    }
}

/// What must hold of any assessment: scores are percentages, and every
/// criterion has exactly one finding.
pub fn assert_invariants(assessment: &crate::assessment::Assessment) {
    for score in assessment.scores.iter().chain(std::iter::once(&assessment.overall)) {
        if let Some(p) = score.percent {
            assert!((0.0..=100.0).contains(&p), "score {p} out of range");
        }
        assert!(score.met_weight <= f64::from(score.applicable_weight));
    }
    let mut ids: Vec<&str> = assessment.findings.iter().map(|f| f.criterion.as_str()).collect();
    ids.sort_unstable();
    let before = ids.len();
    ids.dedup();
    assert_eq!(before, ids.len(), "one finding per criterion");
}

/// A checklist file's bytes, loaded and, if valid, added to the built-ins
/// and listed.
pub fn checklist(data: &[u8]) {
    let Ok(source) = crate::input::decode("fuzz-checklist.toml", data.to_vec()) else {
        return;
    };
    match crate::checklist::load::load(&source) {
        Ok(checklist) => {
            let mut catalogue = builtin().clone();
            let file = LoadedFile {
                checklist,
                source: SourceFile::new("fuzz-checklist.toml", source.text()),
                sha256: String::new(),
            };
            if catalogue.add(&file).is_ok() {
                let _ = crate::report::catalogue::list_json(&catalogue.checklists);
                // Its rules run against a real scheme.
                let example = include_str!("../examples/hasu-stroke-centralisation.toml");
                if let Ok(scheme) = crate::scheme::Scheme::load(SourceFile::new("example.toml", example)) {
                    assert_invariants(&crate::engine::assess(&scheme, &catalogue.checklists));
                }
            }
        }
        Err(diagnostics) => {
            for d in &diagnostics {
                let _ = crate::diagnostic::render(d, &source);
            }
        }
    }
}

/// A `.reassure.toml`'s bytes, applied as if found in a project folder:
/// problems are rendered, and checklist paths go through the same
/// confinement as a real run (none may lead out of the folder).
pub fn config(data: &[u8]) {
    static FOLDER: std::sync::OnceLock<Option<tempfile::TempDir>> = std::sync::OnceLock::new();
    let Some(folder) = FOLDER.get_or_init(|| tempfile::tempdir().ok()) else {
        return;
    };
    let Ok(source) = crate::input::decode(".reassure.toml", data.to_vec()) else {
        return;
    };
    let base = folder.path();
    let root = crate::project::root_of(base);
    let mut config = crate::config::Config::defaults();
    match crate::config::apply_source(&mut config, &source, base, &root) {
        Ok(()) => {
            let _ = config.describe();
            for path in &config.checklists.value {
                assert!(
                    path.starts_with(base),
                    "a checklist path left the folder: {}",
                    path.display()
                );
            }
        }
        Err(crate::config::ConfigError::Invalid(file, diagnostics)) => {
            for d in &diagnostics {
                let _ = crate::diagnostic::render(d, &file);
            }
        }
        Err(_) => {}
    }
}
