//! The executor: runs parsed trees against data (Go's `text/template/exec.go`).
//!
//! - [`Templates`] is a set of named templates sharing one namespace, with its functions and
//!   options (Go's `*template.Template` and its `common`). Cloning is cheap (trees are `Arc`s)
//!   and a clone can be extended by parsing more text without touching the original, which is
//!   how Helm's `tpl` works.
//! - [`Templates::execute`] takes `&self`, so a function may execute templates of the same set
//!   re-entrantly through [`CallContext`] (Helm's `include`).
//!
//! Go's reflection distinguishes three things the executor must keep apart, because the error
//! text and the printing differ: the invalid `reflect.Value` ("no value", what a missing map key
//! gives with `missingkey=default`), a value whose static type is `interface{}` (every element
//! of a `map[string]interface{}` or a `[]interface{}`, possibly nil), and a concrete value. The
//! private `Val` models exactly these three.
//!
//! ```
//! use std::sync::Arc;
//! use rudder_gotmpl::{FuncMap, MissingKey, Templates};
//! use rudder_value::{Map, Value};
//!
//! let mut set = Templates::new(Arc::new(FuncMap::default())).with_missing_key(MissingKey::Zero);
//! set.parse("main", r#"{{define "greet"}}hello {{.}}{{end}}{{template "greet" .name}}"#)?;
//! let data = Map::new();
//! data.insert("name", Value::from("world"));
//! assert_eq!(set.execute("main", &Value::Map(data))?, "hello world");
//!
//! // Helm's `tpl`: a clone extended with more text leaves the original untouched.
//! let mut clone = set.clone();
//! clone.parse("tpl", r#"[{{template "greet" 1}}]"#)?;
//! assert_eq!(clone.execute("tpl", &Value::Nil)?, "[hello 1]");
//! assert!(set.lookup("tpl").is_none());
//! # Ok::<(), rudder_gotmpl::Error>(())
//! ```

use std::any::Any;
use std::collections::HashMap;
use std::sync::Arc;

use rudder_value::{List, ListKind, Map, Member, NilMap, Object, Value};

use crate::Error;
use crate::builtins::{self, Builtin};
use crate::func::{ArgType, FuncMap, Function, Signature};
use crate::node::{
    Arg, BranchNode, ChainNode, CommandNode, FieldNode, IdentifierNode, ListNode, Node, NumberNode,
    PipeNode, Pos, TemplateNode, VariableNode,
};
use crate::parse::{ParseOptions, Tree};

/// Go's `maxExecDepth`: how deep `{{template}}` calls may nest.
pub const MAX_EXEC_DEPTH: usize = 100_000;

/// How many templates a clone keeps apart from the shared namespace before copying it.
const MAX_OVERLAY: usize = 16;

/// Stack kept free before a recursive step, and the size of each new stack segment.
const RED_ZONE: usize = 128 * 1024;
const STACK_SEGMENT: usize = 4 * 1024 * 1024;

/// What `missingkey=` says to do when a map has no entry for a key.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum MissingKey {
    /// `missingkey=default` / `invalid`: the result is "no value" (prints `<no value>`).
    #[default]
    Default,
    /// `missingkey=zero`: the zero value of the map's element type (a nil `interface{}`).
    Zero,
    /// `missingkey=error`: execution stops with `map has no entry for key "x"`.
    Error,
}

/// Execution options.
#[derive(Clone, Copy, Debug, Default)]
pub struct Options {
    /// The `missingkey` option.
    pub missing_key: MissingKey,
}

/// Go's `template.ExecError`, with the parts Go formats into one string kept apart so that
/// Helm's reformatting can take them back.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExecError {
    /// Name of the template being executed (`executing "NAME"`).
    pub name: String,
    /// `PARSENAME:LINE:COL` of the node being evaluated, if any.
    pub location: Option<String>,
    /// The node being evaluated, as Go prints it (`.Values.a.b`, `include "x" .`).
    pub node: Option<String>,
    /// The message after `at <NODE>: `, e.g. `nil pointer evaluating interface {}.b`.
    pub message: String,
    /// For `error calling NAME: ...`: the function or method name.
    pub func: Option<String>,
    /// For `error calling NAME: ...`: the function's own message.
    pub cause: Option<String>,
}

impl std::fmt::Display for ExecError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match (&self.location, &self.node) {
            (Some(location), Some(node)) => write!(
                f,
                "template: {location}: executing {} at <{node}>: {}",
                go_quote(&self.name),
                self.message
            ),
            _ => write!(f, "template: {}: {}", self.name, self.message),
        }
    }
}

impl std::error::Error for ExecError {}

/// A declared host method: type name, method name and Go parameter types.
type MethodSignature = (Box<str>, Box<str>, Signature);

/// A set of templates sharing one namespace, with functions and options (Go's
/// `*template.Template` and its `common`).
#[derive(Clone)]
pub struct Templates {
    name: Arc<str>,
    funcs: Arc<FuncMap>,
    options: Options,
    delims: Option<(Arc<str>, Arc<str>)>,
    trees: Arc<HashMap<Arc<str>, Arc<Tree>>>,
    /// Templates added to a clone while `trees` is shared with the original: Helm's `tpl`
    /// clones the set and parses one small template into it for every call, so the clone
    /// must not copy the whole namespace.
    overlay: Vec<(Arc<str>, Arc<Tree>)>,
    map_methods: Vec<(&'static str, Arc<dyn MapMethods>)>,
    method_sigs: Arc<Vec<MethodSignature>>,
}

impl std::fmt::Debug for Templates {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Templates")
            .field("name", &self.name)
            .field("options", &self.options)
            .field("templates", &self.names())
            .finish_non_exhaustive()
    }
}

impl Templates {
    /// An empty set with these functions (in addition to Go's builtins).
    pub fn new(funcs: Arc<FuncMap>) -> Self {
        Templates {
            name: Arc::from(""),
            funcs,
            options: Options::default(),
            delims: None,
            trees: Arc::new(HashMap::new()),
            overlay: Vec::new(),
            map_methods: Vec::new(),
            method_sigs: Arc::new(Vec::new()),
        }
    }

    /// Sets the name of the set itself (Go's `template.New(name)`), which only shows in
    /// `template: no template "x" associated with template "NAME"`.
    pub fn with_name(mut self, name: &str) -> Self {
        self.name = Arc::from(name);
        self
    }

    /// The name of the set (see [`Templates::with_name`]).
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The functions of this set.
    pub fn funcs(&self) -> &Arc<FuncMap> {
        &self.funcs
    }

    /// The options of this set.
    pub fn options(&self) -> Options {
        self.options
    }

    /// Sets the options.
    pub fn set_options(&mut self, options: Options) {
        self.options = options;
    }

    /// Sets the `missingkey` option (Go's `Option("missingkey=zero")`).
    pub fn with_missing_key(mut self, missing_key: MissingKey) -> Self {
        self.options.missing_key = missing_key;
        self
    }

    /// Gives the named map type `type_name` (see [`Map::with_type_name`]) the methods of
    /// `methods`, as Go gives them to a named map type such as Helm's `common.Values`
    /// (`.Values.YAML`, `.Values.AsMap`). As in Go, a method hides a key of the same name.
    pub fn with_map_methods(
        mut self,
        type_name: &'static str,
        methods: Arc<dyn MapMethods>,
    ) -> Self {
        self.map_methods.retain(|(t, _)| *t != type_name);
        self.map_methods.push((type_name, methods));
        self
    }

    /// Declares the Go parameter types of method `method` of host type `type_name` (as
    /// [`Object::type_name`] prints it, or a named map type of [`Templates::with_map_methods`]),
    /// so that its arguments are converted and checked as
    /// Go does (`expected string; found 1`). Methods without a declaration take
    /// `interface{}` parameters, counted by [`Object::method_arity`].
    pub fn with_method_signature(mut self, type_name: &str, method: &str, sig: Signature) -> Self {
        let sigs = Arc::make_mut(&mut self.method_sigs);
        sigs.retain(|(t, m, _)| !(&**t == type_name && &**m == method));
        sigs.push((type_name.into(), method.into(), sig));
        self
    }

    fn method_signature(&self, type_name: &str, method: &str) -> Option<&Signature> {
        self.method_sigs
            .iter()
            .find(|(t, m, _)| &**t == type_name && &**m == method)
            .map(|(_, _, sig)| sig)
    }

    fn map_methods(&self, map: &Map) -> Option<&Arc<dyn MapMethods>> {
        if self.map_methods.is_empty() {
            return None;
        }
        let type_name = map.type_name();
        self.map_methods
            .iter()
            .find(|(t, _)| *t == type_name)
            .map(|(_, m)| m)
    }

    /// Sets the action delimiters for later calls to [`Templates::parse`]; an empty string
    /// stands for the default `{{` or `}}`.
    pub fn delims(&mut self, left: &str, right: &str) {
        self.delims = Some((Arc::from(left), Arc::from(right)));
    }

    /// True when `name` is a function of this set or one of Go's builtins: what the parser
    /// accepts as a function name.
    pub fn is_func(&self, name: &str) -> bool {
        self.funcs.contains_key(name) || Builtin::from_name(name).is_some()
    }

    fn parse_options(&self) -> ParseOptions {
        let mut opts = ParseOptions::default();
        if let Some((left, right)) = &self.delims {
            if !left.is_empty() {
                opts.left_delim = left.to_string();
            }
            if !right.is_empty() {
                opts.right_delim = right.to_string();
            }
        }
        opts
    }

    /// Parses `text` as template `name` and adds it and its `{{define}}`s to the set (Go's
    /// `t.New(name).Parse(text)`). A definition whose body is only space and comments does
    /// not replace an existing one.
    pub fn parse(&mut self, name: &str, text: &str) -> Result<(), Error> {
        let opts = self.parse_options();
        let trees = crate::parse::parse(name, text, &opts, &|f| self.is_func(f))?;
        for tree in trees {
            let tree_name = tree.name.clone();
            self.add_tree(&tree_name, Arc::new(tree));
        }
        Ok(())
    }

    /// Parses `text` as template `name` like [`Templates::parse`] and returns the tree of
    /// `name` itself, which Go's `t.New(name).Parse(text)` executes even when it is empty and
    /// the namespace kept an older non-empty definition (Helm's `tpl` relies on this: nested
    /// `tpl` calls of an empty string must not run the outer text again).
    pub fn parse_main(&mut self, name: &str, text: &str) -> Result<Arc<Tree>, Error> {
        let opts = self.parse_options();
        let trees = crate::parse::parse(name, text, &opts, &|f| self.is_func(f))?;
        let mut main = None;
        for tree in trees {
            let tree = Arc::new(tree);
            if main.is_none() && tree.name == name {
                main = Some(Arc::clone(&tree));
            }
            let tree_name = tree.name.clone();
            self.add_tree(&tree_name, tree);
        }
        main.ok_or_else(|| Error::NoTemplate {
            name: name.to_owned(),
            set: self.name.to_string(),
        })
    }

    /// Runs `tree` (named `name`) against this set with `data` as dot: the way to execute a
    /// tree returned by [`Templates::parse_main`].
    pub fn execute_tree(
        &self,
        name: &str,
        tree: &Arc<Tree>,
        data: &Value,
    ) -> Result<String, Error> {
        let mut out = String::new();
        self.run(name, tree, data, &mut out)?;
        Ok(out)
    }

    /// Adds a parsed tree under `name` (Go's `AddParseTree`), with Go's rule that an empty
    /// tree does not replace an existing definition.
    pub fn add_tree(&mut self, name: &str, tree: Arc<Tree>) {
        if tree.is_empty() && self.lookup(name).is_some() {
            return;
        }
        if let Some(slot) = self.overlay.iter_mut().find(|(n, _)| &**n == name) {
            slot.1 = tree;
            return;
        }
        match Arc::get_mut(&mut self.trees) {
            Some(trees) => {
                trees.insert(Arc::from(name), tree);
            }
            None if self.overlay.len() < MAX_OVERLAY => self.overlay.push((Arc::from(name), tree)),
            None => {
                let trees = Arc::make_mut(&mut self.trees);
                for (n, t) in self.overlay.drain(..) {
                    trees.insert(n, t);
                }
                trees.insert(Arc::from(name), tree);
            }
        }
    }

    /// The template called `name`, if defined.
    pub fn lookup(&self, name: &str) -> Option<&Arc<Tree>> {
        self.lookup_entry(name).map(|(_, t)| t)
    }

    fn lookup_entry(&self, name: &str) -> Option<(&str, &Arc<Tree>)> {
        if let Some((n, t)) = self.overlay.iter().rev().find(|(n, _)| &**n == name) {
            return Some((n, t));
        }
        self.trees.get_key_value(name).map(|(n, t)| (&**n, t))
    }

    /// The names of the defined templates, sorted.
    pub fn names(&self) -> Vec<&str> {
        let mut names: Vec<&str> = self.trees.keys().map(|n| &**n).collect();
        names.extend(self.overlay.iter().map(|(n, _)| &**n));
        names.sort_unstable();
        names.dedup();
        names
    }

    /// Runs template `name` with `data` as dot and returns what it printed.
    pub fn execute(&self, name: &str, data: &Value) -> Result<String, Error> {
        let mut out = String::new();
        self.execute_to(name, data, &mut out)?;
        Ok(out)
    }

    /// Runs template `name` with `data` as dot, appending its output to `out`. On error,
    /// `out` may hold part of the output, as Go's writer would.
    pub fn execute_to(&self, name: &str, data: &Value, out: &mut String) -> Result<(), Error> {
        let Some((key, tree)) = self.lookup_entry(name) else {
            return Err(Error::NoTemplate {
                name: name.to_owned(),
                set: self.name.to_string(),
            });
        };
        self.run(key, tree, data, out)
    }

    fn run(
        &self,
        key: &str,
        tree: &Arc<Tree>,
        data: &Value,
        out: &mut String,
    ) -> Result<(), Error> {
        let dot = Val::direct(data.clone());
        let mut state = State {
            set: self,
            tree,
            name: key,
            out,
            node: At::None,
            vars: vec![("$", dot.clone())],
            base: 0,
            depth: 0,
        };
        // Functions such as Helm's `include` start nested executions, so the stack can grow
        // here too, not only through `{{template}}`.
        let result = stacker::maybe_grow(RED_ZONE, STACK_SEGMENT, || {
            state.walk_list(&dot, &tree.root)
        });
        match result {
            Ok(()) => Ok(()),
            Err(Stop::Error(e)) => Err(*e),
            // The parser only accepts break and continue inside range.
            Err(Stop::Break | Stop::Continue) => Ok(()),
        }
    }
}

/// The methods of a named Go map type (Helm's `common.Values` has `YAML`, `AsMap`, `Table`,
/// `PathValue` and `Encode`); see [`Templates::with_map_methods`].
///
/// Contract: `arity` has no side effects and says `None` for names that are not methods;
/// `call` is only called for names `arity` knows, with the arguments already counted. Errors
/// are plain messages; the executor adds Go's `error calling NAME: `.
pub trait MapMethods: Send + Sync {
    /// The method's parameter count and whether it is variadic, or `None` when the type has
    /// no method of that name.
    fn arity(&self, name: &str) -> Option<(usize, bool)>;

    /// Calls method `name` on `map`.
    fn call(&self, map: &Map, name: &str, args: &[Value]) -> Result<Value, String>;
}

/// What a function sees of the running template: the set being executed, so that it can
/// execute other templates of that set (Helm's `include`) or clone and extend it (`tpl`).
pub struct CallContext<'a> {
    templates: &'a Templates,
    name: &'a str,
}

impl<'a> CallContext<'a> {
    /// A context for calling a function outside of any execution (tests, tools).
    pub fn new(templates: &'a Templates, name: &'a str) -> Self {
        CallContext { templates, name }
    }

    /// The template set being executed.
    pub fn templates(&self) -> &'a Templates {
        self.templates
    }

    /// The name of the template being executed (the innermost `{{template}}` call).
    pub fn template_name(&self) -> &'a str {
        self.name
    }

    /// Executes template `name` of the same set with `data` as dot, as a new execution (Go's
    /// `ExecuteTemplate`, which is what Helm's `include` calls).
    pub fn execute_template(&mut self, name: &str, data: &Value) -> Result<String, Error> {
        self.templates.execute(name, data)
    }
}

/// A value as Go's `reflect.Value` sees it during execution.
#[derive(Clone, Debug)]
pub(crate) enum Val {
    /// The zero `reflect.Value`: "no value".
    Invalid,
    /// A value of static type `interface{}` (possibly a nil interface, [`Value::Nil`]).
    Iface(Value),
    /// A concrete value; never [`Value::Nil`].
    Direct(Value),
}

impl Val {
    /// `reflect.ValueOf(v)`: nil becomes the invalid value.
    pub(crate) fn direct(v: Value) -> Val {
        if v.is_nil() {
            Val::Invalid
        } else {
            Val::Direct(v)
        }
    }

    /// A function result: nil can only come from an `interface{}` result.
    fn from_result(v: Value) -> Val {
        if v.is_nil() {
            Val::Iface(Value::Nil)
        } else {
            Val::Direct(v)
        }
    }

    /// A slice or map element whose static element type is `interface{}` when `iface`.
    pub(crate) fn elem(v: Value, iface: bool) -> Val {
        if iface { Val::Iface(v) } else { Val::direct(v) }
    }

    /// Go's `indirectInterface`: the concrete value inside an interface.
    pub(crate) fn indirect_interface(self) -> Val {
        match self {
            Val::Iface(Value::Nil) => Val::Invalid,
            Val::Iface(v) => Val::Direct(v),
            other => other,
        }
    }

    /// The concrete value (after [`Val::indirect_interface`]), if valid.
    pub(crate) fn concrete(&self) -> Option<&Value> {
        match self {
            Val::Invalid | Val::Iface(Value::Nil) => None,
            Val::Iface(v) | Val::Direct(v) => Some(v),
        }
    }

    /// The value handed to a function (`interface{}` argument): nil for no value.
    pub(crate) fn into_value(self) -> Value {
        match self {
            Val::Invalid => Value::Nil,
            Val::Iface(v) | Val::Direct(v) => v,
        }
    }

    /// Go's `v.Type()` as `%s` prints it.
    pub(crate) fn type_name(&self) -> String {
        match self {
            Val::Invalid => "<nil>".to_owned(),
            Val::Iface(_) => "interface {}".to_owned(),
            Val::Direct(v) => v.type_name(),
        }
    }

    /// Go's truth (`isTrue(indirectInterface(v))`).
    pub(crate) fn truth(&self) -> bool {
        self.concrete().is_some_and(Value::is_true)
    }
}

/// Marks a host object returned by a function as a copy (see [`Copied`]).
fn unaddressable(val: Val) -> Val {
    match val {
        Val::Direct(v) => Val::Direct(copied(v)),
        other => other,
    }
}

/// A value as a function receives it: a copy in an `interface{}`, so a struct in it is no
/// longer addressable (see [`Copied`]).
fn copied(v: Value) -> Value {
    match v {
        Value::Object(o) if o.pointer_string().is_some() => Value::Object(Arc::new(Copied(o))),
        other => other,
    }
}

/// A host struct that is not addressable (a function's argument or result): the same object, except that
/// a template action no longer prints it through a pointer-receiver `String()`.
#[derive(Debug)]
struct Copied(Arc<dyn Object>);

impl Object for Copied {
    fn type_name(&self) -> &str {
        self.0.type_name()
    }

    fn kind_name(&self) -> &'static str {
        self.0.kind_name()
    }

    fn member(&self, name: &str) -> Option<Member> {
        self.0.member(name)
    }

    fn call_method(&self, name: &str, args: &[Value]) -> Result<Value, String> {
        self.0.call_method(name, args)
    }

    fn method_arity(&self, name: &str) -> (usize, bool) {
        self.0.method_arity(name)
    }

    fn go_string(&self) -> String {
        self.0.go_string()
    }

    fn has_string_method(&self) -> bool {
        self.0.has_string_method()
    }

    fn underlying(&self) -> Option<rudder_value::Underlying> {
        self.0.underlying()
    }

    fn is_true(&self) -> bool {
        self.0.is_true()
    }

    fn to_data(&self) -> Value {
        self.0.to_data()
    }

    fn json_fields(&self) -> Option<Vec<(String, Value)>> {
        self.0.json_fields()
    }

    fn as_any(&self) -> &dyn Any {
        self.0.as_any()
    }
}

/// True when the elements of `map` have static type `interface{}`.
fn map_elem_is_iface(map: &Map) -> bool {
    let name = map.type_name();
    !name.starts_with("map[") || name.ends_with("interface {}")
}

/// The zero value of `map`'s element type, which a missing key gives: nil for
/// `interface{}`, an empty `[]byte` for `.Files` (`map[string][]byte`), else `""`.
pub(crate) fn map_zero(map: &Map) -> Val {
    if map_elem_is_iface(map) {
        Val::Iface(Value::Nil)
    } else if map.type_name().ends_with("]uint8") {
        Val::Direct(Value::Bytes(rudder_value::Bytes::default()))
    } else {
        Val::Direct(Value::string(""))
    }
}

/// True when the elements of `list` have static type `interface{}`.
pub(crate) fn list_elem_is_iface(list: &List) -> bool {
    list.kind == ListKind::Interface
}

/// A parameter type as the executor sees it: Go's `reflect.Value` (the builtins, which see
/// values exactly as the executor does) or a Go type.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum PType {
    /// `reflect.Value`
    Reflect,
    /// A Go type.
    Go(ArgType),
}

impl PType {
    fn go_name(self) -> &'static str {
        match self {
            PType::Reflect => "reflect.Value",
            PType::Go(t) => t.go_name(),
        }
    }

    fn can_be_nil(self) -> bool {
        match self {
            PType::Reflect
            | PType::Go(ArgType::Any | ArgType::List | ArgType::StringList | ArgType::Map) => true,
            PType::Go(ArgType::Host(name)) => name.starts_with('*'),
            PType::Go(_) => false,
        }
    }

    /// `reflect.Zero(typ)` for a type that can be nil.
    fn zero(self) -> Val {
        match self {
            PType::Go(ArgType::Any) => Val::Iface(Value::Nil),
            PType::Go(ArgType::List) => Val::Direct(Value::List(List::default())),
            PType::Go(ArgType::StringList) => {
                Val::Direct(Value::List(List::with_kind(Vec::new(), ListKind::String)))
            }
            PType::Go(ArgType::Map) => Val::Direct(Value::Map(Map::new())),
            // A nil pointer of a host type reaches the function as nil.
            PType::Go(ArgType::Host(_)) => Val::Iface(Value::Nil),
            _ => Val::Invalid,
        }
    }
}

/// Whether a concrete value may be passed as a parameter of Go type `t`.
fn assignable(v: &Value, t: ArgType) -> bool {
    match t {
        ArgType::Any => true,
        ArgType::Bool => matches!(v, Value::Bool(_)),
        ArgType::Int => matches!(v, Value::Int(_)),
        ArgType::Int64 => matches!(v, Value::Int64(_)),
        ArgType::Uint64 => matches!(v, Value::Uint(_)),
        ArgType::Float64 => matches!(v, Value::Float(_)),
        ArgType::String => matches!(v, Value::String(_)),
        ArgType::List => matches!(v, Value::List(l) if l.kind == ListKind::Interface),
        ArgType::StringList => matches!(v, Value::List(l) if l.kind == ListKind::String),
        // A named map type (Helm's `chartutil.Values`) is assignable to its underlying type.
        ArgType::Map => matches!(v, Value::Map(m) if map_elem_is_iface(m)),
        // Values never have type uint32; only constants convert to it (see `eval_arg`).
        ArgType::Uint32 => false,
        ArgType::Host(name) | ArgType::NamedInt64(name) => {
            matches!(v, Value::Object(o) if o.type_name() == name)
        }
    }
}

/// Why evaluation stopped: an error, or `{{break}}` / `{{continue}}` unwinding to the range.
pub(crate) enum Stop {
    Break,
    Continue,
    Error(Box<Error>),
}

type Eval<T> = Result<T, Stop>;

/// The node being evaluated, for error messages (Go's `state.node`).
#[derive(Clone, Copy)]
enum At<'t> {
    None,
    Node(&'t Node),
    Pipe(&'t PipeNode),
    Cmd(&'t CommandNode),
    Arg(&'t Arg),
    Field(&'t FieldNode),
    Var(&'t VariableNode),
    Chain(&'t ChainNode),
    Ident(&'t IdentifierNode),
    Number(&'t NumberNode),
    Template(&'t TemplateNode),
}

impl At<'_> {
    fn pos_and_text(self) -> Option<(Pos, String)> {
        Some(match self {
            At::None => return None,
            At::Node(n) => (node_pos(n), n.to_string()),
            At::Pipe(n) => (n.pos, n.to_string()),
            At::Cmd(n) => (n.pos, n.to_string()),
            At::Arg(n) => (arg_pos(n), n.to_string()),
            At::Field(n) => (n.pos, n.to_string()),
            At::Var(n) => (n.pos, n.to_string()),
            At::Chain(n) => (n.pos, n.to_string()),
            At::Ident(n) => (n.pos, n.to_string()),
            At::Number(n) => (n.pos, n.to_string()),
            At::Template(n) => (n.pos, n.to_string()),
        })
    }
}

fn node_pos(n: &Node) -> Pos {
    match n {
        Node::Text(t) => t.pos,
        Node::Comment(c) => c.pos,
        Node::Action(a) => a.pos,
        Node::If(b) | Node::Range(b) | Node::With(b) => b.pos,
        Node::Template(t) => t.pos,
        Node::Break(b) => b.pos,
        Node::Continue(c) => c.pos,
    }
}

fn arg_pos(n: &Arg) -> Pos {
    match n {
        Arg::Identifier(i) => i.pos,
        Arg::Variable(v) => v.pos,
        Arg::Dot(p) | Arg::Nil(p) => *p,
        Arg::Field(f) => f.pos,
        Arg::Chain(c) => c.pos,
        Arg::Pipe(p) => p.pos,
        Arg::Bool(b) => b.pos,
        Arg::Number(n) => n.pos,
        Arg::String(s) => s.pos,
    }
}

/// What is being called.
enum Callee<'t> {
    Builtin(Builtin),
    Func(&'t Function),
    Method(Arc<dyn Object>),
    MapMethod(Map, Arc<dyn MapMethods>),
}

/// One execution (Go's `state`). Template calls reuse it: `base` marks where the variables of
/// the running template start, so a callee sees only its own `$`.
struct State<'t, 'o> {
    set: &'t Templates,
    tree: &'t Arc<Tree>,
    name: &'t str,
    out: &'o mut String,
    node: At<'t>,
    vars: Vec<(&'t str, Val)>,
    base: usize,
    depth: usize,
}

impl<'t> State<'t, '_> {
    fn at(&mut self, node: At<'t>) {
        self.node = node;
    }

    /// Go's `errorf`: an error located at the current node.
    fn error(&self, message: String) -> Stop {
        Stop::Error(Box::new(Error::Exec(Box::new(
            self.exec_error(message, None),
        ))))
    }

    fn exec_error(&self, message: String, call: Option<(String, String)>) -> ExecError {
        let (location, node) = match self.node.pos_and_text() {
            Some((pos, text)) => (Some(self.tree.error_context(pos)), Some(text)),
            None => (None, None),
        };
        let (func, cause) = match call {
            Some((f, c)) => (Some(f), Some(c)),
            None => (None, None),
        };
        ExecError {
            name: self.name.to_owned(),
            location,
            node,
            message,
            func,
            cause,
        }
    }

    // Variables.

    fn push(&mut self, name: &'t str, value: Val) {
        self.vars.push((name, value));
    }

    fn mark(&self) -> usize {
        self.vars.len()
    }

    fn pop(&mut self, mark: usize) {
        self.vars.truncate(mark);
    }

    fn set_var(&mut self, name: &str, value: Val) -> Eval<()> {
        for slot in self.vars[self.base..].iter_mut().rev() {
            if slot.0 == name {
                slot.1 = value;
                return Ok(());
            }
        }
        Err(self.error(format!("undefined variable: {name}")))
    }

    fn set_top_var(&mut self, n: usize, value: Val) {
        let len = self.vars.len();
        self.vars[len - n].1 = value;
    }

    fn var_value(&self, name: &str) -> Eval<Val> {
        for slot in self.vars[self.base..].iter().rev() {
            if slot.0 == name {
                return Ok(slot.1.clone());
            }
        }
        Err(self.error(format!("undefined variable: {name}")))
    }

    // Walking.

    fn walk_list(&mut self, dot: &Val, list: &'t ListNode) -> Eval<()> {
        for node in &list.nodes {
            self.walk(dot, node)?;
        }
        Ok(())
    }

    fn walk(&mut self, dot: &Val, node: &'t Node) -> Eval<()> {
        self.at(At::Node(node));
        match node {
            Node::Text(t) => {
                self.out.push_str(&t.text);
                Ok(())
            }
            Node::Comment(_) => Ok(()),
            Node::Action(a) => {
                // Variables declared here persist until the end of the enclosing block.
                let val = self.eval_pipeline(dot, &a.pipe)?;
                if a.pipe.decl.is_empty() {
                    self.at(At::Node(node));
                    self.print_action_value(&val);
                }
                Ok(())
            }
            Node::Break(_) => Err(Stop::Break),
            Node::Continue(_) => Err(Stop::Continue),
            Node::If(b) => stacker::maybe_grow(RED_ZONE, STACK_SEGMENT, || {
                self.walk_if_or_with(false, dot, b)
            }),
            Node::With(b) => stacker::maybe_grow(RED_ZONE, STACK_SEGMENT, || {
                self.walk_if_or_with(true, dot, b)
            }),
            Node::Range(r) => {
                stacker::maybe_grow(RED_ZONE, STACK_SEGMENT, || self.walk_range(dot, r))
            }
            Node::Template(t) => {
                stacker::maybe_grow(RED_ZONE, STACK_SEGMENT, || self.walk_template(dot, t))
            }
        }
    }

    /// Prints an action's value as Go's `printableValue` does: a pointer is printed as what
    /// it points to, and an addressable struct whose pointer type has `String()` is printed
    /// through it.
    fn print_action_value(&mut self, val: &Val) {
        match val.concrete() {
            None => self.out.push_str("<no value>"),
            Some(Value::Object(o)) if o.kind_name() == "ptr" && !o.has_string_method() => {
                self.out.push_str(&o.go_string());
            }
            Some(Value::Object(o)) if let Some(text) = o.pointer_string() => {
                self.out.push_str(&text);
            }
            Some(v) => rudder_value::fmt::write_value(self.out, v),
        }
    }

    fn walk_if_or_with(&mut self, with: bool, dot: &Val, b: &'t BranchNode) -> Eval<()> {
        let mark = self.mark();
        let result = (|| {
            let val = self.eval_pipeline(dot, &b.pipe)?;
            if val.truth() {
                if with {
                    self.walk_list(&val, &b.list)
                } else {
                    self.walk_list(dot, &b.list)
                }
            } else if let Some(else_list) = &b.else_list {
                self.walk_list(dot, else_list)
            } else {
                Ok(())
            }
        })();
        self.pop(mark);
        result
    }

    fn walk_range(&mut self, dot: &Val, r: &'t BranchNode) -> Eval<()> {
        let outer = self.mark();
        let result = self.walk_range_inner(dot, r);
        self.pop(outer);
        match result {
            Err(Stop::Break) => Ok(()),
            other => other,
        }
    }

    fn walk_range_inner(&mut self, dot: &Val, r: &'t BranchNode) -> Eval<()> {
        let val = self.eval_pipeline(dot, &r.pipe)?;
        let mark = self.mark();
        // A host slice or map (Helm's `.Capabilities.APIVersions`, `.Files`) ranges as its data.
        let data;
        let target = match val.concrete() {
            Some(Value::Object(o)) if collection(o).is_some() => {
                data = collection(o);
                data.as_ref()
            }
            other => other,
        };
        let ran = match target {
            None => false,
            Some(Value::Int(n) | Value::Int64(n)) => {
                if r.pipe.decl.len() > 1 {
                    let msg = format!(
                        "can't use {} to iterate over more than one variable",
                        sprint_one(val.concrete())
                    );
                    return Err(self.error(msg));
                }
                let is_int64 = matches!(val.concrete(), Some(Value::Int64(_)));
                for i in 0..(*n).max(0) {
                    let elem = if is_int64 {
                        Value::Int64(i)
                    } else {
                        Value::Int(i)
                    };
                    self.one_iteration(r, mark, Val::Invalid, &Val::Direct(elem))?;
                }
                *n > 0
            }
            Some(Value::Uint(n)) => {
                if r.pipe.decl.len() > 1 {
                    let msg = format!("can't use {n} to iterate over more than one variable");
                    return Err(self.error(msg));
                }
                for i in 0..*n {
                    self.one_iteration(r, mark, Val::Invalid, &Val::Direct(Value::Uint(i)))?;
                }
                *n > 0
            }
            Some(Value::List(list)) => {
                let iface = list_elem_is_iface(list);
                for (i, item) in list.iter().enumerate() {
                    let index = Val::Direct(Value::Int(i as i64));
                    self.one_iteration(r, mark, index, &Val::elem(item.clone(), iface))?;
                }
                !list.is_empty()
            }
            Some(Value::Bytes(bytes)) => {
                for (i, b) in bytes.iter().enumerate() {
                    let index = Val::Direct(Value::Int(i as i64));
                    let elem = Val::Direct(Value::Int(i64::from(*b)));
                    self.one_iteration(r, mark, index, &elem)?;
                }
                !bytes.is_empty()
            }
            Some(Value::Map(map)) => {
                let iface = map_elem_is_iface(map);
                let entries = map.entries();
                for (k, v) in &entries {
                    let key = Val::Direct(Value::string(k.as_str()));
                    self.one_iteration(r, mark, key, &Val::elem(v.clone(), iface))?;
                }
                !entries.is_empty()
            }
            Some(_) => {
                // Go's `range` looks through pointers first.
                let shown = match val.concrete() {
                    Some(Value::Object(o)) if o.kind_name() == "ptr" && !o.has_string_method() => {
                        o.go_string()
                    }
                    other => sprint_one(other),
                };
                let msg = format!("range can't iterate over {shown}");
                return Err(self.error(msg));
            }
        };
        if !ran && let Some(else_list) = &r.else_list {
            return self.walk_list(dot, else_list);
        }
        Ok(())
    }

    fn one_iteration(
        &mut self,
        r: &'t BranchNode,
        mark: usize,
        index: Val,
        elem: &Val,
    ) -> Eval<()> {
        let decl = &r.pipe.decl;
        if !decl.is_empty() {
            if r.pipe.is_assign {
                // With two variables the index comes first; with one, the element.
                if decl.len() > 1 {
                    self.set_var(&decl[0].ident[0], index.clone())?;
                } else {
                    self.set_var(&decl[0].ident[0], elem.clone())?;
                }
            } else {
                self.set_top_var(1, elem.clone());
            }
        }
        if decl.len() > 1 {
            if r.pipe.is_assign {
                self.set_var(&decl[1].ident[0], elem.clone())?;
            } else {
                self.set_top_var(2, index);
            }
        }
        let result = self.walk_list(elem, &r.list);
        self.pop(mark);
        match result {
            Err(Stop::Continue) => Ok(()),
            other => other,
        }
    }

    fn walk_template(&mut self, dot: &Val, t: &'t TemplateNode) -> Eval<()> {
        self.at(At::Template(t));
        let Some((name, tree)) = self.set.lookup_entry(&t.name) else {
            return Err(self.error(format!("template {} not defined", go_quote(&t.name))));
        };
        if self.depth == MAX_EXEC_DEPTH {
            return Err(self.error(format!(
                "exceeded maximum template depth ({MAX_EXEC_DEPTH})"
            )));
        }
        // Variables declared by the pipeline persist.
        let dot = match &t.pipe {
            Some(pipe) => self.eval_pipeline(dot, pipe)?,
            None => Val::Invalid,
        };
        // No dynamic scoping: the callee sees only its own `$`.
        let saved = (self.tree, self.name, self.base, self.node);
        let mark = self.mark();
        self.base = mark;
        self.push("$", dot.clone());
        self.tree = tree;
        self.name = name;
        self.depth += 1;
        let result = self.walk_list(&dot, &tree.root);
        self.depth -= 1;
        self.pop(mark);
        (self.tree, self.name, self.base, self.node) = saved;
        result
    }

    // Evaluation.

    fn eval_pipeline(&mut self, dot: &Val, pipe: &'t PipeNode) -> Eval<Val> {
        self.at(At::Pipe(pipe));
        let mut value: Option<Val> = None;
        for cmd in &pipe.cmds {
            let v = self.eval_command(dot, cmd, value.take())?;
            // A value of type interface{} is unwrapped to the thing inside.
            value = Some(v.indirect_interface());
        }
        let value = value.unwrap_or(Val::Invalid);
        for var in &pipe.decl {
            if pipe.is_assign {
                self.set_var(&var.ident[0], value.clone())?;
            } else {
                self.push(&var.ident[0], value.clone());
            }
        }
        Ok(value)
    }

    fn not_a_function(&self, args: Option<&'t [Arg]>, fin: Option<&Val>) -> Eval<()> {
        let args = args.unwrap_or(&[]);
        if args.len() > 1 || fin.is_some() {
            // Go prints the node itself; a parenthesised pipeline prints without parentheses.
            let first = match args.first() {
                Some(Arg::Pipe(p)) => p.to_string(),
                Some(a) => a.to_string(),
                None => String::new(),
            };
            return Err(self.error(format!("can't give argument to non-function {first}")));
        }
        Ok(())
    }

    fn eval_command(&mut self, dot: &Val, cmd: &'t CommandNode, fin: Option<Val>) -> Eval<Val> {
        let Some(first) = cmd.args.first() else {
            return Err(self.error("empty command".to_owned()));
        };
        let args = Some(&*cmd.args);
        match first {
            Arg::Field(f) => return self.eval_field_node(dot, f, args, fin),
            Arg::Chain(c) => return self.eval_chain_node(dot, c, args, fin),
            Arg::Identifier(i) => return self.eval_function(dot, i, At::Cmd(cmd), args, fin),
            Arg::Pipe(p) => {
                self.not_a_function(args, fin.as_ref())?;
                return stacker::maybe_grow(RED_ZONE, STACK_SEGMENT, || self.eval_pipeline(dot, p));
            }
            Arg::Variable(v) => return self.eval_variable_node(dot, v, args, fin),
            _ => {}
        }
        self.at(At::Arg(first));
        self.not_a_function(args, fin.as_ref())?;
        match first {
            Arg::Bool(b) => Ok(Val::Direct(Value::Bool(b.value))),
            Arg::Dot(_) => Ok(dot.clone()),
            Arg::Nil(_) => Err(self.error("nil is not a command".to_owned())),
            Arg::Number(n) => self.ideal_constant(n),
            Arg::String(s) => Ok(Val::Direct(Value::String(s.text.clone()))),
            _ => Err(self.error(format!(
                "can't evaluate command {}",
                go_quote(&first.to_string())
            ))),
        }
    }

    /// A number constant in a context without a type: its syntax decides (Go's
    /// `idealConstant`).
    fn ideal_constant(&mut self, n: &'t NumberNode) -> Eval<Val> {
        self.at(At::Number(n));
        let text = n.text.as_str();
        let is_hex_int = text.len() > 2
            && text.starts_with('0')
            && matches!(text.as_bytes()[1], b'x' | b'X')
            && !text.contains(['p', 'P']);
        let is_rune = text.starts_with('\'');
        if n.is_complex {
            let (re, im) = n.complex128;
            return Ok(Val::Direct(Value::Object(Arc::new(Complex { re, im }))));
        }
        if n.is_float && !is_hex_int && !is_rune && text.contains(['.', 'e', 'E', 'p', 'P']) {
            return Ok(Val::Direct(Value::Float(n.float64)));
        }
        if n.is_int {
            return Ok(Val::Direct(Value::Int(n.int64)));
        }
        if n.is_uint {
            return Err(self.error(format!("{text} overflows int")));
        }
        Ok(Val::Invalid)
    }

    fn eval_field_node(
        &mut self,
        dot: &Val,
        field: &'t FieldNode,
        args: Option<&'t [Arg]>,
        fin: Option<Val>,
    ) -> Eval<Val> {
        self.at(At::Field(field));
        self.eval_field_chain(dot, dot.clone(), At::Field(field), &field.ident, args, fin)
    }

    fn eval_chain_node(
        &mut self,
        dot: &Val,
        chain: &'t ChainNode,
        args: Option<&'t [Arg]>,
        fin: Option<Val>,
    ) -> Eval<Val> {
        self.at(At::Chain(chain));
        if chain.field.is_empty() {
            return Err(self.error("internal error: no fields in evalChainNode".to_owned()));
        }
        if matches!(chain.node, Arg::Nil(_)) {
            return Err(self.error(format!("indirection through explicit nil in {chain}")));
        }
        let receiver = self.eval_arg(dot, None, &chain.node)?;
        self.eval_field_chain(dot, receiver, At::Chain(chain), &chain.field, args, fin)
    }

    fn eval_variable_node(
        &mut self,
        dot: &Val,
        var: &'t VariableNode,
        args: Option<&'t [Arg]>,
        fin: Option<Val>,
    ) -> Eval<Val> {
        self.at(At::Var(var));
        let value = self.var_value(&var.ident[0])?;
        if var.ident.len() == 1 {
            self.not_a_function(args, fin.as_ref())?;
            return Ok(value);
        }
        self.eval_field_chain(dot, value, At::Var(var), &var.ident[1..], args, fin)
    }

    fn eval_field_chain(
        &mut self,
        dot: &Val,
        mut receiver: Val,
        node: At<'t>,
        ident: &'t [crate::node::Name],
        args: Option<&'t [Arg]>,
        fin: Option<Val>,
    ) -> Eval<Val> {
        let Some((last, init)) = ident.split_last() else {
            return Ok(receiver);
        };
        for name in init {
            receiver = self.eval_field(dot, name, node, None, None, receiver)?;
        }
        self.eval_field(dot, last, node, args, fin, receiver)
    }

    fn eval_function(
        &mut self,
        dot: &Val,
        ident: &'t IdentifierNode,
        node: At<'t>,
        args: Option<&'t [Arg]>,
        fin: Option<Val>,
    ) -> Eval<Val> {
        self.at(At::Ident(ident));
        let name = ident.ident.as_str();
        let callee = if let Some(f) = self.set.funcs.get(name) {
            Callee::Func(f)
        } else if let Some(b) = Builtin::from_name(name) {
            Callee::Builtin(b)
        } else {
            return Err(self.error(format!("{} is not a defined function", go_quote(name))));
        };
        self.eval_call(dot, &callee, node, name, args, fin)
    }

    /// `.Field` or `.Method args` on `receiver` (Go's `evalField`).
    fn eval_field(
        &mut self,
        dot: &Val,
        name: &'t str,
        node: At<'t>,
        args: Option<&'t [Arg]>,
        fin: Option<Val>,
        receiver: Val,
    ) -> Eval<Val> {
        let is_iface = match &receiver {
            Val::Invalid => {
                if self.set.options.missing_key == MissingKey::Error {
                    return Err(
                        self.error(format!("nil data; no entry for key {}", go_quote(name)))
                    );
                }
                return Ok(Val::Invalid);
            }
            Val::Iface(Value::Nil) => {
                return Err(self.error(format!("nil pointer evaluating interface {{}}.{name}")));
            }
            Val::Iface(_) => true,
            Val::Direct(_) => false,
        };
        let has_args = args.map_or(0, <[Arg]>::len) > 1 || fin.is_some();
        let value = receiver.into_value();
        match &value {
            Value::Object(obj) => match obj.member(name) {
                Some(Member::Method) => {
                    let callee = Callee::Method(obj.clone());
                    return self.eval_call(dot, &callee, node, name, args, fin);
                }
                Some(Member::Field(v)) => {
                    if has_args {
                        return Err(self.error(format!(
                            "{name} has arguments but cannot be invoked as function"
                        )));
                    }
                    return Ok(Val::from_result(v));
                }
                None if obj.kind_name() == "map" => {
                    if has_args {
                        return Err(self.error(format!("{name} is not a method but has arguments")));
                    }
                    let data = collection(obj);
                    if let Some(Value::Map(map)) = &data {
                        if let Some(v) = map.get(name) {
                            return Ok(Val::elem(v, map_elem_is_iface(map)));
                        }
                        return self.missing_key(name, map_zero(map));
                    }
                    return self.missing_key(name, Val::Iface(Value::Nil));
                }
                None => {}
            },
            Value::Map(map) => {
                // Go looks for a method before it looks for a key.
                if let Some(methods) = self.set.map_methods(map)
                    && methods.arity(name).is_some()
                {
                    let callee = Callee::MapMethod(map.clone(), methods.clone());
                    return self.eval_call(dot, &callee, node, name, args, fin);
                }
                if has_args {
                    return Err(self.error(format!("{name} is not a method but has arguments")));
                }
                let iface = map_elem_is_iface(map);
                if let Some(v) = map.get(name) {
                    return Ok(Val::elem(v, iface));
                }
                return self.missing_key(name, map_zero(map));
            }
            _ => {}
        }
        // The type is named only now: most fields are found, and naming it allocates.
        let typ = if is_iface {
            "interface {}".to_owned()
        } else {
            value.type_name()
        };
        Err(self.error(format!("can't evaluate field {name} in type {typ}")))
    }

    fn missing_key(&self, name: &str, zero: Val) -> Eval<Val> {
        match self.set.options.missing_key {
            MissingKey::Default => Ok(Val::Invalid),
            MissingKey::Zero => Ok(zero),
            MissingKey::Error => {
                Err(self.error(format!("map has no entry for key {}", go_quote(name))))
            }
        }
    }

    /// Calls a function, builtin or method (Go's `evalCall`).
    fn eval_call(
        &mut self,
        dot: &Val,
        callee: &Callee<'_>,
        node: At<'t>,
        name: &str,
        args: Option<&'t [Arg]>,
        fin: Option<Val>,
    ) -> Eval<Val> {
        let args: &'t [Arg] = match args {
            Some(a) if !a.is_empty() => &a[1..],
            _ => &[],
        };
        let sig = match callee {
            Callee::Builtin(b) => b.signature(),
            Callee::Func(f) => Sig::Func(&f.sig),
            Callee::Method(obj) => {
                if let Some(sig) = self.set.method_signature(obj.type_name(), name) {
                    Sig::Func(sig)
                } else {
                    let (n, variadic) = obj.method_arity(name);
                    Sig::Any(if variadic { n.saturating_sub(1) } else { n }, variadic)
                }
            }
            Callee::MapMethod(map, methods) => {
                if let Some(sig) = self.set.method_signature(map.type_name(), name) {
                    Sig::Func(sig)
                } else {
                    let (n, variadic) = methods.arity(name).unwrap_or((0, false));
                    Sig::Any(if variadic { n.saturating_sub(1) } else { n }, variadic)
                }
            }
        };
        let num_in = args.len() + usize::from(fin.is_some());
        let mut num_fixed = args.len();
        if sig.variadic().is_some() {
            num_fixed = sig.fixed_len();
            if num_in < num_fixed {
                return Err(self.error(format!(
                    "wrong number of args for {name}: want at least {} got {}",
                    sig.fixed_len(),
                    args.len()
                )));
            }
        } else if num_in != sig.fixed_len() {
            return Err(self.error(format!(
                "wrong number of args for {name}: want {} got {num_in}",
                sig.fixed_len()
            )));
        }

        // and/or evaluate their arguments lazily and return one of them.
        if let Callee::Builtin(b @ (Builtin::And | Builtin::Or)) = callee {
            let want = *b == Builtin::Or;
            let mut v = Val::Invalid;
            for arg in args {
                v = self.eval_arg(dot, Some(PType::Reflect), arg)?;
                if v.truth() == want {
                    return Ok(v);
                }
            }
            if let Some(fin) = fin {
                v = fin;
            }
            return Ok(v);
        }

        let mut argv: Vec<Val> = Vec::with_capacity(num_in);
        let mut i = 0;
        while i < num_fixed && i < args.len() {
            argv.push(self.eval_arg(dot, Some(sig.fixed(i)), &args[i])?);
            i += 1;
        }
        if let Some(rest) = sig.variadic() {
            while i < args.len() {
                argv.push(self.eval_arg(dot, Some(rest), &args[i])?);
                i += 1;
            }
        }
        if let Some(fin) = fin {
            let t = match sig.variadic() {
                Some(rest) if num_in > num_fixed => rest,
                _ => sig.fixed(num_in - 1),
            };
            argv.push(self.validate_type(fin, Some(t))?);
        }

        let result = match callee {
            Callee::Builtin(Builtin::Call) => {
                let callee_name = match args.first() {
                    Some(a) => a.to_string(),
                    None => argv.first().map(go_value_string).unwrap_or_default(),
                };
                builtins::call(&callee_name, &argv).map(Val::from_result)
            }
            Callee::Builtin(b) => builtins::call_builtin(*b, argv),
            Callee::Func(f) => {
                let values: Vec<Value> = argv.into_iter().map(|v| copied(v.into_value())).collect();
                let mut ctx = CallContext {
                    templates: self.set,
                    name: self.name,
                };
                f.call(&mut ctx, &values)
                    .map(Val::from_result)
                    .map_err(|e| e.0)
            }
            Callee::Method(obj) => {
                let values: Vec<Value> = argv.into_iter().map(|v| copied(v.into_value())).collect();
                obj.call_method(name, &values).map(Val::from_result)
            }
            Callee::MapMethod(map, methods) => {
                let values: Vec<Value> = argv.into_iter().map(|v| copied(v.into_value())).collect();
                methods.call(map, name, &values).map(Val::from_result)
            }
        };
        // A function's result is a copy, not addressable: fmt no longer reaches a
        // pointer-receiver `String()` through it. Builtins return their reflect.Values as
        // they are.
        let result = match callee {
            Callee::Builtin(b) if *b != Builtin::Call => result,
            _ => result.map(unaddressable),
        };
        match result {
            Ok(v) => Ok(v),
            Err(msg) => {
                self.at(node);
                let message = format!("error calling {name}: {msg}");
                let err = self.exec_error(message, Some((name.to_owned(), msg)));
                Err(Stop::Error(Box::new(Error::Exec(Box::new(err)))))
            }
        }
    }

    /// Checks that `value` may be passed as type `typ` (Go's `validateType`); `None` is Go's
    /// nil type, which accepts anything.
    fn validate_type(&self, value: Val, typ: Option<PType>) -> Eval<Val> {
        let Some(typ) = typ else {
            return Ok(value);
        };
        match (value, typ) {
            (Val::Invalid, t) => {
                if t.can_be_nil() {
                    Ok(t.zero())
                } else {
                    Err(self.error(format!("invalid value; expected {}", t.go_name())))
                }
            }
            (v, PType::Reflect | PType::Go(ArgType::Any)) => Ok(v),
            (Val::Iface(v) | Val::Direct(v), PType::Go(t)) => {
                if v.is_nil() {
                    return Err(self.error(format!(
                        "wrong type for value; expected {}; got interface {{}}",
                        t.go_name()
                    )));
                }
                if assignable(&v, t) {
                    Ok(Val::Direct(v))
                } else {
                    Err(self.error(format!(
                        "wrong type for value; expected {}; got {}",
                        t.go_name(),
                        v.type_name()
                    )))
                }
            }
        }
    }

    /// Evaluates an argument for a parameter of type `typ` (Go's `evalArg`).
    fn eval_arg(&mut self, dot: &Val, typ: Option<PType>, n: &'t Arg) -> Eval<Val> {
        self.at(At::Arg(n));
        match n {
            Arg::Dot(_) => return self.validate_type(dot.clone(), typ),
            Arg::Nil(_) => {
                return match typ {
                    Some(t) if t.can_be_nil() => Ok(t.zero()),
                    Some(t) => Err(self.error(format!("cannot assign nil to {}", t.go_name()))),
                    None => Ok(Val::Invalid),
                };
            }
            Arg::Field(f) => {
                let v = self.eval_field_node(dot, f, Some(std::slice::from_ref(n)), None)?;
                return self.validate_type(v, typ);
            }
            Arg::Variable(v) => {
                let v = self.eval_variable_node(dot, v, None, None)?;
                return self.validate_type(v, typ);
            }
            Arg::Pipe(p) => {
                let v =
                    stacker::maybe_grow(RED_ZONE, STACK_SEGMENT, || self.eval_pipeline(dot, p))?;
                return self.validate_type(v, typ);
            }
            Arg::Identifier(i) => {
                let v = self.eval_function(dot, i, At::Arg(n), None, None)?;
                return self.validate_type(v, typ);
            }
            Arg::Chain(c) => {
                let v = self.eval_chain_node(dot, c, None, None)?;
                return self.validate_type(v, typ);
            }
            Arg::Bool(_) | Arg::Number(_) | Arg::String(_) => {}
        }
        let Some(typ) = typ else {
            return self.eval_empty_interface(n);
        };
        match typ {
            PType::Reflect | PType::Go(ArgType::Any) => self.eval_empty_interface(n),
            PType::Go(ArgType::Bool) => match n {
                Arg::Bool(b) => Ok(Val::Direct(Value::Bool(b.value))),
                _ => Err(self.error(format!("expected bool; found {n}"))),
            },
            PType::Go(ArgType::String) => match n {
                Arg::String(s) => Ok(Val::Direct(Value::String(s.text.clone()))),
                _ => Err(self.error(format!("expected string; found {n}"))),
            },
            PType::Go(t @ (ArgType::Int | ArgType::Int64 | ArgType::NamedInt64(_))) => match n {
                Arg::Number(num) if num.is_int => Ok(Val::Direct(if t == ArgType::Int {
                    Value::Int(num.int64)
                } else {
                    Value::Int64(num.int64)
                })),
                _ => Err(self.error(format!("expected integer; found {n}"))),
            },
            PType::Go(ArgType::Uint64) => match n {
                Arg::Number(num) if num.is_uint => Ok(Val::Direct(Value::Uint(num.uint64))),
                _ => Err(self.error(format!("expected unsigned integer; found {n}"))),
            },
            // reflect's SetUint keeps the low 32 bits without an overflow check.
            PType::Go(ArgType::Uint32) => match n {
                Arg::Number(num) if num.is_uint => {
                    Ok(Val::Direct(Value::Uint(num.uint64 & u64::from(u32::MAX))))
                }
                _ => Err(self.error(format!("expected unsigned integer; found {n}"))),
            },
            PType::Go(ArgType::Float64) => match n {
                Arg::Number(num) if num.is_float => Ok(Val::Direct(Value::Float(num.float64))),
                _ => Err(self.error(format!("expected float; found {n}"))),
            },
            PType::Go(
                t @ (ArgType::List | ArgType::StringList | ArgType::Map | ArgType::Host(_)),
            ) => Err(self.error(format!("can't handle {n} for arg of type {}", t.go_name()))),
        }
    }

    fn eval_empty_interface(&mut self, n: &'t Arg) -> Eval<Val> {
        match n {
            Arg::Bool(b) => Ok(Val::Direct(Value::Bool(b.value))),
            Arg::Number(num) => self.ideal_constant(num),
            Arg::String(s) => Ok(Val::Direct(Value::String(s.text.clone()))),
            _ => Err(self.error(format!(
                "can't handle assignment of {n} to empty interface argument"
            ))),
        }
    }
}

/// The data of a host object whose Go kind is a slice, array or map, which `range`, `len`
/// and `index` see through.
pub(crate) fn collection(obj: &Arc<dyn Object>) -> Option<Value> {
    match obj.kind_name() {
        "slice" | "array" | "map" => match obj.to_data() {
            v @ (Value::List(_) | Value::Map(_) | Value::Bytes(_)) => Some(v),
            // A nil map of a named type reads as an empty map of that type.
            Value::Nil => obj.as_any().downcast_ref::<NilMap>().map(|nil| {
                Value::Map(Map::with_type_name(
                    std::collections::BTreeMap::new(),
                    nil.static_type_name(),
                ))
            }),
            _ => None,
        },
        _ => None,
    }
}

/// A Go `complex128` constant (`{{ 1+2i }}`): values have no complex variant, so it is a host
/// object that prints and tests truth as Go does.
#[derive(Debug)]
struct Complex {
    re: f64,
    im: f64,
}

impl Object for Complex {
    fn type_name(&self) -> &'static str {
        "complex128"
    }

    fn kind_name(&self) -> &'static str {
        "complex128"
    }

    fn member(&self, _name: &str) -> Option<Member> {
        None
    }

    fn go_string(&self) -> String {
        use rudder_value::strconv::format_float;
        let im = format_float(self.im, 'g', -1, 64);
        let sign = if im.starts_with(['-', '+']) { "" } else { "+" };
        format!("({}{sign}{im}i)", format_float(self.re, 'g', -1, 64))
    }

    fn is_true(&self) -> bool {
        self.re != 0.0 || self.im != 0.0
    }

    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

/// A parameter list as the executor checks it (Go's `reflect.Type` of a function), borrowed
/// so that a call allocates nothing for it.
#[derive(Clone, Copy)]
pub(crate) enum Sig<'a> {
    /// A builtin's parameters.
    Static(&'static [PType], Option<PType>),
    /// A function of the set.
    Func(&'a crate::func::Signature),
    /// A method: this many `interface{}` parameters, then `...interface{}` if variadic.
    Any(usize, bool),
}

impl Sig<'_> {
    fn fixed_len(self) -> usize {
        match self {
            Sig::Static(fixed, _) => fixed.len(),
            Sig::Func(sig) => sig.params.len(),
            Sig::Any(n, _) => n,
        }
    }

    fn fixed(self, i: usize) -> PType {
        match self {
            Sig::Static(fixed, _) => fixed[i],
            Sig::Func(sig) => PType::Go(sig.params[i]),
            Sig::Any(..) => PType::Go(ArgType::Any),
        }
    }

    fn variadic(self) -> Option<PType> {
        match self {
            Sig::Static(_, rest) => rest,
            Sig::Func(sig) => sig.variadic.map(PType::Go),
            Sig::Any(_, true) => Some(PType::Go(ArgType::Any)),
            Sig::Any(_, false) => None,
        }
    }
}

/// Go's `reflect.Value.String()`: the string itself for strings, `<T Value>` otherwise.
fn go_value_string(v: &Val) -> String {
    match v.concrete() {
        Some(Value::String(s)) => s.to_string(),
        Some(other) => format!("<{} Value>", other.type_name()),
        None => "<invalid Value>".to_owned(),
    }
}

/// `%v` of one value (nil prints `<nil>`).
pub(crate) fn sprint_one(v: Option<&Value>) -> String {
    match v {
        Some(v) => rudder_value::fmt::sprint(std::slice::from_ref(v)),
        None => "<nil>".to_owned(),
    }
}

/// Go's `strconv.Quote`, as `%q` prints a string.
pub fn go_quote(s: &str) -> String {
    rudder_value::strconv::quote(s)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::func::{FuncError, Signature};

    fn set() -> Templates {
        Templates::new(Arc::new(FuncMap::default())).with_name("top")
    }

    fn data() -> Value {
        let m = Map::new();
        m.insert("a", Value::Map(Map::new()));
        m.insert("s", Value::from("str"));
        Value::Map(m)
    }

    #[test]
    fn clone_extended_by_parse_leaves_original_untouched() {
        let mut base = set();
        base.parse("main", r#"{{define "x"}}base{{end}}{{template "x"}}"#)
            .unwrap();
        let mut clone = base.clone();
        clone
            .parse("tpl", r#"{{define "x"}}clone{{end}}[{{template "x"}}]"#)
            .unwrap();
        assert_eq!(clone.execute("tpl", &Value::Nil).unwrap(), "[clone]");
        assert_eq!(base.execute("main", &Value::Nil).unwrap(), "base");
        assert!(base.lookup("tpl").is_none());
        assert_eq!(clone.names(), ["main", "tpl", "x"]);
    }

    #[test]
    fn many_templates_parsed_into_a_clone_stay_in_the_clone() {
        let mut base = set();
        base.parse("main", "main").unwrap();
        let mut clone = base.clone();
        for i in 0..40 {
            clone.parse(&format!("t{i}"), &format!("{i}")).unwrap();
        }
        clone.parse("main", "replaced").unwrap();
        assert_eq!(clone.execute("t39", &Value::Nil).unwrap(), "39");
        assert_eq!(clone.execute("t0", &Value::Nil).unwrap(), "0");
        assert_eq!(clone.execute("main", &Value::Nil).unwrap(), "replaced");
        assert_eq!(clone.names().len(), 41);
        assert_eq!(base.execute("main", &Value::Nil).unwrap(), "main");
        assert_eq!(base.names(), ["main"]);
    }

    #[test]
    fn empty_definition_does_not_replace_a_defined_one() {
        let mut t = set();
        t.parse("a", r#"{{define "x"}}full{{end}}"#).unwrap();
        t.parse(
            "b",
            "{{define \"x\"}} {{/* c */}}\n{{end}}{{template \"x\"}}",
        )
        .unwrap();
        assert_eq!(t.execute("b", &Value::Nil).unwrap(), "full");
        t.parse("c", r#"{{define "x"}}new{{end}}"#).unwrap();
        assert_eq!(t.execute("b", &Value::Nil).unwrap(), "new");
    }

    #[test]
    fn sets_and_errors_are_send_and_sync() {
        fn assert_send_sync<T: Send + Sync>() {}
        assert_send_sync::<Templates>();
        assert_send_sync::<Arc<Tree>>();
        assert_send_sync::<Error>();
    }

    #[test]
    fn executes_in_parallel_from_many_threads() {
        let mut t = set();
        t.parse("t", "{{range .}}{{.}}{{end}}").unwrap();
        let data = Value::from(vec![Value::Int(1), Value::Int(2)]);
        std::thread::scope(|s| {
            for _ in 0..4 {
                s.spawn(|| assert_eq!(t.execute("t", &data).unwrap(), "12"));
            }
        });
    }

    #[test]
    fn functions_execute_templates_of_the_running_set() {
        let mut funcs = FuncMap::default();
        funcs.insert(
            "include".to_owned(),
            Function::with_context(
                Signature::fixed(&[ArgType::String, ArgType::Any]),
                |ctx, args| {
                    assert_eq!(ctx.template_name(), "main");
                    let name = args[0].as_str().unwrap_or_default().to_owned();
                    ctx.execute_template(&name, &args[1])
                        .map(Value::from)
                        .map_err(|e| FuncError::new(e.to_string()))
                },
            ),
        );
        let mut t = Templates::new(Arc::new(funcs));
        t.parse(
            "main",
            r#"{{define "p"}}<{{.}}>{{end}}{{include "p" .s | len}}"#,
        )
        .unwrap();
        assert_eq!(t.execute("main", &data()).unwrap(), "5");
    }

    #[test]
    fn functions_of_the_set_hide_builtins() {
        let mut funcs = FuncMap::default();
        funcs.insert(
            "len".to_owned(),
            Function::new(Signature::fixed(&[ArgType::Any]), |_| Ok(Value::Int(-1))),
        );
        let mut t = Templates::new(Arc::new(funcs));
        t.parse("t", "{{len 3}}").unwrap();
        assert_eq!(t.execute("t", &Value::Nil).unwrap(), "-1");
    }

    #[test]
    fn missing_key_options() {
        let text = "{{.a.b}}|{{print .a.b}}";
        let mut t = set();
        t.parse("t", text).unwrap();
        assert_eq!(t.execute("t", &data()).unwrap(), "<no value>|<nil>");
        let t = t.with_missing_key(MissingKey::Zero);
        assert_eq!(t.execute("t", &data()).unwrap(), "<no value>|<nil>");
        let t = t.with_missing_key(MissingKey::Error);
        let err = t.execute("t", &data()).unwrap_err().to_string();
        assert_eq!(
            err,
            r#"template: t:1:4: executing "t" at <.a.b>: map has no entry for key "b""#
        );
    }

    #[test]
    fn missing_value_and_nil_interface_differ() {
        let mut t = set().with_missing_key(MissingKey::Zero);
        t.parse("field", "{{.a.b.c}}").unwrap();
        t.parse("var", "{{$x := .a.b}}{{$x.c}}").unwrap();
        let err = t.execute("field", &data()).unwrap_err().to_string();
        assert!(
            err.ends_with("nil pointer evaluating interface {}.c"),
            "{err}"
        );
        assert_eq!(t.execute("var", &data()).unwrap(), "<no value>");
    }

    #[test]
    fn exec_errors_keep_their_parts() {
        let mut t = set();
        t.parse("t", "\n  {{printf 1}} {{.s.x}}").unwrap();
        let Err(Error::Exec(e)) = t.execute("t", &data()) else {
            panic!("expected an execution error");
        };
        assert_eq!(e.name, "t");
        assert_eq!(e.location.as_deref(), Some("t:2:11"));
        assert_eq!(e.node.as_deref(), Some("1"));
        assert_eq!(e.message, "expected string; found 1");
        assert_eq!(e.func, None);

        let mut funcs = FuncMap::default();
        funcs.insert(
            "boom".to_owned(),
            Function::new(Signature::fixed(&[]), |_| Err(FuncError::new("bang"))),
        );
        let mut t = Templates::new(Arc::new(funcs));
        t.parse("t", "{{ boom }}").unwrap();
        let Err(Error::Exec(e)) = t.execute("t", &Value::Nil) else {
            panic!("expected an execution error");
        };
        assert_eq!(e.message, "error calling boom: bang");
        assert_eq!(e.func.as_deref(), Some("boom"));
        assert_eq!(e.cause.as_deref(), Some("bang"));
        assert_eq!(
            e.to_string(),
            r#"template: t:1:3: executing "t" at <boom>: error calling boom: bang"#
        );
    }

    #[test]
    fn deep_recursion_through_functions_does_not_overflow_the_stack() {
        let mut funcs = FuncMap::default();
        funcs.insert(
            "include".to_owned(),
            Function::with_context(
                Signature::fixed(&[ArgType::String, ArgType::Any]),
                |ctx, args| {
                    let name = args[0].as_str().unwrap_or_default().to_owned();
                    ctx.execute_template(&name, &args[1])
                        .map(Value::from)
                        .map_err(|e| FuncError::new(e.to_string()))
                },
            ),
        );
        funcs.insert(
            "dec".to_owned(),
            Function::new(Signature::fixed(&[ArgType::Int]), |args| match args[0] {
                Value::Int(n) => Ok(Value::Int(n - 1)),
                _ => Err(FuncError::new("not an int")),
            }),
        );
        let mut t = Templates::new(Arc::new(funcs));
        t.parse(
            "t",
            r#"{{define "r"}}{{if gt . 0}}{{include "r" (dec .) | len}}{{end}}{{end}}"#,
        )
        .unwrap();
        // A thread with a small stack, as test threads and Helm's goroutines start small.
        let out = std::thread::Builder::new()
            .stack_size(256 * 1024)
            .spawn(move || t.execute("r", &Value::Int(3000)))
            .unwrap()
            .join()
            .unwrap()
            .unwrap();
        assert_eq!(out, "1");
    }

    #[test]
    fn named_map_types_have_methods_that_hide_keys() {
        struct ValuesMethods;
        impl MapMethods for ValuesMethods {
            fn arity(&self, name: &str) -> Option<(usize, bool)> {
                match name {
                    "AsMap" => Some((0, false)),
                    "Table" => Some((1, false)),
                    _ => None,
                }
            }
            fn call(&self, map: &Map, name: &str, args: &[Value]) -> Result<Value, String> {
                match name {
                    "AsMap" => Ok(Value::Int(map.len() as i64)),
                    _ => Err(format!(
                        "{} is not a table",
                        go_quote(args[0].as_str().unwrap_or_default())
                    )),
                }
            }
        }
        let values = Map::with_type_name(std::collections::BTreeMap::new(), "common.Values");
        values.insert("AsMap", Value::from("key"));
        values.insert("a", Value::Int(1));
        let top = Map::new();
        top.insert("Values", Value::Map(values));
        let mut t = set().with_map_methods("common.Values", Arc::new(ValuesMethods));
        t.parse("t", "{{.Values.AsMap}} {{.Values.a}}").unwrap();
        t.parse("e", r#"{{.Values.Table "a"}}"#).unwrap();
        assert_eq!(t.execute("t", &Value::Map(top.clone())).unwrap(), "2 1");
        let err = t.execute("e", &Value::Map(top)).unwrap_err().to_string();
        assert_eq!(
            err,
            r#"template: e:1:9: executing "e" at <.Values.Table>: error calling Table: "a" is not a table"#
        );
    }

    #[test]
    fn declared_method_signatures_convert_arguments() {
        #[derive(Debug)]
        struct Files;
        impl Object for Files {
            fn type_name(&self) -> &'static str {
                "engine.files"
            }
            fn member(&self, _name: &str) -> Option<Member> {
                Some(Member::Method)
            }
            fn call_method(&self, _name: &str, args: &[Value]) -> Result<Value, String> {
                Ok(Value::from(format!(
                    "<{}>",
                    args[0].as_str().unwrap_or("?")
                )))
            }
            fn method_arity(&self, _name: &str) -> (usize, bool) {
                (1, false)
            }
            fn go_string(&self) -> String {
                "map[]".to_owned()
            }
            fn as_any(&self) -> &dyn std::any::Any {
                self
            }
        }
        let top = Map::new();
        top.insert("Files", Value::Object(Arc::new(Files)));
        top.insert("n", Value::Float(1.0));
        let data = Value::Map(top);
        let mut t = set().with_method_signature(
            "engine.files",
            "Get",
            Signature::fixed(&[ArgType::String]),
        );
        t.parse("ok", r#"{{.Files.Get "a"}}"#).unwrap();
        t.parse("lit", "{{.Files.Get 1}}").unwrap();
        t.parse("val", "{{.Files.Get .n}}").unwrap();
        t.parse("other", "{{.Files.Lines 1}}").unwrap();
        assert_eq!(t.execute("ok", &data).unwrap(), "<a>");
        let err = |name: &str| t.execute(name, &data).unwrap_err().to_string();
        assert!(
            err("lit").ends_with("at <1>: expected string; found 1"),
            "{}",
            err("lit")
        );
        assert!(
            err("val").ends_with("at <.n>: wrong type for value; expected string; got float64"),
            "{}",
            err("val")
        );
        assert_eq!(t.execute("other", &data).unwrap(), "<?>");
    }

    #[test]
    fn uint32_and_host_parameters_convert_as_go_does() {
        let mut funcs = FuncMap::default();
        funcs.insert(
            "u32".to_owned(),
            Function::new(Signature::fixed(&[ArgType::Uint32]), |a| Ok(a[0].clone())),
        );
        funcs.insert(
            "host".to_owned(),
            Function::new(Signature::fixed(&[ArgType::Host("time.Time")]), |_| {
                Ok(Value::from("ok"))
            }),
        );
        let mut t = Templates::new(Arc::new(funcs)).with_name("top");
        let cases = [
            ("{{u32 4294967297}}", Ok("1")),
            ("{{u32 1.0}}", Ok("1")),
            (
                "{{u32 -1}}",
                Err("at <-1>: expected unsigned integer; found -1"),
            ),
            ("{{u32 nil}}", Err("at <nil>: cannot assign nil to uint32")),
            (
                "{{u32 (1)}}",
                Err("at <1>: wrong type for value; expected uint32; got int"),
            ),
            (
                r#"{{host "x"}}"#,
                Err(r#"at <"x">: can't handle "x" for arg of type time.Time"#),
            ),
            (
                "{{host nil}}",
                Err("at <nil>: cannot assign nil to time.Time"),
            ),
            (
                "{{host .}}",
                Err("at <.>: wrong type for value; expected time.Time; got string"),
            ),
        ];
        for (i, (text, want)) in cases.into_iter().enumerate() {
            let name = format!("t{i}");
            t.parse(&name, text).unwrap();
            match (t.execute(&name, &Value::from("s")), want) {
                (Ok(out), Ok(want)) => assert_eq!(out, want, "{text}"),
                (Err(err), Err(want)) => {
                    assert!(err.to_string().ends_with(want), "{text}: {err}");
                }
                (got, want) => panic!("{text}: got {got:?}, want {want:?}"),
            }
        }
    }

    #[test]
    fn unknown_template_names_the_set() {
        let err = set().execute("nope", &Value::Nil).unwrap_err();
        assert_eq!(
            err.to_string(),
            r#"template: no template "nope" associated with template "top""#
        );
    }

    #[test]
    fn delimiters_apply_to_later_parses() {
        let mut t = set();
        t.delims("[[", "]]");
        t.parse("t", "[[ .s ]] {{ .s }}").unwrap();
        assert_eq!(t.execute("t", &data()).unwrap(), "str {{ .s }}");
    }

    #[test]
    fn deep_template_recursion_stops_at_go_limit() {
        let mut t = set();
        t.parse(
            "t",
            r#"{{define "r"}}{{template "r" .}}{{end}}{{template "r" .}}"#,
        )
        .unwrap();
        let err = t.execute("t", &Value::Nil).unwrap_err().to_string();
        assert!(
            err.ends_with("exceeded maximum template depth (100000)"),
            "{err}"
        );
    }

    #[test]
    fn quotes_as_go_does() {
        assert_eq!(go_quote("a\"b\\\n\u{1}é"), r#""a\"b\\\n\x01é""#);
    }
}
