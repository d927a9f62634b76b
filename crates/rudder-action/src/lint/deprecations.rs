//! Deprecated Kubernetes APIs (helm/helm `pkg/chart/v2/lint/rules/deprecations.go`, which asks
//! k8s.io/apiserver's `deprecation` package about client-go's scheme).
//!
//! The table in `data/deprecations.txt` was written by `scripts/deprecations.py` from the
//! `zz_generated.prerelease-lifecycle.go` files of k8s.io/api v0.36.1, the version Helm 4.2.3
//! is built with.

use std::fmt::Write as _;

use rudder_engine::KubeVersion;

const TABLE: &str = include_str!("../../data/deprecations.txt");

/// The lifecycle of one deprecated type.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Deprecation {
    /// `group/version` (or `version` for the core group).
    pub group_version: String,
    /// The kind.
    pub kind: String,
    /// Deprecated in (major, minor).
    pub deprecated: (u32, u32),
    /// No longer served from (major, minor); `(0, 0)` when not planned.
    pub removed: (u32, u32),
    /// What to use instead: `group/version` and kind.
    pub replacement: Option<(String, String)>,
}

fn version(s: &str) -> (u32, u32) {
    let (a, b) = s.split_once('.').unwrap_or((s, "0"));
    (a.parse().unwrap_or(0), b.parse().unwrap_or(0))
}

/// The table entry for `api_version` and `kind`, if that type is deprecated at all.
pub fn lookup(api_version: &str, kind: &str) -> Option<Deprecation> {
    TABLE.lines().find_map(|line| {
        let f: Vec<&str> = line.split(' ').collect();
        if f.len() != 6 || f[0] != api_version || f[1] != kind {
            return None;
        }
        Some(Deprecation {
            group_version: f[0].to_owned(),
            kind: f[1].to_owned(),
            deprecated: version(f[2]),
            removed: version(f[3]),
            replacement: (f[4] != "-").then(|| (f[4].to_owned(), f[5].to_owned())),
        })
    })
}

impl Deprecation {
    /// apiserver's `WarningMessage`.
    pub fn message(&self) -> String {
        let mut msg = format!("{} {} is deprecated", self.group_version, self.kind);
        if self.deprecated != (0, 0) {
            let _ = write!(msg, " in v{}.{}+", self.deprecated.0, self.deprecated.1);
        }
        if self.removed != (0, 0) {
            let _ = write!(
                msg,
                ", unavailable in v{}.{}+",
                self.removed.0, self.removed.1
            );
        }
        if let Some((gv, kind)) = &self.replacement {
            let _ = write!(msg, "; use {gv} {kind}");
        }
        msg
    }

    /// apiserver's `IsDeprecated` for a cluster at `major.minor`.
    pub fn applies_to(&self, major: u32, minor: u32) -> bool {
        if self.deprecated == (0, 0) {
            return false;
        }
        if (major, minor) == (0, 0) {
            return true;
        }
        self.deprecated <= (major, minor)
    }
}

/// Helm's `validateNoDeprecations`: the warning for an object of a deprecated API, judged
/// at `kube_version` (Helm's default version when `None`).
pub fn check(
    api_version: &str,
    kind: &str,
    kube_version: Option<&KubeVersion>,
) -> Result<(), String> {
    if api_version.is_empty() || kind.is_empty() {
        return Ok(());
    }
    let Some(dep) = lookup(api_version, kind) else {
        return Ok(());
    };
    let default = rudder_engine::Capabilities::default().kube_version;
    let kv = kube_version.unwrap_or(&default);
    let major: u32 = kv.major.parse().map_err(|_| {
        format!(
            "strconv.Atoi: parsing {}: invalid syntax",
            rudder_value::strconv::quote(&kv.major)
        )
    })?;
    let minor: u32 = kv.minor.parse().map_err(|_| {
        format!(
            "strconv.Atoi: parsing {}: invalid syntax",
            rudder_value::strconv::quote(&kv.minor)
        )
    })?;
    if dep.applies_to(major, minor) {
        Err(dep.message())
    } else {
        Ok(())
    }
}
