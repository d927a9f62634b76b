//! `rudder list` (helm/helm `pkg/cmd/list.go`), and the JSON/YAML helpers the release
//! commands share.

use std::io::Write;

use anyhow::anyhow;
use rudder_action::list::List;
use rudder_action::table::Table;
use rudder_release::{Release, Time};
use rudder_value::{List as ValueList, Map, Value};
use rudder_yaml::JsonOptions;

use crate::cli::ListArgs;
use crate::commands::status_printer::OutputFormat;
use crate::settings::Settings;

pub fn run(args: &ListArgs, settings: &Settings, out: &mut dyn Write) -> anyhow::Result<()> {
    let format = OutputFormat::parse(&args.output)?;
    let list = List {
        all: args.all,
        by_date: args.date,
        sort_reverse: args.reverse,
        limit: usize::try_from(args.max).unwrap_or(0),
        offset: usize::try_from(args.offset).unwrap_or(0),
        filter: args.filter.clone(),
        selector: args.selector.clone(),
        deployed: args.deployed,
        uninstalled: args.uninstalled,
        uninstalling: args.uninstalling,
        failed: args.failed,
        pending: args.pending,
        superseded: args.superseded,
    };
    let releases = if settings.host.is_some() {
        crate::remote::list(settings, &list, args.all_namespaces)?
    } else {
        let ctx = if args.all_namespaces {
            crate::commands::context::build_in(settings, "")?
        } else {
            crate::commands::context::build(settings)?
        };
        crate::commands::context::check_reachable(&*ctx.kube)?;
        list.run(&ctx)?
    };

    if args.short {
        let names: Vec<Value> = releases
            .iter()
            .map(|r| Value::string(r.name.clone()))
            .collect();
        match format {
            OutputFormat::Json => {
                writeln!(out, "{}", json(&Value::List(ValueList::new(names)))?)?;
            }
            OutputFormat::Yaml => {
                out.write_all(yaml(&Value::List(ValueList::new(names)))?.as_bytes())?;
            }
            OutputFormat::Table => {
                for r in &releases {
                    writeln!(out, "{}", r.name)?;
                }
            }
        }
        return Ok(());
    }

    let elements: Vec<Vec<(&'static str, Value)>> = releases
        .iter()
        .map(|r| element(r, &args.time_format))
        .collect();
    match format {
        OutputFormat::Table => {
            let mut table = Table::new(0);
            if !args.no_headers {
                table.add_row([
                    "NAME",
                    "NAMESPACE",
                    "REVISION",
                    "UPDATED",
                    "STATUS",
                    "CHART",
                    "APP VERSION",
                ]);
            }
            for e in &elements {
                table.add_row(e.iter().map(|(_, v)| match v {
                    Value::String(s) => s.to_string(),
                    _ => String::new(),
                }));
            }
            writeln!(out, "{table}")?;
        }
        OutputFormat::Json => {
            let items: Vec<String> = elements
                .iter()
                .map(|e| struct_json(e))
                .collect::<anyhow::Result<_>>()?;
            writeln!(out, "[{}]", items.join(","))?;
        }
        OutputFormat::Yaml => {
            let items: Vec<Value> = elements.into_iter().map(map_of).collect();
            out.write_all(yaml(&Value::List(ValueList::new(items)))?.as_bytes())?;
        }
    }
    Ok(())
}

/// Helm's `releaseElement`, in its JSON field order.
fn element(r: &Release, time_format: &str) -> Vec<(&'static str, Value)> {
    let updated = match r.info.last_deployed.filter(|t| !t.is_zero()) {
        Some(t) => go_time(t, time_format),
        None => "-".to_owned(),
    };
    vec![
        ("name", Value::string(r.name.clone())),
        ("namespace", Value::string(r.namespace.clone())),
        ("revision", Value::string(r.version.to_string())),
        ("updated", Value::string(updated)),
        (
            "status",
            Value::string(
                r.info
                    .status
                    .map(rudder_release::Status::as_str)
                    .unwrap_or_default(),
            ),
        ),
        ("chart", Value::string(chart_name(r))),
        ("app_version", Value::string(app_version(r))),
    ]
}

/// Go's `t.String()` (empty layout) or `t.Format(layout)` of a release time.
pub fn go_time(t: Time, layout: &str) -> String {
    let text = t.to_rfc3339_nano();
    rudder_sprig::format_rfc3339(&text, layout).unwrap_or(text)
}

/// Helm's `formatChartName`: `NAME-VERSION`, or `MISSING` without a chart.
pub fn chart_name(r: &Release) -> String {
    match &r.chart {
        Some(c) => format!("{}-{}", c.metadata.name, c.metadata.version),
        None => "MISSING".to_owned(),
    }
}

/// Helm's `formatAppVersion`: the chart's appVersion, or `MISSING` without a chart.
pub fn app_version(r: &Release) -> String {
    match &r.chart {
        Some(c) => c.metadata.app_version.clone(),
        None => "MISSING".to_owned(),
    }
}

/// A value as Go's `json.Marshal` writes it.
pub fn json(v: &Value) -> anyhow::Result<String> {
    rudder_yaml::to_json(v, &JsonOptions::marshal())
        .map_err(|e| anyhow!("unable to write JSON output: {e}"))
}

/// A Go struct as `json.Marshal` writes it: the fields in the order given.
pub fn struct_json(fields: &[(&str, Value)]) -> anyhow::Result<String> {
    let mut out = String::from("{");
    for (i, (k, v)) in fields.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(&json(&Value::string(*k))?);
        out.push(':');
        out.push_str(&json(v)?);
    }
    out.push('}');
    Ok(out)
}

/// A value as sigs.k8s.io/yaml's `Marshal` writes it (`output.EncodeYAML`).
pub fn yaml(v: &Value) -> anyhow::Result<String> {
    rudder_yaml::to_yaml(v).map_err(|e| anyhow!("unable to write YAML output: {e}"))
}

/// The fields as a map (sigs.k8s.io/yaml sorts a struct's keys).
pub fn map_of(fields: Vec<(&'static str, Value)>) -> Value {
    let m = Map::new();
    for (k, v) in fields {
        m.insert(k, v);
    }
    Value::Map(m)
}
