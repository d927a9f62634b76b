//! Dependency list: the dependencies a chart declares and what `charts/` holds for each
//! (helm/helm `pkg/action/dependency.go`), and [`Manager`], which resolves, locks and
//! downloads them (`dependency update|build`).

mod hash;
mod manager;

pub use hash::{hash_req, hash_v2_req};
pub use manager::{
    DependencyError, MANAGER_KEY_PREFIX, Manager, Progress, Verify, get_local_path, go_clean,
    url_equal,
};

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use rudder_chart::{Chart, Dependency};

use crate::table::Table;

/// Options of `helm dependency list`.
#[derive(Clone, Debug)]
pub struct List {
    /// `--max-col-width`.
    pub max_col_width: usize,
}

impl Default for List {
    fn default() -> Self {
        List { max_col_width: 80 }
    }
}

impl List {
    /// The text Helm prints for the chart at `chart_path` (already cleaned as Go's
    /// `filepath.Clean` does). Fails only when the chart itself does not load; the message
    /// is the loader's.
    pub fn run(&self, chart_path: &str) -> Result<String, String> {
        let chart = rudder_chart::load(chart_path).map_err(|e| rudder_chart::helm_message(&e))?;
        let mut out = String::new();
        let charts = Path::new(chart_path).join("charts");
        if !chart.metadata.has_dependency_list() {
            let _ = writeln!(out, "WARNING: no dependencies at {}", charts.display());
            return Ok(out);
        }
        let mut table = Table::new(self.max_col_width);
        table.add_row(["NAME", "VERSION", "REPOSITORY", "STATUS"]);
        for dep in &chart.metadata.dependencies {
            let status = dependency_status(&charts, dep, &chart);
            table.add_row([
                dep.name.as_str(),
                dep.version.as_str(),
                dep.repository.as_str(),
                status,
            ]);
        }
        let _ = writeln!(out, "{table}");
        out.push('\n');
        print_missing(&charts, &chart.metadata.dependencies, &mut out);
        Ok(out)
    }
}

fn dependency_status(charts: &Path, dep: &Dependency, parent: &Chart) -> &'static str {
    let prefix = format!("{}-", dep.name);
    let archives: Vec<PathBuf> = sorted_entries(charts)
        .into_iter()
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with(&prefix) && has_tgz_suffix(n))
        })
        .collect();
    if archives.len() > 1 {
        let found: Vec<&PathBuf> = archives
            .iter()
            .filter(|a| {
                let stem = a
                    .file_name()
                    .and_then(|n| n.to_str())
                    .and_then(|n| n.strip_suffix(".tgz"))
                    .unwrap_or_default();
                is_strict_semver(stem.strip_prefix(&prefix).unwrap_or(stem))
            })
            .collect();
        if found.len() == 1 {
            if let Some(r) = archive_status(found[0], dep) {
                return r;
            }
        } else if found.len() > 1 {
            return "too many matches";
        }
    } else if let [archive] = archives.as_slice()
        && let Some(r) = archive_status(archive, dep)
    {
        return r;
    }
    let Some(dep_chart) = parent
        .dependencies()
        .iter()
        .rev()
        .find(|c| c.name() == dep.name)
    else {
        return "missing";
    };
    version_status(&dep_chart.metadata.version, &dep.version).unwrap_or("unpacked")
}

fn archive_status(archive: &Path, dep: &Dependency) -> Option<&'static str> {
    if !archive.exists() {
        return None;
    }
    let Ok(c) = rudder_chart::load(archive) else {
        return Some("corrupt");
    };
    if c.name() != dep.name {
        return Some("misnamed");
    }
    Some(version_status(&c.metadata.version, &dep.version).unwrap_or("ok"))
}

/// `invalid version` or `wrong version` when `have` does not satisfy the constraint `want`.
fn version_status(have: &str, want: &str) -> Option<&'static str> {
    if have == want {
        return None;
    }
    // A constraint that parses accepts every version once `|| >=0.0.0-0` is added, so this
    // tells a malformed constraint from one that `have` merely fails.
    let constraint_ok = rudder_chart::is_compatible_range(&format!("{want} || >=0.0.0-0"), "0.0.0");
    if !constraint_ok || !rudder_chart::is_valid_semver(have) {
        return Some("invalid version");
    }
    if rudder_chart::is_compatible_range(want, have) {
        None
    } else {
        Some("wrong version")
    }
}

/// Masterminds `StrictNewVersion`: `MAJOR.MINOR.PATCH[-pre][+meta]`, no `v`, no leading zeros.
fn is_strict_semver(v: &str) -> bool {
    let (core, _) = v.split_once('+').unwrap_or((v, ""));
    let (core, _) = core.split_once('-').unwrap_or((core, ""));
    let parts: Vec<&str> = core.split('.').collect();
    parts.len() == 3
        && parts.iter().all(|p| {
            !p.is_empty()
                && p.bytes().all(|b| b.is_ascii_digit())
                && (p.len() == 1 || !p.starts_with('0'))
        })
        && rudder_chart::is_valid_semver(v)
}

/// Go's glob `*.tgz` is case-sensitive.
#[expect(
    clippy::case_sensitive_file_extension_comparisons,
    reason = "Helm's glob matches `.tgz` exactly"
)]
fn has_tgz_suffix(name: &str) -> bool {
    name.ends_with(".tgz")
}

/// The entries of a directory with their full paths, sorted as Go's `filepath.Glob` sorts.
fn sorted_entries(dir: &Path) -> Vec<PathBuf> {
    let Ok(rd) = fs_err::read_dir(dir) else {
        return Vec::new();
    };
    let mut names: Vec<String> = rd
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| !n.starts_with('.'))
        .collect();
    names.sort();
    names.into_iter().map(|n| dir.join(n)).collect()
}

fn print_missing(charts: &Path, reqs: &[Dependency], out: &mut String) {
    for f in sorted_entries(charts) {
        let is_dir = f.is_dir();
        if !is_dir && f.extension().is_none_or(|e| e != "tgz") {
            continue;
        }
        let shown = f.display().to_string();
        let Ok(c) = rudder_chart::load(&f) else {
            let _ = writeln!(out, "WARNING: {shown:?} is not a chart.");
            continue;
        };
        if !reqs.iter().any(|d| d.name == c.name()) {
            let _ = writeln!(out, "WARNING: {shown:?} is not in Chart.yaml.");
        }
    }
}
