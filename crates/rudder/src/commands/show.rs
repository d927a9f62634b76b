//! `rudder show`: a chart's definition, values, README and CRDs.

use std::io::Write;

use anyhow::bail;
use rudder_action::show::{Format, Show};

use crate::cli::{ShowArgs, ShowCommand};
use crate::commands::chart::locate;

pub fn run(cmd: &ShowCommand, out: &mut dyn Write) -> anyhow::Result<()> {
    let (args, format, json_path) = match cmd {
        ShowCommand::All(a) => (a, Format::All, None),
        ShowCommand::Chart(a) => (a, Format::Chart, None),
        ShowCommand::Values(a) => (&a.show, Format::Values, a.jsonpath.clone()),
        ShowCommand::Readme(a) => (a, Format::Readme, None),
        ShowCommand::Crds(a) => (a, Format::Crds, None),
    };
    let chart = load(args)?;
    let text = Show { format, json_path }.run(&chart)?;
    out.write_all(text.as_bytes())?;
    Ok(())
}

fn load(args: &ShowArgs) -> anyhow::Result<rudder_chart::Chart> {
    if args.location.repo.is_some() {
        bail!("--repo is not supported yet: download the chart and show its path");
    }
    let path = locate(&args.chart)?;
    rudder_chart::load(&path).map_err(|e| anyhow::anyhow!(rudder_chart::helm_message(&e)))
}
