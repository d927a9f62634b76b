//! Load through one tiller (mutual TLS on loopback): 50 concurrent installs of different
//! releases, then 10 concurrent upgrades of one release. Prints latency figures and checks
//! that every revision was recorded and none is left pending. Runs on the in-memory cluster
//! with the memory driver, and also on the real API server with the Secret driver when
//! `KUBECONFIG` is set.
//!
//!     cargo bench -p rudder-tiller --bench load
//!
//! Figures are printed, never asserted (STYLE.md §3).

#![expect(clippy::print_stdout, reason = "a benchmark prints its figures")]

#[path = "../tests/support/mod.rs"]
mod support;

use std::sync::Arc;
use std::time::{Duration, Instant};

use rudder_kube::{Cluster, KubeClient, KubeOptions, ObjectRef, Propagation};
use rudder_proto::tiller as pb;
use rudder_release::{Release, Status};
use rudder_storage::DriverKind;
use support::{Pki, Running, chart_archive};

const INSTALLS: usize = 50;
const UPGRADES: usize = 10;

fn summary(label: &str, mut times: Vec<Duration>, wall: Duration) {
    times.sort();
    let pick = |q: f64| times[((times.len() - 1) as f64 * q).round() as usize];
    println!(
        "{label:<34} n={:<3} wall {:>7.1} ms  p50 {:>7.1} ms  p95 {:>7.1} ms  max {:>7.1} ms",
        times.len(),
        wall.as_secs_f64() * 1e3,
        pick(0.5).as_secs_f64() * 1e3,
        pick(0.95).as_secs_f64() * 1e3,
        pick(1.0).as_secs_f64() * 1e3,
    );
}

fn decode(r: &pb::Release) -> Release {
    Release::from_json(&r.json).expect("the server sends release records")
}

fn run(label: &str, kube: Arc<dyn KubeClient>, driver: DriverKind, ns: &str) {
    let pki = Pki::new();
    let server = Running::start(kube, driver, Some(&pki));
    let client = server.client(Some(&pki.client(Some("root"))));
    let archive = chart_archive("0.1.0");
    let request = |name: String| pb::InstallReleaseRequest {
        chart: Some(pb::Chart {
            archive: archive.clone(),
        }),
        name,
        namespace: ns.to_owned(),
        create_namespace: true,
        server_side: true,
        timeout_ms: 120_000,
        ..pb::InstallReleaseRequest::default()
    };

    // Warm up: the namespace, connections, discovery.
    server
        .block_on(client.clone().install_release(request("warm".to_owned())))
        .expect("warm-up install");

    let start = Instant::now();
    let times = server.block_on(async {
        let mut tasks = Vec::new();
        for i in 0..INSTALLS {
            let mut c = client.clone();
            let req = request(format!("load-{i:02}"));
            tasks.push(tokio::spawn(async move {
                let t = Instant::now();
                c.install_release(req).await.expect("install");
                t.elapsed()
            }));
        }
        let mut times = Vec::new();
        for t in tasks {
            times.push(t.await.expect("task"));
        }
        times
    });
    summary(
        &format!("{label}: {INSTALLS} installs"),
        times,
        start.elapsed(),
    );

    server
        .block_on(client.clone().install_release(request("shared".to_owned())))
        .expect("install of the upgraded release");
    let start = Instant::now();
    let times = server.block_on(async {
        let mut tasks = Vec::new();
        for i in 0..UPGRADES {
            let mut c = client.clone();
            let req = pb::UpdateReleaseRequest {
                name: "shared".to_owned(),
                namespace: ns.to_owned(),
                chart: Some(pb::Chart {
                    archive: archive.clone(),
                }),
                values: format!("greeting: upgrade-{i}\n"),
                timeout_ms: 120_000,
                history_max: 0,
                ..pb::UpdateReleaseRequest::default()
            };
            tasks.push(tokio::spawn(async move {
                let t = Instant::now();
                c.update_release(req).await.expect("upgrade");
                t.elapsed()
            }));
        }
        let mut times = Vec::new();
        for t in tasks {
            times.push(t.await.expect("task"));
        }
        times
    });
    summary(
        &format!("{label}: {UPGRADES} upgrades of one"),
        times,
        start.elapsed(),
    );

    // Every revision recorded, none pending.
    let history = server
        .block_on(client.clone().get_history(pb::GetHistoryRequest {
            name: "shared".to_owned(),
            namespace: ns.to_owned(),
            max: 1000,
        }))
        .expect("history")
        .into_inner();
    let revisions: Vec<(i64, Option<Status>)> = history
        .releases
        .iter()
        .map(decode)
        .map(|r| (r.version, r.info.status))
        .collect();
    let expected: Vec<(i64, Option<Status>)> = (1..=(UPGRADES as i64 + 1))
        .map(|v| {
            let status = if v == UPGRADES as i64 + 1 {
                Status::Deployed
            } else {
                Status::Superseded
            };
            (v, Some(status))
        })
        .collect();
    assert_eq!(revisions, expected, "every upgrade is one revision");
    let listed = server.block_on(async {
        use tokio_stream::StreamExt as _;
        let mut stream = client
            .clone()
            .list_releases(pb::ListReleasesRequest {
                namespace: ns.to_owned(),
                all: true,
                ..pb::ListReleasesRequest::default()
            })
            .await
            .expect("list")
            .into_inner();
        let mut all = Vec::new();
        while let Some(batch) = stream.next().await {
            all.extend(batch.expect("batch").releases.iter().map(decode));
        }
        all
    });
    assert_eq!(listed.len(), INSTALLS + 2);
    assert!(
        listed
            .iter()
            .all(|r| r.info.status == Some(Status::Deployed)),
        "no release left pending"
    );
    println!(
        "{label}: {} releases deployed, {} revisions of the upgraded one, none pending",
        listed.len(),
        revisions.len()
    );
}

fn main() {
    let memory: Arc<dyn KubeClient> = Arc::new(rudder_kube_memory::MemoryCluster::new());
    run("memory cluster", memory, DriverKind::Memory, "load");
    // The benchmark reads KUBECONFIG itself; the library never reads the environment.
    let Some(kubeconfig) = std::env::var_os("KUBECONFIG") else {
        println!("real cluster: not run, KUBECONFIG is not set (tests/cluster/cluster up)");
        return;
    };
    let options = KubeOptions {
        kubeconfig: KubeOptions::split_paths(&kubeconfig.to_string_lossy()),
        ..KubeOptions::default()
    };
    let cluster: Arc<dyn KubeClient> = Arc::new(
        Cluster::connect(&options)
            .expect("KUBECONFIG names a usable cluster")
            .with_poll_interval(Duration::from_millis(250)),
    );
    let ns = format!("tiller-load-{}", std::process::id());
    run(
        "real cluster (secrets)",
        cluster.clone(),
        DriverKind::Secret,
        &ns,
    );
    let _ = cluster.delete(
        &ObjectRef::new("v1", "Namespace", None, &ns),
        Propagation::Background,
    );
}
