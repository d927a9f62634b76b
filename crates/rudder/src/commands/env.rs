//! `rudder env`: the environment as Helm reports it.

use std::io::Write;

use crate::cli::EnvArgs;
use crate::settings::Settings;

pub fn run(args: &EnvArgs, settings: &Settings, out: &mut dyn Write) -> anyhow::Result<()> {
    let vars = settings.env_vars();
    match &args.name {
        Some(name) => {
            if let Some((_, v)) = vars.iter().find(|(k, _)| k == name) {
                writeln!(out, "{v}")?;
            }
        }
        None => {
            for (k, v) in vars {
                writeln!(out, "{k}=\"{v}\"")?;
            }
        }
    }
    Ok(())
}
