//! The `upgrade` and `test` commands through a tiller (`--host`, `HELM_HOST`): the direct
//! commands' flags and output over [`crate::remote`].

use rudder_action::install::Install;
use rudder_action::release_test::ReleaseTesting;
use rudder_action::upgrade::Upgrade;

use crate::remote;
use crate::settings::Settings;

/// `rudder upgrade` through tiller: the direct command's flags and output, with the
/// `--install` decision taken by tiller under the release's lock.
pub fn upgrade_command(
    args: &crate::cli::UpgradeArgs,
    settings: &Settings,
    out: &mut dyn std::io::Write,
) -> anyhow::Result<()> {
    use super::install::{common_flags, load_chart, options_from, print_release};
    use super::status_printer::OutputFormat;
    use super::template::{print_warning, warn};

    let common = common_flags(&args.release, settings)?;
    let [name, chart_ref] = args.args.as_slice() else {
        anyhow::bail!(
            "\"rudder upgrade\" requires 2 arguments\n\nUsage:  rudder upgrade [RELEASE] [CHART] [flags]"
        );
    };
    let (chart, values) = load_chart(chart_ref, &args.release, settings)?;
    if chart.metadata.deprecated {
        warn("this chart is deprecated");
    }
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
        enable_dns: r.enable_dns,
        take_ownership: r.take_ownership,
        on_warning: Some(std::sync::Arc::new(print_warning)),
        recover: args.recover,
        hide_secret: r.hide_secret,
        post_renderer: common.post_renderer.clone(),
        ..Upgrade::default()
    };
    let install = args.install.then(|| Install {
        create_namespace: args.create_namespace,
        disable_hooks: args.no_hooks,
        rollback_on_failure: args.rollback_on_failure || r.atomic,
        ..options_from(
            r,
            &common,
            args.server_side != "false",
            name.clone(),
            settings,
        )
    });
    let history_max = Some(args.history_max.unwrap_or(settings.max_history));
    let result = remote::upgrade(
        settings,
        &upgrade,
        install.as_ref(),
        name,
        &chart,
        &values,
        history_max,
    );
    let (release, installed) = match result {
        Ok(done) => done,
        // Helm's upgrade --install reports an install failure without UPGRADE FAILED.
        Err(e) if e.downcast_ref::<remote::Installing>().is_some() => return Err(e),
        Err(e) => return Err(e.context("UPGRADE FAILED")),
    };
    if common.output == OutputFormat::Table {
        let quoted = rudder_value::strconv::quote(name);
        if installed {
            writeln!(out, "Release {quoted} does not exist. Installing it now.")?;
        } else {
            writeln!(out, "Release {quoted} has been upgraded. Happy Helming!")?;
        }
    }
    print_release(&release, common.output, settings, r.hide_notes, out)
}

/// `rudder test` through tiller: the release's status, the `--logs` output, then the tests'
/// error, as the direct command prints them.
pub fn test_command(
    testing: &ReleaseTesting,
    args: &crate::cli::TestArgs,
    settings: &Settings,
    out: &mut dyn std::io::Write,
) -> anyhow::Result<()> {
    use super::status_printer::{OutputFormat, StatusPrinter};
    let outcome = remote::test(settings, testing, &args.release, args.logs)?;
    StatusPrinter {
        release: &outcome.release,
        debug: settings.debug,
        show_metadata: false,
        hide_notes: true,
        no_color: true,
    }
    .write(OutputFormat::Table, out)?;
    if args.logs {
        writeln!(out)?;
        out.write_all(outcome.logs.as_bytes())?;
    }
    outcome.error.map_or(Ok(()), Err)
}
