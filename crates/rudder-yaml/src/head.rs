//! Reading only the head of a manifest (`apiVersion`, `kind`, `metadata.name`,
//! `metadata.annotations`), as Helm's `SortManifests` reads every rendered document into its
//! `SimpleHead`, without building the rest of the document.
//!
//! The whole first document is still parsed, so every syntax error surfaces as with
//! [`from_yaml`]. Where a decoding or conversion error could arise (aliases, tags, merge keys,
//! keys that are not strings, NaN and infinities, deep nesting) or the document is not a
//! mapping, nothing is decided here: the document is read again by [`from_yaml`], whose value
//! and errors are then the answer.

use std::collections::BTreeMap;

use libyaml_safer::{Event, EventData};
use rudder_value::{Map, Value};

use crate::error::Result;
use crate::read::{Events, from_yaml, with_events};
use crate::resolve::{Resolved, resolve_plain};

/// Nesting deeper than this is left to [`from_yaml`] (which refuses 10,000 levels).
const MAX_DEPTH: usize = 1000;

/// `Ok(None)`: leave the document to [`from_yaml`].
type Step<T> = Result<Option<T>>;

/// Reads the first YAML document of `text` as [`from_yaml`] does, with the same errors, but
/// of a mapping keeps only `apiVersion`, `kind` and `metadata`, and of a `metadata` mapping
/// only `name` and `annotations` (the head Helm reads of a manifest). Where the document is
/// not a mapping or is unusual, the value is [`from_yaml`]'s, all of it.
///
/// ```
/// let v = rudder_yaml::from_yaml_head("kind: Pod\nspec: {a: 1}\nmetadata: {name: x, uid: 2}\n").unwrap();
/// assert_eq!(rudder_yaml::to_yaml(&v).unwrap(), "kind: Pod\nmetadata:\n  name: x\n");
/// ```
pub fn from_yaml_head(text: &str) -> Result<Value> {
    if let Some(value) = crate::simple_block::simple_head(text) {
        return Ok(value);
    }
    event_head(text)
}

/// [`from_yaml_head`] without the line reader of plain block documents: the events of the
/// document, or [`from_yaml`] where they leave the answer to it.
pub(crate) fn event_head(text: &str) -> Result<Value> {
    match with_events(text, read_head)? {
        Some(value) => Ok(value),
        None => from_yaml(text),
    }
}

fn read_head(events: &mut Events<'_>) -> Step<Value> {
    // STREAM-START
    events.next()?;
    match events.next()?.data {
        EventData::StreamEnd => return Ok(Some(Value::Nil)),
        EventData::DocumentStart { .. } => {}
        _ => return Ok(None),
    }
    let root = events.next()?;
    if !matches!(root.data, EventData::MappingStart { .. }) {
        return Ok(None);
    }
    let mut out = BTreeMap::new();
    let done = pairs(events, |events, key, value| {
        match key.as_str() {
            "apiVersion" | "kind" => {
                let Some(v) = scalar(events, value) else {
                    return Ok(None);
                };
                out.insert(key, v);
            }
            "metadata" => {
                let Some(v) = metadata(events, value)? else {
                    return Ok(None);
                };
                out.insert(key, v);
            }
            _ => {
                if skip(events, value)?.is_none() {
                    return Ok(None);
                }
            }
        }
        Ok(Some(()))
    })?;
    if done.is_none() {
        return Ok(None);
    }
    if !matches!(events.next()?.data, EventData::DocumentEnd { .. }) {
        return Ok(None);
    }
    Ok(Some(Value::Map(Map::from(out))))
}

/// `metadata`: a mapping of which `name` and `annotations` are kept, or a null.
fn metadata(events: &mut Events<'_>, first: Event) -> Step<Value> {
    if !matches!(first.data, EventData::MappingStart { .. }) {
        return Ok(scalar(events, first).filter(|v| matches!(v, Value::Nil)));
    }
    let mut out = BTreeMap::new();
    let done = pairs(events, |events, key, value| {
        match key.as_str() {
            "name" => {
                let Some(v) = scalar(events, value) else {
                    return Ok(None);
                };
                out.insert(key, v);
            }
            "annotations" => {
                let Some(v) = annotations(events, value)? else {
                    return Ok(None);
                };
                out.insert(key, v);
            }
            _ => {
                if skip(events, value)?.is_none() {
                    return Ok(None);
                }
            }
        }
        Ok(Some(()))
    })?;
    Ok(done.map(|()| Value::Map(Map::from(out))))
}

/// `metadata.annotations`: a mapping of scalars, or a null.
fn annotations(events: &mut Events<'_>, first: Event) -> Step<Value> {
    if !matches!(first.data, EventData::MappingStart { .. }) {
        return Ok(scalar(events, first).filter(|v| matches!(v, Value::Nil)));
    }
    let mut out = BTreeMap::new();
    let done = pairs(events, |events, key, value| {
        let Some(v) = scalar(events, value) else {
            return Ok(None);
        };
        out.insert(key, v);
        Ok(Some(()))
    })?;
    Ok(done.map(|()| Value::Map(Map::from(out))))
}

/// The pairs of a mapping whose start event was read, up to its end: each key (a string, as
/// the one-pass decoder takes it) with its value's first event.
fn pairs(
    events: &mut Events<'_>,
    mut pair: impl FnMut(&mut Events<'_>, String, Event) -> Step<()>,
) -> Step<()> {
    loop {
        let key = events.next()?;
        let key = match key.data {
            EventData::MappingEnd => return Ok(Some(())),
            EventData::Scalar {
                tag: None,
                value,
                plain_implicit,
                style,
                ..
            } => {
                let value = events.scalar_value(value, style, key.end_mark.index as usize);
                // Plain keys must resolve to strings (timestamps stay strings), and `<<` is
                // a merge.
                if plain_implicit
                    && (value == "<<"
                        || !matches!(resolve_plain(&value), Resolved::Str | Resolved::Timestamp))
                {
                    return Ok(None);
                }
                value
            }
            _ => return Ok(None),
        };
        let value = events.next()?;
        if pair(events, key, value)?.is_none() {
            return Ok(None);
        }
    }
}

/// A scalar's value as [`from_yaml`] converts it; `None` for anything else or what needs
/// [`from_yaml`] (a tag, NaN, an infinity).
fn scalar(events: &Events<'_>, event: Event) -> Option<Value> {
    let EventData::Scalar {
        tag: None,
        value,
        plain_implicit,
        style,
        ..
    } = event.data
    else {
        return None;
    };
    let value = events.scalar_value(value, style, event.end_mark.index as usize);
    if !plain_implicit {
        return Some(Value::from(value));
    }
    Some(match resolve_plain(&value) {
        Resolved::Null => Value::Nil,
        Resolved::Bool(b) => Value::Bool(b),
        Resolved::Int(i) => Value::Float(i as f64),
        Resolved::Uint(u) => Value::Float(u as f64),
        Resolved::Float(f) if f.is_finite() => Value::Float(f),
        Resolved::Float(_) => return None,
        Resolved::Timestamp | Resolved::Merge | Resolved::Str => Value::from(value),
    })
}

/// Where [`skip`] is inside an open collection.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Open {
    Seq,
    MapKey,
    MapValue,
}

/// Reads a node whose first event is `first` to its end, checking that [`from_yaml`] would
/// decode it without an error.
fn skip(events: &mut Events<'_>, first: Event) -> Step<()> {
    let mut open: Vec<Open> = Vec::new();
    let mut event = first;
    loop {
        let at_key = open.last() == Some(&Open::MapKey);
        match event.data {
            EventData::Scalar {
                tag: None,
                value,
                plain_implicit: true,
                ..
            } => {
                // Block scalars are never plain, so the line break `with_events` may append
                // is not in `value`.
                if at_key {
                    if value == "<<"
                        || !matches!(resolve_plain(&value), Resolved::Str | Resolved::Timestamp)
                    {
                        return Ok(None);
                    }
                } else if matches!(
                    value.as_bytes().first(),
                    Some(b'.' | b'+' | b'-' | b'0'..=b'9')
                ) && matches!(resolve_plain(&value), Resolved::Float(f) if !f.is_finite())
                {
                    return Ok(None);
                }
            }
            EventData::Scalar { tag: None, .. } => {}
            EventData::SequenceStart { .. } | EventData::MappingStart { .. }
                if at_key || open.len() >= MAX_DEPTH =>
            {
                return Ok(None);
            }
            EventData::SequenceStart { .. } => {
                open.push(Open::Seq);
                event = events.next()?;
                continue;
            }
            EventData::MappingStart { .. } => {
                open.push(Open::MapKey);
                event = events.next()?;
                continue;
            }
            EventData::SequenceEnd | EventData::MappingEnd => {
                open.pop();
            }
            _ => return Ok(None),
        }
        // A node ended.
        match open.last_mut() {
            None => return Ok(Some(())),
            Some(state @ Open::MapKey) => *state = Open::MapValue,
            Some(state @ Open::MapValue) => *state = Open::MapKey,
            Some(Open::Seq) => {}
        }
        event = events.next()?;
    }
}
