//! `rudder template`: full stdout against real Helm's for conformance cases, and a few flag
//! combinations on a fixture chart as reviewed snapshots.

use crate::{context, report};

/// Conformance cases whose whole `helm template` stdout is compared here (the full corpus
/// runs through `../shared/conformance/run`).
const CASES: [&str; 3] = [
    "hello-world--default",
    "hello-world--set-features",
    "descheduler--default",
];

/// The `- "..."` items of a top-level list in a conformance `case.yaml`.
fn case_list(case_yaml: &str, key: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut inside = false;
    for line in case_yaml.lines() {
        if let Some(rest) = line.strip_prefix(&format!("{key}:")) {
            inside = rest.trim().is_empty();
            continue;
        }
        if inside {
            match line.trim_start().strip_prefix("- ") {
                Some(item) if line.starts_with(' ') => {
                    out.push(item.trim().trim_matches('"').to_owned());
                }
                _ => inside = false,
            }
        }
    }
    out
}

#[test]
fn conformance_cases_match_helm() {
    let Some(dir) = rudder_test::conformance_dir() else {
        assert!(
            std::env::var_os("CI").is_none_or(|v| v != "true"),
            "the conformance corpus (../shared/conformance) is missing"
        );
        return;
    };
    let ctx = context();
    let mut failures = Vec::new();
    for case in CASES {
        let case_dir = dir.join("cases").join(case);
        let yaml = fs_err::read_to_string(case_dir.join("case.yaml")).unwrap();
        let chart = yaml
            .lines()
            .find_map(|l| l.strip_prefix("chart:"))
            .map(|c| c.trim().trim_matches('"').to_owned())
            .expect("a case names its chart");
        let chart = dir.join("charts").join(chart).display().to_string();
        let values: Vec<String> = case_list(&yaml, "values")
            .iter()
            .map(|v| case_dir.join(v).display().to_string())
            .collect();
        let sets = case_list(&yaml, "set");
        let mut args = vec!["template", "rel", chart.as_str(), "-n", "ns"];
        for v in &values {
            args.extend(["-f", v.as_str()]);
        }
        for s in &sets {
            args.extend(["--set", s.as_str()]);
        }
        let want = fs_err::read_to_string(case_dir.join("expected-template.yaml")).unwrap();
        let out = ctx.run(&args);
        if out.code != 0 || out.stdout != want {
            failures.push(format!(
                "{case}: exit {}, stderr {:?}",
                out.code, out.stderr
            ));
        }
    }
    report(&failures, CASES.len());
}

#[test]
fn flag_combinations() {
    let ctx = context();
    let chart = rudder_test::fixture("showcase").display().to_string();
    let run = |extra: &[&str]| {
        let mut args = vec!["template", "rel", chart.as_str(), "-n", "ns"];
        args.extend(extra);
        let out = ctx.run(&args);
        format!("exit {}\n{}{}", out.code, out.stdout, out.stderr)
    };
    insta::assert_snapshot!(run(&[]), @r#"
    exit 0
    ---
    # Source: showcase/templates/configmap.yaml
    apiVersion: v1
    kind: ConfigMap
    metadata:
      name: rel-showcase
    data:
      replicas: "1"
    level=WARN msg="this chart is deprecated"
    "#);
    // --show-only prints each manifest followed by an empty line, as Helm does. The fixture is
    // deprecated, so Helm 4 logs a warning on stderr.
    insta::assert_snapshot!(run(&["--set", "replicaCount=3", "-s", "templates/configmap.yaml"]), @r#"
    exit 0
    ---
    # Source: showcase/templates/configmap.yaml
    apiVersion: v1
    kind: ConfigMap
    metadata:
      name: rel-showcase
    data:
      replicas: "3"

    level=WARN msg="this chart is deprecated"
    "#);
    // A CRD file that starts with `---` keeps it after Helm's own separator.
    insta::assert_snapshot!(run(&["--include-crds"]), @r#"
    exit 0
    ---
    # Source: showcase/crds/gadgets.yml
    ---
    apiVersion: apiextensions.k8s.io/v1
    kind: CustomResourceDefinition
    metadata:
      name: gadgets.example.com

    ---
    # Source: showcase/crds/widgets.yaml
    apiVersion: apiextensions.k8s.io/v1
    kind: CustomResourceDefinition
    metadata:
      name: widgets.example.com

    ---
    # Source: showcase/templates/configmap.yaml
    apiVersion: v1
    kind: ConfigMap
    metadata:
      name: rel-showcase
    data:
      replicas: "1"
    level=WARN msg="this chart is deprecated"
    "#);
    insta::assert_snapshot!(run(&["-s", "templates/nope.yaml"]), @r#"
    exit 1
    level=WARN msg="this chart is deprecated"
    Error: could not find template templates/nope.yaml in chart
    "#);
}
