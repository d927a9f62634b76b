//! The part of Go's `time.Time` that release records carry: an instant with nanoseconds and the
//! UTC offset it was written in, read and written as `encoding/json` does (RFC 3339 with
//! nanoseconds, trailing zeros of the fraction trimmed, `Z` for a zero offset).

use std::fmt;

/// Seconds from 0001-01-01T00:00:00Z (Go's zero `time.Time`) to the Unix epoch.
const ZERO_UNIX: i64 = -62_135_596_800;

/// An instant as Go's `time.Time` holds it once decoded from JSON: seconds since the Unix epoch,
/// nanoseconds, and the offset from UTC of the zone it was written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Time {
    unix: i64,
    nanos: u32,
    offset: i32,
}

impl Default for Time {
    /// Go's zero time, `0001-01-01T00:00:00Z`.
    fn default() -> Self {
        Time::ZERO
    }
}

impl Time {
    /// Go's zero time, `0001-01-01T00:00:00Z`.
    pub const ZERO: Time = Time {
        unix: ZERO_UNIX,
        nanos: 0,
        offset: 0,
    };

    /// An instant from Unix seconds and nanoseconds (below 10⁹), shown at the given offset from
    /// UTC in seconds.
    pub fn from_unix(unix: i64, nanos: u32, offset: i32) -> Self {
        Time {
            unix: unix + i64::from(nanos / 1_000_000_000),
            nanos: nanos % 1_000_000_000,
            offset,
        }
    }

    /// Seconds since the Unix epoch.
    pub fn unix(self) -> i64 {
        self.unix
    }

    /// The nanoseconds within the second.
    pub fn nanos(self) -> u32 {
        self.nanos
    }

    /// The offset from UTC in seconds.
    pub fn offset(self) -> i32 {
        self.offset
    }

    /// Go's `IsZero`: the instant is 0001-01-01T00:00:00Z, whatever the offset.
    pub fn is_zero(self) -> bool {
        self.unix == ZERO_UNIX && self.nanos == 0
    }

    /// Parses RFC 3339 as Go's `Time.UnmarshalJSON` accepts it (`2006-01-02T15:04:05Z07:00`
    /// with an optional fraction after a `.`). Returns `None` when `s` is not one.
    pub fn parse_rfc3339(s: &str) -> Option<Time> {
        Time::parse_rfc3339_go(s).ok()
    }

    /// Like [`Time::parse_rfc3339`], failing with the message of Go's `time.Parse` with the
    /// `time.RFC3339` layout (`parsing time "x" as "2006-01-02T15:04:05Z07:00": cannot parse
    /// "x" as "2006"`).
    pub fn parse_rfc3339_go(s: &str) -> Result<Time, String> {
        const LAYOUT: &str = "2006-01-02T15:04:05Z07:00";
        let cannot = |rest: &str, elem: &str| {
            format!(
                "parsing time {} as {}: cannot parse {} as {}",
                go_quote(s),
                go_quote(LAYOUT),
                go_quote(rest),
                go_quote(elem)
            )
        };
        let range = |what: &str| format!("parsing time {}: {what} out of range", go_quote(s));
        let mut rest = s;
        // Each numeric element with the literal text that precedes it in the layout.
        let mut fields = [0i64; 6];
        for (i, (prefix, elem, width)) in [
            ("", "2006", 4),
            ("-", "01", 2),
            ("-", "02", 2),
            ("T", "15", 2),
            (":", "04", 2),
            (":", "05", 2),
        ]
        .into_iter()
        .enumerate()
        {
            rest = rest
                .strip_prefix(prefix)
                .ok_or_else(|| cannot(rest, prefix))?;
            let digits = rest
                .get(..width)
                .filter(|d| d.bytes().all(|b| b.is_ascii_digit()));
            let Some(digits) = digits else {
                return Err(cannot(rest, elem));
            };
            fields[i] = digits.parse().map_err(|_| cannot(rest, elem))?;
            rest = &rest[width..];
        }
        let [year, month, day, hour, minute, second] = fields;
        if !(1..=12).contains(&month) {
            return Err(range("month"));
        }
        if hour > 23 {
            return Err(range("hour"));
        }
        if minute > 59 {
            return Err(range("minute"));
        }
        if second > 59 {
            return Err(range("second"));
        }
        let mut nanos = 0u32;
        let b = rest.as_bytes();
        if b.len() >= 2 && b[0] == b'.' && b[1].is_ascii_digit() {
            let n = 1 + b[1..].iter().take_while(|c| c.is_ascii_digit()).count();
            // Go keeps nanoseconds: digits past the ninth are dropped.
            for i in 1..=9 {
                nanos = nanos * 10
                    + b.get(i)
                        .filter(|_| i < n)
                        .map_or(0, |d| u32::from(d - b'0'));
            }
            rest = &rest[n..];
        } else if b.len() >= 2 && b[0] == b',' && b[1].is_ascii_digit() {
            // time.Parse takes a comma, but the strict RFC 3339 check of UnmarshalJSON does not.
            return Err(cannot(",", "."));
        }
        let offset = if let Some(after) = rest.strip_prefix('Z') {
            rest = after;
            0
        } else {
            let z = rest.as_bytes();
            let ok = z.len() >= 6
                && matches!(z[0], b'+' | b'-')
                && z[1].is_ascii_digit()
                && z[2].is_ascii_digit()
                && z[3] == b':'
                && z[4].is_ascii_digit()
                && z[5].is_ascii_digit();
            if !ok {
                return Err(cannot(rest, "Z07:00"));
            }
            let hh = i32::from(z[1] - b'0') * 10 + i32::from(z[2] - b'0');
            let mm = i32::from(z[4] - b'0') * 10 + i32::from(z[5] - b'0');
            if hh >= 24 {
                return Err(cannot(&rest[1..3], "Z07:00"));
            }
            if mm >= 60 {
                return Err(cannot(&rest[4..6], "Z07:00"));
            }
            let off = hh * 3600 + mm * 60;
            let signed = if z[0] == b'-' { -off } else { off };
            rest = &rest[6..];
            signed
        };
        if !rest.is_empty() {
            return Err(format!(
                "parsing time {}: extra text: {}",
                go_quote(s),
                go_quote(rest)
            ));
        }
        if day < 1 || day > days_in_month(year, month) {
            return Err(range("day"));
        }
        let days = rudder_value::civil::days_from_civil(year, month, day);
        let local = days * 86_400 + hour * 3600 + minute * 60 + second;
        Ok(Time {
            unix: local - i64::from(offset),
            nanos,
            offset,
        })
    }

    /// Writes the time as Go's `time.RFC3339Nano` layout does.
    pub fn to_rfc3339_nano(self) -> String {
        self.to_string()
    }
}

impl fmt::Display for Time {
    /// Go's `time.RFC3339Nano`: `2006-01-02T15:04:05.999999999Z07:00`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let local = self.unix + i64::from(self.offset);
        let days = local.div_euclid(86_400);
        let secs = local.rem_euclid(86_400);
        let (year, month, day) = rudder_value::civil::civil_from_days(days);
        write!(
            f,
            "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}",
            secs / 3600,
            secs / 60 % 60,
            secs % 60
        )?;
        if self.nanos != 0 {
            let frac = format!("{:09}", self.nanos);
            write!(f, ".{}", frac.trim_end_matches('0'))?;
        }
        if self.offset == 0 {
            f.write_str("Z")
        } else {
            let sign = if self.offset < 0 { '-' } else { '+' };
            let off = self.offset.unsigned_abs() / 60;
            write!(f, "{sign}{:02}:{:02}", off / 60, off % 60)
        }
    }
}

/// Go's `%q` (strconv.Quote) of a string.
fn go_quote(s: &str) -> String {
    rudder_value::strconv::quote(s)
}

fn is_leap(year: i64) -> bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
}

fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zero_time_prints_as_go_does() {
        assert_eq!(Time::ZERO.to_string(), "0001-01-01T00:00:00Z");
        assert!(Time::ZERO.is_zero());
        assert_eq!(
            Time::parse_rfc3339("0001-01-01T00:00:00Z"),
            Some(Time::ZERO)
        );
    }

    #[test]
    fn fraction_trailing_zeros_are_trimmed() {
        let t = Time::parse_rfc3339("2024-02-29T23:59:58.120000000+05:30").unwrap();
        assert_eq!(t.to_string(), "2024-02-29T23:59:58.12+05:30");
        assert_eq!(t.offset(), 19_800);
        let t = Time::parse_rfc3339("2016-09-13T17:25:17.37781-06:00").unwrap();
        assert_eq!(t.to_string(), "2016-09-13T17:25:17.37781-06:00");
        assert_eq!(t.nanos(), 377_810_000);
    }

    #[test]
    fn unix_seconds_are_utc() {
        let t = Time::parse_rfc3339("1970-01-01T01:00:00+01:00").unwrap();
        assert_eq!(t.unix(), 0);
        let t = Time::from_unix(1_700_000_000, 5, 0);
        assert_eq!(t.to_string(), "2023-11-14T22:13:20.000000005Z");
        assert_eq!(Time::parse_rfc3339(&t.to_string()), Some(t));
    }

    #[test]
    fn digits_past_nanoseconds_are_dropped() {
        let t = Time::parse_rfc3339("2024-01-01T00:00:00.1234567891Z").unwrap();
        assert_eq!(t.nanos(), 123_456_789);
    }

    #[test]
    fn errors_are_go_parse_errors() {
        let err = |s: &str| Time::parse_rfc3339_go(s).unwrap_err();
        assert_eq!(
            err("x"),
            r#"parsing time "x" as "2006-01-02T15:04:05Z07:00": cannot parse "x" as "2006""#
        );
        assert_eq!(
            err("2024-01-01 00:00:00Z"),
            r#"parsing time "2024-01-01 00:00:00Z" as "2006-01-02T15:04:05Z07:00": cannot parse " 00:00:00Z" as "T""#
        );
        assert_eq!(
            err("2024-13-01T00:00:00Z"),
            r#"parsing time "2024-13-01T00:00:00Z": month out of range"#
        );
        assert_eq!(
            err("2024-01-01T00:00:00Zjunk"),
            r#"parsing time "2024-01-01T00:00:00Zjunk": extra text: "junk""#
        );
        assert_eq!(
            err("2024-01-01T00:00:00"),
            r#"parsing time "2024-01-01T00:00:00" as "2006-01-02T15:04:05Z07:00": cannot parse "" as "Z07:00""#
        );
    }

    #[test]
    fn invalid_times_are_rejected() {
        for s in [
            "",
            "2024-02-30T00:00:00Z",
            "2024-01-01 00:00:00Z",
            "2024-01-01T00:00:00",
            "2024-01-01T24:00:00Z",
            "2024-01-01T00:00:00.Z",
            "2024-01-01T00:00:00,5Z",
            "2024-01-01T00:00:00+0100",
        ] {
            assert_eq!(Time::parse_rfc3339(s), None, "{s}");
        }
    }
}
