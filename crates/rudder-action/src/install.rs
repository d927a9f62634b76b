//! Install: the client-side part (`helm template`, `helm install --dry-run=client`), as
//! helm/helm `pkg/action/install.go` `RunWithContext` and `action.go` `renderResources`.

use std::fmt::Write as _;
use std::sync::Arc;

use rudder_chart::Chart;
use rudder_engine::{Capabilities, Engine, KubeVersion, Lookup, ReleaseOptions, to_render_values};
use rudder_release::{Hook, kind, manifest};
use rudder_value::Map;

use crate::name::is_valid_release_name;
use crate::postrender::{self, PostRenderer};
use crate::{Error, Result};

/// Options of an install (those that matter before the cluster is involved).
#[derive(Clone, Default)]
pub struct Install {
    /// The release name.
    pub release_name: String,
    /// The release namespace.
    pub namespace: String,
    /// `--is-upgrade`: render with `.Release.IsUpgrade` (template only).
    pub is_upgrade: bool,
    /// `--include-crds`: put the charts' `crds/` files in the manifest.
    pub include_crds: bool,
    /// `--kube-version`.
    pub kube_version: Option<String>,
    /// `--api-versions`, added to the default set.
    pub api_versions: Vec<String>,
    /// `--skip-schema-validation`.
    pub skip_schema_validation: bool,
    /// `--render-subchart-notes`.
    pub sub_notes: bool,
    /// `--enable-dns`.
    pub enable_dns: bool,
    /// Serves `lookup` (empty results when `None`).
    pub lookup: Option<Arc<dyn Lookup>>,
    /// `--post-renderer`: rewrites the rendered files before they are sorted.
    pub post_renderer: Option<Arc<dyn PostRenderer>>,
    /// Told about every warning as it happens (dependency conditions and tags, then values
    /// coalescing), so that a caller can print them where Helm logs them even when rendering
    /// fails later.
    pub on_warning: Option<WarningSink>,
}

/// Receives warnings as they happen ([`Install::on_warning`]).
pub type WarningSink = Arc<dyn Fn(&rudder_chart::Warning) + Send + Sync>;

/// What rendering produced.
#[derive(Clone, Debug, Default)]
pub struct Rendered {
    /// Every non-hook document as `---\n# Source: PATH\nDOC\n`, CRDs first when included.
    pub manifest: String,
    /// The same documents one by one, in the same order (for `--output-dir`).
    pub documents: Vec<Document>,
    /// The hooks, sorted by kind.
    pub hooks: Vec<Hook>,
    /// The rendered NOTES.txt (and subcharts' with `sub_notes`).
    pub notes: String,
    /// Warnings from coalescing values (`cannot overwrite table with non table ...`).
    pub warnings: Vec<String>,
}

/// One document of [`Rendered::manifest`].
#[derive(Clone, Debug, Default)]
pub struct Document {
    /// The template (or CRD file) that produced it.
    pub path: String,
    /// Its text.
    pub content: String,
    /// Whether it comes from a chart's `crds/` directory.
    pub crd: bool,
}

/// A failure, with whatever was rendered before it. Helm creates the release record just
/// before rendering, so a failure from rendering on carries a (partial) release and
/// `helm template` then adds `Use --debug flag to render out invalid YAML`.
#[derive(Debug)]
pub struct Failure {
    /// The error.
    pub error: Error,
    /// The partial result when the failure happened while rendering or sorting.
    pub partial: Option<Box<Rendered>>,
    /// Lines that explain the error beyond Helm's message (for a document that is not valid
    /// YAML: the offending rendered line and the template line that produced it).
    pub detail: Vec<String>,
}

impl From<Error> for Box<Failure> {
    fn from(error: Error) -> Self {
        Box::new(Failure {
            error,
            partial: None,
            detail: Vec::new(),
        })
    }
}

impl Install {
    /// The capabilities this install renders with: Helm's defaults, `--kube-version`, and
    /// `--api-versions` appended.
    pub fn capabilities(&self) -> Result<Capabilities> {
        let mut caps = Capabilities::default();
        if let Some(v) = &self.kube_version {
            caps.kube_version =
                KubeVersion::parse(v).ok_or_else(|| Error::InvalidKubeVersion(v.clone()))?;
        }
        caps.api_versions
            .0
            .extend(self.api_versions.iter().cloned());
        Ok(caps)
    }

    /// Renders `chart` with the user's `values` as an install would, without a cluster.
    pub fn render(&self, mut chart: Chart, values: &Map) -> Result<Rendered, Box<Failure>> {
        if chart.metadata.is_library() {
            return Err(Error::LibraryChart.into());
        }
        if !is_valid_release_name(&self.release_name) {
            return Err(Error::InvalidReleaseName {
                name: self.release_name.clone(),
            }
            .into());
        }
        let notify = |warnings: &[rudder_chart::Warning]| {
            if let Some(f) = &self.on_warning {
                for w in warnings {
                    f(w);
                }
            }
        };
        let dependency_warnings = rudder_chart::process_dependencies(&mut chart, values)
            .map_err(|e| Error::Dependencies(rudder_chart::helm_message(&e)))?;
        notify(&dependency_warnings);
        let caps = self.capabilities()?;
        let options = ReleaseOptions {
            name: self.release_name.clone(),
            namespace: self.namespace.clone(),
            revision: 1,
            is_install: !self.is_upgrade,
            is_upgrade: self.is_upgrade,
        };
        let (coalesced, warnings) = rudder_chart::coalesce_values(&chart, values)
            .map_err(|e| Error::Values(rudder_chart::helm_message(&e)))?;
        notify(&warnings);
        if !self.skip_schema_validation {
            rudder_chart::validate_against_schema(&chart, &coalesced)
                .map_err(|e| Error::Schema(rudder_chart::helm_message(&e)))?;
        }
        let top = to_render_values(&chart, &coalesced, &options, Some(&caps));
        let mut rendered = Rendered {
            warnings: warnings.iter().map(ToString::to_string).collect(),
            ..Rendered::default()
        };
        let mut detail = Vec::new();
        match self.render_resources(&chart, &top, &caps, &mut rendered, &mut detail) {
            Ok(()) => Ok(rendered),
            Err(error) => Err(Box::new(Failure {
                error,
                partial: Some(Box::new(rendered)),
                detail,
            })),
        }
    }

    fn render_resources(
        &self,
        chart: &Chart,
        top: &Map,
        caps: &Capabilities,
        out: &mut Rendered,
        detail: &mut Vec<String>,
    ) -> Result<()> {
        let constraint = chart.metadata.kube_version.as_str();
        if !constraint.is_empty() {
            let version = caps.kube_version.to_go_string();
            if !rudder_chart::is_compatible_range(constraint, &version) {
                return Err(Error::KubeVersion {
                    constraint: constraint.to_owned(),
                    version,
                });
            }
        }
        let engine = Engine {
            lookup: self.lookup.clone(),
            enable_dns: self.enable_dns,
            ..Engine::default()
        };
        let mut files = engine.render(chart, top).map_err(Error::Render)?;

        // NOTES.txt files are not manifests: take them out, keeping the root chart's (and the
        // subcharts' with --render-subchart-notes), shallowest first, then alphabetically.
        let root_notes = format!("{}/templates/NOTES.txt", chart.name());
        let mut notes: Vec<(String, String)> = Vec::new();
        files.retain(|path, content| {
            if !path.ends_with("NOTES.txt") {
                return true;
            }
            if self.sub_notes || *path == root_notes {
                notes.push((path.clone(), std::mem::take(content)));
            }
            false
        });
        notes.sort_by(|(a, _), (b, _)| {
            let depth = |s: &str| s.matches("/charts/").count();
            depth(a).cmp(&depth(b)).then_with(|| a.cmp(b))
        });
        for (_, text) in notes {
            if !out.notes.is_empty() {
                out.notes.push('\n');
            }
            out.notes.push_str(&text);
        }

        if let Some(pr) = &self.post_renderer {
            let merged = postrender::annotate_and_merge(&files).map_err(Error::PostRenderMerge)?;
            let output = pr.run(&merged).map_err(Error::PostRender)?;
            files = postrender::split_and_deannotate(&output).map_err(Error::PostRenderParse)?;
        }

        let sorted = match manifest::sort_manifests(&files, kind::INSTALL_ORDER) {
            Ok(sorted) => sorted,
            Err(e) => {
                *detail = crate::yaml_context::explain(chart, &files, &e);
                // Helm hands back every rendered file so that --debug can show the bad YAML.
                for (name, content) in &files {
                    if !content.trim().is_empty() {
                        let _ = write!(out.manifest, "---\n# Source: {name}\n{content}\n");
                    }
                }
                return Err(Error::Manifest(e));
            }
        };
        if self.include_crds {
            for crd in chart.crd_objects() {
                let content = String::from_utf8_lossy(&crd.file.data).into_owned();
                let _ = write!(out.manifest, "---\n# Source: {}\n{content}\n", crd.filename);
                out.documents.push(Document {
                    path: crd.filename.clone(),
                    content,
                    crd: true,
                });
            }
        }
        for m in &sorted.manifests {
            let _ = write!(out.manifest, "---\n# Source: {}\n{}\n", m.name, m.content);
            out.documents.push(Document {
                path: m.name.clone(),
                content: m.content.clone(),
                crd: false,
            });
        }
        out.hooks = sorted.hooks;
        Ok(())
    }
}
