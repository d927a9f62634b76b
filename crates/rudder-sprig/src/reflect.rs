//! Reflection (Sprig's `reflect.go`): `typeOf`, `typeIs`, `typeIsLike`, `kindOf`, `kindIs`,
//! and `deepEqual` (Go's `reflect.DeepEqual`).

use rudder_gotmpl::{ArgType, FuncMap};
use rudder_value::Value;

use crate::convert::{arg_str, fixed, reg};

/// Go's `reflect.DeepEqual` on template values: the dynamic types must match (an `int` 1 is
/// not a `float64` 1), NaN is unequal to itself, and a map is equal to itself.
pub(crate) fn deep_equal(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Nil, Value::Nil) => true,
        (Value::Bool(x), Value::Bool(y)) => x == y,
        (Value::Int(x), Value::Int(y)) | (Value::Int64(x), Value::Int64(y)) => x == y,
        (Value::Uint(x), Value::Uint(y)) => x == y,
        (Value::Float(x), Value::Float(y)) => x == y,
        (Value::String(x), Value::String(y)) => x == y,
        (Value::Bytes(x), Value::Bytes(y)) => x == y,
        (Value::List(x), Value::List(y)) => {
            x.kind == y.kind
                && x.len() == y.len()
                && x.iter().zip(y.iter()).all(|(p, q)| deep_equal(p, q))
        }
        (Value::Map(x), Value::Map(y)) => {
            if x.type_name() != y.type_name() {
                return false;
            }
            if x.ptr_eq(y) {
                return true;
            }
            if x.len() != y.len() {
                return false;
            }
            x.entries()
                .iter()
                .all(|(k, v)| y.get(k).is_some_and(|w| deep_equal(v, &w)))
        }
        (Value::Object(x), Value::Object(y)) => {
            std::sync::Arc::ptr_eq(x, y)
                || (x.type_name() == y.type_name() && x.go_string() == y.go_string())
        }
        _ => false,
    }
}

pub(crate) fn register(map: &mut FuncMap) {
    use ArgType::{Any, String};
    reg(map, "typeOf", fixed(&[Any]), |a| {
        Ok(Value::from(a[0].type_name()))
    });
    reg(map, "typeIs", fixed(&[String, Any]), |a| {
        Ok(Value::Bool(arg_str(&a[0]) == a[1].type_name()))
    });
    reg(map, "typeIsLike", fixed(&[String, Any]), |a| {
        let (target, t) = (arg_str(&a[0]), a[1].type_name());
        Ok(Value::Bool(target == t || format!("*{target}") == t))
    });
    reg(map, "kindOf", fixed(&[Any]), |a| {
        Ok(Value::from(a[0].kind_name()))
    });
    reg(map, "kindIs", fixed(&[String, Any]), |a| {
        Ok(Value::Bool(arg_str(&a[0]) == a[1].kind_name()))
    });
    reg(map, "deepEqual", fixed(&[Any, Any]), |a| {
        Ok(Value::Bool(deep_equal(&a[0], &a[1])))
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use rudder_value::Map;

    #[test]
    fn deep_equal_compares_dynamic_types() {
        assert!(!deep_equal(&Value::Int(1), &Value::Float(1.0)));
        assert!(!deep_equal(
            &Value::Float(f64::NAN),
            &Value::Float(f64::NAN)
        ));
        let m = Map::new();
        m.insert("a", Value::Float(f64::NAN));
        assert!(deep_equal(&Value::Map(m.clone()), &Value::Map(m.clone())));
        assert!(!deep_equal(
            &Value::Map(m.clone()),
            &Value::Map(m.deep_copy())
        ));
        assert!(deep_equal(
            &Value::from(vec![Value::from("a")]),
            &Value::from(vec![Value::from("a")])
        ));
    }
}
