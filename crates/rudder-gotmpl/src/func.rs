//! Functions callable from templates, with Go's parameter types.
//!
//! Go's `text/template` converts each argument to the Go type of the function's parameter and
//! fails with Go's own words when it can't (`wrong type for value; expected string; got
//! interface {}`, `invalid value; expected int`). A [`Signature`] records those parameter types
//! so the executor can apply exactly the same rules, before the Rust implementation runs.

use std::collections::HashMap;
use std::sync::Arc;

use rudder_value::Value;

use crate::exec::CallContext;

/// The Go type of one parameter.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ArgType {
    /// `interface{}`: anything, missing values arrive as [`Value::Nil`].
    Any,
    /// `bool`
    Bool,
    /// `int`: a template integer literal, or a value whose dynamic type is `int`.
    Int,
    /// `int64`
    Int64,
    /// `uint64`
    Uint64,
    /// `float64`: any number literal, or a value whose dynamic type is `float64`.
    Float64,
    /// `string`
    String,
    /// `[]interface{}`
    List,
    /// `[]string`
    StringList,
    /// `map[string]interface{}`
    Map,
    /// `uint32` (Sprig's `derivePassword` counter). No value has this type, so only an
    /// unsigned integer constant can be passed, truncated to 32 bits as reflect's `SetUint`
    /// does.
    Uint32,
    /// A host type by its Go name (`time.Time`, `sprig.certificate`, `*semver.Version`):
    /// accepts a [`Value::Object`] whose [`rudder_value::Object::type_name`] is this name. A
    /// name starting with `*` is a pointer type, which also accepts `nil`.
    Host(&'static str),
    /// A named integer type of kind `int64` (`time.Duration`): an integer constant converts to
    /// it and arrives as a [`Value::Int64`]; a value must be a [`Value::Object`] of that type
    /// name (an `int64` is not assignable to it).
    NamedInt64(&'static str),
}

impl ArgType {
    /// Go's spelling of the type, as it appears in conversion errors.
    pub fn go_name(self) -> &'static str {
        match self {
            ArgType::Any => "interface {}",
            ArgType::Bool => "bool",
            ArgType::Int => "int",
            ArgType::Int64 => "int64",
            ArgType::Uint64 => "uint64",
            ArgType::Float64 => "float64",
            ArgType::String => "string",
            ArgType::List => "[]interface {}",
            ArgType::StringList => "[]string",
            ArgType::Map => "map[string]interface {}",
            ArgType::Uint32 => "uint32",
            ArgType::Host(name) | ArgType::NamedInt64(name) => name,
        }
    }
}

/// A function's parameter list.
#[derive(Clone, Debug, Default)]
pub struct Signature {
    /// Fixed parameters.
    pub params: Vec<ArgType>,
    /// Type of the trailing `...T` parameter, if the function is variadic.
    pub variadic: Option<ArgType>,
}

impl Signature {
    /// A fixed parameter list.
    pub fn fixed(params: &[ArgType]) -> Self {
        Signature {
            params: params.to_vec(),
            variadic: None,
        }
    }

    /// Fixed parameters followed by `...rest`.
    pub fn variadic(params: &[ArgType], rest: ArgType) -> Self {
        Signature {
            params: params.to_vec(),
            variadic: Some(rest),
        }
    }
}

/// The error a function returns. The executor prefixes Go's `error calling NAME: `.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FuncError(pub String);

impl FuncError {
    /// An error with this message.
    pub fn new(msg: impl Into<String>) -> Self {
        FuncError(msg.into())
    }
}

impl std::fmt::Display for FuncError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for FuncError {}

impl From<String> for FuncError {
    fn from(s: String) -> Self {
        FuncError(s)
    }
}

impl From<&str> for FuncError {
    fn from(s: &str) -> Self {
        FuncError(s.to_owned())
    }
}

/// What a function returns.
pub type FuncResult = Result<Value, FuncError>;

type Impl = dyn Fn(&mut CallContext<'_>, &[Value]) -> FuncResult + Send + Sync;

/// A function the template may call: its Go signature and its implementation.
///
/// The implementation receives arguments already converted to the signature (an `Int`
/// parameter always holds a [`Value::Int`], a `String` one a [`Value::String`], variadic
/// arguments follow the fixed ones) and a [`CallContext`] through which functions such as
/// Helm's `include` and `tpl` can execute other templates.
#[derive(Clone)]
pub struct Function {
    /// The Go signature.
    pub sig: Signature,
    imp: Arc<Impl>,
}

impl Function {
    /// A function that needs the call context (to execute templates).
    pub fn with_context(
        sig: Signature,
        imp: impl Fn(&mut CallContext<'_>, &[Value]) -> FuncResult + Send + Sync + 'static,
    ) -> Self {
        Function {
            sig,
            imp: Arc::new(imp),
        }
    }

    /// A plain function of its arguments.
    pub fn new(
        sig: Signature,
        imp: impl Fn(&[Value]) -> FuncResult + Send + Sync + 'static,
    ) -> Self {
        Function {
            sig,
            imp: Arc::new(move |_ctx, args| imp(args)),
        }
    }

    /// Calls the implementation.
    pub fn call(&self, ctx: &mut CallContext<'_>, args: &[Value]) -> FuncResult {
        (self.imp)(ctx, args)
    }
}

impl std::fmt::Debug for Function {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Function")
            .field("sig", &self.sig)
            .finish_non_exhaustive()
    }
}

/// Functions by name, as Go's `template.FuncMap`. Build one with `FuncMap::default()`.
pub type FuncMap = HashMap<String, Function, BuildNameHasher>;

/// FNV-1a over function names. Every call in a template looks its function up by name, and
/// the names are short and chosen by the program, not by whoever writes the chart: a plain
/// fast hash fits them better than the default SipHash, which guards against chosen keys.
#[derive(Clone, Copy, Debug)]
pub struct NameHasher(u64);

impl Default for NameHasher {
    fn default() -> Self {
        NameHasher(0xcbf2_9ce4_8422_2325)
    }
}

impl std::hash::Hasher for NameHasher {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// Builds [`NameHasher`]s for [`FuncMap`].
pub type BuildNameHasher = std::hash::BuildHasherDefault<NameHasher>;
