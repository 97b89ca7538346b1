//! The law core: pure and dated. No I/O and no clock — the as-of date is an argument. Every rate,
//! threshold, scale and moratorium is a dated table with its source (`legal-rules.md`); what that
//! note marks UNCONFIRMED is marked so here.
//!
//! | rule | file |
//! |---|---|
//! | billing months, due dates (10th / 15th) | `calendar.rs` |
//! | key rate and the ПП 474 cap | `key_rate.rs` |
//! | moratoria ПП 424, ПП 497 | `moratorium.rs` |
//! | conventions the law leaves open | `conventions.rs` |
//! | which month a payment pays | `allocation.rs` |
//! | the penalty table of one month | `penalty.rs` |
//! | state duty | `duty.rs` |
//! | limitation, court-order ceiling, magistrate limit, writ term | `limits.rs` |
//! | restriction threshold and terms (Правила № 354) | `restriction.rs` |
//! | one account, all of the above | `account.rs` |

pub mod account;
pub mod allocation;
pub mod calendar;
pub mod conventions;
pub mod duty;
pub mod key_rate;
pub mod limits;
pub mod moratorium;
pub mod penalty;
pub mod restriction;
