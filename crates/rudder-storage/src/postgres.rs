//! The SQL driver (Helm's `pkg/storage/driver/sql.go`) over PostgreSQL with sqlx: Helm's
//! tables, migrations and rows ([`crate::sql`]), so Helm and Rudder can share a database.
//!
//! The [`Driver`] API is blocking, so the driver owns a single-threaded tokio runtime and
//! blocks on it for each statement.

use std::collections::BTreeMap;
use std::str::FromStr;
use std::sync::{Arc, Mutex, PoisonError};

use rudder_release::{Clock, Release};
use sqlx::postgres::{PgConnectOptions, PgPool, PgPoolOptions, PgSslMode};
use sqlx::{AssertSqlSafe, Row};

use crate::driver::{Driver, filter_system_labels};
use crate::error::{Error, Result};
use crate::record::OWNER;
use crate::sql::{
    CUSTOM_LABELS_TABLE, MIGRATIONS, MIGRATIONS_TABLE, RELEASES_TABLE, list_labels, query_filters,
    row,
};

/// Releases in PostgreSQL, in Helm's schema (Helm's `driver.SQL`).
///
/// As in Helm, `create` and `update` switch the driver to the namespace of the release they
/// store, `get` and `delete` look in the current namespace, and an empty namespace makes
/// `list` and `query` see every namespace.
pub struct Sql {
    runtime: tokio::runtime::Runtime,
    pool: PgPool,
    namespace: Mutex<String>,
    clock: Arc<dyn Clock>,
}

impl std::fmt::Debug for Sql {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Sql")
            .field("namespace", &self.namespace())
            .finish_non_exhaustive()
    }
}

impl Drop for Sql {
    fn drop(&mut self) {
        // Close the connections inside the runtime, so that the server sees them end cleanly.
        self.runtime.block_on(self.pool.close());
    }
}

fn sql_error(context: &str) -> impl FnOnce(sqlx::Error) -> Error + '_ {
    move |source| Error::Sql {
        context: context.to_owned(),
        source,
    }
}

/// Integer columns: a query's label value is text, so it is cast, as lib/pq's untyped
/// parameters let the server do.
const INTEGER_COLUMNS: [&str; 3] = ["version", "createdAt", "modifiedAt"];

impl Sql {
    /// The driver's name.
    pub const NAME: &'static str = "SQL";

    /// Connects to the database `connection` names (a `postgres://` URL or a libpq
    /// `key=value` string, as `HELM_DRIVER_SQL_CONNECTION_STRING`), applies Helm's migrations
    /// unless they are recorded as applied, and works in `namespace`.
    ///
    /// Errors: [`Error::SqlConnection`] for a connection string that cannot be read,
    /// [`Error::Sql`] when the database cannot be reached or set up.
    pub fn connect(connection: &str, namespace: &str, clock: Arc<dyn Clock>) -> Result<Sql> {
        let options = connect_options(connection)?;
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|e| Error::SqlConnection {
                message: format!("cannot start the async runtime: {e}"),
            })?;
        let pool = runtime
            .block_on(
                PgPoolOptions::new()
                    .max_connections(4)
                    .connect_with(options),
            )
            .map_err(sql_error("failed to connect"))?;
        let driver = Sql {
            runtime,
            pool,
            namespace: Mutex::new(namespace.to_owned()),
            clock,
        };
        driver.ensure_schema()?;
        Ok(driver)
    }

    /// The namespace operations use now.
    pub fn namespace(&self) -> String {
        self.namespace
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    fn set_namespace(&self, namespace: &str) {
        namespace.clone_into(
            &mut self
                .namespace
                .lock()
                .unwrap_or_else(PoisonError::into_inner),
        );
    }

    /// Helm's `ensureDBSetup`: nothing when every migration id is recorded, else sql-migrate's
    /// `Exec`: its table created if missing, then each migration not yet recorded applied and
    /// recorded in one transaction.
    fn ensure_schema(&self) -> Result<()> {
        self.runtime.block_on(async {
            let applied: Vec<String> = sqlx::query(AssertSqlSafe(format!(
                "SELECT id FROM {MIGRATIONS_TABLE}"
            )))
            .fetch_all(&self.pool)
            .await
            .map(|rows| rows.iter().filter_map(|r| r.try_get(0).ok()).collect())
            .unwrap_or_default();
            if MIGRATIONS.iter().all(|m| applied.iter().any(|a| a == m.id)) {
                return Ok(());
            }
            // sql-migrate's table, as go-gorp creates it for its MigrationRecord.
            sqlx::raw_sql(AssertSqlSafe(format!(
                "create table if not exists \"{MIGRATIONS_TABLE}\" (\"id\" text not null primary key, \"applied_at\" timestamp with time zone) ;"
            )))
            .execute(&self.pool)
            .await
            .map_err(sql_error("failed to create the migrations table"))?;
            let now = self.clock.now().unix();
            for migration in MIGRATIONS.iter().filter(|m| !applied.iter().any(|a| a == m.id)) {
                let context = format!("failed to apply migration {}", migration.id);
                let mut tx = self.pool.begin().await.map_err(sql_error(&context))?;
                sqlx::raw_sql(AssertSqlSafe(migration.up))
                    .execute(&mut *tx)
                    .await
                    .map_err(sql_error(&context))?;
                sqlx::query(AssertSqlSafe(format!(
                    "INSERT INTO {MIGRATIONS_TABLE} (id, applied_at) VALUES ($1, to_timestamp($2))"
                )))
                .bind(migration.id)
                .bind(now as f64)
                .execute(&mut *tx)
                .await
                .map_err(sql_error(&context))?;
                tx.commit().await.map_err(sql_error(&context))?;
            }
            Ok(())
        })
    }

    /// User labels of every record in `namespace` (all when empty), by (key, namespace).
    async fn custom_labels(
        &self,
        namespace: &str,
    ) -> Result<BTreeMap<(String, String), BTreeMap<String, String>>> {
        let mut sql =
            format!("SELECT releaseKey, releaseNamespace, key, value FROM {CUSTOM_LABELS_TABLE}");
        if !namespace.is_empty() {
            sql.push_str(" WHERE releaseNamespace = $1");
        }
        let mut query = sqlx::query(AssertSqlSafe(sql));
        if !namespace.is_empty() {
            query = query.bind(namespace);
        }
        let rows = query
            .fetch_all(&self.pool)
            .await
            .map_err(sql_error("failed to get release custom labels"))?;
        let mut out: BTreeMap<(String, String), BTreeMap<String, String>> = BTreeMap::new();
        for r in rows {
            let get = |i: usize| {
                r.try_get::<Option<String>, _>(i)
                    .ok()
                    .flatten()
                    .unwrap_or_default()
            };
            out.entry((get(0), get(1)))
                .or_default()
                .insert(get(2), get(3));
        }
        Ok(out)
    }

    /// Releases of the rows a `SELECT key, namespace, body` returned, with their labels as
    /// `list` (system labels added) or `query` (user labels only) gives them.
    async fn releases(
        &self,
        rows: Vec<sqlx::postgres::PgRow>,
        namespace: &str,
        with_system_labels: bool,
    ) -> Result<Vec<Release>> {
        let labels = self.custom_labels(namespace).await?;
        let empty = BTreeMap::new();
        let mut out = Vec::new();
        for r in rows {
            let (Ok(key), Ok(ns), Ok(body)) = (
                r.try_get::<String, _>(0),
                r.try_get::<String, _>(1),
                r.try_get::<String, _>(2),
            ) else {
                continue;
            };
            // Records that cannot be decoded are skipped, as Helm does.
            let Ok(mut release) = Release::decode(&body) else {
                continue;
            };
            let custom = filter_system_labels(labels.get(&(key, ns)).unwrap_or(&empty));
            release.labels = if with_system_labels {
                list_labels(&release, &custom)
            } else {
                custom
            };
            out.push(release);
        }
        Ok(out)
    }
}

impl Driver for Sql {
    fn name(&self) -> &'static str {
        Sql::NAME
    }

    fn get(&self, key: &str) -> Result<Release> {
        let namespace = self.namespace();
        self.runtime.block_on(async {
            let body: String = sqlx::query(AssertSqlSafe(format!(
                "SELECT body FROM {RELEASES_TABLE} WHERE key = $1 AND namespace = $2"
            )))
            .bind(key)
            .bind(&namespace)
            .fetch_one(&self.pool)
            .await
            .and_then(|r| r.try_get(0))
            // Helm reports any failure of this query as not found.
            .map_err(|_| Error::ReleaseNotFound)?;
            let mut release = Release::decode(&body).map_err(|cause| Error::Decode { cause })?;
            let labels = sqlx::query(AssertSqlSafe(format!(
                "SELECT key, value FROM {CUSTOM_LABELS_TABLE} WHERE releaseKey = $1 AND releaseNamespace = $2"
            )))
            .bind(key)
            .bind(&namespace)
            .fetch_all(&self.pool)
            .await
            .map_err(sql_error("failed to get release custom labels"))?;
            let labels: BTreeMap<String, String> = labels
                .iter()
                .filter_map(|r| Some((r.try_get(0).ok()?, r.try_get(1).ok()?)))
                .collect();
            release.labels = filter_system_labels(&labels);
            Ok(release)
        })
    }

    fn list(&self, filter: &dyn Fn(&Release) -> bool) -> Result<Vec<Release>> {
        let namespace = self.namespace();
        self.runtime.block_on(async {
            let mut sql =
                format!("SELECT key, namespace, body FROM {RELEASES_TABLE} WHERE owner = $1");
            if !namespace.is_empty() {
                sql.push_str(" AND namespace = $2");
            }
            let mut query = sqlx::query(AssertSqlSafe(sql)).bind(OWNER);
            if !namespace.is_empty() {
                query = query.bind(&namespace);
            }
            let rows = query
                .fetch_all(&self.pool)
                .await
                .map_err(sql_error("failed to list"))?;
            let mut releases = self.releases(rows, &namespace, true).await?;
            releases.retain(|r| filter(r));
            Ok(releases)
        })
    }

    fn query(&self, labels: &BTreeMap<String, String>) -> Result<Vec<Release>> {
        let filters = query_filters(labels)?;
        let namespace = self.namespace();
        self.runtime.block_on(async {
            let mut sql = format!("SELECT key, namespace, body FROM {RELEASES_TABLE}");
            let mut conditions = Vec::new();
            for (i, (column, _)) in filters.iter().enumerate() {
                let cast = if INTEGER_COLUMNS.contains(column) {
                    "::integer"
                } else {
                    ""
                };
                conditions.push(format!("{column} = ${}{cast}", i + 1));
            }
            if !namespace.is_empty() {
                conditions.push(format!("namespace = ${}", filters.len() + 1));
            }
            if !conditions.is_empty() {
                sql.push_str(" WHERE ");
                sql.push_str(&conditions.join(" AND "));
            }
            let mut query = sqlx::query(AssertSqlSafe(sql));
            for (_, value) in &filters {
                query = query.bind(value);
            }
            if !namespace.is_empty() {
                query = query.bind(&namespace);
            }
            let rows = query
                .fetch_all(&self.pool)
                .await
                .map_err(sql_error("failed to query with labels"))?;
            let releases = self.releases(rows, &namespace, false).await?;
            if releases.is_empty() {
                return Err(Error::ReleaseNotFound);
            }
            Ok(releases)
        })
    }

    fn create(&self, key: &str, release: &Release) -> Result<()> {
        let (row, labels) = row(key, release, self.clock.now().unix())?;
        self.set_namespace(&row.namespace);
        let version = i32::try_from(row.version).unwrap_or(i32::MAX);
        let created = i32::try_from(row.created_at).unwrap_or(i32::MAX);
        self.runtime.block_on(async {
            let mut tx = self
                .pool
                .begin()
                .await
                .map_err(sql_error("error beginning transaction"))?;
            let inserted = sqlx::query(AssertSqlSafe(format!(
                "INSERT INTO {RELEASES_TABLE} (key, type, body, name, namespace, version, status, owner, createdAt) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)"
            )))
            .bind(&row.key)
            .bind(row.kind)
            .bind(&row.body)
            .bind(&row.name)
            .bind(&row.namespace)
            .bind(version)
            .bind(&row.status)
            .bind(row.owner)
            .bind(created)
            .execute(&mut *tx)
            .await;
            if let Err(e) = inserted {
                // Helm looks the key up after a failed insert to tell "exists" apart; in
                // PostgreSQL the failed insert aborts the transaction, so the unique
                // violation itself is the answer.
                if e.as_database_error().is_some_and(sqlx::error::DatabaseError::is_unique_violation) {
                    return Err(Error::ReleaseExists);
                }
                return Err(sql_error("failed to store release")(e));
            }
            for (k, v) in &labels {
                sqlx::query(AssertSqlSafe(format!(
                    "INSERT INTO {CUSTOM_LABELS_TABLE} (releaseKey, releaseNamespace, key, value) VALUES ($1, $2, $3, $4)"
                )))
                .bind(&row.key)
                .bind(&row.namespace)
                .bind(k)
                .bind(v)
                .execute(&mut *tx)
                .await
                .map_err(sql_error("failed to write Labels"))?;
            }
            tx.commit().await.map_err(sql_error("failed to commit"))
        })
    }

    fn update(&self, key: &str, release: &Release) -> Result<()> {
        let (row, _) = row(key, release, 0)?;
        self.set_namespace(&row.namespace);
        let version = i32::try_from(row.version).unwrap_or(i32::MAX);
        let modified = i32::try_from(self.clock.now().unix()).unwrap_or(i32::MAX);
        self.runtime.block_on(async {
            let done = sqlx::query(AssertSqlSafe(format!(
                "UPDATE {RELEASES_TABLE} SET body = $1, name = $2, version = $3, status = $4, owner = $5, modifiedAt = $6 WHERE key = $7 AND namespace = $8"
            )))
            .bind(&row.body)
            .bind(&row.name)
            .bind(version)
            .bind(&row.status)
            .bind(row.owner)
            .bind(modified)
            .bind(key)
            .bind(&row.namespace)
            .execute(&self.pool)
            .await
            .map_err(sql_error("failed to update release"))?;
            // Helm ignores the count; its Updator contract says a missing release is
            // ErrReleaseNotFound, which is what the other drivers give.
            if done.rows_affected() == 0 {
                return Err(Error::ReleaseNotFound);
            }
            Ok(())
        })
    }

    fn delete(&self, key: &str) -> Result<Release> {
        let namespace = self.namespace();
        self.runtime.block_on(async {
            let mut tx = self
                .pool
                .begin()
                .await
                .map_err(sql_error("error beginning transaction"))?;
            let body: String = sqlx::query(AssertSqlSafe(format!(
                "SELECT body FROM {RELEASES_TABLE} WHERE key = $1 AND namespace = $2"
            )))
            .bind(key)
            .bind(&namespace)
            .fetch_one(&mut *tx)
            .await
            .and_then(|r| r.try_get(0))
            .map_err(|_| Error::ReleaseNotFound)?;
            let mut release = Release::decode(&body).map_err(|cause| Error::Decode { cause })?;
            sqlx::query(AssertSqlSafe(format!(
                "DELETE FROM {RELEASES_TABLE} WHERE key = $1 AND namespace = $2"
            )))
            .bind(key)
            .bind(&namespace)
            .execute(&mut *tx)
            .await
            .map_err(sql_error("failed perform delete query"))?;
            let labels = sqlx::query(AssertSqlSafe(format!(
                "DELETE FROM {CUSTOM_LABELS_TABLE} WHERE releaseKey = $1 AND releaseNamespace = $2 RETURNING key, value"
            )))
            .bind(key)
            .bind(&namespace)
            .fetch_all(&mut *tx)
            .await
            .map_err(sql_error("failed to delete Labels"))?;
            let labels: BTreeMap<String, String> = labels
                .iter()
                .filter_map(|r| Some((r.try_get(0).ok()?, r.try_get(1).ok()?)))
                .collect();
            release.labels = filter_system_labels(&labels);
            tx.commit().await.map_err(sql_error("failed to commit"))?;
            Ok(release)
        })
    }
}

/// Reads a connection string as lib/pq does: a `postgres://` or `postgresql://` URL, or
/// libpq's `key=value` pairs separated by spaces (values may be single-quoted, with `\'` and
/// `\\` escapes).
///
/// Errors: [`Error::SqlConnection`] naming what cannot be read.
pub fn connect_options(connection: &str) -> Result<PgConnectOptions> {
    let bad = |message: String| Error::SqlConnection { message };
    let trimmed = connection.trim();
    if trimmed.starts_with("postgres://") || trimmed.starts_with("postgresql://") {
        return PgConnectOptions::from_str(trimmed).map_err(|e| bad(e.to_string()));
    }
    let mut options = PgConnectOptions::new();
    for (key, value) in parse_key_values(trimmed).map_err(bad)? {
        options = match key.as_str() {
            "host" if value.starts_with('/') => options.socket(&value),
            "host" | "hostaddr" => options.host(&value),
            "port" => options.port(
                value
                    .parse()
                    .map_err(|_| bad(format!("invalid port {value:?}")))?,
            ),
            "user" => options.username(&value),
            "password" => options.password(&value),
            "dbname" => options.database(&value),
            "sslmode" => options.ssl_mode(
                PgSslMode::from_str(&value)
                    .map_err(|_| bad(format!("unsupported sslmode {value:?}")))?,
            ),
            "sslrootcert" => options.ssl_root_cert(&value),
            "sslcert" => options.ssl_client_cert(&value),
            "sslkey" => options.ssl_client_key(&value),
            "application_name" | "fallback_application_name" => options.application_name(&value),
            // Accepted by lib/pq and of no use here.
            "connect_timeout"
            | "binary_parameters"
            | "disable_prepared_binary_result"
            | "sslinline"
            | "sslsni"
            | "krbsrvname"
            | "krbspn" => options,
            other => {
                // lib/pq passes other keys to the server as run-time parameters.
                options.options([(other, value.as_str())])
            }
        };
    }
    Ok(options)
}

/// Splits libpq's `key=value key2='quoted value'` form.
fn parse_key_values(text: &str) -> std::result::Result<Vec<(String, String)>, String> {
    let mut out = Vec::new();
    let mut chars = text.chars().peekable();
    loop {
        while chars.peek().is_some_and(|c| c.is_whitespace()) {
            chars.next();
        }
        if chars.peek().is_none() {
            return Ok(out);
        }
        let mut key = String::new();
        while let Some(&c) = chars.peek() {
            if c == '=' || c.is_whitespace() {
                break;
            }
            key.push(c);
            chars.next();
        }
        while chars.peek().is_some_and(|c| c.is_whitespace()) {
            chars.next();
        }
        if chars.next() != Some('=') {
            return Err(format!(
                "missing \"=\" after {key:?} in connection info string"
            ));
        }
        while chars.peek().is_some_and(|c| c.is_whitespace()) {
            chars.next();
        }
        let mut value = String::new();
        if chars.peek() == Some(&'\'') {
            chars.next();
            loop {
                match chars.next() {
                    None => {
                        return Err(
                            "unterminated quoted string in connection info string".to_owned()
                        );
                    }
                    Some('\'') => break,
                    Some('\\') => match chars.next() {
                        Some(c) => value.push(c),
                        None => {
                            return Err(
                                "unterminated quoted string in connection info string".to_owned()
                            );
                        }
                    },
                    Some(c) => value.push(c),
                }
            }
        } else {
            while let Some(&c) = chars.peek() {
                if c.is_whitespace() {
                    break;
                }
                chars.next();
                if c == '\\' {
                    if let Some(n) = chars.next() {
                        value.push(n);
                    }
                } else {
                    value.push(c);
                }
            }
        }
        out.push((key, value));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_value_connection_strings() {
        let pairs =
            parse_key_values("host=localhost port=5432 password='a b\\'c' dbname = x").unwrap();
        assert_eq!(
            pairs,
            [
                ("host".to_owned(), "localhost".to_owned()),
                ("port".to_owned(), "5432".to_owned()),
                ("password".to_owned(), "a b'c".to_owned()),
                ("dbname".to_owned(), "x".to_owned()),
            ]
        );
        assert!(parse_key_values("host").is_err());
        assert!(parse_key_values("password='open").is_err());
        let o = connect_options("host=127.0.0.1 port=55432 user=u dbname=rudder sslmode=disable")
            .unwrap();
        assert_eq!(o.get_host(), "127.0.0.1");
        assert_eq!(o.get_port(), 55432);
        assert_eq!(o.get_username(), "u");
        assert_eq!(o.get_database(), Some("rudder"));
        let o = connect_options("postgres://u:p@127.0.0.1:5433/db?sslmode=disable").unwrap();
        assert_eq!((o.get_port(), o.get_database()), (5433, Some("db")));
        assert_eq!(
            connect_options("port=x").unwrap_err().to_string(),
            "invalid connection string: invalid port \"x\""
        );
    }
}
