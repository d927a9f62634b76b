//! `rudder package CHART_PATH...`: chart directories into versioned archives.

use std::io::Write;

use anyhow::bail;
use rudder_action::package::{Package, Sign};

use crate::cli::{DependencyUpdateArgs, PackageArgs};
use crate::commands::chart::user_values;
use crate::settings::Settings;

pub fn run(args: &PackageArgs, settings: &Settings, out: &mut dyn Write) -> anyhow::Result<()> {
    if args.paths.is_empty() {
        bail!("need at least one argument, the path to the chart");
    }
    let sign = if args.sign {
        let Some(key) = args.key.clone().filter(|k| !k.is_empty()) else {
            bail!("--key is required for signing a package");
        };
        let keyring = args
            .keyring
            .clone()
            .unwrap_or_else(crate::env::default_keyring);
        if keyring.as_os_str().is_empty() {
            bail!("--keyring is required for signing a package");
        }
        Some(Sign { key, keyring })
    } else {
        None
    };
    // Helm reads the passphrase once and reuses it for every chart.
    let mut cached: Option<Vec<u8>> = None;
    // Helm merges the values flags (so a bad file fails) but does not use them.
    user_values(&args.values)?;
    let package = Package {
        version: args.version.clone(),
        app_version: args.app_version.clone(),
        destination: args.destination.clone(),
        working_dir: std::env::current_dir()?,
    };
    for path in &args.paths {
        if args.dependency_update {
            update_dependencies(args, path, settings)?;
        }
        let saved = package.run(path)?;
        if let Some(sign) = &sign {
            let file = args.passphrase_file.as_deref();
            sign.run(&saved, |name| {
                if let Some(p) = &cached {
                    return Ok(p.clone());
                }
                let p = match file {
                    Some(f) => read_passphrase_file(f)?,
                    None => prompt(name, out)?,
                };
                cached = Some(p.clone());
                Ok(p)
            })?;
        }
        writeln!(
            out,
            "Successfully packaged chart and saved it to: {}",
            saved.display()
        )?;
    }
    Ok(())
}

/// `--dependency-update`: Helm runs a full `dependency update` of the chart, its output
/// discarded, before packaging it.
fn update_dependencies(args: &PackageArgs, path: &str, settings: &Settings) -> anyhow::Result<()> {
    let update = DependencyUpdateArgs {
        chart: Some(path.to_owned()),
        verify: false,
        keyring: args.keyring.clone(),
        skip_refresh: false,
        username: args.username.clone(),
        password: args.password.clone(),
        cert_file: args.cert_file.clone(),
        key_file: args.key_file.clone(),
        insecure_skip_tls_verify: args.insecure_skip_tls_verify,
        plain_http: args.plain_http,
        ca_file: args.ca_file.clone(),
    };
    let mut manager = crate::commands::dependency::manager(&update, settings)?;
    path.clone_into(&mut manager.chart_path);
    manager.update(&mut std::io::sink())?;
    Ok(())
}

/// The first line of `--passphrase-file` (`-` is stdin), as Go's `bufio.Reader.ReadLine`
/// returns it: without its line break; an empty file is Go's `EOF`.
fn read_passphrase_file(path: &std::path::Path) -> Result<Vec<u8>, String> {
    use std::io::Read;
    let data = if path.as_os_str() == "-" {
        // Helm wants a pipe on stdin (it checks for a named pipe); a terminal is refused.
        if std::io::IsTerminal::is_terminal(&std::io::stdin()) {
            return Err(
                "specified reading passphrase from stdin, without input on stdin".to_owned(),
            );
        }
        let mut buf = Vec::new();
        std::io::stdin()
            .read_to_end(&mut buf)
            .map_err(|e| e.to_string())?;
        buf
    } else {
        fs_err::read(path).map_err(|e| {
            let reason = match e.kind() {
                std::io::ErrorKind::NotFound => "no such file or directory".to_owned(),
                _ => e.to_string(),
            };
            format!("open {}: {reason}", path.display())
        })?
    };
    if data.is_empty() {
        return Err("EOF".to_owned());
    }
    let line = data.split(|b| *b == b'\n').next().unwrap_or_default();
    Ok(line.strip_suffix(b"\r").unwrap_or(line).to_vec())
}

/// Helm's prompt for an encrypted key. Helm turns echo off; Rudder has no terminal library
/// yet, so the passphrase is read as a plain line from stdin.
fn prompt(name: &str, out: &mut dyn Write) -> Result<Vec<u8>, String> {
    write!(out, "Password for key {name:?} >  ").map_err(|e| e.to_string())?;
    out.flush().map_err(|e| e.to_string())?;
    let mut line = String::new();
    std::io::stdin()
        .read_line(&mut line)
        .map_err(|e| e.to_string())?;
    writeln!(out).map_err(|e| e.to_string())?;
    Ok(line.trim_end_matches(['\n', '\r']).as_bytes().to_vec())
}
