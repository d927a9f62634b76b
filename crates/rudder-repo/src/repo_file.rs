//! `repositories.yaml`: the configured repositories (Helm's `repo.File`, `pkg/repo/v1/repo.go`).

use std::path::Path;

use rudder_value::{List, Map, Value};

use crate::error::{Error, Result};
use crate::value;

/// One configured repository (Helm's `repo.Entry`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Entry {
    /// The repository's name (`stable` in `stable/nginx`).
    pub name: String,
    /// Its URL, where `index.yaml` lives.
    pub url: String,
    /// Basic-auth user.
    pub username: String,
    /// Basic-auth password.
    pub password: String,
    /// Client certificate (PEM file).
    pub cert_file: String,
    /// Client key (PEM file).
    pub key_file: String,
    /// CA bundle that verifies the server (PEM file).
    pub ca_file: String,
    /// Skip verifying the server's certificate.
    pub insecure_skip_tls_verify: bool,
    /// Send the credentials to every host, not only the repository's own.
    pub pass_credentials_all: bool,
}

/// The repositories file (Helm's `repo.File`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RepoFile {
    /// `apiVersion`: empty when Helm's `repo add` created the file.
    pub api_version: String,
    /// `generated`, as written (Go's RFC 3339 text); empty is Go's zero time.
    pub generated: String,
    /// The repositories, in file order.
    pub repositories: Vec<Entry>,
}

impl RepoFile {
    /// Reads `path` as Helm's `repo.LoadFile` does.
    pub fn load(path: &Path) -> Result<RepoFile> {
        let data = fs_err::read(path).map_err(|e| Error::LoadRepoFile {
            path: path.to_owned(),
            source: e,
        })?;
        RepoFile::parse(&data)
    }

    /// Reads `path`, or gives an empty file when it does not exist (what `repo add` does).
    pub fn load_or_default(path: &Path) -> Result<RepoFile> {
        match fs_err::read(path) {
            Ok(data) => RepoFile::parse(&data),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(RepoFile::default()),
            Err(e) => Err(Error::Io(e)),
        }
    }

    /// Decodes the YAML text of a repositories file.
    pub fn parse(data: &[u8]) -> Result<RepoFile> {
        let text = String::from_utf8_lossy(data);
        let doc = rudder_yaml::from_yaml(&text).map_err(|e| Error::Decode {
            message: e.to_string(),
        })?;
        let mut file = RepoFile::default();
        let Value::Map(m) = doc else {
            return Ok(file);
        };
        file.api_version = value::string(&m, "apiVersion");
        file.generated = value::string(&m, "generated");
        if let Some(Value::List(list)) = m.get("repositories") {
            for item in list.items.iter() {
                let Value::Map(e) = item else { continue };
                file.repositories.push(Entry {
                    name: value::string(e, "name"),
                    url: value::string(e, "url"),
                    username: value::string(e, "username"),
                    password: value::string(e, "password"),
                    cert_file: value::string(e, "certFile"),
                    key_file: value::string(e, "keyFile"),
                    ca_file: value::string(e, "caFile"),
                    insecure_skip_tls_verify: value::boolean(e, "insecure_skip_tls_verify"),
                    pass_credentials_all: value::boolean(e, "pass_credentials_all"),
                });
            }
        }
        Ok(file)
    }

    /// Whether a repository of that name is configured.
    pub fn has(&self, name: &str) -> bool {
        self.get(name).is_some()
    }

    /// The repository of that name.
    pub fn get(&self, name: &str) -> Option<&Entry> {
        self.repositories.iter().find(|e| e.name == name)
    }

    /// Replaces the entry of the same name, or appends it (Helm's `Update`).
    pub fn update(&mut self, entry: Entry) {
        match self.repositories.iter_mut().find(|e| e.name == entry.name) {
            Some(slot) => *slot = entry,
            None => self.repositories.push(entry),
        }
    }

    /// Removes the named repository; `false` when there was none.
    pub fn remove(&mut self, name: &str) -> bool {
        let before = self.repositories.len();
        self.repositories.retain(|e| e.name != name);
        before != self.repositories.len()
    }

    /// The file as `sigs.k8s.io/yaml.Marshal(repo.File)` writes it.
    pub fn to_yaml(&self) -> Result<String> {
        let m = Map::new();
        m.insert("apiVersion", Value::from(self.api_version.as_str()));
        m.insert(
            "generated",
            Value::from(crate::time::go_time(&self.generated).as_str()),
        );
        let list = self
            .repositories
            .iter()
            .map(|e| {
                let r = Map::new();
                for (k, v) in [
                    ("name", &e.name),
                    ("url", &e.url),
                    ("username", &e.username),
                    ("password", &e.password),
                    ("certFile", &e.cert_file),
                    ("keyFile", &e.key_file),
                    ("caFile", &e.ca_file),
                ] {
                    r.insert(k, Value::from(v.as_str()));
                }
                r.insert(
                    "insecure_skip_tls_verify",
                    Value::Bool(e.insecure_skip_tls_verify),
                );
                r.insert("pass_credentials_all", Value::Bool(e.pass_credentials_all));
                Value::Map(r)
            })
            .collect();
        m.insert("repositories", Value::List(List::new(list)));
        rudder_yaml::to_yaml(&Value::Map(m)).map_err(|e| Error::Encode(e.to_string()))
    }

    /// Writes the file with mode 0600, creating its folder (Helm's `WriteFile`).
    pub fn write(&self, path: &Path) -> Result<()> {
        let text = self.to_yaml()?;
        if let Some(dir) = path.parent() {
            fs_err::create_dir_all(dir).map_err(Error::Io)?;
        }
        crate::fsutil::write_private(path, text.as_bytes())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_written_by_helm_round_trips() {
        let text = "apiVersion: v1\ngenerated: \"2024-05-06T07:08:09.100+02:00\"\nrepositories:\n- caFile: ca.pem\n  certFile: \"\"\n  insecure_skip_tls_verify: true\n  keyFile: \"\"\n  name: stable\n  pass_credentials_all: false\n  password: p\n  url: https://charts.example.com\n  username: u\n";
        let file = RepoFile::parse(text.as_bytes()).expect("file parses");
        assert_eq!(file.repositories[0].ca_file, "ca.pem");
        assert!(file.repositories[0].insecure_skip_tls_verify);
        let written = file.to_yaml().expect("file writes");
        assert_eq!(
            written,
            text.replace("07:08:09.100+02:00", "07:08:09.1+02:00")
        );
    }

    #[test]
    fn update_replaces_in_place_and_remove_reports_absence() {
        let mut file = RepoFile::default();
        let entry = |name: &str, url: &str| Entry {
            name: name.to_owned(),
            url: url.to_owned(),
            ..Entry::default()
        };
        file.update(entry("a", "http://a"));
        file.update(entry("b", "http://b"));
        file.update(entry("a", "http://a2"));
        let names: Vec<&str> = file.repositories.iter().map(|e| e.url.as_str()).collect();
        assert_eq!(names, ["http://a2", "http://b"]);
        assert!(file.remove("a"));
        assert!(!file.remove("a"));
        assert_eq!(
            file.to_yaml().expect("file writes"),
            "apiVersion: \"\"\ngenerated: \"0001-01-01T00:00:00Z\"\nrepositories:\n- caFile: \"\"\n  certFile: \"\"\n  insecure_skip_tls_verify: false\n  keyFile: \"\"\n  name: b\n  pass_credentials_all: false\n  password: \"\"\n  url: http://b\n  username: \"\"\n"
        );
    }
}
