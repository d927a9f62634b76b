//! Chart repositories: `repo add|remove|update|index`, `search repo` and `pull`
//! (helm/helm `pkg/cmd/repo_*.go`, `search_repo.go`, `pkg/action/pull.go`,
//! `pkg/downloader/chart_downloader.go`).
//!
//! Every action takes [`RepoPaths`] (the repositories file and the cache folder) from the
//! caller; none reads the environment.

use std::path::{Path, PathBuf};
use std::time::Duration;

use rudder_repo::{Entry, GetterOptions, IndexFile, RepoFile, cache_charts_file, cache_index_file};
use rudder_value::strconv::quote;

/// Helm's default `--timeout` for repository commands.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_mins(2);

/// Where the repositories are configured and cached (`HELM_REPOSITORY_CONFIG`,
/// `HELM_REPOSITORY_CACHE`).
#[derive(Debug, Clone, Default)]
pub struct RepoPaths {
    /// `repositories.yaml`.
    pub config: PathBuf,
    /// The cache folder holding `NAME-index.yaml` and `NAME-charts.txt`.
    pub cache: PathBuf,
}

/// Repository failures, in Helm's words.
#[derive(Debug, thiserror::Error)]
pub enum RepoError {
    /// `repo add` with a `/` in the name.
    #[error("repository name ({0}) contains '/', please specify a different name without '/'")]
    NameHasSlash(String),
    /// `repo add` of a taken name with another configuration.
    #[error("repository name ({0}) already exists, please specify a different name")]
    AlreadyExists(String),
    /// The index could not be fetched or read.
    #[error("looks like {} is not a valid chart repository or cannot be reached", quote(.url))]
    Unreachable {
        /// The repository URL.
        url: String,
        /// Why.
        #[source]
        source: Box<rudder_repo::Error>,
    },
    /// No repositories are configured.
    #[error("no repositories configured")]
    NoRepositories,
    /// `repo update` with no repositories configured.
    #[error("no repositories found. You must add one before updating")]
    NothingToUpdate,
    /// `repo remove` of an unknown name.
    #[error("no repo named {} found", quote(.0))]
    NoSuchRepo(String),
    /// `repo update NAME` of an unknown name.
    #[error("no repositories found matching '{0}'.  Nothing will be updated")]
    NoMatchingRepo(String),
    /// Some repositories failed to update (their URLs).
    #[error("failed to update the following repositories: [{}]", .0.join(" "))]
    UpdateFailed(Vec<String>),
    /// A `repo/chart` reference names an unknown repository.
    #[error("repo {0} not found")]
    RepoNotFound(String),
    /// The repository's index is not cached.
    #[error("no cached repo found. (try 'helm repo update')")]
    NoCachedRepo(#[source] Box<rudder_repo::Error>),
    /// The chart or version is not in the cached index.
    #[error("chart {} matching {version} not found in {repo} index. (try 'helm repo update')", quote(.chart))]
    ChartNotFound {
        /// Chart name.
        chart: String,
        /// Requested version or constraint.
        version: String,
        /// Repository name.
        repo: String,
        /// Why.
        #[source]
        source: Box<rudder_repo::Error>,
    },
    /// The chart is not in the `--repo` repository.
    #[error("{chart} not found in {url} repository")]
    ChartNotInRepoUrl {
        /// `chart "NAME"` or `chart "NAME" version "V"`.
        chart: String,
        /// The repository URL.
        url: String,
    },
    /// A reference that is neither a URL nor `repo/chart`.
    #[error("non-absolute URLs should be in form of repo_name/path_to_chart, got: {0}")]
    NotAbsolute(String),
    /// `pull --untar` over an existing folder.
    #[error("failed to untar: a file or directory with the name {0} already exists")]
    UntarExists(String),
    /// Loading or fetching failed.
    #[error(transparent)]
    Repo(Box<rudder_repo::Error>),
    /// Extracting a chart failed.
    #[error(transparent)]
    Chart(#[from] rudder_chart::Error),
    /// A file could not be read or written (`fs-err` names it).
    #[error(transparent)]
    Io(std::io::Error),
}

impl From<rudder_repo::Error> for RepoError {
    fn from(e: rudder_repo::Error) -> Self {
        RepoError::Repo(Box::new(e))
    }
}

type Result<T, E = RepoError> = std::result::Result<T, E>;

/// Loads the repositories file; a missing or empty one is [`RepoError::NoRepositories`].
fn load_configured(paths: &RepoPaths) -> Result<RepoFile> {
    match RepoFile::load(&paths.config) {
        Ok(f) if !f.repositories.is_empty() => Ok(f),
        Ok(_) => Err(RepoError::NoRepositories),
        Err(rudder_repo::Error::LoadRepoFile { source, .. })
            if source.kind() == std::io::ErrorKind::NotFound =>
        {
            Err(RepoError::NoRepositories)
        }
        Err(e) => Err(e.into()),
    }
}

/// The configured repositories, for `repo list` (none when the file is missing).
pub fn list(paths: &RepoPaths) -> Vec<Entry> {
    RepoFile::load(&paths.config)
        .map(|f| f.repositories)
        .unwrap_or_default()
}

/// What `repo add` did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AddOutcome {
    /// The repository was added (or replaced with `--force-update`).
    Added,
    /// The same configuration was already there.
    Unchanged,
}

/// `repo add NAME URL` (Helm's `repoAddOptions`). The password must already be known: the
/// command line reads `--password-stdin` or prompts.
#[derive(Debug, Clone, Default)]
pub struct RepoAdd {
    /// The new entry.
    pub entry: Entry,
    /// Replace an existing entry of the same name.
    pub force_update: bool,
    /// Request timeout.
    pub timeout: Option<Duration>,
}

impl RepoAdd {
    /// Fetches the index into the cache, then records the repository.
    pub fn run(&self, paths: &RepoPaths) -> Result<AddOutcome> {
        let name = &self.entry.name;
        // Helm serialises `repo add` runs (its own and ours) with a lock file beside the
        // repositories file: `repositories.lock` for `repositories.yaml`.
        if let Some(dir) = paths.config.parent()
            && !dir.as_os_str().is_empty()
        {
            fs_err::create_dir_all(dir).map_err(RepoError::Io)?;
        }
        let lock_path = match paths.config.extension() {
            Some(_) if paths.config.file_stem().is_some() => paths.config.with_extension("lock"),
            _ => {
                let mut p = paths.config.clone().into_os_string();
                p.push(".lock");
                PathBuf::from(p)
            }
        };
        let lock = fs_err::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&lock_path)
            .map_err(RepoError::Io)?;
        lock.file().lock().map_err(|e| {
            RepoError::Io(std::io::Error::new(
                e.kind(),
                format!("{e}: {}", lock_path.display()),
            ))
        })?;
        let mut file = RepoFile::load_or_default(&paths.config)?;
        if name.contains('/') {
            return Err(RepoError::NameHasSlash(name.clone()));
        }
        if !self.force_update
            && let Some(existing) = file.get(name)
        {
            if *existing != self.entry {
                return Err(RepoError::AlreadyExists(name.clone()));
            }
            return Ok(AddOutcome::Unchanged);
        }
        let mut opts = GetterOptions::from_entry(&self.entry);
        opts.timeout = self.timeout;
        rudder_repo::download_index_file(&self.entry, &paths.cache, &opts).map_err(|source| {
            RepoError::Unreachable {
                url: self.entry.url.clone(),
                source: Box::new(source),
            }
        })?;
        file.update(self.entry.clone());
        file.write(&paths.config)?;
        Ok(AddOutcome::Added)
    }
}

/// `repo remove NAME...`: drops each repository and its cache files, stopping at the first
/// unknown name. Calls `removed` after each one, so the caller can report progress.
pub fn remove(paths: &RepoPaths, names: &[String], mut removed: impl FnMut(&str)) -> Result<()> {
    let mut file = load_configured(paths)?;
    for name in names {
        if !file.remove(name) {
            return Err(RepoError::NoSuchRepo(name.clone()));
        }
        file.write(&paths.config)?;
        for cached in [cache_charts_file(name), cache_index_file(name)] {
            match fs_err::remove_file(paths.cache.join(cached)) {
                Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                    return Err(RepoError::Io(e));
                }
                _ => {}
            }
        }
        removed(name);
    }
    Ok(())
}

/// One repository's `repo update` result.
#[derive(Debug)]
pub struct UpdateResult {
    /// Repository name.
    pub name: String,
    /// Repository URL.
    pub url: String,
    /// Why it failed, if it did.
    pub error: Option<rudder_repo::Error>,
}

/// `repo update [NAME...]`: refreshes the named repositories (all when none are named), in
/// parallel. Unknown names fail before anything is fetched.
#[derive(Debug, Clone, Default)]
pub struct RepoUpdate {
    /// The repositories to refresh; empty is all.
    pub names: Vec<String>,
    /// Request timeout.
    pub timeout: Option<Duration>,
}

impl RepoUpdate {
    /// Checks the names, then fetches every selected index; results follow the file's order.
    pub fn run(&self, paths: &RepoPaths) -> Result<Vec<UpdateResult>> {
        let file = match load_configured(paths) {
            Err(RepoError::NoRepositories) => return Err(RepoError::NothingToUpdate),
            other => other?,
        };
        for name in &self.names {
            if !file.has(name) {
                return Err(RepoError::NoMatchingRepo(name.clone()));
            }
        }
        let selected: Vec<&Entry> = file
            .repositories
            .iter()
            .filter(|e| self.names.is_empty() || self.names.contains(&e.name))
            .collect();
        let results = std::thread::scope(|s| {
            let handles: Vec<_> = selected
                .iter()
                .map(|entry| {
                    s.spawn(move || {
                        let mut opts = GetterOptions::from_entry(entry);
                        opts.timeout = self.timeout;
                        rudder_repo::download_index_file(entry, &paths.cache, &opts).err()
                    })
                })
                .collect();
            handles
                .into_iter()
                .zip(&selected)
                .map(|(h, entry)| UpdateResult {
                    name: entry.name.clone(),
                    url: entry.url.clone(),
                    error: h.join().unwrap_or_else(|_| {
                        Some(rudder_repo::Error::Transport(
                            "internal error: update panicked".to_owned(),
                        ))
                    }),
                })
                .collect()
        });
        Ok(results)
    }
}

/// `repo index DIR`: writes `DIR/index.yaml` for the archives in `DIR`.
#[derive(Debug, Clone, Default)]
pub struct RepoIndex {
    /// URL of the chart repository (prefixes the archive names).
    pub url: String,
    /// An existing index to merge into the generated one.
    pub merge: Option<PathBuf>,
    /// Write JSON instead of YAML.
    pub json: bool,
    /// The time to record as `generated` and `created`, as Go's RFC3339Nano.
    pub now: String,
}

impl RepoIndex {
    /// Builds and writes the index; returns its path.
    pub fn run(&self, dir: &Path) -> Result<PathBuf> {
        let out = dir.join("index.yaml");
        let mut index = rudder_repo::index_directory(dir, &self.url, &self.now)?;
        if let Some(merge) = &self.merge {
            let other = if merge.exists() {
                IndexFile::load(merge).map_err(|e| {
                    RepoError::from(rudder_repo::Error::Decode {
                        message: format!("merge failed: {e}"),
                    })
                })?
            } else {
                let empty = IndexFile::new(&self.now);
                empty.write(merge, self.json)?;
                empty
            };
            index.merge(other);
        }
        index.sort_entries();
        index.write(&out, self.json)?;
        Ok(out)
    }
}

/// One `search repo` row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchRow {
    /// `repo/chart`.
    pub name: String,
    /// Chart version.
    pub version: String,
    /// App version.
    pub app_version: String,
    /// Description.
    pub description: String,
}

/// `search repo [KEYWORD...]` over the cached indexes.
#[derive(Debug, Clone, Default)]
pub struct SearchRepo {
    /// Every version, not only the newest.
    pub versions: bool,
    /// Version constraint; empty means `>0.0.0` (or `>0.0.0-0` with `devel`).
    pub version: String,
    /// Include pre-releases.
    pub devel: bool,
    /// The keywords are a regular expression.
    pub regexp: bool,
}

impl SearchRepo {
    /// Searches every cached repository index; a missing or corrupt one is skipped, as Helm
    /// skips it with a warning.
    pub fn run(&self, paths: &RepoPaths, keywords: &[String]) -> Result<Vec<SearchRow>> {
        let version = if !self.version.is_empty() {
            self.version.clone()
        } else if self.devel {
            ">0.0.0-0".to_owned()
        } else {
            ">0.0.0".to_owned()
        };
        let file = load_configured(paths)?;
        let indexes: Vec<(String, IndexFile)> = file
            .repositories
            .iter()
            .filter_map(|e| {
                IndexFile::load(&paths.cache.join(cache_index_file(&e.name)))
                    .ok()
                    .map(|i| (e.name.clone(), i))
            })
            .collect();
        // Helm fills in the default constraint before building the index, so every version
        // is indexed and the constraint then keeps the newest match of each chart.
        let all = self.versions || !version.is_empty();
        let mut search = rudder_repo::SearchIndex::new();
        for (name, index) in &indexes {
            search.add_repo(name, index, all);
        }
        let mut hits = if keywords.is_empty() {
            search.all()
        } else {
            search.search(
                &keywords.join(" "),
                rudder_repo::search::MAX_SCORE,
                self.regexp,
            )?
        };
        rudder_repo::search::sort_results(&mut hits);
        let hits = rudder_repo::search::apply_constraint(hits, &version, self.versions)?;
        Ok(hits
            .into_iter()
            .map(|h| SearchRow {
                name: h.name.to_owned(),
                version: h.chart.metadata.version.clone(),
                app_version: h.chart.metadata.app_version.clone(),
                description: h.chart.metadata.description.clone(),
            })
            .collect())
    }
}

/// Where a chart reference points, with the options to fetch it.
#[derive(Debug, Clone)]
pub struct ResolvedChart {
    /// The archive URL.
    pub url: String,
    /// The digest from the index (empty when fetched by URL).
    pub digest: String,
    /// Credentials and TLS settings for the download.
    pub options: GetterOptions,
}

/// `pull` (and `template`/`install` of a repository chart): finds and downloads an archive.
#[derive(Debug, Clone, Default)]
pub struct Pull {
    /// Version or constraint; empty is the newest stable version.
    pub version: String,
    /// `--repo`: look the chart up in this repository URL instead of the configured ones.
    pub repo_url: String,
    /// Credentials and TLS for `--repo` or a URL reference.
    pub options: GetterOptions,
    /// Unpack the archive after downloading it.
    pub untar: bool,
    /// Where to unpack (relative to `dest_dir`).
    pub untar_dir: String,
    /// Where to write the archive.
    pub dest_dir: PathBuf,
}

impl Pull {
    /// Resolves `chart_ref` (`repo/chart`, a URL, or a name with `--repo`) to an archive URL.
    pub fn resolve(&self, chart_ref: &str, paths: &RepoPaths) -> Result<ResolvedChart> {
        if !self.repo_url.is_empty() {
            let mut opts = self.options.clone();
            opts.url.clone_from(&self.repo_url);
            let index_url =
                rudder_repo::getter::resolve_reference_url(&self.repo_url, "index.yaml")?;
            let data = rudder_repo::getter::get(&index_url, &opts).map_err(|source| {
                RepoError::Unreachable {
                    url: self.repo_url.clone(),
                    source: Box::new(source),
                }
            })?;
            let index = IndexFile::parse(&data).map_err(|source| RepoError::Unreachable {
                url: self.repo_url.clone(),
                source: Box::new(source),
            })?;
            let mut what = format!("chart {}", quote(chart_ref));
            if !self.version.is_empty() {
                what = format!("{what} version {}", quote(&self.version));
            }
            let cv =
                index
                    .get(chart_ref, &self.version)
                    .map_err(|_| RepoError::ChartNotInRepoUrl {
                        chart: what.clone(),
                        url: self.repo_url.clone(),
                    })?;
            let url = rudder_repo::chart_url(&self.repo_url, cv)?;
            return Ok(ResolvedChart {
                url,
                digest: cv.digest.clone(),
                options: opts,
            });
        }
        if chart_ref.contains("://") {
            let mut opts = self.options.clone();
            // A URL that lives under a configured repository borrows its credentials.
            if let Ok(file) = RepoFile::load(&paths.config)
                && let Some(e) = file
                    .repositories
                    .iter()
                    .find(|e| !e.url.is_empty() && chart_ref.starts_with(&e.url))
            {
                opts = GetterOptions::from_entry(e);
                opts.timeout = self.options.timeout;
            } else {
                chart_ref.clone_into(&mut opts.url);
            }
            return Ok(ResolvedChart {
                url: chart_ref.to_owned(),
                digest: String::new(),
                options: opts,
            });
        }
        let Some((repo_name, chart)) = chart_ref.split_once('/') else {
            return Err(RepoError::NotAbsolute(chart_ref.to_owned()));
        };
        let file = RepoFile::load(&paths.config).unwrap_or_default();
        let entry = file
            .get(repo_name)
            .ok_or_else(|| RepoError::RepoNotFound(repo_name.to_owned()))?;
        let index = IndexFile::load(&paths.cache.join(cache_index_file(&entry.name)))
            .map_err(|e| RepoError::NoCachedRepo(Box::new(e)))?;
        let cv = index
            .get(chart, &self.version)
            .map_err(|source| RepoError::ChartNotFound {
                chart: chart.to_owned(),
                version: self.version.clone(),
                repo: entry.name.clone(),
                source: Box::new(source),
            })?;
        let url = rudder_repo::chart_url(&entry.url, cv)?;
        let mut opts = GetterOptions::from_entry(entry);
        opts.timeout = self.options.timeout;
        Ok(ResolvedChart {
            url,
            digest: cv.digest.clone(),
            options: opts,
        })
    }

    /// Downloads the archive bytes of `chart_ref`, checking the index's digest.
    pub fn fetch(&self, chart_ref: &str, paths: &RepoPaths) -> Result<(String, Vec<u8>)> {
        let resolved = self.resolve(chart_ref, paths)?;
        let data = rudder_repo::download_chart(&resolved.url, &resolved.digest, &resolved.options)?;
        Ok((resolved.url, data))
    }

    /// Downloads `chart_ref` into `dest_dir` (or unpacks it with `untar`); returns the
    /// archive path, or the folder it was unpacked into.
    pub fn run(&self, chart_ref: &str, paths: &RepoPaths) -> Result<PathBuf> {
        let (url, data) = self.fetch(chart_ref, paths)?;
        let file_name = url
            .split(['?', '#'])
            .next()
            .unwrap_or(&url)
            .rsplit('/')
            .next()
            .unwrap_or("chart.tgz")
            .to_owned();
        if !self.untar {
            fs_err::create_dir_all(&self.dest_dir).map_err(RepoError::Io)?;
            let path = self.dest_dir.join(&file_name);
            fs_err::write(&path, &data).map_err(RepoError::Io)?;
            return Ok(path);
        }
        // Helm unpacks into UNTARDIR (relative to the destination), refusing to overwrite
        // UNTARDIR/CHARTNAME.
        let untar_dir = if self.untar_dir.is_empty() {
            "."
        } else {
            &self.untar_dir
        };
        let ud = if Path::new(untar_dir).is_absolute() {
            PathBuf::from(untar_dir)
        } else {
            self.dest_dir.join(untar_dir)
        };
        let chart_name = chart_ref.rsplit('/').next().unwrap_or(chart_ref);
        let check = if untar_dir == "." {
            PathBuf::from(chart_name)
        } else {
            ud.join(chart_name)
        };
        if check.exists() {
            return Err(RepoError::UntarExists(check.display().to_string()));
        }
        // The archive's folder is the chart's name; the loader checked every path stays
        // inside it.
        let top = rudder_chart::load_archive(&data)?.metadata.name.clone();
        let files = rudder_chart::load_archive_files(&data)?;
        for f in &files {
            let target = ud.join(&top).join(&f.name);
            if let Some(parent) = target.parent() {
                fs_err::create_dir_all(parent).map_err(RepoError::Io)?;
            }
            fs_err::write(&target, &f.data).map_err(RepoError::Io)?;
        }
        Ok(ud)
    }
}
