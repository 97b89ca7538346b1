//! vzysk: utility-debt records in, Russian enforcement documents out.
//!
//! Data flows one way: `workspace` (files → checked tables) → `model` → `law` (pure sums, dates and
//! the case) → `ladder` (the next step) → `docs` (what each document needs and says) → `render`
//! (minijinja → Typst → PDF) → `archive`; `report` gives the calc outputs, `portfolio` the
//! figures of `vzysk report`; the commands live in
//! `cmd/`. Imports run the other way only, down these layers:
//!
//! | layer | modules | imports |
//! |---|---|---|
//! | leaves | `lang`, `money`, `diag`, `memory`, `kinds` | nothing of vzysk (`diag` only `lang`) |
//! | model | `model`, `russian` | the leaves |
//! | law | `law` | the model and the registry of kinds |
//! | above the law | `workspace`, `ladder`, `report`, `portfolio`, `render`, `archive` | the law and below |
//! | documents | `docs` | all of the above |
//! | commands | `cmd` | everything |
//!
//! `tests/lint.rs` holds the code to this table.

// No unwrap or expect outside tests: input must never be able to panic the tool (see tests/lint.rs).
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used))]

/// A line to standard error that never panics: `eprintln!` panics when stderr is a pipe nobody
/// reads any more (a closed terminal, a log reader gone), which would end a run — or, in the
/// thread that answers a signal, leave the signal unanswered. Such a line is lost, nothing else.
#[macro_export]
macro_rules! say {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr(), $($arg)*);
    }};
}

pub mod archive;
pub mod cmd;
pub mod diag;
pub mod docs;
pub mod ladder;
pub mod lang;
pub mod law;
pub mod memory;
pub mod model;
pub mod money;
pub mod portfolio;
pub mod render;
pub mod report;
pub mod russian;
pub mod templates;
pub mod workspace;
