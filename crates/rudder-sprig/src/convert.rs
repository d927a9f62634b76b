//! Conversions: `atoi`, `int`, `int64`, `float64`, `toDecimal`, `toString`, `toStrings`, and
//! the spf13/cast v1.7.0 rules (`ToInt64`, `ToInt`, `ToFloat64`) the math functions share.
//!
//! cast turns every failure into 0: a string that Go's `strconv.ParseInt(s, 0, 0)` rejects
//! ("08", "1.5"), a map, a list. Floats are truncated toward zero as Go's `int64(f)` does on
//! amd64, where NaN and out-of-range values become the minimum int64.

use std::sync::Arc;

use rudder_gotmpl::{ArgType, FuncMap, FuncResult, Function, Signature};
use rudder_value::{List, ListKind, Underlying, Value};

/// Registers a plain function under `name`.
pub(crate) fn reg(
    map: &mut FuncMap,
    name: &str,
    sig: Signature,
    imp: impl Fn(&[Value]) -> FuncResult + Send + Sync + 'static,
) {
    map.insert(name.to_owned(), Function::new(sig, imp));
}

/// Fixed parameters.
pub(crate) fn fixed(params: &[ArgType]) -> Signature {
    Signature::fixed(params)
}

/// Fixed parameters followed by `...rest`.
pub(crate) fn variadic(params: &[ArgType], rest: ArgType) -> Signature {
    Signature::variadic(params, rest)
}

/// The string inside an argument the executor already converted to `string`.
pub(crate) fn arg_str(v: &Value) -> &str {
    v.as_str().unwrap_or("")
}

/// A host value whose Go kind is a slice (Helm's `common.VersionSet`), as plain data.
pub(crate) fn object_slice(v: &Value) -> Option<rudder_value::List> {
    match v {
        Value::Object(o) if matches!(o.kind_name(), "slice" | "array") => match o.to_data() {
            Value::List(l) => Some(l),
            _ => None,
        },
        _ => None,
    }
}

/// The integer inside an argument the executor already converted to `int` or `int64`.
pub(crate) fn arg_int(v: &Value) -> i64 {
    match v {
        Value::Int(i) | Value::Int64(i) => *i,
        Value::Uint(u) => *u as i64,
        Value::Float(f) => go_f64_to_i64(*f),
        _ => 0,
    }
}

/// A `[]string` result.
pub(crate) fn string_list(items: Vec<String>) -> Value {
    Value::List(List::with_kind(
        items.into_iter().map(Value::from).collect(),
        ListKind::String,
    ))
}

/// Go's `int64(f)` on amd64: truncation, with NaN and out-of-range values giving `MinInt64`.
pub(crate) fn go_f64_to_i64(f: f64) -> i64 {
    // -2^63 is representable; 2^63 is the first value out of range.
    if f.is_nan() || !(-9_223_372_036_854_775_808.0..9_223_372_036_854_775_808.0).contains(&f) {
        i64::MIN
    } else {
        f as i64
    }
}

/// Go's `fmt.Sprint(v)` (`%v`).
pub(crate) fn sprint_v(v: &Value) -> String {
    rudder_value::fmt::sprint(std::slice::from_ref(v))
}

/// Sprig's `strval`: strings and byte slices as they are, error and Stringer values through
/// their methods (our objects print through `%v` the same way), anything else with `%v`.
pub(crate) fn strval(v: &Value) -> String {
    match v {
        Value::String(s) => s.to_string(),
        Value::Bytes(b) => String::from_utf8_lossy(b).into_owned(),
        other => sprint_v(other),
    }
}

/// Why Go's `strconv` rejected a number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum NumError {
    /// `invalid syntax`
    Syntax,
    /// `value out of range`; Go still returns the clamped value.
    Range(i64),
}

/// Go's `strconv.ParseInt(s, base, 64)`, with the clamped value of a range error kept.
pub(crate) fn parse_int(s: &str, base: u32) -> Result<i64, NumError> {
    rudder_value::strconv::parse_int(s, base, 64).map_err(|e| {
        if e.is_range() {
            NumError::Range(if s.starts_with('-') {
                i64::MIN
            } else {
                i64::MAX
            })
        } else {
            NumError::Syntax
        }
    })
}

/// Go's `strconv.ParseFloat(s, 64)`; `None` for a syntax or range error.
pub(crate) fn parse_float(s: &str) -> Option<f64> {
    rudder_value::strconv::parse_float(s, 64).ok()
}

/// cast's `trimZeroDecimal`: "12.000" becomes "12", "1.50" stays.
fn trim_zero_decimal(s: &str) -> &str {
    let b = s.as_bytes();
    let mut found_zero = false;
    for i in (1..=b.len()).rev() {
        match b[i - 1] {
            b'.' => {
                if found_zero {
                    return &s[..i - 1];
                }
            }
            b'0' => found_zero = true,
            _ => return s,
        }
    }
    s
}

/// The number under a `time.Month`, a `time.Weekday` or a `uint8`, the host number types
/// cast converts (a `time.Duration` gives 0).
fn month_or_weekday(v: &Value) -> Option<Value> {
    match v {
        Value::Object(o) if matches!(o.type_name(), "time.Month" | "time.Weekday" | "uint8") => {
            match o.underlying() {
                Some(Underlying::Value(inner)) => Some(inner),
                _ => None,
            }
        }
        _ => None,
    }
}

/// cast.ToInt64 (and cast.ToInt, identical on 64-bit platforms); failures give 0.
pub(crate) fn to_int64(v: &Value) -> i64 {
    match v {
        Value::Int(i) | Value::Int64(i) => *i,
        Value::Uint(u) => *u as i64,
        Value::Float(f) => go_f64_to_i64(*f),
        Value::String(s) => parse_int(trim_zero_decimal(s), 0).unwrap_or(0),
        Value::Bool(b) => i64::from(*b),
        Value::Object(_) => month_or_weekday(v).map_or(0, |n| to_int64(&n)),
        _ => 0,
    }
}

/// cast.ToFloat64; failures give 0.
pub(crate) fn to_float64(v: &Value) -> f64 {
    match v {
        Value::Int(i) | Value::Int64(i) => *i as f64,
        Value::Uint(u) => *u as f64,
        Value::Float(f) => *f,
        Value::String(s) => parse_float(s).unwrap_or(0.0),
        Value::Bool(b) => f64::from(u8::from(*b)),
        Value::Object(_) => month_or_weekday(v).map_or(0.0, |n| to_float64(&n)),
        _ => 0.0,
    }
}

/// Sprig's `strslice`, behind `toStrings` and `join`: nil elements are dropped, others
/// printed with `strval`; a non-list becomes a one-element list, nil an empty one.
pub(crate) fn strslice(v: &Value) -> Vec<String> {
    match v {
        Value::List(l) => l.iter().filter(|item| !item.is_nil()).map(strval).collect(),
        Value::Bytes(b) => b.iter().map(u8::to_string).collect(),
        Value::Nil => Vec::new(),
        Value::Object(_) if object_slice(v).is_some() => object_slice(v)
            .map(|l| l.iter().filter(|i| !i.is_nil()).map(strval).collect())
            .unwrap_or_default(),
        other => vec![strval(other)],
    }
}

pub(crate) fn register(map: &mut FuncMap) {
    use ArgType::{Any, String};
    reg(map, "atoi", fixed(&[String]), |a| {
        // strconv.Atoi keeps the clamped value on a range error; Sprig drops the error.
        let n = match parse_int(arg_str(&a[0]), 10) {
            Ok(n) | Err(NumError::Range(n)) => n,
            Err(NumError::Syntax) => 0,
        };
        Ok(Value::Int(n))
    });
    reg(map, "int", fixed(&[Any]), |a| {
        Ok(Value::Int(to_int64(&a[0])))
    });
    reg(map, "int64", fixed(&[Any]), |a| {
        Ok(Value::Int64(to_int64(&a[0])))
    });
    reg(map, "float64", fixed(&[Any]), |a| {
        Ok(Value::Float(to_float64(&a[0])))
    });
    reg(map, "toDecimal", fixed(&[Any]), |a| {
        let n = parse_int(&sprint_v(&a[0]), 8).unwrap_or(0);
        Ok(Value::Int64(n))
    });
    reg(map, "toString", fixed(&[Any]), |a| {
        Ok(Value::from(strval(&a[0])))
    });
    reg(map, "toStrings", fixed(&[Any]), |a| {
        Ok(string_list(strslice(&a[0])))
    });
}

/// A `Value::String` from anything string-like.
pub(crate) fn s(v: impl Into<Arc<str>>) -> Value {
    Value::String(v.into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_int_follows_go_base_prefixes() {
        assert_eq!(parse_int("010", 0), Ok(8));
        assert_eq!(parse_int("08", 0), Err(NumError::Syntax));
        assert_eq!(parse_int("0x1F", 0), Ok(31));
        assert_eq!(parse_int("-0b101", 0), Ok(-5));
        assert_eq!(parse_int("1_000", 0), Ok(1000));
        assert_eq!(parse_int("1__0", 0), Err(NumError::Syntax));
        assert_eq!(parse_int("1_000", 10), Err(NumError::Syntax));
        assert_eq!(
            parse_int("99999999999999999999", 10),
            Err(NumError::Range(i64::MAX))
        );
        assert_eq!(parse_int("-9223372036854775808", 10), Ok(i64::MIN));
    }

    #[test]
    fn cast_to_int64_trims_zero_decimals() {
        assert_eq!(to_int64(&s("12.000")), 12);
        assert_eq!(to_int64(&s("1.50")), 0);
        assert_eq!(to_int64(&Value::Float(-3.9)), -3);
        assert_eq!(to_int64(&Value::Float(f64::NAN)), i64::MIN);
        assert_eq!(to_int64(&Value::Bool(true)), 1);
        assert_eq!(to_int64(&Value::Nil), 0);
    }

    #[test]
    fn parse_float_follows_go_syntax() {
        assert_eq!(parse_float("1e3"), Some(1000.0));
        assert_eq!(parse_float("1_000.5"), Some(1000.5));
        assert_eq!(parse_float(".5"), Some(0.5));
        assert_eq!(parse_float("0x1p-2"), Some(0.25));
        assert_eq!(parse_float("1e400"), None);
        assert_eq!(parse_float("-Inf"), Some(f64::NEG_INFINITY));
        assert_eq!(parse_float("abc"), None);
        assert_eq!(parse_float(""), None);
    }
}
