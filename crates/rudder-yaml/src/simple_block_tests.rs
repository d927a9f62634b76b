//! The line reader against the event reading: wherever [`simple_head`] answers, its value is
//! the one the events give. Documents: every YAML file of the repository and of the
//! conformance corpus (Helm's rendered output among them), split into documents, and damaged
//! copies of each (cuts, and bytes that matter to YAML put in, replaced and taken out at
//! pseudo-random places, lines indented one more or one less). `RUDDER_SIMPLE_HEAD_ROUNDS`
//! sets the number of damaged copies per document (default 12).

use std::path::{Path, PathBuf};

use super::{simple_head, simple_value};
use crate::head::event_head;
use crate::read::{Numbers, event_value};

/// Checks the whole value of one document, both ways of converting numbers; whether the
/// line reader answered.
fn check_value(doc: &str) -> bool {
    let mut answered = false;
    for numbers in [Numbers::Float64, Numbers::Typed] {
        let Some(fast) = simple_value(doc, numbers) else {
            continue;
        };
        answered = true;
        match event_value(doc, numbers, false) {
            Ok((slow, false)) => {
                assert_eq!(format!("{fast:?}"), format!("{slow:?}"), "value of {doc:?}");
            }
            Ok((slow, true)) => panic!("line reader answered, events found NaN: {slow:?}\n{doc:?}"),
            Err(e) => panic!("line reader answered {fast:?}, events failed: {e}\n{doc:?}"),
        }
    }
    answered
}

/// Checks one document (its head, and its whole value); whether the line reader answered
/// for the head.
fn check(doc: &str) -> bool {
    VALUES_READ.with(|n| n.set(n.get() + usize::from(check_value(doc))));
    let Some(fast) = simple_head(doc) else {
        return false;
    };
    match event_head(doc) {
        Ok(slow) => assert_eq!(format!("{fast:?}"), format!("{slow:?}"), "head of {doc:?}"),
        Err(e) => panic!("line reader answered {fast:?}, events failed: {e}\n{doc:?}"),
    }
    true
}

#[test]
fn simple_documents() {
    let cases = [
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n",
        "kind: Pod\nmetadata:\n  name: x\n  annotations:\n    helm.sh/hook: pre-install\n    \"helm.sh/hook-weight\": \"5\"\n",
        "kind: Pod\nmetadata:\n  annotations: {}\n  name: 'it''s'\n",
        "kind: Pod\nmetadata:\n  annotations:\n  name:\n",
        "kind: Pod\nmetadata:\nspec:\n  x: 1\n",
        "kind: Pod\nmetadata: {}\n",
        "kind: 3\nmetadata:\n  name: true\n",
        "kind: Pod\nspec:\n  list:\n  - a\n  - b: 1\n    c: |\n      text\n       more\n\n      end\n  - x\n",
        "kind: Pod\nspec:\n  args:\n    - --flag=1\n    - -v\n  x: [] # c\n",
        "kind: Pod # c\n# top\nspec: # c\n  a: 'x' # c\n  b: \"y\"\n",
        "kind: Pod\nspec:\n  s: >-\n    folded\n    text\n  t: |+\n\n    x\n\n",
        "kind: Pod\nkind: Service\nmetadata:\n  name: a\nmetadata:\n  name: b\n",
        "kind: Pod\nmetadata:\n  annotations:\n    a: x\n  annotations:\n    b: y\n",
        "  kind: Pod\n  metadata:\n    name: x\n",
        "kind: Pod\nspec:\n  a:\n  -\n    b: 1\n  -\n  - c\n",
        "kind: Pod\nspec:\n  a: b\n   c\n\n   d # e\n  f: 'g\n\n    h'' i' # j\n  k: [l, {m: n, 'o': [], p: q r}, \"s\"]\n",
        "kind: Pod\nmetadata:\n  name: x\nspec:\n  script: |\n    #!/bin/sh\n    \techo 'a: b'\n",
    ];
    for doc in cases {
        assert!(check(doc), "not read by the line reader: {doc:?}");
    }
    let left = [
        "kind: Pod\nspec:\n  a: b\n   c: d\n",
        "kind: Pod\nspec:\n  a: 'b\n",
        "kind: Pod\nmetadata:\n  name: a\n   b\n",
        "kind: Pod\nspec:\n  a: &x 1\n",
        "kind: Pod\nspec:\n  a: \"x\\qy\"\n",
        "kind: Pod\nspec:\n  a: \"x\\uD800\"\n",
        "kind: Pod\nspec:\n\ta: 1\n",
        "kind: Pod\n---\nkind: Service\n",
        "- a\n",
        "kind: Pod\nspec:\n  a: {b: 1\n",
        "kind: Pod\nspec:\n  a: [b: 1]\n",
        "kind: Pod\nspec:\n  a: |2\n    x\n",
        "kind: Pod\nspec: .nan\n",
        "kind: Pod\n1: x\n",
        "kind: Pod\nmetadata: ~\n",
        "kind: Pod\u{2028}\n",
        "kind: Pod\u{85}\n",
        "kind: Pod\u{feff}\n",
        "kind: Pod\r\n",
    ];
    for doc in left {
        assert!(
            simple_head(doc).is_none(),
            "read by the line reader: {doc:?}"
        );
    }
}

#[test]
fn simple_values() {
    let cases = [
        "a: 1\nb: x\nc: true\nd: ~\ne:\nf: 0x10\ng: 1.5\nh: 2001-12-14\ni: '1'\nj: \"2\"\n",
        "a:\n  b:\n  - 1\n  - c: d\n    e: [1, x, {f: g}]\n  h: {}\n  i: []\n",
        "a: |\n  x\n\n   y\n  z\n\nb: |-\n  p\n  q\n\nc: >\n  folded\n  text\n\n  para\nd: >-\n  e\n",
        "a: |\n\n  after an empty line\nb: 1\n",
        "a: plain\n  more\n\n  after # c\nb: 'it''s\n  folded\n\n   quote'\nc: x\n",
        "a:\n- 1\n- 2\nb:\n  -\n    c: 1\n  - d\n",
        "key with spaces: v\n\"quoted key\": w\n'single': z\n",
        "a: |\n  x\n     \n  y\n",
        "a:\n  x\nb:\n  'y'\n",
        "# comment\n--- # c\na: 1\n",
        "a: |\n# c\nb: >-\n\n\nc: |\n  \n",
        "---\na: 1\n",
        "a: “ünïcödé” 🙂\nb: |\n  ä\n",
        "a: \"double\n  quoted\n\n  text \"\nb: 1\n",
        "a: \"x\\ny \\\"q\\\" \\u00e9\\x41\\U0001F642\\t\"\n",
        "a: \"x\n  \\ty\\\n  z \\\n\n  w\"\n",
        "kind: \"P\\x6fd\"\nmetadata:\n  name: \"a\\\"b\"\n",
    ];
    for doc in cases {
        assert!(check_value(doc), "not read by the line reader: {doc:?}");
    }
    let left = [
        "a: |+\n  x\n\n",
        "a: >\n  x\n   more indented\n  y\n",
        "a: |\n  x",
        "- a\n",
        "a: \"x\\q\"\n",
        "a: \"x\\x4\"\n",
        "a: \"x \\ \n  y\"\n",
        "a: 1\n---\nb: 2\n",
        "---\n---\na: 1\n",
        "--- a: 1\n",
    ];
    for doc in left {
        assert!(
            simple_value(doc, Numbers::Float64).is_none(),
            "read by the line reader: {doc:?}"
        );
    }
}

thread_local! {
    /// How many documents the line reader read whole in this test thread.
    static VALUES_READ: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
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
        } else if path
            .extension()
            .is_some_and(|e| e == "yaml" || e == "yml" || e == "tpl")
        {
            out.push(path);
        }
    }
}

/// The documents of a file, split at `---` lines as Helm splits manifests.
fn documents(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        if line.starts_with("---") {
            out.push(&text[start..at]);
            start = at + line.len();
        }
        at += line.len();
    }
    out.push(&text[start..]);
    out
}

struct Rng(u64);

impl Rng {
    fn next(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

const BYTES: &[u8] = b" \n\t:-#\"'|>{}[],&*!?%@`\\0.a~+xy\r";

fn damaged(doc: &str, rng: &mut Rng) -> String {
    let mut bytes = doc.as_bytes().to_vec();
    if bytes.is_empty() {
        return String::new();
    }
    match rng.next(6) {
        0 => bytes.truncate(rng.next(bytes.len())),
        1 => {
            let at = rng.next(bytes.len());
            bytes[at] = BYTES[rng.next(BYTES.len())];
        }
        2 => bytes.insert(rng.next(bytes.len() + 1), BYTES[rng.next(BYTES.len())]),
        3 => {
            bytes.remove(rng.next(bytes.len()));
        }
        _ => {
            // One line indented one more, or one less.
            let starts: Vec<usize> = std::iter::once(0)
                .chain(
                    bytes
                        .iter()
                        .enumerate()
                        .filter(|&(_, &b)| b == b'\n')
                        .map(|(i, _)| i + 1),
                )
                .filter(|&i| i < bytes.len())
                .collect();
            let at = starts[rng.next(starts.len())];
            if bytes[at] == b' ' && rng.next(2) == 0 {
                bytes.remove(at);
            } else {
                bytes.insert(at, b' ');
            }
        }
    }
    String::from_utf8_lossy(&bytes).into_owned()
}

#[test]
fn line_reader_agrees_with_the_events_on_every_file_and_damaged_copies() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut files = Vec::new();
    for dir in ["crates", "testdata", "../shared/conformance"] {
        yaml_files(&root.join(dir), &mut files);
    }
    files.sort();
    let rounds: usize = std::env::var("RUDDER_SIMPLE_HEAD_ROUNDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(12);
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let (mut docs, mut read, mut damaged_read) = (0usize, 0usize, 0usize);
    for file in &files {
        let Ok(text) = fs_err::read_to_string(file) else {
            continue;
        };
        for doc in documents(&text) {
            docs += 1;
            read += usize::from(check(doc));
            // Damaged copies of the smaller documents (the large ones take long in debug).
            let rounds = if doc.len() < 30_000 { rounds } else { 1 };
            for _ in 0..rounds {
                docs += 1;
                let mut copy = damaged(doc, &mut rng);
                // Now and then two or three damages at once.
                for _ in 0..rng.next(4).saturating_sub(1) {
                    copy = damaged(&copy, &mut rng);
                }
                damaged_read += usize::from(check(&copy));
            }
        }
    }
    let values = VALUES_READ.with(std::cell::Cell::get);
    assert!(
        files.is_empty() || (read > 1000 && damaged_read > 1000 && values > 2000),
        "{} files, {docs} documents, {read} + {damaged_read} heads and {values} values read",
        files.len()
    );
}

/// Helm's rendered output in the conformance corpus is nearly all read by the line reader:
/// what it leaves to the event parser is at most 1% of the bytes.
#[test]
fn line_reader_reads_rendered_manifests() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/conformance/cases");
    let mut files = Vec::new();
    yaml_files(&root, &mut files);
    let (mut bytes, mut read, mut left) = (0, 0, Vec::new());
    for file in files
        .iter()
        .filter(|f| f.ends_with("expected-template.yaml"))
    {
        let text = fs_err::read_to_string(file).unwrap();
        for doc in documents(&text) {
            if event_head(doc).is_err() {
                continue;
            }
            bytes += doc.len();
            if check(doc) {
                read += doc.len();
            } else if doc.len() > 1000 {
                left.push(doc.chars().take(200).collect::<String>());
            }
        }
    }
    assert!(
        read * 100 >= bytes * 99,
        "{read} of {bytes} bytes read; left to the events: {left:#?}"
    );
}

/// Documents put together at random from lines that matter to the line reader: keys and
/// dashes at indentations that do and do not fit, plain, quoted and block scalars that go on
/// over several lines, blank and space-only lines, comments, flow collections, escapes.
#[test]
fn line_reader_agrees_with_the_events_on_generated_documents() {
    const PIECES: &[&str] = &[
        "a:",
        "a: 1",
        "b: x y",
        "c: 'q''s'",
        "d: \"e\\tf\"",
        "e: |",
        "e: |-",
        "e: >",
        "e: >-",
        "e: |+",
        "f: [1, x, {g: h}]",
        "f: {}",
        "f: []",
        "- x",
        "- y: 1",
        "-",
        "- |",
        "- 'x",
        "  more",
        "text",
        "#c",
        "  # c",
        "",
        "   ",
        "kind: Pod",
        "metadata:",
        "name: n",
        "annotations:",
        "h: \"open",
        "i: 'open",
        "z\"",
        "z'",
        "j: x # c",
        "k: 1.5",
        "l: ~",
        "m: .inf",
        "n: \"\\x41\\u00e9\"",
        "o: a:b",
        "p: a: b",
        "q: \"x\\",
        "---",
        "? x",
        "r: &a 1",
        "s: *a",
        "t: !!str 1",
        "u:  v",
        "w: -1",
        "x: - 1",
        "\"y\": 1",
        "'y': 2",
        "1: z",
        "y: “ü”",
        "aa: \"a\"b",
        "bb: [a, b",
        "cc: {a: 1, b}",
    ];
    let rounds: usize = std::env::var("RUDDER_SIMPLE_HEAD_ROUNDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(12);
    let mut rng = Rng(0x2545_f491_4f6c_dd1d);
    let (mut docs, mut heads, mut values) = (0, 0, 0);
    for _ in 0..5_000 * rounds {
        let mut doc = String::new();
        for _ in 0..=rng.next(12) {
            doc.push_str(&" ".repeat([0, 0, 0, 1, 2, 2, 4, 6][rng.next(8)]));
            doc.push_str(PIECES[rng.next(PIECES.len())]);
            doc.push('\n');
        }
        if rng.next(4) == 0 {
            doc.pop();
        }
        docs += 1;
        heads += usize::from(check(&doc));
        values += usize::from(check_value(&doc));
    }
    assert!(
        heads > 1000 && values > 1000,
        "{docs} documents, {heads} heads and {values} values read"
    );
}
