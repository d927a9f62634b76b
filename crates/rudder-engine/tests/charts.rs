//! Whole charts against real Helm: every `testdata/charts/<name>/` is loaded, its
//! dependencies processed and its values coalesced as Helm's install action does, then
//! rendered; the templates must equal `<name>.out.json` (written by `scripts/charts.py` from
//! real Helm) or the error `<name>.err`, byte for byte. These cover what one-template oracle
//! cases cannot: `.Files`, subchart scopes, `.Subcharts`, library charts, `define` precedence
//! across charts and NOTES.txt.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use rudder_engine::{Engine, ReleaseOptions, to_render_values};
use rudder_value::{Map, Value};

fn render(dir: &Path) -> Result<BTreeMap<String, String>, String> {
    let mut chart = rudder_chart::load(dir).map_err(|e| rudder_chart::helm_message(&e))?;
    let user = Map::new();
    rudder_chart::process_dependencies(&mut chart, &user)
        .map_err(|e| rudder_chart::helm_message(&e))?;
    let (values, _warnings) =
        rudder_chart::coalesce_values(&chart, &user).map_err(|e| rudder_chart::helm_message(&e))?;
    let release = ReleaseOptions {
        name: "rel".to_owned(),
        namespace: "ns".to_owned(),
        ..ReleaseOptions::default()
    };
    let top = to_render_values(&chart, &values, &release, None);
    Engine::default()
        .render(&chart, &top)
        .map_err(|e| e.to_string())
}

fn expected(dir: &Path) -> Result<BTreeMap<String, String>, String> {
    let out = dir.with_extension("out.json");
    if let Ok(text) = fs_err::read_to_string(&out) {
        let Ok(Value::Map(m)) = rudder_yaml::from_yaml(&text) else {
            panic!("{} is not a JSON object", out.display());
        };
        return Ok(m
            .entries()
            .into_iter()
            .map(|(k, v)| (k, v.as_str().unwrap_or_default().to_owned()))
            .collect());
    }
    Err(fs_err::read_to_string(dir.with_extension("err")).expect("an .out.json or .err file"))
}

#[test]
fn charts_render_as_helm_does() {
    let root = manifest_dir().join("testdata/charts");
    let mut dirs: Vec<PathBuf> = fs_err::read_dir(&root)
        .expect("testdata/charts is readable")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    let mut failures = Vec::new();
    for dir in &dirs {
        let name = dir.file_name().unwrap_or_default().to_string_lossy();
        match (expected(dir), render(dir)) {
            (Ok(want), Ok(got)) => {
                for (template, text) in &want {
                    match got.get(template) {
                        Some(g) if g == text => {}
                        Some(g) => failures
                            .push(format!("{name}: {template}\n  want {text:?}\n  got  {g:?}")),
                        None => failures.push(format!("{name}: {template} not rendered")),
                    }
                }
                for template in got.keys().filter(|t| !want.contains_key(*t)) {
                    failures.push(format!("{name}: {template} rendered, Helm did not"));
                }
            }
            (Err(want), Err(got)) if want == got => {}
            (want, got) => failures.push(format!("{name}:\n  want {want:?}\n  got  {got:?}")),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// This crate's directory. Cargo sets `CARGO_MANIFEST_DIR` when it runs a test; the value
/// compiled in is only a fallback, because a test binary built in another checkout sharing
/// the target directory would point there.
fn manifest_dir() -> PathBuf {
    std::env::var_os("CARGO_MANIFEST_DIR")
        .map_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")), PathBuf::from)
}
