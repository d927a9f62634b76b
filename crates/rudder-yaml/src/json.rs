//! JSON as Go's encoding/json writes and reads it: sorted keys, Go's float spelling, HTML
//! escaping, `MarshalIndent`'s layout, and the decoder's error messages.

use std::collections::BTreeMap;

use rudder_value::{List, Map, Value};

use crate::error::{Error, Result};
use crate::gofloat;

/// How [`to_json`] writes.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct JsonOptions {
    /// Escape `<`, `>` and `&` as `\u003c`, `\u003e`, `\u0026` (`json.Marshal` does; Sprig's
    /// `toRawJson` turns it off).
    pub escape_html: bool,
    /// `json.MarshalIndent`'s indent (with an empty prefix); `None` writes compactly.
    pub indent: Option<String>,
}

impl JsonOptions {
    /// `json.Marshal`: compact, HTML-escaped (Helm's `toJson`).
    pub fn marshal() -> Self {
        JsonOptions {
            escape_html: true,
            indent: None,
        }
    }
}

/// Writes `v` as encoding/json does. NaN and infinities fail with
/// `json: unsupported value: NaN` (or `+Inf`, `-Inf`).
pub fn to_json(v: &Value, opts: &JsonOptions) -> Result<String> {
    let mut out = String::new();
    write_value(&mut out, v, opts, 0)?;
    Ok(out)
}

fn newline(out: &mut String, opts: &JsonOptions, depth: usize) {
    if let Some(indent) = &opts.indent {
        out.push('\n');
        for _ in 0..depth {
            out.push_str(indent);
        }
    }
}

fn write_value(out: &mut String, v: &Value, opts: &JsonOptions, depth: usize) -> Result<()> {
    match v {
        Value::Nil => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Int(i) | Value::Int64(i) => out.push_str(&i.to_string()),
        Value::Uint(u) => out.push_str(&u.to_string()),
        Value::Float(f) => {
            let text = gofloat::format_json(*f).ok_or_else(|| Error::JsonUnsupportedValue {
                value: gofloat::format_g(*f, false),
            })?;
            out.push_str(&text);
        }
        Value::String(s) => write_string(out, s, opts.escape_html),
        Value::Bytes(b) => {
            use base64::Engine as _;
            write_string(
                out,
                &base64::engine::general_purpose::STANDARD.encode(b),
                opts.escape_html,
            );
        }
        Value::List(items) => {
            out.push('[');
            if !items.is_empty() {
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    newline(out, opts, depth + 1);
                    stacker::maybe_grow(64 * 1024, 1024 * 1024, || {
                        write_value(out, item, opts, depth + 1)
                    })?;
                }
                newline(out, opts, depth);
            }
            out.push(']');
        }
        Value::Map(m) => {
            out.push('{');
            let entries = m.entries();
            if !entries.is_empty() {
                for (i, (k, item)) in entries.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    newline(out, opts, depth + 1);
                    write_string(out, k, opts.escape_html);
                    out.push(':');
                    if opts.indent.is_some() {
                        out.push(' ');
                    }
                    stacker::maybe_grow(64 * 1024, 1024 * 1024, || {
                        write_value(out, item, opts, depth + 1)
                    })?;
                }
                newline(out, opts, depth);
            }
            out.push('}');
        }
        Value::Object(o) => match o.json_fields() {
            // A struct: fields in declaration order, as encoding/json writes them.
            Some(fields) => {
                out.push('{');
                for (i, (k, item)) in fields.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    newline(out, opts, depth + 1);
                    write_string(out, k, opts.escape_html);
                    out.push(':');
                    if opts.indent.is_some() {
                        out.push(' ');
                    }
                    stacker::maybe_grow(64 * 1024, 1024 * 1024, || {
                        write_value(out, item, opts, depth + 1)
                    })?;
                }
                if !fields.is_empty() {
                    newline(out, opts, depth);
                }
                out.push('}');
            }
            None => write_value(out, &o.to_data(), opts, depth)?,
        },
    }
    Ok(())
}

/// encoding/json's `appendString`.
pub(crate) fn write_string(out: &mut String, s: &str, escape_html: bool) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.push('"');
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '<' | '>' | '&' if escape_html => {
                let b = c as u8;
                out.push_str("\\u00");
                out.push(char::from(HEX[usize::from(b >> 4)]));
                out.push(char::from(HEX[usize::from(b & 0xf)]));
            }
            c if (c as u32) < 0x20 => {
                let b = c as u8;
                out.push_str("\\u00");
                out.push(char::from(HEX[usize::from(b >> 4)]));
                out.push(char::from(HEX[usize::from(b & 0xf)]));
            }
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out.push('"');
}

/// Go's `quoteChar` for scanner errors: `'x'`, `'\''`, `'"'`, `'\n'`.
fn quote_char(c: char) -> String {
    match c {
        '\'' => "'\\''".to_owned(),
        '"' => "'\"'".to_owned(),
        c => {
            let q = go_quote_rune(c);
            format!("'{q}'")
        }
    }
}

/// The inside of `strconv.Quote(string(c))`.
fn go_quote_rune(c: char) -> String {
    match c {
        '\x07' => "\\a".to_owned(),
        '\x08' => "\\b".to_owned(),
        '\x0c' => "\\f".to_owned(),
        '\n' => "\\n".to_owned(),
        '\r' => "\\r".to_owned(),
        '\t' => "\\t".to_owned(),
        '\x0b' => "\\v".to_owned(),
        '\\' => "\\\\".to_owned(),
        c if (c as u32) < 0x20 || c == '\x7f' => format!("\\x{:02x}", c as u32),
        c if c.is_control() || c == '\u{feff}' => {
            if (c as u32) < 0x10000 {
                format!("\\u{:04x}", c as u32)
            } else {
                format!("\\U{:08x}", c as u32)
            }
        }
        c => c.to_string(),
    }
}

/// The Go type JSON is decoded into.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum JsonTarget {
    /// `interface{}`
    Any,
    /// `map[string]interface{}` (`fromJson`)
    Map,
    /// `[]interface{}` (`fromJsonArray`)
    List,
}

struct Reader<'a> {
    s: &'a [u8],
    text: &'a str,
    pos: usize,
    /// The first error that does not stop decoding (a number out of float64's range): Go
    /// stores nil there, goes on, and reports it at the end.
    deferred: Option<Error>,
}

fn syntax(message: String, offset: usize) -> Error {
    Error::Json { message, offset }
}

impl Reader<'_> {
    fn peek(&self) -> Option<u8> {
        self.s.get(self.pos).copied()
    }

    fn char_at(&self, pos: usize) -> char {
        self.text[pos..].chars().next().unwrap_or('\0')
    }

    fn eof(&self) -> Error {
        syntax("unexpected end of JSON input".to_owned(), self.pos)
    }

    fn invalid(&self, context: &str) -> Error {
        // Go's scanner works on bytes: a multi-byte character is reported by its first byte,
        // read as a Latin-1 character (U+FEFF shows as 'ï').
        let byte = self.s.get(self.pos).copied().unwrap_or(0);
        syntax(
            format!(
                "invalid character {} {context}",
                quote_char(char::from(byte))
            ),
            self.pos,
        )
    }

    fn skip_ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.pos += 1;
        }
    }

    fn value(&mut self, depth: usize) -> Result<Value> {
        self.skip_ws();
        if depth > 10_000 {
            return Err(syntax("exceeded max depth".to_owned(), self.pos));
        }
        match self.peek() {
            None => Err(self.eof()),
            Some(b'{') => {
                self.pos += 1;
                let mut map = BTreeMap::new();
                self.skip_ws();
                if self.peek() == Some(b'}') {
                    self.pos += 1;
                    return Ok(Value::Map(Map::from(map)));
                }
                loop {
                    self.skip_ws();
                    match self.peek() {
                        None => return Err(self.eof()),
                        Some(b'"') => {}
                        Some(_) => {
                            return Err(self.invalid("looking for beginning of object key string"));
                        }
                    }
                    let key = self.string()?;
                    self.skip_ws();
                    match self.peek() {
                        None => return Err(self.eof()),
                        Some(b':') => self.pos += 1,
                        Some(_) => return Err(self.invalid("after object key")),
                    }
                    let v = stacker::maybe_grow(64 * 1024, 1024 * 1024, || self.value(depth + 1))?;
                    map.insert(key, v);
                    self.skip_ws();
                    match self.peek() {
                        None => return Err(self.eof()),
                        Some(b',') => self.pos += 1,
                        Some(b'}') => {
                            self.pos += 1;
                            return Ok(Value::Map(Map::from(map)));
                        }
                        Some(_) => return Err(self.invalid("after object key:value pair")),
                    }
                }
            }
            Some(b'[') => {
                self.pos += 1;
                let mut items = Vec::new();
                self.skip_ws();
                if self.peek() == Some(b']') {
                    self.pos += 1;
                    return Ok(Value::List(List::new(items)));
                }
                loop {
                    let v = stacker::maybe_grow(64 * 1024, 1024 * 1024, || self.value(depth + 1))?;
                    items.push(v);
                    self.skip_ws();
                    match self.peek() {
                        None => return Err(self.eof()),
                        Some(b',') => self.pos += 1,
                        Some(b']') => {
                            self.pos += 1;
                            return Ok(Value::List(List::new(items)));
                        }
                        Some(_) => return Err(self.invalid("after array element")),
                    }
                }
            }
            Some(b'"') => Ok(Value::from(self.string()?)),
            Some(b't') => self.literal("true", Value::Bool(true)),
            Some(b'f') => self.literal("false", Value::Bool(false)),
            Some(b'n') => self.literal("null", Value::Nil),
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(_) => Err(self.invalid("looking for beginning of value")),
        }
    }

    fn literal(&mut self, word: &str, v: Value) -> Result<Value> {
        for (i, expected) in word.bytes().enumerate() {
            match self.peek() {
                None => return Err(self.eof()),
                Some(b) if b == expected => self.pos += 1,
                Some(_) => {
                    return Err(self.invalid(&format!(
                        "in literal {word} (expecting {})",
                        quote_char(char::from(word.as_bytes()[i]))
                    )));
                }
            }
        }
        Ok(v)
    }

    fn number(&mut self) -> Result<Value> {
        let start = self.pos;
        if self.peek() == Some(b'-') {
            self.pos += 1;
            match self.peek() {
                None => return Err(self.eof()),
                Some(b'0'..=b'9') => {}
                Some(_) => return Err(self.invalid("in numeric literal")),
            }
        }
        if self.peek() == Some(b'0') {
            self.pos += 1;
        } else {
            while matches!(self.peek(), Some(b'0'..=b'9')) {
                self.pos += 1;
            }
        }
        if self.peek() == Some(b'.') {
            self.pos += 1;
            match self.peek() {
                None => return Err(self.eof()),
                Some(b'0'..=b'9') => {}
                Some(_) => return Err(self.invalid("after decimal point in numeric literal")),
            }
            while matches!(self.peek(), Some(b'0'..=b'9')) {
                self.pos += 1;
            }
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.pos += 1;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.pos += 1;
            }
            match self.peek() {
                None => return Err(self.eof()),
                Some(b'0'..=b'9') => {}
                Some(_) => return Err(self.invalid("in exponent of numeric literal")),
            }
            while matches!(self.peek(), Some(b'0'..=b'9')) {
                self.pos += 1;
            }
        }
        let text = &self.text[start..self.pos];
        let f: f64 = text.parse().unwrap_or(f64::INFINITY);
        if f.is_infinite() {
            if self.deferred.is_none() {
                self.deferred = Some(syntax(
                    format!("json: cannot unmarshal number {text} into Go value of type float64"),
                    start,
                ));
            }
            return Ok(Value::Nil);
        }
        Ok(Value::Float(f))
    }

    fn hex4(&mut self) -> Result<u32> {
        let mut v = 0;
        for _ in 0..4 {
            let Some(b) = self.peek() else {
                return Err(self.eof());
            };
            let Some(d) = char::from(b).to_digit(16) else {
                return Err(self.invalid("in \\u hexadecimal character escape"));
            };
            v = v * 16 + d;
            self.pos += 1;
        }
        Ok(v)
    }

    fn string(&mut self) -> Result<String> {
        // At the opening quote.
        self.pos += 1;
        let mut out = String::new();
        loop {
            let Some(b) = self.peek() else {
                return Err(self.eof());
            };
            match b {
                b'"' => {
                    self.pos += 1;
                    return Ok(out);
                }
                b'\\' => {
                    self.pos += 1;
                    let Some(e) = self.peek() else {
                        return Err(self.eof());
                    };
                    self.pos += 1;
                    match e {
                        b'"' => out.push('"'),
                        b'\\' => out.push('\\'),
                        b'/' => out.push('/'),
                        b'b' => out.push('\u{8}'),
                        b'f' => out.push('\u{c}'),
                        b'n' => out.push('\n'),
                        b'r' => out.push('\r'),
                        b't' => out.push('\t'),
                        b'u' => {
                            let hi = self.hex4()?;
                            let c = if (0xd800..0xdc00).contains(&hi)
                                && self.s.get(self.pos) == Some(&b'\\')
                                && self.s.get(self.pos + 1) == Some(&b'u')
                            {
                                let save = self.pos;
                                self.pos += 2;
                                let lo = self.hex4()?;
                                if (0xdc00..0xe000).contains(&lo) {
                                    char::from_u32(0x10000 + ((hi - 0xd800) << 10) + (lo - 0xdc00))
                                } else {
                                    self.pos = save;
                                    None
                                }
                            } else {
                                char::from_u32(hi)
                            };
                            out.push(c.unwrap_or('\u{fffd}'));
                        }
                        _ => {
                            self.pos -= 1;
                            return Err(self.invalid("in string escape code"));
                        }
                    }
                }
                b if b < 0x20 => return Err(self.invalid("in string literal")),
                _ => {
                    let c = self.char_at(self.pos);
                    out.push(c);
                    self.pos += c.len_utf8();
                }
            }
        }
    }
}

/// Reads JSON as `json.Unmarshal` into the given Go type: numbers are `float64`, later
/// duplicate keys win, and errors carry encoding/json's messages (syntax errors first, then
/// `json: cannot unmarshal array into Go value of type map[string]interface {}`).
pub fn from_json(text: &str, target: JsonTarget) -> Result<Value> {
    match from_json_partial(text, target) {
        (v, None) => Ok(v),
        (_, Some(e)) => Err(e),
    }
}

/// Like [`from_json`], but also returns what Go leaves in the target when decoding fails:
/// [`Value::Nil`] for syntax and top-level type errors, and the decoded document with nil in
/// place of a number out of float64's range (Go goes on decoding after that error).
pub fn from_json_partial(text: &str, target: JsonTarget) -> (Value, Option<Error>) {
    let mut r = Reader {
        s: text.as_bytes(),
        text,
        pos: 0,
        deferred: None,
    };
    let v = match r.value(0) {
        Ok(v) => v,
        Err(e) => return (Value::Nil, Some(e)),
    };
    r.skip_ws();
    if r.peek().is_some() {
        return (Value::Nil, Some(r.invalid("after top-level value")));
    }
    let found = match &v {
        Value::List(_) => "array",
        Value::Map(_) => "object",
        Value::String(_) => "string",
        Value::Bool(_) => "bool",
        Value::Nil => return (v, r.deferred),
        _ => "number",
    };
    let fits = match target {
        JsonTarget::Any => true,
        JsonTarget::Map => found == "object",
        JsonTarget::List => found == "array",
    };
    if fits {
        (v, r.deferred)
    } else {
        let go_type = if target == JsonTarget::Map {
            "map[string]interface {}"
        } else {
            "[]interface {}"
        };
        let err = Error::Json {
            message: format!("json: cannot unmarshal {found} into Go value of type {go_type}"),
            offset: 0,
        };
        (Value::Nil, Some(err))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn compact(v: &Value) -> String {
        to_json(v, &JsonOptions::marshal()).unwrap()
    }

    #[test]
    fn escapes_like_go() {
        assert_eq!(
            compact(&Value::from("<a&b>\u{2028}\n\u{1}\"")),
            r#""\u003ca\u0026b\u003e\u2028\n\u0001\"""#
        );
        let raw = JsonOptions {
            escape_html: false,
            indent: None,
        };
        assert_eq!(to_json(&Value::from("<&>"), &raw).unwrap(), r#""<&>""#);
    }

    #[test]
    fn numbers_like_go() {
        let v = Value::from(vec![
            Value::Float(1e21),
            Value::Float(1e20),
            Value::Float(-0.0),
            Value::Int(7),
        ]);
        assert_eq!(compact(&v), "[1e+21,100000000000000000000,-0,7]");
        assert_eq!(
            to_json(&Value::Float(f64::NAN), &JsonOptions::marshal())
                .unwrap_err()
                .to_string(),
            "json: unsupported value: NaN"
        );
    }

    #[test]
    fn indents_like_marshal_indent() {
        let m = Map::new();
        m.insert("b", Value::from(vec![Value::Int(1)]));
        m.insert("a", Value::Map(Map::new()));
        m.insert("c", Value::from(Vec::new()));
        let opts = JsonOptions {
            escape_html: true,
            indent: Some("  ".to_owned()),
        };
        assert_eq!(
            to_json(&Value::Map(m), &opts).unwrap(),
            "{\n  \"a\": {},\n  \"b\": [\n    1\n  ],\n  \"c\": []\n}"
        );
    }

    #[test]
    fn reads_with_go_errors() {
        let v = from_json(r#"{"a": [1, "x", null, true], "a2": {}}"#, JsonTarget::Map).unwrap();
        assert_eq!(v.as_map().unwrap().keys(), vec!["a", "a2"]);
        let err = |s: &str| from_json(s, JsonTarget::Map).unwrap_err().to_string();
        assert_eq!(err("{"), "unexpected end of JSON input");
        assert_eq!(
            err("{'a'}"),
            "invalid character '\\'' looking for beginning of object key string"
        );
        assert_eq!(
            err("[1]"),
            "json: cannot unmarshal array into Go value of type map[string]interface {}"
        );
        assert_eq!(err("{} x"), "invalid character 'x' after top-level value");
        assert_eq!(err("{\"a\" 1}"), "invalid character '1' after object key");
        assert_eq!(err("tru"), "unexpected end of JSON input");
        assert_eq!(
            err("nul!"),
            "invalid character '!' in literal null (expecting 'l')"
        );
    }

    #[derive(Debug)]
    struct Version;

    impl rudder_value::Object for Version {
        fn type_name(&self) -> &'static str {
            "common.KubeVersion"
        }
        fn member(&self, _name: &str) -> Option<rudder_value::Member> {
            None
        }
        fn go_string(&self) -> String {
            String::new()
        }
        fn json_fields(&self) -> Option<Vec<(String, Value)>> {
            Some(vec![
                ("Version".to_owned(), Value::from("v1")),
                ("Major".to_owned(), Value::from("1")),
            ])
        }
        fn as_any(&self) -> &dyn std::any::Any {
            self
        }
    }

    #[test]
    fn structs_keep_field_order() {
        let v = Value::Object(std::sync::Arc::new(Version));
        assert_eq!(compact(&v), r#"{"Version":"v1","Major":"1"}"#);
    }
}
