//! The command line: arguments, and running a command to completion with
//! its output written to the given streams. `main.rs` only wires this to
//! the process.

use std::io::Write;
use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

use crate::assessment::Assessment;
use crate::checklist::Severity;
use crate::checklist::builtin::builtin;
use crate::diagnostic::{Diagnostic, render};
use crate::output::write_atomically;
use crate::provenance::Provenance;
use crate::report::table::TableOptions;
use crate::report::{Format, Report};
use crate::scheme::Scheme;
use crate::source::SourceFile;
use crate::{engine, input};

const EXIT_CODES: &str = "\
Exit codes:
  0  nothing at or above the failure threshold (by default: no blocker gap due by the next gate)
  1  gaps at or above the failure threshold, or a score below --min-score
  2  bad input or usage: the file could not be read or is not a valid scheme";

#[derive(Debug, Parser)]
#[command(name = "reassure", version, about, after_help = EXIT_CODES)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Score a scheme file against the built-in checklists and print its gaps and readiness
    #[command(after_help = EXIT_CODES)]
    Check(CheckArgs),
    /// List the built-in checklists and their criteria
    List(ListArgs),
    /// Print everything about one criterion: question, evidence, guidance, rule, source, related criteria
    Explain(ExplainArgs),
    /// Compare the readiness of two versions of a scheme: criteria newly met or failing, scores, gates
    #[command(
        after_help = "Exit codes:\n  0  nothing regressed\n  1  a criterion fell back or the rating dropped\n  2  bad input"
    )]
    Diff(DiffArgs),
    /// Print the JSON Schema of the scheme file format (for TOML editors), or of the JSON report
    Schema(SchemaArgs),
}

#[derive(Debug, clap::Args)]
pub struct SchemaArgs {
    /// Print the schema of `check FILE --format json` output instead of the scheme format
    #[arg(long, conflicts_with = "portfolio")]
    pub report: bool,
    /// Print the schema of `check DIR --format json` output (several schemes)
    #[arg(long)]
    pub portfolio: bool,
}

#[derive(Debug, clap::Args)]
pub struct ListArgs {
    /// Output format
    #[arg(long, value_enum, default_value_t = ListFormat::Table)]
    pub format: ListFormat,
    /// Width of the table in columns (default: the terminal's, or 100 when not a terminal)
    #[arg(long, value_parser = clap::value_parser!(u16).range(60..))]
    pub width: Option<u16>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    Table,
    Json,
}

#[derive(Debug, clap::Args)]
pub struct ExplainArgs {
    /// A criterion id, such as NHSE-T1 or DUTY-GUN-3 (case does not matter)
    pub criterion: String,
}

#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// The scheme file (TOML) to check; several files or directories (searched for
    /// *.toml) give a portfolio, one row per scheme
    #[arg(required = true, value_name = "SCHEME")]
    pub schemes: Vec<PathBuf>,
    /// When to use colour: auto uses it only on a terminal and never when NO_COLOR is set
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// Format of the report on standard output (or in --output)
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
    /// Write the report to this file instead of standard output (atomically)
    #[arg(long, short = 'o')]
    pub output: Option<PathBuf>,
    /// Also write the report in another format to a file, as FORMAT=PATH (repeatable)
    #[arg(long = "write", value_name = "FORMAT=PATH", value_parser = parse_extra_output)]
    pub extra: Vec<(Format, PathBuf)>,
    /// Exit with code 1 when the overall score is below this percentage
    #[arg(long, value_parser = parse_percent)]
    pub min_score: Option<f64>,
    /// Exit with code 1 when a gap due by the gate assessed has this severity or higher
    #[arg(long, value_enum, default_value_t = FailOn::Blocker)]
    pub fail_on: FailOn,
    /// Assess readiness for this gate instead of the scheme's own next gate
    #[arg(long, value_parser = clap::builder::PossibleValuesParser::new(crate::stage::Stage::CODES))]
    pub stage: Option<String>,
    /// Width of the report in columns (default: the terminal's, or 100 when not a terminal)
    #[arg(long, value_parser = clap::value_parser!(u16).range(60..))]
    pub width: Option<u16>,
    /// A JSON report of an earlier run (`--format json`) to compare with; regressions go to stderr
    #[arg(long, value_name = "REPORT.json")]
    pub baseline: Option<PathBuf>,
    /// Exit with code 1 when a criterion fell back from the baseline or the rating dropped
    #[arg(long, requires = "baseline")]
    pub fail_on_regression: bool,
}

#[derive(Debug, clap::Args)]
pub struct DiffArgs {
    /// The earlier version of the scheme file
    pub old: PathBuf,
    /// The later version of the scheme file
    pub new: PathBuf,
    /// Output format
    #[arg(long, value_enum, default_value_t = DiffFormat::Table)]
    pub format: DiffFormat,
    /// Assess both versions for this gate instead of each one's own next gate
    #[arg(long, value_parser = clap::builder::PossibleValuesParser::new(crate::stage::Stage::CODES))]
    pub stage: Option<String>,
    /// Width of the tables in columns (default: the terminal's, or 100 when not a terminal)
    #[arg(long, value_parser = clap::value_parser!(u16).range(60..))]
    pub width: Option<u16>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DiffFormat {
    Table,
    Json,
}

fn parse_extra_output(text: &str) -> Result<(Format, PathBuf), String> {
    let (format, path) = text
        .split_once('=')
        .ok_or("expected FORMAT=PATH, for example json=report.json")?;
    let format = Format::from_str(format, true).map_err(|_| {
        let names: Vec<String> = Format::value_variants()
            .iter()
            .filter_map(|v| v.to_possible_value())
            .map(|v| v.get_name().to_owned())
            .collect();
        format!("unknown format `{format}`; expected one of {}", names.join(", "))
    })?;
    if path.is_empty() {
        return Err("the path after `=` is empty".into());
    }
    Ok((format, PathBuf::from(path)))
}

fn parse_percent(text: &str) -> Result<f64, String> {
    match text.parse::<f64>() {
        Ok(v) if (0.0..=100.0).contains(&v) => Ok(v),
        _ => Err(format!("`{text}` is not a percentage from 0 to 100")),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    Blocker,
    Major,
    Minor,
    Never,
}

impl FailOn {
    fn threshold(self) -> Option<Severity> {
        match self {
            FailOn::Blocker => Some(Severity::Blocker),
            FailOn::Major => Some(Severity::Major),
            FailOn::Minor => Some(Severity::Minor),
            FailOn::Never => None,
        }
    }
}

/// What the process knows about where its output goes.
#[derive(Debug, Clone, Copy)]
pub struct Terminal {
    pub stdout_is_terminal: bool,
    /// Where a progress bar could be drawn.
    pub stderr_is_terminal: bool,
    /// `NO_COLOR` is set to a non-empty value.
    pub no_color: bool,
}

/// Exit statuses, as documented in `--help` and the README.
pub const EXIT_OK: u8 = 0;
pub const EXIT_GAPS: u8 = 1;
pub const EXIT_BAD_INPUT: u8 = 2;

/// Runs the command, writing the report to `out` and problems to `err`.
/// Returns the process exit status.
pub fn run(cli: &Cli, terminal: Terminal, out: &mut dyn Write, err: &mut dyn Write) -> std::io::Result<u8> {
    match &cli.command {
        Command::Check(args) => check(args, terminal, out, err),
        Command::Diff(args) => diff(args, terminal, out, err),
        Command::Schema(args) => {
            let text = if args.report {
                crate::json_schema::report_schema()
            } else if args.portfolio {
                crate::json_schema::portfolio_schema()
            } else {
                crate::json_schema::scheme_schema()
            };
            out.write_all(text.as_bytes()).map(|()| EXIT_OK)
        }
        Command::List(args) => with_checklists(err, |checklists, _| {
            let text = match args.format {
                ListFormat::Json => crate::report::catalogue::list_json(checklists),
                ListFormat::Table => {
                    let width = args
                        .width
                        .or(if terminal.stdout_is_terminal { None } else { Some(100) });
                    crate::report::catalogue::list_table(checklists, TableOptions { color: false, width })
                }
            };
            out.write_all(text.as_bytes()).map(|()| EXIT_OK)
        }),
        Command::Explain(args) => with_checklists(err, |checklists, err| {
            let found = checklists.iter().find_map(|list| {
                list.criteria
                    .iter()
                    .find(|c| c.id.eq_ignore_ascii_case(&args.criterion))
                    .map(|c| (list, c))
            });
            match found {
                Some((list, criterion)) => {
                    let text = crate::report::catalogue::explain(checklists, list, criterion);
                    out.write_all(text.as_bytes()).map(|()| EXIT_OK)
                }
                None => {
                    let ids = checklists.iter().flat_map(|l| l.criteria.iter().map(|c| c.id.as_str()));
                    let given = crate::text::terminal_safe(&args.criterion, false);
                    match crate::diagnostic::did_you_mean(&args.criterion, ids) {
                        Some(best) => writeln!(err, "error: no criterion `{given}`; did you mean `{best}`?")?,
                        None => writeln!(
                            err,
                            "error: no criterion `{given}`; run `reassure list` to see them all"
                        )?,
                    }
                    Ok(EXIT_BAD_INPUT)
                }
            }
        }),
    }
}

/// Loads the built-in checklists and runs `f` with them.
fn with_checklists(
    err: &mut dyn Write,
    f: impl FnOnce(&[crate::checklist::Checklist], &mut dyn Write) -> std::io::Result<u8>,
) -> std::io::Result<u8> {
    match builtin() {
        Ok(checklists) => f(&checklists, err),
        Err((file, diagnostics)) => {
            write_diagnostics(err, &file, &diagnostics)?;
            Ok(EXIT_BAD_INPUT)
        }
    }
}

fn write_diagnostics(err: &mut dyn Write, file: &SourceFile, diagnostics: &[Diagnostic]) -> std::io::Result<()> {
    for d in diagnostics {
        err.write_all(render(d, file).as_bytes())?;
    }
    let count = diagnostics.len();
    writeln!(
        err,
        "error: `{}` has {count} problem{}; nothing was assessed",
        crate::text::terminal_safe(file.name(), false),
        if count == 1 { "" } else { "s" }
    )
}

fn check(args: &CheckArgs, terminal: Terminal, out: &mut dyn Write, err: &mut dyn Write) -> std::io::Result<u8> {
    match args.schemes.as_slice() {
        [one] if !one.is_dir() => check_one(args, one, terminal, out, err),
        _ => check_portfolio(args, terminal, out, err),
    }
}

fn check_one(
    args: &CheckArgs,
    path: &std::path::Path,
    terminal: Terminal,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<u8> {
    let Some(checklists) = load_checklists(err)? else {
        return Ok(EXIT_BAD_INPUT);
    };
    let Some((scheme, scheme_sha256)) = load_scheme(path, &checklists, err)? else {
        return Ok(EXIT_BAD_INPUT);
    };
    // Read the baseline before anything is written, so a bad one stops the run cleanly.
    let baseline = match &args.baseline {
        Some(file) => match read_baseline(file) {
            Ok(snapshot) => Some(snapshot),
            Err(e) => {
                writeln!(err, "error: {}", crate::text::terminal_safe(&e, false))?;
                return Ok(EXIT_BAD_INPUT);
            }
        },
        None => None,
    };
    let target = args
        .stage
        .as_deref()
        .and_then(crate::stage::Stage::from_code)
        .unwrap_or(scheme.stage);
    let assessment = engine::assess_for(&scheme, &checklists, target);
    let color = match args.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => terminal.stdout_is_terminal && !terminal.no_color,
    };
    // On a terminal the table finds its width; elsewhere a fixed width keeps
    // output identical from run to run.
    let width = args.width.or(if terminal.stdout_is_terminal && args.output.is_none() {
        None
    } else {
        Some(100)
    });
    let options = crate::provenance::Options {
        stage: assessment.target.code().to_owned(),
        fail_on: format!("{:?}", args.fail_on).to_lowercase(),
        min_score: args.min_score,
    };
    let provenance = Provenance::new(scheme.source.name(), scheme_sha256, &assessment.as_of, options);
    let report = Report::new(&provenance, &assessment);
    // Files first: a report that cannot be written is an error before
    // anything is printed.
    for (format, path) in &args.extra {
        let text = format.render(
            &report,
            TableOptions {
                color: false,
                width: Some(100),
            },
        );
        if !write_report(path, &text, &args.schemes, err)? {
            return Ok(EXIT_BAD_INPUT);
        }
    }
    let mut code = exit_status(&assessment, args.fail_on, args.min_score);
    if let Some(baseline) = &baseline {
        let comparison = crate::compare::compare(baseline, &crate::compare::Snapshot::of(&assessment));
        for c in &comparison.regressed {
            writeln!(
                err,
                "regression: {} {} was {}, now {}",
                c.criterion,
                crate::text::terminal_safe(&c.title, false),
                c.before.map_or("absent", crate::assessment::Status::words),
                c.after.map_or("absent", crate::assessment::Status::words)
            )?;
        }
        if comparison.rating.1 < comparison.rating.0 {
            writeln!(
                err,
                "regression: rating fell from {} to {}",
                comparison.rating.0.words(),
                comparison.rating.1.words()
            )?;
        }
        if args.fail_on_regression && comparison.is_regression() {
            code = EXIT_GAPS;
        }
    }
    match &args.output {
        Some(path) => {
            let text = args.format.render(&report, TableOptions { color: false, width });
            if !write_report(path, &text, &args.schemes, err)? {
                return Ok(EXIT_BAD_INPUT);
            }
        }
        None => out.write_all(args.format.render(&report, TableOptions { color, width }).as_bytes())?,
    }
    if args.format.is_machine() || args.output.is_some() {
        writeln!(err, "{}", summary_line(&assessment))?;
    }
    Ok(code)
}

/// The built-in checklists; `None` (with the problems written to `err`)
/// only if the embedded data is broken, which the tests rule out.
fn load_checklists(err: &mut dyn Write) -> std::io::Result<Option<Vec<crate::checklist::Checklist>>> {
    match builtin() {
        Ok(checklists) => Ok(Some(checklists)),
        Err((file, diagnostics)) => {
            write_diagnostics(err, &file, &diagnostics)?;
            Ok(None)
        }
    }
}

/// Writes a report file atomically; false (with the reason on `err`) if it
/// could not be written.
fn write_report(path: &std::path::Path, text: &str, inputs: &[PathBuf], err: &mut dyn Write) -> std::io::Result<bool> {
    match write_atomically(path, text.as_bytes(), inputs) {
        Ok(()) => Ok(true),
        Err(e) => {
            writeln!(err, "error: {}", crate::text::terminal_safe(&e, false))?;
            Ok(false)
        }
    }
}

/// Reads and validates a scheme file, writing its problems to `err`.
/// `None` when it cannot be assessed.
fn load_scheme(
    path: &std::path::Path,
    checklists: &[crate::checklist::Checklist],
    err: &mut dyn Write,
) -> std::io::Result<Option<(Scheme, String)>> {
    let (source, sha256) = match input::read_with_hash(path) {
        Ok(read) => read,
        Err(e) => {
            writeln!(err, "error: {e}")?;
            return Ok(None);
        }
    };
    let scheme = match Scheme::load(source) {
        Ok(scheme) => scheme,
        Err((file, diagnostics)) => {
            write_diagnostics(err, &file, &diagnostics)?;
            return Ok(None);
        }
    };
    let problems = engine::check_attestations(&scheme, checklists);
    if !problems.is_empty() {
        write_diagnostics(err, &scheme.source, &problems)?;
        return Ok(None);
    }
    Ok(Some((scheme, sha256)))
}

/// A saved JSON report (`check --format json`) to compare against.
fn read_baseline(path: &std::path::Path) -> Result<crate::compare::Snapshot, String> {
    let file = input::read(path).map_err(|e| e.to_string())?;
    crate::compare::Snapshot::from_report_json(file.text()).map_err(|e| format!("baseline `{}`: {e}", path.display()))
}

fn diff(args: &DiffArgs, terminal: Terminal, out: &mut dyn Write, err: &mut dyn Write) -> std::io::Result<u8> {
    let Some(checklists) = load_checklists(err)? else {
        return Ok(EXIT_BAD_INPUT);
    };
    // Both files are checked before either is compared, so every problem shows at once.
    let old = load_scheme(&args.old, &checklists, err)?;
    let new = load_scheme(&args.new, &checklists, err)?;
    let (Some((old, _)), Some((new, _))) = (old, new) else {
        return Ok(EXIT_BAD_INPUT);
    };
    let stage = args.stage.as_deref().and_then(crate::stage::Stage::from_code);
    let before = engine::assess_for(&old, &checklists, stage.unwrap_or(old.stage));
    let after = engine::assess_for(&new, &checklists, stage.unwrap_or(new.stage));
    let comparison = crate::compare::compare(
        &crate::compare::Snapshot::of(&before),
        &crate::compare::Snapshot::of(&after),
    );
    let text = match args.format {
        DiffFormat::Json => crate::report::diff::render_json(&comparison),
        DiffFormat::Table => {
            let width = args
                .width
                .or(if terminal.stdout_is_terminal { None } else { Some(100) });
            crate::report::diff::render_table(&comparison, TableOptions { color: false, width })
        }
    };
    out.write_all(text.as_bytes())?;
    Ok(if comparison.is_regression() { EXIT_GAPS } else { EXIT_OK })
}

/// Many schemes: one row each, scored in parallel.
fn check_portfolio(
    args: &CheckArgs,
    terminal: Terminal,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<u8> {
    use crate::portfolio::{self, Outcome, Settings};
    use crate::report::portfolio as report;

    let Some(checklists) = load_checklists(err)? else {
        return Ok(EXIT_BAD_INPUT);
    };
    if args.baseline.is_some() {
        writeln!(
            err,
            "error: --baseline compares one scheme with its earlier report; give one scheme file"
        )?;
        return Ok(EXIT_BAD_INPUT);
    }
    let paths = portfolio::discover(&args.schemes);
    if paths.is_empty() {
        let given: Vec<String> = args
            .schemes
            .iter()
            .map(|p| format!("`{}`", crate::text::terminal_safe(&p.display().to_string(), false)))
            .collect();
        writeln!(err, "error: no *.toml files found in {}", given.join(", "))?;
        return Ok(EXIT_BAD_INPUT);
    }
    let options = crate::provenance::Options {
        stage: args.stage.clone().unwrap_or_else(|| "own".to_owned()),
        fail_on: format!("{:?}", args.fail_on).to_lowercase(),
        min_score: args.min_score,
    };
    let settings = Settings {
        stage: args.stage.as_deref().and_then(crate::stage::Stage::from_code),
        threshold: args.fail_on.threshold(),
        min_score: args.min_score,
        options: &options,
    };
    let formats: Vec<Format> = std::iter::once(args.format)
        .chain(args.extra.iter().map(|(format, _)| *format))
        .filter(|f| report::needs_detail(*f))
        .collect();
    let suites_per_scheme = checklists.len();
    let detail = |r: &Report<'_>, index: usize| {
        formats
            .iter()
            .filter_map(|f| report::detail(*f, r, index * suites_per_scheme))
            .collect()
    };
    // A progress bar only where a person watches stderr.
    let bar = if terminal.stderr_is_terminal && paths.len() > 1 {
        indicatif::ProgressBar::new(paths.len() as u64)
    } else {
        indicatif::ProgressBar::hidden()
    };
    let entries = portfolio::assess_all(&paths, &checklists, settings, &detail, &|| bar.inc(1));
    bar.finish_and_clear();

    for e in &entries {
        let file = crate::text::terminal_safe(&e.file, false);
        match &e.outcome {
            Outcome::Skipped { why } => writeln!(err, "note: skipped `{file}`: {why}")?,
            Outcome::Invalid { problems, rendered } => {
                err.write_all(rendered.as_bytes())?;
                writeln!(
                    err,
                    "error: `{file}` has {} problem{}; it was not assessed",
                    problems.len(),
                    if problems.len() == 1 { "" } else { "s" }
                )?;
            }
            Outcome::Assessed(_) => {}
        }
    }
    let totals = report::totals(&entries);
    for (format, path) in &args.extra {
        let text = report::render(
            *format,
            &entries,
            &options,
            TableOptions {
                color: false,
                width: Some(100),
            },
        );
        if !write_report(path, &text, &paths, err)? {
            return Ok(EXIT_BAD_INPUT);
        }
    }
    // One row per scheme needs more room than one scheme's report.
    let width = args.width.or(if terminal.stdout_is_terminal && args.output.is_none() {
        None
    } else {
        Some(140)
    });
    let color = args.color == ColorChoice::Always
        || (args.color == ColorChoice::Auto && terminal.stdout_is_terminal && !terminal.no_color);
    let text = report::render(args.format, &entries, &options, TableOptions { color, width });
    match &args.output {
        Some(path) => {
            if !write_report(path, &text, &paths, err)? {
                return Ok(EXIT_BAD_INPUT);
            }
        }
        None => out.write_all(text.as_bytes())?,
    }
    if args.format != Format::Table || args.output.is_some() {
        writeln!(err, "{}", report::summary_line(&totals))?;
    }
    Ok(if totals.invalid > 0 {
        EXIT_BAD_INPUT
    } else if totals.failing > 0 {
        EXIT_GAPS
    } else {
        EXIT_OK
    })
}

/// One line for stderr when stdout carries a machine format.
fn summary_line(assessment: &Assessment) -> String {
    format!(
        "reassure: {}: {}; {} gate {}; {} gap(s) due",
        crate::text::terminal_safe(&assessment.file, false),
        assessment.rating.words(),
        assessment.target,
        if assessment.ready() { "ready" } else { "not ready" },
        assessment.gaps().count()
    )
}

/// 1 when the assessment fails the thresholds, else 0.
pub fn exit_status(assessment: &Assessment, fail_on: FailOn, min_score: Option<f64>) -> u8 {
    if assessment.fails(fail_on.threshold(), min_score) {
        EXIT_GAPS
    } else {
        EXIT_OK
    }
}
