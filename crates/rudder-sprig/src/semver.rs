//! Sprig's `semver` and `semverCompare`, over [`rudder_semver`] (Masterminds/semver v3).

use std::any::Any;
use std::cmp::Ordering;
use std::sync::Arc;

use rudder_gotmpl::{ArgType, FuncMap, Function, Signature};
use rudder_value::{Member, Object, Value};

pub use rudder_semver::{Constraints, Error, Version};

/// A `*semver.Version` (or a `semver.Version` returned by `IncPatch` and friends) as
/// templates see it: `{{ (semver "1.2.3").Major }}`, printed with its `String()`.
#[derive(Debug)]
pub struct VersionObject {
    version: Version,
    pointer: bool,
}

impl VersionObject {
    /// A `*semver.Version`.
    pub fn new(version: Version) -> Self {
        VersionObject {
            version,
            pointer: true,
        }
    }

    /// The version inside.
    pub fn version(&self) -> &Version {
        &self.version
    }
}

fn version_value(version: Version, pointer: bool) -> Value {
    Value::Object(Arc::new(VersionObject { version, pointer }))
}

fn version_arg(arg: Option<&Value>) -> Result<&Version, String> {
    match arg {
        // A nil `*semver.Version` argument: Go's method dereferences it and panics.
        Some(Value::Nil) | None => {
            Err("runtime error: invalid memory address or nil pointer dereference".to_owned())
        }
        Some(Value::Object(o)) => o
            .as_any()
            .downcast_ref::<VersionObject>()
            .map(VersionObject::version)
            .ok_or_else(|| {
                format!(
                    "wrong type for value; expected *semver.Version; got {}",
                    o.type_name()
                )
            }),
        Some(other) => Err(format!(
            "wrong type for value; expected *semver.Version; got {}",
            other.type_name()
        )),
    }
}

const VERSION_METHODS: &[(&str, usize)] = &[
    ("Major", 0),
    ("Minor", 0),
    ("Patch", 0),
    ("Prerelease", 0),
    ("Metadata", 0),
    ("Original", 0),
    ("String", 0),
    ("IncPatch", 0),
    ("IncMinor", 0),
    ("IncMajor", 0),
    ("SetPrerelease", 1),
    ("SetMetadata", 1),
    ("LessThan", 1),
    ("LessThanEqual", 1),
    ("GreaterThan", 1),
    ("GreaterThanEqual", 1),
    ("Equal", 1),
    ("Compare", 1),
];

const POINTER_METHODS: &[&str] = &[
    "Original",
    "LessThan",
    "LessThanEqual",
    "GreaterThan",
    "GreaterThanEqual",
    "Equal",
    "Compare",
];

impl Object for VersionObject {
    fn type_name(&self) -> &str {
        if self.pointer {
            "*semver.Version"
        } else {
            "semver.Version"
        }
    }

    fn kind_name(&self) -> &'static str {
        if self.pointer { "ptr" } else { "struct" }
    }

    fn member(&self, name: &str) -> Option<Member> {
        // Methods with pointer receivers are not in a `semver.Version` value's method set
        // (what `IncPatch` and friends return is not addressable).
        if !self.pointer && POINTER_METHODS.contains(&name) {
            return None;
        }
        VERSION_METHODS
            .iter()
            .any(|(m, _)| *m == name)
            .then_some(Member::Method)
    }

    fn method_arity(&self, name: &str) -> (usize, bool) {
        let arity = VERSION_METHODS
            .iter()
            .find(|(m, _)| *m == name)
            .map_or(0, |(_, n)| *n);
        (arity, false)
    }

    fn call_method(&self, name: &str, args: &[Value]) -> Result<Value, String> {
        let v = &self.version;
        let text_arg = || match args.first() {
            Some(Value::String(s)) => Ok(s.to_string()),
            Some(other) => Err(format!(
                "wrong type for value; expected string; got {}",
                other.type_name()
            )),
            None => Err("wrong number of args: got 0 want 1".to_owned()),
        };
        Ok(match name {
            "Major" => Value::Uint(v.major()),
            "Minor" => Value::Uint(v.minor()),
            "Patch" => Value::Uint(v.patch()),
            "Prerelease" => Value::from(v.prerelease()),
            "Metadata" => Value::from(v.metadata()),
            "Original" => Value::from(v.original()),
            "String" => Value::from(v.to_string()),
            "IncPatch" => version_value(v.inc_patch(), false),
            "IncMinor" => version_value(v.inc_minor(), false),
            "IncMajor" => version_value(v.inc_major(), false),
            "SetPrerelease" => version_value(
                v.set_prerelease(&text_arg()?).map_err(|e| e.to_string())?,
                false,
            ),
            "SetMetadata" => version_value(
                v.set_metadata(&text_arg()?).map_err(|e| e.to_string())?,
                false,
            ),
            "LessThan" => Value::Bool(v.compare(version_arg(args.first())?) == Ordering::Less),
            "LessThanEqual" => {
                Value::Bool(v.compare(version_arg(args.first())?) != Ordering::Greater)
            }
            "GreaterThan" => {
                Value::Bool(v.compare(version_arg(args.first())?) == Ordering::Greater)
            }
            "GreaterThanEqual" => {
                Value::Bool(v.compare(version_arg(args.first())?) != Ordering::Less)
            }
            "Equal" => Value::Bool(v.compare(version_arg(args.first())?) == Ordering::Equal),
            "Compare" => Value::Int(match v.compare(version_arg(args.first())?) {
                Ordering::Less => -1,
                Ordering::Equal => 0,
                Ordering::Greater => 1,
            }),
            _ => return Err(format!("can't call method {name}")),
        })
    }

    fn go_string(&self) -> String {
        self.version.to_string()
    }

    fn to_data(&self) -> Value {
        // encoding/json uses the version's MarshalJSON: its String().
        Value::from(self.version.to_string())
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// The Go parameter types of `*semver.Version`'s methods, for
/// [`rudder_gotmpl::Templates::with_method_signature`]: `(type name, method, signature)`.
/// Comparisons take a `*semver.Version`, so `(semver "1.0.0").LessThan "2.0.0"` fails at the
/// argument as in Go (`can't handle "2.0.0" for arg of type *semver.Version`).
pub fn method_signatures() -> Vec<(&'static str, &'static str, Signature)> {
    const V: ArgType = ArgType::Host("*semver.Version");
    let mut sigs = Vec::new();
    for (method, arity) in VERSION_METHODS {
        let params: &[ArgType] = match (*method, arity) {
            (_, 0) => &[],
            ("SetPrerelease" | "SetMetadata", _) => &[ArgType::String],
            _ => &[V],
        };
        for type_name in ["*semver.Version", "semver.Version"] {
            sigs.push((type_name, *method, Signature::fixed(params)));
        }
    }
    sigs
}

pub(crate) fn register(map: &mut FuncMap) {
    map.insert(
        "semver".to_owned(),
        Function::new(Signature::fixed(&[ArgType::String]), |args| {
            let text = args.first().and_then(Value::as_str).unwrap_or("");
            let version = Version::parse(text).map_err(|e| e.to_string())?;
            Ok(Value::Object(Arc::new(VersionObject::new(version))))
        }),
    );
    map.insert(
        "semverCompare".to_owned(),
        Function::new(
            Signature::fixed(&[ArgType::String, ArgType::String]),
            |args| {
                let constraint = args.first().and_then(Value::as_str).unwrap_or("");
                let version = args.get(1).and_then(Value::as_str).unwrap_or("");
                let c = Constraints::parse(constraint).map_err(|e| e.to_string())?;
                let v = Version::parse(version).map_err(|e| e.to_string())?;
                Ok(Value::Bool(c.check(&v)))
            },
        ),
    );
}
