//! `rudder history RELEASE_NAME` (helm/helm `pkg/cmd/history.go`).

use std::io::Write;

use rudder_action::history::History;
use rudder_action::table::Table;
use rudder_release::Release;
use rudder_value::{List, Map, Value};

use crate::cli::HistoryArgs;
use crate::commands::list::{app_version, chart_name, struct_json, yaml};
use crate::commands::status_printer::{OutputFormat, ansic};
use crate::settings::Settings;

pub fn run(args: &HistoryArgs, settings: &Settings, out: &mut dyn Write) -> anyhow::Result<()> {
    let format = OutputFormat::parse(&args.output)?;
    let max = usize::try_from(args.max).unwrap_or(0);
    let history = if settings.host.is_some() {
        crate::remote::history(settings, max, &args.release)?
    } else {
        let ctx = crate::commands::context::build(settings)?;
        crate::commands::context::check_reachable(&*ctx.kube)?;
        History { max }.run(&ctx, &args.release)?
    };
    write(&history, format, out)
}

/// Helm's `releaseHistory` writers.
pub fn write(history: &[Release], format: OutputFormat, out: &mut dyn Write) -> anyhow::Result<()> {
    match format {
        OutputFormat::Table => {
            let mut table = Table::new(0);
            table.add_row([
                "REVISION",
                "UPDATED",
                "STATUS",
                "CHART",
                "APP VERSION",
                "DESCRIPTION",
            ]);
            for r in history {
                table.add_row([
                    r.version.to_string(),
                    ansic(r.info.last_deployed.unwrap_or_default()),
                    status(r),
                    chart_name(r),
                    app_version(r),
                    r.info.description.clone(),
                ]);
            }
            writeln!(out, "{table}")?;
        }
        OutputFormat::Json => {
            let items: Vec<String> = history
                .iter()
                .map(|r| struct_json(&fields(r)))
                .collect::<anyhow::Result<_>>()?;
            writeln!(out, "[{}]", items.join(","))?;
        }
        OutputFormat::Yaml => {
            let items: Vec<Value> = history
                .iter()
                .map(|r| {
                    let m = Map::new();
                    for (k, v) in fields(r) {
                        m.insert(k, v);
                    }
                    Value::Map(m)
                })
                .collect();
            out.write_all(yaml(&Value::List(List::new(items)))?.as_bytes())?;
        }
    }
    Ok(())
}

fn status(r: &Release) -> String {
    r.info
        .status
        .map(rudder_release::Status::as_str)
        .unwrap_or_default()
        .to_owned()
}

/// Helm's `releaseInfo` in its JSON field order; `updated` is left out for Go's zero time.
fn fields(r: &Release) -> Vec<(&'static str, Value)> {
    let mut f = vec![("revision", Value::Int64(r.version))];
    if let Some(t) = r.info.last_deployed.filter(|t| !t.is_zero()) {
        f.push(("updated", Value::string(t.to_rfc3339_nano())));
    }
    f.push(("status", Value::string(status(r))));
    f.push(("chart", Value::string(chart_name(r))));
    f.push(("app_version", Value::string(app_version(r))));
    f.push(("description", Value::string(r.info.description.clone())));
    f
}
