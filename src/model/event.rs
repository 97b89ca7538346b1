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
    ($($variant:ident = $name:literal : $label:literal),* $(,)?) => {
        /// The case-history events of `events.csv` (contract names, `design.md`), in the ladder's
        /// order, each with the words a clerk reads for it — the one table of both.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum EventKind { $($variant),* }

        impl EventKind {
            pub const NAMES: &'static [&'static str] = &[$($name),*];

            /// Every kind, in the ladder's order.
            pub const ALL: &'static [EventKind] = &[$(EventKind::$variant),*];

            pub fn parse(text: &str) -> Option<EventKind> {
                match text { $($name => Some(EventKind::$variant),)* _ => None }
            }

            pub fn name(self) -> &'static str {
                match self { $(EventKind::$variant => $name),* }
            }

            /// The event as a clerk reads it («Направлено уведомление»).
            pub fn label(self) -> &'static str {
                match self { $(EventKind::$variant => $label),* }
            }
        }
    };
}

event_kinds! {
    NoticeSent = "notice_sent" : "Направлено уведомление",
    SmsSent = "sms_sent" : "Направлено SMS",
    WarningSent = "warning_sent" : "Направлено предупреждение",
    WarningDelivered = "warning_delivered" : "Предупреждение вручено",
    Restricted = "restricted" : "Услуга ограничена",
    Suspended = "suspended" : "Услуга приостановлена",
    Resumed = "resumed" : "Услуга возобновлена",
    AgreementSigned = "agreement_signed" : "Соглашение о рассрочке",
    AgreementBreached = "agreement_breached" : "Соглашение нарушено",
    OrderFiled = "order_filed" : "Подано заявление о судебном приказе",
    OrderReturned = "order_returned" : "Заявление возвращено",
    OrderRefused = "order_refused" : "В принятии заявления отказано",
    OrderIssued = "order_issued" : "Вынесен судебный приказ",
    OrderCancelled = "order_cancelled" : "Судебный приказ отменён",
    ClaimFiled = "claim_filed" : "Подано исковое заявление",
    Judgment = "judgment" : "Вынесено решение суда",
    WritIssued = "writ_issued" : "Получен исполнительный документ",
    WritSentBank = "writ_sent_bank" : "Исполнительный документ в банке",
    WritSentFssp = "writ_sent_fssp" : "Исполнительный документ у приставов",
    WritReturned = "writ_returned" : "Исполнительный документ возвращён",
    PaidInFull = "paid_in_full" : "Долг погашен",
}
