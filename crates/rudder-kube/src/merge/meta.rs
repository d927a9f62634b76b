//! Patch metadata: for each field of each built-in type, its Go shape (struct, list, map or
//! scalar), patch strategy and merge key, as Go's struct tags carry them
//! (k8s.io/apimachinery `strategicpatch.PatchMetaFromStruct`).

use std::collections::HashMap;
use std::sync::OnceLock;

use serde_json::Value;

use super::PatchError;

/// The metadata Rudder embeds, written by `scripts/patch_meta.py` from the Kubernetes OpenAPI
/// schema of k8s.io/api v0.36 (the version Helm 4.2.3 builds with).
const BUILTIN: &str = include_str!("../../data/patch-meta.json");

#[derive(Debug)]
struct Field {
    shape: String,
    strategies: Vec<String>,
    merge_key: String,
}

/// Strategic merge patch metadata for a set of types: which kinds they describe and, per
/// field, how lists and maps merge (`x-kubernetes-patch-strategy`,
/// `x-kubernetes-patch-merge-key`).
#[derive(Debug)]
pub struct Schema {
    kinds: HashMap<String, String>,
    types: HashMap<String, HashMap<String, Field>>,
}

impl Schema {
    /// The metadata of every built-in kind Helm decodes into Go types (client-go's scheme
    /// and apiextensions).
    pub fn builtin() -> &'static Schema {
        static SCHEMA: OnceLock<Schema> = OnceLock::new();
        SCHEMA.get_or_init(|| {
            Schema::from_json(BUILTIN)
                .expect("the embedded patch metadata is written by scripts/patch_meta.py")
        })
    }

    /// Reads metadata in the format `scripts/patch_meta.py` writes: `kinds` maps
    /// `apiVersion/Kind` to a type, `types` maps a type to its fields, each
    /// `[shape, strategy, mergeKey]` (the last two optional). A shape is `@Type`, `[` or `{`
    /// followed by a shape (list, map), or a scalar kind (`string`, `int64`, ...).
    ///
    /// Errors: [`PatchError::Format`] when the text is not in that format.
    pub fn from_json(text: &str) -> Result<Schema, PatchError> {
        let bad = |message: String| PatchError::Format { message };
        let doc: Value = serde_json::from_str(text).map_err(|e| bad(e.to_string()))?;
        let mut kinds = HashMap::new();
        for (k, v) in doc
            .get("kinds")
            .and_then(Value::as_object)
            .into_iter()
            .flatten()
        {
            let t = v
                .as_str()
                .ok_or_else(|| bad(format!("kind {k} names no type")))?;
            kinds.insert(k.clone(), t.to_owned());
        }
        let mut types = HashMap::new();
        for (name, fields) in doc
            .get("types")
            .and_then(Value::as_object)
            .into_iter()
            .flatten()
        {
            let mut map = HashMap::new();
            for (field, entry) in fields.as_object().into_iter().flatten() {
                let parts: Vec<&str> = entry
                    .as_array()
                    .map(|a| a.iter().filter_map(Value::as_str).collect())
                    .unwrap_or_default();
                let Some(shape) = parts.first() else {
                    return Err(bad(format!("field {name}.{field} has no shape")));
                };
                let strategies = parts
                    .get(1)
                    .filter(|s| !s.is_empty())
                    .map(|s| s.split(',').map(str::to_owned).collect())
                    .unwrap_or_default();
                map.insert(
                    field.clone(),
                    Field {
                        shape: (*shape).to_owned(),
                        strategies,
                        merge_key: parts.get(2).copied().unwrap_or_default().to_owned(),
                    },
                );
            }
            types.insert(name.clone(), map);
        }
        Ok(Schema { kinds, types })
    }

    /// The type of a kind (`apps/v1`, `Deployment`), if the metadata knows it.
    pub fn kind(&self, api_version: &str, kind: &str) -> Option<TypeRef<'_>> {
        let name = self.kinds.get(&format!("{api_version}/{kind}"))?;
        Some(TypeRef {
            schema: self,
            shape: ShapeRef::Named(name),
        })
    }

    /// A type by its name in the metadata (`core.v1.Container`), for tests.
    pub fn named(&self, name: &str) -> Option<TypeRef<'_>> {
        let (key, _) = self.types.get_key_value(name)?;
        Some(TypeRef {
            schema: self,
            shape: ShapeRef::Named(key),
        })
    }
}

#[derive(Clone, Copy, Debug)]
enum ShapeRef<'s> {
    /// A struct type by name.
    Named(&'s str),
    /// A shape string (`@T`, `[...`, `{...`, scalar).
    Shape(&'s str),
}

/// A position in the metadata: the Go type of a value being merged (Go's
/// `PatchMetaFromStruct{T}`).
#[derive(Clone, Copy, Debug)]
pub struct TypeRef<'s> {
    schema: &'s Schema,
    shape: ShapeRef<'s>,
}

/// How a field merges: its patch strategies and merge key (Go's `PatchMeta`).
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct PatchMeta<'s> {
    pub(crate) strategies: &'s [String],
    pub(crate) merge_key: &'s str,
}

impl<'s> TypeRef<'s> {
    fn resolved(&self) -> Resolved<'s> {
        match self.shape {
            ShapeRef::Named(n) => Resolved::Struct(n),
            ShapeRef::Shape(s) => {
                if let Some(n) = s.strip_prefix('@') {
                    Resolved::Struct(n)
                } else if let Some(e) = s.strip_prefix('[') {
                    Resolved::Slice(e)
                } else if s.starts_with('{') {
                    Resolved::Map
                } else {
                    Resolved::Scalar(s)
                }
            }
        }
    }

    /// Go's `reflect.Kind` name of this type, which apimachinery's messages print.
    pub(crate) fn name(&self) -> &'s str {
        match self.resolved() {
            Resolved::Struct(_) => "struct",
            Resolved::Slice(_) => "slice",
            Resolved::Map => "map",
            Resolved::Scalar(s) => s,
        }
    }

    /// The type and metadata of field `key` of this struct
    /// (`LookupPatchMetadataForStruct`).
    pub(crate) fn lookup_struct(
        &self,
        key: &str,
    ) -> Result<(TypeRef<'s>, PatchMeta<'s>), PatchError> {
        let Resolved::Struct(name) = self.resolved() else {
            return Err(PatchError::NotStruct {
                kind: self.name().to_owned(),
            });
        };
        let fields = self.schema.types.get(name);
        // encoding/json matches a field name exactly, else case-insensitively.
        let field = fields.and_then(|f| {
            f.get(key).or_else(|| {
                f.iter()
                    .find(|(k, _)| k.eq_ignore_ascii_case(key))
                    .map(|(_, v)| v)
            })
        });
        let Some(field) = field else {
            return Err(PatchError::UnknownField {
                strukt: name.rsplit('.').next().unwrap_or(name).to_owned(),
                field: key.to_owned(),
            });
        };
        Ok((
            TypeRef {
                schema: self.schema,
                shape: ShapeRef::Shape(&field.shape),
            },
            PatchMeta {
                strategies: &field.strategies,
                merge_key: &field.merge_key,
            },
        ))
    }

    /// The element type and metadata of list field `key` of this struct
    /// (`LookupPatchMetadataForSlice`).
    pub(crate) fn lookup_slice(
        &self,
        key: &str,
    ) -> Result<(TypeRef<'s>, PatchMeta<'s>), PatchError> {
        let (field, meta) = self.lookup_struct(key)?;
        match field.resolved() {
            Resolved::Slice(elem) => {
                if elem.starts_with('[') {
                    return Err(PatchError::Format {
                        message: "unexpected slice of slice".to_owned(),
                    });
                }
                Ok((
                    TypeRef {
                        schema: self.schema,
                        shape: ShapeRef::Shape(elem),
                    },
                    meta,
                ))
            }
            _ => Err(PatchError::NotSlice {
                kind: self.name().to_owned(),
            }),
        }
    }
}

enum Resolved<'s> {
    Struct(&'s str),
    Slice(&'s str),
    Map,
    Scalar(&'s str),
}

#[cfg(test)]
mod tests {
    use super::Schema;

    #[test]
    fn builtin_metadata_knows_containers_and_their_lists() {
        let s = Schema::builtin();
        let deployment = s.kind("apps/v1", "Deployment").unwrap();
        let (spec, _) = deployment.lookup_struct("spec").unwrap();
        let (template, _) = spec.lookup_struct("template").unwrap();
        let (pod, _) = template.lookup_struct("spec").unwrap();
        let (container, meta) = pod.lookup_slice("containers").unwrap();
        assert_eq!(meta.merge_key, "name");
        assert_eq!(meta.strategies, ["merge"]);
        let (_, env) = container.lookup_slice("env").unwrap();
        assert_eq!(env.merge_key, "name");
        let (_, volumes) = pod.lookup_slice("volumes").unwrap();
        assert_eq!(volumes.strategies, ["merge", "retainKeys"]);
        assert!(s.kind("v1", "Service").is_some());
        assert!(s.kind("example.com/v1", "Widget").is_none());
        let err = container.lookup_struct("nope").unwrap_err();
        assert_eq!(
            err.to_string(),
            "unable to find api field in struct Container for the json field \"nope\""
        );
        let (labels, _) = template
            .lookup_struct("metadata")
            .unwrap()
            .0
            .lookup_struct("labels")
            .unwrap();
        assert_eq!(
            labels.lookup_struct("x").unwrap_err().to_string(),
            "merging an object in json but data type is not struct, instead is: map"
        );
    }
}
