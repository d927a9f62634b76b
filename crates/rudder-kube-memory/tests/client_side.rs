//! Helm 3's client-side apply (`--server-side=false`), written once against `KubeClient`:
//! on `MemoryCluster` always, and on a real API server when `KUBECONFIG` is set (see
//! tests/cluster/README.md).
//!
//! The oracle is the API server itself: it applies our three-way strategic merge patch, and
//! the object it stores must be the one a replace (HTTP PUT) of the new manifest stores,
//! plus the changes made on the cluster that the new manifest does not touch.

use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;

use rudder_kube::{
    ApplyOptions, Cluster, Error, KubeClient, KubeOptions, ObjectRef, PatchKind, Propagation,
    Resource, UpdateOptions, WaitOptions, create_all, update_all,
};
use rudder_kube_memory::MemoryCluster;
use serde_json::{Value, json};

type Scenario = fn(&dyn KubeClient, &str);

const SCENARIOS: &[(&str, Scenario)] = &[
    ("deployment", deployment),
    ("service", service),
    ("config_map", config_map),
    ("no_change_sends_nothing", no_change_sends_nothing),
    ("live_object_as_original", live_object_as_original),
    ("custom_resources", custom_resources),
    ("server_side_conflicts", server_side_conflicts),
    ("generated_patches", generated_patches),
    ("unknown_field", unknown_field),
    ("client_side_then_server_side", client_side_then_server_side),
];

fn client_side() -> UpdateOptions {
    UpdateOptions {
        apply: ApplyOptions {
            server_side: false,
            ..ApplyOptions::default()
        },
        ..UpdateOptions::default()
    }
}

fn namespace(client: &dyn KubeClient, scenario: &str) -> String {
    static COUNTER: AtomicU32 = AtomicU32::new(0);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let name = format!(
        "csa-{}-{}-{n}",
        scenario.replace('_', "-"),
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

fn run_all(client: &dyn KubeClient) {
    for (name, scenario) in SCENARIOS {
        let ns = namespace(client, name);
        scenario(client, &ns);
        client
            .delete(
                &ObjectRef::new("v1", "Namespace", None, &ns),
                Propagation::Background,
            )
            .unwrap();
    }
}

#[test]
fn client_side_on_memory_cluster() {
    run_all(&MemoryCluster::new());
}

#[test]
#[expect(clippy::print_stderr, reason = "a skipped cluster test says so")]
fn client_side_on_real_cluster() {
    // The test reads KUBECONFIG itself; the library never reads the environment.
    let Some(kubeconfig) = std::env::var_os("KUBECONFIG") else {
        eprintln!(
            "client_side_on_real_cluster: not run, KUBECONFIG is not set (tests/cluster/cluster up)"
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
        "client_side_on_real_cluster: {}",
        cluster.server_version().unwrap().git_version
    );
    run_all(&cluster);
}

/// Builds one object from YAML with `NAME` and `NS` filled in.
fn object(c: &dyn KubeClient, yaml: &str, name: &str, ns: &str) -> Resource {
    let mut rs = c
        .build(&yaml.replace("NAME", name).replace("NS", ns))
        .unwrap();
    assert_eq!(rs.len(), 1);
    rs.remove(0)
}

/// Moves `name` from `v1` to `v2` with Helm 3's client-side apply, and a twin `name-twin`
/// from `v1` to `v2` by replacing it; `drift` runs on both between the two releases, as
/// someone editing the live objects would. Returns (patched, replaced).
fn patched_and_replaced(
    c: &dyn KubeClient,
    ns: &str,
    name: &str,
    v1: &str,
    v2: &str,
    drift: &dyn Fn(&ObjectRef),
) -> (Value, Value) {
    let twin = format!("{name}-twin");
    let mut results = Vec::new();
    for (n, replace) in [(name, false), (twin.as_str(), true)] {
        let old = object(c, v1, n, ns);
        let new = object(c, v2, n, ns);
        let (_, created) = create_all(c, std::slice::from_ref(&old), &client_side().apply);
        created.unwrap();
        drift(&old.reference);
        if replace {
            // A replace must carry the server-assigned fields that cannot change, and is
            // retried while controllers write the object (as Helm's replace is).
            let mut tries = 0;
            loop {
                let live = c.get(&old.reference).unwrap().unwrap();
                let mut body = new.clone();
                body.object["metadata"]["resourceVersion"] =
                    live["metadata"]["resourceVersion"].clone();
                for field in ["clusterIP", "clusterIPs"] {
                    if let Some(v) = live["spec"].get(field) {
                        body.object["spec"][field] = v.clone();
                    }
                }
                match c.update(&body) {
                    Err(e) if e.is_conflict() && tries < 20 => tries += 1,
                    other => break other.map(drop).unwrap(),
                }
            }
        } else {
            let (changes, result) =
                update_all(c, &[old], std::slice::from_ref(&new), &client_side());
            result.unwrap();
            assert_eq!(changes.updated, std::slice::from_ref(&new.reference));
        }
        results.push(c.get(&new.reference).unwrap().unwrap());
    }
    let replaced = results.pop().unwrap();
    (results.pop().unwrap(), replaced)
}

const DEPLOYMENT_V1: &str = "apiVersion: apps/v1
kind: Deployment
metadata:
  name: NAME
  namespace: NS
  labels: {app: web, old: label}
  annotations: {chart: v1}
spec:
  replicas: 1
  selector:
    matchLabels: {app: web, instance: web}
  strategy:
    type: RollingUpdate
    rollingUpdate: {maxSurge: 1}
  template:
    metadata:
      labels: {app: web, instance: web}
    spec:
      containers:
      - name: app
        image: nginx:1.19
        args: [--a, --b]
        env:
        - {name: A, value: '1'}
        - {name: B, value: '2'}
        ports:
        - {containerPort: 80, name: http}
        - {containerPort: 443, name: https}
        volumeMounts:
        - {name: data, mountPath: /data}
        - {name: cache, mountPath: /cache}
      - name: sidecar
        image: busybox:1
      volumes:
      - {name: data, emptyDir: {}}
      - {name: cache, emptyDir: {}}
";

const DEPLOYMENT_V2: &str = "apiVersion: apps/v1
kind: Deployment
metadata:
  name: NAME
  namespace: NS
  labels: {app: web, new: label}
  annotations: {chart: v2}
spec:
  replicas: 2
  selector:
    matchLabels: {app: web, instance: web}
  strategy:
    type: Recreate
  template:
    metadata:
      labels: {app: web, instance: web}
    spec:
      containers:
      - name: init-like
        image: busybox:2
      - name: app
        image: nginx:1.20
        args: [--a, --c]
        env:
        - {name: B, value: '3'}
        - {name: C, value: '4'}
        ports:
        - {containerPort: 80, name: web}
        - {containerPort: 8080, name: alt}
        volumeMounts:
        - {name: data, mountPath: /data}
        - {name: config, mountPath: /etc/config}
      volumes:
      - {name: data, configMap: {name: settings}}
      - {name: config, configMap: {name: settings}}
";

fn container<'a>(object: &'a mut Value, name: &str) -> &'a mut Value {
    object["spec"]["template"]["spec"]["containers"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .find(|c| c["name"] == json!(name))
        .unwrap()
}

fn deployment(client: &dyn KubeClient, ns: &str) {
    // Someone annotates the Deployment and injects an env var into the app container.
    // (A JSON patch, because the Deployment controller keeps writing the object.)
    let drift = |r: &ObjectRef| {
        let ops = json!([
            {"op": "add", "path": "/metadata/annotations/by-hand", "value": "yes"},
            {"op": "add", "path": "/spec/template/spec/containers/0/env/-",
             "value": {"name": "INJECTED", "value": "x"}},
        ]);
        client.patch(r, &ops, PatchKind::Json).unwrap();
    };
    let (mut patched, replaced) =
        patched_and_replaced(client, ns, "web", DEPLOYMENT_V1, DEPLOYMENT_V2, &drift);
    // The three-way merge keeps what was changed on the cluster and not by the chart...
    assert_eq!(patched["metadata"]["annotations"]["by-hand"], json!("yes"));
    let env = container(&mut patched, "app")["env"]
        .as_array_mut()
        .unwrap();
    let injected = env.iter().position(|e| e["name"] == json!("INJECTED"));
    env.remove(injected.expect("the injected variable survives"));
    patched["metadata"]["annotations"]
        .as_object_mut()
        .unwrap()
        .remove("by-hand");
    // ...and otherwise converges to what a replace stores. (The Deployment controller's
    // revision annotation is kept too, and a replace drops it until the controller writes it
    // again.)
    let annotations = |o: &Value| {
        let mut a = o["metadata"]["annotations"].as_object().unwrap().clone();
        a.remove("deployment.kubernetes.io/revision");
        a
    };
    assert_eq!(patched["spec"], replaced["spec"], "spec");
    assert_eq!(
        patched["metadata"]["labels"],
        replaced["metadata"]["labels"]
    );
    assert_eq!(annotations(&patched), annotations(&replaced));
    let names: Vec<&Value> = patched["spec"]["template"]["spec"]["containers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| &c["name"])
        .collect();
    assert_eq!(names, [&json!("init-like"), &json!("app")]);
    assert!(patched["spec"]["strategy"].get("rollingUpdate").is_none());
}

const SERVICE_V1: &str = "apiVersion: v1
kind: Service
metadata:
  name: NAME
  namespace: NS
spec:
  selector: {app: web}
  ports:
  - {name: http, port: 80, targetPort: 8080, protocol: TCP}
  - {name: https, port: 443, targetPort: 8443, protocol: TCP}
";

const SERVICE_V2: &str = "apiVersion: v1
kind: Service
metadata:
  name: NAME
  namespace: NS
spec:
  selector: {app: web, tier: front}
  ports:
  - {name: metrics, port: 9090, targetPort: 9090, protocol: TCP}
  - {name: http, port: 80, targetPort: 8081, protocol: TCP}
";

fn service(client: &dyn KubeClient, ns: &str) {
    let (mut patched, mut replaced) =
        patched_and_replaced(client, ns, "svc", SERVICE_V1, SERVICE_V2, &|_| {});
    // The cluster IP is the live object's in both; each Service has its own.
    for o in [&mut patched, &mut replaced] {
        let spec = o["spec"].as_object_mut().unwrap();
        spec.remove("clusterIP");
        spec.remove("clusterIPs");
    }
    assert_eq!(patched["spec"], replaced["spec"]);
}

fn config_map(client: &dyn KubeClient, ns: &str) {
    let v1 = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: NAME\n  namespace: NS\ndata:\n  a: '1'\n  b: '2'\n  c: '3'\n";
    let v2 = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: NAME\n  namespace: NS\n  labels: {x: z}\ndata:\n  a: '1'\n  b: '20'\n  d: '4'\n";
    let drift = |r: &ObjectRef| {
        client
            .patch(r, &json!({"data": {"manual": "kept"}}), PatchKind::Merge)
            .unwrap();
    };
    let (patched, replaced) = patched_and_replaced(client, ns, "cm", v1, v2, &drift);
    assert_eq!(
        patched["data"],
        json!({"a": "1", "b": "20", "d": "4", "manual": "kept"})
    );
    assert_eq!(replaced["data"], json!({"a": "1", "b": "20", "d": "4"}));
    assert_eq!(patched["metadata"]["labels"], json!({"x": "z"}));
}

fn no_change_sends_nothing(client: &dyn KubeClient, ns: &str) {
    for yaml in [DEPLOYMENT_V1, SERVICE_V1] {
        let v = object(client, yaml, "same", ns);
        let (_, created) = create_all(client, std::slice::from_ref(&v), &client_side().apply);
        created.unwrap();
        // Fields the server defaulted are not changes.
        let live = client.get(&v.reference).unwrap().unwrap();
        let (patch, kind) = rudder_kube::client_side_patch(&v.object, &v, &live, false).unwrap();
        assert_eq!((patch, kind), (json!({}), PatchKind::Strategic));
    }
    // The Service has no controller writing it: its resource version shows no write.
    let v = object(client, SERVICE_V1, "same", ns);
    let before = client.get(&v.reference).unwrap().unwrap();
    let (changes, result) = update_all(
        client,
        std::slice::from_ref(&v),
        std::slice::from_ref(&v),
        &client_side(),
    );
    result.unwrap();
    assert_eq!(changes.updated.len(), 1);
    let after = client.get(&v.reference).unwrap().unwrap();
    assert_eq!(
        before["metadata"]["resourceVersion"],
        after["metadata"]["resourceVersion"]
    );
}

/// A resource the old release did not have but the cluster does (adopted by an upgrade):
/// Helm takes the live object, server fields and all, as the original. The patch then
/// deletes every field the manifest lacks, `metadata.resourceVersion` included, which a
/// Deployment accepts; a Service refuses it (`metadata.resourceVersion: Invalid value: "":
/// must be specified for an update`), with Helm as with Rudder.
fn live_object_as_original(client: &dyn KubeClient, ns: &str) {
    {
        let (v1, v2) = (DEPLOYMENT_V1, DEPLOYMENT_V2);
        let old = object(client, v1, "adopted", ns);
        let new = object(client, v2, "adopted", ns);
        client.create(&old).unwrap();
        let (changes, result) = update_all(client, &[], std::slice::from_ref(&new), &client_side());
        result.unwrap();
        assert_eq!(changes.updated.len(), 1);
        let live = client.get(&new.reference).unwrap().unwrap();
        assert_eq!(live["spec"]["selector"], new.object["spec"]["selector"]);
        assert_eq!(
            live["metadata"]["uid"],
            client.get(&old.reference).unwrap().unwrap()["metadata"]["uid"]
        );
    }
}

fn custom_resources(client: &dyn KubeClient, ns: &str) {
    let group = format!("{ns}.rudder.example.com");
    let crd_yaml = |description: &str| {
        format!(
            "apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: gadgets.{group}
  labels: {{release: {description}}}
spec:
  group: {group}
  scope: Namespaced
  names: {{plural: gadgets, singular: gadget, kind: Gadget, listKind: GadgetList}}
  versions:
  - name: v1
    served: true
    storage: true
    schema:
      openAPIV3Schema:
        type: object
        description: {description}
        x-kubernetes-preserve-unknown-fields: true
"
        )
    };
    let crd1 = client.build(&crd_yaml("one")).unwrap();
    let crd2 = client.build(&crd_yaml("two")).unwrap();
    let (_, created) = create_all(client, &crd1, &client_side().apply);
    created.unwrap();
    client.wait(&crd1, &WaitOptions::default()).unwrap();
    // A CustomResourceDefinition is a built-in kind: a strategic merge patch.
    let (_, result) = update_all(client, &crd1, &crd2, &client_side());
    result.unwrap();
    let crd = client.get(&crd1[0].reference).unwrap().unwrap();
    assert_eq!(crd["metadata"]["labels"]["release"], json!("two"));
    assert_eq!(
        crd["spec"]["versions"][0]["schema"]["openAPIV3Schema"]["description"],
        json!("two")
    );

    // Discovery may lag behind Established for a moment on a real server.
    let gadget = |size: u32, extra: &str| {
        let yaml = format!(
            "apiVersion: {group}/v1\nkind: Gadget\nmetadata:\n  name: g\n  namespace: {ns}\nspec:\n  size: {size}\n{extra}"
        );
        for _ in 0..40 {
            if let Ok(mut rs) = client.build(&yaml) {
                return rs.remove(0);
            }
            std::thread::sleep(Duration::from_millis(250));
        }
        panic!("Gadget never served");
    };
    let v1 = gadget(1, "  colour: red\n");
    let v2 = gadget(2, "");
    let (_, created) = create_all(client, std::slice::from_ref(&v1), &client_side().apply);
    created.unwrap();
    client
        .patch(
            &v1.reference,
            &json!({"spec": {"owner": "someone"}}),
            PatchKind::Merge,
        )
        .unwrap();
    // Custom resources get a JSON merge patch from the old manifest to the new one.
    let (_, result) = update_all(
        client,
        std::slice::from_ref(&v1),
        std::slice::from_ref(&v2),
        &client_side(),
    );
    result.unwrap();
    let live = client.get(&v1.reference).unwrap().unwrap();
    assert_eq!(live["spec"], json!({"size": 2, "owner": "someone"}));

    // With the live object as a third document (install --take-ownership), fields changed
    // on the cluster are brought back to the manifest's values.
    client
        .patch(
            &v1.reference,
            &json!({"spec": {"size": 5}}),
            PatchKind::Merge,
        )
        .unwrap();
    let two_way = client_side();
    let (_, result) = update_all(
        client,
        std::slice::from_ref(&v2),
        std::slice::from_ref(&v2),
        &two_way,
    );
    result.unwrap();
    assert_eq!(
        client.get(&v1.reference).unwrap().unwrap()["spec"]["size"],
        json!(5)
    );
    let three_way = UpdateOptions {
        three_way_merge_for_unstructured: true,
        ..client_side()
    };
    let (_, result) = update_all(
        client,
        std::slice::from_ref(&v2),
        std::slice::from_ref(&v2),
        &three_way,
    );
    result.unwrap();
    assert_eq!(
        client.get(&v1.reference).unwrap().unwrap()["spec"],
        json!({"size": 2, "owner": "someone"})
    );
    // The API server refuses strategic merge patches for custom resources.
    let err = client
        .patch(&v1.reference, &json!({"spec": {}}), PatchKind::Strategic)
        .unwrap_err();
    assert!(matches!(err, Error::Api { code: 415, .. }), "{err:?}");
    client
        .delete(&crd1[0].reference, Propagation::Background)
        .unwrap();
}

fn server_side_conflicts(client: &dyn KubeClient, ns: &str) {
    let cm = |data: &str| {
        object(
            client,
            &format!(
                "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: NAME\n  namespace: NS\ndata: {data}\n"
            ),
            "owned",
            ns,
        )
    };
    let kubectl = ApplyOptions {
        field_manager: "kubectl".to_owned(),
        ..ApplyOptions::default()
    };
    client.apply(&cm("{a: '1'}"), &kubectl).unwrap();
    let helm = cm("{a: '2'}");
    let (_, result) = update_all(
        client,
        std::slice::from_ref(&helm),
        std::slice::from_ref(&helm),
        &UpdateOptions::default(),
    );
    let err = result.unwrap_err();
    assert_eq!(
        rudder_kube::chain(&err),
        format!(
            "conflict occurred while applying object {ns}/owned /v1, Kind=ConfigMap: Apply failed with 1 conflict: conflict with \"kubectl\": .data.a"
        )
    );
    let force = UpdateOptions {
        apply: ApplyOptions {
            force_conflicts: true,
            ..ApplyOptions::default()
        },
        ..UpdateOptions::default()
    };
    let (_, result) = update_all(
        client,
        std::slice::from_ref(&helm),
        std::slice::from_ref(&helm),
        &force,
    );
    result.unwrap();
    assert_eq!(
        client.get(&helm.reference).unwrap().unwrap()["data"]["a"],
        json!("2")
    );
}

/// A release made with client-side apply, then upgraded server-side: Helm 4 first moves
/// its own `Update` entries into its `Apply` entry (client-go's csaupgrade), so the apply
/// neither conflicts with Helm's earlier updates nor leaves the fields they set.
fn client_side_then_server_side(client: &dyn KubeClient, ns: &str) {
    let cm = |data: &str| {
        object(
            client,
            &format!(
                "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: NAME\n  namespace: NS\ndata: {data}\n"
            ),
            "moved",
            ns,
        )
    };
    let (v1, v2, v3) = (
        cm("{a: '1', b: '1'}"),
        cm("{a: '2', b: '1'}"),
        cm("{a: '3'}"),
    );
    let (_, created) = create_all(client, std::slice::from_ref(&v1), &client_side().apply);
    created.unwrap();
    let (_, result) = update_all(
        client,
        std::slice::from_ref(&v1),
        std::slice::from_ref(&v2),
        &client_side(),
    );
    result.unwrap();
    // Without the upgrade, helm's apply meets helm's own client-side updates.
    let (_, result) = update_all(
        client,
        std::slice::from_ref(&v2),
        std::slice::from_ref(&v3),
        &UpdateOptions::default(),
    );
    let err = result.unwrap_err();
    assert!(
        rudder_kube::chain(&err).contains("conflict with \"helm\" using v1"),
        "{err}"
    );
    let upgrade = UpdateOptions {
        upgrade_client_side_field_manager: true,
        ..UpdateOptions::default()
    };
    let (_, result) = update_all(
        client,
        std::slice::from_ref(&v2),
        std::slice::from_ref(&v3),
        &upgrade,
    );
    result.unwrap();
    let live = client.get(&v3.reference).unwrap().unwrap();
    assert_eq!(live["data"], json!({"a": "3"}));
    // Nothing is left to move.
    assert!(
        !client
            .upgrade_managed_fields(&v3.reference, "helm")
            .unwrap()
    );
}

/// A small deterministic generator of distinct names with values.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % n
    }

    fn pairs(&mut self) -> Vec<(String, String)> {
        let mut names: Vec<String> = ["A", "B", "C", "D", "E"]
            .iter()
            .filter(|_| self.next(2) == 0)
            .map(|n| (*n).to_owned())
            .collect();
        for i in (1..names.len()).rev() {
            let j = usize::try_from(self.next(i as u64 + 1)).unwrap();
            names.swap(i, j);
        }
        names
            .into_iter()
            .map(|n| (n, self.next(3).to_string()))
            .collect()
    }
}

/// What decoding into the Go type keeps of a merged object: no nulls, no directives that a
/// new list item carried in.
fn decoded(value: Value) -> Value {
    match value {
        Value::Object(m) => Value::Object(
            m.into_iter()
                .filter(|(k, v)| !v.is_null() && !k.starts_with('$'))
                .map(|(k, v)| (k, decoded(v)))
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.into_iter().map(decoded).collect()),
        v => v,
    }
}

/// Generated three-way patches on a PodTemplate (no controller writes it): the object the
/// server stores after our patch is the one our own strategic merge computes, list order
/// included, and it holds what the new manifest says.
fn generated_patches(client: &dyn KubeClient, ns: &str) {
    type Pairs = Vec<(String, String)>;
    let template = |(env, labels, volumes): &(Pairs, Pairs, Pairs)| {
        let env: Vec<Value> = env
            .iter()
            .map(|(n, v)| json!({"name": n, "value": v}))
            .collect();
        let labels: serde_json::Map<String, Value> =
            labels.iter().map(|(k, v)| (k.clone(), json!(v))).collect();
        // A volume's source is one of three, and `$retainKeys` must drop the others.
        let volumes: Vec<Value> = volumes
            .iter()
            .map(|(n, v)| {
                let name = format!("v{}", n.to_lowercase());
                match v.as_str() {
                    "0" => json!({"name": name, "emptyDir": {}}),
                    "1" => json!({"name": name, "configMap": {"name": "c"}}),
                    _ => json!({"name": name, "secret": {"secretName": "s"}}),
                }
            })
            .collect();
        json!({"apiVersion": "v1", "kind": "PodTemplate",
            "metadata": {"name": "t", "namespace": ns},
            "template": {"metadata": {"labels": labels},
                "spec": {"containers": [{"name": "app", "image": "busybox", "env": env}],
                    "volumes": volumes}}})
    };
    let schema = rudder_kube::merge::Schema::builtin()
        .kind("v1", "PodTemplate")
        .unwrap();
    let reference = ObjectRef::new("v1", "PodTemplate", Some(ns), "t");
    let mut rng = Lcg(11);
    for case in 0..80 {
        let [o, m, mut c] = [(); 3].map(|()| (rng.pairs(), rng.pairs(), rng.pairs()));
        // The live lists are never empty: a v1.20 API server still applies a patch to a
        // missing list without removing `$patch` directives (apimachinery fixed that later
        // with removeDirectives), which is the server's behaviour, not the patch's.
        for list in [&mut c.0, &mut c.1, &mut c.2] {
            list.push(("Z".to_owned(), "0".to_owned()));
        }
        let me = m.0.clone();
        client.delete(&reference, Propagation::Background).unwrap();
        for _ in 0..100 {
            if client.get(&reference).unwrap().is_none() {
                break;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let current = client.resource(template(&c)).unwrap();
        let live = client.create(&current).unwrap();
        let (original, modified) = (template(&o), template(&m));
        let patch =
            rudder_kube::merge::three_way_merge_patch(&original, &modified, &live, schema).unwrap();
        let ours = decoded(rudder_kube::merge::strategic_merge(&live, &patch, schema).unwrap());
        let stored = client
            .patch(&reference, &patch, PatchKind::Strategic)
            .unwrap();
        let view = |o: &Value| {
            let mut volumes = o["template"]["spec"]["volumes"].clone();
            // The server defaults a new source's mode after the merge.
            for v in volumes.as_array_mut().into_iter().flatten() {
                for source in ["configMap", "secret"] {
                    if let Some(s) = v.get_mut(source).and_then(Value::as_object_mut) {
                        s.remove("defaultMode");
                    }
                }
            }
            (
                o["template"]["metadata"]["labels"].clone(),
                o["template"]["spec"]["containers"][0]["env"].clone(),
                volumes,
            )
        };
        let normalized = |(labels, env, volumes): (Value, Value, Value)| {
            // The server omits an empty map or list.
            let empty = |v: &Value| v.is_null() || v == &json!({}) || v == &json!([]);
            let or_null = |v: Value| if empty(&v) { Value::Null } else { v };
            (or_null(labels), or_null(env), or_null(volumes))
        };
        assert_eq!(
            normalized(view(&stored)),
            normalized(view(&ours)),
            "case {case}: patch {patch} on {live}"
        );
        let env = view(&stored).1;
        let names: Vec<&str> = env
            .as_array()
            .map(|a| a.iter().filter_map(|e| e["name"].as_str()).collect())
            .unwrap_or_default();
        let wanted: Vec<&str> = me.iter().map(|(n, _)| n.as_str()).collect();
        let kept: Vec<&str> = names
            .iter()
            .copied()
            .filter(|n| wanted.contains(n))
            .collect();
        assert_eq!(kept, wanted, "case {case}: manifest order, patch {patch}");
    }
}

/// A changed field that the kind's Go type lacks fails the patch in apimachinery's words,
/// under Helm's `failed to create patch`; an unchanged one is ignored.
fn unknown_field(client: &dyn KubeClient, ns: &str) {
    let cm = |bogus: &str| {
        object(
            client,
            &format!(
                "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: NAME\n  namespace: NS\ndata: {{a: '1'}}\nbogus: {{x: '{bogus}'}}\n"
            ),
            "odd",
            ns,
        )
    };
    let (v1, v2) = (cm("1"), cm("2"));
    let (_, created) = create_all(client, std::slice::from_ref(&v1), &client_side().apply);
    created.unwrap();
    let (_, same) = update_all(
        client,
        std::slice::from_ref(&v1),
        std::slice::from_ref(&v1),
        &client_side(),
    );
    same.unwrap();
    let (changes, result) = update_all(
        client,
        std::slice::from_ref(&v1),
        std::slice::from_ref(&v2),
        &client_side(),
    );
    assert_eq!(changes.updated.len(), 1);
    assert_eq!(
        rudder_kube::chain(&result.unwrap_err()),
        "failed to create patch: unable to find api field in struct ConfigMap for the json field \"bogus\""
    );
}
