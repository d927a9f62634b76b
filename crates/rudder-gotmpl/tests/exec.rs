//! Fixture tests for the executor: one case per file in `testdata/exec/`.
//!
//! A case file holds sections introduced by `-- NAME --` lines (the shape of Go's txtar):
//!
//! - `template`: the template text (the section's final newline is not part of it);
//! - `define` (optional, repeatable): more text parsed into the same set first;
//! - `data` (optional): JSON for dot; integers become Go `int`s, other numbers `float64`s,
//!   and the key `"$object"` makes a test object (see [`TestObject`]);
//! - `options` (optional): `missingkey=default|zero|error`;
//! - `output` or `error`: the expected output, or Go's error message.
//!
//! Expected outputs and messages come from Go's `text/template` tests and documentation, or
//! were checked against Go (through Helm) with the differential cases of `rudder-engine`.

use std::any::Any;
use std::path::Path;
use std::sync::Arc;

use rudder_gotmpl::{
    ArgType, CallContext, FuncError, FuncMap, Function, MissingKey, Signature, Templates,
};
use rudder_value::{List, Map, Member, Object, Value};

/// A Go struct with fields `X` (string) and `I` (int) and methods `Method0()`,
/// `Method1(x)`, `Method2(a, b)`, `Variadic(xs...)` and `MyError(fail)`.
#[derive(Debug)]
struct TestObject;

impl Object for TestObject {
    fn type_name(&self) -> &'static str {
        "*template.T"
    }

    fn member(&self, name: &str) -> Option<Member> {
        match name {
            "X" => Some(Member::Field(Value::from("x"))),
            "I" => Some(Member::Field(Value::Int(17))),
            "Method0" | "Method1" | "Method2" | "Variadic" | "MyError" => Some(Member::Method),
            _ => None,
        }
    }

    fn call_method(&self, name: &str, args: &[Value]) -> Result<Value, String> {
        let print = |v: &[Value]| rudder_value::fmt::sprint(v);
        match name {
            "Method0" => Ok(Value::from("M0")),
            "Method1" => Ok(args[0].clone()),
            "Method2" => Ok(Value::from(format!(
                "Method2: {} {}",
                print(&args[..1]),
                print(&args[1..2])
            ))),
            "Variadic" => Ok(Value::from(format!(
                "<{}>",
                rudder_value::fmt::sprintln(args).trim_end()
            ))),
            "MyError" => {
                if args[0].is_true() {
                    Err("my error".to_owned())
                } else {
                    Ok(Value::Bool(false))
                }
            }
            _ => Err(format!("no method {name}")),
        }
    }

    fn method_arity(&self, name: &str) -> (usize, bool) {
        match name {
            "Method1" | "MyError" => (1, false),
            "Method2" => (2, false),
            "Variadic" => (1, true),
            _ => (0, false),
        }
    }

    fn go_string(&self) -> String {
        "{x 17}".to_owned()
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}

fn to_value(j: &serde_json::Value) -> Value {
    match j {
        serde_json::Value::Null => Value::Nil,
        serde_json::Value::Bool(b) => Value::Bool(*b),
        serde_json::Value::Number(n) => match n.as_i64() {
            Some(i) => Value::Int(i),
            None => Value::Float(n.as_f64().unwrap_or_default()),
        },
        serde_json::Value::String(s) if s == "$object" => Value::Object(Arc::new(TestObject)),
        serde_json::Value::String(s) => Value::from(s.as_str()),
        serde_json::Value::Array(a) => Value::List(List::new(a.iter().map(to_value).collect())),
        serde_json::Value::Object(o) => {
            let m: Map = o.iter().map(|(k, v)| (k.clone(), to_value(v))).collect();
            Value::Map(m)
        }
    }
}

/// Test functions in the spirit of Go's `exec_test.go`.
fn funcs() -> FuncMap {
    use ArgType::{Any, Int, String};
    let mut m = FuncMap::default();
    let s = |v: &Value| v.as_str().unwrap_or_default().to_owned();
    m.insert(
        "zeroArgs".into(),
        Function::new(Signature::fixed(&[]), |_| Ok(Value::from("zeroArgs"))),
    );
    m.insert(
        "oneArg".into(),
        Function::new(Signature::fixed(&[String]), move |a| {
            Ok(Value::from(format!("oneArg={}", s(&a[0]))))
        }),
    );
    m.insert(
        "twoArgs".into(),
        Function::new(Signature::fixed(&[String, String]), move |a| {
            Ok(Value::from(format!("twoArgs={}{}", s(&a[0]), s(&a[1]))))
        }),
    );
    m.insert(
        "dddArg".into(),
        Function::new(Signature::variadic(&[Int], String), |a| {
            let rest = List::with_kind(a[1..].to_vec(), rudder_value::ListKind::String);
            Ok(Value::from(rudder_value::fmt::sprintln(&[
                a[0].clone(),
                Value::List(rest),
            ])))
        }),
    );
    m.insert(
        "add".into(),
        Function::new(Signature::fixed(&[Int, Int]), |a| match (&a[0], &a[1]) {
            (Value::Int(x), Value::Int(y)) => Ok(Value::Int(x + y)),
            _ => Err(FuncError::new("not ints")),
        }),
    );
    m.insert(
        "echo".into(),
        Function::new(Signature::fixed(&[Any]), |a| Ok(a[0].clone())),
    );
    m.insert(
        "makemap".into(),
        Function::new(Signature::variadic(&[], String), |a| {
            let m = Map::new();
            for pair in a.chunks(2) {
                if let [k, v] = pair {
                    m.insert(k.as_str().unwrap_or_default(), v.clone());
                }
            }
            Ok(Value::Map(m))
        }),
    );
    m.insert(
        "returnNil".into(),
        Function::new(Signature::fixed(&[]), |_| Ok(Value::Nil)),
    );
    m.insert(
        "fail".into(),
        Function::new(Signature::fixed(&[String]), move |a| {
            Err(FuncError::new(s(&a[0])))
        }),
    );
    m.insert(
        "include".into(),
        Function::with_context(
            Signature::fixed(&[String, Any]),
            |ctx: &mut CallContext<'_>, a| {
                let name = a[0].as_str().unwrap_or_default().to_owned();
                ctx.execute_template(&name, &a[1])
                    .map(Value::from)
                    .map_err(|e| FuncError::new(e.to_string()))
            },
        ),
    );
    m
}

struct Case {
    template: String,
    defines: Vec<String>,
    data: Value,
    missing_key: MissingKey,
    expected: Result<String, String>,
}

fn parse_case(path: &Path) -> Case {
    let text = fs_err::read_to_string(path).expect("case file is readable");
    let mut sections: Vec<(String, String)> = Vec::new();
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_end_matches('\n');
        if let Some(name) = trimmed
            .strip_prefix("-- ")
            .and_then(|r| r.strip_suffix(" --"))
        {
            sections.push((name.to_owned(), String::new()));
        } else if let Some((_, body)) = sections.last_mut() {
            body.push_str(line);
        }
    }
    let mut case = Case {
        template: String::new(),
        defines: Vec::new(),
        data: Value::Nil,
        missing_key: MissingKey::Default,
        expected: Ok(String::new()),
    };
    for (name, mut body) in sections {
        if body.ends_with('\n') {
            body.pop();
        }
        match name.as_str() {
            "template" => case.template = body,
            "define" => case.defines.push(body),
            "data" => {
                let json: serde_json::Value =
                    serde_json::from_str(&body).expect("data section is JSON");
                case.data = to_value(&json);
            }
            "options" => {
                case.missing_key = match body.trim() {
                    "missingkey=zero" => MissingKey::Zero,
                    "missingkey=error" => MissingKey::Error,
                    _ => MissingKey::Default,
                };
            }
            "output" => case.expected = Ok(body),
            "error" => case.expected = Err(body),
            other => panic!("{}: unknown section {other}", path.display()),
        }
    }
    case
}

fn run(case: &Case) -> Result<String, String> {
    let mut set = Templates::new(Arc::new(funcs()))
        .with_name("top")
        .with_missing_key(case.missing_key);
    for (i, text) in case.defines.iter().enumerate() {
        set.parse(&format!("define{i}"), text)
            .map_err(|e| e.to_string())?;
    }
    set.parse("test", &case.template)
        .map_err(|e| e.to_string())?;
    set.execute("test", &case.data).map_err(|e| e.to_string())
}

#[test]
fn fixtures() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/exec");
    let mut paths: Vec<_> = fs_err::read_dir(&dir)
        .expect("testdata/exec exists")
        .map(|e| e.expect("directory entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    paths.sort();
    assert!(!paths.is_empty(), "no cases in {}", dir.display());
    let mut failures = Vec::new();
    for path in &paths {
        let case = parse_case(path);
        let got = run(&case);
        if got != case.expected {
            failures.push(format!(
                "{}:\n  want: {:?}\n  got:  {:?}",
                path.file_name().unwrap_or_default().to_string_lossy(),
                case.expected,
                got
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        paths.len(),
        failures.join("\n")
    );
}
