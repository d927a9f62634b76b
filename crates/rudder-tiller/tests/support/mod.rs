//! Test support shared by the end-to-end tests and the load benchmark: a self-made PKI, an
//! in-process tiller on loopback, clients, and a small chart with hooks.

#![allow(dead_code, reason = "each test binary uses part of it")]

use std::path::{Path, PathBuf};
use std::sync::Arc;

use rcgen::{
    BasicConstraints, CertificateParams, DnType, ExtendedKeyUsagePurpose, IsCa, Issuer, KeyPair,
    KeyUsagePurpose, SanType,
};
use rudder_kube::KubeClient;
use rudder_proto::client::{ClientTls, connect};
use rudder_proto::tiller::release_service_client::ReleaseServiceClient;
use rudder_release::{Clock, Time};
use rudder_storage::DriverKind;
use rudder_tiller::audit::{self, Audit};
use rudder_tiller::authz::Policy;
use rudder_tiller::backend::Backend;
use rudder_tiller::server::{Server, bind};
use rudder_tiller::service::Tiller;
use rudder_tiller::tls::TlsFiles;
use tonic::transport::Channel;

/// The authorization file of the tests: `alice` works in namespace `a` only (and may not
/// uninstall), `root` may do anything anywhere.
pub const AUTHZ: &str = "clients:
  - identity: alice
    namespaces: [a]
    operations: [install, upgrade, rollback, list, status, get, history, test, version]
  - identity: root
    namespaces: ['*']
    operations: ['*']
";

/// A CA, the server's certificate, client certificates, and one from an unknown CA.
pub struct Pki {
    pub dir: tempfile::TempDir,
}

fn ca(name: &str) -> (CertificateParams, KeyPair, String) {
    let key = KeyPair::generate().unwrap();
    let mut params = CertificateParams::new(Vec::<String>::new()).unwrap();
    params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    params.distinguished_name.push(DnType::CommonName, name);
    params.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
    let pem = params.self_signed(&key).unwrap().pem();
    (params, key, pem)
}

fn leaf(issuer: &Issuer<'_, KeyPair>, cn: &str, server: bool) -> (String, String) {
    let key = KeyPair::generate().unwrap();
    let mut params = CertificateParams::new(vec!["localhost".to_owned()]).unwrap();
    params.distinguished_name.push(DnType::CommonName, cn);
    if server {
        params
            .subject_alt_names
            .push(SanType::IpAddress("127.0.0.1".parse().unwrap()));
        params.extended_key_usages = vec![ExtendedKeyUsagePurpose::ServerAuth];
    } else {
        params.extended_key_usages = vec![ExtendedKeyUsagePurpose::ClientAuth];
    }
    let cert = params.signed_by(&key, issuer).unwrap();
    (cert.pem(), key.serialize_pem())
}

impl Pki {
    pub fn new() -> Pki {
        let dir = tempfile::tempdir().unwrap();
        let (ca_params, ca_key, ca_pem) = ca("tiller-ca");
        let issuer = Issuer::new(ca_params, ca_key);
        let write = |name: &str, text: &str| fs_err::write(dir.path().join(name), text).unwrap();
        write("ca.crt", &ca_pem);
        let (c, k) = leaf(&issuer, "tiller", true);
        write("tls.crt", &c);
        write("tls.key", &k);
        for who in ["alice", "root", "bob"] {
            let (c, k) = leaf(&issuer, who, false);
            write(&format!("{who}.crt"), &c);
            write(&format!("{who}.key"), &k);
        }
        let (other_params, other_key, other_pem) = ca("someone-else");
        write("other-ca.crt", &other_pem);
        let other = Issuer::new(other_params, other_key);
        let (c, k) = leaf(&other, "root", false);
        write("stranger.crt", &c);
        write("stranger.key", &k);
        Pki { dir }
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    pub fn server_files(&self) -> TlsFiles {
        TlsFiles {
            cert: self.path("tls.crt"),
            key: self.path("tls.key"),
            client_ca: Some(self.path("ca.crt")),
        }
    }

    /// Client TLS for `who` (`None`: no client certificate).
    pub fn client(&self, who: Option<&str>) -> ClientTls {
        ClientTls {
            ca_cert: Some(self.path("ca.crt")),
            cert: who.map(|w| self.path(&format!("{w}.crt"))),
            key: who.map(|w| self.path(&format!("{w}.key"))),
            server_name: Some("localhost".to_owned()),
        }
    }
}

/// Release times that move forward a second per call, from a fixed start.
pub struct Stepping(std::sync::Mutex<i64>);

impl Clock for Stepping {
    fn now(&self) -> Time {
        let mut t = self.0.lock().unwrap();
        *t += 1;
        Time::from_unix(*t, 0, 0)
    }
}

/// A tiller running on a loopback port in its own runtime.
pub struct Running {
    pub addr: String,
    pub audit: audit::Memory,
    pub runtime: tokio::runtime::Runtime,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
}

impl Running {
    /// Starts tiller over `kube` with `driver`, mutual TLS from `pki` (plaintext when
    /// `None`), and [`AUTHZ`].
    pub fn start(kube: Arc<dyn KubeClient>, driver: DriverKind, pki: Option<&Pki>) -> Running {
        Running::start_on(kube, driver, None, pki)
    }

    /// As [`Running::start`] with the SQL driver on the database at `url`.
    pub fn start_with_sql(kube: Arc<dyn KubeClient>, url: &str, pki: Option<&Pki>) -> Running {
        Running::start_on(kube, DriverKind::Sql, Some(url.to_owned()), pki)
    }

    fn start_on(
        kube: Arc<dyn KubeClient>,
        driver: DriverKind,
        sql: Option<String>,
        pki: Option<&Pki>,
    ) -> Running {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .unwrap();
        let audit_sink = audit::Memory::default();
        let audit = Audit::new(Box::new(audit_sink.clone()));
        let clock: Arc<dyn Clock> = Arc::new(Stepping(std::sync::Mutex::new(1_700_000_000)));
        let backend = Backend::new(kube, driver, sql, clock);
        let policy = match pki {
            Some(_) => Policy::from_yaml(AUTHZ, Path::new("authz.yaml")).unwrap(),
            None => Policy::allow_all(),
        };
        let tiller = Tiller::new(Arc::new(backend), policy, audit.clone());
        let listener = runtime.block_on(bind("127.0.0.1:0")).unwrap();
        let addr = listener.local_addr().unwrap().to_string();
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let server = Server {
            tiller,
            tls: pki.map(Pki::server_files),
            audit,
        };
        runtime.spawn(async move {
            let shutdown = async {
                let _ = stopped.await;
            };
            server.serve(listener, shutdown).await.unwrap();
        });
        Running {
            addr,
            audit: audit_sink,
            runtime,
            stop: Some(stop),
        }
    }

    /// A client of this server.
    pub fn client(&self, tls: Option<&ClientTls>) -> ReleaseServiceClient<Channel> {
        self.runtime.block_on(connect(&self.addr, tls)).unwrap()
    }

    pub fn block_on<F: std::future::Future>(&self, f: F) -> F::Output {
        self.runtime.block_on(f)
    }
}

impl Running {
    /// Asks the server to shut down (as SIGTERM does): no new calls, running ones finish.
    pub fn stop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}

/// A chart with a ConfigMap, a pre-install/pre-upgrade hook, a post-upgrade hook and a test
/// hook (all ConfigMaps, which complete at once on any cluster), packaged as a .tgz.
pub fn chart_archive(version: &str) -> Vec<u8> {
    let files = vec![
        rudder_chart::File::new(
            "Chart.yaml",
            format!("apiVersion: v2\nname: hooked\nversion: {version}\n").into_bytes(),
        ),
        rudder_chart::File::new("values.yaml", &b"greeting: hello\n"[..]),
        rudder_chart::File::new(
            "templates/cm.yaml",
            &b"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-cm\ndata:\n  greeting: {{ .Values.greeting | quote }}\n  revision: {{ .Release.Revision | quote }}\n"[..],
        ),
        rudder_chart::File::new(
            "templates/hook.yaml",
            &b"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-pre\n  annotations:\n    helm.sh/hook: pre-install,pre-upgrade\n    helm.sh/hook-delete-policy: before-hook-creation\ndata:\n  at: {{ .Release.Revision | quote }}\n"[..],
        ),
        rudder_chart::File::new(
            "templates/post.yaml",
            &b"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-post\n  annotations:\n    helm.sh/hook: post-upgrade\n    helm.sh/hook-delete-policy: before-hook-creation\n"[..],
        ),
        rudder_chart::File::new(
            "templates/tests/check.yaml",
            &b"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-test\n  annotations:\n    helm.sh/hook: test\n    helm.sh/hook-delete-policy: before-hook-creation\n"[..],
        ),
        rudder_chart::File::new("templates/NOTES.txt", &b"Hello from {{ .Release.Name }}.\n"[..]),
    ];
    package(files)
}

/// A chart of `files` (path, text), packaged as a .tgz.
pub fn archive(files: &[(&str, &str)]) -> Vec<u8> {
    package(
        files
            .iter()
            .map(|(p, t)| rudder_chart::File::new(*p, t.as_bytes().to_vec()))
            .collect(),
    )
}

fn package(files: Vec<rudder_chart::File>) -> Vec<u8> {
    let chart = rudder_chart::load_files(files).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = rudder_chart::save_archive(&chart, dir.path(), &|_| 1_700_000_000).unwrap();
    fs_err::read(path).unwrap()
}
