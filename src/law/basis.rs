//! Why a debtor owes: the basis of liability a court order or a claim states (`legal-rules.md`
//! §14.5; ЖК ст.30, 69, 153, 155; ГК ст.210, 249; ГПК ст.125 ч.1, 132) [K]. «Является
//! потребителем» alone is returned in practice: a paper says ownership (with the ЕГРН record and
//! the share), social hire (the tenant; his family answers jointly, ЖК ст.69 ч.2), or registration,
//! from `right`, `right_record`, `right_date` of `accounts.csv`. With none known it says so plainly,
//! and `check` warns per account; it never guesses one.
//!
//! A minor under 14 owns, and his representative answers (`capacity.rs`): the paper names the
//! minor as the owner and the representative as the one who pays for him.

use crate::model::{Answers, Debtor, Right, RightKind, Share};
use crate::russian;

/// «(запись в ЕГРН № 50:19:… от 12.03.2019)», or nothing when no record is given.
fn record(right: &Right, what: &str) -> String {
    match (&right.record, right.date) {
        (Some(n), Some(d)) => format!(" ({what} № {n} от {})", russian::date(d)),
        (Some(n), None) => format!(" ({what} № {n})"),
        (None, Some(d)) => format!(" ({what} от {})", russian::date(d)),
        (None, None) => String::new(),
    }
}

/// The debtor's right in a few words, for a list of several debtors: «собственник (запись в ЕГРН …)».
fn short(d: &Debtor) -> String {
    match &d.right {
        Some(
            r @ Right {
                kind: RightKind::Ownership,
                ..
            },
        ) => {
            let whose = match d.share {
                Some(s) => format!("собственник {s} доли"),
                None => "собственник".into(),
            };
            format!("{whose}{}", record(r, "запись в ЕГРН"))
        }
        Some(
            r @ Right {
                kind: RightKind::SocialHire,
                ..
            },
        ) => format!(
            "наниматель по договору социального найма{}",
            record(r, "договор")
        ),
        Some(Right {
            kind: RightKind::Registration,
            ..
        }) => "зарегистрирован по месту жительства в помещении".into(),
        None => "основание обязанности взыскателю неизвестно".into(),
    }
}

/// The sentence of one debtor's liability, whole or for his share.
fn sole(d: &Debtor, share: Option<Share>) -> String {
    let part = match share {
        Some(s) => format!("{s} доли в праве общей долевой собственности на помещение"),
        None => "помещения".into(),
    };
    let owned = |right: Option<&Right>| {
        right
            .map(|r| record(r, "запись в ЕГРН"))
            .unwrap_or_default()
    };
    if let Answers::ForMinor { minor, born } = &d.answers {
        let (who, for_whom, whose) = match russian::names::feminine(minor) {
            Some(true) => ("несовершеннолетняя", "неё", "её"),
            _ => ("несовершеннолетний", "него", "его"),
        };
        return format!(
            "Собственником {part} является {who} {minor}, {} г.р.{}. Должник как {whose} законный представитель несёт обязанность по оплате коммунальных услуг за {for_whom} (ст. 28 ГК РФ, ст. 64 СК РФ, п. 28 постановления Пленума ВС РФ от 27.06.2017 № 22){}.",
            russian::date(*born),
            owned(d.right.as_ref()),
            share
                .map(|_| "; требования заявлены в размере, соответствующем доле")
                .unwrap_or_default()
        );
    }
    match (&d.right, share) {
        (Some(r @ Right { kind: RightKind::Ownership, .. }), None) => format!(
            "Должник является собственником помещения{} и обязан вносить плату за коммунальные услуги (ст. 210 ГК РФ, ст. 30, п. 5 ч. 2 ст. 153 ЖК РФ).",
            record(r, "запись в ЕГРН")
        ),
        (right, Some(s)) => format!(
            "Должник является собственником {s} доли в праве общей долевой собственности на помещение{} и несёт обязанность по оплате коммунальных услуг соразмерно своей доле (ст. 249 ГК РФ, ст. 30, 153 ЖК РФ); требования заявлены в размере, соответствующем доле.",
            owned(right.as_ref())
        ),
        (Some(r @ Right { kind: RightKind::SocialHire, .. }), None) => format!(
            "Должник является нанимателем помещения по договору социального найма{} и обязан вносить плату за коммунальные услуги (ст. 67, 69, п. 1 ч. 2 ст. 153 ЖК РФ).",
            record(r, "договор")
        ),
        (Some(Right { kind: RightKind::Registration, .. }), None) => "Должник зарегистрирован по месту жительства в помещении и потребляет предоставляемые в него коммунальные услуги (ст. 153, 155 ЖК РФ, ст. 540 ГК РФ).".into(),
        (None, None) => "Должник потребляет коммунальные услуги, предоставляемые в помещение; основание его обязанности по оплате (право собственности, социальный наём, регистрация по месту жительства) взыскателю неизвестно.".into(),
    }
}

/// The liability sentence of a filing against `debtors` (for `share` of the account, if one).
pub fn liability(debtors: &[&Debtor], share: Option<Share>) -> String {
    match debtors {
        [one] => sole(one, share),
        _ => {
            let each: Vec<String> = debtors
                .iter()
                .map(|d| format!("{} — {}", d.full_name, short(d)))
                .collect();
            format!(
                "Должники несут солидарную обязанность по оплате коммунальных услуг, предоставленных в помещение (ст. 322 ГК РФ, ч. 3 ст. 31, ч. 2 ст. 69 ЖК РФ): {}.",
                each.join("; ")
            )
        }
    }
}

/// What `field` gives of the debtors' rights, each once.
fn of_rights(debtors: &[&Debtor], field: fn(&Right) -> Option<&String>) -> Vec<String> {
    let mut out: Vec<String> = debtors
        .iter()
        .filter_map(|d| field(d.right.as_ref()?).cloned())
        .collect();
    out.dedup();
    out
}

/// The ЕГРН extracts of `debtors` to list among a filing's attachments.
pub fn extracts(debtors: &[&Debtor]) -> Vec<String> {
    of_rights(debtors, |r| r.extract.as_ref())
}

/// The ЕГРН extracts read from the registers (`workspace::registers`), as attachments name them:
/// «выписка из ЕГРН от 02.11.2026 № КУВИ-…».
pub fn extract_titles(debtors: &[&Debtor]) -> Vec<String> {
    of_rights(debtors, |r| r.extract_title.as_ref())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::law::calendar::ymd;
    use crate::law::case::fixtures::debtor;

    fn with(kind: RightKind, record: Option<&str>) -> Debtor {
        let mut d = debtor("Орлова Марина Игоревна");
        d.right = Some(Right {
            kind,
            record: record.map(str::to_string),
            date: Some(ymd(2019, 3, 12)),
            extract: None,
            extract_title: None,
        });
        d
    }

    #[test]
    fn each_basis_is_stated_with_its_record_and_none_is_guessed() {
        let owner = with(
            RightKind::Ownership,
            Some("50:19:0010203:456-50/019/2019-3"),
        );
        assert_eq!(
            liability(&[&owner], None),
            "Должник является собственником помещения (запись в ЕГРН № 50:19:0010203:456-50/019/2019-3 от 12.03.2019) и обязан вносить плату за коммунальные услуги (ст. 210 ГК РФ, ст. 30, п. 5 ч. 2 ст. 153 ЖК РФ)."
        );
        let half = Share {
            numerator: 1,
            denominator: 2,
        };
        assert!(liability(&[&owner], Some(half)).starts_with(
            "Должник является собственником 1/2 доли в праве общей долевой собственности на помещение (запись в ЕГРН № 50:19"
        ));
        let tenant = with(RightKind::SocialHire, Some("17"));
        assert!(
            liability(&[&tenant], None)
                .contains("по договору социального найма (договор № 17 от 12.03.2019)")
        );
        let unknown = debtor("Орлов Игорь Павлович");
        let text = liability(&[&unknown], None);
        assert!(text.contains("взыскателю неизвестно"), "{text}");
        let both = liability(&[&owner, &unknown], None);
        assert!(
            both.contains("Орлов Игорь Павлович — основание обязанности взыскателю неизвестно"),
            "{both}"
        );
    }

    #[test]
    fn a_minor_owns_and_his_representative_pays() {
        let mut d = with(RightKind::Ownership, Some("50:19:1-50/019/2020-1"));
        d.full_name = "Кравцова Ольга Ивановна".into();
        d.answers = Answers::ForMinor {
            minor: "Кравцов Денис Андреевич".into(),
            born: ymd(2013, 6, 6),
        };
        assert_eq!(
            liability(&[&d], None),
            "Собственником помещения является несовершеннолетний Кравцов Денис Андреевич, 06.06.2013 г.р. (запись в ЕГРН № 50:19:1-50/019/2020-1 от 12.03.2019). Должник как его законный представитель несёт обязанность по оплате коммунальных услуг за него (ст. 28 ГК РФ, ст. 64 СК РФ, п. 28 постановления Пленума ВС РФ от 27.06.2017 № 22)."
        );
        d.answers = Answers::ForMinor {
            minor: "Кравцова Алиса Андреевна".into(),
            born: ymd(2015, 1, 1),
        };
        let girl = liability(&[&d], None);
        assert!(
            girl.contains("является несовершеннолетняя Кравцова Алиса Андреевна"),
            "{girl}"
        );
        assert!(girl.contains("Должник как её законный представитель несёт обязанность по оплате коммунальных услуг за неё"), "{girl}");
    }
}
