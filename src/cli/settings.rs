//! `reassure config [PATH]`: each effective setting and where it came from.

use std::io::Write;
use std::path::PathBuf;

use crate::config;
use crate::config::FailOn;

use super::{ChecklistArgs, EXIT_BAD_INPUT, EXIT_OK, parse_percent, setup, threshold_flags, typed_paths_allowed};

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

pub(super) fn run(args: &ConfigArgs, out: &mut dyn Write, err: &mut dyn Write) -> std::io::Result<u8> {
    if !typed_paths_allowed(args.catalogue.checklists.iter().map(std::path::PathBuf::as_path), err)? {
        return Ok(EXIT_BAD_INPUT);
    }
    let flags = threshold_flags(&args.catalogue, args.fail_on, args.min_score, args.stage.as_deref());
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
            .map(|f| format!(", {} from {}", safe(&f.checklist), safe(&f.file)))
            .collect::<String>()
    )?;
    Ok(EXIT_OK)
}
