//! `values.yaml` rules (helm/helm `pkg/chart/v2/lint/rules/values.go`).

use rudder_value::Map;

use super::{Linter, Severity};

const VALUES_FILE: &str = "values.yaml";

/// Checks that `values.yaml` exists, reads, and (with the user's values over it) satisfies
/// `values.schema.json`.
pub fn lint(linter: &mut Linter, overrides: &Map, skip_schema_validation: bool) {
    let path = linter.chart_dir.join(VALUES_FILE);
    let exists = linter.rule(
        Severity::Info,
        VALUES_FILE,
        if std::path::Path::exists(&path) || path.is_symlink() {
            Ok(())
        } else {
            Err("file does not exist".to_owned())
        },
    );
    if !exists {
        return;
    }
    let result = validate(linter, overrides, skip_schema_validation);
    linter.rule(Severity::Error, VALUES_FILE, result);
}

fn validate(linter: &Linter, overrides: &Map, skip_schema_validation: bool) -> Result<(), String> {
    let path = linter.chart_dir.join(VALUES_FILE);
    let data = fs_err::read(&path).map_err(|e| {
        format!(
            "unable to parse YAML: read {}: {}",
            path.display(),
            super::go_errno_text(&std::io::Error::from(e.kind()))
        )
    })?;
    let values = read_values(&data).map_err(|e| format!("unable to parse YAML: {e}"))?;
    let mut warnings = Vec::new();
    let coalesced = rudder_chart::coalesce_tables(&overrides.deep_copy(), &values, &mut warnings);
    let schema_path = linter.chart_dir.join("values.schema.json");
    let schema = match fs_err::read(&schema_path) {
        Ok(s) if !s.is_empty() => s,
        _ => return Ok(()),
    };
    if skip_schema_validation {
        return Ok(());
    }
    // The schema is read by encoding/json first: its syntax errors are Go's.
    if let Err(e) = rudder_yaml::from_json(
        &String::from_utf8_lossy(&schema),
        rudder_yaml::JsonTarget::Any,
    ) {
        return Err(e.to_string());
    }
    rudder_chart::validate_against_single_schema(&coalesced, &schema)
}

/// Helm's `common.ReadValues`: the first YAML document as a map; the error is the YAML
/// reader's own text.
fn read_values(data: &[u8]) -> Result<Map, String> {
    let text = String::from_utf8_lossy(data);
    match rudder_yaml::from_yaml_into(&text, rudder_yaml::Target::Map) {
        Ok(rudder_value::Value::Map(m)) => Ok(m),
        Ok(_) => Ok(Map::new()),
        // Helm decodes into its own `common.Values` type, which the message names.
        Err(rudder_yaml::Error::YamlTarget { found, .. }) => Err(format!(
            "error unmarshaling JSON: while decoding JSON: json: cannot unmarshal {found} into Go value of type common.Values"
        )),
        Err(e) => Err(e.to_string()),
    }
}
