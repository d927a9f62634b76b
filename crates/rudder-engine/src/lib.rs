//! Helm's rendering of charts over the Go template engine (helm/helm `pkg/engine`).
//!
//! [`Engine`] parses every template of a chart tree into one template set, in Helm's order,
//! and executes each non-partial template with its chart's scope: `.Values` (the chart's part
//! of the values), `.Chart`, `.Release`, `.Capabilities`, `.Files`, `.Template` and
//! `.Subcharts`. On top of Sprig's functions it registers Helm's `include`, `tpl`,
//! `required`, `fail` and `lookup`, and reports errors in Helm 4's words.
//! [`to_render_values`] builds the top-level values as Helm's `ToRenderValues` does.
//!
//! ```
//! use rudder_chart::{File, coalesce_values, load_files};
//! use rudder_engine::{Engine, ReleaseOptions, to_render_values};
//! use rudder_value::Map;
//!
//! let chart = load_files(vec![
//!     File::new("Chart.yaml", &b"apiVersion: v2\nname: demo\nversion: 0.1.0\n"[..]),
//!     File::new("values.yaml", &b"replicas: 2\n"[..]),
//!     File::new("templates/cm.yaml", &b"name: {{ .Release.Name }}-{{ .Values.replicas }}"[..]),
//! ])
//! .unwrap();
//! let (values, _warnings) = coalesce_values(&chart, &Map::new()).unwrap();
//! let release = ReleaseOptions { name: "rel".to_owned(), ..ReleaseOptions::default() };
//! let top = to_render_values(&chart, &values, &release, None);
//! let out = Engine::default().render(&chart, &top).unwrap();
//! assert_eq!(out["demo/templates/cm.yaml"], "name: rel-2");
//! ```
//!
//! # Tests against real Helm
//!
//! - `tests/oracle.rs` renders every `testdata/oracle/<group>/<case>.tpl` and compares it with
//!   the `.out`/`.err` real Helm produced (`scripts/oracle.py` at the workspace root writes
//!   them). `ORACLE_FILTER=helm/,lang/` runs some groups, `ORACLE_VERBOSE=1` prints whole
//!   differences.
//! - `tests/charts.rs` renders the charts in `testdata/charts/` (subcharts, `.Files`, library
//!   charts) against `scripts/charts.py`'s recording of real Helm.
//! - `tests/conformance.rs` renders `../shared/conformance/` and prints a score
//!   (`CONFORMANCE_FILTER`, `CONFORMANCE_VERBOSE`, `CONFORMANCE_STRICT`).
//! - `data/` holds Helm's default capabilities, written by `scripts/capabilities.py`.

mod ahead;
mod capabilities;
mod engine;
mod error;
mod files;
mod funcs;
mod glob;
mod lookup;
mod parallel;
mod reformat;
mod values;
mod yaml;

pub use ahead::ParseAhead;
pub use capabilities::{BuildInfo, Capabilities, KubeVersion, VersionSet};
pub use engine::{ChartInput, Engine, RenderedSink};
pub use error::{Error, Result};
pub use files::Files;
pub use lookup::{Lookup, Objects};
pub use values::{ReleaseOptions, to_render_values};
