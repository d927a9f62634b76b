//! Go's `text/template`, as Helm uses it: lexer, parser, parse tree and executor.
//!
//! This crate knows nothing about Helm. It reproduces Go's language, printing and error text
//! (Go 1.26), so that templates written for Helm render byte for byte the same.
//! Parsed trees are immutable and shared (`Arc`), so one parse serves many executions and
//! threads.

mod builtins;
pub mod exec;
pub mod func;
pub mod lex;
pub mod node;
pub mod parse;

pub use exec::{CallContext, ExecError, MapMethods, MissingKey, Options, Templates};
pub use func::{
    ArgType, BuildNameHasher, FuncError, FuncMap, FuncResult, Function, NameHasher, Signature,
};
pub use parse::{ParseError, ParseOptions, Tree, parse};

/// A parse or execution error, displayed exactly as Go displays it.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// `template: NAME:LINE: ...`: the parser's error.
    #[error(transparent)]
    Parse(#[from] parse::ParseError),
    /// `template: NAME:LINE:COL: executing "NAME" at <NODE>: ...`
    #[error(transparent)]
    Exec(#[from] Box<exec::ExecError>),
    /// `template: no template "NAME" associated with template "SET"`: execution of a name
    /// the set does not define.
    #[error(
        "template: no template {} associated with template {}",
        exec::go_quote(name),
        exec::go_quote(set)
    )]
    NoTemplate {
        /// The requested template.
        name: String,
        /// The name of the set ([`Templates::with_name`]).
        set: String,
    },
}
