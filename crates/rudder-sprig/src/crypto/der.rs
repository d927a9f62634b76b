//! The few DER encodings X.509 certificates and private keys need, written as Go's
//! `encoding/asn1` writes them.

/// A tag-length-value with `content`.
pub(crate) fn tlv(tag: u8, content: &[u8]) -> Vec<u8> {
    let mut out = vec![tag];
    let len = content.len();
    if len < 0x80 {
        out.push(len as u8);
    } else {
        let bytes = len.to_be_bytes();
        let skip = bytes.iter().take_while(|&&b| b == 0).count();
        out.push(0x80 | (bytes.len() - skip) as u8);
        out.extend_from_slice(&bytes[skip..]);
    }
    out.extend_from_slice(content);
    out
}

/// SEQUENCE of already encoded parts.
pub(crate) fn seq(parts: &[Vec<u8>]) -> Vec<u8> {
    tlv(0x30, &parts.concat())
}

/// SET of already encoded parts (one element: no sorting needed).
pub(crate) fn set(parts: &[Vec<u8>]) -> Vec<u8> {
    tlv(0x31, &parts.concat())
}

/// INTEGER from an unsigned big-endian magnitude.
pub(crate) fn uint(bytes: &[u8]) -> Vec<u8> {
    let skip = bytes.iter().take_while(|&&b| b == 0).count();
    let digits = &bytes[skip..];
    let mut content = Vec::with_capacity(digits.len() + 1);
    if digits.first().is_none_or(|&b| b & 0x80 != 0) {
        content.push(0);
    }
    content.extend_from_slice(digits);
    tlv(0x02, &content)
}

/// INTEGER from a small non-negative number.
pub(crate) fn small_uint(n: u64) -> Vec<u8> {
    uint(&n.to_be_bytes())
}

/// OBJECT IDENTIFIER
pub(crate) fn oid(arcs: &[u64]) -> Vec<u8> {
    let mut content = Vec::new();
    let mut push_base128 = |mut n: u64| {
        let mut chunk = vec![(n & 0x7f) as u8];
        n >>= 7;
        while n > 0 {
            chunk.push(0x80 | (n & 0x7f) as u8);
            n >>= 7;
        }
        chunk.reverse();
        content.extend_from_slice(&chunk);
    };
    push_base128(arcs[0] * 40 + arcs[1]);
    for &arc in &arcs[2..] {
        push_base128(arc);
    }
    tlv(0x06, &content)
}

/// NULL
pub(crate) fn null() -> Vec<u8> {
    vec![0x05, 0x00]
}

/// BOOLEAN TRUE
pub(crate) fn bool_true() -> Vec<u8> {
    vec![0x01, 0x01, 0xff]
}

/// BIT STRING of whole bytes.
pub(crate) fn bit_string(bytes: &[u8]) -> Vec<u8> {
    let mut content = vec![0];
    content.extend_from_slice(bytes);
    tlv(0x03, &content)
}

/// OCTET STRING
pub(crate) fn octets(bytes: &[u8]) -> Vec<u8> {
    tlv(0x04, bytes)
}

/// A string as Go's `asn1.Marshal` tags it: PrintableString when every character allows
/// it, UTF8String otherwise.
pub(crate) fn go_string(s: &str) -> Vec<u8> {
    let printable = s
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b" '()+,-./:=?*&".contains(&b));
    tlv(if printable { 0x13 } else { 0x0c }, s.as_bytes())
}

/// UTCTime for 1950..2049, GeneralizedTime otherwise, from Unix seconds (UTC).
pub(crate) fn time(unix: i64) -> Vec<u8> {
    let t = crate::dates::Time::new(unix, 0, crate::dates::Location::utc());
    let year = t.civil().year;
    if (1950..2050).contains(&year) {
        tlv(0x17, crate::dates::format(&t, "060102150405Z").as_bytes())
    } else {
        tlv(0x18, crate::dates::format(&t, "20060102150405Z").as_bytes())
    }
}

/// A minimal DER reader: the tag, content and rest of the next element.
pub(crate) fn read(input: &[u8]) -> Option<(u8, &[u8], &[u8])> {
    let (&tag, rest) = input.split_first()?;
    let (&first, rest) = rest.split_first()?;
    let (len, rest) = if first < 0x80 {
        (usize::from(first), rest)
    } else {
        let n = usize::from(first & 0x7f);
        if n == 0 || n > 4 || rest.len() < n {
            return None;
        }
        let len = rest[..n]
            .iter()
            .fold(0usize, |acc, &b| acc << 8 | usize::from(b));
        (len, &rest[n..])
    };
    if rest.len() < len {
        return None;
    }
    Some((tag, &rest[..len], &rest[len..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodes_like_go() {
        assert_eq!(
            oid(&[1, 2, 840, 113_549, 1, 1, 11]),
            [
                0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0b
            ]
        );
        assert_eq!(uint(&[0x00, 0x80]), [0x02, 0x02, 0x00, 0x80]);
        assert_eq!(small_uint(0), [0x02, 0x01, 0x00]);
        assert_eq!(tlv(0x04, &[0; 200])[..3], [0x04, 0x81, 200]);
        assert_eq!(go_string("a_b")[0], 0x0c);
        assert_eq!(go_string("example.com")[0], 0x13);
        assert_eq!(time(0), tlv(0x17, b"700101000000Z"));
        assert_eq!(time(2_524_608_000), tlv(0x18, b"20500101000000Z"));
        let (tag, content, rest) = read(&[0x30, 0x01, 0x05, 0xff]).unwrap();
        assert_eq!((tag, content, rest), (0x30, &[0x05][..], &[0xff][..]));
    }
}
