//! `rudder status RELEASE_NAME` (helm/helm `pkg/cmd/status.go`).

use std::io::Write;

use rudder_action::status::Status;

use crate::cli::StatusArgs;
use crate::commands::status_printer::{OutputFormat, StatusPrinter};
use crate::settings::Settings;

pub fn run(args: &StatusArgs, settings: &Settings, out: &mut dyn Write) -> anyhow::Result<()> {
    let format = OutputFormat::parse(&args.output)?;
    let ctx = crate::commands::context::build(settings)?;
    crate::commands::context::check_reachable(&*ctx.kube)?;
    let (mut rel, _resources) = Status {
        version: args.revision,
    }
    .run(&ctx, &args.release)?;
    // Helm strips the chart from what it prints.
    rel.chart = None;
    if format == OutputFormat::Table {
        // Helm prints the resources as the API server's tables, which Rudder cannot ask for
        // yet; the table leaves them out.
        rel.info.resources = None;
    }
    StatusPrinter {
        release: &rel,
        debug: false,
        show_metadata: false,
        hide_notes: false,
        no_color: true,
    }
    .write(format, out)
}
