//! The engine against the `helm template` conformance corpus (`../shared/conformance/`):
//! each case's chart is loaded, its values merged and its dependencies processed as Helm's
//! install action does, then every rendered template is compared byte for byte with the
//! case's `expected/<chart>/templates/...` file and NOTES.txt with `expected-notes.txt`.
//! Error cases compare the error text with `expected-error.txt`.
//!
//! The test prints a score and fails only when `CONFORMANCE_STRICT` is set and something
//! differs. `CONFORMANCE_FILTER=grafana` (comma-separated substrings) runs some cases;
//! `CONFORMANCE_VERBOSE=1` prints the first differing line of every template. Under
//! `CI=true` a missing corpus fails; elsewhere the test says it is absent.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};

use rudder_engine::{Engine, ReleaseOptions, to_render_values};
use rudder_value::Value;

fn corpus() -> PathBuf {
    manifest_dir().join("../../../shared/conformance")
}

/// What a case asks for (its `case.yaml`).
struct Case {
    id: String,
    dir: PathBuf,
    chart: String,
    values: Vec<String>,
    set: Vec<String>,
    expect_error: bool,
    /// Templates with random output (`volatile` sources of a non-deterministic case).
    volatile: Vec<String>,
}

fn strings(v: Option<&Value>) -> Vec<String> {
    v.and_then(Value::as_list)
        .map(|l| {
            l.iter()
                .filter_map(|x| x.as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

fn read_case(dir: &Path) -> Option<Case> {
    let text = fs_err::read_to_string(dir.join("case.yaml")).ok()?;
    let Ok(Value::Map(m)) = rudder_yaml::from_yaml(&text) else {
        return None;
    };
    Some(Case {
        id: dir.file_name()?.to_string_lossy().into_owned(),
        dir: dir.to_owned(),
        chart: m.get("chart")?.as_str()?.to_owned(),
        values: strings(m.get("values").as_ref()),
        set: strings(m.get("set").as_ref()),
        expect_error: m
            .get("expected")
            .and_then(|v| v.as_str().map(|s| s == "error"))
            == Some(true),
        volatile: m
            .get("volatile")
            .as_ref()
            .and_then(Value::as_list)
            .map(|l| {
                l.iter()
                    .filter_map(|v| v.as_map()?.get("source")?.as_str().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default(),
    })
}

/// Renders a case as `helm template rel charts/<chart> -n ns -f ... --set ...` would, up to
/// the engine's output.
fn render(case: &Case) -> Result<BTreeMap<String, String>, String> {
    let mut chart = rudder_chart::load(corpus().join("charts").join(&case.chart))
        .map_err(|e| rudder_chart::helm_message(&e))?;
    let options = rudder_chart::values::Options {
        value_files: case
            .values
            .iter()
            .map(|v| case.dir.join(v).to_string_lossy().into_owned())
            .collect(),
        set: case.set.clone(),
        ..Default::default()
    };
    let user = options
        .merge_values()
        .map_err(|e| rudder_chart::helm_message(&e))?;
    rudder_chart::process_dependencies(&mut chart, &user)
        .map_err(|e| rudder_chart::helm_message(&e))?;
    let (values, _warnings) =
        rudder_chart::coalesce_values(&chart, &user).map_err(|e| rudder_chart::helm_message(&e))?;
    rudder_chart::validate_against_schema(&chart, &values)
        .map_err(|e| rudder_chart::helm_message(&e))?;
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

fn expected_files(dir: &Path, base: &Path, out: &mut Vec<(String, PathBuf)>) {
    let Ok(entries) = fs_err::read_dir(dir) else {
        return;
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for path in paths {
        if path.is_dir() {
            expected_files(&path, base, out);
        } else if let Ok(rel) = path.strip_prefix(base) {
            out.push((rel.to_string_lossy().replace('\\', "/"), path.clone()));
        }
    }
}

fn first_difference(want: &str, got: &str) -> String {
    let (w, g): (Vec<&str>, Vec<&str>) = (want.split('\n').collect(), got.split('\n').collect());
    for i in 0..w.len().max(g.len()) {
        if w.get(i) != g.get(i) {
            return format!(
                "line {}: want {:?}, got {:?}",
                i + 1,
                w.get(i).copied().unwrap_or("<eof>"),
                g.get(i).copied().unwrap_or("<eof>")
            );
        }
    }
    "identical lines".to_owned()
}

#[derive(Default)]
struct Score {
    cases_ok: usize,
    cases: usize,
    templates_ok: usize,
    templates: usize,
    errors_ok: usize,
    errors: usize,
    volatile: usize,
}

/// Compares one case; returns the lines to report.
fn check(case: &Case, score: &mut Score, verbose: bool) -> Vec<String> {
    let mut report = Vec::new();
    let rendered = std::thread::scope(|scope| {
        std::thread::Builder::new()
            .stack_size(256 << 20)
            .spawn_scoped(scope, || catch_unwind(AssertUnwindSafe(|| render(case))))
            .expect("spawn a render thread")
            .join()
            .unwrap_or_else(Err)
    });
    let rendered = match rendered {
        Ok(r) => r,
        Err(panic) => {
            let msg = panic
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| panic.downcast_ref::<&str>().map(|s| (*s).to_owned()))
                .unwrap_or_default();
            Err(format!("panic: {msg}"))
        }
    };
    if case.expect_error {
        score.errors += 1;
        let want = fs_err::read_to_string(case.dir.join("expected-error.txt")).unwrap_or_default();
        match rendered {
            Ok(_) => report.push("    expected an error, rendered fine".to_owned()),
            Err(e) => {
                let helm = format!("Error: {e}");
                if want.starts_with(&helm)
                    && want[helm.len()..]
                        .trim_start_matches('\n')
                        .trim_start_matches("Use --debug flag to render out invalid YAML")
                        .trim()
                        .is_empty()
                {
                    score.errors_ok += 1;
                } else {
                    report.push(format!(
                        "    error text: {}",
                        first_difference(&want, &helm)
                    ));
                }
            }
        }
        return report;
    }
    score.cases += 1;
    let rendered = match rendered {
        Ok(r) => r,
        Err(e) => {
            let first: String = e
                .lines()
                .next()
                .unwrap_or_default()
                .chars()
                .take(300)
                .collect();
            report.push(format!("    failed: {first}"));
            let mut files = Vec::new();
            expected_files(
                &case.dir.join("expected"),
                &case.dir.join("expected"),
                &mut files,
            );
            score.templates += files.len();
            return report;
        }
    };
    let mut files = Vec::new();
    expected_files(
        &case.dir.join("expected"),
        &case.dir.join("expected"),
        &mut files,
    );
    let mut all_ok = true;
    files.retain(|(name, _)| {
        let random = case.volatile.contains(name);
        score.volatile += usize::from(random);
        !random
    });
    for (name, path) in &files {
        score.templates += 1;
        let want = fs_err::read_to_string(path).unwrap_or_default();
        match rendered.get(name) {
            Some(got) if *got == want => score.templates_ok += 1,
            Some(got) => {
                all_ok = false;
                if verbose {
                    report.push(format!("    {name}: {}", first_difference(&want, got)));
                }
            }
            None => {
                all_ok = false;
                report.push(format!("    {name}: not rendered"));
            }
        }
    }
    // Templates Helm rendered to whitespace only are not in expected/.
    for (name, text) in &rendered {
        let is_notes = name.ends_with("/NOTES.txt");
        if !is_notes
            && !text.trim().is_empty()
            && !case.volatile.contains(name)
            && !files.iter().any(|(n, _)| n == name)
        {
            all_ok = false;
            report.push(format!("    {name}: rendered but not expected"));
        }
    }
    let notes_path = case.dir.join("expected-notes.txt");
    if let Ok(want) = fs_err::read_to_string(&notes_path) {
        score.templates += 1;
        let key = format!("{}/templates/NOTES.txt", case.chart);
        let got = rendered.get(&key).cloned().unwrap_or_default();
        if got == want {
            score.templates_ok += 1;
        } else {
            all_ok = false;
            if verbose {
                report.push(format!("    NOTES.txt: {}", first_difference(&want, &got)));
            }
        }
    }
    if all_ok {
        score.cases_ok += 1;
    } else if !verbose {
        let bad = files
            .iter()
            .filter(|(n, p)| rendered.get(n) != fs_err::read_to_string(p).ok().as_ref())
            .count();
        report.push(format!("    {bad} of {} templates differ", files.len()));
    }
    report
}

#[test]
#[expect(clippy::print_stderr, reason = "the test reports its score")]
fn conformance() {
    let root = corpus();
    if !root.join("cases").is_dir() {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "conformance corpus missing at {}",
            root.display()
        );
        eprintln!("conformance corpus absent at {}; skipped", root.display());
        return;
    }
    let filters: Vec<String> = std::env::var("CONFORMANCE_FILTER")
        .unwrap_or_default()
        .split(',')
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect();
    let verbose = std::env::var_os("CONFORMANCE_VERBOSE").is_some();
    std::panic::set_hook(Box::new(|_| {}));
    let mut dirs: Vec<PathBuf> = fs_err::read_dir(root.join("cases"))
        .expect("cases/ is readable")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    dirs.sort();
    let mut score = Score::default();
    let mut out = String::new();
    for dir in dirs {
        let Some(case) = read_case(&dir) else {
            continue;
        };
        if !filters.is_empty() && !filters.iter().any(|f| case.id.contains(f.as_str())) {
            continue;
        }
        let report = check(&case, &mut score, verbose);
        if !report.is_empty() {
            let _ = writeln!(out, "  {}", case.id);
            for line in report {
                let _ = writeln!(out, "{line}");
            }
        }
    }
    let _ = writeln!(
        out,
        "conformance (engine): {} of {} ok-cases identical, {} of {} templates identical ({} random ones skipped), {} of {} error texts identical",
        score.cases_ok,
        score.cases,
        score.templates_ok,
        score.templates,
        score.volatile,
        score.errors_ok,
        score.errors
    );
    eprintln!("{out}");
    if std::env::var_os("CONFORMANCE_STRICT").is_some() {
        assert!(
            score.cases_ok == score.cases && score.errors_ok == score.errors,
            "conformance differences"
        );
    }
}

/// This crate's directory. Cargo sets `CARGO_MANIFEST_DIR` when it runs a test; the value
/// compiled in is only a fallback, because a test binary built in another checkout sharing
/// the target directory would point there.
fn manifest_dir() -> PathBuf {
    std::env::var_os("CARGO_MANIFEST_DIR")
        .map_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")), PathBuf::from)
}
