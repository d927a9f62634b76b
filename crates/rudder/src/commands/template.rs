//! `rudder template`: render a chart locally and print the manifests (helm/helm
//! `pkg/cmd/template.go`).

use std::fmt::Write as _;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::{Context as _, anyhow, bail};
use rudder_action::install::{Failure, Install, Rendered};
use rudder_action::postrender::PostRenderer;
use rudder_release::manifest::split_manifests;
use rudder_value::{Map, Value};

use crate::cli::TemplateArgs;
use crate::commands::chart::user_values;
use crate::settings::Settings;

pub fn run(args: &TemplateArgs, settings: &Settings, out: &mut dyn Write) -> anyhow::Result<()> {
    // Cobra parses the flags first (printing deprecation notices and looking the
    // post-renderer up), then checks the arguments, then flag groups; RunE comes last.
    let no_effect = "this flag has no effect for 'helm template' and will be removed in Helm 5";
    for (set, flag, why) in [
        (args.force, "force", "use --force-replace instead"),
        (args.atomic, "atomic", "use --rollback-on-failure instead"),
        (args.hide_notes, "hide-notes", no_effect),
        (
            args.render_subchart_notes,
            "render-subchart-notes",
            no_effect,
        ),
        (args.validate, "validate", "use '--dry-run=server' instead"),
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
    if let Some(v) = &args.server_side
        && go_parse_bool(v).is_none()
    {
        bail!(
            "invalid argument {} for \"--server-side\" flag: strconv.ParseBool: parsing {}: invalid syntax",
            quote(v),
            quote(v)
        );
    }
    match args.wait.as_deref() {
        None | Some("watcher" | "hookOnly" | "legacy") => {}
        Some("true") => {
            warn(
                "--wait=true is deprecated (boolean value) and can be replaced with --wait=watcher",
            );
        }
        Some("false") => {
            warn(
                "--wait=false is deprecated (boolean value) and can be replaced with --wait=hookOnly",
            );
        }
        Some(other) => bail!(
            "invalid argument {} for \"--wait\" flag: invalid wait input {}. Valid inputs are watcher, hookOnly, and legacy",
            quote(other),
            quote(other)
        ),
    }
    // Cobra ignores an empty value and refuses a second one.
    let mut renderers = args.post_renderer.iter().filter(|p| !p.is_empty());
    let first = renderers.next();
    if let Some(second) = renderers.next() {
        bail!(
            "invalid argument {} for \"--post-renderer\" flag: cannot specify --post-renderer flag more than once",
            quote(second)
        );
    }
    let post_renderer = match first {
        Some(p) => Some(post_renderer(p, &args.post_renderer_args, settings)?),
        None => None,
    };
    // Helm's require.MinimumNArgs(1).
    if args.args.is_empty() {
        bail!(
            "\"rudder template\" requires at least 1 argument\n\nUsage:  rudder template [NAME] [CHART] [flags]"
        );
    }
    // Cobra's mutually exclusive groups, checked in the sorted order of their names.
    for (group, set) in [
        ("force force-conflicts", args.force && args.force_conflicts),
        (
            "force-replace force-conflicts",
            args.force_replace && args.force_conflicts,
        ),
        ("validate dry-run", args.validate && args.dry_run.is_some()),
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
    if let Some(v) = &args.kube_version
        && let Some(message) = kube_version_error(v)
    {
        bail!("invalid kube version '{v}': {message}");
    }
    let server = dry_run_is_server(args.dry_run.as_deref())? || args.validate;
    // Helm's runInstall (pkg/cmd/install.go) logs these at debug level.
    if settings.debug {
        let version = args.chart.version.clone().unwrap_or_default();
        log("DEBUG", "Original chart version", &[("version", &version)]);
        if version.is_empty() && args.devel {
            log("DEBUG", "setting version to >0.0.0-0", &[]);
        }
    }
    let (name, chart_ref) = name_and_chart(args)?;
    let chart_path =
        crate::commands::pull::locate_chart(&chart_ref, &args.chart, args.devel, settings)?;
    if settings.debug {
        let absolute = std::path::absolute(&chart_path).unwrap_or_else(|_| chart_path.clone());
        log(
            "DEBUG",
            "Chart path",
            &[("path", &go_clean(&absolute.to_string_lossy()))],
        );
    }
    let values = user_values(&args.values)?;
    let chart = crate::commands::dependency::load_chart_updating(
        &chart_path,
        args.dependency_update,
        &args.chart,
        settings,
        out,
    )?;
    if chart.metadata.deprecated {
        log("WARN", "this chart is deprecated", &[]);
    }
    if server {
        // Helm's install checks that the cluster answers before rendering anything, and logs
        // the failure before returning it.
        let message = format!(
            "cluster reachability check failed: kubernetes cluster unreachable{}",
            if settings.kube_config.is_some() {
                ": rudder template cannot reach a cluster yet (use --dry-run=client)"
            } else {
                ""
            }
        );
        log("ERROR", &message, &[]);
        bail!(message);
    }
    let lookup = match &args.lookup_fixtures {
        Some(file) => Some(lookup_fixtures(file)?),
        None => None,
    };
    let install = Install {
        release_name: name.clone(),
        namespace: settings.namespace().to_owned(),
        is_upgrade: args.is_upgrade,
        include_crds: args.include_crds,
        kube_version: args.kube_version.clone(),
        api_versions: args.api_versions.clone(),
        skip_schema_validation: args.skip_schema_validation,
        sub_notes: args.render_subchart_notes,
        enable_dns: args.enable_dns,
        lookup,
        post_renderer,
        on_warning: Some(Arc::new(print_warning)),
        short_lived: true,
        ..Install::default()
    };
    let (rendered, error) = match install.render(chart, &values).map_err(|f| *f) {
        Ok(r) => (r, None),
        Err(Failure {
            error,
            partial: Some(partial),
            detail,
        }) => {
            // Helm's own message stays the first line (scripts match it); Rudder's
            // explanation follows on lines of its own.
            let mut message = error.to_string();
            for line in &detail {
                message.push('\n');
                message.push_str(line);
            }
            if !settings.debug {
                bail!("{message}\n\nUse --debug flag to render out invalid YAML");
            }
            (*partial, Some(message))
        }
        Err(Failure {
            error,
            partial: None,
            ..
        }) => bail!("{error}"),
    };
    print_rendered(args, &name, &rendered, out)?;
    // The process ends with the command: the output is not freed piece by piece.
    std::mem::forget(rendered);
    match error {
        Some(e) => Err(anyhow!(e)),
        None => Ok(()),
    }
}

/// Cobra's optional-value `--dry-run` as `helm template` reads it (helm/helm
/// `pkg/cmd/helpers.go`, `cmdGetDryRunFlagStrategy`): `true` when the server is asked for.
fn dry_run_is_server(value: Option<&str>) -> anyhow::Result<bool> {
    let Some(v) = value else {
        return Ok(false);
    };
    match v {
        "unset" => {
            warn("--dry-run is deprecated and should be replaced with '--dry-run=client'");
            Ok(false)
        }
        "client" => Ok(false),
        "1" | "t" | "T" | "TRUE" | "true" | "True" => {
            warn(&format!(
                "boolean '--dry-run={v}' flag is deprecated and must be replaced with '--dry-run=client'"
            ));
            Ok(false)
        }
        "server" => Ok(true),
        "none" | "0" | "f" | "F" | "FALSE" | "false" | "False" => {
            bail!(
                "invalid dry-run value ({}). Must be \"server\" or \"client\"",
                quote(v)
            )
        }
        _ => bail!(
            "invalid dry-run value ({}). Must be \"none\", \"server\", or \"client\"",
            quote(v)
        ),
    }
}

/// A warning from dependency processing or values coalescing, printed as Helm prints it:
/// coalescing logs through Go's `log.Printf` (date and time first; Rudder writes UTC where Go
/// uses the local zone), dependency processing through slog.
pub(crate) fn print_warning(w: &rudder_chart::Warning) {
    use rudder_chart::Warning;
    match w {
        Warning::NonBoolCondition { path, chart } => log(
            "WARN",
            "returned non-bool value",
            &[("path", path), ("chart", chart)],
        ),
        Warning::NonBoolTag { tag, chart } => log(
            "WARN",
            "returned non-bool value",
            &[("tag", tag), ("chart", chart)],
        ),
        Warning::ImportValuesMissingTable { .. } => log(
            "WARN",
            "ImportValues missing table",
            &[("error", &w.to_string())],
        ),
        _ => {
            #[expect(clippy::print_stderr, reason = "Helm's log.Printf writes to stderr")]
            {
                eprintln!("{} {w}", go_log_time(std::time::SystemTime::now()));
            }
        }
    }
}

/// Go's `log.LstdFlags` prefix (`2006/01/02 15:04:05`), in UTC.
fn go_log_time(t: std::time::SystemTime) -> String {
    let secs = t
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let days = i64::try_from(secs / 86_400).unwrap_or(0);
    let rem = secs % 86_400;
    // Howard Hinnant's civil_from_days.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}/{month:02}/{day:02} {:02}:{:02}:{:02}",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

/// A warning as Helm 4's logger prints it (slog's text handler without the time).
pub(crate) fn warn(message: &str) {
    log("WARN", message, &[]);
}

/// A line of Helm 4's logger: slog's text handler without the time
/// (`internal/logging/logging.go`), on stderr.
pub(crate) fn log(level: &str, message: &str, attrs: &[(&str, &str)]) {
    let mut line = format!("level={level} msg={}", slog_value(message));
    for (key, value) in attrs {
        let _ = write!(line, " {key}={}", slog_value(value));
    }
    #[expect(
        clippy::print_stderr,
        reason = "diagnostics go to stderr, as Helm's slog does"
    )]
    {
        eprintln!("{line}");
    }
}

/// slog's text quoting: a value is quoted when it is empty or holds a space, `=`, `"` or a
/// character that is not printable.
fn slog_value(v: &str) -> String {
    let needs = v.is_empty()
        || v.chars()
            .any(|c| c.is_whitespace() || c == '=' || c == '"' || c.is_control());
    if needs { quote(v) } else { v.to_owned() }
}

/// Go's `filepath.Clean` of an absolute path.
fn go_clean(path: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            other => parts.push(other),
        }
    }
    format!("/{}", parts.join("/"))
}

/// Go's `strconv.ParseBool`.
pub(crate) fn go_parse_bool(v: &str) -> Option<bool> {
    match v {
        "1" | "t" | "T" | "TRUE" | "true" | "True" => Some(true),
        "0" | "f" | "F" | "FALSE" | "false" | "False" => Some(false),
        _ => None,
    }
}

pub(crate) fn quote(s: &str) -> String {
    rudder_value::strconv::quote(s)
}

/// The error of k8s.io/apimachinery's `ParseGeneric` for a `--kube-version` Rudder cannot
/// read, or `None` when it reads.
fn kube_version_error(v: &str) -> Option<String> {
    if rudder_engine::KubeVersion::parse(v).is_some() {
        return None;
    }
    // `^\s*v?([0-9]+(?:\.[0-9]+)*)(.*)*$` with Go's ASCII `\s`.
    let rest = v.trim_start_matches([' ', '\t', '\n', '\r', '\x0C']);
    let rest = rest.strip_prefix('v').unwrap_or(rest);
    let mut end = rest
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(rest.len());
    if end == 0 {
        return Some(format!("could not parse {} as version", quote(v)));
    }
    while let Some(after) = rest[end..].strip_prefix('.') {
        let digits = after
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(after.len());
        if digits == 0 {
            break;
        }
        end += 1 + digits;
    }
    let components: Vec<&str> = rest[..end].split('.').collect();
    if components.len() < 2 {
        return Some(format!("illegal version string {}", quote(v)));
    }
    for (i, c) in components.iter().enumerate() {
        if i == 0 && c.starts_with('0') && *c != "0" {
            return Some(format!(
                "illegal zero-prefixed version component {} in {}",
                quote(c),
                quote(v)
            ));
        }
        if c.parse::<u64>().is_err() {
            return Some(format!(
                "illegal non-numeric version component {} in {}: strconv.ParseUint: parsing {}: value out of range",
                quote(c),
                quote(v),
                quote(c)
            ));
        }
    }
    Some(format!("could not parse {} as version", quote(v)))
}

/// `--lookup-fixtures FILE`: the objects `lookup` answers from.
fn lookup_fixtures(file: &Path) -> anyhow::Result<Arc<dyn rudder_engine::Lookup>> {
    let text = fs_err::read_to_string(file)?;
    let mut objects = Vec::new();
    for (i, doc) in split_manifests(&text).iter().enumerate() {
        let value = rudder_yaml::from_yaml(doc).map_err(|e| {
            anyhow!(
                "lookup fixtures {}: document {}: {e}",
                file.display(),
                i + 1
            )
        })?;
        match value {
            Value::Nil => {}
            Value::Map(map) => {
                let is_list = map
                    .get("kind")
                    .and_then(|k| k.as_str().map(|k| k.ends_with("List")))
                    .unwrap_or(false);
                match map.get("items") {
                    Some(Value::List(items)) if is_list => {
                        for (j, item) in items.iter().enumerate() {
                            objects.push(fixture_object(file, i, Some(j), item)?);
                        }
                    }
                    _ => objects.push(fixture_object(file, i, None, &Value::Map(map))?),
                }
            }
            _ => bail!(
                "lookup fixtures {}: document {} is not a Kubernetes object",
                file.display(),
                i + 1
            ),
        }
    }
    Ok(Arc::new(rudder_engine::Objects::new(objects)))
}

fn fixture_object(
    file: &Path,
    doc: usize,
    item: Option<usize>,
    value: &Value,
) -> anyhow::Result<Map> {
    let at = match item {
        Some(j) => format!("document {}, item {}", doc + 1, j + 1),
        None => format!("document {}", doc + 1),
    };
    let Value::Map(map) = value else {
        bail!(
            "lookup fixtures {}: {at} is not a Kubernetes object",
            file.display()
        );
    };
    let named = |m: &Map, k: &str| {
        m.get(k)
            .is_some_and(|v| v.as_str().is_some_and(|s| !s.is_empty()))
    };
    let has_name = match map.get("metadata") {
        Some(Value::Map(meta)) => named(&meta, "name"),
        _ => false,
    };
    if !named(map, "apiVersion") || !named(map, "kind") || !has_name {
        bail!(
            "lookup fixtures {}: {at} needs apiVersion, kind and metadata.name",
            file.display()
        );
    }
    Ok(map.clone())
}

/// `--post-renderer`: a path (it contains a `/`) to an executable file is a program run with
/// the manifests on stdin, as in Helm 3; anything else names a Helm 4 post-renderer plugin.
pub(crate) fn post_renderer(
    name: &str,
    args: &[String],
    settings: &Settings,
) -> anyhow::Result<Arc<dyn PostRenderer>> {
    // Helm 4 only knows plugins; Rudder also runs a program named by a path, as Helm 3 did.
    // Anything else goes to the plugin lookup and fails with Helm 4's message.
    if name.contains('/') && is_executable(Path::new(name)) {
        return Ok(Arc::new(Exec {
            path: PathBuf::from(name),
            args: args.to_vec(),
        }));
    }
    let dirs = settings.plugins_directory.to_string_lossy().into_owned();
    for dir in dirs.split(':').filter(|d| !d.is_empty()) {
        let Ok(entries) = fs_err::read_dir(dir) else {
            continue;
        };
        // Helm globs `DIR/*/plugin.yaml`: in name order.
        let mut entries: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
        entries.sort();
        for entry in entries {
            let Ok(text) = fs_err::read_to_string(entry.join("plugin.yaml")) else {
                continue;
            };
            let Ok(Value::Map(meta)) = rudder_yaml::from_yaml(&text) else {
                continue;
            };
            let field = |k: &str| meta.get(k).and_then(|v| v.as_str().map(str::to_owned));
            if field("name").as_deref() == Some(name)
                && field("type").as_deref() == Some("postrenderer/v1")
            {
                return Ok(Arc::new(Plugin {
                    name: name.to_owned(),
                    dir: entry,
                    meta,
                    args: args.to_vec(),
                }));
            }
        }
    }
    bail!(
        "invalid argument {} for \"--post-renderer\" flag: plugin: {{Name:{name} Type:postrenderer/v1}} not found",
        quote(name)
    )
}

fn is_executable(path: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt as _;
    fs_err::metadata(path).is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
}

/// A Helm 4 post-renderer plugin with the subprocess runtime (helm/helm
/// `internal/plugin/runtime_subprocess.go`, `runPostrenderer`): the platform command with
/// `$HELM_PLUGIN_DIR` and friends expanded, the `--post-renderer-args` appended, the
/// manifests on stdin.
struct Plugin {
    name: String,
    dir: PathBuf,
    meta: Map,
    args: Vec<String>,
}

impl Plugin {
    /// Helm's `getPlatformCommand`: an entry for this OS and architecture, else the first for
    /// this OS without an architecture, else the first without either.
    fn command(&self) -> Option<(Vec<String>, Vec<String>)> {
        let Some(Value::Map(config)) = self.meta.get("runtimeConfig") else {
            return None;
        };
        let Some(Value::List(commands)) = config.get("platformCommand") else {
            return None;
        };
        let os = std::env::consts::OS;
        let arch = match std::env::consts::ARCH {
            "x86_64" => "amd64",
            "aarch64" => "arm64",
            other => other,
        };
        let text = |m: &Map, k: &str| {
            m.get(k)
                .and_then(|v| v.as_str().map(str::to_owned))
                .unwrap_or_default()
        };
        let mut chosen: Option<(Vec<String>, Vec<String>)> = None;
        let mut found_os = false;
        for c in commands.iter() {
            let Value::Map(c) = c else { continue };
            let (c_os, c_arch) = (text(c, "os"), text(c, "arch"));
            let parts: Vec<String> = text(c, "command").split(' ').map(str::to_owned).collect();
            let args: Vec<String> = match c.get("args") {
                Some(Value::List(items)) => items
                    .iter()
                    .filter_map(|a| a.as_str().map(str::to_owned))
                    .collect(),
                _ => Vec::new(),
            };
            if c_os.eq_ignore_ascii_case(os) && c_arch.eq_ignore_ascii_case(arch) {
                return Some((parts, args));
            }
            if (!c_os.is_empty() && !c_os.eq_ignore_ascii_case(os)) || !c_arch.is_empty() {
                continue;
            }
            if !found_os && !c_os.is_empty() {
                chosen = Some((parts, args));
                found_os = true;
            } else if chosen.is_none() {
                chosen = Some((parts, args));
            }
        }
        chosen
    }

    /// Go's `os.Expand` over the plugin's variables and the environment.
    fn expand(&self, s: &str) -> String {
        let lookup = |key: &str| match key {
            "HELM_PLUGIN_NAME" => self.name.clone(),
            "HELM_PLUGIN_DIR" => self.dir.display().to_string(),
            other => crate::env::var(other).unwrap_or_default(),
        };
        let mut out = String::new();
        let mut rest = s;
        while let Some(at) = rest.find('$') {
            out.push_str(&rest[..at]);
            let after = &rest[at + 1..];
            if let Some(braced) = after.strip_prefix('{')
                && let Some(end) = braced.find('}')
            {
                out.push_str(&lookup(&braced[..end]));
                rest = &braced[end + 1..];
                continue;
            }
            let len = after
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                .unwrap_or(after.len());
            if len == 0 {
                out.push('$');
            } else {
                out.push_str(&lookup(&after[..len]));
            }
            rest = &after[len..];
        }
        out.push_str(rest);
        out
    }
}

impl PostRenderer for Plugin {
    fn run(&self, manifests: &str) -> Result<String, String> {
        let invoke = |e: String| {
            format!(
                "failed to invoke post-renderer plugin {}: {e}",
                quote(&self.name)
            )
        };
        let (parts, base) = self
            .command()
            .filter(|(p, _)| p.first().is_some_and(|c| !c.is_empty()))
            .ok_or_else(|| {
                invoke(
                    "failed to prepare plugin command: no plugin command is applicable".to_owned(),
                )
            })?;
        let program = self.expand(&parts[0]);
        let mut args: Vec<String> = parts[1..]
            .iter()
            .chain(&base)
            .map(|a| self.expand(a))
            .collect();
        args.extend(self.args.iter().cloned());
        let mut child = std::process::Command::new(&program)
            .args(&args)
            .env("HELM_PLUGIN_NAME", &self.name)
            .env("HELM_PLUGIN_DIR", &self.dir)
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .map_err(|e| invoke(format!("fork/exec {program}: {e}")))?;
        let mut stdin = child.stdin.take().expect("stdin was requested as a pipe");
        let input = manifests.to_owned();
        let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
        let output = child
            .wait_with_output()
            .map_err(|e| invoke(e.to_string()))?;
        let _ = writer.join();
        if !output.status.success() {
            return Err(invoke(format!(
                "plugin {} exited with error",
                quote(&self.name)
            )));
        }
        let text = String::from_utf8_lossy(&output.stdout).into_owned();
        if text.trim().is_empty() {
            return Err(format!(
                "post-renderer {} produced empty output",
                quote(&self.name)
            ));
        }
        Ok(text)
    }
}

/// A post-renderer program (Helm 3's `postrenderer.NewExec`).
struct Exec {
    path: PathBuf,
    args: Vec<String>,
}

impl PostRenderer for Exec {
    fn run(&self, manifests: &str) -> Result<String, String> {
        let shown = self.path.display().to_string();
        let mut child = std::process::Command::new(&self.path)
            .args(&self.args)
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .map_err(|e| format!("error while running command {shown}. error output:\n: {e}"))?;
        let mut stdin = child.stdin.take().expect("stdin was requested as a pipe");
        let input = manifests.to_owned();
        // Feeding stdin from another thread keeps a program that writes before it has read
        // everything from blocking on a full pipe.
        let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
        let output = child
            .wait_with_output()
            .map_err(|e| format!("error while running command {shown}. error output:\n: {e}"))?;
        let _ = writer.join();
        if !output.status.success() {
            let status = match output.status.code() {
                Some(code) => format!("exit status {code}"),
                None => "signal: killed".to_owned(),
            };
            return Err(format!(
                "error while running command {shown}. error output:\n{}: {status}",
                String::from_utf8_lossy(&output.stderr)
            ));
        }
        let text = String::from_utf8_lossy(&output.stdout).into_owned();
        if text.trim().is_empty() {
            return Err(format!(
                "post-renderer {} produced empty output",
                quote(&shown)
            ));
        }
        Ok(text)
    }
}

/// Helm's `NameAndChart` as `helm template` sets it up (the name defaults to `release-name`).
fn name_and_chart(args: &TemplateArgs) -> anyhow::Result<(String, String)> {
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
            let name = match &args.name_template {
                Some(t) => crate::commands::chart::template_name(t)?,
                None => "release-name".to_owned(),
            };
            Ok((name, chart.clone()))
        }
        more => bail!(
            "expected at most two arguments, unexpected arguments: {}",
            more.get(2..).unwrap_or_default().join(", ")
        ),
    }
}

/// A chart reference that names a local directory or archive.
fn print_rendered(
    args: &TemplateArgs,
    release_name: &str,
    rendered: &Rendered,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    if args.show_only.is_empty() && args.output_dir.is_none() {
        // The common case, written out as it is instead of being gathered in one more copy.
        let mut tail = String::from("\n");
        if !args.no_hooks {
            for hook in &rendered.hooks {
                if args.skip_tests && hook.is_test() {
                    continue;
                }
                let _ = write!(tail, "---\n# Source: {}\n{}\n", hook.path, hook.manifest);
            }
        }
        out.write_all(rendered.manifest.trim().as_bytes())?;
        out.write_all(tail.as_bytes())?;
        return Ok(());
    }
    let mut manifests = String::new();
    if let Some(dir) = &args.output_dir {
        // Helm writes the manifests (and then the hooks) instead of collecting them, so
        // what is left to print is an empty manifest: one newline.
        write_output_dir(args, dir, release_name, rendered, out)?;
        manifests.push('\n');
    } else {
        manifests.push_str(rendered.manifest.trim());
        manifests.push('\n');
        if !args.no_hooks {
            for hook in &rendered.hooks {
                if args.skip_tests && hook.is_test() {
                    continue;
                }
                let _ = write!(
                    manifests,
                    "---\n# Source: {}\n{}\n",
                    hook.path, hook.manifest
                );
            }
        }
    }
    if args.show_only.is_empty() {
        out.write_all(manifests.as_bytes())?;
        return Ok(());
    }
    let docs = split_manifests(&manifests);
    let mut chosen = Vec::new();
    for pattern in &args.show_only {
        // Helm's filepath.ToSlash changes nothing on Unix: a backslash stays an escape.
        let mut missing = true;
        for doc in &docs {
            let Some(path) = source_path(doc) else {
                continue;
            };
            if !rudder_chart::ignore::go_match(pattern, path).unwrap_or(false) {
                continue;
            }
            chosen.push(doc.as_str());
            missing = false;
        }
        if missing {
            bail!("could not find template {pattern} in chart");
        }
    }
    for doc in chosen {
        write!(out, "---\n{doc}\n")?;
    }
    Ok(())
}

/// The template path of a document: what follows the chart name in `# Source: chart/...`.
fn source_path(doc: &str) -> Option<&str> {
    let at = doc.find("# Source: ")?;
    let rest = &doc[at + "# Source: ".len()..];
    let slash = rest.find('/')?;
    if slash == 0 {
        return None;
    }
    let path = &rest[slash + 1..];
    let end = path.find('\n').unwrap_or(path.len());
    let path = &path[..end];
    (!path.is_empty()).then_some(path)
}

/// `--output-dir`: each document written to `DIR/[RELEASE/]PATH` with its `# Source:` line,
/// announcing every write. As in Helm, CRDs go to `DIR` itself, a file written earlier in
/// this run is appended to, and hooks are appended to any file that already exists
/// (`pkg/action/action.go` `renderResources`, `pkg/cmd/template.go`).
fn write_output_dir(
    args: &TemplateArgs,
    dir: &Path,
    release_name: &str,
    rendered: &Rendered,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    let dir = dir.to_string_lossy().into_owned();
    let base = if args.release_name {
        go_join(&dir, release_name)
    } else {
        dir.clone()
    };
    let mut written = std::collections::HashSet::new();
    for doc in &rendered.documents {
        let target = if doc.crd { &dir } else { &base };
        let append = written.contains(&doc.path);
        write_file(target, &doc.path, &doc.content, append, out)?;
        written.insert(doc.path.clone());
    }
    if !args.no_hooks {
        for hook in &rendered.hooks {
            if args.skip_tests && hook.is_test() {
                continue;
            }
            let append = Path::new(&format!("{base}/{}", hook.path)).exists();
            write_file(&base, &hook.path, &hook.manifest, append, out)?;
        }
    }
    Ok(())
}

/// Go's `filepath.Join` of two non-empty parts (cleaned of `//`, `./` and trailing `/`).
fn go_join(a: &str, b: &str) -> String {
    let joined = format!("{a}/{b}");
    let absolute = joined.starts_with('/');
    let mut parts: Vec<&str> = Vec::new();
    for part in joined.split('/') {
        match part {
            "" | "." => {}
            ".." if parts.last().is_some_and(|p| *p != "..") => {
                parts.pop();
            }
            ".." if absolute => {}
            other => parts.push(other),
        }
    }
    let body = parts.join("/");
    match (absolute, body.is_empty()) {
        (true, _) => format!("/{body}"),
        (false, true) => ".".to_owned(),
        (false, false) => body,
    }
}

fn write_file(
    dir: &str,
    name: &str,
    content: &str,
    append: bool,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    let file = format!("{dir}/{name}");
    if let Some(parent) = Path::new(&file).parent() {
        fs_err::create_dir_all(parent)?;
    }
    let mut f = if append {
        fs_err::OpenOptions::new().append(true).open(&file)?
    } else {
        fs_err::File::create(&file)?
    };
    write!(f, "---\n# Source: {name}\n{content}\n").with_context(|| format!("writing {file}"))?;
    writeln!(out, "wrote {file}")?;
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn go_log_time_is_utc_civil_time() {
        let t = std::time::UNIX_EPOCH + std::time::Duration::from_secs(1_709_251_199);
        assert_eq!(super::go_log_time(t), "2024/02/29 23:59:59");
        assert_eq!(
            super::go_log_time(std::time::UNIX_EPOCH),
            "1970/01/01 00:00:00"
        );
    }
}
