//! User-supplied values: `-f` files and the `--set` family, merged in Helm's order
//! (`pkg/cli/values/options.go`), and the helpers Helm's `common.Values` offers.
//!
//! ```
//! use rudder_chart::values::Options;
//!
//! let opts = Options {
//!     set: vec!["a.b=1".into()],
//!     set_string: vec!["a.c=2".into()],
//!     ..Options::default()
//! };
//! let vals = opts.merge_values().unwrap();
//! let a = vals.get("a").unwrap();
//! assert_eq!(a.as_map().unwrap().get("c").unwrap().as_str(), Some("2"));
//! ```

use rudder_value::{Map, Value};

use crate::error::{Error, Result, SetError};
use crate::strvals;

/// The ways to give values on Helm's command line.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// `-f/--values` files, in order (later files win).
    pub value_files: Vec<String>,
    /// `--set` entries.
    pub set: Vec<String>,
    /// `--set-string` entries.
    pub set_string: Vec<String>,
    /// `--set-file` entries (`key=path`).
    pub set_file: Vec<String>,
    /// `--set-json` entries (`key=<json>` or a JSON object).
    pub set_json: Vec<String>,
    /// `--set-literal` entries.
    pub set_literal: Vec<String>,
}

impl Options {
    /// Merges everything into one map, reading files from the local file system: value files
    /// first (deep-merged in order), then `--set-json`, `--set`, `--set-string`, `--set-file`
    /// and `--set-literal`, each overriding what came before.
    pub fn merge_values(&self) -> Result<Map> {
        // std's own error keeps the kind without a path; the message names the file.
        #[expect(
            clippy::disallowed_methods,
            reason = "Error::Open names the path itself"
        )]
        self.merge_values_with(&mut |path| std::fs::read(path))
    }

    /// [`Options::merge_values`] with a custom file reader (for `-`, URLs or tests).
    pub fn merge_values_with(
        &self,
        read: &mut dyn FnMut(&str) -> std::io::Result<Vec<u8>>,
    ) -> Result<Map> {
        let mut base = Map::new();
        for path in &self.value_files {
            let raw = read(path).map_err(|e| Error::Open {
                path: path.clone(),
                source: crate::error::go_io_error(&e),
            })?;
            let current = load_values(&raw).map_err(|e| Error::ValuesFile {
                path: path.clone(),
                source: Box::new(e),
            })?;
            base = merge_maps(&base, &current);
        }
        for value in &self.set_json {
            let trimmed = value.trim_matches(crate::gofmt::is_space);
            if trimmed.starts_with('{') {
                let parsed: serde_json::Value =
                    serde_json::from_str(trimmed).map_err(|_| Error::SetJsonObject {
                        value: value.clone(),
                    })?;
                let Value::Map(m) = strvals_json(parsed) else {
                    return Err(Error::SetJsonObject {
                        value: value.clone(),
                    });
                };
                base = merge_maps(&base, &m);
            } else {
                strvals::parse_json(value, &base).map_err(|_| Error::SetJson {
                    value: value.clone(),
                })?;
            }
        }
        for value in &self.set {
            strvals::parse_into(value, &base).map_err(|source| Error::Set {
                flag: "--set",
                source,
            })?;
        }
        for value in &self.set_string {
            strvals::parse_into_string(value, &base).map_err(|source| Error::Set {
                flag: "--set-string",
                source,
            })?;
        }
        for value in &self.set_file {
            let mut reader = |path: &str| -> Result<Value, SetError> {
                let bytes = read(path).map_err(|e| SetError::File {
                    message: format!("open {path}: {}", crate::error::go_io_error(&e)),
                })?;
                Ok(Value::from(String::from_utf8_lossy(&bytes).into_owned()))
            };
            strvals::parse_into_file(value, &base, &mut reader).map_err(|source| Error::Set {
                flag: "--set-file",
                source,
            })?;
        }
        for value in &self.set_literal {
            strvals::parse_literal_into(value, &base).map_err(|source| Error::Set {
                flag: "--set-literal",
                source,
            })?;
        }
        Ok(base)
    }
}

fn strvals_json(v: serde_json::Value) -> Value {
    match v {
        serde_json::Value::Null => Value::Nil,
        serde_json::Value::Bool(b) => Value::Bool(b),
        serde_json::Value::Number(n) => Value::Float(n.as_f64().unwrap_or(f64::NAN)),
        serde_json::Value::String(s) => Value::from(s),
        serde_json::Value::Array(items) => {
            Value::from(items.into_iter().map(strvals_json).collect::<Vec<Value>>())
        }
        serde_json::Value::Object(entries) => Value::Map(
            entries
                .into_iter()
                .map(|(k, v)| (k, strvals_json(v)))
                .collect(),
        ),
    }
}

/// Helm's `loader.MergeMaps`: a new map with `a`'s entries and `b`'s on top, tables merged
/// recursively (other values, lists included, replaced).
pub fn merge_maps(a: &Map, b: &Map) -> Map {
    let out: Map = a.entries().into_iter().collect();
    for (k, v) in b.entries() {
        if let Value::Map(bv) = &v
            && let Some(Value::Map(av)) = out.get(&k)
        {
            out.insert(k, Value::Map(merge_maps(&av, bv)));
            continue;
        }
        out.insert(k, v);
    }
    out
}

/// Splits a YAML stream into documents as Kubernetes' `YAMLReader` does: a line that starts
/// with `---` followed only by spaces ends a non-empty document. A separator before any
/// content stays in the document (YAML reads it as a document start).
pub(crate) fn split_documents(text: &str) -> Vec<&str> {
    let mut docs = Vec::new();
    let mut start = 0;
    // Only lines that begin with `---` can separate documents: look at those alone.
    let first = text.starts_with("---").then_some(0);
    let others = text.match_indices("\n---").map(|(i, _)| i + 1);
    for pos in first.into_iter().chain(others) {
        let end = text[pos..].find('\n').map_or(text.len(), |i| pos + i + 1);
        let after = &text[pos + 3..end];
        if after.trim_end_matches(crate::gofmt::is_space).is_empty() && pos > start {
            docs.push(&text[start..pos]);
            start = end;
        }
    }
    if start < text.len() {
        docs.push(&text[start..]);
    }
    docs
}

/// Helm's `loader.LoadValues`: every YAML document of a values file, merged in order with
/// [`merge_maps`].
pub fn load_values(data: &[u8]) -> Result<Map> {
    let text = utf8_text(data);
    let mut values = Map::new();
    for doc in split_documents(&text) {
        let current =
            crate::yaml::values_document(doc).map_err(|source| Error::ValuesDocument { source })?;
        // Merging into nothing would only copy the document's top level.
        values = if values.is_empty() {
            current
        } else {
            merge_maps(&values, &current)
        };
    }
    Ok(values)
}

/// A file's text, invalid UTF-8 replaced as `String::from_utf8_lossy` does; valid text (the
/// usual case) is only validated, which is much faster than the lossy decoder's own checks.
pub(crate) fn utf8_text(data: &[u8]) -> std::borrow::Cow<'_, str> {
    std::str::from_utf8(data).map_or_else(
        |_| String::from_utf8_lossy(data),
        std::borrow::Cow::Borrowed,
    )
}

/// Helm's `common.ReadValues`: one YAML document as a map (empty for an empty document).
pub fn read_values(data: &[u8]) -> Result<Map> {
    let text = utf8_text(data);
    crate::yaml::values_document(&text).map_err(|source| Error::ValuesDocument { source })
}

/// Helm's `Values.Table`: the table at a dotted path, or `None` (Helm's `ErrNoTable`) when a
/// step is missing or not a table.
pub fn table(values: &Map, name: &str) -> Option<Map> {
    let mut cur = values.clone();
    for part in name.split('.') {
        match cur.get(part) {
            Some(Value::Map(m)) => cur = m,
            _ => return None,
        }
    }
    Some(cur)
}

/// Helm's `Values.PathValue`: the non-table value at a dotted path, or `None` (Helm's
/// `ErrNoValue`).
pub fn path_value(values: &Map, path: &str) -> Option<Value> {
    if path.is_empty() {
        return None;
    }
    let (table_path, key) = match path.rsplit_once('.') {
        Some((t, k)) => (Some(t), k),
        None => (None, path),
    };
    let t = match table_path {
        None => values.clone(),
        Some(t) => table(values, t)?,
    };
    match t.get(key) {
        Some(Value::Map(_)) | None => None,
        Some(v) => Some(v),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documents_split_at_separator_lines() {
        assert_eq!(
            split_documents("a: 1\n---\nb: 2\n"),
            vec!["a: 1\n", "b: 2\n"]
        );
        assert_eq!(split_documents("---\na: 1\n"), vec!["---\na: 1\n"]);
        assert_eq!(
            split_documents("a: 1\n--- \n---\n"),
            vec!["a: 1\n", "---\n"]
        );
        assert_eq!(split_documents("a: ---x\n"), vec!["a: ---x\n"]);
        assert_eq!(split_documents("a: 1\n----\n"), vec!["a: 1\n----\n"]);
    }

    /// The split looks only at lines that begin with `---`; it must cut where a walk over
    /// every line does, on every text made of such pieces.
    #[test]
    fn documents_split_as_a_walk_over_every_line_does() {
        fn every_line(text: &str) -> Vec<&str> {
            let mut docs = Vec::new();
            let (mut start, mut pos) = (0, 0);
            while pos < text.len() {
                let end = text[pos..].find('\n').map_or(text.len(), |i| pos + i + 1);
                if let Some(after) = text[pos..end].strip_prefix("---")
                    && after.trim_end_matches(crate::gofmt::is_space).is_empty()
                    && pos > start
                {
                    docs.push(&text[start..pos]);
                    start = end;
                }
                pos = end;
            }
            if start < text.len() {
                docs.push(&text[start..]);
            }
            docs
        }
        let pieces = [
            "---", "--- ", "---\t", "----", "a: 1", "-", "\n", "\r\n", " ", "x---", "\u{a0}",
        ];
        let mut seed = 7u64;
        for _ in 0..20_000 {
            let mut text = String::new();
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            for k in 0..(seed >> 60) {
                let pick = (seed >> (k * 4 % 56)) as usize % pieces.len();
                text.push_str(pieces[pick]);
            }
            assert_eq!(split_documents(&text), every_line(&text), "{text:?}");
        }
    }

    #[test]
    fn merge_maps_merges_tables_and_replaces_the_rest() {
        let a = strvals::parse("x.y=1,x.z=2,l={1,2}").unwrap();
        let b = strvals::parse("x.y=3,l={4}").unwrap();
        let m = merge_maps(&a, &b);
        let x = m.get("x").unwrap();
        let x = x.as_map().unwrap();
        assert!(matches!(x.get("y"), Some(Value::Int64(3))));
        assert!(matches!(x.get("z"), Some(Value::Int64(2))));
        assert_eq!(m.get("l").unwrap().as_list().unwrap().len(), 1);
    }

    #[test]
    fn path_value_skips_tables() {
        let v = strvals::parse("a.b.c=1,d=2").unwrap();
        assert!(matches!(path_value(&v, "a.b.c"), Some(Value::Int64(1))));
        assert!(matches!(path_value(&v, "d"), Some(Value::Int64(2))));
        assert!(path_value(&v, "a.b").is_none());
        assert!(path_value(&v, "a.x.c").is_none());
        assert!(path_value(&v, "").is_none());
    }

    #[test]
    fn set_flags_apply_in_helms_order() {
        let opts = Options {
            set_json: vec!["a=[1,2]".into()],
            set: vec!["a[0]=9".into()],
            set_literal: vec!["b=x,y".into()],
            ..Options::default()
        };
        let v = opts.merge_values().unwrap();
        let a = v.get("a").unwrap();
        let a = a.as_list().unwrap();
        assert!(matches!(a[0], Value::Int64(9)));
        assert!(matches!(a[1], Value::Float(f) if f == 2.0));
        assert_eq!(v.get("b").unwrap().as_str(), Some("x,y"));
    }

    #[test]
    fn set_errors_name_the_flag() {
        let opts = Options {
            set: vec!["a".into()],
            ..Options::default()
        };
        let err = opts.merge_values().unwrap_err();
        assert_eq!(
            crate::helm_message(&err),
            "failed parsing --set data: key \"a\" has no value"
        );
        let opts = Options {
            set_json: vec!["a={".into()],
            ..Options::default()
        };
        let err = opts.merge_values().unwrap_err();
        assert_eq!(err.to_string(), "failed parsing --set-json data a={");
    }

    #[test]
    fn missing_files_fail_as_go_open() {
        let opts = Options {
            value_files: vec!["/nonexistent/values.yaml".into()],
            ..Options::default()
        };
        let err = opts.merge_values().unwrap_err();
        assert_eq!(
            crate::helm_message(&err),
            "open /nonexistent/values.yaml: no such file or directory"
        );
        let opts = Options {
            set_file: vec!["a=/nonexistent/x".into()],
            ..Options::default()
        };
        let err = opts.merge_values().unwrap_err();
        assert_eq!(
            crate::helm_message(&err),
            "failed parsing --set-file data: open /nonexistent/x: no such file or directory"
        );
    }

    #[test]
    fn value_files_merge_in_order() {
        let opts = Options {
            value_files: vec!["one".into(), "two".into()],
            ..Options::default()
        };
        let v = opts
            .merge_values_with(&mut |p| {
                Ok(match p {
                    "one" => b"a:\n  b: 1\n  c: 2\n".to_vec(),
                    _ => b"a:\n  b: 3\n---\nd: 4\n".to_vec(),
                })
            })
            .unwrap();
        let a = v.get("a").unwrap();
        let a = a.as_map().unwrap();
        assert!(matches!(a.get("b"), Some(Value::Float(f)) if f == 3.0));
        assert!(matches!(a.get("c"), Some(Value::Float(f)) if f == 2.0));
        assert!(v.contains_key("d"));
    }
}
