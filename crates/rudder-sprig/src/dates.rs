//! Sprig's date functions (`now`, `date`, `dateInZone`, `toDate`, `dateModify`, `ago`,
//! `duration`, `durationRound`, `htmlDate`, `unixEpoch`) over a Go-shaped `time.Time`.
//!
//! Go formats and parses times with reference layouts (`2006-01-02 15:04:05.999999999 -0700
//! MST`), prints durations its own way (`1h2m3.5s`) and names zones by IANA name; this module
//! reproduces `time/format.go`, `time.ParseDuration` and `Duration.String`. Calendar
//! arithmetic is done here on Unix seconds; jiff only answers which offset and abbreviation a
//! zone has at an instant.

mod layout;

use std::any::Any;
use std::fmt::Write as _;
use std::sync::{Arc, LazyLock};
use std::time::{Instant, SystemTime, UNIX_EPOCH};

use jiff::tz::TimeZone;
use rudder_gotmpl::{ArgType, FuncMap, Function, Signature};
use rudder_value::civil::{civil_from_days, days_from_civil};
use rudder_value::{Member, Object, Underlying, Value};

pub(crate) use layout::{format, parse_in_location};

const NANOS_PER_SEC: i64 = 1_000_000_000;

/// Go's `t.Format(layout)` (or `t.String()` when `layout` is empty) of a time read from RFC
/// 3339 text as `encoding/json` reads Helm's release times: `Z` is UTC, an offset the local
/// zone (`TZ`, else the system's) has at that instant shows that zone's abbreviation, any other
/// offset is a zone without a name (`+0530 +0530`). For `helm list`'s UPDATED column and
/// `--time-format`. `None` when `rfc3339` is not RFC 3339.
pub fn format_rfc3339(rfc3339: &str, layout: &str) -> Option<String> {
    let t = parse_in_location("2006-01-02T15:04:05Z07:00", rfc3339, &Location::local()).ok()?;
    Some(if layout.is_empty() {
        t.go_string()
    } else {
        format(&t, layout)
    })
}

/// A Go `*time.Location`.
#[derive(Debug)]
pub(crate) struct Location {
    kind: LocationKind,
}

#[derive(Debug)]
enum LocationKind {
    Utc,
    Zone(TimeZone),
    Fixed { abbrev: String, offset: i32 },
}

static UTC: LazyLock<Arc<Location>> = LazyLock::new(|| {
    Arc::new(Location {
        kind: LocationKind::Utc,
    })
});

static LOCAL: LazyLock<Arc<Location>> = LazyLock::new(|| {
    // Go reads TZ once: unset means /etc/localtime, empty means UTC.
    let kind = match std::env::var_os("TZ") {
        Some(tz) if tz.is_empty() => LocationKind::Utc,
        _ => TimeZone::try_system().map_or(LocationKind::Utc, LocationKind::Zone),
    };
    Arc::new(Location { kind })
});

/// The process start, standing in for Go's monotonic clock origin.
static START: LazyLock<Instant> = LazyLock::new(Instant::now);

impl Location {
    pub(crate) fn utc() -> Arc<Location> {
        UTC.clone()
    }

    pub(crate) fn local() -> Arc<Location> {
        LOCAL.clone()
    }

    /// `time.FixedZone(name, offset)`.
    pub(crate) fn fixed(name: &str, offset: i32) -> Arc<Location> {
        Arc::new(Location {
            kind: LocationKind::Fixed {
                abbrev: name.to_owned(),
                offset,
            },
        })
    }

    /// `time.LoadLocation`: `""` and `UTC` are UTC, `Local` is the process zone, anything
    /// else an IANA name spelled exactly as in the zone database.
    pub(crate) fn load(name: &str) -> Option<Arc<Location>> {
        match name {
            "" | "UTC" => return Some(Location::utc()),
            "Local" => return Some(Location::local()),
            _ => {}
        }
        if name.contains("..") || name.starts_with('/') || name.starts_with('\\') {
            return None;
        }
        let tz = TimeZone::get(name).ok()?;
        // jiff looks names up without regard to case; Go opens a file by that name.
        if tz.iana_name() != Some(name) {
            return None;
        }
        Some(Arc::new(Location {
            kind: LocationKind::Zone(tz),
        }))
    }

    /// The zone abbreviation and offset east of UTC in force at `unix`.
    pub(crate) fn lookup(&self, unix: i64) -> (String, i32) {
        match &self.kind {
            LocationKind::Utc => ("UTC".to_owned(), 0),
            LocationKind::Fixed { abbrev, offset } => (abbrev.clone(), *offset),
            LocationKind::Zone(tz) => {
                let ts = jiff::Timestamp::from_second(unix).unwrap_or(if unix < 0 {
                    jiff::Timestamp::MIN
                } else {
                    jiff::Timestamp::MAX
                });
                let info = tz.to_offset_info(ts);
                (info.abbreviation().to_owned(), info.offset().seconds())
            }
        }
    }

    /// The offset a zone with this abbreviation has near `unix`, if the location uses it
    /// (Go's `Location.lookupName`).
    pub(crate) fn lookup_name(&self, name: &str, unix: i64) -> Option<i32> {
        // Go first tries the zone in force at the instant, then any zone of the location;
        // probing the half-years around the instant covers standard and daylight time.
        for probe in [0, -183 * 86_400, 183 * 86_400] {
            let (abbrev, offset) = self.lookup(unix - i64::from(self.lookup(unix).1) + probe);
            if abbrev == name {
                return Some(offset);
            }
        }
        None
    }
}

/// A Go `time.Time`: an instant, the location it is shown in, and maybe a monotonic
/// clock reading (only times from `now`, and what `dateModify` derives from them, have one).
#[derive(Clone, Debug)]
pub(crate) struct Time {
    /// Seconds since the Unix epoch.
    pub(crate) unix: i64,
    /// Nanoseconds within the second, 0..1e9.
    pub(crate) nsec: u32,
    pub(crate) loc: Arc<Location>,
    /// Nanoseconds since process start.
    mono: Option<i64>,
}

/// Go's zero `time.Time`: January 1, year 1, 00:00:00 UTC.
const ZERO_UNIX: i64 = -62_135_596_800;

impl Time {
    pub(crate) fn new(unix: i64, nsec: u32, loc: Arc<Location>) -> Time {
        Time {
            unix,
            nsec,
            loc,
            mono: None,
        }
    }

    /// `time.Now()`, in Local, with a monotonic reading.
    pub(crate) fn now() -> Time {
        let start = *START;
        let since = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap_or_default();
        let mono = i64::try_from(start.elapsed().as_nanos()).unwrap_or(i64::MAX);
        Time {
            unix: i64::try_from(since.as_secs()).unwrap_or(i64::MAX),
            nsec: since.subsec_nanos(),
            loc: Location::local(),
            mono: Some(mono),
        }
    }

    /// `time.Unix(sec, 0)`, in Local.
    pub(crate) fn from_unix(sec: i64) -> Time {
        Time::new(sec, 0, Location::local())
    }

    /// The zero time.
    pub(crate) fn zero() -> Time {
        Time::new(ZERO_UNIX, 0, Location::utc())
    }

    /// `t.In(loc)` (drops the monotonic reading, as Go does).
    pub(crate) fn in_location(&self, loc: Arc<Location>) -> Time {
        Time::new(self.unix, self.nsec, loc)
    }

    fn total_nanos(&self) -> i128 {
        i128::from(self.unix) * i128::from(NANOS_PER_SEC) + i128::from(self.nsec)
    }

    fn from_total_nanos(total: i128, loc: Arc<Location>, mono: Option<i64>) -> Time {
        let unix = total.div_euclid(i128::from(NANOS_PER_SEC));
        let nsec = total.rem_euclid(i128::from(NANOS_PER_SEC));
        Time {
            unix: i64::try_from(unix).unwrap_or(if unix < 0 { i64::MIN } else { i64::MAX }),
            nsec: nsec as u32,
            loc,
            mono,
        }
    }

    /// `t.Add(d)`.
    pub(crate) fn add(&self, d: i64) -> Time {
        let mono = self.mono.and_then(|m| m.checked_add(d));
        Time::from_total_nanos(self.total_nanos() + i128::from(d), self.loc.clone(), mono)
    }

    /// `t.Sub(u)`, saturating as Go does.
    pub(crate) fn sub(&self, other: &Time) -> i64 {
        let d = match (self.mono, other.mono) {
            (Some(a), Some(b)) => i128::from(a) - i128::from(b),
            _ => self.total_nanos() - other.total_nanos(),
        };
        i64::try_from(d).unwrap_or(if d < 0 { i64::MIN } else { i64::MAX })
    }

    /// `time.Since(t)`.
    pub(crate) fn since(&self) -> i64 {
        Time::now().sub(self)
    }

    /// Seconds east of UTC and the zone abbreviation in force.
    pub(crate) fn zone(&self) -> (String, i32) {
        self.loc.lookup(self.unix)
    }

    /// Local wall-clock seconds since the epoch (Unix seconds plus the offset).
    fn local_secs(&self) -> i64 {
        self.unix.saturating_add(i64::from(self.zone().1))
    }

    /// (year, month, day, hour, minute, second, weekday with Sunday=0, day of year from 1).
    pub(crate) fn civil(&self) -> Civil {
        Civil::from_local_secs(self.local_secs())
    }

    /// Go's `Time.String()`.
    pub(crate) fn go_string(&self) -> String {
        let mut s = format(self, "2006-01-02 15:04:05.999999999 -0700 MST");
        if let Some(m) = self.mono {
            let sign = if m < 0 { '-' } else { '+' };
            let m = m.unsigned_abs();
            let _ = write!(s, " m={sign}{}.{:09}", m / 1_000_000_000, m % 1_000_000_000);
        }
        s
    }
}

/// Broken-down local time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Civil {
    pub(crate) year: i64,
    pub(crate) month: u32,
    pub(crate) day: u32,
    pub(crate) hour: u32,
    pub(crate) minute: u32,
    pub(crate) second: u32,
    pub(crate) weekday: u32,
    pub(crate) yday: u32,
}

impl Civil {
    fn from_local_secs(secs: i64) -> Civil {
        let days = secs.div_euclid(86_400);
        let sod = secs.rem_euclid(86_400) as u32;
        let (year, month, day) = civil_from_days(days);
        Civil {
            year,
            month,
            day,
            hour: sod / 3600,
            minute: sod / 60 % 60,
            second: sod % 60,
            weekday: (days + 4).rem_euclid(7) as u32,
            yday: (days - days_from_civil(year, 1, 1) + 1) as u32,
        }
    }
}

pub(crate) fn is_leap(year: i64) -> bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
}

pub(crate) fn days_in(month: u32, year: i64) -> u32 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// `time.Date(...)` in `loc`: a wall-clock time resolved to an instant as Go resolves it.
pub(crate) fn date(civil_secs: i64, nsec: u32, loc: Arc<Location>) -> Time {
    let (_, off1) = loc.lookup(civil_secs);
    let mut unix = civil_secs;
    if off1 != 0 {
        let utc = civil_secs - i64::from(off1);
        let (_, off2) = loc.lookup(utc);
        unix -= i64::from(off2);
    }
    Time::new(unix, nsec, loc)
}

/// Go's `Duration.String()`.
pub(crate) fn duration_string(d: i64) -> String {
    if d == 0 {
        return "0s".to_owned();
    }
    let mut u = d.unsigned_abs();
    let neg = d < 0;
    let mut out = String::new();
    if u < 1_000_000_000 {
        let (unit, prec) = if u < 1_000 {
            ("ns", 0)
        } else if u < 1_000_000 {
            ("\u{b5}s", 3)
        } else {
            ("ms", 6)
        };
        out.push_str(unit);
        let frac = frac_digits(&mut u, prec);
        out.insert_str(0, &std::format!("{u}{frac}"));
    } else {
        let frac = frac_digits(&mut u, 9);
        let _ = write!(out, "{}{frac}s", u % 60);
        u /= 60;
        if u > 0 {
            out.insert_str(0, &std::format!("{}m", u % 60));
            u /= 60;
            if u > 0 {
                out.insert_str(0, &std::format!("{u}h"));
            }
        }
    }
    if neg {
        out.insert(0, '-');
    }
    out
}

/// Splits off `prec` fractional digits of `u` (divided by 10^prec), trimmed of trailing
/// zeros, as `.ddd` or "".
fn frac_digits(u: &mut u64, prec: u32) -> String {
    let scale = 10u64.pow(prec);
    let frac = *u % scale;
    *u /= scale;
    if frac == 0 {
        return String::new();
    }
    let digits = std::format!("{frac:0width$}", width = prec as usize);
    std::format!(".{}", digits.trim_end_matches('0'))
}

/// Go's `Duration.Round(m)`.
pub(crate) fn duration_round(d: i64, m: i64) -> i64 {
    if m <= 0 {
        return d;
    }
    let mut r = d % m;
    let less_than_half = |x: i64| (x as u64).wrapping_add(x as u64) < m as u64;
    if d < 0 {
        r = -r;
        if less_than_half(r) {
            return d + r;
        }
        return d.checked_sub(m - r).unwrap_or(i64::MIN);
    }
    if less_than_half(r) {
        return d - r;
    }
    d.checked_add(m - r).unwrap_or(i64::MAX)
}

/// Go's `time.ParseDuration`, with its error texts.
#[expect(
    clippy::many_single_char_names,
    reason = "the names of Go's ParseDuration, which this follows step by step"
)]
pub(crate) fn parse_duration(orig: &str) -> Result<i64, String> {
    let invalid = || std::format!("time: invalid duration {}", layout::quote(orig));
    let mut s = orig.as_bytes();
    let mut neg = false;
    if let Some(&c) = s.first()
        && (c == b'-' || c == b'+')
    {
        neg = c == b'-';
        s = &s[1..];
    }
    if s == b"0" {
        return Ok(0);
    }
    if s.is_empty() {
        return Err(invalid());
    }
    let mut total: u64 = 0;
    while !s.is_empty() {
        if !(s[0] == b'.' || s[0].is_ascii_digit()) {
            return Err(invalid());
        }
        let digits = s.iter().take_while(|b| b.is_ascii_digit()).count();
        let mut v: u64 = 0;
        for &c in &s[..digits] {
            if v > (1 << 63) / 10 {
                return Err(invalid());
            }
            v = v * 10 + u64::from(c - b'0');
            if v > 1 << 63 {
                return Err(invalid());
            }
        }
        s = &s[digits..];
        let pre = digits > 0;
        let (mut f, mut scale, mut post) = (0u64, 1f64, false);
        if s.first() == Some(&b'.') {
            s = &s[1..];
            let n = s.iter().take_while(|b| b.is_ascii_digit()).count();
            let mut overflow = false;
            for &c in &s[..n] {
                if overflow {
                    continue;
                }
                if f > ((1u64 << 63) - 1) / 10 {
                    overflow = true;
                    continue;
                }
                let y = f * 10 + u64::from(c - b'0');
                if y > 1 << 63 {
                    overflow = true;
                    continue;
                }
                f = y;
                scale *= 10.0;
            }
            post = n > 0;
            s = &s[n..];
        }
        if !pre && !post {
            return Err(invalid());
        }
        let unit_len = s
            .iter()
            .take_while(|&&c| !(c == b'.' || c.is_ascii_digit()))
            .count();
        if unit_len == 0 {
            return Err(std::format!(
                "time: missing unit in duration {}",
                layout::quote(orig)
            ));
        }
        let unit_text = String::from_utf8_lossy(&s[..unit_len]).into_owned();
        s = &s[unit_len..];
        let unit: u64 = match unit_text.as_str() {
            "ns" => 1,
            "us" | "\u{b5}s" | "\u{3bc}s" => 1_000,
            "ms" => 1_000_000,
            "s" => 1_000_000_000,
            "m" => 60_000_000_000,
            "h" => 3_600_000_000_000,
            _ => {
                return Err(std::format!(
                    "time: unknown unit {} in duration {}",
                    layout::quote(&unit_text),
                    layout::quote(orig)
                ));
            }
        };
        if v > (1 << 63) / unit {
            return Err(invalid());
        }
        v *= unit;
        if f > 0 {
            v += (f as f64 * (unit as f64 / scale)) as u64;
            if v > 1 << 63 {
                return Err(invalid());
            }
        }
        total += v;
        if total > 1 << 63 {
            return Err(invalid());
        }
    }
    if neg {
        return Ok((total as i64).wrapping_neg());
    }
    if total > (1 << 63) - 1 {
        return Err(invalid());
    }
    Ok(total as i64)
}

/// A Go value printed through a `String()` method (`time.Month`, `time.Weekday`,
/// `time.Duration`), which are integers underneath.
#[derive(Debug)]
struct Stringer {
    type_name: &'static str,
    text: String,
    number: i64,
}

impl Object for Stringer {
    fn type_name(&self) -> &str {
        self.type_name
    }

    fn kind_name(&self) -> &'static str {
        if self.type_name == "time.Duration" {
            "int64"
        } else {
            "int"
        }
    }

    fn member(&self, name: &str) -> Option<Member> {
        (name == "String"
            || (self.type_name == "time.Duration"
                && matches!(
                    name,
                    "Hours"
                        | "Minutes"
                        | "Seconds"
                        | "Milliseconds"
                        | "Microseconds"
                        | "Nanoseconds"
                )))
        .then_some(Member::Method)
    }

    fn underlying(&self) -> Option<Underlying> {
        // time.Duration is an int64, time.Month and time.Weekday are ints.
        Some(Underlying::Value(if self.type_name == "time.Duration" {
            Value::Int64(self.number)
        } else {
            Value::Int(self.number)
        }))
    }

    fn call_method(&self, name: &str, _args: &[Value]) -> Result<Value, String> {
        let d = self.number;
        Ok(match name {
            "String" => Value::from(self.text.clone()),
            "Hours" => Value::Float(d as f64 / 3.6e12),
            "Minutes" => Value::Float(d as f64 / 6e10),
            "Seconds" => Value::Float(d as f64 / 1e9),
            "Milliseconds" => Value::Int64(d / 1_000_000),
            "Microseconds" => Value::Int64(d / 1_000),
            "Nanoseconds" => Value::Int64(d),
            _ => return Err(std::format!("can't call method {name}")),
        })
    }

    fn is_true(&self) -> bool {
        self.number != 0
    }

    fn go_string(&self) -> String {
        self.text.clone()
    }

    fn to_data(&self) -> Value {
        if self.type_name == "time.Duration" {
            Value::Int64(self.number)
        } else {
            Value::Int(self.number)
        }
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}

fn duration_value(d: i64) -> Value {
    Value::Object(Arc::new(Stringer {
        type_name: "time.Duration",
        text: duration_string(d),
        number: d,
    }))
}

const MONTHS: [&str; 12] = [
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
const WEEKDAYS: [&str; 7] = [
    "Sunday",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
];

/// A `time.Time` as templates see it.
#[derive(Debug)]
pub(crate) struct TimeObject(pub(crate) Time);

pub(crate) fn time_value(t: Time) -> Value {
    Value::Object(Arc::new(TimeObject(t)))
}

/// The `time.Time` inside a value, if it holds one.
pub(crate) fn as_time(v: &Value) -> Option<&Time> {
    match v {
        Value::Object(o) => o.as_any().downcast_ref::<TimeObject>().map(|t| &t.0),
        _ => None,
    }
}

/// A `time.Time` parameter: Go's executor refuses any other type.
fn time_arg(v: Option<&Value>) -> Result<&Time, String> {
    match v {
        Some(v) => as_time(v).ok_or_else(|| {
            if v.is_nil() {
                "invalid value; expected time.Time".to_owned()
            } else {
                std::format!(
                    "wrong type for value; expected time.Time; got {}",
                    v.type_name()
                )
            }
        }),
        None => Err("invalid value; expected time.Time".to_owned()),
    }
}

fn int_arg(v: Option<&Value>) -> Result<i64, String> {
    match v {
        Some(Value::Int(i) | Value::Int64(i)) => Ok(*i),
        Some(Value::Object(o)) if o.type_name() == "time.Duration" => match o.to_data() {
            Value::Int64(i) => Ok(i),
            _ => Err("wrong type for value; expected time.Duration".to_owned()),
        },
        Some(other) => Err(std::format!(
            "wrong type for value; expected int64; got {}",
            other.type_name()
        )),
        None => Err("wrong number of args".to_owned()),
    }
}

const TIME_METHODS: &[(&str, usize)] = &[
    ("Unix", 0),
    ("UnixMilli", 0),
    ("UnixMicro", 0),
    ("UnixNano", 0),
    ("Year", 0),
    ("Month", 0),
    ("Day", 0),
    ("Hour", 0),
    ("Minute", 0),
    ("Second", 0),
    ("Nanosecond", 0),
    ("YearDay", 0),
    ("Weekday", 0),
    ("IsZero", 0),
    ("UTC", 0),
    ("Local", 0),
    ("String", 0),
    ("Format", 1),
    ("Add", 1),
    ("AddDate", 3),
    ("Sub", 1),
    ("Before", 1),
    ("After", 1),
    ("Equal", 1),
    ("Compare", 1),
    ("Truncate", 1),
    ("Round", 1),
];

/// The Go parameter types of `time.Time`'s methods, for
/// [`rudder_gotmpl::Templates::with_method_signature`]: `(type name, method, signature)`.
pub(crate) fn method_signatures() -> Vec<(&'static str, &'static str, Signature)> {
    const DURATION: ArgType = ArgType::NamedInt64("time.Duration");
    TIME_METHODS
        .iter()
        .map(|(method, _)| {
            let params: &[ArgType] = match *method {
                "Format" => &[ArgType::String],
                "Add" | "Truncate" | "Round" => &[DURATION],
                "AddDate" => &[ArgType::Int, ArgType::Int, ArgType::Int],
                "Sub" | "Before" | "After" | "Equal" | "Compare" => &[ArgType::Host("time.Time")],
                _ => &[],
            };
            ("time.Time", *method, Signature::fixed(params))
        })
        .collect()
}

impl Object for TimeObject {
    fn type_name(&self) -> &'static str {
        "time.Time"
    }

    fn member(&self, name: &str) -> Option<Member> {
        TIME_METHODS
            .iter()
            .any(|(m, _)| *m == name)
            .then_some(Member::Method)
    }

    fn method_arity(&self, name: &str) -> (usize, bool) {
        let n = TIME_METHODS
            .iter()
            .find(|(m, _)| *m == name)
            .map_or(0, |(_, n)| *n);
        (n, false)
    }

    fn call_method(&self, name: &str, args: &[Value]) -> Result<Value, String> {
        let t = &self.0;
        let civil = || t.civil();
        let total = t.total_nanos();
        Ok(match name {
            "Unix" => Value::Int64(t.unix),
            "UnixMilli" => Value::Int64((total / 1_000_000) as i64),
            "UnixMicro" => Value::Int64((total / 1_000) as i64),
            "UnixNano" => Value::Int64(total as i64),
            "Year" => Value::Int(civil().year),
            "Month" => {
                let m = civil().month;
                Value::Object(Arc::new(Stringer {
                    type_name: "time.Month",
                    text: MONTHS[(m - 1) as usize].to_owned(),
                    number: i64::from(m),
                }))
            }
            "Day" => Value::Int(i64::from(civil().day)),
            "Hour" => Value::Int(i64::from(civil().hour)),
            "Minute" => Value::Int(i64::from(civil().minute)),
            "Second" => Value::Int(i64::from(civil().second)),
            "Nanosecond" => Value::Int(i64::from(t.nsec)),
            "YearDay" => Value::Int(i64::from(civil().yday)),
            "Weekday" => {
                let w = civil().weekday;
                Value::Object(Arc::new(Stringer {
                    type_name: "time.Weekday",
                    text: WEEKDAYS[w as usize].to_owned(),
                    number: i64::from(w),
                }))
            }
            "IsZero" => Value::Bool(t.unix == ZERO_UNIX && t.nsec == 0),
            "UTC" => time_value(t.in_location(Location::utc())),
            "Local" => time_value(t.in_location(Location::local())),
            "String" => Value::from(t.go_string()),
            "Format" => match args.first() {
                Some(Value::String(layout)) => Value::from(format(t, layout)),
                Some(other) => {
                    return Err(std::format!(
                        "wrong type for value; expected string; got {}",
                        other.type_name()
                    ));
                }
                None => return Err("wrong number of args for Format: want 1 got 0".to_owned()),
            },
            "Add" => time_value(t.add(int_arg(args.first())?)),
            "AddDate" => {
                let years = int_arg(args.first())?;
                let months = int_arg(args.get(1))?;
                let days_arg = int_arg(args.get(2))?;
                let c = civil();
                let days = days_from_civil(
                    c.year + years,
                    i64::from(c.month) + months,
                    i64::from(c.day) + days_arg,
                );
                let secs = days * 86_400
                    + i64::from(c.hour) * 3600
                    + i64::from(c.minute) * 60
                    + i64::from(c.second);
                time_value(date(secs, t.nsec, t.loc.clone()))
            }
            "Sub" => duration_value(t.sub(time_arg(args.first())?)),
            "Before" => Value::Bool(total < time_arg(args.first())?.total_nanos()),
            "After" => Value::Bool(total > time_arg(args.first())?.total_nanos()),
            "Equal" => Value::Bool(total == time_arg(args.first())?.total_nanos()),
            "Compare" => Value::Int(match total.cmp(&time_arg(args.first())?.total_nanos()) {
                std::cmp::Ordering::Less => -1,
                std::cmp::Ordering::Equal => 0,
                std::cmp::Ordering::Greater => 1,
            }),
            "Truncate" | "Round" => {
                let d = i128::from(int_arg(args.first())?);
                if d <= 0 {
                    return Ok(time_value(Time::new(t.unix, t.nsec, t.loc.clone())));
                }
                // Go rounds relative to the zero time, not to the Unix epoch.
                let since_zero = total - i128::from(ZERO_UNIX) * i128::from(NANOS_PER_SEC);
                let r = since_zero.rem_euclid(d);
                let mut out = total - r;
                if name == "Round" && r + r >= d {
                    out += d;
                }
                time_value(Time::from_total_nanos(out, t.loc.clone(), None))
            }
            _ => return Err(std::format!("can't call method {name}")),
        })
    }

    fn go_string(&self) -> String {
        self.0.go_string()
    }

    fn to_data(&self) -> Value {
        // encoding/json marshals a time with RFC 3339 and nanoseconds.
        Value::from(format(&self.0, "2006-01-02T15:04:05.999999999Z07:00"))
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// The instant Sprig's `date` family reads from an `interface{}` argument: a `time.Time`,
/// Unix seconds as `int` or `int64`, and the current time for anything else.
fn time_from_any(v: Option<&Value>) -> Time {
    match v {
        Some(Value::Int(i) | Value::Int64(i)) => Time::from_unix(*i),
        Some(other) => as_time(other).cloned().unwrap_or_else(Time::now),
        None => Time::now(),
    }
}

fn date_in_zone(layout: &str, when: Option<&Value>, zone: &str) -> String {
    let loc = Location::load(zone).unwrap_or_else(Location::utc);
    format(&time_from_any(when).in_location(loc), layout)
}

fn str_arg(args: &[Value], i: usize) -> &str {
    args.get(i).and_then(Value::as_str).unwrap_or("")
}

fn insert(map: &mut FuncMap, names: &[&str], f: &Function) {
    for name in names {
        map.insert((*name).to_owned(), f.clone());
    }
}

/// Sprig's `durationRound`: the largest whole unit of a duration (years of 365 days,
/// months of 30).
fn duration_round_text(d: i64) -> String {
    const SECOND: u64 = 1_000_000_000;
    const MINUTE: u64 = 60 * SECOND;
    const HOUR: u64 = 60 * MINUTE;
    const DAY: u64 = 24 * HOUR;
    const MONTH: u64 = 30 * DAY;
    const YEAR: u64 = 365 * DAY;
    let u = d.unsigned_abs();
    for (unit, suffix) in [
        (YEAR, "y"),
        (MONTH, "mo"),
        (DAY, "d"),
        (HOUR, "h"),
        (MINUTE, "m"),
        (SECOND, "s"),
    ] {
        if u > unit {
            return std::format!("{}{suffix}", u / unit);
        }
    }
    "0s".to_owned()
}

pub(crate) fn register(map: &mut FuncMap) {
    use ArgType::{Any as A, String as S};
    const T: ArgType = ArgType::Host("time.Time");
    map.insert(
        "now".to_owned(),
        Function::new(Signature::fixed(&[]), |_| Ok(time_value(Time::now()))),
    );
    map.insert(
        "date".to_owned(),
        Function::new(Signature::fixed(&[S, A]), |args| {
            Ok(Value::from(date_in_zone(
                str_arg(args, 0),
                args.get(1),
                "Local",
            )))
        }),
    );
    insert(
        map,
        &["dateInZone", "date_in_zone"],
        &Function::new(Signature::fixed(&[S, A, S]), |args| {
            Ok(Value::from(date_in_zone(
                str_arg(args, 0),
                args.get(1),
                str_arg(args, 2),
            )))
        }),
    );
    map.insert(
        "htmlDate".to_owned(),
        Function::new(Signature::fixed(&[A]), |args| {
            Ok(Value::from(date_in_zone(
                "2006-01-02",
                args.first(),
                "Local",
            )))
        }),
    );
    map.insert(
        "htmlDateInZone".to_owned(),
        Function::new(Signature::fixed(&[A, S]), |args| {
            Ok(Value::from(date_in_zone(
                "2006-01-02",
                args.first(),
                str_arg(args, 1),
            )))
        }),
    );
    insert(
        map,
        &["dateModify", "date_modify"],
        &Function::new(Signature::fixed(&[S, T]), |args| {
            let t = time_arg(args.get(1))?;
            Ok(time_value(match parse_duration(str_arg(args, 0)) {
                Ok(d) => t.add(d),
                Err(_) => t.clone(),
            }))
        }),
    );
    insert(
        map,
        &["mustDateModify", "must_date_modify"],
        &Function::new(Signature::fixed(&[S, T]), |args| {
            let t = time_arg(args.get(1))?;
            let d = parse_duration(str_arg(args, 0))?;
            Ok(time_value(t.add(d)))
        }),
    );
    map.insert(
        "ago".to_owned(),
        Function::new(Signature::fixed(&[A]), |args| {
            let t = match args.first() {
                Some(Value::Int(i) | Value::Int64(i)) => Time::from_unix(*i),
                Some(v) => as_time(v).cloned().unwrap_or_else(Time::now),
                None => Time::now(),
            };
            Ok(Value::from(duration_string(duration_round(
                t.since(),
                NANOS_PER_SEC,
            ))))
        }),
    );
    map.insert(
        "duration".to_owned(),
        Function::new(Signature::fixed(&[A]), |args| {
            let n = match args.first() {
                Some(Value::String(s)) => go_parse_int(s).unwrap_or(0),
                Some(Value::Int64(i)) => *i,
                _ => 0,
            };
            Ok(Value::from(duration_string(n.wrapping_mul(NANOS_PER_SEC))))
        }),
    );
    map.insert(
        "durationRound".to_owned(),
        Function::new(Signature::fixed(&[A]), |args| {
            let d = match args.first() {
                Some(Value::String(s)) => parse_duration(s).unwrap_or(0),
                Some(Value::Int64(i)) => *i,
                Some(v) => as_time(v).map_or(0, Time::since),
                None => 0,
            };
            Ok(Value::from(duration_round_text(d)))
        }),
    );
    map.insert(
        "toDate".to_owned(),
        Function::new(Signature::fixed(&[S, S]), |args| {
            let t = parse_in_location(str_arg(args, 0), str_arg(args, 1), &Location::local())
                .unwrap_or_else(|_| Time::zero());
            Ok(time_value(t))
        }),
    );
    map.insert(
        "mustToDate".to_owned(),
        Function::new(Signature::fixed(&[S, S]), |args| {
            let t = parse_in_location(str_arg(args, 0), str_arg(args, 1), &Location::local())?;
            Ok(time_value(t))
        }),
    );
    map.insert(
        "unixEpoch".to_owned(),
        Function::new(Signature::fixed(&[T]), |args| {
            Ok(Value::from(time_arg(args.first())?.unix.to_string()))
        }),
    );
}

/// `strconv.ParseInt(s, 10, 64)` as Sprig uses it, ignoring the error: an optional sign and
/// decimal digits; out-of-range values saturate, anything else is 0.
fn go_parse_int(s: &str) -> Option<i64> {
    let digits = s.strip_prefix(['+', '-']).unwrap_or(s);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some(s.parse().unwrap_or(if s.starts_with('-') {
        i64::MIN
    } else {
        i64::MAX
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(unix: i64, nsec: u32) -> Time {
        Time::new(unix, nsec, Location::utc())
    }

    #[test]
    fn prints_durations_as_go() {
        assert_eq!(duration_string(0), "0s");
        assert_eq!(duration_string(3_723_500_000_000), "1h2m3.5s");
        assert_eq!(duration_string(-60_000_000_000), "-1m0s");
        assert_eq!(duration_string(1_500), "1.5\u{b5}s");
        assert_eq!(duration_string(2_000_000), "2ms");
        assert_eq!(duration_string(1), "1ns");
        assert_eq!(duration_string(i64::MIN), "-2562047h47m16.854775808s");
    }

    #[test]
    fn parses_durations_as_go() {
        assert_eq!(parse_duration("1h30m"), Ok(5_400_000_000_000));
        assert_eq!(parse_duration("-1.5h"), Ok(-5_400_000_000_000));
        assert_eq!(parse_duration(".5s"), Ok(500_000_000));
        assert_eq!(parse_duration("0"), Ok(0));
        assert_eq!(parse_duration("1µs"), Ok(1_000));
        assert_eq!(
            parse_duration("1").unwrap_err(),
            "time: missing unit in duration \"1\""
        );
        assert_eq!(
            parse_duration("1d").unwrap_err(),
            "time: unknown unit \"d\" in duration \"1d\""
        );
        assert_eq!(
            parse_duration("").unwrap_err(),
            "time: invalid duration \"\""
        );
    }

    #[test]
    fn rounds_durations() {
        assert_eq!(duration_round(1_499_999_999, NANOS_PER_SEC), NANOS_PER_SEC);
        assert_eq!(
            duration_round(1_500_000_000, NANOS_PER_SEC),
            2 * NANOS_PER_SEC
        );
        assert_eq!(
            duration_round(-1_500_000_000, NANOS_PER_SEC),
            -2 * NANOS_PER_SEC
        );
        assert_eq!(duration_round_text(3_700 * NANOS_PER_SEC), "1h");
        assert_eq!(duration_round_text(-(40 * 86_400) * NANOS_PER_SEC), "1mo");
        assert_eq!(duration_round_text(NANOS_PER_SEC), "0s");
    }

    #[test]
    fn converts_civil_dates() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(days_from_civil(2000, 3, 1), 11_017);
        assert_eq!(civil_from_days(days_from_civil(1, 1, 1)), (1, 1, 1));
        assert_eq!(days_from_civil(1, 1, 1) * 86_400, ZERO_UNIX);
        let c = utc(1_700_000_000, 0).civil();
        assert_eq!(
            (c.year, c.month, c.day, c.hour, c.minute, c.second),
            (2023, 11, 14, 22, 13, 20)
        );
        assert_eq!((c.weekday, c.yday), (2, 318));
    }

    #[test]
    fn prints_times_as_go() {
        assert_eq!(
            utc(1_700_000_000, 5_000).go_string(),
            "2023-11-14 22:13:20.000005 +0000 UTC"
        );
        assert_eq!(Time::zero().go_string(), "0001-01-01 00:00:00 +0000 UTC");
        let ny = Location::load("America/New_York").unwrap();
        assert_eq!(
            Time::new(1_700_000_000, 0, ny).go_string(),
            "2023-11-14 17:13:20 -0500 EST"
        );
        assert!(Location::load("america/new_york").is_none());
        assert!(Location::load("Nowhere/Special").is_none());
    }

    #[test]
    fn now_has_a_monotonic_reading() {
        let text = Time::now().go_string();
        assert!(text.contains(" m=+"), "{text}");
    }

    #[test]
    fn modifies_dates() {
        let t = utc(0, 0).add(parse_duration("-1.5h").unwrap());
        assert_eq!(t.go_string(), "1969-12-31 22:30:00 +0000 UTC");
    }
}
