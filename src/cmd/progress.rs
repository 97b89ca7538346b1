//! How far `generate` is: a progress bar on a terminal, and for a program that runs it (`vzysk
//! serve`) a line `vzysk: progress N/M` each half second (`--progress-lines`).

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;

/// Prints the accounts decided so far each half second until dropped (`--progress-lines`).
pub struct Ticker {
    stop: std::sync::Arc<std::sync::atomic::AtomicBool>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Ticker {
    /// Tells `report` each half second how many of `total` accounts `progress` has done.
    pub fn start(
        progress: ProgressBar,
        total: usize,
        report: Box<dyn Fn(usize, usize) + Send>,
    ) -> Ticker {
        let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let flag = stop.clone();
        let thread = std::thread::spawn(move || {
            while !flag.load(std::sync::atomic::Ordering::Relaxed) {
                report(progress.position() as usize, total);
                std::thread::sleep(std::time::Duration::from_millis(500));
            }
        });
        Ticker {
            stop,
            thread: Some(thread),
        }
    }
}

impl Drop for Ticker {
    fn drop(&mut self) {
        self.stop.store(true, std::sync::atomic::Ordering::Relaxed);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// A progress bar on stderr: drawn on a terminal only, never into redirected output or with `--quiet`.
pub fn progress_bar(len: usize, quiet: bool) -> ProgressBar {
    if quiet || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(Some(len as u64), ProgressDrawTarget::stderr());
    let template = crate::lang::say(
        "{bar:30} {pos}/{len} счетов · {msg} · осталось {eta}",
        "{bar:30} {pos}/{len} accounts · {msg} · ETA {eta}",
    );
    if let Ok(style) = ProgressStyle::with_template(template) {
        bar.set_style(style);
    }
    bar
}
