//! The digest Helm records in `Chart.lock` (helm/helm `internal/resolver/resolver.go`,
//! `HashReq` and `HashV2Req`): SHA-256 of `encoding/json`'s text of the dependencies.

use rudder_chart::Dependency;
use rudder_value::Value;
use rudder_yaml::{JsonOptions, to_json};
use sha2::{Digest as _, Sha256};

/// `sha256:HEX` of `json.Marshal([2][]*Dependency{req, lock})` (Helm's `HashReq`).
pub fn hash_req(req: &[Dependency], lock: &[Dependency]) -> String {
    let mut text = String::from("[");
    push_list(&mut text, req);
    text.push(',');
    push_list(&mut text, lock);
    text.push(']');
    digest(&text)
}

/// `sha256:HEX` of `json.Marshal(map[string][]*Dependency{"dependencies": req})`, the digest
/// Helm 2 wrote into `requirements.lock` (Helm's `HashV2Req`, helm/helm#7233).
pub fn hash_v2_req(req: &[Dependency]) -> String {
    let mut text = String::from("{\"dependencies\":");
    push_list(&mut text, req);
    text.push('}');
    digest(&text)
}

fn digest(text: &str) -> String {
    format!("sha256:{}", hex(&Sha256::digest(text.as_bytes())))
}

/// Lowercase hexadecimal of `bytes`.
pub(crate) fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write as _;
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        let _ = write!(out, "{b:02x}");
    }
    out
}

/// A nil slice marshals as `null`; Helm's lists here come from YAML or are built by the
/// resolver, and an empty `dependencies: []` is a non-nil empty slice, so `[]` is what the
/// callers need for an empty list.
fn push_list(out: &mut String, deps: &[Dependency]) {
    out.push('[');
    for (i, d) in deps.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        push_dependency(out, d);
    }
    out.push(']');
}

fn json_string(s: &str) -> String {
    to_json(&Value::from(s), &JsonOptions::marshal()).unwrap_or_else(|_| "\"\"".to_owned())
}

/// The fields of Helm's `Dependency` in declaration order, with its `omitempty` tags.
fn push_dependency(out: &mut String, d: &Dependency) {
    out.push_str("{\"name\":");
    out.push_str(&json_string(&d.name));
    if !d.version.is_empty() {
        out.push_str(",\"version\":");
        out.push_str(&json_string(&d.version));
    }
    out.push_str(",\"repository\":");
    out.push_str(&json_string(&d.repository));
    if !d.condition.is_empty() {
        out.push_str(",\"condition\":");
        out.push_str(&json_string(&d.condition));
    }
    if !d.tags.is_empty() {
        out.push_str(",\"tags\":[");
        let tags: Vec<String> = d.tags.iter().map(|t| json_string(t)).collect();
        out.push_str(&tags.join(","));
        out.push(']');
    }
    if d.enabled {
        out.push_str(",\"enabled\":true");
    }
    if !d.import_values.is_empty() {
        out.push_str(",\"import-values\":[");
        let values: Vec<String> = d
            .import_values
            .iter()
            .map(|v| to_json(v, &JsonOptions::marshal()).unwrap_or_else(|_| "null".to_owned()))
            .collect();
        out.push_str(&values.join(","));
        out.push(']');
    }
    if !d.alias.is_empty() {
        out.push_str(",\"alias\":");
        out.push_str(&json_string(&d.alias));
    }
    out.push('}');
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dep(name: &str, version: &str, repo: &str) -> Dependency {
        Dependency {
            name: name.to_owned(),
            version: version.to_owned(),
            repository: repo.to_owned(),
            ..Dependency::default()
        }
    }

    #[test]
    fn empty_lists_hash_the_json_of_two_empty_arrays() {
        // sha256 of `[[],[]]`.
        let expected = hex(&Sha256::digest(b"[[],[]]"));
        assert_eq!(hash_req(&[], &[]), format!("sha256:{expected}"));
    }

    #[test]
    fn html_characters_are_escaped_as_go_does() {
        let mut text = String::new();
        push_dependency(&mut text, &dep("a<b", "", "https://x/?a&b"));
        assert_eq!(
            text,
            r#"{"name":"a\u003cb","repository":"https://x/?a\u0026b"}"#
        );
    }
}
