//! Go's `strconv`: number formatting and parsing, quoting and unquoting, with Go's exact output
//! and error text.
//!
//! The template lexer and parser use [`unquote`], [`unquote_char`], [`parse_int`],
//! [`parse_uint`] and [`parse_float`] for literals; Sprig's conversion functions use the parsers
//! and [`format_float`]; [`crate::fmt`] uses the formatters and [`quote`].
//!
//! ```
//! use rudder_value::strconv;
//!
//! assert_eq!(strconv::format_float(1e6, 'g', -1, 64), "1e+06");
//! assert_eq!(strconv::quote("a\tb\u{7f}"), r#""a\tb\x7f""#);
//! assert_eq!(strconv::parse_int("0x_1F", 0, 64).unwrap(), 31);
//! assert_eq!(
//!     strconv::parse_int("12a", 10, 64).unwrap_err().to_string(),
//!     r#"strconv.ParseInt: parsing "12a": invalid syntax"#
//! );
//! ```

mod isprint;

use std::fmt::Write as _;

/// Size in bits of Go's `int` on the platforms Helm ships for.
pub const INT_SIZE: u32 = 64;

const LOWER_HEX: &[u8; 16] = b"0123456789abcdef";
const UPPER_HEX: &[u8; 16] = b"0123456789ABCDEF";
const DIGITS36: &[u8; 36] = b"0123456789abcdefghijklmnopqrstuvwxyz";

/// The largest valid Unicode code point (Go's `utf8.MaxRune`).
pub const MAX_RUNE: u32 = 0x0010_FFFF;
/// The replacement character Go substitutes for invalid runes (`utf8.RuneError`).
pub const RUNE_ERROR: char = '\u{FFFD}';

// ---------------------------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------------------------

/// Why a number failed to parse (Go's `NumError.Err`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NumErrorKind {
    /// `invalid syntax` (Go's `ErrSyntax`).
    Syntax,
    /// `value out of range` (Go's `ErrRange`). Go also returns the clamped value (the largest
    /// magnitude of the type with the input's sign, or ±Inf for floats); callers that need it
    /// compute it from the input's sign.
    Range,
    /// `invalid base N`.
    InvalidBase(u32),
    /// `invalid bit size N`.
    InvalidBitSize(u32),
}

/// A failed number conversion, displayed as Go's `*strconv.NumError`:
/// `strconv.ParseInt: parsing "x": invalid syntax`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NumError {
    /// The Go function that failed: `ParseInt`, `ParseUint`, `ParseFloat`, `ParseBool`, `Atoi`.
    pub func: &'static str,
    /// The input.
    pub num: String,
    /// The reason.
    pub kind: NumErrorKind,
}

impl NumError {
    fn new(func: &'static str, num: &str, kind: NumErrorKind) -> Self {
        NumError {
            func,
            num: num.to_owned(),
            kind,
        }
    }

    /// True for `value out of range`.
    pub fn is_range(&self) -> bool {
        self.kind == NumErrorKind::Range
    }
}

impl std::fmt::Display for NumError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "strconv.{}: parsing {}: ", self.func, quote(&self.num))?;
        match &self.kind {
            NumErrorKind::Syntax => f.write_str("invalid syntax"),
            NumErrorKind::Range => f.write_str("value out of range"),
            NumErrorKind::InvalidBase(b) => write!(f, "invalid base {b}"),
            NumErrorKind::InvalidBitSize(b) => write!(f, "invalid bit size {b}"),
        }
    }
}

impl std::error::Error for NumError {}

/// A malformed quoted string or character (Go's `strconv.ErrSyntax`, text `invalid syntax`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SyntaxError;

impl std::fmt::Display for SyntaxError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("invalid syntax")
    }
}

impl std::error::Error for SyntaxError {}

// ---------------------------------------------------------------------------------------------
// Integers
// ---------------------------------------------------------------------------------------------

/// Go's `strconv.FormatInt`: `i` in `base` (2 to 36), lower-case letters for digits above 9.
///
/// # Panics
/// If `base` is outside 2..=36, as Go does.
pub fn format_int(i: i64, base: u32) -> String {
    let mut s = String::new();
    append_int(&mut s, i, base);
    s
}

/// Go's `strconv.FormatUint`.
///
/// # Panics
/// If `base` is outside 2..=36, as Go does.
pub fn format_uint(u: u64, base: u32) -> String {
    let mut s = String::new();
    append_uint(&mut s, u, base);
    s
}

/// Go's `strconv.Itoa`.
pub fn itoa(i: i64) -> String {
    format_int(i, 10)
}

/// Go's `strconv.AppendInt`.
pub fn append_int(buf: &mut String, i: i64, base: u32) {
    if i < 0 {
        buf.push('-');
    }
    append_uint(buf, i.unsigned_abs(), base);
}

/// Go's `strconv.AppendUint`.
pub fn append_uint(buf: &mut String, mut u: u64, base: u32) {
    assert!(
        (2..=36).contains(&base),
        "strconv: illegal AppendInt/FormatInt base"
    );
    let mut tmp = [0u8; 64];
    let mut i = tmp.len();
    let b = u64::from(base);
    loop {
        i -= 1;
        tmp[i] = DIGITS36[(u % b) as usize];
        u /= b;
        if u == 0 {
            break;
        }
    }
    for &c in &tmp[i..] {
        buf.push(char::from(c));
    }
}

fn lower(c: u8) -> u8 {
    c | 0x20
}

/// Go's `underscoreOK`: underscores in a number literal only between digits (a base prefix
/// counts as a digit).
fn underscore_ok(s: &str) -> bool {
    #[derive(PartialEq)]
    enum Saw {
        Start,
        Digit,
        Underscore,
        Other,
    }
    let mut s = s.as_bytes();
    if let [b'+' | b'-', rest @ ..] = s {
        s = rest;
    }
    let mut saw = Saw::Start;
    let mut i = 0;
    let mut hex = false;
    if s.len() >= 2 && s[0] == b'0' && matches!(lower(s[1]), b'b' | b'o' | b'x') {
        i = 2;
        saw = Saw::Digit;
        hex = lower(s[1]) == b'x';
    }
    while i < s.len() {
        let c = s[i];
        i += 1;
        if c.is_ascii_digit() || hex && (b'a'..=b'f').contains(&lower(c)) {
            saw = Saw::Digit;
            continue;
        }
        if c == b'_' {
            if saw != Saw::Digit {
                return false;
            }
            saw = Saw::Underscore;
            continue;
        }
        if saw == Saw::Underscore {
            return false;
        }
        saw = Saw::Other;
    }
    saw != Saw::Underscore
}

/// Go's `strconv.ParseUint(s, base, bitSize)`.
///
/// Base 0 reads a `0x`, `0o`, `0b` or `0` prefix and allows `_` between digits; bit size 0
/// means 64. A range error means the value does not fit in `bit_size` bits (Go returns the
/// largest value then).
pub fn parse_uint(s: &str, base: u32, bit_size: u32) -> Result<u64, NumError> {
    parse_uint_as("ParseUint", s, base, bit_size)
}

fn parse_uint_as(func: &'static str, s0: &str, base: u32, bit_size: u32) -> Result<u64, NumError> {
    if s0.is_empty() {
        return Err(NumError::new(func, s0, NumErrorKind::Syntax));
    }
    let base0 = base == 0;
    let mut s = s0.as_bytes();
    let base = match base {
        2..=36 => base,
        0 => {
            if s[0] == b'0' {
                if s.len() >= 3 && lower(s[1]) == b'b' {
                    s = &s[2..];
                    2
                } else if s.len() >= 3 && lower(s[1]) == b'o' {
                    s = &s[2..];
                    8
                } else if s.len() >= 3 && lower(s[1]) == b'x' {
                    s = &s[2..];
                    16
                } else {
                    s = &s[1..];
                    8
                }
            } else {
                10
            }
        }
        _ => return Err(NumError::new(func, s0, NumErrorKind::InvalidBase(base))),
    };
    let bit_size = match bit_size {
        0 => INT_SIZE,
        1..=64 => bit_size,
        _ => {
            return Err(NumError::new(
                func,
                s0,
                NumErrorKind::InvalidBitSize(bit_size),
            ));
        }
    };
    let max_val: u64 = if bit_size == 64 {
        u64::MAX
    } else {
        (1u64 << bit_size) - 1
    };
    let cutoff = u64::MAX / u64::from(base) + 1;
    let mut underscores = false;
    let mut n: u64 = 0;
    for &c in s {
        let d = match c {
            b'_' if base0 => {
                underscores = true;
                continue;
            }
            b'0'..=b'9' => u32::from(c - b'0'),
            _ if lower(c).is_ascii_lowercase() => u32::from(lower(c) - b'a') + 10,
            _ => return Err(NumError::new(func, s0, NumErrorKind::Syntax)),
        };
        if d >= base {
            return Err(NumError::new(func, s0, NumErrorKind::Syntax));
        }
        if n >= cutoff {
            return Err(NumError::new(func, s0, NumErrorKind::Range));
        }
        n *= u64::from(base);
        let Some(n1) = n.checked_add(u64::from(d)).filter(|&v| v <= max_val) else {
            return Err(NumError::new(func, s0, NumErrorKind::Range));
        };
        n = n1;
    }
    if underscores && !underscore_ok(s0) {
        return Err(NumError::new(func, s0, NumErrorKind::Syntax));
    }
    Ok(n)
}

/// Go's `strconv.ParseInt(s, base, bitSize)`: an optional sign, then as [`parse_uint`].
pub fn parse_int(s: &str, base: u32, bit_size: u32) -> Result<i64, NumError> {
    parse_int_as("ParseInt", s, base, bit_size)
}

/// Go's `strconv.Atoi`: `ParseInt(s, 10, 0)` with `Atoi` in its errors.
pub fn atoi(s: &str) -> Result<i64, NumError> {
    parse_int_as("Atoi", s, 10, 0)
}

fn parse_int_as(func: &'static str, s0: &str, base: u32, bit_size: u32) -> Result<i64, NumError> {
    if s0.is_empty() {
        return Err(NumError::new(func, s0, NumErrorKind::Syntax));
    }
    let (neg, digits) = match s0.as_bytes()[0] {
        b'+' => (false, &s0[1..]),
        b'-' => (true, &s0[1..]),
        _ => (false, s0),
    };
    let un = match parse_uint_as(func, digits, base, bit_size) {
        Ok(un) => un,
        Err(e) if e.kind == NumErrorKind::Range => u64::MAX,
        Err(e) => return Err(NumError::new(func, s0, e.kind)),
    };
    let bit_size = if bit_size == 0 { INT_SIZE } else { bit_size };
    let cutoff = 1u64 << (bit_size - 1);
    if !neg && un >= cutoff || neg && un > cutoff {
        return Err(NumError::new(func, s0, NumErrorKind::Range));
    }
    if neg {
        Ok((un as i64).wrapping_neg())
    } else {
        Ok(un as i64)
    }
}

/// Go's `strconv.ParseBool`: 1 t T TRUE true True, 0 f F FALSE false False.
pub fn parse_bool(s: &str) -> Result<bool, NumError> {
    match s {
        "1" | "t" | "T" | "true" | "TRUE" | "True" => Ok(true),
        "0" | "f" | "F" | "false" | "FALSE" | "False" => Ok(false),
        _ => Err(NumError::new("ParseBool", s, NumErrorKind::Syntax)),
    }
}

/// Go's `strconv.FormatBool`.
pub fn format_bool(b: bool) -> &'static str {
    if b { "true" } else { "false" }
}

// ---------------------------------------------------------------------------------------------
// Float parsing
// ---------------------------------------------------------------------------------------------

/// Go's `strconv.ParseFloat(s, bitSize)`: decimal and hexadecimal (`0x1.8p3`) literals with
/// optional `_` separators, and `inf`, `infinity`, `nan` in any case.
///
/// A value beyond the type's range is a range error (Go returns ±Inf with it); a value too
/// small rounds to zero without error. With `bit_size` 32 the result is rounded to `f32`.
pub fn parse_float(s: &str, bit_size: u32) -> Result<f64, NumError> {
    let syntax = || NumError::new("ParseFloat", s, NumErrorKind::Syntax);
    if let Some((v, n)) = parse_special(s) {
        if n == s.len() {
            return Ok(if bit_size == 32 {
                f64::from(v as f32)
            } else {
                v
            });
        }
        return Err(syntax());
    }
    let Some(lit) = read_float(s) else {
        return Err(syntax());
    };
    if lit.len != s.len() {
        return Err(syntax());
    }
    let v = if lit.hex {
        hex_float(&lit, bit_size == 32)
    } else {
        // The literal is well formed: hand its digits (without separators) to Rust's correctly
        // rounded parser, as Go's Eisel-Lemire and big-decimal paths also round correctly.
        let mut clean = String::with_capacity(lit.len);
        clean.extend(s.chars().filter(|&c| c != '_'));
        if bit_size == 32 {
            clean.parse::<f32>().map(f64::from).map_err(|_| syntax())?
        } else {
            clean.parse::<f64>().map_err(|_| syntax())?
        }
    };
    if v.is_infinite() {
        return Err(NumError::new("ParseFloat", s, NumErrorKind::Range));
    }
    Ok(v)
}

/// Go's `special`: a leading `inf`, `infinity` (signed) or `nan`, and how many bytes it took.
fn parse_special(s: &str) -> Option<(f64, usize)> {
    let b = s.as_bytes();
    let prefix_len = |s: &[u8], word: &[u8]| {
        s.iter()
            .zip(word)
            .take_while(|(c, w)| c.to_ascii_lowercase() == **w)
            .count()
    };
    let (sign, nsign, rest) = match b.first()? {
        b'+' => (1.0, 1, &b[1..]),
        b'-' => (-1.0, 1, &b[1..]),
        b'n' | b'N' => {
            return (prefix_len(b, b"nan") == 3).then_some((f64::NAN, 3));
        }
        _ => (1.0, 0, b),
    };
    let mut n = prefix_len(rest, b"infinity");
    if 3 < n && n < 8 {
        n = 3;
    }
    (n == 3 || n == 8).then_some((sign * f64::INFINITY, nsign + n))
}

/// A syntactically valid float literal as Go's `readFloat` sees it.
struct FloatLit {
    /// Bytes consumed.
    len: usize,
    neg: bool,
    hex: bool,
    /// Hex only: up to 16 significant hex digits.
    mantissa: u64,
    /// Hex only: binary exponent applying to `mantissa`.
    exp: i64,
    /// Hex only: non-zero digits were dropped from `mantissa`.
    trunc: bool,
}

fn read_float(s: &str) -> Option<FloatLit> {
    let b = s.as_bytes();
    let mut i = 0;
    let mut neg = false;
    let mut underscores = false;
    match b.first()? {
        b'+' => i += 1,
        b'-' => {
            i += 1;
            neg = true;
        }
        _ => {}
    }
    let mut hex = false;
    let mut exp_char = b'e';
    let max_mant_digits = if i + 2 < b.len() && b[i] == b'0' && lower(b[i + 1]) == b'x' {
        hex = true;
        exp_char = b'p';
        i += 2;
        16
    } else {
        19
    };
    let base: u64 = if hex { 16 } else { 10 };
    let (mut sawdot, mut sawdigits) = (false, false);
    let (mut nd, mut nd_mant, mut dp) = (0i64, 0i64, 0i64);
    let mut mantissa: u64 = 0;
    let mut trunc = false;
    while i < b.len() {
        let c = b[i];
        let digit = match c {
            b'_' => {
                underscores = true;
                i += 1;
                continue;
            }
            b'.' => {
                if sawdot {
                    break;
                }
                sawdot = true;
                dp = nd;
                i += 1;
                continue;
            }
            b'0'..=b'9' => u64::from(c - b'0'),
            _ if hex && (b'a'..=b'f').contains(&lower(c)) => u64::from(lower(c) - b'a') + 10,
            _ => break,
        };
        sawdigits = true;
        i += 1;
        if digit == 0 && nd == 0 {
            dp -= 1;
            continue;
        }
        nd += 1;
        if nd_mant < max_mant_digits {
            mantissa = mantissa * base + digit;
            nd_mant += 1;
        } else if digit != 0 {
            trunc = true;
        }
    }
    if !sawdigits {
        return None;
    }
    if !sawdot {
        dp = nd;
    }
    if hex {
        dp *= 4;
        nd_mant *= 4;
    }
    if i < b.len() && lower(b[i]) == exp_char {
        i += 1;
        let mut esign = 1;
        match b.get(i)? {
            b'+' => i += 1,
            b'-' => {
                i += 1;
                esign = -1;
            }
            _ => {}
        }
        if !b.get(i)?.is_ascii_digit() {
            return None;
        }
        let mut e: i64 = 0;
        while i < b.len() && (b[i].is_ascii_digit() || b[i] == b'_') {
            if b[i] == b'_' {
                underscores = true;
            } else if e < 10000 {
                e = e * 10 + i64::from(b[i] - b'0');
            }
            i += 1;
        }
        dp += e * esign;
    } else if hex {
        return None;
    }
    if underscores && !underscore_ok(&s[..i]) {
        return None;
    }
    let exp = if mantissa == 0 { 0 } else { dp - nd_mant };
    Some(FloatLit {
        len: i,
        neg,
        hex,
        mantissa,
        exp,
        trunc,
    })
}

/// Rounds a hexadecimal mantissa and binary exponent to the nearest float (ties to even),
/// going through subnormals and overflowing to ±Inf.
fn hex_float(lit: &FloatLit, single: bool) -> f64 {
    let (mant_bits, bias): (u32, i64) = if single { (23, -127) } else { (52, -1023) };
    let exp_bits: u32 = if single { 8 } else { 11 };
    let max_exp = (1i64 << exp_bits) + bias - 2;
    let min_exp = bias + 1;
    let mut mantissa = lit.mantissa;
    let mut exp = lit.exp + i64::from(mant_bits);
    // Keep 1 + mant_bits bits plus two rounding bits; the lowest is sticky.
    while mantissa != 0 && mantissa >> (mant_bits + 2) == 0 {
        mantissa <<= 1;
        exp -= 1;
    }
    if lit.trunc {
        mantissa |= 1;
    }
    while mantissa >> (1 + mant_bits + 2) != 0 {
        mantissa = (mantissa >> 1) | (mantissa & 1);
        exp += 1;
    }
    while mantissa > 1 && exp < min_exp - 2 {
        mantissa = (mantissa >> 1) | (mantissa & 1);
        exp += 1;
    }
    let mut round = mantissa & 3;
    mantissa >>= 2;
    round |= mantissa & 1;
    exp += 2;
    if round == 3 {
        mantissa += 1;
        if mantissa == 1 << (1 + mant_bits) {
            mantissa >>= 1;
            exp += 1;
        }
    }
    if mantissa >> mant_bits == 0 {
        exp = bias;
    }
    let sign = if lit.neg { -1.0 } else { 1.0 };
    if exp > max_exp {
        return sign * f64::INFINITY;
    }
    let frac = mantissa & ((1u64 << mant_bits) - 1);
    let biased = ((exp - bias) as u64) & ((1u64 << exp_bits) - 1);
    let bits = frac | (biased << mant_bits);
    let v = if single {
        f64::from(f32::from_bits(bits as u32))
    } else {
        f64::from_bits(bits)
    };
    sign * v
}

// ---------------------------------------------------------------------------------------------
// Float formatting
// ---------------------------------------------------------------------------------------------

/// Go's `strconv.FormatFloat(f, fmt, prec, bitSize)`.
///
/// `fmt` is `'b'`, `'e'`, `'E'`, `'f'`, `'g'`, `'G'`, `'x'` or `'X'`; `prec` -1 means the
/// fewest digits that read back to the same value. An unknown format gives `%` and the format
/// character, as Go does.
pub fn format_float(f: f64, fmt: char, prec: i32, bit_size: u32) -> String {
    let mut s = String::with_capacity(24);
    append_float(&mut s, f, fmt, prec, bit_size);
    s
}

/// Short text written without allocating (the shortest form of an `f64` takes at most 24
/// bytes); longer text spills to the heap.
struct Scratch {
    inline: [u8; 40],
    len: usize,
    heap: String,
}

impl Scratch {
    fn new() -> Self {
        Scratch {
            inline: [0; 40],
            len: 0,
            heap: String::new(),
        }
    }

    fn as_str(&self) -> &str {
        if self.heap.is_empty() {
            std::str::from_utf8(&self.inline[..self.len]).expect("only str is written")
        } else {
            &self.heap
        }
    }
}

impl std::fmt::Write for Scratch {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        if !self.heap.is_empty() {
            self.heap.push_str(s);
        } else if self.len + s.len() <= self.inline.len() {
            self.inline[self.len..self.len + s.len()].copy_from_slice(s.as_bytes());
            self.len += s.len();
        } else {
            let mut heap = String::with_capacity(self.len + s.len() + 16);
            heap.push_str(
                std::str::from_utf8(&self.inline[..self.len]).expect("only str is written"),
            );
            heap.push_str(s);
            self.heap = heap;
        }
        Ok(())
    }
}

/// Decimal digits of a float: value = 0.d[0]d[1]... × 10^dp, with no trailing zeros
/// (`nd == 0` for zero). Mirrors Go's `decimalSlice`.
struct Digits {
    inline: [u8; 32],
    heap: Vec<u8>,
    len: usize,
    dp: i32,
}

impl Digits {
    fn d(&self) -> &[u8] {
        if self.len <= self.inline.len() {
            &self.inline[..self.len]
        } else {
            &self.heap
        }
    }

    fn nd(&self) -> i32 {
        self.len as i32
    }

    /// Parses Rust's `{:e}` output of a non-negative finite number.
    fn from_exp_form(s: &str) -> Digits {
        let (mant, exp) = s.split_once('e').unwrap_or((s, "0"));
        let exp: i32 = exp.parse().unwrap_or(0);
        let digits = mant.as_bytes();
        // Trailing zeros are not digits of the value.
        let end = digits
            .iter()
            .rposition(|&c| c != b'0' && c != b'.')
            .map_or(0, |p| p + 1);
        let mut out = Digits {
            inline: [0; 32],
            heap: Vec::new(),
            len: 0,
            dp: 0,
        };
        let n = digits[..end].iter().filter(|c| c.is_ascii_digit()).count();
        if n > out.inline.len() {
            out.heap.reserve(n);
        }
        for &c in digits[..end].iter().filter(|c| c.is_ascii_digit()) {
            if n > out.inline.len() {
                out.heap.push(c);
            } else {
                out.inline[out.len] = c;
            }
            out.len += 1;
        }
        if out.len > 0 {
            out.dp = exp + 1;
        }
        out
    }

    /// Shortest digits that round-trip (`single`: as an `f32`).
    fn shortest(v: f64, single: bool) -> Digits {
        let mut s = Scratch::new();
        if single {
            let _ = write!(s, "{:e}", v as f32);
        } else {
            let _ = write!(s, "{v:e}");
        }
        Digits::from_exp_form(s.as_str())
    }

    /// `n` (≥ 1) significant digits, correctly rounded (ties to even, as Go rounds exact
    /// halfway cases).
    fn significant(v: f64, n: usize, single: bool) -> Digits {
        let mut s = Scratch::new();
        if single {
            let _ = write!(s, "{:.*e}", n - 1, v as f32);
        } else {
            let _ = write!(s, "{:.*e}", n - 1, v);
        }
        Digits::from_exp_form(s.as_str())
    }
}

/// Go's `strconv.AppendFloat`.
pub fn append_float(buf: &mut String, f: f64, fmt: char, prec: i32, bit_size: u32) {
    let single = bit_size == 32;
    let v = if single { f64::from(f as f32) } else { f };
    if v.is_nan() {
        buf.push_str("NaN");
        return;
    }
    if v.is_infinite() {
        buf.push_str(if v < 0.0 { "-Inf" } else { "+Inf" });
        return;
    }
    let neg = v.is_sign_negative();
    let a = v.abs();
    match fmt {
        'b' => fmt_b(buf, neg, a, single),
        'x' | 'X' => fmt_x(buf, neg, a, single, prec, fmt == 'X'),
        'e' | 'E' | 'f' | 'g' | 'G' => {
            let shortest = prec < 0;
            let (digs, prec) = if shortest {
                let digs = Digits::shortest(a, single);
                let prec = match fmt {
                    'e' | 'E' => (digs.nd() - 1).max(0),
                    'f' => (digs.nd() - digs.dp).max(0),
                    _ => digs.nd(),
                };
                (digs, prec)
            } else if fmt == 'f' {
                if neg {
                    buf.push('-');
                }
                let _ = if single {
                    write!(buf, "{:.*}", prec as usize, a as f32)
                } else {
                    write!(buf, "{:.*}", prec as usize, a)
                };
                return;
            } else {
                let prec = if matches!(fmt, 'g' | 'G') && prec == 0 {
                    1
                } else {
                    prec
                };
                let n = if matches!(fmt, 'e' | 'E') {
                    prec + 1
                } else {
                    prec
                };
                (Digits::significant(a, n as usize, single), prec)
            };
            format_digits(buf, shortest, neg, &digs, prec, fmt);
        }
        _ => {
            buf.push('%');
            buf.push(fmt);
        }
    }
}

fn format_digits(buf: &mut String, shortest: bool, neg: bool, digs: &Digits, prec: i32, fmt: char) {
    match fmt {
        'e' | 'E' => fmt_e(buf, neg, digs, prec, fmt),
        'f' => fmt_f(buf, neg, digs, prec),
        _ => {
            let mut prec = prec;
            let nd = digs.nd();
            let mut eprec = prec;
            if eprec > nd && nd >= digs.dp {
                eprec = nd;
            }
            // %e is used if the exponent is below -4 or at least the precision; the shortest
            // form decides with precision 6, hence 1e+06 but 100000.
            if shortest {
                eprec = 6;
            }
            let exp = digs.dp - 1;
            if exp < -4 || exp >= eprec {
                if prec > nd {
                    prec = nd;
                }
                let efmt = if fmt == 'G' { 'E' } else { 'e' };
                fmt_e(buf, neg, digs, prec - 1, efmt);
            } else {
                if prec > digs.dp {
                    prec = nd;
                }
                fmt_f(buf, neg, digs, (prec - digs.dp).max(0));
            }
        }
    }
}

fn fmt_e(buf: &mut String, neg: bool, digs: &Digits, prec: i32, fmt: char) {
    if neg {
        buf.push('-');
    }
    buf.push(char::from(*digs.d().first().unwrap_or(&b'0')));
    if prec > 0 {
        buf.push('.');
        let prec = prec as usize;
        for i in 1..=prec {
            buf.push(char::from(*digs.d().get(i).unwrap_or(&b'0')));
        }
    }
    buf.push(fmt);
    let mut exp = if digs.len == 0 { 0 } else { digs.dp - 1 };
    if exp < 0 {
        buf.push('-');
        exp = -exp;
    } else {
        buf.push('+');
    }
    if exp < 10 {
        buf.push('0');
    }
    let _ = write!(buf, "{exp}");
}

fn fmt_f(buf: &mut String, neg: bool, digs: &Digits, prec: i32) {
    if neg {
        buf.push('-');
    }
    if digs.dp > 0 {
        let dp = digs.dp as usize;
        for i in 0..dp {
            buf.push(char::from(*digs.d().get(i).unwrap_or(&b'0')));
        }
    } else {
        buf.push('0');
    }
    if prec > 0 {
        buf.push('.');
        for i in 0..prec {
            let j = digs.dp + i;
            let c = if j >= 0 {
                *digs.d().get(j as usize).unwrap_or(&b'0')
            } else {
                b'0'
            };
            buf.push(char::from(c));
        }
    }
}

/// Mantissa and binary exponent (value = mant × 2^exp) of a non-negative finite float, the
/// mantissa including the implicit bit.
fn decompose(a: f64, single: bool) -> (u64, i64, u32) {
    if single {
        let bits = (a as f32).to_bits();
        let exp = i64::from((bits >> 23) & 0xFF);
        let mut mant = u64::from(bits & 0x7F_FFFF);
        let e = if exp == 0 {
            -126
        } else {
            mant |= 1 << 23;
            exp - 127
        };
        (mant, e - 23, 23)
    } else {
        let bits = a.to_bits();
        let exp = ((bits >> 52) & 0x7FF) as i64;
        let mut mant = bits & ((1 << 52) - 1);
        let e = if exp == 0 {
            -1022
        } else {
            mant |= 1 << 52;
            exp - 1023
        };
        (mant, e - 52, 52)
    }
}

fn fmt_b(buf: &mut String, neg: bool, a: f64, single: bool) {
    let (mant, exp, _) = decompose(a, single);
    if neg {
        buf.push('-');
    }
    let _ = write!(buf, "{mant}p");
    if exp >= 0 {
        buf.push('+');
    }
    let _ = write!(buf, "{exp}");
}

fn fmt_x(buf: &mut String, neg: bool, a: f64, single: bool, prec: i32, upper: bool) {
    let (mut mant, exp2, mant_bits) = decompose(a, single);
    // Go counts the exponent of the leading digit: value = 1.xxx × 2^exp.
    let mut exp = exp2 + i64::from(mant_bits);
    if mant == 0 {
        exp = 0;
    }
    mant <<= 60 - mant_bits;
    while mant != 0 && mant & (1 << 60) == 0 {
        mant <<= 1;
        exp -= 1;
    }
    if (0..15).contains(&prec) {
        let shift = (prec * 4) as u32;
        let extra = (mant << shift) & ((1 << 60) - 1);
        mant >>= 60 - shift;
        if extra | (mant & 1) > 1 << 59 {
            mant += 1;
        }
        mant <<= 60 - shift;
        if mant & (1 << 61) != 0 {
            mant >>= 1;
            exp += 1;
        }
    }
    let hex = if upper { UPPER_HEX } else { LOWER_HEX };
    if neg {
        buf.push('-');
    }
    buf.push('0');
    buf.push(if upper { 'X' } else { 'x' });
    buf.push(char::from(b'0' + ((mant >> 60) & 1) as u8));
    mant <<= 4;
    if prec < 0 && mant != 0 {
        buf.push('.');
        while mant != 0 {
            buf.push(char::from(hex[((mant >> 60) & 15) as usize]));
            mant <<= 4;
        }
    } else if prec > 0 {
        buf.push('.');
        for _ in 0..prec {
            buf.push(char::from(hex[((mant >> 60) & 15) as usize]));
            mant <<= 4;
        }
    }
    buf.push(if upper { 'P' } else { 'p' });
    if exp < 0 {
        buf.push('-');
        exp = -exp;
    } else {
        buf.push('+');
    }
    if exp < 10 {
        buf.push('0');
    }
    let _ = write!(buf, "{exp}");
}

// ---------------------------------------------------------------------------------------------
// Quoting
// ---------------------------------------------------------------------------------------------

/// Go's `strconv.IsPrint` (= `unicode.IsPrint`): letters, marks, numbers, punctuation,
/// symbols and the ASCII space, per Unicode 15.0.0 as in Go 1.21 to 1.26.
pub fn is_print(r: char) -> bool {
    let c = u32::from(r);
    if c <= 0xFF {
        return (0x20..=0x7E).contains(&c) || (0xA1..=0xFF).contains(&c) && c != 0xAD;
    }
    let ranges = &isprint::PRINT_RANGES;
    let i = ranges.partition_point(|&(_, hi)| hi < c);
    i < ranges.len() && ranges[i].0 <= c
}

/// Decodes one rune as Go's `utf8.DecodeRune` does: an invalid or truncated sequence gives
/// `None` and width 1.
pub(crate) fn decode_rune(b: &[u8]) -> (Option<char>, usize) {
    let n = match b.first() {
        None => return (None, 0),
        Some(&c) if c < 0x80 => return (Some(char::from(c)), 1),
        Some(&c) if c & 0xE0 == 0xC0 => 2,
        Some(&c) if c & 0xF0 == 0xE0 => 3,
        Some(&c) if c & 0xF8 == 0xF0 => 4,
        Some(_) => return (None, 1),
    };
    match b.get(..n).and_then(|s| std::str::from_utf8(s).ok()) {
        Some(s) => (s.chars().next(), n),
        None => (None, 1),
    }
}

/// Go's `strconv.Quote`: a double-quoted Go string literal, non-printable runes escaped.
pub fn quote(s: &str) -> String {
    let mut buf = String::with_capacity(s.len() + 2);
    append_quote_bytes(&mut buf, s.as_bytes(), b'"', false);
    buf
}

/// Go's `strconv.QuoteToASCII`: like [`quote`], with every non-ASCII rune escaped.
pub fn quote_to_ascii(s: &str) -> String {
    let mut buf = String::with_capacity(s.len() + 2);
    append_quote_bytes(&mut buf, s.as_bytes(), b'"', true);
    buf
}

/// Quotes raw bytes as Go's `strconv.Quote(string(b))`: bytes that are not valid UTF-8 come
/// out as `\xNN`.
pub fn append_quote_bytes(buf: &mut String, s: &[u8], quote: u8, ascii_only: bool) {
    buf.push(char::from(quote));
    let mut rest = s;
    while !rest.is_empty() {
        let (r, width) = decode_rune(rest);
        if let Some(r) = r {
            append_escaped_rune(buf, r, quote, ascii_only);
        } else {
            buf.push_str("\\x");
            buf.push(char::from(LOWER_HEX[usize::from(rest[0] >> 4)]));
            buf.push(char::from(LOWER_HEX[usize::from(rest[0] & 0xF)]));
        }
        rest = &rest[width..];
    }
    buf.push(char::from(quote));
}

fn append_escaped_rune(buf: &mut String, r: char, quote: u8, ascii_only: bool) {
    if r == char::from(quote) || r == '\\' {
        buf.push('\\');
        buf.push(r);
        return;
    }
    if ascii_only {
        if r.is_ascii() && is_print(r) {
            buf.push(r);
            return;
        }
    } else if is_print(r) {
        buf.push(r);
        return;
    }
    match r {
        '\x07' => buf.push_str("\\a"),
        '\x08' => buf.push_str("\\b"),
        '\x0C' => buf.push_str("\\f"),
        '\n' => buf.push_str("\\n"),
        '\r' => buf.push_str("\\r"),
        '\t' => buf.push_str("\\t"),
        '\x0B' => buf.push_str("\\v"),
        _ => {
            let c = u32::from(r);
            if c < 0x20 || c == 0x7F {
                buf.push_str("\\x");
                buf.push(char::from(LOWER_HEX[(c >> 4) as usize]));
                buf.push(char::from(LOWER_HEX[(c & 0xF) as usize]));
            } else if c < 0x10000 {
                buf.push_str("\\u");
                for shift in [12, 8, 4, 0] {
                    buf.push(char::from(LOWER_HEX[((c >> shift) & 0xF) as usize]));
                }
            } else {
                buf.push_str("\\U");
                for shift in [28, 24, 20, 16, 12, 8, 4, 0] {
                    buf.push(char::from(LOWER_HEX[((c >> shift) & 0xF) as usize]));
                }
            }
        }
    }
}

/// The rune Go uses for an integer code point: invalid ones (negative, surrogates, beyond
/// U+10FFFF) become U+FFFD.
pub fn rune_or_error(c: i64) -> char {
    u32::try_from(c)
        .ok()
        .and_then(char::from_u32)
        .unwrap_or(RUNE_ERROR)
}

/// Go's `strconv.QuoteRune`: a single-quoted Go character literal.
pub fn quote_rune(r: char) -> String {
    let mut buf = String::with_capacity(8);
    append_quote_rune(&mut buf, r, false);
    buf
}

/// Go's `strconv.QuoteRuneToASCII`.
pub fn quote_rune_to_ascii(r: char) -> String {
    let mut buf = String::with_capacity(8);
    append_quote_rune(&mut buf, r, true);
    buf
}

/// Appends a single-quoted Go character literal for `r`.
pub fn append_quote_rune(buf: &mut String, r: char, ascii_only: bool) {
    buf.push('\'');
    append_escaped_rune(buf, r, b'\'', ascii_only);
    buf.push('\'');
}

/// Go's `strconv.CanBackquote`: whether `s` can be written as a raw string literal (no
/// control characters other than tab, no backquote, no DEL, no BOM, valid UTF-8).
pub fn can_backquote(s: &str) -> bool {
    can_backquote_bytes(s.as_bytes())
}

/// [`can_backquote`] for raw bytes (invalid UTF-8 cannot be backquoted).
pub fn can_backquote_bytes(s: &[u8]) -> bool {
    let mut rest = s;
    while !rest.is_empty() {
        let (r, width) = decode_rune(rest);
        rest = &rest[width..];
        let Some(r) = r else { return false };
        if width > 1 {
            if r == '\u{FEFF}' {
                return false;
            }
            continue;
        }
        if (r < ' ' && r != '\t') || r == '`' || r == '\x7F' {
            return false;
        }
    }
    true
}

// ---------------------------------------------------------------------------------------------
// Unquoting
// ---------------------------------------------------------------------------------------------

/// One character decoded by [`unquote_char`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct UnquotedChar {
    /// The code point, or a single byte value for `\x` and octal escapes.
    pub value: u32,
    /// True when `value` must be written as UTF-8; false when it is one raw byte.
    pub multibyte: bool,
}

/// Go's `strconv.UnquoteChar(s, quote)`: decodes the first character or escape sequence of
/// the body of a quoted literal, returning it and the rest of `s`.
pub fn unquote_char(s: &str, quote: u8) -> Result<(UnquotedChar, &str), SyntaxError> {
    let bytes = s.as_bytes();
    let Some(&first) = bytes.first() else {
        return Err(SyntaxError);
    };
    if first == quote && (quote == b'\'' || quote == b'"') {
        return Err(SyntaxError);
    }
    if first >= 0x80 {
        let r = s.chars().next().ok_or(SyntaxError)?;
        return Ok((
            UnquotedChar {
                value: u32::from(r),
                multibyte: true,
            },
            &s[r.len_utf8()..],
        ));
    }
    if first != b'\\' {
        return Ok((
            UnquotedChar {
                value: u32::from(first),
                multibyte: false,
            },
            &s[1..],
        ));
    }
    let Some(&esc) = bytes.get(1) else {
        return Err(SyntaxError);
    };
    // A backslash before a non-ASCII character is no escape Go knows; slicing there would
    // also cut the character in half.
    if esc >= 0x80 {
        return Err(SyntaxError);
    }
    let rest = &s[2..];
    let simple = |byte: u8| UnquotedChar {
        value: u32::from(byte),
        multibyte: false,
    };
    let ch = match esc {
        b'a' => simple(0x07),
        b'b' => simple(0x08),
        b'f' => simple(0x0C),
        b'n' => simple(b'\n'),
        b'r' => simple(b'\r'),
        b't' => simple(b'\t'),
        b'v' => simple(0x0B),
        b'x' | b'u' | b'U' => {
            let n = match esc {
                b'x' => 2,
                b'u' => 4,
                _ => 8,
            };
            let hex = rest.as_bytes().get(..n).ok_or(SyntaxError)?;
            let mut v: u32 = 0;
            for &digit in hex {
                let d = char::from(digit).to_digit(16).ok_or(SyntaxError)?;
                v = (v << 4) | d;
            }
            let rest = &rest[n..];
            if esc == b'x' {
                return Ok((
                    UnquotedChar {
                        value: v,
                        multibyte: false,
                    },
                    rest,
                ));
            }
            if char::from_u32(v).is_none() {
                return Err(SyntaxError);
            }
            return Ok((
                UnquotedChar {
                    value: v,
                    multibyte: true,
                },
                rest,
            ));
        }
        b'0'..=b'7' => {
            let oct = rest.as_bytes().get(..2).ok_or(SyntaxError)?;
            let mut v = u32::from(esc - b'0');
            for &o in oct {
                if !(b'0'..=b'7').contains(&o) {
                    return Err(SyntaxError);
                }
                v = (v << 3) | u32::from(o - b'0');
            }
            if v > 255 {
                return Err(SyntaxError);
            }
            return Ok((
                UnquotedChar {
                    value: v,
                    multibyte: false,
                },
                &rest[2..],
            ));
        }
        b'\\' => simple(b'\\'),
        b'\'' | b'"' => {
            if esc != quote {
                return Err(SyntaxError);
            }
            simple(esc)
        }
        _ => return Err(SyntaxError),
    };
    Ok((ch, rest))
}

/// Go's `strconv.Unquote`, as raw bytes: `\x` and octal escapes may produce bytes that are
/// not valid UTF-8, as they do in Go strings.
pub fn unquote_bytes(s: &str) -> Result<Vec<u8>, SyntaxError> {
    let b = s.as_bytes();
    if b.len() < 2 {
        return Err(SyntaxError);
    }
    let quote = b[0];
    if b[b.len() - 1] != quote {
        return Err(SyntaxError);
    }
    if let Some(body) = plain_body(s) {
        return Ok(body.as_bytes().to_vec());
    }
    match quote {
        b'`' => {
            let body = &b[1..b.len() - 1];
            if body.contains(&b'`') {
                return Err(SyntaxError);
            }
            // Go drops carriage returns from raw strings.
            Ok(body.iter().copied().filter(|&c| c != b'\r').collect())
        }
        _ => unquote_escaped(s, quote),
    }
}

/// The value of a `"` or `` ` `` literal that needs no unescaping (Go's "trivial" case): the
/// text between the quotes, when it holds no escape, no inner quote, no line break in a `"`
/// string and no carriage return in a raw one. The input is UTF-8 already, so no rune needs
/// decoding and encoding again.
fn plain_body(s: &str) -> Option<&str> {
    let b = s.as_bytes();
    if b.len() < 2 || b[0] != b[b.len() - 1] {
        return None;
    }
    let body = &s[1..s.len() - 1];
    let plain = match b[0] {
        b'`' => !body.bytes().any(|c| c == b'`' || c == b'\r'),
        b'"' => !body.bytes().any(|c| matches!(c, b'\\' | b'"' | b'\n')),
        _ => false,
    };
    plain.then_some(body)
}

/// The general case of [`unquote_bytes`] for `"` and `'`: one rune or escape at a time.
fn unquote_escaped(s: &str, quote: u8) -> Result<Vec<u8>, SyntaxError> {
    let b = s.as_bytes();
    match quote {
        b'"' | b'\'' => {
            let mut out = Vec::with_capacity(b.len());
            let mut rest = &s[1..];
            let mut count = 0;
            while !rest.is_empty() && rest.as_bytes()[0] != quote {
                if rest.as_bytes()[0] == b'\n' {
                    return Err(SyntaxError);
                }
                let (ch, tail) = unquote_char(rest, quote)?;
                rest = tail;
                count += 1;
                if ch.multibyte {
                    let c = char::from_u32(ch.value).ok_or(SyntaxError)?;
                    let mut tmp = [0u8; 4];
                    out.extend_from_slice(c.encode_utf8(&mut tmp).as_bytes());
                } else {
                    out.push(ch.value as u8);
                }
                if quote == b'\'' {
                    break;
                }
            }
            // The closing quote must be the last byte.
            if rest.len() != 1 || rest.as_bytes()[0] != quote {
                return Err(SyntaxError);
            }
            if quote == b'\'' && count != 1 {
                return Err(SyntaxError);
            }
            Ok(out)
        }
        _ => Err(SyntaxError),
    }
}

/// Go's `strconv.Unquote`: the value of a double-quoted (with Go's escapes), backquoted (raw)
/// or single-quoted (one character) literal. Bytes that are not valid UTF-8 (from `\x` or
/// octal escapes) become U+FFFD; use [`unquote_bytes`] to keep them.
pub fn unquote(s: &str) -> Result<String, SyntaxError> {
    if let Some(body) = plain_body(s) {
        return Ok(body.to_owned());
    }
    let bytes = unquote_bytes(s)?;
    Ok(match String::from_utf8(bytes) {
        Ok(s) => s,
        Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The shortcut for literals without escapes gives what the general path gives.
    #[test]
    fn plain_literals_unquote_as_the_general_path_does() {
        let general = |s: &str| -> Result<Vec<u8>, SyntaxError> {
            match s.as_bytes()[0] {
                b'`' => {
                    let body = &s.as_bytes()[1..s.len() - 1];
                    if body.contains(&b'`') || s.as_bytes()[s.len() - 1] != b'`' {
                        return Err(SyntaxError);
                    }
                    Ok(body.iter().copied().filter(|&c| c != b'\r').collect())
                }
                q => unquote_escaped(s, q),
            }
        };
        for lit in [
            "\"\"",
            "\"abc\"",
            "\"héllo ☃\"",
            "\"a\\nb\"",
            "\"a\nb\"",
            "\"a\"b\"",
            "\"\\\"\"",
            "``",
            "`raw`",
            "`a\r\nb`",
            "`a\nb`",
            "`a`b`",
            "\"\t\u{7f}\"",
            "\"\u{0}\"",
            "\"\\x41\"",
        ] {
            assert_eq!(unquote_bytes(lit), general(lit), "{lit:?}");
            let expected = general(lit).map(|b| String::from_utf8_lossy(&b).into_owned());
            assert_eq!(unquote(lit), expected, "{lit:?}");
        }
    }

    #[test]
    fn format_float_shortest_g() {
        let cases: &[(f64, &str)] = &[
            (0.0, "0"),
            (-0.0, "-0"),
            (1.0, "1"),
            (1.5, "1.5"),
            (100_000.0, "100000"),
            (1e6, "1e+06"),
            (1_234_567.0, "1.234567e+06"),
            (0.0001, "0.0001"),
            (0.00001, "1e-05"),
            (0.1, "0.1"),
            (1e21, "1e+21"),
            (1e20, "1e+20"),
            (12_345_678_901_234_567_890.0, "1.2345678901234567e+19"),
            (f64::INFINITY, "+Inf"),
            (f64::NEG_INFINITY, "-Inf"),
            (f64::NAN, "NaN"),
            (5e-324, "5e-324"),
            (f64::MAX, "1.7976931348623157e+308"),
            (-3.25, "-3.25"),
        ];
        for &(v, want) in cases {
            assert_eq!(format_float(v, 'g', -1, 64), want, "{v}");
        }
    }

    #[test]
    fn format_float_fixed_precision() {
        assert_eq!(format_float(1.23456, 'f', 2, 64), "1.23");
        assert_eq!(format_float(2.5, 'f', 0, 64), "2");
        assert_eq!(format_float(3.5, 'f', 0, 64), "4");
        assert_eq!(format_float(-0.001, 'f', 1, 64), "-0.0");
        assert_eq!(format_float(1.0, 'e', 6, 64), "1.000000e+00");
        assert_eq!(format_float(123_456.0, 'e', 2, 64), "1.23e+05");
        assert_eq!(format_float(0.0, 'e', -1, 64), "0e+00");
        assert_eq!(format_float(1e100, 'E', 1, 64), "1.0E+100");
        assert_eq!(format_float(123_456.0, 'g', 3, 64), "1.23e+05");
        assert_eq!(format_float(123.0, 'g', 3, 64), "123");
        assert_eq!(format_float(100.0, 'g', 3, 64), "100");
        assert_eq!(format_float(1000.0, 'g', 3, 64), "1e+03");
        assert_eq!(format_float(0.5, 'g', 0, 64), "0.5");
        assert_eq!(format_float(1e-7, 'G', 2, 64), "1E-07");
        assert_eq!(format_float(1.5, 'f', -1, 64), "1.5");
        assert_eq!(format_float(1e21, 'f', -1, 64), "1000000000000000000000");
        assert_eq!(format_float(1.5, 'e', -1, 64), "1.5e+00");
    }

    #[test]
    fn format_float_binary_and_hex() {
        assert_eq!(format_float(1.0, 'b', -1, 64), "4503599627370496p-52");
        assert_eq!(format_float(1.0, 'x', -1, 64), "0x1p+00");
        assert_eq!(format_float(1.5, 'x', -1, 64), "0x1.8p+00");
        assert_eq!(format_float(-1.5, 'X', -1, 64), "-0X1.8P+00");
        assert_eq!(format_float(0.0, 'x', -1, 64), "0x0p+00");
        assert_eq!(format_float(1.0, 'x', 2, 64), "0x1.00p+00");
        assert_eq!(format_float(1e300, 'x', -1, 64), "0x1.7e43c8800759cp+996");
        assert_eq!(format_float(1.0, 'z', -1, 64), "%z");
    }

    #[test]
    fn format_float_32() {
        assert_eq!(format_float(0.1, 'g', -1, 32), "0.1");
        assert_eq!(format_float(1.0 / 3.0, 'g', -1, 32), "0.33333334");
    }

    #[test]
    fn format_ints() {
        assert_eq!(format_int(-255, 16), "-ff");
        assert_eq!(format_int(i64::MIN, 10), "-9223372036854775808");
        assert_eq!(format_uint(u64::MAX, 36), "3w5e11264sgsf");
        assert_eq!(format_int(5, 2), "101");
        assert_eq!(itoa(0), "0");
    }

    #[test]
    fn parse_int_bases_and_prefixes() {
        assert_eq!(parse_int("42", 10, 64), Ok(42));
        assert_eq!(parse_int("-42", 0, 64), Ok(-42));
        assert_eq!(parse_int("+0x1f", 0, 64), Ok(31));
        assert_eq!(parse_int("0o17", 0, 64), Ok(15));
        assert_eq!(parse_int("017", 0, 64), Ok(15));
        assert_eq!(parse_int("0b101", 0, 64), Ok(5));
        assert_eq!(parse_int("1_000", 0, 64), Ok(1000));
        assert_eq!(parse_int("0", 0, 64), Ok(0));
        assert_eq!(parse_int("zz", 36, 64), Ok(1295));
        assert_eq!(parse_int("-9223372036854775808", 10, 64), Ok(i64::MIN));
        assert_eq!(parse_uint("18446744073709551615", 10, 64), Ok(u64::MAX));
    }

    #[test]
    fn parse_int_errors() {
        let err = |s: &str, base, bits| parse_int(s, base, bits).unwrap_err().to_string();
        assert_eq!(
            err("", 10, 64),
            r#"strconv.ParseInt: parsing "": invalid syntax"#
        );
        assert_eq!(
            err("1_000", 10, 64),
            r#"strconv.ParseInt: parsing "1_000": invalid syntax"#
        );
        assert_eq!(
            err("_1", 0, 64),
            r#"strconv.ParseInt: parsing "_1": invalid syntax"#
        );
        assert_eq!(
            err("1__0", 0, 64),
            r#"strconv.ParseInt: parsing "1__0": invalid syntax"#
        );
        assert_eq!(
            err("0x", 0, 64),
            r#"strconv.ParseInt: parsing "0x": invalid syntax"#
        );
        assert_eq!(
            err("08", 0, 64),
            r#"strconv.ParseInt: parsing "08": invalid syntax"#
        );
        assert_eq!(
            err("9223372036854775808", 10, 64),
            r#"strconv.ParseInt: parsing "9223372036854775808": value out of range"#
        );
        assert_eq!(
            err("128", 10, 8),
            r#"strconv.ParseInt: parsing "128": value out of range"#
        );
        assert_eq!(parse_int("-128", 10, 8), Ok(-128));
        assert_eq!(
            err("1", 1, 64),
            r#"strconv.ParseInt: parsing "1": invalid base 1"#
        );
        assert_eq!(
            err("1", 10, 65),
            r#"strconv.ParseInt: parsing "1": invalid bit size 65"#
        );
        assert_eq!(
            parse_uint("-1", 10, 64).unwrap_err().to_string(),
            r#"strconv.ParseUint: parsing "-1": invalid syntax"#
        );
        assert_eq!(
            atoi("x").unwrap_err().to_string(),
            r#"strconv.Atoi: parsing "x": invalid syntax"#
        );
    }

    #[test]
    fn parse_bool_forms() {
        for t in ["1", "t", "T", "true", "TRUE", "True"] {
            assert_eq!(parse_bool(t), Ok(true));
        }
        for f in ["0", "f", "F", "false", "FALSE", "False"] {
            assert_eq!(parse_bool(f), Ok(false));
        }
        assert_eq!(
            parse_bool("yes").unwrap_err().to_string(),
            r#"strconv.ParseBool: parsing "yes": invalid syntax"#
        );
    }

    #[test]
    fn parse_float_forms() {
        assert_eq!(parse_float("1.5", 64), Ok(1.5));
        assert_eq!(parse_float("-1e3", 64), Ok(-1000.0));
        assert_eq!(parse_float(".5", 64), Ok(0.5));
        assert_eq!(parse_float("5.", 64), Ok(5.0));
        assert_eq!(parse_float("1_000.5", 64), Ok(1000.5));
        assert_eq!(parse_float("0x1p-2", 64), Ok(0.25));
        assert_eq!(parse_float("0x1.8p1", 64), Ok(3.0));
        assert_eq!(parse_float("0X_1FFFP-16", 64), Ok(0.124_984_741_210_937_5));
        assert_eq!(parse_float("Inf", 64), Ok(f64::INFINITY));
        assert_eq!(parse_float("-infinity", 64), Ok(f64::NEG_INFINITY));
        assert!(parse_float("nan", 64).unwrap().is_nan());
        assert_eq!(parse_float("1e-400", 64), Ok(0.0));
        assert_eq!(parse_float("0.1", 32), Ok(f64::from(0.1f32)));
        let err = |s: &str| parse_float(s, 64).unwrap_err().to_string();
        assert_eq!(
            err("1e400"),
            r#"strconv.ParseFloat: parsing "1e400": value out of range"#
        );
        assert_eq!(
            err("0x1p2000"),
            r#"strconv.ParseFloat: parsing "0x1p2000": value out of range"#
        );
        assert_eq!(
            err("1e"),
            r#"strconv.ParseFloat: parsing "1e": invalid syntax"#
        );
        assert_eq!(
            err("0x1.8"),
            r#"strconv.ParseFloat: parsing "0x1.8": invalid syntax"#
        );
        assert_eq!(
            err("1_.5"),
            r#"strconv.ParseFloat: parsing "1_.5": invalid syntax"#
        );
        assert_eq!(
            err("infx"),
            r#"strconv.ParseFloat: parsing "infx": invalid syntax"#
        );
        assert_eq!(
            err("+nan"),
            r#"strconv.ParseFloat: parsing "+nan": invalid syntax"#
        );
        assert_eq!(err(""), r#"strconv.ParseFloat: parsing "": invalid syntax"#);
        assert_eq!(
            err("."),
            r#"strconv.ParseFloat: parsing ".": invalid syntax"#
        );
    }

    #[test]
    fn parse_hex_float_rounding() {
        // 1 + 2^-53 is halfway between 1 and the next float: ties to even gives 1.
        assert_eq!(parse_float("0x1.00000000000008p0", 64), Ok(1.0));
        assert_eq!(
            parse_float("0x1.00000000000018p0", 64),
            Ok(1.0 + 2.0 * f64::EPSILON)
        );
        assert_eq!(parse_float("0x1p-1074", 64), Ok(5e-324));
        assert_eq!(parse_float("0x1p-1075", 64), Ok(0.0));
    }

    #[test]
    fn quote_escapes() {
        assert_eq!(quote("hello"), r#""hello""#);
        assert_eq!(quote("a\"b\\c"), r#""a\"b\\c""#);
        assert_eq!(quote("\x07\x08\x0c\n\r\t\x0b"), r#""\a\b\f\n\r\t\v""#);
        assert_eq!(quote("\x00\x7f"), r#""\x00\x7f""#);
        assert_eq!(quote("héllo☺"), "\"héllo☺\"");
        assert_eq!(quote("\u{ad}"), r#""\u00ad""#);
        assert_eq!(quote("\u{feff}"), r#""\ufeff""#);
        assert_eq!(quote("\u{e0001}"), r#""\U000e0001""#);
        assert_eq!(
            quote_to_ascii("héllo☺\u{1F600}"),
            r#""h\u00e9llo\u263a\U0001f600""#
        );
        let mut b = String::new();
        append_quote_bytes(&mut b, b"a\xffb\xe2\x82", b'"', false);
        assert_eq!(b, r#""a\xffb\xe2\x82""#);
    }

    #[test]
    fn quote_runes() {
        assert_eq!(quote_rune('a'), "'a'");
        assert_eq!(quote_rune('\''), r"'\''");
        assert_eq!(quote_rune('"'), "'\"'");
        assert_eq!(quote_rune('☺'), "'☺'");
        assert_eq!(quote_rune_to_ascii('☺'), r"'\u263a'");
        assert_eq!(quote_rune('\n'), r"'\n'");
        assert_eq!(rune_or_error(-1), RUNE_ERROR);
        assert_eq!(rune_or_error(0xD800), RUNE_ERROR);
        assert_eq!(rune_or_error(0x11_0000), RUNE_ERROR);
    }

    #[test]
    fn backquote_rules() {
        assert!(can_backquote("a\tb \"c\""));
        assert!(!can_backquote("a\nb"));
        assert!(!can_backquote("a`b"));
        assert!(!can_backquote("\x7f"));
        assert!(!can_backquote("\u{feff}"));
        assert!(can_backquote("☺"));
        assert!(!can_backquote_bytes(b"\xff"));
    }

    #[test]
    fn printable_runes() {
        assert!(is_print(' '));
        assert!(is_print('a'));
        assert!(!is_print('\u{a0}'));
        assert!(!is_print('\u{ad}'));
        assert!(is_print('é'));
        assert!(is_print('☺'));
        assert!(!is_print('\u{2028}'));
        assert!(!is_print('\u{200b}'));
        assert!(is_print('\u{11F00}'));
        assert!(!is_print('\u{2EBF0}'));
        assert!(!is_print('\u{E000}'));
    }

    #[test]
    fn unquote_forms() {
        assert_eq!(unquote(r#""a\tb""#).as_deref(), Ok("a\tb"));
        assert_eq!(unquote(r#""\u263a\U0001F600\x41\101\'""#), Err(SyntaxError));
        assert_eq!(
            unquote(r#""\u263a\U0001F600\x41\101""#).as_deref(),
            Ok("☺😀AA")
        );
        assert_eq!(unquote(r#""\"\\""#).as_deref(), Ok("\"\\"));
        assert_eq!(unquote("`a\\n\r`").as_deref(), Ok("a\\n"));
        assert_eq!(unquote("'a'").as_deref(), Ok("a"));
        assert_eq!(unquote(r"'\''").as_deref(), Ok("'"));
        assert_eq!(unquote("'☺'").as_deref(), Ok("☺"));
        assert_eq!(unquote_bytes(r#""\xff""#), Ok(vec![0xff]));
        for bad in [
            "",
            "\"",
            "\"a",
            "a\"",
            "'ab'",
            "''",
            "\"\n\"",
            "\"\\q\"",
            "`a`b`",
            "\"\\400\"",
            "\"\\uD800\"",
            "\"a\"b\"",
            "'\"\\'",
        ] {
            assert_eq!(unquote(bad), Err(SyntaxError), "{bad:?}");
        }
    }

    #[test]
    fn unquote_char_escapes() {
        let (c, rest) = unquote_char(r"\x41rest", b'"').unwrap();
        assert_eq!(
            c,
            UnquotedChar {
                value: 0x41,
                multibyte: false
            }
        );
        assert_eq!(rest, "rest");
        let (c, _) = unquote_char("☺", b'\'').unwrap();
        assert!(c.multibyte);
        assert_eq!(unquote_char("'", b'\''), Err(SyntaxError));
        assert_eq!(unquote_char(r"\'", b'"'), Err(SyntaxError));
        assert_eq!(
            unquote_char(r"\'", b'\'').unwrap().0.value,
            u32::from(b'\'')
        );
    }

    #[test]
    fn unquote_char_rejects_backslash_before_non_ascii() {
        assert!(unquote_char("\\é", b'"').is_err());
    }
}
