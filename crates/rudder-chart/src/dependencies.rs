//! Helm 4's dependency processing (`pkg/chart/v2/util/dependencies.go`): conditions, tags,
//! aliases, and import-values; and `CheckDependencies` from `pkg/action/install.go`.

use rudder_value::{Map, Value};

use crate::chart::Chart;
use crate::coalesce::{coalesce_values, merge_tables, merge_values};
use crate::error::{Error, Result};
use crate::metadata::Dependency;
use crate::semver::is_compatible_range;
use crate::values::{path_value, table};
use crate::warning::Warning;

/// Helm's `ProcessDependencies`: removes the subcharts disabled by conditions, tags or
/// `enabled`, makes a copy of a subchart for each alias, and imports values from children to
/// parents. `vals` are the user-supplied values. Returns the warnings Helm would log.
pub fn process_dependencies(chart: &mut Chart, vals: &Map) -> Result<Vec<Warning>> {
    let mut w = Vec::new();
    process_enabled(&mut w, chart, vals, "")?;
    process_import_values_tree(&mut w, chart)?;
    Ok(w)
}

/// Helm's `action.CheckDependencies`: every dependency in `reqs` must have a chart of that
/// name among the loaded subcharts.
pub fn check_dependencies(chart: &Chart, reqs: &[Dependency]) -> Result<()> {
    let missing: Vec<String> = reqs
        .iter()
        .filter(|r| !chart.dependencies().iter().any(|d| d.name() == r.name))
        .map(|r| r.name.clone())
        .collect();
    if missing.is_empty() {
        Ok(())
    } else {
        Err(Error::MissingDependencies { names: missing })
    }
}

/// Helm's `getAliasDependency`: a copy of the loaded chart a dependency refers to, renamed to
/// its alias.
fn alias_dependency(charts: &[Chart], dep: &Dependency) -> Option<Chart> {
    let c = charts
        .iter()
        .find(|c| c.name() == dep.name && is_compatible_range(&dep.version, &c.metadata.version))?;
    let mut out = c.clone();
    if !dep.alias.is_empty() {
        out.metadata.name.clone_from(&dep.alias);
    }
    Some(out)
}

fn process_conditions(w: &mut Vec<Warning>, reqs: &mut [Dependency], cvals: &Map, cpath: &str) {
    for r in reqs {
        for c in r.condition.trim_matches(crate::gofmt::is_space).split(',') {
            if c.is_empty() {
                continue;
            }
            match path_value(cvals, &format!("{cpath}{c}")) {
                Some(Value::Bool(b)) => {
                    r.enabled = b;
                    break;
                }
                Some(_) => w.push(Warning::NonBoolCondition {
                    path: c.to_owned(),
                    chart: r.name.clone(),
                }),
                None => {}
            }
        }
    }
}

fn process_tags(w: &mut Vec<Warning>, reqs: &mut [Dependency], cvals: &Map) {
    let Some(vt) = table(cvals, "tags") else {
        return;
    };
    for r in reqs {
        let (mut has_true, mut has_false) = (false, false);
        for k in &r.tags {
            match vt.get(k) {
                Some(Value::Bool(true)) => has_true = true,
                Some(Value::Bool(false)) => has_false = true,
                Some(_) => w.push(Warning::NonBoolTag {
                    tag: k.clone(),
                    chart: r.name.clone(),
                }),
                None => {}
            }
        }
        if !has_true && has_false {
            r.enabled = false;
        } else if has_true || !has_false {
            r.enabled = true;
        }
    }
}

/// Helm's `processDependencyEnabled`.
fn process_enabled(w: &mut Vec<Warning>, c: &mut Chart, v: &Map, path: &str) -> Result<()> {
    if !c.metadata.has_dependency_list() {
        return Ok(());
    }
    let mut chart_deps: Vec<Chart> = Vec::new();
    // Loaded subcharts that no Chart.yaml entry accounts for stay as they are.
    for existing in c.dependencies() {
        let declared = c.metadata.dependencies.iter().any(|req| {
            existing.name() == req.name
                && is_compatible_range(&req.version, &existing.metadata.version)
        });
        if !declared {
            chart_deps.push(existing.clone());
        }
    }
    let loaded = c.dependencies().to_vec();
    for req in &mut c.metadata.dependencies {
        if let Some(dep) = alias_dependency(&loaded, req) {
            chart_deps.push(dep);
        }
        if !req.alias.is_empty() {
            req.name.clone_from(&req.alias);
        }
    }
    c.set_dependencies(chart_deps);

    for req in &mut c.metadata.dependencies {
        req.enabled = true;
    }
    let (cvals, warnings) = coalesce_values(c, v)?;
    w.extend(warnings);
    process_tags(w, &mut c.metadata.dependencies, &cvals);
    process_conditions(w, &mut c.metadata.dependencies, &cvals, path);

    let removed: Vec<String> = c
        .metadata
        .dependencies
        .iter()
        .filter(|r| !r.enabled)
        .map(|r| r.name.clone())
        .collect();
    let mut kept: Vec<Chart> = c
        .dependencies()
        .iter()
        .filter(|d| !removed.iter().any(|n| n == d.name()))
        .cloned()
        .collect();
    let kept_meta: Vec<Dependency> = c
        .metadata
        .dependencies
        .iter()
        .filter(|r| !removed.contains(&r.name))
        .cloned()
        .collect();
    for t in &mut kept {
        let subpath = format!("{path}{}.", t.name());
        process_enabled(w, t, &cvals, &subpath)?;
    }
    c.metadata.set_dependency_list(kept_meta);
    c.set_dependencies(kept);
    Ok(())
}

/// Helm's `processDependencyImportValues` with merging on: children first.
fn process_import_values_tree(w: &mut Vec<Warning>, c: &mut Chart) -> Result<()> {
    for d in c.dependencies_mut() {
        process_import_values_tree(w, d)?;
    }
    process_import_values(w, c)
}

/// Helm's `pathToMap`: `data` nested under the dotted `path` (`.` is the top).
fn path_to_map(path: &str, data: Map) -> Map {
    if path == "." {
        return data;
    }
    let mut cur = data;
    for part in path.split('.').rev() {
        let m = Map::new();
        m.insert(part, Value::Map(cur));
        cur = m;
    }
    cur
}

fn go_sprint(v: Option<Value>) -> String {
    match v {
        None | Some(Value::Nil) => "<nil>".to_owned(),
        Some(Value::String(s)) => s.to_string(),
        Some(other) => crate::gofmt::format_v(&other),
    }
}

fn string_map(child: &str, parent: &str) -> Value {
    let entries = [
        ("child".to_owned(), Value::from(child)),
        ("parent".to_owned(), Value::from(parent)),
    ];
    Value::Map(Map::with_type_name(
        entries.into_iter().collect(),
        "map[string]string",
    ))
}

/// Helm's `processImportValues` with merging on.
fn process_import_values(w: &mut Vec<Warning>, c: &mut Chart) -> Result<()> {
    if !c.metadata.has_dependency_list() {
        return Ok(());
    }
    let (cvals, warnings) = merge_values(c, &Map::new())?;
    w.extend(warnings);
    let mut b = Map::new();
    for r in &mut c.metadata.dependencies {
        let mut out = Vec::new();
        for riv in &r.import_values {
            match riv {
                // Entries already rewritten (typed map[string]string) no longer match Helm's
                // type switch and are dropped, as in Helm.
                Value::Map(iv) if iv.type_name() == "map[string]interface {}" => {
                    let child = go_sprint(iv.get("child"));
                    let parent = go_sprint(iv.get("parent"));
                    out.push(string_map(&child, &parent));
                    let key = format!("{}.{child}", r.name);
                    let Some(vv) = table(&cvals, &key) else {
                        w.push(Warning::ImportValuesMissingTable {
                            chart: r.name.clone(),
                            key,
                        });
                        continue;
                    };
                    b = merge_tables(&b, &path_to_map(&parent, vv), w);
                }
                Value::String(iv) => {
                    let child = format!("exports.{iv}");
                    out.push(string_map(&child, "."));
                    let key = format!("{}.{child}", r.name);
                    let Some(vm) = table(&cvals, &key) else {
                        w.push(Warning::ImportValuesMissingTable {
                            chart: r.name.clone(),
                            key,
                        });
                        continue;
                    };
                    b = merge_tables(&b, &vm, w);
                }
                _ => {}
            }
        }
        r.import_values = out;
    }
    c.values = merge_tables(&cvals.deep_copy(), &b, w);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chart::File;
    use crate::loader::load_files;

    fn chart(files: &[(&str, &str)]) -> Chart {
        load_files(
            files
                .iter()
                .map(|(n, d)| File::new(*n, d.as_bytes().to_vec()))
                .collect(),
        )
        .unwrap()
    }

    fn names(c: &Chart) -> Vec<String> {
        c.dependencies()
            .iter()
            .map(|d| d.name().to_owned())
            .collect()
    }

    const PARENT: &str = "apiVersion: v2\nname: parent\nversion: 1.0.0\ndependencies:\n- name: a\n  version: 0.1.0\n  repository: r\n  condition: a.enabled,global.a\n- name: b\n  version: ~0.1\n  repository: r\n  tags: [back]\n- name: a\n  alias: c\n  version: '>=0.1.0'\n  repository: r\n  import-values:\n  - data\n  - child: deep.x\n    parent: imported\n";

    fn parent() -> Chart {
        chart(&[
            ("Chart.yaml", PARENT),
            ("values.yaml", "a:\n  enabled: true\n"),
            ("charts/a/Chart.yaml", "name: a\nversion: 0.1.0\n"),
            (
                "charts/a/values.yaml",
                "exports:\n  data:\n    fromA: 1\ndeep:\n  x:\n    z: 2\n",
            ),
            ("charts/b/Chart.yaml", "name: b\nversion: 0.1.5\n"),
        ])
    }

    #[test]
    fn aliases_copy_the_subchart() {
        let mut c = parent();
        process_dependencies(&mut c, &Map::new()).unwrap();
        assert_eq!(names(&c), ["a", "b", "c"]);
        assert_eq!(c.dependencies()[2].full_path(), "parent/charts/c");
    }

    #[test]
    fn conditions_and_tags_disable() {
        let mut c = parent();
        let user = crate::strvals::parse("a.enabled=false,tags.back=false").unwrap();
        process_dependencies(&mut c, &user).unwrap();
        assert_eq!(names(&c), ["c"]);
        assert_eq!(c.metadata.dependencies.len(), 1);
    }

    #[test]
    fn first_resolvable_condition_wins() {
        let mut c = parent();
        let user = crate::strvals::parse("global.a=false").unwrap();
        process_dependencies(&mut c, &user).unwrap();
        assert_eq!(names(&c), ["a", "b", "c"]);
        let mut c = parent();
        let user = crate::strvals::parse("a.enabled=x,global.a=false").unwrap();
        let w = process_dependencies(&mut c, &user).unwrap();
        assert_eq!(names(&c), ["b", "c"]);
        assert!(
            w.iter().any(
                |w| matches!(w, Warning::NonBoolCondition { path, .. } if path == "a.enabled")
            )
        );
    }

    #[test]
    fn import_values_reach_the_parent() {
        let mut c = parent();
        process_dependencies(&mut c, &Map::new()).unwrap();
        assert!(matches!(path_value(&c.values, "fromA"), Some(Value::Float(f)) if f == 1.0));
        assert!(matches!(path_value(&c.values, "imported.z"), Some(Value::Float(f)) if f == 2.0));
        let iv = &c.metadata.dependencies[2].import_values;
        assert_eq!(iv.len(), 2);
        assert_eq!(iv[0].as_map().unwrap().type_name(), "map[string]string");
    }

    #[test]
    fn missing_dependencies_are_named() {
        let c = parent();
        let mut reqs = c.metadata.dependencies.clone();
        reqs.push(Dependency {
            name: "zzz".into(),
            ..Dependency::default()
        });
        assert_eq!(
            check_dependencies(&c, &reqs).unwrap_err().to_string(),
            "found in Chart.yaml, but missing in charts/ directory: zzz"
        );
    }
}
