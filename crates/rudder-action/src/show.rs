//! Show: a chart's definition, values, README and CRDs as text (helm/helm
//! `pkg/action/show.go`).

use rudder_chart::{Chart, SaveError, metadata_yaml};

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
}

/// Helm looks for these names, ignoring case, among the chart's files, in chart file order.
const README_NAMES: [&str; 3] = ["readme.md", "readme.txt", "readme"];

impl Show {
    /// The text `helm show` prints for a loaded chart.
    pub fn run(&self, chart: &Chart) -> Result<String, SaveError> {
        let all = self.format == Format::All;
        let mut out = String::new();
        if all || self.format == Format::Chart {
            out.push_str(&metadata_yaml(&chart.metadata, false)?);
            out.push('\n');
        }
        // Helm checks `chart.Values != nil`, which holds exactly when a values.yaml was loaded.
        let has_values = chart.raw.iter().any(|f| f.name == "values.yaml");
        if (all || self.format == Format::Values) && has_values {
            if all {
                out.push_str("---\n");
            }
            for f in chart.raw.iter().filter(|f| f.name == "values.yaml") {
                out.push_str(&String::from_utf8_lossy(&f.data));
                out.push('\n');
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
