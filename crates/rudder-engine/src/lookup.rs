//! `lookup`: reading live objects from the cluster while rendering (helm/helm
//! `pkg/engine/lookup_func.go`).
//!
//! The engine never talks to a cluster itself: the caller passes a [`Lookup`] (a cluster
//! client, or [`Objects`] for fixtures). Without one, `lookup` returns an empty map, as
//! `helm template` does.

use rudder_value::{Map, Value};

/// Answers the template function `lookup APIVERSION KIND NAMESPACE NAME`.
///
/// Contract: with a `name`, return the object as plain data (`apiVersion`, `kind`,
/// `metadata`, ...); with an empty `name`, return the list object (`items`, ...). A namespace
/// is ignored for cluster-scoped kinds, and an empty namespace means every namespace. An
/// object that does not exist is an empty map, not an error; a kind the cluster does not
/// know is an error. `Err` carries a message that the template engine reports as
/// `error calling lookup: MESSAGE`.
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

/// A fixed set of objects that answers `lookup`, for tests and offline renders.
///
/// Objects match on `apiVersion`, `kind`, `metadata.namespace` (unless the lookup asks every
/// namespace) and `metadata.name`. A list comes back as the API server shapes it:
/// `apiVersion`, `kind: <Kind>List`, `metadata` and `items`. Results are copies, so a
/// template that changes them changes nothing here.
#[derive(Clone, Debug, Default)]
pub struct Objects {
    objects: Vec<Map>,
}

impl Objects {
    /// A lookup over these objects.
    pub fn new(objects: Vec<Map>) -> Self {
        Objects { objects }
    }
}

fn field(map: &Map, key: &str) -> String {
    map.get(key)
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

fn metadata_field(object: &Map, key: &str) -> String {
    match object.get("metadata") {
        Some(Value::Map(m)) => field(&m, key),
        _ => String::new(),
    }
}

impl Lookup for Objects {
    fn lookup(
        &self,
        api_version: &str,
        kind: &str,
        namespace: &str,
        name: &str,
    ) -> Result<Map, String> {
        let mut found = self.objects.iter().filter(|o| {
            field(o, "apiVersion") == api_version
                && field(o, "kind") == kind
                && (namespace.is_empty() || metadata_field(o, "namespace") == namespace)
        });
        if !name.is_empty() {
            return Ok(found
                .find(|o| metadata_field(o, "name") == name)
                .map(Map::deep_copy)
                .unwrap_or_default());
        }
        let items: Vec<Value> = found.map(|o| Value::Map(o.deep_copy())).collect();
        let list = Map::new();
        list.insert("apiVersion", Value::from(api_version));
        list.insert("kind", Value::from(format!("{kind}List")));
        let metadata = Map::new();
        metadata.insert("resourceVersion", Value::from(""));
        list.insert("metadata", Value::Map(metadata));
        list.insert("items", Value::from(items));
        Ok(list)
    }
}

#[cfg(test)]
mod tests {
    use rudder_value::{Map, Value};

    use super::{Lookup, Objects};

    fn object(kind: &str, namespace: &str, name: &str) -> Map {
        let metadata = Map::new();
        metadata.insert("name", Value::from(name));
        metadata.insert("namespace", Value::from(namespace));
        let o = Map::new();
        o.insert("apiVersion", Value::from("v1"));
        o.insert("kind", Value::from(kind));
        o.insert("metadata", Value::Map(metadata));
        o
    }

    #[test]
    fn finds_one_object_or_nothing() {
        let objects = Objects::new(vec![
            object("ConfigMap", "a", "one"),
            object("Secret", "a", "one"),
        ]);
        let found = objects.lookup("v1", "Secret", "a", "one").unwrap();
        assert_eq!(found.get("kind").unwrap().as_str(), Some("Secret"));
        assert!(
            objects
                .lookup("v1", "Secret", "b", "one")
                .unwrap()
                .is_empty()
        );
        assert!(
            objects
                .lookup("apps/v1", "Secret", "a", "one")
                .unwrap()
                .is_empty()
        );
    }

    #[test]
    fn lists_across_namespaces() {
        let objects = Objects::new(vec![
            object("ConfigMap", "a", "one"),
            object("ConfigMap", "b", "two"),
        ]);
        let all = objects.lookup("v1", "ConfigMap", "", "").unwrap();
        assert_eq!(all.get("kind").unwrap().as_str(), Some("ConfigMapList"));
        assert_eq!(all.get("items").unwrap().as_list().unwrap().len(), 2);
        let in_b = objects.lookup("v1", "ConfigMap", "b", "").unwrap();
        assert_eq!(in_b.get("items").unwrap().as_list().unwrap().len(), 1);
    }
}
