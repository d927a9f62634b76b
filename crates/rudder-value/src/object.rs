use std::any::Any;

use crate::Value;

/// What a field-chain step (`.Name`) finds on an [`Object`].
#[derive(Clone, Debug)]
pub enum Member {
    /// A struct field (or a map entry of a host map type).
    Field(Value),
    /// A method; the template engine calls it through [`Object::call_method`].
    Method,
}

/// The value under a host type, as fmt prints it field by field; see [`Object::underlying`].
#[derive(Clone, Debug)]
pub enum Underlying {
    /// A struct: each field's Go name (unexported ones too) and value, in declaration order.
    /// `%v` prints `{a b}`, `%+v` `{A:a B:b}`, `%#v` `pkg.T{A:"a", B:"b"}`; a pointer type
    /// (`kind_name() == "ptr"`) gets a leading `&` at the top level.
    Struct(Vec<(String, Value)>),
    /// A named non-struct type (`time.Month` is an `int`): printed as this value.
    Value(Value),
}

/// A host struct seen by templates: Helm's `.Chart`, `.Files`, `.Capabilities`, a
/// `time.Time` from Sprig's `now`, a `*semver.Version`.
///
/// Contract: `member` never has side effects; `call_method` is only called for names for
/// which `member` returned [`Member::Method`]. Errors from methods are plain messages; the
/// engine adds Go's `error calling NAME: ` prefix.
pub trait Object: Send + Sync + std::fmt::Debug {
    /// Go's type name as `%T` prints it, e.g. `*chart.Metadata` or `time.Time`.
    fn type_name(&self) -> &str;

    /// Go's `reflect.Kind` name (`struct`, `ptr`, `map`, ...).
    fn kind_name(&self) -> &'static str {
        "struct"
    }

    /// Looks up a field or method by its exported Go name.
    fn member(&self, name: &str) -> Option<Member>;

    /// Calls method `name` with already converted arguments.
    fn call_method(&self, name: &str, args: &[Value]) -> Result<Value, String> {
        let _ = args;
        Err(format!("can't call method {name}"))
    }

    /// The method's parameter count and whether it is variadic, for Go's arity checks.
    fn method_arity(&self, name: &str) -> (usize, bool) {
        let _ = name;
        (0, false)
    }

    /// How `%v` prints the value (for example `{name 1.0.0}` or a time's `String()`). For a
    /// pointer type that is not a Stringer, the struct it points to (fmt adds the `&`).
    fn go_string(&self) -> String;

    /// Whether [`Object::go_string`] is the text of a `String()` method in this dynamic type's
    /// method set, which fmt calls. When false it is the struct printed field by field, and a
    /// pointer type (`kind_name() == "ptr"`) prints as `&{...}` at the top level, as
    /// `fmt.Sprint(.Capabilities)` does.
    fn has_string_method(&self) -> bool {
        true
    }

    /// What fmt prints when it does not call `String()` (a type without one, `%#v`, or a verb
    /// such as `%d`): a struct's fields, or the number under a named integer type such as
    /// `time.Month`. `None` (the default) prints [`Object::go_string`] for the string verbs.
    fn underlying(&self) -> Option<Underlying> {
        None
    }

    /// `String()` declared with a pointer receiver on a struct type (Helm's `KubeVersion`).
    /// fmt never calls it for a value of the struct type, so functions that receive the value
    /// print [`Object::go_string`]'s struct form; but a template action prints an addressable
    /// struct (a field reached through a pointer) through its address, hence through this.
    fn pointer_string(&self) -> Option<String> {
        None
    }

    /// Go's truth: structs are always true; pointer-like objects may be nil.
    fn is_true(&self) -> bool {
        true
    }

    /// The value as plain data (maps, lists, scalars) for `toYaml`, `toJson` and `deepCopy`.
    fn to_data(&self) -> Value {
        Value::Nil
    }

    /// The struct's fields as encoding/json writes them, when that differs from
    /// [`Object::to_data`]: `json.Marshal` keeps a struct's field declaration order (maps are
    /// sorted), so `toJson .Capabilities.KubeVersion` is `{"Version":..,"Major":..,..}`. Each
    /// entry is a field's JSON name and value; nested structs may be [`Value::Object`]s.
    /// `None` (the default) writes `to_data()` instead.
    fn json_fields(&self) -> Option<Vec<(String, Value)>> {
        None
    }

    /// Downcasting support for functions that accept one concrete host type.
    fn as_any(&self) -> &dyn Any;
}

/// A nil Go map of a named type, such as the `map[string]string` of `.Chart.Annotations`
/// when `Chart.yaml` has no `annotations`: it prints as `map[]`, is false and empty for
/// `range`, `len` and `index`, and `toJson`/`toYaml` write it as `null` (an empty map would
/// be `{}`). [`Object::to_data`] is [`Value::Nil`]; the template engine treats a `map`-kind
/// object whose data is nil as an empty map.
#[derive(Clone, Copy, Debug)]
pub struct NilMap {
    type_name: &'static str,
}

impl NilMap {
    /// A nil map of Go type `type_name` (for example `map[string]string`).
    pub fn new(type_name: &'static str) -> Self {
        NilMap { type_name }
    }

    /// The map's Go type name, as a `'static` string for [`crate::Map::with_type_name`].
    pub fn static_type_name(&self) -> &'static str {
        self.type_name
    }
}

impl Object for NilMap {
    fn type_name(&self) -> &str {
        self.type_name
    }

    fn kind_name(&self) -> &'static str {
        "map"
    }

    fn member(&self, _name: &str) -> Option<Member> {
        None
    }

    fn go_string(&self) -> String {
        "map[]".to_owned()
    }

    fn has_string_method(&self) -> bool {
        false
    }

    fn underlying(&self) -> Option<Underlying> {
        Some(Underlying::Value(Value::Map(crate::Map::with_type_name(
            std::collections::BTreeMap::new(),
            self.type_name,
        ))))
    }

    fn is_true(&self) -> bool {
        false
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// A value of a Go basic type that [`Value`] has no variant for, such as the `uint8` that
/// indexing a string gives (`index "abc" 0`): it prints, compares and converts as its number
/// while `%T` and `typeOf` show the Go type.
#[derive(Clone, Debug)]
pub struct Scalar {
    type_name: &'static str,
    value: Value,
}

impl Scalar {
    /// A Go `uint8` (a byte).
    pub fn uint8(b: u8) -> Self {
        Scalar {
            type_name: "uint8",
            value: Value::Uint(u64::from(b)),
        }
    }

    /// The number inside.
    pub fn value(&self) -> &Value {
        &self.value
    }
}

impl Object for Scalar {
    fn type_name(&self) -> &str {
        self.type_name
    }

    fn kind_name(&self) -> &'static str {
        self.type_name
    }

    fn member(&self, _name: &str) -> Option<Member> {
        None
    }

    fn go_string(&self) -> String {
        crate::fmt::sprint(std::slice::from_ref(&self.value))
    }

    fn has_string_method(&self) -> bool {
        false
    }

    fn underlying(&self) -> Option<Underlying> {
        Some(Underlying::Value(self.value.clone()))
    }

    fn is_true(&self) -> bool {
        self.value.is_true()
    }

    fn to_data(&self) -> Value {
        self.value.clone()
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}
