//! `tiller`: Rudder's release server, Helm 2's Tiller brought back with what it lacked.
//!
//! Clients (`rudder --host`) send a chart archive and values over gRPC
//! ([`rudder_proto`]); the server runs the same release actions as the client does directly
//! ([`rudder_action`]) against its cluster and release storage.
//!
//! * [`server`]: mutual TLS by default ([`tls`]); plaintext only on loopback.
//! * [`authz`]: the client certificate's common name maps to namespaces and operations.
//! * [`audit`]: a JSON line per call (who, what, release, result) and per refused handshake.
//! * [`locks`]: calls that change one release are serialised; other releases run in
//!   parallel, each call on its own thread, which finishes even if the client disconnects.
//! * [`backend`]: the per-call [`rudder_action::Context`] in the call's namespace.
//!
//! ```
//! use std::path::Path;
//! use rudder_tiller::authz::{Operation, Policy};
//!
//! let policy = Policy::from_yaml(
//!     "clients:\n  - identity: ci\n    namespaces: [staging]\n    operations: [install, upgrade]\n",
//!     Path::new("authz.yaml"),
//! )
//! .unwrap();
//! assert!(policy.check(Some("ci"), Operation::Install, "staging").is_ok());
//! assert!(policy.check(Some("ci"), Operation::Install, "prod").is_err());
//! assert!(policy.check(None, Operation::List, "staging").is_err());
//! ```

pub mod audit;
pub mod authz;
pub mod backend;
mod error;
pub mod locks;
pub mod server;
pub mod service;
pub mod tls;
pub mod warning;

pub use error::{Error, Result};
