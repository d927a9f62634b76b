//! `rudder repo add|list|remove|update|index` (helm/helm `pkg/cmd/repo_*.go`).

use std::io::{BufRead, Read, Write};
use std::time::Duration;

use anyhow::bail;
use rudder_action::repo::{AddOutcome, RepoAdd, RepoIndex, RepoPaths, RepoUpdate};
use rudder_action::table::Table;
use rudder_repo::Entry;
use rudder_value::strconv::quote;
use rudder_value::{List, Map, Value};

use crate::cli::{
    RepoAddArgs, RepoCommand, RepoIndexArgs, RepoListArgs, RepoServeArgs, RepoUpdateArgs,
};
use crate::settings::Settings;

/// Helm's `deprecatedRepos`: the retired Google-hosted stable and incubator repositories.
const DEPRECATED_REPOS: [(&str, &str); 2] = [
    (
        "//kubernetes-charts.storage.googleapis.com",
        "https://charts.helm.sh/stable",
    ),
    (
        "//kubernetes-charts-incubator.storage.googleapis.com",
        "https://charts.helm.sh/incubator",
    ),
];

pub fn run(cmd: &RepoCommand, settings: &Settings, out: &mut dyn Write) -> anyhow::Result<()> {
    let paths = paths(settings);
    match cmd {
        RepoCommand::Add(args) => add(args, &paths, out),
        RepoCommand::List(args) => list(args, &paths, out),
        RepoCommand::Remove(args) => {
            let mut printed = Ok(());
            rudder_action::repo::remove(&paths, &args.names, |name| {
                if printed.is_ok() {
                    printed = writeln!(
                        out,
                        "{} has been removed from your repositories",
                        quote(name)
                    );
                }
            })?;
            Ok(printed?)
        }
        RepoCommand::Update(args) => update(args, &paths, out),
        RepoCommand::Index(args) => index(args),
        RepoCommand::Serve(args) => serve(args, out),
    }
}

/// The repository paths of the settings.
pub fn paths(settings: &Settings) -> RepoPaths {
    RepoPaths {
        config: settings.repository_config.clone(),
        cache: settings.repository_cache.clone(),
    }
}

/// A Go duration as the `--timeout` flags take it (`2m0s`, `90s`, `1h`, `500ms`).
pub fn parse_duration(text: &str) -> anyhow::Result<Duration> {
    let bad = || {
        anyhow::anyhow!(
            "invalid argument {} for \"--timeout\" flag: time: invalid duration {}",
            quote(text),
            quote(text)
        )
    };
    if text == "0" {
        return Ok(Duration::ZERO);
    }
    let mut total = 0f64;
    let mut rest = text;
    if rest.is_empty() {
        return Err(bad());
    }
    while !rest.is_empty() {
        let n = rest
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .ok_or_else(bad)?;
        let value: f64 = rest[..n].parse().map_err(|_| bad())?;
        rest = &rest[n..];
        let u = rest
            .find(|c: char| c.is_ascii_digit() || c == '.')
            .unwrap_or(rest.len());
        let unit = match &rest[..u] {
            "ns" => 1e-9,
            "us" | "µs" => 1e-6,
            "ms" => 1e-3,
            "s" => 1.0,
            "m" => 60.0,
            "h" => 3600.0,
            _ => return Err(bad()),
        };
        total += value * unit;
        rest = &rest[u..];
    }
    Ok(Duration::from_secs_f64(total))
}

/// A timeout of zero means none, as Go's `http.Client` reads it.
fn timeout(text: &str) -> anyhow::Result<Option<Duration>> {
    let d = parse_duration(text)?;
    Ok((!d.is_zero()).then_some(d))
}

fn add(args: &RepoAddArgs, paths: &RepoPaths, out: &mut dyn Write) -> anyhow::Result<()> {
    if !args.allow_deprecated_repos {
        for (old, new) in DEPRECATED_REPOS {
            if args.url.contains(old) {
                bail!(
                    "repo {} is no longer available; try {} instead",
                    quote(&args.url),
                    quote(new)
                );
            }
        }
    }
    let mut password = args.password.clone();
    if !args.username.is_empty() && password.is_empty() {
        if args.password_stdin {
            let mut text = String::new();
            std::io::stdin().read_to_string(&mut text)?;
            let text = text.strip_suffix('\n').unwrap_or(&text);
            text.strip_suffix('\r')
                .unwrap_or(text)
                .clone_into(&mut password);
        } else {
            write!(out, "Password: ")?;
            out.flush()?;
            let mut line = String::new();
            std::io::stdin().lock().read_line(&mut line)?;
            writeln!(out)?;
            line.trim_end_matches(['\n', '\r'])
                .clone_into(&mut password);
        }
    }
    let action = RepoAdd {
        entry: Entry {
            name: args.name.clone(),
            url: args.url.clone(),
            username: args.username.clone(),
            password,
            cert_file: args.cert_file.clone(),
            key_file: args.key_file.clone(),
            ca_file: args.ca_file.clone(),
            insecure_skip_tls_verify: args.insecure_skip_tls_verify,
            pass_credentials_all: args.pass_credentials,
        },
        force_update: args.force_update,
        timeout: timeout(&args.timeout)?,
    };
    match action.run(paths)? {
        AddOutcome::Added => writeln!(
            out,
            "{} has been added to your repositories",
            quote(&args.name)
        )?,
        AddOutcome::Unchanged => writeln!(
            out,
            "{} already exists with the same configuration, skipping",
            quote(&args.name)
        )?,
    }
    Ok(())
}

fn list(args: &RepoListArgs, paths: &RepoPaths, out: &mut dyn Write) -> anyhow::Result<()> {
    let format = crate::commands::search::OutputFormat::parse(&args.output)?;
    let repos = rudder_action::repo::list(paths);
    if repos.is_empty() && format == crate::commands::search::OutputFormat::Table {
        #[expect(
            clippy::print_stderr,
            reason = "Helm prints this notice to stderr and succeeds"
        )]
        {
            eprintln!("no repositories to show");
        }
        return Ok(());
    }
    match format {
        crate::commands::search::OutputFormat::Table => {
            let mut table = Table::new(0);
            if !args.no_headers {
                table.add_row(["NAME", "URL"]);
            }
            for r in &repos {
                table.add_row([r.name.as_str(), r.url.as_str()]);
            }
            writeln!(out, "{table}")?;
        }
        format => {
            let list = repos
                .iter()
                .map(|r| {
                    let m = Map::new();
                    m.insert("name", Value::from(r.name.as_str()));
                    m.insert("url", Value::from(r.url.as_str()));
                    Value::Map(m)
                })
                .collect();
            format.write(&Value::List(List::new(list)), out)?;
        }
    }
    Ok(())
}

fn update(args: &RepoUpdateArgs, paths: &RepoPaths, out: &mut dyn Write) -> anyhow::Result<()> {
    let action = RepoUpdate {
        names: args.names.clone(),
        timeout: timeout(&args.timeout)?,
    };
    // Helm checks the requested names before it says anything.
    let results = action.run(paths)?;
    writeln!(
        out,
        "Hang tight while we grab the latest from your chart repositories..."
    )?;
    let mut failed = Vec::new();
    for r in results {
        match r.error {
            None => writeln!(
                out,
                "...Successfully got an update from the {} chart repository",
                quote(&r.name)
            )?,
            Some(e) => {
                writeln!(
                    out,
                    "...Unable to get an update from the {} chart repository ({}):\n\t{}",
                    quote(&r.name),
                    r.url,
                    crate::commands::search::chain(&e)
                )?;
                failed.push(r.url);
            }
        }
    }
    if !failed.is_empty() {
        return Err(rudder_action::repo::RepoError::UpdateFailed(failed).into());
    }
    writeln!(out, "Update Complete. ⎈Happy Helming!⎈")?;
    Ok(())
}

fn index(args: &RepoIndexArgs) -> anyhow::Result<()> {
    let action = RepoIndex {
        url: args.url.clone(),
        merge: args.merge.clone(),
        json: args.json,
        now: rudder_repo::time::format_utc(std::time::SystemTime::now()),
    };
    action.run(&args.dir)?;
    Ok(())
}

/// `repo serve`: Helm 2's `helm serve` (index regenerated at start, then served), plus
/// authenticated uploads and TLS. Runs until the process is stopped.
fn serve(args: &RepoServeArgs, out: &mut dyn Write) -> anyhow::Result<()> {
    let Some(dir) = args.dir.as_ref().or(args.repo_path.as_ref()) else {
        bail!("a chart folder is required: rudder repo serve DIR (or --repo-path DIR)");
    };
    let dir = std::path::absolute(dir)?;
    if !dir.is_dir() {
        bail!("stat {}: no such file or directory", dir.display());
    }
    let password = match &args.password_file {
        Some(p) => {
            let text = fs_err::read_to_string(p)?;
            Some(text.trim_end_matches(['\r', '\n']).to_owned())
        }
        None => None,
    };
    if password.is_some() && args.username.as_deref().unwrap_or_default().is_empty() {
        bail!("--password-file needs --username");
    }
    let tls = match (&args.tls_cert, &args.tls_key) {
        (Some(c), Some(k)) => Some(rudder_repo::serve::tls_config(
            &fs_err::read(c)?,
            &fs_err::read(k)?,
        )?),
        _ => None,
    };
    let scheme = if tls.is_some() { "https" } else { "http" };
    let listener_addr = args.address.clone();
    writeln!(out, "Regenerating index. This may take a moment.")?;
    out.flush()?;
    // With port 0 the URL can only be known once bound: bind first, then index with it.
    let url = args.url.clone();
    let opts = rudder_repo::serve::ServeOptions {
        dir,
        url: url.clone().unwrap_or_default(),
        username: args.username.clone().unwrap_or_default(),
        password,
        allow_overwrite: args.allow_overwrite,
        tls,
        clock: std::sync::Arc::new(|| rudder_repo::time::format_utc(std::time::SystemTime::now())),
    };
    let server = rudder_repo::serve::start(&listener_addr, opts, |addr| {
        url.clone().unwrap_or_else(|| format!("{scheme}://{addr}"))
    })?;
    let shown = if listener_addr.ends_with(":0") {
        server.local_addr().to_string()
    } else {
        listener_addr
    };
    writeln!(out, "Now serving you on {shown}")?;
    out.flush()?;
    server.wait();
    Ok(())
}
