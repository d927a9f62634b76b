//! Helm's version checks over Masterminds/semver (see [`rudder_semver`]).

#[cfg(test)]
use rudder_semver::Version;

/// Helm's `IsCompatibleRange`: true when `version` parses and satisfies `constraint`; false
/// when either does not parse (an empty constraint does not parse).
pub fn is_compatible_range(constraint: &str, version: &str) -> bool {
    let Ok(v) = rudder_semver::Version::parse(version) else {
        return false;
    };
    let Ok(c) = rudder_semver::Constraints::parse(constraint) else {
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
            assert!(Version::parse(ok).is_ok(), "{ok}");
        }
        for bad in ["", "one", "1.2.3.4", "1.2.3-01", "1.2.3-", "1.2.3+a..b"] {
            assert!(Version::parse(bad).is_err(), "{bad}");
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
