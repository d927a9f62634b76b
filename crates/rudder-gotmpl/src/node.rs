//! The parse tree, shaped like Go's `text/template/parse` nodes (`parse/node.go`).
//!
//! Every node keeps its byte offset `pos` into the template text so that execution errors can
//! say `NAME:LINE:COL`, and prints itself (`Display`) exactly as Go's `String()` does, because
//! Go's error messages quote nodes: `executing "x" at <.Values.a.b>: ...`.

use std::sync::Arc;

/// Byte offset of a node in the original template text.
pub type Pos = usize;

/// A sequence of nodes (Go's `ListNode`).
#[derive(Clone, Debug, Default)]
pub struct ListNode {
    /// Offset of the list.
    pub pos: Pos,
    /// The nodes in order.
    pub nodes: Vec<Node>,
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
    If(BranchNode),
    /// `{{ range }}`
    Range(BranchNode),
    /// `{{ with }}`
    With(BranchNode),
    /// `{{ template "name" pipeline }}` (also what `block` becomes).
    Template(TemplateNode),
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
    pub text: Arc<str>,
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
    /// 1-based line of the action.
    pub line: usize,
    /// The pipeline to evaluate and print.
    pub pipe: PipeNode,
}

/// A pipeline with optional variable declarations: `$x := a | b c`.
#[derive(Clone, Debug)]
pub struct PipeNode {
    /// Offset.
    pub pos: Pos,
    /// 1-based line.
    pub line: usize,
    /// True for `$x = ...` (assignment), false for `$x := ...` (declaration).
    pub is_assign: bool,
    /// The declared or assigned variables (zero, one, or two in `range`).
    pub decl: Vec<VariableNode>,
    /// The commands, in pipeline order.
    pub cmds: Vec<CommandNode>,
}

/// One command of a pipeline: an operand followed by arguments.
#[derive(Clone, Debug)]
pub struct CommandNode {
    /// Offset.
    pub pos: Pos,
    /// The operand and its arguments.
    pub args: Vec<Arg>,
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
    Number(NumberNode),
    /// A string constant.
    String(StringNode),
}

/// A function name.
#[derive(Clone, Debug)]
pub struct IdentifierNode {
    /// Offset.
    pub pos: Pos,
    /// The name.
    pub ident: String,
}

/// `$`, `$x` or `$x.A.B`; `ident[0]` is the variable name including `$`.
#[derive(Clone, Debug)]
pub struct VariableNode {
    /// Offset.
    pub pos: Pos,
    /// Variable name followed by field names.
    pub ident: Vec<String>,
}

/// `.A.B.C`; `ident` holds the names without dots.
#[derive(Clone, Debug)]
pub struct FieldNode {
    /// Offset.
    pub pos: Pos,
    /// The field names.
    pub ident: Vec<String>,
}

/// `(pipe).A.B` or `$x.A` after a parenthesised term: a term followed by field names.
#[derive(Clone, Debug)]
pub struct ChainNode {
    /// Offset.
    pub pos: Pos,
    /// The term the fields are applied to.
    pub node: Arg,
    /// The field names without dots.
    pub field: Vec<String>,
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
    pub text: String,
}

/// A string constant.
#[derive(Clone, Debug)]
pub struct StringNode {
    /// Offset.
    pub pos: Pos,
    /// The original quoted text.
    pub quoted: String,
    /// The unquoted value.
    pub text: Arc<str>,
}

/// `if`, `range` and `with` share this shape (Go's `BranchNode`).
#[derive(Clone, Debug)]
pub struct BranchNode {
    /// Offset.
    pub pos: Pos,
    /// 1-based line.
    pub line: usize,
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
    /// 1-based line.
    pub line: usize,
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
    /// 1-based line.
    pub line: usize,
}

/// `{{ continue }}`
#[derive(Clone, Debug)]
pub struct ContinueNode {
    /// Offset.
    pub pos: Pos,
    /// 1-based line.
    pub line: usize,
}
