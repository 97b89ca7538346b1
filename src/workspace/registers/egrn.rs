//! ЕГРН extracts about a premises: the XML Росреестр issues (`extract_about_property_room`, as
//! ordered through Госуслуги or the ФГИС ЕГРН portal) and a plain CSV of the same fields
//! (`egrn.csv`, one row per right holder, for extracts a department keys in or converts).
//! Read are the extract's number and date, the object (cadastral number, address) and, for each
//! right record, its type, number, registration date, share, the end of the right where the
//! extract shows one (an extract of the rights' history), and its holders (name, birth date,
//! СНИЛС). Elements are found by their local names wherever they stand, so a namespace or a
//! wrapper of another version of the schema does not hide them.

use crate::diag::Diagnostic;
use crate::model::{RightKind, Share};
use crate::tr;
use chrono::NaiveDate;

/// One extract: the object and its right holders.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Extract {
    /// Where it was read from, as diagnostics name it (`extracts/1004.xml`, `egrn.csv`).
    pub file: String,
    /// The line its data starts on (1 for an XML file; a CSV row's line).
    pub line: u64,
    pub number: Option<String>,
    pub date: Option<NaiveDate>,
    pub cadastral: Option<String>,
    pub address: Option<String>,
    pub holders: Vec<Holder>,
}

/// A right holder of the extract.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Holder {
    pub name: String,
    pub born: Option<NaiveDate>,
    pub snils: Option<String>,
    pub kind: RightKind,
    pub share: Option<Share>,
    pub record: Option<String>,
    pub registered: Option<NaiveDate>,
    pub ended: Option<NaiveDate>,
    /// The row of `egrn.csv` (0 in an XML extract).
    pub line: u64,
}

impl Extract {
    /// «выписка из ЕГРН от 01.11.2026 № КУВИ-001/2026-123456», as an attachment names it.
    pub fn title(&self) -> String {
        let mut t = "выписка из ЕГРН".to_string();
        if let Some(d) = self.date {
            t.push_str(&format!(" от {}", crate::russian::date(d)));
        }
        if let Some(n) = &self.number {
            t.push_str(&format!(" № {n}"));
        }
        t
    }

    /// The holders whose right stands on `day` (not ended before it).
    pub fn holders_on(&self, day: NaiveDate) -> impl Iterator<Item = &Holder> {
        self.holders
            .iter()
            .filter(move |h| h.ended.is_none_or(|e| e >= day))
    }
}

/// A date as the extract writes it: `2019-03-12`, `2019-03-12T00:00:00+03:00`, `12.03.2019`.
fn date_of(text: &str) -> Option<NaiveDate> {
    let t = text.trim();
    let head = t.get(..10).unwrap_or(t);
    crate::model::parse_date(head)
}

/// The right's type as the extract names it («Собственность», «Общая долевая собственность»,
/// «Общая совместная собственность»); a social hire is not in the ЕГРН.
fn kind_of(text: &str) -> Option<RightKind> {
    text.to_lowercase()
        .contains("собственност")
        .then_some(RightKind::Ownership)
}

/// The error of an extract that cannot be read.
pub(super) fn unreadable(file: &str, why: &str) -> Diagnostic {
    Diagnostic::error(
        file,
        tr!(
            "egrn.unreadable",
            "выписка из ЕГРН не прочитана: {why}",
            "the ЕГРН extract is unreadable: {why}"
        ),
        tr!(
            "egrn.unreadable.fix",
            "приложите XML-файл выписки в том виде, в каком его выдал Росреестр (не PDF и не скан), или внесите её данные в egrn.csv",
            "give the extract's XML as Росреестр issued it (not a PDF or a scan), or key its data into egrn.csv"
        ),
    )
}

/// An XML extract's text read into an [`Extract`]; an error naming `file` when it is not one.
pub fn read_xml(file: &str, text: &str) -> Result<Extract, Diagnostic> {
    let doc = roxmltree::Document::parse(text).map_err(|e| unreadable(file, &e.to_string()))?;
    let named = |node: roxmltree::Node<'_, '_>, name: &str| {
        node.descendants()
            .find(|n| n.is_element() && n.tag_name().name() == name)
            .and_then(|n| n.text())
            .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|t| !t.is_empty())
    };
    let root = doc.root_element();
    let records: Vec<_> = root
        .descendants()
        .filter(|n| n.is_element() && n.tag_name().name() == "right_record")
        .collect();
    if named(root, "cad_number").is_none() && records.is_empty() {
        return Err(unreadable(
            file,
            "в нём нет ни кадастрового номера (cad_number), ни записей о правах (right_record)",
        ));
    }
    let mut holders = Vec::new();
    for record in records {
        let Some(kind) = named(record, "right_type")
            .as_deref()
            .and_then(kind_of)
            .or_else(|| {
                // The type's name is in <value> under <right_type>.
                record
                    .descendants()
                    .find(|n| n.tag_name().name() == "right_type")
                    .and_then(|n| named(n, "value"))
                    .as_deref()
                    .and_then(kind_of)
            })
        else {
            continue;
        };
        let share = match (named(record, "numerator"), named(record, "denominator")) {
            (Some(n), Some(d)) => n.parse().ok().zip(d.parse().ok()).map(|(n, d)| Share {
                numerator: n,
                denominator: d,
            }),
            _ => None,
        };
        let people = record
            .descendants()
            .filter(|n| n.is_element() && n.tag_name().name() == "individual");
        for person in people {
            let name: Vec<String> = ["surname", "name", "patronymic"]
                .iter()
                .filter_map(|p| {
                    person
                        .children()
                        .find(|n| n.tag_name().name() == *p)
                        .and_then(|n| n.text())
                        .map(|t| t.trim().to_string())
                })
                .filter(|t| !t.is_empty())
                .collect();
            if name.is_empty() {
                continue;
            }
            holders.push(Holder {
                name: name.join(" "),
                born: named(person, "birth_date").as_deref().and_then(date_of),
                snils: named(person, "snils"),
                kind,
                share,
                record: named(record, "right_number"),
                registered: named(record, "registration_date")
                    .as_deref()
                    .and_then(date_of),
                ended: named(record, "cancel_date").as_deref().and_then(date_of),
                line: 0,
            });
        }
    }
    Ok(Extract {
        file: file.to_string(),
        line: 1,
        number: named(root, "registration_number"),
        date: named(root, "date_formation")
            .or_else(|| named(root, "date_received_request"))
            .as_deref()
            .and_then(date_of),
        cadastral: named(root, "cad_number"),
        address: named(root, "readable_address"),
        holders,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = include_str!("../../../samples/ruza/extracts/1004.xml");

    #[test]
    fn rosreestrs_xml_gives_the_object_and_each_holder_with_his_record_and_share() {
        let e = read_xml("extracts/1004.xml", SAMPLE).unwrap();
        assert_eq!(e.cadastral.as_deref(), Some("50:19:0010134:504"));
        assert_eq!(e.number.as_deref(), Some("КУВИ-001/2026-284517"));
        assert_eq!(
            e.title(),
            "выписка из ЕГРН от 02.11.2026 № КУВИ-001/2026-284517"
        );
        assert!(
            e.address
                .as_deref()
                .unwrap()
                .ends_with("ул. Красная, д. 8, кв. 2"),
            "{e:?}"
        );
        let [h] = &e.holders[..] else {
            panic!("{:?}", e.holders)
        };
        assert_eq!(h.name, "Попова Елена Николаевна");
        assert_eq!(h.kind, RightKind::Ownership);
        assert_eq!(h.record.as_deref(), Some("50:19:0010134:504-50/019/2022-1"));
        assert_eq!(h.registered, crate::model::parse_date("2022-09-06"));
        assert_eq!(h.born, crate::model::parse_date("1962-11-02"));
    }

    #[test]
    fn what_is_not_an_extract_is_said() {
        let e = read_xml("x.xml", "<a><b>").unwrap_err();
        assert_eq!(e.message.code(), "egrn.unreadable");
        let other = read_xml("x.xml", "<extract><something/></extract>").unwrap_err();
        assert!(other.message.ru().contains("cad_number"), "{other:?}");
    }
}
