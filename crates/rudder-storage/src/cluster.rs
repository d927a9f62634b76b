//! The Secret and ConfigMap drivers (Helm's `pkg/storage/driver/secrets.go` and `cfgmaps.go`):
//! one object per revision in the driver's namespace, built by [`crate::record`], written and
//! read through a [`KubeClient`]. Records too large for one object are split as
//! [`crate::parts`] describes.

use std::collections::BTreeMap;
use std::sync::Arc;

use base64::Engine as _;
use rudder_kube::{KubeClient, ObjectRef, Propagation, Resource, str_at, value_at};
use rudder_release::{Clock, Release};
use rudder_value::strconv::quote;
use serde_json::{Map, Value, json};

use crate::driver::Driver;
use crate::error::{Error, Result};
use crate::parts::{
    DIGEST_KEY, PART_DATA_KEY, PART_LABEL, PART_NAME_LABEL, PART_SECRET_TYPE, PART_VERSION_LABEL,
    PARTS_KEY, join, part_name, split,
};
use crate::record::{DATA_KEY, LIST_SELECTOR, Read, SECRET_TYPE, Write, label_selector, record};

/// Which object a driver stores records in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Secret,
    ConfigMap,
}

impl Kind {
    fn as_str(self) -> &'static str {
        match self {
            Kind::Secret => "Secret",
            Kind::ConfigMap => "ConfigMap",
        }
    }
}

/// What the two drivers share.
struct Records {
    kind: Kind,
    kube: Arc<dyn KubeClient>,
    /// Where records live; empty means every namespace for `list` and `query`.
    namespace: String,
    clock: Arc<dyn Clock>,
}

/// One object read from the cluster: name, namespace, labels and string data.
struct Object {
    name: String,
    namespace: Option<String>,
    labels: BTreeMap<String, String>,
    data: BTreeMap<String, String>,
}

impl Records {
    /// Wraps an API error the way the driver does: the Secret driver adds Helm's context, the
    /// ConfigMap driver passes the error on as it is.
    fn api_error(&self, context: impl FnOnce() -> String, source: rudder_kube::Error) -> Error {
        match self.kind {
            Kind::Secret => Error::Kube {
                context: context(),
                source,
            },
            Kind::ConfigMap => Error::Cluster(source),
        }
    }

    /// The namespace reads and writes of one record go to.
    fn record_namespace(&self) -> &str {
        if self.namespace.is_empty() {
            self.kube.namespace()
        } else {
            &self.namespace
        }
    }

    /// The namespace `list` and `query` look in; `None` for all.
    fn list_namespace(&self) -> Option<&str> {
        (!self.namespace.is_empty()).then_some(self.namespace.as_str())
    }

    fn reference(&self, namespace: &str, name: &str) -> ObjectRef {
        ObjectRef::new("v1", self.kind.as_str(), Some(namespace), name)
    }

    /// Reads an object's name, labels and data (Secret data base64-decoded).
    fn object(&self, value: &Value) -> Object {
        let strings = |path: &[&str]| -> BTreeMap<String, String> {
            value_at(value, path)
                .and_then(Value::as_object)
                .map(|m| {
                    m.iter()
                        .filter_map(|(k, v)| Some((k.clone(), v.as_str()?.to_owned())))
                        .collect()
                })
                .unwrap_or_default()
        };
        let mut data = strings(&["data"]);
        if self.kind == Kind::Secret {
            // Secret data is bytes, base64 in JSON; a value that is not base64 reads as empty
            // and fails to decode as a release later, as in Helm.
            for v in data.values_mut() {
                *v = base64::engine::general_purpose::STANDARD
                    .decode(v.as_bytes())
                    .ok()
                    .and_then(|b| String::from_utf8(b).ok())
                    .unwrap_or_default();
            }
        }
        Object {
            name: str_at(value, &["metadata", "name"])
                .unwrap_or_default()
                .to_owned(),
            namespace: str_at(value, &["metadata", "namespace"]).map(str::to_owned),
            labels: strings(&["metadata", "labels"]),
            data,
        }
    }

    /// The object body of a record or a piece.
    fn body(
        &self,
        namespace: &str,
        name: &str,
        labels: &BTreeMap<String, String>,
        data: &[(&str, &str)],
        secret_type: &str,
    ) -> Resource {
        let data: Map<String, Value> = data
            .iter()
            .map(|(k, v)| {
                let v = match self.kind {
                    Kind::Secret => base64::engine::general_purpose::STANDARD.encode(v),
                    Kind::ConfigMap => (*v).to_owned(),
                };
                ((*k).to_owned(), Value::String(v))
            })
            .collect();
        let mut object = json!({
            "apiVersion": "v1",
            "kind": self.kind.as_str(),
            "metadata": {"name": name, "namespace": namespace, "labels": labels},
        });
        if self.kind == Kind::Secret {
            object["type"] = Value::String(secret_type.to_owned());
        }
        object["data"] = Value::Object(data);
        Resource {
            reference: self.reference(namespace, name),
            object,
        }
    }

    /// The encoded release an object holds, its pieces fetched and joined when it is split.
    fn encoded(&self, object: &Object, op: &'static str) -> Result<String> {
        let head = object.data.get(DATA_KEY).cloned().unwrap_or_default();
        let Some(count) = object.data.get(PARTS_KEY) else {
            return Ok(head);
        };
        let parts_error = |message: String| Error::Parts {
            op,
            key: object.name.clone(),
            message,
        };
        let count: usize = count
            .parse()
            .map_err(|_| parts_error(format!("invalid part count {}", quote(count))))?;
        let digest = object.data.get(DIGEST_KEY).cloned().unwrap_or_default();
        let namespace = object
            .namespace
            .clone()
            .unwrap_or_else(|| self.record_namespace().to_owned());
        let references: Vec<ObjectRef> = (2..=count)
            .map(|i| self.reference(&namespace, &part_name(&object.name, &digest, i)))
            .collect();
        let refs: Vec<&ObjectRef> = references.iter().collect();
        let mut pieces = vec![head];
        for (reference, got) in references.iter().zip(self.kube.get_all(&refs)) {
            let got = got.map_err(|e| self.api_error(|| format!("{op}: failed to get part"), e))?;
            let got =
                got.ok_or_else(|| parts_error(format!("part {} is missing", reference.name)))?;
            pieces.push(
                self.object(&got)
                    .data
                    .remove(PART_DATA_KEY)
                    .unwrap_or_default(),
            );
        }
        join(&pieces, &digest).map_err(parts_error)
    }

    /// Decodes an object listed by `list` or `query`; `None` for one that cannot be read,
    /// which Helm skips.
    fn listed(&self, value: &Value) -> Option<Release> {
        let object = self.object(value);
        let encoded = self.encoded(&object, "list").ok()?;
        crate::record::read_record(&object.name, &object.labels, &encoded, Read::List).ok()
    }

    fn list_objects(&self, selector: &str, context: &'static str) -> Result<Vec<Value>> {
        self.kube
            .list("v1", self.kind.as_str(), self.list_namespace(), selector)
            .map_err(|e| self.api_error(|| context.to_owned(), e))
    }

    fn get(&self, key: &str) -> Result<Release> {
        let reference = self.reference(self.record_namespace(), key);
        let value = self
            .kube
            .get(&reference)
            .map_err(|e| self.api_error(|| format!("get: failed to get {}", quote(key)), e))?
            .ok_or(Error::ReleaseNotFound)?;
        let object = self.object(&value);
        let encoded = self.encoded(&object, "get")?;
        crate::record::read_record(key, &object.labels, &encoded, Read::Get).map_err(|e| {
            match (self.kind, e) {
                (Kind::ConfigMap, Error::DecodeRecord { cause, .. }) => Error::Decode { cause },
                (_, e) => e,
            }
        })
    }

    fn list(&self, filter: &dyn Fn(&Release) -> bool) -> Result<Vec<Release>> {
        let items = self.list_objects(LIST_SELECTOR, "list: failed to list")?;
        Ok(items
            .iter()
            .filter_map(|v| self.listed(v))
            .filter(|r| filter(r))
            .collect())
    }

    fn query(&self, labels: &BTreeMap<String, String>) -> Result<Vec<Release>> {
        let selector = label_selector(labels)?;
        let items = self.list_objects(&selector, "query: failed to query with labels")?;
        if items.is_empty() {
            return Err(Error::ReleaseNotFound);
        }
        Ok(items.iter().filter_map(|v| self.listed(v)).collect())
    }

    fn write(&self, key: &str, release: &Release, write: Write) -> Result<()> {
        let now = self.clock.now().unix();
        let rec = record(key, release, write, now)?;
        let namespace = self.record_namespace().to_owned();
        let (op, context) = match write {
            Write::Create => ("create", "create: failed to create"),
            Write::Update => ("update", "update: failed to update"),
        };
        let split = split(&rec.release);
        let head = match &split {
            None => self.body(
                &namespace,
                key,
                &rec.labels,
                &[(DATA_KEY, &rec.release)],
                SECRET_TYPE,
            ),
            Some(s) => {
                let count = s.pieces.len().to_string();
                let mut part_labels = BTreeMap::new();
                part_labels.insert(PART_LABEL.to_owned(), s.digest.clone());
                part_labels.insert(PART_NAME_LABEL.to_owned(), release.name.clone());
                part_labels.insert(PART_VERSION_LABEL.to_owned(), release.version.to_string());
                for (i, piece) in s.pieces.iter().enumerate().skip(1) {
                    let part = self.body(
                        &namespace,
                        &part_name(key, &s.digest, i + 1),
                        &part_labels,
                        &[(PART_DATA_KEY, piece)],
                        PART_SECRET_TYPE,
                    );
                    match self.kube.create(&part) {
                        // The name holds the digest: an existing piece holds the same bytes.
                        Ok(_) | Err(rudder_kube::Error::AlreadyExists { .. }) => {}
                        Err(e) => {
                            return Err(
                                self.api_error(|| format!("{op}: failed to create part"), e)
                            );
                        }
                    }
                }
                self.body(
                    &namespace,
                    key,
                    &rec.labels,
                    &[
                        (DATA_KEY, s.pieces[0]),
                        (PARTS_KEY, &count),
                        (DIGEST_KEY, &s.digest),
                    ],
                    SECRET_TYPE,
                )
            }
        };
        match write {
            Write::Create => match self.kube.create(&head) {
                Ok(_) => {}
                Err(rudder_kube::Error::AlreadyExists { .. }) => return Err(Error::ReleaseExists),
                Err(e) => return Err(self.api_error(|| context.to_owned(), e)),
            },
            Write::Update => {
                self.kube
                    .update(&head)
                    .map_err(|e| self.api_error(|| context.to_owned(), e))?;
                // Pieces of the revision's earlier contents are no longer pointed at.
                let keep = split.as_ref().map(|s| s.digest.as_str());
                self.remove_parts(&namespace, release, keep)?;
            }
        }
        Ok(())
    }

    /// Deletes the pieces of a revision except those with the digest `keep`.
    fn remove_parts(&self, namespace: &str, release: &Release, keep: Option<&str>) -> Result<()> {
        let selector = format!(
            "{PART_LABEL},{PART_NAME_LABEL}={},{PART_VERSION_LABEL}={}",
            release.name, release.version
        );
        let parts = self
            .kube
            .list("v1", self.kind.as_str(), Some(namespace), &selector)
            .map_err(|e| self.api_error(|| "delete: failed to list parts".to_owned(), e))?;
        for part in &parts {
            let object = self.object(part);
            if keep.is_some_and(|d| object.labels.get(PART_LABEL).is_some_and(|l| l == d)) {
                continue;
            }
            self.kube
                .delete(
                    &self.reference(namespace, &object.name),
                    Propagation::Background,
                )
                .map_err(|e| self.api_error(|| "delete: failed to delete part".to_owned(), e))?;
        }
        Ok(())
    }

    fn delete(&self, key: &str) -> Result<Release> {
        let release = self.get(key)?;
        let namespace = self.record_namespace().to_owned();
        self.kube
            .delete(&self.reference(&namespace, key), Propagation::Background)
            .map_err(Error::Cluster)?;
        self.remove_parts(&namespace, &release, None)?;
        Ok(release)
    }
}

macro_rules! kube_driver {
    ($(#[$doc:meta])* $ty:ident, $kind:expr, $name:literal) => {
        $(#[$doc])*
        pub struct $ty(Records);

        impl $ty {
            /// The driver's name.
            pub const NAME: &'static str = $name;

            /// A driver keeping records in `namespace` (empty: `list` and `query` look in
            /// every namespace, and single records are read in the client's namespace),
            /// stamping them with times from `clock`.
            pub fn new(kube: Arc<dyn KubeClient>, namespace: &str, clock: Arc<dyn Clock>) -> Self {
                $ty(Records {
                    kind: $kind,
                    kube,
                    namespace: namespace.to_owned(),
                    clock,
                })
            }
        }

        impl std::fmt::Debug for $ty {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.debug_struct(stringify!($ty))
                    .field("namespace", &self.0.namespace)
                    .finish_non_exhaustive()
            }
        }

        impl Driver for $ty {
            fn name(&self) -> &'static str {
                $name
            }
            fn get(&self, key: &str) -> Result<Release> {
                self.0.get(key)
            }
            fn list(&self, filter: &dyn Fn(&Release) -> bool) -> Result<Vec<Release>> {
                self.0.list(filter)
            }
            fn query(&self, labels: &BTreeMap<String, String>) -> Result<Vec<Release>> {
                self.0.query(labels)
            }
            fn create(&self, key: &str, release: &Release) -> Result<()> {
                self.0.write(key, release, Write::Create)
            }
            fn update(&self, key: &str, release: &Release) -> Result<()> {
                self.0.write(key, release, Write::Update)
            }
            fn delete(&self, key: &str) -> Result<Release> {
                self.0.delete(key)
            }
        }
    };
}

kube_driver!(
    /// Releases in Secrets of type `helm.sh/release.v1` (Helm's `driver.Secrets`, the default).
    ///
    /// Errors are Helm's: a missing record is [`Error::ReleaseNotFound`], a taken key
    /// [`Error::ReleaseExists`], and API failures come wrapped in Helm's context
    /// ([`Error::Kube`], `get: failed to get "KEY"`, `create: failed to create`, ...).
    Secrets,
    Kind::Secret,
    "Secret"
);

kube_driver!(
    /// Releases in ConfigMaps (Helm's `driver.ConfigMaps`).
    ///
    /// Errors as [`Secrets`], except that API failures and decoding failures come as they
    /// are ([`Error::Cluster`], [`Error::Decode`]), as Helm's ConfigMap driver passes them on.
    ConfigMaps,
    Kind::ConfigMap,
    "ConfigMap"
);
