use std::cell::Cell;
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, RwLock, RwLockReadGuard, RwLockWriteGuard};

use crate::Value;

/// Counts the freezes begun so far ([`Freeze::begin`]); every map records the count at its
/// creation, so a freeze knows which maps existed before it.
static FREEZES: AtomicU64 = AtomicU64::new(0);

thread_local! {
    /// On a thread under a [`FreezeGuard`], the freeze's number: maps created before it may
    /// not be written. Zero when the thread is not guarded.
    static FROZEN_BELOW: Cell<u64> = const { Cell::new(0) };
    /// Set when a write was refused under the current guard.
    static REFUSED: Cell<bool> = const { Cell::new(false) };
}

/// The entries and the number of freezes begun when the map was created.
struct Inner {
    born: u64,
    entries: RwLock<BTreeMap<String, Value>>,
}

/// A Go `map[string]interface{}`: shared and mutable, iterated in sorted key order.
///
/// Cloning shares the map, as copying a Go map value does. Locks are held only inside each
/// method, never across calls, so a template may read and write the same map freely.
///
/// A [`Freeze`] makes every map that exists when it begins read-only for the threads it
/// guards: their writes to such maps are refused (not made) and reported, so that several
/// templates can run at once on shared values, and a run that would have changed them can be
/// redone in turn on values that are still as they were.
#[derive(Clone)]
pub struct Map {
    inner: Arc<Inner>,
    type_name: Option<&'static str>,
}

impl Default for Map {
    fn default() -> Self {
        Map::build(BTreeMap::new(), None)
    }
}

impl Map {
    /// A new map (created now, for [`Freeze`]) holding `entries`.
    fn build(entries: BTreeMap<String, Value>, type_name: Option<&'static str>) -> Map {
        Map {
            inner: Arc::new(Inner {
                born: FREEZES.load(Ordering::Relaxed),
                entries: RwLock::new(entries),
            }),
            type_name,
        }
    }

    /// An empty `map[string]interface {}`.
    pub fn new() -> Self {
        Map::default()
    }

    /// A map whose Go type has another name (Helm's `chartutil.Values`, `map[string]string`);
    /// only `%T` and `typeOf` show the difference.
    pub fn with_type_name(entries: BTreeMap<String, Value>, type_name: &'static str) -> Self {
        Map::build(entries, Some(type_name))
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
            .entries
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// The entries for writing; `None` (and the write reported) when this thread is under a
    /// [`FreezeGuard`] and the map is older than its freeze.
    fn write(&self) -> Option<RwLockWriteGuard<'_, BTreeMap<String, Value>>> {
        if FROZEN_BELOW.get() > self.inner.born {
            REFUSED.set(true);
            return None;
        }
        Some(
            self.inner
                .entries
                .write()
                .unwrap_or_else(std::sync::PoisonError::into_inner),
        )
    }

    /// The value under `key`, if present.
    pub fn get(&self, key: &str) -> Option<Value> {
        self.read().get(key).cloned()
    }

    /// True when `key` is present (even with a nil value).
    pub fn contains_key(&self, key: &str) -> bool {
        self.read().contains_key(key)
    }

    /// Sets `key` to `value`, returning the previous value (nothing when a freeze refused
    /// the write).
    pub fn insert(&self, key: impl Into<String>, value: Value) -> Option<Value> {
        self.write()?.insert(key.into(), value)
    }

    /// Removes `key`, returning its value (nothing when a freeze refused the write).
    pub fn remove(&self, key: &str) -> Option<Value> {
        self.write()?.remove(key)
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
        if let Some(mut entries) = self.write() {
            entries.clear();
        }
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
        Map::build(copied, self.type_name)
    }

    /// A new map with the same entries and type name (nested maps and lists still shared).
    #[must_use]
    pub fn shallow_copy(&self) -> Map {
        Map::build(self.to_btree(), self.type_name)
    }
}

/// A point in time after which the maps that existed before it are read-only for every thread
/// under one of its [guards](Freeze::guard). Maps created afterwards stay writable.
#[derive(Debug, Clone, Copy)]
pub struct Freeze {
    number: u64,
}

impl Freeze {
    /// Begins a freeze: every map created so far, by any thread, counts as older than it.
    pub fn begin() -> Freeze {
        Freeze {
            number: FREEZES.fetch_add(1, Ordering::Relaxed) + 1,
        }
    }

    /// True when a write was refused on this thread under its current guard.
    pub fn refused_here() -> bool {
        REFUSED.get()
    }

    /// Guards the current thread until the guard is dropped: writes to maps older than the
    /// freeze are refused, and [`FreezeGuard::refused`] tells whether one was attempted.
    pub fn guard(&self) -> FreezeGuard {
        FreezeGuard {
            previous: FROZEN_BELOW.replace(self.number),
            previously_refused: REFUSED.replace(false),
        }
    }
}

/// Keeps the current thread under a [`Freeze`]; see [`Freeze::guard`].
#[derive(Debug)]
pub struct FreezeGuard {
    previous: u64,
    previously_refused: bool,
}

impl FreezeGuard {
    /// True when this thread tried to write a map older than the freeze since the guard began.
    pub fn refused(&self) -> bool {
        Freeze::refused_here()
    }
}

impl Drop for FreezeGuard {
    fn drop(&mut self) {
        FROZEN_BELOW.set(self.previous);
        REFUSED.set(self.previously_refused);
    }
}

impl FromIterator<(String, Value)> for Map {
    fn from_iter<I: IntoIterator<Item = (String, Value)>>(iter: I) -> Self {
        Map::build(iter.into_iter().collect(), None)
    }
}

impl From<BTreeMap<String, Value>> for Map {
    fn from(entries: BTreeMap<String, Value>) -> Self {
        Map::build(entries, None)
    }
}

impl std::fmt::Debug for Map {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_map().entries(self.read().iter()).finish()
    }
}

#[cfg(test)]
mod tests {
    use super::{Freeze, Map};
    use crate::Value;

    #[test]
    fn a_freeze_refuses_writes_to_older_maps_on_guarded_threads_only() {
        let old = Map::new();
        old.insert("a", Value::Int(1));
        let freeze = Freeze::begin();
        {
            let guard = freeze.guard();
            assert!(!guard.refused());
            let new = Map::new();
            new.insert("b", Value::Int(2));
            assert!(!guard.refused(), "a map made under the guard is writable");
            assert!(old.insert("a", Value::Int(3)).is_none());
            assert!(guard.refused());
            assert!(old.remove("a").is_none());
            old.clear();
            assert!(
                matches!(old.get("a"), Some(Value::Int(1))),
                "nothing was written"
            );
            assert!(matches!(new.get("b"), Some(Value::Int(2))));
            // Another thread is not guarded by this one's guard.
            std::thread::scope(|s| {
                s.spawn(|| {
                    let copy = old.shallow_copy();
                    assert!(old.insert("c", Value::Int(4)).is_none());
                    assert!(matches!(copy.get("a"), Some(Value::Int(1))));
                });
            });
        }
        assert!(matches!(old.get("c"), Some(Value::Int(4))));
        assert!(!Freeze::refused_here(), "the flag ends with the guard");
        // Without a guard, older maps are writable again.
        assert!(matches!(
            old.insert("a", Value::Int(5)),
            Some(Value::Int(1))
        ));
    }

    #[test]
    fn copies_made_before_a_freeze_are_frozen_and_keep_their_type() {
        let m = Map::with_type_name(std::collections::BTreeMap::new(), "common.Values");
        let copy = m.shallow_copy();
        assert_eq!(copy.type_name(), "common.Values");
        assert!(!copy.ptr_eq(&m));
        let freeze = Freeze::begin();
        let guard = freeze.guard();
        copy.insert("x", Value::Nil);
        assert!(guard.refused());
        assert!(copy.is_empty());
    }
}
