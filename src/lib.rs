//! vzysk: utility-debt records in, Russian enforcement documents out.
//!
//! Data flows one way: `workspace` (files → checked tables) → `model` → `law` (pure sums and dates)
//! → `report` (the calc outputs) → the commands in `cmd/`.

pub mod cmd;
pub mod diag;
pub mod law;
pub mod model;
pub mod money;
pub mod report;
pub mod words;
pub mod workspace;
