//! The `tiller` binary: started with Helm 2's TLS flags, an authorization file and a file
//! audit log, it serves mutual TLS on loopback and records each call.

mod support;

use std::io::{BufRead as _, BufReader};
use std::process::{Child, Command, Stdio};

use rudder_proto::client::connect;
use rudder_proto::tiller as pb;
use support::{AUTHZ, Pki};

/// Stops the server when the test ends, however it ends.
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[test]
fn serves_mutual_tls_with_authorization_and_audit_log() {
    let pki = Pki::new();
    let authz = pki.path("authz.yaml");
    fs_err::write(&authz, AUTHZ).unwrap();
    let audit = pki.path("audit.log");
    let mut child = Command::new(env!("CARGO_BIN_EXE_tiller"))
        .args([
            "--listen",
            "127.0.0.1:0",
            "--probe=false",
            "--memory-cluster",
        ])
        .args(["--storage", "memory"])
        .arg("--authz-config")
        .arg(&authz)
        .arg("--audit-log")
        .arg(&audit)
        // Helm 2's TILLER_TLS_CERTS gives tls.crt, tls.key and ca.crt.
        .env("TILLER_TLS_CERTS", pki.dir.path())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stderr = child.stderr.take().unwrap();
    let server = Server(child);
    let mut lines = BufReader::new(stderr).lines();
    let mut addr = None;
    let mut log = Vec::new();
    for line in lines.by_ref() {
        let line = line.unwrap();
        if let Some(a) = line.strip_prefix("[main] GRPC listening on ") {
            addr = Some(a.to_owned());
        }
        let last = line.starts_with("[main] Max history");
        log.push(line);
        if last {
            break;
        }
    }
    assert_eq!(
        log[0],
        "[main] Starting Tiller v4.2.3 (tls=true, mtls=true)"
    );
    assert_eq!(log[2], "[main] Storage driver is Memory");
    let addr = addr.expect("the listening address is logged");

    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        let mut root = connect(&addr, Some(&pki.client(Some("root"))))
            .await
            .unwrap();
        let version = root.get_version(pb::GetVersionRequest {}).await.unwrap();
        assert_eq!(version.get_ref().version, "v4.2.3");
        let mut alice = connect(&addr, Some(&pki.client(Some("alice"))))
            .await
            .unwrap();
        let denied = alice
            .get_history(pb::GetHistoryRequest {
                name: "x".to_owned(),
                namespace: "b".to_owned(),
                max: 1,
            })
            .await
            .unwrap_err();
        assert_eq!(denied.code(), tonic::Code::PermissionDenied);
    });
    drop(server);
    let records: Vec<serde_json::Value> = fs_err::read_to_string(&audit)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let summary: Vec<String> = records
        .iter()
        .map(|r| {
            format!(
                "{} {} {} {}",
                r["identity"].as_str().unwrap(),
                r["operation"].as_str().unwrap(),
                r["namespace"].as_str().unwrap(),
                r["result"].as_str().unwrap()
            )
        })
        .collect();
    assert_eq!(summary, ["root version  ok", "alice history b denied"]);
}
