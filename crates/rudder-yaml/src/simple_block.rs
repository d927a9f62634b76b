//! Documents in the plain block style that templates and `toYaml` write, read line by line
//! without libyaml's scanner and parser: block mappings and sequences (with compact and
//! indentless forms), plain scalars (also over several lines), quoted scalars (double-quoted
//! with their escapes), one-line flow collections of simple scalars, literal and folded block
//! scalars, comments, a leading document start. Two readings: a manifest's head
//! ([`simple_head`], what [`crate::from_yaml_head`] gives) and the whole value of a document
//! whose root is a mapping ([`simple_value`], what the event decoding gives).
//!
//! Nothing is decided here unless the whole document is of that style and valid as such:
//! anything else (a control character, a tab outside text, a non-printable or line-breaking
//! character, an anchor, an alias, a tag, a second document, a key that is not a string, an
//! indentation or a `: ` libyaml would refuse, a NaN or an infinity, a folded scalar with
//! more-indented lines, keep chomping, ...) gives `None`, and the document is read by the
//! events as before, with their errors. Where the answer is `Some`, it equals the events'
//! (differential tests in `simple_block_tests.rs` and rudder-release's `head_differential`).

use std::borrow::Cow;
use std::collections::BTreeMap;

use rudder_value::{Map, Value};

use crate::read::{Numbers, convert, scalar};
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
    /// When building the whole value: the key this collection is the value of, and its
    /// entries so far.
    key: String,
    map: BTreeMap<String, Value>,
    list: Vec<Value>,
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
    /// A flow collection with content, on one line: its value.
    Flow(Value),
    /// A quoted scalar that goes on to the next lines: its quote and its raw text on this
    /// line.
    OpenQuote(u8, &'a str),
    /// A `|` or `>` header (and its chomping indicator): the block scalar's lines follow.
    Block {
        literal: bool,
        chomp: u8,
    },
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

/// A plain or quoted scalar that may go on to the next lines.
#[derive(Clone, Copy)]
struct Cont {
    /// The block collection's column, which the next lines must be deeper than.
    parent: usize,
    /// `Some(quote)` for a quoted scalar still open; `None` for a plain one.
    quote: Option<u8>,
    /// A value of the head: a line more is left to the event parser.
    head: bool,
    /// Empty lines since the last line of text (when building the value).
    empty: usize,
    /// The last line ended with an escaped line break (double-quoted).
    escaped: bool,
}

impl Cont {
    fn new(parent: usize, quote: Option<u8>, head: bool) -> Self {
        Cont {
            parent,
            quote,
            head,
            empty: 0,
            escaped: false,
        }
    }
}

/// A block scalar being read (its text kept only when building).
struct Block {
    /// The block collection's column, which the text must be deeper than.
    parent: usize,
    /// The text's indentation, once its first line is seen.
    indent: Option<usize>,
    /// The longest all-space line before the first text line.
    leading: usize,
    /// `|` (or `>`), and `-` (strip) or `+` (keep) chomping.
    literal: bool,
    chomp: u8,
    /// When building the value: its text so far, and the empty lines since its last line.
    text: String,
    empty: usize,
    started: bool,
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
    read(text, None)
}

/// Reads the whole first document of `text` as the event decoding into `interface{}` does
/// (a mapping at the root), if it is in the simple block style; `None` leaves it to the
/// events.
pub(crate) fn simple_value(text: &str, numbers: Numbers) -> Option<Value> {
    read(text, Some(numbers))
}

fn read(text: &str, build: Option<Numbers>) -> Option<Value> {
    // Printable ASCII, line feeds and tabs (a fold without early exit, so that it runs a
    // vector at a time), and printable characters beyond ASCII other than line breaks.
    let (mut high, mut tabs) = (false, false);
    for chunk in text.as_bytes().chunks(256) {
        let (c, h, t) = chunk.iter().fold((0u8, 0u8, 0u8), |(c, h, t), &b| {
            let control = b < 0x20 && b != b'\n' && b != b'\t';
            (
                c | u8::from(control || b == 0x7f),
                h | u8::from(b >= 0x80),
                t | u8::from(b == b'\t'),
            )
        });
        if c != 0 {
            return None;
        }
        high |= h != 0;
        tabs |= t != 0;
    }
    if high
        && !text
            .chars()
            .all(|c| c.is_ascii() || printable_beyond_ascii(c))
    {
        return None;
    }
    let mut reader = Reader {
        tabs,
        build,
        key: String::new(),
        text: String::new(),
        result: None,
        started: false,
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
    reader.finish(text.ends_with('\n'))
}

struct Reader {
    /// Whether the document has a tab anywhere (most have none).
    tabs: bool,
    /// `Some` to build the whole value (numbers converted so), `None` for the head.
    build: Option<Numbers>,
    /// The key and text so far of an open multi-line scalar (when building).
    key: String,
    text: String,
    /// The root value, once its mapping is closed (when building).
    result: Option<Value>,
    /// Whether a node or a document start was read.
    started: bool,
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
        let build = self.build.is_some();
        if let Some(block) = &mut self.block {
            let next = bytes.get(indent).copied();
            match block.indent {
                None => match next {
                    None => {
                        block.leading = block.leading.max(indent);
                        block.empty += 1;
                        return Some(());
                    }
                    Some(b'\t') => return None,
                    Some(_) => {
                        if block.leading > indent {
                            return None;
                        }
                        if indent > block.parent {
                            block.indent = Some(indent);
                            if build {
                                block.add(&line[indent..])?;
                            }
                            return Some(());
                        }
                    }
                },
                Some(text) => {
                    if next.is_none() && indent <= text {
                        block.empty += 1;
                        return Some(());
                    }
                    if indent >= text || next.is_none() {
                        if build {
                            block.add(&line[text..])?;
                        }
                        return Some(());
                    }
                    if next == Some(b'\t') || indent > block.parent {
                        return None;
                    }
                }
            }
            // The line ends the block scalar.
            self.end_block()?;
        }
        if let Some(cont) = self.cont {
            let rest = &line[indent..];
            if rest.is_empty() {
                if let Some(cont) = &mut self.cont {
                    cont.empty += 1;
                }
                return Some(());
            }
            if let Some(quote) = cont.quote {
                if indent <= cont.parent || cont.head || self.has_tab(rest) {
                    return None;
                }
                let Some(end) = closing_quote(rest.as_bytes(), quote) else {
                    self.fold(open_line(rest, quote)?)?;
                    return Some(());
                };
                let after = &rest[end..];
                if !end_of_value(after, after.trim_start_matches(' ')) {
                    return None;
                }
                self.fold(&rest[..end - 1])?;
                return self.end_cont();
            }
            if indent > cont.parent {
                if rest.starts_with('#') {
                    // A comment ends the plain scalar.
                    self.end_cont()?;
                    return (!self.has_tab(rest)).then_some(());
                }
                if cont.head || self.has_tab(rest) {
                    return None;
                }
                let (ok, comment) = plain_text(rest.as_bytes());
                if !ok {
                    return None;
                }
                let text = &rest[..comment.unwrap_or(rest.len())];
                self.fold(text.trim_end_matches(' '))?;
                if comment.is_some() {
                    // A comment ends the scalar.
                    self.end_cont()?;
                }
                return Some(());
            }
            self.end_cont()?;
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
            // Only a document start before the document's first node (and nothing else on
            // its line); a second document is left to the events.
            let after = &rest[3..];
            let start = rest.starts_with('-')
                && !self.started
                && end_of_value(after, after.trim_start_matches(' '));
            self.started = true;
            return start.then_some(());
        }
        self.started = true;
        // The head reading keeps no flow values; any conversion does for it.
        let numbers = self.build.unwrap_or(Numbers::Float64);
        let parsed = parse_line(rest, indent, numbers)?;
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
                    if matches!(item, Item::Block { .. } | Item::Empty) {
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
                return self.open(indent, kind, pending.role, pending.key, parsed);
            }
            // The value was a null.
            self.null(pending)?;
        } else if self.levels.is_empty() {
            // The document's first line: its mapping.
            return match parsed {
                Parsed {
                    dash: false,
                    line: Line::Entry { .. },
                } => {
                    let role = if self.build.is_some() {
                        Role::Other
                    } else {
                        Role::Root
                    };
                    self.open(indent, Kind::Map, role, String::new(), parsed)
                }
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
    fn open(
        &mut self,
        indent: usize,
        kind: Kind,
        role: Role,
        key: String,
        parsed: Parsed<'_>,
    ) -> Option<()> {
        if self.levels.len() >= MAX_LEVELS {
            return None;
        }
        self.levels.push(Level {
            indent,
            kind,
            role,
            key,
            map: BTreeMap::new(),
            list: Vec::new(),
        });
        self.entry(role, parsed)
    }

    fn pop(&mut self) {
        if let Some(level) = self.levels.pop() {
            self.head.close(level.role);
            if self.build.is_some() {
                let value = if level.kind == Kind::Map {
                    Value::Map(Map::from(level.map))
                } else {
                    Value::List(rudder_value::List::new(level.list))
                };
                if self.levels.is_empty() {
                    self.result = Some(value);
                } else {
                    self.attach(level.key, value);
                }
            }
        }
    }

    /// A finished value of the innermost collection (when building).
    fn attach(&mut self, key: String, value: Value) {
        if let Some(top) = self.levels.last_mut() {
            if top.kind == Kind::Map {
                top.map.insert(key, value);
            } else {
                top.list.push(value);
            }
        }
    }

    /// A pending key's value turned out to be a null (the key is in the innermost mapping).
    fn null(&mut self, pending: Pending) -> Option<()> {
        let parent = self.levels.last()?.role;
        if pending.role != Role::Other {
            self.head.store(parent, pending.key, Value::Nil);
        } else if self.build.is_some() {
            self.attach(pending.key, Value::Nil);
        }
        Some(())
    }

    /// A line more of an open plain or quoted scalar: folded onto the text as libyaml folds
    /// it when building; escapes are read, and so checked, in both readings.
    fn fold(&mut self, text: &str) -> Option<()> {
        let build = self.build.is_some();
        let cont = self.cont.as_mut()?;
        let buf = &mut self.text;
        if !build {
            buf.clear();
        } else if cont.empty == 0 && !cont.escaped {
            buf.push(' ');
        } else {
            buf.extend(std::iter::repeat_n('\n', cont.empty));
        }
        cont.empty = 0;
        cont.escaped = if let Some(quote) = cont.quote {
            push_quoted(buf, quote, text)?
        } else {
            buf.push_str(text);
            false
        };
        Some(())
    }

    /// The open plain or quoted scalar ends.
    fn end_cont(&mut self) -> Option<()> {
        let Some(cont) = self.cont.take() else {
            return Some(());
        };
        if let Some(numbers) = self.build {
            let text = std::mem::take(&mut self.text);
            let value = if cont.quote.is_some() {
                Value::from(text)
            } else {
                plain_scalar(&text, numbers)?
            };
            let key = std::mem::take(&mut self.key);
            self.attach(key, value);
        }
        Some(())
    }

    /// The open block scalar ends.
    fn end_block(&mut self) -> Option<()> {
        let Some(block) = self.block.take() else {
            return Some(());
        };
        if self.build.is_some() {
            if block.chomp == b'+' {
                return None;
            }
            // Without any text, it is empty (the line breaks are chomped).
            let mut text = block.text;
            if block.started && block.chomp != b'-' {
                text.push('\n');
            }
            let key = std::mem::take(&mut self.key);
            self.attach(key, Value::from(text));
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
                        self.open(column, Kind::Map, Role::Other, String::new(), parsed)
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
        let build = self.build;
        match item {
            Item::Empty => {
                self.pending = Some(Pending {
                    indent,
                    indentless: in_map,
                    role,
                    // Only the head's keys are kept, or all when building.
                    key: if role == Role::Other && build.is_none() {
                        String::new()
                    } else {
                        key.into_owned()
                    },
                });
                return Some(());
            }
            Item::Block { literal, chomp } => {
                if role != Role::Other {
                    return None;
                }
                self.block = Some(Block {
                    parent: indent,
                    indent: None,
                    leading: 0,
                    literal,
                    chomp,
                    text: String::new(),
                    empty: 0,
                    started: false,
                });
                if build.is_some() {
                    self.key = key.into_owned();
                }
                return Some(());
            }
            Item::Plain { text, open } => {
                match role {
                    Role::Scalar => {
                        let value = plain_scalar(text, Numbers::Float64)?;
                        self.head.store(parent, key.into_owned(), value);
                    }
                    Role::Other if open => {
                        if !finite(text) {
                            return None;
                        }
                        if build.is_some() {
                            self.key = key.into_owned();
                            text.clone_into(&mut self.text);
                        }
                    }
                    Role::Other => match build {
                        Some(numbers) => {
                            let value = plain_scalar(text, numbers)?;
                            self.attach(key.into_owned(), value);
                        }
                        None if !finite(text) => return None,
                        None => {}
                    },
                    // A scalar `metadata` or `annotations` is left to the event reading.
                    _ => return None,
                }
                if open {
                    self.cont = Some(Cont::new(indent, None, role == Role::Scalar));
                }
            }
            Item::OpenQuote(quote, text) => {
                if role != Role::Other {
                    return None;
                }
                self.text.clear();
                let mut cont = Cont::new(indent, Some(quote), false);
                cont.escaped = push_quoted(&mut self.text, quote, text)?;
                self.cont = Some(cont);
                if build.is_some() {
                    self.key = key.into_owned();
                }
            }
            Item::Flow(value) => {
                if role != Role::Other {
                    return None;
                }
                if build.is_some() {
                    self.attach(key.into_owned(), value);
                }
            }
            Item::Quoted(text) => match role {
                Role::Scalar => {
                    self.head
                        .store(parent, key.into_owned(), Value::from(text.into_owned()));
                }
                Role::Other => {
                    if build.is_some() {
                        self.attach(key.into_owned(), Value::from(text.into_owned()));
                    }
                }
                _ => return None,
            },
            Item::EmptyMap => match role {
                Role::Metadata | Role::Annotations => self.head.close(role),
                Role::Other => {
                    if build.is_some() {
                        self.attach(key.into_owned(), Value::Map(Map::default()));
                    }
                }
                _ => return None,
            },
            Item::EmptySeq => {
                if role != Role::Other {
                    return None;
                }
                if build.is_some() {
                    let list = Value::List(rudder_value::List::new(Vec::new()));
                    self.attach(key.into_owned(), list);
                }
            }
        }
        Some(())
    }

    /// The end of the document; `final_break` if its last line ends with a line break.
    fn finish(mut self, final_break: bool) -> Option<Value> {
        if self.cont.is_some_and(|c| c.quote.is_some()) {
            // A quoted scalar left open: an error for the event parser to give.
            return None;
        }
        if self.block.is_some() && self.build.is_some() && !final_break {
            // Its last line has no line break: left to the events.
            return None;
        }
        self.end_block()?;
        self.end_cont()?;
        if let Some(pending) = self.pending.take() {
            self.null(pending)?;
        }
        if self.levels.is_empty() {
            return None;
        }
        while !self.levels.is_empty() {
            self.pop();
        }
        if self.build.is_some() {
            return self.result;
        }
        Some(Value::Map(Map::from(self.head.root)))
    }
}

/// A plain scalar as the event decoding converts it; `None` for NaN and infinities (which
/// the events turn into an error).
fn plain_scalar(text: &str, numbers: Numbers) -> Option<Value> {
    if !finite(text) {
        return None;
    }
    convert(scalar(text.to_owned(), "", true, 0).ok()?, numbers).ok()
}

/// A quoted scalar's text on one line: of a single-quoted one, with `''` read as `'`; of a
/// double-quoted one, with its escapes read. `Some(true)` if it ends with an escaped line
/// break, `None` for an escape libyaml refuses.
fn push_quoted(out: &mut String, quote: u8, text: &str) -> Option<bool> {
    if quote == b'"' {
        return push_unescaped(out, text);
    }
    let mut parts = text.split("''");
    if let Some(first) = parts.next() {
        out.push_str(first);
    }
    for part in parts {
        out.push('\'');
        out.push_str(part);
    }
    Some(false)
}

/// A double-quoted scalar's text on one line with its escapes read; `Some(true)` if it ends
/// with an escaped line break.
fn push_unescaped(out: &mut String, text: &str) -> Option<bool> {
    let bytes = text.as_bytes();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != b'\\' {
            i += 1;
            continue;
        }
        out.push_str(&text[start..i]);
        let Some(&e) = bytes.get(i + 1) else {
            return Some(true);
        };
        let hex = |len: usize| {
            let digits = text.get(i + 2..i + 2 + len)?;
            if !digits.bytes().all(|b| b.is_ascii_hexdigit()) {
                return None;
            }
            char::from_u32(u32::from_str_radix(digits, 16).ok()?)
        };
        let (ch, len) = match e {
            b'0' => ('\0', 2),
            b'a' => ('\x07', 2),
            b'b' => ('\x08', 2),
            b't' | b'\t' => ('\t', 2),
            b'n' => ('\n', 2),
            b'v' => ('\x0b', 2),
            b'f' => ('\x0c', 2),
            b'r' => ('\r', 2),
            b'e' => ('\x1b', 2),
            b' ' => (' ', 2),
            b'"' => ('"', 2),
            b'/' => ('/', 2),
            b'\\' => ('\\', 2),
            b'N' => ('\u{85}', 2),
            b'_' => ('\u{a0}', 2),
            b'L' => ('\u{2028}', 2),
            b'P' => ('\u{2029}', 2),
            b'x' => (hex(2)?, 4),
            b'u' => (hex(4)?, 6),
            b'U' => (hex(8)?, 10),
            _ => return None,
        };
        out.push(ch);
        i += len;
        start = i;
    }
    out.push_str(&text[start..]);
    Some(false)
}

/// The text of a quoted scalar's line that does not close it: trailing blanks are not part
/// of it, unless the line break is escaped (`None` where an escaped blank ends the line).
fn open_line(text: &str, quote: u8) -> Option<&str> {
    let trimmed = text.trim_end_matches(' ');
    if quote == b'"' {
        let escapes = trimmed.len() - trimmed.trim_end_matches('\\').len();
        if escapes % 2 == 1 {
            return (trimmed.len() == text.len()).then_some(text);
        }
    }
    Some(trimmed)
}

impl Block {
    /// A line of the block scalar's text (its indentation taken off), when building.
    fn add(&mut self, line: &str) -> Option<()> {
        if self.literal {
            if self.started {
                self.text.push('\n');
            }
            self.text.extend(std::iter::repeat_n('\n', self.empty));
        } else {
            // Folding around more-indented lines, and leading empty lines, are left to the
            // events.
            if line.starts_with([' ', '\t']) || (!self.started && self.empty > 0) {
                return None;
            }
            if self.started {
                if self.empty == 0 {
                    self.text.push(' ');
                } else {
                    self.text.extend(std::iter::repeat_n('\n', self.empty));
                }
            }
        }
        self.empty = 0;
        self.started = true;
        self.text.push_str(line);
        Some(())
    }
}

/// A character beyond ASCII that libyaml reads as text: printable (its reader refuses
/// the rest), not a line break (NEL, LS, PS), not a byte order mark.
fn printable_beyond_ascii(c: char) -> bool {
    matches!(c, '\u{A0}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
        && !matches!(c, '\u{2028}' | '\u{2029}' | '\u{FEFF}')
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
/// comment). `column` is where `rest` starts; `numbers` as for [`item`].
fn parse_line(rest: &str, column: usize, numbers: Numbers) -> Option<Parsed<'_>> {
    let bytes = rest.as_bytes();
    if bytes[0] == b'-' && matches!(bytes.get(1), None | Some(b' ')) {
        let after = rest[1..].trim_start_matches(' ');
        if after.is_empty() || after.starts_with('#') {
            return Some(Parsed {
                dash: true,
                line: Line::Item(Item::Empty),
            });
        }
        // `- - x` is left to the event parser (and not parsed here one dash at a time).
        if after.starts_with('-') && matches!(after.as_bytes().get(1), None | Some(b' ')) {
            return None;
        }
        let inner = parse_line(after, column + rest.len() - after.len(), numbers)?;
        return Some(Parsed {
            dash: true,
            line: inner.line,
        });
    }
    let line = |line| Some(Parsed { dash: false, line });
    // A quoted key or item.
    if bytes[0] == b'"' || bytes[0] == b'\'' {
        let Some((text, len)) = quoted(rest) else {
            return line(Line::Item(item(rest, numbers)?));
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
                item: item(value, numbers)?,
            });
        }
        return end_of_value(after, trimmed).then_some(Parsed {
            dash: false,
            line: Line::Item(Item::Quoted(text)),
        });
    }
    // A plain key: up to ':' and a blank, before any comment.
    if !plain_start(bytes[0], bytes.get(1).copied()) {
        return line(Line::Item(item(rest, numbers)?));
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
                    item: item(&rest[i + 1..], numbers)?,
                });
            }
            b'#' if bytes[i - 1] == b' ' => break,
            _ => {}
        }
    }
    line(Line::Item(item(rest, numbers)?))
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

/// A value after `key:` or `- ` (leading spaces included); a flow collection's numbers are
/// converted as `numbers` says.
fn item(text: &str, numbers: Numbers) -> Option<Item<'_>> {
    let trimmed = text.trim_start_matches(' ');
    if trimmed.is_empty() || (trimmed.starts_with('#') && trimmed.len() < text.len()) {
        return Some(Item::Empty);
    }
    let bytes = trimmed.as_bytes();
    match bytes[0] {
        b'"' | b'\'' => {
            let Some((value, len)) = quoted(trimmed) else {
                let quote = bytes[0];
                if closing_quote(&bytes[1..], quote).is_some() {
                    // Closed, with an escape libyaml refuses.
                    return None;
                }
                return Some(Item::OpenQuote(quote, open_line(&trimmed[1..], quote)?));
            };
            let after = &trimmed[len..];
            end_of_value(after, after.trim_start_matches(' ')).then_some(Item::Quoted(value))
        }
        b'{' | b'[' => {
            let (len, flow) = match trimmed.get(..2) {
                Some("{}") => (2, Item::EmptyMap),
                Some("[]") => (2, Item::EmptySeq),
                _ => {
                    let (len, value) = flow_node(trimmed.as_bytes(), 0, 0, numbers)?;
                    (len, Item::Flow(value))
                }
            };
            let after = &trimmed[len..];
            end_of_value(after, after.trim_start_matches(' ')).then_some(flow)
        }
        b'|' | b'>' => {
            let mut rest = &trimmed[1..];
            let mut chomp = b' ';
            if let Some(r) = rest.strip_prefix(['-', '+']) {
                chomp = rest.as_bytes()[0];
                rest = r;
            }
            let literal = bytes[0] == b'|';
            end_of_value(rest, rest.trim_start_matches(' '))
                .then_some(Item::Block { literal, chomp })
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

/// A quoted scalar that closes on its line: its value (escapes read) and its length with the
/// quotes. `None` if it does not close, or has an escape libyaml refuses.
fn quoted(text: &str) -> Option<(Cow<'_, str>, usize)> {
    let quote = text.as_bytes()[0];
    let end = 1 + closing_quote(&text.as_bytes()[1..], quote)?;
    let raw = &text[1..end - 1];
    let special = if quote == b'"' { b'\\' } else { b'\'' };
    if !raw.as_bytes().contains(&special) {
        return Some((Cow::Borrowed(raw), end));
    }
    let mut value = String::with_capacity(raw.len());
    push_quoted(&mut value, quote, raw)?;
    Some((Cow::Owned(value), end))
}

/// Where the single-quoted (`quote` `'`) or double-quoted scalar whose text starts `bytes`
/// closes: the index after the closing quote (escaped quotes skipped). `None` if it does not
/// close on this line.
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
            // An escape: the next character is not the closing quote (at the end of the
            // line, the line break is escaped).
            b'\\' if quote == b'"' => i += 1,
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
/// line, a one-line quoted scalar, or a plain scalar of simple characters.
/// Returns the index after it, and its value.
fn flow_node(b: &[u8], i: usize, depth: usize, numbers: Numbers) -> Option<(usize, Value)> {
    let i = skip_spaces(b, i);
    match *b.get(i)? {
        b'[' => flow_seq(b, i + 1, depth + 1, numbers),
        b'{' => flow_map(b, i + 1, depth + 1, numbers),
        q @ (b'"' | b'\'') => flow_quoted(b, i, q),
        _ => {
            let (end, text) = flow_plain(b, i)?;
            Some((end, plain_scalar(text, numbers)?))
        }
    }
}

/// A one-line quoted scalar at `b[i]` (quote `q`): the index after it and its text.
fn flow_quoted(b: &[u8], i: usize, q: u8) -> Option<(usize, Value)> {
    let end = i + 1 + closing_quote(&b[i + 1..], q)?;
    let raw = std::str::from_utf8(&b[i + 1..end - 1]).ok()?;
    let mut text = String::with_capacity(raw.len());
    push_quoted(&mut text, q, raw)?;
    Some((end, Value::from(text)))
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

fn flow_seq(b: &[u8], i: usize, depth: usize, numbers: Numbers) -> Option<(usize, Value)> {
    if depth > MAX_FLOW {
        return None;
    }
    let list = |items| Value::List(rudder_value::List::new(items));
    let mut items = Vec::new();
    let mut i = skip_spaces(b, i);
    if b.get(i) == Some(&b']') {
        return Some((i + 1, list(items)));
    }
    loop {
        let (end, item) = flow_node(b, i, depth, numbers)?;
        items.push(item);
        i = skip_spaces(b, end);
        match *b.get(i)? {
            b',' => {
                i = skip_spaces(b, i + 1);
                if b.get(i) == Some(&b']') {
                    return Some((i + 1, list(items)));
                }
            }
            b']' => return Some((i + 1, list(items))),
            _ => return None,
        }
    }
}

fn flow_map(b: &[u8], i: usize, depth: usize, numbers: Numbers) -> Option<(usize, Value)> {
    if depth > MAX_FLOW {
        return None;
    }
    let mut map = BTreeMap::new();
    let mut i = skip_spaces(b, i);
    if b.get(i) == Some(&b'}') {
        return Some((i + 1, Value::Map(Map::from(map))));
    }
    loop {
        // A key: quoted, or plain and a string.
        let first = *b.get(i)?;
        let key;
        (i, key) = if first == b'"' || first == b'\'' {
            let (end, key) = flow_quoted(b, i, first)?;
            (end, key.as_str()?.to_owned())
        } else {
            let (end, key) = flow_plain(b, i)?;
            if !string_key(key) {
                return None;
            }
            (end, key.to_owned())
        };
        i = skip_spaces(b, i);
        if b.get(i) != Some(&b':') || b.get(i + 1) != Some(&b' ') {
            return None;
        }
        let (end, value) = flow_node(b, i + 1, depth, numbers)?;
        map.insert(key, value);
        i = skip_spaces(b, end);
        match *b.get(i)? {
            b',' => {
                i = skip_spaces(b, i + 1);
                if b.get(i) == Some(&b'}') {
                    return Some((i + 1, Value::Map(Map::from(map))));
                }
            }
            b'}' => return Some((i + 1, Value::Map(Map::from(map)))),
            _ => return None,
        }
    }
}

#[cfg(test)]
#[path = "simple_block_tests.rs"]
mod tests;
