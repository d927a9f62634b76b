//! Defaults (Sprig's `defaults.go`): `default`, `empty`, `coalesce`, `all`, `any`, `ternary`.
//! (`compact` lives with the list functions; the JSON ones with the codecs.)

use rudder_gotmpl::{ArgType, FuncMap};
use rudder_value::Value;

use crate::convert::{fixed, reg, variadic};

/// Sprig's `empty`: nil, false, 0, and empty strings, lists and maps are empty; structs never.
pub(crate) fn empty(v: &Value) -> bool {
    !v.is_true()
}

pub(crate) fn register(map: &mut FuncMap) {
    use ArgType::{Any, Bool};
    reg(map, "default", variadic(&[Any], Any), |a| {
        let given = &a[1..];
        match given.first() {
            Some(g) if !empty(g) => Ok(g.clone()),
            _ => Ok(a[0].clone()),
        }
    });
    reg(map, "empty", fixed(&[Any]), |a| {
        Ok(Value::Bool(empty(&a[0])))
    });
    reg(map, "coalesce", variadic(&[], Any), |a| {
        Ok(a.iter().find(|v| !empty(v)).cloned().unwrap_or(Value::Nil))
    });
    reg(map, "all", variadic(&[], Any), |a| {
        Ok(Value::Bool(a.iter().all(|v| !empty(v))))
    });
    reg(map, "any", variadic(&[], Any), |a| {
        Ok(Value::Bool(a.iter().any(|v| !empty(v))))
    });
    reg(map, "ternary", fixed(&[Any, Any, Bool]), |a| {
        Ok(if matches!(a[2], Value::Bool(true)) {
            a[0].clone()
        } else {
            a[1].clone()
        })
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use rudder_value::Map;

    #[test]
    fn empty_follows_go_truth() {
        assert!(empty(&Value::Nil));
        assert!(empty(&Value::Float(0.0)));
        assert!(empty(&Value::from("")));
        assert!(empty(&Value::Map(Map::new())));
        assert!(!empty(&Value::Int(-1)));
        assert!(!empty(&Value::from(vec![Value::Nil])));
    }
}
