//! The release actions' [`Context`] for each call: the server's one cluster seen from the
//! call's namespace, and release storage in that namespace (releases live in the namespace
//! of the release, as Helm 3 and 4 keep them, so `rudder` and `helm` read them directly).

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use rudder_action::context::{Context, LogSink};
use rudder_kube::{
    ApplyOptions, KubeClient, ObjectRef, PatchKind, Propagation, Resource, ServerVersion,
};
use rudder_release::{Clock, Release};
use rudder_storage::{Driver, DriverKind, Memory, Storage};
use serde_json::Value;

/// What every call's context is made from.
pub struct Backend {
    kube: Arc<dyn KubeClient>,
    driver: DriverKind,
    sql_connection: Option<String>,
    clock: Arc<dyn Clock>,
    /// `--history-max`: revisions kept per release, 0 for all.
    pub history_max: usize,
    /// Drivers by namespace: the memory driver must outlive a call, and the SQL driver's
    /// connection pool is worth keeping.
    drivers: Mutex<HashMap<String, Arc<dyn Driver>>>,
}

impl std::fmt::Debug for Backend {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Backend")
            .field("driver", &self.driver)
            .field("history_max", &self.history_max)
            .finish_non_exhaustive()
    }
}

impl Backend {
    /// A backend over `kube` storing releases with `driver`.
    pub fn new(
        kube: Arc<dyn KubeClient>,
        driver: DriverKind,
        sql_connection: Option<String>,
        clock: Arc<dyn Clock>,
    ) -> Backend {
        Backend {
            kube,
            driver,
            sql_connection,
            clock,
            history_max: 0,
            drivers: Mutex::new(HashMap::new()),
        }
    }

    /// The storage driver's kind.
    pub fn driver_kind(&self) -> DriverKind {
        self.driver
    }

    /// The clock release times come from.
    pub fn clock(&self) -> Arc<dyn Clock> {
        self.clock.clone()
    }

    /// The cluster as a client of `namespace` sees it.
    pub fn kube_in(&self, namespace: &str) -> Arc<dyn KubeClient> {
        Arc::new(Namespaced {
            inner: self.kube.clone(),
            namespace: namespace.to_owned(),
        })
    }

    fn driver_in(&self, namespace: &str) -> rudder_storage::Result<Arc<dyn Driver>> {
        let mut drivers = self.drivers.lock().unwrap_or_else(PoisonError::into_inner);
        if namespace.is_empty() && self.driver == DriverKind::Memory {
            // Memory drivers are one per namespace: every namespace is their union.
            let all: Vec<Arc<dyn Driver>> = drivers.values().cloned().collect();
            return Ok(Arc::new(Union(all)));
        }
        if let Some(d) = drivers.get(namespace) {
            return Ok(d.clone());
        }
        let driver: Arc<dyn Driver> = match self.driver {
            DriverKind::Memory => {
                let memory = Memory::new();
                memory.set_namespace(namespace);
                Arc::new(memory)
            }
            kind => Arc::from(rudder_storage::open(
                kind,
                self.kube_in(namespace),
                namespace,
                self.sql_connection.as_deref(),
                self.clock.clone(),
            )?),
        };
        drivers.insert(namespace.to_owned(), driver.clone());
        Ok(driver)
    }

    /// The context of one call in `namespace` (`""` for every namespace), logging to `log`.
    ///
    /// Errors: the SQL driver failing to connect.
    pub fn context(
        &self,
        namespace: &str,
        history_max: Option<usize>,
        log: Option<LogSink>,
    ) -> rudder_storage::Result<Context> {
        let mut releases = Storage::from_boxed(Box::new(Shared(self.driver_in(namespace)?)));
        releases.max_history = history_max.unwrap_or(self.history_max);
        Ok(Context {
            kube: self.kube_in(if namespace.is_empty() {
                self.kube.namespace()
            } else {
                namespace
            }),
            releases,
            clock: self.clock.clone(),
            log,
            hook_output: None,
        })
    }
}

/// The kubeconfig of a Pod's service account (client-go's `rest.InClusterConfig`): the API
/// server at `KUBERNETES_SERVICE_HOST`:`KUBERNETES_SERVICE_PORT`, trusted with the
/// account's `ca.crt`, authenticated with its `token` file (re-read as the kubelet rotates
/// it). `account_dir` is `/var/run/secrets/kubernetes.io/serviceaccount` in a Pod.
pub fn in_cluster_kubeconfig(host: &str, port: &str, account_dir: &std::path::Path) -> String {
    let host = if host.contains(':') {
        format!("[{host}]")
    } else {
        host.to_owned()
    };
    let dir = account_dir.display();
    format!(
        "apiVersion: v1\nkind: Config\nclusters:\n- name: in-cluster\n  cluster:\n    server: https://{host}:{port}\n    certificate-authority: {dir}/ca.crt\nusers:\n- name: service-account\n  user:\n    tokenFile: {dir}/token\ncontexts:\n- name: in-cluster\n  context:\n    cluster: in-cluster\n    user: service-account\ncurrent-context: in-cluster\n"
    )
}

/// A driver shared between calls.
struct Shared(Arc<dyn Driver>);

impl Driver for Shared {
    fn name(&self) -> &'static str {
        self.0.name()
    }
    fn get(&self, key: &str) -> rudder_storage::Result<Release> {
        self.0.get(key)
    }
    fn list(&self, filter: &dyn Fn(&Release) -> bool) -> rudder_storage::Result<Vec<Release>> {
        self.0.list(filter)
    }
    fn query(&self, labels: &BTreeMap<String, String>) -> rudder_storage::Result<Vec<Release>> {
        self.0.query(labels)
    }
    fn create(&self, key: &str, release: &Release) -> rudder_storage::Result<()> {
        self.0.create(key, release)
    }
    fn update(&self, key: &str, release: &Release) -> rudder_storage::Result<()> {
        self.0.update(key, release)
    }
    fn delete(&self, key: &str) -> rudder_storage::Result<Release> {
        self.0.delete(key)
    }
}

/// The memory drivers of every namespace, read together (`list --all-namespaces`).
struct Union(Vec<Arc<dyn Driver>>);

impl Driver for Union {
    fn name(&self) -> &'static str {
        Memory::NAME
    }
    fn get(&self, key: &str) -> rudder_storage::Result<Release> {
        self.0
            .iter()
            .find_map(|d| d.get(key).ok())
            .ok_or(rudder_storage::Error::ReleaseNotFound)
    }
    fn list(&self, filter: &dyn Fn(&Release) -> bool) -> rudder_storage::Result<Vec<Release>> {
        let mut out = Vec::new();
        for d in &self.0 {
            out.extend(d.list(filter)?);
        }
        Ok(out)
    }
    fn query(&self, labels: &BTreeMap<String, String>) -> rudder_storage::Result<Vec<Release>> {
        let out: Vec<Release> = self
            .0
            .iter()
            .filter_map(|d| d.query(labels).ok())
            .flatten()
            .collect();
        if out.is_empty() {
            return Err(rudder_storage::Error::ReleaseNotFound);
        }
        Ok(out)
    }
    fn create(&self, _key: &str, _release: &Release) -> rudder_storage::Result<()> {
        Err(rudder_storage::Error::ReleaseNotFound)
    }
    fn update(&self, _key: &str, _release: &Release) -> rudder_storage::Result<()> {
        Err(rudder_storage::Error::ReleaseNotFound)
    }
    fn delete(&self, _key: &str) -> rudder_storage::Result<Release> {
        Err(rudder_storage::Error::ReleaseNotFound)
    }
}

/// One cluster client seen with another default namespace: every call goes to `inner`
/// (provided methods a client overrides too: tables, managed fields, batched gets), and the
/// trait's namespace-dependent provided methods (building resources, waiting) use
/// `namespace`.
struct Namespaced {
    inner: Arc<dyn KubeClient>,
    namespace: String,
}

impl KubeClient for Namespaced {
    fn namespace(&self) -> &str {
        &self.namespace
    }
    fn server_version(&self) -> rudder_kube::Result<ServerVersion> {
        self.inner.server_version()
    }
    fn api_versions(&self) -> rudder_kube::Result<Vec<String>> {
        self.inner.api_versions()
    }
    fn pod_logs(
        &self,
        namespace: &str,
        pod: &str,
        container: Option<&str>,
    ) -> rudder_kube::Result<String> {
        self.inner.pod_logs(namespace, pod, container)
    }
    fn get_table(&self, reference: &ObjectRef) -> rudder_kube::Result<Option<Value>> {
        self.inner.get_table(reference)
    }
    fn is_namespaced(&self, api_version: &str, kind: &str) -> rudder_kube::Result<bool> {
        self.inner.is_namespaced(api_version, kind)
    }
    fn get(&self, reference: &ObjectRef) -> rudder_kube::Result<Option<Value>> {
        self.inner.get(reference)
    }
    fn get_all(&self, references: &[&ObjectRef]) -> Vec<rudder_kube::Result<Option<Value>>> {
        self.inner.get_all(references)
    }
    fn list(
        &self,
        api_version: &str,
        kind: &str,
        namespace: Option<&str>,
        label_selector: &str,
    ) -> rudder_kube::Result<Vec<Value>> {
        self.inner
            .list(api_version, kind, namespace, label_selector)
    }
    fn create(&self, resource: &Resource) -> rudder_kube::Result<Value> {
        self.inner.create(resource)
    }
    fn update(&self, resource: &Resource) -> rudder_kube::Result<Value> {
        self.inner.update(resource)
    }
    fn apply(&self, resource: &Resource, options: &ApplyOptions) -> rudder_kube::Result<Value> {
        self.inner.apply(resource, options)
    }
    fn patch(
        &self,
        reference: &ObjectRef,
        patch: &Value,
        kind: PatchKind,
    ) -> rudder_kube::Result<Value> {
        self.inner.patch(reference, patch, kind)
    }
    fn upgrade_managed_fields(
        &self,
        reference: &ObjectRef,
        manager: &str,
    ) -> rudder_kube::Result<bool> {
        self.inner.upgrade_managed_fields(reference, manager)
    }
    fn delete(&self, reference: &ObjectRef, propagation: Propagation) -> rudder_kube::Result<bool> {
        self.inner.delete(reference, propagation)
    }
    fn poll_interval(&self) -> Duration {
        self.inner.poll_interval()
    }
}
