//! The stages of the ladder in its order, with the words a report prints for them.

/// Each stage: the case's stage (`law::case::Case::stage`: the newest event, or `debt` / `no-debt`)
/// and what it means, in the ladder's order.
pub const STAGES: &[(&str, &str)] = &[
    ("no-debt", "Долга нет"),
    ("debt", "Долг, меры не принимались"),
    ("notice_sent", "Направлено уведомление"),
    ("sms_sent", "Направлено SMS"),
    ("warning_sent", "Направлено предупреждение"),
    ("warning_delivered", "Предупреждение вручено"),
    ("restricted", "Услуга ограничена"),
    ("suspended", "Услуга приостановлена"),
    ("resumed", "Услуга возобновлена"),
    ("agreement_signed", "Соглашение о рассрочке"),
    ("agreement_breached", "Соглашение нарушено"),
    ("order_filed", "Подано заявление о судебном приказе"),
    ("order_returned", "Заявление возвращено"),
    ("order_refused", "В принятии заявления отказано"),
    ("order_issued", "Вынесен судебный приказ"),
    ("order_cancelled", "Судебный приказ отменён"),
    ("claim_filed", "Подано исковое заявление"),
    ("judgment", "Вынесено решение суда"),
    ("writ_issued", "Получен исполнительный документ"),
    ("writ_sent_bank", "Исполнительный документ в банке"),
    ("writ_sent_fssp", "Исполнительный документ у приставов"),
    ("writ_returned", "Исполнительный документ возвращён"),
    ("paid_in_full", "Долг погашен"),
];

/// The place of `stage` in [`STAGES`] (a stage it does not know goes last).
pub fn stage_order(stage: &str) -> usize {
    STAGES
        .iter()
        .position(|(s, _)| *s == stage)
        .unwrap_or(STAGES.len())
}

/// A stage's or an event's words («notice_sent» → «Направлено уведомление»).
pub fn stage_label(stage: &str) -> &'static str {
    stage_at(stage_order(stage)).1
}

/// The stage at `order` and its words.
pub fn stage_at(order: usize) -> (&'static str, &'static str) {
    STAGES.get(order).copied().unwrap_or(("other", "Прочее"))
}

/// The court `id` of `courts` as a list names it; «Суд не определён» for none (an empty id).
pub fn court_name(courts: &[crate::model::Office], id: &str) -> String {
    if id.is_empty() {
        return "Суд не определён".into();
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
    use crate::model::EventKind;

    #[test]
    fn every_event_is_a_stage_in_the_ladders_order() {
        let names: Vec<&str> = STAGES.iter().skip(2).map(|(s, _)| *s).collect();
        assert_eq!(names, EventKind::NAMES);
        assert_eq!(stage_order("debt"), 1);
        assert_eq!(stage_at(stage_order("restricted")).1, "Услуга ограничена");
        assert_eq!(stage_at(stage_order("unheard-of")).0, "other");
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
