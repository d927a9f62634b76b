//! `rudder registry login|logout` (helm/helm `pkg/cmd/registry_login.go`,
//! `registry_logout.go`) and the OCI helpers `pull`, `push` and chart location share.

use std::io::{Read as _, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context as _, bail};
use rudder_registry::{Client, ClientOptions, Credential, PullResult, Reference};

use crate::cli::{ChartPathArgs, RegistryCommand, RegistryLoginArgs};
use crate::settings::Settings;

fn path_text(p: Option<&PathBuf>) -> String {
    p.map(|p| p.display().to_string()).unwrap_or_default()
}

pub fn run(cmd: &RegistryCommand, settings: &Settings, out: &mut dyn Write) -> anyhow::Result<()> {
    match cmd {
        RegistryCommand::Login(args) => login(args, settings, out),
        RegistryCommand::Logout(args) => {
            let client = Client::new(ClientOptions {
                credentials_file: settings.registry_config.clone(),
                ..ClientOptions::default()
            })?;
            let host = strip_scheme(&args.host);
            client.logout(host)?;
            writeln!(out, "Removing login credentials for {host}")?;
            Ok(())
        }
    }
}

/// Helm accepts `oci://host` (and `https://host`) where a host is expected.
fn strip_scheme(host: &str) -> &str {
    let h = host
        .strip_prefix("oci://")
        .or_else(|| host.strip_prefix("https://"))
        .or_else(|| host.strip_prefix("http://"))
        .unwrap_or(host);
    h.trim_end_matches('/')
}

fn login(args: &RegistryLoginArgs, settings: &Settings, out: &mut dyn Write) -> anyhow::Result<()> {
    // Helm's getUsernamePassword (pkg/cmd/registry_login.go): stdin, the flag, or prompts.
    let mut username = args.username.clone().unwrap_or_default();
    let password = if args.password_stdin {
        let mut text = String::new();
        std::io::stdin()
            .read_to_string(&mut text)
            .context("reading the password from stdin")?;
        let text = text.strip_suffix('\n').unwrap_or(&text);
        text.strip_suffix('\r').unwrap_or(text).to_owned()
    } else if let Some(p) = args.password.clone().filter(|p| !p.is_empty()) {
        // Helm's slog text handler without the time attribute (internal/logging/logging.go).
        writeln!(
            std::io::stderr().lock(),
            "level=WARN msg=\"using --password via the CLI is insecure. Use --password-stdin\""
        )?;
        p
    } else {
        if username.is_empty() {
            prompt("Username: ", out)?.trim().clone_into(&mut username);
        }
        let (label, missing) = if username.is_empty() {
            ("Token: ", "token required")
        } else {
            ("Password: ", "password required")
        };
        let p = prompt(label, out)?;
        if p.is_empty() {
            bail!("{missing}");
        }
        p
    };
    let client = Client::new(ClientOptions {
        plain_http: args.plain_http,
        insecure_skip_tls_verify: args.insecure,
        ca_file: path_text(args.ca_file.as_ref()),
        cert_file: path_text(args.cert_file.as_ref()),
        key_file: path_text(args.key_file.as_ref()),
        credentials_file: settings.registry_config.clone(),
        credential: None,
    })?;
    client.login(strip_scheme(&args.host), &username, &password)?;
    writeln!(out, "Login Succeeded")?;
    Ok(())
}

/// Prints `label` and reads one line from stdin, without its line break.
fn prompt(label: &str, out: &mut dyn Write) -> anyhow::Result<String> {
    write!(out, "{label}")?;
    out.flush()?;
    let mut line = String::new();
    std::io::stdin()
        .read_line(&mut line)
        .context("reading from stdin")?;
    let line = line.strip_suffix('\n').unwrap_or(&line);
    Ok(line.strip_suffix('\r').unwrap_or(line).to_owned())
}

/// A registry client from the chart-location flags (`pull`, `show`, `template`, ...).
pub fn client_for_chart(chart: &ChartPathArgs, settings: &Settings) -> anyhow::Result<Client> {
    let credential = match (&chart.username, &chart.password) {
        (Some(u), Some(p)) if !u.is_empty() || !p.is_empty() => Some(Credential {
            username: u.clone(),
            password: p.clone(),
        }),
        _ => None,
    };
    Ok(Client::new(ClientOptions {
        plain_http: chart.plain_http,
        insecure_skip_tls_verify: chart.insecure_skip_tls_verify,
        ca_file: path_text(chart.ca_file.as_ref()),
        cert_file: path_text(chart.cert_file.as_ref()),
        key_file: path_text(chart.key_file.as_ref()),
        credentials_file: settings.registry_config.clone(),
        credential,
    })?)
}

/// Resolves `oci://...` plus `--version` to a tagged reference ([`Client::resolve_version`]).
pub fn resolve(client: &Client, reference: &str, version: &str) -> anyhow::Result<Reference> {
    Ok(client.resolve_version(reference, version)?)
}

/// Writes `<name>-<version>.tgz` (and its `.prov` with `prov`, when the manifest had one)
/// into `dest`; returns the archive's and the provenance file's paths.
pub fn write_pulled(
    pulled: &PullResult,
    dest: &Path,
    prov: bool,
) -> anyhow::Result<(PathBuf, Option<PathBuf>)> {
    let chart = rudder_chart::load_archive(&pulled.chart)?;
    let base = format!("{}-{}", chart.metadata.name, chart.metadata.version);
    fs_err::create_dir_all(dest)?;
    let path = dest.join(format!("{base}.tgz"));
    fs_err::write(&path, &pulled.chart)?;
    let mut prov_path = None;
    if prov && let Some(p) = &pulled.prov {
        let pp = dest.join(format!("{base}.tgz.prov"));
        fs_err::write(&pp, p)?;
        prov_path = Some(pp);
    }
    Ok((path, prov_path))
}

/// Helm's note after `Pushed:` or `Pulled:` when the tag holds an underscore
/// (`registryUnderscoreMessage` in `pkg/registry/client.go`).
pub fn underscore_note(reference: &Reference, out: &mut dyn Write) -> anyhow::Result<()> {
    if reference.tag.as_deref().is_some_and(|t| t.contains('_')) {
        writeln!(out, "{reference} contains an underscore.")?;
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

/// `pull --untar`: unpacks the archive into `dest/untardir/<chart>` and refuses to overwrite
/// it, as the repository pull does (helm/helm `pkg/action/pull.go`).
pub fn untar(data: &[u8], chart_ref: &str, dest: &Path, untar_dir: &str) -> anyhow::Result<()> {
    let untar_dir = if untar_dir.is_empty() { "." } else { untar_dir };
    let ud = if Path::new(untar_dir).is_absolute() {
        PathBuf::from(untar_dir)
    } else {
        dest.join(untar_dir)
    };
    let base = chart_ref.rsplit('/').next().unwrap_or(chart_ref);
    let chart_name = base.split([':', '@']).next().unwrap_or(base);
    let check = if untar_dir == "." {
        PathBuf::from(chart_name)
    } else {
        ud.join(chart_name)
    };
    if check.exists() {
        bail!(
            "failed to untar: a file or directory with the name {} already exists",
            check.display()
        );
    }
    let top = rudder_chart::load_archive(data)?.metadata.name.clone();
    for f in rudder_chart::load_archive_files(data)? {
        let target = ud.join(&top).join(&f.name);
        if let Some(parent) = target.parent() {
            fs_err::create_dir_all(parent)?;
        }
        fs_err::write(&target, &f.data)?;
    }
    Ok(())
}
