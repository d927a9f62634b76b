//! Masterminds/semver v3 versions and constraints, as Helm and Sprig use them.
//!
//! Helm checks chart versions, dependency ranges and `kubeVersion` with Masterminds' grammar,
//! which no Rust crate follows (`1.2 - 1.4.5` ranges, `,` as AND, `1.x`, `!=`, a `v` prefix,
//! partial versions, and its own pre-release rule: a constraint without a pre-release part
//! never matches a pre-release version). This crate follows `version.go` and
//! `constraints.go` of Masterminds/semver, with `CoerceNewVersion` on, as Helm runs it.
//!
//! ```
//! use rudder_semver::{Constraints, Version};
//!
//! let c = Constraints::parse(">= 1.21-0").unwrap();
//! assert!(c.check(&Version::parse("v1.30.2").unwrap()));
//! assert!(!Constraints::parse("^1.2").unwrap().check(&Version::parse("1.3.0-beta").unwrap()));
//! ```

use std::cmp::Ordering;
use std::fmt;
use std::sync::LazyLock;

use regex::Regex;
use rudder_value::strconv::quote;

/// Why a version or a constraint did not parse, worded as Masterminds/semver words it.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum Error {
    /// `invalid semantic version`
    #[error("invalid semantic version")]
    InvalidSemVer,
    /// `version string empty` (strict parsing only).
    #[error("version string empty")]
    EmptyString,
    /// `invalid characters in version` (strict parsing only).
    #[error("invalid characters in version")]
    InvalidCharacters,
    /// `invalid prerelease string`
    #[error("invalid prerelease string")]
    InvalidPrerelease,
    /// `invalid metadata string`
    #[error("invalid metadata string")]
    InvalidMetadata,
    /// An empty strict version segment (`1..2`), as `strconv.ParseUint` words it.
    #[error("strconv.ParseUint: parsing \"\": invalid syntax")]
    StrictEmptySegment,
    /// A strict version's segment that does not fit a `uint64`, as `strconv.ParseUint` words it.
    #[error("strconv.ParseUint: parsing {}: value out of range", quote(.segment))]
    StrictOutOfRange {
        /// The digits as written.
        segment: String,
    },
    /// `version segment starts with 0` (a numeric pre-release part with a leading zero).
    #[error("version segment starts with 0")]
    SegmentStartsZero,
    /// A numeric segment that does not fit a `uint64`.
    #[error("error parsing version segment: strconv.ParseUint: parsing {}: value out of range", quote(.segment))]
    SegmentOutOfRange {
        /// The digits as written.
        segment: String,
    },
    /// `improper constraint: "..."`
    #[error("improper constraint: {}", quote(.constraint))]
    ImproperConstraint {
        /// The part of the constraint that did not match the grammar.
        constraint: String,
    },
    /// `constraint parser error`: a constraint's version part did not parse.
    #[error("constraint parser error")]
    ConstraintParser,
}

/// A semantic version as Masterminds/semver parses it: `v` prefix, missing minor and patch,
/// and leading zeros are accepted; the text as written is kept in [`Version::original`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Version {
    major: u64,
    minor: u64,
    patch: u64,
    pre: String,
    metadata: String,
    original: String,
}

fn parse_u64(digits: &str) -> Result<u64, Error> {
    digits.parse().map_err(|_| Error::SegmentOutOfRange {
        segment: digits.to_owned(),
    })
}

fn is_ident_char(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'-'
}

/// Length of a dot-separated run of non-empty `[0-9A-Za-z-]+` identifiers at the start of
/// `s`, or `None` when `s` does not start with one. A trailing dot is not consumed.
fn idents_len(s: &[u8]) -> Option<usize> {
    let mut end = 0;
    let mut pos = 0;
    loop {
        let start = pos;
        while pos < s.len() && is_ident_char(s[pos]) {
            pos += 1;
        }
        if pos == start {
            return (end > 0).then_some(end);
        }
        end = pos;
        if pos < s.len() && s[pos] == b'.' {
            pos += 1;
        } else {
            return Some(end);
        }
    }
}

fn validate_prerelease(pre: &str) -> Result<(), Error> {
    for part in pre.split('.') {
        if part.is_empty() {
            return Err(Error::InvalidPrerelease);
        }
        if part.bytes().all(|b| b.is_ascii_digit()) {
            if part.len() > 1 && part.starts_with('0') {
                return Err(Error::SegmentStartsZero);
            }
        } else if !part.bytes().all(is_ident_char) {
            return Err(Error::InvalidPrerelease);
        }
    }
    Ok(())
}

fn validate_metadata(meta: &str) -> Result<(), Error> {
    if meta
        .split('.')
        .any(|part| part.is_empty() || !part.bytes().all(is_ident_char))
    {
        return Err(Error::InvalidMetadata);
    }
    Ok(())
}

impl Version {
    /// Parses a version as `semver.NewVersion` does (Masterminds' loose grammar
    /// `v?N(.N)?(.N)?(-pre)?(+meta)?`).
    pub fn parse(text: &str) -> Result<Version, Error> {
        let b = text.as_bytes();
        let mut pos = usize::from(b.first() == Some(&b'v'));
        let mut numbers = [None::<&str>; 3];
        for (i, slot) in numbers.iter_mut().enumerate() {
            if i > 0 {
                if b.get(pos) != Some(&b'.') || !b.get(pos + 1).is_some_and(u8::is_ascii_digit) {
                    break;
                }
                pos += 1;
            }
            let start = pos;
            while b.get(pos).is_some_and(u8::is_ascii_digit) {
                pos += 1;
            }
            if pos == start {
                return Err(Error::InvalidSemVer);
            }
            *slot = Some(&text[start..pos]);
        }
        let mut pre = "";
        if b.get(pos) == Some(&b'-') {
            let len = idents_len(&b[pos + 1..]).ok_or(Error::InvalidSemVer)?;
            pre = &text[pos + 1..pos + 1 + len];
            pos += 1 + len;
        }
        let mut metadata = "";
        if b.get(pos) == Some(&b'+') {
            let len = idents_len(&b[pos + 1..]).ok_or(Error::InvalidSemVer)?;
            metadata = &text[pos + 1..pos + 1 + len];
            pos += 1 + len;
        }
        if pos != b.len() {
            return Err(Error::InvalidSemVer);
        }
        let [major, minor, patch] = numbers;
        let version = Version {
            major: parse_u64(major.unwrap_or("0"))?,
            minor: minor.map_or(Ok(0), parse_u64)?,
            patch: patch.map_or(Ok(0), parse_u64)?,
            pre: pre.to_owned(),
            metadata: metadata.to_owned(),
            original: text.to_owned(),
        };
        if !version.pre.is_empty() {
            validate_prerelease(&version.pre)?;
        }
        Ok(version)
    }

    /// Parses a version as `semver.StrictNewVersion` does: exactly `MAJOR.MINOR.PATCH`, no
    /// `v` prefix, no leading zeros (Helm's lint and `dependency` use this).
    pub fn parse_strict(text: &str) -> Result<Version, Error> {
        if text.is_empty() {
            return Err(Error::EmptyString);
        }
        let mut parts: Vec<&str> = text.splitn(3, '.').collect();
        if parts.len() != 3 {
            return Err(Error::InvalidSemVer);
        }
        let mut metadata = "";
        let mut pre = "";
        if let Some((rest, meta)) = parts[2].split_once('+') {
            metadata = meta;
            parts[2] = rest;
            validate_metadata(metadata)?;
        }
        if let Some((rest, p)) = parts[2].split_once('-') {
            pre = p;
            parts[2] = rest;
            validate_prerelease(pre)?;
        }
        for part in &parts {
            if !part.bytes().all(|b| b.is_ascii_digit()) {
                return Err(Error::InvalidCharacters);
            }
            if part.len() > 1 && part.starts_with('0') {
                return Err(Error::SegmentStartsZero);
            }
        }
        let number = |digits: &str| -> Result<u64, Error> {
            if digits.is_empty() {
                return Err(Error::StrictEmptySegment);
            }
            digits.parse().map_err(|_| Error::StrictOutOfRange {
                segment: digits.to_owned(),
            })
        };
        Ok(Version {
            major: number(parts[0])?,
            minor: number(parts[1])?,
            patch: number(parts[2])?,
            pre: pre.to_owned(),
            metadata: metadata.to_owned(),
            original: text.to_owned(),
        })
    }

    /// A version from its parts; [`Version::original`] is its canonical text.
    pub fn new(major: u64, minor: u64, patch: u64, pre: &str, metadata: &str) -> Version {
        let mut v = Version {
            major,
            minor,
            patch,
            pre: pre.to_owned(),
            metadata: metadata.to_owned(),
            original: String::new(),
        };
        v.original = v.to_string();
        v
    }

    /// The major number.
    pub fn major(&self) -> u64 {
        self.major
    }

    /// The minor number.
    pub fn minor(&self) -> u64 {
        self.minor
    }

    /// The patch number.
    pub fn patch(&self) -> u64 {
        self.patch
    }

    /// The pre-release part without its `-`, or "".
    pub fn prerelease(&self) -> &str {
        &self.pre
    }

    /// The build metadata without its `+`, or "".
    pub fn metadata(&self) -> &str {
        &self.metadata
    }

    /// The text the version was parsed from.
    pub fn original(&self) -> &str {
        &self.original
    }

    /// Masterminds' `SetPrerelease`: a copy with another pre-release part (validated unless
    /// empty), its original text rebuilt.
    pub fn set_prerelease(&self, pre: &str) -> Result<Version, Error> {
        if !pre.is_empty() {
            validate_prerelease(pre)?;
        }
        let mut next = self.clone();
        pre.clone_into(&mut next.pre);
        Ok(next.with_original(self.v_prefix()))
    }

    /// Masterminds' `SetMetadata`: a copy with other build metadata (validated unless empty),
    /// its original text rebuilt.
    pub fn set_metadata(&self, metadata: &str) -> Result<Version, Error> {
        if !metadata.is_empty() {
            validate_metadata(metadata)?;
        }
        let mut next = self.clone();
        metadata.clone_into(&mut next.metadata);
        Ok(next.with_original(self.v_prefix()))
    }

    fn v_prefix(&self) -> &'static str {
        if self.original.starts_with('v') {
            "v"
        } else {
            ""
        }
    }

    fn with_original(mut self, prefix: &str) -> Version {
        self.original = format!("{prefix}{self}");
        self
    }

    /// `IncPatch`: drops the pre-release, or else adds one to the patch number.
    pub fn inc_patch(&self) -> Version {
        let mut next = self.clone();
        next.metadata.clear();
        if next.pre.is_empty() {
            next.patch = next.patch.wrapping_add(1);
        } else {
            next.pre.clear();
        }
        next.with_original(self.v_prefix())
    }

    /// `IncMinor`
    pub fn inc_minor(&self) -> Version {
        let next = Version::new(self.major, self.minor.wrapping_add(1), 0, "", "");
        next.with_original(self.v_prefix())
    }

    /// `IncMajor`
    pub fn inc_major(&self) -> Version {
        let next = Version::new(self.major.wrapping_add(1), 0, 0, "", "");
        next.with_original(self.v_prefix())
    }

    /// Masterminds' precedence: numbers, then a release above its pre-releases, then the
    /// pre-release parts; metadata is ignored.
    pub fn compare(&self, other: &Version) -> Ordering {
        (self.major, self.minor, self.patch)
            .cmp(&(other.major, other.minor, other.patch))
            .then_with(|| match (self.pre.is_empty(), other.pre.is_empty()) {
                (true, true) => Ordering::Equal,
                (true, false) => Ordering::Greater,
                (false, true) => Ordering::Less,
                (false, false) => compare_prerelease(&self.pre, &other.pre),
            })
    }
}

impl fmt::Display for Version {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}.{}", self.major, self.minor, self.patch)?;
        if !self.pre.is_empty() {
            write!(f, "-{}", self.pre)?;
        }
        if !self.metadata.is_empty() {
            write!(f, "+{}", self.metadata)?;
        }
        Ok(())
    }
}

fn compare_prerelease(a: &str, b: &str) -> Ordering {
    let pa: Vec<&str> = a.split('.').collect();
    let pb: Vec<&str> = b.split('.').collect();
    for i in 0..pa.len().max(pb.len()) {
        let d = compare_pre_part(
            pa.get(i).copied().unwrap_or(""),
            pb.get(i).copied().unwrap_or(""),
        );
        if d != Ordering::Equal {
            return d;
        }
    }
    Ordering::Equal
}

/// One dot-separated pre-release part: a missing part sorts first, numbers below words,
/// words by bytes. Two different spellings of one number (not possible after validation)
/// compare unequal, as in Masterminds.
fn compare_pre_part(s: &str, o: &str) -> Ordering {
    if s == o {
        return Ordering::Equal;
    }
    if s.is_empty() {
        return Ordering::Less;
    }
    if o.is_empty() {
        return Ordering::Greater;
    }
    match (s.parse::<u64>(), o.parse::<u64>()) {
        (Err(_), Err(_)) => s.cmp(o),
        (Ok(_), Err(_)) => Ordering::Less,
        (Err(_), Ok(_)) => Ordering::Greater,
        (Ok(a), Ok(b)) => {
            if a > b {
                Ordering::Greater
            } else {
                Ordering::Less
            }
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Op {
    TildeOrEqual,
    NotEqual,
    Greater,
    Less,
    GreaterEqual,
    LessEqual,
    Tilde,
    Caret,
}

impl Op {
    fn from_text(op: &str) -> Option<Op> {
        Some(match op {
            "" | "=" => Op::TildeOrEqual,
            "!=" => Op::NotEqual,
            ">" => Op::Greater,
            "<" => Op::Less,
            ">=" | "=>" => Op::GreaterEqual,
            "<=" | "=<" => Op::LessEqual,
            "~" | "~>" => Op::Tilde,
            "^" => Op::Caret,
            _ => return None,
        })
    }
}

#[derive(Clone, Debug)]
struct Constraint {
    op: Op,
    op_text: String,
    /// The version as written after the operator.
    orig: String,
    con: Version,
    dirty: bool,
    minor_dirty: bool,
    patch_dirty: bool,
}

/// A parsed constraint: `||`-separated groups of constraints that must all hold.
#[derive(Clone, Debug)]
pub struct Constraints {
    groups: Vec<Vec<Constraint>>,
    /// Per group: some constraint names a pre-release, so pre-release versions may match.
    contains_pre: Vec<bool>,
}

// Masterminds' grammar, with Go's `\s` spelled out: Rust's `\s` also matches \v and Unicode
// spaces. Every one of these has leftmost-first alternation in both engines, which the
// operator list relies on (`>` is tried before `>=` and backtracked from).
const WS: &str = r"[\t\n\f\r ]";
const OPS: &str = r"=||!=|>|<|>=|=>|<=|=<|~|~>|\^";
const CV: &str = r"v?([0-9|x|X|\*]+)(\.[0-9|x|X|\*]+)?(\.[0-9|x|X|\*]+)?(-([0-9A-Za-z\-]+(\.[0-9A-Za-z\-]+)*))?(\+([0-9A-Za-z\-]+(\.[0-9A-Za-z\-]+)*))?";

fn regex(pattern: &str) -> Regex {
    Regex::new(pattern).expect("the constraint grammar is a fixed, valid pattern")
}

static CONSTRAINT: LazyLock<Regex> =
    LazyLock::new(|| regex(&format!(r"^{WS}*({OPS}){WS}*({CV}){WS}*$")));
static RANGE: LazyLock<Regex> =
    LazyLock::new(|| regex(&format!(r"{WS}*({CV}){WS}+-{WS}+({CV}){WS}*")));
static FIND: LazyLock<Regex> = LazyLock::new(|| regex(&format!(r"({OPS}){WS}*({CV})")));
static VALID: LazyLock<Regex> = LazyLock::new(|| {
    regex(&format!(
        r"^({WS}*({OPS}){WS}*({CV}){WS}*)((?:{WS}+|,{WS}*)({OPS}){WS}*({CV}){WS}*)*$"
    ))
});

fn is_x(s: &str) -> bool {
    matches!(s, "x" | "X" | "*")
}

/// Turns each hyphen range `A - B` into `>= A, <= B `.
fn rewrite_range(text: &str) -> String {
    let mut out = text.to_owned();
    for caps in RANGE.captures_iter(text) {
        let whole = caps.get(0).map_or("", |m| m.as_str());
        let from = caps.get(1).map_or("", |m| m.as_str());
        let to = caps.get(11).map_or("", |m| m.as_str());
        out = out.replacen(whole, &format!(">= {from}, <= {to} "), 1);
    }
    out
}

fn parse_constraint(text: &str) -> Result<Constraint, Error> {
    let improper = || Error::ImproperConstraint {
        constraint: text.to_owned(),
    };
    let caps = CONSTRAINT.captures(text).ok_or_else(improper)?;
    let group = |i: usize| caps.get(i).map_or("", |m| m.as_str());
    let parts = Parts {
        op: group(1),
        version: group(2),
        major: group(3),
        minor: group(4),
        patch: group(5),
        pre: group(6),
    };
    constraint_from(text, &parts)
}

/// The groups of [`CONSTRAINT`] that a constraint is built from (minor, patch and pre-release
/// keep their leading `.` and `-`).
struct Parts<'a> {
    op: &'a str,
    version: &'a str,
    major: &'a str,
    minor: &'a str,
    patch: &'a str,
    pre: &'a str,
}

/// The common simple form, an optional operator and a plain version, wildcards and blanks
/// after the operator allowed (`1.2`, `>=1.21.0-0`, `^2`, `0.12.*`, `> 1.20.0-0`), split as
/// [`CONSTRAINT`] splits it without compiling the grammar's regular expressions; `None` for
/// anything else, which takes the general path. Such text has no `||`, no hyphen range (that
/// needs blanks on both sides of the `-`) and one constraint.
fn simple_parts(text: &str) -> Option<Parts<'_>> {
    let op_len = text
        .bytes()
        .take_while(|b| matches!(b, b'=' | b'!' | b'<' | b'>' | b'~' | b'^'))
        .count();
    let (op, version) = text.split_at(op_len);
    Op::from_text(op)?;
    // Blanks between the operator and the version (`> 1.20.0-0`), as `{WS}*` allows them.
    let version = version.trim_start_matches(['\t', '\n', '\x0C', '\r', ' ']);
    let body = version.strip_prefix('v').unwrap_or(version);
    // A version part as the grammar's `[0-9|x|X|\*]+` takes it: kept when it is all digits
    // or a lone wildcard, anything else (`1x`, `|`) left to the general path.
    let digits = |s: &str| {
        let run = s
            .bytes()
            .take_while(|b| b.is_ascii_digit() || matches!(b, b'x' | b'X' | b'*' | b'|'))
            .count();
        let part = &s[..run];
        if part.bytes().all(|b| b.is_ascii_digit()) || is_x(part) {
            run
        } else {
            usize::MAX
        }
    };
    let major_len = digits(body);
    if major_len == 0 || major_len == usize::MAX {
        return None;
    }
    let (major, mut rest) = body.split_at(major_len);
    let mut dotted = || {
        let n = rest.strip_prefix('.').map_or(0, digits);
        if n == 0 || n == usize::MAX {
            return "";
        }
        let (part, after) = rest.split_at(n + 1);
        rest = after;
        part
    };
    let minor = dotted();
    let patch = if minor.is_empty() { "" } else { dotted() };
    let pre = match rest.strip_prefix('-') {
        None if rest.is_empty() => "",
        None => return None,
        Some(ids) => {
            let valid = !ids.is_empty()
                && ids.split('.').all(|id| {
                    !id.is_empty() && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
                });
            if !valid {
                return None;
            }
            rest
        }
    };
    Some(Parts {
        op,
        version,
        major,
        minor,
        patch,
        pre,
    })
}

fn constraint_from(text: &str, parts: &Parts<'_>) -> Result<Constraint, Error> {
    let improper = || Error::ImproperConstraint {
        constraint: text.to_owned(),
    };
    let op_text = parts.op;
    let op = Op::from_text(op_text).ok_or_else(improper)?;
    let (major, minor, patch, pre) = (parts.major, parts.minor, parts.patch, parts.pre);
    let (mut dirty, mut minor_dirty, mut patch_dirty) = (false, false, false);
    let ver = if is_x(major) {
        dirty = true;
        format!("0.0.0{pre}")
    } else if minor.is_empty() || is_x(&minor[1..]) {
        dirty = true;
        minor_dirty = true;
        format!("{major}.0.0{pre}")
    } else if patch.is_empty() || is_x(&patch[1..]) {
        dirty = true;
        patch_dirty = true;
        format!("{major}{minor}.0{pre}")
    } else {
        parts.version.to_owned()
    };
    let con = Version::parse(&ver).map_err(|_| Error::ConstraintParser)?;
    Ok(Constraint {
        op,
        op_text: op_text.to_owned(),
        orig: parts.version.to_owned(),
        con,
        dirty,
        minor_dirty,
        patch_dirty,
    })
}

impl Constraints {
    /// Parses a constraint as `semver.NewConstraint` does.
    pub fn parse(text: &str) -> Result<Constraints, Error> {
        if let Some(parts) = simple_parts(text) {
            let c = constraint_from(text, &parts)?;
            return Ok(Constraints {
                contains_pre: vec![!c.con.pre.is_empty()],
                groups: vec![vec![c]],
            });
        }
        Self::parse_general(text)
    }

    /// [`Constraints::parse`] by Masterminds' regular expressions, for any text.
    fn parse_general(text: &str) -> Result<Constraints, Error> {
        let rewritten = rewrite_range(text);
        let mut groups = Vec::new();
        let mut contains_pre = Vec::new();
        for part in rewritten.split("||") {
            if !VALID.is_match(part) {
                return Err(Error::ImproperConstraint {
                    constraint: part.to_owned(),
                });
            }
            let mut group = Vec::new();
            let mut has_pre = false;
            for found in FIND.find_iter(part) {
                let c = parse_constraint(found.as_str())?;
                has_pre |= !c.con.pre.is_empty();
                group.push(c);
            }
            groups.push(group);
            contains_pre.push(has_pre);
        }
        Ok(Constraints {
            groups,
            contains_pre,
        })
    }

    /// True when `version` satisfies every constraint of at least one `||` group.
    pub fn check(&self, version: &Version) -> bool {
        self.groups
            .iter()
            .zip(&self.contains_pre)
            .any(|(group, &pre)| group.iter().all(|c| c.check(version, pre)))
    }
}

impl fmt::Display for Constraints {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, group) in self.groups.iter().enumerate() {
            if i > 0 {
                f.write_str(" || ")?;
            }
            for (j, c) in group.iter().enumerate() {
                if j > 0 {
                    f.write_str(" ")?;
                }
                write!(f, "{}{}", c.op_text, c.orig)?;
            }
        }
        Ok(())
    }
}

impl Constraint {
    fn check(&self, v: &Version, include_pre: bool) -> bool {
        if !v.pre.is_empty() && !include_pre {
            return false;
        }
        let c = &self.con;
        match self.op {
            Op::TildeOrEqual => {
                if self.dirty {
                    self.tilde(v)
                } else {
                    v.compare(c) == Ordering::Equal
                }
            }
            Op::NotEqual => self.not_equal(v),
            Op::Greater => {
                if !self.dirty {
                    return v.compare(c) == Ordering::Greater;
                }
                match v.major.cmp(&c.major) {
                    Ordering::Greater => true,
                    Ordering::Less => false,
                    Ordering::Equal if self.minor_dirty => false,
                    Ordering::Equal if self.patch_dirty => v.minor > c.minor,
                    Ordering::Equal => v.compare(c) == Ordering::Greater,
                }
            }
            Op::Less => v.compare(c) == Ordering::Less,
            Op::GreaterEqual => v.compare(c) != Ordering::Less,
            Op::LessEqual => {
                if !self.dirty {
                    return v.compare(c) != Ordering::Greater;
                }
                !(v.major > c.major
                    || (v.major == c.major && v.minor > c.minor && !self.minor_dirty))
            }
            Op::Tilde => self.tilde(v),
            Op::Caret => self.caret(v),
        }
    }

    fn not_equal(&self, v: &Version) -> bool {
        let c = &self.con;
        if self.dirty {
            if c.major != v.major {
                return true;
            }
            if c.minor != v.minor && !self.minor_dirty {
                return true;
            } else if self.minor_dirty {
                return false;
            } else if c.patch != v.patch && !self.patch_dirty {
                return true;
            } else if self.patch_dirty {
                if !v.pre.is_empty() || !c.pre.is_empty() {
                    return compare_prerelease(&v.pre, &c.pre) != Ordering::Equal;
                }
                return false;
            }
        }
        v.compare(c) != Ordering::Equal
    }

    fn tilde(&self, v: &Version) -> bool {
        let c = &self.con;
        if v.compare(c) == Ordering::Less {
            return false;
        }
        if c.major == 0 && c.minor == 0 && c.patch == 0 && !self.minor_dirty && !self.patch_dirty {
            return true;
        }
        v.major == c.major && (v.minor == c.minor || self.minor_dirty)
    }

    fn caret(&self, v: &Version) -> bool {
        let c = &self.con;
        if v.compare(c) == Ordering::Less {
            return false;
        }
        if c.major > 0 || self.minor_dirty {
            return v.major == c.major;
        }
        if v.major > 0 {
            return false;
        }
        if c.minor > 0 || self.patch_dirty {
            return v.minor == c.minor;
        }
        if v.minor > 0 {
            return false;
        }
        c.patch == v.patch
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The shortcut for simple constraints gives what Masterminds' regular expressions give,
    /// errors included.
    #[test]
    fn simple_constraints_parse_as_the_grammar_does() {
        let ops = [
            "", "=", "!=", ">", "<", ">=", "=>", "<=", "=<", "~", "~>", "^", "==", "!", "<>",
        ];
        let versions = [
            "1",
            "1.2",
            "1.2.3",
            "v1.2.3",
            "01.2.3",
            "1.02",
            "1.2.3-0",
            "1.2.3-rc.1",
            "1.2-alpha",
            "1-beta",
            "1.2.3-",
            "1.2.3-a..b",
            "1.2.3-a_b",
            "1.2.3+meta",
            "1.x",
            "1.2.*",
            "x",
            "",
            "1.",
            "1.2.3.4",
            "v",
            "1.2.3-rc-1.x-y",
            "99999999999999999999",
            "1 ",
            " 1",
            "1 - 2",
            "1,2",
            "1||2",
            "1.2.x",
            "x.1",
            "1.*.3",
            "*",
            "1.X",
            "1.xx",
            "1.2.x-rc",
            "0.12.*",
            "1.|",
            "1|2",
            "X.x.*",
            "1.2.3.x",
            "*-0",
            "1x",
            "1.2*",
            " 1.2.3-0",
            "\t1",
            "  1.x",
            " \x0C1-rc",
            "  ",
        ];
        for op in ops {
            for v in versions {
                let text = format!("{op}{v}");
                assert_eq!(
                    format!("{:?}", Constraints::parse(&text)),
                    format!("{:?}", Constraints::parse_general(&text)),
                    "{text:?}"
                );
            }
        }
    }

    fn check(c: &str, v: &str) -> bool {
        Constraints::parse(c)
            .unwrap()
            .check(&Version::parse(v).unwrap())
    }

    #[test]
    fn parses_loose_versions() {
        let v = Version::parse("v1.2").unwrap();
        assert_eq!((v.major(), v.minor(), v.patch()), (1, 2, 0));
        assert_eq!(v.original(), "v1.2");
        assert_eq!(v.to_string(), "1.2.0");
        let v = Version::parse("01.02.03-rc.1+build.5").unwrap();
        assert_eq!(v.to_string(), "1.2.3-rc.1+build.5");
        assert_eq!(Version::parse("1.2.3.4"), Err(Error::InvalidSemVer));
        assert_eq!(Version::parse(""), Err(Error::InvalidSemVer));
        assert_eq!(Version::parse("1.2.3-01"), Err(Error::SegmentStartsZero));
        assert_eq!(Version::parse("1.2.3-a..b"), Err(Error::InvalidSemVer));
        assert_eq!(Version::parse("1.2.3+a..b"), Err(Error::InvalidSemVer));
        assert_eq!(
            Version::parse("99999999999999999999")
                .unwrap_err()
                .to_string(),
            "error parsing version segment: strconv.ParseUint: parsing \"99999999999999999999\": value out of range"
        );
    }

    #[test]
    fn parses_strict_versions() {
        assert_eq!(
            Version::parse_strict("1.2.3-rc.1+b").unwrap().to_string(),
            "1.2.3-rc.1+b"
        );
        assert_eq!(Version::parse_strict(""), Err(Error::EmptyString));
        assert_eq!(Version::parse_strict("1.2"), Err(Error::InvalidSemVer));
        assert_eq!(
            Version::parse_strict("1..2"),
            Err(Error::StrictEmptySegment)
        );
        assert_eq!(
            Version::parse_strict("v1.2.3"),
            Err(Error::InvalidCharacters)
        );
        assert_eq!(
            Version::parse_strict("1.02.3"),
            Err(Error::SegmentStartsZero)
        );
        assert_eq!(
            Version::parse_strict("1.2.3-a..b"),
            Err(Error::InvalidPrerelease)
        );
        assert_eq!(
            Version::parse_strict("1.2.3+a_b"),
            Err(Error::InvalidMetadata)
        );
        assert_eq!(
            Version::parse_strict("1.2.99999999999999999999")
                .unwrap_err()
                .to_string(),
            "strconv.ParseUint: parsing \"99999999999999999999\": value out of range"
        );
    }

    #[test]
    fn orders_prereleases() {
        let cmp = |a: &str, b: &str| {
            Version::parse(a)
                .unwrap()
                .compare(&Version::parse(b).unwrap())
        };
        assert_eq!(cmp("1.0.0-alpha", "1.0.0"), Ordering::Less);
        assert_eq!(cmp("1.0.0-alpha.1", "1.0.0-alpha"), Ordering::Greater);
        assert_eq!(cmp("1.0.0-2", "1.0.0-10"), Ordering::Less);
        assert_eq!(cmp("1.0.0-beta", "1.0.0-10"), Ordering::Greater);
        assert_eq!(cmp("1.0.0+a", "1.0.0+b"), Ordering::Equal);
    }

    #[test]
    fn checks_constraints() {
        assert!(check(">= 1.0, < 2.0", "1.5.0"));
        assert!(check(">=1.0 <2.0", "1.9.9"));
        assert!(!check(">=1.0 <2.0", "2.0.0"));
        assert!(check("^1.2", "1.9.0"));
        assert!(!check("^1.2", "2.0.0"));
        assert!(check("~1.2.3", "1.2.9"));
        assert!(!check("~1.2.3", "1.3.0"));
        assert!(check("1.x", "1.4.0"));
        assert!(check("1.2.*", "1.2.7"));
        assert!(check("1.2 - 1.4.5", "1.4.5"));
        assert!(!check("1.2 - 1.4.5", "1.4.6"));
        assert!(check("<1 || >=3", "3.1.0"));
        assert!(check("!=1.2.3", "1.2.4"));
        assert!(!check("!=1.2.3", "1.2.3"));
        assert!(check(">=1.21-0", "1.30.0-gke.100"));
        assert!(!check(">=1.21", "1.30.0-gke.100"));
        assert!(check("^0.2.3", "0.2.5"));
        assert!(!check("^0.2.3", "0.3.0"));
        assert!(check("*", "5.0.0"));
    }

    #[test]
    fn reports_improper_constraints() {
        assert_eq!(
            Constraints::parse("foo").unwrap_err().to_string(),
            "improper constraint: \"foo\""
        );
        assert_eq!(
            Constraints::parse(">1 || ").unwrap_err().to_string(),
            "improper constraint: \" \""
        );
        assert_eq!(
            Constraints::parse("").unwrap_err().to_string(),
            "improper constraint: \"\""
        );
    }

    #[test]
    fn prints_constraints() {
        assert_eq!(
            Constraints::parse("1.2 - 1.4.5 || ^2").unwrap().to_string(),
            ">=1.2 <=1.4.5 || ^2"
        );
    }
}
