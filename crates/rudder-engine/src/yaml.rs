//! `toYaml` as Helm's engine uses it internally (`AsConfig`, `AsSecrets`): sigs.k8s.io/yaml
//! output with the final newline trimmed; an error gives an empty string.

use rudder_value::Value;

/// Helm's `toYAML` (helm/helm `pkg/engine/funcs.go`).
pub(crate) fn to_yaml_trimmed(value: &Value) -> String {
    match rudder_yaml::to_yaml(value) {
        Ok(text) => text.strip_suffix('\n').unwrap_or(&text).to_owned(),
        Err(_) => String::new(),
    }
}
