//! `helm upgrade` (helm/helm `pkg/action/upgrade.go`): a new revision of a release from a
//! chart and values, applied over the current revision's resources.
//!
//! The last revision must not be `pending-*` (Helm's pessimistic lock: a concurrent upgrade
//! fails here, or when it stores the same revision number). Values follow `--reset-values`,
//! `--reuse-values`, `--reset-then-reuse-values` or, with none of them, the previous values
//! when none are given. The new revision is stored `pending-upgrade` before the cluster is
//! touched; pre-upgrade hooks run, resources are created, updated (server-side apply, or as
//! `--server-side` says: `auto` follows the last revision's apply method) and those dropped
//! from the chart deleted unless they carry `helm.sh/resource-policy: keep`; `--wait` waits,
//! post-upgrade hooks run, the previous revision becomes `superseded` and the new one
//! `deployed` (`Upgrade complete`). On failure the new revision is recorded `failed`
//! (`Upgrade "NAME" failed: ...`); `--cleanup-on-fail` deletes what it created and
//! `--rollback-on-failure` rolls back to the last successful revision.
//!
//! [`recover`] is Rudder's own: Helm has no way out when a killed process leaves the last
//! revision `pending-*`. It marks that revision `failed` with a description saying so, after
//! which upgrades and rollbacks proceed; [`Upgrade::recover`] does it as part of an upgrade.
//!
//! `--history-max` is applied by the storage: the caller sets
//! [`rudder_storage::Storage::max_history`] on the context before running the upgrade.

use std::collections::{BTreeMap, HashSet};
use std::sync::Arc;
use std::time::Duration;

use rudder_chart::Chart;
use rudder_engine::{Lookup, ReleaseOptions};
use rudder_kube::{
    ApplyOptions, ObjectRef, Propagation, Resource, UpdateOptions, WaitOptions, update_all,
};
use rudder_release::{HookEvent, Release, Status};
use rudder_storage::Error as StorageError;
use rudder_value::Map;
use rudder_value::strconv::quote;

use crate::context::Context;
use crate::error::{Error, Result};
use crate::install::{
    DEFAULT_TIMEOUT, DryRun, Install, WaitStrategy, WarningSink, apply_method_of, capabilities_of,
    check_labels, existing_resource_conflict, require_adoption, set_owner, step,
};
use crate::name::is_valid_release_name;
use crate::postrender::PostRenderer;

/// Options of an upgrade (Helm's `action.Upgrade`).
#[derive(Clone)]
pub struct Upgrade {
    /// `--install`: informative only, as in Helm (the command installs when there is no
    /// release).
    pub install: bool,
    /// `--timeout`: for each hook and for `--wait`.
    pub timeout: Duration,
    /// `--wait`.
    pub wait: WaitStrategy,
    /// `--wait-for-jobs`.
    pub wait_for_jobs: bool,
    /// `--no-hooks`.
    pub disable_hooks: bool,
    /// `--dry-run`.
    pub dry_run: DryRun,
    /// `--force-replace` (`--force`): replace objects instead of patching them.
    pub force_replace: bool,
    /// `--force-conflicts`.
    pub force_conflicts: bool,
    /// `--server-side`: `true`, `false` or `auto` (the last revision's apply method).
    pub server_side: String,
    /// `--reset-values`.
    pub reset_values: bool,
    /// `--reuse-values`.
    pub reuse_values: bool,
    /// `--reset-then-reuse-values`.
    pub reset_then_reuse_values: bool,
    /// `--rollback-on-failure` (`--atomic`).
    pub rollback_on_failure: bool,
    /// `--cleanup-on-fail`.
    pub cleanup_on_fail: bool,
    /// `--render-subchart-notes`.
    pub sub_notes: bool,
    /// `--skip-schema-validation`.
    pub skip_schema_validation: bool,
    /// `--description`.
    pub description: String,
    /// `--labels`: merged over the last revision's; a value `null` removes a label.
    pub labels: BTreeMap<String, String>,
    /// `--post-renderer`.
    pub post_renderer: Option<Arc<dyn PostRenderer>>,
    /// `--enable-dns`.
    pub enable_dns: bool,
    /// `--take-ownership`.
    pub take_ownership: bool,
    /// Serves `lookup`; the cluster when `None`.
    pub lookup: Option<Arc<dyn Lookup>>,
    /// Told about warnings from dependencies and values as they happen.
    pub on_warning: Option<WarningSink>,
    /// `--recover` (Rudder only): first mark a last revision left `pending-*` by an
    /// interrupted process as `failed` (see [`recover`]).
    pub recover: bool,
    /// `--hide-secret`: in a dry run, show `v1` Secrets as a `# HIDDEN` line.
    pub hide_secret: bool,
}

impl Default for Upgrade {
    fn default() -> Self {
        Upgrade {
            install: false,
            timeout: DEFAULT_TIMEOUT,
            wait: WaitStrategy::HookOnly,
            wait_for_jobs: false,
            disable_hooks: false,
            dry_run: DryRun::None,
            force_replace: false,
            force_conflicts: false,
            server_side: "auto".to_owned(),
            reset_values: false,
            reuse_values: false,
            reset_then_reuse_values: false,
            rollback_on_failure: false,
            cleanup_on_fail: false,
            sub_notes: false,
            skip_schema_validation: false,
            description: String::new(),
            labels: BTreeMap::new(),
            post_renderer: None,
            enable_dns: false,
            take_ownership: false,
            lookup: None,
            on_warning: None,
            recover: false,
            hide_secret: false,
        }
    }
}

/// The description [`recover`] gives a revision it marks failed.
pub fn recovered_description(status: Status) -> String {
    format!(
        "Marked failed by recovery: the operation that left this revision {status} did not finish (its process was interrupted)"
    )
}

/// Marks the last revision of `name` `failed` when it is `pending-install`,
/// `pending-upgrade` or `pending-rollback`, and returns it; `None` when nothing was pending.
/// Only for a revision whose operation is known to be dead: a live one would go on writing
/// to the cluster.
///
/// Errors: storage errors, [`StorageError::ReleaseNotFound`] when there is no such release.
pub fn recover(ctx: &Context, name: &str) -> Result<Option<Release>> {
    let mut last = match ctx.releases.last(name) {
        Ok(r) => r,
        Err(StorageError::NoRevision { .. }) => return Err(StorageError::ReleaseNotFound.into()),
        Err(e) => return Err(e.into()),
    };
    let Some(status) = last.info.status.filter(|s| s.is_pending()) else {
        return Ok(None);
    };
    last.set_status(Status::Failed, recovered_description(status));
    ctx.releases.update(&last)?;
    ctx.log(&format!(
        "recovered release name={name} revision={} previous_status={status}",
        last.version
    ));
    Ok(Some(last))
}

/// Helm's `mergeCustomLabels`: `desired` over `current`, and a value `null` removes the label.
fn merge_custom_labels(
    current: &BTreeMap<String, String>,
    desired: &BTreeMap<String, String>,
) -> BTreeMap<String, String> {
    let mut labels = current.clone();
    labels.extend(desired.iter().map(|(k, v)| (k.clone(), v.clone())));
    labels.retain(|_, v| v != "null");
    labels
}

/// The identity of an object across manifests (Helm's `objectKey`).
fn object_key(r: &ObjectRef) -> (String, String, String, String) {
    (
        r.api_version.clone(),
        r.kind.clone(),
        r.namespace.clone().unwrap_or_default(),
        r.name.clone(),
    )
}

/// Writes a revision back; like Helm's `recordRelease`, a failure is only logged.
fn record(ctx: &Context, release: &Release) {
    if let Err(e) = ctx.releases.update(release) {
        ctx.log(&format!(
            "warning: Failed to update release name={} error={}",
            release.name,
            rudder_kube::chain(&e)
        ));
    }
}

impl Upgrade {
    /// Upgrades release `name` to `chart` with the user's `values` and returns the new
    /// revision as stored (in a dry run, as it would be: `Dry run complete`).
    ///
    /// Errors, in Helm's words: the cluster unreachable, `release name is invalid: NAME`,
    /// `"NAME" has no deployed releases`, `another operation (install/upgrade/rollback) is in
    /// progress` ([`Error::Pending`]), values, rendering, labels, `--server-side`, building
    /// the objects, resources owned by others (`unable to continue with update: ...`),
    /// storage; then hooks (`pre-upgrade hooks failed: ...`), the update, the wait, after
    /// which the revision is recorded `failed`, cleaned up or rolled back as asked.
    pub fn run(&self, ctx: &Context, name: &str, chart: Chart, values: &Map) -> Result<Release> {
        ctx.kube
            .server_version()
            .map_err(|e| Error::Unreachable { source: e })?;
        if !is_valid_release_name(name) {
            return Err(Error::NameInvalid {
                prefix: "release name is invalid: ",
                name: name.to_owned(),
            });
        }
        ctx.log(&format!("preparing upgrade name={name}"));
        let (current, mut upgraded, server_side) = self.prepare(ctx, name, chart, values)?;
        ctx.log(&format!("performing update name={name}"));
        self.perform(ctx, current, &mut upgraded, server_side)?;
        if !self.dry_run.is_dry_run() {
            ctx.log(&format!("updating status for upgraded release name={name}"));
            ctx.releases.update(&upgraded)?;
        }
        Ok(upgraded)
    }

    fn wait_strategy(&self) -> WaitStrategy {
        if self.wait == WaitStrategy::HookOnly && self.rollback_on_failure {
            WaitStrategy::Watcher
        } else {
            self.wait
        }
    }

    /// Helm's `prepareUpgrade`: the current and the new revision, and whether to apply
    /// server-side.
    fn prepare(
        &self,
        ctx: &Context,
        name: &str,
        chart: Chart,
        values: &Map,
    ) -> Result<(Release, Release, bool)> {
        if !self.dry_run.is_dry_run() && self.hide_secret {
            return Err(Error::HideSecret);
        }
        if self.recover {
            // A release that does not exist fails below in Helm's words.
            match recover(ctx, name) {
                Ok(_) | Err(Error::Storage(StorageError::ReleaseNotFound)) => {}
                Err(e) => return Err(e),
            }
        }
        let no_deployed = || {
            Error::Storage(StorageError::NoDeployedReleases {
                name: name.to_owned(),
            })
        };
        let last = match ctx.releases.last(name) {
            Ok(r) => r,
            Err(StorageError::ReleaseNotFound | StorageError::NoRevision { .. }) => {
                return Err(no_deployed());
            }
            Err(e) => return Err(e.into()),
        };
        if last.info.status.is_some_and(Status::is_pending) {
            return Err(Error::Pending);
        }
        let current = if last.info.status == Some(Status::Deployed) {
            last.clone()
        } else {
            match ctx.releases.deployed(name) {
                Ok(r) => r,
                Err(StorageError::NoDeployedReleases { .. })
                    if matches!(last.info.status, Some(Status::Failed | Status::Superseded)) =>
                {
                    last.clone()
                }
                Err(e) => return Err(e.into()),
            }
        };

        let mut chart = chart;
        let values = self.reuse_values(ctx, &mut chart, &current, values)?;
        let warnings = rudder_chart::process_dependencies(&mut chart, &values)
            .map_err(|e| Error::Values(rudder_chart::helm_message(&e)))?;
        self.notify(&warnings);

        let revision = last.version + 1;
        let options = ReleaseOptions {
            name: name.to_owned(),
            namespace: current.namespace.clone(),
            revision,
            is_install: false,
            is_upgrade: true,
        };
        let caps = capabilities_of(&*ctx.kube)?;
        let renderer = Install {
            release_name: name.to_owned(),
            namespace: current.namespace.clone(),
            sub_notes: self.sub_notes,
            skip_schema_validation: self.skip_schema_validation,
            enable_dns: self.enable_dns,
            post_renderer: self.post_renderer.clone(),
            lookup: Some(self.lookup.clone().unwrap_or_else(|| {
                Arc::new(crate::install::KubeLookup(ctx.kube.clone())) as Arc<dyn Lookup>
            })),
            on_warning: self.on_warning.clone(),
            hide_secret: self.hide_secret,
            ..Install::default()
        };
        let rendered = renderer
            .render_with(chart.clone(), &values, &caps, &options, false)
            .map_err(|f| f.error)?;
        check_labels(&self.labels)?;

        let server_side =
            crate::rollback::server_side_value(&self.server_side, &last.apply_method)?;
        ctx.log(&format!(
            "determined release apply method server_side_apply={server_side} previous_release_apply_method={}",
            last.apply_method
        ));

        let mut upgraded = Release {
            name: name.to_owned(),
            namespace: current.namespace.clone(),
            chart: Some(chart),
            config: values,
            manifest: rendered.manifest,
            hooks: rendered.hooks,
            version: revision,
            labels: merge_custom_labels(&last.labels, &self.labels),
            apply_method: apply_method_of(server_side).to_owned(),
            ..Release::default()
        };
        upgraded.info.first_deployed = current.info.first_deployed;
        upgraded.info.last_deployed = Some(ctx.clock.now());
        upgraded.info.notes = rendered.notes;
        upgraded.set_status(Status::PendingUpgrade, "Preparing upgrade");
        ctx.kube.build(&upgraded.manifest)?;
        Ok((current, upgraded, server_side))
    }

    fn notify(&self, warnings: &[rudder_chart::Warning]) {
        if let Some(f) = &self.on_warning {
            for w in warnings {
                f(w);
            }
        }
    }

    /// Helm's `reuseValues`.
    fn reuse_values(
        &self,
        ctx: &Context,
        chart: &mut Chart,
        current: &Release,
        values: &Map,
    ) -> Result<Map> {
        if self.reset_values {
            ctx.log("resetting values to the chart's original version");
            return Ok(values.clone());
        }
        let mut warnings = Vec::new();
        if self.reuse_values {
            ctx.log("reusing the old release's values");
            // The old chart's defaults under the old values become the new chart's defaults.
            let old = match &current.chart {
                Some(old_chart) => {
                    let (old, w) = rudder_chart::coalesce_values(old_chart, &current.config)
                        .map_err(|e| {
                            step(
                                "failed to rebuild old values",
                                Error::Values(rudder_chart::helm_message(&e)),
                            )
                        })?;
                    warnings.extend(w);
                    old
                }
                None => current.config.clone(),
            };
            let merged = rudder_chart::coalesce_tables(values, &current.config, &mut warnings);
            chart.values = old;
            self.notify(&warnings);
            return Ok(merged);
        }
        if self.reset_then_reuse_values {
            ctx.log("merging values from old release to new values");
            let merged = rudder_chart::coalesce_tables(values, &current.config, &mut warnings);
            self.notify(&warnings);
            return Ok(merged);
        }
        if values.is_empty() && !current.config.is_empty() {
            ctx.log(&format!(
                "copying values from old release name={} version={}",
                current.name, current.version
            ));
            return Ok(current.config.clone());
        }
        Ok(values.clone())
    }

    /// Helm's `performUpgrade`.
    fn perform(
        &self,
        ctx: &Context,
        original: Release,
        upgraded: &mut Release,
        server_side: bool,
    ) -> Result<()> {
        let mut current = ctx.kube.build(&original.manifest).map_err(|e| {
            step(
                "unable to build kubernetes objects from current release manifest",
                e.into(),
            )
        })?;
        let mut target = ctx.kube.build(&upgraded.manifest).map_err(|e| {
            step(
                "unable to build kubernetes objects from new release manifest",
                e.into(),
            )
        })?;
        set_owner(&mut target, &upgraded.name, &upgraded.namespace);

        // New resources must not exist already unless they belong to this release (or are
        // adopted on request); those that do are updated like the release's own.
        let existing: HashSet<_> = current.iter().map(|r| object_key(&r.reference)).collect();
        let to_be_created: Vec<Resource> = target
            .iter()
            .filter(|r| !existing.contains(&object_key(&r.reference)))
            .cloned()
            .collect();
        let to_be_updated = if self.take_ownership {
            require_adoption(&*ctx.kube, &to_be_created)
        } else {
            existing_resource_conflict(
                &*ctx.kube,
                &to_be_created,
                &upgraded.name,
                &upgraded.namespace,
            )
        }
        .map_err(|e| step("unable to continue with update", e))?;
        current.extend(to_be_updated);

        if self.dry_run.is_dry_run() {
            ctx.log(&format!("dry run for release name={}", upgraded.name));
            upgraded.info.description = if self.description.is_empty() {
                "Dry run complete".to_owned()
            } else {
                self.description.clone()
            };
            return Ok(());
        }

        ctx.log(&format!("creating upgraded release name={}", upgraded.name));
        ctx.releases.create(upgraded)?;
        self.releasing(ctx, original, upgraded, &current, &target, server_side)
    }

    /// Helm's `releasingUpgrade`.
    fn releasing(
        &self,
        ctx: &Context,
        mut original: Release,
        upgraded: &mut Release,
        current: &[Resource],
        target: &[Resource],
        server_side: bool,
    ) -> Result<()> {
        if self.disable_hooks {
            ctx.log(&format!("upgrade hooks disabled name={}", upgraded.name));
        } else if let Err(e) = crate::hooks::exec_hooks(
            ctx,
            upgraded,
            HookEvent::PreUpgrade,
            self.timeout,
            server_side,
        ) {
            return Err(self.fail(ctx, upgraded, &[], step("pre-upgrade hooks failed", e)));
        }

        let options = UpdateOptions {
            apply: ApplyOptions {
                server_side,
                force_conflicts: self.force_conflicts,
                ..ApplyOptions::default()
            },
            force_replace: self.force_replace,
            // Moving a release from client-side to server-side apply hands the client-side
            // field entries to the apply manager (Helm's isReleaseApplyMethodClientSideApply).
            upgrade_client_side_field_manager: server_side
                && (original.apply_method.is_empty()
                    || original.apply_method == rudder_release::release::apply_method::CLIENT_SIDE),
            ..UpdateOptions::default()
        };
        let (changes, result) = update_all(&*ctx.kube, current, target, &options);
        if let Err(e) = result {
            record(ctx, &original);
            return Err(self.fail(ctx, upgraded, &changes.created, e.into()));
        }
        if self.wait_strategy().waits()
            && let Err(e) = ctx.kube.wait(
                target,
                &WaitOptions {
                    timeout: self.timeout,
                    wait_for_jobs: self.wait_for_jobs,
                },
            )
        {
            record(ctx, &original);
            return Err(self.fail(ctx, upgraded, &changes.created, e.into()));
        }
        if !self.disable_hooks
            && let Err(e) = crate::hooks::exec_hooks(
                ctx,
                upgraded,
                HookEvent::PostUpgrade,
                self.timeout,
                server_side,
            )
        {
            return Err(self.fail(
                ctx,
                upgraded,
                &changes.created,
                step("post-upgrade hooks failed", e),
            ));
        }

        // Helm changes only the status of the previous revision, not its description.
        original.info.status = Some(Status::Superseded);
        record(ctx, &original);
        upgraded.info.status = Some(Status::Deployed);
        upgraded.info.description = if self.description.is_empty() {
            "Upgrade complete".to_owned()
        } else {
            self.description.clone()
        };
        Ok(())
    }

    /// Helm's `failRelease` for upgrades.
    fn fail(&self, ctx: &Context, rel: &mut Release, created: &[ObjectRef], err: Error) -> Error {
        let message = rudder_kube::chain(&err);
        ctx.log(&format!("upgrade failed name={} error={message}", rel.name));
        rel.set_status(
            Status::Failed,
            format!("Upgrade {} failed: {message}", quote(&rel.name)),
        );
        record(ctx, rel);
        if self.cleanup_on_fail && !created.is_empty() {
            ctx.log(&format!(
                "cleanup on fail set cleaning_resources={}",
                created.len()
            ));
            let errors: Vec<rudder_kube::Error> = created
                .iter()
                .filter_map(|r| ctx.kube.delete(r, Propagation::Background).err())
                .collect();
            if !errors.is_empty() {
                return step(
                    format!(
                        "an error occurred while cleaning up resources. original upgrade error: {message}: unable to cleanup resources"
                    ),
                    Error::Kube(rudder_kube::Error::Several { errors }),
                );
            }
            ctx.log("resource cleanup complete");
        }
        if self.rollback_on_failure {
            ctx.log("Upgrade failed and rollback-on-failure is set, rolling back to previous successful release");
            let history = match ctx.releases.history(&rel.name) {
                Ok(h) => h,
                Err(e) => {
                    return step(
                        format!(
                            "an error occurred while finding last successful release. original upgrade error: {message}"
                        ),
                        e.into(),
                    );
                }
            };
            let Some(last_good) = history
                .iter()
                .filter(|r| matches!(r.info.status, Some(Status::Superseded | Status::Deployed)))
                .max_by_key(|r| r.version)
            else {
                return step(
                    "unable to find a previously successful release when attempting to rollback. original upgrade error",
                    err,
                );
            };
            let rollback = crate::rollback::Rollback {
                version: last_good.version,
                wait: self.wait_strategy().waits(),
                wait_for_jobs: self.wait_for_jobs,
                disable_hooks: self.disable_hooks,
                force_replace: self.force_replace,
                force_conflicts: self.force_conflicts,
                server_side: self.server_side.clone(),
                timeout: self.timeout,
                ..crate::rollback::Rollback::default()
            };
            if let Err(rollback_error) = rollback.run(ctx, &rel.name) {
                return step(
                    format!(
                        "an error occurred while rolling back the release. original upgrade error: {message}"
                    ),
                    rollback_error,
                );
            }
            return step(
                format!(
                    "release {} failed, and has been rolled back due to rollback-on-failure being set",
                    rel.name
                ),
                err,
            );
        }
        err
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::merge_custom_labels;

    #[test]
    fn custom_labels_merge_and_null_removes() {
        let map = |pairs: &[(&str, &str)]| -> BTreeMap<String, String> {
            pairs
                .iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                .collect()
        };
        assert_eq!(
            merge_custom_labels(
                &map(&[("a", "1"), ("b", "2")]),
                &map(&[("b", "null"), ("c", "3"), ("a", "9")])
            ),
            map(&[("a", "9"), ("c", "3")])
        );
    }
}
