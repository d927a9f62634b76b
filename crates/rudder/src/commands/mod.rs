//! One module per command: each turns parsed arguments into an action's options, runs it, and
//! prints the result.

mod chart;
mod completion;
mod env;
mod template;
mod version;

use std::io::Write;

use crate::cli::Command;
use crate::settings::Settings;

/// Runs a command, writing its data to `out`.
pub fn run(command: Command, settings: &Settings, out: &mut dyn Write) -> anyhow::Result<()> {
    match command {
        Command::Template(args) => template::run(&args, settings, out),
        Command::Version(args) => version::run(&args, out),
        Command::Env(args) => env::run(&args, settings, out),
        Command::Completion(args) => {
            completion::run(&args, out);
            Ok(())
        }
    }
}
