//! Go's `text/template`, as Helm uses it: lexer, parser, parse tree and executor.
//!
//! This crate knows nothing about Helm. It reproduces Go's language, printing and error text
//! (Go 1.26), so that templates written for Helm render byte for byte the same.
//! Parsed trees are immutable and shared (`Arc`), so one parse serves many executions and
//! threads.

pub mod exec;
pub mod func;
pub mod lex;
pub mod node;
pub mod parse;

pub use exec::{CallContext, MissingKey, Options, Templates};
pub use func::{ArgType, FuncError, FuncMap, FuncResult, Function, Signature};
pub use parse::{parse, ParseError, ParseOptions, Tree};

/// A parse or execution error, displayed exactly as Go displays it.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// `template: NAME:LINE: ...`
    #[error("template: parse error (in progress)")]
    Parse,
    /// `template: NAME:LINE:COL: executing "NAME" at <NODE>: ...`
    #[error("template: exec error (in progress)")]
    Exec,
}
