//! `rudder push CHART REMOTE` (helm/helm `pkg/cmd/push.go` over `pkg/pusher/ocipusher.go`).

use std::io::Write;

use anyhow::bail;
use rudder_registry::{Client, ClientOptions, Credential, Reference};

use crate::cli::PushArgs;
use crate::settings::Settings;

pub fn run(args: &PushArgs, settings: &Settings, out: &mut dyn Write) -> anyhow::Result<()> {
    if !rudder_registry::is_oci(&args.remote) {
        bail!("scheme prefix missing from remote (e.g. \"oci://\")");
    }
    let remote = Reference::parse(&args.remote)?;
    if remote.tag.is_some() || remote.digest.is_some() {
        bail!(
            "unexpected tag or digest in remote {}: the chart's version is the tag",
            args.remote
        );
    }
    let archive = fs_err::read(&args.chart)?;
    let prov_path = {
        let mut p = args.chart.clone().into_os_string();
        p.push(".prov");
        std::path::PathBuf::from(p)
    };
    let prov = if prov_path.exists() {
        Some(fs_err::read(&prov_path)?)
    } else {
        None
    };
    let path_text = |p: &Option<std::path::PathBuf>| {
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
    let created = rudder_repo::time::format_utc(std::time::SystemTime::now());
    let pushed = client.push_chart(&archive, prov.as_deref(), &remote, &rfc3339(&created))?;
    writeln!(out, "Pushed: {}", pushed.reference)?;
    writeln!(out, "Digest: {}", pushed.digest)?;
    if pushed
        .reference
        .tag
        .as_deref()
        .is_some_and(|t| t.contains('_'))
    {
        writeln!(out, "{} contains an underscore.", pushed.reference)?;
        writeln!(
            out,
            "\nOCI artifact references (e.g. tags) do not support the plus sign (+). To support\n\
             storing semantic versions, Helm adopts the convention of changing plus (+) to\n\
             an underscore (_) in chart version tags when pushing to a registry and back to\n\
             a plus (+) when pulling from a registry."
        )?;
    }
    Ok(())
}

/// Go's `time.RFC3339` (seconds, `Z`) from the repository crate's timestamp text.
fn rfc3339(ts: &str) -> String {
    // format_utc writes `2006-01-02T15:04:05.999999999Z`; Helm's annotation drops the fraction.
    match ts.split_once('.') {
        Some((head, _)) => format!("{head}Z"),
        None => ts.to_owned(),
    }
}
