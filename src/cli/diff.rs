//! `reassure diff OLD NEW`: the readiness of two versions of a scheme compared.

use std::io::Write;
use std::path::PathBuf;

use clap::ValueEnum;

use crate::config::Flags;
use crate::engine;
use crate::report::table::TableOptions;

use super::{
    ChecklistArgs, EXIT_BAD_INPUT, EXIT_GAPS, EXIT_OK, FIXED_WIDTH, Terminal, flags, load_scheme, setup, stage_flag,
    typed_paths_allowed,
};

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

pub(super) fn run(
    args: &DiffArgs,
    terminal: Terminal,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<u8> {
    let typed = [&args.old, &args.new].into_iter().chain(&args.catalogue.checklists);
    if !typed_paths_allowed(typed.map(std::path::PathBuf::as_path), err)? {
        return Ok(EXIT_BAD_INPUT);
    }
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
        DiffFormat::Json => {
            let version = |prepared: &crate::prepare::Prepared<'_>| crate::report::diff::Version {
                file: prepared.scheme.source.name().to_owned(),
                sha256: prepared.sha256.clone(),
            };
            crate::report::diff::render_json(&comparison, version(&old), version(&new))
        }
        DiffFormat::Table => {
            let width = terminal.width(args.width, false, FIXED_WIDTH);
            crate::report::diff::render_table(
                &comparison,
                TableOptions {
                    color: false,
                    width,
                    all: false,
                },
            )
        }
    };
    out.write_all(text.as_bytes())?;
    Ok(if comparison.is_regression() { EXIT_GAPS } else { EXIT_OK })
}
