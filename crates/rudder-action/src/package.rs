//! Package: a chart directory into a versioned `.tgz` archive (helm/helm
//! `pkg/action/package.go` over `pkg/chart/v2/util/save.go`).

use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

use rudder_chart::SaveError;

use crate::create::{go_clean, go_errno};

/// Failures of `helm package`, worded as Helm words them.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum PackageError {
    /// The chart path does not exist (Go's `stat PATH: ...`).
    #[error("stat {path}: {reason}")]
    Stat {
        /// The path as given.
        path: String,
        /// Go's wording of the failure.
        reason: String,
    },
    /// The chart did not load.
    #[error("{0}")]
    Load(String),
    /// `--version` or the chart's version is not semantic.
    #[error("invalid semantic version")]
    InvalidVersion,
    /// A dependency in Chart.yaml is missing from `charts/`.
    #[error("{0}")]
    Dependencies(String),
    /// Writing the archive failed.
    #[error("failed to save")]
    Save(#[source] SaveError),
    /// Signing the archive failed (Helm's message, as `helm package --sign` prints it).
    #[error(transparent)]
    Sign(rudder_provenance::Error),
    /// Loading the archive to sign, or writing its `.prov`, failed.
    #[error("{0}")]
    SignIo(String),
}

/// `helm package --sign`: writes `ARCHIVE.prov` next to a packaged archive (helm/helm
/// `pkg/action/package.go`, `Clearsign`).
#[derive(Clone, Debug)]
pub struct Sign {
    /// `--key`: an identity, or part of one, of a key in the keyring.
    pub key: String,
    /// `--keyring`: a legacy binary keyring holding the secret key.
    pub keyring: PathBuf,
}

impl Sign {
    /// Signs `archive`. `passphrase` is called with the key's identity only when the key is
    /// encrypted (the CLI reads `--passphrase-file` or prompts). Nothing is written on failure.
    pub fn run<F>(&self, archive: &Path, passphrase: F) -> Result<PathBuf, PackageError>
    where
        F: FnOnce(&str) -> Result<Vec<u8>, String>,
    {
        let ring = rudder_provenance::Keyring::load(&self.keyring).map_err(PackageError::Sign)?;
        let mut signer = rudder_provenance::Signatory::from_keyring(ring, &self.key)
            .map_err(PackageError::Sign)?;
        signer.decrypt_key(passphrase).map_err(PackageError::Sign)?;
        let data = fs_err::read(archive)
            .map_err(|e| PackageError::SignIo(format!("failed to read chart archive: {e}")))?;
        let name = archive
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let prov = signer
            .sign_chart(&data, &name)
            .map_err(PackageError::Sign)?;
        let mut out = archive.as_os_str().to_owned();
        out.push(".prov");
        let out = PathBuf::from(out);
        fs_err::write(&out, prov).map_err(|e| PackageError::SignIo(e.to_string()))?;
        Ok(out)
    }
}

/// Options of `helm package`.
#[derive(Clone, Debug)]
pub struct Package {
    /// `--version`: replaces the chart's version.
    pub version: Option<String>,
    /// `--app-version`: replaces the chart's appVersion.
    pub app_version: Option<String>,
    /// `-d`: where to write; Helm's default `.` means the working directory, spelled absolute.
    pub destination: String,
    /// The working directory, for a destination of `.`.
    pub working_dir: PathBuf,
}

impl Default for Package {
    fn default() -> Self {
        Package {
            version: None,
            app_version: None,
            destination: ".".to_owned(),
            working_dir: PathBuf::from("."),
        }
    }
}

impl Package {
    /// Packages the chart directory `path` and returns the archive's path as Helm prints it.
    ///
    /// Entries get the modification times of the files they come from (Helm's loader keeps
    /// them); a file with no counterpart on disk (a subchart read from an archive) gets the
    /// time of the chart's `Chart.yaml`.
    pub fn run(&self, path: &str) -> Result<PathBuf, PackageError> {
        if let Err(e) = fs_err::metadata(path) {
            return Err(PackageError::Stat {
                path: path.to_owned(),
                reason: go_errno(&e),
            });
        }
        let dir = std::path::absolute(path)
            .map(|p| PathBuf::from(go_clean(&p.to_string_lossy())))
            .map_err(|e| PackageError::Load(e.to_string()))?;
        // Helm's chart-version detection reads Chart.yaml first (pkg/chart/loader/load.go).
        let chart_yaml = dir.join("Chart.yaml");
        if let Err(e) = fs_err::read(&chart_yaml) {
            let name = chart_yaml.display();
            return Err(PackageError::Load(format!(
                "unable to detect chart at {name}: open {name}: {}",
                go_errno(&e)
            )));
        }
        let mut chart = rudder_chart::load_dir(&dir)
            .map_err(|e| PackageError::Load(rudder_chart::helm_message(&e)))?;
        if let Some(v) = &self.version {
            chart.metadata.version.clone_from(v);
        }
        if !rudder_chart::is_valid_semver(&chart.metadata.version) {
            return Err(PackageError::InvalidVersion);
        }
        if let Some(v) = &self.app_version {
            chart.metadata.app_version.clone_from(v);
        }
        let reqs = chart.metadata.dependencies.clone();
        if !reqs.is_empty() {
            rudder_chart::check_dependencies(&chart, &reqs)
                .map_err(|e| PackageError::Dependencies(rudder_chart::helm_message(&e)))?;
        }
        let dest = if self.destination == "." {
            self.working_dir.clone()
        } else {
            PathBuf::from(&self.destination)
        };
        let fallback = mtime_of(&dir.join("Chart.yaml")).unwrap_or(0);
        let top = format!("{}/", chart.name());
        let mtime = |entry: &str| {
            entry
                .strip_prefix(&top)
                .and_then(|rel| mtime_of(&dir.join(rel)))
                .unwrap_or(fallback)
        };
        let saved =
            rudder_chart::save_archive(&chart, &dest, &mtime).map_err(PackageError::Save)?;
        Ok(PathBuf::from(go_clean(&saved.to_string_lossy())))
    }
}

/// A file's modification time in Unix seconds, rounded to the nearest second as Go's tar
/// writer rounds it.
fn mtime_of(path: &Path) -> Option<i64> {
    let t = fs_err::metadata(path).ok()?.modified().ok()?;
    let d = t.duration_since(UNIX_EPOCH).ok()?;
    Some(d.as_secs() as i64 + i64::from(d.subsec_nanos() >= 500_000_000))
}
