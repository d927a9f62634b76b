//! `rudder completion SHELL`: shell completion scripts.

use std::io::Write;

use clap::CommandFactory;

use crate::cli::{Cli, CompletionArgs};

pub fn run(args: &CompletionArgs, out: &mut dyn Write) {
    let mut cmd = Cli::command();
    clap_complete::generate(args.shell, &mut cmd, "rudder", out);
}
