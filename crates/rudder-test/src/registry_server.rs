//! A real OCI registry on loopback for tests: Debian's `docker-registry` (distribution 2.8)
//! started on a free port with a temporary config, htpasswd (bcrypt) auth and, optionally,
//! TLS with a CA made here. A missing binary or `htpasswd` fails the test with a message that
//! says what to install: CI installs both, so a skipped test would hide a regression.

use std::io::Write as _;
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A running registry; stopped (and its storage removed) on drop.
pub struct Registry {
    child: Child,
    dir: tempfile::TempDir,
    /// `localhost:PORT`.
    pub host: String,
    /// The CA certificate file when TLS is on.
    pub ca_file: Option<PathBuf>,
    /// A client certificate and key (PEM files) the registry accepts, when it demands one.
    pub client_cert: Option<(PathBuf, PathBuf)>,
    /// The user allowed in.
    pub username: String,
    /// Their password.
    pub password: String,
}

impl Registry {
    /// The temporary directory (config, storage, certificates).
    pub fn dir(&self) -> &Path {
        self.dir.path()
    }
}

impl Drop for Registry {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn find_binary(name: &str, package: &str) -> PathBuf {
    for dir in ["/usr/bin", "/usr/local/bin", "/usr/sbin"] {
        let p = Path::new(dir).join(name);
        if p.exists() {
            return p;
        }
    }
    panic!(
        "`{name}` not found: install it (`apt-get install -y {package}`); the registry tests \
         need a real registry and do not skip"
    );
}

/// Starts a registry with user `rudder` / password `s3cret`; with `tls`, it serves HTTPS with
/// a certificate for `localhost` and `127.0.0.1` signed by a fresh CA (see [`Registry::ca_file`]).
pub fn start(tls: bool) -> Registry {
    start_inner(tls, false)
}

/// Like [`start`] with TLS, and the registry also demands a client certificate signed by the
/// test CA (see [`Registry::client_cert`]).
pub fn start_mtls() -> Registry {
    start_inner(true, true)
}

fn start_inner(tls: bool, mtls: bool) -> Registry {
    let bin = find_binary("docker-registry", "docker-registry");
    let htpasswd = find_binary("htpasswd", "apache2-utils");
    let dir = tempfile::tempdir().expect("temp dir");
    let (username, password) = ("rudder".to_owned(), "s3cret".to_owned());
    let out = Command::new(htpasswd)
        .args(["-Bbn", &username, &password])
        .output()
        .expect("run htpasswd");
    assert!(out.status.success(), "htpasswd failed");
    fs_err::write(dir.path().join("htpasswd"), &out.stdout).expect("write htpasswd");

    let port = TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("free port")
        .port();
    let mut tls_block = String::new();
    let mut ca_file = None;
    let mut client_cert = None;
    if tls {
        let ca_key = rcgen::KeyPair::generate().expect("CA key");
        let mut ca_params = rcgen::CertificateParams::new(Vec::<String>::new()).expect("params");
        ca_params.is_ca = rcgen::IsCa::Ca(rcgen::BasicConstraints::Unconstrained);
        ca_params
            .distinguished_name
            .push(rcgen::DnType::CommonName, "rudder registry test CA");
        let ca = rcgen::CertifiedIssuer::self_signed(ca_params, ca_key).expect("CA cert");
        let key = rcgen::KeyPair::generate().expect("server key");
        let params =
            rcgen::CertificateParams::new(vec!["localhost".to_owned(), "127.0.0.1".to_owned()])
                .expect("server params");
        let cert = params.signed_by(&key, &ca).expect("server cert");
        let p = |n: &str| dir.path().join(n);
        fs_err::write(p("ca.pem"), ca.pem()).expect("write CA");
        fs_err::write(p("server.pem"), cert.pem()).expect("write cert");
        fs_err::write(p("server.key"), key.serialize_pem()).expect("write key");
        tls_block = format!(
            "  tls:\n    certificate: {}\n    key: {}\n",
            p("server.pem").display(),
            p("server.key").display()
        );
        if mtls {
            let key = rcgen::KeyPair::generate().expect("client key");
            let mut params =
                rcgen::CertificateParams::new(vec!["client".to_owned()]).expect("client params");
            params.extended_key_usages = vec![rcgen::ExtendedKeyUsagePurpose::ClientAuth];
            let cert = params.signed_by(&key, &ca).expect("client cert");
            fs_err::write(p("client.pem"), cert.pem()).expect("write client cert");
            fs_err::write(p("client.key"), key.serialize_pem()).expect("write client key");
            client_cert = Some((p("client.pem"), p("client.key")));
            tls_block = format!(
                "{tls_block}    clientcas:\n      - {}\n",
                p("ca.pem").display()
            );
        }
        ca_file = Some(p("ca.pem"));
    }
    let config = format!(
        "version: 0.1\nlog:\n  level: error\nstorage:\n  filesystem:\n    rootdirectory: {root}\n  \
         delete:\n    enabled: true\nhttp:\n  addr: 127.0.0.1:{port}\n  secret: rudder-test\n{tls_block}\
         auth:\n  htpasswd:\n    realm: rudder-test\n    path: {ht}\n",
        root = dir.path().join("data").display(),
        ht = dir.path().join("htpasswd").display(),
    );
    fs_err::write(dir.path().join("config.yml"), config).expect("write config");
    let log = fs_err::File::create(dir.path().join("registry.log")).expect("log file");
    let child = Command::new(bin)
        .arg("serve")
        .arg(dir.path().join("config.yml"))
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(log.into_parts().0)
        .spawn()
        .expect("start docker-registry");
    let mut reg = Registry {
        child,
        dir,
        host: format!("localhost:{port}"),
        ca_file,
        client_cert,
        username,
        password,
    };
    let deadline = Instant::now() + Duration::from_secs(20);
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        if let Ok(Some(status)) = reg.child.try_wait() {
            let log =
                fs_err::read_to_string(reg.dir.path().join("registry.log")).unwrap_or_default();
            panic!("docker-registry exited ({status}): {log}");
        }
        assert!(
            Instant::now() < deadline,
            "docker-registry did not start listening"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    reg
}

/// A small chart archive `name-version.tgz` (Chart.yaml, values.yaml, one template).
pub fn chart_archive(name: &str, version: &str) -> Vec<u8> {
    let files = [
        (
            "Chart.yaml",
            format!(
                "apiVersion: v2\nname: {name}\nversion: {version}\ndescription: A test chart\n\
                 appVersion: \"1.0\"\nhome: https://example.com\nsources:\n  - https://example.com/src\n\
                 maintainers:\n  - name: Ann\n    email: ann@example.com\n"
            ),
        ),
        ("values.yaml", "greeting: hello\n".to_owned()),
        (
            "templates/cm.yaml",
            "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}\ndata:\n  greeting: {{ .Values.greeting }}\n".to_owned(),
        ),
    ];
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    {
        let mut tar = tar::Builder::new(&mut gz);
        for (path, body) in &files {
            let mut h = tar::Header::new_gnu();
            h.set_size(body.len() as u64);
            h.set_mode(0o644);
            h.set_mtime(0);
            h.set_cksum();
            tar.append_data(&mut h, format!("{name}/{path}"), body.as_bytes())
                .expect("append to tar");
        }
        tar.finish().expect("finish tar");
    }
    gz.flush().expect("flush gzip");
    gz.finish().expect("finish gzip")
}
