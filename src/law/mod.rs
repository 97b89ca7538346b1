//! The law core: pure and dated. No I/O and no clock — the as-of date is an argument. Every rate,
//! threshold, scale and moratorium is a dated table with its source (`legal-rules.md`, beside this
//! file; the formats of what leaves the building in `formats.md`); what that note marks UNCONFIRMED
//! is marked so here. It imports the model and nothing above it.
//!
//! | rule | file |
//! |---|---|
//! | billing months' due dates (10th / 15th) | `calendar.rs` |
//! | key rate and the ПП 474 cap | `key_rate.rs` |
//! | moratoria ПП 424, ПП 497 | `moratorium.rs` |
//! | conventions the law leaves open | `conventions.rs` |
//! | which month a payment pays (Пленум ВС № 22 п.32) | `allocation.rs` |
//! | the penalty table of one month | `penalty.rs` |
//! | one account's sums: principal, penalty, duty, limitation warnings | `calculation.rs` |
//! | state duty (НК ст.333.19) | `duty.rs` |
//! | the order's duty credited to the claim (НК ст.333.20) | `duty_credit.rs` |
//! | limitation (ГК ст.196, 200) | `limitation.rs` |
//! | court-order ceiling, magistrate's limit, travel-ban threshold | `thresholds.rs` |
//! | the writ's term (229-ФЗ ст.21) | `writ_term.rs` |
//! | restriction threshold and terms (Правила № 354) | `restriction.rs` |
//! | the ladder's other day terms (objections, notice grace, `[terms]`) | `terms.rs` |
//! | an instalment agreement's schedule and a missed part | `agreement.rs` |
//! | the days by which something is due («подать до», objections, writ, warnings) | `deadlines.rs` |
//! | which court and which bailiffs (ГПК ст.28, 229-ФЗ ст.33) | `jurisdiction.rs` |
//! | who may be taken to court, for which months, at what duty | `eligibility.rs` |
//! | an owner's part of the account's sums (ГК ст.249) | `shares.rs` |
//! | why a debtor owes: ownership, social hire, registration (ЖК ст.30, 69, 153) | `basis.rs` |
//! | who answers for a minor owner (ГК ст.26, 28, СК ст.64, Пленум ВС № 22 п.28) | `capacity.rs` |
//! | the split at a bankruptcy or a death: the register's or the estate's months, the current ones (127-ФЗ ст.5, ГК ст.1175) | `cutoff.rs` |
//! | which documents the case allows (agreement, court, warnings, one writ) | `gates.rs` |
//! | SMS and call windows (230-ФЗ ст.7) | `messaging.rs` |
//! | the warning's lawful channels and their proof of delivery (Правила № 354 п.119 «а») | `channels.rs` |
//! | who may sign and file: the powers of attorney (ГК ст.186–187, ГПК ст.54) | `authority.rs` |
//! | check digits: ИНН, ОГРН, КПП, СНИЛС, БИК, a bank account's key | `identifiers.rs` |
//! | the case: stage, orders, writ, agreement, restriction, warnings from the events | `case/` |
//! | what is left of a writ after the payments since (229-ФЗ ст.8, 30; ГК ст.408) | `case/remainder.rs` |
//! | the history's own rules: an outcome needs its filing, one writ in one place | `case/history.rs` |

pub mod agreement;
pub mod allocation;
pub mod authority;
pub mod basis;
pub mod calculation;
pub mod calendar;
pub mod capacity;
pub mod case;
pub mod channels;
pub mod conventions;
pub mod cutoff;
pub mod deadlines;
pub mod duty;
pub mod duty_credit;
pub mod eligibility;
pub mod gates;
pub mod identifiers;
pub mod jurisdiction;
pub mod key_rate;
pub mod limitation;
pub mod messaging;
pub mod moratorium;
pub mod penalty;
pub mod restriction;
pub mod shares;
pub mod terms;
pub mod thresholds;
pub mod writ_term;
