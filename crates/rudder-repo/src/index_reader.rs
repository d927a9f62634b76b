//! A fast reader for `index.yaml` as Helm writes it (go-yaml's block style: mappings,
//! sequences at their key's indentation, plain, quoted and literal scalars, long plain
//! scalars folded onto further lines). A repository index is megabytes of that one shape
//! (Bitnami's: about 15,000 chart versions), and reading it through the general YAML reader
//! (libyaml events, then the go-yaml resolver) dominated `repo update` and `search repo`.
//!
//! The reader only accepts what it can read exactly as [`rudder_yaml::from_yaml`] would:
//! anything else (comments, anchors, tags, flow collections, folded or indented block
//! scalars, multi-line quoted scalars, duplicate or non-string keys) returns `None` and the
//! caller uses the general reader. Plain scalars that are not obviously strings (numbers,
//! booleans, nulls, timestamps, anything starting with a digit or a sign) are resolved by
//! the general reader one scalar at a time, so YAML 1.1 typing stays the general reader's.

use rudder_value::{List, Map, Value};

struct Line<'a> {
    indent: usize,
    text: &'a str,
    /// The whole line, indentation included.
    raw: &'a str,
}

/// Reads `text` as the general reader would, or `None` when it is outside the subset.
pub(crate) fn read(text: &str) -> Option<Value> {
    // Tabs are whitespace in some places and content in others; Helm never writes one raw.
    if text.contains('\t') {
        return None;
    }
    let mut lines = Vec::with_capacity(text.len() / 24);
    for raw in text.split('\n') {
        let raw = raw.strip_suffix('\r').unwrap_or(raw);
        let trimmed = raw.trim_start_matches(' ');
        if trimmed.starts_with('\t') {
            return None;
        }
        lines.push(Line {
            indent: raw.len() - trimmed.len(),
            text: trimmed,
            raw,
        });
    }
    let mut r = Reader { lines, pos: 0 };
    r.skip_blank();
    if r.pos >= r.lines.len() {
        return None;
    }
    let first = r.lines[r.pos].text;
    if first.starts_with("---") || first.starts_with('%') {
        return None;
    }
    let indent = r.lines[r.pos].indent;
    let v = r.node(indent)?;
    r.skip_blank();
    (r.pos >= r.lines.len()).then_some(v)
}

struct Reader<'a> {
    lines: Vec<Line<'a>>,
    pos: usize,
}

fn is_seq_item(text: &str) -> bool {
    text == "-" || text.starts_with("- ")
}

impl Reader<'_> {
    fn skip_blank(&mut self) {
        while self.pos < self.lines.len() && self.lines[self.pos].text.is_empty() {
            self.pos += 1;
        }
    }

    /// The block node whose first line is at `pos`, indented by `indent`.
    fn node(&mut self, indent: usize) -> Option<Value> {
        let line = &self.lines[self.pos];
        if line.indent != indent {
            return None;
        }
        if is_seq_item(line.text) {
            self.sequence(indent)
        } else {
            self.mapping(indent)
        }
    }

    fn sequence(&mut self, indent: usize) -> Option<Value> {
        let mut items = Vec::new();
        loop {
            self.skip_blank();
            if self.pos >= self.lines.len() {
                break;
            }
            let line = &self.lines[self.pos];
            // A key at the sequence's own indentation ends it (go-yaml's layout).
            if line.indent < indent || (line.indent == indent && !is_seq_item(line.text)) {
                break;
            }
            if line.indent > indent {
                return None;
            }
            let rest = line.text[1..].trim_start_matches(' ');
            if rest.is_empty() {
                self.pos += 1;
                self.skip_blank();
                if self.pos >= self.lines.len() || self.lines[self.pos].indent <= indent {
                    items.push(Value::Nil);
                    continue;
                }
                let child = self.lines[self.pos].indent;
                items.push(self.node(child)?);
                continue;
            }
            if is_seq_item(rest) {
                return None;
            }
            let col = indent + (line.text.len() - rest.len());
            if find_key(rest).is_some() {
                // `- key: value` starts a mapping at the key's column.
                let raw = self.lines[self.pos].raw;
                self.lines[self.pos] = Line {
                    indent: col,
                    text: rest,
                    raw,
                };
                items.push(self.mapping(col)?);
            } else {
                self.pos += 1;
                items.push(self.scalar(rest, indent)?);
            }
        }
        Some(Value::List(List::new(items)))
    }

    fn mapping(&mut self, indent: usize) -> Option<Value> {
        let map = Map::new();
        loop {
            self.skip_blank();
            if self.pos >= self.lines.len() {
                break;
            }
            let line = &self.lines[self.pos];
            if line.indent < indent {
                break;
            }
            if line.indent > indent || is_seq_item(line.text) {
                // A sequence at the key's own indentation ends the mapping only when it
                // belongs to the key above, which `value` consumed.
                return None;
            }
            let text = line.text;
            let (key, rest) = find_key(text)?;
            let key = match key.strip_prefix('\u{0}') {
                Some(quoted) => quoted.to_owned(),
                None if simple_key(&key) => key.into_owned(),
                None => return None,
            };
            self.pos += 1;
            let value = if rest.is_empty() {
                self.skip_blank();
                match self.lines.get(self.pos) {
                    Some(next) if next.indent > indent => {
                        let child = next.indent;
                        self.node(child)?
                    }
                    // go-yaml writes a mapping's sequences at the key's indentation.
                    Some(next) if next.indent == indent && is_seq_item(next.text) => {
                        self.sequence(indent)?
                    }
                    _ => Value::Nil,
                }
            } else {
                self.scalar(rest, indent)?
            };
            if map.insert(key, value).is_some() {
                return None;
            }
        }
        Some(Value::Map(map))
    }

    /// A scalar starting with `first` (its line already consumed); continuation lines are
    /// those indented deeper than `parent`.
    fn scalar(&mut self, first: &str, parent: usize) -> Option<Value> {
        match first.as_bytes()[0] {
            b'"' => {
                let s = double_quoted(first)?;
                self.no_continuation(parent)?;
                Some(Value::from(s))
            }
            b'\'' => {
                let inner = first.strip_prefix('\'')?.strip_suffix('\'')?;
                if inner.replace("''", "").contains('\'') {
                    return None;
                }
                self.no_continuation(parent)?;
                Some(Value::from(inner.replace("''", "'")))
            }
            b'|' => self.literal(first, parent),
            b'[' if first == "[]" => {
                self.no_continuation(parent)?;
                Some(Value::List(List::new(Vec::new())))
            }
            b'{' if first == "{}" => {
                self.no_continuation(parent)?;
                Some(Value::Map(Map::new()))
            }
            b'[' | b'{' | b'>' | b'&' | b'*' | b'!' | b'%' | b'@' | b'`' | b'#' | b',' | b'?' => {
                None
            }
            _ => self.plain(first, parent),
        }
    }

    fn no_continuation(&mut self, parent: usize) -> Option<()> {
        match self.lines.get(self.pos) {
            Some(next) if !next.text.is_empty() && next.indent > parent => None,
            _ => Some(()),
        }
    }

    fn plain(&mut self, first: &str, parent: usize) -> Option<Value> {
        if first.contains(" #") || first.ends_with(':') || first.contains(": ") {
            return None;
        }
        // `-`, `?` and `:` followed by a space (or alone) are indicators, not text.
        if let [b'-' | b'?' | b':', rest @ ..] = first.as_bytes()
            && (rest.is_empty() || rest[0] == b' ')
        {
            return None;
        }
        let mut text = first.trim_end_matches(' ').to_owned();
        let mut multi = false;
        // Folded continuation lines: a line break is a space, each empty line a newline.
        let mut blanks = 0;
        let mut look = self.pos;
        while let Some(next) = self.lines.get(look) {
            if next.text.is_empty() {
                blanks += 1;
                look += 1;
                continue;
            }
            if next.indent <= parent {
                break;
            }
            let t = next.text.trim_end_matches(' ');
            if t.contains(" #") || t.contains(": ") || t.ends_with(':') || t.starts_with('#') {
                return None;
            }
            if blanks == 0 {
                text.push(' ');
            } else {
                for _ in 0..blanks {
                    text.push('\n');
                }
            }
            text.push_str(t);
            blanks = 0;
            multi = true;
            look += 1;
            self.pos = look;
        }
        if obviously_string(&text) || digits_but_string(&text) {
            return Some(Value::from(text));
        }
        if multi {
            return None;
        }
        // Numbers, booleans, nulls, timestamps: the general reader decides.
        rudder_yaml::from_yaml(&text).ok()
    }

    fn literal(&mut self, header: &str, parent: usize) -> Option<Value> {
        let chomp = match header {
            "|" => 'c',
            "|-" => 's',
            "|+" => 'k',
            _ => return None,
        };
        let mut content: Vec<&str> = Vec::new();
        let mut block_indent = None;
        while let Some(next) = self.lines.get(self.pos) {
            if next.text.is_empty() {
                // An empty line inside the block (or trailing); spaces beyond the block's
                // indentation on an otherwise empty line are content we do not model.
                if next.indent > block_indent.unwrap_or(usize::MAX) {
                    return None;
                }
                content.push("");
                self.pos += 1;
                continue;
            }
            let bi = *block_indent.get_or_insert(next.indent);
            if next.indent <= parent {
                break;
            }
            if next.indent < bi {
                return None;
            }
            if bi <= parent {
                return None;
            }
            // Deeper indentation is content.
            content.push(next.raw.get(bi..)?);
            self.pos += 1;
        }
        block_indent?;
        // Trailing empty lines belong to the block only for `|+`; the reader stays after
        // the last content line either way, so the next key sees them as blank.
        let mut trailing = 0;
        while content.last() == Some(&"") {
            content.pop();
            trailing += 1;
        }
        let mut s = content.join("\n");
        match chomp {
            's' => {}
            'c' => {
                if !content.is_empty() {
                    s.push('\n');
                }
            }
            _ => {
                s.push('\n');
                for _ in 0..trailing {
                    s.push('\n');
                }
            }
        }
        Some(Value::from(s))
    }
}

/// `key: rest` or `key:` at the end; `None` when the line is not a plain mapping entry.
/// A quoted key is returned unquoted, with `quoted` set.
fn find_key(text: &str) -> Option<(std::borrow::Cow<'_, str>, &str)> {
    use std::borrow::Cow;
    if let Some(q @ ('"' | '\'')) = text.chars().next() {
        let close = text[1..].find(q)? + 1;
        let quoted = &text[..=close];
        let after = &text[close + 1..];
        let rest = if after == ":" {
            ""
        } else {
            after.strip_prefix(": ")?.trim_start_matches(' ')
        };
        let key = if q == '"' {
            double_quoted(quoted)?
        } else {
            let inner = &quoted[1..quoted.len() - 1];
            if inner.is_empty() {
                return None;
            }
            inner.to_owned()
        };
        // A quoted key is a string whatever it spells; mark it so `simple_key` accepts it.
        return Some((Cow::Owned(format!("\u{0}{key}")), rest));
    }
    if text.starts_with(['?', '&', '*', '!', '[', '{', '#', '|', '>']) {
        return None;
    }
    if let Some(k) = text.strip_suffix(':')
        && !k.contains(": ")
    {
        return Some((Cow::Borrowed(k), ""));
    }
    let i = text.find(": ")?;
    Some((
        Cow::Borrowed(&text[..i]),
        text[i + 2..].trim_start_matches(' '),
    ))
}

/// A key go-yaml reads as that same string.
fn simple_key(key: &str) -> bool {
    !key.is_empty() && !key.ends_with(' ') && !key.contains(" #") && obviously_string(key)
}

/// Plain text that YAML 1.1 reads as a string whatever its details: it starts with a letter
/// or `/`, and is not one of the words go-yaml reads as a boolean or null.
fn obviously_string(s: &str) -> bool {
    let Some(c) = s.chars().next() else {
        return false;
    };
    if !(c.is_ascii_alphabetic() || c == '/' || c == '_') {
        return false;
    }
    !matches!(
        s,
        "y" | "Y"
            | "yes"
            | "Yes"
            | "YES"
            | "n"
            | "N"
            | "no"
            | "No"
            | "NO"
            | "true"
            | "True"
            | "TRUE"
            | "false"
            | "False"
            | "FALSE"
            | "on"
            | "On"
            | "ON"
            | "off"
            | "Off"
            | "OFF"
            | "null"
            | "Null"
            | "NULL"
            | ".inf"
            | ".nan"
    )
}

/// Text starting with a digit that go-yaml still reads as a string: it holds a letter no
/// number or timestamp can hold (`sha256` digests, `1.2.3-rc.1`), or it is digits with two
/// or more dots (`1.16.0`: neither an integer, a float nor a timestamp).
fn digits_but_string(s: &str) -> bool {
    // Letters of `0x1F`, `0o17`, `0b101`, `1e5`, `0x1p-2` and timestamps (`t`, `z`).
    const NUMERIC: &[u8] = b"eExXoObBpPtTzZ";
    if !s.starts_with(|c: char| c.is_ascii_digit()) || s.starts_with("0x") || s.starts_with("0X") {
        return false;
    }
    if s.bytes()
        .any(|b| b.is_ascii_alphabetic() && !NUMERIC.contains(&b))
    {
        return true;
    }
    s.bytes().all(|b| b.is_ascii_digit() || b == b'.')
        && s.bytes().filter(|&b| b == b'.').count() >= 2
}

/// A one-line double-quoted scalar with the common escapes; `None` for anything else.
fn double_quoted(s: &str) -> Option<String> {
    let inner = s.strip_prefix('"')?.strip_suffix('"')?;
    if !inner.contains(['\\', '"']) {
        return Some(inner.to_owned());
    }
    let mut out = String::with_capacity(inner.len());
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        match c {
            '"' => return None,
            '\\' => match chars.next()? {
                '"' => out.push('"'),
                '\\' => out.push('\\'),
                '/' => out.push('/'),
                'n' => out.push('\n'),
                't' => out.push('\t'),
                'r' => out.push('\r'),
                '0' => out.push('\0'),
                'e' => out.push('\u{1b}'),
                ' ' => out.push(' '),
                'x' => out.push(hex_char(&mut chars, 2)?),
                'u' => out.push(hex_char(&mut chars, 4)?),
                'U' => out.push(hex_char(&mut chars, 8)?),
                _ => return None,
            },
            c => out.push(c),
        }
    }
    Some(out)
}

fn hex_char(chars: &mut std::str::Chars<'_>, n: usize) -> Option<char> {
    let mut v = 0u32;
    for _ in 0..n {
        v = v * 16 + chars.next()?.to_digit(16)?;
    }
    char::from_u32(v)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Helm's index layout with the features the reader handles.
    const SHAPE: &str = "apiVersion: v1\nentries:\n  alpha:\n  - apiVersion: v2\n    appVersion: 1.16.0\n    created: \"2024-01-02T03:04:05.123Z\"\n    description: A long description that go-yaml folded onto\n      a second line and\n\n      a third after an empty one\n    digest: 0123456789abcdef\n    keywords:\n    - web\n    - \"on\"\n    maintainers:\n    - email: a@example.com\n      name: Ann\n    name: alpha\n    annotations:\n      artifacthub.io/changes: |\n        - kind: added\n          description: x\n      category: Web\n    urls:\n    - https://example.com/alpha-1.0.0.tgz\n    version: 1.0.0\n    deprecated: true\n    dependencies: []\n    home: 'it''s'\n    icon: \"caf\\u00e9 \\\"x\\\"\"\n  beta: []\ngenerated: \"2024-01-02T03:04:05Z\"\nserverInfo: {}\n";

    fn same(text: &str) {
        let fast = read(text).unwrap_or_else(|| panic!("fast reader declined:\n{text}"));
        let general = rudder_yaml::from_yaml(text).expect("general reader");
        assert_eq!(
            rudder_yaml::to_json(&fast, &rudder_yaml::JsonOptions::marshal()).ok(),
            rudder_yaml::to_json(&general, &rudder_yaml::JsonOptions::marshal()).ok(),
            "{text}"
        );
    }

    fn declines(text: &str) {
        assert!(read(text).is_none(), "{text}");
    }

    #[test]
    fn reads_helms_index_shape_as_the_general_reader() {
        same(SHAPE);
        same(
            "apiVersion: v1\nentries:\n  a:\n  - version: 1.0\n    appVersion: 2\n    name: yes\n    home: ~\n",
        );
        same("k: |-\n  one\n  two\n\nk2: |+\n  kept\n\nk3: x\n");
        same("k: |\n  one\n    deeper\n  back\n");
        same(
            "v: 1.16.0\nd: 0a1b\ne: 1e5\nf: 0x1F\nf2: 0xfa\ng: 12\nh: 1.5\ni: 2024-01-02\nj: 1.2.3-rc.1\nk: 3b\nl: 1.2.\n",
        );
        same("m:\n  \"yes\": \"no\"\n  'on': x\n  \"a: b\":\n  - 1\n");
    }

    /// Every YAML file of `testdata/` (and of `$RUDDER_INDEX_DIR`, to check a folder of
    /// real indexes by hand) reads the same through both readers, or the fast one declines.
    #[test]
    fn agrees_with_the_general_reader_on_files() {
        let mut dirs = vec![std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata")];
        if let Some(extra) = std::env::var_os("RUDDER_INDEX_DIR") {
            dirs.push(extra.into());
        }
        let mut checked = 0;
        while let Some(dir) = dirs.pop() {
            for e in fs_err::read_dir(&dir).expect("readable").flatten() {
                let path = e.path();
                if path.is_dir() {
                    dirs.push(path);
                    continue;
                }
                if path.extension().is_none_or(|x| x != "yaml") {
                    continue;
                }
                let text = fs_err::read_to_string(&path).expect("utf-8");
                let Ok(general) = rudder_yaml::from_yaml(&text) else {
                    continue;
                };
                if let Some(fast) = read(&text) {
                    let json = |v: &Value| {
                        rudder_yaml::to_json(v, &rudder_yaml::JsonOptions::marshal()).ok()
                    };
                    assert_eq!(json(&fast), json(&general), "{}", path.display());
                    checked += 1;
                }
            }
        }
        assert!(checked >= 3, "only {checked} files read");
    }

    /// Mutated copies of an index (characters dropped, duplicated or replaced by YAML's
    /// special characters): whenever the fast reader accepts one, it must read what the
    /// general reader reads, and it must never panic.
    #[test]
    fn mutations_are_read_exactly_or_declined() {
        let basic = fs_err::read_to_string(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("testdata/index/basic/index.yaml"),
        )
        .expect("testdata");
        let specials = [
            b' ', b'\n', b':', b'-', b'#', b'"', b'\'', b'|', b'>', b'&', b'*', b'!', b'[', b'{',
            b'0', b'.', b'y', b'~', b'\t',
        ];
        let mut seed: u64 = std::env::var("RUDDER_MUTATION_SEED")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(0x9e37_79b9_7f4a_7c15);
        let mut next = |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            usize::try_from(seed % n as u64).expect("small")
        };
        let json = |v: &Value| rudder_yaml::to_json(v, &rudder_yaml::JsonOptions::marshal()).ok();
        let mut accepted = 0;
        let rounds: usize = std::env::var("RUDDER_MUTATIONS")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(3000);
        for round in 0..rounds {
            let base = if round % 2 == 0 {
                basic.as_str()
            } else {
                SHAPE
            };
            let mut bytes = base.as_bytes().to_vec();
            for _ in 0..=next(3) {
                let at = next(bytes.len());
                match next(3) {
                    0 => {
                        bytes.remove(at);
                    }
                    1 => bytes.insert(at, bytes[at]),
                    _ => bytes[at] = specials[next(specials.len())],
                }
            }
            let Ok(text) = String::from_utf8(bytes) else {
                continue;
            };
            let Some(fast) = read(&text) else { continue };
            let general = rudder_yaml::from_yaml(&text).unwrap_or_else(|e| {
                panic!("fast reader accepted what the general one refuses ({e}):\n{text}")
            });
            assert_eq!(json(&fast), json(&general), "{text}");
            accepted += 1;
        }
        assert!(accepted > 100, "only {accepted} mutations read");
    }

    #[test]
    fn declines_what_it_cannot_read_exactly() {
        declines("a: b # comment\n");
        declines("a: &x 1\nb: *x\n");
        declines("a: >\n  folded\n");
        declines("a: [1, 2]\n");
        declines("a: 1\na: 2\n");
        declines("'': 1\n");
        declines("a: \"multi\n  line\"\n");
        declines("- - nested\n");
        declines("---\na: 1\n");
        declines("k: |\n  one\n   \n");
    }
}
