//! Errors of the registry crate, worded as Helm (and oras-go under it) words them.

/// A failure while parsing a reference, talking to a registry or storing credentials.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file could not be read or written (`fs-err` names the path).
    #[error(transparent)]
    Io(std::io::Error),
    /// The reference is not `oci://host/path[:tag|@digest]`.
    #[error("invalid reference: {reference}")]
    InvalidReference {
        /// The reference as given.
        reference: String,
    },
    /// `--version` and the tag in the reference disagree (Helm's `validateReference`).
    #[error("chart reference and version mismatch: {version} is not {tag}")]
    VersionMismatch {
        /// The requested version.
        version: String,
        /// The tag in the reference.
        tag: String,
    },
    /// The HTTP client could not be built (TLS files unreadable or invalid).
    #[error("{0}")]
    Client(String),
    /// The registry could not be reached.
    #[error("{0}")]
    Transport(String),
    /// Login failed (oras-go's `credentials.Login` wording).
    #[error("authenticating to {host:?}: {detail}")]
    Login {
        /// The registry host.
        host: String,
        /// The failed request, as [`Error::Status`] prints it.
        detail: String,
    },
    /// The token service refused the credentials.
    #[error("login attempt to {url} failed with status: {status}")]
    Unauthorized {
        /// The URL that refused.
        url: String,
        /// The HTTP status line.
        status: String,
    },
    /// The registry answered with an unexpected status.
    #[error("{method} \"{url}\": response status code {code}: {text}")]
    Status {
        /// HTTP method.
        method: String,
        /// The URL.
        url: String,
        /// Status code.
        code: u16,
        /// Status text and registry error code.
        text: String,
    },
    /// A manifest, config or credentials file did not decode.
    #[error("{0}")]
    Decode(String),
    /// The tag or digest does not exist (oras-go's `FetchReference` failure).
    #[error("failed to perform \"FetchReference\" on source: {reference}: not found")]
    ManifestNotFound {
        /// `host/path:tag`.
        reference: String,
    },
    /// `--version` is neither a version nor a constraint.
    #[error("improper constraint: {0}")]
    ImproperConstraint(String),
    /// No tag satisfies the version or constraint (Helm's `GetTagMatchingVersionOrConstraint`).
    #[error("could not locate a version matching provided version string {0}")]
    NoMatchingVersion(String),
    /// The repository has no tags at all.
    #[error("unable to locate any tags in provided repository: {0}")]
    NoTags(String),
    /// The manifest holds no chart layer (Helm's message).
    #[error("manifest does not contain a layer with mediatype {0}")]
    NoChartLayer(String),
    /// A downloaded blob does not match its digest.
    #[error("content digest mismatch: expected {expected}, got {actual}")]
    DigestMismatch {
        /// The digest in the manifest.
        expected: String,
        /// The digest of the bytes received.
        actual: String,
    },
    /// The chart archive could not be read.
    #[error(transparent)]
    Chart(#[from] rudder_chart::Error),
}

/// A `Result` with this crate's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
