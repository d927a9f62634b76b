//! The part of Kubernetes' JSONPath templates (`k8s.io/client-go/util/jsonpath`) that
//! `helm show values --jsonpath` needs: literal text, and actions made of fields (`.a.b`),
//! dictionary keys (`['a']`), indexes and slices (`[0]`, `[-1]`, `[1:3]`, `[::2]`),
//! wildcards (`*`, `[*]`), recursive descent (`..name`) and quoted text (`{"\n"}`).
//! Filters, unions and `range`/`end` are reported as unsupported.
//!
//! Each action is evaluated against the whole document. A map or list result prints as
//! JSON, anything else as Go's `%v`, several results of one action separated by spaces.
//! Go visits map entries in random order for `*` and `..`; here they come sorted by key.

use rudder_value::Value;

/// One step of an action.
#[derive(Clone, Debug, PartialEq)]
enum Step {
    /// `.name` or `['name']`.
    Field(String),
    /// `*` or `[*]` on a map: every value.
    Wildcard,
    /// `..`: the value and every container below it.
    Recursive,
    /// `[start:end:step]`, Kubernetes' `ParamsEntry` triple.
    Slice([Param; 3]),
}

#[derive(Clone, Copy, Debug, Default, PartialEq)]
struct Param {
    value: i64,
    known: bool,
    derived: bool,
}

/// A parsed template piece.
#[derive(Clone, Debug, PartialEq)]
enum Node {
    Text(String),
    Action(Vec<Step>),
}

/// A parsed template.
#[derive(Clone, Debug)]
pub struct JsonPath {
    nodes: Vec<Node>,
}

impl JsonPath {
    /// Parses a template; the error is Kubernetes' message where it has one.
    pub fn parse(template: &str) -> Result<Self, String> {
        let mut nodes = Vec::new();
        let mut rest = template;
        while !rest.is_empty() {
            let Some(open) = rest.find('{') else {
                nodes.push(Node::Text(rest.to_owned()));
                break;
            };
            if open > 0 {
                nodes.push(Node::Text(rest[..open].to_owned()));
            }
            let inner = &rest[open + 1..];
            let close = find_close(inner).ok_or_else(|| "unclosed action".to_owned())?;
            let action = inner[..close].trim();
            nodes.push(parse_action(action)?);
            rest = &inner[close + 1..];
        }
        Ok(JsonPath { nodes })
    }

    /// Helm's `printer.Execute` over the values: every action's results, or nothing at all
    /// when one fails (Helm ignores the error).
    pub fn execute(&self, data: &Value) -> String {
        let mut out = String::new();
        for node in &self.nodes {
            match node {
                Node::Text(t) => out.push_str(t),
                Node::Action(steps) => {
                    let Ok(results) = eval(steps, data) else {
                        return String::new();
                    };
                    for (i, r) in results.iter().enumerate() {
                        if i > 0 {
                            out.push(' ');
                        }
                        match r {
                            Value::Map(_) | Value::List(_) => {
                                let Ok(json) =
                                    rudder_yaml::to_json(r, &rudder_yaml::JsonOptions::marshal())
                                else {
                                    return String::new();
                                };
                                out.push_str(&json);
                            }
                            _ => out.push_str(&rudder_value::fmt::format_value(r)),
                        }
                    }
                }
            }
        }
        out
    }
}

/// The index of the `}` closing an action, skipping quoted text.
fn find_close(s: &str) -> Option<usize> {
    let mut quote: Option<char> = None;
    let mut escaped = false;
    for (i, c) in s.char_indices() {
        match quote {
            Some(q) => {
                if escaped {
                    escaped = false;
                } else if c == '\\' {
                    escaped = true;
                } else if c == q {
                    quote = None;
                }
            }
            None => match c {
                '"' | '\'' => quote = Some(c),
                '}' => return Some(i),
                _ => {}
            },
        }
    }
    None
}

fn parse_action(action: &str) -> Result<Node, String> {
    if let Some(q) = action.strip_prefix('"').and_then(|a| a.strip_suffix('"')) {
        return Ok(Node::Text(unescape(q)));
    }
    if let Some(q) = action.strip_prefix('\'').and_then(|a| a.strip_suffix('\'')) {
        return Ok(Node::Text(q.to_owned()));
    }
    if action == "range" || action.starts_with("range ") || action == "end" {
        return Err("range and end are not supported yet".to_owned());
    }
    let mut steps = Vec::new();
    let mut rest = action.strip_prefix('@').unwrap_or(action);
    while !rest.is_empty() {
        if let Some(r) = rest.strip_prefix("..") {
            steps.push(Step::Recursive);
            let end = r.find(['.', '[']).unwrap_or(r.len());
            if end > 0 {
                steps.push(field(&r[..end]));
            }
            rest = &r[end..];
        } else if let Some(r) = rest.strip_prefix('.') {
            let end = r.find(['.', '[']).unwrap_or(r.len());
            if end > 0 {
                steps.push(field(&r[..end]));
            }
            rest = &r[end..];
        } else if let Some(r) = rest.strip_prefix('[') {
            let close = r
                .find(']')
                .ok_or_else(|| format!("unterminated array [{r}"))?;
            steps.extend(parse_bracket(&r[..close])?);
            rest = &r[close + 1..];
        } else {
            let end = rest.find(['.', '[']).unwrap_or(rest.len());
            steps.push(field(&rest[..end]));
            rest = &rest[end..];
        }
    }
    Ok(Node::Action(steps))
}

fn field(name: &str) -> Step {
    if name == "*" {
        Step::Wildcard
    } else {
        Step::Field(name.replace('\\', ""))
    }
}

fn parse_bracket(text: &str) -> Result<Vec<Step>, String> {
    let text = if text == "*" { ":" } else { text };
    if text.starts_with('?') {
        return Err("filters are not supported yet".to_owned());
    }
    if text.contains(',') {
        return Err("unions are not supported yet".to_owned());
    }
    if let Some(key) = text.strip_prefix('\'').and_then(|t| t.strip_suffix('\'')) {
        // Kubernetes re-parses a dictionary key as `{.KEY}`, dots and all.
        return match parse_action(&format!(".{key}"))? {
            Node::Action(steps) => Ok(steps),
            Node::Text(_) => Ok(Vec::new()),
        };
    }
    let parts: Vec<&str> = text.split(':').collect();
    let valid = parts.len() <= 3
        && parts.iter().all(|p| {
            let d = p.strip_prefix('-').unwrap_or(p);
            d.bytes().all(|b| b.is_ascii_digit())
        });
    if !valid {
        return Err(format!("invalid array index {text}"));
    }
    let mut params = [Param::default(); 3];
    for (i, param) in params.iter_mut().enumerate() {
        match parts.get(i) {
            Some(p) if !p.is_empty() => {
                param.value = p
                    .parse()
                    .map_err(|_| format!("invalid array index {text}"))?;
                param.known = true;
            }
            Some(_) => {}
            None if i == 1 => {
                *param = Param {
                    value: 0,
                    known: true,
                    derived: true,
                };
            }
            None => {}
        }
    }
    if parts.len() == 1 {
        params[1].value = params[0].value + 1;
    }
    Ok(vec![Step::Slice(params)])
}

fn unescape(s: &str) -> String {
    let mut out = String::new();
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some('r') => out.push('\r'),
            Some(other) => out.push(other),
            None => out.push('\\'),
        }
    }
    out
}

fn eval(steps: &[Step], data: &Value) -> Result<Vec<Value>, String> {
    let mut cur = vec![data.clone()];
    for step in steps {
        cur = match step {
            Step::Field(name) => {
                if cur.is_empty() {
                    return Ok(cur);
                }
                let found: Vec<Value> = cur
                    .iter()
                    .filter_map(|v| v.as_map().and_then(|m| m.get(name)))
                    .collect();
                if found.is_empty() {
                    return Err(format!("{name} is not found"));
                }
                found
            }
            Step::Wildcard => cur.iter().flat_map(children).collect(),
            Step::Recursive => {
                let mut out = Vec::new();
                for v in &cur {
                    descend(v, &mut out);
                }
                out
            }
            Step::Slice(params) => {
                let mut out = Vec::new();
                for v in &cur {
                    if v.is_nil() {
                        continue;
                    }
                    let Some(list) = v.as_list() else {
                        return Err(format!("{} is not array or slice", v.type_name()));
                    };
                    out.extend(slice(list, *params)?);
                }
                out
            }
        };
    }
    Ok(cur)
}

fn children(v: &Value) -> Vec<Value> {
    match v {
        Value::Map(m) => m.entries().into_iter().map(|(_, v)| v).collect(),
        Value::List(l) => l.to_vec(),
        _ => Vec::new(),
    }
}

fn descend(v: &Value, out: &mut Vec<Value>) {
    let kids = children(v);
    if !kids.is_empty() {
        out.push(v.clone());
        for k in &kids {
            descend(k, out);
        }
    }
}

/// Kubernetes' `evalArray` for one list.
fn slice(items: &[Value], mut p: [Param; 3]) -> Result<Vec<Value>, String> {
    let len = items.len() as i64;
    if !p[0].known {
        p[0].value = 0;
    }
    if p[0].value < 0 {
        p[0].value += len;
    }
    if !p[1].known {
        p[1].value = len;
    }
    if p[1].value < 0 || (p[1].value == 0 && p[1].derived) {
        p[1].value += len;
    }
    if p[1].value == p[0].value {
        return Ok(Vec::new());
    }
    if p[0].value >= len || p[0].value < 0 {
        return Err(format!(
            "array index out of bounds: index {}, length {len}",
            p[0].value
        ));
    }
    if p[1].value > len || p[1].value < 0 {
        return Err(format!(
            "array index out of bounds: index {}, length {len}",
            p[1].value - 1
        ));
    }
    if p[0].value > p[1].value {
        return Err(format!(
            "starting index {} is greater than ending index {}",
            p[0].value, p[1].value
        ));
    }
    let step = if p[2].known {
        if p[2].value <= 0 {
            return Err("step must be > 0".to_owned());
        }
        p[2].value as usize
    } else {
        1
    };
    Ok(items[p[0].value as usize..p[1].value as usize]
        .iter()
        .step_by(step)
        .cloned()
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values() -> Value {
        rudder_yaml::from_yaml(
            "image:\n  repository: nginx\n  tag: \"1.0\"\nports: [80, 443, 8080]\nname: top\nsub:\n  name: inner\n",
        )
        .unwrap()
    }

    fn run(t: &str) -> String {
        JsonPath::parse(t).unwrap().execute(&values())
    }

    #[test]
    fn fields_keys_and_text() {
        assert_eq!(run("{.image.repository}"), "nginx");
        assert_eq!(run("repo={['image']['tag']}{\"\\n\"}"), "repo=1.0\n");
        assert_eq!(run("{.image}"), r#"{"repository":"nginx","tag":"1.0"}"#);
    }

    #[test]
    fn indexes_slices_and_wildcards() {
        assert_eq!(run("{.ports[0]}"), "80");
        assert_eq!(run("{.ports[-1]}"), "8080");
        assert_eq!(run("{.ports[0:2]}"), "80 443");
        assert_eq!(run("{.ports[*]}"), "80 443 8080");
        assert_eq!(run("{.ports}"), "[80,443,8080]");
        assert_eq!(run("{..name}"), "top inner");
    }

    #[test]
    fn failures_print_nothing() {
        assert_eq!(run("a{.missing}b"), "");
        assert_eq!(run("{.ports[9]}"), "");
        assert!(JsonPath::parse("{.a").is_err());
    }
}
