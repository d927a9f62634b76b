//! `.helmignore` rules, exactly as Helm's `pkg/ignore` evaluates them, over Go's
//! `filepath.Match` (ported here: `*`, `?`, `[...]` classes, `\` escapes).
//!
//! Rules are tried in order and the first decisive one wins. A quirk kept from Helm: a
//! negated rule (`!pattern`) ignores every path it does *not* match and lets evaluation go
//! on for the paths it matches.
//!
//! ```
//! use rudder_chart::ignore::Rules;
//!
//! let mut rules = Rules::parse("*.md\n/build/\n").unwrap();
//! rules.add_defaults();
//! assert!(rules.ignore("docs/README.md", false));
//! assert!(rules.ignore("build", true));
//! assert!(!rules.ignore("templates/build", true));
//! assert!(rules.ignore("templates/.hidden", false));
//! ```

use crate::error::{Error, Result};

/// The file name Helm reads ignore rules from.
pub const HELM_IGNORE: &str = ".helmignore";

#[derive(Debug, Clone)]
enum Kind {
    /// `/pattern`: matched against the whole path.
    Root,
    /// A pattern with a `/`: matched against the whole path.
    Structural,
    /// A pattern without `/`: matched against the base name.
    Base,
}

#[derive(Debug, Clone)]
struct Pattern {
    glob: String,
    kind: Kind,
    negate: bool,
    must_dir: bool,
    shape: Shape,
}

/// Shortcuts for the usual globs, decided once when the rule is read; every path of a chart
/// is tried against every rule.
#[derive(Debug, Clone)]
enum Shape {
    /// No `*`, `?`, `[` or `\`: the name must equal the glob.
    Literal,
    /// `*` then such a literal: the name ends with it and has no `/` before it.
    StarSuffix,
    /// Anything else: Go's `filepath.Match`.
    General,
}

impl Shape {
    fn of(glob: &str) -> Shape {
        let special = |s: &str| s.bytes().any(|b| matches!(b, b'*' | b'?' | b'[' | b'\\'));
        if !special(glob) {
            Shape::Literal
        } else if glob.strip_prefix('*').is_some_and(|rest| !special(rest)) {
            Shape::StarSuffix
        } else {
            Shape::General
        }
    }
}

/// A parsed `.helmignore`.
#[derive(Debug, Clone, Default)]
pub struct Rules {
    patterns: Vec<Pattern>,
}

impl Rules {
    /// No rules.
    pub fn empty() -> Self {
        Rules::default()
    }

    /// Parses `.helmignore` text: one rule per line, `#` comments, blank lines skipped, a BOM
    /// on the first line dropped.
    pub fn parse(text: &str) -> Result<Self> {
        let mut r = Rules::empty();
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        for line in text.lines() {
            r.parse_rule(line)?;
        }
        Ok(r)
    }

    /// Adds Helm's default rule, `templates/.?*` (dotfiles in `templates/`).
    pub fn add_defaults(&mut self) {
        self.parse_rule("templates/.?*")
            .expect("the default rule is a valid pattern");
    }

    fn parse_rule(&mut self, rule: &str) -> Result<()> {
        let rule = rule.trim_matches(crate::gofmt::is_space);
        if rule.is_empty() || rule.starts_with('#') {
            return Ok(());
        }
        if rule.contains("**") {
            return Err(Error::IgnoreDoubleStar);
        }
        go_match(rule, "abc")?;
        let mut rule = rule;
        let negate = if let Some(r) = rule.strip_prefix('!') {
            rule = r;
            true
        } else {
            false
        };
        let must_dir = if let Some(r) = rule.strip_suffix('/') {
            rule = r;
            true
        } else {
            false
        };
        let (pattern, kind) = if let Some(r) = rule.strip_prefix('/') {
            (r, Kind::Root)
        } else if rule.contains('/') {
            (rule, Kind::Structural)
        } else {
            (rule, Kind::Base)
        };
        self.patterns.push(Pattern {
            glob: pattern.to_owned(),
            kind,
            negate,
            must_dir,
            shape: Shape::of(pattern),
        });
        Ok(())
    }

    /// Whether `path` (slash-separated, relative to the chart) is ignored.
    pub fn ignore(&self, path: &str, is_dir: bool) -> bool {
        if path.is_empty() || path == "." || path == "./" {
            return false;
        }
        // Every path meets every rule: find its base name once.
        let base = go_base(path);
        for p in &self.patterns {
            if p.negate {
                if p.must_dir && !is_dir {
                    return true;
                }
                if !p.matches(path, base) {
                    return true;
                }
                continue;
            }
            if p.must_dir && !is_dir {
                continue;
            }
            if p.matches(path, base) {
                return true;
            }
        }
        false
    }
}

impl Pattern {
    /// Whether the rule matches `path`, whose base name (`go_base`) is `base`.
    fn matches(&self, path: &str, base: &str) -> bool {
        let name = match self.kind {
            Kind::Root | Kind::Structural => path,
            Kind::Base => base,
        };
        match self.shape {
            Shape::Literal => name == self.glob,
            Shape::StarSuffix => name
                .strip_suffix(&self.glob[1..])
                .is_some_and(|head| !head.contains('/')),
            Shape::General => go_match(&self.glob, name).unwrap_or(false),
        }
    }
}

/// Go's `filepath.Base` for slash-separated paths.
fn go_base(path: &str) -> &str {
    if path.is_empty() {
        return ".";
    }
    let trimmed = path.trim_end_matches('/');
    if trimmed.is_empty() {
        return "/";
    }
    match trimmed.rfind('/') {
        Some(i) => &trimmed[i + 1..],
        None => trimmed,
    }
}

/// Go's `filepath.Match` on a Unix system: whether `name` matches the shell pattern, or
/// [`Error::BadPattern`] for a malformed pattern.
pub fn go_match(pattern: &str, name: &str) -> Result<bool> {
    let mut pattern = pattern.as_bytes();
    let mut name = name.as_bytes();
    'pattern: while !pattern.is_empty() {
        let (star, chunk, rest) = scan_chunk(pattern);
        pattern = rest;
        if star && chunk.is_empty() {
            return Ok(!name.contains(&b'/'));
        }
        let (t, ok) = match_chunk(chunk, name)?;
        if ok && (t.is_empty() || !pattern.is_empty()) {
            name = t;
            continue;
        }
        if star {
            let mut i = 0;
            while i < name.len() && name[i] != b'/' {
                let (t, ok) = match_chunk(chunk, &name[i + 1..])?;
                if ok {
                    if pattern.is_empty() && !t.is_empty() {
                        i += 1;
                        continue;
                    }
                    name = t;
                    continue 'pattern;
                }
                i += 1;
            }
        }
        // Before failing, make sure the rest of the pattern is well-formed.
        while !pattern.is_empty() {
            let (_, chunk, rest) = scan_chunk(pattern);
            pattern = rest;
            match_chunk(chunk, b"")?;
        }
        return Ok(false);
    }
    Ok(name.is_empty())
}

fn scan_chunk(mut pattern: &[u8]) -> (bool, &[u8], &[u8]) {
    let mut star = false;
    while let [b'*', rest @ ..] = pattern {
        pattern = rest;
        star = true;
    }
    let mut in_range = false;
    let mut i = 0;
    while i < pattern.len() {
        match pattern[i] {
            b'\\' if i + 1 < pattern.len() => i += 1,
            b'[' => in_range = true,
            b']' => in_range = false,
            b'*' if !in_range => break,
            _ => {}
        }
        i += 1;
    }
    (star, &pattern[..i], &pattern[i..])
}

fn decode_rune(s: &[u8]) -> (Option<char>, usize) {
    let len = match s.first() {
        None => return (None, 0),
        Some(b) if *b < 0x80 => 1,
        Some(b) if *b >= 0xF0 => 4,
        Some(b) if *b >= 0xE0 => 3,
        Some(b) if *b >= 0xC0 => 2,
        Some(_) => return (None, 1),
    };
    match s.get(..len).and_then(|b| std::str::from_utf8(b).ok()) {
        Some(text) => (text.chars().next(), len),
        None => (None, 1),
    }
}

/// Go's `matchChunk`: after a failed match it keeps scanning the chunk only to report a
/// malformed pattern.
fn match_chunk<'a>(mut chunk: &[u8], mut s: &'a [u8]) -> Result<(&'a [u8], bool)> {
    let mut failed = false;
    while !chunk.is_empty() {
        if !failed && s.is_empty() {
            failed = true;
        }
        match chunk[0] {
            b'[' => {
                let mut r = None;
                if !failed {
                    let (c, n) = decode_rune(s);
                    r = Some(c.unwrap_or('\u{fffd}'));
                    s = &s[n..];
                }
                chunk = &chunk[1..];
                let negated = chunk.first() == Some(&b'^');
                if negated {
                    chunk = &chunk[1..];
                }
                let mut matched = false;
                let mut nrange = 0;
                loop {
                    if chunk.first() == Some(&b']') && nrange > 0 {
                        chunk = &chunk[1..];
                        break;
                    }
                    let (lo, rest) = get_esc(chunk)?;
                    chunk = rest;
                    let mut hi = lo;
                    if chunk[0] == b'-' {
                        let (h, rest) = get_esc(&chunk[1..])?;
                        hi = h;
                        chunk = rest;
                    }
                    if let Some(r) = r
                        && lo <= r
                        && r <= hi
                    {
                        matched = true;
                    }
                    nrange += 1;
                }
                if matched == negated {
                    failed = true;
                }
            }
            b'?' => {
                if !failed {
                    if s[0] == b'/' {
                        failed = true;
                    }
                    let (_, n) = decode_rune(s);
                    s = &s[n..];
                }
                chunk = &chunk[1..];
            }
            c => {
                let mut c = c;
                if c == b'\\' {
                    chunk = &chunk[1..];
                    if chunk.is_empty() {
                        return Err(Error::BadPattern);
                    }
                    c = chunk[0];
                }
                if !failed {
                    if c != s[0] {
                        failed = true;
                    }
                    s = &s[1..];
                }
                chunk = &chunk[1..];
            }
        }
    }
    if failed {
        return Ok((b"", false));
    }
    Ok((s, true))
}

/// Go's `getEsc`: one possibly escaped character of a class; the rest must not be empty.
fn get_esc(mut chunk: &[u8]) -> Result<(char, &[u8])> {
    if chunk.is_empty() || chunk[0] == b'-' || chunk[0] == b']' {
        return Err(Error::BadPattern);
    }
    if chunk[0] == b'\\' {
        chunk = &chunk[1..];
        if chunk.is_empty() {
            return Err(Error::BadPattern);
        }
    }
    let (r, n) = decode_rune(chunk);
    let Some(r) = r else {
        return Err(Error::BadPattern);
    };
    let rest = &chunk[n..];
    if rest.is_empty() {
        return Err(Error::BadPattern);
    }
    Ok((r, rest))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The literal and `*suffix` shortcuts decide as Go's `filepath.Match` does.
    #[test]
    fn shortcuts_agree_with_go_match() {
        let globs = [
            "abc", "*.tgz", "*", "*c", ".git", "*.orig", "*~", "*.", "a.b",
        ];
        let names = [
            "abc", "x.tgz", ".tgz", "a/b.tgz", "tgz", "", "c", "ab/c", ".git", "a.orig~", "x~",
            "x.", "a.b", "a/b", "abcd",
        ];
        for glob in globs {
            for name in names {
                let p = Pattern {
                    glob: glob.to_owned(),
                    kind: Kind::Structural,
                    negate: false,
                    must_dir: false,
                    shape: Shape::of(glob),
                };
                assert_eq!(
                    p.matches(name, go_base(name)),
                    go_match(glob, name).unwrap(),
                    "{glob:?} on {name:?}"
                );
            }
        }
    }

    #[test]
    fn go_match_cases() {
        // From Go's match_test.go.
        let cases: &[(&str, &str, Option<bool>)] = &[
            ("abc", "abc", Some(true)),
            ("*", "abc", Some(true)),
            ("*c", "abc", Some(true)),
            ("a*", "a", Some(true)),
            ("a*", "abc", Some(true)),
            ("a*", "ab/c", Some(false)),
            ("a*/b", "abc/b", Some(true)),
            ("a*/b", "a/c/b", Some(false)),
            ("a*b*c*d*e*/f", "axbxcxdxe/f", Some(true)),
            ("a*b*c*d*e*/f", "axbxcxdxexxx/f", Some(true)),
            ("a*b*c*d*e*/f", "axbxcxdxe/xxx/f", Some(false)),
            ("a*b*c*d*e*/f", "axbxcxdxexxx/fff", Some(false)),
            ("a*b?c*x", "abxbbxdbxebxczzx", Some(true)),
            ("a*b?c*x", "abxbbxdbxebxczzy", Some(false)),
            ("ab[c]", "abc", Some(true)),
            ("ab[b-d]", "abc", Some(true)),
            ("ab[e-g]", "abc", Some(false)),
            ("ab[^c]", "abc", Some(false)),
            ("ab[^b-d]", "abc", Some(false)),
            ("ab[^e-g]", "abc", Some(true)),
            ("a\\*b", "a*b", Some(true)),
            ("a\\*b", "ab", Some(false)),
            ("a?b", "a☺b", Some(true)),
            ("a[^a]b", "a☺b", Some(true)),
            ("a???b", "a☺b", Some(false)),
            ("a[^a][^a][^a]b", "a☺b", Some(false)),
            ("[a-ζ]*", "α", Some(true)),
            ("*[a-ζ]", "A", Some(false)),
            ("a?b", "a/b", Some(false)),
            ("a*b", "a/b", Some(false)),
            ("[\\]a]", "]", Some(true)),
            ("[\\-]", "-", Some(true)),
            ("[x\\-]", "x", Some(true)),
            ("[x\\-]", "-", Some(true)),
            ("[x\\-]", "z", Some(false)),
            ("[\\-x]", "x", Some(true)),
            ("[\\-x]", "-", Some(true)),
            ("[\\-x]", "a", Some(false)),
            ("[]a]", "]", None),
            ("[-]", "-", None),
            ("[x-]", "x", None),
            ("[x-]", "-", None),
            ("[x-]", "z", None),
            ("[-x]", "x", None),
            ("[-x]", "-", None),
            ("[-x]", "a", None),
            ("\\", "a", None),
            ("[a-b-c]", "a", None),
            ("[", "a", None),
            ("[^", "a", None),
            ("[^bc", "a", None),
            ("a[", "a", None),
            ("a[", "ab", None),
            ("a[", "x", None),
            ("a/b[", "x", None),
            ("*x", "xxx", Some(true)),
        ];
        for (pattern, name, want) in cases {
            let got = go_match(pattern, name).ok();
            assert_eq!(got, *want, "Match({pattern:?}, {name:?})");
        }
    }

    #[test]
    fn helm_ignore_cases() {
        // Helm's pkg/ignore/rules_test.go TestIgnore (cargo and mast are directories there).
        let cases: &[(&str, &str, bool, bool)] = &[
            ("helm.txt", "helm.txt", false, true),
            ("helm.*", "helm.txt", false, true),
            ("helm.*", "rudder.txt", false, false),
            ("*.txt", "tiller.txt", false, true),
            ("*.txt", "cargo/a.txt", false, true),
            ("cargo/*.txt", "cargo/a.txt", false, true),
            ("cargo/*.*", "cargo/a.txt", false, true),
            ("cargo/*.txt", "mast/a.txt", false, false),
            ("ru[c-e]?er.txt", "rudder.txt", false, true),
            ("templates/.?*", "templates/.dotfile", false, true),
            (".*", ".", true, false),
            (".*", "./", true, false),
            (".*", ".joonix", false, true),
            (".*", "helm.txt", false, false),
            (".*", "", true, false),
            ("cargo/", "cargo", true, true),
            ("cargo/", "cargo/", true, true),
            ("cargo/", "mast/", true, false),
            ("helm.txt/", "helm.txt", false, false),
            ("!helm.txt", "helm.txt", false, false),
            ("!helm.txt", "tiller.txt", false, true),
            ("!*.txt", "cargo", true, true),
            ("!cargo/", "mast/", true, true),
            ("/a.txt", "a.txt", false, true),
            ("/a.txt", "cargo/a.txt", false, false),
            ("/cargo/a.txt", "cargo/a.txt", false, true),
        ];
        for (rule, path, is_dir, want) in cases {
            let r = Rules::parse(rule).unwrap();
            assert_eq!(
                r.ignore(path, *is_dir),
                *want,
                "rule {rule:?} path {path:?}"
            );
        }
    }

    #[test]
    fn parse_skips_comments_and_blanks() {
        let r = Rules::parse("#ignore\n\n\t#ignore\nfoo\nbar/*\nbaz/bar/foo.txt\n\none/more\n")
            .unwrap();
        assert_eq!(r.patterns.len(), 4);
        assert!(Rules::parse("[z-").is_err());
    }

    #[test]
    fn short_patterns_never_panic() {
        let alphabet: Vec<char> = "a*?[]^-\\/é".chars().collect();
        let mut frontier = vec![String::new()];
        for _ in 0..4 {
            let mut next = Vec::new();
            for prefix in &frontier {
                for c in &alphabet {
                    let mut p = prefix.clone();
                    p.push(*c);
                    for name in ["", "a", "a/b", "é", "-", "]"] {
                        let _ = go_match(&p, name);
                    }
                    let _ = Rules::parse(&p);
                    next.push(p);
                }
            }
            frontier = next;
        }
    }

    #[test]
    fn bad_rules_fail() {
        assert_eq!(
            Rules::parse("a/**/b").unwrap_err().to_string(),
            "double-star (**) syntax is not supported"
        );
        assert_eq!(
            Rules::parse("[").unwrap_err().to_string(),
            "syntax error in pattern"
        );
    }

    #[test]
    fn dot_paths_are_never_ignored() {
        let r = Rules::parse("*").unwrap();
        assert!(!r.ignore(".", true));
        assert!(!r.ignore("", true));
        assert!(r.ignore("x", false));
    }
}
