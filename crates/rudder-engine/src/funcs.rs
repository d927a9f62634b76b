//! Helm's render-time template functions, registered over Sprig's (helm/helm
//! `pkg/engine/engine.go` `initFunMap`, `pkg/engine/funcs.go` `funcMap`).

use std::cell::RefCell;
use std::collections::HashMap;

use rudder_gotmpl::{ArgType, CallContext, FuncError, FuncMap, Function, Signature, Templates};
use rudder_value::{Map, Value, strconv};

use crate::Engine;
use crate::reformat::{WARN_END, WARN_START};

/// How often one template may be nested in itself through `include` (Helm's
/// `recursionMaxNums`).
const RECURSION_MAX: usize = 1000;

/// Stack kept free before an `include` executes, and the size of each new stack segment.
const RED_ZONE: usize = 256 * 1024;
const STACK_SEGMENT: usize = 8 * 1024 * 1024;

/// Name of the template set's root, and the name `tpl` parses its text under.
pub(crate) const ROOT_NAME: &str = "gotpl";

thread_local! {
    /// Per template name, how deep `include` is nested in it on this thread (Helm's
    /// `includedNames`). A template renders on one thread from start to end, so this is the
    /// nesting of the render under way, as Helm counts it for its one render at a time.
    static DEPTHS: RefCell<HashMap<String, usize>> = RefCell::default();
}

/// One level of `include` nesting in a template, counted in [`DEPTHS`] while it lives.
struct Nesting<'a> {
    name: &'a str,
}

impl<'a> Nesting<'a> {
    /// Enters `name` once more; an error when it is already nested more than Helm allows.
    fn enter(name: &'a str) -> Result<Self, FuncError> {
        DEPTHS.with_borrow_mut(|depths| {
            match depths.get_mut(name) {
                Some(depth) if *depth > RECURSION_MAX => {
                    return Err(FuncError::new(format!(
                        "rendering template has a nested reference name: {name}: unable to execute template"
                    )));
                }
                Some(depth) => *depth += 1,
                None => {
                    depths.insert(name.to_owned(), 1);
                }
            }
            Ok(Nesting { name })
        })
    }
}

impl Drop for Nesting<'_> {
    fn drop(&mut self) {
        DEPTHS.with_borrow_mut(|depths| {
            if let Some(depth) = depths.get_mut(self.name) {
                *depth = depth.saturating_sub(1);
                if *depth == 0 {
                    depths.remove(self.name);
                }
            }
        });
    }
}

/// Sprig's functions without `env` and `expandenv`, plus Helm's own.
pub(crate) fn func_map(engine: &Engine, binary_files: bool) -> FuncMap {
    let mut funcs = rudder_sprig::funcs();
    funcs.remove("env");
    funcs.remove("expandenv");

    funcs.insert("include".to_owned(), include());
    funcs.insert("tpl".to_owned(), tpl(engine.strict));
    funcs.insert("required".to_owned(), required(engine.lint_mode));
    funcs.insert("fail".to_owned(), fail(engine.lint_mode));
    funcs.insert("lookup".to_owned(), lookup(engine));
    if binary_files {
        funcs.insert("b64enc".to_owned(), b64enc_bytes());
    }
    if !engine.enable_dns {
        funcs.insert(
            "getHostByName".to_owned(),
            Function::new(Signature::fixed(&[ArgType::String]), |_| {
                Ok(Value::from(""))
            }),
        );
    }
    for (name, function) in &engine.custom_funcs {
        funcs.insert(name.clone(), function.clone());
    }
    funcs
}

/// The Go parameter types of the host objects' methods with parameters, so that wrong
/// arguments fail as in Go (`.Files.Get 1` is `expected string; found 1`): `.Files`
/// (`pkg/engine/files.go`), `.Capabilities.APIVersions.Has` and Sprig's `*semver.Version`.
pub(crate) fn method_signatures() -> Vec<(&'static str, &'static str, Signature)> {
    let string = || Signature::fixed(&[ArgType::String]);
    let mut sigs = vec![
        ("engine.files", "Get", string()),
        ("engine.files", "GetBytes", string()),
        ("engine.files", "Glob", string()),
        ("engine.files", "Lines", string()),
        ("engine.files", "AsConfig", Signature::fixed(&[])),
        ("engine.files", "AsSecrets", Signature::fixed(&[])),
        ("common.VersionSet", "Has", string()),
    ];
    sigs.extend(rudder_sprig::method_signatures());
    sigs.extend(crate::values::values_method_signatures());
    sigs
}

fn str_arg(args: &[Value], i: usize) -> &str {
    args.get(i).and_then(Value::as_str).unwrap_or_default()
}

/// `include NAME DATA`: executes a template of the running set and returns its text.
fn include() -> Function {
    Function::with_context(
        Signature::fixed(&[ArgType::String, ArgType::Any]),
        move |ctx: &mut CallContext<'_>, args: &[Value]| {
            let name = str_arg(args, 0);
            let data = args.get(1).cloned().unwrap_or(Value::Nil);
            let nesting = Nesting::enter(name)?;
            // Each nesting level costs native stack: grow it in segments, as the executor
            // does for `{{template}}`, so 1000 levels fit whatever stack the caller has.
            let templates = ctx.templates();
            let result =
                stacker::maybe_grow(RED_ZONE, STACK_SEGMENT, || templates.execute(name, &data));
            drop(nesting);
            result
                .map(Value::from)
                .map_err(|err| FuncError::new(err.to_string()))
        },
    )
}

/// `tpl TEXT VALUES`: parses TEXT into a copy of the running set (so it sees, and may add,
/// named templates) and executes it.
fn tpl(strict: bool) -> Function {
    Function::with_context(
        Signature::fixed(&[ArgType::String, ArgType::Any]),
        move |ctx: &mut CallContext<'_>, args: &[Value]| {
            let text = str_arg(args, 0);
            let vals = args.get(1).cloned().unwrap_or(Value::Nil);
            let mut set: Templates = ctx.templates().clone();
            set.set_options(crate::engine::options(strict));
            let tree = set.parse_main(ROOT_NAME, text).map_err(|err| {
                FuncError::new(format!(
                    "cannot parse template {}: {err}",
                    strconv::quote(text)
                ))
            })?;
            let out = stacker::maybe_grow(RED_ZONE, STACK_SEGMENT, || {
                set.execute_tree(ROOT_NAME, &tree, &vals)
            })
            .map_err(|err| {
                FuncError::new(format!(
                    "error during tpl function execution for {}: {err}",
                    strconv::quote(text)
                ))
            })?;
            Ok(Value::from(crate::engine::strip_no_value(out)))
        },
    )
}

/// `required MESSAGE VALUE`: VALUE, or an error when it is nil or an empty string.
fn required(lint_mode: bool) -> Function {
    Function::new(
        Signature::fixed(&[ArgType::String, ArgType::Any]),
        move |args: &[Value]| {
            let value = args.get(1).cloned().unwrap_or(Value::Nil);
            let missing = match &value {
                Value::Nil => true,
                Value::String(s) => s.is_empty(),
                _ => false,
            };
            if !missing {
                return Ok(value);
            }
            if lint_mode {
                return Ok(Value::from(""));
            }
            Err(FuncError::new(warn_wrap(str_arg(args, 0))))
        },
    )
}

/// `fail MESSAGE`: stops rendering with MESSAGE (Helm's version of Sprig's `fail`).
fn fail(lint_mode: bool) -> Function {
    Function::new(
        Signature::fixed(&[ArgType::String]),
        move |args: &[Value]| {
            if lint_mode {
                return Ok(Value::from(""));
            }
            Err(FuncError::new(warn_wrap(str_arg(args, 0))))
        },
    )
}

/// `lookup APIVERSION KIND NAMESPACE NAME`: an empty map, unless the engine has a cluster.
fn lookup(engine: &Engine) -> Function {
    let provider = if engine.lint_mode {
        None
    } else {
        engine.lookup.clone()
    };
    Function::new(
        Signature::fixed(&[
            ArgType::String,
            ArgType::String,
            ArgType::String,
            ArgType::String,
        ]),
        move |args: &[Value]| match &provider {
            None => Ok(Value::Map(Map::new())),
            Some(provider) => provider
                .lookup(
                    str_arg(args, 0),
                    str_arg(args, 1),
                    str_arg(args, 2),
                    str_arg(args, 3),
                )
                .map(Value::Map)
                .map_err(FuncError::new),
        },
    )
}

/// `b64enc` that also takes the bytes of a binary file from `.Files.Get`, which Go passes as
/// a string with any bytes in it. Registered only for charts with binary files: elsewhere
/// Sprig's own `b64enc` keeps Go's argument checks and their error texts exactly.
fn b64enc_bytes() -> Function {
    use base64::Engine as _;
    Function::new(Signature::fixed(&[ArgType::Any]), |args: &[Value]| {
        let engine = &base64::engine::general_purpose::STANDARD;
        match args.first() {
            Some(Value::String(s)) => Ok(Value::from(engine.encode(s.as_bytes()))),
            Some(Value::Bytes(b)) => Ok(Value::from(engine.encode(b))),
            Some(other) => Err(FuncError::new(format!(
                "wrong type for value; expected string; got {}",
                other.type_name()
            ))),
            None => Err(FuncError::new("invalid value; expected string")),
        }
    })
}

fn warn_wrap(message: &str) -> String {
    format!("{WARN_START}{message}{WARN_END}")
}
