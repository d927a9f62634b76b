//! One module per command: each turns parsed arguments into an action's options, runs it, and
//! prints the result.

mod chart;
mod completion;
#[allow(
    dead_code,
    reason = "used by the release commands as they land; `expect` would break when they do"
)]
pub mod context;
mod create;
mod dependency;
mod env;
mod get;
mod getter;
mod history;
mod install;
mod lint;
mod list;
mod package;
mod pull;
mod push;
mod registry;
mod repo;
mod rollback;
mod search;
mod show;
mod status;
#[allow(
    dead_code,
    reason = "shared by install, upgrade and status, which land one by one"
)]
pub mod status_printer;
mod template;
mod test;
mod tiller;
mod uninstall;
mod upgrade;
mod verify;
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
        Command::Show(cmd) => show::run(&cmd, settings, out),
        Command::Create(args) => create::run(&args, out),
        Command::Package(args) => package::run(&args, settings, out),
        Command::Dependency(cmd) => dependency::run(&cmd, settings, out),
        Command::Lint(args) => lint::run(&args, settings, out),
        Command::Repo(cmd) => repo::run(&cmd, settings, out),
        Command::Search(cmd) => search::run(&cmd, settings, out),
        Command::Pull(args) => pull::run(&args, settings, out),
        Command::Registry(cmd) => registry::run(&cmd, settings, out),
        Command::Push(args) => push::run(&args, settings, out),
        Command::Verify(args) => verify::run(&args, out),
        Command::Rollback(args) => rollback::run(&args, settings, out),
        Command::Uninstall(args) => uninstall::run(&args, settings, out),
        Command::Status(args) => status::run(&args, settings, out),
        Command::History(args) => history::run(&args, settings, out),
        Command::List(args) => list::run(&args, settings, out),
        Command::Get(cmd) => get::run(&cmd, settings, out),
        Command::Test(args) => test::run(&args, settings, out),
        Command::Install(args) => install::run(&args, settings, out),
        Command::Upgrade(args) => upgrade::run(&args, settings, out),
    }
}
