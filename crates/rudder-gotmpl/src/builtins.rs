//! Go's builtin template functions (`text/template/funcs.go`): `and`, `or`, `not`, `len`,
//! `index`, `slice`, `print`, `printf`, `println`, `eq`, `ne`, `lt`, `le`, `gt`, `ge`, `call`,
//! `html`, `js` and `urlquery`, with Go's error text.
//!
//! Most builtins take `reflect.Value` parameters in Go, so they see the executor's values as
//! they are: an element of an `interface{}` map is an interface, a missing value is invalid.

use std::fmt::Write as _;

use std::sync::Arc;

use rudder_value::{List, Scalar, Underlying, Value};

use crate::exec::{PType, Sig, Val, collection, list_elem_is_iface, map_zero, sprint_one};
use crate::func::ArgType;

/// A builtin function.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Builtin {
    And,
    Or,
    Not,
    Len,
    Index,
    Slice,
    Print,
    Printf,
    Println,
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
    Call,
    Html,
    Js,
    Urlquery,
}

impl Builtin {
    pub(crate) fn from_name(name: &str) -> Option<Builtin> {
        Some(match name {
            "and" => Builtin::And,
            "or" => Builtin::Or,
            "not" => Builtin::Not,
            "len" => Builtin::Len,
            "index" => Builtin::Index,
            "slice" => Builtin::Slice,
            "print" => Builtin::Print,
            "printf" => Builtin::Printf,
            "println" => Builtin::Println,
            "eq" => Builtin::Eq,
            "ne" => Builtin::Ne,
            "lt" => Builtin::Lt,
            "le" => Builtin::Le,
            "gt" => Builtin::Gt,
            "ge" => Builtin::Ge,
            "call" => Builtin::Call,
            "html" => Builtin::Html,
            "js" => Builtin::Js,
            "urlquery" => Builtin::Urlquery,
            _ => return None,
        })
    }

    /// The Go signature of the builtin.
    pub(crate) fn signature(self) -> Sig<'static> {
        const R: PType = PType::Reflect;
        const ANY: PType = PType::Go(ArgType::Any);
        const STRING: PType = PType::Go(ArgType::String);
        match self {
            Builtin::And
            | Builtin::Or
            | Builtin::Index
            | Builtin::Slice
            | Builtin::Eq
            | Builtin::Call => Sig::Static(&[R], Some(R)),
            Builtin::Not | Builtin::Len => Sig::Static(&[R], None),
            Builtin::Ne | Builtin::Lt | Builtin::Le | Builtin::Gt | Builtin::Ge => {
                Sig::Static(&[R, R], None)
            }
            Builtin::Print | Builtin::Println | Builtin::Html | Builtin::Js | Builtin::Urlquery => {
                Sig::Static(&[], Some(ANY))
            }
            Builtin::Printf => Sig::Static(&[STRING], Some(ANY)),
        }
    }
}

/// Runs a builtin other than `and`, `or` and `call` (which the executor handles) on
/// arguments already converted to its signature.
pub(crate) fn call_builtin(b: Builtin, mut argv: Vec<Val>) -> Result<Val, String> {
    let bool_val = |b: bool| Val::Direct(Value::Bool(b));
    let string_val = |s: String| Val::Direct(Value::string(s));
    match b {
        Builtin::Not => Ok(bool_val(!argv[0].truth())),
        Builtin::Len => length(&argv[0]).map(|n| Val::Direct(Value::Int(n as i64))),
        Builtin::Index => {
            let item = argv.remove(0);
            index(item, &argv)
        }
        Builtin::Slice => {
            let item = argv.remove(0);
            slice(item, &argv)
        }
        Builtin::Print => Ok(string_val(rudder_value::fmt::sprint(&values(argv)))),
        Builtin::Println => Ok(string_val(rudder_value::fmt::sprintln(&values(argv)))),
        Builtin::Printf => {
            let mut args = values(argv);
            let format = args.remove(0);
            let format = format.as_str().unwrap_or_default();
            Ok(string_val(rudder_value::fmt::sprintf(format, &args)))
        }
        Builtin::Eq => {
            let first = argv.remove(0);
            eq(first, &argv).map(bool_val)
        }
        Builtin::Ne => eq(argv[0].clone(), &argv[1..]).map(|b| bool_val(!b)),
        Builtin::Lt => lt(&argv[0], &argv[1]).map(bool_val),
        Builtin::Le => le(&argv[0], &argv[1]).map(bool_val),
        Builtin::Gt => le(&argv[0], &argv[1]).map(|b| bool_val(!b)),
        Builtin::Ge => lt(&argv[0], &argv[1]).map(|b| bool_val(!b)),
        Builtin::Html => Ok(string_val(html_escape(&eval_args(argv)))),
        Builtin::Js => Ok(string_val(js_escape(&eval_args(argv)))),
        Builtin::Urlquery => Ok(string_val(query_escape(&eval_args(argv)))),
        Builtin::And | Builtin::Or | Builtin::Call => Err(format!(
            "internal error: {b:?} is evaluated by the executor"
        )),
    }
}

fn values(argv: Vec<Val>) -> Vec<Value> {
    argv.into_iter().map(Val::into_value).collect()
}

/// Go's `call`: `argv[0]` is the function. Values never hold Go functions, so this only
/// reports Go's errors.
pub(crate) fn call(name: &str, argv: &[Val]) -> Result<Value, String> {
    let func = argv
        .first()
        .cloned()
        .unwrap_or(Val::Invalid)
        .indirect_interface();
    match func.concrete() {
        None => Err("call of nil".to_owned()),
        Some(v) => Err(format!("non-function {name} of type {}", v.type_name())),
    }
}

/// Go's `length`.
fn length(item: &Val) -> Result<usize, String> {
    match item {
        Val::Iface(Value::Nil) => Err("len of nil pointer".to_owned()),
        // Go asks the zero reflect.Value for its type, which panics; the call recovers it.
        Val::Invalid => Err("reflect: call of reflect.Value.Type on zero Value".to_owned()),
        Val::Iface(v) | Val::Direct(v) => match v {
            Value::Object(o) => match collection(o) {
                Some(Value::List(l)) => Ok(l.len()),
                Some(Value::Map(m)) => Ok(m.len()),
                Some(Value::Bytes(b)) => Ok(b.len()),
                // Go's `len` looks through pointers first.
                _ => Err(format!(
                    "len of type {}",
                    o.type_name().trim_start_matches('*')
                )),
            },
            Value::String(s) => Ok(s.len()),
            Value::Bytes(b) => Ok(b.len()),
            Value::List(l) => Ok(l.len()),
            Value::Map(m) => Ok(m.len()),
            other => Err(format!("len of type {}", other.type_name())),
        },
    }
}

/// Go's `indexArg`: an index checked against `cap`.
fn index_arg(index: &Val, cap: usize) -> Result<usize, String> {
    let x: i64 = match index {
        Val::Direct(Value::Int(i) | Value::Int64(i)) => *i,
        Val::Direct(Value::Uint(u)) => *u as i64,
        // Any integer kind indexes (a `uint8` from indexing a string).
        Val::Direct(Value::Object(_)) if matches!(basic_kind(index), Kind::Int | Kind::Uint) => {
            match scalar(index) {
                Some(Value::Uint(u)) => u as i64,
                _ => as_int(index),
            }
        }
        Val::Invalid => return Err("cannot index slice/array with nil".to_owned()),
        other => {
            return Err(format!(
                "cannot index slice/array with type {}",
                other.type_name()
            ));
        }
    };
    if x < 0 || x as u64 > cap as u64 {
        return Err(format!("index out of range: {x}"));
    }
    Ok(x as usize)
}

/// Go's `index`.
fn index(item: Val, indexes: &[Val]) -> Result<Val, String> {
    let mut item = item.indirect_interface();
    if matches!(item, Val::Invalid) {
        return Err("index of untyped nil".to_owned());
    }
    for index in indexes {
        let index = index.clone().indirect_interface();
        let value = match &item {
            Val::Iface(Value::Nil) | Val::Invalid => {
                return Err("index of nil pointer".to_owned());
            }
            Val::Iface(Value::Object(o)) | Val::Direct(Value::Object(o)) => {
                collection(o).unwrap_or_else(|| Value::Object(o.clone()))
            }
            Val::Iface(v) | Val::Direct(v) => v.clone(),
        };
        item = match &value {
            Value::List(list) => {
                let x = index_arg(&index, list.len())?;
                let Some(elem) = list.get(x) else {
                    return Err("reflect: slice index out of range".to_owned());
                };
                Val::elem(elem.clone(), list_elem_is_iface(list))
            }
            Value::Bytes(bytes) => {
                let x = index_arg(&index, bytes.len())?;
                let Some(b) = bytes.get(x) else {
                    return Err("reflect: slice index out of range".to_owned());
                };
                Val::Direct(Value::Object(Arc::new(Scalar::uint8(*b))))
            }
            Value::String(s) => {
                let x = index_arg(&index, s.len())?;
                let Some(b) = s.as_bytes().get(x) else {
                    return Err("reflect: string index out of range".to_owned());
                };
                Val::Direct(Value::Object(Arc::new(Scalar::uint8(*b))))
            }
            Value::Map(map) => {
                let key = match &index {
                    Val::Invalid => return Err("value is nil; should be of type string".to_owned()),
                    Val::Direct(Value::String(k)) => k.clone(),
                    other => {
                        return Err(format!(
                            "value has type {}; should be string",
                            other.type_name()
                        ));
                    }
                };
                let iface = map_elem_iface(map);
                match map.get(&key) {
                    Some(v) => Val::elem(v, iface),
                    None => map_zero(map),
                }
            }
            other => return Err(format!("can't index item of type {}", other.type_name())),
        };
    }
    Ok(item)
}

fn map_elem_iface(map: &rudder_value::Map) -> bool {
    let name = map.type_name();
    !name.starts_with("map[") || name.ends_with("interface {}")
}

/// Go's `slice`.
fn slice(item: Val, indexes: &[Val]) -> Result<Val, String> {
    let item = item.indirect_interface();
    let Some(value) = item.concrete() else {
        return Err("slice of untyped nil".to_owned());
    };
    if indexes.len() > 3 {
        return Err(format!("too many slice indexes: {}", indexes.len()));
    }
    let len = match value {
        Value::String(s) => {
            if indexes.len() == 3 {
                return Err("cannot 3-index slice a string".to_owned());
            }
            s.len()
        }
        Value::List(l) => l.len(),
        Value::Bytes(b) => b.len(),
        other => return Err(format!("can't slice item of type {}", other.type_name())),
    };
    let mut idx = [0, len, 0];
    for (i, index) in indexes.iter().enumerate() {
        idx[i] = index_arg(index, len)?;
    }
    if idx[0] > idx[1] {
        return Err(format!("invalid slice index: {} > {}", idx[0], idx[1]));
    }
    if indexes.len() == 3 && idx[1] > idx[2] {
        return Err(format!("invalid slice index: {} > {}", idx[1], idx[2]));
    }
    let (from, to) = (idx[0], idx[1]);
    Ok(Val::Direct(match value {
        Value::String(s) => {
            let bytes = &s.as_bytes()[from..to];
            Value::string(String::from_utf8_lossy(bytes).into_owned())
        }
        Value::List(l) => Value::List(List::with_kind(l[from..to].to_vec(), l.kind)),
        Value::Bytes(b) => Value::Bytes(b[from..to].into()),
        _ => unreachable!("checked above"),
    }))
}

/// Go's comparison classes (`basicKind`).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Kind {
    Invalid,
    Bool,
    Int,
    Float,
    String,
    Uint,
}

/// The scalar a comparison sees: a named number type (`time.Month`) compares as its
/// underlying value, as Go's `basicKind` goes by kind.
fn scalar(v: &Val) -> Option<Value> {
    match v.concrete() {
        Some(Value::Object(o)) => match o.underlying() {
            Some(Underlying::Value(inner)) => Some(inner),
            _ => None,
        },
        other => other.cloned(),
    }
}

fn basic_kind(v: &Val) -> Kind {
    match scalar(v) {
        Some(Value::Bool(_)) => Kind::Bool,
        Some(Value::Int(_) | Value::Int64(_)) => Kind::Int,
        Some(Value::Uint(_)) => Kind::Uint,
        Some(Value::Float(_)) => Kind::Float,
        Some(Value::String(_)) => Kind::String,
        _ => Kind::Invalid,
    }
}

fn as_int(v: &Val) -> i64 {
    match scalar(v) {
        Some(Value::Int(i) | Value::Int64(i)) => i,
        _ => 0,
    }
}

fn as_uint(v: &Val) -> u64 {
    match scalar(v) {
        Some(Value::Uint(u)) => u,
        _ => 0,
    }
}

fn as_float(v: &Val) -> f64 {
    match scalar(v) {
        Some(Value::Float(f)) => f,
        _ => 0.0,
    }
}

fn as_str(v: &Val) -> &str {
    match v.concrete() {
        Some(Value::String(s)) => s,
        _ => "",
    }
}

fn as_bool(v: &Val) -> bool {
    matches!(v.concrete(), Some(Value::Bool(true)))
}

/// Go's `reflect.Kind` name of an (indirected) value.
fn reflect_kind(v: &Val) -> &'static str {
    v.concrete().map_or("invalid", Value::kind_name)
}

/// Go's `eq`: `arg1 == arg2 || arg1 == arg3 || ...`.
fn eq(arg1: Val, rest: &[Val]) -> Result<bool, String> {
    let arg1 = arg1.indirect_interface();
    if rest.is_empty() {
        return Err("missing argument for comparison".to_owned());
    }
    let k1 = basic_kind(&arg1);
    for arg in rest {
        let arg = arg.clone().indirect_interface();
        let k2 = basic_kind(&arg);
        let truth = if k1 == k2 {
            match k1 {
                Kind::Bool => as_bool(&arg1) == as_bool(&arg),
                Kind::Float => as_float(&arg1) == as_float(&arg),
                Kind::Int => as_int(&arg1) == as_int(&arg),
                Kind::String => as_str(&arg1) == as_str(&arg),
                Kind::Uint => as_uint(&arg1) == as_uint(&arg),
                Kind::Invalid => {
                    let (r1, r2) = (reflect_kind(&arg1), reflect_kind(&arg));
                    if r1 != r2 && r1 != "invalid" && r2 != "invalid" {
                        return Err(format!(
                            "non-comparable types {}: {}, {}: {}",
                            sprint_s(arg1.concrete()),
                            arg1.type_name(),
                            arg.type_name(),
                            sprint_one(arg.concrete())
                        ));
                    }
                    match (arg1.concrete(), arg.concrete()) {
                        (None, None) => true,
                        (None, Some(_)) | (Some(_), None) => false,
                        (Some(a), Some(b)) => match (a, b) {
                            // Structs compare field by field, pointers by address.
                            (Value::Object(x), Value::Object(y))
                                if collection(x).is_none()
                                    && collection(y).is_none()
                                    && x.kind_name() == "struct"
                                    && y.kind_name() == "struct" =>
                            {
                                x.type_name() == y.type_name()
                                    && rudder_value::fmt::sprintf("%#v", std::slice::from_ref(a))
                                        == rudder_value::fmt::sprintf(
                                            "%#v",
                                            std::slice::from_ref(b),
                                        )
                            }
                            (Value::Object(x), Value::Object(y))
                                if collection(x).is_none() && collection(y).is_none() =>
                            {
                                std::ptr::addr_eq(
                                    std::sync::Arc::as_ptr(x),
                                    std::sync::Arc::as_ptr(y),
                                )
                            }
                            _ => {
                                return Err(format!(
                                    "non-comparable type {}: {}",
                                    sprint_s(Some(b)),
                                    arg.type_name()
                                ));
                            }
                        },
                    }
                }
            }
        } else {
            match (k1, k2) {
                (Kind::Int, Kind::Uint) => {
                    as_int(&arg1) >= 0 && as_int(&arg1) as u64 == as_uint(&arg)
                }
                (Kind::Uint, Kind::Int) => {
                    as_int(&arg) >= 0 && as_uint(&arg1) == as_int(&arg) as u64
                }
                _ => {
                    if arg1.concrete().is_some() && arg.concrete().is_some() {
                        return Err(format!(
                            "incompatible types for comparison: {} and {}",
                            arg1.type_name(),
                            arg.type_name()
                        ));
                    }
                    false
                }
            }
        };
        if truth {
            return Ok(true);
        }
    }
    Ok(false)
}

const BAD_COMPARISON: &str = "invalid type for comparison";

/// `%s` of one value, as Go's messages print a `reflect.Value` with `%s`.
fn sprint_s(v: Option<&Value>) -> String {
    match v {
        Some(v) => rudder_value::fmt::sprintf("%s", std::slice::from_ref(v)),
        None => "<invalid reflect.Value>".to_owned(),
    }
}

/// Go's `lt`.
fn lt(arg1: &Val, arg2: &Val) -> Result<bool, String> {
    let arg1 = arg1.clone().indirect_interface();
    let k1 = basic_kind(&arg1);
    if k1 == Kind::Invalid {
        return Err(BAD_COMPARISON.to_owned());
    }
    let arg2 = arg2.clone().indirect_interface();
    let k2 = basic_kind(&arg2);
    if k2 == Kind::Invalid {
        return Err(BAD_COMPARISON.to_owned());
    }
    if k1 != k2 {
        return match (k1, k2) {
            (Kind::Int, Kind::Uint) => {
                Ok(as_int(&arg1) < 0 || (as_int(&arg1) as u64) < as_uint(&arg2))
            }
            (Kind::Uint, Kind::Int) => {
                Ok(as_int(&arg2) >= 0 && as_uint(&arg1) < as_int(&arg2) as u64)
            }
            _ => Err(format!(
                "incompatible types for comparison: {} and {}",
                arg1.type_name(),
                arg2.type_name()
            )),
        };
    }
    match k1 {
        Kind::Bool | Kind::Invalid => Err(BAD_COMPARISON.to_owned()),
        Kind::Float => Ok(as_float(&arg1) < as_float(&arg2)),
        Kind::Int => Ok(as_int(&arg1) < as_int(&arg2)),
        Kind::String => Ok(as_str(&arg1) < as_str(&arg2)),
        Kind::Uint => Ok(as_uint(&arg1) < as_uint(&arg2)),
    }
}

/// Go's `le`: `lt || eq`.
fn le(arg1: &Val, arg2: &Val) -> Result<bool, String> {
    if lt(arg1, arg2)? {
        return Ok(true);
    }
    eq(arg1.clone(), std::slice::from_ref(arg2))
}

/// Go's `evalArgs`: the arguments printed as `fmt.Sprint` does, except that a nil argument
/// prints as `<no value>`.
fn eval_args(argv: Vec<Val>) -> String {
    if let [Val::Direct(Value::String(s)) | Val::Iface(Value::String(s))] = argv.as_slice() {
        return s.to_string();
    }
    let args: Vec<Value> = argv
        .into_iter()
        .map(|v| match v.into_value() {
            Value::Nil => Value::string("<no value>"),
            other => other,
        })
        .collect();
    rudder_value::fmt::sprint(&args)
}

/// Go's `HTMLEscapeString`.
pub fn html_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\0' => out.push('\u{FFFD}'),
            '"' => out.push_str("&#34;"),
            '\'' => out.push_str("&#39;"),
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
    out
}

/// Go's `JSEscapeString`.
pub fn js_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\'' => out.push_str("\\'"),
            '"' => out.push_str("\\\""),
            '<' => out.push_str("\\u003C"),
            '>' => out.push_str("\\u003E"),
            '&' => out.push_str("\\u0026"),
            '=' => out.push_str("\\u003D"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u00{:02X}", c as u32);
            }
            c if (c as u32) < 0x80 || rudder_value::strconv::is_print(c) => out.push(c),
            c => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
        }
    }
    out
}

/// Go's `url.QueryEscape`.
pub fn query_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for &b in s.as_bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(b as char);
            }
            b' ' => out.push('+'),
            b => {
                let _ = write!(out, "%{b:02X}");
            }
        }
    }
    out
}
