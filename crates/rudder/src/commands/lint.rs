//! `rudder lint`: examine charts for possible issues (helm/helm `pkg/cmd/lint.go`).

use std::fmt::Write as _;
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{anyhow, bail};
use rudder_action::lint::{Lint, Severity};

use crate::cli::LintArgs;
use crate::commands::chart::user_values;
use crate::settings::Settings;

pub fn run(args: &LintArgs, settings: &Settings, out: &mut dyn Write) -> anyhow::Result<()> {
    let kube_version = match &args.kube_version {
        Some(v) if !v.is_empty() => Some(
            rudder_action::lint::parse_kube_version(v)
                .map_err(|e| anyhow!("invalid kube version '{v}': {e}"))?,
        ),
        _ => None,
    };
    let mut paths = args.paths.clone();
    if args.with_subcharts {
        for p in &args.paths {
            let charts = rudder_action::lint::clean_path(&format!("{p}/charts"));
            walk_subcharts(Path::new(&charts), &mut paths);
        }
    }
    let lint = Lint {
        strict: args.strict,
        namespace: settings.namespace().to_owned(),
        skip_schema_validation: args.skip_schema_validation,
        kube_version,
    };
    let values = user_values(&args.values)?;

    let mut message = String::new();
    let mut failed = 0;
    let mut errors_or_warnings = 0;
    for path in &paths {
        let result = lint.run(&[PathBuf::from(path)], &values);
        let has_warnings_or_errors = result.has_warnings_or_errors();
        if has_warnings_or_errors {
            errors_or_warnings += 1;
        }
        if args.quiet && !has_warnings_or_errors {
            continue;
        }
        let _ = writeln!(message, "==> Linting {path}");
        if result.messages.is_empty() {
            for err in &result.errors {
                let _ = writeln!(message, "Error {err}");
            }
        }
        for msg in &result.messages {
            if !args.quiet || msg.severity > Severity::Info {
                let _ = writeln!(message, "{msg}");
            }
        }
        if !result.errors.is_empty() {
            failed += 1;
        }
        message.push('\n');
    }
    out.write_all(message.as_bytes())?;

    let summary = format!("{} chart(s) linted, {failed} chart(s) failed", paths.len());
    if failed > 0 {
        bail!(summary);
    }
    if !args.quiet || errors_or_warnings > 0 {
        writeln!(out, "{summary}")?;
    }
    Ok(())
}

/// Go's `filepath.Walk` over `dir` (lexical order, depth first): every directory holding a
/// `Chart.yaml`, and every `.tgz` or `.tar.gz` file, is another chart to lint.
#[expect(
    clippy::case_sensitive_file_extension_comparisons,
    reason = "Helm matches the suffixes case-sensitively"
)]
fn walk_subcharts(dir: &Path, paths: &mut Vec<String>) {
    let Ok(meta) = fs_err::symlink_metadata(dir) else {
        return;
    };
    let display = dir.to_string_lossy().into_owned();
    if meta.is_dir() {
        let Ok(entries) = fs_err::read_dir(dir) else {
            return;
        };
        let mut names: Vec<_> = entries
            .filter_map(Result::ok)
            .map(|e| e.file_name())
            .collect();
        names.sort();
        for name in names {
            walk_subcharts(&dir.join(name), paths);
        }
    } else if dir.file_name().is_some_and(|n| n == "Chart.yaml") {
        if let Some(parent) = dir.parent() {
            paths.push(parent.to_string_lossy().into_owned());
        }
    } else if display.ends_with(".tgz") || display.ends_with(".tar.gz") {
        paths.push(display);
    }
}
