//! The in-memory driver (Helm's `pkg/storage/driver/memory.go` and `records.go`).

use std::collections::BTreeMap;
use std::sync::{Mutex, MutexGuard, PoisonError};

use rudder_release::Release;

use crate::driver::{Driver, parse_key};
use crate::error::{Error, Result};

/// The namespace of releases stored without one.
const DEFAULT_NAMESPACE: &str = "default";

/// One stored revision: its key, the labels a query matches, and the release.
#[derive(Clone, Debug)]
struct Record {
    key: String,
    labels: BTreeMap<String, String>,
    release: Release,
}

impl Record {
    /// Helm's `newRecord`: only the system labels; user labels stay on the release.
    fn new(key: &str, release: &Release) -> Self {
        let labels = [
            ("name", release.name.clone()),
            ("owner", "helm".to_owned()),
            (
                "status",
                release
                    .info
                    .status
                    .map_or(String::new(), |s| s.as_str().to_owned()),
            ),
            ("version", release.version.to_string()),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v))
        .collect();
        Record {
            key: key.to_owned(),
            labels,
            release: release.clone(),
        }
    }

    fn matches(&self, query: &BTreeMap<String, String>) -> bool {
        // A missing label reads as "", as in Go's map lookup.
        query
            .iter()
            .all(|(k, v)| self.labels.get(k).map_or("", String::as_str) == v)
    }
}

#[derive(Debug)]
struct State {
    /// The namespace operations apply to; empty means all namespaces for `list` and `query`.
    namespace: String,
    /// Namespace → release name → revisions sorted by version.
    cache: BTreeMap<String, BTreeMap<String, Vec<Record>>>,
}

impl State {
    /// The namespaces `list` and `query` look at.
    fn namespaces(&self) -> Vec<&BTreeMap<String, Vec<Record>>> {
        if self.namespace.is_empty() {
            self.cache.values().collect()
        } else {
            self.cache.get(&self.namespace).into_iter().collect()
        }
    }
}

/// Releases kept in memory, by namespace, as Helm's `driver.Memory` keeps them.
///
/// As in Helm, `create` and `update` switch the driver to the namespace of the release they
/// store, and `get` and `delete` look only in the current namespace.
#[derive(Debug)]
pub struct Memory {
    state: Mutex<State>,
}

impl Default for Memory {
    fn default() -> Self {
        Memory::new()
    }
}

impl Memory {
    /// The driver's name.
    pub const NAME: &'static str = "Memory";

    /// An empty store whose namespace is `default`.
    pub fn new() -> Self {
        Memory {
            state: Mutex::new(State {
                namespace: DEFAULT_NAMESPACE.to_owned(),
                cache: BTreeMap::new(),
            }),
        }
    }

    /// Sets the namespace later operations use; an empty string makes `list` and `query` see
    /// every namespace.
    pub fn set_namespace(&self, namespace: &str) {
        namespace.clone_into(&mut self.lock().namespace);
    }

    /// The namespace operations use now.
    pub fn namespace(&self) -> String {
        self.lock().namespace.clone()
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        // A panic while holding the lock leaves whole records behind, never half-written ones.
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

fn namespace_of(release: &Release) -> String {
    if release.namespace.is_empty() {
        DEFAULT_NAMESPACE.to_owned()
    } else {
        release.namespace.clone()
    }
}

impl Driver for Memory {
    fn name(&self) -> &'static str {
        Memory::NAME
    }

    fn get(&self, key: &str) -> Result<Release> {
        let (name, _) = parse_key(key).ok_or(Error::InvalidKey)?;
        let state = self.lock();
        state
            .cache
            .get(&state.namespace)
            .and_then(|releases| releases.get(name))
            .and_then(|records| records.iter().find(|r| r.key == key))
            .map(|r| r.release.clone())
            .ok_or(Error::ReleaseNotFound)
    }

    fn list(&self, filter: &dyn Fn(&Release) -> bool) -> Result<Vec<Release>> {
        let state = self.lock();
        let mut out = Vec::new();
        for releases in state.namespaces() {
            for records in releases.values() {
                out.extend(
                    records
                        .iter()
                        .filter(|r| filter(&r.release))
                        .map(|r| r.release.clone()),
                );
            }
        }
        Ok(out)
    }

    fn query(&self, labels: &BTreeMap<String, String>) -> Result<Vec<Release>> {
        let state = self.lock();
        let mut out = Vec::new();
        for releases in state.namespaces() {
            for records in releases.values() {
                out.extend(
                    records
                        .iter()
                        .filter(|r| r.matches(labels))
                        .map(|r| r.release.clone()),
                );
            }
        }
        if out.is_empty() {
            return Err(Error::ReleaseNotFound);
        }
        Ok(out)
    }

    fn create(&self, key: &str, release: &Release) -> Result<()> {
        let namespace = namespace_of(release);
        let mut state = self.lock();
        state.namespace.clone_from(&namespace);
        let records = state
            .cache
            .entry(namespace)
            .or_default()
            .entry(release.name.clone())
            .or_default();
        if records.iter().any(|r| r.key == key) {
            return Err(Error::ReleaseExists);
        }
        records.push(Record::new(key, release));
        records.sort_by_key(|r| r.release.version);
        Ok(())
    }

    fn update(&self, key: &str, release: &Release) -> Result<()> {
        let namespace = namespace_of(release);
        let mut state = self.lock();
        state.namespace.clone_from(&namespace);
        let record = state
            .cache
            .get_mut(&namespace)
            .and_then(|releases| releases.get_mut(&release.name))
            .and_then(|records| records.iter_mut().find(|r| r.key == key))
            .ok_or(Error::ReleaseNotFound)?;
        *record = Record::new(key, release);
        Ok(())
    }

    fn delete(&self, key: &str) -> Result<Release> {
        let (name, _) = parse_key(key).ok_or(Error::InvalidKey)?;
        let mut state = self.lock();
        let namespace = state.namespace.clone();
        let records = state
            .cache
            .get_mut(&namespace)
            .and_then(|releases| releases.get_mut(name))
            .ok_or(Error::ReleaseNotFound)?;
        let at = records
            .iter()
            .position(|r| r.key == key)
            .ok_or(Error::ReleaseNotFound)?;
        Ok(records.remove(at).release)
    }
}
