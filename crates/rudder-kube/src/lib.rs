//! Cluster access for Rudder: the [`KubeClient`] trait, its kube-rs implementation
//! [`Cluster`], Helm's readiness rules ([`readiness`]) and `lookup` over a cluster
//! ([`ClusterLookup`]).
//!
//! [`KubeClient`] is Rudder's own narrow interface (Helm's is `pkg/kube/interface.go`).
//! It is **blocking**: the actions in `rudder-action` are synchronous, so [`Cluster`] owns a
//! single-threaded tokio runtime and blocks on it; the in-memory server in
//! `rudder-kube-memory` needs no runtime at all. Objects travel as JSON because charts
//! create any kind, CRDs included; the REST mapping (namespaced or not) comes from
//! discovery and is cached.
//!
//! Writes follow Helm 4: server-side apply with field manager `helm`
//! ([`FIELD_MANAGER`]). [`create_all`] and [`update_all`] are Helm's `Create` and
//! `Update` over a whole release (created, updated and deleted resources, `keep` policy,
//! `--force-replace`). Helm 3's client-side update (`--server-side=false`) sends built-in
//! kinds a three-way strategic merge patch and custom resources a JSON merge patch
//! ([`merge`]).
//!
//! ```no_run
//! use rudder_kube::{ApplyOptions, Cluster, KubeClient, KubeOptions, WaitOptions};
//!
//! # fn main() -> rudder_kube::Result<()> {
//! let options = KubeOptions {
//!     kubeconfig: vec!["/home/me/.kube/config".into()],
//!     namespace: Some("demo".to_owned()),
//!     ..KubeOptions::default()
//! };
//! let cluster = Cluster::connect(&options)?;
//! let resources = cluster.build("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n")?;
//! for r in &resources {
//!     cluster.apply(r, &ApplyOptions::default())?;
//! }
//! cluster.wait(&resources, &WaitOptions::default())?;
//! # Ok(())
//! # }
//! ```

mod client;
mod cluster;
mod error;
mod lookup;
pub mod merge;
mod object;
mod options;
mod ready;
mod update;

pub use client::{KubeClient, PatchKind, ServerVersion, WaitOptions};
pub use cluster::Cluster;
pub use error::{Error, Pending, Result, chain, resource_name};
pub use lookup::{ClusterLookup, to_map, to_value};
pub use object::{
    ApplyOptions, FIELD_MANAGER, ObjectRef, Propagation, Resource, Selector, group_version, int_at,
    parse_manifest, str_at, value_at,
};
pub use options::{KubeOptions, load_kubeconfig, namespace, resolve_namespace};
pub use ready::{Readiness, completion, readiness};
pub use update::{
    Changes, KEEP_POLICY, RESOURCE_POLICY_ANNOTATION, UpdateOptions, client_side_patch, create_all,
    managed_fields_upgrade, merge_patch, update_all,
};
