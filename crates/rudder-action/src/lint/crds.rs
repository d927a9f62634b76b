//! `crds/` rules (helm/helm `pkg/chart/v2/lint/rules/crds.go`).

use super::document::{Head, decode_documents};
use super::{Linter, Severity};

const CRDS_DIR: &str = "crds/";

/// Checks that every file of `crds/` (the chart's and its subcharts') holds only
/// `CustomResourceDefinition`s of `apiextensions.k8s.io`.
pub fn lint(linter: &mut Linter) {
    let path = linter.chart_dir.join("crds");
    let meta = match fs_err::metadata(&path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return,
        other => other,
    };
    let valid = linter.rule(
        Severity::Error,
        CRDS_DIR,
        match meta {
            Ok(m) if m.is_dir() => Ok(()),
            Ok(_) => Err("not a directory".to_owned()),
            Err(e) => Err(format!(
                "stat {}: {}",
                path.display(),
                super::go_errno_text(&std::io::Error::from(e.kind()))
            )),
        },
    );
    if !valid {
        return;
    }
    let chart = match rudder_chart::load(&linter.chart_dir) {
        Ok(c) => c,
        Err(e) => {
            linter.rule(
                Severity::Error,
                CRDS_DIR,
                Err(rudder_chart::helm_message(&e)),
            );
            return;
        }
    };
    for crd in chart.crd_objects() {
        let text = String::from_utf8_lossy(&crd.file.data);
        for doc in decode_documents(&text) {
            let head: Head = match doc {
                Ok(Some(h)) => h,
                Ok(None) => continue,
                Err(e) => {
                    linter.rule(
                        Severity::Error,
                        &crd.name,
                        Err(format!("unable to parse YAML: {e}")),
                    );
                    return;
                }
            };
            linter.rule(
                Severity::Error,
                &crd.name,
                if head.api_version.starts_with("apiextensions.k8s.io") {
                    Ok(())
                } else {
                    Err("apiVersion is not in 'apiextensions.k8s.io'".to_owned())
                },
            );
            linter.rule(
                Severity::Error,
                &crd.name,
                if head.kind == "CustomResourceDefinition" {
                    Ok(())
                } else {
                    Err("object kind is not 'CustomResourceDefinition'".to_owned())
                },
            );
        }
    }
}
