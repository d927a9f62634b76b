//! YAML, JSON and TOML functions.
//!
//! Helm's (`pkg/engine/funcs.go`, overriding Sprig where names collide): `toYaml`,
//! `mustToYaml`, `toYamlPretty`, `fromYaml`, `fromYamlArray`, `toJson`, `mustToJson`,
//! `fromJson`, `fromJsonArray`, `toToml`, `mustToToml`, `fromToml`.
//! Sprig's (`defaults.go`): `toPrettyJson`, `mustToPrettyJson`, `toRawJson`,
//! `mustToRawJson`, `mustFromJson`.
//!
//! The lenient ones do not fail: `toYaml`, `toJson` and `toPrettyJson` give "" on error,
//! `toToml` gives the error text (but fails where Go's encoder panics, on nil), `fromYaml`, `fromJson` and `fromToml` put it
//! under an `Error` key of the map, `fromYamlArray` and `fromJsonArray` return it as the
//! only element. The `must` ones, and Sprig's `toRawJson`, fail the template with Go's error
//! text.

use rudder_gotmpl::{ArgType, FuncError, FuncMap, FuncResult, Function, Signature};
use rudder_value::{List, Map, Value};
use rudder_yaml::{JsonOptions, JsonTarget, Target};

fn reg(
    map: &mut FuncMap,
    name: &str,
    sig: Signature,
    imp: impl Fn(&[Value]) -> FuncResult + Send + Sync + 'static,
) {
    map.insert(name.to_owned(), Function::new(sig, imp));
}

fn any_arg() -> Signature {
    Signature::fixed(&[ArgType::Any])
}

fn string_arg() -> Signature {
    Signature::fixed(&[ArgType::String])
}

fn first(args: &[Value]) -> &Value {
    args.first().unwrap_or(&Value::Nil)
}

fn first_str(args: &[Value]) -> &str {
    first(args).as_str().unwrap_or("")
}

fn trim_newline(s: String) -> Value {
    Value::from(s.strip_suffix('\n').map(str::to_owned).unwrap_or(s))
}

fn pretty() -> JsonOptions {
    JsonOptions {
        escape_html: true,
        indent: Some("  ".to_owned()),
    }
}

fn raw() -> JsonOptions {
    JsonOptions {
        escape_html: false,
        indent: None,
    }
}

fn json(args: &[Value], opts: &JsonOptions) -> Result<Value, FuncError> {
    rudder_yaml::to_json(first(args), opts)
        .map(Value::from)
        .map_err(|e| FuncError::new(e.to_string()))
}

fn lenient(r: Result<Value, FuncError>) -> Value {
    r.unwrap_or_else(|_| Value::from(""))
}

/// A map holding only `Error` (or `m` with `Error` added).
fn with_error(m: Map, err: &impl ToString) -> Value {
    m.insert("Error", Value::from(err.to_string()));
    Value::Map(m)
}

fn map_or_empty(v: Value) -> Map {
    match v {
        Value::Map(m) => m,
        _ => Map::new(),
    }
}

pub(crate) fn register(map: &mut FuncMap) {
    reg(map, "toYaml", any_arg(), |args| {
        Ok(rudder_yaml::to_yaml(first(args)).map_or_else(|_| Value::from(""), trim_newline))
    });
    reg(map, "mustToYaml", any_arg(), |args| {
        rudder_yaml::to_yaml(first(args))
            .map(trim_newline)
            .map_err(|e| FuncError::new(e.to_string()))
    });
    reg(map, "toYamlPretty", any_arg(), |args| {
        Ok(trim_newline(rudder_yaml::to_yaml_pretty(first(args))))
    });
    reg(map, "fromYaml", string_arg(), |args| {
        // sigs.k8s.io/yaml decodes `null` by leaving the map alone, so an empty document
        // gives an empty map.
        Ok(
            match rudder_yaml::from_yaml_into(first_str(args), Target::Map) {
                Ok(v) => Value::Map(map_or_empty(v)),
                Err(e) => with_error(Map::new(), &e),
            },
        )
    });
    reg(map, "fromYamlArray", string_arg(), |args| {
        Ok(
            match rudder_yaml::from_yaml_into(first_str(args), Target::List) {
                Ok(Value::List(l)) => Value::List(l),
                Ok(_) => Value::List(List::new(Vec::new())),
                Err(e) => Value::List(List::new(vec![Value::from(e.to_string())])),
            },
        )
    });

    reg(map, "toJson", any_arg(), |args| {
        Ok(lenient(json(args, &JsonOptions::marshal())))
    });
    reg(map, "mustToJson", any_arg(), |args| {
        json(args, &JsonOptions::marshal())
    });
    reg(map, "toPrettyJson", any_arg(), |args| {
        Ok(lenient(json(args, &pretty())))
    });
    reg(map, "mustToPrettyJson", any_arg(), |args| {
        json(args, &pretty())
    });
    // Sprig v3.3.0's toRawJson panics on errors, unlike toJson and toPrettyJson.
    reg(map, "toRawJson", any_arg(), |args| json(args, &raw()));
    reg(map, "mustToRawJson", any_arg(), |args| json(args, &raw()));
    reg(map, "fromJson", string_arg(), |args| {
        // json.Unmarshal into a map: `null` sets the map to nil (printed as JSON `null`),
        // and decoding goes on past a number out of range, leaving what it read.
        Ok(
            match rudder_yaml::from_json_partial(first_str(args), JsonTarget::Map) {
                (v, None) => v,
                (v, Some(e)) => with_error(map_or_empty(v), &e),
            },
        )
    });
    reg(map, "fromJsonArray", string_arg(), |args| {
        Ok(
            match rudder_yaml::from_json(first_str(args), JsonTarget::List) {
                Ok(v) => v,
                Err(e) => Value::List(List::new(vec![Value::from(e.to_string())])),
            },
        )
    });
    reg(map, "mustFromJson", string_arg(), |args| {
        rudder_yaml::from_json(first_str(args), JsonTarget::Any)
            .map_err(|e| FuncError::new(e.to_string()))
    });

    reg(
        map,
        "toToml",
        any_arg(),
        |args| match rudder_yaml::to_toml(first(args)) {
            Ok(s) => Ok(Value::from(s)),
            Err(e @ rudder_yaml::Error::TomlPanic { .. }) => Err(FuncError::new(e.to_string())),
            Err(e) => Ok(Value::from(e.to_string())),
        },
    );
    reg(map, "mustToToml", any_arg(), |args| {
        rudder_yaml::to_toml(first(args))
            .map(Value::from)
            .map_err(|e| FuncError::new(e.to_string()))
    });
    reg(map, "fromToml", string_arg(), |args| {
        Ok(match rudder_yaml::from_toml(first_str(args)) {
            Ok(v) => v,
            Err(e) => with_error(Map::new(), &e),
        })
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn call(name: &str, arg: Value) -> FuncResult {
        let mut map = FuncMap::default();
        register(&mut map);
        let f = map.get(name).expect("registered");
        let templates = rudder_gotmpl::Templates::new(std::sync::Arc::new(FuncMap::default()));
        let mut ctx = rudder_gotmpl::CallContext::new(&templates, "t");
        f.call(&mut ctx, &[arg])
    }

    #[test]
    fn lenient_functions_swallow_errors() {
        assert_eq!(
            call("toYaml", Value::Float(f64::NAN)).unwrap().as_str(),
            Some("")
        );
        assert_eq!(
            call("toJson", Value::Float(f64::NAN)).unwrap().as_str(),
            Some("")
        );
        let m = call("fromYaml", Value::from("- a")).unwrap();
        assert!(m.as_map().unwrap().get("Error").is_some());
    }

    #[test]
    fn must_functions_fail_with_go_text() {
        assert_eq!(
            call("mustToYaml", Value::Float(f64::NAN)).unwrap_err().0,
            "error marshaling into JSON: json: unsupported value: NaN"
        );
        assert_eq!(
            call("mustToJson", Value::Float(f64::INFINITY))
                .unwrap_err()
                .0,
            "json: unsupported value: +Inf"
        );
    }

    #[test]
    fn to_yaml_trims_the_final_newline() {
        let m = Map::new();
        m.insert("a", Value::from("b"));
        assert_eq!(
            call("toYaml", Value::Map(m)).unwrap().as_str(),
            Some("a: b")
        );
    }
}
