//! Differential tests against real Helm: every `testdata/oracle/<group>/<case>.tpl` is
//! rendered as `scripts/oracle.py` had Helm render it (chart `oracle`, template
//! `templates/<case>.tpl`, release `rel`, namespace `ns`, values from `<case>.values.yaml` or
//! `testdata/oracle/values.yaml`), and the text or error must equal `<case>.out` or
//! `<case>.err` byte for byte.
//!
//! `ORACLE_FILTER=lang/` (comma-separated substrings of `group/case`) runs only some cases;
//! `ORACLE_VERBOSE=1` prints every difference in full.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};

use rudder_chart::File;
use rudder_engine::{Engine, ReleaseOptions, to_render_values};
use rudder_value::Map;

struct Case {
    group: String,
    name: String,
    template: PathBuf,
}

enum Expected {
    Out(String),
    Err(String),
}

fn oracle_dir() -> PathBuf {
    manifest_dir().join("testdata/oracle")
}

fn cases(root: &Path, filters: &[String]) -> Vec<Case> {
    let mut found = Vec::new();
    let mut groups: Vec<PathBuf> = fs_err::read_dir(root)
        .expect("testdata/oracle is readable")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_dir())
        .collect();
    groups.sort();
    for group_dir in groups {
        let group = file_name(&group_dir);
        let mut templates: Vec<PathBuf> = fs_err::read_dir(&group_dir)
            .expect("group directory is readable")
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "tpl"))
            .collect();
        templates.sort();
        for template in templates {
            let name = template
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            let id = format!("{group}/{name}");
            if !filters.is_empty() && !filters.iter().any(|f| id.contains(f.as_str())) {
                continue;
            }
            found.push(Case {
                group: group.clone(),
                name,
                template,
            });
        }
    }
    found
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn expected(case: &Case) -> Option<Expected> {
    let out = case.template.with_extension("out");
    let err = case.template.with_extension("err");
    if let Ok(text) = fs_err::read_to_string(&out) {
        return Some(Expected::Out(text));
    }
    fs_err::read_to_string(&err).ok().map(Expected::Err)
}

fn values_file(case: &Case) -> PathBuf {
    let own = case.template.with_extension("values.yaml");
    if own.exists() {
        own
    } else {
        oracle_dir().join("values.yaml")
    }
}

/// The chart's `Chart.yaml`, as `scripts/oracle.py` writes it.
const CHART_YAML: &str = "apiVersion: v2\nname: oracle\nversion: 0.1.0\nappVersion: 1.16.0\n";

/// Renders one case as Helm's install action would; `Ok` is the template's text, `Err`
/// Helm's error message.
fn render(case: &Case) -> Result<String, String> {
    let template_file = file_name(&case.template);
    let text = fs_err::read(&case.template).map_err(|e| e.to_string())?;
    let values = fs_err::read(values_file(case)).map_err(|e| e.to_string())?;
    let mut chart = rudder_chart::load_files(vec![
        File::new("Chart.yaml", CHART_YAML.as_bytes()),
        File::new("values.yaml", values),
        File::new(format!("templates/{template_file}"), text),
    ])
    .map_err(|e| rudder_chart::helm_message(&e))?;
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
    let rendered = Engine::default()
        .render(&chart, &top)
        .map_err(|e| e.to_string())?;
    Ok(rendered
        .get(&format!("oracle/templates/{template_file}"))
        .cloned()
        .unwrap_or_default())
}

/// Runs `render` on a thread with a large stack, turning a panic into a failure.
fn render_guarded(case: &Case) -> Result<Result<String, String>, String> {
    std::thread::scope(|scope| {
        std::thread::Builder::new()
            .stack_size(256 << 20)
            .spawn_scoped(scope, || catch_unwind(AssertUnwindSafe(|| render(case))))
            .expect("spawn a render thread")
            .join()
            .unwrap_or_else(Err)
            .map_err(|panic| {
                panic
                    .downcast_ref::<String>()
                    .cloned()
                    .or_else(|| panic.downcast_ref::<&str>().map(|s| (*s).to_owned()))
                    .unwrap_or_else(|| "panic".to_owned())
            })
    })
}

fn first_difference(want: &str, got: &str) -> String {
    let mut lines = String::new();
    let (w, g): (Vec<&str>, Vec<&str>) = (want.split('\n').collect(), got.split('\n').collect());
    for i in 0..w.len().max(g.len()) {
        if w.get(i) != g.get(i) {
            let _ = writeln!(lines, "      line {}:", i + 1);
            let _ = writeln!(
                lines,
                "        want {:?}",
                w.get(i).copied().unwrap_or("<eof>")
            );
            let _ = write!(
                lines,
                "        got  {:?}",
                g.get(i).copied().unwrap_or("<eof>")
            );
            return lines;
        }
    }
    "      (identical lines)".to_owned()
}

fn describe(
    expected: &Expected,
    got: &Result<Result<String, String>, String>,
    verbose: bool,
) -> Option<String> {
    let (kind_want, want) = match expected {
        Expected::Out(t) => ("out", t),
        Expected::Err(t) => ("err", t),
    };
    let (kind_got, got) = match got {
        Ok(Ok(t)) => ("out", t.clone()),
        Ok(Err(t)) => ("err", t.clone()),
        Err(panic) => ("panic", panic.clone()),
    };
    if kind_want == kind_got && *want == got {
        return None;
    }
    let mut text = format!("    want {kind_want}, got {kind_got}\n");
    if verbose {
        let _ = write!(text, "    want: {want:?}\n    got:  {got:?}");
    } else if kind_want == kind_got {
        text.push_str(&first_difference(want, &got));
    } else {
        let short: String = got
            .lines()
            .next()
            .unwrap_or_default()
            .chars()
            .take(200)
            .collect();
        let _ = write!(text, "      {short:?}");
    }
    Some(text)
}

#[test]
#[expect(clippy::print_stderr, reason = "the harness reports its score")]
fn oracle() {
    let filters: Vec<String> = std::env::var("ORACLE_FILTER")
        .unwrap_or_default()
        .split(',')
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect();
    let verbose = std::env::var_os("ORACLE_VERBOSE").is_some();
    // Panics are reported per case below; the default hook would print each one again.
    std::panic::set_hook(Box::new(|_| {}));
    let root = oracle_dir();
    let mut per_group: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let mut failures = Vec::new();
    for case in cases(&root, &filters) {
        let Some(expected) = expected(&case) else {
            continue;
        };
        let got = render_guarded(&case);
        let entry = per_group.entry(case.group.clone()).or_default();
        match describe(&expected, &got, verbose) {
            None => entry.0 += 1,
            Some(diff) => {
                entry.1 += 1;
                failures.push(format!("  {}/{}\n{diff}", case.group, case.name));
            }
        }
    }
    let passed: usize = per_group.values().map(|v| v.0).sum();
    let failed: usize = per_group.values().map(|v| v.1).sum();
    let mut report = String::new();
    for failure in &failures {
        let _ = writeln!(report, "{failure}");
    }
    for (group, (ok, bad)) in &per_group {
        let _ = writeln!(report, "  {group}: {ok} passed, {bad} failed");
    }
    let _ = writeln!(report, "oracle: {passed} passed, {failed} failed");
    eprintln!("{report}");
    assert!(
        failed == 0,
        "oracle: {failed} of {} cases differ",
        passed + failed
    );
}

/// This crate's directory. Cargo sets `CARGO_MANIFEST_DIR` when it runs a test; the value
/// compiled in is only a fallback, because a test binary built in another checkout sharing
/// the target directory would point there.
fn manifest_dir() -> PathBuf {
    std::env::var_os("CARGO_MANIFEST_DIR")
        .map_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")), PathBuf::from)
}
