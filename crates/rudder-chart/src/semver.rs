//! The part of Masterminds/semver v3 that charts need: `NewVersion` (coercing mode) and
//! constraint checks (`IsCompatibleRange` in Helm's `chartutil`).

use std::cmp::Ordering;
use std::sync::LazyLock;

use regex::Regex;

const LOOSE: &str = r"v?([0-9]+)(\.[0-9]+)?(\.[0-9]+)?(-([0-9A-Za-z\-]+(\.[0-9A-Za-z\-]+)*))?(\+([0-9A-Za-z\-]+(\.[0-9A-Za-z\-]+)*))?";
const CV: &str = r"v?([0-9|x|X|\*]+)(\.[0-9|x|X|\*]+)?(\.[0-9|x|X|\*]+)?(-([0-9A-Za-z\-]+(\.[0-9A-Za-z\-]+)*))?(\+([0-9A-Za-z\-]+(\.[0-9A-Za-z\-]+)*))?";
const OPS: &str = r"=||!=|>|<|>=|=>|<=|=<|~|~>|\^";

fn re(pattern: &str) -> Regex {
    Regex::new(pattern).expect("the semver patterns are constant and valid")
}

static LOOSE_RE: LazyLock<Regex> = LazyLock::new(|| re(&format!("^{LOOSE}$")));
static CONSTRAINT_RE: LazyLock<Regex> = LazyLock::new(|| re(&format!(r"^\s*({OPS})\s*({CV})\s*$")));
static RANGE_RE: LazyLock<Regex> = LazyLock::new(|| re(&format!(r"\s*({CV})\s+-\s+({CV})\s*")));
static FIND_RE: LazyLock<Regex> = LazyLock::new(|| re(&format!(r"({OPS})\s*({CV})")));
static VALID_RE: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"^(\s*({OPS})\s*({CV})\s*)((?:\s+|,\s*)({OPS})\s*({CV})\s*)*$"
    ))
});

/// A parsed version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Version {
    major: u64,
    minor: u64,
    patch: u64,
    pre: String,
}

fn valid_segments(s: &str, numeric_leading_zero_ok: bool) -> bool {
    s.split('.').all(|p| {
        if p.is_empty() {
            return false;
        }
        if p.bytes().all(|b| b.is_ascii_digit()) {
            return numeric_leading_zero_ok || p.len() == 1 || !p.starts_with('0');
        }
        p.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
    })
}

impl Version {
    /// Masterminds `NewVersion` with `CoerceNewVersion` (the default).
    pub(crate) fn parse(v: &str) -> Option<Version> {
        let m = LOOSE_RE.captures(v)?;
        let num = |i: usize| -> Option<u64> {
            match m.get(i) {
                None => Some(0),
                Some(g) => g.as_str().trim_start_matches('.').parse().ok(),
            }
        };
        let pre = m.get(5).map_or("", |g| g.as_str()).to_owned();
        let meta = m.get(8).map_or("", |g| g.as_str());
        if !pre.is_empty() && !valid_segments(&pre, false) {
            return None;
        }
        if !meta.is_empty() && !valid_segments(meta, true) {
            return None;
        }
        Some(Version {
            major: num(1)?,
            minor: num(2)?,
            patch: num(3)?,
            pre,
        })
    }

    fn compare(&self, o: &Version) -> Ordering {
        self.major
            .cmp(&o.major)
            .then(self.minor.cmp(&o.minor))
            .then(self.patch.cmp(&o.patch))
            .then_with(|| match (self.pre.is_empty(), o.pre.is_empty()) {
                (true, true) => Ordering::Equal,
                (true, false) => Ordering::Greater,
                (false, true) => Ordering::Less,
                (false, false) => compare_prerelease(&self.pre, &o.pre),
            })
    }
}

fn compare_prerelease(left: &str, right: &str) -> Ordering {
    let lparts: Vec<&str> = left.split('.').collect();
    let rparts: Vec<&str> = right.split('.').collect();
    for i in 0..lparts.len().max(rparts.len()) {
        let ord = compare_pre_part(
            lparts.get(i).copied().unwrap_or(""),
            rparts.get(i).copied().unwrap_or(""),
        );
        if ord != Ordering::Equal {
            return ord;
        }
    }
    Ordering::Equal
}

fn compare_pre_part(s: &str, o: &str) -> Ordering {
    if s == o {
        return Ordering::Equal;
    }
    if s.is_empty() {
        return Ordering::Less;
    }
    if o.is_empty() {
        return Ordering::Greater;
    }
    match (s.parse::<u64>(), o.parse::<u64>()) {
        (Err(_), Err(_)) => s.cmp(o),
        (Err(_), Ok(_)) => Ordering::Greater,
        (Ok(_), Err(_)) => Ordering::Less,
        (Ok(a), Ok(b)) => {
            if a > b {
                Ordering::Greater
            } else {
                Ordering::Less
            }
        }
    }
}

#[derive(Debug)]
struct Constraint {
    con: Version,
    op: String,
    dirty: bool,
    minor_dirty: bool,
    patch_dirty: bool,
}

fn is_x(s: &str) -> bool {
    matches!(s, "x" | "X" | "*")
}

fn parse_constraint(c: &str) -> Option<Constraint> {
    if c.is_empty() {
        return Some(Constraint {
            con: Version::parse("0.0.0")?,
            op: String::new(),
            dirty: true,
            minor_dirty: false,
            patch_dirty: false,
        });
    }
    let m = CONSTRAINT_RE.captures(c)?;
    let g = |i: usize| m.get(i).map_or("", |x| x.as_str());
    let (m3, m4, m5, m6) = (g(3), g(4), g(5), g(6));
    let mut ver = g(2).to_owned();
    let (mut dirty, mut minor_dirty, mut patch_dirty) = (false, false, false);
    if is_x(m3) || m3.is_empty() {
        ver = format!("0.0.0{m6}");
        dirty = true;
    } else if is_x(m4.trim_start_matches('.')) || m4.is_empty() {
        minor_dirty = true;
        dirty = true;
        ver = format!("{m3}.0.0{m6}");
    } else if is_x(m5.trim_start_matches('.')) || m5.is_empty() {
        dirty = true;
        patch_dirty = true;
        ver = format!("{m3}{m4}.0{m6}");
    }
    Some(Constraint {
        con: Version::parse(&ver)?,
        op: g(1).to_owned(),
        dirty,
        minor_dirty,
        patch_dirty,
    })
}

impl Constraint {
    fn check(&self, v: &Version, include_pre: bool) -> bool {
        if !v.pre.is_empty() && !include_pre {
            return false;
        }
        let c = &self.con;
        match self.op.as_str() {
            "" | "=" => {
                if self.dirty {
                    self.tilde(v)
                } else {
                    v.compare(c) == Ordering::Equal
                }
            }
            "!=" => {
                if self.dirty {
                    if c.major != v.major {
                        return true;
                    }
                    if c.minor != v.minor && !self.minor_dirty {
                        return true;
                    } else if self.minor_dirty {
                        return false;
                    } else if c.patch != v.patch && !self.patch_dirty {
                        return true;
                    } else if self.patch_dirty {
                        if !v.pre.is_empty() || !c.pre.is_empty() {
                            return compare_prerelease(&v.pre, &c.pre) != Ordering::Equal;
                        }
                        return false;
                    }
                }
                v.compare(c) != Ordering::Equal
            }
            ">" => {
                if !self.dirty {
                    return v.compare(c) == Ordering::Greater;
                }
                if v.major > c.major {
                    true
                } else if v.major < c.major || self.minor_dirty {
                    false
                } else if self.patch_dirty {
                    v.minor > c.minor
                } else {
                    v.compare(c) == Ordering::Greater
                }
            }
            "<" => v.compare(c) == Ordering::Less,
            ">=" | "=>" => v.compare(c) != Ordering::Less,
            "<=" | "=<" => {
                if !self.dirty {
                    return v.compare(c) != Ordering::Greater;
                }
                !(v.major > c.major
                    || (v.major == c.major && v.minor > c.minor && !self.minor_dirty))
            }
            "~" | "~>" => self.tilde(v),
            "^" => {
                if v.compare(c) == Ordering::Less {
                    return false;
                }
                if c.major > 0 || self.minor_dirty {
                    return v.major == c.major;
                }
                if c.major == 0 && v.major > 0 {
                    return false;
                }
                if c.minor > 0 || self.patch_dirty {
                    return v.minor == c.minor;
                }
                if c.minor == 0 && v.minor > 0 {
                    return false;
                }
                c.patch == v.patch
            }
            _ => false,
        }
    }

    fn tilde(&self, v: &Version) -> bool {
        let c = &self.con;
        if v.compare(c) == Ordering::Less {
            return false;
        }
        if c.major == 0 && c.minor == 0 && c.patch == 0 && !self.minor_dirty && !self.patch_dirty {
            return true;
        }
        if v.major != c.major {
            return false;
        }
        v.minor == c.minor || self.minor_dirty
    }
}

fn rewrite_range(i: &str) -> String {
    let mut out = i.to_owned();
    for m in RANGE_RE.captures_iter(i) {
        let whole = m.get(0).map_or("", |x| x.as_str());
        let a = m.get(1).map_or("", |x| x.as_str());
        let b = m.get(11).map_or("", |x| x.as_str());
        out = out.replacen(whole, &format!(">= {a}, <= {b} "), 1);
    }
    out
}

/// Parsed Masterminds constraints: OR groups of AND-ed constraints.
struct Constraints {
    groups: Vec<(Vec<Constraint>, bool)>,
}

impl Constraints {
    fn parse(c: &str) -> Option<Constraints> {
        let c = rewrite_range(c);
        let mut groups = Vec::new();
        for part in c.split("||") {
            if !VALID_RE.is_match(part) {
                return None;
            }
            let found: Vec<&str> = FIND_RE.find_iter(part).map(|m| m.as_str()).collect();
            let found = if found.is_empty() { vec![part] } else { found };
            let mut cs = Vec::new();
            let mut has_pre = false;
            for s in found {
                let pc = parse_constraint(s)?;
                has_pre |= !pc.con.pre.is_empty();
                cs.push(pc);
            }
            groups.push((cs, has_pre));
        }
        Some(Constraints { groups })
    }

    fn check(&self, v: &Version) -> bool {
        self.groups
            .iter()
            .any(|(cs, pre)| cs.iter().all(|c| c.check(v, *pre)))
    }
}

/// Helm's `IsCompatibleRange`: true when `version` parses and satisfies `constraint`; false
/// when either does not parse (an empty constraint does not parse).
pub fn is_compatible_range(constraint: &str, version: &str) -> bool {
    let Some(v) = Version::parse(version) else {
        return false;
    };
    let Some(c) = Constraints::parse(constraint) else {
        return false;
    };
    c.check(&v)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_parse_loosely() {
        for ok in ["1", "1.2", "v1.2.3", "1.2.3-alpha.1+build.5", "1.0.0-0"] {
            assert!(Version::parse(ok).is_some(), "{ok}");
        }
        for bad in ["", "one", "1.2.3.4", "1.2.3-01", "1.2.3-", "1.2.3+a..b"] {
            assert!(Version::parse(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn constraints_follow_masterminds() {
        let cases = [
            ("^1.2.0", "1.9.9", true),
            ("^1.2.0", "2.0.0", false),
            ("~1.2.0", "1.2.9", true),
            ("~1.2.0", "1.3.0", false),
            (">=1.0.0", "1.0.0-rc1", false),
            (">=1.0.0-0", "1.0.0-rc1", true),
            ("1.x", "1.5.0", true),
            ("*", "3.0.0", true),
            ("", "1.0.0", false),
            ("1.0.0 - 2.0.0", "1.5.0", true),
            ("1.0.0 - 2.0.0", "2.1.0", false),
            (">=1.2, <2", "1.5.0", true),
            ("<1 || >=3", "3.1.0", true),
            ("<1 || >=3", "2.0.0", false),
            ("!=1.2.3", "1.2.3", false),
            ("^0.2.3", "0.2.9", true),
            ("^0.2.3", "0.3.0", false),
            ("=1.2.3", "1.2.3", true),
            ("x.x.x", "0.0.1", true),
        ];
        for (c, v, want) in cases {
            assert_eq!(is_compatible_range(c, v), want, "{c} {v}");
        }
    }
}
