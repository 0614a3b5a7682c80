//! The last line of defence: a panic anywhere in a run becomes a one-line
//! internal error with exit code 2, never a raw panic message or backtrace.

use std::panic::{self, AssertUnwindSafe};
use std::sync::Mutex;

/// Where and why the last panic happened, recorded by the hook.
static LAST_PANIC: Mutex<Option<String>> = Mutex::new(None);

/// A panic caught by [`run`]: its message and where it happened. Shown as
/// an internal error, a bug in reassure rather than in the user's file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "internal error in reassure {version}: {cause}\nnote: this is a bug in reassure, not in your file; \
     please report it with the input that caused it",
    version = env!("CARGO_PKG_VERSION"),
    cause = crate::text::terminal_safe(.0, false)
)]
pub struct Panic(pub String);

/// Runs `f`; if it panics (on any thread whose panic reaches this one, as
/// rayon's do), returns the panic's message and location instead. The
/// default hook, which prints to stderr, is silenced for the duration.
pub fn run<T>(f: impl FnOnce() -> T) -> Result<T, Panic> {
    let previous = panic::take_hook();
    panic::set_hook(Box::new(|info| {
        let message = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown cause".to_owned());
        let place = info
            .location()
            .map(|l| format!(" at {}:{}", l.file(), l.line()))
            .unwrap_or_default();
        if let Ok(mut last) = LAST_PANIC.lock() {
            *last = Some(format!("{message}{place}"));
        }
    }));
    let result = panic::catch_unwind(AssertUnwindSafe(f));
    panic::set_hook(previous);
    result.map_err(|_| {
        Panic(
            LAST_PANIC
                .lock()
                .ok()
                .and_then(|mut last| last.take())
                .unwrap_or_else(|| "unknown cause".to_owned()),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    // One test: the panic hook is process-wide, so two guarded runs on
    // parallel test threads would swap each other's hooks.
    #[test]
    fn a_panic_on_this_thread_or_a_worker_becomes_an_error_with_its_cause() {
        let caught = run(|| -> u8 { panic!("index {} out of range", 7) }).unwrap_err();
        assert!(
            caught.0.starts_with("index 7 out of range at src/guard.rs:"),
            "{caught}"
        );
        assert_eq!(run(|| 5), Ok(5));

        use rayon::prelude::*;
        let caught = run(|| {
            (0..64)
                .into_par_iter()
                .map(|i| if i == 40 { panic!("worker {i}") } else { i })
                .sum::<i32>()
        })
        .unwrap_err();
        assert!(caught.0.starts_with("worker 40"), "{caught}");
        assert!(caught.to_string().starts_with("internal error in reassure "));
    }
}
