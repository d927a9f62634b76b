//! List functions (Sprig's `list.go`): `list`, `first`, `rest`, `append`, `uniq`, `slice`,
//! `chunk`, `concat`, ... and `until`, `untilStep`, `sortAlpha`.
//!
//! Sprig looks at the argument's `reflect.Kind`: slices are accepted, anything else is an
//! error naming the kind ("Cannot find first on type int"), and an untyped nil crashes on a
//! nil `reflect.Type` (Go reports the recovered runtime error). The non-`must` variants panic
//! with the same message, which Go's executor turns into the same error.

use rudder_gotmpl::{ArgType, FuncError, FuncMap};
use rudder_value::{List, ListKind, Value};

use crate::convert::{
    arg_int, fixed, go_f64_to_i64, object_slice, reg, string_list, strslice, strval, to_int64,
    variadic,
};
use crate::defaults::empty;
use crate::reflect::deep_equal;

/// The message of Go's runtime panic when Sprig calls `Kind()` on the nil `reflect.Type` of
/// an untyped nil argument.
pub(crate) const NIL_DEREF: &str =
    "runtime error: invalid memory address or nil pointer dereference";

/// The elements of a slice argument, or the error Sprig raises for other kinds.
fn items(v: &Value, err: impl Fn(&str) -> String) -> Result<Vec<Value>, FuncError> {
    match v {
        Value::List(l) => Ok(l.items.to_vec()),
        Value::Bytes(b) => Ok(b.iter().map(|&x| Value::Uint(u64::from(x))).collect()),
        Value::Nil => Err(FuncError::new(NIL_DEREF)),
        other => match object_slice(other) {
            Some(l) => Ok(l.items.to_vec()),
            None => Err(FuncError::new(err(other.kind_name()))),
        },
    }
}

fn list(items: Vec<Value>) -> Value {
    Value::List(List::new(items))
}

fn int_list(items: Vec<i64>) -> Value {
    Value::List(List::with_kind(
        items.into_iter().map(Value::Int).collect(),
        ListKind::Int,
    ))
}

/// Sprig's `untilStep`.
pub(crate) fn until_step(start: i64, stop: i64, step: i64) -> Vec<i64> {
    let mut v = Vec::new();
    if stop < start {
        if step >= 0 {
            return v;
        }
        // Go's int wraps around here and loops until memory runs out; we stop instead.
        let mut i = start;
        while i > stop {
            v.push(i);
            match i.checked_add(step) {
                Some(n) => i = n,
                None => break,
            }
        }
        return v;
    }
    if step <= 0 {
        return v;
    }
    let mut i = start;
    while i < stop {
        v.push(i);
        match i.checked_add(step) {
            Some(n) => i = n,
            None => break,
        }
    }
    v
}

fn chunk(size: i64, v: &Value) -> Result<Value, FuncError> {
    let all = items(v, |k| format!("Cannot chunk type {k}"))?;
    let l = all.len() as f64;
    let sz = size as f64;
    let makeslice = || FuncError::new("runtime error: makeslice: len out of range");
    let cs = go_f64_to_i64(((l - 1.0) / sz).floor() + 1.0);
    if cs < 0 {
        return Err(makeslice());
    }
    let mut out = Vec::with_capacity(cs as usize);
    for i in 0..cs {
        let mut clen = size;
        if i == cs - 1 {
            clen = go_f64_to_i64((l % sz).floor());
            if clen == 0 {
                clen = size;
            }
        }
        if clen < 0 {
            return Err(makeslice());
        }
        let mut part = Vec::with_capacity(clen as usize);
        for j in 0..clen {
            let ix = (i * size + j) as usize;
            let Some(item) = all.get(ix) else {
                return Err(FuncError::new(format!(
                    "runtime error: index out of range [{ix}] with length {}",
                    all.len()
                )));
            };
            part.push(item.clone());
        }
        out.push(list(part));
    }
    Ok(list(out))
}

fn slice(v: &Value, indices: &[Value]) -> Result<Value, FuncError> {
    let l = match v {
        Value::List(l) => l.clone(),
        Value::Bytes(b) => List::new(b.iter().map(|&x| Value::Uint(u64::from(x))).collect()),
        Value::Nil => return Err(FuncError::new(NIL_DEREF)),
        other => match object_slice(other) {
            Some(l) => l,
            None => {
                return Err(FuncError::new(format!(
                    "list should be type of slice or array but {}",
                    other.kind_name()
                )));
            }
        },
    };
    let len = l.len() as i64;
    if len == 0 {
        return Ok(Value::Nil);
    }
    let start = indices.first().map_or(0, to_int64);
    let end = if indices.len() < 2 {
        len
    } else {
        to_int64(&indices[1])
    };
    if start < 0 || end < start || end > len {
        return Err(FuncError::new(
            "reflect.Value.Slice: slice index out of bounds",
        ));
    }
    Ok(Value::List(List::with_kind(
        l[start as usize..end as usize].to_vec(),
        l.kind,
    )))
}

fn has(needle: &Value, haystack: &Value) -> Result<Value, FuncError> {
    if haystack.is_nil() {
        return Ok(Value::Bool(false));
    }
    let all = items(haystack, |k| format!("Cannot find has on type {k}"))?;
    Ok(Value::Bool(all.iter().any(|item| deep_equal(needle, item))))
}

fn register_pair(
    map: &mut FuncMap,
    names: &[&str],
    sig: &rudder_gotmpl::Signature,
    imp: fn(&[Value]) -> Result<Value, FuncError>,
) {
    for name in names {
        reg(map, name, sig.clone(), imp);
    }
}

pub(crate) fn register(map: &mut FuncMap) {
    use ArgType::{Any, Int};
    for name in ["list", "tuple"] {
        reg(map, name, variadic(&[], Any), |a| Ok(list(a.to_vec())));
    }
    register_pair(
        map,
        &["append", "push", "mustAppend", "mustPush"],
        &fixed(&[Any, Any]),
        |a| {
            let mut all = items(&a[0], |k| format!("Cannot push on type {k}"))?;
            all.push(a[1].clone());
            Ok(list(all))
        },
    );
    register_pair(map, &["prepend", "mustPrepend"], &fixed(&[Any, Any]), |a| {
        let mut all = items(&a[0], |k| format!("Cannot prepend on type {k}"))?;
        all.insert(0, a[1].clone());
        Ok(list(all))
    });
    register_pair(map, &["chunk", "mustChunk"], &fixed(&[Int, Any]), |a| {
        chunk(arg_int(&a[0]), &a[1])
    });
    register_pair(map, &["last", "mustLast"], &fixed(&[Any]), |a| {
        let all = items(&a[0], |k| format!("Cannot find last on type {k}"))?;
        Ok(all.last().cloned().unwrap_or(Value::Nil))
    });
    register_pair(map, &["first", "mustFirst"], &fixed(&[Any]), |a| {
        let all = items(&a[0], |k| format!("Cannot find first on type {k}"))?;
        Ok(all.first().cloned().unwrap_or(Value::Nil))
    });
    register_pair(map, &["rest", "mustRest"], &fixed(&[Any]), |a| {
        let all = items(&a[0], |k| format!("Cannot find rest on type {k}"))?;
        Ok(list(
            all.get(1..).map(<[Value]>::to_vec).unwrap_or_default(),
        ))
    });
    register_pair(map, &["initial", "mustInitial"], &fixed(&[Any]), |a| {
        let mut all = items(&a[0], |k| format!("Cannot find initial on type {k}"))?;
        all.pop();
        Ok(list(all))
    });
    register_pair(map, &["reverse", "mustReverse"], &fixed(&[Any]), |a| {
        let mut all = items(&a[0], |k| format!("Cannot find reverse on type {k}"))?;
        all.reverse();
        Ok(list(all))
    });
    register_pair(map, &["compact", "mustCompact"], &fixed(&[Any]), |a| {
        let all = items(&a[0], |k| format!("Cannot compact on type {k}"))?;
        Ok(list(all.into_iter().filter(|v| !empty(v)).collect()))
    });
    register_pair(map, &["uniq", "mustUniq"], &fixed(&[Any]), |a| {
        let all = items(&a[0], |k| format!("Cannot find uniq on type {k}"))?;
        let mut dest: Vec<Value> = Vec::new();
        for item in all {
            if !dest.iter().any(|d| deep_equal(&item, d)) {
                dest.push(item);
            }
        }
        Ok(list(dest))
    });
    register_pair(
        map,
        &["without", "mustWithout"],
        &variadic(&[Any], Any),
        |a| {
            let all = items(&a[0], |k| format!("Cannot find without on type {k}"))?;
            let omit = &a[1..];
            Ok(list(
                all.into_iter()
                    .filter(|item| !omit.iter().any(|o| deep_equal(o, item)))
                    .collect(),
            ))
        },
    );
    register_pair(map, &["has", "mustHas"], &fixed(&[Any, Any]), |a| {
        has(&a[0], &a[1])
    });
    register_pair(map, &["slice", "mustSlice"], &variadic(&[Any], Any), |a| {
        slice(&a[0], &a[1..])
    });
    reg(map, "concat", variadic(&[], Any), |a| {
        let mut res = Vec::new();
        for l in a {
            res.extend(items(l, |k| format!("Cannot concat type {k} as list"))?);
        }
        Ok(list(res))
    });
    reg(map, "sortAlpha", fixed(&[Any]), |a| {
        if matches!(&a[0], Value::List(_) | Value::Bytes(_)) || object_slice(&a[0]).is_some() {
            let mut all = strslice(&a[0]);
            all.sort();
            Ok(string_list(all))
        } else {
            Ok(string_list(vec![strval(&a[0])]))
        }
    });
    reg(map, "until", fixed(&[Int]), |a| {
        let count = arg_int(&a[0]);
        let step = if count < 0 { -1 } else { 1 };
        Ok(int_list(until_step(0, count, step)))
    });
    reg(map, "untilStep", fixed(&[Int, Int, Int]), |a| {
        Ok(int_list(until_step(
            arg_int(&a[0]),
            arg_int(&a[1]),
            arg_int(&a[2]),
        )))
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ints(v: &[i64]) -> Value {
        list(v.iter().map(|&i| Value::Int(i)).collect())
    }

    fn lens(v: &Value) -> Vec<usize> {
        v.as_list()
            .unwrap()
            .iter()
            .map(|c| c.as_list().unwrap().len())
            .collect()
    }

    #[test]
    fn chunk_splits_with_a_short_tail() {
        assert_eq!(
            lens(&chunk(2, &ints(&[1, 2, 3, 4, 5])).unwrap()),
            vec![2, 2, 1]
        );
        assert_eq!(lens(&chunk(2, &ints(&[])).unwrap()), Vec::<usize>::new());
        assert!(chunk(0, &ints(&[1])).is_err());
    }

    #[test]
    fn until_step_counts_both_ways() {
        assert_eq!(until_step(0, 5, 2), vec![0, 2, 4]);
        assert_eq!(until_step(5, 0, -2), vec![5, 3, 1]);
        assert!(until_step(5, 0, 1).is_empty());
        assert!(until_step(0, 5, 0).is_empty());
    }

    #[test]
    fn slice_checks_bounds() {
        let l = ints(&[1, 2, 3]);
        let got = slice(&l, &[Value::Int(1)]).unwrap();
        assert_eq!(got.as_list().unwrap().len(), 2);
        assert_eq!(
            slice(&l, &[Value::Int(2), Value::Int(1)]).unwrap_err().0,
            "reflect.Value.Slice: slice index out of bounds"
        );
        assert!(slice(&ints(&[]), &[]).unwrap().is_nil());
    }

    #[test]
    fn kind_errors_name_the_kind() {
        let err = items(&Value::Int(1), |k| format!("Cannot find first on type {k}")).unwrap_err();
        assert_eq!(err.0, "Cannot find first on type int");
        assert_eq!(items(&Value::Nil, str::to_owned).unwrap_err().0, NIL_DEREF);
    }
}
