//! `rudder dependency`: a chart's dependencies.

use std::io::Write;

use rudder_action::dependency::List;

use crate::cli::DependencyCommand;

pub fn run(cmd: &DependencyCommand, out: &mut dyn Write) -> anyhow::Result<()> {
    match cmd {
        DependencyCommand::List(args) => {
            let path = args
                .chart
                .as_deref()
                .map_or_else(|| ".".to_owned(), go_clean);
            let list = List {
                max_col_width: args.max_col_width,
            };
            let text = list.run(&path).map_err(anyhow::Error::msg)?;
            out.write_all(text.as_bytes())?;
            Ok(())
        }
    }
}

/// Go's `filepath.Clean`, which Helm applies to the chart argument before printing paths.
fn go_clean(p: &str) -> String {
    let rooted = p.starts_with('/');
    let mut parts: Vec<&str> = Vec::new();
    for seg in p.split('/') {
        match seg {
            "" | "." => {}
            ".." if parts.last().is_some_and(|s| *s != "..") => {
                parts.pop();
            }
            ".." if rooted => {}
            s => parts.push(s),
        }
    }
    let body = parts.join("/");
    match (rooted, body.is_empty()) {
        (true, _) => format!("/{body}"),
        (false, true) => ".".to_owned(),
        (false, false) => body,
    }
}
