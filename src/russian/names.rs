//! Debtors' names in the cases documents need: «взыскать с Иванова Ивана Ивановича» (genitive),
//! «Иванову И. И.» (dative), by the petrovich rule set (the `petrovich` crate, MIT).
//!
//! A name is read surname first: `Фамилия Имя Отчество`, `Фамилия Имя` (no patronymic), a Turkic
//! patronymic of two words (`Мамедов Ильхам Гейдар оглы`, which stays as it is), or initials
//! (`Иванов И. И.`). Gender comes from the patronymic (-ич / -на, оглы / кызы), else from the given
//! name, else from the surname. A word that is not Cyrillic (a Latin-script name) and any name
//! that fits none of these shapes are left exactly as written: a name in the nominative is
//! clumsy, a wrong name is worse.

use petrovich::Gender;

/// The grammatical cases documents use.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Case {
    /// «с должника Иванова Ивана Ивановича»
    Genitive,
    /// «Иванову Ивану Ивановичу»
    Dative,
}

impl Case {
    fn petrovich(self) -> petrovich::Case {
        match self {
            Case::Genitive => petrovich::Case::Genitive,
            Case::Dative => petrovich::Case::Dative,
        }
    }
}

/// Words of a Turkic patronymic's second half: «Гейдар оглы», «Рашид кызы».
const TURKIC_MALE: [&str; 3] = ["оглы", "улы", "уулу"];
const TURKIC_FEMALE: [&str; 2] = ["кызы", "кизи"];

/// A full name taken apart.
#[derive(Debug, PartialEq, Eq)]
struct Parts<'a> {
    surname: &'a str,
    given: Option<&'a str>,
    /// One word, or a Turkic patronymic of two («Гейдар оглы»).
    patronymic: Option<String>,
}

fn parts(full: &str) -> Option<Parts<'_>> {
    let w: Vec<&str> = full.split_whitespace().collect();
    let turkic = |s: &str| {
        let s = s.to_lowercase();
        TURKIC_MALE.contains(&s.as_str()) || TURKIC_FEMALE.contains(&s.as_str())
    };
    match w.as_slice() {
        [s] => Some(Parts {
            surname: s,
            given: None,
            patronymic: None,
        }),
        [s, g] => Some(Parts {
            surname: s,
            given: Some(g),
            patronymic: None,
        }),
        [s, g, p] => Some(Parts {
            surname: s,
            given: Some(g),
            patronymic: Some(p.to_string()),
        }),
        [s, g, p, t] if turkic(t) => Some(Parts {
            surname: s,
            given: Some(g),
            patronymic: Some(format!("{p} {t}")),
        }),
        _ => None,
    }
}

fn gender(p: &Parts) -> Gender {
    if let Some(pat) = &p.patronymic {
        let pat = pat.to_lowercase();
        let last = pat.rsplit(' ').next().unwrap_or("");
        if last.ends_with("ич") || TURKIC_MALE.contains(&last) {
            return Gender::Male;
        }
        if last.ends_with("на") || TURKIC_FEMALE.contains(&last) {
            return Gender::Female;
        }
    }
    let given = p.given.filter(|g| !is_initial(g));
    petrovich::detect_gender(Some(p.surname), given, None)
}

/// Whether the person is a woman, as far as the name tells (the patronymic, else the given name,
/// else the surname); `None` for a name of no known shape.
pub fn feminine(full: &str) -> Option<bool> {
    let p = parts(full)?;
    Some(matches!(gender(&p), Gender::Female))
}

/// `И.`, `И.И.`: an initial, never declined.
fn is_initial(word: &str) -> bool {
    word.ends_with('.')
}

/// Only Cyrillic words (with hyphens and apostrophes) are declined.
fn cyrillic(word: &str) -> bool {
    word.chars().any(|c| c.is_alphabetic())
        && word
            .chars()
            .all(|c| matches!(c, 'а'..='я' | 'А'..='Я' | 'ё' | 'Ё' | '-' | '\'' | '’'))
}

/// Applies `f` to a word, keeping an all-capitals word in capitals («ИВАНОВ» → «ИВАНОВА»).
fn inflect(word: &str, f: impl Fn(&str) -> String) -> String {
    if !cyrillic(word) {
        return word.to_string();
    }
    let shouting = word.chars().filter(|c| c.is_alphabetic()).count() > 1
        && word.chars().all(|c| !c.is_alphabetic() || c.is_uppercase());
    if shouting {
        let mut lower = String::new();
        for (i, part) in word.split('-').enumerate() {
            if i > 0 {
                lower.push('-');
            }
            let mut cs = part.chars();
            if let Some(first) = cs.next() {
                lower.push(first);
                lower.extend(cs.flat_map(char::to_lowercase));
            }
        }
        f(&lower).to_uppercase()
    } else {
        f(word)
    }
}

/// The full name in `case`; as written when it fits no known shape.
pub fn decline(full: &str, case: Case) -> String {
    let Some(p) = parts(full) else {
        return full.split_whitespace().collect::<Vec<_>>().join(" ");
    };
    let g = gender(&p);
    let c = case.petrovich();
    let mut out = vec![inflect(p.surname, |w| petrovich::lastname(g, w, c))];
    if let Some(given) = p.given {
        out.push(if is_initial(given) {
            given.to_string()
        } else {
            inflect(given, |w| petrovich::firstname(g, w, c))
        });
    }
    if let Some(pat) = &p.patronymic {
        out.push(if pat.contains(' ') {
            pat.clone()
        } else {
            inflect(pat, |w| petrovich::middlename(g, w, c))
        });
    }
    out.join(" ")
}

/// «Иванов И. И.», in `case` when given; the name as written when it fits no known shape.
pub fn initials(full: &str, case: Option<Case>) -> String {
    let Some(p) = parts(full) else {
        return full.split_whitespace().collect::<Vec<_>>().join(" ");
    };
    let surname = match case {
        Some(c) => inflect(p.surname, |w| {
            petrovich::lastname(gender(&p), w, c.petrovich())
        }),
        None => p.surname.to_string(),
    };
    let mut out = surname;
    for word in p.given.iter().copied().chain(p.patronymic.as_deref()) {
        if is_initial(word) {
            out.push(' ');
            out.push_str(word);
        } else if let Some(first) = word.chars().next() {
            out.push(' ');
            out.extend(first.to_uppercase());
            out.push('.');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Real-world name shapes: (nominative, genitive, dative).
    const TABLE: &[(&str, &str, &str)] = &[
        // The common shapes, masculine and feminine.
        (
            "Иванов Иван Иванович",
            "Иванова Ивана Ивановича",
            "Иванову Ивану Ивановичу",
        ),
        (
            "Иванова Мария Петровна",
            "Ивановой Марии Петровны",
            "Ивановой Марии Петровне",
        ),
        (
            "Смирнова Анна Викторовна",
            "Смирновой Анны Викторовны",
            "Смирновой Анне Викторовне",
        ),
        (
            "Кузнецов Алексей Игоревич",
            "Кузнецова Алексея Игоревича",
            "Кузнецову Алексею Игоревичу",
        ),
        (
            "Попова Елена Николаевна",
            "Поповой Елены Николаевны",
            "Поповой Елене Николаевне",
        ),
        (
            "Пушкин Александр Сергеевич",
            "Пушкина Александра Сергеевича",
            "Пушкину Александру Сергеевичу",
        ),
        (
            "Пушкина Наталья Николаевна",
            "Пушкиной Натальи Николаевны",
            "Пушкиной Наталье Николаевне",
        ),
        (
            "Цветаева Марина Ивановна",
            "Цветаевой Марины Ивановны",
            "Цветаевой Марине Ивановне",
        ),
        (
            "Козлова Ольга Игоревна",
            "Козловой Ольги Игоревны",
            "Козловой Ольге Игоревне",
        ),
        (
            "Лебедева Светлана Дмитриевна",
            "Лебедевой Светланы Дмитриевны",
            "Лебедевой Светлане Дмитриевне",
        ),
        (
            "Шишкина Дарья Андреевна",
            "Шишкиной Дарьи Андреевны",
            "Шишкиной Дарье Андреевне",
        ),
        (
            "Морозова Ксения Олеговна",
            "Морозовой Ксении Олеговны",
            "Морозовой Ксении Олеговне",
        ),
        (
            "Волкова Наталия Юрьевна",
            "Волковой Наталии Юрьевны",
            "Волковой Наталии Юрьевне",
        ),
        (
            "Зуева Алла Сергеевна",
            "Зуевой Аллы Сергеевны",
            "Зуевой Алле Сергеевне",
        ),
        (
            "Жуков Георгий Константинович",
            "Жукова Георгия Константиновича",
            "Жукову Георгию Константиновичу",
        ),
        // Adjectival surnames.
        (
            "Толстой Лев Николаевич",
            "Толстого Льва Николаевича",
            "Толстому Льву Николаевичу",
        ),
        (
            "Толстая Софья Андреевна",
            "Толстой Софьи Андреевны",
            "Толстой Софье Андреевне",
        ),
        (
            "Достоевский Фёдор Михайлович",
            "Достоевского Фёдора Михайловича",
            "Достоевскому Фёдору Михайловичу",
        ),
        (
            "Вишневская Галина Павловна",
            "Вишневской Галины Павловны",
            "Вишневской Галине Павловне",
        ),
        // Fleeting vowels and soft stems in given names.
        (
            "Зайцев Лев Павлович",
            "Зайцева Льва Павловича",
            "Зайцеву Льву Павловичу",
        ),
        (
            "Новиков Павел Андреевич",
            "Новикова Павла Андреевича",
            "Новикову Павлу Андреевичу",
        ),
        (
            "Соловьёв Пётр Кузьмич",
            "Соловьёва Петра Кузьмича",
            "Соловьёву Петру Кузьмичу",
        ),
        (
            "Ильин Илья Ильич",
            "Ильина Ильи Ильича",
            "Ильину Илье Ильичу",
        ),
        (
            "Никитин Никита Никитич",
            "Никитина Никиты Никитича",
            "Никитину Никите Никитичу",
        ),
        (
            "Кузьмина Любовь Ильинична",
            "Кузьминой Любови Ильиничны",
            "Кузьминой Любови Ильиничне",
        ),
        (
            "Орлова Ирина Фоминична",
            "Орловой Ирины Фоминичны",
            "Орловой Ирине Фоминичне",
        ),
        (
            "Фролов Игорь Саввич",
            "Фролова Игоря Саввича",
            "Фролову Игорю Саввичу",
        ),
        // Indeclinable surnames: -ко, -ых/-их, vowel-final foreign ones.
        (
            "Шевченко Тарас Григорьевич",
            "Шевченко Тараса Григорьевича",
            "Шевченко Тарасу Григорьевичу",
        ),
        (
            "Гончаренко Ольга Викторовна",
            "Гончаренко Ольги Викторовны",
            "Гончаренко Ольге Викторовне",
        ),
        (
            "Бондаренко Виктор Иванович",
            "Бондаренко Виктора Ивановича",
            "Бондаренко Виктору Ивановичу",
        ),
        (
            "Руденко Майя Павловна",
            "Руденко Майи Павловны",
            "Руденко Майе Павловне",
        ),
        (
            "Кравченко Олег Иванович",
            "Кравченко Олега Ивановича",
            "Кравченко Олегу Ивановичу",
        ),
        (
            "Черных Ольга Сергеевна",
            "Черных Ольги Сергеевны",
            "Черных Ольге Сергеевне",
        ),
        (
            "Черных Олег Петрович",
            "Черных Олега Петровича",
            "Черных Олегу Петровичу",
        ),
        (
            "Седых Ирина Павловна",
            "Седых Ирины Павловны",
            "Седых Ирине Павловне",
        ),
        (
            "Долгих Сергей Иванович",
            "Долгих Сергея Ивановича",
            "Долгих Сергею Ивановичу",
        ),
        (
            "Белых Никита Андреевич",
            "Белых Никиты Андреевича",
            "Белых Никите Андреевичу",
        ),
        ("Дюма Александр", "Дюма Александра", "Дюма Александру"),
        ("Гюго Виктор", "Гюго Виктора", "Гюго Виктору"),
        (
            "Ли Сергей Николаевич",
            "Ли Сергея Николаевича",
            "Ли Сергею Николаевичу",
        ),
        // Consonant-final surnames: declined for men, not for women.
        (
            "Мельник Андрей Петрович",
            "Мельника Андрея Петровича",
            "Мельнику Андрею Петровичу",
        ),
        (
            "Мельник Анна Петровна",
            "Мельник Анны Петровны",
            "Мельник Анне Петровне",
        ),
        (
            "Ковальчук Андрей Иванович",
            "Ковальчука Андрея Ивановича",
            "Ковальчуку Андрею Ивановичу",
        ),
        (
            "Ковальчук Наталья Ивановна",
            "Ковальчук Натальи Ивановны",
            "Ковальчук Наталье Ивановне",
        ),
        (
            "Ким Виктор Сергеевич",
            "Кима Виктора Сергеевича",
            "Киму Виктору Сергеевичу",
        ),
        (
            "Ким Анна Сергеевна",
            "Ким Анны Сергеевны",
            "Ким Анне Сергеевне",
        ),
        (
            "Голубь Игорь Петрович",
            "Голубя Игоря Петровича",
            "Голубю Игорю Петровичу",
        ),
        (
            "Голубь Ирина Петровна",
            "Голубь Ирины Петровны",
            "Голубь Ирине Петровне",
        ),
        (
            "Цой Виктор Робертович",
            "Цоя Виктора Робертовича",
            "Цою Виктору Робертовичу",
        ),
        (
            "Грин Александр Степанович",
            "Грина Александра Степановича",
            "Грину Александру Степановичу",
        ),
        // Double surnames.
        (
            "Салтыков-Щедрин Михаил Евграфович",
            "Салтыкова-Щедрина Михаила Евграфовича",
            "Салтыкову-Щедрину Михаилу Евграфовичу",
        ),
        (
            "Римская-Корсакова Надежда Николаевна",
            "Римской-Корсаковой Надежды Николаевны",
            "Римской-Корсаковой Надежде Николаевне",
        ),
        (
            "Петрова-Водкина Мария Кузьминична",
            "Петровой-Водкиной Марии Кузьминичны",
            "Петровой-Водкиной Марии Кузьминичне",
        ),
        // Turkic patronymics stay as they are.
        (
            "Мамедов Ильхам Гейдар оглы",
            "Мамедова Ильхама Гейдар оглы",
            "Мамедову Ильхаму Гейдар оглы",
        ),
        (
            "Алиева Лейла Рашид кызы",
            "Алиевой Лейлы Рашид кызы",
            "Алиевой Лейле Рашид кызы",
        ),
        // Foreign names without a patronymic: gender from the given name.
        ("Смит Джон", "Смита Джона", "Смиту Джону"),
        // Initials, capitals, Latin script.
        ("Иванов И. И.", "Иванова И. И.", "Иванову И. И."),
        ("Петрова А.В.", "Петровой А.В.", "Петровой А.В."),
        (
            "ИВАНОВ ИВАН ИВАНОВИЧ",
            "ИВАНОВА ИВАНА ИВАНОВИЧА",
            "ИВАНОВУ ИВАНУ ИВАНОВИЧУ",
        ),
        ("Smith John", "Smith John", "Smith John"),
        // Shapes that cannot be read are left as written.
        (
            "Иванов Иван Иванович (умер)",
            "Иванов Иван Иванович (умер)",
            "Иванов Иван Иванович (умер)",
        ),
    ];

    #[test]
    fn the_name_table_declines() {
        assert!(TABLE.len() >= 50, "{} shapes", TABLE.len());
        let mut wrong = Vec::new();
        for (nom, gen_, dat) in TABLE {
            let (g, d) = (decline(nom, Case::Genitive), decline(nom, Case::Dative));
            if g != *gen_ || d != *dat {
                wrong.push(format!("{nom}: {g} / {d} (want {gen_} / {dat})"));
            }
        }
        assert!(wrong.is_empty(), "\n{}", wrong.join("\n"));
    }

    #[test]
    fn initials_in_each_case() {
        assert_eq!(initials("Иванов Иван Иванович", None), "Иванов И. И.");
        assert_eq!(
            initials("Иванов Иван Иванович", Some(Case::Dative)),
            "Иванову И. И."
        );
        assert_eq!(
            initials("Смирнова Анна Викторовна", Some(Case::Genitive)),
            "Смирновой А. В."
        );
        assert_eq!(initials("Смит Джон", Some(Case::Dative)), "Смиту Д.");
        assert_eq!(
            initials("Мамедов Ильхам Гейдар оглы", None),
            "Мамедов И. Г."
        );
        assert_eq!(
            initials("Шевченко Ольга Ивановна", Some(Case::Dative)),
            "Шевченко О. И."
        );
        assert_eq!(
            initials("Иванов И. И.", Some(Case::Dative)),
            "Иванову И. И."
        );
        assert_eq!(initials("Иванов", None), "Иванов");
    }

    #[test]
    fn gender_comes_from_the_patronymic_first() {
        // «Саша» is either; the patronymic decides.
        assert_eq!(
            decline("Белова Саша Петровна", Case::Dative),
            "Беловой Саше Петровне"
        );
        assert_eq!(
            decline("Белов Саша Петрович", Case::Dative),
            "Белову Саше Петровичу"
        );
        // A woman's consonant-final surname is not declined even with an ambiguous given name.
        assert_eq!(
            decline("Шмидт Женя Ивановна", Case::Genitive),
            "Шмидт Жени Ивановны"
        );
    }
}
