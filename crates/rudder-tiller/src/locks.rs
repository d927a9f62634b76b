//! Per-release serialisation: calls that change one release run one at a time, in arrival
//! order (tokio's mutex is fair); calls on different releases proceed in parallel.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

use tokio::sync::OwnedMutexGuard;

/// (namespace, release name).
type Key = (String, String);
/// One release's lock.
type Lock = Arc<tokio::sync::Mutex<()>>;

/// A lock per (namespace, release name).
#[derive(Debug, Default)]
pub struct ReleaseLocks {
    map: Mutex<HashMap<Key, Lock>>,
}

impl ReleaseLocks {
    /// Waits for the release's turn. The guard is owned so that it can move into the thread
    /// that runs the action: a client that disconnects while its action runs does not release
    /// the lock before the action has finished and recorded its result.
    pub async fn lock(&self, namespace: &str, name: &str) -> OwnedMutexGuard<()> {
        let lock = {
            let mut map = self.map.lock().unwrap_or_else(PoisonError::into_inner);
            // Forget locks nobody holds or waits for, so the map stays as small as the set
            // of releases being worked on.
            if map.len() > 1024 {
                map.retain(|_, l| Arc::strong_count(l) > 1);
            }
            map.entry((namespace.to_owned(), name.to_owned()))
                .or_default()
                .clone()
        };
        lock.lock_owned().await
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicUsize, Ordering};

    use super::ReleaseLocks;

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn one_release_at_a_time_others_in_parallel() {
        let locks = Arc::new(ReleaseLocks::default());
        let inside = Arc::new(AtomicUsize::new(0));
        let most = Arc::new(AtomicUsize::new(0));
        let mut tasks = Vec::new();
        for _ in 0..8 {
            let (locks, inside, most) = (locks.clone(), inside.clone(), most.clone());
            tasks.push(tokio::spawn(async move {
                let _g = locks.lock("ns", "web").await;
                let now = inside.fetch_add(1, Ordering::SeqCst) + 1;
                most.fetch_max(now, Ordering::SeqCst);
                tokio::time::sleep(std::time::Duration::from_millis(5)).await;
                inside.fetch_sub(1, Ordering::SeqCst);
            }));
        }
        let a = locks.lock("ns", "a").await;
        let b = locks.lock("ns", "b").await;
        drop((a, b));
        for t in tasks {
            t.await.unwrap();
        }
        assert_eq!(most.load(Ordering::SeqCst), 1);
    }
}
