//! deploy/tiller on the real API server (`KUBECONFIG`, tests/cluster/README.md): the chart
//! installs, and tiller acting as its ServiceAccount (impersonated, since the test cluster runs
//! no Pods) can manage releases in the namespaces the chart lists and nowhere else.

mod support;

use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use rudder_action::Context;
use rudder_action::install::Install;
use rudder_kube::{Cluster, KubeClient, KubeOptions, ObjectRef, Propagation};
use rudder_proto::tiller as pb;
use rudder_release::{FixedClock, Status, Time};
use rudder_storage::{DriverKind, Secrets, Storage};
use rudder_value::{Map, Value};
use support::{Pki, Running, chart_archive};

fn connect(paths: &[std::path::PathBuf], ns: Option<&str>, as_user: Option<String>) -> Cluster {
    let options = KubeOptions {
        kubeconfig: paths.to_vec(),
        namespace: ns.map(str::to_owned),
        as_user,
        ..KubeOptions::default()
    };
    Cluster::connect(&options)
        .unwrap()
        .with_poll_interval(Duration::from_millis(250))
}

#[test]
#[expect(clippy::print_stderr, reason = "a skipped cluster test says so")]
fn rbac_limits_tiller_to_its_managed_namespaces() {
    // The test reads KUBECONFIG itself; the library never reads the environment.
    let Some(kubeconfig) = std::env::var_os("KUBECONFIG") else {
        eprintln!(
            "rbac_limits_tiller_to_its_managed_namespaces: not run, KUBECONFIG is not set (tests/cluster/cluster up)"
        );
        return;
    };
    let paths = KubeOptions::split_paths(&kubeconfig.to_string_lossy());
    let admin = connect(&paths, None, None);
    let pid = std::process::id();
    let (sys, managed, other) = (
        format!("tiller-sys-{pid}"),
        format!("tiller-a-{pid}"),
        format!("tiller-b-{pid}"),
    );
    for ns in [&sys, &managed, &other] {
        let object =
            serde_json::json!({"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": ns}});
        admin.create(&admin.resource(object).unwrap()).unwrap();
    }

    // Install tiller's own chart with the release actions, as `rudder install` would.
    let chart =
        rudder_chart::load(Path::new(env!("CARGO_MANIFEST_DIR")).join("../../deploy/tiller"))
            .unwrap();
    let values = Map::new();
    values.insert(
        "managedNamespaces",
        Value::from(vec![Value::string(managed.clone())]),
    );
    let tls = Map::new();
    tls.insert("existingSecret", Value::string("tiller-certs".to_owned()));
    values.insert("tls", Value::Map(tls));
    let kube: Arc<dyn KubeClient> = Arc::new(connect(&paths, Some(&sys), None));
    let clock = Arc::new(FixedClock(Time::from_unix(1_700_000_000, 0, 0)));
    let ctx = Context::new(
        kube.clone(),
        Storage::new(Secrets::new(kube, &sys, clock.clone())),
        clock,
    );
    let installed = Install {
        release_name: "tiller".to_owned(),
        namespace: sys.clone(),
        server_side: true,
        ..Install::default()
    }
    .run(&ctx, chart, &values)
    .unwrap();
    assert_eq!(installed.info.status, Some(Status::Deployed));
    let role = admin
        .get(&ObjectRef::new(
            "rbac.authorization.k8s.io/v1",
            "Role",
            Some(&managed),
            "tiller-manager",
        ))
        .unwrap();
    assert!(role.is_some(), "a Role in the managed namespace");

    // tiller as the chart's ServiceAccount.
    let account = format!("system:serviceaccount:{sys}:tiller");
    let as_tiller: Arc<dyn KubeClient> = Arc::new(connect(&paths, Some(&sys), Some(account)));
    let pki = Pki::new();
    let server = Running::start(as_tiller, DriverKind::Secret, Some(&pki));
    let mut client = server.client(Some(&pki.client(Some("root"))));
    let request = |ns: &str| pb::InstallReleaseRequest {
        chart: Some(pb::Chart {
            archive: chart_archive("0.1.0"),
        }),
        name: "app".to_owned(),
        namespace: ns.to_owned(),
        server_side: true,
        timeout_ms: 60_000,
        ..pb::InstallReleaseRequest::default()
    };
    let ok = server.block_on(client.install_release(request(&managed)));
    assert!(ok.is_ok(), "{ok:?}");
    let err = server
        .block_on(client.install_release(request(&other)))
        .unwrap_err();
    assert!(err.message().contains("forbidden"), "{}", err.message());
    assert!(
        err.message()
            .contains(&format!("system:serviceaccount:{sys}:tiller")),
        "{}",
        err.message()
    );
    drop(server);

    for ns in [&sys, &managed, &other] {
        admin
            .delete(
                &ObjectRef::new("v1", "Namespace", None, ns),
                Propagation::Background,
            )
            .unwrap();
    }
}

/// The kubeconfig tiller writes for its service account reaches the API server: the test
/// cluster's CA and token (tests/cluster keeps `pki/ca.crt`, `token` and `api-port` beside its
/// kubeconfig) stand in for the files a Pod gets.
#[test]
#[expect(clippy::print_stderr, reason = "a skipped cluster test says so")]
fn in_cluster_kubeconfig_reaches_the_api_server() {
    let Some(kubeconfig) = std::env::var_os("KUBECONFIG") else {
        eprintln!("in_cluster_kubeconfig_reaches_the_api_server: not run, KUBECONFIG is not set");
        return;
    };
    let first = KubeOptions::split_paths(&kubeconfig.to_string_lossy())
        .into_iter()
        .next()
        .unwrap();
    let cluster_dir = first.parent().unwrap();
    let (Ok(port), Ok(token)) = (
        fs_err::read_to_string(cluster_dir.join("api-port")),
        fs_err::read_to_string(cluster_dir.join("token")),
    ) else {
        eprintln!(
            "in_cluster_kubeconfig_reaches_the_api_server: not run, KUBECONFIG is not tests/cluster's"
        );
        return;
    };
    let account = tempfile::tempdir().unwrap();
    fs_err::copy(
        cluster_dir.join("pki/ca.crt"),
        account.path().join("ca.crt"),
    )
    .unwrap();
    fs_err::write(account.path().join("token"), token.trim()).unwrap();
    let text =
        rudder_tiller::backend::in_cluster_kubeconfig("127.0.0.1", port.trim(), account.path());
    let path = account.path().join("kubeconfig");
    fs_err::write(&path, text).unwrap();
    let cluster = Cluster::connect(&KubeOptions {
        kubeconfig: vec![path],
        ..KubeOptions::default()
    })
    .unwrap();
    assert!(!cluster.server_version().unwrap().git_version.is_empty());
    // Listing namespaces needs the token: anonymous requests are forbidden.
    let namespaces = cluster.list("v1", "Namespace", None, "").unwrap();
    assert!(
        namespaces
            .iter()
            .any(|n| n["metadata"]["name"] == "default")
    );
}
