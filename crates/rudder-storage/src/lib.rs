//! Where releases are kept: Helm's `pkg/storage` and `pkg/storage/driver`.
//!
//! * [`Driver`] is the contract every store fulfils (get, list, query by labels, create,
//!   update, delete), with Helm's errors ([`Error::ReleaseNotFound`], [`Error::ReleaseExists`],
//!   ...). [`Memory`] keeps releases in memory by namespace, as Helm's memory driver does;
//!   [`Secrets`] and [`ConfigMaps`] keep them in the cluster through a
//!   [`KubeClient`], in Helm's format; [`Sql`] keeps them in
//!   PostgreSQL in Helm's schema. [`open`] builds the one `HELM_DRIVER` names.
//! * [`Storage`] works on releases by name and revision over a driver: history, the last and
//!   the deployed revision, and pruning to `--history-max`.
//! * [`record`] builds and reads the Secret and ConfigMap objects Helm stores releases in, so
//!   that real Helm reads Rudder's records and Rudder reads Helm's; [`sql`] holds the schema
//!   and rows of Helm's PostgreSQL driver.
//! * [`parts`] describes how a release too large for one Secret or ConfigMap is stored (Helm
//!   cannot store it at all); smaller ones stay exactly in Helm's format.
//!
//! ```
//! use rudder_release::{Release, Status};
//! use rudder_storage::{Memory, Storage};
//!
//! let mut storage = Storage::new(Memory::new());
//! storage.max_history = 2;
//! for version in 1..=3 {
//!     let mut r = Release { name: "web".into(), version, ..Release::default() };
//!     r.info.status = Some(if version == 3 { Status::Deployed } else { Status::Superseded });
//!     storage.create(&r).unwrap();
//! }
//! assert_eq!(storage.history("web").unwrap().len(), 2);
//! assert_eq!(storage.deployed("web").unwrap().version, 3);
//! assert_eq!(
//!     storage.get("web", 1).unwrap_err().to_string(),
//!     "release: not found"
//! );
//! ```

mod cluster;
mod driver;
mod error;
mod memory;
pub mod parts;
mod postgres;
pub mod record;
pub mod sql;
mod storage;

use std::sync::Arc;

use rudder_kube::KubeClient;
use rudder_release::Clock;

pub use cluster::{ConfigMaps, Secrets};

pub use driver::{
    Driver, DriverKind, HELM_STORAGE_TYPE, SYSTEM_LABELS, contains_system_labels,
    filter_system_labels, is_system_label, make_key, parse_key,
};
pub use error::{Error, Result};
pub use memory::Memory;
pub use postgres::{Sql, connect_options};
pub use storage::Storage;

/// The driver `kind` names, as Helm's `action.Configuration.Init` builds it: Secrets or
/// ConfigMaps through `kube` in `namespace`, an empty memory store set to `namespace`, or the
/// SQL database at `sql_connection` (`HELM_DRIVER_SQL_CONNECTION_STRING`; empty when unset).
/// An empty `namespace` makes `list` and `query` look in every namespace
/// (`--all-namespaces`). Record timestamps come from `clock`.
///
/// Errors: only the SQL driver can fail here, with [`Error::SqlInit`] (`unable to
/// instantiate SQL driver`) over the cause.
///
/// ```
/// use std::sync::Arc;
/// use rudder_kube_memory::MemoryCluster;
/// use rudder_release::{FixedClock, Release, Time};
/// use rudder_storage::{DriverKind, Storage, open};
///
/// let kube = Arc::new(MemoryCluster::new());
/// let clock = Arc::new(FixedClock(Time::from_unix(1_700_000_000, 0, 0)));
/// let driver = open(DriverKind::Secret, kube, "default", None, clock).unwrap();
/// let storage = Storage::from_boxed(driver);
/// let r = Release { name: "web".into(), version: 1, namespace: "default".into(), ..Release::default() };
/// storage.create(&r).unwrap();
/// assert_eq!(storage.get("web", 1).unwrap().name, "web");
/// ```
pub fn open(
    kind: DriverKind,
    kube: Arc<dyn KubeClient>,
    namespace: &str,
    sql_connection: Option<&str>,
    clock: Arc<dyn Clock>,
) -> Result<Box<dyn Driver>> {
    Ok(match kind {
        DriverKind::Secret => Box::new(Secrets::new(kube, namespace, clock)),
        DriverKind::ConfigMap => Box::new(ConfigMaps::new(kube, namespace, clock)),
        DriverKind::Memory => {
            let memory = Memory::new();
            memory.set_namespace(namespace);
            Box::new(memory)
        }
        DriverKind::Sql => Box::new(
            Sql::connect(sql_connection.unwrap_or_default(), namespace, clock).map_err(|e| {
                Error::SqlInit {
                    source: Box::new(e),
                }
            })?,
        ),
    })
}
