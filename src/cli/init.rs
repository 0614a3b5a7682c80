//! `reassure init`: a new scheme file from a wizard or from flags.

use std::io::Write;
use std::path::PathBuf;

use crate::config::Flags;
use crate::engine;
use crate::source::SourceFile;

use super::{
    EXIT_BAD_INPUT, EXIT_OK, Terminal, error, setup, stage_flag, summary_line, write_diagnostics, write_report,
};

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

pub(super) fn run(
    args: &InitArgs,
    terminal: Terminal,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<u8> {
    let path = &args.output;
    let shown = crate::text::terminal_safe(&path.display().to_string(), false);
    // Checked before any question, so no answers are typed in vain.
    if path.exists() && !args.force {
        error(
            err,
            format_args!("`{shown}` already exists; give another path with -o, or --force to replace it"),
        )?;
        return Ok(EXIT_BAD_INPUT);
    }
    if !args.defaults && !terminal.stdin_is_terminal {
        error(
            err,
            format_args!(
                "`reassure init` asks its questions in a terminal, and standard input is not one\n\
             help: run it without questions: reassure init --defaults -o {shown} --name \"…\" --stage cfc \
             [--service …] [--site …] [--commissioner …] [--authority …] [--beds-close] [--capital] [--temporary]"
            ),
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
    if !write_report(path, text.as_bytes(), err)? {
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
