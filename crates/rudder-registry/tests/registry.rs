//! Push and pull against a real registry (`docker-registry` on loopback, htpasswd auth), and
//! interop with real Helm through the oracle (`helm_python.registry`).

use std::path::Path;
use std::process::Command;

use rudder_registry::{Client, ClientOptions, CredentialsFile, Error, Reference};
use rudder_test::registry_server::{self, Registry};

fn options(reg: &Registry, creds: &Path) -> ClientOptions {
    ClientOptions {
        ca_file: reg
            .ca_file
            .as_ref()
            .map(|p| p.display().to_string())
            .unwrap_or_default(),
        plain_http: reg.ca_file.is_none(),
        credentials_file: creds.to_path_buf(),
        ..ClientOptions::default()
    }
}

const CREATED: &str = "2026-01-02T03:04:05Z";

#[test]
fn login_push_pull_round_trip_over_tls() {
    let reg = registry_server::start(true);
    let creds = reg.dir().join("client/config.json");
    let client = Client::new(options(&reg, &creds)).unwrap();
    client
        .login(&reg.host, &reg.username, &reg.password)
        .unwrap();
    assert!(
        CredentialsFile::new(&creds)
            .get(&reg.host)
            .unwrap()
            .is_some()
    );

    let archive = registry_server::chart_archive("hello", "0.1.0+build.1");
    let prov = b"-----BEGIN PGP SIGNED MESSAGE-----\nfake\n".to_vec();
    let remote = Reference::parse(&format!("oci://{}/charts", reg.host)).unwrap();
    let pushed = client
        .push_chart(&archive, Some(&prov), &remote, CREATED)
        .unwrap();
    assert_eq!(
        pushed.reference.to_string(),
        format!("{}/charts/hello:0.1.0_build.1", reg.host)
    );
    assert!(pushed.digest.starts_with("sha256:"));

    let wanted = Reference::parse(&format!("oci://{}/charts/hello", reg.host))
        .unwrap()
        .with_version("0.1.0+build.1")
        .unwrap();
    let pulled = client.pull_chart(&wanted).unwrap();
    assert_eq!(pulled.chart, archive);
    assert_eq!(pulled.prov.as_deref(), Some(prov.as_slice()));
    assert_eq!(pulled.digest, pushed.digest);

    // By digest too.
    let by_digest = Reference::parse(&format!(
        "oci://{}/charts/hello@{}",
        reg.host, pushed.digest
    ))
    .unwrap();
    assert_eq!(client.pull_chart(&by_digest).unwrap().chart, archive);
    assert_eq!(client.tags(&wanted).unwrap(), vec!["0.1.0_build.1"]);
    let root = format!("oci://{}/charts/hello", reg.host);
    assert_eq!(client.resolve_version(&root, "").unwrap(), wanted);
    assert_eq!(client.resolve_version(&root, "~0.1").unwrap(), wanted);
    assert_eq!(
        client
            .resolve_version(&root, ">= 1.0.0")
            .unwrap_err()
            .to_string(),
        "could not locate a version matching provided version string >= 1.0.0"
    );

    let missing = wanted.clone().with_version("").unwrap();
    let missing = Reference {
        tag: Some("9.9.9".to_owned()),
        ..missing
    };
    assert_eq!(
        client.pull_chart(&missing).unwrap_err().to_string(),
        format!(
            "failed to perform \"FetchReference\" on source: {}/charts/hello:9.9.9: not found",
            reg.host
        )
    );
    let unknown = Reference::parse(&format!("oci://{}/charts/none", reg.host)).unwrap();
    assert_eq!(
        client.tags(&unknown).unwrap_err().to_string(),
        format!(
            "GET \"https://{}/v2/charts/none/tags/list\": response status code 404: name \
             unknown: repository name not known to registry: map[name:charts/none]",
            reg.host
        )
    );

    client.logout(&reg.host).unwrap();
    assert!(
        CredentialsFile::new(&creds)
            .get(&reg.host)
            .unwrap()
            .is_none()
    );
    let err = client.pull_chart(&wanted).unwrap_err();
    assert!(
        matches!(err, Error::Status { code: 401, .. }),
        "pull after logout: {err}"
    );
}

#[test]
fn wrong_password_is_refused_and_not_stored() {
    let reg = registry_server::start(true);
    let creds = reg.dir().join("client/config.json");
    let client = Client::new(options(&reg, &creds)).unwrap();
    let err = client.login(&reg.host, &reg.username, "wrong").unwrap_err();
    assert_eq!(
        err.to_string(),
        format!(
            "authenticating to {:?}: GET \"https://{}/v2/\": response status code 401: \
             unauthorized: authentication required",
            reg.host, reg.host
        )
    );
    assert!(!creds.exists());
}

#[test]
fn unknown_ca_is_refused() {
    let reg = registry_server::start(true);
    let creds = reg.dir().join("client/config.json");
    let mut opts = options(&reg, &creds);
    opts.ca_file = String::new();
    let client = Client::new(opts).unwrap();
    let err = client
        .login(&reg.host, &reg.username, &reg.password)
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        format!(
            "authenticating to {:?}: Get \"https://{}/v2/\": tls: failed to verify \
             certificate: x509: certificate signed by unknown authority",
            reg.host, reg.host
        )
    );
}

#[test]
fn plain_http_registry_needs_plain_http() {
    let reg = registry_server::start(false);
    let creds = reg.dir().join("client/config.json");
    let mut opts = options(&reg, &creds);
    opts.plain_http = false;
    let https = Client::new(opts).unwrap();
    assert_eq!(
        https
            .login(&reg.host, &reg.username, &reg.password)
            .unwrap_err()
            .to_string(),
        format!(
            "authenticating to {:?}: Get \"https://{}/v2/\": http: server gave HTTP response \
             to HTTPS client",
            reg.host, reg.host
        )
    );
    let http = Client::new(options(&reg, &creds)).unwrap();
    http.login(&reg.host, &reg.username, &reg.password).unwrap();
}

/// Runs a Python snippet with `helm_python` (real Helm v4.2.3); `None` when the oracle is not
/// installed outside CI.
fn helm(script: &str) -> Option<String> {
    let out = Command::new("python3").arg("-c").arg(script).output();
    let out = match out {
        Ok(o) => o,
        Err(e) => panic!("python3 not runnable: {e}"),
    };
    let stderr = String::from_utf8_lossy(&out.stderr);
    if stderr.contains("No module named 'helm_python'") && std::env::var_os("CI").is_none() {
        return None;
    }
    assert!(out.status.success(), "helm oracle failed: {stderr}");
    Some(String::from_utf8_lossy(&out.stdout).into_owned())
}

#[test]
#[expect(clippy::print_stderr, reason = "the test says why it checked less")]
fn helm_pulls_what_rudder_pushed_and_rudder_pulls_what_helm_pushed() {
    // helm_python's client takes no CA file, so interop runs over plain HTTP (still with auth).
    let reg = registry_server::start(false);
    let creds = reg.dir().join("client/config.json");
    let client = Client::new(options(&reg, &creds)).unwrap();
    client
        .login(&reg.host, &reg.username, &reg.password)
        .unwrap();

    let ours = registry_server::chart_archive("fromrudder", "1.2.3");
    let remote = Reference::parse(&format!("oci://{}/charts", reg.host)).unwrap();
    let pushed = client.push_chart(&ours, None, &remote, CREATED).unwrap();

    let theirs = registry_server::chart_archive("fromhelm", "2.0.0+meta");
    let tgz = reg.dir().join("fromhelm-2.0.0+meta.tgz");
    fs_err::write(&tgz, &theirs).unwrap();
    let dest = reg.dir().join("helm-dest");
    fs_err::create_dir_all(&dest).unwrap();
    let script = format!(
        r#"
import json
from helm_python import registry
c = registry.RegistryClient(plain_http=True, credentials_file={creds:?})
c.login({host:?}, {user:?}, {pw:?}, plain_http=True)
pulled = c.pull("oci://{host}/charts/fromrudder", version="1.2.3", destination={dest:?})
pushed = c.push({tgz:?}, "oci://{host}/charts", plain_http=True)
desc = c.resolve("oci://{host}/charts/fromrudder:1.2.3")
print(json.dumps({{"pushed": pushed, "digest": desc["digest"]}}))
"#,
        creds = reg.dir().join("helm/config.json").display().to_string(),
        host = reg.host,
        user = reg.username,
        pw = reg.password,
        dest = dest.display().to_string(),
        tgz = tgz.display().to_string(),
    );
    let Some(out) = helm(&script) else {
        eprintln!("helm_python is not installed: interop not checked");
        return;
    };
    assert!(out.contains(&pushed.digest), "helm resolved: {out}");
    let got = fs_err::read(dest.join("fromrudder-1.2.3.tgz")).unwrap();
    assert_eq!(got, ours, "helm pulled other bytes");

    let wanted = Reference::parse(&format!("oci://{}/charts/fromhelm", reg.host))
        .unwrap()
        .with_version("2.0.0+meta")
        .unwrap();
    let pulled = client.pull_chart(&wanted).unwrap();
    assert_eq!(pulled.chart, theirs);

    // Helm's manifest for that chart: the config blob and the annotations are what Rudder
    // writes for the same chart (the creation time aside), the layers carry Helm's media types.
    let manifest: serde_json::Value =
        serde_json::from_slice(&client.fetch_manifest(&wanted).unwrap()).unwrap();
    let meta = rudder_chart::load_archive(&theirs).unwrap().metadata;
    let config_digest = manifest["config"]["digest"].as_str().unwrap();
    assert_eq!(
        manifest["config"]["mediaType"],
        rudder_registry::chart::CONFIG_MEDIA_TYPE
    );
    let config = client.fetch_blob(&wanted, config_digest).unwrap();
    assert_eq!(
        String::from_utf8(config).unwrap(),
        String::from_utf8(rudder_registry::chart::metadata_json(&meta)).unwrap()
    );
    assert_eq!(
        manifest["layers"][0]["mediaType"],
        rudder_registry::chart::CHART_LAYER_MEDIA_TYPE
    );
    let annotations: std::collections::BTreeMap<String, String> =
        serde_json::from_value(manifest["annotations"].clone()).unwrap();
    let created = annotations["org.opencontainers.image.created"].clone();
    assert_eq!(
        annotations,
        rudder_registry::chart::annotations(&meta, &created)
    );
}

#[test]
fn refused_connection_in_go_words() {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .unwrap()
        .port();
    let dir = tempfile::tempdir().unwrap();
    let client = Client::new(ClientOptions {
        credentials_file: dir.path().join("config.json"),
        ..ClientOptions::default()
    })
    .unwrap();
    let err = client
        .login(&format!("localhost:{port}"), "u", "p")
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        format!(
            "authenticating to \"localhost:{port}\": Get \"https://localhost:{port}/v2/\": dial \
             tcp 127.0.0.1:{port}: connect: connection refused"
        )
    );
}

/// A registry stub that wants a Bearer token from its token service (as ghcr.io and Docker
/// Hub do): `/v2/` answers 401 with a challenge, `/token` checks Basic credentials and hands
/// out a token, and `/v2/` accepts that token. Returns the port and the requests seen.
fn token_registry() -> (u16, std::sync::Arc<std::sync::Mutex<Vec<String>>>) {
    use std::io::{BufRead as _, BufReader, Write as _};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let seen = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let log = std::sync::Arc::clone(&seen);
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut request = String::new();
            let _ = reader.read_line(&mut request);
            let mut auth = String::new();
            loop {
                let mut line = String::new();
                if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
                    break;
                }
                if let Some(v) = line.to_ascii_lowercase().strip_prefix("authorization: ") {
                    v.trim().clone_into(&mut auth);
                }
            }
            log.lock()
                .unwrap()
                .push(format!("{} {auth}", request.trim()));
            let (status, headers, body) = if request.starts_with("GET /token?") {
                // base64("u:p")
                if auth == "basic dtpw" {
                    ("200 OK", String::new(), "{\"token\":\"tok\"}".to_owned())
                } else {
                    ("401 Unauthorized", String::new(), String::new())
                }
            } else if auth == "bearer tok" {
                ("200 OK", String::new(), "{}".to_owned())
            } else {
                (
                    "401 Unauthorized",
                    format!(
                        "WWW-Authenticate: Bearer realm=\"http://127.0.0.1:{port}/token\",service=\"stub\"\r\n"
                    ),
                    "{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"authentication required\",\"detail\":null}]}".to_owned(),
                )
            };
            let _ = write!(
                stream,
                "HTTP/1.1 {status}\r\n{headers}Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            );
        }
    });
    (port, seen)
}

#[test]
fn bearer_token_login() {
    let (port, seen) = token_registry();
    let dir = tempfile::tempdir().unwrap();
    let client = Client::new(ClientOptions {
        plain_http: true,
        credentials_file: dir.path().join("config.json"),
        ..ClientOptions::default()
    })
    .unwrap();
    let host = format!("127.0.0.1:{port}");
    client.login(&host, "u", "p").unwrap();
    let log = seen.lock().unwrap().clone();
    assert!(
        log.iter()
            .any(|l| l.starts_with("GET /token?service=stub") && l.ends_with("basic dtpw")),
        "{log:?}"
    );
    assert!(log.last().unwrap().ends_with("bearer tok"), "{log:?}");
    let err = client.login(&host, "u", "wrong").unwrap_err();
    assert_eq!(
        err.to_string(),
        format!(
            "login attempt to http://127.0.0.1:{port}/token failed with status: 401 Unauthorized"
        )
    );
}
