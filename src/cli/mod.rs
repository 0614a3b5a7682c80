//! The command line: arguments, and running a command to completion with
//! its output written to the given streams. `main.rs` only wires this to
//! the process. Each command lives in a file of its own, its arguments
//! beside it; what they share (settings, errors, widths) is here.

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::{Parser, Subcommand, ValueEnum};

mod catalogue;
mod check;
mod diff;
mod generate;
mod init;
mod portfolio;
mod settings;

pub use catalogue::{ExplainArgs, ListArgs, ListFormat};
pub use check::CheckArgs;
pub use diff::{DiffArgs, DiffFormat};
pub use generate::{CompletionsArgs, SchemaArgs};
pub use init::InitArgs;
pub use settings::ConfigArgs;

use crate::assessment::Assessment;
use crate::checklist::set::Catalogue;
pub use crate::config::FailOn;
use crate::config::{self, Config, ConfigError, Flags};
use crate::diagnostic::{Diagnostic, Rejection};
use crate::output::write_atomically;

use crate::input;
use crate::report::Format;
use crate::source::SourceFile;

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
    /// Print each effective setting and where it came from (flag, environment, .reassure.toml, default)
    Config(ConfigArgs),
    /// Start a new scheme file: asks what you know in the terminal (or takes it from flags with --defaults)
    Init(InitArgs),
    /// Print a shell completion script: `reassure completions bash > /etc/bash_completion.d/reassure`
    Completions(CompletionsArgs),
    /// Print the man page (roff): `reassure man > reassure.1`
    Man,
}

/// Organisation checklists to score against as well as the built-ins.
#[derive(Debug, Clone, clap::Args)]
pub struct ChecklistArgs {
    /// An organisation's own checklist file (TOML), added to the built-ins (repeatable;
    /// replaces `checklists` from .reassure.toml and REASSURE_CHECKLISTS)
    #[arg(long = "checklist", value_name = "FILE")]
    pub checklists: Vec<PathBuf>,
    /// Ignore any .reassure.toml: for CI checking a pull request, whose own
    /// .reassure.toml could otherwise relax the thresholds it is checked against
    #[arg(long)]
    pub no_config: bool,
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

/// What the process knows about where its output goes.
#[derive(Debug, Clone, Copy)]
pub struct Terminal {
    /// Where the `init` wizard can ask its questions.
    pub stdin_is_terminal: bool,
    pub stdout_is_terminal: bool,
    /// Where a progress bar could be drawn.
    pub stderr_is_terminal: bool,
    /// `NO_COLOR` is set to a non-empty value.
    pub no_color: bool,
}

/// The width of text that is not going to a terminal: fixed, so the same
/// input always gives the same bytes.
pub const FIXED_WIDTH: u16 = 100;

impl Terminal {
    /// The width of a text report: `--width` if given; on a terminal (and
    /// not redirected to a file) none, so the table measures the terminal;
    /// else `fixed` columns.
    pub fn width(self, given: Option<u16>, to_file: bool, fixed: u16) -> Option<u16> {
        given.or((to_file || !self.stdout_is_terminal).then_some(fixed))
    }

    /// Whether to colour standard output: `--color always|never`, else only
    /// on a terminal and never when `NO_COLOR` is set.
    pub fn colour(self, choice: ColorChoice) -> bool {
        match choice {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => self.stdout_is_terminal && !self.no_color,
        }
    }
}

/// With `--format github` in a GitHub Actions step, the Markdown report is
/// appended to the job summary page (the file `GITHUB_STEP_SUMMARY` names),
/// as GitHub asks: appended, never replaced. A summary that cannot be
/// written is a warning; the annotations and exit code stand.
fn append_step_summary(
    format: Format,
    markdown: impl FnOnce() -> std::io::Result<Vec<u8>>,
    err: &mut dyn Write,
) -> std::io::Result<()> {
    let Some(path) = std::env::var_os("GITHUB_STEP_SUMMARY").filter(|p| !p.is_empty()) else {
        return Ok(());
    };
    if format != Format::Github {
        return Ok(());
    }
    // Made before the file is opened, so a failure to make it (a
    // portfolio's rows read back) is not reported as one to append it.
    let markdown = match markdown() {
        Ok(markdown) => markdown,
        Err(e) => return writeln!(err, "warning: cannot make the job summary: {e}"),
    };
    let written = std::fs::OpenOptions::new()
        .append(true)
        .create(true)
        .open(&path)
        .and_then(|mut file| file.write_all(&markdown));
    match written {
        Ok(()) => Ok(()),
        Err(e) => writeln!(
            err,
            "warning: cannot append the job summary to `{}`: {e}",
            crate::text::terminal_safe(&std::path::Path::new(&path).display().to_string(), false)
        ),
    }
}

/// Whether every path typed on the command line may be read: a relative
/// one that a link has turned into a way out of the project (or into
/// `.git`) is refused, with the reason on `err`, before anything is read.
fn typed_paths_allowed<'p>(paths: impl IntoIterator<Item = &'p Path>, err: &mut dyn Write) -> std::io::Result<bool> {
    let mut allowed = true;
    for path in paths {
        if let Err(refusal) = crate::project::check_typed(path) {
            error(
                err,
                format_args!(
                    "refusing to read `{}`: {refusal}",
                    crate::text::terminal_safe(&path.display().to_string(), false)
                ),
            )?;
            allowed = false;
        }
    }
    Ok(allowed)
}

/// Writes one error line: every command reports a failure this way.
fn error(err: &mut dyn Write, message: impl std::fmt::Display) -> std::io::Result<()> {
    writeln!(err, "error: {message}")
}

/// Exit statuses, as documented in `--help` and the README.
pub const EXIT_OK: u8 = 0;
pub const EXIT_GAPS: u8 = 1;
pub const EXIT_BAD_INPUT: u8 = 2;

/// Runs the command, writing the report to `out` and problems to `err`.
/// Returns the process exit status.
pub fn run(cli: &Cli, terminal: Terminal, out: &mut dyn Write, err: &mut dyn Write) -> std::io::Result<u8> {
    match &cli.command {
        Command::Check(args) => check::run(args, terminal, out, err),
        Command::Diff(args) => diff::run(args, terminal, out, err),
        Command::Config(args) => settings::run(args, out, err),
        Command::Init(args) => init::run(args, terminal, out, err),
        Command::Completions(args) => generate::completions(args, out),
        Command::Man => generate::man(out),
        Command::Schema(args) => generate::schema(args, out),
        Command::List(args) => catalogue::list(args, terminal, out, err),
        Command::Explain(args) => catalogue::explain(args, out, err),
    }
}

/// The configuration flags of a command that takes only `--checklist`.
fn flags(catalogue: &ChecklistArgs) -> Flags {
    Flags {
        no_config: catalogue.no_config,
        checklists: catalogue.checklists.clone(),
        ..Flags::default()
    }
}

/// The configuration flags of a command that also takes `--fail-on`,
/// `--min-score` and `--stage` (`check`, `config`).
fn threshold_flags(
    catalogue: &ChecklistArgs,
    fail_on: Option<FailOn>,
    min_score: Option<f64>,
    stage: Option<&str>,
) -> Flags {
    Flags {
        fail_on,
        min_score,
        stage: stage_flag(stage),
        ..flags(catalogue)
    }
}

fn stage_flag(stage: Option<&str>) -> Option<crate::stage::Stage> {
    stage.and_then(crate::stage::Stage::from_code)
}

/// Works out the effective settings from `start` and loads the catalogue
/// they name; `None` (with every problem written to `err`) if either fails.
fn setup(start: &Path, flags: &Flags, err: &mut dyn Write) -> std::io::Result<Option<(Config, Catalogue)>> {
    let config = match config::resolve(start, flags, &|name| std::env::var(name).ok()) {
        Ok(config) => config,
        Err(e) => {
            match e {
                ConfigError::Unreadable(e) => error(err, e)?,
                ConfigError::Invalid(file, diagnostics) => write_diagnostics(err, &file, &diagnostics)?,
                ConfigError::Env(message) => error(err, message)?,
            }
            return Ok(None);
        }
    };
    let catalogue = Catalogue::builtin().map_err(|r| vec![r]).and_then(|c| {
        // Files named in .reassure.toml were confined to its project when
        // it was read; they are read as named files, never as pipes.
        let trust = match config.checklists.origin {
            config::Origin::File(_) => input::Trust::Named,
            _ => input::Trust::Given,
        };
        c.with_files(&config.checklists.value, trust)
    });
    match catalogue {
        Ok(catalogue) => Ok(Some((config, catalogue))),
        Err(rejections) => {
            write_rejections(err, &rejections, "nothing was assessed")?;
            Ok(None)
        }
    }
}

fn write_diagnostics(err: &mut dyn Write, file: &SourceFile, diagnostics: &[Diagnostic]) -> std::io::Result<()> {
    write_rejections(
        err,
        &[Rejection::Invalid(file.clone(), diagnostics.to_vec())],
        "nothing was assessed",
    )
}

/// Writes every problem, then one closing line per file.
fn write_rejections(err: &mut dyn Write, rejections: &[Rejection], outcome: &str) -> std::io::Result<()> {
    err.write_all(crate::diagnostic::rejections_text(rejections, outcome).as_bytes())
}

fn options(config: &Config, stage: String, waivers: bool) -> crate::provenance::Options {
    crate::provenance::Options {
        stage,
        fail_on: config.fail_on.value.code().to_owned(),
        min_score: config.min_score.value,
        waivers,
    }
}

/// Writes a report file atomically; false (with the reason on `err`) if it
/// could not be written.
fn write_report(path: &Path, contents: &[u8], err: &mut dyn Write) -> std::io::Result<bool> {
    match write_atomically(path, contents) {
        Ok(()) => Ok(true),
        Err(e) => {
            error(err, e)?;
            Ok(false)
        }
    }
}

/// Reads, validates and prepares a scheme file, writing its problems to
/// `err`. `None` when it cannot be assessed.
fn load_scheme<'c>(
    path: &Path,
    catalogue: &'c Catalogue,
    err: &mut dyn Write,
) -> std::io::Result<Option<crate::prepare::Prepared<'c>>> {
    match crate::prepare::prepare(path, catalogue) {
        Ok(prepared) => Ok(Some(prepared)),
        Err(rejections) => {
            write_rejections(err, &rejections, "nothing was assessed")?;
            Ok(None)
        }
    }
}

/// One line for stderr when stdout carries a machine format.
fn summary_line(assessment: &Assessment) -> String {
    // Counted as the reports show them: a gap blocked by an open
    // prerequisite is named with it, not counted twice.
    let blocked = assessment
        .findings
        .iter()
        .filter(|f| f.status == crate::assessment::Status::Blocked)
        .count();
    let shown = assessment.gaps().count() - blocked;
    format!(
        "reassure: {}: {}; {} gate {}; {} due{}",
        crate::text::terminal_safe(&assessment.file, false),
        assessment.rating.words(),
        assessment.target,
        if assessment.ready() { "ready" } else { "not ready" },
        crate::text::counted(shown, "gap"),
        if blocked > 0 {
            format!(", {blocked} more blocked by them")
        } else {
            String::new()
        }
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

/// Writes report files all together: each to a temporary file, then all
/// renamed into place once every one is written and checked; false (with
/// the reason on `err`, and none of them written) if any cannot be.
fn write_reports<'p>(
    files: impl IntoIterator<Item = (&'p Path, Vec<u8>)>,
    err: &mut dyn Write,
) -> std::io::Result<bool> {
    let mut pending = Vec::new();
    for (path, contents) in files {
        let written = crate::output::Pending::create(path).and_then(|mut file| {
            file.write_all(&contents)
                .map(|()| file)
                .map_err(|e| crate::output::WriteError::Io(path.to_owned(), e))
        });
        match written {
            Ok(file) => pending.push(file),
            Err(e) => {
                error(err, e)?;
                return Ok(false);
            }
        }
    }
    match crate::output::commit(pending) {
        Ok(()) => Ok(true),
        Err(e) => {
            error(err, e)?;
            Ok(false)
        }
    }
}

/// Whether every `--output` and `--write` destination may be written: none
/// is an input of the run. Called once everything has been read.
fn destinations_allowed(args: &CheckArgs, err: &mut dyn Write) -> std::io::Result<bool> {
    let paths = args.output.iter().chain(args.extra.iter().map(|(_, p)| p));
    match crate::output::check_destinations(paths.map(PathBuf::as_path)) {
        Ok(()) => Ok(true),
        Err(e) => {
            error(err, e)?;
            Ok(false)
        }
    }
}
