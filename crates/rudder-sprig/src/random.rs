//! Sprig's random strings and numbers: `randAlphaNum`, `randAlpha`, `randNumeric`,
//! `randAscii` (goutils' crypto-random strings), `randInt` (math/rand) and `shuffle`
//! (xstrings: a Fisher-Yates shuffle of the runes).

use rand::RngExt as _;
use rudder_gotmpl::{ArgType, FuncMap, Function, Signature};
use rudder_value::Value;

const LETTERS: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const DIGITS: &[u8] = b"0123456789";

/// `count` characters drawn uniformly from `set`; "" for a count of zero or less, as
/// goutils returns for its errors.
fn random_string(count: i64, set: &[u8]) -> String {
    let Ok(count) = usize::try_from(count) else {
        return String::new();
    };
    let mut rng = rand::rng();
    (0..count)
        .map(|_| char::from(set[rng.random_range(0..set.len())]))
        .collect()
}

fn alphanumeric() -> Vec<u8> {
    [LETTERS, DIGITS].concat()
}

fn ascii() -> Vec<u8> {
    (32u8..127).collect()
}

fn count_arg(args: &[Value]) -> i64 {
    match args.first() {
        Some(Value::Int(n) | Value::Int64(n)) => *n,
        _ => 0,
    }
}

/// xstrings' `Shuffle`.
pub(crate) fn shuffle(s: &str) -> String {
    let mut chars: Vec<char> = s.chars().collect();
    let mut rng = rand::rng();
    for i in (1..chars.len()).rev() {
        let j = rng.random_range(0..=i);
        chars.swap(i, j);
    }
    chars.into_iter().collect()
}

pub(crate) fn register(map: &mut FuncMap) {
    let int = || Signature::fixed(&[ArgType::Int]);
    map.insert(
        "randAlphaNum".to_owned(),
        Function::new(int(), |a| {
            Ok(Value::from(random_string(count_arg(a), &alphanumeric())))
        }),
    );
    map.insert(
        "randAlpha".to_owned(),
        Function::new(int(), |a| {
            Ok(Value::from(random_string(count_arg(a), LETTERS)))
        }),
    );
    map.insert(
        "randNumeric".to_owned(),
        Function::new(int(), |a| {
            Ok(Value::from(random_string(count_arg(a), DIGITS)))
        }),
    );
    map.insert(
        "randAscii".to_owned(),
        Function::new(int(), |a| {
            Ok(Value::from(random_string(count_arg(a), &ascii())))
        }),
    );
    map.insert(
        "randInt".to_owned(),
        Function::new(Signature::fixed(&[ArgType::Int, ArgType::Int]), |a| {
            let min = count_arg(a);
            let max = match a.get(1) {
                Some(Value::Int(n) | Value::Int64(n)) => *n,
                _ => 0,
            };
            // math/rand's Intn panics on a non-positive bound; the template engine reports
            // the panic as the call's error.
            match max.checked_sub(min) {
                Some(span) if span > 0 => Ok(Value::Int(rand::rng().random_range(0..span) + min)),
                _ => Err("invalid argument to Intn".into()),
            }
        }),
    );
    map.insert(
        "shuffle".to_owned(),
        Function::new(Signature::fixed(&[ArgType::String]), |a| {
            Ok(Value::from(shuffle(
                a.first().and_then(Value::as_str).unwrap_or(""),
            )))
        }),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn draws_from_the_right_sets() {
        for _ in 0..20 {
            let s = random_string(64, &alphanumeric());
            assert_eq!(s.len(), 64);
            assert!(s.bytes().all(|b| b.is_ascii_alphanumeric()), "{s}");
            assert!(
                random_string(32, LETTERS)
                    .bytes()
                    .all(|b| b.is_ascii_alphabetic())
            );
            assert!(
                random_string(32, DIGITS)
                    .bytes()
                    .all(|b| b.is_ascii_digit())
            );
            assert!(
                random_string(32, &ascii())
                    .bytes()
                    .all(|b| (32..127).contains(&b))
            );
        }
        assert_eq!(random_string(0, LETTERS), "");
        assert_eq!(random_string(-3, LETTERS), "");
    }

    #[test]
    fn uses_every_character_eventually() {
        let s = random_string(20_000, &ascii());
        for c in 32u8..127 {
            assert!(s.as_bytes().contains(&c), "missing {c}");
        }
    }

    #[test]
    fn shuffles_runes() {
        let s = "héllo wörld ✓";
        let out = shuffle(s);
        let mut a: Vec<char> = s.chars().collect();
        let mut b: Vec<char> = out.chars().collect();
        a.sort_unstable();
        b.sort_unstable();
        assert_eq!(a, b);
        assert_eq!(shuffle(""), "");
    }
}
