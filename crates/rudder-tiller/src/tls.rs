//! Mutual TLS with rustls (ring): the server's certificate and key, and the CA client
//! certificates must chain to. A client's identity is its certificate's subject common name.
//!
//! Connections without a certificate are accepted at the TLS layer and refused on every call
//! with `UNAUTHENTICATED`, so the client reads why; a certificate that does not verify (an
//! unknown CA, expired) fails the handshake, which the audit log records.

use std::path::{Path, PathBuf};
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};

use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer};
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::TcpStream;

use crate::error::{Error, Result};

/// The files of `--tls-cert`, `--tls-key` and `--tls-ca-cert`.
#[derive(Clone, Debug, Default)]
pub struct TlsFiles {
    /// The server's certificate chain (PEM).
    pub cert: PathBuf,
    /// The server's private key (PEM).
    pub key: PathBuf,
    /// The CA that signs client certificates (PEM); `None` serves TLS without client
    /// certificates (loopback only).
    pub client_ca: Option<PathBuf>,
}

fn provider() -> Arc<rustls::crypto::CryptoProvider> {
    Arc::new(rustls::crypto::ring::default_provider())
}

fn read_certs(path: &Path, what: &'static str) -> Result<Vec<CertificateDer<'static>>> {
    let read = |e: rustls::pki_types::pem::Error| Error::ReadTls {
        what,
        path: path.to_owned(),
        source: Box::new(e),
    };
    let certs = CertificateDer::pem_file_iter(path)
        .map_err(read)?
        .collect::<Result<Vec<_>, _>>()
        .map_err(read)?;
    if certs.is_empty() {
        return Err(Error::EmptyTls {
            what,
            path: path.to_owned(),
        });
    }
    Ok(certs)
}

/// The rustls configuration of the server: TLS 1.2 and 1.3, HTTP/2 by ALPN, client
/// certificates verified against the client CA when there is one.
///
/// Errors: unreadable or empty files, a key that does not match, a CA rustls cannot use.
pub fn server_config(files: &TlsFiles) -> Result<Arc<rustls::ServerConfig>> {
    let certs = read_certs(&files.cert, "certificate")?;
    let key = PrivateKeyDer::from_pem_file(&files.key).map_err(|e| match e {
        rustls::pki_types::pem::Error::NoItemsFound => Error::EmptyTls {
            what: "private key",
            path: files.key.clone(),
        },
        e => Error::ReadTls {
            what: "key",
            path: files.key.clone(),
            source: Box::new(e),
        },
    })?;
    let builder = rustls::ServerConfig::builder_with_provider(provider())
        .with_safe_default_protocol_versions()
        .map_err(Error::Tls)?;
    let mut config = match &files.client_ca {
        Some(ca) => {
            let mut roots = rustls::RootCertStore::empty();
            for c in read_certs(ca, "CA certificate")? {
                roots.add(c).map_err(Error::Tls)?;
            }
            let verifier = rustls::server::WebPkiClientVerifier::builder_with_provider(
                Arc::new(roots),
                provider(),
            )
            .allow_unauthenticated()
            .build()
            .map_err(Error::ClientCa)?;
            builder.with_client_cert_verifier(verifier)
        }
        None => builder.with_no_client_auth(),
    }
    .with_single_cert(certs, key)
    .map_err(Error::Tls)?;
    config.alpn_protocols = vec![b"h2".to_vec()];
    Ok(Arc::new(config))
}

/// The subject common name of a DER certificate.
pub fn common_name(der: &[u8]) -> Option<String> {
    let (_, cert) = x509_parser::parse_x509_certificate(der).ok()?;
    cert.subject()
        .iter_common_name()
        .next()
        .and_then(|cn| cn.as_str().ok())
        .map(str::to_owned)
}

/// Who is at the other end of a connection; every request carries it in its extensions.
#[derive(Clone, Debug, Default)]
pub struct Peer {
    /// The client's address.
    pub addr: String,
    /// The verified client certificate's common name; `None` without a certificate (or
    /// without TLS).
    pub identity: Option<String>,
}

/// One accepted connection, plain or TLS.
#[derive(Debug)]
pub enum Conn {
    /// Plaintext (loopback development).
    Plain(TcpStream, Peer),
    /// TLS, with the client's identity.
    Tls(Box<tokio_rustls::server::TlsStream<TcpStream>>, Peer),
}

impl Conn {
    /// The peer of the connection.
    pub fn peer(&self) -> &Peer {
        match self {
            Conn::Plain(_, p) | Conn::Tls(_, p) => p,
        }
    }
}

impl tonic::transport::server::Connected for Conn {
    type ConnectInfo = Peer;

    fn connect_info(&self) -> Peer {
        self.peer().clone()
    }
}

impl AsyncRead for Conn {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<std::io::Result<()>> {
        match self.get_mut() {
            Conn::Plain(s, _) => Pin::new(s).poll_read(cx, buf),
            Conn::Tls(s, _) => Pin::new(s.as_mut()).poll_read(cx, buf),
        }
    }
}

impl AsyncWrite for Conn {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<std::io::Result<usize>> {
        match self.get_mut() {
            Conn::Plain(s, _) => Pin::new(s).poll_write(cx, buf),
            Conn::Tls(s, _) => Pin::new(s.as_mut()).poll_write(cx, buf),
        }
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        match self.get_mut() {
            Conn::Plain(s, _) => Pin::new(s).poll_flush(cx),
            Conn::Tls(s, _) => Pin::new(s.as_mut()).poll_flush(cx),
        }
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        match self.get_mut() {
            Conn::Plain(s, _) => Pin::new(s).poll_shutdown(cx),
            Conn::Tls(s, _) => Pin::new(s.as_mut()).poll_shutdown(cx),
        }
    }

    fn poll_write_vectored(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[std::io::IoSlice<'_>],
    ) -> Poll<std::io::Result<usize>> {
        match self.get_mut() {
            Conn::Plain(s, _) => Pin::new(s).poll_write_vectored(cx, bufs),
            Conn::Tls(s, _) => Pin::new(s.as_mut()).poll_write_vectored(cx, bufs),
        }
    }

    fn is_write_vectored(&self) -> bool {
        match self {
            Conn::Plain(s, _) => s.is_write_vectored(),
            Conn::Tls(s, _) => s.is_write_vectored(),
        }
    }
}
