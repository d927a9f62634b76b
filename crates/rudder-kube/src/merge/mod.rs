//! Helm 3's client-side apply (`--server-side=false`): three-way patches and the patch
//! metadata they need.
//!
//! For a kind Helm decodes into a Go type, `helm upgrade` sends the strategic merge patch
//! k8s.io/apimachinery's `CreateThreeWayMergePatch` computes from three documents
//! (helm/helm `pkg/kube/client.go`, `createPatch`): the object in the previous release's
//! manifest (original), the object in the new manifest (modified) and the live object
//! (current). The patch holds the changes from current to modified, without deletions, plus
//! the deletions from original to modified; so fields added by controllers or by hand
//! survive, while fields the chart dropped are removed. Lists merge by the field's patch
//! strategy and merge key ([`Schema`]), and the patch speaks the directives the API server
//! understands (`$patch: delete`, `$setElementOrder/<list>`, `$deleteFromPrimitiveList/<list>`,
//! `$retainKeys`).
//!
//! Custom resources are unstructured to Helm and get a JSON merge patch instead
//! ([`three_way_json_merge_patch`] when taking ownership, else a two-way
//! [`crate::merge_patch`]).
//!
//! [`strategic_merge`] applies a strategic merge patch as the API server does; the in-memory
//! cluster uses it so that action tests see what a real server stores.
//!
//! ```
//! use rudder_kube::merge::{Schema, three_way_merge_patch};
//! use serde_json::json;
//!
//! let schema = Schema::builtin().kind("v1", "ConfigMap").unwrap();
//! let original = json!({"data": {"a": "1", "b": "2"}});
//! let modified = json!({"data": {"a": "1", "c": "3"}});
//! let current = json!({"data": {"a": "1", "b": "2", "x": "by hand"}});
//! let patch = three_way_merge_patch(&original, &modified, &current, schema).unwrap();
//! assert_eq!(patch, json!({"data": {"b": null, "c": "3"}}));
//! ```

mod meta;
mod strategic;

use serde_json::Value;

type JsonMap = serde_json::Map<String, Value>;

pub use meta::{Schema, TypeRef};

/// Why a patch could not be computed or applied, in apimachinery's words.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum PatchError {
    /// An item of a merging list lacks its merge key.
    #[error("map: {map} does not contain declared merge key: {key}")]
    NoMergeKey {
        /// The item, as Go's `%v` prints it.
        map: String,
        /// The merge key.
        key: String,
    },
    /// A value has another JSON type than the merge expects.
    #[error("expected a {expected}, but received a {actual}")]
    BadArgType {
        /// Go's name of the expected type.
        expected: &'static str,
        /// Go's name of the type found.
        actual: &'static str,
    },
    /// A field the Go type does not have, with a value that changed.
    #[error("unable to find api field in struct {strukt} for the json field {field:?}")]
    UnknownField {
        /// The Go struct's name (`Container`).
        strukt: String,
        /// The JSON field.
        field: String,
    },
    /// An object where the Go type has no fields (a map of scalars, a scalar).
    #[error("merging an object in json but data type is not struct, instead is: {kind}")]
    NotStruct {
        /// Go's kind of the type (`map`, `string`).
        kind: String,
    },
    /// A list where the Go type is not a list.
    #[error("expected slice or array type, but got: {kind}")]
    NotSlice {
        /// Go's kind of the enclosing type.
        kind: String,
    },
    /// A list whose items are lists.
    #[error("lists of lists are not supported")]
    ListOfLists,
    /// A `$patch` directive with an unknown value.
    #[error("unknown patch type: {directive} in map: {map}")]
    BadPatchType {
        /// The directive's value.
        directive: String,
        /// The map holding it, as Go's `%v` prints it.
        map: String,
    },
    /// A JSON merge patch would change `apiVersion`, `kind` or `metadata.name`.
    #[error("precondition failed for: {patch}")]
    PreconditionFailed {
        /// The patch, as Go's `%v` prints it.
        patch: String,
    },
    /// Any other malformed input (bad directive lists, mixed list items, bad metadata).
    #[error("{message}")]
    Format {
        /// apimachinery's words.
        message: String,
    },
}

fn as_map(v: &Value) -> JsonMap {
    v.as_object().cloned().unwrap_or_default()
}

/// Helm 3's patch for a built-in kind (`CreateThreeWayMergePatch` with `overwrite`): the
/// changes from `current` to `modified` plus the deletions from `original` to `modified`,
/// as a strategic merge patch. An empty object means nothing to send. A document that is
/// not an object (a missing live object) counts as `{}`.
///
/// Errors: [`PatchError`] when a merging list lacks merge keys or mixes types, or a changed
/// field is unknown to `schema`.
pub fn three_way_merge_patch(
    original: &Value,
    modified: &Value,
    current: &Value,
    schema: TypeRef<'_>,
) -> Result<Value, PatchError> {
    strategic::three_way(
        &as_map(original),
        &as_map(modified),
        &as_map(current),
        schema,
    )
    .map(Value::Object)
}

/// The strategic merge patch that turns `original` into `modified`
/// (`CreateTwoWayMergePatch`).
///
/// Errors: as [`three_way_merge_patch`].
pub fn two_way_merge_patch(
    original: &Value,
    modified: &Value,
    schema: TypeRef<'_>,
) -> Result<Value, PatchError> {
    strategic::two_way(&as_map(original), &as_map(modified), schema).map(Value::Object)
}

/// `patch` applied to `original` as the API server applies a strategic merge patch
/// (`StrategicMergeMapPatch`): directives are obeyed and removed, `null` deletes.
///
/// Errors: [`PatchError`] for a malformed patch, [`PatchError::BadArgType`] when either
/// document is not an object.
pub fn strategic_merge(
    original: &Value,
    patch: &Value,
    schema: TypeRef<'_>,
) -> Result<Value, PatchError> {
    let (Some(o), Some(p)) = (original.as_object(), patch.as_object()) else {
        let bad = if original.is_object() {
            patch
        } else {
            original
        };
        return Err(PatchError::BadArgType {
            expected: "map[string]interface {}",
            actual: match bad {
                Value::Null => "<nil>",
                Value::Array(_) => "[]interface {}",
                Value::String(_) => "string",
                Value::Bool(_) => "bool",
                _ => "float64",
            },
        });
    };
    strategic::apply(o.clone(), p.clone(), schema).map(Value::Object)
}

/// k8s.io/apimachinery's `CreateThreeWayJSONMergePatch` with the preconditions Helm passes
/// (`apiVersion`, `kind` and `metadata.name` unchanged): the non-null changes from `current`
/// to `modified` merged onto the deletions from `original` to `modified`. Helm uses it for
/// custom resources when `--take-ownership` adopts them without server-side apply.
///
/// Errors: [`PatchError::PreconditionFailed`] when the patch would change `apiVersion`,
/// `kind` or the name; [`PatchError::Format`] when additions and deletions conflict.
pub fn three_way_json_merge_patch(
    original: &Value,
    modified: &Value,
    current: &Value,
) -> Result<Value, PatchError> {
    let empty = Value::Object(JsonMap::new());
    let pick = |v: &Value| {
        if v.is_object() {
            v.clone()
        } else {
            empty.clone()
        }
    };
    let (original, modified, current) = (pick(original), pick(modified), pick(current));
    let additions = keep_nulls(&crate::update::merge_patch(&current, &modified), false);
    let deletions = keep_nulls(&crate::update::merge_patch(&original, &modified), true);
    if has_conflicts(&additions, &deletions) {
        return Err(PatchError::Format {
            message: format!(
                "patch:\n{additions}\nconflicts with changes made from original to current:\n{deletions}\n"
            ),
        });
    }
    let mut patch = deletions;
    json_patch::merge(&mut patch, &additions);
    let unchanged = patch.get("apiVersion").is_none()
        && patch.get("kind").is_none()
        && patch.get("metadata").and_then(|m| m.get("name")).is_none();
    if !unchanged {
        return Err(PatchError::PreconditionFailed {
            patch: rudder_value::fmt::format_value(&crate::lookup::to_value(&patch)),
        });
    }
    Ok(patch)
}

/// `keepOrDeleteNullInObj`: only the nulls (`keep_null`), or everything but the nulls.
fn keep_nulls(patch: &Value, keep_null: bool) -> Value {
    let mut out = JsonMap::new();
    for (k, v) in patch.as_object().into_iter().flatten() {
        match v {
            Value::Null if keep_null => {
                out.insert(k.clone(), Value::Null);
            }
            Value::Null => {}
            // An explicitly empty map is a value, not an empty patch.
            Value::Object(m) if m.is_empty() && !keep_null => {
                out.insert(k.clone(), v.clone());
            }
            Value::Object(m) if m.is_empty() => {}
            Value::Object(_) => {
                let sub = keep_nulls(v, keep_null);
                if sub.as_object().is_some_and(|m| !m.is_empty()) {
                    out.insert(k.clone(), sub);
                }
            }
            _ if !keep_null => {
                out.insert(k.clone(), v.clone());
            }
            _ => {}
        }
    }
    Value::Object(out)
}

/// `mergepatch.HasConflicts`.
fn has_conflicts(left: &Value, right: &Value) -> bool {
    match (left, right) {
        (Value::Object(l), Value::Object(r)) => l
            .iter()
            .any(|(k, lv)| r.get(k).is_some_and(|rv| has_conflicts(lv, rv))),
        (Value::Object(_), _) => true,
        (Value::Array(l), Value::Array(r)) => {
            l.len() != r.len() || l.iter().zip(r).any(|(a, b)| has_conflicts(a, b))
        }
        (Value::Array(_), _) => true,
        (l, r) => l != r,
    }
}
