//! Charts as OCI artifacts (Helm's `pkg/registry/client.go` `Push`/`Pull` and `chart.go`):
//! config = `Chart.yaml` as JSON, one chart layer, an optional provenance layer, and
//! `org.opencontainers.image.*` annotations taken from `Chart.yaml`.

use std::collections::BTreeMap;

use reqwest::StatusCode;
use rudder_chart::Metadata;
use serde_json::{Map, Value, json};

use crate::client::{CONTENT_TYPE_HEADER, Client, digest, resolve_location, status_error};
use crate::error::{Error, Result};
use crate::reference::Reference;

/// Media type of the config blob.
pub const CONFIG_MEDIA_TYPE: &str = "application/vnd.cncf.helm.config.v1+json";
/// Media type of the chart layer.
pub const CHART_LAYER_MEDIA_TYPE: &str = "application/vnd.cncf.helm.chart.content.v1.tar+gzip";
/// Media type of the provenance layer.
pub const PROV_LAYER_MEDIA_TYPE: &str = "application/vnd.cncf.helm.chart.provenance.v1.prov";
/// Chart layers pushed by Helm 3.0-3.6.
pub const LEGACY_CHART_LAYER_MEDIA_TYPE: &str = "application/tar+gzip";
/// The OCI image manifest media type.
pub const MANIFEST_MEDIA_TYPE: &str = "application/vnd.oci.image.manifest.v1+json";

/// What a push did.
#[derive(Debug, Clone)]
pub struct PushResult {
    /// `host/path/name:version`.
    pub reference: Reference,
    /// Manifest digest.
    pub digest: String,
}

/// What a pull got.
#[derive(Debug, Clone)]
pub struct PullResult {
    /// The reference pulled (tag as asked).
    pub reference: Reference,
    /// Manifest digest.
    pub digest: String,
    /// The chart archive.
    pub chart: Vec<u8>,
    /// The provenance file, when the manifest has one.
    pub prov: Option<Vec<u8>>,
}

fn put_str(m: &mut Map<String, Value>, k: &str, v: &str) {
    if !v.is_empty() {
        m.insert(k.to_owned(), Value::String(v.to_owned()));
    }
}

fn put_list(m: &mut Map<String, Value>, k: &str, v: &[String]) {
    if !v.is_empty() {
        m.insert(k.to_owned(), json!(v));
    }
}

fn value_json(v: &rudder_value::Value) -> Value {
    use rudder_value::Value as V;
    match v {
        V::Nil => Value::Null,
        V::Bool(b) => Value::Bool(*b),
        V::Int(i) | V::Int64(i) => json!(i),
        V::Uint(u) => json!(u),
        V::Float(f) => json!(f),
        V::String(s) => Value::String(s.to_string()),
        V::List(l) => Value::Array(l.items.iter().map(value_json).collect()),
        V::Map(m) => Value::Object(
            m.entries()
                .into_iter()
                .map(|(k, v)| (k, value_json(&v)))
                .collect(),
        ),
        V::Bytes(b) => Value::String(String::from_utf8_lossy(b).into_owned()),
        V::Object(_) => Value::Null,
    }
}

/// `Chart.yaml` as Go's `json.Marshal` writes `chart.Metadata`: struct field order, empty
/// fields left out (`omitempty`).
pub fn metadata_json(m: &Metadata) -> Vec<u8> {
    let mut o = Map::new();
    o.insert("name".into(), Value::String(m.name.clone()));
    put_str(&mut o, "home", &m.home);
    put_list(&mut o, "sources", &m.sources);
    o.insert("version".into(), Value::String(m.version.clone()));
    put_str(&mut o, "description", &m.description);
    put_list(&mut o, "keywords", &m.keywords);
    if !m.maintainers.is_empty() {
        let list = m
            .maintainers
            .iter()
            .map(|x| {
                let mut e = Map::new();
                put_str(&mut e, "name", &x.name);
                put_str(&mut e, "email", &x.email);
                put_str(&mut e, "url", &x.url);
                Value::Object(e)
            })
            .collect();
        o.insert("maintainers".into(), Value::Array(list));
    }
    put_str(&mut o, "icon", &m.icon);
    o.insert("apiVersion".into(), Value::String(m.api_version.clone()));
    put_str(&mut o, "condition", &m.condition);
    put_str(&mut o, "tags", &m.tags);
    put_str(&mut o, "appVersion", &m.app_version);
    if m.deprecated {
        o.insert("deprecated".into(), Value::Bool(true));
    }
    if !m.annotations.is_empty() {
        o.insert("annotations".into(), json!(m.annotations));
    }
    put_str(&mut o, "kubeVersion", &m.kube_version);
    if !m.dependencies.is_empty() {
        let list = m
            .dependencies
            .iter()
            .map(|d| {
                let mut e = Map::new();
                e.insert("name".into(), Value::String(d.name.clone()));
                e.insert("version".into(), Value::String(d.version.clone()));
                e.insert("repository".into(), Value::String(d.repository.clone()));
                put_str(&mut e, "condition", &d.condition);
                put_list(&mut e, "tags", &d.tags);
                if d.enabled {
                    e.insert("enabled".into(), Value::Bool(true));
                }
                if !d.import_values.is_empty() {
                    e.insert(
                        "import-values".into(),
                        Value::Array(d.import_values.iter().map(value_json).collect()),
                    );
                }
                put_str(&mut e, "alias", &d.alias);
                Value::Object(e)
            })
            .collect();
        o.insert("dependencies".into(), Value::Array(list));
    }
    put_str(&mut o, "type", &m.chart_type);
    serde_json::to_vec(&Value::Object(o)).expect("a JSON value always serialises")
}

/// The manifest annotations Helm writes (`generateOCIAnnotations`): description, title,
/// version, url, created, source, authors, then the chart's own annotations except those.
pub fn annotations(m: &Metadata, created: &str) -> BTreeMap<String, String> {
    const IMMUTABLE: [&str; 2] = [
        "org.opencontainers.image.title",
        "org.opencontainers.image.version",
    ];
    let mut a = BTreeMap::new();
    let mut add = |k: &str, v: &str| {
        if !v.trim().is_empty() {
            a.insert(format!("org.opencontainers.image.{k}"), v.to_owned());
        }
    };
    add("description", &m.description);
    add("title", &m.name);
    add("version", &m.version);
    add("url", &m.home);
    add("created", created);
    if let Some(s) = m.sources.first() {
        add("source", s);
    }
    if !m.maintainers.is_empty() {
        let authors: Vec<String> = m
            .maintainers
            .iter()
            .map(|x| {
                if x.email.is_empty() {
                    x.name.clone()
                } else {
                    format!("{} ({})", x.name, x.email)
                }
            })
            .collect();
        add("authors", &authors.join(", "));
    }
    for (k, v) in &m.annotations {
        if !IMMUTABLE.contains(&k.as_str()) {
            a.insert(k.clone(), v.clone());
        }
    }
    a
}

fn descriptor(media_type: &str, data: &[u8]) -> Value {
    json!({"mediaType": media_type, "digest": digest(data), "size": data.len()})
}

impl Client {
    fn push_blob(&self, r: &Reference, data: &[u8]) -> Result<()> {
        let host = &r.registry;
        let scope = format!("repository:{}:pull,push", r.repository);
        let cred = self.credential(host)?;
        let d = digest(data);
        let head = self.url(host, &format!("{}/blobs/{d}", r.repository));
        let resp = self.request(host, &scope, cred.as_ref(), &|h| h.head(&head))?;
        if resp.status() == StatusCode::OK {
            return Ok(());
        }
        let start = self.url(host, &format!("{}/blobs/uploads/", r.repository));
        let resp = self.request(host, &scope, cred.as_ref(), &|h| h.post(&start))?;
        if resp.status() != StatusCode::ACCEPTED {
            return Err(status_error("POST", &start, resp));
        }
        let mut loc = resolve_location(&start, &resp)?;
        loc.push(if loc.contains('?') { '&' } else { '?' });
        loc.push_str("digest=");
        loc.push_str(&d);
        let resp = self.request(host, &scope, cred.as_ref(), &|h| {
            h.put(&loc)
                .header(CONTENT_TYPE_HEADER, "application/octet-stream")
                .body(data.to_vec())
        })?;
        if resp.status() != StatusCode::CREATED {
            return Err(status_error("PUT", &loc, resp));
        }
        Ok(())
    }

    /// Pushes a chart archive (and its provenance file) under the repository root `remote`
    /// (`oci://host/path`): the result is tagged `host/path/name:version`. `created` is the
    /// RFC 3339 creation time for the annotations (Helm uses the current time).
    pub fn push_chart(
        &self,
        archive: &[u8],
        prov: Option<&[u8]>,
        remote: &Reference,
        created: &str,
    ) -> Result<PushResult> {
        let chart = rudder_chart::load_archive(archive)?;
        let meta = &chart.metadata;
        let target = remote.child(&meta.name, &meta.version);
        let config = metadata_json(meta);
        self.push_blob(&target, &config)?;
        self.push_blob(&target, archive)?;
        let mut layers = vec![descriptor(CHART_LAYER_MEDIA_TYPE, archive)];
        if let Some(p) = prov {
            self.push_blob(&target, p)?;
            layers.push(descriptor(PROV_LAYER_MEDIA_TYPE, p));
        }
        let manifest = json!({
            "schemaVersion": 2,
            "mediaType": MANIFEST_MEDIA_TYPE,
            "config": descriptor(CONFIG_MEDIA_TYPE, &config),
            "layers": layers,
            "annotations": annotations(meta, created),
        });
        let body = serde_json::to_vec(&manifest).expect("a JSON value always serialises");
        let host = &target.registry;
        let scope = format!("repository:{}:pull,push", target.repository);
        let cred = self.credential(host)?;
        let tag = target.tag.clone().unwrap_or_default();
        let url = self.url(host, &format!("{}/manifests/{tag}", target.repository));
        let resp = self.request(host, &scope, cred.as_ref(), &|h| {
            h.put(&url)
                .header(CONTENT_TYPE_HEADER, MANIFEST_MEDIA_TYPE)
                .body(body.clone())
        })?;
        if resp.status() != StatusCode::CREATED {
            return Err(status_error("PUT", &url, resp));
        }
        Ok(PushResult {
            reference: target,
            digest: digest(&body),
        })
    }

    fn get(&self, r: &Reference, path: &str, accept: Option<&str>) -> Result<Vec<u8>> {
        let host = &r.registry;
        let scope = format!("repository:{}:pull", r.repository);
        let cred = self.credential(host)?;
        let url = self.url(host, &format!("{}/{path}", r.repository));
        let resp = self.request(host, &scope, cred.as_ref(), &|h| {
            let req = h.get(&url);
            match accept {
                Some(a) => req.header(reqwest::header::ACCEPT, a),
                None => req,
            }
        })?;
        if !resp.status().is_success() {
            return Err(status_error("GET", &url, resp));
        }
        resp.bytes()
            .map(|b| b.to_vec())
            .map_err(|e| Error::Transport(crate::client::chain(&e)))
    }

    /// The raw manifest `r` names (needs a tag or digest), as the registry sent it.
    pub fn fetch_manifest(&self, r: &Reference) -> Result<Vec<u8>> {
        let mref = r
            .manifest_reference()
            .ok_or_else(|| Error::InvalidReference {
                reference: r.to_string(),
            })?
            .to_owned();
        self.get(r, &format!("manifests/{mref}"), Some(MANIFEST_MEDIA_TYPE))
    }

    /// A blob of `r`'s repository, checked against its digest `d`.
    pub fn fetch_blob(&self, r: &Reference, d: &str) -> Result<Vec<u8>> {
        let data = self.get(r, &format!("blobs/{d}"), None)?;
        let actual = digest(&data);
        if actual != d {
            return Err(Error::DigestMismatch {
                expected: d.to_owned(),
                actual,
            });
        }
        Ok(data)
    }

    /// Pulls the chart (and provenance layer, when present) that `r` names; `r` needs a tag
    /// or digest (see [`Reference::with_version`]).
    pub fn pull_chart(&self, r: &Reference) -> Result<PullResult> {
        let body = match self.fetch_manifest(r) {
            Err(Error::Status { code: 404, .. }) => {
                return Err(Error::ManifestNotFound {
                    reference: r.to_string(),
                });
            }
            other => other?,
        };
        let manifest: Value = serde_json::from_slice(&body)
            .map_err(|e| Error::Decode(format!("failed to decode manifest: {e}")))?;
        let layers = manifest
            .get("layers")
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default();
        let find = |types: &[&str]| {
            layers.iter().find_map(|l| {
                let mt = l.get("mediaType").and_then(Value::as_str)?;
                types
                    .contains(&mt)
                    .then(|| l.get("digest").and_then(Value::as_str).map(str::to_owned))?
            })
        };
        let chart_digest = find(&[CHART_LAYER_MEDIA_TYPE, LEGACY_CHART_LAYER_MEDIA_TYPE])
            .ok_or_else(|| Error::NoChartLayer(CHART_LAYER_MEDIA_TYPE.to_owned()))?;
        let chart = self.fetch_blob(r, &chart_digest)?;
        let prov = match find(&[PROV_LAYER_MEDIA_TYPE]) {
            Some(d) => Some(self.fetch_blob(r, &d)?),
            None => None,
        };
        Ok(PullResult {
            reference: r.clone(),
            digest: digest(&body),
            chart,
            prov,
        })
    }

    /// Turns `oci://...` plus a `--version` into the reference to pull (Helm's
    /// `ValidateReference`): a tag or digest in the reference wins (and must agree with the
    /// version), an exact semantic version is the tag (`+` as `_`), and an empty version or a
    /// constraint picks the highest matching semantic-version tag.
    pub fn resolve_version(&self, reference: &str, version: &str) -> Result<Reference> {
        let r = Reference::parse(reference)?;
        if r.tag.is_some() || r.digest.is_some() {
            return r.with_version(version);
        }
        if !version.is_empty() && rudder_semver::Version::parse(version).is_ok() {
            return r.with_version(version);
        }
        let tags = self.tags(&r)?;
        if tags.is_empty() {
            return Err(Error::NoTags(reference.to_owned()));
        }
        let wanted = if version.is_empty() { "*" } else { version };
        let c = rudder_semver::Constraints::parse(wanted)
            .map_err(|e| Error::ImproperConstraint(format!("{wanted}: {e}")))?;
        let mut best: Option<rudder_semver::Version> = None;
        for tag in tags {
            let Ok(v) = rudder_semver::Version::parse(&tag.replace('_', "+")) else {
                continue;
            };
            if c.check(&v)
                && best
                    .as_ref()
                    .is_none_or(|b| v.compare(b) == std::cmp::Ordering::Greater)
            {
                best = Some(v);
            }
        }
        let best = best.ok_or_else(|| Error::NoMatchingVersion(wanted.to_owned()))?;
        r.with_version(best.original())
    }

    /// The tags of a repository, in the registry's order.
    pub fn tags(&self, r: &Reference) -> Result<Vec<String>> {
        let body = self.get(r, "tags/list", None)?;
        let v: Value = serde_json::from_slice(&body)
            .map_err(|e| Error::Decode(format!("failed to decode tag list: {e}")))?;
        Ok(v.get("tags")
            .and_then(Value::as_array)
            .map(|a| {
                a.iter()
                    .filter_map(|t| t.as_str().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default())
    }
}
