//! Real Helm 4 (PyPI helm-python-sdk, driven by `interop.py`) and Rudder's drivers share
//! records on the real cluster (`KUBECONFIG`, tests/cluster/cluster up) and in PostgreSQL
//! (`RUDDER_TEST_POSTGRES`, scripts/postgres up): Helm installs and upgrades a release that
//! Rudder reads back, Rudder writes a release whose history, status and values Helm reads, and
//! Helm uninstalls it. Each variant says so and passes when its variable is unset.

mod support;

use std::path::PathBuf;
use std::process::Command;
use std::sync::Arc;

use rudder_kube::KubeClient;
use rudder_kube_memory::MemoryCluster;
use rudder_release::{Release, Status};
use rudder_storage::{DriverKind, Error, Storage, open};
use serde_json::{Value, json};
use support::{Cleanup, clock, postgres_database, real_cluster, real_namespace};

fn manifest_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Runs `interop.py` with Helm's driver settings and returns the JSON it prints.
fn helm(env: &[(&str, &str)], args: &[&str]) -> Value {
    let script = manifest_dir().join("tests/interop.py");
    let out = Command::new("python3")
        .arg(&script)
        .args(args)
        .envs(env.iter().copied())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "interop.py {args:?} failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn config_of(release: &Release) -> Value {
    let json: Value = serde_json::from_str(&release.to_json().unwrap()).unwrap();
    json["config"].clone()
}

/// The scenario, once per driver. `sql` is the connection string of a fresh database.
fn scenario(
    kind: DriverKind,
    driver: &str,
    kube: Arc<dyn KubeClient>,
    ns: &str,
    sql: Option<&str>,
) {
    let chart = manifest_dir().join("testdata/interop");
    let chart = chart.to_str().unwrap();
    let mut env = vec![
        ("RUDDER_INTEROP_NAMESPACE", ns),
        ("RUDDER_INTEROP_DRIVER", driver),
    ];
    if let Some(url) = sql {
        env.push(("HELM_DRIVER_SQL_CONNECTION_STRING", url));
    }

    // Helm writes, Rudder reads.
    let installed = helm(
        &env,
        &[
            "install",
            "from-helm",
            chart,
            r#"{"greeting": "hi"}"#,
            r#"{"team": "a"}"#,
        ],
    );
    // Opened after Helm's install, so with sql Rudder meets the schema Helm's migrations made.
    let storage = Storage::from_boxed(open(kind, kube, ns, sql, clock()).unwrap());
    let got = storage.get("from-helm", 1).unwrap();
    assert_eq!(got.name, "from-helm");
    assert_eq!(got.version, 1);
    assert_eq!(got.namespace, ns);
    assert_eq!(got.info.status, Some(Status::Deployed));
    assert_eq!(got.manifest, installed["manifest"].as_str().unwrap());
    assert_eq!(got.info.notes, "Said hi.\n");
    assert_eq!(config_of(&got), json!({"greeting": "hi"}));
    assert_eq!(got.labels.get("team").map(String::as_str), Some("a"));
    assert_eq!(
        got.chart.as_ref().map(|c| c.metadata.name.as_str()),
        Some("interop")
    );
    helm(
        &env,
        &["upgrade", "from-helm", chart, r#"{"greeting": "again"}"#],
    );
    let mut history = storage.history("from-helm").unwrap();
    history.sort_by_key(|r| r.version);
    let states: Vec<_> = history.iter().map(|r| (r.version, r.info.status)).collect();
    assert_eq!(
        states,
        [(1, Some(Status::Superseded)), (2, Some(Status::Deployed))]
    );
    let deployed = storage.deployed("from-helm").unwrap();
    assert_eq!(config_of(&deployed), json!({"greeting": "again"}));
    assert!(
        storage
            .list_deployed()
            .unwrap()
            .iter()
            .any(|r| r.name == "from-helm")
    );

    // Rudder writes, Helm reads.
    let mut first = storage.get("from-helm", 1).unwrap();
    "from-rudder".clone_into(&mut first.name);
    first.manifest = first.manifest.replace("from-helm", "from-rudder");
    first.set_status(Status::Superseded, "Install complete");
    storage.create(&first).unwrap();
    let mut second = first.clone();
    second.version = 2;
    // A Map of its own: a clone's config shares the original's.
    second.config = Release::from_json(r#"{"name": "x", "config": {"greeting": "from rudder"}}"#)
        .unwrap()
        .config;
    second.set_status(Status::Deployed, "Upgrade complete");
    storage.create(&second).unwrap();
    let read = helm(&env, &["read", "from-rudder"]);
    let revisions: Vec<(i64, &str)> = read["history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["revision"].as_i64().unwrap(),
                r["status"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(revisions, [(1, "superseded"), (2, "deployed")]);
    assert_eq!(read["status"]["revision"], json!(2));
    assert_eq!(read["status"]["status"], json!("deployed"));
    assert_eq!(read["status"]["chart_name"], json!("interop"));
    assert_eq!(read["values"], json!({"greeting": "from rudder"}));
    let listed: Vec<&str> = read["list"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|r| r["name"].as_str())
        .collect();
    assert!(
        listed.contains(&"from-helm") && listed.contains(&"from-rudder"),
        "{listed:?}"
    );

    // Helm removes what Rudder wrote.
    helm(&env, &["uninstall", "from-rudder"]);
    assert!(matches!(
        storage.history("from-rudder"),
        Err(Error::ReleaseNotFound)
    ));

    // A release too large for one object (split, see README "Large releases"): Helm's list
    // skips it without failing, Rudder reads it whole.
    if sql.is_none() {
        let mut huge = first.clone();
        "huge".clone_into(&mut huge.name);
        huge.manifest = noise(3 << 20);
        storage.create(&huge).unwrap();
        assert_eq!(storage.get("huge", 1).unwrap().manifest, huge.manifest);
        let listed = helm(&env, &["list", "-"]);
        let names: Vec<&str> = listed
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|r| r["name"].as_str())
            .collect();
        assert_eq!(names, ["from-helm"]);
    }
}

/// Text gzip hardly shrinks (a fixed xorshift sequence of letters).
fn noise(bytes: usize) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
    (0..bytes)
        .map(|i| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            if i % 60 == 59 {
                '\n'
            } else {
                char::from(ALPHABET[(x % 62) as usize])
            }
        })
        .collect()
}

#[expect(clippy::print_stderr, reason = "a skipped variant says so")]
fn on_real_cluster(kind: DriverKind, driver: &str) {
    let Some(kube) = real_cluster() else {
        eprintln!("interop_{driver}: not run, KUBECONFIG is not set (tests/cluster/cluster up)");
        return;
    };
    let ns = real_namespace(&kube, &format!("interop-{driver}"));
    let _cleanup = Cleanup::Namespace(kube.clone(), ns.clone());
    scenario(kind, driver, kube, &ns, None);
}

#[test]
fn interop_secret() {
    on_real_cluster(DriverKind::Secret, "secret");
}

#[test]
fn interop_configmap() {
    on_real_cluster(DriverKind::ConfigMap, "configmap");
}

#[test]
#[expect(clippy::print_stderr, reason = "a skipped variant says so")]
fn interop_sql() {
    let Some((url, _cleanup)) = postgres_database("interop-sql") else {
        eprintln!("interop_sql: not run, RUDDER_TEST_POSTGRES is not set (scripts/postgres up)");
        return;
    };
    // Helm's SQL driver needs no cluster for its records, but helm-python-sdk's Config
    // needs a kubeconfig; the release's namespace is only a column then.
    if std::env::var_os("KUBECONFIG").is_none() {
        eprintln!("interop_sql: not run, KUBECONFIG is not set (tests/cluster/cluster up)");
        return;
    }
    let kube: Arc<dyn KubeClient> = Arc::new(MemoryCluster::new());
    scenario(DriverKind::Sql, "sql", kube, "default", Some(&url));
}

/// The tables, columns, indexes, constraints and migration ids of a database, as text.
fn schema(url: &str) -> Vec<String> {
    use sqlx::{Connection as _, Row as _};
    const QUERIES: [&str; 4] = [
        "SELECT table_name || '.' || column_name || ' ' || data_type || coalesce('(' || character_maximum_length || ')', '') || ' null=' || is_nullable || ' default=' || coalesce(column_default, '') FROM information_schema.columns WHERE table_schema = 'public' ORDER BY 1",
        "SELECT indexdef FROM pg_indexes WHERE schemaname = 'public' ORDER BY 1",
        "SELECT conrelid::regclass || ' ' || pg_get_constraintdef(oid) FROM pg_constraint WHERE connamespace = 'public'::regnamespace ORDER BY 1",
        "SELECT 'migration ' || id FROM gorp_migrations ORDER BY 1",
    ];
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        let mut conn = sqlx::PgConnection::connect(url).await.unwrap();
        let mut out = Vec::new();
        for q in QUERIES {
            for row in sqlx::query(q).fetch_all(&mut conn).await.unwrap() {
                out.push(row.get::<String, _>(0));
            }
        }
        out
    })
}

#[test]
#[expect(clippy::print_stderr, reason = "a skipped variant says so")]
fn sql_schema_is_helms() {
    let (Some((ours, _a)), Some((helms, _b))) = (
        postgres_database("schema-rudder"),
        postgres_database("schema-helm"),
    ) else {
        eprintln!(
            "sql_schema_is_helms: not run, RUDDER_TEST_POSTGRES is not set (scripts/postgres up)"
        );
        return;
    };
    if std::env::var_os("KUBECONFIG").is_none() {
        eprintln!("sql_schema_is_helms: not run, KUBECONFIG is not set (tests/cluster/cluster up)");
        return;
    }
    let kube: Arc<dyn KubeClient> = Arc::new(MemoryCluster::new());
    open(
        DriverKind::Sql,
        kube.clone(),
        "default",
        Some(&ours),
        clock(),
    )
    .unwrap();
    // Opening twice finds the migrations recorded and changes nothing.
    open(DriverKind::Sql, kube, "default", Some(&ours), clock()).unwrap();
    let env = [
        ("RUDDER_INTEROP_NAMESPACE", "default"),
        ("RUDDER_INTEROP_DRIVER", "sql"),
        ("HELM_DRIVER_SQL_CONNECTION_STRING", helms.as_str()),
    ];
    helm(&env, &["list", "-"]);
    let (ours, helms) = (schema(&ours), schema(&helms));
    assert!(ours.len() > 20, "{ours:#?}");
    assert_eq!(ours, helms);
}
