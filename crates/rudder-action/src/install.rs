//! Install (helm/helm `pkg/action/install.go`, `RunWithContext`, and `action.go`
//! `renderResources`).
//!
//! [`Install::render`] is the client-side part (`helm template`, `helm install
//! --dry-run=client`). [`Install::run`] is the whole install on a cluster: the name check,
//! CRDs from `crds/` (created, then waited for until Established), rendering with the
//! cluster's capabilities, the existing-resource check (or `--take-ownership`), the release
//! stored as `pending-install`, pre-install hooks, the resources created (server-side apply
//! with field manager `helm` unless `server_side` is false), `--wait`, post-install hooks,
//! and the release recorded as `deployed` or `failed`; `--rollback-on-failure` uninstalls it
//! on failure.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::sync::Arc;
use std::time::Duration;

use rudder_chart::Chart;
use rudder_engine::{
    Capabilities, Engine, KubeVersion, Lookup, ParseAhead, ReleaseOptions, RenderedSink,
    VersionSet, to_render_values,
};
use rudder_kube::{
    ApplyOptions, KubeClient, ObjectRef, Resource, UpdateOptions, WaitOptions, create_all,
    update_all,
};
use rudder_release::{Hook, HookEvent, Release, Status, kind, manifest};
use rudder_value::Map;

use crate::context::Context;
use crate::early_heads::EarlyHeads;
use crate::name::is_valid_release_name;
use crate::postrender::{self, PostRenderer};
use crate::{Error, Result};

/// `--dry-run` (Helm's `DryRunStrategy`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum DryRun {
    /// No dry run: the operation happens.
    #[default]
    None,
    /// `--dry-run=client`: render without asking the cluster anything.
    Client,
    /// `--dry-run=server`: ask the cluster (capabilities, lookups, existing resources) but
    /// change nothing.
    Server,
}

impl DryRun {
    /// Whether the cluster is asked (Helm's `interactWithServer`).
    pub fn interacts_with_server(self) -> bool {
        self != DryRun::Client
    }

    /// Whether nothing is changed (Helm's `isDryRun`).
    pub fn is_dry_run(self) -> bool {
        self != DryRun::None
    }
}

/// `--wait` (Helm 4's `kube.WaitStrategy`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum WaitStrategy {
    /// `hookOnly`, the default: only hooks are waited for.
    #[default]
    HookOnly,
    /// `watcher` (`--wait` alone): every resource until it is ready.
    Watcher,
    /// `legacy`: Helm 3's polling waiter; Rudder waits the same way as `watcher`.
    Legacy,
}

impl WaitStrategy {
    /// Parses `--wait`'s value (`true` and `false` are Helm's deprecated spellings; the
    /// caller prints Helm's warning for them).
    pub fn parse(value: &str) -> Option<Self> {
        match value {
            "watcher" | "true" => Some(WaitStrategy::Watcher),
            "hookOnly" | "false" => Some(WaitStrategy::HookOnly),
            "legacy" => Some(WaitStrategy::Legacy),
            _ => None,
        }
    }

    /// Whether the release's resources are waited for.
    pub fn waits(self) -> bool {
        self != WaitStrategy::HookOnly
    }
}

/// Helm's default `--timeout`.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_mins(5);

/// Options of an install (Helm's `action.Install`).
#[derive(Clone)]
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
    /// `--dry-run`.
    pub dry_run: DryRun,
    /// `--create-namespace`.
    pub create_namespace: bool,
    /// `--replace`: reuse the name of a release that is uninstalled (with its history kept)
    /// or failed.
    pub replace: bool,
    /// `--wait`.
    pub wait: WaitStrategy,
    /// `--wait-for-jobs`.
    pub wait_for_jobs: bool,
    /// `--timeout`: for each hook and for `--wait`.
    pub timeout: Duration,
    /// `--description`.
    pub description: String,
    /// `--skip-crds`.
    pub skip_crds: bool,
    /// `--take-ownership`: adopt existing resources whoever owns them.
    pub take_ownership: bool,
    /// `--labels`: stored on the release record.
    pub labels: BTreeMap<String, String>,
    /// `--no-hooks`.
    pub disable_hooks: bool,
    /// `--rollback-on-failure` (`--atomic`): uninstall the release when the install fails.
    pub rollback_on_failure: bool,
    /// `--server-side`: server-side apply (Helm 4's default) or a plain create.
    pub server_side: bool,
    /// `--force-conflicts`.
    pub force_conflicts: bool,
    /// `--force-replace` (`--force`), used when adopted resources are updated.
    pub force_replace: bool,
    /// `--hide-secret`: in a dry run, show `v1` Secrets as a `# HIDDEN` line.
    pub hide_secret: bool,
    /// The process exits soon after rendering: memory that would only be freed is left to the
    /// operating system ([`Engine::leak_parsed`]).
    pub short_lived: bool,
}

impl Default for Install {
    fn default() -> Self {
        Install {
            release_name: String::new(),
            namespace: String::new(),
            is_upgrade: false,
            include_crds: false,
            kube_version: None,
            api_versions: Vec::new(),
            skip_schema_validation: false,
            sub_notes: false,
            enable_dns: false,
            lookup: None,
            post_renderer: None,
            on_warning: None,
            dry_run: DryRun::None,
            create_namespace: false,
            replace: false,
            wait: WaitStrategy::HookOnly,
            wait_for_jobs: false,
            timeout: DEFAULT_TIMEOUT,
            description: String::new(),
            skip_crds: false,
            take_ownership: false,
            labels: BTreeMap::new(),
            disable_hooks: false,
            rollback_on_failure: false,
            server_side: true,
            force_conflicts: false,
            force_replace: false,
            hide_secret: false,
            short_lived: false,
        }
    }
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
    pub fn render(&self, chart: Chart, values: &Map) -> Result<Rendered, Box<Failure>> {
        if chart.metadata.is_library() {
            return Err(Error::LibraryChart.into());
        }
        if !is_valid_release_name(&self.release_name) {
            return Err(Error::InvalidReleaseName {
                name: self.release_name.clone(),
            }
            .into());
        }
        let caps = self.capabilities()?;
        let options = ReleaseOptions {
            name: self.release_name.clone(),
            namespace: self.namespace.clone(),
            revision: 1,
            is_install: !self.is_upgrade,
            is_upgrade: self.is_upgrade,
        };
        self.render_with(chart, values, &caps, &options, true)
    }

    /// Renders with the given capabilities and release options (dependencies processed,
    /// values coalesced and validated against the schema, templates rendered and sorted).
    pub(crate) fn render_with(
        &self,
        mut chart: Chart,
        values: &Map,
        caps: &Capabilities,
        options: &ReleaseOptions,
        process_dependencies: bool,
    ) -> Result<Rendered, Box<Failure>> {
        let notify = |warnings: &[rudder_chart::Warning]| {
            if let Some(f) = &self.on_warning {
                for w in warnings {
                    f(w);
                }
            }
        };
        // Templates are parsed on a second core while dependencies, values and the schema
        // are dealt with; the render takes the trees whose name and text did not change.
        let ahead =
            (rudder_cores::cores() > 1).then(|| Arc::new(self.engine().parse_ahead(&chart)));
        if process_dependencies {
            let dependency_warnings = rudder_chart::process_dependencies(&mut chart, values)
                .map_err(|e| Error::Dependencies(rudder_chart::helm_message(&e)))?;
            notify(&dependency_warnings);
        }
        let (coalesced, warnings) = rudder_chart::coalesce_values(&chart, values)
            .map_err(|e| Error::Values(rudder_chart::helm_message(&e)))?;
        notify(&warnings);
        if !self.skip_schema_validation {
            rudder_chart::validate_against_schema(&chart, &coalesced)
                .map_err(|e| Error::Schema(rudder_chart::helm_message(&e)))?;
        }
        let top = to_render_values(&chart, &coalesced, options, Some(caps));
        let mut rendered = Rendered {
            warnings: warnings.iter().map(ToString::to_string).collect(),
            ..Rendered::default()
        };
        let mut detail = Vec::new();
        let result = self.render_resources(&chart, &top, caps, ahead, &mut rendered, &mut detail);
        if self.short_lived {
            // The chart's files and the values, freed piece by piece, were half a millisecond
            // of a large chart's `rudder template`; the process ends with the command.
            std::mem::forget(chart);
            std::mem::forget(coalesced);
            std::mem::forget(top);
        }
        match result {
            Ok(()) => Ok(rendered),
            Err(error) => Err(Box::new(Failure {
                error,
                partial: Some(Box::new(rendered)),
                detail,
            })),
        }
    }

    /// The engine this install renders with (the parts that decide which functions exist
    /// and what they do).
    fn engine(&self) -> Engine {
        Engine {
            lookup: self.lookup.clone(),
            enable_dns: self.enable_dns,
            ..Engine::default()
        }
    }

    fn render_resources(
        &self,
        chart: &Chart,
        top: &Map,
        caps: &Capabilities,
        ahead: Option<Arc<ParseAhead>>,
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
        // Without a post-renderer the rendered text is what gets sorted: each template's heads
        // are read by the thread that rendered it, as soon as it has.
        let early = self
            .post_renderer
            .is_none()
            .then(|| Arc::new(EarlyHeads::default()));
        let engine = Engine {
            leak_parsed: self.short_lived,
            on_rendered: early.clone().map(|early| {
                Arc::new(move |path: &str, text: &str| early.read(path, text)) as RenderedSink
            }),
            parsed_ahead: ahead,
            ..self.engine()
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

        let early_head = |path: &str, index: usize, doc: &str| {
            early
                .as_ref()
                .and_then(|early| early.take(path, index, doc))
        };
        let sorted = match manifest::sort_manifests_with(&files, kind::INSTALL_ORDER, &early_head) {
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
        // `---\n# Source: ` and two line breaks around each document, written once.
        out.manifest.reserve(
            sorted
                .manifests
                .iter()
                .map(|m| m.name.len() + m.content.len() + 16)
                .sum(),
        );
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
        for m in sorted.manifests {
            if self.hide_secret && m.head.kind == "Secret" && m.head.api_version == "v1" {
                let _ = write!(
                    out.manifest,
                    "---\n# Source: {}\n# HIDDEN: The Secret output has been suppressed\n",
                    m.name
                );
                continue;
            }
            let _ = write!(out.manifest, "---\n# Source: {}\n{}\n", m.name, m.content);
            out.documents.push(Document {
                path: m.name,
                content: m.content,
                crd: false,
            });
        }
        out.hooks = sorted.hooks;
        if self.short_lived {
            // As the chart in `render_with`: the process ends with the command.
            std::mem::forget(files);
            std::mem::forget(early);
        }
        Ok(())
    }
}

/// The label Helm puts on every resource of a release.
pub const MANAGED_BY_LABEL: &str = "app.kubernetes.io/managed-by";
/// The annotation naming a resource's release.
pub const RELEASE_NAME_ANNOTATION: &str = "meta.helm.sh/release-name";
/// The annotation naming a resource's release namespace.
pub const RELEASE_NAMESPACE_ANNOTATION: &str = "meta.helm.sh/release-namespace";

impl Install {
    /// Installs `chart` with the user's `values` as release [`Install::release_name`] in
    /// [`Install::namespace`] (Helm's `RunWithContext`), and returns the release as stored.
    /// In a dry run nothing is stored or changed and the release says `Dry run complete`.
    ///
    /// Errors, in Helm's words and order: the cluster unreachable, the name invalid or in use
    /// (`release name check failed: ...`), dependencies, CRDs (`failed to install CRD ...`),
    /// capabilities, values, the schema, system labels, rendering, building the objects,
    /// resources that exist and belong to no release or another one (`unable to continue with
    /// install: ...`), storage; then the failures of hooks (`failed pre-install: ...`), of
    /// creating and of waiting, after which the release is recorded `failed` (or uninstalled
    /// with `rollback_on_failure`, `release NAME failed, and has been uninstalled ...`).
    pub fn run(&self, ctx: &Context, chart: Chart, values: &Map) -> Result<Release> {
        let server = self.dry_run.interacts_with_server();
        if server && let Err(e) = ctx.kube.server_version() {
            let e = Error::Unreachable { source: e };
            ctx.log(&format!(
                "cluster reachability check failed: {}",
                rudder_kube::chain(&e)
            ));
            return Err(step("cluster reachability check failed", e));
        }
        if !self.dry_run.is_dry_run() && self.hide_secret {
            ctx.log("hiding Kubernetes secrets requires a dry-run mode");
            return Err(Error::HideSecret);
        }
        if chart.metadata.is_library() {
            return Err(Error::LibraryChart);
        }
        self.available_name(ctx)?;

        let mut chart = chart;
        let dependency_warnings = rudder_chart::process_dependencies(&mut chart, values)
            .map_err(|e| Error::Dependencies(rudder_chart::helm_message(&e)))?;
        if let Some(f) = &self.on_warning {
            for w in &dependency_warnings {
                f(w);
            }
        }

        // CRDs go in before the capabilities are read, so that the chart sees their kinds.
        let crds = chart.crd_objects();
        if server && !self.skip_crds && !crds.is_empty() {
            if self.dry_run.is_dry_run() {
                ctx.log("This chart or one of its subcharts contains CRDs. Rendering may fail or contain inaccuracies.");
            } else {
                self.install_crds(ctx, &crds)?;
            }
        }

        let caps = if server {
            if !self.api_versions.is_empty() {
                ctx.log(
                    "API Version list given outside of client only mode, this list will be ignored",
                );
            }
            capabilities_of(&*ctx.kube)?
        } else {
            self.capabilities()?
        };

        let is_upgrade = self.is_upgrade && self.dry_run.is_dry_run();
        let options = ReleaseOptions {
            name: self.release_name.clone(),
            namespace: self.namespace.clone(),
            revision: 1,
            is_install: !is_upgrade,
            is_upgrade,
        };
        check_labels(&self.labels)?;

        let mut renderer = self.clone();
        if server && renderer.lookup.is_none() {
            renderer.lookup = Some(Arc::new(KubeLookup(ctx.kube.clone())));
        }
        let rendered = renderer
            .render_with(chart.clone(), values, &caps, &options, false)
            .map_err(|f| f.error)?;

        let now = ctx.clock.now();
        let mut rel = Release {
            name: self.release_name.clone(),
            namespace: self.namespace.clone(),
            chart: Some(chart),
            config: values.clone(),
            manifest: rendered.manifest,
            hooks: rendered.hooks,
            version: 1,
            labels: self.labels.clone(),
            apply_method: apply_method_of(self.server_side).to_owned(),
            ..Release::default()
        };
        rel.info.first_deployed = Some(now);
        rel.info.last_deployed = Some(now);
        rel.info.notes = rendered.notes;
        rel.set_status(Status::PendingInstall, "Initial install underway");

        let mut resources = ctx.kube.build(&rel.manifest).map_err(|e| {
            step(
                "unable to build kubernetes objects from release manifest",
                e.into(),
            )
        })?;
        set_owner(&mut resources, &rel.name, &rel.namespace);

        // Resources that exist already would be deleted with this release later, so they must
        // belong to it already (or be adopted on request).
        let mut to_be_adopted = Vec::new();
        if server && !is_upgrade && !resources.is_empty() {
            to_be_adopted = if self.take_ownership {
                require_adoption(&*ctx.kube, &resources)
            } else {
                existing_resource_conflict(&*ctx.kube, &resources, &rel.name, &rel.namespace)
            }
            .map_err(|e| step("unable to continue with install", e))?;
        }

        if self.dry_run.is_dry_run() {
            "Dry run complete".clone_into(&mut rel.info.description);
            return Ok(rel);
        }

        if self.create_namespace {
            self.create_namespace(ctx)?;
        }
        if self.replace {
            replace_release(ctx, &mut rel)?;
        }
        ctx.releases.create(&rel)?;

        match self.perform_install(ctx, &mut rel, &to_be_adopted, &resources) {
            Ok(()) => Ok(rel),
            Err(e) => Err(self.fail_release(ctx, &mut rel, e)),
        }
    }

    fn wait_strategy(&self) -> WaitStrategy {
        // Helm turns waiting on when the release is to be rolled back on failure.
        if self.wait == WaitStrategy::HookOnly && self.rollback_on_failure {
            WaitStrategy::Watcher
        } else {
            self.wait
        }
    }

    fn perform_install(
        &self,
        ctx: &Context,
        rel: &mut Release,
        to_be_adopted: &[Resource],
        resources: &[Resource],
    ) -> Result<()> {
        if !self.disable_hooks {
            crate::hooks::exec_hooks(
                ctx,
                rel,
                HookEvent::PreInstall,
                self.timeout,
                self.server_side,
            )
            .map_err(|e| step("failed pre-install", e))?;
        }
        let apply = ApplyOptions {
            server_side: self.server_side,
            ..ApplyOptions::default()
        };
        if to_be_adopted.is_empty() && !resources.is_empty() {
            create_all(&*ctx.kube, resources, &apply).1?;
        } else if !resources.is_empty() {
            let options = UpdateOptions {
                apply: ApplyOptions {
                    force_conflicts: self.force_conflicts,
                    ..apply
                },
                force_replace: self.force_replace,
                // Helm: a three-way merge when taking ownership client-side, and the field
                // manager's client-side entries moved to its apply entry.
                three_way_merge_for_unstructured: self.take_ownership && !self.server_side,
                upgrade_client_side_field_manager: true,
            };
            update_all(&*ctx.kube, to_be_adopted, resources, &options).1?;
        }
        if self.wait_strategy().waits() {
            ctx.kube.wait(
                resources,
                &WaitOptions {
                    timeout: self.timeout,
                    wait_for_jobs: self.wait_for_jobs,
                },
            )?;
        }
        if !self.disable_hooks {
            crate::hooks::exec_hooks(
                ctx,
                rel,
                HookEvent::PostInstall,
                self.timeout,
                self.server_side,
            )
            .map_err(|e| step("failed post-install", e))?;
        }
        let description = if self.description.is_empty() {
            "Install complete"
        } else {
            &self.description
        };
        rel.set_status(Status::Deployed, description);
        // The resources exist; a record that cannot be written is only logged, as in Helm.
        if let Err(e) = ctx.releases.update(rel) {
            ctx.log(&format!(
                "failed to record the release: {}",
                rudder_kube::chain(&e)
            ));
        }
        Ok(())
    }

    fn fail_release(&self, ctx: &Context, rel: &mut Release, err: Error) -> Error {
        rel.set_status(
            Status::Failed,
            format!(
                "Release {} failed: {}",
                rudder_value::strconv::quote(&self.release_name),
                rudder_kube::chain(&err)
            ),
        );
        if self.rollback_on_failure {
            ctx.log(&format!(
                "install failed and rollback-on-failure is set, uninstalling release release={}",
                self.release_name
            ));
            let uninstall = crate::uninstall::Uninstall {
                disable_hooks: self.disable_hooks,
                keep_history: false,
                timeout: self.timeout,
                wait: self.wait_strategy().waits(),
                ..crate::uninstall::Uninstall::default()
            };
            if let Err(uninstall_error) = uninstall.run(ctx, &self.release_name) {
                return step(
                    format!(
                        "an error occurred while uninstalling the release. original install error: {}",
                        rudder_kube::chain(&err)
                    ),
                    uninstall_error,
                );
            }
            return step(
                format!(
                    "release {} failed, and has been uninstalled due to rollback-on-failure being set",
                    self.release_name
                ),
                err,
            );
        }
        // The original error matters more than a failure to record it.
        let _ = ctx.releases.update(rel);
        err
    }

    /// Helm's `availableName`: valid, and unused unless `replace` allows reusing an
    /// uninstalled or failed release's name. A dry run only checks validity.
    fn available_name(&self, ctx: &Context) -> Result<()> {
        let name = &self.release_name;
        if !is_valid_release_name(name) {
            return Err(Error::InvalidReleaseName { name: name.clone() });
        }
        if self.dry_run.is_dry_run() {
            return Ok(());
        }
        let Ok(history) = ctx.releases.history(name) else {
            return Ok(());
        };
        let Some(last) = history.iter().max_by_key(|r| r.version) else {
            return Ok(());
        };
        let status = last.info.status;
        if self.replace && matches!(status, Some(Status::Uninstalled | Status::Failed)) {
            return Ok(());
        }
        Err(Error::NameInUse)
    }

    /// `--create-namespace`: the namespace with Helm's `name` label; one that exists is fine.
    fn create_namespace(&self, ctx: &Context) -> Result<()> {
        let manifest = format!(
            "apiVersion: v1\nkind: Namespace\nmetadata:\n  labels:\n    name: {ns}\n  name: {ns}\n",
            ns = self.namespace
        );
        let resources = ctx.kube.build(&manifest)?;
        let apply = ApplyOptions {
            server_side: self.server_side,
            ..ApplyOptions::default()
        };
        match create_all(&*ctx.kube, &resources, &apply).1 {
            Err(e) if !e.is_already_exists() => Err(e.into()),
            _ => Ok(()),
        }
    }

    /// Helm's `installCRDs`: each file of `crds/` in turn, a CRD that exists already is
    /// skipped, then every created one is waited for until it is Established (Rudder waits
    /// whatever `--wait` says; Helm 4's default `hookOnly` waiter skips this wait, and the
    /// chart's custom resources can then fail to build).
    fn install_crds(&self, ctx: &Context, crds: &[rudder_chart::Crd]) -> Result<()> {
        let mut created = Vec::new();
        let crd_error = |name: &str, e: Error| step(format!("failed to install CRD {name}"), e);
        for crd in crds {
            let text = String::from_utf8_lossy(&crd.file.data);
            let resources = ctx
                .kube
                .build(&text)
                .map_err(|e| crd_error(&crd.name, e.into()))?;
            if resources.is_empty() {
                return Err(Error::CrdEmpty {
                    name: crd.name.clone(),
                });
            }
            let apply = ApplyOptions {
                server_side: self.server_side,
                force_conflicts: self.force_conflicts,
                ..ApplyOptions::default()
            };
            match create_all(&*ctx.kube, &resources, &apply).1 {
                Ok(()) => created.extend(resources),
                Err(e) if e.is_already_exists() => {
                    ctx.log(&format!(
                        "CRD is already present. Skipping crd={}",
                        crd.name
                    ));
                }
                Err(e) => return Err(crd_error(&crd.name, e.into())),
            }
        }
        if !created.is_empty() {
            ctx.kube.wait(
                &created,
                &WaitOptions {
                    timeout: Duration::from_mins(1),
                    wait_for_jobs: false,
                },
            )?;
        }
        Ok(())
    }
}

/// Wraps an error in Helm's words for the step that failed.
pub(crate) fn step(context: impl Into<String>, source: Error) -> Error {
    Error::Step {
        context: context.into(),
        source: Box::new(source),
    }
}

/// The apply method recorded on a release (Helm's `determineReleaseSSApplyMethod`).
pub(crate) fn apply_method_of(server_side: bool) -> &'static str {
    if server_side {
        rudder_release::release::apply_method::SERVER_SIDE
    } else {
        rudder_release::release::apply_method::CLIENT_SIDE
    }
}

/// Fails when user labels use a name the storage drivers reserve.
pub(crate) fn check_labels(labels: &BTreeMap<String, String>) -> Result<()> {
    if rudder_storage::contains_system_labels(labels) {
        return Err(Error::SystemLabels);
    }
    Ok(())
}

/// `.Capabilities` as the cluster reports them (Helm's `getCapabilities`).
pub(crate) fn capabilities_of(kube: &dyn KubeClient) -> Result<Capabilities> {
    let version = kube.server_version().map_err(|e| {
        step(
            "could not get server version from Kubernetes",
            Error::Kube(e),
        )
    })?;
    // rudder-kube skips a group version whose resources cannot be listed, as Helm's
    // GetVersionSet does; the list of groups itself can still fail for a moment while an
    // aggregated API or a CRD goes away, so ask again a few times before giving up.
    let mut attempt = 0;
    let api_versions = loop {
        match kube.api_versions() {
            Ok(v) => break v,
            Err(_) if attempt < 5 => {
                attempt += 1;
                std::thread::sleep(Duration::from_millis(200));
            }
            Err(e) => {
                return Err(step(
                    "could not get apiVersions from Kubernetes",
                    Error::Kube(e),
                ));
            }
        }
    };
    let mut kube_version = KubeVersion::parse(&version.git_version).unwrap_or(KubeVersion {
        version: String::new(),
        normalized: String::new(),
        major: String::new(),
        minor: String::new(),
    });
    kube_version.version.clone_from(&version.git_version);
    kube_version.major = version.major;
    kube_version.minor = version.minor;
    Ok(Capabilities {
        kube_version,
        api_versions: VersionSet(api_versions),
        ..Capabilities::default()
    })
}

/// `lookup` served by the action's cluster.
pub(crate) struct KubeLookup(pub(crate) Arc<dyn KubeClient>);

impl Lookup for KubeLookup {
    fn lookup(
        &self,
        api_version: &str,
        kind: &str,
        namespace: &str,
        name: &str,
    ) -> std::result::Result<Map, String> {
        rudder_kube::ClusterLookup::new(&*self.0).lookup(api_version, kind, namespace, name)
    }
}

/// Adds Helm's ownership label and annotations to each resource, replacing other owners
/// (Helm's `setMetadataVisitor` with `forceOwnership`).
pub(crate) fn set_owner(resources: &mut [Resource], name: &str, namespace: &str) {
    use serde_json::{Map as JsonMap, Value};
    for r in resources {
        let Some(metadata) = r
            .object
            .as_object_mut()
            .and_then(|o| o.get_mut("metadata"))
            .and_then(Value::as_object_mut)
        else {
            continue;
        };
        let mut put = |field: &str, key: &str, value: &str| {
            let entry = metadata
                .entry(field)
                .or_insert_with(|| Value::Object(JsonMap::new()));
            if !entry.is_object() {
                *entry = Value::Object(JsonMap::new());
            }
            if let Some(map) = entry.as_object_mut() {
                map.insert(key.to_owned(), Value::String(value.to_owned()));
            }
        };
        put("labels", MANAGED_BY_LABEL, "Helm");
        put("annotations", RELEASE_NAME_ANNOTATION, name);
        put("annotations", RELEASE_NAMESPACE_ANNOTATION, namespace);
    }
}

/// Helm's `resourceString`: `Kind "name" in namespace "ns"`.
fn resource_string(r: &ObjectRef) -> String {
    let q = rudder_value::strconv::quote;
    format!(
        "{} {} in namespace {}",
        r.kind,
        q(&r.name),
        q(r.namespace.as_deref().unwrap_or_default())
    )
}

/// Helm's `validateNameAndGenerateName`: `true` for an object named by the server.
fn generated_name(r: &Resource) -> Result<bool> {
    let generate = rudder_kube::str_at(&r.object, &["metadata", "generateName"])
        .is_some_and(|g| !g.is_empty());
    match (r.reference.name.is_empty(), generate) {
        (true, true) => Ok(true),
        (false, true) => Err(Error::NameAndGenerateName),
        _ => Ok(false),
    }
}

/// The resources among `resources` that exist in the cluster (Helm's `requireAdoption`).
pub(crate) fn require_adoption(
    kube: &dyn KubeClient,
    resources: &[Resource],
) -> Result<Vec<Resource>> {
    let mut existing = Vec::new();
    for r in resources {
        if generated_name(r)? {
            continue;
        }
        match kube.get(&r.reference) {
            Ok(None) => {}
            Ok(Some(_)) => existing.push(r.clone()),
            Err(e) => {
                return Err(step(
                    format!(
                        "could not get information about the resource {}",
                        resource_string(&r.reference)
                    ),
                    e.into(),
                ));
            }
        }
    }
    Ok(existing)
}

/// The resources among `resources` that exist and already belong to this release; one that
/// exists without Helm's ownership metadata for this release is an error (Helm's
/// `existingResourceConflict`).
pub(crate) fn existing_resource_conflict(
    kube: &dyn KubeClient,
    resources: &[Resource],
    name: &str,
    namespace: &str,
) -> Result<Vec<Resource>> {
    let mut existing = Vec::new();
    for r in resources {
        if generated_name(r)? {
            continue;
        }
        let current = match kube.get(&r.reference) {
            Ok(None) => continue,
            Ok(Some(current)) => current,
            Err(e) => {
                return Err(step(
                    format!(
                        "could not get information about the resource {}",
                        resource_string(&r.reference)
                    ),
                    e.into(),
                ));
            }
        };
        let reasons = ownership_problems(&current, name, namespace);
        if !reasons.is_empty() {
            return Err(Error::ResourceExists {
                resource: resource_string(&r.reference),
                reasons,
            });
        }
        existing.push(r.clone());
    }
    Ok(existing)
}

/// Helm's `checkOwnership`: what is wrong with an object's ownership metadata.
fn ownership_problems(object: &serde_json::Value, name: &str, namespace: &str) -> Vec<String> {
    let q = rudder_value::strconv::quote;
    let require = |field: &str, key: &str, want: &str| -> Option<String> {
        match rudder_kube::value_at(object, &["metadata", field, key]) {
            None => Some(format!(
                "missing key {}: must be set to {}",
                q(key),
                q(want)
            )),
            Some(v) => {
                let actual = v.as_str().unwrap_or_default();
                (actual != want).then(|| {
                    format!(
                        "key {} must equal {}: current value is {}",
                        q(key),
                        q(want),
                        q(actual)
                    )
                })
            }
        }
    };
    let mut problems = Vec::new();
    if let Some(p) = require("labels", MANAGED_BY_LABEL, "Helm") {
        problems.push(format!("label validation error: {p}"));
    }
    if let Some(p) = require("annotations", RELEASE_NAME_ANNOTATION, name) {
        problems.push(format!("annotation validation error: {p}"));
    }
    if let Some(p) = require("annotations", RELEASE_NAMESPACE_ANNOTATION, namespace) {
        problems.push(format!("annotation validation error: {p}"));
    }
    problems
}

/// Helm's `replaceRelease`: the new release takes the next revision, and the last one
/// becomes `superseded` unless it failed.
fn replace_release(ctx: &Context, rel: &mut Release) -> Result<()> {
    let Ok(history) = ctx.releases.history(&rel.name) else {
        return Ok(());
    };
    let Some(mut last) = history.into_iter().max_by_key(|r| r.version) else {
        return Ok(());
    };
    rel.version = last.version + 1;
    if last.info.status == Some(Status::Failed) {
        return Ok(());
    }
    last.set_status(Status::Superseded, "superseded by new release");
    ctx.releases.update(&last)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::{DryRun, WaitStrategy, ownership_problems, resource_string};
    use rudder_kube::ObjectRef;

    #[test]
    fn ownership_problems_are_worded_as_helms() {
        let foreign = json!({"metadata": {"name": "a"}});
        assert_eq!(
            ownership_problems(&foreign, "web", "ns"),
            [
                "label validation error: missing key \"app.kubernetes.io/managed-by\": must be set to \"Helm\"",
                "annotation validation error: missing key \"meta.helm.sh/release-name\": must be set to \"web\"",
                "annotation validation error: missing key \"meta.helm.sh/release-namespace\": must be set to \"ns\"",
            ]
        );
        let owned = json!({"metadata": {
            "labels": {"app.kubernetes.io/managed-by": "Helm"},
            "annotations": {"meta.helm.sh/release-name": "web", "meta.helm.sh/release-namespace": "other"},
        }});
        assert_eq!(
            ownership_problems(&owned, "web", "ns"),
            [
                "annotation validation error: key \"meta.helm.sh/release-namespace\" must equal \"ns\": current value is \"other\""
            ]
        );
        assert!(ownership_problems(&owned, "web", "other").is_empty());
        assert_eq!(
            resource_string(&ObjectRef::new("v1", "Namespace", None, "x")),
            "Namespace \"x\" in namespace \"\""
        );
    }

    #[test]
    fn wait_and_dry_run_strategies() {
        assert_eq!(WaitStrategy::parse("true"), Some(WaitStrategy::Watcher));
        assert_eq!(WaitStrategy::parse("false"), Some(WaitStrategy::HookOnly));
        assert_eq!(WaitStrategy::parse("legacy"), Some(WaitStrategy::Legacy));
        assert_eq!(WaitStrategy::parse("soon"), None);
        assert!(!WaitStrategy::HookOnly.waits());
        assert!(DryRun::Server.interacts_with_server() && DryRun::Server.is_dry_run());
        assert!(!DryRun::Client.interacts_with_server());
        assert!(!DryRun::None.is_dry_run());
    }
}
