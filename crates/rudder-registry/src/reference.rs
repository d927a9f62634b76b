//! OCI references: `oci://host[:port]/path/name[:tag|@digest]` (Helm's `pkg/registry/reference.go`
//! over oras-go's `registry.ParseReference`).

use std::fmt;

use crate::error::{Error, Result};

/// The `oci://` scheme prefix.
pub const OCI_PREFIX: &str = "oci://";

/// Whether a chart reference names an OCI registry.
pub fn is_oci(reference: &str) -> bool {
    reference.starts_with(OCI_PREFIX)
}

/// A parsed reference: registry host, repository path, and an optional tag and digest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reference {
    /// `host[:port]`.
    pub registry: String,
    /// Repository path below the host (`charts/mychart`).
    pub repository: String,
    /// Tag, with Helm's `+` already turned into `_`.
    pub tag: Option<String>,
    /// `sha256:...` digest.
    pub digest: Option<String>,
}

impl Reference {
    /// Parses `oci://host/path[:tag][@digest]` (the `oci://` prefix is optional). A `+` in the
    /// tag becomes `_`, since OCI tags cannot hold `+` (Helm's `newReference`).
    pub fn parse(raw: &str) -> Result<Reference> {
        let invalid = || Error::InvalidReference {
            reference: raw.to_owned(),
        };
        let s = raw.strip_prefix(OCI_PREFIX).unwrap_or(raw);
        let (rest, digest) = match s.split_once('@') {
            Some((r, d)) => {
                if !is_digest(d) {
                    return Err(invalid());
                }
                (r, Some(d.to_owned()))
            }
            None => (s, None),
        };
        let (registry, path) = rest.split_once('/').ok_or_else(invalid)?;
        if registry.is_empty() || path.is_empty() {
            return Err(invalid());
        }
        // A colon after the last slash starts the tag; earlier colons belong to the host port.
        let (repository, tag) = match path.rsplit_once(':') {
            Some((r, t)) if !t.contains('/') => (r, Some(t.replace('+', "_"))),
            _ => (path, None),
        };
        if !valid_repository(repository) || !valid_host(registry) {
            return Err(invalid());
        }
        if let Some(t) = &tag
            && !valid_tag(t)
        {
            return Err(invalid());
        }
        Ok(Reference {
            registry: registry.to_owned(),
            repository: repository.to_owned(),
            tag,
            digest,
        })
    }

    /// The reference `host/path/name:version` for pushing chart `name` at `version` under the
    /// repository root `self` (Helm's `OCIPusher`: the root carries no tag).
    pub fn child(&self, name: &str, version: &str) -> Reference {
        Reference {
            registry: self.registry.clone(),
            repository: format!("{}/{name}", self.repository.trim_end_matches('/')),
            tag: Some(version.replace('+', "_")),
            digest: None,
        }
    }

    /// Applies `--version`: without a tag or digest the version becomes the tag; with a tag the
    /// two must agree.
    pub fn with_version(mut self, version: &str) -> Result<Reference> {
        if version.is_empty() {
            return Ok(self);
        }
        let wanted = version.replace('+', "_");
        match &self.tag {
            Some(t) if *t != wanted => Err(Error::VersionMismatch {
                version: version.to_owned(),
                tag: t.clone(),
            }),
            Some(_) => Ok(self),
            None if self.digest.is_some() => Ok(self),
            None => {
                self.tag = Some(wanted);
                Ok(self)
            }
        }
    }

    /// The tag or digest to ask the registry for (`latest`-free: Helm requires one).
    pub fn manifest_reference(&self) -> Option<&str> {
        self.digest.as_deref().or(self.tag.as_deref())
    }

    /// The chart name: the last path segment of the repository.
    pub fn name(&self) -> &str {
        self.repository
            .rsplit('/')
            .next()
            .unwrap_or(&self.repository)
    }
}

impl fmt::Display for Reference {
    /// `host/path[:tag][@digest]`, as Helm prints `Pushed:` and `Pulled:`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.registry, self.repository)?;
        if let Some(t) = &self.tag {
            write!(f, ":{t}")?;
        }
        if let Some(d) = &self.digest {
            write!(f, "@{d}")?;
        }
        Ok(())
    }
}

fn is_digest(d: &str) -> bool {
    d.strip_prefix("sha256:")
        .is_some_and(|h| h.len() == 64 && h.bytes().all(|b| b.is_ascii_hexdigit()))
}

fn valid_host(h: &str) -> bool {
    !h.is_empty()
        && h.bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b':' | b'[' | b']'))
}

/// Distribution's path grammar: lowercase components separated by `.`, `_`, `__`, `-` and `/`.
fn valid_repository(r: &str) -> bool {
    !r.is_empty()
        && r.split('/').all(|c| {
            !c.is_empty()
                && c.bytes().all(|b| {
                    b.is_ascii_lowercase() || b.is_ascii_digit() || matches!(b, b'.' | b'_' | b'-')
                })
                && c.bytes().next().is_some_and(|b| b.is_ascii_alphanumeric())
                && c.bytes().last().is_some_and(|b| b.is_ascii_alphanumeric())
        })
}

/// `[A-Za-z0-9_][A-Za-z0-9._-]{0,127}`.
fn valid_tag(t: &str) -> bool {
    !t.is_empty()
        && t.len() <= 128
        && t.bytes()
            .next()
            .is_some_and(|b| b.is_ascii_alphanumeric() || b == b'_')
        && t.bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_host_port_path_and_tag() {
        let r = Reference::parse("oci://localhost:5000/charts/app:1.2.3+build").unwrap();
        assert_eq!(r.registry, "localhost:5000");
        assert_eq!(r.repository, "charts/app");
        assert_eq!(r.tag.as_deref(), Some("1.2.3_build"));
        assert_eq!(r.name(), "app");
        assert_eq!(r.to_string(), "localhost:5000/charts/app:1.2.3_build");
    }

    #[test]
    fn port_without_tag_is_not_a_tag() {
        let r = Reference::parse("oci://localhost:5000/app").unwrap();
        assert_eq!(r.tag, None);
        assert_eq!(
            r.with_version("0.1.0+x").unwrap().tag.as_deref(),
            Some("0.1.0_x")
        );
    }

    #[test]
    fn digest_reference() {
        let d = format!("sha256:{}", "a".repeat(64));
        let r = Reference::parse(&format!("oci://h/app@{d}")).unwrap();
        assert_eq!(r.manifest_reference(), Some(d.as_str()));
    }

    #[test]
    fn version_must_match_tag() {
        let r = Reference::parse("oci://h/app:1.0.0").unwrap();
        assert!(matches!(
            r.with_version("2.0.0"),
            Err(Error::VersionMismatch { .. })
        ));
    }

    #[test]
    fn rejects_bad_references() {
        for bad in [
            "oci://",
            "oci://host",
            "oci://host/UPPER",
            "oci://h/a@sha256:zz",
        ] {
            assert!(Reference::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn child_appends_name_and_version() {
        let r = Reference::parse("oci://h:1/charts").unwrap();
        assert_eq!(
            r.child("app", "1.0.0+b").to_string(),
            "h:1/charts/app:1.0.0_b"
        );
    }
}
