//! Hooks: resources that run at points of a release's life (`helm.sh/hook` annotations).

use std::fmt;

use crate::time::Time;

/// The annotation that makes a resource a hook.
pub const HOOK_ANNOTATION: &str = "helm.sh/hook";
/// The annotation holding a hook's weight.
pub const HOOK_WEIGHT_ANNOTATION: &str = "helm.sh/hook-weight";
/// The annotation holding a hook's delete policies.
pub const HOOK_DELETE_ANNOTATION: &str = "helm.sh/hook-delete-policy";
/// The annotation holding a hook's output log policies.
pub const HOOK_OUTPUT_LOG_ANNOTATION: &str = "helm.sh/hook-output-log-policy";

/// When a hook runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum HookEvent {
    /// `pre-install`
    PreInstall,
    /// `post-install`
    PostInstall,
    /// `pre-delete`
    PreDelete,
    /// `post-delete`
    PostDelete,
    /// `pre-upgrade`
    PreUpgrade,
    /// `post-upgrade`
    PostUpgrade,
    /// `pre-rollback`
    PreRollback,
    /// `post-rollback`
    PostRollback,
    /// `test` (and Helm 2's `test-success`)
    Test,
}

impl HookEvent {
    /// Helm's name of the event.
    pub fn as_str(self) -> &'static str {
        match self {
            HookEvent::PreInstall => "pre-install",
            HookEvent::PostInstall => "post-install",
            HookEvent::PreDelete => "pre-delete",
            HookEvent::PostDelete => "post-delete",
            HookEvent::PreUpgrade => "pre-upgrade",
            HookEvent::PostUpgrade => "post-upgrade",
            HookEvent::PreRollback => "pre-rollback",
            HookEvent::PostRollback => "post-rollback",
            HookEvent::Test => "test",
        }
    }

    /// Parses an annotation value (already trimmed and lower-cased), accepting Helm 2's
    /// `test-success` as `test`.
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "pre-install" => HookEvent::PreInstall,
            "post-install" => HookEvent::PostInstall,
            "pre-delete" => HookEvent::PreDelete,
            "post-delete" => HookEvent::PostDelete,
            "pre-upgrade" => HookEvent::PreUpgrade,
            "post-upgrade" => HookEvent::PostUpgrade,
            "pre-rollback" => HookEvent::PreRollback,
            "post-rollback" => HookEvent::PostRollback,
            "test" | "test-success" => HookEvent::Test,
            _ => return None,
        })
    }
}

impl fmt::Display for HookEvent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// When a hook resource is deleted. Helm keeps unknown values as they are.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HookDeletePolicy(pub String);

/// When a hook's logs are printed. Helm keeps unknown values as they are.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HookOutputLogPolicy(pub String);

/// A hook found in the rendered manifests.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hook {
    /// `metadata.name` of the resource.
    pub name: String,
    /// Its kind.
    pub kind: String,
    /// The template that produced it (`chart/templates/x.yaml`).
    pub path: String,
    /// The YAML document.
    pub manifest: String,
    /// The events it runs on.
    pub events: Vec<HookEvent>,
    /// Its weight (`helm.sh/hook-weight`; 0 when absent or not an integer).
    pub weight: i64,
    /// Its delete policies.
    pub delete_policies: Vec<HookDeletePolicy>,
    /// Its output log policies.
    pub output_log_policies: Vec<HookOutputLogPolicy>,
    /// The last time it ran (Helm's `last_run`).
    pub last_run: HookExecution,
}

/// How a hook's last run went (Helm's `HookExecution`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct HookExecution {
    /// When it started; `None` is Go's zero time, which Helm leaves out.
    pub started_at: Option<Time>,
    /// When it completed.
    pub completed_at: Option<Time>,
    /// Its phase; `None` is Go's empty string (a hook that never ran).
    pub phase: Option<HookPhase>,
}

/// The phase of a hook run.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum HookPhase {
    /// `Unknown`
    Unknown,
    /// `Running`
    Running,
    /// `Succeeded`
    Succeeded,
    /// `Failed`
    Failed,
}

impl HookPhase {
    /// Helm's spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            HookPhase::Unknown => "Unknown",
            HookPhase::Running => "Running",
            HookPhase::Succeeded => "Succeeded",
            HookPhase::Failed => "Failed",
        }
    }

    /// Reads Helm's spelling.
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "Unknown" => HookPhase::Unknown,
            "Running" => HookPhase::Running,
            "Succeeded" => HookPhase::Succeeded,
            "Failed" => HookPhase::Failed,
            _ => return None,
        })
    }
}

impl fmt::Display for HookPhase {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Hook {
    /// True when the hook runs as a test.
    pub fn is_test(&self) -> bool {
        self.events.contains(&HookEvent::Test)
    }
}
