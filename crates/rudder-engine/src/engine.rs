//! The engine: every template of a chart tree parsed into one set and executed with its
//! chart's scope (helm/helm `pkg/engine/engine.go`).

use std::collections::BTreeMap;
use std::sync::Arc;

use rudder_chart::Chart;
use rudder_gotmpl::{FuncMap, MissingKey, Options, Templates};
use rudder_value::{Map, Value};

use crate::error::{Error, Result};
use crate::files::Files;
use crate::lookup::Lookup;
use crate::reformat::{cleanup_parse_error, reformat_exec_error};

/// Renders charts (Helm's `engine.Engine`).
#[derive(Clone, Default)]
pub struct Engine {
    /// Fail on a missing map key instead of printing nothing (`missingkey=error`).
    pub strict: bool,
    /// Lint mode: `required` and `fail` do not fail, `lookup` never asks the cluster.
    pub lint_mode: bool,
    /// Where `lookup` reads live objects; `None` makes it return empty maps.
    pub lookup: Option<Arc<dyn Lookup>>,
    /// Let `getHostByName` resolve names; otherwise it returns an empty string.
    pub enable_dns: bool,
    /// Extra functions, registered last (Helm's `CustomTemplateFuncs`).
    pub custom_funcs: FuncMap,
}

impl std::fmt::Debug for Engine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Engine")
            .field("strict", &self.strict)
            .field("lint_mode", &self.lint_mode)
            .field("lookup", &self.lookup.is_some())
            .field("enable_dns", &self.enable_dns)
            .finish_non_exhaustive()
    }
}

/// One chart of the tree to render, as Helm's engine sees it through its chart accessor.
#[derive(Clone, Debug, Default)]
pub struct ChartInput {
    /// `Metadata.Name` (after aliasing).
    pub name: String,
    /// `.Chart`: the metadata as Helm's `MetadataAsMap` builds it (Go field names); the engine
    /// adds `IsRoot`.
    pub metadata: Map,
    /// A library chart: only its partials (`_*`) are templates.
    pub library: bool,
    /// Templates as (path inside the chart, e.g. `templates/a.yaml`, text).
    pub templates: Vec<(String, String)>,
    /// `.Files`
    pub files: Files,
    /// Enabled dependencies, in the chart's order.
    pub dependencies: Vec<ChartInput>,
}

/// A template to render with its scope (Helm's `renderable`).
struct Renderable {
    text: String,
    vals: Map,
    base_path: String,
}

pub(crate) fn options(strict: bool) -> Options {
    Options {
        missing_key: if strict {
            MissingKey::Error
        } else {
            MissingKey::Zero
        },
    }
}

impl ChartInput {
    /// The engine's view of a loaded chart and its (already processed) dependencies.
    pub fn from_chart(chart: &Chart) -> ChartInput {
        ChartInput {
            name: chart.name().to_owned(),
            metadata: chart.metadata.as_map(),
            // Helm compares the type case-insensitively here (`strings.EqualFold`).
            library: chart.metadata.chart_type.eq_ignore_ascii_case("library"),
            templates: chart
                .templates
                .iter()
                .map(|f| {
                    (
                        f.name.clone(),
                        String::from_utf8_lossy(&f.data).into_owned(),
                    )
                })
                .collect(),
            files: Files::new(chart.files.iter().map(|f| (f.name.clone(), f.data.clone()))),
            dependencies: chart
                .dependencies()
                .iter()
                .map(ChartInput::from_chart)
                .collect(),
        }
    }
}

impl Engine {
    /// Renders every template of `chart` and its dependencies with `values`, the result of
    /// [`to_render_values`](crate::to_render_values) (Helm's `engine.Render`): template path
    /// (`chart/templates/x.yaml`, `chart/charts/sub/templates/y.yaml`) to rendered text.
    /// Dependencies must already be processed (conditions, tags, aliases, import-values).
    /// Partials (`_*`) are parsed but not rendered; `NOTES.txt` files are rendered like other
    /// templates, and `<no value>` is removed from every output.
    pub fn render(&self, chart: &Chart, values: &Map) -> Result<BTreeMap<String, String>> {
        self.render_input(&ChartInput::from_chart(chart), values)
    }

    /// Renders every template of `chart` and its dependencies with `values` (the result of
    /// [`to_render_values`](crate::to_render_values)): template path (`chart/templates/x.yaml`,
    /// `chart/charts/sub/templates/y.yaml`) to text. Partials (`_*`) are parsed but not
    /// rendered; `NOTES.txt` files are rendered like other templates.
    pub fn render_input(
        &self,
        chart: &ChartInput,
        values: &Map,
    ) -> Result<BTreeMap<String, String>> {
        let mut templates = BTreeMap::new();
        collect(chart, None, values, &mut templates);
        self.render_all(&templates)
    }

    fn render_all(&self, tpls: &BTreeMap<String, Renderable>) -> Result<BTreeMap<String, String>> {
        let mut set = Templates::new(Arc::new(crate::funcs::func_map(self)))
            .with_name(crate::funcs::ROOT_NAME);
        set.set_options(options(self.strict));

        let keys = sort_templates(tpls.keys());
        for name in &keys {
            set.parse(name, &tpls[*name].text)
                .map_err(|err| cleanup_parse_error(name, &err.to_string()))?;
        }

        let mut rendered = BTreeMap::new();
        for name in keys {
            let base = name.rsplit('/').next().unwrap_or(name);
            if base.starts_with('_') {
                continue;
            }
            let renderable = &tpls[name];
            let template = Map::with_type_name(
                BTreeMap::from([
                    ("Name".to_owned(), Value::from(name.as_str())),
                    (
                        "BasePath".to_owned(),
                        Value::from(renderable.base_path.as_str()),
                    ),
                ]),
                "common.Values",
            );
            renderable.vals.insert("Template", Value::Map(template));
            let out = set
                .execute(name, &Value::Map(renderable.vals.clone()))
                .map_err(|err| {
                    let is_exec = matches!(err, rudder_gotmpl::Error::Exec { .. });
                    reformat_exec_error(name, &err.to_string(), is_exec)
                })?;
            rendered.insert(name.clone(), out.replace("<no value>", ""));
        }
        Ok(rendered)
    }
}

/// Helm's `recAllTpls`: builds each chart's scope and collects its templates; returns the
/// scope (for the parent's `.Subcharts`).
fn collect(
    chart: &ChartInput,
    parent_path: Option<&str>,
    values: &Map,
    out: &mut BTreeMap<String, Renderable>,
) -> Map {
    let is_root = parent_path.is_none();
    let metadata = chart.metadata.clone();
    metadata.insert("IsRoot", Value::Bool(is_root));
    let subcharts = Map::new();
    // Templates get the scope as Helm's `common.Values` (what `typeOf .` prints).
    let next = Map::with_type_name(BTreeMap::new(), "common.Values");
    next.insert("Chart", Value::Map(metadata));
    next.insert("Files", Value::Object(Arc::new(chart.files.clone())));
    next.insert("Release", values.get("Release").unwrap_or(Value::Nil));
    next.insert(
        "Capabilities",
        values.get("Capabilities").unwrap_or(Value::Nil),
    );
    let scoped = if is_root {
        values.get("Values").unwrap_or(Value::Nil)
    } else {
        match values.get("Values") {
            Some(Value::Map(parent_values)) => match parent_values.get(&chart.name) {
                Some(Value::Map(own)) => Value::Map(own),
                _ => empty_values(),
            },
            _ => empty_values(),
        }
    };
    next.insert("Values", scoped);
    next.insert("Subcharts", Value::Map(subcharts.clone()));

    let full_path = match parent_path {
        None => chart.name.clone(),
        Some(parent_path) => format!("{parent_path}/charts/{}", chart.name),
    };
    for child in &chart.dependencies {
        let scope = collect(child, Some(&full_path), &next, out);
        subcharts.insert(child.name.clone(), Value::Map(scope));
    }
    for (name, text) in &chart.templates {
        if chart.library && !base_name(name).starts_with('_') {
            continue;
        }
        out.insert(
            format!("{full_path}/{name}"),
            Renderable {
                text: text.clone(),
                vals: next.clone(),
                base_path: format!("{full_path}/templates"),
            },
        );
    }
    next
}

fn empty_values() -> Value {
    Value::Map(Map::with_type_name(BTreeMap::new(), "common.Values"))
}

fn base_name(path: &str) -> &str {
    path.rsplit('/').next().unwrap_or(path)
}

/// Helm's parse order: deeper paths first, then names in reverse order, so that a parent
/// chart's `define`s, parsed last, win over its dependencies'.
fn sort_templates<'a>(names: impl Iterator<Item = &'a String>) -> Vec<&'a String> {
    let mut keys: Vec<&String> = names.collect();
    keys.sort_by(|a, b| {
        let (ca, cb) = (a.matches('/').count(), b.matches('/').count());
        cb.cmp(&ca).then_with(|| b.cmp(a))
    });
    keys
}

impl Error {
    /// True for errors of `fail` and `required`.
    pub fn is_execution(&self) -> bool {
        matches!(self, Error::Execution { .. })
    }
}

#[cfg(test)]
mod tests {
    use super::sort_templates;

    #[test]
    fn deeper_templates_parse_first() {
        let names = [
            "a/templates/x.yaml",
            "a/charts/b/templates/y.yaml",
            "a/templates/_helpers.tpl",
            "a/templates/z.yaml",
        ]
        .map(str::to_owned);
        let sorted = sort_templates(names.iter());
        assert_eq!(
            sorted,
            [
                "a/charts/b/templates/y.yaml",
                "a/templates/z.yaml",
                "a/templates/x.yaml",
                "a/templates/_helpers.tpl",
            ]
        );
    }
}
