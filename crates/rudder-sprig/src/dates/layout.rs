//! Go's reference-layout formatting and parsing (`time/format.go`): the layout is scanned for
//! the fields of `Mon Jan 2 15:04:05 MST 2006`, everything else is literal text.

use std::fmt::Write as _;
use std::sync::Arc;

use rudder_value::civil::days_from_civil;

use super::{Location, Time, date, days_in, is_leap};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Std {
    LongMonth,
    Month,
    NumMonth,
    ZeroMonth,
    LongWeekDay,
    WeekDay,
    Day,
    UnderDay,
    ZeroDay,
    UnderYearDay,
    ZeroYearDay,
    Hour,
    Hour12,
    ZeroHour12,
    Minute,
    ZeroMinute,
    Second,
    ZeroSecond,
    LongYear,
    Year,
    PM,
    Pm,
    TZ,
    Iso8601TZ,
    Iso8601SecondsTZ,
    Iso8601ShortTZ,
    Iso8601ColonTZ,
    Iso8601ColonSecondsTZ,
    NumTZ,
    NumSecondsTz,
    NumShortTZ,
    NumColonTZ,
    NumColonSecondsTZ,
    /// `.000` (exactly n digits), with its separator.
    FracSecond0(usize, u8),
    /// `.999` (up to n digits, trailing zeros trimmed), with its separator.
    FracSecond9(usize, u8),
}

impl Std {
    fn is_iso(self) -> bool {
        matches!(
            self,
            Std::Iso8601TZ
                | Std::Iso8601SecondsTZ
                | Std::Iso8601ShortTZ
                | Std::Iso8601ColonTZ
                | Std::Iso8601ColonSecondsTZ
        )
    }
}

fn starts_with_lower(s: &[u8]) -> bool {
    s.first().is_some_and(u8::is_ascii_lowercase)
}

/// Splits `layout` at its first field: (literal prefix, field, rest).
fn next_std_chunk(layout: &str) -> (&str, Option<Std>, &str) {
    let b = layout.as_bytes();
    let at = |i: usize, s: &str| b.len() >= i + s.len() && &b[i..i + s.len()] == s.as_bytes();
    for i in 0..b.len() {
        let found = |std: Std, len: usize| Some((&layout[..i], Some(std), &layout[i + len..]));
        let hit = match b[i] {
            b'J' if at(i, "Jan") => {
                if at(i, "January") {
                    found(Std::LongMonth, 7)
                } else if !starts_with_lower(&b[i + 3..]) {
                    found(Std::Month, 3)
                } else {
                    None
                }
            }
            b'M' if b.len() >= i + 3 => {
                if at(i, "Mon") {
                    if at(i, "Monday") {
                        found(Std::LongWeekDay, 6)
                    } else if !starts_with_lower(&b[i + 3..]) {
                        found(Std::WeekDay, 3)
                    } else {
                        None
                    }
                } else if at(i, "MST") {
                    found(Std::TZ, 3)
                } else {
                    None
                }
            }
            b'0' if b.len() >= i + 2 && (b'1'..=b'6').contains(&b[i + 1]) => {
                let std = [
                    Std::ZeroMonth,
                    Std::ZeroDay,
                    Std::ZeroHour12,
                    Std::ZeroMinute,
                    Std::ZeroSecond,
                    Std::Year,
                ][usize::from(b[i + 1] - b'1')];
                found(std, 2)
            }
            b'0' if at(i, "002") => found(Std::ZeroYearDay, 3),
            b'1' => {
                if at(i, "15") {
                    found(Std::Hour, 2)
                } else {
                    found(Std::NumMonth, 1)
                }
            }
            b'2' => {
                if at(i, "2006") {
                    found(Std::LongYear, 4)
                } else {
                    found(Std::Day, 1)
                }
            }
            b'_' if at(i, "_2") => {
                if at(i, "_2006") {
                    // A literal `_` followed by the long year.
                    Some((&layout[..=i], Some(Std::LongYear), &layout[i + 5..]))
                } else {
                    found(Std::UnderDay, 2)
                }
            }
            b'_' if at(i, "__2") => found(Std::UnderYearDay, 3),
            b'3' => found(Std::Hour12, 1),
            b'4' => found(Std::Minute, 1),
            b'5' => found(Std::Second, 1),
            b'P' if at(i, "PM") => found(Std::PM, 2),
            b'p' if at(i, "pm") => found(Std::Pm, 2),
            b'-' => [
                ("-070000", Std::NumSecondsTz),
                ("-07:00:00", Std::NumColonSecondsTZ),
                ("-0700", Std::NumTZ),
                ("-07:00", Std::NumColonTZ),
                ("-07", Std::NumShortTZ),
            ]
            .into_iter()
            .find(|(s, _)| at(i, s))
            .and_then(|(s, std)| found(std, s.len())),
            b'Z' => [
                ("Z070000", Std::Iso8601SecondsTZ),
                ("Z07:00:00", Std::Iso8601ColonSecondsTZ),
                ("Z0700", Std::Iso8601TZ),
                ("Z07:00", Std::Iso8601ColonTZ),
                ("Z07", Std::Iso8601ShortTZ),
            ]
            .into_iter()
            .find(|(s, _)| at(i, s))
            .and_then(|(s, std)| found(std, s.len())),
            c @ (b'.' | b',') if i + 1 < b.len() && matches!(b[i + 1], b'0' | b'9') => {
                let ch = b[i + 1];
                let mut j = i + 1;
                while j < b.len() && b[j] == ch {
                    j += 1;
                }
                if b.get(j).is_some_and(u8::is_ascii_digit) {
                    None
                } else {
                    let n = j - (i + 1);
                    let std = if ch == b'0' {
                        Std::FracSecond0(n, c)
                    } else {
                        Std::FracSecond9(n, c)
                    };
                    Some((&layout[..i], Some(std), &layout[j..]))
                }
            }
            _ => None,
        };
        if let Some(hit) = hit {
            return hit;
        }
    }
    (layout, None, "")
}

const LONG_DAYS: [&str; 7] = [
    "Sunday",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
];
const SHORT_DAYS: [&str; 7] = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const SHORT_MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];
const LONG_MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Go's `appendInt`: a decimal with zero padding to `width` digits after the sign.
fn push_int(out: &mut String, x: i64, width: usize) {
    if x < 0 {
        out.push('-');
    }
    let _ = write!(out, "{:0width$}", x.unsigned_abs());
}

/// `t.Format(layout)`.
pub(crate) fn format(t: &Time, layout: &str) -> String {
    let (name, offset) = t.zone();
    let c = t.civil();
    let mut out = String::with_capacity(layout.len() + 10);
    let mut layout = layout;
    loop {
        let (prefix, std, suffix) = next_std_chunk(layout);
        out.push_str(prefix);
        let Some(std) = std else { break };
        layout = suffix;
        let hour12 = if c.hour.is_multiple_of(12) {
            12
        } else {
            c.hour % 12
        };
        match std {
            Std::Year => push_int(&mut out, c.year.abs() % 100, 2),
            Std::LongYear => push_int(&mut out, c.year, 4),
            Std::Month => out.push_str(SHORT_MONTHS[(c.month - 1) as usize]),
            Std::LongMonth => out.push_str(LONG_MONTHS[(c.month - 1) as usize]),
            Std::NumMonth => push_int(&mut out, i64::from(c.month), 0),
            Std::ZeroMonth => push_int(&mut out, i64::from(c.month), 2),
            Std::WeekDay => out.push_str(SHORT_DAYS[c.weekday as usize]),
            Std::LongWeekDay => out.push_str(LONG_DAYS[c.weekday as usize]),
            Std::Day => push_int(&mut out, i64::from(c.day), 0),
            Std::UnderDay => {
                if c.day < 10 {
                    out.push(' ');
                }
                push_int(&mut out, i64::from(c.day), 0);
            }
            Std::ZeroDay => push_int(&mut out, i64::from(c.day), 2),
            Std::UnderYearDay => {
                if c.yday < 100 {
                    out.push(' ');
                    if c.yday < 10 {
                        out.push(' ');
                    }
                }
                push_int(&mut out, i64::from(c.yday), 0);
            }
            Std::ZeroYearDay => push_int(&mut out, i64::from(c.yday), 3),
            Std::Hour => push_int(&mut out, i64::from(c.hour), 2),
            Std::Hour12 => push_int(&mut out, i64::from(hour12), 0),
            Std::ZeroHour12 => push_int(&mut out, i64::from(hour12), 2),
            Std::Minute => push_int(&mut out, i64::from(c.minute), 0),
            Std::ZeroMinute => push_int(&mut out, i64::from(c.minute), 2),
            Std::Second => push_int(&mut out, i64::from(c.second), 0),
            Std::ZeroSecond => push_int(&mut out, i64::from(c.second), 2),
            Std::PM => out.push_str(if c.hour >= 12 { "PM" } else { "AM" }),
            Std::Pm => out.push_str(if c.hour >= 12 { "pm" } else { "am" }),
            Std::Iso8601TZ
            | Std::Iso8601SecondsTZ
            | Std::Iso8601ShortTZ
            | Std::Iso8601ColonTZ
            | Std::Iso8601ColonSecondsTZ
            | Std::NumTZ
            | Std::NumSecondsTz
            | Std::NumShortTZ
            | Std::NumColonTZ
            | Std::NumColonSecondsTZ => {
                if offset == 0 && std.is_iso() {
                    out.push('Z');
                    continue;
                }
                let mut zone = offset / 60;
                let mut abs_offset = offset;
                if zone < 0 {
                    out.push('-');
                    zone = -zone;
                    abs_offset = -abs_offset;
                } else {
                    out.push('+');
                }
                push_int(&mut out, i64::from(zone / 60), 2);
                let colon = matches!(
                    std,
                    Std::Iso8601ColonTZ
                        | Std::NumColonTZ
                        | Std::Iso8601ColonSecondsTZ
                        | Std::NumColonSecondsTZ
                );
                if colon {
                    out.push(':');
                }
                if !matches!(std, Std::NumShortTZ | Std::Iso8601ShortTZ) {
                    push_int(&mut out, i64::from(zone % 60), 2);
                }
                if matches!(
                    std,
                    Std::Iso8601SecondsTZ
                        | Std::NumSecondsTz
                        | Std::NumColonSecondsTZ
                        | Std::Iso8601ColonSecondsTZ
                ) {
                    if colon {
                        out.push(':');
                    }
                    push_int(&mut out, i64::from(abs_offset % 60), 2);
                }
            }
            Std::TZ => {
                if name.is_empty() {
                    let mut zone = offset / 60;
                    if zone < 0 {
                        out.push('-');
                        zone = -zone;
                    } else {
                        out.push('+');
                    }
                    push_int(&mut out, i64::from(zone / 60), 2);
                    push_int(&mut out, i64::from(zone % 60), 2);
                } else {
                    out.push_str(&name);
                }
            }
            Std::FracSecond0(n, sep) | Std::FracSecond9(n, sep) => {
                let trim = matches!(std, Std::FracSecond9(..));
                if trim && (n == 0 || t.nsec == 0) {
                    continue;
                }
                let mut digits = format!("{:09}", t.nsec);
                digits.truncate(n.min(9));
                if trim {
                    let kept = digits.trim_end_matches('0');
                    if !kept.is_empty() {
                        out.push(char::from(sep));
                        out.push_str(kept);
                    }
                } else {
                    out.push(char::from(sep));
                    out.push_str(&digits);
                    // Go's layouts may ask for more than nine digits; those are never
                    // produced (the buffer is cut at nine).
                }
            }
        }
    }
    out
}

/// The quoting of Go's time package: ASCII as is (with `"` and `\` escaped), every byte
/// of anything else as `\xNN`.
pub(crate) fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        if (c as u32) >= 0x80 || c < ' ' {
            let mut buf = [0u8; 4];
            for byte in c.encode_utf8(&mut buf).bytes() {
                let _ = write!(out, "\\x{byte:02x}");
            }
        } else {
            if c == '"' || c == '\\' {
                out.push('\\');
            }
            out.push(c);
        }
    }
    out.push('"');
    out
}

struct Bad;

fn getnum(s: &str, fixed: bool) -> Result<(i64, &str), Bad> {
    let b = s.as_bytes();
    if !b.first().is_some_and(u8::is_ascii_digit) {
        return Err(Bad);
    }
    if !b.get(1).is_some_and(u8::is_ascii_digit) {
        if fixed {
            return Err(Bad);
        }
        return Ok((i64::from(b[0] - b'0'), &s[1..]));
    }
    Ok((
        i64::from(b[0] - b'0') * 10 + i64::from(b[1] - b'0'),
        &s[2..],
    ))
}

fn getnum3(s: &str, fixed: bool) -> Result<(i64, &str), Bad> {
    let b = s.as_bytes();
    let mut n = 0;
    let mut i = 0;
    while i < 3 && b.get(i).is_some_and(u8::is_ascii_digit) {
        n = n * 10 + i64::from(b[i] - b'0');
        i += 1;
    }
    if i == 0 || (fixed && i != 3) {
        return Err(Bad);
    }
    Ok((n, &s[i..]))
}

/// Go's `atoi`: optional sign, then digits only.
fn atoi(s: &str) -> Result<i64, Bad> {
    let (neg, digits) = match s.as_bytes().first() {
        Some(b'-') => (true, &s[1..]),
        Some(b'+') => (false, &s[1..]),
        _ => (false, s),
    };
    let (x, rem) = leading_int(digits)?;
    if !rem.is_empty() {
        return Err(Bad);
    }
    let x = i64::try_from(x).map_err(|_| Bad)?;
    Ok(if neg { -x } else { x })
}

fn leading_int(s: &str) -> Result<(u64, &str), Bad> {
    let mut x: u64 = 0;
    let mut i = 0;
    for &c in s.as_bytes() {
        if !c.is_ascii_digit() {
            break;
        }
        if x > (1 << 63) / 10 {
            return Err(Bad);
        }
        x = x * 10 + u64::from(c - b'0');
        if x > 1 << 63 {
            return Err(Bad);
        }
        i += 1;
    }
    Ok((x, &s[i..]))
}

/// Case-insensitive prefix match against a table of names (Go's `lookup`).
fn lookup<'a>(table: &[&str], value: &'a str) -> Result<(usize, &'a str), Bad> {
    for (i, name) in table.iter().enumerate() {
        if value.len() >= name.len()
            && value.is_char_boundary(name.len())
            && value.as_bytes()[..name.len()].eq_ignore_ascii_case(name.as_bytes())
        {
            return Ok((i, &value[name.len()..]));
        }
    }
    Err(Bad)
}

/// Removes `prefix` from `value`, a run of spaces in the prefix matching any run in the value.
fn skip<'a>(mut value: &'a str, mut prefix: &str) -> Result<&'a str, Bad> {
    while let Some(&p) = prefix.as_bytes().first() {
        if p == b' ' {
            if value.as_bytes().first().is_some_and(|&c| c != b' ') {
                return Err(Bad);
            }
            prefix = prefix.trim_start_matches(' ');
            value = value.trim_start_matches(' ');
            continue;
        }
        if value.as_bytes().first() != Some(&p) {
            return Err(Bad);
        }
        prefix = &prefix[1..];
        value = &value[1..];
    }
    Ok(value)
}

fn parse_nanoseconds(value: &str, nbytes: usize) -> Result<(i64, Option<&'static str>), Bad> {
    if !matches!(value.as_bytes().first(), Some(b'.' | b',')) {
        return Err(Bad);
    }
    let nbytes = nbytes.min(10);
    let ns = atoi(value.get(1..nbytes).ok_or(Bad)?)?;
    if ns < 0 {
        return Ok((0, Some("fractional second")));
    }
    Ok((ns * 10i64.pow((10 - nbytes) as u32), None))
}

fn parse_signed_offset(value: &str) -> usize {
    let Some(rest) = value.strip_prefix(['-', '+']) else {
        return 0;
    };
    match leading_int(rest) {
        Ok((x, rem)) if rem.len() != rest.len() && x <= 23 => value.len() - rem.len(),
        _ => 0,
    }
}

fn parse_time_zone(value: &str) -> Option<usize> {
    let b = value.as_bytes();
    if b.len() < 3 {
        return None;
    }
    if b.starts_with(b"ChST") || b.starts_with(b"MeST") {
        return Some(4);
    }
    if b.starts_with(b"GMT") {
        return Some(if b.len() == 3 {
            3
        } else {
            3 + parse_signed_offset(&value[3..])
        });
    }
    if b[0] == b'+' || b[0] == b'-' {
        let n = parse_signed_offset(value);
        return (n > 0).then_some(n);
    }
    let upper = b
        .iter()
        .take(6)
        .take_while(|c| c.is_ascii_uppercase())
        .count();
    match upper {
        5 if b[4] == b'T' => Some(5),
        4 if b[3] == b'T' || b.starts_with(b"WITA") => Some(4),
        3 => Some(3),
        _ => None,
    }
}

/// `time.ParseInLocation(layout, value, loc)`, with Go's error texts.
pub(crate) fn parse_in_location(
    layout: &str,
    value: &str,
    loc: &Arc<Location>,
) -> Result<Time, String> {
    let (alayout, avalue) = (layout, value);
    let error = |layout_elem: &str, value_elem: &str| {
        format!(
            "parsing time {} as {}: cannot parse {} as {}",
            quote(avalue),
            quote(alayout),
            quote(value_elem),
            quote(layout_elem)
        )
    };
    let message = |msg: &str| format!("parsing time {}{msg}", quote(avalue));
    let (mut layout, mut value) = (layout, value);
    let (mut am_set, mut pm_set) = (false, false);
    let (mut year, mut month, mut day, mut yday) = (0i64, -1i64, -1i64, -1i64);
    let (mut hour, mut min, mut sec, mut nsec) = (0i64, 0i64, 0i64, 0i64);
    let mut utc_zone = false;
    let mut zone_offset: Option<i64> = None;
    let mut zone_name = String::new();
    loop {
        let (prefix, std, suffix) = next_std_chunk(layout);
        let stdstr = &layout[prefix.len()..layout.len() - suffix.len()];
        value = skip(value, prefix).map_err(|Bad| error(prefix, value))?;
        let Some(std) = std else {
            if !value.is_empty() {
                return Err(message(&format!(": extra text: {}", quote(value))));
            }
            break;
        };
        layout = suffix;
        let hold = value;
        let mut range_err: Option<&str> = None;
        let result: Result<(), Bad> = (|| {
            match std {
                Std::Year => {
                    let p = value.get(..2).ok_or(Bad)?;
                    value = &value[2..];
                    year = atoi(p)?;
                    year += if year >= 69 { 1900 } else { 2000 };
                }
                Std::LongYear => {
                    if value.len() < 4 || !value.as_bytes()[0].is_ascii_digit() {
                        return Err(Bad);
                    }
                    let p = value.get(..4).ok_or(Bad)?;
                    value = &value[4..];
                    year = atoi(p)?;
                }
                Std::Month | Std::LongMonth => {
                    let table: &[&str] = if std == Std::Month {
                        &SHORT_MONTHS
                    } else {
                        &LONG_MONTHS
                    };
                    let (m, rest) = lookup(table, value)?;
                    month = m as i64 + 1;
                    value = rest;
                }
                Std::NumMonth | Std::ZeroMonth => {
                    let (m, rest) = getnum(value, std == Std::ZeroMonth)?;
                    month = m;
                    value = rest;
                    if !(1..=12).contains(&month) {
                        range_err = Some("month");
                    }
                }
                Std::WeekDay => value = lookup(&SHORT_DAYS, value)?.1,
                Std::LongWeekDay => value = lookup(&LONG_DAYS, value)?.1,
                Std::Day | Std::UnderDay | Std::ZeroDay => {
                    if std == Std::UnderDay && value.starts_with(' ') {
                        value = &value[1..];
                    }
                    let (d, rest) = getnum(value, std == Std::ZeroDay)?;
                    day = d;
                    value = rest;
                }
                Std::UnderYearDay | Std::ZeroYearDay => {
                    for _ in 0..2 {
                        if std == Std::UnderYearDay && value.starts_with(' ') {
                            value = &value[1..];
                        }
                    }
                    let (d, rest) = getnum3(value, std == Std::ZeroYearDay)?;
                    yday = d;
                    value = rest;
                }
                Std::Hour => {
                    let (h, rest) = getnum(value, false)?;
                    hour = h;
                    value = rest;
                    if !(0..24).contains(&hour) {
                        range_err = Some("hour");
                    }
                }
                Std::Hour12 | Std::ZeroHour12 => {
                    let (h, rest) = getnum(value, std == Std::ZeroHour12)?;
                    hour = h;
                    value = rest;
                    if !(0..=12).contains(&hour) {
                        range_err = Some("hour");
                    }
                }
                Std::Minute | Std::ZeroMinute => {
                    let (m, rest) = getnum(value, std == Std::ZeroMinute)?;
                    min = m;
                    value = rest;
                    if !(0..60).contains(&min) {
                        range_err = Some("minute");
                    }
                }
                Std::Second | Std::ZeroSecond => {
                    let (s, rest) = getnum(value, std == Std::ZeroSecond)?;
                    sec = s;
                    value = rest;
                    if !(0..60).contains(&sec) {
                        range_err = Some("second");
                        return Ok(());
                    }
                    let b = value.as_bytes();
                    if b.len() >= 2 && matches!(b[0], b'.' | b',') && b[1].is_ascii_digit() {
                        if matches!(
                            next_std_chunk(layout).1,
                            Some(Std::FracSecond0(..) | Std::FracSecond9(..))
                        ) {
                            return Ok(());
                        }
                        let mut n = 2;
                        while b.get(n).is_some_and(u8::is_ascii_digit) {
                            n += 1;
                        }
                        let (ns, r) = parse_nanoseconds(value, n)?;
                        nsec = ns;
                        range_err = r;
                        value = &value[n..];
                    }
                }
                Std::PM | Std::Pm => {
                    let p = value.get(..2).ok_or(Bad)?;
                    value = &value[2..];
                    let (pm, am) = if std == Std::PM {
                        ("PM", "AM")
                    } else {
                        ("pm", "am")
                    };
                    if p == pm {
                        pm_set = true;
                    } else if p == am {
                        am_set = true;
                    } else {
                        return Err(Bad);
                    }
                }
                Std::Iso8601TZ
                | Std::Iso8601SecondsTZ
                | Std::Iso8601ShortTZ
                | Std::Iso8601ColonTZ
                | Std::Iso8601ColonSecondsTZ
                | Std::NumTZ
                | Std::NumSecondsTz
                | Std::NumShortTZ
                | Std::NumColonTZ
                | Std::NumColonSecondsTZ => {
                    if std.is_iso() && value.starts_with('Z') {
                        value = &value[1..];
                        utc_zone = true;
                        return Ok(());
                    }
                    let b = value.as_bytes();
                    let (sign, hh, mm, ss, rest);
                    match std {
                        Std::Iso8601ColonTZ | Std::NumColonTZ => {
                            if b.len() < 6 || b[3] != b':' {
                                return Err(Bad);
                            }
                            (sign, hh, mm, ss, rest) =
                                (b[0], &value[1..3], &value[4..6], "00", &value[6..]);
                        }
                        Std::NumShortTZ | Std::Iso8601ShortTZ => {
                            if b.len() < 3 {
                                return Err(Bad);
                            }
                            (sign, hh, mm, ss, rest) =
                                (b[0], &value[1..3], "00", "00", &value[3..]);
                        }
                        Std::Iso8601ColonSecondsTZ | Std::NumColonSecondsTZ => {
                            if b.len() < 9 || b[3] != b':' || b[6] != b':' {
                                return Err(Bad);
                            }
                            (sign, hh, mm, ss, rest) =
                                (b[0], &value[1..3], &value[4..6], &value[7..9], &value[9..]);
                        }
                        Std::Iso8601SecondsTZ | Std::NumSecondsTz => {
                            if b.len() < 7 {
                                return Err(Bad);
                            }
                            (sign, hh, mm, ss, rest) =
                                (b[0], &value[1..3], &value[3..5], &value[5..7], &value[7..]);
                        }
                        _ => {
                            if b.len() < 5 {
                                return Err(Bad);
                            }
                            (sign, hh, mm, ss, rest) =
                                (b[0], &value[1..3], &value[3..5], "00", &value[5..]);
                        }
                    }
                    value = rest;
                    let hr = getnum(hh, true)?.0;
                    let mn = getnum(mm, true)?.0;
                    let sc = getnum(ss, true)?.0;
                    if hr > 24 {
                        range_err = Some("time zone offset hour");
                    }
                    if mn > 60 {
                        range_err = Some("time zone offset minute");
                    }
                    if sc > 60 {
                        range_err = Some("time zone offset second");
                    }
                    let off = (hr * 60 + mn) * 60 + sc;
                    zone_offset = Some(match sign {
                        b'+' => off,
                        b'-' => -off,
                        _ => return Err(Bad),
                    });
                }
                Std::TZ => {
                    if value.starts_with("UTC") {
                        utc_zone = true;
                        value = &value[3..];
                        return Ok(());
                    }
                    let n = parse_time_zone(value).ok_or(Bad)?;
                    value[..n].clone_into(&mut zone_name);
                    value = &value[n..];
                }
                Std::FracSecond0(n, _) => {
                    let ndigit = 1 + n;
                    if value.len() < ndigit {
                        return Err(Bad);
                    }
                    let (ns, r) = parse_nanoseconds(value, ndigit)?;
                    nsec = ns;
                    range_err = r;
                    value = &value[ndigit..];
                }
                Std::FracSecond9(..) => {
                    let b = value.as_bytes();
                    if b.len() < 2 || !matches!(b[0], b'.' | b',') || !b[1].is_ascii_digit() {
                        return Ok(());
                    }
                    let mut i = 0;
                    while b.get(i + 1).is_some_and(u8::is_ascii_digit) {
                        i += 1;
                    }
                    let (ns, r) = parse_nanoseconds(value, 1 + i)?;
                    nsec = ns;
                    range_err = r;
                    value = &value[1 + i..];
                }
            }
            Ok(())
        })();
        if let Some(what) = range_err {
            return Err(message(&format!(": {what} out of range")));
        }
        if result.is_err() {
            return Err(error(stdstr, hold));
        }
    }
    if pm_set && hour < 12 {
        hour += 12;
    } else if am_set && hour == 12 {
        hour = 0;
    }
    if yday >= 0 {
        let (mut m, mut d) = (0i64, 0i64);
        if is_leap(year) {
            if yday == 31 + 29 {
                m = 2;
                d = 29;
            } else if yday > 31 + 29 {
                yday -= 1;
            }
        }
        if !(1..=365).contains(&yday) {
            return Err(message(": day-of-year out of range"));
        }
        if m == 0 {
            let days_before = |month: i64| -> i64 {
                (1..month)
                    .map(|mm| i64::from(days_in(mm as u32, 2001)))
                    .sum()
            };
            m = (yday - 1) / 31 + 1;
            if days_before(m + 1) < yday {
                m += 1;
            }
            d = yday - days_before(m);
        }
        if month >= 0 && month != m {
            return Err(message(": day-of-year does not match month"));
        }
        month = m;
        if day >= 0 && day != d {
            return Err(message(": day-of-year does not match day"));
        }
        day = d;
    } else {
        if month < 0 {
            month = 1;
        }
        if day < 0 {
            day = 1;
        }
    }
    if day < 1 || day > i64::from(days_in(month as u32, year)) {
        return Err(message(": day out of range"));
    }
    let civil = days_from_civil(year, month, day) * 86_400 + hour * 3600 + min * 60 + sec;
    let nsec = nsec as u32;
    if utc_zone {
        return Ok(date(civil, nsec, Location::utc()));
    }
    if let Some(offset) = zone_offset {
        let unix = civil - offset;
        let (name, local_offset) = loc.lookup(unix);
        if i64::from(local_offset) == offset && (zone_name.is_empty() || name == zone_name) {
            return Ok(Time::new(unix, nsec, loc.clone()));
        }
        return Ok(Time::new(
            unix,
            nsec,
            Location::fixed(&zone_name, offset as i32),
        ));
    }
    if !zone_name.is_empty() {
        if let Some(offset) = loc.lookup_name(&zone_name, civil) {
            return Ok(Time::new(civil - i64::from(offset), nsec, loc.clone()));
        }
        let mut offset = 0;
        if zone_name.len() > 3 && zone_name.starts_with("GMT") {
            offset = atoi(&zone_name[3..]).unwrap_or(0) * 3600;
        }
        // Go keeps the wall clock as UTC here and only labels it with the zone.
        return Ok(Time::new(
            civil,
            nsec,
            Location::fixed(&zone_name, offset as i32),
        ));
    }
    Ok(date(civil, nsec, loc.clone()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(unix: i64, nsec: u32) -> Time {
        Time::new(unix, nsec, Location::utc())
    }

    #[test]
    fn formats_reference_layouts() {
        let t = utc(1_136_239_445, 123_456_789); // 2006-01-02 22:04:05 UTC, a Monday
        assert_eq!(
            format(&t, "2006-01-02T15:04:05Z07:00"),
            "2006-01-02T22:04:05Z"
        );
        assert_eq!(
            format(&t, "Mon Jan _2 3:04:05 PM MST 06"),
            "Mon Jan  2 10:04:05 PM UTC 06"
        );
        assert_eq!(
            format(&t, "Monday, January 2, 2006 .000 ,999999 .9"),
            "Monday, January 2, 2006 .123 ,123456 .1"
        );
        assert_eq!(
            format(&t, "002 __2 -07:00 -0700 -07 Z0700"),
            "002   2 +00:00 +0000 +00 Z"
        );
        assert_eq!(format(&t, "Janet Monty _2006 pm"), "Janet Monty _2006 pm");
        assert_eq!(format(&t, "15:04:05.999999999"), "22:04:05.123456789");
    }

    #[test]
    fn formats_zones_without_names() {
        let t = Time::new(0, 0, Location::fixed("", 5 * 3600 + 1800));
        assert_eq!(format(&t, "MST -07:00:00 Z07"), "+0530 +05:30:00 +05");
    }

    #[test]
    fn parses_layouts() {
        let utc_loc = Location::utc();
        let t = parse_in_location("2006-01-02", "2024-02-29", &utc_loc)
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(t.unix, 1_709_164_800);
        let t = parse_in_location(
            "2006-01-02T15:04:05Z07:00",
            "2024-02-29T10:00:00.5+02:00",
            &utc_loc,
        )
        .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!((t.unix, t.nsec), (1_709_193_600, 500_000_000));
        assert_eq!(t.go_string(), "2024-02-29 10:00:00.5 +0200 +0200");
        let t = parse_in_location("Jan _2 3:04PM", "feb  3 4:05pm", &utc_loc);
        assert!(t.is_err());
        let t = parse_in_location("Jan _2 3:04PM", "feb  3 4:05PM", &utc_loc)
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(t.go_string(), "0000-02-03 16:05:00 +0000 UTC");
    }

    #[test]
    fn reports_parse_errors_as_go() {
        let utc_loc = Location::utc();
        assert_eq!(
            parse_in_location("2006-01-02", "2024-13-01", &utc_loc).unwrap_err(),
            "parsing time \"2024-13-01\": month out of range"
        );
        assert_eq!(
            parse_in_location("2006-01-02", "2024/01/01", &utc_loc).unwrap_err(),
            "parsing time \"2024/01/01\" as \"2006-01-02\": cannot parse \"/01/01\" as \"-\""
        );
        assert_eq!(
            parse_in_location("2006-01-02", "2023-02-29", &utc_loc).unwrap_err(),
            "parsing time \"2023-02-29\": day out of range"
        );
        assert_eq!(
            parse_in_location("2006", "2024x", &utc_loc).unwrap_err(),
            "parsing time \"2024x\": extra text: \"x\""
        );
    }
}
