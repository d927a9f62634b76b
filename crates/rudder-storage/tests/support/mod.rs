//! What the storage tests share: the real cluster and PostgreSQL when their variables are set,
//! fresh namespaces and databases, and their removal.

#![allow(dead_code, reason = "each test binary uses part of it")]

use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, OnceLock};

use rudder_kube::{Cluster, KubeClient, KubeOptions, ObjectRef, Propagation};
use rudder_release::{Clock, FixedClock, Time};
use sqlx::Connection as _;

/// Removes a test's namespace or database when dropped.
pub enum Cleanup {
    /// A namespace on a cluster.
    Namespace(Arc<dyn KubeClient>, String),
    /// A database: the admin URL and the name.
    Database(String, String),
}

impl Drop for Cleanup {
    fn drop(&mut self) {
        match self {
            Cleanup::Namespace(kube, ns) => {
                let _ = kube.delete(
                    &ObjectRef::new("v1", "Namespace", None, ns),
                    Propagation::Background,
                );
            }
            Cleanup::Database(admin, db) => {
                let _ = admin_sql(
                    admin,
                    &format!("DROP DATABASE IF EXISTS \"{db}\" WITH (FORCE)"),
                );
            }
        }
    }
}

pub fn clock() -> Arc<dyn Clock> {
    Arc::new(FixedClock(Time::from_unix(1_700_000_000, 0, 0)))
}

/// A name unique to this test run.
pub fn unique(prefix: &str, case: &str) -> String {
    static COUNTER: AtomicU32 = AtomicU32::new(0);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    // The case and module (`create_then_get_on_drivers::sql`) as a DNS label.
    let case = case.strip_prefix("drivers::").unwrap_or(case);
    let case: String = case
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect::<String>()
        .split('-')
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("-")
        .chars()
        .take(40)
        .collect();
    format!("{prefix}-{case}-{}-{n}", std::process::id())
}

/// The real cluster of `KUBECONFIG`, connected once; `None` when the variable is unset.
pub fn real_cluster() -> Option<Arc<dyn KubeClient>> {
    static CLUSTER: OnceLock<Option<Arc<dyn KubeClient>>> = OnceLock::new();
    CLUSTER
        .get_or_init(|| {
            // The test reads KUBECONFIG itself; the library never reads the environment.
            let kubeconfig = std::env::var_os("KUBECONFIG")?;
            let options = KubeOptions {
                kubeconfig: KubeOptions::split_paths(&kubeconfig.to_string_lossy()),
                ..KubeOptions::default()
            };
            let cluster: Arc<dyn KubeClient> = Arc::new(Cluster::connect(&options).unwrap());
            Some(cluster)
        })
        .clone()
}

/// A fresh namespace on the real cluster.
pub fn real_namespace(kube: &Arc<dyn KubeClient>, case: &str) -> String {
    let name = unique("rs", case);
    let ns = kube
        .build(&format!(
            "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: {name}\n"
        ))
        .unwrap();
    kube.create(&ns[0]).unwrap();
    name
}

/// Runs one statement on the database of `url`.
pub fn admin_sql(url: &str, statement: &str) -> Result<(), sqlx::Error> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        let mut conn = sqlx::PgConnection::connect(url).await?;
        sqlx::raw_sql(sqlx::AssertSqlSafe(statement.to_owned()))
            .execute(&mut conn)
            .await?;
        conn.close().await
    })
}

/// `url` with its database replaced by `db`.
pub fn with_database(url: &str, db: &str) -> String {
    let (base, query) = url
        .split_once('?')
        .map_or((url, None), |(b, q)| (b, Some(q)));
    let scheme_end = base.find("://").map_or(0, |i| i + 3);
    let host_end = base[scheme_end..]
        .find('/')
        .map_or(base.len(), |i| scheme_end + i);
    let mut out = format!("{}/{db}", &base[..host_end]);
    if let Some(q) = query {
        out.push('?');
        out.push_str(q);
    }
    out
}

/// The PostgreSQL of `RUDDER_TEST_POSTGRES`, and a fresh database on it.
pub fn postgres_database(case: &str) -> Option<(String, Cleanup)> {
    let admin = std::env::var("RUDDER_TEST_POSTGRES").ok()?;
    let db = unique("rs", case).replace('-', "_");
    admin_sql(&admin, &format!("CREATE DATABASE \"{db}\"")).unwrap();
    Some((with_database(&admin, &db), Cleanup::Database(admin, db)))
}
