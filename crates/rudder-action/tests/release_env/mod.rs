//! What the install and upgrade scenarios share: a context per scenario, on the in-memory
//! cluster with the memory driver always, and on a real cluster with the Secret driver when
//! `KUBECONFIG` is set (see tests/cluster/README.md), each in a namespace of its own.

#![allow(dead_code, reason = "each test file uses part of the harness")]

use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;

use rudder_action::context::Context;
use rudder_chart::{Chart, File};
use rudder_kube::{Cluster, KubeClient, KubeOptions, ObjectRef, Propagation};
use rudder_kube_memory::MemoryCluster;
use rudder_release::{SteppingClock, Time};
use rudder_storage::{Memory, Secrets, Storage};

/// One scenario's world.
pub struct Env {
    /// The context actions run in.
    pub ctx: Context,
    /// The scenario's namespace.
    pub ns: String,
    /// The in-memory cluster, when the scenario runs there.
    pub memory: Option<Arc<MemoryCluster>>,
    /// An admin client for the real cluster (cluster-scoped clean-up).
    pub admin: Option<Arc<Cluster>>,
}

impl Env {
    /// True on the real cluster.
    pub fn real(&self) -> bool {
        self.memory.is_none()
    }

    /// An object of the scenario's namespace.
    pub fn get(&self, api_version: &str, kind: &str, name: &str) -> Option<serde_json::Value> {
        self.ctx
            .kube
            .get(&ObjectRef::new(api_version, kind, Some(&self.ns), name))
            .unwrap()
    }

    /// A ConfigMap's `data.KEY`.
    pub fn cm_data(&self, name: &str, key: &str) -> Option<String> {
        let cm = self.get("v1", "ConfigMap", name)?;
        rudder_kube::str_at(&cm, &["data", key]).map(str::to_owned)
    }
}

/// A scenario.
pub type Scenario = fn(&Env);

fn start() -> Time {
    Time::parse_rfc3339("2026-11-26T10:00:00Z").unwrap()
}

fn namespace_name(prefix: &str, scenario: &str) -> String {
    static COUNTER: AtomicU32 = AtomicU32::new(0);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    format!(
        "{prefix}-{}-{}-{n}",
        scenario
            .replace('_', "-")
            .chars()
            .take(28)
            .collect::<String>(),
        std::process::id()
    )
}

fn create_namespace(client: &dyn KubeClient, name: &str) {
    let ns = client
        .build(&format!(
            "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: {name}\n"
        ))
        .unwrap();
    client.create(&ns[0]).unwrap();
}

/// Runs every scenario on a fresh in-memory cluster.
#[expect(clippy::print_stderr, reason = "names the scenario that runs")]
pub fn run_on_memory(prefix: &str, scenarios: &[(&str, Scenario)]) {
    for (name, scenario) in scenarios {
        let ns = namespace_name(prefix, name);
        let base = MemoryCluster::new();
        create_namespace(&base, &ns);
        let memory = Arc::new(base.with_namespace(&ns));
        let driver = Memory::new();
        driver.set_namespace(&ns);
        let ctx = Context::new(
            memory.clone(),
            Storage::new(driver),
            Arc::new(SteppingClock::new(start())),
        );
        eprintln!("memory: {name}");
        scenario(&Env {
            ctx,
            ns,
            memory: Some(memory),
            admin: None,
        });
    }
}

/// Runs every scenario on the cluster `KUBECONFIG` names, or says that it cannot.
#[expect(
    clippy::print_stderr,
    reason = "a skipped cluster test says so; names the scenario that runs"
)]
pub fn run_on_real_cluster(test: &str, prefix: &str, scenarios: &[(&str, Scenario)]) {
    // The test reads KUBECONFIG itself; the library never reads the environment.
    let Some(kubeconfig) = std::env::var_os("KUBECONFIG") else {
        eprintln!("{test}: not run, KUBECONFIG is not set (tests/cluster/cluster up)");
        return;
    };
    let paths = KubeOptions::split_paths(&kubeconfig.to_string_lossy());
    let connect = |ns: Option<&str>| {
        let options = KubeOptions {
            kubeconfig: paths.clone(),
            namespace: ns.map(str::to_owned),
            ..KubeOptions::default()
        };
        Cluster::connect(&options)
            .unwrap()
            .with_poll_interval(Duration::from_millis(250))
    };
    let admin = Arc::new(connect(None));
    eprintln!("{test}: {}", admin.server_version().unwrap().git_version);
    let only = std::env::var("RUDDER_SCENARIO").ok();
    for (name, scenario) in scenarios {
        if only.as_deref().is_some_and(|o| o != *name) {
            continue;
        }
        let ns = namespace_name(prefix, name);
        create_namespace(&*admin, &ns);
        let kube: Arc<dyn KubeClient> = Arc::new(connect(Some(&ns)));
        let clock = Arc::new(SteppingClock::new(start()));
        let ctx = Context::new(
            kube.clone(),
            Storage::new(Secrets::new(kube, &ns, clock.clone())),
            clock,
        );
        eprintln!("real cluster: {name}");
        scenario(&Env {
            ctx,
            ns: ns.clone(),
            memory: None,
            admin: Some(admin.clone()),
        });
        admin
            .delete(
                &ObjectRef::new("v1", "Namespace", None, &ns),
                Propagation::Background,
            )
            .unwrap();
    }
}

/// A chart from `(path, text)` pairs; `Chart.yaml` is added when missing.
pub fn chart(files: &[(&str, &str)]) -> Chart {
    let mut all: Vec<File> = files
        .iter()
        .map(|(p, t)| File::new(*p, t.as_bytes().to_vec()))
        .collect();
    if !files.iter().any(|(p, _)| *p == "Chart.yaml") {
        all.push(File::new(
            "Chart.yaml",
            b"apiVersion: v2\nname: demo\nversion: 0.1.0\nappVersion: \"1.0\"\n".to_vec(),
        ));
    }
    rudder_chart::load_files(all).unwrap()
}

/// Values from YAML.
pub fn values(yaml: &str) -> rudder_value::Map {
    match rudder_yaml::from_yaml(yaml).unwrap() {
        rudder_value::Value::Map(m) => m,
        rudder_value::Value::Nil => rudder_value::Map::new(),
        other => panic!("not a map: {other:?}"),
    }
}

/// The demo chart: a ConfigMap whose data follow the values, and NOTES.
pub fn demo_chart() -> Chart {
    chart(&[
        ("values.yaml", "greeting: hello\n"),
        (
            "templates/cm.yaml",
            "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-cm\ndata:\n  greeting: {{ .Values.greeting | quote }}\n  revision: \"{{ .Release.Revision }}\"\n{{- with .Values.extra }}\n  extra: {{ . | quote }}\n{{- end }}\n",
        ),
        (
            "templates/NOTES.txt",
            "{{ .Release.Name }} says {{ .Values.greeting }}\n",
        ),
    ])
}

/// A Deployment that never becomes ready (on the real cluster through the simulated
/// kubelet's annotation; the in-memory cluster must be set to `Simulation::Manual`).
pub const NEVER_READY: &str = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}-stuck\nspec:\n  replicas: 1\n  selector:\n    matchLabels: {app: stuck}\n  template:\n    metadata:\n      labels: {app: stuck}\n      annotations:\n        rudder.test/never-ready: \"true\"\n    spec:\n      containers:\n      - name: c\n        image: busybox\n";
