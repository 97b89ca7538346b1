//! The day terms of the ladder that are not the restriction's (those are in `restriction.rs`).

/// Days after a debt notice before the case moves on when no warning applies. Not a term of law:
/// the settlement centre's practice of a month to pay before the court (a choice of this tool).
pub const NOTICE_GRACE_DAYS: u64 = 30;

/// Days for objections to a court order after its issue (ГПК ст.128: 10 days from receipt;
/// `legal-rules.md` §5.3). Counted from the issue, as the receipt day is rarely known.
pub const ORDER_OBJECTION_DAYS: u64 = 10;

/// Days after its delivery a warning supports a restriction; an older one is sent anew. A choice
/// of this tool (Правила № 354 set no term, and a restriction months after a warning reads as one
/// without a warning): `law::case::WarningState::Stale`.
pub const WARNING_VALID_DAYS: u64 = 90;
