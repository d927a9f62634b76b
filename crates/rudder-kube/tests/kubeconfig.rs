//! Kubeconfig handling against the real API server of tests/cluster: contexts and their
//! namespaces, bearer tokens, client certificates (files and inline data), exec plugins,
//! impersonation under RBAC, `--kube-ca-file`, `--kube-tls-server-name`,
//! `--kube-insecure-skip-tls-verify`, `--kube-apiserver`, `--kube-token` and several kubeconfig
//! files merged as client-go merges `KUBECONFIG`.
//!
//! Each test runs when `KUBECONFIG` names the test cluster's kubeconfig (`tests/cluster/cluster
//! up`) and says it did not run otherwise.

use std::path::{Path, PathBuf};

use base64::Engine as _;
use rudder_kube::{Cluster, Error, KubeClient, KubeOptions, ObjectRef};

/// What the tests need to know about the running cluster.
struct Real {
    /// `https://127.0.0.1:PORT`.
    server: String,
    /// The cluster CA in PEM.
    ca_pem: String,
    /// The admin's bearer token.
    token: String,
    /// The cluster's state directory (holds `pki/ca.key` for client certificates).
    state: PathBuf,
    /// A scratch directory for kubeconfig files and scripts.
    dir: tempfile::TempDir,
}

#[expect(clippy::print_stderr, reason = "a skipped cluster test says so")]
fn real(test: &str) -> Option<Real> {
    // The test reads KUBECONFIG itself; the library never reads the environment.
    let Some(path) = std::env::var_os("KUBECONFIG") else {
        eprintln!("{test}: not run, KUBECONFIG is not set (tests/cluster/cluster up)");
        return None;
    };
    let path = PathBuf::from(path);
    let kc = kube::config::Kubeconfig::read_from(&path).unwrap();
    let cluster = kc.clusters[0].cluster.clone().unwrap();
    let user = kc.auth_infos[0].auth_info.clone().unwrap();
    let ca_pem = String::from_utf8(
        base64::engine::general_purpose::STANDARD
            .decode(cluster.certificate_authority_data.unwrap())
            .unwrap(),
    )
    .unwrap();
    let token = {
        use secrecy::ExposeSecret as _;
        user.token.unwrap().expose_secret().to_owned()
    };
    Some(Real {
        server: cluster.server.unwrap(),
        ca_pem,
        token,
        state: path.parent().unwrap().to_owned(),
        dir: tempfile::tempdir().unwrap(),
    })
}

impl Real {
    fn ca_data(&self) -> String {
        base64::engine::general_purpose::STANDARD.encode(&self.ca_pem)
    }

    /// Writes a file into the scratch directory.
    fn write(&self, name: &str, text: &str) -> PathBuf {
        let path = self.dir.path().join(name);
        fs_err::write(&path, text).unwrap();
        path
    }

    /// A kubeconfig with one context `c` over the real server, with `user` as the user
    /// entry's YAML (flow style).
    fn kubeconfig(&self, name: &str, user: &str, namespace: Option<&str>) -> PathBuf {
        let ns = namespace.map_or(String::new(), |n| format!(", namespace: {n}"));
        self.write(
            name,
            &format!(
                "apiVersion: v1\nkind: Config\ncurrent-context: c\nclusters:\n- name: k\n  cluster: {{server: '{}', certificate-authority-data: {}}}\nusers:\n- name: u\n  user: {user}\ncontexts:\n- name: c\n  context: {{cluster: k, user: u{ns}}}\n",
                self.server,
                self.ca_data()
            ),
        )
    }

    /// A client certificate for `cn` in group `o`, signed by the cluster CA (the API server
    /// trusts it for client authentication): (certificate PEM, PKCS #8 key PEM, PKCS #1 key
    /// PEM). `None` when the CA
    /// key is not readable.
    fn client_certificate(&self, cn: &str, o: &str) -> Option<(String, String, String)> {
        let ca_key = self.state.join("pki/ca.key");
        let ca_crt = self.state.join("pki/ca.crt");
        if !ca_key.exists() {
            return None;
        }
        let d = self.dir.path();
        let run = |args: &[&str]| {
            let out = std::process::Command::new("openssl")
                .args(args)
                .current_dir(d)
                .output()
                .unwrap();
            assert!(
                out.status.success(),
                "openssl {args:?}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        };
        run(&[
            "req",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-keyout",
            "client.key",
            "-subj",
            &format!("/CN={cn}/O={o}"),
            "-out",
            "client.csr",
        ]);
        // Version 3 with the client-auth usage, as kubeadm issues them: rustls (unlike Go)
        // refuses version 1 certificates.
        fs_err::write(
            d.join("client.ext"),
            "basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=clientAuth\n",
        )
        .unwrap();
        run(&[
            "x509",
            "-extfile",
            "client.ext",
            "-req",
            "-in",
            "client.csr",
            "-CA",
            ca_crt.to_str().unwrap(),
            "-CAkey",
            ca_key.to_str().unwrap(),
            "-CAcreateserial",
            "-days",
            "1",
            "-out",
            "client.crt",
        ]);
        // The PKCS #1 form (`BEGIN RSA PRIVATE KEY`) most kubeconfigs carry.
        run(&[
            "rsa",
            "-in",
            "client.key",
            "-traditional",
            "-out",
            "client-rsa.key",
        ]);
        Some((
            fs_err::read_to_string(d.join("client.crt")).unwrap(),
            fs_err::read_to_string(d.join("client.key")).unwrap(),
            fs_err::read_to_string(d.join("client-rsa.key")).unwrap(),
        ))
    }
}

fn options(files: &[&Path]) -> KubeOptions {
    KubeOptions {
        kubeconfig: files.iter().map(|p| p.to_path_buf()).collect(),
        ..KubeOptions::default()
    }
}

/// Reads the `default` namespace object: a request that needs authentication and the right to
/// read a cluster-scoped resource.
fn read_default_namespace(cluster: &Cluster) -> rudder_kube::Result<()> {
    let got = cluster.get(&ObjectRef::new("v1", "Namespace", None, "default"))?;
    assert_eq!(got.unwrap()["metadata"]["name"], "default");
    Ok(())
}

fn connect(options: &KubeOptions) -> Cluster {
    Cluster::connect(options).unwrap()
}

#[test]
fn bearer_token_and_context_namespace() {
    let Some(r) = real("bearer_token_and_context_namespace") else {
        return;
    };
    let token = format!("{{token: {}}}", r.token);
    let file = r.kubeconfig("config", &token, Some("team"));
    let cluster = connect(&options(&[&file]));
    assert_eq!(cluster.namespace(), "team");
    read_default_namespace(&cluster).unwrap();
    assert!(!cluster.server_version().unwrap().git_version.is_empty());

    // A wrong token is refused; --kube-token replaces the kubeconfig's credentials.
    let file = r.kubeconfig("bad", "{token: wrong}", None);
    let err = read_default_namespace(&connect(&options(&[&file]))).unwrap_err();
    assert!(
        matches!(&err, Error::Api { code: 401, .. }),
        "{err:?}: {err}"
    );
    let fixed = KubeOptions {
        token: Some(r.token.clone()),
        ..options(&[&file])
    };
    let cluster = connect(&fixed);
    assert_eq!(cluster.namespace(), "default");
    read_default_namespace(&cluster).unwrap();
}

#[test]
fn contexts_are_chosen_by_name() {
    let Some(r) = real("contexts_are_chosen_by_name") else {
        return;
    };
    let file = r.write(
        "config",
        &format!(
            "apiVersion: v1\nkind: Config\ncurrent-context: broken\nclusters:\n- name: k\n  cluster: {{server: '{}', certificate-authority-data: {}}}\n- name: nowhere\n  cluster: {{server: 'https://127.0.0.1:9'}}\nusers:\n- name: u\n  user: {{token: {}}}\ncontexts:\n- name: broken\n  context: {{cluster: nowhere, user: u, namespace: a}}\n- name: good\n  context: {{cluster: k, user: u, namespace: b}}\n",
            r.server,
            r.ca_data(),
            r.token
        ),
    );
    let current = connect(&options(&[&file]));
    assert_eq!(current.namespace(), "a");
    assert!(matches!(
        read_default_namespace(&current),
        Err(Error::Transport { .. })
    ));
    let good = connect(&KubeOptions {
        context: Some("good".to_owned()),
        ..options(&[&file])
    });
    assert_eq!(good.namespace(), "b");
    read_default_namespace(&good).unwrap();
    let err = Cluster::connect(&KubeOptions {
        context: Some("missing".to_owned()),
        ..options(&[&file])
    })
    .unwrap_err();
    assert!(matches!(err, Error::Config { .. }), "{err:?}");
}

#[test]
fn client_certificates_from_files_and_inline_data() {
    let Some(r) = real("client_certificates_from_files_and_inline_data") else {
        return;
    };
    let Some((crt, key, rsa_key)) = r.client_certificate("cert-admin", "system:masters") else {
        #[expect(clippy::print_stderr, reason = "a skipped cluster test says so")]
        {
            eprintln!("client certificates: not run, the cluster's CA key is not readable");
        }
        return;
    };
    let crt_file = r.write("admin.crt", &crt);
    let key_file = r.write("admin.key", &key);
    let files = format!(
        "{{client-certificate: {}, client-key: {}}}",
        crt_file.display(),
        key_file.display()
    );
    let file = r.kubeconfig("files", &files, None);
    read_default_namespace(&connect(&options(&[&file]))).unwrap();

    let b64 = |s: &str| base64::engine::general_purpose::STANDARD.encode(s);
    let inline = format!(
        "{{client-certificate-data: {}, client-key-data: {}}}",
        b64(&crt),
        b64(&rsa_key)
    );
    let file = r.kubeconfig("inline", &inline, None);
    read_default_namespace(&connect(&options(&[&file]))).unwrap();
}

#[test]
fn exec_plugin_supplies_the_token() {
    let Some(r) = real("exec_plugin_supplies_the_token") else {
        return;
    };
    let script = r.write(
        "credential.sh",
        "#!/bin/sh\nprintf '{\"apiVersion\":\"client.authentication.k8s.io/v1beta1\",\"kind\":\"ExecCredential\",\"status\":{\"token\":\"%s\"}}' \"$RUDDER_TEST_TOKEN\"\n",
    );
    {
        use std::os::unix::fs::PermissionsExt as _;
        fs_err::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    let exec = format!(
        "{{exec: {{apiVersion: client.authentication.k8s.io/v1beta1, command: {}, env: [{{name: RUDDER_TEST_TOKEN, value: {}}}], interactiveMode: Never}}}}",
        script.display(),
        r.token
    );
    let file = r.kubeconfig("config", &exec, None);
    read_default_namespace(&connect(&options(&[&file]))).unwrap();

    // A plugin that fails is reported, not taken for anonymous access.
    let exec = "{exec: {apiVersion: client.authentication.k8s.io/v1beta1, command: /bin/false, interactiveMode: Never}}";
    let file = r.kubeconfig("failing", exec, None);
    let err = Cluster::connect(&options(&[&file]))
        .and_then(|c| read_default_namespace(&c))
        .unwrap_err();
    assert!(
        !matches!(
            err,
            Error::Api {
                code: 200..=299,
                ..
            }
        ),
        "{err:?}"
    );
}

#[test]
fn impersonation_meets_rbac() {
    let Some(r) = real("impersonation_meets_rbac") else {
        return;
    };
    let token = format!("{{token: {}}}", r.token);
    let file = r.kubeconfig("config", &token, None);
    let nobody = connect(&KubeOptions {
        as_user: Some("rudder-nobody".to_owned()),
        ..options(&[&file])
    });
    let err = read_default_namespace(&nobody).unwrap_err();
    match &err {
        Error::Api { code, reason, .. } => assert_eq!((*code, reason.as_str()), (403, "Forbidden")),
        other => panic!("expected 403 Forbidden, got {other:?}"),
    }
    assert_eq!(
        err.to_string(),
        "namespaces \"default\" is forbidden: User \"rudder-nobody\" cannot get resource \"namespaces\" in API group \"\" in the namespace \"default\""
    );
    let masters = connect(&KubeOptions {
        as_user: Some("rudder-nobody".to_owned()),
        as_groups: vec!["system:masters".to_owned()],
        ..options(&[&file])
    });
    read_default_namespace(&masters).unwrap();
}

#[test]
fn ca_file_server_name_and_insecure_skip_verify() {
    let Some(r) = real("ca_file_server_name_and_insecure_skip_verify") else {
        return;
    };
    // A kubeconfig that names the server but not its CA: the TLS handshake fails.
    let file = r.write(
        "config",
        &format!(
            "apiVersion: v1\nkind: Config\ncurrent-context: c\nclusters:\n- name: k\n  cluster: {{server: '{}'}}\nusers:\n- name: u\n  user: {{token: {}}}\ncontexts:\n- name: c\n  context: {{cluster: k, user: u}}\n",
            r.server, r.token
        ),
    );
    assert!(matches!(
        read_default_namespace(&connect(&options(&[&file]))),
        Err(Error::Transport { .. })
    ));
    let ca = r.write("ca.crt", &r.ca_pem);
    let with_ca = KubeOptions {
        ca_file: Some(ca.clone()),
        ..options(&[&file])
    };
    read_default_namespace(&connect(&with_ca)).unwrap();
    let insecure = KubeOptions {
        insecure_skip_tls_verify: true,
        ..options(&[&file])
    };
    read_default_namespace(&connect(&insecure)).unwrap();
    // With a CA in the kubeconfig too: client-go drops the CA when told to skip verification.
    let token = format!("{{token: {}}}", r.token);
    let with_ca_data = r.kubeconfig("with-ca", &token, None);
    let insecure = KubeOptions {
        insecure_skip_tls_verify: true,
        ..options(&[&with_ca_data])
    };
    read_default_namespace(&connect(&insecure)).unwrap();

    // The server's certificate names 127.0.0.1, localhost and kubernetes.default.svc: the
    // name checked is --kube-tls-server-name when given.
    let named = |name: &str| KubeOptions {
        tls_server_name: Some(name.to_owned()),
        ..with_ca.clone()
    };
    read_default_namespace(&connect(&named("kubernetes.default.svc"))).unwrap();
    assert!(matches!(
        read_default_namespace(&connect(&named("wrong.example.com"))),
        Err(Error::Transport { .. })
    ));

    // --kube-apiserver, --kube-token and --kube-ca-file with no kubeconfig at all.
    let bare = KubeOptions {
        api_server: Some(r.server.clone()),
        token: Some(r.token.clone()),
        ca_file: Some(ca),
        ..KubeOptions::default()
    };
    read_default_namespace(&connect(&bare)).unwrap();
}

#[test]
fn kubeconfig_files_merge_first_wins() {
    let Some(r) = real("kubeconfig_files_merge_first_wins") else {
        return;
    };
    // Context in one file, cluster in another, user in a third, as KUBECONFIG=a:b:c.
    let a = r.write(
        "a",
        "apiVersion: v1\nkind: Config\ncurrent-context: c\ncontexts:\n- name: c\n  context: {cluster: k, user: u, namespace: merged}\n",
    );
    let b = r.write(
        "b",
        &format!(
            "apiVersion: v1\nkind: Config\ncurrent-context: other\nclusters:\n- name: k\n  cluster: {{server: '{}', certificate-authority-data: {}}}\n",
            r.server,
            r.ca_data()
        ),
    );
    let c = r.write(
        "c",
        &format!(
            "apiVersion: v1\nkind: Config\nusers:\n- name: u\n  user: {{token: {}}}\n- name: v\n  user: {{token: wrong}}\n",
            r.token
        ),
    );
    let missing = r.dir.path().join("missing");
    let joined = [&a, &missing, &b, &c]
        .iter()
        .map(|p| p.display().to_string())
        .collect::<Vec<_>>()
        .join(":");
    let merged = KubeOptions {
        kubeconfig: KubeOptions::split_paths(&joined),
        ..KubeOptions::default()
    };
    let cluster = connect(&merged);
    assert_eq!(cluster.namespace(), "merged");
    read_default_namespace(&cluster).unwrap();

    // The first file to name a user wins: `u` redefined later with a wrong token is ignored,
    // and redefined first it is used.
    let early = r.write(
        "early",
        "apiVersion: v1\nkind: Config\nusers:\n- name: u\n  user: {token: wrong}\n",
    );
    read_default_namespace(&connect(&options(&[&a, &b, &c, &early]))).unwrap();
    let err = read_default_namespace(&connect(&options(&[&a, &early, &b, &c]))).unwrap_err();
    assert!(matches!(err, Error::Api { code: 401, .. }), "{err:?}");
    assert_eq!(
        rudder_kube::resolve_namespace(&options(&[&a, &b])),
        "merged"
    );
}
