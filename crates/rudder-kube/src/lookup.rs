//! The template function `lookup` over any [`KubeClient`] (helm/helm
//! `pkg/engine/lookup_func.go`).

use rudder_value::{Map, Value};

use crate::client::KubeClient;
use crate::error::Error;
use crate::object::{ObjectRef, group_version};

/// Answers [`rudder_engine::Lookup`] from a cluster.
///
/// As Helm: a namespace is used only for namespaced kinds; a missing object (or list) is an
/// empty map; objects are unstructured data, integers as Go's `int64`.
pub struct ClusterLookup<'a, C: KubeClient + ?Sized> {
    client: &'a C,
}

impl<'a, C: KubeClient + ?Sized> ClusterLookup<'a, C> {
    /// A lookup reading through `client`.
    pub fn new(client: &'a C) -> Self {
        ClusterLookup { client }
    }
}

impl<C: KubeClient + ?Sized> rudder_engine::Lookup for ClusterLookup<'_, C> {
    fn lookup(
        &self,
        api_version: &str,
        kind: &str,
        namespace: &str,
        name: &str,
    ) -> Result<Map, String> {
        let namespaced = self.client.is_namespaced(api_version, kind).map_err(|e| {
            let (group, version) = group_version(api_version);
            // Helm asks discovery for the group version; a kind it does not serve ends in
            // client-go's 404 text.
            let cause = match e {
                Error::NoMatch { .. } => {
                    "the server could not find the requested resource".to_owned()
                }
                e => crate::error::chain(&e),
            };
            format!(
                "unable to get apiresource from unstructured: {group}/{version}, Kind={kind}: {cause}"
            )
        })?;
        let namespace = (namespaced && !namespace.is_empty()).then_some(namespace);
        if !name.is_empty() {
            let reference = ObjectRef::new(api_version, kind, namespace, name);
            return match self.client.get(&reference) {
                Ok(Some(object)) => Ok(to_map(&object)),
                Ok(None) | Err(Error::NotFound { .. }) => Ok(Map::new()),
                Err(e) => Err(crate::error::chain(&e)),
            };
        }
        let items = match self.client.list(api_version, kind, namespace, "") {
            Ok(items) => items,
            Err(Error::NotFound { .. }) => return Ok(Map::new()),
            Err(e) => return Err(crate::error::chain(&e)),
        };
        let list = Map::new();
        list.insert("apiVersion", Value::from(api_version));
        list.insert("kind", Value::from(format!("{kind}List")));
        let metadata = Map::new();
        metadata.insert("resourceVersion", Value::from(""));
        list.insert("metadata", Value::Map(metadata));
        list.insert(
            "items",
            Value::from(items.iter().map(to_value).collect::<Vec<_>>()),
        );
        Ok(list)
    }
}

/// A JSON object as the engine's map (`unstructured.Unstructured` content).
pub fn to_map(object: &serde_json::Value) -> Map {
    match to_value(object) {
        Value::Map(m) => m,
        _ => Map::new(),
    }
}

/// JSON as Go's unstructured decoding holds it: integers `int64`, other numbers `float64`.
pub fn to_value(v: &serde_json::Value) -> Value {
    match v {
        serde_json::Value::Null => Value::Nil,
        serde_json::Value::Bool(b) => Value::Bool(*b),
        serde_json::Value::Number(n) => match n.as_i64() {
            Some(i) => Value::Int64(i),
            None => Value::Float(n.as_f64().unwrap_or_default()),
        },
        serde_json::Value::String(s) => Value::from(s.as_str()),
        serde_json::Value::Array(items) => {
            Value::from(items.iter().map(to_value).collect::<Vec<_>>())
        }
        serde_json::Value::Object(o) => {
            let m = Map::new();
            for (k, v) in o {
                m.insert(k.as_str(), to_value(v));
            }
            Value::Map(m)
        }
    }
}
