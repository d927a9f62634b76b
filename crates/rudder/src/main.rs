//! `rudder`: Helm's command line, rebuilt in Rust.

mod cli;
mod commands;
mod env;
mod settings;

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    let settings = settings::Settings::from_env(&cli.global);
    let mut stdout = std::io::stdout().lock();
    let result = commands::run(cli.command, &settings, &mut stdout);
    let flushed = stdout.flush();
    match result.and(flushed.map_err(anyhow::Error::from)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => report(&err),
    }
}

/// Prints an error the way Helm (cobra) does: `Error: ` and the whole chain on one line, each
/// cause after `: `. A closed stdout (`rudder template ... | head`) is not an error.
fn report(err: &anyhow::Error) -> ExitCode {
    if err
        .chain()
        .filter_map(|e| e.downcast_ref::<std::io::Error>())
        .any(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
    {
        return ExitCode::SUCCESS;
    }
    #[expect(clippy::print_stderr, reason = "the binary's one error reporter")]
    {
        eprintln!("Error: {err:#}");
    }
    ExitCode::FAILURE
}
