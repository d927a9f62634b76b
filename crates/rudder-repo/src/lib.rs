//! Helm's HTTP chart repositories: the configuration file `repositories.yaml`
//! ([`RepoFile`], [`Entry`]), a repository's `index.yaml` ([`IndexFile`], [`ChartVersion`]),
//! building an index from a folder of archives ([`index_directory`]), the cache of
//! downloaded indexes ([`download_index_file`]), searching them ([`SearchIndex`]) and the
//! HTTP getter with Helm's credential and TLS rules ([`getter::get`]), and a repository
//! server with uploads ([`serve::start`]).
//!
//! Files are read and written as Helm reads and writes them, so Rudder and Helm can share
//! one configuration and one cache.
//!
//! ```
//! use rudder_repo::IndexFile;
//!
//! let index = IndexFile::parse(b"apiVersion: v1\nentries:\n  nginx:\n  - name: nginx\n    version: 1.2.0\n  - name: nginx\n    version: 1.10.0\n").unwrap();
//! assert_eq!(index.get("nginx", "").unwrap().metadata.version, "1.10.0");
//! ```

mod chartrepo;
mod error;
mod fsutil;
pub mod getter;
mod index;
mod index_reader;
mod json;
mod repo_file;
pub mod search;
pub mod serve;
pub mod time;
mod value;

pub use chartrepo::{
    cache_charts_file, cache_index_file, chart_url, download_chart, download_index_file,
};
pub use error::{Error, Result};
pub use getter::GetterOptions;
pub use index::{ChartVersion, IndexFile, digest_bytes, digest_file, index_directory, url_join};
pub use repo_file::{Entry, RepoFile};
pub use search::{SearchIndex, SearchResult};
