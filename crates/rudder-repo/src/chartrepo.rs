//! A configured repository and its cache (Helm's `ChartRepository`, `pkg/repo/v1/chartrepo.go`,
//! and `helmpath`'s cache file names).

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::getter::{self, GetterOptions};
use crate::index::{ChartVersion, IndexFile, digest_bytes};
use crate::repo_file::Entry;

/// `NAME-index.yaml` (Helm's `helmpath.CacheIndexFile`).
pub fn cache_index_file(name: &str) -> String {
    format!("{name}-index.yaml")
}

/// `NAME-charts.txt` (Helm's `helmpath.CacheChartsFile`).
pub fn cache_charts_file(name: &str) -> String {
    format!("{name}-charts.txt")
}

/// Downloads `index.yaml` of `entry`, checks that it loads, and writes it and the list of
/// chart names into `cache` (Helm's `DownloadIndexFile`). Returns the cached index's path.
pub fn download_index_file(entry: &Entry, cache: &Path, opts: &GetterOptions) -> Result<PathBuf> {
    let url = getter::resolve_reference_url(&entry.url, "index.yaml")?;
    let data = getter::get(&url, opts)?;
    let index = IndexFile::parse(&data)?;
    let mut names = String::new();
    for name in index.entries.keys() {
        let _ = writeln!(names, "{name}");
    }
    crate::fsutil::write_atomic(
        &cache.join(cache_charts_file(&entry.name)),
        names.as_bytes(),
    )?;
    let path = cache.join(cache_index_file(&entry.name));
    crate::fsutil::write_atomic(&path, &data)?;
    Ok(path)
}

/// Where a chart version's archive is, resolved against the repository URL.
pub fn chart_url(repo_url: &str, cv: &ChartVersion) -> Result<String> {
    let first = cv.urls.first().ok_or_else(|| {
        Error::Url(format!(
            "chart {:?} has no downloadable URLs",
            cv.metadata.name
        ))
    })?;
    getter::resolve_reference_url(repo_url, first)
}

/// Downloads an archive and, when the index gives a digest, checks it. The bytes are
/// returned only when they match, so a tampered archive is never written.
pub fn download_chart(url: &str, expected_digest: &str, opts: &GetterOptions) -> Result<Vec<u8>> {
    let data = getter::get(url, opts)?;
    if !expected_digest.is_empty() {
        let actual = digest_bytes(&data);
        let expected = expected_digest
            .strip_prefix("sha256:")
            .unwrap_or(expected_digest);
        if !actual.eq_ignore_ascii_case(expected) {
            return Err(Error::DigestMismatch {
                url: url.to_owned(),
                expected: expected.to_owned(),
                actual,
            });
        }
    }
    Ok(data)
}
