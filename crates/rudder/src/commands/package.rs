//! `rudder package CHART_PATH...`: chart directories into versioned archives.

use std::io::Write;

use anyhow::bail;
use rudder_action::package::Package;

use crate::cli::PackageArgs;
use crate::commands::chart::user_values;

pub fn run(args: &PackageArgs, out: &mut dyn Write) -> anyhow::Result<()> {
    if args.paths.is_empty() {
        bail!("need at least one argument, the path to the chart");
    }
    if args.sign {
        if args.key.is_none() {
            bail!("--key is required for signing a package");
        }
        // Helm defaults --keyring to ~/.gnupg/pubring.gpg, so only the key can be missing.
        bail!("--sign is not supported yet");
    }
    // Helm merges the values flags (so a bad file fails) but does not use them.
    user_values(&args.values)?;
    let package = Package {
        version: args.version.clone(),
        app_version: args.app_version.clone(),
        destination: args.destination.clone(),
        working_dir: std::env::current_dir()?,
    };
    for path in &args.paths {
        if args.dependency_update {
            bail!(
                "--dependency-update is not supported yet: run 'helm dependency update {path}' first"
            );
        }
        let saved = package.run(path)?;
        writeln!(
            out,
            "Successfully packaged chart and saved it to: {}",
            saved.display()
        )?;
    }
    Ok(())
}
