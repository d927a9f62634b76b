//! Go-shaped dynamic values, as Helm's templates see them.
//!
//! Helm hands its templates `interface{}` values decoded from YAML and JSON: nil, bool, int,
//! int64, float64, string, `[]interface{}` and `map[string]interface{}`, plus a few Go structs
//! with fields and methods (`.Chart`, `.Files`, `.Capabilities`). [`Value`] models exactly that
//! set; [`Object`] is how host structs expose fields and methods (and, through
//! [`Object::underlying`] and [`Object::pointer_string`], how fmt prints them); [`NilMap`] and
//! [`Scalar`] stand for the few Go values without a variant (a nil `map[string]string`, a
//! `uint8`); [`fmt`] prints values the way Go's `fmt` package does.
//!
//! Maps have reference semantics like Go maps: cloning a [`Value::Map`] shares the map, so
//! Sprig's `set` on a copy is seen through every other copy. Lists and strings are immutable and
//! cheap to clone.
//!
//! ```
//! use rudder_value::{Map, Value};
//!
//! let m = Map::new();
//! m.insert("b", Value::from(vec![Value::from("x"), Value::from("y")]));
//! m.insert("a", Value::Float(1e6));
//! assert_eq!(rudder_value::fmt::sprint(&[Value::Map(m)]), "map[a:1e+06 b:[x y]]");
//! ```

mod bytes;
pub mod civil;
pub mod fmt;
mod map;
mod object;
pub mod strconv;

use std::sync::Arc;

pub use bytes::Bytes;
pub use map::{Freeze, FreezeGuard, Map};
pub use object::{Member, NilMap, Object, Scalar, Underlying};

/// A Go value as Helm's templates see it.
///
/// The variants follow Go's dynamic types because Go's printing, comparison and function
/// argument rules depend on them: `add 1 2` is an `int64`, a number literal in a template is an
/// `int`, and every number read from a YAML values file is a `float64`.
#[derive(Clone, Debug)]
pub enum Value {
    /// Go's untyped nil (a nil `interface{}`).
    Nil,
    /// A Go `bool`.
    Bool(bool),
    /// A Go `int` (template literals, `len`, `atoi`, `int`).
    Int(i64),
    /// A Go `int64` (`--set` integers, Sprig's math functions, `int64`, `toDecimal`).
    Int64(i64),
    /// A Go `uint64`.
    Uint(u64),
    /// A Go `float64` (every number decoded from YAML or JSON values).
    Float(f64),
    /// A Go `string`.
    String(Arc<str>),
    /// A Go `[]byte` (`.Files.GetBytes`).
    Bytes(Bytes),
    /// A Go slice: `[]interface{}`, or `[]string` and friends (see [`ListKind`]).
    List(List),
    /// A Go `map[string]interface{}` with reference semantics.
    Map(Map),
    /// A host struct with fields and methods (`.Chart`, `.Files`, a `time.Time`, ...).
    Object(Arc<dyn Object>),
}

/// The element type a Go slice was declared with. It shows only in `%T`, `typeOf` and in
/// whether the slice may be passed where a `[]string` is required.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum ListKind {
    /// `[]interface {}`
    #[default]
    Interface,
    /// `[]string`
    String,
    /// `[]int`
    Int,
}

/// A Go slice: immutable, cheap to clone.
#[derive(Clone, Debug, Default)]
pub struct List {
    /// The elements.
    pub items: Arc<Vec<Value>>,
    /// The declared element type.
    pub kind: ListKind,
}

impl List {
    /// A `[]interface{}` holding `items`.
    pub fn new(items: Vec<Value>) -> Self {
        List {
            items: Arc::new(items),
            kind: ListKind::Interface,
        }
    }

    /// A slice with the given element type.
    pub fn with_kind(items: Vec<Value>, kind: ListKind) -> Self {
        List {
            items: Arc::new(items),
            kind,
        }
    }

    /// Go's name for this slice type, as `%T` prints it.
    pub fn type_name(&self) -> &'static str {
        match self.kind {
            ListKind::Interface => "[]interface {}",
            ListKind::String => "[]string",
            ListKind::Int => "[]int",
        }
    }
}

impl std::ops::Deref for List {
    type Target = [Value];
    fn deref(&self) -> &[Value] {
        &self.items
    }
}

impl Value {
    /// A string value.
    pub fn string(s: impl Into<Arc<str>>) -> Self {
        Value::String(s.into())
    }

    /// Go's name for the dynamic type, as `%T` and Sprig's `typeOf` print it.
    pub fn type_name(&self) -> String {
        match self {
            Value::Nil => "<nil>".to_owned(),
            Value::Bool(_) => "bool".to_owned(),
            Value::Int(_) => "int".to_owned(),
            Value::Int64(_) => "int64".to_owned(),
            Value::Uint(_) => "uint64".to_owned(),
            Value::Float(_) => "float64".to_owned(),
            Value::String(_) => "string".to_owned(),
            Value::Bytes(_) => "[]uint8".to_owned(),
            Value::List(l) => l.type_name().to_owned(),
            Value::Map(m) => m.type_name().to_owned(),
            Value::Object(o) => o.type_name().to_owned(),
        }
    }

    /// Go's `reflect.Kind` name, as Sprig's `kindOf` prints it.
    pub fn kind_name(&self) -> &'static str {
        match self {
            Value::Nil => "invalid",
            Value::Bool(_) => "bool",
            Value::Int(_) => "int",
            Value::Int64(_) => "int64",
            Value::Uint(_) => "uint64",
            Value::Float(_) => "float64",
            Value::String(_) => "string",
            Value::Bytes(_) | Value::List(_) => "slice",
            Value::Map(_) => "map",
            Value::Object(o) => o.kind_name(),
        }
    }

    /// Go's truth as `if`, `and`, `or` and `not` use it: false, 0, nil, and empty strings,
    /// slices and maps are false; structs are true.
    pub fn is_true(&self) -> bool {
        match self {
            Value::Nil => false,
            Value::Bool(b) => *b,
            Value::Int(i) | Value::Int64(i) => *i != 0,
            Value::Uint(u) => *u != 0,
            Value::Float(f) => *f != 0.0,
            Value::String(s) => !s.is_empty(),
            Value::Bytes(b) => !b.is_empty(),
            Value::List(l) => !l.is_empty(),
            Value::Map(m) => !m.is_empty(),
            Value::Object(o) => o.is_true(),
        }
    }

    /// The string inside a [`Value::String`].
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    /// The map inside a [`Value::Map`].
    pub fn as_map(&self) -> Option<&Map> {
        match self {
            Value::Map(m) => Some(m),
            _ => None,
        }
    }

    /// The list inside a [`Value::List`].
    pub fn as_list(&self) -> Option<&List> {
        match self {
            Value::List(l) => Some(l),
            _ => None,
        }
    }

    /// True for [`Value::Nil`].
    pub fn is_nil(&self) -> bool {
        matches!(self, Value::Nil)
    }

    /// A deep copy: maps are copied recursively instead of shared (Sprig's `deepCopy`).
    pub fn deep_copy(&self) -> Value {
        match self {
            Value::Map(m) => Value::Map(m.deep_copy()),
            Value::List(l) => Value::List(List::with_kind(
                l.iter().map(Value::deep_copy).collect(),
                l.kind,
            )),
            other => other.clone(),
        }
    }
}

impl From<&str> for Value {
    fn from(s: &str) -> Self {
        Value::String(s.into())
    }
}

impl From<String> for Value {
    fn from(s: String) -> Self {
        Value::String(s.into())
    }
}

impl From<bool> for Value {
    fn from(b: bool) -> Self {
        Value::Bool(b)
    }
}

impl From<f64> for Value {
    fn from(f: f64) -> Self {
        Value::Float(f)
    }
}

impl From<Vec<Value>> for Value {
    fn from(v: Vec<Value>) -> Self {
        Value::List(List::new(v))
    }
}

impl From<Map> for Value {
    fn from(m: Map) -> Self {
        Value::Map(m)
    }
}
