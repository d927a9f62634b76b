//! End to end: a client, tiller over mutual TLS on loopback, and a cluster. The lifecycle
//! runs on the in-memory cluster with the memory driver always, and on the real API server
//! with the Secret driver when `KUBECONFIG` is set (tests/cluster/README.md). The refusals
//! run on the memory cluster.

mod support;

use std::sync::Arc;
use std::time::Duration;

use rudder_kube::{Cluster, KubeClient, KubeOptions, ObjectRef, Propagation};
use rudder_kube_memory::MemoryCluster;
use rudder_proto::client::connect;
use rudder_proto::tiller as pb;
use rudder_release::{HookEvent, Release, Status};
use rudder_storage::DriverKind;
use support::{Pki, Running, chart_archive};
use tokio_stream::StreamExt as _;

fn release(r: Option<pb::Release>) -> Release {
    Release::from_json(&r.expect("a release").json).unwrap()
}

/// install, upgrade, status, get, list, history, test, rollback, uninstall through tiller,
/// with hooks, as `root`; checked against what the cluster holds.
fn lifecycle(server: &Running, pki: &Pki, kube: &dyn KubeClient, ns: &str) {
    let mut c = server.client(Some(&pki.client(Some("root"))));
    let name = "web";
    server.block_on(async {
        let version = c.get_version(pb::GetVersionRequest {}).await.unwrap();
        assert_eq!(version.get_ref().version, "v4.2.3");

        let installed = c
            .install_release(pb::InstallReleaseRequest {
                chart: Some(pb::Chart {
                    archive: chart_archive("0.1.0"),
                }),
                values: "greeting: hi\n".to_owned(),
                name: name.to_owned(),
                namespace: ns.to_owned(),
                create_namespace: true,
                server_side: true,
                timeout_ms: 60_000,
                ..pb::InstallReleaseRequest::default()
            })
            .await
            .unwrap()
            .into_inner();
        let r1 = release(installed.release);
        assert_eq!((r1.version, r1.info.status), (1, Some(Status::Deployed)));
        assert_eq!(r1.namespace, ns);
        assert_eq!(r1.info.notes, "Hello from web.\n");
        let pre = r1
            .hooks
            .iter()
            .find(|h| h.events.contains(&HookEvent::PreInstall))
            .unwrap();
        assert!(pre.last_run.phase.is_some(), "the pre-install hook ran");

        let upgraded = c
            .update_release(pb::UpdateReleaseRequest {
                name: name.to_owned(),
                namespace: ns.to_owned(),
                chart: Some(pb::Chart {
                    archive: chart_archive("0.2.0"),
                }),
                values: "greeting: again\n".to_owned(),
                timeout_ms: 60_000,
                history_max: -1,
                ..pb::UpdateReleaseRequest::default()
            })
            .await
            .unwrap()
            .into_inner();
        assert!(!upgraded.installed);
        let r2 = release(upgraded.release);
        assert_eq!((r2.version, r2.info.status), (2, Some(Status::Deployed)));

        let status = c
            .get_release_status(pb::GetReleaseStatusRequest {
                name: name.to_owned(),
                namespace: ns.to_owned(),
                version: 0,
                tables: false,
            })
            .await
            .unwrap()
            .into_inner();
        assert!(
            status.resources_json.contains("web-cm"),
            "{}",
            status.resources_json
        );

        let content = c
            .get_release_content(pb::GetReleaseContentRequest {
                name: name.to_owned(),
                namespace: ns.to_owned(),
                version: 1,
            })
            .await
            .unwrap()
            .into_inner();
        assert_eq!(
            release(content.release).chart.unwrap().metadata.version,
            "0.1.0"
        );

        let mut stream = c
            .list_releases(pb::ListReleasesRequest {
                namespace: ns.to_owned(),
                ..pb::ListReleasesRequest::default()
            })
            .await
            .unwrap()
            .into_inner();
        let mut listed = Vec::new();
        while let Some(batch) = stream.next().await {
            listed.extend(
                batch
                    .unwrap()
                    .releases
                    .into_iter()
                    .map(|r| release(Some(r))),
            );
        }
        assert_eq!(listed.len(), 1);
        assert_eq!(listed[0].version, 2);

        let mut stream = c
            .run_release_test(pb::TestReleaseRequest {
                name: name.to_owned(),
                namespace: ns.to_owned(),
                timeout_ms: 60_000,
                ..pb::TestReleaseRequest::default()
            })
            .await
            .unwrap()
            .into_inner();
        let mut last = None;
        while let Some(m) = stream.next().await {
            last = Some(m.unwrap());
        }
        let last = last.unwrap();
        assert_eq!(last.error, "");
        let tested = release(last.release);
        let test_hook = tested
            .hooks
            .iter()
            .find(|h| h.events.contains(&HookEvent::Test))
            .unwrap();
        assert!(test_hook.last_run.phase.is_some(), "the test hook ran");

        let rolled = c
            .rollback_release(pb::RollbackReleaseRequest {
                name: name.to_owned(),
                namespace: ns.to_owned(),
                version: 1,
                timeout_ms: 60_000,
                history_max: -1,
                ..pb::RollbackReleaseRequest::default()
            })
            .await
            .unwrap()
            .into_inner();
        let r3 = release(rolled.release);
        assert_eq!((r3.version, r3.info.status), (3, Some(Status::Deployed)));
        assert_eq!(r3.info.description, "Rollback to 1");

        let history = c
            .get_history(pb::GetHistoryRequest {
                name: name.to_owned(),
                namespace: ns.to_owned(),
                max: 256,
            })
            .await
            .unwrap()
            .into_inner();
        let states: Vec<(i64, Option<Status>)> = history
            .releases
            .into_iter()
            .map(|r| release(Some(r)))
            .map(|r| (r.version, r.info.status))
            .collect();
        assert_eq!(
            states,
            [
                (1, Some(Status::Superseded)),
                (2, Some(Status::Superseded)),
                (3, Some(Status::Deployed))
            ]
        );
    });
    let cm = kube
        .get(&ObjectRef::new("v1", "ConfigMap", Some(ns), "web-cm"))
        .unwrap()
        .expect("the release's ConfigMap exists");
    assert_eq!(
        cm["data"]["greeting"], "hi",
        "rolled back to revision 1's values"
    );

    server.block_on(async {
        let gone = c
            .uninstall_release(pb::UninstallReleaseRequest {
                name: name.to_owned(),
                namespace: ns.to_owned(),
                timeout_ms: 60_000,
                ..pb::UninstallReleaseRequest::default()
            })
            .await
            .unwrap()
            .into_inner();
        assert_eq!(release(gone.release).info.status, Some(Status::Uninstalled));
        let err = c
            .get_history(pb::GetHistoryRequest {
                name: name.to_owned(),
                namespace: ns.to_owned(),
                max: 256,
            })
            .await
            .unwrap_err();
        assert_eq!(err.message(), "release: not found");
    });
    assert!(
        kube.get(&ObjectRef::new("v1", "ConfigMap", Some(ns), "web-cm"))
            .unwrap()
            .is_none()
    );
    let ops: Vec<String> = server
        .audit
        .entries()
        .iter()
        .filter(|e| e["identity"] == "root" && e["result"] == "ok")
        .map(|e| e["operation"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(
        ops,
        [
            "version",
            "install",
            "upgrade",
            "status",
            "get",
            "list",
            "test",
            "rollback",
            "history",
            "uninstall"
        ]
    );
}

#[test]
fn lifecycle_on_memory_cluster() {
    let pki = Pki::new();
    let kube: Arc<dyn KubeClient> = Arc::new(MemoryCluster::new());
    let server = Running::start(kube.clone(), DriverKind::Memory, Some(&pki));
    lifecycle(&server, &pki, &*kube, "team");
}

#[test]
#[expect(clippy::print_stderr, reason = "a skipped cluster test says so")]
fn lifecycle_on_real_cluster() {
    // The test reads KUBECONFIG itself; the library never reads the environment.
    let Some(kubeconfig) = std::env::var_os("KUBECONFIG") else {
        eprintln!(
            "lifecycle_on_real_cluster: not run, KUBECONFIG is not set (tests/cluster/cluster up)"
        );
        return;
    };
    let options = KubeOptions {
        kubeconfig: KubeOptions::split_paths(&kubeconfig.to_string_lossy()),
        ..KubeOptions::default()
    };
    let cluster: Arc<dyn KubeClient> = Arc::new(
        Cluster::connect(&options)
            .unwrap()
            .with_poll_interval(Duration::from_millis(250)),
    );
    let ns = format!("tiller-e2e-{}", std::process::id());
    let pki = Pki::new();
    let server = Running::start(cluster.clone(), DriverKind::Secret, Some(&pki));
    lifecycle(&server, &pki, &*cluster, &ns);
    drop(server);
    cluster
        .delete(
            &ObjectRef::new("v1", "Namespace", None, &ns),
            Propagation::Background,
        )
        .unwrap();
}

fn install_request(ns: &str, name: &str) -> pb::InstallReleaseRequest {
    pb::InstallReleaseRequest {
        chart: Some(pb::Chart {
            archive: chart_archive("0.1.0"),
        }),
        name: name.to_owned(),
        namespace: ns.to_owned(),
        server_side: true,
        create_namespace: true,
        ..pb::InstallReleaseRequest::default()
    }
}

#[test]
fn refusals_are_clear_and_audited() {
    let pki = Pki::new();
    let kube: Arc<dyn KubeClient> = Arc::new(MemoryCluster::new());
    let server = Running::start(kube, DriverKind::Memory, Some(&pki));

    // No client certificate: the connection opens, every call is refused.
    let mut anonymous = server.client(Some(&pki.client(None)));
    let err = server
        .block_on(anonymous.install_release(install_request("a", "x")))
        .unwrap_err();
    assert_eq!(err.code(), tonic::Code::Unauthenticated);
    assert_eq!(err.message(), "tiller: a client certificate is required");

    // Allowed in `a` only.
    let mut alice = server.client(Some(&pki.client(Some("alice"))));
    let ok = server.block_on(alice.install_release(install_request("a", "mine")));
    assert!(ok.is_ok(), "{ok:?}");
    let err = server
        .block_on(alice.install_release(install_request("b", "theirs")))
        .unwrap_err();
    assert_eq!(err.code(), tonic::Code::PermissionDenied);
    assert_eq!(
        err.message(),
        "tiller: client \"alice\" may not install in namespace \"b\""
    );
    let err = server
        .block_on(alice.uninstall_release(pb::UninstallReleaseRequest {
            name: "mine".to_owned(),
            namespace: "a".to_owned(),
            ..pb::UninstallReleaseRequest::default()
        }))
        .unwrap_err();
    assert_eq!(err.code(), tonic::Code::PermissionDenied);
    let err = server
        .block_on(alice.list_releases(pb::ListReleasesRequest {
            all_namespaces: true,
            ..pb::ListReleasesRequest::default()
        }))
        .err()
        .unwrap();
    assert_eq!(
        err.message(),
        "tiller: client \"alice\" may not list in namespace \"*\""
    );

    // A certificate the server's CA did not sign: the handshake fails.
    let stranger = pki.client(Some("stranger"));
    let result = server.block_on(async {
        let mut c = connect(&server.addr, Some(&stranger))
            .await
            .map_err(|e| e.to_string())?;
        c.get_version(pb::GetVersionRequest {})
            .await
            .map_err(|e| e.to_string())
    });
    assert!(result.is_err(), "an unknown CA is refused");

    // A valid certificate whose identity is not in the file.
    let mut bob = server.client(Some(&pki.client(Some("bob"))));
    let err = server
        .block_on(bob.get_version(pb::GetVersionRequest {}))
        .unwrap_err();
    assert_eq!(err.code(), tonic::Code::PermissionDenied);
    assert_eq!(err.message(), "tiller: client \"bob\" is not authorized");

    // Plaintext against a TLS server fails too.
    let plain = server.block_on(async {
        let mut c = connect(&server.addr, None)
            .await
            .map_err(|e| e.to_string())?;
        c.get_version(pb::GetVersionRequest {})
            .await
            .map_err(|e| e.to_string())
    });
    assert!(plain.is_err());

    // Handshake refusals are recorded by the server's accept task, which may finish after
    // the client has seen the failure: wait for both records.
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    while server
        .audit
        .entries()
        .iter()
        .filter(|e| e["result"] == "refused")
        .count()
        < 2
        && std::time::Instant::now() < deadline
    {
        std::thread::sleep(Duration::from_millis(20));
    }
    let entries = server.audit.entries();
    let find = |result: &str, identity: &str| {
        entries
            .iter()
            .filter(|e| e["result"] == result && e["identity"] == identity)
            .map(|e| {
                format!(
                    "{} {} {} {}",
                    e["operation"].as_str().unwrap(),
                    e["namespace"].as_str().unwrap(),
                    e["code"].as_str().unwrap(),
                    e["message"].as_str().unwrap()
                )
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(
        find("denied", ""),
        ["install a Unauthenticated tiller: a client certificate is required"]
    );
    assert_eq!(
        find("denied", "alice"),
        [
            "install b PermissionDenied tiller: client \"alice\" may not install in namespace \"b\"",
            "uninstall a PermissionDenied tiller: client \"alice\" may not uninstall in namespace \"a\"",
            "list  PermissionDenied tiller: client \"alice\" may not list in namespace \"*\"",
        ]
    );
    assert_eq!(find("ok", "alice"), ["install a Ok "]);
    let refused: Vec<String> = entries
        .iter()
        .filter(|e| e["result"] == "refused")
        .map(|e| e["message"].as_str().unwrap().to_owned())
        .collect();
    assert!(
        refused
            .iter()
            .any(|m| m.contains("invalid peer certificate") && m.contains("UnknownIssuer")),
        "{refused:?}"
    );
    assert!(
        refused.len() >= 2,
        "the plaintext attempt is refused too: {refused:?}"
    );
}

#[test]
fn plaintext_is_refused_on_a_non_loopback_address() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_tiller"))
        .args(["--tls=false", "--listen", "0.0.0.0:0", "--memory-cluster"])
        .env_remove("TILLER_TLS_CERTS")
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "[main] refusing to serve without mutual TLS on 0.0.0.0:0: only a loopback address (127.0.0.1, [::1], localhost) may be served with --tls=false or --tls-verify=false\n"
    );
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_tiller"))
        .args(["--listen", "127.0.0.1:0", "--memory-cluster"])
        .env_remove("TILLER_TLS_CERTS")
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "[main] --tls-cert is required: tiller serves mutual TLS unless --tls=false and --listen names a loopback address\n"
    );
}

#[test]
fn a_client_that_disconnects_leaves_no_release_pending() {
    // A pre-install Job that never completes (no controller runs): the install waits for it
    // until its timeout, long after the client has gone.
    let kube = Arc::new(MemoryCluster::new());
    kube.set_simulation(rudder_kube_memory::Simulation::Manual);
    let server = Running::start(kube.clone(), DriverKind::Memory, None);
    let addr = server.addr.clone();
    let chart = support::archive(&[
        ("Chart.yaml", "apiVersion: v2\nname: slow\nversion: 0.1.0\n"),
        (
            "templates/job.yaml",
            "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: wait\n  annotations:\n    helm.sh/hook: pre-install\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n      containers:\n      - name: c\n        image: busybox\n",
        ),
        (
            "templates/cm.yaml",
            "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: slow\n",
        ),
    ]);
    server.block_on(async {
        let mut c = connect(&addr, None).await.unwrap();
        let call = c.install_release(pb::InstallReleaseRequest {
            chart: Some(pb::Chart { archive: chart }),
            name: "dropped".to_owned(),
            namespace: "default".to_owned(),
            server_side: true,
            timeout_ms: 1500,
            ..pb::InstallReleaseRequest::default()
        });
        let gave_up = tokio::time::timeout(Duration::from_millis(400), call).await;
        assert!(gave_up.is_err(), "the install was still running");
        // The connection closes with the client.
    });
    // The action finishes on its own thread; wait for its audit record.
    let deadline = std::time::Instant::now() + Duration::from_secs(30);
    let entry = loop {
        let found = server
            .audit
            .entries()
            .into_iter()
            .find(|e| e["release"] == "dropped");
        if let Some(e) = found {
            break e;
        }
        assert!(std::time::Instant::now() < deadline, "no audit record");
        std::thread::sleep(Duration::from_millis(20));
    };
    assert_eq!(entry["result"], "error", "{entry}");
    let mut c = server.client(None);
    let history = server
        .block_on(c.get_history(pb::GetHistoryRequest {
            name: "dropped".to_owned(),
            namespace: "default".to_owned(),
            max: 10,
        }))
        .unwrap()
        .into_inner();
    let statuses: Vec<Option<Status>> = history
        .releases
        .into_iter()
        .map(|r| release(Some(r)).info.status)
        .collect();
    assert_eq!(
        statuses,
        [Some(Status::Failed)],
        "failed, not left pending-install"
    );
}

#[test]
fn concurrent_upgrades_of_one_release_each_record_a_revision() {
    let kube = Arc::new(MemoryCluster::new());
    let server = Running::start(kube, DriverKind::Memory, None);
    let client = server.client(None);
    server
        .block_on(
            client
                .clone()
                .install_release(install_request("default", "busy")),
        )
        .unwrap();
    let upgrades = 6;
    server.block_on(async {
        let mut tasks = Vec::new();
        for i in 0..upgrades {
            let mut c = client.clone();
            tasks.push(tokio::spawn(async move {
                c.update_release(pb::UpdateReleaseRequest {
                    name: "busy".to_owned(),
                    namespace: "default".to_owned(),
                    chart: Some(pb::Chart {
                        archive: chart_archive("0.1.0"),
                    }),
                    values: format!("greeting: u{i}\n"),
                    history_max: -1,
                    ..pb::UpdateReleaseRequest::default()
                })
                .await
                .unwrap()
            }));
        }
        for t in tasks {
            t.await.unwrap();
        }
    });
    let history = server
        .block_on(client.clone().get_history(pb::GetHistoryRequest {
            name: "busy".to_owned(),
            namespace: "default".to_owned(),
            max: 100,
        }))
        .unwrap()
        .into_inner();
    let states: Vec<(i64, Option<Status>)> = history
        .releases
        .into_iter()
        .map(|r| release(Some(r)))
        .map(|r| (r.version, r.info.status))
        .collect();
    let mut expected: Vec<(i64, Option<Status>)> = (1..=upgrades)
        .map(|v| (v, Some(Status::Superseded)))
        .collect();
    expected.push((upgrades + 1, Some(Status::Deployed)));
    assert_eq!(states, expected);
}

/// The lifecycle with the SQL driver when `scripts/postgres up` gave `RUDDER_TEST_POSTGRES`.
#[test]
#[expect(clippy::print_stderr, reason = "a skipped database test says so")]
fn lifecycle_with_sql_storage() {
    // The test reads the variable itself; the library never reads the environment.
    let Ok(url) = std::env::var("RUDDER_TEST_POSTGRES") else {
        eprintln!(
            "lifecycle_with_sql_storage: not run, RUDDER_TEST_POSTGRES is not set (scripts/postgres up)"
        );
        return;
    };
    let pki = Pki::new();
    let kube: Arc<dyn KubeClient> = Arc::new(MemoryCluster::new());
    let server = Running::start_with_sql(kube.clone(), &url, Some(&pki));
    lifecycle(
        &server,
        &pki,
        &*kube,
        &format!("sql-{}", std::process::id()),
    );
}

#[test]
fn shutdown_lets_running_calls_finish() {
    let kube = Arc::new(MemoryCluster::new());
    kube.set_simulation(rudder_kube_memory::Simulation::Manual);
    let mut server = Running::start(kube.clone(), DriverKind::Memory, None);
    let chart = support::archive(&[
        ("Chart.yaml", "apiVersion: v2\nname: slow\nversion: 0.1.0\n"),
        (
            "templates/job.yaml",
            "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: wait\n  annotations:\n    helm.sh/hook: pre-install\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n      containers:\n      - name: c\n        image: busybox\n",
        ),
    ]);
    let mut c = server.client(None);
    let call = server.runtime.spawn(async move {
        c.install_release(pb::InstallReleaseRequest {
            chart: Some(pb::Chart { archive: chart }),
            name: "late".to_owned(),
            namespace: "default".to_owned(),
            server_side: true,
            timeout_ms: 1500,
            ..pb::InstallReleaseRequest::default()
        })
        .await
    });
    std::thread::sleep(Duration::from_millis(400));
    server.stop();
    let answer = server.block_on(call).unwrap();
    // The action's own answer (its hook timed out), not a transport error.
    let status = answer.unwrap_err();
    assert_eq!(status.code(), tonic::Code::Unknown, "{status:?}");
    assert!(
        status.message().contains("pre-install"),
        "{}",
        status.message()
    );
}
