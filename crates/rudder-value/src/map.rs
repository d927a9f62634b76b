use std::collections::BTreeMap;
use std::sync::{Arc, RwLock, RwLockReadGuard, RwLockWriteGuard};

use crate::Value;

/// A Go `map[string]interface{}`: shared and mutable, iterated in sorted key order.
///
/// Cloning shares the map, as copying a Go map value does. Locks are held only inside each
/// method, never across calls, so a template may read and write the same map freely.
#[derive(Clone, Default)]
pub struct Map {
    inner: Arc<RwLock<BTreeMap<String, Value>>>,
    type_name: Option<&'static str>,
}

impl Map {
    /// An empty `map[string]interface {}`.
    pub fn new() -> Self {
        Map::default()
    }

    /// A map whose Go type has another name (Helm's `chartutil.Values`, `map[string]string`);
    /// only `%T` and `typeOf` show the difference.
    pub fn with_type_name(entries: BTreeMap<String, Value>, type_name: &'static str) -> Self {
        Map {
            inner: Arc::new(RwLock::new(entries)),
            type_name: Some(type_name),
        }
    }

    /// The same map (shared, as a Go conversion between map types shares it) under another
    /// type name: `common.Values(m)` or `map[string]interface{}(values)`.
    #[must_use]
    pub fn retyped(&self, type_name: &'static str) -> Map {
        Map {
            inner: self.inner.clone(),
            type_name: Some(type_name),
        }
    }

    /// Go's name for the map type.
    pub fn type_name(&self) -> &'static str {
        self.type_name.unwrap_or("map[string]interface {}")
    }

    fn read(&self) -> RwLockReadGuard<'_, BTreeMap<String, Value>> {
        // A poisoned lock only means a panic happened while writing one entry; the map itself
        // is still a valid BTreeMap, so keep using it.
        self.inner
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    fn write(&self) -> RwLockWriteGuard<'_, BTreeMap<String, Value>> {
        self.inner
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// The value under `key`, if present.
    pub fn get(&self, key: &str) -> Option<Value> {
        self.read().get(key).cloned()
    }

    /// True when `key` is present (even with a nil value).
    pub fn contains_key(&self, key: &str) -> bool {
        self.read().contains_key(key)
    }

    /// Sets `key` to `value`, returning the previous value.
    pub fn insert(&self, key: impl Into<String>, value: Value) -> Option<Value> {
        self.write().insert(key.into(), value)
    }

    /// Removes `key`, returning its value.
    pub fn remove(&self, key: &str) -> Option<Value> {
        self.write().remove(key)
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.read().len()
    }

    /// True when the map has no entries.
    pub fn is_empty(&self) -> bool {
        self.read().is_empty()
    }

    /// The keys in sorted order (a snapshot).
    pub fn keys(&self) -> Vec<String> {
        self.read().keys().cloned().collect()
    }

    /// The entries in sorted key order (a snapshot: later writes do not show in it).
    pub fn entries(&self) -> Vec<(String, Value)> {
        self.read()
            .iter()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect()
    }

    /// A copy of the entries as a `BTreeMap` (values still share nested maps).
    pub fn to_btree(&self) -> BTreeMap<String, Value> {
        self.read().clone()
    }

    /// Removes every entry.
    pub fn clear(&self) {
        self.write().clear();
    }

    /// True when both values are the same Go map (pointer identity).
    pub fn ptr_eq(&self, other: &Map) -> bool {
        Arc::ptr_eq(&self.inner, &other.inner)
    }

    /// A recursive copy that shares nothing with `self`.
    pub fn deep_copy(&self) -> Map {
        // Cloning the tree keeps its shape (no collecting and sorting again); only maps and
        // lists inside, which a clone would share, are then copied in turn.
        let mut copied = self.read().clone();
        for v in copied.values_mut() {
            if matches!(v, Value::Map(_) | Value::List(_)) {
                *v = v.deep_copy();
            }
        }
        Map {
            inner: Arc::new(RwLock::new(copied)),
            type_name: self.type_name,
        }
    }
}

impl FromIterator<(String, Value)> for Map {
    fn from_iter<I: IntoIterator<Item = (String, Value)>>(iter: I) -> Self {
        Map {
            inner: Arc::new(RwLock::new(iter.into_iter().collect())),
            type_name: None,
        }
    }
}

impl From<BTreeMap<String, Value>> for Map {
    fn from(entries: BTreeMap<String, Value>) -> Self {
        Map {
            inner: Arc::new(RwLock::new(entries)),
            type_name: None,
        }
    }
}

impl std::fmt::Debug for Map {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_map().entries(self.read().iter()).finish()
    }
}
