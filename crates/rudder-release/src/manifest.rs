//! Splitting rendered templates into documents and sorting them as Helm does
//! (`pkg/release/v1/util/manifest.go`, `manifest_sorter.go`).

use std::collections::BTreeMap;
use std::sync::LazyLock;

use regex::Regex;
use rudder_value::{Map, Value};

use crate::hook::{
    HOOK_ANNOTATION, HOOK_DELETE_ANNOTATION, HOOK_OUTPUT_LOG_ANNOTATION, HOOK_WEIGHT_ANNOTATION,
    Hook, HookDeletePolicy, HookEvent, HookOutputLogPolicy,
};
use crate::kind::KindOrder;
use crate::{Error, Result};

/// The head of a manifest: what Helm reads of every document before sorting it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SimpleHead {
    /// `apiVersion`
    pub api_version: String,
    /// `kind`
    pub kind: String,
    /// `metadata.name`
    pub name: String,
    /// `metadata.annotations`, when the document has a `metadata` map.
    pub annotations: Option<BTreeMap<String, String>>,
}

/// One non-hook document of a rendered chart.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Manifest {
    /// The template that produced it (`chart/templates/x.yaml`).
    pub name: String,
    /// The document's text.
    pub content: String,
    /// What Helm read of it.
    pub head: SimpleHead,
}

/// The result of [`sort_manifests`].
#[derive(Clone, Debug, Default)]
pub struct Sorted {
    /// Hooks, sorted by kind.
    pub hooks: Vec<Hook>,
    /// Other documents, sorted by kind.
    pub manifests: Vec<Manifest>,
}

// Go's `\s` is ASCII-only ([\t\n\f\r ]), unlike the regex crate's Unicode `\s`.
static SEPARATOR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[\t\n\x0C\r ]*\n)---[\t\n\x0C\r ]*").expect("the separator pattern is valid")
});

/// Splits a rendered file into its YAML documents, as Helm's `SplitManifests`: at every `---`
/// that starts the text or a line (and eats the whitespace around it), dropping empty pieces
/// and leading whitespace. Note that, like Helm, `---apiVersion: v1` also splits.
pub fn split_manifests(big_file: &str) -> Vec<String> {
    let trimmed = big_file.trim_start();
    SEPARATOR
        .split(trimmed)
        .filter(|d| !d.is_empty())
        .map(|d| d.trim_start().to_owned())
        .collect()
}

/// Splits every rendered file into documents, separates hooks from plain manifests, and sorts
/// both by kind in `ordering` (stable: files in path order, documents in file order), exactly as
/// Helm's `SortManifests`. Partials (`_*.tpl`) and blank files are skipped, as are hooks with an
/// unknown event.
pub fn sort_manifests(
    files: &BTreeMap<String, String>,
    ordering: &[&'static str],
) -> Result<Sorted> {
    sort_manifests_with(files, ordering, &|_, _, _| None)
}

/// What [`sort_manifests_with`] asks before reading a head itself: the head of document
/// `index` (counting from 0) of file `path`, if it was already read from exactly `doc`.
pub type KnownHead<'a> = dyn Fn(&str, usize, &str) -> Option<Result<SimpleHead>> + Sync + 'a;

/// [`sort_manifests`], taking the heads `known` has already read (of the same text, so with
/// the same outcome) instead of reading them again.
pub fn sort_manifests_with(
    files: &BTreeMap<String, String>,
    ordering: &[&'static str],
    known: &KnownHead<'_>,
) -> Result<Sorted> {
    let mut docs = Vec::new();
    for (path, content) in files {
        let base = path.rsplit('/').next().unwrap_or(path);
        if base.starts_with('_') || content.trim().is_empty() {
            continue;
        }
        docs.extend(
            split_manifests(content)
                .into_iter()
                .enumerate()
                .map(|(index, doc)| (path, index, doc)),
        );
    }
    // Reading the heads is most of the work and each document is read on its own, so those
    // not known yet are read on all cores (no other thread when every head is known); the
    // first failure in file order is still the one reported.
    let mut heads: Vec<Option<Result<SimpleHead>>> = docs
        .iter()
        .map(|(path, index, doc)| known(path, *index, doc))
        .collect();
    let missing: Vec<usize> = (0..docs.len()).filter(|&i| heads[i].is_none()).collect();
    let read = rudder_cores::map(&missing, rudder_cores::Spread::default(), |&i| {
        let (path, _, doc) = &docs[i];
        parse_head(path, doc)
    });
    for (i, head) in missing.into_iter().zip(read) {
        heads[i] = Some(head);
    }
    let mut sorted = Sorted::default();
    for ((path, _, doc), head) in docs.into_iter().zip(heads) {
        // Every slot was filled above; reading it here again is a fallback that never runs.
        let head = head.unwrap_or_else(|| parse_head(path, &doc))?;
        let hook_types = head
            .annotations
            .as_ref()
            .and_then(|a| a.get(HOOK_ANNOTATION).cloned());
        let Some(hook_types) = hook_types else {
            sorted.manifests.push(Manifest {
                name: path.clone(),
                content: doc,
                head,
            });
            continue;
        };
        if let Some(hook) = make_hook(path, doc, &head, &hook_types) {
            sorted.hooks.push(hook);
        }
    }
    let order = KindOrder::new(ordering);
    sorted.hooks.sort_by(|a, b| order.compare(&a.kind, &b.kind));
    sorted
        .manifests
        .sort_by(|a, b| order.compare(&a.head.kind, &b.head.kind));
    Ok(sorted)
}

fn make_hook(path: &str, manifest: String, head: &SimpleHead, hook_types: &str) -> Option<Hook> {
    let annotations = head.annotations.as_ref()?;
    let mut events = Vec::new();
    for hook_type in hook_types.split(',') {
        // An unknown event makes Helm skip the whole resource (it only logs it).
        events.push(HookEvent::parse(&hook_type.trim().to_lowercase())?);
    }
    let list = |name: &str| -> Vec<String> {
        annotations
            .get(name)
            .map(|v| v.split(',').map(|p| p.trim().to_lowercase()).collect())
            .unwrap_or_default()
    };
    Some(Hook {
        name: head.name.clone(),
        kind: head.kind.clone(),
        path: path.to_owned(),
        manifest,
        events,
        weight: annotations
            .get(HOOK_WEIGHT_ANNOTATION)
            .and_then(|w| w.parse().ok())
            .unwrap_or(0),
        delete_policies: list(HOOK_DELETE_ANNOTATION)
            .into_iter()
            .map(HookDeletePolicy)
            .collect(),
        output_log_policies: list(HOOK_OUTPUT_LOG_ANNOTATION)
            .into_iter()
            .map(HookOutputLogPolicy)
            .collect(),
        last_run: crate::hook::HookExecution::default(),
    })
}

/// Reads a document's head as Helm does (through sigs.k8s.io/yaml into `SimpleHead`). Only the
/// head's fields are built ([`rudder_yaml::from_yaml_head`]); the result and errors are
/// [`parse_head_full`]'s.
pub fn parse_head(path: &str, doc: &str) -> Result<SimpleHead> {
    head_of(path, rudder_yaml::from_yaml_head(doc))
}

/// [`parse_head`] from the whole document as [`rudder_yaml::from_yaml`] reads it: the
/// reference the head-only reading is tested against.
pub fn parse_head_full(path: &str, doc: &str) -> Result<SimpleHead> {
    head_of(path, rudder_yaml::from_yaml(doc))
}

fn head_of(path: &str, value: rudder_yaml::Result<Value>) -> Result<SimpleHead> {
    let fail = |message: String| Error::ManifestParse {
        path: path.to_owned(),
        message,
    };
    let value = value.map_err(|e| fail(e.to_string()))?;
    let mut head = SimpleHead::default();
    let map = match value {
        Value::Nil => return Ok(head),
        Value::Map(m) => m,
        other => {
            return Err(fail(format!(
                "error unmarshaling JSON: while decoding JSON: json: cannot unmarshal {} into Go value of type util.SimpleHead",
                json_type(&other)
            )));
        }
    };
    let field = |m: &Map, key: &str, go_path: &str| -> Result<String> {
        match m.get(key) {
            None | Some(Value::Nil) => Ok(String::new()),
            Some(Value::String(s)) => Ok(s.to_string()),
            Some(other) => Err(fail(format!(
                "error unmarshaling JSON: while decoding JSON: json: cannot unmarshal {} into Go struct field {go_path} of type string",
                json_type(&other)
            ))),
        }
    };
    head.api_version = field(&map, "apiVersion", "SimpleHead.apiVersion")?;
    head.kind = field(&map, "kind", "SimpleHead.kind")?;
    match map.get("metadata") {
        None | Some(Value::Nil) => {}
        Some(Value::Map(meta)) => {
            head.name = field(&meta, "name", "SimpleHead.metadata.name")?;
            let mut annotations = BTreeMap::new();
            match meta.get("annotations") {
                None | Some(Value::Nil) => {}
                Some(Value::Map(a)) => {
                    for (k, _) in a.entries() {
                        annotations
                            .insert(k.clone(), field(&a, &k, "SimpleHead.metadata.annotations")?);
                    }
                }
                Some(other) => {
                    return Err(fail(format!(
                        "error unmarshaling JSON: while decoding JSON: json: cannot unmarshal {} into Go struct field SimpleHead.metadata.annotations of type map[string]string",
                        json_type(&other)
                    )));
                }
            }
            head.annotations = Some(annotations);
        }
        Some(other) => {
            return Err(fail(format!(
                "error unmarshaling JSON: while decoding JSON: json: cannot unmarshal {} into Go struct field SimpleHead.metadata of type struct {{ Name string \"json:\\\"name\\\"\"; Annotations map[string]string \"json:\\\"annotations\\\"\" }}",
                json_type(&other)
            )));
        }
    }
    Ok(head)
}

/// The JSON type name Go's encoding/json uses in its unmarshal errors.
fn json_type(v: &Value) -> &'static str {
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
    use crate::kind::INSTALL_ORDER;

    #[test]
    fn split_at_line_starting_separators() {
        let docs = split_manifests("\n\n---\na: 1\n---\nb: 2\n  \n---   \n\nc: 3\n");
        assert_eq!(docs, ["a: 1", "b: 2", "c: 3\n"]);
    }

    #[test]
    fn split_also_cuts_glued_separators() {
        assert_eq!(split_manifests("a: 1\n---b: 2"), ["a: 1", "b: 2"]);
    }

    #[test]
    fn split_keeps_dashes_inside_lines() {
        assert_eq!(split_manifests("a: x---y\n"), ["a: x---y\n"]);
    }

    #[test]
    fn hooks_are_separated_and_weighted() {
        let mut files = BTreeMap::new();
        files.insert(
            "c/templates/job.yaml".to_owned(),
            "kind: Job\nmetadata:\n  name: j\n  annotations:\n    helm.sh/hook: pre-install, Post-Upgrade\n    helm.sh/hook-weight: \"-5\"\n    helm.sh/hook-delete-policy: before-hook-creation,hook-succeeded\n".to_owned(),
        );
        files.insert(
            "c/templates/_helpers.tpl".to_owned(),
            "kind: Ignored\n".to_owned(),
        );
        files.insert(
            "c/templates/odd.yaml".to_owned(),
            "kind: Pod\nmetadata:\n  name: p\n  annotations:\n    helm.sh/hook: sometime\n"
                .to_owned(),
        );
        let sorted = sort_manifests(&files, INSTALL_ORDER).unwrap();
        assert!(sorted.manifests.is_empty());
        assert_eq!(sorted.hooks.len(), 1);
        let hook = &sorted.hooks[0];
        assert_eq!(hook.events, [HookEvent::PreInstall, HookEvent::PostUpgrade]);
        assert_eq!(hook.weight, -5);
        assert_eq!(
            hook.delete_policies,
            [
                HookDeletePolicy("before-hook-creation".into()),
                HookDeletePolicy("hook-succeeded".into())
            ]
        );
    }

    #[test]
    fn sort_is_stable_within_a_kind() {
        let mut files = BTreeMap::new();
        files.insert(
            "c/templates/a.yaml".to_owned(),
            "kind: Service\nmetadata:\n  name: s1\n---\nkind: Deployment\nmetadata:\n  name: d\n---\nkind: Service\nmetadata:\n  name: s2\n".to_owned(),
        );
        files.insert(
            "c/templates/b.yaml".to_owned(),
            "kind: Service\nmetadata:\n  name: s3\n".to_owned(),
        );
        let sorted = sort_manifests(&files, INSTALL_ORDER).unwrap();
        let names: Vec<_> = sorted
            .manifests
            .iter()
            .map(|m| m.head.name.as_str())
            .collect();
        assert_eq!(names, ["s1", "s2", "s3", "d"]);
    }

    #[test]
    fn wrong_head_types_fail_with_the_template_path() {
        let err = parse_head("c/templates/x.yaml", "kind: 3\n").unwrap_err();
        assert!(
            err.to_string()
                .starts_with("YAML parse error on c/templates/x.yaml: ")
        );
    }
}
