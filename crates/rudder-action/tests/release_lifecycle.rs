//! Release lifecycle scenarios (hooks, rollback, uninstall, status, history, list, get, test)
//! written once against `Context`: they run on the in-memory cluster with the memory driver
//! always, and on a real cluster with the Secret driver when `KUBECONFIG` is set (see
//! tests/cluster/README.md). Each scenario gets a namespace of its own.
//!
//! Releases are built here, not installed by the install action: resources are created with
//! `rudder_kube::create_all` and the record stored directly, as Helm's own action tests do.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;

use rudder_action::context::Context;
use rudder_action::get::{Get, GetMetadata, GetValues};
use rudder_action::history::History;
use rudder_action::hooks::exec_hooks;
use rudder_action::list::List;
use rudder_action::release_test::ReleaseTesting;
use rudder_action::rollback::Rollback;
use rudder_action::status::Status as StatusAction;
use rudder_action::uninstall::Uninstall;
use rudder_chart::{Chart, Metadata};
use rudder_kube::{
    ApplyOptions, Cluster, KubeClient, KubeOptions, ObjectRef, PatchKind, Propagation, Resource,
    ServerVersion, create_all,
};
use rudder_kube_memory::MemoryCluster;
use rudder_release::{HookEvent, HookPhase, Info, Release, Status, SteppingClock, Time, kind};
use rudder_storage::{Memory, Secrets, Storage};
use rudder_value::{Map, Value};
use serde_json::json;

type Scenario = fn(&Env);

const SCENARIOS: &[(&str, Scenario)] = &[
    ("hooks_by_weight_and_policies", hooks_by_weight_and_policies),
    ("failed_hook", failed_hook),
    ("rollback_to_previous", rollback_to_previous),
    ("rollback_errors", rollback_errors),
    (
        "uninstall_keeps_policy_resources",
        uninstall_keeps_policy_resources,
    ),
    ("uninstall_keep_history", uninstall_keep_history),
    ("history_list_and_get", history_list_and_get),
    ("release_tests", release_tests),
    ("status_resources", status_resources),
    ("hook_logs_and_crds", hook_logs_and_crds),
    ("rollback_recovers_pending", rollback_recovers_pending),
];

/// What a scenario works with.
struct Env {
    ctx: Context,
    ns: String,
    /// The in-memory cluster, when the scenario runs there (for logs).
    memory: Option<Arc<MemoryCluster>>,
}

impl Env {
    fn real(&self) -> bool {
        self.memory.is_none()
    }
}

fn start() -> Time {
    Time::parse_rfc3339("2026-11-26T10:00:00Z").unwrap()
}

fn namespace_name(scenario: &str) -> String {
    static COUNTER: AtomicU32 = AtomicU32::new(0);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    format!(
        "ra-{}-{}-{n}",
        scenario
            .replace('_', "-")
            .chars()
            .take(30)
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

#[test]
fn scenarios_on_memory_cluster() {
    for (name, scenario) in SCENARIOS {
        let ns = namespace_name(name);
        let base = MemoryCluster::new();
        create_namespace(&base, &ns);
        let memory = Arc::new(base.with_namespace(&ns));
        let kube: Arc<dyn KubeClient> = Arc::new(FailingPods(memory.clone()));
        let driver = Memory::new();
        driver.set_namespace(&ns);
        let ctx = Context::new(
            kube,
            Storage::new(driver),
            Arc::new(SteppingClock::new(start())),
        );
        scenario(&Env {
            ctx,
            ns,
            memory: Some(memory),
        });
    }
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
    let admin = connect(None);
    eprintln!(
        "scenarios_on_real_cluster: {}",
        admin.server_version().unwrap().git_version
    );
    let only = std::env::var("RUDDER_SCENARIO").ok();
    for (name, scenario) in SCENARIOS {
        if only.as_deref().is_some_and(|o| o != *name) {
            continue;
        }
        let ns = namespace_name(name);
        create_namespace(&admin, &ns);
        wait_for_service_account(&admin, &ns);
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
        });
        admin
            .delete(
                &ObjectRef::new("v1", "Namespace", None, &ns),
                Propagation::Background,
            )
            .unwrap();
    }
}

/// Pods are refused in a fresh namespace until the controller gave its `default` service
/// account a token (v1.20: "No API token found for service account").
fn wait_for_service_account(client: &dyn KubeClient, ns: &str) {
    let sa = ObjectRef::new("v1", "ServiceAccount", Some(ns), "default");
    for _ in 0..120 {
        let ready = client.get(&sa).unwrap().is_some_and(|o| {
            o.get("secrets")
                .and_then(serde_json::Value::as_array)
                .is_some_and(|s| !s.is_empty())
        });
        if ready {
            return;
        }
        std::thread::sleep(Duration::from_millis(250));
    }
    panic!("namespace {ns}: the default service account got no token in 30 s");
}

// ---------------------------------------------------------------------------------------------
// Building releases

fn chart(name: &str, version: &str, app_version: &str) -> Chart {
    let mut metadata = Metadata::default();
    "v2".clone_into(&mut metadata.api_version);
    name.clone_into(&mut metadata.name);
    version.clone_into(&mut metadata.version);
    app_version.clone_into(&mut metadata.app_version);
    let mut chart = Chart::default();
    chart.metadata = metadata;
    chart
}

/// A release from rendered documents (`path` → YAML), hooks separated as Helm does.
fn release(env: &Env, name: &str, version: i64, files: &[(&str, &str)]) -> Release {
    let files: BTreeMap<String, String> = files
        .iter()
        .map(|(p, c)| ((*p).to_owned(), (*c).to_owned()))
        .collect();
    let sorted = rudder_release::manifest::sort_manifests(&files, kind::INSTALL_ORDER).unwrap();
    let mut manifest = String::new();
    for m in &sorted.manifests {
        let _ = write!(manifest, "---\n# Source: {}\n{}\n", m.name, m.content);
    }
    let now = env.ctx.clock.now();
    Release {
        name: name.to_owned(),
        namespace: env.ns.clone(),
        version,
        chart: Some(chart("demo", "0.1.0", "1.0")),
        manifest,
        hooks: sorted.hooks,
        info: Info {
            first_deployed: Some(now),
            last_deployed: Some(now),
            status: Some(Status::Deployed),
            description: "Install complete".to_owned(),
            notes: "Thanks for installing.\n".to_owned(),
            ..Info::default()
        },
        apply_method: "ssa".to_owned(),
        ..Release::default()
    }
}

/// Stores the release and creates its resources, as an install or upgrade leaves them.
fn deploy(env: &Env, rel: &Release) {
    let resources = env.ctx.kube.build(&rel.manifest).unwrap();
    let (_, result) = create_all(&*env.ctx.kube, &resources, &ApplyOptions::default());
    result.unwrap();
    if rel.version > 1 {
        let mut previous = env.ctx.releases.get(&rel.name, rel.version - 1).unwrap();
        previous.info.status = Some(Status::Superseded);
        env.ctx.releases.update(&previous).unwrap();
    }
    env.ctx.releases.create(rel).unwrap();
}

fn configmap(name: &str, data: &str, annotations: &str) -> String {
    format!(
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {name}\n  annotations:\n    owner: rudder\n{annotations}data:\n  value: {data:?}\n"
    )
}

fn hook_cm(name: &str, events: &str, weight: i64, policy: Option<&str>) -> String {
    let mut annotations =
        format!("    helm.sh/hook: {events}\n    helm.sh/hook-weight: \"{weight}\"\n");
    if let Some(p) = policy {
        let _ = writeln!(annotations, "    helm.sh/hook-delete-policy: {p}");
    }
    configmap(name, "hook", &annotations)
}

fn hook_job(name: &str, events: &str, weight: i64, exit_code: i64, policy: Option<&str>) -> String {
    let policy = policy
        .map(|p| format!("    helm.sh/hook-delete-policy: {p}\n"))
        .unwrap_or_default();
    format!(
        "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: {name}\n  annotations:\n    helm.sh/hook: {events}\n    helm.sh/hook-weight: \"{weight}\"\n{policy}spec:\n  backoffLimit: 0\n  template:\n    metadata:\n      annotations:\n        rudder.test/exit-code: \"{exit_code}\"\n    spec:\n      restartPolicy: Never\n      containers:\n      - name: main\n        image: busybox\n"
    )
}

fn test_pod(name: &str, weight: i64, exit_code: i64) -> String {
    format!(
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: {name}\n  annotations:\n    helm.sh/hook: test\n    helm.sh/hook-weight: \"{weight}\"\n    rudder.test/exit-code: \"{exit_code}\"\nspec:\n  restartPolicy: Never\n  containers:\n  - name: main\n    image: busybox\n"
    )
}

fn exists(env: &Env, api_version: &str, kind: &str, name: &str) -> bool {
    env.ctx
        .kube
        .get(&ObjectRef::new(api_version, kind, Some(&env.ns), name))
        .unwrap()
        .is_some()
}

fn cm_value(env: &Env, name: &str) -> Option<String> {
    env.ctx
        .kube
        .get(&ObjectRef::new("v1", "ConfigMap", Some(&env.ns), name))
        .unwrap()
        .and_then(|o| o["data"]["value"].as_str().map(str::to_owned))
}

fn hook<'a>(rel: &'a Release, name: &str) -> &'a rudder_release::Hook {
    rel.hooks.iter().find(|h| h.name == name).unwrap()
}

fn chain(e: &(dyn std::error::Error + 'static)) -> String {
    rudder_kube::chain(e)
}

// ---------------------------------------------------------------------------------------------
// Scenarios

fn hooks_by_weight_and_policies(env: &Env) {
    let b = hook_cm("hook-b", "pre-install", 1, None);
    let a = hook_cm("hook-a", "pre-install", 1, Some("hook-succeeded"));
    let job = hook_job("hook-job", "pre-install,pre-upgrade", -1, 0, None);
    let post = hook_cm("post", "post-install", 0, None);
    let mut rel = release(
        env,
        "hooks",
        1,
        &[
            ("demo/templates/b.yaml", &b),
            ("demo/templates/a.yaml", &a),
            ("demo/templates/job.yaml", &job),
            ("demo/templates/post.yaml", &post),
        ],
    );
    rel.info.status = Some(Status::PendingInstall);
    env.ctx.releases.create(&rel).unwrap();

    exec_hooks(
        &env.ctx,
        &mut rel,
        HookEvent::PreInstall,
        Duration::from_mins(1),
        true,
    )
    .unwrap();

    // Weight first, then name: the Job (-1), then hook-a and hook-b (1).
    let started = |n: &str| hook(&rel, n).last_run.started_at.unwrap();
    assert!(started("hook-job").unix() < started("hook-a").unix());
    assert!(started("hook-a").unix() < started("hook-b").unix());
    for n in ["hook-job", "hook-a", "hook-b"] {
        assert_eq!(
            hook(&rel, n).last_run.phase,
            Some(HookPhase::Succeeded),
            "{n}"
        );
        assert!(hook(&rel, n).last_run.completed_at.is_some());
    }
    assert_eq!(hook(&rel, "post").last_run.phase, None);
    // A hook without a policy gets before-hook-creation.
    assert_eq!(
        hook(&rel, "hook-b").delete_policies[0].0,
        "before-hook-creation"
    );
    assert!(!exists(env, "v1", "ConfigMap", "hook-a"));
    assert!(exists(env, "v1", "ConfigMap", "hook-b"));
    assert!(exists(env, "batch/v1", "Job", "hook-job"));
    assert!(!exists(env, "v1", "ConfigMap", "post"));
    // The record was written when the last hook started.
    let stored = env.ctx.releases.get("hooks", 1).unwrap();
    assert_eq!(
        hook(&stored, "hook-b").last_run.phase,
        Some(HookPhase::Running)
    );

    // Running again replaces hook-b (before-hook-creation) instead of failing on it.
    let uid = |env: &Env| {
        env.ctx
            .kube
            .get(&ObjectRef::new("v1", "ConfigMap", Some(&env.ns), "hook-b"))
            .unwrap()
            .unwrap()["metadata"]["uid"]
            .clone()
    };
    let first = uid(env);
    exec_hooks(
        &env.ctx,
        &mut rel,
        HookEvent::PreInstall,
        Duration::from_mins(1),
        true,
    )
    .unwrap();
    assert_ne!(uid(env), first);
}

fn failed_hook(env: &Env) {
    let ok = hook_cm("first", "pre-upgrade", 0, Some("hook-succeeded"));
    let fail = hook_job("migrate", "pre-upgrade", 5, 1, Some("hook-failed"));
    let never = hook_cm("never", "pre-upgrade", 9, None);
    let mut rel = release(
        env,
        "failing",
        1,
        &[
            ("demo/templates/ok.yaml", &ok),
            ("demo/templates/job.yaml", &fail),
            ("demo/templates/never.yaml", &never),
        ],
    );
    env.ctx.releases.create(&rel).unwrap();
    let err = exec_hooks(
        &env.ctx,
        &mut rel,
        HookEvent::PreUpgrade,
        Duration::from_mins(1),
        true,
    )
    .unwrap_err();
    assert_eq!(
        chain(&err),
        format!(
            "resource Job/{}/migrate not ready. status: Failed, message: Job Failed. failed: 1/1",
            env.ns
        )
    );
    assert_eq!(
        hook(&rel, "first").last_run.phase,
        Some(HookPhase::Succeeded)
    );
    assert_eq!(
        hook(&rel, "migrate").last_run.phase,
        Some(HookPhase::Failed)
    );
    assert_eq!(hook(&rel, "never").last_run.phase, None);
    // hook-failed deletes the failed Job; hook-succeeded the hook that ran before it.
    assert!(!exists(env, "batch/v1", "Job", "migrate"));
    assert!(!exists(env, "v1", "ConfigMap", "first"));
    assert!(!exists(env, "v1", "ConfigMap", "never"));
}

fn rollback_to_previous(env: &Env) {
    let pre = hook_cm("pre-rb", "pre-rollback", 0, None);
    let v1 = configmap("settings", "one", "");
    deploy(
        env,
        &release(
            env,
            "web",
            1,
            &[
                ("demo/templates/cm.yaml", &v1),
                ("demo/templates/pre.yaml", &pre),
            ],
        ),
    );
    let v2 = configmap("settings", "two", "");
    let extra = configmap("extra", "new", "");
    let mut rel2 = release(
        env,
        "web",
        2,
        &[
            ("demo/templates/cm.yaml", &v2),
            ("demo/templates/extra.yaml", &extra),
        ],
    );
    "Upgrade complete".clone_into(&mut rel2.info.description);
    let current = env
        .ctx
        .kube
        .build(&env.ctx.releases.get("web", 1).unwrap().manifest)
        .unwrap();
    let target = env.ctx.kube.build(&rel2.manifest).unwrap();
    let (_, r) = rudder_kube::update_all(
        &*env.ctx.kube,
        &current,
        &target,
        &rudder_kube::UpdateOptions::default(),
    );
    r.unwrap();
    deploy_record_only(env, &rel2);
    assert_eq!(cm_value(env, "settings").as_deref(), Some("two"));

    // A dry run stores nothing.
    let dry = Rollback {
        dry_run: true,
        ..Rollback::default()
    }
    .run(&env.ctx, "web")
    .unwrap();
    assert_eq!(dry.version, 3);
    assert_eq!(dry.info.status, Some(Status::PendingRollback));
    assert_eq!(env.ctx.releases.history("web").unwrap().len(), 2);

    let rolled = Rollback::default().run(&env.ctx, "web").unwrap();
    assert_eq!(rolled.version, 3);
    assert_eq!(rolled.info.description, "Rollback to 1");
    assert_eq!(rolled.info.status, Some(Status::Deployed));
    assert_eq!(rolled.apply_method, "ssa");
    assert_eq!(
        rolled.manifest,
        env.ctx.releases.get("web", 1).unwrap().manifest
    );
    assert_eq!(cm_value(env, "settings").as_deref(), Some("one"));
    assert!(!exists(env, "v1", "ConfigMap", "extra"));
    assert!(exists(env, "v1", "ConfigMap", "pre-rb"));
    assert_eq!(
        hook(&rolled, "pre-rb").last_run.phase,
        Some(HookPhase::Succeeded)
    );
    let statuses: Vec<(i64, Option<Status>)> = {
        let mut h = env.ctx.releases.history("web").unwrap();
        h.sort_by_key(|r| r.version);
        h.iter().map(|r| (r.version, r.info.status)).collect()
    };
    assert_eq!(
        statuses,
        [
            (1, Some(Status::Superseded)),
            (2, Some(Status::Superseded)),
            (3, Some(Status::Deployed))
        ]
    );
    // Helm's managed-by label and release annotations are forced onto rolled-back objects.
    let cm = env
        .ctx
        .kube
        .get(&ObjectRef::new(
            "v1",
            "ConfigMap",
            Some(&env.ns),
            "settings",
        ))
        .unwrap()
        .unwrap();
    assert_eq!(
        cm["metadata"]["labels"]["app.kubernetes.io/managed-by"],
        "Helm"
    );
    assert_eq!(
        cm["metadata"]["annotations"]["meta.helm.sh/release-name"],
        "web"
    );

    // Rolling back to revision 2 explicitly, without hooks.
    let again = Rollback {
        version: 2,
        disable_hooks: true,
        ..Rollback::default()
    }
    .run(&env.ctx, "web")
    .unwrap();
    assert_eq!(again.info.description, "Rollback to 2");
    assert_eq!(cm_value(env, "settings").as_deref(), Some("two"));
}

/// Stores a revision whose resources are already in place.
fn deploy_record_only(env: &Env, rel: &Release) {
    let mut previous = env.ctx.releases.get(&rel.name, rel.version - 1).unwrap();
    previous.info.status = Some(Status::Superseded);
    env.ctx.releases.update(&previous).unwrap();
    env.ctx.releases.create(rel).unwrap();
}

fn rollback_errors(env: &Env) {
    let v1 = configmap("only", "one", "");
    deploy(
        env,
        &release(env, "solo", 1, &[("demo/templates/cm.yaml", &v1)]),
    );
    let err = |r: Rollback, name: &str| chain(&r.run(&env.ctx, name).unwrap_err());
    assert_eq!(err(Rollback::default(), "solo"), "release has no 0 version");
    assert_eq!(
        err(
            Rollback {
                version: 7,
                ..Rollback::default()
            },
            "solo"
        ),
        "release has no 7 version"
    );
    assert_eq!(
        err(
            Rollback {
                version: -1,
                ..Rollback::default()
            },
            "solo"
        ),
        "invalid release revision"
    );
    assert_eq!(
        err(Rollback::default(), "Bad_Name"),
        "prepareRollback: Release name is invalid: Bad_Name"
    );
    assert_eq!(err(Rollback::default(), "missing"), "release: not found");
    assert_eq!(
        err(
            Rollback {
                version: 1,
                server_side: "maybe".to_owned(),
                ..Rollback::default()
            },
            "solo"
        ),
        "invalid/unknown release server-side apply method: maybe"
    );
}

fn uninstall_keeps_policy_resources(env: &Env) {
    let kept = configmap("kept", "k", "    helm.sh/resource-policy: keep\n");
    let gone = configmap("gone", "g", "");
    let deployment = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 1\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n      - name: web\n        image: nginx\n";
    let pre = hook_cm("pre-del", "pre-delete", 0, Some("hook-succeeded"));
    let post = hook_job("post-del", "post-delete", 0, 0, None);
    let rel = release(
        env,
        "shop",
        1,
        &[
            ("demo/templates/kept.yaml", &kept),
            ("demo/templates/gone.yaml", &gone),
            ("demo/templates/deploy.yaml", deployment),
            ("demo/templates/pre.yaml", &pre),
            ("demo/templates/post.yaml", &post),
        ],
    );
    deploy(env, &rel);

    let dry = Uninstall {
        dry_run: true,
        ..Uninstall::default()
    }
    .run(&env.ctx, "shop")
    .unwrap();
    assert_eq!(dry.release.unwrap().version, 1);
    assert!(exists(env, "v1", "ConfigMap", "gone"));

    let response = Uninstall {
        wait: true,
        timeout: Duration::from_mins(1),
        ..Uninstall::default()
    }
    .run(&env.ctx, "shop")
    .unwrap();
    assert_eq!(
        response.info,
        "These resources were kept due to the resource policy:\n[ConfigMap] kept\n"
    );
    let rel = response.release.unwrap();
    assert_eq!(rel.info.status, Some(Status::Uninstalled));
    assert_eq!(rel.info.description, "Uninstallation complete");
    assert_eq!(
        hook(&rel, "pre-del").last_run.phase,
        Some(HookPhase::Succeeded)
    );
    assert_eq!(
        hook(&rel, "post-del").last_run.phase,
        Some(HookPhase::Succeeded)
    );
    assert!(exists(env, "v1", "ConfigMap", "kept"));
    assert!(!exists(env, "v1", "ConfigMap", "gone"));
    assert!(!exists(env, "apps/v1", "Deployment", "web"));
    assert!(!exists(env, "v1", "ConfigMap", "pre-del"));
    assert!(exists(env, "batch/v1", "Job", "post-del"));
    assert_eq!(
        chain(&env.ctx.releases.history("shop").unwrap_err()),
        "release: not found"
    );

    let err = Uninstall::default().run(&env.ctx, "shop").unwrap_err();
    assert_eq!(
        chain(&err),
        "uninstall: Release not loaded: shop: release: not found"
    );
    let ignored = Uninstall {
        ignore_not_found: true,
        ..Uninstall::default()
    }
    .run(&env.ctx, "shop")
    .unwrap();
    assert!(ignored.release.is_none());
    assert_eq!(
        chain(&Uninstall::default().run(&env.ctx, "No").unwrap_err()),
        "uninstall: Release name is invalid: No"
    );
}

fn uninstall_keep_history(env: &Env) {
    let cm = configmap("data", "1", "");
    deploy(
        env,
        &release(env, "kept", 1, &[("demo/templates/cm.yaml", &cm)]),
    );
    deploy(
        env,
        &release(env, "kept", 2, &[("demo/templates/cm.yaml", &cm)]),
    );
    let response = Uninstall {
        keep_history: true,
        description: "bye".to_owned(),
        disable_hooks: true,
        ..Uninstall::default()
    }
    .run(&env.ctx, "kept")
    .unwrap();
    assert_eq!(response.info, "");
    let mut history = env.ctx.releases.history("kept").unwrap();
    history.sort_by_key(|r| r.version);
    let last = history.last().unwrap();
    assert_eq!(last.info.status, Some(Status::Uninstalled));
    assert_eq!(last.info.description, "bye");
    assert!(last.info.deleted.is_some());
    assert!(!exists(env, "v1", "ConfigMap", "data"));

    let err = Uninstall {
        keep_history: true,
        ..Uninstall::default()
    }
    .run(&env.ctx, "kept")
    .unwrap_err();
    assert_eq!(chain(&err), "the release named \"kept\" is already deleted");

    // Listing sees it only with --uninstalled or --all.
    let names = |l: List| -> Vec<String> {
        l.run(&env.ctx)
            .unwrap()
            .into_iter()
            .map(|r| r.name)
            .collect()
    };
    assert_eq!(
        names(List {
            uninstalled: true,
            ..List::default()
        }),
        ["kept"]
    );
    assert_eq!(
        names(List {
            deployed: true,
            ..List::default()
        }),
        Vec::<String>::new()
    );

    // Without --keep-history an uninstalled release is purged.
    let purged = Uninstall::default().run(&env.ctx, "kept").unwrap();
    assert_eq!(purged.release.unwrap().version, 2);
    assert!(env.ctx.releases.history("kept").is_err());
}

fn history_list_and_get(env: &Env) {
    let cm = configmap("a", "1", "");
    let mut alpha = release(env, "alpha", 1, &[("demo/templates/cm.yaml", &cm)]);
    alpha.config = Map::new();
    alpha.config.insert("replicas", Value::Int64(3));
    alpha.labels.insert("team".to_owned(), "blue".to_owned());
    env.ctx.releases.create(&alpha).unwrap();
    let mut alpha2 = alpha.clone();
    alpha2.version = 2;
    alpha2.info.last_deployed = Some(env.ctx.clock.now());
    alpha2.info.status = Some(Status::Failed);
    "Upgrade \"alpha\" failed".clone_into(&mut alpha2.info.description);
    env.ctx.releases.create(&alpha2).unwrap();
    let mut beta = release(env, "beta", 1, &[("demo/templates/cm.yaml", &cm)]);
    beta.info.status = Some(Status::PendingInstall);
    env.ctx.releases.create(&beta).unwrap();
    let mut gamma = release(env, "gamma", 1, &[("demo/templates/cm.yaml", &cm)]);
    gamma.info.last_deployed = Some(Time::from_unix(start().unix() - 100, 0, 0));
    env.ctx.releases.create(&gamma).unwrap();

    let history = History { max: 256 }.run(&env.ctx, "alpha").unwrap();
    assert_eq!(
        history.iter().map(|r| r.version).collect::<Vec<_>>(),
        [1, 2]
    );
    let newest = History { max: 1 }.run(&env.ctx, "alpha").unwrap();
    assert_eq!(newest.iter().map(|r| r.version).collect::<Vec<_>>(), [2]);
    assert_eq!(
        chain(&History::default().run(&env.ctx, "nope").unwrap_err()),
        "release: not found"
    );
    assert_eq!(
        chain(&History::default().run(&env.ctx, "No").unwrap_err()),
        "release name is invalid: No"
    );

    let names = |l: List| -> Vec<(String, i64)> {
        l.run(&env.ctx)
            .unwrap()
            .into_iter()
            .map(|r| (r.name, r.version))
            .collect()
    };
    let all = |v: &[(&str, i64)]| -> Vec<(String, i64)> {
        v.iter().map(|(n, r)| ((*n).to_owned(), *r)).collect()
    };
    assert_eq!(
        names(List::default()),
        all(&[("alpha", 2), ("beta", 1), ("gamma", 1)])
    );
    assert_eq!(
        names(List {
            sort_reverse: true,
            ..List::default()
        }),
        all(&[("gamma", 1), ("beta", 1), ("alpha", 2)])
    );
    // --date: oldest first (gamma was deployed 100 s before the others).
    assert_eq!(
        names(List {
            by_date: true,
            ..List::default()
        })[0]
            .0,
        "gamma"
    );
    assert_eq!(
        names(List {
            failed: true,
            pending: true,
            ..List::default()
        }),
        all(&[("alpha", 2), ("beta", 1)])
    );
    assert_eq!(
        names(List {
            superseded: true,
            ..List::default()
        }),
        all(&[])
    );
    assert_eq!(
        names(List {
            filter: "^[ab]".to_owned(),
            ..List::default()
        }),
        all(&[("alpha", 2), ("beta", 1)])
    );
    assert_eq!(
        names(List {
            selector: "team=blue".to_owned(),
            ..List::default()
        }),
        all(&[("alpha", 2)])
    );
    assert_eq!(
        names(List {
            limit: 1,
            offset: 1,
            ..List::default()
        }),
        all(&[("beta", 1)])
    );
    assert_eq!(
        names(List {
            offset: 5,
            ..List::default()
        }),
        all(&[])
    );
    let bad = List {
        filter: "(".to_owned(),
        ..List::default()
    }
    .run(&env.ctx)
    .unwrap_err();
    assert_eq!(chain(&bad), "error parsing regexp: missing closing ): `(`");

    let got = Get { version: 1 }.run(&env.ctx, "alpha").unwrap();
    assert_eq!(got.version, 1);
    assert_eq!(Get::default().run(&env.ctx, "alpha").unwrap().version, 2);
    assert_eq!(
        chain(&Get { version: 9 }.run(&env.ctx, "alpha").unwrap_err()),
        "release: not found"
    );
    assert_eq!(
        chain(&Get::default().run(&env.ctx, "a_b").unwrap_err()),
        "releaseContent: Release name is invalid: a_b"
    );
    let values = GetValues::default().run(&env.ctx, "alpha").unwrap();
    // Through a Secret the number comes back as Go's float64.
    assert!(matches!(
        values.get("replicas"),
        Some(Value::Int64(3) | Value::Float(3.0))
    ));
    let metadata = GetMetadata::default().run(&env.ctx, "alpha").unwrap();
    assert_eq!(metadata.chart, "demo");
    assert_eq!(metadata.revision, 2);
    assert_eq!(metadata.status, "failed");
    assert_eq!(
        metadata.deployed_at,
        rudder_action::get::rfc3339_seconds(alpha2.info.last_deployed.unwrap())
    );
    assert!(!metadata.deployed_at.contains('.'));
    assert_eq!(
        metadata.labels.get("team").map(String::as_str),
        Some("blue")
    );
}

fn release_tests(env: &Env) {
    let ok = test_pod("test-ok", 0, 0);
    let bad = test_pod("test-bad", 1, 1);
    let mut rel = release(
        env,
        "tested",
        1,
        &[
            ("demo/templates/tests/ok.yaml", &ok),
            ("demo/templates/tests/bad.yaml", &bad),
        ],
    );
    "Install complete".clone_into(&mut rel.info.description);
    deploy(env, &rel);
    if let Some(memory) = &env.memory {
        memory.set_logs(&env.ns, "test-ok", "", "all good\n");
    }

    let tests = ReleaseTesting {
        timeout: Duration::from_mins(1),
        namespace: env.ns.clone(),
        include: vec!["test-ok".to_owned()],
        ..ReleaseTesting::default()
    };
    let run = tests.run(&env.ctx, "tested").unwrap();
    run.result.unwrap();
    assert_eq!(
        run.release
            .hooks
            .iter()
            .map(|h| h.name.as_str())
            .collect::<Vec<_>>(),
        ["test-bad", "test-ok"],
        "skipped hooks come first"
    );
    assert_eq!(
        hook(&run.release, "test-ok").last_run.phase,
        Some(HookPhase::Succeeded)
    );
    assert_eq!(hook(&run.release, "test-bad").last_run.phase, None);
    if !env.real() {
        assert_eq!(
            tests.pod_logs(&env.ctx, &run.release).unwrap(),
            "POD LOGS: test-ok\nall good\n\n"
        );
    }
    run.shutdown.run(&env.ctx, &run.release).unwrap();
    let stored = env.ctx.releases.get("tested", 1).unwrap();
    assert_eq!(
        hook(&stored, "test-ok").last_run.phase,
        Some(HookPhase::Succeeded)
    );

    let all = ReleaseTesting {
        timeout: Duration::from_mins(1),
        namespace: env.ns.clone(),
        ..ReleaseTesting::default()
    }
    .run(&env.ctx, "tested")
    .unwrap();
    let err = all.result.unwrap_err();
    assert_eq!(
        chain(&err),
        format!(
            "resource Pod/{}/test-bad not ready. status: Failed, message: pod test-bad failed",
            env.ns
        )
    );
    assert_eq!(
        hook(&all.release, "test-bad").last_run.phase,
        Some(HookPhase::Failed)
    );
    all.shutdown.run(&env.ctx, &all.release).unwrap();
    let stored = env.ctx.releases.get("tested", 1).unwrap();
    assert_eq!(
        hook(&stored, "test-bad").last_run.phase,
        Some(HookPhase::Failed)
    );
}

fn status_resources(env: &Env) {
    let cm = configmap("conf", "1", "");
    let svc = "apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  ports:\n  - port: 80\n    protocol: TCP\n  selector: {app: web}\n";
    deploy(
        env,
        &release(
            env,
            "stat",
            1,
            &[
                ("demo/templates/cm.yaml", &cm),
                ("demo/templates/svc.yaml", svc),
            ],
        ),
    );
    let (rel, resources) = StatusAction::default().run(&env.ctx, "stat").unwrap();
    assert_eq!(
        resources.keys().collect::<Vec<_>>(),
        ["v1/ConfigMap", "v1/Service"]
    );
    assert_eq!(resources["v1/ConfigMap"][0]["metadata"]["name"], "conf");
    let json = rel.to_json().unwrap();
    assert!(
        json.contains("\"resources\":{\"v1/ConfigMap\":[{"),
        "{json}"
    );
    assert_eq!(
        chain(
            &StatusAction {
                version: 4,
                tables: false,
            }
            .run(&env.ctx, "stat")
            .unwrap_err()
        ),
        "release: not found"
    );
}

fn hook_logs_and_crds(env: &Env) {
    let pod = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: logger\n  annotations:\n    helm.sh/hook: post-install\n    helm.sh/hook-output-log-policy: hook-succeeded\n    helm.sh/hook-delete-policy: hook-succeeded\nspec:\n  restartPolicy: Never\n  containers:\n  - name: main\n    image: busybox\n";
    let crd = "apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: widgets.rudder.test\n  annotations:\n    helm.sh/hook: post-install\n    helm.sh/hook-delete-policy: hook-succeeded\nspec:\n  group: rudder.test\n  scope: Namespaced\n  names: {plural: widgets, singular: widget, kind: Widget}\n  versions:\n  - name: v1\n    served: true\n    storage: true\n    schema:\n      openAPIV3Schema: {type: object}\n";
    let mut rel = release(
        env,
        "logs",
        1,
        &[
            ("demo/templates/pod.yaml", pod),
            ("demo/templates/crd.yaml", crd),
        ],
    );
    env.ctx.releases.create(&rel).unwrap();
    if let Some(memory) = &env.memory {
        memory.set_logs(&env.ns, "logger", "main", "migrated 3 tables\n");
    }
    let lines = Arc::new(std::sync::Mutex::new(Vec::<String>::new()));
    let sink = lines.clone();
    let ctx = Context {
        kube: env.ctx.kube.clone(),
        releases: Storage::new(Memory::new()),
        clock: env.ctx.clock.clone(),
        log: Some(Arc::new(move |line: &str| {
            sink.lock().unwrap().push(line.to_owned());
        })),
        hook_output: None,
    };
    exec_hooks(
        &ctx,
        &mut rel,
        HookEvent::PostInstall,
        Duration::from_mins(1),
        true,
    )
    .unwrap();
    // The Pod's log is printed before the Pod is deleted by its policy.
    if !env.real() {
        assert!(
            lines
                .lock()
                .unwrap()
                .iter()
                .any(|l| l == "migrated 3 tables\n"),
            "{:?}",
            lines.lock().unwrap()
        );
    }
    assert!(!exists(env, "v1", "Pod", "logger"));
    // A CustomResourceDefinition is never deleted by a hook policy.
    assert!(
        env.ctx
            .kube
            .get(&ObjectRef::new(
                "apiextensions.k8s.io/v1",
                "CustomResourceDefinition",
                None,
                "widgets.rudder.test"
            ))
            .unwrap()
            .is_some()
    );
    env.ctx
        .kube
        .delete(
            &ObjectRef::new(
                "apiextensions.k8s.io/v1",
                "CustomResourceDefinition",
                None,
                "widgets.rudder.test",
            ),
            Propagation::Background,
        )
        .unwrap();
}

/// A revision left `pending-upgrade` by a killed process: rollback (which, as in Helm, has no
/// pending guard) puts the last good revision back as a new deployed one, so later upgrades
/// pass the pending guard again.
fn rollback_recovers_pending(env: &Env) {
    let v1 = configmap("state", "good", "");
    deploy(
        env,
        &release(env, "stuck", 1, &[("demo/templates/cm.yaml", &v1)]),
    );
    let v2 = configmap("state", "half", "");
    let mut stuck = release(env, "stuck", 2, &[("demo/templates/cm.yaml", &v2)]);
    stuck.info.status = Some(Status::PendingUpgrade);
    "Preparing upgrade".clone_into(&mut stuck.info.description);
    env.ctx.releases.create(&stuck).unwrap();

    let rolled = Rollback::default().run(&env.ctx, "stuck").unwrap();
    assert_eq!(rolled.version, 3);
    assert_eq!(rolled.info.description, "Rollback to 1");
    let last = env.ctx.releases.last("stuck").unwrap();
    assert_eq!(last.info.status, Some(Status::Deployed));
    assert!(!last.info.status.unwrap().is_pending());
    assert_eq!(cm_value(env, "state").as_deref(), Some("good"));
    // The interrupted revision stays in the history as Helm leaves it.
    assert_eq!(
        env.ctx.releases.get("stuck", 2).unwrap().info.status,
        Some(Status::PendingUpgrade)
    );
}

// ---------------------------------------------------------------------------------------------
// The memory cluster with tests/cluster's `rudder.test/exit-code` annotation

/// The in-memory cluster, where a Pod or Job whose Pod carries `rudder.test/exit-code` other
/// than `0` fails, as on tests/cluster with its simulated kubelet (and `backoffLimit: 0`).
struct FailingPods(Arc<MemoryCluster>);

impl FailingPods {
    fn after_write(&self, written: serde_json::Value) -> rudder_kube::Result<serde_json::Value> {
        let reference = ObjectRef::of(&written)?;
        let code_at = |path: &str| {
            written
                .pointer(path)
                .and_then(|a| a.get("rudder.test/exit-code"))
                .and_then(serde_json::Value::as_str)
                .is_some_and(|c| c.trim() != "0")
        };
        let status = match reference.kind.as_str() {
            "Pod" if code_at("/metadata/annotations") => {
                json!({"phase": "Failed", "conditions": [
                    {"type": "Ready", "status": "False", "reason": "PodFailed"}]})
            }
            "Job" if code_at("/spec/template/metadata/annotations") => {
                let backoff = written
                    .pointer("/spec/backoffLimit")
                    .and_then(serde_json::Value::as_i64)
                    .unwrap_or(6);
                json!({"failed": backoff + 1, "conditions": [
                    {"type": "Failed", "status": "True", "reason": "BackoffLimitExceeded"}]})
            }
            _ => return Ok(written),
        };
        self.0.set_status(&reference, status)
    }
}

impl KubeClient for FailingPods {
    fn namespace(&self) -> &str {
        self.0.namespace()
    }
    fn server_version(&self) -> rudder_kube::Result<ServerVersion> {
        self.0.server_version()
    }
    fn api_versions(&self) -> rudder_kube::Result<Vec<String>> {
        self.0.api_versions()
    }
    fn pod_logs(
        &self,
        namespace: &str,
        pod: &str,
        container: Option<&str>,
    ) -> rudder_kube::Result<String> {
        self.0.pod_logs(namespace, pod, container)
    }
    fn is_namespaced(&self, api_version: &str, kind: &str) -> rudder_kube::Result<bool> {
        self.0.is_namespaced(api_version, kind)
    }
    fn get(&self, r: &ObjectRef) -> rudder_kube::Result<Option<serde_json::Value>> {
        self.0.get(r)
    }
    fn list(
        &self,
        api_version: &str,
        kind: &str,
        namespace: Option<&str>,
        label_selector: &str,
    ) -> rudder_kube::Result<Vec<serde_json::Value>> {
        self.0.list(api_version, kind, namespace, label_selector)
    }
    fn create(&self, resource: &Resource) -> rudder_kube::Result<serde_json::Value> {
        let written = self.0.create(resource)?;
        self.after_write(written)
    }
    fn update(&self, resource: &Resource) -> rudder_kube::Result<serde_json::Value> {
        self.0.update(resource)
    }
    fn apply(
        &self,
        resource: &Resource,
        options: &ApplyOptions,
    ) -> rudder_kube::Result<serde_json::Value> {
        let written = self.0.apply(resource, options)?;
        self.after_write(written)
    }
    fn patch(
        &self,
        reference: &ObjectRef,
        patch: &serde_json::Value,
        kind: PatchKind,
    ) -> rudder_kube::Result<serde_json::Value> {
        self.0.patch(reference, patch, kind)
    }
    fn delete(&self, reference: &ObjectRef, propagation: Propagation) -> rudder_kube::Result<bool> {
        self.0.delete(reference, propagation)
    }
    fn poll_interval(&self) -> Duration {
        self.0.poll_interval()
    }
}
