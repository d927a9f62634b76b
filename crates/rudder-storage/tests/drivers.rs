//! One storage test suite, run on every driver (`driver_suite!` below): the memory driver,
//! the Secret and ConfigMap drivers on the in-memory cluster always and on a real cluster when
//! `KUBECONFIG` is set (tests/cluster/cluster up), and the SQL driver when
//! `RUDDER_TEST_POSTGRES` is set (scripts/postgres up). A variant whose variable is unset says
//! so and passes. The Storage cases follow Helm's `pkg/storage/storage_test.go`.

mod support;

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;

use rudder_kube::KubeClient;
use rudder_kube_memory::MemoryCluster;
use rudder_release::{Release, Status};
use rudder_storage::{Driver, DriverKind, Error, Memory, Storage, make_key, open};
use support::{Cleanup, clock, postgres_database, real_cluster, real_namespace};

/// A driver under test and whatever must be removed after it (dropped in this order).
struct Fixture {
    storage: Storage,
    _cleanup: Option<Cleanup>,
}

#[expect(clippy::print_stderr, reason = "a skipped variant says so")]
fn skipped(case: &str, variable: &str, how: &str) -> Option<Fixture> {
    eprintln!("{case}: not run, {variable} is not set ({how})");
    None
}

#[expect(
    clippy::unnecessary_wraps,
    reason = "every driver maker has one signature"
)]
fn memory(_case: &str) -> Option<Fixture> {
    Some(Fixture {
        storage: Storage::new(Memory::new()),
        _cleanup: None,
    })
}

#[expect(
    clippy::unnecessary_wraps,
    reason = "every driver maker has one signature"
)]
fn on_memory_cluster(kind: DriverKind) -> Option<Fixture> {
    let kube: Arc<dyn KubeClient> = Arc::new(MemoryCluster::new());
    Some(Fixture {
        storage: Storage::from_boxed(open(kind, kube, "default", None, clock()).unwrap()),
        _cleanup: None,
    })
}

fn on_real_cluster(kind: DriverKind, case: &str) -> Option<Fixture> {
    let Some(kube) = real_cluster() else {
        return skipped(case, "KUBECONFIG", "tests/cluster/cluster up");
    };
    let ns = real_namespace(&kube, case);
    Some(Fixture {
        storage: Storage::from_boxed(open(kind, kube.clone(), &ns, None, clock()).unwrap()),
        _cleanup: Some(Cleanup::Namespace(kube, ns)),
    })
}

fn secret_memory_cluster(_case: &str) -> Option<Fixture> {
    on_memory_cluster(DriverKind::Secret)
}

fn configmap_memory_cluster(_case: &str) -> Option<Fixture> {
    on_memory_cluster(DriverKind::ConfigMap)
}

fn secret_real_cluster(case: &str) -> Option<Fixture> {
    on_real_cluster(DriverKind::Secret, case)
}

fn configmap_real_cluster(case: &str) -> Option<Fixture> {
    on_real_cluster(DriverKind::ConfigMap, case)
}

fn sql(case: &str) -> Option<Fixture> {
    let Some((url, cleanup)) = postgres_database(case) else {
        return skipped(case, "RUDDER_TEST_POSTGRES", "scripts/postgres up");
    };
    let kube: Arc<dyn KubeClient> = Arc::new(MemoryCluster::new());
    Some(Fixture {
        storage: Storage::from_boxed(
            open(DriverKind::Sql, kube, "default", Some(&url), clock()).unwrap(),
        ),
        _cleanup: Some(cleanup),
    })
}

fn rel(name: &str, version: i64, status: Status) -> Release {
    let mut r = Release {
        name: name.to_owned(),
        version,
        namespace: "default".to_owned(),
        manifest: format!("# {name} v{version}\n"),
        ..Release::default()
    };
    r.set_status(status, "test");
    r
}

fn labels(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
    pairs
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect()
}

fn versions(mut releases: Vec<Release>) -> Vec<i64> {
    releases.sort_by_key(|r| r.version);
    releases.into_iter().map(|r| r.version).collect()
}

/// The cases, each taking a fresh driver.
mod cases {
    use super::*;

    pub fn create_then_get(s: &mut Storage) {
        let d = s.driver();
        let r = rel("web", 1, Status::Deployed);
        d.create(&make_key("web", 1), &r).unwrap();
        let got = d.get(&make_key("web", 1)).unwrap();
        assert_eq!(got.name, "web");
        assert_eq!(got.version, 1);
        assert_eq!(got.manifest, "# web v1\n");
        assert_eq!(got.info.status, Some(Status::Deployed));
        assert!(matches!(
            d.create(&make_key("web", 1), &r),
            Err(Error::ReleaseExists)
        ));
    }

    pub fn get_missing(s: &mut Storage) {
        let d = s.driver();
        let err = d.get(&make_key("nope", 1)).unwrap_err();
        assert!(matches!(err, Error::ReleaseNotFound), "{err}");
        assert_eq!(err.to_string(), "release: not found");
    }

    pub fn update_replaces(s: &mut Storage) {
        let d = s.driver();
        let mut r = rel("web", 1, Status::PendingInstall);
        d.create(&make_key("web", 1), &r).unwrap();
        r.set_status(Status::Deployed, "Install complete");
        d.update(&make_key("web", 1), &r).unwrap();
        let got = d.get(&make_key("web", 1)).unwrap();
        assert_eq!(got.info.status, Some(Status::Deployed));
        assert_eq!(got.info.description, "Install complete");
        // The record's labels follow the new status.
        let found = d
            .query(&labels(&[("name", "web"), ("status", "deployed")]))
            .unwrap();
        assert_eq!(found.len(), 1);
        assert!(
            d.update(&make_key("web", 2), &rel("web", 2, Status::Failed))
                .is_err()
        );
    }

    pub fn delete_returns_the_release(s: &mut Storage) {
        let d = s.driver();
        d.create(&make_key("web", 1), &rel("web", 1, Status::Superseded))
            .unwrap();
        d.create(&make_key("web", 2), &rel("web", 2, Status::Deployed))
            .unwrap();
        let gone = d.delete(&make_key("web", 1)).unwrap();
        assert_eq!(gone.version, 1);
        assert!(matches!(
            d.get(&make_key("web", 1)),
            Err(Error::ReleaseNotFound)
        ));
        assert!(matches!(
            d.delete(&make_key("web", 1)),
            Err(Error::ReleaseNotFound)
        ));
        assert_eq!(d.get(&make_key("web", 2)).unwrap().version, 2);
    }

    pub fn list_filters(s: &mut Storage) {
        let d = s.driver();
        for (name, v, st) in [
            ("a", 1, Status::Superseded),
            ("a", 2, Status::Deployed),
            ("b", 1, Status::Uninstalled),
            ("c", 1, Status::Failed),
        ] {
            d.create(&make_key(name, v), &rel(name, v, st)).unwrap();
        }
        assert_eq!(d.list(&|_| true).unwrap().len(), 4);
        let deployed = d
            .list(&|r| r.info.status == Some(Status::Deployed))
            .unwrap();
        assert_eq!(deployed.len(), 1);
        assert_eq!(deployed[0].name, "a");
        assert!(d.list(&|r| r.name == "z").unwrap().is_empty());
    }

    pub fn query_by_labels(s: &mut Storage) {
        let d = s.driver();
        for (name, v, st) in [
            ("a", 1, Status::Superseded),
            ("a", 2, Status::Deployed),
            ("b", 1, Status::Deployed),
        ] {
            d.create(&make_key(name, v), &rel(name, v, st)).unwrap();
        }
        let a = d
            .query(&labels(&[("name", "a"), ("owner", "helm")]))
            .unwrap();
        assert_eq!(versions(a), [1, 2]);
        let deployed = d
            .query(&labels(&[("owner", "helm"), ("status", "deployed")]))
            .unwrap();
        assert_eq!(deployed.len(), 2);
        let v2 = d
            .query(&labels(&[("name", "a"), ("version", "2")]))
            .unwrap();
        assert_eq!(versions(v2), [2]);
        assert!(matches!(
            d.query(&labels(&[("name", "z")])),
            Err(Error::ReleaseNotFound)
        ));
    }

    pub fn full_release_round_trips(s: &mut Storage) {
        let d = s.driver();
        let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("../rudder-release/testdata/release/full.json");
        let json = fs_err::read_to_string(path).unwrap();
        let mut r = Release::from_json(&json).unwrap();
        "default".clone_into(&mut r.namespace);
        let key = make_key(&r.name, r.version);
        d.create(&key, &r).unwrap();
        assert_eq!(
            d.get(&key).unwrap().to_json().unwrap(),
            r.to_json().unwrap()
        );
    }

    pub fn user_labels(s: &mut Storage) {
        let d = s.driver();
        let mut r = rel("web", 1, Status::Deployed);
        r.labels = labels(&[("team", "a"), ("owner", "spoof")]);
        d.create(&make_key("web", 1), &r).unwrap();
        // The exact label sets differ: the memory driver keeps the release's labels as they
        // are, the others drop system labels on get and add theirs on list.
        let got = d.get(&make_key("web", 1)).unwrap();
        assert_eq!(got.labels.get("team").map(String::as_str), Some("a"));
        let listed = d.list(&|_| true).unwrap();
        assert_eq!(listed.len(), 1);
        assert_eq!(listed[0].labels.get("team").map(String::as_str), Some("a"));
        let gone = d.delete(&make_key("web", 1)).unwrap();
        assert_eq!(gone.labels.get("team").map(String::as_str), Some("a"));
    }

    /// Text that gzip cannot shrink much: letters from a fixed xorshift sequence.
    pub fn noise(bytes: usize, seed: u64) -> String {
        const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        let mut x = seed | 1;
        let mut out = String::with_capacity(bytes + bytes / 60);
        for i in 0..bytes {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            out.push(char::from(ALPHABET[(x % 62) as usize]));
            if i % 60 == 59 {
                out.push('\n');
            }
        }
        out
    }

    /// A release whose encoded record is over 3 MiB, three times what one Secret holds.
    pub fn large(name: &str, version: i64, status: Status, seed: u64) -> Release {
        let mut r = rel(name, version, status);
        r.manifest = format!("# big\ndata: |\n{}", noise(4 << 20, seed));
        assert!(r.encode().unwrap().len() > 3 << 20);
        r
    }

    pub fn large_release_round_trips(s: &mut Storage) {
        let big = large("big", 1, Status::PendingInstall, 7);
        s.create(&big).unwrap();
        s.create(&rel("small", 1, Status::Deployed)).unwrap();
        let got = s.get("big", 1).unwrap();
        assert_eq!(got.manifest, big.manifest);
        assert_eq!(s.list_releases().unwrap().len(), 2);
        assert_eq!(versions(s.history("big").unwrap()), [1]);
        // An update with other contents, then a second revision, then one that fits again.
        let mut updated = large("big", 1, Status::Deployed, 8);
        "Install complete".clone_into(&mut updated.info.description);
        s.update(&updated).unwrap();
        assert_eq!(s.deployed("big").unwrap().manifest, updated.manifest);
        s.create(&large("big", 2, Status::PendingUpgrade, 9))
            .unwrap();
        let mut fits = rel("big", 2, Status::Deployed);
        "# fits\n".clone_into(&mut fits.manifest);
        s.update(&fits).unwrap();
        assert_eq!(s.get("big", 2).unwrap().manifest, "# fits\n");
        assert_eq!(versions(s.history("big").unwrap()), [1, 2]);
        assert_eq!(s.delete("big", 1).unwrap().manifest, updated.manifest);
        assert!(matches!(s.get("big", 1), Err(Error::ReleaseNotFound)));
        assert_eq!(versions(s.history("big").unwrap()), [2]);
    }

    /// Two upgrades racing for the same revision: exactly one stores it, the others get
    /// `release: already exists` and no revision is lost or overwritten.
    pub fn concurrent_creates_one_wins(s: &mut Storage) {
        s.create(&rel("race", 1, Status::Deployed)).unwrap();
        let s = &*s;
        let results: Vec<Result<(), Error>> = std::thread::scope(|scope| {
            let handles: Vec<_> = (0..6)
                .map(|i| {
                    scope.spawn(move || {
                        let mut r = rel("race", 2, Status::PendingUpgrade);
                        r.info.description = format!("writer {i}");
                        s.create(&r)
                    })
                })
                .collect();
            handles.into_iter().map(|h| h.join().unwrap()).collect()
        });
        let winners: Vec<usize> = results
            .iter()
            .enumerate()
            .filter(|(_, r)| r.is_ok())
            .map(|(i, _)| i)
            .collect();
        assert_eq!(winners.len(), 1, "{results:?}");
        assert!(
            results
                .iter()
                .filter(|r| r.is_err())
                .all(|r| matches!(r, Err(Error::ReleaseExists)))
        );
        assert_eq!(
            s.get("race", 2).unwrap().info.description,
            format!("writer {}", winners[0])
        );
        assert_eq!(versions(s.history("race").unwrap()), [1, 2]);
    }

    // Storage over the driver.

    pub fn storage_history_last_and_deployed(s: &mut Storage) {
        const NAME: &str = "angry-bird";
        // Odd order and two deployed revisions, as after concurrent upgrades.
        for (v, st) in [
            (1, Status::Superseded),
            (4, Status::Deployed),
            (3, Status::Superseded),
            (2, Status::Deployed),
        ] {
            s.create(&rel(NAME, v, st)).unwrap();
        }
        assert_eq!(versions(s.history(NAME).unwrap()), [1, 2, 3, 4]);
        assert_eq!(s.last(NAME).unwrap().version, 4);
        assert_eq!(s.deployed(NAME).unwrap().version, 4);
        assert_eq!(versions(s.deployed_all(NAME).unwrap()), [2, 4]);
        assert_eq!(s.get(NAME, 3).unwrap().version, 3);
        assert_eq!(s.list_deployed().unwrap().len(), 2);
        assert_eq!(s.list_releases().unwrap().len(), 4);
        assert!(s.list_uninstalled().unwrap().is_empty());
        assert_eq!(s.delete(NAME, 1).unwrap().version, 1);
        assert_eq!(versions(s.history(NAME).unwrap()), [2, 3, 4]);
    }

    pub fn storage_missing_release_errors(s: &mut Storage) {
        let err = s.deployed("ghost").unwrap_err();
        assert!(matches!(err, Error::NoDeployedReleases { .. }));
        assert_eq!(err.to_string(), "\"ghost\" has no deployed releases");
        assert!(matches!(s.history("ghost"), Err(Error::ReleaseNotFound)));
        assert!(matches!(s.last("ghost"), Err(Error::ReleaseNotFound)));
        s.create(&rel("ghost", 1, Status::Failed)).unwrap();
        assert_eq!(
            s.deployed("ghost").unwrap_err().to_string(),
            "\"ghost\" has no deployed releases"
        );
    }

    pub fn storage_update(s: &mut Storage) {
        let mut r = rel("web", 1, Status::PendingInstall);
        s.create(&r).unwrap();
        r.set_status(Status::Deployed, "Install complete");
        s.update(&r).unwrap();
        assert_eq!(
            s.deployed("web").unwrap().info.description,
            "Install complete"
        );
    }

    pub fn storage_prunes_least_recent(s: &mut Storage) {
        // Setting the limit at the outset must not get in the way.
        s.max_history = 10;
        for (v, st) in [
            (1, Status::Superseded),
            (2, Status::Superseded),
            (3, Status::Superseded),
            (4, Status::Deployed),
        ] {
            s.create(&rel("angry-bird", v, st)).unwrap();
        }
        assert_eq!(s.history("angry-bird").unwrap().len(), 4);
        s.max_history = 3;
        s.create(&rel("angry-bird", 5, Status::Deployed)).unwrap();
        assert_eq!(versions(s.history("angry-bird").unwrap()), [3, 4, 5]);
    }

    pub fn storage_never_prunes_the_deployed_revision(s: &mut Storage) {
        s.max_history = 3;
        for (v, st) in [
            (1, Status::Superseded),
            (2, Status::Deployed),
            (3, Status::Failed),
            (4, Status::Failed),
            (5, Status::Failed),
        ] {
            s.create(&rel("angry-bird", v, st)).unwrap();
        }
        assert_eq!(versions(s.history("angry-bird").unwrap()), [2, 4, 5]);
    }

    pub fn storage_prunes_failed_history(s: &mut Storage) {
        s.max_history = 4;
        for v in 1..=5 {
            s.create(&rel("angry-bird", v, Status::Failed)).unwrap();
        }
        assert_eq!(versions(s.history("angry-bird").unwrap()), [2, 3, 4, 5]);
    }

    pub fn storage_max_history_one_keeps_only_the_new_revision(s: &mut Storage) {
        s.max_history = 1;
        for v in 1..=3 {
            s.create(&rel("web", v, Status::Superseded)).unwrap();
        }
        assert_eq!(versions(s.history("web").unwrap()), [3]);
        // Other releases are left alone.
        s.create(&rel("other", 1, Status::Deployed)).unwrap();
        assert_eq!(versions(s.history("web").unwrap()), [3]);
    }
}

/// Declares one `#[test]` per case for a driver built by `$make` (a function of the case name
/// that gives `None` when the driver's backend is not available).
macro_rules! driver_suite {
    ($module:ident, $make:expr) => {
        mod $module {
            use super::*;

            fn fixture(case: &str) -> Option<Fixture> {
                $make(case)
            }

            driver_suite!(@cases
                create_then_get,
                get_missing,
                update_replaces,
                delete_returns_the_release,
                list_filters,
                query_by_labels,
                full_release_round_trips,
                storage_history_last_and_deployed,
                storage_missing_release_errors,
                storage_update,
                storage_prunes_least_recent,
                storage_never_prunes_the_deployed_revision,
                storage_prunes_failed_history,
                storage_max_history_one_keeps_only_the_new_revision,
                user_labels,
                large_release_round_trips,
                concurrent_creates_one_wins,
            );
        }
    };
    (@cases $($case:ident),* $(,)?) => {
        $(
            #[test]
            fn $case() {
                let case = concat!(module_path!(), "-", stringify!($case));
                if let Some(mut f) = fixture(case) {
                    cases::$case(&mut f.storage);
                }
            }
        )*
    };
}

driver_suite!(memory, super::memory);
driver_suite!(secret_memory_cluster, super::secret_memory_cluster);
driver_suite!(configmap_memory_cluster, super::configmap_memory_cluster);
driver_suite!(secret_real_cluster, super::secret_real_cluster);
driver_suite!(configmap_real_cluster, super::configmap_real_cluster);
driver_suite!(sql, super::sql);

// Memory-only behaviour: namespaces as Helm's memory driver keeps them.

#[test]
fn memory_namespaces() {
    let m = Memory::new();
    let mut a = rel("web", 1, Status::Deployed);
    a.namespace = "a".to_owned();
    let mut b = rel("web", 1, Status::Deployed);
    b.namespace = "b".to_owned();
    m.create(&make_key("web", 1), &a).unwrap();
    // The same key in another namespace is another record.
    m.create(&make_key("web", 1), &b).unwrap();
    // create switched the driver to the release's namespace.
    assert_eq!(m.namespace(), "b");
    assert_eq!(m.list(&|_| true).unwrap().len(), 1);
    m.set_namespace("");
    assert_eq!(m.list(&|_| true).unwrap().len(), 2);
    assert_eq!(m.query(&labels(&[("name", "web")])).unwrap().len(), 2);
    m.set_namespace("a");
    assert_eq!(m.get(&make_key("web", 1)).unwrap().namespace, "a");
    m.set_namespace("c");
    assert!(matches!(
        m.get(&make_key("web", 1)),
        Err(Error::ReleaseNotFound)
    ));
    // A release without a namespace is stored in "default".
    let mut none = rel("x", 1, Status::Deployed);
    none.namespace = String::new();
    m.create(&make_key("x", 1), &none).unwrap();
    assert_eq!(m.namespace(), "default");
    assert_eq!(m.get(&make_key("x", 1)).unwrap().name, "x");
}

#[test]
fn memory_rejects_invalid_keys() {
    let m = Memory::new();
    assert!(matches!(
        m.get("sh.helm.release.v1.web"),
        Err(Error::InvalidKey)
    ));
    assert!(matches!(m.delete("web.vX"), Err(Error::InvalidKey)));
    assert_eq!(Error::InvalidKey.to_string(), "release: invalid key");
}

/// A driver whose deletions fail, as in Helm's `TestMaxHistoryErrorHandling`.
struct FailingDelete(Memory);

impl Driver for FailingDelete {
    fn name(&self) -> &'static str {
        "FailingDelete"
    }
    fn get(&self, key: &str) -> rudder_storage::Result<Release> {
        self.0.get(key)
    }
    fn list(&self, filter: &dyn Fn(&Release) -> bool) -> rudder_storage::Result<Vec<Release>> {
        self.0.list(filter)
    }
    fn query(&self, l: &BTreeMap<String, String>) -> rudder_storage::Result<Vec<Release>> {
        self.0.query(l)
    }
    fn create(&self, key: &str, r: &Release) -> rudder_storage::Result<()> {
        self.0.create(key, r)
    }
    fn update(&self, key: &str, r: &Release) -> rudder_storage::Result<()> {
        self.0.update(key, r)
    }
    fn delete(&self, _key: &str) -> rudder_storage::Result<Release> {
        Err(Error::ReleaseExists)
    }
}

#[test]
fn pruning_errors_stop_the_create() {
    let mut s = Storage::new(FailingDelete(Memory::new()));
    s.create(&rel("angry-bird", 1, Status::Superseded)).unwrap();
    s.max_history = 1;
    let err = s
        .create(&rel("angry-bird", 2, Status::Superseded))
        .unwrap_err();
    assert!(matches!(err, Error::ReleaseExists), "{err}");
    assert_eq!(versions(s.history("angry-bird").unwrap()), [1]);

    let mut s = Storage::new(FailingDelete(Memory::new()));
    for v in 1..=3 {
        s.create(&rel("angry-bird", v, Status::Superseded)).unwrap();
    }
    s.max_history = 1;
    let err = s
        .create(&rel("angry-bird", 4, Status::Superseded))
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "encountered 3 deletion errors. First is: release: already exists"
    );
}
