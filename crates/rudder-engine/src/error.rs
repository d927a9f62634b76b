//! Errors of rendering, displayed exactly as Helm 4 prints them.

/// A rendering error. `Display` gives Helm's text byte for byte.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Error {
    /// A template did not parse: `parse error at (oracle/templates/x.tpl:1): missing value for if`.
    #[error("parse error at ({location}): {message}")]
    Parse {
        /// The template being parsed.
        template: String,
        /// `NAME:LINE` or `NAME:LINE:COL`.
        location: String,
        /// The last part of Go's message.
        message: String,
    },
    /// A parse error without a location: `parse error in (NAME): ERROR`.
    #[error("parse error in ({template}): {message}")]
    ParseUnlocated {
        /// The template being parsed.
        template: String,
        /// Go's whole message.
        message: String,
    },
    /// `fail` or `required` stopped rendering: `execution error at (x.tpl:1:3): message`.
    #[error("execution error at ({location}): {message}")]
    Execution {
        /// The template being rendered.
        template: String,
        /// `NAME:LINE:COL` of the outermost call that failed.
        location: String,
        /// The message given to `fail` or `required`.
        message: String,
    },
    /// Helm's multi-line trace of a template error (`x.tpl:1:10\n  executing "x.tpl" at
    /// <.Values.a.b>:\n    nil pointer evaluating interface {}.b`).
    #[error("{trace}")]
    Trace {
        /// The template being rendered.
        template: String,
        /// The formatted trace, one location per stanza.
        trace: String,
    },
    /// A template error Helm passes on with Go's own one-line text (`template: x.tpl:1:3:
    /// executing "x.tpl" at <eq 1 "a">: error calling eq: incompatible types for comparison`).
    #[error("{message}")]
    Template {
        /// The template being rendered.
        template: String,
        /// Go's message.
        message: String,
    },
    /// A Go panic that Helm's engine recovered: `rendering template failed: ...`.
    #[error("rendering template failed: {message}")]
    Panic {
        /// What the panic said.
        message: String,
    },
}

/// Results of this crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// The template the error happened in, when known.
    pub fn template(&self) -> Option<&str> {
        match self {
            Error::Parse { template, .. }
            | Error::ParseUnlocated { template, .. }
            | Error::Execution { template, .. }
            | Error::Trace { template, .. }
            | Error::Template { template, .. } => Some(template),
            Error::Panic { .. } => None,
        }
    }
}
