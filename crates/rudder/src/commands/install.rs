//! `rudder install`: install a chart as a release (helm/helm `pkg/cmd/install.go`), and the
//! flag handling `upgrade` shares with it.

use std::collections::BTreeMap;
use std::io::Write;
use std::sync::Arc;
use std::time::Duration;

use anyhow::{Context as _, bail};
use rudder_action::Context;
use rudder_action::install::{DryRun, Install, WaitStrategy};
use rudder_action::postrender::PostRenderer;
use rudder_chart::Chart;
use rudder_release::Release;
use rudder_value::Map;

use crate::cli::{InstallArgs, ReleaseArgs};
use crate::commands::chart::user_values;
use crate::commands::status_printer::{OutputFormat, StatusPrinter};
use crate::commands::template::{go_parse_bool, log, post_renderer, print_warning, quote, warn};
use crate::settings::Settings;

/// What both commands read from their shared flags before running.
pub struct Common {
    /// `-o`.
    pub output: OutputFormat,
    /// `--dry-run`.
    pub dry_run: DryRun,
    /// `--wait`.
    pub wait: WaitStrategy,
    /// `--timeout`.
    pub timeout: Duration,
    /// `--labels`.
    pub labels: BTreeMap<String, String>,
    /// `--post-renderer`.
    pub post_renderer: Option<Arc<dyn PostRenderer>>,
}

/// Cobra's flag parsing for the flags install and upgrade share, in the order Helm reports
/// their errors, with the deprecation notices it prints.
pub fn common_flags(release: &ReleaseArgs, settings: &Settings) -> anyhow::Result<Common> {
    for (set, flag, why) in [
        (release.force, "force", "use --force-replace instead"),
        (
            release.atomic,
            "atomic",
            "use --rollback-on-failure instead",
        ),
    ] {
        if set {
            #[expect(
                clippy::print_stderr,
                reason = "cobra's deprecation notice goes to stderr"
            )]
            {
                eprintln!("Flag --{flag} has been deprecated, {why}");
            }
        }
    }
    let wait = match release.wait.as_deref() {
        None => WaitStrategy::HookOnly,
        Some(v) => {
            match v {
                "true" => warn(
                    "--wait=true is deprecated (boolean value) and can be replaced with --wait=watcher",
                ),
                "false" => warn(
                    "--wait=false is deprecated (boolean value) and can be replaced with --wait=hookOnly",
                ),
                _ => {}
            }
            WaitStrategy::parse(v).ok_or_else(|| {
                anyhow::anyhow!(
                    "invalid argument {} for \"--wait\" flag: invalid wait input {}. Valid inputs are watcher, hookOnly, and legacy",
                    quote(v),
                    quote(v)
                )
            })?
        }
    };
    let timeout = crate::commands::repo::parse_duration(&release.timeout)?;
    let output = OutputFormat::parse(&release.output)?;
    let mut labels = BTreeMap::new();
    for pair in &release.labels {
        let Some((k, v)) = pair.split_once('=') else {
            bail!(
                "invalid argument {} for \"-l, --labels\" flag: {} must be formatted as key=value",
                quote(&release.labels.join(",")),
                pair
            );
        };
        labels.insert(k.to_owned(), v.to_owned());
    }
    let mut renderers = release.post_renderer.iter().filter(|p| !p.is_empty());
    let first = renderers.next();
    if let Some(second) = renderers.next() {
        bail!(
            "invalid argument {} for \"--post-renderer\" flag: cannot specify --post-renderer flag more than once",
            quote(second)
        );
    }
    let post_renderer = match first {
        Some(p) => Some(post_renderer(p, &release.post_renderer_args, settings)?),
        None => None,
    };
    for (group, set) in [
        (
            "force force-conflicts",
            release.force && release.force_conflicts,
        ),
        (
            "force-replace force-conflicts",
            release.force_replace && release.force_conflicts,
        ),
    ] {
        if set {
            let mut names: Vec<&str> = group.split(' ').collect();
            names.sort_unstable();
            bail!(
                "if any flags in the group [{group}] are set none of the others can be; [{}] were all set",
                names.join(" ")
            );
        }
    }
    let dry_run = dry_run_strategy(release.dry_run.as_deref())?;
    Ok(Common {
        output,
        dry_run,
        wait,
        timeout,
        labels,
        post_renderer,
    })
}

/// Helm's `cmdGetDryRunFlagStrategy` for install and upgrade.
fn dry_run_strategy(value: Option<&str>) -> anyhow::Result<DryRun> {
    let Some(v) = value else {
        return Ok(DryRun::None);
    };
    match v {
        "unset" => {
            warn("--dry-run is deprecated and should be replaced with '--dry-run=client'");
            Ok(DryRun::Client)
        }
        "client" => Ok(DryRun::Client),
        "server" => Ok(DryRun::Server),
        "none" => Ok(DryRun::None),
        _ => {
            let Some(b) = go_parse_bool(v) else {
                bail!(
                    "invalid dry-run value ({}). Must be \"none\", \"server\", or \"client\"",
                    quote(v)
                );
            };
            let result = if b { "client" } else { "none" };
            warn(&format!(
                "boolean '--dry-run={v}' flag is deprecated and must be replaced with '--dry-run={result}'"
            ));
            Ok(if b { DryRun::Client } else { DryRun::None })
        }
    }
}

/// The context of a release command. A client-side dry run touches no cluster and no
/// storage: Helm swaps in a printing client and a memory driver.
pub fn context(settings: &Settings, dry_run: DryRun) -> anyhow::Result<Context> {
    if dry_run.interacts_with_server() {
        return crate::commands::context::build(settings);
    }
    let clock: Arc<dyn rudder_release::Clock> = match crate::commands::context::build(settings) {
        Ok(ctx) => ctx.clock,
        Err(_) => Arc::new(crate::commands::context::SystemClock),
    };
    let memory = rudder_storage::Memory::new();
    memory.set_namespace(settings.namespace());
    Ok(Context::new(
        Arc::new(rudder_kube_memory::MemoryCluster::new().with_namespace(settings.namespace())),
        rudder_storage::Storage::new(memory),
        clock,
    ))
}

/// Loads the chart a command names: located, checked for missing dependencies, and refused
/// when it is a library chart (Helm's `runInstall` order).
pub fn load_chart(
    chart_ref: &str,
    release: &ReleaseArgs,
    settings: &Settings,
) -> anyhow::Result<(Chart, Map)> {
    if settings.debug {
        let version = release.chart.version.clone().unwrap_or_default();
        log("DEBUG", "Original chart version", &[("version", &version)]);
        if version.is_empty() && release.devel {
            log("DEBUG", "setting version to >0.0.0-0", &[]);
        }
    }
    let chart_path =
        crate::commands::pull::locate_chart(chart_ref, &release.chart, release.devel, settings)?;
    if settings.debug {
        let absolute = std::path::absolute(&chart_path).unwrap_or_else(|_| chart_path.clone());
        log(
            "DEBUG",
            "Chart path",
            &[("path", &absolute.to_string_lossy())],
        );
    }
    let values = user_values(&release.values)?;
    // Helm's manager prints to the command's output, stdout.
    let chart = crate::commands::dependency::load_chart_updating(
        &chart_path,
        release.dependency_update,
        &release.chart,
        settings,
        &mut std::io::stdout(),
    )?;
    Ok((chart, values))
}

/// Helm's `NameAndChart` for install.
fn name_and_chart(args: &InstallArgs) -> anyhow::Result<(String, String)> {
    match args.args.as_slice() {
        [name, chart] => {
            if args.generate_name {
                bail!("cannot set --generate-name and also specify a name");
            }
            if args.name_template.is_some() {
                bail!("cannot set --name-template and also specify a name");
            }
            Ok((name.clone(), chart.clone()))
        }
        [chart] => {
            if let Some(t) = &args.name_template {
                return Ok((crate::commands::chart::template_name(t)?, chart.clone()));
            }
            if !args.generate_name {
                bail!("must either provide a name or specify --generate-name");
            }
            let now = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_secs());
            Ok((
                rudder_action::name::generated_name(chart, now),
                chart.clone(),
            ))
        }
        more => bail!(
            "expected at most two arguments, unexpected arguments: {}",
            more.get(2..).unwrap_or_default().join(", ")
        ),
    }
}

pub fn run(args: &InstallArgs, settings: &Settings, out: &mut dyn Write) -> anyhow::Result<()> {
    let common = common_flags(&args.release, settings)?;
    let server_side = match &args.server_side {
        None => true,
        Some(v) => go_parse_bool(v).ok_or_else(|| {
            anyhow::anyhow!(
                "invalid argument {} for \"--server-side\" flag: strconv.ParseBool: parsing {}: invalid syntax",
                quote(v),
                quote(v)
            )
        })?,
    };
    if args.args.is_empty() {
        bail!(
            "\"rudder install\" requires at least 1 argument\n\nUsage:  rudder install [NAME] [CHART] [flags]"
        );
    }
    let (name, chart_ref) = name_and_chart(args)?;
    let install = install_options(args, &common, server_side, name, settings);
    let release = install_chart(&install, &chart_ref, &args.release, settings)
        .context("INSTALLATION FAILED")?;
    print_release(
        &release,
        common.output,
        settings,
        args.release.hide_notes,
        out,
    )
}

/// Prints a release as install and upgrade do.
pub fn print_release(
    release: &Release,
    output: OutputFormat,
    settings: &Settings,
    hide_notes: bool,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    StatusPrinter {
        release,
        debug: settings.debug,
        show_metadata: false,
        hide_notes,
        no_color: true,
    }
    .write(output, out)
}

/// Helm's `runInstall` once the name is known: the chart loaded, then the install run.
pub fn install_chart(
    install: &Install,
    chart_ref: &str,
    release: &ReleaseArgs,
    settings: &Settings,
) -> anyhow::Result<Release> {
    let (chart, values) = load_chart(chart_ref, release, settings)?;
    if chart.metadata.is_library() {
        bail!("library charts are not installable");
    }
    if chart.metadata.deprecated {
        warn("this chart is deprecated");
    }
    // Helm's logger prints warnings and errors whatever --debug says; the action's log sink
    // only has debug lines, so the command prints these two itself.
    if install.dry_run == DryRun::Server && !install.skip_crds && !chart.crd_objects().is_empty() {
        warn(
            "This chart or one of its subcharts contains CRDs. Rendering may fail or contain inaccuracies.",
        );
    }
    if settings.host.is_some() {
        return crate::remote::install(settings, install, &chart, &values);
    }
    let ctx = match context(settings, install.dry_run) {
        Ok(ctx) => ctx,
        Err(e) => {
            let message = format!("cluster reachability check failed: {e:#}");
            log("ERROR", &message, &[]);
            return Err(e.context("cluster reachability check failed"));
        }
    };
    install.run(&ctx, chart, &values).map_err(|e| {
        if let rudder_action::Error::Step { context, source } = &e
            && context == "cluster reachability check failed"
        {
            log(
                "ERROR",
                &format!("{context}: {}", rudder_kube::chain(&**source)),
                &[],
            );
        }
        e.into()
    })
}

/// The install action's options from the command's flags.
fn install_options(
    args: &InstallArgs,
    common: &Common,
    server_side: bool,
    name: String,
    settings: &Settings,
) -> Install {
    Install {
        create_namespace: args.create_namespace,
        replace: args.replace,
        disable_hooks: args.no_hooks,
        rollback_on_failure: args.rollback_on_failure || args.release.atomic,
        ..options_from(&args.release, common, server_side, name, settings)
    }
}

/// The install options the flags shared with upgrade give.
pub fn options_from(
    r: &ReleaseArgs,
    common: &Common,
    server_side: bool,
    name: String,
    settings: &Settings,
) -> Install {
    Install {
        release_name: name,
        namespace: settings.namespace().to_owned(),
        skip_schema_validation: r.skip_schema_validation,
        sub_notes: r.render_subchart_notes,
        enable_dns: r.enable_dns,
        post_renderer: common.post_renderer.clone(),
        on_warning: Some(Arc::new(print_warning)),
        dry_run: common.dry_run,
        wait: common.wait,
        wait_for_jobs: r.wait_for_jobs,
        timeout: common.timeout,
        description: r.description.clone(),
        skip_crds: r.skip_crds,
        take_ownership: r.take_ownership,
        labels: common.labels.clone(),
        server_side,
        force_conflicts: r.force_conflicts,
        force_replace: r.force_replace || r.force,
        hide_secret: r.hide_secret,
        ..Install::default()
    }
}
