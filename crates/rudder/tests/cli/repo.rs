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

    insta::assert_snapshot!(run(&["repo", "remove", "demo"]), @r#"
    "demo" has been removed from your repositories
    [exit 0]
    "#);
    assert!(!ctx.cache_home().join("repository/demo-index.yaml").exists());
    insta::assert_snapshot!(run(&["repo", "remove", "demo"]), @r"
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
}
