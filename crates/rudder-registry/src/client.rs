//! A small OCI distribution client over blocking `reqwest`: the `/v2/` API calls Helm's
//! `pkg/registry/client.go` makes through oras-go (ping for login, blob upload, manifest put,
//! manifest and blob get, tag list), with Basic and Bearer-token authentication.

use std::sync::{Mutex, Once};

use reqwest::StatusCode;
use reqwest::blocking::{Client as Http, RequestBuilder, Response};
use reqwest::header::{AUTHORIZATION, CONTENT_TYPE, LOCATION, WWW_AUTHENTICATE};
use sha2::{Digest as _, Sha256};

use crate::credentials::{Credential, CredentialsFile};
use crate::error::{Error, Result};

/// Helm's user agent.
pub const USER_AGENT: &str = "Helm/4.2.3";

/// How to reach registries: transport and TLS settings and where credentials live.
#[derive(Debug, Clone, Default)]
pub struct ClientOptions {
    /// Talk plain HTTP instead of HTTPS (`--plain-http`).
    pub plain_http: bool,
    /// Skip verifying the server certificate (`--insecure`, `--insecure-skip-tls-verify`).
    pub insecure_skip_tls_verify: bool,
    /// CA bundle (PEM file), empty for the system roots.
    pub ca_file: String,
    /// Client certificate (PEM file).
    pub cert_file: String,
    /// Client key (PEM file).
    pub key_file: String,
    /// The credentials file (`HELM_REGISTRY_CONFIG`).
    pub credentials_file: std::path::PathBuf,
    /// Credentials that override the file (`--username`/`--password` on pull and push).
    pub credential: Option<Credential>,
}

/// A registry client.
#[derive(Debug)]
pub struct Client {
    http: Http,
    opts: ClientOptions,
    /// The `Authorization` header that last worked, per host.
    auth: Mutex<Vec<(String, String)>>,
}

fn install_crypto_provider() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        // An error means another part of the process installed one first: that one serves.
        let _ = rustls::crypto::ring::default_provider().install_default();
    });
}

/// An error and its sources on one line.
pub(crate) fn chain(e: &dyn std::error::Error) -> String {
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

/// `sha256:<hex>` of `data`.
pub fn digest(data: &[u8]) -> String {
    use std::fmt::Write as _;
    let h = Sha256::digest(data);
    let mut s = String::with_capacity(71);
    s.push_str("sha256:");
    for b in h {
        let _ = write!(s, "{b:02x}");
    }
    s
}

/// Parameters of a `WWW-Authenticate` challenge.
fn challenge_param(header: &str, key: &str) -> Option<String> {
    let needle = format!("{key}=\"");
    let start = header.find(&needle)? + needle.len();
    let end = header[start..].find('"')? + start;
    Some(header[start..end].to_owned())
}

impl Client {
    /// A client with `opts`; fails when the TLS files cannot be read.
    pub fn new(opts: ClientOptions) -> Result<Client> {
        install_crypto_provider();
        let tls_err = |e: String| Error::Client(format!("can't create TLS config for client: {e}"));
        let mut builder = Http::builder()
            .user_agent(USER_AGENT)
            .timeout(std::time::Duration::from_mins(2));
        if !opts.ca_file.is_empty() {
            let pem = fs_err::read(&opts.ca_file)
                .map_err(|e| tls_err(format!("can't read CA file: {e}")))?;
            let certs = reqwest::Certificate::from_pem_bundle(&pem).map_err(|e| {
                tls_err(format!(
                    "failed to append certificates from file: {}: {e}",
                    opts.ca_file
                ))
            })?;
            builder = builder.tls_certs_only(certs);
        }
        if !opts.cert_file.is_empty() && !opts.key_file.is_empty() {
            let mut pem = fs_err::read(&opts.cert_file).map_err(|e| tls_err(e.to_string()))?;
            pem.push(b'\n');
            pem.extend(fs_err::read(&opts.key_file).map_err(|e| tls_err(e.to_string()))?);
            let id = reqwest::Identity::from_pem(&pem).map_err(|e| tls_err(e.to_string()))?;
            builder = builder.identity(id);
        }
        if opts.insecure_skip_tls_verify {
            builder = builder.tls_danger_accept_invalid_certs(true);
        }
        let http = builder.build().map_err(|e| Error::Client(chain(&e)))?;
        Ok(Client {
            http,
            opts,
            auth: Mutex::new(Vec::new()),
        })
    }

    /// The options this client was made with.
    pub fn options(&self) -> &ClientOptions {
        &self.opts
    }

    /// `https://host/v2/` (or `http://` with plain HTTP) joined with `path`.
    pub(crate) fn url(&self, host: &str, path: &str) -> String {
        let scheme = if self.opts.plain_http {
            "http"
        } else {
            "https"
        };
        format!("{scheme}://{host}/v2/{path}")
    }

    fn credential_for(&self, host: &str) -> Result<Option<Credential>> {
        if let Some(c) = &self.opts.credential {
            return Ok(Some(c.clone()));
        }
        CredentialsFile::new(&self.opts.credentials_file).get(host)
    }

    fn cached_auth(&self, host: &str) -> Option<String> {
        let cache = self.auth.lock().ok()?;
        cache
            .iter()
            .find(|(h, _)| h == host)
            .map(|(_, a)| a.clone())
    }

    fn remember_auth(&self, host: &str, header: String) {
        if let Ok(mut cache) = self.auth.lock() {
            cache.retain(|(h, _)| h != host);
            cache.push((host.to_owned(), header));
        }
    }

    fn send(&self, req: RequestBuilder) -> Result<Response> {
        let request = req.build().map_err(|e| Error::Client(chain(&e)))?;
        let op = go_method(request.method().as_str());
        let url = request.url().clone();
        self.http
            .execute(request)
            .map_err(|e| Error::Transport(format!("{op} \"{url}\": {}", go_cause(&e, &url))))
    }

    /// Sends the request `make` builds; on `401` answers the challenge (Basic, or a Bearer
    /// token fetched from the realm with `scope`) using `cred` and sends it again.
    pub(crate) fn request(
        &self,
        host: &str,
        scope: &str,
        cred: Option<&Credential>,
        make: &dyn Fn(&Http) -> RequestBuilder,
    ) -> Result<Response> {
        let mut req = make(&self.http);
        if let Some(a) = self.cached_auth(host) {
            req = req.header(AUTHORIZATION, a);
        }
        let resp = self.send(req)?;
        if resp.status() != StatusCode::UNAUTHORIZED {
            return Ok(resp);
        }
        let challenge = resp
            .headers()
            .get(WWW_AUTHENTICATE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned();
        let header = if challenge.to_ascii_lowercase().starts_with("bearer") {
            self.bearer_token(&challenge, scope, cred)?
        } else if let Some(c) = cred {
            use base64::Engine;
            let raw = format!("{}:{}", c.username, c.password);
            format!(
                "Basic {}",
                base64::engine::general_purpose::STANDARD.encode(raw)
            )
        } else {
            return Ok(resp);
        };
        let resp = self.send(make(&self.http).header(AUTHORIZATION, header.clone()))?;
        if resp.status() != StatusCode::UNAUTHORIZED {
            self.remember_auth(host, header);
        }
        Ok(resp)
    }

    fn bearer_token(
        &self,
        challenge: &str,
        scope: &str,
        cred: Option<&Credential>,
    ) -> Result<String> {
        let realm = challenge_param(challenge, "realm")
            .ok_or_else(|| Error::Decode(format!("invalid challenge: {challenge}")))?;
        let mut url = reqwest::Url::parse(&realm)
            .map_err(|e| Error::Decode(format!("invalid challenge realm {realm}: {e}")))?;
        if let Some(s) = challenge_param(challenge, "service") {
            url.query_pairs_mut().append_pair("service", &s);
        }
        let scope = challenge_param(challenge, "scope").unwrap_or_else(|| scope.to_owned());
        if !scope.is_empty() {
            url.query_pairs_mut().append_pair("scope", &scope);
        }
        let mut req = self.http.get(url);
        if let Some(c) = cred {
            req = req.basic_auth(&c.username, Some(&c.password));
        }
        let resp = self.send(req)?;
        if !resp.status().is_success() {
            return Err(Error::Unauthorized {
                url: realm,
                status: status_line(resp.status()),
            });
        }
        let bytes = resp.bytes().map_err(|e| Error::Transport(chain(&e)))?;
        let body: serde_json::Value = serde_json::from_slice(&bytes)
            .map_err(|e| Error::Decode(format!("failed to decode token response: {e}")))?;
        let token = body
            .get("token")
            .or_else(|| body.get("access_token"))
            .and_then(|v| v.as_str())
            .unwrap_or_default();
        Ok(format!("Bearer {token}"))
    }

    /// Checks `username`/`password` against `host` (`GET /v2/`) and stores them in the
    /// credentials file (Helm's `Client.Login`).
    pub fn login(&self, host: &str, username: &str, password: &str) -> Result<()> {
        let cred = Credential {
            username: username.to_owned(),
            password: password.to_owned(),
        };
        // The new credentials are what is checked, not a header an earlier call earned.
        if let Ok(mut cache) = self.auth.lock() {
            cache.retain(|(h, _)| h != host);
        }
        let url = self.url(host, "");
        let login_err = |detail: String| Error::Login {
            host: host.to_owned(),
            detail,
        };
        let resp = match self.request(host, "", Some(&cred), &|h| h.get(&url)) {
            Ok(r) => r,
            Err(Error::Transport(t)) => return Err(login_err(t)),
            Err(e) => return Err(e),
        };
        if !resp.status().is_success() {
            return Err(login_err(status_error("GET", &url, resp).to_string()));
        }
        CredentialsFile::new(&self.opts.credentials_file).put(host, &cred)
    }

    /// Removes the stored credentials of `host` (Helm's `Client.Logout`); succeeds when there
    /// were none, as oras-go's file store does.
    pub fn logout(&self, host: &str) -> Result<()> {
        if let Ok(mut cache) = self.auth.lock() {
            cache.retain(|(h, _)| h != host);
        }
        CredentialsFile::new(&self.opts.credentials_file).remove(host)
    }

    /// The credential used for `host`.
    pub(crate) fn credential(&self, host: &str) -> Result<Option<Credential>> {
        self.credential_for(host)
    }
}

/// Go's `url.Error` operation: `Get`, `Post`, `Put`, `Head`.
fn go_method(m: &str) -> String {
    let lower = m.to_ascii_lowercase();
    let mut chars = lower.chars();
    chars
        .next()
        .map(|c| c.to_ascii_uppercase().to_string() + chars.as_str())
        .unwrap_or_default()
}

/// A transport failure in the words of Go's `net/http` for the common causes (refused
/// connection, unknown certificate authority, an HTTP server answering TLS), else the chain.
fn go_cause(e: &reqwest::Error, url: &reqwest::Url) -> String {
    let text = chain(e);
    let mut cur: Option<&(dyn std::error::Error + 'static)> = Some(e);
    while let Some(c) = cur {
        if let Some(io) = c.downcast_ref::<std::io::Error>()
            && io.kind() == std::io::ErrorKind::ConnectionRefused
        {
            // Go names the address it dialled; `localhost` resolves to the loopback first.
            let host = match url.host_str().unwrap_or_default() {
                "localhost" => "127.0.0.1",
                h => h,
            };
            let port = url.port_or_known_default().unwrap_or_default();
            return format!("dial tcp {host}:{port}: connect: connection refused");
        }
        cur = c.source();
    }
    if text.contains("UnknownIssuer") {
        return "tls: failed to verify certificate: x509: certificate signed by unknown authority"
            .to_owned();
    }
    if text.contains("InvalidContentType") || text.contains("corrupt message") {
        return "http: server gave HTTP response to HTTPS client".to_owned();
    }
    if e.is_timeout() {
        return "context deadline exceeded (Client.Timeout exceeded while awaiting headers)"
            .to_owned();
    }
    text
}

/// `401 Unauthorized`.
pub(crate) fn status_line(s: StatusCode) -> String {
    format!(
        "{} {}",
        s.as_u16(),
        s.canonical_reason().unwrap_or_default()
    )
}

/// oras-go's error for an unexpected status: `GET "url": response status code 404: ...`.
pub(crate) fn status_error(method: &str, url: &str, resp: Response) -> Error {
    let code = resp.status().as_u16();
    let reason = resp
        .status()
        .canonical_reason()
        .unwrap_or_default()
        .to_ascii_lowercase();
    let body: serde_json::Value = resp
        .bytes()
        .ok()
        .and_then(|b| serde_json::from_slice(&b).ok())
        .unwrap_or_default();
    // oras-go's errcode text: the code in lower case with spaces, the message, then the
    // detail as Go's `%v` prints it.
    let detail = body
        .get("errors")
        .and_then(|e| e.get(0))
        .map_or(reason, |e| {
            let code = e
                .get("code")
                .and_then(|v| v.as_str())
                .unwrap_or_default()
                .to_ascii_lowercase()
                .replace('_', " ");
            let message = e
                .get("message")
                .and_then(|v| v.as_str())
                .unwrap_or_default();
            match e.get("detail") {
                Some(d) if !d.is_null() => format!("{code}: {message}: {}", go_value(d)),
                _ => format!("{code}: {message}"),
            }
        });
    Error::Status {
        method: method.to_owned(),
        url: url.to_owned(),
        code,
        text: detail,
    }
}

/// A decoded JSON value as Go's `%v` prints an `interface{}` holding it.
fn go_value(v: &serde_json::Value) -> String {
    use serde_json::Value;
    match v {
        Value::Null => "<nil>".to_owned(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::String(s) => s.clone(),
        Value::Array(a) => format!("[{}]", a.iter().map(go_value).collect::<Vec<_>>().join(" ")),
        Value::Object(m) => {
            let mut keys: Vec<&String> = m.keys().collect();
            keys.sort();
            let items: Vec<String> = keys
                .into_iter()
                .map(|k| format!("{k}:{}", go_value(&m[k])))
                .collect();
            format!("map[{}]", items.join(" "))
        }
    }
}

/// Resolves a `Location` header against the request URL.
pub(crate) fn resolve_location(base: &str, resp: &Response) -> Result<String> {
    let loc = resp
        .headers()
        .get(LOCATION)
        .and_then(|v| v.to_str().ok())
        .ok_or_else(|| Error::Decode("blob upload response has no Location header".to_owned()))?;
    let base = reqwest::Url::parse(base).map_err(|e| Error::Decode(e.to_string()))?;
    base.join(loc)
        .map(|u| u.to_string())
        .map_err(|e| Error::Decode(e.to_string()))
}

/// The `Content-Type` header name, re-exported for the chart module.
pub(crate) const CONTENT_TYPE_HEADER: reqwest::header::HeaderName = CONTENT_TYPE;
