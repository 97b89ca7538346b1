//! SMS and call lists: one line per debtor with a usable mobile number, the text or script from a
//! plain-text template, and the sending window of 230-ФЗ ст.7 in the debtor's local time
//! (08:00–22:00 on working days, 09:00–20:00 on days off; `[messages]` in `vzysk.toml`).
//! SMS need the debtor's consent (ФЗ «О связи» ст.44.1); numbers that are not Russian mobiles are
//! reported, never guessed.

use super::batch::Batch;
use super::entry::Kind;
use super::kind::{DocKind, Role};
use super::parties::active_debtors;
use super::settings::Settings;
use crate::ladder::Step;
use crate::lang::Text;
use crate::law::case::Case;
use crate::law::gates;
use crate::law::messaging::Windows;
use crate::money::ru;
use crate::templates;
use crate::tr;
use crate::workspace::config::datetime_to_date;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde_json::json;

/// An SMS to each debtor with a phone and consent, as a line of the gateway's list.
pub const SMS: Kind = Kind {
    name: "sms",
    title: "SMS",
    about: ("список SMS для шлюза рассылки", "SMS list for the gateway"),
    folder: "sms",
    role: Role::Message,
    personal: true,
    templates: &[templates::SMS],
    gate: &gates::LETTERS,
    serves: Some(Step::Notice),
    powers: None,
    starts: None,
    post: None,
    build: Some(build_sms),
};

/// A call to each debtor with a phone, as a line of the call list with its script.
pub const CALLS: Kind = Kind {
    name: "calls",
    title: "Обзвон",
    about: (
        "список обзвона со сценарием разговора",
        "call list with a script",
    ),
    folder: "calls",
    role: Role::Message,
    personal: true,
    templates: &[templates::CALLS],
    gate: &gates::LETTERS,
    serves: Some(Step::Notice),
    powers: None,
    starts: None,
    post: None,
    build: Some(build_calls),
};

/// `+7 (916) 100-10-20`, `8 916 1001020`, `9161001020` → `79161001020`; anything else is refused.
pub fn normalize_phone(text: &str) -> Result<String, Text> {
    if text.chars().any(|c| c.is_alphabetic()) {
        return Err(tr!(
            "phone.invalid",
            "«{text}» — не номер телефона",
            "\"{text}\" is not a phone number"
        ));
    }
    let digits: String = text.chars().filter(char::is_ascii_digit).collect();
    let national = match digits.len() {
        11 if digits.starts_with('7') || digits.starts_with('8') => &digits[1..],
        10 => &digits[..],
        _ => {
            return Err(tr!(
                "phone.not_russian",
                "«{text}» — не российский номер (11 цифр, +7…)",
                "\"{text}\" is not a Russian number (11 digits, +7…)"
            ));
        }
    };
    if !national.starts_with('9') {
        return Err(tr!(
            "phone.not_mobile",
            "«{text}» — не номер мобильного телефона (+7 9…)",
            "\"{text}\" is not a mobile number (+7 9…)"
        ));
    }
    Ok(format!("7{national}"))
}

/// «no phone number», a refusal of an SMS or a call.
fn no_phone() -> Text {
    tr!("phone.none", "нет номера телефона", "no phone number")
}

/// A template that failed to compose, as a refusal says it.
fn template_error(template: &str, e: impl std::fmt::Display) -> Text {
    tr!(
        "template.error",
        "шаблон {template}: {e}",
        "template {template}: {e}"
    )
}

/// The GSM-7 basic alphabet's printable ASCII subset; anything else (Cyrillic) means UCS-2.
fn gsm7(text: &str) -> bool {
    text.chars()
        .all(|c| c.is_ascii() && !c.is_ascii_control() && !"[]{}\\^~|`".contains(c))
}

/// How many SMS parts a text takes: UCS-2 70 in one part, 67 per part when split; GSM-7 160 / 153.
pub fn segments(text: &str) -> usize {
    let n = text.chars().count();
    let (single, part) = if gsm7(text) { (160, 153) } else { (70, 67) };
    if n <= single { 1 } else { n.div_ceil(part) }
}

/// The sending window on `day` as (from, to) local times, or `None` when windows are off.
pub fn window(settings: &Settings, day: NaiveDate) -> Option<(String, String)> {
    let m = &settings.config.messages;
    if !m.windows {
        return None;
    }
    let holidays: Vec<NaiveDate> = m.holidays.iter().filter_map(datetime_to_date).collect();
    let windows = Windows {
        workday: &m.workday,
        dayoff: &m.dayoff,
        holidays: &holidays,
    };
    Some(windows.on(day))
}

fn sender(settings: &Settings) -> String {
    let c = settings.config;
    c.messages
        .sender
        .clone()
        .or_else(|| c.claimant.short_name.clone())
        .or_else(|| c.claimant.name.clone())
        .unwrap_or_default()
}

fn callback(settings: &Settings) -> String {
    let c = settings.config;
    c.messages
        .phone
        .clone()
        .or_else(|| c.agent.as_ref().and_then(|a| a.phone.clone()))
        .or_else(|| c.claimant.phone.clone())
        .unwrap_or_default()
}

/// The accounts of the batch's SMS list, one per message.
pub fn sms_accounts(batch: &Batch) -> Vec<String> {
    batch
        .tables
        .get(&file(DocKind::Sms))
        .map(|t| {
            t.rows()
                .into_iter()
                .filter_map(|r| r.first().cloned())
                .collect()
        })
        .unwrap_or_default()
}

/// The path of a text output in the archive: `sms/sms.csv`.
fn file(kind: DocKind) -> String {
    format!("{}/{}.csv", kind.folder(), kind.name())
}

/// The values a message's template receives.
fn message_values(settings: &Settings, case: &Case, name: &str) -> serde_json::Value {
    let plain = |v: Decimal| ru(v).replace('\u{a0}', " ");
    json!({
        "sender": sender(settings), "account": case.account.id, "total": plain(case.demanded()),
        "penalty": plain(case.within_limitation().1), "phone": callback(settings), "name": name,
    })
}

pub fn build_sms(settings: &Settings, case: &Case, batch: &mut Batch) {
    let account = case.account;
    if case.demanded() <= Decimal::ZERO {
        batch.refuse(&account.id, None, DocKind::Sms, case.nothing_demanded());
        return;
    }
    for d in active_debtors(account, DocKind::Sms, batch) {
        let who = d.full_name.as_str();
        let phone = match (&d.phone, d.sms_consent) {
            (None, _) => {
                batch.refuse(&account.id, Some(who), DocKind::Sms, no_phone());
                continue;
            }
            (Some(_), Some(false) | None) => {
                batch.refuse(
                    &account.id,
                    Some(who),
                    DocKind::Sms,
                    tr!(
                        "sms.no_consent",
                        "нет согласия на SMS (sms_consent) — ФЗ «О связи» ст.44.1",
                        "no consent to SMS (sms_consent) — ФЗ «О связи» ст.44.1"
                    ),
                );
                continue;
            }
            (Some(p), Some(true)) => match normalize_phone(p) {
                Ok(p) => p,
                Err(why) => {
                    batch.refuse(&account.id, Some(who), DocKind::Sms, why);
                    continue;
                }
            },
        };
        let values = message_values(settings, case, who);
        let text = match settings.composer.compose(templates::SMS, &values) {
            Ok(t) => t.split_whitespace().collect::<Vec<_>>().join(" "),
            Err(e) => {
                batch.refuse(
                    &account.id,
                    Some(who),
                    DocKind::Sms,
                    template_error(templates::SMS, e),
                );
                continue;
            }
        };
        let parts = segments(&text);
        if parts > 3 {
            batch.refuse(&account.id, Some(who), DocKind::Sms, {
                let template = templates::SMS;
                tr!(
                    "sms.too_long",
                    "текст слишком длинный — частей SMS: {parts} (допустимо не больше 3): сократите {template}",
                    "the text takes {parts} SMS parts (at most 3): shorten {template}"
                )
            });
            continue;
        }
        let (after, before) = window(settings, case.as_of()).unwrap_or_default();
        batch.row(
            &file(DocKind::Sms),
            &[
                "account",
                "phone",
                "text",
                "segments",
                "send_after",
                "send_before",
                "tz",
            ],
            vec![
                account.id.clone(),
                phone,
                text,
                parts.to_string(),
                after,
                before,
                settings.config.messages.tz.clone(),
            ],
        );
    }
}

pub fn build_calls(settings: &Settings, case: &Case, batch: &mut Batch) {
    let account = case.account;
    if case.demanded() <= Decimal::ZERO {
        batch.refuse(&account.id, None, DocKind::Calls, case.nothing_demanded());
        return;
    }
    for d in active_debtors(account, DocKind::Calls, batch) {
        let who = d.full_name.as_str();
        let phone = match d.phone.as_deref().map(normalize_phone) {
            None => {
                batch.refuse(&account.id, Some(who), DocKind::Calls, no_phone());
                continue;
            }
            Some(Err(why)) => {
                batch.refuse(&account.id, Some(who), DocKind::Calls, why);
                continue;
            }
            Some(Ok(p)) => p,
        };
        let values = message_values(settings, case, who);
        let script = match settings.composer.compose(templates::CALLS, &values) {
            Ok(t) => t.split_whitespace().collect::<Vec<_>>().join(" "),
            Err(e) => {
                batch.refuse(
                    &account.id,
                    Some(who),
                    DocKind::Calls,
                    template_error(templates::CALLS, e),
                );
                continue;
            }
        };
        let (after, before) = window(settings, case.as_of()).unwrap_or_default();
        batch.row(
            &file(DocKind::Calls),
            &[
                "account",
                "phone",
                "debtor",
                "debt",
                "last_contact",
                "script",
                "call_after",
                "call_before",
                "tz",
            ],
            vec![
                account.id.clone(),
                phone,
                who.to_string(),
                crate::money::fixed2(case.demanded()),
                case.last_contact.map(|d| d.to_string()).unwrap_or_default(),
                script,
                after,
                before,
                settings.config.messages.tz.clone(),
            ],
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phones_are_normalised_or_refused() {
        assert_eq!(
            normalize_phone("+7 (916) 100-10-20").unwrap(),
            "79161001020"
        );
        assert_eq!(normalize_phone("8 916 100 10 20").unwrap(), "79161001020");
        assert_eq!(normalize_phone("9161001020").unwrap(), "79161001020");
        for bad in [
            "+7 (496) 272-00-00",
            "12345",
            "+44 7911 123456",
            "тел. 8916",
            "",
        ] {
            assert!(normalize_phone(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn segments_follow_ucs2_and_gsm7() {
        assert_eq!(segments(&"д".repeat(70)), 1);
        assert_eq!(segments(&"д".repeat(71)), 2);
        assert_eq!(segments(&"д".repeat(134)), 2);
        assert_eq!(segments(&"д".repeat(135)), 3);
        assert_eq!(segments(&"a".repeat(160)), 1);
        assert_eq!(segments(&"a".repeat(161)), 2);
    }
}
