//! `lookup`: reading live objects from the cluster while rendering (helm/helm
//! `pkg/engine/lookup_func.go`).
//!
//! The engine never talks to a cluster itself: the caller passes a [`Lookup`] (a cluster
//! client, a fixtures file). Without one, `lookup` returns an empty map, as `helm template`
//! does.

use rudder_value::Map;

/// Answers the template function `lookup APIVERSION KIND NAMESPACE NAME`.
///
/// Contract: with a `name`, return the object as plain data (`apiVersion`, `kind`,
/// `metadata`, ...); with an empty `name`, return the list object (`items`, ...). A namespace
/// is ignored for cluster-scoped kinds, and an empty namespace means every namespace. An
/// object or kind that does not exist is an empty map, not an error. `Err` carries a message
/// that the template engine reports as `error calling lookup: MESSAGE`.
pub trait Lookup: Send + Sync {
    /// Looks an object (or a list of objects) up.
    fn lookup(
        &self,
        api_version: &str,
        kind: &str,
        namespace: &str,
        name: &str,
    ) -> Result<Map, String>;
}
