//! Where actions get the time from. Only the binaries read the system clock; libraries take a
//! [`Clock`], so tests can fix or step time (Helm overwrites a global `Timestamper` instead).

use std::sync::Mutex;

use crate::time::Time;

/// A source of the current time.
pub trait Clock: Send + Sync {
    /// The current instant.
    fn now(&self) -> Time;
}

/// A clock that always shows the same instant.
#[derive(Clone, Copy, Debug)]
pub struct FixedClock(pub Time);

impl Clock for FixedClock {
    fn now(&self) -> Time {
        self.0
    }
}

/// A clock that starts at an instant and moves one second forward on every reading, so that
/// revisions written one after another get increasing times in tests.
#[derive(Debug)]
pub struct SteppingClock {
    next: Mutex<Time>,
}

impl SteppingClock {
    /// A clock whose first reading is `start`.
    pub fn new(start: Time) -> Self {
        SteppingClock {
            next: Mutex::new(start),
        }
    }
}

impl Clock for SteppingClock {
    fn now(&self) -> Time {
        let mut next = self
            .next
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let now = *next;
        *next = Time::from_unix(now.unix() + 1, now.nanos(), now.offset());
        now
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stepping_clock_moves_a_second_per_reading() {
        let clock = SteppingClock::new(Time::from_unix(100, 5, 3600));
        assert_eq!(clock.now(), Time::from_unix(100, 5, 3600));
        assert_eq!(clock.now(), Time::from_unix(101, 5, 3600));
        assert_eq!(FixedClock(Time::ZERO).now(), Time::ZERO);
    }
}
