//! `values.schema.json` validation (Helm's `ValidateAgainstSchema`), with errors re-rendered
//! in the words of santhosh-tekuri/jsonschema v6, the validator Helm 4 uses:
//!
//! ```text
//! - at '': missing properties 'policy', 'other'
//! - at '/tag': validation failed
//!   - at '/tag': minLength: got 3, want 5
//!   - at '/tag': 'abc' does not match pattern '^[0-9]+$'
//! ```
//!
//! Validation itself is the `jsonschema` crate's; this module rebuilds v6's error tree: one
//! line per failing keyword, errors under one instance location grouped as `validation
//! failed`, `type`/`const`/`enum`/`format` failures hiding everything else at their location.
//! v6 visits object properties in Go map order (random), so Rudder sorts them by key.

use std::cmp::Ordering;
use std::fmt::Write as _;

use jsonschema::error::{TypeKind, ValidationErrorKind};
use rudder_value::{Map, Value};

use crate::chart::Chart;
use crate::error::{Error, Result};

/// Validates coalesced values against the chart's schema and, with their own part of the
/// values, against each subchart's schema. The error carries Helm's whole report.
pub fn validate_against_schema(chart: &Chart, values: &Map) -> Result<()> {
    let report = report(chart, values);
    if report.is_empty() {
        Ok(())
    } else {
        Err(Error::Schema { report })
    }
}

fn report(chart: &Chart, values: &Map) -> String {
    let mut sb = String::new();
    if let Some(schema) = &chart.schema
        && let Err(msg) = validate_against_single_schema(values, schema)
    {
        sb.push_str(chart.name());
        sb.push_str(":\n");
        sb.push_str(&msg);
    }
    for sub in chart.dependencies() {
        match values.get(sub.name()) {
            None | Some(Value::Nil) => {}
            Some(Value::Map(m)) => sb.push_str(&report(sub, &m)),
            Some(other) => {
                let _ = writeln!(
                    sb,
                    "{}:\ninvalid type for values: expected object (map), got {}",
                    sub.name(),
                    other.type_name()
                );
            }
        }
    }
    sb
}

/// Validates values against one schema document. The error is Helm's text for it: the
/// `- at '...': ...` lines and a final newline, or the schema's own parse or compile error.
pub fn validate_against_single_schema(
    values: &Map,
    schema: &[u8],
) -> std::result::Result<(), String> {
    let schema: serde_json::Value = serde_json::from_slice(schema).map_err(|e| {
        // encoding/json's wording for the common case; other syntax errors keep serde's.
        if e.is_eof() {
            "unexpected EOF".to_owned()
        } else {
            e.to_string()
        }
    })?;
    let validator = jsonschema::options()
        .build(&schema)
        .map_err(|e| format!("jsonschema: {e}"))?;
    let instance = to_json(&Value::Map(values.clone()));
    let leaves: Vec<Leaf> = validator
        .iter_errors(&instance)
        .flat_map(|e| {
            let mut l = leaf(&e);
            shift_additional_items(&mut l, e.schema_path().as_str(), &schema);
            if matches!(e.kind(), ValidationErrorKind::Required { .. })
                && l.eval
                    .last()
                    .is_some_and(|k| k == "dependentRequired" || k == "dependencies")
            {
                l.trigger =
                    dependent_trigger(&schema, e.schema_path().as_str(), e.instance(), &l.required);
            }
            expand(l, e.kind())
        })
        .collect();
    if leaves.is_empty() {
        return Ok(());
    }
    let mut nodes = build(merge_leaves(leaves), 0, &[]);
    // v6 shows the causes of a lone top-level group directly.
    if nodes.len() == 1 && nodes[0].kind == Kind::Group {
        nodes = nodes.remove(0).causes;
    }
    let mut out = String::new();
    for n in &nodes {
        render(n, 1, &mut out);
    }
    out.push('\n');
    Err(out.trim_start_matches('\n').to_owned())
}

/// Our values as JSON, as Helm hands `map[string]interface{}` to the validator.
pub(crate) fn to_json(v: &Value) -> serde_json::Value {
    match v {
        Value::Nil | Value::Object(_) => serde_json::Value::Null,
        Value::Bool(b) => serde_json::Value::Bool(*b),
        Value::Int(i) | Value::Int64(i) => serde_json::Value::from(*i),
        Value::Uint(u) => serde_json::Value::from(*u),
        Value::Float(f) => serde_json::Number::from_f64(*f)
            .map_or(serde_json::Value::Null, serde_json::Value::Number),
        Value::String(s) => serde_json::Value::String(s.to_string()),
        Value::Bytes(b) => serde_json::Value::String(String::from_utf8_lossy(b).into_owned()),
        Value::List(l) => serde_json::Value::Array(l.iter().map(to_json).collect()),
        Value::Map(m) => serde_json::Value::Object(
            m.entries()
                .into_iter()
                .map(|(k, v)| (k, to_json(&v)))
                .collect(),
        ),
    }
}

/// One failing keyword.
#[derive(Debug, Clone)]
struct Leaf {
    loc: Vec<String>,
    /// The keyword path that led here, `$ref`s included (`properties/a/$ref/type`).
    eval: Vec<String>,
    /// v6's evaluation order of keywords at one location.
    rank: u8,
    /// `type`, `const`, `enum` and `format` end v6's validation of a location.
    exclusive: bool,
    text: String,
    /// Missing required properties (merged into one leaf per location).
    required: Vec<String>,
    /// Properties refused by additionalProperties (merged likewise).
    additional: Vec<String>,
    /// For `dependentRequired`/`dependencies`: the property whose presence requires others.
    trigger: Option<String>,
    causes: Vec<Node>,
}

/// How a node of v6's error tree prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// A keyword's own message.
    Line,
    /// Several errors of one schema: `validation failed`.
    Group,
    /// A `$ref`: invisible with one cause, `validation failed` with more.
    Ref,
}

/// One line of the report and the lines under it.
#[derive(Debug, Clone)]
struct Node {
    kind: Kind,
    loc: Vec<String>,
    text: String,
    causes: Vec<Node>,
}

impl Node {
    fn line(loc: &[String], text: &str, causes: Vec<Node>) -> Node {
        Node {
            kind: Kind::Line,
            loc: loc.to_vec(),
            text: text.to_owned(),
            causes,
        }
    }

    /// v6's result of one schema evaluation: its only error, or a group of them.
    fn collapse(mut errs: Vec<Node>, loc: &[String]) -> Node {
        if errs.len() == 1 {
            errs.remove(0)
        } else {
            Node {
                kind: Kind::Group,
                loc: loc.to_vec(),
                text: "validation failed".to_owned(),
                causes: errs,
            }
        }
    }
}

const CHILDREN_RANK: u8 = 50;

fn leaf(e: &jsonschema::ValidationError<'_>) -> Leaf {
    let loc: Vec<String> = e
        .instance_path()
        .as_str()
        .split('/')
        .skip(1)
        .map(|t| t.replace("~1", "/").replace("~0", "~"))
        .collect();
    let instance: &serde_json::Value = e.instance();
    let eval: Vec<String> = e
        .evaluation_path()
        .as_str()
        .split('/')
        .skip(1)
        .map(|t| t.replace("~1", "/").replace("~0", "~"))
        .collect();
    let depth = eval.len();
    let mut l = Leaf {
        loc: loc.clone(),
        eval,
        rank: 0,
        exclusive: false,
        text: String::new(),
        required: Vec::new(),
        additional: Vec::new(),
        trigger: None,
        causes: Vec::new(),
    };
    let (rank, exclusive, text) = match e.kind() {
        ValidationErrorKind::Type { kind } => {
            let want = match kind {
                TypeKind::Single(t) => vec![t.to_string()],
                TypeKind::Multiple(set) => set.iter().map(|t| t.to_string()).collect(),
            };
            let want = order_types(want);
            (
                0,
                true,
                format!("got {}, want {}", json_type(instance), want.join(" or ")),
            )
        }
        ValidationErrorKind::Constant { expected_value } => (
            1,
            true,
            match &**expected_value {
                serde_json::Value::Array(_) | serde_json::Value::Object(_) => {
                    "'const' failed".to_owned()
                }
                v => format!("value must be {}", display(v)),
            },
        ),
        ValidationErrorKind::Enum { options } => (2, true, enum_text(options)),
        ValidationErrorKind::Format { format } => (
            3,
            true,
            format!("{} is not valid {format}", display(instance)),
        ),
        ValidationErrorKind::MinProperties { limit } => (
            10,
            false,
            format!(
                "minProperties: got {}, want {}",
                obj_len(instance),
                group_int(*limit)
            ),
        ),
        ValidationErrorKind::MaxProperties { limit } => (
            11,
            false,
            format!(
                "maxProperties: got {}, want {}",
                obj_len(instance),
                group_int(*limit)
            ),
        ),
        ValidationErrorKind::Required { property } => {
            l.required
                .push(property.as_str().unwrap_or_default().to_owned());
            (12, false, String::new())
        }
        ValidationErrorKind::AdditionalProperties { unexpected } => {
            l.additional.clone_from(unexpected);
            (60, false, String::new())
        }
        ValidationErrorKind::PropertyNames { error } => {
            // v6 validates the name as a document of its own: its errors sit at ''.
            let inner = leaf(error);
            l.causes = vec![Node::line(&[], &inner.text, inner.causes)];
            if let Some(pos) = l.eval.iter().rposition(|s| s == "propertyNames") {
                l.eval.truncate(pos + 1);
            }
            (
                61,
                false,
                format!(
                    "invalid propertyName {}",
                    quote(error.instance().as_str().unwrap_or_default())
                ),
            )
        }
        ValidationErrorKind::MinItems { limit } => (
            10,
            false,
            format!(
                "minItems: got {}, want {}",
                arr_len(instance),
                group_int(*limit)
            ),
        ),
        ValidationErrorKind::MaxItems { limit } => (
            11,
            false,
            format!(
                "maxItems: got {}, want {}",
                arr_len(instance),
                group_int(*limit)
            ),
        ),
        ValidationErrorKind::UniqueItems => {
            let (i, j) = duplicates(instance);
            (12, false, format!("items at {i} and {j} are equal"))
        }
        ValidationErrorKind::AdditionalItems { limit } => (
            51,
            false,
            format!(
                "last {} additionalItem(s) not allowed",
                arr_len(instance).saturating_sub(*limit as u64)
            ),
        ),
        ValidationErrorKind::Contains => (52, false, "no items match contains schema".to_owned()),
        ValidationErrorKind::MinLength { limit } => (
            10,
            false,
            format!(
                "minLength: got {}, want {}",
                str_len(instance),
                group_int(*limit)
            ),
        ),
        ValidationErrorKind::MaxLength { limit } => (
            11,
            false,
            format!(
                "maxLength: got {}, want {}",
                str_len(instance),
                group_int(*limit)
            ),
        ),
        ValidationErrorKind::Pattern { pattern } => (
            12,
            false,
            format!(
                "{} does not match pattern {}",
                quote(instance.as_str().unwrap_or_default()),
                quote(pattern)
            ),
        ),
        ValidationErrorKind::Minimum { limit } => (10, false, bound("minimum", instance, limit)),
        ValidationErrorKind::Maximum { limit } => (11, false, bound("maximum", instance, limit)),
        ValidationErrorKind::ExclusiveMinimum { limit } => {
            (12, false, bound("exclusiveMinimum", instance, limit))
        }
        ValidationErrorKind::ExclusiveMaximum { limit } => {
            (13, false, bound("exclusiveMaximum", instance, limit))
        }
        ValidationErrorKind::MultipleOf { multiple_of } => (
            14,
            false,
            format!(
                "multipleOf: got {}, want {}",
                go_number(instance.as_f64().unwrap_or(0.0)),
                go_number(*multiple_of)
            ),
        ),
        ValidationErrorKind::Not { .. } => (70, false, "'not' failed".to_owned()),
        ValidationErrorKind::AnyOf { context } => {
            l.causes = context_causes(context, depth, &loc);
            (72, false, "'anyOf' failed".to_owned())
        }
        ValidationErrorKind::OneOfNotValid { context } => {
            l.causes = context_causes(context, depth, &loc);
            (73, false, "'oneOf' failed, none matched".to_owned())
        }
        ValidationErrorKind::OneOfMultipleValid { .. } => (
            73,
            false,
            "'oneOf' failed, subschemas 0, 1 matched".to_owned(),
        ),
        ValidationErrorKind::FalseSchema => (0, true, "false schema".to_owned()),
        ValidationErrorKind::UnevaluatedProperties { unexpected }
        | ValidationErrorKind::UnevaluatedItems { unexpected } => {
            // v6 validates each one against the (false) schema: one `false schema` line per
            // property, at its own location; see `expand`.
            l.additional.clone_from(unexpected);
            (80, false, "false schema".to_owned())
        }
        other => (90, false, other_text(e, other)),
    };
    l.rank = rank;
    l.exclusive = exclusive;
    l.text = text;
    l
}

fn other_text(e: &jsonschema::ValidationError<'_>, _kind: &ValidationErrorKind) -> String {
    e.to_string()
}

fn context_causes(
    context: &[Vec<jsonschema::ValidationError<'static>>],
    depth: usize,
    loc: &[String],
) -> Vec<Node> {
    context
        .iter()
        .filter(|errs| !errs.is_empty())
        .map(|errs| {
            let leaves = merge_leaves(errs.iter().map(|e| leaf(e)).collect());
            // Subschema i of anyOf/oneOf sits two keyword segments below the keyword's schema.
            Node::collapse(build(leaves, depth + 1, loc), loc)
        })
        .collect()
}

/// Merges per-property `required` and `additionalProperties` errors into v6's one error per
/// location.
fn merge_leaves(leaves: Vec<Leaf>) -> Vec<Leaf> {
    let mut out: Vec<Leaf> = Vec::new();
    for l in leaves {
        if !l.required.is_empty()
            && let Some(prev) = out.iter_mut().find(|p| {
                p.loc == l.loc
                    && p.eval == l.eval
                    && p.trigger == l.trigger
                    && !p.required.is_empty()
            })
        {
            prev.required.extend(l.required);
            continue;
        }
        if !l.additional.is_empty()
            && let Some(prev) = out
                .iter_mut()
                .find(|p| p.loc == l.loc && p.eval == l.eval && !p.additional.is_empty())
        {
            prev.additional.extend(l.additional);
            continue;
        }
        out.push(l);
    }
    for l in &mut out {
        if let Some(trigger) = &l.trigger {
            l.text = format!(
                "properties {} required, if {} exists",
                join_quoted(&l.required),
                quote(trigger)
            );
            l.rank = if l.eval.last().is_some_and(|k| k == "dependencies") {
                13
            } else {
                63
            };
        } else if !l.required.is_empty() {
            l.text = if l.required.len() == 1 {
                format!("missing property {}", quote(&l.required[0]))
            } else {
                format!("missing properties {}", join_quoted(&l.required))
            };
        }
        if !l.additional.is_empty() {
            l.text = format!(
                "additional properties {} not allowed",
                join_quoted(&l.additional)
            );
        }
    }
    out
}

fn compare_tokens(a: &str, b: &str) -> Ordering {
    match (a.parse::<u64>(), b.parse::<u64>()) {
        (Ok(x), Ok(y)) => x.cmp(&y),
        _ => a.cmp(b),
    }
}

/// Unevaluated properties and items become one `false schema` leaf each, as v6 reports them.
fn expand(l: Leaf, kind: &ValidationErrorKind) -> Vec<Leaf> {
    if !matches!(
        kind,
        ValidationErrorKind::UnevaluatedProperties { .. }
            | ValidationErrorKind::UnevaluatedItems { .. }
    ) {
        return vec![l];
    }
    let mut names = l.additional.clone();
    names.sort_by(|a, b| compare_tokens(a, b));
    names
        .into_iter()
        .map(|name| {
            let mut one = l.clone();
            one.additional.clear();
            one.loc.push(name);
            one
        })
        .collect()
}

/// The property of a `dependentRequired` (or draft-7 `dependencies`) entry that requires the
/// missing ones.
fn dependent_trigger(
    schema: &serde_json::Value,
    schema_path: &str,
    instance: &serde_json::Value,
    missing: &[String],
) -> Option<String> {
    let deps = schema.pointer(schema_path)?.as_object()?;
    let obj = instance.as_object()?;
    deps.iter()
        .filter(|(k, _)| obj.contains_key(k.as_str()))
        .find(|(_, v)| {
            v.as_array().is_some_and(|list| {
                missing
                    .iter()
                    .all(|m| list.iter().any(|x| x.as_str() == Some(m.as_str())))
            })
        })
        .map(|(k, _)| k.clone())
}

/// v6 reports an `additionalItems` failure at the item's index among the additional items
/// (`/l/0` for the first item after a two-schema `items` array), not at its real index.
fn shift_additional_items(l: &mut Leaf, schema_path: &str, schema: &serde_json::Value) {
    let segments: Vec<&str> = schema_path.split('/').skip(1).collect();
    let Some(pos) = segments.iter().rposition(|s| *s == "additionalItems") else {
        return;
    };
    let mut pointer = String::new();
    for s in &segments[..pos] {
        pointer.push('/');
        pointer.push_str(s);
    }
    let Some(tuple) = schema
        .pointer(&pointer)
        .and_then(|s| s.get("items"))
        .and_then(serde_json::Value::as_array)
    else {
        return;
    };
    // The array's depth in the instance: one token per keyword that applied a subschema to a
    // child before additionalItems.
    let mut depth = 0;
    let mut i = 0;
    while i < l.eval.len() {
        let keyword = l.eval[i].as_str();
        if keyword == "additionalItems" {
            break;
        }
        let next = l.eval.get(i + 1).map_or("", String::as_str);
        i += if takes_key(keyword, next, l.eval.len() > i + 2) {
            2
        } else {
            1
        };
        if applies_to_child(keyword) {
            depth += 1;
        }
    }
    if let Some(token) = l.loc.get_mut(depth)
        && let Ok(index) = token.parse::<usize>()
    {
        *token = index.saturating_sub(tuple.len()).to_string();
    }
}

/// Keywords whose subschema applies to a child of the instance (one property or item).
fn applies_to_child(keyword: &str) -> bool {
    matches!(
        keyword,
        "properties"
            | "patternProperties"
            | "additionalProperties"
            | "items"
            | "prefixItems"
            | "additionalItems"
            | "contains"
            | "unevaluatedProperties"
            | "unevaluatedItems"
    )
}

/// Keywords followed by a name or index before the subschema.
fn takes_key(keyword: &str, next: &str, more: bool) -> bool {
    match keyword {
        "properties" | "patternProperties" | "prefixItems" | "allOf" | "anyOf" | "oneOf"
        | "dependentSchemas" | "dependencies" | "$defs" | "definitions" => true,
        "items" => more && next.bytes().all(|b| b.is_ascii_digit()),
        _ => false,
    }
}

/// v6's evaluation order of what a schema reports: keyword rank for its own errors, and for
/// subschemas the rank of the keyword that applied them.
fn child_rank(keyword: &str) -> u8 {
    match keyword {
        "$ref" | "$dynamicRef" | "$recursiveRef" => 5,
        "dependencies" => 13,
        "dependentSchemas" => 62,
        "propertyNames" => 61,
        "not" => 70,
        "allOf" => 71,
        "anyOf" => 72,
        "oneOf" => 73,
        "if" | "then" | "else" => 74,
        "unevaluatedProperties" | "unevaluatedItems" => 80,
        _ => CHILDREN_RANK,
    }
}

/// Rebuilds the errors v6 reports for the schema reached by `depth` segments of the
/// evaluation path, at instance location `loc`.
fn build(leaves: Vec<Leaf>, depth: usize, loc: &[String]) -> Vec<Node> {
    let (own, deeper): (Vec<Leaf>, Vec<Leaf>) =
        leaves.into_iter().partition(|l| l.eval.len() <= depth + 1);
    if let Some(first) = own.iter().filter(|l| l.exclusive).min_by_key(|l| l.rank) {
        return vec![Node::line(loc, &first.text, first.causes.clone())];
    }
    // (rank, sort key, node)
    let mut items: Vec<(u8, String, Node)> = own
        .into_iter()
        .map(|l| (l.rank, String::new(), Node::line(&l.loc, &l.text, l.causes)))
        .collect();
    // Subschema applications, keyed by the segments they consume and the instance child.
    let mut groups: Vec<(Vec<String>, Vec<String>, Vec<Leaf>)> = Vec::new();
    for l in deeper {
        let keyword = l.eval[depth].clone();
        let next = l.eval.get(depth + 1).cloned().unwrap_or_default();
        let consumed = if takes_key(&keyword, &next, l.eval.len() > depth + 2) {
            vec![keyword.clone(), next]
        } else {
            vec![keyword.clone()]
        };
        let child_loc: Vec<String> = if applies_to_child(&keyword) && l.loc.len() > loc.len() {
            l.loc[..=loc.len()].to_vec()
        } else {
            loc.to_vec()
        };
        match groups
            .iter_mut()
            .find(|(c, cl, _)| *c == consumed && *cl == child_loc)
        {
            Some((_, _, ls)) => ls.push(l),
            None => groups.push((consumed, child_loc, vec![l])),
        }
    }
    let mut all_of: Vec<(String, Node)> = Vec::new();
    for (consumed, child_loc, ls) in groups {
        let keyword = consumed[0].as_str();
        let errs = build(ls, depth + consumed.len(), &child_loc);
        if errs.is_empty() {
            continue;
        }
        match keyword {
            "$ref" | "$dynamicRef" | "$recursiveRef" => items.push((
                child_rank(keyword),
                String::new(),
                Node {
                    kind: Kind::Ref,
                    loc: loc.to_vec(),
                    text: "validation failed".to_owned(),
                    causes: errs,
                },
            )),
            "allOf" => all_of.push((consumed[1].clone(), Node::collapse(errs, &child_loc))),
            _ => {
                let key = child_loc.last().cloned().unwrap_or_default();
                items.push((child_rank(keyword), key, Node::collapse(errs, &child_loc)));
            }
        }
    }
    if !all_of.is_empty() {
        all_of.sort_by(|a, b| compare_tokens(&a.0, &b.0));
        let causes = all_of.into_iter().map(|(_, n)| n).collect();
        items.push((
            child_rank("allOf"),
            String::new(),
            Node::line(loc, "'allOf' failed", causes),
        ));
    }
    items.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| compare_tokens(&a.1, &b.1)));
    items.into_iter().map(|(_, _, n)| n).collect()
}

fn render(n: &Node, indent: usize, out: &mut String) {
    if n.kind == Kind::Ref && n.causes.len() == 1 {
        render(&n.causes[0], indent, out);
        return;
    }
    out.push('\n');
    for _ in 0..indent - 1 {
        out.push_str("  ");
    }
    out.push_str("- at ");
    let mut ptr = String::new();
    for t in &n.loc {
        let _ = write!(ptr, "/{}", t.replace('~', "~0").replace('/', "~1"));
    }
    out.push_str(&quote(&ptr));
    out.push_str(": ");
    out.push_str(&n.text);
    for c in &n.causes {
        render(c, indent + 1, out);
    }
}

/// v6's `quote`: Go's `%q` with single quotes outside.
fn quote(s: &str) -> String {
    let q = crate::gofmt::quote(s);
    let inner = &q[1..q.len() - 1];
    format!("'{}'", inner.replace("\\\"", "\"").replace('\'', "\\'"))
}

fn join_quoted(items: &[String]) -> String {
    items
        .iter()
        .map(|s| quote(s))
        .collect::<Vec<_>>()
        .join(", ")
}

fn order_types(mut want: Vec<String>) -> Vec<String> {
    const ORDER: [&str; 7] = [
        "null", "boolean", "number", "integer", "string", "array", "object",
    ];
    want.sort_by_key(|t| ORDER.iter().position(|o| o == t).unwrap_or(ORDER.len()));
    want
}

fn json_type(v: &serde_json::Value) -> &'static str {
    match v {
        serde_json::Value::Null => "null",
        serde_json::Value::Bool(_) => "boolean",
        serde_json::Value::Number(_) => "number",
        serde_json::Value::String(_) => "string",
        serde_json::Value::Array(_) => "array",
        serde_json::Value::Object(_) => "object",
    }
}

/// v6's `display` of a primitive: strings quoted, everything else as Go's `%v`.
fn display(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::String(s) => quote(s),
        serde_json::Value::Array(_) | serde_json::Value::Object(_) => "value".to_owned(),
        serde_json::Value::Null => "<nil>".to_owned(),
        serde_json::Value::Bool(b) => b.to_string(),
        serde_json::Value::Number(n) => match n.as_i64() {
            Some(i) => i.to_string(),
            None => go_float(n.as_f64().unwrap_or(0.0)),
        },
    }
}

fn enum_text(options: &serde_json::Value) -> String {
    let items = options.as_array().cloned().unwrap_or_default();
    if items.iter().any(|i| {
        matches!(
            i,
            serde_json::Value::Array(_) | serde_json::Value::Object(_)
        )
    }) {
        return "'enum' failed".to_owned();
    }
    if items.len() == 1 {
        return format!("value must be {}", display(&items[0]));
    }
    let want: Vec<String> = items.iter().map(display).collect();
    format!("value must be one of {}", want.join(", "))
}

fn obj_len(v: &serde_json::Value) -> usize {
    v.as_object().map_or(0, serde_json::Map::len)
}

fn arr_len(v: &serde_json::Value) -> u64 {
    v.as_array().map_or(0, |a| a.len() as u64)
}

fn str_len(v: &serde_json::Value) -> usize {
    v.as_str().map_or(0, |s| s.chars().count())
}

fn duplicates(v: &serde_json::Value) -> (usize, usize) {
    let items = v.as_array().cloned().unwrap_or_default();
    for i in 1..items.len() {
        for j in 0..i {
            if json_equal(&items[i], &items[j]) {
                return (j, i);
            }
        }
    }
    (0, 0)
}

fn json_equal(a: &serde_json::Value, b: &serde_json::Value) -> bool {
    match (a, b) {
        (serde_json::Value::Number(x), serde_json::Value::Number(y)) => x.as_f64() == y.as_f64(),
        (serde_json::Value::Array(x), serde_json::Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(p, q)| json_equal(p, q))
        }
        (serde_json::Value::Object(x), serde_json::Value::Object(y)) => {
            x.len() == y.len()
                && x.iter()
                    .all(|(k, v)| y.get(k).is_some_and(|w| json_equal(v, w)))
        }
        _ => a == b,
    }
}

fn bound(name: &str, instance: &serde_json::Value, limit: &serde_json::Value) -> String {
    format!(
        "{name}: got {}, want {}",
        go_number(instance.as_f64().unwrap_or(0.0)),
        go_number(limit.as_f64().unwrap_or(0.0))
    )
}

/// Go's `%v` of a float64.
fn go_float(f: f64) -> String {
    crate::gofmt::format_g(f)
}

/// x/text's English `%v` of a float64 (what v6 prints bounds with): Go's `%v`, digits of the
/// integer part grouped by thousands (`1,500`), exponents as `×10⁰⁶`.
fn go_number(f: f64) -> String {
    let s = go_float(f);
    if let Some((mantissa, exp)) = s.split_once('e') {
        let sup: String = exp
            .chars()
            .filter_map(|c| match c {
                '-' => Some('⁻'),
                '+' => None,
                d => "⁰¹²³⁴⁵⁶⁷⁸⁹".chars().nth(d.to_digit(10)? as usize),
            })
            .collect();
        return format!("{mantissa}×10{sup}");
    }
    let (int, frac) = s
        .split_once('.')
        .map_or((s.as_str(), None), |(i, f)| (i, Some(f)));
    let (sign, digits) = int.strip_prefix('-').map_or(("", int), |d| ("-", d));
    match frac {
        Some(frac) => format!("{sign}{}.{frac}", group_digits(digits)),
        None => format!("{sign}{}", group_digits(digits)),
    }
}

fn group_int(n: impl Into<u64>) -> String {
    group_digits(&n.into().to_string())
}

fn group_digits(digits: &str) -> String {
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(values: &str, schema: &str) -> String {
        let v = crate::values::read_values(values.as_bytes()).unwrap();
        validate_against_single_schema(&v, schema.as_bytes()).unwrap_err()
    }

    #[test]
    fn groups_and_orders_like_v6() {
        let got = check(
            "tag: abc\nnested:\n  a: x\n  b: 3\nextra: 1\n",
            r#"{"type":"object","required":["policy","other"],"additionalProperties":false,
            "properties":{"tag":{"pattern":"^[0-9]+$","minLength":5},
            "nested":{"properties":{"a":{"type":"integer"},"b":{"type":"string"}}}}}"#,
        );
        assert_eq!(
            got,
            "- at '': missing properties 'policy', 'other'\n\
             - at '/nested': validation failed\n  \
             - at '/nested/a': got string, want integer\n  \
             - at '/nested/b': got number, want string\n\
             - at '/tag': validation failed\n  \
             - at '/tag': minLength: got 3, want 5\n  \
             - at '/tag': 'abc' does not match pattern '^[0-9]+$'\n\
             - at '': additional properties 'extra' not allowed\n"
        );
    }

    #[test]
    fn numbers_are_grouped() {
        let got = check(
            "count: 1500\n",
            r#"{"properties":{"count":{"minimum":2000}}}"#,
        );
        assert_eq!(got, "- at '/count': minimum: got 1,500, want 2,000\n");
    }

    #[test]
    fn type_failures_hide_the_rest() {
        let got = check(
            "a: 2.5\n",
            r#"{"properties":{"a":{"type":"integer","minimum":10}}}"#,
        );
        assert_eq!(got, "- at '/a': got number, want integer\n");
    }

    #[test]
    fn charts_are_reported_by_name() {
        let mut c = Chart::default();
        c.metadata.name = "external-dns".into();
        c.schema = Some(br#"{"required":["policy"]}"#.to_vec().into());
        let err = validate_against_schema(&c, &Map::new()).unwrap_err();
        assert_eq!(
            err.to_string(),
            "values don't meet the specifications of the schema(s) in the following chart(s):\nexternal-dns:\n- at '': missing property 'policy'\n"
        );
    }
}
