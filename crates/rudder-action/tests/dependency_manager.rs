//! `dependency update|build` against real servers on loopback: an HTTP(S) chart repository
//! (rudder-test's `repo_server`), `file://` charts, `@alias` repositories, Chart.lock digests,
//! and the failures that must leave `charts/` alone (wrong password, unknown CA, a tampered
//! archive, an archive with paths outside its folder, a redirect to another host).

use std::path::{Path, PathBuf};

use rudder_action::dependency::{DependencyError, Manager, hash_req};
use rudder_action::repo::RepoPaths;
use rudder_repo::{Entry, GetterOptions, RepoFile};
use rudder_test::repo_server::{self, Reply, Server};

const NOW: &str = "2024-01-02T03:04:05.123456789Z";

fn chart_archive(dir: &Path, name: &str, version: &str) -> PathBuf {
    let chart = rudder_chart::load_files(vec![
        rudder_chart::File::new(
            "Chart.yaml",
            format!("apiVersion: v2\nname: {name}\nversion: {version}\n").into_bytes(),
        ),
        rudder_chart::File::new("values.yaml", &b"replicas: 1\n"[..]),
    ])
    .expect("chart loads");
    rudder_chart::save_archive(&chart, dir, &|_| 0).expect("chart packs")
}

/// Publishes alpha 1.0.0, 1.1.0, 2.0.0 and beta 0.3.0 on `server`; returns the archives.
fn publish(server: &Server) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut archives = Vec::new();
    for (n, v) in [
        ("alpha", "1.0.0"),
        ("alpha", "1.1.0"),
        ("alpha", "2.0.0"),
        ("beta", "0.3.0"),
    ] {
        archives.push(chart_archive(dir.path(), n, v));
    }
    let index = rudder_repo::index_directory(dir.path(), "", NOW).expect("index builds");
    server.route(
        "/index.yaml",
        Reply::Body(index.to_yaml().expect("index writes").into_bytes()),
    );
    for p in archives {
        let name = p.file_name().and_then(|n| n.to_str()).expect("name");
        server.route(
            &format!("/{name}"),
            Reply::Body(fs_err::read(&p).expect("archive")),
        );
    }
    dir
}

struct Fixture {
    _root: tempfile::TempDir,
    chart: PathBuf,
    paths: RepoPaths,
}

fn fixture(chart_yaml: &str, repos: &[Entry]) -> Fixture {
    let root = tempfile::tempdir().expect("temp dir");
    let chart = root.path().join("parent");
    fs_err::create_dir_all(chart.join("templates")).expect("mkdir");
    fs_err::write(chart.join("Chart.yaml"), chart_yaml).expect("write Chart.yaml");
    let paths = RepoPaths {
        config: root.path().join("config/repositories.yaml"),
        cache: root.path().join("cache"),
    };
    if !repos.is_empty() {
        let mut file = RepoFile::default();
        for r in repos {
            file.update(r.clone());
        }
        fs_err::create_dir_all(root.path().join("config")).expect("mkdir");
        file.write(&paths.config).expect("write repositories.yaml");
    }
    Fixture {
        _root: root,
        chart,
        paths,
    }
}

fn manager(f: &Fixture) -> Manager {
    Manager {
        chart_path: f.chart.display().to_string(),
        paths: f.paths.clone(),
        now: NOW.to_owned(),
        ..Manager::default()
    }
}

fn entry(name: &str, url: &str) -> Entry {
    Entry {
        name: name.to_owned(),
        url: url.to_owned(),
        ..Entry::default()
    }
}

fn charts(f: &Fixture) -> Vec<String> {
    let mut names: Vec<String> = fs_err::read_dir(f.chart.join("charts"))
        .map(|rd| {
            rd.filter_map(Result::ok)
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

fn run_update(m: &Manager) -> (Result<(), DependencyError>, String) {
    let mut out = Vec::new();
    let r = m.update(&mut out);
    (r, String::from_utf8_lossy(&out).into_owned())
}

fn run_build(m: &Manager) -> (Result<(), DependencyError>, String) {
    let mut out = Vec::new();
    let r = m.build(&mut out);
    (r, String::from_utf8_lossy(&out).into_owned())
}

#[test]
fn update_resolves_downloads_and_locks() {
    let server = repo_server::start(None, None);
    let _repo = publish(&server);
    let url = server.url(false);
    let f = fixture(
        &format!(
            "apiVersion: v2\nname: parent\nversion: 0.1.0\ndependencies:\n- name: alpha\n  version: ~1.0\n  repository: {url}\n- name: beta\n  version: \">0.1.0\"\n  repository: \"@demo\"\n"
        ),
        &[entry("demo", &url)],
    );
    let (r, out) = run_update(&manager(&f));
    r.expect("update succeeds");
    assert_eq!(
        out,
        format!(
            "Hang tight while we grab the latest from your chart repositories...\n\
             ...Successfully got an update from the \"demo\" chart repository\n\
             Update Complete. ⎈Happy Helming!⎈\n\
             Saving 2 charts\n\
             Downloading alpha from repo {url}\n\
             Downloading beta from repo {url}\n\
             Deleting outdated charts\n"
        )
    );
    assert_eq!(charts(&f), ["alpha-1.0.0.tgz", "beta-0.3.0.tgz"]);
    let lock = fs_err::read_to_string(f.chart.join("Chart.lock")).expect("lock written");
    // The digest hashes the requirements with `@demo` already turned into its URL.
    let req = |n: &str, v: &str| rudder_chart::Dependency {
        name: n.to_owned(),
        version: v.to_owned(),
        repository: url.clone(),
        ..Default::default()
    };
    let digest = hash_req(
        &[req("alpha", "~1.0"), req("beta", ">0.1.0")],
        &[req("alpha", "1.0.0"), req("beta", "0.3.0")],
    );
    assert_eq!(
        lock,
        format!(
            "dependencies:\n- name: alpha\n  repository: {url}\n  version: 1.0.0\n- name: beta\n  repository: {url}\n  version: 0.3.0\ndigest: {digest}\ngenerated: \"{NOW}\"\n"
        )
    );

    // A second update with the same result leaves the lock as it was.
    let mut again = manager(&f);
    again.now = "2030-01-01T00:00:00Z".to_owned();
    again.skip_update = true;
    let (r, out) = run_update(&again);
    r.expect("second update succeeds");
    assert!(!out.contains("Hang tight"), "{out}");
    assert_eq!(
        fs_err::read_to_string(f.chart.join("Chart.lock")).expect("lock"),
        lock
    );

    // Build reproduces charts/ from the lock, deleting what the lock does not name.
    fs_err::remove_file(f.chart.join("charts/alpha-1.0.0.tgz")).expect("rm");
    fs_err::copy(
        f.chart.join("charts/beta-0.3.0.tgz"),
        f.chart.join("charts/beta-0.2.0.tgz"),
    )
    .expect("copy");
    let (r, out) = run_build(&manager(&f));
    r.expect("build succeeds");
    assert!(out.ends_with("Deleting outdated charts\n"), "{out}");
    assert_eq!(charts(&f), ["alpha-1.0.0.tgz", "beta-0.3.0.tgz"]);
}

#[test]
fn build_refuses_a_lock_out_of_sync() {
    let server = repo_server::start(None, None);
    let _repo = publish(&server);
    let url = server.url(false);
    let f = fixture(
        &format!(
            "apiVersion: v2\nname: parent\nversion: 0.1.0\ndependencies:\n- name: alpha\n  version: ~1.0\n  repository: {url}\n"
        ),
        &[entry("demo", &url)],
    );
    run_update(&manager(&f)).0.expect("update");
    let yaml = fs_err::read_to_string(f.chart.join("Chart.yaml")).expect("read");
    fs_err::write(f.chart.join("Chart.yaml"), yaml.replace("~1.0", "^2")).expect("write");
    let (r, _) = run_build(&manager(&f));
    assert_eq!(
        r.expect_err("out of sync").to_string(),
        "the lock file (Chart.lock) is out of sync with the dependencies file (Chart.yaml). Please update the dependencies with 'helm dependency update'"
    );
}

#[test]
fn build_names_repositories_that_are_not_configured() {
    let server = repo_server::start(None, None);
    let _repo = publish(&server);
    let url = server.url(false);
    let f = fixture(
        &format!(
            "apiVersion: v2\nname: parent\nversion: 0.1.0\ndependencies:\n- name: alpha\n  version: ~1.0\n  repository: {url}\n"
        ),
        &[entry("demo", &url)],
    );
    run_update(&manager(&f)).0.expect("update");
    fs_err::remove_file(&f.paths.config).expect("rm repositories.yaml");
    let (r, _) = run_build(&manager(&f));
    assert_eq!(
        r.expect_err("missing repo").to_string(),
        format!("no repository definition for {url}")
    );
}

#[test]
fn unknown_names_get_helms_hint() {
    let f = fixture(
        "apiVersion: v2\nname: parent\nversion: 0.1.0\ndependencies:\n- name: alpha\n  version: ~1.0\n  repository: stable\n",
        &[entry("demo", "http://127.0.0.1:9")],
    );
    let (r, _) = run_update(&manager(&f));
    assert_eq!(
        r.expect_err("no such repo").to_string(),
        "no repository definition for stable. Please add them via 'helm repo add'\n\
         Note that repositories must be URLs or aliases. For example, to refer to the \"example\"\n\
         repository, use \"https://charts.example.com/\" or \"@example\" instead of\n\
         \"example\". Don't forget to add the repo, too ('helm repo add')."
    );
}

#[test]
fn file_dependencies_are_packaged() {
    let f = fixture(
        "apiVersion: v2\nname: parent\nversion: 0.1.0\ndependencies:\n- name: local\n  version: \">=0.1.0\"\n  repository: file://../local\n",
        &[],
    );
    let local = f.chart.parent().expect("root").join("local");
    fs_err::create_dir_all(&local).expect("mkdir");
    fs_err::write(
        local.join("Chart.yaml"),
        "apiVersion: v2\nname: local\nversion: 0.2.0\n",
    )
    .expect("write");
    let (r, out) = run_update(&manager(&f));
    r.expect("update");
    assert_eq!(out, "Saving 1 charts\nDeleting outdated charts\n");
    assert_eq!(charts(&f), ["local-0.2.0.tgz"]);
    let lock = fs_err::read_to_string(f.chart.join("Chart.lock")).expect("lock");
    assert!(
        lock.starts_with(
            "dependencies:\n- name: local\n  repository: file://../local\n  version: 0.2.0\n"
        ),
        "{lock}"
    );
}

/// The failures below must leave `charts/` exactly as it was: here, one old archive.
fn assert_untouched(f: &Fixture) {
    assert_eq!(charts(f), ["old-0.0.1.tgz"]);
}

fn prepared(url: &str, e: Entry) -> Fixture {
    let f = fixture(
        &format!(
            "apiVersion: v2\nname: parent\nversion: 0.1.0\ndependencies:\n- name: alpha\n  version: ~1.0\n  repository: {url}\n"
        ),
        &[e],
    );
    chart_archive(&f.chart.join("charts"), "old", "0.0.1");
    f
}

#[test]
fn a_wrong_password_fails_and_writes_nothing() {
    let server = repo_server::start(Some(("user", "s3cret")), None);
    let _repo = publish(&server);
    let url = server.url(false);
    let mut e = entry("demo", &url);
    e.username = "user".to_owned();
    e.password = "wrong".to_owned();
    let f = prepared(&url, e);
    let (r, out) = run_update(&manager(&f));
    assert!(
        out.contains(&format!(
            "...Unable to get an update from the \"demo\" chart repository ({url}):\n\tfailed to fetch {url}/index.yaml : 401 Unauthorized"
        )),
        "{out}"
    );
    let err = r.expect_err("no index").to_string();
    assert!(
        err.starts_with("no cached repository for demo found."),
        "{err}"
    );
    assert_untouched(&f);
}

#[test]
fn an_unknown_ca_fails_and_writes_nothing() {
    let pki = repo_server::pki();
    let server = repo_server::start(None, Some(pki.server.clone()));
    let _repo = publish(&server);
    let url = server.url(true);
    let f = prepared(&url, entry("demo", &url));
    let (r, out) = run_update(&manager(&f));
    assert!(
        out.contains("x509: certificate signed by unknown authority"),
        "{out}"
    );
    assert!(r.is_err());
    assert_untouched(&f);

    // With the CA the same update works.
    let root = f.chart.parent().expect("root").to_owned();
    let ca = root.join("ca.pem");
    fs_err::write(&ca, &pki.ca_pem).expect("write CA");
    let mut e = entry("demo", &url);
    e.ca_file = ca.display().to_string();
    let mut file = RepoFile::default();
    file.update(e);
    file.write(&f.paths.config).expect("write");
    let (r, out) = run_update(&manager(&f));
    r.unwrap_or_else(|e| panic!("{e}: {out}"));
    // The old archive is not in the lock: Helm deletes it once the update succeeds.
    assert_eq!(charts(&f), ["alpha-1.0.0.tgz"]);
}

#[test]
fn a_tampered_archive_fails_and_writes_nothing() {
    let server = repo_server::start(None, None);
    let _repo = publish(&server);
    let url = server.url(false);
    let dir = tempfile::tempdir().expect("tmp");
    let other = chart_archive(dir.path(), "alpha", "1.0.0");
    let mut bytes = fs_err::read(other).expect("read");
    bytes.extend_from_slice(b"tampered");
    server.route("/alpha-1.0.0.tgz", Reply::Body(bytes));
    let f = prepared(&url, entry("demo", &url));
    let (r, out) = run_update(&manager(&f));
    let err = r.expect_err("digest mismatch").to_string();
    assert!(
        err.starts_with(&format!(
            "could not download {url}/alpha-1.0.0.tgz: digest mismatch"
        )),
        "{err}"
    );
    assert!(
        out.contains("Save error occurred:  could not download"),
        "{out}"
    );
    assert_untouched(&f);
    assert!(!f.chart.join("Chart.lock").exists());
}

/// A gzipped tar whose entry climbs out of the chart's folder.
fn escaping_archive() -> Vec<u8> {
    use std::io::Write as _;
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    {
        let mut tar = tar::Builder::new(&mut gz);
        for (path, body) in [
            (
                "alpha/Chart.yaml",
                "apiVersion: v2\nname: alpha\nversion: 1.0.0\n",
            ),
            ("alpha/../../evil.txt", "owned\n"),
        ] {
            let mut h = tar::Header::new_gnu();
            h.set_size(body.len() as u64);
            h.set_mode(0o644);
            // `append_data` refuses `..`; write the name into the header directly.
            let name = path.as_bytes();
            h.as_old_mut().name[..name.len()].copy_from_slice(name);
            h.set_cksum();
            tar.append(&h, body.as_bytes()).expect("append");
        }
        tar.finish().expect("finish");
    }
    gz.flush().expect("flush");
    gz.finish().expect("finish gzip")
}

#[test]
fn an_archive_with_paths_outside_its_folder_fails_and_writes_nothing() {
    let server = repo_server::start(None, None);
    let url = server.url(false);
    let bad = escaping_archive();
    let index = format!(
        "apiVersion: v1\nentries:\n  alpha:\n  - apiVersion: v2\n    name: alpha\n    version: 1.0.0\n    urls:\n    - alpha-1.0.0.tgz\ngenerated: \"{NOW}\"\n"
    );
    server.route("/index.yaml", Reply::Body(index.into_bytes()));
    server.route("/alpha-1.0.0.tgz", Reply::Body(bad));
    let f = prepared(&url, entry("demo", &url));
    let (r, _) = run_update(&manager(&f));
    let err = r.expect_err("bad archive").to_string();
    assert!(
        err.starts_with(&format!("could not download {url}/alpha-1.0.0.tgz: ")),
        "{err}"
    );
    assert_untouched(&f);
    let root = f.chart.parent().expect("root");
    assert!(!root.join("evil.txt").exists());
    assert!(!f.chart.join("evil.txt").exists());
}

#[test]
fn credentials_do_not_follow_a_redirect_to_another_host() {
    let archives = repo_server::start(None, None);
    let _repo = publish(&archives);
    let main = repo_server::start(None, None);
    let url = main.url(false);
    // The index sits on `main`, its archive URLs point at `main`, and `main` redirects the
    // archive to another host (`localhost` versus `127.0.0.1`).
    let dir = tempfile::tempdir().expect("tmp");
    chart_archive(dir.path(), "alpha", "1.0.0");
    let index = rudder_repo::index_directory(dir.path(), "", NOW).expect("index");
    main.route(
        "/index.yaml",
        Reply::Body(index.to_yaml().expect("yaml").into_bytes()),
    );
    main.route(
        "/alpha-1.0.0.tgz",
        Reply::Redirect(format!(
            "http://localhost:{}/alpha-1.0.0.tgz",
            archives.addr.port()
        )),
    );
    let mut e = entry("demo", &url);
    e.username = "user".to_owned();
    e.password = "s3cret".to_owned();
    let f = prepared(&url, e.clone());
    let (r, out) = run_update(&manager(&f));
    r.unwrap_or_else(|e| panic!("{e}: {out}"));
    let seen = archives.seen();
    let hop = seen
        .iter()
        .find(|s| s.path == "/alpha-1.0.0.tgz")
        .expect("redirect followed");
    assert_eq!(hop.authorization, None, "credentials followed the redirect");
    assert!(
        main.seen().iter().all(|s| s.authorization.is_some()),
        "credentials go to the repository's own host"
    );

    // With pass_credentials_all they go to an archive URL on another host (Go's client still
    // drops them on a redirect that changes host, and so does ours).
    let other = format!("http://localhost:{}/alpha-1.0.0.tgz", archives.addr.port());
    rudder_repo::getter::get(&other, &GetterOptions::from_entry(&e)).expect("get");
    assert_eq!(archives.seen().pop().expect("request").authorization, None);
    e.pass_credentials_all = true;
    let opts = GetterOptions::from_entry(&e);
    rudder_repo::getter::get(&other, &opts).expect("get");
    let last = archives.seen().pop().expect("request");
    assert!(last.authorization.is_some());
}

/// `oci://` dependencies from a real registry (Debian's `docker-registry`, htpasswd auth): a
/// constraint resolved against the tags, an exact version, the `Pulled:`/`Digest:` lines,
/// and build from the lock.
#[test]
fn oci_dependencies_resolve_against_tags() {
    use rudder_registry::{Client, ClientOptions, Credential, Reference};
    use rudder_test::registry_server;
    let reg = registry_server::start(false);
    let client = Client::new(ClientOptions {
        plain_http: true,
        credentials_file: reg.dir().join("config.json"),
        credential: Some(Credential {
            username: reg.username.clone(),
            password: reg.password.clone(),
        }),
        ..ClientOptions::default()
    })
    .expect("client");
    let remote = Reference::parse(&format!("oci://{}/charts", reg.host)).expect("ref");
    for (n, v) in [
        ("gamma", "1.0.0"),
        ("gamma", "1.2.0"),
        ("gamma", "2.0.0"),
        ("delta", "0.1.0"),
    ] {
        let archive = registry_server::chart_archive(n, v);
        client
            .push_chart(&archive, None, &remote, "2024-01-02T03:04:05Z")
            .expect("push");
    }
    let repo = format!("oci://{}/charts", reg.host);
    let f = fixture(
        &format!(
            "apiVersion: v2\nname: parent\nversion: 0.1.0\ndependencies:\n- name: gamma\n  version: ^1.0.0\n  repository: {repo}\n- name: delta\n  version: 0.1.0\n  repository: {repo}\n"
        ),
        &[],
    );
    let mut m = manager(&f);
    m.registry = Some(client);
    let (r, out) = run_update(&m);
    r.unwrap_or_else(|e| panic!("{e}: {out}"));
    assert_eq!(
        out.lines()
            .filter(|l| !l.starts_with("Digest: "))
            .collect::<Vec<_>>(),
        [
            "Saving 2 charts".to_owned(),
            format!("Downloading gamma from repo {repo}"),
            format!("Pulled: {}/charts/gamma:1.2.0", reg.host),
            format!("Downloading delta from repo {repo}"),
            format!("Pulled: {}/charts/delta:0.1.0", reg.host),
            "Deleting outdated charts".to_owned(),
        ]
    );
    assert_eq!(charts(&f), ["delta-0.1.0.tgz", "gamma-1.2.0.tgz"]);
    let lock = fs_err::read_to_string(f.chart.join("Chart.lock")).expect("lock");
    assert!(
        lock.starts_with(&format!(
            "dependencies:\n- name: gamma\n  repository: {repo}\n  version: 1.2.0\n- name: delta\n  repository: {repo}\n  version: 0.1.0\n"
        )),
        "{lock}"
    );
    fs_err::remove_dir_all(f.chart.join("charts")).expect("rm");
    let (r, out) = run_build(&m);
    r.unwrap_or_else(|e| panic!("{e}: {out}"));
    assert_eq!(charts(&f), ["delta-0.1.0.tgz", "gamma-1.2.0.tgz"]);
}
