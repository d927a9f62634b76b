//! An in-memory API server behind [`rudder_kube::KubeClient`], for fast action tests.
//!
//! [`MemoryCluster`] keeps objects in a map and behaves like a real API server where
//! Rudder's actions can tell the difference: resource versions and conflicts on stale
//! updates, `generateName`, namespaces that must exist, label selectors, server-side apply
//! with field managers and conflicts, strategic merge patches of built-in kinds (with the
//! patch metadata of `rudder_kube::merge`, as Helm 3's client-side apply sends them),
//! cascading deletes through `ownerReferences`, CRDs that add kinds, and controllers
//! simulated so that workloads become ready (or stay pending, or fail, when a test says so).
//!
//! What it does not do: validation against OpenAPI schemas, admission, defaulting, merging
//! lists in server-side apply (apply replaces lists whole), watches, and per-version
//! conversion.
//!
//! ```
//! use rudder_kube::{ApplyOptions, KubeClient, WaitOptions};
//! use rudder_kube_memory::MemoryCluster;
//!
//! let cluster = MemoryCluster::new();
//! let resources = cluster
//!     .build("apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 2\n")
//!     .unwrap();
//! cluster.apply(&resources[0], &ApplyOptions::default()).unwrap();
//! cluster.wait(&resources, &WaitOptions::default()).unwrap();
//! ```

mod server;

pub use server::{MemoryCluster, Simulation};
