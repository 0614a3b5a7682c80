//! `reassure check SCHEME`: one scheme scored, its report written to
//! standard output or files, and the exit code from the thresholds.

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::ValueEnum;

use crate::checklist::set::Catalogue;
use crate::config::{Config, FailOn};
use crate::input;
use crate::report::Format;
use crate::report::table::TableOptions;

use super::{
    ChecklistArgs, ColorChoice, EXIT_BAD_INPUT, EXIT_GAPS, FIXED_WIDTH, Terminal, append_step_summary,
    destinations_allowed, error, exit_status, options, parse_percent, setup, summary_line, threshold_flags,
    typed_paths_allowed, write_rejections, write_report, write_reports,
};

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
    /// In the table, list every criterion set aside (not applicable, not yet
    /// due, blocked, attested) with its reason, not only their counts
    #[arg(long)]
    pub all: bool,
    /// A JSON report of an earlier run (`--format json`) to compare with; regressions go to stderr
    #[arg(long, value_name = "REPORT.json")]
    pub baseline: Option<PathBuf>,
    /// Exit with code 1 when a criterion fell back from the baseline or the rating dropped
    #[arg(long, requires = "baseline")]
    pub fail_on_regression: bool,
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

pub(super) fn run(
    args: &CheckArgs,
    terminal: Terminal,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<u8> {
    // A workbook shown on a terminal is garbage that can upset it: refused
    // before anything is read, as a usage error. A pipe or a file takes it.
    if args.format.is_binary() && args.output.is_none() && terminal.stdout_is_terminal {
        error(
            err,
            format_args!(
                "refusing to write a binary {} report to the terminal; give a file with --output FILE, or redirect standard output",
                args.format
                    .to_possible_value()
                    .expect("no format is skipped")
                    .get_name()
            ),
        )?;
        return Ok(EXIT_BAD_INPUT);
    }
    let flags = threshold_flags(&args.catalogue, args.fail_on, args.min_score, args.stage.as_deref());
    let typed = args
        .schemes
        .iter()
        .chain(&args.catalogue.checklists)
        .chain(&args.baseline)
        .map(PathBuf::as_path);
    if !typed_paths_allowed(typed, err)? {
        return Ok(EXIT_BAD_INPUT);
    }
    // Settings are looked up from the first scheme given (for a portfolio,
    // the folder given): one set of settings per run.
    let Some((config, catalogue)) = setup(&args.schemes[0], &flags, err)? else {
        return Ok(EXIT_BAD_INPUT);
    };
    match args.schemes.as_slice() {
        [one] if !one.is_dir() => check_one(args, &config, &catalogue, one, terminal, out, err),
        _ => super::portfolio::run(args, &config, &catalogue, terminal, out, err),
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
    use crate::portfolio;
    // The options as every report shows them; scoring fills in the gate
    // assessed (the scheme's own next gate, unless `--stage` named one).
    let options = options(config, String::new(), !args.no_waivers);
    let settings = portfolio::Settings {
        stage: config.stage.value,
        threshold: config.fail_on.value.threshold(),
        min_score: config.min_score.value,
        waivers: !args.no_waivers,
        options: &options,
    };
    let found = portfolio::Found {
        path: path.to_owned(),
        scanned: false,
        problem: None,
    };
    // The same path as every scheme of a portfolio takes.
    let scored = match portfolio::score(&found, catalogue, settings) {
        Ok(scored) => scored,
        Err(rejections) => {
            write_rejections(err, &rejections, "nothing was assessed")?;
            let file = path.display().to_string();
            let problems: Vec<_> = rejections.iter().flat_map(|r| r.problems(&file)).collect();
            report_invalid(args, &file, &problems, out, err)?;
            return Ok(EXIT_BAD_INPUT);
        }
    };
    // Read the baseline before anything is written, so a bad one stops the run cleanly.
    let baseline = match &args.baseline {
        Some(file) => match read_baseline(file) {
            Ok(snapshot) => Some(snapshot),
            Err(e) => {
                error(err, e)?;
                return Ok(EXIT_BAD_INPUT);
            }
        },
        None => None,
    };
    let assessment = &scored.assessment;
    let report = scored.report();
    let color = terminal.colour(args.color);
    let width = terminal.width(args.width, args.output.is_some(), FIXED_WIDTH);
    // Every destination is checked before any is written, so a refused one
    // leaves nothing half done.
    if !destinations_allowed(args, err)? {
        return Ok(EXIT_BAD_INPUT);
    }
    // Files first, all together: a report that cannot be written is an
    // error before anything is printed, and leaves none of the others.
    let fixed = TableOptions {
        color: false,
        width: Some(FIXED_WIDTH),
        all: args.all,
    };
    let files = args
        .output
        .iter()
        .map(|path| {
            (
                args.format,
                path,
                TableOptions {
                    color: false,
                    width,
                    all: args.all,
                },
            )
        })
        .chain(args.extra.iter().map(|(format, path)| (*format, path, fixed)))
        .map(|(format, path, table)| (path.as_path(), format.render(&report, table)));
    if !write_reports(files, err)? {
        return Ok(EXIT_BAD_INPUT);
    }
    let mut code = exit_status(assessment, config.fail_on.value, config.min_score.value);
    if let Some(baseline) = &baseline {
        let comparison = crate::compare::compare(baseline, &crate::compare::Snapshot::of(assessment));
        for c in &comparison.regressed {
            writeln!(
                err,
                "regression: {} {} was {}, now {}",
                crate::text::terminal_safe(&c.criterion, false),
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
    if args.output.is_none() {
        out.write_all(&args.format.render(
            &report,
            TableOptions {
                color,
                width,
                all: args.all,
            },
        ))?;
    }
    append_step_summary(
        args.format,
        || Ok(Format::Markdown.render(&report, TableOptions::default())),
        err,
    )?;
    if args.format.is_machine() || args.output.is_some() {
        writeln!(err, "{}", summary_line(assessment))?;
    }
    Ok(code)
}

/// A scheme that cannot be assessed still shows in the CI formats (`github`,
/// `junit`, `sarif`) asked for, on stdout or in their files, so code scanning
/// and test dashboards show the broken file rather than nothing; the exit
/// code stays 2. Other formats write nothing.
fn report_invalid(
    args: &CheckArgs,
    file: &str,
    problems: &[crate::diagnostic::Problem],
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<()> {
    use crate::report::stream::Stream;
    let properties = serde_json::json!({ "reassureFormatVersion": crate::report::REPORT_FORMAT_VERSION });
    let render = |format: Format| -> std::io::Result<Option<Vec<u8>>> {
        let mut text = Vec::new();
        let Some(mut stream) = Stream::start(format, &mut text)? else {
            return Ok(None);
        };
        stream.add_invalid(file, problems, &mut text)?;
        stream.finish(&properties, &mut text)?;
        Ok(Some(text))
    };
    if !destinations_allowed(args, err)? {
        return Ok(());
    }
    let destinations = std::iter::once((args.format, args.output.as_deref()))
        .chain(args.extra.iter().map(|(format, path)| (*format, Some(path.as_path()))));
    for (format, path) in destinations {
        let Some(text) = render(format)? else { continue };
        match path {
            Some(path) => {
                write_report(path, &text, err)?;
            }
            None => out.write_all(&text)?,
        }
    }
    Ok(())
}

/// Why the `--baseline` report cannot be used.
#[derive(Debug, thiserror::Error)]
enum BaselineProblem {
    #[error(transparent)]
    Unreadable(#[from] input::ReadError),
    #[error("baseline `{path}`: {problem}", path = crate::text::terminal_safe(&.0.display().to_string(), false), problem = .1)]
    Unusable(std::path::PathBuf, #[source] crate::compare::BaselineError),
}

/// A saved JSON report (`check --format json`) to compare against.
fn read_baseline(path: &Path) -> Result<crate::compare::Snapshot, BaselineProblem> {
    let file = input::read(path, input::Trust::Given)?;
    crate::compare::Snapshot::from_report_json(file.text()).map_err(|e| BaselineProblem::Unusable(path.to_owned(), e))
}
