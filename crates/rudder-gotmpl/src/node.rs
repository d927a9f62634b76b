//! The parse tree, shaped like Go's `text/template/parse` nodes (`parse/node.go`).
//!
//! Every node keeps its byte offset `pos` into the template text so that execution errors can
//! say `NAME:LINE:COL`, and prints itself (`Display`) exactly as Go's `String()` does, because
//! Go's error messages quote nodes: `executing "x" at <.Values.a.b>: ...`. Go's nodes also
//! keep their line, which nothing but its parser's error messages reads; ours count lines
//! from the offset when they report one.

use std::fmt;
use std::ops::Deref;
use std::sync::Arc;

/// Byte offset of a node in the original template text.
pub type Pos = usize;

/// A piece of the template text: a field, variable or function name, a literal as written,
/// or plain text. It shares the text of the tree instead of copying it, because a chart's
/// templates hold hundreds of thousands of them: parsing allocates none of them. It reads as
/// a `&str` (`Deref`).
#[derive(Clone)]
pub struct Name {
    text: Arc<str>,
    start: usize,
    end: usize,
}

impl Name {
    /// The bytes `start..end` of `text`; both must be character boundaries within it.
    pub fn new(text: Arc<str>, start: usize, end: usize) -> Self {
        debug_assert!(
            text.get(start..end).is_some(),
            "a name is a slice of its text"
        );
        Name { text, start, end }
    }

    /// The name as a string slice.
    pub fn as_str(&self) -> &str {
        self.text.get(self.start..self.end).unwrap_or("")
    }
}

impl From<&str> for Name {
    fn from(s: &str) -> Self {
        Name::new(Arc::from(s), 0, s.len())
    }
}

impl Deref for Name {
    type Target = str;

    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl PartialEq for Name {
    fn eq(&self, other: &Self) -> bool {
        self.as_str() == other.as_str()
    }
}

impl PartialEq<str> for Name {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Name {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl fmt::Debug for Name {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl fmt::Display for Name {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A sequence of nodes (Go's `ListNode`).
#[derive(Clone, Debug, Default)]
pub struct ListNode {
    /// Offset of the list.
    pub pos: Pos,
    /// The nodes in order.
    pub nodes: Box<[Node]>,
}

/// A statement-level node.
#[derive(Clone, Debug)]
pub enum Node {
    /// Plain text between actions.
    Text(TextNode),
    /// `{{/* ... */}}` (kept only when the parser is asked to keep comments).
    Comment(CommentNode),
    /// `{{ pipeline }}`
    Action(ActionNode),
    /// `{{ if }}`
    If(Box<BranchNode>),
    /// `{{ range }}`
    Range(Box<BranchNode>),
    /// `{{ with }}`
    With(Box<BranchNode>),
    /// `{{ template "name" pipeline }}` (also what `block` becomes).
    Template(Box<TemplateNode>),
    /// `{{ break }}`
    Break(BreakNode),
    /// `{{ continue }}`
    Continue(ContinueNode),
}

/// Plain text.
#[derive(Clone, Debug)]
pub struct TextNode {
    /// Offset.
    pub pos: Pos,
    /// The text, already trimmed by `{{-`/`-}}` markers.
    pub text: Name,
}

/// A comment.
#[derive(Clone, Debug)]
pub struct CommentNode {
    /// Offset.
    pub pos: Pos,
    /// The comment including its `/*` `*/` delimiters.
    pub text: String,
}

/// `{{ pipeline }}`
#[derive(Clone, Debug)]
pub struct ActionNode {
    /// Offset.
    pub pos: Pos,
    /// The pipeline to evaluate and print.
    pub pipe: PipeNode,
}

/// A pipeline with optional variable declarations: `$x := a | b c`.
#[derive(Clone, Debug)]
pub struct PipeNode {
    /// Offset.
    pub pos: Pos,
    /// True for `$x = ...` (assignment), false for `$x := ...` (declaration).
    pub is_assign: bool,
    /// The declared or assigned variables (zero, one, or two in `range`).
    pub decl: Box<[VariableNode]>,
    /// The commands, in pipeline order.
    pub cmds: Box<[CommandNode]>,
}

/// One command of a pipeline: an operand followed by arguments.
#[derive(Clone, Debug)]
pub struct CommandNode {
    /// Offset.
    pub pos: Pos,
    /// The operand and its arguments.
    pub args: Box<[Arg]>,
}

/// An operand or argument inside a command.
#[derive(Clone, Debug)]
pub enum Arg {
    /// A function name: `printf`.
    Identifier(IdentifierNode),
    /// `$x.Field`
    Variable(VariableNode),
    /// `.`
    Dot(Pos),
    /// `nil`
    Nil(Pos),
    /// `.A.B`
    Field(FieldNode),
    /// `(pipeline).A.B`
    Chain(Box<ChainNode>),
    /// `(pipeline)`
    Pipe(Box<PipeNode>),
    /// `true` / `false`
    Bool(BoolNode),
    /// A number constant.
    Number(Box<NumberNode>),
    /// A string constant.
    String(StringNode),
}

/// A function name.
#[derive(Clone, Debug)]
pub struct IdentifierNode {
    /// Offset.
    pub pos: Pos,
    /// The name.
    pub ident: Name,
}

/// `$`, `$x` or `$x.A.B`; `ident[0]` is the variable name including `$`.
#[derive(Clone, Debug)]
pub struct VariableNode {
    /// Offset.
    pub pos: Pos,
    /// Variable name followed by field names.
    pub ident: Box<[Name]>,
}

/// `.A.B.C`; `ident` holds the names without dots.
#[derive(Clone, Debug)]
pub struct FieldNode {
    /// Offset.
    pub pos: Pos,
    /// The field names.
    pub ident: Box<[Name]>,
}

/// `(pipe).A.B` or `$x.A` after a parenthesised term: a term followed by field names.
#[derive(Clone, Debug)]
pub struct ChainNode {
    /// Offset.
    pub pos: Pos,
    /// The term the fields are applied to.
    pub node: Arg,
    /// The field names without dots.
    pub field: Box<[Name]>,
}

/// `true` or `false`.
#[derive(Clone, Debug)]
pub struct BoolNode {
    /// Offset.
    pub pos: Pos,
    /// The value.
    pub value: bool,
}

/// A number constant with every interpretation Go found valid for it.
#[derive(Clone, Debug)]
pub struct NumberNode {
    /// Offset.
    pub pos: Pos,
    /// The value fits an `int64`.
    pub is_int: bool,
    /// The value fits a `uint64`.
    pub is_uint: bool,
    /// The value is a valid `float64`.
    pub is_float: bool,
    /// The value is a complex number (`1i`).
    pub is_complex: bool,
    /// Value as int64 when `is_int`.
    pub int64: i64,
    /// Value as uint64 when `is_uint`.
    pub uint64: u64,
    /// Value as float64 when `is_float`.
    pub float64: f64,
    /// Real and imaginary parts when `is_complex`.
    pub complex128: (f64, f64),
    /// The original text.
    pub text: Name,
}

/// A string constant.
#[derive(Clone, Debug)]
pub struct StringNode {
    /// Offset.
    pub pos: Pos,
    /// The original quoted text.
    pub quoted: Name,
    /// The unquoted value.
    pub text: Arc<str>,
}

/// `if`, `range` and `with` share this shape (Go's `BranchNode`).
#[derive(Clone, Debug)]
pub struct BranchNode {
    /// Offset.
    pub pos: Pos,
    /// The condition or the ranged-over pipeline.
    pub pipe: PipeNode,
    /// The body.
    pub list: ListNode,
    /// The `else` body, if any (`else if` / `else with` nest here as a single branch).
    pub else_list: Option<ListNode>,
}

/// `{{ template "name" pipeline }}`
#[derive(Clone, Debug)]
pub struct TemplateNode {
    /// Offset.
    pub pos: Pos,
    /// The invoked template's name.
    pub name: String,
    /// The data pipeline, if any.
    pub pipe: Option<PipeNode>,
}

/// `{{ break }}`
#[derive(Clone, Debug)]
pub struct BreakNode {
    /// Offset.
    pub pos: Pos,
}

/// `{{ continue }}`
#[derive(Clone, Debug)]
pub struct ContinueNode {
    /// Offset.
    pub pos: Pos,
}

// Printing: every node prints itself exactly as Go's `String()` does (`parse/node.go`), because
// Go's error messages quote nodes.

/// Stack the printing of deeply nested trees needs beyond the current one.
const RED_ZONE: usize = 64 * 1024;
const STACK_GROWTH: usize = 1024 * 1024;

impl fmt::Display for ListNode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        stacker::maybe_grow(RED_ZONE, STACK_GROWTH, || {
            for n in &self.nodes {
                n.fmt(f)?;
            }
            Ok(())
        })
    }
}

impl fmt::Display for Node {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Node::Text(n) => n.fmt(f),
            Node::Comment(n) => n.fmt(f),
            Node::Action(n) => n.fmt(f),
            Node::If(n) => n.display("if").fmt(f),
            Node::Range(n) => n.display("range").fmt(f),
            Node::With(n) => n.display("with").fmt(f),
            Node::Template(n) => n.fmt(f),
            Node::Break(n) => n.fmt(f),
            Node::Continue(n) => n.fmt(f),
        }
    }
}

impl fmt::Display for TextNode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl fmt::Display for CommentNode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{{{{{}}}}}", self.text)
    }
}

impl fmt::Display for ActionNode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{{{{{}}}}}", self.pipe)
    }
}

impl fmt::Display for PipeNode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        stacker::maybe_grow(RED_ZONE, STACK_GROWTH, || self.fmt_pipe(f))
    }
}

impl PipeNode {
    fn fmt_pipe(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if !self.decl.is_empty() {
            for (i, v) in self.decl.iter().enumerate() {
                if i > 0 {
                    f.write_str(", ")?;
                }
                fmt::Display::fmt(v, f)?;
            }
            f.write_str(if self.is_assign { " = " } else { " := " })?;
        }
        for (i, c) in self.cmds.iter().enumerate() {
            if i > 0 {
                f.write_str(" | ")?;
            }
            fmt::Display::fmt(c, f)?;
        }
        Ok(())
    }
}

impl fmt::Display for CommandNode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, arg) in self.args.iter().enumerate() {
            if i > 0 {
                f.write_str(" ")?;
            }
            arg.fmt(f)?;
        }
        Ok(())
    }
}

/// A parenthesised pipeline prints with its parentheses wherever it appears as an argument.
impl fmt::Display for Arg {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Arg::Identifier(n) => n.fmt(f),
            Arg::Variable(n) => n.fmt(f),
            Arg::Dot(_) => f.write_str("."),
            Arg::Nil(_) => f.write_str("nil"),
            Arg::Field(n) => n.fmt(f),
            Arg::Chain(n) => n.fmt(f),
            Arg::Pipe(p) => write!(f, "({p})"),
            Arg::Bool(n) => n.fmt(f),
            Arg::Number(n) => n.fmt(f),
            Arg::String(n) => n.fmt(f),
        }
    }
}

impl Arg {
    /// Byte offset of the argument in the template text.
    pub fn pos(&self) -> Pos {
        match self {
            Arg::Identifier(n) => n.pos,
            Arg::Variable(n) => n.pos,
            Arg::Dot(pos) | Arg::Nil(pos) => *pos,
            Arg::Field(n) => n.pos,
            Arg::Chain(n) => n.pos,
            Arg::Pipe(n) => n.pos,
            Arg::Bool(n) => n.pos,
            Arg::Number(n) => n.pos,
            Arg::String(n) => n.pos,
        }
    }
}

impl fmt::Display for IdentifierNode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.ident)
    }
}

impl fmt::Display for VariableNode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, id) in self.ident.iter().enumerate() {
            if i > 0 {
                f.write_str(".")?;
            }
            f.write_str(id)?;
        }
        Ok(())
    }
}

impl fmt::Display for FieldNode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for id in &self.ident {
            write!(f, ".{id}")?;
        }
        Ok(())
    }
}

impl fmt::Display for ChainNode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.node.fmt(f)?;
        for field in &self.field {
            write!(f, ".{field}")?;
        }
        Ok(())
    }
}

impl fmt::Display for BoolNode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(if self.value { "true" } else { "false" })
    }
}

/// Numbers print their original text (`0x1F`, `1_000`, `'a'`).
impl fmt::Display for NumberNode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

/// Strings print their original quoted form.
impl fmt::Display for StringNode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.quoted)
    }
}

impl BranchNode {
    /// Prints the branch as Go does, given its keyword (`if`, `range` or `with`), which the
    /// shared node does not record: `{{if .X}}...{{else}}...{{end}}`.
    pub fn display<'a>(&'a self, keyword: &'a str) -> impl fmt::Display + 'a {
        BranchDisplay {
            branch: self,
            keyword,
        }
    }
}

struct BranchDisplay<'a> {
    branch: &'a BranchNode,
    keyword: &'a str,
}

impl fmt::Display for BranchDisplay<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let b = self.branch;
        write!(f, "{{{{{} {}}}}}{}", self.keyword, b.pipe, b.list)?;
        if let Some(else_list) = &b.else_list {
            write!(f, "{{{{else}}}}{else_list}")?;
        }
        f.write_str("{{end}}")
    }
}

impl fmt::Display for TemplateNode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("{{template ")?;
        f.write_str(&rudder_value::strconv::quote(&self.name))?;
        if let Some(pipe) = &self.pipe {
            write!(f, " {pipe}")?;
        }
        f.write_str("}}")
    }
}

impl fmt::Display for BreakNode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("{{break}}")
    }
}

impl fmt::Display for ContinueNode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("{{continue}}")
    }
}

// Dropping: parenthesised pipelines may nest 10,000 deep (Go's limit) and control structures
// without limit, so the nested parts are taken apart with a loop rather than by recursion.

impl Drop for PipeNode {
    fn drop(&mut self) {
        let mut pending: Vec<PipeNode> = Vec::new();
        take_nested_pipes(&mut self.cmds, &mut pending);
        while let Some(mut pipe) = pending.pop() {
            take_nested_pipes(&mut pipe.cmds, &mut pending);
        }
    }
}

/// Moves the pipelines nested in `cmds` (directly or under a chain) to `pending`.
fn take_nested_pipes(cmds: &mut [CommandNode], pending: &mut Vec<PipeNode>) {
    for cmd in cmds {
        for arg in &mut *cmd.args {
            let mut arg = arg;
            loop {
                match arg {
                    Arg::Pipe(_) => {
                        if let Arg::Pipe(p) = std::mem::replace(arg, Arg::Nil(0)) {
                            pending.push(*p);
                        }
                        break;
                    }
                    Arg::Chain(chain) => arg = &mut chain.node,
                    _ => break,
                }
            }
        }
    }
}

impl Drop for ListNode {
    fn drop(&mut self) {
        let mut pending: Vec<Box<[Node]>> = vec![std::mem::take(&mut self.nodes)];
        while let Some(nodes) = pending.pop() {
            for mut node in nodes.into_vec() {
                if let Node::If(b) | Node::Range(b) | Node::With(b) = &mut node {
                    pending.push(std::mem::take(&mut b.list.nodes));
                    if let Some(e) = &mut b.else_list {
                        pending.push(std::mem::take(&mut e.nodes));
                    }
                }
            }
        }
    }
}
