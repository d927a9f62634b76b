//! `metadata.name` checks, in the words of k8s.io/apimachinery's validation (the functions
//! Helm's `validateMetadataNameFunc` picks by kind).

use std::sync::LazyLock;

use regex::Regex;

const DNS1123_LABEL: &str = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
const DNS1123_SUBDOMAIN: &str = r"[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*";
const DNS1035_LABEL: &str = "[a-z]([-a-z0-9]*[a-z0-9])?";

fn anchored(pattern: &str) -> Regex {
    Regex::new(&format!("^{pattern}$")).expect("the name patterns are valid")
}

static LABEL_RE: LazyLock<Regex> = LazyLock::new(|| anchored(DNS1123_LABEL));
static SUBDOMAIN_RE: LazyLock<Regex> = LazyLock::new(|| anchored(DNS1123_SUBDOMAIN));
static DNS1035_RE: LazyLock<Regex> = LazyLock::new(|| anchored(DNS1035_LABEL));

fn max_len(n: usize) -> String {
    format!("must be no more than {n} characters")
}

fn dns1123_subdomain(name: &str) -> Vec<String> {
    let mut errs = Vec::new();
    if name.len() > 253 {
        errs.push(max_len(253));
    }
    if !SUBDOMAIN_RE.is_match(name) {
        errs.push(format!(
            "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '{DNS1123_SUBDOMAIN}')"
        ));
    }
    errs
}

fn dns1123_label(name: &str) -> Vec<String> {
    let mut errs = Vec::new();
    if name.len() > 63 {
        errs.push(max_len(63));
    }
    if !LABEL_RE.is_match(name) {
        if SUBDOMAIN_RE.is_match(name) {
            errs.push("must not contain dots".to_owned());
            return errs;
        }
        errs.push(format!(
            "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '{DNS1123_LABEL}')"
        ));
    }
    errs
}

fn dns1035_label(name: &str) -> Vec<String> {
    let mut errs = Vec::new();
    if name.len() > 63 {
        errs.push(max_len(63));
    }
    if !DNS1035_RE.is_match(name) {
        errs.push(format!(
            "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '{DNS1035_LABEL}')"
        ));
    }
    errs
}

fn path_segment(name: &str) -> Vec<String> {
    for bad in [".", ".."] {
        if name == bad {
            return vec![format!("may not be '{bad}'")];
        }
    }
    ["/", "%"]
        .iter()
        .filter(|bad| name.contains(**bad))
        .map(|bad| format!("may not contain '{bad}'"))
        .collect()
}

/// The problems with `name` for an object of `kind`.
fn problems(kind: &str, name: &str) -> Vec<String> {
    match kind.to_lowercase().as_str() {
        "service" => dns1035_label(name),
        "namespace" => dns1123_label(name),
        "certificatesigningrequest" => Vec::new(),
        "role" | "clusterrole" | "rolebinding" | "clusterrolebinding" => path_segment(name),
        _ => dns1123_subdomain(name),
    }
}

/// Helm's `validateMetadataName`.
pub(crate) fn validate(kind: &str, name: &str) -> Result<(), String> {
    let quoted = rudder_value::strconv::quote(name);
    let errs: Vec<String> = problems(kind, name)
        .into_iter()
        .map(|msg| format!("metadata.name: Invalid value: {quoted}: {msg}"))
        .collect();
    match errs.len() {
        0 => Ok(()),
        1 => Err(format!(
            "object name does not conform to Kubernetes naming requirements: {quoted}: {}",
            errs[0]
        )),
        _ => Err(format!(
            "object name does not conform to Kubernetes naming requirements: {quoted}: [{}]",
            errs.join(", ")
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_pick_their_rule() {
        assert!(validate("ConfigMap", "a.b-c").is_ok());
        assert!(validate("Service", "a.b").is_err());
        assert!(validate("Role", "system:admin").is_ok());
        assert!(validate("CertificateSigningRequest", "Any_Thing").is_ok());
    }

    #[test]
    fn two_problems_are_bracketed() {
        let long = "A".repeat(300);
        let err = validate("Pod", &long).unwrap_err();
        assert!(err.contains(": [metadata.name: Invalid value: "));
    }
}
