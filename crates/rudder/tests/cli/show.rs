//! `rudder show`: every golden under `golden/show/` (Helm's output for the fixture charts and
//! the conformance charts).

use crate::{context, golden_files, report, source_chart};

#[test]
fn show_matches_helm() {
    let ctx = context();
    let mut failures = Vec::new();
    let mut checked = 0;
    for (source, dir) in golden_files("show") {
        let Some(chart) = source_chart(&source) else {
            continue;
        };
        for (file, path) in golden_files(&format!("show/{source}")) {
            let format = file.strip_suffix(".out").expect("show goldens end in .out");
            let want = fs_err::read_to_string(&path).expect("the golden is readable");
            let out = ctx.run(&["show", format, &chart.display().to_string()]);
            checked += 1;
            if out.code != 0 || out.stdout != want {
                failures.push(format!(
                    "show {format} {source} ({}): exit {}, stderr {:?}",
                    dir.display(),
                    out.code,
                    out.stderr
                ));
            }
        }
    }
    report(&failures, checked);
}

#[test]
fn inspect_is_an_alias_of_show() {
    let ctx = context();
    let chart = rudder_test::fixture("bare").display().to_string();
    assert_eq!(
        ctx.run(&["inspect", "chart", &chart]),
        ctx.run(&["show", "chart", &chart])
    );
}

#[test]
fn show_reports_a_missing_path() {
    let out = context().run(&["show", "chart", "./nope"]);
    assert_eq!(out.code, 1);
    insta::assert_snapshot!(out.stderr, @r#"Error: path "./nope" not found"#);
}

#[test]
fn show_values_jsonpath() {
    // Reviewed snapshot: the oracle's `show` has no --jsonpath. Helm prints no newline after
    // the template, maps and lists as JSON, and nothing at all when a key is missing.
    let ctx = context();
    let chart = rudder_test::fixture("showcase").display().to_string();
    let run = |t: &str| {
        let out = ctx.run(&["show", "values", &chart, "--jsonpath", t]);
        format!("{} [{}]{}", out.code, out.stdout, out.stderr)
    };
    let all = [
        "{.image.repository}",
        "{.list[*]}",
        "{.image}",
        "tag={['image']['tag']}|{.list[-1]}",
        "x{.nope}y",
        "{.a",
    ]
    .map(run)
    .join("\n");
    insta::assert_snapshot!(all, @r#"
    0 [nginx]
    0 [a b]
    0 [{"repository":"nginx","tag":""}]
    0 [tag=|b]
    0 []
    1 []Error: error parsing jsonpath {.a: unclosed action
    "#);
}
