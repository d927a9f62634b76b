//! Reading Go-struct fields out of a decoded YAML or JSON document.

use rudder_value::{List, Map, Value};

/// A string field; absent, `null` and non-string values read as empty, as Go leaves a zero
/// value behind for a missing key.
pub(crate) fn string(m: &Map, key: &str) -> String {
    match m.get(key) {
        Some(Value::String(s)) => s.to_string(),
        Some(v) if !v.is_nil() => v.as_str().map(str::to_owned).unwrap_or_default(),
        _ => String::new(),
    }
}

/// A boolean field.
pub(crate) fn boolean(m: &Map, key: &str) -> bool {
    matches!(m.get(key), Some(Value::Bool(true)))
}

/// A list of strings.
pub(crate) fn strings(m: &Map, key: &str) -> Vec<String> {
    match m.get(key) {
        Some(Value::List(l)) => l
            .items
            .iter()
            .filter_map(|v| v.as_str().map(str::to_owned))
            .collect(),
        _ => Vec::new(),
    }
}

/// A string-to-string map.
pub(crate) fn string_map(m: &Map, key: &str) -> std::collections::BTreeMap<String, String> {
    match m.get(key) {
        Some(Value::Map(inner)) => inner
            .entries()
            .into_iter()
            .filter_map(|(k, v)| v.as_str().map(|s| (k, s.to_owned())))
            .collect(),
        _ => std::collections::BTreeMap::new(),
    }
}

/// A list value of strings.
pub(crate) fn string_list(items: &[String]) -> Value {
    Value::List(List::new(
        items.iter().map(|s| Value::from(s.as_str())).collect(),
    ))
}
