//! CLI tests: the built `rudder` binary run through `rudder_test::TestContext`, its output
//! compared with goldens that real Helm produced (`golden/`, written by
//! `scripts/cli_goldens.py`) or, where the Helm oracle cannot produce the output, with
//! reviewed insta snapshots.

mod completion;
mod create;
mod dependency;
mod dependency_update;
mod env;
mod install;
mod lint;
mod package;
mod provenance;
mod registry;
mod release;
mod repo;
mod settings;
mod show;
mod template;
mod template_flags;
mod version;

use std::path::{Path, PathBuf};

use rudder_test::{Output, TestContext};

/// A fresh sandbox around the binary under test.
fn context() -> TestContext {
    TestContext::new(env!("CARGO_BIN_EXE_rudder"))
}

/// `golden/<rel>`.
fn golden(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/cli/golden")
        .join(rel)
}

/// The files of a golden directory, sorted, with their names.
fn golden_files(dir: &str) -> Vec<(String, PathBuf)> {
    let mut out: Vec<(String, PathBuf)> = fs_err::read_dir(golden(dir))
        .expect("the golden directory exists")
        .map(|e| {
            let e = e.expect("the golden directory is readable");
            (e.file_name().to_string_lossy().into_owned(), e.path())
        })
        .collect();
    out.sort();
    out
}

/// A chart named in a golden's path: `fixture--NAME` or `conformance--NAME`. `None` when
/// the conformance corpus is absent outside CI.
fn source_chart(source: &str) -> Option<PathBuf> {
    if let Some(name) = source.strip_prefix("fixture--") {
        return Some(rudder_test::fixture(name));
    }
    let name = source
        .strip_prefix("conformance--")
        .unwrap_or_else(|| panic!("unknown golden source {source}"));
    match rudder_test::conformance_dir() {
        Some(dir) => Some(dir.join("charts").join(name)),
        None if std::env::var_os("CI").is_some_and(|v| v == "true") => {
            panic!("the conformance corpus (../shared/conformance) is missing")
        }
        None => None,
    }
}

/// Fails with every mismatch at once, so one run shows all differing cases.
fn report(failures: &[String], checked: usize) {
    assert!(
        failures.is_empty(),
        "{} of {checked} cases differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// Several runs as one text: each run's exit code, then its stdout and stderr.
fn transcript(outs: &[Output]) -> String {
    let mut text = String::new();
    for o in outs {
        text.push_str(&o.code.to_string());
        text.push(' ');
        text.push_str(&o.stdout);
        text.push_str(&o.stderr);
    }
    text
}
