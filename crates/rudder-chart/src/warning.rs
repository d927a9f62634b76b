//! Warnings Helm logs while merging values and processing dependencies. Rudder returns them to
//! the caller instead of printing.

use rudder_value::Value;

use crate::gofmt::{format_v, quote};

/// A warning in Helm's words (its `Display` is the text Helm logs).
#[derive(Debug, Clone)]
#[non_exhaustive]
pub enum Warning {
    /// `warning: skipped value for x.y: Not a table.` (user gave a scalar where the chart has a
    /// table).
    SkippedNotTable {
        /// Dotted key.
        key: String,
    },
    /// `warning: cannot overwrite table with non table for x (map[...])`.
    CannotOverwriteTable {
        /// Dotted key.
        key: String,
        /// The chart's table that was not applied.
        value: Value,
    },
    /// `warning: destination for x is a table. Ignoring non-table value (v)`.
    DestinationIsTable {
        /// Dotted key.
        key: String,
        /// The ignored value.
        value: Value,
    },
    /// `warning: skipping globals because destination global is not a table.` (or source).
    GlobalsNotTable {
        /// True for the destination (subchart), false for the source (parent).
        destination: bool,
    },
    /// `Conflict: cannot merge map onto non-map for "x". Skipping.`
    GlobalConflict {
        /// The global key.
        key: String,
    },
    /// `key x is table. Skipping`
    GlobalKeyIsTable {
        /// The global key.
        key: String,
    },
    /// A dependency condition resolved to something other than a bool.
    NonBoolCondition {
        /// The condition path.
        path: String,
        /// The dependency.
        chart: String,
    },
    /// A dependency tag is set to something other than a bool.
    NonBoolTag {
        /// The tag.
        tag: String,
        /// The dependency.
        chart: String,
    },
    /// An import-values entry names a table the subchart does not have.
    ImportValuesMissingTable {
        /// The dependency.
        chart: String,
        /// The table's name (`"x" is not a table`).
        key: String,
    },
}

impl std::fmt::Display for Warning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Warning::SkippedNotTable { key } => {
                write!(f, "warning: skipped value for {key}: Not a table.")
            }
            Warning::CannotOverwriteTable { key, value } => write!(
                f,
                "warning: cannot overwrite table with non table for {key} ({})",
                format_v(value)
            ),
            Warning::DestinationIsTable { key, value } => write!(
                f,
                "warning: destination for {key} is a table. Ignoring non-table value ({})",
                format_v(value)
            ),
            Warning::GlobalsNotTable { destination } => write!(
                f,
                "warning: skipping globals because {} global is not a table.",
                if *destination {
                    "destination"
                } else {
                    "source"
                }
            ),
            Warning::GlobalConflict { key } => write!(
                f,
                "Conflict: cannot merge map onto non-map for {}. Skipping.",
                quote(key)
            ),
            Warning::GlobalKeyIsTable { key } => write!(f, "key {key} is table. Skipping"),
            Warning::NonBoolCondition { path, chart } => {
                write!(f, "returned non-bool value path={path} chart={chart}")
            }
            Warning::NonBoolTag { tag, chart } => {
                write!(f, "returned non-bool value tag={tag} chart={chart}")
            }
            Warning::ImportValuesMissingTable { chart, key } => write!(
                f,
                "ImportValues missing table from chart {chart}: {} is not a table",
                quote(key)
            ),
        }
    }
}
