//! The loader against real Helm's (`testdata/load/*.json`, written by
//! `scripts/load_oracle.py`): metadata as Helm's JSON, template and file names in load order,
//! CRD paths. Conformance charts are checked when the corpus is present.

use std::path::{Path, PathBuf};

mod common;

use serde_json::{Value as Json, json};

#[test]
fn loader_matches_helm() {
    let crate_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    let goldens = crate_dir.join("testdata/load");
    let corpus = crate_dir.join("../../../shared/conformance/charts");
    let mut files: Vec<PathBuf> = fs_err::read_dir(&goldens)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    let mut failures = Vec::new();
    let mut checked = 0;
    for golden in &files {
        let name = golden.file_stem().unwrap().to_string_lossy().into_owned();
        let dir = match name.strip_prefix("conformance-") {
            Some(chart) => corpus.join(chart),
            None => goldens.join("charts").join(&name),
        };
        if !dir.is_dir() {
            assert!(
                std::env::var("CI").as_deref() != Ok("true"),
                "{} is missing",
                dir.display()
            );
            continue;
        }
        let want: Json = serde_json::from_str(&fs_err::read_to_string(golden).unwrap()).unwrap();
        let got = match rudder_chart::load(&dir) {
            Ok(c) => common::describe(&c),
            Err(e) => json!({ "error": rudder_chart::helm_message(&e) }),
        };
        if got != want {
            failures.push(format!("{name}:\nrudder {got:#}\nhelm {want:#}"));
        }
        checked += 1;
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(checked > 0);
}
