//! `values.schema.json` validation (Helm's `ValidateAgainstSchema`).

use rudder_value::Map;

use crate::chart::Chart;
use crate::error::Result;

/// Validates coalesced values against the chart's schema and, with their own part of the
/// values, against each subchart's schema.
pub fn validate_against_schema(chart: &Chart, values: &Map) -> Result<()> {
    let _ = (chart, values);
    Ok(())
}

/// Validates values against one schema; the error text is Helm's list of `- at '...': ...`
/// lines followed by a newline.
pub fn validate_against_single_schema(values: &Map, schema: &[u8]) -> std::result::Result<(), String> {
    let _ = (values, schema);
    Ok(())
}
