//! `tiller`: the release server. Flags follow Helm 2's Tiller (`cmd/tiller/tiller.go` at
//! v2.17.0) where they apply; unlike Helm 2's, `--tls` and `--tls-verify` are on by default.

use std::io::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use anyhow::{Context as _, bail};
use clap::Parser;
use rudder_kube::{Cluster, KubeClient, KubeOptions};
use rudder_storage::DriverKind;
use rudder_tiller::audit::Audit;
use rudder_tiller::authz::Policy;
use rudder_tiller::backend::Backend;
use rudder_tiller::server::{self, Server};
use rudder_tiller::service::{Tiller, VERSION};
use rudder_tiller::tls::TlsFiles;

/// `TILLER_TLS_CERTS`: the directory the TLS files default into (`tls.crt`, `tls.key`,
/// `ca.crt`), as in Helm 2.
const TLS_CERTS_ENV: &str = "TILLER_TLS_CERTS";
/// The service account's files when tiller runs in a Pod.
const SERVICE_ACCOUNT: &str = "/var/run/secrets/kubernetes.io/serviceaccount";

/// Rudder's release server.
#[derive(Debug, Parser)]
#[command(name = "tiller", version = VERSION, disable_version_flag = true)]
struct Args {
    /// address:port to listen on
    #[arg(long, default_value = ":44134")]
    listen: String,
    /// address:port to listen on for probes
    #[arg(long = "probe-listen", default_value = ":44135")]
    probe_listen: String,
    /// enable probing over http
    #[arg(long, default_value = "true", num_args = 0..=1, default_missing_value = "true", action = clap::ArgAction::Set)]
    probe: bool,
    /// enable TLS (turning it off is allowed on a loopback address only)
    #[arg(long, env = "TILLER_TLS_ENABLE", default_value = "true", num_args = 0..=1, default_missing_value = "true", action = clap::ArgAction::Set)]
    tls: bool,
    /// enable TLS and verify remote certificate (client certificates signed by --tls-ca-cert)
    #[arg(long = "tls-verify", env = "TILLER_TLS_VERIFY", default_value = "true", num_args = 0..=1, default_missing_value = "true", action = clap::ArgAction::Set)]
    tls_verify: bool,
    /// path to TLS private key file
    #[arg(long = "tls-key")]
    tls_key: Option<PathBuf>,
    /// path to TLS certificate file
    #[arg(long = "tls-cert")]
    tls_cert: Option<PathBuf>,
    /// trust certificates signed by this CA
    #[arg(long = "tls-ca-cert")]
    tls_ca_cert: Option<PathBuf>,
    /// storage driver to use. One of 'configmap', 'memory', 'sql' or 'secret'
    #[arg(long, default_value = "configmap")]
    storage: String,
    /// SQL connection string to use
    #[arg(long = "sql-connection-string", default_value = "")]
    sql_connection_string: String,
    /// maximum number of releases kept in release history, with 0 meaning no limit
    #[arg(long = "history-max", env = "TILLER_HISTORY_MAX", default_value_t = 0)]
    history_max: i64,
    /// the authorization file: client identities, their namespaces and operations
    #[arg(long = "authz-config", env = "TILLER_AUTHZ_CONFIG")]
    authz_config: Option<PathBuf>,
    /// where the audit log is appended ('-' is stderr)
    #[arg(long = "audit-log", env = "TILLER_AUDIT_LOG", default_value = "-")]
    audit_log: String,
    /// path to the kubeconfig file (in a Pod, the service account is used when unset)
    #[arg(long, env = "KUBECONFIG")]
    kubeconfig: Option<String>,
    /// serve an in-memory cluster instead of a real one (development and load tests)
    #[arg(long = "memory-cluster", hide = true)]
    memory_cluster: bool,
    /// print the version number
    #[arg(long)]
    version: bool,
}

fn main() -> ExitCode {
    let args = Args::parse();
    if args.version {
        #[expect(clippy::print_stdout, reason = "tiller --version")]
        {
            println!("{VERSION}");
        }
        return ExitCode::SUCCESS;
    }
    match run(args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            log(&format!("{e:#}"));
            ExitCode::FAILURE
        }
    }
}

/// Helm 2's `[main]` logger on stderr.
fn log(line: &str) {
    let mut err = std::io::stderr().lock();
    let _ = writeln!(err, "[main] {line}");
}

fn tls_files(args: &Args) -> anyhow::Result<Option<TlsFiles>> {
    // Helm 2's --tls-verify implied --tls; here both are on by default, and --tls=false
    // turns TLS off altogether.
    if !args.tls {
        return Ok(None);
    }
    let dir = std::env::var_os(TLS_CERTS_ENV).map(PathBuf::from);
    let pick = |flag: &Option<PathBuf>, file: &str, name: &'static str| {
        flag.clone()
            .or_else(|| dir.as_ref().map(|d| d.join(file)))
            .ok_or(rudder_tiller::Error::MissingTlsFlag { flag: name })
    };
    let cert = pick(&args.tls_cert, "tls.crt", "--tls-cert")?;
    let key = pick(&args.tls_key, "tls.key", "--tls-key")?;
    let client_ca = if args.tls_verify {
        Some(pick(&args.tls_ca_cert, "ca.crt", "--tls-ca-cert")?)
    } else {
        None
    };
    Ok(Some(TlsFiles {
        cert,
        key,
        client_ca,
    }))
}

/// The cluster: an in-memory one, a kubeconfig, or the Pod's service account (a kubeconfig
/// written for it, since the cluster client reads kubeconfig files).
fn kube(args: &Args) -> anyhow::Result<(Arc<dyn KubeClient>, Option<tempfile::TempDir>)> {
    if args.memory_cluster {
        return Ok((Arc::new(rudder_kube_memory::MemoryCluster::new()), None));
    }
    let mut keep = None;
    let kubeconfig = match &args.kubeconfig {
        Some(list) if !list.is_empty() => KubeOptions::split_paths(list),
        _ => {
            let host = std::env::var("KUBERNETES_SERVICE_HOST").ok();
            let port = std::env::var("KUBERNETES_SERVICE_PORT").ok();
            let (Some(host), Some(port)) = (host, port) else {
                bail!(
                    "Cannot initialize Kubernetes connection: no kubeconfig (--kubeconfig, KUBECONFIG) and not running in a cluster"
                );
            };
            let dir = tempfile::tempdir().context("writing the in-cluster kubeconfig")?;
            let path = dir.path().join("kubeconfig");
            fs_err::write(
                &path,
                rudder_tiller::backend::in_cluster_kubeconfig(
                    &host,
                    &port,
                    std::path::Path::new(SERVICE_ACCOUNT),
                ),
            )?;
            keep = Some(dir);
            vec![path]
        }
    };
    let options = KubeOptions {
        kubeconfig,
        ..KubeOptions::default()
    };
    let cluster = Cluster::connect(&options).context("Cannot initialize Kubernetes connection")?;
    Ok((Arc::new(cluster), keep))
}

fn run(args: Args) -> anyhow::Result<()> {
    let tls = tls_files(&args)?;
    server::check_security(&args.listen, tls.as_ref())?;
    let mutual = tls.as_ref().is_some_and(|t| t.client_ca.is_some());
    let policy = match (&args.authz_config, mutual) {
        (Some(path), _) => Policy::load(path)?,
        (None, true) => return Err(rudder_tiller::Error::MissingAuthz.into()),
        (None, false) => Policy::allow_all(),
    };
    if let Some(files) = &tls {
        // Fail before listening on files that cannot be used.
        rudder_tiller::tls::server_config(files)?;
    }
    let audit = if args.audit_log == "-" {
        Audit::new(Box::new(std::io::stderr()))
    } else {
        Audit::append_to(std::path::Path::new(&args.audit_log))?
    };
    let driver = DriverKind::parse(&args.storage)?;
    let (kube, _in_cluster) = kube(&args)?;
    let clock: Arc<dyn rudder_release::Clock> = Arc::new(SystemClock);
    let sql = Some(args.sql_connection_string.clone()).filter(|s| !s.is_empty());
    let mut backend = Backend::new(kube, driver, sql, clock);
    backend.history_max = usize::try_from(args.history_max).unwrap_or(0);
    let tiller = Tiller::new(Arc::new(backend), policy, audit.clone());

    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("starting the runtime")?;
    runtime.block_on(async move {
        let listener = server::bind(&args.listen).await?;
        log(&format!(
            "Starting Tiller {VERSION} (tls={}, mtls={mutual})",
            tls.is_some()
        ));
        log(&format!(
            "GRPC listening on {}",
            listener
                .local_addr()
                .map_or(args.listen.clone(), |a| a.to_string())
        ));
        if args.probe {
            let probes = server::bind(&args.probe_listen).await?;
            log(&format!("Probes listening on {}", args.probe_listen));
            tokio::spawn(server::serve_probes(probes));
        }
        log(&format!("Storage driver is {}", driver.name()));
        log(&format!("Max history per release is {}", args.history_max));
        // SIGTERM (the kubelet stopping the Pod) or SIGINT: stop accepting calls and let the
        // running ones finish, so no release is left pending by the shutdown.
        let mut term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
            .context("installing the SIGTERM handler")?;
        let shutdown = async move {
            tokio::select! {
                _ = tokio::signal::ctrl_c() => {}
                _ = term.recv() => {}
            }
            log("Shutting down: waiting for running calls to finish");
        };
        Server { tiller, tls, audit }
            .serve(listener, shutdown)
            .await
    })
}

/// Go's `time.Now()` in the local zone, as release times are recorded.
#[derive(Clone, Copy, Debug)]
struct SystemClock;

impl rudder_release::Clock for SystemClock {
    fn now(&self) -> rudder_release::Time {
        let now = jiff::ZonedDateTime::now();
        let ts = now.timestamp();
        rudder_release::Time::from_unix(
            ts.as_second(),
            u32::try_from(ts.subsec_nanosecond()).unwrap_or(0),
            now.offset().seconds(),
        )
    }
}
