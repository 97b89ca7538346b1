//! vzysk: utility-debt records in, Russian enforcement documents out.
//!
//! Data flows one way: `workspace` (files → checked tables) → `model` → `law` (pure sums and dates)
//! → `docs` (what each document needs and says) → `render` (minijinja → Typst → PDF) → `archive`;
//! `report` gives the calc outputs; the commands live in `cmd/`.

// No unwrap or expect outside tests: input must never be able to panic the tool (see tests/lint.rs).
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used))]

pub mod archive;
pub mod cmd;
pub mod diag;
pub mod docs;
pub mod law;
pub mod memory;
pub mod model;
pub mod money;
pub mod names;
pub mod plan;
pub mod render;
pub mod report;
pub mod words;
pub mod workspace;
