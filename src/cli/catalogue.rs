//! `reassure list` and `reassure explain ID`: the checklists themselves.

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::ValueEnum;

use crate::report::table::TableOptions;

use super::{ChecklistArgs, EXIT_BAD_INPUT, EXIT_OK, FIXED_WIDTH, Terminal, error, flags, setup, typed_paths_allowed};

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

pub(super) fn list(
    args: &ListArgs,
    terminal: Terminal,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<u8> {
    if !typed_paths_allowed(args.catalogue.checklists.iter().map(PathBuf::as_path), err)? {
        return Ok(EXIT_BAD_INPUT);
    }
    let Some((_, catalogue)) = setup(Path::new("."), &flags(&args.catalogue), err)? else {
        return Ok(EXIT_BAD_INPUT);
    };
    let checklists = &catalogue.checklists;
    let text = match args.format {
        ListFormat::Json => crate::report::catalogue::list_json(checklists),
        ListFormat::Table => {
            let width = terminal.width(args.width, false, FIXED_WIDTH);
            crate::report::catalogue::list_table(
                checklists,
                TableOptions {
                    color: false,
                    width,
                    all: false,
                },
            )
        }
    };
    out.write_all(text.as_bytes()).map(|()| EXIT_OK)
}

pub(super) fn explain(args: &ExplainArgs, out: &mut dyn Write, err: &mut dyn Write) -> std::io::Result<u8> {
    if !typed_paths_allowed(args.catalogue.checklists.iter().map(PathBuf::as_path), err)? {
        return Ok(EXIT_BAD_INPUT);
    }
    let Some((_, catalogue)) = setup(Path::new("."), &flags(&args.catalogue), err)? else {
        return Ok(EXIT_BAD_INPUT);
    };
    explain_in(&catalogue.checklists, &args.criterion, out, err)
}

fn explain_in(
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
                Some(best) => error(
                    err,
                    format_args!(
                        "no criterion `{given}`; did you mean `{}`?",
                        crate::text::terminal_safe(best, false)
                    ),
                )?,
                None => error(
                    err,
                    format_args!("no criterion `{given}`; run `reassure list` to see them all"),
                )?,
            }
            Ok(EXIT_BAD_INPUT)
        }
    }
}
