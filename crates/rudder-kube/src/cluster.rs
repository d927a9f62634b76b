//! [`Cluster`]: the [`KubeClient`] of a real API server, over kube-rs.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::Duration;

use kube::api::{
    Api, ApiResource, DeleteParams, DynamicObject, ListParams, Patch, PatchParams, PostParams,
    PropagationPolicy,
};
use kube::core::GroupVersionKind;
use kube::discovery::{ApiCapabilities, Scope};
use serde_json::Value;

use crate::client::{KubeClient, PatchKind, ServerVersion};
use crate::error::{Error, Result};
use crate::object::{ApplyOptions, ObjectRef, Propagation, Resource, group_version};
use crate::options::{KubeOptions, load_kubeconfig, namespace};

/// A real cluster reached with kube-rs.
///
/// kube-rs is async; Rudder's actions are not. `Cluster` owns a single-threaded tokio
/// runtime and blocks on it for every call, so callers need no runtime of their own (and
/// must not call it from inside one).
pub struct Cluster {
    runtime: tokio::runtime::Runtime,
    client: kube::Client,
    /// The server's address, for errors worded as client-go words them.
    server: http::Uri,
    namespace: String,
    poll_interval: Duration,
    /// REST mappings by (apiVersion, kind): discovery costs a request per group version.
    mappings: Mutex<HashMap<(String, String), (ApiResource, ApiCapabilities)>>,
}

impl std::fmt::Debug for Cluster {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Cluster")
            .field("namespace", &self.namespace)
            .finish_non_exhaustive()
    }
}

impl Cluster {
    /// Connects as Helm's flags say: kubeconfig files merged, the context chosen, then the
    /// `--kube-*` overrides applied.
    ///
    /// Errors: [`Error::Kubeconfig`] for an unreadable file, [`Error::Config`] for a
    /// context, cluster or credential that cannot be used.
    pub fn connect(options: &KubeOptions) -> Result<Self> {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|e| Error::Transport {
                source: Box::new(e),
            })?;
        let merged = load_kubeconfig(&options.kubeconfig)?;
        let namespace = namespace(options, merged.as_ref());
        let config_error = |message: String| Error::Config { message };
        let mut config = match &merged {
            Some(kc) if options.api_server.is_none() || !kc.contexts.is_empty() => {
                let kc_options = kube::config::KubeConfigOptions {
                    context: options.context.clone(),
                    ..Default::default()
                };
                runtime
                    .block_on(kube::Config::from_custom_kubeconfig(
                        kc.clone(),
                        &kc_options,
                    ))
                    .map_err(|e| config_error(e.to_string()))?
            }
            _ => {
                let server = options.api_server.as_deref().ok_or_else(|| {
                    config_error("no kubeconfig and no --kube-apiserver given".to_owned())
                })?;
                kube::Config::new(server.parse().map_err(|e: http::uri::InvalidUri| {
                    config_error(format!("invalid --kube-apiserver {server:?}: {e}"))
                })?)
            }
        };
        if let Some(server) = &options.api_server {
            config.cluster_url = server.parse().map_err(|e: http::uri::InvalidUri| {
                config_error(format!("invalid --kube-apiserver {server:?}: {e}"))
            })?;
        }
        if let Some(token) = &options.token {
            config.auth_info = kube::config::AuthInfo {
                token: Some(secrecy::SecretString::from(token.clone())),
                ..Default::default()
            };
        }
        if let Some(user) = &options.as_user {
            config.auth_info.impersonate = Some(user.clone());
        }
        if !options.as_groups.is_empty() {
            config.auth_info.impersonate_groups = Some(options.as_groups.clone());
        }
        if let Some(ca) = &options.ca_file {
            config.root_cert = Some(read_certificates(ca)?);
            config.root_cert_file = Some(ca.clone());
        }
        if let Some(name) = &options.tls_server_name {
            config.tls_server_name = Some(name.clone());
        }
        if options.insecure_skip_tls_verify {
            config.accept_invalid_certs = true;
        }
        config.default_namespace.clone_from(&namespace);
        let server = config.cluster_url.clone();
        let client = {
            let _guard = runtime.enter();
            kube::Client::try_from(config).map_err(|e| config_error(e.to_string()))?
        };
        Ok(Cluster {
            runtime,
            client,
            server,
            namespace,
            poll_interval: Duration::from_secs(2),
            mappings: Mutex::new(HashMap::new()),
        })
    }

    /// Polls every `interval` while waiting instead of Helm's 2 seconds (for tests).
    pub fn with_poll_interval(mut self, interval: Duration) -> Self {
        self.poll_interval = interval;
        self
    }

    fn mapping(&self, api_version: &str, kind: &str) -> Result<(ApiResource, ApiCapabilities)> {
        let key = (api_version.to_owned(), kind.to_owned());
        if let Some(m) = self.lock().get(&key) {
            return Ok(m.clone());
        }
        let (group, version) = group_version(api_version);
        let gvk = GroupVersionKind::gvk(group, version, kind);
        let no_match = || Error::NoMatch {
            api_version: api_version.to_owned(),
            kind: kind.to_owned(),
            name: String::new(),
            namespace: String::new(),
        };
        let found = self
            .runtime
            .block_on(kube::discovery::pinned_kind(&self.client, &gvk))
            .map_err(|e| match e {
                kube::Error::Discovery(_) => no_match(),
                kube::Error::Api(s) if s.code == 404 => no_match(),
                e => from_kube(e, kind, ""),
            })?;
        self.lock().insert(key, found.clone());
        Ok(found)
    }

    /// Drops cached REST mappings (after CRDs were installed or removed).
    pub fn forget_mappings(&self) {
        self.lock().clear();
    }

    fn lock(
        &self,
    ) -> std::sync::MutexGuard<'_, HashMap<(String, String), (ApiResource, ApiCapabilities)>> {
        // A panic while holding the lock cannot leave the cache inconsistent: entries are
        // inserted whole.
        self.mappings
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    fn api(
        &self,
        api_version: &str,
        kind: &str,
        namespace: Option<&str>,
    ) -> Result<Api<DynamicObject>> {
        let (resource, caps) = self.mapping(api_version, kind)?;
        Ok(match (caps.scope, namespace) {
            (Scope::Namespaced, Some(ns)) => {
                Api::namespaced_with(self.client.clone(), ns, &resource)
            }
            _ => Api::all_with(self.client.clone(), &resource),
        })
    }
}

/// The DER bytes of every `CERTIFICATE` block of a PEM file (client-go's `CAFile`).
fn read_certificates(path: &std::path::Path) -> Result<Vec<Vec<u8>>> {
    use base64::Engine as _;
    let ca_error = |source| Error::CaFile {
        path: path.to_owned(),
        source,
    };
    let text = fs_err::read_to_string(path).map_err(ca_error)?;
    let mut certs = Vec::new();
    let mut block: Option<String> = None;
    for line in text.lines().map(str::trim) {
        match (&mut block, line) {
            (None, "-----BEGIN CERTIFICATE-----") => block = Some(String::new()),
            (Some(b), "-----END CERTIFICATE-----") => {
                let der = base64::engine::general_purpose::STANDARD
                    .decode(b.as_bytes())
                    .map_err(|e| {
                        ca_error(std::io::Error::new(std::io::ErrorKind::InvalidData, e))
                    })?;
                certs.push(der);
                block = None;
            }
            (Some(b), l) => b.push_str(l),
            (None, _) => {}
        }
    }
    if certs.is_empty() {
        return Err(ca_error(std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            "no PEM certificate found",
        )));
    }
    Ok(certs)
}

fn to_dynamic(object: &Value) -> Result<DynamicObject> {
    serde_json::from_value(object.clone()).map_err(|e| Error::Manifest {
        document: 1,
        message: e.to_string(),
    })
}

fn to_json(object: &DynamicObject) -> Result<Value> {
    serde_json::to_value(object).map_err(|e| Error::Transport {
        source: Box::new(e),
    })
}

/// Maps kube-rs errors onto ours, naming the object for Helm-style messages.
fn from_kube(e: kube::Error, kind: &str, name: &str) -> Error {
    match e {
        kube::Error::Api(status) => match (status.code, status.reason.as_str()) {
            (404, _) => Error::NotFound {
                kind: kind.to_owned(),
                name: name.to_owned(),
                message: status.message,
            },
            (409, "AlreadyExists") => Error::AlreadyExists {
                kind: kind.to_owned(),
                name: name.to_owned(),
                message: status.message,
            },
            (409, _) => Error::Conflict {
                message: status.message,
            },
            (code, reason) => Error::Api {
                code,
                reason: reason.to_owned(),
                message: status.message.clone(),
            },
        },
        e => Error::Transport {
            source: flatten(&e).into(),
        },
    }
}

/// A failed GET in the words of Go's net/http and client-go: `Get "URL": dial tcp
/// HOST:PORT: connect: connection refused` for a refused connection, the certificate errors
/// as crypto/x509 words them, else the causes on one line.
fn go_get_error(base: &http::Uri, path: &str, e: &(dyn std::error::Error + 'static)) -> String {
    let url = format!("{}{path}", base.to_string().trim_end_matches('/'));
    let quoted = format!("{url:?}");
    let host = base.host().unwrap_or_default();
    let port = base
        .port_u16()
        .unwrap_or(if base.scheme_str() == Some("http") {
            80
        } else {
            443
        });
    let mut cause = Some(e);
    while let Some(c) = cause {
        if let Some(io) = c.downcast_ref::<std::io::Error>()
            && io.kind() == std::io::ErrorKind::ConnectionRefused
        {
            return format!("Get {quoted}: dial tcp {host}:{port}: connect: connection refused");
        }
        cause = c.source();
    }
    let text = flatten(e);
    if text.contains("UnknownIssuer") {
        return format!(
            "Get {quoted}: tls: failed to verify certificate: x509: certificate signed by unknown authority"
        );
    }
    format!("Get {quoted}: {text}")
}

/// The causes of a transport error on one line, each said once: kube-rs, hyper and
/// hyper-util wrap each other and repeat their cause's words (`client error (Connect): client
/// error (Connect): tcp connect error: ...`). The result has no source of its own, so a
/// reporter that walks the chain prints it once.
fn flatten(e: &(dyn std::error::Error + 'static)) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut next = Some(e);
    while let Some(err) = next {
        let text = err.to_string();
        if !text.is_empty() && !parts.iter().any(|p| p.contains(&text)) {
            parts.push(text);
        }
        next = err.source();
    }
    parts.join(": ")
}

impl KubeClient for Cluster {
    fn namespace(&self) -> &str {
        &self.namespace
    }

    fn server_version(&self) -> Result<ServerVersion> {
        let info = self
            .runtime
            .block_on(self.client.apiserver_version())
            .map_err(|e| match e {
                kube::Error::Api(_) => from_kube(e, "", ""),
                e => Error::Unreachable {
                    message: go_get_error(&self.server, "/version", &e),
                },
            })?;
        Ok(ServerVersion {
            major: info.major,
            minor: info.minor,
            git_version: info.git_version,
        })
    }

    /// Helm's `GetVersionSet`: every served group version, and `GROUP/VERSION/Kind` for every
    /// resource of each, subresources included (`apps/v1/Scale`, `v1/Eviction`). A group
    /// version whose resources cannot be listed (an API service gone, a CRD being deleted) is
    /// still listed without its kinds, as client-go's `ErrGroupDiscoveryFailed` leaves it.
    fn api_versions(&self) -> Result<Vec<String>> {
        let client = self.client.clone();
        self.runtime.block_on(async move {
            let core = client
                .list_core_api_versions()
                .await
                .map_err(|e| from_kube(e, "", ""))?;
            let groups = client
                .list_api_groups()
                .await
                .map_err(|e| from_kube(e, "", ""))?;
            let mut group_versions: Vec<(bool, String)> =
                core.versions.into_iter().map(|v| (true, v)).collect();
            for group in groups.groups {
                for version in group.versions {
                    group_versions.push((false, version.group_version));
                }
            }
            // Each group version's resources in parallel, as client-go fetches them.
            let lists: Vec<_> = group_versions
                .iter()
                .map(|(core, gv)| {
                    let client = client.clone();
                    let (core, gv) = (*core, gv.clone());
                    tokio::spawn(async move {
                        if core {
                            client.list_core_api_resources(&gv).await
                        } else {
                            client.list_api_group_resources(&gv).await
                        }
                    })
                })
                .collect();
            let mut set = std::collections::BTreeSet::new();
            for ((_, gv), list) in group_versions.iter().zip(lists) {
                set.insert(gv.clone());
                if let Ok(Ok(list)) = list.await {
                    for resource in list.resources {
                        set.insert(format!("{gv}/{}", resource.kind));
                    }
                }
            }
            Ok(set.into_iter().collect())
        })
    }

    fn pod_logs(&self, namespace: &str, pod: &str, container: Option<&str>) -> Result<String> {
        let api: Api<k8s_openapi::api::core::v1::Pod> =
            Api::namespaced(self.client.clone(), namespace);
        let params = kube::api::LogParams {
            container: container.map(str::to_owned),
            ..Default::default()
        };
        self.runtime
            .block_on(api.logs(pod, &params))
            .map_err(|e| from_kube(e, "Pod", pod))
    }

    fn is_namespaced(&self, api_version: &str, kind: &str) -> Result<bool> {
        Ok(matches!(
            self.mapping(api_version, kind)?.1.scope,
            Scope::Namespaced
        ))
    }

    fn get_table(&self, r: &ObjectRef) -> Result<Option<Value>> {
        let api = self.api(&r.api_version, &r.kind, r.namespace.as_deref())?;
        // The Accept header and parameter Helm's `transformRequests` sends (pkg/kube/client.go).
        let request = http::Request::get(format!(
            "{}/{}?includeObject=Object",
            api.resource_url(),
            r.name
        ))
        .header(
            http::header::ACCEPT,
            "application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json",
        )
        .body(Vec::new())
        .map_err(|e| Error::Transport {
            source: Box::new(e),
        })?;
        match self.runtime.block_on(self.client.request::<Value>(request)) {
            Ok(table) => Ok(Some(table)),
            Err(kube::Error::Api(s)) if s.code == 404 => Ok(None),
            Err(e) => Err(from_kube(e, &r.kind, &r.name)),
        }
    }

    fn get(&self, r: &ObjectRef) -> Result<Option<Value>> {
        let api = self.api(&r.api_version, &r.kind, r.namespace.as_deref())?;
        self.runtime
            .block_on(api.get_opt(&r.name))
            .map_err(|e| from_kube(e, &r.kind, &r.name))?
            .as_ref()
            .map(to_json)
            .transpose()
    }

    fn get_all(&self, references: &[&ObjectRef]) -> Vec<Result<Option<Value>>> {
        let mut results: Vec<Option<Result<Option<Value>>>> =
            references.iter().map(|_| None).collect();
        let mut tasks = tokio::task::JoinSet::new();
        // JoinSet::spawn needs the runtime's context; the tasks run inside block_on below.
        let _guard = self.runtime.enter();
        for (i, r) in references.iter().enumerate() {
            match self.api(&r.api_version, &r.kind, r.namespace.as_deref()) {
                Ok(api) => {
                    let name = r.name.clone();
                    tasks.spawn(async move { (i, api.get_opt(&name).await) });
                }
                Err(e) => results[i] = Some(Err(e)),
            }
        }
        self.runtime.block_on(async {
            while let Some(joined) = tasks.join_next().await {
                let Ok((i, got)) = joined else {
                    // A task panicked or was cancelled; its slot reports below.
                    continue;
                };
                let r = references[i];
                results[i] = Some(
                    got.map_err(|e| from_kube(e, &r.kind, &r.name))
                        .and_then(|o| o.as_ref().map(to_json).transpose()),
                );
            }
        });
        results
            .into_iter()
            .zip(references)
            .map(|(result, r)| result.unwrap_or_else(|| self.get(r)))
            .collect()
    }

    fn list(
        &self,
        api_version: &str,
        kind: &str,
        namespace: Option<&str>,
        label_selector: &str,
    ) -> Result<Vec<Value>> {
        let api = self.api(api_version, kind, namespace)?;
        let params = ListParams::default().labels(label_selector);
        let list = self
            .runtime
            .block_on(api.list(&params))
            .map_err(|e| from_kube(e, kind, ""))?;
        list.items
            .iter()
            .map(|o| {
                // Items of a list carry no apiVersion and kind; Helm's lookup shows them.
                let mut v = to_json(o)?;
                if let Some(m) = v.as_object_mut() {
                    m.insert(
                        "apiVersion".to_owned(),
                        Value::String(api_version.to_owned()),
                    );
                    m.insert("kind".to_owned(), Value::String(kind.to_owned()));
                }
                Ok(v)
            })
            .collect()
    }

    fn create(&self, r: &Resource) -> Result<Value> {
        let api = self.api(
            &r.reference.api_version,
            &r.reference.kind,
            r.reference.namespace.as_deref(),
        )?;
        let params = PostParams {
            field_manager: Some(crate::object::FIELD_MANAGER.to_owned()),
            ..Default::default()
        };
        let created = self
            .runtime
            .block_on(api.create(&params, &to_dynamic(&r.object)?))
            .map_err(|e| from_kube(e, &r.reference.kind, &r.reference.name))?;
        to_json(&created)
    }

    fn update(&self, r: &Resource) -> Result<Value> {
        let api = self.api(
            &r.reference.api_version,
            &r.reference.kind,
            r.reference.namespace.as_deref(),
        )?;
        let params = PostParams {
            field_manager: Some(crate::object::FIELD_MANAGER.to_owned()),
            ..Default::default()
        };
        let updated = self
            .runtime
            .block_on(api.replace(&r.reference.name, &params, &to_dynamic(&r.object)?))
            .map_err(|e| from_kube(e, &r.reference.kind, &r.reference.name))?;
        to_json(&updated)
    }

    fn apply(&self, r: &Resource, options: &ApplyOptions) -> Result<Value> {
        if !options.server_side {
            // TODO(issue 5): Helm 3's client-side three-way strategic merge
            // (pkg/kube/client.go, createPatch) needs patch metadata per kind.
            return Err(Error::Unsupported {
                what: "client-side apply (three-way strategic merge, --server-side=false)",
            });
        }
        let api = self.api(
            &r.reference.api_version,
            &r.reference.kind,
            r.reference.namespace.as_deref(),
        )?;
        let mut params = PatchParams::apply(&options.field_manager);
        params.force = options.force_conflicts;
        params.dry_run = options.dry_run;
        let applied = self
            .runtime
            .block_on(api.patch(&r.reference.name, &params, &Patch::Apply(&r.object)))
            .map_err(|e| from_kube(e, &r.reference.kind, &r.reference.name))?;
        to_json(&applied)
    }

    fn patch(&self, r: &ObjectRef, patch: &Value, kind: PatchKind) -> Result<Value> {
        let api = self.api(&r.api_version, &r.kind, r.namespace.as_deref())?;
        let params = PatchParams {
            field_manager: Some(crate::object::FIELD_MANAGER.to_owned()),
            ..Default::default()
        };
        let body =
            match kind {
                PatchKind::Merge => Patch::Merge(patch.clone()),
                PatchKind::Strategic => Patch::Strategic(patch.clone()),
                PatchKind::Json => Patch::Json(serde_json::from_value(patch.clone()).map_err(
                    |e| Error::Api {
                        code: 400,
                        reason: "BadRequest".to_owned(),
                        message: format!("invalid JSON patch: {e}"),
                    },
                )?),
            };
        let patched = self
            .runtime
            .block_on(api.patch(&r.name, &params, &body))
            .map_err(|e| from_kube(e, &r.kind, &r.name))?;
        to_json(&patched)
    }

    fn delete(&self, r: &ObjectRef, propagation: Propagation) -> Result<bool> {
        let api = self.api(&r.api_version, &r.kind, r.namespace.as_deref())?;
        let params = DeleteParams {
            propagation_policy: Some(match propagation {
                Propagation::Background => PropagationPolicy::Background,
                Propagation::Foreground => PropagationPolicy::Foreground,
                Propagation::Orphan => PropagationPolicy::Orphan,
            }),
            ..Default::default()
        };
        match self.runtime.block_on(api.delete(&r.name, &params)) {
            Ok(_) => Ok(true),
            Err(kube::Error::Api(s)) if s.code == 404 => Ok(false),
            Err(e) => Err(from_kube(e, &r.kind, &r.name)),
        }
    }

    fn poll_interval(&self) -> Duration {
        self.poll_interval
    }
}

#[cfg(test)]
mod tests {
    use super::Cluster;
    use crate::client::KubeClient;
    use crate::error::Error;
    use crate::object::ObjectRef;
    use crate::options::KubeOptions;

    const KUBECONFIG: &str = "apiVersion: v1
kind: Config
current-context: dev
contexts:
- name: dev
  context: {cluster: local, user: me, namespace: team}
clusters:
- name: local
  cluster: {server: 'http://127.0.0.1:9'}
users:
- name: me
  user: {token: abc}
";

    fn kubeconfig() -> (tempfile::TempDir, std::path::PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config");
        fs_err::write(&path, KUBECONFIG).unwrap();
        (dir, path)
    }

    /// One request as the loopback server saw it.
    #[derive(Debug)]
    struct Seen {
        method: String,
        target: String,
        content_type: String,
        body: String,
    }

    /// A loopback HTTP/1.1 server that answers discovery for `v1` and echoes the body of
    /// writes, recording every request.
    fn loopback() -> (String, std::sync::Arc<std::sync::Mutex<Vec<Seen>>>) {
        use std::io::{BufRead, BufReader, Read, Write};
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let seen = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
        let log = seen.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(stream) = stream else { return };
                let log = log.clone();
                std::thread::spawn(move || {
                    let mut reader = BufReader::new(stream.try_clone().unwrap());
                    let mut out = stream;
                    loop {
                        let mut line = String::new();
                        if reader.read_line(&mut line).unwrap_or(0) == 0 {
                            return;
                        }
                        let mut parts = line.split_whitespace();
                        let method = parts.next().unwrap_or_default().to_owned();
                        let target = parts.next().unwrap_or_default().to_owned();
                        let (mut length, mut content_type) = (0, String::new());
                        loop {
                            let mut h = String::new();
                            reader.read_line(&mut h).unwrap();
                            let h = h.trim_end();
                            if h.is_empty() {
                                break;
                            }
                            let (k, v) = h.split_once(':').unwrap();
                            match k.to_ascii_lowercase().as_str() {
                                "content-length" => length = v.trim().parse().unwrap(),
                                "content-type" => v.trim().clone_into(&mut content_type),
                                _ => {}
                            }
                        }
                        let mut body = vec![0; length];
                        reader.read_exact(&mut body).unwrap();
                        let body = String::from_utf8(body).unwrap();
                        let reply = if target.starts_with("/api/v1/") && method == "PATCH" {
                            body.clone()
                        } else if target == "/api/v1" {
                            r#"{"kind":"APIResourceList","groupVersion":"v1","resources":[{"name":"configmaps","singularName":"","namespaced":true,"kind":"ConfigMap","verbs":["create","delete","get","list","patch","update"]}]}"#.to_owned()
                        } else {
                            r#"{"kind":"Status","apiVersion":"v1","status":"Failure","message":"not found","reason":"NotFound","code":404}"#.to_owned()
                        };
                        let status = if reply.contains("\"code\":404") {
                            "404 Not Found"
                        } else {
                            "200 OK"
                        };
                        log.lock().unwrap().push(Seen {
                            method,
                            target,
                            content_type,
                            body,
                        });
                        write!(
                            out,
                            "HTTP/1.1 {status}\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n{reply}",
                            reply.len()
                        )
                        .unwrap();
                    }
                });
            }
        });
        (url, seen)
    }

    #[test]
    fn applies_server_side_as_helm_with_discovery_cached() {
        let (url, seen) = loopback();
        let cluster = Cluster::connect(&KubeOptions {
            api_server: Some(url),
            namespace: Some("team".to_owned()),
            ..KubeOptions::default()
        })
        .unwrap();
        let rs = cluster
            .build("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n  k: v\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: b\n")
            .unwrap();
        let options = crate::object::ApplyOptions {
            force_conflicts: true,
            ..crate::object::ApplyOptions::default()
        };
        let applied = cluster.apply(&rs[0], &options).unwrap();
        assert_eq!(applied["metadata"]["namespace"], "team");
        assert_eq!(
            cluster
                .get(&ObjectRef::new("v1", "ConfigMap", Some("team"), "x"))
                .unwrap(),
            None
        );
        let seen = seen.lock().unwrap();
        let discovery = seen.iter().filter(|s| s.target == "/api/v1").count();
        assert_eq!(discovery, 1, "{seen:#?}");
        let patch = seen.iter().find(|s| s.method == "PATCH").unwrap();
        assert_eq!(
            patch.target,
            "/api/v1/namespaces/team/configmaps/a?&force=true&fieldManager=helm"
        );
        assert_eq!(patch.content_type, "application/apply-patch+yaml");
        assert!(patch.body.contains("\"k\":\"v\""), "{}", patch.body);
    }

    #[test]
    fn connects_from_kubeconfig_with_namespace_of_context() {
        let (_dir, path) = kubeconfig();
        let options = KubeOptions {
            kubeconfig: vec![path.clone()],
            ..KubeOptions::default()
        };
        let cluster = Cluster::connect(&options).unwrap();
        assert_eq!(cluster.namespace(), "team");
        let options = KubeOptions {
            kubeconfig: vec![path],
            namespace: Some("other".to_owned()),
            token: Some("t".to_owned()),
            as_user: Some("u".to_owned()),
            as_groups: vec!["g".to_owned()],
            ..KubeOptions::default()
        };
        assert_eq!(Cluster::connect(&options).unwrap().namespace(), "other");
    }

    #[test]
    fn unreachable_servers_fail_every_read() {
        let (_dir, path) = kubeconfig();
        let cluster = Cluster::connect(&KubeOptions {
            kubeconfig: vec![path],
            ..KubeOptions::default()
        })
        .unwrap();
        let r = ObjectRef::new("v1", "ConfigMap", Some("team"), "a");
        let all = cluster.get_all(&[&r, &r]);
        assert_eq!(all.len(), 2);
        assert!(all.iter().all(Result::is_err));
        let err = cluster.get(&r).unwrap_err();
        assert!(matches!(err, Error::Transport { .. }));
        // Each cause once: hyper-util's "client error (Connect)" appears twice in its chain.
        let text = crate::error::chain(&err);
        assert_eq!(text.matches("client error (Connect)").count(), 1, "{text}");
        assert!(text.contains("Connection refused"), "{text}");
        // The reachability probe fails in client-go's words, as Helm prints them.
        assert_eq!(
            cluster.server_version().unwrap_err().to_string(),
            "Get \"http://127.0.0.1:9/version\": dial tcp 127.0.0.1:9: connect: connection refused"
        );
    }

    #[test]
    fn missing_files_and_bad_options_are_reported() {
        let err = Cluster::connect(&KubeOptions {
            kubeconfig: vec!["/nonexistent/kubeconfig".into()],
            ..KubeOptions::default()
        })
        .unwrap_err();
        assert!(matches!(err, Error::Kubeconfig { .. }), "{err:?}");
        let err = Cluster::connect(&KubeOptions::default()).unwrap_err();
        assert_eq!(
            err.to_string(),
            "invalid kubernetes client configuration: no kubeconfig and no --kube-apiserver given"
        );
        let (_dir, path) = kubeconfig();
        let err = Cluster::connect(&KubeOptions {
            kubeconfig: vec![path],
            ca_file: Some("/nonexistent/ca.pem".into()),
            ..KubeOptions::default()
        })
        .unwrap_err();
        assert!(matches!(err, Error::CaFile { .. }), "{err:?}");
        let only_server = Cluster::connect(&KubeOptions {
            api_server: Some("http://127.0.0.1:9".to_owned()),
            ..KubeOptions::default()
        })
        .unwrap();
        assert_eq!(only_server.namespace(), "default");
    }
}
