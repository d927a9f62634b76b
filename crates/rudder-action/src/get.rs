//! `helm get` (Helm's `pkg/action/get.go`, `get_values.go` and `get_metadata.go`): one
//! revision of a release, its values and its metadata.

use std::collections::BTreeMap;

use rudder_chart::Dependency;
use rudder_release::Release;
use rudder_value::Map;

use crate::context::Context;
use crate::error::{Error, Result};
use crate::name::is_valid_release_name;

/// Helm's `releaseContent`: revision `version` of `name`, or the last one when `version` is 0
/// or less.
///
/// Errors: [`Error::NameInvalid`] (`releaseContent: Release name is invalid: NAME`), or the
/// storage's `release: not found`.
pub fn release_content(ctx: &Context, name: &str, version: i64) -> Result<Release> {
    if !is_valid_release_name(name) {
        return Err(Error::NameInvalid {
            prefix: "releaseContent: Release name is invalid: ",
            name: name.to_owned(),
        });
    }
    if version <= 0 {
        return Ok(ctx.releases.last(name)?);
    }
    Ok(ctx.releases.get(name, version)?)
}

/// `helm get all|manifest|notes|hooks` (Helm's `action.Get`).
#[derive(Clone, Copy, Debug, Default)]
pub struct Get {
    /// `--revision`; 0 is the last.
    pub version: i64,
}

impl Get {
    /// The revision asked for.
    ///
    /// Errors: as [`release_content`], or the cluster being unreachable.
    pub fn run(&self, ctx: &Context, name: &str) -> Result<Release> {
        ctx.kube.server_version()?;
        release_content(ctx, name, self.version)
    }
}

/// `helm get values` (Helm's `action.GetValues`).
#[derive(Clone, Copy, Debug, Default)]
pub struct GetValues {
    /// `--revision`; 0 is the last.
    pub version: i64,
    /// `-a, --all`: the chart's values coalesced with the user's.
    pub all_values: bool,
}

impl GetValues {
    /// The user-supplied values, or all computed values.
    ///
    /// Errors: as [`release_content`]; [`Error::Values`] when coalescing fails.
    pub fn run(&self, ctx: &Context, name: &str) -> Result<Map> {
        ctx.kube.server_version()?;
        let rel = release_content(ctx, name, self.version)?;
        if self.all_values {
            let Some(chart) = &rel.chart else {
                return Ok(rel.config);
            };
            return rudder_chart::coalesce_values(chart, &rel.config)
                .map(|(values, _)| values)
                .map_err(|e| Error::Values(rudder_chart::helm_message(&e)));
        }
        Ok(rel.config)
    }
}

/// `helm get metadata` (Helm's `action.GetMetadata`).
#[derive(Clone, Copy, Debug, Default)]
pub struct GetMetadata {
    /// `--revision`; 0 is the last.
    pub version: i64,
}

/// What `helm get metadata` shows (Helm's `action.Metadata`, in its JSON field order).
#[derive(Clone, Debug, Default)]
pub struct Metadata {
    /// The release name.
    pub name: String,
    /// The chart's name.
    pub chart: String,
    /// The chart's version.
    pub version: String,
    /// The chart's appVersion.
    pub app_version: String,
    /// The chart's annotations.
    pub annotations: BTreeMap<String, String>,
    /// The release's labels.
    pub labels: BTreeMap<String, String>,
    /// The chart's dependencies.
    pub dependencies: Vec<Dependency>,
    /// The release namespace.
    pub namespace: String,
    /// The revision.
    pub revision: i64,
    /// The status.
    pub status: String,
    /// When it was deployed, RFC 3339 without fractions.
    pub deployed_at: String,
    /// `ssa`, `csa` or empty.
    pub apply_method: String,
}

impl Metadata {
    /// The dependency names, sorted and comma-separated (Helm's `FormattedDepNames`).
    pub fn formatted_dep_names(&self) -> String {
        let mut names: Vec<&str> = self.dependencies.iter().map(|d| d.name.as_str()).collect();
        names.sort_unstable();
        names.join(",")
    }
}

impl GetMetadata {
    /// The release's metadata.
    ///
    /// Errors: as [`release_content`]; [`Error::Chart`] when the release holds no chart.
    pub fn run(&self, ctx: &Context, name: &str) -> Result<Metadata> {
        ctx.kube.server_version()?;
        let rel = release_content(ctx, name, self.version)?;
        let Some(chart) = &rel.chart else {
            return Err(Error::Chart {
                message: "invalid chart apiVersion".to_owned(),
            });
        };
        let deployed = rel.info.last_deployed.unwrap_or_default();
        Ok(Metadata {
            name: rel.name.clone(),
            chart: chart.metadata.name.clone(),
            version: chart.metadata.version.clone(),
            app_version: chart.metadata.app_version.clone(),
            annotations: chart.metadata.annotations.clone(),
            labels: rel.labels.clone(),
            dependencies: chart.metadata.dependencies.clone(),
            namespace: rel.namespace.clone(),
            revision: rel.version,
            status: rel
                .info
                .status
                .map(rudder_release::Status::as_str)
                .unwrap_or_default()
                .to_owned(),
            deployed_at: rfc3339_seconds(deployed),
            apply_method: rel.apply_method.clone(),
        })
    }
}

/// Go's `t.Format(time.RFC3339)`: no fraction, `Z` or `±hh:mm`.
pub fn rfc3339_seconds(t: rudder_release::Time) -> String {
    let whole = rudder_release::Time::from_unix(t.unix(), 0, t.offset());
    whole.to_rfc3339_nano()
}
