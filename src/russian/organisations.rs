//! An organisation's full name in the case a sentence needs: «в пользу Акционерного общества
//! «Рузская теплосеть»», «в лице Общества с ограниченной ответственностью «…»», «с Акционерным
//! обществом «…»». The name is its legal form — adjectives and one noun (`Публичное акционерное
//! общество`, `Муниципальное унитарное предприятие`, `Общество с ограниченной ответственностью`,
//! `Товарищество собственников жилья`) — and then what stays as it is (the words after the noun and
//! the quoted name). A name that fits no such shape is not guessed at: `None`, and `vzysk.toml` gives
//! the form (`name_genitive`, …), which `check` asks for.

/// The cases an organisation's name is needed in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OrgCase {
    /// «в пользу Акционерного общества …», «в лице Общества …»
    Genitive,
    /// «Акционерному обществу …»
    Dative,
    /// «между … и Акционерным обществом …»
    Instrumental,
}

/// The nouns of legal forms: (nominative, genitive, dative, instrumental).
const NOUNS: &[[&str; 4]] = &[
    ["общество", "общества", "обществу", "обществом"],
    ["предприятие", "предприятия", "предприятию", "предприятием"],
    [
        "товарищество",
        "товарищества",
        "товариществу",
        "товариществом",
    ],
    ["учреждение", "учреждения", "учреждению", "учреждением"],
    ["партнёрство", "партнёрства", "партнёрству", "партнёрством"],
    ["партнерство", "партнерства", "партнерству", "партнерством"],
    ["объединение", "объединения", "объединению", "объединением"],
    ["кооператив", "кооператива", "кооперативу", "кооперативом"],
    ["компания", "компании", "компании", "компанией"],
    ["корпорация", "корпорации", "корпорации", "корпорацией"],
];

fn index(case: OrgCase) -> usize {
    match case {
        OrgCase::Genitive => 1,
        OrgCase::Dative => 2,
        OrgCase::Instrumental => 3,
    }
}

/// An adjective of the legal form in `case`, agreeing with a neuter noun (`-ое`, `-ее`) or a
/// masculine (`-ый`, `-ий`) or feminine (`-ая`) one; `None` for a word that is none of these.
fn adjective(word: &str, case: OrgCase) -> Option<String> {
    let lower = word.to_lowercase();
    let (stem_len, endings): (usize, [&str; 3]) = if lower.ends_with("ое") || lower.ends_with("ый")
    {
        (2, ["ого", "ому", "ым"])
    } else if lower.ends_with("ее") || lower.ends_with("ий") {
        (2, ["его", "ему", "им"])
    } else if lower.ends_with("ая") {
        (2, ["ой", "ой", "ой"])
    } else {
        return None;
    };
    let stem: String = word.chars().take(word.chars().count() - stem_len).collect();
    Some(format!("{stem}{}", endings[index(case) - 1]))
}

/// The noun of a legal form in `case`, keeping its first letter's capital.
fn noun(word: &str, case: OrgCase) -> Option<String> {
    let lower = word.to_lowercase();
    let forms = NOUNS.iter().find(|n| n[0] == lower)?;
    let form = forms[index(case)];
    Some(if word.chars().next().is_some_and(char::is_uppercase) {
        super::capitalize(form)
    } else {
        form.to_string()
    })
}

/// `name` in `case`, or `None` when it does not start with a legal form this knows.
pub fn decline(name: &str, case: OrgCase) -> Option<String> {
    let name = name.trim();
    let (form, rest) = match name.find('«') {
        Some(at) => name.split_at(at),
        None => (name, ""),
    };
    let words: Vec<&str> = form.split_whitespace().collect();
    let at_noun = words.iter().position(|w| noun(w, case).is_some())?;
    let mut out = Vec::with_capacity(words.len());
    for w in &words[..at_noun] {
        out.push(adjective(w, case)?);
    }
    out.push(noun(words[at_noun], case)?);
    out.extend(words[at_noun + 1..].iter().map(|w| w.to_string()));
    let head = out.join(" ");
    Some(if rest.is_empty() {
        head
    } else {
        format!("{head} {rest}")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn legal_forms_in_their_cases() {
        let g = |n: &str| decline(n, OrgCase::Genitive);
        assert_eq!(
            g("Акционерное общество «Рузская теплосеть»").as_deref(),
            Some("Акционерного общества «Рузская теплосеть»")
        );
        assert_eq!(
            g("Общество с ограниченной ответственностью «Единый расчётный центр Подмосковья»")
                .as_deref(),
            Some("Общества с ограниченной ответственностью «Единый расчётный центр Подмосковья»")
        );
        assert_eq!(
            decline(
                "Публичное акционерное общество «Сбербанк России»",
                OrgCase::Instrumental
            )
            .as_deref(),
            Some("Публичным акционерным обществом «Сбербанк России»")
        );
        assert_eq!(
            decline(
                "Муниципальное унитарное предприятие «Водоканал»",
                OrgCase::Dative
            )
            .as_deref(),
            Some("Муниципальному унитарному предприятию «Водоканал»")
        );
        assert_eq!(
            g("Товарищество собственников жилья «Солнечный»").as_deref(),
            Some("Товарищества собственников жилья «Солнечный»")
        );
        assert_eq!(
            g("Государственное бюджетное учреждение «Жилищник»").as_deref(),
            Some("Государственного бюджетного учреждения «Жилищник»")
        );
        // A name that is no legal form is not guessed at.
        assert_eq!(g("Рузская теплосеть"), None);
        assert_eq!(g("АО «Рузская теплосеть»"), None);
        // The quoted name stays as it is, even when it holds words of a form.
        assert_eq!(
            g("Акционерное общество «Новое общество»").as_deref(),
            Some("Акционерного общества «Новое общество»")
        );
    }
}
