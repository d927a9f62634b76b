//! Helm's registry credentials file (`registry/config.json`): Docker's `config.json` format,
//! `{"auths": {"host:port": {"auth": base64("user:password")}}}`, as oras-go's file store
//! reads and writes it. Other keys in the file are kept.

use std::path::{Path, PathBuf};

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use serde_json::{Map, Value};

use crate::error::{Error, Result};

/// A username and password for one registry host.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Credential {
    /// User name.
    pub username: String,
    /// Password or token.
    pub password: String,
}

/// The credentials file at a path (it need not exist yet).
#[derive(Debug, Clone)]
pub struct CredentialsFile {
    path: PathBuf,
}

impl CredentialsFile {
    /// The file at `path`.
    pub fn new(path: impl Into<PathBuf>) -> CredentialsFile {
        CredentialsFile { path: path.into() }
    }

    /// The file's path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    fn read(&self) -> Result<Map<String, Value>> {
        let data = match fs_err::read(&self.path) {
            Ok(d) => d,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Map::new()),
            Err(e) => return Err(Error::Io(e)),
        };
        if data.iter().all(u8::is_ascii_whitespace) {
            return Ok(Map::new());
        }
        match serde_json::from_slice::<Value>(&data) {
            Ok(Value::Object(m)) => Ok(m),
            Ok(_) => Err(Error::Decode(format!(
                "failed to decode config file at {}: invalid format",
                self.path.display()
            ))),
            Err(e) => Err(Error::Decode(format!(
                "failed to decode config file at {}: {e}",
                self.path.display()
            ))),
        }
    }

    fn write(&self, doc: &Map<String, Value>) -> Result<()> {
        if let Some(dir) = self.path.parent()
            && !dir.as_os_str().is_empty()
        {
            fs_err::create_dir_all(dir).map_err(Error::Io)?;
        }
        let mut out = Vec::new();
        let fmt = serde_json::ser::PrettyFormatter::with_indent(b"\t");
        let mut ser = serde_json::Serializer::with_formatter(&mut out, fmt);
        serde::Serialize::serialize(doc, &mut ser).map_err(|e| Error::Decode(e.to_string()))?;
        fs_err::write(&self.path, out).map_err(Error::Io)
    }

    /// The stored credential for `host`, if any. Entries written as `https://host` or
    /// `http://host` (older Docker clients) match too.
    pub fn get(&self, host: &str) -> Result<Option<Credential>> {
        let doc = self.read()?;
        let Some(Value::Object(auths)) = doc.get("auths") else {
            return Ok(None);
        };
        let entry = auths.get(host).or_else(|| {
            auths.iter().find_map(|(k, v)| {
                let bare = k
                    .trim_start_matches("https://")
                    .trim_start_matches("http://")
                    .trim_end_matches('/');
                (bare == host).then_some(v)
            })
        });
        let Some(Value::Object(entry)) = entry else {
            return Ok(None);
        };
        if let Some(Value::String(auth)) = entry.get("auth")
            && !auth.is_empty()
        {
            let raw = STANDARD.decode(auth.trim()).map_err(|e| {
                Error::Decode(format!("failed to decode auth field for {host}: {e}"))
            })?;
            let text = String::from_utf8_lossy(&raw);
            let (u, p) = text.split_once(':').ok_or_else(|| {
                Error::Decode(format!("invalid auth configuration file for {host}"))
            })?;
            return Ok(Some(Credential {
                username: u.to_owned(),
                password: p.to_owned(),
            }));
        }
        let field = |k: &str| entry.get(k).and_then(Value::as_str).unwrap_or_default();
        if !field("username").is_empty() {
            return Ok(Some(Credential {
                username: field("username").to_owned(),
                password: field("password").to_owned(),
            }));
        }
        Ok(None)
    }

    /// Stores `cred` for `host`, replacing any earlier entry.
    pub fn put(&self, host: &str, cred: &Credential) -> Result<()> {
        let mut doc = self.read()?;
        let auths = doc
            .entry("auths")
            .or_insert_with(|| Value::Object(Map::new()));
        if !auths.is_object() {
            *auths = Value::Object(Map::new());
        }
        let auth = STANDARD.encode(format!("{}:{}", cred.username, cred.password));
        let mut entry = Map::new();
        entry.insert("auth".to_owned(), Value::String(auth));
        if let Value::Object(a) = auths {
            a.insert(host.to_owned(), Value::Object(entry));
        }
        self.write(&doc)
    }

    /// Removes the entry for `host`; nothing happens when there is none.
    pub fn remove(&self, host: &str) -> Result<()> {
        let mut doc = self.read()?;
        let removed = match doc.get_mut("auths") {
            Some(Value::Object(a)) => a.shift_remove(host).is_some(),
            _ => false,
        };
        if !removed {
            return Ok(());
        }
        self.write(&doc)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn put_get_remove_round_trip() {
        let dir = tempfile::tempdir().unwrap();
        let f = CredentialsFile::new(dir.path().join("registry/config.json"));
        assert_eq!(f.get("h:5000").unwrap(), None);
        let c = Credential {
            username: "u".into(),
            password: "p:w".into(),
        };
        f.put("h:5000", &c).unwrap();
        let text = fs_err::read_to_string(f.path()).unwrap();
        assert!(text.contains("\"auth\": \"dTpwOnc=\""), "{text}");
        assert_eq!(f.get("h:5000").unwrap(), Some(c));
        f.remove("h:5000").unwrap();
        assert_eq!(f.get("h:5000").unwrap(), None);
        f.remove("h:5000").unwrap();
    }
}
