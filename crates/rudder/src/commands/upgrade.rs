//! `rudder upgrade`: upgrade a release to a new chart or new values (helm/helm
//! `pkg/cmd/upgrade.go`), installing it with `--install` when it does not exist.

use std::io::Write;

use anyhow::bail;
use rudder_action::install::Install;
use rudder_action::upgrade::Upgrade;
use rudder_release::Status;
use rudder_storage::Error as StorageError;

use crate::cli::UpgradeArgs;
use crate::commands::install::{
    common_flags, install_chart, load_chart, options_from, print_release,
};
use crate::commands::status_printer::OutputFormat;
use crate::commands::template::{log, print_warning, warn};
use crate::settings::Settings;

pub fn run(args: &UpgradeArgs, settings: &Settings, out: &mut dyn Write) -> anyhow::Result<()> {
    if settings.host.is_some() {
        return crate::commands::tiller::upgrade_command(args, settings, out);
    }
    let common = common_flags(&args.release, settings)?;
    let [name, chart_ref] = args.args.as_slice() else {
        bail!(
            "\"rudder upgrade\" requires 2 arguments\n\nUsage:  rudder upgrade [RELEASE] [CHART] [flags]"
        );
    };
    // Unlike install, an upgrade reads the real storage and asks the cluster even in a
    // client-side dry run (Helm's upgrade checks IsReachable first).
    let mut ctx = crate::commands::context::build(settings)?;

    if args.install {
        // Helm installs when the release has no history, or when its last revision is
        // uninstalled (then with --replace).
        let (missing, replace) = match ctx.releases.history(name) {
            Err(StorageError::ReleaseNotFound) => (true, false),
            Ok(history) => {
                let uninstalled = history
                    .iter()
                    .max_by_key(|r| r.version)
                    .is_some_and(|r| r.info.status == Some(Status::Uninstalled));
                (uninstalled, uninstalled)
            }
            Err(e) => return Err(e.into()),
        };
        if missing {
            if common.output == OutputFormat::Table {
                writeln!(
                    out,
                    "Release {} does not exist. Installing it now.",
                    rudder_value::strconv::quote(name)
                )?;
            }
            drop(ctx);
            let install = Install {
                create_namespace: args.create_namespace,
                disable_hooks: args.no_hooks,
                rollback_on_failure: args.rollback_on_failure || args.release.atomic,
                replace,
                ..options_from(
                    &args.release,
                    &common,
                    args.server_side != "false",
                    name.clone(),
                    settings,
                )
            };
            let release = install_chart(&install, chart_ref, &args.release, settings)?;
            return print_release(
                &release,
                common.output,
                settings,
                args.release.hide_notes,
                out,
            );
        }
    }

    let (chart, values) = load_chart(chart_ref, &args.release, settings)?;
    if chart.metadata.deprecated {
        warn("this chart is deprecated");
    }
    let history_max = args.history_max.unwrap_or(settings.max_history);
    ctx.releases.max_history = usize::try_from(history_max).unwrap_or(0);
    let r = &args.release;
    let upgrade = Upgrade {
        install: args.install,
        timeout: common.timeout,
        wait: common.wait,
        wait_for_jobs: r.wait_for_jobs,
        disable_hooks: args.no_hooks,
        dry_run: common.dry_run,
        force_replace: r.force_replace || r.force,
        force_conflicts: r.force_conflicts,
        server_side: args.server_side.clone(),
        reset_values: args.reset_values,
        reuse_values: args.reuse_values,
        reset_then_reuse_values: args.reset_then_reuse_values,
        rollback_on_failure: args.rollback_on_failure || r.atomic,
        cleanup_on_fail: args.cleanup_on_fail,
        sub_notes: r.render_subchart_notes,
        skip_schema_validation: r.skip_schema_validation,
        description: r.description.clone(),
        labels: common.labels.clone(),
        post_renderer: common.post_renderer.clone(),
        enable_dns: r.enable_dns,
        take_ownership: r.take_ownership,
        on_warning: Some(std::sync::Arc::new(print_warning)),
        recover: args.recover,
        hide_secret: r.hide_secret,
        ..Upgrade::default()
    };
    let before = ctx.releases.last(name).ok().map(|r| r.version);
    let release = match upgrade.run(&ctx, name, chart, &values) {
        Ok(r) => r,
        Err(e) => {
            warn_failed_revision(&ctx, name, before);
            return Err(anyhow::Error::from(e).context("UPGRADE FAILED"));
        }
    };
    if common.output == OutputFormat::Table {
        writeln!(
            out,
            "Release {} has been upgraded. Happy Helming!",
            rudder_value::strconv::quote(name)
        )?;
    }
    print_release(&release, common.output, settings, r.hide_notes, out)
}

/// Helm logs `upgrade failed` (a warning, shown without --debug) when the revision it stored
/// failed; the action's log sink only carries debug lines, so the command prints it.
fn warn_failed_revision(ctx: &rudder_action::Context, name: &str, before: Option<i64>) {
    let Some(version) = before.map(|v| v + 1) else {
        return;
    };
    let Ok(failed) = ctx.releases.get(name, version) else {
        return;
    };
    let prefix = format!("Upgrade {} failed: ", rudder_value::strconv::quote(name));
    if failed.info.status == Some(Status::Failed)
        && let Some(error) = failed.info.description.strip_prefix(&prefix)
    {
        log(
            "WARN",
            "upgrade failed",
            &[("name", name), ("error", error)],
        );
    }
}
