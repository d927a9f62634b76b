//! Dependency processing and coalescing against what Helm's templates saw
//! (`testdata/deps/cases/*.json`, written by `scripts/deps_oracle.py`): the subcharts that
//! survive, and each chart's `.Values` (its slice of the coalesced values).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use rudder_chart::Chart;
use rudder_value::{Map, Value};

fn same(ours: &Value, helm: &serde_json::Value) -> bool {
    match (ours, helm) {
        (Value::Nil, serde_json::Value::Null) => true,
        (Value::Bool(a), serde_json::Value::Bool(b)) => a == b,
        (Value::String(a), serde_json::Value::String(b)) => **a == **b,
        (Value::Float(a), serde_json::Value::Number(b)) => Some(*a) == b.as_f64(),
        (Value::Int64(a) | Value::Int(a), serde_json::Value::Number(b)) => {
            Some(*a as f64) == b.as_f64()
        }
        (Value::List(a), serde_json::Value::Array(b)) => {
            a.len() == b.len() && a.iter().zip(b).all(|(x, y)| same(x, y))
        }
        (Value::Map(a), serde_json::Value::Object(b)) => {
            a.len() == b.len()
                && a.entries()
                    .iter()
                    .all(|(k, v)| b.get(k).is_some_and(|y| same(v, y)))
        }
        _ => false,
    }
}

/// Each chart's `.Values`, keyed like Helm's rendered template names.
fn scopes(chart: &Chart, values: &Map, out: &mut BTreeMap<String, Map>) {
    if chart
        .templates
        .iter()
        .any(|t| t.name == "templates/values.yaml")
    {
        out.insert(
            format!("{}/templates/values.yaml", chart.full_path()),
            values.clone(),
        );
    }
    for sub in chart.dependencies() {
        let v = match values.get(sub.name()) {
            Some(Value::Map(m)) => m,
            _ => Map::new(),
        };
        scopes(sub, &v, out);
    }
}

#[test]
fn dependencies_match_helm() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/deps");
    let mut cases: Vec<PathBuf> = fs_err::read_dir(root.join("cases"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    cases.sort();
    let mut failures = Vec::new();
    for case in &cases {
        let name = case.file_stem().unwrap().to_string_lossy().into_owned();
        let spec = rudder_yaml::from_yaml(&fs_err::read_to_string(case).unwrap()).unwrap();
        let spec = spec.as_map().unwrap();
        let user = match spec.get("values") {
            Some(Value::Map(m)) => m,
            _ => Map::new(),
        };
        let chart_name = spec.get("chart").unwrap().as_str().unwrap().to_owned();
        let want: serde_json::Value =
            serde_json::from_str(&fs_err::read_to_string(case.with_extension("json")).unwrap())
                .unwrap();
        let mut chart = rudder_chart::load(root.join("charts").join(chart_name)).unwrap();
        let processed = rudder_chart::process_dependencies(&mut chart, &user)
            .and_then(|_| rudder_chart::coalesce_values(&chart, &user));
        let vals = match processed {
            Ok((vals, _)) => vals,
            Err(e) => {
                let got = rudder_chart::helm_message(&e);
                if want.get("error").and_then(|w| w.as_str()) != Some(got.as_str()) {
                    failures.push(format!("{name}: error {got:?}, helm {want}"));
                }
                continue;
            }
        };
        let mut got = BTreeMap::new();
        scopes(&chart, &vals, &mut got);
        let want = want.as_object().unwrap();
        let got_keys: Vec<&String> = got.keys().collect();
        let want_keys: Vec<&String> = want.keys().collect();
        if got_keys != want_keys {
            failures.push(format!("{name}: charts {got_keys:?}, helm {want_keys:?}"));
            continue;
        }
        for (k, v) in &got {
            if !same(&Value::Map(v.clone()), &want[k]) {
                failures.push(format!("{name}: {k}:\nrudder {v:?}\nhelm {:#}", want[k]));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(!cases.is_empty());
}
