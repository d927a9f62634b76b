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
    /// Where the logs of hook Pods with an output-log policy go, as they are (Helm's
    /// `HookOutputFunc`, which its command line points at stderr); [`Context::log`] when `None`.
    pub hook_output: Option<LogSink>,
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
            hook_output: None,
        }
    }

    /// Sends the logs of a hook's container to the hook output, else to the log sink.
    pub fn hook_output(&self, text: &str) {
        match &self.hook_output {
            Some(sink) => sink(text),
            None => self.log(text),
        }
    }

    /// Sends a line to the log sink, if there is one.
    pub fn log(&self, line: &str) {
        if let Some(sink) = &self.log {
            sink(line);
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::{Arc, Mutex};

    use rudder_release::{FixedClock, Time};
    use rudder_storage::{Memory, Storage};

    use super::{Context, LogSink};

    fn collect() -> (LogSink, Arc<Mutex<Vec<String>>>) {
        let lines = Arc::new(Mutex::new(Vec::new()));
        let seen = lines.clone();
        let sink: LogSink = Arc::new(move |line: &str| {
            seen.lock().unwrap().push(line.to_owned());
        });
        (sink, lines)
    }

    #[test]
    fn hook_logs_go_to_the_hook_output_else_to_the_log() {
        let mut ctx = Context::new(
            Arc::new(rudder_kube_memory::MemoryCluster::new()),
            Storage::new(Memory::new()),
            Arc::new(FixedClock(Time::ZERO)),
        );
        let (log, logged) = collect();
        ctx.log = Some(log);
        ctx.hook_output("before\n");
        assert_eq!(*logged.lock().unwrap(), ["before\n"]);

        let (hooks, hooked) = collect();
        ctx.hook_output = Some(hooks);
        ctx.hook_output("after\n");
        ctx.log("a line");
        assert_eq!(*hooked.lock().unwrap(), ["after\n"]);
        assert_eq!(*logged.lock().unwrap(), ["before\n", "a line"]);
    }
}
