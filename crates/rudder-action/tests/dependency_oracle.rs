//! `dependency update` and `build` side by side with real Helm (helm-python-sdk's
//! `dependency_update`/`dependency_build`, Helm 4.2.3) on the same charts, served by
//! `rudder_repo::serve`: the same `Chart.lock` (digest included, `generated` aside) and the
//! same archives in `charts/` (byte for byte when downloaded, same files when packaged from
//! `file://`). Skipped, with a message, where the oracle is not installed.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

use rudder_action::dependency::Manager;
use rudder_action::repo::RepoPaths;

fn oracle() -> bool {
    std::process::Command::new("python3")
        .args(["-c", "import helm_python"])
        .output()
        .is_ok_and(|o| o.status.success())
}

fn package(dir: &Path, name: &str, version: &str) {
    let chart = rudder_chart::load_files(vec![
        rudder_chart::File::new(
            "Chart.yaml",
            format!("apiVersion: v2\nname: {name}\nversion: {version}\n").into_bytes(),
        ),
        rudder_chart::File::new("values.yaml", &b"replicas: 1\n"[..]),
    ])
    .expect("chart loads");
    rudder_chart::save_archive(&chart, dir, &|_| 0).expect("chart packs");
}

fn helm(op: &str, chart: &Path) -> Result<(), String> {
    let script = format!(
        "import helm_python\nhelm_python.{op}({:?})\n",
        chart.display().to_string()
    );
    let out = std::process::Command::new("python3")
        .args(["-c", &script])
        .output()
        .map_err(|e| e.to_string())?;
    if out.status.success() {
        Ok(())
    } else {
        Err(String::from_utf8_lossy(&out.stderr).into_owned())
    }
}

fn without_generated(lock: &str) -> String {
    lock.lines()
        .filter(|l| !l.starts_with("generated:"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Each archive of `charts/` as its files (name to bytes).
fn charts(dir: &Path) -> BTreeMap<String, BTreeMap<String, Vec<u8>>> {
    let mut out = BTreeMap::new();
    for e in fs_err::read_dir(dir.join("charts")).expect("charts/") {
        let e = e.expect("entry");
        let data = fs_err::read(e.path()).expect("read");
        let files = rudder_chart::load_archive_files(&data)
            .expect("archive")
            .into_iter()
            .map(|f| (f.name.clone(), f.data.to_vec()))
            .collect();
        out.insert(e.file_name().to_string_lossy().into_owned(), files);
    }
    out
}

#[test]
#[expect(clippy::print_stderr, reason = "a skipped check says why")]
fn update_and_build_match_helm() {
    if !oracle() {
        eprintln!("helm_python is not installed: skipping the Helm comparison");
        return;
    }
    let root = tempfile::tempdir().expect("tmp");
    let repo = root.path().join("repo");
    for (n, v) in [
        ("alpha", "1.0.0"),
        ("alpha", "1.1.0"),
        ("alpha", "2.0.0-rc.1"),
        ("beta", "0.3.0"),
    ] {
        package(&repo, n, v);
    }
    let server = rudder_repo::serve::start(
        "127.0.0.1:0",
        rudder_repo::serve::ServeOptions {
            dir: repo.clone(),
            url: String::new(),
            username: String::new(),
            password: None,
            allow_overwrite: false,
            tls: None,
            clock: Arc::new(|| "2024-01-02T03:04:05Z".to_owned()),
        },
        |a| format!("http://{a}"),
    )
    .expect("server");
    let url = format!("http://{}", server.local_addr());
    let local = root.path().join("loc");
    fs_err::create_dir_all(local.join("templates")).expect("mkdir");
    fs_err::write(
        local.join("Chart.yaml"),
        "apiVersion: v2\nname: loc\nversion: 0.4.0\n",
    )
    .expect("write");
    fs_err::write(local.join("values.yaml"), "a: 1\n").expect("write");
    let chart_yaml = format!(
        "apiVersion: v2\nname: parent\nversion: 0.1.0\ndependencies:\n\
         - name: alpha\n  version: \">=1.0.0 <2\"\n  repository: {url}\n  alias: first\n  condition: a.enabled\n  tags: [x, \"<&>\"]\n  import-values: [data, {{child: a, parent: b}}]\n\
         - name: beta\n  version: \"*\"\n  repository: {url}\n\
         - name: loc\n  version: 0.x\n  repository: file://../loc\n\
         - name: alpha\n  version: 1.0.0\n  repository: {url}\n"
    );
    let ours = root.path().join("ours");
    let theirs = root.path().join("theirs");
    for d in [&ours, &theirs] {
        fs_err::create_dir_all(d).expect("mkdir");
        fs_err::write(d.join("Chart.yaml"), &chart_yaml).expect("write");
    }
    helm("dependency_update", &theirs).expect("Helm's update");
    let man = Manager {
        chart_path: ours.display().to_string(),
        paths: RepoPaths {
            config: root.path().join("home/repositories.yaml"),
            cache: root.path().join("home/cache"),
        },
        now: "2024-01-02T03:04:05Z".to_owned(),
        ..Manager::default()
    };
    let mut out = Vec::new();
    man.update(&mut out).expect("our update");
    let lock = |d: &Path| fs_err::read_to_string(d.join("Chart.lock")).expect("lock");
    assert_eq!(
        without_generated(&lock(&ours)),
        without_generated(&lock(&theirs))
    );
    assert_eq!(charts(&ours), charts(&theirs));
    for name in ["alpha-1.0.0.tgz", "alpha-1.1.0.tgz", "beta-0.3.0.tgz"] {
        assert_eq!(
            fs_err::read(ours.join("charts").join(name)).expect("ours"),
            fs_err::read(theirs.join("charts").join(name)).expect("theirs"),
            "{name}"
        );
    }

    // Build from each side's lock after charts/ is emptied.
    for d in [&ours, &theirs] {
        fs_err::remove_dir_all(d.join("charts")).expect("rm charts/");
    }
    helm("dependency_build", &theirs).expect("Helm's build");
    // Build needs the repositories configured (helm-python-sdk registers them privately).
    let mut file = rudder_repo::RepoFile::default();
    file.update(rudder_repo::Entry {
        name: "demo".to_owned(),
        url: url.clone(),
        ..rudder_repo::Entry::default()
    });
    fs_err::create_dir_all(root.path().join("home")).expect("mkdir");
    file.write(&man.paths.config).expect("repositories.yaml");
    let mut out = Vec::new();
    man.build(&mut out).expect("our build");
    assert_eq!(charts(&ours), charts(&theirs));

    // The lock out of sync: both refuse.
    for d in [&ours, &theirs] {
        fs_err::write(d.join("Chart.yaml"), chart_yaml.replace("0.x", "^0.4")).expect("write");
    }
    let helm_err = helm("dependency_build", &theirs).expect_err("Helm refuses");
    let our_err = man
        .build(&mut Vec::new())
        .expect_err("we refuse")
        .to_string();
    assert!(helm_err.contains(&our_err), "{helm_err} / {our_err}");
}

/// Resolution failures word the error as Helm does.
#[test]
#[expect(clippy::print_stderr, reason = "a skipped check says why")]
fn resolution_errors_match_helm() {
    if !oracle() {
        eprintln!("helm_python is not installed: skipping the Helm comparison");
        return;
    }
    let root = tempfile::tempdir().expect("tmp");
    let repo = root.path().join("repo");
    package(&repo, "alpha", "1.0.0");
    let server = rudder_repo::serve::start(
        "127.0.0.1:0",
        rudder_repo::serve::ServeOptions {
            dir: repo.clone(),
            url: String::new(),
            username: String::new(),
            password: None,
            allow_overwrite: false,
            tls: None,
            clock: Arc::new(|| "2024-01-02T03:04:05Z".to_owned()),
        },
        |a| format!("http://{a}"),
    )
    .expect("server");
    let url = format!("http://{}", server.local_addr());
    let mut checked = 0;
    for (i, (name, version)) in [
        ("alpha", "^5.0.0"),
        ("alpha", "bad constraint!"),
        ("nosuch", "*"),
    ]
    .into_iter()
    .enumerate()
    {
        let chart_yaml = format!(
            "apiVersion: v2\nname: parent\nversion: 0.1.0\ndependencies:\n- name: {name}\n  version: \"{version}\"\n  repository: {url}\n"
        );
        let ours = root.path().join(format!("ours-{i}"));
        let theirs = root.path().join(format!("theirs-{i}"));
        for d in [&ours, &theirs] {
            fs_err::create_dir_all(d).expect("mkdir");
            fs_err::write(d.join("Chart.yaml"), &chart_yaml).expect("write");
        }
        let helm_err = helm("dependency_update", &theirs).expect_err("Helm fails");
        let man = Manager {
            chart_path: ours.display().to_string(),
            paths: RepoPaths {
                config: root.path().join("home/repositories.yaml"),
                cache: root.path().join("home/cache"),
            },
            ..Manager::default()
        };
        let our_err = man
            .update(&mut Vec::new())
            .expect_err("we fail")
            .to_string();
        assert!(
            helm_err.trim_end().ends_with(&our_err),
            "Helm: {helm_err}\nours: {our_err}"
        );
        checked += 1;
    }
    assert_eq!(checked, 3);
}
