//! Cluster scenarios written once against `KubeClient`: they run on `MemoryCluster` always,
//! and on a real cluster when `KUBECONFIG` is set (see tests/cluster/README.md).

use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;

use rudder_engine::Lookup;
use rudder_kube::{
    ApplyOptions, Cluster, ClusterLookup, Error, KubeClient, KubeOptions, ObjectRef, PatchKind,
    Propagation, UpdateOptions, WaitOptions, create_all, update_all,
};
use rudder_kube_memory::MemoryCluster;
use serde_json::json;

type Scenario = fn(&dyn KubeClient, &str);

const SCENARIOS: &[(&str, Scenario)] = &[
    ("build_resolves_namespaces", build_resolves_namespaces),
    ("create_update_and_conflicts", create_update_and_conflicts),
    ("generate_name", generate_name),
    ("list_with_label_selectors", list_with_label_selectors),
    ("server_side_apply", server_side_apply),
    ("delete", delete),
    ("delete_propagation", delete_propagation),
    ("wait_for_workloads", wait_for_workloads),
    ("hook_job_completes", hook_job_completes),
    ("crd_then_custom_resource", crd_then_custom_resource),
    ("lookup", lookup),
    ("upgrade_a_release", upgrade_a_release),
    ("secrets_hold_at_most_1_mib", secrets_hold_at_most_1_mib),
    ("patches", patches),
    ("capabilities", capabilities),
    (
        "concurrent_updates_lose_nothing",
        concurrent_updates_lose_nothing,
    ),
    ("apply_after_create", apply_after_create),
    ("error_messages", error_messages),
];

/// A namespace of its own for each scenario, so that runs on a shared cluster do not meet.
fn namespace(client: &dyn KubeClient, scenario: &str) -> String {
    static COUNTER: AtomicU32 = AtomicU32::new(0);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let name = format!(
        "rk-{}-{}-{n}",
        scenario
            .replace('_', "-")
            .chars()
            .take(30)
            .collect::<String>(),
        std::process::id()
    );
    let ns = client
        .build(&format!(
            "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: {name}\n"
        ))
        .unwrap();
    client.create(&ns[0]).unwrap();
    name
}

fn cleanup(client: &dyn KubeClient, ns: &str) {
    client
        .delete(
            &ObjectRef::new("v1", "Namespace", None, ns),
            Propagation::Background,
        )
        .unwrap();
}

fn run_all(client: &dyn KubeClient) {
    for (name, scenario) in SCENARIOS {
        let ns = namespace(client, name);
        scenario(client, &ns);
        cleanup(client, &ns);
    }
}

#[test]
fn scenarios_on_memory_cluster() {
    run_all(&MemoryCluster::new());
}

#[test]
#[expect(clippy::print_stderr, reason = "a skipped cluster test says so")]
fn scenarios_on_real_cluster() {
    // The test reads KUBECONFIG itself; the library never reads the environment.
    let Some(kubeconfig) = std::env::var_os("KUBECONFIG") else {
        eprintln!(
            "scenarios_on_real_cluster: not run, KUBECONFIG is not set (tests/cluster/cluster up)"
        );
        return;
    };
    let options = KubeOptions {
        kubeconfig: KubeOptions::split_paths(&kubeconfig.to_string_lossy()),
        ..KubeOptions::default()
    };
    let cluster = Cluster::connect(&options)
        .unwrap()
        .with_poll_interval(Duration::from_millis(250));
    eprintln!(
        "scenarios_on_real_cluster: {}",
        cluster.server_version().unwrap().git_version
    );
    run_all(&cluster);
}

/// A client whose default namespace is the scenario's.
struct InNamespace<'a> {
    client: &'a dyn KubeClient,
    namespace: &'a str,
}

impl KubeClient for InNamespace<'_> {
    fn namespace(&self) -> &str {
        self.namespace
    }
    fn server_version(&self) -> rudder_kube::Result<rudder_kube::ServerVersion> {
        self.client.server_version()
    }
    fn api_versions(&self) -> rudder_kube::Result<Vec<String>> {
        self.client.api_versions()
    }
    fn pod_logs(
        &self,
        namespace: &str,
        pod: &str,
        container: Option<&str>,
    ) -> rudder_kube::Result<String> {
        self.client.pod_logs(namespace, pod, container)
    }
    fn is_namespaced(&self, api_version: &str, kind: &str) -> rudder_kube::Result<bool> {
        self.client.is_namespaced(api_version, kind)
    }
    fn get(&self, r: &ObjectRef) -> rudder_kube::Result<Option<serde_json::Value>> {
        self.client.get(r)
    }
    fn list(
        &self,
        api_version: &str,
        kind: &str,
        namespace: Option<&str>,
        selector: &str,
    ) -> rudder_kube::Result<Vec<serde_json::Value>> {
        self.client.list(api_version, kind, namespace, selector)
    }
    fn create(&self, r: &rudder_kube::Resource) -> rudder_kube::Result<serde_json::Value> {
        self.client.create(r)
    }
    fn update(&self, r: &rudder_kube::Resource) -> rudder_kube::Result<serde_json::Value> {
        self.client.update(r)
    }
    fn apply(
        &self,
        r: &rudder_kube::Resource,
        o: &ApplyOptions,
    ) -> rudder_kube::Result<serde_json::Value> {
        self.client.apply(r, o)
    }
    fn patch(
        &self,
        r: &ObjectRef,
        patch: &serde_json::Value,
        kind: PatchKind,
    ) -> rudder_kube::Result<serde_json::Value> {
        self.client.patch(r, patch, kind)
    }
    fn delete(&self, r: &ObjectRef, p: Propagation) -> rudder_kube::Result<bool> {
        self.client.delete(r, p)
    }
    fn poll_interval(&self) -> Duration {
        self.client.poll_interval()
    }
}

fn scoped<'a>(client: &'a dyn KubeClient, namespace: &'a str) -> InNamespace<'a> {
    InNamespace { client, namespace }
}

fn build_resolves_namespaces(client: &dyn KubeClient, ns: &str) {
    let c = scoped(client, ns);
    let rs = c
        .build(
            "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n---\napiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: b\n  namespace: elsewhere\n",
        )
        .unwrap();
    assert_eq!(rs[0].reference.namespace.as_deref(), Some(ns));
    assert_eq!(rs[0].object["metadata"]["namespace"], json!(ns));
    assert_eq!(rs[1].reference.namespace, None);
    assert!(rs[1].object["metadata"].get("namespace").is_none());
    let err = c
        .build("apiVersion: example.com/v1\nkind: Nothing\nmetadata:\n  name: x\n")
        .unwrap_err();
    assert!(matches!(err, Error::NoMatch { .. }), "{err:?}");
    assert_eq!(
        err.to_string(),
        "resource mapping not found for name: \"x\" namespace: \"\": no matches for kind \"Nothing\" in version \"example.com/v1\""
    );
}

fn config_map(c: &dyn KubeClient, name: &str, data: &serde_json::Value) -> rudder_kube::Resource {
    c.resource(json!({"apiVersion": "v1", "kind": "ConfigMap",
        "metadata": {"name": name}, "data": data}))
        .unwrap()
}

fn create_update_and_conflicts(client: &dyn KubeClient, ns: &str) {
    let c = scoped(client, ns);
    let cm = config_map(&c, "a", &json!({"k": "1"}));
    let created = c.create(&cm).unwrap();
    let rv = created["metadata"]["resourceVersion"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(
        created["metadata"]["uid"]
            .as_str()
            .is_some_and(|u| !u.is_empty())
    );
    assert!(c.create(&cm).unwrap_err().is_already_exists());

    let mut next = cm.clone();
    next.object["data"]["k"] = json!("2");
    next.object["metadata"]["resourceVersion"] = json!(rv);
    let updated = c.update(&next).unwrap();
    assert_ne!(updated["metadata"]["resourceVersion"], json!(rv));
    assert_eq!(updated["data"]["k"], json!("2"));

    // The same stale version again: the server refuses.
    let err = c.update(&next).unwrap_err();
    assert!(err.is_conflict(), "{err:?}");
    assert_eq!(
        err.to_string(),
        "Operation cannot be fulfilled on configmaps \"a\": the object has been modified; please apply your changes to the latest version and try again"
    );

    let got = c.get(&cm.reference).unwrap().unwrap();
    assert_eq!(got["data"]["k"], json!("2"));
    let missing = ObjectRef::new("v1", "ConfigMap", Some(ns), "missing");
    assert_eq!(c.get(&missing).unwrap(), None);
    let mut absent = config_map(&c, "missing", &json!({}));
    absent.object["metadata"]["namespace"] = json!(ns);
    assert!(c.update(&absent).unwrap_err().is_not_found());
}

fn generate_name(client: &dyn KubeClient, ns: &str) {
    let c = scoped(client, ns);
    let r = c
        .resource(json!({"apiVersion": "v1", "kind": "ConfigMap",
            "metadata": {"generateName": "gen-"}}))
        .unwrap();
    let a = c.create(&r).unwrap();
    let b = c.create(&r).unwrap();
    let (a, b) = (
        a["metadata"]["name"].as_str().unwrap(),
        b["metadata"]["name"].as_str().unwrap(),
    );
    assert!(a.starts_with("gen-") && a.len() == 9, "{a}");
    assert_ne!(a, b);
}

fn list_with_label_selectors(client: &dyn KubeClient, ns: &str) {
    let c = scoped(client, ns);
    for (name, status) in [
        ("r.v1", "superseded"),
        ("r.v2", "deployed"),
        ("s.v1", "failed"),
    ] {
        let mut cm = config_map(&c, name, &json!({}));
        cm.object["metadata"]["labels"] =
            json!({"owner": "helm", "name": &name[..1], "status": status});
        c.create(&cm).unwrap();
    }
    let names = |selector: &str| -> Vec<String> {
        c.list("v1", "ConfigMap", Some(ns), selector)
            .unwrap()
            .iter()
            .map(|o| o["metadata"]["name"].as_str().unwrap().to_owned())
            .filter(|n| n != "kube-root-ca.crt")
            .collect()
    };
    assert_eq!(names("owner=helm"), ["r.v1", "r.v2", "s.v1"]);
    assert_eq!(names("owner=helm,name=r"), ["r.v1", "r.v2"]);
    assert_eq!(names("status in (deployed,failed)"), ["r.v2", "s.v1"]);
    assert_eq!(names("status!=deployed,owner"), ["r.v1", "s.v1"]);
    let all = c.list("v1", "ConfigMap", Some(ns), "owner").unwrap();
    assert!(all.iter().all(|o| o["kind"] == json!("ConfigMap")));
}

fn server_side_apply(client: &dyn KubeClient, ns: &str) {
    let c = scoped(client, ns);
    let helm = ApplyOptions::default();
    let first = config_map(&c, "applied", &json!({"a": "1", "b": "1"}));
    c.apply(&first, &helm).unwrap();
    // Helm owns a and b: it may change a and drop b.
    let second = config_map(&c, "applied", &json!({"a": "2"}));
    let got = c.apply(&second, &helm).unwrap();
    assert_eq!(got["data"], json!({"a": "2"}));

    let other = ApplyOptions {
        field_manager: "other".to_owned(),
        ..ApplyOptions::default()
    };
    let theirs = config_map(&c, "applied", &json!({"a": "3", "c": "1"}));
    let err = c.apply(&theirs, &other).unwrap_err();
    assert!(err.is_conflict(), "{err:?}");
    assert_eq!(
        err.to_string(),
        "Apply failed with 1 conflict: conflict with \"helm\": .data.a"
    );
    let forced = ApplyOptions {
        force_conflicts: true,
        ..other
    };
    let got = c.apply(&theirs, &forced).unwrap();
    assert_eq!(got["data"], json!({"a": "3", "c": "1"}));

    // Dry run changes nothing.
    let dry = ApplyOptions {
        dry_run: true,
        force_conflicts: true,
        ..ApplyOptions::default()
    };
    let preview = c
        .apply(&config_map(&c, "applied", &json!({"a": "9"})), &dry)
        .unwrap();
    assert_eq!(preview["data"]["a"], json!("9"));
    let stored = c.get(&first.reference).unwrap().unwrap();
    assert_eq!(stored["data"]["a"], json!("3"));

    let client_side = ApplyOptions {
        server_side: false,
        ..ApplyOptions::default()
    };
    assert!(matches!(
        c.apply(&first, &client_side).unwrap_err(),
        Error::Unsupported { .. }
    ));
}

fn delete(client: &dyn KubeClient, ns: &str) {
    let c = scoped(client, ns);
    let cm = config_map(&c, "gone", &json!({}));
    c.create(&cm).unwrap();
    assert!(
        c.delete(&cm.reference, Propagation::Foreground).unwrap()
            || c.get(&cm.reference).unwrap().is_none()
    );
    c.wait_for_delete(std::slice::from_ref(&cm), Duration::from_secs(30))
        .unwrap();
    assert!(!c.delete(&cm.reference, Propagation::Background).unwrap());
}

/// `--cascade`: orphaned dependents stay without their owner reference; background and
/// foreground deletion take them with the owner (the garbage collector does it on a real
/// server).
fn delete_propagation(client: &dyn KubeClient, ns: &str) {
    let c = scoped(client, ns);
    for (n, propagation) in [
        Propagation::Orphan,
        Propagation::Background,
        Propagation::Foreground,
    ]
    .into_iter()
    .enumerate()
    {
        let owner = config_map(&c, &format!("owner-{n}"), &json!({}));
        let uid = c.create(&owner).unwrap()["metadata"]["uid"].clone();
        let mut dependent = config_map(&c, &format!("dependent-{n}"), &json!({}));
        dependent.object["metadata"]["ownerReferences"] = json!([{
            "apiVersion": "v1", "kind": "ConfigMap", "name": owner.reference.name, "uid": uid
        }]);
        c.create(&dependent).unwrap();
        assert!(c.delete(&owner.reference, propagation).unwrap());
        c.wait_for_delete(std::slice::from_ref(&owner), Duration::from_mins(1))
            .unwrap();
        if propagation == Propagation::Orphan {
            // The garbage collector drops the owner reference from orphans.
            let mut left = None;
            for _ in 0..120 {
                left = c.get(&dependent.reference).unwrap();
                if left
                    .as_ref()
                    .is_some_and(|d| d["metadata"].get("ownerReferences").is_none())
                {
                    break;
                }
                std::thread::sleep(Duration::from_millis(250));
            }
            let left = left.expect("an orphan stays");
            assert!(left["metadata"].get("ownerReferences").is_none(), "{left}");
        } else {
            c.wait_for_delete(std::slice::from_ref(&dependent), Duration::from_mins(1))
                .unwrap();
        }
    }
}

const WORKLOADS: &str = "\
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: web
        image: nginx
---
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector: {app: web}
  ports:
  - port: 80
    protocol: TCP
---
apiVersion: batch/v1
kind: Job
metadata:
  name: once
spec:
  backoffLimit: 1
  template:
    spec:
      restartPolicy: Never
      containers:
      - name: once
        image: busybox
";

fn wait_for_workloads(client: &dyn KubeClient, ns: &str) {
    let c = scoped(client, ns);
    let rs = c.build(WORKLOADS).unwrap();
    for r in &rs {
        c.apply(r, &ApplyOptions::default()).unwrap();
    }
    let options = WaitOptions {
        timeout: Duration::from_mins(2),
        wait_for_jobs: true,
    };
    c.wait(&rs, &options).unwrap();
    let svc = c.get(&rs[1].reference).unwrap().unwrap();
    assert!(
        svc["spec"]["clusterIP"]
            .as_str()
            .is_some_and(|ip| !ip.is_empty())
    );
}

fn hook_job_completes(client: &dyn KubeClient, ns: &str) {
    let c = scoped(client, ns);
    let rs = c.build(WORKLOADS).unwrap();
    let job = &rs[2];
    c.create(job).unwrap();
    c.wait_for_completion(&job.reference, Duration::from_mins(2))
        .unwrap();
}

fn crd_then_custom_resource(client: &dyn KubeClient, ns: &str) {
    let c = scoped(client, ns);
    let group = format!("{}.rudder.example.com", ns.replace('.', "-"));
    let crd = c
        .build(&format!(
            "apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: widgets.{group}
spec:
  group: {group}
  scope: Namespaced
  names: {{plural: widgets, singular: widget, kind: Widget, listKind: WidgetList}}
  versions:
  - name: v1
    served: true
    storage: true
    schema:
      openAPIV3Schema:
        type: object
        x-kubernetes-preserve-unknown-fields: true
"
        ))
        .unwrap();
    c.apply(&crd[0], &ApplyOptions::default()).unwrap();
    c.wait(&crd, &WaitOptions::default()).unwrap();
    // Discovery may lag behind Established for a moment on a real server.
    let mut widget = Err(Error::Unsupported { what: "" });
    for _ in 0..40 {
        widget = c.build(&format!(
            "apiVersion: {group}/v1\nkind: Widget\nmetadata:\n  name: w\nsize: 3\n"
        ));
        if widget.is_ok() {
            break;
        }
        std::thread::sleep(Duration::from_millis(250));
    }
    let widget = widget.unwrap();
    assert_eq!(widget[0].reference.namespace.as_deref(), Some(ns));
    let stored = c.apply(&widget[0], &ApplyOptions::default()).unwrap();
    assert_eq!(stored["size"], json!(3));
    let found = ClusterLookup::new(&c)
        .lookup(&format!("{group}/v1"), "Widget", ns, "w")
        .unwrap();
    assert!(matches!(
        found.get("size"),
        Some(rudder_value::Value::Int64(3))
    ));
    assert!(
        c.delete(&crd[0].reference, Propagation::Background)
            .unwrap()
    );
}

fn lookup(client: &dyn KubeClient, ns: &str) {
    let c = scoped(client, ns);
    let mut cm = config_map(&c, "looked-up", &json!({"k": "v"}));
    cm.object["metadata"]["labels"] = json!({"app": "x"});
    c.create(&cm).unwrap();
    let l = ClusterLookup::new(&c);
    let one = l.lookup("v1", "ConfigMap", ns, "looked-up").unwrap();
    let data = one.get("data").unwrap();
    assert_eq!(data.as_map().unwrap().get("k").unwrap().as_str(), Some("v"));
    assert!(l.lookup("v1", "ConfigMap", ns, "nope").unwrap().is_empty());
    let list = l.lookup("v1", "ConfigMap", ns, "").unwrap();
    assert_eq!(list.get("kind").unwrap().as_str(), Some("ConfigMapList"));
    let items = list.get("items").unwrap();
    assert!(!items.as_list().unwrap().is_empty());
    // A cluster-scoped kind ignores the namespace.
    let nss = l.lookup("v1", "Namespace", "whatever", ns).unwrap();
    assert_eq!(nss.get("kind").unwrap().as_str(), Some("Namespace"));
    let err = l.lookup("example.com/v1", "Nothing", ns, "x").unwrap_err();
    assert_eq!(
        err,
        "unable to get apiresource from unstructured: example.com/v1, Kind=Nothing: the server could not find the requested resource"
    );
}

fn upgrade_a_release(client: &dyn KubeClient, ns: &str) {
    let c = scoped(client, ns);
    let v1 = c
        .build(
            "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n  x: \"1\"\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: b\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: kept\n  annotations:\n    helm.sh/resource-policy: keep\n",
        )
        .unwrap();
    let (changes, result) = create_all(&c, &v1, &ApplyOptions::default());
    result.unwrap();
    assert_eq!(changes.created.len(), 3);

    let v2 = c
        .build(
            "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n  x: \"2\"\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n",
        )
        .unwrap();
    let (changes, result) = update_all(&c, &v1, &v2, &UpdateOptions::default());
    result.unwrap();
    let names = |refs: &[ObjectRef]| refs.iter().map(|r| r.name.clone()).collect::<Vec<_>>();
    assert_eq!(names(&changes.created), ["c"]);
    assert_eq!(names(&changes.updated), ["a"]);
    assert_eq!(names(&changes.deleted), ["b"]);
    assert_eq!(
        c.get(&v1[0].reference).unwrap().unwrap()["data"]["x"],
        json!("2")
    );
    assert_eq!(c.get(&v1[1].reference).unwrap(), None);
    assert!(c.get(&v1[2].reference).unwrap().is_some());

    let mut v3 = v2.clone();
    v3[0].object["data"]["x"] = json!("3");
    // Helm 4 replaces only without server-side apply.
    let refused = UpdateOptions {
        force_replace: true,
        ..UpdateOptions::default()
    };
    let (_, result) = update_all(&c, &v2, &v3, &refused);
    assert_eq!(
        result.unwrap_err().to_string(),
        "invalid operation: cannot use server-side apply and force replace together"
    );
    let replace = UpdateOptions {
        force_replace: true,
        apply: ApplyOptions {
            server_side: false,
            ..ApplyOptions::default()
        },
        ..UpdateOptions::default()
    };
    let (changes, result) = update_all(&c, &v2, &v3, &replace);
    result.unwrap();
    assert_eq!(changes.updated.len(), 2);
    assert_eq!(
        c.get(&v3[0].reference).unwrap().unwrap()["data"]["x"],
        json!("3")
    );

    let client_side = UpdateOptions {
        apply: ApplyOptions {
            server_side: false,
            ..ApplyOptions::default()
        },
        ..UpdateOptions::default()
    };
    // Helm 3's client-side apply: nothing changed, so no patch is sent.
    let (changes, result) = update_all(&c, &v3, &v3, &client_side);
    result.unwrap();
    assert_eq!(changes.updated.len(), 2);
}

fn secrets_hold_at_most_1_mib(client: &dyn KubeClient, ns: &str) {
    use base64::Engine as _;
    let c = scoped(client, ns);
    let secret = |name: &str, size: usize| {
        let data = base64::engine::general_purpose::STANDARD.encode(vec![b'x'; size]);
        c.resource(
            json!({"apiVersion": "v1", "kind": "Secret", "type": "helm.sh/release.v1",
            "metadata": {"name": name}, "data": {"release": data}}),
        )
        .unwrap()
    };
    c.create(&secret("fits", 1024 * 1024)).unwrap();
    let err = c.create(&secret("too-big", 1024 * 1024 + 1)).unwrap_err();
    assert_eq!(
        err.to_string(),
        "Secret \"too-big\" is invalid: data: Too long: must have at most 1048576 bytes"
    );
    let cm = config_map(
        &c,
        "too-big",
        &json!({"release": "x".repeat(1024 * 1024 + 1)}),
    );
    let err = c.create(&cm).unwrap_err();
    assert_eq!(
        err.to_string(),
        "ConfigMap \"too-big\" is invalid: []: Too long: must have at most 1048576 bytes"
    );
}

fn patches(client: &dyn KubeClient, ns: &str) {
    let c = scoped(client, ns);
    let cm = config_map(&c, "p", &json!({"a": "1", "b": "2"}));
    c.create(&cm).unwrap();
    let merged = c
        .patch(
            &cm.reference,
            &json!({"data": {"a": null, "c": "3"}}),
            PatchKind::Merge,
        )
        .unwrap();
    assert_eq!(merged["data"], json!({"b": "2", "c": "3"}));
    let ops = json!([{"op": "replace", "path": "/data/b", "value": "9"}]);
    let patched = c.patch(&cm.reference, &ops, PatchKind::Json).unwrap();
    assert_eq!(patched["data"], json!({"b": "9", "c": "3"}));
    let missing = ObjectRef::new("v1", "ConfigMap", Some(ns), "missing");
    assert!(
        c.patch(&missing, &json!({}), PatchKind::Merge)
            .unwrap_err()
            .is_not_found()
    );
}

fn capabilities(client: &dyn KubeClient, _ns: &str) {
    let version = client.server_version().unwrap();
    assert_eq!(version.major, "1");
    assert!(version.git_version.starts_with('v'), "{version:?}");
    let versions = client.api_versions().unwrap();
    for wanted in [
        "v1",
        "v1/ConfigMap",
        "apps/v1",
        "apps/v1/Deployment",
        "batch/v1/Job",
    ] {
        assert!(
            versions.iter().any(|v| v == wanted),
            "{wanted} missing from {versions:?}"
        );
    }
    assert!(versions.windows(2).all(|w| w[0] < w[1]));
}

/// Two writers increment one counter with optimistic concurrency: every stale write is
/// refused, so no increment is lost.
fn concurrent_updates_lose_nothing(client: &dyn KubeClient, ns: &str) {
    let c = scoped(client, ns);
    let counter = config_map(&c, "counter", &json!({"n": "0"}));
    c.create(&counter).unwrap();
    let conflicts = AtomicU32::new(0);
    std::thread::scope(|scope| {
        for _ in 0..2 {
            scope.spawn(|| {
                for _ in 0..5 {
                    loop {
                        let current = c.get(&counter.reference).unwrap().unwrap();
                        let n: u32 = current["data"]["n"].as_str().unwrap().parse().unwrap();
                        let mut next = counter.clone();
                        next.object["data"]["n"] = json!((n + 1).to_string());
                        next.object["metadata"]["resourceVersion"] =
                            current["metadata"]["resourceVersion"].clone();
                        match c.update(&next) {
                            Ok(_) => break,
                            Err(e) if e.is_conflict() => {
                                conflicts.fetch_add(1, Ordering::Relaxed);
                            }
                            Err(e) => panic!("{e:?}"),
                        }
                    }
                }
            });
        }
    });
    let last = c.get(&counter.reference).unwrap().unwrap();
    assert_eq!(last["data"]["n"], json!("10"));
}

/// Objects created with a plain create are managed by `helm` with operation `Update`; an
/// apply by `helm` afterwards is another manager's apply.
fn apply_after_create(client: &dyn KubeClient, ns: &str) {
    let c = scoped(client, ns);
    let cm = config_map(&c, "created", &json!({"a": "1"}));
    c.create(&cm).unwrap();
    let changed = config_map(&c, "created", &json!({"a": "2"}));
    let result = c.apply(&changed, &ApplyOptions::default());
    let err = result.unwrap_err();
    assert!(err.is_conflict(), "{err:?}");
    assert_eq!(
        err.to_string(),
        "Apply failed with 1 conflict: conflict with \"helm\" using v1: .data.a"
    );
}

fn error_messages(client: &dyn KubeClient, ns: &str) {
    let c = scoped(client, ns);
    let cm = config_map(&c, "twice", &json!({}));
    c.create(&cm).unwrap();
    let err = c.create(&cm).unwrap_err();
    assert_eq!(err.to_string(), "configmaps \"twice\" already exists");
    let elsewhere = scoped(client, "rk-no-such-namespace");
    let err = elsewhere
        .create(&config_map(&elsewhere, "x", &json!({})))
        .unwrap_err();
    assert!(err.is_not_found());
    assert_eq!(
        err.to_string(),
        "namespaces \"rk-no-such-namespace\" not found"
    );
    let missing = config_map(&c, "missing", &json!({}));
    let err = c.update(&missing).unwrap_err();
    assert_eq!(err.to_string(), "configmaps \"missing\" not found");
}
