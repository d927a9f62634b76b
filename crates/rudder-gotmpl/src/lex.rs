//! The template lexer, a port of Go's `text/template/parse/lex.go` (Go 1.26).
//!
//! The lexer is a state machine that hands out one [`Item`] per call to [`Lexer::next_item`].
//! Trim markers (`{{- ` and ` -}}`) are handled here: the parser never sees the trimmed space.
//! Lexical errors come out as an [`ItemType::Error`] item, with Go's message in
//! [`Lexer::error_message`]; after one the input is empty.

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
///
/// Items borrow their text from the template, so they are `Copy`: the parser's look-ahead
/// moves them around without allocating.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Item<'a> {
    /// The type of this item.
    pub typ: ItemType,
    /// The starting byte offset of this item in the input.
    pub pos: Pos,
    /// The text of this item. Empty for an [`ItemType::Error`] item, whose message
    /// [`Lexer::error_message`] holds.
    pub val: &'a str,
}

/// The position of [`Item::ZERO`], whose line is 0 ([`Lexer::line_of`]).
pub(crate) const NO_POS: Pos = Pos::MAX;

impl Item<'_> {
    /// Go's zero item, used to fill the parser's look-ahead buffer before the first token.
    pub(crate) const ZERO: Item<'static> = Item {
        typ: ItemType::Error,
        pos: NO_POS,
        val: "",
    };
}

/// Prints the item as Go's `item.String()` does; parse errors quote items this way. An error
/// item prints its text, which is empty: print [`Lexer::error_message`] instead.
impl fmt::Display for Item<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.typ {
            ItemType::Eof => f.write_str("EOF"),
            ItemType::Error => f.write_str(self.val),
            t if t.is_keyword() => write!(f, "<{}>", self.val),
            _ if self.val.len() > 10 => {
                // `%.10q...`: the precision truncates to ten runes before quoting.
                let head: String = self.val.chars().take(10).collect();
                write!(f, "{}...", go_quote(&head))
            }
            _ => f.write_str(&go_quote(self.val)),
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

const LEFT_COMMENT: &[u8] = b"/*";
const RIGHT_COMMENT: &str = "*/";
/// A trim marker is `-` plus one space character.
const TRIM_MARKER_LEN: usize = 2;

/// The lexer: scans template text into [`Item`]s on demand.
///
/// It works on bytes: every character with a meaning in the template language is ASCII, and
/// in UTF-8 no byte of a multi-byte character is ASCII, so only identifiers (which may hold
/// letters and digits of any script) and error messages decode characters. Each state of
/// Go's state machine is a method that returns the next item itself.
pub struct Lexer<'a> {
    /// The whole source, kept for line numbers after an error empties `input`.
    src: &'a str,
    input: &'a str,
    left_delim: &'a str,
    right_delim: &'a str,
    pos: Pos,
    start: Pos,
    paren_depth: i64,
    inside_action: bool,
    options: LexOptions,
    /// The message of the last [`ItemType::Error`] item.
    error: String,
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
            paren_depth: 0,
            inside_action: false,
            options,
            error: String::new(),
        }
    }

    /// Changes the options (Go sets them when each tree starts parsing).
    pub fn set_options(&mut self, options: LexOptions) {
        self.options = options;
    }

    /// Go's message for the last [`ItemType::Error`] item returned.
    pub fn error_message(&self) -> &str {
        &self.error
    }

    /// Scans and returns the next item. After an error the input is empty: the lexer then
    /// reports the end of input, or `unclosed action` inside an action, as Go's does.
    pub fn next_item(&mut self) -> Item<'a> {
        if self.inside_action {
            self.lex_inside_action()
        } else {
            self.lex_text()
        }
    }

    fn bytes(&self) -> &'a [u8] {
        self.input.as_bytes()
    }

    fn byte_at(&self, pos: Pos) -> Option<u8> {
        self.input.as_bytes().get(pos).copied()
    }

    /// The character at byte `pos`, which is a character boundary.
    fn char_at(&self, pos: Pos) -> Option<char> {
        match self.byte_at(pos)? {
            b if b.is_ascii() => Some(char::from(b)),
            _ => self.input.get(pos..)?.chars().next(),
        }
    }

    /// The 1-based line of byte `pos` of the source: the line of the item starting there.
    /// Lines are only needed for error messages, so they are counted on demand. The zero
    /// item (the parser's look-ahead before its first token) is on line 0, as in Go.
    pub fn line_of(&self, pos: Pos) -> usize {
        if pos == NO_POS {
            return 0;
        }
        let bytes = self.src.as_bytes();
        1 + count_newlines(&bytes[..pos.min(bytes.len())])
    }

    /// The item of type `typ` from `start` to `end`, which must be character boundaries.
    fn item(&self, typ: ItemType, start: Pos, end: Pos) -> Item<'a> {
        Item {
            typ,
            pos: start,
            val: self.input.get(start..end).unwrap_or(""),
        }
    }

    /// Go's `emit`: the item from `start` to `pos`; the next one starts here.
    fn emit(&mut self, typ: ItemType) -> Item<'a> {
        let item = self.item(typ, self.start, self.pos);
        self.start = self.pos;
        item
    }

    /// Reports an error item and empties the input, which ends the scan.
    fn errorf(&mut self, message: impl Into<String>) -> Item<'a> {
        self.error = message.into();
        let item = Item {
            typ: ItemType::Error,
            pos: self.start,
            val: "",
        };
        self.start = 0;
        self.pos = 0;
        self.input = "";
        item
    }

    /// Text up to the next left delimiter (without the space a `{{- ` trims), then the
    /// delimiter itself; comments are skipped (or returned when kept).
    fn lex_text(&mut self) -> Item<'a> {
        loop {
            let Some(at) = find(self.input, self.pos, self.left_delim) else {
                self.pos = self.input.len();
                if self.pos > self.start {
                    return self.emit(ItemType::Text);
                }
                return self.emit(ItemType::Eof);
            };
            if at > self.pos {
                self.pos = at;
                let mut end = at;
                if has_left_trim_marker(self.bytes(), at + self.left_delim.len()) {
                    let bytes = self.bytes();
                    while end > self.start && is_space(bytes[end - 1]) {
                        end -= 1;
                    }
                }
                let start = self.start;
                self.start = at;
                if end > start {
                    return self.item(ItemType::Text, start, end);
                }
            }
            if let Some(item) = self.lex_left_delim() {
                return item;
            }
        }
    }

    /// The left delimiter, known to be at `pos`; `None` when it opened a comment that was
    /// skipped.
    fn lex_left_delim(&mut self) -> Option<Item<'a>> {
        self.pos += self.left_delim.len();
        let trim_space = has_left_trim_marker(self.bytes(), self.pos);
        let after_marker = self.pos + if trim_space { TRIM_MARKER_LEN } else { 0 };
        if self
            .bytes()
            .get(after_marker..)
            .is_some_and(|rest| rest.starts_with(LEFT_COMMENT))
        {
            self.pos = after_marker;
            self.start = self.pos;
            return self.lex_comment();
        }
        let item = self.emit(ItemType::LeftDelim);
        self.inside_action = true;
        self.pos = after_marker;
        self.start = self.pos;
        self.paren_depth = 0;
        Some(item)
    }

    fn lex_comment(&mut self) -> Option<Item<'a>> {
        self.pos += LEFT_COMMENT.len();
        let Some(end) = find(self.input, self.pos, RIGHT_COMMENT) else {
            return Some(self.errorf("unclosed comment"));
        };
        self.pos = end + RIGHT_COMMENT.len();
        let Some(trim_space) = self.at_right_delim() else {
            return Some(self.errorf("comment ends before closing delimiter"));
        };
        let item = self.emit(ItemType::Comment);
        if trim_space {
            self.pos += TRIM_MARKER_LEN;
        }
        self.pos += self.right_delim.len();
        if trim_space {
            self.skip_space();
        }
        self.start = self.pos;
        self.options.emit_comment.then_some(item)
    }

    /// Whether a right delimiter starts at `pos`: `Some(true)` when it carries a trim marker
    /// (` -}}`), `Some(false)` when it does not.
    fn at_right_delim(&self) -> Option<bool> {
        let bytes = self.bytes();
        let delim = self.right_delim.as_bytes();
        if is_space(*bytes.get(self.pos)?)
            && bytes.get(self.pos + 1) == Some(&b'-')
            && delim_at(bytes, self.pos + TRIM_MARKER_LEN, delim)
        {
            return Some(true);
        }
        delim_at(bytes, self.pos, delim).then_some(false)
    }

    /// The right delimiter, known to be at `pos` (after a trim marker when `trim_space`).
    fn lex_right_delim(&mut self, trim_space: bool) -> Item<'a> {
        if trim_space {
            self.pos += TRIM_MARKER_LEN;
            self.start = self.pos;
        }
        self.pos += self.right_delim.len();
        let item = self.emit(ItemType::RightDelim);
        if trim_space {
            self.skip_space();
            self.start = self.pos;
        }
        self.inside_action = false;
        item
    }

    fn skip_space(&mut self) {
        let bytes = self.bytes();
        while self.pos < bytes.len() && is_space(bytes[self.pos]) {
            self.pos += 1;
        }
    }

    fn lex_inside_action(&mut self) -> Item<'a> {
        let bytes = self.bytes();
        let Some(&b) = bytes.get(self.pos) else {
            return self.errorf("unclosed action");
        };
        // `at_right_delim` by the first byte: only a space can start ` -}}`, and only the
        // delimiter's first byte can start `}}`.
        let delim = self.right_delim.as_bytes();
        let trim_space = is_space(b)
            && bytes.get(self.pos + 1) == Some(&b'-')
            && delim_at(bytes, self.pos + TRIM_MARKER_LEN, delim);
        if trim_space || (delim.first() == Some(&b) && delim_at(bytes, self.pos, delim)) {
            if self.paren_depth == 0 {
                return self.lex_right_delim(trim_space);
            }
            return self.errorf("unclosed left paren");
        }
        if !b.is_ascii() {
            return match self.char_at(self.pos) {
                Some(r) if is_alpha_numeric(r) => self.lex_identifier(),
                r => self.errorf(format!(
                    "unrecognized character in action: {}",
                    go_unicode_opt(r)
                )),
            };
        }
        self.pos += 1;
        match b {
            b' ' | b'\t' | b'\r' | b'\n' => self.lex_space(),
            b'=' => self.emit(ItemType::Assign),
            b':' => {
                if self.byte_at(self.pos) != Some(b'=') {
                    return self.errorf("expected :=");
                }
                self.pos += 1;
                self.emit(ItemType::Declare)
            }
            b'|' => self.emit(ItemType::Pipe),
            b'"' => self.lex_quote(),
            b'`' => self.lex_raw_quote(),
            b'$' => self.lex_variable(),
            b'\'' => self.lex_char(),
            // A '.' followed by a digit starts a number; otherwise it is a field or dot.
            b'.' if self.byte_at(self.pos).is_some_and(|b| !b.is_ascii_digit()) => {
                self.lex_field_or_variable(ItemType::Field)
            }
            b'.' | b'+' | b'-' | b'0'..=b'9' => {
                self.pos -= 1;
                self.lex_number()
            }
            b'_' | b'a'..=b'z' | b'A'..=b'Z' => {
                self.pos -= 1;
                self.lex_identifier()
            }
            b'(' => {
                self.paren_depth += 1;
                self.emit(ItemType::LeftParen)
            }
            b')' => {
                self.paren_depth -= 1;
                if self.paren_depth < 0 {
                    return self.errorf("unexpected right paren");
                }
                self.emit(ItemType::RightParen)
            }
            _ if is_print(char::from(b)) => self.emit(ItemType::Char),
            _ => self.errorf(format!(
                "unrecognized character in action: {}",
                go_unicode(char::from(b))
            )),
        }
    }

    /// A run of spaces; the first one is past. A space that starts a trim-marked right
    /// delimiter (` -}}`) belongs to the delimiter.
    fn lex_space(&mut self) -> Item<'a> {
        let first = self.pos - 1;
        self.skip_space();
        let last = self.pos - 1;
        let bytes = self.bytes();
        if bytes.get(last + 1) == Some(&b'-')
            && delim_at(bytes, last + TRIM_MARKER_LEN, self.right_delim.as_bytes())
        {
            self.pos = last;
            if last == first {
                return self.lex_right_delim(true);
            }
        }
        self.emit(ItemType::Space)
    }

    /// Moves `pos` past letters, digits and underscores.
    #[expect(
        clippy::inline_always,
        reason = "two callers, each per field or identifier token: the call cost 1.4M instructions on kube-prometheus-stack"
    )]
    #[inline(always)]
    fn skip_alpha_numeric(&mut self) {
        let bytes = self.bytes();
        let mut pos = self.pos;
        while let Some(&b) = bytes.get(pos) {
            if ASCII_WORD[usize::from(b)] {
                pos += 1;
            } else if b.is_ascii() {
                break;
            } else {
                match self.char_at(pos) {
                    Some(r) if is_alpha_numeric(r) => pos += r.len_utf8(),
                    _ => break,
                }
            }
        }
        self.pos = pos;
    }

    /// Go's `bad character %#U` for the character at `pos`.
    fn bad_character(&mut self) -> Item<'a> {
        let r = self.char_at(self.pos);
        self.errorf(format!("bad character {}", go_unicode_opt(r)))
    }

    /// An identifier or keyword starting at `pos`.
    fn lex_identifier(&mut self) -> Item<'a> {
        self.skip_alpha_numeric();
        if !self.at_terminator() {
            return self.bad_character();
        }
        let word = self.input.get(self.start..self.pos).unwrap_or("");
        let typ = match keyword(word) {
            Some(ItemType::Break) if !self.options.break_ok => ItemType::Identifier,
            Some(ItemType::Continue) if !self.options.continue_ok => ItemType::Identifier,
            Some(k) => k,
            None if word == "true" || word == "false" => ItemType::Bool,
            None => ItemType::Identifier,
        };
        self.emit(typ)
    }

    fn lex_variable(&mut self) -> Item<'a> {
        if self.at_terminator() {
            return self.emit(ItemType::Variable);
        }
        self.lex_field_or_variable(ItemType::Variable)
    }

    /// `.Name` or `$name`; the `.` or `$` is past.
    fn lex_field_or_variable(&mut self, typ: ItemType) -> Item<'a> {
        if self.at_terminator() {
            // Nothing interesting follows: "." or "$".
            if typ == ItemType::Variable {
                return self.emit(ItemType::Variable);
            }
            return self.emit(ItemType::Dot);
        }
        self.skip_alpha_numeric();
        if !self.at_terminator() {
            return self.bad_character();
        }
        self.emit(typ)
    }

    /// Whether the input is at a character that may follow an identifier.
    fn at_terminator(&self) -> bool {
        match self.byte_at(self.pos) {
            None | Some(b' ' | b'\t' | b'\r' | b'\n' | b'.' | b',' | b'|' | b':' | b')' | b'(') => {
                true
            }
            Some(_) => delim_at(self.bytes(), self.pos, self.right_delim.as_bytes()),
        }
    }

    /// A quoted constant whose opening `quote` is past: `"..."` or `'...'`.
    fn scan_quoted(&mut self, quote: u8, typ: ItemType, unterminated: &str) -> Item<'a> {
        let bytes = self.bytes();
        loop {
            match bytes.get(self.pos) {
                Some(b'\\') => match bytes.get(self.pos + 1) {
                    // A multi-byte character after the backslash is skipped a byte at a time:
                    // none of its bytes is a quote, a backslash or a line end.
                    Some(&b) if b != b'\n' => self.pos += 2,
                    _ => return self.errorf(unterminated),
                },
                None | Some(b'\n') => return self.errorf(unterminated),
                Some(&b) if b == quote => break,
                Some(_) => self.pos += 1,
            }
        }
        self.pos += 1;
        self.emit(typ)
    }

    fn lex_char(&mut self) -> Item<'a> {
        self.scan_quoted(
            b'\'',
            ItemType::CharConstant,
            "unterminated character constant",
        )
    }

    fn lex_quote(&mut self) -> Item<'a> {
        self.scan_quoted(b'"', ItemType::String, "unterminated quoted string")
    }

    fn lex_raw_quote(&mut self) -> Item<'a> {
        let Some(end) = self.input.get(self.pos..).and_then(|rest| rest.find('`')) else {
            return self.errorf("unterminated raw quoted string");
        };
        self.pos += end + 1;
        self.emit(ItemType::RawString)
    }

    fn lex_number(&mut self) -> Item<'a> {
        if !self.scan_number() {
            return self.bad_number();
        }
        if let Some(b'+' | b'-') = self.byte_at(self.pos) {
            // Complex: 1+2i. No spaces, must end in 'i'.
            if !self.scan_number() || self.bytes().get(self.pos.wrapping_sub(1)) != Some(&b'i') {
                return self.bad_number();
            }
            return self.emit(ItemType::Complex);
        }
        self.emit(ItemType::Number)
    }

    fn bad_number(&mut self) -> Item<'a> {
        let text = self.input.get(self.start..self.pos).unwrap_or("");
        self.errorf(format!("bad number syntax: {}", go_quote(text)))
    }

    /// Go's `accept`: consumes the next byte if `valid` says so.
    fn accept(&mut self, valid: impl Fn(u8) -> bool) -> bool {
        if self.byte_at(self.pos).is_some_and(valid) {
            self.pos += 1;
            return true;
        }
        false
    }

    /// Go's `acceptRun`.
    fn accept_run(&mut self, valid: impl Fn(u8) -> bool + Copy) {
        while self.accept(valid) {}
    }

    fn scan_number(&mut self) -> bool {
        #[derive(PartialEq)]
        enum Base {
            Decimal,
            Hex,
            Other,
        }
        fn decimal(b: u8) -> bool {
            b.is_ascii_digit() || b == b'_'
        }
        self.accept(|b| b == b'+' || b == b'-');
        let mut base = Base::Decimal;
        let mut digits: fn(u8) -> bool = decimal;
        if self.accept(|b| b == b'0') {
            // A leading 0 does not mean octal in floats.
            if self.accept(|b| b == b'x' || b == b'X') {
                base = Base::Hex;
                digits = |b| b.is_ascii_hexdigit() || b == b'_';
            } else if self.accept(|b| b == b'o' || b == b'O') {
                base = Base::Other;
                digits = |b| matches!(b, b'0'..=b'7' | b'_');
            } else if self.accept(|b| b == b'b' || b == b'B') {
                base = Base::Other;
                digits = |b| matches!(b, b'0' | b'1' | b'_');
            }
        }
        self.accept_run(digits);
        if self.accept(|b| b == b'.') {
            self.accept_run(digits);
        }
        if base == Base::Decimal && self.accept(|b| b == b'e' || b == b'E') {
            self.accept(|b| b == b'+' || b == b'-');
            self.accept_run(decimal);
        }
        if base == Base::Hex && self.accept(|b| b == b'p' || b == b'P') {
            self.accept(|b| b == b'+' || b == b'-');
            self.accept_run(decimal);
        }
        self.accept(|b| b == b'i');
        // The next thing mustn't be alphanumeric.
        if let Some(r) = self.char_at(self.pos)
            && is_alpha_numeric(r)
        {
            self.pos += r.len_utf8();
            return false;
        }
        true
    }
}

/// The first `needle` in `haystack` at or after byte `from` (a character boundary).
fn find(haystack: &str, from: Pos, needle: &str) -> Option<Pos> {
    let bytes = haystack.as_bytes();
    let first = *needle.as_bytes().first()?;
    let mut at = from;
    loop {
        // The first byte of a UTF-8 sequence only ever starts a character.
        at = find_byte(bytes, at, first)?;
        if delim_at(bytes, at, needle.as_bytes()) {
            return Some(at);
        }
        at += 1;
    }
}

/// The first `byte` in `bytes` at or after `from`, eight bytes at a time: a `u64` holding
/// them is XORed with eight copies of `byte`, and the classic zero-byte test
/// `(x - 0x01..01) & !x & 0x80..80` marks the first zero byte exactly (only bytes above a zero
/// can be marked wrongly).
fn find_byte(bytes: &[u8], from: Pos, byte: u8) -> Option<Pos> {
    const ONES: u64 = u64::from_le_bytes([0x01; 8]);
    const HIGH: u64 = u64::from_le_bytes([0x80; 8]);
    let pattern = ONES * u64::from(byte);
    let rest = bytes.get(from..)?;
    let mut words = rest.chunks_exact(8);
    let mut offset = from;
    for word in &mut words {
        let mut w = [0; 8];
        w.copy_from_slice(word);
        let x = u64::from_le_bytes(w) ^ pattern;
        let zero = x.wrapping_sub(ONES) & !x & HIGH;
        if zero != 0 {
            return Some(offset + (zero.trailing_zeros() / 8) as usize);
        }
        offset += 8;
    }
    let tail = words.remainder();
    tail.iter().position(|&b| b == byte).map(|i| offset + i)
}

/// Whether `delim` starts at byte `at` of `bytes`. Delimiters are short, so a loop that
/// stops at the first difference beats a call to `memcmp`.
fn delim_at(bytes: &[u8], at: Pos, delim: &[u8]) -> bool {
    match bytes.get(at..) {
        Some(rest) if rest.len() >= delim.len() => rest.iter().zip(delim).all(|(a, b)| a == b),
        _ => false,
    }
}

/// The ASCII bytes of identifiers: letters, digits and `_`.
static ASCII_WORD: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 128 {
        table[b] = (b as u8).is_ascii_alphanumeric() || b == b'_' as usize;
        b += 1;
    }
    table
};

#[expect(
    clippy::naive_bytecount,
    reason = "only error messages count lines this way; not worth a bytecount dependency"
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

/// `- ` at byte `at` (after a left delimiter; any of Go's space characters counts as the
/// space).
fn has_left_trim_marker(bytes: &[u8], at: Pos) -> bool {
    matches!(bytes.get(at..), Some([b'-', s, ..]) if is_space(*s))
}

/// Go's `isSpace` in the lexer: space, tab and the two line ends.
fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\r' | b'\n')
}

/// Go's `isAlphaNumeric`: `_`, a Unicode letter or a decimal digit.
pub(crate) fn is_alpha_numeric(r: char) -> bool {
    if r.is_ascii() {
        return r == '_' || r.is_ascii_alphanumeric();
    }
    is_letter(r) || is_decimal_digit(r)
}

/// Go's `unicode.IsLetter` for non-ASCII runes (category L).
fn is_letter(r: char) -> bool {
    in_ranges(&LETTER_RANGES, u32::from(r))
}

/// Go's `unicode.IsDigit` for non-ASCII runes (category Nd).
fn is_decimal_digit(r: char) -> bool {
    in_ranges(&DIGIT_RANGES, u32::from(r))
}

/// Whether `c` falls in one of the sorted inclusive `[lo, hi]` pairs of `table`.
fn in_ranges(table: &[u32], c: u32) -> bool {
    let (mut lo, mut hi) = (0, table.len() / 2);
    while lo < hi {
        let mid = lo.midpoint(hi);
        if table[2 * mid + 1] < c {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    lo < table.len() / 2 && table[2 * lo] <= c
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

// Unicode 15.0.0 (Go 1.21 to 1.26), generated with the `unicodedata2==15.0.0` package:
// consecutive code points of `category(c)[0] == "L"` (letters) and `category(c) == "Nd"`
// (digits) from U+0080 up, merged into ranges.

/// Non-ASCII letters (category L), as inclusive `[lo, hi]` pairs.
static LETTER_RANGES: [u32; 1314] = [
    0xAA, 0xAA, 0xB5, 0xB5, 0xBA, 0xBA, 0xC0, 0xD6, 0xD8, 0xF6, 0xF8, 0x2C1, 0x2C6, 0x2D1, 0x2E0,
    0x2E4, 0x2EC, 0x2EC, 0x2EE, 0x2EE, 0x370, 0x374, 0x376, 0x377, 0x37A, 0x37D, 0x37F, 0x37F,
    0x386, 0x386, 0x388, 0x38A, 0x38C, 0x38C, 0x38E, 0x3A1, 0x3A3, 0x3F5, 0x3F7, 0x481, 0x48A,
    0x52F, 0x531, 0x556, 0x559, 0x559, 0x560, 0x588, 0x5D0, 0x5EA, 0x5EF, 0x5F2, 0x620, 0x64A,
    0x66E, 0x66F, 0x671, 0x6D3, 0x6D5, 0x6D5, 0x6E5, 0x6E6, 0x6EE, 0x6EF, 0x6FA, 0x6FC, 0x6FF,
    0x6FF, 0x710, 0x710, 0x712, 0x72F, 0x74D, 0x7A5, 0x7B1, 0x7B1, 0x7CA, 0x7EA, 0x7F4, 0x7F5,
    0x7FA, 0x7FA, 0x800, 0x815, 0x81A, 0x81A, 0x824, 0x824, 0x828, 0x828, 0x840, 0x858, 0x860,
    0x86A, 0x870, 0x887, 0x889, 0x88E, 0x8A0, 0x8C9, 0x904, 0x939, 0x93D, 0x93D, 0x950, 0x950,
    0x958, 0x961, 0x971, 0x980, 0x985, 0x98C, 0x98F, 0x990, 0x993, 0x9A8, 0x9AA, 0x9B0, 0x9B2,
    0x9B2, 0x9B6, 0x9B9, 0x9BD, 0x9BD, 0x9CE, 0x9CE, 0x9DC, 0x9DD, 0x9DF, 0x9E1, 0x9F0, 0x9F1,
    0x9FC, 0x9FC, 0xA05, 0xA0A, 0xA0F, 0xA10, 0xA13, 0xA28, 0xA2A, 0xA30, 0xA32, 0xA33, 0xA35,
    0xA36, 0xA38, 0xA39, 0xA59, 0xA5C, 0xA5E, 0xA5E, 0xA72, 0xA74, 0xA85, 0xA8D, 0xA8F, 0xA91,
    0xA93, 0xAA8, 0xAAA, 0xAB0, 0xAB2, 0xAB3, 0xAB5, 0xAB9, 0xABD, 0xABD, 0xAD0, 0xAD0, 0xAE0,
    0xAE1, 0xAF9, 0xAF9, 0xB05, 0xB0C, 0xB0F, 0xB10, 0xB13, 0xB28, 0xB2A, 0xB30, 0xB32, 0xB33,
    0xB35, 0xB39, 0xB3D, 0xB3D, 0xB5C, 0xB5D, 0xB5F, 0xB61, 0xB71, 0xB71, 0xB83, 0xB83, 0xB85,
    0xB8A, 0xB8E, 0xB90, 0xB92, 0xB95, 0xB99, 0xB9A, 0xB9C, 0xB9C, 0xB9E, 0xB9F, 0xBA3, 0xBA4,
    0xBA8, 0xBAA, 0xBAE, 0xBB9, 0xBD0, 0xBD0, 0xC05, 0xC0C, 0xC0E, 0xC10, 0xC12, 0xC28, 0xC2A,
    0xC39, 0xC3D, 0xC3D, 0xC58, 0xC5A, 0xC5D, 0xC5D, 0xC60, 0xC61, 0xC80, 0xC80, 0xC85, 0xC8C,
    0xC8E, 0xC90, 0xC92, 0xCA8, 0xCAA, 0xCB3, 0xCB5, 0xCB9, 0xCBD, 0xCBD, 0xCDD, 0xCDE, 0xCE0,
    0xCE1, 0xCF1, 0xCF2, 0xD04, 0xD0C, 0xD0E, 0xD10, 0xD12, 0xD3A, 0xD3D, 0xD3D, 0xD4E, 0xD4E,
    0xD54, 0xD56, 0xD5F, 0xD61, 0xD7A, 0xD7F, 0xD85, 0xD96, 0xD9A, 0xDB1, 0xDB3, 0xDBB, 0xDBD,
    0xDBD, 0xDC0, 0xDC6, 0xE01, 0xE30, 0xE32, 0xE33, 0xE40, 0xE46, 0xE81, 0xE82, 0xE84, 0xE84,
    0xE86, 0xE8A, 0xE8C, 0xEA3, 0xEA5, 0xEA5, 0xEA7, 0xEB0, 0xEB2, 0xEB3, 0xEBD, 0xEBD, 0xEC0,
    0xEC4, 0xEC6, 0xEC6, 0xEDC, 0xEDF, 0xF00, 0xF00, 0xF40, 0xF47, 0xF49, 0xF6C, 0xF88, 0xF8C,
    0x1000, 0x102A, 0x103F, 0x103F, 0x1050, 0x1055, 0x105A, 0x105D, 0x1061, 0x1061, 0x1065, 0x1066,
    0x106E, 0x1070, 0x1075, 0x1081, 0x108E, 0x108E, 0x10A0, 0x10C5, 0x10C7, 0x10C7, 0x10CD, 0x10CD,
    0x10D0, 0x10FA, 0x10FC, 0x1248, 0x124A, 0x124D, 0x1250, 0x1256, 0x1258, 0x1258, 0x125A, 0x125D,
    0x1260, 0x1288, 0x128A, 0x128D, 0x1290, 0x12B0, 0x12B2, 0x12B5, 0x12B8, 0x12BE, 0x12C0, 0x12C0,
    0x12C2, 0x12C5, 0x12C8, 0x12D6, 0x12D8, 0x1310, 0x1312, 0x1315, 0x1318, 0x135A, 0x1380, 0x138F,
    0x13A0, 0x13F5, 0x13F8, 0x13FD, 0x1401, 0x166C, 0x166F, 0x167F, 0x1681, 0x169A, 0x16A0, 0x16EA,
    0x16F1, 0x16F8, 0x1700, 0x1711, 0x171F, 0x1731, 0x1740, 0x1751, 0x1760, 0x176C, 0x176E, 0x1770,
    0x1780, 0x17B3, 0x17D7, 0x17D7, 0x17DC, 0x17DC, 0x1820, 0x1878, 0x1880, 0x1884, 0x1887, 0x18A8,
    0x18AA, 0x18AA, 0x18B0, 0x18F5, 0x1900, 0x191E, 0x1950, 0x196D, 0x1970, 0x1974, 0x1980, 0x19AB,
    0x19B0, 0x19C9, 0x1A00, 0x1A16, 0x1A20, 0x1A54, 0x1AA7, 0x1AA7, 0x1B05, 0x1B33, 0x1B45, 0x1B4C,
    0x1B83, 0x1BA0, 0x1BAE, 0x1BAF, 0x1BBA, 0x1BE5, 0x1C00, 0x1C23, 0x1C4D, 0x1C4F, 0x1C5A, 0x1C7D,
    0x1C80, 0x1C88, 0x1C90, 0x1CBA, 0x1CBD, 0x1CBF, 0x1CE9, 0x1CEC, 0x1CEE, 0x1CF3, 0x1CF5, 0x1CF6,
    0x1CFA, 0x1CFA, 0x1D00, 0x1DBF, 0x1E00, 0x1F15, 0x1F18, 0x1F1D, 0x1F20, 0x1F45, 0x1F48, 0x1F4D,
    0x1F50, 0x1F57, 0x1F59, 0x1F59, 0x1F5B, 0x1F5B, 0x1F5D, 0x1F5D, 0x1F5F, 0x1F7D, 0x1F80, 0x1FB4,
    0x1FB6, 0x1FBC, 0x1FBE, 0x1FBE, 0x1FC2, 0x1FC4, 0x1FC6, 0x1FCC, 0x1FD0, 0x1FD3, 0x1FD6, 0x1FDB,
    0x1FE0, 0x1FEC, 0x1FF2, 0x1FF4, 0x1FF6, 0x1FFC, 0x2071, 0x2071, 0x207F, 0x207F, 0x2090, 0x209C,
    0x2102, 0x2102, 0x2107, 0x2107, 0x210A, 0x2113, 0x2115, 0x2115, 0x2119, 0x211D, 0x2124, 0x2124,
    0x2126, 0x2126, 0x2128, 0x2128, 0x212A, 0x212D, 0x212F, 0x2139, 0x213C, 0x213F, 0x2145, 0x2149,
    0x214E, 0x214E, 0x2183, 0x2184, 0x2C00, 0x2CE4, 0x2CEB, 0x2CEE, 0x2CF2, 0x2CF3, 0x2D00, 0x2D25,
    0x2D27, 0x2D27, 0x2D2D, 0x2D2D, 0x2D30, 0x2D67, 0x2D6F, 0x2D6F, 0x2D80, 0x2D96, 0x2DA0, 0x2DA6,
    0x2DA8, 0x2DAE, 0x2DB0, 0x2DB6, 0x2DB8, 0x2DBE, 0x2DC0, 0x2DC6, 0x2DC8, 0x2DCE, 0x2DD0, 0x2DD6,
    0x2DD8, 0x2DDE, 0x2E2F, 0x2E2F, 0x3005, 0x3006, 0x3031, 0x3035, 0x303B, 0x303C, 0x3041, 0x3096,
    0x309D, 0x309F, 0x30A1, 0x30FA, 0x30FC, 0x30FF, 0x3105, 0x312F, 0x3131, 0x318E, 0x31A0, 0x31BF,
    0x31F0, 0x31FF, 0x3400, 0x4DBF, 0x4E00, 0xA48C, 0xA4D0, 0xA4FD, 0xA500, 0xA60C, 0xA610, 0xA61F,
    0xA62A, 0xA62B, 0xA640, 0xA66E, 0xA67F, 0xA69D, 0xA6A0, 0xA6E5, 0xA717, 0xA71F, 0xA722, 0xA788,
    0xA78B, 0xA7CA, 0xA7D0, 0xA7D1, 0xA7D3, 0xA7D3, 0xA7D5, 0xA7D9, 0xA7F2, 0xA801, 0xA803, 0xA805,
    0xA807, 0xA80A, 0xA80C, 0xA822, 0xA840, 0xA873, 0xA882, 0xA8B3, 0xA8F2, 0xA8F7, 0xA8FB, 0xA8FB,
    0xA8FD, 0xA8FE, 0xA90A, 0xA925, 0xA930, 0xA946, 0xA960, 0xA97C, 0xA984, 0xA9B2, 0xA9CF, 0xA9CF,
    0xA9E0, 0xA9E4, 0xA9E6, 0xA9EF, 0xA9FA, 0xA9FE, 0xAA00, 0xAA28, 0xAA40, 0xAA42, 0xAA44, 0xAA4B,
    0xAA60, 0xAA76, 0xAA7A, 0xAA7A, 0xAA7E, 0xAAAF, 0xAAB1, 0xAAB1, 0xAAB5, 0xAAB6, 0xAAB9, 0xAABD,
    0xAAC0, 0xAAC0, 0xAAC2, 0xAAC2, 0xAADB, 0xAADD, 0xAAE0, 0xAAEA, 0xAAF2, 0xAAF4, 0xAB01, 0xAB06,
    0xAB09, 0xAB0E, 0xAB11, 0xAB16, 0xAB20, 0xAB26, 0xAB28, 0xAB2E, 0xAB30, 0xAB5A, 0xAB5C, 0xAB69,
    0xAB70, 0xABE2, 0xAC00, 0xD7A3, 0xD7B0, 0xD7C6, 0xD7CB, 0xD7FB, 0xF900, 0xFA6D, 0xFA70, 0xFAD9,
    0xFB00, 0xFB06, 0xFB13, 0xFB17, 0xFB1D, 0xFB1D, 0xFB1F, 0xFB28, 0xFB2A, 0xFB36, 0xFB38, 0xFB3C,
    0xFB3E, 0xFB3E, 0xFB40, 0xFB41, 0xFB43, 0xFB44, 0xFB46, 0xFBB1, 0xFBD3, 0xFD3D, 0xFD50, 0xFD8F,
    0xFD92, 0xFDC7, 0xFDF0, 0xFDFB, 0xFE70, 0xFE74, 0xFE76, 0xFEFC, 0xFF21, 0xFF3A, 0xFF41, 0xFF5A,
    0xFF66, 0xFFBE, 0xFFC2, 0xFFC7, 0xFFCA, 0xFFCF, 0xFFD2, 0xFFD7, 0xFFDA, 0xFFDC, 0x10000,
    0x1000B, 0x1000D, 0x10026, 0x10028, 0x1003A, 0x1003C, 0x1003D, 0x1003F, 0x1004D, 0x10050,
    0x1005D, 0x10080, 0x100FA, 0x10280, 0x1029C, 0x102A0, 0x102D0, 0x10300, 0x1031F, 0x1032D,
    0x10340, 0x10342, 0x10349, 0x10350, 0x10375, 0x10380, 0x1039D, 0x103A0, 0x103C3, 0x103C8,
    0x103CF, 0x10400, 0x1049D, 0x104B0, 0x104D3, 0x104D8, 0x104FB, 0x10500, 0x10527, 0x10530,
    0x10563, 0x10570, 0x1057A, 0x1057C, 0x1058A, 0x1058C, 0x10592, 0x10594, 0x10595, 0x10597,
    0x105A1, 0x105A3, 0x105B1, 0x105B3, 0x105B9, 0x105BB, 0x105BC, 0x10600, 0x10736, 0x10740,
    0x10755, 0x10760, 0x10767, 0x10780, 0x10785, 0x10787, 0x107B0, 0x107B2, 0x107BA, 0x10800,
    0x10805, 0x10808, 0x10808, 0x1080A, 0x10835, 0x10837, 0x10838, 0x1083C, 0x1083C, 0x1083F,
    0x10855, 0x10860, 0x10876, 0x10880, 0x1089E, 0x108E0, 0x108F2, 0x108F4, 0x108F5, 0x10900,
    0x10915, 0x10920, 0x10939, 0x10980, 0x109B7, 0x109BE, 0x109BF, 0x10A00, 0x10A00, 0x10A10,
    0x10A13, 0x10A15, 0x10A17, 0x10A19, 0x10A35, 0x10A60, 0x10A7C, 0x10A80, 0x10A9C, 0x10AC0,
    0x10AC7, 0x10AC9, 0x10AE4, 0x10B00, 0x10B35, 0x10B40, 0x10B55, 0x10B60, 0x10B72, 0x10B80,
    0x10B91, 0x10C00, 0x10C48, 0x10C80, 0x10CB2, 0x10CC0, 0x10CF2, 0x10D00, 0x10D23, 0x10E80,
    0x10EA9, 0x10EB0, 0x10EB1, 0x10F00, 0x10F1C, 0x10F27, 0x10F27, 0x10F30, 0x10F45, 0x10F70,
    0x10F81, 0x10FB0, 0x10FC4, 0x10FE0, 0x10FF6, 0x11003, 0x11037, 0x11071, 0x11072, 0x11075,
    0x11075, 0x11083, 0x110AF, 0x110D0, 0x110E8, 0x11103, 0x11126, 0x11144, 0x11144, 0x11147,
    0x11147, 0x11150, 0x11172, 0x11176, 0x11176, 0x11183, 0x111B2, 0x111C1, 0x111C4, 0x111DA,
    0x111DA, 0x111DC, 0x111DC, 0x11200, 0x11211, 0x11213, 0x1122B, 0x1123F, 0x11240, 0x11280,
    0x11286, 0x11288, 0x11288, 0x1128A, 0x1128D, 0x1128F, 0x1129D, 0x1129F, 0x112A8, 0x112B0,
    0x112DE, 0x11305, 0x1130C, 0x1130F, 0x11310, 0x11313, 0x11328, 0x1132A, 0x11330, 0x11332,
    0x11333, 0x11335, 0x11339, 0x1133D, 0x1133D, 0x11350, 0x11350, 0x1135D, 0x11361, 0x11400,
    0x11434, 0x11447, 0x1144A, 0x1145F, 0x11461, 0x11480, 0x114AF, 0x114C4, 0x114C5, 0x114C7,
    0x114C7, 0x11580, 0x115AE, 0x115D8, 0x115DB, 0x11600, 0x1162F, 0x11644, 0x11644, 0x11680,
    0x116AA, 0x116B8, 0x116B8, 0x11700, 0x1171A, 0x11740, 0x11746, 0x11800, 0x1182B, 0x118A0,
    0x118DF, 0x118FF, 0x11906, 0x11909, 0x11909, 0x1190C, 0x11913, 0x11915, 0x11916, 0x11918,
    0x1192F, 0x1193F, 0x1193F, 0x11941, 0x11941, 0x119A0, 0x119A7, 0x119AA, 0x119D0, 0x119E1,
    0x119E1, 0x119E3, 0x119E3, 0x11A00, 0x11A00, 0x11A0B, 0x11A32, 0x11A3A, 0x11A3A, 0x11A50,
    0x11A50, 0x11A5C, 0x11A89, 0x11A9D, 0x11A9D, 0x11AB0, 0x11AF8, 0x11C00, 0x11C08, 0x11C0A,
    0x11C2E, 0x11C40, 0x11C40, 0x11C72, 0x11C8F, 0x11D00, 0x11D06, 0x11D08, 0x11D09, 0x11D0B,
    0x11D30, 0x11D46, 0x11D46, 0x11D60, 0x11D65, 0x11D67, 0x11D68, 0x11D6A, 0x11D89, 0x11D98,
    0x11D98, 0x11EE0, 0x11EF2, 0x11F02, 0x11F02, 0x11F04, 0x11F10, 0x11F12, 0x11F33, 0x11FB0,
    0x11FB0, 0x12000, 0x12399, 0x12480, 0x12543, 0x12F90, 0x12FF0, 0x13000, 0x1342F, 0x13441,
    0x13446, 0x14400, 0x14646, 0x16800, 0x16A38, 0x16A40, 0x16A5E, 0x16A70, 0x16ABE, 0x16AD0,
    0x16AED, 0x16B00, 0x16B2F, 0x16B40, 0x16B43, 0x16B63, 0x16B77, 0x16B7D, 0x16B8F, 0x16E40,
    0x16E7F, 0x16F00, 0x16F4A, 0x16F50, 0x16F50, 0x16F93, 0x16F9F, 0x16FE0, 0x16FE1, 0x16FE3,
    0x16FE3, 0x17000, 0x187F7, 0x18800, 0x18CD5, 0x18D00, 0x18D08, 0x1AFF0, 0x1AFF3, 0x1AFF5,
    0x1AFFB, 0x1AFFD, 0x1AFFE, 0x1B000, 0x1B122, 0x1B132, 0x1B132, 0x1B150, 0x1B152, 0x1B155,
    0x1B155, 0x1B164, 0x1B167, 0x1B170, 0x1B2FB, 0x1BC00, 0x1BC6A, 0x1BC70, 0x1BC7C, 0x1BC80,
    0x1BC88, 0x1BC90, 0x1BC99, 0x1D400, 0x1D454, 0x1D456, 0x1D49C, 0x1D49E, 0x1D49F, 0x1D4A2,
    0x1D4A2, 0x1D4A5, 0x1D4A6, 0x1D4A9, 0x1D4AC, 0x1D4AE, 0x1D4B9, 0x1D4BB, 0x1D4BB, 0x1D4BD,
    0x1D4C3, 0x1D4C5, 0x1D505, 0x1D507, 0x1D50A, 0x1D50D, 0x1D514, 0x1D516, 0x1D51C, 0x1D51E,
    0x1D539, 0x1D53B, 0x1D53E, 0x1D540, 0x1D544, 0x1D546, 0x1D546, 0x1D54A, 0x1D550, 0x1D552,
    0x1D6A5, 0x1D6A8, 0x1D6C0, 0x1D6C2, 0x1D6DA, 0x1D6DC, 0x1D6FA, 0x1D6FC, 0x1D714, 0x1D716,
    0x1D734, 0x1D736, 0x1D74E, 0x1D750, 0x1D76E, 0x1D770, 0x1D788, 0x1D78A, 0x1D7A8, 0x1D7AA,
    0x1D7C2, 0x1D7C4, 0x1D7CB, 0x1DF00, 0x1DF1E, 0x1DF25, 0x1DF2A, 0x1E030, 0x1E06D, 0x1E100,
    0x1E12C, 0x1E137, 0x1E13D, 0x1E14E, 0x1E14E, 0x1E290, 0x1E2AD, 0x1E2C0, 0x1E2EB, 0x1E4D0,
    0x1E4EB, 0x1E7E0, 0x1E7E6, 0x1E7E8, 0x1E7EB, 0x1E7ED, 0x1E7EE, 0x1E7F0, 0x1E7FE, 0x1E800,
    0x1E8C4, 0x1E900, 0x1E943, 0x1E94B, 0x1E94B, 0x1EE00, 0x1EE03, 0x1EE05, 0x1EE1F, 0x1EE21,
    0x1EE22, 0x1EE24, 0x1EE24, 0x1EE27, 0x1EE27, 0x1EE29, 0x1EE32, 0x1EE34, 0x1EE37, 0x1EE39,
    0x1EE39, 0x1EE3B, 0x1EE3B, 0x1EE42, 0x1EE42, 0x1EE47, 0x1EE47, 0x1EE49, 0x1EE49, 0x1EE4B,
    0x1EE4B, 0x1EE4D, 0x1EE4F, 0x1EE51, 0x1EE52, 0x1EE54, 0x1EE54, 0x1EE57, 0x1EE57, 0x1EE59,
    0x1EE59, 0x1EE5B, 0x1EE5B, 0x1EE5D, 0x1EE5D, 0x1EE5F, 0x1EE5F, 0x1EE61, 0x1EE62, 0x1EE64,
    0x1EE64, 0x1EE67, 0x1EE6A, 0x1EE6C, 0x1EE72, 0x1EE74, 0x1EE77, 0x1EE79, 0x1EE7C, 0x1EE7E,
    0x1EE7E, 0x1EE80, 0x1EE89, 0x1EE8B, 0x1EE9B, 0x1EEA1, 0x1EEA3, 0x1EEA5, 0x1EEA9, 0x1EEAB,
    0x1EEBB, 0x20000, 0x2A6DF, 0x2A700, 0x2B739, 0x2B740, 0x2B81D, 0x2B820, 0x2CEA1, 0x2CEB0,
    0x2EBE0, 0x2F800, 0x2FA1D, 0x30000, 0x3134A, 0x31350, 0x323AF,
];

/// Non-ASCII decimal digits (category Nd), as inclusive `[lo, hi]` pairs.
static DIGIT_RANGES: [u32; 126] = [
    0x660, 0x669, 0x6F0, 0x6F9, 0x7C0, 0x7C9, 0x966, 0x96F, 0x9E6, 0x9EF, 0xA66, 0xA6F, 0xAE6,
    0xAEF, 0xB66, 0xB6F, 0xBE6, 0xBEF, 0xC66, 0xC6F, 0xCE6, 0xCEF, 0xD66, 0xD6F, 0xDE6, 0xDEF,
    0xE50, 0xE59, 0xED0, 0xED9, 0xF20, 0xF29, 0x1040, 0x1049, 0x1090, 0x1099, 0x17E0, 0x17E9,
    0x1810, 0x1819, 0x1946, 0x194F, 0x19D0, 0x19D9, 0x1A80, 0x1A89, 0x1A90, 0x1A99, 0x1B50, 0x1B59,
    0x1BB0, 0x1BB9, 0x1C40, 0x1C49, 0x1C50, 0x1C59, 0xA620, 0xA629, 0xA8D0, 0xA8D9, 0xA900, 0xA909,
    0xA9D0, 0xA9D9, 0xA9F0, 0xA9F9, 0xAA50, 0xAA59, 0xABF0, 0xABF9, 0xFF10, 0xFF19, 0x104A0,
    0x104A9, 0x10D30, 0x10D39, 0x11066, 0x1106F, 0x110F0, 0x110F9, 0x11136, 0x1113F, 0x111D0,
    0x111D9, 0x112F0, 0x112F9, 0x11450, 0x11459, 0x114D0, 0x114D9, 0x11650, 0x11659, 0x116C0,
    0x116C9, 0x11730, 0x11739, 0x118E0, 0x118E9, 0x11950, 0x11959, 0x11C50, 0x11C59, 0x11D50,
    0x11D59, 0x11DA0, 0x11DA9, 0x11F50, 0x11F59, 0x16A60, 0x16A69, 0x16AC0, 0x16AC9, 0x16B50,
    0x16B59, 0x1D7CE, 0x1D7FF, 0x1E140, 0x1E149, 0x1E2F0, 0x1E2F9, 0x1E4F0, 0x1E4F9, 0x1E950,
    0x1E959, 0x1FBF0, 0x1FBF9,
];

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
            let val = match item.typ {
                ItemType::Error => l.error_message(),
                _ => item.val,
            };
            items.push((item.typ, val.to_string()));
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
            (i.typ != ItemType::Eof).then_some((i.pos, l.line_of(i.pos)))
        })
        .collect();
        assert_eq!(
            items,
            vec![(0, 1), (2, 2), (4, 2), (6, 2), (7, 3), (9, 3), (11, 3)]
        );
    }

    #[test]
    fn unicode_identifiers() {
        assert_eq!(
            lex("{{.café}}"),
            vec![l(), it(T::Field, ".café"), r(), eof()]
        );
        assert_eq!(
            lex("{{$x٣}}"),
            vec![l(), it(T::Variable, "$x٣"), r(), eof()]
        );
        // A spacing mark is neither a letter nor a digit in Go.
        assert_eq!(
            lex("{{.नाम}}").pop(),
            Some(it(T::Error, "bad character U+093E 'ा'"))
        );
        assert_eq!(
            lex("{{.x²}}").pop(),
            Some(it(T::Error, "bad character U+00B2 '²'"))
        );
        assert_eq!(
            lex("{{Ⅻ}}").pop(),
            Some(it(T::Error, "unrecognized character in action: U+216B 'Ⅻ'"))
        );
    }

    #[test]
    fn find_byte_finds_the_first_match() {
        let text = b"a{b}{{ \xc3\xa9{{x}}0123456789abcdef{ tail";
        for from in 0..=text.len() {
            for byte in [b'{', b'}', b'x', b'l', 0xc3, b'?'] {
                let naive = text[from..]
                    .iter()
                    .position(|&b| b == byte)
                    .map(|i| from + i);
                assert_eq!(find_byte(text, from, byte), naive, "{from} {byte}");
            }
        }
        assert_eq!(find_byte(text, text.len() + 1, b'{'), None);
    }

    #[test]
    fn item_display() {
        let item = |typ, val: &'static str| Item { typ, pos: 0, val };
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
