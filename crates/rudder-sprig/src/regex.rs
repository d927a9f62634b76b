//! Regular expressions (Sprig's `regex.go`) with Go's `regexp` syntax and semantics.
//!
//! The `regex` crate and Go's `regexp` are both RE2-style, leftmost-first engines, but the
//! syntax differs in places, so every pattern is first translated from Go's syntax:
//! `\d`, `\s`, `\w` and `\b` are ASCII-only in Go and Unicode-aware in Rust; Go treats `[`,
//! `&&`, `--` and `~~` inside a class literally where Rust nests or combines classes; Go's
//! `\Q...\E` has no Rust equivalent; `\<` is a literal in Go and a word boundary in Rust. The
//! translation also finds the syntax errors Go reports and words them as Go does
//! (`error parsing regexp: missing closing ): ...`). Match iteration, replacement (`$1`,
//! `${name}`) and `Split` follow Go's loops exactly, including the handling of empty matches.

use std::collections::HashMap;
use std::sync::{Arc, LazyLock, Mutex};

use regex::Regex;
use rudder_gotmpl::{ArgType, FuncError, FuncMap};
use rudder_value::Value;

use crate::convert::{arg_int, arg_str, fixed, reg, string_list};
use crate::strings::{go_quote, is_digit, is_letter};

/// A Go regexp syntax error: its code's text and the offending part of the expression.
#[derive(Debug, Clone, PartialEq, Eq)]
struct SyntaxError {
    code: &'static str,
    expr: String,
}

impl SyntaxError {
    fn new(code: &'static str, expr: impl Into<String>) -> Self {
        SyntaxError {
            code,
            expr: expr.into(),
        }
    }

    /// Go's `(*syntax.Error).Error()`.
    fn message(&self) -> String {
        format!("error parsing regexp: {}: `{}`", self.code, self.expr)
    }
}

const MISSING_PAREN: &str = "missing closing )";
const UNEXPECTED_PAREN: &str = "unexpected )";
const MISSING_BRACKET: &str = "missing closing ]";
const INVALID_ESCAPE: &str = "invalid escape sequence";
const MISSING_REPEAT_ARG: &str = "missing argument to repetition operator";
const INVALID_REPEAT_OP: &str = "invalid nested repetition operator";
const INVALID_REPEAT_SIZE: &str = "invalid repeat count";
const INVALID_CHAR_RANGE: &str = "invalid character class range";
const INVALID_PERL_OP: &str = "invalid or unsupported Perl syntax";
const INVALID_NAMED_CAPTURE: &str = "invalid named capture";
const TRAILING_BACKSLASH: &str = "trailing backslash at end of expression";

/// A Rust-syntax literal for one char.
fn lit(c: char) -> String {
    if c.is_ascii_alphanumeric() || (!c.is_ascii() && !c.is_whitespace()) {
        c.to_string()
    } else {
        format!("\\x{{{:X}}}", c as u32)
    }
}

/// Go's Unicode class names (case-sensitive): `Any`, the general categories and the scripts.
fn go_unicode_class(name: &str) -> bool {
    const CATEGORIES: [&str; 38] = [
        "C", "Cc", "Cf", "Co", "Cs", "L", "Ll", "Lm", "Lo", "Lt", "Lu", "M", "Mc", "Me", "Mn", "N",
        "Nd", "Nl", "No", "P", "Pc", "Pd", "Pe", "Pf", "Pi", "Po", "Ps", "S", "Sc", "Sk", "Sm",
        "So", "Z", "Zl", "Zp", "Zs", "Any", "LC",
    ];
    // Binary properties Rust knows and Go does not.
    const RUST_ONLY: [&str; 12] = [
        "Alphabetic",
        "Lowercase",
        "Uppercase",
        "White_Space",
        "Whitespace",
        "Emoji",
        "Math",
        "Dash",
        "Hyphen",
        "Ideographic",
        "Assigned",
        "ASCII",
    ];
    if CATEGORIES.contains(&name) {
        return true;
    }
    let script_like = name.starts_with(|c: char| c.is_ascii_uppercase())
        && name.chars().all(|c| c.is_ascii_alphabetic() || c == '_');
    script_like && !RUST_ONLY.contains(&name) && Regex::new(&format!("\\p{{{name}}}")).is_ok()
}

const POSIX_CLASSES: [&str; 14] = [
    "alnum", "alpha", "ascii", "blank", "cntrl", "digit", "graph", "lower", "print", "punct",
    "space", "upper", "word", "xdigit",
];

struct Translator<'a> {
    src: &'a str,
    pos: usize,
    out: String,
    /// Go's `SubexpNames`: one entry per group, the whole match first. Named groups are
    /// emitted unnamed (Go allows names Rust rejects, such as `1` or duplicates), so Rust's
    /// group numbers are Go's.
    names: Vec<String>,
}

impl<'a> Translator<'a> {
    fn rest(&self) -> &'a str {
        &self.src[self.pos..]
    }

    fn peek(&self) -> Option<char> {
        self.rest().chars().next()
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.pos += c.len_utf8();
        Some(c)
    }

    /// Go's `parseEscape` for a literal escape (after the backslash was consumed at
    /// `start`): the rune it stands for.
    fn literal_escape(&mut self, start: usize) -> Result<char, SyntaxError> {
        let invalid = |t: &Translator<'_>| SyntaxError::new(INVALID_ESCAPE, &t.src[start..t.pos]);
        let Some(c) = self.bump() else {
            return Err(SyntaxError::new(TRAILING_BACKSLASH, ""));
        };
        match c {
            '1'..='7' | '0' => {
                if c != '0' && !matches!(self.peek(), Some('0'..='7')) {
                    return Err(invalid(self));
                }
                let mut v = c.to_digit(8).unwrap_or(0);
                for _ in 0..2 {
                    match self.peek() {
                        Some(d @ '0'..='7') => {
                            v = v * 8 + d.to_digit(8).unwrap_or(0);
                            self.bump();
                        }
                        _ => break,
                    }
                }
                Ok(char::from_u32(v).unwrap_or('\u{FFFD}'))
            }
            'x' => {
                if self.peek() == Some('{') {
                    self.bump();
                    let mut v: u32 = 0;
                    let mut n = 0;
                    loop {
                        match self.bump() {
                            Some('}') if n > 0 => break,
                            Some(d) if d.is_ascii_hexdigit() => {
                                v = v
                                    .saturating_mul(16)
                                    .saturating_add(d.to_digit(16).unwrap_or(0));
                                n += 1;
                                if v > 0x10_FFFF {
                                    return Err(invalid(self));
                                }
                            }
                            _ => return Err(invalid(self)),
                        }
                    }
                    return char::from_u32(v).ok_or_else(|| invalid(self));
                }
                // Go reads two runes before checking either.
                let (x, y) = (self.bump(), self.bump());
                match (
                    x.and_then(|d| d.to_digit(16)),
                    y.and_then(|d| d.to_digit(16)),
                ) {
                    (Some(x), Some(y)) => Ok(char::from_u32(x * 16 + y).unwrap_or('\u{FFFD}')),
                    _ => Err(invalid(self)),
                }
            }
            'a' => Ok('\u{7}'),
            'f' => Ok('\u{C}'),
            'n' => Ok('\n'),
            'r' => Ok('\r'),
            't' => Ok('\t'),
            'v' => Ok('\u{B}'),
            c if c.is_ascii() && !c.is_ascii_alphanumeric() => Ok(c),
            _ => Err(invalid(self)),
        }
    }

    /// `\pN`, `\p{Name}`, `\PN`: returned as Rust text (same syntax), or `None`.
    fn unicode_class(&mut self) -> Result<Option<String>, SyntaxError> {
        let r = self.rest();
        if !(r.starts_with("\\p") || r.starts_with("\\P")) {
            return Ok(None);
        }
        let start = self.pos;
        self.pos += 2;
        match self.bump() {
            Some('{') => {
                let Some(end) = self.rest().find('}') else {
                    return Err(SyntaxError::new(
                        "invalid character class range",
                        &self.src[start..],
                    ));
                };
                self.pos += end + 1;
            }
            Some(_) => {}
            None => return Err(SyntaxError::new(INVALID_CHAR_RANGE, &self.src[start..])),
        }
        let text = &self.src[start..self.pos];
        let name = text[2..].trim_start_matches('{').trim_end_matches('}');
        if !go_unicode_class(name.strip_prefix('^').unwrap_or(name)) {
            return Err(SyntaxError::new(INVALID_CHAR_RANGE, text));
        }
        Ok(Some(text.to_owned()))
    }

    /// `\d \D \s \S \w \W` as Rust text for inside (`in_class`) or outside a class.
    fn perl_class(&mut self, in_class: bool) -> Option<String> {
        let r = self.rest().as_bytes();
        if r.len() < 2 || r[0] != b'\\' {
            return None;
        }
        let set = match r[1].to_ascii_lowercase() {
            b'd' => "0-9",
            b's' => "\\t\\n\\x0C\\r ",
            b'w' => "0-9A-Za-z_",
            _ => return None,
        };
        let negated = r[1].is_ascii_uppercase();
        self.pos += 2;
        Some(match (negated, in_class) {
            (false, true) => set.to_owned(),
            (false, false) => format!("[{set}]"),
            (true, _) => format!("[^{set}]"),
        })
    }

    /// A character class, starting at `[`.
    fn class(&mut self) -> Result<(), SyntaxError> {
        let whole = self.pos;
        let missing = |t: &Translator<'_>| SyntaxError::new(MISSING_BRACKET, &t.src[whole..]);
        self.bump();
        let mut out = String::from("[");
        if self.peek() == Some('^') {
            self.bump();
            out.push('^');
        }
        let mut first = true;
        loop {
            match self.peek() {
                None => return Err(missing(self)),
                Some(']') if !first => {
                    self.bump();
                    break;
                }
                _ => {}
            }
            first = false;
            if self.rest().starts_with("[:")
                && let Some(end) = self.rest()[2..].find(":]")
            {
                let name = &self.rest()[2..2 + end];
                let name = name.strip_prefix('^').unwrap_or(name);
                let text = self.rest()[..end + 4].to_owned();
                if !POSIX_CLASSES.contains(&name) {
                    return Err(SyntaxError::new(INVALID_CHAR_RANGE, text));
                }
                self.pos += text.len();
                out.push_str(&text);
                continue;
            }
            if let Some(text) = self.unicode_class()? {
                out.push_str(&text);
                continue;
            }
            if let Some(text) = self.perl_class(true) {
                out.push_str(&text);
                continue;
            }
            let range_start = self.pos;
            let lo = self.class_char(whole)?;
            let mut hi = lo;
            if self.rest().len() >= 2
                && self.rest().starts_with('-')
                && !self.rest()[1..].starts_with(']')
            {
                self.bump();
                hi = self.class_char(whole)?;
                if hi < lo {
                    return Err(SyntaxError::new(
                        INVALID_CHAR_RANGE,
                        &self.src[range_start..self.pos],
                    ));
                }
            }
            out.push_str(&lit(lo));
            if hi != lo {
                out.push('-');
                out.push_str(&lit(hi));
            }
        }
        out.push(']');
        self.out.push_str(&out);
        Ok(())
    }

    fn class_char(&mut self, whole: usize) -> Result<char, SyntaxError> {
        match self.peek() {
            None => Err(SyntaxError::new(MISSING_BRACKET, &self.src[whole..])),
            Some('\\') => {
                let start = self.pos;
                self.bump();
                self.literal_escape(start)
            }
            Some(c) => {
                self.bump();
                Ok(c)
            }
        }
    }

    /// Go's `parseRepeat` for `{n}`, `{n,}`, `{n,m}` at the current position: the bounds and
    /// the text, or `None` when `{` is a literal.
    fn repeat_braces(&self) -> Option<(i64, i64, usize)> {
        let r = self.rest().as_bytes();
        let mut i = 1;
        let num = |i: &mut usize| -> Option<i64> {
            let start = *i;
            while *i < r.len() && r[*i].is_ascii_digit() {
                *i += 1;
            }
            if *i == start {
                return None;
            }
            let digits = &self.rest()[start..*i];
            if digits.len() > 1 && digits.starts_with('0') {
                return None;
            }
            Some(digits.parse::<i64>().unwrap_or(i64::MAX).min(100_000_000))
        };
        let min = num(&mut i)?;
        let max;
        if i < r.len() && r[i] == b',' {
            i += 1;
            if i < r.len() && r[i] == b'}' {
                max = -1;
            } else {
                max = num(&mut i)?;
            }
        } else {
            max = min;
        }
        if i < r.len() && r[i] == b'}' {
            Some((min, max, i + 1))
        } else {
            None
        }
    }

    fn translate(mut self) -> Result<(String, Vec<String>), SyntaxError> {
        let whole = self.src.to_owned();
        let mut depth = 0usize;
        // Whether the current concatenation has an item a repetition can apply to.
        let mut have_item = false;
        // Where the previous repetition operator started, while they follow each other.
        let mut last_repeat: Option<usize> = None;
        while let Some(c) = self.peek() {
            let start = self.pos;
            let mut repeat_len = None;
            match c {
                '*' | '+' | '?' => repeat_len = Some(1),
                '{' => {
                    if let Some((min, max, len)) = self.repeat_braces() {
                        if min > 1000 || max > 1000 || (max >= 0 && min > max) {
                            let mut end = start + len;
                            if self.src[end..].starts_with('?') {
                                end += 1;
                            }
                            if let Some(prev) = last_repeat {
                                return Err(SyntaxError::new(
                                    INVALID_REPEAT_OP,
                                    &self.src[prev..end],
                                ));
                            }
                            if !have_item {
                                return Err(SyntaxError::new(
                                    MISSING_REPEAT_ARG,
                                    &self.src[start..end],
                                ));
                            }
                            return Err(SyntaxError::new(
                                INVALID_REPEAT_SIZE,
                                &self.src[start..start + len],
                            ));
                        }
                        repeat_len = Some(len);
                    }
                }
                _ => {}
            }
            if let Some(len) = repeat_len {
                let mut end = start + len;
                if self.src[end..].starts_with('?') {
                    end += 1;
                }
                if let Some(prev) = last_repeat {
                    return Err(SyntaxError::new(INVALID_REPEAT_OP, &self.src[prev..end]));
                }
                if !have_item {
                    return Err(SyntaxError::new(MISSING_REPEAT_ARG, &self.src[start..end]));
                }
                self.out.push_str(&self.src[start..end]);
                self.pos = end;
                last_repeat = Some(start);
                continue;
            }
            last_repeat = None;
            match c {
                '(' => {
                    let r = self.rest();
                    if r.starts_with("(?P<") || r.starts_with("(?<") {
                        let begin = if r.starts_with("(?P<") { 4 } else { 3 };
                        let Some(end) = r.find('>') else {
                            return Err(SyntaxError::new(INVALID_NAMED_CAPTURE, r));
                        };
                        let name = &r[begin..end];
                        let valid = !name.is_empty()
                            && name
                                .chars()
                                .all(|ch| ch == '_' || ch.is_ascii_alphanumeric());
                        if !valid {
                            return Err(SyntaxError::new(INVALID_NAMED_CAPTURE, &r[..=end]));
                        }
                        self.out.push('(');
                        self.names.push(name.to_owned());
                        self.pos += end + 1;
                    } else if r.starts_with("(?") {
                        let mut i = 2;
                        let b = r.as_bytes();
                        let mut negated = false;
                        let mut saw_flag = false;
                        let closes = loop {
                            let Some(&ch) = b.get(i) else {
                                return Err(SyntaxError::new(INVALID_PERL_OP, r));
                            };
                            i += 1;
                            match ch {
                                b'i' | b'm' | b's' | b'U' => saw_flag = true,
                                b'-' if !negated => {
                                    negated = true;
                                    saw_flag = false;
                                }
                                b':' | b')' => {
                                    if negated && !saw_flag {
                                        return Err(SyntaxError::new(INVALID_PERL_OP, &r[..i]));
                                    }
                                    break ch == b')';
                                }
                                _ => {
                                    // Go cuts the expression after the offending rune.
                                    let width = r[i - 1..].chars().next().map_or(1, char::len_utf8);
                                    return Err(SyntaxError::new(
                                        INVALID_PERL_OP,
                                        &r[..i - 1 + width],
                                    ));
                                }
                            }
                        };
                        let flags = &r[..i];
                        self.pos += i;
                        if closes {
                            if flags != "(?)" {
                                self.out.push_str(flags);
                            }
                            continue;
                        }
                        self.out.push_str(flags);
                    } else {
                        self.bump();
                        self.out.push('(');
                        self.names.push(String::new());
                    }
                    depth += 1;
                    have_item = false;
                    continue;
                }
                ')' => {
                    if depth == 0 {
                        return Err(SyntaxError::new(UNEXPECTED_PAREN, whole));
                    }
                    depth -= 1;
                    self.bump();
                    self.out.push(')');
                }
                '|' => {
                    self.bump();
                    self.out.push('|');
                    have_item = false;
                    continue;
                }
                '[' => self.class()?,
                '.' | '^' | '$' => {
                    self.bump();
                    self.out.push(c);
                }
                '\\' => {
                    let r = self.rest();
                    let next = r[1..].chars().next();
                    match next {
                        Some('A' | 'z') => {
                            self.out.push_str(&r[..2]);
                            self.pos += 2;
                        }
                        Some('b') => {
                            self.out.push_str(r"(?-u:\b)");
                            self.pos += 2;
                        }
                        Some('B') => {
                            self.out.push_str(r"(?-u:\B)");
                            self.pos += 2;
                        }
                        Some('C') => return Err(SyntaxError::new(INVALID_ESCAPE, "\\C")),
                        Some('Q') => {
                            let body = &r[2..];
                            let (lit_text, consumed) = match body.find("\\E") {
                                Some(e) => (&body[..e], 2 + e + 2),
                                None => (body, r.len()),
                            };
                            for ch in lit_text.chars() {
                                self.out.push_str(&lit(ch));
                            }
                            self.pos += consumed;
                            if lit_text.is_empty() {
                                continue;
                            }
                        }
                        _ => {
                            if let Some(text) = self.unicode_class()? {
                                self.out.push_str(&text);
                            } else if let Some(text) = self.perl_class(false) {
                                self.out.push_str(&text);
                            } else {
                                self.bump();
                                let ch = self.literal_escape(start)?;
                                self.out.push_str(&lit(ch));
                            }
                        }
                    }
                }
                _ => {
                    self.bump();
                    self.out.push_str(&lit(c));
                }
            }
            have_item = true;
        }
        if depth > 0 {
            return Err(SyntaxError::new(MISSING_PAREN, whole));
        }
        Ok((self.out, self.names))
    }
}

/// A compiled Go regexp.
struct GoRegex {
    re: Regex,
    expr_empty: bool,
    names: Vec<String>,
}

/// Patterns compiled so far, with their outcome: charts call the regex functions with the
/// same few literal patterns again and again, and compiling one costs far more than a match.
static COMPILED: LazyLock<Mutex<HashMap<String, Compiled>>> = LazyLock::new(Mutex::default);

/// A compiled pattern, or Go's message for one that does not compile.
type Compiled = Result<Arc<GoRegex>, String>;

/// The most patterns [`COMPILED`] keeps; past that it starts again empty.
const COMPILED_MAX: usize = 512;

/// Go's `regexp.Compile`; the error is Go's message.
fn compile(pattern: &str) -> Compiled {
    let cached = COMPILED
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .get(pattern)
        .cloned();
    if let Some(outcome) = cached {
        return outcome;
    }
    let outcome = compile_uncached(pattern).map(Arc::new);
    let mut compiled = COMPILED
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    if compiled.len() >= COMPILED_MAX {
        compiled.clear();
    }
    compiled.insert(pattern.to_owned(), outcome.clone());
    outcome
}

/// [`compile`] without the cache.
fn compile_uncached(pattern: &str) -> Result<GoRegex, String> {
    let (translated, names) = Translator {
        src: pattern,
        pos: 0,
        out: String::new(),
        names: vec![String::new()],
    }
    .translate()
    .map_err(|e| e.message())?;
    // Go nests groups up to 1000 deep; Rust's default limit is lower.
    let re = regex::RegexBuilder::new(&translated)
        .nest_limit(1000)
        .build()
        .map_err(|e| match e {
            regex::Error::CompiledTooBig(_) => {
                SyntaxError::new("expression too large", pattern).message()
            }
            // A pattern Go accepts but Rust does not; word it as Go's catch-all.
            _ => SyntaxError::new(INVALID_PERL_OP, pattern).message(),
        })?;
    Ok(GoRegex {
        re,
        expr_empty: pattern.is_empty(),
        names,
    })
}

/// Go's `regexp.MustCompile`: the panic message names the pattern.
fn must_compile(pattern: &str) -> Result<Arc<GoRegex>, FuncError> {
    compile(pattern).map_err(|e| {
        let quoted = if rudder_value::strconv::can_backquote(pattern) {
            format!("`{pattern}`")
        } else {
            go_quote(pattern)
        };
        FuncError::new(format!("regexp: Compile({quoted}): {e}"))
    })
}

impl GoRegex {
    /// Go's `allMatches`: up to `n` (n < 0: all) match spans, empty matches right after a
    /// match skipped.
    fn all_matches(&self, s: &str, n: i64) -> Vec<(usize, usize)> {
        let n = if n < 0 { s.len() as i64 + 1 } else { n };
        let mut out = Vec::new();
        let mut pos = 0usize;
        let mut prev_end: Option<usize> = None;
        while (out.len() as i64) < n && pos <= s.len() {
            let Some(m) = self.re.find_at(s, pos) else {
                break;
            };
            let mut accept = true;
            if m.end() == pos {
                if Some(m.start()) == prev_end {
                    accept = false;
                }
                pos += s[pos..].chars().next().map_or(1, char::len_utf8);
            } else {
                pos = m.end();
            }
            prev_end = Some(m.end());
            if accept {
                out.push((m.start(), m.end()));
            }
        }
        out
    }

    /// Go's `ReplaceAllString` (`literal`: `ReplaceAllLiteralString`).
    fn replace_all(&self, src: &str, repl: &str, literal: bool) -> String {
        let mut buf = String::new();
        let mut last_end = 0usize;
        let mut search = 0usize;
        while search <= src.len() {
            let Some(caps) = self.re.captures_at(src, search) else {
                break;
            };
            let m = caps.get(0).expect("group 0 always participates");
            buf.push_str(&src[last_end..m.start()]);
            if m.end() > last_end || m.start() == 0 {
                if literal {
                    buf.push_str(repl);
                } else {
                    self.expand(&mut buf, repl, &caps);
                }
            }
            last_end = m.end();
            let width = src[search..].chars().next().map_or(0, char::len_utf8);
            if search + width > m.end() {
                search += width;
            } else if search + 1 > m.end() {
                search += 1;
            } else {
                search = m.end();
            }
        }
        buf.push_str(&src[last_end..]);
        buf
    }

    /// Go's `Regexp.expand`.
    fn expand(&self, dst: &mut String, template: &str, caps: &regex::Captures<'_>) {
        let mut t = template;
        while let Some(i) = t.find('$') {
            dst.push_str(&t[..i]);
            t = &t[i + 1..];
            if t.starts_with('$') {
                dst.push('$');
                t = &t[1..];
                continue;
            }
            let Some((name, num, rest)) = extract(t) else {
                dst.push('$');
                continue;
            };
            t = rest;
            if let Some(num) = num {
                if let Some(g) = caps.get(num) {
                    dst.push_str(g.as_str());
                }
            } else {
                for (idx, group) in self.names.iter().enumerate() {
                    if group == name
                        && let Some(g) = caps.get(idx)
                    {
                        dst.push_str(g.as_str());
                        break;
                    }
                }
            }
        }
        dst.push_str(t);
    }

    /// Go's `Regexp.Split`.
    fn split(&self, s: &str, n: i64) -> Vec<String> {
        if n == 0 {
            return Vec::new();
        }
        if !self.expr_empty && s.is_empty() {
            return vec![String::new()];
        }
        let matches = self.all_matches(s, n);
        let mut out = Vec::with_capacity(matches.len());
        let (mut beg, mut end) = (0usize, 0usize);
        for (ms, me) in matches {
            if n > 0 && out.len() as i64 == n - 1 {
                break;
            }
            end = ms;
            if me != 0 {
                out.push(s[beg..end].to_owned());
            }
            beg = me;
        }
        if end != s.len() {
            out.push(s[beg..].to_owned());
        }
        out
    }
}

/// Go's `extract`: a leading `name` or `{name}`; the number when the name is one.
fn extract(s: &str) -> Option<(&str, Option<usize>, &str)> {
    let (brace, body) = match s.strip_prefix('{') {
        Some(b) => (true, b),
        None => (false, s),
    };
    let mut end = 0;
    for c in body.chars() {
        if !(is_letter(c) || is_digit(c) || c == '_') {
            break;
        }
        end += c.len_utf8();
    }
    if end == 0 {
        return None;
    }
    let name = &body[..end];
    let mut rest = &body[end..];
    if brace {
        rest = rest.strip_prefix('}')?;
    }
    let mut num: Option<usize> = Some(0);
    for b in name.bytes() {
        match num {
            Some(v) if b.is_ascii_digit() && v < 100_000_000 => {
                num = Some(v * 10 + usize::from(b - b'0'));
            }
            _ => {
                num = None;
                break;
            }
        }
    }
    if name.len() > 1 && name.starts_with('0') {
        num = None;
    }
    Some((name, num, rest))
}

pub(crate) fn register(map: &mut FuncMap) {
    use ArgType::{Int, String};
    reg(map, "regexMatch", fixed(&[String, String]), |a| {
        Ok(Value::Bool(
            compile(arg_str(&a[0])).is_ok_and(|re| re.re.is_match(arg_str(&a[1]))),
        ))
    });
    reg(map, "mustRegexMatch", fixed(&[String, String]), |a| {
        let re = compile(arg_str(&a[0]))?;
        Ok(Value::Bool(re.re.is_match(arg_str(&a[1]))))
    });
    let find_all = |re: &GoRegex, s: &str, n: i64| {
        let found: Vec<std::string::String> = re
            .all_matches(s, n)
            .into_iter()
            .map(|(b, e)| s[b..e].to_owned())
            .collect();
        string_list(found)
    };
    reg(
        map,
        "regexFindAll",
        fixed(&[String, String, Int]),
        move |a| {
            let re = must_compile(arg_str(&a[0]))?;
            Ok(find_all(&re, arg_str(&a[1]), arg_int(&a[2])))
        },
    );
    reg(
        map,
        "mustRegexFindAll",
        fixed(&[String, String, Int]),
        move |a| {
            let re = compile(arg_str(&a[0]))?;
            Ok(find_all(&re, arg_str(&a[1]), arg_int(&a[2])))
        },
    );
    let find =
        |re: &GoRegex, s: &str| Value::from(re.re.find(s).map_or("", |m| m.as_str()).to_owned());
    reg(map, "regexFind", fixed(&[String, String]), move |a| {
        Ok(find(&*must_compile(arg_str(&a[0]))?, arg_str(&a[1])))
    });
    reg(map, "mustRegexFind", fixed(&[String, String]), move |a| {
        Ok(find(&*compile(arg_str(&a[0]))?, arg_str(&a[1])))
    });
    for (name, must, literal) in [
        ("regexReplaceAll", false, false),
        ("mustRegexReplaceAll", true, false),
        ("regexReplaceAllLiteral", false, true),
        ("mustRegexReplaceAllLiteral", true, true),
    ] {
        reg(map, name, fixed(&[String, String, String]), move |a| {
            let re = if must {
                compile(arg_str(&a[0]))?
            } else {
                must_compile(arg_str(&a[0]))?
            };
            Ok(Value::from(re.replace_all(
                arg_str(&a[1]),
                arg_str(&a[2]),
                literal,
            )))
        });
    }
    reg(map, "regexSplit", fixed(&[String, String, Int]), |a| {
        let re = must_compile(arg_str(&a[0]))?;
        Ok(string_list(re.split(arg_str(&a[1]), arg_int(&a[2]))))
    });
    reg(map, "mustRegexSplit", fixed(&[String, String, Int]), |a| {
        let re = compile(arg_str(&a[0]))?;
        Ok(string_list(re.split(arg_str(&a[1]), arg_int(&a[2]))))
    });
    reg(map, "regexQuoteMeta", fixed(&[String]), |a| {
        let mut out = std::string::String::new();
        for c in arg_str(&a[0]).chars() {
            if "\\.+*?()|[]{}^$".contains(c) {
                out.push('\\');
            }
            out.push(c);
        }
        Ok(Value::from(out))
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(p: &str) -> String {
        compile(p).err().unwrap_or_default()
    }

    #[test]
    fn syntax_errors_are_worded_as_go() {
        assert_eq!(err("("), "error parsing regexp: missing closing ): `(`");
        assert_eq!(err("a)"), "error parsing regexp: unexpected ): `a)`");
        assert_eq!(err("[a"), "error parsing regexp: missing closing ]: `[a`");
        assert_eq!(
            err("*a"),
            "error parsing regexp: missing argument to repetition operator: `*`"
        );
        assert_eq!(
            err("a**"),
            "error parsing regexp: invalid nested repetition operator: `**`"
        );
        assert_eq!(
            err(r"\e"),
            "error parsing regexp: invalid escape sequence: `\\e`"
        );
        assert_eq!(
            err("[z-a]"),
            "error parsing regexp: invalid character class range: `z-a`"
        );
        assert_eq!(
            err("a{1001}"),
            "error parsing regexp: invalid repeat count: `{1001}`"
        );
        assert_eq!(
            err("(?x)a"),
            "error parsing regexp: invalid or unsupported Perl syntax: `(?x`"
        );
    }

    #[test]
    fn classes_are_ascii_like_go() {
        let re = compile(r"\d+").unwrap();
        assert_eq!(re.re.find("x٣12").map(|m| m.as_str()), Some("12"));
        let re = compile(r"[[a]+").unwrap();
        assert_eq!(re.re.find("x[a[").map(|m| m.as_str()), Some("[a["));
        let re = compile(r"a{").unwrap();
        assert!(re.re.is_match("a{"));
    }

    #[test]
    fn all_matches_skip_empty_after_match() {
        let re = compile("a*").unwrap();
        let spans = re.all_matches("baaac", -1);
        assert_eq!(spans, vec![(0, 0), (1, 4), (5, 5)]);
    }

    #[test]
    fn replace_expands_like_go() {
        let re = compile("(a)(?P<x>b)").unwrap();
        assert_eq!(re.replace_all("abab", "[$1${x}$$]", false), "[ab$][ab$]");
        assert_eq!(re.replace_all("ab", "$1x", false), "");
        assert_eq!(re.replace_all("ab", "$1x", true), "$1x");
        let re = compile("x*").unwrap();
        assert_eq!(re.replace_all("abc", "-", false), "-a-b-c-");
    }

    #[test]
    fn split_follows_go() {
        let re = compile(",").unwrap();
        assert_eq!(re.split("a,b,c", -1), vec!["a", "b", "c"]);
        assert_eq!(re.split("a,b,c", 2), vec!["a", "b,c"]);
        assert_eq!(re.split("", -1), vec![""]);
        let re = compile("").unwrap();
        assert_eq!(re.split("abc", -1), vec!["a", "b", "c"]);
    }
}
