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
    ($($variant:ident = $name:literal : $label:literal : $label_en:literal),* $(,)?) => {
        /// The case-history events of `events.csv` (contract names, README «The workspace»), in the ladder's
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

            /// The event in English («Notice sent»).
            pub fn label_en(self) -> &'static str {
                match self { $(EventKind::$variant => $label_en),* }
            }

            /// The event's words in `lang`.
            pub fn label_in(self, lang: crate::lang::Lang) -> &'static str {
                lang.pick(self.label(), self.label_en())
            }
        }
    };
}

event_kinds! {
    NoticeSent = "notice_sent" : "Направлено уведомление" : "Notice sent",
    SmsSent = "sms_sent" : "Направлено SMS" : "SMS sent",
    WarningSent = "warning_sent" : "Направлено предупреждение" : "Warning sent",
    WarningDelivered = "warning_delivered" : "Предупреждение вручено" : "Warning delivered",
    Restricted = "restricted" : "Услуга ограничена" : "Service restricted",
    Suspended = "suspended" : "Услуга приостановлена" : "Service suspended",
    Resumed = "resumed" : "Услуга возобновлена" : "Service resumed",
    AgreementSigned = "agreement_signed" : "Подписано соглашение о рассрочке" : "Instalment agreement signed",
    AgreementBreached = "agreement_breached" : "Соглашение нарушено" : "Agreement breached",
    OrderFiled = "order_filed" : "Подано заявление о судебном приказе" : "Court-order application filed",
    OrderReturned = "order_returned" : "Заявление возвращено" : "Application returned",
    OrderRefused = "order_refused" : "В принятии заявления отказано" : "Application refused",
    OrderIssued = "order_issued" : "Вынесен судебный приказ" : "Court order issued",
    OrderCancelled = "order_cancelled" : "Судебный приказ отменён" : "Court order cancelled",
    ClaimFiled = "claim_filed" : "Подано исковое заявление" : "Statement of claim filed",
    Judgment = "judgment" : "Вынесено решение суда" : "Judgment given",
    WritIssued = "writ_issued" : "Получен исполнительный документ" : "Writ received",
    WritSentBank = "writ_sent_bank" : "Исполнительный документ в банке" : "Writ at the bank",
    WritSentFssp = "writ_sent_fssp" : "Исполнительный документ у приставов" : "Writ with the bailiffs",
    WritReturned = "writ_returned" : "Исполнительный документ возвращён" : "Writ returned",
    PaidInFull = "paid_in_full" : "Долг погашен" : "Debt paid in full",
    RegisterClaimFiled = "register_claim_filed" : "Направлено требование о включении в реестр кредиторов" : "Claim for the register of creditors filed",
    EstateClaimSent = "estate_claim_sent" : "Направлена претензия нотариусу (наследственное дело)" : "Claim sent to the notary of the inheritance case",
    HeirsClaimSent = "heirs_claim_sent" : "Направлено требование наследникам" : "Claim sent to the heirs",
}
