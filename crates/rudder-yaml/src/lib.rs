//! YAML, JSON and TOML read and written exactly as Helm's Go libraries do it.
//!
//! Helm reads values with `sigs.k8s.io/yaml`: go-yaml v2 decodes the first document with
//! YAML 1.1 rules (`yes`, `on`, `n` are booleans, `0755` is octal, timestamps stay strings),
//! map keys become strings, and a JSON round trip makes every number a `float64`. Helm's
//! `toYaml` goes the other way: `json.Marshal`, go-yaml v2 reads that JSON back, and go-yaml
//! v2's emitter writes it (80-column folding, `|-` blocks, quoting of strings that would read
//! back as something else). This crate reproduces both byte for byte: `libyaml-safer`'s event
//! parser (the state machine go-yaml is ported from) under our own resolver and decoder, and
//! our own port of go-yaml's emitter, since libyaml's differs in its character classes.
//!
//! - Reading: [`from_yaml`] (`interface{}`), [`from_yaml_into`] with a [`Target`] (Helm's
//!   values and `fromYaml` use [`Target::Map`]), [`from_yaml_typed`] with go-yaml's own number
//!   types for typed files such as `Chart.yaml`, and [`go_string_field`] for their `string`
//!   fields; [`from_yaml_bytes`] and [`from_yaml_typed_bytes`] for files, with go-yaml's
//!   errors for invalid UTF-8; [`from_yaml_head`] for a manifest's head only.
//! - Writing: [`to_yaml`] (`toYaml`, without Helm's trimming of the last newline) and
//!   [`to_yaml_pretty`] (`toYamlPretty`, go-yaml v3).
//! - JSON: [`to_json`] with [`JsonOptions`] (`toJson`, `toRawJson`, `toPrettyJson`),
//!   [`from_json`] and [`from_json_partial`] with a [`JsonTarget`].
//! - TOML: [`to_toml`] (BurntSushi's encoder) and [`from_toml`].
//!
//! Host structs ([`rudder_value::Object`]) are written through their `to_data()`, or through
//! `json_fields()` where encoding/json's field order matters. Every failure is an [`Error`]
//! whose text is Go's.
//!
//! ```
//! use rudder_value::Value;
//!
//! let v = rudder_yaml::from_yaml("enabled: on\nreplicas: 3\n").unwrap();
//! let m = v.as_map().unwrap();
//! assert!(matches!(m.get("enabled"), Some(Value::Bool(true))));
//! assert!(matches!(m.get("replicas"), Some(Value::Float(f)) if f == 3.0));
//! assert_eq!(rudder_yaml::to_yaml(&v).unwrap(), "enabled: true\nreplicas: 3\n");
//! ```

mod emit;
mod error;
mod gofloat;
mod head;
mod json;
mod read;
mod resolve;
mod simple_block;
mod toml;
mod write;

pub use error::{Error, Result};
pub use head::from_yaml_head;
pub use json::{JsonOptions, JsonTarget, from_json, from_json_partial, to_json};
pub use read::{
    Target, from_yaml, from_yaml_bytes, from_yaml_into, from_yaml_typed, from_yaml_typed_bytes,
    from_yaml_typed_strict, go_string_field,
};
pub use toml::{from_toml, to_toml};
pub use write::{to_yaml, to_yaml_pretty};
