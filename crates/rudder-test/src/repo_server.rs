//! A small HTTP(S) chart-repository server on loopback for tests: fixed routes, optional
//! basic auth, redirects, a log of what each request carried, and a test CA (`rcgen`) for
//! HTTPS.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener};
use std::sync::{Arc, Mutex};

/// What a route answers.
#[derive(Clone)]
pub enum Reply {
    /// 200 with this body.
    Body(Vec<u8>),
    /// 302 to this location.
    Redirect(String),
}

/// One request as the server saw it.
#[derive(Clone, Debug)]
pub struct Seen {
    /// Request path.
    pub path: String,
    /// The `Authorization` header, if any.
    pub authorization: Option<String>,
}

/// A running server.
pub struct Server {
    /// Where it listens.
    pub addr: SocketAddr,
    /// Requests received.
    pub seen: Arc<Mutex<Vec<Seen>>>,
    /// Its routes (changeable while it runs).
    pub routes: Arc<Mutex<HashMap<String, Reply>>>,
}

impl Server {
    /// `http://127.0.0.1:PORT` (or `https://localhost:PORT`).
    pub fn url(&self, tls: bool) -> String {
        if tls {
            format!("https://localhost:{}", self.addr.port())
        } else {
            format!("http://127.0.0.1:{}", self.addr.port())
        }
    }

    /// Sets a route.
    pub fn route(&self, path: &str, reply: Reply) {
        self.routes
            .lock()
            .expect("routes lock")
            .insert(path.to_owned(), reply);
    }

    /// The requests received so far.
    pub fn seen(&self) -> Vec<Seen> {
        self.seen.lock().expect("log lock").clone()
    }
}

/// Starts a server answering `routes`; with `auth`, every request needs those basic-auth
/// credentials; with `tls`, it speaks HTTPS with that configuration.
pub fn start(auth: Option<(&str, &str)>, tls: Option<Arc<rustls::ServerConfig>>) -> Server {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind loopback");
    let addr = listener.local_addr().expect("local addr");
    let seen = Arc::new(Mutex::new(Vec::new()));
    let routes: Arc<Mutex<HashMap<String, Reply>>> = Arc::new(Mutex::new(HashMap::new()));
    let expected = auth.map(|(u, p)| format!("Basic {}", base64(&format!("{u}:{p}"))));
    {
        let seen = Arc::clone(&seen);
        let routes = Arc::clone(&routes);
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(stream) = stream else { continue };
                let seen = Arc::clone(&seen);
                let routes = Arc::clone(&routes);
                let expected = expected.clone();
                let tls = tls.clone();
                std::thread::spawn(move || {
                    if let Some(cfg) = tls {
                        let Ok(conn) = rustls::ServerConnection::new(cfg) else {
                            return;
                        };
                        let mut s = rustls::StreamOwned::new(conn, stream);
                        let _ = serve(&mut s, &seen, &routes, expected.as_deref());
                    } else {
                        let mut s = stream;
                        let _ = serve(&mut s, &seen, &routes, expected.as_deref());
                    }
                });
            }
        });
    }
    Server { addr, seen, routes }
}

fn serve<S: Read + Write>(
    stream: &mut S,
    seen: &Mutex<Vec<Seen>>,
    routes: &Mutex<HashMap<String, Reply>>,
    expected: Option<&str>,
) -> std::io::Result<()> {
    let mut reader = BufReader::new(&mut *stream);
    let mut line = String::new();
    reader.read_line(&mut line)?;
    let path = line.split(' ').nth(1).unwrap_or("/").to_owned();
    let mut authorization = None;
    loop {
        let mut h = String::new();
        if reader.read_line(&mut h)? == 0 || h == "\r\n" {
            break;
        }
        if let Some((k, v)) = h.split_once(':')
            && k.eq_ignore_ascii_case("authorization")
        {
            authorization = Some(v.trim().to_owned());
        }
    }
    drop(reader);
    seen.lock().expect("log lock").push(Seen {
        path: path.clone(),
        authorization: authorization.clone(),
    });
    let reply = routes.lock().expect("routes lock").get(&path).cloned();
    let (status, extra, body) = if expected.is_some() && authorization.as_deref() != expected {
        (
            "401 Unauthorized",
            "WWW-Authenticate: Basic realm=\"charts\"\r\n".to_owned(),
            b"unauthorized\n".to_vec(),
        )
    } else {
        match reply {
            Some(Reply::Body(b)) => ("200 OK", String::new(), b),
            Some(Reply::Redirect(to)) => ("302 Found", format!("Location: {to}\r\n"), Vec::new()),
            None => ("404 Not Found", String::new(), b"not found\n".to_vec()),
        }
    };
    write!(
        stream,
        "HTTP/1.1 {status}\r\n{extra}Content-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    )?;
    stream.write_all(&body)?;
    stream.flush()
}

fn base64(s: &str) -> String {
    const T: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let b = s.as_bytes();
    let mut out = String::new();
    for chunk in b.chunks(3) {
        let n = (u32::from(chunk[0]) << 16)
            | (u32::from(*chunk.get(1).unwrap_or(&0)) << 8)
            | u32::from(*chunk.get(2).unwrap_or(&0));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(T[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// A test CA and a server certificate for `localhost` signed by it.
pub struct Pki {
    /// The CA certificate, PEM.
    pub ca_pem: String,
    /// The server's TLS configuration.
    pub server: Arc<rustls::ServerConfig>,
}

/// Makes a CA and a `localhost` certificate.
pub fn pki() -> Pki {
    pki_named("rudder test CA")
}

/// Makes a CA with that common name and a `localhost` certificate signed by it.
pub fn pki_named(ca_name: &str) -> Pki {
    let ca_key = rcgen::KeyPair::generate().expect("CA key");
    let mut ca_params = rcgen::CertificateParams::new(Vec::<String>::new()).expect("CA params");
    ca_params.is_ca = rcgen::IsCa::Ca(rcgen::BasicConstraints::Unconstrained);
    ca_params
        .distinguished_name
        .push(rcgen::DnType::CommonName, ca_name);
    let ca = rcgen::CertifiedIssuer::self_signed(ca_params, ca_key).expect("CA cert");
    let key = rcgen::KeyPair::generate().expect("server key");
    let params =
        rcgen::CertificateParams::new(vec!["localhost".to_owned()]).expect("server params");
    let cert = params.signed_by(&key, &ca).expect("server cert");
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let server = rustls::ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .expect("protocol versions")
        .with_no_client_auth()
        .with_single_cert(
            vec![cert.der().clone()],
            rustls::pki_types::PrivateKeyDer::Pkcs8(key.serialize_der().into()),
        )
        .expect("server config");
    Pki {
        ca_pem: ca.pem(),
        server: Arc::new(server),
    }
}
