//! Create: scaffold a new chart, or copy a starter chart under a new name (helm/helm
//! `pkg/cmd/create.go` over `pkg/chart/v2/util/create.go`).
//!
//! The scaffold's files are Helm's own, regenerated from the Helm oracle by
//! `scripts/create_scaffold.py` into `data/create/` with the chart name as `<CHARTNAME>`.

use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use rudder_chart::{Metadata, SaveError};

/// The placeholder Helm replaces with the chart name in scaffold and starter templates.
pub const PLACEHOLDER: &str = "<CHARTNAME>";

/// Helm's longest chart name.
const MAX_NAME_LENGTH: usize = 250;

/// Helm's scaffold, in the order `chartutil.Create` writes it.
const SCAFFOLD: [(&str, &str); 12] = [
    ("Chart.yaml", include_str!("../data/create/Chart.yaml")),
    ("values.yaml", include_str!("../data/create/values.yaml")),
    (".helmignore", include_str!("../data/create/.helmignore")),
    (
        "templates/ingress.yaml",
        include_str!("../data/create/templates/ingress.yaml"),
    ),
    (
        "templates/httproute.yaml",
        include_str!("../data/create/templates/httproute.yaml"),
    ),
    (
        "templates/deployment.yaml",
        include_str!("../data/create/templates/deployment.yaml"),
    ),
    (
        "templates/service.yaml",
        include_str!("../data/create/templates/service.yaml"),
    ),
    (
        "templates/serviceaccount.yaml",
        include_str!("../data/create/templates/serviceaccount.yaml"),
    ),
    (
        "templates/hpa.yaml",
        include_str!("../data/create/templates/hpa.yaml"),
    ),
    (
        "templates/NOTES.txt",
        include_str!("../data/create/templates/NOTES.txt"),
    ),
    (
        "templates/_helpers.tpl",
        include_str!("../data/create/templates/_helpers.tpl"),
    ),
    (
        "templates/tests/test-connection.yaml",
        include_str!("../data/create/templates/tests/test-connection.yaml"),
    ),
];

/// Failures of `helm create`, worded as Helm words them.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum CreateError {
    /// The name is empty or too long.
    #[error("chart name must be between 1 and {MAX_NAME_LENGTH} characters")]
    NameLength,
    /// The name has characters outside `[a-zA-Z0-9._-]`.
    #[error("chart name must match the regular expression \"^[a-zA-Z0-9._-]+$\"")]
    NameCharacters,
    /// The parent directory cannot be inspected (Go's `stat PATH: ...`).
    #[error("stat {}: {reason}", path.display())]
    Stat {
        /// The directory.
        path: PathBuf,
        /// Go's wording of the failure (`no such file or directory`).
        reason: String,
    },
    /// The parent is not a directory.
    #[error("no such directory {}", path.display())]
    NotADirectory {
        /// The parent.
        path: PathBuf,
    },
    /// The chart directory exists as a file.
    #[error("file {} already exists and is not a directory", path.display())]
    FileExists {
        /// The path.
        path: PathBuf,
    },
    /// The starter chart did not load (`could not load PATH: ...`).
    #[error("could not load {}: {message}", path.display())]
    Starter {
        /// The starter's path.
        path: PathBuf,
        /// The loader's message.
        message: String,
    },
    /// Saving the chart from a starter failed.
    #[error(transparent)]
    Save(SaveError),
    /// Writing a file failed (the path is in the `fs-err` message).
    #[error(transparent)]
    Io(std::io::Error),
}

/// Options of `helm create NAME`.
#[derive(Clone, Debug, Default)]
pub struct Create {
    /// `NAME` as given: its last element names the chart, the rest is the parent directory.
    pub name: String,
    /// `--starter`, resolved: an absolute path, or the name joined to the starters directory.
    pub starter: Option<PathBuf>,
}

impl Create {
    /// The chart's name: the last element of `NAME` (Go's `filepath.Base`).
    pub fn chart_name(&self) -> String {
        go_base(&self.name)
    }

    /// Writes the chart. `warn` receives Helm's `WARNING: File "..." already exists.
    /// Overwriting.` lines (without the newline) as files are replaced. Returns the chart's
    /// directory.
    pub fn run(&self, warn: &mut dyn FnMut(String)) -> Result<PathBuf, CreateError> {
        let name = self.chart_name();
        let dir = go_dir(&self.name);
        match &self.starter {
            Some(starter) => create_from(&name, Path::new(&dir), starter),
            None => create(&name, Path::new(&dir), warn),
        }
    }
}

/// Helm's `validateChartName`.
pub fn validate_chart_name(name: &str) -> Result<(), CreateError> {
    static NAME: LazyLock<regex::Regex> = LazyLock::new(|| {
        regex::Regex::new("^[a-zA-Z0-9._-]+$").expect("the chart name pattern is valid")
    });
    if name.is_empty() || name.len() > MAX_NAME_LENGTH {
        return Err(CreateError::NameLength);
    }
    if !NAME.is_match(name) {
        return Err(CreateError::NameCharacters);
    }
    Ok(())
}

/// The scaffold's files for `name`: (path inside the chart, contents), in Helm's order.
pub fn scaffold(name: &str) -> Vec<(&'static str, String)> {
    SCAFFOLD
        .iter()
        .map(|(path, text)| (*path, text.replace(PLACEHOLDER, name)))
        .collect()
}

fn create(name: &str, dir: &Path, warn: &mut dyn FnMut(String)) -> Result<PathBuf, CreateError> {
    validate_chart_name(name)?;
    let path = std::path::absolute(dir).map_err(CreateError::Io)?;
    let path = PathBuf::from(go_clean(&path.to_string_lossy()));
    match fs_err::metadata(&path) {
        Err(e) => {
            return Err(CreateError::Stat {
                path,
                reason: go_errno(&e),
            });
        }
        Ok(m) if !m.is_dir() => return Err(CreateError::NotADirectory { path }),
        Ok(_) => {}
    }
    let cdir = path.join(name);
    if let Ok(m) = fs_err::metadata(&cdir)
        && !m.is_dir()
    {
        return Err(CreateError::FileExists { path: cdir });
    }
    for (rel, text) in scaffold(name) {
        let file = cdir.join(rel);
        if file.exists() {
            warn(format!(
                "WARNING: File {} already exists. Overwriting.",
                go_quote(&file.to_string_lossy())
            ));
        }
        if let Some(parent) = file.parent() {
            fs_err::create_dir_all(parent).map_err(CreateError::Io)?;
        }
        fs_err::write(&file, text).map_err(CreateError::Io)?;
    }
    fs_err::create_dir_all(cdir.join("charts")).map_err(CreateError::Io)?;
    Ok(cdir)
}

/// Helm's `CreateFrom`: the starter with fresh metadata, `<CHARTNAME>` replaced in its
/// templates and `values.yaml`, saved as a directory. Helm does not check the name here.
fn create_from(name: &str, dest: &Path, starter: &Path) -> Result<PathBuf, CreateError> {
    let mut chart = rudder_chart::load(starter).map_err(|e| CreateError::Starter {
        path: starter.to_owned(),
        message: rudder_chart::helm_message(&e),
    })?;
    let mut md = Metadata::default();
    name.clone_into(&mut md.name);
    "A Helm chart for Kubernetes".clone_into(&mut md.description);
    "application".clone_into(&mut md.chart_type);
    "0.1.0".clone_into(&mut md.version);
    "0.1.0".clone_into(&mut md.app_version);
    rudder_chart::API_VERSION_V2.clone_into(&mut md.api_version);
    chart.metadata = md;
    for t in &mut chart.templates {
        let text = String::from_utf8_lossy(&t.data).replace(PLACEHOLDER, name);
        t.data = text.into_bytes().into();
    }
    for f in &mut chart.raw {
        if f.name == "values.yaml" {
            let text = String::from_utf8_lossy(&f.data).replace(PLACEHOLDER, name);
            f.data = text.into_bytes().into();
        }
    }
    rudder_chart::save_dir(&chart, dest).map_err(CreateError::Save)
}

/// Go's `filepath.Base`.
fn go_base(p: &str) -> String {
    let t = p.trim_end_matches('/');
    if t.is_empty() {
        return if p.is_empty() { ".".into() } else { "/".into() };
    }
    t.rsplit('/').next().unwrap_or(t).to_owned()
}

/// Go's `filepath.Dir`.
fn go_dir(p: &str) -> String {
    let head = match p.rfind('/') {
        Some(i) => &p[..=i],
        None => "",
    };
    go_clean(head)
}

/// Go's `filepath.Clean`.
pub(crate) fn go_clean(p: &str) -> String {
    if p.is_empty() {
        return ".".into();
    }
    let rooted = p.starts_with('/');
    let mut parts: Vec<&str> = Vec::new();
    for seg in p.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                if parts.last().is_some_and(|s| *s != "..") {
                    parts.pop();
                } else if !rooted {
                    parts.push("..");
                }
            }
            s => parts.push(s),
        }
    }
    let body = parts.join("/");
    match (rooted, body.is_empty()) {
        (true, _) => format!("/{body}"),
        (false, true) => ".".into(),
        (false, false) => body,
    }
}

/// Go's `strconv.Quote`, as `%q` prints a string.
fn go_quote(s: &str) -> String {
    rudder_value::strconv::quote(s)
}

/// The text of a Unix error as Go's `syscall.Errno` prints it.
pub(crate) fn go_errno(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or directory".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        std::io::ErrorKind::NotADirectory => "not a directory".into(),
        _ => {
            let text = e.to_string();
            // Rust appends ` (os error N)` to the C library's text.
            let text = text.split(" (os error").next().unwrap_or(&text);
            let mut chars = text.chars();
            chars.next().map_or_else(String::new, |c| {
                c.to_lowercase().collect::<String>() + chars.as_str()
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_split_as_go_splits_paths() {
        assert_eq!(go_base("a/b"), "b");
        assert_eq!(go_base("b/"), "b");
        assert_eq!(go_dir("b"), ".");
        assert_eq!(go_dir("a/b"), "a");
        assert_eq!(go_dir("/b"), "/");
        assert_eq!(go_clean("./x/../y//z/"), "y/z");
    }

    #[test]
    fn chart_names_are_checked() {
        assert!(validate_chart_name("ok-name_1.2").is_ok());
        assert!(matches!(
            validate_chart_name("bad name"),
            Err(CreateError::NameCharacters)
        ));
        assert!(matches!(
            validate_chart_name(""),
            Err(CreateError::NameLength)
        ));
    }

    #[test]
    fn scaffold_has_no_placeholder_left() {
        for (_, text) in scaffold("demo") {
            assert!(!text.contains(PLACEHOLDER));
        }
    }
}
