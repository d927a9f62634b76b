//! Releases and what Helm does with rendered manifests before they reach a cluster.
//!
//! [`Release`] is one revision of an installed chart ([`Info`], [`Status`], [`Hook`]s, the
//! chart and the user's values). [`Release::to_json`] and [`Release::from_json`] read and write
//! it exactly as Go's encoding/json does Helm's structs, and [`Release::encode`] and
//! [`Release::decode`] are Helm's storage encoding (base64 of gzipped JSON), so records pass
//! between Helm and Rudder unchanged.
//!
//! [`manifest::split_manifests`] cuts a rendered file into YAML documents the way Helm's
//! `releaseutil.SplitManifests` does, and [`manifest::sort_manifests`] turns the rendered files of
//! a chart into [`Hook`]s and plain [`manifest::Manifest`]s sorted in Helm's install order
//! ([`kind::INSTALL_ORDER`]).
//!
//! ```
//! use std::collections::BTreeMap;
//! use rudder_release::{kind, manifest};
//!
//! let mut files = BTreeMap::new();
//! files.insert("c/templates/a.yaml".to_owned(), "kind: Service\nmetadata:\n  name: s\n".to_owned());
//! files.insert("c/templates/b.yaml".to_owned(), "kind: ConfigMap\nmetadata:\n  name: m\n".to_owned());
//! let sorted = manifest::sort_manifests(&files, kind::INSTALL_ORDER).unwrap();
//! assert_eq!(sorted.manifests[0].head.kind, "ConfigMap");
//! ```

pub mod clock;
mod error;
pub mod hook;
pub mod kind;
pub mod manifest;
pub mod release;
pub mod time;

pub use clock::{Clock, FixedClock, SteppingClock};
pub use error::{Error, Result};
pub use hook::{Hook, HookDeletePolicy, HookEvent, HookExecution, HookOutputLogPolicy, HookPhase};
pub use release::{ChartTimes, Info, Release, Status};
pub use time::Time;
