//! Paths: Go's `path` (`base`, `dir`, `clean`, `ext`, `isAbs`) and `path/filepath` (`osBase`,
//! ...). Helm runs on Unix here, where both packages use `/` and behave the same.

use rudder_gotmpl::{ArgType, FuncMap};
use rudder_value::Value;

use crate::convert::{arg_str, fixed, reg};

/// Go's `path.Clean`: lexical processing of `.`, `..` and repeated slashes.
pub(crate) fn clean(path: &str) -> String {
    if path.is_empty() {
        return ".".to_owned();
    }
    let p = path.as_bytes();
    let rooted = p[0] == b'/';
    let n = p.len();
    let mut out: Vec<u8> = Vec::with_capacity(n);
    let (mut r, mut dotdot) = (0usize, 0usize);
    if rooted {
        out.push(b'/');
        r = 1;
        dotdot = 1;
    }
    while r < n {
        if p[r] == b'/' || p[r] == b'.' && (r + 1 == n || p[r + 1] == b'/') {
            r += 1;
        } else if p[r] == b'.' && p[r + 1] == b'.' && (r + 2 == n || p[r + 2] == b'/') {
            r += 2;
            if out.len() > dotdot {
                out.pop();
                while out.len() > dotdot && out[out.len() - 1] != b'/' {
                    out.pop();
                }
                // Drop the separator before the removed element too, as Go's lazybuf does.
                if out.len() > dotdot && out[out.len() - 1] == b'/' {
                    out.pop();
                }
            } else if !rooted {
                if !out.is_empty() {
                    out.push(b'/');
                }
                out.extend_from_slice(b"..");
                dotdot = out.len();
            }
        } else {
            if rooted && out.len() != 1 || !rooted && !out.is_empty() {
                out.push(b'/');
            }
            while r < n && p[r] != b'/' {
                out.push(p[r]);
                r += 1;
            }
        }
    }
    if out.is_empty() {
        return ".".to_owned();
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Go's `path.Base`.
fn base(path: &str) -> String {
    if path.is_empty() {
        return ".".to_owned();
    }
    let trimmed = path.trim_end_matches('/');
    let last = match trimmed.rfind('/') {
        Some(i) => &trimmed[i + 1..],
        None => trimmed,
    };
    if last.is_empty() {
        return "/".to_owned();
    }
    last.to_owned()
}

/// Go's `path.Dir`.
fn dir(path: &str) -> String {
    let cut = path.rfind('/').map_or(0, |i| i + 1);
    clean(&path[..cut])
}

/// Go's `path.Ext`.
fn ext(path: &str) -> String {
    for (i, b) in path.bytes().enumerate().rev() {
        if b == b'/' {
            break;
        }
        if b == b'.' {
            return path[i..].to_owned();
        }
    }
    String::new()
}

pub(crate) fn register(map: &mut FuncMap) {
    use ArgType::String;
    for prefix in ["", "os"] {
        let name = |n: &str| {
            if prefix.is_empty() {
                n.to_owned()
            } else {
                let mut c = n.chars();
                let first = c.next().map(|f| f.to_ascii_uppercase()).unwrap_or_default();
                format!("{prefix}{first}{}", c.as_str())
            }
        };
        reg(map, &name("base"), fixed(&[String]), |a| {
            Ok(Value::from(base(arg_str(&a[0]))))
        });
        reg(map, &name("dir"), fixed(&[String]), |a| {
            Ok(Value::from(dir(arg_str(&a[0]))))
        });
        reg(map, &name("clean"), fixed(&[String]), |a| {
            Ok(Value::from(clean(arg_str(&a[0]))))
        });
        reg(map, &name("ext"), fixed(&[String]), |a| {
            Ok(Value::from(ext(arg_str(&a[0]))))
        });
        reg(map, &name("isAbs"), fixed(&[String]), |a| {
            Ok(Value::Bool(arg_str(&a[0]).starts_with('/')))
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_matches_go() {
        for (input, want) in [
            ("", "."),
            ("a/c", "a/c"),
            ("a//c", "a/c"),
            ("a/c/.", "a/c"),
            ("a/c/b/..", "a/c"),
            ("/../a/c", "/a/c"),
            ("../../a", "../../a"),
            ("a/../..", ".."),
            ("/", "/"),
            ("abc/def/../../..", ".."),
            ("/abc/def/../../..", "/"),
        ] {
            assert_eq!(clean(input), want, "clean({input:?})");
        }
    }

    #[test]
    fn base_dir_ext() {
        assert_eq!(base("/a/b/"), "b");
        assert_eq!(base("///"), "/");
        assert_eq!(dir("/a/b"), "/a");
        assert_eq!(dir("b"), ".");
        assert_eq!(ext("a/b.tar.gz"), ".gz");
        assert_eq!(ext("a.b/c"), "");
    }
}
