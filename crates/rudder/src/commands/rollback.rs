//! `rudder rollback <RELEASE> [REVISION]` (helm/helm `pkg/cmd/rollback.go`).

use std::io::Write;

use anyhow::bail;
use rudder_action::install::WaitStrategy;
use rudder_action::rollback::Rollback;

use crate::cli::RollbackArgs;
use crate::commands::template::{go_parse_bool, quote, warn};
use crate::settings::Settings;

pub fn run(args: &RollbackArgs, settings: &Settings, out: &mut dyn Write) -> anyhow::Result<()> {
    if args.force {
        #[expect(
            clippy::print_stderr,
            reason = "cobra's deprecation notice goes to stderr"
        )]
        {
            eprintln!("Flag --force has been deprecated, use --force-replace instead");
        }
    }
    for (group, set) in [
        ("force force-conflicts", args.force && args.force_conflicts),
        (
            "force-replace force-conflicts",
            args.force_replace && args.force_conflicts,
        ),
    ] {
        if set {
            let mut names: Vec<&str> = group.split(' ').collect();
            names.sort_unstable();
            bail!(
                "if any flags in the group [{group}] are set none of the others can be; [{}] were all set",
                names.join(" ")
            );
        }
    }
    let version = match &args.revision {
        Some(v) => atoi(v).ok_or_else(|| {
            anyhow::anyhow!(
                "could not convert revision to a number: strconv.Atoi: parsing {}: invalid syntax",
                quote(v)
            )
        })?,
        None => 0,
    };
    let dry_run = dry_run(args.dry_run.as_deref())?;
    let wait = wait_strategy(args.wait.as_deref())?;
    let timeout = crate::commands::repo::parse_duration(&args.timeout)?;

    let rollback = Rollback {
        version,
        timeout,
        wait: wait != WaitStrategy::HookOnly,
        wait_for_jobs: args.wait_for_jobs,
        disable_hooks: args.no_hooks,
        dry_run,
        force_replace: args.force_replace || args.force,
        force_conflicts: args.force_conflicts,
        server_side: args.server_side.clone(),
        cleanup_on_fail: args.cleanup_on_fail,
    };
    if settings.host.is_some() {
        crate::remote::rollback(settings, &rollback, &args.release, args.history_max)?;
    } else {
        let mut ctx = crate::commands::context::build(settings)?;
        crate::commands::context::check_reachable(&*ctx.kube)?;
        if let Some(max) = args.history_max {
            ctx.releases.max_history = usize::try_from(max).unwrap_or(0);
        }
        rollback.run(&ctx, &args.release)?;
    }
    out.write_all(b"Rollback was a success! Happy Helming!\n")?;
    Ok(())
}

/// Go's `strconv.Atoi`.
fn atoi(s: &str) -> Option<i64> {
    let digits = s.strip_prefix(['+', '-']).unwrap_or(s);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.strip_prefix('+').unwrap_or(s).parse().ok()
}

/// Helm's `cmdGetDryRunFlagStrategy`: true for `client` and `server`.
pub fn dry_run(value: Option<&str>) -> anyhow::Result<bool> {
    let Some(v) = value else {
        return Ok(false);
    };
    match v {
        "unset" => {
            warn("--dry-run is deprecated and should be replaced with '--dry-run=client'");
            Ok(true)
        }
        "client" | "server" => Ok(true),
        "none" => Ok(false),
        _ => {
            let Some(b) = go_parse_bool(v) else {
                bail!(
                    "invalid dry-run value ({}). Must be \"none\", \"server\", or \"client\"",
                    quote(v)
                );
            };
            let result = if b { "client" } else { "none" };
            warn(&format!(
                "boolean '--dry-run={v}' flag is deprecated and must be replaced with '--dry-run={result}'"
            ));
            Ok(b)
        }
    }
}

/// `--wait`'s value (Helm's `waitValue.Set`).
pub fn wait_strategy(value: Option<&str>) -> anyhow::Result<WaitStrategy> {
    let Some(v) = value else {
        return Ok(WaitStrategy::HookOnly);
    };
    match v {
        "true" => warn(
            "--wait=true is deprecated (boolean value) and can be replaced with --wait=watcher",
        ),
        "false" => warn(
            "--wait=false is deprecated (boolean value) and can be replaced with --wait=hookOnly",
        ),
        _ => {}
    }
    WaitStrategy::parse(v).ok_or_else(|| {
        anyhow::anyhow!(
            "invalid argument {} for \"--wait\" flag: invalid wait input {}. Valid inputs are watcher, hookOnly, and legacy",
            quote(v),
            quote(v)
        )
    })
}
