//! `rudder show`: a chart's definition, values, README and CRDs.

use std::io::Write;

use anyhow::bail;
use rudder_action::show::{Format, Show};

use crate::cli::{ShowArgs, ShowCommand};
use crate::commands::chart::locate;

pub fn run(cmd: &ShowCommand, out: &mut dyn Write) -> anyhow::Result<()> {
    let (args, format) = match cmd {
        ShowCommand::All(a) => (a, Format::All),
        ShowCommand::Chart(a) => (a, Format::Chart),
        ShowCommand::Values(a) => {
            if a.jsonpath.is_some() {
                bail!("--jsonpath is not supported yet");
            }
            (&a.show, Format::Values)
        }
        ShowCommand::Readme(a) => (a, Format::Readme),
        ShowCommand::Crds(a) => (a, Format::Crds),
    };
    let chart = load(args)?;
    let text = Show { format }.run(&chart)?;
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
