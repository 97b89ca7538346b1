//! The warning of п.119 "а" Правил № 354 (`legal-rules.md` §7): for one service whose debt exceeds
//! 2 monthly charges at the norm, with no honoured repayment agreement. It states the 20-day term
//! from delivery, restriction then suspension, the sum and period, how to pay, the right to an
//! agreement. It never names heating, nor cold water in an apartment block (`restrictable`).

use super::batch::{Batch, PdfDoc};
use super::entry::Kind;
use super::kind::{Category, DocKind, Part, Role};
use super::meta::{Meta, WarningMeta};
use super::org::contacts;
use super::parties::{letters, names, names_in};
use super::payment::payee;
use super::settings::Settings;
use crate::ladder::Step;
use crate::law::case::Case;
use crate::law::channels::Channel;
use crate::law::gates;
use crate::law::restriction::{SUSPENSION_AFTER_DAYS, WARNING_TERM_DAYS};
use crate::model::EventKind;
use crate::model::{Answers, Debtor};
use crate::money::{fixed2, ru};
use crate::russian::{self, in_words, names::Case as Grammatical};
use crate::templates;
use rust_decimal::Decimal;
use serde_json::json;

/// The warning of restriction (п.119 Правил № 354).
pub const WARNING: Kind = Kind {
    name: "warning",
    title: "Предупреждение об ограничении",
    about: (
        "предупреждение об ограничении (п.119 Правил № 354)",
        "warning of restriction (п.119 Правил № 354)",
    ),
    folder: "warnings",
    role: Role::Letter,
    personal: false,
    templates: &[templates::WARNING, templates::WARNING_TEXT],
    gate: &gates::WARNING,
    serves: Some(Step::Warning),
    powers: Some(&[]),
    starts: Some((EventKind::WarningSent, None)),
    post: Some(Category::WithNotice),
    build: Some(build),
};

const KIND: DocKind = DocKind::Warning;

pub fn build(settings: &Settings, case: &Case, batch: &mut Batch) {
    let config = settings.config;
    let (account, calc) = (case.account, case.calc);
    let ground = match case.restriction_ground() {
        Ok(g) => g,
        Err(why) => {
            batch.refuse(&account.id, None, KIND, why);
            return;
        }
    };
    let payee = match payee(config) {
        Ok(p) => p,
        Err(why) => {
            batch.refuse(&account.id, None, KIND, why);
            return;
        }
    };
    let span = debt_span(calc);
    for letter in letters(account, KIND, (ground.debt, Decimal::ZERO), batch) {
        let number = batch.numbers.letter();
        let values = json!({
            "account": account.id,
            "number": number,
            "date": russian::date(calc.as_of),
            "debtors": names(&letter.debtors).join(", "),
            // The addressee, in the dative: «Иванову Петру Сергеевичу».
            "to": names_in(&letter.debtors, Grammatical::Dative),
            "address": letter.address.clone().unwrap_or_default(),
            "premises": account.premises_address.clone().or_else(|| letter.address.clone()).unwrap_or_default(),
            "service": ground.service,
            "debt": ru(ground.debt),
            "debt_words": in_words::rubles(ground.debt),
            "share": letter.share.map(|s| s.to_string()),
            "share_debt": ru(letter.principal),
            "norm": ru(ground.threshold / Decimal::TWO),
            "threshold": ru(ground.threshold),
            "period": span,
            "term_days": WARNING_TERM_DAYS,
            "suspension_days": SUSPENSION_AFTER_DAYS,
            "payee": payee.json(),
            "purpose": format!("Оплата коммунальной услуги «{}» по л/с {}", ground.service, account.id),
            "contacts": contacts(config),
            // An agreement is offered only where the case allows one (`law::gates`).
            "agreement_offered": DocKind::Agreement.allows(case).is_ok(),
        });
        let Some(first) = letter.debtors.first() else {
            continue;
        };
        // By the first channel of `[warning] channels` that reaches the debtor (`law::channels`).
        let (channel, to) = channel_for(&config.warning.channels, first);
        if channel != Channel::RegisteredMail
            && by_text(settings, case, batch, (channel, &to), &values, first)
        {
            continue;
        }
        let values = Batch::values(values);
        let folder = batch.debtor_folder(KIND.folder(), account, first);
        batch.pdfs.push(PdfDoc {
            path: format!("{folder}/Предупреждение об ограничении коммунальной услуги.pdf"),
            template: templates::WARNING,
            office: None,
            values,
            files: Vec::new(),
            meta: Meta::Warning(WarningMeta {
                account: account.id.clone(),
                debtors: names(&letter.debtors),
                mail: letter.mail(),
                kind: KIND,
                document: Part::Whole(KIND),
                number,
                service: ground.service.clone(),
                service_debt: fixed2(letter.principal),
                threshold: fixed2(ground.threshold),
            }),
        });
    }
}

/// Where the debtor is reached by `channel`, if he can be: the phone (normalized), the e-mail;
/// the letter, ГИС ЖКХ and the payment document always. Only a debtor who answers himself is
/// reached in person (a minor's or a ward's papers go by letter to the representative).
fn reaches(channel: Channel, d: &Debtor) -> Option<String> {
    let himself = d.answers == Answers::Himself;
    match channel {
        Channel::RegisteredMail | Channel::Gis | Channel::PaymentDocument => Some(String::new()),
        Channel::Sms if himself && d.sms_consent == Some(true) => d
            .phone
            .as_deref()
            .and_then(|p| super::messages::normalize_phone(p).ok()),
        Channel::Email if himself => d.email.clone().filter(|e| e.contains('@')),
        Channel::Sms | Channel::Email => None,
    }
}

/// The first channel of `order` that reaches `d` (`law::channels`), with where; a registered
/// letter when none does (it always may be sent).
pub fn channel_for(order: &[Channel], d: &Debtor) -> (Channel, String) {
    order
        .iter()
        .find_map(|c| reaches(*c, d).map(|to| (*c, to)))
        .unwrap_or((Channel::RegisteredMail, String::new()))
}

/// The header of a channel's list: `warnings/sms.csv` and the like.
pub const TEXT_HEADER: &[&str] = &["account", "debtor", "to", "number", "date", "text"];

/// The list of the warnings sent by `channel` (`warnings/sms.csv`).
pub fn text_file(channel: Channel) -> String {
    format!("{}/{}.csv", KIND.folder(), channel.name().replace('_', "-"))
}

/// The warning as a text by `channel` to `to`, a row of the channel's list: for the SMS gateway
/// (at most 3 parts), the mail robot, ГИС ЖКХ, the billing system's payment document. False
/// when the text does not fit an SMS or the template fails: then it goes by letter.
fn by_text(
    settings: &Settings,
    case: &Case,
    batch: &mut Batch,
    (channel, to): (Channel, &str),
    values: &serde_json::Value,
    first: &Debtor,
) -> bool {
    let mut context = values.clone();
    let plain = |v: &serde_json::Value| v.as_str().unwrap_or("").replace('\u{a0}', " ");
    context["channel"] = json!(channel.name());
    context["debt"] = json!(plain(&values["debt"]));
    context["sender"] = json!(settings.config.messages.sender.clone().unwrap_or_default());
    context["phone"] = json!(plain(&values["contacts"]["phone"]));
    let p = &values["payee"];
    context["payee_line"] = json!(format!(
        "{}, ИНН {}, р/с {} в {}, БИК {}",
        plain(&p["name"]),
        plain(&p["inn"]),
        plain(&p["account"]),
        plain(&p["bank"]),
        plain(&p["bic"])
    ));
    let Ok(text) = settings.composer.compose(templates::WARNING_TEXT, &context) else {
        return false;
    };
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if channel == Channel::Sms && super::messages::segments(&text) > 3 {
        return false;
    }
    let to = match channel {
        Channel::Gis | Channel::PaymentDocument => case.account.id.clone(),
        _ => to.to_string(),
    };
    batch.row(
        &text_file(channel),
        TEXT_HEADER,
        vec![
            case.account.id.clone(),
            first.full_name.clone(),
            to,
            plain(&values["number"]),
            plain(&values["date"]),
            text,
        ],
    );
    true
}

/// The warnings the batch sends as texts, for its journal: (channel, row of its list).
pub fn sent_as_text(batch: &Batch) -> Vec<(Channel, Vec<String>)> {
    Channel::ALL
        .into_iter()
        .filter_map(|c| Some((c, batch.tables.get(&text_file(c))?)))
        .flat_map(|(c, t)| t.rows().into_iter().map(move |r| (c, r.to_vec())))
        .collect()
}

/// The months of the debt a warning (or the act after it) states, in words: those past due and
/// within limitation (`service_debts`); empty when there are none.
pub fn debt_span(calc: &crate::law::calculation::AccountCalc) -> String {
    let months: Vec<_> = calc.overdue_months().filter(|m| !m.time_barred).collect();
    match (months.first(), months.last()) {
        (Some(a), Some(b)) => russian::months(a.period, b.period),
        _ => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::law::case::fixtures::debtor;

    #[test]
    fn the_first_channel_that_reaches_the_debtor_is_taken() {
        let order = [Channel::Sms, Channel::Email, Channel::RegisteredMail];
        let mut d = debtor("Иванов Пётр Сергеевич");
        assert_eq!(channel_for(&order, &d).0, Channel::RegisteredMail);
        d.email = Some("ivanov@example.ru".into());
        assert_eq!(
            channel_for(&order, &d),
            (Channel::Email, "ivanov@example.ru".into())
        );
        d.phone = Some("+7 916 100-10-20".into());
        assert_eq!(
            channel_for(&order, &d).0,
            Channel::Email,
            "no consent: no SMS"
        );
        d.sms_consent = Some(true);
        assert_eq!(
            channel_for(&order, &d),
            (Channel::Sms, "79161001020".into())
        );
        // A minor is not reached in person.
        d.answers = Answers::Represented {
            by: "Иванова Анна".into(),
            guardian: false,
        };
        assert_eq!(channel_for(&order, &d).0, Channel::RegisteredMail);
        assert_eq!(
            Channel::parse("payment_document"),
            Some(Channel::PaymentDocument)
        );
    }
}
