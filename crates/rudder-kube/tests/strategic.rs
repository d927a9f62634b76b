//! Three-way strategic merge patches, one case per file in `testdata/strategic/`.
//!
//! A case names a type of the built-in metadata (`type: core.v1.PodSpec`) and holds
//! `original` (the previous manifest), `modified` (the new one), `current` (the live
//! object) and what apimachinery's `CreateThreeWayMergePatch` makes of them: `patch`, or
//! `error`. `result` is the live object after the API server applies the patch; when it is
//! absent the result must be `modified` itself (the patch converges). A case without
//! `modified` applies `patch` to `current` and expects `result` or `error`. The cases follow
//! k8s.io/apimachinery's `pkg/util/strategicpatch/patch_test.go`, on real Kubernetes types.

use std::path::Path;

use rudder_kube::merge::{
    Schema, strategic_merge, three_way_json_merge_patch, three_way_merge_patch,
};
use serde_json::Value;

fn run(path: &Path) -> Result<(), String> {
    let text = fs_err::read_to_string(path).map_err(|e| e.to_string())?;
    let docs = rudder_kube::parse_manifest(&text).map_err(|e| e.to_string())?;
    let case = docs.first().ok_or("empty case")?;
    let field = |k: &str| case.get(k).cloned().unwrap_or(Value::Null);
    let type_name = field("type");
    let schema = Schema::builtin()
        .named(type_name.as_str().unwrap_or_default())
        .ok_or_else(|| format!("unknown type {type_name}"))?;
    let (original, modified, current) = (field("original"), field("modified"), field("current"));
    if case.get("modified").is_none() {
        // A patch applied as the API server applies it.
        let applied = strategic_merge(&current, &field("patch"), schema);
        return match (applied, case.get("error")) {
            (Err(e), Some(error)) if Value::String(e.to_string()) == *error => Ok(()),
            (Ok(result), None) if result == field("result") => Ok(()),
            (other, _) => Err(format!("unexpected outcome {other:?}")),
        };
    }
    let computed = three_way_merge_patch(&original, &modified, &current, schema);
    if let Some(error) = case.get("error") {
        return match computed {
            Err(e) if Value::String(e.to_string()) == *error => Ok(()),
            other => Err(format!("expected error {error}, got {other:?}")),
        };
    }
    let patch = computed.map_err(|e| format!("unexpected error: {e}"))?;
    let expected = field("patch");
    if patch != expected {
        return Err(format!(
            "patch differs\n  expected: {expected}\n  computed: {patch}"
        ));
    }
    let result = strategic_merge(&current, &patch, schema).map_err(|e| e.to_string())?;
    let wanted = case.get("result").cloned().unwrap_or(modified);
    if result != wanted {
        return Err(format!(
            "result differs\n  expected: {wanted}\n  computed: {result}"
        ));
    }
    Ok(())
}

#[test]
fn strategic_cases() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/strategic");
    let mut paths: Vec<_> = fs_err::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    paths.sort();
    assert!(!paths.is_empty(), "no cases in {}", dir.display());
    let failures: Vec<String> = paths
        .iter()
        .filter_map(|p| {
            run(p)
                .err()
                .map(|e| format!("{}: {e}", p.file_name().unwrap().to_string_lossy()))
        })
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        paths.len(),
        failures.join("\n")
    );
}

/// The patches kubectl's client-side apply sent for the cases in `testdata/kubectl/`
/// (recorded by `scripts/kubectl_patch_goldens.py` against tests/cluster): kubectl calls the
/// same apimachinery functions as Helm 3, so ours must send the same bytes.
#[test]
fn kubectl_goldens() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/kubectl");
    let mut cases: Vec<_> = fs_err::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.join("golden.json").exists())
        .collect();
    cases.sort();
    assert!(cases.len() >= 5, "goldens missing in {}", dir.display());
    for case in cases {
        let golden: Value =
            serde_json::from_str(&fs_err::read_to_string(case.join("golden.json")).unwrap())
                .unwrap();
        let (original, modified, current) =
            (&golden["original"], &golden["modified"], &golden["current"]);
        let api_version = modified["apiVersion"].as_str().unwrap();
        let kind = modified["kind"].as_str().unwrap();
        let patch = match Schema::builtin().kind(api_version, kind) {
            Some(schema) => three_way_merge_patch(original, modified, current, schema),
            None => three_way_json_merge_patch(original, modified, current),
        }
        .unwrap();
        assert_eq!(
            patch,
            golden["patch"],
            "{}: our patch differs from kubectl's",
            case.display()
        );
    }
}

/// A small deterministic generator (no dependency needed for a few hundred cases).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % n
    }

    /// Distinct names from a small alphabet, in random order, each with a random value.
    fn pairs(&mut self) -> Vec<(String, String)> {
        let mut names: Vec<String> = ["A", "B", "C", "D", "E", "F"]
            .iter()
            .filter(|_| self.next(2) == 0)
            .map(|n| (*n).to_owned())
            .collect();
        for i in (1..names.len()).rev() {
            let j = usize::try_from(self.next(i as u64 + 1)).unwrap();
            names.swap(i, j);
        }
        names
            .into_iter()
            .map(|n| (n, self.next(3).to_string()))
            .collect()
    }
}

fn container(env: &[(String, String)], labels: &[(String, String)]) -> Value {
    let env: Vec<Value> = env
        .iter()
        .map(|(n, v)| serde_json::json!({"name": n, "value": v}))
        .collect();
    let labels: serde_json::Map<String, Value> = labels
        .iter()
        .map(|(k, v)| (k.clone(), Value::String(v.clone())))
        .collect();
    serde_json::json!({
        "metadata": {"labels": labels},
        "spec": {"containers": [{"name": "app", "env": env}]}
    })
}

/// For random original, modified and current documents, the live object after the patch
/// holds everything the new manifest says, nothing the chart dropped, and what only the
/// cluster added; the manifest's list items keep the manifest's order.
#[test]
fn three_way_patches_converge() {
    let schema = Schema::builtin().named("core.v1.PodTemplateSpec").unwrap();
    let mut rng = Lcg(5);
    for case in 0..400 {
        let [(oe, ol), (me, ml), (ce, cl)] = [(); 3].map(|()| (rng.pairs(), rng.pairs()));
        let (original, modified, current) = (
            container(&oe, &ol),
            container(&me, &ml),
            container(&ce, &cl),
        );
        let patch = three_way_merge_patch(&original, &modified, &current, schema).unwrap();
        let result = strategic_merge(&current, &patch, schema).unwrap();
        let expect = |o: &[(String, String)], m: &[(String, String)], c: &[(String, String)]| {
            let mut want: Vec<(String, String)> = m.to_vec();
            for (k, v) in c {
                if !o.iter().any(|(ok, _)| ok == k) && !m.iter().any(|(mk, _)| mk == k) {
                    want.push((k.clone(), v.clone()));
                }
            }
            want.sort();
            want
        };
        let mut labels: Vec<(String, String)> = result["metadata"]["labels"]
            .as_object()
            .map(|m| {
                m.iter()
                    .map(|(k, v)| (k.clone(), v.as_str().unwrap().to_owned()))
                    .collect()
            })
            .unwrap_or_default();
        labels.sort();
        assert_eq!(
            labels,
            expect(&ol, &ml, &cl),
            "case {case}: labels, patch {patch}"
        );
        let env: Vec<(String, String)> = result["spec"]["containers"][0]["env"]
            .as_array()
            .map(|items| {
                items
                    .iter()
                    .map(|e| {
                        (
                            e["name"].as_str().unwrap().to_owned(),
                            e["value"].as_str().unwrap().to_owned(),
                        )
                    })
                    .collect()
            })
            .unwrap_or_default();
        let mut sorted = env.clone();
        sorted.sort();
        assert_eq!(
            sorted,
            expect(&oe, &me, &ce),
            "case {case}: env, patch {patch}"
        );
        let order: Vec<&(String, String)> = env.iter().filter(|e| me.contains(e)).collect();
        assert_eq!(
            order,
            me.iter().collect::<Vec<_>>(),
            "case {case}: order, patch {patch}"
        );
    }
}

/// A random JSON value of any shape, with the field names the metadata knows, so that the
/// merge walks into lists and maps with strategies and merge keys.
fn random_value(rng: &mut Lcg, depth: u32) -> Value {
    const KEYS: &[&str] = &[
        "name",
        "containers",
        "env",
        "value",
        "volumes",
        "emptyDir",
        "ports",
        "containerPort",
        "finalizers",
        "labels",
        "$patch",
        "$retainKeys",
        "$setElementOrder/env",
        "$deleteFromPrimitiveList/finalizers",
        "spec",
        "template",
        "metadata",
        "args",
        "strategy",
        "type",
    ];
    match rng.next(if depth == 0 { 5 } else { 8 }) {
        0 => Value::Null,
        1 => Value::Bool(rng.next(2) == 0),
        2 => serde_json::json!(rng.next(4)),
        3 => serde_json::json!(
            ["A", "B", "delete", "replace", "merge"][usize::try_from(rng.next(5)).unwrap()]
        ),
        4 => serde_json::json!(0.5),
        5 | 6 => {
            let n = rng.next(4);
            Value::Object(
                (0..n)
                    .map(|_| {
                        let k = KEYS[usize::try_from(rng.next(KEYS.len() as u64)).unwrap()];
                        (k.to_owned(), random_value(rng, depth - 1))
                    })
                    .collect(),
            )
        }
        _ => Value::Array(
            (0..rng.next(4))
                .map(|_| random_value(rng, depth - 1))
                .collect(),
        ),
    }
}

/// Whatever the documents hold, computing and applying patches fails with an error or
/// succeeds; it never panics.
#[test]
fn arbitrary_documents_never_panic() {
    let schema = Schema::builtin().kind("apps/v1", "Deployment").unwrap();
    let mut rng = Lcg(99);
    for _ in 0..5000 {
        let [a, b, c] = [(); 3].map(|()| {
            let mut doc = random_value(&mut rng, 5);
            if !doc.is_object() {
                doc = serde_json::json!({"spec": doc, "metadata": random_value(&mut rng, 3)});
            }
            doc
        });
        if let Ok(patch) = three_way_merge_patch(&a, &b, &c, schema) {
            let _ = strategic_merge(&c, &patch, schema);
        }
        let _ = strategic_merge(&a, &b, schema);
        let _ = three_way_json_merge_patch(&a, &b, &c);
    }
}
