//! Objects as the client sees them: references, resources built from manifests, and the
//! options of writes.

use serde_json::Value;

use crate::error::{Error, Result};

/// Names one object: `apiVersion`, `kind`, namespace (`None` for cluster-scoped kinds) and
/// name.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ObjectRef {
    /// `apiVersion`, as `v1` or `apps/v1`.
    pub api_version: String,
    /// `kind`, as `Deployment`.
    pub kind: String,
    /// The namespace; `None` for cluster-scoped objects.
    pub namespace: Option<String>,
    /// `metadata.name`.
    pub name: String,
}

impl ObjectRef {
    /// A reference from its parts.
    pub fn new(api_version: &str, kind: &str, namespace: Option<&str>, name: &str) -> Self {
        ObjectRef {
            api_version: api_version.to_owned(),
            kind: kind.to_owned(),
            namespace: namespace.map(str::to_owned),
            name: name.to_owned(),
        }
    }

    /// The reference of an object body. `metadata.name` may be empty (for `generateName`).
    pub fn of(object: &Value) -> Result<Self> {
        let api_version = str_at(object, &["apiVersion"]).ok_or(Error::MissingField {
            field: "apiVersion",
        })?;
        let kind = str_at(object, &["kind"]).ok_or(Error::MissingField { field: "kind" })?;
        Ok(ObjectRef {
            api_version: api_version.to_owned(),
            kind: kind.to_owned(),
            namespace: str_at(object, &["metadata", "namespace"])
                .filter(|n| !n.is_empty())
                .map(str::to_owned),
            name: str_at(object, &["metadata", "name"])
                .unwrap_or_default()
                .to_owned(),
        })
    }

    /// The API group (`""` for the core group).
    pub fn group(&self) -> &str {
        group_version(&self.api_version).0
    }
}

impl std::fmt::Display for ObjectRef {
    /// `Kind namespace/name` or `Kind name`, as Helm's messages name objects.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.namespace {
            Some(ns) => write!(f, "{} {}/{}", self.kind, ns, self.name),
            None => write!(f, "{} {}", self.kind, self.name),
        }
    }
}

/// Splits `apiVersion` into group and version (`v1` is the core group `""`).
pub fn group_version(api_version: &str) -> (&str, &str) {
    match api_version.split_once('/') {
        Some((g, v)) => (g, v),
        None => ("", api_version),
    }
}

/// The string at a path of keys in a JSON object.
pub fn str_at<'a>(object: &'a Value, path: &[&str]) -> Option<&'a str> {
    value_at(object, path).and_then(Value::as_str)
}

/// The value at a path of keys in a JSON object.
pub fn value_at<'a>(object: &'a Value, path: &[&str]) -> Option<&'a Value> {
    path.iter().try_fold(object, |v, k| v.get(k))
}

/// The integer at a path of keys (JSON numbers written as `3` or `3.0`).
pub fn int_at(object: &Value, path: &[&str]) -> Option<i64> {
    let v = value_at(object, path)?;
    v.as_i64().or_else(|| v.as_f64().map(|f| f as i64))
}

/// An object built from a manifest (Helm's `resource.Info`): its reference, with the
/// namespace filled in for namespaced kinds, and its body.
#[derive(Clone, Debug, PartialEq)]
pub struct Resource {
    /// What the object is; `namespace` is set exactly when the kind is namespaced.
    pub reference: ObjectRef,
    /// The object as JSON, with `metadata.namespace` set like `reference`.
    pub object: Value,
}

/// How a delete treats the object's dependents (`--cascade`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Propagation {
    /// Delete dependents in the background (Helm's default).
    #[default]
    Background,
    /// Delete dependents first, then the owner.
    Foreground,
    /// Leave dependents alone.
    Orphan,
}

impl Propagation {
    /// The API's spelling (`Background`, `Foreground`, `Orphan`).
    pub fn as_str(self) -> &'static str {
        match self {
            Propagation::Background => "Background",
            Propagation::Foreground => "Foreground",
            Propagation::Orphan => "Orphan",
        }
    }

    /// Parses `--cascade`'s values (`background`, `foreground`, `orphan`).
    pub fn from_cascade(value: &str) -> Option<Self> {
        match value {
            "background" => Some(Propagation::Background),
            "foreground" => Some(Propagation::Foreground),
            "orphan" => Some(Propagation::Orphan),
            _ => None,
        }
    }
}

/// Field manager name Helm uses for server-side apply and updates
/// (helm/helm `pkg/kube/client.go`, `getManagedFieldsManager`).
pub const FIELD_MANAGER: &str = "helm";

/// Options of [`crate::KubeClient::apply`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ApplyOptions {
    /// Server-side apply (Helm 4's default). `false` asks for Helm 3's client-side apply:
    /// [`crate::create_all`] creates, [`crate::update_all`] sends three-way patches
    /// ([`crate::merge`]).
    pub server_side: bool,
    /// Take over fields owned by other managers (`--force-conflicts`).
    pub force_conflicts: bool,
    /// Ask the server to validate without persisting (`--dry-run=server`).
    pub dry_run: bool,
    /// The field manager; Helm's is [`FIELD_MANAGER`].
    pub field_manager: String,
}

impl Default for ApplyOptions {
    fn default() -> Self {
        ApplyOptions {
            server_side: true,
            force_conflicts: false,
            dry_run: false,
            field_manager: FIELD_MANAGER.to_owned(),
        }
    }
}

/// Splits a multi-document manifest into documents as Helm's `releaseutil.SplitManifests`
/// does (a line starting with `---` separates documents) and reads each as
/// sigs.k8s.io/yaml does. Empty documents are skipped.
pub fn parse_manifest(manifest: &str) -> Result<Vec<Value>> {
    let mut out = Vec::new();
    for (i, doc) in split_documents(manifest).into_iter().enumerate() {
        if doc.trim().is_empty() {
            continue;
        }
        let manifest_error = |message: String| Error::Manifest {
            document: i + 1,
            message,
        };
        let value = rudder_yaml::from_yaml_typed(doc).map_err(|e| manifest_error(e.to_string()))?;
        if matches!(value, rudder_value::Value::Nil) {
            continue;
        }
        let json = rudder_yaml::to_json(&value, &rudder_yaml::JsonOptions::default())
            .map_err(|e| manifest_error(e.to_string()))?;
        let json: Value = serde_json::from_str(&json).map_err(|e| manifest_error(e.to_string()))?;
        if !json.is_object() {
            return Err(manifest_error(
                "a document must be a mapping of an object".to_owned(),
            ));
        }
        out.push(json);
    }
    Ok(out)
}

fn split_documents(manifest: &str) -> Vec<&str> {
    let mut docs = Vec::new();
    let mut start = 0;
    let mut offset = 0;
    for line in manifest.split_inclusive('\n') {
        if line.starts_with("---") {
            docs.push(&manifest[start..offset]);
            start = offset + line.len();
        }
        offset += line.len();
    }
    docs.push(&manifest[start..]);
    docs
}

/// A Kubernetes label selector (`a=b,c!=d,e in (f,g),h notin (i),j,!k`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Selector {
    requirements: Vec<Requirement>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum Requirement {
    In(String, Vec<String>),
    NotIn(String, Vec<String>),
    Exists(String),
    DoesNotExist(String),
}

impl Selector {
    /// Parses a selector string; the empty string selects everything.
    pub fn parse(text: &str) -> Result<Self> {
        let bad = || Error::Api {
            code: 400,
            reason: "BadRequest".to_owned(),
            message: format!("unable to parse requirement: invalid label selector {text:?}"),
        };
        let mut requirements = Vec::new();
        let mut rest = text.trim();
        while !rest.is_empty() {
            // A set (`in (a,b)`) contains commas, so find the end of the term first.
            let end = term_end(rest);
            let term = rest[..end].trim();
            rest = rest[end..].trim_start_matches(',').trim();
            if let Some(key) = term.strip_prefix('!') {
                requirements.push(Requirement::DoesNotExist(key.trim().to_owned()));
            } else if let Some((k, v)) = term.split_once("!=") {
                requirements.push(Requirement::NotIn(
                    k.trim().to_owned(),
                    vec![v.trim().to_owned()],
                ));
            } else if let Some((k, v)) = term.split_once("==").or_else(|| term.split_once('=')) {
                requirements.push(Requirement::In(
                    k.trim().to_owned(),
                    vec![v.trim().to_owned()],
                ));
            } else if let Some(open) = term.find('(') {
                let head = term[..open].trim();
                let values: Vec<String> = term[open + 1..]
                    .trim_end()
                    .strip_suffix(')')
                    .ok_or_else(bad)?
                    .split(',')
                    .map(|v| v.trim().to_owned())
                    .collect();
                if let Some(k) = head.strip_suffix(" notin") {
                    requirements.push(Requirement::NotIn(k.trim().to_owned(), values));
                } else if let Some(k) = head.strip_suffix(" in") {
                    requirements.push(Requirement::In(k.trim().to_owned(), values));
                } else {
                    return Err(bad());
                }
            } else if term.is_empty() || term.contains(' ') {
                return Err(bad());
            } else {
                requirements.push(Requirement::Exists(term.to_owned()));
            }
        }
        Ok(Selector { requirements })
    }

    /// True when the labels (a JSON object, or `None` for no labels) satisfy every
    /// requirement.
    pub fn matches(&self, labels: Option<&Value>) -> bool {
        let get = |k: &str| labels.and_then(|l| l.get(k)).and_then(Value::as_str);
        self.requirements.iter().all(|r| match r {
            Requirement::In(k, vs) => get(k).is_some_and(|v| vs.iter().any(|x| x == v)),
            Requirement::NotIn(k, vs) => get(k).is_none_or(|v| vs.iter().all(|x| x != v)),
            Requirement::Exists(k) => get(k).is_some(),
            Requirement::DoesNotExist(k) => get(k).is_none(),
        })
    }
}

fn term_end(text: &str) -> usize {
    let mut depth = 0;
    for (i, c) in text.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            ',' if depth == 0 => return i,
            _ => {}
        }
    }
    text.len()
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::{ObjectRef, Selector, parse_manifest};

    #[test]
    fn manifests_split_on_document_markers() {
        let docs = parse_manifest(
            "---\n# Source: x\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n  key: yes\n---\n\n--- # c\nkind: Secret\napiVersion: v1\nmetadata: {name: b}\nreplicas: 3\n",
        )
        .unwrap();
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[0]["data"]["key"], json!(true));
        assert_eq!(docs[1]["replicas"], json!(3));
        assert_eq!(
            ObjectRef::of(&docs[1]).unwrap(),
            ObjectRef::new("v1", "Secret", None, "b")
        );
    }

    #[test]
    fn manifest_documents_must_be_objects() {
        assert!(parse_manifest("- a\n").is_err());
        assert!(parse_manifest("a: [\n").is_err());
    }

    #[test]
    fn selectors_match_equality_and_sets() {
        let labels = json!({"owner": "helm", "name": "r", "status": "deployed"});
        let yes = |s: &str| Selector::parse(s).unwrap().matches(Some(&labels));
        assert!(yes(""));
        assert!(yes("owner=helm,name==r"));
        assert!(!yes("owner=helm,name=s"));
        assert!(yes("status in (deployed, superseded),owner"));
        assert!(!yes("status notin (deployed)"));
        assert!(yes("status!=failed,!missing"));
        assert!(!yes("!owner"));
        assert!(Selector::parse("a in (b").is_err());
        assert!(Selector::parse("a b").is_err());
    }
}
