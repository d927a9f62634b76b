//! Go's `strconv.FormatFloat` in the two shapes the encoders use: `'g'` with the shortest
//! precision (go-yaml's floats, sigs.k8s.io/yaml's float map keys) and encoding/json's choice
//! between `'f'` and `'e'`.

/// The shortest decimal digits of `f` (no sign, no leading zeros) and the position of the
/// decimal point relative to them, as Go's `decimal` keeps them: `1.5` is `("15", 1)`.
fn shortest_digits(f: f64, bits32: bool) -> (String, i32) {
    // Rust's `{:e}` prints the shortest round-tripping digits, like Go's shortest formatting.
    let text = if bits32 {
        format!("{:e}", (f as f32).abs())
    } else {
        format!("{:e}", f.abs())
    };
    let (mantissa, exp) = text.split_once('e').unwrap_or((&text, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    let digits = digits.trim_end_matches('0');
    if digits.is_empty() {
        return ("0".to_owned(), 1);
    }
    (digits.to_owned(), exp + 1)
}

fn push_exponent(out: &mut String, exp: i32, min_digits: usize) {
    out.push(if exp < 0 { '-' } else { '+' });
    let e = exp.unsigned_abs().to_string();
    for _ in e.len()..min_digits {
        out.push('0');
    }
    out.push_str(&e);
}

fn format_e(neg: bool, digits: &str, dp: i32, min_exp_digits: usize) -> String {
    let mut out = String::new();
    if neg {
        out.push('-');
    }
    out.push_str(&digits[..1]);
    if digits.len() > 1 {
        out.push('.');
        out.push_str(&digits[1..]);
    }
    out.push('e');
    let exp = if digits == "0" { 0 } else { dp - 1 };
    push_exponent(&mut out, exp, min_exp_digits);
    out
}

fn format_f(neg: bool, digits: &str, dp: i32) -> String {
    let mut out = String::new();
    if neg {
        out.push('-');
    }
    if dp <= 0 {
        out.push_str("0.");
        for _ in dp..0 {
            out.push('0');
        }
        out.push_str(digits);
    } else {
        let dp = dp as usize;
        if digits.len() <= dp {
            out.push_str(digits);
            for _ in digits.len()..dp {
                out.push('0');
            }
        } else {
            out.push_str(&digits[..dp]);
            out.push('.');
            out.push_str(&digits[dp..]);
        }
    }
    out
}

fn special(f: f64) -> Option<&'static str> {
    if f.is_nan() {
        Some("NaN")
    } else if f.is_infinite() {
        Some(if f > 0.0 { "+Inf" } else { "-Inf" })
    } else {
        None
    }
}

/// `strconv.FormatFloat(f, 'g', -1, 64)` (or `32` when `bits32`): `1e+06`, `1.5`, `1e-05`.
pub(crate) fn format_g(f: f64, bits32: bool) -> String {
    if let Some(s) = special(if bits32 { f64::from(f as f32) } else { f }) {
        return s.to_owned();
    }
    let neg = f.is_sign_negative();
    let (digits, dp) = shortest_digits(f, bits32);
    let exp = dp - 1;
    // Go switches to %e when the exponent is below -4 or at least the precision, which is 6
    // for the shortest formatting (strconv/ftoa.go).
    if digits != "0" && !(-4..6).contains(&exp) {
        format_e(neg, &digits, dp, 2)
    } else {
        format_f(neg, &digits, dp)
    }
}

/// encoding/json's float64 spelling: `'f'` unless the exponent is below -6 or at least 21,
/// then `'e'` with a one-digit exponent minimum (`1e+21`, `1e-7`). NaN and infinities are
/// not representable and return `None`.
pub(crate) fn format_json(f: f64) -> Option<String> {
    if special(f).is_some() {
        return None;
    }
    let abs = f.abs();
    let neg = f.is_sign_negative();
    let (digits, dp) = shortest_digits(f, false);
    if abs != 0.0 && !(1e-6..1e21).contains(&abs) {
        Some(format_e(neg, &digits, dp, 2).replacen("e-0", "e-", 1))
    } else {
        Some(format_f(neg, &digits, dp))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn g_format_matches_go() {
        assert_eq!(format_g(1e6, false), "1e+06");
        assert_eq!(format_g(123_456.0, false), "123456");
        assert_eq!(format_g(1.5, false), "1.5");
        assert_eq!(format_g(0.0001, false), "0.0001");
        assert_eq!(format_g(0.00001, false), "1e-05");
        assert_eq!(format_g(-0.0, false), "-0");
        assert_eq!(format_g(0.0, false), "0");
        assert_eq!(format_g(1.234_567_89e8, false), "1.23456789e+08");
        assert_eq!(format_g(1e100, false), "1e+100");
        assert_eq!(format_g(0.1, true), "0.1");
        assert_eq!(format_g(f64::NAN, false), "NaN");
        assert_eq!(format_g(f64::NEG_INFINITY, false), "-Inf");
    }

    #[test]
    fn json_format_matches_go() {
        assert_eq!(format_json(1e20).unwrap(), "100000000000000000000");
        assert_eq!(format_json(1e21).unwrap(), "1e+21");
        assert_eq!(format_json(1e-7).unwrap(), "1e-7");
        assert_eq!(format_json(0.000_001).unwrap(), "0.000001");
        assert_eq!(format_json(-0.0).unwrap(), "-0");
        assert_eq!(format_json(1.5).unwrap(), "1.5");
        assert_eq!(format_json(123_456_789.0).unwrap(), "123456789");
        assert_eq!(format_json(1.234_5e-10).unwrap(), "1.2345e-10");
        assert!(format_json(f64::NAN).is_none());
    }
}
