//! String functions: Go's `strings` package as Sprig exposes it, plus Masterminds/goutils
//! (`abbrev`, `wrap`, `initials`, `nospace`, `swapcase`, `untitle`) and huandu/xstrings v1.5.0
//! (`snakecase`, `camelcase`, `kebabcase`).
//!
//! Several goutils helpers walk strings byte by byte and treat each byte as a Latin-1 rune
//! (`initials`, `nospace`) or slice at byte offsets (`abbrev`, `wrap`, `trunc`, `substr`); we
//! do the same, so non-ASCII text comes out as Helm's does. Where Go would produce invalid
//! UTF-8, we substitute U+FFFD: a Rust string cannot hold those bytes.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use regex::Regex;
use rudder_gotmpl::{ArgType, FuncError, FuncMap};
use rudder_value::{Map, Value};

use crate::convert::{
    arg_int, arg_str, fixed, reg, s, sprint_v, string_list, strslice, strval, variadic,
};

/// Go's `unicode.IsSpace`.
pub(crate) fn is_space(c: char) -> bool {
    matches!(
        c,
        '\t' | '\n' | '\u{0B}' | '\u{0C}' | '\r' | ' ' | '\u{85}' | '\u{A0}'
    ) || (c > '\u{FF}' && c.is_whitespace())
}

struct Categories {
    upper: Regex,
    lower: Regex,
    title: Regex,
    letter: Regex,
    number: Regex,
    digit: Regex,
    punct: Regex,
}

static CATEGORIES: LazyLock<Categories> = LazyLock::new(|| {
    let re = |p: &str| Regex::new(p).expect("static Unicode class pattern is valid");
    Categories {
        upper: re(r"^\p{Lu}$"),
        lower: re(r"^\p{Ll}$"),
        title: re(r"^\p{Lt}$"),
        letter: re(r"^\p{L}$"),
        number: re(r"^\p{N}$"),
        digit: re(r"^\p{Nd}$"),
        punct: re(r"^\p{P}$"),
    }
});

fn in_category(re: &Regex, c: char) -> bool {
    let mut buf = [0u8; 4];
    re.is_match(c.encode_utf8(&mut buf))
}

/// Go's `unicode.IsUpper` (category Lu).
pub(crate) fn is_upper(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_uppercase();
    }
    in_category(&CATEGORIES.upper, c)
}

/// Go's `unicode.IsLower` (category Ll).
pub(crate) fn is_lower(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_lowercase();
    }
    in_category(&CATEGORIES.lower, c)
}

/// Go's `unicode.IsTitle` (category Lt).
fn is_title(c: char) -> bool {
    !c.is_ascii() && in_category(&CATEGORIES.title, c)
}

/// Go's `unicode.IsLetter`.
pub(crate) fn is_letter(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphabetic();
    }
    in_category(&CATEGORIES.letter, c)
}

/// Go's `unicode.IsNumber` (category N).
fn is_number(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_digit();
    }
    in_category(&CATEGORIES.number, c)
}

/// Go's `unicode.IsDigit` (category Nd).
pub(crate) fn is_digit(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_digit();
    }
    in_category(&CATEGORIES.digit, c)
}

/// Go's `unicode.IsPunct` (category P).
fn is_punct(c: char) -> bool {
    in_category(&CATEGORIES.punct, c)
}

/// Go's `unicode.ToUpper`: the simple (one rune) mapping.
pub(crate) fn to_upper(c: char) -> char {
    let mut it = c.to_uppercase();
    match (it.next(), it.next()) {
        (Some(u), None) => u,
        // Rust gives the full mapping (SpecialCasing); these Greek letters with ypogegrammeni
        // are the only ones whose one-rune mapping is not the letter itself.
        _ => match c {
            '\u{1F80}'..='\u{1F87}' | '\u{1F90}'..='\u{1F97}' | '\u{1FA0}'..='\u{1FA7}' => {
                char::from_u32(c as u32 + 8).unwrap_or(c)
            }
            '\u{1FB3}' => '\u{1FBC}',
            '\u{1FC3}' => '\u{1FCC}',
            '\u{1FF3}' => '\u{1FFC}',
            _ => c,
        },
    }
}

/// Go's `unicode.ToLower`: the simple (one rune) mapping.
pub(crate) fn to_lower(c: char) -> char {
    if c == '\u{130}' {
        return 'i';
    }
    let mut it = c.to_lowercase();
    match (it.next(), it.next()) {
        (Some(l), None) => l,
        _ => c,
    }
}

/// Go's `unicode.ToTitle`: like upper case except for the Latin digraphs and Georgian.
fn to_title(c: char) -> char {
    match c {
        '\u{1C4}'..='\u{1C6}' => '\u{1C5}',
        '\u{1C7}'..='\u{1C9}' => '\u{1C8}',
        '\u{1CA}'..='\u{1CC}' => '\u{1CB}',
        '\u{1F1}'..='\u{1F3}' => '\u{1F2}',
        '\u{10D0}'..='\u{10FA}' | '\u{10FD}'..='\u{10FF}' => c,
        _ => to_upper(c),
    }
}

/// Go's `strconv.Quote` (what `%q` prints for a string).
pub(crate) fn go_quote(s: &str) -> String {
    rudder_value::strconv::quote(s)
}

/// Bytes to a string, with U+FFFD where Go would keep invalid UTF-8.
fn lossy(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// A string holding Latin-1 runes, one per byte: how goutils re-encodes bytes it walks.
fn latin1(bytes: impl Iterator<Item = u8>) -> String {
    bytes.map(char::from).collect()
}

/// Go's `strings.Repeat`, with its panics as errors.
pub(crate) fn repeat(s: &str, count: i64) -> Result<String, FuncError> {
    if count < 0 {
        return Err(FuncError::new("strings: negative Repeat count"));
    }
    let total = (s.len() as u128) * (count as u128);
    if total > (i64::MAX as u128) {
        return Err(FuncError::new("strings: Repeat output length overflow"));
    }
    // Go would try to allocate this much; we refuse beyond 1 GiB rather than abort.
    if total > 1 << 30 {
        return Err(FuncError::new("runtime error: makeslice: len out of range"));
    }
    Ok(s.repeat(count as usize))
}

/// Go's `strings.Title`.
fn title(s: &str) -> String {
    let is_separator = |r: char| {
        if r.is_ascii() {
            return !(r.is_ascii_alphanumeric() || r == '_');
        }
        if is_letter(r) || is_digit(r) {
            return false;
        }
        is_space(r)
    };
    let mut prev = ' ';
    s.chars()
        .map(|r| {
            let out = if is_separator(prev) { to_title(r) } else { r };
            prev = r;
            out
        })
        .collect()
}

/// goutils `Uncapitalize` with whitespace delimiters.
fn untitle(s: &str) -> String {
    let mut next = true;
    s.chars()
        .map(|c| {
            if is_space(c) {
                next = true;
                c
            } else if next {
                next = false;
                to_lower(c)
            } else {
                c
            }
        })
        .collect()
}

/// goutils `SwapCase`.
fn swapcase(s: &str) -> String {
    let mut whitespace = true;
    s.chars()
        .map(|c| {
            if is_upper(c) || is_title(c) {
                whitespace = false;
                to_lower(c)
            } else if is_lower(c) {
                if whitespace {
                    whitespace = false;
                    to_title(c)
                } else {
                    to_upper(c)
                }
            } else {
                whitespace = is_space(c);
                c
            }
        })
        .collect()
}

/// goutils `Initials`: walks bytes, each taken as a Latin-1 rune.
fn initials(s: &str) -> String {
    let mut last_was_gap = true;
    let mut out = Vec::new();
    for b in s.bytes() {
        if is_space(char::from(b)) {
            last_was_gap = true;
        } else if last_was_gap {
            out.push(b);
            last_was_gap = false;
        }
    }
    latin1(out.into_iter())
}

/// goutils `DeleteWhiteSpace`: walks bytes, each taken as a Latin-1 rune.
fn nospace(s: &str) -> String {
    let kept: Vec<u8> = s.bytes().filter(|&b| !is_space(char::from(b))).collect();
    if kept.len() == s.len() {
        return s.to_owned();
    }
    latin1(kept.into_iter())
}

/// goutils `AbbreviateFull` (errors give "").
fn abbreviate_full(s: &[u8], offset: i64, max_width: i64) -> Vec<u8> {
    if s.is_empty() {
        return Vec::new();
    }
    if max_width < 4 {
        return Vec::new();
    }
    let len = s.len() as i64;
    if len <= max_width {
        return s.to_vec();
    }
    // Go's int arithmetic wraps; so does ours, instead of panicking on extreme arguments.
    let mut offset = offset.min(len);
    if len.wrapping_sub(offset) < max_width - 3 {
        offset = len - (max_width - 3);
    }
    let marker = b"...";
    if offset <= 4 {
        let mut out = s[..(max_width - 3) as usize].to_vec();
        out.extend_from_slice(marker);
        return out;
    }
    if max_width < 7 {
        return Vec::new();
    }
    let mut out = marker.to_vec();
    if offset.wrapping_add(max_width - 3) < len {
        out.extend(abbreviate_full(&s[offset as usize..], 0, max_width - 3));
    } else {
        out.extend_from_slice(&s[(len - (max_width - 3)) as usize..]);
    }
    out
}

/// goutils `WrapCustom`, on bytes.
fn wrap_custom(s: &str, wrap_length: i64, newline: &str, wrap_long_words: bool) -> String {
    if s.is_empty() {
        return String::new();
    }
    let newline = if newline.is_empty() { "\n" } else { newline };
    let wrap_length = wrap_length.max(1) as usize;
    let b = s.as_bytes();
    let len = b.len();
    let mut offset = 0usize;
    let mut out: Vec<u8> = Vec::new();
    while len - offset > wrap_length {
        if b[offset] == b' ' {
            offset += 1;
            continue;
        }
        let end = wrap_length + offset + 1;
        let space = b[offset..end].iter().rposition(|&c| c == b' ');
        if let Some(pos) = space {
            let at = pos + offset;
            out.extend_from_slice(&b[offset..at]);
            out.extend_from_slice(newline.as_bytes());
            offset = at + 1;
        } else if wrap_long_words {
            let end = wrap_length + offset;
            out.extend_from_slice(&b[offset..end]);
            out.extend_from_slice(newline.as_bytes());
            offset += wrap_length;
        } else {
            let end = wrap_length + offset;
            match b[end..].iter().position(|&c| c == b' ') {
                None => {
                    out.extend_from_slice(&b[offset..]);
                    offset = len;
                }
                Some(index) => {
                    let at = index + end;
                    out.extend_from_slice(&b[offset..at]);
                    out.extend_from_slice(newline.as_bytes());
                    offset = at + 1;
                }
            }
        }
    }
    out.extend_from_slice(&b[offset..]);
    lossy(&out)
}

/// Sprig's `substring`: byte offsets, with Go's slice-bounds panics as errors.
fn substr(start: i64, end: i64, s: &str) -> Result<String, FuncError> {
    let b = s.as_bytes();
    let len = b.len() as i64;
    if start < 0 {
        if end < 0 {
            return Err(format!("runtime error: slice bounds out of range [:{end}]").into());
        }
        if end > len {
            return Err(format!(
                "runtime error: slice bounds out of range [:{end}] with length {len}"
            )
            .into());
        }
        return Ok(lossy(&b[..end as usize]));
    }
    if end < 0 || end > len {
        if start > len {
            return Err(format!("runtime error: slice bounds out of range [{start}:{len}]").into());
        }
        return Ok(lossy(&b[start as usize..]));
    }
    if start > end {
        return Err(format!("runtime error: slice bounds out of range [{start}:{end}]").into());
    }
    Ok(lossy(&b[start as usize..end as usize]))
}

/// Sprig's `trunc`: byte offsets.
fn trunc(c: i64, s: &str) -> String {
    let b = s.as_bytes();
    let len = b.len() as i64;
    if c < 0 && len + c > 0 {
        return lossy(&b[(len + c) as usize..]);
    }
    if c >= 0 && len > c {
        return lossy(&b[..c as usize]);
    }
    s.to_owned()
}

/// Go's `strings.SplitN` (n < 0: all).
pub(crate) fn go_split_n(s: &str, sep: &str, n: i64) -> Vec<String> {
    if n == 0 {
        return Vec::new();
    }
    if sep.is_empty() {
        let chars: Vec<char> = s.chars().collect();
        let count = if n < 0 || n as usize > chars.len() {
            chars.len()
        } else {
            n as usize
        };
        let mut out: Vec<String> = Vec::with_capacity(count);
        for (i, c) in s.char_indices() {
            if out.len() + 1 == count {
                out.push(s[i..].to_owned());
                break;
            }
            out.push(c.to_string());
        }
        return out;
    }
    if n < 0 {
        s.split(sep).map(str::to_owned).collect()
    } else {
        s.splitn(n as usize, sep).map(str::to_owned).collect()
    }
}

fn split_map(parts: Vec<String>) -> Value {
    let entries: BTreeMap<String, Value> = parts
        .into_iter()
        .enumerate()
        .map(|(i, p)| (format!("_{i}"), Value::from(p)))
        .collect();
    Value::Map(Map::with_type_name(entries, "map[string]string"))
}

/// xstrings `toCamelCase(str, true)` (`ToPascalCase`).
fn camelcase(input: &str) -> String {
    let is_connector = |r: char| r == '-' || r == '_' || is_space(r);
    if input.is_empty() {
        return String::new();
    }
    let mut out = String::new();
    let mut chars = input.chars().peekable();
    let mut r0 = '\0';
    let mut first_upper = false;
    for c in chars.by_ref() {
        r0 = c;
        if !is_connector(c) {
            first_upper = is_upper(c);
            r0 = to_upper(c);
            break;
        }
        out.push(c);
    }
    if chars.peek().is_none() {
        // xstrings writes the last rune read again, even a connector ("_" gives "__").
        out.push(r0);
        return out;
    }
    for c in chars {
        let r1 = r0;
        r0 = c;
        if is_connector(r0) && is_connector(r1) {
            out.push(r1);
            continue;
        }
        if is_connector(r1) {
            first_upper = is_upper(r0);
            r0 = to_upper(r0);
        } else {
            if first_upper {
                if is_upper(r0) {
                    r0 = to_lower(r0);
                } else {
                    first_upper = false;
                }
            }
            out.push(r1);
        }
    }
    out.push(r0);
    out
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum WordType {
    Invalid,
    Number,
    Upper,
    Alphabet,
    Connector,
    Punct,
    Other,
}

/// xstrings `isAlphabet`: letters, except the CJK ideograph blocks.
fn is_alphabet(r: char) -> bool {
    if !is_letter(r) {
        return false;
    }
    !matches!(r, '\u{4E00}'..='\u{9FCC}' | '\u{3400}'..='\u{4D85}' | '\u{20000}'..='\u{2B81D}')
}

fn is_connector(r: char) -> bool {
    r == '-' || r == '_' || is_space(r)
}

/// xstrings `nextWord`: the type and text of the next word, and the rest.
fn next_word(s: &str) -> (WordType, &str, &str) {
    let mut chars = s.char_indices();
    let Some((_, r)) = chars.next() else {
        return (WordType::Invalid, "", "");
    };
    let mut end = r.len_utf8();
    let wt;
    let take_while = |from: usize, pred: &dyn Fn(char) -> bool| -> usize {
        let mut e = from;
        for c in s[from..].chars() {
            if !pred(c) {
                break;
            }
            e += c.len_utf8();
        }
        e
    };
    if is_connector(r) {
        wt = WordType::Connector;
        end = take_while(end, &is_connector);
    } else if is_punct(r) {
        wt = WordType::Punct;
        end = take_while(end, &is_punct);
    } else if is_upper(r) {
        wt = WordType::Upper;
        if let Some(r2) = s[end..].chars().next() {
            if is_upper(r2) {
                let mut prev_size = r2.len_utf8();
                end += prev_size;
                let mut stop: Option<char> = None;
                for c in s[end..].chars() {
                    if !is_upper(c) {
                        stop = Some(c);
                        break;
                    }
                    prev_size = c.len_utf8();
                    end += prev_size;
                }
                // "HTTPStatus": the "S" starts the next word.
                if let Some(c) = stop
                    && is_alphabet(c)
                {
                    end -= prev_size;
                }
            } else if is_alphabet(r2) {
                end += r2.len_utf8();
                end = take_while(end, &|c| is_alphabet(c) && !is_upper(c));
            }
        }
    } else if is_alphabet(r) {
        wt = WordType::Alphabet;
        end = take_while(end, &|c| is_alphabet(c) && !is_upper(c));
    } else if is_number(r) {
        wt = WordType::Number;
        end = take_while(end, &is_number);
    } else {
        wt = WordType::Other;
        end = take_while(end, &|c| {
            !(is_connector(c) || is_alphabet(c) || is_number(c) || is_punct(c))
        });
    }
    (wt, &s[..end], &s[end..])
}

fn word_to_lower(buf: &mut String, wt: WordType, word: &str, connector: char) {
    if wt != WordType::Upper && wt != WordType::Connector {
        buf.push_str(word);
        return;
    }
    for c in word.chars() {
        if is_connector(c) {
            buf.push(connector);
        } else if is_upper(c) {
            buf.push(to_lower(c));
        } else {
            buf.push(c);
        }
    }
}

/// xstrings `camelCaseToLowerCase` (`ToSnakeCase`, `ToKebabCase`).
fn camel_to_lower(s: &str, connector: char) -> String {
    use WordType::{Alphabet, Connector, Invalid, Number, Punct};
    if s.is_empty() {
        return String::new();
    }
    let mut buf = String::new();
    let (mut wt, mut word, mut remaining) = next_word(s);
    while !remaining.is_empty() {
        if wt != Connector {
            word_to_lower(&mut buf, wt, word, connector);
        }
        let prev = wt;
        let last = word;
        (wt, word, remaining) = next_word(remaining);
        match prev {
            Number => {
                while wt == Alphabet || wt == Number {
                    word_to_lower(&mut buf, wt, word, connector);
                    (wt, word, remaining) = next_word(remaining);
                }
                if wt != Invalid && wt != Punct && wt != Connector {
                    buf.push(connector);
                }
            }
            Connector => word_to_lower(&mut buf, prev, last, connector),
            Punct => {}
            _ => {
                if wt != Number {
                    if wt != Connector && wt != Punct {
                        buf.push(connector);
                    }
                    continue;
                }
                if remaining.is_empty() {
                    continue;
                }
                let last = word;
                (wt, word, remaining) = next_word(remaining);
                if wt != Alphabet {
                    word_to_lower(&mut buf, Number, last, connector);
                    if wt != Connector && wt != Punct {
                        buf.push(connector);
                    }
                    continue;
                }
                buf.push(connector);
                word_to_lower(&mut buf, Number, last, connector);
                while wt == Alphabet || wt == Number {
                    word_to_lower(&mut buf, wt, word, connector);
                    (wt, word, remaining) = next_word(remaining);
                }
                if wt != Invalid && wt != Connector && wt != Punct {
                    buf.push(connector);
                }
            }
        }
    }
    word_to_lower(&mut buf, wt, word, connector);
    buf
}

pub(crate) fn register(map: &mut FuncMap) {
    use ArgType::{Any, Int, String};
    reg(map, "hello", fixed(&[]), |_| Ok(s("Hello!")));
    reg(map, "trim", fixed(&[String]), |a| {
        Ok(s(arg_str(&a[0]).trim_matches(is_space)))
    });
    for name in ["trimAll", "trimall"] {
        reg(map, name, fixed(&[String, String]), |a| {
            let cutset = arg_str(&a[0]);
            Ok(s(arg_str(&a[1]).trim_matches(|c| cutset.contains(c))))
        });
    }
    reg(map, "trimSuffix", fixed(&[String, String]), |a| {
        let (suffix, v) = (arg_str(&a[0]), arg_str(&a[1]));
        Ok(s(v.strip_suffix(suffix).unwrap_or(v)))
    });
    reg(map, "trimPrefix", fixed(&[String, String]), |a| {
        let (prefix, v) = (arg_str(&a[0]), arg_str(&a[1]));
        Ok(s(v.strip_prefix(prefix).unwrap_or(v)))
    });
    reg(map, "upper", fixed(&[String]), |a| {
        Ok(Value::from(
            arg_str(&a[0])
                .chars()
                .map(to_upper)
                .collect::<std::string::String>(),
        ))
    });
    reg(map, "lower", fixed(&[String]), |a| {
        Ok(Value::from(
            arg_str(&a[0])
                .chars()
                .map(to_lower)
                .collect::<std::string::String>(),
        ))
    });
    reg(map, "title", fixed(&[String]), |a| {
        Ok(Value::from(title(arg_str(&a[0]))))
    });
    reg(map, "untitle", fixed(&[String]), |a| {
        Ok(Value::from(untitle(arg_str(&a[0]))))
    });
    reg(map, "substr", fixed(&[Int, Int, String]), |a| {
        Ok(Value::from(substr(
            arg_int(&a[0]),
            arg_int(&a[1]),
            arg_str(&a[2]),
        )?))
    });
    reg(map, "repeat", fixed(&[Int, String]), |a| {
        Ok(Value::from(repeat(arg_str(&a[1]), arg_int(&a[0]))?))
    });
    reg(map, "nospace", fixed(&[String]), |a| {
        Ok(Value::from(nospace(arg_str(&a[0]))))
    });
    reg(map, "initials", fixed(&[String]), |a| {
        Ok(Value::from(initials(arg_str(&a[0]))))
    });
    reg(map, "swapcase", fixed(&[String]), |a| {
        Ok(Value::from(swapcase(arg_str(&a[0]))))
    });
    reg(map, "snakecase", fixed(&[String]), |a| {
        Ok(Value::from(camel_to_lower(arg_str(&a[0]), '_')))
    });
    reg(map, "kebabcase", fixed(&[String]), |a| {
        Ok(Value::from(camel_to_lower(arg_str(&a[0]), '-')))
    });
    reg(map, "camelcase", fixed(&[String]), |a| {
        Ok(Value::from(camelcase(arg_str(&a[0]))))
    });
    reg(map, "trunc", fixed(&[Int, String]), |a| {
        Ok(Value::from(trunc(arg_int(&a[0]), arg_str(&a[1]))))
    });
    reg(map, "abbrev", fixed(&[Int, String]), |a| {
        let (width, v) = (arg_int(&a[0]), arg_str(&a[1]));
        if width < 4 {
            return Ok(s(v));
        }
        Ok(Value::from(lossy(&abbreviate_full(v.as_bytes(), 0, width))))
    });
    reg(map, "abbrevboth", fixed(&[Int, Int, String]), |a| {
        let (left, right, v) = (arg_int(&a[0]), arg_int(&a[1]), arg_str(&a[2]));
        if right < 4 || left > 0 && right < 7 {
            return Ok(s(v));
        }
        Ok(Value::from(lossy(&abbreviate_full(
            v.as_bytes(),
            left,
            right,
        ))))
    });
    reg(map, "wrap", fixed(&[Int, String]), |a| {
        Ok(Value::from(wrap_custom(
            arg_str(&a[1]),
            arg_int(&a[0]),
            "",
            false,
        )))
    });
    reg(map, "wrapWith", fixed(&[Int, String, String]), |a| {
        Ok(Value::from(wrap_custom(
            arg_str(&a[2]),
            arg_int(&a[0]),
            arg_str(&a[1]),
            true,
        )))
    });
    reg(map, "contains", fixed(&[String, String]), |a| {
        Ok(Value::Bool(arg_str(&a[1]).contains(arg_str(&a[0]))))
    });
    reg(map, "hasPrefix", fixed(&[String, String]), |a| {
        Ok(Value::Bool(arg_str(&a[1]).starts_with(arg_str(&a[0]))))
    });
    reg(map, "hasSuffix", fixed(&[String, String]), |a| {
        Ok(Value::Bool(arg_str(&a[1]).ends_with(arg_str(&a[0]))))
    });
    reg(map, "quote", variadic(&[], Any), |a| {
        let parts: Vec<std::string::String> = a
            .iter()
            .filter(|v| !v.is_nil())
            .map(|v| go_quote(&strval(v)))
            .collect();
        Ok(Value::from(parts.join(" ")))
    });
    reg(map, "squote", variadic(&[], Any), |a| {
        let parts: Vec<std::string::String> = a
            .iter()
            .filter(|v| !v.is_nil())
            .map(|v| format!("'{}'", sprint_v(v)))
            .collect();
        Ok(Value::from(parts.join(" ")))
    });
    reg(map, "cat", variadic(&[], Any), |a| {
        let parts: Vec<std::string::String> =
            a.iter().filter(|v| !v.is_nil()).map(sprint_v).collect();
        Ok(Value::from(parts.join(" ")))
    });
    reg(map, "indent", fixed(&[Int, String]), |a| {
        let pad = repeat(" ", arg_int(&a[0]))?;
        let v = arg_str(&a[1]);
        Ok(Value::from(format!(
            "{pad}{}",
            v.replace('\n', &format!("\n{pad}"))
        )))
    });
    reg(map, "nindent", fixed(&[Int, String]), |a| {
        let pad = repeat(" ", arg_int(&a[0]))?;
        let v = arg_str(&a[1]);
        Ok(Value::from(format!(
            "\n{pad}{}",
            v.replace('\n', &format!("\n{pad}"))
        )))
    });
    reg(map, "replace", fixed(&[String, String, String]), |a| {
        Ok(Value::from(
            arg_str(&a[2]).replace(arg_str(&a[0]), arg_str(&a[1])),
        ))
    });
    reg(map, "plural", fixed(&[String, String, Int]), |a| {
        Ok(if arg_int(&a[2]) == 1 {
            a[0].clone()
        } else {
            a[1].clone()
        })
    });
    reg(map, "join", fixed(&[String, Any]), |a| {
        Ok(Value::from(strslice(&a[1]).join(arg_str(&a[0]))))
    });
    reg(map, "split", fixed(&[String, String]), |a| {
        Ok(split_map(go_split_n(arg_str(&a[1]), arg_str(&a[0]), -1)))
    });
    reg(map, "splitn", fixed(&[String, Int, String]), |a| {
        Ok(split_map(go_split_n(
            arg_str(&a[2]),
            arg_str(&a[0]),
            arg_int(&a[1]),
        )))
    });
    reg(map, "splitList", fixed(&[String, String]), |a| {
        Ok(string_list(go_split_n(arg_str(&a[1]), arg_str(&a[0]), -1)))
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snake_and_kebab_follow_xstrings() {
        assert_eq!(camel_to_lower("FirstName", '_'), "first_name");
        assert_eq!(camel_to_lower("HTTPServer", '_'), "http_server");
        assert_eq!(camel_to_lower("NoHTTPS", '_'), "no_https");
        assert_eq!(camel_to_lower("GO_PATH", '_'), "go_path");
        assert_eq!(camel_to_lower("GO PATH", '_'), "go_path");
        assert_eq!(camel_to_lower("GO-PATH", '_'), "go_path");
        assert_eq!(camel_to_lower("http2xx", '_'), "http_2xx");
        assert_eq!(camel_to_lower("HTTP20xOK", '_'), "http_20x_ok");
        assert_eq!(camel_to_lower("Duration2m3s", '_'), "duration_2m3s");
        assert_eq!(camel_to_lower("Bld4Floor3rd", '-'), "bld4-floor-3rd");
    }

    #[test]
    fn camelcase_is_pascal_case() {
        assert_eq!(camelcase("some_words"), "SomeWords");
        assert_eq!(camelcase("http_server"), "HttpServer");
        assert_eq!(camelcase("_complex__case_"), "_Complex_Case_");
        assert_eq!(camelcase("some words"), "SomeWords");
        assert_eq!(camelcase("GOLANG_IS_GREAT"), "GolangIsGreat");
        assert_eq!(camelcase("a"), "A");
    }

    #[test]
    fn goutils_helpers() {
        assert_eq!(swapcase("This Is A.Test"), "tHIS iS a.tEST");
        assert_eq!(initials("John Doe Foo"), "JDF");
        assert_eq!(nospace(" a b\tc "), "abc");
        assert_eq!(untitle("Hello World"), "hello world");
        assert_eq!(
            lossy(&abbreviate_full(b"Now is the time for all good men", 0, 10)),
            "Now is ..."
        );
        assert_eq!(
            lossy(&abbreviate_full(b"1234567890abcdefghijklmno", 10, 10)),
            "...abcd..."
        );
        assert_eq!(
            wrap_custom("Hello Sprig World", 5, "", false),
            "Hello\nSprig\nWorld"
        );
        assert_eq!(wrap_custom("abcdefgh", 3, "|", true), "abc|def|gh");
    }

    #[test]
    fn title_and_substr() {
        assert_eq!(title("hello wORLD-foo_bar"), "Hello WORLD-Foo_bar");
        assert_eq!(substr(1, 3, "hello").unwrap(), "el");
        assert_eq!(substr(-1, 2, "hello").unwrap(), "he");
        assert_eq!(substr(2, -1, "hello").unwrap(), "llo");
        assert_eq!(
            substr(4, 2, "hello").unwrap_err().0,
            "runtime error: slice bounds out of range [4:2]"
        );
        assert_eq!(trunc(-2, "hello"), "lo");
        assert_eq!(trunc(2, "hello"), "he");
    }

    #[test]
    fn split_n_matches_go() {
        assert_eq!(go_split_n("a,b,c", ",", 2), vec!["a", "b,c"]);
        assert_eq!(go_split_n("abc", "", -1), vec!["a", "b", "c"]);
        assert_eq!(go_split_n("abc", "", 2), vec!["a", "bc"]);
        assert_eq!(go_split_n("", ",", -1), vec![""]);
        assert!(go_split_n("a", ",", 0).is_empty());
    }

    #[test]
    fn quote_escapes_like_go() {
        assert_eq!(
            go_quote("a\"b\\c\n\u{1}é\u{a0}"),
            "\"a\\\"b\\\\c\\n\\x01é\\u00a0\""
        );
    }
}
