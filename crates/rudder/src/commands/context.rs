//! The release actions' [`Context`] built from the global settings: Helm's
//! `action.Configuration.Init` (pkg/action/action.go) as `pkg/cmd/root.go` calls it.
//!
//! * the cluster: kube-rs from the kubeconfig files and the `--kube-*` flags
//!   ([`Settings::kube_options`]), in the namespace of `-n`, else the kubeconfig context's, else
//!   `default`;
//! * the release storage chosen by `HELM_DRIVER` (`secret` by default, `configmap`, `memory`,
//!   `sql`), keeping `HELM_MAX_HISTORY` revisions;
//! * the system clock in the local zone, as Go's `time.Now()` reads it;
//! * a log sink that prints to stderr under `--debug` only.
//!
//! Commands call [`build`] (or [`build_in`] for `list --all-namespaces`). A failure to set up
//! the cluster reads as Helm's `kubernetes cluster unreachable: ...`; the command adds its own
//! prefix (`INSTALLATION FAILED`) with `anyhow::Context`, as Helm's commands wrap the action's
//! error.

use std::sync::Arc;

use anyhow::{Context as _, anyhow};
use rudder_action::context::{Context, LogSink};
use rudder_kube::{Cluster, KubeClient};
use rudder_kube_memory::MemoryCluster;
use rudder_release::{Clock, FixedClock, Release, Time};
use rudder_storage::{Driver as _, DriverKind, Memory, Storage, make_key};
use rudder_value::Value;

use crate::settings::Settings;

/// Helm's `IsReachable` prefix (pkg/kube/client.go).
pub const UNREACHABLE: &str = "kubernetes cluster unreachable";

/// A context in the namespace of the settings.
///
/// Errors: `kubernetes cluster unreachable: ...` when the kubeconfig or the `--kube-*` flags
/// cannot be used; `unknown driver "x"` for a bad `HELM_DRIVER`; `unable to instantiate SQL
/// driver: ...`.
pub fn build(settings: &Settings) -> anyhow::Result<Context> {
    build_in(settings, settings.namespace())
}

/// A context whose storage works in `namespace`; `""` means every namespace (`list -A`). The
/// cluster keeps the namespace of the settings for objects that name none.
///
/// Errors: as [`build`].
pub fn build_in(settings: &Settings, namespace: &str) -> anyhow::Result<Context> {
    let driver = DriverKind::parse(&settings.driver)?;
    let preload = match (&settings.memory_driver_data, driver) {
        (Some(files), DriverKind::Memory) => Some(files.as_str()),
        _ => None,
    };
    // Helm swaps in a client that touches no cluster when it preloads releases
    // (pkg/cmd/root.go, loadReleasesInMemory); ours is the in-memory API server.
    let kube: Arc<dyn KubeClient> = match preload {
        Some(_) => Arc::new(MemoryCluster::new().with_namespace(settings.namespace())),
        None => connect(settings)?,
    };
    let clock = clock(settings)?;
    let releases = match preload {
        Some(files) => preloaded(settings, files, namespace)?,
        None => storage(settings, driver, namespace, &kube, &clock)?,
    };
    Ok(Context {
        kube,
        releases,
        clock,
        log: log_sink(settings),
        hook_output: Some(Arc::new(hook_output)),
    })
}

/// The cluster of the settings, not yet contacted: kube-rs connects on the first request.
///
/// Errors: `kubernetes cluster unreachable: ...` with the cause (an unreadable kubeconfig, an
/// unknown context, a bad `--kube-ca-file`, ...).
pub fn connect(settings: &Settings) -> anyhow::Result<Arc<dyn KubeClient>> {
    let mut options = settings.kube_options();
    if options.kubeconfig.is_empty() && options.api_server.is_none() {
        // client-go's ErrEmptyConfig, which Helm's IsReachable words this way alone.
        return Err(anyhow!(UNREACHABLE));
    }
    // The namespace was resolved once already (and maybe printed); use the same.
    options.namespace = Some(settings.namespace().to_owned());
    let cluster = Cluster::connect(&options).context(UNREACHABLE)?;
    Ok(Arc::new(cluster))
}

/// Helm's `IsReachable`: asks the server for its version, failing with `kubernetes cluster
/// unreachable: ...`. Release actions do this first, as Helm's do.
pub fn check_reachable(kube: &dyn KubeClient) -> anyhow::Result<()> {
    kube.server_version().context(UNREACHABLE)?;
    Ok(())
}

fn storage(
    settings: &Settings,
    driver: DriverKind,
    namespace: &str,
    kube: &Arc<dyn KubeClient>,
    clock: &Arc<dyn Clock>,
) -> anyhow::Result<Storage> {
    let sql = Some(settings.sql_connection_string.as_str()).filter(|s| !s.is_empty());
    let mut releases = Storage::from_boxed(rudder_storage::open(
        driver,
        kube.clone(),
        namespace,
        sql,
        clock.clone(),
    )?);
    // `HELM_MAX_HISTORY` (10 unless set); `upgrade --history-max` overrides it. Helm treats 0
    // and negative values alike: no pruning.
    releases.max_history = usize::try_from(settings.max_history).unwrap_or(0);
    Ok(releases)
}

/// Helm's `loadReleasesInMemory`: every file of the `:`-separated list holds a YAML list of
/// releases, created in a memory driver in order, each in its own namespace; the driver then
/// works in `namespace` again. Empty entries are skipped (Helm would try to read a file named
/// "" and stop).
fn preloaded(settings: &Settings, files: &str, namespace: &str) -> anyhow::Result<Storage> {
    let memory = Memory::new();
    for path in files.split(':').filter(|p| !p.is_empty()) {
        let text = fs_err::read_to_string(path).context("Unable to read memory driver data")?;
        let unmarshal = || "Unable to unmarshal memory driver data";
        let list = rudder_yaml::from_yaml(&text).context(unmarshal())?;
        let items = match list {
            Value::List(items) => items.to_vec(),
            Value::Nil => Vec::new(),
            _ => {
                return Err(anyhow!(
                    "{}: the file holds no list of releases",
                    unmarshal()
                ));
            }
        };
        for item in &items {
            let json = rudder_yaml::to_json(item, &rudder_yaml::JsonOptions::marshal())
                .context(unmarshal())?;
            let release = Release::from_json(&json).context(unmarshal())?;
            memory.create(&make_key(&release.name, release.version), &release)?;
        }
    }
    memory.set_namespace(namespace);
    let mut releases = Storage::new(memory);
    releases.max_history = usize::try_from(settings.max_history).unwrap_or(0);
    Ok(releases)
}

/// The system clock in the local zone, or the fixed time of `RUDDER_TEST_TIME`.
pub fn clock(settings: &Settings) -> anyhow::Result<Arc<dyn Clock>> {
    match &settings.test_time {
        Some(t) => {
            let time = Time::parse_rfc3339_go(t)
                .map_err(|e| anyhow!("invalid RUDDER_TEST_TIME {t:?}: {e}"))?;
            Ok(Arc::new(FixedClock(time)))
        }
        None => Ok(Arc::new(SystemClock)),
    }
}

/// Go's `time.Now()`: the system time shown in the local zone (`TZ`, else `/etc/localtime`),
/// which is how Helm records and prints release times.
#[derive(Clone, Copy, Debug)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> Time {
        let now = jiff::ZonedDateTime::now();
        let ts = now.timestamp();
        Time::from_unix(
            ts.as_second(),
            u32::try_from(ts.subsec_nanosecond()).unwrap_or(0),
            now.offset().seconds(),
        )
    }
}

/// Prints each line to stderr under `--debug`; drops them otherwise.
/// The logs of hook Pods with an output-log policy, copied to stderr as they are (Helm's
/// `hookOutputWriter` is Go's `log.Writer()`), whether or not `--debug` is on.
fn hook_output(text: &str) {
    use std::io::Write as _;
    let _ = std::io::stderr().write_all(text.as_bytes());
}

fn log_sink(settings: &Settings) -> Option<LogSink> {
    if !settings.debug {
        return None;
    }
    Some(Arc::new(|line: &str| {
        #[expect(
            clippy::print_stderr,
            reason = "Helm's debug log goes to stderr (pkg/cmd/root.go, SetupLogging)"
        )]
        {
            eprintln!("{line}");
        }
    }))
}

#[cfg(test)]
mod tests {
    use rudder_release::Clock;

    use super::SystemClock;

    #[test]
    fn system_clock_reads_now_in_the_local_zone() {
        let before = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_secs();
        let now = SystemClock.now();
        let after = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_secs();
        let unix = u64::try_from(now.unix()).unwrap();
        assert!(before <= unix && unix <= after);
        assert_eq!(
            now.offset(),
            jiff::ZonedDateTime::now().offset().seconds(),
            "the offset is the local zone's"
        );
    }
}
