//! The objects the Secret and ConfigMap drivers write: Helm's format for releases that fit,
//! the split form of `rudder_storage::parts` for larger ones, and Helm's errors. Each scenario
//! runs on the in-memory cluster always and on the real cluster when `KUBECONFIG` is set.

mod support;

use std::collections::BTreeMap;
use std::sync::Arc;

use base64::Engine as _;
use rudder_kube::{KubeClient, ObjectRef, chain};
use rudder_kube_memory::MemoryCluster;
use rudder_release::{Release, Status};
use rudder_storage::parts::{DIGEST_KEY, PART_LABEL, PART_SIZE, PARTS_KEY, RECORD_LIMIT};
use rudder_storage::{ConfigMaps, Driver, Error, Secrets, Storage, make_key};
use serde_json::{Value, json};
use support::{Cleanup, clock, real_cluster, real_namespace};

type Scenario = fn(&Arc<dyn KubeClient>, &str);

const SCENARIOS: &[(&str, Scenario)] = &[
    (
        "small_records_are_helms_format",
        small_records_are_helms_format,
    ),
    ("records_helm_wrote_are_read", records_helm_wrote_are_read),
    ("large_records_are_split", large_records_are_split),
    (
        "interrupted_writes_leave_history_readable",
        interrupted_writes_leave_history_readable,
    ),
    ("errors_are_helms", errors_are_helms),
];

#[test]
fn scenarios_on_memory_cluster() {
    for (_, scenario) in SCENARIOS {
        let kube: Arc<dyn KubeClient> = Arc::new(MemoryCluster::new());
        scenario(&kube, "default");
    }
}

#[test]
#[expect(clippy::print_stderr, reason = "a skipped variant says so")]
fn scenarios_on_real_cluster() {
    let Some(kube) = real_cluster() else {
        eprintln!(
            "scenarios_on_real_cluster: not run, KUBECONFIG is not set (tests/cluster/cluster up)"
        );
        return;
    };
    for (name, scenario) in SCENARIOS {
        let ns = real_namespace(&kube, name);
        let _cleanup = Cleanup::Namespace(kube.clone(), ns.clone());
        scenario(&kube, &ns);
    }
}

fn rel(name: &str, version: i64, status: Status, ns: &str) -> Release {
    let mut r = Release {
        name: name.to_owned(),
        version,
        namespace: ns.to_owned(),
        manifest: format!("# {name} v{version}\n"),
        ..Release::default()
    };
    r.set_status(status, "test");
    r
}

/// A release whose encoded record is over 3 MiB (see drivers.rs).
fn large(name: &str, version: i64, ns: &str, seed: u64) -> Release {
    let r = sized(name, version, ns, seed, 4 << 20);
    assert!(r.encode().unwrap().len() > 3 << 20);
    r
}

/// A release whose manifest is `bytes` of text gzip hardly shrinks.
fn sized(name: &str, version: i64, ns: &str, seed: u64, bytes: usize) -> Release {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    let mut x = seed | 1;
    let mut noise = String::new();
    for i in 0..bytes {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        noise.push(char::from(ALPHABET[(x % 62) as usize]));
        if i % 60 == 59 {
            noise.push('\n');
        }
    }
    let mut r = rel(name, version, Status::Deployed, ns);
    r.manifest = noise;
    r
}

fn secret(kube: &Arc<dyn KubeClient>, ns: &str, name: &str) -> Option<Value> {
    kube.get(&ObjectRef::new("v1", "Secret", Some(ns), name))
        .unwrap()
}

fn string_map(v: &Value) -> BTreeMap<String, String> {
    v.as_object()
        .map(|m| {
            m.iter()
                .map(|(k, v)| (k.clone(), v.as_str().unwrap_or_default().to_owned()))
                .collect()
        })
        .unwrap_or_default()
}

fn unbase64(v: &Value) -> String {
    String::from_utf8(
        base64::engine::general_purpose::STANDARD
            .decode(v.as_str().unwrap())
            .unwrap(),
    )
    .unwrap()
}

fn pairs(p: &[(&str, &str)]) -> BTreeMap<String, String> {
    p.iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect()
}

/// Every Secret or ConfigMap in `ns` with its decoded data size.
fn sizes(kube: &Arc<dyn KubeClient>, kind: &str, ns: &str) -> Vec<(String, usize)> {
    let mut out: Vec<(String, usize)> = kube
        .list("v1", kind, Some(ns), "")
        .unwrap()
        .iter()
        .filter(|o| {
            o["metadata"]["name"]
                .as_str()
                .unwrap()
                .starts_with("sh.helm.")
        })
        .map(|o| {
            let data = o["data"].as_object().unwrap();
            let size = data
                .values()
                .map(|v| {
                    if kind == "Secret" {
                        unbase64(v).len()
                    } else {
                        v.as_str().unwrap().len()
                    }
                })
                .sum();
            (o["metadata"]["name"].as_str().unwrap().to_owned(), size)
        })
        .collect();
    out.sort();
    out
}

fn small_records_are_helms_format(kube: &Arc<dyn KubeClient>, ns: &str) {
    let driver = Secrets::new(kube.clone(), ns, clock());
    let mut r = rel("web", 1, Status::PendingInstall, ns);
    r.labels = pairs(&[("team", "a")]);
    let key = make_key("web", 1);
    driver.create(&key, &r).unwrap();
    let object = secret(kube, ns, &key).unwrap();
    assert_eq!(object["type"], json!("helm.sh/release.v1"));
    assert_eq!(
        string_map(&object["metadata"]["labels"]),
        pairs(&[
            ("createdAt", "1700000000"),
            ("name", "web"),
            ("owner", "helm"),
            ("status", "pending-install"),
            ("team", "a"),
            ("version", "1"),
        ])
    );
    let data = object["data"].as_object().unwrap();
    assert_eq!(data.keys().collect::<Vec<_>>(), ["release"]);
    assert_eq!(unbase64(&data["release"]), r.encode().unwrap());

    // An update stamps modifiedAt and, as in Helm, loses createdAt.
    r.set_status(Status::Deployed, "Install complete");
    driver.update(&key, &r).unwrap();
    let labels = string_map(&secret(kube, ns, &key).unwrap()["metadata"]["labels"]);
    assert_eq!(
        labels.get("modifiedAt").map(String::as_str),
        Some("1700000000")
    );
    assert!(!labels.contains_key("createdAt"));
    assert_eq!(labels["status"], "deployed");

    let cms = ConfigMaps::new(kube.clone(), ns, clock());
    cms.create(&key, &r).unwrap();
    let object = kube
        .get(&ObjectRef::new("v1", "ConfigMap", Some(ns), &key))
        .unwrap()
        .unwrap();
    assert!(object.get("type").is_none());
    assert_eq!(object["data"]["release"], json!(r.encode().unwrap()));
    assert_eq!(string_map(&object["metadata"]["labels"]).len(), 6);
}

fn records_helm_wrote_are_read(kube: &Arc<dyn KubeClient>, ns: &str) {
    // A Secret laid out as Helm's newSecretsObject lays it out.
    let r = rel("made-by-helm", 3, Status::Deployed, ns);
    let object = json!({
        "apiVersion": "v1",
        "kind": "Secret",
        "metadata": {
            "name": "sh.helm.release.v1.made-by-helm.v3",
            "namespace": ns,
            "labels": {"modifiedAt": "1", "name": "made-by-helm", "owner": "helm",
                       "status": "deployed", "version": "3", "team": "b"},
        },
        "type": "helm.sh/release.v1",
        "data": {"release": base64::engine::general_purpose::STANDARD.encode(r.encode().unwrap())},
    });
    kube.create(&kube.resource(object).unwrap()).unwrap();
    let storage = Storage::new(Secrets::new(kube.clone(), ns, clock()));
    let got = storage.get("made-by-helm", 3).unwrap();
    assert_eq!(got.manifest, r.manifest);
    assert_eq!(got.labels, pairs(&[("team", "b")]));
    let listed = storage.list_releases().unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].labels.len(), 6);
    assert_eq!(storage.deployed("made-by-helm").unwrap().version, 3);
    // A record that does not decode is skipped by list and fails get as Helm's does.
    let broken = json!({
        "apiVersion": "v1", "kind": "Secret",
        "metadata": {"name": "sh.helm.release.v1.broken.v1", "namespace": ns,
                     "labels": {"name": "broken", "owner": "helm", "status": "deployed", "version": "1"}},
        "type": "helm.sh/release.v1",
        "data": {"release": base64::engine::general_purpose::STANDARD.encode("%%")},
    });
    kube.create(&kube.resource(broken).unwrap()).unwrap();
    assert_eq!(storage.list_releases().unwrap().len(), 1);
    assert_eq!(
        storage.get("broken", 1).unwrap_err().to_string(),
        "get: failed to decode data \"sh.helm.release.v1.broken.v1\": illegal base64 data at input byte 0"
    );
}

fn large_records_are_split(kube: &Arc<dyn KubeClient>, ns: &str) {
    for kind in ["Secret", "ConfigMap"] {
        let driver: Box<dyn Driver> = if kind == "Secret" {
            Box::new(Secrets::new(kube.clone(), ns, clock()))
        } else {
            Box::new(ConfigMaps::new(kube.clone(), ns, clock()))
        };
        let storage = Storage::from_boxed(driver);
        let big = large("big", 1, ns, 1);
        storage.create(&big).unwrap();
        let count = big.encode().unwrap().len().div_ceil(PART_SIZE);
        assert!(count >= 4);
        let objects = sizes(kube, kind, ns);
        assert_eq!(objects.len(), count, "{objects:?}");
        assert!(
            objects.iter().all(|(_, size)| *size <= RECORD_LIMIT),
            "{objects:?}"
        );
        let head = kube
            .get(&ObjectRef::new("v1", kind, Some(ns), &make_key("big", 1)))
            .unwrap()
            .unwrap();
        // The head carries Helm's labels and nothing else.
        assert_eq!(
            string_map(&head["metadata"]["labels"]),
            pairs(&[
                ("createdAt", "1700000000"),
                ("name", "big"),
                ("owner", "helm"),
                ("status", "deployed"),
                ("version", "1"),
            ])
        );
        let data = head["data"].as_object().unwrap();
        let mut keys: Vec<&String> = data.keys().collect();
        keys.sort();
        assert_eq!(keys, ["release", DIGEST_KEY, PARTS_KEY]);
        // What Helm would decode is a truncated stream: it fails rather than misreads.
        let piece = if kind == "Secret" {
            unbase64(&data["release"])
        } else {
            data["release"].as_str().unwrap().to_owned()
        };
        assert!(Release::decode(&piece).is_err());
        // Parts are not releases: listing sees one.
        assert_eq!(storage.list_releases().unwrap().len(), 1);
        assert_eq!(storage.get("big", 1).unwrap().manifest, big.manifest);

        // New contents get new parts and the old ones go.
        let before: Vec<String> = objects.into_iter().map(|(n, _)| n).collect();
        storage.update(&large("big", 1, ns, 2)).unwrap();
        let after: Vec<String> = sizes(kube, kind, ns).into_iter().map(|(n, _)| n).collect();
        assert_eq!(after.len(), count);
        assert_eq!(
            before.iter().filter(|n| after.contains(n)).count(),
            1,
            "only the head keeps its name: {before:?} {after:?}"
        );
        storage.delete("big", 1).unwrap();
        assert!(sizes(kube, kind, ns).is_empty());
    }
}

fn interrupted_writes_leave_history_readable(kube: &Arc<dyn KubeClient>, ns: &str) {
    let storage = Storage::new(Secrets::new(kube.clone(), ns, clock()));
    let big = large("big", 1, ns, 3);
    storage.create(&big).unwrap();
    // A write that stopped after its parts: parts of another digest nobody points at.
    let orphan = json!({
        "apiVersion": "v1", "kind": "Secret",
        "metadata": {"name": "sh.helm.release.v1.big.v1.0123456789abcdef.part2", "namespace": ns,
                     "labels": {PART_LABEL: "0123456789abcdef",
                                "rudder.sh/release-name": "big", "rudder.sh/release-version": "1"}},
        "type": "rudder.sh/release-part.v1",
        "data": {"part": base64::engine::general_purpose::STANDARD.encode("AAAA")},
    });
    kube.create(&kube.resource(orphan).unwrap()).unwrap();
    assert_eq!(storage.get("big", 1).unwrap().manifest, big.manifest);
    assert_eq!(storage.history("big").unwrap().len(), 1);
    // A head whose part is gone cannot be read; list skips it, get says why.
    let head = secret(kube, ns, &make_key("big", 1)).unwrap();
    let digest = unbase64(&head["data"][DIGEST_KEY]);
    kube.delete(
        &ObjectRef::new(
            "v1",
            "Secret",
            Some(ns),
            &format!("sh.helm.release.v1.big.v1.{digest}.part3"),
        ),
        rudder_kube::Propagation::Background,
    )
    .unwrap();
    assert!(storage.list_releases().unwrap().is_empty());
    let err = storage.get("big", 1).unwrap_err();
    assert!(matches!(err, Error::Parts { .. }), "{err:?}");
    assert_eq!(
        err.to_string(),
        format!(
            "get: failed to read the parts of \"sh.helm.release.v1.big.v1\": part sh.helm.release.v1.big.v1.{digest}.part3 is missing"
        )
    );
    // Rewriting the revision repairs it and removes every stale part.
    storage.update(&big).unwrap();
    assert_eq!(storage.get("big", 1).unwrap().manifest, big.manifest);
    let count = big.encode().unwrap().len().div_ceil(PART_SIZE);
    assert_eq!(sizes(kube, "Secret", ns).len(), count);
}

fn errors_are_helms(kube: &Arc<dyn KubeClient>, ns: &str) {
    let secrets = Secrets::new(kube.clone(), ns, clock());
    let err = secrets
        .query(&pairs(&[("name", "-bad")]))
        .unwrap_err()
        .to_string();
    assert!(
        err.starts_with("invalid label value: \"-bad\": a valid label must be"),
        "{err}"
    );
    assert!(matches!(
        secrets.query(&pairs(&[("name", "none")])),
        Err(Error::ReleaseNotFound)
    ));
    assert!(matches!(
        secrets.delete(&make_key("none", 1)),
        Err(Error::ReleaseNotFound)
    ));
    // Writing into a namespace that does not exist: the Secret driver adds Helm's words, the
    // ConfigMap driver passes the API error on.
    let missing = "rudder-no-such-namespace";
    let r = rel("web", 1, Status::Deployed, missing);
    let err = Secrets::new(kube.clone(), missing, clock())
        .create(&make_key("web", 1), &r)
        .unwrap_err();
    assert!(matches!(err, Error::Kube { .. }), "{err:?}");
    assert_eq!(
        chain(&err),
        "create: failed to create: namespaces \"rudder-no-such-namespace\" not found"
    );
    let err = ConfigMaps::new(kube.clone(), missing, clock())
        .update(&make_key("web", 1), &r)
        .unwrap_err();
    assert!(matches!(err, Error::Cluster(_)), "{err:?}");
    let err = Secrets::new(kube.clone(), ns, clock())
        .update(&make_key("web", 9), &rel("web", 9, Status::Deployed, ns))
        .unwrap_err();
    assert_eq!(
        chain(&err),
        "update: failed to update: secrets \"sh.helm.release.v1.web.v9\" not found"
    );
}

/// A client over the memory cluster whose writes fail once `budget` of them have been made,
/// as if the API server went away in the middle of a driver operation.
struct Failing {
    inner: MemoryCluster,
    budget: std::sync::atomic::AtomicUsize,
}

impl Failing {
    fn spend(&self) -> rudder_kube::Result<()> {
        use std::sync::atomic::Ordering;
        let left = self.budget.load(Ordering::SeqCst);
        if left == 0 {
            return Err(rudder_kube::Error::Transport {
                source: "connection refused".into(),
            });
        }
        self.budget.store(left - 1, Ordering::SeqCst);
        Ok(())
    }
}

impl KubeClient for Failing {
    fn namespace(&self) -> &str {
        self.inner.namespace()
    }
    fn server_version(&self) -> rudder_kube::Result<rudder_kube::ServerVersion> {
        self.inner.server_version()
    }
    fn api_versions(&self) -> rudder_kube::Result<Vec<String>> {
        self.inner.api_versions()
    }
    fn pod_logs(&self, ns: &str, pod: &str, c: Option<&str>) -> rudder_kube::Result<String> {
        self.inner.pod_logs(ns, pod, c)
    }
    fn is_namespaced(&self, api_version: &str, kind: &str) -> rudder_kube::Result<bool> {
        self.inner.is_namespaced(api_version, kind)
    }
    fn get(&self, r: &ObjectRef) -> rudder_kube::Result<Option<Value>> {
        self.inner.get(r)
    }
    fn list(
        &self,
        api_version: &str,
        kind: &str,
        namespace: Option<&str>,
        selector: &str,
    ) -> rudder_kube::Result<Vec<Value>> {
        self.inner.list(api_version, kind, namespace, selector)
    }
    fn create(&self, r: &rudder_kube::Resource) -> rudder_kube::Result<Value> {
        self.spend()?;
        self.inner.create(r)
    }
    fn update(&self, r: &rudder_kube::Resource) -> rudder_kube::Result<Value> {
        self.spend()?;
        self.inner.update(r)
    }
    fn apply(
        &self,
        r: &rudder_kube::Resource,
        o: &rudder_kube::ApplyOptions,
    ) -> rudder_kube::Result<Value> {
        self.spend()?;
        self.inner.apply(r, o)
    }
    fn patch(
        &self,
        r: &ObjectRef,
        patch: &Value,
        kind: rudder_kube::PatchKind,
    ) -> rudder_kube::Result<Value> {
        self.spend()?;
        self.inner.patch(r, patch, kind)
    }
    fn delete(&self, r: &ObjectRef, p: rudder_kube::Propagation) -> rudder_kube::Result<bool> {
        self.spend()?;
        self.inner.delete(r, p)
    }
}

/// Stops every write of a split release after each possible number of API writes: the
/// revision always reads back whole, as before or as after the write, and a retry succeeds.
#[test]
fn a_write_stopped_at_any_point_leaves_a_readable_revision() {
    // Three pieces each: enough to stop between pieces, and quick.
    let old = sized("big", 1, "default", 11, 5 << 19);
    let new = sized("big", 1, "default", 12, 5 << 19);
    assert_eq!(new.encode().unwrap().len().div_ceil(PART_SIZE), 3);
    let mut stopped_at = Vec::new();
    for budget in 0.. {
        let kube = Arc::new(Failing {
            inner: MemoryCluster::new(),
            budget: std::sync::atomic::AtomicUsize::new(usize::MAX),
        });
        let client: Arc<dyn KubeClient> = kube.clone();
        let storage = Storage::new(Secrets::new(client, "default", clock()));
        storage.create(&old).unwrap();
        kube.budget
            .store(budget, std::sync::atomic::Ordering::SeqCst);
        let result = storage.update(&new);
        let got = storage.get("big", 1).unwrap();
        assert!(
            got.manifest == old.manifest || got.manifest == new.manifest,
            "stopped after {budget} writes: the revision reads as neither version"
        );
        assert_eq!(storage.history("big").unwrap().len(), 1);
        if result.is_ok() {
            assert_eq!(got.manifest, new.manifest);
            break;
        }
        stopped_at.push(budget);
        kube.budget
            .store(usize::MAX, std::sync::atomic::Ordering::SeqCst);
        storage.update(&new).unwrap();
        assert_eq!(storage.get("big", 1).unwrap().manifest, new.manifest);
        // Nothing is left over after the retry.
        let objects = kube
            .inner
            .list("v1", "Secret", Some("default"), "")
            .unwrap();
        assert_eq!(
            objects.len(),
            new.encode().unwrap().len().div_ceil(PART_SIZE),
            "after stopping at {budget}"
        );
    }
    // Parts, head, then the old parts: every step was interrupted once.
    assert_eq!(
        stopped_at,
        [0, 1, 2, 3, 4],
        "two parts, the head, two old parts"
    );
}
