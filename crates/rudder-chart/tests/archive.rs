//! The archive loader against real Helm on well-formed and hostile archives
//! (`testdata/archives/*.tgz` and `*.json`, written by `scripts/archive_oracle.py`).

mod common;

use std::path::{Path, PathBuf};

use serde_json::{Value as Json, json};

#[test]
fn archives_load_as_in_helm() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/archives");
    let mut cases: Vec<PathBuf> = fs_err::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "tgz"))
        .collect();
    cases.sort();
    let mut failures = Vec::new();
    for case in &cases {
        let name = case.file_stem().unwrap().to_string_lossy().into_owned();
        let want: Json =
            serde_json::from_str(&fs_err::read_to_string(case.with_extension("json")).unwrap())
                .unwrap();
        let data = fs_err::read(case).unwrap();
        let got = match rudder_chart::load_archive(&data) {
            Ok(c) => {
                let mut d = common::describe(&c);
                let mut deps: Vec<String> = c
                    .dependencies()
                    .iter()
                    .map(|d| d.name().to_owned())
                    .collect();
                deps.sort();
                d["dependencies"] = json!(deps);
                d
            }
            Err(e) => json!({ "error": rudder_chart::helm_message(&e) }),
        };
        if got != want {
            failures.push(format!("{name}:\nrudder {got:#}\nhelm {want:#}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(!cases.is_empty());
}

/// Every single-byte corruption and every truncation of a real archive fails cleanly or
/// loads; none panics.
#[test]
fn corrupted_archives_never_panic() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/archives/good.tgz");
    let data = fs_err::read(path).unwrap();
    for i in 0..data.len() {
        let mut bad = data.clone();
        bad[i] ^= 0xff;
        let _ = rudder_chart::load_archive(&bad);
        let _ = rudder_chart::load_archive(&data[..i]);
    }
}
