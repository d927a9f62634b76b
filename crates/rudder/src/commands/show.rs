//! `rudder show`: a chart's definition, values, README and CRDs.

use std::io::Write;

use rudder_action::show::{Format, Show};

use crate::cli::{ShowArgs, ShowCommand};
use crate::settings::Settings;

pub fn run(cmd: &ShowCommand, settings: &Settings, out: &mut dyn Write) -> anyhow::Result<()> {
    let (args, format, json_path) = match cmd {
        ShowCommand::All(a) => (a, Format::All, None),
        ShowCommand::Chart(a) => (a, Format::Chart, None),
        ShowCommand::Values(a) => (&a.show, Format::Values, a.jsonpath.clone()),
        ShowCommand::Readme(a) => (a, Format::Readme, None),
        ShowCommand::Crds(a) => (a, Format::Crds, None),
    };
    let chart = load(args, settings)?;
    let text = Show { format, json_path }.run(&chart)?;
    out.write_all(text.as_bytes())?;
    Ok(())
}

/// The chart: a local path, or `repo/chart`, a URL or `--repo` downloaded as `pull` does.
fn load(args: &ShowArgs, settings: &Settings) -> anyhow::Result<rudder_chart::Chart> {
    let path =
        crate::commands::pull::locate_chart(&args.chart, &args.location, args.devel, settings)?;
    rudder_chart::load(&path).map_err(|e| anyhow::anyhow!(rudder_chart::helm_message(&e)))
}
