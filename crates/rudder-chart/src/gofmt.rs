//! The few pieces of Go's `fmt` and `strconv` that Helm's chart messages print with: `%q`,
//! `%t` on a non-bool, and the float-to-string conversion of sigs.k8s.io/yaml.

use std::fmt::Write as _;

use rudder_value::Value;

/// Go's `strconv.Quote`.
pub(crate) fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\u{7}' => out.push_str("\\a"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{b}' => out.push_str("\\v"),
            c if is_print(c) => out.push(c),
            c if (c as u32) < 0x80 => {
                let _ = write!(out, "\\x{:02x}", c as u32);
            }
            c if (c as u32) < 0x10000 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => {
                let _ = write!(out, "\\U{:08x}", c as u32);
            }
        }
    }
    out.push('"');
    out
}

/// Go's `%q` of a `[]rune`: each rune quoted with `strconv.QuoteRune`, in brackets.
pub(crate) fn quote_runes(s: &str) -> String {
    let items: Vec<String> = s
        .chars()
        .map(|c| match c {
            '\'' => "'\\''".to_owned(),
            '"' => "'\"'".to_owned(),
            c => {
                let q = quote(&c.to_string());
                format!("'{}'", &q[1..q.len() - 1])
            }
        })
        .collect();
    format!("[{}]", items.join(" "))
}

/// An approximation of Go's `unicode.IsPrint`: letters, marks, numbers, punctuation, symbols
/// and the ASCII space. Rust has no general-category table in `std`, so the known invisible
/// code points are listed.
pub(crate) fn is_print(c: char) -> bool {
    if c == ' ' {
        return true;
    }
    if c.is_control() || c.is_whitespace() {
        return false;
    }
    !matches!(c as u32,
        0xAD | 0x600..=0x605 | 0x61C | 0x6DD | 0x70F | 0x180E | 0x200B..=0x200F | 0x202A..=0x202E
        | 0x2060..=0x2064 | 0x2066..=0x206F | 0xFEFF | 0xFFF9..=0xFFFB | 0xE000..=0xF8FF
        | 0xFDD0..=0xFDEF | 0xFFFE | 0xFFFF | 0xF0000.. )
}

/// Go's `unicode.IsSpace`.
pub(crate) fn is_space(c: char) -> bool {
    matches!(
        c,
        '\t' | '\n' | '\u{b}' | '\u{c}' | '\r' | ' ' | '\u{85}' | '\u{a0}'
    ) || (c as u32 > 0xff && c.is_whitespace())
}

/// Go's `%v` of a value (delegates to `rudder_value::fmt`).
pub(crate) fn format_v(v: &Value) -> String {
    rudder_value::fmt::sprint(std::slice::from_ref(v))
}

/// Go's `%v` (`strconv.FormatFloat(f, 'g', -1, 64)`) of a float64: shortest digits, the
/// exponent form below 1e-4 and from 1e6 on (`1e+06`).
pub(crate) fn format_g(f: f64) -> String {
    if f.is_nan() {
        return "NaN".to_owned();
    }
    if f.is_infinite() {
        return if f > 0.0 { "+Inf" } else { "-Inf" }.to_owned();
    }
    if f == 0.0 {
        return if f.is_sign_negative() { "-0" } else { "0" }.to_owned();
    }
    let sci = format!("{f:e}");
    let (mantissa, exp) = sci.split_once('e').unwrap_or((&sci, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let negative = mantissa.starts_with('-');
    let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    let mut out = String::new();
    if negative {
        out.push('-');
    }
    if !(-4..6).contains(&exp) {
        out.push_str(&digits[..1]);
        if digits.len() > 1 {
            out.push('.');
            out.push_str(&digits[1..]);
        }
        out.push('e');
        out.push(if exp < 0 { '-' } else { '+' });
        let _ = write!(out, "{:02}", exp.abs());
    } else if exp < 0 {
        out.push_str("0.");
        for _ in 0..(-exp - 1) {
            out.push('0');
        }
        out.push_str(&digits);
    } else {
        let point = exp as usize + 1;
        if digits.len() <= point {
            out.push_str(&digits);
            for _ in digits.len()..point {
                out.push('0');
            }
        } else {
            out.push_str(&digits[..point]);
            out.push('.');
            out.push_str(&digits[point..]);
        }
    }
    out
}

/// Go's `%t` of a value: `true`/`false` for a bool, `%!t(T=v)` for anything else, applied
/// element by element inside slices and maps.
pub(crate) fn format_t(v: &Value) -> String {
    match v {
        Value::Bool(b) => b.to_string(),
        Value::Nil => "%!t(<nil>)".to_owned(),
        Value::List(l) => {
            let items: Vec<String> = l.iter().map(format_t).collect();
            format!("[{}]", items.join(" "))
        }
        Value::Map(m) => {
            let items: Vec<String> = m
                .entries()
                .into_iter()
                .map(|(k, v)| format!("%!t(string={k}):{}", format_t(&v)))
                .collect();
            format!("map[{}]", items.join(" "))
        }
        other => format!("%!t({}={})", other.type_name(), format_v(other)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quote_escapes_like_strconv() {
        assert_eq!(quote("a\"b\\c\n"), r#""a\"b\\c\n""#);
        assert_eq!(quote("\u{1}"), r#""\x01""#);
        assert_eq!(quote("é"), "\"é\"");
        assert_eq!(quote("\u{feff}"), r#""\ufeff""#);
    }

    #[test]
    fn g_format_is_gos_v() {
        assert_eq!(format_g(1e6), "1e+06");
        assert_eq!(format_g(123_456.0), "123456");
        assert_eq!(format_g(0.5), "0.5");
        assert_eq!(format_g(0.00001), "1e-05");
        assert_eq!(format_g(-1_234_567.5), "-1.2345675e+06");
    }

    #[test]
    fn t_verb_on_non_bools() {
        assert_eq!(format_t(&Value::Bool(true)), "true");
        assert_eq!(format_t(&Value::Nil), "%!t(<nil>)");
    }
}
