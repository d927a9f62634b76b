//! Global settings that come from the kubeconfig: the namespace of the chosen context (Helm's
//! `EnvSettings.Namespace()`), and `--kubeconfig` against `KUBECONFIG` in `rudder env`.

use crate::context;

const KUBECONFIG: &str = "apiVersion: v1
kind: Config
current-context: a
contexts:
- name: a
  context: {cluster: k, user: u, namespace: from-context}
- name: b
  context: {cluster: k, user: u}
clusters:
- name: k
  cluster: {server: 'https://127.0.0.1:9'}
users:
- name: u
  user: {token: t}
";

/// `rudder env`'s line for one variable.
fn line<'a>(stdout: &'a str, name: &str) -> Option<&'a str> {
    stdout.lines().find(|l| l.starts_with(&format!("{name}=")))
}

#[test]
fn namespace_comes_from_the_kubeconfig_context() {
    let mut ctx = context();
    let file = ctx.root().join("kubeconfig");
    fs_err::write(&file, KUBECONFIG).unwrap();
    let path = file.to_str().unwrap().to_owned();

    // KUBECONFIG is read for the namespace but, as in Helm, not shown: the --kubeconfig flag
    // defaults to "" and hides it.
    ctx.env("KUBECONFIG", &path);
    let out = ctx.run(&["env"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        line(&out.stdout, "HELM_NAMESPACE"),
        Some("HELM_NAMESPACE=\"from-context\"")
    );
    assert_eq!(line(&out.stdout, "KUBECONFIG"), None);

    let out = ctx.run(&["env", "--kube-context", "b"]);
    assert_eq!(
        line(&out.stdout, "HELM_NAMESPACE"),
        Some("HELM_NAMESPACE=\"default\"")
    );
    let out = ctx.run(&["env", "-n", "flag"]);
    assert_eq!(
        line(&out.stdout, "HELM_NAMESPACE"),
        Some("HELM_NAMESPACE=\"flag\"")
    );

    let mut ctx = context();
    let file = ctx.root().join("kubeconfig");
    fs_err::write(&file, KUBECONFIG).unwrap();
    let path = file.to_str().unwrap().to_owned();
    ctx.env("HELM_KUBECONTEXT", "b");
    let out = ctx.run(&["env", "--kubeconfig", &path]);
    assert_eq!(
        line(&out.stdout, "HELM_NAMESPACE"),
        Some("HELM_NAMESPACE=\"default\"")
    );
    // The sandbox's directory shows as [TEMP].
    assert_eq!(
        line(&out.stdout, "KUBECONFIG"),
        Some("KUBECONFIG=\"[TEMP]/kubeconfig\"")
    );
    // An unreadable kubeconfig leaves the default, as Helm ignores the loader's error.
    let out = ctx.run(&[
        "env",
        "--kubeconfig",
        "/nonexistent/config",
        "HELM_NAMESPACE",
    ]);
    assert_eq!((out.code, out.stdout.trim()), (0, "default"));
}

const RELEASES: &str = r#"- name: alpha
  namespace: default
  version: 1
  info:
    status: deployed
    first_deployed: "2026-01-02T03:04:05Z"
    last_deployed: "2026-01-02T03:04:05Z"
    description: Install complete
  chart:
    metadata: {name: demo, version: 0.1.0, appVersion: "1.0"}
- name: beta
  namespace: other
  version: 2
  info:
    status: failed
    last_deployed: "2026-01-03T00:00:00Z"
  chart:
    metadata: {name: demo, version: 0.2.0}
"#;

/// `HELM_DRIVER=memory` with `HELM_MEMORY_DRIVER_DATA`: releases preloaded from YAML files, each
/// in its own namespace, with no cluster needed (Helm's `loadReleasesInMemory`).
#[test]
fn memory_driver_preloads_releases() {
    let mut ctx = context();
    let file = ctx.root().join("releases.yaml");
    fs_err::write(&file, RELEASES).unwrap();
    let path = file.to_str().unwrap().to_owned();
    ctx.env("HELM_DRIVER", "memory")
        .env("HELM_MEMORY_DRIVER_DATA", &format!(":{path}"));
    let names = |out: &rudder_test::Output| -> Vec<String> {
        out.stdout
            .lines()
            .skip(1)
            .map(|l| l.split_whitespace().next().unwrap_or_default().to_owned())
            .collect()
    };
    let out = ctx.run(&["list"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(names(&out), ["alpha"]);
    assert_eq!(names(&ctx.run(&["list", "-n", "other"])), ["beta"]);
    assert_eq!(names(&ctx.run(&["list", "-A"])), ["alpha", "beta"]);
    let out = ctx.run(&["history", "alpha"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.contains("Install complete"), "{}", out.stdout);

    ctx.env("HELM_MEMORY_DRIVER_DATA", "/nonexistent/releases.yaml");
    let out = ctx.run(&["list"]);
    assert_eq!(out.code, 1);
    assert!(
        out.stderr
            .starts_with("Error: Unable to read memory driver data: "),
        "{}",
        out.stderr
    );
}

/// An unknown `HELM_DRIVER` is refused with Helm's message before anything else happens (Helm
/// prints it through `log.Fatal`, after a timestamp instead of `Error: `).
#[test]
fn unknown_driver_is_refused() {
    let mut ctx = context();
    ctx.env("HELM_DRIVER", "bogus");
    let out = ctx.run(&["list"]);
    assert_eq!(out.code, 1);
    assert_eq!(out.stderr, "Error: unknown driver \"bogus\"\n");
}
