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
}

/// Results of this crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;
