//! `helm rollback` (Helm's `pkg/action/rollback.go`): a new revision that copies an older
//! one's chart, values, manifest and hooks, applied over the current revision's resources.
//!
//! The new revision is stored as `pending-rollback` with the description `Rollback to N`
//! before anything touches the cluster. Pre-rollback hooks run, the resources are updated
//! (server-side apply unless the target revision was applied client-side, or as
//! `--server-side` says), `--wait` waits for them, post-rollback hooks run, every revision that
//! was deployed becomes `superseded` and the new one `deployed`. A failed update marks the new
//! revision `failed` (`Rollback "NAME" failed: ...`) and the current one `superseded`, as Helm
//! does.
//!
//! Like Helm, rollback has no guard against a pending operation; recovering a release left
//! `pending-*` by a killed process is one of its uses.

use std::time::Duration;

use rudder_kube::{ApplyOptions, Propagation, UpdateOptions, WaitOptions, update_all};
use rudder_release::release::apply_method;
use rudder_release::{HookEvent, Info, Release, Status};
use rudder_storage::Error as StorageError;

use crate::context::Context;
use crate::error::{Error, Result};
use crate::hooks;
use crate::name::is_valid_release_name;

/// Options of a rollback (Helm's `action.Rollback`).
#[derive(Clone, Debug)]
pub struct Rollback {
    /// The revision to roll back to; 0 means the one before the last.
    pub version: i64,
    /// `--timeout`: for each hook and for `--wait`.
    pub timeout: Duration,
    /// `--wait` (any strategy but `hookOnly`): wait until the resources are ready.
    pub wait: bool,
    /// `--wait-for-jobs`: with `wait`, Jobs must complete too.
    pub wait_for_jobs: bool,
    /// `--no-hooks`.
    pub disable_hooks: bool,
    /// `--dry-run`: prepare the revision but store and apply nothing.
    pub dry_run: bool,
    /// `--force-replace` (and the deprecated `--force`): replace objects instead of patching.
    pub force_replace: bool,
    /// `--force-conflicts`: take over fields other managers own.
    pub force_conflicts: bool,
    /// `--server-side`: `true`, `false` or `auto` (the target revision's apply method).
    pub server_side: String,
    /// `--cleanup-on-fail`: delete the resources this rollback created when it fails.
    pub cleanup_on_fail: bool,
}

impl Default for Rollback {
    fn default() -> Self {
        Rollback {
            version: 0,
            timeout: Duration::from_mins(5),
            wait: false,
            wait_for_jobs: false,
            disable_hooks: false,
            dry_run: false,
            force_replace: false,
            force_conflicts: false,
            server_side: "auto".to_owned(),
            cleanup_on_fail: false,
        }
    }
}

/// Helm's `getUpgradeServerSideValue`: `auto` follows how the release was applied before.
///
/// Errors: [`Error::ServerSideValue`] for anything but `true`, `false` and `auto`.
pub fn server_side_value(option: &str, release_apply_method: &str) -> Result<bool> {
    match option {
        "auto" => Ok(release_apply_method == apply_method::SERVER_SIDE),
        "false" => Ok(false),
        "true" => Ok(true),
        other => Err(Error::ServerSideValue {
            value: other.to_owned(),
        }),
    }
}

/// The apply method recorded on a release (Helm's `determineReleaseSSApplyMethod`).
pub fn apply_method_of(server_side: bool) -> &'static str {
    if server_side {
        apply_method::SERVER_SIDE
    } else {
        apply_method::CLIENT_SIDE
    }
}

impl Rollback {
    /// Rolls release `name` back and returns the new revision as stored (in a dry run, as it
    /// would be stored, still `pending-rollback`).
    ///
    /// Errors: [`Error::NameInvalid`], [`Error::InvalidRevision`], a storage error when the
    /// release has no revision, [`Error::NoVersion`], then whatever the hooks, the update or
    /// the wait report ([`Error::ReleaseFailed`] for the wait).
    pub fn run(&self, ctx: &Context, name: &str) -> Result<Release> {
        ctx.kube.server_version()?;
        ctx.log(&format!("preparing rollback name={name}"));
        let (mut current, mut target, server_side) = self.prepare(ctx, name)?;
        if !self.dry_run {
            ctx.log(&format!("creating rolled back release name={name}"));
            ctx.releases.create(&target)?;
        }
        ctx.log(&format!("performing rollback name={name}"));
        self.perform(ctx, &mut current, &mut target, server_side)?;
        if !self.dry_run {
            ctx.log(&format!(
                "updating status for rolled back release name={name}"
            ));
            ctx.releases.update(&target)?;
        }
        Ok(target)
    }

    /// Helm's `prepareRollback`: the current revision, the new one, and whether it is applied
    /// server-side.
    fn prepare(&self, ctx: &Context, name: &str) -> Result<(Release, Release, bool)> {
        if !is_valid_release_name(name) {
            return Err(Error::NameInvalid {
                prefix: "prepareRollback: Release name is invalid: ",
                name: name.to_owned(),
            });
        }
        if self.version < 0 {
            return Err(Error::InvalidRevision);
        }
        let current = ctx.releases.last(name)?;
        let previous_version = if self.version == 0 {
            current.version - 1
        } else {
            self.version
        };
        let history = ctx.releases.history(name)?;
        if !history.iter().any(|r| r.version == previous_version) {
            return Err(Error::NoVersion {
                version: previous_version,
            });
        }
        ctx.log(&format!(
            "rolling back name={name} currentVersion={} targetVersion={previous_version}",
            current.version
        ));
        let previous = ctx.releases.get(name, previous_version)?;
        let server_side = server_side_value(&self.server_side, &previous.apply_method)?;
        let target = Release {
            name: name.to_owned(),
            namespace: current.namespace.clone(),
            chart: previous.chart.clone(),
            chart_times: previous.chart_times.clone(),
            config: previous.config.clone(),
            info: Info {
                first_deployed: current.info.first_deployed,
                last_deployed: Some(ctx.clock.now()),
                status: Some(Status::PendingRollback),
                notes: previous.info.notes.clone(),
                // Set here because the target revision is not known later; replaced only
                // when the rollback fails.
                description: format!("Rollback to {previous_version}"),
                ..Info::default()
            },
            version: current.version + 1,
            labels: previous.labels.clone(),
            manifest: previous.manifest.clone(),
            hooks: previous.hooks.clone(),
            apply_method: apply_method_of(server_side).to_owned(),
        };
        Ok((current, target, server_side))
    }

    /// Helm's `performRollback`.
    fn perform(
        &self,
        ctx: &Context,
        current: &mut Release,
        target: &mut Release,
        server_side: bool,
    ) -> Result<()> {
        if self.dry_run {
            ctx.log(&format!("dry run name={}", target.name));
            return Ok(());
        }
        let current_resources =
            ctx.kube
                .build(&current.manifest)
                .map_err(|source| Error::KubeStep {
                    context: "unable to build kubernetes objects from current release manifest",
                    source,
                })?;
        let mut target_resources =
            ctx.kube
                .build(&target.manifest)
                .map_err(|source| Error::KubeStep {
                    context: "unable to build kubernetes objects from new release manifest",
                    source,
                })?;

        if self.disable_hooks {
            ctx.log(&format!("rollback hooks disabled name={}", target.name));
        } else {
            hooks::exec_hooks(
                ctx,
                target,
                HookEvent::PreRollback,
                self.timeout,
                server_side,
            )?;
        }

        // Forcing ownership is safe: the chart renders these resources right now.
        crate::install::set_owner(&mut target_resources, &target.name, &target.namespace);
        let options = UpdateOptions {
            apply: ApplyOptions {
                server_side,
                force_conflicts: self.force_conflicts,
                ..ApplyOptions::default()
            },
            force_replace: self.force_replace,
            three_way_merge_for_unstructured: false,
            // Helm's rollback always passes ClientUpdateOptionUpgradeClientSideFieldManager.
            upgrade_client_side_field_manager: true,
        };
        let (changes, result) =
            update_all(&*ctx.kube, &current_resources, &target_resources, &options);
        if let Err(e) = result {
            let message = format!(
                "Rollback {} failed: {}",
                rudder_value::strconv::quote(&target.name),
                rudder_kube::chain(&e)
            );
            ctx.log(&message);
            current.info.status = Some(Status::Superseded);
            target.info.status = Some(Status::Failed);
            target.info.description = message;
            hooks::record(ctx, current);
            hooks::record(ctx, target);
            if self.cleanup_on_fail {
                ctx.log(&format!(
                    "cleanup on fail set, cleaning up resources count={}",
                    changes.created.len()
                ));
                let errors: Vec<rudder_kube::Error> = changes
                    .created
                    .iter()
                    .filter_map(|r| ctx.kube.delete(r, Propagation::Background).err())
                    .collect();
                if !errors.is_empty() {
                    return Err(Error::Cleanup {
                        operation: "rollback",
                        errors,
                    });
                }
                ctx.log("resource cleanup complete");
            }
            return Err(Error::Kube(e));
        }

        if self.wait {
            let options = WaitOptions {
                timeout: self.timeout,
                wait_for_jobs: self.wait_for_jobs,
            };
            if let Err(e) = ctx.kube.wait(&target_resources, &options) {
                target.set_status(
                    Status::Failed,
                    format!(
                        "Release {} failed: {}",
                        rudder_value::strconv::quote(&target.name),
                        rudder_kube::chain(&e)
                    ),
                );
                hooks::record(ctx, current);
                hooks::record(ctx, target);
                return Err(Error::ReleaseFailed {
                    name: target.name.clone(),
                    source: e,
                });
            }
        }

        if !self.disable_hooks {
            hooks::exec_hooks(
                ctx,
                target,
                HookEvent::PostRollback,
                self.timeout,
                server_side,
            )?;
        }

        let deployed = match ctx.releases.deployed_all(&current.name) {
            Ok(all) => all,
            Err(StorageError::NoDeployedReleases { .. }) => Vec::new(),
            Err(e) => return Err(e.into()),
        };
        // Every revision that was deployed is superseded (helm/helm#2941).
        for mut r in deployed {
            ctx.log(&format!(
                "superseding previous deployment version={}",
                r.version
            ));
            r.info.status = Some(Status::Superseded);
            hooks::record(ctx, &r);
        }
        target.info.status = Some(Status::Deployed);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn server_side_auto_follows_the_target_revision() {
        assert!(server_side_value("auto", "ssa").unwrap());
        assert!(!server_side_value("auto", "csa").unwrap());
        assert!(!server_side_value("auto", "").unwrap());
        assert!(server_side_value("true", "").unwrap());
        assert!(!server_side_value("false", "ssa").unwrap());
        assert_eq!(
            server_side_value("yes", "").unwrap_err().to_string(),
            "invalid/unknown release server-side apply method: yes"
        );
        assert_eq!(apply_method_of(true), "ssa");
        assert_eq!(apply_method_of(false), "csa");
    }
}
