//! Reading rendered manifests and CRD files as Helm's linter does: apimachinery's
//! `YAMLOrJSONDecoder` over the text, each document decoded by sigs.k8s.io/yaml into a small
//! struct of `apiVersion`, `kind` and `metadata.{name,namespace}`.

use rudder_value::{Map, Value};

/// What the rules read of one document (Helm's `k8sYamlStruct`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Head {
    pub(crate) api_version: String,
    pub(crate) kind: String,
    pub(crate) name: String,
}

/// Splits `text` into documents and decodes each: `Ok(None)` for an empty (null) document,
/// `Err` with the decoder's text for a broken one (and nothing after it: Helm stops there).
pub(crate) fn decode_documents(text: &str) -> Vec<Result<Option<Head>, String>> {
    let mut out = Vec::new();
    // A stream that starts with `{` may be JSON: a sequence of objects. When it is not
    // exactly that, the decoder falls back to YAML, whose flow syntax reads JSON too.
    let chunks = if text.trim_start().starts_with('{') {
        json_objects(text).map_or_else(
            || split_yaml(text),
            |objs| objs.into_iter().map(Ok).collect(),
        )
    } else {
        split_yaml(text)
    };
    for chunk in chunks {
        let decoded = chunk.and_then(|c| decode(&c));
        let failed = decoded.is_err();
        out.push(decoded);
        if failed {
            break;
        }
    }
    out
}

/// The top-level JSON objects of a stream, when it is nothing but well-formed objects.
fn json_objects(text: &str) -> Option<Vec<String>> {
    let mut objects = Vec::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i].is_ascii_whitespace() {
            i += 1;
            continue;
        }
        if bytes[i] != b'{' {
            return None;
        }
        let start = i;
        let (mut depth, mut in_string, mut escaped) = (0usize, false, false);
        while i < bytes.len() {
            let b = bytes[i];
            i += 1;
            if in_string {
                match (escaped, b) {
                    (true, _) => escaped = false,
                    (false, b'\\') => escaped = true,
                    (false, b'"') => in_string = false,
                    _ => {}
                }
                continue;
            }
            match b {
                b'"' => in_string = true,
                b'{' | b'[' => depth += 1,
                b'}' | b']' => {
                    depth = depth.checked_sub(1)?;
                    if depth == 0 {
                        break;
                    }
                }
                _ => {}
            }
        }
        if depth != 0 {
            return None;
        }
        let object = &text[start..i];
        rudder_yaml::from_json(object, rudder_yaml::JsonTarget::Map).ok()?;
        objects.push(object.to_owned());
    }
    Some(objects)
}

/// apimachinery's `YAMLReader`: a line starting with `---` ends a document; only spaces and a
/// comment may follow the dashes (anything else is an error, reported when reached). Empty
/// documents before a separator are skipped.
fn split_yaml(text: &str) -> Vec<Result<String, String>> {
    let mut docs = Vec::new();
    let mut buf = String::new();
    for line in text.split_inclusive('\n') {
        if let Some(after) = line.strip_prefix("---") {
            let trimmed = after.trim();
            if !trimmed.is_empty() && !trimmed.starts_with('#') {
                docs.push(Err(format!("invalid Yaml document separator: {trimmed}")));
                return docs;
            }
            if !buf.is_empty() {
                docs.push(Ok(std::mem::take(&mut buf)));
            }
            continue;
        }
        buf.push_str(line);
    }
    if !buf.is_empty() {
        docs.push(Ok(buf));
    }
    docs
}

fn decode(chunk: &str) -> Result<Option<Head>, String> {
    let value = rudder_yaml::from_yaml_typed(chunk).map_err(|e| e.to_string())?;
    let map = match value {
        Value::Nil => return Ok(None),
        Value::Map(m) => m,
        other => {
            return Err(format!(
                "error unmarshaling JSON: while decoding JSON: json: cannot unmarshal {} into Go value of type rules.k8sYamlStruct",
                json_kind(&other)
            ));
        }
    };
    let entries = map.entries();
    let api_version = string_field(&entries, "apiVersion", "k8sYamlStruct.apiVersion")?;
    let kind = string_field(&entries, "kind", "k8sYamlStruct.Kind")?;
    let name = match field(&entries, "metadata") {
        None | Some(Value::Nil) => String::new(),
        Some(Value::Map(m)) => {
            let e = m.entries();
            string_field(&e, "namespace", "k8sYamlMetadata.Metadata.Namespace")?;
            string_field(&e, "name", "k8sYamlMetadata.Metadata.Name")?
        }
        Some(other) => {
            return Err(format!(
                "error unmarshaling JSON: while decoding JSON: json: cannot unmarshal {} into Go struct field k8sYamlStruct.Metadata of type rules.k8sYamlMetadata",
                json_kind(other)
            ));
        }
    };
    Ok(Some(Head {
        api_version,
        kind,
        name,
    }))
}

/// The first document of a rendered file as a map, for rules that read more than the head.
pub(crate) fn first_document(text: &str) -> Result<Option<Map>, String> {
    match rudder_yaml::from_yaml(text).map_err(|e| e.to_string())? {
        Value::Map(m) => Ok(Some(m)),
        _ => Ok(None),
    }
}

fn field<'a>(entries: &'a [(String, Value)], name: &str) -> Option<&'a Value> {
    entries
        .iter()
        .find(|(k, _)| k == name)
        .or_else(|| entries.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)))
        .map(|(_, v)| v)
}

fn string_field(entries: &[(String, Value)], name: &str, go_path: &str) -> Result<String, String> {
    match field(entries, name) {
        None | Some(Value::Nil) => Ok(String::new()),
        Some(v) => rudder_yaml::go_string_field(v).ok_or_else(|| {
            format!(
                "error unmarshaling JSON: while decoding JSON: json: cannot unmarshal {} into Go struct field {go_path} of type string",
                json_kind(v)
            )
        }),
    }
}

fn json_kind(v: &Value) -> &'static str {
    match v {
        Value::Nil => "null",
        Value::Bool(_) => "bool",
        Value::Int(_) | Value::Int64(_) | Value::Uint(_) | Value::Float(_) => "number",
        Value::String(_) | Value::Bytes(_) => "string",
        Value::List(_) => "array",
        Value::Map(_) | Value::Object(_) => "object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn separators_split_and_empty_documents_are_skipped() {
        let docs = split_yaml("---\na: 1\n--- # c\n---\nb: 2\n---x: 3\n");
        assert_eq!(
            docs,
            // The bad separator fails at once: the document before it is never decoded.
            vec![
                Ok("a: 1\n".to_owned()),
                Err("invalid Yaml document separator: x: 3".to_owned())
            ]
        );
    }

    #[test]
    fn heads_are_read_case_insensitively() {
        let docs = decode_documents("apiVersion: v1\nKind: Pod\nmetadata:\n  name: 5\n");
        assert_eq!(
            docs,
            vec![Ok(Some(Head {
                api_version: "v1".to_owned(),
                kind: "Pod".to_owned(),
                name: "5".to_owned(),
            }))]
        );
    }
}
