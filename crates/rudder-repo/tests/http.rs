//! The repository client against real HTTP and HTTPS servers on loopback: fetching an index
//! into the cache, searching it, downloading archives, basic auth, a custom CA, redirects to
//! another host, and tampered archives.

mod support;

use rudder_repo::{
    Entry, Error, GetterOptions, IndexFile, SearchIndex, cache_index_file, download_chart,
    download_index_file,
};
use rudder_test::repo_server::{self, Reply, Server};

/// A repository folder with two charts, indexed, served at `server`.
fn publish(server: &Server, base_url: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let a = support::package(dir.path(), "alpha", "1.0.0", "first chart");
    let b = support::package(dir.path(), "alpha", "1.1.0", "first chart, newer");
    let c = support::package(dir.path(), "beta", "0.3.0", "a web server");
    let index = rudder_repo::index_directory(dir.path(), base_url, "2024-01-02T03:04:05Z")
        .expect("index builds");
    server.route(
        "/index.yaml",
        Reply::Body(index.to_yaml().expect("index writes").into_bytes()),
    );
    for p in [a, b, c] {
        let name = p
            .file_name()
            .and_then(|n| n.to_str())
            .expect("archive name");
        server.route(
            &format!("/{name}"),
            Reply::Body(fs_err::read(&p).expect("archive readable")),
        );
    }
    dir
}

fn entry(name: &str, url: &str) -> Entry {
    Entry {
        name: name.to_owned(),
        url: url.to_owned(),
        ..Entry::default()
    }
}

#[test]
fn add_search_and_pull_end_to_end() {
    let server = repo_server::start(None, None);
    let _repo = publish(&server, "");
    let cache = tempfile::tempdir().expect("cache dir");
    let e = entry("demo", &server.url(false));
    let opts = GetterOptions::from_entry(&e);
    let path = download_index_file(&e, cache.path(), &opts).expect("index downloads");
    assert_eq!(path, cache.path().join(cache_index_file("demo")));
    let charts = fs_err::read_to_string(cache.path().join("demo-charts.txt")).expect("charts file");
    assert_eq!(charts, "alpha\nbeta\n");

    let index = IndexFile::load(&path).expect("cached index loads");
    let mut search = SearchIndex::new();
    search.add_repo("demo", &index, false);
    let hits = search.search("web", 25, false).expect("search runs");
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].name, "demo/beta");
    assert_eq!(hits[0].score, 2);

    let cv = index.get("alpha", "~1.0").expect("constraint matches");
    assert_eq!(cv.metadata.version, "1.0.0");
    let url = rudder_repo::chart_url(&e.url, cv).expect("chart URL");
    assert_eq!(url, format!("{}/alpha-1.0.0.tgz", server.url(false)));
    let data = download_chart(&url, &cv.digest, &opts).expect("archive downloads");
    let chart = rudder_chart::load_archive(&data).expect("archive loads");
    assert_eq!(chart.metadata.version, "1.0.0");
}

#[test]
fn basic_auth_is_sent_and_a_wrong_password_fails() {
    let server = repo_server::start(Some(("user", "s3cret")), None);
    let _repo = publish(&server, "");
    let cache = tempfile::tempdir().expect("cache dir");
    let mut e = entry("private", &server.url(false));
    e.username = "user".to_owned();
    e.password = "s3cret".to_owned();
    download_index_file(&e, cache.path(), &GetterOptions::from_entry(&e))
        .expect("right password works");

    e.password = "wrong".to_owned();
    let err = download_index_file(&e, cache.path(), &GetterOptions::from_entry(&e))
        .expect_err("wrong password fails");
    assert_eq!(
        err.to_string(),
        format!(
            "failed to fetch {}/index.yaml : 401 Unauthorized",
            server.url(false)
        )
    );
}

#[test]
fn credentials_do_not_follow_a_redirect_to_another_host() {
    // The archive lives on a second server; the first one redirects there.
    let other = repo_server::start(None, None);
    let repo = repo_server::start(Some(("user", "s3cret")), None);
    let dir = publish(&other, "");
    let _ = dir;
    repo.route(
        "/alpha-1.0.0.tgz",
        Reply::Redirect(format!(
            "http://localhost:{}/alpha-1.0.0.tgz",
            other.addr.port()
        )),
    );
    let mut e = entry("private", &repo.url(false));
    e.username = "user".to_owned();
    e.password = "s3cret".to_owned();
    let opts = GetterOptions::from_entry(&e);
    download_chart(&format!("{}/alpha-1.0.0.tgz", repo.url(false)), "", &opts)
        .expect("redirected download works");
    let first = repo.seen();
    assert!(
        first.iter().all(|s| s.authorization.is_some()),
        "the repository host gets the credentials"
    );
    let seen = other.seen();
    assert_eq!(seen.len(), 1);
    assert_eq!(
        seen[0].authorization, None,
        "credentials leaked to {seen:?}"
    );

    // A chart URL on another host gets no credentials either, unless pass_credentials_all.
    download_chart(
        &format!("http://localhost:{}/alpha-1.0.0.tgz", other.addr.port()),
        "",
        &opts,
    )
    .expect("direct download works");
    assert_eq!(other.seen()[1].authorization, None);
    let mut all = opts.clone();
    all.pass_credentials_all = true;
    download_chart(
        &format!("http://localhost:{}/alpha-1.0.0.tgz", other.addr.port()),
        "",
        &all,
    )
    .expect("direct download works");
    assert!(other.seen()[2].authorization.is_some());
}

#[test]
fn tls_with_the_repository_ca_works_and_without_it_fails() {
    let pki = repo_server::pki();
    let server = repo_server::start(None, Some(pki.server.clone()));
    let _repo = publish(&server, "");
    let files = tempfile::tempdir().expect("temp dir");
    let ca = files.path().join("ca.pem");
    fs_err::write(&ca, &pki.ca_pem).expect("CA written");
    let cache = tempfile::tempdir().expect("cache dir");
    let mut e = entry("tls", &server.url(true));
    e.ca_file = ca.display().to_string();
    download_index_file(&e, cache.path(), &GetterOptions::from_entry(&e))
        .expect("trusted CA works");

    // Another CA does not verify the server.
    let other = repo_server::pki_named("another CA");
    let wrong = files.path().join("other.pem");
    fs_err::write(&wrong, &other.ca_pem).expect("CA written");
    e.ca_file = wrong.display().to_string();
    let err = download_index_file(&e, cache.path(), &GetterOptions::from_entry(&e))
        .expect_err("wrong CA fails");
    assert_eq!(
        err.to_string(),
        format!(
            "Get \"{}/index.yaml\": tls: failed to verify certificate: x509: certificate signed by unknown authority",
            server.url(true)
        )
    );

    e.ca_file = String::new();
    e.insecure_skip_tls_verify = true;
    download_index_file(&e, cache.path(), &GetterOptions::from_entry(&e))
        .expect("--insecure-skip-tls-verify works");
}

#[test]
fn a_tampered_archive_is_refused() {
    let server = repo_server::start(None, None);
    let repo = publish(&server, "");
    let index =
        rudder_repo::index_directory(repo.path(), "", "2024-01-02T03:04:05Z").expect("index");
    let cv = index.get("alpha", "1.0.0").expect("version present");
    let mut data = fs_err::read(repo.path().join("alpha-1.0.0.tgz")).expect("archive");
    let last = data.len() - 1;
    data[last] ^= 0xff;
    server.route("/alpha-1.0.0.tgz", Reply::Body(data));
    let e = entry("demo", &server.url(false));
    let err = download_chart(
        &format!("{}/alpha-1.0.0.tgz", server.url(false)),
        &cv.digest,
        &GetterOptions::from_entry(&e),
    )
    .expect_err("digest mismatch");
    assert!(matches!(err, Error::DigestMismatch { .. }), "{err}");
}

#[test]
fn a_refused_connection_is_gos_error() {
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
        l.local_addr().expect("addr").port()
    };
    let url = format!("http://127.0.0.1:{port}/index.yaml");
    let err = rudder_repo::getter::get(&url, &GetterOptions::default()).expect_err("refused");
    assert_eq!(
        err.to_string(),
        format!("Get \"{url}\": dial tcp 127.0.0.1:{port}: connect: connection refused")
    );
}

#[test]
fn a_missing_index_is_helms_error() {
    let server = repo_server::start(None, None);
    let cache = tempfile::tempdir().expect("cache dir");
    let e = entry("none", &format!("{}/sub", server.url(false)));
    let err =
        download_index_file(&e, cache.path(), &GetterOptions::from_entry(&e)).expect_err("404");
    assert_eq!(
        err.to_string(),
        format!(
            "failed to fetch {}/sub/index.yaml : 404 Not Found",
            server.url(false)
        )
    );
    assert!(!cache.path().join("none-index.yaml").exists());
}
