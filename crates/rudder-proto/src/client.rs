//! Connecting to a tiller: Helm 2's `--host` and TLS flags turned into a gRPC channel.

use std::path::PathBuf;
use std::time::Duration;

use tonic::transport::{Certificate, Channel, ClientTlsConfig, Endpoint, Identity};

use crate::tiller::release_service_client::ReleaseServiceClient;

/// Helm 2's client TLS flags (`--tls`, `--tls-ca-cert`, `--tls-cert`, `--tls-key`,
/// `--tls-verify`, `--tls-hostname`).
#[derive(Clone, Debug, Default)]
pub struct ClientTls {
    /// `--tls-ca-cert`: the CA the server's certificate must chain to.
    pub ca_cert: Option<PathBuf>,
    /// `--tls-cert`: the client certificate (mutual TLS).
    pub cert: Option<PathBuf>,
    /// `--tls-key`: its key.
    pub key: Option<PathBuf>,
    /// `--tls-hostname`: the name the server's certificate is checked against; the host of
    /// `--host` otherwise.
    pub server_name: Option<String>,
}

/// Why a connection could not be set up.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A TLS file could not be read.
    #[error("could not read {path}")]
    Read {
        /// The file.
        path: PathBuf,
        /// The I/O error.
        #[source]
        source: std::io::Error,
    },
    /// `--tls-cert` without `--tls-key`, or the reverse.
    #[error("--tls-cert and --tls-key must be given together")]
    HalfIdentity,
    /// The host is not `host:port`.
    #[error("invalid tiller host {0:?}")]
    Host(String),
    /// The channel could not be set up or connected.
    #[error("cannot connect to tiller at {host}")]
    Connect {
        /// The host.
        host: String,
        /// The transport's error.
        #[source]
        source: tonic::transport::Error,
    },
}

fn read(path: &PathBuf) -> Result<Vec<u8>, Error> {
    fs_err::read(path).map_err(|source| Error::Read {
        path: path.clone(),
        source,
    })
}

/// A client of the tiller at `host` (`host:port`, as `--host` and `HELM_HOST` give it),
/// over TLS when `tls` is given.
///
/// Errors: [`Error`]; the server's refusals come later, as the statuses of calls.
pub async fn connect(
    host: &str,
    tls: Option<&ClientTls>,
) -> Result<ReleaseServiceClient<Channel>, Error> {
    let host = host
        .trim_start_matches("https://")
        .trim_start_matches("http://");
    let scheme = if tls.is_some() { "https" } else { "http" };
    let mut endpoint = Endpoint::from_shared(format!("{scheme}://{host}"))
        .map_err(|_| Error::Host(host.to_owned()))?
        .connect_timeout(Duration::from_secs(10));
    if let Some(tls) = tls {
        let mut config = ClientTlsConfig::new();
        if let Some(ca) = &tls.ca_cert {
            config = config.ca_certificate(Certificate::from_pem(read(ca)?));
        }
        match (&tls.cert, &tls.key) {
            (Some(cert), Some(key)) => {
                config = config.identity(Identity::from_pem(read(cert)?, read(key)?));
            }
            (None, None) => {}
            _ => return Err(Error::HalfIdentity),
        }
        let name = if let Some(name) = &tls.server_name {
            name.clone()
        } else {
            let (h, _) = host.rsplit_once(':').unwrap_or((host, ""));
            h.trim_start_matches('[').trim_end_matches(']').to_owned()
        };
        config = config.domain_name(name);
        endpoint = endpoint
            .tls_config(config)
            .map_err(|source| Error::Connect {
                host: host.to_owned(),
                source,
            })?;
    }
    let channel = endpoint.connect().await.map_err(|source| Error::Connect {
        host: host.to_owned(),
        source,
    })?;
    Ok(ReleaseServiceClient::new(channel)
        .max_decoding_message_size(64 << 20)
        .max_encoding_message_size(64 << 20))
}
