//! `rudder lint`: every case under `golden/lint/` (`<case>.args`, `.out`, `.err`), written by
//! `crates/rudder-action/testdata/lint/cli_gen.py` from Helm's linter and `pkg/cmd/lint.go`'s
//! printing. The fixture charts are `crates/rudder-action/testdata/lint/cases/`, copied into
//! the sandbox's working directory (and `archives/` and `values/` next to it).

use std::path::Path;

use crate::{context, golden, golden_files, report};

#[test]
fn lint_matches_helm() {
    let ctx = context();
    let testdata = Path::new(env!("CARGO_MANIFEST_DIR")).join("../rudder-action/testdata/lint");
    rudder_test::copy_dir(&testdata.join("cases"), &ctx.work_dir());
    rudder_test::copy_dir(&testdata.join("archives"), &ctx.root().join("archives"));
    rudder_test::copy_dir(&testdata.join("values"), &ctx.root().join("values"));
    let mut failures = Vec::new();
    let mut checked = 0;
    for (file, path) in golden_files("lint") {
        let Some(case) = file.strip_suffix(".args") else {
            continue;
        };
        let args = fs_err::read_to_string(&path).expect("the golden is readable");
        let args: Vec<&str> = args.lines().collect();
        let want_out = fs_err::read_to_string(golden(&format!("lint/{case}.out")))
            .expect("the golden is readable");
        let want_err = fs_err::read_to_string(golden(&format!("lint/{case}.err")))
            .expect("the golden is readable");
        let want_code = i32::from(!want_err.is_empty());
        let out = ctx.run(&args);
        checked += 1;
        if out.stdout != want_out || out.stderr != want_err || out.code != want_code {
            failures.push(format!(
                "lint {case} ({}):\n  exit {} (want {want_code})\n  stdout {:?}\n  want   {want_out:?}\n  stderr {:?}\n  want   {want_err:?}",
                args.join(" "),
                out.code,
                out.stdout,
                out.stderr
            ));
        }
    }
    report(&failures, checked);
}

#[test]
fn lint_needs_a_path() {
    let out = context().run(&["lint"]);
    assert_eq!(out.code, 2);
}
