//! The lawful channels of the п.119 «а» warning (Правила № 354; `legal-rules.md` §7.2, §14.9)
//! [K]: by registered letter, inside the payment document, or by any other means that proves the
//! fact and the date of receipt — an SMS, e-mail, the consumer's personal account in ГИС ЖКХ. The
//! 20 days run from the proven delivery (`case::contact`), whatever the channel: the post's
//! «Вручение» (or a return, ГК ст.165.1), an SMS gateway's delivery report, a read receipt, the
//! day the payment document was delivered. Which channel reaches a debtor is chosen per debtor in
//! the order `[warning] channels` of `vzysk.toml` gives, the first the debtor can be reached by
//! (`docs::warning::channel_for`).

use serde::Deserialize;

/// A channel of the warning.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    /// A registered letter with acknowledgement of receipt (the PDF and Form 103).
    RegisteredMail,
    /// An SMS to the debtor's mobile, with his consent (ФЗ «О связи» ст.44.1).
    Sms,
    /// An e-mail to the address the debtor gave.
    Email,
    /// The consumer's personal account in ГИС ЖКХ.
    Gis,
    /// A block printed in the next payment document (the billing system prints it).
    PaymentDocument,
}

impl Channel {
    pub const ALL: [Channel; 5] = [
        Channel::RegisteredMail,
        Channel::Sms,
        Channel::Email,
        Channel::Gis,
        Channel::PaymentDocument,
    ];

    /// Its name in `vzysk.toml` and in the journal (`channel=`).
    pub fn name(self) -> &'static str {
        match self {
            Channel::RegisteredMail => "registered_mail",
            Channel::Sms => "sms",
            Channel::Email => "email",
            Channel::Gis => "gis",
            Channel::PaymentDocument => "payment_document",
        }
    }

    pub fn parse(text: &str) -> Option<Channel> {
        Channel::ALL.into_iter().find(|c| c.name() == text.trim())
    }
}
