//! `rudder`: Helm's command line, rebuilt in Rust.

mod cli;
mod commands;
mod env;
mod remote;
mod settings;

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;

// A rendering allocates and frees many small strings, maps and tree nodes; glibc's malloc showed
// at ~20 % of `rudder template`'s profile. mimalloc is measured in BENCHMARKS.md.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    // The worker threads start while the arguments are parsed, and wait parked for the
    // first piece of work.
    rudder_cores::start();
    let cli = cli::Cli::parse();
    let settings = settings::Settings::from_env(&cli.global);
    let worker = std::thread::Builder::new()
        .name("rudder".to_owned())
        // As deep as the workers' stacks: the command renders too.
        .stack_size(rudder_cores::STACK)
        .spawn(move || {
            let mut stdout = std::io::stdout().lock();
            let result = commands::run(cli.command, &settings, &mut stdout);
            let flushed = stdout.flush();
            let code = match result.and(flushed.map_err(anyhow::Error::from)) {
                Ok(()) => 0,
                Err(err) => report(&err),
            };
            // The process ends here, from this thread: tearing down its stack and waking the
            // main thread only to exit was a fifth of a millisecond.
            std::process::exit(code)
        });
    // Only reached when the command thread could not start or panicked.
    let err = match worker {
        Ok(handle) => match handle.join() {
            Err(_) => anyhow::anyhow!("internal error: the command panicked"),
        },
        Err(e) => anyhow::Error::from(e).context("starting the command thread"),
    };
    ExitCode::from(u8::try_from(report(&err)).unwrap_or(1))
}

/// Prints an error the way Helm (cobra) does: `Error: ` and the whole chain on one line, each
/// cause after `: `. A closed stdout (`rudder template ... | head`) is not an error. Returns
/// the exit status.
fn report(err: &anyhow::Error) -> i32 {
    if err
        .chain()
        .filter_map(|e| e.downcast_ref::<std::io::Error>())
        .any(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
    {
        return 0;
    }
    #[expect(clippy::print_stderr, reason = "the binary's one error reporter")]
    {
        eprintln!("Error: {err:#}");
    }
    1
}
