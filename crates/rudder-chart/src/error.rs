//! Errors of chart loading, values handling, dependency processing and schema validation.
//!
//! `Display` is Helm's message without the cause; [`helm_message`] joins the chain the way Go's
//! `%w` wrapping prints it (`cannot load values.yaml: ...`).

use std::path::PathBuf;

/// A boxed cause from another crate (YAML and JSON readers).
pub type Cause = Box<dyn std::error::Error + Send + Sync + 'static>;

/// `Result` with this crate's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything that can go wrong before rendering.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A path given to [`crate::load`] does not exist or cannot be inspected (Go's
    /// `stat x: no such file or directory`).
    #[error("stat {}", path.display())]
    Stat {
        /// The path.
        path: PathBuf,
        /// The I/O failure.
        #[source]
        source: std::io::Error,
    },
    /// A file of a chart directory or archive could not be read (`error reading %s`).
    #[error("error reading {name}")]
    Read {
        /// The file's name relative to the chart.
        name: String,
        /// The I/O failure.
        #[source]
        source: std::io::Error,
    },
    /// A values file could not be read (Go's `open x: no such file or directory`).
    #[error("open {path}")]
    Open {
        /// The file as given.
        path: String,
        /// The I/O failure, in Go's words for the common cases.
        #[source]
        source: std::io::Error,
    },
    /// An I/O failure with the path already named by `fs-err`.
    #[error(transparent)]
    Io(std::io::Error),
    /// `load_file` was given a directory.
    #[error("cannot load a directory")]
    CannotLoadDirectory,
    /// No `Chart.yaml` at the top of the chart.
    #[error("Chart.yaml file is missing")]
    ChartYamlMissing,
    /// A chart file could not be decoded (`cannot load Chart.yaml`, `cannot load values.yaml`).
    #[error("cannot load {file}")]
    CannotLoad {
        /// `Chart.yaml`, `Chart.lock`, `values.yaml`, `requirements.yaml` or `requirements.lock`.
        file: &'static str,
        /// What the decoder said.
        #[source]
        source: Cause,
    },
    /// Chart metadata failed validation (`validation: chart.metadata.name is required`).
    #[error("validation: {0}")]
    Validation(String),
    /// A subchart failed to load (`error unpacking subchart x in parent`).
    #[error("error unpacking subchart {name} in {parent}")]
    Subchart {
        /// The entry under `charts/`.
        name: String,
        /// The chart holding it.
        parent: String,
        /// Why it failed.
        #[source]
        source: Box<Error>,
    },
    /// A `.tgz` under `charts/` holds more than one file name.
    #[error("error unpacking subchart tar in {parent}: expected {expected}, got {got}")]
    SubchartTarName {
        /// The chart holding it.
        parent: String,
        /// The archive name.
        expected: String,
        /// The entry found.
        got: String,
    },
    /// A file is not a gzip archive.
    #[error("file '{path}' does not appear to be a gzipped archive; got '{content_type}'")]
    NotGzip {
        /// The file.
        path: String,
        /// What Go's `http.DetectContentType` would call it.
        content_type: String,
    },
    /// A YAML file was given where an archive was expected.
    #[error("file '{path}' seems to be a YAML file, but expected a gzipped archive")]
    YamlNotArchive {
        /// The file.
        path: String,
    },
    /// The gzip header is broken.
    #[error(
        "file '{path}' does not appear to be a valid chart file (details: gzip: invalid header)"
    )]
    InvalidChartFile {
        /// The file.
        path: String,
    },
    /// gzip or tar decoding failed.
    #[error("{0}")]
    Archive(String),
    /// An archive entry has an absolute path.
    #[error("chart illegally contains absolute paths")]
    AbsolutePath,
    /// An archive entry names the base directory itself.
    #[error(
        "chart illegally contains content outside the base directory: {}",
        go_quote(name)
    )]
    OutsideBase {
        /// The entry.
        name: String,
    },
    /// An archive entry climbs out of the chart with `..`.
    #[error("chart illegally references parent directory")]
    ParentReference,
    /// An archive entry has a Windows drive name.
    #[error("chart contains illegally named files")]
    IllegalName,
    /// `Chart.yaml` is not inside a top directory.
    #[error("chart yaml not in base directory")]
    ChartYamlNotInBase,
    /// The archive decompresses to more than the chart size limit.
    #[error("decompressed chart is larger than the maximum size {max}")]
    ChartTooLarge {
        /// The limit in bytes.
        max: u64,
    },
    /// One archive entry is larger than the file size limit.
    #[error(
        "decompressed chart file {} is larger than the maximum file size {max}",
        go_quote(name)
    )]
    ArchiveFileTooLarge {
        /// The entry.
        name: String,
        /// The limit in bytes.
        max: u64,
    },
    /// One file of a chart directory is larger than the file size limit.
    #[error(
        "chart file {} is larger than the maximum file size {max}",
        go_quote(name)
    )]
    FileTooLarge {
        /// The file's base name.
        name: String,
        /// The limit in bytes.
        max: u64,
    },
    /// An archive without files.
    #[error("no files in chart archive")]
    NoFiles,
    /// A device, socket or pipe inside a chart directory.
    #[error("cannot load irregular file {path} as it has file mode type bits set")]
    IrregularFile {
        /// The full path.
        path: String,
    },
    /// A symbolic link that does not resolve.
    #[error("error evaluating symlink {path}")]
    Symlink {
        /// The link.
        path: String,
        /// Why it failed.
        #[source]
        source: std::io::Error,
    },
    /// A `.helmignore` rule uses `**`.
    #[error("double-star (**) syntax is not supported")]
    IgnoreDoubleStar,
    /// A `.helmignore` rule is not a valid pattern (Go's `filepath.ErrBadPattern`).
    #[error("syntax error in pattern")]
    BadPattern,
    /// A values file could not be parsed (`failed to parse values.yaml`).
    #[error("failed to parse {path}")]
    ValuesFile {
        /// The file as given.
        path: String,
        /// Why.
        #[source]
        source: Box<Error>,
    },
    /// One YAML document of a values file did not decode.
    #[error("cannot unmarshal yaml document")]
    ValuesDocument {
        /// The decoder's message.
        #[source]
        source: Cause,
    },
    /// A `--set` family flag did not parse (`failed parsing --set data`).
    #[error("failed parsing {flag} data")]
    Set {
        /// `--set`, `--set-string`, `--set-file` or `--set-literal`.
        flag: &'static str,
        /// The parser's error.
        #[source]
        source: SetError,
    },
    /// A `--set-json` value did not parse. Helm prints the value, not the cause.
    #[error("failed parsing --set-json data {value}")]
    SetJson {
        /// The flag's value as given.
        value: String,
    },
    /// A `--set-json` object did not parse.
    #[error("failed parsing --set-json data JSON: {value}")]
    SetJsonObject {
        /// The flag's value as given.
        value: String,
    },
    /// A subchart's values are not a table (`type mismatch on x: %t`).
    #[error("type mismatch on {name}: {}", crate::gofmt::format_t(value))]
    TypeMismatch {
        /// The subchart.
        name: String,
        /// The value found in its place.
        value: rudder_value::Value,
    },
    /// Dependencies of Chart.yaml without a chart in `charts/`.
    #[error("found in Chart.yaml, but missing in charts/ directory: {}", names.join(", "))]
    MissingDependencies {
        /// Their names, in Chart.yaml order.
        names: Vec<String>,
    },
    /// Values do not satisfy `values.schema.json` (the full Helm message, chart by chart).
    #[error(
        "values don't meet the specifications of the schema(s) in the following chart(s):\n{report}"
    )]
    Schema {
        /// One block per failing chart: `name:\n- at '...': ...\n`.
        report: String,
    },
}

/// Errors of the `--set` parser, in Helm's `pkg/strvals` words.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum SetError {
    /// `key "x" has no value`.
    #[error("key {} has no value", go_quote(key))]
    NoValue {
        /// The key.
        key: String,
    },
    /// `key "x" has no value (cannot end with ,)`.
    #[error("key {} has no value (cannot end with ,)", go_quote(key))]
    NoValueComma {
        /// The key.
        key: String,
    },
    /// `key map "x" has no value`.
    #[error("key map {} has no value", go_quote(key))]
    EmptyMap {
        /// The key.
        key: String,
    },
    /// Too many dots in one name.
    #[error("value name nested level is greater than maximum supported nested level of {max}")]
    TooDeep {
        /// The limit (30).
        max: usize,
    },
    /// An index that is not an integer (`error parsing index: strconv.Atoi: ...`).
    #[error("error parsing index: strconv.Atoi: parsing {}: {}", go_quote(text), if *range { "value out of range" } else { "invalid syntax" })]
    BadIndex {
        /// The text between the brackets.
        text: String,
        /// True when the number is too large, false when it is not a number.
        range: bool,
    },
    /// A negative index.
    #[error("negative {index} index not allowed")]
    NegativeIndex {
        /// The index.
        index: i64,
    },
    /// An index over 65536.
    #[error("index of {index} is greater than maximum supported index of {max}")]
    IndexTooLarge {
        /// The index.
        index: i64,
        /// The limit.
        max: i64,
    },
    /// Text between `]` and the next `[`, `.` or `=` (printed as Go's `%q` of a rune slice).
    #[error(
        "unexpected data at end of array index: {}",
        crate::gofmt::quote_runes(data)
    )]
    AfterIndex {
        /// The text.
        data: String,
    },
    /// A `{a,b` list without its `}`.
    #[error("list must terminate with '}}'")]
    UnterminatedList,
    /// Go's panic on a type assertion, recovered by Helm (`unable to parse key: interface
    /// conversion: interface {} is string, not []interface {}`).
    #[error("unable to parse key: interface conversion: interface {{}} is {found}, not {wanted}")]
    Conversion {
        /// Go's name of the type found (`nil` for a null).
        found: String,
        /// Go's name of the type wanted.
        wanted: &'static str,
    },
    /// A `--set-json` value that is not JSON.
    #[error("{message}")]
    Json {
        /// The decoder's message.
        message: String,
    },
    /// A `--set-file` file could not be read.
    #[error("{message}")]
    File {
        /// What went wrong.
        message: String,
    },
}

/// An I/O error with Go's wording of the common errno texts, so that [`helm_message`] prints
/// what Helm prints (`no such file or directory`).
pub(crate) fn go_io_error(e: &std::io::Error) -> std::io::Error {
    use std::io::ErrorKind;
    let text = match e.kind() {
        ErrorKind::NotFound => "no such file or directory",
        ErrorKind::PermissionDenied => "permission denied",
        ErrorKind::NotADirectory => "not a directory",
        ErrorKind::IsADirectory => "is a directory",
        _ => return std::io::Error::new(e.kind(), e.to_string()),
    };
    std::io::Error::new(e.kind(), text)
}

/// Helm's one-line message for an error: its `Display`, then each `source()` after `": "`, as
/// Go's `fmt.Errorf("...: %w", err)` chains print.
pub fn helm_message(err: &(dyn std::error::Error + 'static)) -> String {
    let mut out = err.to_string();
    let mut cur = err.source();
    while let Some(e) = cur {
        let text = e.to_string();
        if !text.is_empty() {
            out.push_str(": ");
            out.push_str(&text);
        }
        cur = e.source();
    }
    out
}

/// Go's `strconv.Quote` (what `%q` prints for a string).
pub(crate) fn go_quote(s: &str) -> String {
    crate::gofmt::quote(s)
}
