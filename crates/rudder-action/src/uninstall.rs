//! `helm uninstall` (Helm's `pkg/action/uninstall.go`): pre-delete hooks, the release's
//! resources deleted in Helm's uninstall order (webhooks first, namespaces last) except those
//! annotated `helm.sh/resource-policy: keep`, post-delete hooks, then the history removed
//! (or, with `--keep-history`, the last revision marked `uninstalled`).

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::time::Duration;

use rudder_kube::{Propagation, RESOURCE_POLICY_ANNOTATION};
use rudder_release::manifest::{Manifest, sort_manifests, split_manifests};
use rudder_release::{HookEvent, Release, Status, kind};
use rudder_storage::Error as StorageError;

use crate::context::Context;
use crate::error::{Error, Result};
use crate::hooks;
use crate::name::is_valid_release_name;

/// Options of an uninstall (Helm's `action.Uninstall`).
#[derive(Clone, Debug)]
pub struct Uninstall {
    /// `--no-hooks`.
    pub disable_hooks: bool,
    /// `--dry-run`: only read the release.
    pub dry_run: bool,
    /// `--ignore-not-found`: a missing release is a success.
    pub ignore_not_found: bool,
    /// `--keep-history`: keep the records, the last one marked `uninstalled`.
    pub keep_history: bool,
    /// `--wait` (any strategy but `hookOnly`): wait until the deleted resources are gone.
    pub wait: bool,
    /// `--cascade`: how dependents are deleted.
    pub propagation: Propagation,
    /// `--timeout`: for each hook and for `--wait`.
    pub timeout: Duration,
    /// `--description`: replaces `Uninstallation complete`.
    pub description: String,
}

impl Default for Uninstall {
    fn default() -> Self {
        Uninstall {
            disable_hooks: false,
            dry_run: false,
            ignore_not_found: false,
            keep_history: false,
            wait: false,
            propagation: Propagation::Background,
            timeout: Duration::from_mins(5),
            description: String::new(),
        }
    }
}

/// What an uninstall returns (Helm's `UninstallReleaseResponse`).
#[derive(Clone, Debug, Default)]
pub struct Response {
    /// The release as it was uninstalled; `None` when `--ignore-not-found` met no release.
    pub release: Option<Release>,
    /// `These resources were kept due to the resource policy:` and one `[Kind] name` line per
    /// kept resource; empty when none was kept.
    pub info: String,
}

/// What [`Uninstall::run`] hands back when it fails after it started deleting: the partial
/// response (Helm returns it alongside the error) and the error.
pub type Failure = Box<(Option<Response>, Error)>;

impl Uninstall {
    /// Uninstalls release `name`.
    ///
    /// Errors: [`Error::NameInvalid`], [`Error::NotLoaded`], [`Error::AlreadyDeleted`],
    /// [`Error::Purge`], the pre-delete hooks' error, [`Error::DeleteRelease`], and
    /// [`Error::Uninstallation`] gathering what failed after the resources were deleted (the
    /// wait, post-delete hooks, purging).
    pub fn run(&self, ctx: &Context, name: &str) -> Result<Response> {
        self.run_with_response(ctx, name).map_err(|f| f.1)
    }

    /// As [`Uninstall::run`], keeping the partial response on failure.
    ///
    /// Errors: as [`Uninstall::run`].
    pub fn run_with_response(
        &self,
        ctx: &Context,
        name: &str,
    ) -> std::result::Result<Response, Failure> {
        let fail = |e: Error| -> Failure { Box::new((None, e)) };
        ctx.kube.server_version().map_err(|e| fail(e.into()))?;

        if self.dry_run {
            if !is_valid_release_name(name) {
                return Err(fail(Error::NameInvalid {
                    prefix: "releaseContent: Release name is invalid: ",
                    name: name.to_owned(),
                }));
            }
            return match ctx.releases.last(name) {
                Ok(r) => Ok(Response {
                    release: Some(r),
                    info: String::new(),
                }),
                Err(StorageError::ReleaseNotFound) if self.ignore_not_found => {
                    Ok(Response::default())
                }
                Err(e) => Err(Box::new((Some(Response::default()), e.into()))),
            };
        }

        if !is_valid_release_name(name) {
            return Err(fail(Error::NameInvalid {
                prefix: "uninstall: Release name is invalid: ",
                name: name.to_owned(),
            }));
        }
        let mut history = match ctx.releases.history(name) {
            Ok(h) => h,
            Err(_) if self.ignore_not_found => return Ok(Response::default()),
            Err(source) => {
                return Err(fail(Error::NotLoaded {
                    name: name.to_owned(),
                    source: Box::new(source),
                }));
            }
        };
        if history.is_empty() {
            return Err(fail(Error::MissingRelease));
        }
        history.sort_by_key(|r| r.version);
        let Some(mut rel) = history.last().cloned() else {
            return Err(fail(Error::MissingRelease));
        };

        if rel.info.status == Some(Status::Uninstalled) {
            if !self.keep_history {
                Self::purge(ctx, &history).map_err(|source| {
                    fail(Error::Purge {
                        source: Box::new(source),
                    })
                })?;
                return Ok(Response {
                    release: Some(rel),
                    info: String::new(),
                });
            }
            return Err(fail(Error::AlreadyDeleted {
                name: name.to_owned(),
            }));
        }

        ctx.log(&format!("uninstall: deleting release name={name}"));
        rel.info.status = Some(Status::Uninstalling);
        rel.info.deleted = Some(ctx.clock.now());
        "Deletion in progress (or silently failed)".clone_into(&mut rel.info.description);

        if self.disable_hooks {
            ctx.log(&format!("delete hooks disabled release={name}"));
        } else if let Err(e) =
            hooks::exec_hooks(ctx, &mut rel, HookEvent::PreDelete, self.timeout, true)
        {
            return Err(Box::new((
                Some(Response {
                    release: Some(rel),
                    info: String::new(),
                }),
                e,
            )));
        }

        // From here on the release is `uninstalling`.
        if let Err(e) = ctx.releases.update(&rel) {
            ctx.log(&format!(
                "uninstall: Failed to store updated release error={}",
                rudder_kube::chain(&e)
            ));
        }

        let (deleted, kept, delete_errors) = self.delete_release(ctx, &rel);
        if !delete_errors.is_empty() {
            for e in &delete_errors {
                ctx.log(&format!(
                    "uninstall: Failed to delete release error={}",
                    rudder_kube::chain(e)
                ));
            }
            return Err(fail(Error::DeleteRelease {
                name: name.to_owned(),
            }));
        }
        let info = if kept.is_empty() {
            String::new()
        } else {
            format!("These resources were kept due to the resource policy:\n{kept}")
        };

        let mut errors = Vec::new();
        if self.wait
            && let Err(e) = ctx.kube.wait_for_delete(&deleted, self.timeout)
        {
            errors.push(Error::Kube(e));
        }
        if !self.disable_hooks
            && let Err(e) =
                hooks::exec_hooks(ctx, &mut rel, HookEvent::PostDelete, self.timeout, true)
        {
            errors.push(e);
        }

        rel.info.status = Some(Status::Uninstalled);
        rel.info.description = if self.description.is_empty() {
            "Uninstallation complete".to_owned()
        } else {
            self.description.clone()
        };

        if !self.keep_history {
            ctx.log(&format!("purge requested release={name}"));
            if let Err(source) = Self::purge(ctx, &history) {
                errors.push(Error::Purge {
                    source: Box::new(source),
                });
            }
            return finish(rel, info, errors);
        }

        if let Err(e) = ctx.releases.update(&rel) {
            ctx.log(&format!(
                "uninstall: Failed to store updated release error={}",
                rudder_kube::chain(&e)
            ));
        }
        // Every revision still deployed is superseded (helm/helm#12556).
        let deployed = match ctx.releases.deployed_all(name) {
            Ok(all) => all,
            Err(StorageError::NoDeployedReleases { .. }) => Vec::new(),
            Err(e) => return Err(fail(e.into())),
        };
        for mut r in deployed {
            ctx.log(&format!(
                "superseding previous deployment version={}",
                r.version
            ));
            r.info.status = Some(Status::Superseded);
            if let Err(e) = ctx.releases.update(&r) {
                ctx.log(&format!(
                    "uninstall: Failed to store updated release error={}",
                    rudder_kube::chain(&e)
                ));
            }
        }
        finish(rel, info, errors)
    }

    fn purge(ctx: &Context, history: &[Release]) -> rudder_storage::Result<()> {
        for r in history {
            ctx.releases.delete(&r.name, r.version)?;
        }
        Ok(())
    }

    /// Helm's `deleteRelease`: the resources deleted, the `[Kind] name` lines of those kept,
    /// and the errors.
    fn delete_release(
        &self,
        ctx: &Context,
        rel: &Release,
    ) -> (Vec<rudder_kube::Resource>, String, Vec<rudder_kube::Error>) {
        let (keep, delete) = match manifests_in_uninstall_order(&rel.manifest) {
            Ok(sorted) => split_kept(sorted),
            Err(e) => {
                // Helm returns the whole manifest as "kept" with this error.
                let err = rudder_kube::Error::Step {
                    context: "corrupted release record. You must manually delete the resources"
                        .to_owned(),
                    source: Box::new(rudder_kube::Error::Manifest {
                        document: 0,
                        message: e.to_string(),
                    }),
                };
                return (Vec::new(), rel.manifest.clone(), vec![err]);
            }
        };
        let mut kept = String::new();
        for m in &keep {
            let _ = writeln!(kept, "[{}] {}", m.head.kind, m.head.name);
        }
        let mut stream = String::new();
        for m in &delete {
            stream.push_str("\n---\n");
            stream.push_str(&m.content);
        }
        let resources = match ctx.kube.build(&stream) {
            Ok(r) => r,
            Err(e) => {
                let err = rudder_kube::Error::Step {
                    context: "unable to build kubernetes objects for delete".to_owned(),
                    source: Box::new(e),
                };
                return (Vec::new(), String::new(), vec![err]);
            }
        };
        let errors = resources
            .iter()
            .filter_map(|r| ctx.kube.delete(&r.reference, self.propagation).err())
            .collect();
        (resources, kept, errors)
    }
}

fn finish(
    rel: Release,
    info: String,
    errors: Vec<Error>,
) -> std::result::Result<Response, Failure> {
    let response = Response {
        release: Some(rel),
        info,
    };
    if errors.is_empty() {
        Ok(response)
    } else {
        Err(Box::new((Some(response), Error::Uninstallation { errors })))
    }
}

/// The manifest's documents sorted in Helm's uninstall order (stable within a kind).
///
/// Errors: a document whose head cannot be read (Helm's "corrupted release record").
pub fn manifests_in_uninstall_order(manifest: &str) -> rudder_release::Result<Vec<Manifest>> {
    // Helm keys the documents `manifest-N` in a Go map; the zero-padded index keeps the
    // documents in manifest order among equal kinds.
    let files: BTreeMap<String, String> = split_manifests(manifest)
        .into_iter()
        .enumerate()
        .map(|(i, doc)| (format!("manifest-{i:08}"), doc))
        .collect();
    Ok(sort_manifests(&files, kind::UNINSTALL_ORDER)?.manifests)
}

/// Helm's `filterManifestsToKeep`: `keep` (any case, trimmed) is kept; a resource with
/// another policy value is neither kept nor deleted, as in Helm.
fn split_kept(manifests: Vec<Manifest>) -> (Vec<Manifest>, Vec<Manifest>) {
    let mut keep = Vec::new();
    let mut delete = Vec::new();
    for m in manifests {
        let policy = m
            .head
            .annotations
            .as_ref()
            .filter(|a| !a.is_empty())
            .map(|a| a.get(RESOURCE_POLICY_ANNOTATION).cloned());
        match policy {
            None | Some(None) => delete.push(m),
            Some(Some(p)) if p.trim().eq_ignore_ascii_case(rudder_kube::KEEP_POLICY) => {
                keep.push(m);
            }
            Some(Some(_)) => {}
        }
    }
    (keep, delete)
}
