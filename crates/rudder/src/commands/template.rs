//! `rudder template`: render a chart locally and print the manifests.

use std::io::Write;

use crate::cli::TemplateArgs;
use crate::settings::Settings;

pub fn run(args: &TemplateArgs, settings: &Settings, out: &mut dyn Write) -> anyhow::Result<()> {
    let _ = (args, settings, out);
    anyhow::bail!("template: not wired yet")
}
