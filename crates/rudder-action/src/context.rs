//! What every release action works with (Helm's `action.Configuration`): the cluster, the
//! release storage, a clock and a sink for the lines Helm logs. The command line builds one from
//! its settings; tests build one over the in-memory cluster and the memory driver.

use std::sync::Arc;

use rudder_kube::KubeClient;
use rudder_release::Clock;
use rudder_storage::Storage;

/// A sink for progress and warning lines (Helm's `slog` debug and warning output).
pub type LogSink = Arc<dyn Fn(&str) + Send + Sync>;

/// The shared context of release actions.
pub struct Context {
    /// The cluster, in the namespace the command works in.
    pub kube: Arc<dyn KubeClient>,
    /// Where releases are recorded.
    pub releases: Storage,
    /// The time source for release timestamps.
    pub clock: Arc<dyn Clock>,
    /// Where progress and warning lines go; they are dropped when `None`.
    pub log: Option<LogSink>,
}

impl std::fmt::Debug for Context {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Context")
            .field("namespace", &self.kube.namespace())
            .field("releases", &self.releases)
            .finish_non_exhaustive()
    }
}

impl Context {
    /// A context over `kube` and `releases` with the given clock and no log sink.
    pub fn new(kube: Arc<dyn KubeClient>, releases: Storage, clock: Arc<dyn Clock>) -> Self {
        Context {
            kube,
            releases,
            clock,
            log: None,
        }
    }

    /// Sends a line to the log sink, if there is one.
    pub fn log(&self, line: &str) {
        if let Some(sink) = &self.log {
            sink(line);
        }
    }
}
