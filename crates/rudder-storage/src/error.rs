use rudder_value::strconv::quote;

/// Errors of release storage, worded as Helm's `pkg/storage/driver/driver.go` and
/// `pkg/storage/storage.go` word them.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// No record has the key, or no record matches a query (Helm's `ErrReleaseNotFound`).
    #[error("release: not found")]
    ReleaseNotFound,
    /// A record with the key already exists (Helm's `ErrReleaseExists`).
    #[error("release: already exists")]
    ReleaseExists,
    /// A key is not `sh.helm.release.v1.NAME.vN` (Helm's `ErrInvalidKey`).
    #[error("release: invalid key")]
    InvalidKey,
    /// The release has no revision in the `deployed` state (Helm's `ErrNoDeployedReleases`,
    /// wrapped in a `StorageDriverError`).
    #[error("{} has no deployed releases", quote(name))]
    NoDeployedReleases {
        /// The release name.
        name: String,
    },
    /// The release has no revision at all (`Storage.Last`).
    #[error("no revision for release {}", quote(name))]
    NoRevision {
        /// The release name.
        name: String,
    },
    /// Pruning the history failed for more than one revision. Helm's text names the first
    /// failure, so this one does too.
    #[error("encountered {count} deletion errors. First is: {first}")]
    Prune {
        /// How many deletions failed.
        count: usize,
        /// The first failure.
        first: Box<Error>,
    },
    /// A label value a query uses is not a valid Kubernetes label value.
    #[error("invalid label value: {}: {}", quote(value), reasons.join("; "))]
    InvalidLabelValue {
        /// The value.
        value: String,
        /// Kubernetes' reasons.
        reasons: Vec<String>,
    },
    /// `HELM_DRIVER` names no driver.
    #[error("unknown driver {}", quote(name))]
    UnknownDriver {
        /// The value given.
        name: String,
    },
    /// A query names a label the SQL driver has no column for.
    #[error("unknown label {key}")]
    UnknownLabel {
        /// The label.
        key: String,
    },
    /// The Secret driver's API failures, with Helm's context (`get: failed to get "KEY"`,
    /// `list: failed to list`, `create: failed to create`, ...); the cause is the source.
    #[error("{context}")]
    Kube {
        /// Helm's words for the step.
        context: String,
        /// The API error.
        #[source]
        source: rudder_kube::Error,
    },
    /// An API failure passed on as it is (Helm's ConfigMap driver, and `delete`).
    #[error(transparent)]
    Cluster(rudder_kube::Error),
    /// A record holds no decodable release, passed on without context (Helm's ConfigMap
    /// driver).
    #[error("{cause}")]
    Decode {
        /// Why decoding failed.
        cause: rudder_release::Error,
    },
    /// A record split over several objects (see [`crate::parts`]) cannot be put back together.
    #[error("{op}: failed to read the parts of {}: {message}", quote(key))]
    Parts {
        /// The driver operation (`get`, `list`).
        op: &'static str,
        /// The head record's key.
        key: String,
        /// What is wrong.
        message: String,
    },
    /// The SQL driver could not be set up (Helm's `unable to instantiate SQL driver`).
    #[error("unable to instantiate SQL driver")]
    SqlInit {
        /// Why.
        #[source]
        source: Box<Error>,
    },
    /// `HELM_DRIVER_SQL_CONNECTION_STRING` is neither a `postgres://` URL nor a libpq
    /// `key=value` string.
    #[error("invalid connection string: {message}")]
    SqlConnection {
        /// What is wrong.
        message: String,
    },
    /// A statement failed; `context` says which step, as Helm's SQL driver words it where it
    /// adds words (`error beginning transaction`), else the statement's purpose.
    #[error("{context}")]
    Sql {
        /// The step.
        context: String,
        /// The database error.
        #[source]
        source: sqlx::Error,
    },
    /// A stored record holds no decodable release (`get: failed to decode data "KEY": ...`).
    #[error("{op}: failed to decode data {}: {cause}", quote(key))]
    DecodeRecord {
        /// The driver operation (`get`).
        op: &'static str,
        /// The record's key.
        key: String,
        /// Why decoding failed.
        cause: rudder_release::Error,
    },
    /// A release could not be encoded into a record (`create: failed to encode release "NAME": ...`).
    #[error("{op}: failed to encode release {}: {cause}", quote(name))]
    EncodeRecord {
        /// The driver operation (`create`, `update`).
        op: &'static str,
        /// The release name.
        name: String,
        /// Why encoding failed.
        cause: rudder_release::Error,
    },
}

/// Results of this crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;
