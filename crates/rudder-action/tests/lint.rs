//! Lint goldens: every `testdata/lint/golden/<id>.json` holds the options of one lint and what
//! real Helm's linter said (written by `testdata/lint/gen.py`). Rudder must say the same:
//! the same messages (severity, path, text) in the same order, the same failing texts and the
//! same count of linted charts.

use std::path::{Path, PathBuf};

use rudder_action::lint::{Lint, LintResult};
use rudder_value::{Map, Value};
use serde_json::json;

fn manifest_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Where a golden's chart lives, or `None` when it is in an absent corpus.
fn chart_path(chart: &str) -> Option<PathBuf> {
    let root = manifest_dir();
    if let Some(name) = chart.strip_prefix("conformance/") {
        let dir = root.join("../../../shared/conformance/charts").join(name);
        if dir.is_dir() {
            return Some(dir);
        }
        assert!(
            std::env::var_os("CI").is_none_or(|v| v != "true"),
            "the conformance corpus is missing: {}",
            dir.display()
        );
        return None;
    }
    if chart.starts_with("examples/") || chart.starts_with("crates/") {
        return Some(root.join("../..").join(chart));
    }
    Some(root.join("testdata/lint").join(chart))
}

fn values_of(options: &serde_json::Value) -> Map {
    if let Some(file) = options
        .get("values_file")
        .and_then(serde_json::Value::as_str)
    {
        let path = manifest_dir()
            .join("../../../shared/conformance")
            .join(file);
        let options = rudder_chart::values::Options {
            value_files: vec![path.to_string_lossy().into_owned()],
            ..rudder_chart::values::Options::default()
        };
        return options.merge_values().expect("the values file reads");
    }
    match options.get("values") {
        None => Map::new(),
        Some(v) => match rudder_yaml::from_yaml(&v.to_string()).expect("values are JSON") {
            Value::Map(m) => m,
            _ => Map::new(),
        },
    }
}

fn lint_options(options: &serde_json::Value) -> Lint {
    Lint {
        strict: options.get("strict").and_then(serde_json::Value::as_bool) == Some(true),
        namespace: options
            .get("namespace")
            .and_then(serde_json::Value::as_str)
            .unwrap_or("default")
            .to_owned(),
        skip_schema_validation: options
            .get("skip_schema_validation")
            .and_then(serde_json::Value::as_bool)
            == Some(true),
        kube_version: options
            .get("kube_version")
            .and_then(serde_json::Value::as_str)
            .map(kube_version),
    }
}

fn kube_version(v: &str) -> rudder_action::lint::KubeVersion {
    rudder_action::lint::KubeVersion::parse(v).expect("a valid kube version in the golden")
}

/// Our result in the golden's JSON shape, the chart directory written as `$CHART`.
fn as_json(result: &LintResult, chart_dir: &Path) -> serde_json::Value {
    let dir = std::path::absolute(chart_dir)
        .expect("absolute path")
        .to_string_lossy()
        .into_owned();
    let fix = |s: &str| s.replace(&dir, "$CHART");
    json!({
        "total_charts_linted": result.total_charts_linted,
        "messages": result.messages.iter().map(|m| json!({
            "severity": m.severity.as_number(),
            "path": fix(&m.path),
            "error": fix(&m.text),
        })).collect::<Vec<_>>(),
        "errors": result.errors.iter().map(|e| fix(e)).collect::<Vec<_>>(),
    })
}

/// Creates the empty directories some fixtures need (git keeps no empty directories).
fn create_empty_dirs() {
    let base = manifest_dir().join("testdata/lint");
    let list = fs_err::read_to_string(base.join("empty-dirs.txt")).expect("empty-dirs.txt");
    for line in list
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
    {
        fs_err::create_dir_all(base.join(line)).expect("create a fixture's empty directory");
    }
}

#[test]
fn goldens() {
    create_empty_dirs();
    let dir = manifest_dir().join("testdata/lint/golden");
    let mut entries: Vec<PathBuf> = fs_err::read_dir(&dir)
        .expect("golden directory")
        .map(|e| e.expect("directory entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    entries.sort();
    let (mut passed, mut failures) = (0, Vec::new());
    for path in &entries {
        let golden: serde_json::Value =
            serde_json::from_str(&fs_err::read_to_string(path).expect("golden")).expect("JSON");
        let Some(chart) = chart_path(golden["chart"].as_str().expect("chart")) else {
            continue;
        };
        let options = &golden["options"];
        let chart = std::path::absolute(&chart)
            .expect("absolute path")
            .components()
            .collect::<PathBuf>();
        let chart = normalize(&chart);
        let result = lint_options(options).run(std::slice::from_ref(&chart), &values_of(options));
        let ours = as_json(&result, &chart);
        if ours == golden["result"] {
            passed += 1;
        } else {
            failures.push(format!(
                "{}:\n  helm:   {}\n  rudder: {}",
                path.file_name().unwrap_or_default().to_string_lossy(),
                golden["result"],
                ours
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{passed} passed, {} failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// Removes `..` components, as Go's `filepath.Abs` cleans the path.
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            std::path::Component::ParentDir => {
                out.pop();
            }
            std::path::Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}
