//! Loading charts from directories, archives and in-memory files (Helm's
//! `pkg/chart/v2/loader`).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::archive::{MAX_DECOMPRESSED_FILE_SIZE, load_archive_files, strip_bom};
use crate::chart::{Chart, File, extension};
use crate::error::{Error, Result};
use crate::ignore::{HELM_IGNORE, Rules};
use crate::metadata::{API_VERSION_V1, Lock, Metadata};

/// Loads a chart from a directory or a `.tgz` file (Helm's `loader.Load`).
pub fn load(path: impl AsRef<Path>) -> Result<Chart> {
    let path = path.as_ref();
    let meta = fs_err::metadata(path).map_err(|e| Error::Stat {
        path: path.to_owned(),
        source: crate::error::go_io_error(&e),
    })?;
    if meta.is_dir() {
        load_dir(path)
    } else {
        load_file(path)
    }
}

/// Loads a chart archive file, checking first that it looks like gzip (Helm's `LoadFile`).
pub fn load_file(path: impl AsRef<Path>) -> Result<Chart> {
    let path = path.as_ref();
    let meta = fs_err::metadata(path).map_err(Error::Io)?;
    if meta.is_dir() {
        return Err(Error::CannotLoadDirectory);
    }
    let data = fs_err::read(path).map_err(Error::Io)?;
    let name = path.display().to_string();
    #[expect(
        clippy::case_sensitive_file_extension_comparisons,
        reason = "Helm compares the suffix case-sensitively"
    )]
    let yaml_name = name.ends_with(".yml") || name.ends_with(".yaml");
    if !data.starts_with(&[0x1f, 0x8b, 0x08]) {
        if yaml_name {
            return Err(Error::YamlNotArchive { path: name });
        }
        return Err(Error::NotGzip {
            path: name,
            content_type: detect_content_type(&data),
        });
    }
    load_archive(&data)
}

/// A rough `http.DetectContentType` for the messages of [`load_file`].
fn detect_content_type(data: &[u8]) -> String {
    let head = &data[..data.len().min(512)];
    if head.is_empty() {
        return "text/plain; charset=utf-8".to_owned();
    }
    let binary = head
        .iter()
        .any(|b| matches!(b, 0x00..=0x08 | 0x0B | 0x0E..=0x1A | 0x1C..=0x1F));
    if binary {
        "application/octet-stream".to_owned()
    } else {
        "text/plain; charset=utf-8".to_owned()
    }
}

/// Loads a chart from the bytes of a `.tgz` archive.
pub fn load_archive(data: &[u8]) -> Result<Chart> {
    load_files(load_archive_files(data)?)
}

/// Loads a chart directory: files in lexical walk order, `.helmignore` rules (plus Helm's
/// default `templates/.?*`) applied, symbolic links followed, BOMs stripped.
pub fn load_dir(dir: impl AsRef<Path>) -> Result<Chart> {
    let top = std::path::absolute(dir.as_ref()).map_err(Error::Io)?;
    let ignore_file = top.join(HELM_IGNORE);
    let mut rules = if ignore_file.exists() {
        let text = fs_err::read_to_string(&ignore_file).map_err(Error::Io)?;
        Rules::parse(&text)?
    } else {
        Rules::empty()
    };
    rules.add_defaults();
    let mut found = Vec::new();
    let listed = walk(&top, "", &rules, &mut found);
    // Reading is most of the time a directory takes (a large chart holds megabytes of CRDs),
    // and each file is read on its own: share the reads out between the cores. The walk
    // stops at its first error, so every file found comes before it, and a failed read is
    // reported before any later one, as when reading in turn.
    let files = read_all(&found).into_iter().collect::<Result<Vec<_>>>()?;
    listed?;
    load_files(files)
}

/// A regular file the walk found: where it is, its base name and its path in the chart.
struct Found {
    target: PathBuf,
    name: String,
    rel: String,
}

/// Reads every file found, in order, on as many threads as there are cores (one for a few
/// files).
fn read_all(found: &[Found]) -> Vec<Result<File>> {
    let spread = rudder_cores::Spread { per_thread: 16 };
    rudder_cores::map(found, spread, |f| {
        read_file(&f.target, f.name.clone(), &f.rel)
            .map(|data| File::new(f.rel.clone(), strip_bom(data)))
    })
}

/// Walks `dir` (the chart directory joined with `rel`) in sorted order, as Helm's
/// `sympath.Walk` does, following symbolic links, and lists the files to read; stops at the
/// first error.
fn walk(dir: &Path, rel: &str, rules: &Rules, files: &mut Vec<Found>) -> Result<()> {
    // The directory entry's type comes with the listing on most file systems, so a regular
    // file costs no `lstat` of its own (std asks for one where it does not).
    let mut entries: Vec<(String, std::fs::FileType)> = fs_err::read_dir(dir)
        .map_err(Error::Io)?
        .map(|e| {
            let e = e.map_err(Error::Io)?;
            let kind = e.file_type().map_err(Error::Io)?;
            Ok((e.file_name().to_string_lossy().into_owned(), kind))
        })
        .collect::<Result<_>>()?;
    entries.sort_by(|a, b| a.0.cmp(&b.0));
    for (name, mut kind) in entries {
        let path = dir.join(&name);
        let n = if rel.is_empty() {
            name.clone()
        } else {
            format!("{rel}/{name}")
        };
        let mut target: PathBuf = path.clone();
        if kind.is_symlink() {
            target = std::fs::canonicalize(&path).map_err(|e| {
                // Go's EvalSymlinks names the missing link target: `lstat <target>: ...`.
                let missing =
                    std::fs::read_link(&path).map_or_else(|_| path.clone(), |t| dir.join(t));
                Error::Symlink {
                    path: path.display().to_string(),
                    source: std::io::Error::new(
                        e.kind(),
                        format!(
                            "lstat {}: {}",
                            missing.display(),
                            crate::error::go_io_error(&e)
                        ),
                    ),
                }
            })?;
            kind = fs_err::symlink_metadata(&target)
                .map_err(Error::Io)?
                .file_type();
        }
        if kind.is_dir() {
            if rules.ignore(&n, true) {
                continue;
            }
            walk(&target, &n, rules, files)?;
            continue;
        }
        if rules.ignore(&n, false) {
            continue;
        }
        if !kind.is_file() {
            return Err(Error::IrregularFile {
                path: path.display().to_string(),
            });
        }
        files.push(Found {
            target,
            name,
            rel: n,
        });
    }
    Ok(())
}

/// Reads a regular file of a chart directory, refusing one over Helm's size limit before
/// reading it.
fn read_file(path: &Path, name: String, rel: &str) -> Result<Vec<u8>> {
    use std::io::Read as _;
    let read_error = |source| Error::Read {
        name: rel.to_owned(),
        source,
    };
    let mut file = fs_err::File::open(path).map_err(read_error)?;
    let len = file.metadata().map_err(read_error)?.len();
    if len > MAX_DECOMPRESSED_FILE_SIZE {
        return Err(Error::FileTooLarge {
            name,
            max: MAX_DECOMPRESSED_FILE_SIZE,
        });
    }
    let mut data = Vec::with_capacity(usize::try_from(len).unwrap_or(0));
    // Through `Take`, std's `File` reads into the buffer's spare room as it is, where a plain
    // `read_to_end` would first stat and seek the file again (std's own `File`) or zero the
    // room (`fs_err`'s wrapper).
    file.file_mut()
        .take(u64::MAX)
        .read_to_end(&mut data)
        .map_err(read_error)?;
    Ok(data)
}

/// Builds a chart from its files (Helm's `LoadFiles`): `Chart.yaml` first, then the lock,
/// values, schema, v1 requirements, templates, subcharts under `charts/` (directories and
/// `.tgz` archives, `_` and `.` prefixed names skipped) and everything else as files.
///
/// The subcharts are built on a second thread while this chart's own files are read (its
/// `values.yaml` is often the largest YAML of the tree); errors come out in the same order as
/// when everything is done in turn: this chart's own first, then the first failing subchart
/// by name.
pub fn load_files(files: Vec<File>) -> Result<Chart> {
    // Subcharts keyed by their directory or archive name; Helm iterates a Go map here (random
    // order), Rudder sorts by name.
    let mut subcharts: BTreeMap<String, Vec<File>> = BTreeMap::new();
    for f in &files {
        let Some(rest) = f.name.strip_prefix("charts/") else {
            continue;
        };
        if extension(&f.name) == ".prov" {
            continue;
        }
        let cname = rest.split('/').next().unwrap_or("");
        if cname.starts_with(['_', '.']) {
            continue;
        }
        subcharts
            .entry(cname.to_owned())
            .or_default()
            .push(File::new(rest, f.data.clone()));
    }
    if subcharts.is_empty() {
        return load_own_files(files);
    }
    // The subcharts load on another core while this chart's own files do; this chart's error
    // comes first, as when loading in turn.
    let (own, loaded) = rudder_cores::join(|| load_own_files(files), || load_subcharts(subcharts));
    let mut c = own?;
    let deps = loaded.map_err(|(name, failure)| match failure {
        SubchartFailure::TarName { got } => Error::SubchartTarName {
            parent: c.name().to_owned(),
            expected: name,
            got,
        },
        SubchartFailure::Load(e) => Error::Subchart {
            name,
            parent: c.name().to_owned(),
            source: Box::new(e),
        },
    })?;
    c.add_dependency(deps);
    Ok(c)
}

/// Why a subchart could not be built, before its parent's name is known.
enum SubchartFailure {
    /// An archive under `charts/` holds a file named otherwise.
    TarName { got: String },
    /// The subchart itself failed to load.
    Load(Error),
}

/// Builds the subcharts in name order, stopping at the first that fails.
fn load_subcharts(
    subcharts: BTreeMap<String, Vec<File>>,
) -> std::result::Result<Vec<Chart>, (String, SubchartFailure)> {
    let mut deps = Vec::new();
    for (n, files) in subcharts {
        let loaded = if extension(&n) == ".tgz" {
            let file = &files[0];
            if file.name != n {
                let got = file.name.clone();
                return Err((n, SubchartFailure::TarName { got }));
            }
            load_archive(&file.data)
        } else {
            let inner: Vec<File> = files
                .into_iter()
                .filter_map(|f| {
                    f.name
                        .split_once('/')
                        .map(|(_, rest)| File::new(rest, f.data.clone()))
                })
                .collect();
            load_files(inner)
        };
        match loaded {
            Ok(sc) => deps.push(sc),
            Err(e) => return Err((n, SubchartFailure::Load(e))),
        }
    }
    Ok(deps)
}

/// Everything of [`load_files`] but the subcharts: metadata, lock, values, schema, templates
/// and other files, validated.
fn load_own_files(files: Vec<File>) -> Result<Chart> {
    let mut c = Chart::default();
    let mut metadata: Option<Metadata> = None;
    for f in &files {
        c.raw.push(f.clone());
        if f.name == "Chart.yaml" {
            let md = metadata.get_or_insert_with(Metadata::default);
            md.decode_into(&f.data)
                .map_err(|source| Error::CannotLoad {
                    file: "Chart.yaml",
                    source,
                })?;
            if md.api_version.is_empty() {
                API_VERSION_V1.clone_into(&mut md.api_version);
            }
        }
    }
    for f in files {
        match f.name.as_str() {
            "Chart.yaml" => {}
            "Chart.lock" => {
                c.lock = Some(Lock::decode(&f.data).map_err(|source| Error::CannotLoad {
                    file: "Chart.lock",
                    source,
                })?);
            }
            "values.yaml" => {
                c.values = crate::values::load_values(&f.data).map_err(|e| Error::CannotLoad {
                    file: "values.yaml",
                    source: Box::new(e),
                })?;
            }
            "values.schema.json" => c.schema = Some(f.data.clone()),
            "requirements.yaml" => {
                let md = metadata.get_or_insert_with(Metadata::default);
                md.decode_into(&f.data)
                    .map_err(|source| Error::CannotLoad {
                        file: "requirements.yaml",
                        source,
                    })?;
                if md.api_version == API_VERSION_V1 {
                    c.files.push(f);
                }
            }
            "requirements.lock" => {
                c.lock = Some(Lock::decode(&f.data).map_err(|source| Error::CannotLoad {
                    file: "requirements.lock",
                    source,
                })?);
                let md = metadata.get_or_insert_with(Metadata::default);
                if md.api_version == API_VERSION_V1 {
                    c.files.push(f);
                }
            }
            name if name.starts_with("templates/") => c.templates.push(f),
            name if name.starts_with("charts/") => {
                if extension(name) == ".prov" {
                    c.files.push(f);
                }
            }
            _ => c.files.push(f),
        }
    }
    let Some(mut md) = metadata else {
        return Err(Error::ChartYamlMissing);
    };
    md.validate()?;
    c.metadata = md;
    Ok(c)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::archive::tests::tgz;

    /// Files are read on several threads, but a chart with many files fails as it would when
    /// read in turn: at the first problem in walk order, be it a file too large to read or an
    /// entry that is not a regular file; and loads its files in walk order otherwise.
    #[test]
    fn files_read_on_several_threads_fail_and_load_as_in_turn() {
        let dir = tempfile::tempdir().expect("temporary directory");
        let root = dir.path();
        let write = |name: &str, data: &str| {
            let path = root.join(name);
            fs_err::create_dir_all(path.parent().expect("parent")).expect("mkdir");
            fs_err::write(path, data).expect("write");
        };
        write("Chart.yaml", "apiVersion: v2\nname: many\nversion: 0.1.0\n");
        for i in 0..40 {
            write(&format!("templates/t{i:02}.yaml"), &format!("n: {i}\n"));
            write(&format!("files/f{i:02}.txt"), &"x".repeat(i));
        }
        let big = fs_err::File::create(root.join("files/m-big.bin")).expect("create");
        big.set_len(crate::archive::MAX_DECOMPRESSED_FILE_SIZE + 1)
            .expect("sparse file");
        let fifo = root.join("files/z-fifo");
        let made = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .expect("mkfifo runs");
        assert!(made.success());

        let err = super::load_dir(root).expect_err("a file is too large");
        assert!(
            matches!(err, Error::FileTooLarge { ref name, .. } if name == "m-big.bin"),
            "{err:?}"
        );
        fs_err::remove_file(root.join("files/m-big.bin")).expect("rm");
        let err = super::load_dir(root).expect_err("a FIFO is no regular file");
        assert!(matches!(err, Error::IrregularFile { .. }), "{err:?}");
        fs_err::remove_file(&fifo).expect("rm");

        let chart = super::load_dir(root).expect("loads");
        let names: Vec<&str> = chart.templates.iter().map(|f| f.name.as_str()).collect();
        let want: Vec<String> = (0..40).map(|i| format!("templates/t{i:02}.yaml")).collect();
        assert_eq!(names, want);
        for (i, f) in chart.templates.iter().enumerate() {
            assert_eq!(&f.data[..], format!("n: {i}\n").as_bytes());
        }
        let files: Vec<(&str, usize)> = chart
            .files
            .iter()
            .map(|f| (f.name.as_str(), f.data.len()))
            .collect();
        let want: Vec<(String, usize)> =
            (0..40).map(|i| (format!("files/f{i:02}.txt"), i)).collect();
        assert_eq!(
            files,
            want.iter()
                .map(|(n, l)| (n.as_str(), *l))
                .collect::<Vec<_>>()
        );
    }

    fn files(entries: &[(&str, &str)]) -> Vec<File> {
        entries
            .iter()
            .map(|(n, d)| File::new(*n, d.as_bytes().to_vec()))
            .collect()
    }

    #[test]
    fn files_are_sorted_into_their_places() {
        let c = load_files(files(&[
            ("Chart.yaml", "apiVersion: v2\nname: top\nversion: 1.0.0\n"),
            ("values.yaml", "a: 1\n---\nb: 2\n"),
            ("templates/a.yaml", "x"),
            ("crds/c.yaml", "y"),
            ("charts/sub/Chart.yaml", "name: sub\nversion: 0.1.0\n"),
            ("charts/sub/templates/b.yaml", "z"),
            ("charts/_skip/Chart.yaml", "name: skip\n"),
            ("charts/sub-0.1.0.tgz.prov", "p"),
        ]))
        .unwrap();
        assert_eq!(c.name(), "top");
        assert_eq!(c.templates.len(), 1);
        assert!(c.values.contains_key("a") && c.values.contains_key("b"));
        assert_eq!(c.files.len(), 2);
        assert_eq!(c.dependencies().len(), 1);
        let sub = &c.dependencies()[0];
        assert_eq!(sub.metadata.api_version, "v1");
        assert_eq!(sub.templates[0].name, "templates/b.yaml");
        assert_eq!(sub.full_path(), "top/charts/sub");
    }

    /// Subcharts are built on another thread, but errors come out as when loading in turn:
    /// the parent's own first, then the first failing subchart by name.
    #[test]
    fn errors_keep_their_order_with_subcharts_built_aside() {
        let chart = |values: &str, a: &str| {
            files(&[
                ("Chart.yaml", "apiVersion: v2\nname: top\nversion: 1.0.0\n"),
                ("values.yaml", values),
                ("charts/b/Chart.yaml", "name: b\n"),
                ("charts/a/Chart.yaml", a),
                ("charts/c/values.yaml", "x: 1\n"),
            ])
        };
        let parent_first = load_files(chart("a: [\n", "name: a\n")).unwrap_err();
        assert!(
            parent_first.to_string().contains("values.yaml"),
            "{parent_first}"
        );
        let first_by_name = load_files(chart("a: 1\n", "name: a\n")).unwrap_err();
        assert_eq!(
            first_by_name.to_string(),
            "error unpacking subchart a in top"
        );
        let tree = load_files(chart("a: 1\n", "name: a\nversion: 1.0.0\n"));
        assert!(tree.unwrap_err().to_string().contains("subchart b in top"));
    }

    #[test]
    fn chart_yaml_is_required_and_validated() {
        let err = load_files(files(&[("values.yaml", "a: 1\n")])).unwrap_err();
        assert_eq!(err.to_string(), "Chart.yaml file is missing");
        let err = load_files(files(&[("Chart.yaml", "name: x\n")])).unwrap_err();
        assert_eq!(
            err.to_string(),
            "validation: chart.metadata.version is required"
        );
    }

    #[test]
    fn subchart_errors_are_wrapped() {
        let err = load_files(files(&[
            ("Chart.yaml", "name: top\nversion: 1.0.0\n"),
            ("charts/sub/Chart.yaml", "version: 0.1.0\n"),
        ]))
        .unwrap_err();
        assert_eq!(
            crate::helm_message(&err),
            "error unpacking subchart sub in top: validation: chart.metadata.name is required"
        );
    }

    #[test]
    fn missing_paths_fail_as_go_stat() {
        let err = load("/nonexistent/chart").unwrap_err();
        assert_eq!(
            crate::helm_message(&err),
            "stat /nonexistent/chart: no such file or directory"
        );
    }

    #[cfg(unix)]
    #[test]
    fn broken_symlinks_name_their_target() {
        let dir = std::env::temp_dir().join(format!("rudder-chart-symlink-{}", std::process::id()));
        let _ = fs_err::remove_dir_all(&dir);
        fs_err::create_dir_all(&dir).unwrap();
        fs_err::write(dir.join("Chart.yaml"), "name: x\nversion: 1.0.0\n").unwrap();
        std::os::unix::fs::symlink("gone", dir.join("link")).unwrap();
        let err = load_dir(&dir).unwrap_err();
        assert_eq!(
            crate::helm_message(&err),
            format!(
                "error evaluating symlink {0}/link: lstat {0}/gone: no such file or directory",
                dir.display()
            )
        );
        fs_err::remove_dir_all(&dir).unwrap();
    }

    #[cfg(unix)]
    #[test]
    fn symlinks_are_followed_and_irregular_files_refused() {
        let dir = std::env::temp_dir().join(format!("rudder-chart-walk-{}", std::process::id()));
        let outside = dir.join("outside");
        let chart = dir.join("chart");
        let _ = fs_err::remove_dir_all(&dir);
        fs_err::create_dir_all(outside.join("more")).unwrap();
        fs_err::create_dir_all(chart.join("templates")).unwrap();
        fs_err::write(chart.join("Chart.yaml"), "name: x\nversion: 1.0.0\n").unwrap();
        fs_err::write(outside.join("cm.yaml"), "kind: ConfigMap\n").unwrap();
        fs_err::write(outside.join("more/a.txt"), "\u{feff}a\n").unwrap();
        std::os::unix::fs::symlink(outside.join("cm.yaml"), chart.join("templates/cm.yaml"))
            .unwrap();
        std::os::unix::fs::symlink(outside.join("more"), chart.join("more")).unwrap();
        let c = load_dir(&chart).unwrap();
        assert_eq!(c.templates[0].name, "templates/cm.yaml");
        assert_eq!(&c.templates[0].data[..], b"kind: ConfigMap\n");
        let more = c.files.iter().find(|f| f.name == "more/a.txt").unwrap();
        assert_eq!(&more.data[..], b"a\n");

        let status = std::process::Command::new("mkfifo")
            .arg(chart.join("pipe"))
            .status()
            .unwrap();
        assert!(status.success());
        let err = load_dir(&chart).unwrap_err();
        assert_eq!(
            crate::helm_message(&err),
            format!(
                "cannot load irregular file {} as it has file mode type bits set",
                chart.join("pipe").display()
            )
        );
        fs_err::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn archives_inside_charts_load() {
        let sub = tgz(&[("sub/Chart.yaml", b"name: sub\nversion: 0.2.0\n")]);
        let mut fs = files(&[("Chart.yaml", "name: top\nversion: 1.0.0\n")]);
        fs.push(File::new("charts/sub-0.2.0.tgz", sub));
        let c = load_files(fs).unwrap();
        assert_eq!(c.dependencies()[0].metadata.version, "0.2.0");
    }

    #[test]
    fn requirements_yaml_fills_v1_dependencies() {
        let c = load_files(files(&[
            ("Chart.yaml", "apiVersion: v1\nname: top\nversion: 1.0.0\n"),
            (
                "requirements.yaml",
                "dependencies:\n- name: a\n  version: 1.x\n  repository: r\n",
            ),
        ]))
        .unwrap();
        assert_eq!(c.metadata.dependencies[0].name, "a");
        assert_eq!(c.files[0].name, "requirements.yaml");
    }
}
