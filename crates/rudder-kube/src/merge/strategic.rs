//! Strategic merge patches: computing Helm 3's three-way patch
//! (k8s.io/apimachinery `strategicpatch.CreateThreeWayMergePatch`) and applying a patch as
//! the API server does (`StrategicMergeMapPatch`). Our own code, following the semantics of
//! apimachinery's `pkg/util/strategicpatch/patch.go` step by step, because the API server
//! that receives the patch runs that code: the same directives must come out.

use serde_json::Value;

type JsonMap = serde_json::Map<String, Value>;

use super::PatchError;
use super::meta::{PatchMeta, TypeRef};

const DIRECTIVE: &str = "$patch";
const DELETE: &str = "delete";
const REPLACE: &str = "replace";
const MERGE: &str = "merge";
const RETAIN_KEYS: &str = "retainKeys";
const RETAIN_KEYS_DIRECTIVE: &str = "$retainKeys";
const DELETE_FROM_PRIMITIVE_LIST: &str = "$deleteFromPrimitiveList";
const SET_ELEMENT_ORDER: &str = "$setElementOrder";

#[derive(Clone, Copy, Default)]
struct DiffOptions {
    set_element_order: bool,
    ignore_changes_and_additions: bool,
    ignore_deletions: bool,
    build_retain_keys: bool,
}

#[derive(Clone, Copy, Default)]
struct MergeOptions {
    merge_parallel_list: bool,
    ignore_unmatched_nulls: bool,
}

/// Go's dynamic type of a decoded JSON value (apimachinery decodes integers as `int64`).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Kind {
    Nil,
    Bool,
    Int,
    Float,
    String,
    Slice,
    Map,
}

fn kind(v: &Value) -> Kind {
    match v {
        Value::Null => Kind::Nil,
        Value::Bool(_) => Kind::Bool,
        Value::Number(n) if n.as_i64().is_some() => Kind::Int,
        Value::Number(_) => Kind::Float,
        Value::String(_) => Kind::String,
        Value::Array(_) => Kind::Slice,
        Value::Object(_) => Kind::Map,
    }
}

/// `reflect.TypeOf(v).String()`.
fn type_name(v: &Value) -> &'static str {
    match kind(v) {
        Kind::Nil => "<nil>",
        Kind::Bool => "bool",
        Kind::Int => "int64",
        Kind::Float => "float64",
        Kind::String => "string",
        Kind::Slice => "[]interface {}",
        Kind::Map => "map[string]interface {}",
    }
}

/// Go's `%v` of a decoded JSON value.
fn go_v(v: &Value) -> String {
    rudder_value::fmt::format_value(&crate::lookup::to_value(v))
}

fn bad_map(v: &Value) -> PatchError {
    PatchError::BadArgType {
        expected: "map[string]interface {}",
        actual: type_name(v),
    }
}

fn bad_slice(v: &Value) -> PatchError {
    PatchError::BadArgType {
        expected: "[]interface {}",
        actual: type_name(v),
    }
}

fn no_merge_key(m: &JsonMap, key: &str) -> PatchError {
    PatchError::NoMergeKey {
        map: go_v(&Value::Object(m.clone())),
        key: key.to_owned(),
    }
}

fn format(message: &str) -> PatchError {
    PatchError::Format {
        message: message.to_owned(),
    }
}

/// `CreateThreeWayMergePatch(original, modified, current, schema, overwrite=true)`: the
/// changes from `current` to `modified` (no deletions) plus the deletions from `original` to
/// `modified`.
pub(crate) fn three_way(
    original: &JsonMap,
    modified: &JsonMap,
    current: &JsonMap,
    schema: TypeRef<'_>,
) -> Result<JsonMap, PatchError> {
    let delta = diff_maps(
        current,
        modified,
        schema,
        DiffOptions {
            ignore_deletions: true,
            set_element_order: true,
            ..DiffOptions::default()
        },
    )?;
    let deletions = diff_maps(
        original,
        modified,
        schema,
        DiffOptions {
            set_element_order: true,
            ignore_changes_and_additions: true,
            ..DiffOptions::default()
        },
    )?;
    merge_map(deletions, delta, schema, MergeOptions::default())
}

/// `CreateTwoWayMergePatch`: the patch that turns `original` into `modified`.
pub(crate) fn two_way(
    original: &JsonMap,
    modified: &JsonMap,
    schema: TypeRef<'_>,
) -> Result<JsonMap, PatchError> {
    diff_maps(
        original,
        modified,
        schema,
        DiffOptions {
            set_element_order: true,
            ..DiffOptions::default()
        },
    )
}

/// `StrategicMergeMapPatch`: `patch` applied to `original`, as the API server does it.
pub(crate) fn apply(
    original: JsonMap,
    patch: JsonMap,
    schema: TypeRef<'_>,
) -> Result<JsonMap, PatchError> {
    merge_map(
        original,
        patch,
        schema,
        MergeOptions {
            merge_parallel_list: true,
            ignore_unmatched_nulls: true,
        },
    )
}

fn diff_maps(
    original: &JsonMap,
    modified: &JsonMap,
    schema: TypeRef<'_>,
    options: DiffOptions,
) -> Result<JsonMap, PatchError> {
    let mut patch = JsonMap::new();
    let mut retain_keys = Vec::new();
    for (key, modified_value) in modified {
        if options.build_retain_keys && !modified_value.is_null() {
            retain_keys.push(Value::String(key.clone()));
        }
        let Some(original_value) = original.get(key) else {
            if !options.ignore_changes_and_additions {
                patch.insert(key.clone(), modified_value.clone());
            }
            continue;
        };
        if key == DIRECTIVE {
            let (Some(o), Some(m)) = (original_value.as_str(), modified_value.as_str()) else {
                return Err(format("invalid value for special key: $patch"));
            };
            if o != m {
                patch.insert(key.clone(), modified_value.clone());
            }
            continue;
        }
        if kind(original_value) != kind(modified_value) {
            if !options.ignore_changes_and_additions {
                patch.insert(key.clone(), modified_value.clone());
            }
            continue;
        }
        match (original_value, modified_value) {
            (Value::Object(o), Value::Object(m)) => {
                handle_map_diff(key, o, m, &mut patch, schema, options)?;
            }
            (Value::Array(o), Value::Array(m)) => {
                handle_slice_diff(key, o, m, &mut patch, schema, options)?;
            }
            _ => replace_if_not_equal(key, original_value, modified_value, &mut patch, options),
        }
    }
    if !options.ignore_deletions {
        for key in original.keys() {
            if !modified.contains_key(key) {
                patch.insert(key.clone(), Value::Null);
            }
        }
    }
    if !retain_keys.is_empty()
        && (!patch.is_empty() || has_additional_new_field(original, modified))
    {
        patch.insert(
            RETAIN_KEYS_DIRECTIVE.to_owned(),
            Value::Array(sort_scalars(retain_keys)),
        );
    }
    Ok(patch)
}

fn has_additional_new_field(original: &JsonMap, modified: &JsonMap) -> bool {
    original
        .iter()
        .any(|(k, v)| !v.is_null() && !modified.contains_key(k))
}

fn replace_if_not_equal(
    key: &str,
    original: &Value,
    modified: &Value,
    patch: &mut JsonMap,
    options: DiffOptions,
) {
    if !options.ignore_changes_and_additions && original != modified {
        patch.insert(key.to_owned(), modified.clone());
    }
}

/// Go's `extractRetainKeysPatchStrategy`: whether `retainKeys` is among the strategies, and
/// the other strategy.
fn retain_keys_strategy(strategies: &[String]) -> Result<(bool, &str), PatchError> {
    let unexpected = || PatchError::Format {
        message: format!("unexpected patch strategy: [{}]", strategies.join(" ")),
    };
    match strategies {
        [] => Ok((false, "")),
        [one] if one == RETAIN_KEYS => Ok((true, "")),
        [one] => Ok((false, one)),
        [a, b] if a == RETAIN_KEYS => Ok((true, b)),
        [a, b] if b == RETAIN_KEYS => Ok((true, a)),
        _ => Err(unexpected()),
    }
}

fn handle_map_diff(
    key: &str,
    original: &JsonMap,
    modified: &JsonMap,
    patch: &mut JsonMap,
    schema: TypeRef<'_>,
    mut options: DiffOptions,
) -> Result<(), PatchError> {
    let (subschema, meta) = match schema.lookup_struct(key) {
        Ok(found) => found,
        // Without metadata, identical values still need no patch.
        Err(_) if original == modified => return Ok(()),
        Err(e) => return Err(e),
    };
    let (retain_keys, strategy) = retain_keys_strategy(meta.strategies)?;
    options.build_retain_keys = retain_keys;
    if strategy == REPLACE {
        if !options.ignore_changes_and_additions {
            patch.insert(key.to_owned(), Value::Object(modified.clone()));
        }
    } else {
        let value = diff_maps(original, modified, subschema, options)?;
        if !value.is_empty() {
            patch.insert(key.to_owned(), Value::Object(value));
        }
    }
    Ok(())
}

fn handle_slice_diff(
    key: &str,
    original: &[Value],
    modified: &[Value],
    patch: &mut JsonMap,
    schema: TypeRef<'_>,
    mut options: DiffOptions,
) -> Result<(), PatchError> {
    let (subschema, meta) = match schema.lookup_slice(key) {
        Ok(found) => found,
        Err(_) if original == modified => return Ok(()),
        Err(e) => return Err(e),
    };
    let (retain_keys, strategy) = retain_keys_strategy(meta.strategies)?;
    if strategy == MERGE {
        options.build_retain_keys = retain_keys;
        let (add, delete, order) =
            diff_lists(original, modified, subschema, meta.merge_key, options)?;
        if !add.is_empty() {
            patch.insert(key.to_owned(), Value::Array(add));
        }
        if !delete.is_empty() {
            patch.insert(
                format!("{DELETE_FROM_PRIMITIVE_LIST}/{key}"),
                Value::Array(delete),
            );
        }
        if !order.is_empty() {
            patch.insert(format!("{SET_ELEMENT_ORDER}/{key}"), Value::Array(order));
        }
    } else if !options.ignore_changes_and_additions && original != modified {
        patch.insert(key.to_owned(), Value::Array(modified.to_vec()));
    }
    Ok(())
}

type Lists = (Vec<Value>, Vec<Value>, Vec<Value>);

fn diff_lists(
    original: &[Value],
    modified: &[Value],
    schema: TypeRef<'_>,
    merge_key: &str,
    options: DiffOptions,
) -> Result<Lists, PatchError> {
    if original.is_empty() {
        if modified.is_empty() || options.ignore_changes_and_additions {
            return Ok((Vec::new(), Vec::new(), Vec::new()));
        }
        return Ok((modified.to_vec(), Vec::new(), Vec::new()));
    }
    let element = slice_element_kind(&[original, modified])?;
    match element {
        Kind::Map => {
            let (mut patch, deletions) =
                diff_lists_of_maps(original, modified, schema, merge_key, options)?;
            patch = normalize_slice_order(patch, modified, merge_key, Kind::Map)?;
            let order_same = is_order_same(original, modified, merge_key)?;
            patch.extend(deletions);
            let mut order = Vec::new();
            if options.set_element_order
                && ((!options.ignore_changes_and_additions && (!patch.is_empty() || !order_same))
                    || (!options.ignore_deletions && !patch.is_empty()))
            {
                for v in modified {
                    let mut item = JsonMap::new();
                    item.insert(
                        merge_key.to_owned(),
                        v.get(merge_key).cloned().unwrap_or(Value::Null),
                    );
                    order.push(Value::Object(item));
                }
            }
            Ok((patch, Vec::new(), order))
        }
        Kind::Slice => Err(PatchError::ListOfLists),
        element => {
            let (add, delete) = diff_lists_of_scalars(original, modified, options);
            let add = normalize_slice_order(add, modified, merge_key, element)?;
            let order = if options.set_element_order
                && ((!options.ignore_deletions && !delete.is_empty())
                    || (!options.ignore_changes_and_additions && original != modified))
            {
                modified.to_vec()
            } else {
                Vec::new()
            };
            Ok((add, delete, order))
        }
    }
}

fn is_order_same(
    original: &[Value],
    modified: &[Value],
    merge_key: &str,
) -> Result<bool, PatchError> {
    if original.len() != modified.len() {
        return Ok(false);
    }
    for (o, m) in original.iter().zip(modified) {
        if !merge_key_value_equal(o, m, merge_key)? {
            return Ok(false);
        }
    }
    Ok(true)
}

fn diff_lists_of_scalars(
    original: &[Value],
    modified: &[Value],
    options: DiffOptions,
) -> (Vec<Value>, Vec<Value>) {
    let original = sort_scalars(original.to_vec());
    let modified = sort_scalars(modified.to_vec());
    let (mut oi, mut mi) = (0, 0);
    let mut add = Vec::new();
    let mut delete = Vec::new();
    loop {
        let (o_in, m_in) = (oi < original.len(), mi < modified.len());
        if !o_in && !m_in {
            break;
        }
        let os = if o_in {
            go_v(&original[oi])
        } else {
            String::new()
        };
        let ms = if m_in {
            go_v(&modified[mi])
        } else {
            String::new()
        };
        if o_in && m_in && os == ms {
            oi += 1;
            mi += 1;
        } else if !o_in || (m_in && os > ms) {
            if !options.ignore_changes_and_additions {
                add.push(modified[mi].clone());
            }
            mi += 1;
        } else {
            if !options.ignore_deletions {
                delete.push(original[oi].clone());
            }
            oi += 1;
        }
    }
    (add, deduplicate_scalars(delete))
}

fn diff_lists_of_maps(
    original: &[Value],
    modified: &[Value],
    schema: TypeRef<'_>,
    merge_key: &str,
    options: DiffOptions,
) -> Result<(Vec<Value>, Vec<Value>), PatchError> {
    let mut patch = Vec::new();
    let mut deletions = Vec::new();
    let original = sort_by_merge_key(original, merge_key)?;
    let modified = sort_by_merge_key(modified, merge_key)?;
    let (mut oi, mut mi) = (0, 0);
    loop {
        let (o_in, m_in) = (oi < original.len(), mi < modified.len());
        if !o_in && !m_in {
            break;
        }
        let o = if o_in {
            Some(map_and_merge_key(&original[oi], merge_key)?)
        } else {
            None
        };
        let m = if m_in {
            Some(map_and_merge_key(&modified[mi], merge_key)?)
        } else {
            None
        };
        let os = o.map(|(_, k)| go_v(k)).unwrap_or_default();
        let ms = m.map(|(_, k)| go_v(k)).unwrap_or_default();
        match (o, m) {
            (Some((om, _)), Some((mm, mk))) if os == ms => {
                let mut value = diff_maps(om, mm, schema, options)?;
                if !value.is_empty() {
                    value.insert(merge_key.to_owned(), mk.clone());
                    patch.push(Value::Object(value));
                }
                oi += 1;
                mi += 1;
            }
            (None, Some((mm, _))) => {
                if !options.ignore_changes_and_additions {
                    patch.push(Value::Object(mm.clone()));
                }
                mi += 1;
            }
            (Some(_), Some((mm, _))) if os > ms => {
                if !options.ignore_changes_and_additions {
                    patch.push(Value::Object(mm.clone()));
                }
                mi += 1;
            }
            (Some((_, ok)), _) => {
                if !options.ignore_deletions {
                    deletions.push(delete_directive(merge_key, ok));
                }
                oi += 1;
            }
            (None, None) => break,
        }
    }
    Ok((patch, deletions))
}

fn delete_directive(merge_key: &str, value: &Value) -> Value {
    let mut m = JsonMap::new();
    m.insert(merge_key.to_owned(), value.clone());
    m.insert(DIRECTIVE.to_owned(), Value::String(DELETE.to_owned()));
    Value::Object(m)
}

fn map_and_merge_key<'a>(
    v: &'a Value,
    merge_key: &str,
) -> Result<(&'a JsonMap, &'a Value), PatchError> {
    let m = v.as_object().ok_or_else(|| bad_map(v))?;
    let k = m.get(merge_key).ok_or_else(|| no_merge_key(m, merge_key))?;
    Ok((m, k))
}

/// `sortMergeListsByNameArray` without recursion: scalars deduplicated and sorted, maps
/// sorted by the `%v` of their merge key.
fn sort_by_merge_key(list: &[Value], merge_key: &str) -> Result<Vec<Value>, PatchError> {
    if list.is_empty() {
        return Ok(Vec::new());
    }
    if slice_element_kind(&[list])? != Kind::Map {
        return Ok(sort_scalars(deduplicate_scalars(list.to_vec())));
    }
    let mut keyed: Vec<(String, Value)> = list
        .iter()
        .map(|v| {
            (
                v.get(merge_key).map_or_else(|| "<nil>".to_owned(), go_v),
                v.clone(),
            )
        })
        .collect();
    keyed.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(keyed.into_iter().map(|(_, v)| v).collect())
}

/// Go's `sortScalars`: by the `%v` text of each value.
fn sort_scalars(list: Vec<Value>) -> Vec<Value> {
    let mut keyed: Vec<(String, Value)> = list.into_iter().map(|v| (go_v(&v), v)).collect();
    keyed.sort_by(|a, b| a.0.cmp(&b.0));
    keyed.into_iter().map(|(_, v)| v).collect()
}

/// Go's `deduplicateScalars`, which moves the last element into each duplicate's place.
fn deduplicate_scalars(mut s: Vec<Value>) -> Vec<Value> {
    let mut length = s.len();
    let mut i = 0;
    while i + 1 < length {
        let mut j = i + 1;
        while j < length {
            if s[i] == s[j] {
                s[j] = s[length - 1].clone();
                length -= 1;
                s.truncate(length);
            } else {
                j += 1;
            }
        }
        i += 1;
    }
    s
}

/// The kind of the elements of `slices`, which must all agree (`sliceElementType`).
fn slice_element_kind(slices: &[&[Value]]) -> Result<Kind, PatchError> {
    let mut found = None;
    for v in slices.iter().flat_map(|s| s.iter()) {
        let k = kind(v);
        match found {
            None if k == Kind::Slice => return Err(PatchError::ListOfLists),
            None => found = Some(k),
            Some(prev) if prev != k => {
                return Err(PatchError::Format {
                    message: format!(
                        "list element types are not identical: {}",
                        slices
                            .iter()
                            .map(|s| go_v(&Value::Array(s.to_vec())))
                            .collect::<Vec<_>>()
                            .join(" ")
                    ),
                });
            }
            Some(_) => {}
        }
    }
    found.ok_or_else(|| format("no elements in any of the given slices"))
}

fn merge_key_value_equal(left: &Value, right: &Value, merge_key: &str) -> Result<bool, PatchError> {
    if merge_key.is_empty() {
        return Ok(left == right);
    }
    let l = left.as_object().ok_or_else(|| bad_map(left))?;
    let r = right.as_object().ok_or_else(|| bad_map(right))?;
    let lk = l.get(merge_key).ok_or_else(|| no_merge_key(l, merge_key))?;
    let rk = r.get(merge_key).ok_or_else(|| no_merge_key(r, merge_key))?;
    Ok(lk == rk)
}

/// Position of `value` in `list`: by merge key for maps, by value otherwise.
fn index(list: &[Value], value: &Value, merge_key: &str, element: Kind) -> Option<usize> {
    if element == Kind::Map {
        let key = value.get(merge_key);
        list.iter()
            .position(|v| v.as_object().is_some() && v.get(merge_key) == key)
    } else {
        list.iter().position(|v| v == value)
    }
}

/// `normalizeSliceOrder`: `list` in the order of `order`, items to delete last.
fn normalize_slice_order(
    list: Vec<Value>,
    order: &[Value],
    merge_key: &str,
    element: Kind,
) -> Result<Vec<Value>, PatchError> {
    let (mut keep, deletions) = if element == Kind::Map {
        for v in list.iter().chain(order) {
            let m = v.as_object().ok_or_else(|| bad_map(v))?;
            if !m.contains_key(merge_key) {
                return Err(no_merge_key(m, merge_key));
            }
        }
        split_deletions(list)?
    } else {
        (list, Vec::new())
    };
    // Every item is found in `order` where Go relies on this order (its comparator is only
    // consistent then); items that are not keep their place after the others.
    keep.sort_by_key(|v| index(order, v, merge_key, element).unwrap_or(usize::MAX));
    keep.extend(deletions);
    Ok(keep)
}

/// `extractToDeleteItems`: the items without and with `$patch: delete`.
fn split_deletions(list: Vec<Value>) -> Result<(Vec<Value>, Vec<Value>), PatchError> {
    let mut keep = Vec::new();
    let mut delete = Vec::new();
    for v in list {
        let m = v.as_object().ok_or_else(|| bad_map(&v))?;
        if m.get(DIRECTIVE).and_then(Value::as_str) == Some(DELETE) {
            delete.push(v);
        } else {
            keep.push(v);
        }
    }
    Ok((keep, delete))
}

fn merge_map(
    mut original: JsonMap,
    mut patch: JsonMap,
    schema: TypeRef<'_>,
    options: MergeOptions,
) -> Result<JsonMap, PatchError> {
    if let Some(directive) = patch.get(DIRECTIVE) {
        return match directive.as_str() {
            Some(REPLACE) => {
                patch.remove(DIRECTIVE);
                Ok(patch)
            }
            Some(DELETE) => Ok(JsonMap::new()),
            _ => Err(PatchError::BadPatchType {
                directive: go_v(directive),
                map: go_v(&Value::Object(patch.clone())),
            }),
        };
    }
    apply_retain_keys(&mut original, &mut patch, options)?;
    merge_patch_into_original(&mut original, &mut patch, schema, options)?;
    for (key, patch_value) in patch {
        let is_delete_list = key.starts_with(DELETE_FROM_PRIMITIVE_LIST);
        if is_delete_list && !options.merge_parallel_list {
            original.insert(key, patch_value);
            continue;
        }
        let key = if is_delete_list {
            extract_key(&key, DELETE_FROM_PRIMITIVE_LIST)?.to_owned()
        } else {
            key
        };
        if patch_value.is_null() {
            original.remove(&key);
            if options.ignore_unmatched_nulls {
                continue;
            }
        }
        let Some(existing) = original.get(&key) else {
            if !is_delete_list {
                take_patch_value(&mut original, key, patch_value, options);
            }
            continue;
        };
        if kind(existing) != kind(&patch_value) {
            if !is_delete_list {
                take_patch_value(&mut original, key, patch_value, options);
            }
            continue;
        }
        let existing = original.remove(&key).unwrap_or(Value::Null);
        let merged = match (existing, patch_value) {
            (Value::Object(o), Value::Object(p)) => {
                let (subschema, meta) = schema.lookup_struct(&key)?;
                let (_, strategy) = retain_keys_strategy(meta.strategies)?;
                if strategy == REPLACE {
                    Value::Object(p)
                } else {
                    Value::Object(merge_map(o, p, subschema, options)?)
                }
            }
            (Value::Array(o), Value::Array(p)) => {
                let (subschema, meta) = schema.lookup_slice(&key)?;
                let (_, strategy) = retain_keys_strategy(meta.strategies)?;
                Value::Array(merge_slice_handler(
                    o,
                    p,
                    subschema,
                    strategy,
                    meta,
                    is_delete_list,
                    options,
                )?)
            }
            (_, p) => match remove_directives(p) {
                Some(v) => v,
                None => continue,
            },
        };
        original.insert(key, merged);
    }
    Ok(original)
}

/// A patch value for a key the original lacks (or holds with another type) replaces it,
/// without directives (and without nulls when applying).
fn take_patch_value(original: &mut JsonMap, key: String, mut value: Value, options: MergeOptions) {
    if options.ignore_unmatched_nulls {
        discard_nulls(&mut value);
    }
    match remove_directives(value) {
        Some(v) => {
            original.insert(key, v);
        }
        None => {
            original.remove(&key);
        }
    }
}

fn discard_nulls(value: &mut Value) {
    match value {
        Value::Object(m) => {
            m.retain(|_, v| !v.is_null());
            m.values_mut().for_each(discard_nulls);
        }
        Value::Array(items) => items.iter_mut().for_each(discard_nulls),
        _ => {}
    }
}

/// `removeDirectives`: `None` when the value itself is a `$patch` directive.
fn remove_directives(value: Value) -> Option<Value> {
    match value {
        Value::Object(m) => {
            if m.contains_key(DIRECTIVE) {
                return None;
            }
            Some(Value::Object(
                m.into_iter()
                    .filter_map(|(k, v)| remove_directives(v).map(|v| (k, v)))
                    .collect(),
            ))
        }
        Value::Array(items) => Some(Value::Array(
            items.into_iter().filter_map(remove_directives).collect(),
        )),
        v => Some(v),
    }
}

fn extract_key<'a>(s: &'a str, prefix: &str) -> Result<&'a str, PatchError> {
    match s.split_once('/') {
        Some((p, rest)) if p == prefix => Ok(rest),
        _ if prefix == DELETE_FROM_PRIMITIVE_LIST => {
            Err(format("invalid patch format of primitive list"))
        }
        _ => Err(format("invalid patch format of setElementOrder list")),
    }
}

fn apply_retain_keys(
    original: &mut JsonMap,
    patch: &mut JsonMap,
    options: MergeOptions,
) -> Result<(), PatchError> {
    let Some(retain) = patch.remove(RETAIN_KEYS_DIRECTIVE) else {
        return Ok(());
    };
    if !options.merge_parallel_list {
        match original.get(RETAIN_KEYS_DIRECTIVE) {
            Some(existing) if *existing != retain => {
                return Err(PatchError::Format {
                    message: format!(
                        "{} and {} are not deep equal: this may happen when calculating the 3-way diff patch",
                        go_v(existing),
                        go_v(&retain)
                    ),
                });
            }
            Some(_) => {}
            None => {
                original.insert(RETAIN_KEYS_DIRECTIVE.to_owned(), retain);
            }
        }
        return Ok(());
    }
    let keys = retain
        .as_array()
        .ok_or_else(|| format("invalid patch format of retainKeys"))?;
    let kept = |k: &str| keys.iter().any(|v| v.as_str() == Some(k));
    for (k, v) in patch.iter() {
        if v.is_null()
            || k.starts_with(DELETE_FROM_PRIMITIVE_LIST)
            || k.starts_with(SET_ELEMENT_ORDER)
        {
            continue;
        }
        if !kept(k) {
            return Err(format("invalid patch format of retainKeys"));
        }
    }
    original.retain(|k, _| kept(k));
    Ok(())
}

/// `mergePatchIntoOriginal`: the `$setElementOrder/<list>` directives and their lists.
fn merge_patch_into_original(
    original: &mut JsonMap,
    patch: &mut JsonMap,
    schema: TypeRef<'_>,
    options: MergeOptions,
) -> Result<(), PatchError> {
    let keys: Vec<String> = patch
        .keys()
        .filter(|k| k.starts_with(SET_ELEMENT_ORDER))
        .cloned()
        .collect();
    for key in keys {
        let Some(order) = patch.remove(&key) else {
            continue;
        };
        if !options.merge_parallel_list {
            match original.get(&key) {
                Some(existing) if *existing != order => {
                    return Err(format("invalid patch format of setElementOrder list"));
                }
                Some(_) => {}
                None => {
                    original.insert(key.clone(), order.clone());
                }
            }
        }
        let order = order.as_array().ok_or_else(|| bad_slice(&order))?.clone();
        let list_key = extract_key(&key, SET_ELEMENT_ORDER)?.to_owned();
        let original_list = match original.get(&list_key) {
            Some(v) => Some(v.as_array().ok_or_else(|| bad_slice(v))?.clone()),
            None => None,
        };
        let patch_list = match patch.get(&list_key) {
            Some(v) => Some(v.as_array().ok_or_else(|| bad_slice(v))?.clone()),
            None => None,
        };
        let (subschema, meta) = schema.lookup_slice(&list_key)?;
        let (_, strategy) = retain_keys_strategy(meta.strategies)?;
        validate_patch_with_order(
            patch_list.as_deref().unwrap_or_default(),
            &order,
            meta.merge_key,
        )?;
        let original_values = original_list.clone().unwrap_or_default();
        let patch_values = patch_list.clone().unwrap_or_default();
        let merged = match (original_list, patch_list) {
            (Some(o), None) => o,
            (None, Some(p)) => match remove_directives(Value::Array(p)) {
                Some(Value::Array(items)) => items,
                _ => continue,
            },
            (Some(o), Some(p)) => {
                merge_slice_handler(o, p, subschema, strategy, meta, false, options)?
            }
            (None, None) => continue,
        };
        let (in_patch, server_only) = partition(merged, &order, meta.merge_key)?;
        let element = slice_element_kind(&[&original_values, &patch_values])?;
        let server_order = if strategy == MERGE {
            aliased_order(&original_values, &patch_values, meta.merge_key)
        } else {
            original_values
        };
        let all = normalize_element_order(
            in_patch,
            server_only,
            &order,
            &server_order,
            meta.merge_key,
            element,
        )?;
        original.insert(list_key.clone(), Value::Array(all));
        patch.remove(&list_key);
    }
    Ok(())
}

/// The live list as apimachinery's `mergePatchIntoOriginal` still sees it after merging a
/// list of maps into it. Go's `deleteMatchingEntries` shifts the remaining items left inside
/// the same array and `mergeSliceWithoutSpecialElements` appends new items into the freed
/// slots, so the order used for server-only items is the array's first `len` slots
/// afterwards, not the list as it was. (The API server builds the list with room for
/// exactly its items, so appends beyond them go to a new array.) Without deletions this is
/// the list itself. A v1.20 server was seen ordering items this way.
fn aliased_order(original: &[Value], patch: &[Value], merge_key: &str) -> Vec<Value> {
    let mut slots = original.to_vec();
    if merge_key.is_empty() || !slots.iter().all(Value::is_object) {
        return slots;
    }
    let capacity = slots.len();
    let mut len = capacity;
    let mut replaced = false;
    for item in patch {
        match item.get(DIRECTIVE).and_then(Value::as_str) {
            Some(DELETE) => {
                let key = item.get(merge_key);
                while let Some(k) = slots[..len].iter().position(|o| o.get(merge_key) == key) {
                    // `append(s[:k], s[k+1:]...)`: the items after k move left; the last
                    // slot keeps its old item.
                    for i in k..len - 1 {
                        slots[i] = slots[i + 1].clone();
                    }
                    len -= 1;
                }
            }
            Some(REPLACE) => replaced = true,
            _ => {}
        }
    }
    if replaced {
        // The merge then continues on a new list of the patch's items.
        return slots;
    }
    for item in patch.iter().filter(|i| i.get(DIRECTIVE).is_none()) {
        let key = item.get(merge_key);
        if slots[..len].iter().any(|o| o.get(merge_key) == key) {
            continue;
        }
        if len == capacity {
            break;
        }
        slots[len] = item.clone();
        len += 1;
    }
    slots
}

fn validate_patch_with_order(
    patch: &[Value],
    order: &[Value],
    merge_key: &str,
) -> Result<(), PatchError> {
    if order.is_empty() || patch.is_empty() {
        return Ok(());
    }
    let items = if merge_key.is_empty() {
        patch.to_vec()
    } else {
        split_deletions(patch.to_vec())?.0
    };
    let (mut pi, mut si) = (0, 0);
    while pi < items.len() && si < order.len() {
        if items[pi].get(DIRECTIVE).is_some() {
            pi += 1;
            continue;
        }
        if merge_key_value_equal(&items[pi], &order[si], merge_key)? {
            pi += 1;
        }
        si += 1;
    }
    if pi < items.len() && si >= order.len() {
        return Err(PatchError::Format {
            message: format!(
                "The order in patch list:\n{}\n doesn't match $setElementOrder list:\n{}\n",
                go_v(&Value::Array(patch.to_vec())),
                go_v(&Value::Array(order.to_vec()))
            ),
        });
    }
    Ok(())
}

/// Splits `list` into the items present in `by` (by merge key for maps) and the others.
fn partition(
    list: Vec<Value>,
    by: &[Value],
    merge_key: &str,
) -> Result<(Vec<Value>, Vec<Value>), PatchError> {
    let mut present = Vec::new();
    let mut others = Vec::new();
    for v in list {
        let found = if merge_key.is_empty() {
            by.contains(&v)
        } else {
            let (_, key) = map_and_merge_key(&v, merge_key)?;
            let mut found = false;
            for b in by {
                let m = b.as_object().ok_or_else(|| bad_map(b))?;
                if m.get(merge_key) == Some(key) {
                    found = true;
                    break;
                }
            }
            found
        };
        if found {
            present.push(v);
        } else {
            others.push(v);
        }
    }
    Ok((present, others))
}

fn merge_slice_handler(
    original: Vec<Value>,
    patch: Vec<Value>,
    schema: TypeRef<'_>,
    strategy: &str,
    meta: PatchMeta<'_>,
    is_delete_list: bool,
    options: MergeOptions,
) -> Result<Vec<Value>, PatchError> {
    if strategy == MERGE || is_delete_list {
        merge_slice(
            original,
            patch,
            schema,
            meta.merge_key,
            options,
            is_delete_list,
        )
    } else {
        Ok(patch)
    }
}

fn merge_slice(
    original: Vec<Value>,
    patch: Vec<Value>,
    schema: TypeRef<'_>,
    merge_key: &str,
    options: MergeOptions,
    is_delete_list: bool,
) -> Result<Vec<Value>, PatchError> {
    if original.is_empty() && patch.is_empty() {
        return Ok(original);
    }
    let element = slice_element_kind(&[&original, &patch])?;
    let (original, patch, merged) = if element == Kind::Map {
        if merge_key.is_empty() {
            return Err(PatchError::Format {
                message: format!("cannot merge lists without merge key for {}", schema.name()),
            });
        }
        let (original, patch) = merge_special_elements(original, patch, merge_key)?;
        let merged = merge_plain_elements(original.clone(), &patch, merge_key, schema, options)?;
        (original, patch, merged)
    } else {
        if options.merge_parallel_list && is_delete_list {
            return Ok(original
                .into_iter()
                .filter(|v| !patch.contains(v))
                .collect());
        }
        let mut both = original.clone();
        both.extend(patch.iter().cloned());
        (original, patch, deduplicate_scalars(both))
    };
    let (in_patch, server_only) = partition(merged, &patch, merge_key)?;
    normalize_element_order(in_patch, server_only, &patch, &original, merge_key, element)
}

/// `mergeSliceWithSpecialElements`: applies `$patch: delete` and `$patch: replace` items.
fn merge_special_elements(
    mut original: Vec<Value>,
    patch: Vec<Value>,
    merge_key: &str,
) -> Result<(Vec<Value>, Vec<Value>), PatchError> {
    let mut plain = Vec::new();
    let mut replace = false;
    for v in patch {
        let m = v.as_object().ok_or_else(|| bad_map(&v))?;
        match m.get(DIRECTIVE) {
            None => plain.push(v),
            Some(d) if d.as_str() == Some(DELETE) => {
                let key = m.get(merge_key).ok_or_else(|| no_merge_key(m, merge_key))?;
                let mut kept = Vec::with_capacity(original.len());
                for (i, o) in original.into_iter().enumerate() {
                    let om = o.as_object().ok_or_else(|| PatchError::Format {
                        message: format!("value for key {i} is not a map"),
                    })?;
                    if om.get(merge_key) != Some(key) {
                        kept.push(o);
                    }
                }
                original = kept;
            }
            Some(d) if d.as_str() == Some(REPLACE) => replace = true,
            Some(d) if d.as_str() == Some(MERGE) => {
                return Err(format("merging lists cannot yet be specified in the patch"));
            }
            Some(d) => {
                return Err(PatchError::BadPatchType {
                    directive: go_v(d),
                    map: go_v(&v),
                });
            }
        }
    }
    if replace {
        Ok((plain, Vec::new()))
    } else {
        Ok((original, plain))
    }
}

/// `mergeSliceWithoutSpecialElements`: items with a known merge key merge into the
/// original's, new ones are appended.
fn merge_plain_elements(
    mut original: Vec<Value>,
    patch: &[Value],
    merge_key: &str,
    schema: TypeRef<'_>,
    options: MergeOptions,
) -> Result<Vec<Value>, PatchError> {
    for v in patch {
        let (pm, key) = map_and_merge_key(v, merge_key)?;
        let mut position = None;
        for (i, o) in original.iter().enumerate() {
            let om = o.as_object().ok_or_else(|| PatchError::Format {
                message: format!("value for key {i} is not a map"),
            })?;
            if om.get(merge_key) == Some(key) {
                position = Some(i);
                break;
            }
        }
        match position {
            Some(i) => {
                let existing = std::mem::take(&mut original[i]);
                let Value::Object(om) = existing else {
                    unreachable!("checked to be a map above");
                };
                original[i] = Value::Object(merge_map(om, pm.clone(), schema, options)?);
            }
            None => original.push(v.clone()),
        }
    }
    Ok(original)
}

/// `normalizeElementOrder`: patch items in the patch's order, server-only items in the
/// live order, interleaved by the live order where both are known.
fn normalize_element_order(
    patch: Vec<Value>,
    server_only: Vec<Value>,
    patch_order: &[Value],
    server_order: &[Value],
    merge_key: &str,
    element: Kind,
) -> Result<Vec<Value>, PatchError> {
    let right = normalize_slice_order(patch, patch_order, merge_key, element)?;
    let left = normalize_slice_order(server_only, server_order, merge_key, element)?;
    let size = left.len() + right.len();
    let mut out = Vec::with_capacity(size);
    let (mut i, mut j) = (0, 0);
    while out.len() < size {
        if i >= left.len() {
            out.push(right[j].clone());
            j += 1;
        } else if j >= right.len() {
            out.push(left[i].clone());
            i += 1;
        } else {
            let li = index(server_order, &left[i], merge_key, element);
            let ri = index(server_order, &right[j], merge_key, element);
            if matches!((li, ri), (Some(l), Some(r)) if l < r) {
                out.push(left[i].clone());
                i += 1;
            } else {
                out.push(right[j].clone());
                j += 1;
            }
        }
    }
    Ok(out)
}
