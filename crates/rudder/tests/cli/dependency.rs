//! `rudder dependency list`: statuses as Helm computes them (`golden/dependency/`), and the
//! table's layout (a reviewed snapshot: the oracle gives statuses, not the table).

use crate::{context, golden_files, report, source_chart};

/// (name, status) of each table row, padding removed.
fn rows(stdout: &str) -> Vec<(String, String)> {
    stdout
        .lines()
        .skip(1)
        .take_while(|l| !l.is_empty())
        .map(|l| {
            let cells: Vec<&str> = l.split('\t').map(str::trim_end).collect();
            (cells[0].to_owned(), cells[cells.len() - 1].to_owned())
        })
        .collect()
}

#[test]
fn statuses_match_helm() {
    let ctx = context();
    let mut failures = Vec::new();
    let mut checked = 0;
    for (file, path) in golden_files("dependency") {
        let source = file
            .strip_suffix(".status")
            .expect("status goldens end in .status");
        let Some(chart) = source_chart(source) else {
            continue;
        };
        checked += 1;
        let want: Vec<(String, String)> = fs_err::read_to_string(&path)
            .unwrap()
            .lines()
            .map(|l| {
                let (n, s) = l.split_once('\t').expect("NAME<TAB>STATUS");
                (n.to_owned(), s.to_owned())
            })
            .collect();
        let out = ctx.run(&["dependency", "list", &chart.display().to_string()]);
        let ok = if want.is_empty() {
            out.stdout.starts_with("WARNING: no dependencies at ")
        } else {
            rows(&out.stdout) == want
        };
        if out.code != 0 || !ok {
            failures.push(format!("{source}: {out:?}, want {want:?}"));
        }
    }
    report(&failures, checked);
}

/// Tabs as `<TAB>` and line ends as `$`, so the padding shows in snapshots.
fn visible(s: &str) -> String {
    s.replace('\t', "<TAB>").replace('\n', "$\n")
}

#[test]
fn table_layout() {
    let ctx = context();
    ctx.copy_chart(&rudder_test::fixture("deps"), "deps");
    ctx.copy_chart(&rudder_test::fixture("showcase"), "showcase");
    let out = ctx.run(&["dep", "ls", "./deps/"]);
    assert_eq!(out.code, 0);
    insta::assert_snapshot!(visible(&out.stdout), @r#"
    NAME  <TAB>VERSION<TAB>REPOSITORY                                                                  <TAB>STATUS       $
    sub   <TAB>~0.1.0 <TAB>file://../sub                                                               <TAB>unpacked     $
    sub   <TAB>0.1.0  <TAB>file://../sub                                                               <TAB>wrong version$
    remote<TAB>1.x    <TAB>https://charts.example.com/a-repository-with-a-rather-long-url-for-the-table<TAB>missing      $
    old   <TAB>2.0.0  <TAB>oci://registry.example.com/charts                                           <TAB>wrong version$
    $
    WARNING: "deps/charts/extra" is not in Chart.yaml.$
    "#);
    let narrow = ctx.run(&["dependencies", "list", "deps", "--max-col-width", "8"]);
    insta::assert_snapshot!(visible(&narrow.stdout), @r#"
    NAME  <TAB>VERSION<TAB>REPOS...<TAB>STATUS  $
    sub   <TAB>~0.1.0 <TAB>file:...<TAB>unpacked$
    sub   <TAB>0.1.0  <TAB>file:...<TAB>wrong...$
    remote<TAB>1.x    <TAB>https...<TAB>missing $
    old   <TAB>2.0.0  <TAB>oci:/...<TAB>wrong...$
    $
    WARNING: "deps/charts/extra" is not in Chart.yaml.$
    "#);
    let none = ctx.run(&["dependency", "list", "showcase"]);
    insta::assert_snapshot!(none.stdout, @"WARNING: no dependencies at showcase/charts");
}
