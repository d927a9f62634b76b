//! `registry login|logout`, `push`, `pull`, `show` and `template` against a real registry
//! (`docker-registry` on loopback with htpasswd auth, TLS with a test CA).

use rudder_test::registry_server;

use crate::context;

#[test]
fn login_push_pull_show_template_logout() {
    let reg = registry_server::start(true);
    let ctx = context();
    let ca = reg.ca_file.as_ref().unwrap().display().to_string();
    let host = reg.host.as_str();

    let bad = ctx.run(&[
        "registry",
        "login",
        host,
        "-u",
        &reg.username,
        "-p",
        "wrong",
        "--ca-file",
        &ca,
    ]);
    assert_eq!(bad.code, 1);
    assert_eq!(
        bad.stderr,
        format!(
            "level=WARN msg=\"using --password via the CLI is insecure. Use --password-stdin\"\n\
             Error: authenticating to \"{host}\": GET \"https://{host}/v2/\": response status \
             code 401: unauthorized: authentication required\n"
        )
    );

    let unknown_ca = ctx.run(&[
        "registry",
        "login",
        host,
        "-u",
        &reg.username,
        "-p",
        &reg.password,
    ]);
    assert_eq!(unknown_ca.code, 1, "{}", unknown_ca.stderr);
    assert!(
        unknown_ca
            .stderr
            .contains("x509: certificate signed by unknown authority")
            || unknown_ca.stderr.contains("UnknownIssuer"),
        "{}",
        unknown_ca.stderr
    );
    let insecure = ctx.run(&[
        "registry",
        "login",
        host,
        "-u",
        &reg.username,
        "-p",
        &reg.password,
        "--insecure",
    ]);
    assert_eq!(insecure.stdout, "Login Succeeded\n", "{}", insecure.stderr);
    assert_eq!(
        insecure.stderr,
        "level=WARN msg=\"using --password via the CLI is insecure. Use --password-stdin\"\n"
    );

    let ok = ctx.run(&[
        "registry",
        "login",
        host,
        "-u",
        &reg.username,
        "-p",
        &reg.password,
        "--ca-file",
        &ca,
    ]);
    assert_eq!(
        (ok.code, ok.stdout.as_str()),
        (0, "Login Succeeded\n"),
        "{}",
        ok.stderr
    );

    let tgz = ctx.work_dir().join("hello-0.1.0.tgz");
    fs_err::write(&tgz, registry_server::chart_archive("hello", "0.1.0")).unwrap();
    fs_err::write(ctx.work_dir().join("hello-0.1.0.tgz.prov"), "prov\n").unwrap();
    fs_err::write(
        ctx.work_dir().join("hello-0.2.0.tgz"),
        registry_server::chart_archive("hello", "0.2.0"),
    )
    .unwrap();
    let remote = format!("oci://{host}/charts");
    for file in ["hello-0.1.0.tgz", "hello-0.2.0.tgz"] {
        let pushed = ctx.run(&["push", file, &remote, "--ca-file", &ca]);
        assert_eq!(pushed.code, 0, "{}", pushed.stderr);
        let version = file.trim_start_matches("hello-").trim_end_matches(".tgz");
        let lines: Vec<&str> = pushed.stdout.lines().collect();
        assert_eq!(lines[0], format!("Pushed: {host}/charts/hello:{version}"));
        assert!(lines[1].starts_with("Digest: sha256:"), "{}", pushed.stdout);
    }

    let chart = format!("oci://{host}/charts/hello");
    let dest = ctx.work_dir().join("dest");
    let dest_text = dest.display().to_string();
    let pulled = ctx.run(&[
        "pull",
        &chart,
        "--version",
        "0.1.0",
        "--ca-file",
        &ca,
        "-d",
        &dest_text,
        "--prov",
    ]);
    assert_eq!(pulled.code, 0, "{}", pulled.stderr);
    assert!(
        pulled.stdout.starts_with(&format!(
            "Pulled: {host}/charts/hello:0.1.0\nDigest: sha256:"
        )),
        "{}",
        pulled.stdout
    );
    assert_eq!(
        fs_err::read(dest.join("hello-0.1.0.tgz")).unwrap(),
        fs_err::read(&tgz).unwrap()
    );
    assert_eq!(
        fs_err::read_to_string(dest.join("hello-0.1.0.tgz.prov")).unwrap(),
        "prov\n"
    );

    let untarred = ctx.run(&[
        "pull",
        &chart,
        "--version",
        "0.1.0",
        "--ca-file",
        &ca,
        "-d",
        &dest_text,
        "--untar",
    ]);
    assert_eq!(untarred.code, 0, "{}", untarred.stderr);
    assert_eq!(
        fs_err::read_to_string(dest.join("hello/values.yaml")).unwrap(),
        "greeting: hello\n"
    );
    let again = ctx.run(&[
        "pull",
        &chart,
        "--version",
        "0.1.0",
        "--ca-file",
        &ca,
        "-d",
        &dest_text,
        "--untar",
        "--untardir",
        "hello",
    ]);
    assert_eq!(again.code, 0, "{}", again.stderr);
    assert!(dest.join("hello/hello/Chart.yaml").exists());

    // No --version: the highest semver tag.
    let latest = ctx.run(&["pull", &chart, "--ca-file", &ca, "-d", &dest_text]);
    assert_eq!(latest.code, 0, "{}", latest.stderr);
    assert!(dest.join("hello-0.2.0.tgz").exists(), "{}", latest.stdout);

    let shown = ctx.run(&[
        "show",
        "chart",
        &chart,
        "--version",
        "0.1.0",
        "--ca-file",
        &ca,
    ]);
    assert_eq!(shown.code, 0, "{}", shown.stderr);
    assert!(shown.stdout.contains("name: hello\n"), "{}", shown.stdout);
    assert!(
        shown.stdout.contains("version: 0.1.0\n"),
        "{}",
        shown.stdout
    );

    let rendered = ctx.run(&[
        "template",
        "rel",
        &chart,
        "--version",
        "0.1.0",
        "--ca-file",
        &ca,
    ]);
    assert_eq!(rendered.code, 0, "{}", rendered.stderr);
    // Helm's registry client prints its pull summary first, on stdout.
    assert!(
        rendered.stdout.starts_with(&format!(
            "Pulled: {host}/charts/hello:0.1.0\nDigest: sha256:"
        )),
        "{}",
        rendered.stdout
    );
    assert!(
        rendered.stdout.contains("name: rel\n"),
        "{}",
        rendered.stdout
    );
    assert!(
        rendered.stdout.contains("greeting: hello\n"),
        "{}",
        rendered.stdout
    );

    let out = ctx.run(&["registry", "logout", host]);
    assert_eq!(
        out.stdout,
        format!("Removing login credentials for {host}\n")
    );
    // Helm (oras-go's file store) says the same when there was nothing to remove.
    let again = ctx.run(&["registry", "logout", host]);
    assert_eq!(again.stdout, out.stdout);
    let denied = ctx.run(&["pull", &chart, "--version", "0.1.0", "--ca-file", &ca]);
    assert_eq!(denied.code, 1, "{}", denied.stdout);
}

#[test]
fn plain_http_registry_needs_plain_http() {
    let reg = registry_server::start(false);
    let ctx = context();
    let host = reg.host.as_str();
    let login = [
        "registry",
        "login",
        host,
        "-u",
        &reg.username,
        "-p",
        &reg.password,
    ];
    let refused = ctx.run(&login);
    assert_eq!(refused.code, 1, "{}", refused.stdout);
    let mut plain = login.to_vec();
    plain.push("--plain-http");
    let ok = ctx.run(&plain);
    assert_eq!(ok.stdout, "Login Succeeded\n", "{}", ok.stderr);

    fs_err::write(
        ctx.work_dir().join("plain-1.0.0+b.tgz"),
        registry_server::chart_archive("plain", "1.0.0+b"),
    )
    .unwrap();
    let remote = format!("oci://{host}/x");
    let pushed = ctx.run(&["push", "plain-1.0.0+b.tgz", &remote, "--plain-http"]);
    assert_eq!(pushed.code, 0, "{}", pushed.stderr);
    assert!(
        pushed
            .stdout
            .contains(&format!("{host}/x/plain:1.0.0_b contains an underscore.")),
        "{}",
        pushed.stdout
    );
    let chart = format!("oci://{host}/x/plain");
    let pulled = ctx.run(&["pull", &chart, "--version", "1.0.0+b", "--plain-http"]);
    assert_eq!(pulled.code, 0, "{}", pulled.stderr);
    assert!(ctx.work_dir().join("plain-1.0.0+b.tgz").exists());
    assert!(
        pulled.stdout.contains(&format!(
            "{host}/x/plain:1.0.0_b contains an underscore.\n\nOCI artifact"
        )),
        "{}",
        pulled.stdout
    );
}

/// Runs `args` with `input` on stdin; returns (code, stdout, stderr).
fn run_with_stdin(
    ctx: &rudder_test::TestContext,
    args: &[&str],
    input: &str,
) -> (i32, String, String) {
    use std::io::Write as _;
    let mut child = ctx
        .command(args)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn login_reads_the_password_from_stdin_or_prompts() {
    let reg = registry_server::start(false);
    let ctx = context();
    let host = reg.host.as_str();
    let stdin_login = [
        "registry",
        "login",
        host,
        "-u",
        &reg.username,
        "--password-stdin",
        "--plain-http",
    ];
    let (code, stdout, stderr) = run_with_stdin(&ctx, &stdin_login, &format!("{}\n", reg.password));
    assert_eq!(
        (code, stdout.as_str()),
        (0, "Login Succeeded\n"),
        "{stderr}"
    );

    let prompted = ["registry", "login", host, "--plain-http"];
    let input = format!("{}\n{}\n", reg.username, reg.password);
    let (code, stdout, stderr) = run_with_stdin(&ctx, &prompted, &input);
    assert_eq!(
        (code, stdout.as_str()),
        (0, "Username: Password: Login Succeeded\n"),
        "{stderr}"
    );
    let (code, _, stderr) = run_with_stdin(&ctx, &prompted, "\n\n");
    assert_eq!((code, stderr.as_str()), (1, "Error: token required\n"));
}

#[test]
fn push_refuses_what_helm_refuses() {
    let ctx = context();
    let cases: [(&[&str], &str); 4] = [
        (
            &["push", "missing.tgz", "oci://localhost:1/x"],
            "Error: missing.tgz: no such file\n",
        ),
        (
            &["push", ".", "oci://localhost:1/x"],
            "Error: cannot push directory, must provide chart archive (.tgz)\n",
        ),
        (
            &["push", "missing.tgz", "localhost:1/x"],
            "Error: scheme prefix missing from remote (e.g. \"oci://\")\n",
        ),
        (
            &["push", "missing.tgz", "https://localhost:1/x"],
            "Error: scheme \"https\" not supported\n",
        ),
    ];
    for (args, want) in cases {
        let out = ctx.run(args);
        assert_eq!((out.code, out.stderr.as_str()), (1, want), "{args:?}");
    }
}

#[test]
fn pull_verify_checks_the_provenance_layer() {
    let gpg_ok = std::process::Command::new("gpg")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    assert!(
        gpg_ok || std::env::var_os("CI").is_none(),
        "gpg is needed under CI"
    );
    if !gpg_ok {
        return;
    }
    let reg = registry_server::start(false);
    let ctx = context();
    let work = ctx.work_dir();
    let home = ctx.root().join("gnupg");
    fs_err::create_dir(&home).unwrap();
    {
        use std::os::unix::fs::PermissionsExt;
        fs_err::set_permissions(&home, std::fs::Permissions::from_mode(0o700)).unwrap();
    }
    let gpg = |args: &[&str]| {
        let o = std::process::Command::new("gpg")
            .env("GNUPGHOME", &home)
            .args(["--batch", "--yes", "--quiet"])
            .args(args)
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        o.stdout
    };
    let spec = ctx.root().join("keys");
    fs_err::write(
        &spec,
        "%no-protection\nKey-Type: RSA\nKey-Length: 2048\nName-Real: Rudder Test\n\
         Name-Email: rudder@example.com\nExpire-Date: 0\n%commit\n",
    )
    .unwrap();
    gpg(&["--gen-key", &spec.display().to_string()]);
    fs_err::write(
        work.join("secring.gpg"),
        gpg(&["--export-secret-keys", "Rudder Test"]),
    )
    .unwrap();
    fs_err::write(work.join("pubring.gpg"), gpg(&["--export", "Rudder Test"])).unwrap();
    fs_err::create_dir_all(work.join("signed/templates")).unwrap();
    fs_err::write(
        work.join("signed/Chart.yaml"),
        "apiVersion: v2\nname: signed\nversion: 0.1.0\n",
    )
    .unwrap();
    let host = reg.host.as_str();
    let login = ctx.run(&[
        "registry",
        "login",
        host,
        "-u",
        &reg.username,
        "-p",
        &reg.password,
        "--plain-http",
    ]);
    assert_eq!(login.code, 0, "{}", login.stderr);
    let packaged = ctx.run(&[
        "package",
        "signed",
        "--sign",
        "--key",
        "Rudder Test",
        "--keyring",
        "secring.gpg",
    ]);
    assert_eq!(packaged.code, 0, "{}", packaged.stderr);
    let remote = format!("oci://{host}/signed");
    let pushed = ctx.run(&["push", "signed-0.1.0.tgz", &remote, "--plain-http"]);
    assert_eq!(pushed.code, 0, "{}", pushed.stderr);

    let chart = format!("oci://{host}/signed/signed");
    let pulled = ctx.run(&[
        "pull",
        &chart,
        "--version",
        "0.1.0",
        "--plain-http",
        "--verify",
        "--keyring",
        "pubring.gpg",
        "-d",
        "out",
    ]);
    assert_eq!(pulled.code, 0, "{}", pulled.stderr);
    assert!(
        pulled.stdout.contains("Chart Hash Verified: sha256:"),
        "{}",
        pulled.stdout
    );
    assert!(work.join("out/signed-0.1.0.tgz.prov").exists());
    let rendered = ctx.run(&[
        "template",
        "rel",
        &chart,
        "--version",
        "0.1.0",
        "--plain-http",
        "--verify",
        "--keyring",
        "pubring.gpg",
    ]);
    assert_eq!(rendered.code, 0, "{}", rendered.stderr);
    let other = ctx.root().join("other.gpg");
    fs_err::write(&other, b"").unwrap();
    let wrong_key = ctx.run(&[
        "template",
        "rel",
        &chart,
        "--version",
        "0.1.0",
        "--plain-http",
        "--verify",
        "--keyring",
        &other.display().to_string(),
    ]);
    assert_eq!(wrong_key.code, 1, "{}", wrong_key.stdout);

    // A chart pushed without its .prov cannot be verified.
    fs_err::remove_file(work.join("signed-0.1.0.tgz.prov")).unwrap();
    let remote = format!("oci://{host}/unsigned");
    let pushed = ctx.run(&["push", "signed-0.1.0.tgz", &remote, "--plain-http"]);
    assert_eq!(pushed.code, 0, "{}", pushed.stderr);
    let chart = format!("oci://{host}/unsigned/signed");
    let refused = ctx.run(&[
        "pull",
        &chart,
        "--version",
        "0.1.0",
        "--plain-http",
        "--verify",
        "--keyring",
        "pubring.gpg",
        "-d",
        "out2",
    ]);
    assert_eq!(refused.code, 1);
    assert_eq!(
        refused.stderr,
        format!("Error: failed to fetch provenance \"oci://{host}/unsigned/signed:0.1.0.prov\"\n")
    );
    assert!(!work.join("out2").exists());
}

#[test]
fn login_with_a_client_certificate() {
    let reg = registry_server::start_mtls();
    let ctx = context();
    let ca = reg.ca_file.as_ref().unwrap().display().to_string();
    let (cert, key) = reg.client_cert.clone().unwrap();
    let host = reg.host.as_str();
    let base = [
        "registry",
        "login",
        host,
        "-u",
        &reg.username,
        "-p",
        &reg.password,
        "--ca-file",
        &ca,
    ];
    let refused = ctx.run(&base);
    assert_eq!(refused.code, 1, "{}", refused.stdout);
    let mut with_cert = base.to_vec();
    let (cert, key) = (cert.display().to_string(), key.display().to_string());
    with_cert.extend(["--cert-file", &cert, "--key-file", &key]);
    let ok = ctx.run(&with_cert);
    assert_eq!(ok.stdout, "Login Succeeded\n", "{}", ok.stderr);
}
