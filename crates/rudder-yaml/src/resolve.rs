//! YAML 1.1 plain-scalar resolution as go-yaml v2 does it (`resolve.go`): which untagged
//! scalars are booleans, nulls, integers, floats or timestamps. The reader uses it to type
//! scalars; the writer uses it to decide whether a string must be quoted.

/// What a scalar resolves to.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Resolved {
    Null,
    Bool(bool),
    /// Go `int` (or `int64`: on 64-bit platforms they hold the same values).
    Int(i64),
    /// Go `uint64`, for integers above `i64::MAX`.
    Uint(u64),
    Float(f64),
    /// A timestamp-looking scalar; decoding into `interface{}` keeps its text.
    Timestamp,
    /// The merge key `<<`.
    Merge,
    Str,
}

/// Resolves a plain, untagged scalar.
pub(crate) fn resolve_plain(s: &str) -> Resolved {
    let Some(&first) = s.as_bytes().first() else {
        return Resolved::Null;
    };
    let hint = match first {
        b'+' | b'-' => b'S',
        b'0'..=b'9' => b'D',
        b'y' | b'Y' | b'n' | b'N' | b't' | b'T' | b'f' | b'F' | b'o' | b'O' | b'~' => b'M',
        b'.' => b'.',
        // go-yaml's table has no entry for '<', so "<<" resolves as a string here; the
        // decoder recognises merge keys by their text.
        _ => return Resolved::Str,
    };
    if let Some(r) = lookup(s) {
        return r;
    }
    match hint {
        b'.' => {
            if let Some(f) = parse_go_float(s) {
                return Resolved::Float(f);
            }
        }
        b'D' | b'S' => {
            if is_timestamp(s) {
                return Resolved::Timestamp;
            }
            let plain: String = s.chars().filter(|&c| c != '_').collect();
            if let Some(i) = parse_go_int(&plain) {
                return Resolved::Int(i);
            }
            if let Some(u) = parse_go_uint(&plain) {
                return Resolved::Uint(u);
            }
            if is_yaml_style_float(&plain)
                && let Some(f) = parse_go_float(&plain)
            {
                return Resolved::Float(f);
            }
            // The "0b"/"-0b" fallbacks of resolve.go are reached only for inputs that
            // ParseInt with base 0 already rejected, and they reject them too.
        }
        _ => {}
    }
    Resolved::Str
}

fn lookup(s: &str) -> Option<Resolved> {
    Some(match s {
        "y" | "Y" | "yes" | "Yes" | "YES" | "true" | "True" | "TRUE" | "on" | "On" | "ON" => {
            Resolved::Bool(true)
        }
        "n" | "N" | "no" | "No" | "NO" | "false" | "False" | "FALSE" | "off" | "Off" | "OFF" => {
            Resolved::Bool(false)
        }
        "" | "~" | "null" | "Null" | "NULL" => Resolved::Null,
        ".nan" | ".NaN" | ".NAN" => Resolved::Float(f64::NAN),
        ".inf" | ".Inf" | ".INF" | "+.inf" | "+.Inf" | "+.INF" => Resolved::Float(f64::INFINITY),
        "-.inf" | "-.Inf" | "-.INF" => Resolved::Float(f64::NEG_INFINITY),
        "<<" => Resolved::Merge,
        _ => return None,
    })
}

/// Splits Go's base prefix off (`strconv.ParseInt` with base 0): returns the radix and the
/// digits.
fn split_radix(s: &str) -> (u32, &str) {
    let b = s.as_bytes();
    if b.len() >= 2 && b[0] == b'0' {
        match b[1] {
            b'x' | b'X' => return (16, &s[2..]),
            b'o' | b'O' => return (8, &s[2..]),
            b'b' | b'B' => return (2, &s[2..]),
            _ => return (8, &s[1..]),
        }
    }
    (10, s)
}

/// `strconv.ParseUint(s, 0, 64)` without underscores.
pub(crate) fn parse_go_uint(s: &str) -> Option<u64> {
    if s.is_empty() {
        return None;
    }
    let (radix, digits) = split_radix(s);
    if digits.is_empty() || !digits.chars().all(|c| c.is_digit(radix)) {
        return None;
    }
    u64::from_str_radix(digits, radix).ok()
}

/// `strconv.ParseInt(s, 0, 64)` without underscores.
pub(crate) fn parse_go_int(s: &str) -> Option<i64> {
    let (neg, rest) = match s.as_bytes().first() {
        Some(b'-') => (true, &s[1..]),
        Some(b'+') => (false, &s[1..]),
        _ => (false, s),
    };
    let u = parse_go_uint(rest)?;
    if neg {
        if u <= 1 << 63 {
            Some((u as i64).wrapping_neg())
        } else {
            None
        }
    } else {
        i64::try_from(u).ok()
    }
}

/// `strconv.ParseFloat(s, 64)` for the decimal forms go-yaml hands it; out-of-range values
/// are errors in Go.
fn parse_go_float(s: &str) -> Option<f64> {
    let body = s.strip_prefix(['+', '-']).unwrap_or(s);
    if body.is_empty()
        || !body
            .bytes()
            .all(|c| c.is_ascii_digit() || matches!(c, b'.' | b'e' | b'E' | b'+' | b'-'))
        || !body.bytes().any(|c| c.is_ascii_digit())
    {
        return None;
    }
    let f: f64 = s.parse().ok()?;
    if f.is_infinite() { None } else { Some(f) }
}

/// `^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$`
fn is_yaml_style_float(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = 0;
    if matches!(b.first(), Some(b'-' | b'+')) {
        i += 1;
    }
    let digits = |i: &mut usize| {
        let start = *i;
        while *i < b.len() && b[*i].is_ascii_digit() {
            *i += 1;
        }
        *i - start
    };
    if b.get(i) == Some(&b'.') {
        i += 1;
        if digits(&mut i) == 0 {
            return false;
        }
    } else {
        if digits(&mut i) == 0 {
            return false;
        }
        if b.get(i) == Some(&b'.') {
            i += 1;
            digits(&mut i);
        }
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(b.get(i), Some(b'-' | b'+')) {
            i += 1;
        }
        if digits(&mut i) == 0 {
            return false;
        }
    }
    i == b.len()
}

/// go-yaml's `isBase60Float`: `^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$`. Such
/// strings are quoted on output for older parsers.
pub(crate) fn is_base60_float(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = 0;
    if matches!(b.first(), Some(b'-' | b'+')) {
        i += 1;
    }
    if !b.get(i).is_some_and(u8::is_ascii_digit) {
        return false;
    }
    while i < b.len() && (b[i].is_ascii_digit() || b[i] == b'_') {
        i += 1;
    }
    let mut groups = 0;
    while b.get(i) == Some(&b':') {
        i += 1;
        // [0-5]?[0-9], greedy with backtracking: one or two digits.
        let start = i;
        while i < b.len() && b[i].is_ascii_digit() && i - start < 2 {
            i += 1;
        }
        match i - start {
            0 => return false,
            2 if b[start] > b'5' => {
                // Only one digit can belong to this group; the next must not be a digit.
                i = start + 1;
                if b.get(i).is_some_and(u8::is_ascii_digit) {
                    return false;
                }
            }
            _ => {}
        }
        groups += 1;
    }
    if groups == 0 {
        return false;
    }
    if b.get(i) == Some(&b'.') {
        i += 1;
        while i < b.len() && (b[i].is_ascii_digit() || b[i] == b'_') {
            i += 1;
        }
    }
    i == b.len()
}

/// go-yaml's `parseTimestamp`: `YYYY-M-D`, optionally followed by a time
/// (`T`, `t` or a space, `H:M:S`, fraction, and a zone for the `T` forms), as Go's
/// `time.Parse` accepts them with go-yaml's layouts.
pub(crate) fn is_timestamp(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() < 5 || !b[..4].iter().all(u8::is_ascii_digit) || b[4] != b'-' {
        return false;
    }
    let year: i64 = s[..4].parse().unwrap_or(0);
    let mut i = 5;
    let Some(month) = num(b, &mut i) else {
        return false;
    };
    if b.get(i) != Some(&b'-') {
        return false;
    }
    i += 1;
    let Some(day) = num(b, &mut i) else {
        return false;
    };
    if !(1..=12).contains(&month) || day < 1 || day > days_in(year, month) {
        return false;
    }
    if i == b.len() {
        return true;
    }
    let zoned = match b[i] {
        b'T' | b't' => true,
        b' ' => false,
        _ => return false,
    };
    i += 1;
    let Some(hour) = num(b, &mut i) else {
        return false;
    };
    if b.get(i) != Some(&b':') {
        return false;
    }
    i += 1;
    let Some(min) = num(b, &mut i) else {
        return false;
    };
    if b.get(i) != Some(&b':') {
        return false;
    }
    i += 1;
    let Some(sec) = num(b, &mut i) else {
        return false;
    };
    if hour >= 24 || min >= 60 || sec >= 60 {
        return false;
    }
    if matches!(b.get(i), Some(b'.' | b',')) && b.get(i + 1).is_some_and(u8::is_ascii_digit) {
        i += 1;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
    }
    if !zoned {
        return i == b.len();
    }
    match b.get(i) {
        Some(b'Z') => i + 1 == b.len(),
        Some(b'+' | b'-') => {
            let z = &b[i + 1..];
            z.len() == 5
                && z[0].is_ascii_digit()
                && z[1].is_ascii_digit()
                && z[2] == b':'
                && z[3].is_ascii_digit()
                && z[4].is_ascii_digit()
                && (z[0] - b'0') * 10 + (z[1] - b'0') < 24
                && (z[3] - b'0') * 10 + (z[4] - b'0') < 60
        }
        _ => false,
    }
}

/// One or two digits, as Go's non-padded layout elements read them.
fn num(b: &[u8], i: &mut usize) -> Option<i64> {
    let start = *i;
    while *i < b.len() && b[*i].is_ascii_digit() && *i - start < 2 {
        *i += 1;
    }
    if *i == start {
        return None;
    }
    std::str::from_utf8(&b[start..*i]).ok()?.parse().ok()
}

fn days_in(year: i64, month: i64) -> i64 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn booleans_are_yaml_1_1() {
        assert_eq!(resolve_plain("yes"), Resolved::Bool(true));
        assert_eq!(resolve_plain("Off"), Resolved::Bool(false));
        assert_eq!(resolve_plain("n"), Resolved::Bool(false));
        assert_eq!(resolve_plain("yEs"), Resolved::Str);
    }

    #[test]
    fn numbers_follow_go_parse_rules() {
        assert_eq!(resolve_plain("0x1F"), Resolved::Int(31));
        assert_eq!(resolve_plain("0755"), Resolved::Int(493));
        assert_eq!(resolve_plain("0o17"), Resolved::Int(15));
        assert_eq!(resolve_plain("0b101"), Resolved::Int(5));
        assert_eq!(resolve_plain("-0b101"), Resolved::Int(-5));
        assert_eq!(resolve_plain("1_000"), Resolved::Int(1000));
        assert_eq!(resolve_plain("08"), Resolved::Float(8.0));
        assert_eq!(resolve_plain("+12"), Resolved::Int(12));
        assert_eq!(
            resolve_plain("18446744073709551615"),
            Resolved::Uint(u64::MAX)
        );
        assert_eq!(resolve_plain("1e3"), Resolved::Float(1000.0));
        assert_eq!(resolve_plain(".5"), Resolved::Float(0.5));
        assert_eq!(resolve_plain("1."), Resolved::Float(1.0));
        assert_eq!(resolve_plain("1e400"), Resolved::Str);
        assert_eq!(resolve_plain("1.2.3"), Resolved::Str);
        assert_eq!(resolve_plain("0x"), Resolved::Str);
    }

    #[test]
    fn timestamps_and_base60() {
        assert_eq!(resolve_plain("2001-12-14"), Resolved::Timestamp);
        assert_eq!(
            resolve_plain("2001-12-14t21:59:43.10Z"),
            Resolved::Timestamp
        );
        assert_eq!(resolve_plain("2001-12-14 21:59:43.10"), Resolved::Timestamp);
        assert_eq!(resolve_plain("2001-02-30"), Resolved::Str);
        assert!(is_base60_float("190:20:30.15"));
        assert!(is_base60_float("1:2"));
        assert!(!is_base60_float("1:60"));
        assert!(!is_base60_float("1:2:"));
    }
}
