//! `rudder repo add|list|remove|update|index`, `search repo` and `pull` against a chart
//! repository served on loopback (reviewed snapshots: the Helm oracle has no CLI for these
//! commands; `repo index` itself is compared with Helm's in `rudder-repo`'s tests).

use rudder_test::repo_server::{self, Reply, Server};
use rudder_test::{Output, TestContext};

use crate::context;

/// Writes a chart directory `name-version` and packages it into `repo/`.
fn chart(ctx: &TestContext, name: &str, version: &str, description: &str) {
    let dir = ctx.work_dir().join(format!("src/{name}-{version}"));
    fs_err::create_dir_all(dir.join("templates")).expect("chart folder");
    fs_err::write(
        dir.join("Chart.yaml"),
        format!("apiVersion: v2\nname: {name}\nversion: {version}\ndescription: {description}\nappVersion: \"{version}\"\n"),
    )
    .expect("Chart.yaml");
    fs_err::write(dir.join("values.yaml"), "replicas: 1\n").expect("values.yaml");
    fs_err::write(dir.join("templates/cm.yaml"), "kind: ConfigMap\n").expect("template");
    let out = ctx.run(&["package", &dir.display().to_string(), "-d", "repo"]);
    assert_eq!(out.code, 0, "{out:?}");
}

/// A context whose `repo/` folder is indexed and served.
fn served(auth: Option<(&str, &str)>) -> (TestContext, Server) {
    let ctx = context();
    chart(&ctx, "alpha", "1.0.0", "the first chart");
    chart(&ctx, "alpha", "1.1.0", "the first chart, again");
    chart(&ctx, "alpha", "2.0.0-beta.1", "the first chart, next");
    chart(&ctx, "beta", "0.3.0", "a web server");
    let server = repo_server::start(auth, None);
    let out = ctx.run(&["repo", "index", "repo", "--url", &server.url(false)]);
    assert_eq!(out.code, 0, "{out:?}");
    for e in fs_err::read_dir(ctx.work_dir().join("repo")).expect("repo folder") {
        let e = e.expect("entry");
        let name = e.file_name().to_string_lossy().into_owned();
        server.route(
            &format!("/{name}"),
            Reply::Body(fs_err::read(e.path()).expect("file")),
        );
    }
    (ctx, server)
}

/// Stdout, stderr and the exit code, with the server's URL as `URL`.
fn show(server: &Server, out: &Output) -> String {
    format!("{}{}[exit {}]", out.stdout, out.stderr, out.code).replace(&server.url(false), "URL")
}

#[test]
fn add_list_search_update_remove() {
    let (ctx, server) = served(None);
    let url = server.url(false);
    let run = |args: &[&str]| show(&server, &ctx.run(args));

    insta::assert_snapshot!(run(&["repo", "list"]), @r"
    no repositories to show
    [exit 0]
    ");
    insta::assert_snapshot!(run(&["repo", "add", "demo", &url]), @r#"
    "demo" has been added to your repositories
    [exit 0]
    "#);
    insta::assert_snapshot!(run(&["repo", "add", "demo", &url]), @r#"
    "demo" already exists with the same configuration, skipping
    [exit 0]
    "#);
    insta::assert_snapshot!(run(&["repo", "add", "demo", &format!("{url}/x")]), @r"
    Error: repository name (demo) already exists, please specify a different name
    [exit 1]
    ");
    insta::assert_snapshot!(run(&["repo", "add", "a/b", &url]), @r"
    Error: repository name (a/b) contains '/', please specify a different name without '/'
    [exit 1]
    ");
    insta::assert_snapshot!(run(&["repo", "add", "gone", &format!("{url}/gone")]), @r#"
    Error: looks like "URL/gone" is not a valid chart repository or cannot be reached: failed to fetch URL/gone/index.yaml : 404 Not Found
    [exit 1]
    "#);
    let config = fs_err::read_to_string(ctx.config_home().join("repositories.yaml"))
        .expect("repositories.yaml");
    insta::assert_snapshot!(config.replace(&url, "URL"), @r#"
    apiVersion: ""
    generated: "0001-01-01T00:00:00Z"
    repositories:
    - caFile: ""
      certFile: ""
      insecure_skip_tls_verify: false
      keyFile: ""
      name: demo
      pass_credentials_all: false
      password: ""
      url: URL
      username: ""
    "#);
    assert!(ctx.config_home().join("repositories.lock").exists());
    let charts = fs_err::read_to_string(ctx.cache_home().join("repository/demo-charts.txt"))
        .expect("charts file");
    assert_eq!(charts, "alpha\nbeta\n");

    // uitable pads the header to the URL's width, which depends on the port.
    let listed = ctx.run(&["repo", "list"]);
    assert_eq!(
        listed.stdout,
        format!("NAME\t{:width$}\ndemo\t{url}\n", "URL", width = url.len())
    );
    insta::assert_snapshot!(run(&["repo", "list", "-o", "json"]), @r#"
    [{"name":"demo","url":"URL"}]
    [exit 0]
    "#);
    insta::assert_snapshot!(run(&["search", "repo"]), @r"
    NAME      	CHART VERSION	APP VERSION	DESCRIPTION           
    demo/alpha	1.1.0        	1.1.0      	the first chart, again
    demo/beta 	0.3.0        	0.3.0      	a web server          
    [exit 0]
    ");
    insta::assert_snapshot!(run(&["search", "repo", "WEB"]), @r"
    NAME     	CHART VERSION	APP VERSION	DESCRIPTION 
    demo/beta	0.3.0        	0.3.0      	a web server
    [exit 0]
    ");
    insta::assert_snapshot!(run(&["search", "repo", "alpha", "--versions", "--devel"]), @r"
    NAME      	CHART VERSION	APP VERSION 	DESCRIPTION           
    demo/alpha	2.0.0-beta.1 	2.0.0-beta.1	the first chart, next 
    demo/alpha	1.1.0        	1.1.0       	the first chart, again
    demo/alpha	1.0.0        	1.0.0       	the first chart       
    [exit 0]
    ");
    insta::assert_snapshot!(run(&["search", "repo", "alpha", "--version", "<1.1"]), @r"
    NAME      	CHART VERSION	APP VERSION	DESCRIPTION    
    demo/alpha	1.0.0        	1.0.0      	the first chart
    [exit 0]
    ");
    insta::assert_snapshot!(run(&["search", "repo", "nothing-like-this"]), @r"
    No results found
    [exit 0]
    ");
    insta::assert_snapshot!(run(&["search", "repo", "-r", "web\\s+serv", "-o", "yaml"]), @r"
    - app_version: 0.3.0
      description: a web server
      name: demo/beta
      version: 0.3.0
    [exit 0]
    ");
    insta::assert_snapshot!(run(&["repo", "update"]), @r#"
    Hang tight while we grab the latest from your chart repositories...
    ...Successfully got an update from the "demo" chart repository
    Update Complete. ⎈Happy Helming!⎈
    [exit 0]
    "#);
    insta::assert_snapshot!(run(&["repo", "update", "nope"]), @r"
    Error: no repositories found matching 'nope'.  Nothing will be updated
    [exit 1]
    ");

    insta::assert_snapshot!(run(&["pull", "demo/alpha", "--version", "1.0.0", "-d", "out"]), @"[exit 0]");
    assert!(ctx.work_dir().join("out/alpha-1.0.0.tgz").exists());
    insta::assert_snapshot!(run(&["pull", "demo/beta", "--untar", "-d", "out"]), @"[exit 0]");
    assert!(ctx.work_dir().join("out/beta/Chart.yaml").exists());
    insta::assert_snapshot!(run(&["pull", "alpha", "--repo", &url, "--devel", "-d", "out"]), @"[exit 0]");
    assert!(ctx.work_dir().join("out/alpha-2.0.0-beta.1.tgz").exists());
    insta::assert_snapshot!(run(&["pull", &format!("{url}/beta-0.3.0.tgz"), "-d", "byurl"]), @"[exit 0]");
    assert!(ctx.work_dir().join("byurl/beta-0.3.0.tgz").exists());
    insta::assert_snapshot!(run(&["pull", "demo/nope"]), @r#"
    Error: chart "nope" matching  not found in demo index. (try 'helm repo update'): no chart name found
    [exit 1]
    "#);
    insta::assert_snapshot!(run(&["pull", "other/alpha"]), @r"
    Error: repo other not found
    [exit 1]
    ");

    insta::assert_snapshot!(run(&["template", "rel", "demo/alpha", "--version", "~1.0"]), @r"
    ---
    # Source: alpha/templates/cm.yaml
    kind: ConfigMap
    [exit 0]
    ");
    insta::assert_snapshot!(run(&["template", "rel", "beta", "--repo", &url]), @r"
    ---
    # Source: beta/templates/cm.yaml
    kind: ConfigMap
    [exit 0]
    ");

    insta::assert_snapshot!(run(&["show", "chart", "demo/alpha", "--version", "1.0.0"]), @r"
    apiVersion: v2
    appVersion: 1.0.0
    description: the first chart
    name: alpha
    version: 1.0.0

    [exit 0]
    ");

    insta::assert_snapshot!(run(&["repo", "remove", "demo"]), @r#"
    "demo" has been removed from your repositories
    [exit 0]
    "#);
    assert!(!ctx.cache_home().join("repository/demo-index.yaml").exists());
    insta::assert_snapshot!(run(&["repo", "remove", "demo"]), @r"
    Error: no repositories configured
    [exit 1]
    ");
    insta::assert_snapshot!(run(&["repo", "update"]), @r"
    Error: no repositories found. You must add one before updating
    [exit 1]
    ");
    insta::assert_snapshot!(run(&["search", "repo", "x"]), @r"
    Error: no repositories configured
    [exit 1]
    ");
}

#[test]
fn add_with_credentials() {
    let (ctx, server) = served(Some(("user", "pw")));
    let url = server.url(false);
    let run = |args: &[&str]| show(&server, &ctx.run(args));
    insta::assert_snapshot!(run(&["repo", "add", "private", &url, "--username", "user", "--password", "bad"]), @r#"
    Error: looks like "URL" is not a valid chart repository or cannot be reached: failed to fetch URL/index.yaml : 401 Unauthorized
    [exit 1]
    "#);
    insta::assert_snapshot!(run(&["repo", "add", "private", &url, "--username", "user", "--password", "pw"]), @r#"
    "private" has been added to your repositories
    [exit 0]
    "#);
    insta::assert_snapshot!(run(&["pull", "private/beta", "-d", "out"]), @"[exit 0]");
    assert!(ctx.work_dir().join("out/beta-0.3.0.tgz").exists());

    // --password-stdin takes the first line, without its line ending.
    let mut child = ctx
        .command(&[
            "repo",
            "add",
            "stdin",
            &url,
            "--username",
            "user",
            "--password-stdin",
        ])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("rudder runs");
    std::io::Write::write_all(&mut child.stdin.take().expect("stdin piped"), b"pw\r\n")
        .expect("password written");
    let out = child.wait_with_output().expect("rudder finishes");
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "\"stdin\" has been added to your repositories\n"
    );
    let config = fs_err::read_to_string(ctx.config_home().join("repositories.yaml"))
        .expect("repositories.yaml");
    assert!(config.contains("  password: pw\n"), "{config}");
}

/// A gzipped tar whose entries are `(path, bytes)`, paths written as given.
fn tarball(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut builder = tar::Builder::new(flate2::write::GzEncoder::new(
        Vec::new(),
        flate2::Compression::default(),
    ));
    for (path, data) in entries {
        let mut header = tar::Header::new_old();
        let name = path.as_bytes();
        header.as_old_mut().name[..name.len()].copy_from_slice(name);
        header.set_size(data.len() as u64);
        header.set_mode(0o644);
        header.set_entry_type(tar::EntryType::Regular);
        header.set_cksum();
        builder.append(&header, *data).expect("entry appends");
    }
    builder
        .into_inner()
        .expect("tar finishes")
        .finish()
        .expect("gzip finishes")
}

#[test]
fn pull_refuses_archives_that_escape_and_tampered_digests() {
    let ctx = context();
    let server = repo_server::start(None, None);
    let evil = tarball(&[
        (
            "evil/Chart.yaml",
            b"apiVersion: v2\nname: evil\nversion: 1.0.0\n",
        ),
        ("evil/../../escaped.txt", b"gotcha"),
    ]);
    let good = tarball(&[(
        "good/Chart.yaml",
        b"apiVersion: v2\nname: good\nversion: 1.0.0\n",
    )]);
    let index = "apiVersion: v1\nentries:\n  evil:\n  - apiVersion: v2\n    name: evil\n    version: 1.0.0\n    urls: [evil-1.0.0.tgz]\n  good:\n  - apiVersion: v2\n    name: good\n    version: 1.0.0\n    digest: \"0000000000000000000000000000000000000000000000000000000000000000\"\n    urls: [good-1.0.0.tgz]\ngenerated: \"2024-01-02T03:04:05Z\"\n";
    server.route("/index.yaml", Reply::Body(index.as_bytes().to_vec()));
    server.route("/evil-1.0.0.tgz", Reply::Body(evil));
    server.route("/good-1.0.0.tgz", Reply::Body(good.clone()));
    let url = server.url(false);
    let run = |args: &[&str]| show(&server, &ctx.run(args));
    insta::assert_snapshot!(run(&["repo", "add", "x", &url]), @r#"
    "x" has been added to your repositories
    [exit 0]
    "#);
    insta::assert_snapshot!(run(&["pull", "x/evil", "--untar", "-d", "out"]), @r"
    Error: chart illegally references parent directory
    [exit 1]
    ");
    assert!(!ctx.work_dir().join("escaped.txt").exists());
    assert!(!ctx.work_dir().join("out/evil").exists());
    let digest = rudder_repo::digest_bytes(&good);
    let shown = run(&["pull", "x/good", "-d", "out"]);
    assert_eq!(
        shown,
        format!(
            "Error: digest mismatch for URL/good-1.0.0.tgz: index has sha256:{}, got sha256:{digest}\n[exit 1]",
            "0".repeat(64)
        )
    );
    assert!(!ctx.work_dir().join("out/good-1.0.0.tgz").exists());
}

#[test]
fn add_over_tls_with_the_repository_ca() {
    let ctx = context();
    let pki = repo_server::pki();
    let server = repo_server::start(None, Some(pki.server.clone()));
    server.route(
        "/index.yaml",
        Reply::Body(b"apiVersion: v1\nentries: {}\ngenerated: \"2024-01-02T03:04:05Z\"\n".to_vec()),
    );
    let url = server.url(true);
    let ca = ctx.work_dir().join("ca.pem");
    fs_err::write(&ca, &pki.ca_pem).expect("CA written");
    let run = |args: &[&str]| {
        let out = ctx.run(args);
        format!("{}{}[exit {}]", out.stdout, out.stderr, out.code).replace(&url, "URL")
    };
    insta::assert_snapshot!(run(&["repo", "add", "tls", &url]), @r#"
    Error: looks like "URL" is not a valid chart repository or cannot be reached: Get "URL/index.yaml": tls: failed to verify certificate: x509: certificate signed by unknown authority
    [exit 1]
    "#);
    insta::assert_snapshot!(run(&["repo", "add", "tls", &url, "--ca-file", "ca.pem"]), @r#"
    "tls" has been added to your repositories
    [exit 0]
    "#);
    insta::assert_snapshot!(run(&["repo", "add", "skip", &url, "--insecure-skip-tls-verify"]), @r#"
    "skip" has been added to your repositories
    [exit 0]
    "#);
}
