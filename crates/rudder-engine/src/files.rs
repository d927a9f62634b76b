//! `.Files`: the chart's non-template files, with Helm's methods (helm/helm
//! `pkg/engine/files.go`).
//!
//! In Helm `.Files` is a Go map type (`engine.files`, `map[string][]byte`) with methods, so
//! `%T` prints `engine.files` and `%v` prints the map of byte slices.

use std::any::Any;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::sync::Arc;

use base64::Engine as _;
use rudder_value::{Bytes, List, ListKind, Map, Member, Object, Underlying, Value};

use crate::glob::Glob;

/// A chart's files by path (`.Files`).
#[derive(Clone, Debug, Default)]
pub struct Files {
    files: BTreeMap<String, Bytes>,
}

impl Files {
    /// Files from `(path, contents)` pairs; a later duplicate path replaces an earlier one.
    pub fn new<I, N, D>(files: I) -> Self
    where
        I: IntoIterator<Item = (N, D)>,
        N: Into<String>,
        D: Into<Bytes>,
    {
        Files {
            files: files
                .into_iter()
                .map(|(n, d)| (n.into(), d.into()))
                .collect(),
        }
    }

    /// `GetBytes`: the file's bytes, empty when there is no such file.
    pub fn get_bytes(&self, name: &str) -> Bytes {
        self.files.get(name).cloned().unwrap_or_default()
    }

    /// `Get`: the file as a string, empty when there is no such file.
    pub fn get(&self, name: &str) -> String {
        String::from_utf8_lossy(&self.get_bytes(name)).into_owned()
    }

    /// `Get` as the template sees it. A Go string holds any bytes but a [`Value::String`]
    /// only UTF-8, so a binary file comes back as [`Value::Bytes`]; the engine's `b64enc`
    /// encodes those bytes unchanged (`{{ .Files.Get "x.bz2" | b64enc }}`).
    pub fn get_value(&self, name: &str) -> Value {
        let data = self.get_bytes(name);
        match std::str::from_utf8(&data) {
            Ok(text) => Value::from(text),
            Err(_) => Value::Bytes(data),
        }
    }

    /// True when some file is not UTF-8 text.
    pub fn has_binary(&self) -> bool {
        self.files.values().any(|d| std::str::from_utf8(d).is_err())
    }

    /// `Glob`: the files whose path matches a gobwas glob (`/` separates); a malformed
    /// pattern matches everything, as Helm falls back to `**`.
    pub fn glob(&self, pattern: &str) -> Files {
        let files = match Glob::compile(pattern) {
            Some(glob) => self
                .files
                .iter()
                .filter(|(name, _)| glob.matches(name))
                .map(|(n, d)| (n.clone(), d.clone()))
                .collect(),
            None => self.files.clone(),
        };
        Files { files }
    }

    /// `Lines`: the file split at `\n`, one trailing newline dropped; empty when the file is
    /// missing. An empty file fails as Go's slice index does in Helm.
    pub fn lines(&self, name: &str) -> Result<Vec<String>, String> {
        let Some(data) = self.files.get(name) else {
            return Ok(Vec::new());
        };
        let text = String::from_utf8_lossy(data);
        let text = match text.as_bytes().last() {
            None => return Err("runtime error: index out of range [-1]".to_owned()),
            Some(b'\n') => &text[..text.len() - 1],
            Some(_) => &text[..],
        };
        Ok(text.split('\n').map(str::to_owned).collect())
    }

    /// `AsConfig`: base names mapped to contents, as YAML (for a ConfigMap's `data`).
    pub fn as_config(&self) -> String {
        let map = Map::new();
        for (name, data) in &self.files {
            map.insert(
                base_name(name),
                Value::from(String::from_utf8_lossy(data).into_owned()),
            );
        }
        crate::yaml::to_yaml_trimmed(&Value::Map(map))
    }

    /// `AsSecrets`: base names mapped to base64 contents, as YAML (for a Secret's `data`).
    pub fn as_secrets(&self) -> String {
        let map = Map::new();
        for (name, data) in &self.files {
            let encoded = base64::engine::general_purpose::STANDARD.encode(data);
            map.insert(base_name(name), Value::from(encoded));
        }
        crate::yaml::to_yaml_trimmed(&Value::Map(map))
    }

    /// Number of files.
    pub fn len(&self) -> usize {
        self.files.len()
    }

    /// True when there are no files.
    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }
}

/// Go's `path.Base` for the non-empty, slash-separated names of chart files.
fn base_name(name: &str) -> String {
    let trimmed = name.trim_end_matches('/');
    if trimmed.is_empty() {
        return if name.is_empty() {
            ".".to_owned()
        } else {
            "/".to_owned()
        };
    }
    trimmed.rsplit('/').next().unwrap_or(trimmed).to_owned()
}

fn string_arg(args: &[Value]) -> String {
    match args.first() {
        Some(Value::String(s)) => s.to_string(),
        _ => String::new(),
    }
}

impl Object for Files {
    fn type_name(&self) -> &'static str {
        "engine.files"
    }

    fn kind_name(&self) -> &'static str {
        "map"
    }

    fn member(&self, name: &str) -> Option<Member> {
        match name {
            "Get" | "GetBytes" | "Glob" | "Lines" | "AsConfig" | "AsSecrets" => {
                Some(Member::Method)
            }
            _ => None,
        }
    }

    fn call_method(&self, name: &str, args: &[Value]) -> Result<Value, String> {
        let arg = string_arg(args);
        match name {
            "Get" => Ok(self.get_value(&arg)),
            "GetBytes" => Ok(Value::Bytes(self.get_bytes(&arg))),
            "Glob" => Ok(Value::Object(Arc::new(self.glob(&arg)))),
            "Lines" => Ok(Value::List(List::with_kind(
                self.lines(&arg)?.into_iter().map(Value::from).collect(),
                ListKind::String,
            ))),
            "AsConfig" => Ok(Value::from(self.as_config())),
            "AsSecrets" => Ok(Value::from(self.as_secrets())),
            _ => Err(format!("can't call method {name}")),
        }
    }

    fn method_arity(&self, name: &str) -> (usize, bool) {
        match name {
            "AsConfig" | "AsSecrets" => (0, false),
            _ => (1, false),
        }
    }

    fn is_true(&self) -> bool {
        // A Go map is true when it has entries.
        !self.files.is_empty()
    }

    fn has_string_method(&self) -> bool {
        false
    }

    fn underlying(&self) -> Option<Underlying> {
        // `engine.files` is a `map[string][]byte`.
        Some(Underlying::Value(Value::Map(Map::with_type_name(
            self.files
                .iter()
                .map(|(name, data)| (name.clone(), Value::Bytes(data.clone())))
                .collect(),
            "engine.files",
        ))))
    }

    fn go_string(&self) -> String {
        let mut out = String::from("map[");
        for (i, (name, data)) in self.files.iter().enumerate() {
            if i > 0 {
                out.push(' ');
            }
            out.push_str(name);
            out.push_str(":[");
            for (j, b) in data.iter().enumerate() {
                if j > 0 {
                    out.push(' ');
                }
                let _ = write!(out, "{b}");
            }
            out.push(']');
        }
        out.push(']');
        out
    }

    fn to_data(&self) -> Value {
        // The Go map itself: paths to byte slices (encoding/json writes those as base64). Its
        // element type makes a missing key read as an empty `[]byte`.
        Value::Map(Map::with_type_name(
            self.files
                .iter()
                .map(|(name, data)| (name.clone(), Value::Bytes(data.clone())))
                .collect(),
            "map[string][]uint8",
        ))
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}

#[cfg(test)]
mod tests {
    use super::Files;

    fn files() -> Files {
        Files::new([
            ("ship/captain.txt", &b"The Captain"[..]),
            ("ship/stowaway.txt", b"Legatt"),
            ("story/name.txt", b"The Secret Sharer"),
            ("story/author.txt", b"Joseph Conrad"),
            ("multiline/test.txt", b"bar\nfoo\n"),
            ("multiline/test_with_blank_lines.txt", b"bar\nfoo\n\n\n"),
            ("empty.txt", b""),
        ])
    }

    #[test]
    fn get_returns_contents_or_empty() {
        let f = files();
        assert_eq!(f.get("story/author.txt"), "Joseph Conrad");
        assert_eq!(f.get("missing"), "");
        assert!(f.get_bytes("missing").is_empty());
    }

    #[test]
    fn glob_selects_files() {
        let f = files();
        let matched = f.glob("story/**");
        assert_eq!(matched.len(), 2);
        assert_eq!(matched.get("story/author.txt"), "Joseph Conrad");
        assert_eq!(f.glob("[").len(), f.len());
    }

    #[test]
    fn lines_drop_one_trailing_newline() {
        let f = files();
        assert_eq!(f.lines("multiline/test.txt").unwrap(), ["bar", "foo"]);
        assert_eq!(
            f.lines("multiline/test_with_blank_lines.txt").unwrap(),
            ["bar", "foo", "", ""]
        );
        assert!(f.lines("missing").unwrap().is_empty());
        assert!(f.lines("empty.txt").is_err());
    }

    #[test]
    fn base_names_follow_go_path_base() {
        assert_eq!(super::base_name("a/b/c.txt"), "c.txt");
        assert_eq!(super::base_name("c.txt"), "c.txt");
    }
}
