//! `rudder package --sign`, `rudder verify` and `--verify` on a local archive, with keys made by
//! real `gpg` and the signatures checked by real Helm (the `helm_python` oracle).
//!
//! Outside CI a missing `gpg` or `helm_python` skips these tests; under `CI=true` it fails them.

use std::process::Command;

use rudder_test::TestContext;
use rudder_test::repo_server::{self, Reply};

use crate::context;

fn have(cmd: &mut Command) -> bool {
    cmd.output().is_ok_and(|o| o.status.success())
}

fn tools() -> bool {
    let ok = have(Command::new("gpg").arg("--version"))
        && have(Command::new("python3").args(["-c", "import helm_python"]));
    assert!(
        ok || std::env::var_os("CI").is_none(),
        "gpg and python3 with helm_python are needed under CI"
    );
    ok
}

/// A sandbox whose work directory holds `mychart/`, `secring.gpg` and `pubring.gpg` (keys
/// `Rudder Test`, unprotected, and `Locked Key`, passphrase `s3cret`), `other.gpg` (an
/// unrelated key) and passphrase files `pass.txt` and `wrong.txt`.
fn signing_context() -> TestContext {
    let ctx = context();
    let work = ctx.work_dir();
    let home = ctx.root().join("gnupg");
    fs_err::create_dir(&home).expect("GNUPGHOME");
    {
        use std::os::unix::fs::PermissionsExt;
        fs_err::set_permissions(&home, std::fs::Permissions::from_mode(0o700)).expect("mode");
    }
    let gpg = |args: &[&str]| {
        let o = Command::new("gpg")
            .env("GNUPGHOME", &home)
            .args(["--batch", "--yes", "--quiet", "--pinentry-mode", "loopback"])
            .args(["--passphrase", "s3cret"])
            .args(args)
            .output()
            .expect("gpg runs");
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        o.stdout
    };
    let spec = ctx.root().join("keys");
    fs_err::write(
        &spec,
        "%no-protection\nKey-Type: RSA\nKey-Length: 2048\nName-Real: Rudder Test\nName-Email: rudder@example.com\nExpire-Date: 0\n%commit\nKey-Type: RSA\nKey-Length: 2048\nName-Real: Other Key\nName-Email: other@example.com\nExpire-Date: 0\n%commit\n",
    )
    .expect("key spec");
    gpg(&["--gen-key", &spec.display().to_string()]);
    fs_err::write(
        &spec,
        "Key-Type: RSA\nKey-Length: 2048\nPassphrase: s3cret\nName-Real: Locked Key\nName-Email: locked@example.com\nExpire-Date: 0\n%commit\n",
    )
    .expect("key spec");
    gpg(&["--gen-key", &spec.display().to_string()]);
    let both = ["Rudder Test", "Locked Key"];
    let mut args = vec!["--export-secret-keys"];
    args.extend(both);
    fs_err::write(work.join("secring.gpg"), gpg(&args)).expect("secring");
    let mut args = vec!["--export"];
    args.extend(both);
    fs_err::write(work.join("pubring.gpg"), gpg(&args)).expect("pubring");
    fs_err::write(work.join("other.gpg"), gpg(&["--export", "Other Key"])).expect("other");
    // The keys are exported: the agent gpg started for this home is not needed any more.
    let _ = Command::new("gpgconf")
        .env("GNUPGHOME", &home)
        .args(["--kill", "gpg-agent"])
        .output();
    fs_err::write(work.join("pass.txt"), "s3cret\n").expect("pass");
    fs_err::write(work.join("wrong.txt"), "nope\n").expect("wrong");
    let chart = work.join("mychart");
    fs_err::create_dir_all(chart.join("templates")).expect("chart");
    fs_err::write(
        chart.join("Chart.yaml"),
        "apiVersion: v2\nname: mychart\nversion: 0.1.0\ndescription: A chart\nkeywords: [a]\n",
    )
    .expect("Chart.yaml");
    fs_err::write(chart.join("values.yaml"), "a: 1\n").expect("values");
    fs_err::write(chart.join("templates/x.yaml"), "x: {{ .Values.a }}\n").expect("template");
    ctx
}

/// Real Helm's `verify`: its signer list, or its error message.
fn helm_verify(ctx: &TestContext, archive: &str, keyring: &str) -> Result<String, String> {
    let work = ctx.work_dir();
    let script = format!(
        "import helm_python as h, sys\ntry:\n    print(h.verify({:?}, {:?})['signed_by'])\nexcept h.HelmError as e:\n    print(str(e), file=sys.stderr)\n    sys.exit(3)\n",
        work.join(archive).display().to_string(),
        work.join(keyring).display().to_string()
    );
    let o = Command::new("python3")
        .args(["-c", &script])
        .output()
        .expect("python3");
    if o.status.success() {
        Ok(String::from_utf8_lossy(&o.stdout).into_owned())
    } else {
        Err(String::from_utf8_lossy(&o.stderr).trim_end().to_owned())
    }
}

const SIGN: &[&str] = &["package", "mychart", "--sign", "--keyring", "secring.gpg"];

#[test]
fn package_sign_then_verify() {
    if !tools() {
        return;
    }
    let ctx = signing_context();
    let mut args = SIGN.to_vec();
    args.extend(["--key", "Rudder"]);
    let out = ctx.run(&args);
    assert_eq!(out.code, 0, "{out:?}");
    assert!(ctx.work_dir().join("mychart-0.1.0.tgz.prov").is_file());
    assert_eq!(
        helm_verify(&ctx, "mychart-0.1.0.tgz", "pubring.gpg"),
        Ok("['Rudder Test <rudder@example.com>']\n".to_owned())
    );

    let out = ctx.run(&["verify", "mychart-0.1.0.tgz", "--keyring", "pubring.gpg"]);
    assert_eq!(out.code, 0, "{out:?}");
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert_eq!(lines[0], "Signed by: Rudder Test <rudder@example.com>");
    assert!(
        lines[1].starts_with("Using Key With Fingerprint: "),
        "{out:?}"
    );
    assert_eq!(lines[1].len(), "Using Key With Fingerprint: ".len() + 40);
    assert!(
        lines[2].starts_with("Chart Hash Verified: sha256:"),
        "{out:?}"
    );

    // Helm's default keyring is $GNUPGHOME/pubring.gpg.
    let mut ctx2 = ctx;
    let work = ctx2.work_dir().display().to_string();
    ctx2.env("GNUPGHOME", &work);
    assert_eq!(ctx2.run(&["verify", "mychart-0.1.0.tgz"]).code, 0);

    let out = ctx2.run(&["verify", "mychart-0.1.0.tgz", "--keyring", "other.gpg"]);
    assert_eq!(
        (out.code, out.stderr.as_str()),
        (1, "Error: openpgp: signature made by unknown entity\n")
    );
    let out = ctx2.run(&[
        "template",
        "rel",
        "mychart-0.1.0.tgz",
        "--verify",
        "--keyring",
        "pubring.gpg",
    ]);
    assert_eq!(out.code, 0, "{out:?}");
    let out = ctx2.run(&[
        "template",
        "rel",
        "mychart-0.1.0.tgz",
        "--verify",
        "--keyring",
        "other.gpg",
    ]);
    assert_eq!(
        (out.code, out.stderr.as_str()),
        (1, "Error: openpgp: signature made by unknown entity\n")
    );

    // A changed archive fails in both.
    let tgz = ctx2.work_dir().join("mychart-0.1.0.tgz");
    let mut data = fs_err::read(&tgz).expect("archive");
    data.push(0);
    fs_err::write(&tgz, data).expect("archive");
    let out = ctx2.run(&["verify", "mychart-0.1.0.tgz", "--keyring", "pubring.gpg"]);
    let helm = helm_verify(&ctx2, "mychart-0.1.0.tgz", "pubring.gpg").expect_err("helm fails");
    assert_eq!(out.stderr, format!("Error: {helm}\n"));
    assert_eq!(out.code, 1);
}

#[test]
fn package_sign_with_passphrase() {
    if !tools() {
        return;
    }
    let ctx = signing_context();
    let prov = ctx.work_dir().join("mychart-0.1.0.tgz.prov");
    let mut args = SIGN.to_vec();
    args.extend(["--key", "Locked", "--passphrase-file", "wrong.txt"]);
    let out = ctx.run(&args);
    assert_eq!(
        (out.code, out.stderr.as_str()),
        (
            1,
            "Error: openpgp: invalid data: private key checksum failure\n"
        )
    );
    assert!(!prov.exists());

    let mut args = SIGN.to_vec();
    args.extend(["--key", "Locked", "--passphrase-file", "pass.txt"]);
    let out = ctx.run(&args);
    assert_eq!(out.code, 0, "{out:?}");
    assert_eq!(
        helm_verify(&ctx, "mychart-0.1.0.tgz", "pubring.gpg"),
        Ok("['Locked Key <locked@example.com>']\n".to_owned())
    );

    fs_err::remove_file(&prov).expect("remove");
    for (key, err) in [
        ("Nobody", "private key not found"),
        (
            "example.com",
            "more than one key contain the id \"example.com\"",
        ),
    ] {
        let mut args = SIGN.to_vec();
        args.extend(["--key", key]);
        let out = ctx.run(&args);
        assert_eq!((out.code, out.stderr), (1, format!("Error: {err}\n")));
        assert!(!prov.exists());
    }
    let out = ctx.run(&["package", "mychart", "--sign"]);
    assert_eq!(
        out.stderr,
        "Error: --key is required for signing a package\n"
    );
}

#[test]
fn pull_verify_from_a_repository() {
    if !tools() {
        return;
    }
    let ctx = signing_context();
    let mut args = SIGN.to_vec();
    args.extend(["--key", "Rudder"]);
    assert_eq!(ctx.run(&args).code, 0);
    let work = ctx.work_dir();
    let server = repo_server::start(None, None);
    let index = "apiVersion: v1\nentries:\n  mychart:\n  - apiVersion: v2\n    name: mychart\n    version: 0.1.0\n    urls: [mychart-0.1.0.tgz]\ngenerated: \"2024-01-02T03:04:05Z\"\n";
    server.route("/index.yaml", Reply::Body(index.as_bytes().to_vec()));
    let tgz = fs_err::read(work.join("mychart-0.1.0.tgz")).expect("archive");
    server.route("/mychart-0.1.0.tgz", Reply::Body(tgz));
    let repo = server.url(false);
    let pull = |dest: &str, extra: &[&str]| {
        let mut args = vec!["pull", "mychart", "--repo", &repo, "-d", dest];
        args.extend(extra);
        ctx.run(&args)
    };

    // No .prov on the server: --verify fails, --prov warns.
    let out = pull("a", &["--verify", "--keyring", "pubring.gpg"]);
    assert_eq!(
        (out.code, out.stderr),
        (
            1,
            format!("Error: failed to fetch provenance \"{repo}/mychart-0.1.0.tgz.prov\"\n")
        )
    );
    let out = pull("a", &["--prov"]);
    assert_eq!(out.code, 0, "{out:?}");
    assert!(
        out.stdout.starts_with(&format!(
            "WARNING: Verification not found for {repo}/mychart-0.1.0.tgz: "
        )),
        "{out:?}"
    );

    let prov = fs_err::read(work.join("mychart-0.1.0.tgz.prov")).expect("prov");
    server.route("/mychart-0.1.0.tgz.prov", Reply::Body(prov));
    let out = pull("b", &["--verify", "--keyring", "pubring.gpg"]);
    assert_eq!(out.code, 0, "{out:?}");
    assert!(
        out.stdout
            .starts_with("Signed by: Rudder Test <rudder@example.com>\n")
    );
    assert!(work.join("b/mychart-0.1.0.tgz.prov").is_file());
    let out = pull("c", &["--verify", "--keyring", "other.gpg", "--untar"]);
    assert_eq!(
        (out.code, out.stderr.as_str()),
        (1, "Error: openpgp: signature made by unknown entity\n")
    );
    assert!(!work.join("c/mychart").exists());
    // `mychart/` exists in the working directory, so unpack into a folder of its own.
    let out = pull(
        "d",
        &[
            "--verify",
            "--keyring",
            "pubring.gpg",
            "--untar",
            "--untardir",
            "u",
        ],
    );
    assert_eq!(out.code, 0, "{out:?}");
    assert!(work.join("d/u/mychart/Chart.yaml").is_file());

    // template of a repository chart verifies the download the same way.
    let template = |ring: &str| {
        ctx.run(&[
            "template",
            "rel",
            "mychart",
            "--repo",
            &repo,
            "--verify",
            "--keyring",
            ring,
        ])
    };
    let out = template("pubring.gpg");
    assert_eq!(out.code, 0, "{out:?}");
    assert!(out.stdout.contains("x: 1"), "{out:?}");
    let out = template("other.gpg");
    assert_eq!(
        (out.code, out.stderr.as_str()),
        (1, "Error: openpgp: signature made by unknown entity\n")
    );
}
