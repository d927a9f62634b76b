//! `rudder status RELEASE_NAME` (helm/helm `pkg/cmd/status.go`).
//!
//! With table output Helm shows the release's resources as the API server's tables, printed by
//! kubectl's human-readable printer (`k8s.io/cli-runtime/pkg/printers/tableprinter.go`): one
//! `==> VERSION/Kind` block per kind, each object printed on its own (so each row is aligned
//! by itself), the header only before the first row of a block whose columns are new.

use std::io::Write;

use rudder_action::status::{Resources, Status};
use serde_json::Value;

use crate::cli::StatusArgs;
use crate::commands::status_printer::{OutputFormat, StatusPrinter};
use crate::settings::Settings;

pub fn run(args: &StatusArgs, settings: &Settings, out: &mut dyn Write) -> anyhow::Result<()> {
    let format = OutputFormat::parse(&args.output)?;
    let status = Status {
        version: args.revision,
        tables: format == OutputFormat::Table,
    };
    let (mut rel, resources) = if settings.host.is_some() {
        crate::remote::status(settings, &status, &args.release)?
    } else {
        let ctx = crate::commands::context::build(settings)?;
        crate::commands::context::check_reachable(&*ctx.kube)?;
        status.run(&ctx, &args.release)?
    };
    // Helm strips the chart from what it prints.
    rel.chart = None;
    let printer = StatusPrinter {
        release: &rel,
        debug: false,
        show_metadata: false,
        hide_notes: false,
        no_color: true,
    };
    if format != OutputFormat::Table || resources.is_empty() {
        return printer.write(format, out);
    }
    // RESOURCES goes right after DESCRIPTION, before the test suite.
    let mut text = Vec::new();
    printer.write(format, &mut text)?;
    let text = String::from_utf8_lossy(&text);
    let description = format!("DESCRIPTION: {}\n", rel.info.description);
    let at = text
        .find(&description)
        .map_or(text.len(), |i| i + description.len());
    out.write_all(text[..at].as_bytes())?;
    write!(out, "RESOURCES:\n{}\n", resources_text(&resources))?;
    out.write_all(text[at..].as_bytes())?;
    Ok(())
}

/// The RESOURCES blocks as Helm's status printer writes them.
pub fn resources_text(resources: &Resources) -> String {
    let mut buf = String::new();
    let mut printer = HumanPrinter::default();
    for (kind, tables) in resources {
        buf.push_str("==> ");
        buf.push_str(kind);
        buf.push('\n');
        for table in tables {
            buf.push_str(&printer.print(table));
        }
        buf.push('\n');
    }
    buf
}

/// kubectl's `HumanReadablePrinter` over server-side tables.
#[derive(Default)]
struct HumanPrinter {
    printed_headers: bool,
    last_columns: Option<Value>,
}

impl HumanPrinter {
    fn print(&mut self, table: &Value) -> String {
        let mut columns = table
            .get("columnDefinitions")
            .cloned()
            .unwrap_or(Value::Null);
        let empty = columns.as_array().is_none_or(Vec::is_empty);
        let mut no_headers = false;
        if self.printed_headers && (empty || self.last_columns.as_ref() == Some(&columns)) {
            no_headers = true;
        }
        if empty {
            columns = self.last_columns.clone().unwrap_or(Value::Null);
        } else if !no_headers {
            self.last_columns = Some(columns.clone());
            self.printed_headers = false;
        }
        let rows = table
            .get("rows")
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default();
        if !rows.is_empty() {
            self.printed_headers = true;
        }
        let columns = columns.as_array().cloned().unwrap_or_default();
        let shown: Vec<usize> = columns
            .iter()
            .enumerate()
            .filter(|(_, c)| c.get("priority").and_then(Value::as_i64).unwrap_or(0) == 0)
            .map(|(i, _)| i)
            .collect();
        let mut lines: Vec<Vec<String>> = Vec::new();
        if !no_headers {
            if rows.is_empty() {
                return String::new();
            }
            lines.push(
                shown
                    .iter()
                    .map(|&i| {
                        columns[i]
                            .get("name")
                            .and_then(Value::as_str)
                            .unwrap_or_default()
                            .to_uppercase()
                    })
                    .collect(),
            );
        }
        for row in &rows {
            let cells = row
                .get("cells")
                .and_then(Value::as_array)
                .cloned()
                .unwrap_or_default();
            lines.push(
                shown
                    .iter()
                    .filter(|&&i| i < cells.len())
                    .map(|&i| cell_text(&cells[i]))
                    .collect(),
            );
        }
        tabwriter(&lines)
    }
}

/// A cell as kubectl prints it: strings cut at the first line break, `null` as nothing.
fn cell_text(cell: &Value) -> String {
    match cell {
        Value::Null => String::new(),
        Value::String(s) => s
            .split(['\n', '\r', '\x0C'])
            .next()
            .unwrap_or_default()
            .to_owned(),
        other => other.to_string(),
    }
}

/// Go's `text/tabwriter` as kubectl sets it up (min width 6, padding 3, spaces): every cell
/// but the last of a line is padded to its column's width.
fn tabwriter(lines: &[Vec<String>]) -> String {
    let columns = lines.iter().map(Vec::len).max().unwrap_or(0);
    let mut widths = vec![0usize; columns];
    for line in lines {
        for (i, cell) in line.iter().enumerate().take(line.len().saturating_sub(1)) {
            widths[i] = widths[i].max((cell.chars().count() + 3).max(6));
        }
    }
    let mut out = String::new();
    for line in lines {
        for (i, cell) in line.iter().enumerate() {
            out.push_str(cell);
            if i + 1 < line.len() {
                let pad = widths[i].saturating_sub(cell.chars().count());
                out.push_str(&" ".repeat(pad));
            }
        }
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn tables_print_as_kubectl_does() {
        let cm = |name: &str, data: i64| {
            json!({"kind": "Table", "columnDefinitions": [
                {"name": "Name", "type": "string", "priority": 0},
                {"name": "Data", "type": "string", "priority": 0},
                {"name": "Age", "type": "string", "priority": 0},
                {"name": "Hidden", "type": "string", "priority": 1}],
                "rows": [{"cells": [name, data, "5s", "x"]}]})
        };
        let mut resources = Resources::new();
        resources.insert(
            "v1/ConfigMap".to_owned(),
            vec![cm("a", 1), cm("a-much-longer-name", 12)],
        );
        assert_eq!(
            resources_text(&resources),
            "==> v1/ConfigMap\nNAME   DATA   AGE\na      1      5s\na-much-longer-name   12    5s\n\n"
        );
    }
}
