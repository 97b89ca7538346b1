//! Who may sign and file for the claimant: the powers of attorney of its agent and of the person who
//! signs, and what each must say (`legal-rules.md` §13.9).
//!
//! | rule | source |
//! |---|---|
//! | a power of attorney with no term is valid for a year from its date | ГК ст.186 ч.1 |
//! | one issued by substitution needs the right to substitute in the first | ГК ст.187 ч.1; ГПК ст.54 |
//! | its term cannot outrun the first's | ГК ст.187 ч.5 |
//! | signing a claim or an application and presenting it to a court are stated specially | ГПК ст.54 |
//! | presenting a writ for enforcement is stated specially | 229-ФЗ ст.57 ч.3 [K] |
//!
//! A substitution by a legal entity needs no notary (ГК ст.187 ч.3 with ст.185.1 ч.4) [K].

use crate::lang::Text;
use crate::tr;
use chrono::{Months, NaiveDate};

/// A power a document needs its signatory to hold.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Power {
    /// To sign an application for a court order, a statement of claim, an application to a bank or
    /// the bailiffs.
    Sign,
    /// To present it to a court.
    File,
    /// To present a writ for enforcement (to a bank, to the bailiffs).
    Enforce,
}

impl Power {
    pub const ALL: [Power; 3] = [Power::Sign, Power::File, Power::Enforce];

    /// Its name in `vzysk.toml` (`powers = ["sign", "file", "enforce"]`).
    pub fn name(self) -> &'static str {
        match self {
            Power::Sign => "sign",
            Power::File => "file",
            Power::Enforce => "enforce",
        }
    }

    pub fn parse(text: &str) -> Option<Power> {
        Power::ALL.into_iter().find(|p| p.name() == text)
    }

    /// What it empowers, and where the law says it must be stated: in Russian and in English.
    fn words(self) -> (&'static str, &'static str) {
        match self {
            Power::Sign => (
                "на подписание заявления или искового заявления (ГПК ст.54)",
                "to sign the application or the claim (ГПК ст.54)",
            ),
            Power::File => (
                "на предъявление его в суд (ГПК ст.54)",
                "to present it to a court (ГПК ст.54)",
            ),
            Power::Enforce => (
                "на предъявление исполнительного документа к взысканию (229-ФЗ ст.57 ч.3)",
                "to present a writ for enforcement (229-ФЗ ст.57 ч.3)",
            ),
        }
    }
}

/// Whether an application presenting a writ names who signs it well enough to be accepted: a
/// representative signs for the claimant, and the bank or the bailiff must be able to identify
/// them — name, identity document and address — besides the powers of attorney attached
/// (229-ФЗ ст.8 ч.2, ст.54, 57; banks return applications that lack them). Else what is missing.
pub fn signer_identified(
    name: Option<&str>,
    passport: Option<&str>,
    address: Option<&str>,
) -> Result<(), Text> {
    let given = |v: Option<&str>| v.is_some_and(|v| !v.trim().is_empty());
    let missing: Vec<&str> = [("name", name), ("passport", passport), ("address", address)]
        .into_iter()
        .filter(|(_, v)| !given(*v))
        .map(|(key, _)| key)
        .collect();
    if missing.is_empty() {
        return Ok(());
    }
    let keys = missing.join(", ");
    Err(crate::tr!(
        "authority.signer_unidentified",
        "в vzysk.toml не указано, кто подписывает заявление ([signatory] {keys}): заявление представителя о предъявлении исполнительного документа называет его ФИО, паспорт и адрес (229-ФЗ ст.8 ч.2, ст.54, 57), иначе банк и пристав его возвращают",
        "vzysk.toml does not say who signs ([signatory] {keys}): an application presenting a writ by a representative names their full name, passport and address (229-ФЗ ст.8 ч.2, ст.54, 57), else the bank and the bailiffs return it"
    ))
}

/// Whether a representative may sign and file in a court of `kind`: before a district court a
/// representative holds a higher legal education or a degree in law, shown by its copy (ГПК ст.49
/// ч.2, ст.53 ч.3); before a magistrate no degree is asked. `diploma`: the degree as the claim
/// lists it. Else what is missing, with the rule.
pub fn degree_for(kind: crate::model::CourtKind, diploma: Option<&str>) -> Result<(), Text> {
    if kind == crate::model::CourtKind::Magistrate || diploma.is_some_and(|d| !d.trim().is_empty())
    {
        return Ok(());
    }
    Err(crate::tr!(
        "authority.no_diploma",
        "в районном суде представитель подтверждает высшее юридическое образование копией диплома (ГПК ст.49 ч.2, ст.53 ч.3), а в vzysk.toml диплом подписанта не указан ([signatory] diploma)",
        "before a district court a representative shows a law degree by its copy (ГПК ст.49 ч.2, ст.53 ч.3), and vzysk.toml gives none for the signatory ([signatory] diploma)"
    ))
}

/// A power of attorney in the chain from the claimant to the signatory.
#[derive(Clone, Debug)]
pub struct Poa {
    /// Whose it is («ООО «ЕРЦ Подмосковья»», «Белова Е. А.»), for messages.
    pub holder: String,
    pub number: String,
    pub date: NaiveDate,
    pub valid_until: Option<NaiveDate>,
    /// What it states; `None` when `vzysk.toml` does not say.
    pub powers: Option<Vec<Power>>,
    /// Whether it allows its holder to pass its powers on (передоверие).
    pub substitution: bool,
}

impl Poa {
    /// Its last day: the one stated, else a year from its date (ГК ст.186 ч.1).
    pub fn last_day(&self) -> NaiveDate {
        self.valid_until.unwrap_or_else(|| {
            (self.date + Months::new(12))
                .pred_opt()
                .unwrap_or(self.date)
        })
    }
}

/// Whether the chain (the first issued by the claimant, each next by substitution from the one
/// before) lets the last holder act on `on` with the powers `needs`; why not, if it does not.
pub fn may_act(chain: &[Poa], needs: &[Power], on: NaiveDate) -> Result<(), Text> {
    let d = crate::russian::date;
    // The power of attorney as a message names it: in English, and in Russian in the nominative and
    // the genitive (which is also the prepositional: «в доверенности»).
    let cite = |p: &Poa| format!("the power of attorney № {} of {}", p.number, p.holder);
    let nom = |p: &Poa| format!("доверенность № {} ({})", p.number, p.holder);
    let genitive = |p: &Poa| format!("доверенности № {} ({})", p.number, p.holder);
    for (i, p) in chain.iter().enumerate() {
        let (en, ru, ru_gen) = (cite(p), nom(p), genitive(p));
        if p.date > on {
            let (dated, docs) = (d(p.date), d(on));
            return Err(tr!(
                "poa.after_documents",
                "{ru} датирована {dated} — позже даты документов {docs}",
                "{en} is dated {dated}, after the documents' date {docs}"
            ));
        }
        if p.last_day() < on {
            let last = d(p.last_day());
            return Err(if p.valid_until.is_none() {
                tr!(
                    "poa.expired",
                    "срок действия {ru_gen} истёк {last} — через год после её даты, так как срок в ней не указан (ГК ст.186): укажите новую доверенность в vzysk.toml",
                    "{en} expired on {last}, a year after its date, as it states no term (ГК ст.186): give the new one in vzysk.toml"
                )
            } else {
                tr!(
                    "poa.expired",
                    "срок действия {ru_gen} истёк {last} (ГК ст.186): укажите новую доверенность в vzysk.toml",
                    "{en} expired on {last} (ГК ст.186): give the new one in vzysk.toml"
                )
            });
        }
        if let Some(before) = i.checked_sub(1).map(|b| &chain[b]) {
            let (before_en, before_ru) = (cite(before), nom(before));
            if !before.substitution {
                return Err(tr!(
                    "poa.no_substitution",
                    "{ru} выдана в порядке передоверия, но {before_ru} передоверие не допускает (ГК ст.187 ч.1): если допускает, укажите substitution = true",
                    "{en} was issued by substitution, but {before_en} does not allow substitution (ГК ст.187 ч.1): write substitution = true if it does"
                ));
            }
            if p.last_day() > before.last_day() {
                let (last, before_last) = (d(p.last_day()), d(before.last_day()));
                let before_gen = genitive(before);
                return Err(tr!(
                    "poa.outruns",
                    "{ru} действует до {last} — дольше срока {before_gen} ({before_last}), а доверенность, выданная в порядке передоверия, не может действовать дольше основной (ГК ст.187 ч.5)",
                    "{en} runs to {last}, past {before_en} ({before_last}), which a substitution cannot outrun (ГК ст.187 ч.5)"
                ));
            }
        }
        for need in needs {
            match &p.powers {
                None => {
                    return Err(tr!(
                        "poa.powers_unsaid",
                        "полномочия по {ru_gen} не указаны: перечислите в vzysk.toml те, что в ней оговорены (powers = [\"sign\", \"file\", \"enforce\"])",
                        "{en} does not say what it empowers: list its powers in vzysk.toml (powers = [\"sign\", \"file\", \"enforce\"], those it states)"
                    ));
                }
                Some(list) if !list.contains(need) => {
                    let ((words_ru, words_en), name) = (need.words(), need.name());
                    return Err(tr!(
                        "poa.power_missing",
                        "в {ru_gen} не оговорено полномочие {words_ru} (powers = \"{name}\")",
                        "{en} does not state the power {words_en} (powers = \"{name}\")"
                    ));
                }
                Some(_) => {}
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn poa(holder: &str, date: &str, until: Option<&str>, powers: &[Power]) -> Poa {
        Poa {
            holder: holder.into(),
            number: "17/2026".into(),
            date: d(date),
            valid_until: until.map(d),
            powers: Some(powers.to_vec()),
            substitution: true,
        }
    }

    #[test]
    fn a_chain_acts_within_its_terms_and_powers() {
        let all = [Power::Sign, Power::File, Power::Enforce];
        let agent = poa("ЕРЦ", "2026-01-09", Some("2026-12-31"), &all);
        let signer = poa("Белова", "2026-01-12", Some("2026-12-31"), &all);
        let chain = [agent.clone(), signer.clone()];
        assert_eq!(
            may_act(&chain, &[Power::Sign, Power::File], d("2026-11-27")),
            Ok(())
        );
        // Expired the day after its last day.
        let why = may_act(&chain, &[], d("2027-01-01")).unwrap_err();
        assert!(why.en().contains("expired on 31.12.2026"), "{why}");
        // No term: a year from its date, to the day before the anniversary.
        let open = poa("ЕРЦ", "2026-01-09", None, &all);
        assert_eq!(open.last_day(), d("2027-01-08"));
        // A substitution needs the right to substitute.
        let mut closed = agent.clone();
        closed.substitution = false;
        let why = may_act(&[closed, signer.clone()], &[], d("2026-11-27")).unwrap_err();
        assert!(
            why.en()
                .contains("does not allow substitution (ГК ст.187 ч.1)"),
            "{why}"
        );
        // …and cannot outrun the first.
        let long = poa("Белова", "2026-01-12", Some("2027-06-30"), &all);
        let why = may_act(&[agent.clone(), long], &[], d("2026-11-27")).unwrap_err();
        assert!(why.en().contains("ГК ст.187 ч.5"), "{why}");
        // A power not stated, or powers not given at all.
        let no_enforce = poa("Белова", "2026-01-12", Some("2026-12-31"), &all[..2]);
        let why = may_act(
            &[agent.clone(), no_enforce],
            &[Power::Enforce],
            d("2026-11-27"),
        )
        .unwrap_err();
        assert!(why.en().contains("229-ФЗ ст.57 ч.3"), "{why}");
        let mut unsaid = signer;
        unsaid.powers = None;
        let why = may_act(&[agent, unsaid], &[Power::Sign], d("2026-11-27")).unwrap_err();
        assert!(why.en().contains("does not say what it empowers"), "{why}");
    }

    #[test]
    fn who_signs_an_enforcement_application_is_identified_or_it_is_refused() {
        let address = Some("143103, г. Руза, ул. Федеративная, д. 3, кв. 12");
        let passport = Some("46 20 318452, выдан ГУ МВД России по Московской области 14.05.2020");
        assert!(signer_identified(Some("Белова Екатерина Андреевна"), passport, address).is_ok());
        let missing =
            signer_identified(Some("Белова Екатерина Андреевна"), None, Some(" ")).unwrap_err();
        assert_eq!(missing.code(), "authority.signer_unidentified");
        assert!(
            missing.ru().contains("[signatory] passport, address"),
            "{}",
            missing.ru()
        );
        assert!(missing.ru().contains("229-ФЗ ст.8 ч.2, ст.54, 57"));
    }

    #[test]
    fn a_district_court_asks_the_representatives_degree_a_magistrate_does_not() {
        use crate::model::CourtKind;
        assert!(degree_for(CourtKind::Magistrate, None).is_ok());
        assert!(degree_for(CourtKind::District, Some("диплом № 107724 0356218")).is_ok());
        let why = degree_for(CourtKind::District, Some("  ")).unwrap_err();
        assert_eq!(why.code(), "authority.no_diploma");
        assert!(why.ru().contains("ГПК ст.49 ч.2"), "{}", why.ru());
    }
}
