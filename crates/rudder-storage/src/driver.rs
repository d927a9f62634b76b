//! The `Driver` contract (Helm's `pkg/storage/driver/driver.go`) and what every driver shares:
//! record keys and system labels.

use std::collections::BTreeMap;

use rudder_release::Release;

use crate::error::Result;

/// The prefix of every record key (Helm's `HelmStorageType`), also the prefix of the Secret and
/// ConfigMap names.
pub const HELM_STORAGE_TYPE: &str = "sh.helm.release.v1";

/// Labels the drivers set themselves (Helm's `systemLabels`); user labels with these names are
/// dropped from a release read back with `get`.
pub const SYSTEM_LABELS: [&str; 6] = [
    "name",
    "owner",
    "status",
    "version",
    "createdAt",
    "modifiedAt",
];

/// A place releases are stored: memory, Secrets, ConfigMaps or SQL.
///
/// Keys are `sh.helm.release.v1.NAME.vREVISION` ([`make_key`]). Every method may also fail with
/// the backend's own error.
pub trait Driver: Send + Sync {
    /// The driver's name as Helm prints it (`Memory`, `Secret`, `ConfigMap`, `SQL`).
    fn name(&self) -> &'static str;

    /// The release stored under `key`.
    ///
    /// Fails with [`Error::ReleaseNotFound`](crate::Error::ReleaseNotFound) when there is
    /// none, and [`Error::InvalidKey`](crate::Error::InvalidKey) when a driver that parses keys
    /// cannot parse it.
    fn get(&self, key: &str) -> Result<Release>;

    /// Every release for which `filter` is true, in no particular order. Records that cannot
    /// be decoded are skipped.
    fn list(&self, filter: &dyn Fn(&Release) -> bool) -> Result<Vec<Release>>;

    /// Every release whose record carries all the given labels (`name`, `owner`, `status`,
    /// `version` and user labels).
    ///
    /// Fails with [`Error::ReleaseNotFound`](crate::Error::ReleaseNotFound) when none does.
    fn query(&self, labels: &BTreeMap<String, String>) -> Result<Vec<Release>>;

    /// Stores a new record.
    ///
    /// Fails with [`Error::ReleaseExists`](crate::Error::ReleaseExists) when `key` is taken.
    fn create(&self, key: &str, release: &Release) -> Result<()>;

    /// Replaces a record.
    ///
    /// The memory driver fails with [`Error::ReleaseNotFound`](crate::Error::ReleaseNotFound)
    /// when there is none; Helm's Secret and ConfigMap drivers pass the API server's error on.
    fn update(&self, key: &str, release: &Release) -> Result<()>;

    /// Removes a record and returns the release it held.
    ///
    /// Fails with [`Error::ReleaseNotFound`](crate::Error::ReleaseNotFound) when there is none.
    fn delete(&self, key: &str) -> Result<Release>;
}

/// The storage backends `HELM_DRIVER` selects.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DriverKind {
    /// `secret`, `secrets` or empty (the default): one Secret per revision.
    Secret,
    /// `configmap` or `configmaps`: one ConfigMap per revision.
    ConfigMap,
    /// `memory`: nothing survives the process.
    Memory,
    /// `sql`: PostgreSQL, at `HELM_DRIVER_SQL_CONNECTION_STRING`.
    Sql,
}

impl DriverKind {
    /// Reads a `HELM_DRIVER` value as Helm's `action.Configuration.Init` does (case matters).
    ///
    /// Fails with [`Error::UnknownDriver`](crate::Error::UnknownDriver) for any other value.
    pub fn parse(value: &str) -> Result<DriverKind> {
        Ok(match value {
            "secret" | "secrets" | "" => DriverKind::Secret,
            "configmap" | "configmaps" => DriverKind::ConfigMap,
            "memory" => DriverKind::Memory,
            "sql" => DriverKind::Sql,
            other => {
                return Err(crate::Error::UnknownDriver {
                    name: other.to_owned(),
                });
            }
        })
    }

    /// The driver's name as Helm's `Driver.Name()` gives it.
    pub fn name(self) -> &'static str {
        match self {
            DriverKind::Secret => "Secret",
            DriverKind::ConfigMap => "ConfigMap",
            DriverKind::Memory => "Memory",
            DriverKind::Sql => "SQL",
        }
    }
}

/// Helm's `makeKey`: `sh.helm.release.v1.NAME.vVERSION`.
pub fn make_key(name: &str, version: i64) -> String {
    format!("{HELM_STORAGE_TYPE}.{name}.v{version}")
}

/// Splits a key the way Helm's memory driver does: the prefix removed, then split at `.v`, which
/// must leave exactly a name and a revision that Go's `strconv.Atoi` accepts. A name holding
/// `.v` therefore cannot be parsed, as in Helm.
pub fn parse_key(key: &str) -> Option<(&str, i64)> {
    let rest = key.strip_prefix("sh.helm.release.v1.").unwrap_or(key);
    let mut parts = rest.split(".v");
    let (name, version) = (parts.next()?, parts.next()?);
    if parts.next().is_some() {
        return None;
    }
    Some((name, atoi(version)?))
}

/// Go's `strconv.Atoi`: an optional sign and decimal digits, within 64 bits.
fn atoi(s: &str) -> Option<i64> {
    let digits = s.strip_prefix(['+', '-']).unwrap_or(s);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.strip_prefix('+').unwrap_or(s).parse().ok()
}

/// True for a label the drivers set themselves.
pub fn is_system_label(key: &str) -> bool {
    SYSTEM_LABELS.contains(&key)
}

/// The labels without the system ones (Helm's `filterSystemLabels`).
pub fn filter_system_labels(labels: &BTreeMap<String, String>) -> BTreeMap<String, String> {
    labels
        .iter()
        .filter(|(k, _)| !is_system_label(k))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect()
}

/// True when some label is a system label (Helm's `ContainsSystemLabels`; install and upgrade
/// refuse such user labels).
pub fn contains_system_labels(labels: &BTreeMap<String, String>) -> bool {
    labels.keys().any(|k| is_system_label(k))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_helm_storage_type_name_and_revision() {
        assert_eq!(make_key("web", 3), "sh.helm.release.v1.web.v3");
        assert_eq!(parse_key("sh.helm.release.v1.web.v3"), Some(("web", 3)));
        assert_eq!(parse_key("web.v+3"), Some(("web", 3)));
        assert_eq!(parse_key("sh.helm.release.v1.web.vx"), None);
        assert_eq!(parse_key("sh.helm.release.v1.web"), None);
        assert_eq!(parse_key("sh.helm.release.v1.a.very.v1"), None);
    }

    #[test]
    fn helm_driver_values() {
        assert_eq!(DriverKind::parse("").unwrap(), DriverKind::Secret);
        assert_eq!(DriverKind::parse("secrets").unwrap(), DriverKind::Secret);
        assert_eq!(
            DriverKind::parse("configmaps").unwrap(),
            DriverKind::ConfigMap
        );
        assert_eq!(DriverKind::parse("memory").unwrap().name(), "Memory");
        assert_eq!(DriverKind::parse("sql").unwrap().name(), "SQL");
        assert_eq!(
            DriverKind::parse("Memory").unwrap_err().to_string(),
            "unknown driver \"Memory\""
        );
    }

    #[test]
    fn system_labels_are_filtered() {
        let labels: BTreeMap<String, String> = [("name", "x"), ("team", "a"), ("createdAt", "1")]
            .into_iter()
            .map(|(k, v)| (k.to_owned(), v.to_owned()))
            .collect();
        assert!(contains_system_labels(&labels));
        let user = filter_system_labels(&labels);
        assert_eq!(user.keys().collect::<Vec<_>>(), ["team"]);
        assert!(!contains_system_labels(&user));
    }
}
