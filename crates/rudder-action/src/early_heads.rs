//! Reading the heads of rendered manifests as soon as each template is rendered.
//!
//! Helm renders every template, then splits the output into documents and reads the head of
//! each (`SortManifests`). Reading heads is pure work on text that is final once a template is
//! rendered, so the thread that rendered a template reads its heads right away (the templates
//! render on every core, and so do their heads), and the sort takes them from here instead of
//! reading them again. What is decided does not change: the sort still meets every document in
//! Helm's order and reports the first failure in that order; a head is only taken for the very
//! document text it was read from.

use std::collections::HashMap;
use std::sync::{Mutex, MutexGuard, PoisonError};

use rudder_release::manifest::{self, SimpleHead};

/// One rendered file's documents with what reading each head gave, taken one by one.
type FileHeads = Vec<Option<(String, rudder_release::Result<SimpleHead>)>>;

/// The heads read so far, by rendered file.
#[derive(Default)]
pub(crate) struct EarlyHeads {
    read: Mutex<HashMap<String, FileHeads>>,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

impl EarlyHeads {
    /// Reads the heads of a rendered file, on this thread. Notes and blank outputs are never
    /// sorted, so they are left. Several threads may read at once.
    pub(crate) fn read(&self, path: &str, text: &str) {
        if path.ends_with("NOTES.txt") || text.trim().is_empty() {
            return;
        }
        let heads = manifest::split_manifests(text)
            .into_iter()
            .map(|doc| {
                let head = manifest::parse_head(path, &doc);
                Some((doc, head))
            })
            .collect();
        lock(&self.read).insert(path.to_owned(), heads);
    }

    /// The head read for document `index` of file `path`, if it was read from exactly `doc`.
    pub(crate) fn take(
        &self,
        path: &str,
        index: usize,
        doc: &str,
    ) -> Option<rudder_release::Result<SimpleHead>> {
        let mut read = lock(&self.read);
        let slot = read.get_mut(path)?.get_mut(index)?;
        if slot.as_ref().is_some_and(|(text, _)| text == doc) {
            return slot.take().map(|(_, head)| head);
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use rudder_release::{kind, manifest};

    use super::EarlyHeads;

    /// Sorting with heads read early gives what sorting alone gives, errors included, whatever
    /// the order files were read in and however the threads shared them.
    #[test]
    fn early_heads_sort_as_the_sort_alone_does() {
        let file = |i: usize| match i % 5 {
            0 => format!("apiVersion: v1\nkind: Service\nmetadata:\n  name: s{i}\n"),
            1 => format!(
                "kind: Job\nmetadata:\n  name: j{i}\n  annotations:\n    helm.sh/hook: pre-install\n---\nkind: Pod\nmetadata: {{name: p{i}}}\n"
            ),
            2 => format!("kind: ConfigMap\nmetadata:\n  name: c{i}\n  labels: [\n"),
            3 => "  \n".to_owned(),
            _ => format!("kind: Namespace\nmetadata:\n  name: n{i}\n"),
        };
        for broken in [false, true] {
            let files: BTreeMap<String, String> = (0..40)
                .filter(|i| broken || i % 5 != 2)
                .map(|i| (format!("c/templates/t{i:02}.yaml"), file(i)))
                .collect();
            let alone = manifest::sort_manifests(&files, kind::INSTALL_ORDER);
            let early = EarlyHeads::default();
            let all: Vec<(&String, &String)> = files.iter().rev().collect();
            std::thread::scope(|scope| {
                for half in all.chunks(all.len().div_ceil(2)) {
                    let early = &early;
                    scope.spawn(move || {
                        for (path, text) in half {
                            early.read(path, text);
                        }
                    });
                }
            });
            // One text read differs from what is sorted: its head is read again.
            early.read("c/templates/t00.yaml", "kind: Secret\n");
            let with = manifest::sort_manifests_with(&files, kind::INSTALL_ORDER, &|p, i, d| {
                early.take(p, i, d)
            });
            assert_eq!(
                format!("{:?}", alone.as_ref().map_err(ToString::to_string)),
                format!("{:?}", with.as_ref().map_err(ToString::to_string)),
            );
            assert_eq!(alone.is_err(), broken);
        }
    }
}
