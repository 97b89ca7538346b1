//! Who answers for a minor owner's charges (`legal-rules.md` §14.1) [K]:
//! - under 14, the parents (adoptive parents, guardians) bear the minor's charges (ГК ст.28, СК
//!   ст.64; Пленум ВС РФ от 27.06.2017 № 22 п.28): the papers name the representative, «действующая
//!   в интересах несовершеннолетнего …», and the minor is not a debtor in his own name;
//! - from 14 to 18 the minor answers himself, represented in court by a parent (ГПК ст.37 ч.3);
//!   his parents' subsidiary liability is UNCONFIRMED for utilities and not modelled;
//! - age is judged at each month's due date: a month due before the 14th birthday is the
//!   representatives' debt, a later one the owner's;
//! - no SMS, call or agreement is addressed to a minor (ГК ст.26, 28: he cannot bind himself).
//!
//! What this tool decides, where the law leaves the form open: one decision per account on the
//! run's date, over the months documents would claim (those with a debt or a penalty within
//! limitation). Months on both sides of the 14th birthday are not filed together: a filing is
//! refused, with the day, and the department files the two apart. A minor with no representative
//! known (`representative` of `accounts.csv`) gets no paper at all.
//!
//! A birthday is reached on the day of the same date (ГК ст.192 ч.3: the 29th of February in a
//! year without one is the 28th).

use super::calculation::AccountCalc;
use super::conventions::TimeBarred;
use crate::model::{Account, Answers, Debtor, Status};
use crate::russian;
use chrono::NaiveDate;
use std::borrow::Cow;

/// The age at which a minor answers for his own charges (ГК ст.26, 28).
pub const PARTIAL_CAPACITY: u32 = 14;
/// Full age (ГК ст.21).
pub const FULL_AGE: u32 = 18;

/// The day `born` turns `years`.
pub fn birthday(born: NaiveDate, years: u32) -> NaiveDate {
    super::calendar::years_after(born, years)
}

/// Who answers for `debtor` on `as_of`, for the months due on `dues` (those a paper would claim).
pub fn answers(debtor: &Debtor, dues: &[NaiveDate], as_of: NaiveDate) -> Answers {
    if debtor.status == Status::Incapacitated {
        return guardian(debtor);
    }
    let Some(born) = debtor.birth_date else {
        return Answers::Himself;
    };
    let (fourteen, adult) = (birthday(born, PARTIAL_CAPACITY), birthday(born, FULL_AGE));
    let child_months = dues.iter().filter(|d| **d < fourteen).count();
    if as_of >= adult && child_months == 0 {
        return Answers::Himself;
    }
    let name = &debtor.full_name;
    let on = russian::date(fourteen);
    if child_months > 0 && child_months < dues.len() {
        return Answers::Refused {
            why: crate::tr!(
                "capacity.mixed",
                "{name}: месяцы со сроком оплаты до 14-летия ({on}) оплачивают законные представители (ГК ст.28, СК ст.64, п.28 Пленума ВС № 22), последующие — сам собственник: заявите их отдельно",
                "{name}: months due before the 14th birthday ({on}) are the legal representatives' debt (ГК ст.28, СК ст.64, Пленум ВС № 22 п.28), later ones the owner's: claim them apart"
            ),
            filings_only: as_of >= adult,
        };
    }
    let Some(rep) = &debtor.representative else {
        if as_of >= adult {
            // Grown up, and every claimed month was his parents' debt: not his to pay.
            return Answers::Refused {
                why: crate::tr!(
                    "capacity.grown_up",
                    "{name}: все заявляемые месяцы приходятся на время до 14-летия ({on}) — их оплачивают законные представители (ГК ст.28, СК ст.64, п.28 Пленума ВС № 22); укажите их в колонке `representative`",
                    "{name}: every month claimed falls before the 14th birthday ({on}) — the legal representatives' debt (ГК ст.28, СК ст.64, Пленум ВС № 22 п.28); name them in the `representative` column"
                ),
                filings_only: true,
            };
        }
        let born = russian::date(born);
        return Answers::Refused {
            why: crate::tr!(
                "capacity.no_representative",
                "{name} ({born} г.р.) несовершеннолетний: законный представитель неизвестен — документы адресуются представителю; заполните колонку `representative` (ГК ст.26, 28, СК ст.64, ГПК ст.37)",
                "{name} (born {born}) is a minor: no legal representative is known — papers go to the representative; fill in the `representative` column (ГК ст.26, 28, СК ст.64, ГПК ст.37)"
            ),
            filings_only: false,
        };
    };
    if child_months > 0 || (dues.is_empty() && as_of < fourteen) {
        Answers::ForMinor {
            minor: debtor.full_name.clone(),
            born,
        }
    } else {
        Answers::Represented {
            by: rep.full_name.clone(),
            guardian: false,
        }
    }
}

/// An adult declared incapacitated (ГК ст.29, 32): he owes, and his guardian acts for him; with no
/// guardian known, no paper.
fn guardian(debtor: &Debtor) -> Answers {
    match &debtor.representative {
        Some(rep) => Answers::Represented {
            by: rep.full_name.clone(),
            guardian: true,
        },
        None => {
            let name = &debtor.full_name;
            Answers::Refused {
                why: crate::tr!(
                    "capacity.no_guardian",
                    "{name} признан недееспособным: опекун неизвестен — документы адресуются опекуну; заполните колонку `representative` (ГК ст.29, 32)",
                    "{name} is declared incapacitated: no guardian is known (the `representative` column) — papers go to the guardian (ГК ст.29, 32)"
                ),
                filings_only: false,
            }
        }
    }
}

/// The account as its papers see it on `as_of`: each debtor's `answers` decided, and a minor under
/// 14 replaced by his representative acting for him (the representative's name and address; the
/// minor's share and status). `dues`: the due dates of the months papers would claim.
pub fn represented<'a>(
    account: &'a Account,
    dues: &[NaiveDate],
    as_of: NaiveDate,
) -> Cow<'a, Account> {
    let decided: Vec<Answers> = account
        .debtors
        .iter()
        .map(|d| answers(d, dues, as_of))
        .collect();
    if decided.iter().all(|a| *a == Answers::Himself) {
        return Cow::Borrowed(account);
    }
    let mut out = account.clone();
    for (d, a) in out.debtors.iter_mut().zip(decided) {
        d.answers = a;
        if let (Answers::ForMinor { .. }, Some(rep)) = (&d.answers, d.representative.clone()) {
            d.full_name = rep.full_name;
            d.residence_address = rep.address.or(d.residence_address.take());
            d.birth_date = None;
            d.birth_place = None;
            d.work_place = None;
            d.snils = None;
            d.inn = None;
            d.passport = None;
            d.phone = None;
            d.email = None;
            d.sms_consent = None;
        }
    }
    Cow::Owned(out)
}

/// The account as every paper of the run sees it ([`represented`] over [`claimed_dues`]): the one
/// door through which documents are built.
pub fn for_papers<'a>(
    account: &'a Account,
    calc: &AccountCalc,
    claiming: &super::conventions::Claiming,
) -> Cow<'a, Account> {
    let dues = claimed_dues(calc, claiming.time_barred);
    represented(account, &dues, calc.as_of)
}

/// The due dates of the months papers would claim: a debt or a penalty, within limitation unless
/// the claimant claims time-barred months too.
pub fn claimed_dues(calc: &AccountCalc, time_barred: TimeBarred) -> Vec<NaiveDate> {
    calc.months
        .iter()
        .filter(|m| m.claimable(time_barred))
        .map(|m| m.due)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::law::calendar::ymd;
    use crate::law::case::fixtures::debtor;
    use crate::model::Representative;

    fn minor(born: NaiveDate, rep: bool) -> Debtor {
        let mut d = debtor("Кравцов Денис Андреевич");
        d.birth_date = Some(born);
        d.representative = rep.then(|| Representative {
            full_name: "Кравцова Ольга Ивановна".into(),
            address: None,
        });
        d
    }

    /// Born 06.06.2013: 14 on 06.06.2027, 18 on 06.06.2031. On 27.11.2026, months due in 2026 are
    /// all before the 14th birthday: the mother answers, acting for him.
    #[test]
    fn under_fourteen_the_representative_answers_and_is_named_acting_for_the_minor() {
        let d = minor(ymd(2013, 6, 6), true);
        let dues = [ymd(2026, 2, 10), ymd(2026, 10, 15)];
        let a = answers(&d, &dues, ymd(2026, 11, 27));
        assert_eq!(
            a,
            Answers::ForMinor {
                minor: "Кравцов Денис Андреевич".into(),
                born: ymd(2013, 6, 6)
            }
        );
        let mut account = Account::new("1");
        account.debtors.push(d);
        let seen = represented(&account, &dues, ymd(2026, 11, 27));
        let rep = &seen.debtors[0];
        assert_eq!(rep.full_name, "Кравцова Ольга Ивановна");
        assert_eq!(rep.birth_date, None);
        assert!(matches!(rep.answers, Answers::ForMinor { .. }));
    }

    /// Born 10.03.2011: 14 on 10.03.2025. Months due from 10.04.2025 are his own; he is 15 on
    /// 27.11.2026: represented. A month due 10.02.2025 as well: the two sides are claimed apart.
    /// Without a representative, no paper at all.
    #[test]
    fn from_fourteen_the_minor_answers_represented_and_the_two_sides_are_not_mixed() {
        let d = minor(ymd(2011, 3, 10), true);
        let as_of = ymd(2026, 11, 27);
        let own = [ymd(2025, 4, 10), ymd(2026, 10, 15)];
        assert_eq!(
            answers(&d, &own, as_of),
            Answers::Represented {
                by: "Кравцова Ольга Ивановна".into(),
                guardian: false,
            }
        );
        let mixed = [ymd(2025, 2, 10), ymd(2025, 4, 10)];
        let Answers::Refused { why, filings_only } = answers(&d, &mixed, as_of) else {
            panic!()
        };
        assert!(why.ru().contains("до 14-летия (10.03.2025)"), "{why}");
        assert!(!filings_only);
        let Answers::Refused { why, .. } = answers(&minor(ymd(2011, 3, 10), false), &own, as_of)
        else {
            panic!()
        };
        assert!(
            why.ru().contains("законный представитель неизвестен"),
            "{why}"
        );
    }

    /// Born 01.01.2000: an adult whose months are all after 14: himself. Born 29.02.2012: 14 on
    /// 28.02.2026 (ГК ст.192 ч.3), so a month due that day is already his own.
    #[test]
    fn adults_answer_themselves_and_a_leap_day_birthday_falls_on_the_28th() {
        let d = minor(ymd(2000, 1, 1), false);
        assert_eq!(
            answers(&d, &[ymd(2026, 2, 10)], ymd(2026, 11, 27)),
            Answers::Himself
        );
        assert_eq!(birthday(ymd(2012, 2, 29), 14), ymd(2026, 2, 28));
        let d = minor(ymd(2012, 2, 29), true);
        assert!(matches!(
            answers(&d, &[ymd(2026, 2, 28)], ymd(2026, 11, 27)),
            Answers::Represented { .. }
        ));
    }
}
