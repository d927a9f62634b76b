//! Loads every chart of the shared conformance corpus (`../shared/conformance/charts`) and
//! compares coalesced values with what real Helm computed (`testdata/coalesce/*.json`, written
//! by `scripts/coalesce_oracle.py`).
//!
//! Without the corpus the tests say so and pass, unless `CI=true`.

use std::path::{Path, PathBuf};

use rudder_chart::values::Options;
use rudder_value::Value;

fn corpus() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/conformance");
    if dir.is_dir() {
        return Some(dir);
    }
    assert!(
        std::env::var("CI").as_deref() != Ok("true"),
        "conformance corpus missing at {}",
        dir.display()
    );
    #[expect(
        clippy::print_stderr,
        reason = "a skipped corpus must be visible in the test output"
    )]
    {
        eprintln!("conformance corpus absent at {}: skipped", dir.display());
    }
    None
}

fn sorted_dirs(dir: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = fs_err::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    out.sort();
    out
}

#[test]
fn every_conformance_chart_loads() {
    let Some(corpus) = corpus() else { return };
    let mut loaded = 0;
    for dir in sorted_dirs(&corpus.join("charts")) {
        let chart = rudder_chart::load(&dir)
            .unwrap_or_else(|e| panic!("{}: {}", dir.display(), rudder_chart::helm_message(&e)));
        assert_eq!(
            chart.name(),
            dir.file_name().unwrap().to_str().unwrap(),
            "chart name of {}",
            dir.display()
        );
        let on_disk = dir.join("charts");
        if on_disk.is_dir() {
            let expected = fs_err::read_dir(&on_disk)
                .unwrap()
                .filter(|e| {
                    let name = e.as_ref().unwrap().file_name();
                    let name = name.to_string_lossy();
                    !name.starts_with(['_', '.'])
                        && (e.as_ref().unwrap().path().is_dir() || name.ends_with(".tgz"))
                })
                .count();
            assert_eq!(chart.dependencies().len(), expected, "{}", dir.display());
        }
        let templates = walk_count(&dir.join("templates"));
        assert_eq!(chart.templates.len(), templates, "{}", dir.display());
        loaded += 1;
    }
    assert!(loaded > 0);
}

/// Files under a directory that the default ignore rule keeps (no dotfiles).
fn walk_count(dir: &Path) -> usize {
    if !dir.is_dir() {
        return 0;
    }
    let mut n = 0;
    for e in fs_err::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        let name = p.file_name().unwrap().to_string_lossy().into_owned();
        if name.starts_with('.') {
            continue;
        }
        if p.is_dir() {
            n += walk_count(&p);
        } else {
            n += 1;
        }
    }
    n
}

fn compare(ours: &Value, helm: &serde_json::Value, path: &str) -> Result<(), String> {
    let mismatch = || Err(format!("at {path}: rudder {ours:?}, helm {helm}"));
    match (ours, helm) {
        (Value::Nil, serde_json::Value::Null) => Ok(()),
        (Value::Bool(a), serde_json::Value::Bool(b)) if a == b => Ok(()),
        (Value::String(a), serde_json::Value::String(b)) if **a == **b => Ok(()),
        (Value::Float(a), serde_json::Value::Number(b)) if Some(*a) == b.as_f64() => Ok(()),
        (Value::Int64(a) | Value::Int(a), serde_json::Value::Number(b))
            if Some(*a as f64) == b.as_f64() =>
        {
            Ok(())
        }
        (Value::List(a), serde_json::Value::Array(b)) if a.len() == b.len() => {
            for (i, (x, y)) in a.iter().zip(b).enumerate() {
                compare(x, y, &format!("{path}[{i}]"))?;
            }
            Ok(())
        }
        (Value::Map(a), serde_json::Value::Object(b)) => {
            let keys = a.keys();
            let theirs: Vec<&String> = b.keys().collect();
            if keys.len() != theirs.len() || keys.iter().zip(&theirs).any(|(x, y)| x != *y) {
                return Err(format!("at {path}: keys {keys:?} vs helm {theirs:?}"));
            }
            for (k, v) in a.entries() {
                compare(&v, &b[&k], &format!("{path}.{k}"))?;
            }
            Ok(())
        }
        _ => mismatch(),
    }
}

fn strings(v: Option<Value>) -> Vec<String> {
    v.and_then(|v| v.as_list().cloned())
        .map(|l| {
            l.iter()
                .filter_map(|x| x.as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn coalesced_values_match_helm() {
    let Some(corpus) = corpus() else { return };
    let goldens = Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/coalesce");
    let mut files: Vec<PathBuf> = fs_err::read_dir(&goldens)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    let mut failures = Vec::new();
    for golden in &files {
        let case = golden.file_stem().unwrap().to_str().unwrap();
        let case_dir = corpus.join("cases").join(case);
        let spec =
            rudder_yaml::from_yaml(&fs_err::read_to_string(case_dir.join("case.yaml")).unwrap())
                .unwrap();
        let spec = spec.as_map().unwrap();
        let chart_name = spec.get("chart").unwrap().as_str().unwrap().to_owned();
        let opts = Options {
            value_files: strings(spec.get("values"))
                .into_iter()
                .map(|v| case_dir.join(v).display().to_string())
                .collect(),
            set: strings(spec.get("set")),
            ..Options::default()
        };
        let user = opts.merge_values().unwrap();
        let chart = rudder_chart::load(corpus.join("charts").join(&chart_name)).unwrap();
        let (vals, _) = rudder_chart::coalesce_values(&chart, &user).unwrap();
        let expected: serde_json::Value =
            serde_json::from_str(&fs_err::read_to_string(golden).unwrap()).unwrap();
        if let Err(e) = compare(&Value::Map(vals), &expected, "") {
            failures.push(format!("{case}: {e}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(!files.is_empty());
}

/// Every case: user values, dependency processing, coalescing and schema validation as
/// `helm template` does them. Cases Helm renders must pass; a schema failure must be Helm's
/// text (`expected-error.txt`).
#[test]
fn schema_validation_agrees_with_every_case() {
    let Some(corpus) = corpus() else { return };
    let mut failures = Vec::new();
    let mut checked = 0;
    for case_dir in sorted_dirs(&corpus.join("cases")) {
        let case = case_dir.file_name().unwrap().to_string_lossy().into_owned();
        let spec =
            rudder_yaml::from_yaml(&fs_err::read_to_string(case_dir.join("case.yaml")).unwrap())
                .unwrap();
        let spec = spec.as_map().unwrap();
        let chart_name = spec.get("chart").unwrap().as_str().unwrap().to_owned();
        let expected_ok = spec.get("expected").unwrap().as_str() == Some("ok");
        let opts = Options {
            value_files: strings(spec.get("values"))
                .into_iter()
                .map(|v| case_dir.join(v).display().to_string())
                .collect(),
            set: strings(spec.get("set")),
            ..Options::default()
        };
        let user = opts.merge_values().unwrap();
        let mut chart = rudder_chart::load(corpus.join("charts").join(&chart_name)).unwrap();
        rudder_chart::process_dependencies(&mut chart, &user).unwrap();
        let (vals, _) = rudder_chart::coalesce_values(&chart, &user).unwrap();
        let result = rudder_chart::validate_against_schema(&chart, &vals);
        let expected_error = fs_err::read_to_string(case_dir.join("expected-error.txt")).ok();
        match (result, expected_ok, expected_error) {
            (Ok(()), true, _) => {}
            (Ok(()), false, Some(e)) if !e.contains("specifications of the schema") => {}
            (Err(e), false, Some(want)) => {
                let got = format!("Error: {}\n", rudder_chart::helm_message(&e));
                if got != want {
                    failures.push(format!("{case}: got {got:?}, helm {want:?}"));
                }
            }
            (r, _, want) => failures.push(format!("{case}: got {r:?}, helm {want:?}")),
        }
        checked += 1;
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(checked > 0);
}

/// Chart paths (`parent/charts/sub`) that have rendered templates under `expected/`.
fn rendered_charts(dir: &Path, rel: &str, out: &mut Vec<String>) {
    for entry in sorted_dirs(dir) {
        let name = entry.file_name().unwrap().to_string_lossy().into_owned();
        let path = if rel.is_empty() {
            name.clone()
        } else {
            format!("{rel}/{name}")
        };
        if name == "templates" {
            out.push(rel.to_owned());
        } else if name == "charts" {
            for sub in sorted_dirs(&entry) {
                let sub_name = sub.file_name().unwrap().to_string_lossy().into_owned();
                rendered_charts(&sub, &format!("{rel}/charts/{sub_name}"), out);
            }
        } else if rel.is_empty() {
            rendered_charts(&entry, &path, out);
        }
    }
}

fn chart_paths(chart: &rudder_chart::Chart, out: &mut Vec<String>) {
    out.push(chart.full_path());
    for d in chart.dependencies() {
        chart_paths(d, out);
    }
}

/// After dependency processing, every chart Helm rendered templates for is still there.
#[test]
fn rendered_subcharts_survive_dependency_processing() {
    let Some(corpus) = corpus() else { return };
    let mut failures = Vec::new();
    let mut subcharts_seen = 0;
    for case_dir in sorted_dirs(&corpus.join("cases")) {
        if !case_dir.join("expected").is_dir() {
            continue;
        }
        let case = case_dir.file_name().unwrap().to_string_lossy().into_owned();
        let spec =
            rudder_yaml::from_yaml(&fs_err::read_to_string(case_dir.join("case.yaml")).unwrap())
                .unwrap();
        let spec = spec.as_map().unwrap();
        let chart_name = spec.get("chart").unwrap().as_str().unwrap().to_owned();
        let opts = Options {
            value_files: strings(spec.get("values"))
                .into_iter()
                .map(|v| case_dir.join(v).display().to_string())
                .collect(),
            set: strings(spec.get("set")),
            ..Options::default()
        };
        let user = opts.merge_values().unwrap();
        let mut chart = rudder_chart::load(corpus.join("charts").join(&chart_name)).unwrap();
        rudder_chart::process_dependencies(&mut chart, &user).unwrap();
        let mut ours = Vec::new();
        chart_paths(&chart, &mut ours);
        let mut rendered = Vec::new();
        rendered_charts(&case_dir.join("expected"), "", &mut rendered);
        for r in rendered {
            subcharts_seen += usize::from(r.contains("/charts/"));
            if !ours.contains(&r) {
                failures.push(format!("{case}: helm rendered {r}, rudder dropped it"));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(
        subcharts_seen > 10,
        "only {subcharts_seen} rendered subcharts found"
    );
}
