//! Upgrade scenarios, written once against `Context`: on the in-memory cluster always and on
//! a real cluster when `KUBECONFIG` is set. The interop scenarios with real Helm 4
//! (helm-python-sdk) run on the real cluster only.

mod release_env;

use std::time::Duration;

use release_env::{Env, NEVER_READY, Scenario, chart, demo_chart, values};
use rudder_action::install::{DryRun, Install, WaitStrategy};
use rudder_action::upgrade::{Upgrade, recover, recovered_description};
use rudder_kube_memory::Simulation;
use rudder_release::{Release, Status};
use rudder_value::{Map, Value};

const SCENARIOS: &[(&str, Scenario)] = &[
    ("supersedes_and_deploys", supersedes_and_deploys),
    ("values_rules", values_rules),
    ("dropped_resources", dropped_resources),
    ("pending_guard_and_recover", pending_guard_and_recover),
    ("no_deployed_release", no_deployed_release),
    ("failure_cleanup_and_rollback", failure_cleanup_and_rollback),
    ("concurrent_upgrades", concurrent_upgrades),
    ("dry_run_and_labels", dry_run_and_labels),
];

#[test]
fn upgrade_scenarios_on_memory_cluster() {
    release_env::run_on_memory("ru", SCENARIOS);
}

#[test]
fn upgrade_scenarios_on_real_cluster() {
    release_env::run_on_real_cluster("upgrade_scenarios_on_real_cluster", "ru", SCENARIOS);
}

fn install(env: &Env, name: &str, vals: &str) -> Release {
    Install {
        release_name: name.to_owned(),
        namespace: env.ns.clone(),
        ..Install::default()
    }
    .run(&env.ctx, demo_chart(), &values(vals))
    .unwrap()
}

fn yaml(map: &Map) -> String {
    rudder_yaml::to_yaml(&Value::Map(map.clone())).unwrap()
}

fn supersedes_and_deploys(env: &Env) {
    let first = install(env, "web", "greeting: hello\n");
    let rel = Upgrade::default()
        .run(&env.ctx, "web", demo_chart(), &values("greeting: hi\n"))
        .unwrap();
    assert_eq!(rel.version, 2);
    assert_eq!(rel.info.status, Some(Status::Deployed));
    assert_eq!(rel.info.description, "Upgrade complete");
    assert_eq!(rel.info.first_deployed, first.info.first_deployed);
    assert_ne!(rel.info.last_deployed, first.info.last_deployed);
    assert_eq!(rel.info.notes, "web says hi\n");
    assert_eq!(rel.apply_method, "ssa");
    let old = env.ctx.releases.get("web", 1).unwrap();
    assert_eq!(old.info.status, Some(Status::Superseded));
    // Helm changes only the status of the superseded revision.
    assert_eq!(old.info.description, "Install complete");
    assert_eq!(
        env.ctx.releases.get("web", 2).unwrap().info.status,
        Some(Status::Deployed)
    );
    assert_eq!(env.cm_data("web-cm", "greeting").as_deref(), Some("hi"));
    assert_eq!(env.cm_data("web-cm", "revision").as_deref(), Some("2"));

    // --server-side=false switches to client-side apply (recorded as csa); auto follows it.
    let rel = Upgrade {
        server_side: "false".to_owned(),
        ..Upgrade::default()
    }
    .run(&env.ctx, "web", demo_chart(), &values("greeting: csa\n"))
    .unwrap();
    assert_eq!(rel.apply_method, "csa");
    assert_eq!(env.cm_data("web-cm", "greeting").as_deref(), Some("csa"));
    let rel = Upgrade::default()
        .run(&env.ctx, "web", demo_chart(), &values("greeting: again\n"))
        .unwrap();
    assert_eq!(rel.apply_method, "csa");
    let err = Upgrade {
        server_side: "maybe".to_owned(),
        ..Upgrade::default()
    }
    .run(&env.ctx, "web", demo_chart(), &Map::new())
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "invalid/unknown release server-side apply method: maybe"
    );
}

fn values_rules(env: &Env) {
    install(env, "v", "greeting: first\nextra: one\n");
    // No values given: the previous ones are used.
    let rel = Upgrade::default()
        .run(&env.ctx, "v", demo_chart(), &Map::new())
        .unwrap();
    assert_eq!(yaml(&rel.config), "extra: one\ngreeting: first\n");
    assert_eq!(env.cm_data("v-cm", "extra").as_deref(), Some("one"));
    // --reuse-values merges the new values over the old ones.
    let rel = Upgrade {
        reuse_values: true,
        ..Upgrade::default()
    }
    .run(&env.ctx, "v", demo_chart(), &values("greeting: second\n"))
    .unwrap();
    assert_eq!(yaml(&rel.config), "extra: one\ngreeting: second\n");
    // --reset-then-reuse-values: the new chart's defaults, then the old values, then the new.
    let rel = Upgrade {
        reset_then_reuse_values: true,
        ..Upgrade::default()
    }
    .run(&env.ctx, "v", demo_chart(), &values("extra: two\n"))
    .unwrap();
    assert_eq!(yaml(&rel.config), "extra: two\ngreeting: second\n");
    // --reset-values forgets them.
    let rel = Upgrade {
        reset_values: true,
        ..Upgrade::default()
    }
    .run(&env.ctx, "v", demo_chart(), &Map::new())
    .unwrap();
    assert_eq!(yaml(&rel.config), "{}\n");
    assert_eq!(env.cm_data("v-cm", "greeting").as_deref(), Some("hello"));
    assert_eq!(env.cm_data("v-cm", "extra"), None);
    // --reuse-values keeps the old chart's defaults too: a new default does not apply.
    install(env, "r", "extra: x\n");
    let newer = chart(&[
        ("values.yaml", "greeting: new-default\n"),
        (
            "templates/cm.yaml",
            "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-cm\ndata:\n  greeting: {{ .Values.greeting | quote }}\n",
        ),
    ]);
    Upgrade {
        reuse_values: true,
        ..Upgrade::default()
    }
    .run(&env.ctx, "r", newer.clone(), &Map::new())
    .unwrap();
    assert_eq!(env.cm_data("r-cm", "greeting").as_deref(), Some("hello"));
    Upgrade {
        reset_then_reuse_values: true,
        ..Upgrade::default()
    }
    .run(&env.ctx, "r", newer, &Map::new())
    .unwrap();
    assert_eq!(
        env.cm_data("r-cm", "greeting").as_deref(),
        Some("new-default")
    );
}

fn dropped_resources(env: &Env) {
    let cm = |name: &str, keep: bool| {
        format!(
            "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {name}\n{}",
            if keep {
                "  annotations:\n    helm.sh/resource-policy: keep\n"
            } else {
                ""
            }
        )
    };
    let v1 = chart(&[
        ("templates/a.yaml", &cm("a", false)),
        ("templates/b.yaml", &cm("b", true)),
        ("templates/c.yaml", &cm("c", false)),
    ]);
    Install {
        release_name: "drop".to_owned(),
        namespace: env.ns.clone(),
        ..Install::default()
    }
    .run(&env.ctx, v1, &Map::new())
    .unwrap();
    let v2 = chart(&[
        ("templates/a.yaml", &cm("a", false)),
        ("templates/d.yaml", &cm("d", false)),
    ]);
    Upgrade::default()
        .run(&env.ctx, "drop", v2, &Map::new())
        .unwrap();
    assert!(env.get("v1", "ConfigMap", "a").is_some());
    assert!(env.get("v1", "ConfigMap", "b").is_some(), "kept by policy");
    assert!(env.get("v1", "ConfigMap", "d").is_some());
    if env.real() {
        // Deletion is asynchronous on a real server; a plain ConfigMap goes at once.
        std::thread::sleep(Duration::from_millis(200));
    }
    assert!(env.get("v1", "ConfigMap", "c").is_none());

    // A new resource that exists without this release's metadata stops the upgrade.
    let foreign = env
        .ctx
        .kube
        .build("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: e\n")
        .unwrap();
    env.ctx.kube.create(&foreign[0]).unwrap();
    let v3 = chart(&[
        ("templates/a.yaml", &cm("a", false)),
        ("templates/e.yaml", &cm("e", false)),
    ]);
    let err = Upgrade::default()
        .run(&env.ctx, "drop", v3.clone(), &Map::new())
        .unwrap_err();
    assert!(
        rudder_kube::chain(&err)
            .starts_with("unable to continue with update: ConfigMap \"e\" in namespace"),
        "{}",
        rudder_kube::chain(&err)
    );
    // No revision was stored.
    assert_eq!(env.ctx.releases.last("drop").unwrap().version, 2);
    let rel = Upgrade {
        take_ownership: true,
        ..Upgrade::default()
    }
    .run(&env.ctx, "drop", v3, &Map::new())
    .unwrap();
    assert_eq!(rel.version, 3);
}

fn pending_guard_and_recover(env: &Env) {
    install(env, "p", "greeting: one\n");
    // A process killed during an upgrade leaves revision 2 pending.
    let mut stuck = env.ctx.releases.get("p", 1).unwrap();
    stuck.version = 2;
    stuck.set_status(Status::PendingUpgrade, "Preparing upgrade");
    env.ctx.releases.create(&stuck).unwrap();

    let err = Upgrade::default()
        .run(&env.ctx, "p", demo_chart(), &Map::new())
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "another operation (install/upgrade/rollback) is in progress"
    );
    let rel = Upgrade {
        recover: true,
        ..Upgrade::default()
    }
    .run(&env.ctx, "p", demo_chart(), &values("greeting: two\n"))
    .unwrap();
    assert_eq!(rel.version, 3);
    assert_eq!(rel.info.status, Some(Status::Deployed));
    let two = env.ctx.releases.get("p", 2).unwrap();
    assert_eq!(two.info.status, Some(Status::Failed));
    assert_eq!(
        two.info.description,
        recovered_description(Status::PendingUpgrade)
    );
    assert_eq!(env.cm_data("p-cm", "greeting").as_deref(), Some("two"));
    // Nothing pending: recover does nothing.
    assert!(recover(&env.ctx, "p").unwrap().is_none());

    // A killed install: recovery lets the next upgrade take over the resources it made.
    let mut half = env.ctx.releases.get("p", 3).unwrap();
    "half".clone_into(&mut half.name);
    half.version = 1;
    half.manifest = String::new();
    half.set_status(Status::PendingInstall, "Initial install underway");
    env.ctx.releases.create(&half).unwrap();
    let recovered = recover(&env.ctx, "half").unwrap().unwrap();
    assert_eq!(recovered.info.status, Some(Status::Failed));
    let rel = Upgrade::default()
        .run(&env.ctx, "half", demo_chart(), &Map::new())
        .unwrap();
    assert_eq!(rel.version, 2);
    assert_eq!(rel.info.status, Some(Status::Deployed));
}

fn no_deployed_release(env: &Env) {
    let err = Upgrade::default()
        .run(&env.ctx, "nope", demo_chart(), &Map::new())
        .unwrap_err();
    assert_eq!(err.to_string(), "\"nope\" has no deployed releases");
    let err = Upgrade {
        recover: true,
        ..Upgrade::default()
    }
    .run(&env.ctx, "nope", demo_chart(), &Map::new())
    .unwrap_err();
    assert_eq!(err.to_string(), "\"nope\" has no deployed releases");
    let err = Upgrade::default()
        .run(&env.ctx, "Nope", demo_chart(), &Map::new())
        .unwrap_err();
    assert_eq!(err.to_string(), "release name is invalid: Nope");
}

fn failure_cleanup_and_rollback(env: &Env) {
    install(env, "f", "greeting: good\n");
    if let Some(m) = &env.memory {
        m.set_simulation(Simulation::Manual);
    }
    let bad = chart(&[
        ("values.yaml", "greeting: bad\n"),
        (
            "templates/cm.yaml",
            "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-cm\ndata:\n  greeting: {{ .Values.greeting | quote }}\n",
        ),
        ("templates/stuck.yaml", NEVER_READY),
    ]);
    let waiting = Upgrade {
        wait: WaitStrategy::Watcher,
        timeout: Duration::from_secs(2),
        ..Upgrade::default()
    };
    let err = Upgrade {
        cleanup_on_fail: true,
        ..waiting.clone()
    }
    .run(&env.ctx, "f", bad.clone(), &Map::new())
    .unwrap_err();
    let message = rudder_kube::chain(&err);
    assert!(message.ends_with("context deadline exceeded"), "{message}");
    let two = env.ctx.releases.get("f", 2).unwrap();
    assert_eq!(two.info.status, Some(Status::Failed));
    assert_eq!(
        two.info.description,
        format!("Upgrade \"f\" failed: {message}")
    );
    // The previous revision is still the deployed one.
    assert_eq!(
        env.ctx.releases.get("f", 1).unwrap().info.status,
        Some(Status::Deployed)
    );
    // --cleanup-on-fail deleted what the upgrade created.
    if env.real() {
        std::thread::sleep(Duration::from_millis(500));
    }
    assert!(env.get("apps/v1", "Deployment", "f-stuck").is_none());

    // --rollback-on-failure goes back to revision 1.
    let err = Upgrade {
        rollback_on_failure: true,
        ..waiting
    }
    .run(&env.ctx, "f", bad, &Map::new())
    .unwrap_err();
    let message = rudder_kube::chain(&err);
    assert!(
        message.starts_with(
            "release f failed, and has been rolled back due to rollback-on-failure being set: "
        ),
        "{message}"
    );
    let last = env.ctx.releases.last("f").unwrap();
    assert_eq!(last.version, 4);
    assert_eq!(last.info.status, Some(Status::Deployed));
    assert_eq!(last.info.description, "Rollback to 1");
    assert_eq!(
        env.ctx.releases.get("f", 3).unwrap().info.status,
        Some(Status::Failed)
    );
    assert_eq!(env.cm_data("f-cm", "greeting").as_deref(), Some("good"));
    if let Some(m) = &env.memory {
        m.set_simulation(Simulation::Ready);
    }
}

fn concurrent_upgrades(env: &Env) {
    install(env, "c", "greeting: zero\n");
    let outcomes: Vec<Result<Release, String>> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..4)
            .map(|i| {
                s.spawn(move || {
                    Upgrade::default()
                        .run(
                            &env.ctx,
                            "c",
                            demo_chart(),
                            &values(&format!("greeting: g{i}\n")),
                        )
                        .map_err(|e| e.to_string())
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    for o in &outcomes {
        if let Err(text) = o {
            // The pessimistic lock: a pending revision, or the same revision stored first by
            // another upgrade.
            assert!(
                text == "another operation (install/upgrade/rollback) is in progress"
                    || text == "release: already exists"
                    || text.starts_with("create: failed to create"),
                "{text}"
            );
        }
    }
    let succeeded = outcomes.iter().filter(|o| o.is_ok()).count();
    assert!(succeeded >= 1);
    let mut history: Vec<i64> = env
        .ctx
        .releases
        .history("c")
        .unwrap()
        .iter()
        .map(|r| r.version)
        .collect();
    history.sort_unstable();
    // Every stored revision is contiguous: none was lost or overwritten.
    assert_eq!(history, (1..=history.len() as i64).collect::<Vec<_>>());
    assert_eq!(history.len(), succeeded + 1);
    assert_eq!(env.ctx.releases.deployed_all("c").unwrap().len(), 1);
}

fn dry_run_and_labels(env: &Env) {
    Install {
        release_name: "d".to_owned(),
        namespace: env.ns.clone(),
        labels: [
            ("team".to_owned(), "blue".to_owned()),
            ("tier".to_owned(), "web".to_owned()),
        ]
        .into(),
        ..Install::default()
    }
    .run(&env.ctx, demo_chart(), &Map::new())
    .unwrap();
    let rel = Upgrade {
        dry_run: DryRun::Server,
        ..Upgrade::default()
    }
    .run(&env.ctx, "d", demo_chart(), &values("greeting: dry\n"))
    .unwrap();
    assert_eq!(rel.info.description, "Dry run complete");
    assert_eq!(rel.version, 2);
    assert_eq!(env.ctx.releases.last("d").unwrap().version, 1);
    assert_eq!(env.cm_data("d-cm", "greeting").as_deref(), Some("hello"));

    let rel = Upgrade {
        labels: [
            ("team".to_owned(), "null".to_owned()),
            ("env".to_owned(), "prod".to_owned()),
        ]
        .into(),
        description: "by hand".to_owned(),
        ..Upgrade::default()
    }
    .run(&env.ctx, "d", demo_chart(), &Map::new())
    .unwrap();
    assert_eq!(rel.info.description, "by hand");
    let stored = env.ctx.releases.get("d", 2).unwrap();
    let labels: Vec<(&str, &str)> = stored
        .labels
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    assert_eq!(labels, [("env", "prod"), ("tier", "web")]);
}

// ---------------------------------------------------------------------------------------------
// Interop with real Helm 4 (helm-python-sdk), on the real cluster only.

/// The demo chart as files, for Helm to load.
const INTEROP_CHART: &[(&str, &str)] = &[
    (
        "Chart.yaml",
        "apiVersion: v2\nname: demo\nversion: 0.1.0\nappVersion: \"1.0\"\n",
    ),
    ("values.yaml", "greeting: hello\n"),
    (
        "templates/cm.yaml",
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-cm\ndata:\n  greeting: {{ .Values.greeting | quote }}\n{{- with .Values.extra }}\n  extra: {{ . | quote }}\n{{- end }}\n",
    ),
    (
        "templates/NOTES.txt",
        "{{ .Release.Name }} says {{ .Values.greeting }}\n",
    ),
];

/// Runs a helm-python-sdk script with `cfg` bound to a Helm 4 configuration on the namespace
/// (Secret driver) and `chart` to the chart directory; returns what it printed as JSON.
fn helm(
    kubeconfig: &std::ffi::OsStr,
    ns: &str,
    dir: &std::path::Path,
    body: &str,
) -> serde_json::Value {
    let script = format!(
        "import helm_python, json, os\ncfg = helm_python.Config(kubeconfig_path=os.environ['KUBECONFIG'], namespace={ns:?}, storage_driver='secret')\nchart = helm_python.Chart.load({dir:?})\n{body}\n",
        dir = dir.to_string_lossy()
    );
    let out = std::process::Command::new("python3")
        .arg("-c")
        .arg(&script)
        .env("KUBECONFIG", kubeconfig)
        .output()
        .expect("python3 runs");
    assert!(
        out.status.success(),
        "helm-python-sdk failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap_or(serde_json::Value::Null)
}

fn history_of(
    kubeconfig: &std::ffi::OsStr,
    ns: &str,
    dir: &std::path::Path,
    name: &str,
) -> Vec<(i64, String)> {
    let h = helm(
        kubeconfig,
        ns,
        dir,
        &format!(
            "print(json.dumps([[r['revision'], r['status']] for r in cfg.history({name:?})]))"
        ),
    );
    let mut out: Vec<(i64, String)> = h
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r[0].as_i64().unwrap(), r[1].as_str().unwrap().to_owned()))
        .collect();
    out.sort();
    out
}

/// A release Helm installed is upgraded, listed and rolled back by Rudder, and Helm reads the
/// history Rudder wrote; a release Rudder installed (client-side, as Helm 3 did) is upgraded
/// and uninstalled by Helm.
///
/// helm-python-sdk applies with the field manager `python3` (Helm names its manager after the
/// program), so Rudder's server-side upgrade of Helm's release takes over the fields it
/// changes with `--force-conflicts`; the `helm` binary's manager is `helm`, Rudder's.
#[test]
#[expect(clippy::print_stderr, reason = "a skipped cluster test says so")]
fn interop_with_helm_on_real_cluster() {
    if std::env::var_os("KUBECONFIG").is_none() {
        eprintln!(
            "interop_with_helm_on_real_cluster: not run, KUBECONFIG is not set (tests/cluster/cluster up)"
        );
        return;
    }
    let probe = std::process::Command::new("python3")
        .args(["-c", "import helm_python"])
        .output();
    if !probe.is_ok_and(|o| o.status.success()) {
        assert!(
            std::env::var_os("CI").is_none(),
            "helm-python-sdk is missing (pip install helm-python-sdk)"
        );
        eprintln!("interop_with_helm_on_real_cluster: not run, helm-python-sdk is not installed");
        return;
    }
    release_env::run_on_real_cluster(
        "interop_with_helm_on_real_cluster",
        "rh",
        &[("interop", |env: &Env| {
            let kubeconfig = std::env::var_os("KUBECONFIG").unwrap();
            let dir = std::env::temp_dir().join(format!("rudder-interop-{}", env.ns));
            for (path, text) in INTEROP_CHART {
                let p = dir.join(path);
                fs_err::create_dir_all(p.parent().unwrap()).unwrap();
                fs_err::write(p, text).unwrap();
            }
            let chart = rudder_chart::load(&dir).unwrap();
            let ns = env.ns.as_str();

            // Helm installs, Rudder upgrades.
            helm(
                &kubeconfig,
                ns,
                &dir,
                "cfg.install(chart, 'fromhelm', {'greeting': 'helm'})",
            );
            let rel = Upgrade {
                force_conflicts: true,
                ..Upgrade::default()
            }
            .run(
                &env.ctx,
                "fromhelm",
                chart.clone(),
                &values("greeting: rudder\n"),
            )
            .unwrap();
            assert_eq!(rel.version, 2);
            assert_eq!(
                env.cm_data("fromhelm-cm", "greeting").as_deref(),
                Some("rudder")
            );
            assert_eq!(
                history_of(&kubeconfig, ns, &dir, "fromhelm"),
                [(1, "superseded".to_owned()), (2, "deployed".to_owned())]
            );
            // Rudder lists it and rolls it back; Helm sees the rollback.
            let listed = rudder_action::list::List::default().run(&env.ctx).unwrap();
            assert!(
                listed
                    .iter()
                    .any(|r| r.name == "fromhelm" && r.version == 2)
            );
            rudder_action::rollback::Rollback {
                version: 1,
                force_conflicts: true,
                ..rudder_action::rollback::Rollback::default()
            }
            .run(&env.ctx, "fromhelm")
            .unwrap();
            assert_eq!(
                history_of(&kubeconfig, ns, &dir, "fromhelm"),
                [
                    (1, "superseded".to_owned()),
                    (2, "superseded".to_owned()),
                    (3, "deployed".to_owned())
                ]
            );
            assert_eq!(
                env.cm_data("fromhelm-cm", "greeting").as_deref(),
                Some("helm")
            );
            let values_seen = helm(
                &kubeconfig,
                ns,
                &dir,
                "print(json.dumps(cfg.get_values('fromhelm')))",
            );
            assert_eq!(values_seen, serde_json::json!({"greeting": "helm"}));

            // Rudder installs (client-side apply), Helm upgrades and uninstalls.
            Install {
                release_name: "fromrudder".to_owned(),
                namespace: env.ns.clone(),
                server_side: false,
                ..Install::default()
            }
            .run(&env.ctx, chart, &values("greeting: rudder\n"))
            .unwrap();
            let upgraded = helm(
                &kubeconfig,
                ns,
                &dir,
                "r = cfg.upgrade(chart, 'fromrudder', {'greeting': 'helm', 'extra': 'x'})\nprint(json.dumps(r['status']))",
            );
            assert_eq!(upgraded, serde_json::json!("deployed"));
            assert_eq!(
                env.cm_data("fromrudder-cm", "greeting").as_deref(),
                Some("helm")
            );
            assert_eq!(env.cm_data("fromrudder-cm", "extra").as_deref(), Some("x"));
            assert_eq!(
                history_of(&kubeconfig, ns, &dir, "fromrudder"),
                [(1, "superseded".to_owned()), (2, "deployed".to_owned())]
            );
            // Rudder reads what Helm wrote.
            let last = env.ctx.releases.last("fromrudder").unwrap();
            assert_eq!(last.info.status, Some(Status::Deployed));
            assert_eq!(last.info.description, "Upgrade complete");
            helm(&kubeconfig, ns, &dir, "cfg.uninstall('fromrudder')");
            assert!(
                env.ctx
                    .releases
                    .history("fromrudder")
                    .unwrap_or_default()
                    .is_empty()
            );
            assert!(env.get("v1", "ConfigMap", "fromrudder-cm").is_none());
            let _ = fs_err::remove_dir_all(&dir);
        })],
    );
}
