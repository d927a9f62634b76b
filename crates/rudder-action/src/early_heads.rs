//! Reading the heads of rendered manifests while the engine is still rendering.
//!
//! Helm renders every template, then splits the output into documents and reads the head of
//! each (`SortManifests`). Rendering runs on one thread; reading heads is pure work on text
//! that is final once a template is rendered. So each output goes to a queue as soon as it
//! exists, a second thread reads its heads while the next template renders, and the sort
//! takes them from here instead of reading them again. What is decided does not change: the
//! sort still meets every document in Helm's order and reports the first failure in that
//! order; a head is only taken for the very document text it was read from.

use std::collections::{HashMap, VecDeque};
use std::sync::{Condvar, Mutex, MutexGuard, PoisonError};

use rudder_release::manifest::{self, SimpleHead};

/// One rendered file's documents with what reading each head gave, taken one by one.
type FileHeads = Vec<Option<(String, rudder_release::Result<SimpleHead>)>>;

/// Rendered files waiting for their heads to be read, and the heads read so far.
#[derive(Default)]
pub(crate) struct EarlyHeads {
    queue: Mutex<Queue>,
    ready: Condvar,
    read: Mutex<HashMap<String, FileHeads>>,
}

#[derive(Default)]
struct Queue {
    files: VecDeque<(String, String)>,
    closed: bool,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

impl EarlyHeads {
    /// Queues a rendered file. Notes and blank outputs are never sorted, so they are left.
    pub(crate) fn push(&self, path: &str, text: &str) {
        if path.ends_with("NOTES.txt") || text.trim().is_empty() {
            return;
        }
        lock(&self.queue)
            .files
            .push_back((path.to_owned(), text.to_owned()));
        self.ready.notify_one();
    }

    /// No more files will come: [`EarlyHeads::work`] returns once the queue is empty.
    pub(crate) fn close(&self) {
        lock(&self.queue).closed = true;
        self.ready.notify_all();
    }

    /// Reads the heads of queued files until the queue is closed and empty. Several threads
    /// may work at once.
    pub(crate) fn work(&self) {
        loop {
            let next = {
                let mut queue = lock(&self.queue);
                loop {
                    if let Some(file) = queue.files.pop_front() {
                        break Some(file);
                    }
                    if queue.closed {
                        break None;
                    }
                    queue = self
                        .ready
                        .wait(queue)
                        .unwrap_or_else(PoisonError::into_inner);
                }
            };
            let Some((path, text)) = next else {
                return;
            };
            let heads = manifest::split_manifests(&text)
                .into_iter()
                .map(|doc| {
                    let head = manifest::parse_head(&path, &doc);
                    Some((doc, head))
                })
                .collect();
            lock(&self.read).insert(path, heads);
        }
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
    /// the order files were queued in and however the work was shared.
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
            std::thread::scope(|scope| {
                let worker = scope.spawn(|| early.work());
                for (path, text) in files.iter().rev() {
                    early.push(path, text);
                }
                early.close();
                early.work();
                worker.join().unwrap();
            });
            // One queued text differs from what is sorted: its head is read again.
            early.push("c/templates/t00.yaml", "kind: Secret\n");
            early.close();
            early.work();
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
