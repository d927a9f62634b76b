//! `helm list` (Helm's `pkg/action/list.go`): the latest revision of each release, filtered by
//! name, state and labels, sorted and paged.

use std::collections::{BTreeMap, HashMap};

use rudder_kube::Selector;
use rudder_release::{Release, Status};

use crate::context::Context;
use crate::error::{Error, Result};

/// Which states to list (Helm's `ListStates` bit mask).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct States(u32);

impl States {
    /// `deployed`
    pub const DEPLOYED: States = States(1);
    /// `uninstalled`
    pub const UNINSTALLED: States = States(1 << 1);
    /// `uninstalling`
    pub const UNINSTALLING: States = States(1 << 2);
    /// `pending-install`
    pub const PENDING_INSTALL: States = States(1 << 3);
    /// `pending-upgrade`
    pub const PENDING_UPGRADE: States = States(1 << 4);
    /// `pending-rollback`
    pub const PENDING_ROLLBACK: States = States(1 << 5);
    /// `superseded`
    pub const SUPERSEDED: States = States(1 << 6);
    /// `failed`
    pub const FAILED: States = States(1 << 7);
    /// `unknown` and anything unrecognised; never part of [`States::ALL`], so such releases
    /// are never listed, as in Helm.
    pub const UNKNOWN: States = States(1 << 8);
    /// Every state but unknown (Helm's `ListAll`).
    pub const ALL: States = States(0xff);
    /// No state.
    pub const NONE: States = States(0);

    /// Helm's `FromName`.
    pub fn from_status(status: Option<Status>) -> States {
        match status {
            Some(Status::Deployed) => States::DEPLOYED,
            Some(Status::Uninstalled) => States::UNINSTALLED,
            Some(Status::Superseded) => States::SUPERSEDED,
            Some(Status::Failed) => States::FAILED,
            Some(Status::Uninstalling) => States::UNINSTALLING,
            Some(Status::PendingInstall) => States::PENDING_INSTALL,
            Some(Status::PendingUpgrade) => States::PENDING_UPGRADE,
            Some(Status::PendingRollback) => States::PENDING_ROLLBACK,
            Some(Status::Unknown) | None => States::UNKNOWN,
        }
    }

    /// True when the masks share a state.
    pub fn intersects(self, other: States) -> bool {
        self.0 & other.0 != 0
    }
}

impl std::ops::BitOr for States {
    type Output = States;
    fn bitor(self, rhs: States) -> States {
        States(self.0 | rhs.0)
    }
}

impl std::ops::BitOrAssign for States {
    fn bitor_assign(&mut self, rhs: States) {
        self.0 |= rhs.0;
    }
}

/// How the list is sorted (Helm's `Sorter`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Sort {
    /// By name, A to Z (the default).
    #[default]
    ByName,
    /// By name, Z to A (`--reverse`).
    ByNameDesc,
    /// `--date --reverse`: by last deployment, newest first (Helm's `ByDateAsc`; Helm's
    /// names of the two date orders are the other way round from what they do).
    ByDateAsc,
    /// `--date`: by last deployment, oldest first (Helm's `ByDateDesc`).
    ByDateDesc,
}

/// Options of `helm list` (Helm's `action.List`).
#[derive(Clone, Debug)]
pub struct List {
    /// `-a, --all`: every state.
    pub all: bool,
    /// `-d, --date`: sort by date.
    pub by_date: bool,
    /// `-r, --reverse`: reverse the sort.
    pub sort_reverse: bool,
    /// `-m, --max`: at most this many (0: no limit).
    pub limit: usize,
    /// `--offset`: skip this many.
    pub offset: usize,
    /// `-f, --filter`: a regular expression the name must match.
    pub filter: String,
    /// `-l, --selector`: labels the release must carry.
    pub selector: String,
    /// `--deployed`
    pub deployed: bool,
    /// `--uninstalled`
    pub uninstalled: bool,
    /// `--uninstalling`
    pub uninstalling: bool,
    /// `--failed`
    pub failed: bool,
    /// `--pending`
    pub pending: bool,
    /// `--superseded`
    pub superseded: bool,
}

impl Default for List {
    fn default() -> Self {
        List {
            all: false,
            by_date: false,
            sort_reverse: false,
            limit: 256,
            offset: 0,
            filter: String::new(),
            selector: String::new(),
            deployed: false,
            uninstalled: false,
            uninstalling: false,
            failed: false,
            pending: false,
            superseded: false,
        }
    }
}

impl List {
    /// The states asked for (Helm's `SetStateMask`): every state unless some state flag is set.
    pub fn state_mask(&self) -> States {
        if self.all {
            return States::ALL;
        }
        let mut state = States::NONE;
        let flags = [
            (self.deployed, States::DEPLOYED),
            (self.uninstalled, States::UNINSTALLED),
            (self.uninstalling, States::UNINSTALLING),
            (
                self.pending,
                States::PENDING_INSTALL | States::PENDING_ROLLBACK | States::PENDING_UPGRADE,
            ),
            (self.failed, States::FAILED),
            (self.superseded, States::SUPERSEDED),
        ];
        for (on, s) in flags {
            if on {
                state |= s;
            }
        }
        if state == States::NONE {
            States::ALL
        } else {
            state
        }
    }

    /// The sort order from `--date` and `--reverse`.
    pub fn sort(&self) -> Sort {
        match (self.by_date, self.sort_reverse) {
            (true, false) => Sort::ByDateDesc,
            (true, true) => Sort::ByDateAsc,
            (false, true) => Sort::ByNameDesc,
            (false, false) => Sort::ByName,
        }
    }

    /// The releases to show, in order.
    ///
    /// Errors: [`Error::Filter`] for a bad `--filter`, [`Error::Selector`] for a bad
    /// `--selector`, or the storage's error.
    pub fn run(&self, ctx: &Context) -> Result<Vec<Release>> {
        ctx.kube.server_version()?;
        let filter = if self.filter.is_empty() {
            None
        } else {
            Some(regex::Regex::new(&self.filter).map_err(|e| Error::Filter {
                message: go_regexp_error(&self.filter, &e),
            })?)
        };
        let results = ctx
            .releases
            .list(&|r: &Release| filter.as_ref().is_none_or(|f| f.is_match(&r.name)))?;
        let total = results.len();
        let mask = self.state_mask();
        let mut releases = if mask == States::SUPERSEDED {
            results
        } else {
            latest(results)
        };
        releases.retain(|r| mask.intersects(States::from_status(r.info.status)));
        let selector = Selector::parse(&self.selector).map_err(|e| Error::Selector {
            message: e.to_string(),
        })?;
        releases.retain(|r| selector.matches(Some(&labels_json(&r.labels))));
        sort(&mut releases, self.sort());
        if self.offset >= releases.len() {
            return Ok(Vec::new());
        }
        // Helm bounds the page by the number of records read, before filtering.
        let limit = if self.limit > 0 && self.limit < total {
            self.limit
        } else {
            total
        };
        let last = (self.offset + limit).min(releases.len());
        Ok(releases.drain(self.offset..last).collect())
    }
}

/// Keeps the newest revision of each release (by namespace and name).
fn latest(releases: Vec<Release>) -> Vec<Release> {
    let mut newest: HashMap<(String, String), Release> = HashMap::new();
    for r in releases {
        let key = (r.namespace.clone(), r.name.clone());
        match newest.get(&key) {
            Some(kept) if kept.version > r.version => {}
            _ => {
                newest.insert(key, r);
            }
        }
    }
    newest.into_values().collect()
}

/// Helm's sorters. Go's `sort.Slice` is not stable; namespace then revision break ties so
/// that our order does not depend on the storage's.
fn sort(releases: &mut [Release], order: Sort) {
    let by_name = |a: &Release, b: &Release| {
        a.name
            .cmp(&b.name)
            .then_with(|| a.namespace.cmp(&b.namespace))
            .then_with(|| a.version.cmp(&b.version))
    };
    let deployed = |r: &Release| r.info.last_deployed.unwrap_or_default().unix();
    match order {
        Sort::ByName => releases.sort_by(by_name),
        Sort::ByNameDesc => {
            releases.sort_by(by_name);
            releases.reverse();
        }
        Sort::ByDateDesc | Sort::ByDateAsc => {
            releases.sort_by(|a, b| deployed(a).cmp(&deployed(b)).then_with(|| by_name(a, b)));
            if order == Sort::ByDateAsc {
                releases.reverse();
            }
        }
    }
}

fn labels_json(labels: &BTreeMap<String, String>) -> serde_json::Value {
    serde_json::Value::Object(
        labels
            .iter()
            .map(|(k, v)| (k.clone(), serde_json::Value::String(v.clone())))
            .collect(),
    )
}

/// Go's `regexp.Compile` error for the patterns people get wrong most, else the regex
/// crate's words after Go's prefix.
fn go_regexp_error(pattern: &str, e: &regex::Error) -> String {
    let text = e.to_string();
    let what = if text.contains("unclosed group") {
        format!("missing closing ): `{pattern}`")
    } else if text.contains("unopened group") {
        format!("unexpected ): `{pattern}`")
    } else if text.contains("unclosed character class") {
        let at = pattern.find('[').map_or(pattern, |i| &pattern[i..]);
        format!("missing closing ]: `{at}`")
    } else if text.contains("repetition operator missing expression") {
        let at = pattern
            .find(['*', '+', '?'])
            .map_or(pattern, |i| &pattern[i..=i]);
        format!("missing argument to repetition operator: `{at}`")
    } else {
        text.lines().last().unwrap_or_default().trim().to_owned()
    };
    format!("error parsing regexp: {what}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn state_flags_make_helms_mask() {
        assert_eq!(List::default().state_mask(), States::ALL);
        let l = List {
            pending: true,
            failed: true,
            ..List::default()
        };
        let mask = l.state_mask();
        assert!(mask.intersects(States::PENDING_UPGRADE));
        assert!(mask.intersects(States::FAILED));
        assert!(!mask.intersects(States::DEPLOYED));
        // Unknown is never listed, not even by default.
        assert!(!States::ALL.intersects(States::from_status(Some(Status::Unknown))));
        assert!(!States::ALL.intersects(States::from_status(None)));
    }

    #[test]
    fn date_and_reverse_pick_helms_sorters() {
        let sort = |by_date, sort_reverse| {
            List {
                by_date,
                sort_reverse,
                ..List::default()
            }
            .sort()
        };
        assert_eq!(sort(false, false), Sort::ByName);
        assert_eq!(sort(false, true), Sort::ByNameDesc);
        assert_eq!(sort(true, false), Sort::ByDateDesc);
        assert_eq!(sort(true, true), Sort::ByDateAsc);
    }

    #[test]
    fn regexp_errors_read_as_go() {
        let err = |p: &str| go_regexp_error(p, &regex::Regex::new(p).unwrap_err());
        assert_eq!(err("a("), "error parsing regexp: missing closing ): `a(`");
        assert_eq!(err("a)"), "error parsing regexp: unexpected ): `a)`");
        assert_eq!(err("x[a"), "error parsing regexp: missing closing ]: `[a`");
        assert_eq!(
            err("*a"),
            "error parsing regexp: missing argument to repetition operator: `*`"
        );
    }
}
