//! `--host` / `HELM_HOST`: release commands sent to a tiller (`rudder-tiller`) instead of the
//! cluster. Each function takes the same action options the command would run directly and
//! returns what the action returns, so the commands print the same output in both modes.
//!
//! The chart travels as its archive (packaged here as `helm package` does) and the values as
//! YAML; releases come back as release records. The server's refusals and the actions'
//! errors come back as gRPC statuses whose message is Helm's error text.

use std::future::Future;

use anyhow::{Context as _, anyhow};
use rudder_action::context::Context;
use rudder_action::install::{DryRun, Install, WaitStrategy};
use rudder_action::list::List;
use rudder_action::release_test::ReleaseTesting;
use rudder_action::rollback::Rollback;
use rudder_action::status::{Resources, Status};
use rudder_action::uninstall::{Response, Uninstall};
use rudder_action::upgrade::Upgrade;
use rudder_chart::Chart;
use rudder_proto::client::connect;
use rudder_proto::tiller as pb;
use rudder_proto::tiller::release_service_client::ReleaseServiceClient;
use rudder_release::Release;
use rudder_value::{Map, Value};
use tonic::transport::Channel;

use crate::settings::Settings;

/// Runs one call on a runtime of its own (the commands are synchronous).
fn block_on<T>(f: impl Future<Output = anyhow::Result<T>>) -> anyhow::Result<T> {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .context("starting the tiller client")?
        .block_on(f)
}

async fn client(settings: &Settings) -> anyhow::Result<ReleaseServiceClient<Channel>> {
    let host = settings.host.as_deref().unwrap_or_default();
    Ok(connect(host, settings.tiller_tls.as_ref()).await?)
}

/// The server's status as the error the command reports: the action's own text for the
/// action's failures and the server's refusals, the transport's cause otherwise.
fn status_error(settings: &Settings, status: &tonic::Status) -> anyhow::Error {
    use tonic::Code;
    match status.code() {
        Code::Unknown
        | Code::PermissionDenied
        | Code::Unauthenticated
        | Code::InvalidArgument
        | Code::NotFound => {
            if status.metadata().get(pb_installing()).is_some() {
                return Installing(status.message().to_owned()).into();
            }
            anyhow!("{}", status.message())
        }
        _ => {
            let mut text = status.message().to_owned();
            let mut source = std::error::Error::source(status);
            while let Some(s) = source {
                text.push_str(": ");
                text.push_str(&s.to_string());
                source = s.source();
            }
            anyhow!(
                "tiller at {}: {text}",
                settings.host.as_deref().unwrap_or_default()
            )
        }
    }
}

/// The status metadata key tiller sets when `upgrade --install` failed while installing.
fn pb_installing() -> &'static str {
    "rudder-installing"
}

fn decode(r: Option<&pb::Release>) -> anyhow::Result<Release> {
    let r = r.ok_or_else(|| anyhow!("tiller sent no release"))?;
    Release::from_json(&r.json).context("tiller sent an unreadable release")
}

/// The lines the action logged on the server, shown as the direct mode shows them (stderr,
/// under `--debug`).
fn log(settings: &Settings, lines: &[String]) {
    if settings.debug {
        #[expect(clippy::print_stderr, reason = "Helm's debug log goes to stderr")]
        for line in lines {
            eprintln!("{line}");
        }
    }
}

/// A post-renderer is a program on the client's machine; tiller renders on the server.
fn post_renderer_refused() -> anyhow::Error {
    anyhow!("--post-renderer cannot be used with --host: tiller renders charts on the server")
}

/// Reports the warnings tiller sent as the direct mode reports them.
fn warn(sink: Option<&rudder_action::install::WarningSink>, warnings: &[pb::Warning]) {
    if let Some(sink) = sink {
        for w in warnings.iter().filter_map(decode_warning) {
            sink(&w);
        }
    }
}

/// The chart as the archive `helm package` writes.
fn archive(chart: &Chart) -> anyhow::Result<pb::Chart> {
    let dir = tempfile::tempdir().context("packaging the chart for tiller")?;
    let path = rudder_chart::save_archive(chart, dir.path(), &|_| 0)
        .context("packaging the chart for tiller")?;
    Ok(pb::Chart {
        archive: fs_err::read(path)?,
    })
}

fn values_yaml(values: &Map) -> String {
    if values.is_empty() {
        return String::new();
    }
    rudder_yaml::to_yaml_pretty(&Value::Map(values.clone()))
}

fn dry_run(d: DryRun) -> String {
    match d {
        DryRun::None => String::new(),
        DryRun::Client => "client".to_owned(),
        DryRun::Server => "server".to_owned(),
    }
}

fn wait(w: WaitStrategy) -> String {
    match w {
        WaitStrategy::HookOnly => "hookOnly",
        WaitStrategy::Watcher => "watcher",
        WaitStrategy::Legacy => "legacy",
    }
    .to_owned()
}

fn millis(d: std::time::Duration) -> i64 {
    i64::try_from(d.as_millis()).unwrap_or(i64::MAX)
}

/// `install` through tiller.
pub fn install(
    settings: &Settings,
    install: &Install,
    chart: &Chart,
    values: &Map,
) -> anyhow::Result<Release> {
    if install.post_renderer.is_some() {
        return Err(post_renderer_refused());
    }
    let request = pb::InstallReleaseRequest {
        chart: Some(archive(chart)?),
        values: values_yaml(values),
        name: install.release_name.clone(),
        namespace: install.namespace.clone(),
        dry_run: dry_run(install.dry_run),
        disable_hooks: install.disable_hooks,
        timeout_ms: millis(install.timeout),
        wait: wait(install.wait),
        wait_for_jobs: install.wait_for_jobs,
        description: install.description.clone(),
        sub_notes: install.sub_notes,
        create_namespace: install.create_namespace,
        replace: install.replace,
        skip_crds: install.skip_crds,
        take_ownership: install.take_ownership,
        labels: install.labels.clone().into_iter().collect(),
        rollback_on_failure: install.rollback_on_failure,
        server_side: install.server_side,
        force_conflicts: install.force_conflicts,
        force_replace: install.force_replace,
        include_crds: install.include_crds,
        skip_schema_validation: install.skip_schema_validation,
        enable_dns: install.enable_dns,
        kube_version: install.kube_version.clone().unwrap_or_default(),
        api_versions: install.api_versions.clone(),
        hide_secret: install.hide_secret,
    };
    block_on(async {
        let response = client(settings)
            .await?
            .install_release(request)
            .await
            .map_err(|s| status_error(settings, &s))?
            .into_inner();
        warn(install.on_warning.as_ref(), &response.warnings);
        log(settings, &response.log);
        decode(response.release.as_ref())
    })
}

/// `upgrade` through tiller; with `install_options` (`--install`), tiller installs when the
/// release does not exist, and the second value says it did.
pub fn upgrade(
    settings: &Settings,
    upgrade: &Upgrade,
    install_options: Option<&Install>,
    name: &str,
    chart: &Chart,
    values: &Map,
    history_max: Option<i64>,
) -> anyhow::Result<(Release, bool)> {
    if upgrade.post_renderer.is_some() {
        return Err(post_renderer_refused());
    }
    let request = pb::UpdateReleaseRequest {
        name: name.to_owned(),
        namespace: settings.namespace().to_owned(),
        chart: Some(archive(chart)?),
        values: values_yaml(values),
        install: install_options.is_some(),
        timeout_ms: millis(upgrade.timeout),
        wait: wait(upgrade.wait),
        wait_for_jobs: upgrade.wait_for_jobs,
        disable_hooks: upgrade.disable_hooks,
        dry_run: dry_run(upgrade.dry_run),
        force_replace: upgrade.force_replace,
        force_conflicts: upgrade.force_conflicts,
        server_side: upgrade.server_side.clone(),
        reset_values: upgrade.reset_values,
        reuse_values: upgrade.reuse_values,
        reset_then_reuse_values: upgrade.reset_then_reuse_values,
        rollback_on_failure: upgrade.rollback_on_failure,
        cleanup_on_fail: upgrade.cleanup_on_fail,
        sub_notes: upgrade.sub_notes,
        skip_schema_validation: upgrade.skip_schema_validation,
        description: upgrade.description.clone(),
        labels: upgrade.labels.clone().into_iter().collect(),
        enable_dns: upgrade.enable_dns,
        take_ownership: upgrade.take_ownership,
        recover: upgrade.recover,
        history_max: history_max.unwrap_or(-1),
        create_namespace: install_options.is_some_and(|i| i.create_namespace),
        hide_secret: upgrade.hide_secret,
    };
    block_on(async {
        let response = client(settings)
            .await?
            .update_release(request)
            .await
            .map_err(|s| status_error(settings, &s))?
            .into_inner();
        warn(upgrade.on_warning.as_ref(), &response.warnings);
        log(settings, &response.log);
        Ok((decode(response.release.as_ref())?, response.installed))
    })
}

/// `rollback` through tiller.
pub fn rollback(
    settings: &Settings,
    rollback: &Rollback,
    name: &str,
    history_max: Option<i64>,
) -> anyhow::Result<Release> {
    let request = pb::RollbackReleaseRequest {
        name: name.to_owned(),
        namespace: settings.namespace().to_owned(),
        version: rollback.version,
        timeout_ms: millis(rollback.timeout),
        wait: rollback.wait,
        wait_for_jobs: rollback.wait_for_jobs,
        disable_hooks: rollback.disable_hooks,
        dry_run: rollback.dry_run,
        force_replace: rollback.force_replace,
        force_conflicts: rollback.force_conflicts,
        server_side: rollback.server_side.clone(),
        cleanup_on_fail: rollback.cleanup_on_fail,
        history_max: history_max.unwrap_or(-1),
    };
    block_on(async {
        let response = client(settings)
            .await?
            .rollback_release(request)
            .await
            .map_err(|s| status_error(settings, &s))?
            .into_inner();
        log(settings, &response.log);
        decode(response.release.as_ref())
    })
}

/// `uninstall` through tiller.
pub fn uninstall(
    settings: &Settings,
    uninstall: &Uninstall,
    name: &str,
) -> anyhow::Result<Response> {
    let request = pb::UninstallReleaseRequest {
        name: name.to_owned(),
        namespace: settings.namespace().to_owned(),
        disable_hooks: uninstall.disable_hooks,
        dry_run: uninstall.dry_run,
        ignore_not_found: uninstall.ignore_not_found,
        keep_history: uninstall.keep_history,
        wait: uninstall.wait,
        cascade: uninstall.propagation.as_str().to_lowercase(),
        timeout_ms: millis(uninstall.timeout),
        description: uninstall.description.clone(),
    };
    block_on(async {
        let response = client(settings)
            .await?
            .uninstall_release(request)
            .await
            .map_err(|s| status_error(settings, &s))?
            .into_inner();
        log(settings, &response.log);
        let release = match &response.release {
            Some(_) => Some(decode(response.release.as_ref())?),
            None => None,
        };
        Ok(Response {
            release,
            info: response.info,
        })
    })
}

/// `status` through tiller.
pub fn status(
    settings: &Settings,
    status: &Status,
    name: &str,
) -> anyhow::Result<(Release, Resources)> {
    let request = pb::GetReleaseStatusRequest {
        name: name.to_owned(),
        namespace: settings.namespace().to_owned(),
        version: status.version,
        tables: status.tables,
    };
    block_on(async {
        let response = client(settings)
            .await?
            .get_release_status(request)
            .await
            .map_err(|s| status_error(settings, &s))?
            .into_inner();
        log(settings, &response.log);
        let resources: Resources = if response.resources_json.is_empty() {
            Resources::new()
        } else {
            serde_json::from_str(&response.resources_json)
                .context("tiller sent unreadable resources")?
        };
        Ok((decode(response.release.as_ref())?, resources))
    })
}

/// `history` through tiller.
pub fn history(settings: &Settings, max: usize, name: &str) -> anyhow::Result<Vec<Release>> {
    let request = pb::GetHistoryRequest {
        name: name.to_owned(),
        namespace: settings.namespace().to_owned(),
        max: i64::try_from(max).unwrap_or(i64::MAX),
    };
    block_on(async {
        let response = client(settings)
            .await?
            .get_history(request)
            .await
            .map_err(|s| status_error(settings, &s))?
            .into_inner();
        response.releases.iter().map(|r| decode(Some(r))).collect()
    })
}

/// `list` through tiller (`all_namespaces`: `--all-namespaces`).
pub fn list(
    settings: &Settings,
    list: &List,
    all_namespaces: bool,
) -> anyhow::Result<Vec<Release>> {
    let request = pb::ListReleasesRequest {
        namespace: settings.namespace().to_owned(),
        all_namespaces,
        limit: i64::try_from(list.limit).unwrap_or(i64::MAX),
        offset: i64::try_from(list.offset).unwrap_or(i64::MAX),
        filter: list.filter.clone(),
        selector: list.selector.clone(),
        by_date: list.by_date,
        sort_reverse: list.sort_reverse,
        all: list.all,
        deployed: list.deployed,
        uninstalled: list.uninstalled,
        uninstalling: list.uninstalling,
        failed: list.failed,
        pending: list.pending,
        superseded: list.superseded,
    };
    block_on(async {
        use tokio_stream::StreamExt as _;
        let mut stream = client(settings)
            .await?
            .list_releases(request)
            .await
            .map_err(|s| status_error(settings, &s))?
            .into_inner();
        let mut releases = Vec::new();
        while let Some(batch) = stream.next().await {
            let batch = batch.map_err(|s| status_error(settings, &s))?;
            for r in &batch.releases {
                releases.push(decode(Some(r))?);
            }
        }
        Ok(releases)
    })
}

/// A stored revision through tiller (`get`; 0 is the last).
pub fn release(settings: &Settings, name: &str, version: i64) -> anyhow::Result<Release> {
    let request = pb::GetReleaseContentRequest {
        name: name.to_owned(),
        namespace: settings.namespace().to_owned(),
        version,
    };
    block_on(async {
        let response = client(settings)
            .await?
            .get_release_content(request)
            .await
            .map_err(|s| status_error(settings, &s))?
            .into_inner();
        decode(response.release.as_ref())
    })
}

/// A context holding only `release` in memory, for the `get` actions that read nothing but
/// the release (values, metadata) to run locally on what tiller sent.
pub fn context_with(settings: &Settings, release: &Release) -> anyhow::Result<Context> {
    let memory = rudder_storage::Memory::new();
    memory.set_namespace(&release.namespace);
    let storage = rudder_storage::Storage::new(memory);
    storage.create(release)?;
    Ok(Context::new(
        std::sync::Arc::new(
            rudder_kube_memory::MemoryCluster::new().with_namespace(settings.namespace()),
        ),
        storage,
        crate::commands::context::clock(settings)?,
    ))
}

/// What a test run through tiller left.
#[derive(Debug)]
pub struct TestOutcome {
    /// The release as stored after the run.
    pub release: Release,
    /// `--logs` output.
    pub logs: String,
    /// The tests' failure, if any.
    pub error: Option<anyhow::Error>,
}

/// `test` through tiller.
pub fn test(
    settings: &Settings,
    testing: &ReleaseTesting,
    name: &str,
    logs: bool,
) -> anyhow::Result<TestOutcome> {
    let request = pb::TestReleaseRequest {
        name: name.to_owned(),
        namespace: settings.namespace().to_owned(),
        timeout_ms: millis(testing.timeout),
        include: testing.include.clone(),
        exclude: testing.exclude.clone(),
        logs,
    };
    block_on(async {
        use tokio_stream::StreamExt as _;
        let mut stream = client(settings)
            .await?
            .run_release_test(request)
            .await
            .map_err(|s| status_error(settings, &s))?
            .into_inner();
        let mut last = None;
        let mut lines = Vec::new();
        while let Some(message) = stream.next().await {
            let message = message.map_err(|s| status_error(settings, &s))?;
            if message.release.is_some() {
                last = Some(message);
            } else {
                lines.push(message.msg);
            }
        }
        log(settings, &lines);
        let last = last.ok_or_else(|| anyhow!("tiller ended the test run without a result"))?;
        Ok(TestOutcome {
            release: decode(last.release.as_ref())?,
            logs: last.logs,
            error: Some(last.error)
                .filter(|e| !e.is_empty())
                .map(|e| anyhow!("{e}")),
        })
    })
}

/// An `upgrade --install` that failed while installing (tiller marks the status).
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct Installing(String);

/// A warning tiller sent, as the direct mode's `on_warning` receives it; `None` for a kind
/// this build does not know.
fn decode_warning(w: &pb::Warning) -> Option<rudder_chart::Warning> {
    Some(match w.kind.as_str() {
        "skipped_not_table" => rudder_chart::Warning::SkippedNotTable { key: w.key.clone() },
        "cannot_overwrite_table" => rudder_chart::Warning::CannotOverwriteTable {
            key: w.key.clone(),
            value: rudder_yaml::from_yaml(&w.value).unwrap_or(Value::Nil),
        },
        "destination_is_table" => rudder_chart::Warning::DestinationIsTable {
            key: w.key.clone(),
            value: rudder_yaml::from_yaml(&w.value).unwrap_or(Value::Nil),
        },
        "globals_not_table" => rudder_chart::Warning::GlobalsNotTable {
            destination: w.destination,
        },
        "global_conflict" => rudder_chart::Warning::GlobalConflict { key: w.key.clone() },
        "global_key_is_table" => rudder_chart::Warning::GlobalKeyIsTable { key: w.key.clone() },
        "non_bool_condition" => rudder_chart::Warning::NonBoolCondition {
            path: w.path.clone(),
            chart: w.chart.clone(),
        },
        "non_bool_tag" => rudder_chart::Warning::NonBoolTag {
            tag: w.tag.clone(),
            chart: w.chart.clone(),
        },
        "import_values_missing_table" => rudder_chart::Warning::ImportValuesMissingTable {
            chart: w.chart.clone(),
            key: w.key.clone(),
        },
        _ => return None,
    })
}
