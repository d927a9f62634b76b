//! Helm's `--set` grammar (`pkg/strvals`): `a.b[0].c=x,d={1,2}` merged into a values map.
//!
//! Five flavours share one parser: [`parse_into`] types values (`true`, `false`, `null`,
//! integers as `int64`), [`parse_into_string`] keeps strings, [`parse_json`] reads JSON values,
//! [`parse_into_file`] hands each value to a reader (`--set-file`), and [`parse_literal_into`]
//! takes everything after the first `=` verbatim (`--set-literal`).
//!
//! ```
//! use rudder_value::{Map, Value};
//!
//! let vals = rudder_chart::strvals::parse("name=x,list[1]=2").unwrap();
//! assert_eq!(vals.get("name").unwrap().as_str(), Some("x"));
//! assert!(matches!(vals.get("list").unwrap().as_list().unwrap()[1], Value::Int64(2)));
//! ```

use rudder_value::{List, Map, Value};

use crate::error::SetError;
use crate::gofmt::is_space;

/// The largest list index `--set` accepts (Helm's `strvals.MaxIndex`).
pub const MAX_INDEX: i64 = 65536;

/// The deepest `a.b.c` nesting `--set` accepts (Helm's `strvals.MaxNestedNameLevel`).
pub const MAX_NESTED_NAME_LEVEL: usize = 30;

/// Reads the value of a `--set-file` entry: gets the path, returns the value (a string).
pub type FileReader<'a> = dyn FnMut(&str) -> Result<Value, SetError> + 'a;

/// Parses a `--set` line into a new map.
pub fn parse(s: &str) -> Result<Map, SetError> {
    let vals = Map::new();
    parse_into(s, &vals)?;
    Ok(vals)
}

/// Parses a `--set-string` line into a new map.
pub fn parse_string(s: &str) -> Result<Map, SetError> {
    let vals = Map::new();
    parse_into_string(s, &vals)?;
    Ok(vals)
}

/// Parses a `--set` line into `dest`; keys present in `dest` are overwritten.
pub fn parse_into(s: &str, dest: &Map) -> Result<(), SetError> {
    Parser::new(s, Reader::Typed { strings: false }).parse(dest)
}

/// Parses a `--set-string` line into `dest`: every value stays a string.
pub fn parse_into_string(s: &str, dest: &Map) -> Result<(), SetError> {
    Parser::new(s, Reader::Typed { strings: true }).parse(dest)
}

/// Parses a `--set-json` line (`key=<json>,key2=<json>`) into `dest`. An empty value is null.
pub fn parse_json(s: &str, dest: &Map) -> Result<(), SetError> {
    Parser::new(s, Reader::Json).parse(dest)
}

/// Parses a `--set-file` line into `dest`, turning each value (a path) into the reader's result.
pub fn parse_into_file(s: &str, dest: &Map, reader: &mut FileReader<'_>) -> Result<(), SetError> {
    Parser::new(s, Reader::File(reader)).parse(dest)
}

/// Parses a `--set-literal` line into a new map.
pub fn parse_literal(s: &str) -> Result<Map, SetError> {
    let vals = Map::new();
    parse_literal_into(s, &vals)?;
    Ok(vals)
}

/// Parses a `--set-literal` line into `dest`: one key, and everything after `=` as a string.
pub fn parse_literal_into(s: &str, dest: &Map) -> Result<(), SetError> {
    Parser::new(s, Reader::Literal).parse(dest)
}

enum Reader<'a> {
    Typed { strings: bool },
    Json,
    File(&'a mut FileReader<'a>),
    Literal,
}

/// Why parsing a key stopped: the end of input (not an error at top level) or an error.
enum Flow {
    Eof,
    Err(SetError),
}

impl From<SetError> for Flow {
    fn from(e: SetError) -> Self {
        Flow::Err(e)
    }
}

/// How reading `{a,b}` ended when it produced no list.
enum ValList {
    Eof,
    NotList,
    Err(SetError),
}

struct Parser<'a> {
    chars: Vec<char>,
    pos: usize,
    reader: Reader<'a>,
}

/// Go's name of a value's type, as its failed type assertions print it.
fn go_type(v: &Value) -> String {
    match v {
        Value::Nil => "nil".to_owned(),
        other => other.type_name(),
    }
}

fn conversion(v: &Value, wanted: &'static str) -> SetError {
    SetError::Conversion {
        found: go_type(v),
        wanted,
    }
}

/// Helm's `set`: an empty key is dropped.
fn set(data: &Map, key: &str, val: Value) {
    if !key.is_empty() {
        data.insert(key, val);
    }
}

fn set_index(mut list: Vec<Value>, index: i64, val: Value) -> (Vec<Value>, Result<(), Flow>) {
    if index < 0 {
        return (list, Err(SetError::NegativeIndex { index }.into()));
    }
    if index > MAX_INDEX {
        return (
            list,
            Err(SetError::IndexTooLarge {
                index,
                max: MAX_INDEX,
            }
            .into()),
        );
    }
    let i = index as usize;
    if list.len() <= i {
        list.resize(i + 1, Value::Nil);
    }
    list[i] = val;
    (list, Ok(()))
}

/// Helm's `typedVal`: `true`/`false`/`null` in any case, `0`, and integers that do not start
/// with `0` become typed values; everything else stays a string.
fn typed_val(s: &str, strings: bool) -> Value {
    if strings {
        return Value::from(s);
    }
    if s.eq_ignore_ascii_case("true") {
        return Value::Bool(true);
    }
    if s.eq_ignore_ascii_case("false") {
        return Value::Bool(false);
    }
    if s.eq_ignore_ascii_case("null") {
        return Value::Nil;
    }
    if s == "0" {
        return Value::Int64(0);
    }
    if !s.is_empty()
        && !s.starts_with('0')
        && let Some(i) = go_parse_int(s)
    {
        return Value::Int64(i);
    }
    Value::from(s)
}

/// Go's `strconv.ParseInt(s, 10, 64)`: an optional sign and decimal digits.
fn go_parse_int(s: &str) -> Option<i64> {
    let digits = s.strip_prefix(['+', '-']).unwrap_or(s);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.strip_prefix('+').unwrap_or(s).parse().ok()
}

/// Go's `strconv.Atoi` as `--set` index parsing reports it.
fn go_atoi(s: &str) -> Result<i64, SetError> {
    let digits = s.strip_prefix(['+', '-']).unwrap_or(s);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(SetError::BadIndex {
            text: s.to_owned(),
            range: false,
        });
    }
    s.strip_prefix('+')
        .unwrap_or(s)
        .parse()
        .map_err(|_| SetError::BadIndex {
            text: s.to_owned(),
            range: true,
        })
}

fn json_to_value(v: serde_json::Value) -> Value {
    match v {
        serde_json::Value::Null => Value::Nil,
        serde_json::Value::Bool(b) => Value::Bool(b),
        serde_json::Value::Number(n) => Value::Float(n.as_f64().unwrap_or(f64::NAN)),
        serde_json::Value::String(s) => Value::from(s),
        serde_json::Value::Array(items) => {
            Value::List(List::new(items.into_iter().map(json_to_value).collect()))
        }
        serde_json::Value::Object(entries) => Value::Map(
            entries
                .into_iter()
                .map(|(k, v)| (k, json_to_value(v)))
                .collect(),
        ),
    }
}

impl<'a> Parser<'a> {
    fn new(s: &str, reader: Reader<'a>) -> Self {
        Parser {
            chars: s.chars().collect(),
            pos: 0,
            reader,
        }
    }

    fn literal(&self) -> bool {
        matches!(self.reader, Reader::Literal)
    }

    fn parse(&mut self, data: &Map) -> Result<(), SetError> {
        loop {
            match self.key(data, 0) {
                Ok(()) => {}
                Err(Flow::Eof) => return Ok(()),
                Err(Flow::Err(e)) => return Err(e),
            }
        }
    }

    fn read(&mut self) -> Option<char> {
        let c = self.chars.get(self.pos).copied();
        if c.is_some() {
            self.pos += 1;
        }
        c
    }

    fn unread(&mut self) {
        self.pos -= 1;
    }

    /// Helm's `runesUntil` (with `\` escapes) or `runesUntilLiteral` (without): the text up to
    /// a stop rune, the stop rune, and whether input ended first.
    fn runes_until(&mut self, stop: &[char]) -> (String, char, bool) {
        let escapes = !self.literal();
        let mut v = String::new();
        loop {
            match self.read() {
                None => return (v, '\0', true),
                Some(c) if stop.contains(&c) => return (v, c, false),
                Some('\\') if escapes => match self.read() {
                    None => return (v, '\0', true),
                    Some(next) => v.push(next),
                },
                Some(c) => v.push(c),
            }
        }
    }

    fn key(&mut self, data: &Map, mut level: usize) -> Result<(), Flow> {
        let stop: &[char] = if self.literal() {
            &['=', '[', '.']
        } else {
            &['=', '[', ',', '.']
        };
        let (k, last, eof) = self.runes_until(stop);
        if eof {
            if k.is_empty() {
                return Err(Flow::Eof);
            }
            return Err(SetError::NoValue { key: k }.into());
        }
        match last {
            '[' => {
                let i = self.key_index()?;
                let list = match data.get(&k) {
                    None => Vec::new(),
                    Some(Value::List(l)) => l.items.to_vec(),
                    Some(other) => return Err(conversion(&other, "[]interface {}").into()),
                };
                let (list, res) = self.list_item(list, i, level);
                set(data, &k, Value::List(List::new(list)));
                res
            }
            '=' => self.key_value(data, &k),
            ',' => {
                set(data, &k, Value::from(""));
                Err(SetError::NoValueComma { key: k }.into())
            }
            _ => {
                level += 1;
                if level > MAX_NESTED_NAME_LEVEL {
                    return Err(SetError::TooDeep {
                        max: MAX_NESTED_NAME_LEVEL,
                    }
                    .into());
                }
                let inner = match data.get(&k) {
                    None => Map::new(),
                    Some(Value::Map(m)) => m,
                    Some(other) => {
                        return Err(conversion(&other, "map[string]interface {}").into());
                    }
                };
                let res = self.key(&inner, level);
                if res.is_ok() && inner.is_empty() {
                    return Err(SetError::EmptyMap { key: k }.into());
                }
                if !inner.is_empty() {
                    set(data, &k, Value::Map(inner));
                }
                res
            }
        }
    }

    /// The value after `key=`.
    fn key_value(&mut self, data: &Map, k: &str) -> Result<(), Flow> {
        match self.reader {
            Reader::Literal => {
                let rest: String = self.chars[self.pos..].iter().collect();
                self.pos = self.chars.len();
                set(data, k, Value::from(rest));
                Ok(())
            }
            Reader::Json => {
                if self.empty_val() {
                    set(data, k, Value::Nil);
                    return Ok(());
                }
                let v = self.json_value()?;
                set(data, k, v);
                self.empty_val();
                Ok(())
            }
            _ => match self.val_list() {
                Ok(list) => {
                    set(data, k, Value::List(List::new(list)));
                    Ok(())
                }
                Err(ValList::Eof) => {
                    set(data, k, Value::from(""));
                    Err(Flow::Eof)
                }
                Err(ValList::NotList) => {
                    let rs = self.val();
                    match self.read_value(&rs) {
                        Ok(v) => {
                            set(data, k, v);
                            Ok(())
                        }
                        Err(e) => {
                            set(data, k, Value::Nil);
                            Err(e.into())
                        }
                    }
                }
                Err(ValList::Err(e)) => Err(e.into()),
            },
        }
    }

    fn read_value(&mut self, rs: &str) -> Result<Value, SetError> {
        match &mut self.reader {
            Reader::Typed { strings } => Ok(typed_val(rs, *strings)),
            Reader::File(f) => f(rs),
            Reader::Json | Reader::Literal => Ok(Value::from(rs)),
        }
    }

    fn key_index(&mut self) -> Result<i64, Flow> {
        let (v, _, eof) = self.runes_until(&[']']);
        if eof {
            // Helm wraps io.EOF ("error parsing index: EOF") and its caller then takes the
            // wrapped EOF for the end of input: the line parses without error.
            return Err(Flow::Eof);
        }
        Ok(go_atoi(&v)?)
    }

    fn list_item(
        &mut self,
        mut list: Vec<Value>,
        i: i64,
        level: usize,
    ) -> (Vec<Value>, Result<(), Flow>) {
        if i < 0 {
            return (list, Err(SetError::NegativeIndex { index: i }.into()));
        }
        let (k, last, eof) = self.runes_until(&['[', '.', '=']);
        if !k.is_empty() {
            return (list, Err(SetError::AfterIndex { data: k }.into()));
        }
        if eof {
            return (list, Err(Flow::Eof));
        }
        match last {
            '=' => match self.reader {
                Reader::Literal => {
                    let rest: String = self.chars[self.pos..].iter().collect();
                    self.pos = self.chars.len();
                    set_index(list, i, Value::from(rest))
                }
                Reader::Json => {
                    if self.empty_val() {
                        return set_index(list, i, Value::Nil);
                    }
                    let v = match self.json_value() {
                        Ok(v) => v,
                        Err(e) => return (list, Err(e)),
                    };
                    let (list, res) = set_index(list, i, v);
                    if res.is_err() {
                        return (list, res);
                    }
                    self.empty_val();
                    (list, Ok(()))
                }
                _ => match self.val_list() {
                    Ok(vl) => set_index(list, i, Value::List(List::new(vl))),
                    Err(ValList::Eof) => set_index(list, i, Value::from("")),
                    Err(ValList::NotList) => {
                        let rs = self.val();
                        match self.read_value(&rs) {
                            Ok(v) => set_index(list, i, v),
                            Err(e) => (list, Err(e.into())),
                        }
                    }
                    Err(ValList::Err(e)) => (list, Err(e.into())),
                },
            },
            '[' => {
                let next = match self.key_index() {
                    Ok(n) => n,
                    Err(e) => return (list, Err(e)),
                };
                let mut current = Vec::new();
                match list.get(i as usize) {
                    None | Some(Value::Nil) => {}
                    Some(Value::List(l)) => current = l.items.to_vec(),
                    Some(other) => {
                        let e = conversion(other, "[]interface {}");
                        return (list, Err(e.into()));
                    }
                }
                let (inner, res) = self.list_item(current, next, level);
                if res.is_err() {
                    return (list, res);
                }
                set_index(list, i, Value::List(List::new(inner)))
            }
            _ => {
                let inner = match list.get(i as usize) {
                    None => Map::new(),
                    Some(Value::Map(m)) => m.clone(),
                    Some(_) => {
                        // Indices out of order: Helm starts the element over as a map.
                        let m = Map::new();
                        list[i as usize] = Value::Map(m.clone());
                        m
                    }
                };
                if let Err(e) = self.key(&inner, level) {
                    return (list, Err(e));
                }
                set_index(list, i, Value::Map(inner))
            }
        }
    }

    /// Helm's `emptyVal`: skips spaces; true at a comma (consumed) or the end of input.
    fn empty_val(&mut self) -> bool {
        loop {
            match self.read() {
                None | Some(',') => return true,
                Some(c) if is_space(c) => {}
                Some(_) => {
                    self.unread();
                    return false;
                }
            }
        }
    }

    /// Decodes one JSON value at the current position, as Go's `json.Decoder.Decode` does.
    fn json_value(&mut self) -> Result<Value, Flow> {
        let rest: String = self.chars[self.pos..].iter().collect();
        let mut stream = serde_json::Deserializer::from_str(&rest).into_iter::<serde_json::Value>();
        match stream.next() {
            None => Err(Flow::Eof),
            Some(Err(e)) => Err(SetError::Json {
                message: e.to_string(),
            }
            .into()),
            Some(Ok(v)) => {
                let consumed = rest[..stream.byte_offset()].chars().count();
                self.pos += consumed;
                Ok(json_to_value(v))
            }
        }
    }

    fn val(&mut self) -> String {
        self.runes_until(&[',']).0
    }

    fn val_list(&mut self) -> Result<Vec<Value>, ValList> {
        match self.read() {
            None => return Err(ValList::Eof),
            Some('{') => {}
            Some(_) => {
                self.unread();
                return Err(ValList::NotList);
            }
        }
        let mut list = Vec::new();
        loop {
            let (rs, last, eof) = self.runes_until(&[',', '}']);
            if eof {
                return Err(ValList::Err(SetError::UnterminatedList));
            }
            if last == '}' {
                if let Some(c) = self.read()
                    && c != ','
                {
                    self.unread();
                }
                let v = self.read_value(&rs).map_err(ValList::Err)?;
                list.push(v);
                return Ok(list);
            }
            let v = self.read_value(&rs).map_err(ValList::Err)?;
            list.push(v);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn get(m: &Map, k: &str) -> Value {
        m.get(k).unwrap_or(Value::Nil)
    }

    #[test]
    fn integers_are_int64_unless_forced_to_strings() {
        // The oracle's JSON cannot tell int64 from float64; these types are Helm's typedVal.
        let v = parse("a=1234567890,b=0,c=-3,d=00009,e=1.5,f=TRUE,g=Null").unwrap();
        assert!(matches!(get(&v, "a"), Value::Int64(1_234_567_890)));
        assert!(matches!(get(&v, "b"), Value::Int64(0)));
        assert!(matches!(get(&v, "c"), Value::Int64(-3)));
        assert_eq!(get(&v, "d").as_str(), Some("00009"));
        assert_eq!(get(&v, "e").as_str(), Some("1.5"));
        assert!(matches!(get(&v, "f"), Value::Bool(true)));
        assert!(get(&v, "g").is_nil() && v.contains_key("g"));
        let v = parse_string("a=1,b=true").unwrap();
        assert_eq!(get(&v, "a").as_str(), Some("1"));
        assert_eq!(get(&v, "b").as_str(), Some("true"));
    }

    #[test]
    fn json_numbers_are_float64() {
        let v = Map::new();
        parse_json("a=1,b=[2]", &v).unwrap();
        assert!(matches!(get(&v, "a"), Value::Float(f) if f == 1.0));
    }

    #[test]
    fn file_values_come_from_the_reader() {
        let v = Map::new();
        let mut reader = |p: &str| -> Result<Value, SetError> { Ok(Value::from(format!("<{p}>"))) };
        parse_into_file("a=x.txt,b.c=y", &v, &mut reader).unwrap();
        assert_eq!(get(&v, "a").as_str(), Some("<x.txt>"));
    }

    #[test]
    fn short_inputs_never_panic() {
        // Every string of up to four runes over the grammar's alphabet, in every flavour.
        let alphabet: Vec<char> = "a.[]=,{}\\0-".chars().collect();
        let mut inputs = vec![String::new()];
        let mut frontier = vec![String::new()];
        for _ in 0..4 {
            let mut next = Vec::new();
            for prefix in &frontier {
                for c in &alphabet {
                    let mut s = prefix.clone();
                    s.push(*c);
                    next.push(s);
                }
            }
            inputs.extend(next.iter().cloned());
            frontier = next;
        }
        let mut reader = |p: &str| -> Result<Value, SetError> { Ok(Value::from(p)) };
        for input in &inputs {
            let _ = parse(input);
            let _ = parse_string(input);
            let _ = parse_literal(input);
            let _ = parse_json(input, &Map::new());
            let _ = parse_into_file(input, &Map::new(), &mut reader);
        }
    }

    #[test]
    fn limits_are_helms() {
        let err = parse("a[65537]=1").unwrap_err();
        assert_eq!(
            err.to_string(),
            "index of 65537 is greater than maximum supported index of 65536"
        );
        let deep = (0..32)
            .map(|i| format!("k{i}"))
            .collect::<Vec<_>>()
            .join(".")
            + "=1";
        assert_eq!(
            parse(&deep).unwrap_err().to_string(),
            "value name nested level is greater than maximum supported nested level of 30"
        );
    }
}
