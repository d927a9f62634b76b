//! A manifest's head read line by line, for documents in the plain block style that templates
//! and `toYaml` write: block mappings and sequences, plain and one-line quoted scalars, `{}`
//! and `[]`, literal and folded block scalars, comments.
//!
//! Nothing is decided here unless the whole document is of that style and is valid as such:
//! anything else (a tab or a control character outside block scalar text, non-ASCII text, a
//! plain scalar running onto the next line, a flow collection with content, an anchor, an
//! alias, a tag, a document marker, a key that is not a string, an indentation libyaml would
//! reject, ...) gives `None`, and the document is read by the event parser as before. Where
//! the answer is `Some`, it is the value [`crate::from_yaml_head`]'s event reading gives
//! (checked by the differential tests in `tests/simple_head.rs` and in rudder-release).

use std::borrow::Cow;
use std::collections::BTreeMap;

use rudder_value::{Map, Value};

use crate::resolve::{Resolved, resolve_plain};

/// Nesting deeper than this is left to the event parser (which leaves it to `from_yaml`).
const MAX_LEVELS: usize = 900;

/// libyaml refuses a simple key longer than 1024 characters; longer keys are left to it.
const MAX_KEY: usize = 1000;

/// What a mapping or a value stands for in the head.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Role {
    /// The document's mapping.
    Root,
    /// The root's `metadata` mapping.
    Metadata,
    /// `metadata.annotations`.
    Annotations,
    /// A scalar of the head: `apiVersion`, `kind`, `metadata.name`, an annotation.
    Scalar,
    /// Anything else: only checked.
    Other,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Map,
    Seq,
    /// A block sequence at the column of the mapping key it is the value of.
    IndentlessSeq,
}

struct Level {
    indent: usize,
    kind: Kind,
    role: Role,
}

/// A value given on a line.
enum Item<'a> {
    /// Nothing (or a comment): a nested collection may follow, or it is a null.
    Empty,
    /// A plain scalar; `open` unless a comment ends it.
    Plain {
        text: &'a str,
        open: bool,
    },
    Quoted(Cow<'a, str>),
    /// `{}`
    EmptyMap,
    /// `[]`
    EmptySeq,
    /// A flow collection with content, on one line.
    Flow,
    /// A single-quoted scalar that goes on to the next lines.
    OpenQuote,
    /// A `|` or `>` header: the block scalar's lines follow.
    Block,
}

/// What a line holds after its indentation (and after `- `, for a sequence entry).
enum Line<'a> {
    /// `key: item`, the key at this column.
    Entry {
        key: Cow<'a, str>,
        column: usize,
        item: Item<'a>,
    },
    /// A bare item (only valid after `- `).
    Item(Item<'a>),
}

/// A line: `dash` for a sequence entry (`- line`).
struct Parsed<'a> {
    dash: bool,
    line: Line<'a>,
}

/// A key whose value is still open at the end of a line.
struct Pending {
    /// The column a nested collection must be deeper than.
    indent: usize,
    /// A block sequence may start at `indent` itself (the value of a mapping key).
    indentless: bool,
    role: Role,
    key: String,
}

/// A plain or single-quoted scalar that may go on to the next lines.
#[derive(Clone, Copy)]
struct Cont {
    /// The block collection's column, which the next lines must be deeper than.
    parent: usize,
    /// `Some(quote)` for a quoted scalar still open; `None` for a plain one.
    quote: Option<u8>,
    /// A value of the head: a line more is left to the event parser.
    head: bool,
}

/// A block scalar being skipped.
struct Block {
    /// The block collection's column, which the text must be deeper than.
    parent: usize,
    /// The text's indentation, once its first line is seen.
    indent: Option<usize>,
    /// The longest all-space line before the first text line.
    leading: usize,
}

#[derive(Default)]
struct Head {
    root: BTreeMap<String, Value>,
    metadata: BTreeMap<String, Value>,
    annotations: BTreeMap<String, Value>,
}

impl Head {
    /// Stores a finished value of the head (what the event reading inserts, last one wins).
    fn store(&mut self, parent: Role, key: String, value: Value) {
        match parent {
            Role::Root => {
                self.root.insert(key, value);
            }
            Role::Metadata => {
                self.metadata.insert(key, value);
            }
            Role::Annotations => {
                self.annotations.insert(key, value);
            }
            Role::Scalar | Role::Other => {}
        }
    }

    /// A mapping of the head ends: it becomes its parent's value.
    fn close(&mut self, role: Role) {
        match role {
            Role::Metadata => {
                let map = std::mem::take(&mut self.metadata);
                self.root
                    .insert("metadata".to_owned(), Value::Map(Map::from(map)));
            }
            Role::Annotations => {
                let map = std::mem::take(&mut self.annotations);
                self.metadata
                    .insert("annotations".to_owned(), Value::Map(Map::from(map)));
            }
            Role::Root | Role::Scalar | Role::Other => {}
        }
    }
}

/// The role of the value of `key` in a mapping of role `parent`.
fn child_role(parent: Role, key: &str) -> Role {
    match (parent, key) {
        (Role::Root, "apiVersion" | "kind") | (Role::Metadata, "name") | (Role::Annotations, _) => {
            Role::Scalar
        }
        (Role::Root, "metadata") => Role::Metadata,
        (Role::Metadata, "annotations") => Role::Annotations,
        _ => Role::Other,
    }
}

/// Reads the head of `text` if it is in the simple block style; `None` leaves it to the event
/// parser.
pub(crate) fn simple_head(text: &str) -> Option<Value> {
    // Printable ASCII, line feeds and tabs only (a fold without early exit, so that it runs
    // a vector at a time).
    let (mut other, mut tabs) = (false, false);
    for chunk in text.as_bytes().chunks(256) {
        let (o, t) = chunk.iter().fold((0u8, 0u8), |(o, t), &b| {
            let printable = (0x20..0x7f).contains(&b) || b == b'\n' || b == b'\t';
            (o | u8::from(!printable), t | u8::from(b == b'\t'))
        });
        other |= o != 0;
        tabs |= t != 0;
        if other {
            return None;
        }
    }
    let mut reader = Reader {
        tabs,
        levels: Vec::new(),
        pending: None,
        block: None,
        cont: None,
        head: Head::default(),
    };
    let mut start = 0;
    for end in memchr::memchr_iter(b'\n', text.as_bytes()) {
        reader.line(&text[start..end])?;
        start = end + 1;
    }
    reader.line(&text[start..])?;
    reader.finish()
}

struct Reader {
    /// Whether the document has a tab anywhere (most have none).
    tabs: bool,
    levels: Vec<Level>,
    pending: Option<Pending>,
    block: Option<Block>,
    cont: Option<Cont>,
    head: Head,
}

impl Reader {
    fn has_tab(&self, text: &str) -> bool {
        self.tabs && text.as_bytes().contains(&b'\t')
    }

    fn line(&mut self, line: &str) -> Option<()> {
        let bytes = line.as_bytes();
        let indent = bytes.iter().take_while(|&&b| b == b' ').count();
        if let Some(block) = &mut self.block {
            let next = bytes.get(indent).copied();
            match block.indent {
                None => match next {
                    None => {
                        block.leading = block.leading.max(indent);
                        return Some(());
                    }
                    Some(b'\t') => return None,
                    Some(_) => {
                        if block.leading > indent {
                            return None;
                        }
                        if indent > block.parent {
                            block.indent = Some(indent);
                            return Some(());
                        }
                    }
                },
                Some(text) => {
                    if indent >= text || next.is_none() {
                        return Some(());
                    }
                    if next == Some(b'\t') || indent > block.parent {
                        return None;
                    }
                }
            }
            // The line ends the block scalar.
            self.block = None;
        }
        if let Some(cont) = self.cont {
            let rest = &line[indent..];
            if rest.is_empty() {
                return Some(());
            }
            if let Some(quote) = cont.quote {
                if indent <= cont.parent || cont.head || self.has_tab(rest) {
                    return None;
                }
                let Some(end) = closing_quote(rest.as_bytes(), quote) else {
                    return Some(());
                };
                let after = &rest[end..];
                self.cont = None;
                return end_of_value(after, after.trim_start_matches(' ')).then_some(());
            }
            if indent > cont.parent {
                if rest.starts_with('#') {
                    // A comment ends the plain scalar.
                    self.cont = None;
                    return (!self.has_tab(rest)).then_some(());
                }
                if cont.head || self.has_tab(rest) {
                    return None;
                }
                let (ok, comment) = plain_text(rest.as_bytes());
                if comment.is_some() {
                    // A comment ends the scalar.
                    self.cont = None;
                }
                return ok.then_some(());
            }
            self.cont = None;
        }
        let rest = &line[indent..];
        if rest.is_empty() || rest.starts_with('#') {
            return (!self.has_tab(rest)).then_some(());
        }
        if self.has_tab(rest) {
            return None;
        }
        if indent == 0
            && (rest.starts_with("---") || rest.starts_with("..."))
            && matches!(rest.as_bytes().get(3), None | Some(b' '))
        {
            return None;
        }
        let parsed = parse_line(rest, indent)?;
        self.content(indent, parsed)
    }

    fn content(&mut self, indent: usize, parsed: Parsed<'_>) -> Option<()> {
        let is_seq = parsed.dash;
        if let Some(pending) = self.pending.take() {
            let opens = indent > pending.indent
                || (indent == pending.indent && pending.indentless && is_seq);
            if opens {
                if let Parsed {
                    dash: false,
                    line: Line::Item(item),
                } = parsed
                {
                    // The value on a line of its own (a block scalar there is left to the
                    // event parser).
                    if matches!(item, Item::Block | Item::Empty) {
                        return None;
                    }
                    let parent = self.levels.last()?.role;
                    let key = Cow::Owned(pending.key);
                    return self.item(pending.indent, true, parent, pending.role, key, item);
                }
                let kind = match (&parsed.line, is_seq, indent == pending.indent) {
                    (_, true, true) => Kind::IndentlessSeq,
                    (_, true, false) => Kind::Seq,
                    (Line::Entry { .. }, false, _) => Kind::Map,
                    (Line::Item(_), false, _) => return None,
                };
                let head_map = matches!(pending.role, Role::Metadata | Role::Annotations);
                if !(kind == Kind::Map && head_map) && pending.role != Role::Other {
                    // A scalar of the head, or a head mapping given as a sequence.
                    return None;
                }
                return self.open(indent, kind, pending.role, parsed);
            }
            // The value was a null.
            self.null(pending)?;
        } else if self.levels.is_empty() {
            // The document's first line: its mapping.
            return match parsed {
                Parsed {
                    dash: false,
                    line: Line::Entry { .. },
                } => self.open(indent, Kind::Map, Role::Root, parsed),
                _ => None,
            };
        }
        // Close what is deeper than this line.
        while self.levels.last().is_some_and(|l| l.indent > indent) {
            self.pop();
        }
        let top = self.levels.last()?;
        if top.indent != indent {
            // Deeper than the open collection: a plain scalar's next line, or invalid.
            return None;
        }
        if top.kind == Kind::IndentlessSeq && !is_seq {
            self.pop();
        }
        let top = self.levels.last()?;
        if top.indent != indent || (top.kind == Kind::Map) == is_seq {
            return None;
        }
        let role = top.role;
        self.entry(role, parsed)
    }

    /// Opens a collection at `indent` for `parsed`'s entry.
    fn open(&mut self, indent: usize, kind: Kind, role: Role, parsed: Parsed<'_>) -> Option<()> {
        if self.levels.len() >= MAX_LEVELS {
            return None;
        }
        self.levels.push(Level { indent, kind, role });
        self.entry(role, parsed)
    }

    fn pop(&mut self) {
        if let Some(level) = self.levels.pop() {
            self.head.close(level.role);
        }
    }

    /// A pending key's value turned out to be a null (the key is in the innermost mapping).
    fn null(&mut self, pending: Pending) -> Option<()> {
        let parent = self.levels.last()?.role;
        if pending.role != Role::Other {
            self.head.store(parent, pending.key, Value::Nil);
        }
        Some(())
    }

    /// An entry of the innermost collection, whose role is `role`.
    fn entry(&mut self, role: Role, parsed: Parsed<'_>) -> Option<()> {
        let top = self.levels.last()?;
        let top_indent = top.indent;
        match (parsed.dash, parsed.line) {
            (false, Line::Entry { key, column, item }) => {
                if top.kind != Kind::Map || column != top_indent {
                    return None;
                }
                let child = child_role(role, &key);
                self.item(top_indent, true, role, child, key, item)
            }
            (true, line) => {
                if top.kind == Kind::Map {
                    return None;
                }
                match line {
                    Line::Item(item) => self.item(
                        top_indent,
                        false,
                        role,
                        Role::Other,
                        Cow::Borrowed(""),
                        item,
                    ),
                    line @ Line::Entry { column, .. } => {
                        // A compact mapping: `- key: value`.
                        let parsed = Parsed { dash: false, line };
                        self.open(column, Kind::Map, Role::Other, parsed)
                    }
                }
            }
            (false, Line::Item(_)) => None,
        }
    }

    /// The value `item` of `key` (in a mapping of role `parent` at `indent`), or of a
    /// sequence item when `in_map` is false.
    fn item(
        &mut self,
        indent: usize,
        in_map: bool,
        parent: Role,
        role: Role,
        key: Cow<'_, str>,
        item: Item<'_>,
    ) -> Option<()> {
        match item {
            Item::Empty => {
                self.pending = Some(Pending {
                    indent,
                    indentless: in_map,
                    role,
                    // Only the head's keys are stored.
                    key: if role == Role::Other {
                        String::new()
                    } else {
                        key.into_owned()
                    },
                });
            }
            Item::Block => {
                if role != Role::Other {
                    return None;
                }
                self.block = Some(Block {
                    parent: indent,
                    indent: None,
                    leading: 0,
                });
            }
            Item::Plain { text, open } => {
                match role {
                    Role::Scalar => {
                        let value = plain_value(text)?;
                        self.head.store(parent, key.into_owned(), value);
                    }
                    Role::Other => {
                        if !finite(text) {
                            return None;
                        }
                    }
                    // A scalar `metadata` or `annotations` is left to the event reading.
                    _ => return None,
                }
                if open {
                    self.cont = Some(Cont {
                        parent: indent,
                        quote: None,
                        head: role == Role::Scalar,
                    });
                }
            }
            Item::OpenQuote | Item::Flow => {
                if role != Role::Other {
                    return None;
                }
                if matches!(item, Item::OpenQuote) {
                    self.cont = Some(Cont {
                        parent: indent,
                        quote: Some(b'\''),
                        head: false,
                    });
                }
            }
            Item::Quoted(text) => match role {
                Role::Scalar => {
                    self.head
                        .store(parent, key.into_owned(), Value::from(text.into_owned()));
                }
                Role::Other => {}
                _ => return None,
            },
            Item::EmptyMap => match role {
                Role::Metadata | Role::Annotations => self.head.close(role),
                Role::Other => {}
                _ => return None,
            },
            Item::EmptySeq => {
                if role != Role::Other {
                    return None;
                }
            }
        }
        Some(())
    }

    fn finish(mut self) -> Option<Value> {
        if self.cont.is_some_and(|c| c.quote.is_some()) {
            // A quoted scalar left open: an error for the event parser to give.
            return None;
        }
        if let Some(pending) = self.pending.take() {
            self.null(pending)?;
        }
        if self.levels.is_empty() {
            return None;
        }
        while !self.levels.is_empty() {
            self.pop();
        }
        Some(Value::Map(Map::from(self.head.root)))
    }
}

/// A plain scalar of the head, as the event reading converts it.
fn plain_value(text: &str) -> Option<Value> {
    Some(match resolve_plain(text) {
        Resolved::Null => Value::Nil,
        Resolved::Bool(b) => Value::Bool(b),
        Resolved::Int(i) => Value::Float(i as f64),
        Resolved::Uint(u) => Value::Float(u as f64),
        Resolved::Float(f) if f.is_finite() => Value::Float(f),
        Resolved::Float(_) => return None,
        Resolved::Timestamp | Resolved::Merge | Resolved::Str => Value::from(text),
    })
}

/// Whether a plain value converts without an error (NaN and infinities do not).
fn finite(text: &str) -> bool {
    !(matches!(text.as_bytes()[0], b'.' | b'+' | b'-' | b'0'..=b'9')
        && matches!(resolve_plain(text), Resolved::Float(f) if !f.is_finite()))
}

/// Whether a plain key is a string key (not a merge, a number, a bool, a null).
fn string_key(key: &str) -> bool {
    key != "<<" && matches!(resolve_plain(key), Resolved::Str | Resolved::Timestamp)
}

/// Whether `b` may start a plain scalar followed by `next` (block context).
fn plain_start(b: u8, next: Option<u8>) -> bool {
    match b {
        b'-' | b'?' | b':' => next.is_some_and(|n| n != b' '),
        b',' | b'[' | b']' | b'{' | b'}' | b'#' | b'&' | b'*' | b'!' | b'|' | b'>' | b'\''
        | b'"' | b'%' | b'@' | b'`' | b' ' => false,
        _ => true,
    }
}

/// Parses what follows a line's indentation (no tab, no line break, not empty, not a
/// comment). `column` is where `rest` starts.
fn parse_line(rest: &str, column: usize) -> Option<Parsed<'_>> {
    let bytes = rest.as_bytes();
    if bytes[0] == b'-' && matches!(bytes.get(1), None | Some(b' ')) {
        let after = rest[1..].trim_start_matches(' ');
        if after.is_empty() || after.starts_with('#') {
            return Some(Parsed {
                dash: true,
                line: Line::Item(Item::Empty),
            });
        }
        let inner = parse_line(after, column + rest.len() - after.len())?;
        // `- - x` is left to the event parser.
        return (!inner.dash).then_some(Parsed {
            dash: true,
            line: inner.line,
        });
    }
    let line = |line| Some(Parsed { dash: false, line });
    // A quoted key or item.
    if bytes[0] == b'"' || bytes[0] == b'\'' {
        let Some((text, len)) = quoted(rest) else {
            return line(Line::Item(item(rest)?));
        };
        let after = &rest[len..];
        let trimmed = after.trim_start_matches(' ');
        if let Some(value) = trimmed.strip_prefix(':')
            && (value.is_empty() || value.starts_with(' '))
        {
            if len > MAX_KEY {
                return None;
            }
            return line(Line::Entry {
                key: text,
                column,
                item: item(value)?,
            });
        }
        return end_of_value(after, trimmed).then_some(Parsed {
            dash: false,
            line: Line::Item(Item::Quoted(text)),
        });
    }
    // A plain key: up to ':' and a blank, before any comment.
    if !plain_start(bytes[0], bytes.get(1).copied()) {
        return line(Line::Item(item(rest)?));
    }
    for i in memchr::memchr2_iter(b':', b'#', bytes) {
        match bytes[i] {
            b':' if matches!(bytes.get(i + 1), None | Some(b' ')) => {
                if i > MAX_KEY {
                    return None;
                }
                let key = rest[..i].trim_end_matches(' ');
                if !string_key(key) {
                    return None;
                }
                return line(Line::Entry {
                    key: Cow::Borrowed(key),
                    column,
                    item: item(&rest[i + 1..])?,
                });
            }
            b'#' if bytes[i - 1] == b' ' => break,
            _ => {}
        }
    }
    line(Line::Item(item(rest)?))
}

/// A plain scalar's text on one line (not starting with a blank): whether it is valid (no
/// `:` before a blank, which would be a mapping value), and where a comment starts (` #`),
/// which ends the scalar.
fn plain_text(bytes: &[u8]) -> (bool, Option<usize>) {
    for i in memchr::memchr2_iter(b':', b'#', bytes) {
        match bytes[i] {
            b':' if matches!(bytes.get(i + 1), None | Some(b' ')) => return (false, None),
            b'#' if i > 0 && bytes[i - 1] == b' ' => return (true, Some(i)),
            _ => {}
        }
    }
    (true, None)
}

/// Whether what follows a value (`after`, and `trimmed` without its leading spaces) is only
/// blanks and a comment.
fn end_of_value(after: &str, trimmed: &str) -> bool {
    trimmed.is_empty() || (trimmed.starts_with('#') && trimmed.len() < after.len())
}

/// A value after `key:` or `- ` (leading spaces included).
fn item(text: &str) -> Option<Item<'_>> {
    let trimmed = text.trim_start_matches(' ');
    if trimmed.is_empty() || (trimmed.starts_with('#') && trimmed.len() < text.len()) {
        return Some(Item::Empty);
    }
    let bytes = trimmed.as_bytes();
    match bytes[0] {
        b'"' | b'\'' => {
            let Some((value, len)) = quoted(trimmed) else {
                return (bytes[0] == b'\'' && closing_quote(&bytes[1..], b'\'').is_none())
                    .then_some(Item::OpenQuote);
            };
            let after = &trimmed[len..];
            end_of_value(after, after.trim_start_matches(' ')).then_some(Item::Quoted(value))
        }
        b'{' | b'[' => {
            let flow = match trimmed.get(..2) {
                Some("{}") => Item::EmptyMap,
                Some("[]") => Item::EmptySeq,
                _ => Item::Flow,
            };
            let len = if matches!(flow, Item::Flow) {
                flow_node(trimmed.as_bytes(), 0, 0)?
            } else {
                2
            };
            let after = &trimmed[len..];
            end_of_value(after, after.trim_start_matches(' ')).then_some(flow)
        }
        b'|' | b'>' => {
            let mut rest = &trimmed[1..];
            if let Some(r) = rest.strip_prefix(['-', '+']) {
                rest = r;
            }
            end_of_value(rest, rest.trim_start_matches(' ')).then_some(Item::Block)
        }
        first => {
            if !plain_start(first, bytes.get(1).copied()) {
                return None;
            }
            let (ok, comment) = plain_text(bytes);
            if !ok {
                return None;
            }
            let end = comment.unwrap_or(bytes.len());
            Some(Item::Plain {
                text: trimmed[..end].trim_end_matches(' '),
                open: end == bytes.len(),
            })
        }
    }
}

/// A quoted scalar that closes on its line: its value and its length with the quotes.
/// Double-quoted scalars with escapes are left to the event parser.
fn quoted(text: &str) -> Option<(Cow<'_, str>, usize)> {
    let bytes = text.as_bytes();
    if bytes[0] == b'\'' {
        let mut owned: Option<String> = None;
        let mut i = 1;
        let mut start = 1;
        while i < bytes.len() {
            if bytes[i] == b'\'' {
                if bytes.get(i + 1) == Some(&b'\'') {
                    let value = owned.get_or_insert_with(String::new);
                    value.push_str(&text[start..=i]);
                    i += 2;
                    start = i;
                    continue;
                }
                let value = match owned {
                    Some(mut value) => {
                        value.push_str(&text[start..i]);
                        Cow::Owned(value)
                    }
                    None => Cow::Borrowed(&text[1..i]),
                };
                return Some((value, i + 1));
            }
            i += 1;
        }
        return None;
    }
    let end = 1 + bytes[1..].iter().position(|&b| b == b'"' || b == b'\\')?;
    (bytes[end] == b'"').then(|| (Cow::Borrowed(&text[1..end]), end + 1))
}

#[cfg(test)]
#[path = "simple_head_tests.rs"]
mod tests;

/// Where the single-quoted (`quote` `'`) or double-quoted scalar whose text starts `rest`
/// closes: the index after the closing quote. `None` if it does not close on this line, or
/// a double-quoted scalar has an escape before its end.
fn closing_quote(bytes: &[u8], quote: u8) -> Option<usize> {
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\'' if quote == b'\'' => {
                if bytes.get(i + 1) == Some(&b'\'') {
                    i += 2;
                    continue;
                }
                return Some(i + 1);
            }
            b'"' if quote == b'"' => return Some(i + 1),
            b'\\' if quote == b'"' => return None,
            _ => {}
        }
        i += 1;
    }
    None
}

/// Deepest flow nesting read here.
const MAX_FLOW: usize = 100;

fn skip_spaces(b: &[u8], mut i: usize) -> usize {
    while b.get(i) == Some(&b' ') {
        i += 1;
    }
    i
}

/// Reads the flow node at `b[i..]` (after any spaces): a flow sequence or mapping on this
/// line, a one-line quoted scalar without escapes, or a plain scalar of simple characters.
/// Returns the index after it.
fn flow_node(b: &[u8], i: usize, depth: usize) -> Option<usize> {
    let i = skip_spaces(b, i);
    match *b.get(i)? {
        b'[' => flow_seq(b, i + 1, depth + 1),
        b'{' => flow_map(b, i + 1, depth + 1),
        q @ (b'"' | b'\'') => Some(i + 1 + closing_quote(&b[i + 1..], q)?),
        _ => {
            let (end, text) = flow_plain(b, i)?;
            finite(text).then_some(end)
        }
    }
}

/// A plain scalar in a flow collection, of letters, digits and `-_./+=~$()^;<>%@` with single
/// spaces between words: its end and its text.
fn flow_plain(b: &[u8], start: usize) -> Option<(usize, &str)> {
    let word = |c: u8| c.is_ascii_alphanumeric() || b"-_./+=~$()^;<>%@".contains(&c);
    let first = *b.get(start)?;
    let starts = first.is_ascii_alphanumeric()
        || b"_./$(~".contains(&first)
        || (first == b'-' && b.get(start + 1).is_some_and(u8::is_ascii_alphanumeric));
    if !starts {
        return None;
    }
    let mut end = start;
    let mut i = start;
    while i < b.len() {
        if word(b[i]) {
            i += 1;
            end = i;
        } else if b[i] == b' ' && b.get(i + 1).is_some_and(|&c| word(c)) {
            i += 1;
        } else {
            break;
        }
    }
    Some((end, std::str::from_utf8(&b[start..end]).ok()?))
}

fn flow_seq(b: &[u8], i: usize, depth: usize) -> Option<usize> {
    if depth > MAX_FLOW {
        return None;
    }
    let mut i = skip_spaces(b, i);
    if b.get(i) == Some(&b']') {
        return Some(i + 1);
    }
    loop {
        i = skip_spaces(b, flow_node(b, i, depth)?);
        match *b.get(i)? {
            b',' => {
                i = skip_spaces(b, i + 1);
                if b.get(i) == Some(&b']') {
                    return Some(i + 1);
                }
            }
            b']' => return Some(i + 1),
            _ => return None,
        }
    }
}

fn flow_map(b: &[u8], i: usize, depth: usize) -> Option<usize> {
    if depth > MAX_FLOW {
        return None;
    }
    let mut i = skip_spaces(b, i);
    if b.get(i) == Some(&b'}') {
        return Some(i + 1);
    }
    loop {
        // A key: quoted, or plain and a string.
        let first = *b.get(i)?;
        i = if first == b'"' || first == b'\'' {
            i + 1 + closing_quote(&b[i + 1..], first)?
        } else {
            let (end, key) = flow_plain(b, i)?;
            if !string_key(key) {
                return None;
            }
            end
        };
        i = skip_spaces(b, i);
        if b.get(i) != Some(&b':') || b.get(i + 1) != Some(&b' ') {
            return None;
        }
        i = skip_spaces(b, flow_node(b, i + 1, depth)?);
        match *b.get(i)? {
            b',' => {
                i = skip_spaces(b, i + 1);
                if b.get(i) == Some(&b'}') {
                    return Some(i + 1);
                }
            }
            b'}' => return Some(i + 1),
            _ => return None,
        }
    }
}
