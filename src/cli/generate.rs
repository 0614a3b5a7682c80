//! `reassure schema`, `completions` and `man`: text generated from the
//! formats and the command-line definition.

use std::io::Write;

use clap::CommandFactory;

use super::{Cli, EXIT_OK};

#[derive(Debug, clap::Args)]
pub struct CompletionsArgs {
    /// The shell to complete for
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

#[derive(Debug, clap::Args)]
#[group(id = "which", multiple = false)]
pub struct SchemaArgs {
    /// Print the schema of `check FILE --format json` output instead of the scheme format
    #[arg(long, group = "which")]
    pub report: bool,
    /// Print the schema of `check DIR --format json` output (several schemes)
    #[arg(long, group = "which")]
    pub portfolio: bool,
    /// Print the schema of `diff OLD NEW --format json` output
    #[arg(long, group = "which")]
    pub diff: bool,
    /// Print the schema of the project configuration file, .reassure.toml
    #[arg(long, group = "which")]
    pub config: bool,
}

pub(super) fn completions(args: &CompletionsArgs, out: &mut dyn Write) -> std::io::Result<u8> {
    // Generated in memory: clap_complete panics when its writer fails
    // (`> /dev/full`), and a full disk is an error, not a bug.
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut Cli::command(), "reassure", &mut script);
    out.write_all(&script).map(|()| EXIT_OK)
}

pub(super) fn man(out: &mut dyn Write) -> std::io::Result<u8> {
    let mut page = Vec::new();
    clap_mangen::Man::new(Cli::command()).render(&mut page)?;
    out.write_all(&page).map(|()| EXIT_OK)
}

pub(super) fn schema(args: &SchemaArgs, out: &mut dyn Write) -> std::io::Result<u8> {
    let text = if args.report {
        crate::json_schema::report_schema()
    } else if args.portfolio {
        crate::json_schema::portfolio_schema()
    } else if args.diff {
        crate::json_schema::diff_schema()
    } else if args.config {
        crate::json_schema::config_schema()
    } else {
        crate::json_schema::scheme_schema()
    };
    out.write_all(text.as_bytes()).map(|()| EXIT_OK)
}
