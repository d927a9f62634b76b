//! Show: a chart's definition, values, README and CRDs as text (helm/helm
//! `pkg/action/show.go`).

use rudder_chart::{Chart, SaveError, metadata_yaml};
use rudder_value::Value;

use crate::jsonpath::JsonPath;

/// Failures of `helm show`.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ShowError {
    /// The metadata could not be marshalled.
    #[error(transparent)]
    Marshal(SaveError),
    /// `--jsonpath` did not parse.
    #[error("error parsing jsonpath {template}: {message}")]
    JsonPath {
        /// The template.
        template: String,
        /// What is wrong with it.
        message: String,
    },
}

/// Which part of the chart to show.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Format {
    /// Everything, parts separated by `---` lines.
    #[default]
    All,
    /// The re-marshalled `Chart.yaml`.
    Chart,
    /// `values.yaml` as written.
    Values,
    /// The README.
    Readme,
    /// The files of `crds/` (of the chart and its subcharts).
    Crds,
}

/// Options of `helm show`.
#[derive(Clone, Debug, Default)]
pub struct Show {
    /// The part to show.
    pub format: Format,
    /// `--jsonpath`: print this JSONPath template over the values instead of `values.yaml`.
    pub json_path: Option<String>,
}

/// Helm looks for these names, ignoring case, among the chart's files, in chart file order.
const README_NAMES: [&str; 3] = ["readme.md", "readme.txt", "readme"];

impl Show {
    /// The text `helm show` prints for a loaded chart.
    pub fn run(&self, chart: &Chart) -> Result<String, ShowError> {
        let all = self.format == Format::All;
        let mut out = String::new();
        if all || self.format == Format::Chart {
            out.push_str(&metadata_yaml(&chart.metadata, false).map_err(ShowError::Marshal)?);
            out.push('\n');
        }
        // Helm checks `chart.Values != nil`, which holds exactly when a values.yaml was loaded.
        let has_values = chart.raw.iter().any(|f| f.name == "values.yaml");
        if (all || self.format == Format::Values) && has_values {
            if all {
                out.push_str("---\n");
            }
            if let Some(template) = &self.json_path {
                // Helm ignores the printer's error, and the printer writes nothing on one.
                let path = JsonPath::parse(template).map_err(|message| ShowError::JsonPath {
                    template: template.clone(),
                    message,
                })?;
                out.push_str(&path.execute(&Value::Map(chart.values.clone())));
            } else {
                for f in chart.raw.iter().filter(|f| f.name == "values.yaml") {
                    out.push_str(&String::from_utf8_lossy(&f.data));
                    out.push('\n');
                }
            }
        }
        if all || self.format == Format::Readme {
            let readme = chart
                .files
                .iter()
                .find(|f| README_NAMES.iter().any(|n| f.name.eq_ignore_ascii_case(n)));
            if let Some(f) = readme {
                if all {
                    out.push_str("---\n");
                }
                out.push_str(&String::from_utf8_lossy(&f.data));
                out.push('\n');
            }
        }
        if all || self.format == Format::Crds {
            for crd in chart.crd_objects() {
                if !crd.file.data.starts_with(b"---") {
                    out.push_str("---\n");
                }
                out.push_str(&String::from_utf8_lossy(&crd.file.data));
                out.push('\n');
            }
        }
        Ok(out)
    }
}
