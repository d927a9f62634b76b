//! Where releases are kept: Helm's `pkg/storage` and `pkg/storage/driver`.
//!
//! * [`Driver`] is the contract every store fulfils (get, list, query by labels, create,
//!   update, delete), with Helm's errors ([`Error::ReleaseNotFound`], [`Error::ReleaseExists`],
//!   ...). [`Memory`] keeps releases in memory by namespace, as Helm's memory driver does.
//! * [`Storage`] works on releases by name and revision over a driver: history, the last and
//!   the deployed revision, and pruning to `--history-max`.
//! * [`record`] builds and reads the Secret and ConfigMap objects Helm stores releases in, so
//!   that real Helm reads Rudder's records and Rudder reads Helm's; [`sql`] holds the schema
//!   and rows of Helm's PostgreSQL driver.
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

mod driver;
mod error;
mod memory;
pub mod record;
pub mod sql;
mod storage;

pub use driver::{
    Driver, DriverKind, HELM_STORAGE_TYPE, SYSTEM_LABELS, contains_system_labels,
    filter_system_labels, is_system_label, make_key, parse_key,
};
pub use error::{Error, Result};
pub use memory::Memory;
pub use storage::Storage;
