//! `rudder pull CHART...` (helm/helm `pkg/cmd/pull.go` over `pkg/action/pull.go`).

use std::io::Write;

use anyhow::bail;
use rudder_action::repo::Pull;
use rudder_repo::GetterOptions;

use crate::cli::{ChartPathArgs, PullArgs};
use crate::settings::Settings;

/// Getter options from the chart-location flags.
pub fn getter_options(chart: &ChartPathArgs) -> GetterOptions {
    let s = |p: &Option<std::path::PathBuf>| {
        p.as_ref()
            .map(|p| p.display().to_string())
            .unwrap_or_default()
    };
    GetterOptions {
        url: chart.repo.clone().unwrap_or_default(),
        username: chart.username.clone().unwrap_or_default(),
        password: chart.password.clone().unwrap_or_default(),
        pass_credentials_all: chart.pass_credentials,
        cert_file: s(&chart.cert_file),
        key_file: s(&chart.key_file),
        ca_file: s(&chart.ca_file),
        insecure_skip_tls_verify: chart.insecure_skip_tls_verify,
        timeout: Some(rudder_action::repo::DEFAULT_TIMEOUT),
    }
}

/// The version Helm asks for: `--version`, else `>0.0.0-0` with `--devel`.
pub fn requested_version(chart: &ChartPathArgs, devel: bool) -> String {
    match &chart.version {
        Some(v) if !v.is_empty() => v.clone(),
        _ if devel => ">0.0.0-0".to_owned(),
        _ => String::new(),
    }
}

pub fn run(args: &PullArgs, settings: &Settings, out: &mut dyn Write) -> anyhow::Result<()> {
    if args.charts.iter().any(|c| rudder_registry::is_oci(c)) {
        return pull_oci(args, settings, out);
    }
    let pull = Pull {
        version: requested_version(&args.chart, args.devel),
        repo_url: args.chart.repo.clone().unwrap_or_default(),
        options: getter_options(&args.chart),
        untar: args.untar,
        untar_dir: args.untardir.clone(),
        dest_dir: args.destination.clone(),
    };
    let paths = crate::commands::repo::paths(settings);
    let bars = crate::commands::dependency::progress_bars();
    for chart in &args.charts {
        if args.chart.verify || args.prov {
            pull_with_provenance(&pull, chart, &paths, args, out)?;
        } else if let (Some(bars), false) = (&bars, pull.untar) {
            pull_with_progress(&pull, chart, &paths, bars.as_ref())?;
        } else {
            pull.run(chart, &paths)?;
        }
    }
    Ok(())
}

/// `pull` on a terminal: the same download as `Pull::run`, with a progress bar on stderr.
fn pull_with_progress(
    pull: &Pull,
    chart: &str,
    paths: &rudder_action::repo::RepoPaths,
    bars: &dyn rudder_action::dependency::Progress,
) -> anyhow::Result<()> {
    let resolved = pull.resolve(chart, paths)?;
    let name = resolved
        .url
        .split(['?', '#'])
        .next()
        .unwrap_or(&resolved.url)
        .rsplit('/')
        .next()
        .unwrap_or("chart.tgz")
        .to_owned();
    let mut bar = bars.start(&name);
    let data =
        rudder_repo::getter::get_with_progress(&resolved.url, &resolved.options, bar.as_mut())?;
    if !resolved.digest.is_empty() {
        let actual = rudder_repo::digest_bytes(&data);
        let expected = resolved
            .digest
            .strip_prefix("sha256:")
            .unwrap_or(&resolved.digest);
        if !actual.eq_ignore_ascii_case(expected) {
            return Err(rudder_repo::Error::DigestMismatch {
                url: resolved.url.clone(),
                expected: expected.to_owned(),
                actual,
            }
            .into());
        }
    }
    fs_err::create_dir_all(&pull.dest_dir)?;
    fs_err::write(pull.dest_dir.join(name), data)?;
    Ok(())
}

/// `pull --prov` / `--verify` from a repository: `URL.prov` is saved next to the archive and,
/// with `--verify`, checked before anything is unpacked (helm/helm
/// `pkg/downloader/chart_downloader.go`, `DownloadTo`, and `pkg/action/pull.go`).
fn pull_with_provenance(
    pull: &Pull,
    chart: &str,
    paths: &rudder_action::repo::RepoPaths,
    args: &PullArgs,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    // With --untar Helm downloads into a temporary folder, verifies there, then unpacks.
    let staging = if pull.untar {
        Some(tempfile::tempdir()?)
    } else {
        None
    };
    let mut download = pull.clone();
    download.untar = false;
    if let Some(dir) = &staging {
        dir.path().clone_into(&mut download.dest_dir);
    }
    let archive = download.run(chart, paths)?;
    let resolved = pull.resolve(chart, paths)?;
    let prov_url = format!("{}.prov", resolved.url);
    match rudder_repo::getter::get(&prov_url, &resolved.options) {
        Err(e) => {
            if args.chart.verify {
                bail!("failed to fetch provenance {prov_url:?}");
            }
            // Helm names the chart URL when it looked the chart up with --repo.
            let reference = if pull.repo_url.is_empty() {
                chart
            } else {
                &resolved.url
            };
            writeln!(out, "WARNING: Verification not found for {reference}: {e}")?;
        }
        Ok(body) => {
            let mut prov = archive.as_os_str().to_owned();
            prov.push(".prov");
            fs_err::write(&prov, body)?;
            if args.chart.verify {
                let keyring = args
                    .chart
                    .keyring
                    .clone()
                    .unwrap_or_else(crate::env::default_keyring);
                let v = rudder_provenance::verify_chart(&archive, &prov, keyring)?;
                write!(out, "{}", v.report())?;
            }
        }
    }
    if pull.untar {
        pull.run(chart, paths)?;
    }
    Ok(())
}

/// `pull oci://...`: Helm's `Client.Pull` messages, the archive in `--destination`; with
/// `--verify` the manifest's provenance layer is checked before anything is written.
fn pull_oci(args: &PullArgs, settings: &Settings, out: &mut dyn Write) -> anyhow::Result<()> {
    use crate::commands::registry;
    let client = registry::client_for_chart(&args.chart, settings)?;
    let version = requested_version(&args.chart, args.devel);
    for chart in &args.charts {
        let reference = registry::resolve(&client, chart, &version)?;
        let pulled = client.pull_chart(&reference)?;
        writeln!(out, "Pulled: {}", pulled.reference)?;
        writeln!(out, "Digest: {}", pulled.digest)?;
        registry::underscore_note(&pulled.reference, out)?;
        if args.chart.verify {
            // Helm fetches `<ref>.prov` through the OCI getter: the manifest's provenance layer.
            let Some(prov_data) = &pulled.prov else {
                bail!(
                    "failed to fetch provenance \"oci://{}.prov\"",
                    pulled.reference
                );
            };
            let dir = tempfile::tempdir()?;
            let (archive, _) = registry::write_pulled(&pulled, dir.path(), false)?;
            let mut prov = archive.clone().into_os_string();
            prov.push(".prov");
            fs_err::write(&prov, prov_data)?;
            let keyring = args
                .chart
                .keyring
                .clone()
                .unwrap_or_else(crate::env::default_keyring);
            let v =
                rudder_provenance::verify_chart(&archive, std::path::Path::new(&prov), keyring)?;
            write!(out, "{}", v.report())?;
        }
        if args.untar {
            registry::untar(&pulled.chart, chart, &args.destination, &args.untardir)?;
        } else {
            registry::write_pulled(&pulled, &args.destination, args.prov || args.chart.verify)?;
        }
    }
    Ok(())
}

/// Helm's `ChartPathOptions.LocateChart`: a local path as is; otherwise `repo/chart`, a URL,
/// or a name with `--repo`, downloaded into the content cache.
pub fn locate_chart(
    reference: &str,
    chart: &ChartPathArgs,
    devel: bool,
    settings: &Settings,
) -> anyhow::Result<std::path::PathBuf> {
    let reference = reference.trim();
    let path = std::path::Path::new(reference);
    // With --repo the reference is a chart name in that repository, even when a file of that
    // name exists (Helm checks local paths only without a repository URL).
    let local = chart.repo.as_deref().unwrap_or_default().is_empty();
    if local && path.exists() {
        if chart.verify {
            verify_local(path, chart)?;
        }
        return Ok(path.to_owned());
    }
    if local && (path.is_absolute() || reference.starts_with('.')) {
        bail!("path {reference:?} not found");
    }
    if rudder_registry::is_oci(reference) {
        let client = crate::commands::registry::client_for_chart(chart, settings)?;
        let version = requested_version(chart, devel);
        let r = crate::commands::registry::resolve(&client, reference, &version)?;
        let pulled = client.pull_chart(&r)?;
        // Helm's registry client prints its pull summary to stdout before the command's own
        // output, even for `template` and `show` (pkg/registry/client.go, Pull).
        let mut stdout = std::io::stdout().lock();
        writeln!(stdout, "Pulled: {}", pulled.reference)?;
        writeln!(stdout, "Digest: {}", pulled.digest)?;
        crate::commands::registry::underscore_note(&pulled.reference, &mut stdout)?;
        if chart.verify && pulled.prov.is_none() {
            bail!(
                "failed to fetch provenance \"oci://{}.prov\"",
                pulled.reference
            );
        }
        let (path, _) = crate::commands::registry::write_pulled(
            &pulled,
            &settings.content_cache,
            chart.verify,
        )?;
        if chart.verify {
            verify_local(&path, chart)?;
        }
        return Ok(path);
    }
    let pull = Pull {
        version: requested_version(chart, devel),
        repo_url: chart.repo.clone().unwrap_or_default(),
        options: getter_options(chart),
        untar: false,
        untar_dir: String::new(),
        dest_dir: settings.content_cache.clone(),
    };
    let paths = crate::commands::repo::paths(settings);
    let archive = pull.run(reference, &paths)?;
    if chart.verify {
        // Helm's downloader fetches URL.prov next to the archive and verifies both.
        let resolved = pull.resolve(reference, &paths)?;
        let prov_url = format!("{}.prov", resolved.url);
        let Ok(body) = rudder_repo::getter::get(&prov_url, &resolved.options) else {
            bail!("failed to fetch provenance {prov_url:?}");
        };
        let mut prov = archive.as_os_str().to_owned();
        prov.push(".prov");
        fs_err::write(&prov, body)?;
        verify_local(&archive, chart)?;
    }
    Ok(archive)
}

/// `--verify` on a local archive: `ARCHIVE.prov` against `--keyring`, both spelled absolute as
/// Helm spells them in its messages (helm/helm `pkg/action/install.go`, `LocateChart`).
pub fn verify_local(path: &std::path::Path, chart: &ChartPathArgs) -> anyhow::Result<()> {
    let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_owned());
    let mut prov = abs.as_os_str().to_owned();
    prov.push(".prov");
    let keyring = chart
        .keyring
        .clone()
        .unwrap_or_else(crate::env::default_keyring);
    rudder_provenance::verify_chart(&abs, prov, keyring)?;
    Ok(())
}
