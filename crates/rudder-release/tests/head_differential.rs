//! `parse_head` (head-only reading) against `parse_head_full` (the whole document decoded):
//! the same head or the same error for every YAML document found in the repository and the
//! conformance corpus, for their documents one by one, for damaged copies of them, and for
//! generated documents with anchors, aliases, merge keys, tags, odd keys and odd heads.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use rudder_release::manifest::{parse_head, parse_head_full, split_manifests};

fn check(doc: &str) -> bool {
    let fast = parse_head("c/templates/x.yaml", doc);
    let full = parse_head_full("c/templates/x.yaml", doc);
    let (fast, full) = (format!("{fast:?}"), format!("{full:?}"));
    assert_eq!(fast, full, "head of {doc:?}");
    full.starts_with("Ok")
}

fn yaml_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = fs_err::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            if !path.ends_with("target") && !path.ends_with(".git") {
                yaml_files(&path, out);
            }
        } else if path.extension().is_some_and(|e| e == "yaml" || e == "yml") {
            out.push(path);
        }
    }
}

/// Copies of a document with damage and variations: cut at a few places, CRLF line breaks,
/// tabs for indentation, a final line break taken away.
fn variants(doc: &str) -> Vec<String> {
    let mut out = Vec::new();
    for n in [1, 2, 3, 5, 7] {
        let mut cut = doc.len() * n / 8;
        while !doc.is_char_boundary(cut) {
            cut -= 1;
        }
        out.push(doc[..cut].to_owned());
    }
    out.push(doc.replace('\n', "\r\n"));
    out.push(doc.replacen("  ", "\t", 1));
    out.push(doc.trim_end().to_owned());
    out.push(doc.replacen(": ", ":", 1));
    out.push(doc.replacen(':', ": &a", 1));
    out
}

#[test]
fn head_reading_agrees_with_the_full_decode_on_every_file() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut files = Vec::new();
    yaml_files(&root.join("crates"), &mut files);
    yaml_files(&root.join("testdata"), &mut files);
    yaml_files(Path::new("/work/shared/conformance"), &mut files);
    files.sort();
    let (mut docs, mut ok) = (0, 0);
    for file in &files {
        let Ok(text) = fs_err::read_to_string(file) else {
            continue;
        };
        let mut all = vec![text.clone()];
        all.extend(split_manifests(&text));
        for doc in &all {
            docs += 1;
            ok += usize::from(check(doc));
            // Damaged copies of the smaller documents (the large ones take long in debug).
            if doc.len() < 20_000 {
                for v in variants(doc) {
                    docs += 1;
                    ok += usize::from(check(&v));
                }
            }
        }
    }
    assert!(
        docs > 1000 && ok > 100 || files.is_empty(),
        "{} files, {docs} documents, {ok} read",
        files.len()
    );
}

#[test]
fn head_reading_agrees_on_generated_documents() {
    let heads = [
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n",
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n  annotations:\n    helm.sh/hook: pre-install\n    helm.sh/hook-weight: \"5\"\n",
        "kind: Pod\nmetadata:\n  annotations:\n    a: 1\n",
        "kind: Pod\nmetadata:\n  annotations:\n    a: true\n",
        "kind: Pod\nmetadata:\n  annotations:\n    a: ~\n",
        "kind: Pod\nmetadata:\n  annotations:\n    b: x\n    a: [1]\n",
        "kind: Pod\nmetadata:\n  annotations:\n    a: {b: 1}\n    b: 2\n",
        "kind: Pod\nmetadata:\n  annotations: []\n",
        "kind: Pod\nmetadata:\n  annotations: x\n",
        "kind: Pod\nmetadata:\n  annotations: ~\n",
        "kind: Pod\nmetadata:\n  annotations:\n",
        "kind: Pod\nmetadata: []\n",
        "kind: Pod\nmetadata: 3\n",
        "kind: Pod\nmetadata: ~\n",
        "kind: Pod\nmetadata:\n",
        "kind: Pod\nmetadata: x\n",
        "kind: [Pod]\n",
        "kind: {a: b}\n",
        "kind: 3\n",
        "kind: 3.5\n",
        "kind: 0x10\n",
        "kind: 99999999999999999999\n",
        "kind: 18446744073709551615\n",
        "kind: yes\n",
        "kind: ~\n",
        "kind: 2001-12-14\n",
        "kind: .inf\n",
        "kind: -.Inf\n",
        "kind: .nan\n",
        "apiVersion: .nan\nkind: Pod\n",
        "kind: Pod\nspec:\n  x: .nan\n",
        "kind: Pod\nspec:\n  x: [1, .inf]\n",
        "kind: Pod\nspec:\n  .inf: 1\n",
        "kind: Pod\nspec:\n  1: 1\n",
        "kind: Pod\nspec:\n  ~: 1\n",
        "kind: Pod\nspec:\n  18446744073709551615: 1\n",
        "kind: Pod\nspec:\n  true: 1\n",
        "kind: Pod\nspec:\n  1.5: 1\n",
        "kind: Pod\nspec:\n  2001-12-14: 1\n",
        "kind: Pod\nspec:\n  ? [a]\n  : 1\n",
        "kind: Pod\nspec:\n  ? {a: 1}\n  : 1\n",
        "kind: Pod\n1: x\n",
        "kind: Pod\n~: x\n",
        "kind: Pod\n\"1\": x\n",
        "kind: Pod\n'<<': x\n",
        "metadata:\n  name: x\n  1: y\n",
        "metadata:\n  name: x\n  ~: y\n",
        "metadata:\n  annotations:\n    1: y\n",
        "metadata:\n  annotations:\n    true: y\n    a: 3\n",
        "base: &b {kind: Pod}\n<<: *b\n",
        "base: &b {kind: Pod}\nx: *b\nkind: Svc\n",
        "kind: &k Pod\napiVersion: *k\n",
        "metadata: &m {name: a}\nother: *m\n",
        "a: *nope\nkind: Pod\n",
        "a: &x [*x]\n",
        "kind: Pod\n<<: {apiVersion: v1}\n",
        "kind: Pod\n<<: [{apiVersion: v1}, {kind: X}]\n",
        "kind: Pod\n<<: 3\n",
        "kind: Pod\n<<: [3]\n",
        "kind: Pod\nspec:\n  <<: {a: 1}\n",
        "kind: Pod\nkind: Svc\n",
        "kind: Pod\nkind: 3\n",
        "kind: 3\nkind: Pod\n",
        "metadata: {name: a}\nmetadata: {annotations: {x: y}}\n",
        "metadata: {name: a}\nmetadata: ~\n",
        "metadata:\n  annotations: {a: b}\n  annotations: {c: d}\n",
        "metadata:\n  annotations: {a: b, a: 3}\n",
        "metadata:\n  annotations: {a: 3, a: b}\n",
        "kind: !!str 3\n",
        "kind: !!int 3\n",
        "kind: !!int x\n",
        "kind: !!float 3\n",
        "kind: !!binary aGVsbG8=\n",
        "kind: !!binary '!!'\n",
        "kind: !custom x\n",
        "kind: Pod\nspec: !!map {a: 1}\n",
        "kind: Pod\nspec: !!str [a]\n",
        "kind: Pod\nspec:\n  a: !!int x\n",
        "kind: Pod\nspec:\n  a: !!timestamp x\n",
        "kind: Pod\nspec:\n  !!str 1: x\n",
        "kind: Pod\nspec:\n  !!int 1: x\n",
        "! kind: Pod\n",
        "%TAG !e! tag:example.com,2000:\n---\nkind: !e!x Pod\n",
        "%YAML 1.1\n---\nkind: Pod\n",
        "%YAML 2.0\n---\nkind: Pod\n",
        "- a\n- b\n",
        "[]\n",
        "{}\n",
        "x\n",
        "3\n",
        "~\n",
        "true\n",
        ".nan\n",
        "",
        "# only a comment\n",
        "---\n",
        "---\n...\n",
        "--- |\n  text\n",
        "kind: Pod\n---\nkind: [\n",
        "kind: Pod\n...\nkind: [\n",
        "kind: Pod\n\tmetadata: x\n",
        "kind:\tPod\n",
        "kind: Pod\r\nmetadata:\r\n  name: a\r\n",
        "kind: Pod\rmetadata:\r  name: a\r",
        "kind: Pod\nmetadata:\n  name: |\n    a\n    b",
        "kind: Pod\nmetadata:\n  annotations:\n    a: |\n      text\n    b: >+\n      more\n\n",
        "kind: Pod\nmetadata:\n  annotations:\n    a: |+\n      text\n  ",
        "kind: Pod\nmetadata:\n  annotations:\n    a: |\n      text\n      ",
        "kind: Pod\nmetadata:\n  annotations:\n    a: >-\n      text",
        "kind: |\n  Pod",
        "? |\n  kind\n: Pod\n",
        "? |-\n  kind\n: Pod\n",
        "\"kind\": \"Pod\"\n'apiVersion': 'v1'\n",
        "{kind: Pod, metadata: {name: a, annotations: {x: y}}}\n",
        "{kind: Pod, metadata: {name: a, annotations: {x: !!str , y: z}}}\n",
        "{kind: Pod, x: [a, {b: c}, [d]]}\n",
        "{kind: Pod, x: [a, {b: c}, [d]}\n",
        "kind: Pod\nx: \"unterminated\n",
        "kind: Pod\nx: 'a\n",
        "kind: Pod\n  bad: indent\n",
        "kind: Pod\nmetadata:\n  name: a\n name: b\n",
        "kind: Pod\nx: @y\n",
        "kind: Pod\nx: `y\n",
        "kind: Pod\nx: a: b\n",
        "kind: Pod\nx: [a: b]\n",
        "kind: Pod\nx: {a, b}\n",
        "kind: Pod\nx: &a\n",
        "kind: Pod\nx: !t\n",
        "kind: Pod\nx: {!t , a}\n",
        "kind: Pod\nx: [!t ,a]\n",
        "kind: Pod\nx: \"\\q\"\n",
        "kind: Pod\nx: \"\\u00e9\\x41\"\nmetadata: {name: \"\\u00e9\"}\n",
        "kind: Pod\nx: \u{feff}y\n",
        "\u{feff}kind: Pod\n",
        "kind: Pod\nx: \u{85}y\n",
        "kind: Pod\u{2028}metadata: {name: a}\n",
        "kind: Pod\nx: \u{1}\n",
        "kind: Pod\nmetadata:\n  name: a\n  labels:\n    - [1, 2, {a: [3]}]\n  annotations:\n    k: v\n",
        "kind: Pod\nmetadata: {name: a, annotations: {k: v}, labels: {x: .inf}}\n",
        "kind: Pod\nmetadata: {name: a, annotations: {k: v}, labels: {1: x}}\n",
        "kind: Pod\nmetadata: {name: a, annotations: {k: v}, labels: {<<: {a: b}}}\n",
        "kind: Pod\nmetadata: {name: a, annotations: {k: v}, labels: *x}\n",
        "kind: Pod\nmetadata:\n  name: 0o17\n",
        "kind: Pod\nmetadata:\n  name: 1_000\n",
        "kind: Pod\nmetadata:\n  name: +1\n",
        "kind: Pod\nmetadata:\n  name: -0\n",
        "kind: Pod\nmetadata:\n  name: 1e3\n",
        "kind: Pod\nspec: 1e999\n",
        "kind: Pod\nspec: -1e999\n",
        "kind: Pod\nspec: +.inf\n",
        "kind: Pod\nspec: 0x_1\n",
    ];
    let mut deep = "kind: Pod\nx: ".to_owned();
    deep.push_str(&"[".repeat(1500));
    deep.push_str(&"]".repeat(1500));
    deep.push('\n');
    let mut deeper = "kind: Pod\nx: ".to_owned();
    deeper.push_str(&"[".repeat(10_001));
    deeper.push_str(&"]".repeat(10_001));
    let mut laughs = "a: &a [x, x, x, x, x, x, x, x, x, x]\n".to_owned();
    for i in 0..8 {
        let (prev, next) = ((b'a' + i) as char, (b'b' + i) as char);
        let refs = vec![format!("*{prev}"); 10].join(", ");
        writeln!(laughs, "{next}: &{next} [{refs}]").unwrap();
    }
    laughs.push_str("kind: Pod\n");
    let mut docs: Vec<String> = heads.iter().map(|s| (*s).to_owned()).collect();
    docs.extend([deep, deeper, laughs]);
    let mut ok = 0;
    for doc in &docs {
        ok += usize::from(check(doc));
        for v in variants(doc) {
            check(&v);
        }
    }
    assert!(ok > 20, "{ok}");
}
