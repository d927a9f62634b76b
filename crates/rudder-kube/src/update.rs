//! Creating and updating a release's resources as a whole (helm/helm `pkg/kube/client.go`,
//! `Create` and `Update`), over any [`KubeClient`].

use serde_json::{Map as JsonMap, Value};

use crate::client::{KubeClient, PatchKind};
use crate::error::{Error, Result};
use crate::merge::{self, PatchError, Schema, TypeRef};
use crate::object::{ApplyOptions, ObjectRef, Propagation, Resource, group_version, str_at};

/// Helm's annotation that keeps a resource when an upgrade or uninstall would delete it.
pub const RESOURCE_POLICY_ANNOTATION: &str = "helm.sh/resource-policy";

/// The value of [`RESOURCE_POLICY_ANNOTATION`] that keeps the resource.
pub const KEEP_POLICY: &str = "keep";

/// What [`create_all`] and [`update_all`] did (Helm's `kube.Result`). Filled as far as the
/// operation got, so a failed upgrade can still clean up what it created.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Changes {
    /// Resources that did not exist and were created.
    pub created: Vec<ObjectRef>,
    /// Resources that existed and were updated.
    pub updated: Vec<ObjectRef>,
    /// Resources of the old release that are gone from the new one and were deleted.
    pub deleted: Vec<ObjectRef>,
}

/// Options of [`update_all`] (Helm's `ClientUpdateOption`s).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct UpdateOptions {
    /// How resources are applied: server-side by default, `--force-conflicts`, dry run.
    pub apply: ApplyOptions,
    /// `--force-replace`: replace existing objects (HTTP PUT) instead of patching them.
    pub force_replace: bool,
    /// With client-side apply, patch custom resources with a three-way JSON merge patch
    /// (live object included) instead of a two-way one: Helm's
    /// `ClientUpdateOptionThreeWayMergeForUnstructured`, which `install --take-ownership`
    /// sets without server-side apply.
    pub three_way_merge_for_unstructured: bool,
    /// Before a server-side apply, move the field manager's client-side `Update` entries
    /// into its `Apply` entry ([`KubeClient::upgrade_managed_fields`]): Helm's
    /// `ClientUpdateOptionUpgradeClientSideFieldManager`, set when a release made with
    /// client-side apply is upgraded server-side, and by `install --take-ownership`.
    pub upgrade_client_side_field_manager: bool,
}

impl UpdateOptions {
    /// The combinations Helm's `Update` refuses before touching anything.
    ///
    /// Errors: [`Error::InvalidUpdate`] in Helm's words.
    pub fn check(&self) -> Result<()> {
        let apply = &self.apply;
        let message = if !apply.server_side && apply.force_conflicts {
            "invalid client update option(s): forceConflicts enabled when serverSideApply disabled"
        } else if self.three_way_merge_for_unstructured && apply.server_side {
            "invalid operation: cannot use three-way merge for unstructured and server-side apply together"
        } else if apply.force_conflicts && self.force_replace {
            "invalid operation: cannot use force conflicts and force replace together"
        } else if apply.server_side && self.force_replace {
            "invalid operation: cannot use server-side apply and force replace together"
        } else {
            return Ok(());
        };
        Err(Error::InvalidUpdate { message })
    }
}

/// `group/version, Kind=Kind`, as Go's `GroupVersionKind.String()` prints it.
fn gvk(r: &ObjectRef) -> String {
    let (group, version) = group_version(&r.api_version);
    format!("{group}/{version}, Kind={}", r.kind)
}

fn step(context: String, source: Error) -> Error {
    Error::Step {
        context,
        source: Box::new(source),
    }
}

/// Server-side apply with Helm's error contexts (`patchResourceServerSide`).
fn apply_server_side(
    client: &(impl KubeClient + ?Sized),
    target: &Resource,
    options: &ApplyOptions,
) -> Result<()> {
    client.apply(target, options).map(drop).map_err(|e| {
        let r = &target.reference;
        let what = format!(
            "{}/{} {}",
            r.namespace.as_deref().unwrap_or_default(),
            r.name,
            gvk(r)
        );
        match e {
            Error::Conflict { .. } => {
                step(format!("conflict occurred while applying object {what}"), e)
            }
            Error::Unsupported { .. } => e,
            e => step(format!("server-side apply failed for object {what}"), e),
        }
    })
}

fn create_one(
    client: &(impl KubeClient + ?Sized),
    target: &Resource,
    options: &ApplyOptions,
) -> Result<()> {
    if options.server_side {
        apply_server_side(client, target, options)
    } else {
        client.create(target).map(drop)
    }
}

/// Creates every resource in order (Helm's `Create`): server-side apply unless
/// `options.server_side` is false, then a plain create.
///
/// Errors: the first failure; `Changes::created` lists what was created before it.
pub fn create_all(
    client: &(impl KubeClient + ?Sized),
    resources: &[Resource],
    options: &ApplyOptions,
) -> (Changes, Result<()>) {
    let mut changes = Changes::default();
    for r in resources {
        if let Err(e) = create_one(client, r, options) {
            return (changes, Err(e));
        }
        changes.created.push(r.reference.clone());
    }
    (changes, Ok(()))
}

fn same_object(a: &ObjectRef, b: &ObjectRef) -> bool {
    a.group() == b.group() && a.kind == b.kind && a.namespace == b.namespace && a.name == b.name
}

/// Moves a release from `originals` to `targets` (Helm's `Update`): creates targets that do
/// not exist, updates those that do (server-side apply, or replace with `force_replace`),
/// then deletes originals missing from `targets` unless they carry
/// `helm.sh/resource-policy: keep`.
///
/// Errors: [`Error::InvalidUpdate`] for options Helm refuses together
/// ([`UpdateOptions::check`]); a failed read or create stops at once (`could not get information about the
/// resource`, `failed to create resource`); failed updates are collected and joined with
/// ` && ` as Helm does, and then nothing is deleted; failed deletes are collected too.
/// With `server_side: false` (Helm 3's client-side apply), built-in kinds get a three-way
/// strategic merge patch and custom resources a JSON merge patch ([`client_side_patch`]);
/// an empty patch sends nothing.
pub fn update_all(
    client: &(impl KubeClient + ?Sized),
    originals: &[Resource],
    targets: &[Resource],
    options: &UpdateOptions,
) -> (Changes, Result<()>) {
    let mut changes = Changes::default();
    if let Err(e) = options.check() {
        return (changes, Err(e));
    }
    let mut errors = Vec::new();
    for target in targets {
        let current = match client.get(&target.reference) {
            Ok(c) => c,
            Err(e) => {
                return (
                    changes,
                    Err(step(
                        "could not get information about the resource".to_owned(),
                        e,
                    )),
                );
            }
        };
        let Some(current) = current else {
            changes.created.push(target.reference.clone());
            if let Err(e) = create_one(client, target, &options.apply) {
                return (
                    changes,
                    Err(step("failed to create resource".to_owned(), e)),
                );
            }
            continue;
        };
        let result = if options.force_replace {
            replace(client, target, &current)
        } else if options.apply.server_side {
            upgrade_field_manager(client, target, options)
                .and_then(|()| apply_server_side(client, target, &options.apply))
        } else {
            // Without the resource in the old release, Helm takes the live object as the
            // original ("using cluster state as baseline").
            let original = originals
                .iter()
                .find(|o| same_object(&o.reference, &target.reference))
                .map_or(&current, |o| &o.object);
            patch_client_side(
                client,
                original,
                target,
                &current,
                options.three_way_merge_for_unstructured,
            )
        };
        if let Err(e) = result {
            errors.push(e);
        }
        changes.updated.push(target.reference.clone());
    }
    if !errors.is_empty() {
        return (changes, Err(joined(errors)));
    }
    for original in originals {
        if targets
            .iter()
            .any(|t| same_object(&t.reference, &original.reference))
        {
            continue;
        }
        let Ok(Some(current)) = client.get(&original.reference) else {
            continue;
        };
        if str_at(
            &current,
            &["metadata", "annotations", RESOURCE_POLICY_ANNOTATION],
        ) == Some(KEEP_POLICY)
        {
            continue;
        }
        match client.delete(&original.reference, Propagation::Background) {
            Ok(_) => changes.deleted.push(original.reference.clone()),
            Err(e) if e.is_not_found() => {}
            Err(e) => {
                let r = &original.reference;
                errors.push(step(
                    format!(
                        "failed to delete resource namespace={}, name={}, kind={}",
                        r.namespace.as_deref().unwrap_or_default(),
                        r.name,
                        r.kind
                    ),
                    e,
                ));
            }
        }
    }
    if errors.is_empty() {
        (changes, Ok(()))
    } else {
        (changes, Err(joined(errors)))
    }
}

/// Helm's `upgradeClientSideFieldManager` before a server-side apply. A dry run changes
/// nothing here (Helm sends the patch as a dry run).
fn upgrade_field_manager(
    client: &(impl KubeClient + ?Sized),
    target: &Resource,
    options: &UpdateOptions,
) -> Result<()> {
    if !options.upgrade_client_side_field_manager || options.apply.dry_run {
        return Ok(());
    }
    let r = &target.reference;
    let what = format!(
        "{}/{} {}",
        r.namespace.as_deref().unwrap_or_default(),
        r.name,
        gvk(r)
    );
    client
        .upgrade_managed_fields(r, &options.apply.field_manager)
        .map(drop)
        .map_err(|e| match e {
            Error::NotFound { .. } => step(format!("failed to get object {what}"), e),
            e if e.is_conflict() => e,
            e => step(
                format!("failed to patch object to upgrade CSA field manager {what}"),
                e,
            ),
        })
}

/// client-go's `csaupgrade.UpgradeManagedFieldsPatch` for one client-side manager: the JSON
/// patch that folds `csa_manager`'s `Update` entries into `ssa_manager`'s `Apply` entry
/// (the first one, or the first `Update` entry turned into one) and pins the resource
/// version; `None` when `managedFields` would not change.
pub fn managed_fields_upgrade(live: &Value, csa_manager: &str, ssa_manager: &str) -> Option<Value> {
    let entries = live.get("metadata")?.get("managedFields")?.as_array()?;
    let main = |e: &Value| str_at(e, &["subresource"]).unwrap_or_default().is_empty();
    let is = |e: &Value, manager: &str, operation: &str| {
        str_at(e, &["manager"]) == Some(manager)
            && str_at(e, &["operation"]) == Some(operation)
            && main(e)
    };
    let mut upgraded = entries.clone();
    let target = if let Some(i) = upgraded.iter().position(|e| is(e, ssa_manager, "Apply")) {
        i
    } else {
        let i = upgraded.iter().position(|e| is(e, csa_manager, "Update"))?;
        let entry = upgraded[i].as_object_mut()?;
        entry.insert("operation".to_owned(), Value::String("Apply".to_owned()));
        entry.insert("manager".to_owned(), Value::String(ssa_manager.to_owned()));
        i
    };
    let api_version = upgraded[target].get("apiVersion").cloned();
    if let Some(csa) = upgraded
        .iter()
        .find(|e| is(e, csa_manager, "Update") && e.get("apiVersion").cloned() == api_version)
        .and_then(|e| e.get("fieldsV1"))
        .cloned()
    {
        let fields = upgraded[target]
            .as_object_mut()?
            .entry("fieldsV1")
            .or_insert_with(|| Value::Object(JsonMap::new()));
        union_fields(fields, &csa);
    }
    upgraded.retain(|e| !is(e, csa_manager, "Update"));
    if upgraded == *entries {
        return None;
    }
    let value = if upgraded.is_empty() {
        Value::Null
    } else {
        Value::Array(upgraded)
    };
    Some(serde_json::json!([
        {"op": "replace", "path": "/metadata/managedFields", "value": value},
        {"op": "replace", "path": "/metadata/resourceVersion",
         "value": live["metadata"].get("resourceVersion").cloned().unwrap_or_default()},
    ]))
}

/// The union of two `FieldsV1` sets (nested objects whose keys name fields, keys, values
/// and items).
fn union_fields(into: &mut Value, from: &Value) {
    if let (Some(a), Some(b)) = (into.as_object_mut(), from.as_object()) {
        for (k, v) in b {
            match a.get_mut(k) {
                Some(existing) => union_fields(existing, v),
                None => {
                    a.insert(k.clone(), v.clone());
                }
            }
        }
    }
}

/// The patch metadata of a kind Helm decodes into a Go type (client-go's scheme plus
/// apiextensions, helm/helm `pkg/kube/converter.go`); `None` for kinds that stay
/// unstructured, which get a JSON merge patch. Helm's `createPatch` also treats v1beta1
/// CustomResourceDefinitions as unstructured.
fn typed(r: &ObjectRef) -> Option<TypeRef<'static>> {
    if r.api_version == "apiextensions.k8s.io/v1beta1" {
        return None;
    }
    Schema::builtin().kind(&r.api_version, &r.kind)
}

/// The patch Helm 3's client-side apply sends (`createPatch`): a three-way strategic merge
/// patch for built-in kinds, a JSON merge patch (three-way when asked) for the others.
///
/// Errors: [`PatchError`] when the documents cannot be merged.
pub fn client_side_patch(
    original: &Value,
    target: &Resource,
    current: &Value,
    three_way_merge_for_unstructured: bool,
) -> std::result::Result<(Value, PatchKind), PatchError> {
    match typed(&target.reference) {
        Some(schema) => Ok((
            merge::three_way_merge_patch(original, &target.object, current, schema)?,
            PatchKind::Strategic,
        )),
        None if three_way_merge_for_unstructured => Ok((
            merge::three_way_json_merge_patch(original, &target.object, current)?,
            PatchKind::Merge,
        )),
        None => Ok((merge_patch(original, &target.object), PatchKind::Merge)),
    }
}

/// Helm 3's `patchResourceClientSide`: computes the patch, sends nothing when it is empty.
fn patch_client_side(
    client: &(impl KubeClient + ?Sized),
    original: &Value,
    target: &Resource,
    current: &Value,
    three_way_merge_for_unstructured: bool,
) -> Result<()> {
    let r = &target.reference;
    let (patch, kind) =
        client_side_patch(original, target, current, three_way_merge_for_unstructured)
            .map_err(|e| step("failed to create patch".to_owned(), Error::Patch(e)))?;
    if patch.as_object().is_some_and(JsonMap::is_empty) {
        return Ok(());
    }
    client
        .patch(r, &patch, kind)
        .map(drop)
        .map_err(|e| step(format!("cannot patch {:?} with kind {}", r.name, r.kind), e))
}

/// A JSON merge patch (RFC 7386) that turns `original` into `modified`
/// (evanphx/json-patch's `CreateMergePatch`): changed and new keys carry their new value,
/// removed keys are `null`, and nested objects are diffed key by key.
pub fn merge_patch(original: &Value, modified: &Value) -> Value {
    match (original, modified) {
        (Value::Object(a), Value::Object(b)) => {
            let mut patch = JsonMap::new();
            for (k, new) in b {
                match a.get(k) {
                    Some(old) if old == new => {}
                    Some(old @ Value::Object(_)) if new.is_object() => {
                        patch.insert(k.clone(), merge_patch(old, new));
                    }
                    _ => {
                        patch.insert(k.clone(), new.clone());
                    }
                }
            }
            for k in a.keys() {
                if !b.contains_key(k) {
                    patch.insert(k.clone(), Value::Null);
                }
            }
            Value::Object(patch)
        }
        (_, modified) => modified.clone(),
    }
}

fn joined(mut errors: Vec<Error>) -> Error {
    if errors.len() == 1 {
        errors.remove(0)
    } else {
        Error::Several { errors }
    }
}

/// `replaceResource`: PUT the target over the current object, at its resource version.
fn replace(client: &(impl KubeClient + ?Sized), target: &Resource, current: &Value) -> Result<()> {
    let mut body = target.clone();
    if let (Some(rv), Some(meta)) = (
        str_at(current, &["metadata", "resourceVersion"]),
        body.object
            .get_mut("metadata")
            .and_then(Value::as_object_mut),
    ) {
        meta.insert("resourceVersion".to_owned(), Value::String(rv.to_owned()));
    }
    client.update(&body).map(drop)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::{UpdateOptions, merge_patch};
    use crate::object::ApplyOptions;

    #[test]
    fn client_side_entries_fold_into_the_apply_entry() {
        let entry = |manager: &str, operation: &str, fields: serde_json::Value| {
            json!({"manager": manager, "operation": operation, "apiVersion": "v1",
                "fieldsType": "FieldsV1", "fieldsV1": fields})
        };
        let live = json!({"metadata": {"resourceVersion": "7", "managedFields": [
            entry("helm", "Update", json!({"f:data": {".": {}, "f:a": {}}})),
            entry("kubectl", "Update", json!({"f:data": {"f:k": {}}})),
            entry("helm", "Apply", json!({"f:data": {"f:b": {}}})),
        ]}});
        let patch = super::managed_fields_upgrade(&live, "helm", "helm").unwrap();
        assert_eq!(
            patch,
            json!([
                {"op": "replace", "path": "/metadata/managedFields", "value": [
                    entry("kubectl", "Update", json!({"f:data": {"f:k": {}}})),
                    entry("helm", "Apply", json!({"f:data": {"f:b": {}, ".": {}, "f:a": {}}})),
                ]},
                {"op": "replace", "path": "/metadata/resourceVersion", "value": "7"},
            ])
        );
        // Only an Update entry: it becomes the Apply entry.
        let live = json!({"metadata": {"resourceVersion": "8", "managedFields": [
            entry("helm", "Update", json!({"f:data": {"f:a": {}}})),
        ]}});
        let patch = super::managed_fields_upgrade(&live, "helm", "helm").unwrap();
        assert_eq!(
            patch[0]["value"],
            json!([entry("helm", "Apply", json!({"f:data": {"f:a": {}}}))])
        );
        // Nothing to move.
        let live = json!({"metadata": {"managedFields": [
            entry("helm", "Apply", json!({"f:data": {"f:a": {}}})),
        ]}});
        assert_eq!(super::managed_fields_upgrade(&live, "helm", "helm"), None);
    }

    #[test]
    fn update_options_helm_refuses_are_refused() {
        let client_side = ApplyOptions {
            server_side: false,
            ..ApplyOptions::default()
        };
        let check = |o: UpdateOptions| o.check().err().map(|e| e.to_string());
        assert_eq!(check(UpdateOptions::default()), None);
        assert_eq!(
            check(UpdateOptions {
                force_replace: true,
                ..UpdateOptions::default()
            })
            .as_deref(),
            Some("invalid operation: cannot use server-side apply and force replace together")
        );
        assert_eq!(
            check(UpdateOptions {
                force_replace: true,
                apply: client_side.clone(),
                ..UpdateOptions::default()
            }),
            None
        );
        assert_eq!(
            check(UpdateOptions {
                three_way_merge_for_unstructured: true,
                ..UpdateOptions::default()
            })
            .as_deref(),
            Some(
                "invalid operation: cannot use three-way merge for unstructured and server-side apply together"
            )
        );
        assert_eq!(
            check(UpdateOptions {
                apply: ApplyOptions {
                    force_conflicts: true,
                    ..client_side
                },
                ..UpdateOptions::default()
            })
            .as_deref(),
            Some(
                "invalid client update option(s): forceConflicts enabled when serverSideApply disabled"
            )
        );
    }

    #[test]
    fn merge_patches_set_changed_keys_and_null_removed_ones() {
        let original = json!({"spec": {"a": 1, "b": {"c": 2, "d": 3}, "l": [1]}, "gone": true});
        let modified = json!({"spec": {"a": 1, "b": {"c": 5}, "l": [1, 2], "n": "x"}});
        assert_eq!(
            merge_patch(&original, &modified),
            json!({"spec": {"b": {"c": 5, "d": null}, "l": [1, 2], "n": "x"}, "gone": null})
        );
        assert_eq!(merge_patch(&original, &original), json!({}));
    }
}
