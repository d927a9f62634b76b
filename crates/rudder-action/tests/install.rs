//! Install scenarios, written once against `Context`: on the in-memory cluster always and on
//! a real cluster when `KUBECONFIG` is set.

mod release_env;

use std::time::Duration;

use release_env::{Env, NEVER_READY, Scenario, chart, demo_chart, values};
use rudder_action::install::{DryRun, Install, WaitStrategy};
use rudder_kube::{KubeClient, ObjectRef, Propagation, str_at};
use rudder_kube_memory::Simulation;
use rudder_release::{HookEvent, HookPhase, Status};
use rudder_value::Map;

const SCENARIOS: &[(&str, Scenario)] = &[
    ("install_records_deployed", install_records_deployed),
    ("name_in_use", name_in_use),
    ("foreign_resources", foreign_resources),
    ("dry_run_changes_nothing", dry_run_changes_nothing),
    ("hooks_run_in_order", hooks_run_in_order),
    ("crds_first", crds_first),
    ("failure_and_rollback", failure_and_rollback),
    ("labels_and_description", labels_and_description),
    ("failed_hook", failed_hook),
];

#[test]
fn install_scenarios_on_memory_cluster() {
    release_env::run_on_memory("ri", SCENARIOS);
}

#[test]
fn install_scenarios_on_real_cluster() {
    release_env::run_on_real_cluster("install_scenarios_on_real_cluster", "ri", SCENARIOS);
}

fn install(env: &Env, name: &str) -> Install {
    Install {
        release_name: name.to_owned(),
        namespace: env.ns.clone(),
        ..Install::default()
    }
}

fn install_records_deployed(env: &Env) {
    let rel = install(env, "web")
        .run(&env.ctx, demo_chart(), &values("greeting: hi\n"))
        .unwrap();
    assert_eq!(rel.version, 1);
    assert_eq!(rel.info.status, Some(Status::Deployed));
    assert_eq!(rel.info.description, "Install complete");
    assert_eq!(rel.info.notes, "web says hi\n");
    assert_eq!(rel.apply_method, "ssa");
    assert_eq!(rel.info.first_deployed, rel.info.last_deployed);
    assert_eq!(
        rudder_yaml::to_yaml(&rudder_value::Value::Map(rel.config.clone())).unwrap(),
        "greeting: hi\n"
    );
    let stored = env.ctx.releases.get("web", 1).unwrap();
    assert_eq!(stored.info.status, Some(Status::Deployed));
    assert_eq!(stored.manifest, rel.manifest);
    assert!(
        rel.manifest
            .starts_with("---\n# Source: demo/templates/cm.yaml\n")
    );

    let cm = env.get("v1", "ConfigMap", "web-cm").unwrap();
    assert_eq!(str_at(&cm, &["data", "greeting"]), Some("hi"));
    assert_eq!(
        str_at(&cm, &["metadata", "labels", "app.kubernetes.io/managed-by"]),
        Some("Helm")
    );
    assert_eq!(
        str_at(
            &cm,
            &["metadata", "annotations", "meta.helm.sh/release-name"]
        ),
        Some("web")
    );
    assert_eq!(
        str_at(
            &cm,
            &["metadata", "annotations", "meta.helm.sh/release-namespace"]
        ),
        Some(env.ns.as_str())
    );
    // Server-side apply with Helm's field manager (the in-memory server keeps no
    // managedFields).
    if env.real() {
        let managers: Vec<&str> = cm["metadata"]["managedFields"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|m| m["manager"].as_str())
            .collect();
        assert_eq!(managers, ["helm"]);
    }
}

fn name_in_use(env: &Env) {
    install(env, "web")
        .run(&env.ctx, demo_chart(), &Map::new())
        .unwrap();
    let err = install(env, "web")
        .run(&env.ctx, demo_chart(), &Map::new())
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "release name check failed: cannot reuse a name that is still in use"
    );
    // --replace only reuses names of uninstalled or failed releases.
    let err = Install {
        replace: true,
        ..install(env, "web")
    }
    .run(&env.ctx, demo_chart(), &Map::new())
    .unwrap_err();
    assert!(matches!(err, rudder_action::Error::NameInUse));
    let err = install(env, "Bad_Name")
        .run(&env.ctx, demo_chart(), &Map::new())
        .unwrap_err();
    assert!(
        err.to_string().starts_with(
            "release name check failed: release name \"Bad_Name\": invalid release name"
        ),
        "{err}"
    );
}

fn foreign_resources(env: &Env) {
    let cm = env
        .ctx
        .kube
        .build(
            "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web-cm\ndata:\n  mine: \"yes\"\n",
        )
        .unwrap();
    env.ctx.kube.create(&cm[0]).unwrap();
    let err = install(env, "web")
        .run(&env.ctx, demo_chart(), &Map::new())
        .unwrap_err();
    let ns = &env.ns;
    assert_eq!(
        rudder_kube::chain(&err),
        format!(
            "unable to continue with install: ConfigMap \"web-cm\" in namespace \"{ns}\" exists and cannot be imported into the current release: invalid ownership metadata; label validation error: missing key \"app.kubernetes.io/managed-by\": must be set to \"Helm\"; annotation validation error: missing key \"meta.helm.sh/release-name\": must be set to \"web\"; annotation validation error: missing key \"meta.helm.sh/release-namespace\": must be set to \"{ns}\""
        )
    );
    // Nothing was recorded.
    assert!(
        env.ctx
            .releases
            .history("web")
            .unwrap_or_default()
            .is_empty()
    );

    // A resource of another release names it.
    let other = env
        .ctx
        .kube
        .build("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: other-cm\n  labels:\n    app.kubernetes.io/managed-by: Helm\n  annotations:\n    meta.helm.sh/release-name: first\n    meta.helm.sh/release-namespace: elsewhere\n")
        .unwrap();
    env.ctx.kube.create(&other[0]).unwrap();
    let err = install(env, "other")
        .run(&env.ctx, demo_chart(), &Map::new())
        .unwrap_err();
    assert_eq!(
        rudder_kube::chain(&err),
        format!(
            "unable to continue with install: ConfigMap \"other-cm\" in namespace \"{ns}\" exists and cannot be imported into the current release: invalid ownership metadata; annotation validation error: key \"meta.helm.sh/release-name\" must equal \"other\": current value is \"first\"; annotation validation error: key \"meta.helm.sh/release-namespace\" must equal \"{ns}\": current value is \"elsewhere\""
        )
    );

    // --take-ownership adopts it.
    let rel = Install {
        take_ownership: true,
        ..install(env, "web")
    }
    .run(&env.ctx, demo_chart(), &Map::new())
    .unwrap();
    assert_eq!(rel.info.status, Some(Status::Deployed));
    let cm = env.get("v1", "ConfigMap", "web-cm").unwrap();
    assert_eq!(
        str_at(
            &cm,
            &["metadata", "annotations", "meta.helm.sh/release-name"]
        ),
        Some("web")
    );
    assert_eq!(str_at(&cm, &["data", "greeting"]), Some("hello"));
}

fn dry_run_changes_nothing(env: &Env) {
    for dry_run in [DryRun::Client, DryRun::Server] {
        let rel = Install {
            dry_run,
            ..install(env, "web")
        }
        .run(&env.ctx, demo_chart(), &Map::new())
        .unwrap();
        assert_eq!(rel.info.description, "Dry run complete");
        assert_eq!(rel.info.status, Some(Status::PendingInstall));
        assert!(rel.manifest.contains("name: web-cm"));
    }
    assert!(env.get("v1", "ConfigMap", "web-cm").is_none());
    assert!(
        env.ctx
            .releases
            .history("web")
            .unwrap_or_default()
            .is_empty()
    );
}

fn hooks_run_in_order(env: &Env) {
    let hook = |name: &str, event: &str, weight: i32, policy: &str| {
        format!(
            "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {name}\n  annotations:\n    helm.sh/hook: {event}\n    helm.sh/hook-weight: \"{weight}\"\n    helm.sh/hook-delete-policy: {policy}\n"
        )
    };
    let c = chart(&[
        (
            "templates/cm.yaml",
            "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: main\n",
        ),
        (
            "templates/pre.yaml",
            &hook("pre", "pre-install", 1, "before-hook-creation"),
        ),
        (
            "templates/pre0.yaml",
            &hook("pre0", "pre-install", -1, "hook-succeeded"),
        ),
        (
            "templates/post.yaml",
            &hook("post", "post-install", 0, "before-hook-creation"),
        ),
    ]);
    let rel = install(env, "hooked")
        .run(&env.ctx, c.clone(), &Map::new())
        .unwrap();
    assert_eq!(rel.info.status, Some(Status::Deployed));
    for h in &rel.hooks {
        assert_eq!(h.last_run.phase, Some(HookPhase::Succeeded), "{}", h.name);
    }
    assert!(env.get("v1", "ConfigMap", "pre").is_some());
    assert!(env.get("v1", "ConfigMap", "post").is_some());
    // hook-succeeded deleted it once it succeeded.
    assert!(env.get("v1", "ConfigMap", "pre0").is_none());
    let stored = env.ctx.releases.get("hooked", 1).unwrap();
    assert!(
        stored
            .hooks
            .iter()
            .all(|h| h.last_run.phase == Some(HookPhase::Succeeded))
    );
    // The pre-install hooks ran before the release's resources, lightest first.
    let pre: Vec<&str> = stored
        .hooks
        .iter()
        .filter(|h| h.events.contains(&HookEvent::PreInstall))
        .map(|h| h.name.as_str())
        .collect();
    assert_eq!(pre.len(), 2);

    // --no-hooks runs none.
    let rel = Install {
        disable_hooks: true,
        ..install(env, "quiet")
    }
    .run(
        &env.ctx,
        chart(&[(
            "templates/pre.yaml",
            &hook("quiet-pre", "pre-install", 0, "before-hook-creation"),
        )]),
        &Map::new(),
    )
    .unwrap();
    assert_eq!(rel.info.status, Some(Status::Deployed));
    assert!(env.get("v1", "ConfigMap", "quiet-pre").is_none());
}

fn crds_first(env: &Env) {
    // CRDs are cluster-wide: a group of the scenario's own.
    let group = format!("{}.rudder.test", env.ns);
    let crd = format!(
        "apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: crontabs.{group}\nspec:\n  group: {group}\n  names:\n    kind: CronTab\n    plural: crontabs\n    singular: crontab\n  scope: Namespaced\n  versions:\n  - name: v1\n    served: true\n    storage: true\n    schema:\n      openAPIV3Schema:\n        type: object\n        x-kubernetes-preserve-unknown-fields: true\n"
    );
    let cr = format!(
        "apiVersion: {group}/v1\nkind: CronTab\nmetadata:\n  name: nightly\nspec:\n  cron: \"0 0 * * *\"\n"
    );
    let c = chart(&[("crds/crontab.yaml", &crd), ("templates/cr.yaml", &cr)]);
    let rel = install(env, "crd").run(&env.ctx, c, &Map::new()).unwrap();
    assert_eq!(rel.info.status, Some(Status::Deployed));
    // The CRD is not part of the release's manifest, the custom resource is.
    assert!(!rel.manifest.contains("CustomResourceDefinition"));
    let got = env
        .get(&format!("{group}/v1"), "CronTab", "nightly")
        .unwrap();
    assert_eq!(str_at(&got, &["spec", "cron"]), Some("0 0 * * *"));
    let crd_ref = ObjectRef::new(
        "apiextensions.k8s.io/v1",
        "CustomResourceDefinition",
        None,
        &format!("crontabs.{group}"),
    );
    assert!(env.ctx.kube.get(&crd_ref).unwrap().is_some());

    // --skip-crds leaves the CRD out: a second release of a chart with another CRD fails to
    // build its custom resource.
    let other = format!("other.{group}");
    let c = chart(&[
        ("crds/x.yaml", &crd.replace(&group, &other)),
        ("templates/cr.yaml", &cr.replace(&group, &other)),
    ]);
    let err = Install {
        skip_crds: true,
        ..install(env, "crd2")
    }
    .run(&env.ctx, c, &Map::new())
    .unwrap_err();
    assert!(
        rudder_kube::chain(&err).starts_with(
            "unable to build kubernetes objects from release manifest: resource mapping not found"
        ),
        "{}",
        rudder_kube::chain(&err)
    );
    if let Some(admin) = &env.admin {
        admin.delete(&crd_ref, Propagation::Background).unwrap();
    }
}

fn failure_and_rollback(env: &Env) {
    if let Some(m) = &env.memory {
        m.set_simulation(Simulation::Manual);
    }
    let c = chart(&[
        (
            "templates/cm.yaml",
            "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-cm\n",
        ),
        ("templates/stuck.yaml", NEVER_READY),
    ]);
    let waiting = |name: &str| Install {
        wait: WaitStrategy::Watcher,
        timeout: Duration::from_secs(2),
        ..install(env, name)
    };
    let err = waiting("bad")
        .run(&env.ctx, c.clone(), &Map::new())
        .unwrap_err();
    let message = rudder_kube::chain(&err);
    assert!(
        message.contains("resource Deployment/") && message.ends_with("context deadline exceeded"),
        "{message}"
    );
    let stored = env.ctx.releases.get("bad", 1).unwrap();
    assert_eq!(stored.info.status, Some(Status::Failed));
    assert_eq!(
        stored.info.description,
        format!("Release \"bad\" failed: {message}")
    );
    // The resources stay, as in Helm.
    assert!(env.get("v1", "ConfigMap", "bad-cm").is_some());

    // --replace reuses the failed name with the next revision.
    let err = Install {
        replace: true,
        ..waiting("bad")
    }
    .run(&env.ctx, c.clone(), &Map::new())
    .unwrap_err();
    assert!(rudder_kube::chain(&err).ends_with("context deadline exceeded"));
    assert_eq!(
        env.ctx.releases.get("bad", 2).unwrap().info.status,
        Some(Status::Failed)
    );

    // --rollback-on-failure uninstalls.
    let err = Install {
        rollback_on_failure: true,
        ..waiting("atomic")
    }
    .run(&env.ctx, c, &Map::new())
    .unwrap_err();
    let message = rudder_kube::chain(&err);
    assert!(
        message.starts_with(
            "release atomic failed, and has been uninstalled due to rollback-on-failure being set: resource Deployment/"
        ),
        "{message}"
    );
    assert!(
        env.ctx
            .releases
            .history("atomic")
            .unwrap_or_default()
            .is_empty()
    );
    assert!(env.get("v1", "ConfigMap", "atomic-cm").is_none());
    if let Some(m) = &env.memory {
        m.set_simulation(Simulation::Ready);
    }
}

fn labels_and_description(env: &Env) {
    let labels = [("team".to_owned(), "blue".to_owned())].into();
    let rel = Install {
        labels,
        description: "first light".to_owned(),
        ..install(env, "lab")
    }
    .run(&env.ctx, demo_chart(), &Map::new())
    .unwrap();
    assert_eq!(rel.info.description, "first light");
    let stored = env.ctx.releases.get("lab", 1).unwrap();
    assert_eq!(stored.labels.get("team").map(String::as_str), Some("blue"));

    let err = Install {
        labels: [("owner".to_owned(), "me".to_owned())].into(),
        ..install(env, "lab2")
    }
    .run(&env.ctx, demo_chart(), &Map::new())
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "user supplied labels contains system reserved label name. System labels: [name owner status version createdAt modifiedAt]"
    );
}

fn failed_hook(env: &Env) {
    let c = chart(&[
        (
            "templates/cm.yaml",
            "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: main\n",
        ),
        (
            "templates/hook.yaml",
            "apiVersion: example.com/v1\nkind: Nowhere\nmetadata:\n  name: lost\n  annotations:\n    helm.sh/hook: pre-install\n",
        ),
    ]);
    let err = install(env, "hookfail")
        .run(&env.ctx, c, &Map::new())
        .unwrap_err();
    // The before-hook-creation deletion builds the object first, as in Helm.
    let message = rudder_kube::chain(&err);
    assert!(
        message.starts_with(
            "failed pre-install: unable to build kubernetes object for deleting hook demo/templates/hook.yaml: resource mapping not found"
        ),
        "{message}"
    );
    let stored = env.ctx.releases.get("hookfail", 1).unwrap();
    assert_eq!(stored.info.status, Some(Status::Failed));
    assert_eq!(
        stored.info.description,
        format!("Release \"hookfail\" failed: {message}")
    );
    // The release's resources were never created.
    assert!(env.get("v1", "ConfigMap", "main").is_none());
}
