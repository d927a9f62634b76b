//! Faults around release operations (issue 5), on real API servers:
//!
//! * the API server dies in the middle of an upgrade (a pre-upgrade hook Job is running): once
//!   it is back, the history reads, the release is left `pending-upgrade`, a plain upgrade is
//!   refused with Helm's pending-operation error, and an upgrade with `recover` succeeds;
//! * two upgrades of one release race: each either succeeds or fails with the pending-operation
//!   error or the storage's "already exists", and no revision is lost.
//!
//! The first test starts a private cluster with tests/cluster/cluster (its own state directory
//! and ports), so killing its API server disturbs nobody. The second runs on the in-memory
//! cluster always and on the cluster of `KUBECONFIG` when it is set. Cluster tests say so when
//! they do not run.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{Arc, Barrier};
use std::time::{Duration, Instant};

use rudder_action::context::Context;
use rudder_action::install::Install;
use rudder_action::upgrade::Upgrade;
use rudder_chart::Chart;
use rudder_kube::{Cluster, KubeClient, KubeOptions, ObjectRef};
use rudder_kube_memory::MemoryCluster;
use rudder_release::{Status, SteppingClock, Time};
use rudder_storage::{Secrets, Storage};
use rudder_value::Map;

const CONFIGMAP: &str = "apiVersion: v1
kind: ConfigMap
metadata:
  name: {{ .Release.Name }}-config
data:
  revision: {{ .Release.Revision | quote }}
";

/// A pre-upgrade hook Job that runs for a minute on the simulated kubelet.
const SLOW_HOOK: &str = "apiVersion: batch/v1
kind: Job
metadata:
  name: {{ .Release.Name }}-slow-hook
  annotations:
    helm.sh/hook: pre-upgrade
spec:
  backoffLimit: 0
  template:
    metadata:
      annotations:
        rudder.test/run-seconds: \"60\"
    spec:
      restartPolicy: Never
      containers:
      - name: wait
        image: busybox
        command: [sleep, \"60\"]
";

/// A chart named `faults` with the given templates.
fn chart(dir: &Path, templates: &[(&str, &str)]) -> Chart {
    let root = dir.join("faults");
    let _ = fs_err::remove_dir_all(&root);
    fs_err::create_dir_all(root.join("templates")).unwrap();
    fs_err::write(
        root.join("Chart.yaml"),
        "apiVersion: v2\nname: faults\nversion: 0.1.0\n",
    )
    .unwrap();
    for (name, text) in templates {
        fs_err::write(root.join("templates").join(name), text).unwrap();
    }
    rudder_chart::load_dir(&root).unwrap()
}

fn clock() -> Arc<SteppingClock> {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs();
    Arc::new(SteppingClock::new(Time::from_unix(
        i64::try_from(now).unwrap(),
        0,
        0,
    )))
}

/// A context over `kube` with the Secret driver in `namespace`.
fn context(kube: Arc<dyn KubeClient>, namespace: &str) -> Context {
    let clock = clock();
    let releases = Storage::new(Secrets::new(kube.clone(), namespace, clock.clone()));
    Context::new(kube, releases, clock)
}

fn connect(kubeconfig: &Path, namespace: &str) -> Arc<dyn KubeClient> {
    let cluster = Cluster::connect(&KubeOptions {
        kubeconfig: vec![kubeconfig.to_owned()],
        namespace: Some(namespace.to_owned()),
        ..KubeOptions::default()
    })
    .unwrap()
    .with_poll_interval(Duration::from_millis(250));
    Arc::new(cluster)
}

fn install(ctx: &Context, namespace: &str, name: &str, chart: Chart) {
    let install = Install {
        release_name: name.to_owned(),
        namespace: namespace.to_owned(),
        create_namespace: true,
        timeout: Duration::from_mins(1),
        ..Install::default()
    };
    let rel = install.run(ctx, chart, &Map::new()).unwrap();
    assert_eq!(rel.info.status, Some(Status::Deployed));
}

/// (version, status) of every revision, oldest first.
fn history(ctx: &Context, name: &str) -> Vec<(i64, Status)> {
    let mut revisions: Vec<(i64, Status)> = ctx
        .releases
        .history(name)
        .unwrap()
        .into_iter()
        .map(|r| (r.version, r.info.status.unwrap()))
        .collect();
    revisions.sort_by_key(|r| r.0);
    revisions
}

#[expect(
    clippy::print_stderr,
    reason = "tests tell what happened (shown with --nocapture)"
)]
fn report(line: &str) {
    eprintln!("{line}");
}

// ------------------------------------------------------------------------ a private cluster

/// A cluster of its own, started with tests/cluster/cluster on free ports, stopped on drop.
struct PrivateCluster {
    state: tempfile::TempDir,
    api_port: u16,
    etcd_port: u16,
}

fn script() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/cluster/cluster")
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// A port whose next two are free as well (etcd's peer and metrics ports).
fn free_port_triple() -> u16 {
    loop {
        let p = free_port();
        if p < 65000 && (1..=2).all(|i| std::net::TcpListener::bind(("127.0.0.1", p + i)).is_ok()) {
            return p;
        }
    }
}

impl PrivateCluster {
    /// Starts a cluster, or returns `None` (saying why) when tests/cluster cannot run here:
    /// `KUBECONFIG` unset (no cluster tooling) or the binaries not built.
    #[expect(clippy::print_stderr, reason = "a skipped cluster test says so")]
    fn start(test: &str) -> Option<PrivateCluster> {
        if std::env::var_os("KUBECONFIG").is_none() {
            eprintln!("{test}: not run, KUBECONFIG is not set (tests/cluster/cluster up)");
            return None;
        }
        let cache = std::env::var_os("RUDDER_K8S_CACHE").map_or_else(
            || PathBuf::from(std::env::var_os("HOME").unwrap()).join(".cache/rudder-k8s"),
            PathBuf::from,
        );
        if !cache.join("bin/kube-apiserver").exists() {
            eprintln!("{test}: not run, tests/cluster/cluster build has not run");
            return None;
        }
        let cluster = PrivateCluster {
            state: tempfile::Builder::new()
                .prefix("rudder-faults-")
                .tempdir()
                .unwrap(),
            api_port: free_port(),
            etcd_port: free_port_triple(),
        };
        cluster.run(&["up"]);
        Some(cluster)
    }

    fn run(&self, args: &[&str]) {
        let out = Command::new("bash")
            .arg(script())
            .args(args)
            .arg("--state")
            .arg(self.state.path())
            .env("RUDDER_K8S_API_PORT", self.api_port.to_string())
            .env("RUDDER_K8S_ETCD_PORT", self.etcd_port.to_string())
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "cluster {args:?} failed:\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }

    fn kubeconfig(&self) -> PathBuf {
        self.state.path().join("kubeconfig")
    }

    /// Kills kube-apiserver at once (SIGKILL), as a crash would.
    fn kill_api_server(&self) {
        let pid = fs_err::read_to_string(self.state.path().join("run/kube-apiserver.pid")).unwrap();
        let status = Command::new("kill")
            .args(["-KILL", pid.trim()])
            .status()
            .unwrap();
        assert!(status.success());
    }

    /// Stops what is left and starts everything again on the same etcd data.
    fn restart(&self) {
        self.run(&["down", "--keep"]);
        self.run(&["up", "--keep"]);
    }
}

impl Drop for PrivateCluster {
    fn drop(&mut self) {
        let _ = Command::new("bash")
            .arg(script())
            .args(["down", "--state"])
            .arg(self.state.path())
            .env("RUDDER_K8S_API_PORT", self.api_port.to_string())
            .env("RUDDER_K8S_ETCD_PORT", self.etcd_port.to_string())
            .output();
    }
}

// ----------------------------------------------------------------------------------- faults

#[test]
fn api_server_dies_during_an_upgrade() {
    let Some(cluster) = PrivateCluster::start("api_server_dies_during_an_upgrade") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let (ns, name) = ("faults", "crash");
    let kubeconfig = cluster.kubeconfig();
    let ctx = context(connect(&kubeconfig, ns), ns);
    install(&ctx, ns, name, chart(dir.path(), &[("cm.yaml", CONFIGMAP)]));

    // The upgrade runs in a thread of its own, as another process would.
    let slow = chart(
        dir.path(),
        &[("cm.yaml", CONFIGMAP), ("hook.yaml", SLOW_HOOK)],
    );
    let upgrading = {
        let ctx = context(connect(&kubeconfig, ns), ns);
        std::thread::spawn(move || {
            let upgrade = Upgrade {
                timeout: Duration::from_secs(90),
                ..Upgrade::default()
            };
            upgrade
                .run(&ctx, name, slow, &Map::new())
                .map_err(|e| rudder_kube::chain(&e))
        })
    };
    // Kill the API server once revision 2 is pending and its hook Job is running.
    let hook = ObjectRef::new("batch/v1", "Job", Some(ns), &format!("{name}-slow-hook"));
    let deadline = Instant::now() + Duration::from_mins(1);
    loop {
        let pending = ctx
            .releases
            .last(name)
            .is_ok_and(|r| r.version == 2 && r.info.status == Some(Status::PendingUpgrade));
        if pending && ctx.kube.get(&hook).is_ok_and(|j| j.is_some()) {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "the upgrade never reached its hook"
        );
        std::thread::sleep(Duration::from_millis(200));
    }
    cluster.kill_api_server();
    let failed = upgrading.join().unwrap();
    let Err(failure) = failed else {
        panic!("the upgrade cannot succeed without its API server")
    };
    report(&format!(
        "api_server_dies_during_an_upgrade: the upgrade failed with: {failure}"
    ));

    cluster.restart();
    let ctx = context(connect(&kubeconfig, ns), ns);
    // The history reads back whole: revision 2 stays pending, nobody could record its end.
    assert_eq!(
        history(&ctx, name),
        [(1, Status::Deployed), (2, Status::PendingUpgrade)]
    );
    // The rudder command and real Helm (helm-python-sdk) read the same history.
    assert_eq!(
        history_statuses(&kubeconfig, ns, name),
        ["deployed", "pending-upgrade"]
    );
    if let Some(helm) = helm_history(&kubeconfig, ns, name) {
        assert_eq!(helm, "1 deployed, 2 pending-upgrade");
    }
    let plain = Upgrade::default()
        .run(
            &ctx,
            name,
            chart(dir.path(), &[("cm.yaml", CONFIGMAP)]),
            &Map::new(),
        )
        .unwrap_err();
    assert_eq!(
        plain.to_string(),
        "another operation (install/upgrade/rollback) is in progress"
    );
    let recovered = Upgrade {
        recover: true,
        ..Upgrade::default()
    }
    .run(
        &ctx,
        name,
        chart(dir.path(), &[("cm.yaml", CONFIGMAP)]),
        &Map::new(),
    )
    .unwrap();
    assert_eq!(
        (recovered.version, recovered.info.status),
        (3, Some(Status::Deployed))
    );
    assert_eq!(
        history(&ctx, name),
        [
            (1, Status::Superseded),
            (2, Status::Failed),
            (3, Status::Deployed)
        ]
    );
    let config = ctx
        .kube
        .get(&ObjectRef::new(
            "v1",
            "ConfigMap",
            Some(ns),
            &format!("{name}-config"),
        ))
        .unwrap()
        .unwrap();
    assert_eq!(config["data"]["revision"], "3");
    if let Some(helm) = helm_history(&kubeconfig, ns, name) {
        assert_eq!(helm, "1 superseded, 2 failed, 3 deployed");
    }
}

/// Runs the `rudder` binary against `kubeconfig`: (exit code, stdout, stderr).
fn rudder(kubeconfig: &Path, args: &[&str]) -> (i32, String, String) {
    let out = rudder_command(kubeconfig, args).output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn rudder_command(kubeconfig: &Path, args: &[&str]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_rudder"));
    cmd.args(args)
        .arg("--kubeconfig")
        .arg(kubeconfig)
        .env_remove("HELM_DRIVER")
        .env_remove("HELM_NAMESPACE");
    cmd
}

/// The STATUS column of `rudder history`.
fn history_statuses(kubeconfig: &Path, ns: &str, name: &str) -> Vec<String> {
    let (code, stdout, stderr) = rudder(kubeconfig, &["history", name, "-n", ns]);
    assert_eq!(code, 0, "{stderr}");
    stdout
        .lines()
        .skip(1)
        .filter_map(|l| l.split('\t').nth(2).map(|s| s.trim().to_owned()))
        .collect()
}

/// A `rudder upgrade` process killed while its pre-upgrade hook runs leaves the release
/// `pending-upgrade`; `rudder upgrade` then refuses in Helm's words, and `rudder upgrade
/// --recover` (Rudder's own way out; Helm has none) marks the stuck revision failed and
/// upgrades.
#[test]
#[expect(clippy::print_stderr, reason = "a skipped cluster test says so")]
fn killed_upgrade_process_is_recovered() {
    let Some(kubeconfig) = std::env::var_os("KUBECONFIG") else {
        eprintln!(
            "killed_upgrade_process_is_recovered: not run, KUBECONFIG is not set (tests/cluster/cluster up)"
        );
        return;
    };
    let kubeconfig = PathBuf::from(kubeconfig);
    let ns = format!("faults-killed-{}", std::process::id());
    let name = "killed";
    let dir = tempfile::tempdir().unwrap();
    let write = |sub: &str, templates: &[(&str, &str)]| {
        let root = dir.path().join(sub);
        fs_err::create_dir_all(root.join("templates")).unwrap();
        fs_err::write(
            root.join("Chart.yaml"),
            "apiVersion: v2\nname: faults\nversion: 0.1.0\n",
        )
        .unwrap();
        for (file, text) in templates {
            fs_err::write(root.join("templates").join(file), text).unwrap();
        }
        root.to_str().unwrap().to_owned()
    };
    let plain = write("plain", &[("cm.yaml", CONFIGMAP)]);
    let slow = write("slow", &[("cm.yaml", CONFIGMAP), ("hook.yaml", SLOW_HOOK)]);

    let (code, _, stderr) = rudder(
        &kubeconfig,
        &["install", name, &plain, "-n", &ns, "--create-namespace"],
    );
    assert_eq!(code, 0, "{stderr}");
    let mut upgrading = rudder_command(&kubeconfig, &["upgrade", name, &slow, "-n", &ns])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let admin = connect(&kubeconfig, &ns);
    let hook = ObjectRef::new("batch/v1", "Job", Some(&ns), &format!("{name}-slow-hook"));
    let deadline = Instant::now() + Duration::from_mins(1);
    while !admin.get(&hook).is_ok_and(|j| j.is_some()) {
        assert!(
            Instant::now() < deadline,
            "the upgrade never reached its hook"
        );
        std::thread::sleep(Duration::from_millis(200));
    }
    upgrading.kill().unwrap();
    upgrading.wait().unwrap();

    assert_eq!(
        history_statuses(&kubeconfig, &ns, name),
        ["deployed", "pending-upgrade"]
    );
    let (code, _, stderr) = rudder(&kubeconfig, &["upgrade", name, &plain, "-n", &ns]);
    assert_eq!(
        (code, stderr.as_str()),
        (
            1,
            "Error: UPGRADE FAILED: another operation (install/upgrade/rollback) is in progress\n"
        )
    );
    let (code, stdout, stderr) = rudder(
        &kubeconfig,
        &["upgrade", name, &plain, "-n", &ns, "--recover"],
    );
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("REVISION: 3"), "{stdout}");
    assert_eq!(
        history_statuses(&kubeconfig, &ns, name),
        ["superseded", "failed", "deployed"]
    );
    let _ = admin.delete(
        &ObjectRef::new("v1", "Namespace", None, &ns),
        rudder_kube::Propagation::Background,
    );
}

/// The history as real Helm 4 reads it (helm-python-sdk): `1 deployed, 2 ...`. `None`, saying
/// so, when the package is not installed (outside CI).
fn helm_history(kubeconfig: &Path, namespace: &str, name: &str) -> Option<String> {
    const READ: &str = "import helm_python, sys
c = helm_python.Config(kubeconfig_path=sys.argv[1], namespace=sys.argv[2], storage_driver='secret')
print(', '.join(f\"{r['revision']} {r['status']}\" for r in c.history(sys.argv[3])))";
    let out = Command::new("python3")
        .args(["-c", READ])
        .arg(kubeconfig)
        .args([namespace, name])
        .output()
        .unwrap();
    if !out.status.success() {
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.contains("No module named 'helm_python'"),
            "helm-python-sdk failed: {stderr}"
        );
        report("helm history: not run, helm-python-sdk is not installed");
        return None;
    }
    Some(String::from_utf8_lossy(&out.stdout).trim().to_owned())
}

/// Races two upgrades of one release `rounds` times, each through its own client (as two
/// processes would), and checks that every revision is accounted for.
fn concurrent_upgrades(kube: &dyn Fn() -> Arc<dyn KubeClient>, ns: &str, rounds: usize) {
    let dir = tempfile::tempdir().unwrap();
    let name = "race";
    let observer = context(kube(), ns);
    install(
        &observer,
        ns,
        name,
        chart(dir.path(), &[("cm.yaml", CONFIGMAP)]),
    );
    let (mut succeeded, mut refused): (i64, Vec<String>) = (0, Vec::new());
    for round in 0..rounds {
        let barrier = Arc::new(Barrier::new(2));
        let racers: Vec<_> = (0..2)
            .map(|_| {
                let ctx = context(kube(), ns);
                let chart = chart(dir.path(), &[("cm.yaml", CONFIGMAP)]);
                let barrier = barrier.clone();
                std::thread::spawn(move || {
                    barrier.wait();
                    Upgrade::default()
                        .run(&ctx, name, chart, &Map::new())
                        .map_err(|e| e.to_string())
                })
            })
            .collect();
        let results: Vec<_> = racers.into_iter().map(|t| t.join().unwrap()).collect();
        for r in &results {
            match r {
                Ok(rel) => {
                    assert_eq!(rel.info.status, Some(Status::Deployed));
                    succeeded += 1;
                }
                Err(text) => {
                    assert!(
                        text == "another operation (install/upgrade/rollback) is in progress"
                            || text.contains("already exists"),
                        "round {round}: unexpected failure: {text}"
                    );
                    refused.push(text.clone());
                }
            }
        }
        assert!(
            results.iter().any(Result::is_ok),
            "round {round}: neither upgrade succeeded"
        );
    }
    report(&format!(
        "concurrent upgrades in {ns}: {succeeded} of {} succeeded; refused: {refused:?}",
        2 * rounds
    ));
    // Revisions 1..=N with nothing missing: one deployed (the last), the others superseded,
    // none pending; one revision per successful upgrade.
    let revisions = history(&observer, name);
    let expected: Vec<(i64, Status)> = (1..=succeeded + 1)
        .map(|v| {
            let last = v == succeeded + 1;
            (
                v,
                if last {
                    Status::Deployed
                } else {
                    Status::Superseded
                },
            )
        })
        .collect();
    assert_eq!(revisions, expected);
}

#[test]
fn concurrent_upgrades_on_memory_cluster() {
    let memory = Arc::new(MemoryCluster::new().with_namespace("race"));
    concurrent_upgrades(&|| memory.clone(), "race", 10);
}

#[test]
#[expect(clippy::print_stderr, reason = "a skipped cluster test says so")]
fn concurrent_upgrades_on_real_cluster() {
    let Some(kubeconfig) = std::env::var_os("KUBECONFIG") else {
        eprintln!(
            "concurrent_upgrades_on_real_cluster: not run, KUBECONFIG is not set (tests/cluster/cluster up)"
        );
        return;
    };
    let kubeconfig = PathBuf::from(kubeconfig);
    let ns = format!("faults-race-{}", std::process::id());
    concurrent_upgrades(&|| connect(&kubeconfig, &ns), &ns, 5);
    let admin = connect(&kubeconfig, &ns);
    let _ = admin.delete(
        &ObjectRef::new("v1", "Namespace", None, &ns),
        rudder_kube::Propagation::Background,
    );
}
