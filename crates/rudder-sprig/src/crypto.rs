//! Sprig's crypto functions: hashes, `bcrypt`, `htpasswd`, `derivePassword`, keys and
//! certificates (`genPrivateKey`, `genCA`, `genSignedCert`, ...), `encryptAES`/`decryptAES`,
//! `randBytes` and `uuidv4`, with Sprig's Go signatures and error texts.

mod certs;
mod der;

use std::any::Any;
use std::fmt::Write as _;
use std::sync::Arc;

use aes::cipher::{BlockCipherDecrypt as _, BlockCipherEncrypt as _, KeyInit as _};
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use hmac::Mac as _;
use rudder_gotmpl::{ArgType, FuncMap, Function, Signature};
use rudder_value::{Map, Member, Object, Value};

use certs::{Parent, PrivateKey, Template};

fn hex(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        let _ = write!(out, "{b:02x}");
    }
    out
}

fn adler32(data: &[u8]) -> u32 {
    const MOD: u32 = 65_521;
    let (mut a, mut b) = (1u32, 0u32);
    // 5552 bytes is the longest run before `b` could overflow a u32.
    for chunk in data.chunks(5552) {
        for &byte in chunk {
            a += u32::from(byte);
            b += a;
        }
        a %= MOD;
        b %= MOD;
    }
    b << 16 | a
}

/// Go's bcrypt at its default cost (10), in the `$2a$` form.
fn bcrypt_hash(input: &str) -> String {
    if input.len() > 72 {
        return "failed to encrypt string with bcrypt: bcrypt: password length exceeds 72 bytes"
            .to_owned();
    }
    match bcrypt::hash_with_result(input, 10) {
        Ok(parts) => parts.format_for_version(bcrypt::Version::TwoA),
        Err(e) => format!("failed to encrypt string with bcrypt: {e}"),
    }
}

const MASTER_PASSWORD_SEED: &str = "com.lyndir.masterpassword";

fn password_templates(kind: &str) -> Option<&'static [&'static str]> {
    Some(match kind {
        "maximum" => &["anoxxxxxxxxxxxxxxxxx", "axxxxxxxxxxxxxxxxxno"],
        "long" => &[
            "CvcvnoCvcvCvcv",
            "CvcvCvcvnoCvcv",
            "CvcvCvcvCvcvno",
            "CvccnoCvcvCvcv",
            "CvccCvcvnoCvcv",
            "CvccCvcvCvcvno",
            "CvcvnoCvccCvcv",
            "CvcvCvccnoCvcv",
            "CvcvCvccCvcvno",
            "CvcvnoCvcvCvcc",
            "CvcvCvcvnoCvcc",
            "CvcvCvcvCvccno",
            "CvccnoCvccCvcv",
            "CvccCvccnoCvcv",
            "CvccCvccCvcvno",
            "CvcvnoCvccCvcc",
            "CvcvCvccnoCvcc",
            "CvcvCvccCvccno",
            "CvccnoCvcvCvcc",
            "CvccCvcvnoCvcc",
            "CvccCvcvCvccno",
        ],
        "medium" => &["CvcnoCvc", "CvcCvcno"],
        "short" => &["Cvcn"],
        "basic" => &["aaanaaan", "aannaaan", "aaannaaa"],
        "pin" => &["nnnn"],
        _ => return None,
    })
}

fn template_characters(class: u8) -> &'static str {
    match class {
        b'V' => "AEIOU",
        b'C' => "BCDFGHJKLMNPQRSTVWXYZ",
        b'v' => "aeiou",
        b'c' => "bcdfghjklmnpqrstvwxyz",
        b'A' => "AEIOUBCDFGHJKLMNPQRSTVWXYZ",
        b'a' => "AEIOUaeiouBCDFGHJKLMNPQRSTVWXYZbcdfghjklmnpqrstvwxyz",
        b'n' => "0123456789",
        b'o' => "@&%?,=[]_:-+*$#!'^~;()/.",
        _ => "AEIOUaeiouBCDFGHJKLMNPQRSTVWXYZbcdfghjklmnpqrstvwxyz0123456789!@#$%^&*()",
    }
}

/// Sprig's `derivePassword`: the Master Password algorithm (scrypt key, HMAC-SHA256 seed,
/// template characters).
fn derive_password(counter: u32, kind: &str, password: &str, user: &str, site: &str) -> String {
    let Some(templates) = password_templates(kind) else {
        return format!("cannot find password template {kind}");
    };
    let mut salt = MASTER_PASSWORD_SEED.as_bytes().to_vec();
    salt.extend_from_slice(&(user.len() as u32).to_be_bytes());
    salt.extend_from_slice(user.as_bytes());
    let mut key = [0u8; 64];
    let params =
        scrypt::Params::new(15, 8, 2).expect("N=2^15, r=8, p=2 are valid scrypt parameters");
    if let Err(e) = scrypt::scrypt(password.as_bytes(), &salt, &params, &mut key) {
        return format!("failed to derive password: {e}");
    }
    let mut message = MASTER_PASSWORD_SEED.as_bytes().to_vec();
    message.extend_from_slice(&(site.len() as u32).to_be_bytes());
    message.extend_from_slice(site.as_bytes());
    message.extend_from_slice(&counter.to_be_bytes());
    let mut mac = <hmac::Hmac<sha2::Sha256> as hmac::KeyInit>::new_from_slice(&key)
        .expect("HMAC takes keys of any length");
    mac.update(&message);
    let seed = mac.finalize().into_bytes();
    let template = templates[usize::from(seed[0]) % templates.len()];
    template
        .bytes()
        .enumerate()
        .map(|(i, class)| {
            let chars = template_characters(class).as_bytes();
            char::from(chars[usize::from(seed[i + 1]) % chars.len()])
        })
        .collect()
}

fn aes_key(password: &str) -> aes::Aes256 {
    let mut key = [0u8; 32];
    let n = password.len().min(32);
    key[..n].copy_from_slice(&password.as_bytes()[..n]);
    aes::Aes256::new(&key.into())
}

/// Sprig's `encryptAES`: AES-256-CBC, the password zero-padded or cut to 32 bytes as the
/// key, PKCS#7 padding, a random IV in front, standard base64.
fn encrypt_aes(password: &str, plaintext: &str) -> String {
    if plaintext.is_empty() {
        return String::new();
    }
    let cipher = aes_key(password);
    let mut content = plaintext.as_bytes().to_vec();
    let padding = 16 - content.len() % 16;
    content.extend(std::iter::repeat_n(padding as u8, padding));
    let mut iv = [0u8; 16];
    rand::Rng::fill_bytes(&mut rand::rng(), &mut iv);
    let mut out = iv.to_vec();
    let mut prev = iv;
    for chunk in content.chunks(16) {
        let mut block = [0u8; 16];
        for (i, b) in block.iter_mut().enumerate() {
            *b = chunk[i] ^ prev[i];
        }
        let mut ga = block.into();
        cipher.encrypt_block(&mut ga);
        prev = ga.into();
        out.extend_from_slice(&prev);
    }
    STANDARD.encode(out)
}

fn base64_value(c: u8) -> Option<u32> {
    Some(u32::from(match c {
        b'A'..=b'Z' => c - b'A',
        b'a'..=b'z' => c - b'a' + 26,
        b'0'..=b'9' => c - b'0' + 52,
        b'+' => 62,
        b'/' => 63,
        _ => return None,
    }))
}

/// Go's base64 `StdEncoding.DecodeString`: padding required, `\r` and `\n` skipped, unused
/// trailing bits ignored, and errors naming the byte offset Go names.
fn go_base64_decode(text: &str) -> Result<Vec<u8>, String> {
    let src = text.as_bytes();
    let corrupt = |at: usize| format!("illegal base64 data at input byte {at}");
    let mut out = Vec::with_capacity(src.len() / 4 * 3);
    let mut si = 0;
    loop {
        let mut quantum = [0u32; 4];
        let mut len = 4;
        let mut j = 0;
        let mut trailing_error = None;
        while j < 4 {
            if si == src.len() {
                if j == 0 {
                    return Ok(out);
                }
                return Err(corrupt(si - j));
            }
            let c = src[si];
            si += 1;
            if let Some(v) = base64_value(c) {
                quantum[j] = v;
                j += 1;
                continue;
            }
            if c == b'\n' || c == b'\r' {
                continue;
            }
            if c != b'=' || j < 2 {
                return Err(corrupt(si - 1));
            }
            if j == 2 {
                while si < src.len() && (src[si] == b'\n' || src[si] == b'\r') {
                    si += 1;
                }
                if si == src.len() {
                    return Err(corrupt(src.len()));
                }
                if src[si] != b'=' {
                    return Err(corrupt(si - 1));
                }
                si += 1;
            }
            while si < src.len() && (src[si] == b'\n' || src[si] == b'\r') {
                si += 1;
            }
            if si < src.len() {
                trailing_error = Some(corrupt(si));
            }
            len = j;
            break;
        }
        let bits = quantum[0] << 18 | quantum[1] << 12 | quantum[2] << 6 | quantum[3];
        let bytes = [(bits >> 16) as u8, (bits >> 8) as u8, bits as u8];
        out.extend_from_slice(&bytes[..len - 1]);
        if let Some(err) = trailing_error {
            return Err(err);
        }
        if len < 4 {
            return Ok(out);
        }
    }
}

/// Sprig's `decryptAES`, including the runtime panics Go turns into errors for short or
/// badly padded input.
fn decrypt_aes(password: &str, crypt64: &str) -> Result<String, String> {
    if crypt64.is_empty() {
        return Ok(String::new());
    }
    let crypt = go_base64_decode(crypt64)?;
    let cipher = aes_key(password);
    if crypt.len() < 16 {
        return Err(format!(
            "runtime error: slice bounds out of range [:16] with capacity {}",
            crypt.len()
        ));
    }
    let (iv, body) = crypt.split_at(16);
    if body.len() % 16 != 0 {
        return Err("crypto/cipher: input not full blocks".to_owned());
    }
    let mut prev: [u8; 16] = iv.try_into().expect("split at 16");
    let mut plain = Vec::with_capacity(body.len());
    for chunk in body.chunks(16) {
        let mut ga: aes::Block = <[u8; 16]>::try_from(chunk).expect("chunks of 16").into();
        cipher.decrypt_block(&mut ga);
        let block: [u8; 16] = ga.into();
        plain.extend(block.iter().zip(prev).map(|(b, p)| b ^ p));
        prev = chunk.try_into().expect("chunks of 16");
    }
    let Some(&last) = plain.last() else {
        return Err("runtime error: index out of range [-1]".to_owned());
    };
    let keep = plain.len() as i64 - i64::from(last);
    if keep < 0 {
        return Err(format!(
            "runtime error: slice bounds out of range [:{keep}]"
        ));
    }
    plain.truncate(keep as usize);
    Ok(String::from_utf8_lossy(&plain).into_owned())
}

/// Sprig's `certificate` struct: PEM `Cert` and `Key`.
#[derive(Debug)]
pub(crate) struct Certificate {
    cert: String,
    key: String,
}

impl Object for Certificate {
    fn type_name(&self) -> &'static str {
        "sprig.certificate"
    }

    fn member(&self, name: &str) -> Option<Member> {
        match name {
            "Cert" => Some(Member::Field(Value::from(self.cert.as_str()))),
            "Key" => Some(Member::Field(Value::from(self.key.as_str()))),
            _ => None,
        }
    }

    fn go_string(&self) -> String {
        format!("{{{} {}}}", self.cert, self.key)
    }

    fn to_data(&self) -> Value {
        let map = Map::new();
        map.insert("Cert", Value::from(self.cert.as_str()));
        map.insert("Key", Value::from(self.key.as_str()));
        Value::Map(map)
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}

fn cert_value(cert: String, key: String) -> Value {
    Value::Object(Arc::new(Certificate { cert, key }))
}

fn str_arg(args: &[Value], i: usize) -> &str {
    args.get(i).and_then(Value::as_str).unwrap_or("")
}

fn int_arg(args: &[Value], i: usize) -> i64 {
    match args.get(i) {
        Some(Value::Int(n) | Value::Int64(n)) => *n,
        Some(Value::Uint(n)) => *n as i64,
        _ => 0,
    }
}

/// Sprig's `getNetIPs`.
fn net_ips(v: Option<&Value>) -> Result<Vec<Vec<u8>>, String> {
    let Some(Value::List(list)) = v else {
        return Ok(Vec::new());
    };
    list.iter()
        .map(|item| {
            let Value::String(s) = item else {
                return Err(format!(
                    "error parsing ip: {} is not a string",
                    rudder_value::fmt::sprint(std::slice::from_ref(item))
                ));
            };
            match s.parse::<std::net::IpAddr>() {
                Ok(std::net::IpAddr::V4(ip)) => Ok(ip.octets().to_vec()),
                Ok(std::net::IpAddr::V6(ip)) => Ok(ip
                    .to_ipv4_mapped()
                    .map_or_else(|| ip.octets().to_vec(), |v4| v4.octets().to_vec())),
                Err(_) => Err(format!("error parsing ip: {s}")),
            }
        })
        .collect()
}

/// Sprig's `getAlternateDNSStrs`.
fn dns_names(v: Option<&Value>) -> Result<Vec<String>, String> {
    let Some(Value::List(list)) = v else {
        return Ok(Vec::new());
    };
    list.iter()
        .map(|item| match item {
            Value::String(s) => Ok(s.to_string()),
            other => Err(format!(
                "error processing alternate dns name: {} is not a string",
                rudder_value::fmt::sprint(std::slice::from_ref(other))
            )),
        })
        .collect()
}

fn now_unix() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}

/// Sprig's `getCertAndKey` over `getBaseCertTemplate`.
fn make_cert(
    template: &Template,
    signee: &PrivateKey,
    parent: &Parent<'_>,
) -> Result<Value, String> {
    let cert = certs::create_certificate(template, signee, parent, now_unix())
        .map_err(|e| format!("error creating certificate: {e}"))?;
    Ok(cert_value(cert, signee.to_pem()))
}

fn template_from(
    args: &[Value],
    cn: usize,
    ips: usize,
    dns: usize,
    days: usize,
) -> Result<Template, String> {
    Ok(Template {
        cn: str_arg(args, cn).to_owned(),
        ips: net_ips(args.get(ips))?,
        dns_names: dns_names(args.get(dns))?,
        days_valid: int_arg(args, days),
        is_ca: false,
    })
}

fn ca_template(args: &[Value]) -> Template {
    Template {
        cn: str_arg(args, 0).to_owned(),
        ips: Vec::new(),
        dns_names: Vec::new(),
        days_valid: int_arg(args, 1),
        is_ca: true,
    }
}

fn pem_key(text: &str) -> Result<PrivateKey, String> {
    PrivateKey::parse_pem(text).map_err(|e| format!("parsing private key: {e}"))
}

fn self_signed(template: &Template, key: &PrivateKey) -> Result<Value, String> {
    make_cert(template, key, &Parent { key, cert: None })
}

/// A `certificate` parameter: Go's executor accepts nothing else.
fn certificate_arg(v: Option<&Value>) -> Result<&Certificate, String> {
    let got = v.map_or_else(|| "<nil>".to_owned(), Value::type_name);
    match v {
        Some(Value::Object(o)) => o.as_any().downcast_ref::<Certificate>(),
        _ => None,
    }
    .ok_or_else(|| format!("wrong type for value; expected sprig.certificate; got {got}"))
}

/// Sprig's `generateSignedCertificateWithKeyInternal`.
fn signed_cert(template: &Template, ca: &Certificate, key: &PrivateKey) -> Result<Value, String> {
    let (_, der) = certs::pem_decode(&ca.cert).ok_or("unable to decode certificate")?;
    let parent_cert = certs::parse_parent_cert(&der)
        .map_err(|e| format!("error parsing certificate: decodedSignerCert.Bytes: {e}"))?;
    let signer =
        PrivateKey::parse_pem(&ca.key).map_err(|e| format!("error parsing private key: {e}"))?;
    make_cert(
        template,
        key,
        &Parent {
            key: &signer,
            cert: Some(parent_cert),
        },
    )
}

fn fresh_rsa() -> Result<PrivateKey, String> {
    certs::rsa_key(2048)
}

pub(crate) fn register(map: &mut FuncMap) {
    use ArgType::{Int as I, List as L, String as S};
    const C: ArgType = ArgType::Host("sprig.certificate");
    let mut add = |name: &str, sig: Signature, f: fn(&[Value]) -> Result<Value, String>| {
        map.insert(
            name.to_owned(),
            Function::new(sig, move |args| f(args).map_err(Into::into)),
        );
    };
    add("sha1sum", Signature::fixed(&[S]), |a| {
        Ok(Value::from(hex(&<sha1::Sha1 as sha1::Digest>::digest(
            str_arg(a, 0),
        ))))
    });
    add("sha256sum", Signature::fixed(&[S]), |a| {
        Ok(Value::from(hex(&<sha2::Sha256 as sha2::Digest>::digest(
            str_arg(a, 0),
        ))))
    });
    add("sha512sum", Signature::fixed(&[S]), |a| {
        Ok(Value::from(hex(&<sha2::Sha512 as sha2::Digest>::digest(
            str_arg(a, 0),
        ))))
    });
    add("adler32sum", Signature::fixed(&[S]), |a| {
        Ok(Value::from(adler32(str_arg(a, 0).as_bytes()).to_string()))
    });
    add("bcrypt", Signature::fixed(&[S]), |a| {
        Ok(Value::from(bcrypt_hash(str_arg(a, 0))))
    });
    add("htpasswd", Signature::fixed(&[S, S]), |a| {
        let user = str_arg(a, 0);
        Ok(Value::from(if user.contains(':') {
            format!("invalid username: {user}")
        } else {
            format!("{user}:{}", bcrypt_hash(str_arg(a, 1)))
        }))
    });
    add(
        "derivePassword",
        Signature::fixed(&[ArgType::Uint32, S, S, S, S]),
        |a| {
            // The executor hands a uint32 over as a `Value::Uint` already truncated.
            let counter = match a.first() {
                Some(Value::Uint(n)) => u32::try_from(*n).unwrap_or_default(),
                _ => 0,
            };
            Ok(Value::from(derive_password(
                counter,
                str_arg(a, 1),
                str_arg(a, 2),
                str_arg(a, 3),
                str_arg(a, 4),
            )))
        },
    );
    add("genPrivateKey", Signature::fixed(&[S]), |a| {
        let kind = str_arg(a, 0);
        Ok(Value::from(match PrivateKey::generate(kind) {
            None => format!("Unknown type {kind}"),
            Some(Err(e)) => e,
            Some(Ok(key)) => key.to_pem(),
        }))
    });
    add("buildCustomCert", Signature::fixed(&[S, S]), |a| {
        let cert =
            go_base64_decode(str_arg(a, 0)).map_err(|_| "unable to decode base64 certificate")?;
        let key =
            go_base64_decode(str_arg(a, 1)).map_err(|_| "unable to decode base64 private key")?;
        let cert_text = String::from_utf8_lossy(&cert).into_owned();
        let key_text = String::from_utf8_lossy(&key).into_owned();
        let (_, der) = certs::pem_decode(&cert_text).ok_or("unable to decode certificate")?;
        certs::check_certificate(&der)
            .map_err(|e| format!("error parsing certificate: decodedCert.Bytes: {e}"))?;
        PrivateKey::parse_pem(&key_text).map_err(|e| format!("error parsing private key: {e}"))?;
        Ok(cert_value(cert_text, key_text))
    });
    add("genCA", Signature::fixed(&[S, I]), |a| {
        self_signed(&ca_template(a), &fresh_rsa()?)
    });
    add("genCAWithKey", Signature::fixed(&[S, I, S]), |a| {
        self_signed(&ca_template(a), &pem_key(str_arg(a, 2))?)
    });
    add("genSelfSignedCert", Signature::fixed(&[S, L, L, I]), |a| {
        let key = fresh_rsa()?;
        self_signed(&template_from(a, 0, 1, 2, 3)?, &key)
    });
    add(
        "genSelfSignedCertWithKey",
        Signature::fixed(&[S, L, L, I, S]),
        |a| {
            let key = pem_key(str_arg(a, 4))?;
            self_signed(&template_from(a, 0, 1, 2, 3)?, &key)
        },
    );
    add("genSignedCert", Signature::fixed(&[S, L, L, I, C]), |a| {
        let ca = certificate_arg(a.get(4))?;
        let key = fresh_rsa()?;
        signed_cert(&template_from(a, 0, 1, 2, 3)?, ca, &key)
    });
    add(
        "genSignedCertWithKey",
        Signature::fixed(&[S, L, L, I, C, S]),
        |a| {
            let ca = certificate_arg(a.get(4))?;
            let key = pem_key(str_arg(a, 5))?;
            signed_cert(&template_from(a, 0, 1, 2, 3)?, ca, &key)
        },
    );
    add("encryptAES", Signature::fixed(&[S, S]), |a| {
        Ok(Value::from(encrypt_aes(str_arg(a, 0), str_arg(a, 1))))
    });
    add("decryptAES", Signature::fixed(&[S, S]), |a| {
        decrypt_aes(str_arg(a, 0), str_arg(a, 1)).map(Value::from)
    });
    add("randBytes", Signature::fixed(&[I]), |a| {
        let count = int_arg(a, 0);
        let count = usize::try_from(count)
            .map_err(|_| "runtime error: makeslice: len out of range".to_owned())?;
        let mut buf = vec![0u8; count];
        rand::Rng::fill_bytes(&mut rand::rng(), &mut buf);
        Ok(Value::from(STANDARD.encode(buf)))
    });
    add("uuidv4", Signature::fixed(&[]), |_| {
        Ok(Value::from(uuid::Uuid::new_v4().to_string()))
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn computes_adler32_as_go() {
        assert_eq!(adler32(b""), 1);
        assert_eq!(adler32(b"Wikipedia"), 0x11E6_0398);
        let long = vec![0xffu8; 100_000];
        let (mut a, mut b) = (1u64, 0u64);
        for &x in &long {
            a = (a + u64::from(x)) % 65_521;
            b = (b + a) % 65_521;
        }
        assert_eq!(u64::from(adler32(&long)), b << 16 | a);
    }

    #[test]
    fn aes_round_trips() {
        for text in ["x", "exactly sixteen!", "a longer text that spans blocks ✓"] {
            let enc = encrypt_aes("secretkey", text);
            assert_eq!(decrypt_aes("secretkey", &enc).as_deref(), Ok(text));
        }
        assert_eq!(encrypt_aes("k", ""), "");
        assert_eq!(decrypt_aes("k", ""), Ok(String::new()));
    }

    #[test]
    fn decrypts_what_sprig_encrypted() {
        // Produced once by Helm's `encryptAES "secretkey" "plaintext"` (random IV); a test
        // input, not an expected output of ours.
        let from_go = include_str!("../testdata/encrypt_aes_from_helm.txt").trim();
        assert_eq!(
            decrypt_aes("secretkey", from_go).as_deref(),
            Ok("plaintext")
        );
    }

    #[test]
    fn reports_bad_ciphertext_as_go_panics() {
        assert_eq!(
            decrypt_aes("k", "AAAA"),
            Err("runtime error: slice bounds out of range [:16] with capacity 3".to_owned())
        );
        assert_eq!(
            decrypt_aes("k", "%%%%"),
            Err("illegal base64 data at input byte 0".to_owned())
        );
    }

    #[test]
    fn decodes_base64_as_go() {
        assert_eq!(go_base64_decode("aGk=").unwrap(), b"hi");
        assert_eq!(go_base64_decode("aG\nk=\r\n").unwrap(), b"hi");
        assert_eq!(go_base64_decode("AB==").unwrap(), [0]);
        assert_eq!(go_base64_decode("").unwrap(), b"");
        let err = |s: &str| go_base64_decode(s).unwrap_err();
        assert_eq!(err("abc"), "illegal base64 data at input byte 0");
        assert_eq!(err("AAAAabc"), "illegal base64 data at input byte 4");
        assert_eq!(err("AAAA*AAA"), "illegal base64 data at input byte 4");
        assert_eq!(err("A==="), "illegal base64 data at input byte 1");
        assert_eq!(err("AA="), "illegal base64 data at input byte 3");
        assert_eq!(err("AA=x"), "illegal base64 data at input byte 2");
        assert_eq!(err("AA==AAAA"), "illegal base64 data at input byte 4");
    }

    #[test]
    fn bcrypt_hashes_verify() {
        let hash = bcrypt_hash("password");
        assert!(hash.starts_with("$2a$10$"), "{hash}");
        assert_eq!(bcrypt::verify("password", &hash).ok(), Some(true));
        assert!(bcrypt_hash(&"x".repeat(73)).contains("exceeds 72 bytes"));
    }

    /// Runs a real tool; CI installs openssl and apache2-utils, so a missing tool fails.
    fn tool(program: &str, args: &[&str]) -> (bool, String) {
        let out = std::process::Command::new(program)
            .args(args)
            .output()
            .unwrap_or_else(|e| {
                panic!(
                    "{program} is required for this test (install openssl and apache2-utils): {e}"
                )
            });
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        (out.status.success(), text)
    }

    struct TempDir(std::path::PathBuf);

    impl TempDir {
        fn new(name: &str) -> TempDir {
            let dir = std::env::temp_dir().join(format!(
                "rudder-sprig-{name}-{}-{}",
                std::process::id(),
                uuid::Uuid::new_v4()
            ));
            fs_err::create_dir_all(&dir).unwrap();
            TempDir(dir)
        }

        fn write(&self, name: &str, text: &str) -> String {
            let path = self.0.join(name);
            fs_err::write(&path, text).unwrap();
            path.to_string_lossy().into_owned()
        }
    }

    impl Drop for TempDir {
        fn drop(&mut self) {
            let _ = fs_err::remove_dir_all(&self.0);
        }
    }

    fn parts(v: &Value) -> (String, String) {
        let Value::Object(o) = v else {
            panic!("not a certificate: {v:?}")
        };
        let c = o
            .as_any()
            .downcast_ref::<Certificate>()
            .expect("a certificate");
        (c.cert.clone(), c.key.clone())
    }

    fn text_of(dir: &TempDir, name: &str, pem: &str) -> String {
        let path = dir.write(name, pem);
        let (ok, text) = tool("openssl", &["x509", "-noout", "-text", "-in", &path]);
        assert!(ok, "{text}");
        text
    }

    #[test]
    fn generated_keys_parse_with_openssl() {
        let dir = TempDir::new("keys");
        for (kind, header, cmd) in [
            ("ecdsa", "-----BEGIN EC PRIVATE KEY-----", "ec"),
            ("ed25519", "-----BEGIN PRIVATE KEY-----", "pkey"),
            ("rsa", "-----BEGIN RSA PRIVATE KEY-----", "rsa"),
            ("dsa", "-----BEGIN DSA PRIVATE KEY-----", "dsa"),
        ] {
            let pem = PrivateKey::generate(kind).unwrap().unwrap().to_pem();
            assert!(pem.starts_with(header), "{pem}");
            let path = dir.write(&format!("{kind}.pem"), &pem);
            let (ok, text) = tool("openssl", &[cmd, "-check", "-noout", "-text", "-in", &path]);
            assert!(
                ok || (cmd == "dsa" && !text.contains("unable")),
                "{kind}: {text}"
            );
            if kind == "rsa" {
                assert!(text.contains("4096 bit"), "{text}");
            }
            // Sprig reads back what it writes.
            assert!(PrivateKey::parse_pem(&pem).is_ok(), "{kind}");
        }
        assert!(PrivateKey::generate("rsa2").is_none());
    }

    #[test]
    fn ca_signs_certificates_openssl_verifies() {
        let dir = TempDir::new("certs");
        let ca = self_signed(
            &ca_template(&[Value::from("my-ca"), Value::Int(365)]),
            &fresh_rsa().unwrap(),
        )
        .unwrap();
        let (ca_cert, ca_key) = parts(&ca);
        assert!(ca_key.starts_with("-----BEGIN RSA PRIVATE KEY-----"));
        let text = text_of(&dir, "ca.pem", &ca_cert);
        assert!(
            text.contains("Subject: CN=my-ca") || text.contains("Subject: CN = my-ca"),
            "{text}"
        );
        assert!(text.contains("CA:TRUE"), "{text}");
        assert!(text.contains("Certificate Sign"), "{text}");
        assert!(text.contains("2048 bit"), "{text}");
        let ca_path = dir.write("ca.pem", &ca_cert);

        let args = [
            Value::from("leaf.example.com"),
            Value::from(vec![Value::from("10.0.0.1"), Value::from("::1")]),
            Value::from(vec![
                Value::from("leaf.example.com"),
                Value::from("alt.example.com"),
            ]),
            Value::Int(30),
        ];
        let template = template_from(&args, 0, 1, 2, 3).unwrap();
        let Value::Object(o) = &ca else {
            unreachable!()
        };
        let ca_obj = o.as_any().downcast_ref::<Certificate>().unwrap();
        for key in [
            fresh_rsa().unwrap(),
            PrivateKey::generate("ecdsa").unwrap().unwrap(),
            PrivateKey::generate("ed25519").unwrap().unwrap(),
        ] {
            let leaf = signed_cert(&template, ca_obj, &key).unwrap();
            let (leaf_cert, _) = parts(&leaf);
            let text = text_of(&dir, "leaf.pem", &leaf_cert);
            assert!(text.contains("DNS:leaf.example.com, DNS:alt.example.com, IP Address:10.0.0.1, IP Address:0:0:0:0:0:0:0:1"), "{text}");
            assert!(
                text.contains("TLS Web Server Authentication, TLS Web Client Authentication"),
                "{text}"
            );
            assert!(text.contains("CA:FALSE"), "{text}");
            assert!(text.contains("Authority Key Identifier"), "{text}");
            let leaf_path = dir.write("leaf.pem", &leaf_cert);
            let (ok, out) = tool("openssl", &["verify", "-CAfile", &ca_path, &leaf_path]);
            assert!(ok, "{out}");
        }
    }

    #[test]
    fn ca_with_given_keys_and_self_signed_certs() {
        let dir = TempDir::new("withkey");
        for kind in ["ecdsa", "ed25519"] {
            let key_pem = PrivateKey::generate(kind).unwrap().unwrap().to_pem();
            let ca = self_signed(
                &ca_template(&[Value::from("ca"), Value::Int(1)]),
                &pem_key(&key_pem).unwrap(),
            )
            .unwrap();
            let (cert, key) = parts(&ca);
            assert_eq!(key, key_pem, "the given key comes back unchanged");
            let path = dir.write("ca.pem", &cert);
            let (ok, out) = tool("openssl", &["verify", "-CAfile", &path, &path]);
            assert!(ok, "{kind}: {out}");
        }
        let args = [Value::from("self"), Value::Nil, Value::Nil, Value::Int(10)];
        let cert = self_signed(
            &template_from(&args, 0, 1, 2, 3).unwrap(),
            &fresh_rsa().unwrap(),
        )
        .unwrap();
        let text = text_of(&dir, "self.pem", &parts(&cert).0);
        assert!(!text.contains("Subject Alternative Name"), "{text}");
        assert!(!text.contains("CA:TRUE"), "{text}");
    }

    #[test]
    fn rejects_bad_inputs_as_sprig() {
        assert_eq!(
            pem_key("nothing").err().as_deref(),
            Some("parsing private key: no PEM data in input")
        );
        assert_eq!(
            pem_key("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n")
                .err()
                .as_deref(),
            Some("parsing private key: no private key data in PEM block of type CERTIFICATE")
        );
        let args = [
            Value::from("x"),
            Value::from(vec![Value::from("nope")]),
            Value::Nil,
            Value::Int(1),
        ];
        assert_eq!(
            template_from(&args, 0, 1, 2, 3).err().as_deref(),
            Some("error parsing ip: nope")
        );
        let dsa = PrivateKey::generate("dsa").unwrap().unwrap();
        let err = self_signed(&ca_template(&[Value::from("x"), Value::Int(1)]), &dsa).unwrap_err();
        assert!(
            err.starts_with("error creating certificate: x509:"),
            "{err}"
        );
    }

    #[test]
    fn htpasswd_output_verifies_with_apache_tools() {
        let dir = TempDir::new("htpasswd");
        let hash = bcrypt_hash("s3cret pass");
        let path = dir.write("htpasswd", &format!("admin:{hash}\n"));
        let (ok, out) = tool("htpasswd", &["-vb", &path, "admin", "s3cret pass"]);
        assert!(ok, "{out}");
        let (ok, _) = tool("htpasswd", &["-vb", &path, "admin", "wrong"]);
        assert!(!ok);
    }

    #[test]
    fn derives_master_passwords() {
        // The Master Password algorithm's published example: user "Robert Lee Mitchell",
        // master password "banana colored duckling", site "masterpasswordapp.com", counter 1.
        assert_eq!(
            derive_password(
                1,
                "long",
                "banana colored duckling",
                "Robert Lee Mitchell",
                "masterpasswordapp.com"
            ),
            "Jejr5[RepuSosp"
        );
        assert_eq!(
            derive_password(1, "nope", "p", "u", "s"),
            "cannot find password template nope"
        );
    }
}
