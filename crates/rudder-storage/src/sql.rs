//! What Helm's SQL driver (`pkg/storage/driver/sql.go`, PostgreSQL) stores, without a database:
//! the schema, the rows written for a release and the label filters a query may use, so that a
//! database driver only runs the statements and Helm and Rudder can share one database.
//!
//! Helm applies its schema with rubenv/sql-migrate, which records the applied migration ids
//! ([`MIGRATIONS`]) in the table [`MIGRATIONS_TABLE`]; Helm skips its setup when both ids are
//! there, so a database prepared by Rudder must record them too. Helm's identifiers are not
//! quoted, so PostgreSQL folds `createdAt` to `createdat`: statements must leave them unquoted
//! as well.

use std::collections::BTreeMap;

use rudder_release::Release;

use crate::driver::filter_system_labels;
use crate::error::{Error, Result};
use crate::record::{OWNER, SECRET_TYPE};

/// The table holding releases.
pub const RELEASES_TABLE: &str = "releases_v1";
/// The table holding user labels.
pub const CUSTOM_LABELS_TABLE: &str = "custom_labels_v1";
/// sql-migrate's table of applied migrations.
pub const MIGRATIONS_TABLE: &str = "gorp_migrations";

/// One schema migration: its id, as sql-migrate records it, and its statements.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Migration {
    /// The id in [`MIGRATIONS_TABLE`].
    pub id: &'static str,
    /// The SQL that applies it.
    pub up: &'static str,
}

/// Helm's migrations, in order.
pub const MIGRATIONS: [Migration; 2] = [
    Migration {
        id: "init",
        up: "CREATE TABLE releases_v1 (
    key VARCHAR(90),
    type VARCHAR(64) NOT NULL,
    body TEXT NOT NULL,
    name VARCHAR(64) NOT NULL,
    namespace VARCHAR(64) NOT NULL,
    version INTEGER NOT NULL,
    status TEXT NOT NULL,
    owner TEXT NOT NULL,
    createdAt INTEGER NOT NULL,
    modifiedAt INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY(key, namespace)
);
CREATE INDEX ON releases_v1 (key, namespace);
CREATE INDEX ON releases_v1 (version);
CREATE INDEX ON releases_v1 (status);
CREATE INDEX ON releases_v1 (owner);
CREATE INDEX ON releases_v1 (createdAt);
CREATE INDEX ON releases_v1 (modifiedAt);
GRANT ALL ON releases_v1 TO PUBLIC;
ALTER TABLE releases_v1 ENABLE ROW LEVEL SECURITY;
",
    },
    Migration {
        id: "custom_labels",
        up: "CREATE TABLE custom_labels_v1 (
    releaseKey VARCHAR(64),
    releaseNamespace VARCHAR(67),
    key VARCHAR(317),
    value VARCHAR(63)
);
CREATE INDEX ON custom_labels_v1 (releaseKey, releaseNamespace);
GRANT ALL ON custom_labels_v1 TO PUBLIC;
ALTER TABLE custom_labels_v1 ENABLE ROW LEVEL SECURITY;
",
    },
];

/// The labels a query may filter on: they are columns of [`RELEASES_TABLE`]. Any other label
/// fails with `unknown label KEY`, user labels included.
pub const LABEL_COLUMNS: [&str; 6] = [
    "createdAt",
    "modifiedAt",
    "name",
    "owner",
    "status",
    "version",
];

/// A row of [`RELEASES_TABLE`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    /// `key`: the record key.
    pub key: String,
    /// `type`: always `helm.sh/release.v1`.
    pub kind: &'static str,
    /// `body`: the encoded release.
    pub body: String,
    /// `name`.
    pub name: String,
    /// `namespace` (`default` for a release without one).
    pub namespace: String,
    /// `version`.
    pub version: i64,
    /// `status`.
    pub status: String,
    /// `owner`: always `helm`.
    pub owner: &'static str,
    /// `createdAt` (Unix seconds), written by `create`.
    pub created_at: i64,
    /// `modifiedAt` (Unix seconds), written by `update`; 0 until then.
    pub modified_at: i64,
}

/// The row Helm's `create` inserts for `release` under `key`, and the user labels it inserts
/// into [`CUSTOM_LABELS_TABLE`] (system labels left out). `now_unix` is the creation time.
pub fn row(key: &str, release: &Release, now_unix: i64) -> Result<(Row, BTreeMap<String, String>)> {
    let body = release.encode().map_err(|cause| Error::EncodeRecord {
        op: "create",
        name: release.name.clone(),
        cause,
    })?;
    let namespace = if release.namespace.is_empty() {
        "default".to_owned()
    } else {
        release.namespace.clone()
    };
    let row = Row {
        key: key.to_owned(),
        kind: SECRET_TYPE,
        body,
        name: release.name.clone(),
        namespace,
        version: release.version,
        status: release
            .info
            .status
            .map_or(String::new(), |s| s.as_str().to_owned()),
        owner: OWNER,
        created_at: now_unix,
        modified_at: 0,
    };
    Ok((row, filter_system_labels(&release.labels)))
}

/// The `WHERE` equalities of a query, in key order, after Helm's check that every label is a
/// column.
pub fn query_filters(labels: &BTreeMap<String, String>) -> Result<Vec<(&'static str, String)>> {
    labels
        .iter()
        .map(|(k, v)| {
            LABEL_COLUMNS
                .iter()
                .find(|c| **c == k.as_str())
                .map(|c| (*c, v.clone()))
                .ok_or_else(|| Error::UnknownLabel { key: k.clone() })
        })
        .collect()
}

/// The labels a release read by `list` carries: its user labels with the system labels on top
/// (Helm's `getReleaseSystemLabels`).
pub fn list_labels(
    release: &Release,
    custom: &BTreeMap<String, String>,
) -> BTreeMap<String, String> {
    let mut labels = filter_system_labels(custom);
    labels.insert("name".to_owned(), release.name.clone());
    labels.insert("owner".to_owned(), OWNER.to_owned());
    labels.insert(
        "status".to_owned(),
        release
            .info
            .status
            .map_or(String::new(), |s| s.as_str().to_owned()),
    );
    labels.insert("version".to_owned(), release.version.to_string());
    labels
}

#[cfg(test)]
mod tests {
    use super::*;
    use rudder_release::Status;

    #[test]
    fn rows_carry_helm_columns_and_user_labels() {
        let mut r = Release {
            name: "web".into(),
            version: 3,
            ..Release::default()
        };
        r.info.status = Some(Status::Failed);
        r.labels.insert("team".into(), "a".into());
        r.labels.insert("owner".into(), "me".into());
        let (row, labels) = row("sh.helm.release.v1.web.v3", &r, 42).unwrap();
        assert_eq!(row.namespace, "default");
        assert_eq!(row.kind, "helm.sh/release.v1");
        assert_eq!(row.status, "failed");
        assert_eq!((row.created_at, row.modified_at), (42, 0));
        assert_eq!(Release::decode(&row.body).unwrap().name, "web");
        assert_eq!(labels.keys().collect::<Vec<_>>(), ["team"]);
        let listed = list_labels(&r, &labels);
        assert_eq!(listed["owner"], "helm");
        assert_eq!(listed.len(), 5);
    }

    #[test]
    fn queries_only_filter_on_columns() {
        let mut q = BTreeMap::new();
        q.insert("owner".to_owned(), "helm".to_owned());
        q.insert("name".to_owned(), "web".to_owned());
        assert_eq!(
            query_filters(&q).unwrap(),
            [("name", "web".to_owned()), ("owner", "helm".to_owned())]
        );
        q.insert("team".to_owned(), "a".to_owned());
        assert_eq!(
            query_filters(&q).unwrap_err().to_string(),
            "unknown label team"
        );
    }

    #[test]
    fn migrations_are_helms() {
        let ids: Vec<_> = MIGRATIONS.iter().map(|m| m.id).collect();
        assert_eq!(ids, ["init", "custom_labels"]);
        // The label key column fits a Kubernetes label key: prefix (253) + "/" + name (63).
        assert!(MIGRATIONS[1].up.contains("key VARCHAR(317)"));
    }
}
