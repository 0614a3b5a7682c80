//! The `reassure` binary: parses arguments, runs the command, and maps the
//! result to an exit code. All the work is in the library.

use std::io::{IsTerminal, Write};
use std::process::ExitCode;

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
    // the process as before.)
    let _ = ctrlc::set_handler(|| {
        reassure::output::remove_temporaries();
        std::process::exit(130);
    });
    let terminal = Terminal {
        stdin_is_terminal: std::io::stdin().is_terminal(),
        stdout_is_terminal: std::io::stdout().is_terminal(),
        stderr_is_terminal: std::io::stderr().is_terminal(),
        no_color: std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()),
    };
    let mut out = std::io::stdout().lock();
    // Not locked: a progress bar draws on stderr from worker threads.
    let mut err = std::io::stderr();
    let result = reassure::guard::run(|| cli::run(&cli, terminal, &mut out, &mut err));
    let result = match result {
        Ok(result) => result,
        Err(cause) => {
            let _ = out.flush();
            let _ = writeln!(std::io::stderr(), "{}", reassure::guard::internal_error(&cause));
            return ExitCode::from(cli::EXIT_BAD_INPUT);
        }
    };
    match result.and_then(|code| out.flush().map(|()| code)) {
        Ok(code) => ExitCode::from(code),
        // A closed pipe (`reassure check … | head`) is not a failure.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            let _ = writeln!(err, "error: {e}");
            ExitCode::from(cli::EXIT_BAD_INPUT)
        }
    }
}
