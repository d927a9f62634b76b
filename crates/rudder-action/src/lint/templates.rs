//! Template rules (helm/helm `pkg/chart/v2/lint/rules/template.go`): the chart renders in lint
//! mode, and every rendered YAML file of the chart's own `templates/` is checked document by
//! document.

use rudder_engine::{Capabilities, Engine, KubeVersion, ReleaseOptions};
use rudder_value::{Map, Value};

use super::document::{decode_documents, first_document};
use super::{Linter, Severity, deprecations, names};

const TEMPLATES_DIR: &str = "templates/";

/// Renders the chart as release `test-release` in `namespace` and checks the output.
pub fn lint(
    linter: &mut Linter,
    namespace: &str,
    values: &Map,
    kube_version: Option<&KubeVersion>,
    skip_schema_validation: bool,
) {
    let path = linter.chart_dir.join("templates");
    let meta = fs_err::metadata(&path);
    let exists = linter.rule(
        Severity::Warning,
        TEMPLATES_DIR,
        match &meta {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                Err("directory does not exist".to_owned())
            }
            _ => Ok(()),
        },
    );
    if !exists {
        return;
    }
    let is_dir = linter.rule(
        Severity::Error,
        TEMPLATES_DIR,
        match &meta {
            Ok(m) if m.is_dir() => Ok(()),
            Ok(_) => Err("not a directory".to_owned()),
            Err(e) => Err(format!(
                "stat {}: {}",
                path.display(),
                super::go_errno_text(&std::io::Error::from(e.kind()))
            )),
        },
    );
    if !is_dir {
        return;
    }
    let mut chart = match rudder_chart::load(&linter.chart_dir) {
        Ok(c) => c,
        Err(e) => {
            linter.rule(
                Severity::Error,
                TEMPLATES_DIR,
                Err(rudder_chart::helm_message(&e)),
            );
            return;
        }
    };
    let options = ReleaseOptions {
        name: "test-release".to_owned(),
        namespace: namespace.to_owned(),
        revision: 0,
        is_install: false,
        is_upgrade: false,
    };
    let mut caps = Capabilities::default();
    if let Some(kv) = kube_version {
        caps.kube_version = kv.clone();
    }
    if rudder_chart::process_dependencies(&mut chart, values).is_err() {
        return;
    }
    let Ok((coalesced, _)) = rudder_chart::coalesce_values(&chart, values) else {
        return;
    };
    if !skip_schema_validation
        && let Err(e) = rudder_chart::validate_against_schema(&chart, &coalesced)
    {
        linter.rule(
            Severity::Error,
            TEMPLATES_DIR,
            Err(rudder_chart::helm_message(&e)),
        );
        return;
    }
    let top = rudder_engine::to_render_values(&chart, &coalesced, &options, Some(&caps));
    let engine = Engine {
        lint_mode: true,
        ..Engine::default()
    };
    let rendered = match engine.render(&chart, &top) {
        Ok(r) => r,
        Err(e) => {
            linter.rule(Severity::Error, TEMPLATES_DIR, Err(e.to_string()));
            return;
        }
    };
    for template in &chart.templates {
        let file_name = template.name.as_str();
        linter.rule(Severity::Error, file_name, allowed_extension(file_name));
        if !is_yaml_file(file_name) {
            continue;
        }
        let key = format!("{}/{file_name}", chart.name());
        let content = rendered.get(&key).map_or("", String::as_str);
        if content.trim().is_empty() {
            continue;
        }
        linter.rule(Severity::Warning, file_name, top_indent_level(content));
        for doc in decode_documents(content) {
            let head = match doc {
                Ok(Some(h)) => h,
                Ok(None) => continue,
                Err(e) => {
                    linter.rule(
                        Severity::Error,
                        file_name,
                        Err(format!("unable to parse YAML: {e}")),
                    );
                    return;
                }
            };
            linter.rule(
                Severity::Warning,
                file_name,
                names::validate(&head.kind, &head.name),
            );
            linter.rule(
                Severity::Warning,
                file_name,
                deprecations::check(&head.api_version, &head.kind, kube_version),
            );
            linter.rule(
                Severity::Error,
                file_name,
                match_selector(&head.kind, &head.name, content),
            );
            linter.rule(
                Severity::Error,
                file_name,
                list_annotations(&head.kind, content),
            );
        }
    }
}

/// Go's `filepath.Ext`.
fn extension(name: &str) -> &str {
    let base = name.rsplit('/').next().unwrap_or(name);
    base.rfind('.').map_or("", |i| &base[i..])
}

fn allowed_extension(name: &str) -> Result<(), String> {
    let ext = extension(name);
    if [".yaml", ".yml", ".tpl", ".txt"].contains(&ext) {
        Ok(())
    } else {
        Err(format!(
            "file extension '{ext}' not valid. Valid extensions are .yaml, .yml, .tpl, or .txt"
        ))
    }
}

fn is_yaml_file(name: &str) -> bool {
    let ext = extension(name).to_lowercase();
    ext == ".yaml" || ext == ".yml"
}

/// Helm's `validateTopIndentLevel`: the first non-blank line must not be indented.
fn top_indent_level(content: &str) -> Result<(), String> {
    for line in content.lines() {
        if line.trim().is_empty() {
            continue;
        }
        if line.starts_with([' ', '\t']) {
            return Err(format!(
                "document starts with an illegal indent: {}, which may cause parsing problems",
                rudder_value::strconv::quote(line)
            ));
        }
        return Ok(());
    }
    Ok(())
}

/// Workloads need a selector somewhere in their file (a plain text search, as Helm does).
fn match_selector(kind: &str, name: &str, manifest: &str) -> Result<(), String> {
    if matches!(
        kind,
        "Deployment" | "ReplicaSet" | "DaemonSet" | "StatefulSet"
    ) && !manifest.contains("matchLabels")
        && !manifest.contains("matchExpressions")
    {
        return Err(format!(
            "a {kind} must contain matchLabels or matchExpressions, and {} does not",
            rudder_value::strconv::quote(name)
        ));
    }
    Ok(())
}

/// `helm.sh/resource-policy` has no effect on the items of a `List`.
fn list_annotations(kind: &str, manifest: &str) -> Result<(), String> {
    if kind != "List" {
        return Ok(());
    }
    let doc = first_document(manifest).map_err(|e| format!("unable to parse YAML: {e}"))?;
    let Some(doc) = doc else {
        return Ok(());
    };
    let Some(Value::List(items)) = doc.get("items") else {
        return Ok(());
    };
    for item in items.iter() {
        let Value::Map(item) = item else { continue };
        let Some(Value::Map(meta)) = item.get("metadata") else {
            continue;
        };
        if let Some(Value::Map(annotations)) = meta.get("annotations")
            && annotations.get("helm.sh/resource-policy").is_some()
        {
            return Err(
                "annotation 'helm.sh/resource-policy' within List objects are ignored".to_owned(),
            );
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extensions_are_checked_case_sensitively() {
        assert!(allowed_extension("templates/a.yaml").is_ok());
        assert!(allowed_extension("templates/a.YAML").is_err());
        assert!(is_yaml_file("templates/a.YAML"));
        assert!(allowed_extension("templates/noext").is_err());
    }

    #[test]
    fn indent_is_judged_on_the_first_non_blank_line() {
        assert!(top_indent_level("\n\nkind: A\n  x: 1\n").is_ok());
        assert!(top_indent_level("\n\t\nkind: A\n").is_ok());
        assert!(top_indent_level("  kind: A\n").is_err());
    }
}
