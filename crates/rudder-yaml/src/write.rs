//! Writing YAML as Helm's `toYaml` does (`sigs.k8s.io/yaml.Marshal`: `json.Marshal`, then
//! go-yaml v2 reads the JSON back and writes it), and as `toYamlPretty` does (go-yaml v3's
//! encoder with an indent of 2, straight from the Go values).

use std::cmp::Ordering;

use rudder_value::Value;

use crate::emit::{Emitter, Flavor, Node, Style};
use crate::error::{Error, Result};
use crate::gofloat;
use crate::json::{JsonOptions, to_json};
use crate::read::{Go, GoKey, decode_go};
use crate::resolve::{Resolved, is_base60_float, resolve_plain};

/// go-yaml v2's key order (`sorter.go`): letters compare by code point, and runs of digits
/// compare by their numeric value, so `a2` sorts before `a10`.
pub(crate) fn key_less(a: &str, b: &str) -> Ordering {
    key_order(a, b, false)
}

/// go-yaml's key order; v3 sorts a letter after a non-letter when the characters before them
/// were an equal digit (`1a` after `1_`).
fn key_order(a: &str, b: &str, v3: bool) -> Ordering {
    let ar: Vec<char> = a.chars().collect();
    let br: Vec<char> = b.chars().collect();
    let is_digit = |c: char| c.is_ascii_digit() || (!c.is_ascii() && c.is_numeric());
    let digit_value = |c: char| i64::from(c as u32) - i64::from(b'0');
    let mut digits = false;
    for i in 0..ar.len().min(br.len()) {
        if ar[i] == br[i] {
            digits = is_digit(ar[i]);
            continue;
        }
        let al = ar[i].is_alphabetic();
        let bl = br[i].is_alphabetic();
        if al && bl {
            return ar[i].cmp(&br[i]);
        }
        if al || bl {
            let a_first = if v3 && digits { al } else { bl };
            return if a_first {
                Ordering::Less
            } else {
                Ordering::Greater
            };
        }
        let mut an: i64 = 0;
        let mut bn: i64 = 0;
        if ar[i] == '0' || br[i] == '0' {
            let mut j = i;
            while j > 0 && is_digit(ar[j - 1]) {
                j -= 1;
                if ar[j] != '0' {
                    an = 1;
                    bn = 1;
                    break;
                }
            }
        }
        let mut ai = i;
        while ai < ar.len() && is_digit(ar[ai]) {
            an = an.wrapping_mul(10).wrapping_add(digit_value(ar[ai]));
            ai += 1;
        }
        let mut bi = i;
        while bi < br.len() && is_digit(br[bi]) {
            bn = bn.wrapping_mul(10).wrapping_add(digit_value(br[bi]));
            bi += 1;
        }
        if an != bn {
            return an.cmp(&bn);
        }
        if ai != bi {
            return ai.cmp(&bi);
        }
        return ar[i].cmp(&br[i]);
    }
    ar.len().cmp(&br.len())
}

fn sorted_entries_v3(m: &rudder_value::Map) -> Vec<(String, Value)> {
    let mut entries = m.entries();
    entries.sort_by(|(a, _), (b, _)| key_order(a, b, true));
    entries
}

/// go-yaml v2's `stringv`: plain when the text reads back as the same string, a literal
/// block when it has a newline, double quotes otherwise.
fn string_node_v2(s: &str) -> Node {
    let can_use_plain = resolve_plain(s) == Resolved::Str && !is_base60_float(s);
    let style = if s.contains('\n') {
        Style::Literal
    } else if can_use_plain {
        Style::Plain
    } else {
        Style::DoubleQuoted
    };
    Node::Scalar(s.to_owned(), style)
}

fn plain(s: String) -> Node {
    Node::Scalar(s, Style::Plain)
}

fn float_v2(f: f64) -> String {
    match gofloat::format_g(f, false).as_str() {
        "+Inf" => ".inf".to_owned(),
        "-Inf" => "-.inf".to_owned(),
        "NaN" => ".nan".to_owned(),
        s => s.to_owned(),
    }
}

fn key_text(k: &GoKey) -> String {
    match k {
        GoKey::Str(s) => s.clone(),
        GoKey::Nil => "null".to_owned(),
        GoKey::Bool(b) => b.to_string(),
        GoKey::Int(i) => i.to_string(),
        GoKey::Uint(u) => u.to_string(),
        GoKey::Float(bits) => float_v2(f64::from_bits(*bits)),
    }
}

/// go-yaml v2's encoder over what it decoded from the JSON text.
fn go_to_node(v: &Go) -> Node {
    match v {
        Go::Nil => plain("null".to_owned()),
        Go::Bool(b) => plain(b.to_string()),
        Go::Int(i) => plain(i.to_string()),
        Go::Uint(u) => plain(u.to_string()),
        Go::Float(f) => plain(float_v2(*f)),
        Go::Str(s) => string_node_v2(s),
        Go::Seq(items) => Node::Seq(
            items
                .iter()
                .map(|item| stacker::maybe_grow(64 * 1024, 1024 * 1024, || go_to_node(item)))
                .collect(),
        ),
        Go::Map(m) => {
            let mut entries: Vec<(String, &Go)> = m.iter().map(|(k, v)| (key_text(k), v)).collect();
            entries.sort_by(|(a, _), (b, _)| key_less(a, b));
            Node::Map(
                entries
                    .into_iter()
                    .map(|(k, v)| {
                        (
                            string_node_v2(&k),
                            stacker::maybe_grow(64 * 1024, 1024 * 1024, || go_to_node(v)),
                        )
                    })
                    .collect(),
            )
        }
    }
}

/// Helm's `toYaml` before its `TrimSuffix("\n")`: `sigs.k8s.io/yaml.Marshal(v)`, which
/// writes JSON with `json.Marshal`, reads it back with go-yaml v2 and writes that as YAML.
///
/// Both steps can fail as in Go: `json.Marshal` on NaN and infinities (`error marshaling
/// into JSON: json: unsupported value: NaN`), and go-yaml's reader on characters it refuses
/// in the JSON text (`yaml: control characters are not allowed` for U+007F..U+009F). go-yaml
/// also folds U+0085 (a YAML 1.1 line break) inside the JSON strings, as Helm does.
pub fn to_yaml(v: &Value) -> Result<String> {
    let json = to_json(v, &JsonOptions::marshal()).map_err(|e| Error::MarshalJson(Box::new(e)))?;
    let go = decode_go(&json).map_err(|e| {
        let text = e.to_string();
        Error::JsonToYaml {
            message: text
                .strip_prefix("error converting YAML to JSON: ")
                .unwrap_or(&text)
                .to_owned(),
        }
    })?;
    let node = go_to_node(&go.unwrap_or(Go::Nil));
    Ok(Emitter::new(Flavor::V2).document(&node))
}

/// go-yaml v3's `isOldBool`: YAML 1.1 booleans that v3 reads as strings but still quotes.
fn is_old_bool(s: &str) -> bool {
    matches!(
        s,
        "y" | "Y"
            | "yes"
            | "Yes"
            | "YES"
            | "on"
            | "On"
            | "ON"
            | "n"
            | "N"
            | "no"
            | "No"
            | "NO"
            | "off"
            | "Off"
            | "OFF"
    )
}

/// go-yaml v3's plain-scalar resolution, as far as `stringv` needs it: whether the text
/// would read back as something other than a string.
fn v3_resolves_to_non_string(s: &str) -> bool {
    match resolve_plain(s) {
        Resolved::Str => false,
        // v3 reads only true/false as booleans, and no longer reads "<<" as a string.
        Resolved::Bool(_) => matches!(s, "true" | "True" | "TRUE" | "false" | "False" | "FALSE"),
        Resolved::Merge => true,
        _ => true,
    }
}

fn string_node_v3(s: &str) -> Node {
    let can_use_plain = !v3_resolves_to_non_string(s) && !is_base60_float(s) && !is_old_bool(s);
    let style = if s.contains('\n') {
        Style::Literal
    } else if can_use_plain {
        Style::Plain
    } else {
        Style::DoubleQuoted
    };
    Node::Scalar(s.to_owned(), style)
}

fn to_node_v3(v: &Value) -> Node {
    match v {
        Value::Nil => plain("null".to_owned()),
        Value::Bool(b) => plain(b.to_string()),
        Value::Int(i) | Value::Int64(i) => plain(i.to_string()),
        Value::Uint(u) => plain(u.to_string()),
        Value::Float(f) => plain(float_v2(*f)),
        Value::String(s) => string_node_v3(s),
        Value::Bytes(b) => Node::Seq(b.iter().map(|byte| plain(byte.to_string())).collect()),
        Value::List(items) => Node::Seq(
            items
                .iter()
                .map(|item| stacker::maybe_grow(64 * 1024, 1024 * 1024, || to_node_v3(item)))
                .collect(),
        ),
        Value::Map(m) => Node::Map(
            sorted_entries_v3(m)
                .iter()
                .map(|(k, v)| {
                    (
                        string_node_v3(k),
                        stacker::maybe_grow(64 * 1024, 1024 * 1024, || to_node_v3(v)),
                    )
                })
                .collect(),
        ),
        Value::Object(o) => to_node_v3(&o.to_data()),
    }
}

/// Helm's `toYamlPretty` before its `TrimSuffix("\n")`: go-yaml v3's encoder with
/// `SetIndent(2)` on the Go values themselves (no JSON step: `1e6` stays a float and prints
/// `1e+06`; lists are indented under their key; long lines are not folded).
pub fn to_yaml_pretty(v: &Value) -> String {
    Emitter::new(Flavor::V3).document(&to_node_v3(v))
}

#[cfg(test)]
mod tests {
    use super::*;
    use rudder_value::Map;

    fn map(entries: &[(&str, Value)]) -> Value {
        let m = Map::new();
        for (k, v) in entries {
            m.insert(*k, v.clone());
        }
        Value::Map(m)
    }

    #[test]
    fn keys_sort_naturally() {
        let mut keys = vec!["a10", "a2", "b", "A", "1", "_x"];
        keys.sort_by(|a, b| key_less(a, b));
        assert_eq!(keys, vec!["_x", "1", "A", "a2", "a10", "b"]);
    }

    #[test]
    fn nested_documents() {
        let v = map(&[
            (
                "list",
                Value::from(vec![Value::from("a"), Value::from("yes")]),
            ),
            ("empty", Value::Map(Map::new())),
            ("n", Value::Float(1e6)),
            ("f", Value::Float(1.5)),
            ("s", Value::from("line1\nline2")),
            ("nil", Value::Nil),
        ]);
        assert_eq!(
            to_yaml(&v).unwrap(),
            "empty: {}\nf: 1.5\nlist:\n- a\n- \"yes\"\n\"n\": 1000000\nnil: null\ns: |-\n  line1\n  line2\n"
        );
    }

    #[test]
    fn quoting_follows_go_yaml() {
        let cases = [
            ("", "\"\""),
            ("1.0", "\"1.0\""),
            ("a: b", "'a: b'"),
            ("- x", "'- x'"),
            (" lead", "' lead'"),
            ("it's", "it's"),
            ("#x", "'#x'"),
            ("a #b", "'a #b'"),
            ("tab\there", "\"tab\\there\""),
            ("😀", "\"\\U0001F600\""),
            ("é", "é"),
            ("12:30", "\"12:30\""),
            ("2001-12-14", "\"2001-12-14\""),
        ];
        for (input, want) in cases {
            assert_eq!(
                to_yaml(&Value::from(input)).unwrap(),
                format!("{want}\n"),
                "{input:?}"
            );
        }
    }

    #[test]
    fn long_plain_lines_fold_at_80_columns() {
        let words = vec!["word"; 30].join(" ");
        let out = to_yaml(&map(&[("k", Value::from(words))])).unwrap();
        assert!(out.lines().count() > 1);
        assert!(out.lines().nth(1).unwrap().starts_with("  word"));
    }

    #[test]
    fn nan_is_a_json_error() {
        assert_eq!(
            to_yaml(&Value::Float(f64::NAN)).unwrap_err().to_string(),
            "error marshaling into JSON: json: unsupported value: NaN"
        );
    }

    #[test]
    fn pretty_indents_lists_and_keeps_floats() {
        let v = map(&[
            ("l", Value::from(vec![Value::from("a")])),
            ("n", Value::Float(1e6)),
        ]);
        assert_eq!(to_yaml_pretty(&v), "l:\n  - a\n\"n\": 1e+06\n");
    }

    fn same(a: &Value, b: &Value) -> bool {
        match (a, b) {
            (Value::Nil, Value::Nil) => true,
            (Value::Bool(x), Value::Bool(y)) => x == y,
            (Value::Float(x), Value::Float(y)) => x == y,
            (Value::String(x), Value::String(y)) => x == y,
            (Value::List(x), Value::List(y)) => {
                x.len() == y.len() && x.iter().zip(y.iter()).all(|(a, b)| same(a, b))
            }
            (Value::Map(x), Value::Map(y)) => {
                let (x, y) = (x.entries(), y.entries());
                x.len() == y.len()
                    && x.iter()
                        .zip(y.iter())
                        .all(|((ka, va), (kb, vb))| ka == kb && same(va, vb))
            }
            _ => false,
        }
    }

    /// go-yaml writes a "<<" key plain, so it reads back as a merge key; that is left out.
    #[test]
    fn written_strings_read_back() {
        let long = "word ".repeat(40);
        let strings = [
            "",
            " ",
            "yes",
            "no",
            "on",
            "~",
            "null",
            "1",
            "1.0",
            "0x1F",
            "0755",
            "1e3",
            ".inf",
            "12:30",
            "2001-12-14",
            "a: b",
            "- x",
            "---",
            "...",
            "? x",
            "#x",
            "a #b",
            "[a]",
            "{a}",
            "&a",
            "*a",
            "!a",
            "|a",
            ">a",
            "'a'",
            "\"a\"",
            "%a",
            "@a",
            "`a",
            "it's",
            " lead",
            "trail ",
            "tab\there",
            "a\nb",
            "a\nb\n",
            "a\nb\n\n",
            "\n",
            "\na",
            "a \nb",
            "a\n b",
            "a\r\nb",
            "é",
            "日本語",
            "😀",
            "\u{2028}",
            "\u{a0}x",
            "\u{feff}bom",
            "nul\u{0}",
            &long,
            long.trim_end(),
            "a\n  b\n",
            "\ta\nb",
        ];
        for s in strings {
            let v = map(&[
                ("k", Value::from(s)),
                (
                    s,
                    Value::from(vec![Value::from(s), map(&[(s, Value::Float(1.5))])]),
                ),
            ]);
            let written = to_yaml(&v).unwrap();
            let read = crate::from_yaml(&written).unwrap();
            assert!(same(&v, &read), "{s:?} written as {written:?}");
        }
    }
}
