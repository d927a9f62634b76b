//! `rudder --host` against a tiller running in this process (mutual TLS on loopback, the
//! in-memory cluster and the memory driver): the release commands' output through tiller is
//! the direct mode's. Direct mode reads the same release records (fetched from tiller) with
//! `HELM_MEMORY_DRIVER_DATA`, so `list`, `history` and `get` must print the same bytes.

#[path = "../../rudder-tiller/tests/support/mod.rs"]
mod support;

use std::sync::Arc;

use rudder_proto::tiller as pb;
use rudder_storage::DriverKind;
use rudder_test::TestContext;
use support::{Pki, Running, chart_archive};

struct Remote {
    server: Running,
    pki: Pki,
    ctx: TestContext,
    chart: String,
}

impl Remote {
    fn new() -> Remote {
        let pki = Pki::new();
        let server = Running::start(
            Arc::new(rudder_kube_memory::MemoryCluster::new()),
            DriverKind::Memory,
            Some(&pki),
        );
        let ctx = TestContext::new(env!("CARGO_BIN_EXE_rudder"));
        let chart = ctx.work_dir().join("hooked-0.1.0.tgz");
        fs_err::write(&chart, chart_archive("0.1.0")).unwrap();
        Remote {
            server,
            pki,
            ctx,
            chart: chart.display().to_string(),
        }
    }

    /// Runs rudder through tiller as `who`.
    fn run(&self, who: &str, args: &[&str]) -> rudder_test::Output {
        let ca = self.pki.path("ca.crt").display().to_string();
        let cert = self.pki.path(&format!("{who}.crt")).display().to_string();
        let key = self.pki.path(&format!("{who}.key")).display().to_string();
        let mut all = vec![
            "--host",
            &self.server.addr,
            "--tls-verify",
            "--tls-ca-cert",
            &ca,
            "--tls-cert",
            &cert,
            "--tls-key",
            &key,
            "--tls-hostname",
            "localhost",
        ];
        all.extend_from_slice(args);
        self.ctx.run(&all)
    }

    /// The records tiller holds for `names` in `ns`, as HELM_MEMORY_DRIVER_DATA reads them.
    fn records(&self, ns: &str, names: &[&str]) -> String {
        let mut client = self.server.client(Some(&self.pki.client(Some("root"))));
        let mut json = Vec::new();
        for name in names {
            let history = self
                .server
                .block_on(client.get_history(pb::GetHistoryRequest {
                    name: (*name).to_owned(),
                    namespace: ns.to_owned(),
                    max: 100,
                }))
                .unwrap()
                .into_inner();
            json.extend(history.releases.into_iter().map(|r| r.json));
        }
        format!("[{}]\n", json.join(",\n"))
    }
}

fn without_last_deployed(text: &str) -> String {
    text.lines()
        .filter(|l| !l.starts_with("LAST DEPLOYED:"))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn release_commands_through_tiller_print_what_direct_mode_prints() {
    let r = Remote::new();
    let install = r.run(
        "root",
        &[
            "install",
            "web",
            &r.chart,
            "-n",
            "default",
            "--set",
            "greeting=hi",
        ],
    );
    assert_eq!(install.code, 0, "{}", install.stderr);
    assert!(
        install.stdout.starts_with("NAME: web\n"),
        "{}",
        install.stdout
    );

    // The same install done directly, on an empty in-memory cluster.
    let mut direct = TestContext::new(env!("CARGO_BIN_EXE_rudder"));
    let empty = direct.work_dir().join("empty.yaml");
    fs_err::write(&empty, "[]\n").unwrap();
    direct
        .env("HELM_DRIVER", "memory")
        .env("HELM_MEMORY_DRIVER_DATA", &empty.display().to_string());
    let chart = direct.work_dir().join("hooked-0.1.0.tgz");
    fs_err::write(&chart, chart_archive("0.1.0")).unwrap();
    let local = direct.run(&[
        "install",
        "web",
        &chart.display().to_string(),
        "-n",
        "default",
        "--set",
        "greeting=hi",
    ]);
    assert_eq!(local.code, 0, "{}", local.stderr);
    assert_eq!(
        without_last_deployed(&install.stdout),
        without_last_deployed(&local.stdout)
    );

    for args in [
        &[
            "upgrade",
            "web",
            &r.chart,
            "-n",
            "default",
            "--set",
            "greeting=again",
        ][..],
        &["upgrade", "--install", "other", &r.chart, "-n", "default"][..],
        &["rollback", "web", "1", "-n", "default"][..],
        &["test", "web", "-n", "default"][..],
    ] {
        let out = r.run("root", args);
        assert_eq!(out.code, 0, "{args:?}: {}", out.stderr);
    }
    let other = r.run("root", &["history", "other", "-n", "default"]);
    assert_eq!(other.stdout.lines().count(), 2, "{}", other.stdout);

    // list, history and get read the records tiller keeps: direct mode over the same
    // records prints the same bytes.
    let data = direct.work_dir().join("records.yaml");
    fs_err::write(&data, r.records("default", &["web", "other"])).unwrap();
    direct.env("HELM_MEMORY_DRIVER_DATA", &data.display().to_string());
    for args in [
        &["list", "-n", "default"][..],
        &["list", "-n", "default", "-o", "json"][..],
        &["history", "web", "-n", "default"][..],
        &["history", "web", "-n", "default", "-o", "yaml"][..],
        &["get", "values", "web", "-n", "default", "--revision", "2"][..],
        &["get", "values", "web", "-n", "default", "--all"][..],
        &["get", "manifest", "web", "-n", "default"][..],
        &["get", "hooks", "web", "-n", "default"][..],
        &["get", "notes", "web", "-n", "default"][..],
        &["get", "metadata", "web", "-n", "default"][..],
        &["get", "all", "web", "-n", "default"][..],
    ] {
        let remote = r.run("root", args);
        let local = direct.run(args);
        assert_eq!(remote.code, 0, "{args:?}: {}", remote.stderr);
        assert_eq!(remote, local, "{args:?}");
    }

    let out = r.run("root", &["uninstall", "web", "-n", "default"]);
    assert_eq!(
        out.stdout, "release \"web\" uninstalled\n",
        "{}",
        out.stderr
    );
    let out = r.run("root", &["status", "web", "-n", "default"]);
    assert_eq!(
        (out.code, out.stderr.as_str()),
        (1, "Error: release: not found\n")
    );
}

#[test]
fn refusals_read_as_errors() {
    let r = Remote::new();
    let out = r.run("alice", &["install", "web", &r.chart, "-n", "b"]);
    assert_eq!(out.code, 1);
    assert_eq!(
        out.stderr,
        "Error: INSTALLATION FAILED: tiller: client \"alice\" may not install in namespace \"b\"\n"
    );
    let out = r.run("bob", &["list", "-n", "a"]);
    assert_eq!(
        out.stderr,
        "Error: tiller: client \"bob\" is not authorized\n"
    );
    let out = r.run("alice", &["uninstall", "x", "-n", "a"]);
    assert_eq!(
        out.stderr,
        "Error: tiller: client \"alice\" may not uninstall in namespace \"a\"\n"
    );
}

/// On the real API server (`KUBECONFIG`): install, upgrade and test through tiller, then
/// every read command prints the same bytes through tiller and directly, `status` with its
/// RESOURCES included.
#[test]
#[expect(clippy::print_stderr, reason = "a skipped cluster test says so")]
fn through_tiller_and_direct_agree_on_a_real_cluster() {
    // The test reads KUBECONFIG itself; the library never reads the environment.
    let Some(kubeconfig) = std::env::var_os("KUBECONFIG") else {
        eprintln!(
            "through_tiller_and_direct_agree_on_a_real_cluster: not run, KUBECONFIG is not set (tests/cluster/cluster up)"
        );
        return;
    };
    let kubeconfig = kubeconfig.to_string_lossy().into_owned();
    let options = rudder_kube::KubeOptions {
        kubeconfig: rudder_kube::KubeOptions::split_paths(&kubeconfig),
        ..rudder_kube::KubeOptions::default()
    };
    let cluster: Arc<dyn rudder_kube::KubeClient> =
        Arc::new(rudder_kube::Cluster::connect(&options).unwrap());
    let pki = Pki::new();
    let server = Running::start(cluster.clone(), DriverKind::Secret, Some(&pki));
    let mut ctx = TestContext::new(env!("CARGO_BIN_EXE_rudder"));
    ctx.env("KUBECONFIG", &kubeconfig);
    let chart = ctx.work_dir().join("hooked-0.1.0.tgz");
    fs_err::write(&chart, chart_archive("0.1.0")).unwrap();
    let r = Remote {
        server,
        pki,
        ctx,
        chart: chart.display().to_string(),
    };
    let ns = format!("tiller-cli-{}", std::process::id());
    for args in [
        &["install", "web", &r.chart, "-n", &ns, "--create-namespace"][..],
        &[
            "upgrade",
            "web",
            &r.chart,
            "-n",
            &ns,
            "--set",
            "greeting=again",
        ][..],
        &["test", "web", "-n", &ns][..],
    ] {
        let out = r.run("root", args);
        assert_eq!(out.code, 0, "{args:?}: {}", out.stderr);
    }
    for args in [
        &["status", "web", "-n", &ns][..],
        &["status", "web", "-n", &ns, "-o", "json"][..],
        &["list", "-n", &ns][..],
        &["history", "web", "-n", &ns][..],
        &["get", "all", "web", "-n", &ns][..],
        &["get", "values", "web", "-n", &ns, "--all"][..],
    ] {
        let mut remote = r.run("root", args);
        let mut direct = r.ctx.run(args);
        assert_eq!(remote.code, 0, "{args:?}: {}", remote.stderr);
        // The two runs are apart in time: the RESOURCES tables' AGE may differ by a second.
        remote.stdout = without_ages(&remote.stdout);
        direct.stdout = without_ages(&direct.stdout);
        assert_eq!(remote, direct, "{args:?}");
    }
    let out = r.run("root", &["uninstall", "web", "-n", &ns]);
    assert_eq!(
        out.stdout, "release \"web\" uninstalled\n",
        "{}",
        out.stderr
    );
    cluster
        .delete(
            &rudder_kube::ObjectRef::new("v1", "Namespace", None, &ns),
            rudder_kube::Propagation::Background,
        )
        .unwrap();
}

/// Go's `log` date and time in front of a coalescing warning.
/// Replaces a table row's last cell when it is an age (`0s`, `5m`, `2d3h`).
fn without_ages(text: &str) -> String {
    let is_age = |cell: &str| {
        !cell.is_empty()
            && cell.ends_with(['s', 'm', 'h', 'd', 'y'])
            && cell
                .bytes()
                .all(|b| b.is_ascii_digit() || b"smhdy".contains(&b))
            && cell.bytes().next().is_some_and(|b| b.is_ascii_digit())
    };
    let mut out = String::new();
    for line in text.split_inclusive('\n') {
        let body = line.trim_end_matches('\n');
        match body.rsplit_once("   ") {
            Some((head, last)) if is_age(last.trim()) => {
                out.push_str(head);
                out.push_str("   AGE");
                out.push_str(&line[body.len()..]);
            }
            _ => out.push_str(line),
        }
    }
    out
}

fn without_log_time(text: &str) -> String {
    text.lines()
        .map(|l| {
            let t = l.as_bytes();
            if t.len() > 20 && t[4] == b'/' && t[7] == b'/' && t[13] == b':' {
                &l[20..]
            } else {
                l
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn values_warnings_come_back_from_tiller() {
    let r = Remote::new();
    let remote = r.run(
        "root",
        &[
            "install",
            "web",
            &r.chart,
            "-n",
            "default",
            "--set",
            "greeting.x=1",
        ],
    );
    assert_eq!(remote.code, 0, "{}", remote.stderr);
    let mut direct = TestContext::new(env!("CARGO_BIN_EXE_rudder"));
    let empty = direct.work_dir().join("empty.yaml");
    fs_err::write(&empty, "[]\n").unwrap();
    direct
        .env("HELM_DRIVER", "memory")
        .env("HELM_MEMORY_DRIVER_DATA", &empty.display().to_string());
    let chart = direct.work_dir().join("hooked-0.1.0.tgz");
    fs_err::write(&chart, chart_archive("0.1.0")).unwrap();
    let local = direct.run(&[
        "install",
        "web",
        &chart.display().to_string(),
        "-n",
        "default",
        "--set",
        "greeting.x=1",
    ]);
    assert_eq!(
        without_log_time(&remote.stderr),
        "warning: skipped value for hooked.greeting: Not a table."
    );
    assert_eq!(
        without_log_time(&remote.stderr),
        without_log_time(&local.stderr)
    );
}
