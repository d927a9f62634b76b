//! Private keys and X.509 certificates as Sprig makes them with Go's `crypto/x509`:
//! RSA keys as PKCS#1 `RSA PRIVATE KEY`, P-256 keys as SEC 1 `EC PRIVATE KEY`, Ed25519 keys as
//! PKCS#8 `PRIVATE KEY`, DSA keys in OpenSSL's `DSA PRIVATE KEY` layout; certificates with
//! Go's template (serial below 2^128, key usages, server and client auth, basic constraints,
//! subject key id on CAs, authority key id from the issuer).

use std::fmt::Write as _;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use rsa::pkcs1::{DecodeRsaPrivateKey as _, EncodeRsaPrivateKey as _, EncodeRsaPublicKey as _};
use rsa::pkcs8::DecodePrivateKey as _;
use rsa::signature::{SignatureEncoding as _, Signer as _};

use super::der;

const OID_RSA: &[u64] = &[1, 2, 840, 113_549, 1, 1, 1];
const OID_SHA256_RSA: &[u64] = &[1, 2, 840, 113_549, 1, 1, 11];
const OID_EC_PUBLIC_KEY: &[u64] = &[1, 2, 840, 10_045, 2, 1];
const OID_P256: &[u64] = &[1, 2, 840, 10_045, 3, 1, 7];
const OID_ECDSA_SHA256: &[u64] = &[1, 2, 840, 10_045, 4, 3, 2];
const OID_ED25519: &[u64] = &[1, 3, 101, 112];

/// A private key of one of the types Sprig handles.
pub(crate) enum PrivateKey {
    Rsa(Box<rsa::PrivateKey>),
    Ecdsa(p256::SecretKey),
    Ed25519(ed25519_dalek::SigningKey),
    Dsa(Box<dsa::SigningKey>),
}

/// Go's `pem.EncodeToMemory`: base64 in lines of 64 characters.
pub(crate) fn pem_encode(kind: &str, der: &[u8]) -> String {
    let body = STANDARD.encode(der);
    let mut out = format!("-----BEGIN {kind}-----\n");
    for chunk in body.as_bytes().chunks(64) {
        out.push_str(std::str::from_utf8(chunk).unwrap_or_default());
        out.push('\n');
    }
    let _ = writeln!(out, "-----END {kind}-----");
    out
}

/// Go's `pem.Decode`, first block only: its type and bytes.
pub(crate) fn pem_decode(text: &str) -> Option<(String, Vec<u8>)> {
    let start = text.find("-----BEGIN ")?;
    let rest = &text[start + 11..];
    let type_end = rest.find("-----")?;
    let kind = &rest[..type_end];
    if kind.contains('\n') {
        return None;
    }
    let body_and_rest = rest[type_end + 5..]
        .strip_prefix(['\n', '\r'])
        .unwrap_or(&rest[type_end + 5..]);
    let end_marker = format!("-----END {kind}-----");
    let end = body_and_rest.find(&end_marker)?;
    let body: String = body_and_rest[..end]
        .lines()
        .filter(|line| !line.contains(':'))
        .flat_map(|line| line.chars().filter(|c| !c.is_whitespace()))
        .collect();
    let der = super::go_base64_decode(&body).ok()?;
    Some((kind.to_owned(), der))
}

fn boxed_to_be(n: &rsa::BoxedUint) -> Vec<u8> {
    n.to_be_bytes().to_vec()
}

impl PrivateKey {
    /// Sprig's `genPrivateKey` key types; `None` for an unknown type.
    pub(crate) fn generate(kind: &str) -> Option<Result<PrivateKey, String>> {
        let mut rng = rand::rng();
        Some(match kind {
            "" | "rsa" => rsa_key(4096),
            "dsa" => {
                let components = dsa::Components::try_generate_from_rng_with_key_size(
                    &mut rng,
                    dsa::KeySize::DSA_2048_256,
                );
                match components {
                    Ok(c) => dsa::SigningKey::try_generate_from_rng_with_components(&mut rng, c)
                        .map(|k| PrivateKey::Dsa(Box::new(k)))
                        .map_err(|e| format!("failed to generate private key: {e:?}")),
                    Err(e) => Err(format!("failed to generate dsa params: {e:?}")),
                }
            }
            "ecdsa" => Ok(PrivateKey::Ecdsa(
                <p256::SecretKey as rsa::Generate>::generate_from_rng(&mut rng),
            )),
            "ed25519" => Ok(PrivateKey::Ed25519(ed25519_dalek::SigningKey::generate(
                &mut rng,
            ))),
            _ => return None,
        })
    }

    /// Sprig's `pemBlockForKey`.
    pub(crate) fn to_pem(&self) -> String {
        match self {
            PrivateKey::Rsa(k) => pem_encode(
                "RSA PRIVATE KEY",
                k.to_pkcs1_der()
                    .map(|d| d.as_bytes().to_vec())
                    .unwrap_or_default()
                    .as_slice(),
            ),
            PrivateKey::Ecdsa(k) => pem_encode(
                "EC PRIVATE KEY",
                k.to_sec1_der()
                    .map(|d| d.to_vec())
                    .unwrap_or_default()
                    .as_slice(),
            ),
            PrivateKey::Ed25519(k) => {
                let der = der::seq(&[
                    der::small_uint(0),
                    der::seq(&[der::oid(OID_ED25519)]),
                    der::octets(&der::octets(k.as_bytes())),
                ]);
                pem_encode("PRIVATE KEY", &der)
            }
            PrivateKey::Dsa(k) => {
                let vk = k.verifying_key();
                let c = vk.components();
                let der = der::seq(&[
                    der::small_uint(0),
                    der::uint(&boxed_to_be(c.p())),
                    der::uint(&boxed_to_be(c.q())),
                    der::uint(&boxed_to_be(c.g())),
                    der::uint(&boxed_to_be(vk.y())),
                    der::uint(&boxed_to_be(k.x())),
                ]);
                pem_encode("DSA PRIVATE KEY", &der)
            }
        }
    }

    /// Sprig's `parsePrivateKeyPEM`, with its error texts.
    pub(crate) fn parse_pem(text: &str) -> Result<PrivateKey, String> {
        let (kind, der) = pem_decode(text).ok_or("no PEM data in input")?;
        if kind == "PRIVATE KEY" {
            return parse_pkcs8(&der).map_err(|e| format!("decoding PEM as PKCS#8: {e}"));
        }
        let Some(prefix) = kind.strip_suffix(" PRIVATE KEY") else {
            return Err(format!("no private key data in PEM block of type {kind}"));
        };
        match prefix {
            "RSA" => rsa::PrivateKey::from_pkcs1_der(&der)
                .map(|k| PrivateKey::Rsa(Box::new(k)))
                .map_err(|_| {
                    "parsing RSA private key from PEM: x509: failed to parse private key (use ParsePKCS8PrivateKey instead for this key format)".to_owned()
                }),
            "EC" => p256::SecretKey::from_sec1_der(&der)
                .map(PrivateKey::Ecdsa)
                .map_err(|_| "parsing EC private key from PEM: x509: failed to parse EC private key".to_owned()),
            "DSA" => parse_dsa(&der).ok_or_else(|| {
                "parsing DSA private key from PEM: asn1: structure error".to_owned()
            }),
            _ => Err(format!("invalid private key type {kind}")),
        }
    }

    /// The `subjectPublicKey` bits of the public key.
    fn public_key_bytes(&self) -> Result<Vec<u8>, String> {
        match self {
            PrivateKey::Rsa(k) => k
                .to_public_key()
                .to_pkcs1_der()
                .map(|d| d.as_bytes().to_vec())
                .map_err(|e| e.to_string()),
            PrivateKey::Ecdsa(k) => Ok(k.public_key().to_sec1_bytes().to_vec()),
            PrivateKey::Ed25519(k) => Ok(k.verifying_key().to_bytes().to_vec()),
            PrivateKey::Dsa(_) => {
                Err("x509: unsupported public key type: *dsa.PublicKey".to_owned())
            }
        }
    }

    /// The DER `SubjectPublicKeyInfo`.
    pub(crate) fn spki(&self) -> Result<Vec<u8>, String> {
        let alg = match self {
            PrivateKey::Rsa(_) => der::seq(&[der::oid(OID_RSA), der::null()]),
            PrivateKey::Ecdsa(_) => der::seq(&[der::oid(OID_EC_PUBLIC_KEY), der::oid(OID_P256)]),
            PrivateKey::Ed25519(_) => der::seq(&[der::oid(OID_ED25519)]),
            PrivateKey::Dsa(_) => {
                return Err("x509: unsupported public key type: *dsa.PublicKey".to_owned());
            }
        };
        Ok(der::seq(&[alg, der::bit_string(&self.public_key_bytes()?)]))
    }

    fn signature_algorithm(&self) -> Result<Vec<u8>, String> {
        match self {
            PrivateKey::Rsa(_) => Ok(der::seq(&[der::oid(OID_SHA256_RSA), der::null()])),
            PrivateKey::Ecdsa(_) => Ok(der::seq(&[der::oid(OID_ECDSA_SHA256)])),
            PrivateKey::Ed25519(_) => Ok(der::seq(&[der::oid(OID_ED25519)])),
            PrivateKey::Dsa(_) => {
                Err("x509: certificate private key does not implement crypto.Signer".to_owned())
            }
        }
    }

    fn sign(&self, message: &[u8]) -> Result<Vec<u8>, String> {
        match self {
            PrivateKey::Rsa(k) => {
                let signer = rsa::pkcs1v15::SigningKey::<sha2::Sha256>::new(k.as_ref().clone());
                Ok(signer.sign(message).to_vec())
            }
            PrivateKey::Ecdsa(k) => {
                let signer = p256::ecdsa::SigningKey::from(k);
                let sig: p256::ecdsa::Signature = signer.sign(message);
                Ok(sig.to_der().to_bytes().to_vec())
            }
            PrivateKey::Ed25519(k) => Ok(k.sign(message).to_bytes().to_vec()),
            PrivateKey::Dsa(_) => {
                Err("x509: certificate private key does not implement crypto.Signer".to_owned())
            }
        }
    }
}

pub(crate) fn rsa_key(bits: usize) -> Result<PrivateKey, String> {
    rsa::PrivateKey::new(&mut rand::rng(), bits)
        .map(|k| PrivateKey::Rsa(Box::new(k)))
        .map_err(|e| format!("error generating rsa key: {e}"))
}

fn parse_pkcs8(der_bytes: &[u8]) -> Result<PrivateKey, String> {
    if let Ok(k) = rsa::PrivateKey::from_pkcs8_der(der_bytes) {
        return Ok(PrivateKey::Rsa(Box::new(k)));
    }
    if let Ok(k) = p256::SecretKey::from_pkcs8_der(der_bytes) {
        return Ok(PrivateKey::Ecdsa(k));
    }
    // Ed25519: SEQUENCE { 0, SEQUENCE { 1.3.101.112 }, OCTET STRING { OCTET STRING seed } }
    let parse_ed = || -> Option<PrivateKey> {
        let (_, body, _) = der::read(der_bytes)?;
        let (_, _version, rest) = der::read(body)?;
        let (_, alg, rest) = der::read(rest)?;
        if der::oid(OID_ED25519) != alg {
            return None;
        }
        let (_, outer, _) = der::read(rest)?;
        let (_, seed, _) = der::read(outer)?;
        let seed: [u8; 32] = seed.try_into().ok()?;
        Some(PrivateKey::Ed25519(ed25519_dalek::SigningKey::from_bytes(
            &seed,
        )))
    };
    parse_ed().ok_or_else(|| "x509: failed to parse private key".to_owned())
}

fn parse_dsa(der_bytes: &[u8]) -> Option<PrivateKey> {
    let (_, mut body, _) = der::read(der_bytes)?;
    let mut ints = Vec::new();
    while !body.is_empty() {
        let (tag, content, rest) = der::read(body)?;
        if tag != 0x02 {
            return None;
        }
        // Sizes must be exact (2048-bit p, 256-bit q): drop DER's sign byte, round to limbs.
        let skip = content.iter().take_while(|&&b| b == 0).count();
        let digits = &content[skip..];
        let bits = (digits.len() * 8).div_ceil(64).max(1) * 64;
        ints.push(rsa::BoxedUint::from_be_slice(digits, bits as u32).ok()?);
        body = rest;
    }
    let [_, prime, sub_prime, generator, public, private] =
        <[rsa::BoxedUint; 6]>::try_from(ints).ok()?;
    let components = dsa::Components::from_components(prime, sub_prime, generator).ok()?;
    let vk = dsa::VerifyingKey::from_components(components, public).ok()?;
    dsa::SigningKey::from_components(vk, private)
        .ok()
        .map(|k| PrivateKey::Dsa(Box::new(k)))
}

/// What Sprig's `getBaseCertTemplate` fills in.
pub(crate) struct Template {
    pub(crate) cn: String,
    pub(crate) ips: Vec<Vec<u8>>,
    pub(crate) dns_names: Vec<String>,
    pub(crate) days_valid: i64,
    pub(crate) is_ca: bool,
}

/// The issuing side: a parsed CA certificate and its key, or the template itself.
pub(crate) struct Parent<'a> {
    pub(crate) key: &'a PrivateKey,
    /// The parent's subject, SPKI and subject key id; `None` for a self-signed certificate.
    pub(crate) cert: Option<ParentCert>,
}

pub(crate) struct ParentCert {
    pub(crate) subject: Vec<u8>,
    pub(crate) spki: Vec<u8>,
    pub(crate) subject_key_id: Vec<u8>,
}

/// Parses a PEM certificate the way Sprig's `genSignedCert` reads its CA.
pub(crate) fn parse_parent_cert(der_bytes: &[u8]) -> Result<ParentCert, String> {
    let (_, cert) =
        x509_parser::parse_x509_certificate(der_bytes).map_err(|e| format!("x509: {e}"))?;
    let mut subject_key_id = Vec::new();
    for ext in cert.extensions() {
        if let x509_parser::extensions::ParsedExtension::SubjectKeyIdentifier(kid) =
            ext.parsed_extension()
        {
            subject_key_id = kid.0.to_vec();
        }
    }
    Ok(ParentCert {
        subject: cert.tbs_certificate.subject.as_raw().to_vec(),
        spki: cert.public_key().raw.to_vec(),
        subject_key_id,
    })
}

/// Checks that DER bytes are a certificate (for `buildCustomCert`).
pub(crate) fn check_certificate(der_bytes: &[u8]) -> Result<(), String> {
    x509_parser::parse_x509_certificate(der_bytes)
        .map(|_| ())
        .map_err(|e| format!("x509: {e}"))
}

fn extension(oid: &[u64], critical: bool, value: &[u8]) -> Vec<u8> {
    let mut parts = vec![der::oid(oid)];
    if critical {
        parts.push(der::bool_true());
    }
    parts.push(der::octets(value));
    der::seq(&parts)
}

/// Go's `x509.CreateCertificate` for Sprig's template; returns the PEM certificate.
pub(crate) fn create_certificate(
    template: &Template,
    signee: &PrivateKey,
    parent: &Parent<'_>,
    now_unix: i64,
) -> Result<String, String> {
    let sig_alg = parent.key.signature_algorithm()?;
    let spki = signee.spki()?;
    let public_key_bytes = signee.public_key_bytes()?;
    let subject = der::seq(&[der::set(&[der::seq(&[
        der::oid(&[2, 5, 4, 3]),
        der::go_string(&template.cn),
    ])])]);
    let issuer = match &parent.cert {
        Some(p) => {
            if parent.key.spki()? != p.spki {
                return Err("x509: provided PrivateKey doesn't match parent's PublicKey".to_owned());
            }
            p.subject.clone()
        }
        None => subject.clone(),
    };
    let mut serial = [0u8; 16];
    rand::Rng::fill_bytes(&mut rand::rng(), &mut serial);
    if serial.iter().all(|&b| b == 0) {
        serial[15] = 1;
    }

    let mut key_usage: u16 = 1 | 1 << 2; // digitalSignature, keyEncipherment
    if template.is_ca {
        key_usage |= 1 << 5; // keyCertSign
    }
    let mut extensions = vec![extension(&[2, 5, 29, 15], true, &key_usage_bits(key_usage))];
    extensions.push(extension(
        &[2, 5, 29, 37],
        false,
        &der::seq(&[
            der::oid(&[1, 3, 6, 1, 5, 5, 7, 3, 1]),
            der::oid(&[1, 3, 6, 1, 5, 5, 7, 3, 2]),
        ]),
    ));
    let basic = if template.is_ca {
        der::seq(&[der::bool_true()])
    } else {
        der::seq(&[])
    };
    extensions.push(extension(&[2, 5, 29, 19], true, &basic));
    if template.is_ca {
        // Go 1.25+ derives the key id from SHA-256 (RFC 7093, method 1).
        let digest = <sha2::Sha256 as sha2::Digest>::digest(&public_key_bytes);
        extensions.push(extension(
            &[2, 5, 29, 14],
            false,
            &der::octets(&digest[..20]),
        ));
    }
    if let Some(p) = &parent.cert
        && !p.subject_key_id.is_empty()
        && p.subject != subject
    {
        extensions.push(extension(
            &[2, 5, 29, 35],
            false,
            &der::seq(&[der::tlv(0x80, &p.subject_key_id)]),
        ));
    }
    if !template.dns_names.is_empty() || !template.ips.is_empty() {
        let mut names: Vec<Vec<u8>> = template
            .dns_names
            .iter()
            .map(|n| der::tlv(0x82, n.as_bytes()))
            .collect();
        names.extend(template.ips.iter().map(|ip| der::tlv(0x87, ip)));
        extensions.push(extension(&[2, 5, 29, 17], false, &der::seq(&names)));
    }

    let not_after = now_unix.saturating_add(template.days_valid.saturating_mul(86_400));
    let tbs = der::seq(&[
        der::tlv(0xa0, &der::small_uint(2)),
        der::uint(&serial),
        sig_alg.clone(),
        issuer,
        der::seq(&[der::time(now_unix), der::time(not_after)]),
        subject,
        spki,
        der::tlv(0xa3, &der::seq(&extensions)),
    ]);
    let signature = parent.key.sign(&tbs)?;
    let cert = der::seq(&[tbs, sig_alg, der::bit_string(&signature)]);
    Ok(pem_encode("CERTIFICATE", &cert))
}

/// A KeyUsage BIT STRING: bit 0 is the most significant bit of the first byte, and trailing
/// zero bits are dropped.
fn key_usage_bits(usage: u16) -> Vec<u8> {
    let mut bits = [0u8; 2];
    for i in 0..9 {
        if usage & (1 << i) != 0 {
            bits[i / 8] |= 0x80 >> (i % 8);
        }
    }
    let len = if bits[1] != 0 { 2 } else { 1 };
    let last = bits[len - 1];
    let unused = last.trailing_zeros().min(7) as u8;
    der::tlv(0x03, &[&[unused][..], &bits[..len]].concat())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodes_key_usage_as_go() {
        // digitalSignature | keyEncipherment = 0b101 -> 0xa0 with 5 unused bits
        assert_eq!(key_usage_bits(0b101), [0x03, 0x02, 0x05, 0xa0]);
        assert_eq!(key_usage_bits(0b10_0101), [0x03, 0x02, 0x02, 0xa4]);
    }

    #[test]
    fn round_trips_pem() {
        let pem = pem_encode("TEST", &[1u8; 100]);
        assert!(pem.lines().nth(1).is_some_and(|l| l.len() == 64));
        assert_eq!(pem_decode(&pem), Some(("TEST".to_owned(), vec![1u8; 100])));
    }
}
