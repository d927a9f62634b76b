//! `charts/` against the dependencies `Chart.yaml` declares (helm/helm
//! `pkg/chart/v2/lint/rules/dependencies.go`).

use std::collections::HashSet;

use rudder_chart::Chart;

use super::{Linter, Severity};

/// Loads the chart and compares its subcharts with its declared dependencies. Messages name
/// the chart's absolute directory, as Helm's do.
pub fn lint(linter: &mut Linter) {
    let chart = match rudder_chart::load_dir(&linter.chart_dir) {
        Ok(c) => c,
        Err(e) => {
            linter.rule(
                Severity::Error,
                "",
                Err(format!(
                    "unable to load chart\n\t{}",
                    rudder_chart::helm_message(&e)
                )),
            );
            return;
        }
    };
    let dir = linter.chart_dir_string();
    linter.rule(Severity::Error, &dir, in_metadata(&chart));
    linter.rule(Severity::Error, &dir, unique(&chart));
    linter.rule(Severity::Warning, &dir, in_charts_dir(&chart));
}

fn in_charts_dir(c: &Chart) -> Result<(), String> {
    let present: HashSet<&str> = c.dependencies().iter().map(Chart::name).collect();
    let missing: Vec<&str> = c
        .metadata
        .dependencies
        .iter()
        .map(|d| d.name.as_str())
        .filter(|n| !present.contains(n))
        .collect();
    if missing.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "chart directory is missing these dependencies: {}",
            missing.join(",")
        ))
    }
}

fn in_metadata(c: &Chart) -> Result<(), String> {
    let declared: HashSet<&str> = c
        .metadata
        .dependencies
        .iter()
        .map(|d| d.name.as_str())
        .collect();
    let missing: Vec<&str> = c
        .dependencies()
        .iter()
        .map(Chart::name)
        .filter(|n| !declared.contains(n))
        .collect();
    if missing.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "chart metadata is missing these dependencies: {}",
            missing.join(",")
        ))
    }
}

fn unique(c: &Chart) -> Result<(), String> {
    let mut seen = HashSet::new();
    let mut shadowing = Vec::new();
    for d in &c.metadata.dependencies {
        let key = if d.alias.is_empty() {
            &d.name
        } else {
            &d.alias
        };
        if !seen.insert(key.as_str()) {
            shadowing.push(key.as_str());
        }
    }
    if shadowing.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "multiple dependencies with name or alias: {}",
            shadowing.join(",")
        ))
    }
}
