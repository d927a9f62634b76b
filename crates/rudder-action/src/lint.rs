//! Lint: checks a chart for problems the way `helm lint` does (helm/helm `pkg/action/lint.go`
//! over `pkg/chart/v2/lint`).
//!
//! [`Lint::run`] lints chart directories and returns every [`Message`] of every rule, with
//! [`LintResult::errors`] holding those at or above the failing severity (`ERROR`, or
//! `WARNING` with `--strict`). The rules live in submodules named after Helm's rule files:
//! `Chart.yaml` ([`chartfile`]), `values.yaml` and its schema ([`values`]), the rendered
//! templates ([`templates`]), `charts/` against the declared dependencies
//! ([`dependencies`]) and `crds/` ([`crds`]).
//!
//! ```
//! use rudder_action::lint::{Lint, Severity};
//!
//! let dir = std::env::temp_dir().join("rudder-lint-doc");
//! std::fs::create_dir_all(dir.join("templates")).unwrap();
//! std::fs::write(dir.join("Chart.yaml"), "apiVersion: v2\nname: demo\nversion: 0.1.0\n").unwrap();
//! std::fs::write(dir.join("values.yaml"), "").unwrap();
//! let result = Lint::default().run(&[dir], &rudder_value::Map::new());
//! assert_eq!(result.messages.len(), 1);
//! assert_eq!(result.messages[0].severity, Severity::Info);
//! assert_eq!(result.messages[0].to_string(), "[INFO] Chart.yaml: icon is recommended");
//! assert!(result.errors.is_empty());
//! ```

pub mod chartfile;
pub mod crds;
pub mod dependencies;
pub mod deprecations;
mod document;
mod names;
pub mod templates;
mod urls;
pub mod values;

use std::fmt;
use std::path::{Path, PathBuf};

pub use rudder_engine::KubeVersion;
use rudder_value::Map;

/// How bad a lint message is (Helm's `support.*Sev`), in increasing order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// `UNKNOWN`: never produced by a rule.
    Unknown,
    /// `INFO`: a recommendation.
    Info,
    /// `WARNING`: breaks convention; fails the lint with `--strict`.
    Warning,
    /// `ERROR`: would make the chart fail to install.
    Error,
}

impl Severity {
    /// Helm's number for the severity (0 to 3), as its SDK reports it.
    pub fn as_number(self) -> u8 {
        self as u8
    }

    /// Helm's label: `UNKNOWN`, `INFO`, `WARNING` or `ERROR`.
    pub fn label(self) -> &'static str {
        match self {
            Severity::Unknown => "UNKNOWN",
            Severity::Info => "INFO",
            Severity::Warning => "WARNING",
            Severity::Error => "ERROR",
        }
    }
}

/// One finding (Helm's `support.Message`). `Display` is Helm's `[SEVERITY] path: text`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Message {
    /// How bad it is.
    pub severity: Severity,
    /// What it is about: `Chart.yaml`, `values.yaml`, `templates/`, `templates/x.yaml`,
    /// `crds/x.yaml`, the chart's absolute directory (dependency checks) or empty.
    pub path: String,
    /// Helm's text for the problem.
    pub text: String,
}

impl fmt::Display for Message {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "[{}] {}: {}",
            self.severity.label(),
            self.path,
            self.text
        )
    }
}

/// The messages of one chart (Helm's `support.Linter`).
#[derive(Clone, Debug, Default)]
pub struct Linter {
    /// The chart directory, absolute.
    pub chart_dir: PathBuf,
    /// Every finding, in rule order.
    pub messages: Vec<Message>,
}

impl Linter {
    /// Helm's `RunLinterRule`: records `result`'s error, if any, and says whether it passed.
    pub fn rule(&mut self, severity: Severity, path: &str, result: Result<(), String>) -> bool {
        match result {
            Ok(()) => true,
            Err(text) => {
                self.messages.push(Message {
                    severity,
                    path: path.to_owned(),
                    text,
                });
                false
            }
        }
    }

    /// The chart directory as Helm prints it in dependency messages.
    pub fn chart_dir_string(&self) -> String {
        self.chart_dir.to_string_lossy().into_owned()
    }
}

/// Options of a lint (Helm's `action.Lint`). `--with-subcharts` and `--quiet` are the command
/// line's business: it decides which paths to lint and what to print.
#[derive(Clone, Debug, Default)]
pub struct Lint {
    /// `--strict`: warnings fail the lint too.
    pub strict: bool,
    /// The namespace the templates are rendered in.
    pub namespace: String,
    /// `--skip-schema-validation`.
    pub skip_schema_validation: bool,
    /// `--kube-version`: the version for `.Capabilities` and the deprecation checks (Helm's
    /// default when `None`).
    pub kube_version: Option<KubeVersion>,
}

/// What linting some paths found (Helm's `action.LintResult`).
#[derive(Clone, Debug, Default)]
pub struct LintResult {
    /// Charts that could be linted at all.
    pub total_charts_linted: usize,
    /// Every message of every chart.
    pub messages: Vec<Message>,
    /// The texts that make the lint fail: messages at or above the failing severity, and
    /// charts that could not be linted (`unable to check Chart.yaml file in chart: ...`).
    pub errors: Vec<String>,
}

impl LintResult {
    /// Helm's `HasWarningsOrErrors`: a message above `INFO`, or any error.
    pub fn has_warnings_or_errors(&self) -> bool {
        self.messages.iter().any(|m| m.severity > Severity::Info) || !self.errors.is_empty()
    }
}

impl Lint {
    /// Lints each chart directory with the user's `values` (Helm's `Lint.Run`).
    pub fn run(&self, paths: &[PathBuf], values: &Map) -> LintResult {
        let lowest = if self.strict {
            Severity::Warning
        } else {
            Severity::Error
        };
        let mut result = LintResult::default();
        for path in paths {
            let linter = match self.lint_chart(path, values) {
                Ok(linter) => linter,
                Err(e) => {
                    result.errors.push(e);
                    continue;
                }
            };
            result.total_charts_linted += 1;
            for m in &linter.messages {
                if m.severity >= lowest {
                    result.errors.push(m.text.clone());
                }
            }
            result.messages.extend(linter.messages);
        }
        result
    }

    fn lint_chart(&self, path: &Path, values: &Map) -> Result<Linter, String> {
        let display = path.to_string_lossy();
        // Helm expands an archive into a temporary directory and lints the chart there.
        let expanded;
        let chart_path = if display.ends_with(".tgz") || display.ends_with(".tar.gz") {
            expanded = expand_archive(path)?;
            expanded.1.clone()
        } else {
            path.to_owned()
        };
        let chart_yaml = chart_path.join("Chart.yaml");
        if let Err(e) = fs_err::metadata(&chart_yaml) {
            return Err(format!(
                "unable to check Chart.yaml file in chart: stat {}: {}",
                clean_path(&chart_yaml.to_string_lossy()),
                go_errno_text(&e)
            ));
        }
        Ok(run_all(
            &chart_path,
            values,
            &self.namespace,
            self.kube_version.as_ref(),
            self.skip_schema_validation,
        ))
    }
}

/// Helm's `chartutil.Expand` into a fresh temporary directory: the archive's files under a
/// directory named after the chart. Returns the directory guard and the chart's path.
fn expand_archive(path: &Path) -> Result<(tempfile::TempDir, PathBuf), String> {
    let tmp = tempfile::Builder::new()
        .prefix("helm-lint")
        .tempdir()
        .map_err(|e| format!("unable to create temp dir to extract tarball: {e}"))?;
    let data = fs_err::read(path).map_err(|e| {
        format!(
            "unable to open tarball: open {}: {}",
            path.display(),
            go_errno_text(&e)
        )
    })?;
    let files = rudder_chart::load_archive_files(&data).map_err(|e| {
        format!(
            "unable to extract tarball: {}",
            rudder_chart::helm_message(&e)
        )
    })?;
    let mut name = String::new();
    for f in &files {
        if f.name == "Chart.yaml" {
            let text = String::from_utf8_lossy(&f.data);
            let doc = rudder_yaml::from_yaml_typed(&text)
                .map_err(|e| format!("unable to extract tarball: cannot load Chart.yaml: {e}"))?;
            name = doc
                .as_map()
                .and_then(|m| m.get("name"))
                .and_then(|v| rudder_yaml::go_string_field(&v))
                .unwrap_or_default();
        }
    }
    if name.is_empty() {
        return Err("unable to extract tarball: chart name not specified".to_owned());
    }
    if name == "." || name == ".." {
        return Err(format!(
            "unable to extract tarball: chart name {} is not allowed",
            rudder_value::strconv::quote(&name)
        ));
    }
    if name.contains('/') {
        return Err(format!(
            "unable to extract tarball: chart name {} must not contain path separators",
            rudder_value::strconv::quote(&name)
        ));
    }
    let chart_dir = tmp.path().join(&name);
    for f in &files {
        // Archive names were checked by the loader: relative, without `..`.
        let out = chart_dir.join(&f.name);
        if let Some(parent) = out.parent() {
            fs_err::create_dir_all(parent)
                .map_err(|e| format!("unable to extract tarball: {}", go_errno_text(&e)))?;
        }
        fs_err::write(&out, &f.data)
            .map_err(|e| format!("unable to extract tarball: {}", go_errno_text(&e)))?;
    }
    Ok((tmp, chart_dir))
}

/// Runs every rule on one chart directory (Helm's `lint.RunAll`).
pub fn run_all(
    base_dir: &Path,
    values: &Map,
    namespace: &str,
    kube_version: Option<&KubeVersion>,
    skip_schema_validation: bool,
) -> Linter {
    let chart_dir = std::path::absolute(base_dir).unwrap_or_else(|_| base_dir.to_owned());
    let mut linter = Linter {
        chart_dir,
        messages: Vec::new(),
    };
    chartfile::lint(&mut linter);
    values::lint(&mut linter, values, skip_schema_validation);
    templates::lint(
        &mut linter,
        namespace,
        values,
        kube_version,
        skip_schema_validation,
    );
    dependencies::lint(&mut linter);
    crds::lint(&mut linter);
    linter
}

/// Helm's `common.ParseKubeVersion` for `--kube-version`: k8s.io/apimachinery's generic
/// version parsing (at least `MAJOR.MINOR`, an optional `v`, anything after the numbers), with
/// its error text on failure.
pub fn parse_kube_version(version: &str) -> Result<KubeVersion, String> {
    let quoted = rudder_value::strconv::quote(version);
    let trimmed = version.trim_start_matches([' ', '\t', '\n', '\r', '\x0B', '\x0C']);
    let bare = trimmed.strip_prefix('v').unwrap_or(trimmed);
    let digits_end = bare
        .char_indices()
        .scan(false, |after_dot, (i, c)| {
            let ok = c.is_ascii_digit() || (c == '.' && !*after_dot && i > 0);
            *after_dot = c == '.';
            ok.then_some(i + c.len_utf8())
        })
        .last()
        .unwrap_or(0);
    // A trailing dot belongs to the extra part, as the pattern's groups split it.
    let numbers = bare[..digits_end].trim_end_matches('.');
    if numbers.is_empty() {
        return Err(format!("could not parse {quoted} as version"));
    }
    let components: Vec<&str> = numbers.split('.').collect();
    if components.len() < 2 {
        return Err(format!("illegal version string {quoted}"));
    }
    let mut nums = Vec::new();
    for (i, comp) in components.iter().enumerate() {
        if i == 0 && comp.starts_with('0') && *comp != "0" {
            return Err(format!(
                "illegal zero-prefixed version component {} in {quoted}",
                rudder_value::strconv::quote(comp)
            ));
        }
        let n: u64 = comp.parse().map_err(|_| {
            format!(
                "illegal non-numeric version component {} in {quoted}: strconv.ParseUint: parsing {}: value out of range",
                rudder_value::strconv::quote(comp),
                rudder_value::strconv::quote(comp)
            )
        })?;
        nums.push(n);
    }
    if let Some(kv) = KubeVersion::parse(version) {
        return Ok(kv);
    }
    Ok(KubeVersion {
        version: if version.starts_with('v') {
            version.to_owned()
        } else {
            format!("v{version}")
        },
        normalized: format!(
            "v{}.{}.{}",
            nums[0],
            nums[1],
            nums.get(2).copied().unwrap_or(0)
        ),
        major: nums[0].to_string(),
        minor: nums[1].to_string(),
    })
}

/// Go's `filepath.Clean` (Unix): the shortest path naming the same file, as every
/// `filepath.Join` prints it (`./a//b/../c/` is `a/c`).
pub fn clean_path(path: &str) -> String {
    if path.is_empty() {
        return ".".to_owned();
    }
    let rooted = path.starts_with('/');
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                if parts.last().is_some_and(|p| *p != "..") {
                    parts.pop();
                } else if !rooted {
                    parts.push("..");
                }
            }
            p => parts.push(p),
        }
    }
    let joined = parts.join("/");
    match (rooted, joined.is_empty()) {
        (true, _) => format!("/{joined}"),
        (false, true) => ".".to_owned(),
        (false, false) => joined,
    }
}

/// Go's text for the common errno values (what `os.Stat` errors end with).
pub(crate) fn go_errno_text(e: &std::io::Error) -> String {
    use std::io::ErrorKind;
    match e.kind() {
        ErrorKind::NotFound => "no such file or directory".to_owned(),
        ErrorKind::PermissionDenied => "permission denied".to_owned(),
        ErrorKind::NotADirectory => "not a directory".to_owned(),
        ErrorKind::IsADirectory => "is a directory".to_owned(),
        _ => e.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::{clean_path, parse_kube_version};

    #[test]
    fn kube_versions_parse_as_apimachinery_does() {
        assert_eq!(
            parse_kube_version("1.20").map(|v| v.minor),
            Ok("20".to_owned())
        );
        assert_eq!(
            parse_kube_version("v1.33.4-gke.1").map(|v| v.major),
            Ok("1".to_owned())
        );
        assert_eq!(
            parse_kube_version("bad").unwrap_err(),
            "could not parse \"bad\" as version"
        );
        assert_eq!(
            parse_kube_version("1").unwrap_err(),
            "illegal version string \"1\""
        );
        assert_eq!(
            parse_kube_version("01.2").unwrap_err(),
            "illegal zero-prefixed version component \"01\" in \"01.2\""
        );
    }

    #[test]
    fn paths_are_cleaned_as_go_does() {
        assert_eq!(clean_path("./a//b/../c/"), "a/c");
        assert_eq!(clean_path("../x/./y"), "../x/y");
        assert_eq!(clean_path("/../a"), "/a");
        assert_eq!(clean_path("a/.."), ".");
        assert_eq!(clean_path(""), ".");
    }
}
