//! Micro-benchmarks of each stage of a check on one scheme: parse,
//! validate, load the built-in checklists, score, and render each format.
//! Run with `cargo bench --bench stages`.

use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;

use reassure::checklist::builtin::builtin;
use reassure::provenance::{Options, Provenance};
use reassure::report::table::TableOptions;
use reassure::report::{Format, Report};
use reassure::scheme::Scheme;
use reassure::source::SourceFile;

const STROKE: &str = include_str!("../examples/hasu-stroke-centralisation.toml");

fn stages(c: &mut Criterion) {
    let checklists = builtin().expect("built-in checklists load");
    c.bench_function("parse (stroke example, 17 KB)", |b| {
        b.iter(|| reassure::document::parse(black_box(STROKE)))
    });
    c.bench_function("parse + validate", |b| {
        b.iter(|| Scheme::load(SourceFile::new("s.toml", black_box(STROKE))).expect("valid"))
    });
    c.bench_function("build built-in checklists", |b| b.iter(|| builtin().expect("load")));
    c.bench_function("load built-in checklists from TOML", |b| {
        b.iter(|| reassure::checklist::builtin::load_from_toml().expect("load"))
    });
    let scheme = Scheme::load(SourceFile::new("s.toml", STROKE)).expect("valid");
    // Scoring cost against the number of criteria: the catalogue once, twice
    // and four times over (copies with their ids renamed).
    let mut group = c.benchmark_group("score");
    for copies in [1usize, 2, 4] {
        let lists: Vec<_> = (0..copies)
            .flat_map(|copy| {
                checklists.iter().cloned().map(move |mut list| {
                    list.id = format!("{}-{copy}", list.id);
                    for criterion in &mut list.criteria {
                        criterion.id = format!("{}-{copy}", criterion.id);
                        for id in criterion.requires.iter_mut().chain(criterion.related.iter_mut()) {
                            *id = format!("{id}-{copy}");
                        }
                    }
                    list
                })
            })
            .collect();
        let criteria: usize = lists.iter().map(|l| l.criteria.len()).sum();
        group.bench_function(format!("{criteria} criteria"), |b| {
            b.iter(|| reassure::engine::assess(black_box(&scheme), &lists))
        });
    }
    group.finish();
    let assessment = reassure::engine::assess(&scheme, &checklists);
    let options = Options {
        stage: "consultation".into(),
        fail_on: "blocker".into(),
        min_score: None,
        waivers: true,
    };
    let provenance = Provenance::new("s.toml", "0".repeat(64), assessment.as_of, options);
    let report = Report::new(&provenance, &assessment);
    let mut group = c.benchmark_group("render");
    for format in [
        Format::Table,
        Format::Json,
        Format::Markdown,
        Format::Html,
        Format::Csv,
        Format::Github,
        Format::Sarif,
        Format::Junit,
    ] {
        group.bench_function(format!("{format:?}").to_lowercase(), |b| {
            b.iter(|| {
                format.render(
                    black_box(&report),
                    TableOptions {
                        color: false,
                        width: Some(100),
                        all: true,
                    },
                )
            })
        });
    }
    group.finish();
}

criterion_group!(benches, stages);
criterion_main!(benches);
