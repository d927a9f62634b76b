//! `rudder template` flags on the `template-flags` fixture chart (hooks, a test hook, a CRD,
//! capabilities and `lookup`), as reviewed snapshots in `snapshots/`. Error texts follow
//! helm/helm v4.2.3 (`pkg/cmd/template.go`, `pkg/cmd/helpers.go`, `pkg/action/action.go`).

use std::fmt::Write as _;
use std::io::{Read as _, Write as _};
use std::net::TcpListener;
use std::path::Path;
use std::process::Stdio;

use rudder_test::TestContext;

use crate::context;

fn chart() -> String {
    rudder_test::fixture("template-flags").display().to_string()
}

/// Runs `rudder template rel CHART -n ns EXTRA...` and shows exit code, stdout and stderr.
fn run(ctx: &TestContext, extra: &[&str]) -> String {
    let chart = chart();
    let mut args = vec!["template", "rel", chart.as_str(), "-n", "ns"];
    args.extend(extra);
    let out = ctx.run(&args);
    format!(
        "exit {}\n--- stdout\n{}--- stderr\n{}",
        out.code, out.stdout, out.stderr
    )
}

fn write_script(dir: &Path, name: &str, body: &str) -> String {
    use std::os::unix::fs::PermissionsExt as _;
    let path = dir.join(name);
    fs_err::write(&path, body).unwrap();
    fs_err::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    path.display().to_string()
}

/// Every document body of `rudder template` against Helm's own rendering of its template
/// (`golden/template_flags/CASE/`, written by `scripts/template_flags_goldens.py`).
#[test]
fn documents_match_helm_per_template() {
    let ctx = context();
    let values = ctx.root().join("values.yaml");
    fs_err::write(&values, "greeting: from a file\n").unwrap();
    let text = ctx.root().join("file.txt");
    fs_err::write(&text, "line one\nline two\n").unwrap();
    let set_file = format!("file={}", text.display());
    let values = values.display().to_string();
    let chart = chart();
    let cases: [(&str, Vec<&str>); 3] = [
        ("default", vec!["rel", &chart, "-n", "ns"]),
        ("upgrade", vec!["rel", &chart, "-n", "ns", "--is-upgrade"]),
        (
            "values",
            vec![
                "other",
                &chart,
                "-n",
                "team",
                "-f",
                &values,
                "--set-file",
                &set_file,
            ],
        ),
    ];
    let mut failures = Vec::new();
    let mut checked = 0;
    for (case, flags) in cases {
        let mut args = vec!["template"];
        args.extend(flags);
        let out = ctx.run(&args);
        assert_eq!(out.code, 0, "{case}: {}", out.stderr);
        let dir = crate::golden("template_flags").join(case);
        let mut seen = std::collections::BTreeSet::new();
        for doc in out.stdout.split("---\n# Source: ").skip(1) {
            let (name, body) = doc.split_once('\n').unwrap_or((doc, ""));
            checked += 1;
            seen.insert(name.to_owned());
            let want = fs_err::read_to_string(dir.join(name)).unwrap_or_default();
            if body.trim() != want.trim() {
                failures.push(format!("{case} {name}:\n{body}\n--- helm\n{want}"));
            }
        }
        let golden: std::collections::BTreeSet<String> =
            rudder_test::tree(&dir).into_keys().collect();
        if golden != seen {
            failures.push(format!(
                "{case}: documents {seen:?}, Helm rendered {golden:?}"
            ));
        }
    }
    crate::report(&failures, checked);
}

#[test]
fn capabilities_and_upgrade_flags() {
    let ctx = context();
    // --api-versions takes commas and repeats; --kube-version sets the version.
    insta::assert_snapshot!(
        "capabilities",
        run(
            &ctx,
            &[
                "--kube-version",
                "1.29.3",
                "-a",
                "example.com/v1",
                "--api-versions",
                "other.io/v2,x/v1",
                "--is-upgrade",
                "-s",
                "templates/configmap.yaml",
            ],
        )
    );
}

#[test]
fn kube_version_errors() {
    let ctx = context();
    let mut all = String::new();
    for v in ["1.x", "01.2", "abc", "1", "99999999999999999999999.1"] {
        all.push_str(&run(&ctx, &["--kube-version", v]));
    }
    insta::assert_snapshot!("kube_version_errors", all);
}

#[test]
fn dry_run_values() {
    let ctx = context();
    let mut all = String::new();
    for flag in [
        "--dry-run",
        "--dry-run=client",
        "--dry-run=true",
        "--dry-run=server",
        "--dry-run=none",
        "--dry-run=false",
        "--dry-run=bogus",
        "--validate",
    ] {
        let _ = writeln!(all, "== {flag}");
        all.push_str(&run(&ctx, &[flag, "-s", "templates/sub/service.yaml"]));
    }
    all.push_str("== --validate --dry-run=client\n");
    all.push_str(&run(&ctx, &["--validate", "--dry-run=client"]));
    insta::assert_snapshot!("dry_run_values", all);
}

#[test]
fn install_flags_template_accepts() {
    let ctx = context();
    let mut all = String::new();
    for flags in [
        &[
            "--create-namespace",
            "--force-replace",
            "--server-side=false",
            "--replace",
            "--wait",
            "--wait-for-jobs",
            "--disable-openapi-validation",
            "--rollback-on-failure",
            "--take-ownership",
            "--timeout",
            "1m",
            "--description",
            "d",
            "-l",
            "a=b",
        ][..],
        &[
            "--force",
            "--atomic",
            "--hide-notes",
            "--render-subchart-notes",
        ],
        &["--wait=true"],
        &["--wait=soon"],
        &["--server-side=maybe"],
        &["--force-replace", "--force-conflicts"],
        &["--force", "--force-conflicts"],
    ] {
        let _ = writeln!(all, "== {}", flags.join(" "));
        let mut args = flags.to_vec();
        args.extend(["-s", "templates/sub/service.yaml"]);
        let out = run(&ctx, &args);
        // The manifest is the same for every accepted case; keep the exit code and stderr.
        let stderr = out.split("--- stderr\n").nth(1).unwrap_or_default();
        let _ = write!(all, "{}\n{stderr}", out.lines().next().unwrap_or_default());
    }
    insta::assert_snapshot!("install_flags", all);
}

#[test]
fn coalesce_warnings_are_logged_as_helm_logs_them() {
    let ctx = context();
    let out = run(
        &ctx,
        &["--set", "greeting.x=1", "-s", "templates/sub/service.yaml"],
    );
    // Go's log prefix: `YYYY/MM/DD HH:MM:SS `.
    let stderr = out.split("--- stderr\n").nth(1).unwrap_or_default();
    let (stamp, message) = stderr.split_at(20);
    assert!(
        stamp.len() == 20
            && stamp.bytes().enumerate().all(|(i, b)| match i {
                4 | 7 => b == b'/',
                10 | 19 => b == b' ',
                13 | 16 => b == b':',
                _ => b.is_ascii_digit(),
            }),
        "{stderr}"
    );
    assert_eq!(
        message,
        "warning: skipped value for flags.greeting: Not a table.\n"
    );
}

#[test]
fn names() {
    let ctx = context();
    let chart = chart();
    let mut all = String::new();
    for args in [
        vec![
            "template",
            chart.as_str(),
            "--name-template",
            "{{ \"ABC\" | lower }}-{{ add 1 2 }}",
        ],
        vec!["template", chart.as_str(), "--generate-name"],
        vec!["template", "rel", chart.as_str(), "--generate-name"],
        vec!["template", "rel", chart.as_str(), "--name-template", "x"],
        vec!["template", chart.as_str(), "--name-template", "{{ .Bad"],
        vec!["template", "rel", chart.as_str(), "extra"],
        vec!["template"],
    ] {
        let mut args = args.clone();
        if args.len() > 1 {
            args.extend(["-s", "templates/sub/service.yaml"]);
        }
        let out = ctx.run(&args);
        let _ = write!(
            all,
            "== {}\nexit {}\n{}{}",
            args[1..].join(" ").replace(&chart, "CHART"),
            out.code,
            out.stdout,
            out.stderr
        );
    }
    insta::assert_snapshot!("names", all);
}

#[test]
fn hooks_tests_and_crds() {
    let ctx = context();
    insta::assert_snapshot!("default", run(&ctx, &[]));
    insta::assert_snapshot!("skip_tests", run(&ctx, &["--skip-tests"]));
    insta::assert_snapshot!("no_hooks", run(&ctx, &["--no-hooks"]));
    insta::assert_snapshot!("include_crds", run(&ctx, &["--include-crds", "--no-hooks"]));
    // --skip-crds changes nothing for template: CRDs are only printed with --include-crds.
    assert_eq!(run(&ctx, &["--skip-crds"]), run(&ctx, &[]));
}

#[test]
fn show_only_globs() {
    let ctx = context();
    let mut all = String::new();
    for pattern in [
        "templates/sub/*",
        "templates/*.yaml",
        "templates/tests/test-pod.yaml",
        "templates\\sub\\service.yaml",
        "templates/nope/*",
    ] {
        let _ = writeln!(all, "== {pattern}");
        all.push_str(&run(&ctx, &["-s", pattern, "--no-hooks"]));
    }
    insta::assert_snapshot!("show_only", all);
}

#[test]
fn output_dir() {
    let ctx = context();
    let out = ctx.root().join("out");
    let out_s = out.display().to_string();
    let mut all = run(&ctx, &["--output-dir", &out_s, "--include-crds"]);
    // A second run truncates the manifests it writes, but hooks append to existing files.
    all.push_str(&run(&ctx, &["--output-dir", &out_s, "--include-crds"]));
    all.push_str(&run(
        &ctx,
        &["--output-dir", &out_s, "--release-name", "--skip-tests"],
    ));
    for (path, bytes) in rudder_test::tree(&out) {
        let _ = write!(all, "== {path}\n{}", String::from_utf8_lossy(&bytes));
    }
    all.push_str(&run(
        &ctx,
        &["--output-dir", &out_s, "-s", "templates/configmap.yaml"],
    ));
    insta::assert_snapshot!("output_dir", all);
}

#[test]
fn values_sources() {
    let ctx = context();
    let file = ctx.root().join("greeting.txt");
    fs_err::write(&file, "from a file\n").unwrap();
    let set_file = format!("file={}", file.display());
    let mut all = run(
        &ctx,
        &["--set-file", &set_file, "-s", "templates/configmap.yaml"],
    );

    // -f - reads standard input.
    let chart = chart();
    let mut child = ctx
        .command(&[
            "template",
            "rel",
            &chart,
            "-f",
            "-",
            "-s",
            "templates/configmap.yaml",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"greeting: from stdin\n")
        .unwrap();
    let output = child.wait_with_output().unwrap();
    all.push_str(&String::from_utf8_lossy(&output.stdout));

    // -f URL: one request answered, then a 404, from a loopback server.
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let server = std::thread::spawn(move || {
        for (status, body) in [
            ("200 OK", "greeting: over http\n"),
            ("404 Not Found", "missing\n"),
        ] {
            let (mut stream, _) = listener.accept().unwrap();
            let mut buf = [0; 4096];
            let mut request = Vec::new();
            while !request.windows(4).any(|w| w == b"\r\n\r\n") {
                let n = stream.read(&mut buf).unwrap();
                if n == 0 {
                    break;
                }
                request.extend_from_slice(&buf[..n]);
            }
            write!(
                stream,
                "HTTP/1.1 {status}\r\nContent-Length: {}\r\n\r\n{body}",
                body.len()
            )
            .unwrap();
        }
    });
    let url = format!("http://127.0.0.1:{port}/values.yaml");
    all.push_str(&run(&ctx, &["-f", &url, "-s", "templates/configmap.yaml"]));
    all.push_str(
        &run(&ctx, &["-f", &url, "-s", "templates/configmap.yaml"])
            .replace(&port.to_string(), "PORT"),
    );
    server.join().unwrap();
    all.push_str(&run(&ctx, &["-f", "https://127.0.0.1:1/values.yaml"]));
    insta::assert_snapshot!("values_sources", all);
}

#[test]
fn post_renderer() {
    let ctx = context();
    let dir = ctx.root();
    let sed = write_script(
        dir,
        "sed.sh",
        "#!/bin/sh\nsed \"s/busybox/busybox:$1/\"\nprintf -- '---\\napiVersion: v1\\nkind: Namespace\\nmetadata:\\n  name: extra\\n'\n",
    );
    let capture = dir.join("stream.yaml").display().to_string();
    let tee = write_script(dir, "tee.sh", &format!("#!/bin/sh\ntee {capture}\n"));
    let fail = write_script(dir, "fail.sh", "#!/bin/sh\necho broken >&2\nexit 3\n");
    let empty = write_script(dir, "empty.sh", "#!/bin/sh\ncat >/dev/null\n");
    let mut all = run(
        &ctx,
        &["--post-renderer", &sed, "--post-renderer-args", "1.36"],
    );
    all.push_str(&run(&ctx, &["--post-renderer", &tee, "--no-hooks"]));
    all.push_str("== the stream the post-renderer read\n");
    all.push_str(&fs_err::read_to_string(&capture).unwrap());
    all.push_str(&run(&ctx, &["--post-renderer", &fail]));
    all.push_str(&run(&ctx, &["--post-renderer", &empty]));
    all.push_str(&run(&ctx, &["--post-renderer", "my-plugin"]));
    all.push_str(&run(&ctx, &["--post-renderer", "./missing.sh"]));
    // A Helm 4 post-renderer plugin (subprocess runtime), as in Helm's own test data.
    let plugin = ctx.data_home().join("plugins/pr");
    fs_err::create_dir_all(&plugin).unwrap();
    fs_err::write(
        plugin.join("plugin.yaml"),
        "apiVersion: v1\nname: pr\ntype: postrenderer/v1\nversion: 1.2.3\nruntime: subprocess\nruntimeConfig:\n  platformCommand:\n  - command: \"${HELM_PLUGIN_DIR}/sed.sh\"\n    args: [\"$HELM_PLUGIN_NAME\"]\n",
    )
    .unwrap();
    write_script(&plugin, "sed.sh", "#!/bin/sh\nsed \"s/busybox/$*/\"\n");
    all.push_str(&run(
        &ctx,
        &[
            "--post-renderer",
            "pr",
            "--post-renderer-args",
            "x",
            "-s",
            "templates/hook.yaml",
        ],
    ));
    let broken = ctx.data_home().join("plugins/broken");
    fs_err::create_dir_all(&broken).unwrap();
    fs_err::write(
        broken.join("plugin.yaml"),
        "apiVersion: v1\nname: broken\ntype: postrenderer/v1\nruntime: subprocess\nruntimeConfig:\n  platformCommand:\n  - command: \"sh -c\"\n    args: [\"exit 4\"]\n",
    )
    .unwrap();
    all.push_str(&run(&ctx, &["--post-renderer", "broken"]));
    all.push_str(&run(
        &ctx,
        &["--post-renderer", &sed, "--post-renderer", "other"],
    ));
    insta::assert_snapshot!("post_renderer", all);
}

#[test]
fn lookup_fixtures() {
    let ctx = context();
    let fixtures = ctx.root().join("cluster.yaml");
    fs_err::write(
        &fixtures,
        "apiVersion: v1\nkind: Secret\nmetadata:\n  name: creds\n  namespace: ns\ndata:\n  user: YWRtaW4=\n---\napiVersion: v1\nkind: List\nitems:\n  - apiVersion: v1\n    kind: ConfigMap\n    metadata:\n      name: a\n      namespace: one\n  - apiVersion: v1\n    kind: ConfigMap\n    metadata:\n      name: b\n      namespace: two\n",
    )
    .unwrap();
    let bad = ctx.root().join("bad.yaml");
    fs_err::write(&bad, "apiVersion: v1\nkind: Secret\n").unwrap();
    let mut all = run(
        &ctx,
        &[
            "--lookup-fixtures",
            &fixtures.display().to_string(),
            "-s",
            "templates/lookup.yaml",
        ],
    );
    all.push_str(&run(
        &ctx,
        &["--lookup-fixtures", &bad.display().to_string()],
    ));
    insta::assert_snapshot!("lookup_fixtures", all);
    let help = ctx.run(&["template", "--help"]).stdout;
    assert!(help.contains("--lookup-fixtures <FILE>"), "{help}");
}

#[test]
fn invalid_yaml_names_the_lines() {
    let ctx = context();
    let chart = ctx.copy_chart(&rudder_test::fixture("template-flags"), "flags");
    fs_err::write(
        chart.join("templates/broken.yaml"),
        "{{- /*\nA comment that renders to nothing.\n*/}}\napiVersion: v1\nkind: ConfigMap\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: broken\ndata:\n{{- range list \"a\" \"b\" }}\n  {{ . }}: ok\n{{- end }}\n  key: {{ .Values.greeting }}: {{ .Release.Name }}\n",
    )
    .unwrap();
    let chart = chart.display().to_string();
    let mut all = String::new();
    for extra in [&[][..], &["--debug", "-s", "templates/broken.yaml"][..]] {
        let mut args = vec!["template", "rel", chart.as_str()];
        args.extend(extra);
        let out = ctx.run(&args);
        let _ = write!(
            all,
            "exit {}\n--- stdout\n{}--- stderr\n{}",
            out.code, out.stdout, out.stderr
        );
    }
    insta::assert_snapshot!("invalid_yaml", all);
}

/// `-f https://...`: fetched over TLS with the system's roots, which `SSL_CERT_FILE` replaces as
/// it does for Go; a server signed by an unknown CA is refused.
#[test]
fn values_over_https() {
    let ctx = context();
    let pki = rudder_test::repo_server::pki();
    let server = rudder_test::repo_server::start(None, Some(pki.server.clone()));
    server.route(
        "/values.yaml",
        rudder_test::repo_server::Reply::Body(b"greeting: over https\n".to_vec()),
    );
    let url = format!("{}/values.yaml", server.url(true));
    let ca = ctx.root().join("ca.pem");
    fs_err::write(&ca, &pki.ca_pem).unwrap();
    let chart = chart();
    let args = [
        "template",
        "rel",
        chart.as_str(),
        "-f",
        url.as_str(),
        "-s",
        "templates/configmap.yaml",
    ];

    let mut trusted = context();
    trusted.env("SSL_CERT_FILE", &ca.to_string_lossy());
    let out = trusted.run(&args);
    assert_eq!(out.code, 0, "{out:?}");
    assert!(
        out.stdout.contains("greeting: \"over https\""),
        "{}",
        out.stdout
    );

    let out = ctx.run(&args);
    assert_eq!(out.code, 1, "{out:?}");
    assert!(
        out.stderr.starts_with(&format!("Error: Get \"{url}\": ")),
        "{}",
        out.stderr
    );
}
