//! Reading `-f` and `--set-file` sources that are not local files, as Helm's `readFile`
//! (`pkg/cli/values/options.go`): `-` is standard input, `http://` and `https://` URLs go
//! through Helm's HTTP getter (`pkg/getter/httpgetter.go`).
//!
//! Plain HTTP is spoken over a `TcpStream` (HTTP/1.1, `Connection: close`, chunked or
//! length-delimited bodies, no redirects). HTTPS needs a TLS stack the `rudder` binary does
//! not link yet, so an `https://` source fails with an error that says so.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::time::Duration;

/// Whether Helm would fetch `path` with a getter rather than read it from disk.
pub fn is_remote(path: &str) -> bool {
    path.trim() == "-" || path.starts_with("http://") || path.starts_with("https://")
}

/// Reads `-` (standard input) or fetches a URL. `Err` is Helm's message.
pub fn read_remote(path: &str) -> Result<Vec<u8>, String> {
    if path.trim() == "-" {
        let mut data = Vec::new();
        std::io::stdin()
            .read_to_end(&mut data)
            .map_err(|e| format!("read /dev/stdin: {e}"))?;
        return Ok(data);
    }
    if let Some(rest) = path.strip_prefix("http://") {
        return http_get(path, rest);
    }
    // https goes through the repository getter (rustls, the system's roots), as Helm's values
    // options use its getters with only the URL set: no credentials, no client certificate.
    let options = rudder_repo::getter::GetterOptions {
        url: path.to_owned(),
        timeout: Some(Duration::from_mins(2)),
        ..rudder_repo::getter::GetterOptions::default()
    };
    rudder_repo::getter::get(path, &options).map_err(|e| e.to_string())
}

fn http_get(url: &str, rest: &str) -> Result<Vec<u8>, String> {
    let (authority, target) = match rest.find(['/', '?']) {
        Some(i) if rest.as_bytes()[i] == b'/' => (&rest[..i], rest[i..].to_owned()),
        Some(i) => (&rest[..i], format!("/{}", &rest[i..])),
        None => (rest, "/".to_owned()),
    };
    let target = target.split('#').next().unwrap_or("/").to_owned();
    let host_port = if authority
        .rsplit_once(':')
        .is_some_and(|(_, p)| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
    {
        authority.to_owned()
    } else {
        format!("{authority}:80")
    };
    let go_get = |e: &str| format!("Get {}: {e}", rudder_value::strconv::quote(url));
    let mut stream = TcpStream::connect(&host_port).map_err(|e| {
        let why = match e.kind() {
            std::io::ErrorKind::ConnectionRefused => "connect: connection refused".to_owned(),
            _ => e.to_string(),
        };
        go_get(&format!("dial tcp {host_port}: {why}"))
    })?;
    let _ = stream.set_read_timeout(Some(Duration::from_mins(2)));
    let request = format!(
        "GET {target} HTTP/1.1\r\nHost: {authority}\r\nUser-Agent: Helm/4.2.3\r\nAccept-Encoding: identity\r\nConnection: close\r\n\r\n"
    );
    stream
        .write_all(request.as_bytes())
        .map_err(|e| go_get(&e.to_string()))?;
    let mut reader = BufReader::new(stream);
    let mut status = String::new();
    reader
        .read_line(&mut status)
        .map_err(|e| go_get(&e.to_string()))?;
    let status = status.trim_end();
    let (code, text) = status
        .split_once(' ')
        .map(|(_, s)| s.split_once(' ').unwrap_or((s, "")))
        .ok_or_else(|| go_get("malformed HTTP response"))?;
    let mut chunked = false;
    let mut length: Option<usize> = None;
    loop {
        let mut line = String::new();
        reader
            .read_line(&mut line)
            .map_err(|e| go_get(&e.to_string()))?;
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some((name, value)) = line.split_once(':') {
            let value = value.trim();
            if name.eq_ignore_ascii_case("transfer-encoding") && value.contains("chunked") {
                chunked = true;
            } else if name.eq_ignore_ascii_case("content-length") {
                length = value.parse().ok();
            }
        }
    }
    if code != "200" {
        return Err(format!("failed to fetch {url} : {code} {text}"));
    }
    let mut body = Vec::new();
    if chunked {
        loop {
            let mut size = String::new();
            reader
                .read_line(&mut size)
                .map_err(|e| go_get(&e.to_string()))?;
            let size = usize::from_str_radix(size.trim().split(';').next().unwrap_or(""), 16)
                .map_err(|_| go_get("malformed chunked encoding"))?;
            if size == 0 {
                break;
            }
            let mut chunk = vec![0; size + 2];
            reader
                .read_exact(&mut chunk)
                .map_err(|e| go_get(&e.to_string()))?;
            chunk.truncate(size);
            body.extend_from_slice(&chunk);
        }
    } else if let Some(n) = length {
        body.resize(n, 0);
        reader
            .read_exact(&mut body)
            .map_err(|e| go_get(&e.to_string()))?;
    } else {
        reader
            .read_to_end(&mut body)
            .map_err(|e| go_get(&e.to_string()))?;
    }
    Ok(body)
}
