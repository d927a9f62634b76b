//! The template parser, a port of Go's `text/template/parse/parse.go` (Go 1.26).
//!
//! [`parse`] turns template text into [`Tree`]s: the tree named after the template first, then
//! one tree per `{{define}}` or `{{block}}` in the text, as Go's `parse.Parse` fills its tree
//! set. Errors are [`ParseError`]s whose text is exactly Go's (`template: NAME:LINE: ...`).
//!
//! ```
//! use rudder_gotmpl::parse::{parse, ParseOptions};
//!
//! let trees = parse("t", "{{define \"x\"}}X{{end}}{{if .A}}{{template \"x\" .}}{{end}}",
//!     &ParseOptions::default(), &|_| false).unwrap();
//! assert_eq!(trees[0].name, "t");
//! assert_eq!(trees[0].root.to_string(), "{{if .A}}{{template \"x\" .}}{{end}}");
//! assert_eq!(trees[1].name, "x");
//!
//! let err = parse("t", "{{if}}", &ParseOptions::default(), &|_| false).unwrap_err();
//! assert_eq!(err.to_string(), "template: t:1: missing value for if");
//! ```

use std::fmt;
use std::sync::Arc;

use crate::lex::{Item, ItemType, LexOptions, Lexer, go_quote};
use crate::node::{
    ActionNode, Arg, BoolNode, BranchNode, BreakNode, ChainNode, CommandNode, CommentNode,
    ContinueNode, FieldNode, IdentifierNode, ListNode, Name, Node, NumberNode, PipeNode, Pos,
    StringNode, TemplateNode, TextNode, VariableNode,
};

/// Go's `maxStackDepth`: how deeply parenthesised pipelines may nest.
const MAX_STACK_DEPTH: usize = 10_000;
/// Go's `maxPipelineCmds`: how many commands one pipeline may hold.
const MAX_PIPELINE_CMDS: usize = 100_000;

/// One parsed template (Go's `parse.Tree`).
#[derive(Clone, Debug)]
pub struct Tree {
    /// The name of the template this tree represents.
    pub name: String,
    /// The name of the top-level template being parsed, for error messages.
    pub parse_name: String,
    /// The top-level list of nodes.
    pub root: ListNode,
    /// The whole text the tree was parsed from (shared by the trees of one parse).
    pub text: Arc<str>,
}

impl Tree {
    /// Go's `ErrorContext` location: `PARSENAME:LINE:COL` for a byte offset into the text,
    /// where COL counts bytes from the start of the line, from 0.
    pub fn error_context(&self, pos: Pos) -> String {
        let bytes = self.text.as_bytes();
        let before = &bytes[..pos.min(bytes.len())];
        let line = 1 + crate::lex::count_newlines(before);
        let col = match before.iter().rposition(|&b| b == b'\n') {
            Some(nl) => before.len() - (nl + 1),
            None => before.len(),
        };
        format!("{}:{}:{}", self.parse_name, line, col)
    }

    /// Go's `IsEmptyTree`: the tree holds nothing but space and comments.
    pub fn is_empty(&self) -> bool {
        is_empty_list(&self.root)
    }
}

fn is_empty_list(list: &ListNode) -> bool {
    list.nodes.iter().all(|n| match n {
        Node::Text(t) => t.text.trim().is_empty(),
        Node::Comment(_) => true,
        _ => false,
    })
}

/// How to parse (Go's delimiters and `parse.Mode`).
#[derive(Clone, Debug)]
pub struct ParseOptions {
    /// The left action delimiter; empty means `{{`.
    pub left_delim: String,
    /// The right action delimiter; empty means `}}`.
    pub right_delim: String,
    /// Do not check that functions exist (Go's `SkipFuncCheck`).
    pub skip_func_check: bool,
    /// Keep comments in the tree (Go's `ParseComments`).
    pub keep_comments: bool,
}

impl Default for ParseOptions {
    fn default() -> Self {
        ParseOptions {
            left_delim: "{{".to_string(),
            right_delim: "}}".to_string(),
            skip_func_check: false,
            keep_comments: false,
        }
    }
}

/// A parse error, displayed as Go displays it: `template: NAME:LINE: MESSAGE`.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("template: {name}:{line}: {message}")]
pub struct ParseError {
    /// The name of the template being parsed (Go's `ParseName`).
    pub name: String,
    /// The 1-based line Go reports (the line of the last token read).
    pub line: usize,
    /// The message after the location, e.g. `unexpected EOF`.
    pub message: String,
}

type Result<T, E = ParseError> = std::result::Result<T, E>;

/// Parses `text` as template `name`.
///
/// Returns the tree named `name` first, then the trees of the `{{define}}` and `{{block}}`
/// actions in the order they were first defined. `is_func` says whether a function name
/// exists (Go's builtins included); it is also asked about `break` and `continue`, which are
/// plain identifiers when functions of those names exist.
pub fn parse(
    name: &str,
    text: &str,
    opts: &ParseOptions,
    is_func: &dyn Fn(&str) -> bool,
) -> Result<Vec<Tree>> {
    let lex_options = LexOptions {
        emit_comment: opts.keep_comments,
        break_ok: !is_func("break"),
        continue_ok: !is_func("continue"),
    };
    let text_arc: Arc<str> = Arc::from(text);
    let mut p = Parser {
        lex: Lexer::new(text, &opts.left_delim, &opts.right_delim, lex_options),
        parse_name: name,
        text: text_arc.clone(),
        is_func,
        skip_func_check: opts.skip_func_check,
        cur: TreeState::new(name),
        outer: Vec::new(),
        set: Vec::new(),
        // Each stack starts with a placeholder that is never cut off: see `cut`.
        nodes: vec![Node::Break(BreakNode { pos: 0 })],
        cmds: vec![CommandNode {
            pos: 0,
            args: Box::default(),
        }],
        args: vec![Arg::Nil(0)],
        names: vec![Name::new(text_arc, 0, 0)],
    };
    p.parse_top()?;
    p.add()?;
    let mut set = p.set;
    if let Some(i) = set.iter().position(|t| t.name == name) {
        let main = set.remove(i);
        set.insert(0, main);
    }
    Ok(set)
}

/// The elements of `stack` from `base` on, moved into a list of their exact size. `base` is
/// never 0 (each stack holds a placeholder there) because `Vec::split_off(0)` may hand over the
/// whole buffer, spare room included, to be shrunk by a reallocation.
fn cut<T>(stack: &mut Vec<T>, base: usize) -> Box<[T]> {
    debug_assert!(base > 0, "the placeholder stays");
    if stack.len() == base {
        return Box::default();
    }
    stack.split_off(base).into_boxed_slice()
}

/// The parsing state of one tree; `{{define}}` and `{{block}}` start a fresh one, sharing the
/// lexer, as Go's nested `Tree`s do.
struct TreeState<'a> {
    name: String,
    root: ListNode,
    /// Three-token look-ahead; `token[0]` is always the last token read from the lexer.
    token: [Item<'a>; 3],
    peek_count: usize,
    /// Variables defined at the moment.
    vars: Vec<&'a str>,
    /// Where the left delimiter starting the current action is (`None` outside actions).
    action_pos: Option<Pos>,
    range_depth: usize,
    stack_depth: usize,
}

impl TreeState<'_> {
    fn new(name: &str) -> Self {
        TreeState {
            name: name.to_string(),
            root: ListNode::default(),
            token: [Item::ZERO; 3],
            peek_count: 0,
            vars: vec!["$"],
            action_pos: None,
            range_depth: 0,
            stack_depth: 0,
        }
    }
}

/// What `{{end}}` and `{{else}}` parse to: they end item lists and never enter the tree.
enum Parsed {
    Node(Node),
    End,
    Else { pos: Pos },
}

impl Parsed {
    fn describe(&self) -> &'static str {
        match self {
            Parsed::End => "{{end}}",
            Parsed::Else { .. } => "{{else}}",
            Parsed::Node(_) => "node",
        }
    }
}

struct Parser<'a, 'f> {
    lex: Lexer<'a>,
    parse_name: &'a str,
    text: Arc<str>,
    is_func: &'f dyn Fn(&str) -> bool,
    skip_func_check: bool,
    /// The tree being parsed.
    cur: TreeState<'a>,
    /// The trees whose parse a `{{define}}` or `{{block}}` interrupted, innermost last.
    outer: Vec<TreeState<'a>>,
    set: Vec<Tree>,
    // Scratch stacks from which every list of the tree is cut to its exact size (`Box<[T]>`):
    // a list under construction occupies the top of its stack from where it started, and
    // nested lists (a parenthesised pipeline among the arguments of a command, an `if` in a
    // list) start above it and are cut off before it grows again.
    /// The nodes of the item lists being parsed.
    nodes: Vec<Node>,
    /// The commands of the pipelines being parsed.
    cmds: Vec<CommandNode>,
    /// The operands of the commands being parsed.
    args: Vec<Arg>,
    /// The names of the field, variable or chain being parsed.
    names: Vec<Name>,
}

impl<'a> Parser<'a, '_> {
    fn t(&mut self) -> &mut TreeState<'a> {
        &mut self.cur
    }

    /// Starts parsing a nested tree (`{{define}}`, `{{block}}`).
    fn push_tree(&mut self, name: &str) {
        let outer = std::mem::replace(&mut self.cur, TreeState::new(name));
        self.outer.push(outer);
    }

    /// Goes back to the tree the last `push_tree` interrupted.
    fn pop_tree(&mut self) {
        if let Some(outer) = self.outer.pop() {
            self.cur = outer;
        }
    }

    fn next(&mut self) -> Item<'a> {
        let t = &mut self.cur;
        if t.peek_count > 0 {
            t.peek_count -= 1;
        } else {
            t.token[0] = self.lex.next_item();
        }
        t.token[t.peek_count]
    }

    fn backup(&mut self) {
        self.t().peek_count += 1;
    }

    fn backup2(&mut self, t1: Item<'a>) {
        let t = self.t();
        t.token[1] = t1;
        t.peek_count = 2;
    }

    fn backup3(&mut self, t2: Item<'a>, t1: Item<'a>) {
        let t = self.t();
        t.token[1] = t1;
        t.token[2] = t2;
        t.peek_count = 3;
    }

    fn peek(&mut self) -> Item<'a> {
        let t = &mut self.cur;
        if t.peek_count > 0 {
            return t.token[t.peek_count - 1];
        }
        t.peek_count = 1;
        t.token[0] = self.lex.next_item();
        t.token[0]
    }

    fn next_non_space(&mut self) -> Item<'a> {
        loop {
            let token = self.next();
            if token.typ != ItemType::Space {
                return token;
            }
        }
    }

    fn peek_non_space(&mut self) -> Item<'a> {
        let token = self.next_non_space();
        self.backup();
        token
    }

    fn errorf(&self, message: impl Into<String>) -> ParseError {
        let line = self.lex.line_of(self.cur.token[0].pos);
        ParseError {
            name: self.parse_name.to_string(),
            line,
            message: message.into(),
        }
    }

    fn expect(&mut self, expected: ItemType, context: &str) -> Result<Item<'a>> {
        let token = self.next_non_space();
        if token.typ != expected {
            return Err(self.unexpected(&token, context));
        }
        Ok(token)
    }

    fn expect_one_of(&mut self, e1: ItemType, e2: ItemType, context: &str) -> Result<Item<'a>> {
        let token = self.next_non_space();
        if token.typ != e1 && token.typ != e2 {
            return Err(self.unexpected(&token, context));
        }
        Ok(token)
    }

    fn unexpected(&mut self, token: &Item<'a>, context: &str) -> ParseError {
        if token.typ == ItemType::Error {
            let mut extra = String::new();
            if let Some(action_pos) = self.cur.action_pos
                && let action_line = self.lex.line_of(action_pos)
                && action_line != self.lex.line_of(token.pos)
            {
                // "unclosed action started at", not "unclosed action in action started at".
                let lead = if self.lex.error_message().ends_with(" action") {
                    ""
                } else {
                    " in action"
                };
                extra = format!("{lead} started at {}:{action_line}", self.parse_name);
            }
            let message = format!("{}{extra}", self.lex.error_message());
            return self.errorf(message);
        }
        self.errorf(format!("unexpected {token} in {context}"))
    }

    /// Go's `Tree.add`: installs the current tree in the set, unless a non-empty tree of that
    /// name is there already (then it is an error, unless the new one is empty).
    fn add(&mut self) -> Result<()> {
        let parse_name = self.parse_name.to_string();
        let t = self.t();
        let tree = Tree {
            name: t.name.clone(),
            parse_name,
            root: std::mem::take(&mut t.root),
            text: self.text.clone(),
        };
        match self.set.iter().position(|old| old.name == tree.name) {
            None => self.set.push(tree),
            Some(i) if self.set[i].is_empty() => self.set[i] = tree,
            Some(_) if tree.is_empty() => {}
            Some(_) => {
                let message = format!(
                    "template: multiple definition of template {}",
                    go_quote(&tree.name)
                );
                return Err(self.errorf(message));
            }
        }
        Ok(())
    }

    /// The top level: like `item_list`, but also parses `{{define}}` and runs to EOF.
    fn parse_top(&mut self) -> Result<()> {
        let pos = self.peek().pos;
        self.t().root = ListNode {
            pos,
            nodes: Box::default(),
        };
        let base = self.nodes.len();
        while self.peek().typ != ItemType::Eof {
            if self.peek().typ == ItemType::LeftDelim {
                let delim = self.next();
                if self.next_non_space().typ == ItemType::Define {
                    self.push_tree("definition");
                    let result = self.parse_definition();
                    self.pop_tree();
                    result?;
                    continue;
                }
                self.backup2(delim);
            }
            match self.text_or_action()? {
                Parsed::Node(n) => self.nodes.push(n),
                other => return Err(self.errorf(format!("unexpected {}", other.describe()))),
            }
        }
        self.cur.root.nodes = cut(&mut self.nodes, base);
        Ok(())
    }

    /// `{{define "name"}} ... {{end}}`; the `define` keyword is past.
    fn parse_definition(&mut self) -> Result<()> {
        const CONTEXT: &str = "define clause";
        let name = self.expect_one_of(ItemType::String, ItemType::RawString, CONTEXT)?;
        let name = self.unquote(name.val)?;
        self.t().name = name;
        self.expect(ItemType::RightDelim, CONTEXT)?;
        let (list, end) = self.item_list()?;
        self.t().root = list;
        if !matches!(end, Parsed::End) {
            return Err(self.errorf(format!("unexpected {} in {CONTEXT}", end.describe())));
        }
        self.add()
    }

    /// `textOrAction*`, up to an `{{end}}` or `{{else}}`, which is returned separately.
    fn item_list(&mut self) -> Result<(ListNode, Parsed)> {
        let pos = self.peek_non_space().pos;
        let base = self.nodes.len();
        loop {
            // Go peeks at the token first; taking it at once leaves the same state.
            let token = self.next_non_space();
            if token.typ == ItemType::Eof {
                self.backup();
                return Err(self.errorf("unexpected EOF"));
            }
            match self.text_or_action_at(token)? {
                Parsed::Node(n) => self.nodes.push(n),
                end => {
                    let nodes = cut(&mut self.nodes, base);
                    return Ok((ListNode { pos, nodes }, end));
                }
            }
        }
    }

    fn text_or_action(&mut self) -> Result<Parsed> {
        let token = self.next_non_space();
        self.text_or_action_at(token)
    }

    /// `text_or_action` once its first token, `token`, is read.
    fn text_or_action_at(&mut self, token: Item<'a>) -> Result<Parsed> {
        stacker::maybe_grow(64 * 1024, 1024 * 1024, || match token.typ {
            ItemType::Text => Ok(Parsed::Node(Node::Text(TextNode {
                pos: token.pos,
                text: self.name(&token),
            }))),
            ItemType::LeftDelim => {
                self.t().action_pos = Some(token.pos);
                let result = self.action();
                self.t().action_pos = None;
                result
            }
            ItemType::Comment => Ok(Parsed::Node(Node::Comment(CommentNode {
                pos: token.pos,
                text: token.val.to_string(),
            }))),
            _ => Err(self.unexpected(&token, "input")),
        })
    }

    /// An action: a control structure or a pipeline. The left delimiter is past.
    fn action(&mut self) -> Result<Parsed> {
        let token = self.next_non_space();
        match token.typ {
            ItemType::Block => return self.block_control(),
            ItemType::Break => return self.break_control(token.pos),
            ItemType::Continue => return self.continue_control(token.pos),
            ItemType::Else => return self.else_control(),
            ItemType::End => return self.end_control(),
            ItemType::If => return self.if_control().map(Parsed::Node),
            ItemType::Range => return self.range_control().map(Parsed::Node),
            ItemType::Template => return self.template_control(),
            ItemType::With => return self.with_control().map(Parsed::Node),
            _ => {}
        }
        self.backup();
        let token = self.peek();
        // Variables declared here persist until the enclosing {{end}}.
        let pipe = self.pipeline("command", ItemType::RightDelim)?;
        Ok(Parsed::Node(Node::Action(ActionNode {
            pos: token.pos,
            pipe,
        })))
    }

    fn break_control(&mut self, pos: Pos) -> Result<Parsed> {
        let token = self.next_non_space();
        if token.typ != ItemType::RightDelim {
            return Err(self.unexpected(&token, "{{break}}"));
        }
        if self.t().range_depth == 0 {
            return Err(self.errorf("{{break}} outside {{range}}"));
        }
        Ok(Parsed::Node(Node::Break(BreakNode { pos })))
    }

    fn continue_control(&mut self, pos: Pos) -> Result<Parsed> {
        let token = self.next_non_space();
        if token.typ != ItemType::RightDelim {
            return Err(self.unexpected(&token, "{{continue}}"));
        }
        if self.t().range_depth == 0 {
            return Err(self.errorf("{{continue}} outside {{range}}"));
        }
        Ok(Parsed::Node(Node::Continue(ContinueNode { pos })))
    }

    /// `declarations? command ('|' command)*`, up to `end` (a right delimiter or paren).
    fn pipeline(&mut self, context: &str, end: ItemType) -> Result<PipeNode> {
        let token = self.peek_non_space();
        let pos = token.pos;
        let mut is_assign = false;
        // At most two: a second one ends the loop, with an error outside a range.
        let mut decl: [Option<VariableNode>; 2] = [None, None];
        let mut ndecl = 0;
        // Declarations or assignments? Space is a token, so telling "$x foo" (an argument)
        // from "$x := foo" needs three tokens of look-ahead.
        loop {
            let v = self.peek_non_space();
            if v.typ != ItemType::Variable {
                break;
            }
            self.next();
            let token_after_variable = self.peek();
            let next = self.peek_non_space();
            if next.typ == ItemType::Assign || next.typ == ItemType::Declare {
                is_assign = next.typ == ItemType::Assign;
                self.next_non_space();
                decl[ndecl] = Some(self.variable(&v));
                self.t().vars.push(v.val);
            } else if next.typ == ItemType::Char && next.val == "," {
                self.next_non_space();
                decl[ndecl] = Some(self.variable(&v));
                ndecl += 1;
                self.t().vars.push(v.val);
                if context == "range" && ndecl < 2 {
                    match self.peek_non_space().typ {
                        // The second variable of a range.
                        ItemType::Variable | ItemType::RightDelim | ItemType::RightParen => {
                            continue;
                        }
                        _ => return Err(self.errorf("range can only initialize variables")),
                    }
                }
                return Err(self.errorf(format!("too many declarations in {context}")));
            } else if token_after_variable.typ == ItemType::Space {
                self.backup3(v, token_after_variable);
            } else {
                self.backup2(v);
            }
            break;
        }
        let decl: Box<[VariableNode]> = match decl {
            [None, _] => Box::default(),
            [Some(a), None] => Box::new([a]),
            [Some(a), Some(b)] => Box::new([a, b]),
        };
        let base = self.cmds.len();
        loop {
            let token = self.next_non_space();
            match token.typ {
                t if t == end => {
                    self.check_pipeline(&self.cmds[base..], context)?;
                    let cmds = cut(&mut self.cmds, base);
                    return Ok(PipeNode {
                        pos,
                        is_assign,
                        decl,
                        cmds,
                    });
                }
                ItemType::Bool
                | ItemType::CharConstant
                | ItemType::Complex
                | ItemType::Dot
                | ItemType::Field
                | ItemType::Identifier
                | ItemType::Number
                | ItemType::Nil
                | ItemType::RawString
                | ItemType::String
                | ItemType::Variable
                | ItemType::LeftParen => {
                    self.backup();
                    let cmd = self.command()?;
                    self.cmds.push(cmd);
                    if self.cmds.len() - base > MAX_PIPELINE_CMDS {
                        return Err(self.errorf("pipeline too long"));
                    }
                }
                _ => return Err(self.unexpected(&token, context)),
            }
        }
    }

    fn check_pipeline(&self, cmds: &[CommandNode], context: &str) -> Result<()> {
        if cmds.is_empty() {
            return Err(self.errorf(format!("missing value for {context}")));
        }
        // Only the first command of a pipeline may start with a non-executable operand.
        for (i, c) in cmds.iter().enumerate().skip(1) {
            if matches!(
                c.args.first(),
                Some(Arg::Bool(_) | Arg::Dot(_) | Arg::Nil(_) | Arg::Number(_) | Arg::String(_))
            ) {
                return Err(self.errorf(format!(
                    "non executable command in pipeline stage {}",
                    i + 1
                )));
            }
        }
        Ok(())
    }

    /// The shared part of `if`, `range` and `with`: pipeline, body, optional else.
    fn parse_control(&mut self, context: &str) -> Result<BranchNode> {
        let nvars = self.t().vars.len();
        let result = self.parse_control_inner(context);
        self.t().vars.truncate(nvars);
        result
    }

    fn parse_control_inner(&mut self, context: &str) -> Result<BranchNode> {
        let pipe = self.pipeline(context, ItemType::RightDelim)?;
        let is_range = context == "range";
        if is_range {
            self.t().range_depth += 1;
        }
        let body = self.item_list();
        if is_range {
            self.t().range_depth -= 1;
        }
        let (list, next) = body?;
        let mut else_list = None;
        match next {
            Parsed::Else { pos } => {
                // "{{else if x}}" and "{{else with x}}" leave the keyword pending and parse as
                // "{{else}}{{if x}}...{{end}}{{end}}", sharing the final {{end}}.
                if context == "if" && self.peek().typ == ItemType::If {
                    self.next();
                    let node = self.if_control()?;
                    else_list = Some(ListNode {
                        pos,
                        nodes: Box::new([node]),
                    });
                } else if context == "with" && self.peek().typ == ItemType::With {
                    self.next();
                    let node = self.with_control()?;
                    else_list = Some(ListNode {
                        pos,
                        nodes: Box::new([node]),
                    });
                } else {
                    let (list, next) = self.item_list()?;
                    if !matches!(next, Parsed::End) {
                        return Err(self.errorf(format!("expected end; found {}", next.describe())));
                    }
                    else_list = Some(list);
                }
            }
            Parsed::End | Parsed::Node(_) => {}
        }
        Ok(BranchNode {
            pos: pipe.pos,
            pipe,
            list,
            else_list,
        })
    }

    fn if_control(&mut self) -> Result<Node> {
        Ok(Node::If(Box::new(self.parse_control("if")?)))
    }

    fn range_control(&mut self) -> Result<Node> {
        Ok(Node::Range(Box::new(self.parse_control("range")?)))
    }

    fn with_control(&mut self) -> Result<Node> {
        Ok(Node::With(Box::new(self.parse_control("with")?)))
    }

    fn end_control(&mut self) -> Result<Parsed> {
        self.expect(ItemType::RightDelim, "end")?;
        Ok(Parsed::End)
    }

    fn else_control(&mut self) -> Result<Parsed> {
        let peek = self.peek_non_space();
        // "{{else if" and "{{else with": leave the keyword for parse_control.
        if peek.typ == ItemType::If || peek.typ == ItemType::With {
            return Ok(Parsed::Else { pos: peek.pos });
        }
        let token = self.expect(ItemType::RightDelim, "else")?;
        Ok(Parsed::Else { pos: token.pos })
    }

    /// `{{block "name" pipeline}} ... {{end}}`: defines the template and calls it.
    fn block_control(&mut self) -> Result<Parsed> {
        const CONTEXT: &str = "block clause";
        let token = self.next_non_space();
        let name = self.parse_template_name(&token, CONTEXT)?;
        let pipe = self.pipeline(CONTEXT, ItemType::RightDelim)?;

        self.push_tree(&name);
        let body = self.item_list();
        let (list, end) = match body {
            Ok(b) => b,
            Err(e) => {
                self.pop_tree();
                return Err(e);
            }
        };
        self.t().root = list;
        if !matches!(end, Parsed::End) {
            // Go reports this from the enclosing tree, at the line of its last token.
            self.pop_tree();
            return Err(self.errorf(format!("unexpected {} in {CONTEXT}", end.describe())));
        }
        let added = self.add();
        self.pop_tree();
        added?;

        Ok(Parsed::Node(Node::Template(Box::new(TemplateNode {
            pos: token.pos,
            name,
            pipe: Some(pipe),
        }))))
    }

    /// `{{template "name" pipeline?}}`
    fn template_control(&mut self) -> Result<Parsed> {
        const CONTEXT: &str = "template clause";
        let token = self.next_non_space();
        let name = self.parse_template_name(&token, CONTEXT)?;
        let mut pipe = None;
        if self.next_non_space().typ != ItemType::RightDelim {
            self.backup();
            pipe = Some(self.pipeline(CONTEXT, ItemType::RightDelim)?);
        }
        Ok(Parsed::Node(Node::Template(Box::new(TemplateNode {
            pos: token.pos,
            name,
            pipe,
        }))))
    }

    fn parse_template_name(&mut self, token: &Item<'a>, context: &str) -> Result<String> {
        match token.typ {
            ItemType::String | ItemType::RawString => self.unquote(token.val),
            _ => Err(self.unexpected(token, context)),
        }
    }

    fn unquote(&mut self, quoted: &str) -> Result<String> {
        goconv::unquote(quoted).map_err(|e| self.errorf(e))
    }

    /// `operand (space operand)*`, up to a pipe (consumed) or a right delimiter or paren (left
    /// for the caller).
    fn command(&mut self) -> Result<CommandNode> {
        let pos = self.peek_non_space().pos;
        let base = self.args.len();
        loop {
            // Go peeks past spaces here first; `term` skips them just the same.
            if let Some(operand) = self.operand()? {
                self.args.push(operand);
            }
            let token = self.next();
            match token.typ {
                ItemType::Space => continue,
                ItemType::RightDelim | ItemType::RightParen => self.backup(),
                ItemType::Pipe => {}
                _ => return Err(self.unexpected(&token, "operand")),
            }
            break;
        }
        if self.args.len() == base {
            return Err(self.errorf("empty command"));
        }
        let args = cut(&mut self.args, base);
        Ok(CommandNode { pos, args })
    }

    /// `term .Field*`. Go builds the combined field or variable node at the position of the
    /// first field after the term.
    fn operand(&mut self) -> Result<Option<Arg>> {
        let token = self.next_non_space();
        let skip = match token.typ {
            ItemType::Field => 1,
            ItemType::Variable => 0,
            _ => return self.term_operand(token),
        };
        // A field or variable takes the names of the fields after it into its own list.
        let base = self.names.len();
        self.push_names(&token, skip);
        if token.typ == ItemType::Variable {
            // The variable must be declared (Go's `useVar`).
            if !self.cur.vars.contains(&token.val) {
                let quoted = go_quote(token.val);
                return Err(self.errorf(format!("undefined variable {quoted}")));
            }
        }
        let mut pos = token.pos;
        if self.peek().typ == ItemType::Field {
            pos = self.peek().pos;
            self.push_fields();
        }
        let ident = cut(&mut self.names, base);
        Ok(Some(if token.typ == ItemType::Field {
            Arg::Field(FieldNode { pos, ident })
        } else {
            Arg::Variable(VariableNode { pos, ident })
        }))
    }

    /// An operand other than a field or variable, whose first token is `token`: a term,
    /// maybe followed by fields.
    fn term_operand(&mut self, token: Item<'a>) -> Result<Option<Arg>> {
        let Some(node) = self.term(token)? else {
            return Ok(None);
        };
        if self.peek().typ != ItemType::Field {
            return Ok(Some(node));
        }
        let pos = self.peek().pos;
        let base = self.names.len();
        self.push_fields();
        match node {
            Arg::Bool(_) | Arg::String(_) | Arg::Number(_) | Arg::Nil(_) | Arg::Dot(_) => {
                let quoted = go_quote(&node.to_string());
                Err(self.errorf(format!("unexpected . after term {quoted}")))
            }
            node => {
                let field = cut(&mut self.names, base);
                Ok(Some(Arg::Chain(Box::new(ChainNode { pos, node, field }))))
            }
        }
    }

    /// Pushes the names of the field tokens that come next, without their dots.
    #[inline]
    fn push_fields(&mut self) {
        while self.peek().typ == ItemType::Field {
            let field = self.next();
            let name = self.name_at(field.pos + 1, field.pos + field.val.len());
            self.names.push(name);
        }
    }

    /// A literal, function name, `.` or `(pipeline)` starting at `token`; `None`, with the
    /// token backed up, when it starts none of these (fields and variables are `operand`'s).
    fn term(&mut self, token: Item<'a>) -> Result<Option<Arg>> {
        let arg = match token.typ {
            ItemType::Identifier => {
                if !self.skip_func_check && !(self.is_func)(token.val) {
                    let quoted = go_quote(token.val);
                    return Err(self.errorf(format!("function {quoted} not defined")));
                }
                Arg::Identifier(IdentifierNode {
                    pos: token.pos,
                    ident: self.name(&token),
                })
            }
            ItemType::Dot => Arg::Dot(token.pos),
            ItemType::Nil => Arg::Nil(token.pos),
            ItemType::Bool => Arg::Bool(BoolNode {
                pos: token.pos,
                value: token.val == "true",
            }),
            ItemType::CharConstant | ItemType::Complex | ItemType::Number => {
                match new_number(token.pos, self.name(&token), token.typ) {
                    Ok(n) => Arg::Number(Box::new(n)),
                    Err(message) => return Err(self.errorf(message)),
                }
            }
            ItemType::LeftParen => {
                if self.t().stack_depth >= MAX_STACK_DEPTH {
                    return Err(self.errorf("max expression depth exceeded"));
                }
                self.t().stack_depth += 1;
                let pipe = stacker::maybe_grow(64 * 1024, 1024 * 1024, || {
                    self.pipeline("parenthesized pipeline", ItemType::RightParen)
                });
                self.t().stack_depth -= 1;
                Arg::Pipe(Box::new(pipe?))
            }
            ItemType::String | ItemType::RawString => {
                let text: Arc<str> = match plain_literal(token.typ, token.val) {
                    Some(body) => Arc::from(body),
                    None => Arc::from(self.unquote(token.val)?),
                };
                Arg::String(StringNode {
                    pos: token.pos,
                    quoted: self.name(&token),
                    text,
                })
            }
            _ => {
                self.backup();
                return Ok(None);
            }
        };
        Ok(Some(arg))
    }

    /// The bytes `start..end` of the template text.
    fn name_at(&self, start: Pos, end: Pos) -> Name {
        Name::new(self.text.clone(), start, end)
    }

    /// The text of `token`.
    fn name(&self, token: &Item<'a>) -> Name {
        self.name_at(token.pos, token.pos + token.val.len())
    }

    /// Pushes the name of the field or variable `token`, from its byte `skip` on (past a
    /// field's dot). Go splits these tokens at dots, but its lexer (and ours: letters, digits
    /// and underscores after the `.` or `$`) ends them before the next dot, so each is one name.
    #[inline]
    fn push_names(&mut self, token: &Item<'a>, skip: usize) {
        debug_assert!(
            !token.val.get(skip..).unwrap_or("").contains('.'),
            "field and variable tokens hold no dot past the first byte"
        );
        let start = token.pos + skip.min(token.val.len());
        let name = self.name_at(start, token.pos + token.val.len());
        self.names.push(name);
    }

    /// `$x`.
    fn variable(&mut self, token: &Item<'a>) -> VariableNode {
        let base = self.names.len();
        self.push_names(token, 0);
        VariableNode {
            pos: token.pos,
            ident: cut(&mut self.names, base),
        }
    }
}

/// The text of a string literal that `strconv.Unquote` returns unchanged: a quoted string
/// without escapes (the lexer saw to it that it holds no quote or line feed), or a raw string
/// without carriage returns (which Go drops).
fn plain_literal(typ: ItemType, quoted: &str) -> Option<&str> {
    let body = quoted.get(1..quoted.len().checked_sub(1)?)?;
    let special = if typ == ItemType::String { '\\' } else { '\r' };
    (!body.contains(special)).then_some(body)
}

/// Go's `newNumber`: every interpretation of a number, character or complex constant, or
/// Go's error message.
fn new_number(pos: Pos, name: Name, typ: ItemType) -> Result<NumberNode, String> {
    let text = &*name.clone();
    let mut n = NumberNode {
        pos,
        is_int: false,
        is_uint: false,
        is_float: false,
        is_complex: false,
        int64: 0,
        uint64: 0,
        float64: 0.0,
        complex128: (0.0, 0.0),
        text: name,
    };
    match typ {
        ItemType::CharConstant => {
            let body = text.get(1..).unwrap_or("");
            let (value, tail) = goconv::unquote_char(body, b'\'').map_err(|e| e.to_string())?;
            if tail != "'" {
                return Err(format!("malformed character constant: {text}"));
            }
            n.int64 = i64::from(value);
            n.is_int = true;
            n.uint64 = u64::from(value);
            n.is_uint = true;
            n.float64 = f64::from(value);
            n.is_float = true;
            return Ok(n);
        }
        ItemType::Complex => {
            n.complex128 = goconv::scan_complex(text)?;
            n.is_complex = true;
            simplify_complex(&mut n);
            return Ok(n);
        }
        _ => {}
    }
    // Imaginary constants can only be complex unless they are zero.
    if let Some(imag) = text.strip_suffix('i')
        && let Ok(f) = goconv::parse_float(imag)
    {
        n.is_complex = true;
        n.complex128 = (0.0, f);
        simplify_complex(&mut n);
        return Ok(n);
    }
    // Integers first, so 0x123 and friends work.
    let u = goconv::parse_uint(text);
    if let Some(u) = u {
        n.is_uint = true;
        n.uint64 = u;
    }
    if let Some(i) = goconv::parse_int(text) {
        n.is_int = true;
        n.int64 = i;
        if i == 0 {
            // In case of -0.
            n.is_uint = true;
            n.uint64 = u.unwrap_or(0);
        }
    }
    if n.is_int {
        n.is_float = true;
        n.float64 = n.int64 as f64;
    } else if n.is_uint {
        n.is_float = true;
        n.float64 = n.uint64 as f64;
    } else if let Ok(f) = goconv::parse_float(text) {
        // Parsed as a float but looks like an integer: a huge number too large for an int.
        if !text.contains(['.', 'e', 'E', 'p', 'P']) {
            return Err(format!("integer overflow: {}", go_quote(text)));
        }
        n.is_float = true;
        n.float64 = f;
        if let Some(i) = float_as_int(f) {
            n.is_int = true;
            n.int64 = i;
        }
        if let Some(u) = float_as_uint(f) {
            n.is_uint = true;
            n.uint64 = u;
        }
    }
    if !n.is_int && !n.is_uint && !n.is_float {
        return Err(format!("illegal number syntax: {}", go_quote(text)));
    }
    Ok(n)
}

/// Go's `float64(int64(f)) == f` on amd64: true only for integral values in int64's range.
fn float_as_int(f: f64) -> Option<i64> {
    (f.trunc() == f && (-9_223_372_036_854_775_808.0..9_223_372_036_854_775_808.0).contains(&f))
        .then_some(f as i64)
}

/// Go's `float64(uint64(f)) == f` on amd64: true only for integral values in uint64's range.
fn float_as_uint(f: f64) -> Option<u64> {
    (f.trunc() == f && (0.0..18_446_744_073_709_551_616.0).contains(&f)).then_some(f as u64)
}

/// Go's `simplifyComplex`: a complex number with no imaginary part is also a float, and
/// maybe an integer.
fn simplify_complex(n: &mut NumberNode) {
    let (re, im) = n.complex128;
    n.is_float = im == 0.0;
    if n.is_float {
        n.float64 = re;
        if let Some(i) = float_as_int(re) {
            n.is_int = true;
            n.int64 = i;
        } else {
            n.is_int = false;
        }
        if let Some(u) = float_as_uint(re) {
            n.is_uint = true;
            n.uint64 = u;
        } else {
            n.is_uint = false;
        }
    }
}

/// The pieces of Go's `strconv` and `fmt.Sscan` that literals need.
mod goconv {
    use rudder_value::strconv;

    pub(super) fn unquote(s: &str) -> Result<String, String> {
        if s.starts_with(['"', '\'']) && has_non_ascii_escape(s) {
            return Err(strconv::SyntaxError.to_string());
        }
        strconv::unquote(s).map_err(|e| e.to_string())
    }

    /// `strconv.UnquoteChar`, as a code point and the rest of the input.
    pub(super) fn unquote_char(s: &str, quote: u8) -> Result<(u32, &str), strconv::SyntaxError> {
        if s.as_bytes().first() == Some(&b'\\')
            && s.as_bytes().get(1).is_some_and(|b| !b.is_ascii())
        {
            return Err(strconv::SyntaxError);
        }
        strconv::unquote_char(s, quote).map(|(c, rest)| (c.value, rest))
    }

    /// A backslash followed by a non-ASCII character, which Go rejects as `invalid syntax`.
    /// Checked here because `rudder_value::strconv::unquote_char` slices inside such a
    /// character.
    fn has_non_ascii_escape(s: &str) -> bool {
        let b = s.as_bytes();
        let mut i = 0;
        while i < b.len() {
            if b[i] == b'\\' {
                if b.get(i + 1).is_some_and(|c| !c.is_ascii()) {
                    return true;
                }
                i += 2;
            } else {
                i += 1;
            }
        }
        false
    }

    pub(super) fn parse_uint(s: &str) -> Option<u64> {
        strconv::parse_uint(s, 0, 64).ok()
    }

    pub(super) fn parse_int(s: &str) -> Option<i64> {
        strconv::parse_int(s, 0, 64).ok()
    }

    pub(super) fn parse_float(s: &str) -> Result<f64, strconv::NumError> {
        strconv::parse_float(s, 64)
    }

    /// `fmt.Sscan` into a `complex128`, for the lexer's complex constants (`1+2i`): a float
    /// token, a sign, a float token and `i`.
    pub(super) fn scan_complex(text: &str) -> Result<(f64, f64), String> {
        const COMPLEX_ERROR: &str = "syntax error scanning complex number";
        let b = text.as_bytes();
        let mut i = 0;
        let parens = b.first() == Some(&b'(');
        if parens {
            i += 1;
        }
        let real = float_token(b, &mut i);
        let Some(&sign @ (b'+' | b'-')) = b.get(i) else {
            return Err(COMPLEX_ERROR.to_string());
        };
        i += 1;
        let imag_start = i;
        float_token(b, &mut i);
        let imag = format!("{}{}", char::from(sign), &text[imag_start..i]);
        if b.get(i) != Some(&b'i') {
            return Err(COMPLEX_ERROR.to_string());
        }
        i += 1;
        if parens && b.get(i) != Some(&b')') {
            return Err(COMPLEX_ERROR.to_string());
        }
        let re = convert_float(&text[usize::from(parens)..real])?;
        let im = convert_float(&imag)?;
        Ok((re, im))
    }

    /// Go's `ss.floatToken`: advances `i` over a float and returns where it ends.
    fn float_token(b: &[u8], i: &mut usize) -> usize {
        let accept = |i: &mut usize, set: &[u8]| -> bool {
            match b.get(*i) {
                Some(c) if set.contains(c) => {
                    *i += 1;
                    true
                }
                _ => false,
            }
        };
        let start = *i;
        if accept(i, b"nN") && accept(i, b"aA") && accept(i, b"nN") {
            return *i;
        }
        *i = start;
        accept(i, b"+-");
        let after_sign = *i;
        if accept(i, b"iI") && accept(i, b"nN") && accept(i, b"fF") {
            return *i;
        }
        *i = after_sign;
        let mut digits: &[u8] = b"0123456789_";
        let mut exp: &[u8] = b"eEpP";
        if accept(i, b"0") && accept(i, b"xX") {
            digits = b"0123456789aAbBcCdDeEfF_";
            exp = b"pP";
        }
        while accept(i, digits) {}
        if accept(i, b".") {
            while accept(i, digits) {}
        }
        if accept(i, exp) {
            accept(i, b"+-");
            while accept(i, b"0123456789_") {}
        }
        *i
    }

    /// Go's `ss.convertFloat`, including its decimal-mantissa-with-binary-exponent form.
    fn convert_float(s: &str) -> Result<f64, String> {
        if let Some(p) = s.find(['p', 'P'])
            && !s.contains(['x', 'X'])
        {
            let f = strconv::parse_float(&s[..p], 64).map_err(|mut e| {
                e.num = s.to_string();
                e.to_string()
            })?;
            let m = strconv::atoi(&s[p + 1..]).map_err(|e| e.to_string())?;
            return Ok(f * 2f64.powi(m.clamp(-2000, 2000) as i32));
        }
        strconv::parse_float(s, 64).map_err(|e| e.to_string())
    }
}

impl fmt::Display for Tree {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.root.fmt(f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn funcs(name: &str) -> bool {
        matches!(
            name,
            "printf" | "len" | "index" | "and" | "or" | "not" | "eq" | "echo" | "print" | "call"
        )
    }

    fn parse_str(text: &str) -> Result<Vec<Tree>, ParseError> {
        parse("test", text, &ParseOptions::default(), &funcs)
    }

    /// Parses `text` and returns the main tree's String() form, or the error text.
    fn show(text: &str) -> String {
        match parse_str(text) {
            Ok(trees) => trees[0].root.to_string(),
            Err(e) => format!("ERR {e}"),
        }
    }

    #[test]
    fn go_parse_table() {
        // Rows from Go's parse_test.go: input, then String() of the tree (which quotes text
        // with %s here, as Go's String does outside tests).
        let cases: &[(&str, &str)] = &[
            ("", ""),
            ("{{/*\n\n\n*/}}", ""),
            (" \t\n", "\" \\t\\n\""),
            ("some text", "\"some text\""),
            ("{{.}}", "{{.}}"),
            ("{{$}}", "{{$}}"),
            (
                "{{with $x := 3}}{{$x 23}}{{end}}",
                "{{with $x := 3}}{{$x 23}}{{end}}",
            ),
            ("{{$.I}}", "{{$.I}}"),
            ("{{printf `%d` 23}}", "{{printf `%d` 23}}"),
            ("{{.X|.Y}}", "{{.X | .Y}}"),
            ("{{$x := .X|.Y}}", "{{$x := .X | .Y}}"),
            ("{{$x = .X|.Y}}", "{{$x = .X | .Y}}"),
            ("{{$x := 1}}{{$x = 2}}", "{{$x := 1}}{{$x = 2}}"),
            (
                "{{.X (.Y .Z) (.A | .B .C) (.E)}}",
                "{{.X (.Y .Z) (.A | .B .C) (.E)}}",
            ),
            ("{{(.Y .Z).Field}}", "{{(.Y .Z).Field}}"),
            ("{{if .X}}hello{{end}}", "{{if .X}}\"hello\"{{end}}"),
            (
                "{{if .X}}true{{else}}false{{end}}",
                "{{if .X}}\"true\"{{else}}\"false\"{{end}}",
            ),
            (
                "{{if .X}}true{{else if .Y}}false{{end}}",
                "{{if .X}}\"true\"{{else}}{{if .Y}}\"false\"{{end}}{{end}}",
            ),
            (
                "+{{if .X}}X{{else if .Y}}Y{{else if .Z}}Z{{end}}+",
                "\"+\"{{if .X}}\"X\"{{else}}{{if .Y}}\"Y\"{{else}}{{if .Z}}\"Z\"{{end}}{{end}}{{end}}\"+\"",
            ),
            ("{{range .X}}hello{{end}}", "{{range .X}}\"hello\"{{end}}"),
            (
                "{{range .X.Y.Z}}hello{{end}}",
                "{{range .X.Y.Z}}\"hello\"{{end}}",
            ),
            (
                "{{range .X}}hello{{range .Y}}goodbye{{end}}{{end}}",
                "{{range .X}}\"hello\"{{range .Y}}\"goodbye\"{{end}}{{end}}",
            ),
            (
                "{{range .X}}true{{else}}false{{end}}",
                "{{range .X}}\"true\"{{else}}\"false\"{{end}}",
            ),
            (
                "{{range .X|.M}}true{{else}}false{{end}}",
                "{{range .X | .M}}\"true\"{{else}}\"false\"{{end}}",
            ),
            ("{{range .SI}}{{.}}{{end}}", "{{range .SI}}{{.}}{{end}}"),
            (
                "{{range $x := .SI}}{{.}}{{end}}",
                "{{range $x := .SI}}{{.}}{{end}}",
            ),
            (
                "{{range $x, $y := .SI}}{{.}}{{end}}",
                "{{range $x, $y := .SI}}{{.}}{{end}}",
            ),
            (
                "{{range $x = .SI}}{{.}}{{end}}",
                "{{range $x = .SI}}{{.}}{{end}}",
            ),
            (
                "{{range .SI}}{{.}}{{break}}{{continue}}{{end}}",
                "{{range .SI}}{{.}}{{break}}{{continue}}{{end}}",
            ),
            ("{{range 3}}{{.}}{{end}}", "{{range 3}}{{.}}{{end}}"),
            (
                "{{$x := .SI}}{{with $x}}{{$x}}{{end}}",
                "{{$x := .SI}}{{with $x}}{{$x}}{{end}}",
            ),
            ("{{template `x`}}", "{{template \"x\"}}"),
            ("{{template `x` .Y}}", "{{template \"x\" .Y}}"),
            ("{{with .X}}hello{{end}}", "{{with .X}}\"hello\"{{end}}"),
            (
                "{{with .X}}hello{{else}}goodbye{{end}}",
                "{{with .X}}\"hello\"{{else}}\"goodbye\"{{end}}",
            ),
            (
                "{{with .X}}X{{else with .Y}}Y{{end}}",
                "{{with .X}}\"X\"{{else}}{{with .Y}}\"Y\"{{end}}{{end}}",
            ),
            (
                "{{with .X}}X{{else with .Y}}Y{{else with .Z}}Z{{end}}",
                "{{with .X}}\"X\"{{else}}{{with .Y}}\"Y\"{{else}}{{with .Z}}\"Z\"{{end}}{{end}}{{end}}",
            ),
            ("{{.X.Y.Z}}", "{{.X.Y.Z}}"),
            (
                "{{$x.Y}}",
                "ERR template: test:1: undefined variable \"$x\"",
            ),
            ("{{nil}}", "{{nil}}"),
            ("{{true}} {{false}}", "{{true}}\" \"{{false}}"),
            ("{{1 'a' 0x1p4 1.5i 1+2i}}", "{{1 'a' 0x1p4 1.5i 1+2i}}"),
            ("{{\"x\" | printf}}", "{{\"x\" | printf}}"),
            ("{{(.).X}}", "{{(.).X}}"),
            ("{{.X | printf \"%s\"}}", "{{.X | printf \"%s\"}}"),
            ("{{-3}}", "{{-3}}"),
            ("{{- 3 -}}", "{{3}}"),
            ("x {{- 3 -}} y", "\"x\"{{3}}\"y\""),
            ("{{/* c */}}x", "\"x\""),
            ("{{$x := 1}}{{$x}}", "{{$x := 1}}{{$x}}"),
            ("{{printf \"%d\" ( 1 ) }}", "{{printf \"%d\" (1)}}"),
            ("{{.X | }}", "{{.X}}"),
            ("{{block \"foo\" .}}hello{{end}}", "{{template \"foo\" .}}"),
            ("{{define \"foo\"}}x{{end}}y", "\"y\""),
        ];
        let mut failures = Vec::new();
        for (input, want) in cases {
            // Go's tests print text with %q: emulate by quoting text nodes here.
            let got = match parse_str(input) {
                Ok(trees) => quote_text(&trees[0].root),
                Err(e) => format!("ERR {e}"),
            };
            if &got != want {
                failures.push(format!("{input:?}\n   got {got:?}\n  want {want:?}"));
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }

    /// `String()` with text nodes quoted, as Go's tests set `textFormat = "%q"`.
    fn quote_text(list: &ListNode) -> String {
        let mut out = String::new();
        for n in &list.nodes {
            match n {
                Node::Text(t) => out.push_str(&go_quote(&t.text)),
                Node::If(b) | Node::Range(b) | Node::With(b) => {
                    let kw = match n {
                        Node::If(_) => "if",
                        Node::Range(_) => "range",
                        _ => "with",
                    };
                    out.push_str("{{");
                    out.push_str(kw);
                    out.push(' ');
                    out.push_str(&b.pipe.to_string());
                    out.push_str("}}");
                    out.push_str(&quote_text(&b.list));
                    if let Some(e) = &b.else_list {
                        out.push_str("{{else}}");
                        out.push_str(&quote_text(e));
                    }
                    out.push_str("{{end}}");
                }
                other => out.push_str(&other.to_string()),
            }
        }
        out
    }

    #[test]
    fn go_error_table() {
        let cases: &[(&str, &str)] = &[
            ("{{end}}", "template: test:1: unexpected {{end}}"),
            ("{{else}}", "template: test:1: unexpected {{else}}"),
            ("{{if .X}}", "template: test:1: unexpected EOF"),
            ("{{if}}", "template: test:1: missing value for if"),
            ("{{range}}", "template: test:1: missing value for range"),
            (
                "{{with}}{{end}}",
                "template: test:1: missing value for with",
            ),
            ("{{}}", "template: test:1: missing value for command"),
            (
                "{{printf 3 | 4}}",
                "template: test:1: non executable command in pipeline stage 2",
            ),
            (
                "{{.X | .Y | nil}}",
                "template: test:1: non executable command in pipeline stage 3",
            ),
            (
                "{{undefined}}",
                "template: test:1: function \"undefined\" not defined",
            ),
            ("{{$x}}", "template: test:1: undefined variable \"$x\""),
            (
                "{{with $x := 4}}{{end}}{{$x}}",
                "template: test:1: undefined variable \"$x\"",
            ),
            (
                "{{range $x, $y, $z := .}}{{end}}",
                "template: test:1: too many declarations in range",
            ),
            (
                "{{range $x, 3 := .}}{{end}}",
                "template: test:1: range can only initialize variables",
            ),
            (
                "{{with $x, $y := 4}}{{end}}",
                "template: test:1: too many declarations in with",
            ),
            ("{{.X.}}", "template: test:1: unexpected <.> in operand"),
            (
                "{{ .x } }}",
                "template: test:1: unexpected \"}\" in operand",
            ),
            (
                "{{\"x\".Y}}",
                "template: test:1: unexpected . after term \"\\\"x\\\"\"",
            ),
            (
                "{{true.Y}}",
                "template: test:1: unexpected . after term \"true\"",
            ),
            (
                "{{nil.Y}}",
                "template: test:1: unexpected . after term \"nil\"",
            ),
            (
                "{{template .X}}",
                "template: test:1: unexpected \".X\" in template clause",
            ),
            (
                "{{template \"x\" | }}",
                "template: test:1: unexpected \"|\" in template clause",
            ),
            (
                "{{define \"a\"}}a{{end}}{{define \"a\"}}b{{end}}",
                "template: test:1: template: multiple definition of template \"a\"",
            ),
            (
                "{{define 3}}{{end}}",
                "template: test:1: unexpected \"3\" in define clause",
            ),
            (
                "{{define \"a\"}}a{{else}}b{{end}}",
                "template: test:1: unexpected {{else}} in define clause",
            ),
            (
                "{{block \"a\" .}}a{{else}}b{{end}}",
                "template: test:1: unexpected {{else}} in block clause",
            ),
            (
                "{{block \"a\"}}a{{end}}",
                "template: test:1: missing value for block clause",
            ),
            (
                "{{if .X}}a{{else}}b{{else}}c{{end}}",
                "template: test:1: expected end; found {{else}}",
            ),
            ("{{break}}", "template: test:1: {{break}} outside {{range}}"),
            (
                "{{continue}}",
                "template: test:1: {{continue}} outside {{range}}",
            ),
            (
                "{{range .}}{{break 1}}{{end}}",
                "template: test:1: unexpected \"1\" in {{break}}",
            ),
            (
                "{{range .}}{{else}}{{break}}{{end}}",
                "template: test:1: {{break}} outside {{range}}",
            ),
            (
                "{{range .}}{{block \"x\" .}}{{continue}}{{end}}{{end}}",
                "template: test:1: {{continue}} outside {{range}}",
            ),
            (
                "{{'ab'}}",
                "template: test:1: malformed character constant: 'ab'",
            ),
            ("{{''}}", "template: test:1: invalid syntax"),
            ("{{\"\\z\"}}", "template: test:1: invalid syntax"),
            ("{{\"\\é\"}}", "template: test:1: invalid syntax"),
            ("{{'\\é'}}", "template: test:1: invalid syntax"),
            (
                "{{\"\\\\é\" | nosuch}}",
                "template: test:1: function \"nosuch\" not defined",
            ),
            (
                "{{99999999999999999999}}",
                "template: test:1: integer overflow: \"99999999999999999999\"",
            ),
            ("{{089}}", "template: test:1: integer overflow: \"089\""),
            (
                "{{1e400}}",
                "template: test:1: illegal number syntax: \"1e400\"",
            ),
            (
                "{{0x1.8}}",
                "template: test:1: illegal number syntax: \"0x1.8\"",
            ),
            ("{{ - }}", "template: test:1: illegal number syntax: \"-\""),
            (
                "{{1i+2i}}",
                "template: test:1: syntax error scanning complex number",
            ),
            ("{{(1}}", "template: test:1: unclosed left paren"),
            ("{{1)}}", "template: test:1: unexpected right paren"),
            (
                "{{.X\n\n",
                "template: test:3: unclosed action started at test:1",
            ),
            (
                "{{.X\n\"abc\n",
                "template: test:2: unterminated quoted string in action started at test:1",
            ),
            (
                "{{if .X}}\n{{/*",
                "template: test:2: unclosed comment in action started at test:1",
            ),
            (
                "{{.X | | .Y}}",
                "template: test:1: unexpected \"|\" in command",
            ),
            ("{{else if .X}}", "template: test:1: unexpected {{else}}"),
            (
                "{{with .X}}{{else if .Y}}{{end}}",
                "template: test:1: unexpected <if> in input",
            ),
            (
                "{{range .X}}{{else with .Y}}{{end}}",
                "template: test:1: unexpected <with> in input",
            ),
            (
                "{{if 1}}{{define \"x\"}}{{end}}{{end}}",
                "template: test:1: unexpected <define> in command",
            ),
        ];
        let mut failures = Vec::new();
        for (input, want) in cases {
            let got = show(input);
            if got != format!("ERR {want}") {
                failures.push(format!("{input:?}\n   got {got:?}\n  want {want:?}"));
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }

    #[test]
    fn multiline_errors_report_the_last_token_line() {
        assert_eq!(
            show("{{if\n}}"),
            "ERR template: test:2: missing value for if"
        );
        assert_eq!(
            show("a\nb\n{{end}}"),
            "ERR template: test:3: unexpected {{end}}"
        );
        assert_eq!(
            show("{{if .X}}\n\n"),
            "ERR template: test:3: unexpected EOF"
        );
    }

    #[test]
    fn trees_and_definitions() {
        let trees = parse_str("{{define \"a\"}}A{{end}}main{{block \"b\" .}}B{{end}}").unwrap();
        let names: Vec<_> = trees.iter().map(|t| t.name.as_str()).collect();
        assert_eq!(names, ["test", "a", "b"]);
        assert_eq!(trees[1].root.to_string(), "A");
        assert_eq!(trees[2].root.to_string(), "B");
        assert!(trees.iter().all(|t| t.parse_name == "test"));
        // An empty main template leaves the definition of the same name in place.
        let trees = parse_str("{{define \"test\"}}T{{end}} \n").unwrap();
        assert_eq!(trees.len(), 1);
        assert_eq!(trees[0].root.to_string(), "T");
        // A later empty definition does not replace a full one.
        let trees = parse_str("{{define \"a\"}}A{{end}}{{define \"a\"}} {{end}}").unwrap();
        assert_eq!(trees[1].root.to_string(), "A");
    }

    #[test]
    fn empty_trees() {
        let empty = |s: &str| parse_str(s).unwrap()[0].is_empty();
        assert!(empty(""));
        assert!(empty(" \n\t"));
        assert!(empty("{{/* c */}} "));
        assert!(!empty("x"));
        assert!(!empty("{{.}}"));
        assert!(!empty("{{if .}}{{end}}"));
    }

    #[test]
    fn error_context_columns() {
        let trees = parse_str("{{ .Values.a.b }}\n  {{ .x }}").unwrap();
        let t = &trees[0];
        let Node::Action(a) = &t.root.nodes[0] else {
            panic!()
        };
        let Some(Arg::Field(f)) = a.pipe.cmds[0].args.first() else {
            panic!()
        };
        // The field node sits at its second field token.
        assert_eq!(t.error_context(f.pos), "test:1:10");
        assert_eq!(f.to_string(), ".Values.a.b");
        let Node::Action(a) = &t.root.nodes[2] else {
            panic!()
        };
        assert_eq!(t.error_context(a.pos), "test:2:5");
        assert_eq!(t.error_context(10_000), "test:2:10");
    }

    #[test]
    fn numbers() {
        let num = |s: &str| match parse_str(&format!("{{{{{s}}}}}")) {
            Ok(trees) => match &trees[0].root.nodes[0] {
                Node::Action(a) => match &a.pipe.cmds[0].args[0] {
                    Arg::Number(n) => n.clone(),
                    other => panic!("{other:?}"),
                },
                other => panic!("{other:?}"),
            },
            Err(e) => panic!("{s}: {e}"),
        };
        let n = num("0x1F");
        assert!(n.is_int && n.is_uint && n.is_float && !n.is_complex);
        assert_eq!((n.int64, n.uint64, n.float64), (31, 31, 31.0));
        let n = num("-12");
        assert!(n.is_int && !n.is_uint && n.is_float);
        let n = num("+5");
        assert!(n.is_int && !n.is_uint);
        let n = num("1_000");
        assert_eq!(n.int64, 1000);
        let n = num("0o17");
        assert_eq!(n.int64, 15);
        let n = num("017");
        assert_eq!(n.int64, 15);
        let n = num("0b101");
        assert_eq!(n.int64, 5);
        let n = num("1.5");
        assert!(!n.is_int && n.is_float);
        let n = num("1e3");
        assert!(n.is_int && n.is_uint && n.is_float);
        assert_eq!(n.int64, 1000);
        let n = num("18446744073709551615");
        assert!(!n.is_int && n.is_uint && n.is_float);
        let n = num("'a'");
        assert!(n.is_int && n.is_uint && n.is_float);
        assert_eq!(n.int64, 97);
        let n = num("'\\u00e9'");
        assert_eq!(n.int64, 0xe9);
        let n = num("1i");
        assert!(n.is_complex && !n.is_float);
        assert_eq!(n.complex128, (0.0, 1.0));
        let n = num("0i");
        assert!(n.is_complex && n.is_float && n.is_int);
        let n = num("1+2i");
        assert!(n.is_complex && !n.is_float);
        assert_eq!(n.complex128, (1.0, 2.0));
        let n = num("1+0i");
        assert!(n.is_complex && n.is_float && n.is_int);
        let n = num("0x1p-2");
        assert_eq!(n.float64, 0.25);
        let n = num("-0");
        assert!(n.is_int && n.is_uint);
        let n = num(".5");
        assert_eq!(n.float64, 0.5);
        assert_eq!(n.to_string(), ".5");
    }

    #[test]
    fn custom_delimiters_and_comments() {
        let opts = ParseOptions {
            left_delim: "<<".into(),
            right_delim: ">>".into(),
            keep_comments: true,
            ..ParseOptions::default()
        };
        let trees = parse("t", "{{x}}<<.A>><</* c */>>", &opts, &funcs).unwrap();
        assert_eq!(trees[0].root.to_string(), "{{x}}{{.A}}{{/* c */}}");
        assert!(matches!(trees[0].root.nodes[2], Node::Comment(_)));
    }

    #[test]
    fn skip_func_check_and_break_as_function() {
        let opts = ParseOptions {
            skip_func_check: true,
            ..ParseOptions::default()
        };
        assert!(parse("t", "{{nosuch 1}}", &opts, &|_| false).is_ok());
        // With a function named break, {{break}} is a call.
        let trees = parse("t", "{{break}}", &ParseOptions::default(), &|n| {
            n == "break"
        })
        .unwrap();
        assert!(matches!(trees[0].root.nodes[0], Node::Action(_)));
    }

    #[test]
    fn never_panics_on_odd_input() {
        for s in [
            "{{",
            "}}",
            "{{-",
            "{{- ",
            "-}}",
            "{{(",
            "{{)",
            "{{$",
            "{{.",
            "{{'",
            "{{\"",
            "{{`",
            "{{/",
            "{{/*",
            "{{/**/",
            "{{1+",
            "{{0x",
            "{{0x1p",
            "{{é}}",
            "{{.é}}",
            "{{$é}}",
            "{{((((",
            "{{range $a, $b, $c}}",
            "{{else if}}",
            "{{define}}",
            "{{block}}",
            "{{template}}",
            "{{with $x := 1}}{{else with}}{{end}}",
            "\u{0}{{\u{0}}}",
            "{{.A.B.}}",
            "{{ - -}}",
            "{{3 -}}",
            "{{ -}}",
        ] {
            let _ = parse_str(s);
            let _ = parse(
                "t",
                s,
                &ParseOptions {
                    left_delim: "{".into(),
                    right_delim: "}".into(),
                    ..ParseOptions::default()
                },
                &funcs,
            );
        }
    }

    #[test]
    fn deep_nesting_parses_prints_and_drops() {
        let depth = 9_999;
        let deep = format!("{{{{{}1{}}}}}", "(".repeat(depth), ")".repeat(depth));
        let trees = parse_str(&deep).unwrap();
        assert_eq!(trees[0].root.to_string(), deep);
        drop(trees);
        let ifs = format!("{}x{}", "{{if 1}}".repeat(5_000), "{{end}}".repeat(5_000));
        let trees = parse_str(&ifs).unwrap();
        assert_eq!(trees[0].root.to_string().len(), ifs.len());
    }

    #[test]
    fn plain_literals_unquote_as_strconv_does() {
        for (typ, lit) in [
            (ItemType::String, r#""""#),
            (ItemType::String, r#""abc é""#),
            (ItemType::String, "\"a\rb\""),
            (ItemType::String, r#""a\nb""#),
            (ItemType::String, r#""a\"b""#),
            (ItemType::RawString, "``"),
            (ItemType::RawString, "`a\\n \"\n`"),
            (ItemType::RawString, "`a\r\nb`"),
        ] {
            let general = goconv::unquote(lit).ok();
            if let Some(body) = plain_literal(typ, lit) {
                assert_eq!(Some(body), general.as_deref(), "{lit:?}");
            } else {
                assert!(lit.contains(['\\', '\r']), "{lit:?}");
            }
        }
    }

    #[test]
    fn deep_parens_are_limited() {
        let deep = format!("{{{{{}1{}}}}}", "(".repeat(10_001), ")".repeat(10_001));
        assert_eq!(
            show(&deep),
            "ERR template: test:1: max expression depth exceeded"
        );
    }
}
