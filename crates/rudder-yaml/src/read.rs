//! Reading YAML as `sigs.k8s.io/yaml.Unmarshal` does: go-yaml v2 decodes the first document
//! into Go values (`map[interface{}]interface{}`, `int`, `float64`, ...), sigs.k8s.io/yaml
//! turns map keys into strings, and encoding/json reads the result back, so every number
//! becomes a `float64`.

use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap, HashSet};

use libyaml_safer::{ErrorKind, Event, EventData, Parser, ScalarStyle};
use rudder_value::{List, Map, Value};

use crate::error::{Error, Result};
use crate::gofloat;
use crate::resolve::{Resolved, resolve_plain};

const STR_TAG: &str = "tag:yaml.org,2002:str";
const BOOL_TAG: &str = "tag:yaml.org,2002:bool";
const INT_TAG: &str = "tag:yaml.org,2002:int";
const FLOAT_TAG: &str = "tag:yaml.org,2002:float";
const NULL_TAG: &str = "tag:yaml.org,2002:null";
const TIMESTAMP_TAG: &str = "tag:yaml.org,2002:timestamp";
const BINARY_TAG: &str = "tag:yaml.org,2002:binary";
const MERGE_TAG: &str = "tag:yaml.org,2002:merge";

/// go-yaml's scanner refuses deeper nesting ("exceeded max depth of 10000").
const MAX_DEPTH: usize = 10_000;

/// A value as go-yaml v2 decodes it into `interface{}`.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Go {
    Nil,
    Bool(bool),
    Int(i64),
    Uint(u64),
    Float(f64),
    Str(String),
    Seq(Vec<Go>),
    Map(BTreeMap<GoKey, Go>),
}

/// A map key of a `map[interface{}]interface{}`: only scalars can be keys.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum GoKey {
    Nil,
    Bool(bool),
    Int(i64),
    Uint(u64),
    /// The float's bits; Go compares float keys by value, which only differs for NaN and -0.
    Float(u64),
    Str(String),
}

#[derive(Debug)]
enum NodeKind {
    Scalar {
        /// Taken out by the decoder when the document has no aliases (each node is then
        /// decoded once), copied otherwise.
        value: RefCell<String>,
        tag: String,
        implicit: bool,
    },
    Seq(Vec<usize>),
    Map(Vec<usize>),
    Alias {
        name: String,
        target: usize,
    },
}

#[derive(Debug)]
struct Node {
    kind: NodeKind,
    /// 0-based line of the node's start.
    line: usize,
}

fn syntax_error(err: &libyaml_safer::Error) -> Error {
    let problem_mark = err.problem_mark().unwrap_or_default();
    let context_line = err.context_mark().map_or(0, |m| m.line);
    // go-yaml's parser.fail: the problem line as is (plus one for scanner errors, whose
    // marks were not advanced), else the context line.
    let reported_line = if problem_mark.line != 0 {
        problem_mark.line as usize + usize::from(err.kind() == ErrorKind::Scanner)
    } else {
        context_line as usize
    };
    Error::YamlSyntax {
        problem: err.problem().to_owned(),
        reported_line,
        line: problem_mark.line as usize + 1,
        column: problem_mark.column as usize + 1,
        scanner: err.kind() != ErrorKind::Parser,
    }
}

fn decode_error(message: String, line: Option<usize>) -> Error {
    Error::YamlDecode {
        message,
        line: line.map(|l| l + 1),
    }
}

/// The nodes of one document.
struct Tree {
    nodes: Vec<Node>,
    root: usize,
    /// The document has an alias, so a node may be decoded more than once.
    aliased: bool,
}

/// Parses the stream's first document into a node tree (go-yaml's `parser.parse`). `None`
/// for a stream without documents.
fn parse_first_document(text: &str) -> Result<Option<Tree>> {
    with_events(text, parse_events)
}

/// The input of the parser: the text, then the line break [`with_events`] may append (read
/// from its own buffer instead of a copy of the text).
type Input<'a> = std::io::Chain<&'a [u8], &'static [u8]>;

/// The event stream of a text, with go-yaml's error positions (see [`with_events`]).
pub(crate) struct Events<'a> {
    parser: Parser<Input<'a>>,
    orig: &'a str,
    /// `Some(last line is blank)` when a line break was appended to the input.
    appended: Option<bool>,
}

impl Events<'_> {
    /// The next event; a syntax error as go-yaml reports it.
    pub(crate) fn next(&mut self) -> Result<Event> {
        let appended = self.appended;
        let orig = self.orig;
        self.parser.parse().map_err(|e| {
            let mut err = syntax_error(&e);
            // A scanner problem found after the appended line break is at the end of the
            // input. (Parser problems at the end point at the stream end, which libyaml puts
            // on the next line anyway when the last line has no break.)
            if let Error::YamlSyntax {
                reported_line,
                line,
                column,
                ..
            } = &mut err
                && appended.is_some()
                && e.kind() == ErrorKind::Scanner
                // Stale simple keys are checked after the stream end's own line break.
                && e.problem() != "could not find expected ':'"
                && e.problem_mark()
                    .is_some_and(|m| m.index as usize > orig.len())
            {
                let eof = eof_mark(orig);
                *reported_line = if eof.0 != 0 { eof.0 + 1 } else { 0 };
                *line = eof.0 + 1;
                *column = eof.1 + 1;
            }
            err
        })
    }

    /// A scalar event's value as the original input has it (see [`scalar_value`]).
    pub(crate) fn scalar_value(&self, value: String, style: ScalarStyle, end: usize) -> String {
        scalar_value(value, style, end, self.orig.len(), self.appended)
    }
}

/// Runs `consume` over the events of `text`.
///
/// libyaml-safer 0.3.0 panics where libyaml's C macros quietly read past the end: a block
/// scalar whose last line runs to the end of the input without a line break, and a tag
/// directly followed by ',' in a flow collection. The first is avoided by ending such input
/// with a line break (and taking that break back out of the scalar, see `scalar_value`);
/// the second, and anything else, is caught and reported as a syntax error.
pub(crate) fn with_events<R>(
    text: &str,
    consume: impl FnOnce(&mut Events<'_>) -> Result<R>,
) -> Result<R> {
    let last_line = last_line(text);
    let appended = !last_line.is_empty();
    let last_blank = last_line.trim_matches([' ', '\t']).is_empty();
    let tail: &'static [u8] = if appended { b"\n" } else { b"" };
    let run = std::panic::AssertUnwindSafe(|| {
        let mut parser: Parser<Input<'_>> = Parser::new();
        parser.set_input(std::io::Read::chain(text.as_bytes(), tail));
        let mut events = Events {
            parser,
            orig: text,
            appended: appended.then_some(last_blank),
        };
        consume(&mut events)
    });
    std::panic::catch_unwind(run).unwrap_or_else(|_| {
        // The end of the input is only counted when an error needs it: it is a walk over
        // every character.
        let eof = eof_mark(text);
        Err(Error::YamlSyntax {
            problem: "unknown problem parsing YAML content".to_owned(),
            reported_line: 0,
            line: eof.0 + 1,
            column: eof.1 + 1,
            scanner: false,
        })
    })
}

/// The text after the last line break (`\n`, `\r`, U+0085, U+2028, U+2029), found by a
/// backward scan of the bytes (a `rsplit` on those characters cost 1.5 % of `rudder
/// template`).
fn last_line(text: &str) -> &str {
    let bytes = text.as_bytes();
    let mut i = bytes.len();
    while i > 0 {
        // 0xC2 and 0xE2 only start characters, so these byte sequences are the breaks.
        let after_break = match bytes[i - 1] {
            b'\n' | b'\r' => true,
            0x85 => i >= 2 && bytes[i - 2] == 0xC2,
            0xA8 | 0xA9 => i >= 3 && bytes[i - 2] == 0x80 && bytes[i - 3] == 0xE2,
            _ => false,
        };
        if after_break {
            return text.get(i..).unwrap_or("");
        }
        i -= 1;
    }
    text
}

/// The 0-based line and column of the end of `text`, counted as libyaml counts them (CR LF is
/// one break).
fn eof_mark(text: &str) -> (usize, usize) {
    let mut line = 0;
    let mut column = 0;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                line += 1;
                column = 0;
            }
            '\n' | '\u{85}' | '\u{2028}' | '\u{2029}' => {
                line += 1;
                column = 0;
            }
            _ => column += 1,
        }
    }
    (line, column)
}

/// The value of a scalar read from input that had a line break appended (see
/// `parse_first_document`; `appended` is `Some(last line is blank)` then): a block scalar
/// that reached that break may have gained a final newline the original input lacks.
///
/// After a last line with text, it always did (that line's break would have been kept by
/// clipping or keeping). After a blank last line, it did when that line was content (longer
/// than the indentation: the value ends with a space and the break) or when the scalar keeps
/// its trailing breaks (it ends with two breaks, which clipping never leaves).
fn scalar_value(
    mut value: String,
    style: ScalarStyle,
    end: usize,
    orig_len: usize,
    appended: Option<bool>,
) -> String {
    let Some(last_blank) = appended else {
        return value;
    };
    let gained = if last_blank {
        value.ends_with(" \n") || value.ends_with("\n\n")
    } else {
        value.ends_with('\n')
    };
    if end > orig_len && matches!(style, ScalarStyle::Literal | ScalarStyle::Folded) && gained {
        value.pop();
    }
    value
}

fn parse_events(events: &mut Events<'_>) -> Result<Option<Tree>> {
    // STREAM-START
    events.next()?;
    let event = events.next()?;
    match event.data {
        EventData::StreamEnd => return Ok(None),
        EventData::DocumentStart { .. } => {}
        _ => {
            return Err(decode_error(
                "expected DOCUMENT_START event".to_owned(),
                None,
            ));
        }
    }
    // Room for a node per 40 bytes of text (charts' CRDs and values files hold one per 50 to
    // 60 bytes), so that a large document does not grow and copy the list again and again.
    let mut nodes: Vec<Node> = Vec::with_capacity(events.orig.len() / 40 + 4);
    let mut anchors: HashMap<String, usize> = HashMap::new();
    let mut stack: Vec<usize> = Vec::new();
    let mut root = None;
    let mut aliased = false;
    loop {
        let Event {
            data,
            start_mark,
            end_mark,
            ..
        } = events.next()?;
        let line = start_mark.line as usize;
        let (kind, anchor, opens) = match data {
            EventData::Scalar {
                anchor,
                tag,
                value,
                plain_implicit,
                style,
                ..
            } => (
                NodeKind::Scalar {
                    value: RefCell::new(events.scalar_value(value, style, end_mark.index as usize)),
                    tag: tag.unwrap_or_default(),
                    implicit: plain_implicit,
                },
                anchor,
                false,
            ),
            EventData::SequenceStart { anchor, .. } => (NodeKind::Seq(Vec::new()), anchor, true),
            EventData::MappingStart { anchor, .. } => (NodeKind::Map(Vec::new()), anchor, true),
            EventData::Alias { anchor } => {
                let Some(&target) = anchors.get(&anchor) else {
                    return Err(decode_error(
                        format!("unknown anchor '{anchor}' referenced"),
                        Some(line),
                    ));
                };
                aliased = true;
                (
                    NodeKind::Alias {
                        name: anchor,
                        target,
                    },
                    None,
                    false,
                )
            }
            EventData::SequenceEnd | EventData::MappingEnd => {
                stack.pop();
                continue;
            }
            EventData::DocumentEnd { .. } => break,
            EventData::StreamStart { .. }
            | EventData::StreamEnd
            | EventData::DocumentStart { .. } => {
                return Err(decode_error("unexpected event".to_owned(), Some(line)));
            }
        };
        let idx = nodes.len();
        nodes.push(Node { kind, line });
        if let Some(anchor) = anchor {
            anchors.insert(anchor, idx);
        }
        match stack.last() {
            Some(&parent) => match &mut nodes[parent].kind {
                NodeKind::Seq(children) | NodeKind::Map(children) => children.push(idx),
                _ => unreachable!("only collections are pushed on the stack"),
            },
            None => root = Some(idx),
        }
        if opens {
            if stack.len() >= MAX_DEPTH {
                return Err(Error::YamlSyntax {
                    problem: format!("exceeded max depth of {MAX_DEPTH}"),
                    reported_line: line + 1,
                    line: line + 1,
                    column: start_mark.column as usize + 1,
                    scanner: true,
                });
            }
            stack.push(idx);
        }
    }
    Ok(root.map(|root| Tree {
        nodes,
        root,
        aliased,
    }))
}

/// go-yaml's decoder state: alias loop detection and the "billion laughs" guard.
struct Decoder<'t> {
    tree: &'t Tree,
    active_aliases: HashSet<usize>,
    decode_count: usize,
    alias_count: usize,
    alias_depth: usize,
    /// go-yaml's `UnmarshalStrict`: setting a key twice is an error, collected in `terrors`.
    strict: bool,
    terrors: Vec<String>,
    /// A NaN or an infinity was decoded: only then must the JSON round trip be checked.
    non_finite: bool,
    /// [`Decoder::decode_value`] met a conversion error: decode again in two passes.
    fallback: bool,
}

fn allowed_alias_ratio(decode_count: usize) -> f64 {
    const LOW: usize = 400_000;
    const HIGH: usize = 4_000_000;
    if decode_count <= LOW {
        0.99
    } else if decode_count >= HIGH {
        0.10
    } else {
        0.99 - 0.89 * ((decode_count - LOW) as f64 / (HIGH - LOW) as f64)
    }
}

impl Decoder<'_> {
    /// Counts a node about to be decoded: go-yaml's guard against excessive aliasing.
    fn count(&mut self) -> Result<()> {
        self.decode_count += 1;
        if self.alias_depth > 0 {
            self.alias_count += 1;
        }
        if self.alias_count > 100
            && self.decode_count > 1000
            && self.alias_count as f64 / self.decode_count as f64
                > allowed_alias_ratio(self.decode_count)
        {
            return Err(decode_error(
                "document contains excessive aliasing".to_owned(),
                None,
            ));
        }
        Ok(())
    }

    /// [`Decoder::decode`] and [`convert`] in one pass, which skips building the `Go` tree
    /// for mappings whose keys are all strings (no merge): they go straight into a
    /// `BTreeMap<String, Value>`, where a later key replaces an earlier one as in the Go map.
    /// Nodes are decoded in the same order, so decoding errors are the same. Other mappings
    /// are decoded and converted as before; should such a conversion fail, `fallback` is set
    /// and the caller starts over on the two-pass path, which reports conversion errors in
    /// its own order.
    fn decode_value(&mut self, idx: usize, numbers: Numbers) -> Result<Value> {
        let node = &self.tree.nodes[idx];
        match &node.kind {
            NodeKind::Map(children) if self.string_keys(children) => {
                self.count()?;
                let mut out = BTreeMap::new();
                for pair in children.chunks(2) {
                    let [k, v] = pair else { break };
                    let Go::Str(key) =
                        stacker::maybe_grow(64 * 1024, 1024 * 1024, || self.decode(*k))?
                    else {
                        self.fallback = true;
                        return Ok(Value::Nil);
                    };
                    let value = stacker::maybe_grow(64 * 1024, 1024 * 1024, || {
                        self.decode_value(*v, numbers)
                    })?;
                    out.insert(key, value);
                }
                Ok(Value::Map(Map::from(out)))
            }
            NodeKind::Seq(children) => {
                self.count()?;
                let mut out = Vec::with_capacity(children.len());
                for &child in children {
                    out.push(stacker::maybe_grow(64 * 1024, 1024 * 1024, || {
                        self.decode_value(child, numbers)
                    })?);
                }
                Ok(Value::List(List::new(out)))
            }
            NodeKind::Alias { name, target } => {
                self.count()?;
                if !self.active_aliases.insert(idx) {
                    return Err(decode_error(
                        format!("anchor '{name}' value contains itself"),
                        Some(node.line),
                    ));
                }
                self.alias_depth += 1;
                let out = self.decode_value(*target, numbers);
                self.alias_depth -= 1;
                self.active_aliases.remove(&idx);
                out
            }
            NodeKind::Scalar { .. } | NodeKind::Map(_) => {
                let go = self.decode(idx)?;
                Ok(convert(go, numbers).unwrap_or_else(|_| {
                    self.fallback = true;
                    Value::Nil
                }))
            }
        }
    }

    /// Whether every key of a mapping is a scalar that decodes to a string and is not `<<`.
    fn string_keys(&self, children: &[usize]) -> bool {
        children.iter().step_by(2).all(|&k| {
            !self.is_merge(k)
                && matches!(&self.tree.nodes[k].kind, NodeKind::Scalar { value, tag, implicit }
                if tag.is_empty()
                    && (!*implicit
                        || matches!(
                            resolve_plain(&value.borrow()),
                            Resolved::Str | Resolved::Timestamp
                        )))
        })
    }

    fn decode(&mut self, idx: usize) -> Result<Go> {
        self.count()?;
        let node = &self.tree.nodes[idx];
        match &node.kind {
            NodeKind::Alias { name, target } => {
                if !self.active_aliases.insert(idx) {
                    return Err(decode_error(
                        format!("anchor '{name}' value contains itself"),
                        Some(node.line),
                    ));
                }
                self.alias_depth += 1;
                let out = self.decode(*target);
                self.alias_depth -= 1;
                self.active_aliases.remove(&idx);
                out
            }
            NodeKind::Scalar {
                value,
                tag,
                implicit,
            } => {
                let value = if self.tree.aliased {
                    value.borrow().clone()
                } else {
                    value.take()
                };
                let go = scalar(value, tag, *implicit, node.line)?;
                if matches!(go, Go::Float(f) if !f.is_finite()) {
                    self.non_finite = true;
                }
                Ok(go)
            }
            NodeKind::Seq(children) => {
                let mut out = Vec::with_capacity(children.len());
                for &child in children {
                    out.push(stacker::maybe_grow(64 * 1024, 1024 * 1024, || {
                        self.decode(child)
                    })?);
                }
                Ok(Go::Seq(out))
            }
            NodeKind::Map(children) => {
                let mut out = BTreeMap::new();
                self.mapping_into(children, &mut out)?;
                Ok(Go::Map(out))
            }
        }
    }

    /// Decodes a mapping's pairs into `out`, as go-yaml's `d.mapping`: pairs in order, later
    /// keys overwrite earlier ones, and `<<` merges at its position.
    fn mapping_into(&mut self, children: &[usize], out: &mut BTreeMap<GoKey, Go>) -> Result<()> {
        for pair in children.chunks(2) {
            let [k, v] = pair else { break };
            if self.is_merge(*k) {
                self.merge(*v, out)?;
                continue;
            }
            let key = stacker::maybe_grow(64 * 1024, 1024 * 1024, || self.decode(*k))?;
            let key = match key {
                Go::Nil => GoKey::Nil,
                Go::Bool(b) => GoKey::Bool(b),
                Go::Int(i) => GoKey::Int(i),
                Go::Uint(u) => GoKey::Uint(u),
                Go::Float(f) => GoKey::Float(f.to_bits()),
                Go::Str(s) => GoKey::Str(s),
                other @ (Go::Seq(_) | Go::Map(_)) => {
                    return Err(decode_error(
                        format!("invalid map key: {}", go_sharp_v(&other)),
                        Some(self.tree.nodes[*k].line),
                    ));
                }
            };
            let value = stacker::maybe_grow(64 * 1024, 1024 * 1024, || self.decode(*v))?;
            if self.strict && out.contains_key(&key) {
                // go-yaml names the line of the value node.
                self.terrors.push(format!(
                    "line {}: key {} already set in map",
                    self.tree.nodes[*v].line + 1,
                    go_sharp_v(&key_to_go(&key))
                ));
                continue;
            }
            out.insert(key, value);
        }
        Ok(())
    }

    fn is_merge(&self, idx: usize) -> bool {
        matches!(&self.tree.nodes[idx].kind,
            NodeKind::Scalar { value, tag, implicit } if *value.borrow() == "<<" && (*implicit || tag == MERGE_TAG))
    }

    fn merge(&mut self, idx: usize, out: &mut BTreeMap<GoKey, Go>) -> Result<()> {
        let want_map = || {
            decode_error(
                "map merge requires map or sequence of maps as the value".to_owned(),
                None,
            )
        };
        let nodes = &self.tree.nodes;
        match &nodes[idx].kind {
            NodeKind::Map(_) => self.merge_map(idx, out),
            NodeKind::Alias { target, .. } => {
                if !matches!(nodes[*target].kind, NodeKind::Map(_)) {
                    return Err(want_map());
                }
                self.merge_map(idx, out)
            }
            NodeKind::Seq(children) => {
                // Earlier maps take precedence, so go backwards.
                for &child in children.iter().rev() {
                    match &nodes[child].kind {
                        NodeKind::Alias { target, .. } => {
                            if !matches!(nodes[*target].kind, NodeKind::Map(_)) {
                                return Err(want_map());
                            }
                        }
                        NodeKind::Map(_) => {}
                        _ => return Err(want_map()),
                    }
                    self.merge_map(child, out)?;
                }
                Ok(())
            }
            NodeKind::Scalar { .. } => Err(want_map()),
        }
    }

    /// Decodes a mapping node (or an alias of one) into an existing map.
    fn merge_map(&mut self, idx: usize, out: &mut BTreeMap<GoKey, Go>) -> Result<()> {
        self.decode_count += 1;
        if self.alias_depth > 0 {
            self.alias_count += 1;
        }
        match &self.tree.nodes[idx].kind {
            NodeKind::Alias { name, target } => {
                if !self.active_aliases.insert(idx) {
                    return Err(decode_error(
                        format!("anchor '{name}' value contains itself"),
                        Some(self.tree.nodes[idx].line),
                    ));
                }
                self.alias_depth += 1;
                let r = self.merge_map(*target, out);
                self.alias_depth -= 1;
                self.active_aliases.remove(&idx);
                r
            }
            NodeKind::Map(children) => self.mapping_into(children, out),
            _ => Ok(()),
        }
    }
}

/// go-yaml's `d.scalar` for an `interface{}` target.
pub(crate) fn scalar(value: String, tag: &str, implicit: bool, line: usize) -> Result<Go> {
    if tag.is_empty() && !implicit {
        return Ok(Go::Str(value));
    }
    let tag = if let Some(rest) = tag.strip_prefix("!!") {
        format!("tag:yaml.org,2002:{rest}")
    } else {
        tag.to_owned()
    };
    let resolved = match tag.as_str() {
        "" => resolve_plain(&value),
        STR_TAG => Resolved::Str,
        BOOL_TAG | INT_TAG | FLOAT_TAG | NULL_TAG | TIMESTAMP_TAG => {
            let r = resolve_plain(&value);
            let rtag = match r {
                Resolved::Null => NULL_TAG,
                Resolved::Bool(_) => BOOL_TAG,
                Resolved::Int(_) | Resolved::Uint(_) => INT_TAG,
                Resolved::Float(_) => FLOAT_TAG,
                Resolved::Timestamp => TIMESTAMP_TAG,
                Resolved::Merge => MERGE_TAG,
                Resolved::Str => STR_TAG,
            };
            if rtag == tag {
                r
            } else if tag == FLOAT_TAG && rtag == INT_TAG {
                match r {
                    Resolved::Int(i) => Resolved::Float(i as f64),
                    Resolved::Uint(u) => {
                        return Err(decode_error(
                            format!("cannot decode !!int `{u}` as a !!float"),
                            Some(line),
                        ));
                    }
                    other => other,
                }
            } else {
                return Err(decode_error(
                    format!(
                        "cannot decode {} `{value}` as a {}",
                        short_tag(rtag),
                        short_tag(&tag)
                    ),
                    Some(line),
                ));
            }
        }
        BINARY_TAG => {
            use base64::Engine as _;
            let data = base64::engine::general_purpose::STANDARD
                .decode(value.as_bytes())
                .map_err(|_| {
                    decode_error(
                        "!!binary value contains invalid base64 data".to_owned(),
                        Some(line),
                    )
                })?;
            return Ok(Go::Str(String::from_utf8_lossy(&data).into_owned()));
        }
        _ => Resolved::Str,
    };
    Ok(match resolved {
        Resolved::Null => Go::Nil,
        Resolved::Bool(b) => Go::Bool(b),
        Resolved::Int(i) => Go::Int(i),
        Resolved::Uint(u) => Go::Uint(u),
        Resolved::Float(f) => Go::Float(f),
        // Timestamps stay strings when decoded into interface{} (decode.go, "backward
        // compatibility"); "<<" outside a key is just text.
        Resolved::Timestamp | Resolved::Merge | Resolved::Str => Go::Str(value),
    })
}

fn short_tag(tag: &str) -> String {
    match tag.strip_prefix("tag:yaml.org,2002:") {
        Some(rest) => format!("!!{rest}"),
        None => tag.to_owned(),
    }
}

/// Go's `%#v` of a decoded value, for error messages.
fn go_sharp_v(v: &Go) -> String {
    go_sharp_v_in(v, false)
}

/// `%#v`, where a nil inside a collection prints with its static type.
fn go_sharp_v_in(v: &Go, nested: bool) -> String {
    let elem = |v: &Go| go_sharp_v_in(v, true);
    match v {
        Go::Nil if nested => "interface {}(nil)".to_owned(),
        Go::Nil => "<nil>".to_owned(),
        Go::Bool(b) => b.to_string(),
        Go::Int(i) => i.to_string(),
        Go::Uint(u) => format!("0x{u:x}"),
        Go::Float(f) => gofloat::format_g(*f, false),
        Go::Str(s) => format!("{s:?}"),
        Go::Seq(items) => format!(
            "[]interface {{}}{{{}}}",
            items.iter().map(elem).collect::<Vec<_>>().join(", ")
        ),
        Go::Map(m) => format!(
            "map[interface {{}}]interface {{}}{{{}}}",
            m.iter()
                .map(|(k, v)| format!("{}:{}", elem(&key_to_go(k)), elem(v)))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

fn key_to_go(k: &GoKey) -> Go {
    match k {
        GoKey::Nil => Go::Nil,
        GoKey::Bool(b) => Go::Bool(*b),
        GoKey::Int(i) => Go::Int(*i),
        GoKey::Uint(u) => Go::Uint(*u),
        GoKey::Float(bits) => Go::Float(f64::from_bits(*bits)),
        GoKey::Str(s) => Go::Str(s.clone()),
    }
}

fn go_type_name(v: &Go) -> &'static str {
    match v {
        Go::Nil => "%!s(<nil>)",
        Go::Bool(_) => "bool",
        Go::Int(_) => "int",
        Go::Uint(_) => "uint64",
        Go::Float(_) => "float64",
        Go::Str(_) => "string",
        Go::Seq(_) => "[]interface {}",
        Go::Map(_) => "map[interface {}]interface {}",
    }
}

/// go-yaml v2's `yaml.Unmarshal` into `interface{}`: the first document, `None` when the
/// stream has none.
pub(crate) fn decode_go(text: &str) -> Result<Option<Go>> {
    Ok(decode_go_mode(text, false)?.map(|(go, _)| go))
}

/// `yaml.Unmarshal`, or `yaml.UnmarshalStrict` when `strict`; with the value, whether it holds
/// a NaN or an infinity.
fn decode_go_mode(text: &str, strict: bool) -> Result<Option<(Go, bool)>> {
    let Some(tree) = parse_first_document(text)? else {
        return Ok(None);
    };
    let mut decoder = Decoder {
        tree: &tree,
        active_aliases: HashSet::new(),
        decode_count: 0,
        alias_count: 0,
        alias_depth: 0,
        strict,
        terrors: Vec::new(),
        non_finite: false,
        fallback: false,
    };
    decoder.decode_count += 1; // the document node
    let go = decoder.decode(tree.root)?;
    if !decoder.terrors.is_empty() {
        return Err(decode_error(
            format!("unmarshal errors:\n  {}", decoder.terrors.join("\n  ")),
            None,
        ));
    }
    Ok(Some((go, decoder.non_finite)))
}

/// How numbers come out of [`convert`].
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Numbers {
    /// Through encoding/json into `interface{}`: every number is a `float64`.
    Float64,
    /// As go-yaml decoded them (`int`, `uint64`, `float64`).
    Typed,
}

/// sigs.k8s.io/yaml's `convertToJSONableObject` and the JSON round trip: keys become strings,
/// NaN and infinities are rejected as `json.Marshal` rejects them.
pub(crate) fn convert(v: Go, numbers: Numbers) -> Result<Value> {
    Ok(match v {
        Go::Nil => Value::Nil,
        Go::Bool(b) => Value::Bool(b),
        Go::Int(i) => match numbers {
            Numbers::Float64 => Value::Float(i as f64),
            Numbers::Typed => Value::Int(i),
        },
        Go::Uint(u) => match numbers {
            Numbers::Float64 => Value::Float(u as f64),
            Numbers::Typed => Value::Uint(u),
        },
        Go::Float(f) => Value::Float(f),
        Go::Str(s) => Value::from(s),
        Go::Seq(items) => Value::List(List::new(
            items
                .into_iter()
                .map(|item| stacker::maybe_grow(64 * 1024, 1024 * 1024, || convert(item, numbers)))
                .collect::<Result<_>>()?,
        )),
        Go::Map(m) => {
            let mut out = BTreeMap::new();
            for (k, v) in m {
                let key = match k {
                    GoKey::Str(s) => s,
                    GoKey::Int(i) => i.to_string(),
                    GoKey::Float(bits) => {
                        match gofloat::format_g(f64::from_bits(bits), true).as_str() {
                            "+Inf" => ".inf".to_owned(),
                            "-Inf" => "-.inf".to_owned(),
                            "NaN" => ".nan".to_owned(),
                            s => s.to_owned(),
                        }
                    }
                    GoKey::Bool(b) => b.to_string(),
                    other @ (GoKey::Nil | GoKey::Uint(_)) => {
                        let key = key_to_go(&other);
                        return Err(Error::YamlToJson {
                            message: format!(
                                "unsupported map key of type: {}, key: {}, value: {}",
                                go_type_name(&key),
                                go_sharp_v(&key),
                                go_sharp_v(&v)
                            ),
                        });
                    }
                };
                let value = stacker::maybe_grow(64 * 1024, 1024 * 1024, || convert(v, numbers))?;
                out.insert(key, value);
            }
            Value::Map(Map::from(out))
        }
    })
}

/// The first NaN or infinity `json.Marshal` would meet (maps in sorted key order).
fn check_json_floats(v: &Value) -> Result<()> {
    match v {
        Value::Float(f) if !f.is_finite() => Err(Error::YamlToJson {
            message: format!("json: unsupported value: {}", gofloat::format_g(*f, false)),
        }),
        Value::List(items) => items.iter().try_for_each(|item| {
            stacker::maybe_grow(64 * 1024, 1024 * 1024, || check_json_floats(item))
        }),
        Value::Map(m) => m.entries().iter().try_for_each(|(_, v)| {
            stacker::maybe_grow(64 * 1024, 1024 * 1024, || check_json_floats(v))
        }),
        _ => Ok(()),
    }
}

/// The Go type a document is decoded into.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    /// `interface{}`: any document.
    Any,
    /// `map[string]interface{}` (Helm's values, `fromYaml`): a mapping or nothing.
    Map,
    /// `[]interface{}` (`fromYamlArray`): a sequence or nothing.
    List,
}

fn json_kind(v: &Value) -> &'static str {
    match v {
        Value::List(_) => "array",
        Value::Map(_) => "object",
        Value::String(_) => "string",
        Value::Bool(_) => "bool",
        _ => "number",
    }
}

fn read(text: &str, target: Target, numbers: Numbers) -> Result<Value> {
    read_mode(text, target, numbers, false)
}

/// The first document as a value in one pass ([`Decoder::decode_value`]); `None` when the
/// two-pass path must decide.
fn read_value(text: &str, numbers: Numbers) -> Result<Option<(Value, bool)>> {
    let Some(tree) = parse_first_document(text)? else {
        return Ok(Some((Value::Nil, false)));
    };
    let mut decoder = Decoder {
        tree: &tree,
        active_aliases: HashSet::new(),
        decode_count: 0,
        alias_count: 0,
        alias_depth: 0,
        strict: false,
        terrors: Vec::new(),
        non_finite: false,
        fallback: false,
    };
    decoder.decode_count += 1; // the document node
    let value = decoder.decode_value(tree.root, numbers)?;
    Ok((!decoder.fallback).then_some((value, decoder.non_finite)))
}

fn read_mode(text: &str, target: Target, numbers: Numbers, strict: bool) -> Result<Value> {
    // Documents in the plain block style are read line by line, without the event parser.
    let simple = if strict {
        None
    } else {
        crate::simple_block::simple_value(text, numbers)
    };
    let (value, non_finite) = match simple {
        Some(value) => (value, false),
        None => event_value(text, numbers, strict)?,
    };
    if non_finite {
        check_json_floats(&value)?;
    }
    let fits = matches!(
        (target, &value),
        (Target::Any, _)
            | (_, Value::Nil)
            | (Target::Map, Value::Map(_))
            | (Target::List, Value::List(_))
    );
    if !fits {
        return Err(Error::YamlTarget {
            found: json_kind(&value),
            target: match target {
                Target::Map => "map[string]interface {}",
                _ => "[]interface {}",
            },
        });
    }
    Ok(value)
}

/// The first document's value through the event parser, and whether it has a NaN or an
/// infinity.
pub(crate) fn event_value(text: &str, numbers: Numbers, strict: bool) -> Result<(Value, bool)> {
    let fast = if strict {
        None
    } else {
        read_value(text, numbers)?
    };
    if let Some(read) = fast {
        return Ok(read);
    }
    let (go, non_finite) = decode_go_mode(text, strict)?.unwrap_or((Go::Nil, false));
    Ok((convert(go, numbers)?, non_finite))
}

/// Reads the first YAML document of `text` as `sigs.k8s.io/yaml.Unmarshal` into
/// `interface{}`: YAML 1.1 scalars, string keys, and every number a `float64`. An empty
/// stream reads as [`Value::Nil`].
pub fn from_yaml(text: &str) -> Result<Value> {
    read(text, Target::Any, Numbers::Float64)
}

/// Like [`from_yaml`] into a Go type: [`Target::Map`] is Helm's values and `fromYaml`
/// (`map[string]interface{}`), [`Target::List`] is `fromYamlArray`. A document of another
/// shape fails with encoding/json's message; an empty one reads as [`Value::Nil`].
pub fn from_yaml_into(text: &str, target: Target) -> Result<Value> {
    read(text, target, Numbers::Float64)
}

/// The first document with go-yaml's own number types kept ([`Value::Int`] for Go's `int`,
/// [`Value::Uint`], [`Value::Float`]) and keys turned into strings. This is what
/// sigs.k8s.io/yaml hands to encoding/json before it decodes into a struct: use it for
/// typed files such as `Chart.yaml`, with [`go_string_field`] for fields of type `string`.
pub fn from_yaml_typed(text: &str) -> Result<Value> {
    read(text, Target::Any, Numbers::Typed)
}

/// go-yaml's reader error for the invalid UTF-8 that starts `rest` (libyaml's
/// `yaml_parser_update_buffer` checks, in its order).
fn utf8_problem(rest: &[u8]) -> &'static str {
    let octet = rest.first().copied().unwrap_or(0);
    let width = if octet & 0x80 == 0 {
        1
    } else if octet & 0xE0 == 0xC0 {
        2
    } else if octet & 0xF0 == 0xE0 {
        3
    } else if octet & 0xF8 == 0xF0 {
        4
    } else {
        0
    };
    if width == 0 {
        return "invalid leading UTF-8 octet";
    }
    if width > rest.len() {
        return "incomplete UTF-8 octet sequence";
    }
    let mut value = u32::from(octet)
        & match width {
            1 => 0x7F,
            2 => 0x1F,
            3 => 0x0F,
            _ => 0x07,
        };
    for &b in &rest[1..width] {
        if b & 0xC0 != 0x80 {
            return "invalid trailing UTF-8 octet";
        }
        value = (value << 6) + u32::from(b & 0x3F);
    }
    let shortest = match width {
        1 => true,
        2 => value >= 0x80,
        3 => value >= 0x800,
        _ => value >= 0x10000,
    };
    if !shortest {
        return "invalid length of a UTF-8 sequence";
    }
    if (0xD800..=0xDFFF).contains(&value) || value > 0x0010_FFFF {
        return "invalid Unicode character";
    }
    "control characters are not allowed"
}

/// Reads bytes as go-yaml does: invalid UTF-8 is an error where the scanner reaches it, so a
/// syntax error earlier in the document wins.
fn read_bytes(data: &[u8], target: Target, numbers: Numbers) -> Result<Value> {
    let err = match std::str::from_utf8(data) {
        Ok(text) => return read(text, target, numbers),
        Err(err) => err,
    };
    let valid = err.valid_up_to();
    // The prefix holds only whole characters, so it is valid UTF-8.
    let prefix = std::str::from_utf8(&data[..valid]).unwrap_or_default();
    let eof = eof_mark(prefix);
    match decode_go(prefix) {
        // The scanner stops at its own errors before reading further; the parser looks ahead
        // far enough (simple keys) that the reader's error comes first.
        Err(
            e @ Error::YamlSyntax {
                line,
                column,
                scanner: true,
                ..
            },
        ) if (line - 1, column - 1) < eof => Err(e),
        _ => Err(Error::YamlSyntax {
            problem: utf8_problem(&data[valid..]).to_owned(),
            reported_line: 0,
            line: eof.0 + 1,
            column: eof.1 + 1,
            scanner: true,
        }),
    }
}

/// [`from_yaml_into`] for a file's bytes: invalid UTF-8 fails with go-yaml's reader
/// message (`yaml: invalid leading UTF-8 octet`, `yaml: incomplete UTF-8 octet sequence`)
/// unless a syntax error comes first, as when Helm loads a values file.
pub fn from_yaml_bytes(data: &[u8], target: Target) -> Result<Value> {
    read_bytes(data, target, Numbers::Float64)
}

/// [`from_yaml_typed`] for a file's bytes (`Chart.yaml`), with [`from_yaml_bytes`]'s
/// handling of invalid UTF-8.
pub fn from_yaml_typed_bytes(data: &[u8]) -> Result<Value> {
    read_bytes(data, Target::Any, Numbers::Typed)
}

/// [`from_yaml_typed`] as `sigs.k8s.io/yaml.UnmarshalStrict` reads (Helm's
/// `StrictLoadChartfile`, used by `helm lint`): a key set twice in one mapping, also by a
/// merge, fails with go-yaml's `yaml: unmarshal errors:` list. Unknown struct fields are the
/// caller's to reject.
pub fn from_yaml_typed_strict(text: &str) -> Result<Value> {
    read_mode(text, Target::Any, Numbers::Typed, true)
}

/// What sigs.k8s.io/yaml puts into a Go `string` field for a scalar read by
/// [`from_yaml_typed`]: strings as they are, numbers and booleans as text (floats with
/// 32-bit precision: `1.10` becomes `"1.1"`). `None` for nil, lists and maps.
pub fn go_string_field(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.to_string()),
        Value::Int(i) | Value::Int64(i) => Some(i.to_string()),
        Value::Uint(u) => Some(u.to_string()),
        Value::Float(f) => Some(gofloat::format_g(*f, true)),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn get(v: &Value, key: &str) -> Value {
        v.as_map().and_then(|m| m.get(key)).unwrap_or(Value::Nil)
    }

    #[test]
    fn scalars_resolve_as_yaml_1_1_then_json() {
        let v = from_yaml("a: yes\nb: 0x10\nc: ~\nd: '1'\ne: 1.5\nf: 2001-12-14\n").unwrap();
        assert!(matches!(get(&v, "a"), Value::Bool(true)));
        assert!(matches!(get(&v, "b"), Value::Float(f) if f == 16.0));
        assert!(get(&v, "c").is_nil());
        assert_eq!(get(&v, "d").as_str(), Some("1"));
        assert!(matches!(get(&v, "e"), Value::Float(f) if f == 1.5));
        assert_eq!(get(&v, "f").as_str(), Some("2001-12-14"));
    }

    #[test]
    fn keys_become_strings() {
        let v = from_yaml("true: a\n1: b\n1.5: c\non: d\n").unwrap();
        let keys = v.as_map().unwrap().keys();
        assert_eq!(keys, vec!["1", "1.5", "true"]);
    }

    #[test]
    fn merge_keys_and_aliases() {
        let v = from_yaml("base: &b {p: 1, q: 2}\nderived:\n  <<: *b\n  q: 3\n  y: 4\n").unwrap();
        let d = get(&v, "derived");
        assert!(matches!(get(&d, "p"), Value::Float(f) if f == 1.0));
        assert!(matches!(get(&d, "q"), Value::Float(f) if f == 3.0));
        // "y" is a YAML 1.1 boolean, also as a key.
        assert!(matches!(get(&d, "true"), Value::Float(f) if f == 4.0));
    }

    #[test]
    fn only_the_first_document_counts() {
        let v = from_yaml("a: 1\n---\nb: 2\n").unwrap();
        assert_eq!(v.as_map().unwrap().keys(), vec!["a"]);
        assert!(from_yaml("").unwrap().is_nil());
    }

    #[test]
    fn syntax_errors_use_go_yaml_lines() {
        let err = from_yaml("a: b\nc: d: e\n").unwrap_err();
        assert_eq!(
            err.to_string(),
            "error converting YAML to JSON: yaml: line 2: mapping values are not allowed in this context"
        );
    }

    #[test]
    fn unknown_anchor_and_nan() {
        let err = from_yaml("a: *x\n").unwrap_err();
        assert_eq!(
            err.to_string(),
            "error converting YAML to JSON: yaml: unknown anchor 'x' referenced"
        );
        let err = from_yaml("a: .nan\n").unwrap_err();
        assert_eq!(
            err.to_string(),
            "error converting YAML to JSON: json: unsupported value: NaN"
        );
    }

    #[test]
    fn target_mismatch_uses_json_words() {
        let err = from_yaml_into("- a\n", Target::Map).unwrap_err();
        assert_eq!(
            err.to_string(),
            "error unmarshaling JSON: while decoding JSON: json: cannot unmarshal array into Go value of type map[string]interface {}"
        );
    }

    #[test]
    fn typed_reading_keeps_ints() {
        let v = from_yaml_typed("version: 1.10\nm: 3\n").unwrap();
        assert!(matches!(get(&v, "m"), Value::Int(3)));
        assert_eq!(go_string_field(&get(&v, "version")).as_deref(), Some("1.1"));
    }

    #[test]
    fn deep_nesting_neither_overflows_nor_panics() {
        let depth = 2_000;
        let text = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
        let v = from_yaml(&text).unwrap();
        let written = crate::to_yaml(&v).unwrap();
        assert!(from_yaml(&written).is_ok());
        let _ = crate::to_json(&v, &crate::JsonOptions::marshal()).unwrap();
        let _ = crate::to_toml(&Value::Map(Map::new())).unwrap();
        let too_deep = "[".repeat(20_000);
        assert!(from_yaml(&too_deep).is_err());
    }

    #[test]
    fn invalid_utf8_fails_as_go_yaml_reads_it() {
        let err = |b: &[u8]| from_yaml_bytes(b, Target::Map).unwrap_err().to_string();
        assert_eq!(
            err(b"a: \xff\n"),
            "error converting YAML to JSON: yaml: invalid leading UTF-8 octet"
        );
        assert_eq!(
            err(b"a: \xc3(\n"),
            "error converting YAML to JSON: yaml: invalid trailing UTF-8 octet"
        );
        assert!(
            err(b"a: b: c\nd: \xe9\n").ends_with("mapping values are not allowed in this context")
        );
        assert!(from_yaml_bytes(b"a: 1\n", Target::Map).is_ok());
    }

    #[test]
    fn long_input_reads_across_the_readers_chunks() {
        // Multi-byte characters straddle the reader's 16 KiB chunks at every offset, and a
        // document indicator and a flow collection sit near chunk ends.
        let mut text = String::new();
        let mut i = 0;
        while text.len() < 200_000 {
            text.push_str(&["k", &i.to_string(), ": \"é€𝄞", &"x".repeat(i % 7), "\"\n"].concat());
            i += 1;
        }
        text.push_str("last: [a, b]\n---\nother: 1\n");
        let v = from_yaml(&text).unwrap();
        let m = v.as_map().unwrap();
        assert_eq!(m.len(), i + 1);
        assert_eq!(get(&v, "k5").as_str(), Some("é€𝄞xxxxx"));
        assert_eq!(to_yaml_list(&get(&v, "last")), ["a", "b"]);
    }

    fn to_yaml_list(v: &Value) -> Vec<String> {
        v.as_list()
            .unwrap()
            .iter()
            .map(|x| x.as_str().unwrap().to_owned())
            .collect()
    }

    #[test]
    fn a_control_character_fails_before_an_earlier_syntax_error() {
        // libyaml-safer checks all the input it is given before scanning, also now that it
        // decodes it a chunk at a time.
        let text = format!("a: b: c\n{}z: \u{1}\n", "y: 1\n".repeat(20_000));
        let err = from_yaml(&text).unwrap_err().to_string();
        assert!(err.ends_with("control characters are not allowed"), "{err}");
        let err = from_yaml("a: b: c\n").unwrap_err().to_string();
        assert!(
            err.ends_with("mapping values are not allowed in this context"),
            "{err}"
        );
    }

    #[test]
    fn one_pass_reading_agrees_with_two_passes() {
        let docs = [
            "a: 1\nb: {c: [1, 2.5, x, ~], d: yes}\na: 3\n",
            "a: {1: x, true: y, 1.5: z, s: {t: u}}\nb: &x {p: 1}\nc: *x\nd: {<<: *x, q: 2}\n",
            "'quoted': 1\n\"k\": 2001-12-14\n!!str k2: 3\n",
            "a: {~: 1}\nb: {c: 2}\n",
            "- a: {? [x]: 1}\n",
            "a: [{b: .inf}]\n",
            "- 1\n- {a: 0x10, b: 0o17}\n",
        ];
        for doc in docs {
            for numbers in [Numbers::Float64, Numbers::Typed] {
                let two = decode_go_mode(doc, false)
                    .and_then(|go| convert(go.map_or(Go::Nil, |(g, _)| g), numbers));
                let one = read_value(doc, numbers);
                match (one, two) {
                    (Ok(Some((a, _))), Ok(b)) => assert_eq!(format!("{a:?}"), format!("{b:?}")),
                    (Ok(None), Err(_)) => {}
                    (Err(a), Err(b)) => assert_eq!(a.to_string(), b.to_string()),
                    (a, b) => panic!("{doc}: {a:?} against {b:?}"),
                }
            }
        }
    }

    #[test]
    fn last_line_follows_every_line_break() {
        for text in [
            "",
            "a",
            "a\n",
            "a\nb",
            "a\r\nb c",
            "x\u{85}y",
            "x\u{2028}é",
            "x\u{2029}",
            "é€\u{a8}",
            "\u{1A8}z",
        ] {
            let want = text
                .rsplit(['\n', '\r', '\u{85}', '\u{2028}', '\u{2029}'])
                .next()
                .unwrap_or("");
            assert_eq!(last_line(text), want, "{text:?}");
        }
    }

    #[test]
    fn strict_reading_rejects_keys_set_twice() {
        let err = from_yaml_typed_strict("a: 1\nb: 2\na: 3\n").unwrap_err();
        assert_eq!(
            err.to_string(),
            "error converting YAML to JSON: yaml: unmarshal errors:\n  line 3: key \"a\" already set in map"
        );
        assert!(from_yaml_typed_strict("a: 1\nb: 2\n").is_ok());
    }
}
