//! The render values: `.Release`, `.Capabilities`, `.Chart` and `.Values` as Helm's
//! `ToRenderValues` composes them (helm/helm `pkg/chart/common/util/values.go`).

use std::sync::Arc;

use rudder_gotmpl::{ArgType, MapMethods, Signature};
use rudder_value::{Map, Value, strconv};

use crate::capabilities::Capabilities;
use rudder_chart::Chart;

/// The release a chart is rendered for (Helm's `common.ReleaseOptions`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReleaseOptions {
    /// `.Release.Name`
    pub name: String,
    /// `.Release.Namespace`
    pub namespace: String,
    /// `.Release.Revision`
    pub revision: i64,
    /// `.Release.IsInstall`
    pub is_install: bool,
    /// `.Release.IsUpgrade`
    pub is_upgrade: bool,
}

impl Default for ReleaseOptions {
    /// What `helm template` uses apart from the name: namespace `default`, revision 1, install.
    fn default() -> Self {
        ReleaseOptions {
            name: String::new(),
            namespace: "default".to_owned(),
            revision: 1,
            is_install: true,
            is_upgrade: false,
        }
    }
}

impl ReleaseOptions {
    /// `.Release` as the map Helm builds.
    pub fn to_map(&self) -> Map {
        let map = Map::new();
        map.insert("Name", Value::from(self.name.as_str()));
        map.insert("Namespace", Value::from(self.namespace.as_str()));
        map.insert("IsUpgrade", Value::Bool(self.is_upgrade));
        map.insert("IsInstall", Value::Bool(self.is_install));
        map.insert("Revision", Value::Int(self.revision));
        map.insert("Service", Value::from("Helm"));
        map
    }
}

/// Helm's `ToRenderValues` without schema validation: the top-level map the engine renders
/// with. `values` are the chart's coalesced values (`rudder_chart::coalesce_values`); `caps`
/// defaults to Helm's [`Capabilities::default`].
pub fn to_render_values(
    chart: &Chart,
    values: &Map,
    options: &ReleaseOptions,
    caps: Option<&Capabilities>,
) -> Map {
    let caps = caps.cloned().unwrap_or_default();
    let top = Map::new();
    top.insert("Chart", Value::Map(chart.metadata.as_map()));
    top.insert("Capabilities", Value::Object(Arc::new(caps)));
    top.insert("Release", Value::Map(options.to_map()));
    top.insert(
        "Values",
        Value::Map(Map::with_type_name(values.to_btree(), "common.Values")),
    );
    top
}

/// The methods of Helm's `common.Values` (helm/helm `pkg/chart/common/values.go`), which `.`
/// and `.Values` are: `{{ .Values.YAML }}`, `{{ .Values.AsMap }}`, `{{ .Values.Table "a.b" }}`
/// and `{{ .Values.PathValue "a.b" }}`. As in Go, a method hides a value of the same name.
/// `Encode` takes an `io.Writer`, which no template can make: it is declared only so that
/// calling it fails as in Go.
pub(crate) struct ValuesMethods;

/// Go's name of the type.
pub(crate) const VALUES_TYPE: &str = "common.Values";

impl ValuesMethods {
    /// `tableLookup`: the map under `key` when it is a table.
    fn table_lookup(map: &Map, key: &str) -> Result<Map, String> {
        match map.get(key) {
            Some(Value::Map(m))
                if matches!(m.type_name(), "map[string]interface {}" | VALUES_TYPE) =>
            {
                Ok(m)
            }
            _ => Err(format!("{} is not a table", strconv::quote(key))),
        }
    }

    /// `Table`: the table at a dotted path.
    fn table(map: &Map, path: &str) -> Result<Map, String> {
        let mut table = map.clone();
        for key in path.split('.') {
            table = Self::table_lookup(&table, key)?;
        }
        Ok(table.retyped(VALUES_TYPE))
    }

    /// `PathValue`: the non-table value at a dotted path.
    fn path_value(map: &Map, path: &str) -> Result<Value, String> {
        if path.is_empty() {
            return Err("YAML path cannot be empty".to_owned());
        }
        let no_value = |key: &str| format!("{} is not a value", strconv::quote(key));
        let (table, key) = match path.rsplit_once('.') {
            None => (map.clone(), path),
            Some((tables, key)) => (Self::table(map, tables).map_err(|_| no_value(key))?, key),
        };
        match table.get(key) {
            Some(Value::Map(m)) if m.type_name() == "map[string]interface {}" => Err(no_value(key)),
            Some(v) => Ok(v),
            None => Err(no_value(key)),
        }
    }
}

impl MapMethods for ValuesMethods {
    fn arity(&self, name: &str) -> Option<(usize, bool)> {
        match name {
            "YAML" | "AsMap" => Some((0, false)),
            "Table" | "PathValue" | "Encode" => Some((1, false)),
            _ => None,
        }
    }

    fn call(&self, map: &Map, name: &str, args: &[Value]) -> Result<Value, String> {
        let arg = args.first().and_then(Value::as_str).unwrap_or_default();
        match name {
            "YAML" => rudder_yaml::to_yaml(&Value::Map(map.clone()))
                .map(Value::from)
                .map_err(|e| e.to_string()),
            "AsMap" if map.is_empty() => Ok(Value::Map(Map::new())),
            "AsMap" => Ok(Value::Map(map.retyped("map[string]interface {}"))),
            "Table" => Self::table(map, arg).map(Value::Map),
            "PathValue" => Self::path_value(map, arg),
            _ => Err(format!("can't call method {name}")),
        }
    }
}

/// The parameter types of [`ValuesMethods`], for `Templates::with_method_signature`.
pub(crate) fn values_method_signatures() -> Vec<(&'static str, &'static str, Signature)> {
    let string = || Signature::fixed(&[ArgType::String]);
    vec![
        (VALUES_TYPE, "YAML", Signature::fixed(&[])),
        (VALUES_TYPE, "AsMap", Signature::fixed(&[])),
        (VALUES_TYPE, "Table", string()),
        (VALUES_TYPE, "PathValue", string()),
        (
            VALUES_TYPE,
            "Encode",
            Signature::fixed(&[ArgType::Host("io.Writer")]),
        ),
    ]
}
