//! TOML as Helm's `toToml` and `fromToml` use it: BurntSushi/toml's encoder (`encode.go`:
//! plain keys before tables, keys sorted, nested tables indented by two spaces per level) and
//! a TOML reader into Go-shaped values.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use rudder_value::{List, Map, Value};

use crate::error::{Error, Result};
use crate::gofloat;

const INDENT: &str = "  ";

fn toml_error(message: &str) -> Error {
    Error::Toml {
        message: message.to_owned(),
    }
}

/// BurntSushi's `dblQuotedReplacer`.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\u{8}' => out.push_str("\\b"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\u{c}' => out.push_str("\\f"),
            '\r' => out.push_str("\\r"),
            c if (c as u32) < 0x20 || c == '\u{7f}' => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out
}

fn is_bare(k: &str) -> bool {
    !k.is_empty()
        && k.chars()
            .all(|r| r.is_ascii_alphanumeric() || r == '_' || r == '-')
}

fn quote_key(k: &str) -> String {
    if is_bare(k) {
        k.to_owned()
    } else {
        format!("\"{}\"", escape(k))
    }
}

fn key_string(key: &[String]) -> String {
    key.iter()
        .map(|k| quote_key(k))
        .collect::<Vec<_>>()
        .join(".")
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Nil,
    Hash,
    ArrayHash,
    Other,
}

/// `tomlTypeOfGo`, as far as the encoder's decisions need it. Fails on an array that holds
/// nil (BurntSushi checks every element while classifying).
fn kind_of(v: &Value) -> Result<Kind> {
    Ok(match v {
        Value::Nil => Kind::Nil,
        Value::Map(_) => Kind::Hash,
        Value::Object(o) => kind_of(&o.to_data())?,
        Value::List(items) if !items.is_empty() => {
            let mut all_hash = true;
            for item in items.iter() {
                match kind_of(item)? {
                    Kind::Nil => {
                        return Err(toml_error("toml: cannot encode array with nil element"));
                    }
                    Kind::Hash => {}
                    _ => all_hash = false,
                }
            }
            if all_hash {
                Kind::ArrayHash
            } else {
                Kind::Other
            }
        }
        _ => Kind::Other,
    })
}

struct Encoder {
    out: String,
}

impl Encoder {
    fn newline(&mut self) {
        if !self.out.is_empty() {
            self.out.push('\n');
        }
    }

    fn indent_str(key: &[String]) -> String {
        INDENT.repeat(key.len().saturating_sub(1))
    }

    fn encode(&mut self, key: &mut Vec<String>, v: &Value) -> Result<()> {
        match v {
            Value::Nil => Ok(()),
            Value::Object(o) => self.encode(key, &o.to_data()),
            Value::Map(m) => self.table(key, m),
            Value::List(items) if kind_of(v)? == Kind::ArrayHash => {
                if key.is_empty() {
                    return Err(toml_error(
                        "toml: top-level values must be Go maps or structs",
                    ));
                }
                for item in items.iter() {
                    let Some(m) = as_map(item) else { continue };
                    self.newline();
                    let _ = write!(self.out, "{}[[{}]]", Self::indent_str(key), key_string(key));
                    self.newline();
                    self.map(key, &m, false)?;
                }
                Ok(())
            }
            _ => self.key_value(key, v, false),
        }
    }

    fn table(&mut self, key: &mut Vec<String>, m: &Map) -> Result<()> {
        if key.len() == 1 {
            // An extra newline between top-level tables (none before the first output).
            self.newline();
        }
        if !key.is_empty() {
            let _ = write!(self.out, "{}[{}]", Self::indent_str(key), key_string(key));
            self.newline();
        }
        self.map(key, m, false)
    }

    fn map(&mut self, key: &mut Vec<String>, m: &Map, inline: bool) -> Result<()> {
        let mut direct = Vec::new();
        let mut sub = Vec::new();
        for (k, v) in m.entries() {
            let v = match v {
                Value::Object(o) => o.to_data(),
                other => other,
            };
            if matches!(kind_of(&v)?, Kind::Hash | Kind::ArrayHash) {
                sub.push((k, v));
            } else {
                direct.push((k, v));
            }
        }
        if inline {
            self.out.push('{');
        }
        let has_sub = !sub.is_empty();
        for (group, trail) in [(direct, has_sub), (sub, false)] {
            let len = group.len();
            for (i, (k, v)) in group.into_iter().enumerate() {
                if v.is_nil() {
                    continue;
                }
                if inline {
                    self.out.push_str(&quote_key(&k));
                    self.out.push_str(" = ");
                    self.element(&v)?;
                    if trail || i != len - 1 {
                        self.out.push_str(", ");
                    }
                } else {
                    key.push(k);
                    let r = stacker::maybe_grow(64 * 1024, 1024 * 1024, || self.encode(key, &v));
                    key.pop();
                    r?;
                }
            }
        }
        if inline {
            self.out.push('}');
        }
        Ok(())
    }

    fn key_value(&mut self, key: &[String], v: &Value, inline: bool) -> Result<()> {
        if key.is_empty() {
            return self.element(v);
        }
        self.out.push_str(&Self::indent_str(key));
        self.out.push_str(&quote_key(&key[key.len() - 1]));
        self.out.push_str(" = ");
        self.element(v)?;
        if !inline {
            self.newline();
        }
        Ok(())
    }

    fn element(&mut self, v: &Value) -> Result<()> {
        match v {
            Value::Nil => {
                return Err(toml_error(
                    "reflect: call of reflect.Value.Interface on zero Value",
                ));
            }
            Value::Bool(b) => self.out.push_str(if *b { "true" } else { "false" }),
            Value::Int(i) | Value::Int64(i) => self.out.push_str(&i.to_string()),
            Value::Uint(u) => self.out.push_str(&u.to_string()),
            Value::Float(f) => {
                if f.is_nan() {
                    if f.is_sign_negative() {
                        self.out.push('-');
                    }
                    self.out.push_str("nan");
                } else if f.is_infinite() {
                    self.out.push_str(if *f < 0.0 { "-inf" } else { "inf" });
                } else {
                    let s = gofloat::format_g(*f, false);
                    self.out.push_str(&s);
                    if !s.contains(['e', '.']) {
                        self.out.push_str(".0");
                    }
                }
            }
            Value::String(s) => {
                self.out.push('"');
                self.out.push_str(&escape(s));
                self.out.push('"');
            }
            Value::Bytes(b) => {
                let items: Vec<Value> = b.iter().map(|x| Value::Uint(u64::from(*x))).collect();
                self.element(&Value::List(List::new(items)))?;
            }
            Value::List(items) => {
                self.out.push('[');
                for (i, item) in items.iter().enumerate() {
                    stacker::maybe_grow(64 * 1024, 1024 * 1024, || self.element(item))?;
                    if i != items.len() - 1 {
                        self.out.push_str(", ");
                    }
                }
                self.out.push(']');
            }
            Value::Map(m) => self.map(&mut Vec::new(), m, true)?,
            Value::Object(o) => self.element(&o.to_data())?,
        }
        Ok(())
    }
}

fn as_map(v: &Value) -> Option<Map> {
    match v {
        Value::Map(m) => Some(m.clone()),
        Value::Object(o) => as_map(&o.to_data()),
        _ => None,
    }
}

/// Writes `v` as BurntSushi/toml's `Encoder.Encode` (Helm's `toToml`). Errors carry
/// BurntSushi's messages (`toml: cannot encode array with nil element`); Helm's `toToml`
/// prints them in place of the document, except [`Error::TomlPanic`] (a nil document), where
/// Go's encoder panics and the template fails.
pub fn to_toml(v: &Value) -> Result<String> {
    if v.is_nil() {
        // Go's encoder calls reflect.Value.Type on the invalid value of a nil interface and
        // panics; the template engine reports the panic as the function's error.
        return Err(Error::TomlPanic {
            message: "reflect: call of reflect.Value.Type on zero Value".to_owned(),
        });
    }
    let mut enc = Encoder { out: String::new() };
    enc.encode(&mut Vec::new(), v)?;
    Ok(enc.out)
}

fn from_toml_value(v: toml::Value) -> Value {
    match v {
        toml::Value::String(s) => Value::from(s),
        toml::Value::Integer(i) => Value::Int64(i),
        toml::Value::Float(f) => Value::Float(f),
        toml::Value::Boolean(b) => Value::Bool(b),
        // BurntSushi decodes datetimes to time.Time; they are kept as their TOML text here.
        toml::Value::Datetime(d) => Value::from(d.to_string()),
        toml::Value::Array(items) => {
            Value::List(List::new(items.into_iter().map(from_toml_value).collect()))
        }
        toml::Value::Table(t) => Value::Map(Map::from(
            t.into_iter()
                .map(|(k, v)| (k, from_toml_value(v)))
                .collect::<BTreeMap<_, _>>(),
        )),
    }
}

/// Reads a TOML document into a `map[string]interface{}` as Helm's `fromToml` does:
/// integers are `int64`, floats `float64`, tables maps.
pub fn from_toml(text: &str) -> Result<Value> {
    let table: toml::Table = text.parse().map_err(|e: toml::de::Error| {
        // BurntSushi's ParseError prints `toml: line N: message`; the message itself is the
        // toml crate's, not BurntSushi's wording.
        let line = e.span().map_or(1, |span| {
            text.get(..span.start).unwrap_or(text).matches('\n').count() + 1
        });
        Error::Toml {
            message: format!("toml: line {line}: {}", e.message()),
        }
    })?;
    Ok(from_toml_value(toml::Value::Table(table)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map(entries: Vec<(&str, Value)>) -> Value {
        let m = Map::new();
        for (k, v) in entries {
            m.insert(k, v);
        }
        Value::Map(m)
    }

    #[test]
    fn plain_keys_before_tables_with_indented_bodies() {
        let v = map(vec![
            ("z", Value::Int(1)),
            (
                "t",
                map(vec![
                    ("b", Value::Float(1.0)),
                    ("inner", map(vec![("x", Value::from("y"))])),
                ]),
            ),
            ("a b", Value::Bool(true)),
        ]);
        assert_eq!(
            to_toml(&v).unwrap(),
            "\"a b\" = true\nz = 1\n\n[t]\n  b = 1.0\n  [t.inner]\n    x = \"y\"\n"
        );
    }

    #[test]
    fn arrays_of_tables_and_inline_maps() {
        let v = map(vec![
            (
                "l",
                Value::from(vec![
                    map(vec![("a", Value::Int(1))]),
                    map(vec![("a", Value::Int(2))]),
                ]),
            ),
            (
                "m",
                Value::from(vec![Value::from(vec![map(vec![("k", Value::from("v"))])])]),
            ),
        ]);
        assert_eq!(
            to_toml(&v).unwrap(),
            "m = [[{k = \"v\"}]]\n\n[[l]]\n  a = 1\n\n[[l]]\n  a = 2\n"
        );
        let bad = map(vec![("l", Value::from(vec![Value::Nil]))]);
        assert_eq!(
            to_toml(&bad).unwrap_err().to_string(),
            "toml: cannot encode array with nil element"
        );
    }

    #[test]
    fn reads_go_types() {
        let v = from_toml("a = 1\nb = 1.5\n[t]\nc = \"x\"\n").unwrap();
        let m = v.as_map().unwrap();
        assert!(matches!(m.get("a"), Some(Value::Int64(1))));
        assert!(matches!(m.get("t"), Some(Value::Map(_))));
    }
}
