//! Test support for Rudder (never published): fixture charts shared by several crates, and
//! [`TestContext`], which runs the built `rudder` binary with its own Helm homes and filters
//! temporary paths out of what it printed.
//!
//! Tests inside `crates/rudder` pass `env!("CARGO_BIN_EXE_rudder")`:
//!
//! ```no_run
//! let ctx = rudder_test::TestContext::new("target/debug/rudder");
//! let out = ctx.run(&["show", "chart", &rudder_test::fixture("showcase").display().to_string()]);
//! assert_eq!(out.code, 0);
//! println!("{}", out.stdout);
//! ```

pub mod registry_server;
pub mod repo_server;

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::Read as _;
use std::path::{Path, PathBuf};
use std::process::Command;

/// What a run of the binary produced, with temporary paths filtered.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Output {
    /// Standard output.
    pub stdout: String,
    /// Standard error.
    pub stderr: String,
    /// The exit code (-1 when killed by a signal).
    pub code: i32,
}

/// A sandbox for one CLI test: a temporary root holding the working directory (`work/`),
/// `HOME` and the three Helm homes, none of them shared with the machine's own Helm.
///
/// Every run starts from an environment without `HELM_*`, `XDG_*`, `KUBECONFIG` and
/// `NO_COLOR`, so the settings the user has do not leak into goldens. In output, the root
/// becomes `[TEMP]` and the binary's path `[RUDDER]`.
pub struct TestContext {
    bin: PathBuf,
    root: tempfile::TempDir,
    envs: Vec<(String, String)>,
}

impl TestContext {
    /// A context running the binary at `bin`.
    pub fn new(bin: impl Into<PathBuf>) -> Self {
        let root = tempfile::Builder::new()
            .prefix("rudder-test-")
            .tempdir()
            .expect("the system temporary directory is writable");
        let ctx = TestContext {
            bin: bin.into(),
            root,
            envs: Vec::new(),
        };
        for d in [
            ctx.work_dir(),
            ctx.cache_home(),
            ctx.config_home(),
            ctx.data_home(),
            ctx.root().join("home"),
        ] {
            fs_err::create_dir_all(d).expect("the temporary root is writable");
        }
        ctx
    }

    /// The temporary root.
    pub fn root(&self) -> &Path {
        self.root.path()
    }

    /// The working directory of every run.
    pub fn work_dir(&self) -> PathBuf {
        self.root().join("work")
    }

    /// `HELM_CACHE_HOME`.
    pub fn cache_home(&self) -> PathBuf {
        self.root().join("cache")
    }

    /// `HELM_CONFIG_HOME`.
    pub fn config_home(&self) -> PathBuf {
        self.root().join("config")
    }

    /// `HELM_DATA_HOME`.
    pub fn data_home(&self) -> PathBuf {
        self.root().join("data")
    }

    /// Sets an extra environment variable for every later run.
    pub fn env(&mut self, key: &str, value: &str) -> &mut Self {
        self.envs.push((key.to_owned(), value.to_owned()));
        self
    }

    /// The binary as a `Command` with the sandbox's environment and working directory.
    pub fn command(&self, args: &[&str]) -> Command {
        let mut cmd = Command::new(&self.bin);
        cmd.args(args).current_dir(self.work_dir());
        for (k, _) in std::env::vars_os() {
            let k = k.to_string_lossy();
            if k.starts_with("HELM_")
                || k.starts_with("XDG_")
                || k == "KUBECONFIG"
                || k == "NO_COLOR"
            {
                cmd.env_remove(&*k);
            }
        }
        cmd.env("HOME", self.root().join("home"))
            .env("HELM_CACHE_HOME", self.cache_home())
            .env("HELM_CONFIG_HOME", self.config_home())
            .env("HELM_DATA_HOME", self.data_home());
        for (k, v) in &self.envs {
            cmd.env(k, v);
        }
        cmd
    }

    /// Runs the binary and returns its filtered output.
    pub fn run(&self, args: &[&str]) -> Output {
        let out = self
            .command(args)
            .output()
            .unwrap_or_else(|e| panic!("cannot run {}: {e}", self.bin.display()));
        Output {
            stdout: self.filter(&String::from_utf8_lossy(&out.stdout)),
            stderr: self.filter(&String::from_utf8_lossy(&out.stderr)),
            code: out.status.code().unwrap_or(-1),
        }
    }

    /// Replaces the binary's path with `[RUDDER]` and the temporary root (also in its
    /// canonical spelling) with `[TEMP]`.
    pub fn filter(&self, text: &str) -> String {
        let mut out = text.replace(&*self.bin.to_string_lossy(), "[RUDDER]");
        let mut roots = vec![self.root().to_string_lossy().into_owned()];
        if let Ok(c) = fs_err::canonicalize(self.root()) {
            roots.push(c.to_string_lossy().into_owned());
        }
        for r in roots {
            out = out.replace(&r, "[TEMP]");
        }
        out
    }

    /// Copies the chart directory `src` into the working directory as `name` and returns
    /// the copy's path.
    pub fn copy_chart(&self, src: &Path, name: &str) -> PathBuf {
        let dest = self.work_dir().join(name);
        copy_dir(src, &dest);
        dest
    }
}

/// Copies a directory tree, keeping modification times (archives carry them).
pub fn copy_dir(src: &Path, dest: &Path) {
    fs_err::create_dir_all(dest).expect("the destination is writable");
    let mut entries: Vec<_> = fs_err::read_dir(src)
        .expect("the source directory is readable")
        .map(|e| e.expect("the source directory is readable"))
        .collect();
    entries.sort_by_key(fs_err::DirEntry::file_name);
    for e in entries {
        let from = e.path();
        let to = dest.join(e.file_name());
        if from.is_dir() {
            copy_dir(&from, &to);
        } else {
            fs_err::copy(&from, &to).expect("the file copies");
            let modified = fs_err::metadata(&from)
                .and_then(|m| m.modified())
                .expect("the source has a modification time");
            fs_err::File::options()
                .write(true)
                .open(&to)
                .and_then(|f| f.file().set_modified(modified))
                .expect("the copy's modification time can be set");
        }
    }
}

/// A fixture chart of this crate (`crates/rudder-test/charts/<name>`).
pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("charts")
        .join(name)
}

/// The shared conformance corpus (`../shared/conformance` next to the checkout), when present.
pub fn conformance_dir() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/conformance");
    dir.is_dir()
        .then(|| fs_err::canonicalize(&dir).unwrap_or(dir))
}

/// Every file under `dir` by its `/`-separated relative path, with its bytes; empty
/// directories appear as `path/` with no bytes.
pub fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(base: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        let mut empty = true;
        for e in fs_err::read_dir(dir).expect("the tree is readable") {
            empty = false;
            let p = e.expect("the tree is readable").path();
            if p.is_dir() {
                walk(base, &p, out);
            } else {
                out.insert(
                    rel(base, &p),
                    fs_err::read(&p).expect("the file is readable"),
                );
            }
        }
        if empty && dir != base {
            out.insert(format!("{}/", rel(base, dir)), Vec::new());
        }
    }
    fn rel(base: &Path, p: &Path) -> String {
        p.strip_prefix(base)
            .expect("walked paths are under the base")
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect::<Vec<_>>()
            .join("/")
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

/// A chart archive as text: for each entry in order, a header line
/// `== NAME mode=OCTAL uid=N gid=N uname=U gname=G type=T size=N` and then its contents and
/// a newline. `scripts/cli_goldens.py` writes the same listing of Helm's archives.
pub fn archive_listing(tgz: &[u8]) -> String {
    let mut archive = tar::Archive::new(flate2::read::GzDecoder::new(tgz));
    let mut out = String::new();
    for entry in archive.entries().expect("the archive is a tar stream") {
        let mut entry = entry.expect("the archive entry reads");
        let h = entry.header().clone();
        let name = entry
            .path()
            .expect("the entry has a path")
            .to_string_lossy()
            .into_owned();
        let mut data = Vec::new();
        entry
            .read_to_end(&mut data)
            .expect("the entry's data reads");
        let _ = writeln!(
            out,
            "== {name} mode={:o} uid={} gid={} uname={} gname={} type={} size={}",
            h.mode().expect("the mode field parses"),
            h.uid().expect("the uid field parses"),
            h.gid().expect("the gid field parses"),
            h.username().ok().flatten().unwrap_or_default(),
            h.groupname().ok().flatten().unwrap_or_default(),
            char::from(h.entry_type().as_byte()),
            data.len(),
        );
        out.push_str(&String::from_utf8_lossy(&data));
        out.push('\n');
    }
    out
}

/// The modification time (Unix seconds) of every entry of a chart archive, by name.
pub fn archive_mtimes(tgz: &[u8]) -> BTreeMap<String, u64> {
    let mut archive = tar::Archive::new(flate2::read::GzDecoder::new(tgz));
    let mut out = BTreeMap::new();
    for entry in archive.entries().expect("the archive is a tar stream") {
        let entry = entry.expect("the archive entry reads");
        out.insert(
            entry
                .path()
                .expect("the entry has a path")
                .to_string_lossy()
                .into_owned(),
            entry.header().mtime().expect("the mtime field parses"),
        );
    }
    out
}
