//! Behaviour that Go's documentation for `fmt` and `strconv` states outright (the package docs
//! and their examples), checked against our implementation.

#![expect(
    clippy::approx_constant,
    reason = "Go's strconv examples format the literal 3.1415926535, not pi"
)]

use rudder_value::strconv::{self, NumErrorKind, UnquotedChar};
use rudder_value::{Map, Value, fmt};

fn i(x: i64) -> Value {
    Value::Int(x)
}

fn f(x: f64) -> Value {
    Value::Float(x)
}

fn s(x: &str) -> Value {
    Value::from(x)
}

#[test]
fn fmt_doc_error_forms() {
    assert_eq!(fmt::sprintf("%d", &[s("hi")]), "%!d(string=hi)");
    assert_eq!(fmt::sprintf("hi", &[s("guys")]), "hi%!(EXTRA string=guys)");
    assert_eq!(fmt::sprintf("hi%d", &[]), "hi%!d(MISSING)");
    assert_eq!(fmt::sprintf("%*s", &[f(4.5), s("hi")]), "%!(BADWIDTH)hi");
    assert_eq!(fmt::sprintf("%.*s", &[f(4.5), s("hi")]), "%!(BADPREC)hi");
    assert_eq!(fmt::sprintf("%*[2]d", &[i(7)]), "%!d(BADINDEX)");
    assert_eq!(fmt::sprintf("%.[2]d", &[i(7)]), "%!d(BADINDEX)");
    assert_eq!(fmt::sprintf("%!", &[]), "%!!(MISSING)");
    assert_eq!(fmt::sprintf("%v", &[Value::Nil]), "<nil>");
}

#[test]
fn fmt_doc_explicit_argument_indexes() {
    assert_eq!(fmt::sprintf("%[2]d %[1]d\n", &[i(11), i(22)]), "22 11\n");
    assert_eq!(
        fmt::sprintf("%[3]*.[2]*[1]f", &[f(12.0), i(2), i(6)]),
        " 12.00"
    );
    assert_eq!(
        fmt::sprintf("%d %d %#[1]x %#x", &[i(16), i(17)]),
        "16 17 0x10 0x11"
    );
    assert_eq!(fmt::sprintf("%6.2f", &[f(12.0)]), " 12.00");
}

#[test]
fn fmt_doc_width_and_precision() {
    assert_eq!(fmt::sprintf("%6.3f", &[f(12.345)]), "12.345");
    assert_eq!(fmt::sprintf("%.3g", &[f(12.345)]), "12.3");
    assert_eq!(
        fmt::sprintf("|%6d|%6d|", &[i(12), i(345)]),
        "|    12|   345|"
    );
    assert_eq!(
        fmt::sprintf("|%-6d|%-6d|", &[i(12), i(345)]),
        "|12    |345   |"
    );
    assert_eq!(
        fmt::sprintf("|%06d|%06d|", &[i(12), i(345)]),
        "|000012|000345|"
    );
    assert_eq!(
        fmt::sprintf("|%6.2f|%6.2f|", &[f(1.2), f(3.45)]),
        "|  1.20|  3.45|"
    );
    assert_eq!(
        fmt::sprintf("|%-6.2f|%-6.2f|", &[f(1.2), f(3.45)]),
        "|1.20  |3.45  |"
    );
    assert_eq!(
        fmt::sprintf("%x %X %#x", &[i(255), i(255), i(255)]),
        "ff FF 0xff"
    );
    assert_eq!(fmt::sprintf("%x", &[s("hello")]), "68656c6c6f");
    assert_eq!(fmt::sprintf("% x", &[s("hello")]), "68 65 6c 6c 6f");
    assert_eq!(fmt::sprintf("%U", &[i(0x1F600)]), "U+1F600");
    assert_eq!(fmt::sprintf("%#U", &[i(0x263A)]), "U+263A '☺'");
    assert_eq!(fmt::sprintf("%q", &[s("\"quoted\"")]), r#""\"quoted\"""#);
    assert_eq!(fmt::sprintf("%#q", &[s("\"quoted\"")]), "`\"quoted\"`");
}

#[test]
fn fmt_doc_compound_values() {
    let m = Map::new();
    m.insert("key1", s("value1"));
    m.insert("key2", i(2));
    let v = Value::Map(m);
    assert_eq!(
        fmt::sprint(std::slice::from_ref(&v)),
        "map[key1:value1 key2:2]"
    );
    assert_eq!(
        fmt::sprintf("%#v", std::slice::from_ref(&v)),
        r#"map[string]interface {}{"key1":"value1", "key2":2}"#
    );
    let l = Value::from(vec![i(1), s("a")]);
    assert_eq!(fmt::sprint(std::slice::from_ref(&l)), "[1 a]");
    assert_eq!(fmt::sprintf("%T", &[l]), "[]interface {}");
}

#[test]
fn fmt_doc_sprint_spacing() {
    // "Spaces are added between operands when neither is a string."
    assert_eq!(fmt::sprint(&[s("a"), i(1), i(2), s("b")]), "a1 2b");
    // "Spaces are always added between operands and a newline is appended."
    assert_eq!(fmt::sprintln(&[s("a"), i(1), i(2), s("b")]), "a 1 2 b\n");
}

#[test]
fn strconv_doc_examples() {
    assert_eq!(
        strconv::format_float(3.141_592_653_5, 'E', -1, 32),
        "3.1415927E+00"
    );
    assert_eq!(
        strconv::format_float(3.141_592_653_5, 'E', -1, 64),
        "3.1415926535E+00"
    );
    assert_eq!(strconv::format_float(3.0, 'f', -1, 64), "3");
    assert_eq!(strconv::format_int(-42, 2), "-101010");
    assert_eq!(strconv::format_int(-42, 16), "-2a");
    assert_eq!(strconv::format_uint(42, 2), "101010");
    assert_eq!(strconv::format_uint(42, 16), "2a");
    assert_eq!(strconv::itoa(10), "10");
    assert_eq!(strconv::atoi("10"), Ok(10));
    assert_eq!(strconv::parse_bool("true"), Ok(true));
    assert_eq!(strconv::parse_uint("42", 10, 32), Ok(42));
    assert_eq!(strconv::parse_int("-354634382", 10, 32), Ok(-354_634_382));
    assert_eq!(
        strconv::parse_int("-3546343826724305832", 10, 64),
        Ok(-3_546_343_826_724_305_832)
    );
    assert_eq!(
        strconv::parse_float("3.1415926535", 32),
        Ok(3.141_592_741_012_573_2)
    );
    assert_eq!(
        strconv::parse_float("3.1415926535", 64),
        Ok(3.141_592_653_5)
    );
    assert!(strconv::parse_float("NaN", 64).unwrap().is_nan());
    assert!(strconv::parse_float("nan", 64).unwrap().is_nan());
    assert_eq!(strconv::parse_float("inf", 64), Ok(f64::INFINITY));
    assert_eq!(strconv::parse_float("+Inf", 64), Ok(f64::INFINITY));
    assert_eq!(strconv::parse_float("-Inf", 64), Ok(f64::NEG_INFINITY));
    let neg_zero = strconv::parse_float("-0", 64).unwrap();
    assert!(neg_zero == 0.0 && neg_zero.is_sign_negative());
    assert_eq!(
        strconv::parse_float("Not a number", 64)
            .unwrap_err()
            .to_string(),
        r#"strconv.ParseFloat: parsing "Not a number": invalid syntax"#
    );
}

#[test]
fn strconv_doc_quoting() {
    let diner = "\"Fran & Freddie's Diner\t☺\"";
    assert_eq!(strconv::quote(diner), r#""\"Fran & Freddie's Diner\t☺\"""#);
    assert_eq!(
        strconv::quote_to_ascii(diner),
        r#""\"Fran & Freddie's Diner\t\u263a\"""#
    );
    assert_eq!(strconv::quote_rune('☺'), "'☺'");
    assert_eq!(strconv::quote_rune_to_ascii('☺'), r"'\u263a'");
    assert!(strconv::can_backquote("Fran & Freddie's Diner ☺"));
    assert!(!strconv::can_backquote("`can't backquote this`"));
    assert!(strconv::is_print('\u{263a}'));
    assert!(!strconv::is_print('\u{0007}'));
}

#[test]
fn strconv_doc_unquoting() {
    assert!(strconv::unquote("You can't unquote a string without quotes").is_err());
    assert_eq!(
        strconv::unquote("\"The string must be either double-quoted\"").as_deref(),
        Ok("The string must be either double-quoted")
    );
    assert_eq!(
        strconv::unquote("`or backquoted.`").as_deref(),
        Ok("or backquoted.")
    );
    assert_eq!(strconv::unquote("'\u{263a}'").as_deref(), Ok("☺"));
    assert!(strconv::unquote("'\u{2639}\u{2639}'").is_err());
    let (c, tail) = strconv::unquote_char(r#"\"Fran & Freddie's Diner\""#, b'"').unwrap();
    assert_eq!(
        c,
        UnquotedChar {
            value: u32::from(b'"'),
            multibyte: false
        }
    );
    assert_eq!(tail, r#"Fran & Freddie's Diner\""#);
}

#[test]
fn strconv_error_kinds() {
    let e = strconv::parse_int("99999999999999999999", 10, 64).unwrap_err();
    assert_eq!(e.kind, NumErrorKind::Range);
    assert!(e.is_range());
    assert_eq!(e.func, "ParseInt");
    assert_eq!(e.num, "99999999999999999999");
}
