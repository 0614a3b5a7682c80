//! `reassure check DIR…`: many schemes, one row each, scored in parallel
//! and written as they finish.

use std::io::Write;
use std::path::Path;

use crate::checklist::set::Catalogue;
use crate::config::Config;
use crate::report::table::TableOptions;
use crate::report::{Format, Report};

use super::{
    CheckArgs, EXIT_BAD_INPUT, EXIT_GAPS, EXIT_OK, FIXED_WIDTH, Terminal, append_step_summary, destinations_allowed,
    error, options,
};

/// Many schemes: one row each, scored in parallel.
pub(super) fn run(
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
        error(
            err,
            format_args!("--baseline compares one scheme with its earlier report; give one scheme file"),
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
        error(err, format!("no *.toml files found in {}", given.join(", ")))?;
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
                error(err, e)?;
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
    // A workbook is written whole at the end, so its rows are kept till then.
    // Each format's part is made once, however many destinations take it.
    let workbook = destinations.iter().any(|(format, _)| *format == Format::Xlsx);
    let mut formats: Vec<Format> = Vec::new();
    for format in streams
        .iter()
        .map(|(_, s)| s.format())
        .chain(workbook.then_some(Format::Xlsx))
    {
        if !formats.contains(&format) {
            formats.push(format);
        }
    }
    let detail = |r: &Report<'_>| formats.iter().filter_map(|f| report::detail(*f, r)).collect();
    let parts = formats.iter().any(|f| report::has_part(*f));
    // A progress bar only where a person watches stderr.
    let bar = if terminal.stderr_is_terminal && paths.len() > 1 {
        indicatif::ProgressBar::new(paths.len() as u64)
    } else {
        indicatif::ProgressBar::hidden()
    };
    let mut failed: Option<std::io::Error> = None;
    // Every row is kept to the end (the reports made of rows need them all,
    // with their totals first); what is said of the files that were not
    // assessed is kept too, and said once the progress bar is gone.
    let mut rows = if destinations.iter().any(|(format, _)| *format == Format::Table) {
        report::Rows::for_table()
    } else {
        report::Rows::default()
    };
    let mut notes = crate::report::spool::Spool::default();
    let mut consume = |entry: crate::portfolio::Entry| {
        let mut written = Ok(());
        for (index, stream) in &mut streams {
            let sink: &mut dyn Write = match &mut files[*index] {
                Some(file) => file,
                None => &mut *out,
            };
            for detail in &entry.detail {
                written = written.and_then(|()| stream.add(detail, sink));
            }
            if let Outcome::Invalid { located, .. } = &entry.outcome {
                written = written.and_then(|()| stream.add_invalid(&entry.file, located, sink));
            }
        }
        let note = match &entry.outcome {
            Outcome::Skipped { why } => format!(
                "note: skipped `{}`: {why}\n",
                crate::text::terminal_safe(&entry.file, false)
            ),
            Outcome::Invalid { rendered, .. } => rendered.clone(),
            Outcome::Assessed(_) => String::new(),
        };
        written = written.and_then(|()| notes.push(&note)).and_then(|()| rows.add(entry));
        if let Err(e) = written {
            failed.get_or_insert(e);
        }
    };
    portfolio::assess_all(
        &paths,
        catalogue,
        settings,
        parts.then_some(&detail),
        &|| bar.inc(1),
        &mut consume,
    );
    bar.finish_and_clear();
    if let Some(e) = failed {
        return Err(e);
    }
    std::io::copy(&mut notes.read()?, err)?;
    let totals = rows.totals().clone();
    // The same width as one scheme's report: the table gives up columns
    // rather than split a file name or an id.
    let width = terminal.width(args.width, args.output.is_some(), FIXED_WIDTH);
    let color = terminal.colour(args.color);
    let properties = report::sarif_properties(&totals, &options);
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
                TableOptions {
                    color,
                    width,
                    all: false,
                }
            } else {
                TableOptions {
                    color: false,
                    width: if index == 0 { width } else { Some(FIXED_WIDTH) },
                    all: false,
                }
            };
            report::write(*format, &mut rows, &options, table, sink)?;
        }
    }
    let files: Vec<crate::output::Pending> = files.into_iter().flatten().collect();
    if let Err(e) = crate::output::commit(files) {
        error(err, e)?;
        return Ok(EXIT_BAD_INPUT);
    }
    if args.format != Format::Table || args.output.is_some() {
        writeln!(err, "{}", report::summary_line(&totals))?;
    }
    append_step_summary(
        args.format,
        || report::render(Format::Markdown, &mut rows, &options, TableOptions::default()),
        err,
    )?;
    Ok(if totals.invalid > 0 {
        EXIT_BAD_INPUT
    } else if totals.failing > 0 {
        EXIT_GAPS
    } else {
        EXIT_OK
    })
}
