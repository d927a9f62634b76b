//! Chart and values loading shared by the commands that take a chart.

use std::path::Path;

use anyhow::bail;
use rudder_chart::Chart;
use rudder_value::Map;

use crate::cli::ValuesArgs;

/// The user's values from `-f` and the `--set` family, merged in Helm's order.
pub fn user_values(args: &ValuesArgs) -> anyhow::Result<Map> {
    let options = rudder_chart::values::Options {
        value_files: args.values.clone(),
        set: args.set.clone(),
        set_string: args.set_string.clone(),
        set_file: args.set_file.clone(),
        set_json: args.set_json.clone(),
        set_literal: args.set_literal.clone(),
    };
    // Helm fails on a source it cannot fetch with the getter's own message, before reading
    // any other file; `-` and URLs are fetched here, in order, and served from memory.
    let mut fetched = std::collections::HashMap::new();
    for path in &args.values {
        if crate::commands::getter::is_remote(path) && !fetched.contains_key(path) {
            let data = crate::commands::getter::read_remote(path).map_err(anyhow::Error::msg)?;
            fetched.insert(path.clone(), data);
        }
    }
    let mut read = |path: &str| -> std::io::Result<Vec<u8>> {
        if let Some(data) = fetched.get(path) {
            return Ok(data.clone());
        }
        if crate::commands::getter::is_remote(path) {
            return crate::commands::getter::read_remote(path).map_err(std::io::Error::other);
        }
        // std's own error keeps the kind without a path; rudder-chart's message names the file.
        #[expect(
            clippy::disallowed_methods,
            reason = "rudder-chart's Error::Open names the path itself"
        )]
        std::fs::read(path)
    };
    options
        .merge_values_with(&mut read)
        .map_err(|e| anyhow::anyhow!(rudder_chart::helm_message(&e)))
}

/// Loads a chart and checks that the dependencies its Chart.yaml declares are in `charts/`.
pub fn load_chart_checked(path: &Path) -> anyhow::Result<Chart> {
    let chart =
        rudder_chart::load(path).map_err(|e| anyhow::anyhow!(rudder_chart::helm_message(&e)))?;
    let deps = chart.metadata.dependencies.clone();
    if !deps.is_empty()
        && let Err(e) = rudder_chart::check_dependencies(&chart, &deps)
    {
        bail!(
            "an error occurred while checking for chart dependencies. You may need to run 'helm dependency build' to fetch missing dependencies: {}",
            rudder_chart::helm_message(&e)
        );
    }
    Ok(chart)
}

/// Renders `--name-template` (a Go template over no data, with Sprig's functions).
pub fn template_name(template: &str) -> anyhow::Result<String> {
    let mut set = rudder_gotmpl::Templates::new(std::sync::Arc::new(rudder_sprig::funcs()));
    set.parse("name-template", template)
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    set.execute("name-template", &rudder_value::Value::Nil)
        .map_err(|e| anyhow::anyhow!("{e}"))
}
