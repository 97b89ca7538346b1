//! The day terms of the ladder that are not the restriction's (those are in `restriction.rs`): the
//! ones set by law as constants, the ones the law leaves open as `Terms`, read from `[terms]` of
//! `vzysk.toml` (`workspace::config`) with these documented defaults.

/// Days for objections to a court order after its issue (ГПК ст.128: 10 days from receipt;
/// `legal-rules.md` §5.3). Counted from the issue, as the receipt day is rarely known.
pub const ORDER_OBJECTION_DAYS: u64 = 10;

/// The terms the law leaves open, each a choice of the department (`[terms]`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Terms {
    /// `notice_grace_days`: days after a debt notice before the case moves on when no warning
    /// applies. Not a term of law: the settlement centre's practice of a month to pay before the
    /// court. Default 30.
    pub notice_grace_days: u64,
    /// `warning_valid_days`: days after its delivery a warning supports a restriction; an older one
    /// is sent anew (`law::case::WarningState::Stale`). Правила № 354 set no term, and a
    /// restriction months after a warning reads as one without a warning. Default 90.
    pub warning_valid_days: u64,
    /// `filing_warn_days`: days before a month's limitation ends (or a writ's term) from which its
    /// «подать до» is shown as urgent: a month for a clerk to file. Default 30.
    pub filing_warn_days: u64,
    /// `agreement_grace_days`: days an instalment of an agreement may be late before the agreement
    /// is proposed as breached (the agreement's own terms, `templates/agreement.typ.j2`: «более
    /// 10 дней»). Default 10.
    pub agreement_grace_days: u64,
    /// An agreement's parts and payment day where its `agreement_signed` event names none: those of
    /// `[agreement]` (`parts`, `day`), the department's standard agreement.
    pub agreement_parts: u32,
    pub agreement_day: u32,
}

impl Default for Terms {
    fn default() -> Self {
        Terms {
            notice_grace_days: 30,
            warning_valid_days: 90,
            filing_warn_days: 30,
            agreement_grace_days: 10,
            agreement_parts: 6,
            agreement_day: 15,
        }
    }
}

impl Terms {
    /// The keys of `[terms]`, each with its field, for reading and for printing.
    pub const KEYS: [&'static str; 4] = [
        "notice_grace_days",
        "warning_valid_days",
        "filing_warn_days",
        "agreement_grace_days",
    ];

    pub fn get_mut(&mut self, key: &str) -> Option<&mut u64> {
        match key {
            "notice_grace_days" => Some(&mut self.notice_grace_days),
            "warning_valid_days" => Some(&mut self.warning_valid_days),
            "filing_warn_days" => Some(&mut self.filing_warn_days),
            "agreement_grace_days" => Some(&mut self.agreement_grace_days),
            _ => None,
        }
    }
}
