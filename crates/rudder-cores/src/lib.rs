//! Independent pieces of work spread over the available cores, results in order.
//!
//! Loading a chart reads hundreds of files, rendering parses hundreds of templates and
//! sorting reads the head of every manifest: each piece depends only on its input. [`map`]
//! hands the pieces out one at a time (they differ a lot in size) to this thread and to as
//! many helpers as there are other cores, and gives the results back in the input's order,
//! so that whatever the caller decides from them (the first error, the last definition) is
//! what doing them in turn would decide.
//!
//! ```
//! let squares = rudder_cores::map(&[1, 2, 3, 4], rudder_cores::Spread::default(), |n| n * n);
//! assert_eq!(squares, [1, 4, 9, 16]);
//! ```

use std::sync::atomic::{AtomicUsize, Ordering};

/// How to spread the work.
#[derive(Debug, Clone, Copy)]
pub struct Spread {
    /// Stack size of each helper thread.
    pub stack: usize,
    /// Fewest pieces per thread worth starting a helper for.
    pub per_thread: usize,
}

impl Default for Spread {
    /// Helpers with 8 MiB of stack, for any number of pieces above one.
    fn default() -> Self {
        Spread {
            stack: 8 << 20,
            per_thread: 1,
        }
    }
}

/// `items.iter().map(f).collect()`, spread over the available cores. A panic in `f` is
/// raised again here once every thread has stopped.
pub fn map<T: Sync, R: Send>(items: &[T], spread: Spread, f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let workers = std::thread::available_parallelism()
        .map_or(1, std::num::NonZero::get)
        .min(items.len() / spread.per_thread.max(1));
    if workers <= 1 {
        return items.iter().map(f).collect();
    }
    let next = AtomicUsize::new(0);
    let work = || {
        let mut done = Vec::new();
        loop {
            let i = next.fetch_add(1, Ordering::Relaxed);
            let Some(item) = items.get(i) else {
                return done;
            };
            done.push((i, f(item)));
        }
    };
    let mut results: Vec<Option<R>> = items.iter().map(|_| None).collect();
    for (i, result) in on_threads(workers - 1, spread.stack, work) {
        results[i] = Some(result);
    }
    // Every index was taken by exactly one thread, so every slot is filled; `f` again is a
    // fallback that never runs.
    results
        .into_iter()
        .zip(items)
        .map(|(result, item)| result.unwrap_or_else(|| f(item)))
        .collect()
}

/// Runs `work` on this thread and, at the same time, on up to `helpers` more threads with
/// `stack` bytes of stack each, and gathers what every run returned (this thread's first).
/// Threads that cannot be started are done without. A panic in any run is raised again here
/// once every thread has stopped.
pub fn on_threads<R: Send>(
    helpers: usize,
    stack: usize,
    work: impl Fn() -> Vec<R> + Sync,
) -> Vec<R> {
    std::thread::scope(|scope| {
        let started: Vec<_> = (0..helpers)
            .filter_map(|_| {
                std::thread::Builder::new()
                    .stack_size(stack)
                    .spawn_scoped(scope, &work)
                    .ok()
            })
            .collect();
        let mut all = work();
        for helper in started {
            match helper.join() {
                Ok(done) => all.extend(done),
                Err(panic) => std::panic::resume_unwind(panic),
            }
        }
        all
    })
}

#[cfg(test)]
mod tests {
    use super::{Spread, map};

    #[test]
    fn results_come_in_the_items_order_whatever_their_sizes() {
        let items: Vec<u64> = (0..500).map(|i| (i * 7919) % 1000).collect();
        let slow = |n: &u64| (0..*n * 100).fold(*n, |a, b| a.wrapping_mul(31).wrapping_add(b));
        let want: Vec<u64> = items.iter().map(slow).collect();
        assert_eq!(map(&items, Spread::default(), slow), want);
        let few = Spread {
            per_thread: 1000,
            ..Spread::default()
        };
        assert_eq!(map(&items, few, slow), want);
        assert!(map(&[] as &[u64], Spread::default(), slow).is_empty());
    }

    #[test]
    fn a_panic_in_a_piece_is_raised_to_the_caller() {
        let items: Vec<u32> = (0..64).collect();
        let caught = std::panic::catch_unwind(|| {
            map(&items, Spread::default(), |&n| {
                assert!(n != 40, "piece 40");
                n
            })
        });
        assert!(caught.is_err());
    }
}
