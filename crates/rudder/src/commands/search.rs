//! `rudder search repo [KEYWORD...]` (helm/helm `pkg/cmd/search_repo.go`).

use std::fmt::Write as _;
use std::io::Write;

use anyhow::bail;
use rudder_action::repo::SearchRepo;
use rudder_action::table::Table;
use rudder_value::{List, Map, Value};

use crate::cli::{SearchCommand, SearchRepoArgs};
use crate::settings::Settings;

/// Helm's `-o` formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutputFormat {
    /// uitable.
    Table,
    /// `json.NewEncoder(out).Encode(v)`.
    Json,
    /// `sigs.k8s.io/yaml.Marshal(v)`.
    Yaml,
}

impl OutputFormat {
    /// Parses `-o`, with Helm's error.
    pub fn parse(text: &str) -> anyhow::Result<OutputFormat> {
        match text {
            "table" => Ok(OutputFormat::Table),
            "json" => Ok(OutputFormat::Json),
            "yaml" => Ok(OutputFormat::Yaml),
            _ => bail!("invalid format type"),
        }
    }

    /// Writes a value as JSON (one line) or YAML.
    pub fn write(self, v: &Value, out: &mut dyn Write) -> anyhow::Result<()> {
        match self {
            OutputFormat::Json => {
                let text = rudder_yaml::to_json(v, &rudder_yaml::JsonOptions::marshal())?;
                writeln!(out, "{text}")?;
            }
            OutputFormat::Yaml | OutputFormat::Table => {
                write!(out, "{}", rudder_yaml::to_yaml(v)?)?;
            }
        }
        Ok(())
    }
}

/// An error and its causes joined by `: `, as Go's wrapped errors print.
pub fn chain(e: &dyn std::error::Error) -> String {
    let mut s = e.to_string();
    let mut cur = e.source();
    while let Some(c) = cur {
        s.push_str(": ");
        s.push_str(&c.to_string());
        cur = c.source();
    }
    s
}

pub fn run(cmd: &SearchCommand, settings: &Settings, out: &mut dyn Write) -> anyhow::Result<()> {
    match cmd {
        SearchCommand::Repo(args) => repo(args, settings, out),
    }
}

fn repo(args: &SearchRepoArgs, settings: &Settings, out: &mut dyn Write) -> anyhow::Result<()> {
    let format = OutputFormat::parse(&args.output)?;
    let action = SearchRepo {
        versions: args.versions,
        version: args.version.clone(),
        devel: args.devel,
        regexp: args.regexp,
    };
    let rows = action.run(&crate::commands::repo::paths(settings), &args.keywords)?;
    if rows.is_empty() && args.fail_on_no_result {
        bail!("no results found");
    }
    match format {
        OutputFormat::Table => {
            if rows.is_empty() {
                writeln!(out, "No results found")?;
                return Ok(());
            }
            let mut table = Table::new(args.max_col_width);
            table.add_row(["NAME", "CHART VERSION", "APP VERSION", "DESCRIPTION"]);
            for r in &rows {
                table.add_row([&r.name, &r.version, &r.app_version, &r.description]);
            }
            writeln!(out, "{table}")?;
        }
        OutputFormat::Yaml => {
            let list = rows
                .iter()
                .map(|r| {
                    let m = Map::new();
                    m.insert("name", Value::from(r.name.as_str()));
                    m.insert("version", Value::from(r.version.as_str()));
                    m.insert("app_version", Value::from(r.app_version.as_str()));
                    m.insert("description", Value::from(r.description.as_str()));
                    Value::Map(m)
                })
                .collect();
            OutputFormat::Yaml.write(&Value::List(List::new(list)), out)?;
        }
        OutputFormat::Json => {
            // Go writes the struct's fields in declaration order, not sorted.
            let s = |t: &str| {
                rudder_yaml::to_json(&Value::from(t), &rudder_yaml::JsonOptions::marshal())
            };
            let mut text = String::from("[");
            for (i, r) in rows.iter().enumerate() {
                if i > 0 {
                    text.push(',');
                }
                write!(
                    text,
                    "{{\"name\":{},\"version\":{},\"app_version\":{},\"description\":{}}}",
                    s(&r.name)?,
                    s(&r.version)?,
                    s(&r.app_version)?,
                    s(&r.description)?
                )?;
            }
            text.push(']');
            writeln!(out, "{text}")?;
        }
    }
    Ok(())
}
