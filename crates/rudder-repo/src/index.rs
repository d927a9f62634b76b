//! `index.yaml`: a repository's catalogue (Helm's `IndexFile`, `pkg/repo/v1/index.go`).

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use rudder_chart::{
    DEPENDENCY_FIELDS, Dependency, MAINTAINER_FIELDS, METADATA_FIELDS, Maintainer, Metadata,
};
use rudder_semver::{Constraints, Version};
use rudder_value::{List, Map, Value};
use sha2::{Digest, Sha256};

use crate::error::{Error, Result};
use crate::time::go_time;
use crate::value;

/// One version of a chart in an index (Helm's `ChartVersion`): the chart's metadata plus
/// where to download it.
#[derive(Debug, Clone, Default)]
pub struct ChartVersion {
    /// The chart's `Chart.yaml` fields.
    pub metadata: Metadata,
    /// Download URLs, absolute or relative to the repository URL.
    pub urls: Vec<String>,
    /// When the entry was added, as Go wrote it (RFC 3339).
    pub created: String,
    /// Marked removed by the repository.
    pub removed: bool,
    /// SHA-256 of the archive, hex.
    pub digest: String,
    /// Helm 2's `checksum`.
    pub checksum: String,
    /// Helm 2's `engine`.
    pub engine: String,
    /// Helm 2's `tillerVersion`.
    pub tiller_version: String,
    /// Helm 2's single `url`.
    pub url: String,
}

/// A repository index (Helm's `IndexFile`).
#[derive(Debug, Clone, Default)]
pub struct IndexFile {
    /// `serverInfo`, kept as read.
    pub server_info: Option<Map>,
    /// `apiVersion` (`v1`).
    pub api_version: String,
    /// `generated`, as Go wrote it.
    pub generated: String,
    /// Versions per chart name, newest first once sorted.
    pub entries: BTreeMap<String, Vec<ChartVersion>>,
    /// `publicKeys`.
    pub public_keys: Vec<String>,
    /// `annotations`.
    pub annotations: BTreeMap<String, String>,
}

impl IndexFile {
    /// An empty index generated at `now` (Helm's `NewIndexFile`).
    pub fn new(now: &str) -> IndexFile {
        IndexFile {
            api_version: "v1".to_owned(),
            generated: now.to_owned(),
            ..IndexFile::default()
        }
    }

    /// Reads an index file (YAML or JSON) as Helm's `LoadIndexFile` does: entries that fail
    /// validation are skipped, versions sorted newest first.
    pub fn load(path: &Path) -> Result<IndexFile> {
        let data = fs_err::read(path).map_err(Error::Io)?;
        IndexFile::parse(&data).map_err(|e| Error::LoadIndex {
            path: path.to_owned(),
            cause: Box::new(e),
        })
    }

    /// Decodes index text (Helm's `loadIndex`).
    pub fn parse(data: &[u8]) -> Result<IndexFile> {
        if data.is_empty() {
            return Err(Error::EmptyIndex);
        }
        let text = String::from_utf8_lossy(data);
        // Helm's own layout takes the fast reader; anything else the general one.
        let doc = match crate::index_reader::read(&text) {
            Some(doc) => doc,
            None => rudder_yaml::from_yaml(&text).map_err(|e| Error::Decode {
                message: e.to_string(),
            })?,
        };
        // Helm decodes YAML strictly (`yaml.UnmarshalStrict`) and JSON leniently.
        if !text.trim_start().starts_with('{')
            && let Some(field) = unknown_field(&doc)
        {
            return Err(Error::Decode {
                message: format!(
                    "error unmarshaling JSON: while decoding JSON: json: unknown field {}",
                    rudder_value::strconv::quote(&field)
                ),
            });
        }
        let mut index = IndexFile::default();
        if let Value::Map(m) = &doc {
            index.api_version = value::string(m, "apiVersion");
            index.generated = value::string(m, "generated");
            index.public_keys = value::strings(m, "publicKeys");
            index.annotations = value::string_map(m, "annotations");
            if let Some(Value::Map(si)) = m.get("serverInfo") {
                index.server_info = Some(si);
            }
            if let Some(Value::Map(entries)) = m.remove("entries") {
                // Each chart's decoded values are dropped once converted, so the document
                // and the index are not both held in full.
                for name in entries.keys() {
                    let Some(list) = entries.remove(&name) else {
                        continue;
                    };
                    let mut versions = Vec::new();
                    if let Value::List(list) = list {
                        versions.reserve(list.items.len());
                        for item in list.items.iter() {
                            let Value::Map(cv) = item else { continue };
                            let mut cv = chart_version(cv);
                            if cv.metadata.api_version.is_empty() {
                                "v1".clone_into(&mut cv.metadata.api_version);
                            }
                            // Helm skips entries that fail validation, with a warning, except
                            // for duplicate dependency names (JFrog strips aliases; helm/helm#12748).
                            if let Err(e) = cv.metadata.validate()
                                && !e.to_string().starts_with(
                                    "validation: more than one dependency with name or alias",
                                )
                            {
                                continue;
                            }
                            versions.push(cv);
                        }
                    }
                    index.entries.insert(name, versions);
                }
            }
        }
        index.sort_entries();
        if index.api_version.is_empty() {
            return Err(Error::NoApiVersion);
        }
        Ok(index)
    }

    /// Sorts every chart's versions newest first (Helm's `SortEntries`: semver descending,
    /// versions that do not parse last).
    pub fn sort_entries(&mut self) {
        for versions in self.entries.values_mut() {
            sort_versions(versions);
        }
    }

    /// Whether the index has that exact chart version (or one matching the constraint).
    pub fn has(&self, name: &str, version: &str) -> bool {
        self.get(name, version).is_ok()
    }

    /// The version Helm's `IndexFile.Get` picks: an exact match of `version`, else the first
    /// (newest) version satisfying it as a constraint; the newest when `version` is empty.
    pub fn get(&self, name: &str, version: &str) -> Result<&ChartVersion> {
        let versions = self.entries.get(name).ok_or(Error::NoChartName)?;
        if versions.is_empty() {
            return Err(Error::NoChartVersion);
        }
        let constraint = Constraints::parse(if version.is_empty() { "*" } else { version })
            .map_err(|e| Error::Constraint(e.to_string()))?;
        if !version.is_empty()
            && let Some(cv) = versions.iter().find(|cv| cv.metadata.version == version)
        {
            return Ok(cv);
        }
        for cv in versions {
            let Ok(v) = Version::parse(&cv.metadata.version) else {
                continue;
            };
            if constraint.check(&v) {
                return Ok(cv);
            }
        }
        Err(Error::NoMatchingVersion {
            name: name.to_owned(),
            version: version.to_owned(),
        })
    }

    /// Adds the versions of `other` that this index lacks (Helm's `Merge`).
    pub fn merge(&mut self, other: IndexFile) {
        for (_, versions) in other.entries {
            for cv in versions {
                if !self.has(&cv.metadata.name, &cv.metadata.version) {
                    self.entries
                        .entry(cv.metadata.name.clone())
                        .or_default()
                        .push(cv);
                }
            }
        }
    }

    /// Adds a chart (Helm's `MustAdd`): its URL is `filename` joined to `base_url`.
    pub fn must_add(
        &mut self,
        mut md: Metadata,
        filename: &str,
        base_url: &str,
        digest: &str,
        now: &str,
    ) -> Result<()> {
        if md.api_version.is_empty() {
            "v1".clone_into(&mut md.api_version);
        }
        md.validate().map_err(|e| Error::InvalidChart {
            file: filename.to_owned(),
            message: e.to_string(),
        })?;
        let url = if base_url.is_empty() {
            filename.to_owned()
        } else {
            let file = filename.rsplit('/').next().unwrap_or(filename);
            url_join(base_url, file)
        };
        let cv = ChartVersion {
            urls: vec![url],
            created: now.to_owned(),
            digest: digest.to_owned(),
            ..ChartVersion::with_metadata(md)
        };
        self.entries
            .entry(cv.metadata.name.clone())
            .or_default()
            .push(cv);
        Ok(())
    }

    /// The index as a Go value with the JSON field names of Helm's structs.
    pub fn to_value(&self) -> Value {
        let m = Map::new();
        if let Some(si) = &self.server_info
            && !si.is_empty()
        {
            m.insert("serverInfo", Value::Map(si.clone()));
        }
        m.insert("apiVersion", Value::from(self.api_version.as_str()));
        m.insert("generated", Value::from(go_time(&self.generated).as_str()));
        let entries = Map::new();
        for (name, versions) in &self.entries {
            entries.insert(
                name.clone(),
                Value::List(List::new(
                    versions.iter().map(ChartVersion::to_value).collect(),
                )),
            );
        }
        m.insert("entries", Value::Map(entries));
        if !self.public_keys.is_empty() {
            m.insert("publicKeys", value::string_list(&self.public_keys));
        }
        if !self.annotations.is_empty() {
            let a = Map::new();
            for (k, v) in &self.annotations {
                a.insert(k.clone(), Value::from(v.as_str()));
            }
            m.insert("annotations", Value::Map(a));
        }
        Value::Map(m)
    }

    /// The index as Helm's `WriteFile` writes it (`sigs.k8s.io/yaml.Marshal`).
    pub fn to_yaml(&self) -> Result<String> {
        rudder_yaml::to_yaml(&self.to_value()).map_err(|e| Error::Encode(e.to_string()))
    }

    /// The index as Helm's `WriteJSONFile` writes it (`json.MarshalIndent(i, "", "  ")`).
    pub fn to_json(&self) -> Result<String> {
        crate::json::index_json(self)
    }

    /// Writes the index atomically, as YAML or JSON.
    pub fn write(&self, path: &Path, json: bool) -> Result<()> {
        let text = if json {
            self.to_json()?
        } else {
            self.to_yaml()?
        };
        crate::fsutil::write_atomic(path, text.as_bytes())
    }
}

impl ChartVersion {
    /// An entry for `metadata` with no URL yet.
    pub fn with_metadata(metadata: Metadata) -> ChartVersion {
        ChartVersion {
            metadata,
            ..ChartVersion::default()
        }
    }

    /// The entry with the JSON field names of Helm's struct (metadata fields inline).
    pub fn to_value(&self) -> Value {
        let v = rudder_chart::metadata_value(&self.metadata);
        let Value::Map(m) = &v else { return v };
        m.insert("urls", value::string_list(&self.urls));
        m.insert("created", Value::from(go_time(&self.created).as_str()));
        if self.removed {
            m.insert("removed", Value::Bool(true));
        }
        for (k, s) in [
            ("digest", &self.digest),
            ("checksum", &self.checksum),
            ("engine", &self.engine),
            ("tillerVersion", &self.tiller_version),
            ("url", &self.url),
        ] {
            if !s.is_empty() {
                m.insert(k, Value::from(s.as_str()));
            }
        }
        v
    }
}

/// The JSON names of Helm's `IndexFile` fields.
const INDEX_FIELDS: &[&str] = &[
    "serverinfo",
    "apiversion",
    "generated",
    "entries",
    "publickeys",
    "annotations",
];
/// `ChartVersion`'s own fields; it also embeds every `Metadata` field.
const CHART_VERSION_FIELDS: &[&str] = &[
    "urls",
    "created",
    "removed",
    "digest",
    "checksum",
    "engine",
    "tillerversion",
    "url",
];

/// True when `key` names one of `fields` as `encoding/json` matches names (ignoring case).
fn is_field(fields: &[&str], key: &str) -> bool {
    fields.iter().any(|f| f.eq_ignore_ascii_case(key))
}

/// The first key Go's strict decoder would reject, visiting keys in sorted order as
/// `sigs.k8s.io/yaml` hands them to `encoding/json` (which matches names case-insensitively).
fn unknown_field(doc: &Value) -> Option<String> {
    fn check(m: &Map, known: &[&str]) -> Option<String> {
        m.keys().into_iter().find(|k| !is_field(known, k))
    }
    let Value::Map(top) = doc else { return None };
    for key in top.keys() {
        if !is_field(INDEX_FIELDS, &key) {
            return Some(key);
        }
        if !key.eq_ignore_ascii_case("entries") {
            continue;
        }
        let Some(Value::Map(entries)) = top.get(&key) else {
            continue;
        };
        for (_, versions) in entries.entries() {
            let Value::List(list) = versions else {
                continue;
            };
            for cv in list.items.iter() {
                let Value::Map(cv) = cv else { continue };
                for k in cv.keys() {
                    let lower = k.to_lowercase();
                    if !is_field(METADATA_FIELDS, &k) && !is_field(CHART_VERSION_FIELDS, &k) {
                        return Some(k);
                    }
                    let nested = match lower.as_str() {
                        "maintainers" => MAINTAINER_FIELDS,
                        "dependencies" => DEPENDENCY_FIELDS,
                        _ => continue,
                    };
                    if let Some(Value::List(items)) = cv.get(&k) {
                        for item in items.items.iter() {
                            if let Value::Map(im) = item
                                && let Some(bad) = check(im, nested)
                            {
                                return Some(bad);
                            }
                        }
                    }
                }
            }
        }
    }
    None
}

/// Reads one entry of `entries.<name>`.
fn chart_version(m: &Map) -> ChartVersion {
    let mut md = Metadata::default();
    md.name = value::string(m, "name");
    md.home = value::string(m, "home");
    md.sources = value::strings(m, "sources");
    md.version = value::string(m, "version");
    md.description = value::string(m, "description");
    md.keywords = value::strings(m, "keywords");
    if let Some(Value::List(list)) = m.get("maintainers") {
        md.maintainers = list
            .items
            .iter()
            .filter_map(|v| v.as_map().cloned())
            .map(|mm| Maintainer {
                name: value::string(&mm, "name"),
                email: value::string(&mm, "email"),
                url: value::string(&mm, "url"),
            })
            .collect();
    }
    md.icon = value::string(m, "icon");
    md.api_version = value::string(m, "apiVersion");
    md.condition = value::string(m, "condition");
    md.tags = value::string(m, "tags");
    md.app_version = value::string(m, "appVersion");
    md.deprecated = value::boolean(m, "deprecated");
    md.annotations = value::string_map(m, "annotations");
    md.kube_version = value::string(m, "kubeVersion");
    if let Some(Value::List(list)) = m.get("dependencies") {
        md.dependencies = list
            .items
            .iter()
            .filter_map(|v| v.as_map().cloned())
            .map(|d| Dependency {
                name: value::string(&d, "name"),
                version: value::string(&d, "version"),
                repository: value::string(&d, "repository"),
                condition: value::string(&d, "condition"),
                tags: value::strings(&d, "tags"),
                enabled: value::boolean(&d, "enabled"),
                import_values: match d.get("import-values") {
                    Some(Value::List(l)) => l.items.to_vec(),
                    _ => Vec::new(),
                },
                alias: value::string(&d, "alias"),
            })
            .collect();
    }
    md.chart_type = value::string(m, "type");
    ChartVersion {
        metadata: md,
        urls: value::strings(m, "urls"),
        created: value::string(m, "created"),
        removed: value::boolean(m, "removed"),
        digest: value::string(m, "digest"),
        checksum: value::string(m, "checksum"),
        engine: value::string(m, "engine"),
        tiller_version: value::string(m, "tillerVersion"),
        url: value::string(m, "url"),
    }
}

/// Newest first; versions that are not semver go last (Helm's reversed `ChartVersions.Less`).
fn sort_versions(versions: &mut Vec<ChartVersion>) {
    let mut keyed: Vec<(Option<Version>, ChartVersion)> = std::mem::take(versions)
        .into_iter()
        .map(|cv| (Version::parse(&cv.metadata.version).ok(), cv))
        .collect();
    keyed.sort_by(|(a, _), (b, _)| match (a, b) {
        (Some(a), Some(b)) => b.compare(a),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => std::cmp::Ordering::Equal,
    });
    *versions = keyed.into_iter().map(|(_, cv)| cv).collect();
}

/// Helm's `urlutil.URLJoin`: the paths joined onto the URL's path and cleaned.
pub fn url_join(base: &str, file: &str) -> String {
    let (prefix, rest) = match base.find("://") {
        Some(i) => {
            let after = &base[i + 3..];
            let host_end = after.find('/').unwrap_or(after.len());
            (&base[..i + 3 + host_end], &after[host_end..])
        }
        None => ("", base),
    };
    let (path, suffix) = match rest.find(['?', '#']) {
        Some(i) => (&rest[..i], &rest[i..]),
        None => (rest, ""),
    };
    let joined = clean_join(&[path, file]);
    if prefix.is_empty() {
        format!("{joined}{suffix}")
    } else if joined.is_empty() || joined.starts_with('/') {
        format!("{prefix}{joined}{suffix}")
    } else {
        format!("{prefix}/{joined}{suffix}")
    }
}

/// Go's `path.Join`: non-empty parts joined by `/` and cleaned.
fn clean_join(parts: &[&str]) -> String {
    let joined = parts
        .iter()
        .filter(|p| !p.is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join("/");
    if joined.is_empty() {
        return String::new();
    }
    let rooted = joined.starts_with('/');
    let mut out: Vec<&str> = Vec::new();
    for seg in joined.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                if out.last().is_some_and(|s| *s != "..") {
                    out.pop();
                } else if !rooted {
                    out.push("..");
                }
            }
            s => out.push(s),
        }
    }
    let body = out.join("/");
    match (rooted, body.is_empty()) {
        (true, _) => format!("/{body}"),
        (false, true) => ".".to_owned(),
        (false, false) => body,
    }
}

/// The SHA-256 of a file, hex (Helm's `provenance.DigestFile`).
pub fn digest_file(path: &Path) -> Result<String> {
    let data = fs_err::read(path).map_err(Error::Io)?;
    Ok(digest_bytes(&data))
}

/// The SHA-256 of bytes, hex.
pub fn digest_bytes(data: &[u8]) -> String {
    let sum = Sha256::digest(data);
    let mut s = String::with_capacity(64);
    for b in sum {
        let _ = write!(s, "{b:02x}");
    }
    s
}

/// The `.tgz` archives Helm's `IndexDirectory` finds: `DIR/*.tgz` then `DIR/*/*.tgz`
/// (Go's `filepath.Glob` treats `**` as `*`), each list sorted by name.
fn archives(dir: &Path) -> Vec<PathBuf> {
    // Go's `*` also matches names that start with a dot.
    let is_tgz = |p: &Path| {
        p.file_name().and_then(|n| n.to_str()).is_some_and(|n| {
            #[expect(
                clippy::case_sensitive_file_extension_comparisons,
                reason = "Helm's glob is case-sensitive"
            )]
            n.ends_with(".tgz")
        })
    };
    let mut top = Vec::new();
    let mut nested = Vec::new();
    let Ok(read) = fs_err::read_dir(dir) else {
        return top;
    };
    let mut children: Vec<PathBuf> = read.filter_map(|e| e.ok().map(|e| e.path())).collect();
    children.sort();
    for child in children {
        if is_tgz(&child) {
            top.push(child.clone());
        }
        if child.is_dir()
            && let Ok(inner) = fs_err::read_dir(&child)
        {
            let mut files: Vec<PathBuf> = inner.filter_map(|e| e.ok().map(|e| e.path())).collect();
            files.sort();
            nested.extend(files.into_iter().filter(|p| is_tgz(p)));
        }
    }
    top.extend(nested);
    top
}

/// Builds an index of the chart archives in `dir` (Helm's `IndexDirectory`). Archives that
/// do not load are skipped, as Helm skips them.
pub fn index_directory(dir: &Path, base_url: &str, now: &str) -> Result<IndexFile> {
    let mut index = IndexFile::new(now);
    for archive in archives(dir) {
        let rel = archive.strip_prefix(dir).unwrap_or(&archive);
        let rel = rel.to_string_lossy().replace('\\', "/");
        let (parent, fname) = match rel.rsplit_once('/') {
            Some((p, f)) => (p.to_owned(), f.to_owned()),
            None => (String::new(), rel.clone()),
        };
        let parent_url = url_join(base_url, &parent);
        let Ok(chart) = rudder_chart::load(&archive) else {
            continue;
        };
        let digest = digest_file(&archive)?;
        if index.has(&chart.metadata.name, &chart.metadata.version) {
            continue;
        }
        index.must_add(chart.metadata.clone(), &fname, &parent_url, &digest, now)?;
    }
    Ok(index)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_fields_fail_in_yaml_only() {
        let yaml = b"apiVersion: v1\nentries:\n  a:\n  - name: a\n    version: 1.0.0\n    Maintainers:\n    - name: x\n      phone: 1\n";
        assert_eq!(
            IndexFile::parse(yaml)
                .map(|_| ())
                .map_err(|e| e.to_string()),
            Err(
                "error unmarshaling JSON: while decoding JSON: json: unknown field \"phone\""
                    .to_owned()
            )
        );
        let json = br#"{"apiVersion": "v1", "extra": 1, "entries": {}}"#;
        assert!(IndexFile::parse(json).is_ok());
    }

    #[test]
    fn url_join_cleans_paths() {
        assert_eq!(url_join("", "a.tgz"), "a.tgz");
        assert_eq!(url_join("", ""), "");
        assert_eq!(url_join("sub", "a.tgz"), "sub/a.tgz");
        assert_eq!(
            url_join("https://example.com/charts/", "a.tgz"),
            "https://example.com/charts/a.tgz"
        );
        assert_eq!(
            url_join("https://example.com", "a.tgz"),
            "https://example.com/a.tgz"
        );
    }

    #[test]
    fn versions_sort_newest_first_invalid_last() {
        let mut index = IndexFile::new("2024-01-01T00:00:00Z");
        for v in ["1.0.0", "bad", "2.0.0", "1.10.0", "1.2.0-rc.1"] {
            let mut md = Metadata::default();
            md.name = "a".to_owned();
            md.version = v.to_owned();
            index
                .entries
                .entry("a".to_owned())
                .or_default()
                .push(ChartVersion::with_metadata(md));
        }
        index.sort_entries();
        let order: Vec<&str> = index.entries["a"]
            .iter()
            .map(|c| c.metadata.version.as_str())
            .collect();
        assert_eq!(order, ["2.0.0", "1.10.0", "1.2.0-rc.1", "1.0.0", "bad"]);
    }
}
