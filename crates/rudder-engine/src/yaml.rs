//! `toYaml` as Helm's engine uses it internally (`AsConfig`, `AsSecrets`): sigs.k8s.io/yaml
//! output with the final newline trimmed; an error gives an empty string.

use rudder_value::Value;

/// Helm's `toYAML`.
pub(crate) fn to_yaml_trimmed(value: &Value) -> String {
    // TODO(engine): switch to rudder_yaml's encoder once it lands; until then only flat maps
    // of simple strings come out right.
    let Value::Map(map) = value else {
        return String::new();
    };
    if map.is_empty() {
        return "{}".to_owned();
    }
    let mut out = String::new();
    for (key, value) in map.entries() {
        out.push_str(&key);
        out.push_str(": ");
        if let Value::String(s) = value {
            out.push_str(&s);
        }
        out.push('\n');
    }
    out.trim_end_matches('\n').to_owned()
}
