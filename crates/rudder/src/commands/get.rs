//! `rudder get all|values|manifest|notes|hooks|metadata` (helm/helm `pkg/cmd/get*.go`).

use std::collections::BTreeMap;
use std::io::Write;
use std::sync::Arc;

use rudder_action::get::{Get, GetMetadata, GetValues, Metadata};
use rudder_release::Release;
use rudder_value::{List, Map, Value};

use crate::cli::GetCommand;
use crate::commands::list::{go_time, json, map_of, struct_json, yaml};
use crate::commands::status_printer::{OutputFormat, StatusPrinter};
use crate::settings::Settings;

pub fn run(cmd: &GetCommand, settings: &Settings, out: &mut dyn Write) -> anyhow::Result<()> {
    let format = match cmd {
        GetCommand::Values(a) => Some(&a.output),
        GetCommand::Metadata(a) => Some(&a.output),
        _ => None,
    }
    .map(|o| OutputFormat::parse(o))
    .transpose()?
    .unwrap_or_default();
    let ctx = if settings.host.is_some() {
        // Through tiller: fetch the revision, then read it as the direct mode does.
        let (release, revision) = match cmd {
            GetCommand::All(a) => (&a.release, a.revision),
            GetCommand::Values(a) => (&a.release, a.revision),
            GetCommand::Manifest(a) => (&a.release, a.revision),
            GetCommand::Notes(a) => (&a.release, a.revision),
            GetCommand::Hooks(a) => (&a.release, a.revision),
            GetCommand::Metadata(a) => (&a.release, a.revision),
        };
        let rel = crate::remote::release(settings, release, revision)?;
        crate::remote::context_with(settings, &rel)?
    } else {
        let ctx = crate::commands::context::build(settings)?;
        crate::commands::context::check_reachable(&*ctx.kube)?;
        ctx
    };
    match cmd {
        GetCommand::All(args) => {
            let rel = Get {
                version: args.revision,
            }
            .run(&ctx, &args.release)?;
            if !args.template.is_empty() {
                return template(&args.template, &rel, out);
            }
            StatusPrinter {
                release: &rel,
                debug: true,
                show_metadata: true,
                hide_notes: false,
                no_color: true,
            }
            .write(OutputFormat::Table, out)
        }
        GetCommand::Values(args) => {
            let values = GetValues {
                version: args.revision,
                all_values: args.all,
            }
            .run(&ctx, &args.release)?;
            // A release stored without values has Go's nil map (`config` is `omitempty`), which
            // Helm prints as `null`.
            let values = if values.is_empty() && !args.all {
                Value::Nil
            } else {
                Value::Map(values)
            };
            match format {
                OutputFormat::Table => {
                    if args.all {
                        writeln!(out, "COMPUTED VALUES:")?;
                    } else {
                        writeln!(out, "USER-SUPPLIED VALUES:")?;
                    }
                    out.write_all(yaml(&values)?.as_bytes())?;
                }
                OutputFormat::Json => writeln!(out, "{}", json(&values)?)?,
                OutputFormat::Yaml => out.write_all(yaml(&values)?.as_bytes())?,
            }
            Ok(())
        }
        GetCommand::Manifest(args) => {
            let rel = Get {
                version: args.revision,
            }
            .run(&ctx, &args.release)?;
            writeln!(out, "{}", rel.manifest)?;
            Ok(())
        }
        GetCommand::Notes(args) => {
            let rel = Get {
                version: args.revision,
            }
            .run(&ctx, &args.release)?;
            if !rel.info.notes.is_empty() {
                write!(out, "NOTES:\n{}\n", rel.info.notes)?;
            }
            Ok(())
        }
        GetCommand::Hooks(args) => {
            let rel = Get {
                version: args.revision,
            }
            .run(&ctx, &args.release)?;
            for h in &rel.hooks {
                write!(out, "---\n# Source: {}\n{}\n", h.path, h.manifest)?;
            }
            Ok(())
        }
        GetCommand::Metadata(args) => {
            let metadata = GetMetadata {
                version: args.revision,
            }
            .run(&ctx, &args.release)?;
            write_metadata(&metadata, format, out)
        }
    }
}

/// Helm's `metadataWriter`.
fn write_metadata(m: &Metadata, format: OutputFormat, out: &mut dyn Write) -> anyhow::Result<()> {
    match format {
        OutputFormat::Table => {
            let apply_method = match m.apply_method.as_str() {
                "" => "client-side apply (defaulted)".to_owned(),
                "csa" => "client-side apply".to_owned(),
                "ssa" => "server-side apply".to_owned(),
                other => format!("unknown ({})", rudder_value::strconv::quote(other)),
            };
            writeln!(out, "NAME: {}", m.name)?;
            writeln!(out, "CHART: {}", m.chart)?;
            writeln!(out, "VERSION: {}", m.version)?;
            writeln!(out, "APP_VERSION: {}", m.app_version)?;
            writeln!(out, "ANNOTATIONS: {}", label_set(&m.annotations))?;
            writeln!(out, "LABELS: {}", label_set(&m.labels))?;
            writeln!(out, "DEPENDENCIES: {}", m.formatted_dep_names())?;
            writeln!(out, "NAMESPACE: {}", m.namespace)?;
            writeln!(out, "REVISION: {}", m.revision)?;
            writeln!(out, "STATUS: {}", m.status)?;
            writeln!(out, "DEPLOYED_AT: {}", m.deployed_at)?;
            writeln!(out, "APPLY_METHOD: {apply_method}")?;
        }
        OutputFormat::Json => writeln!(out, "{}", struct_json(&metadata_fields(m))?)?,
        OutputFormat::Yaml => {
            out.write_all(yaml(&map_of(metadata_fields(m)))?.as_bytes())?;
        }
    }
    Ok(())
}

/// k8s.io/apimachinery's `labels.Set.String()`: sorted `key=value` joined by commas.
fn label_set(map: &BTreeMap<String, String>) -> String {
    map.iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join(",")
}

fn string_map(map: &BTreeMap<String, String>) -> Value {
    let m = Map::new();
    for (k, v) in map {
        m.insert(k.clone(), Value::string(v.clone()));
    }
    Value::Map(m)
}

/// Helm's `action.Metadata` in its JSON field order, `omitempty` fields left out when empty.
fn metadata_fields(m: &Metadata) -> Vec<(&'static str, Value)> {
    let mut f = vec![
        ("name", Value::string(m.name.clone())),
        ("chart", Value::string(m.chart.clone())),
        ("version", Value::string(m.version.clone())),
        ("appVersion", Value::string(m.app_version.clone())),
    ];
    if !m.annotations.is_empty() {
        f.push(("annotations", string_map(&m.annotations)));
    }
    if !m.labels.is_empty() {
        f.push(("labels", string_map(&m.labels)));
    }
    if !m.dependencies.is_empty() {
        let deps = m
            .dependencies
            .iter()
            .map(|d| {
                let o = Map::new();
                o.insert("name", Value::string(d.name.clone()));
                if !d.version.is_empty() {
                    o.insert("version", Value::string(d.version.clone()));
                }
                o.insert("repository", Value::string(d.repository.clone()));
                if !d.condition.is_empty() {
                    o.insert("condition", Value::string(d.condition.clone()));
                }
                if !d.tags.is_empty() {
                    let tags = d.tags.iter().map(|t| Value::string(t.clone())).collect();
                    o.insert("tags", Value::List(List::new(tags)));
                }
                if d.enabled {
                    o.insert("enabled", Value::Bool(true));
                }
                if !d.import_values.is_empty() {
                    o.insert(
                        "import-values",
                        Value::List(List::new(d.import_values.clone())),
                    );
                }
                if !d.alias.is_empty() {
                    o.insert("alias", Value::string(d.alias.clone()));
                }
                Value::Map(o)
            })
            .collect();
        f.push(("dependencies", Value::List(List::new(deps))));
    }
    f.push(("namespace", Value::string(m.namespace.clone())));
    f.push(("revision", Value::Int64(m.revision)));
    f.push(("status", Value::string(m.status.clone())));
    f.push(("deployedAt", Value::string(m.deployed_at.clone())));
    if !m.apply_method.is_empty() {
        f.push(("applyMethod", Value::string(m.apply_method.clone())));
    }
    f
}

/// `get all --template`: Go's text/template (no Sprig) over `{"Release": release}`, the release
/// given with Go's field names.
fn template(text: &str, rel: &Release, out: &mut dyn Write) -> anyhow::Result<()> {
    let mut set = rudder_gotmpl::Templates::new(Arc::new(rudder_gotmpl::FuncMap::default()));
    set.parse("_", text).map_err(|e| anyhow::anyhow!("{e}"))?;
    let data = Map::new();
    data.insert("Release", go_release(rel));
    let text = set
        .execute("_", &Value::Map(data))
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    out.write_all(text.as_bytes())?;
    Ok(())
}

fn go_release(rel: &Release) -> Value {
    let time = |t: Option<rudder_release::Time>| Value::string(go_time(t.unwrap_or_default(), ""));
    let info = Map::new();
    info.insert("FirstDeployed", time(rel.info.first_deployed));
    info.insert("LastDeployed", time(rel.info.last_deployed));
    info.insert("Deleted", time(rel.info.deleted));
    info.insert("Description", Value::string(rel.info.description.clone()));
    info.insert(
        "Status",
        Value::string(
            rel.info
                .status
                .map(rudder_release::Status::as_str)
                .unwrap_or_default(),
        ),
    );
    info.insert("Notes", Value::string(rel.info.notes.clone()));
    let r = Map::new();
    r.insert("Name", Value::string(rel.name.clone()));
    r.insert("Info", Value::Map(info));
    if let Some(chart) = &rel.chart {
        let md = Map::new();
        md.insert("Name", Value::string(chart.metadata.name.clone()));
        md.insert("Version", Value::string(chart.metadata.version.clone()));
        md.insert(
            "AppVersion",
            Value::string(chart.metadata.app_version.clone()),
        );
        md.insert(
            "Description",
            Value::string(chart.metadata.description.clone()),
        );
        md.insert(
            "APIVersion",
            Value::string(chart.metadata.api_version.clone()),
        );
        let c = Map::new();
        c.insert("Metadata", Value::Map(md));
        c.insert("Values", Value::Map(chart.values.clone()));
        r.insert("Chart", Value::Map(c));
    }
    r.insert("Config", Value::Map(rel.config.clone()));
    r.insert("Manifest", Value::string(rel.manifest.clone()));
    let hooks = rel
        .hooks
        .iter()
        .map(|h| {
            let m = Map::new();
            m.insert("Name", Value::string(h.name.clone()));
            m.insert("Kind", Value::string(h.kind.clone()));
            m.insert("Path", Value::string(h.path.clone()));
            m.insert("Manifest", Value::string(h.manifest.clone()));
            m.insert("Weight", Value::Int64(h.weight));
            Value::Map(m)
        })
        .collect();
    r.insert("Hooks", Value::List(List::new(hooks)));
    r.insert("Version", Value::Int64(rel.version));
    r.insert("Namespace", Value::string(rel.namespace.clone()));
    r.insert("Labels", string_map(&rel.labels));
    r.insert("ApplyMethod", Value::string(rel.apply_method.clone()));
    Value::Map(r)
}
