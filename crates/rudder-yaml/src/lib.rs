//! YAML, JSON and TOML read and written exactly as Helm's Go libraries do it.
//!
//! Helm reads values with `sigs.k8s.io/yaml` (go-yaml v2's YAML 1.1 rules, then a JSON round
//! trip that makes every number a `float64`) and writes `toYaml` through `json.Marshal` and
//! go-yaml v2's emitter. This crate reproduces both byte for byte on top of `libyaml-safer`'s
//! event parser and emitter, and Go's encoding/json and BurntSushi/toml output.
//!
//! - [`from_yaml`], [`from_yaml_into`], [`from_yaml_typed`]: reading.
//! - [`to_yaml`], [`to_yaml_pretty`]: writing.
//! - [`to_json`], [`from_json`]: encoding/json.
//! - [`to_toml`], [`from_toml`]: BurntSushi/toml.
//!
//! ```
//! use rudder_value::Value;
//!
//! let v = rudder_yaml::from_yaml("enabled: on\nreplicas: 3\n").unwrap();
//! let m = v.as_map().unwrap();
//! assert!(matches!(m.get("enabled"), Some(Value::Bool(true))));
//! assert!(matches!(m.get("replicas"), Some(Value::Float(f)) if f == 3.0));
//! ```

mod emit;
mod error;
mod gofloat;
mod json;
mod read;
mod resolve;
mod toml;
mod write;

pub use error::{Error, Result};
pub use json::{JsonOptions, JsonTarget, from_json, from_json_partial, to_json};
pub use read::{Target, from_yaml, from_yaml_into, from_yaml_typed, go_string_field};
pub use toml::{from_toml, to_toml};
pub use write::{to_yaml, to_yaml_pretty};
