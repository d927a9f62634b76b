//! Timestamps as Go's `time.Time` marshals them (RFC 3339 with up to nine fractional digits,
//! trailing zeros dropped).

use std::time::{SystemTime, UNIX_EPOCH};

/// A timestamp as written by Go's `MarshalJSON`: trailing fractional zeros dropped; the zero
/// time for an empty one.
pub fn go_time(s: &str) -> String {
    if s.is_empty() {
        return "0001-01-01T00:00:00Z".to_owned();
    }
    if let Some(dot) = s.find('.') {
        let rest = &s[dot + 1..];
        let digits = rest.chars().take_while(char::is_ascii_digit).count();
        let frac = rest[..digits].trim_end_matches('0');
        let zone = &rest[digits..];
        if frac.is_empty() {
            return format!("{}{zone}", &s[..dot]);
        }
        return format!("{}.{frac}{zone}", &s[..dot]);
    }
    s.to_owned()
}

/// `t` in UTC as Go's `RFC3339Nano` layout prints it.
pub fn format_utc(t: SystemTime) -> String {
    let d = t.duration_since(UNIX_EPOCH).unwrap_or_default();
    let secs = d.as_secs() as i64;
    let nanos = d.subsec_nanos();
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    let (y, m, day) = rudder_value::civil::civil_from_days(days);
    let base = format!(
        "{y:04}-{m:02}-{day:02}T{:02}:{:02}:{:02}",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    );
    if nanos == 0 {
        format!("{base}Z")
    } else {
        let frac = format!("{nanos:09}");
        format!("{base}.{}Z", frac.trim_end_matches('0'))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn formats_like_rfc3339nano() {
        let t = UNIX_EPOCH + Duration::new(1_700_000_000, 120_000_000);
        assert_eq!(format_utc(t), "2023-11-14T22:13:20.12Z");
        assert_eq!(format_utc(UNIX_EPOCH), "1970-01-01T00:00:00Z");
    }

    #[test]
    fn trims_fraction_zeros() {
        assert_eq!(
            go_time("2024-01-02T03:04:05.000+01:00"),
            "2024-01-02T03:04:05+01:00"
        );
        assert_eq!(go_time(""), "0001-01-01T00:00:00Z");
    }
}
