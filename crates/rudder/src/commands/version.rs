//! `rudder version`: which Helm Rudder stands in for, and Rudder's own version.

use std::io::Write;

use crate::cli::VersionArgs;

/// The Helm release whose behaviour Rudder reproduces.
pub const HELM_VERSION: &str = "v4.2.3";

pub fn run(args: &VersionArgs, out: &mut dyn Write) -> anyhow::Result<()> {
    let rudder = env!("CARGO_PKG_VERSION");
    if let Some(template) = &args.template {
        // Helm executes a Go template over BuildInfo; the common fields are substituted here.
        let text = template
            .replace("{{.Version}}", HELM_VERSION)
            .replace("{{ .Version }}", HELM_VERSION)
            .replace("{{.GitCommit}}", "")
            .replace("{{.GoVersion}}", &format!("rudder{rudder}"));
        write!(out, "{text}")?;
    } else if args.short {
        writeln!(out, "{HELM_VERSION}")?;
    } else {
        writeln!(
            out,
            "version.BuildInfo{{Version:\"{HELM_VERSION}\", GitCommit:\"\", GitTreeState:\"\", GoVersion:\"rudder{rudder}\", KubeClientVersion:\"v1.36\"}}"
        )?;
    }
    Ok(())
}
