//! Listing 1,000 releases (`helm list` reads every record): the Secret driver on the in-memory
//! cluster, and on the real cluster when `KUBECONFIG` is set (tests/cluster/cluster up), where
//! the target is under a second. Each release is the full release of rudder-release's testdata,
//! renamed.

use std::hint::black_box;
use std::path::PathBuf;
use std::sync::Arc;

use criterion::{Criterion, criterion_group, criterion_main};
use rudder_kube::{Cluster, KubeClient, KubeOptions, ObjectRef, Propagation};
use rudder_kube_memory::MemoryCluster;
use rudder_release::{FixedClock, Release, Time};
use rudder_storage::{DriverKind, Storage, open};

const RELEASES: i64 = 1000;

fn template() -> Release {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../rudder-release/testdata/release/full.json");
    let json = fs_err::read_to_string(path).expect("the fixture release exists");
    Release::from_json(&json).expect("the fixture release parses")
}

fn fill(storage: &Storage, ns: &str) {
    let template = template();
    for i in 0..RELEASES {
        let mut r = template.clone();
        r.name = format!("release-{i}");
        r.version = 1;
        ns.clone_into(&mut r.namespace);
        storage.create(&r).expect("a release is stored");
    }
}

fn storage(kube: Arc<dyn KubeClient>, ns: &str) -> Storage {
    let clock = Arc::new(FixedClock(Time::from_unix(1_700_000_000, 0, 0)));
    Storage::from_boxed(open(DriverKind::Secret, kube, ns, None, clock).expect("driver opens"))
}

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("list-1000");
    group.sample_size(10);

    let memory: Arc<dyn KubeClient> = Arc::new(MemoryCluster::new());
    let s = storage(memory, "default");
    fill(&s, "default");
    group.bench_function("secret-memory-cluster", |b| {
        b.iter(|| black_box(s.list_releases().expect("list works").len()));
    });

    // The benchmark reads KUBECONFIG itself; the library never reads the environment.
    if let Some(kubeconfig) = std::env::var_os("KUBECONFIG") {
        let options = KubeOptions {
            kubeconfig: KubeOptions::split_paths(&kubeconfig.to_string_lossy()),
            ..KubeOptions::default()
        };
        let kube: Arc<dyn KubeClient> =
            Arc::new(Cluster::connect(&options).expect("the cluster is reachable"));
        let ns = format!("rudder-bench-list-{}", std::process::id());
        let object = kube
            .build(&format!(
                "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: {ns}\n"
            ))
            .expect("a namespace builds");
        kube.create(&object[0]).expect("the namespace is created");
        let s = storage(kube.clone(), &ns);
        fill(&s, &ns);
        group.bench_function("secret-real-cluster", |b| {
            b.iter(|| black_box(s.list_releases().expect("list works").len()));
        });
        kube.delete(
            &ObjectRef::new("v1", "Namespace", None, &ns),
            Propagation::Background,
        )
        .expect("the namespace is deleted");
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
