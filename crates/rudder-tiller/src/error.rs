//! Why tiller cannot start.

use std::path::PathBuf;

/// Failures while setting the server up; every one stops it before it listens.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A TLS file could not be read.
    #[error("could not read {what} {path}")]
    ReadTls {
        /// `certificate`, `key` or `CA certificate`.
        what: &'static str,
        /// The file.
        path: PathBuf,
        /// The I/O or PEM error.
        #[source]
        source: Box<dyn std::error::Error + Send + Sync>,
    },
    /// A TLS file holds no PEM object of the expected kind.
    #[error("{path} holds no {what}")]
    EmptyTls {
        /// `certificate`, `private key` or `CA certificate`.
        what: &'static str,
        /// The file.
        path: PathBuf,
    },
    /// A TLS flag is missing.
    #[error(
        "{flag} is required: tiller serves mutual TLS unless --tls=false and --listen names a loopback address"
    )]
    MissingTlsFlag {
        /// The flag, as `--tls-cert`.
        flag: &'static str,
    },
    /// Plaintext, or TLS without client certificates, was asked for on a non-loopback address.
    #[error(
        "refusing to serve without mutual TLS on {addr}: only a loopback address (127.0.0.1, [::1], localhost) may be served with --tls=false or --tls-verify=false"
    )]
    InsecureNotLoopback {
        /// The `--listen` address.
        addr: String,
    },
    /// Mutual TLS was asked for without an authorization file.
    #[error(
        "--authz-config is required with mutual TLS: it maps client identities to namespaces and operations"
    )]
    MissingAuthz,
    /// rustls refused the certificates or key.
    #[error("invalid TLS configuration")]
    Tls(#[source] rustls::Error),
    /// The client CA could not be used to verify client certificates.
    #[error("invalid client CA")]
    ClientCa(#[source] rustls::server::VerifierBuilderError),
    /// The authorization file could not be read or parsed.
    #[error("invalid authorization file {path}: {message}")]
    Authz {
        /// The file.
        path: PathBuf,
        /// What is wrong.
        message: String,
    },
    /// The audit log could not be opened.
    #[error("could not open the audit log {path}")]
    Audit {
        /// The file.
        path: PathBuf,
        /// The I/O error.
        #[source]
        source: std::io::Error,
    },
    /// `--listen` is not `host:port`.
    #[error("invalid --listen address {addr:?}: expected host:port")]
    Listen {
        /// The flag's value.
        addr: String,
    },
    /// The address could not be bound.
    #[error("Server died: listen tcp {addr}")]
    Bind {
        /// The address.
        addr: String,
        /// The I/O error.
        #[source]
        source: std::io::Error,
    },
}

/// Results of setting tiller up.
pub type Result<T, E = Error> = std::result::Result<T, E>;
