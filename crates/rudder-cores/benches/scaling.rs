//! How well this machine lets one process use its cores: the figures that decide whether
//! spreading `rudder template`'s phases over threads pays.
//!
//! Prints, as medians of several rounds:
//! - how long a new thread takes to start running after the spawn, and a parked thread to
//!   run after a wake-up, while the spawning (waking) thread keeps its own core busy, after
//!   a pause that let the other core go idle;
//! - the wall time of 2 ms of arithmetic (the length of a `rudder template` phase) done on
//!   this thread and on a second one at once: a thread started for it, and a parked worker
//!   of [`rudder_cores`];
//! - the wall time of a piece of work done once on one thread, and done twice at once by
//!   [`rudder_cores::on_threads`] (this thread and one helper), for two kinds of work:
//!   arithmetic only, and filling freshly allocated memory (what parsing and rendering do
//!   most: every tree node and output string lands on pages the kernel has to zero first).
//!
//! A ratio of 1.0 for "both at once / one" means the second core did its copy for free; 2.0
//! means the two copies took turns. Run with `cargo bench -p rudder-cores --bench scaling`.

#![expect(clippy::print_stdout, reason = "a benchmark prints its figures")]

use std::hint::black_box;
use std::sync::{Arc, Condvar, Mutex, PoisonError};
use std::time::{Duration, Instant};

const ROUNDS: usize = 21;

/// Arithmetic only: no memory beyond a few registers.
fn compute(steps: u64) -> u64 {
    let mut x = 0x9e37_79b9_7f4a_7c15_u64;
    for i in 0..steps {
        x = black_box(x.rotate_left(5) ^ i).wrapping_mul(0x100_0000_01b3);
    }
    x
}

/// Fresh memory: `blocks` allocations of 64 KiB, each filled, kept until the end.
fn fresh_memory(blocks: usize) -> usize {
    let kept: Vec<Vec<u8>> = (0..blocks).map(|i| vec![i as u8 | 1; 64 << 10]).collect();
    kept.iter().map(|b| usize::from(b[b.len() - 1])).sum()
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

/// The wall time of `work` once on this thread, and twice at once on two threads.
fn one_and_two(work: &(dyn Fn() -> usize + Sync)) -> (Duration, Duration) {
    let mut one = Vec::new();
    let mut two = Vec::new();
    for _ in 0..ROUNDS {
        let start = Instant::now();
        black_box(work());
        one.push(start.elapsed());
        let start = Instant::now();
        black_box(rudder_cores::on_threads(1, || vec![work()]));
        two.push(start.elapsed());
        std::thread::sleep(Duration::from_millis(5));
    }
    (median(one), median(two))
}

/// Keeps this core busy for `d`, as a render does.
fn busy(d: Duration) {
    let start = Instant::now();
    while start.elapsed() < d {
        black_box(compute(1000));
    }
}

fn print_latency(what: &str, mut latency: Vec<Duration>) {
    latency.sort();
    println!(
        "{what}: median {:.3} ms, max {:.3} ms",
        ms(latency[latency.len() / 2]),
        ms(latency[latency.len() - 1])
    );
}

/// A parked helper: woken with the time of the wake-up, it answers how long it took to run.
struct Parked {
    wake: Mutex<Option<Instant>>,
    woken: Condvar,
    answer: Mutex<Option<Duration>>,
    answered: Condvar,
}

fn parked_wake_latency() -> Vec<Duration> {
    let parked = Arc::new(Parked {
        wake: Mutex::new(None),
        woken: Condvar::new(),
        answer: Mutex::new(None),
        answered: Condvar::new(),
    });
    let helper = Arc::clone(&parked);
    std::thread::spawn(move || {
        loop {
            let mut wake = helper.wake.lock().unwrap_or_else(PoisonError::into_inner);
            while wake.is_none() {
                wake = helper
                    .woken
                    .wait(wake)
                    .unwrap_or_else(PoisonError::into_inner);
            }
            let Some(at) = wake.take() else { continue };
            drop(wake);
            *helper.answer.lock().unwrap_or_else(PoisonError::into_inner) = Some(at.elapsed());
            helper.answered.notify_one();
        }
    });
    (0..ROUNDS)
        .map(|_| {
            std::thread::sleep(Duration::from_millis(20));
            *parked.wake.lock().unwrap_or_else(PoisonError::into_inner) = Some(Instant::now());
            parked.woken.notify_one();
            busy(Duration::from_millis(2));
            let mut answer = parked.answer.lock().unwrap_or_else(PoisonError::into_inner);
            loop {
                if let Some(latency) = answer.take() {
                    return latency;
                }
                answer = parked
                    .answered
                    .wait(answer)
                    .unwrap_or_else(PoisonError::into_inner);
            }
        })
        .collect()
}

fn main() {
    let cores = rudder_cores::cores();
    println!("available cores: {cores}");

    let spawn_latency = (0..ROUNDS)
        .map(|_| {
            std::thread::sleep(Duration::from_millis(20));
            let spawned = Instant::now();
            let helper = std::thread::spawn(move || spawned.elapsed());
            busy(Duration::from_millis(2));
            helper.join().unwrap_or_default()
        })
        .collect();
    print_latency("new thread running after spawn", spawn_latency);
    print_latency("parked thread running after wake-up", parked_wake_latency());
    let two_ms = || busy(Duration::from_millis(2));
    let fresh_thread = (0..ROUNDS)
        .map(|_| {
            std::thread::sleep(Duration::from_millis(1));
            let start = Instant::now();
            std::thread::scope(|scope| {
                scope.spawn(two_ms);
                two_ms();
            });
            start.elapsed()
        })
        .collect();
    print_latency(
        "2 ms on each of two threads, the second started for it (2 ms at once, 4 ms in turn)",
        fresh_thread,
    );
    rudder_cores::start();
    let worker = (0..ROUNDS)
        .map(|_| {
            std::thread::sleep(Duration::from_millis(1));
            let start = Instant::now();
            rudder_cores::on_threads(1, || vec![two_ms()]);
            start.elapsed()
        })
        .collect();
    print_latency(
        "2 ms on each of two threads, the second a parked worker of rudder_cores",
        worker,
    );
    for (what, work) in [
        (
            "arithmetic",
            &(|| compute(20_000_000) as usize) as &(dyn Fn() -> usize + Sync),
        ),
        ("fresh memory (32 MiB)", &|| fresh_memory(512)),
    ] {
        let (one, two) = one_and_two(work);
        println!(
            "{what}: one {:.2} ms, both at once {:.2} ms, ratio {:.2}",
            ms(one),
            ms(two),
            two.as_secs_f64() / one.as_secs_f64()
        );
    }
}
