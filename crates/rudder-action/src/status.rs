//! `helm status` (Helm's `pkg/action/status.go`): a revision of a release with the current
//! state of its resources.
//!
//! Resources are grouped as Helm's `kube.Client.Get` groups them: by `VERSION/Kind` (the
//! version without its group, `v1/Deployment`), plus the Pods selected by Deployments,
//! ReplicaSets, StatefulSets, DaemonSets, Jobs and ReplicationControllers under
//! `v1/Pod(related)`. Objects that cannot be read are left out.

use std::collections::BTreeMap;

use rudder_kube::{group_version, str_at};
use rudder_release::Release;
use serde_json::Value;

use crate::context::Context;
use crate::error::Result;
use crate::get::release_content;

/// Options of `helm status`.
#[derive(Clone, Copy, Debug, Default)]
pub struct Status {
    /// `--revision`; 0 is the last.
    pub version: i64,
    /// Read the resources as the API server's tables (`helm status` with table output);
    /// a Table has no selector, so no related Pods come with them, as in Helm.
    pub tables: bool,
}

/// A release's resources by `VERSION/Kind`, in key order.
pub type Resources = BTreeMap<String, Vec<Value>>;

impl Status {
    /// The revision with `info.resources` filled in.
    ///
    /// Errors: as [`release_content`]; a manifest the cluster cannot map
    /// (`resource mapping not found ...`).
    pub fn run(&self, ctx: &Context, name: &str) -> Result<(Release, Resources)> {
        ctx.kube.server_version()?;
        let mut rel = release_content(ctx, name, self.version)?;
        let resources = if self.tables {
            resource_tables(ctx, &rel.manifest)?
        } else {
            resources(ctx, &rel.manifest)?
        };
        let map = rudder_value::Map::new();
        for (key, objects) in &resources {
            let list: Vec<rudder_value::Value> =
                objects.iter().map(rudder_kube::to_value).collect();
            map.insert(key.clone(), rudder_value::Value::from(list));
        }
        rel.info.resources = Some(rudder_value::Value::Map(map));
        Ok((rel, resources))
    }
}

/// The current objects of a manifest and their related Pods (Helm's `Get(resources, true)`).
///
/// Errors: a manifest that cannot be built.
pub fn resources(ctx: &Context, manifest: &str) -> Result<Resources> {
    let built = ctx.kube.build(manifest)?;
    let mut out = Resources::new();
    let mut selectors: Vec<BTreeMap<String, String>> = Vec::new();
    for r in &built {
        let Ok(Some(object)) = ctx.kube.get(&r.reference) else {
            ctx.log(&format!("Get resource {} failed", r.reference.name));
            continue;
        };
        let (_, version) = group_version(&r.reference.api_version);
        out.entry(format!("{version}/{}", r.reference.kind))
            .or_default()
            .push(object.clone());
        let Some(selector) = selector_of(&object) else {
            continue;
        };
        if selectors.contains(&selector) {
            continue;
        }
        let query = selector
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join(",");
        selectors.push(selector);
        match ctx
            .kube
            .list("v1", "Pod", r.reference.namespace.as_deref(), &query)
        {
            Ok(pods) => out
                .entry("v1/Pod(related)".to_owned())
                .or_default()
                .extend(pods),
            Err(e) => ctx.log(&format!(
                "get the relation pod is failed error={}",
                rudder_kube::chain(&e)
            )),
        }
    }
    Ok(out)
}

/// The current objects of a manifest as the API server's tables, by `VERSION/Kind`. Objects
/// that are gone, and every object of a client that cannot ask for tables, are left out.
///
/// Errors: a manifest that cannot be built.
pub fn resource_tables(ctx: &Context, manifest: &str) -> Result<Resources> {
    let built = ctx.kube.build(manifest)?;
    let mut out = Resources::new();
    for r in &built {
        match ctx.kube.get_table(&r.reference) {
            Ok(Some(table)) => {
                let (_, version) = group_version(&r.reference.api_version);
                out.entry(format!("{version}/{}", r.reference.kind))
                    .or_default()
                    .push(table);
            }
            Ok(None) => {}
            Err(e) => ctx.log(&format!(
                "Get resource {} failed, err:{}",
                r.reference.name,
                rudder_kube::chain(&e)
            )),
        }
    }
    Ok(out)
}

/// Helm's `getSelectorFromObject`.
fn selector_of(object: &Value) -> Option<BTreeMap<String, String>> {
    let path: &[&str] = match str_at(object, &["kind"])? {
        "ReplicaSet" | "Deployment" | "StatefulSet" | "DaemonSet" | "Job" => {
            &["spec", "selector", "matchLabels"]
        }
        "ReplicationController" => &["spec", "selector"],
        _ => return None,
    };
    let map = rudder_kube::value_at(object, path)?.as_object()?;
    Some(
        map.iter()
            .filter_map(|(k, v)| Some((k.clone(), v.as_str()?.to_owned())))
            .collect(),
    )
}
