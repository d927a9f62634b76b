//! The release service: each call is authorized, serialised with the other calls on the
//! same release when it writes, run on its own thread over the release actions, and audited.
//!
//! The action runs to its end even when the client goes away (its thread holds the release's
//! lock and writes the audit record), so a disconnect never leaves a release pending because
//! of the server.

use std::collections::BTreeMap;
use std::pin::Pin;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use rudder_action::context::{Context, LogSink};
use rudder_action::install::{DryRun, Install, WaitStrategy};
use rudder_proto::tiller as pb;
use rudder_proto::tiller::release_service_server::ReleaseService;
use rudder_release::{Release, Status};
use rudder_value::{Map, Value};
use tokio_stream::Stream;
use tonic::{Request, Response};

use crate::audit::{Audit, Entry};
use crate::authz::{Denied, Operation, Policy};
use crate::backend::Backend;
use crate::locks::ReleaseLocks;
use crate::tls::Peer;

/// The version the server reports (`GetVersion`): the Helm it stands in for.
pub const VERSION: &str = "v4.2.3";

/// The status metadata key marking an `upgrade --install` that failed while installing (the
/// client then reports it without `UPGRADE FAILED`, as Helm does).
pub const INSTALLING: &str = "rudder-installing";

/// Listed releases per streamed message.
const LIST_BATCH: usize = 64;

/// The release service over a [`Backend`].
#[derive(Clone, Debug)]
pub struct Tiller {
    backend: Arc<Backend>,
    policy: Arc<Policy>,
    audit: Audit,
    locks: Arc<ReleaseLocks>,
}

/// What a call is about, for authorization and the audit log.
struct Call {
    peer: Peer,
    operation: Operation,
    namespace: String,
    release: String,
    /// `--history-max` of this call, over the server's.
    history_max: Option<usize>,
}

/// How a call's context is made.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Scope {
    /// The server's cluster and storage.
    Server,
    /// A client-side dry run: an empty in-memory cluster and storage, as the CLI uses.
    ClientOnly,
}

/// Lines a call logged, returned to the client.
type Lines = Arc<Mutex<Vec<String>>>;

/// The whole error chain on one line, as the CLI's reporter prints it.
fn chain(e: &(dyn std::error::Error + 'static)) -> String {
    let mut out = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        let text = s.to_string();
        if !out.ends_with(&text) {
            out.push_str(": ");
            out.push_str(&text);
        }
        source = s.source();
    }
    out
}

fn action_status(e: &rudder_action::Error) -> tonic::Status {
    tonic::Status::unknown(chain(e))
}

fn encode(release: &Release) -> Result<pb::Release, tonic::Status> {
    release
        .to_json()
        .map(|json| pb::Release { json })
        .map_err(|e| tonic::Status::internal(format!("encoding the release: {}", chain(&e))))
}

fn decode_chart(chart: Option<&pb::Chart>) -> Result<rudder_chart::Chart, tonic::Status> {
    let chart = chart.ok_or_else(|| tonic::Status::invalid_argument("no chart given"))?;
    rudder_chart::load_archive(&chart.archive).map_err(|e| {
        tonic::Status::invalid_argument(format!("invalid chart archive: {}", chain(&e)))
    })
}

fn decode_values(text: &str) -> Result<Map, tonic::Status> {
    if text.trim().is_empty() {
        return Ok(Map::new());
    }
    match rudder_yaml::from_yaml(text) {
        Ok(Value::Map(m)) => Ok(m),
        Ok(Value::Nil) => Ok(Map::new()),
        Ok(_) => Err(tonic::Status::invalid_argument("values must be a YAML map")),
        Err(e) => Err(tonic::Status::invalid_argument(format!(
            "invalid values: {}",
            chain(&e)
        ))),
    }
}

fn timeout(ms: i64) -> Duration {
    if ms <= 0 {
        Duration::from_mins(5)
    } else {
        Duration::from_millis(ms.unsigned_abs())
    }
}

fn dry_run(value: &str) -> Result<DryRun, tonic::Status> {
    match value {
        "" | "none" => Ok(DryRun::None),
        "client" => Ok(DryRun::Client),
        "server" => Ok(DryRun::Server),
        v => Err(tonic::Status::invalid_argument(format!(
            "invalid dry-run value {v:?}"
        ))),
    }
}

fn wait(value: &str) -> Result<WaitStrategy, tonic::Status> {
    if value.is_empty() {
        return Ok(WaitStrategy::HookOnly);
    }
    WaitStrategy::parse(value)
        .ok_or_else(|| tonic::Status::invalid_argument(format!("invalid wait strategy {value:?}")))
}

fn labels(map: &std::collections::HashMap<String, String>) -> BTreeMap<String, String> {
    map.iter().map(|(k, v)| (k.clone(), v.clone())).collect()
}

fn propagation(value: &str) -> Result<rudder_kube::Propagation, tonic::Status> {
    match value {
        "" | "background" => Ok(rudder_kube::Propagation::Background),
        "foreground" => Ok(rudder_kube::Propagation::Foreground),
        "orphan" => Ok(rudder_kube::Propagation::Orphan),
        v => Err(tonic::Status::invalid_argument(format!(
            "invalid cascade value ({v}). Must be \"background\", \"foreground\", or \"orphan\""
        ))),
    }
}

fn peer_of<T>(request: &Request<T>) -> Peer {
    let mut peer = request
        .extensions()
        .get::<Peer>()
        .cloned()
        .unwrap_or_default();
    if peer.addr.is_empty()
        && let Some(addr) = request.remote_addr()
    {
        peer.addr = addr.to_string();
    }
    peer
}

impl Tiller {
    /// A service over `backend`, authorizing with `policy` and auditing to `audit`.
    pub fn new(backend: Arc<Backend>, policy: Policy, audit: Audit) -> Tiller {
        Tiller {
            backend,
            policy: Arc::new(policy),
            audit,
            locks: Arc::new(ReleaseLocks::default()),
        }
    }

    fn entry(call: &Call) -> Entry {
        Entry {
            peer: call.peer.addr.clone(),
            identity: call.peer.identity.clone().unwrap_or_default(),
            operation: call.operation.as_str().to_owned(),
            namespace: call.namespace.clone(),
            release: call.release.clone(),
            ..Entry::default()
        }
    }

    fn authorize(&self, call: &Call) -> Result<(), tonic::Status> {
        let Err(denied) = self.policy.check(
            call.peer.identity.as_deref(),
            call.operation,
            &call.namespace,
        ) else {
            return Ok(());
        };
        let status = match denied {
            Denied::NoIdentity => tonic::Status::unauthenticated(denied.to_string()),
            _ => tonic::Status::permission_denied(denied.to_string()),
        };
        self.audit.record(Entry {
            result: "denied",
            code: format!("{:?}", status.code()),
            message: status.message().to_owned(),
            ..Tiller::entry(call)
        });
        Err(status)
    }

    /// Authorizes, waits for the release's turn when the call writes, then runs `f` on its
    /// own thread; returns its value and the lines it logged.
    async fn run<T: Send + 'static>(
        &self,
        call: Call,
        scope: Scope,
        f: impl FnOnce(&Context) -> Result<T, tonic::Status> + Send + 'static,
    ) -> Result<(T, Vec<String>), tonic::Status> {
        self.authorize(&call)?;
        let guard = if call.operation.writes() && scope == Scope::Server {
            Some(self.locks.lock(&call.namespace, &call.release).await)
        } else {
            None
        };
        let (tx, rx) = tokio::sync::oneshot::channel();
        let backend = self.backend.clone();
        let audit = self.audit.clone();
        let spawned = std::thread::Builder::new()
            .name(format!("tiller-{}", call.operation.as_str()))
            .spawn(move || {
                let lines: Lines = Arc::default();
                let sink_lines = lines.clone();
                let sink: LogSink = Arc::new(move |line: &str| {
                    sink_lines
                        .lock()
                        .unwrap_or_else(PoisonError::into_inner)
                        .push(line.to_owned());
                });
                let ctx = match scope {
                    Scope::Server => backend
                        .context(&call.namespace, call.history_max, Some(sink))
                        .map_err(|e| {
                            tonic::Status::unavailable(format!("release storage: {}", chain(&e)))
                        }),
                    Scope::ClientOnly => Ok(client_only_context(&backend, &call.namespace, sink)),
                };
                let result = ctx.and_then(|ctx| f(&ctx));
                drop(guard);
                let (outcome, code, message) = match &result {
                    Ok(_) => ("ok", "Ok".to_owned(), String::new()),
                    Err(s) => ("error", format!("{:?}", s.code()), s.message().to_owned()),
                };
                audit.record(Entry {
                    result: outcome,
                    code,
                    message,
                    ..Tiller::entry(&call)
                });
                let lines =
                    std::mem::take(&mut *lines.lock().unwrap_or_else(PoisonError::into_inner));
                // The client may be gone; the result is recorded either way.
                let _ = tx.send(result.map(|v| (v, lines)));
            });
        if let Err(e) = spawned {
            return Err(tonic::Status::resource_exhausted(format!(
                "cannot start a worker thread: {e}"
            )));
        }
        rx.await
            .map_err(|_| tonic::Status::internal("the action's thread ended without an answer"))?
    }
}

/// Warnings an action reports, kept for the response.
type Warnings = Arc<Mutex<Vec<pb::Warning>>>;

fn warning_sink() -> (rudder_action::install::WarningSink, Warnings) {
    let warnings: Warnings = Arc::default();
    let kept = warnings.clone();
    let sink: rudder_action::install::WarningSink = Arc::new(move |w: &rudder_chart::Warning| {
        kept.lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push(crate::warning::encode(w));
    });
    (sink, warnings)
}

fn take(warnings: &Warnings) -> Vec<pb::Warning> {
    std::mem::take(&mut *warnings.lock().unwrap_or_else(PoisonError::into_inner))
}

fn client_only_context(backend: &Backend, namespace: &str, sink: LogSink) -> Context {
    let memory = rudder_storage::Memory::new();
    memory.set_namespace(namespace);
    let mut ctx = Context::new(
        Arc::new(rudder_kube_memory::MemoryCluster::new().with_namespace(namespace)),
        rudder_storage::Storage::new(memory),
        backend.clock(),
    );
    ctx.log = Some(sink);
    ctx
}

type Streamed<T> = Pin<Box<dyn Stream<Item = Result<T, tonic::Status>> + Send>>;

#[tonic::async_trait]
impl ReleaseService for Tiller {
    type ListReleasesStream = Streamed<pb::ListReleasesResponse>;
    type RunReleaseTestStream = Streamed<pb::TestReleaseResponse>;

    async fn list_releases(
        &self,
        request: Request<pb::ListReleasesRequest>,
    ) -> Result<Response<Self::ListReleasesStream>, tonic::Status> {
        let peer = peer_of(&request);
        let r = request.into_inner();
        let namespace = if r.all_namespaces {
            String::new()
        } else {
            r.namespace.clone()
        };
        let call = Call {
            peer,
            operation: Operation::List,
            namespace,
            release: String::new(),
            history_max: None,
        };
        let list = rudder_action::list::List {
            all: r.all,
            by_date: r.by_date,
            sort_reverse: r.sort_reverse,
            limit: usize::try_from(r.limit).unwrap_or(0),
            offset: usize::try_from(r.offset).unwrap_or(0),
            filter: r.filter,
            selector: r.selector,
            deployed: r.deployed,
            uninstalled: r.uninstalled,
            uninstalling: r.uninstalling,
            failed: r.failed,
            pending: r.pending,
            superseded: r.superseded,
        };
        let (releases, _) = self
            .run(call, Scope::Server, move |ctx| {
                let releases = list.run(ctx).map_err(|e| action_status(&e))?;
                releases.iter().map(encode).collect::<Result<Vec<_>, _>>()
            })
            .await?;
        let total = releases.len() as i64;
        let mut batches: Vec<Result<pb::ListReleasesResponse, tonic::Status>> = releases
            .chunks(LIST_BATCH)
            .map(|chunk| {
                Ok(pb::ListReleasesResponse {
                    count: chunk.len() as i64,
                    total,
                    releases: chunk.to_vec(),
                })
            })
            .collect();
        if batches.is_empty() {
            batches.push(Ok(pb::ListReleasesResponse {
                count: 0,
                total: 0,
                releases: Vec::new(),
            }));
        }
        Ok(Response::new(Box::pin(tokio_stream::iter(batches))))
    }

    async fn get_release_status(
        &self,
        request: Request<pb::GetReleaseStatusRequest>,
    ) -> Result<Response<pb::GetReleaseStatusResponse>, tonic::Status> {
        let peer = peer_of(&request);
        let r = request.into_inner();
        let call = Call {
            peer,
            operation: Operation::Status,
            namespace: r.namespace.clone(),
            release: r.name.clone(),
            history_max: None,
        };
        let (response, log) = self
            .run(call, Scope::Server, move |ctx| {
                let (release, resources) = rudder_action::status::Status {
                    version: r.version,
                    tables: r.tables,
                }
                .run(ctx, &r.name)
                .map_err(|e| action_status(&e))?;
                let resources_json = serde_json::to_string(&resources)
                    .map_err(|e| tonic::Status::internal(e.to_string()))?;
                Ok(pb::GetReleaseStatusResponse {
                    release: Some(encode(&release)?),
                    resources_json,
                    log: Vec::new(),
                })
            })
            .await?;
        Ok(Response::new(pb::GetReleaseStatusResponse {
            log,
            ..response
        }))
    }

    async fn get_release_content(
        &self,
        request: Request<pb::GetReleaseContentRequest>,
    ) -> Result<Response<pb::GetReleaseContentResponse>, tonic::Status> {
        let peer = peer_of(&request);
        let r = request.into_inner();
        let call = Call {
            peer,
            operation: Operation::Get,
            namespace: r.namespace.clone(),
            release: r.name.clone(),
            history_max: None,
        };
        let (release, _) = self
            .run(call, Scope::Server, move |ctx| {
                let release = rudder_action::get::Get { version: r.version }
                    .run(ctx, &r.name)
                    .map_err(|e| action_status(&e))?;
                encode(&release)
            })
            .await?;
        Ok(Response::new(pb::GetReleaseContentResponse {
            release: Some(release),
        }))
    }

    async fn update_release(
        &self,
        request: Request<pb::UpdateReleaseRequest>,
    ) -> Result<Response<pb::UpdateReleaseResponse>, tonic::Status> {
        let peer = peer_of(&request);
        let r = request.into_inner();
        let chart = decode_chart(r.chart.as_ref())?;
        let values = decode_values(&r.values)?;
        let dry = dry_run(&r.dry_run)?;
        let upgrade = rudder_action::upgrade::Upgrade {
            install: r.install,
            timeout: timeout(r.timeout_ms),
            wait: wait(&r.wait)?,
            wait_for_jobs: r.wait_for_jobs,
            disable_hooks: r.disable_hooks,
            dry_run: dry,
            force_replace: r.force_replace,
            force_conflicts: r.force_conflicts,
            server_side: if r.server_side.is_empty() {
                "auto".to_owned()
            } else {
                r.server_side.clone()
            },
            reset_values: r.reset_values,
            reuse_values: r.reuse_values,
            reset_then_reuse_values: r.reset_then_reuse_values,
            rollback_on_failure: r.rollback_on_failure,
            cleanup_on_fail: r.cleanup_on_fail,
            sub_notes: r.sub_notes,
            skip_schema_validation: r.skip_schema_validation,
            description: r.description.clone(),
            labels: labels(&r.labels),
            enable_dns: r.enable_dns,
            take_ownership: r.take_ownership,
            recover: r.recover,
            hide_secret: r.hide_secret,
            ..rudder_action::upgrade::Upgrade::default()
        };
        let install = Install {
            release_name: r.name.clone(),
            namespace: r.namespace.clone(),
            create_namespace: r.create_namespace,
            disable_hooks: r.disable_hooks,
            rollback_on_failure: r.rollback_on_failure,
            skip_schema_validation: r.skip_schema_validation,
            sub_notes: r.sub_notes,
            enable_dns: r.enable_dns,
            dry_run: dry,
            wait: upgrade.wait,
            wait_for_jobs: r.wait_for_jobs,
            timeout: upgrade.timeout,
            description: r.description.clone(),
            take_ownership: r.take_ownership,
            labels: upgrade.labels.clone(),
            server_side: r.server_side != "false",
            force_conflicts: r.force_conflicts,
            force_replace: r.force_replace,
            hide_secret: r.hide_secret,
            ..Install::default()
        };
        let call = Call {
            peer,
            operation: Operation::Upgrade,
            namespace: r.namespace.clone(),
            release: r.name.clone(),
            history_max: usize::try_from(r.history_max).ok(),
        };
        let name = r.name;
        let (sink, warnings) = warning_sink();
        let upgrade = rudder_action::upgrade::Upgrade {
            on_warning: Some(sink.clone()),
            ..upgrade
        };
        let install = Install {
            on_warning: Some(sink),
            ..install
        };
        let ((release, installed), log) = self
            .run(call, Scope::Server, move |ctx| {
                if upgrade.install {
                    // Helm installs when the release has no history, or when its last
                    // revision is uninstalled (then with --replace): pkg/cmd/upgrade.go.
                    let (missing, replace) = match ctx.releases.history(&name) {
                        Err(rudder_storage::Error::ReleaseNotFound) => (true, false),
                        Ok(history) => {
                            let uninstalled = history
                                .iter()
                                .max_by_key(|r| r.version)
                                .is_some_and(|r| r.info.status == Some(Status::Uninstalled));
                            (uninstalled, uninstalled)
                        }
                        Err(e) => return Err(tonic::Status::unknown(chain(&e))),
                    };
                    if missing {
                        let install = Install { replace, ..install };
                        let release = install.run(ctx, chart, &values).map_err(|e| {
                            let mut status = action_status(&e);
                            status.metadata_mut().insert(
                                INSTALLING,
                                tonic::metadata::MetadataValue::from_static("1"),
                            );
                            status
                        })?;
                        return Ok((encode(&release)?, true));
                    }
                }
                let release = upgrade
                    .run(ctx, &name, chart, &values)
                    .map_err(|e| action_status(&e))?;
                Ok((encode(&release)?, false))
            })
            .await?;
        Ok(Response::new(pb::UpdateReleaseResponse {
            release: Some(release),
            log,
            installed,
            warnings: take(&warnings),
        }))
    }

    async fn install_release(
        &self,
        request: Request<pb::InstallReleaseRequest>,
    ) -> Result<Response<pb::InstallReleaseResponse>, tonic::Status> {
        let peer = peer_of(&request);
        let r = request.into_inner();
        let chart = decode_chart(r.chart.as_ref())?;
        let values = decode_values(&r.values)?;
        let dry = dry_run(&r.dry_run)?;
        let install = Install {
            release_name: r.name.clone(),
            namespace: r.namespace.clone(),
            include_crds: r.include_crds,
            kube_version: Some(r.kube_version.clone()).filter(|v| !v.is_empty()),
            api_versions: r.api_versions.clone(),
            skip_schema_validation: r.skip_schema_validation,
            sub_notes: r.sub_notes,
            enable_dns: r.enable_dns,
            dry_run: dry,
            create_namespace: r.create_namespace,
            replace: r.replace,
            wait: wait(&r.wait)?,
            wait_for_jobs: r.wait_for_jobs,
            timeout: timeout(r.timeout_ms),
            description: r.description.clone(),
            skip_crds: r.skip_crds,
            take_ownership: r.take_ownership,
            labels: labels(&r.labels),
            disable_hooks: r.disable_hooks,
            rollback_on_failure: r.rollback_on_failure,
            server_side: r.server_side,
            force_conflicts: r.force_conflicts,
            force_replace: r.force_replace,
            hide_secret: r.hide_secret,
            ..Install::default()
        };
        let call = Call {
            peer,
            operation: Operation::Install,
            namespace: r.namespace,
            release: r.name,
            history_max: None,
        };
        let scope = if dry.interacts_with_server() {
            Scope::Server
        } else {
            Scope::ClientOnly
        };
        let (sink, warnings) = warning_sink();
        let install = Install {
            on_warning: Some(sink),
            ..install
        };
        let (release, log) = self
            .run(call, scope, move |ctx| {
                let release = install
                    .run(ctx, chart, &values)
                    .map_err(|e| action_status(&e))?;
                encode(&release)
            })
            .await?;
        Ok(Response::new(pb::InstallReleaseResponse {
            release: Some(release),
            log,
            warnings: take(&warnings),
        }))
    }

    async fn uninstall_release(
        &self,
        request: Request<pb::UninstallReleaseRequest>,
    ) -> Result<Response<pb::UninstallReleaseResponse>, tonic::Status> {
        let peer = peer_of(&request);
        let r = request.into_inner();
        let uninstall = rudder_action::uninstall::Uninstall {
            disable_hooks: r.disable_hooks,
            dry_run: r.dry_run,
            ignore_not_found: r.ignore_not_found,
            keep_history: r.keep_history,
            wait: r.wait,
            propagation: propagation(&r.cascade)?,
            timeout: timeout(r.timeout_ms),
            description: r.description.clone(),
        };
        let call = Call {
            peer,
            operation: Operation::Uninstall,
            namespace: r.namespace,
            release: r.name.clone(),
            history_max: None,
        };
        let name = r.name;
        let ((release, info), log) = self
            .run(call, Scope::Server, move |ctx| {
                let response = uninstall.run(ctx, &name).map_err(|e| action_status(&e))?;
                let release = response.release.as_ref().map(encode).transpose()?;
                Ok((release, response.info))
            })
            .await?;
        Ok(Response::new(pb::UninstallReleaseResponse {
            release,
            info,
            log,
        }))
    }

    async fn get_version(
        &self,
        request: Request<pb::GetVersionRequest>,
    ) -> Result<Response<pb::GetVersionResponse>, tonic::Status> {
        let call = Call {
            peer: peer_of(&request),
            operation: Operation::Version,
            namespace: String::new(),
            release: String::new(),
            history_max: None,
        };
        self.authorize(&call)?;
        self.audit.record(Entry {
            result: "ok",
            code: "Ok".to_owned(),
            ..Tiller::entry(&call)
        });
        Ok(Response::new(pb::GetVersionResponse {
            version: VERSION.to_owned(),
            git_commit: String::new(),
        }))
    }

    async fn rollback_release(
        &self,
        request: Request<pb::RollbackReleaseRequest>,
    ) -> Result<Response<pb::RollbackReleaseResponse>, tonic::Status> {
        let peer = peer_of(&request);
        let r = request.into_inner();
        let rollback = rudder_action::rollback::Rollback {
            version: r.version,
            timeout: timeout(r.timeout_ms),
            wait: r.wait,
            wait_for_jobs: r.wait_for_jobs,
            disable_hooks: r.disable_hooks,
            dry_run: r.dry_run,
            force_replace: r.force_replace,
            force_conflicts: r.force_conflicts,
            server_side: if r.server_side.is_empty() {
                "auto".to_owned()
            } else {
                r.server_side.clone()
            },
            cleanup_on_fail: r.cleanup_on_fail,
        };
        let call = Call {
            peer,
            operation: Operation::Rollback,
            namespace: r.namespace,
            release: r.name.clone(),
            history_max: None,
        };
        let name = r.name;
        let (release, log) = self
            .run(call, Scope::Server, move |ctx| {
                let release = rollback.run(ctx, &name).map_err(|e| action_status(&e))?;
                encode(&release)
            })
            .await?;
        Ok(Response::new(pb::RollbackReleaseResponse {
            release: Some(release),
            log,
        }))
    }

    async fn get_history(
        &self,
        request: Request<pb::GetHistoryRequest>,
    ) -> Result<Response<pb::GetHistoryResponse>, tonic::Status> {
        let peer = peer_of(&request);
        let r = request.into_inner();
        let call = Call {
            peer,
            operation: Operation::History,
            namespace: r.namespace,
            release: r.name.clone(),
            history_max: None,
        };
        let history = rudder_action::history::History {
            max: usize::try_from(r.max).unwrap_or(0),
        };
        let name = r.name;
        let (releases, _) = self
            .run(call, Scope::Server, move |ctx| {
                let releases = history.run(ctx, &name).map_err(|e| action_status(&e))?;
                releases.iter().map(encode).collect::<Result<Vec<_>, _>>()
            })
            .await?;
        Ok(Response::new(pb::GetHistoryResponse { releases }))
    }

    async fn run_release_test(
        &self,
        request: Request<pb::TestReleaseRequest>,
    ) -> Result<Response<Self::RunReleaseTestStream>, tonic::Status> {
        let peer = peer_of(&request);
        let r = request.into_inner();
        let testing = rudder_action::release_test::ReleaseTesting {
            timeout: timeout(r.timeout_ms),
            namespace: r.namespace.clone(),
            include: r.include,
            exclude: r.exclude,
        };
        let call = Call {
            peer,
            operation: Operation::Test,
            namespace: r.namespace,
            release: r.name.clone(),
            history_max: None,
        };
        let name = r.name;
        let logs = r.logs;
        let (last, log) = self
            .run(call, Scope::Server, move |ctx| {
                let run = testing.run(ctx, &name).map_err(|e| action_status(&e))?;
                let pod_logs = if logs {
                    testing
                        .pod_logs(ctx, &run.release)
                        .map_err(|e| action_status(&e))?
                } else {
                    String::new()
                };
                // Helm deletes the hooks by policy last, after reading the logs; its error
                // counts only when the tests passed.
                let shutdown = run.shutdown.run(ctx, &run.release);
                let error = match (&run.result, &shutdown) {
                    (Err(e), _) => chain(e),
                    (Ok(()), Err(e)) => chain(e),
                    (Ok(()), Ok(())) => String::new(),
                };
                Ok(pb::TestReleaseResponse {
                    msg: String::new(),
                    release: Some(encode(&run.release)?),
                    error,
                    logs: pod_logs,
                })
            })
            .await?;
        let mut messages: Vec<Result<pb::TestReleaseResponse, tonic::Status>> = log
            .into_iter()
            .map(|msg| {
                Ok(pb::TestReleaseResponse {
                    msg,
                    ..pb::TestReleaseResponse::default()
                })
            })
            .collect();
        messages.push(Ok(last));
        Ok(Response::new(Box::pin(tokio_stream::iter(messages))))
    }
}
