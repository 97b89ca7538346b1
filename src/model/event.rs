//! The case history of `events.csv`: what happened to an account, when, with its document's number.

use chrono::NaiveDate;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Event {
    pub line: u64,
    pub date: NaiveDate,
    pub kind: EventKind,
    pub reference: Option<String>,
    /// `key=value` pairs in the order given.
    pub details: Vec<(String, String)>,
}

impl Event {
    /// The value of detail `key` (`court=s165` → `s165`), the first where it is given twice.
    pub fn detail(&self, key: &str) -> Option<&str> {
        self.details
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }
}

macro_rules! event_kinds {
    ($($variant:ident = $name:literal),* $(,)?) => {
        /// The case-history events of `events.csv` (contract names, `design.md`).
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum EventKind { $($variant),* }

        impl EventKind {
            pub const NAMES: &'static [&'static str] = &[$($name),*];

            pub fn parse(text: &str) -> Option<EventKind> {
                match text { $($name => Some(EventKind::$variant),)* _ => None }
            }

            pub fn name(self) -> &'static str {
                match self { $(EventKind::$variant => $name),* }
            }
        }
    };
}

event_kinds! {
    NoticeSent = "notice_sent",
    SmsSent = "sms_sent",
    WarningSent = "warning_sent",
    WarningDelivered = "warning_delivered",
    Restricted = "restricted",
    Suspended = "suspended",
    Resumed = "resumed",
    AgreementSigned = "agreement_signed",
    AgreementBreached = "agreement_breached",
    OrderFiled = "order_filed",
    OrderReturned = "order_returned",
    OrderRefused = "order_refused",
    OrderIssued = "order_issued",
    OrderCancelled = "order_cancelled",
    ClaimFiled = "claim_filed",
    Judgment = "judgment",
    WritIssued = "writ_issued",
    WritSentBank = "writ_sent_bank",
    WritSentFssp = "writ_sent_fssp",
    WritReturned = "writ_returned",
    PaidInFull = "paid_in_full",
}
