//! Values and dependency warnings on the wire: each [`rudder_chart::Warning`] as its variant's
//! name and fields, values as YAML (`rudder --host` turns them back and prints them as the
//! direct mode does).

use rudder_chart::Warning;
use rudder_proto::tiller::Warning as Wire;
use rudder_value::Value;

fn yaml(v: &Value) -> String {
    rudder_yaml::to_yaml_pretty(v)
}

/// The wire form of a warning.
pub fn encode(w: &Warning) -> Wire {
    let wire = |kind: &str| Wire {
        kind: kind.to_owned(),
        ..Wire::default()
    };
    match w {
        Warning::SkippedNotTable { key } => Wire {
            key: key.clone(),
            ..wire("skipped_not_table")
        },
        Warning::CannotOverwriteTable { key, value } => Wire {
            key: key.clone(),
            value: yaml(value),
            ..wire("cannot_overwrite_table")
        },
        Warning::DestinationIsTable { key, value } => Wire {
            key: key.clone(),
            value: yaml(value),
            ..wire("destination_is_table")
        },
        Warning::GlobalsNotTable { destination } => Wire {
            destination: *destination,
            ..wire("globals_not_table")
        },
        Warning::GlobalConflict { key } => Wire {
            key: key.clone(),
            ..wire("global_conflict")
        },
        Warning::GlobalKeyIsTable { key } => Wire {
            key: key.clone(),
            ..wire("global_key_is_table")
        },
        Warning::NonBoolCondition { path, chart } => Wire {
            path: path.clone(),
            chart: chart.clone(),
            ..wire("non_bool_condition")
        },
        Warning::NonBoolTag { tag, chart } => Wire {
            tag: tag.clone(),
            chart: chart.clone(),
            ..wire("non_bool_tag")
        },
        Warning::ImportValuesMissingTable { chart, key } => Wire {
            chart: chart.clone(),
            key: key.clone(),
            ..wire("import_values_missing_table")
        },
        _ => wire("unknown"),
    }
}
