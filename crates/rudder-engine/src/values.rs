//! The render values: `.Release`, `.Capabilities`, `.Chart` and `.Values` as Helm's
//! `ToRenderValues` composes them (helm/helm `pkg/chart/common/util/values.go`).

use std::sync::Arc;

use rudder_value::{Map, Value};

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
