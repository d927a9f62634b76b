/// Errors of this crate.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A rendered document is not valid YAML, or its head has the wrong shape.
    #[error("YAML parse error on {path}: {message}")]
    ManifestParse {
        /// The template that produced the document.
        path: String,
        /// The parser's message.
        message: String,
    },
    /// A stored release could not be decoded (base64, gzip or JSON; Go's message).
    #[error("{message}")]
    Decode {
        /// The decoder's message.
        message: String,
    },
    /// A release could not be encoded (a NaN in its values, say).
    #[error("{message}")]
    Encode {
        /// The encoder's message.
        message: String,
    },
}

/// Results of this crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;
