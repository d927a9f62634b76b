//! Helm charts before rendering: the model, loading, values, dependencies and schema.
//!
//! * [`Chart`] holds one chart (apiVersion v1 or v2) with its [`Metadata`], templates, files,
//!   default values and subcharts; [`load`] reads it from a directory (honouring
//!   `.helmignore`) or a `.tgz` archive with Helm's safety checks and limits.
//! * [`values::Options`] merges `-f` files and the `--set` family into user values
//!   ([`strvals`] holds the `--set` grammar).
//! * [`process_dependencies`] applies conditions, tags, aliases and import-values;
//!   [`coalesce_values`] merges chart defaults under user values, parent over subchart, with
//!   `global` copied down; [`validate_against_schema`] checks `values.schema.json` files.
//!
//! ```
//! use rudder_value::{Map, Value};
//!
//! let user = rudder_chart::strvals::parse("replicas=3,image.tag=v1").unwrap();
//! let defaults = Map::new();
//! defaults.insert("replicas", Value::Float(1.0));
//! let mut chart = rudder_chart::Chart::default();
//! chart.metadata.name = "demo".into();
//! chart.values = defaults;
//! let (vals, warnings) = rudder_chart::coalesce_values(&chart, &user).unwrap();
//! assert!(warnings.is_empty());
//! assert!(matches!(vals.get("replicas"), Some(Value::Int64(3))));
//! ```

mod archive;
mod chart;
mod coalesce;
mod dependencies;
mod error;
mod gofmt;
pub mod ignore;
mod loader;
mod metadata;
mod save;
mod schema;
mod semver;
pub mod strvals;
pub mod values;
mod warning;
mod yaml;

pub use archive::{MAX_DECOMPRESSED_CHART_SIZE, MAX_DECOMPRESSED_FILE_SIZE, load_archive_files};
pub use chart::{Chart, Crd, File};
pub use coalesce::{coalesce_tables, coalesce_values, merge_tables, merge_values};
pub use dependencies::{check_dependencies, process_dependencies};
pub use error::{Error, Result, SetError, helm_message};
pub use loader::{load, load_archive, load_dir, load_file, load_files};
pub use metadata::{
    API_VERSION_V1, API_VERSION_V2, DEPENDENCY_FIELDS, Dependency, Lock, MAINTAINER_FIELDS,
    METADATA_FIELDS, Maintainer, Metadata, is_valid_semver,
};
pub use rudder_value::Bytes;
pub use save::{
    SaveError, lock_yaml, metadata_value, metadata_yaml, rfc3339_seconds, save_archive, save_dir,
};
pub use schema::{validate_against_schema, validate_against_single_schema};
pub use semver::is_compatible_range;
pub use warning::Warning;

/// The values key that is copied from every chart into its subcharts.
pub const GLOBAL_KEY: &str = "global";
