//! `list`, `history`, `status` and `get` over releases preloaded into the memory driver
//! (`HELM_MEMORY_DRIVER_DATA`), compared with the output real Helm gave for the same releases
//! in its own command tests. `scripts/release_cmd_goldens.py` writes the fixtures
//! (`testdata/releases/`) and copies Helm's outputs (`golden/release-read/`).

use std::path::PathBuf;

use crate::{context, golden, report};

/// (fixture, arguments, golden)
const CASES: &[(&str, &str, &str)] = &[
    ("list", "list", "list-all.txt"),
    // Helm 3's `-a/--all` (Helm 4 lists every state by default and dropped the flag).
    ("list", "list -a", "list-all.txt"),
    ("list", "list --no-headers", "list-all-no-headers.txt"),
    ("list", "list --date", "list-all-date.txt"),
    ("list", "list --failed", "list-failed.txt"),
    ("list", "list --filter=.*", "list-all.txt"),
    ("list", "list --max 1", "list-all-max.txt"),
    ("list", "list --offset 1", "list-all-offset.txt"),
    ("list", "list --pending", "list-pending.txt"),
    ("list", "list --reverse", "list-all-reverse.txt"),
    (
        "list",
        "list --date --reverse",
        "list-all-date-reversed.txt",
    ),
    ("list", "list --short", "list-all-short.txt"),
    (
        "list",
        "list --short --output yaml",
        "list-all-short-yaml.txt",
    ),
    (
        "list",
        "list --short --output json",
        "list-all-short-json.txt",
    ),
    ("list", "list --deployed --failed", "list.txt"),
    ("list", "list --superseded", "list-superseded.txt"),
    ("list", "list --uninstalled", "list-uninstalled.txt"),
    ("list", "list --uninstalling", "list-uninstalling.txt"),
    ("list-milano", "list -n milano", "list-namespace.txt"),
    ("angry-bird-4", "history angry-bird", "history.txt"),
    (
        "angry-bird-2",
        "history angry-bird --max 2",
        "history-limit.txt",
    ),
    (
        "angry-bird-2",
        "history angry-bird --output yaml",
        "history.yaml",
    ),
    (
        "angry-bird-2",
        "history angry-bird --output json",
        "history.json",
    ),
    ("thomas-guide", "get all thomas-guide", "get-release.txt"),
    (
        "elevated-turkey",
        "get all elevated-turkey --template {{.Release.Chart.Metadata.Version}}",
        "get-release-template.txt",
    ),
    ("thomas-guide", "get values thomas-guide", "get-values.txt"),
    (
        "thomas-guide",
        "get values thomas-guide --all",
        "get-values-all.txt",
    ),
    (
        "thomas-guide",
        "get values thomas-guide --output json",
        "values.json",
    ),
    (
        "thomas-guide",
        "get values thomas-guide --output yaml",
        "values.yaml",
    ),
    ("aeneas", "get hooks aeneas", "get-hooks.txt"),
    ("the-limerick", "get notes the-limerick", "get-notes.txt"),
    ("juno", "get manifest juno", "get-manifest.txt"),
    ("status", "status flummoxed-chickadee", "status.txt"),
    (
        "status-with-desc",
        "status flummoxed-chickadee",
        "status-with-desc.txt",
    ),
    (
        "status-with-notes",
        "status flummoxed-chickadee",
        "status-with-notes.txt",
    ),
    (
        "status-with-notes",
        "status flummoxed-chickadee -o json",
        "status.json",
    ),
    (
        "status-with-test-suite",
        "status flummoxed-chickadee",
        "status-with-test-suite.txt",
    ),
];

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("testdata/releases")
        .join(format!("{name}.yaml"))
}

#[test]
fn release_reading_commands_print_what_helm_prints() {
    let mut failures = Vec::new();
    for (fixture_name, args, golden_name) in CASES {
        let mut ctx = context();
        ctx.env("HELM_DRIVER", "memory")
            .env(
                "HELM_MEMORY_DRIVER_DATA",
                &fixture(fixture_name).to_string_lossy(),
            )
            .env("TZ", "UTC");
        let args: Vec<&str> = args.split(' ').collect();
        let out = ctx.run(&args);
        let expected = fs_err::read_to_string(golden(&format!("release-read/{golden_name}")))
            .expect("the golden exists");
        if out.code != 0 || out.stdout != expected {
            failures.push(format!(
                "rudder {}: exit {}\n--- rudder\n{}{}--- helm ({golden_name})\n{expected}",
                args.join(" "),
                out.code,
                out.stdout,
                out.stderr
            ));
        }
    }
    report(&failures, CASES.len());
}

#[test]
fn missing_release_and_bad_names_read_as_in_helm() {
    let mut ctx = context();
    ctx.env("HELM_DRIVER", "memory")
        .env(
            "HELM_MEMORY_DRIVER_DATA",
            &fixture("thomas-guide").to_string_lossy(),
        )
        .env("TZ", "UTC");
    let cases = [
        ("status nope", "Error: release: not found\n"),
        ("history nope", "Error: release: not found\n"),
        ("get values nope", "Error: release: not found\n"),
        (
            "get values thomas-guide --revision 7",
            "Error: release: not found\n",
        ),
        (
            "status Bad_Name",
            "Error: releaseContent: Release name is invalid: Bad_Name\n",
        ),
        (
            "history Bad_Name",
            "Error: release name is invalid: Bad_Name\n",
        ),
        (
            "rollback thomas-guide 5",
            "Error: release has no 5 version\n",
        ),
        (
            "rollback thomas-guide x",
            "Error: could not convert revision to a number: strconv.Atoi: parsing \"x\": invalid syntax\n",
        ),
        (
            "uninstall thomas-guide --cascade sideways",
            "Error: invalid cascade value (sideways). Must be \"background\", \"foreground\", or \"orphan\"\n",
        ),
        (
            "uninstall nope",
            "Error: uninstall: Release not loaded: nope: release: not found\n",
        ),
        (
            "list --filter (",
            "Error: error parsing regexp: missing closing ): `(`\n",
        ),
    ];
    let mut failures = Vec::new();
    for (args, expected) in cases {
        let out = ctx.run(&args.split(' ').collect::<Vec<_>>());
        if out.code != 1 || out.stderr != expected {
            failures.push(format!(
                "rudder {args}: exit {}, stderr {:?}, want {expected:?}",
                out.code, out.stderr
            ));
        }
    }
    report(&failures, cases.len());
}

#[test]
fn uninstall_and_rollback_print_helm_messages() {
    let mut ctx = context();
    ctx.env("HELM_DRIVER", "memory")
        .env(
            "HELM_MEMORY_DRIVER_DATA",
            &fixture("angry-bird-2").to_string_lossy(),
        )
        .env("TZ", "UTC");
    // Each run preloads the fixture again: the memory driver lives as long as the process.
    let out = ctx.run(&["rollback", "angry-bird", "3"]);
    assert_eq!(
        (out.code, out.stdout.as_str()),
        (0, "Rollback was a success! Happy Helming!\n"),
        "{}",
        out.stderr
    );
    let out = ctx.run(&["uninstall", "angry-bird", "--keep-history"]);
    assert_eq!(
        (out.code, out.stdout.as_str()),
        (0, "release \"angry-bird\" uninstalled\n"),
        "{}",
        out.stderr
    );
    let out = ctx.run(&["uninstall", "angry-bird", "nope", "--ignore-not-found"]);
    assert_eq!(
        out.stdout,
        "release \"angry-bird\" uninstalled\nrelease \"nope\" uninstalled\n"
    );
}

/// A chart with a ConfigMap kept by policy, a post-install hook and a test Pod.
const INTEROP_CHART: &[(&str, &str)] = &[
    (
        "Chart.yaml",
        "apiVersion: v2\nname: reader\nversion: 1.2.3\nappVersion: \"4.5\"\nannotations:\n  team: blue\n",
    ),
    ("values.yaml", "greeting: hello\n"),
    (
        "templates/cm.yaml",
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-cm\ndata:\n  greeting: {{ .Values.greeting | quote }}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-kept\n  annotations:\n    helm.sh/resource-policy: keep\ndata: {}\n",
    ),
    (
        "templates/hook.yaml",
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-post\n  annotations:\n    helm.sh/hook: post-install,post-upgrade\n    helm.sh/hook-weight: \"3\"\ndata: {}\n",
    ),
    (
        "templates/tests/test.yaml",
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: {{ .Release.Name }}-test\n  annotations:\n    helm.sh/hook: test\nspec:\n  restartPolicy: Never\n  containers:\n  - name: t\n    image: busybox\n",
    ),
    (
        "templates/NOTES.txt",
        "{{ .Release.Name }} says {{ .Values.greeting }}\n",
    ),
];

/// Runs a helm-python-sdk script with `cfg` (Secret driver, namespace `ns`) and `chart`;
/// returns what it printed, as JSON.
fn helm(kubeconfig: &str, ns: &str, chart: &std::path::Path, body: &str) -> serde_json::Value {
    let script = format!(
        "import helm_python, json, os\ncfg = helm_python.Config(kubeconfig_path=os.environ['KUBECONFIG'], namespace={ns:?}, storage_driver='secret')\nchart = helm_python.Chart.load({:?})\n{body}\n",
        chart.to_string_lossy()
    );
    let out = std::process::Command::new("python3")
        .arg("-c")
        .arg(&script)
        .env("KUBECONFIG", kubeconfig)
        .output()
        .expect("python3 runs");
    assert!(
        out.status.success(),
        "helm-python-sdk failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap_or(serde_json::Value::Null)
}

fn json_out(out: &rudder_test::Output) -> serde_json::Value {
    assert_eq!(out.code, 0, "{}", out.stderr);
    serde_json::from_str(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", out.stdout))
}

/// A release real Helm 4 installed, read by rudder's `list`, `history`, `status`, `get`
/// (compared field by field with what Helm's SDK reports), tested and rolled back by rudder,
/// and uninstalled by rudder with Helm's keep policy; Helm then sees no release.
#[test]
#[expect(clippy::print_stderr, reason = "a skipped cluster test says so")]
fn reading_helm_releases_on_real_cluster() {
    let Some(kubeconfig) = std::env::var("KUBECONFIG").ok().filter(|k| !k.is_empty()) else {
        eprintln!(
            "reading_helm_releases_on_real_cluster: not run, KUBECONFIG is not set (tests/cluster/cluster up)"
        );
        return;
    };
    let probe = std::process::Command::new("python3")
        .args(["-c", "import helm_python"])
        .output();
    if !probe.is_ok_and(|o| o.status.success()) {
        assert!(
            std::env::var_os("CI").is_none(),
            "helm-python-sdk is missing (pip install helm-python-sdk)"
        );
        eprintln!("reading_helm_releases_on_real_cluster: not run, helm-python-sdk is missing");
        return;
    }
    let mut ctx = context();
    ctx.env("KUBECONFIG", &kubeconfig).env("TZ", "UTC");
    let ns = format!("rr-read-{}", std::process::id());
    let chart = ctx.root().join("reader");
    for (path, text) in INTEROP_CHART {
        let p = chart.join(path);
        fs_err::create_dir_all(p.parent().unwrap()).unwrap();
        fs_err::write(p, text).unwrap();
    }
    let run = |args: &[&str]| {
        let mut all = args.to_vec();
        all.extend(["-n", &ns]);
        ctx.run(&all)
    };

    helm(
        &kubeconfig,
        &ns,
        &chart,
        "cfg.install(chart, 'hx', {'greeting': 'helm'}, create_namespace=True)\ncfg.upgrade(chart, 'hx', {'greeting': 'again'})",
    );

    // list and history: the same revisions, statuses and charts as Helm's.
    let helm_list = helm(&kubeconfig, &ns, &chart, "print(json.dumps(cfg.list()))");
    let ours = json_out(&run(&["list", "-o", "json"]));
    assert_eq!(ours.as_array().unwrap().len(), 1);
    let (h, o) = (&helm_list[0], &ours[0]);
    assert_eq!(o["name"], h["name"]);
    assert_eq!(o["namespace"], h["namespace"]);
    assert_eq!(o["revision"], h["revision"].to_string());
    assert_eq!(o["status"], h["status"]);
    assert_eq!(o["chart"], "reader-1.2.3");
    assert_eq!(o["app_version"], h["app_version"]);
    let helm_history = helm(
        &kubeconfig,
        &ns,
        &chart,
        "print(json.dumps(cfg.history('hx')))",
    );
    let ours = json_out(&run(&["history", "hx", "-o", "json"]));
    let pairs = |v: &serde_json::Value, rev: &str| -> Vec<(i64, String)> {
        let mut p: Vec<(i64, String)> = v
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                (
                    r[rev].as_i64().unwrap(),
                    r["status"].as_str().unwrap().to_owned(),
                )
            })
            .collect();
        p.sort();
        p
    };
    assert_eq!(pairs(&ours, "revision"), pairs(&helm_history, "revision"));
    assert_eq!(ours[1]["description"], "Upgrade complete");

    // get metadata is the same object Helm's SDK builds.
    let helm_meta = helm(
        &kubeconfig,
        &ns,
        &chart,
        "print(json.dumps(cfg.get_metadata('hx')))",
    );
    let ours = json_out(&run(&["get", "metadata", "hx", "-o", "json"]));
    for key in [
        "name",
        "chart",
        "version",
        "appVersion",
        "annotations",
        "labels",
        "namespace",
        "revision",
        "status",
        "deployedAt",
        "applyMethod",
    ] {
        assert_eq!(ours[key], helm_meta[key], "{key}");
    }
    let values = json_out(&run(&["get", "values", "hx", "-o", "json"]));
    assert_eq!(values, serde_json::json!({"greeting": "again"}));
    // A release installed without values has Go's nil map, printed `null`.
    helm(&kubeconfig, &ns, &chart, "cfg.install(chart, 'bare')");
    let bare = run(&["get", "values", "bare"]);
    assert_eq!(
        bare.stdout, "USER-SUPPLIED VALUES:\nnull\n",
        "{}",
        bare.stderr
    );
    assert_eq!(
        run(&["get", "values", "bare", "-o", "json"]).stdout,
        "null\n"
    );
    let hooks = run(&["get", "hooks", "hx"]);
    assert!(
        hooks
            .stdout
            .contains("# Source: reader/templates/hook.yaml\n")
    );
    let notes = run(&["get", "notes", "hx"]);
    // Helm stores the rendered NOTES.txt with its line break and prints one more.
    assert_eq!(notes.stdout, "NOTES:\nhx says again\n\n");
    let status = json_out(&run(&["status", "hx", "-o", "json"]));
    assert_eq!(status["version"], 2);
    assert!(status.get("chart").is_none());
    assert_eq!(
        status["info"]["resources"]["v1/ConfigMap"]
            .as_array()
            .unwrap()
            .len(),
        2
    );

    // The table shows the resources as the API server's tables, between DESCRIPTION and
    // NOTES.
    let table = run(&["status", "hx"]);
    let t = &table.stdout;
    assert!(
        t.contains(
            "DESCRIPTION: Upgrade complete\nRESOURCES:\n==> v1/ConfigMap\nNAME    DATA   AGE\nhx-cm   1      "
        ),
        "{t}"
    );
    // Each object is printed on its own, so each row has its own widths.
    assert!(t.contains("\nhx-kept   0     "), "{t}");
    assert!(t.contains("\n\n\nNOTES:\nhx says again\n"), "{t}");

    // rudder runs Helm's test hook and records it where Helm reads it.
    let tested = run(&["test", "hx", "--timeout", "2m"]);
    assert_eq!(tested.code, 0, "{}", tested.stderr);
    assert!(
        tested.stdout.contains("TEST SUITE:     hx-test\n"),
        "{}",
        tested.stdout
    );
    assert!(tested.stdout.contains("Phase:          Succeeded\n"));
    assert!(!tested.stdout.contains("NOTES:"));

    // rudder rolls back; Helm sees revision 3 deployed.
    // helm-python-sdk applies as field manager `python3` (Helm names its manager after the
    // program; the helm binary's is `helm`, as Rudder's), so taking its fields back needs
    // --force-conflicts.
    let rolled = run(&["rollback", "hx", "1", "--force-conflicts"]);
    assert_eq!(
        rolled.stdout, "Rollback was a success! Happy Helming!\n",
        "{}",
        rolled.stderr
    );
    let helm_history = helm(
        &kubeconfig,
        &ns,
        &chart,
        "print(json.dumps(cfg.history('hx')))",
    );
    assert_eq!(
        pairs(&helm_history, "revision"),
        [
            (1, "superseded".to_owned()),
            (2, "superseded".to_owned()),
            (3, "deployed".to_owned())
        ]
    );
    let values = helm(
        &kubeconfig,
        &ns,
        &chart,
        "print(json.dumps(cfg.get_values('hx')))",
    );
    assert_eq!(values, serde_json::json!({"greeting": "helm"}));

    // rudder uninstalls, keeping what the policy keeps; Helm finds nothing left.
    let gone = run(&["uninstall", "hx", "bare", "--wait"]);
    assert_eq!(
        gone.stdout,
        "These resources were kept due to the resource policy:\n[ConfigMap] hx-kept\n\nrelease \"hx\" uninstalled\nThese resources were kept due to the resource policy:\n[ConfigMap] bare-kept\n\nrelease \"bare\" uninstalled\n",
        "{}",
        gone.stderr
    );
    let left = helm(
        &kubeconfig,
        &ns,
        &chart,
        "print(json.dumps(cfg.list(all_states=True)))",
    );
    assert_eq!(left, serde_json::json!([]));

    // The namespace stays: tests/cluster is thrown away after the run.
}

/// `rudder test --logs` on the in-memory cluster: the status without notes, the test suite
/// with the fixed clock's times, then each test Pod's log (Helm's `helm test` printing).
#[test]
fn test_prints_status_suite_and_logs() {
    let mut ctx = context();
    ctx.env("HELM_DRIVER", "memory")
        .env(
            "HELM_MEMORY_DRIVER_DATA",
            &fixture("tested").to_string_lossy(),
        )
        .env("RUDDER_TEST_TIME", "2026-11-26T12:00:00Z")
        .env("TZ", "UTC");
    let out = ctx.run(&["test", "tested", "--logs"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        out.stdout,
        "NAME: tested\nLAST DEPLOYED: Sat Jan 16 00:00:00 2016\nNAMESPACE: default\nSTATUS: deployed\nREVISION: 1\nDESCRIPTION: Install complete\nTEST SUITE:     tested-ok\nLast Started:   Thu Nov 26 12:00:00 2026\nLast Completed: Thu Nov 26 12:00:00 2026\nPhase:          Succeeded\n\nPOD LOGS: tested-ok\n\n"
    );
    let filtered = ctx.run(&["test", "tested", "--filter", "name=other"]);
    assert_eq!(filtered.code, 0, "{}", filtered.stderr);
    assert!(
        !filtered.stdout.contains("TEST SUITE:"),
        "{}",
        filtered.stdout
    );
}
