//! The stages of the ladder in its order, with the words a report prints for them.

use crate::lang::Lang;
use crate::model::EventKind;

/// The stages before any event (the case's stage when the journal holds none,
/// `law::case::Case::stage`), with their words; the others are the events' own, in the ladder's
/// order ([`EventKind::ALL`], labelled in the one table of `model::event`).
const BEFORE: [(&str, &str, &str); 2] = [
    ("no-debt", "Долга нет", "No debt"),
    ("debt", "Долг, меры не принимались", "Debt, no step taken"),
];

/// How many stages there are: those before any event, then one per event.
pub fn stage_count() -> usize {
    BEFORE.len() + EventKind::ALL.len()
}

/// The place of `stage` in the ladder's order (a stage it does not know goes last).
pub fn stage_order(stage: &str) -> usize {
    BEFORE
        .iter()
        .position(|(s, _, _)| *s == stage)
        .or_else(|| {
            let kind = EventKind::parse(stage)?;
            EventKind::ALL
                .iter()
                .position(|k| *k == kind)
                .map(|i| BEFORE.len() + i)
        })
        .unwrap_or(stage_count())
}

/// A stage's or an event's words («notice_sent» → «Направлено уведомление»).
pub fn stage_label(stage: &str, lang: Lang) -> &'static str {
    stage_at(stage_order(stage), lang).1
}

/// The stage at `order` and its words.
pub fn stage_at(order: usize, lang: Lang) -> (&'static str, &'static str) {
    match order.checked_sub(BEFORE.len()) {
        None => {
            let (code, ru, en) = BEFORE[order];
            (code, lang.pick(ru, en))
        }
        Some(i) => EventKind::ALL
            .get(i)
            .map_or(("other", lang.pick("Прочее", "Other")), |k| {
                (k.name(), k.label_in(lang))
            }),
    }
}

/// The court `id` of `courts` as a list names it; «Суд не определён» for none (an empty id).
pub fn court_name(courts: &[crate::model::Office], id: &str, lang: Lang) -> String {
    if id.is_empty() {
        return lang.pick("Суд не определён", "No court found").into();
    }
    courts
        .iter()
        .find(|c| c.id == id)
        .and_then(|c| c.name.as_deref())
        .map_or_else(|| id.to_string(), court_label)
}

/// A court's name as a report lists it: `vzysk.toml` names a magistrate as a letter is addressed
/// («Мировому судье судебного участка № 165 …»); a list names him («Мировой судья …»).
pub fn court_label(name: &str) -> String {
    match name.strip_prefix("Мировому судье ") {
        Some(rest) => format!("Мировой судья {rest}"),
        None => name.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_event_is_a_stage_in_the_ladders_order() {
        let stages: Vec<&str> = (0..stage_count())
            .map(|i| stage_at(i, Lang::Ru).0)
            .collect();
        assert_eq!(stages[..2], ["no-debt", "debt"]);
        assert_eq!(stages[2..], *EventKind::NAMES);
        for (i, stage) in stages.iter().enumerate() {
            assert_eq!(stage_order(stage), i, "{stage}");
        }
        let labels: std::collections::BTreeSet<&str> = (0..stage_count())
            .map(|i| stage_at(i, Lang::Ru).1)
            .collect();
        assert_eq!(labels.len(), stage_count(), "each stage its own words");
        assert_eq!(stage_order("debt"), 1);
        assert_eq!(stage_label("restricted", Lang::Ru), "Услуга ограничена");
        assert_eq!(
            stage_label("writ_issued", Lang::Ru),
            "Получен исполнительный документ"
        );
        assert_eq!(stage_at(stage_order("unheard-of"), Lang::En).0, "other");
    }

    #[test]
    fn a_magistrate_is_listed_in_the_nominative() {
        assert_eq!(
            court_label("Мировому судье судебного участка № 165 Рузского судебного района"),
            "Мировой судья судебного участка № 165 Рузского судебного района"
        );
        assert_eq!(
            court_label("Рузский районный суд Московской области"),
            "Рузский районный суд Московской области"
        );
    }
}
