//! Rudder's `--set` parsers against real Helm's results (`testdata/strvals/expected.json`,
//! written by `scripts/strvals_oracle.py`).

use std::path::Path;

use rudder_chart::strvals;
use rudder_value::{Map, Value};

fn same(ours: &Value, helm: &serde_json::Value) -> bool {
    match (ours, helm) {
        (Value::Nil, serde_json::Value::Null) => true,
        (Value::Bool(a), serde_json::Value::Bool(b)) => a == b,
        (Value::String(a), serde_json::Value::String(b)) => **a == **b,
        (Value::Float(a), serde_json::Value::Number(b)) => Some(*a) == b.as_f64(),
        (Value::Int64(a), serde_json::Value::Number(b)) => Some(*a) == b.as_i64(),
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

#[test]
fn parsers_match_helm() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/strvals/expected.json");
    let rows: Vec<serde_json::Value> =
        serde_json::from_str(&fs_err::read_to_string(path).unwrap()).unwrap();
    let mut failures = Vec::new();
    for row in &rows {
        let flavor = row["flavor"].as_str().unwrap();
        let input = row["input"].as_str().unwrap();
        let dest = Map::new();
        let got = match flavor {
            "set" => strvals::parse_into(input, &dest),
            "set-string" => strvals::parse_into_string(input, &dest),
            "set-json" => strvals::parse_json(input, &dest),
            "set-literal" => strvals::parse_literal_into(input, &dest),
            other => panic!("unknown flavor {other}"),
        };
        match (got, row.get("value"), row.get("error")) {
            (Ok(()), Some(want), _) => {
                if !same(&Value::Map(dest.clone()), want) {
                    failures.push(format!("{flavor} {input:?}: got {dest:?}, helm {want}"));
                }
            }
            (Err(e), _, Some(want)) => {
                let want = want.as_str().unwrap();
                // encoding/json's messages are not reproduced for malformed JSON values.
                let json_error = matches!(e, rudder_chart::SetError::Json { .. });
                if e.to_string() != want && !json_error {
                    failures.push(format!("{flavor} {input:?}: error {e:?}, helm {want:?}"));
                }
            }
            (Ok(()), None, Some(want)) => {
                failures.push(format!(
                    "{flavor} {input:?}: ok {dest:?}, helm error {want}"
                ));
            }
            (Err(e), Some(want), _) => {
                failures.push(format!("{flavor} {input:?}: error {e}, helm {want}"));
            }
            (Ok(()), None, None) => unreachable!("every row has a value or an error"),
            (Err(_), None, None) => unreachable!("every row has a value or an error"),
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} differ:\n{}",
        failures.len(),
        rows.len(),
        failures.join("\n")
    );
}
