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
