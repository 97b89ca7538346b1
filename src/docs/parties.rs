//! The debtors a document speaks to or of: who may be addressed, their names as a sentence needs
//! them, and where their letters go.

use super::batch::Batch;
use super::kind::{DocKind, Role};
use super::meta::MailTo;
use crate::law::shares::split;
use crate::model::{Account, Answers, Debtor, Share, Status};
use crate::russian::names::{Case, decline};
use rust_decimal::Decimal;

/// The debtors documents may be addressed to, and a refusal for each of the others.
pub fn active_debtors<'a>(
    account: &'a Account,
    kind: DocKind,
    batch: &mut Batch,
) -> Vec<&'a Debtor> {
    let mut out = Vec::new();
    for d in &account.debtors {
        if let Some(why) = not_addressed(d, kind) {
            batch.refuse(&account.id, Some(&d.full_name), kind, why);
            continue;
        }
        match d.status {
            Status::Active | Status::Incapacitated => out.push(d),
            other => {
                let (name, title) = (kind.name(), kind.title());
                let (ru, en) = (other.word_ru(), format!("{other:?}"));
                batch.refuse(
                    &account.id,
                    Some(&d.full_name),
                    kind,
                    crate::tr!(
                        "debtor.status",
                        "статус «{ru}»: документ «{title}» этому должнику не адресуется",
                        "status {en}: no {name} is addressed to this debtor"
                    ),
                )
            }
        }
    }
    out
}

/// Why `kind` is not addressed to `d` for his age or capacity (`law::capacity`): no representative
/// known, months on both sides of the 14th birthday in a filing, or an SMS, a call or an agreement
/// reaching a minor or a ward himself. A parent acting for a child under 14 may sign an agreement for
/// him (ГК ст.28); a minor from 14 signs one himself with a parent's written consent (ст.26), and a
/// ward's guardian for him (ст.32) — papers this tool does not draw up.
fn not_addressed(d: &Debtor, kind: DocKind) -> Option<crate::lang::Text> {
    let filing = matches!(kind.role(), Role::Filing | Role::Enforcement);
    let (name, title) = (&d.full_name, kind.title());
    match &d.answers {
        Answers::Refused { why, filings_only } if filing || !filings_only => Some(why.clone()),
        Answers::Represented {
            guardian: false, ..
        } if kind.personal() => Some(crate::tr!(
            "capacity.personal_minor",
            "{name} несовершеннолетний: «{title}» ему не направляется (ГК ст.26): соглашение он заключает сам с письменного согласия законного представителя — оформите его отдельно",
            "{name} is a minor: no {title} is sent to him (ГК ст.26); he signs an agreement himself with his representative's written consent — draw it up apart"
        )),
        Answers::Represented { guardian: true, .. } if kind.personal() => Some(crate::tr!(
            "capacity.personal_ward",
            "{name} признан недееспособным: «{title}» ему не направляется; за него действует опекун (ГК ст.29, 32) — оформите отдельно",
            "{name} is declared incapacitated: no {title} is sent to him; his guardian acts for him (ГК ст.29, 32) — draw it up apart"
        )),
        // The representative's own phone is not known: nothing reaches the child by SMS or call.
        Answers::ForMinor { .. } if kind.role() == Role::Message => Some(crate::tr!(
            "capacity.personal_child",
            "{name} — законный представитель несовершеннолетнего собственника: телефон представителя неизвестен, а телефон ребёнка не используется (ГК ст.28)",
            "{name} is a minor owner's legal representative: the representative's phone is not known, and the child's is not used (ГК ст.28)"
        )),
        _ => None,
    }
}

/// Whether the person named is a woman, as far as the name tells.
fn female(name: &str) -> bool {
    crate::russian::names::feminine(name).unwrap_or(false)
}

/// «несовершеннолетнего Кравцова Дениса Андреевича», «несовершеннолетней Кравцовой Алисы
/// Андреевны»: the minor in the genitive.
pub fn minor_genitive(minor: &str) -> String {
    let word = if female(minor) {
        "несовершеннолетней"
    } else {
        "несовершеннолетнего"
    };
    format!("{word} {}", decline(minor, Case::Genitive))
}

/// «действующая в интересах несовершеннолетнего Кравцова Дениса Андреевича, 06.06.2013 г.р.», in
/// the grammatical case of the representative's name (`None`: the nominative), or `None` for a
/// debtor who answers for himself.
pub fn acting_for(debtor: &Debtor, case: Option<Case>) -> Option<String> {
    let Answers::ForMinor { minor, born } = &debtor.answers else {
        return None;
    };
    let participle = match (female(&debtor.full_name), case) {
        (true, None) => "действующая",
        (true, Some(_)) => "действующей",
        (false, None) => "действующий",
        (false, Some(Case::Genitive)) => "действующего",
        (false, Some(Case::Dative)) => "действующему",
    };
    Some(format!(
        "{participle} в интересах {}, {} г.р.",
        minor_genitive(minor),
        crate::russian::date(*born)
    ))
}

/// The debtor's name as a header's «Должник:» line gives it: with a comma when «действующая в
/// интересах …» follows on the next line.
pub fn header_name(d: &Debtor) -> String {
    match d.answers {
        Answers::ForMinor { .. } => format!("{},", d.full_name),
        _ => d.full_name.clone(),
    }
}

/// «несовершеннолетний, законный представитель: …», «признана недееспособной, опекун: …» — the
/// line of a represented debtor, or `None`.
pub fn represented_by(d: &Debtor) -> Option<String> {
    let Answers::Represented { by, guardian } = &d.answers else {
        return None;
    };
    Some(match (guardian, female(&d.full_name)) {
        (false, false) => {
            format!("несовершеннолетний, законный представитель: {by} (ч. 3 ст. 37 ГПК РФ)")
        }
        (false, true) => {
            format!("несовершеннолетняя, законный представитель: {by} (ч. 3 ст. 37 ГПК РФ)")
        }
        (true, false) => {
            format!("признан недееспособным, опекун: {by} (ст. 29, 32 ГК РФ, ч. 5 ст. 37 ГПК РФ)")
        }
        (true, true) => {
            format!("признана недееспособной, опекун: {by} (ст. 29, 32 ГК РФ, ч. 5 ст. 37 ГПК РФ)")
        }
    })
}

/// The owner as the account statement names him: «Кравцов Денис Андреевич (несовершеннолетний;
/// законный представитель — Кравцова Ольга Ивановна)».
pub fn as_owner(d: &Debtor) -> String {
    match &d.answers {
        Answers::ForMinor { minor, .. } => {
            let word = if female(minor) {
                "несовершеннолетняя"
            } else {
                "несовершеннолетний"
            };
            format!("{minor} ({word}; законный представитель — {})", d.full_name)
        }
        Answers::Represented { by, guardian } => {
            let role = if *guardian {
                "опекун"
            } else {
                "законный представитель"
            };
            format!("{} ({role} — {by})", d.full_name)
        }
        _ => d.full_name.clone(),
    }
}

/// The debtors' names, in order.
pub fn names(debtors: &[&Debtor]) -> Vec<String> {
    debtors.iter().map(|d| d.full_name.clone()).collect()
}

/// The debtors' full names in `case`, joined: «Иванову Петру Сергеевичу, Ивановой Анне Петровне».
pub fn names_in(debtors: &[&Debtor], case: Case) -> String {
    debtors
        .iter()
        .map(|d| match (acting_for(d, Some(case)), &d.answers, case) {
            // In the genitive the phrase sits inside a sentence («с должника …, г.р., в пользу»).
            (Some(acting), _, Case::Genitive) => {
                format!("{}, {acting},", decline(&d.full_name, case))
            }
            (Some(acting), _, _) => format!("{}, {acting}", decline(&d.full_name, case)),
            // A letter to a represented debtor goes to the representative (§14.1).
            (None, Answers::Represented { by, guardian }, Case::Dative) => match guardian {
                true => format!(
                    "{}, опекуну {}",
                    decline(by, Case::Dative),
                    decline(&d.full_name, Case::Genitive)
                ),
                false => format!(
                    "{}, законному представителю {}",
                    decline(by, Case::Dative),
                    minor_genitive(&d.full_name)
                ),
            },
            _ => decline(&d.full_name, case),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// Where an account's letters go: the first debtor's residence, else the premises (a debtor who
/// lives elsewhere does not read letters sent to the flat).
pub fn letter_address(account: &Account, first: &Debtor) -> Option<String> {
    // A represented debtor's letters go to his representative's address where it is given.
    receiving_representative(first)
        .and_then(|rep| rep.address.clone())
        .or_else(|| residence(account, first))
}

/// The representative who receives a represented debtor's letters (a minor from 14, a ward).
fn receiving_representative(d: &Debtor) -> Option<&crate::model::Representative> {
    match d.answers {
        Answers::Represented { .. } => d.representative.as_ref(),
        _ => None,
    }
}

/// Who receives a debtor's letters: the representative of a represented debtor, else the debtor.
pub fn addressee(d: &Debtor) -> &str {
    receiving_representative(d).map_or(&d.full_name, |rep| &rep.full_name)
}

/// A debtor's residence, or the premises where it is unknown.
pub fn residence(account: &Account, debtor: &Debtor) -> Option<String> {
    debtor
        .residence_address
        .clone()
        .or_else(|| account.premises_address.clone())
}

/// One letter of an account: to all its debtors (joint liability), or to one owner with the owner's
/// part of the sums (shares: ГК ст.249; Правила № 354 п.119 «а» — each owner is told, and delivery
/// to one is not delivery to the others).
pub struct Letter<'a> {
    pub debtors: Vec<&'a Debtor>,
    pub share: Option<Share>,
    /// This letter's part of the principal past due and of the penalty.
    pub principal: Decimal,
    pub penalty: Decimal,
    /// Where it goes: the premises for a joint letter; an owner's residence (else the premises).
    pub address: Option<String>,
}

impl Letter<'_> {
    pub fn total(&self) -> Decimal {
        self.principal + self.penalty
    }

    /// Registered mail to this letter's addressees (for Form 103).
    pub fn mail(&self) -> Vec<MailTo> {
        vec![MailTo {
            name: self
                .debtors
                .iter()
                .map(|d| addressee(d).to_string())
                .collect::<Vec<_>>()
                .join(", "),
            address: self.address.clone(),
        }]
    }
}

/// The letters of an account of `kind` for (principal, penalty): one to all its active debtors, or
/// one per active owner where shares are given; a refusal for each debtor not addressed.
pub fn letters<'a>(
    account: &'a Account,
    kind: DocKind,
    (principal, penalty): (Decimal, Decimal),
    batch: &mut Batch,
) -> Vec<Letter<'a>> {
    let active = active_debtors(account, kind, batch);
    let shares: Vec<Option<Share>> = account.debtors.iter().map(|d| d.share).collect();
    if shares.iter().any(Option::is_none) {
        let address = active.first().and_then(|d| letter_address(account, d));
        return match active.is_empty() {
            true => Vec::new(),
            false => vec![Letter {
                debtors: active,
                share: None,
                principal,
                penalty,
                address,
            }],
        };
    }
    let parts = split(&shares, principal, penalty);
    account
        .debtors
        .iter()
        .zip(parts)
        .filter(|(d, _)| active.iter().any(|a| std::ptr::eq(*a, *d)))
        .map(|(d, (principal, penalty))| Letter {
            debtors: vec![d],
            share: d.share,
            principal,
            penalty,
            address: letter_address(account, d),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::law::calendar::ymd;
    use crate::law::case::fixtures::debtor;

    #[test]
    fn a_representative_acts_for_the_minor_in_every_grammatical_case() {
        let mut d = debtor("Кравцова Ольга Ивановна");
        d.answers = Answers::ForMinor {
            minor: "Кравцов Денис Андреевич".into(),
            born: ymd(2013, 6, 6),
        };
        assert_eq!(
            acting_for(&d, Some(Case::Genitive)).unwrap(),
            "действующей в интересах несовершеннолетнего Кравцова Дениса Андреевича, 06.06.2013 г.р."
        );
        assert!(names_in(&[&d], Case::Genitive).ends_with("06.06.2013 г.р.,"));
        assert_eq!(
            names_in(&[&d], Case::Dative),
            "Кравцовой Ольге Ивановне, действующей в интересах несовершеннолетнего Кравцова Дениса Андреевича, 06.06.2013 г.р."
        );
        let mut young = debtor("Лебедев Артём Сергеевич");
        young.answers = Answers::Represented {
            by: "Лебедева Ирина Викторовна".into(),
            guardian: false,
        };
        assert_eq!(
            names_in(&[&young], Case::Dative),
            "Лебедевой Ирине Викторовне, законному представителю несовершеннолетнего Лебедева Артёма Сергеевича"
        );
        assert_eq!(
            names_in(&[&young], Case::Genitive),
            "Лебедева Артёма Сергеевича"
        );
        // A girl, a woman declared incapacitated: the words agree with them.
        let mut girl = debtor("Лебедева Юлия Сергеевна");
        girl.answers = Answers::Represented {
            by: "Лебедева Ирина Викторовна".into(),
            guardian: false,
        };
        assert!(
            represented_by(&girl)
                .unwrap()
                .starts_with("несовершеннолетняя, законный представитель")
        );
        assert_eq!(
            names_in(&[&girl], Case::Dative),
            "Лебедевой Ирине Викторовне, законному представителю несовершеннолетней Лебедевой Юлии Сергеевны"
        );
        girl.answers = Answers::Represented {
            by: "Громов Павел Ильич".into(),
            guardian: true,
        };
        assert!(represented_by(&girl).unwrap().starts_with("признана недееспособной, опекун: Громов Павел Ильич (ст. 29, 32 ГК РФ, ч. 5 ст. 37 ГПК РФ)"));
        let mut mother = debtor("Кравцова Ольга Ивановна");
        mother.answers = Answers::ForMinor {
            minor: "Кравцова Алиса Андреевна".into(),
            born: ymd(2015, 1, 1),
        };
        assert_eq!(
            as_owner(&mother),
            "Кравцова Алиса Андреевна (несовершеннолетняя; законный представитель — Кравцова Ольга Ивановна)"
        );
        assert!(
            acting_for(&mother, None)
                .unwrap()
                .contains("несовершеннолетней Кравцовой Алисы Андреевны")
        );
        d.full_name = "Кравцов Андрей Петрович".into();
        assert!(
            acting_for(&d, None)
                .unwrap()
                .starts_with("действующий в интересах")
        );
        assert!(acting_for(&debtor("Иванов Иван Иванович"), None).is_none());
    }
}
