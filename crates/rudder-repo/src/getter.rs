//! Fetching over HTTP and HTTPS as Helm's `HTTPGetter` does (`pkg/getter/httpgetter.go`):
//! basic auth only towards the repository's own scheme and host (unless
//! `pass_credentials_all`), a custom CA, a client certificate, or no verification.

use std::sync::Once;
use std::time::Duration;

use crate::error::{Error, Result};
use crate::repo_file::Entry;

/// Helm's user agent (`version.GetUserAgent`).
pub const USER_AGENT: &str = "Helm/4.2.3";

/// How to reach a server: credentials and TLS settings, usually from a repository [`Entry`].
#[derive(Debug, Clone, Default)]
pub struct GetterOptions {
    /// The URL the credentials belong to (the repository URL).
    pub url: String,
    /// Basic-auth user.
    pub username: String,
    /// Basic-auth password.
    pub password: String,
    /// Send the credentials to any host.
    pub pass_credentials_all: bool,
    /// Client certificate (PEM file).
    pub cert_file: String,
    /// Client key (PEM file).
    pub key_file: String,
    /// CA bundle (PEM file).
    pub ca_file: String,
    /// Skip verifying the server certificate.
    pub insecure_skip_tls_verify: bool,
    /// Request timeout; `None` waits forever (Helm's default of 120 s is set by commands).
    pub timeout: Option<Duration>,
}

impl GetterOptions {
    /// The options of a configured repository.
    pub fn from_entry(entry: &Entry) -> GetterOptions {
        GetterOptions {
            url: entry.url.clone(),
            username: entry.username.clone(),
            password: entry.password.clone(),
            pass_credentials_all: entry.pass_credentials_all,
            cert_file: entry.cert_file.clone(),
            key_file: entry.key_file.clone(),
            ca_file: entry.ca_file.clone(),
            insecure_skip_tls_verify: entry.insecure_skip_tls_verify,
            timeout: None,
        }
    }
}

/// Installs `ring` as rustls' provider once per process.
fn install_crypto_provider() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        // An error means another part of the process installed one first: that one serves.
        let _ = rustls::crypto::ring::default_provider().install_default();
    });
}

/// The TLS and timeout settings a client is built from.
type ClientKey = (String, String, String, bool, Option<Duration>);

/// One client per TLS configuration for the whole process: building one loads the root
/// certificates and the TLS configuration, which costs more than a small download, and a
/// client reuses its connections (`dependency update` fetches many archives from one host).
fn client(opts: &GetterOptions) -> Result<reqwest::blocking::Client> {
    static CLIENTS: std::sync::Mutex<Vec<(ClientKey, reqwest::blocking::Client)>> =
        std::sync::Mutex::new(Vec::new());
    let key: ClientKey = (
        opts.ca_file.clone(),
        opts.cert_file.clone(),
        opts.key_file.clone(),
        opts.insecure_skip_tls_verify,
        opts.timeout,
    );
    if let Ok(cache) = CLIENTS.lock()
        && let Some((_, c)) = cache.iter().find(|(k, _)| *k == key)
    {
        return Ok(c.clone());
    }
    let c = new_client(opts)?;
    if let Ok(mut cache) = CLIENTS.lock() {
        cache.push((key, c.clone()));
    }
    Ok(c)
}

fn new_client(opts: &GetterOptions) -> Result<reqwest::blocking::Client> {
    install_crypto_provider();
    let tls_err = |e: String| Error::Client(format!("can't create TLS config for client: {e}"));
    let mut builder = reqwest::blocking::Client::builder()
        .user_agent(USER_AGENT)
        .timeout(opts.timeout);
    if !opts.ca_file.is_empty() {
        let pem =
            fs_err::read(&opts.ca_file).map_err(|e| tls_err(format!("can't read CA file: {e}")))?;
        let certs = reqwest::Certificate::from_pem_bundle(&pem).map_err(|e| {
            tls_err(format!(
                "failed to append certificates from file: {}: {e}",
                opts.ca_file
            ))
        })?;
        builder = builder.tls_certs_only(certs);
    }
    if !opts.cert_file.is_empty() && !opts.key_file.is_empty() {
        let mut pem = fs_err::read(&opts.cert_file).map_err(|e| {
            tls_err(format!(
                "can't load key pair from cert {} and key {}: {e}",
                opts.cert_file, opts.key_file
            ))
        })?;
        pem.push(b'\n');
        pem.extend(fs_err::read(&opts.key_file).map_err(|e| {
            tls_err(format!(
                "can't load key pair from cert {} and key {}: {e}",
                opts.cert_file, opts.key_file
            ))
        })?);
        let id = reqwest::Identity::from_pem(&pem).map_err(|e| tls_err(e.to_string()))?;
        builder = builder.identity(id);
    }
    if opts.insecure_skip_tls_verify {
        builder = builder.tls_danger_accept_invalid_certs(true);
    }
    builder.build().map_err(|e| Error::Client(chain(&e)))
}

/// Scheme plus `host[:port]` of a URL, for Helm's same-origin credential check.
fn origin(url: &str) -> Option<(String, String)> {
    let u = reqwest::Url::parse(url).ok()?;
    let host = u.host_str()?.to_owned();
    let authority = match u.port() {
        Some(p) => format!("{host}:{p}"),
        None => host,
    };
    Some((u.scheme().to_owned(), authority))
}

/// An error and its sources on one line, as Go's wrapped errors print.
fn chain(e: &dyn std::error::Error) -> String {
    let mut s = e.to_string();
    let mut cur = e.source();
    while let Some(c) = cur {
        let t = c.to_string();
        if !s.contains(&t) {
            s.push_str(": ");
            s.push_str(&t);
        }
        cur = c.source();
    }
    s
}

/// A transport failure in the words of Go's `net/http` where the cause is a common one
/// (refused connection, unknown certificate authority, timeout); otherwise the error chain.
fn go_transport_error(href: &str, e: &reqwest::Error) -> String {
    let text = chain(e);
    let mut cur: Option<&(dyn std::error::Error + 'static)> = Some(e);
    while let Some(c) = cur {
        if let Some(io) = c.downcast_ref::<std::io::Error>()
            && io.kind() == std::io::ErrorKind::ConnectionRefused
            && let Ok(u) = reqwest::Url::parse(href)
        {
            let host = u.host_str().unwrap_or_default();
            let port = u.port_or_known_default().unwrap_or_default();
            return format!("dial tcp {host}:{port}: connect: connection refused");
        }
        cur = c.source();
    }
    if text.contains("UnknownIssuer") {
        return "tls: failed to verify certificate: x509: certificate signed by unknown authority"
            .to_owned();
    }
    if e.is_timeout() {
        return "context deadline exceeded (Client.Timeout exceeded while awaiting headers)"
            .to_owned();
    }
    text
}

/// GETs `href` and returns the body; anything but `200 OK` fails with Helm's
/// `failed to fetch URL : STATUS`. Redirects are followed; the client drops the
/// `Authorization` header when a redirect leaves the original host.
pub fn get(href: &str, opts: &GetterOptions) -> Result<Vec<u8>> {
    let client = client(opts)?;
    let mut req = client.get(href);
    let same_origin = match (origin(&opts.url), origin(href)) {
        (Some(a), Some(b)) => a == b,
        _ => false,
    };
    if (opts.pass_credentials_all || same_origin)
        && !opts.username.is_empty()
        && !opts.password.is_empty()
    {
        req = req.basic_auth(&opts.username, Some(&opts.password));
    }
    let quoted = rudder_value::strconv::quote(href);
    let resp = req
        .send()
        .map_err(|e| Error::Transport(format!("Get {quoted}: {}", go_transport_error(href, &e))))?;
    let status = resp.status();
    if status != reqwest::StatusCode::OK {
        return Err(Error::Status {
            url: href.to_owned(),
            status: status.to_string(),
        });
    }
    let body = resp
        .bytes()
        .map_err(|e| Error::Transport(format!("Get {quoted}: {}", chain(&e))))?;
    Ok(body.to_vec())
}

/// Receives the progress of a download.
pub trait Progress {
    /// `received` bytes so far, of `total` when the server announced a length.
    fn update(&mut self, received: u64, total: Option<u64>);
    /// The download ended (successfully or not).
    fn finish(&mut self);
}

/// [`get`], reporting the bytes received to `progress` as they arrive.
pub fn get_with_progress(
    href: &str,
    opts: &GetterOptions,
    progress: &mut dyn Progress,
) -> Result<Vec<u8>> {
    use std::io::Read as _;
    let client = client(opts)?;
    let mut req = client.get(href);
    let same_origin = match (origin(&opts.url), origin(href)) {
        (Some(a), Some(b)) => a == b,
        _ => false,
    };
    if (opts.pass_credentials_all || same_origin)
        && !opts.username.is_empty()
        && !opts.password.is_empty()
    {
        req = req.basic_auth(&opts.username, Some(&opts.password));
    }
    let quoted = rudder_value::strconv::quote(href);
    let mut resp = req
        .send()
        .map_err(|e| Error::Transport(format!("Get {quoted}: {}", go_transport_error(href, &e))))?;
    let status = resp.status();
    if status != reqwest::StatusCode::OK {
        progress.finish();
        return Err(Error::Status {
            url: href.to_owned(),
            status: status.to_string(),
        });
    }
    let total = resp.content_length();
    let mut body = Vec::with_capacity(usize::try_from(total.unwrap_or(0)).unwrap_or(0));
    let mut buf = vec![0u8; 64 * 1024];
    loop {
        let n = match resp.read(&mut buf) {
            Ok(n) => n,
            Err(e) => {
                progress.finish();
                return Err(Error::Transport(format!("Get {quoted}: {e}")));
            }
        };
        if n == 0 {
            break;
        }
        body.extend_from_slice(&buf[..n]);
        progress.update(body.len() as u64, total);
    }
    progress.finish();
    Ok(body)
}

/// Helm's `ResolveReferenceURL`: `reference` when absolute, else resolved against `base`
/// taken as a folder, keeping `base`'s query.
pub fn resolve_reference_url(base: &str, reference: &str) -> Result<String> {
    if reqwest::Url::parse(reference).is_ok() {
        return Ok(reference.to_owned());
    }
    let mut b = reqwest::Url::parse(base).map_err(|e| {
        Error::Url(format!(
            "failed to parse {base} as URL: parse {}: {e}",
            rudder_value::strconv::quote(base)
        ))
    })?;
    let path = format!("{}/", b.path().trim_end_matches('/'));
    b.set_path(&path);
    let query = b.query().map(str::to_owned);
    let mut resolved = b
        .join(reference)
        .map_err(|e| Error::Url(format!("failed to parse {reference} as URL: {e}")))?;
    resolved.set_query(query.as_deref());
    Ok(resolved.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_relative_chart_urls() {
        assert_eq!(
            resolve_reference_url("http://example.com/charts", "index.yaml")
                .ok()
                .as_deref(),
            Some("http://example.com/charts/index.yaml")
        );
        assert_eq!(
            resolve_reference_url("http://example.com/charts/?a=b", "x-1.0.0.tgz")
                .ok()
                .as_deref(),
            Some("http://example.com/charts/x-1.0.0.tgz?a=b")
        );
        assert_eq!(
            resolve_reference_url("http://example.com/charts", "https://other/x.tgz")
                .ok()
                .as_deref(),
            Some("https://other/x.tgz")
        );
    }
}
