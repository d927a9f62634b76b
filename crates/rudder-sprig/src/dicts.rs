//! Dictionary functions (Sprig's `dict.go`): `dict`, `get`, `set`, `unset`, `hasKey`,
//! `pluck`, `keys`, `pick`, `omit`, `values`, `dig`, `merge` and `mergeOverwrite` (mergo
//! v1.0.1 rules), `deepCopy`.
//!
//! Maps are shared like Go maps, so `set`, `unset` and `merge` change the map they are given.
//! Go iterates maps in random order; `keys` and `values` come out in key order here, which is
//! one of the orders Helm may produce (charts sort them when order matters).

use rudder_gotmpl::{ArgType, FuncError, FuncMap};
use rudder_value::{Freeze, List, Map, Value};

use crate::convert::{arg_str, fixed, reg, string_list, strval, variadic};
use crate::defaults::empty;

/// A map argument: the executor hands a nil map over as nil.
fn arg_map(v: &Value) -> Option<&Map> {
    v.as_map()
}

/// mergo's `isEmptyValue` with dereferencing, which for template values is Go's falsiness.
fn merge_empty(v: &Value) -> bool {
    empty(v)
}

/// mergo `deepMerge` of `src` into `dst`, both `map[string]interface{}`.
fn deep_merge(dst: &Map, src: &Map, overwrite: bool) {
    let dst_was_empty = dst.is_empty();
    for (key, src_elem) in src.entries() {
        let dst_elem = dst.get(&key);
        if src_elem.is_nil() {
            if overwrite {
                dst.insert(key, Value::Nil);
            }
            continue;
        }
        match &src_elem {
            Value::Map(src_inner) => {
                if let Some(Value::Map(dst_inner)) = &dst_elem {
                    deep_merge(dst_inner, src_inner, overwrite);
                }
            }
            Value::List(_) | Value::Bytes(_) => {
                // mergo decides on the emptiness of the enclosing maps here, not the elements.
                let replace = overwrite || dst_was_empty;
                let current = match &dst_elem {
                    Some(v) if !v.is_nil() => v.clone(),
                    _ => Value::List(List::new(Vec::new())),
                };
                dst.insert(
                    key.clone(),
                    if replace { src_elem.clone() } else { current },
                );
            }
            _ => {}
        }
        if let Some(d) = &dst_elem
            && !merge_empty(d)
        {
            if matches!(src_elem, Value::List(_) | Value::Bytes(_)) {
                continue;
            }
            if matches!(src_elem, Value::Map(_)) && matches!(d, Value::Map(_)) {
                continue;
            }
        }
        let dst_empty = dst_elem.as_ref().is_none_or(merge_empty);
        if overwrite || dst_empty {
            dst.insert(key, src_elem);
        }
    }
}

fn merge(a: &[Value], overwrite: bool) -> Value {
    let dst = match arg_map(&a[0]) {
        Some(m) => m.clone(),
        None => Map::new(),
    };
    for src in &a[1..] {
        if let Some(src) = arg_map(src) {
            deep_merge(&dst, src, overwrite);
        }
    }
    Value::Map(dst)
}

/// Stops the template when a write of the function was refused: it ran on a thread that may
/// not change maps shared with other templates ([`rudder_value::Freeze`]), and its render is
/// about to be redone in Helm's order, so nothing after the write matters.
fn refused() -> Result<(), FuncError> {
    if Freeze::refused_here() {
        return Err(FuncError::new(
            "a map shared with other templates was written",
        ));
    }
    Ok(())
}

/// The name Go's type assertion errors give a value's dynamic type.
fn assert_type_name(v: &Value) -> String {
    if v.is_nil() {
        "nil".to_owned()
    } else {
        v.type_name()
    }
}

fn assert_map(v: &Value) -> Result<&Map, FuncError> {
    match v {
        Value::Map(m) if m.type_name() == "map[string]interface {}" => Ok(m),
        other => Err(FuncError::new(format!(
            "interface conversion: interface {{}} is {}, not map[string]interface {{}}",
            assert_type_name(other)
        ))),
    }
}

fn dig(ps: &[Value]) -> Result<Value, FuncError> {
    if ps.len() < 3 {
        return Err(FuncError::new("dig needs at least three arguments"));
    }
    let mut dict = assert_map(&ps[ps.len() - 1])?.clone();
    let default = ps[ps.len() - 2].clone();
    let mut keys = Vec::with_capacity(ps.len() - 2);
    for k in &ps[..ps.len() - 2] {
        match k {
            Value::String(s) => keys.push(s.to_string()),
            other => {
                return Err(FuncError::new(format!(
                    "interface conversion: interface {{}} is {}, not string",
                    assert_type_name(other)
                )));
            }
        }
    }
    for (i, k) in keys.iter().enumerate() {
        let Some(step) = dict.get(k) else {
            return Ok(default);
        };
        if i == keys.len() - 1 {
            return Ok(step);
        }
        dict = assert_map(&step)?.clone();
    }
    Ok(default)
}

pub(crate) fn register(map: &mut FuncMap) {
    use ArgType::{Any, Map as MapT, String};
    reg(map, "dict", variadic(&[], Any), |a| {
        let m = Map::new();
        for pair in a.chunks(2) {
            let key = strval(&pair[0]);
            m.insert(key, pair.get(1).cloned().unwrap_or_else(|| Value::from("")));
        }
        Ok(Value::Map(m))
    });
    reg(map, "get", fixed(&[MapT, String]), |a| {
        Ok(arg_map(&a[0])
            .and_then(|m| m.get(arg_str(&a[1])))
            .unwrap_or_else(|| Value::from("")))
    });
    reg(map, "set", fixed(&[MapT, String, Any]), |a| {
        let Some(m) = arg_map(&a[0]) else {
            return Err(FuncError::new("assignment to entry in nil map"));
        };
        m.insert(arg_str(&a[1]), a[2].clone());
        refused()?;
        Ok(Value::Map(m.clone()))
    });
    reg(map, "unset", fixed(&[MapT, String]), |a| {
        let Some(m) = arg_map(&a[0]) else {
            return Ok(Value::Map(Map::new()));
        };
        m.remove(arg_str(&a[1]));
        refused()?;
        Ok(Value::Map(m.clone()))
    });
    reg(map, "hasKey", fixed(&[MapT, String]), |a| {
        Ok(Value::Bool(
            arg_map(&a[0]).is_some_and(|m| m.contains_key(arg_str(&a[1]))),
        ))
    });
    reg(map, "pluck", variadic(&[String], MapT), |a| {
        let key = arg_str(&a[0]);
        let res: Vec<Value> = a[1..]
            .iter()
            .filter_map(|d| arg_map(d).and_then(|m| m.get(key)))
            .collect();
        Ok(Value::List(List::new(res)))
    });
    reg(map, "keys", variadic(&[], MapT), |a| {
        let k: Vec<std::string::String> =
            a.iter().filter_map(arg_map).flat_map(Map::keys).collect();
        Ok(string_list(k))
    });
    reg(map, "pick", variadic(&[MapT], String), |a| {
        let res = Map::new();
        if let Some(m) = arg_map(&a[0]) {
            for k in &a[1..] {
                if let Some(v) = m.get(arg_str(k)) {
                    res.insert(arg_str(k), v);
                }
            }
        }
        Ok(Value::Map(res))
    });
    reg(map, "omit", variadic(&[MapT], String), |a| {
        let res = Map::new();
        if let Some(m) = arg_map(&a[0]) {
            for (k, v) in m.entries() {
                if !a[1..].iter().any(|o| arg_str(o) == k) {
                    res.insert(k, v);
                }
            }
        }
        Ok(Value::Map(res))
    });
    reg(map, "values", fixed(&[MapT]), |a| {
        let vals = arg_map(&a[0])
            .map(|m| m.entries().into_iter().map(|(_, v)| v).collect())
            .unwrap_or_default();
        Ok(Value::List(List::new(vals)))
    });
    for name in ["merge", "mustMerge"] {
        reg(map, name, variadic(&[MapT], MapT), |a| {
            let merged = merge(a, false);
            refused()?;
            Ok(merged)
        });
    }
    for name in ["mergeOverwrite", "mustMergeOverwrite"] {
        reg(map, name, variadic(&[MapT], MapT), |a| {
            let merged = merge(a, true);
            refused()?;
            Ok(merged)
        });
    }
    for name in ["deepCopy", "mustDeepCopy"] {
        reg(map, name, fixed(&[Any]), |a| {
            if a[0].is_nil() {
                return Err(FuncError::new(
                    "reflect: call of reflect.Value.Type on zero Value",
                ));
            }
            Ok(a[0].deep_copy())
        });
    }
    reg(map, "dig", variadic(&[], Any), dig);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(entries: &[(&str, Value)]) -> Map {
        let m = Map::new();
        for (k, v) in entries {
            m.insert(*k, v.clone());
        }
        m
    }

    #[test]
    fn merge_keeps_destination_values() {
        let dst = m(&[("a", Value::from("x")), ("b", Value::from(""))]);
        let inner = m(&[("c", Value::Float(1.0))]);
        let src = m(&[
            ("a", Value::from("y")),
            ("b", Value::from("z")),
            ("n", Value::Map(inner)),
        ]);
        deep_merge(&dst, &src, false);
        assert_eq!(dst.get("a").unwrap().as_str(), Some("x"));
        assert_eq!(dst.get("b").unwrap().as_str(), Some("z"));
        assert!(dst.get("n").unwrap().as_map().is_some());
    }

    #[test]
    fn merge_overwrite_replaces_and_recurses() {
        let dst_inner = m(&[("k", Value::from("old")), ("keep", Value::Bool(true))]);
        let dst = m(&[
            ("n", Value::Map(dst_inner.clone())),
            ("a", Value::from("x")),
        ]);
        let src = m(&[
            ("n", Value::Map(m(&[("k", Value::from("new"))]))),
            ("a", Value::Nil),
        ]);
        deep_merge(&dst, &src, true);
        assert_eq!(dst_inner.get("k").unwrap().as_str(), Some("new"));
        assert!(dst_inner.contains_key("keep"));
        assert!(dst.get("a").unwrap().is_nil());
    }

    #[test]
    fn dig_walks_nested_maps() {
        let d = m(&[("a", Value::Map(m(&[("b", Value::from("c"))])))]);
        let args = [
            Value::from("a"),
            Value::from("b"),
            Value::from("def"),
            Value::Map(d.clone()),
        ];
        assert_eq!(dig(&args).unwrap().as_str(), Some("c"));
        let args = [Value::from("x"), Value::from("def"), Value::Map(d)];
        assert_eq!(dig(&args).unwrap().as_str(), Some("def"));
        assert_eq!(
            dig(&[Value::from("a"), Value::Nil, Value::Int(1)])
                .unwrap_err()
                .0,
            "interface conversion: interface {} is int, not map[string]interface {}"
        );
    }
}
