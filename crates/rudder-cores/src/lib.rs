//! Independent pieces of work spread over the available cores, results in order.
//!
//! Loading a chart reads hundreds of files, rendering parses hundreds of templates and
//! sorting reads the head of every manifest: each piece depends only on its input. [`map`]
//! hands the pieces out one at a time (they differ a lot in size) to as many threads as
//! there are cores, and gives the results back in the input's order, so that whatever the
//! caller decides from them (the first error, the last definition) is what doing them in turn
//! would decide.
//!
//! The threads are started once per process and wait, parked, between pieces of work
//! ([`start`] starts them early). A phase of `rudder template` lasts a few milliseconds, and
//! on a small virtual machine a thread started for it may not run before the phase is over:
//! the scheduler leaves it on the core of the thread that started it, which stays busy, and
//! `benches/scaling.rs` measured about 2 ms before it ran. A parked thread that is woken runs
//! on the idle core within microseconds.
//!
//! ```
//! let squares = rudder_cores::map(&[1, 2, 3, 4], rudder_cores::Spread::default(), |n| n * n);
//! assert_eq!(squares, [1, 4, 9, 16]);
//! ```

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, OnceLock, PoisonError};

/// Stack of each worker thread, and of `rudder`'s command thread. Go grows a goroutine's
/// stack up to 1 GiB and charts lean on that (deep `include` chains, recursive templates);
/// only the pages touched are committed.
pub const STACK: usize = 1 << 30;

/// The number of cores this process may use, read once: the standard library reads the
/// cgroup's CPU quota from `/sys` on every call.
pub fn cores() -> usize {
    static CORES: OnceLock<usize> = OnceLock::new();
    *CORES.get_or_init(|| std::thread::available_parallelism().map_or(1, std::num::NonZero::get))
}

/// How to spread the work.
#[derive(Debug, Clone, Copy)]
pub struct Spread {
    /// Fewest pieces per thread worth a second thread for.
    pub per_thread: usize,
}

impl Default for Spread {
    /// A second thread for any number of pieces above one.
    fn default() -> Self {
        Spread { per_thread: 1 }
    }
}

/// The worker threads, one per core besides the caller's (one more cost more than it gave:
/// each thread that allocates has its own heap); none on a machine with one core, or when
/// they cannot be started (then everything runs on the caller's thread).
fn pool() -> Option<&'static rayon_core::ThreadPool> {
    static POOL: OnceLock<Option<rayon_core::ThreadPool>> = OnceLock::new();
    POOL.get_or_init(|| {
        let cores = cores();
        if cores <= 1 {
            return None;
        }
        rayon_core::ThreadPoolBuilder::new()
            .num_threads(cores - 1)
            .stack_size(STACK)
            .thread_name(|i| format!("rudder-core-{i}"))
            .build()
            .ok()
    })
    .as_ref()
}

/// Starts the worker threads now, so that they are parked and ready when the first piece of
/// work comes (a program calls it first thing). Without it they start at the first use.
pub fn start() {
    pool();
}

/// `items.iter().map(f).collect()`, spread over the available cores. A panic in `f` is
/// raised again here once every thread has stopped.
pub fn map<T: Sync, R: Send>(items: &[T], spread: Spread, f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let workers = cores().min(items.len() / spread.per_thread.max(1));
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
    for (i, result) in on_threads(workers - 1, work) {
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

/// Runs `work` on this thread and, at the same time, on up to `helpers` worker threads, and
/// gathers what every run returned. Without worker threads it runs once, here. A panic in
/// any run is raised again here once every run has stopped.
pub fn on_threads<R: Send>(helpers: usize, work: impl Fn() -> Vec<R> + Sync) -> Vec<R> {
    let Some(pool) = pool() else {
        return work();
    };
    let all = Mutex::new(Vec::new());
    let run = || {
        let done = work();
        all.lock()
            .unwrap_or_else(PoisonError::into_inner)
            .extend(done);
    };
    pool.in_place_scope(|scope| {
        for _ in 0..helpers.min(pool.current_num_threads()) {
            scope.spawn(|_| run());
        }
        run();
    });
    all.into_inner().unwrap_or_else(PoisonError::into_inner)
}

/// Runs `here` on this thread and, at the same time, `there` on a worker thread, and returns
/// both results. Without worker threads `there` runs here, after `here`. A panic in either is
/// raised again here once both have stopped.
pub fn join<A, B: Send>(here: impl FnOnce() -> A, there: impl FnOnce() -> B + Send) -> (A, B) {
    let Some(pool) = pool() else {
        let a = here();
        return (a, there());
    };
    let b = Mutex::new(None);
    let a = pool.in_place_scope(|scope| {
        scope.spawn(|_| *b.lock().unwrap_or_else(PoisonError::into_inner) = Some(there()));
        here()
    });
    let b = b.into_inner().unwrap_or_else(PoisonError::into_inner);
    (a, b.expect("the scope ends after the work it started"))
}

/// On a worker thread, runs the work waiting for a worker (the helpers of a [`map`] or
/// [`on_threads`] started meanwhile) before going on; elsewhere, nothing.
pub fn make_way() {
    if let Some(pool) = pool()
        && pool.current_thread_index().is_some()
    {
        while pool.yield_now() == Some(rayon_core::Yield::Executed) {}
    }
}

/// A piece of work started by [`spawn`].
#[derive(Debug)]
pub struct Pending<R> {
    result: std::sync::mpsc::Receiver<std::thread::Result<R>>,
}

impl<R> Pending<R> {
    /// Waits for the work to end and gives its result; a panic in it is raised again here.
    pub fn wait(self) -> R {
        match self.result.recv() {
            Ok(Ok(result)) => result,
            Ok(Err(panic)) => std::panic::resume_unwind(panic),
            Err(std::sync::mpsc::RecvError) => {
                panic!("a worker thread ended without finishing its work")
            }
        }
    }
}

/// Starts `work` on a worker thread and returns at once; without worker threads it runs
/// here, before returning. Work that lasts should call [`make_way`] between its steps: it
/// holds a worker meanwhile, which a [`map`] started by the caller would otherwise wait for.
pub fn spawn<R: Send + 'static>(work: impl FnOnce() -> R + Send + 'static) -> Pending<R> {
    let (send, result) = std::sync::mpsc::channel();
    let run = move || {
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(work));
        // The caller may have stopped waiting; nothing else needs the result.
        let _ = send.send(outcome);
    };
    match pool() {
        Some(pool) => pool.spawn(run),
        None => run(),
    }
    Pending { result }
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
        let few = Spread { per_thread: 1000 };
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

    #[test]
    fn join_gives_both_results_and_raises_a_panic_of_either() {
        let words = ["a", "b"];
        let (here, there) = super::join(|| words[0].repeat(3), || words[1].len());
        assert_eq!((here.as_str(), there), ("aaa", 1));
        assert!(std::panic::catch_unwind(|| super::join(|| 1, || panic!("there"))).is_err());
        assert!(std::panic::catch_unwind(|| super::join(|| panic!("here"), || 1)).is_err());
    }

    #[test]
    fn spawned_work_gives_its_result_or_its_panic_to_the_waiter() {
        assert_eq!(super::spawn(|| 6 * 7).wait(), 42);
        let failed = super::spawn(|| -> u8 { panic!("spawned") });
        assert!(std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| failed.wait())).is_err());
    }

    #[test]
    fn every_run_of_on_threads_is_gathered_and_the_caller_takes_part() {
        let caller = std::thread::current().id();
        let runs = super::on_threads(4, || vec![std::thread::current().id()]);
        let cores = super::cores();
        // The caller and one helper per other core, at most the four asked for.
        assert_eq!(runs.len(), 1 + 4.min(cores - 1));
        assert!(runs.contains(&caller));
    }

    #[test]
    fn a_map_does_not_wait_for_spawned_work_that_makes_way() {
        use std::sync::Arc;
        use std::sync::atomic::{AtomicBool, Ordering};
        if super::cores() < 2 {
            // One core: `spawn` runs its work before returning, so there is nothing to wait for.
            return;
        }
        let stop = Arc::new(AtomicBool::new(false));
        let long = super::spawn({
            let stop = Arc::clone(&stop);
            move || {
                let start = std::time::Instant::now();
                while !stop.load(Ordering::Relaxed) && start.elapsed().as_secs() < 5 {
                    super::make_way();
                    std::thread::sleep(std::time::Duration::from_millis(1));
                }
                stop.load(Ordering::Relaxed)
            }
        });
        let items: Vec<u32> = (0..64).collect();
        assert_eq!(map(&items, Spread::default(), |n| n + 1)[63], 64);
        stop.store(true, Ordering::Relaxed);
        assert!(
            long.wait(),
            "the map waited for the spawned work to give up"
        );
    }
}
