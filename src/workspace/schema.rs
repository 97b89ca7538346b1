//! The tables' columns: the names README «The workspace» fixes (contract), which are required, and the names
//! billing systems and 1C exports give them (compared in lower case, with ё = е).

/// The columns a table knows; `required` ones must be present in the header. `aliases` are other
/// names of them, as Russian billing systems and 1C write them (compared in lower case, with ё as е).
pub struct Schema {
    pub file: &'static str,
    pub known: &'static [&'static str],
    pub required: &'static [&'static str],
    /// Lists of (alias, column), one shared by several tables (the account's names) and its own.
    pub aliases: &'static [&'static [(&'static str, &'static str)]],
}

impl Schema {
    /// The known column a header cell names, directly or by an alias.
    pub fn column(&self, header: &str) -> Option<&'static str> {
        let name = normalize(header);
        self.known.iter().copied().find(|k| *k == name).or_else(|| {
            self.aliases
                .iter()
                .flat_map(|list| list.iter())
                .find(|(alias, _)| *alias == name)
                .map(|(_, k)| *k)
        })
    }
}

/// A header cell compared: trimmed, lower case, ё as е, inner spaces single, no final `:` or `.`.
fn normalize(header: &str) -> String {
    let lower = header.trim().to_lowercase().replace('ё', "е");
    let words: Vec<&str> = lower.split_whitespace().collect();
    words.join(" ").trim_end_matches([':', '.']).to_string()
}

pub const ACCOUNTS: Schema = Schema {
    file: "accounts.csv",
    known: &[
        "account",
        "full_name",
        "birth_date",
        "birth_place",
        "residence_address",
        "premises_address",
        "work_place",
        "snils",
        "inn",
        "passport",
        "phone",
        "email",
        "sms_consent",
        "share",
        "persons",
        "area",
        "building",
        "service",
        "norm_monthly_charge",
        "court",
        "bank",
        "status",
        "representative",
        "representative_address",
        "right",
        "right_record",
        "right_date",
        "extract",
    ],
    required: &["account", "full_name"],
    aliases: &[
        &ACCOUNT_ALIASES,
        &[
            ("фио", "full_name"),
            ("ф.и.о", "full_name"),
            ("фио должника", "full_name"),
            ("фио собственника", "full_name"),
            ("фио абонента", "full_name"),
            ("должник", "full_name"),
            ("собственник", "full_name"),
            ("абонент", "full_name"),
            ("дата рождения", "birth_date"),
            ("место рождения", "birth_place"),
            ("адрес регистрации", "residence_address"),
            ("адрес места жительства", "residence_address"),
            ("адрес проживания", "residence_address"),
            ("место жительства", "residence_address"),
            ("адрес", "premises_address"),
            ("адрес помещения", "premises_address"),
            ("адрес объекта", "premises_address"),
            ("адрес жилого помещения", "premises_address"),
            ("место работы", "work_place"),
            ("снилс", "snils"),
            ("инн", "inn"),
            ("паспорт", "passport"),
            ("паспортные данные", "passport"),
            ("телефон", "phone"),
            ("тел", "phone"),
            ("e-mail", "email"),
            ("эл. почта", "email"),
            ("электронная почта", "email"),
            ("согласие на смс", "sms_consent"),
            ("согласие на sms", "sms_consent"),
            ("доля", "share"),
            ("доля в праве", "share"),
            ("количество проживающих", "persons"),
            ("кол-во проживающих", "persons"),
            ("число проживающих", "persons"),
            ("проживающих", "persons"),
            ("площадь", "area"),
            ("общая площадь", "area"),
            ("площадь, м2", "area"),
            ("площадь, кв. м", "area"),
            ("тип дома", "building"),
            ("услуга", "service"),
            ("услуги", "service"),
            ("начисление по нормативу", "norm_monthly_charge"),
            ("суд", "court"),
            ("судебный участок", "court"),
            ("банк", "bank"),
            ("банк должника", "bank"),
            ("статус", "status"),
            ("законный представитель", "representative"),
            ("представитель", "representative"),
            ("адрес представителя", "representative_address"),
            ("адрес законного представителя", "representative_address"),
            ("основание", "right"),
            ("вид права", "right"),
            ("запись егрн", "right_record"),
            ("номер записи егрн", "right_record"),
            ("номер регистрации", "right_record"),
            ("дата записи егрн", "right_date"),
            ("дата регистрации права", "right_date"),
            ("выписка егрн", "extract"),
            ("выписка из егрн", "extract"),
        ],
    ],
};

/// The account column's names, shared by the three tables.
const ACCOUNT_ALIASES: [(&str, &str); 8] = [
    ("лицевой счет", "account"),
    ("лицевой счет №", "account"),
    ("№ лицевого счета", "account"),
    ("номер лицевого счета", "account"),
    ("лс", "account"),
    ("л/с", "account"),
    ("№ л/с", "account"),
    ("номер л/с", "account"),
];

pub const LEDGER: Schema = Schema {
    file: "ledger.csv",
    known: &[
        "account",
        "kind",
        "period",
        "date",
        "amount",
        "service",
        "due_date",
        "reference",
        "charged",
        "paid",
        "opening",
        "closing",
    ],
    // The rest depends on the layout (`Layout`): rows of kind and amount, or of charged and paid.
    required: &["account", "period"],
    aliases: &[
        &ACCOUNT_ALIASES,
        &[
            ("вид", "kind"),
            ("вид операции", "kind"),
            ("тип операции", "kind"),
            ("период", "period"),
            ("расчетный период", "period"),
            ("месяц", "period"),
            ("дата", "date"),
            ("дата оплаты", "date"),
            ("дата платежа", "date"),
            ("дата операции", "date"),
            ("сумма", "amount"),
            ("сумма, руб", "amount"),
            ("услуга", "service"),
            ("срок оплаты", "due_date"),
            ("срок платежа", "due_date"),
            ("документ", "reference"),
            ("номер документа", "reference"),
            ("платежный документ", "reference"),
            ("начислено", "charged"),
            ("начислено, руб", "charged"),
            ("начисление", "charged"),
            ("оплачено", "paid"),
            ("оплачено, руб", "paid"),
            ("поступило", "paid"),
            ("оплата", "paid"),
            ("сальдо на начало", "opening"),
            ("сальдо на начало периода", "opening"),
            ("входящее сальдо", "opening"),
            ("долг на начало", "opening"),
            ("задолженность на начало", "opening"),
            ("сальдо на конец", "closing"),
            ("сальдо на конец периода", "closing"),
            ("исходящее сальдо", "closing"),
            ("долг на конец", "closing"),
            ("задолженность на конец", "closing"),
        ],
    ],
};

pub const EVENTS: Schema = Schema {
    file: "events.csv",
    known: &["account", "date", "event", "reference", "details"],
    required: &["account", "date", "event"],
    aliases: &[
        &ACCOUNT_ALIASES,
        &[
            ("дата", "date"),
            ("событие", "event"),
            ("номер", "reference"),
            ("номер документа", "reference"),
            ("подробности", "details"),
        ],
    ],
};
