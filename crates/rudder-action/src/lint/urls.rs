//! The e-mail and URL checks `Chart.yaml` rules use (asaskevich/govalidator's `IsEmail`,
//! `IsURL` and `IsRequestURL`, approximated: the usual shapes are judged the same way).

use std::sync::LazyLock;

use regex::Regex;

static EMAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r#"^([A-Za-z0-9!#$%&'*+/=?^_`{|}~\u{A0}-\u{D7FF}\u{F900}-\u{FDCF}\u{FDF0}-\u{FFEF}-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~\u{A0}-\u{D7FF}\u{F900}-\u{FDCF}\u{FDF0}-\u{FFEF}-]+)*|"[^"\\]*")@([A-Za-z0-9\u{A0}-\u{D7FF}\u{F900}-\u{FDCF}\u{FDF0}-\u{FFEF}]([A-Za-z0-9.~\u{A0}-\u{D7FF}\u{F900}-\u{FDCF}\u{FDF0}-\u{FFEF}-]*[A-Za-z0-9\u{A0}-\u{D7FF}\u{F900}-\u{FDCF}\u{FDF0}-\u{FFEF}])?\.)+[A-Za-z\u{A0}-\u{D7FF}\u{F900}-\u{FDCF}\u{FDF0}-\u{FFEF}]([A-Za-z0-9.~\u{A0}-\u{D7FF}\u{F900}-\u{FDCF}\u{FDF0}-\u{FFEF}-]*[A-Za-z\u{A0}-\u{D7FF}\u{F900}-\u{FDCF}\u{FDF0}-\u{FFEF}])?\.?$"#,
    )
    .expect("the e-mail pattern is valid")
});

static SCHEME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[A-Za-z][A-Za-z0-9+.-]*:").expect("the scheme pattern is valid")
});

static HOST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(localhost|([A-Za-z0-9\u{A0}-\u{FFFF}_]([A-Za-z0-9\u{A0}-\u{FFFF}_-]*[A-Za-z0-9\u{A0}-\u{FFFF}_])?\.)+[A-Za-z0-9\u{A0}-\u{FFFF}]+\.?|\[[0-9A-Fa-f:.]+\]|\d{1,3}(\.\d{1,3}){3})(:\d{1,5})?$",
    )
    .expect("the host pattern is valid")
});

static SINGLE_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[A-Za-z0-9\u{A0}-\u{FFFF}_]([A-Za-z0-9\u{A0}-\u{FFFF}_-]*[A-Za-z0-9\u{A0}-\u{FFFF}_])?(:\d{1,5})?$")
        .expect("the label pattern is valid")
});

/// `IsEmail`.
pub(crate) fn is_email(s: &str) -> bool {
    EMAIL.is_match(s)
}

/// `IsRequestURL`: Go's `url.ParseRequestURI` accepts it and it has a scheme.
pub(crate) fn is_request_url(s: &str) -> bool {
    if !SCHEME.is_match(s) {
        return false;
    }
    if s.chars().any(char::is_control) {
        return false;
    }
    let rest = &s[s.find(':').map_or(0, |i| i + 1)..];
    // Go's URL parser rejects a `%` that does not start an escape.
    let bytes = rest.as_bytes();
    for (i, b) in bytes.iter().enumerate() {
        if *b == b'%'
            && !(i + 2 < bytes.len()
                && bytes[i + 1].is_ascii_hexdigit()
                && bytes[i + 2].is_ascii_hexdigit())
        {
            return false;
        }
    }
    if let Some(authority) = rest.strip_prefix("//") {
        let end = authority.find(['/', '?', '#']).unwrap_or(authority.len());
        let host = &authority[..end];
        let host = host.rsplit_once('@').map_or(host, |(_, h)| h);
        if host.contains([' ', '"', '<', '>', '`', '{', '}', '|', '\\', '^']) {
            return false;
        }
    }
    true
}

/// `IsURL`: a web address, with or without a scheme.
pub(crate) fn is_url(s: &str) -> bool {
    if s.is_empty() || s.len() >= 2083 || s.len() <= 3 || s.starts_with('.') {
        return false;
    }
    if s.chars().any(char::is_whitespace) {
        return false;
    }
    let has_scheme = s.contains("://");
    let rest = match s.find("://") {
        Some(i) => {
            let scheme = &s[..i];
            if !matches!(
                scheme.to_ascii_lowercase().as_str(),
                "http" | "https" | "ftp" | "irc" | "rtmp" | "rtmps"
            ) {
                return false;
            }
            &s[i + 3..]
        }
        None => s,
    };
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let authority = &rest[..end];
    let host = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    // A host without a dot passes only after an explicit scheme.
    HOST.is_match(host) || (has_scheme && SINGLE_LABEL.is_match(host))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails() {
        assert!(is_email("jane@example.com"));
        assert!(is_email("jane.doe+x@mail.example.co.uk"));
        assert!(!is_email("not-an-email"));
        assert!(!is_email("jane@localhost"));
    }

    #[test]
    fn request_urls_need_a_scheme() {
        assert!(is_request_url("https://example.com/icon.png"));
        assert!(is_request_url("data:image/png;base64,AAAA"));
        assert!(!is_request_url("icon.png"));
        assert!(!is_request_url("/icon.png"));
    }

    #[test]
    fn urls() {
        assert!(is_url("https://example.com"));
        assert!(is_url("example.com/path"));
        assert!(!is_url("not a url"));
        assert!(!is_url("foo"));
    }
}
