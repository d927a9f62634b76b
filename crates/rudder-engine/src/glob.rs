//! Glob patterns as `.Files.Glob` compiles them: gobwas/glob with `/` as the separator.
//!
//! `*` matches any run of characters except `/`, `**` any run at all, `?` one character other
//! than `/`, `[abc]`, `[a-z]` and `[!abc]` one character of (or not of) a class, `{a,b}` one of
//! the alternatives (which may hold patterns themselves), and `\` escapes the next character.
//! Unlike shell globs, `**` needs no path-component boundary: `a**z` matches `a/b/z`.

/// A compiled pattern.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Glob {
    tokens: Vec<Token>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum Token {
    Char(char),
    Any,
    Super,
    Single,
    Class {
        negated: bool,
        items: Vec<(char, char)>,
    },
    Alt(Vec<Vec<Token>>),
}

impl Glob {
    /// Compiles `pattern`; `None` when it is malformed (an unclosed `[` or `{`, a dangling `\`).
    pub(crate) fn compile(pattern: &str) -> Option<Glob> {
        let chars: Vec<char> = pattern.chars().collect();
        let mut pos = 0;
        let tokens = parse_seq(&chars, &mut pos, false)?;
        (pos == chars.len()).then_some(Glob { tokens })
    }

    /// True when the whole of `name` matches.
    pub(crate) fn matches(&self, name: &str) -> bool {
        let chars: Vec<char> = name.chars().collect();
        match_seq(&self.tokens, &chars, &[])
    }
}

/// Parses tokens up to the end of input or, inside braces, up to an unescaped `,` or `}`.
fn parse_seq(chars: &[char], pos: &mut usize, in_alt: bool) -> Option<Vec<Token>> {
    let mut tokens = Vec::new();
    while *pos < chars.len() {
        let c = chars[*pos];
        match c {
            ',' | '}' if in_alt => return Some(tokens),
            '\\' => {
                let escaped = *chars.get(*pos + 1)?;
                tokens.push(Token::Char(escaped));
                *pos += 2;
            }
            '*' => {
                if chars.get(*pos + 1) == Some(&'*') {
                    tokens.push(Token::Super);
                    *pos += 2;
                } else {
                    tokens.push(Token::Any);
                    *pos += 1;
                }
            }
            '?' => {
                tokens.push(Token::Single);
                *pos += 1;
            }
            '[' => {
                *pos += 1;
                tokens.push(parse_class(chars, pos)?);
            }
            '{' => {
                *pos += 1;
                let mut alternatives = Vec::new();
                loop {
                    alternatives.push(parse_seq(chars, pos, true)?);
                    match chars.get(*pos) {
                        Some(',') => *pos += 1,
                        Some('}') => {
                            *pos += 1;
                            break;
                        }
                        _ => return None,
                    }
                }
                tokens.push(Token::Alt(alternatives));
            }
            _ => {
                tokens.push(Token::Char(c));
                *pos += 1;
            }
        }
    }
    if in_alt {
        // Ran out of input inside `{...}`.
        return None;
    }
    Some(tokens)
}

/// Parses a class after its `[`, through its `]`.
fn parse_class(chars: &[char], pos: &mut usize) -> Option<Token> {
    let negated = chars.get(*pos) == Some(&'!');
    if negated {
        *pos += 1;
    }
    let mut items = Vec::new();
    loop {
        let c = *chars.get(*pos)?;
        if c == ']' {
            *pos += 1;
            break;
        }
        let lo = if c == '\\' {
            *pos += 1;
            *chars.get(*pos)?
        } else {
            c
        };
        *pos += 1;
        if chars.get(*pos) == Some(&'-') && chars.get(*pos + 1).is_some_and(|&n| n != ']') {
            let hi = chars[*pos + 1];
            *pos += 2;
            items.push((lo, hi));
        } else {
            items.push((lo, lo));
        }
    }
    Some(Token::Class { negated, items })
}

/// Matches `tokens` followed by `rest` (the tokens after an enclosing alternative) against
/// the whole of `name`.
fn match_seq(tokens: &[Token], name: &[char], rest: &[&[Token]]) -> bool {
    let Some((first, tail)) = tokens.split_first() else {
        return match rest.split_first() {
            Some((next, outer)) => match_seq(next, name, outer),
            None => name.is_empty(),
        };
    };
    match first {
        Token::Char(c) => name.first() == Some(c) && match_seq(tail, &name[1..], rest),
        Token::Single => {
            name.first().is_some_and(|&c| c != '/') && match_seq(tail, &name[1..], rest)
        }
        Token::Class { negated, items } => {
            name.first()
                .is_some_and(|&c| items.iter().any(|&(lo, hi)| lo <= c && c <= hi) != *negated)
                && match_seq(tail, &name[1..], rest)
        }
        Token::Any => {
            for skip in 0..=name.len() {
                if match_seq(tail, &name[skip..], rest) {
                    return true;
                }
                if name.get(skip) == Some(&'/') {
                    break;
                }
            }
            false
        }
        Token::Super => (0..=name.len()).any(|skip| match_seq(tail, &name[skip..], rest)),
        Token::Alt(alternatives) => {
            let mut outer: Vec<&[Token]> = Vec::with_capacity(rest.len() + 1);
            outer.push(tail);
            outer.extend_from_slice(rest);
            alternatives.iter().any(|alt| match_seq(alt, name, &outer))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Glob;

    fn m(pattern: &str, name: &str) -> bool {
        Glob::compile(pattern).expect("valid pattern").matches(name)
    }

    #[test]
    fn star_stops_at_separator() {
        assert!(m("ship/*", "ship/captain.txt"));
        assert!(!m("*", "ship/captain.txt"));
        assert!(m("*.txt", "a.txt"));
    }

    #[test]
    fn super_star_crosses_separators() {
        assert!(m("story/**", "story/author.txt"));
        assert!(m("**/captain.txt", "ship/captain.txt"));
        assert!(m("**", "a/b/c"));
        assert!(m("a**z", "a/b/z"));
        assert!(!m("story/**", "ship/x"));
    }

    #[test]
    fn classes_single_and_alternatives() {
        assert!(m("file?.txt", "file1.txt"));
        assert!(!m("a?b", "a/b"));
        assert!(m("[a-c]x", "bx"));
        assert!(!m("[!a-c]x", "bx"));
        assert!(m("{ship,story}/*.txt", "story/name.txt"));
        assert!(m("conf/{*.yaml,*.json}", "conf/a.json"));
        assert!(!m("{a,b}", "c"));
    }

    #[test]
    fn malformed_patterns_do_not_compile() {
        assert!(Glob::compile("[abc").is_none());
        assert!(Glob::compile("{a,b").is_none());
        assert!(Glob::compile("a\\").is_none());
    }
}
