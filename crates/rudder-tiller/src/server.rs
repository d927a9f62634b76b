//! Listening: the `--listen` address, the security rules checked before binding, the TLS
//! accept loop (handshake failures go to the audit log), and the gRPC server on top.

use std::future::Future;
use std::net::IpAddr;
use std::sync::Arc;
use std::time::Duration;

use rudder_proto::tiller::release_service_server::ReleaseServiceServer;
use tokio::net::TcpListener;
use tokio_stream::wrappers::ReceiverStream;

use crate::audit::{Audit, Entry};
use crate::error::{Error, Result};
use crate::service::Tiller;
use crate::tls::{Conn, Peer, TlsFiles, common_name, server_config};

/// The largest message accepted: a chart archive with its values, or a page of releases.
pub const MAX_MESSAGE: usize = 64 << 20;

/// How long a client may take to finish the TLS handshake.
const HANDSHAKE_TIMEOUT: Duration = Duration::from_secs(10);

/// Splits Go's `host:port` (`:44134` is every interface; `[::1]:44134` is IPv6).
///
/// Errors: [`Error::Listen`] without a port.
pub fn split_listen(addr: &str) -> Result<(String, u16)> {
    let bad = || Error::Listen {
        addr: addr.to_owned(),
    };
    let (host, port) = addr.rsplit_once(':').ok_or_else(bad)?;
    let port: u16 = port.parse().map_err(|_| bad())?;
    let host = host.trim_start_matches('[').trim_end_matches(']');
    Ok((host.to_owned(), port))
}

/// Whether a `--listen` host is a loopback address (`127.0.0.0/8`, `::1`, `localhost`).
/// An empty host listens everywhere, so it is not.
pub fn is_loopback(host: &str) -> bool {
    host.eq_ignore_ascii_case("localhost")
        || host.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

/// The rule tiller starts by: mutual TLS everywhere; plaintext or TLS without client
/// certificates only on a loopback address.
///
/// Errors: [`Error::InsecureNotLoopback`].
pub fn check_security(listen: &str, tls: Option<&TlsFiles>) -> Result<()> {
    let (host, _) = split_listen(listen)?;
    let mutual = tls.is_some_and(|t| t.client_ca.is_some());
    if !mutual && !is_loopback(&host) {
        return Err(Error::InsecureNotLoopback {
            addr: listen.to_owned(),
        });
    }
    Ok(())
}

/// Binds `--listen` (after [`check_security`]).
///
/// Errors: [`Error::Listen`], [`Error::Bind`].
pub async fn bind(listen: &str) -> Result<TcpListener> {
    let (host, port) = split_listen(listen)?;
    let host = if host.is_empty() { "0.0.0.0" } else { &host };
    let target = if host.contains(':') {
        format!("[{host}]:{port}")
    } else {
        format!("{host}:{port}")
    };
    TcpListener::bind(&target)
        .await
        .map_err(|source| Error::Bind {
            addr: listen.to_owned(),
            source,
        })
}

/// A ready server: what to serve and how connections are secured.
#[derive(Debug)]
pub struct Server {
    /// The release service.
    pub tiller: Tiller,
    /// `None` serves plaintext (loopback only).
    pub tls: Option<TlsFiles>,
    /// Where handshake refusals are recorded.
    pub audit: Audit,
}

impl Server {
    /// Serves on `listener` until `shutdown` completes.
    ///
    /// Errors: TLS files that cannot be used ([`Error`]); the gRPC server failing.
    pub async fn serve(
        self,
        listener: TcpListener,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) -> anyhow::Result<()> {
        let acceptor = match &self.tls {
            Some(files) => Some(tokio_rustls::TlsAcceptor::from(server_config(files)?)),
            None => None,
        };
        let (tx, rx) = tokio::sync::mpsc::channel::<std::io::Result<Conn>>(128);
        let audit = self.audit.clone();
        let accept = tokio::spawn(accept_loop(listener, acceptor, audit, tx));
        let service = ReleaseServiceServer::new(self.tiller)
            .max_decoding_message_size(MAX_MESSAGE)
            .max_encoding_message_size(MAX_MESSAGE);
        let result = tonic::transport::Server::builder()
            .http2_keepalive_interval(Some(Duration::from_secs(30)))
            .add_service(service)
            .serve_with_incoming_shutdown(ReceiverStream::new(rx), shutdown)
            .await;
        accept.abort();
        result?;
        Ok(())
    }
}

/// Helm 2's probe server (`--probe-listen`, `:44135`): plain HTTP answering `200 OK` on
/// `/liveness` and `/readiness` and `404` elsewhere, for the kubelet. It carries no release
/// data, so it needs no TLS.
pub async fn serve_probes(listener: TcpListener) {
    use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};
    loop {
        let Ok((mut stream, _)) = listener.accept().await else {
            tokio::time::sleep(Duration::from_millis(50)).await;
            continue;
        };
        tokio::spawn(async move {
            let mut buf = [0u8; 1024];
            let Ok(Ok(n)) =
                tokio::time::timeout(Duration::from_secs(5), stream.read(&mut buf)).await
            else {
                return;
            };
            let request = String::from_utf8_lossy(&buf[..n]);
            let path = request.split(' ').nth(1).unwrap_or("");
            let response: &[u8] = if path == "/liveness" || path == "/readiness" {
                b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
            } else {
                b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
            };
            let _ = stream.write_all(response).await;
            let _ = stream.shutdown().await;
        });
    }
}

async fn accept_loop(
    listener: TcpListener,
    acceptor: Option<tokio_rustls::TlsAcceptor>,
    audit: Audit,
    tx: tokio::sync::mpsc::Sender<std::io::Result<Conn>>,
) {
    let acceptor = acceptor.map(Arc::new);
    loop {
        let Ok((stream, addr)) = listener.accept().await else {
            // Out of file descriptors and the like: wait instead of spinning.
            tokio::time::sleep(Duration::from_millis(50)).await;
            continue;
        };
        let _ = stream.set_nodelay(true);
        let peer = Peer {
            addr: addr.to_string(),
            identity: None,
        };
        let Some(acceptor) = acceptor.clone() else {
            if tx.send(Ok(Conn::Plain(stream, peer))).await.is_err() {
                return;
            }
            continue;
        };
        let tx = tx.clone();
        let audit = audit.clone();
        tokio::spawn(async move {
            let refused = |message: String| Entry {
                peer: peer.addr.clone(),
                operation: "handshake".to_owned(),
                result: "refused",
                code: "Unavailable".to_owned(),
                message,
                ..Entry::default()
            };
            match tokio::time::timeout(HANDSHAKE_TIMEOUT, acceptor.accept(stream)).await {
                Ok(Ok(tls)) => {
                    let identity = tls
                        .get_ref()
                        .1
                        .peer_certificates()
                        .and_then(|c| c.first())
                        .and_then(|c| common_name(c));
                    let peer = Peer { identity, ..peer };
                    let _ = tx.send(Ok(Conn::Tls(Box::new(tls), peer))).await;
                }
                Ok(Err(e)) => audit.record(refused(format!("tls handshake: {e}"))),
                Err(_) => audit.record(refused("tls handshake: timed out".to_owned())),
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use super::{check_security, is_loopback, split_listen};
    use crate::tls::TlsFiles;

    #[test]
    fn listen_addresses_split_as_go_does() {
        assert_eq!(split_listen(":44134").unwrap(), (String::new(), 44134));
        assert_eq!(
            split_listen("127.0.0.1:1").unwrap(),
            ("127.0.0.1".into(), 1)
        );
        assert_eq!(split_listen("[::1]:2").unwrap(), ("::1".into(), 2));
        assert!(split_listen("44134").is_err());
    }

    #[test]
    fn loopback_hosts() {
        for h in ["127.0.0.1", "127.1.2.3", "::1", "localhost"] {
            assert!(is_loopback(h), "{h}");
        }
        for h in ["", "0.0.0.0", "10.0.0.1", "::", "example.com"] {
            assert!(!is_loopback(h), "{h}");
        }
    }

    #[test]
    fn plaintext_only_on_loopback() {
        assert!(check_security("127.0.0.1:44134", None).is_ok());
        let err = check_security(":44134", None).unwrap_err();
        assert!(
            err.to_string()
                .starts_with("refusing to serve without mutual TLS on :44134")
        );
        let server_only = TlsFiles {
            client_ca: None,
            ..TlsFiles::default()
        };
        assert!(check_security("0.0.0.0:1", Some(&server_only)).is_err());
        let mutual = TlsFiles {
            client_ca: Some("ca.pem".into()),
            ..TlsFiles::default()
        };
        assert!(check_security("0.0.0.0:1", Some(&mutual)).is_ok());
    }
}
