//! `rudder install` and `rudder upgrade` compared with Helm's own goldens for these commands
//! (`golden/release/output/`, which Helm's test suite checks real Helm's output against;
//! copied with the charts they use by `scripts/helm_release_goldens.sh`). As in Helm's tests,
//! releases live in the memory driver (`HELM_DRIVER=memory`, preloaded from
//! `HELM_MEMORY_DRIVER_DATA`, which also selects the in-memory cluster) and the clock shows
//! Helm's test time.

use std::fmt::Write as _;

use rudder_test::TestContext;

use crate::{context, golden, report};

/// Helm's test clock (`pkg/cmd/helpers_test.go`).
const HELM_TEST_TIME: &str = "1977-09-02T22:04:05Z";

/// A release preloaded before the command: name, revision, status.
type Preloaded = (&'static str, i64, &'static str);

struct Case {
    args: &'static [&'static str],
    golden: &'static str,
    releases: &'static [Preloaded],
}

const CASES: &[Case] = &[
    Case {
        args: &[
            "install",
            "aeneas",
            "testdata/testcharts/empty",
            "--namespace",
            "default",
        ],
        golden: "install",
        releases: &[],
    },
    Case {
        args: &[
            "install",
            "virgil",
            "testdata/testcharts/alpine",
            "--set",
            "test.Name=bar",
        ],
        golden: "install-with-values",
        releases: &[],
    },
    Case {
        args: &[
            "install",
            "virgil",
            "testdata/testcharts/alpine",
            "--set",
            "test.Color=yellow",
            "--set",
            "test.Name=banana",
        ],
        golden: "install-with-multiple-values",
        releases: &[],
    },
    Case {
        args: &[
            "install",
            "virgil",
            "testdata/testcharts/alpine",
            "-f",
            "testdata/testcharts/alpine/extra_values.yaml",
        ],
        golden: "install-with-values-file",
        releases: &[],
    },
    Case {
        args: &[
            "install",
            "aeneas",
            "testdata/testcharts/alpine",
            "--no-hooks",
            "--set",
            "test.Name=hello",
        ],
        golden: "install-no-hooks",
        releases: &[],
    },
    Case {
        args: &[
            "install",
            "virgil",
            "testdata/testcharts/alpine",
            "-f",
            "testdata/testcharts/alpine/extra_values.yaml",
            "-f",
            "testdata/testcharts/alpine/more_values.yaml",
        ],
        golden: "install-with-multiple-values-files",
        releases: &[],
    },
    Case {
        args: &["install"],
        golden: "install-no-args",
        releases: &[],
    },
    Case {
        args: &[
            "install",
            "foobar",
            "testdata/testcharts/empty",
            "--timeout",
            "120s",
        ],
        golden: "install-with-timeout",
        releases: &[],
    },
    Case {
        args: &["install", "apollo", "testdata/testcharts/empty", "--wait"],
        golden: "install-with-wait",
        releases: &[],
    },
    Case {
        args: &[
            "install",
            "apollo",
            "testdata/testcharts/empty",
            "--wait",
            "--wait-for-jobs",
        ],
        golden: "install-with-wait-for-jobs",
        releases: &[],
    },
    Case {
        args: &[
            "install",
            "testdata/testcharts/empty",
            "--name-template",
            "{{ \"foobar\"}}",
        ],
        golden: "install-name-template",
        releases: &[],
    },
    Case {
        args: &[
            "install",
            "secrets",
            "testdata/testcharts/chart-with-secret",
            "--dry-run",
        ],
        golden: "install-dry-run-with-secret",
        releases: &[],
    },
    Case {
        args: &[
            "install",
            "secrets",
            "testdata/testcharts/chart-with-secret",
            "--dry-run",
            "--hide-secret",
        ],
        golden: "install-dry-run-with-secret-hidden",
        releases: &[],
    },
    Case {
        args: &[
            "install",
            "secrets",
            "testdata/testcharts/chart-with-secret",
            "--hide-secret",
        ],
        golden: "install-hide-secret",
        releases: &[],
    },
    Case {
        args: &["upgrade", "funny-bunny", "testUpgradeChart"],
        golden: "upgrade",
        releases: &[("funny-bunny", 2, "deployed")],
    },
    Case {
        args: &[
            "upgrade",
            "funny-bunny",
            "--timeout",
            "120s",
            "testUpgradeChart",
        ],
        golden: "upgrade-with-timeout",
        releases: &[("funny-bunny", 3, "deployed")],
    },
    Case {
        args: &[
            "upgrade",
            "funny-bunny",
            "--reset-values",
            "testUpgradeChart",
        ],
        golden: "upgrade-with-reset-values",
        releases: &[("funny-bunny", 4, "deployed")],
    },
    Case {
        args: &[
            "upgrade",
            "funny-bunny",
            "--reuse-values",
            "testUpgradeChart",
        ],
        golden: "upgrade-with-reset-values2",
        releases: &[("funny-bunny", 5, "deployed")],
    },
    Case {
        args: &[
            "upgrade",
            "funny-bunny",
            "testUpgradeChart",
            "--take-ownership",
        ],
        golden: "upgrade-and-take-ownership",
        releases: &[("funny-bunny", 2, "deployed")],
    },
    Case {
        args: &["upgrade", "zany-bunny", "-i", "testUpgradeChart"],
        golden: "upgrade-with-install",
        releases: &[("zany-bunny", 1, "deployed")],
    },
    Case {
        args: &[
            "upgrade",
            "crazy-bunny",
            "-i",
            "--timeout",
            "120s",
            "testUpgradeChart",
        ],
        golden: "upgrade-with-install-timeout",
        releases: &[("crazy-bunny", 1, "deployed")],
    },
    Case {
        args: &["upgrade", "crazy-bunny", "--wait", "testUpgradeChart"],
        golden: "upgrade-with-wait",
        releases: &[("crazy-bunny", 2, "deployed")],
    },
    Case {
        args: &[
            "upgrade",
            "crazy-bunny",
            "--wait",
            "--wait-for-jobs",
            "testUpgradeChart",
        ],
        golden: "upgrade-with-wait-for-jobs",
        releases: &[("crazy-bunny", 2, "deployed")],
    },
    Case {
        args: &["upgrade", "funny-bunny", "testUpgradeChart"],
        golden: "upgrade-with-bad-or-missing-existing-release",
        releases: &[],
    },
    // Helm's "upgrade a failed release" case shares upgrade.txt.
    Case {
        args: &["upgrade", "funny-bunny", "testUpgradeChart"],
        golden: "upgrade",
        releases: &[("funny-bunny", 2, "failed")],
    },
    Case {
        args: &["upgrade", "funny-bunny", "testUpgradeChart"],
        golden: "upgrade-with-pending-install",
        releases: &[("funny-bunny", 2, "pending-install")],
    },
];

/// Helm's `release.Mock` as the memory driver's preload format (a YAML list of releases).
fn mock_releases(releases: &[Preloaded]) -> String {
    let mut out = String::new();
    for (name, version, status) in releases {
        let _ = write!(
            out,
            "- name: {name}\n  namespace: default\n  version: {version}\n  info:\n    first_deployed: \"1977-09-02T22:04:05Z\"\n    last_deployed: \"1977-09-02T22:04:05Z\"\n    status: {status}\n    description: Release mock\n  chart:\n    metadata:\n      apiVersion: v1\n      name: testUpgradeChart\n      description: A Helm chart for Kubernetes\n      version: 0.1.0\n  config:\n    name: value\n  manifest: |\n    apiVersion: v1\n    kind: Secret\n    metadata:\n      name: fixture\n"
        );
    }
    out
}

/// A sandbox with Helm's test charts under `testdata/testcharts`, the chart Helm's upgrade
/// tests write (`testUpgradeChart`), the preloaded releases and Helm's test clock.
pub fn release_sandbox(releases: &[Preloaded]) -> TestContext {
    let mut ctx = context();
    let work = ctx.work_dir();
    rudder_test::copy_dir(
        &golden("release/testcharts"),
        &work.join("testdata/testcharts"),
    );
    let upgrade_chart = work.join("testUpgradeChart");
    fs_err::create_dir_all(&upgrade_chart).unwrap();
    fs_err::write(
        upgrade_chart.join("Chart.yaml"),
        "apiVersion: v1\ndescription: A Helm chart for Kubernetes\nname: testUpgradeChart\nversion: 0.1.0\n",
    )
    .unwrap();
    let data = ctx.root().join("releases.yaml");
    fs_err::write(&data, mock_releases(releases)).unwrap();
    ctx.env("HELM_DRIVER", "memory")
        .env("HELM_MEMORY_DRIVER_DATA", &data.to_string_lossy())
        .env("RUDDER_TEST_TIME", HELM_TEST_TIME);
    ctx
}

/// Helm's golden with the program's name as Rudder's.
fn expected(golden_name: &str) -> String {
    let text = fs_err::read_to_string(golden(&format!("release/output/{golden_name}.txt")))
        .expect("the golden exists (scripts/helm_release_goldens.sh)");
    text.replace("\"helm ", "\"rudder ")
        .replace("Usage:  helm ", "Usage:  rudder ")
}

#[test]
fn install_and_upgrade_match_helm() {
    let mut failures = Vec::new();
    for case in CASES {
        let ctx = release_sandbox(case.releases);
        let out = ctx.run(case.args);
        // Helm's tests capture stdout and the error, not the log lines on stderr.
        let errors: String = out
            .stderr
            .split_inclusive('\n')
            .filter(|l| !l.starts_with("level="))
            .collect();
        let got = format!("{}{errors}", out.stdout);
        let want = expected(case.golden);
        let wants_error = want.starts_with("Error: ");
        if got != want || (out.code != 0) != wants_error {
            failures.push(format!(
                "rudder {} (golden {}, exit {}):\n--- want\n{want}--- got\n{got}",
                case.args.join(" "),
                case.golden,
                out.code
            ));
        }
    }
    report(&failures, CASES.len());
}

/// A chart with NOTES, a hook and values, in the sandbox's work directory.
fn notes_chart(ctx: &TestContext) {
    let dir = ctx.work_dir().join("notes");
    fs_err::create_dir_all(dir.join("templates")).unwrap();
    for (path, text) in [
        (
            "Chart.yaml",
            "apiVersion: v2\nname: notes\nversion: 1.2.3\nappVersion: \"4.5\"\n",
        ),
        ("values.yaml", "greeting: hello\n"),
        (
            "templates/cm.yaml",
            "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-cm\ndata:\n  greeting: {{ .Values.greeting | quote }}\n",
        ),
        (
            "templates/hook.yaml",
            "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-hook\n  annotations:\n    helm.sh/hook: pre-install,pre-upgrade\n",
        ),
        (
            "templates/NOTES.txt",
            "\n  {{ .Release.Name }} says {{ .Values.greeting }} (revision {{ .Release.Revision }})\n\n",
        ),
    ] {
        fs_err::write(dir.join(path), text).unwrap();
    }
}

/// Output formats, NOTES, dry runs and `--debug` of install (Rudder's own output, reviewed
/// against Helm's printer in pkg/cmd/status.go).
#[test]
fn install_output() {
    let ctx = release_sandbox(&[]);
    notes_chart(&ctx);
    let runs = [
        ctx.run(&["install", "web", "notes", "--set", "greeting=hi"]),
        ctx.run(&[
            "install",
            "web",
            "notes",
            "--hide-notes",
            "--description",
            "mine",
        ]),
        ctx.run(&["install", "web", "notes", "-o", "json"]),
        ctx.run(&["install", "web", "notes", "-o", "yaml", "-l", "team=blue"]),
        ctx.run(&["install", "web", "notes", "--dry-run=client"]),
        ctx.run(&["install", "web", "notes", "--debug", "--dry-run=server"]),
    ];
    insta::assert_snapshot!("install_output", crate::transcript(&runs));
}

/// Install's argument and flag errors, worded as Helm's.
#[test]
fn install_errors() {
    let ctx = release_sandbox(&[("taken", 1, "deployed")]);
    notes_chart(&ctx);
    let runs = [
        ctx.run(&["install", "notes"]),
        ctx.run(&["install", "a", "notes", "--generate-name"]),
        ctx.run(&["install", "a", "b", "c"]),
        ctx.run(&["install", "taken", "notes"]),
        ctx.run(&["install", "Bad_Name", "notes"]),
        ctx.run(&["install", "a", "notes", "--wait=forever"]),
        ctx.run(&["install", "a", "notes", "-o", "xml"]),
        ctx.run(&["install", "a", "notes", "--server-side=maybe"]),
        ctx.run(&["install", "a", "notes", "--dry-run=later"]),
        ctx.run(&[
            "install",
            "a",
            "notes",
            "--force-replace",
            "--force-conflicts",
        ]),
        ctx.run(&["install", "a", "notes", "-l", "owner=me"]),
        ctx.run(&["install", "a", "notes", "--timeout", "soon"]),
    ];
    insta::assert_snapshot!("install_errors", crate::transcript(&runs));
}

/// Upgrade's own lines: `--install` of a missing release, the upgraded banner with NOTES,
/// `-o json`, `--recover` of a pending revision, and the errors.
#[test]
fn upgrade_output() {
    let ctx = release_sandbox(&[("stuck", 2, "pending-upgrade"), ("web", 1, "deployed")]);
    notes_chart(&ctx);
    let bad = ctx.work_dir().join("badhook/templates");
    fs_err::create_dir_all(&bad).unwrap();
    fs_err::write(
        bad.parent().unwrap().join("Chart.yaml"),
        "apiVersion: v2\nname: badhook\nversion: 0.1.0\n",
    )
    .unwrap();
    fs_err::write(
        bad.join("hook.yaml"),
        "apiVersion: example.com/v1\nkind: Nowhere\nmetadata:\n  name: lost\n  annotations:\n    helm.sh/hook: pre-upgrade\n",
    )
    .unwrap();
    let runs = [
        ctx.run(&["upgrade", "fresh", "notes", "--install"]),
        ctx.run(&["upgrade", "web", "notes", "--set", "greeting=again"]),
        ctx.run(&[
            "upgrade",
            "web",
            "notes",
            "-o",
            "json",
            "--description",
            "by hand",
        ]),
        ctx.run(&["upgrade", "stuck", "notes"]),
        ctx.run(&["upgrade", "stuck", "notes", "--recover"]),
        ctx.run(&["upgrade", "web"]),
        ctx.run(&["upgrade", "web", "notes", "--server-side=perhaps"]),
        ctx.run(&["upgrade", "web", "notes", "--dry-run", "--hide-notes"]),
        ctx.run(&["upgrade", "web", "badhook"]),
    ];
    insta::assert_snapshot!("upgrade_output", crate::transcript(&runs));
}

/// The commands end to end on the cluster `KUBECONFIG` names: settings, the Secret driver,
/// server-side apply, `--create-namespace`, `--wait`, the records Helm reads.
#[test]
#[expect(clippy::print_stderr, reason = "a skipped cluster test says so")]
fn install_and_upgrade_on_real_cluster() {
    use rudder_kube::{Cluster, KubeClient, KubeOptions, ObjectRef, Propagation};

    let Some(kubeconfig) = std::env::var_os("KUBECONFIG") else {
        eprintln!(
            "install_and_upgrade_on_real_cluster: not run, KUBECONFIG is not set (tests/cluster/cluster up)"
        );
        return;
    };
    let kubeconfig = kubeconfig.to_string_lossy().into_owned();
    let ns = format!("rc-cli-install-{}", std::process::id());
    let mut ctx = context();
    ctx.env("KUBECONFIG", &kubeconfig)
        .env("RUDDER_TEST_TIME", HELM_TEST_TIME);
    notes_chart(&ctx);
    let runs = [
        ctx.run(&[
            "install",
            "web",
            "notes",
            "-n",
            &ns,
            "--create-namespace",
            "--wait",
            "--timeout",
            "60s",
        ]),
        ctx.run(&["install", "web", "notes", "-n", &ns]),
        ctx.run(&["upgrade", "web", "notes", "-n", &ns, "--set", "greeting=hi"]),
        ctx.run(&[
            "upgrade",
            "web",
            "notes",
            "-n",
            &ns,
            "--reuse-values",
            "--server-side=false",
        ]),
    ];
    let text = crate::transcript(&runs).replace(&ns, "[NS]");
    let cluster = Cluster::connect(&KubeOptions {
        kubeconfig: KubeOptions::split_paths(&kubeconfig),
        ..KubeOptions::default()
    })
    .unwrap();
    let records: Vec<String> = cluster
        .list("v1", "Secret", Some(&ns), "owner=helm")
        .unwrap()
        .iter()
        .map(|s| {
            format!(
                "{} {}",
                s["metadata"]["name"].as_str().unwrap_or_default(),
                s["metadata"]["labels"]["status"]
                    .as_str()
                    .unwrap_or_default()
            )
        })
        .collect();
    let cm = cluster
        .get(&ObjectRef::new("v1", "ConfigMap", Some(&ns), "web-cm"))
        .unwrap()
        .unwrap();
    cluster
        .delete(
            &ObjectRef::new("v1", "Namespace", None, &ns),
            Propagation::Background,
        )
        .unwrap();
    insta::assert_snapshot!(text, @r#"
0 NAME: web
LAST DEPLOYED: Fri Sep  2 22:04:05 1977
NAMESPACE: [NS]
STATUS: deployed
REVISION: 1
DESCRIPTION: Install complete
TEST SUITE: None
NOTES:
web says hello (revision 1)
1 Error: INSTALLATION FAILED: release name check failed: cannot reuse a name that is still in use
0 Release "web" has been upgraded. Happy Helming!
NAME: web
LAST DEPLOYED: Fri Sep  2 22:04:05 1977
NAMESPACE: [NS]
STATUS: deployed
REVISION: 2
DESCRIPTION: Upgrade complete
TEST SUITE: None
NOTES:
web says hi (revision 2)
0 Release "web" has been upgraded. Happy Helming!
NAME: web
LAST DEPLOYED: Fri Sep  2 22:04:05 1977
NAMESPACE: [NS]
STATUS: deployed
REVISION: 3
DESCRIPTION: Upgrade complete
TEST SUITE: None
NOTES:
web says hi (revision 3)
    "#);
    assert_eq!(
        records,
        [
            "sh.helm.release.v1.web.v1 superseded",
            "sh.helm.release.v1.web.v2 superseded",
            "sh.helm.release.v1.web.v3 deployed"
        ]
    );
    assert_eq!(cm["data"]["greeting"], "hi");
}
