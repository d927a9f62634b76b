//! The few pieces of Go's `fmt` and `strconv` that Helm's chart messages print with: `%q`,
//! `%t` on a non-bool, and the float-to-string conversion of sigs.k8s.io/yaml.

use rudder_value::Value;

/// Go's `strconv.Quote`.
pub(crate) fn quote(s: &str) -> String {
    rudder_value::strconv::quote(s)
}

/// Go's `%q` of a `[]rune`: each rune quoted with `strconv.QuoteRune`, in brackets.
pub(crate) fn quote_runes(s: &str) -> String {
    let items: Vec<String> = s.chars().map(rudder_value::strconv::quote_rune).collect();
    format!("[{}]", items.join(" "))
}

/// Go's `unicode.IsPrint`.
pub(crate) fn is_print(c: char) -> bool {
    rudder_value::strconv::is_print(c)
}

/// Go's `unicode.IsSpace`.
pub(crate) fn is_space(c: char) -> bool {
    matches!(
        c,
        '\t' | '\n' | '\u{b}' | '\u{c}' | '\r' | ' ' | '\u{85}' | '\u{a0}'
    ) || (c as u32 > 0xff && c.is_whitespace())
}

/// Go's `%v` of a value.
pub(crate) fn format_v(v: &Value) -> String {
    rudder_value::fmt::sprint(std::slice::from_ref(v))
}

/// Go's `strconv.FormatFloat(f, 'g', -1, 64)`, which `%v` prints for a float64.
pub(crate) fn format_g(f: f64) -> String {
    rudder_value::strconv::format_float(f, 'g', -1, 64)
}

/// Go's `%t` of a value (`%!t(T=v)` for anything but a bool, element by element in slices
/// and maps).
pub(crate) fn format_t(v: &Value) -> String {
    rudder_value::fmt::sprintf("%t", std::slice::from_ref(v))
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
