//! The command line: arguments, and running a command to completion with
//! its output written to the given streams. `main.rs` only wires this to
//! the process.

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::{Parser, Subcommand, ValueEnum};

use crate::assessment::Assessment;
use crate::checklist::set::Catalogue;
pub use crate::config::FailOn;
use crate::config::{self, Config, ConfigError, Flags};
use crate::diagnostic::{Diagnostic, Rejection};
use crate::output::write_atomically;
use crate::provenance::Provenance;
use crate::report::table::TableOptions;
use crate::report::{Format, Report};
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
    /// Print each effective setting and where it came from (flag, environment, .reassure.toml, default)
    Config(ConfigArgs),
    /// Start a new scheme file: asks what you know in the terminal (or takes it from flags with --defaults)
    Init(InitArgs),
    /// Print a shell completion script: `reassure completions bash > /etc/bash_completion.d/reassure`
    Completions(CompletionsArgs),
    /// Print the man page (roff): `reassure man > reassure.1`
    Man,
}

#[derive(Debug, clap::Args)]
pub struct CompletionsArgs {
    /// The shell to complete for
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

#[derive(Debug, clap::Args)]
pub struct InitArgs {
    /// Where to write the new scheme file
    #[arg(long, short = 'o', default_value = "scheme.toml")]
    pub output: PathBuf,
    /// Replace the file if it already exists
    #[arg(long)]
    pub force: bool,
    /// Ask nothing: take the answers from the flags below and defaults for the rest (for scripts)
    #[arg(long)]
    pub defaults: bool,
    /// Name of the scheme as the public knows it
    #[arg(long)]
    pub name: Option<String>,
    /// What changes, in a sentence
    #[arg(long)]
    pub summary: Option<String>,
    /// A service affected (repeatable)
    #[arg(long = "service", value_name = "SERVICE")]
    pub services: Vec<String>,
    /// A site affected (repeatable)
    #[arg(long = "site", value_name = "SITE")]
    pub sites: Vec<String>,
    /// The lead commissioner (usually the ICB)
    #[arg(long)]
    pub commissioner: Option<String>,
    /// A local authority whose area is affected (repeatable)
    #[arg(long = "authority", value_name = "AUTHORITY")]
    pub authorities: Vec<String>,
    /// The stage the scheme has reached
    #[arg(long, value_parser = clap::builder::PossibleValuesParser::new(crate::stage::Stage::CODES))]
    pub stage: Option<String>,
    /// The date the file describes the scheme as at [default: today]
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub as_of: Option<jiff::civil::Date>,
    /// Beds will close in the affected services
    #[arg(long)]
    pub beds_close: bool,
    /// Capital funding is needed
    #[arg(long)]
    pub capital: bool,
    /// The change is meant to be temporary
    #[arg(long)]
    pub temporary: bool,
}

fn parse_date(text: &str) -> Result<jiff::civil::Date, String> {
    text.parse()
        .map_err(|_| format!("`{text}` is not a date in the form YYYY-MM-DD (for example 2026-11-23)"))
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

#[derive(Debug, clap::Args)]
pub struct ConfigArgs {
    /// Where to look for .reassure.toml from (a scheme file or folder; default: the current folder)
    #[arg(default_value = ".")]
    pub path: PathBuf,
    #[command(flatten)]
    pub catalogue: ChecklistArgs,
    /// As for `check`: shows how this flag would combine with the other sources
    #[arg(long, value_enum)]
    pub fail_on: Option<FailOn>,
    /// As for `check`
    #[arg(long, value_parser = parse_percent)]
    pub min_score: Option<f64>,
    /// As for `check`
    #[arg(long, value_parser = clap::builder::PossibleValuesParser::new(crate::stage::Stage::CODES))]
    pub stage: Option<String>,
}

#[derive(Debug, clap::Args)]
pub struct SchemaArgs {
    /// Print the schema of `check FILE --format json` output instead of the scheme format
    #[arg(long, conflicts_with = "portfolio")]
    pub report: bool,
    /// Print the schema of `check DIR --format json` output (several schemes)
    #[arg(long, conflicts_with = "config")]
    pub portfolio: bool,
    /// Print the schema of the project configuration file, .reassure.toml
    #[arg(long, conflicts_with = "report")]
    pub config: bool,
}

#[derive(Debug, clap::Args)]
pub struct ListArgs {
    #[command(flatten)]
    pub catalogue: ChecklistArgs,
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
    #[command(flatten)]
    pub catalogue: ChecklistArgs,
}

#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// The scheme file (TOML) to check; several files or directories (searched for
    /// *.toml) give a portfolio, one row per scheme
    #[arg(required = true, value_name = "SCHEME")]
    pub schemes: Vec<PathBuf>,
    #[command(flatten)]
    pub catalogue: ChecklistArgs,
    /// Ignore every waiver in the scheme: assess as if none were recorded
    #[arg(long)]
    pub no_waivers: bool,
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
    /// [when not given: REASSURE_MIN_SCORE, else `min_score` in .reassure.toml, else none]
    #[arg(long, value_parser = parse_percent)]
    pub min_score: Option<f64>,
    /// Exit with code 1 when a gap due by the gate assessed has this severity or higher
    /// [when not given: REASSURE_FAIL_ON, else `fail_on` in .reassure.toml, else blocker]
    #[arg(long, value_enum)]
    pub fail_on: Option<FailOn>,
    /// Assess readiness for this gate instead of the scheme's own next gate
    /// [when not given: REASSURE_STAGE, else `stage` in .reassure.toml]
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
    #[command(flatten)]
    pub catalogue: ChecklistArgs,
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
        Command::Config(args) => show_config(args, out, err),
        Command::Init(args) => init(args, terminal, out, err),
        Command::Completions(args) => {
            use clap::CommandFactory;
            // Generated in memory: clap_complete panics when its writer fails
            // (`> /dev/full`), and a full disk is an error, not a bug.
            let mut script = Vec::new();
            clap_complete::generate(args.shell, &mut Cli::command(), "reassure", &mut script);
            out.write_all(&script).map(|()| EXIT_OK)
        }
        Command::Man => {
            use clap::CommandFactory;
            let mut page = Vec::new();
            clap_mangen::Man::new(Cli::command()).render(&mut page)?;
            out.write_all(&page).map(|()| EXIT_OK)
        }
        Command::Schema(args) => {
            let text = if args.report {
                crate::json_schema::report_schema()
            } else if args.portfolio {
                crate::json_schema::portfolio_schema()
            } else if args.config {
                crate::json_schema::config_schema()
            } else {
                crate::json_schema::scheme_schema()
            };
            out.write_all(text.as_bytes()).map(|()| EXIT_OK)
        }
        Command::List(args) => {
            let Some((_, catalogue)) = setup(Path::new("."), &flags(&args.catalogue), err)? else {
                return Ok(EXIT_BAD_INPUT);
            };
            let checklists = &catalogue.checklists;
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
        }
        Command::Explain(args) => {
            let Some((_, catalogue)) = setup(Path::new("."), &flags(&args.catalogue), err)? else {
                return Ok(EXIT_BAD_INPUT);
            };
            explain(&catalogue.checklists, &args.criterion, out, err)
        }
    }
}

fn explain(
    checklists: &[crate::checklist::Checklist],
    id: &str,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<u8> {
    let found = checklists.iter().find_map(|list| {
        list.criteria
            .iter()
            .find(|c| c.id.eq_ignore_ascii_case(id))
            .map(|c| (list, c))
    });
    match found {
        Some((list, criterion)) => {
            let text = crate::report::catalogue::explain(checklists, list, criterion);
            out.write_all(text.as_bytes()).map(|()| EXIT_OK)
        }
        None => {
            let ids = checklists.iter().flat_map(|l| l.criteria.iter().map(|c| c.id.as_str()));
            let given = crate::text::terminal_safe(id, false);
            match crate::diagnostic::did_you_mean(id, ids) {
                Some(best) => writeln!(err, "error: no criterion `{given}`; did you mean `{best}`?")?,
                None => writeln!(
                    err,
                    "error: no criterion `{given}`; run `reassure list` to see them all"
                )?,
            }
            Ok(EXIT_BAD_INPUT)
        }
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
                ConfigError::Unreadable(e) => writeln!(err, "error: {e}")?,
                ConfigError::Invalid(file, diagnostics) => write_diagnostics(err, &file, &diagnostics)?,
                ConfigError::Env(message) => writeln!(err, "error: {message}")?,
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

fn init(args: &InitArgs, terminal: Terminal, out: &mut dyn Write, err: &mut dyn Write) -> std::io::Result<u8> {
    let path = &args.output;
    let shown = crate::text::terminal_safe(&path.display().to_string(), false);
    // Checked before any question, so no answers are typed in vain.
    if path.exists() && !args.force {
        writeln!(
            err,
            "error: `{shown}` already exists; give another path with -o, or --force to replace it"
        )?;
        return Ok(EXIT_BAD_INPUT);
    }
    if !args.defaults && !terminal.stdin_is_terminal {
        writeln!(
            err,
            "error: `reassure init` asks its questions in a terminal, and standard input is not one\n\
             help: run it without questions: reassure init --defaults -o {shown} --name \"…\" --stage cfc \
             [--service …] [--site …] [--commissioner …] [--authority …] [--beds-close] [--capital] [--temporary]"
        )?;
        return Ok(EXIT_BAD_INPUT);
    }
    // The settings the first check will use, worked out before any
    // question so a broken .reassure.toml is reported before answers are typed.
    let Some((_, catalogue)) = setup(path, &Flags::default(), err)? else {
        return Ok(EXIT_BAD_INPUT);
    };
    let today = jiff::Timestamp::now().to_zoned(jiff::tz::TimeZone::UTC).date();
    let mut answers = crate::init::Answers::defaults(args.as_of.unwrap_or(today));
    if let Some(name) = &args.name {
        answers.name.clone_from(name);
    }
    if let Some(summary) = &args.summary {
        answers.summary.clone_from(summary);
    }
    if let Some(commissioner) = &args.commissioner {
        answers.commissioner.clone_from(commissioner);
    }
    answers.services.clone_from(&args.services);
    answers.sites.clone_from(&args.sites);
    answers.authorities.clone_from(&args.authorities);
    if let Some(stage) = stage_flag(args.stage.as_deref()) {
        answers.stage = stage;
    }
    answers.beds_close = args.beds_close;
    answers.capital = args.capital;
    answers.temporary = args.temporary;
    if !args.defaults {
        answers = match crate::wizard::ask(answers) {
            Ok(answers) => answers,
            Err(e) => {
                writeln!(err, "\nerror: the wizard stopped: {e}; nothing was written")?;
                return Ok(EXIT_BAD_INPUT);
            }
        };
    }
    let text = crate::init::scheme_text(&answers);
    // The file must be what `check` accepts: load it before writing it.
    let scheme = match crate::scheme::Scheme::load(SourceFile::new(path.display().to_string(), text.as_str())) {
        Ok(scheme) => scheme,
        Err((file, diagnostics)) => {
            write_diagnostics(err, &file, &diagnostics)?;
            return Ok(EXIT_BAD_INPUT);
        }
    };
    if !write_report(path, &text, err)? {
        return Ok(EXIT_BAD_INPUT);
    }
    let assessment = engine::assess(&scheme, &catalogue.checklists);
    writeln!(
        out,
        "Wrote {shown}: a {} scheme at stage {}.",
        if answers.temporary { "temporary" } else { "permanent" },
        scheme.stage
    )?;
    writeln!(out, "First readiness result:")?;
    writeln!(out, "  {}", summary_line(&assessment))?;
    writeln!(
        out,
        "Next: fill in the commented keys as the evidence comes, then run `reassure check {shown}` to see what is still missing."
    )?;
    Ok(EXIT_OK)
}

fn show_config(args: &ConfigArgs, out: &mut dyn Write, err: &mut dyn Write) -> std::io::Result<u8> {
    let flags = Flags {
        no_config: args.catalogue.no_config,
        checklists: args.catalogue.checklists.clone(),
        fail_on: args.fail_on,
        min_score: args.min_score,
        stage: stage_flag(args.stage.as_deref()),
    };
    let Some((config, catalogue)) = setup(&args.path, &flags, err)? else {
        return Ok(EXIT_BAD_INPUT);
    };
    let safe = |t: &str| crate::text::terminal_safe(t, false);
    match &config.file {
        Some(file) => writeln!(out, "Configuration file: {}", safe(&file.display().to_string()))?,
        None => writeln!(
            out,
            "Configuration file: none ({} not found in `{}` or any folder above it)",
            config::CONFIG_FILE_NAME,
            safe(&args.path.display().to_string())
        )?,
    }
    writeln!(
        out,
        "Precedence: flags > environment ({}) > file > default\n",
        config::ENV_VARS.join(", ")
    )?;
    let rows = config.describe();
    let width = rows.iter().map(|(name, _, _)| name.len()).max().unwrap_or(0);
    for (name, value, origin) in rows {
        writeln!(out, "{name:<width$}  {}  (from {origin})", safe(&value))?;
    }
    writeln!(
        out,
        "\nChecklists loaded: {} built-in{}",
        catalogue.checklists.len() - catalogue.files.len(),
        catalogue
            .files
            .iter()
            .map(|f| format!(", {} from {}", f.checklist, safe(&f.file)))
            .collect::<String>()
    )?;
    Ok(EXIT_OK)
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
    for r in rejections {
        err.write_all(r.render().as_bytes())?;
    }
    for r in rejections {
        if let Rejection::Invalid(file, diagnostics) = r {
            let count = diagnostics.len();
            writeln!(
                err,
                "error: `{}` has {count} problem{}; {outcome}",
                crate::text::terminal_safe(file.name(), false),
                if count == 1 { "" } else { "s" }
            )?;
        }
    }
    Ok(())
}

fn check(args: &CheckArgs, terminal: Terminal, out: &mut dyn Write, err: &mut dyn Write) -> std::io::Result<u8> {
    let flags = Flags {
        no_config: args.catalogue.no_config,
        checklists: args.catalogue.checklists.clone(),
        fail_on: args.fail_on,
        min_score: args.min_score,
        stage: stage_flag(args.stage.as_deref()),
    };
    // Settings are looked up from the first scheme given (for a portfolio,
    // the folder given): one set of settings per run.
    let Some((config, catalogue)) = setup(&args.schemes[0], &flags, err)? else {
        return Ok(EXIT_BAD_INPUT);
    };
    match args.schemes.as_slice() {
        [one] if !one.is_dir() => check_one(args, &config, &catalogue, one, terminal, out, err),
        _ => check_portfolio(args, &config, &catalogue, terminal, out, err),
    }
}

fn options(config: &Config, stage: String, waivers: bool) -> crate::provenance::Options {
    crate::provenance::Options {
        stage,
        fail_on: config.fail_on.value.code().to_owned(),
        min_score: config.min_score.value,
        waivers,
    }
}

fn check_one(
    args: &CheckArgs,
    config: &Config,
    catalogue: &Catalogue,
    path: &Path,
    terminal: Terminal,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<u8> {
    let Some(prepared) = load_scheme(path, catalogue, err)? else {
        return Ok(EXIT_BAD_INPUT);
    };
    let scheme = &prepared.scheme;
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
    let target = config.stage.value.unwrap_or(scheme.stage);
    let assessment = engine::assess_with(scheme, &prepared.catalogue.checklists, target, !args.no_waivers);
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
    let options = options(config, assessment.target.code().to_owned(), !args.no_waivers);
    let provenance = Provenance::new(
        scheme.source.name(),
        prepared.sha256.clone(),
        &assessment.as_of,
        options,
    )
    .with_checklist_files(&prepared.catalogue.files);
    let report = Report::new(&provenance, &assessment);
    // Every destination is checked before any is written, so a refused one
    // leaves nothing half done.
    if !destinations_allowed(args, err)? {
        return Ok(EXIT_BAD_INPUT);
    }
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
        if !write_report(path, &text, err)? {
            return Ok(EXIT_BAD_INPUT);
        }
    }
    let mut code = exit_status(&assessment, config.fail_on.value, config.min_score.value);
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
            if !write_report(path, &text, err)? {
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

/// Writes a report file atomically; false (with the reason on `err`) if it
/// could not be written.
fn write_report(path: &Path, text: &str, err: &mut dyn Write) -> std::io::Result<bool> {
    match write_atomically(path, text.as_bytes()) {
        Ok(()) => Ok(true),
        Err(e) => {
            writeln!(err, "error: {e}")?;
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
            writeln!(err, "error: {e}")?;
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

/// A saved JSON report (`check --format json`) to compare against.
fn read_baseline(path: &Path) -> Result<crate::compare::Snapshot, String> {
    let file = input::read(path, input::Trust::Given).map_err(|e| e.to_string())?;
    crate::compare::Snapshot::from_report_json(file.text()).map_err(|e| format!("baseline `{}`: {e}", path.display()))
}

fn diff(args: &DiffArgs, terminal: Terminal, out: &mut dyn Write, err: &mut dyn Write) -> std::io::Result<u8> {
    let flags = Flags {
        stage: stage_flag(args.stage.as_deref()),
        ..flags(&args.catalogue)
    };
    let Some((config, catalogue)) = setup(&args.new, &flags, err)? else {
        return Ok(EXIT_BAD_INPUT);
    };
    // Both files are checked before either is compared, so every problem shows at once.
    let old = load_scheme(&args.old, &catalogue, err)?;
    let new = load_scheme(&args.new, &catalogue, err)?;
    let (Some(old), Some(new)) = (old, new) else {
        return Ok(EXIT_BAD_INPUT);
    };
    let stage = config.stage.value;
    let before = engine::assess_for(
        &old.scheme,
        &old.catalogue.checklists,
        stage.unwrap_or(old.scheme.stage),
    );
    let after = engine::assess_for(
        &new.scheme,
        &new.catalogue.checklists,
        stage.unwrap_or(new.scheme.stage),
    );
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
    config: &Config,
    catalogue: &Catalogue,
    terminal: Terminal,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<u8> {
    use crate::portfolio::{self, Outcome, Settings};
    use crate::report::portfolio as report;

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
    let options = options(
        config,
        config
            .stage
            .value
            .map_or_else(|| "own".to_owned(), |s| s.code().to_owned()),
        !args.no_waivers,
    );
    let settings = Settings {
        stage: config.stage.value,
        threshold: config.fail_on.value.threshold(),
        min_score: config.min_score.value,
        waivers: !args.no_waivers,
        options: &options,
    };
    // Destinations are checked against the inputs known so far before any
    // work, and again (with every scheme read) before any is committed.
    if !destinations_allowed(args, err)? {
        return Ok(EXIT_BAD_INPUT);
    }
    let destinations: Vec<(Format, Option<&Path>)> = std::iter::once((args.format, args.output.as_deref()))
        .chain(args.extra.iter().map(|(format, path)| (*format, Some(path.as_path()))))
        .collect();
    // Each destination's file, written in place of stdout.
    let mut files: Vec<Option<crate::output::Pending>> = Vec::new();
    for (_, path) in &destinations {
        match path.map(crate::output::Pending::create).transpose() {
            Ok(file) => files.push(file),
            Err(e) => {
                writeln!(err, "error: {e}")?;
                return Ok(EXIT_BAD_INPUT);
            }
        }
    }
    // The per-finding formats are written scheme by scheme as the
    // portfolio is assessed; the others from the rows at the end.
    let mut streams = Vec::new();
    for (index, (format, _)) in destinations.iter().enumerate() {
        let sink: &mut dyn Write = match &mut files[index] {
            Some(file) => file,
            None => out,
        };
        if let Some(stream) = crate::report::stream::Stream::start(*format, sink)? {
            streams.push((index, stream));
        }
    }
    let formats: Vec<Format> = streams.iter().map(|(_, s)| s.format()).collect();
    let detail = |r: &Report<'_>| formats.iter().filter_map(|f| report::detail(*f, r)).collect();
    // A progress bar only where a person watches stderr.
    let bar = if terminal.stderr_is_terminal && paths.len() > 1 {
        indicatif::ProgressBar::new(paths.len() as u64)
    } else {
        indicatif::ProgressBar::hidden()
    };
    let mut failed: Option<std::io::Error> = None;
    let mut consume = |entry: &mut crate::portfolio::Entry| {
        for (index, stream) in &mut streams {
            let sink: &mut dyn Write = match &mut files[*index] {
                Some(file) => file,
                None => &mut *out,
            };
            for detail in &entry.detail {
                if let Err(e) = stream.add(detail, sink) {
                    failed.get_or_insert(e);
                }
            }
        }
        entry.detail = Vec::new();
    };
    let entries = portfolio::assess_all(&paths, catalogue, settings, &detail, &|| bar.inc(1), &mut consume);
    bar.finish_and_clear();
    if let Some(e) = failed {
        return Err(e);
    }

    for e in &entries {
        let file = crate::text::terminal_safe(&e.file, false);
        match &e.outcome {
            Outcome::Skipped { why } => writeln!(err, "note: skipped `{file}`: {why}")?,
            Outcome::Invalid { count, rendered, .. } => {
                err.write_all(rendered.as_bytes())?;
                writeln!(
                    err,
                    "error: `{file}` has {count} problem{}; it was not assessed",
                    if *count == 1 { "" } else { "s" }
                )?;
            }
            Outcome::Assessed(_) => {}
        }
    }
    let totals = report::totals(&entries);
    // One row per scheme needs more room than one scheme's report.
    let width = args.width.or(if terminal.stdout_is_terminal && args.output.is_none() {
        None
    } else {
        Some(140)
    });
    let color = args.color == ColorChoice::Always
        || (args.color == ColorChoice::Auto && terminal.stdout_is_terminal && !terminal.no_color);
    let properties = report::sarif_properties(&entries, &options);
    let mut streams = streams.into_iter().peekable();
    for (index, (format, path)) in destinations.iter().enumerate() {
        let sink: &mut dyn Write = match &mut files[index] {
            Some(file) => file,
            None => &mut *out,
        };
        if streams.peek().is_some_and(|(i, _)| *i == index) {
            let (_, stream) = streams.next().expect("peeked");
            stream.finish(&properties, sink)?;
        } else {
            let table = if path.is_none() {
                TableOptions { color, width }
            } else {
                TableOptions {
                    color: false,
                    width: if index == 0 { width } else { Some(100) },
                }
            };
            sink.write_all(report::render(*format, &entries, &options, table).as_bytes())?;
        }
    }
    let files: Vec<crate::output::Pending> = files.into_iter().flatten().collect();
    if let Err(e) = crate::output::commit(files) {
        writeln!(err, "error: {e}")?;
        return Ok(EXIT_BAD_INPUT);
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
