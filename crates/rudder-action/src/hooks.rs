//! Running a release's hooks for an event (Helm's `pkg/action/hooks.go`, `execHook`).
//!
//! The hooks of the event run one after another, lightest weight first and by name among
//! equal weights. For each: the old object is deleted when its policy is
//! `before-hook-creation` (the default when a hook names no policy), the object is created,
//! `last_run` is recorded on the release (phase `Running`, written to storage at once), then a
//! Job or Pod is waited for until it completes; other kinds count as done once created. The
//! phase becomes `Succeeded` or `Failed`. Afterwards `hook-succeeded` hooks are deleted when
//! every hook succeeded, or the failed hook is deleted when it has `hook-failed` (and the hooks
//! that succeeded before it when they have `hook-succeeded`).
//!
//! Callers wrap the error in their own words, as Helm does (`pre-upgrade hooks failed: ...`
//! in upgrade; install wraps in its failure path; rollback and uninstall pass it on).
//! CustomResourceDefinitions are never deleted by a policy.

use std::time::{Duration, Instant};

use rudder_kube::{
    ApplyOptions, ObjectRef, Pending, Propagation, Resource, create_all, int_at, str_at,
};
use rudder_release::{Hook, HookDeletePolicy, HookEvent, HookExecution, HookPhase, Release};

use crate::context::Context;
use crate::error::{Error, Result};

/// `before-hook-creation`: delete the previous object before creating the hook.
pub const BEFORE_HOOK_CREATION: &str = "before-hook-creation";
/// `hook-succeeded`: delete the object after the hook succeeded.
pub const HOOK_SUCCEEDED: &str = "hook-succeeded";
/// `hook-failed`: delete the object after the hook failed.
pub const HOOK_FAILED: &str = "hook-failed";
/// Output log policy `hook-succeeded`: print the Pod logs when the hook succeeded.
pub const OUTPUT_ON_SUCCEEDED: &str = "hook-succeeded";
/// Output log policy `hook-failed`: print the Pod logs when the hook failed.
pub const OUTPUT_ON_FAILED: &str = "hook-failed";

/// What Helm 4's status waiter uses when a hook's timeout is zero
/// (`kube.DefaultStatusWatcherTimeout`).
pub const DEFAULT_HOOK_TIMEOUT: Duration = Duration::from_secs(30);

/// How hooks are run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct HookOptions {
    /// How long each hook may take to complete (`--timeout`); zero means
    /// [`DEFAULT_HOOK_TIMEOUT`].
    pub timeout: Duration,
    /// Create hook objects with server-side apply (Helm 4's default) instead of a plain
    /// create.
    pub server_side: bool,
}

impl Default for HookOptions {
    fn default() -> Self {
        HookOptions {
            timeout: Duration::from_mins(5),
            server_side: true,
        }
    }
}

/// The deletions left to do after hooks ran (Helm's `ExecuteShutdownFunc`): `helm test` reads
/// the test Pods' logs before they are deleted.
#[derive(Debug, Default)]
#[must_use = "the hook-succeeded and hook-failed deletions only happen in `run`"]
pub struct Shutdown {
    /// Indices into `release.hooks` of the hooks that ran, in running order.
    ran: Vec<usize>,
    /// The failed hook, the last of `ran`, when one failed.
    failed: bool,
    timeout: Duration,
}

impl Shutdown {
    /// The same deletions after `by` hooks were put in front of the release's hooks.
    pub fn shifted(mut self, by: usize) -> Self {
        for i in &mut self.ran {
            *i += by;
        }
        self
    }

    /// Deletes hooks by their policies: with every hook succeeded, each one (last first)
    /// prints its logs when it asks for `hook-succeeded` output and is deleted when it has
    /// `hook-succeeded`; after a failure the failed hook is deleted when it has `hook-failed`
    /// (an error doing so is only logged) and the ones before it by `hook-succeeded`.
    ///
    /// Errors: the first deletion that fails.
    pub fn run(self, ctx: &Context, release: &Release) -> Result<()> {
        let hook = |i: usize| &release.hooks[i];
        if self.failed {
            let Some((&last, before)) = self.ran.split_last() else {
                return Ok(());
            };
            if let Err(e) = delete_by_policy(ctx, hook(last), HOOK_FAILED, self.timeout) {
                ctx.log(&format!(
                    "error deleting the hook resource on hook failure: {}",
                    rudder_kube::chain(&e)
                ));
            }
            for &i in before {
                delete_by_policy(ctx, hook(i), HOOK_SUCCEEDED, self.timeout)?;
            }
            return Ok(());
        }
        for &i in self.ran.iter().rev() {
            let h = hook(i);
            if let Err(e) = output_logs_by_policy(ctx, h, &release.namespace, OUTPUT_ON_SUCCEEDED) {
                ctx.log(&format!(
                    "error outputting logs for hook failure: {}",
                    rudder_kube::chain(&e)
                ));
            }
            delete_by_policy(ctx, h, HOOK_SUCCEEDED, self.timeout)?;
        }
        Ok(())
    }
}

/// Runs the release's hooks for `event` and then deletes them by policy (Helm's `execHook`).
/// `release.hooks[..].last_run` and default delete policies are updated in place, and the
/// release is written to storage when each hook starts.
///
/// Errors: [`Error::HookBuild`], [`Error::HookCreate`], [`Error::HookFailed`] or a
/// [`rudder_kube::Error::Timeout`] from the hook that failed, or a deletion's error. When both
/// the hooks and the deletions fail, the deletions' error is returned, as in Helm.
pub fn exec_hooks(
    ctx: &Context,
    release: &mut Release,
    event: HookEvent,
    timeout: Duration,
    server_side: bool,
) -> Result<()> {
    let options = HookOptions {
        timeout,
        server_side,
    };
    let (shutdown, result) = exec_hooks_delayed(ctx, release, event, &options);
    let cleanup = shutdown.run(ctx, release);
    match (result, cleanup) {
        (_, Err(e)) | (Err(e), Ok(())) => Err(e),
        (Ok(()), Ok(())) => Ok(()),
    }
}

/// The hooks sorted as Helm runs them: stable by weight, then name; the release's order
/// (Helm's kind order) decides among equals.
pub fn hooks_for(release: &Release, event: HookEvent) -> Vec<usize> {
    let mut selected: Vec<usize> = release
        .hooks
        .iter()
        .enumerate()
        .filter(|(_, h)| h.events.contains(&event))
        .map(|(i, _)| i)
        .collect();
    selected.sort_by(|&a, &b| {
        let (a, b) = (&release.hooks[a], &release.hooks[b]);
        a.weight.cmp(&b.weight).then_with(|| a.name.cmp(&b.name))
    });
    selected
}

/// Runs the hooks of `event` but leaves the policy deletions to the returned [`Shutdown`]
/// (Helm's `execHookWithDelayedShutdown`). Before-hook-creation deletions happen here.
pub fn exec_hooks_delayed(
    ctx: &Context,
    release: &mut Release,
    event: HookEvent,
    options: &HookOptions,
) -> (Shutdown, Result<()>) {
    let timeout = if options.timeout.is_zero() {
        DEFAULT_HOOK_TIMEOUT
    } else {
        options.timeout
    };
    let executing = hooks_for(release, event);
    let mut shutdown = Shutdown {
        ran: Vec::new(),
        failed: false,
        timeout,
    };
    for &i in &executing {
        if release.hooks[i].delete_policies.is_empty() {
            release.hooks[i].delete_policies = vec![HookDeletePolicy(BEFORE_HOOK_CREATION.into())];
        }
        if let Err(e) = delete_by_policy(ctx, &release.hooks[i], BEFORE_HOOK_CREATION, timeout) {
            return (Shutdown::default(), Err(e));
        }
        let resources = match ctx.kube.build(&release.hooks[i].manifest) {
            Ok(r) => r,
            Err(source) => {
                return (
                    Shutdown::default(),
                    Err(Error::HookBuild {
                        event,
                        path: release.hooks[i].path.clone(),
                        source,
                    }),
                );
            }
        };
        release.hooks[i].last_run = HookExecution {
            started_at: Some(ctx.clock.now()),
            completed_at: None,
            phase: Some(HookPhase::Running),
        };
        record(ctx, release);
        // Whatever goes wrong from here on, the phase is Failed or Succeeded when this
        // iteration ends; Unknown only survives a panic.
        release.hooks[i].last_run.phase = Some(HookPhase::Unknown);
        let apply = ApplyOptions {
            server_side: options.server_side,
            ..ApplyOptions::default()
        };
        if let (_, Err(source)) = create_all(&*ctx.kube, &resources, &apply) {
            let h = &mut release.hooks[i];
            h.last_run.completed_at = Some(ctx.clock.now());
            h.last_run.phase = Some(HookPhase::Failed);
            return (
                Shutdown::default(),
                Err(Error::HookCreate {
                    event,
                    path: h.path.clone(),
                    source,
                }),
            );
        }
        shutdown.ran.push(i);
        let waited = watch_until_ready(ctx, &resources, timeout);
        release.hooks[i].last_run.completed_at = Some(ctx.clock.now());
        if let Err(e) = waited {
            release.hooks[i].last_run.phase = Some(HookPhase::Failed);
            if let Err(log_error) =
                output_logs_by_policy(ctx, &release.hooks[i], &release.namespace, OUTPUT_ON_FAILED)
            {
                ctx.log(&format!(
                    "error outputting logs for hook failure: {}",
                    rudder_kube::chain(&log_error)
                ));
            }
            shutdown.failed = true;
            return (shutdown, Err(e));
        }
        release.hooks[i].last_run.phase = Some(HookPhase::Succeeded);
    }
    (shutdown, Ok(()))
}

/// Helm's `recordRelease`: a failed write is logged, not returned.
pub(crate) fn record(ctx: &Context, release: &Release) {
    if let Err(e) = ctx.releases.update(release) {
        ctx.log(&format!(
            "failed to update release name={} revision={} error={}",
            release.name,
            release.version,
            rudder_kube::chain(&e)
        ));
    }
}

/// Deletes the hook's object when it has `policy` and waits until it is gone (Helm's
/// `deleteHookByPolicy`). CRDs are never deleted.
fn delete_by_policy(ctx: &Context, hook: &Hook, policy: &str, timeout: Duration) -> Result<()> {
    if hook.kind == "CustomResourceDefinition"
        || !hook.delete_policies.iter().any(|p| p.0 == policy)
    {
        return Ok(());
    }
    let resources = ctx
        .kube
        .build(&hook.manifest)
        .map_err(|source| Error::HookDeleteBuild {
            path: hook.path.clone(),
            source,
        })?;
    let mut errors = Vec::new();
    for r in &resources {
        if let Err(e) = ctx.kube.delete(&r.reference, Propagation::Background) {
            errors.push(e);
        }
    }
    match errors.len() {
        0 => {}
        1 => return Err(Error::Kube(errors.remove(0))),
        // Helm joins the messages with "; ".
        _ => {
            return Err(Error::HookFailed {
                message: errors
                    .iter()
                    .map(|e| rudder_kube::chain(e))
                    .collect::<Vec<_>>()
                    .join("; "),
            });
        }
    }
    ctx.kube.wait_for_delete(&resources, timeout)?;
    Ok(())
}

/// Helm 4's `WatchUntilReady` for hooks: Jobs must complete and Pods succeed; any other kind
/// is ready once it exists. A failed Job or Pod ends the wait at once.
fn watch_until_ready(ctx: &Context, resources: &[Resource], timeout: Duration) -> Result<()> {
    let deadline = Instant::now() + timeout;
    loop {
        let references: Vec<&ObjectRef> = resources.iter().map(|r| &r.reference).collect();
        let mut pending = Vec::new();
        let mut failed = Vec::new();
        for (r, current) in references.iter().zip(ctx.kube.get_all(&references)) {
            match hook_status(r, current?.as_ref()) {
                HookStatus::Current => {}
                HookStatus::Failed(message) => failed.push(not_ready(r, "Failed", message)),
                HookStatus::InProgress(status, message) => {
                    pending.push(not_ready(r, status, message));
                }
            }
        }
        if pending.is_empty() {
            if failed.is_empty() {
                return Ok(());
            }
            let message = failed
                .iter()
                .map(|p| {
                    let r = &p.reference;
                    format!(
                        "resource {}/{}/{} not ready. status: {}, message: {}",
                        r.kind,
                        r.namespace.as_deref().unwrap_or_default(),
                        r.name,
                        p.status,
                        p.message
                    )
                })
                .collect::<Vec<_>>()
                .join("\n");
            return Err(Error::HookFailed { message });
        }
        if Instant::now() >= deadline {
            failed.extend(pending);
            return Err(Error::Kube(rudder_kube::Error::Timeout {
                pending: failed,
                timeout,
            }));
        }
        std::thread::sleep(ctx.kube.poll_interval().min(deadline - Instant::now()));
    }
}

fn not_ready(r: &ObjectRef, status: &'static str, message: String) -> Pending {
    Pending {
        reference: r.clone(),
        state: "not ready",
        status,
        message,
    }
}

enum HookStatus {
    Current,
    InProgress(&'static str, String),
    Failed(String),
}

/// Helm's custom Job and Pod status readers (`internal/statusreaders`).
fn hook_status(reference: &ObjectRef, object: Option<&serde_json::Value>) -> HookStatus {
    let Some(object) = object else {
        return HookStatus::InProgress("NotFound", "Resource not found".to_owned());
    };
    match reference.kind.as_str() {
        "Job" => {
            let parallelism = int_at(object, &["spec", "parallelism"]).unwrap_or(1);
            let completions = int_at(object, &["spec", "completions"]).unwrap_or(parallelism);
            let failed = int_at(object, &["status", "failed"]).unwrap_or(0);
            let conditions = object
                .pointer("/status/conditions")
                .and_then(serde_json::Value::as_array)
                .cloned()
                .unwrap_or_default();
            for c in &conditions {
                let is_true = str_at(c, &["status"]) == Some("True");
                match str_at(c, &["type"]) {
                    Some("Complete") if is_true => return HookStatus::Current,
                    Some("Failed") if is_true => {
                        return HookStatus::Failed(format!(
                            "Job Failed. failed: {failed}/{completions}"
                        ));
                    }
                    _ => {}
                }
            }
            HookStatus::InProgress("InProgress", "Job in progress".to_owned())
        }
        "Pod" => match str_at(object, &["status", "phase"]) {
            Some("Succeeded") => HookStatus::Current,
            Some("Failed") => HookStatus::Failed(format!("pod {} failed", reference.name)),
            _ => HookStatus::InProgress("InProgress", "Pod in progress".to_owned()),
        },
        _ => HookStatus::Current,
    }
}

/// Prints the logs of the hook's Pods when it has the output `policy` (Helm's
/// `outputLogsByPolicy`): a Job's Pods (label `job-name`), or the Pod itself. The text goes
/// to the context's hook output, as Helm copies it to its logger's writer (stderr).
fn output_logs_by_policy(
    ctx: &Context,
    hook: &Hook,
    release_namespace: &str,
    policy: &str,
) -> rudder_kube::Result<()> {
    if !hook.output_log_policies.iter().any(|p| p.0 == policy) {
        return Ok(());
    }
    let namespace = rudder_kube::parse_manifest(&hook.manifest)?
        .first()
        .and_then(|o| str_at(o, &["metadata", "namespace"]))
        .filter(|n| !n.is_empty())
        .map_or_else(|| release_namespace.to_owned(), str::to_owned);
    let pods = match hook.kind.as_str() {
        "Job" => ctx.kube.list(
            "v1",
            "Pod",
            Some(&namespace),
            &format!("job-name={}", hook.name),
        )?,
        "Pod" => ctx
            .kube
            .get(&ObjectRef::new("v1", "Pod", Some(&namespace), &hook.name))?
            .into_iter()
            .collect(),
        _ => return Ok(()),
    };
    for pod in &pods {
        let name = str_at(pod, &["metadata", "name"]).unwrap_or_default();
        let containers = pod
            .pointer("/spec/containers")
            .and_then(serde_json::Value::as_array)
            .cloned()
            .unwrap_or_default();
        for c in &containers {
            let container = str_at(c, &["name"]).unwrap_or_default();
            let log = ctx.kube.pod_logs(&namespace, name, Some(container))?;
            ctx.hook_output(&log);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use rudder_release::{Hook, HookEvent, HookExecution, Release};

    use super::hooks_for;

    fn hook(name: &str, weight: i64, events: &[HookEvent]) -> Hook {
        Hook {
            name: name.to_owned(),
            kind: "ConfigMap".to_owned(),
            path: format!("c/templates/{name}.yaml"),
            manifest: String::new(),
            events: events.to_vec(),
            weight,
            delete_policies: Vec::new(),
            output_log_policies: Vec::new(),
            last_run: HookExecution::default(),
        }
    }

    #[test]
    fn hooks_run_by_weight_then_name() {
        let rel = Release {
            hooks: vec![
                hook("b", 0, &[HookEvent::PreInstall]),
                hook("z", -5, &[HookEvent::PreInstall, HookEvent::PreUpgrade]),
                hook("a", 0, &[HookEvent::PreInstall]),
                hook("post", -9, &[HookEvent::PostInstall]),
                hook("c", 10, &[HookEvent::PreInstall]),
            ],
            ..Release::default()
        };
        let names = |event| -> Vec<&str> {
            hooks_for(&rel, event)
                .into_iter()
                .map(|i| rel.hooks[i].name.as_str())
                .collect()
        };
        assert_eq!(names(HookEvent::PreInstall), ["z", "a", "b", "c"]);
        assert_eq!(names(HookEvent::PreUpgrade), ["z"]);
        assert!(names(HookEvent::Test).is_empty());
    }
}
