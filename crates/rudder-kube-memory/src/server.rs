//! The in-memory API server.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use rudder_kube::{
    ApplyOptions, Error, KubeClient, ObjectRef, PatchKind, Propagation, Resource, Result, Selector,
    ServerVersion, group_version, int_at, str_at, value_at,
};
use serde_json::{Map as JsonMap, Value, json};

/// How the simulated controllers treat workloads.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Simulation {
    /// Controllers act at once on every write: Deployments, StatefulSets, DaemonSets and
    /// ReplicaSets report all replicas ready, Jobs complete, Pods run and are ready (or
    /// succeed when `restartPolicy` is `Never` or `OnFailure`), claims bind, and
    /// LoadBalancer Services get an ingress address.
    #[default]
    Ready,
    /// No controller runs: status stays as written by [`MemoryCluster::set_status`], so
    /// tests can make workloads pending, failed or ready step by step.
    Manual,
}

/// An API server in memory; see the crate docs.
///
/// Resource versions come from one counter for the whole server, as etcd's revision does;
/// `creationTimestamp` is a fixed time that tests set with [`MemoryCluster::set_time`]
/// (this crate never reads the clock).
pub struct MemoryCluster {
    namespace: String,
    state: Mutex<State>,
}

impl std::fmt::Debug for MemoryCluster {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MemoryCluster")
            .field("namespace", &self.namespace)
            .finish_non_exhaustive()
    }
}

/// Where an object lives: group and kind (every version of a kind is one object), then
/// namespace (empty for cluster-scoped kinds) and name. The order is etcd's key order.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Key {
    group: String,
    kind: String,
    namespace: String,
    name: String,
}

#[derive(Clone, Debug)]
struct Kind {
    namespaced: bool,
    plural: String,
}

/// Field paths owned by each (manager, operation), as `managedFields` records them.
type Managers = BTreeMap<(String, String), BTreeSet<String>>;

#[derive(Clone, Debug)]
struct Stored {
    object: Value,
    managers: Managers,
}

struct State {
    /// Served kinds by (group, version, kind).
    kinds: HashMap<(String, String, String), Kind>,
    objects: BTreeMap<Key, Stored>,
    revision: u64,
    simulation: Simulation,
    timestamp: String,
    version: ServerVersion,
    /// Container logs by (namespace, pod, container; empty for the only one).
    logs: HashMap<(String, String, String), String>,
}

/// Kinds a fresh cluster serves: (apiVersion, kind, namespaced).
const BUILTIN_KINDS: &[(&str, &str, bool)] = &[
    ("v1", "ConfigMap", true),
    ("v1", "Secret", true),
    ("v1", "Service", true),
    ("v1", "Pod", true),
    ("v1", "PodTemplate", true),
    ("v1", "PersistentVolumeClaim", true),
    ("v1", "ServiceAccount", true),
    ("v1", "ReplicationController", true),
    ("v1", "Endpoints", true),
    ("v1", "Event", true),
    ("v1", "LimitRange", true),
    ("v1", "ResourceQuota", true),
    ("v1", "Namespace", false),
    ("v1", "Node", false),
    ("v1", "PersistentVolume", false),
    ("apps/v1", "Deployment", true),
    ("apps/v1", "StatefulSet", true),
    ("apps/v1", "DaemonSet", true),
    ("apps/v1", "ReplicaSet", true),
    ("batch/v1", "Job", true),
    ("batch/v1", "CronJob", true),
    ("autoscaling/v1", "HorizontalPodAutoscaler", true),
    ("autoscaling/v2", "HorizontalPodAutoscaler", true),
    ("networking.k8s.io/v1", "Ingress", true),
    ("networking.k8s.io/v1", "NetworkPolicy", true),
    ("networking.k8s.io/v1", "IngressClass", false),
    ("policy/v1", "PodDisruptionBudget", true),
    ("rbac.authorization.k8s.io/v1", "Role", true),
    ("rbac.authorization.k8s.io/v1", "RoleBinding", true),
    ("rbac.authorization.k8s.io/v1", "ClusterRole", false),
    ("rbac.authorization.k8s.io/v1", "ClusterRoleBinding", false),
    ("storage.k8s.io/v1", "StorageClass", false),
    ("scheduling.k8s.io/v1", "PriorityClass", false),
    ("apiextensions.k8s.io/v1", "CustomResourceDefinition", false),
    (
        "admissionregistration.k8s.io/v1",
        "ValidatingWebhookConfiguration",
        false,
    ),
    (
        "admissionregistration.k8s.io/v1",
        "MutatingWebhookConfiguration",
        false,
    ),
];

/// Namespaces a fresh cluster has.
const BUILTIN_NAMESPACES: &[&str] = &["default", "kube-node-lease", "kube-public", "kube-system"];

impl Default for MemoryCluster {
    fn default() -> Self {
        MemoryCluster::new()
    }
}

impl MemoryCluster {
    /// A fresh cluster with the built-in kinds and namespaces; the client's namespace is
    /// `default`.
    pub fn new() -> Self {
        let mut state = State {
            kinds: HashMap::new(),
            objects: BTreeMap::new(),
            revision: 0,
            simulation: Simulation::Ready,
            timestamp: "2026-01-01T00:00:00Z".to_owned(),
            version: ServerVersion {
                major: "1".to_owned(),
                minor: "20".to_owned(),
                git_version: "v1.20.2".to_owned(),
            },
            logs: HashMap::new(),
        };
        for (api_version, kind, namespaced) in BUILTIN_KINDS {
            state.serve(api_version, kind, *namespaced, None);
        }
        for ns in BUILTIN_NAMESPACES {
            let object = json!({"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": ns}});
            let reference = ObjectRef::new("v1", "Namespace", None, ns);
            state.store(&reference, object, None, Managers::new());
        }
        MemoryCluster {
            namespace: "default".to_owned(),
            state: Mutex::new(state),
        }
    }

    /// The same cluster seen by a client whose default namespace is `namespace` (`-n`).
    pub fn with_namespace(mut self, namespace: &str) -> Self {
        namespace.clone_into(&mut self.namespace);
        self
    }

    /// Chooses how controllers are simulated from now on.
    pub fn set_simulation(&self, simulation: Simulation) {
        self.lock().simulation = simulation;
    }

    /// Sets the `creationTimestamp` (RFC 3339) of objects created from now on.
    pub fn set_time(&self, timestamp: &str) {
        timestamp.clone_into(&mut self.lock().timestamp);
    }

    /// Sets what `/version` reports (`v1.20.2`, the version of tests/cluster, by default).
    pub fn set_version(&self, version: ServerVersion) {
        self.lock().version = version;
    }

    /// Sets the log a container prints (`container` empty for a Pod's only container).
    pub fn set_logs(&self, namespace: &str, pod: &str, container: &str, log: &str) {
        self.lock().logs.insert(
            (namespace.to_owned(), pod.to_owned(), container.to_owned()),
            log.to_owned(),
        );
    }

    /// Serves an extra kind, as an aggregated API would.
    pub fn serve(&self, api_version: &str, kind: &str, namespaced: bool) {
        self.lock().serve(api_version, kind, namespaced, None);
    }

    /// Replaces an object's `status` as a controller would, with a new resource version.
    ///
    /// Errors: [`Error::NotFound`] when the object does not exist.
    pub fn set_status(&self, reference: &ObjectRef, status: Value) -> Result<Value> {
        let mut state = self.lock();
        let key = state.key(reference)?;
        let revision = state.next_revision();
        let stored = state
            .objects
            .get_mut(&key)
            .ok_or_else(|| not_found(reference))?;
        let object = stored
            .object
            .as_object_mut()
            .expect("stored objects are JSON objects");
        object.insert("status".to_owned(), status);
        set_meta(
            &mut stored.object,
            "resourceVersion",
            json!(revision.to_string()),
        );
        Ok(with_version(&stored.object, &reference.api_version))
    }

    /// Every stored object (all kinds and namespaces), for assertions.
    pub fn objects(&self) -> Vec<Value> {
        self.lock()
            .objects
            .values()
            .map(|s| s.object.clone())
            .collect()
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        // Every method leaves the state consistent before anything can panic, so a
        // poisoned lock still guards a usable state.
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

fn not_found(reference: &ObjectRef) -> Error {
    Error::not_found(&reference.kind, &reference.name)
}

fn plural(kind: &str) -> String {
    rudder_kube::resource_name(kind)
}

fn set_meta(object: &mut Value, key: &str, value: Value) {
    if let Some(o) = object.as_object_mut() {
        let meta = o
            .entry("metadata")
            .or_insert_with(|| Value::Object(JsonMap::new()));
        if let Some(m) = meta.as_object_mut() {
            m.insert(key.to_owned(), value);
        }
    }
}

fn with_version(object: &Value, api_version: &str) -> Value {
    let mut v = object.clone();
    if let Some(o) = v.as_object_mut() {
        o.insert("apiVersion".to_owned(), json!(api_version));
    }
    v
}

impl State {
    fn serve(
        &mut self,
        api_version: &str,
        kind: &str,
        namespaced: bool,
        plural_name: Option<&str>,
    ) {
        let (group, version) = group_version(api_version);
        self.kinds.insert(
            (group.to_owned(), version.to_owned(), kind.to_owned()),
            Kind {
                namespaced,
                plural: plural_name.map_or_else(|| plural(kind), str::to_owned),
            },
        );
    }

    fn kind(&self, api_version: &str, kind: &str) -> Result<&Kind> {
        let (group, version) = group_version(api_version);
        self.kinds
            .get(&(group.to_owned(), version.to_owned(), kind.to_owned()))
            .ok_or_else(|| Error::NoMatch {
                api_version: api_version.to_owned(),
                kind: kind.to_owned(),
                name: String::new(),
                namespace: String::new(),
            })
    }

    fn key(&self, r: &ObjectRef) -> Result<Key> {
        let kind = self.kind(&r.api_version, &r.kind)?;
        let namespace = if kind.namespaced {
            r.namespace.clone().unwrap_or_default()
        } else {
            String::new()
        };
        Ok(Key {
            group: r.group().to_owned(),
            kind: r.kind.clone(),
            namespace,
            name: r.name.clone(),
        })
    }

    fn next_revision(&mut self) -> u64 {
        self.revision += 1;
        self.revision
    }

    fn check_namespace(&self, key: &Key) -> Result<()> {
        if key.namespace.is_empty() {
            return Ok(());
        }
        let ns = Key {
            group: String::new(),
            kind: "Namespace".to_owned(),
            namespace: String::new(),
            name: key.namespace.clone(),
        };
        if self.objects.contains_key(&ns) {
            Ok(())
        } else {
            Err(Error::not_found("Namespace", &key.namespace))
        }
    }

    /// Stores `object` as the new state of `reference`, filling the server-owned metadata
    /// and running the simulated controllers. `previous` is the stored state it replaces.
    fn store(
        &mut self,
        reference: &ObjectRef,
        mut object: Value,
        previous: Option<&Value>,
        managers: Managers,
    ) -> Value {
        let revision = self.next_revision();
        let namespaced = self
            .kind(&reference.api_version, &reference.kind)
            .is_ok_and(|k| k.namespaced);
        set_meta(&mut object, "name", json!(reference.name));
        if namespaced {
            set_meta(
                &mut object,
                "namespace",
                json!(reference.namespace.clone().unwrap_or_default()),
            );
        } else if let Some(m) = object.get_mut("metadata").and_then(Value::as_object_mut) {
            m.remove("namespace");
        }
        set_meta(&mut object, "resourceVersion", json!(revision.to_string()));
        let (uid, created, generation) = match previous {
            Some(p) => {
                let generation = int_at(p, &["metadata", "generation"]).unwrap_or(1);
                let spec_changed = p.get("spec") != object.get("spec");
                (
                    str_at(p, &["metadata", "uid"])
                        .unwrap_or_default()
                        .to_owned(),
                    str_at(p, &["metadata", "creationTimestamp"])
                        .unwrap_or_default()
                        .to_owned(),
                    generation + i64::from(spec_changed),
                )
            }
            None => (
                format!("00000000-0000-4000-8000-{revision:012}"),
                self.timestamp.clone(),
                1,
            ),
        };
        set_meta(&mut object, "uid", json!(uid));
        set_meta(&mut object, "creationTimestamp", json!(created));
        set_meta(&mut object, "generation", json!(generation));
        if let Some(o) = object.as_object_mut() {
            // Status is a subresource: writes to the object keep the stored status.
            match previous.and_then(|p| p.get("status")) {
                Some(s) => {
                    o.insert("status".to_owned(), s.clone());
                }
                None => {
                    o.remove("status");
                }
            }
        }
        self.admit(reference, &mut object, revision);
        let key = self.key(reference).expect("the caller resolved this kind");
        self.objects.insert(
            key,
            Stored {
                object: object.clone(),
                managers,
            },
        );
        with_version(&object, &reference.api_version)
    }

    /// What the API server itself and the simulated controllers do to a written object.
    fn admit(&mut self, reference: &ObjectRef, object: &mut Value, revision: u64) {
        let generation = int_at(object, &["metadata", "generation"]).unwrap_or(1);
        let replicas = int_at(object, &["spec", "replicas"]).unwrap_or(1);
        let ready = self.simulation == Simulation::Ready;
        let status = match (reference.group(), reference.kind.as_str()) {
            ("", "Namespace") => Some(json!({"phase": "Active"})),
            ("", "Service") => {
                let service_type = str_at(object, &["spec", "type"])
                    .unwrap_or("ClusterIP")
                    .to_owned();
                if service_type != "ExternalName"
                    && str_at(object, &["spec", "clusterIP"])
                        .unwrap_or_default()
                        .is_empty()
                {
                    let ip = json!(format!(
                        "10.96.{}.{}",
                        (revision / 250) % 250,
                        revision % 250 + 1
                    ));
                    if let Some(spec) = object.get_mut("spec").and_then(Value::as_object_mut) {
                        spec.insert("clusterIP".to_owned(), ip);
                    }
                }
                (ready && service_type == "LoadBalancer")
                    .then(|| json!({"loadBalancer": {"ingress": [{"ip": "192.0.2.1"}]}}))
            }
            ("apiextensions.k8s.io", "CustomResourceDefinition") => {
                self.serve_crd(object);
                Some(json!({"conditions": [
                    {"type": "NamesAccepted", "status": "True", "reason": "NoConflicts"},
                    {"type": "Established", "status": "True", "reason": "InitialNamesAccepted"},
                ]}))
            }
            _ if !ready => None,
            ("apps", "Deployment") => Some(json!({
                "observedGeneration": generation, "replicas": replicas,
                "updatedReplicas": replicas, "readyReplicas": replicas,
                "availableReplicas": replicas,
            })),
            ("apps", "ReplicaSet") | ("", "ReplicationController") => Some(json!({
                "observedGeneration": generation, "replicas": replicas,
                "fullyLabeledReplicas": replicas, "readyReplicas": replicas,
                "availableReplicas": replicas,
            })),
            ("apps", "StatefulSet") => {
                let revision = format!("{}-{generation}", reference.name);
                Some(json!({
                    "observedGeneration": generation, "replicas": replicas,
                    "readyReplicas": replicas, "currentReplicas": replicas,
                    "updatedReplicas": replicas, "currentRevision": revision,
                    "updateRevision": revision,
                }))
            }
            ("apps", "DaemonSet") => Some(json!({
                "observedGeneration": generation, "desiredNumberScheduled": 1,
                "currentNumberScheduled": 1, "updatedNumberScheduled": 1,
                "numberReady": 1, "numberAvailable": 1, "numberMisscheduled": 0,
            })),
            ("batch", "Job") => {
                let completions = int_at(object, &["spec", "completions"]).unwrap_or(1);
                Some(json!({
                    "succeeded": completions,
                    "startTime": self.timestamp, "completionTime": self.timestamp,
                    "conditions": [{"type": "Complete", "status": "True"}],
                }))
            }
            ("", "Pod") => {
                let restart = str_at(object, &["spec", "restartPolicy"]).unwrap_or("Always");
                Some(if restart == "Always" {
                    json!({"phase": "Running", "conditions": [{"type": "Ready", "status": "True"}]})
                } else {
                    json!({"phase": "Succeeded", "conditions": [
                        {"type": "Ready", "status": "False", "reason": "PodCompleted"}]})
                })
            }
            ("", "PersistentVolumeClaim") => Some(json!({"phase": "Bound"})),
            _ => None,
        };
        if let (Some(status), Some(o)) = (status, object.as_object_mut()) {
            o.insert("status".to_owned(), status);
        }
    }

    fn serve_crd(&mut self, crd: &Value) {
        let group = str_at(crd, &["spec", "group"])
            .unwrap_or_default()
            .to_owned();
        let Some(kind) = str_at(crd, &["spec", "names", "kind"]).map(str::to_owned) else {
            return;
        };
        let plural_name = str_at(crd, &["spec", "names", "plural"]).map(str::to_owned);
        let namespaced = str_at(crd, &["spec", "scope"]).unwrap_or("Namespaced") == "Namespaced";
        let mut versions: Vec<String> = value_at(crd, &["spec", "versions"])
            .and_then(Value::as_array)
            .map(|vs| {
                vs.iter()
                    .filter(|v| v.get("served") != Some(&Value::Bool(false)))
                    .filter_map(|v| str_at(v, &["name"]).map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default();
        if let Some(v) = str_at(crd, &["spec", "version"]) {
            versions.push(v.to_owned());
        }
        for version in versions {
            self.serve(
                &format!("{group}/{version}"),
                &kind,
                namespaced,
                plural_name.as_deref(),
            );
        }
    }

    fn unserve_crd(&mut self, crd: &Value) {
        let group = str_at(crd, &["spec", "group"]).unwrap_or_default();
        let kind = str_at(crd, &["spec", "names", "kind"]).unwrap_or_default();
        self.kinds.retain(|(g, _, k), _| !(g == group && k == kind));
        self.objects
            .retain(|key, _| !(key.group == group && key.kind == kind));
    }

    /// Deletes one object and, by `propagation`, its dependents.
    fn remove(&mut self, key: &Key, propagation: Propagation) -> Option<Stored> {
        let stored = self.objects.remove(key)?;
        let uid = str_at(&stored.object, &["metadata", "uid"])
            .unwrap_or_default()
            .to_owned();
        if key.group.is_empty() && key.kind == "Namespace" {
            self.objects.retain(|k, _| k.namespace != key.name);
        }
        if key.group == "apiextensions.k8s.io" && key.kind == "CustomResourceDefinition" {
            self.unserve_crd(&stored.object);
        }
        let dependents: Vec<Key> = self
            .objects
            .iter()
            .filter(|(_, s)| {
                value_at(&s.object, &["metadata", "ownerReferences"])
                    .and_then(Value::as_array)
                    .is_some_and(|refs| refs.iter().any(|r| str_at(r, &["uid"]) == Some(&uid)))
            })
            .map(|(k, _)| k.clone())
            .collect();
        for dependent in dependents {
            if propagation == Propagation::Orphan {
                // The garbage collector drops the owner's reference; an empty list is
                // omitted, as the API's JSON omits it.
                if let Some(meta) = self
                    .objects
                    .get_mut(&dependent)
                    .and_then(|s| s.object.get_mut("metadata"))
                    .and_then(Value::as_object_mut)
                {
                    if let Some(refs) = meta
                        .get_mut("ownerReferences")
                        .and_then(Value::as_array_mut)
                    {
                        refs.retain(|r| str_at(r, &["uid"]) != Some(&uid));
                    }
                    if meta
                        .get("ownerReferences")
                        .and_then(Value::as_array)
                        .is_some_and(Vec::is_empty)
                    {
                        meta.remove("ownerReferences");
                    }
                }
            } else {
                self.remove(&dependent, propagation);
            }
        }
        Some(stored)
    }
}

/// The object as the API server stores it after decoding into its Go type: fields set to
/// `null` are absent, and so are directives a new list item carried in (`$retainKeys`),
/// which no Go field takes.
fn without_nulls(value: Value) -> Value {
    match value {
        Value::Object(m) => Value::Object(
            m.into_iter()
                .filter(|(k, v)| !v.is_null() && !k.starts_with('$'))
                .map(|(k, v)| (k, without_nulls(v)))
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.into_iter().map(without_nulls).collect()),
        v => v,
    }
}

/// The API server's limit on the data of a Secret or ConfigMap (`core.MaxSecretSize`).
const MAX_DATA_SIZE: usize = 1024 * 1024;

/// The validation a real server does that release storage runs into: Secret data must be
/// base64, and Secrets and ConfigMaps hold at most 1 MiB (Helm's "Too long" failure).
fn validate(reference: &ObjectRef, object: &Value) -> Result<()> {
    use base64::Engine as _;
    let invalid = |message: String| Error::Api {
        code: 422,
        reason: "Invalid".to_owned(),
        message,
    };
    let strings = |field: &str| -> Vec<&str> {
        object
            .get(field)
            .and_then(Value::as_object)
            .map(|m| m.values().filter_map(Value::as_str).collect())
            .unwrap_or_default()
    };
    match (reference.group(), reference.kind.as_str()) {
        ("", "Secret") => {
            let mut size = 0;
            for value in strings("data") {
                let decoded = base64::engine::general_purpose::STANDARD
                    .decode(value)
                    .map_err(|e| Error::Api {
                        code: 400,
                        reason: "BadRequest".to_owned(),
                        message: format!(
                            "Secret in version \"v1\" cannot be handled as a Secret: {e}"
                        ),
                    })?;
                size += decoded.len();
            }
            size += strings("stringData").iter().map(|v| v.len()).sum::<usize>();
            if size > MAX_DATA_SIZE {
                return Err(invalid(format!(
                    "Secret {:?} is invalid: data: Too long: must have at most {MAX_DATA_SIZE} bytes",
                    reference.name
                )));
            }
        }
        ("", "ConfigMap") => {
            let data: usize = strings("data").iter().map(|v| v.len()).sum();
            let binary: usize = strings("binaryData").iter().map(|v| v.len() * 3 / 4).sum();
            if data + binary > MAX_DATA_SIZE {
                return Err(invalid(format!(
                    "ConfigMap {:?} is invalid: []: Too long: must have at most {MAX_DATA_SIZE} bytes",
                    reference.name
                )));
            }
        }
        _ => {}
    }
    Ok(())
}

/// Leaf field paths of an object as managedFields count them (`.data.key`,
/// `.metadata.labels.app`); lists are atomic leaves.
fn field_paths(object: &Value) -> BTreeSet<String> {
    fn walk(v: &Value, prefix: &str, out: &mut BTreeSet<String>) {
        match v {
            Value::Object(m) if !m.is_empty() => {
                for (k, v) in m {
                    walk(v, &format!("{prefix}.{k}"), out);
                }
            }
            _ => {
                out.insert(prefix.to_owned());
            }
        }
    }
    let mut out = BTreeSet::new();
    let Some(o) = object.as_object() else {
        return out;
    };
    for (k, v) in o {
        match k.as_str() {
            "apiVersion" | "kind" | "status" => {}
            "metadata" => {
                for field in ["labels", "annotations", "ownerReferences", "finalizers"] {
                    if let Some(v) = v.get(field) {
                        walk(v, &format!(".metadata.{field}"), &mut out);
                    }
                }
            }
            _ => walk(v, &format!(".{k}"), &mut out),
        }
    }
    out
}

fn at_path<'a>(object: &'a Value, path: &str) -> Option<&'a Value> {
    path.split('.').skip(1).try_fold(object, |v, k| v.get(k))
}

fn remove_path(object: &mut Value, path: &str) {
    let parts: Vec<&str> = path.split('.').skip(1).collect();
    let Some((last, parents)) = parts.split_last() else {
        return;
    };
    let parent = parents.iter().try_fold(&mut *object, |v, k| v.get_mut(*k));
    if let Some(Value::Object(m)) = parent {
        m.remove(*last);
    }
}

/// Server-side apply's merge: maps merge key by key, everything else is replaced.
fn merge(into: &mut Value, from: &Value) {
    match (into, from) {
        (Value::Object(a), Value::Object(b)) => {
            for (k, v) in b {
                match a.get_mut(k) {
                    Some(existing) if existing.is_object() && v.is_object() => merge(existing, v),
                    _ => {
                        a.insert(k.clone(), v.clone());
                    }
                }
            }
        }
        (into, from) => *into = from.clone(),
    }
}

/// The fields of `object` that `previous` did not hold with the same value.
fn changed_paths(previous: &Value, object: &Value) -> BTreeSet<String> {
    field_paths(object)
        .into_iter()
        .filter(|p| at_path(previous, p) != at_path(object, p))
        .collect()
}

impl KubeClient for MemoryCluster {
    fn namespace(&self) -> &str {
        &self.namespace
    }

    fn server_version(&self) -> Result<ServerVersion> {
        Ok(self.lock().version.clone())
    }

    fn api_versions(&self) -> Result<Vec<String>> {
        let state = self.lock();
        let mut set = BTreeSet::new();
        for (group, version, kind) in state.kinds.keys() {
            let gv = if group.is_empty() {
                version.clone()
            } else {
                format!("{group}/{version}")
            };
            set.insert(format!("{gv}/{kind}"));
            set.insert(gv);
        }
        Ok(set.into_iter().collect())
    }

    fn pod_logs(&self, namespace: &str, pod: &str, container: Option<&str>) -> Result<String> {
        let state = self.lock();
        let key = Key {
            group: String::new(),
            kind: "Pod".to_owned(),
            namespace: namespace.to_owned(),
            name: pod.to_owned(),
        };
        if !state.objects.contains_key(&key) {
            return Err(Error::not_found("Pod", pod));
        }
        let container = container.unwrap_or_default().to_owned();
        Ok(state
            .logs
            .get(&(namespace.to_owned(), pod.to_owned(), container))
            .cloned()
            .unwrap_or_default())
    }

    fn is_namespaced(&self, api_version: &str, kind: &str) -> Result<bool> {
        Ok(self.lock().kind(api_version, kind)?.namespaced)
    }

    fn get(&self, reference: &ObjectRef) -> Result<Option<Value>> {
        let state = self.lock();
        let key = state.key(reference)?;
        Ok(state
            .objects
            .get(&key)
            .map(|s| with_version(&s.object, &reference.api_version)))
    }

    fn list(
        &self,
        api_version: &str,
        kind: &str,
        namespace: Option<&str>,
        label_selector: &str,
    ) -> Result<Vec<Value>> {
        let selector = Selector::parse(label_selector)?;
        let state = self.lock();
        let namespaced = state.kind(api_version, kind)?.namespaced;
        let (group, _) = group_version(api_version);
        Ok(state
            .objects
            .iter()
            .filter(|(k, _)| k.group == group && k.kind == kind)
            .filter(|(k, _)| !namespaced || namespace.is_none_or(|ns| k.namespace == ns))
            .filter(|(_, s)| selector.matches(value_at(&s.object, &["metadata", "labels"])))
            .map(|(_, s)| with_version(&s.object, api_version))
            .collect())
    }

    fn create(&self, resource: &Resource) -> Result<Value> {
        let mut state = self.lock();
        let mut reference = resource.reference.clone();
        if reference.name.is_empty() {
            let prefix = str_at(&resource.object, &["metadata", "generateName"])
                .filter(|p| !p.is_empty())
                .ok_or_else(|| Error::Api {
                    code: 422,
                    reason: "Invalid".to_owned(),
                    message: format!(
                        "{} \"\" is invalid: metadata.name: Required value: name or generateName is required",
                        reference.kind
                    ),
                })?;
            // Base-36 digits of the next revision, as random as a test needs.
            let mut n = state.revision + 1;
            let suffix: String = (0..5)
                .map(|_| {
                    let d = (n % 36) as u32;
                    n /= 36;
                    char::from_digit(d, 36).expect("a digit below 36")
                })
                .collect();
            reference.name = format!("{prefix}{suffix}");
        }
        let key = state.key(&reference)?;
        state.check_namespace(&key)?;
        if state.objects.contains_key(&key) {
            return Err(Error::already_exists(&reference.kind, &reference.name));
        }
        validate(&reference, &resource.object)?;
        let mut managers = Managers::new();
        managers.insert(
            (rudder_kube::FIELD_MANAGER.to_owned(), "Update".to_owned()),
            field_paths(&resource.object),
        );
        Ok(state.store(&reference, resource.object.clone(), None, managers))
    }

    fn update(&self, resource: &Resource) -> Result<Value> {
        let mut state = self.lock();
        let reference = &resource.reference;
        let key = state.key(reference)?;
        let kind = state
            .kind(&reference.api_version, &reference.kind)?
            .plural
            .clone();
        let stored = state
            .objects
            .get(&key)
            .ok_or_else(|| not_found(reference))?
            .clone();
        let current = str_at(&stored.object, &["metadata", "resourceVersion"]).unwrap_or_default();
        let wanted = str_at(&resource.object, &["metadata", "resourceVersion"]).unwrap_or_default();
        if !wanted.is_empty() && wanted != current {
            return Err(Error::Conflict {
                message: format!(
                    "Operation cannot be fulfilled on {kind} {:?}: the object has been modified; please apply your changes to the latest version and try again",
                    reference.name
                ),
            });
        }
        validate(reference, &resource.object)?;
        let changed = changed_paths(&stored.object, &resource.object);
        let remaining = field_paths(&resource.object);
        let mut managers = stored.managers.clone();
        for paths in managers.values_mut() {
            paths.retain(|p| remaining.contains(p) && !changed.contains(p));
        }
        managers
            .entry((rudder_kube::FIELD_MANAGER.to_owned(), "Update".to_owned()))
            .or_default()
            .extend(changed);
        managers.retain(|_, paths| !paths.is_empty());
        Ok(state.store(
            reference,
            resource.object.clone(),
            Some(&stored.object),
            managers,
        ))
    }

    fn apply(&self, resource: &Resource, options: &ApplyOptions) -> Result<Value> {
        if !options.server_side {
            return Err(Error::Unsupported {
                what: "client-side apply (three-way strategic merge, --server-side=false)",
            });
        }
        let mut state = self.lock();
        let reference = &resource.reference;
        let key = state.key(reference)?;
        state.check_namespace(&key)?;
        let manager = (options.field_manager.clone(), "Apply".to_owned());
        let applied = field_paths(&resource.object);
        let Some(stored) = state.objects.get(&key).cloned() else {
            validate(reference, &resource.object)?;
            let mut managers = Managers::new();
            managers.insert(manager, applied);
            if options.dry_run {
                let mut copy = resource.object.clone();
                set_meta(&mut copy, "name", json!(reference.name));
                return Ok(copy);
            }
            return Ok(state.store(reference, resource.object.clone(), None, managers));
        };
        // Conflicts by manager; an Update manager is named with the version it wrote
        // (`conflict with "helm" using v1`), an Apply manager by name alone.
        let mut conflicts: BTreeMap<(&str, &str), Vec<&str>> = BTreeMap::new();
        for path in &applied {
            if at_path(&stored.object, path) == at_path(&resource.object, path) {
                continue;
            }
            for ((name, operation), paths) in &stored.managers {
                if (name, operation) != (&manager.0, &manager.1) && paths.contains(path) {
                    conflicts
                        .entry((name.as_str(), operation.as_str()))
                        .or_default()
                        .push(path.as_str());
                }
            }
        }
        if !conflicts.is_empty() && !options.force_conflicts {
            let count: usize = conflicts.values().map(Vec::len).sum();
            let who = |name: &str, operation: &str| {
                if operation == "Update" {
                    format!("{name:?} using {}", reference.api_version)
                } else {
                    format!("{name:?}")
                }
            };
            let detail = if count == 1 {
                let ((name, operation), paths) = conflicts.iter().next().expect("one conflict");
                format!("conflict with {}: {}", who(name, operation), paths[0])
            } else {
                conflicts
                    .iter()
                    .map(|((name, operation), paths)| {
                        let lines: Vec<String> = paths.iter().map(|p| format!("- {p}")).collect();
                        format!(
                            "conflicts with {}:\n{}",
                            who(name, operation),
                            lines.join("\n")
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("\n")
            };
            let plural = if count == 1 { "" } else { "s" };
            return Err(Error::Conflict {
                message: format!("Apply failed with {count} conflict{plural}: {detail}"),
            });
        }
        let mut object = stored.object.clone();
        merge(&mut object, &resource.object);
        validate(reference, &object)?;
        let mut managers = stored.managers.clone();
        let dropped: Vec<String> = managers
            .get(&manager)
            .map(|old| old.difference(&applied).cloned().collect())
            .unwrap_or_default();
        for (m, paths) in &mut managers {
            if *m != manager {
                // Forced fields move to the applier; fields set to the same value are shared.
                paths.retain(|p| {
                    !applied.contains(p)
                        || at_path(&stored.object, p) == at_path(&resource.object, p)
                });
            }
        }
        for path in dropped {
            if !managers
                .iter()
                .any(|(m, paths)| *m != manager && paths.contains(&path))
            {
                remove_path(&mut object, &path);
            }
        }
        managers.insert(manager, applied);
        managers.retain(|_, paths| !paths.is_empty());
        if options.dry_run {
            return Ok(with_version(&object, &reference.api_version));
        }
        Ok(state.store(reference, object, Some(&stored.object), managers))
    }

    fn patch(&self, reference: &ObjectRef, patch: &Value, kind: PatchKind) -> Result<Value> {
        let mut state = self.lock();
        let key = state.key(reference)?;
        let stored = state
            .objects
            .get(&key)
            .ok_or_else(|| not_found(reference))?
            .clone();
        let mut object = stored.object.clone();
        match kind {
            PatchKind::Merge => json_patch::merge(&mut object, patch),
            PatchKind::Strategic => {
                // The API server patches built-in kinds by their Go types' metadata and
                // refuses strategic merge patches for custom resources.
                let schema = rudder_kube::merge::Schema::builtin()
                    .kind(&reference.api_version, &reference.kind)
                    .ok_or_else(|| Error::Api {
                        code: 415,
                        reason: "UnsupportedMediaType".to_owned(),
                        message: "the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml".to_owned(),
                    })?;
                object = rudder_kube::merge::strategic_merge(&object, patch, schema)
                    .map(without_nulls)
                    .map_err(|e| Error::Api {
                        code: 500,
                        reason: "InternalError".to_owned(),
                        message: e.to_string(),
                    })?;
            }
            PatchKind::Json => {
                let bad = |message: String| Error::Api {
                    code: 422,
                    reason: "Invalid".to_owned(),
                    message,
                };
                let ops: json_patch::Patch =
                    serde_json::from_value(patch.clone()).map_err(|e| bad(e.to_string()))?;
                json_patch::patch(&mut object, &ops).map_err(|e| bad(e.to_string()))?;
            }
        }
        validate(reference, &object)?;
        let changed = changed_paths(&stored.object, &object);
        let remaining = field_paths(&object);
        let mut managers = stored.managers.clone();
        for paths in managers.values_mut() {
            paths.retain(|p| remaining.contains(p) && !changed.contains(p));
        }
        managers
            .entry((rudder_kube::FIELD_MANAGER.to_owned(), "Update".to_owned()))
            .or_default()
            .extend(changed);
        managers.retain(|_, paths| !paths.is_empty());
        Ok(state.store(reference, object, Some(&stored.object), managers))
    }

    fn upgrade_managed_fields(&self, reference: &ObjectRef, manager: &str) -> Result<bool> {
        // The memory server keeps field owners beside the object rather than in
        // `managedFields`: fold the manager's Update entry into its Apply entry there.
        let mut state = self.lock();
        let key = state.key(reference)?;
        let stored = state
            .objects
            .get_mut(&key)
            .ok_or_else(|| not_found(reference))?;
        let Some(paths) = stored
            .managers
            .remove(&(manager.to_owned(), "Update".to_owned()))
        else {
            return Ok(false);
        };
        stored
            .managers
            .entry((manager.to_owned(), "Apply".to_owned()))
            .or_default()
            .extend(paths);
        Ok(true)
    }

    fn delete(&self, reference: &ObjectRef, propagation: Propagation) -> Result<bool> {
        let mut state = self.lock();
        let key = state.key(reference)?;
        Ok(state.remove(&key, propagation).is_some())
    }

    fn poll_interval(&self) -> Duration {
        Duration::from_millis(5)
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::{field_paths, plural};

    #[test]
    fn plurals_follow_the_api_spelling() {
        assert_eq!(plural("ConfigMap"), "configmaps");
        assert_eq!(plural("Ingress"), "ingresses");
        assert_eq!(plural("NetworkPolicy"), "networkpolicies");
        assert_eq!(plural("Gateway"), "gateways");
    }

    #[test]
    fn field_paths_skip_server_fields() {
        let paths = field_paths(&json!({"apiVersion": "v1", "kind": "ConfigMap",
            "metadata": {"name": "a", "labels": {"x": "y"}},
            "data": {"k": "v", "l": "w"}, "status": {"s": 1}}));
        let paths: Vec<&str> = paths.iter().map(String::as_str).collect();
        assert_eq!(paths, [".data.k", ".data.l", ".metadata.labels.x"]);
    }
}
