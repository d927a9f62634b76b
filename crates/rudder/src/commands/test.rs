//! `rudder test RELEASE` (helm/helm `pkg/cmd/release_testing.go`).

use std::io::Write;

use rudder_action::release_test::{ReleaseTesting, parse_filters};

use crate::cli::TestArgs;
use crate::commands::status_printer::{OutputFormat, StatusPrinter};
use crate::settings::Settings;

pub fn run(args: &TestArgs, settings: &Settings, out: &mut dyn Write) -> anyhow::Result<()> {
    let timeout = crate::commands::repo::parse_duration(&args.timeout)?;
    let (include, exclude) = parse_filters(&args.filter);
    let testing = ReleaseTesting {
        timeout,
        namespace: settings.namespace().to_owned(),
        include,
        exclude,
    };
    if settings.host.is_some() {
        return crate::commands::tiller::test_command(&testing, args, settings, out);
    }
    let ctx = crate::commands::context::build(settings)?;
    crate::commands::context::check_reachable(&*ctx.kube)?;
    let run = testing.run(&ctx, &args.release)?;
    // Helm deletes the hooks by policy last, after printing and reading the logs; its error
    // counts only when nothing failed before it.
    let printed = print(&testing, &ctx, &run.release, args.logs, settings.debug, out);
    let shutdown = run.shutdown.run(&ctx, &run.release);
    match (printed, run.result) {
        (Err(e), _) => Err(e),
        (Ok(()), Err(e)) => Err(e.into()),
        (Ok(()), Ok(())) => Ok(shutdown?),
    }
}

fn print(
    testing: &ReleaseTesting,
    ctx: &rudder_action::Context,
    release: &rudder_release::Release,
    logs: bool,
    debug: bool,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    StatusPrinter {
        release,
        debug,
        show_metadata: false,
        hide_notes: true,
        no_color: true,
    }
    .write(OutputFormat::Table, out)?;
    if logs {
        writeln!(out)?;
        out.write_all(testing.pod_logs(ctx, release)?.as_bytes())?;
    }
    Ok(())
}
