//! `repo index` against the indexes real Helm wrote for the same archives
//! (`testdata/index/<case>/`, written by `scripts/repo_index_goldens.py`): everything but the
//! timestamps of new entries must match byte for byte.

use std::path::Path;

use rudder_repo::IndexFile;

const NOW: &str = "2001-02-03T04:05:06.789Z";

fn copy_dir(src: &Path, dest: &Path) {
    fs_err::create_dir_all(dest).expect("destination folder");
    for e in fs_err::read_dir(src).expect("source folder") {
        let e = e.expect("entry");
        let to = dest.join(e.file_name());
        if e.path().is_dir() {
            copy_dir(&e.path(), &to);
        } else {
            fs_err::copy(e.path(), &to).expect("file copies");
        }
    }
}

/// Replaces the timestamps that are not in `keep` with `TIME`.
fn normalize(text: &str, keep: &str) -> String {
    let re = regex::Regex::new(r#""\d{4}-\d\d-\d\dT[0-9:.]+(Z|[+-]\d\d:\d\d)""#).expect("regex");
    re.replace_all(text, |c: &regex::Captures<'_>| {
        if keep.contains(&c[0]) {
            c[0].to_owned()
        } else {
            "TIME".to_owned()
        }
    })
    .into_owned()
}

#[test]
fn repo_index_matches_helm() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/index");
    let mut cases: Vec<_> = fs_err::read_dir(&root)
        .expect("testdata/index")
        .map(|e| e.expect("entry").path())
        .collect();
    cases.sort();
    assert!(cases.len() >= 4, "cases missing in {}", root.display());
    for case in cases {
        let tmp = tempfile::tempdir().expect("temp dir");
        copy_dir(&case.join("in"), tmp.path());
        let url = fs_err::read_to_string(case.join("url")).unwrap_or_default();
        let mut index = rudder_repo::index_directory(tmp.path(), &url, NOW).expect("index builds");
        let merge = case.join("merge.yaml");
        let keep = if merge.exists() {
            index.merge(IndexFile::load(&merge).expect("merge index loads"));
            fs_err::read_to_string(&merge).expect("merge index")
        } else {
            String::new()
        };
        index.sort_entries();
        let json = case.join("index.json");
        let (ours, want) = if json.exists() {
            (
                index.to_json().expect("index writes"),
                fs_err::read_to_string(&json).expect("golden"),
            )
        } else {
            (
                index.to_yaml().expect("index writes"),
                fs_err::read_to_string(case.join("index.yaml")).expect("golden"),
            )
        };
        assert_eq!(
            ours.replace(&format!("\"{NOW}\""), "TIME"),
            normalize(&want, &keep),
            "case {}",
            case.display()
        );
    }
}
