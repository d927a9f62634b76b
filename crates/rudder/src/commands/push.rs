//! `rudder push CHART REMOTE` (helm/helm `pkg/cmd/push.go` over `pkg/uploader/chart_uploader.go`
//! and `pkg/pusher/ocipusher.go`).

use std::io::Write;
use std::path::PathBuf;

use anyhow::bail;
use rudder_registry::{Client, ClientOptions, Credential, Reference};

use crate::cli::PushArgs;
use crate::settings::Settings;

pub fn run(args: &PushArgs, settings: &Settings, out: &mut dyn Write) -> anyhow::Result<()> {
    match args.remote.split_once("://") {
        None => bail!("scheme prefix missing from remote (e.g. \"oci://\")"),
        Some((scheme, _)) if scheme != "oci" => bail!("scheme {scheme:?} not supported"),
        Some(_) => {}
    }
    let remote = Reference::parse(&args.remote)?;
    let stat = match fs_err::metadata(&args.chart) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            bail!("{}: no such file", args.chart.display())
        }
        Err(e) => return Err(e.into()),
    };
    if stat.is_dir() {
        bail!("cannot push directory, must provide chart archive (.tgz)");
    }
    let archive = fs_err::read(&args.chart)?;
    let prov_path = {
        let mut p = args.chart.clone().into_os_string();
        p.push(".prov");
        PathBuf::from(p)
    };
    let prov = if prov_path.exists() {
        Some(fs_err::read(&prov_path)?)
    } else {
        None
    };
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
    let client = Client::new(ClientOptions {
        plain_http: args.plain_http,
        insecure_skip_tls_verify: args.insecure_skip_tls_verify,
        ca_file: path_text(&args.ca_file),
        cert_file: path_text(&args.cert_file),
        key_file: path_text(&args.key_file),
        credentials_file: settings.registry_config.clone(),
        credential,
    })?;
    // Helm: the chart was "created" when its archive was last written.
    let created = rfc3339(&rudder_repo::time::format_utc(stat.modified()?));
    let pushed = client.push_chart(&archive, prov.as_deref(), &remote, &created)?;
    writeln!(out, "Pushed: {}", pushed.reference)?;
    writeln!(out, "Digest: {}", pushed.digest)?;
    crate::commands::registry::underscore_note(&pushed.reference, out)?;
    Ok(())
}

/// Go's `time.RFC3339` (whole seconds, `Z`) from an `RFC3339Nano` UTC timestamp.
fn rfc3339(ts: &str) -> String {
    match ts.split_once('.') {
        Some((head, _)) => format!("{head}Z"),
        None => ts.to_owned(),
    }
}
