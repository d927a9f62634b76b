//! Errors of the repository crate, worded as Helm words them.

use std::path::PathBuf;

/// A failure while reading, writing or fetching repository data.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file could not be read or written (`fs-err` names the path).
    #[error(transparent)]
    Io(std::io::Error),
    /// `repositories.yaml` could not be read (Helm's `LoadFile`).
    #[error("couldn't load repositories file ({})", path.display())]
    LoadRepoFile {
        /// The file.
        path: PathBuf,
        /// Why.
        #[source]
        source: std::io::Error,
    },
    /// A YAML or JSON document did not decode.
    #[error("{message}")]
    Decode {
        /// The decoder's message.
        message: String,
    },
    /// Writing YAML failed.
    #[error("{0}")]
    Encode(String),
    /// The index file is empty (Helm's `ErrEmptyIndexYaml`).
    #[error("empty index.yaml file")]
    EmptyIndex,
    /// The index has no `apiVersion` (Helm's `ErrNoAPIVersion`).
    #[error("no API version specified")]
    NoApiVersion,
    /// `error loading PATH: ...` around an index failure.
    #[error("error loading {}: {cause}", path.display())]
    LoadIndex {
        /// The index file.
        path: PathBuf,
        /// Why.
        cause: Box<Error>,
    },
    /// No chart of that name (Helm's `ErrNoChartName`).
    #[error("no chart name found")]
    NoChartName,
    /// The chart has no versions (Helm's `ErrNoChartVersion`).
    #[error("no chart version found")]
    NoChartVersion,
    /// No version satisfies the constraint.
    #[error("no chart version found for {name}-{version}")]
    NoMatchingVersion {
        /// Chart name.
        name: String,
        /// The requested version or constraint.
        version: String,
    },
    /// A version constraint did not parse.
    #[error("{0}")]
    Constraint(String),
    /// A chart failed validation when added to an index.
    #[error("failed adding to {file} to index: validate failed for {file}: {message}")]
    InvalidChart {
        /// The archive's file name.
        file: String,
        /// The validation message.
        message: String,
    },
    /// A URL did not parse.
    #[error("{0}")]
    Url(String),
    /// The HTTP client could not be built (TLS files and the like).
    #[error("{0}")]
    Client(String),
    /// An HTTP request failed before a response arrived.
    #[error("{0}")]
    Transport(String),
    /// The server answered with an error status (Helm's getter wording).
    #[error("failed to fetch {url} : {status}")]
    Status {
        /// The requested URL.
        url: String,
        /// The status line, as Go prints `resp.Status` (`401 Unauthorized`).
        status: String,
    },
    /// A downloaded archive's digest differs from the index.
    #[error("digest mismatch for {url}: index has sha256:{expected}, got sha256:{actual}")]
    DigestMismatch {
        /// The archive URL.
        url: String,
        /// Digest from the index.
        expected: String,
        /// Digest of the downloaded bytes.
        actual: String,
    },
    /// A chart could not be loaded.
    #[error(transparent)]
    Chart(#[from] rudder_chart::Error),
}

/// The crate's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;
