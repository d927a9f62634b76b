//! OCI registries for Helm charts: references (`oci://host/path/name:tag`), login and logout
//! against Helm's registry credentials file, and chart push and pull with Helm's media types
//! (Helm's `pkg/registry`).
//!
//! Main types: [`Reference`], [`Client`] with [`ClientOptions`], [`CredentialsFile`].
//!
//! The client speaks the distribution API itself over the workspace's blocking `reqwest`
//! rather than through `oci-client` (the crate ../shared/DEPENDENCIES.md measured): Helm needs
//! only seven calls (ping, blob head/upload, manifest put/get, blob get, tag list) with Basic or
//! Bearer-token auth, and wording its errors as oras-go does (`authenticating to "host": ...`,
//! `response status code 404: ...`) needs the raw status and body at each call. `oci-client` is
//! async and would add a second HTTP stack and a runtime to every command that pulls a chart.
//!
//! ```
//! use rudder_registry::Reference;
//!
//! let r = Reference::parse("oci://localhost:5000/charts/app").unwrap();
//! let r = r.with_version("1.0.0+build").unwrap();
//! assert_eq!(r.to_string(), "localhost:5000/charts/app:1.0.0_build");
//! ```

pub mod chart;
pub mod client;
pub mod credentials;
pub mod error;
pub mod reference;

pub use chart::{PullResult, PushResult};
pub use client::{Client, ClientOptions};
pub use credentials::{Credential, CredentialsFile};
pub use error::{Error, Result};
pub use reference::{OCI_PREFIX, Reference, is_oci};
