//! Post-rendering: the rendered files go to an external program as one YAML stream and come
//! back split by file, as helm/helm `pkg/action/action.go` (`annotateAndMerge`,
//! `splitAndDeannotate`) does with its default "combined" strategy.
//!
//! Helm tags every document with the annotation [`FILENAME_ANNOTATION`] before the program
//! runs and groups the program's output by it afterwards. Helm does both through kyaml
//! (`kio.ParseAll`, `kio.StringAll`), which re-serialises each document with go-yaml v3: key
//! order, scalar styles and comments are kept, but indentation becomes two spaces, sequences
//! are not indented under their key (`CompactSeqIndent`), lines are not folded, and empty
//! `metadata.annotations` and `metadata` maps are dropped (`ClearEmptyAnnotations`).
//!
//! Rudder edits the annotation into the document's text instead, moves indented sequences to
//! their key's column and ends each document with one line break, leaving the rest as
//! written (every edit is checked to read back to the same data). What remains different
//! from Helm: indentation other than two spaces per level is kept, scalars keep their exact
//! spelling (go-yaml v3 may re-quote or re-fold them), and comments keep their place. None
//! of this could be checked against Helm: the oracle does not expose post-rendering. When
//! the text cannot be edited safely (flow-style metadata, say) the document is written afresh
//! from its data, with sorted keys. As in kyaml, a `kind: List` (or `ResourceList`) document
//! that is alone in its input is unwrapped into its items (written from their data).

use std::collections::BTreeMap;
use std::fmt::Write as _;

use rudder_release::manifest::split_manifests;
use rudder_value::{Map, Value};

/// The annotation that carries a document's template path through the post-renderer.
pub const FILENAME_ANNOTATION: &str = "postrenderer.helm.sh/postrender-filename";

/// An external step that rewrites the rendered manifests (`--post-renderer`).
///
/// Contract: `run` gets every rendered document as one YAML stream and returns the stream
/// to use instead. `Err` carries the message Helm would print after
/// `error while running post render on files: `.
pub trait PostRenderer: Send + Sync {
    /// Runs the post-renderer over `manifests`.
    fn run(&self, manifests: &str) -> Result<String, String>;
}

/// Helm's `annotateAndMerge`: every non-blank document of every non-partial file, files in
/// path order and documents in file order, tagged with its file's path, joined by `---`.
pub fn annotate_and_merge(files: &BTreeMap<String, String>) -> Result<String, String> {
    let mut out = String::new();
    for (path, content) in files {
        let base = path.rsplit('/').next().unwrap_or(path);
        if base.starts_with('_') || content.trim().is_empty() {
            continue;
        }
        for doc in split_manifests(content) {
            if doc.trim().is_empty() {
                continue;
            }
            let value = rudder_yaml::from_yaml(&doc).map_err(|e| format!("parsing {path}: {e}"))?;
            let mut annotated = Vec::new();
            match value {
                // A document of comments only: kyaml drops it.
                Value::Nil => continue,
                Value::Map(map) => match list_items(&map) {
                    Some(items) => {
                        for item in items {
                            let text = rudder_yaml::to_yaml(&Value::Map(item.clone()))
                                .map_err(|e| format!("parsing {path}: {e}"))?;
                            annotated.push(
                                annotate(&text, &item, path)
                                    .map_err(|e| format!("annotating {path}: {e}"))?,
                            );
                        }
                    }
                    None => annotated.push(
                        annotate(&doc, &map, path)
                            .map_err(|e| format!("annotating {path}: {e}"))?,
                    ),
                },
                _ => return Err(format!("annotating {path}: wrong node kind")),
            }
            for text in annotated {
                let text = compact_sequences(&text);
                if !out.is_empty() {
                    out.push_str("---\n");
                }
                out.push_str(&text);
                if !out.ends_with('\n') {
                    out.push('\n');
                }
            }
        }
    }
    Ok(out)
}

/// Helm's `splitAndDeannotate`: the post-renderer's stream grouped by the filename annotation
/// (documents without it become `generated-by-postrender-INDEX.yaml`), the annotation removed.
pub fn split_and_deannotate(stream: &str) -> Result<BTreeMap<String, String>, String> {
    let mut files: BTreeMap<String, String> = BTreeMap::new();
    let mut docs = Vec::new();
    let split = split_manifests(stream);
    let single = split.len() == 1;
    for doc in split {
        let value = rudder_yaml::from_yaml(&doc).map_err(|e| format!("error parsing YAML: {e}"))?;
        let map = match value {
            Value::Nil => continue,
            Value::Map(map) => map,
            _ => return Err("getting metadata: wrong node kind".to_owned()),
        };
        match list_items(&map) {
            Some(items) if single => {
                for item in items {
                    let text = rudder_yaml::to_yaml(&Value::Map(item.clone()))
                        .map_err(|e| format!("error parsing YAML: {e}"))?;
                    docs.push((text, item));
                }
            }
            _ => docs.push((doc, map)),
        }
    }
    for (index, (doc, map)) in docs.into_iter().enumerate() {
        let name = annotations(&map)
            .and_then(|a| a.get(FILENAME_ANNOTATION))
            .and_then(|v| v.as_str().map(str::to_owned))
            .filter(|s| !s.is_empty())
            .unwrap_or_else(|| format!("generated-by-postrender-{index}.yaml"));
        let text = compact_sequences(&deannotate(&doc, &map)?);
        let entry = files.entry(name).or_default();
        if !entry.is_empty() {
            entry.push_str("---\n");
        }
        entry.push_str(&text);
        if !entry.ends_with('\n') {
            entry.push('\n');
        }
    }
    Ok(files)
}

/// The objects of a `kind: List` (or `ResourceList`) document, which kyaml's reader unwraps
/// when the document is alone in its input (`kio.ByteReader`).
fn list_items(map: &Map) -> Option<Vec<Map>> {
    let kind = map.get("kind")?;
    if !matches!(kind.as_str(), Some("List" | "ResourceList")) {
        return None;
    }
    match map.get("items") {
        Some(Value::List(items)) => Some(
            items
                .iter()
                .filter_map(|i| match i {
                    Value::Map(m) => Some(m.clone()),
                    _ => None,
                })
                .collect(),
        ),
        Some(Value::Nil) | None => map.get("functionConfig").map(|_| Vec::new()),
        Some(_) => None,
    }
}

fn annotations(map: &Map) -> Option<Map> {
    match map.get("metadata") {
        Some(Value::Map(meta)) => match meta.get("annotations") {
            Some(Value::Map(a)) => Some(a),
            _ => None,
        },
        _ => None,
    }
}

/// The document with the annotation added, edited in place when its layout allows.
fn annotate(doc: &str, map: &Map, path: &str) -> Result<String, String> {
    if let Some(text) = annotate_text(doc, path) {
        let check = rudder_yaml::from_yaml(&text).ok();
        let found = check
            .as_ref()
            .and_then(Value::as_map)
            .and_then(annotations)
            .and_then(|a| a.get(FILENAME_ANNOTATION))
            .and_then(|v| v.as_str().map(str::to_owned));
        if found.as_deref() == Some(path) {
            return Ok(text);
        }
    }
    let copy = map.deep_copy();
    let meta = match copy.get("metadata") {
        Some(Value::Map(m)) => m,
        None | Some(Value::Nil) => {
            let m = Map::new();
            copy.insert("metadata", Value::Map(m.clone()));
            m
        }
        Some(_) => return Err("wrong node kind for metadata".to_owned()),
    };
    let notes = match meta.get("annotations") {
        Some(Value::Map(a)) => a,
        None | Some(Value::Nil) => {
            let a = Map::new();
            meta.insert("annotations", Value::Map(a.clone()));
            a
        }
        Some(_) => return Err("wrong node kind for metadata.annotations".to_owned()),
    };
    notes.insert(FILENAME_ANNOTATION, Value::from(path));
    rudder_yaml::to_yaml(&Value::Map(copy)).map_err(|e| e.to_string())
}

/// kyaml writes block sequences without indenting them under their key (`CompactSeqIndent`)
/// and ends a document with one line break:
/// `key:\n- a` rather than `key:\n  - a`. This moves every indented sequence left to its
/// key's column, comments and blank lines included. A layout it does not understand (a
/// scalar continued on a less indented line, say) leaves the document as it was: the result
/// must read back to the same data.
fn compact_sequences(doc: &str) -> String {
    let mut lines: Vec<String> = doc.lines().map(str::to_owned).collect();
    let mut from = 0;
    while let Some((key, end, shift)) = indented_sequence(&lines, from) {
        for line in &mut lines[key + 1..end] {
            let n = indent_of(line).min(shift);
            line.replace_range(..n, "");
        }
        from = key + 1;
    }
    // kyaml ends every document with exactly one line break.
    let mut text = lines.join("\n").trim_end().to_owned();
    text.push('\n');
    let same = |a: &str, b: &str| {
        let read = |t: &str| {
            rudder_yaml::from_yaml(t)
                .ok()
                .and_then(|v| rudder_yaml::to_json(&v, &rudder_yaml::JsonOptions::marshal()).ok())
        };
        let (a, b) = (read(a), read(b));
        a.is_some() && a == b
    };
    if same(doc, &text) {
        text
    } else {
        format!("{}\n", doc.trim_end())
    }
}

/// The first `key:` at or after line `from` whose value is a block sequence indented under
/// it: the key's line, the end (exclusive) of the sequence's lines, and the extra indentation.
fn indented_sequence(lines: &[String], from: usize) -> Option<(usize, usize, usize)> {
    for i in from..lines.len() {
        let line = &lines[i];
        let k = indent_of(line);
        let body = line[k..].trim_end();
        let is_key = is_content(line)
            && !body.starts_with('-')
            && (body.ends_with(':') || body.contains(": #") || body.contains(":\t#"))
            && !body.contains(": |")
            && !body.contains(": >");
        if !is_key {
            continue;
        }
        let j = (i + 1..lines.len()).find(|&j| is_content(&lines[j]))?;
        let d = indent_of(&lines[j]);
        let next = &lines[j][d..];
        if d <= k || !(next == "-" || next.starts_with("- ")) {
            continue;
        }
        // The sequence runs until a content line indented less than its dashes; trailing
        // blank lines and comments stay where they are.
        let mut end = j;
        while end < lines.len() && (!is_content(&lines[end]) || indent_of(&lines[end]) >= d) {
            end += 1;
        }
        while end > j && !is_content(&lines[end - 1]) {
            end -= 1;
        }
        return Some((i, end, d - k));
    }
    None
}

fn indent_of(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

fn is_content(line: &str) -> bool {
    let t = line.trim();
    !t.is_empty() && !t.starts_with('#')
}

/// The end (exclusive line index) of the block that starts after line `at` and is indented
/// more than `indent`, and that block's indentation.
fn block_after(lines: &[&str], at: usize, indent: usize) -> (usize, Option<usize>) {
    let mut end = at + 1;
    let mut child = None;
    let mut last_content = at + 1;
    while end < lines.len() {
        let line = lines[end];
        if is_content(line) {
            let i = indent_of(line);
            if i <= indent {
                break;
            }
            child.get_or_insert(i);
            last_content = end + 1;
        }
        end += 1;
    }
    (last_content, child)
}

/// Finds `key:` with nothing after it (a block value follows) at exactly `indent` among the
/// lines `from..to`.
fn find_key(lines: &[&str], from: usize, to: usize, indent: usize, key: &str) -> Option<usize> {
    (from..to).find(|&i| {
        let line = lines[i];
        indent_of(line) == indent
            && line[indent..]
                .strip_prefix(key)
                .and_then(|r| r.strip_prefix(':'))
                .is_some_and(|r| r.trim().is_empty() || r.trim_start().starts_with('#'))
    })
}

fn annotate_text(doc: &str, path: &str) -> Option<String> {
    let lines: Vec<&str> = doc.lines().collect();
    let entry = format!("{FILENAME_ANNOTATION}: {}", quote_if_needed(path));
    let mut out: Vec<String> = lines.iter().map(|l| (*l).to_owned()).collect();
    match find_key(&lines, 0, lines.len(), 0, "metadata") {
        None => {
            if lines.iter().any(|l| l.starts_with("metadata")) {
                return None;
            }
            out.push("metadata:".to_owned());
            out.push("  annotations:".to_owned());
            out.push(format!("    {entry}"));
        }
        Some(m) => {
            let (end, child) = block_after(&lines, m, 0);
            let child = child?;
            if let Some(a) = find_key(&lines, m + 1, end, child, "annotations") {
                let (a_end, grandchild) = block_after(&lines, a, child);
                let grandchild = grandchild?;
                out.insert(a_end, format!("{}{entry}", " ".repeat(grandchild)));
            } else {
                out.insert(end, format!("{}{entry}", " ".repeat(child * 2)));
                out.insert(end, format!("{}annotations:", " ".repeat(child)));
            }
        }
    }
    let mut text = out.join("\n");
    text.push('\n');
    Some(text)
}

fn quote_if_needed(s: &str) -> String {
    let plain = rudder_yaml::from_yaml(&format!("k: {s}\n"))
        .ok()
        .and_then(|v| v.as_map().and_then(|m| m.get("k")))
        .and_then(|v| v.as_str().map(str::to_owned));
    if plain.as_deref() == Some(s) {
        s.to_owned()
    } else {
        rudder_value::strconv::quote(s)
    }
}

/// The document without the annotation; `metadata.annotations` and `metadata` go too when
/// nothing else is left in them, as kyaml's `ClearAnnotation` does.
fn deannotate(doc: &str, map: &Map) -> Result<String, String> {
    if annotations(map).is_none_or(|a| a.get(FILENAME_ANNOTATION).is_none()) {
        return Ok(doc.to_owned());
    }
    if let Some(text) = deannotate_text(doc) {
        let ok = rudder_yaml::from_yaml(&text).ok().is_some_and(|v| {
            let Some(m) = v.as_map() else { return false };
            let expected = map.deep_copy();
            strip(&expected);
            rudder_yaml::to_yaml(&Value::Map(m.clone())).ok()
                == rudder_yaml::to_yaml(&Value::Map(expected)).ok()
        });
        if ok {
            return Ok(text);
        }
    }
    let copy = map.deep_copy();
    strip(&copy);
    rudder_yaml::to_yaml(&Value::Map(copy)).map_err(|e| e.to_string())
}

fn strip(map: &Map) {
    if let Some(Value::Map(meta)) = map.get("metadata") {
        if let Some(Value::Map(a)) = meta.get("annotations") {
            a.remove(FILENAME_ANNOTATION);
            if a.is_empty() {
                meta.remove("annotations");
            }
        }
        if meta.is_empty() {
            map.remove("metadata");
        }
    }
}

fn deannotate_text(doc: &str) -> Option<String> {
    let mut lines: Vec<&str> = doc.lines().collect();
    let at = lines.iter().position(|l| {
        let t = l.trim_start().trim_start_matches(['"', '\'']);
        t.starts_with(FILENAME_ANNOTATION)
    })?;
    let indent = indent_of(lines[at]);
    lines.remove(at);
    // Drop parents left without children: `annotations:` then `metadata:`.
    let mut child_indent = indent;
    let mut cursor = at;
    for key in ["annotations", "metadata"] {
        let parent = (0..cursor)
            .rev()
            .find(|&i| is_content(lines[i]) && indent_of(lines[i]) < child_indent)?;
        if !lines[parent].trim_start().starts_with(key) {
            break;
        }
        let p_indent = indent_of(lines[parent]);
        let has_child = lines[parent + 1..]
            .iter()
            .take_while(|l| !is_content(l) || indent_of(l) > p_indent)
            .any(|l| is_content(l));
        if has_child {
            break;
        }
        lines.remove(parent);
        child_indent = p_indent;
        cursor = parent;
    }
    let mut text = String::new();
    for l in lines {
        let _ = writeln!(text, "{l}");
    }
    Some(text)
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::{annotate_and_merge, split_and_deannotate};

    fn files(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    #[test]
    fn merge_tags_every_document_and_split_restores_it() {
        let input = files(&[
            (
                "c/templates/a.yaml",
                "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  annotations:\n    x: y\ndata:\n  k: v\n---\nkind: Secret\n",
            ),
            ("c/templates/_helpers.tpl", "ignored: true\n"),
            (
                "c/templates/b.yaml",
                "kind: Service\nmetadata:\n  name: b\n",
            ),
        ]);
        let merged = annotate_and_merge(&input).unwrap();
        assert_eq!(
            merged,
            "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  annotations:\n    x: y\n    postrenderer.helm.sh/postrender-filename: c/templates/a.yaml\ndata:\n  k: v\n---\nkind: Secret\nmetadata:\n  annotations:\n    postrenderer.helm.sh/postrender-filename: c/templates/a.yaml\n---\nkind: Service\nmetadata:\n  name: b\n  annotations:\n    postrenderer.helm.sh/postrender-filename: c/templates/b.yaml\n"
        );
        let back = split_and_deannotate(&format!("{merged}---\nkind: Extra\n")).unwrap();
        assert_eq!(
            back["c/templates/a.yaml"],
            "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  annotations:\n    x: y\ndata:\n  k: v\n---\nkind: Secret\n"
        );
        assert_eq!(
            back["c/templates/b.yaml"],
            "kind: Service\nmetadata:\n  name: b\n"
        );
        assert_eq!(back["generated-by-postrender-3.yaml"], "kind: Extra\n");
    }

    #[test]
    fn a_lone_list_is_unwrapped_into_its_items() {
        let input = files(&[(
            "c/templates/list.yaml",
            "apiVersion: v1\nkind: List\nitems:\n  - kind: A\n    metadata:\n      name: a\n  - kind: B\n",
        )]);
        let merged = annotate_and_merge(&input).unwrap();
        assert_eq!(
            merged,
            "kind: A\nmetadata:\n  name: a\n  annotations:\n    postrenderer.helm.sh/postrender-filename: c/templates/list.yaml\n---\nkind: B\nmetadata:\n  annotations:\n    postrenderer.helm.sh/postrender-filename: c/templates/list.yaml\n"
        );
        let back = split_and_deannotate(&merged).unwrap();
        assert_eq!(
            back["c/templates/list.yaml"],
            "kind: A\nmetadata:\n  name: a\n---\nkind: B\n"
        );
    }

    #[test]
    fn sequences_are_not_indented_under_their_key() {
        let doc = "spec:\n  ports:\n    - port: 80\n      # the web\n      name: web\n    - port: 443\n  x: |\n    - not a list\n  list:\n    - - a\n      - b\n";
        assert_eq!(
            super::compact_sequences(doc),
            "spec:\n  ports:\n  - port: 80\n    # the web\n    name: web\n  - port: 443\n  x: |\n    - not a list\n  list:\n  - - a\n    - b\n"
        );
        // A quoted scalar continued on a less indented line: the data stays the same.
        let odd = "k:\n    - \"a\n  b\"\n";
        let read = |t: &str| format!("{:?}", rudder_yaml::from_yaml(t).unwrap());
        assert_eq!(read(&super::compact_sequences(odd)), read(odd));
    }

    #[test]
    fn flow_metadata_is_rewritten_from_data() {
        let input = files(&[("c/templates/a.yaml", "kind: A\nmetadata: {name: a}\n")]);
        let merged = annotate_and_merge(&input).unwrap();
        assert!(merged.contains("postrenderer.helm.sh/postrender-filename: c/templates/a.yaml"));
        let back = split_and_deannotate(&merged).unwrap();
        assert_eq!(
            back["c/templates/a.yaml"],
            "kind: A\nmetadata:\n  name: a\n"
        );
    }
}
