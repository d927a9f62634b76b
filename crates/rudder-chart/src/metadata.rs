//! `Chart.yaml`, `Chart.lock` and their validation (Helm's `pkg/chart/v2/metadata.go` and
//! `dependency.go`).
//!
//! Decoding follows sigs.k8s.io/yaml into Helm's Go structs: JSON field names matched
//! case-insensitively, unknown fields ignored, YAML numbers and booleans turned into strings
//! where the field is a string.

use std::collections::BTreeMap;
use std::sync::Arc;

use rudder_value::{List, ListKind, Map, NilMap, Value};

use crate::error::{Cause, Error, Result};
use crate::gofmt::{is_print, is_space, quote};

/// `apiVersion: v1` (Helm 2 charts; dependencies in `requirements.yaml`).
pub const API_VERSION_V1: &str = "v1";
/// `apiVersion: v2`.
pub const API_VERSION_V2: &str = "v2";

/// The JSON names of Helm's `Metadata` fields (Chart.yaml's keys), in struct order.
pub const METADATA_FIELDS: &[&str] = &[
    "name",
    "home",
    "sources",
    "version",
    "description",
    "keywords",
    "maintainers",
    "icon",
    "apiVersion",
    "condition",
    "tags",
    "appVersion",
    "deprecated",
    "annotations",
    "kubeVersion",
    "dependencies",
    "type",
];

/// The JSON names of Helm's `Maintainer` fields.
pub const MAINTAINER_FIELDS: &[&str] = &["name", "email", "url"];

/// The JSON names of Helm's `Dependency` fields.
pub const DEPENDENCY_FIELDS: &[&str] = &[
    "name",
    "version",
    "repository",
    "condition",
    "tags",
    "enabled",
    "import-values",
    "alias",
];

/// A chart maintainer.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Maintainer {
    /// User or organization name.
    pub name: String,
    /// Contact address.
    pub email: String,
    /// Web page.
    pub url: String,
}

/// A dependency declared in `Chart.yaml` (or `requirements.yaml`), or locked in `Chart.lock`.
#[derive(Debug, Clone, Default)]
pub struct Dependency {
    /// The chart's name (replaced by the alias during dependency processing).
    pub name: String,
    /// Version or version range.
    pub version: String,
    /// Repository URL.
    pub repository: String,
    /// Comma-separated values paths that enable the chart.
    pub condition: String,
    /// Tags that enable the chart.
    pub tags: Vec<String>,
    /// Whether the chart is enabled (set by dependency processing).
    pub enabled: bool,
    /// import-values entries: strings, or `{child, parent}` maps.
    pub import_values: Vec<Value>,
    /// Alias name.
    pub alias: String,
}

/// `Chart.lock` / `requirements.lock`.
#[derive(Debug, Clone, Default)]
pub struct Lock {
    /// When the lock was generated, as written.
    pub generated: String,
    /// Digest of the dependencies.
    pub digest: String,
    /// The locked dependencies.
    pub dependencies: Vec<Dependency>,
}

/// The contents of `Chart.yaml`.
#[derive(Debug, Clone, Default)]
pub struct Metadata {
    /// Chart name. Required.
    pub name: String,
    /// Project home page.
    pub home: String,
    /// Source code URLs.
    pub sources: Vec<String>,
    /// SemVer 2 version. Required.
    pub version: String,
    /// One-sentence description.
    pub description: String,
    /// Keywords.
    pub keywords: Vec<String>,
    /// Maintainers.
    pub maintainers: Vec<Maintainer>,
    /// Icon URL.
    pub icon: String,
    /// `v1` or `v2`. Required.
    pub api_version: String,
    /// Condition (Helm 2 leftovers; unused).
    pub condition: String,
    /// Tags (Helm 2 leftovers; unused).
    pub tags: String,
    /// Version of the packaged application.
    pub app_version: String,
    /// Whether the chart is deprecated.
    pub deprecated: bool,
    /// Annotations.
    pub annotations: BTreeMap<String, String>,
    /// SemVer range of supported Kubernetes versions.
    pub kube_version: String,
    /// Dependencies.
    pub dependencies: Vec<Dependency>,
    /// `application` (or empty) or `library`.
    pub chart_type: String,
    /// A `null` entry was found in `maintainers` (Helm rejects it at validation).
    null_maintainer: bool,
    /// A `null` entry was found in `dependencies`.
    null_dependency: bool,
    /// `annotations` was present (Go keeps a nil map apart from an empty one).
    has_annotations: bool,
    /// `dependencies` was given as a list, possibly empty (Go's non-nil slice).
    declared_dependencies: bool,
}

/// Go's struct names, used in decoding errors (`Go struct field Metadata.name`).
#[derive(Clone, Copy)]
enum Owner {
    Metadata,
    Maintainer,
    Dependency,
    Lock,
}

impl Owner {
    fn go_name(self) -> &'static str {
        match self {
            Owner::Metadata => "Metadata",
            Owner::Maintainer => "Maintainer",
            Owner::Dependency => "Dependency",
            Owner::Lock => "Lock",
        }
    }
}

/// A decoding failure, worded as Go's `encoding/json` behind sigs.k8s.io/yaml.
#[derive(Debug, thiserror::Error)]
#[error(
    "error unmarshaling JSON: while decoding JSON: json: cannot unmarshal {found} into Go struct field {owner}.{field} of type {wanted}"
)]
pub(crate) struct DecodeError {
    found: &'static str,
    owner: &'static str,
    field: String,
    wanted: &'static str,
}

/// A non-object document where a struct was expected.
#[derive(Debug, thiserror::Error)]
#[error(
    "error unmarshaling JSON: while decoding JSON: json: cannot unmarshal {found} into Go value of type {wanted}"
)]
pub(crate) struct TopLevelError {
    pub(crate) found: &'static str,
    pub(crate) wanted: &'static str,
}

/// JSON's name for a value's kind, as `encoding/json` prints it in errors.
pub(crate) fn json_kind(v: &Value) -> &'static str {
    match v {
        Value::Nil => "null",
        Value::Bool(_) => "bool",
        Value::Int(_) | Value::Int64(_) | Value::Uint(_) | Value::Float(_) => "number",
        Value::String(_) | Value::Bytes(_) => "string",
        Value::List(_) => "array",
        Value::Map(_) | Value::Object(_) => "object",
    }
}

struct Fields {
    entries: Vec<(String, Value)>,
    owner: Owner,
    /// encoding/json's field path above this struct (`maintainers.`).
    prefix: &'static str,
}

impl Fields {
    fn new(m: &Map, owner: Owner) -> Self {
        Fields::nested(m, owner, "")
    }

    fn nested(m: &Map, owner: Owner, prefix: &'static str) -> Self {
        Fields {
            entries: m.entries(),
            owner,
            prefix,
        }
    }

    /// The value for a JSON field name: an exact key wins, then a case-insensitive one, as
    /// `encoding/json` matches them.
    fn get(&self, name: &str) -> Option<&Value> {
        self.entries
            .iter()
            .find(|(k, _)| k == name)
            .or_else(|| {
                self.entries
                    .iter()
                    .find(|(k, _)| k.eq_ignore_ascii_case(name))
            })
            .map(|(_, v)| v)
    }

    fn err(&self, field: &str, found: &Value, wanted: &'static str) -> DecodeError {
        DecodeError {
            found: json_kind(found),
            owner: self.owner.go_name(),
            field: format!("{}{field}", self.prefix),
            wanted,
        }
    }

    fn string(&self, name: &str) -> Result<String, DecodeError> {
        match self.get(name) {
            None | Some(Value::Nil) => Ok(String::new()),
            Some(v) => scalar_string(v).ok_or_else(|| self.err(name, v, "string")),
        }
    }

    fn strings(&self, name: &str) -> Result<Vec<String>, DecodeError> {
        match self.get(name) {
            None | Some(Value::Nil) => Ok(Vec::new()),
            Some(Value::List(l)) => l
                .iter()
                .map(|v| match v {
                    Value::Nil => Ok(String::new()),
                    v => scalar_string(v).ok_or_else(|| self.err(name, v, "string")),
                })
                .collect(),
            Some(v) => Err(self.err(name, v, "[]string")),
        }
    }

    fn bool(&self, name: &str) -> Result<bool, DecodeError> {
        match self.get(name) {
            None | Some(Value::Nil) => Ok(false),
            Some(Value::Bool(b)) => Ok(*b),
            Some(v) => Err(self.err(name, v, "bool")),
        }
    }

    fn list(&self, name: &str, wanted: &'static str) -> Result<Vec<Value>, DecodeError> {
        match self.get(name) {
            None | Some(Value::Nil) => Ok(Vec::new()),
            Some(Value::List(l)) => Ok(l.to_vec()),
            Some(v) => Err(self.err(name, v, wanted)),
        }
    }
}

/// sigs.k8s.io/yaml's conversion of a YAML scalar into a Go string field.
fn scalar_string(v: &Value) -> Option<String> {
    rudder_yaml::go_string_field(v)
}

fn decode_maintainer(v: &Value) -> Result<Option<Maintainer>, DecodeError> {
    let m = match v {
        Value::Nil => return Ok(None),
        Value::Map(m) => m,
        other => {
            return Err(DecodeError {
                found: json_kind(other),
                owner: "Metadata",
                field: "maintainers".to_owned(),
                wanted: "v2.Maintainer",
            });
        }
    };
    let f = Fields::nested(m, Owner::Maintainer, "maintainers.");
    Ok(Some(Maintainer {
        name: f.string("name")?,
        email: f.string("email")?,
        url: f.string("url")?,
    }))
}

fn decode_dependency(v: &Value, owner: Owner) -> Result<Option<Dependency>, DecodeError> {
    let m = match v {
        Value::Nil => return Ok(None),
        Value::Map(m) => m,
        other => {
            return Err(DecodeError {
                found: json_kind(other),
                owner: owner.go_name(),
                field: "dependencies".to_owned(),
                wanted: "v2.Dependency",
            });
        }
    };
    let f = Fields::nested(m, Owner::Dependency, "dependencies.");
    Ok(Some(Dependency {
        name: f.string("name")?,
        version: f.string("version")?,
        repository: f.string("repository")?,
        condition: f.string("condition")?,
        tags: f.strings("tags")?,
        enabled: f.bool("enabled")?,
        import_values: f.list("import-values", "[]interface {}")?,
        alias: f.string("alias")?,
    }))
}

fn object_of(v: &Value, wanted: &'static str) -> Result<Option<Map>, Cause> {
    match v {
        Value::Nil => Ok(None),
        Value::Map(m) => Ok(Some(m.clone())),
        other => Err(Box::new(TopLevelError {
            found: json_kind(other),
            wanted,
        })),
    }
}

impl Metadata {
    /// Decodes `Chart.yaml` text (or merges `requirements.yaml` into `self`: only the fields
    /// present are overwritten, as `yaml.Unmarshal` into an existing struct does).
    pub(crate) fn decode_into(&mut self, data: &[u8]) -> Result<(), Cause> {
        let doc = crate::yaml::from_yaml_bytes(data)?;
        let Some(top) = object_of(&doc, "v2.Metadata")? else {
            return Ok(());
        };
        let f = Fields::new(&top, Owner::Metadata);
        macro_rules! field {
            ($json:literal, $target:expr, $get:ident) => {
                if f.get($json).is_some() {
                    $target = f.$get($json)?;
                }
            };
        }
        field!("name", self.name, string);
        field!("home", self.home, string);
        field!("sources", self.sources, strings);
        field!("version", self.version, string);
        field!("description", self.description, string);
        field!("keywords", self.keywords, strings);
        field!("icon", self.icon, string);
        field!("apiVersion", self.api_version, string);
        field!("condition", self.condition, string);
        field!("tags", self.tags, string);
        field!("appVersion", self.app_version, string);
        field!("deprecated", self.deprecated, bool);
        field!("kubeVersion", self.kube_version, string);
        field!("type", self.chart_type, string);
        if f.get("maintainers").is_some() {
            self.maintainers.clear();
            self.null_maintainer = false;
            for v in f.list("maintainers", "[]*v2.Maintainer")? {
                match decode_maintainer(&v)? {
                    Some(m) => self.maintainers.push(m),
                    None => self.null_maintainer = true,
                }
            }
        }
        if let Some(d) = f.get("dependencies") {
            self.dependencies.clear();
            self.null_dependency = false;
            self.declared_dependencies = !d.is_nil();
            for v in f.list("dependencies", "[]*v2.Dependency")? {
                match decode_dependency(&v, Owner::Metadata)? {
                    Some(d) => self.dependencies.push(d),
                    None => self.null_dependency = true,
                }
            }
        }
        match f.get("annotations") {
            None => {}
            Some(Value::Nil) => {
                self.annotations.clear();
                self.has_annotations = false;
            }
            Some(Value::Map(given)) => {
                self.has_annotations = true;
                for (k, v) in given.entries() {
                    let s = match &v {
                        Value::Nil => String::new(),
                        v => scalar_string(v).ok_or_else(|| DecodeError {
                            found: json_kind(v),
                            owner: "Metadata",
                            field: "annotations".to_owned(),
                            wanted: "string",
                        })?,
                    };
                    self.annotations.insert(k, s);
                }
            }
            Some(v) => return Err(Box::new(f.err("annotations", v, "map[string]string"))),
        }
        Ok(())
    }

    /// Helm's `Metadata.Validate`: sanitizes strings (spaces normalized, unprintable
    /// characters dropped) and checks required fields, the version, the type, maintainers and
    /// dependency aliases.
    pub fn validate(&mut self) -> Result<()> {
        for s in [
            &mut self.name,
            &mut self.description,
            &mut self.home,
            &mut self.icon,
            &mut self.condition,
            &mut self.tags,
            &mut self.app_version,
            &mut self.kube_version,
        ] {
            *s = sanitize(s);
        }
        for s in self.sources.iter_mut().chain(self.keywords.iter_mut()) {
            *s = sanitize(s);
        }
        if self.api_version.is_empty() {
            return Err(validation("chart.metadata.apiVersion is required"));
        }
        if self.name.is_empty() {
            return Err(validation("chart.metadata.name is required"));
        }
        if self.name == "." || self.name == ".." {
            return Err(validation(format!(
                "chart.metadata.name {} is not allowed",
                quote(&self.name)
            )));
        }
        if self.name.contains('/') {
            return Err(validation(format!(
                "chart.metadata.name {} is invalid",
                quote(&self.name)
            )));
        }
        if self.version.is_empty() {
            return Err(validation("chart.metadata.version is required"));
        }
        if !is_valid_semver(&self.version) {
            return Err(validation(format!(
                "chart.metadata.version {} is invalid",
                quote(&self.version)
            )));
        }
        if !matches!(self.chart_type.as_str(), "" | "application" | "library") {
            return Err(validation(
                "chart.metadata.type must be application or library",
            ));
        }
        if self.null_maintainer {
            return Err(validation(
                "maintainers must not contain empty or null nodes",
            ));
        }
        for m in &mut self.maintainers {
            m.name = sanitize(&m.name);
            m.email = sanitize(&m.email);
            m.url = sanitize(&m.url);
        }
        if self.null_dependency {
            return Err(validation(
                "dependencies must not contain empty or null nodes",
            ));
        }
        let mut seen = std::collections::HashSet::new();
        for d in &mut self.dependencies {
            d.validate()?;
            let key = if d.alias.is_empty() {
                d.name.clone()
            } else {
                d.alias.clone()
            };
            if !seen.insert(key.clone()) {
                return Err(validation(format!(
                    "more than one dependency with name or alias {}",
                    quote(&key)
                )));
            }
        }
        Ok(())
    }

    /// Whether the chart declares a dependency list (Go's non-nil `Dependencies` slice):
    /// dependency processing skips charts without one.
    pub fn has_dependency_list(&self) -> bool {
        self.declared_dependencies || !self.dependencies.is_empty()
    }

    /// Replaces the dependency list; an empty list becomes "no list", as Go's `append` onto a
    /// nil slice leaves it nil.
    pub fn set_dependency_list(&mut self, deps: Vec<Dependency>) {
        self.declared_dependencies = !deps.is_empty();
        self.dependencies = deps;
    }

    /// True for `type: library`.
    pub fn is_library(&self) -> bool {
        self.chart_type == "library"
    }

    /// `.Chart` as templates see it: Helm's `structToMap` of the Go struct, keyed by Go field
    /// names (`Name`, `AppVersion`, `Dependencies`, ...).
    pub fn as_map(&self) -> Map {
        let m = Map::new();
        let s = |v: &str| Value::from(v);
        let strings = |v: &[String]| Value::List(List::new(v.iter().map(|x| s(x)).collect()));
        m.insert("Name", s(&self.name));
        m.insert("Home", s(&self.home));
        m.insert("Sources", strings(&self.sources));
        m.insert("Version", s(&self.version));
        m.insert("Description", s(&self.description));
        m.insert("Keywords", strings(&self.keywords));
        m.insert(
            "Maintainers",
            Value::List(List::new(
                self.maintainers
                    .iter()
                    .map(|x| {
                        let mm = Map::new();
                        mm.insert("Name", s(&x.name));
                        mm.insert("Email", s(&x.email));
                        mm.insert("URL", s(&x.url));
                        Value::Map(mm)
                    })
                    .collect(),
            )),
        );
        m.insert("Icon", s(&self.icon));
        m.insert("APIVersion", s(&self.api_version));
        m.insert("Condition", s(&self.condition));
        m.insert("Tags", s(&self.tags));
        m.insert("AppVersion", s(&self.app_version));
        m.insert("Deprecated", Value::Bool(self.deprecated));
        // Go keeps a nil map (no `annotations` key) apart from an empty one: `toJson` writes
        // `null` for the first and `{}` for the second.
        let annotations = if self.has_annotations {
            Value::Map(Map::with_type_name(
                self.annotations
                    .iter()
                    .map(|(k, v)| (k.clone(), s(v)))
                    .collect(),
                "map[string]string",
            ))
        } else {
            Value::Object(Arc::new(NilMap::new("map[string]string")))
        };
        m.insert("Annotations", annotations);
        m.insert("KubeVersion", s(&self.kube_version));
        m.insert(
            "Dependencies",
            Value::List(List::new(
                self.dependencies
                    .iter()
                    .map(|d| Value::Map(d.as_map()))
                    .collect(),
            )),
        );
        m.insert("Type", s(&self.chart_type));
        m
    }
}

impl Dependency {
    /// Helm's `Dependency.Validate`: sanitizes strings and checks the alias characters.
    pub fn validate(&mut self) -> Result<()> {
        self.name = sanitize(&self.name);
        self.version = sanitize(&self.version);
        self.repository = sanitize(&self.repository);
        self.condition = sanitize(&self.condition);
        for t in &mut self.tags {
            *t = sanitize(t);
        }
        if !self.alias.is_empty()
            && !self
                .alias
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
        {
            return Err(validation(format!(
                "dependency {} has disallowed characters in the alias",
                quote(&self.name)
            )));
        }
        Ok(())
    }

    /// The dependency as `.Chart.Dependencies` shows it.
    pub fn as_map(&self) -> Map {
        let m = Map::new();
        m.insert("Name", Value::from(self.name.as_str()));
        m.insert("Version", Value::from(self.version.as_str()));
        m.insert("Repository", Value::from(self.repository.as_str()));
        m.insert("Condition", Value::from(self.condition.as_str()));
        m.insert(
            "Tags",
            Value::List(List::with_kind(
                self.tags.iter().map(|t| Value::from(t.as_str())).collect(),
                ListKind::Interface,
            )),
        );
        m.insert("Enabled", Value::Bool(self.enabled));
        m.insert(
            "ImportValues",
            Value::List(List::new(self.import_values.clone())),
        );
        m.insert("Alias", Value::from(self.alias.as_str()));
        m
    }
}

impl Lock {
    /// Decodes `Chart.lock` or `requirements.lock`.
    pub(crate) fn decode(data: &[u8]) -> Result<Lock, Cause> {
        let v = crate::yaml::from_yaml_bytes(data)?;
        let Some(m) = object_of(&v, "v2.Lock")? else {
            return Ok(Lock::default());
        };
        let f = Fields::new(&m, Owner::Lock);
        let mut deps = Vec::new();
        for v in f.list("dependencies", "[]*v2.Dependency")? {
            if let Some(d) = decode_dependency(&v, Owner::Lock)? {
                deps.push(d);
            }
        }
        Ok(Lock {
            generated: f.string("generated")?,
            digest: f.string("digest")?,
            dependencies: deps,
        })
    }
}

fn validation(msg: impl Into<String>) -> Error {
    Error::Validation(msg.into())
}

/// Helm's `sanitizeString`: whitespace becomes a space, unprintable characters are dropped.
fn sanitize(s: &str) -> String {
    s.chars()
        .filter_map(|c| {
            if is_space(c) {
                Some(' ')
            } else if is_print(c) {
                Some(c)
            } else {
                None
            }
        })
        .collect()
}

/// Masterminds `semver.NewVersion` (coercing mode, the default): `v` prefix allowed, minor
/// and patch optional, prerelease segments without leading zeros, metadata of `[0-9A-Za-z-]`.
pub fn is_valid_semver(v: &str) -> bool {
    rudder_semver::Version::parse(v).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta(name: &str, version: &str) -> Metadata {
        Metadata {
            api_version: "v2".into(),
            name: name.into(),
            version: version.into(),
            ..Metadata::default()
        }
    }

    #[test]
    fn validation_messages_are_helms() {
        let mut m = meta("", "1.0.0");
        assert_eq!(
            m.validate().unwrap_err().to_string(),
            "validation: chart.metadata.name is required"
        );
        let mut m = meta("x", "one");
        assert_eq!(
            m.validate().unwrap_err().to_string(),
            "validation: chart.metadata.version \"one\" is invalid"
        );
        let mut m = meta("..", "1");
        assert_eq!(
            m.validate().unwrap_err().to_string(),
            "validation: chart.metadata.name \"..\" is not allowed"
        );
        let mut m = meta("a/b", "1");
        assert_eq!(
            m.validate().unwrap_err().to_string(),
            "validation: chart.metadata.name \"a/b\" is invalid"
        );
        let mut m = meta("x", "1.2.3");
        m.chart_type = "other".into();
        assert_eq!(
            m.validate().unwrap_err().to_string(),
            "validation: chart.metadata.type must be application or library"
        );
        let mut m = meta("x", "1.2.3");
        m.api_version.clear();
        assert_eq!(
            m.validate().unwrap_err().to_string(),
            "validation: chart.metadata.apiVersion is required"
        );
    }

    #[test]
    fn dependency_aliases_are_checked() {
        let mut m = meta("x", "1.2.3");
        m.dependencies.push(Dependency {
            name: "a".into(),
            alias: "b!".into(),
            ..Dependency::default()
        });
        assert_eq!(
            m.validate().unwrap_err().to_string(),
            "validation: dependency \"a\" has disallowed characters in the alias"
        );
        let mut m = meta("x", "1.2.3");
        m.dependencies.push(Dependency {
            name: "a".into(),
            ..Dependency::default()
        });
        m.dependencies.push(Dependency {
            name: "c".into(),
            alias: "a".into(),
            ..Dependency::default()
        });
        assert_eq!(
            m.validate().unwrap_err().to_string(),
            "validation: more than one dependency with name or alias \"a\""
        );
    }

    #[test]
    fn sanitize_normalizes_spaces() {
        assert_eq!(sanitize("a\tb\u{1}c"), "a bc");
    }

    #[test]
    fn chart_yaml_numbers_become_strings() {
        let mut m = Metadata::default();
        m.decode_into(b"name: x\nversion: 1.10\nappVersion: 2\ndeprecated: true\nAPIVERSION: v2\n")
            .unwrap();
        assert_eq!(m.version, "1.1");
        assert_eq!(m.app_version, "2");
        assert_eq!(m.api_version, "v2");
        assert!(m.deprecated);
    }

    #[test]
    fn wrong_types_fail_as_encoding_json_does() {
        let mut m = Metadata::default();
        let err = m.decode_into(b"name: [a]\n").unwrap_err();
        assert_eq!(
            err.to_string(),
            "error unmarshaling JSON: while decoding JSON: json: cannot unmarshal array into Go struct field Metadata.name of type string"
        );
    }
}
