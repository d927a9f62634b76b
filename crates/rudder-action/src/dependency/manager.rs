//! `dependency update` and `dependency build` (helm/helm `pkg/downloader/manager.go` over
//! `internal/resolver/resolver.go`): resolve the versions `Chart.yaml` asks for, write
//! `Chart.lock`, and fill `charts/` from `https://`, `file://` and `oci://` repositories.
//!
//! One deliberate difference from Helm: Helm refreshes the index of every configured
//! repository (and loads every cached index) before it resolves anything; the manager here
//! refreshes and reads only the repositories the chart's dependencies name. The messages are
//! Helm's, so a chart whose repositories are all configured and needed prints the same lines.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Duration;

use rudder_chart::{Chart, Dependency, Lock};
use rudder_repo::{Entry, GetterOptions, IndexFile, RepoFile, cache_index_file};
use rudder_semver::{Constraints, Version};
use rudder_value::strconv::quote;

use super::hash::{hash_req, hash_v2_req};
use crate::repo::RepoPaths;

/// The prefix of cache names the manager gives repositories that are not configured
/// (Helm's `managerKeyPrefix`).
pub const MANAGER_KEY_PREFIX: &str = "helm-manager-";

/// When to check provenance files (Helm's `VerificationStrategy`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Verify {
    /// Never fetch `.prov` files.
    #[default]
    Never,
    /// Verify when a `.prov` file exists, warn otherwise (`dependency build --verify`).
    IfPossible,
    /// A missing or bad `.prov` file fails (`dependency update --verify`).
    Always,
}

/// Reports the progress of one download (a terminal progress bar, say).
pub trait Progress: Send + Sync {
    /// A download of `label` starts.
    fn start(&self, label: &str) -> Box<dyn rudder_repo::getter::Progress + '_>;
}

/// A failure of `dependency update|build`, in Helm's words.
#[derive(Debug, thiserror::Error)]
pub enum DependencyError {
    /// The chart path does not exist.
    #[error("could not find {path}: {source}")]
    ChartNotFound {
        /// The chart path as given.
        path: String,
        /// Why.
        #[source]
        source: std::io::Error,
    },
    /// The chart path is an archive.
    #[error("only unpacked charts can be updated")]
    NotUnpacked,
    /// The chart did not load.
    #[error("{0}")]
    Load(String),
    /// Repositories of the lock that are not configured (Helm's `ErrRepoNotFound`).
    #[error("no repository definition for {}", .0.join(", "))]
    RepoNotFound(Vec<String>),
    /// `Chart.lock` does not match `Chart.yaml`.
    #[error("{}", if *.legacy {
        "the lock file (requirements.lock) is out of sync with the dependencies file (requirements.yaml). Please update the dependencies"
    } else {
        "the lock file (Chart.lock) is out of sync with the dependencies file (Chart.yaml). Please update the dependencies with 'helm dependency update'"
    })]
    OutOfSync {
        /// The chart is `apiVersion: v1` (`requirements.lock`).
        legacy: bool,
    },
    /// Any other failure, worded as Helm words it.
    #[error("{0}")]
    Message(String),
    /// A file could not be read or written (`fs-err` names it).
    #[error(transparent)]
    Io(std::io::Error),
}

type Result<T, E = DependencyError> = std::result::Result<T, E>;

fn msg(text: impl Into<String>) -> DependencyError {
    DependencyError::Message(text.into())
}

/// The options of `dependency update|build` (Helm's `downloader.Manager`).
#[derive(Default)]
pub struct Manager {
    /// The chart folder, cleaned as Go's `filepath.Clean` cleans it.
    pub chart_path: String,
    /// Provenance checks.
    pub verify: Verify,
    /// `--keyring`.
    pub keyring: PathBuf,
    /// `--skip-refresh`: use the cached indexes as they are.
    pub skip_update: bool,
    /// The repositories file and the index cache.
    pub paths: RepoPaths,
    /// `--debug`: also print `Archiving ...` and `Repository from local path: ...`.
    pub debug: bool,
    /// Request timeout for repositories.
    pub timeout: Option<Duration>,
    /// The time `Chart.lock` records as `generated`, as Go's RFC 3339 with nanoseconds.
    pub now: String,
    /// The registry client for `oci://` dependencies.
    pub registry: Option<rudder_registry::Client>,
    /// Download progress reporting; `None` is quiet.
    pub progress: Option<Box<dyn Progress>>,
}

impl std::fmt::Debug for Manager {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Manager")
            .field("chart_path", &self.chart_path)
            .field("verify", &self.verify)
            .field("skip_update", &self.skip_update)
            .finish_non_exhaustive()
    }
}

/// Where each dependency's index lives: configured repository name, a `helm-manager-` name,
/// or the repository itself for `file://` and `oci://`.
type RepoNames = BTreeMap<String, String>;

impl Manager {
    /// `dependency build`: fills `charts/` from `Chart.lock`; without a lock it is an update.
    pub fn build(&self, out: &mut dyn Write) -> Result<()> {
        let chart = self.load_chart_dir()?;
        let Some(lock) = chart.lock.clone() else {
            return self.update(out);
        };
        let legacy = chart.metadata.api_version == "v1";
        let mut req = chart.metadata.dependencies.clone();
        // Helm 2 hashed the requirements before aliases were resolved (helm/helm#7619).
        let v2_sum = legacy.then(|| hash_v2_req(&req));
        let file = self.repo_file()?;
        self.resolve_repo_names(&mut req, file.as_ref(), out)?;
        if hash_req(&req, &lock.dependencies) != lock.digest {
            // A v1 chart's lock may have been written by Helm 2 (helm/helm#7233).
            if v2_sum.as_deref() != Some(lock.digest.as_str()) {
                return Err(DependencyError::OutOfSync { legacy });
            }
        }
        has_all_repos(&lock.dependencies, file.as_ref())?;
        if !self.skip_update {
            self.update_repositories(&lock.dependencies, file.as_ref(), out)?;
        }
        let mut deps = lock.dependencies.clone();
        self.download_all(&mut deps, file.as_ref(), out)
    }

    /// `dependency update`: resolves `Chart.yaml`'s constraints, fills `charts/` and writes
    /// `Chart.lock` (unless its digest did not change).
    pub fn update(&self, out: &mut dyn Write) -> Result<()> {
        let chart = self.load_chart_dir()?;
        if !chart.metadata.has_dependency_list() {
            return Ok(());
        }
        let mut req = chart.metadata.dependencies.clone();
        let file = self.repo_file()?;
        let names = self.resolve_repo_names(&mut req, file.as_ref(), out)?;
        let (names, unmanaged) = ensure_missing_repos(names, &req);
        if !self.skip_update && !unmanaged.is_empty() {
            writeln!(out, "Getting updates for unmanaged Helm repositories...").map_err(io)?;
            self.parallel_repo_update(&unmanaged, out)?;
        }
        if !self.skip_update {
            self.update_repositories(&req, file.as_ref(), out)?;
        }
        let mut lock = self.resolve(&req, &names)?;
        self.download_all(&mut lock.dependencies, file.as_ref(), out)?;
        lock.digest = hash_req(&req, &lock.dependencies);
        if chart
            .lock
            .as_ref()
            .is_some_and(|old| old.digest == lock.digest)
        {
            return Ok(());
        }
        write_lock(
            Path::new(&self.chart_path),
            &lock,
            chart.metadata.api_version == "v1",
        )
    }

    fn load_chart_dir(&self) -> Result<Chart> {
        let meta =
            fs_err::metadata(&self.chart_path).map_err(|e| DependencyError::ChartNotFound {
                path: self.chart_path.clone(),
                source: strip_fs_err(e),
            })?;
        if !meta.is_dir() {
            return Err(DependencyError::NotUnpacked);
        }
        rudder_chart::load_dir(&self.chart_path)
            .map_err(|e| DependencyError::Load(rudder_chart::helm_message(&e)))
    }

    /// The repositories file; `None` when it does not exist (Helm then knows no repository).
    fn repo_file(&self) -> Result<Option<RepoFile>> {
        match RepoFile::load(&self.paths.config) {
            Ok(f) => Ok(Some(f)),
            Err(rudder_repo::Error::LoadRepoFile { source, .. })
                if source.kind() == std::io::ErrorKind::NotFound =>
            {
                Ok(None)
            }
            Err(e) => Err(msg(e.to_string())),
        }
    }

    /// Helm's `resolveRepoNames`: maps each dependency to the repository that serves it, and
    /// turns `@name` and `alias:name` into that repository's URL.
    fn resolve_repo_names(
        &self,
        deps: &mut [Dependency],
        file: Option<&RepoFile>,
        out: &mut dyn Write,
    ) -> Result<RepoNames> {
        let mut names = RepoNames::new();
        // Helm returns no names at all when the file is missing, then treats `file://` and
        // `oci://` repositories as unmanaged HTTP repositories and fails to fetch their
        // indexes; an absent file here is an empty one.
        let repositories = file.map(|f| f.repositories.as_slice()).unwrap_or_default();
        let mut missing = Vec::new();
        for dd in deps.iter_mut() {
            if dd.repository.is_empty() {
                continue;
            }
            if dd.repository.starts_with("file://") {
                get_local_path(&dd.repository, &self.chart_path)?;
                if self.debug {
                    writeln!(out, "Repository from local path: {}", dd.repository).map_err(io)?;
                }
                names.insert(dd.name.clone(), dd.repository.clone());
                continue;
            }
            if rudder_registry::is_oci(&dd.repository) {
                names.insert(dd.name.clone(), dd.repository.clone());
                continue;
            }
            let alias = dd
                .repository
                .strip_prefix('@')
                .or_else(|| dd.repository.strip_prefix("alias:"));
            let found = repositories.iter().find(|r| match alias {
                Some(a) if a == r.name => true,
                _ => url_equal(&r.url, &dd.repository),
            });
            if let Some(r) = found {
                if alias.is_some_and(|a| a == r.name) {
                    dd.repository.clone_from(&r.url);
                }
                names.insert(dd.name.clone(), r.name.clone());
            } else if is_request_uri(&dd.repository) {
                names.insert(dd.repository.clone(), dd.repository.clone());
            } else {
                missing.push(dd.repository.clone());
            }
        }
        if !missing.is_empty() {
            let mut text = format!(
                "no repository definition for {}. Please add them via 'helm repo add'",
                missing.join(", ")
            );
            if missing
                .iter()
                .any(|r| !r.contains("//") && !r.starts_with('@') && !r.starts_with("alias:"))
            {
                text.push_str(
                    "\nNote that repositories must be URLs or aliases. For example, to refer to the \"example\"\n\
                     repository, use \"https://charts.example.com/\" or \"@example\" instead of\n\
                     \"example\". Don't forget to add the repo, too ('helm repo add').",
                );
            }
            return Err(msg(text));
        }
        Ok(names)
    }

    /// Refreshes the configured repositories `deps` use (Helm refreshes every configured one).
    fn update_repositories(
        &self,
        deps: &[Dependency],
        file: Option<&RepoFile>,
        out: &mut dyn Write,
    ) -> Result<()> {
        let Some(file) = file else { return Ok(()) };
        let needed: Vec<Entry> = file
            .repositories
            .iter()
            .filter(|r| deps.iter().any(|d| url_equal(&r.url, &d.repository)))
            .cloned()
            .collect();
        if needed.is_empty() {
            return Ok(());
        }
        writeln!(
            out,
            "Hang tight while we grab the latest from your chart repositories..."
        )
        .map_err(io)?;
        self.parallel_repo_update(&needed, out)?;
        writeln!(out, "Update Complete. ⎈Happy Helming!⎈").map_err(io)?;
        Ok(())
    }

    /// Downloads the indexes of `repos` at once; failures are reported, not returned.
    fn parallel_repo_update(&self, repos: &[Entry], out: &mut dyn Write) -> Result<()> {
        // Helm drops repositories that share a URL (trailing slash ignored), the last wins.
        let mut seen: Vec<&Entry> = Vec::new();
        for r in repos {
            let key = r.url.trim_end_matches('/');
            if let Some(i) = seen.iter().position(|s| s.url.trim_end_matches('/') == key) {
                seen[i] = r;
            } else {
                seen.push(r);
            }
        }
        if let Err(e) = fs_err::create_dir_all(&self.paths.cache) {
            return Err(DependencyError::Io(e));
        }
        let results: Vec<Option<rudder_repo::Error>> = std::thread::scope(|s| {
            let handles: Vec<_> = seen
                .iter()
                .map(|entry| {
                    s.spawn(move || {
                        let mut opts = GetterOptions::from_entry(entry);
                        opts.timeout = self.timeout;
                        rudder_repo::download_index_file(entry, &self.paths.cache, &opts).err()
                    })
                })
                .collect();
            handles
                .into_iter()
                .map(|h| {
                    h.join().unwrap_or_else(|_| {
                        Some(rudder_repo::Error::Transport(
                            "internal error: index download panicked".to_owned(),
                        ))
                    })
                })
                .collect()
        });
        for (entry, err) in seen.iter().zip(results) {
            let unmanaged = entry.name.starts_with(MANAGER_KEY_PREFIX);
            let line = match (err, unmanaged) {
                (Some(e), true) => format!(
                    "...Unable to get an update from the {} chart repository:\n\t{e}",
                    quote(&entry.url)
                ),
                (Some(e), false) => format!(
                    "...Unable to get an update from the {} chart repository ({}):\n\t{e}",
                    quote(&entry.name),
                    entry.url
                ),
                (None, true) => format!(
                    "...Successfully got an update from the {} chart repository",
                    quote(&entry.url)
                ),
                (None, false) => format!(
                    "...Successfully got an update from the {} chart repository",
                    quote(&entry.name)
                ),
            };
            writeln!(out, "{line}").map_err(io)?;
        }
        Ok(())
    }

    /// Helm's `Resolver.Resolve`: an exact version for every dependency.
    fn resolve(&self, reqs: &[Dependency], names: &RepoNames) -> Result<Lock> {
        let mut locked = Vec::with_capacity(reqs.len());
        let mut missing = Vec::new();
        let missing_entry = |d: &Dependency| {
            format!(
                "{} (repository {}, version {})",
                quote(&d.name),
                quote(&d.repository),
                quote(&d.version)
            )
        };
        for d in reqs {
            let constraint = Constraints::parse(&d.version).map_err(|e| {
                msg(format!(
                    "dependency {} has an invalid version/constraint format: {e}",
                    quote(&d.name)
                ))
            })?;
            let lock_as = |version: &str| Dependency {
                name: d.name.clone(),
                repository: d.repository.clone(),
                version: version.to_owned(),
                ..Dependency::default()
            };
            if d.repository.is_empty() {
                get_local_path(&format!("charts/{}", d.name), &self.chart_path)?;
                locked.push(lock_as(&d.version));
                continue;
            }
            if d.repository.starts_with("file://") {
                let path = get_local_path(&d.repository, &self.chart_path)?;
                let ch = rudder_chart::load_dir(&path)
                    .map_err(|e| msg(rudder_chart::helm_message(&e)))?;
                // Helm skips a local chart whose version is not semver, leaving no lock entry.
                let Ok(v) = Version::parse(&ch.metadata.version) else {
                    continue;
                };
                if !constraint.check(&v) {
                    missing.push(missing_entry(d));
                    continue;
                }
                locked.push(lock_as(&ch.metadata.version));
                continue;
            }
            let repo_name = names.get(&d.name).map_or("", String::as_str);
            if repo_name.is_empty() {
                locked.push(lock_as(&d.version));
                continue;
            }
            let mut entry = lock_as("");
            let found = if rudder_registry::is_oci(&d.repository) {
                entry.version.clone_from(&d.version);
                // Helm marks an OCI dependency found before it looks at the tags, so a
                // constraint no tag satisfies is locked as written.
                for tag in self.oci_versions(d)? {
                    if let Ok(v) = Version::parse(&tag)
                        && constraint.check(&v)
                    {
                        v.original().clone_into(&mut entry.version);
                        break;
                    }
                }
                true
            } else {
                let cache = self.paths.cache.join(cache_index_file(repo_name));
                let index = IndexFile::load(&cache).map_err(|e| {
                    msg(format!(
                        "no cached repository for {repo_name} found. (try 'helm repo update'): {}",
                        go_load_error(&cache, &e)
                    ))
                })?;
                let versions = index.entries.get(&d.name).ok_or_else(|| {
                    msg(format!(
                        "{} chart not found in repo {}",
                        d.name, d.repository
                    ))
                })?;
                let hit = versions.iter().find_map(|cv| {
                    let v = Version::parse(&cv.metadata.version).ok()?;
                    (!cv.urls.is_empty() && constraint.check(&v)).then_some(v)
                });
                if let Some(v) = &hit {
                    v.original().clone_into(&mut entry.version);
                }
                hit.is_some()
            };
            if !found {
                missing.push(missing_entry(d));
            }
            locked.push(entry);
        }
        if !missing.is_empty() {
            return Err(msg(format!(
                "can't get a valid version for {} subchart(s): {}. Make sure a matching chart version exists in the repo, or change the version constraint in Chart.yaml",
                missing.len(),
                missing.join(", ")
            )));
        }
        Ok(Lock {
            generated: self.now.clone(),
            digest: hash_req(reqs, &locked),
            dependencies: locked,
        })
    }

    /// The tags of an OCI chart, newest semantic version first (Helm's `Client.Tags`).
    fn oci_versions(&self, d: &Dependency) -> Result<Vec<String>> {
        if Version::parse(&d.version).is_ok() {
            return Ok(vec![d.version.clone()]);
        }
        let fail = |e: &dyn std::fmt::Display| {
            msg(format!(
                "could not retrieve list of tags for repository {}: {e}",
                d.repository
            ))
        };
        let client = self.registry()?;
        let raw = format!("{}/{}", d.repository.trim_end_matches('/'), d.name);
        let r = rudder_registry::Reference::parse(&raw).map_err(|e| fail(&e))?;
        let tags = client.tags(&r).map_err(|e| fail(&e))?;
        let mut versions: Vec<Version> = tags
            .iter()
            .filter_map(|t| Version::parse_strict(&t.replace('_', "+")).ok())
            .collect();
        versions.sort_by(|a, b| b.compare(a));
        Ok(versions.iter().map(|v| v.original().to_owned()).collect())
    }

    fn registry(&self) -> Result<&rudder_registry::Client> {
        self.registry
            .as_ref()
            .ok_or_else(|| msg("missing registry client"))
    }

    /// Helm's `downloadAll`: every dependency into a temporary folder beside `charts/`, then
    /// moved in, and archives no longer wanted deleted. Nothing in `charts/` changes when
    /// any download fails.
    fn download_all(
        &self,
        deps: &mut [Dependency],
        file: Option<&RepoFile>,
        out: &mut dyn Write,
    ) -> Result<()> {
        let chart_path = Path::new(&self.chart_path);
        let dest = chart_path.join("charts");
        match fs_err::metadata(&dest) {
            Ok(m) if !m.is_dir() => {
                return Err(msg(format!(
                    "{} is not a directory",
                    quote(&dest.display().to_string())
                )));
            }
            Ok(_) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                fs_err::create_dir_all(&dest).map_err(DependencyError::Io)?;
            }
            Err(e) => {
                return Err(msg(format!(
                    "unable to retrieve file info for '{}': {}",
                    dest.display(),
                    strip_fs_err(e)
                )));
            }
        }
        let tmp = chart_path.join(format!("tmpcharts-{}", std::process::id()));
        fs_err::create_dir_all(&tmp).map_err(DependencyError::Io)?;
        let result = self.download_into(deps, file, &tmp, &dest, out);
        let _ = fs_err::remove_dir_all(&tmp);
        result
    }

    fn download_into(
        &self,
        deps: &mut [Dependency],
        file: Option<&RepoFile>,
        tmp: &Path,
        dest: &Path,
        out: &mut dyn Write,
    ) -> Result<()> {
        writeln!(out, "Saving {} charts", deps.len()).map_err(io)?;
        let mut fetched: BTreeSet<String> = BTreeSet::new();
        let mut save_error = None;
        for dep in deps.iter_mut() {
            match self.download_one(dep, file, tmp, dest, &mut fetched, out) {
                Ok(()) => {}
                Err(e) => {
                    save_error = Some(e);
                    break;
                }
            }
        }
        if let Some(e) = save_error {
            writeln!(out, "Save error occurred:  {e}").map_err(io)?;
            return Err(e);
        }
        Self::safe_move_deps(deps, tmp, dest, out)
    }

    fn download_one(
        &self,
        dep: &mut Dependency,
        file: Option<&RepoFile>,
        tmp: &Path,
        dest: &Path,
        fetched: &mut BTreeSet<String>,
        out: &mut dyn Write,
    ) -> Result<()> {
        if dep.repository.is_empty() {
            writeln!(
                out,
                "Dependency {} did not declare a repository. Assuming it exists in the charts directory",
                dep.name
            )
            .map_err(io)?;
            let path = dest.join(&dep.name);
            let ch = rudder_chart::load_dir(&path).map_err(|e| {
                msg(format!(
                    "unable to load chart '{}': {}",
                    path.display(),
                    rudder_chart::helm_message(&e)
                ))
            })?;
            let constraint = Constraints::parse(&dep.version).map_err(|e| {
                msg(format!(
                    "dependency {} has an invalid version/constraint format: {e}",
                    dep.name
                ))
            })?;
            let v = Version::parse(&ch.metadata.version).map_err(|e| {
                msg(format!(
                    "invalid version {} for dependency {}: {e}",
                    dep.version, dep.name
                ))
            })?;
            if !constraint.check(&v) {
                return Err(msg(format!(
                    "dependency {} at version {} does not satisfy the constraint {}",
                    dep.name, ch.metadata.version, dep.version
                )));
            }
            return Ok(());
        }
        if dep.repository.starts_with("file://") {
            if self.debug {
                writeln!(out, "Archiving {} from repo {}", dep.name, dep.repository).map_err(io)?;
            }
            dep.version = self.tar_from_local_dir(dep, tmp)?;
            return Ok(());
        }
        if rudder_registry::is_oci(&dep.repository) {
            let churl = format!("{}/{}:{}", dep.repository, dep.name, dep.version);
            if !fetched.insert(churl.clone()) {
                writeln!(
                    out,
                    "Already downloaded {} from repo {}",
                    dep.name, dep.repository
                )
                .map_err(io)?;
                return Ok(());
            }
            writeln!(out, "Downloading {} from repo {}", dep.name, dep.repository).map_err(io)?;
            return self.download_oci(dep, &churl, tmp, out);
        }
        let found = self.find_chart_url(dep, file)?;
        if !fetched.insert(found.url.clone()) {
            writeln!(
                out,
                "Already downloaded {} from repo {}",
                dep.name, dep.repository
            )
            .map_err(io)?;
            return Ok(());
        }
        writeln!(out, "Downloading {} from repo {}", dep.name, dep.repository).map_err(io)?;
        let fail =
            |e: &dyn std::fmt::Display| msg(format!("could not download {}: {e}", found.url));
        let data = self.get(&found.url, &found.options, &dep.name)?;
        if !found.digest.is_empty() {
            check_digest(&found.url, &found.digest, &data).map_err(|e| fail(&e))?;
        }
        // An archive that does not load (paths outside its folder, not gzip, no Chart.yaml)
        // fails here rather than being skipped at the move, so `charts/` is left alone.
        rudder_chart::load_archive(&data).map_err(|e| fail(&rudder_chart::helm_message(&e)))?;
        let name = found
            .url
            .split(['?', '#'])
            .next()
            .unwrap_or(&found.url)
            .rsplit('/')
            .next()
            .unwrap_or("chart.tgz")
            .to_owned();
        let archive = tmp.join(&name);
        fs_err::write(&archive, &data).map_err(DependencyError::Io)?;
        if self.verify != Verify::Never {
            let prov_url = format!("{}.prov", found.url);
            match rudder_repo::getter::get(&prov_url, &found.options) {
                Err(e) => {
                    if self.verify == Verify::Always {
                        return Err(fail(&format!(
                            "failed to fetch provenance {}",
                            quote(&prov_url)
                        )));
                    }
                    writeln!(
                        out,
                        "WARNING: Verification not found for {}: {e}",
                        found.url
                    )
                    .map_err(io)?;
                }
                Ok(body) => {
                    let prov = tmp.join(format!("{name}.prov"));
                    fs_err::write(&prov, body).map_err(DependencyError::Io)?;
                    rudder_provenance::verify_chart(&archive, &prov, &self.keyring)
                        .map_err(|e| fail(&e))?;
                }
            }
        }
        Ok(())
    }

    fn get(&self, url: &str, opts: &GetterOptions, label: &str) -> Result<Vec<u8>> {
        let fail = |e: rudder_repo::Error| msg(format!("could not download {url}: {e}"));
        match &self.progress {
            Some(p) => {
                let mut bar = p.start(label);
                rudder_repo::getter::get_with_progress(url, opts, bar.as_mut()).map_err(fail)
            }
            None => rudder_repo::getter::get(url, opts).map_err(fail),
        }
    }

    fn download_oci(
        &self,
        dep: &Dependency,
        churl: &str,
        tmp: &Path,
        out: &mut dyn Write,
    ) -> Result<()> {
        let fail = |e: &dyn std::fmt::Display| msg(format!("could not download {churl}: {e}"));
        let client = self.registry()?;
        let raw = format!("{}/{}", dep.repository.trim_end_matches('/'), dep.name);
        let r = rudder_registry::Reference::parse(&raw)
            .and_then(|r| r.with_version(&dep.version))
            .map_err(|e| fail(&e))?;
        let pulled = client.pull_chart(&r).map_err(|e| fail(&e))?;
        writeln!(out, "Pulled: {}", pulled.reference).map_err(io)?;
        writeln!(out, "Digest: {}", pulled.digest).map_err(io)?;
        let chart = rudder_chart::load_archive(&pulled.chart)
            .map_err(|e| fail(&rudder_chart::helm_message(&e)))?;
        let archive = tmp.join(format!("{}-{}.tgz", dep.name, chart.metadata.version));
        fs_err::write(&archive, &pulled.chart).map_err(DependencyError::Io)?;
        if self.verify != Verify::Never {
            match &pulled.prov {
                None if self.verify == Verify::Always => {
                    return Err(fail(&format!(
                        "failed to fetch provenance {}",
                        quote(&format!("{churl}.prov"))
                    )));
                }
                None => {
                    writeln!(
                        out,
                        "WARNING: Verification not found for {churl}: no provenance layer"
                    )
                    .map_err(io)?;
                }
                Some(body) => {
                    let mut prov = archive.clone().into_os_string();
                    prov.push(".prov");
                    fs_err::write(&prov, body).map_err(DependencyError::Io)?;
                    rudder_provenance::verify_chart(&archive, &prov, &self.keyring)
                        .map_err(|e| fail(&e))?;
                }
            }
        }
        Ok(())
    }

    /// Helm's `tarFromLocalDir`: packages a `file://` dependency into `tmp`; returns its
    /// version.
    fn tar_from_local_dir(&self, dep: &Dependency, tmp: &Path) -> Result<String> {
        let path = get_local_path(&dep.repository, &self.chart_path)?;
        let ch = rudder_chart::load_dir(&path).map_err(|e| msg(rudder_chart::helm_message(&e)))?;
        let constraint = Constraints::parse(&dep.version).map_err(|e| {
            msg(format!(
                "dependency {} has an invalid version/constraint format: {e}",
                dep.name
            ))
        })?;
        let v = Version::parse(&ch.metadata.version).map_err(|e| msg(e.to_string()))?;
        if !constraint.check(&v) {
            return Err(msg(format!(
                "can't get a valid version for dependency {}",
                dep.name
            )));
        }
        let top = format!("{}/", ch.name());
        let fallback = mtime_of(&path.join("Chart.yaml")).unwrap_or(0);
        let mtime = |entry: &str| {
            entry
                .strip_prefix(&top)
                .and_then(|rel| mtime_of(&path.join(rel)))
                .unwrap_or(fallback)
        };
        rudder_chart::save_archive(&ch, tmp, &mtime).map_err(|e| msg(e.to_string()))?;
        Ok(ch.metadata.version.clone())
    }

    /// Helm's `findChartURL`: the archive URL of an exact version, with the credentials of
    /// the configured repository that serves it.
    fn find_chart_url(&self, dep: &Dependency, file: Option<&RepoFile>) -> Result<FoundChart> {
        let not_found =
            |url: &str, e: &dyn std::fmt::Display| msg(format!("could not find {url}: {e}"));
        let configured = file.and_then(|f| {
            f.repositories
                .iter()
                .find(|r| url_equal(&dep.repository, &r.url))
        });
        let (entry, index) = if let Some(entry) = configured {
            let cache = self.paths.cache.join(cache_index_file(&entry.name));
            let index = IndexFile::load(&cache).map_err(|e| msg(e.to_string()))?;
            (entry.clone(), index)
        } else {
            // An unmanaged repository: its index was cached under a generated name by the
            // update; otherwise fetch it now (Helm's `FindChartInRepoURL`).
            let entry = Entry {
                name: format!("{MANAGER_KEY_PREFIX}{}", key(&dep.repository)),
                url: dep.repository.clone(),
                ..Entry::default()
            };
            let cache = self.paths.cache.join(cache_index_file(&entry.name));
            let index = if let Ok(i) = IndexFile::load(&cache) {
                i
            } else {
                let mut opts = GetterOptions::from_entry(&entry);
                opts.timeout = self.timeout;
                let wrap = |e: &dyn std::fmt::Display| {
                    not_found(
                        "",
                        &format!("chart {} not found in {}: {e}", dep.name, dep.repository),
                    )
                };
                let url = rudder_repo::getter::resolve_reference_url(&entry.url, "index.yaml")
                    .map_err(|e| wrap(&e))?;
                let data = rudder_repo::getter::get(&url, &opts).map_err(|e| wrap(&e))?;
                IndexFile::parse(&data).map_err(|e| wrap(&e))?
            };
            (entry, index)
        };
        let versions = index
            .entries
            .get(&dep.name)
            .ok_or_else(|| not_found("", &"entry not found"))?;
        let cv = versions
            .iter()
            .find(|cv| {
                !cv.urls.is_empty()
                    && (dep.version.is_empty()
                        || version_equals(&dep.version, &cv.metadata.version))
            })
            .ok_or_else(|| not_found("", &"no matching version"))?;
        let url = rudder_repo::chart_url(&entry.url, cv).map_err(|e| not_found("", &e))?;
        let mut options = GetterOptions::from_entry(&entry);
        options.timeout = self.timeout;
        Ok(FoundChart {
            url,
            digest: cv.digest.clone(),
            options,
        })
    }

    /// Helm's `safeMoveDeps`: moves the archives of `tmp` into `dest` and deletes the archives
    /// of `dest` that were not downloaded (local dependencies excepted).
    fn safe_move_deps(
        deps: &[Dependency],
        tmp: &Path,
        dest: &Path,
        out: &mut dyn Write,
    ) -> Result<()> {
        let local: BTreeSet<&str> = deps
            .iter()
            .filter(|d| d.repository.is_empty())
            .map(|d| d.name.as_str())
            .collect();
        let source_files = sorted_files(tmp)?;
        let dest_files = sorted_files(dest)?;
        let mut moved = BTreeSet::new();
        for name in &source_files {
            let from = tmp.join(name);
            let to = dest.join(name);
            moved.insert(name.clone());
            if let Err(e) = rudder_chart::load(&from) {
                write!(
                    out,
                    "Could not verify {} for moving: {} (Skipping)",
                    from.display(),
                    rudder_chart::helm_message(&e)
                )
                .map_err(io)?;
                continue;
            }
            if let Err(e) = fs_err::rename(&from, &to) {
                write!(
                    out,
                    "Unable to move {} to charts dir {} (Skipping)",
                    from.display(),
                    strip_fs_err(e)
                )
                .map_err(io)?;
            }
        }
        writeln!(out, "Deleting outdated charts").map_err(io)?;
        for name in &dest_files {
            if moved.contains(name) {
                continue;
            }
            let path = dest.join(name);
            let ch = match rudder_chart::load(&path) {
                Ok(c) => c,
                Err(e) => {
                    writeln!(
                        out,
                        "Could not verify {} for deletion: {} (Skipping)",
                        path.display(),
                        rudder_chart::helm_message(&e)
                    )
                    .map_err(io)?;
                    continue;
                }
            };
            if local.contains(ch.name()) {
                continue;
            }
            if let Err(e) = fs_err::remove_file(&path) {
                write!(
                    out,
                    "Could not delete {}: {} (Skipping)",
                    path.display(),
                    strip_fs_err(e)
                )
                .map_err(io)?;
            }
        }
        Ok(())
    }
}

struct FoundChart {
    url: String,
    digest: String,
    options: GetterOptions,
}

fn io(e: std::io::Error) -> DependencyError {
    DependencyError::Io(e)
}

/// The bare OS error of an `fs-err` error (Helm's messages name the path themselves).
fn strip_fs_err(e: std::io::Error) -> std::io::Error {
    let kind = e.kind();
    match e.into_inner() {
        Some(inner) => match inner.source() {
            Some(src) => std::io::Error::new(kind, src.to_string()),
            None => std::io::Error::new(kind, inner.to_string()),
        },
        None => std::io::Error::from(kind),
    }
}

/// An index load error as Go words a missing file (`open PATH: no such file or directory`).
fn go_load_error(path: &Path, e: &rudder_repo::Error) -> String {
    if let rudder_repo::Error::Io(io) = e
        && io.kind() == std::io::ErrorKind::NotFound
    {
        return format!("open {}: no such file or directory", path.display());
    }
    e.to_string()
}

fn check_digest(url: &str, expected: &str, data: &[u8]) -> rudder_repo::Result<()> {
    let actual = rudder_repo::digest_bytes(data);
    let expected = expected.strip_prefix("sha256:").unwrap_or(expected);
    if actual.eq_ignore_ascii_case(expected) {
        Ok(())
    } else {
        Err(rudder_repo::Error::DigestMismatch {
            url: url.to_owned(),
            expected: expected.to_owned(),
            actual,
        })
    }
}

/// The regular files of a folder, sorted by name (Go's `os.ReadDir`).
fn sorted_files(dir: &Path) -> Result<Vec<String>> {
    let mut names = Vec::new();
    for e in fs_err::read_dir(dir).map_err(DependencyError::Io)? {
        let e = e.map_err(DependencyError::Io)?;
        if e.file_type().is_ok_and(|t| !t.is_dir()) {
            names.push(e.file_name().to_string_lossy().into_owned());
        }
    }
    names.sort();
    Ok(names)
}

/// Helm's `ensureMissingRepos`: every URL dependency without a configured repository gets
/// a cache name `helm-manager-SHA256(URL)`; returns the names and the entries to fetch.
fn ensure_missing_repos(mut names: RepoNames, deps: &[Dependency]) -> (RepoNames, Vec<Entry>) {
    let mut unmanaged = Vec::new();
    for dd in deps {
        if dd.repository.is_empty() || names.contains_key(&dd.name) {
            continue;
        }
        let rn = format!("{MANAGER_KEY_PREFIX}{}", key(&dd.repository));
        names.insert(dd.name.clone(), rn.clone());
        unmanaged.push(Entry {
            name: rn,
            url: dd.repository.clone(),
            ..Entry::default()
        });
    }
    (names, unmanaged)
}

/// Helm's `hasAllRepos`: every `https://` repository of the lock must be configured.
fn has_all_repos(deps: &[Dependency], file: Option<&RepoFile>) -> Result<()> {
    let repos = file.map(|f| f.repositories.as_slice()).unwrap_or_default();
    let missing: Vec<String> = deps
        .iter()
        .filter(|d| {
            !d.repository.is_empty()
                && !d.repository.starts_with("file://")
                && !rudder_registry::is_oci(&d.repository)
                && !repos
                    .iter()
                    .any(|r| url_equal(&r.url, d.repository.trim_end_matches('/')))
        })
        .map(|d| d.repository.clone())
        .collect();
    if missing.is_empty() {
        Ok(())
    } else {
        Err(DependencyError::RepoNotFound(missing))
    }
}

/// Hex SHA-256 of a repository URL (Helm's `key`).
fn key(name: &str) -> String {
    use sha2::{Digest as _, Sha256};
    super::hash::hex(&Sha256::digest(name.as_bytes()))
}

/// Helm's `writeLock`: refuses to write through a symlink.
fn write_lock(chart_path: &Path, lock: &Lock, legacy: bool) -> Result<()> {
    let text = rudder_chart::lock_yaml(lock).map_err(|e| msg(e.to_string()))?;
    let name = if legacy {
        "requirements.lock"
    } else {
        "Chart.lock"
    };
    let dest = chart_path.join(name);
    if let Ok(meta) = fs_err::symlink_metadata(&dest)
        && meta.file_type().is_symlink()
    {
        let link = fs_err::read_link(&dest).map_err(DependencyError::Io)?;
        return Err(msg(format!(
            "the {name} file is a symlink to {}",
            quote(&link.display().to_string())
        )));
    }
    fs_err::write(&dest, text).map_err(DependencyError::Io)
}

/// Helm's `GetLocalPath`: a `file://` path, absolute or relative to the chart, that exists.
pub fn get_local_path(repo: &str, chart_path: &str) -> Result<PathBuf> {
    let p = repo.strip_prefix("file://").unwrap_or(repo);
    let dep = if p.starts_with('/') {
        PathBuf::from(go_clean(p))
    } else {
        PathBuf::from(go_clean(&format!("{chart_path}/{p}")))
    };
    match fs_err::metadata(&dep) {
        Ok(_) => Ok(dep),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            Err(msg(format!("directory {} not found", dep.display())))
        }
        Err(e) => Err(DependencyError::Io(e)),
    }
}

/// Go's `filepath.Clean`.
pub fn go_clean(p: &str) -> String {
    let rooted = p.starts_with('/');
    let mut parts: Vec<&str> = Vec::new();
    for seg in p.split('/') {
        match seg {
            "" | "." => {}
            ".." if parts.last().is_some_and(|s| *s != "..") => {
                parts.pop();
            }
            ".." if rooted => {}
            s => parts.push(s),
        }
    }
    let body = parts.join("/");
    match (rooted, body.is_empty()) {
        (true, _) => format!("/{body}"),
        (false, true) => ".".to_owned(),
        (false, false) => body,
    }
}

/// Helm's `urlutil.Equal`: URLs equal once an empty path is `/` and paths are cleaned.
pub fn url_equal(a: &str, b: &str) -> bool {
    let norm = |s: &str| -> Option<String> {
        let u = reqwest_free_parse(s)?;
        Some(u)
    };
    match (norm(a), norm(b)) {
        (Some(x), Some(y)) => x == y,
        (None, _) => go_clean(a) == go_clean(b),
        (Some(_), None) => false,
    }
}

/// `scheme://authority` plus the cleaned path and the rest, or `None` for text Go's
/// `url.Parse` would take as a plain path (no scheme).
fn reqwest_free_parse(s: &str) -> Option<String> {
    let (scheme, rest) = s.split_once("://")?;
    if scheme.is_empty()
        || !scheme
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'+' || b == b'-' || b == b'.')
    {
        return None;
    }
    let path_start = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (authority, tail) = rest.split_at(path_start);
    let tail_start = tail.find(['?', '#']).unwrap_or(tail.len());
    let (path, suffix) = tail.split_at(tail_start);
    let path = if path.is_empty() { "/" } else { path };
    Some(format!(
        "{}://{authority}{}{suffix}",
        scheme.to_ascii_lowercase(),
        go_clean(path)
    ))
}

/// Go's `url.ParseRequestURI` succeeds: an absolute URL or an absolute path.
fn is_request_uri(s: &str) -> bool {
    s.starts_with('/')
        || s.split_once(':').is_some_and(|(scheme, _)| {
            !scheme.is_empty()
                && scheme.as_bytes()[0].is_ascii_alphabetic()
                && scheme
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'+' || b == b'-' || b == b'.')
        })
}

/// Helm's `versionEquals`: semantic equality, or string equality when `a` is not a version.
fn version_equals(a: &str, b: &str) -> bool {
    match Version::parse(a) {
        Err(_) => a == b,
        Ok(va) => Version::parse(b).is_ok_and(|vb| va.compare(&vb) == std::cmp::Ordering::Equal),
    }
}

/// A file's modification time in Unix seconds, rounded as Go's tar writer rounds it.
fn mtime_of(path: &Path) -> Option<i64> {
    let t = fs_err::metadata(path).ok()?.modified().ok()?;
    let d = t.duration_since(std::time::UNIX_EPOCH).ok()?;
    i64::try_from(d.as_secs())
        .ok()
        .map(|s| s + i64::from(d.subsec_nanos() >= 500_000_000))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_compare_as_helm_compares_them() {
        assert!(url_equal("https://a/charts/", "https://a/charts"));
        assert!(url_equal("https://a", "https://a/"));
        assert!(!url_equal("https://a/x", "https://a/y"));
        assert!(url_equal("./x", "x"));
    }

    #[test]
    fn request_uris_need_a_scheme_or_a_root() {
        assert!(is_request_uri("https://x"));
        assert!(is_request_uri("/abs"));
        assert!(!is_request_uri("stable"));
        assert!(!is_request_uri("@stable"));
    }

    #[test]
    fn manager_keys_are_sha256_of_the_url() {
        assert_eq!(
            key(""),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
    }
}
