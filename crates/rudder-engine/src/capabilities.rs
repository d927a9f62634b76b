//! `.Capabilities`: what the cluster supports (helm/helm `pkg/chart/common/capabilities.go`).
//!
//! Helm 4.2.3's defaults, used by `helm template` and whenever no cluster is asked, live in
//! `data/` and were written by `scripts/capabilities.py` from what real Helm renders: Kubernetes
//! `v1.36.0` and the 55 group/versions of the Kubernetes 1.36 client libraries.

use std::any::Any;
use std::sync::Arc;

use rudder_value::{List, ListKind, Map, Member, Object, Underlying, Value};

const API_VERSIONS: &str = include_str!("../data/api-versions.txt");
const DEFAULTS: &str = include_str!("../data/capabilities.txt");

/// `.Capabilities` (Go's `*common.Capabilities`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Capabilities {
    /// `.Capabilities.KubeVersion`
    pub kube_version: KubeVersion,
    /// `.Capabilities.APIVersions`
    pub api_versions: VersionSet,
    /// `.Capabilities.HelmVersion`
    pub helm_version: BuildInfo,
}

/// `.Capabilities.KubeVersion` (Go's `common.KubeVersion`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KubeVersion {
    /// `.Version`: the full version, e.g. `v1.33.4-gke.1245000`.
    pub version: String,
    /// The version without suffixes, used for constraint checks and printed by `String`.
    pub normalized: String,
    /// `.Major`
    pub major: String,
    /// `.Minor`
    pub minor: String,
}

/// `.Capabilities.APIVersions` (Go's `common.VersionSet`): group/versions, with `Has`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct VersionSet(pub Vec<String>);

/// `.Capabilities.HelmVersion` (Go's `version.BuildInfo`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct BuildInfo {
    /// `.Version`
    pub version: String,
    /// `.GitCommit`
    pub git_commit: String,
    /// `.GitTreeState`
    pub git_tree_state: String,
    /// `.GoVersion`
    pub go_version: String,
    /// `.KubeClientVersion`
    pub kube_client_version: String,
}

fn default_entry(key: &str) -> String {
    DEFAULTS
        .lines()
        .find_map(|line| line.strip_prefix(key)?.strip_prefix('='))
        .unwrap_or_default()
        .to_owned()
}

impl Default for Capabilities {
    /// Helm 4.2.3's `DefaultCapabilities`.
    fn default() -> Self {
        let version = default_entry("kube.version");
        Capabilities {
            kube_version: KubeVersion {
                normalized: version.clone(),
                version,
                major: default_entry("kube.major"),
                minor: default_entry("kube.minor"),
            },
            api_versions: VersionSet::default_set(),
            helm_version: BuildInfo {
                version: default_entry("helm.version"),
                git_commit: default_entry("helm.gitCommit"),
                git_tree_state: default_entry("helm.gitTreeState"),
                go_version: default_entry("helm.goVersion"),
                kube_client_version: default_entry("helm.kubeClientVersion"),
            },
        }
    }
}

impl VersionSet {
    /// Helm's `DefaultVersionSet`.
    pub fn default_set() -> Self {
        VersionSet(API_VERSIONS.lines().map(str::to_owned).collect())
    }

    /// `Has`: true when `api_version` is in the set.
    pub fn has(&self, api_version: &str) -> bool {
        self.0.iter().any(|v| v == api_version)
    }

    fn go_string(&self) -> String {
        format!("[{}]", self.0.join(" "))
    }
}

impl KubeVersion {
    /// Parses a version the way Helm's `ParseKubeVersion` does, through Kubernetes'
    /// `version.ParseGeneric`: optional space and `v`, two or more dot-separated numbers (the
    /// first without a leading zero), then anything. `None` when that fails.
    pub fn parse(version: &str) -> Option<KubeVersion> {
        let rest = version.trim_start_matches(|c: char| c.is_ascii_whitespace() || c == '\u{85}');
        let rest = rest.strip_prefix('v').unwrap_or(rest);
        // The numeric part: digits, then `.digits` groups (a trailing `.` is left over).
        let mut end = rest
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(rest.len());
        if end == 0 {
            return None;
        }
        loop {
            let tail = &rest[end..];
            let Some(after_dot) = tail.strip_prefix('.') else {
                break;
            };
            let digits = after_dot
                .find(|c: char| !c.is_ascii_digit())
                .unwrap_or(after_dot.len());
            if digits == 0 {
                break;
            }
            end += 1 + digits;
        }
        let components: Vec<&str> = rest[..end].split('.').collect();
        if components.len() < 2 || (components[0].starts_with('0') && components[0] != "0") {
            return None;
        }
        let numbers: Vec<u64> = components
            .iter()
            .map(|c| c.parse().ok())
            .collect::<Option<_>>()?;
        let joined: Vec<String> = numbers.iter().map(u64::to_string).collect();
        let full = if version.starts_with('v') {
            version.to_owned()
        } else {
            format!("v{version}")
        };
        Some(KubeVersion {
            version: full,
            normalized: format!("v{}", joined.join(".")),
            major: numbers[0].to_string(),
            minor: numbers[1].to_string(),
        })
    }

    /// `String()`: the normalized version, or the full one when there is none.
    pub fn to_go_string(&self) -> String {
        if self.normalized.is_empty() {
            self.version.clone()
        } else {
            self.normalized.clone()
        }
    }

    /// The exported fields in declaration order (they have no JSON tags).
    fn to_data_fields(&self) -> Vec<(&'static str, Value)> {
        vec![
            ("Version", Value::from(self.version.as_str())),
            ("Major", Value::from(self.major.as_str())),
            ("Minor", Value::from(self.minor.as_str())),
        ]
    }

    /// `%v` of the struct itself: all four fields.
    fn struct_string(&self) -> String {
        format!(
            "{{{} {} {} {}}}",
            self.version, self.normalized, self.major, self.minor
        )
    }
}

impl BuildInfo {
    /// The fields as encoding/json writes them, in declaration order: the JSON tags of
    /// version.BuildInfo, all but the last omitempty.
    fn json_entries(&self) -> Vec<(String, Value)> {
        let mut entries: Vec<(String, Value)> = [
            ("version", &self.version),
            ("git_commit", &self.git_commit),
            ("git_tree_state", &self.git_tree_state),
            ("go_version", &self.go_version),
        ]
        .into_iter()
        .filter(|(_, value)| !value.is_empty())
        .map(|(key, value)| (key.to_owned(), Value::from(value.as_str())))
        .collect();
        entries.push((
            "kube_client_version".to_owned(),
            Value::from(self.kube_client_version.as_str()),
        ));
        entries
    }

    fn struct_string(&self) -> String {
        format!(
            "{{{} {} {} {} {}}}",
            self.version,
            self.git_commit,
            self.git_tree_state,
            self.go_version,
            self.kube_client_version
        )
    }
}

impl Object for Capabilities {
    fn type_name(&self) -> &'static str {
        "*common.Capabilities"
    }

    fn kind_name(&self) -> &'static str {
        "ptr"
    }

    fn member(&self, name: &str) -> Option<Member> {
        let value = match name {
            "KubeVersion" => Value::Object(Arc::new(self.kube_version.clone())),
            "APIVersions" => Value::Object(Arc::new(self.api_versions.clone())),
            "HelmVersion" => Value::Object(Arc::new(self.helm_version.clone())),
            "Copy" => return Some(Member::Method),
            _ => return None,
        };
        Some(Member::Field(value))
    }

    fn call_method(&self, name: &str, _args: &[Value]) -> Result<Value, String> {
        match name {
            "Copy" => Ok(Value::Object(Arc::new(self.clone()))),
            _ => Err(format!("can't call method {name}")),
        }
    }

    fn has_string_method(&self) -> bool {
        false
    }

    fn go_string(&self) -> String {
        format!(
            "{{{} {} {}}}",
            self.kube_version.struct_string(),
            self.api_versions.go_string(),
            self.helm_version.struct_string()
        )
    }

    fn underlying(&self) -> Option<Underlying> {
        Some(Underlying::Struct(self.json_fields()?))
    }

    fn json_fields(&self) -> Option<Vec<(String, Value)>> {
        let field = |name: &str, value: Value| (name.to_owned(), value);
        Some(vec![
            field(
                "KubeVersion",
                Value::Object(Arc::new(self.kube_version.clone())),
            ),
            field(
                "APIVersions",
                Value::Object(Arc::new(self.api_versions.clone())),
            ),
            field(
                "HelmVersion",
                Value::Object(Arc::new(self.helm_version.clone())),
            ),
        ])
    }

    fn to_data(&self) -> Value {
        let map = Map::new();
        map.insert("KubeVersion", self.kube_version.to_data());
        map.insert("APIVersions", self.api_versions.to_data());
        map.insert("HelmVersion", self.helm_version.to_data());
        Value::Map(map)
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}

impl Object for KubeVersion {
    fn type_name(&self) -> &'static str {
        "common.KubeVersion"
    }

    fn member(&self, name: &str) -> Option<Member> {
        let value = match name {
            "Version" => &self.version,
            "Major" => &self.major,
            "Minor" => &self.minor,
            "String" | "GitVersion" => return Some(Member::Method),
            _ => return None,
        };
        Some(Member::Field(Value::from(value.as_str())))
    }

    fn call_method(&self, name: &str, _args: &[Value]) -> Result<Value, String> {
        match name {
            "String" => Ok(Value::from(self.to_go_string())),
            "GitVersion" => Ok(Value::from(self.version.as_str())),
            _ => Err(format!("can't call method {name}")),
        }
    }

    fn go_string(&self) -> String {
        self.struct_string()
    }

    fn has_string_method(&self) -> bool {
        false
    }

    fn underlying(&self) -> Option<Underlying> {
        let field = |name: &str, value: &str| (name.to_owned(), Value::from(value));
        Some(Underlying::Struct(vec![
            field("Version", &self.version),
            field("normalizedVersion", &self.normalized),
            field("Major", &self.major),
            field("Minor", &self.minor),
        ]))
    }

    fn pointer_string(&self) -> Option<String> {
        // `func (kv *KubeVersion) String()`: only an action printing the field (reached
        // through `*Capabilities`, so addressable) calls it; `toString`, `quote` and
        // `printf "%v"` get a copy of the struct.
        Some(self.to_go_string())
    }

    fn json_fields(&self) -> Option<Vec<(String, Value)>> {
        Some(
            self.to_data_fields()
                .into_iter()
                .map(|(k, v)| (k.to_owned(), v))
                .collect(),
        )
    }

    fn to_data(&self) -> Value {
        // encoding/json sees only the exported fields, which have no tags.
        Value::Map(
            self.to_data_fields()
                .into_iter()
                .map(|(k, v)| (k.to_owned(), v))
                .collect(),
        )
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}

impl Object for VersionSet {
    fn type_name(&self) -> &'static str {
        "common.VersionSet"
    }

    fn kind_name(&self) -> &'static str {
        "slice"
    }

    fn member(&self, name: &str) -> Option<Member> {
        (name == "Has").then_some(Member::Method)
    }

    fn call_method(&self, name: &str, args: &[Value]) -> Result<Value, String> {
        match (name, args.first()) {
            ("Has", Some(Value::String(v))) => Ok(Value::Bool(self.has(v))),
            ("Has", _) => Ok(Value::Bool(false)),
            _ => Err(format!("can't call method {name}")),
        }
    }

    fn method_arity(&self, _name: &str) -> (usize, bool) {
        (1, false)
    }

    fn go_string(&self) -> String {
        VersionSet::go_string(self)
    }

    fn has_string_method(&self) -> bool {
        false
    }

    fn underlying(&self) -> Option<Underlying> {
        Some(Underlying::Value(self.to_data()))
    }

    fn is_true(&self) -> bool {
        !self.0.is_empty()
    }

    fn to_data(&self) -> Value {
        Value::List(List::with_kind(
            self.0.iter().map(|v| Value::from(v.as_str())).collect(),
            ListKind::String,
        ))
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}

impl Object for BuildInfo {
    fn type_name(&self) -> &'static str {
        "version.BuildInfo"
    }

    fn member(&self, name: &str) -> Option<Member> {
        let value = match name {
            "Version" => &self.version,
            "GitCommit" => &self.git_commit,
            "GitTreeState" => &self.git_tree_state,
            "GoVersion" => &self.go_version,
            "KubeClientVersion" => &self.kube_client_version,
            _ => return None,
        };
        Some(Member::Field(Value::from(value.as_str())))
    }

    fn go_string(&self) -> String {
        self.struct_string()
    }

    fn has_string_method(&self) -> bool {
        false
    }

    fn json_fields(&self) -> Option<Vec<(String, Value)>> {
        Some(self.json_entries())
    }

    fn underlying(&self) -> Option<Underlying> {
        let field = |name: &str, value: &str| (name.to_owned(), Value::from(value));
        Some(Underlying::Struct(vec![
            field("Version", &self.version),
            field("GitCommit", &self.git_commit),
            field("GitTreeState", &self.git_tree_state),
            field("GoVersion", &self.go_version),
            field("KubeClientVersion", &self.kube_client_version),
        ]))
    }

    fn to_data(&self) -> Value {
        Value::Map(self.json_entries().into_iter().collect())
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}

#[cfg(test)]
mod tests {
    use super::{Capabilities, KubeVersion};

    #[test]
    fn defaults_are_helm_4_2_3s() {
        let caps = Capabilities::default();
        assert_eq!(caps.kube_version.version, "v1.36.0");
        assert_eq!(caps.kube_version.major, "1");
        assert_eq!(caps.kube_version.minor, "36");
        assert_eq!(caps.api_versions.0.len(), 55);
        assert!(caps.api_versions.has("apps/v1"));
        assert!(!caps.api_versions.has("monitoring.coreos.com/v1"));
        assert_eq!(caps.helm_version.version, "v4.2");
    }

    #[test]
    fn kube_versions_parse_like_helm() {
        let kv = KubeVersion::parse("1.33.4-gke.1245000").unwrap();
        assert_eq!(kv.version, "v1.33.4-gke.1245000");
        assert_eq!(kv.to_go_string(), "v1.33.4");
        assert_eq!((kv.major.as_str(), kv.minor.as_str()), ("1", "33"));
        assert_eq!(KubeVersion::parse("v1.30").unwrap().to_go_string(), "v1.30");
        assert_eq!(KubeVersion::parse("1.30.").unwrap().version, "v1.30.");
        assert!(KubeVersion::parse("one").is_none());
        assert!(KubeVersion::parse("1").is_none());
        assert!(KubeVersion::parse("01.2").is_none());
    }
}
