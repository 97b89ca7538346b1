//! Which court or bailiff department an account's papers go to (`legal-rules.md` §5.4, §8.5).
//! A court order and a claim go to the court of the debtor's residence (ГПК ст.28, 123 ч.1); the
//! premises stand in only for a debtor whose residence is unknown. Enforcement goes to the bailiff
//! department of the debtor's residence (229-ФЗ ст.33). An office serves an address when one of its
//! `serves` fragments occurs in it, case-insensitively; the first such office of `vzysk.toml` wins.

use crate::lang::Text;
use crate::model::{Account, CourtKind, Debtor, Office};
use crate::tr;

/// Whether `office` serves `address`: one of its non-empty `serves` fragments occurs in it.
pub fn serves(office: &Office, address: &str) -> bool {
    let lower = address.to_lowercase();
    office
        .serves
        .iter()
        .any(|s| !s.trim().is_empty() && lower.contains(&s.trim().to_lowercase()))
}

/// The court of `kind` for an account: its `court` column, else the first court of that kind
/// serving a debtor's residence (the premises address for a debtor whose residence is unknown).
/// Returns the court and what decided it (the column, or the address).
pub fn court_for<'c>(
    courts: &'c [Office],
    account: &Account,
    kind: CourtKind,
) -> Result<(&'c Office, String), Text> {
    let addresses: Vec<&str> = account
        .debtors
        .iter()
        .filter_map(|d| residence(account, d))
        .collect();
    court_by(courts, account.court.as_deref(), &addresses, kind)
}

/// The court of `kind` for one debtor of an account (a co-owner filed against alone): the account's
/// `court` column, else the court serving the debtor's residence (the premises where it is
/// unknown).
pub fn court_for_debtor<'c>(
    courts: &'c [Office],
    account: &Account,
    debtor: &Debtor,
    kind: CourtKind,
) -> Result<(&'c Office, String), Text> {
    let addresses: Vec<&str> = residence(account, debtor).into_iter().collect();
    court_by(courts, account.court.as_deref(), &addresses, kind)
}

/// The account's `court` column names one court and its debtors' addresses give another of the
/// same kind: the one named, the one the addresses give and the address that gives it. The column
/// wins (it is the department's word), but never silently: `check` warns with both.
pub fn column_disagrees<'c>(
    courts: &'c [Office],
    account: &Account,
) -> Option<(&'c Office, &'c Office, String)> {
    let id = account.court.as_deref()?;
    let named = courts.iter().find(|c| c.id == id)?;
    let kind = [CourtKind::Magistrate, CourtKind::District]
        .into_iter()
        .find(|k| named.is(*k))?;
    let addresses: Vec<&str> = account
        .debtors
        .iter()
        .filter_map(|d| residence(account, d))
        .collect();
    let (by_address, address) = court_by(courts, None, &addresses, kind).ok()?;
    (by_address.id != named.id).then_some((named, by_address, address))
}

/// A debtor's residence, else the account's premises.
fn residence<'a>(account: &'a Account, d: &'a Debtor) -> Option<&'a str> {
    d.residence_address
        .as_deref()
        .or(account.premises_address.as_deref())
}

fn court_by<'c>(
    courts: &'c [Office],
    column: Option<&str>,
    addresses: &[&str],
    kind: CourtKind,
) -> Result<(&'c Office, String), Text> {
    let kind_name = kind.name();
    // «не мировой судья», «ни один мировой судья»: the kind in a refusal's words.
    let (not_kind, no_kind) = match kind {
        CourtKind::Magistrate => ("не мировой судья", "ни один мировой судья"),
        CourtKind::District => ("не районный суд", "ни один районный суд"),
    };
    if let Some(id) = column {
        return match courts.iter().find(|c| c.id == id) {
            // What chose the court, as the manifest records it.
            Some(c) if c.is(kind) => Ok((c, format!("the court column ({id})"))),
            Some(_) => Err(tr!(
                "court.column_kind",
                "колонка court указывает «{id}», но это {not_kind}",
                "the court column names \"{id}\", which is not a {kind_name} court"
            )),
            None => Err(tr!(
                "court.column_unknown",
                "колонка court указывает «{id}», а такого суда в vzysk.toml нет",
                "the court column names \"{id}\", which is not in vzysk.toml"
            )),
        };
    }
    for address in addresses {
        if let Some(c) = courts
            .iter()
            .filter(|c| c.is(kind))
            .find(|c| serves(c, address))
        {
            return Ok((c, (*address).to_string()));
        }
    }
    match addresses.first() {
        Some(a) => Err(tr!(
            "court.none_serves",
            "{no_kind} в vzysk.toml не обслуживает адрес «{a}»: добавьте часть этого адреса в serves нужного суда или укажите суд в колонке court лицевого счёта",
            "no {kind_name} court in vzysk.toml serves «{a}»: add a fragment of this address to a court's `serves`, or set the account's court column"
        )),
        None => Err(tr!(
            "court.no_address",
            "не известны ни место жительства, ни адрес помещения",
            "neither a residence nor a premises address is known"
        )),
    }
}

/// The bailiff department serving `residence` (229-ФЗ ст.33).
pub fn bailiffs_for<'c>(bailiffs: &'c [Office], residence: &str) -> Option<&'c Office> {
    bailiffs.iter().find(|b| serves(b, residence))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::law::case::fixtures::debtor;

    fn office(id: &str, kind: Option<&str>, serves: &[&str]) -> Office {
        Office {
            id: id.into(),
            kind: kind.map(str::to_string),
            serves: serves.iter().map(|s| s.to_string()).collect(),
            ..Office::default()
        }
    }

    #[test]
    fn residence_decides_and_the_premises_stand_in_only_where_it_is_unknown() {
        let courts = [
            office("s165", Some("magistrate"), &["г. Руза"]),
            office("s166", Some("magistrate"), &["Тучково"]),
            office("ruza", Some("district"), &["Рузский"]),
        ];
        let mut a = Account::new("1");
        a.premises_address = Some("143103, г. Руза, ул. Солнцева, д. 9".into());
        let mut d = debtor("Иванов Иван Иванович");
        d.residence_address = Some("143130, рп. ТУЧКОВО, ул. Школьная, д. 5".into());
        a.debtors.push(d);
        let (c, why) = court_for(&courts, &a, CourtKind::Magistrate).unwrap();
        assert_eq!((c.id.as_str(), why.contains("ТУЧКОВО")), ("s166", true));
        a.debtors[0].residence_address = None;
        assert_eq!(
            court_for(&courts, &a, CourtKind::Magistrate).unwrap().0.id,
            "s165"
        );
        let err = court_for(&courts, &a, CourtKind::District).unwrap_err();
        assert!(
            err.en()
                .starts_with("no district court in vzysk.toml serves"),
            "{err}"
        );
        a.court = Some("ruza".into());
        let err = court_for(&courts, &a, CourtKind::Magistrate).unwrap_err();
        assert!(
            err.en().contains("which is not a magistrate court"),
            "{err}"
        );
    }

    #[test]
    fn bailiffs_by_the_same_matcher() {
        let depts = [office("osp", None, &["", "руза"])];
        assert!(bailiffs_for(&depts, "г. Руза").is_some());
        assert!(
            bailiffs_for(&depts, "г. Можайск").is_none(),
            "an empty fragment serves nothing"
        );
    }

    #[test]
    fn a_court_column_against_the_address_is_told_with_both() {
        let courts = [
            office("s165", Some("magistrate"), &["ул. Социалистическая"]),
            office("s166", Some("magistrate"), &["ул. Партизан"]),
        ];
        let mut a = Account::new("1017");
        a.premises_address = Some("г. Руза, ул. Социалистическая, д. 44, кв. 1".into());
        // Her residence unknown: the premises stand in for it.
        let mut d = debtor("Павлова Ольга Игоревна");
        d.residence_address = None;
        a.debtors.push(d);
        // No column: nothing to tell.
        assert!(column_disagrees(&courts, &a).is_none());
        a.court = Some("s166".into());
        let (named, by, address) = column_disagrees(&courts, &a).unwrap();
        assert_eq!((named.id.as_str(), by.id.as_str()), ("s166", "s165"));
        assert_eq!(address, "г. Руза, ул. Социалистическая, д. 44, кв. 1");
        // The column still decides where the papers go.
        let (office, why) = court_for(&courts, &a, CourtKind::Magistrate).unwrap();
        assert_eq!(
            (office.id.as_str(), why.as_str()),
            ("s166", "the court column (s166)")
        );
        // A column that agrees with the address says nothing.
        a.court = Some("s165".into());
        assert!(column_disagrees(&courts, &a).is_none());
    }
}
