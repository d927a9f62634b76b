//! `rudder repo serve` as a process, and `dependency update|build`, `template
//! --dependency-update` against it through the binary: Helm's messages, the lock, `charts/`,
//! and the errors Helm gives (out-of-sync lock, missing repositories, missing dependencies).

use std::io::{BufRead as _, BufReader};
use std::process::{Child, Stdio};

use rudder_test::TestContext;

use crate::context;

/// A `rudder repo serve` child process, killed on drop.
struct Served {
    child: Child,
    url: String,
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn serve(ctx: &TestContext, dir: &std::path::Path, extra: &[&str]) -> Served {
    let mut args = vec!["repo", "serve"];
    let d = dir.display().to_string();
    args.push(&d);
    args.extend(["--address", "127.0.0.1:0"]);
    args.extend(extra);
    let mut child = ctx
        .command(&args)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("repo serve starts");
    let stdout = child.stdout.take().expect("stdout");
    let mut lines = BufReader::new(stdout).lines();
    assert_eq!(
        lines.next().and_then(Result::ok).as_deref(),
        Some("Regenerating index. This may take a moment.")
    );
    let line = lines.next().and_then(Result::ok).expect("serving line");
    let addr = line
        .strip_prefix("Now serving you on ")
        .expect("Helm 2's serving line")
        .to_owned();
    Served {
        child,
        url: format!("http://{addr}"),
    }
}

fn package(ctx: &TestContext, name: &str, version: &str, dest: &std::path::Path) {
    let src = ctx.root().join("src").join(format!("{name}-{version}"));
    fs_err::create_dir_all(src.join("templates")).expect("mkdir");
    fs_err::write(
        src.join("Chart.yaml"),
        format!("apiVersion: v2\nname: {name}\nversion: {version}\n"),
    )
    .expect("write");
    fs_err::write(
        src.join("templates/cm.yaml"),
        format!("kind: ConfigMap\nmetadata:\n  name: {name}\n"),
    )
    .expect("write");
    let out = ctx.run(&[
        "package",
        &src.display().to_string(),
        "-d",
        &dest.display().to_string(),
    ]);
    assert_eq!(out.code, 0, "{out:?}");
}

#[test]
fn update_build_and_template_against_repo_serve() {
    let ctx = context();
    let repo = ctx.root().join("repo");
    for (n, v) in [("alpha", "1.0.0"), ("alpha", "1.1.0"), ("beta", "0.3.0")] {
        package(&ctx, n, v, &repo);
    }
    let served = serve(&ctx, &repo, &[]);
    let url = served.url.clone();
    let out = ctx.run(&["repo", "add", "demo", &url]);
    assert_eq!(out.stdout, "\"demo\" has been added to your repositories\n");

    let chart = ctx.work_dir().join("parent");
    fs_err::create_dir_all(chart.join("templates")).expect("mkdir");
    fs_err::write(
        chart.join("Chart.yaml"),
        "apiVersion: v2\nname: parent\nversion: 0.1.0\ndependencies:\n- name: alpha\n  version: ~1.1\n  repository: \"@demo\"\n- name: beta\n  version: \"*\"\n  repository: alias:demo\n",
    )
    .expect("write");

    let out = ctx.run(&["template", "rel", "parent"]);
    assert_eq!(out.code, 1);
    assert_eq!(
        out.stderr,
        "Error: an error occurred while checking for chart dependencies. You may need to run 'helm dependency build' to fetch missing dependencies: found in Chart.yaml, but missing in charts/ directory: alpha, beta\n"
    );

    let out = ctx.run(&["dependency", "update", "parent"]);
    assert_eq!(out.code, 0, "{out:?}");
    assert_eq!(
        out.stdout,
        format!(
            "Hang tight while we grab the latest from your chart repositories...\n\
             ...Successfully got an update from the \"demo\" chart repository\n\
             Update Complete. ⎈Happy Helming!⎈\n\
             Saving 2 charts\n\
             Downloading alpha from repo {url}\n\
             Downloading beta from repo {url}\n\
             Deleting outdated charts\n"
        )
    );
    let out = ctx.run(&["dependency", "list", "parent"]);
    assert!(
        out.stdout.contains("alpha\t~1.1   \t@demo     \tok"),
        "{out:?}"
    );

    // Build with --skip-refresh touches no repository.
    fs_err::remove_dir_all(chart.join("charts")).expect("rm");
    let out = ctx.run(&["dependency", "build", "parent", "--skip-refresh"]);
    assert_eq!(
        out.stdout,
        format!(
            "Saving 2 charts\nDownloading alpha from repo {url}\nDownloading beta from repo {url}\nDeleting outdated charts\n"
        )
    );

    // An out-of-sync lock.
    let yaml = fs_err::read_to_string(chart.join("Chart.yaml")).expect("read");
    fs_err::write(chart.join("Chart.yaml"), yaml.replace("~1.1", "~1.0")).expect("write");
    let out = ctx.run(&["dependency", "build", "parent"]);
    assert_eq!(out.code, 1);
    assert_eq!(
        out.stderr,
        "Error: the lock file (Chart.lock) is out of sync with the dependencies file (Chart.yaml). Please update the dependencies with 'helm dependency update'\n"
    );

    // template --dependency-update fetches what is missing, then renders.
    fs_err::remove_dir_all(chart.join("charts")).expect("rm");
    let out = ctx.run(&["template", "rel", "parent", "--dependency-update"]);
    assert_eq!(out.code, 0, "{out:?}");
    assert!(
        out.stdout.contains("Downloading alpha from repo")
            && out
                .stdout
                .contains("# Source: parent/charts/alpha/templates/cm.yaml"),
        "{}",
        out.stdout
    );
    let lock = fs_err::read_to_string(chart.join("Chart.lock")).expect("lock");
    assert!(lock.contains("  version: 1.0.0\n"), "{lock}");

    // Without the repository configured, `@demo` resolves to nothing (Helm resolves the
    // aliases before it reads the lock).
    let out = ctx.run(&["repo", "remove", "demo"]);
    assert_eq!(out.code, 0);
    let out = ctx.run(&["dependency", "build", "parent"]);
    assert_eq!(
        out.stderr,
        "Error: no repository definition for @demo. Please add them via 'helm repo add'\n"
    );
}

#[test]
fn serve_refuses_uploads_without_credentials_and_takes_them_with() {
    let ctx = context();
    let repo = ctx.root().join("repo");
    fs_err::create_dir_all(&repo).expect("mkdir");
    let pw = ctx.root().join("pw");
    fs_err::write(&pw, "s3cret\n").expect("write");
    let served = serve(
        &ctx,
        &repo,
        &[
            "--username",
            "admin",
            "--password-file",
            &pw.display().to_string(),
        ],
    );
    package(&ctx, "gamma", "0.1.0", &ctx.root().join("pkg"));
    let archive = fs_err::read(ctx.root().join("pkg/gamma-0.1.0.tgz")).expect("archive");
    let post = |auth: &str| {
        let out = std::process::Command::new("curl")
            .args(["-s", "-o", "/dev/null", "-w", "%{http_code}", "-u", auth])
            .args(["--data-binary", "@-"])
            .arg(format!("{}/api/charts", served.url))
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .and_then(|mut c| {
                use std::io::Write as _;
                c.stdin.take().expect("stdin").write_all(&archive)?;
                c.wait_with_output()
            })
            .expect("curl runs");
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    assert_eq!(post("admin:wrong"), "401");
    assert_eq!(post("admin:s3cret"), "201");
    assert_eq!(post("admin:s3cret"), "409");
    let out = ctx.run(&["repo", "add", "up", &served.url]);
    assert_eq!(out.code, 0, "{out:?}");
    let out = ctx.run(&["search", "repo", "gamma"]);
    assert!(out.stdout.contains("up/gamma\t0.1.0"), "{out:?}");
}

/// `pubring.gpg`, `secring.gpg` (key `Dep Signer`) and `other.gpg` (an unrelated key) in the
/// work directory; `false` when gpg is missing outside CI.
fn keys(ctx: &TestContext) -> bool {
    let have = std::process::Command::new("gpg")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    assert!(
        have || std::env::var_os("CI").is_none(),
        "gpg is needed under CI"
    );
    if !have {
        return false;
    }
    let home = ctx.root().join("gnupg");
    fs_err::create_dir(&home).expect("GNUPGHOME");
    {
        use std::os::unix::fs::PermissionsExt as _;
        fs_err::set_permissions(&home, std::fs::Permissions::from_mode(0o700)).expect("mode");
    }
    let gpg = |args: &[&str]| {
        let o = std::process::Command::new("gpg")
            .env("GNUPGHOME", &home)
            .args(["--batch", "--yes", "--quiet"])
            .args(args)
            .output()
            .expect("gpg runs");
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        o.stdout
    };
    let spec = ctx.root().join("keyspec");
    fs_err::write(
        &spec,
        "%no-protection\nKey-Type: RSA\nKey-Length: 2048\nName-Real: Dep Signer\nName-Email: dep@example.com\nExpire-Date: 0\n%commit\nKey-Type: RSA\nKey-Length: 2048\nName-Real: Other Key\nName-Email: other@example.com\nExpire-Date: 0\n%commit\n",
    )
    .expect("spec");
    gpg(&["--gen-key", &spec.display().to_string()]);
    let work = ctx.work_dir();
    fs_err::write(
        work.join("secring.gpg"),
        gpg(&["--export-secret-keys", "Dep Signer"]),
    )
    .expect("secring");
    fs_err::write(work.join("pubring.gpg"), gpg(&["--export", "Dep Signer"])).expect("pubring");
    fs_err::write(work.join("other.gpg"), gpg(&["--export", "Other Key"])).expect("other");
    let _ = std::process::Command::new("gpgconf")
        .env("GNUPGHOME", &home)
        .args(["--kill", "gpg-agent"])
        .output();
    true
}

#[test]
fn verify_checks_provenance_of_every_download() {
    let ctx = context();
    if !keys(&ctx) {
        return;
    }
    let repo = ctx.root().join("repo");
    let work = ctx.work_dir();
    let src = work.join("signed");
    fs_err::create_dir_all(src.join("templates")).expect("mkdir");
    fs_err::write(
        src.join("Chart.yaml"),
        "apiVersion: v2\nname: signed\nversion: 1.0.0\n",
    )
    .expect("write");
    let out = ctx.run(&[
        "package",
        "signed",
        "--sign",
        "--key",
        "Dep Signer",
        "--keyring",
        "secring.gpg",
        "-d",
        &repo.display().to_string(),
    ]);
    assert_eq!(out.code, 0, "{out:?}");
    package(&ctx, "plain", "1.0.0", &repo);
    let served = serve(&ctx, &repo, &[]);
    let url = served.url.clone();
    assert_eq!(ctx.run(&["repo", "add", "demo", &url]).code, 0);
    let chart = |name: &str, dep: &str| {
        let dir = work.join(name);
        fs_err::create_dir_all(&dir).expect("mkdir");
        fs_err::write(
            dir.join("Chart.yaml"),
            format!(
                "apiVersion: v2\nname: {name}\nversion: 0.1.0\ndependencies:\n- name: {dep}\n  version: 1.0.0\n  repository: {url}\n"
            ),
        )
        .expect("write");
    };

    chart("good", "signed");
    let out = ctx.run(&[
        "dependency",
        "update",
        "good",
        "--verify",
        "--keyring",
        "pubring.gpg",
    ]);
    assert_eq!(out.code, 0, "{out:?}");
    assert!(work.join("good/charts/signed-1.0.0.tgz").is_file());

    chart("stranger", "signed");
    let out = ctx.run(&[
        "dependency",
        "update",
        "stranger",
        "--verify",
        "--keyring",
        "other.gpg",
    ]);
    assert_eq!(out.code, 1, "{out:?}");
    assert!(
        out.stderr
            .ends_with("openpgp: signature made by unknown entity\n"),
        "{out:?}"
    );
    assert!(!work.join("stranger/charts/signed-1.0.0.tgz").exists());

    // update --verify needs a .prov; build --verify only warns without one.
    chart("unsigned", "plain");
    let out = ctx.run(&[
        "dependency",
        "update",
        "unsigned",
        "--verify",
        "--keyring",
        "pubring.gpg",
    ]);
    assert_eq!(out.code, 1, "{out:?}");
    assert!(
        out.stderr.contains(&format!(
            "failed to fetch provenance \"{url}/plain-1.0.0.tgz.prov\""
        )),
        "{out:?}"
    );
    let out = ctx.run(&["dependency", "update", "unsigned"]);
    assert_eq!(out.code, 0, "{out:?}");
    fs_err::remove_dir_all(work.join("unsigned/charts")).expect("rm");
    let out = ctx.run(&[
        "dependency",
        "build",
        "unsigned",
        "--verify",
        "--keyring",
        "pubring.gpg",
    ]);
    assert_eq!(out.code, 0, "{out:?}");
    assert!(
        out.stdout.contains(&format!(
            "WARNING: Verification not found for {url}/plain-1.0.0.tgz: "
        )),
        "{out:?}"
    );
}

#[test]
fn package_dependency_update_fetches_before_packaging_and_prints_only_the_package_line() {
    let ctx = context();
    let repo = ctx.root().join("repo");
    package(&ctx, "alpha", "1.0.0", &repo);
    let served = serve(&ctx, &repo, &[]);
    assert_eq!(ctx.run(&["repo", "add", "demo", &served.url]).code, 0);

    let chart = ctx.work_dir().join("parent");
    fs_err::create_dir_all(chart.join("templates")).expect("mkdir");
    fs_err::write(
        chart.join("Chart.yaml"),
        "apiVersion: v2\nname: parent\nversion: 0.1.0\ndependencies:\n- name: alpha\n  version: 1.0.0\n  repository: \"@demo\"\n",
    )
    .expect("write");

    // Helm discards the update's own lines: only the package line is printed.
    let out = ctx.run(&["package", "parent", "-u", "-d", "out"]);
    assert_eq!(out.code, 0, "{out:?}");
    let saved = ctx.work_dir().join("out").join("parent-0.1.0.tgz");
    assert_eq!(
        out.stdout,
        "Successfully packaged chart and saved it to: out/parent-0.1.0.tgz\n"
    );
    assert!(chart.join("charts/alpha-1.0.0.tgz").is_file());
    assert!(chart.join("Chart.lock").is_file());
    let archive = rudder_chart::load(&saved).expect("the package loads");
    assert_eq!(archive.dependencies().len(), 1, "the subchart is packaged");

    // A dependency no repository has fails the package, which is not written.
    fs_err::write(
        chart.join("Chart.yaml"),
        "apiVersion: v2\nname: parent\nversion: 0.2.0\ndependencies:\n- name: alpha\n  version: 9.9.9\n  repository: \"@demo\"\n",
    )
    .expect("write");
    let out = ctx.run(&["package", "parent", "-u", "-d", "out"]);
    assert_eq!(out.code, 1, "{out:?}");
    assert!(!ctx.work_dir().join("out/parent-0.2.0.tgz").exists());
}
