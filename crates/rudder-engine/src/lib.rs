//! Helm's rendering of charts over the Go template engine (helm/helm `pkg/engine`).
//!
//! [`Engine`] parses every template of a chart tree into one template set, in Helm's order,
//! and executes each non-partial template with its chart's scope: `.Values` (the chart's part
//! of the values), `.Chart`, `.Release`, `.Capabilities`, `.Files`, `.Template` and
//! `.Subcharts`. On top of Sprig's functions it registers Helm's `include`, `tpl`,
//! `required`, `fail` and `lookup`, and reports errors in Helm 4's words.
//! [`to_render_values`] builds the top-level values as Helm's `ToRenderValues` does.
//!
//! ```no_run
//! use rudder_engine::{ChartInput, Engine, ReleaseOptions, metadata_map, to_render_values};
//! use rudder_value::{Map, Value};
//!
//! let chart = ChartInput {
//!     name: "demo".to_owned(),
//!     metadata: metadata_map([("Name".to_owned(), Value::from("demo"))].into()),
//!     templates: vec![("templates/cm.yaml".to_owned(), "name: {{ .Release.Name }}".to_owned())],
//!     ..ChartInput::default()
//! };
//! let release = ReleaseOptions { name: "rel".to_owned(), ..ReleaseOptions::default() };
//! let values = to_render_values(&chart, &Map::new(), &release, None);
//! let out = Engine::default().render_input(&chart, &values).unwrap();
//! assert_eq!(out["demo/templates/cm.yaml"], "name: rel");
//! ```

mod capabilities;
mod engine;
mod error;
mod files;
mod funcs;
mod glob;
mod lookup;
mod reformat;
mod values;
mod yaml;

pub use capabilities::{BuildInfo, Capabilities, KubeVersion, VersionSet};
pub use engine::{ChartInput, Engine};
pub use error::{Error, Result};
pub use files::Files;
pub use lookup::Lookup;
pub use values::{ReleaseOptions, metadata_map, to_render_values};
