//! `rudder dependency`: a chart's dependencies (helm/helm `pkg/cmd/dependency*.go`).

use std::io::{IsTerminal as _, Write};
use std::path::PathBuf;

use rudder_action::dependency::{DependencyError, List, Manager, Progress, Verify};
use rudder_registry::{Client, ClientOptions, Credential};

use crate::cli::{DependencyCommand, DependencyUpdateArgs};
use crate::settings::Settings;

pub fn run(
    cmd: &DependencyCommand,
    settings: &Settings,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    match cmd {
        DependencyCommand::List(args) => {
            let path = args
                .chart
                .as_deref()
                .map_or_else(|| ".".to_owned(), go_clean);
            let list = List {
                max_col_width: args.max_col_width,
            };
            let text = list.run(&path).map_err(anyhow::Error::msg)?;
            out.write_all(text.as_bytes())?;
            Ok(())
        }
        DependencyCommand::Update(args) => {
            let mut man = manager(args, settings)?;
            if args.verify {
                man.verify = Verify::Always;
            }
            man.update(out)?;
            Ok(())
        }
        DependencyCommand::Build(args) => {
            let mut man = manager(args, settings)?;
            if args.verify {
                man.verify = Verify::IfPossible;
            }
            match man.build(out) {
                Err(e @ DependencyError::RepoNotFound(_)) => Err(anyhow::anyhow!(
                    "{e}. Please add the missing repos via 'helm repo add'"
                )),
                other => Ok(other?),
            }
        }
    }
}

/// The manager Helm's `dependency update|build` and `install|template --dependency-update`
/// set up: the chart folder, the repository settings and a registry client from the flags.
pub fn manager(args: &DependencyUpdateArgs, settings: &Settings) -> anyhow::Result<Manager> {
    let path_text = |p: &Option<PathBuf>| {
        p.as_ref()
            .map(|p| p.display().to_string())
            .unwrap_or_default()
    };
    let credential = match (&args.username, &args.password) {
        (Some(u), Some(p)) if !u.is_empty() || !p.is_empty() => Some(Credential {
            username: u.clone(),
            password: p.clone(),
        }),
        _ => None,
    };
    let registry = Client::new(ClientOptions {
        plain_http: args.plain_http,
        insecure_skip_tls_verify: args.insecure_skip_tls_verify,
        ca_file: path_text(&args.ca_file),
        cert_file: path_text(&args.cert_file),
        key_file: path_text(&args.key_file),
        credentials_file: settings.registry_config.clone(),
        credential,
    })
    .map_err(|e| anyhow::anyhow!("missing registry client: {e}"))?;
    Ok(Manager {
        chart_path: args
            .chart
            .as_deref()
            .map_or_else(|| ".".to_owned(), go_clean),
        keyring: args
            .keyring
            .clone()
            .unwrap_or_else(crate::env::default_keyring),
        skip_update: args.skip_refresh,
        paths: crate::commands::repo::paths(settings),
        debug: settings.debug,
        timeout: Some(rudder_action::repo::DEFAULT_TIMEOUT),
        now: rudder_repo::time::format_utc(std::time::SystemTime::now()),
        registry: Some(registry),
        progress: progress_bars(),
        ..Manager::default()
    })
}

/// Progress bars on stderr when it is a terminal; nothing otherwise.
pub fn progress_bars() -> Option<Box<dyn Progress>> {
    if !std::io::stderr().is_terminal() {
        return None;
    }
    Some(Box::new(TerminalProgress))
}

struct TerminalProgress;

impl Progress for TerminalProgress {
    fn start(&self, label: &str) -> Box<dyn rudder_repo::getter::Progress + '_> {
        let bar = indicatif::ProgressBar::new(0);
        bar.set_style(
            indicatif::ProgressStyle::with_template(
                "{msg} [{bar:30}] {bytes}/{total_bytes} ({bytes_per_sec})",
            )
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar())
            .progress_chars("=> "),
        );
        bar.set_message(label.to_owned());
        Box::new(Bar(bar))
    }
}

struct Bar(indicatif::ProgressBar);

impl rudder_repo::getter::Progress for Bar {
    fn update(&mut self, received: u64, total: Option<u64>) {
        if let Some(t) = total {
            self.0.set_length(t);
        }
        self.0.set_position(received);
    }

    fn finish(&mut self) {
        self.0.finish_and_clear();
    }
}

/// Go's `filepath.Clean`, which Helm applies to the chart argument before printing paths.
fn go_clean(p: &str) -> String {
    rudder_action::dependency::go_clean(p)
}

/// Loads a chart for `install`, `upgrade` or `template`: with `--dependency-update`, missing
/// dependencies are fetched first (`dependency update` on the chart folder, its messages on
/// `out`) and the chart is loaded again (helm/helm `pkg/cmd/install.go`, `runInstall`);
/// without it, missing dependencies fail as Helm fails.
pub fn load_chart_updating(
    path: &std::path::Path,
    dependency_update: bool,
    chart: &crate::cli::ChartPathArgs,
    settings: &Settings,
    out: &mut dyn Write,
) -> anyhow::Result<rudder_chart::Chart> {
    if !dependency_update {
        return crate::commands::chart::load_chart_checked(path);
    }
    let loaded =
        rudder_chart::load(path).map_err(|e| anyhow::anyhow!(rudder_chart::helm_message(&e)))?;
    let deps = loaded.metadata.dependencies.clone();
    if deps.is_empty() || rudder_chart::check_dependencies(&loaded, &deps).is_ok() {
        return Ok(loaded);
    }
    let args = DependencyUpdateArgs {
        chart: Some(path.display().to_string()),
        verify: false,
        keyring: chart.keyring.clone(),
        skip_refresh: false,
        username: chart.username.clone(),
        password: chart.password.clone(),
        cert_file: chart.cert_file.clone(),
        key_file: chart.key_file.clone(),
        insecure_skip_tls_verify: chart.insecure_skip_tls_verify,
        plain_http: chart.plain_http,
        ca_file: chart.ca_file.clone(),
    };
    let mut man = manager(&args, settings)?;
    // Helm hands the manager the path as located, not cleaned.
    man.chart_path = path.display().to_string();
    man.update(out)?;
    rudder_chart::load(path).map_err(|e| {
        anyhow::anyhow!(
            "failed reloading chart after repo update: {}",
            rudder_chart::helm_message(&e)
        )
    })
}
