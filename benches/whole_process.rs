//! Times the whole `reassure` process as a user runs it — start, load the
//! built-in checklists, read, parse, validate, score, print the table, exit —
//! for one scheme and for portfolios of 100, 1,000 and 10,000 synthetic
//! schemes, beside the floor no TOML checker can beat: reading and parsing
//! the same files with the `toml` crate on the same cores. Peak memory comes
//! from GNU time (`/usr/bin/time`, Debian's `time` package) when present.
//!
//! One scheme is set beside its own floor: a process that only reads and
//! parses that file (this benchmark, run again with `REASSURE_BENCH_PARSE_ONLY`).
//!
//! Run with `cargo bench --bench whole_process`; it prints Markdown tables,
//! the last the peak memory of every format over 20,000 schemes
//! (`REASSURE_BENCH=memory cargo bench --bench whole_process` prints it alone;
//! `REASSURE_BENCH=speed` leaves it out).

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use rayon::prelude::*;

const BINARY: &str = env!("CARGO_BIN_EXE_reassure");
const EXAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/hasu-stroke-centralisation.toml");

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

/// How long one run of `command` takes to exit, its output discarded; it
/// must succeed.
fn timed(command: &mut Command) -> Duration {
    let start = Instant::now();
    let status = command
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .expect("the command runs");
    let elapsed = start.elapsed();
    assert!(status.success(), "{command:?} failed");
    elapsed
}

/// One timed run of `reassure check <target>`.
fn time_check(target: &Path) -> Duration {
    timed(
        Command::new(BINARY)
            .args(["check", "--fail-on", "never", "--width", "140"])
            .arg(target),
    )
}

/// Peak resident memory of one run, in MB, measured by GNU time.
fn peak_memory(target: &Path) -> Option<f64> {
    peak_memory_as(target, "table")
}

/// Peak resident memory of one run writing `format`, in MB.
fn peak_memory_as(target: &Path, format: &str) -> Option<f64> {
    let output = Command::new("/usr/bin/time")
        .args(["-f", "%M", BINARY, "check", "--fail-on", "never", "--format", format])
        .arg(target)
        .stdout(Stdio::null())
        .output()
        .ok()?;
    let text = String::from_utf8_lossy(&output.stderr);
    let kilobytes: f64 = text.lines().last()?.trim().parse().ok()?;
    Some(kilobytes / 1024.0)
}

fn memory_words(mb: Option<f64>) -> String {
    mb.map_or_else(
        || "not measured (no /usr/bin/time)".to_owned(),
        |mb| format!("{mb:.1} MB"),
    )
}

/// The floor for one scheme: a process of its own that reads and parses
/// the file with the `toml` crate and exits. This benchmark is that
/// process when `FLOOR_ENV` names the file (see `main`).
const FLOOR_ENV: &str = "REASSURE_BENCH_PARSE_ONLY";

fn time_parse_only(file: &Path) -> Duration {
    timed(Command::new(std::env::current_exe().expect("this benchmark")).env(FLOOR_ENV, file))
}

/// Reads and parses every file with the `toml` crate, in parallel.
fn parse_floor(files: &[std::path::PathBuf]) -> Duration {
    let start = Instant::now();
    let parsed = files
        .par_iter()
        .filter(|path| {
            let text = std::fs::read_to_string(path).expect("read");
            text.parse::<toml::Table>().is_ok()
        })
        .count();
    let elapsed = start.elapsed();
    assert_eq!(parsed, files.len());
    elapsed
}

/// Peak memory of `check DIR --format FORMAT` over `count` synthetic
/// schemes, for every format: the per-finding formats (SARIF, JUnit,
/// GitHub) are written scheme by scheme, so none may grow with the count.
fn memory_by_format(count: usize) {
    let dir = tempfile::tempdir().expect("temp dir");
    for i in 0..count {
        let path = dir.path().join(format!("scheme-{i:05}.toml"));
        std::fs::write(&path, reassure::synthetic::scheme(i as u64)).expect("write");
    }
    println!("\n| format, {count} schemes | peak memory | output | time |");
    println!("|---|---|---|---|");
    for format in ["table", "json", "csv", "markdown", "html", "github", "sarif", "junit"] {
        let out = tempfile::NamedTempFile::new().expect("temp file");
        let start = Instant::now();
        let output = Command::new("/usr/bin/time")
            .args(["-f", "%M", BINARY, "check", "--fail-on", "never", "--format", format])
            .arg(dir.path())
            .stdout(out.reopen().expect("reopen"))
            .output();
        let elapsed = start.elapsed();
        let memory = output.ok().and_then(|o| {
            let text = String::from_utf8_lossy(&o.stderr).into_owned();
            text.lines().last()?.trim().parse::<f64>().ok().map(|kb| kb / 1024.0)
        });
        let size = std::fs::metadata(out.path()).map_or(0, |m| m.len());
        println!(
            "| {format} | {} | {:.1} MB | {} |",
            memory_words(memory),
            size as f64 / 1e6,
            ms(elapsed)
        );
    }
}

fn main() {
    // The one-scheme floor: read and parse, nothing else.
    if let Some(file) = std::env::var_os(FLOOR_ENV) {
        let text = std::fs::read_to_string(&file).expect("read");
        std::process::exit(i32::from(text.parse::<toml::Table>().is_err()));
    }
    // `cargo bench` passes `--bench`; any other argument filters nothing here.
    let cores = rayon::current_num_threads();
    println!(
        "reassure {} whole-process benchmark, {cores} cores\n",
        env!("CARGO_PKG_VERSION")
    );
    // REASSURE_BENCH=memory runs only the memory-by-format table.
    if std::env::var("REASSURE_BENCH").as_deref() == Ok("memory") {
        memory_by_format(20_000);
        return;
    }

    // One scheme: many runs, as an editor on save or a CI step would.
    let example = Path::new(EXAMPLE);
    for _ in 0..5 {
        time_check(example); // warm the page cache
    }
    for _ in 0..5 {
        time_parse_only(example);
    }
    // Interleaved, so both see the same machine.
    let (runs, floors): (Vec<Duration>, Vec<Duration>) = (0..200)
        .map(|_| (time_check(example), time_parse_only(example)))
        .unzip();
    let mut sorted = runs.clone();
    sorted.sort();
    let (check, floor) = (median(runs), median(floors));
    println!("| workload | median | p90 | parse floor (own process) | ratio | peak memory |");
    println!("|---|---|---|---|---|---|");
    println!(
        "| one scheme (17 KB), 200 runs | {} | {} | {} | {:.2}× | {} |",
        ms(check),
        ms(sorted[sorted.len() * 9 / 10]),
        ms(floor),
        check.as_secs_f64() / floor.as_secs_f64(),
        memory_words(peak_memory(example))
    );

    println!(
        "\n| files | total size | reassure check DIR | per file | toml parse floor | ratio | peak memory: table / JSON / CSV |"
    );
    println!("|---|---|---|---|---|---|---|");
    for count in [100usize, 1_000, 10_000] {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut bytes = 0;
        let files: Vec<std::path::PathBuf> = (0..count)
            .map(|i| {
                let text = reassure::synthetic::scheme(i as u64);
                bytes += text.len();
                let path = dir.path().join(format!("scheme-{i:05}.toml"));
                std::fs::write(&path, text).expect("write");
                path
            })
            .collect();
        time_check(dir.path()); // warm the page cache
        let check = median((0..3).map(|_| time_check(dir.path())).collect());
        let floor = median((0..3).map(|_| parse_floor(&files)).collect());
        let memory: Vec<String> = ["table", "json", "csv"]
            .iter()
            .map(|format| memory_words(peak_memory_as(dir.path(), format)))
            .collect();
        println!(
            "| {count} | {:.1} MB | {} | {:.3} ms | {} | {:.2}× | {} |",
            bytes as f64 / 1e6,
            ms(check),
            check.as_secs_f64() * 1000.0 / count as f64,
            ms(floor),
            check.as_secs_f64() / floor.as_secs_f64(),
            memory.join(" / ")
        );
    }
    // REASSURE_BENCH=speed leaves out the memory-by-format table.
    if std::env::var("REASSURE_BENCH").as_deref() != Ok("speed") {
        memory_by_format(20_000);
    }
}
