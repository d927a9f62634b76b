//! The template lexer, a port of Go's `text/template/parse/lex.go` (Go 1.26).
//!
//! The lexer is a state machine that hands out one [`Item`] per call to [`Lexer::next_item`].
//! Trim markers (`{{- ` and ` -}}`) are handled here: the parser never sees the trimmed space.
//! Lexical errors come out as an [`ItemType::Error`] item whose value is Go's message, after
//! which the lexer only reports the end of input.

use std::borrow::Cow;
use std::fmt;

use crate::node::Pos;

/// The kinds of lexical items, in Go's order (keywords sort after [`ItemType::Keyword`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ItemType {
    /// An error occurred; the value is the text of the error.
    Error,
    /// `true` or `false`.
    Bool,
    /// A printable ASCII character; grab bag for comma etc.
    Char,
    /// A character constant such as `'a'`.
    CharConstant,
    /// A comment, `/* ... */`, emitted only when comments are kept.
    Comment,
    /// A complex constant `1+2i` (a lone imaginary number is a [`ItemType::Number`]).
    Complex,
    /// `=` introducing an assignment.
    Assign,
    /// `:=` introducing a declaration.
    Declare,
    /// End of input.
    Eof,
    /// An alphanumeric identifier starting with `.`.
    Field,
    /// An alphanumeric identifier not starting with `.`.
    Identifier,
    /// The left action delimiter.
    LeftDelim,
    /// `(` inside an action.
    LeftParen,
    /// A simple number, including imaginary ones.
    Number,
    /// `|`
    Pipe,
    /// A raw quoted string (includes the back quotes).
    RawString,
    /// The right action delimiter.
    RightDelim,
    /// `)` inside an action.
    RightParen,
    /// A run of spaces separating arguments.
    Space,
    /// A quoted string (includes the quotes).
    String,
    /// Plain text outside actions.
    Text,
    /// A variable: `$`, `$x`, `$1`.
    Variable,
    /// Only delimits the keywords; never produced.
    Keyword,
    /// `block`
    Block,
    /// `break`
    Break,
    /// `continue`
    Continue,
    /// `.`, the cursor.
    Dot,
    /// `define`
    Define,
    /// `else`
    Else,
    /// `end`
    End,
    /// `if`
    If,
    /// `nil`, the untyped nil constant.
    Nil,
    /// `range`
    Range,
    /// `template`
    Template,
    /// `with`
    With,
}

impl ItemType {
    /// Whether this is a keyword (Go's `typ > itemKeyword`).
    pub fn is_keyword(self) -> bool {
        self > ItemType::Keyword
    }
}

/// A token or text string returned from the lexer.
#[derive(Clone, Debug, PartialEq)]
pub struct Item<'a> {
    /// The type of this item.
    pub typ: ItemType,
    /// The starting byte offset of this item in the input.
    pub pos: Pos,
    /// The value of this item (for errors, Go's message).
    pub val: Cow<'a, str>,
    /// The 1-based line number at the start of this item.
    pub line: usize,
}

impl Item<'_> {
    /// Go's zero item, used to fill the parser's look-ahead buffer before the first token.
    pub(crate) fn zero() -> Self {
        Item {
            typ: ItemType::Error,
            pos: 0,
            val: Cow::Borrowed(""),
            line: 0,
        }
    }
}

/// Prints the item as Go's `item.String()` does; parse errors quote items this way.
impl fmt::Display for Item<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.typ {
            ItemType::Eof => f.write_str("EOF"),
            ItemType::Error => f.write_str(&self.val),
            t if t.is_keyword() => write!(f, "<{}>", self.val),
            _ if self.val.len() > 10 => {
                // `%.10q...`: the precision truncates to ten runes before quoting.
                let head: String = self.val.chars().take(10).collect();
                write!(f, "{}...", go_quote(&head))
            }
            _ => f.write_str(&go_quote(&self.val)),
        }
    }
}

/// What the parser tells the lexer before it starts.
#[derive(Clone, Copy, Debug, Default)]
pub struct LexOptions {
    /// Emit [`ItemType::Comment`] items instead of dropping comments.
    pub emit_comment: bool,
    /// `break` is a keyword (false when a function named `break` exists).
    pub break_ok: bool,
    /// `continue` is a keyword (false when a function named `continue` exists).
    pub continue_ok: bool,
}

const LEFT_COMMENT: &str = "/*";
const RIGHT_COMMENT: &str = "*/";
/// The characters `{{-`/`-}}` trim; Go's own definition of space.
const SPACE_CHARS: &[char] = &[' ', '\t', '\r', '\n'];
/// A trim marker is `-` plus one space character.
const TRIM_MARKER_LEN: usize = 2;

#[derive(Clone, Copy, Debug)]
enum State {
    Text,
    LeftDelim,
    Comment,
    RightDelim,
    InsideAction,
    Space,
    Quote,
    RawQuote,
    Variable,
    Field,
    Identifier,
    Char,
    Number,
}

enum Step<'a> {
    Next(State),
    Emit(Item<'a>),
}

/// The lexer: scans template text into [`Item`]s on demand.
pub struct Lexer<'a> {
    /// The whole source, kept for line numbers after an error empties `input`.
    src: &'a str,
    input: &'a str,
    left_delim: &'a str,
    right_delim: &'a str,
    pos: Pos,
    start: Pos,
    at_eof: bool,
    paren_depth: i64,
    inside_action: bool,
    options: LexOptions,
    /// Cache for line numbers: `line_num` is the line at byte `line_pos`.
    line_pos: usize,
    line_num: usize,
}

impl<'a> Lexer<'a> {
    /// A lexer for `input` with these delimiters (empty means Go's defaults `{{` and `}}`).
    pub fn new(
        input: &'a str,
        left_delim: &'a str,
        right_delim: &'a str,
        options: LexOptions,
    ) -> Self {
        Lexer {
            src: input,
            input,
            left_delim: if left_delim.is_empty() {
                "{{"
            } else {
                left_delim
            },
            right_delim: if right_delim.is_empty() {
                "}}"
            } else {
                right_delim
            },
            pos: 0,
            start: 0,
            at_eof: false,
            paren_depth: 0,
            inside_action: false,
            options,
            line_pos: 0,
            line_num: 1,
        }
    }

    /// Changes the options (Go sets them when each tree starts parsing).
    pub fn set_options(&mut self, options: LexOptions) {
        self.options = options;
    }

    /// Scans and returns the next item.
    pub fn next_item(&mut self) -> Item<'a> {
        let mut state = if self.inside_action {
            State::InsideAction
        } else {
            State::Text
        };
        loop {
            let step = match state {
                State::Text => self.lex_text(),
                State::LeftDelim => self.lex_left_delim(),
                State::Comment => self.lex_comment(),
                State::RightDelim => self.lex_right_delim(),
                State::InsideAction => self.lex_inside_action(),
                State::Space => self.lex_space(),
                State::Quote => self.lex_quote(),
                State::RawQuote => self.lex_raw_quote(),
                State::Variable => self.lex_variable(),
                State::Field => self.lex_field_or_variable(ItemType::Field),
                State::Identifier => self.lex_identifier(),
                State::Char => self.lex_char(),
                State::Number => self.lex_number(),
            };
            match step {
                Step::Next(next) => state = next,
                Step::Emit(item) => return item,
            }
        }
    }

    fn rest(&self) -> &'a str {
        self.input.get(self.pos..).unwrap_or("")
    }

    fn rest_from(&self, pos: usize) -> &'a str {
        self.input.get(pos..).unwrap_or("")
    }

    fn next(&mut self) -> Option<char> {
        let Some(r) = self.rest().chars().next() else {
            self.at_eof = true;
            return None;
        };
        self.pos += r.len_utf8();
        Some(r)
    }

    fn peek(&mut self) -> Option<char> {
        let r = self.next();
        self.backup();
        r
    }

    /// Steps back one rune; a no-op once the end of input has been seen, as in Go.
    fn backup(&mut self) {
        if !self.at_eof
            && self.pos > 0
            && let Some(r) = self
                .input
                .get(..self.pos)
                .and_then(|s| s.chars().next_back())
        {
            self.pos -= r.len_utf8();
        }
    }

    fn line_of(&mut self, pos: Pos) -> usize {
        let bytes = self.src.as_bytes();
        let pos = pos.min(bytes.len());
        if pos < self.line_pos {
            self.line_pos = 0;
            self.line_num = 1;
        }
        self.line_num += count_newlines(&bytes[self.line_pos..pos]);
        self.line_pos = pos;
        self.line_num
    }

    fn this_item(&mut self, typ: ItemType) -> Item<'a> {
        let val = self.input.get(self.start..self.pos).unwrap_or("");
        let line = self.line_of(self.start);
        let item = Item {
            typ,
            pos: self.start,
            val: Cow::Borrowed(val),
            line,
        };
        self.start = self.pos;
        item
    }

    fn emit(&mut self, typ: ItemType) -> Step<'a> {
        Step::Emit(self.this_item(typ))
    }

    fn ignore(&mut self) {
        self.start = self.pos;
    }

    fn accept(&mut self, valid: &str) -> bool {
        if self.next().is_some_and(|r| valid.contains(r)) {
            return true;
        }
        self.backup();
        false
    }

    fn accept_run(&mut self, valid: &str) {
        while self.next().is_some_and(|r| valid.contains(r)) {}
        self.backup();
    }

    /// Reports an error item and empties the input, which ends the scan.
    fn errorf(&mut self, message: String) -> Step<'a> {
        let line = self.line_of(self.start);
        let item = Item {
            typ: ItemType::Error,
            pos: self.start,
            val: Cow::Owned(message),
            line,
        };
        self.start = 0;
        self.pos = 0;
        self.input = "";
        Step::Emit(item)
    }

    fn lex_text(&mut self) -> Step<'a> {
        if let Some(x) = self.rest().find(self.left_delim) {
            if x > 0 {
                self.pos += x;
                let delim_end = self.pos + self.left_delim.len();
                let trim_length = if has_left_trim_marker(self.rest_from(delim_end)) {
                    let text = self.input.get(self.start..self.pos).unwrap_or("");
                    text.len() - text.trim_end_matches(SPACE_CHARS).len()
                } else {
                    0
                };
                self.pos -= trim_length;
                let item = self.this_item(ItemType::Text);
                self.pos += trim_length;
                self.ignore();
                if !item.val.is_empty() {
                    return Step::Emit(item);
                }
            }
            return Step::Next(State::LeftDelim);
        }
        self.pos = self.input.len();
        if self.pos > self.start {
            return self.emit(ItemType::Text);
        }
        self.emit(ItemType::Eof)
    }

    fn at_right_delim(&self) -> (bool, bool) {
        let rest = self.rest();
        if has_right_trim_marker(rest)
            && rest
                .get(TRIM_MARKER_LEN..)
                .is_some_and(|r| r.starts_with(self.right_delim))
        {
            return (true, true);
        }
        if rest.starts_with(self.right_delim) {
            return (true, false);
        }
        (false, false)
    }

    fn lex_left_delim(&mut self) -> Step<'a> {
        self.pos += self.left_delim.len();
        let trim_space = has_left_trim_marker(self.rest());
        let after_marker = if trim_space { TRIM_MARKER_LEN } else { 0 };
        if self
            .rest_from(self.pos + after_marker)
            .starts_with(LEFT_COMMENT)
        {
            self.pos += after_marker;
            self.ignore();
            return Step::Next(State::Comment);
        }
        let item = self.this_item(ItemType::LeftDelim);
        self.inside_action = true;
        self.pos += after_marker;
        self.ignore();
        self.paren_depth = 0;
        Step::Emit(item)
    }

    fn lex_comment(&mut self) -> Step<'a> {
        self.pos += LEFT_COMMENT.len();
        let Some(x) = self.rest().find(RIGHT_COMMENT) else {
            return self.errorf("unclosed comment".to_string());
        };
        self.pos += x + RIGHT_COMMENT.len();
        let (delim, trim_space) = self.at_right_delim();
        if !delim {
            return self.errorf("comment ends before closing delimiter".to_string());
        }
        let item = self.this_item(ItemType::Comment);
        if trim_space {
            self.pos += TRIM_MARKER_LEN;
        }
        self.pos += self.right_delim.len();
        if trim_space {
            self.pos += left_trim_length(self.rest());
        }
        self.ignore();
        if self.options.emit_comment {
            return Step::Emit(item);
        }
        Step::Next(State::Text)
    }

    fn lex_right_delim(&mut self) -> Step<'a> {
        let (_, trim_space) = self.at_right_delim();
        if trim_space {
            self.pos += TRIM_MARKER_LEN;
            self.ignore();
        }
        self.pos += self.right_delim.len();
        let item = self.this_item(ItemType::RightDelim);
        if trim_space {
            self.pos += left_trim_length(self.rest());
            self.ignore();
        }
        self.inside_action = false;
        Step::Emit(item)
    }

    fn lex_inside_action(&mut self) -> Step<'a> {
        let (delim, _) = self.at_right_delim();
        if delim {
            if self.paren_depth == 0 {
                return Step::Next(State::RightDelim);
            }
            return self.errorf("unclosed left paren".to_string());
        }
        let Some(r) = self.next() else {
            return self.errorf("unclosed action".to_string());
        };
        match r {
            _ if is_space(r) => {
                // Put the space back in case it starts " -}}".
                self.backup();
                Step::Next(State::Space)
            }
            '=' => self.emit(ItemType::Assign),
            ':' => {
                if self.next() != Some('=') {
                    return self.errorf("expected :=".to_string());
                }
                self.emit(ItemType::Declare)
            }
            '|' => self.emit(ItemType::Pipe),
            '"' => Step::Next(State::Quote),
            '`' => Step::Next(State::RawQuote),
            '$' => Step::Next(State::Variable),
            '\'' => Step::Next(State::Char),
            '.' => {
                // A '.' followed by a digit starts a number; otherwise it is a field or dot.
                if let Some(&b) = self.input.as_bytes().get(self.pos)
                    && !b.is_ascii_digit()
                {
                    return Step::Next(State::Field);
                }
                self.backup();
                Step::Next(State::Number)
            }
            '+' | '-' | '0'..='9' => {
                self.backup();
                Step::Next(State::Number)
            }
            _ if is_alpha_numeric(r) => {
                self.backup();
                Step::Next(State::Identifier)
            }
            '(' => {
                self.paren_depth += 1;
                self.emit(ItemType::LeftParen)
            }
            ')' => {
                self.paren_depth -= 1;
                if self.paren_depth < 0 {
                    return self.errorf("unexpected right paren".to_string());
                }
                self.emit(ItemType::RightParen)
            }
            _ if r.is_ascii() && is_print(r) => self.emit(ItemType::Char),
            _ => self.errorf(format!(
                "unrecognized character in action: {}",
                go_unicode(r)
            )),
        }
    }

    fn lex_space(&mut self) -> Step<'a> {
        let mut num_spaces = 0;
        while self.peek().is_some_and(is_space) {
            self.next();
            num_spaces += 1;
        }
        // A trim-marked right delimiter starts with a space: leave it for lex_right_delim.
        let last = self.pos.saturating_sub(1);
        let from_last = self.rest_from(last);
        if has_right_trim_marker(from_last)
            && from_last
                .get(TRIM_MARKER_LEN..)
                .is_some_and(|r| r.starts_with(self.right_delim))
        {
            self.backup();
            if num_spaces == 1 {
                return Step::Next(State::RightDelim);
            }
        }
        self.emit(ItemType::Space)
    }

    fn lex_identifier(&mut self) -> Step<'a> {
        loop {
            let r = self.next();
            if r.is_some_and(is_alpha_numeric) {
                continue;
            }
            self.backup();
            if !self.at_terminator() {
                return self.errorf(format!("bad character {}", go_unicode_opt(r)));
            }
            let word = self.input.get(self.start..self.pos).unwrap_or("");
            let typ = match keyword(word) {
                Some(ItemType::Break) if !self.options.break_ok => ItemType::Identifier,
                Some(ItemType::Continue) if !self.options.continue_ok => ItemType::Identifier,
                Some(k) => k,
                None if word == "true" || word == "false" => ItemType::Bool,
                None => ItemType::Identifier,
            };
            return self.emit(typ);
        }
    }

    fn lex_variable(&mut self) -> Step<'a> {
        if self.at_terminator() {
            return self.emit(ItemType::Variable);
        }
        self.lex_field_or_variable(ItemType::Variable)
    }

    fn lex_field_or_variable(&mut self, typ: ItemType) -> Step<'a> {
        if self.at_terminator() {
            // Nothing interesting follows: "." or "$".
            if typ == ItemType::Variable {
                return self.emit(ItemType::Variable);
            }
            return self.emit(ItemType::Dot);
        }
        let r = loop {
            let r = self.next();
            if !r.is_some_and(is_alpha_numeric) {
                self.backup();
                break r;
            }
        };
        if !self.at_terminator() {
            return self.errorf(format!("bad character {}", go_unicode_opt(r)));
        }
        self.emit(typ)
    }

    /// Whether the input is at a character that may follow an identifier.
    fn at_terminator(&mut self) -> bool {
        match self.peek() {
            None => true,
            Some(r) if is_space(r) => true,
            Some('.' | ',' | '|' | ':' | ')' | '(') => true,
            Some(_) => self.rest().starts_with(self.right_delim),
        }
    }

    fn lex_char(&mut self) -> Step<'a> {
        loop {
            match self.next() {
                Some('\\') => match self.next() {
                    Some(r) if r != '\n' => {}
                    _ => return self.errorf("unterminated character constant".to_string()),
                },
                None | Some('\n') => {
                    return self.errorf("unterminated character constant".to_string());
                }
                Some('\'') => break,
                Some(_) => {}
            }
        }
        self.emit(ItemType::CharConstant)
    }

    fn lex_number(&mut self) -> Step<'a> {
        if !self.scan_number() {
            return self.bad_number();
        }
        if let Some('+' | '-') = self.peek() {
            // Complex: 1+2i. No spaces, must end in 'i'.
            if !self.scan_number()
                || self.input.as_bytes().get(self.pos.wrapping_sub(1)) != Some(&b'i')
            {
                return self.bad_number();
            }
            return self.emit(ItemType::Complex);
        }
        self.emit(ItemType::Number)
    }

    fn bad_number(&mut self) -> Step<'a> {
        let text = self.input.get(self.start..self.pos).unwrap_or("");
        self.errorf(format!("bad number syntax: {}", go_quote(text)))
    }

    fn scan_number(&mut self) -> bool {
        self.accept("+-");
        let mut digits = "0123456789_";
        if self.accept("0") {
            // A leading 0 does not mean octal in floats.
            if self.accept("xX") {
                digits = "0123456789abcdefABCDEF_";
            } else if self.accept("oO") {
                digits = "01234567_";
            } else if self.accept("bB") {
                digits = "01_";
            }
        }
        self.accept_run(digits);
        if self.accept(".") {
            self.accept_run(digits);
        }
        if digits.len() == 10 + 1 && self.accept("eE") {
            self.accept("+-");
            self.accept_run("0123456789_");
        }
        if digits.len() == 16 + 6 + 1 && self.accept("pP") {
            self.accept("+-");
            self.accept_run("0123456789_");
        }
        self.accept("i");
        // The next thing mustn't be alphanumeric.
        if self.peek().is_some_and(is_alpha_numeric) {
            self.next();
            return false;
        }
        true
    }

    fn lex_quote(&mut self) -> Step<'a> {
        loop {
            match self.next() {
                Some('\\') => match self.next() {
                    Some(r) if r != '\n' => {}
                    _ => return self.errorf("unterminated quoted string".to_string()),
                },
                None | Some('\n') => return self.errorf("unterminated quoted string".to_string()),
                Some('"') => break,
                Some(_) => {}
            }
        }
        self.emit(ItemType::String)
    }

    fn lex_raw_quote(&mut self) -> Step<'a> {
        loop {
            match self.next() {
                None => return self.errorf("unterminated raw quoted string".to_string()),
                Some('`') => break,
                Some(_) => {}
            }
        }
        self.emit(ItemType::RawString)
    }
}

#[expect(
    clippy::naive_bytecount,
    reason = "lines are counted once per item; not worth a bytecount dependency"
)]
pub(crate) fn count_newlines(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| b == b'\n').count()
}

fn keyword(word: &str) -> Option<ItemType> {
    Some(match word {
        "." => ItemType::Dot,
        "block" => ItemType::Block,
        "break" => ItemType::Break,
        "continue" => ItemType::Continue,
        "define" => ItemType::Define,
        "else" => ItemType::Else,
        "end" => ItemType::End,
        "if" => ItemType::If,
        "range" => ItemType::Range,
        "nil" => ItemType::Nil,
        "template" => ItemType::Template,
        "with" => ItemType::With,
        _ => return None,
    })
}

/// `- ` after a left delimiter (any of Go's space characters counts as the space).
fn has_left_trim_marker(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() >= 2 && b[0] == b'-' && is_space(char::from(b[1]))
}

/// ` -` before a right delimiter.
fn has_right_trim_marker(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() >= 2 && is_space(char::from(b[0])) && b[1] == b'-'
}

fn left_trim_length(s: &str) -> usize {
    s.len() - s.trim_start_matches(SPACE_CHARS).len()
}

/// Go's `isSpace` in the lexer: space, tab and the two line ends.
fn is_space(r: char) -> bool {
    matches!(r, ' ' | '\t' | '\r' | '\n')
}

/// Go's `isAlphaNumeric`: `_`, a Unicode letter or a decimal digit.
pub(crate) fn is_alpha_numeric(r: char) -> bool {
    if r.is_ascii() {
        return r == '_' || r.is_ascii_alphanumeric();
    }
    is_letter(r) || is_decimal_digit(r)
}

/// Approximates Go's `unicode.IsLetter` (category L) with Rust's Alphabetic property minus the
/// letter-like numbers (category Nl) that Alphabetic includes.
fn is_letter(r: char) -> bool {
    r.is_alphabetic()
        && !matches!(r,
            '\u{16EE}'..='\u{16F0}'
            | '\u{2160}'..='\u{2182}'
            | '\u{2185}'..='\u{2188}'
            | '\u{3007}'
            | '\u{3021}'..='\u{3029}'
            | '\u{3038}'..='\u{303A}')
}

/// Approximates Go's `unicode.IsDigit` (category Nd): Rust's numeric property minus the common
/// other-number (No) and letter-number (Nl) blocks.
fn is_decimal_digit(r: char) -> bool {
    r.is_numeric()
        && !r.is_alphabetic()
        && !matches!(r,
            '\u{B2}' | '\u{B3}' | '\u{B9}' | '\u{BC}'..='\u{BE}'
            | '\u{2070}'..='\u{209F}'
            | '\u{2150}'..='\u{218F}'
            | '\u{2460}'..='\u{24FF}'
            | '\u{2776}'..='\u{2793}'
            | '\u{3192}'..='\u{3195}'
            | '\u{3220}'..='\u{3229}'
            | '\u{3248}'..='\u{324F}'
            | '\u{3251}'..='\u{325F}'
            | '\u{3280}'..='\u{3289}'
            | '\u{32B1}'..='\u{32BF}')
}

/// Go's `unicode.IsPrint`.
pub(crate) fn is_print(r: char) -> bool {
    rudder_value::strconv::is_print(r)
}

/// Go's `%#U`: `U+0041 'A'`, or just `U+0007` when the rune is not printable.
pub(crate) fn go_unicode(r: char) -> String {
    if is_print(r) {
        format!("U+{:04X} '{r}'", u32::from(r))
    } else {
        format!("U+{:04X}", u32::from(r))
    }
}

fn go_unicode_opt(r: Option<char>) -> String {
    match r {
        Some(r) => go_unicode(r),
        // Go formats its eof rune, -1, this way.
        None => "U+FFFFFFFFFFFFFFFF".to_string(),
    }
}

/// Go's `strconv.Quote` (which `%q` uses).
pub(crate) fn go_quote(s: &str) -> String {
    rudder_value::strconv::quote(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Lexes `input` and renders every item as `TYPE:value`, the way Go's lex tests list them.
    fn lex_all(input: &str, left: &str, right: &str) -> Vec<(ItemType, String)> {
        let mut l = Lexer::new(
            input,
            left,
            right,
            LexOptions {
                emit_comment: true,
                break_ok: true,
                continue_ok: true,
            },
        );
        let mut items = Vec::new();
        loop {
            let item = l.next_item();
            let done = matches!(item.typ, ItemType::Eof | ItemType::Error);
            items.push((item.typ, item.val.into_owned()));
            if done || items.len() > 1000 {
                return items;
            }
        }
    }

    fn lex(input: &str) -> Vec<(ItemType, String)> {
        lex_all(input, "", "")
    }

    use ItemType as T;

    fn it(t: ItemType, v: &str) -> (ItemType, String) {
        (t, v.to_string())
    }

    fn eof() -> (ItemType, String) {
        it(T::Eof, "")
    }
    fn l() -> (ItemType, String) {
        it(T::LeftDelim, "{{")
    }
    fn r() -> (ItemType, String) {
        it(T::RightDelim, "}}")
    }
    fn sp() -> (ItemType, String) {
        it(T::Space, " ")
    }

    #[test]
    fn empty_and_text() {
        assert_eq!(lex(""), vec![eof()]);
        assert_eq!(lex(" \t\n"), vec![it(T::Text, " \t\n"), eof()]);
        assert_eq!(
            lex("now is the time"),
            vec![it(T::Text, "now is the time"), eof()]
        );
    }

    #[test]
    fn comments() {
        assert_eq!(
            lex("hello-{{/* this is a comment */}}-world"),
            vec![
                it(T::Text, "hello-"),
                it(T::Comment, "/* this is a comment */"),
                it(T::Text, "-world"),
                eof()
            ]
        );
        assert_eq!(
            lex("hello-\n{{- /* c */ -}}\n-world"),
            vec![
                it(T::Text, "hello-"),
                it(T::Comment, "/* c */"),
                it(T::Text, "-world"),
                eof()
            ]
        );
    }

    #[test]
    fn punctuation() {
        assert_eq!(
            lex("{{,@% }}"),
            vec![
                l(),
                it(T::Char, ","),
                it(T::Char, "@"),
                it(T::Char, "%"),
                sp(),
                r(),
                eof()
            ]
        );
        assert_eq!(
            lex("{{((3))}}"),
            vec![
                l(),
                it(T::LeftParen, "("),
                it(T::LeftParen, "("),
                it(T::Number, "3"),
                it(T::RightParen, ")"),
                it(T::RightParen, ")"),
                r(),
                eof()
            ]
        );
    }

    #[test]
    fn numbers_and_constants() {
        assert_eq!(
            lex("{{1 02 0x14 0X14 -7.2i 1e3 1E3 +1.2e-4 4.2i 1+2i 1_2 0x1.e_fp4 0X1.E_FP4}}"),
            vec![
                l(),
                it(T::Number, "1"),
                sp(),
                it(T::Number, "02"),
                sp(),
                it(T::Number, "0x14"),
                sp(),
                it(T::Number, "0X14"),
                sp(),
                it(T::Number, "-7.2i"),
                sp(),
                it(T::Number, "1e3"),
                sp(),
                it(T::Number, "1E3"),
                sp(),
                it(T::Number, "+1.2e-4"),
                sp(),
                it(T::Number, "4.2i"),
                sp(),
                it(T::Complex, "1+2i"),
                sp(),
                it(T::Number, "1_2"),
                sp(),
                it(T::Number, "0x1.e_fp4"),
                sp(),
                it(T::Number, "0X1.E_FP4"),
                r(),
                eof()
            ]
        );
        assert_eq!(
            lex(r"{{'a' '\n' '\'' '\\' '\u00FF' '\xFF' '本'}}"),
            vec![
                l(),
                it(T::CharConstant, "'a'"),
                sp(),
                it(T::CharConstant, r"'\n'"),
                sp(),
                it(T::CharConstant, r"'\''"),
                sp(),
                it(T::CharConstant, r"'\\'"),
                sp(),
                it(T::CharConstant, r"'\u00FF'"),
                sp(),
                it(T::CharConstant, r"'\xFF'"),
                sp(),
                it(T::CharConstant, "'本'"),
                r(),
                eof()
            ]
        );
        assert_eq!(
            lex("{{true false nil}}"),
            vec![
                l(),
                it(T::Bool, "true"),
                sp(),
                it(T::Bool, "false"),
                sp(),
                it(T::Nil, "nil"),
                r(),
                eof()
            ]
        );
    }

    #[test]
    fn strings() {
        assert_eq!(
            lex(r#"{{"abc \n\t\" "}}"#),
            vec![l(), it(T::String, r#""abc \n\t\" ""#), r(), eof()]
        );
        assert_eq!(
            lex("{{`abc\n\t\" `}}"),
            vec![l(), it(T::RawString, "`abc\n\t\" `"), r(), eof()]
        );
    }

    #[test]
    fn fields_variables_and_keywords() {
        assert_eq!(
            lex("{{.x . .2 .x.y.z}}"),
            vec![
                l(),
                it(T::Field, ".x"),
                sp(),
                it(T::Dot, "."),
                sp(),
                it(T::Number, ".2"),
                sp(),
                it(T::Field, ".x"),
                it(T::Field, ".y"),
                it(T::Field, ".z"),
                r(),
                eof()
            ]
        );
        assert_eq!(
            lex("{{range if else end with break continue define block template}}"),
            vec![
                l(),
                it(T::Range, "range"),
                sp(),
                it(T::If, "if"),
                sp(),
                it(T::Else, "else"),
                sp(),
                it(T::End, "end"),
                sp(),
                it(T::With, "with"),
                sp(),
                it(T::Break, "break"),
                sp(),
                it(T::Continue, "continue"),
                sp(),
                it(T::Define, "define"),
                sp(),
                it(T::Block, "block"),
                sp(),
                it(T::Template, "template"),
                r(),
                eof()
            ]
        );
        assert_eq!(
            lex("{{$c := printf $ $hello $23 $ $var.Field .Method}}"),
            vec![
                l(),
                it(T::Variable, "$c"),
                sp(),
                it(T::Declare, ":="),
                sp(),
                it(T::Identifier, "printf"),
                sp(),
                it(T::Variable, "$"),
                sp(),
                it(T::Variable, "$hello"),
                sp(),
                it(T::Variable, "$23"),
                sp(),
                it(T::Variable, "$"),
                sp(),
                it(T::Variable, "$var"),
                it(T::Field, ".Field"),
                sp(),
                it(T::Field, ".Method"),
                r(),
                eof()
            ]
        );
        assert_eq!(
            lex("{{$x = 1}}"),
            vec![
                l(),
                it(T::Variable, "$x"),
                sp(),
                it(T::Assign, "="),
                sp(),
                it(T::Number, "1"),
                r(),
                eof()
            ]
        );
    }

    #[test]
    fn break_and_continue_are_identifiers_when_functions() {
        let mut l = Lexer::new("{{break}}", "", "", LexOptions::default());
        l.next_item();
        assert_eq!(l.next_item().typ, ItemType::Identifier);
    }

    #[test]
    fn pipeline_and_chain() {
        assert_eq!(
            lex(r#"intro {{echo hi 1.2 |noargs|args 1 "hi"}} outro"#),
            vec![
                it(T::Text, "intro "),
                l(),
                it(T::Identifier, "echo"),
                sp(),
                it(T::Identifier, "hi"),
                sp(),
                it(T::Number, "1.2"),
                sp(),
                it(T::Pipe, "|"),
                it(T::Identifier, "noargs"),
                it(T::Pipe, "|"),
                it(T::Identifier, "args"),
                sp(),
                it(T::Number, "1"),
                sp(),
                it(T::String, "\"hi\""),
                r(),
                it(T::Text, " outro"),
                eof()
            ]
        );
        assert_eq!(
            lex("{{(.X).Y}}"),
            vec![
                l(),
                it(T::LeftParen, "("),
                it(T::Field, ".X"),
                it(T::RightParen, ")"),
                it(T::Field, ".Y"),
                r(),
                eof()
            ]
        );
    }

    #[test]
    fn trim_markers() {
        assert_eq!(
            lex("x \r\n\t{{- 3 -}} \n\t y"),
            vec![
                it(T::Text, "x"),
                l(),
                it(T::Number, "3"),
                r(),
                it(T::Text, "y"),
                eof()
            ]
        );
        // No space after the minus: a negative number, no trimming.
        assert_eq!(
            lex("x {{-3}} y"),
            vec![
                it(T::Text, "x "),
                l(),
                it(T::Number, "-3"),
                r(),
                it(T::Text, " y"),
                eof()
            ]
        );
        // Several spaces before " -}}".
        assert_eq!(
            lex("{{3   -}} y"),
            vec![
                l(),
                it(T::Number, "3"),
                it(T::Space, "  "),
                r(),
                it(T::Text, "y"),
                eof()
            ]
        );
    }

    #[test]
    fn custom_delimiters() {
        assert_eq!(
            lex_all("{{ [[.x]] }}", "[[", "]]"),
            vec![
                it(T::Text, "{{ "),
                it(T::LeftDelim, "[["),
                it(T::Field, ".x"),
                it(T::RightDelim, "]]"),
                it(T::Text, " }}"),
                eof()
            ]
        );
        assert_eq!(
            lex_all("$$- .x -@@", "$$", "@@"),
            vec![
                it(T::LeftDelim, "$$"),
                it(T::Field, ".x"),
                it(T::RightDelim, "@@"),
                eof()
            ]
        );
    }

    #[test]
    fn errors() {
        let last = |s: &str| lex(s).pop().unwrap_or_else(eof);
        assert_eq!(
            last("#{{\u{1}}}"),
            it(T::Error, "unrecognized character in action: U+0001")
        );
        assert_eq!(last("{{"), it(T::Error, "unclosed action"));
        assert_eq!(last("{{range"), it(T::Error, "unclosed action"));
        assert_eq!(
            last("{{\"\n\"}}"),
            it(T::Error, "unterminated quoted string")
        );
        assert_eq!(
            last("{{`xx}}"),
            it(T::Error, "unterminated raw quoted string")
        );
        assert_eq!(
            last("{{'a}}"),
            it(T::Error, "unterminated character constant")
        );
        assert_eq!(last("{{3k}}"), it(T::Error, "bad number syntax: \"3k\""));
        assert_eq!(last("{{(3}}"), it(T::Error, "unclosed left paren"));
        assert_eq!(last("{{3)}}"), it(T::Error, "unexpected right paren"));
        assert_eq!(last("{{/*"), it(T::Error, "unclosed comment"));
        assert_eq!(
            last("{{/* */ }}"),
            it(T::Error, "comment ends before closing delimiter")
        );
        assert_eq!(last("{{.x%}}"), it(T::Error, "bad character U+0025 '%'"));
        assert_eq!(last("{{:x}}"), it(T::Error, "expected :="));
        assert_eq!(last("{{1+2}}"), it(T::Error, "bad number syntax: \"1+2\""));
    }

    #[test]
    fn positions_and_lines() {
        let mut l = Lexer::new("a\n{{.x\n.y}}\nb", "", "", LexOptions::default());
        let items: Vec<_> = std::iter::from_fn(|| {
            let i = l.next_item();
            (i.typ != ItemType::Eof).then_some((i.pos, i.line))
        })
        .collect();
        assert_eq!(
            items,
            vec![(0, 1), (2, 2), (4, 2), (6, 2), (7, 3), (9, 3), (11, 3)]
        );
    }

    #[test]
    fn item_display() {
        let item = |typ, val: &'static str| Item {
            typ,
            pos: 0,
            val: Cow::Borrowed(val),
            line: 1,
        };
        assert_eq!(item(T::Eof, "").to_string(), "EOF");
        assert_eq!(item(T::Dot, ".").to_string(), "<.>");
        assert_eq!(item(T::Char, "}").to_string(), "\"}\"");
        assert_eq!(
            item(T::Text, "0123456789abc").to_string(),
            "\"0123456789\"..."
        );
        assert_eq!(item(T::Text, "é\n").to_string(), "\"é\\n\"");
    }
}
