//! The chart model (Helm's `pkg/chart/v2/chart.go`).

use rudder_value::{Bytes, Map};

use crate::metadata::{Lock, Metadata};

/// A file of a chart: its path relative to the chart directory and its bytes (a UTF-8 BOM is
/// already stripped, as Helm does).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct File {
    /// Slash-separated path inside the chart (`templates/deployment.yaml`).
    pub name: String,
    /// The contents.
    pub data: Bytes,
}

impl File {
    /// A file from a name and its bytes.
    pub fn new(name: impl Into<String>, data: impl Into<Bytes>) -> Self {
        File {
            name: name.into(),
            data: data.into(),
        }
    }
}

/// A CRD file of a chart or one of its subcharts (Helm's `chart.CRD`).
#[derive(Debug, Clone)]
pub struct Crd {
    /// The file's name inside its chart (`crds/foo.yaml`).
    pub name: String,
    /// The name prefixed by the chart's full path (`parent/charts/sub/crds/foo.yaml`).
    pub filename: String,
    /// The file.
    pub file: File,
}

/// A Helm chart: metadata, default values, templates, other files and subcharts.
///
/// Subcharts are owned by their parent. Helm keeps a parent pointer; Rudder keeps the names of
/// the ancestors instead ([`Chart::ancestors`]), which is all that template naming needs. They
/// are set by [`Chart::add_dependency`] and [`Chart::set_dependencies`].
#[derive(Debug, Clone, Default)]
pub struct Chart {
    /// The contents of `Chart.yaml` (plus `requirements.yaml` for apiVersion v1).
    pub metadata: Metadata,
    /// `Chart.lock` (or `requirements.lock` for v1).
    pub lock: Option<Lock>,
    /// Files under `templates/`, in load order.
    pub templates: Vec<File>,
    /// Default values from `values.yaml` (every document merged).
    pub values: Map,
    /// `values.schema.json`, when present.
    pub schema: Option<Bytes>,
    /// Every other file (what `.Files` sees), `crds/` included.
    pub files: Vec<File>,
    /// Every file as loaded, in load order (for `helm show`).
    pub raw: Vec<File>,
    /// Names of the ancestors, root first; empty for the root chart.
    pub ancestors: Vec<String>,
    dependencies: Vec<Chart>,
}

impl Chart {
    /// The chart's name (`metadata.name`).
    pub fn name(&self) -> &str {
        &self.metadata.name
    }

    /// The chart's `appVersion`.
    pub fn app_version(&self) -> &str {
        &self.metadata.app_version
    }

    /// True for a top-level chart.
    pub fn is_root(&self) -> bool {
        self.ancestors.is_empty()
    }

    /// The subcharts.
    pub fn dependencies(&self) -> &[Chart] {
        &self.dependencies
    }

    /// The subcharts, mutable. Re-parent with [`Chart::set_dependencies`] after renaming one.
    pub fn dependencies_mut(&mut self) -> &mut Vec<Chart> {
        &mut self.dependencies
    }

    /// Appends subcharts, making this chart their parent.
    pub fn add_dependency(&mut self, charts: impl IntoIterator<Item = Chart>) {
        let mut path = self.ancestors.clone();
        path.push(self.name().to_owned());
        for mut c in charts {
            c.reparent(&path);
            self.dependencies.push(c);
        }
    }

    /// Replaces the subcharts.
    pub fn set_dependencies(&mut self, charts: impl IntoIterator<Item = Chart>) {
        self.dependencies.clear();
        self.add_dependency(charts);
    }

    /// Recomputes the ancestor names of this chart's whole subtree.
    pub(crate) fn reparent(&mut self, ancestors: &[String]) {
        self.ancestors = ancestors.to_vec();
        let mut path = self.ancestors.clone();
        path.push(self.name().to_owned());
        for d in &mut self.dependencies {
            d.reparent(&path);
        }
    }

    /// Helm's `ChartPath`: names from the root, joined with `.`.
    pub fn chart_path(&self) -> String {
        let mut parts = self.ancestors.clone();
        parts.push(self.name().to_owned());
        parts.join(".")
    }

    /// Helm's `ChartFullPath`: names from the root, joined with `/charts/`
    /// (`parent/charts/sub`). Templates of this chart are named `<full path>/templates/...`.
    pub fn full_path(&self) -> String {
        let mut parts = self.ancestors.clone();
        parts.push(self.name().to_owned());
        parts.join("/charts/")
    }

    /// Files in `crds/` with a `.yaml`, `.yml` or `.json` extension, of this chart and then of
    /// each subchart (Helm's `CRDObjects`).
    pub fn crd_objects(&self) -> Vec<Crd> {
        let mut out = Vec::new();
        for f in &self.files {
            if f.name.starts_with("crds/") && has_manifest_extension(&f.name) {
                out.push(Crd {
                    name: f.name.clone(),
                    filename: format!("{}/{}", self.full_path(), f.name),
                    file: f.clone(),
                });
            }
        }
        for d in &self.dependencies {
            out.extend(d.crd_objects());
        }
        out
    }
}

/// Go's `filepath.Ext`: from the last `.` of the last path element.
pub(crate) fn extension(name: &str) -> &str {
    let base_start = name.rfind('/').map_or(0, |i| i + 1);
    match name[base_start..].rfind('.') {
        Some(i) => &name[base_start + i..],
        None => "",
    }
}

fn has_manifest_extension(name: &str) -> bool {
    let ext = extension(name);
    ext.eq_ignore_ascii_case(".yaml")
        || ext.eq_ignore_ascii_case(".yml")
        || ext.eq_ignore_ascii_case(".json")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn named(name: &str) -> Chart {
        let mut c = Chart::default();
        c.metadata.name = name.to_owned();
        c
    }

    #[test]
    fn full_path_joins_with_charts() {
        let mut sub = named("sub");
        sub.add_dependency([named("leaf")]);
        let mut root = named("root");
        root.add_dependency([sub]);
        let leaf = &root.dependencies()[0].dependencies()[0];
        assert_eq!(leaf.full_path(), "root/charts/sub/charts/leaf");
        assert_eq!(leaf.chart_path(), "root.sub.leaf");
        assert!(root.is_root());
    }

    #[test]
    fn crds_need_a_manifest_extension() {
        let mut c = named("c");
        c.files.push(File::new("crds/a.YAML", b"x".to_vec()));
        c.files.push(File::new("crds/b.txt", b"x".to_vec()));
        let crds = c.crd_objects();
        assert_eq!(crds.len(), 1);
        assert_eq!(crds[0].filename, "c/crds/a.YAML");
    }

    #[test]
    fn extension_is_of_the_last_element() {
        assert_eq!(extension("a.b/c"), "");
        assert_eq!(extension("a/c.tgz"), ".tgz");
    }
}
