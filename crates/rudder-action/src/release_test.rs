//! `helm test` (Helm's `pkg/action/release_testing.go`): runs a release's test hooks and
//! records how they went on the release.

use std::fmt::Write as _;
use std::time::Duration;

use rudder_release::{HookEvent, Release};

use crate::context::Context;
use crate::error::{Error, Result};
use crate::hooks::{self, HookOptions, Shutdown};
use crate::name::is_valid_release_name;

/// Options of `helm test` (Helm's `action.ReleaseTesting`).
#[derive(Clone, Debug)]
pub struct ReleaseTesting {
    /// `--timeout`: for each test.
    pub timeout: Duration,
    /// The namespace test Pods' logs are read from (`-n`).
    pub namespace: String,
    /// `--filter name=...`: only these tests.
    pub include: Vec<String>,
    /// `--filter '!name=...'`: not these tests.
    pub exclude: Vec<String>,
}

impl Default for ReleaseTesting {
    fn default() -> Self {
        ReleaseTesting {
            timeout: Duration::from_mins(5),
            namespace: String::new(),
            include: Vec::new(),
            exclude: Vec::new(),
        }
    }
}

/// What a test run leaves: the release with its hooks' last runs (all hooks, the skipped
/// ones first, as Helm stores them), the deletions still to do, and how the tests went.
#[derive(Debug)]
pub struct TestRun {
    /// The release as stored after the run.
    pub release: Release,
    /// The hook-succeeded and hook-failed deletions, to run after the logs were read.
    pub shutdown: Shutdown,
    /// The tests' outcome (a failed test, or the storage update failing).
    pub result: Result<()>,
}

/// Parses `--filter` values as Helm does: `name=x` includes, `!name=x` (or `! name=x`)
/// excludes, anything else is ignored. Returns (include, exclude).
pub fn parse_filters(filters: &[String]) -> (Vec<String>, Vec<String>) {
    let mut include = Vec::new();
    let mut exclude = Vec::new();
    for f in filters {
        if let Some(name) = f.strip_prefix("name=") {
            include.push(name.to_owned());
        } else if let Some(rest) = f.strip_prefix('!') {
            let rest = rest
                .strip_prefix(['\t', '\n', '\x0C', '\r', ' '])
                .unwrap_or(rest);
            if let Some(name) = rest.strip_prefix("name=") {
                exclude.push(name.to_owned());
            }
        }
    }
    (include, exclude)
}

impl ReleaseTesting {
    /// Runs the tests of the last revision of `name`.
    ///
    /// Errors (before any test ran): the cluster being unreachable, [`Error::NameInvalid`],
    /// or the storage's `release: not found`.
    pub fn run(&self, ctx: &Context, name: &str) -> Result<TestRun> {
        ctx.kube.server_version()?;
        if !is_valid_release_name(name) {
            return Err(Error::NameInvalid {
                prefix: "releaseTest: Release name is invalid: ",
                name: name.to_owned(),
            });
        }
        let mut rel = ctx.releases.last(name)?;
        let mut skipped = Vec::new();
        if !self.exclude.is_empty() {
            let (skip, keep): (Vec<_>, Vec<_>) = std::mem::take(&mut rel.hooks)
                .into_iter()
                .partition(|h| self.exclude.contains(&h.name));
            skipped.extend(skip);
            rel.hooks = keep;
        }
        if !self.include.is_empty() {
            let (keep, skip): (Vec<_>, Vec<_>) = std::mem::take(&mut rel.hooks)
                .into_iter()
                .partition(|h| self.include.contains(&h.name));
            skipped.extend(skip);
            rel.hooks = keep;
        }
        let options = HookOptions {
            timeout: self.timeout,
            server_side: rel.apply_method == rudder_release::release::apply_method::SERVER_SIDE,
        };
        let (shutdown, result) =
            hooks::exec_hooks_delayed(ctx, &mut rel, HookEvent::Test, &options);
        // The shutdown refers to hooks by index: shift them past the skipped hooks put back
        // in front.
        let shutdown = shutdown.shifted(skipped.len());
        skipped.append(&mut rel.hooks);
        rel.hooks = skipped;
        let result = match result {
            Err(e) => {
                // Helm ignores this update's error when a test failed.
                let _ = ctx.releases.update(&rel);
                Err(e)
            }
            Ok(()) => ctx.releases.update(&rel).map_err(Error::from),
        };
        Ok(TestRun {
            release: rel,
            shutdown,
            result,
        })
    }

    /// The logs of the release's test Pods, as `helm test --logs` prints them: for each test
    /// hook (by weight, then name) `POD LOGS: NAME`, the log, and a line break.
    ///
    /// Errors: [`Error::PodLogs`] (`unable to get pod logs for NAME: ...`).
    pub fn pod_logs(&self, ctx: &Context, release: &Release) -> Result<String> {
        let mut out = String::new();
        for i in hooks::hooks_for(release, HookEvent::Test) {
            let h = &release.hooks[i];
            if self.exclude.contains(&h.name)
                || (!self.include.is_empty() && !self.include.contains(&h.name))
            {
                continue;
            }
            let log = ctx
                .kube
                .pod_logs(&self.namespace, &h.name, None)
                .map_err(|source| Error::PodLogs {
                    name: h.name.clone(),
                    source,
                })?;
            let _ = writeln!(out, "POD LOGS: {}", h.name);
            out.push_str(&log);
            out.push('\n');
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::parse_filters;

    #[test]
    fn filters_include_and_exclude_by_name() {
        let filters: Vec<String> = ["name=a", "!name=b", "! name=c", "!  name=d", "kind=x"]
            .iter()
            .map(|s| (*s).to_owned())
            .collect();
        let (include, exclude) = parse_filters(&filters);
        assert_eq!(include, ["a"]);
        // Go's `^!\s?name=`: at most one blank between `!` and `name`.
        assert_eq!(exclude, ["b", "c"]);
    }
}
