//! `rudder uninstall RELEASE_NAME [...]` (helm/helm `pkg/cmd/uninstall.go`).

use std::io::Write;

use anyhow::bail;
use rudder_action::install::WaitStrategy;
use rudder_action::uninstall::Uninstall;
use rudder_kube::Propagation;

use crate::cli::UninstallArgs;
use crate::commands::rollback::wait_strategy;
use crate::settings::Settings;

pub fn run(args: &UninstallArgs, settings: &Settings, out: &mut dyn Write) -> anyhow::Result<()> {
    let wait = wait_strategy(args.wait.as_deref())?;
    let timeout = crate::commands::repo::parse_duration(&args.timeout)?;
    let Some(propagation) = Propagation::from_cascade(&args.cascade) else {
        bail!(
            "invalid cascade value ({}). Must be \"background\", \"foreground\", or \"orphan\"",
            args.cascade
        );
    };
    let ctx = if settings.host.is_some() {
        None
    } else {
        let ctx = crate::commands::context::build(settings)?;
        crate::commands::context::check_reachable(&*ctx.kube)?;
        Some(ctx)
    };
    let uninstall = Uninstall {
        disable_hooks: args.no_hooks,
        dry_run: args.dry_run,
        ignore_not_found: args.ignore_not_found,
        keep_history: args.keep_history,
        wait: wait != WaitStrategy::HookOnly,
        propagation,
        timeout,
        description: args.description.clone(),
    };
    for name in &args.releases {
        let response = match &ctx {
            Some(ctx) => uninstall.run(ctx, name)?,
            None => crate::remote::uninstall(settings, &uninstall, name)?,
        };
        if !response.info.is_empty() {
            writeln!(out, "{}", response.info)?;
        }
        writeln!(out, "release \"{name}\" uninstalled")?;
    }
    Ok(())
}
