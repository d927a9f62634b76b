//! The Kubernetes objects Helm's Secret and ConfigMap drivers store a release in
//! (`newSecretsObject` and `newConfigMapsObject` in `pkg/storage/driver/`), built and read
//! without a cluster so that a kube-backed driver only does the I/O.
//!
//! Both objects are named by the record key, carry the labels below and keep the encoded
//! release ([`Release::encode`]) under the data key `release`. A Secret also has the type
//! `helm.sh/release.v1`, and since Secret data is bytes, the API server's JSON holds the
//! encoded release base64-encoded once more; a ConfigMap holds the string as it is.

use std::collections::BTreeMap;

use rudder_release::Release;

use crate::driver::filter_system_labels;
use crate::error::{Error, Result};

/// The `type` of a release Secret.
pub const SECRET_TYPE: &str = "helm.sh/release.v1";

/// The data key holding the encoded release.
pub const DATA_KEY: &str = "release";

/// The value of the `owner` label.
pub const OWNER: &str = "helm";

/// The label selector the Secret and ConfigMap drivers list records with.
pub const LIST_SELECTOR: &str = "owner=helm";

/// The driver operation a record is written for; it decides the timestamp label.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Write {
    /// `create`: sets `createdAt`.
    Create,
    /// `update`: sets `modifiedAt`.
    Update,
}

/// A release as a Secret or ConfigMap: its name, labels and data.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Record {
    /// `metadata.name`: the record key (`sh.helm.release.v1.NAME.vN`).
    pub name: String,
    /// `metadata.labels`.
    pub labels: BTreeMap<String, String>,
    /// The encoded release, stored under [`DATA_KEY`].
    pub release: String,
}

/// Builds the record of `release` under `key`, as Helm's drivers do for `create` and `update`.
/// `now_unix` is the time in Unix seconds for the `createdAt` or `modifiedAt` label.
///
/// Labels are laid as Helm lays them: the user labels, the timestamp, the user labels again
/// (so a user label named `createdAt` wins), then `name`, `owner`, `status` and `version`.
pub fn record(key: &str, release: &Release, write: Write, now_unix: i64) -> Result<Record> {
    let op = match write {
        Write::Create => "create",
        Write::Update => "update",
    };
    let encoded = release.encode().map_err(|cause| Error::EncodeRecord {
        op,
        name: release.name.clone(),
        cause,
    })?;
    let mut labels = release.labels.clone();
    let stamp = match write {
        Write::Create => "createdAt",
        Write::Update => "modifiedAt",
    };
    labels.insert(stamp.to_owned(), now_unix.to_string());
    labels.extend(release.labels.clone());
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
    Ok(Record {
        name: key.to_owned(),
        labels,
        release: encoded,
    })
}

/// How a driver read a record, which decides the labels the release gets back.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Read {
    /// `get`: only the user labels.
    Get,
    /// `list` and `query`: every label of the object, system ones included (as Helm does).
    List,
}

/// Reads the release a record holds.
///
/// Fails with `get: failed to decode data "KEY": ...` as Helm's `get` does; `list` and `query`
/// skip such records instead.
pub fn read_record(
    name: &str,
    labels: &BTreeMap<String, String>,
    data: &str,
    read: Read,
) -> Result<Release> {
    let mut release = Release::decode(data).map_err(|cause| Error::DecodeRecord {
        op: "get",
        key: name.to_owned(),
        cause,
    })?;
    release.labels = match read {
        Read::Get => filter_system_labels(labels),
        Read::List => labels.clone(),
    };
    Ok(release)
}

/// A label selector for a query (`k8s.io/apimachinery`'s `Set.AsSelector().String()`: `k=v`
/// pairs sorted by key, joined with commas), after checking each value as Helm's Secret and
/// ConfigMap drivers do.
pub fn label_selector(labels: &BTreeMap<String, String>) -> Result<String> {
    let mut parts = Vec::new();
    for (k, v) in labels {
        let reasons = label_value_errors(v);
        if !reasons.is_empty() {
            return Err(Error::InvalidLabelValue {
                value: v.clone(),
                reasons,
            });
        }
        parts.push(format!("{k}={v}"));
    }
    Ok(parts.join(","))
}

/// Kubernetes' `IsValidLabelValue`: at most 63 characters, empty or alphanumeric at both ends
/// with `-`, `_` and `.` inside. Returns its messages, none when valid.
pub fn label_value_errors(value: &str) -> Vec<String> {
    const MAX: usize = 63;
    let mut errors = Vec::new();
    if value.len() > MAX {
        errors.push(format!("must be no more than {MAX} characters"));
    }
    let b = value.as_bytes();
    let valid = b.is_empty()
        || (b[0].is_ascii_alphanumeric()
            && b[b.len() - 1].is_ascii_alphanumeric()
            && b.iter()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_' | b'.')));
    if !valid {
        errors.push(
            "a valid label must be an empty string or consist of alphanumeric characters, '-', \
             '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue', \
             or 'my_value', or '12345', regex used for validation is \
             '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"
                .to_owned(),
        );
    }
    errors
}

#[cfg(test)]
mod tests {
    use super::*;
    use rudder_release::Status;

    fn release() -> Release {
        let mut r = Release {
            name: "web".into(),
            version: 2,
            namespace: "prod".into(),
            ..Release::default()
        };
        r.info.status = Some(Status::Deployed);
        r.labels.insert("team".into(), "a".into());
        r.labels.insert("name".into(), "spoof".into());
        r
    }

    #[test]
    fn record_labels_as_helm_lays_them() {
        let rec = record(
            "sh.helm.release.v1.web.v2",
            &release(),
            Write::Create,
            1_700_000_000,
        )
        .unwrap();
        assert_eq!(rec.name, "sh.helm.release.v1.web.v2");
        let labels: Vec<(&str, &str)> = rec
            .labels
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        assert_eq!(
            labels,
            [
                ("createdAt", "1700000000"),
                ("name", "web"),
                ("owner", "helm"),
                ("status", "deployed"),
                ("team", "a"),
                ("version", "2"),
            ]
        );
        assert!(rec.release.starts_with("H4sI"));
    }

    #[test]
    fn a_user_label_overrides_the_timestamp() {
        let mut r = release();
        r.labels.insert("modifiedAt".into(), "mine".into());
        let rec = record("k", &r, Write::Update, 5).unwrap();
        assert_eq!(rec.labels["modifiedAt"], "mine");
        assert!(!rec.labels.contains_key("createdAt"));
    }

    #[test]
    fn reading_back_keeps_user_labels_on_get_and_all_on_list() {
        let rec = record("k", &release(), Write::Create, 1).unwrap();
        let got = read_record("k", &rec.labels, &rec.release, Read::Get).unwrap();
        assert_eq!(got.name, "web");
        assert_eq!(got.labels.keys().collect::<Vec<_>>(), ["team"]);
        let listed = read_record("k", &rec.labels, &rec.release, Read::List).unwrap();
        assert_eq!(listed.labels.len(), 6);
        let err = read_record("k", &rec.labels, "%%", Read::Get).unwrap_err();
        assert_eq!(
            err.to_string(),
            "get: failed to decode data \"k\": illegal base64 data at input byte 0"
        );
    }

    #[test]
    fn selectors_check_label_values() {
        let mut q = BTreeMap::new();
        q.insert("owner".to_owned(), "helm".to_owned());
        q.insert("name".to_owned(), "web".to_owned());
        assert_eq!(label_selector(&q).unwrap(), "name=web,owner=helm");
        q.insert("name".to_owned(), "-bad".to_owned());
        let err = label_selector(&q).unwrap_err().to_string();
        assert!(
            err.starts_with("invalid label value: \"-bad\": a valid label must be"),
            "{err}"
        );
        assert_eq!(label_value_errors(&"a".repeat(64)).len(), 1);
        assert!(label_value_errors("").is_empty());
        assert!(label_value_errors("a.b_c-1").is_empty());
    }
}
