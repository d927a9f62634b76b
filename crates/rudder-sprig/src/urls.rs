//! URLs: `urlParse` and `urlJoin`, over a port of the parts of Go's `net/url` they use
//! (`Parse`, `URL.String`, `Hostname`, `Userinfo.String`, escaping and unescaping).

use std::fmt::Write as _;

use rudder_gotmpl::{ArgType, FuncError, FuncMap};
use rudder_value::{Map, Value};

use crate::convert::{fixed, reg};
use crate::lists::NIL_DEREF;
use crate::strings::go_quote;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Path,
    Host,
    Zone,
    UserPassword,
    Fragment,
}

/// Go's `shouldEscape`.
fn should_escape(c: u8, mode: Mode) -> bool {
    if c.is_ascii_alphanumeric() {
        return false;
    }
    if matches!(mode, Mode::Host | Mode::Zone)
        && matches!(
            c,
            b'!' | b'$'
                | b'&'
                | b'\''
                | b'('
                | b')'
                | b'*'
                | b'+'
                | b','
                | b';'
                | b'='
                | b':'
                | b'['
                | b']'
                | b'<'
                | b'>'
                | b'"'
        )
    {
        return false;
    }
    match c {
        b'-' | b'_' | b'.' | b'~' => return false,
        b'$' | b'&' | b'+' | b',' | b'/' | b':' | b';' | b'=' | b'?' | b'@' => {
            return match mode {
                Mode::Path => c == b'?',
                Mode::UserPassword => matches!(c, b'@' | b'/' | b'?' | b':'),
                Mode::Fragment => false,
                Mode::Host | Mode::Zone => true,
            };
        }
        _ => {}
    }
    if mode == Mode::Fragment && matches!(c, b'!' | b'(' | b')' | b'*') {
        return false;
    }
    true
}

/// Go's `escape`.
fn escape(s: &str, mode: Mode) -> String {
    let mut out = String::with_capacity(s.len());
    for &c in s.as_bytes() {
        if should_escape(c, mode) {
            let _ = write!(out, "%{c:02X}");
        } else {
            out.push(char::from(c));
        }
    }
    out
}

/// Go's `unescape`; errors are Go's messages.
fn unescape(s: &str, mode: Mode) -> Result<String, String> {
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'%' => {
                if i + 2 >= b.len()
                    || !b[i + 1].is_ascii_hexdigit()
                    || !b[i + 2].is_ascii_hexdigit()
                {
                    let end = (i + 3).min(b.len());
                    return Err(format!(
                        "invalid URL escape {}",
                        go_quote(&String::from_utf8_lossy(&b[i..end]))
                    ));
                }
                if mode == Mode::Host && hex(b[i + 1]) < 8 && &s[i..i + 3] != "%25" {
                    return Err(format!("invalid URL escape {}", go_quote(&s[i..i + 3])));
                }
                if mode == Mode::Zone {
                    // Zone escapes may only spell bytes a host could hold directly.
                    let v = (hex(b[i + 1]) << 4) | hex(b[i + 2]);
                    if &s[i..i + 3] != "%25" && v != b' ' && should_escape(v, Mode::Host) {
                        return Err(format!("invalid URL escape {}", go_quote(&s[i..i + 3])));
                    }
                }
                i += 3;
            }
            c => {
                if matches!(mode, Mode::Host | Mode::Zone) && c < 0x80 && should_escape(c, mode) {
                    return Err(format!(
                        "invalid character {} in host name",
                        go_quote(&s[i..=i])
                    ));
                }
                i += 1;
            }
        }
    }
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            out.push(hex(b[i + 1]) << 4 | hex(b[i + 2]));
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    Ok(String::from_utf8_lossy(&out).into_owned())
}

fn hex(c: u8) -> u8 {
    match c {
        b'0'..=b'9' => c - b'0',
        b'a'..=b'f' => c - b'a' + 10,
        b'A'..=b'F' => c - b'A' + 10,
        _ => 0,
    }
}

/// A parsed URL, with the fields Sprig reads.
#[derive(Default)]
struct Url {
    scheme: String,
    opaque: String,
    user: Option<(String, Option<String>)>,
    host: String,
    path: String,
    omit_host: bool,
    force_query: bool,
    raw_query: String,
    fragment: String,
}

fn valid_optional_port(port: &str) -> bool {
    if port.is_empty() {
        return true;
    }
    match port.strip_prefix(':') {
        Some(digits) => digits.bytes().all(|c| c.is_ascii_digit()),
        None => false,
    }
}

/// Go 1.26's `parseHost`: an IP literal in brackets must be an IPv6 address; for http and
/// https the port starts at the first colon, for other schemes at the last.
fn parse_host(scheme: &str, host: &str) -> Result<String, String> {
    match host.rfind('[') {
        Some(i) if i > 0 => return Err("invalid IP-literal".to_owned()),
        Some(_) => return parse_ip_literal(host),
        None => {}
    }
    if let Some(first) = host.find(':') {
        let last = host.rfind(':').unwrap_or(first);
        let i = if last != first && scheme != "http" && scheme != "https" {
            last
        } else {
            first
        };
        let colon_port = &host[i..];
        if !valid_optional_port(colon_port) {
            return Err(format!("invalid port {} after host", go_quote(colon_port)));
        }
    }
    unescape(host, Mode::Host)
}

fn parse_ip_literal(host: &str) -> Result<String, String> {
    let Some(close) = host.rfind(']') else {
        return Err("missing ']' in host".to_owned());
    };
    let colon_port = &host[close + 1..];
    if !valid_optional_port(colon_port) {
        return Err(format!("invalid port {} after host", go_quote(colon_port)));
    }
    let colon_port = unescape(colon_port, Mode::Host)?;
    let hostname = &host[1..close];
    let unescaped = match hostname.find("%25") {
        Some(z) => unescape(&hostname[..z], Mode::Host)? + &unescape(&hostname[z..], Mode::Zone)?,
        None => unescape(hostname, Mode::Host)?,
    };
    let addr = unescaped
        .split_once('%')
        .map_or(unescaped.as_str(), |(a, _)| a);
    if addr.parse::<std::net::Ipv4Addr>().is_ok() {
        return Err("invalid IP-literal".to_owned());
    }
    if addr.parse::<std::net::Ipv6Addr>().is_err() {
        // netip words each malformation differently; this is its text for input that is
        // neither IPv4 nor IPv6.
        return Err(format!(
            "invalid host: ParseAddr({}): unable to parse IP",
            go_quote(&unescaped)
        ));
    }
    Ok(format!("[{unescaped}]{colon_port}"))
}

fn valid_userinfo(s: &str) -> bool {
    s.bytes().all(|c| {
        c.is_ascii_alphanumeric()
            || matches!(
                c,
                b'-' | b'.'
                    | b'_'
                    | b':'
                    | b'~'
                    | b'!'
                    | b'$'
                    | b'&'
                    | b'\''
                    | b'('
                    | b')'
                    | b'*'
                    | b'+'
                    | b','
                    | b';'
                    | b'='
                    | b'%'
                    | b'@'
            )
    })
}

type UserInfo = Option<(String, Option<String>)>;

fn parse_authority(scheme: &str, authority: &str) -> Result<(UserInfo, String), String> {
    let at = authority.rfind('@');
    let host = parse_host(
        scheme,
        match at {
            Some(i) => &authority[i + 1..],
            None => authority,
        },
    )?;
    let Some(i) = at else {
        return Ok((None, host));
    };
    let userinfo = &authority[..i];
    if !valid_userinfo(userinfo) {
        return Err("net/url: invalid userinfo".to_owned());
    }
    let user = match userinfo.split_once(':') {
        None => (unescape(userinfo, Mode::UserPassword)?, None),
        Some((u, p)) => (
            unescape(u, Mode::UserPassword)?,
            Some(unescape(p, Mode::UserPassword)?),
        ),
    };
    Ok((Some(user), host))
}

/// Go's `getScheme`.
fn get_scheme(raw: &str) -> Result<(&str, &str), String> {
    for (i, c) in raw.bytes().enumerate() {
        match c {
            b'a'..=b'z' | b'A'..=b'Z' => {}
            b'0'..=b'9' | b'+' | b'-' | b'.' => {
                if i == 0 {
                    return Ok(("", raw));
                }
            }
            b':' => {
                if i == 0 {
                    return Err("missing protocol scheme".to_owned());
                }
                return Ok((&raw[..i], &raw[i + 1..]));
            }
            _ => return Ok(("", raw)),
        }
    }
    Ok(("", raw))
}

/// Go's `url.Parse`; the error is Go's `*url.Error` text.
fn parse(raw: &str) -> Result<Url, String> {
    let (u, frag) = raw.split_once('#').unwrap_or((raw, ""));
    let wrap = |url: &str, e: String| format!("parse {}: {e}", go_quote(url));
    let mut url = parse_no_fragment(u).map_err(|e| wrap(u, e))?;
    if !frag.is_empty() {
        url.fragment = unescape(frag, Mode::Fragment).map_err(|e| wrap(raw, e))?;
    }
    Ok(url)
}

fn parse_no_fragment(raw: &str) -> Result<Url, String> {
    if raw.bytes().any(|c| c < 0x20 || c == 0x7f) {
        return Err("net/url: invalid control character in URL".to_owned());
    }
    let mut url = Url::default();
    if raw == "*" {
        "*".clone_into(&mut url.path);
        return Ok(url);
    }
    let (scheme, rest) = get_scheme(raw)?;
    url.scheme = scheme.to_ascii_lowercase();
    let mut rest = rest.to_owned();
    if rest.ends_with('?') && rest.matches('?').count() == 1 {
        url.force_query = true;
        rest.pop();
    } else if let Some((r, q)) = rest.clone().split_once('?') {
        r.clone_into(&mut rest);
        q.clone_into(&mut url.raw_query);
    }
    if !rest.starts_with('/') {
        if !url.scheme.is_empty() {
            url.opaque = rest;
            return Ok(url);
        }
        let segment = rest.split('/').next().unwrap_or("");
        if segment.contains(':') {
            return Err("first path segment in URL cannot contain colon".to_owned());
        }
    }
    #[expect(
        clippy::assigning_clones,
        reason = "the new value borrows from the old one"
    )]
    if (!url.scheme.is_empty() || !rest.starts_with("///")) && rest.starts_with("//") {
        let after = &rest[2..];
        let (authority, path) = match after.find('/') {
            Some(i) => (&after[..i], &after[i..]),
            None => (after, ""),
        };
        let (user, host) = parse_authority(&url.scheme, authority)?;
        url.user = user;
        url.host = host;
        rest = path.to_owned();
    } else if !url.scheme.is_empty() && rest.starts_with('/') {
        url.omit_host = true;
    }
    url.path = unescape(&rest, Mode::Path)?;
    Ok(url)
}

fn userinfo_string(user: &(String, Option<String>)) -> String {
    let mut s = escape(&user.0, Mode::UserPassword);
    if let Some(p) = &user.1 {
        s.push(':');
        s.push_str(&escape(p, Mode::UserPassword));
    }
    s
}

impl Url {
    /// Go's `URL.Hostname`.
    fn hostname(&self) -> String {
        let mut host = self.host.as_str();
        if let Some(colon) = host.rfind(':')
            && valid_optional_port(&host[colon..])
        {
            host = &host[..colon];
        }
        if host.starts_with('[') && host.ends_with(']') && host.len() >= 2 {
            host = &host[1..host.len() - 1];
        }
        host.to_owned()
    }

    /// Go's `URL.String`.
    fn to_go_string(&self) -> String {
        let mut buf = String::new();
        if !self.scheme.is_empty() {
            buf.push_str(&self.scheme);
            buf.push(':');
        }
        if self.opaque.is_empty() {
            let has_authority =
                !self.scheme.is_empty() || !self.host.is_empty() || self.user.is_some();
            let omit = self.omit_host && self.host.is_empty() && self.user.is_none();
            if has_authority && !omit {
                {
                    if !self.host.is_empty() || !self.path.is_empty() || self.user.is_some() {
                        buf.push_str("//");
                    }
                    if let Some(u) = &self.user {
                        buf.push_str(&userinfo_string(u));
                        buf.push('@');
                    }
                    if !self.host.is_empty() {
                        buf.push_str(&escape(&self.host, Mode::Host));
                    }
                }
            }
            let path = if self.path == "*" {
                "*".to_owned()
            } else {
                escape(&self.path, Mode::Path)
            };
            if !path.is_empty() && !path.starts_with('/') && !self.host.is_empty() {
                buf.push('/');
            }
            if buf.is_empty() && path.split('/').next().unwrap_or("").contains(':') {
                buf.push_str("./");
            }
            buf.push_str(&path);
        } else {
            buf.push_str(&self.opaque);
        }
        if self.force_query || !self.raw_query.is_empty() {
            buf.push('?');
            buf.push_str(&self.raw_query);
        }
        if !self.fragment.is_empty() {
            buf.push('#');
            buf.push_str(&escape(&self.fragment, Mode::Fragment));
        }
        buf
    }
}

fn url_parse(v: &str) -> Result<Value, FuncError> {
    let u = parse(v).map_err(|e| FuncError::new(format!("unable to parse url: {e}")))?;
    let m = Map::new();
    m.insert("scheme", Value::from(u.scheme.clone()));
    m.insert("host", Value::from(u.host.clone()));
    m.insert("hostname", Value::from(u.hostname()));
    m.insert("path", Value::from(u.path.clone()));
    m.insert("query", Value::from(u.raw_query.clone()));
    m.insert("opaque", Value::from(u.opaque.clone()));
    m.insert("fragment", Value::from(u.fragment.clone()));
    m.insert(
        "userinfo",
        Value::from(u.user.as_ref().map(userinfo_string).unwrap_or_default()),
    );
    Ok(Value::Map(m))
}

/// Sprig's `dictGetOrEmpty`.
fn get_or_empty(d: Option<&Map>, key: &str) -> Result<String, FuncError> {
    match d.and_then(|m| m.get(key)) {
        None => Ok(String::new()),
        Some(Value::String(s)) => Ok(s.to_string()),
        Some(Value::Nil) => Err(FuncError::new(NIL_DEREF)),
        Some(other) => Err(FuncError::new(format!(
            "unable to parse {key} key, must be of type string, but {} found",
            other.kind_name()
        ))),
    }
}

fn url_join(d: &Value) -> Result<Value, FuncError> {
    let d = d.as_map();
    let mut u = Url {
        scheme: get_or_empty(d, "scheme")?,
        host: get_or_empty(d, "host")?,
        path: get_or_empty(d, "path")?,
        raw_query: get_or_empty(d, "query")?,
        opaque: get_or_empty(d, "opaque")?,
        fragment: get_or_empty(d, "fragment")?,
        ..Url::default()
    };
    let userinfo = get_or_empty(d, "userinfo")?;
    if !userinfo.is_empty() {
        let temp = parse(&format!("proto://{userinfo}@host"))
            .map_err(|e| FuncError::new(format!("unable to parse userinfo in dict: {e}")))?;
        u.user = temp.user;
    }
    Ok(Value::from(u.to_go_string()))
}

pub(crate) fn register(map: &mut FuncMap) {
    reg(map, "urlParse", fixed(&[ArgType::String]), |a| {
        url_parse(a[0].as_str().unwrap_or(""))
    });
    reg(map, "urlJoin", fixed(&[ArgType::Map]), |a| url_join(&a[0]));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_and_print_round_trip() {
        for raw in [
            "http://user:pass@example.com:8080/a/b?x=1#frag",
            "mailto:joe@example.com",
            "/relative/path?q",
            "https://example.com",
            "file:///etc/hosts",
        ] {
            assert_eq!(parse(raw).unwrap().to_go_string(), raw);
        }
        let u = parse("http://[::1]:80/x").unwrap();
        assert_eq!(u.hostname(), "::1");
    }

    #[test]
    fn parse_errors_match_go() {
        assert_eq!(
            parse("http://[::1/x").err().unwrap(),
            "parse \"http://[::1/x\": missing ']' in host"
        );
        assert_eq!(
            parse(":foo").err().unwrap(),
            "parse \":foo\": missing protocol scheme"
        );
        assert_eq!(parse("a:b/c").unwrap().opaque, "b/c");
        assert_eq!(
            parse("%zz").err().unwrap(),
            "parse \"%zz\": invalid URL escape \"%zz\""
        );
    }
}
