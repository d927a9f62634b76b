//! Go's `fmt` printing of [`Value`]s: `Sprint`, `Sprintln`, `Sprintf`.
//!
//! Output matches Go 1.26's `fmt` byte for byte for the types a template can hold: every verb
//! (`%v %+v %#v %T %% %t %d %b %o %O %x %X %c %q %U %e %E %f %F %g %G %s %p`), the flags
//! `+ - # 0 space`, width and precision (with `*` and `[n]` argument indexes) and Go's error
//! forms (`%!d(string=hi)`, `%!(EXTRA int=1)`, `%!d(MISSING)`, `%!(NOVERB)`, `%!(BADWIDTH)`,
//! `%!(BADPREC)`, `%!d(BADINDEX)`).
//!
//! ```
//! use rudder_value::{fmt, Value};
//!
//! assert_eq!(fmt::sprintf("%5.1f|%-4d|%q", &[Value::Float(1.23456), Value::Int(7), Value::from("a")]),
//!            "  1.2|7   |\"a\"");
//! assert_eq!(fmt::format_value(&Value::Float(1e6)), "1e+06");
//! assert_eq!(fmt::sprintf("%d", &[Value::from("hi")]), "%!d(string=hi)");
//! ```
//!
//! The `write_*` functions append to a caller's buffer, so the template engine prints without
//! an intermediate string.

use crate::strconv;
use crate::{List, ListKind, Map, NilMap, Object, Underlying, Value};

/// Go's `fmt.Sprint`: operands printed with `%v`, a space between two operands when neither
/// is a string.
pub fn sprint(args: &[Value]) -> String {
    let mut out = String::new();
    write_sprint(&mut out, args);
    out
}

/// Go's `fmt.Sprintln`: operands printed with `%v`, always separated by spaces, then a newline.
pub fn sprintln(args: &[Value]) -> String {
    let mut out = String::new();
    write_sprintln(&mut out, args);
    out
}

/// Go's `fmt.Sprintf`.
pub fn sprintf(format: &str, args: &[Value]) -> String {
    let mut out = String::with_capacity(format.len() + 8 * args.len());
    write_sprintf(&mut out, format, args);
    out
}

/// `%v` of one value: what the template engine prints for `{{ x }}`.
pub fn format_value(v: &Value) -> String {
    if let Value::String(s) = v {
        return s.to_string();
    }
    let mut out = String::new();
    write_value(&mut out, v);
    out
}

/// Appends `%v` of `v` to `out`.
pub fn write_value(out: &mut String, v: &Value) {
    match v {
        Value::String(s) => out.push_str(s),
        Value::Int(i) | Value::Int64(i) => strconv::append_int(out, *i, 10),
        // Whole numbers below 1e6 print as integers under %v ('g' with shortest digits):
        // the common case of counts and ports read from YAML, printed without float formatting.
        Value::Float(x)
            if x.fract() == 0.0 && x.abs() < 1e6 && !(*x == 0.0 && x.is_sign_negative()) =>
        {
            strconv::append_int(out, *x as i64, 10);
        }
        _ => Printer::new(out).print_arg(v, 'v'),
    }
}

/// Appends Go's `fmt.Sprint(args...)` to `out`.
pub fn write_sprint(out: &mut String, args: &[Value]) {
    let mut prev_string = false;
    for (i, arg) in args.iter().enumerate() {
        let is_string = is_go_string(arg);
        if i > 0 && !is_string && !prev_string {
            out.push(' ');
        }
        write_value(out, arg);
        prev_string = is_string;
    }
}

/// Appends Go's `fmt.Sprintln(args...)` to `out`.
pub fn write_sprintln(out: &mut String, args: &[Value]) {
    for (i, arg) in args.iter().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        write_value(out, arg);
    }
    out.push('\n');
}

/// Appends Go's `fmt.Sprintf(format, args...)` to `out`.
pub fn write_sprintf(out: &mut String, format: &str, args: &[Value]) {
    Printer::new(out).do_printf(format, args);
}

/// True when the value's kind is string, which is what `Sprint` checks for spacing.
fn is_go_string(v: &Value) -> bool {
    match v {
        Value::String(_) => true,
        Value::Object(o) => o.kind_name() == "string",
        _ => false,
    }
}

/// Go's `fmt.fmtFlags` plus width and precision.
#[derive(Clone, Copy, Default)]
struct Flags {
    wid_present: bool,
    prec_present: bool,
    minus: bool,
    plus: bool,
    sharp: bool,
    space: bool,
    zero: bool,
    /// `%+v`: set instead of `plus` for the `v` verb.
    plus_v: bool,
    /// `%#v`: set instead of `sharp` for the `v` verb.
    sharp_v: bool,
    wid: usize,
    prec: usize,
}

/// Width and precision above this are treated as malformed, as in Go.
const TOO_LARGE: i64 = 1_000_000;

const LDIGITS: &[u8; 17] = b"0123456789abcdefx";
const UDIGITS: &[u8; 17] = b"0123456789ABCDEFX";

struct Printer<'a> {
    buf: &'a mut String,
    f: Flags,
    /// Set while printing the operand of a bad-verb message, so methods are not consulted.
    erroring: bool,
    reordered: bool,
    good_arg_num: bool,
}

/// Go's `parsenum`: digits of `s` from `start`; `None` when there are none. An absurdly long
/// number consumes the rest of the format.
fn parse_num(s: &[u8], start: usize) -> (Option<usize>, usize) {
    let mut num: i64 = 0;
    let mut i = start;
    let mut isnum = false;
    while i < s.len() && s[i].is_ascii_digit() {
        if num > TOO_LARGE {
            return (None, s.len());
        }
        num = num * 10 + i64::from(s[i] - b'0');
        isnum = true;
        i += 1;
    }
    (isnum.then_some(num as usize), i)
}

/// Go's `parseArgNumber`: `[n]` at the start of `s`; returns the zero-based index, the bytes
/// consumed and whether it parsed.
fn parse_arg_number(s: &[u8]) -> (usize, usize, bool) {
    if s.len() < 3 {
        return (0, 1, false);
    }
    for i in 1..s.len() {
        if s[i] == b']' {
            let (num, newi) = parse_num(&s[..i], 1);
            return match num {
                Some(n) if newi == i => (n.wrapping_sub(1), i + 1, true),
                _ => (0, i + 1, false),
            };
        }
    }
    (0, 1, false)
}

/// Go's `intFromArg`: an integer operand used as `*` width or precision.
fn int_from_arg(args: &[Value], arg_num: usize) -> (i64, bool, usize) {
    let Some(arg) = args.get(arg_num) else {
        return (0, false, arg_num);
    };
    let (num, is_int) = match arg {
        Value::Int(i) | Value::Int64(i) => (*i, true),
        Value::Uint(u) => match i64::try_from(*u) {
            Ok(i) => (i, true),
            Err(_) => (0, false),
        },
        _ => (0, false),
    };
    if !(-TOO_LARGE..=TOO_LARGE).contains(&num) {
        return (0, false, arg_num + 1);
    }
    (num, is_int, arg_num + 1)
}

impl<'a> Printer<'a> {
    fn new(buf: &'a mut String) -> Self {
        Printer {
            buf,
            f: Flags::default(),
            erroring: false,
            reordered: false,
            good_arg_num: true,
        }
    }

    // -----------------------------------------------------------------------------------------
    // Padding
    // -----------------------------------------------------------------------------------------

    fn write_padding(&mut self, n: usize) {
        let c = if self.f.zero { '0' } else { ' ' };
        self.buf.extend(std::iter::repeat_n(c, n));
    }

    /// Go's `pad`/`padString`: `s` padded to the width, counted in runes.
    fn pad(&mut self, s: &str) {
        if !self.f.wid_present || self.f.wid == 0 {
            self.buf.push_str(s);
            return;
        }
        let width = self.f.wid.saturating_sub(s.chars().count());
        if self.f.minus {
            self.buf.push_str(s);
            self.write_padding(width);
        } else {
            self.write_padding(width);
            self.buf.push_str(s);
        }
    }

    /// Go's `truncateString`: at most `prec` runes.
    fn truncate<'s>(&self, s: &'s str) -> &'s str {
        if self.f.prec_present
            && let Some((i, _)) = s.char_indices().nth(self.f.prec)
        {
            return &s[..i];
        }
        s
    }

    fn fmt_s(&mut self, s: &str) {
        let s = self.truncate(s);
        self.pad(s);
    }

    fn fmt_boolean(&mut self, b: bool) {
        self.pad(if b { "true" } else { "false" });
    }

    // -----------------------------------------------------------------------------------------
    // Integers
    // -----------------------------------------------------------------------------------------

    /// Go's `fmt.fmtInteger`.
    fn fmt_integer_base(&mut self, u: u64, base: u64, signed: bool, verb: char, digits: &[u8; 17]) {
        let negative = signed && (u as i64) < 0;
        let mut u = if negative {
            (u as i64).unsigned_abs()
        } else {
            u
        };

        let mut prec = 0usize;
        if self.f.prec_present {
            prec = self.f.prec;
            if prec == 0 && u == 0 {
                // Precision 0 and value 0 print nothing but the padding.
                let old_zero = self.f.zero;
                self.f.zero = false;
                let wid = self.f.wid;
                self.write_padding(wid);
                self.f.zero = old_zero;
                return;
            }
        } else if self.f.zero && !self.f.minus && self.f.wid_present {
            prec = self.f.wid;
            if negative || self.f.plus || self.f.space {
                prec = prec.saturating_sub(1);
            }
        }

        // Digits right to left into a buffer large enough for %b of a u64 plus prefixes, or the
        // requested precision.
        let mut stack = [0u8; 72];
        let mut heap = Vec::new();
        let tmp: &mut [u8] = if prec + 6 <= stack.len() {
            &mut stack
        } else {
            heap.resize(prec + 6, 0);
            &mut heap
        };
        let mut i = tmp.len();
        while u >= base {
            i -= 1;
            tmp[i] = digits[(u % base) as usize];
            u /= base;
        }
        i -= 1;
        tmp[i] = digits[u as usize];
        while i > 0 && prec > tmp.len() - i {
            i -= 1;
            tmp[i] = b'0';
        }
        if self.f.sharp {
            match base {
                2 => {
                    i -= 2;
                    tmp[i] = b'0';
                    tmp[i + 1] = b'b';
                }
                8 if tmp[i] != b'0' => {
                    i -= 1;
                    tmp[i] = b'0';
                }
                16 => {
                    i -= 2;
                    tmp[i] = b'0';
                    tmp[i + 1] = digits[16];
                }
                _ => {}
            }
        }
        if verb == 'O' {
            i -= 2;
            tmp[i] = b'0';
            tmp[i + 1] = b'o';
        }
        if negative {
            i -= 1;
            tmp[i] = b'-';
        } else if self.f.plus {
            i -= 1;
            tmp[i] = b'+';
        } else if self.f.space {
            i -= 1;
            tmp[i] = b' ';
        }
        // Zero padding was done as precision above (or is ignored with an explicit precision).
        let old_zero = self.f.zero;
        self.f.zero = false;
        let s = std::str::from_utf8(&tmp[i..]).expect("integer digits are ASCII");
        self.pad(s);
        self.f.zero = old_zero;
    }

    /// Go's `fmt.fmtUnicode`: `U+0041`, with `%#U` also `'A'` when printable.
    fn fmt_unicode(&mut self, u: u64) {
        let mut prec = 4usize;
        if self.f.prec_present && self.f.prec > 4 {
            prec = self.f.prec;
        }
        let mut s = String::with_capacity(prec + 12);
        s.push_str("U+");
        let hex = format!("{u:X}");
        for _ in hex.len()..prec {
            s.push('0');
        }
        s.push_str(&hex);
        if self.f.sharp
            && let Some(r) = u32::try_from(u).ok().and_then(char::from_u32)
            && strconv::is_print(r)
        {
            s.push_str(" '");
            s.push(r);
            s.push('\'');
        }
        let old_zero = self.f.zero;
        self.f.zero = false;
        self.pad(&s);
        self.f.zero = old_zero;
    }

    fn fmt_c(&mut self, u: u64) {
        let r = if u > u64::from(strconv::MAX_RUNE) {
            strconv::RUNE_ERROR
        } else {
            strconv::rune_or_error(u as i64)
        };
        let mut tmp = [0u8; 4];
        self.pad(r.encode_utf8(&mut tmp));
    }

    fn fmt_qc(&mut self, u: u64) {
        let r = if u > u64::from(strconv::MAX_RUNE) {
            strconv::RUNE_ERROR
        } else {
            strconv::rune_or_error(u as i64)
        };
        let mut s = String::with_capacity(8);
        strconv::append_quote_rune(&mut s, r, self.f.plus);
        self.pad(&s);
    }

    fn fmt0x64(&mut self, u: u64, leading0x: bool) {
        let sharp = self.f.sharp;
        self.f.sharp = leading0x;
        self.fmt_integer_base(u, 16, false, 'v', LDIGITS);
        self.f.sharp = sharp;
    }

    /// Go's `pp.fmtInteger`.
    fn fmt_integer(&mut self, u: u64, signed: bool, verb: char, v: &Value) {
        match verb {
            'v' if self.f.sharp_v && !signed => self.fmt0x64(u, true),
            'v' | 'd' => self.fmt_integer_base(u, 10, signed, verb, LDIGITS),
            'b' => self.fmt_integer_base(u, 2, signed, verb, LDIGITS),
            'o' | 'O' => self.fmt_integer_base(u, 8, signed, verb, LDIGITS),
            'x' => self.fmt_integer_base(u, 16, signed, verb, LDIGITS),
            'X' => self.fmt_integer_base(u, 16, signed, verb, UDIGITS),
            'c' => self.fmt_c(u),
            'q' => self.fmt_qc(u),
            'U' => self.fmt_unicode(u),
            _ => self.bad_verb(verb, v),
        }
    }

    // -----------------------------------------------------------------------------------------
    // Floats
    // -----------------------------------------------------------------------------------------

    /// Go's `pp.fmtFloat`.
    fn fmt_float_verb(&mut self, x: f64, verb: char, v: &Value) {
        match verb {
            'v' => self.fmt_float(x, 'g', -1),
            'b' | 'g' | 'G' | 'x' | 'X' => self.fmt_float(x, verb, -1),
            'f' | 'e' | 'E' => self.fmt_float(x, verb, 6),
            'F' => self.fmt_float(x, 'f', 6),
            _ => self.bad_verb(verb, v),
        }
    }

    /// Go's `fmt.fmtFloat`: sign, `#` decimal point and trailing zeros, zero padding after the
    /// sign, no zero padding for infinities and NaN.
    fn fmt_float(&mut self, x: f64, verb: char, prec: i32) {
        let prec = if self.f.prec_present {
            self.f.prec as i32
        } else {
            prec
        };
        // num always starts with a sign, '+' standing for "none yet".
        let mut num = String::with_capacity(32);
        num.push('+');
        strconv::append_float(&mut num, x, verb, prec, 64);
        if num.as_bytes()[1] == b'-' || num.as_bytes()[1] == b'+' {
            num.remove(0);
        }
        if self.f.space && num.starts_with('+') && !self.f.plus {
            num.replace_range(0..1, " ");
        }
        let second = num.as_bytes()[1];
        if second == b'I' || second == b'N' {
            let old_zero = self.f.zero;
            self.f.zero = false;
            if second == b'N' && !self.f.space && !self.f.plus {
                num.remove(0);
            }
            self.pad(&num);
            self.f.zero = old_zero;
            return;
        }
        if self.f.sharp && verb != 'b' {
            let mut digits: i32 = match verb {
                'v' | 'g' | 'G' | 'x' => {
                    if prec == -1 {
                        6
                    } else {
                        prec
                    }
                }
                _ => 0,
            };
            let mut tail = String::new();
            let mut has_decimal_point = false;
            let mut saw_nonzero_digit = false;
            let bytes = num.as_bytes();
            let mut cut = bytes.len();
            for (i, &c) in bytes.iter().enumerate().skip(1) {
                match c {
                    b'.' => has_decimal_point = true,
                    b'p' | b'P' => {
                        cut = i;
                        break;
                    }
                    b'e' | b'E' if verb != 'x' && verb != 'X' => {
                        cut = i;
                        break;
                    }
                    _ => {
                        if c != b'0' {
                            saw_nonzero_digit = true;
                        }
                        if saw_nonzero_digit {
                            digits -= 1;
                        }
                    }
                }
            }
            tail.push_str(&num[cut..]);
            num.truncate(cut);
            if !has_decimal_point {
                // A lone leading 0 counts as one digit.
                if num.len() == 2 && num.as_bytes()[1] == b'0' {
                    digits -= 1;
                }
                num.push('.');
            }
            while digits > 0 {
                num.push('0');
                digits -= 1;
            }
            num.push_str(&tail);
        }
        if self.f.plus || !num.starts_with('+') {
            if self.f.zero && !self.f.minus && self.f.wid_present && self.f.wid > num.len() {
                self.buf.push_str(&num[..1]);
                let n = self.f.wid - num.len();
                self.write_padding(n);
                self.buf.push_str(&num[1..]);
                return;
            }
            self.pad(&num);
            return;
        }
        self.pad(&num[1..]);
    }

    // -----------------------------------------------------------------------------------------
    // Strings and bytes
    // -----------------------------------------------------------------------------------------

    /// Go's `fmtSbx`: hexadecimal bytes, `% x` spaced, `%#x` with 0x.
    fn fmt_sbx(&mut self, b: &[u8], digits: &[u8; 17]) {
        let mut length = b.len();
        if self.f.prec_present && self.f.prec < length {
            length = self.f.prec;
        }
        let mut width = 2 * length;
        if width > 0 {
            if self.f.space {
                if self.f.sharp {
                    width *= 2;
                }
                width += length - 1;
            } else if self.f.sharp {
                width += 2;
            }
        } else {
            if self.f.wid_present {
                let wid = self.f.wid;
                self.write_padding(wid);
            }
            return;
        }
        if self.f.wid_present && self.f.wid > width && !self.f.minus {
            let n = self.f.wid - width;
            self.write_padding(n);
        }
        let x = char::from(digits[16]);
        if self.f.sharp {
            self.buf.push('0');
            self.buf.push(x);
        }
        for (i, &c) in b[..length].iter().enumerate() {
            if self.f.space && i > 0 {
                self.buf.push(' ');
                if self.f.sharp {
                    self.buf.push('0');
                    self.buf.push(x);
                }
            }
            self.buf.push(char::from(digits[usize::from(c >> 4)]));
            self.buf.push(char::from(digits[usize::from(c & 0xF)]));
        }
        if self.f.wid_present && self.f.wid > width && self.f.minus {
            let n = self.f.wid - width;
            self.write_padding(n);
        }
    }

    /// Go's `fmtQ`: a quoted string, `%+q` ASCII only, `%#q` backquoted when possible.
    fn fmt_q(&mut self, b: &[u8]) {
        let b = self.truncate_bytes(b);
        if self.f.sharp && strconv::can_backquote_bytes(b) {
            let mut s = String::with_capacity(b.len() + 2);
            s.push('`');
            s.push_str(&String::from_utf8_lossy(b));
            s.push('`');
            self.pad(&s);
            return;
        }
        let mut s = String::with_capacity(b.len() + 2);
        strconv::append_quote_bytes(&mut s, b, b'"', self.f.plus);
        self.pad(&s);
    }

    /// Go's `truncate` for byte slices: at most `prec` runes, an invalid byte counting as one.
    fn truncate_bytes<'s>(&self, b: &'s [u8]) -> &'s [u8] {
        if self.f.prec_present {
            let mut n = self.f.prec;
            let mut i = 0;
            while i < b.len() {
                if n == 0 {
                    return &b[..i];
                }
                n -= 1;
                i += strconv::decode_rune(&b[i..]).1;
            }
        }
        b
    }

    /// Go's `pp.fmtString`.
    fn fmt_string(&mut self, s: &str, verb: char, v: &Value) {
        match verb {
            'v' if self.f.sharp_v => self.fmt_q(s.as_bytes()),
            'v' | 's' => self.fmt_s(s),
            'x' => self.fmt_sbx(s.as_bytes(), LDIGITS),
            'X' => self.fmt_sbx(s.as_bytes(), UDIGITS),
            'q' => self.fmt_q(s.as_bytes()),
            _ => self.bad_verb(verb, v),
        }
    }

    /// Go's `pp.fmtBytes`; `type_name` is `[]byte` at the top level and `[]uint8` inside
    /// containers.
    fn fmt_bytes(&mut self, b: &[u8], verb: char, type_name: &str, v: &Value) {
        match verb {
            'v' | 'd' => {
                if self.f.sharp_v {
                    self.buf.push_str(type_name);
                    self.buf.push('{');
                    for (i, &c) in b.iter().enumerate() {
                        if i > 0 {
                            self.buf.push_str(", ");
                        }
                        self.fmt0x64(u64::from(c), true);
                    }
                    self.buf.push('}');
                } else {
                    self.buf.push('[');
                    for (i, &c) in b.iter().enumerate() {
                        if i > 0 {
                            self.buf.push(' ');
                        }
                        self.fmt_integer_base(u64::from(c), 10, false, verb, LDIGITS);
                    }
                    self.buf.push(']');
                }
            }
            's' => {
                let t = self.truncate_bytes(b);
                let s = String::from_utf8_lossy(t);
                self.pad(&s);
            }
            'x' => self.fmt_sbx(b, LDIGITS),
            'X' => self.fmt_sbx(b, UDIGITS),
            'q' => self.fmt_q(b),
            'w' if type_name == "[]uint8" => self.bad_verb(verb, v),
            _ => {
                // Any other verb prints the slice element by element.
                self.buf.push('[');
                for (i, &c) in b.iter().enumerate() {
                    if i > 0 {
                        self.buf.push(' ');
                    }
                    let elem = Value::Uint(u64::from(c));
                    self.fmt_uint8(c, verb, &elem);
                }
                self.buf.push(']');
            }
        }
    }

    /// One `uint8` element; a bad verb names its type `uint8`.
    fn fmt_uint8(&mut self, c: u8, verb: char, elem: &Value) {
        match verb {
            'v' | 'd' | 'b' | 'o' | 'O' | 'x' | 'X' | 'c' | 'q' | 'U' => {
                self.fmt_integer(u64::from(c), false, verb, elem);
            }
            _ => {
                self.erroring = true;
                self.buf.push_str("%!");
                self.buf.push(verb);
                self.buf.push_str("(uint8=");
                self.fmt_integer(u64::from(c), false, 'v', elem);
                self.buf.push(')');
                self.erroring = false;
            }
        }
    }

    // -----------------------------------------------------------------------------------------
    // Values
    // -----------------------------------------------------------------------------------------

    /// Go's `badVerb`: `%!verb(type=value)`, or `%!verb(<nil>)`.
    fn bad_verb(&mut self, verb: char, v: &Value) {
        self.erroring = true;
        self.buf.push_str("%!");
        self.buf.push(verb);
        self.buf.push('(');
        if v.is_nil() {
            self.buf.push_str("<nil>");
        } else {
            self.buf.push_str(&v.type_name());
            self.buf.push('=');
            self.print_arg(v, 'v');
        }
        self.buf.push(')');
        self.erroring = false;
    }

    /// Go's `printArg` for a top-level operand.
    fn print_arg(&mut self, v: &Value, verb: char) {
        match v {
            Value::Nil => match verb {
                'T' | 'v' => self.pad("<nil>"),
                _ => self.bad_verb(verb, v),
            },
            _ if verb == 'T' => {
                let t = v.type_name();
                self.fmt_s(&t);
            }
            _ if verb == 'p' => self.fmt_pointer(v),
            Value::Bytes(b) => self.fmt_bytes(b, verb, "[]byte", v),
            _ => self.print_value(v, verb, 0),
        }
    }

    /// Go's `printValue`: an operand or an element inside a slice or map.
    fn print_value(&mut self, v: &Value, verb: char, depth: usize) {
        match v {
            Value::Nil => {
                // Only reachable inside a container: a nil interface element.
                if self.f.sharp_v {
                    self.buf.push_str("interface {}(nil)");
                } else {
                    self.buf.push_str("<nil>");
                }
            }
            Value::Bool(b) => match verb {
                't' | 'v' => self.fmt_boolean(*b),
                _ => self.bad_verb(verb, v),
            },
            Value::Int(i) | Value::Int64(i) => self.fmt_integer(*i as u64, true, verb, v),
            Value::Uint(u) => self.fmt_integer(*u, false, verb, v),
            Value::Float(x) => self.fmt_float_verb(*x, verb, v),
            Value::String(s) => self.fmt_string(s, verb, v),
            Value::Bytes(b) => self.fmt_bytes(b, verb, "[]uint8", v),
            Value::List(l) => {
                if verb == 'w' {
                    return self.bad_verb(verb, v);
                }
                self.print_list(l, verb, depth);
            }
            Value::Map(m) => {
                if verb == 'w' {
                    return self.bad_verb(verb, v);
                }
                self.print_map(m, verb, depth);
            }
            Value::Object(o) => self.print_object(o.as_ref(), verb, v, depth),
        }
    }

    fn print_list(&mut self, l: &List, verb: char, depth: usize) {
        if self.f.sharp_v {
            self.buf.push_str(l.type_name());
            self.buf.push('{');
            for (i, item) in l.iter().enumerate() {
                if i > 0 {
                    self.buf.push_str(", ");
                }
                self.print_element(item, verb, depth + 1, l.kind);
            }
            self.buf.push('}');
        } else {
            self.buf.push('[');
            for (i, item) in l.iter().enumerate() {
                if i > 0 {
                    self.buf.push(' ');
                }
                self.print_element(item, verb, depth + 1, l.kind);
            }
            self.buf.push(']');
        }
    }

    fn print_element(&mut self, item: &Value, verb: char, depth: usize, kind: ListKind) {
        match (kind, item) {
            // A nil in a []string or []int cannot exist in Go; print the zero value.
            (ListKind::String, Value::Nil) => self.fmt_string("", verb, &Value::string("")),
            (ListKind::Int, Value::Nil) => self.fmt_integer(0, true, verb, &Value::Int(0)),
            _ => self.print_value(item, verb, depth),
        }
    }

    fn print_map(&mut self, m: &Map, verb: char, depth: usize) {
        if self.f.sharp_v {
            self.buf.push_str(m.type_name());
            self.buf.push('{');
        } else {
            self.buf.push_str("map[");
        }
        for (i, (k, val)) in m.entries().iter().enumerate() {
            if i > 0 {
                if self.f.sharp_v {
                    self.buf.push_str(", ");
                } else {
                    self.buf.push(' ');
                }
            }
            if matches!(verb, 'v' | 's' | 'x' | 'X' | 'q') {
                self.fmt_string(k, verb, &Value::Nil);
            } else {
                self.bad_verb(verb, &Value::string(k.as_str()));
            }
            self.buf.push(':');
            self.print_value(val, verb, depth + 1);
        }
        if self.f.sharp_v {
            self.buf.push('}');
        } else {
            self.buf.push(']');
        }
    }

    /// Host objects: a Stringer prints its `String()` for the string verbs, as Go's
    /// `handleMethods` does; otherwise the underlying struct or value is printed, or, for
    /// objects without one, their text.
    fn print_object(&mut self, o: &dyn Object, verb: char, v: &Value, depth: usize) {
        let pointer = o.kind_name() == "ptr";
        let string_verb = matches!(verb, 'v' | 's' | 'x' | 'X' | 'q');
        if o.has_string_method() && string_verb && !self.f.sharp_v && !self.erroring {
            return self.fmt_string(&o.go_string(), verb, v);
        }
        if self.f.sharp_v && o.as_any().is::<NilMap>() {
            self.buf.push_str(o.type_name());
            self.buf.push_str("(nil)");
            return;
        }
        match o.underlying() {
            Some(Underlying::Value(inner)) => self.print_value(&inner, verb, depth),
            Some(Underlying::Struct(fields)) => {
                if pointer && depth == 0 {
                    self.buf.push('&');
                }
                self.print_struct(o.type_name().trim_start_matches('*'), &fields, verb, depth);
            }
            None => {
                let mut text = o.go_string();
                if depth == 0 && !o.has_string_method() && pointer {
                    text.insert(0, '&');
                }
                match verb {
                    'v' if self.f.sharp_v => self.fmt_s(&text),
                    _ if string_verb && !self.erroring => self.fmt_string(&text, verb, v),
                    'v' => self.fmt_s(&text),
                    _ => self.bad_verb(verb, v),
                }
            }
        }
    }

    /// Go's `printValue` for a struct.
    fn print_struct(
        &mut self,
        type_name: &str,
        fields: &[(String, Value)],
        verb: char,
        depth: usize,
    ) {
        if self.f.sharp_v {
            self.buf.push_str(type_name);
        }
        self.buf.push('{');
        for (i, (name, value)) in fields.iter().enumerate() {
            if i > 0 {
                self.buf.push_str(if self.f.sharp_v { ", " } else { " " });
            }
            if self.f.plus_v || self.f.sharp_v {
                self.buf.push_str(name);
                self.buf.push(':');
            }
            self.print_value(value, verb, depth + 1);
        }
        self.buf.push('}');
    }

    /// `%p`: Go prints the address of maps and slices; a stable stand-in is printed here since
    /// addresses differ between runs anyway.
    fn fmt_pointer(&mut self, v: &Value) {
        let addr = match v {
            Value::List(l) => std::sync::Arc::as_ptr(&l.items).cast::<u8>() as usize,
            Value::Bytes(b) => b.as_ptr() as usize,
            Value::Map(m) => std::ptr::from_ref(m).cast::<u8>() as usize,
            _ => return self.bad_verb('p', v),
        };
        let sharp = self.f.sharp;
        self.fmt0x64(addr as u64, !sharp);
    }

    // -----------------------------------------------------------------------------------------
    // Printf
    // -----------------------------------------------------------------------------------------

    /// Go's `argNumber`: an optional `[n]` at `i`.
    fn arg_number(
        &mut self,
        arg_num: usize,
        format: &[u8],
        i: usize,
        num_args: usize,
    ) -> (usize, usize, bool) {
        if i >= format.len() || format[i] != b'[' {
            return (arg_num, i, false);
        }
        self.reordered = true;
        let (index, wid, ok) = parse_arg_number(&format[i..]);
        if ok && index < num_args {
            return (index, i + wid, true);
        }
        self.good_arg_num = false;
        (arg_num, i + wid, ok)
    }

    fn do_printf(&mut self, format: &str, args: &[Value]) {
        let fb = format.as_bytes();
        let end = fb.len();
        let mut arg_num = 0usize;
        let mut after_index;
        self.reordered = false;
        let mut i = 0;
        while i < end {
            self.good_arg_num = true;
            let lasti = i;
            while i < end && fb[i] != b'%' {
                i += 1;
            }
            if i > lasti {
                self.buf.push_str(&format[lasti..i]);
            }
            if i >= end {
                break;
            }
            i += 1;

            self.f = Flags::default();
            while i < end {
                match fb[i] {
                    b'#' => self.f.sharp = true,
                    // Zero padding only ever applies on the left.
                    b'0' => self.f.zero = !self.f.minus,
                    b'+' => self.f.plus = true,
                    b'-' => {
                        self.f.minus = true;
                        self.f.zero = false;
                    }
                    b' ' => self.f.space = true,
                    _ => break,
                }
                i += 1;
            }

            (arg_num, i, after_index) = self.arg_number(arg_num, fb, i, args.len());

            if i < end && fb[i] == b'*' {
                i += 1;
                let (w, ok, next) = int_from_arg(args, arg_num);
                arg_num = next;
                self.f.wid_present = ok;
                if !ok {
                    self.buf.push_str("%!(BADWIDTH)");
                }
                if w < 0 {
                    self.f.minus = true;
                    self.f.zero = false;
                }
                self.f.wid = w.unsigned_abs() as usize;
                after_index = false;
            } else {
                let (w, newi) = parse_num(fb, i);
                i = newi;
                self.f.wid_present = w.is_some();
                self.f.wid = w.unwrap_or(0);
                if after_index && self.f.wid_present {
                    self.good_arg_num = false;
                }
            }

            if i + 1 < end && fb[i] == b'.' {
                i += 1;
                if after_index {
                    self.good_arg_num = false;
                }
                (arg_num, i, after_index) = self.arg_number(arg_num, fb, i, args.len());
                if i < end && fb[i] == b'*' {
                    i += 1;
                    let (p, ok, next) = int_from_arg(args, arg_num);
                    arg_num = next;
                    self.f.prec_present = ok && p >= 0;
                    self.f.prec = if p >= 0 { p as usize } else { 0 };
                    if !self.f.prec_present {
                        self.buf.push_str("%!(BADPREC)");
                    }
                    after_index = false;
                } else {
                    let (p, newi) = parse_num(fb, i);
                    i = newi;
                    self.f.prec_present = true;
                    self.f.prec = p.unwrap_or(0);
                }
            }

            if !after_index {
                (arg_num, i, _) = self.arg_number(arg_num, fb, i, args.len());
            }

            if i >= end {
                self.buf.push_str("%!(NOVERB)");
                break;
            }

            let verb = format[i..].chars().next().expect("i is on a char boundary");
            i += verb.len_utf8();

            if verb == '%' {
                self.buf.push('%');
            } else if !self.good_arg_num {
                self.buf.push_str("%!");
                self.buf.push(verb);
                self.buf.push_str("(BADINDEX)");
            } else if arg_num >= args.len() {
                self.buf.push_str("%!");
                self.buf.push(verb);
                self.buf.push_str("(MISSING)");
            } else {
                if verb == 'v' || verb == 'w' {
                    self.f.sharp_v = self.f.sharp;
                    self.f.sharp = false;
                    self.f.plus_v = self.f.plus;
                    self.f.plus = false;
                }
                self.print_arg(&args[arg_num], verb);
                arg_num += 1;
            }
        }

        if !self.reordered && arg_num < args.len() {
            self.f = Flags::default();
            self.buf.push_str("%!(EXTRA ");
            for (k, arg) in args[arg_num..].iter().enumerate() {
                if k > 0 {
                    self.buf.push_str(", ");
                }
                if arg.is_nil() {
                    self.buf.push_str("<nil>");
                } else {
                    let t = arg.type_name();
                    self.buf.push_str(&t);
                    self.buf.push('=');
                    self.print_arg(arg, 'v');
                }
            }
            self.buf.push(')');
        }
    }
}

/// Writes `%v` of `v` into any `std::fmt::Write` (a convenience for callers that format with
/// `write!`).
pub fn write_to(w: &mut impl std::fmt::Write, v: &Value) -> std::fmt::Result {
    if let Value::String(s) = v {
        return w.write_str(s);
    }
    let mut s = String::new();
    write_value(&mut s, v);
    w.write_str(&s)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(x: &str) -> Value {
        Value::from(x)
    }
    fn i(x: i64) -> Value {
        Value::Int(x)
    }
    fn f(x: f64) -> Value {
        Value::Float(x)
    }
    fn list(items: Vec<Value>) -> Value {
        Value::from(items)
    }
    fn map(entries: &[(&str, Value)]) -> Value {
        let m = Map::new();
        for (k, v) in entries {
            m.insert(*k, v.clone());
        }
        Value::Map(m)
    }
    fn pf(format: &str, args: &[Value]) -> String {
        sprintf(format, args)
    }

    #[test]
    fn sprint_spacing() {
        assert_eq!(sprint(&[i(1), i(2)]), "1 2");
        assert_eq!(sprint(&[s("a"), i(1), s("b")]), "a1b");
        assert_eq!(sprint(&[s("a"), s("b")]), "ab");
        assert_eq!(sprint(&[i(1), Value::Nil, f(1.5)]), "1 <nil> 1.5");
        assert_eq!(sprintln(&[s("a"), s("b"), i(1)]), "a b 1\n");
        assert_eq!(sprintln(&[]), "\n");
    }

    #[test]
    fn value_printing() {
        assert_eq!(format_value(&Value::Nil), "<nil>");
        assert_eq!(format_value(&Value::Bool(true)), "true");
        assert_eq!(format_value(&i(-3)), "-3");
        assert_eq!(format_value(&Value::Uint(7)), "7");
        assert_eq!(format_value(&f(1e6)), "1e+06");
        assert_eq!(format_value(&f(100_000.0)), "100000");
        assert_eq!(format_value(&f(-0.0)), "-0");
        assert_eq!(format_value(&f(0.000_01)), "1e-05");
        assert_eq!(format_value(&f(f64::NAN)), "NaN");
        assert_eq!(
            format_value(&Value::Bytes(b"hi".as_slice().into())),
            "[104 105]"
        );
        assert_eq!(
            format_value(&list(vec![s("x"), i(1), Value::Nil])),
            "[x 1 <nil>]"
        );
        let m = map(&[("b", list(vec![s("x"), s("y")])), ("a", f(1.0))]);
        assert_eq!(format_value(&m), "map[a:1 b:[x y]]");
        assert_eq!(format_value(&map(&[])), "map[]");
        assert_eq!(format_value(&list(vec![])), "[]");
    }

    #[test]
    fn integer_verbs() {
        assert_eq!(
            pf("%d|%5d|%-5d|%05d", &[i(42), i(42), i(42), i(42)]),
            "42|   42|42   |00042"
        );
        assert_eq!(pf("%+d|% d|%+d", &[i(5), i(5), i(-5)]), "+5| 5|-5");
        assert_eq!(
            pf("%b|%o|%O|%x|%X", &[i(5), i(8), i(8), i(255), i(255)]),
            "101|10|0o10|ff|FF"
        );
        assert_eq!(
            pf("%#b|%#o|%#x|%#X", &[i(5), i(8), i(255), i(255)]),
            "0b101|010|0xff|0XFF"
        );
        assert_eq!(
            pf("%.3d|%6.3d|%.0d|%3.0d|", &[i(7), i(7), i(0), i(0)]),
            "007|   007||   |"
        );
        assert_eq!(
            pf("%05d|%-05d|%+05d", &[i(-42), i(42), i(42)]),
            "-0042|42   |+0042"
        );
        assert_eq!(pf("%x|%X", &[i(-255), i(-255)]), "-ff|-FF");
        assert_eq!(pf("%#08x", &[i(255)]), "0x000000ff");
        assert_eq!(pf("%c|%c|%c", &[i(65), i(0x263A), i(-1)]), "A|☺|\u{FFFD}");
        assert_eq!(
            pf("%q|%+q|%q", &[i(65), i(0x263A), i(10)]),
            r"'A'|'\u263a'|'\n'"
        );
        assert_eq!(
            pf("%U|%#U|%#U|%.6U", &[i(65), i(0x263A), i(10), i(65)]),
            "U+0041|U+263A '☺'|U+000A|U+000041"
        );
        assert_eq!(
            pf(
                "%v|%#v|%x",
                &[Value::Uint(255), Value::Uint(255), Value::Uint(255)]
            ),
            "255|0xff|ff"
        );
        assert_eq!(pf("%d", &[i(i64::MIN)]), "-9223372036854775808");
        assert_eq!(pf("%+v|%#v", &[i(3), i(3)]), "3|3");
    }

    #[test]
    fn float_verbs() {
        assert_eq!(
            pf(
                "%f|%.2f|%8.3f|%-8.2f|",
                &[f(1.23456), f(1.23456), f(1.23456), f(2.5)]
            ),
            "1.234560|1.23|   1.235|2.50    |"
        );
        assert_eq!(
            pf("%e|%E|%.2e", &[f(1234.5678), f(1234.5678), f(1234.5678)]),
            "1.234568e+03|1.234568E+03|1.23e+03"
        );
        assert_eq!(
            pf(
                "%g|%G|%.3g|%g",
                &[f(1234.5678), f(1e-7), f(1234.5678), f(1e21)]
            ),
            "1234.5678|1E-07|1.23e+03|1e+21"
        );
        assert_eq!(
            pf("%F|%v|%.2v", &[f(1.5), f(1.5), f(1.23456)]),
            "1.500000|1.5|1.2"
        );
        assert_eq!(
            pf("%+f|% f|%+.1e", &[f(1.5), f(1.5), f(-1.5)]),
            "+1.500000| 1.500000|-1.5e+00"
        );
        assert_eq!(
            pf(
                "%08.3f|%-08.3f|%+08.2f",
                &[f(-1.23456), f(1.23456), f(1.23456)]
            ),
            "-001.235|1.235   |+0001.23"
        );
        assert_eq!(
            pf("%#g|%#.3g|%#.0f|%#.0e", &[f(1.0), f(2.0), f(3.0), f(4.0)]),
            "1.00000|2.00|3.|4.e+00"
        );
        assert_eq!(
            pf("%#g|%#g", &[f(0.0), f(123_456_789.0)]),
            "0.00000|1.23456789e+08"
        );
        assert_eq!(
            pf("%x|%X|%.2x|%#x", &[f(1.5), f(1.5), f(1.0), f(1.0)]),
            "0x1.8p+00|0X1.8P+00|0x1.00p+00|0x1.0000p+00"
        );
        assert_eq!(pf("%b", &[f(1.0)]), "4503599627370496p-52");
        assert_eq!(
            pf(
                "%5.1f|%05v|%6v|%-6v|",
                &[
                    f(f64::INFINITY),
                    f(f64::NAN),
                    f(f64::NEG_INFINITY),
                    f(f64::NAN)
                ]
            ),
            " +Inf|  NaN|  -Inf|NaN   |"
        );
        assert_eq!(
            pf(
                "%+v|% v|%+.3v",
                &[f(f64::NAN), f(f64::NAN), f(f64::INFINITY)]
            ),
            "NaN| NaN|+Inf"
        );
        assert_eq!(
            pf(
                "%v|%v|%v",
                &[f(12_345_678_901_234_567_890.0), f(0.0001), f(-0.0)]
            ),
            "1.2345678901234567e+19|0.0001|-0"
        );
        assert_eq!(pf("%.0f|%.0f|%.1f", &[f(0.5), f(1.5), f(0.25)]), "0|2|0.2");
    }

    #[test]
    fn string_verbs() {
        assert_eq!(
            pf(
                "%s|%5s|%-5s|%.2s|%5.1s|",
                &[s("hi"), s("hi"), s("hi"), s("hello"), s("hello")]
            ),
            "hi|   hi|hi   |he|    h|"
        );
        assert_eq!(pf("%05s|%.1s", &[s("ab"), s("☺x")]), "000ab|☺");
        assert_eq!(
            pf("%q|%+q|%#q|%#q", &[s("a\"b"), s("☺"), s("a`b"), s("ab")]),
            "\"a\\\"b\"|\"\\u263a\"|\"a`b\"|`ab`"
        );
        assert_eq!(
            pf(
                "%x|%X|% x|%#x|% #x",
                &[s("hi"), s("hi"), s("hi"), s("hi"), s("hi")]
            ),
            "6869|6869|68 69|0x6869|0x68 0x69"
        );
        assert_eq!(
            pf("%.1x|%6x|%-6x|%4x|", &[s("hi"), s("hi"), s("hi"), s("")]),
            "68|  6869|6869  |    |"
        );
        assert_eq!(
            pf("%v|%#v|%T", &[s("x"), s("x\n"), s("x")]),
            "x|\"x\\n\"|string"
        );
        assert_eq!(pf("%5q|%-5q|", &[s("a"), s("a")]), "  \"a\"|\"a\"  |");
    }

    #[test]
    fn bool_and_nil() {
        assert_eq!(
            pf(
                "%t|%v|%6t|%-6t|",
                &[
                    Value::Bool(true),
                    Value::Bool(false),
                    Value::Bool(true),
                    Value::Bool(false)
                ]
            ),
            "true|false|  true|false |"
        );
        assert_eq!(
            pf(
                "%v|%d|%s|%T|%5v",
                &[Value::Nil, Value::Nil, Value::Nil, Value::Nil, Value::Nil]
            ),
            "<nil>|%!d(<nil>)|%!s(<nil>)|<nil>|<nil>"
        );
        assert_eq!(pf("%#v", &[Value::Nil]), "<nil>");
    }

    #[test]
    fn bad_verbs() {
        assert_eq!(pf("%d", &[s("hi")]), "%!d(string=hi)");
        assert_eq!(pf("%s", &[i(3)]), "%!s(int=3)");
        assert_eq!(pf("%t", &[f(1.5)]), "%!t(float64=1.5)");
        assert_eq!(pf("%d", &[Value::Bool(true)]), "%!d(bool=true)");
        assert_eq!(pf("%z", &[i(3)]), "%!z(int=3)");
        assert_eq!(pf("%5t", &[i(3)]), "%!t(int=    3)");
        assert_eq!(pf("%.1d", &[s("hello")]), "%!d(string=h)");
        assert_eq!(pf("%o", &[f(1.5)]), "%!o(float64=1.5)");
        assert_eq!(pf("%w", &[i(3)]), "%!w(int=3)");
        assert_eq!(pf("%p", &[i(3)]), "%!p(int=3)");
        assert_eq!(pf("%p", &[Value::Nil]), "%!p(<nil>)");
    }

    #[test]
    fn argument_errors() {
        assert_eq!(pf("%d %d", &[i(1)]), "1 %!d(MISSING)");
        assert_eq!(
            pf("%d", &[i(1), i(2), s("a")]),
            "1%!(EXTRA int=2, string=a)"
        );
        assert_eq!(pf("x", &[Value::Nil]), "x%!(EXTRA <nil>)");
        assert_eq!(pf("%", &[]), "%!(NOVERB)");
        assert_eq!(pf("%-", &[i(1)]), "%!(NOVERB)%!(EXTRA int=1)");
        assert_eq!(pf("%!", &[]), "%!!(MISSING)");
        assert_eq!(pf("100%%", &[]), "100%");
        assert_eq!(pf("%5%", &[]), "%");
        assert_eq!(pf("%*d", &[s("x"), i(1)]), "%!(BADWIDTH)1");
        assert_eq!(pf("%.*d", &[s("x"), i(1)]), "%!(BADPREC)1");
        assert_eq!(pf("%.*d", &[i(-1), i(1)]), "%!(BADPREC)1");
        assert_eq!(
            pf("%*d|%-*d|%*d", &[i(4), i(1), i(4), i(1), i(-4), i(1)]),
            "   1|1   |1   "
        );
        assert_eq!(pf("%.*f", &[i(2), f(1.23456)]), "1.23");
        assert_eq!(pf("%[2]d %[1]d", &[i(1), i(2)]), "2 1");
        assert_eq!(pf("%[3]d", &[i(1), i(2)]), "%!d(BADINDEX)");
        assert_eq!(pf("%[0]d", &[i(1)]), "%!d(BADINDEX)");
        assert_eq!(pf("%[x]d", &[i(1)]), "%!d(BADINDEX)");
        assert_eq!(pf("%[1]*d", &[i(3), i(2)]), "  2");
        assert_eq!(pf("%[2]*[1]d", &[i(12), i(5)]), "   12");
        assert_eq!(pf("%d %d %[1]d %d", &[i(1), i(2)]), "1 2 1 2");
        assert_eq!(pf("%[1]2d", &[i(1)]), "%!d(BADINDEX)");
        assert_eq!(pf("%[1].2d", &[i(1)]), "%!d(BADINDEX)");
        assert_eq!(pf("%[1]d", &[i(1), i(2)]), "1");
        assert_eq!(pf("%9999999999d", &[i(1)]), "%!(NOVERB)%!(EXTRA int=1)");
        assert_eq!(pf("%é", &[i(1)]), "%!é(int=1)");
    }

    #[test]
    fn containers_apply_verbs_to_elements() {
        let l = list(vec![i(1), s("two"), f(3.5), Value::Bool(true), Value::Nil]);
        assert_eq!(pf("%v", std::slice::from_ref(&l)), "[1 two 3.5 true <nil>]");
        assert_eq!(
            pf("%d", std::slice::from_ref(&l)),
            "[1 %!d(string=two) %!d(float64=3.5) %!d(bool=true) <nil>]"
        );
        assert_eq!(
            pf("%#v", std::slice::from_ref(&l)),
            "[]interface {}{1, \"two\", 3.5, true, interface {}(nil)}"
        );
        assert_eq!(pf("%q", &[list(vec![s("a"), s("b")])]), "[\"a\" \"b\"]");
        assert_eq!(pf("%3v", &[list(vec![i(1), i(2)])]), "[  1   2]");
        assert_eq!(pf("%x", &[list(vec![s("hi"), i(255)])]), "[6869 ff]");
        let strs = Value::List(List::with_kind(vec![s("a")], ListKind::String));
        assert_eq!(
            pf("%#v|%T", &[strs.clone(), strs]),
            "[]string{\"a\"}|[]string"
        );
        let m = map(&[
            ("a", i(1)),
            ("b", s("two")),
            ("c", list(vec![s("x")])),
            ("d", map(&[("e", s("f"))])),
        ]);
        assert_eq!(
            pf("%v", std::slice::from_ref(&m)),
            "map[a:1 b:two c:[x] d:map[e:f]]"
        );
        assert_eq!(
            pf("%#v", std::slice::from_ref(&m)),
            "map[string]interface {}{\"a\":1, \"b\":\"two\", \"c\":[]interface {}{\"x\"}, \"d\":map[string]interface {}{\"e\":\"f\"}}"
        );
        assert_eq!(pf("%d", &[map(&[("a", i(1))])]), "map[%!d(string=a):1]");
        assert_eq!(
            pf("%T|%T", &[m, list(vec![])]),
            "map[string]interface {}|[]interface {}"
        );
    }

    #[test]
    fn byte_slices() {
        let b = Value::Bytes(b"hi".as_slice().into());
        assert_eq!(
            pf(
                "%s|%q|%x|%X|% x",
                &[b.clone(), b.clone(), b.clone(), b.clone(), b.clone()]
            ),
            "hi|\"hi\"|6869|6869|68 69"
        );
        assert_eq!(
            pf(
                "%v|%d|%#v|%T",
                &[b.clone(), b.clone(), b.clone(), b.clone()]
            ),
            "[104 105]|[104 105]|[]byte{0x68, 0x69}|[]uint8"
        );
        assert_eq!(
            pf("%c|%t", &[b.clone(), b.clone()]),
            "[h i]|[%!t(uint8=104) %!t(uint8=105)]"
        );
        assert_eq!(
            pf("%#v", &[list(vec![b])]),
            "[]interface {}{[]uint8{0x68, 0x69}}"
        );
    }

    #[test]
    fn long_precision_and_width() {
        let want = format!("{}1", "0".repeat(69));
        assert_eq!(pf("%.70d", &[i(1)]), want);
        assert_eq!(pf("%#.70x", &[i(255)]), format!("0x{}ff", "0".repeat(68)));
        assert_eq!(pf("%075d", &[i(-1)]), format!("-{}1", "0".repeat(73)));
        assert_eq!(pf("%.40f", &[f(0.5)]), format!("0.5{}", "0".repeat(39)));
        assert_eq!(pf("%.40e", &[f(1.0)]), format!("1.{}e+00", "0".repeat(40)));
    }

    #[derive(Debug)]
    struct Version;

    impl Object for Version {
        fn type_name(&self) -> &'static str {
            "*semver.Version"
        }
        fn member(&self, _name: &str) -> Option<crate::Member> {
            None
        }
        fn go_string(&self) -> String {
            "1.2.3".to_owned()
        }
        fn as_any(&self) -> &dyn std::any::Any {
            self
        }
    }

    #[test]
    fn objects_print_through_their_string_form() {
        let v = Value::Object(std::sync::Arc::new(Version));
        assert_eq!(format_value(&v), "1.2.3");
        assert_eq!(
            pf(
                "%s|%q|%x|%T|%8v",
                &[v.clone(), v.clone(), v.clone(), v.clone(), v.clone()]
            ),
            "1.2.3|\"1.2.3\"|312e322e33|*semver.Version|   1.2.3"
        );
        assert_eq!(
            pf("%d", std::slice::from_ref(&v)),
            "%!d(*semver.Version=1.2.3)"
        );
        assert_eq!(sprint(&[v.clone(), v]), "1.2.3 1.2.3");
    }

    /// A pointer to a struct without `String()`, like Helm's `*common.Capabilities`.
    #[derive(Debug)]
    struct Pair;

    impl Object for Pair {
        fn type_name(&self) -> &'static str {
            "*pkg.Pair"
        }
        fn kind_name(&self) -> &'static str {
            "ptr"
        }
        fn member(&self, _name: &str) -> Option<crate::Member> {
            None
        }
        fn go_string(&self) -> String {
            "{a 1}".to_owned()
        }
        fn has_string_method(&self) -> bool {
            false
        }
        fn underlying(&self) -> Option<Underlying> {
            Some(Underlying::Struct(vec![
                ("Name".to_owned(), Value::from("a")),
                ("count".to_owned(), Value::Int(1)),
            ]))
        }
        fn as_any(&self) -> &dyn std::any::Any {
            self
        }
    }

    #[test]
    fn structs_print_field_by_field() {
        let v = Value::Object(std::sync::Arc::new(Pair));
        assert_eq!(format_value(&v), "&{a 1}");
        assert_eq!(
            pf("%+v|%#v|%q", &[v.clone(), v.clone(), v.clone()]),
            "&{Name:a count:1}|&pkg.Pair{Name:\"a\", count:1}|&{\"a\" '\\x01'}"
        );
        // Inside a container a pointer is not dereferenced by fmt; we print the struct.
        assert_eq!(format_value(&Value::from(vec![v])), "[{a 1}]");
    }

    #[test]
    fn nil_maps_and_bytes_print_as_go_does() {
        let nil = Value::Object(std::sync::Arc::new(crate::NilMap::new("map[string]string")));
        assert_eq!(
            pf(
                "%v|%d|%#v|%T",
                &[nil.clone(), nil.clone(), nil.clone(), nil]
            ),
            "map[]|map[]|map[string]string(nil)|map[string]string"
        );
        let b = Value::Object(std::sync::Arc::new(crate::Scalar::uint8(b'a')));
        assert_eq!(
            pf("%v|%c|%#v|%T", &[b.clone(), b.clone(), b.clone(), b]),
            "97|a|0x61|uint8"
        );
    }

    #[test]
    fn write_to_matches_format_value() {
        let mut out = String::new();
        write_to(&mut out, &f(1e6)).unwrap();
        write_to(&mut out, &s("x")).unwrap();
        assert_eq!(out, "1e+06x");
    }
}
