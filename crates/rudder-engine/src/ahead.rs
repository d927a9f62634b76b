//! Parsing a chart's templates before the render asks for them.
//!
//! Parsing depends only on a template's name, its text and which function names exist; not
//! on values, dependency conditions or capabilities. So a caller that still has work to do
//! before rendering (processing dependencies, coalescing values, checking the schema) can
//! start [`Engine::parse_ahead`] first: a second thread parses every template of the chart
//! tree meanwhile, and the render takes each tree whose name and text are still the same,
//! parsing the rest itself. Templates of subcharts that turn out disabled, or renamed by an
//! alias, are parsed for nothing; what is rendered and reported does not change.

use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use rudder_chart::{Bytes, Chart};
use rudder_gotmpl::{ParseError, ParseOptions, Templates, Tree};

use crate::engine::Engine;

/// What parsing one template gave.
pub(crate) type Parsed = Result<Vec<Tree>, ParseError>;

/// Templates being parsed ahead of a render ([`Engine::parse_ahead`]); hand it to the
/// rendering engine as [`Engine::parsed_ahead`].
pub struct ParseAhead {
    shared: Arc<Shared>,
    worker: Mutex<Option<rudder_cores::Pending<()>>>,
}

impl std::fmt::Debug for ParseAhead {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ParseAhead")
            .field("templates", &self.shared.items.len())
            .finish_non_exhaustive()
    }
}

struct Shared {
    /// Only asked which function names exist.
    set: Templates,
    /// Full template name (`chart/charts/sub/templates/x.yaml`) and bytes.
    items: Vec<(String, Bytes)>,
    index: HashMap<String, usize>,
    next: AtomicUsize,
    parsed: Mutex<Vec<Option<Parsed>>>,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

impl Shared {
    /// Parses the templates nobody has taken yet, one at a time.
    fn work(&self) {
        let opts = ParseOptions::default();
        let is_func = |f: &str| self.set.is_func(f);
        loop {
            let i = self.next.fetch_add(1, Ordering::Relaxed);
            let Some((name, data)) = self.items.get(i) else {
                return;
            };
            let text = crate::engine::decode(data);
            let parsed = rudder_gotmpl::parse(name, &text, &opts, &is_func);
            lock(&self.parsed)[i] = Some(parsed);
            rudder_cores::make_way();
        }
    }
}

impl Engine {
    /// Starts parsing every template of `chart` and of all its subcharts on another thread,
    /// as this engine's render would parse them (same function names). Errors are kept, not
    /// reported: only the render decides which templates count.
    pub fn parse_ahead(&self, chart: &Chart) -> ParseAhead {
        let mut items = Vec::new();
        gather(chart, None, &mut items);
        let index = items
            .iter()
            .enumerate()
            .map(|(i, (name, _))| (name.clone(), i))
            .collect();
        let shared = Arc::new(Shared {
            set: Templates::new(Arc::new(crate::funcs::func_map(self, false))),
            parsed: Mutex::new((0..items.len()).map(|_| None).collect()),
            items,
            index,
            next: AtomicUsize::new(0),
        });
        let worker = rudder_cores::spawn({
            let shared = shared.clone();
            move || shared.work()
        });
        ParseAhead {
            shared,
            worker: Mutex::new(Some(worker)),
        }
    }
}

/// The templates of `chart` and its subcharts under the names the render gives them.
fn gather(chart: &Chart, parent_path: Option<&str>, out: &mut Vec<(String, Bytes)>) {
    let full_path = match parent_path {
        None => chart.name().to_owned(),
        Some(parent) => format!("{parent}/charts/{}", chart.name()),
    };
    for child in chart.dependencies() {
        gather(child, Some(&full_path), out);
    }
    for f in &chart.templates {
        out.push((format!("{full_path}/{}", f.name), f.data.clone()));
    }
}

impl Drop for ParseAhead {
    /// A render that never came (the caller failed before it) stops the other thread after
    /// the template it is parsing.
    fn drop(&mut self) {
        self.shared
            .next
            .store(self.shared.items.len(), Ordering::Relaxed);
    }
}

impl ParseAhead {
    /// Parses whatever is left on this thread as well and waits for the other one.
    pub(crate) fn finish(&self) {
        self.shared.work();
        let worker = lock(&self.worker).take();
        if let Some(worker) = worker {
            worker.wait();
        }
    }

    /// The trees parsed for template `name`, if they were parsed from exactly `text`; each
    /// is handed out once. Call [`ParseAhead::finish`] first.
    pub(crate) fn take(&self, name: &str, data: &Bytes) -> Option<Parsed> {
        let &i = self.shared.index.get(name)?;
        let ahead = &self.shared.items[i].1;
        if !Bytes::ptr_eq(ahead, data) && **ahead != **data {
            return None;
        }
        lock(&self.shared.parsed)[i].take()
    }
}
