//! Helm's `pkg/storage/storage.go`: releases by name and revision over a [`Driver`], with the
//! history limit.

use std::collections::BTreeMap;

use rudder_release::{Release, Status};

use crate::driver::{Driver, make_key};
use crate::error::{Error, Result};

/// Release storage over a driver (Helm's `storage.Storage`).
pub struct Storage {
    driver: Box<dyn Driver>,
    /// How many revisions of a release to keep, the newest included; 0 keeps all (Helm's
    /// `MaxHistory`, `--history-max`). Applied when a revision is created.
    pub max_history: usize,
}

impl std::fmt::Debug for Storage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Storage")
            .field("driver", &self.driver.name())
            .field("max_history", &self.max_history)
            .finish()
    }
}

fn labels(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
    pairs
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect()
}

/// Newest revision first (Helm's `Reverse(rls, SortByRevision)`).
fn newest_first(releases: &mut [Release]) {
    releases.sort_by_key(|r| std::cmp::Reverse(r.version));
}

impl Storage {
    /// Storage over `driver`, keeping every revision.
    pub fn new(driver: impl Driver + 'static) -> Self {
        Storage {
            driver: Box::new(driver),
            max_history: 0,
        }
    }

    /// Storage over a boxed driver.
    pub fn from_boxed(driver: Box<dyn Driver>) -> Self {
        Storage {
            driver,
            max_history: 0,
        }
    }

    /// The driver.
    pub fn driver(&self) -> &dyn Driver {
        &*self.driver
    }

    /// Revision `version` of release `name`.
    pub fn get(&self, name: &str, version: i64) -> Result<Release> {
        self.driver.get(&make_key(name, version))
    }

    /// Stores a new revision, first pruning the history to make room for it when
    /// [`Storage::max_history`] is set.
    ///
    /// Fails with [`Error::ReleaseExists`] when the revision is already stored.
    pub fn create(&self, release: &Release) -> Result<()> {
        if self.max_history > 0 {
            match self.remove_least_recent(&release.name, self.max_history - 1) {
                Ok(()) | Err(Error::ReleaseNotFound) => {}
                Err(e) => return Err(e),
            }
        }
        self.driver
            .create(&make_key(&release.name, release.version), release)
    }

    /// Replaces a stored revision.
    pub fn update(&self, release: &Release) -> Result<()> {
        self.driver
            .update(&make_key(&release.name, release.version), release)
    }

    /// Removes revision `version` of release `name` and returns it.
    pub fn delete(&self, name: &str, version: i64) -> Result<Release> {
        self.driver.delete(&make_key(name, version))
    }

    /// Every stored revision for which `filter` is true.
    pub fn list(&self, filter: &dyn Fn(&Release) -> bool) -> Result<Vec<Release>> {
        self.driver.list(filter)
    }

    /// Every revision whose record carries the given labels.
    pub fn query(&self, labels: &BTreeMap<String, String>) -> Result<Vec<Release>> {
        self.driver.query(labels)
    }

    /// Every stored revision of every release.
    pub fn list_releases(&self) -> Result<Vec<Release>> {
        self.driver.list(&|_| true)
    }

    /// Every revision whose status is `uninstalled`.
    pub fn list_uninstalled(&self) -> Result<Vec<Release>> {
        self.driver
            .list(&|r| r.info.status == Some(Status::Uninstalled))
    }

    /// Every revision whose status is `deployed`.
    pub fn list_deployed(&self) -> Result<Vec<Release>> {
        self.driver
            .list(&|r| r.info.status == Some(Status::Deployed))
    }

    /// The newest deployed revision of `name` (several are deployed only after concurrent
    /// operations went wrong).
    ///
    /// Fails with [`Error::NoDeployedReleases`] when none is deployed.
    pub fn deployed(&self, name: &str) -> Result<Release> {
        let mut all = self.deployed_all(name)?;
        if all.is_empty() {
            return Err(Error::NoDeployedReleases {
                name: name.to_owned(),
            });
        }
        newest_first(&mut all);
        Ok(all.swap_remove(0))
    }

    /// Every deployed revision of `name`.
    ///
    /// Fails with [`Error::NoDeployedReleases`] when none is deployed.
    pub fn deployed_all(&self, name: &str) -> Result<Vec<Release>> {
        match self.driver.query(&labels(&[
            ("name", name),
            ("owner", "helm"),
            ("status", "deployed"),
        ])) {
            Ok(all) => Ok(all),
            // Helm recognises a missing release by the words of the error, whatever the
            // driver: any error saying "not found" becomes "has no deployed releases".
            Err(e) if e.to_string().contains("not found") => Err(Error::NoDeployedReleases {
                name: name.to_owned(),
            }),
            Err(e) => Err(e),
        }
    }

    /// Every stored revision of `name`, in no particular order.
    ///
    /// Fails with [`Error::ReleaseNotFound`] when there is none.
    pub fn history(&self, name: &str) -> Result<Vec<Release>> {
        self.driver
            .query(&labels(&[("name", name), ("owner", "helm")]))
    }

    /// The newest revision of `name`, whatever its status.
    pub fn last(&self, name: &str) -> Result<Release> {
        let mut history = self.history(name)?;
        if history.is_empty() {
            return Err(Error::NoRevision {
                name: name.to_owned(),
            });
        }
        newest_first(&mut history);
        Ok(history.swap_remove(0))
    }

    /// Deletes the oldest revisions of `name` until at most `maximum` remain, never deleting
    /// the newest deployed one (Helm's `removeLeastRecent`). Every deletion is attempted; the
    /// errors are reported together.
    fn remove_least_recent(&self, name: &str, maximum: usize) -> Result<()> {
        let mut history = self.history(name)?;
        if history.len() <= maximum {
            return Ok(());
        }
        history.sort_by_key(|r| r.version);
        let last_deployed = match self.deployed(name) {
            Ok(r) => Some(r.version),
            Err(Error::NoDeployedReleases { .. }) => None,
            Err(e) => return Err(e),
        };
        let mut to_delete = Vec::new();
        for r in &history {
            if history.len() - to_delete.len() == maximum {
                break;
            }
            if last_deployed != Some(r.version) {
                to_delete.push(r.version);
            }
        }
        let mut errors: Vec<Error> = to_delete
            .into_iter()
            .filter_map(|version| self.delete(name, version).err())
            .collect();
        match errors.len() {
            0 => Ok(()),
            1 => Err(errors.remove(0)),
            count => Err(Error::Prune {
                count,
                first: Box::new(errors.remove(0)),
            }),
        }
    }
}
