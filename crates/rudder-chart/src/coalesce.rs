//! Helm's values coalescing (`pkg/chart/common/util/coalesce.go`).
//!
//! User values win over chart defaults, a parent's values win over its subcharts' defaults,
//! tables merge and everything else is replaced, and `global` is copied from each chart into
//! its subcharts. Coalescing deletes keys the user set to `null`; merging (used for
//! import-values) keeps them.
//!
//! Maps are shared exactly where Helm's Go maps are shared (shallow copies of globals), so
//! that a later merge sees the same aliasing Helm's does.

use rudder_value::{Map, Value};

use crate::chart::Chart;
use crate::error::{Error, Result};
use crate::warning::Warning;

fn concat_prefix(a: &str, b: &str) -> String {
    if a.is_empty() {
        b.to_owned()
    } else {
        format!("{a}.{b}")
    }
}

/// Helm's `CoalesceValues`: the chart's values (and its subcharts') under a copy of `vals`,
/// with `null` user values deleting chart defaults. Returns the warnings Helm would log.
pub fn coalesce_values(chart: &Chart, vals: &Map) -> Result<(Map, Vec<Warning>)> {
    let mut w = Vec::new();
    let m = coalesce(&mut w, chart, &vals.deep_copy(), "", false)?;
    Ok((m, w))
}

/// Helm's `MergeValues`: like [`coalesce_values`] but `null` values are kept.
pub fn merge_values(chart: &Chart, vals: &Map) -> Result<(Map, Vec<Warning>)> {
    let mut w = Vec::new();
    let m = coalesce(&mut w, chart, &vals.deep_copy(), "", true)?;
    Ok((m, w))
}

/// Helm's `CoalesceTables`: merges `src` into `dst` (which wins) and returns `dst`.
pub fn coalesce_tables(dst: &Map, src: &Map, warnings: &mut Vec<Warning>) -> Map {
    coalesce_tables_full_key(warnings, dst, src, "", false);
    dst.clone()
}

/// Helm's `MergeTables`: [`coalesce_tables`] keeping `null` values.
pub fn merge_tables(dst: &Map, src: &Map, warnings: &mut Vec<Warning>) -> Map {
    coalesce_tables_full_key(warnings, dst, src, "", true);
    dst.clone()
}

fn coalesce(
    w: &mut Vec<Warning>,
    chart: &Chart,
    dest: &Map,
    prefix: &str,
    merge: bool,
) -> Result<Map> {
    coalesce_chart_values(w, chart, dest, prefix, merge);
    coalesce_deps(w, chart, dest, prefix, merge)
}

fn coalesce_deps(
    w: &mut Vec<Warning>,
    chart: &Chart,
    dest: &Map,
    prefix: &str,
    merge: bool,
) -> Result<Map> {
    for sub in chart.dependencies() {
        let name = sub.name();
        let dvmap = match dest.get(name) {
            None => {
                let m = Map::new();
                dest.insert(name, Value::Map(m.clone()));
                m
            }
            Some(Value::Map(m)) => m,
            Some(other) => {
                return Err(Error::TypeMismatch {
                    name: name.to_owned(),
                    value: other,
                });
            }
        };
        let sub_prefix = concat_prefix(prefix, chart.name());
        coalesce_globals(w, &dvmap, dest, &sub_prefix);
        let merged = coalesce(w, sub, &dvmap, &sub_prefix, merge)?;
        dest.insert(name, Value::Map(merged));
    }
    Ok(dest.clone())
}

/// Copies the parent's (`src`) globals into the subchart's values (`dest`).
fn coalesce_globals(w: &mut Vec<Warning>, dest: &Map, src: &Map, prefix: &str) {
    let dg = match dest.get(crate::GLOBAL_KEY) {
        None => Map::new(),
        Some(Value::Map(m)) => m,
        Some(_) => {
            w.push(Warning::GlobalsNotTable { destination: true });
            return;
        }
    };
    let sg = match src.get(crate::GLOBAL_KEY) {
        None => Map::new(),
        Some(Value::Map(m)) => m,
        Some(_) => {
            w.push(Warning::GlobalsNotTable { destination: false });
            return;
        }
    };
    for (key, val) in sg.entries() {
        if let Value::Map(table) = &val {
            // A shallow copy, as Helm's copyMap: nested tables stay shared with the parent.
            let vv: Map = table.entries().into_iter().collect();
            match dg.get(&key) {
                None => {
                    dg.insert(key, Value::Map(vv));
                }
                Some(Value::Map(destv)) => {
                    let sub_prefix = concat_prefix(prefix, &key);
                    coalesce_tables_full_key(w, &vv, &destv, &sub_prefix, true);
                    dg.insert(key, Value::Map(vv));
                }
                Some(_) => w.push(Warning::GlobalConflict { key }),
            }
        } else if let Some(Value::Map(_)) = dg.get(&key) {
            w.push(Warning::GlobalKeyIsTable { key });
        } else {
            dg.insert(key, val);
        }
    }
    dest.insert(crate::GLOBAL_KEY, Value::Map(dg));
}

/// Helm's `coalesceValues`: the chart's own defaults under `v`.
fn coalesce_chart_values(w: &mut Vec<Warning>, chart: &Chart, v: &Map, prefix: &str, merge: bool) {
    let sub_prefix = concat_prefix(prefix, chart.name());
    let vc = chart.values.deep_copy();
    for (key, val) in vc.entries() {
        if let Some(value) = v.get(&key) {
            if value.is_nil() && !merge {
                v.remove(&key);
            } else if let Value::Map(dest) = value {
                match val {
                    Value::Map(src) => {
                        let merge = merge || chart.dependencies().iter().any(|d| d.name() == key);
                        if !merge {
                            clean_nil_values(&src);
                        }
                        coalesce_tables_full_key(
                            w,
                            &dest,
                            &src,
                            &concat_prefix(&sub_prefix, &key),
                            merge,
                        );
                    }
                    Value::Nil => {}
                    _ => w.push(Warning::SkippedNotTable {
                        key: format!("{sub_prefix}.{key}"),
                    }),
                }
            }
        } else {
            if !merge {
                if val.is_nil() {
                    continue;
                }
                if let Value::Map(sub) = &val {
                    clean_nil_values(sub);
                }
            }
            v.insert(key, val);
        }
    }
}

fn coalesce_tables_full_key(w: &mut Vec<Warning>, dst: &Map, src: &Map, prefix: &str, merge: bool) {
    let src_non_nil: Vec<String> = src
        .entries()
        .into_iter()
        .filter(|(_, v)| !v.is_nil())
        .map(|(k, _)| k)
        .collect();
    for (key, val) in dst.entries() {
        if val.is_nil() {
            src.insert(key, Value::Nil);
        }
    }
    for (key, val) in src.entries() {
        let full_key = concat_prefix(prefix, &key);
        match dst.get(&key) {
            Some(Value::Nil) if !merge && src_non_nil.contains(&key) => {
                dst.remove(&key);
            }
            None => {
                dst.insert(key, val);
            }
            Some(dv) => {
                if let Value::Map(vm) = &val {
                    if let Value::Map(dm) = &dv {
                        coalesce_tables_full_key(w, dm, vm, &full_key, merge);
                    } else {
                        w.push(Warning::CannotOverwriteTable {
                            key: full_key,
                            value: val.clone(),
                        });
                    }
                } else if matches!(dv, Value::Map(_)) && !val.is_nil() {
                    w.push(Warning::DestinationIsTable {
                        key: full_key,
                        value: val.clone(),
                    });
                }
            }
        }
    }
}

/// Removes `null` entries, recursively, in place.
fn clean_nil_values(m: &Map) {
    for (key, val) in m.entries() {
        match val {
            Value::Nil => {
                m.remove(&key);
            }
            Value::Map(sub) => clean_nil_values(&sub),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::strvals::parse;

    fn chart(name: &str, values: &str) -> Chart {
        let mut c = Chart::default();
        c.metadata.name = name.into();
        c.values = crate::values::read_values(values.as_bytes()).unwrap();
        c
    }

    fn get(m: &Map, path: &str) -> Option<Value> {
        crate::values::path_value(m, path)
    }

    #[test]
    fn user_values_win_and_tables_merge() {
        let c = chart("c", "a: 1\nb:\n  x: 1\n  z: 2\n");
        let (v, w) = coalesce_values(&c, &parse("b.x=5").unwrap()).unwrap();
        assert!(w.is_empty());
        assert!(matches!(get(&v, "a"), Some(Value::Float(f)) if f == 1.0));
        assert!(matches!(get(&v, "b.x"), Some(Value::Int64(5))));
        assert!(matches!(get(&v, "b.z"), Some(Value::Float(f)) if f == 2.0));
    }

    #[test]
    fn null_deletes_when_coalescing_and_stays_when_merging() {
        let c = chart("c", "a: 1\nb:\n  x: 1\n");
        let user = parse("a=null,b.x=null").unwrap();
        let (v, _) = coalesce_values(&c, &user).unwrap();
        assert!(!v.contains_key("a"));
        assert!(!v.get("b").unwrap().as_map().unwrap().contains_key("x"));
        let (v, _) = merge_values(&c, &user).unwrap();
        assert!(v.get("a").unwrap().is_nil());
    }

    #[test]
    fn globals_and_parent_values_flow_down() {
        let sub = chart("sub", "global:\n  g: sub\n  h: sub\nv: 1\nw: 1\n");
        let mut parent = chart("parent", "global:\n  g: parent\nsub:\n  v: 2\n");
        parent.add_dependency([sub]);
        let (v, _) = coalesce_values(&parent, &Map::new()).unwrap();
        assert_eq!(get(&v, "sub.global.g").unwrap().as_str(), Some("parent"));
        assert_eq!(get(&v, "sub.global.h").unwrap().as_str(), Some("sub"));
        assert!(matches!(get(&v, "sub.v"), Some(Value::Float(f)) if f == 2.0));
        assert!(matches!(get(&v, "sub.w"), Some(Value::Float(f)) if f == 1.0));
        assert_eq!(get(&v, "global.g").unwrap().as_str(), Some("parent"));
    }

    #[test]
    fn scalar_over_table_warns() {
        let c = chart("c", "a:\n  x: 1\n");
        let (v, w) = coalesce_values(&c, &parse("a=3").unwrap()).unwrap();
        assert!(matches!(v.get("a"), Some(Value::Int64(3))));
        assert!(w.is_empty());
        let c = chart("c", "a: 3\n");
        let (_, w) = coalesce_values(&c, &parse("a.x=1").unwrap()).unwrap();
        assert!(matches!(&w[..], [Warning::SkippedNotTable { key }] if key == "c.a"));
        let c = chart("c", "a:\n  b:\n    x: 1\n");
        let (_, w) = coalesce_values(&c, &parse("a.b=3").unwrap()).unwrap();
        assert!(matches!(&w[..], [Warning::CannotOverwriteTable { key, .. }] if key == "c.a.b"));
    }

    #[test]
    fn subchart_values_must_be_a_table() {
        let sub = chart("sub", "");
        let mut parent = chart("parent", "");
        parent.add_dependency([sub]);
        let err = coalesce_values(&parent, &parse("sub=true").unwrap()).unwrap_err();
        assert_eq!(err.to_string(), "type mismatch on sub: true");
    }
}
