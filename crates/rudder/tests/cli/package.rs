//! `rudder package`: archives with the entries, headers and contents of Helm's
//! (`golden/package/`), the files' modification times, and the same bytes on every run.

use crate::{context, golden, golden_files, report};

#[test]
fn package_matches_helm() {
    let mut failures = Vec::new();
    let mut checked = 0;
    for (file, path) in golden_files("package") {
        let Some(case) = file.strip_suffix(".args") else {
            continue;
        };
        checked += 1;
        let args = fs_err::read_to_string(&path).expect("the args are readable");
        let mut args: Vec<&str> = args.lines().collect();
        let fixture = args.remove(0);
        let ctx = context();
        let chart = ctx.copy_chart(&rudder_test::fixture(fixture), fixture);
        let mut cmd = vec!["package", fixture, "-d", "out"];
        cmd.extend(&args);
        let out = ctx.run(&cmd);
        let err = golden(&format!("package/{case}.err"));
        if err.exists() {
            let want = format!("Error: {}\n", fs_err::read_to_string(&err).unwrap());
            if out.code != 1 || out.stderr != want {
                failures.push(format!("{case}: {out:?}, want {want:?}"));
            }
            continue;
        }
        let Some(name) = out
            .stdout
            .strip_prefix("Successfully packaged chart and saved it to: ")
            .and_then(|s| s.strip_suffix('\n'))
        else {
            failures.push(format!("{case}: {out:?}"));
            continue;
        };
        let tgz = fs_err::read(ctx.work_dir().join(name)).expect("the archive was written");
        let want = fs_err::read_to_string(golden(&format!("package/{case}.listing"))).unwrap();
        if rudder_test::archive_listing(&tgz) != want {
            failures.push(format!("{case}: the archive differs from Helm's"));
        }
        // Helm stamps each entry with its file's time; Chart.lock gets its `generated` time.
        for (entry, mtime) in rudder_test::archive_mtimes(&tgz) {
            let rel = entry.split_once('/').map_or("", |(_, r)| r);
            let source = chart.join(rel);
            if rel == "Chart.lock" || !source.is_file() {
                continue;
            }
            let t = fs_err::metadata(&source).unwrap().modified().unwrap();
            let d = t.duration_since(std::time::UNIX_EPOCH).unwrap();
            let want = d.as_secs() + u64::from(d.subsec_nanos() >= 500_000_000);
            if mtime != want {
                failures.push(format!("{case}: {entry} has mtime {mtime}, want {want}"));
            }
        }
    }
    report(&failures, checked);
}

#[test]
fn package_is_deterministic_and_prints_the_absolute_path_by_default() {
    let ctx = context();
    ctx.copy_chart(&rudder_test::fixture("umbrella"), "umbrella");
    let first = ctx.run(&["package", "umbrella"]);
    insta::assert_snapshot!(first.stdout, @"Successfully packaged chart and saved it to: [TEMP]/work/umbrella-0.3.0.tgz");
    let a = fs_err::read(ctx.work_dir().join("umbrella-0.3.0.tgz")).unwrap();
    let second = ctx.run(&["package", "umbrella", "--destination", "./again/"]);
    insta::assert_snapshot!(second.stdout, @"Successfully packaged chart and saved it to: again/umbrella-0.3.0.tgz");
    let b = fs_err::read(ctx.work_dir().join("again/umbrella-0.3.0.tgz")).unwrap();
    assert_eq!(a, b);
}

#[test]
fn package_errors() {
    let ctx = context();
    let none = ctx.run(&["package"]);
    let missing = ctx.run(&["package", "nope"]);
    ctx.copy_chart(&rudder_test::fixture("bare"), "bare");
    // `-u` runs a dependency update first: a repository alias nobody added fails the package.
    let chart_yaml = ctx.work_dir().join("bare/Chart.yaml");
    let yaml = fs_err::read_to_string(&chart_yaml).unwrap();
    fs_err::write(
        &chart_yaml,
        format!("{yaml}dependencies:\n- name: dep\n  version: 1.0.0\n  repository: \"@missing\"\n"),
    )
    .unwrap();
    let update = ctx.run(&["package", "-u", "bare"]);
    assert!(!ctx.work_dir().join("bare-0.0.1.tgz").exists());
    insta::assert_snapshot!(
        crate::transcript(&[none, missing, update]),
        @r"
    1 Error: need at least one argument, the path to the chart
    1 Error: stat nope: no such file or directory
    1 Error: no repository definition for @missing. Please add them via 'helm repo add'
    "
    );
}
