//! The gRPC messages and the release service that `rudder --host` and `tiller` share, built
//! from `proto/tiller.proto` (Helm 2's `hapi.services.tiller.ReleaseService`, with the chart
//! sent as its archive plus values, and releases as Rudder's release records).
//!
//! [`tiller::release_service_client::ReleaseServiceClient`] is the client ([`client::connect`]
//! opens one with Helm 2's TLS flags),
//! [`tiller::release_service_server::ReleaseService`] the trait a server implements.
//!
//! ```
//! use rudder_proto::tiller::{Chart, InstallReleaseRequest};
//!
//! let request = InstallReleaseRequest {
//!     chart: Some(Chart { archive: vec![0x1f, 0x8b] }),
//!     values: "replicas: 2\n".to_owned(),
//!     name: "web".to_owned(),
//!     namespace: "default".to_owned(),
//!     ..InstallReleaseRequest::default()
//! };
//! assert_eq!(request.chart.map(|c| c.archive.len()), Some(2));
//! ```

pub mod client;

/// The `rudder.tiller` package: messages, client and server.
#[expect(
    missing_docs,
    reason = "generated code; proto/tiller.proto documents every message"
)]
#[expect(
    clippy::pedantic,
    reason = "generated code follows prost's and tonic's style"
)]
pub mod tiller {
    tonic::include_proto!("rudder.tiller");
}

/// The default port of Tiller (Helm 2's `environment.DefaultTillerPort`).
pub const DEFAULT_PORT: u16 = 44134;
