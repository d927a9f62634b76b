//! `rudder create`: the tree it writes equals the tree `helm create` wrote (`golden/create/`).

use std::path::Path;

use crate::{context, golden};

/// The listing `scripts/cli_goldens.py` writes for a tree.
fn listing(dir: &Path) -> String {
    let mut out = Vec::new();
    for (path, data) in rudder_test::tree(dir) {
        out.extend_from_slice(format!("== {path}\n").as_bytes());
        if !path.ends_with('/') {
            out.extend_from_slice(&data);
            out.push(b'\n');
        }
    }
    String::from_utf8(out).expect("the scaffold is text")
}

fn want(case: &str) -> String {
    fs_err::read_to_string(golden(&format!("create/{case}.tree"))).expect("the golden exists")
}

#[test]
fn create_writes_helms_scaffold() {
    let ctx = context();
    let out = ctx.run(&["create", "mychart"]);
    assert_eq!(
        (out.code, out.stdout.as_str(), out.stderr.as_str()),
        (0, "Creating mychart\n", "")
    );
    assert_eq!(listing(&ctx.work_dir().join("mychart")), want("scaffold"));
}

#[test]
fn create_overwrites_with_a_warning_per_file() {
    let ctx = context();
    fs_err::create_dir_all(ctx.work_dir().join("sub/mychart/templates")).unwrap();
    fs_err::write(ctx.work_dir().join("sub/mychart/values.yaml"), "old").unwrap();
    fs_err::write(
        ctx.work_dir().join("sub/mychart/templates/NOTES.txt"),
        "old",
    )
    .unwrap();
    let out = ctx.run(&["create", "sub/mychart"]);
    assert_eq!(out.code, 0);
    insta::assert_snapshot!(out.stdout, @r#"
    Creating sub/mychart
    WARNING: File "[TEMP]/work/sub/mychart/values.yaml" already exists. Overwriting.
    WARNING: File "[TEMP]/work/sub/mychart/templates/NOTES.txt" already exists. Overwriting.
    "#);
    assert_eq!(
        listing(&ctx.work_dir().join("sub/mychart")),
        want("scaffold")
    );
}

#[test]
fn create_from_a_starter_path() {
    let ctx = context();
    let starter = rudder_test::fixture("starter").display().to_string();
    let out = ctx.run(&["create", "mychart", "--starter", &starter]);
    assert_eq!((out.code, out.stderr.as_str()), (0, ""));
    let chart = ctx.work_dir().join("mychart");
    let chart_yaml = fs_err::read_to_string(chart.join("Chart.yaml")).unwrap();
    // Helm's CLI gives the new chart this metadata (pkg/cmd/create.go); the SDK oracle does
    // not, so the golden tree leaves Chart.yaml out.
    insta::assert_snapshot!(chart_yaml, @"
    apiVersion: v2
    appVersion: 0.1.0
    description: A Helm chart for Kubernetes
    name: mychart
    type: application
    version: 0.1.0
    ");
    fs_err::remove_file(chart.join("Chart.yaml")).unwrap();
    assert_eq!(listing(&chart), want("starter"));
}

#[test]
fn create_from_a_starter_in_the_data_home() {
    let ctx = context();
    rudder_test::copy_dir(
        &rudder_test::fixture("starter"),
        &ctx.data_home().join("starters/mine"),
    );
    let out = ctx.run(&["create", "mychart", "-p", "mine"]);
    assert_eq!((out.code, out.stderr.as_str()), (0, ""));
    fs_err::remove_file(ctx.work_dir().join("mychart/Chart.yaml")).unwrap();
    assert_eq!(listing(&ctx.work_dir().join("mychart")), want("starter"));
}

#[test]
fn create_errors_as_helm() {
    let ctx = context();
    let bad = ctx.run(&["create", "my chart"]);
    let missing = ctx.run(&["create", "nodir/mychart"]);
    let starter = ctx.run(&["create", "x", "-p", "absent"]);
    fs_err::write(ctx.work_dir().join("file"), "").unwrap();
    let file = ctx.run(&["create", "file"]);
    insta::assert_snapshot!(
        crate::transcript(&[bad, missing, starter, file]),
        @r#"
    1 Creating my chart
    Error: chart name must match the regular expression "^[a-zA-Z0-9._-]+$"
    1 Creating nodir/mychart
    Error: stat [TEMP]/work/nodir: no such file or directory
    1 Creating x
    Error: could not load [TEMP]/data/starters/absent: stat [TEMP]/data/starters/absent: no such file or directory
    1 Creating file
    Error: file [TEMP]/work/file already exists and is not a directory
    "#
    );
}
