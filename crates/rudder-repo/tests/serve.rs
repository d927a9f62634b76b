//! The repository server (`rudder repo serve`) on loopback: the index it builds, charts copied
//! into its folder, uploads (credentials, invalid archives, overwrites), HTTPS with a CA made
//! here, and real Helm (helm-python-sdk) pulling from it.

mod support;

use std::path::Path;
use std::sync::Arc;

use rudder_repo::serve::{self, ServeOptions};
use rudder_repo::{GetterOptions, IndexFile};

const NOW: &str = "2024-01-02T03:04:05Z";

fn options(dir: &Path, password: Option<&str>) -> ServeOptions {
    ServeOptions {
        dir: dir.to_owned(),
        url: String::new(),
        username: "admin".to_owned(),
        password: password.map(str::to_owned),
        allow_overwrite: false,
        tls: None,
        clock: Arc::new(|| NOW.to_owned()),
    }
}

fn start(opts: ServeOptions) -> (serve::Server, String) {
    let server =
        serve::start("127.0.0.1:0", opts, |a| format!("http://{a}")).expect("server starts");
    let url = format!("http://{}", server.local_addr());
    (server, url)
}

fn index(url: &str) -> IndexFile {
    let data = rudder_repo::getter::get(&format!("{url}/index.yaml"), &GetterOptions::default())
        .expect("index served");
    IndexFile::parse(&data).expect("index parses")
}

fn client() -> reqwest::blocking::Client {
    let _ = rustls::crypto::ring::default_provider().install_default();
    reqwest::blocking::Client::new()
}

fn upload(url: &str, body: Vec<u8>, auth: Option<(&str, &str)>) -> (u16, String) {
    let mut req = client().post(format!("{url}/api/charts")).body(body);
    if let Some((u, p)) = auth {
        req = req.basic_auth(u, Some(p));
    }
    let resp = req.send().expect("upload answered");
    let status = resp.status().as_u16();
    (status, resp.text().unwrap_or_default())
}

fn archive(name: &str, version: &str) -> Vec<u8> {
    let dir = tempfile::tempdir().expect("tmp");
    let p = support::package(dir.path(), name, version, "uploaded");
    fs_err::read(p).expect("read archive")
}

#[test]
fn serves_an_index_of_the_folder_and_picks_up_new_charts() {
    let dir = tempfile::tempdir().expect("tmp");
    support::package(dir.path(), "alpha", "1.0.0", "first");
    let (_server, url) = start(options(dir.path(), None));
    let i = index(&url);
    let cv = i.get("alpha", "").expect("alpha indexed");
    assert_eq!(cv.urls, [format!("{url}/alpha-1.0.0.tgz")]);
    let data = rudder_repo::download_chart(&cv.urls[0], &cv.digest, &GetterOptions::default())
        .expect("archive served with the index's digest");
    assert_eq!(
        rudder_chart::load_archive(&data)
            .expect("loads")
            .metadata
            .version,
        "1.0.0"
    );
    // Also under /charts/, as Helm 2 served it.
    rudder_repo::getter::get(
        &format!("{url}/charts/alpha-1.0.0.tgz"),
        &GetterOptions::default(),
    )
    .expect("served under /charts/");

    support::package(dir.path(), "beta", "0.2.0", "second");
    assert!(index(&url).get("beta", "0.2.0").is_ok(), "reindexed");
    let missing = rudder_repo::getter::get(
        &format!("{url}/..%2Fetc%2Fpasswd"),
        &GetterOptions::default(),
    );
    assert!(missing.is_err());
}

#[test]
fn uploads_need_configured_credentials() {
    let dir = tempfile::tempdir().expect("tmp");
    let (_server, url) = start(options(dir.path(), None));
    let (status, body) = upload(&url, archive("alpha", "1.0.0"), Some(("admin", "x")));
    assert_eq!(status, 403, "{body}");
    assert!(!dir.path().join("alpha-1.0.0.tgz").exists());
}

#[test]
fn uploads_check_password_chart_and_overwrites() {
    let dir = tempfile::tempdir().expect("tmp");
    let (_server, url) = start(options(dir.path(), Some("s3cret")));
    let (status, _) = upload(&url, archive("alpha", "1.0.0"), None);
    assert_eq!(status, 401);
    let (status, _) = upload(&url, archive("alpha", "1.0.0"), Some(("admin", "wrong")));
    assert_eq!(status, 401);
    assert!(!dir.path().join("alpha-1.0.0.tgz").exists());

    let (status, body) = upload(&url, archive("alpha", "1.0.0"), Some(("admin", "s3cret")));
    assert_eq!((status, body.as_str()), (201, "{\"saved\":true}"));
    assert!(index(&url).get("alpha", "1.0.0").is_ok());

    let (status, body) = upload(&url, archive("alpha", "1.0.0"), Some(("admin", "s3cret")));
    assert_eq!(
        (status, body.as_str()),
        (409, "{\"error\":\"file already exists\"}")
    );

    let (status, body) = upload(&url, b"not a chart".to_vec(), Some(("admin", "s3cret")));
    assert_eq!(status, 400, "{body}");
    assert_eq!(
        fs_err::read_dir(dir.path()).expect("ls").count(),
        2,
        "only the archive and index.yaml"
    );
}

#[test]
fn uploads_take_chartmuseums_multipart_form() {
    let dir = tempfile::tempdir().expect("tmp");
    let (_server, url) = start(options(dir.path(), Some("s3cret")));
    // The body `curl -F chart=@alpha-2.0.0.tgz -F prov=@alpha-2.0.0.tgz.prov` sends.
    let mut body = Vec::new();
    body.extend_from_slice(b"--b0undary\r\nContent-Disposition: form-data; name=\"chart\"; filename=\"alpha-2.0.0.tgz\"\r\nContent-Type: application/octet-stream\r\n\r\n");
    body.extend_from_slice(&archive("alpha", "2.0.0"));
    body.extend_from_slice(b"\r\n--b0undary\r\nContent-Disposition: form-data; name=\"prov\"; filename=\"alpha-2.0.0.tgz.prov\"\r\n\r\n-----BEGIN PGP SIGNED MESSAGE-----\n\r\n--b0undary--\r\n");
    let resp = client()
        .post(format!("{url}/api/charts"))
        .basic_auth("admin", Some("s3cret"))
        .header("Content-Type", "multipart/form-data; boundary=b0undary")
        .body(body)
        .send()
        .expect("answered");
    assert_eq!(resp.status().as_u16(), 201);
    assert!(index(&url).get("alpha", "2.0.0").is_ok());
    assert!(dir.path().join("alpha-2.0.0.tgz.prov").is_file());
}

#[test]
fn allow_overwrite_replaces_a_version() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut opts = options(dir.path(), Some("s3cret"));
    opts.allow_overwrite = true;
    let (_server, url) = start(opts);
    for _ in 0..2 {
        let (status, _) = upload(&url, archive("alpha", "1.0.0"), Some(("admin", "s3cret")));
        assert_eq!(status, 201);
    }
}

#[test]
fn serves_https_with_a_certificate_from_pem_files() {
    let ca_key = rcgen::KeyPair::generate().expect("key");
    let mut ca_params = rcgen::CertificateParams::new(Vec::<String>::new()).expect("params");
    ca_params.is_ca = rcgen::IsCa::Ca(rcgen::BasicConstraints::Unconstrained);
    let ca = rcgen::CertifiedIssuer::self_signed(ca_params, ca_key).expect("CA");
    let key = rcgen::KeyPair::generate().expect("key");
    let cert = rcgen::CertificateParams::new(vec!["localhost".to_owned()])
        .expect("params")
        .signed_by(&key, &ca)
        .expect("cert");
    let tls = serve::tls_config(cert.pem().as_bytes(), key.serialize_pem().as_bytes())
        .expect("TLS config from PEM");
    let dir = tempfile::tempdir().expect("tmp");
    support::package(dir.path(), "alpha", "1.0.0", "first");
    let mut opts = options(dir.path(), None);
    opts.tls = Some(tls);
    let server = serve::start("127.0.0.1:0", opts, |a| {
        format!("https://localhost:{}", a.port())
    })
    .expect("starts");
    let url = format!("https://localhost:{}", server.local_addr().port());

    let err = rudder_repo::getter::get(&format!("{url}/index.yaml"), &GetterOptions::default())
        .expect_err("unknown CA refused");
    assert!(err.to_string().contains("unknown authority"), "{err}");

    let ca_file = dir.path().join("ca.pem.txt");
    fs_err::write(&ca_file, ca.pem()).expect("write CA");
    let opts = GetterOptions {
        ca_file: ca_file.display().to_string(),
        ..GetterOptions::default()
    };
    let data = rudder_repo::getter::get(&format!("{url}/index.yaml"), &opts).expect("trusted");
    let i = IndexFile::parse(&data).expect("parses");
    assert_eq!(
        i.get("alpha", "").expect("indexed").urls,
        [format!("{url}/alpha-1.0.0.tgz")]
    );
}

/// Real Helm pulls a chart from the server (skipped, with a message, where the oracle is not
/// installed).
#[test]
#[expect(clippy::print_stderr, reason = "a skipped check says why")]
fn helm_pulls_from_the_server() {
    let probe = std::process::Command::new("python3")
        .args(["-c", "import helm_python"])
        .output();
    if !probe.is_ok_and(|o| o.status.success()) {
        eprintln!("helm_python is not installed: skipping the Helm interop check");
        return;
    }
    let dir = tempfile::tempdir().expect("tmp");
    support::package(dir.path(), "alpha", "1.0.0", "first");
    support::package(dir.path(), "alpha", "1.2.0", "newer");
    let (_server, url) = start(options(dir.path(), None));
    let dest = tempfile::tempdir().expect("tmp");
    let script = format!(
        "import helm_python\nhelm_python.pull('alpha', repo_url={url:?}, destination={:?})\n",
        dest.path().display().to_string()
    );
    let out = std::process::Command::new("python3")
        .args(["-c", &script])
        .output()
        .expect("python runs");
    assert!(
        out.status.success(),
        "helm pull failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let pulled = fs_err::read(dest.path().join("alpha-1.2.0.tgz")).expect("Helm wrote the newest");
    assert_eq!(
        pulled,
        fs_err::read(dir.path().join("alpha-1.2.0.tgz")).expect("source")
    );
}
