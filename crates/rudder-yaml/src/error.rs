//! Errors of reading and writing YAML, JSON and TOML, worded as Helm's Go libraries word them.

/// A failure to read or write one of the formats.
///
/// `Display` prints the exact text Helm prints for the same failure, so callers can embed it
/// in Helm's messages (`fromYaml` stores it under the `Error` key).
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum Error {
    /// The YAML text is not well-formed. `reported_line` is the line number go-yaml puts into
    /// its message (0 for none; go-yaml counts parser errors from 0 and scanner errors from 1);
    /// `line` and `column` are the real 1-based position of the problem.
    #[error("error converting YAML to JSON: yaml: {}{problem}", line_prefix(*.reported_line))]
    YamlSyntax {
        /// libyaml's description of the problem.
        problem: String,
        /// The line go-yaml names in its message (0: none).
        reported_line: usize,
        /// 1-based line of the problem.
        line: usize,
        /// 1-based column of the problem.
        column: usize,
        /// Found while reading characters or tokens (libyaml's reader and scanner), not while
        /// putting tokens together (its parser).
        scanner: bool,
    },
    /// The YAML is well-formed but cannot be decoded (unknown anchor, bad merge, bad tag).
    #[error("error converting YAML to JSON: yaml: {message}")]
    YamlDecode {
        /// go-yaml's message.
        message: String,
        /// 1-based line of the node at fault, when known.
        line: Option<usize>,
    },
    /// The decoded YAML has no JSON form (a null or list key, a NaN).
    #[error("error converting YAML to JSON: {message}")]
    YamlToJson {
        /// sigs.k8s.io/yaml's or encoding/json's message.
        message: String,
    },
    /// The document's top-level type does not fit the requested Go type.
    #[error(
        "error unmarshaling JSON: while decoding JSON: json: cannot unmarshal {found} into Go value of type {target}"
    )]
    YamlTarget {
        /// JSON's name of what was found (`array`, `object`, `string`, `number`, `bool`).
        found: &'static str,
        /// The Go type asked for.
        target: &'static str,
    },
    /// A value has no JSON form (`json.Marshal` failed): NaN or an infinity.
    #[error("json: unsupported value: {value}")]
    JsonUnsupportedValue {
        /// Go's spelling of the value (`NaN`, `+Inf`, `-Inf`).
        value: String,
    },
    /// The JSON text is malformed, or does not fit the requested Go type.
    #[error("{message}")]
    Json {
        /// encoding/json's message.
        message: String,
        /// Byte offset of the problem.
        offset: usize,
    },
    /// go-yaml could not read back the JSON that `sigs.k8s.io/yaml.Marshal` wrote (the
    /// message starts with `yaml: `).
    #[error("{message}")]
    JsonToYaml {
        /// go-yaml's message.
        message: String,
    },
    /// `sigs.k8s.io/yaml.Marshal` failed in its JSON step.
    #[error("error marshaling into JSON: {0}")]
    MarshalJson(Box<Error>),
    /// BurntSushi's encoder panicked (it does on a nil document); the template fails even in
    /// the lenient `toToml`.
    #[error("{message}")]
    TomlPanic {
        /// The panic's message.
        message: String,
    },
    /// The value cannot be written as TOML, or TOML text cannot be read.
    #[error("{message}")]
    Toml {
        /// BurntSushi/toml's message.
        message: String,
    },
}

fn line_prefix(line: usize) -> String {
    if line == 0 {
        String::new()
    } else {
        format!("line {line}: ")
    }
}

/// The result of this crate's operations.
pub type Result<T, E = Error> = std::result::Result<T, E>;
