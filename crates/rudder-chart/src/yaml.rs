//! The YAML reads charts need, on top of `rudder_yaml` (sigs.k8s.io/yaml semantics).

use rudder_value::{Map, Value};

use crate::error::Cause;

/// Reads a typed file (`Chart.yaml`, `Chart.lock`) the way sigs.k8s.io/yaml hands it to
/// encoding/json: go-yaml's number types kept, keys as strings.
pub(crate) fn from_yaml_bytes(data: &[u8]) -> Result<Value, Cause> {
    let text = crate::values::utf8_text(data);
    Ok(rudder_yaml::from_yaml_typed(&text)?)
}

/// Reads one values document into a map (`yaml.Unmarshal` into `map[string]interface{}`);
/// an empty document is an empty map.
pub(crate) fn values_document(text: &str) -> Result<Map, Cause> {
    match rudder_yaml::from_yaml_into(text, rudder_yaml::Target::Map)? {
        Value::Map(m) => Ok(m),
        _ => Ok(Map::new()),
    }
}
