//! The `reassure` binary: parses arguments, runs the command, and maps the
//! result to an exit code. All the work is in the library.

use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use anyhow::Context as _;
use clap::Parser;

// Scoring allocates many small strings; mimalloc is markedly cheaper than the
// system allocator for that, across rayon's threads (see README, Performance).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
use reassure::cli::{self, Cli, Terminal};

fn main() -> ExitCode {
    let cli = Cli::parse();
    // Ctrl-C while a report is being written: remove its temporary file
    // rather than leave it beside the report. 130 is the shell's code for an
    // interrupted command. (If no handler can be set, interrupts simply end
    // the process as before.) Installed only when a report file is first
    // written: the handler is a thread of its own, 5% of a one-scheme run.
    reassure::output::before_first_temporary(|| {
        let _ = ctrlc::set_handler(|| {
            reassure::output::remove_temporaries();
            std::process::exit(130);
        });
    });
    let terminal = Terminal {
        stdin_is_terminal: std::io::stdin().is_terminal(),
        stdout_is_terminal: std::io::stdout().is_terminal(),
        stderr_is_terminal: std::io::stderr().is_terminal(),
        no_color: std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()),
    };
    let mut err = std::io::stderr();
    match run(&cli, terminal) {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            // A closed pipe (`reassure check … | head`) is not a failure.
            if e.root_cause()
                .downcast_ref::<std::io::Error>()
                .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            {
                return ExitCode::SUCCESS;
            }
            let _ = writeln!(err, "error: {e:#}");
            ExitCode::from(cli::EXIT_BAD_INPUT)
        }
    }
}

/// Runs the command with the process's streams. Every failure comes back
/// with what was being done when it happened (a panic as an internal error).
fn run(cli: &Cli, terminal: Terminal) -> anyhow::Result<u8> {
    let mut out = std::io::stdout().lock();
    // Not locked: a progress bar draws on stderr from worker threads.
    let mut err = std::io::stderr();
    let code = match reassure::guard::run(|| cli::run(cli, terminal, &mut out, &mut err)) {
        Ok(result) => result.context("cannot write the output")?,
        Err(panic) => {
            let _ = out.flush();
            return Err(panic.into());
        }
    };
    out.flush().context("cannot write the output")?;
    Ok(code)
}
