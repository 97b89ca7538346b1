//! The organisations' identifiers and bank details of `vzysk.toml`, checked by their check digits
//! (`law::identifiers`): an account that fails its key would have every payment bounce, a wrong ИНН
//! would have a court return the paper. Each error points at the value's line.

use super::config::{BankDetails, Config, FILE, Organisation, chain};
use crate::diag::Diagnostic;
use crate::lang::Text;
use crate::law::authority::may_act;
use crate::law::identifiers::{AccountKind, account_ok, bic_ok, inn_ok, kpp_ok, ogrn_ok};
use crate::russian::organisations::OrgCase;

/// The line of `text` holding `"value"`, the first after the line holding `after` where it is
/// given and found; 1 when the value is nowhere (it came from a default).
fn line_of(text: &str, after: &str, value: &str) -> u64 {
    let quoted = format!("\"{value}\"");
    let start = text
        .lines()
        .position(|l| !after.is_empty() && l.contains(after))
        .unwrap_or(0);
    text.lines()
        .enumerate()
        .skip(start)
        .chain(text.lines().enumerate())
        .find(|(_, l)| l.contains(&quoted))
        .map_or(1, |(n, _)| n as u64 + 1)
}

/// Checks one value: `ok` or an error naming the key `what` at the value's line.
struct Checker<'a> {
    text: &'a str,
    diags: &'a mut Vec<Diagnostic>,
}

impl Checker<'_> {
    /// `what` names the key (`[claimant] inn`), `fix` says what a good value is.
    fn check(
        &mut self,
        after: &str,
        what: &Text,
        value: &Option<String>,
        ok: bool,
        fix: impl FnOnce() -> Text,
    ) {
        let Some(v) = value.as_deref().filter(|v| !v.trim().is_empty()) else {
            return;
        };
        if !ok {
            let fix = fix();
            let (what_ru, what_en, fix_ru, fix_en) = (what.ru(), what.en(), fix.ru(), fix.en());
            self.diags.push(
                Diagnostic::error(
                    FILE,
                    crate::tr!(
                        "config.identifier.invalid",
                        "{what_ru}: значение «{v}» неверно: {fix_ru}",
                        "{what_en} \"{v}\" is not valid: {fix_en}"
                    ),
                    crate::tr!(
                        "config.identifier.invalid.fix",
                        "исправьте по регистрационным или банковским документам организации",
                        "correct it from the organisation's registration or bank documents"
                    ),
                )
                .at(line_of(self.text, after, v)),
            );
        }
    }

    fn organisation(&mut self, section: &str, o: &Organisation) {
        let valid = |v: &Option<String>, f: fn(&str) -> bool| v.as_deref().is_none_or(f);
        let key = |k: &str| Text::same("config.key", format!("{section} {k}"));
        self.check(
            section,
            &key("inn"),
            &o.inn,
            valid(&o.inn, |v| inn_ok(v) && v.len() == 10),
            || {
                crate::tr!(
                    "config.inn.organisation",
                    "ИНН организации состоит из 10 цифр, последняя из них контрольная",
                    "an organisation's ИНН has 10 digits, the last its control digit"
                )
            },
        );
        self.check(
            section,
            &key("ogrn"),
            &o.ogrn,
            valid(&o.ogrn, ogrn_ok),
            || {
                crate::tr!(
                    "config.ogrn",
                    "ОГРН состоит из 13 цифр (ОГРНИП — из 15), последняя из них контрольная",
                    "an ОГРН has 13 digits (ОГРНИП 15), the last its control digit"
                )
            },
        );
        self.check(section, &key("kpp"), &o.kpp, valid(&o.kpp, kpp_ok), kpp);
        if let Some(bank) = &o.bank {
            self.bank(&format!("{}.bank]", section.trim_end_matches(']')), bank);
        }
    }

    fn bank(&mut self, section: &str, b: &BankDetails) {
        let bic = b.bic.as_deref().unwrap_or("");
        let named = |k: &str| Text::same("config.key", format!("{section} {k}"));
        self.check(section, &named("bic"), &b.bic, bic_ok(bic), bik);
        if !bic_ok(bic) {
            return;
        }
        for (key, value, kind) in [
            ("account", &b.account, AccountKind::Bank),
            ("corr_account", &b.corr_account, AccountKind::BankOfRussia),
        ] {
            let Some(v) = value.as_deref() else { continue };
            let ok = account_ok(v, bic) && AccountKind::of(v) == kind;
            self.check(section, &named(key), value, ok, || {
                crate::tr!(
                    "config.account.key",
                    "контрольный ключ не соответствует БИК {bic} (20 цифр, ключ по правилам Банка России)",
                    "its control key does not match БИК {bic} (20 digits, the Bank of Russia key)"
                )
            });
        }
    }
}

/// What a good КПП is.
fn kpp() -> Text {
    crate::tr!(
        "config.kpp",
        "КПП состоит из 9 знаков: 4 цифры кода налогового органа, 2 знака причины постановки на учёт и 3 цифры порядкового номера",
        "a КПП is 9 characters, NNNNPPNNN"
    )
}

/// What a good БИК is.
fn bik() -> Text {
    crate::tr!("config.bic", "БИК состоит из 9 цифр", "a БИК has 9 digits")
}

/// Checks the claimant's, the agent's and every court's duty details.
pub fn check(config: &Config, text: &str, diags: &mut Vec<Diagnostic>) {
    let mut c = Checker { text, diags };
    c.organisation("[claimant]", &config.claimant);
    if let Some(agent) = &config.agent {
        c.organisation("[agent]", agent);
    }
    for court in &config.courts {
        let Some(d) = &court.duty else { continue };
        let after = format!("id = \"{}\"", court.id);
        let id = &court.id;
        let what = |key: &str| {
            crate::tr!(
                "config.court.duty_key",
                "суд «{id}» duty.{key}",
                "court \"{id}\" duty.{key}"
            )
        };
        let bic = d.bic.as_deref().unwrap_or("");
        c.check(
            &after,
            &what("inn"),
            &d.inn,
            d.inn.as_deref().is_none_or(inn_ok),
            || {
                crate::tr!(
                    "config.inn",
                    "нужен ИНН с верными контрольными цифрами",
                    "an ИНН with its control digits"
                )
            },
        );
        c.check(
            &after,
            &what("kpp"),
            &d.kpp,
            d.kpp.as_deref().is_none_or(kpp_ok),
            kpp,
        );
        c.check(
            &after,
            &what("bic"),
            &d.bic,
            bic_ok(bic) || d.bic.is_none(),
            bik,
        );
        for (key, value) in [("account", &d.account), ("corr_account", &d.corr_account)] {
            let ok = value.as_deref().is_none_or(|v| account_ok(v, bic));
            c.check(&after, &what(key), value, ok, || {
                crate::tr!(
                    "config.court.account",
                    "нужен счёт из 20 цифр с ключом, соответствующим БИК «{bic}» (казначейский счёт 03…: тоже 20 цифр)",
                    "a 20-digit account whose key matches БИК «{bic}» (a treasury account 03…: 20 digits)"
                )
            });
        }
        let digits = |v: &Option<String>, lens: &[usize]| {
            v.as_deref()
                .is_none_or(|v| lens.contains(&v.len()) && v.bytes().all(|b| b.is_ascii_digit()))
        };
        c.check(&after, &what("kbk"), &d.kbk, digits(&d.kbk, &[20]), || {
            crate::tr!(
                "config.kbk",
                "КБК состоит из 20 цифр",
                "a КБК has 20 digits"
            )
        });
        c.check(
            &after,
            &what("oktmo"),
            &d.oktmo,
            digits(&d.oktmo, &[8, 11]),
            || {
                crate::tr!(
                    "config.oktmo",
                    "ОКТМО состоит из 8 или 11 цифр",
                    "an ОКТМО has 8 or 11 digits"
                )
            },
        );
    }
    names_and_powers(config, text, diags);
}

/// The organisations' names in the cases documents need, and the chain of powers of attorney to
/// the signatory (`law::authority`): its links, substitution and terms, and the powers stated.
fn names_and_powers(config: &Config, text: &str, diags: &mut Vec<Diagnostic>) {
    let mut organisations = vec![("[claimant]", &config.claimant)];
    organisations.extend(config.agent.as_ref().map(|a| ("[agent]", a)));
    for (section, o) in organisations {
        let Some(name) = o.name.as_deref() else {
            continue;
        };
        let missing: Vec<&str> = [
            (OrgCase::Genitive, "name_genitive"),
            (OrgCase::Dative, "name_dative"),
            (OrgCase::Instrumental, "name_instrumental"),
        ]
        .into_iter()
        .filter(|(case, _)| o.name_in(*case).is_none())
        .map(|(_, key)| key)
        .collect();
        if !missing.is_empty() {
            let missing = missing.join(", ");
            diags.push(
                Diagnostic::error(
                    FILE,
                    crate::tr!(
                        "config.name.undeclined",
                        "название «{name}» в {section} не начинается с организационно-правовой формы, которую vzysk умеет склонять, а {missing} не заданы",
                        "{section} name «{name}» does not start with a legal form vzysk declines, and {missing} not given"
                    ),
                    crate::tr!(
                        "config.name.undeclined.fix",
                        "укажите название в этих падежах (например, `name_genitive = \"Акционерного общества «…»\"`): они нужны документам",
                        "give the name in those cases (e.g. name_genitive = \"Акционерного общества «…»\"), as documents need them"
                    ),
                )
                .at(line_of(text, section, name)),
            );
        }
    }
    let poa_line = |section: &str| {
        text.lines()
            .enumerate()
            .skip_while(|(_, l)| !l.contains(section))
            .find(|(_, l)| l.trim_start().starts_with("power_of_attorney"))
            .map_or(1, |(n, _)| n as u64 + 1)
    };
    let chain = match chain(config.agent.as_ref(), &config.signatory) {
        Ok(chain) => chain,
        Err(why) => {
            if config.signatory.name.is_some() {
                let fix = crate::tr!(
                    "config.poa.chain.fix",
                    "по ней подписываются документы",
                    "documents are signed under it"
                );
                diags.push(Diagnostic::error(FILE, why, fix).at(poa_line("[signatory]")));
            }
            return;
        }
    };
    // Links and terms, as on the day the last was issued; the run checks them on its own date.
    if let Some(last) = chain.last()
        && let Err(why) = may_act(&chain, &[], last.date)
    {
        let fix = crate::tr!(
            "config.poa.may_act.fix",
            "исправьте доверенности",
            "correct the powers of attorney"
        );
        diags.push(Diagnostic::error(FILE, why, fix).at(poa_line("[signatory]")));
    }
    for (p, section) in chain.iter().zip(if chain.len() > 1 {
        ["[agent]", "[signatory]"].as_slice()
    } else {
        ["[signatory]"].as_slice()
    }) {
        if p.powers.is_none() {
            diags.push(
                Diagnostic::warning(
                    FILE,
                    crate::tr!(
                        "config.poa.no_powers",
                        "в {section} power_of_attorney не перечислены полномочия: документы для суда, банка и ФССП составляться не будут",
                        "{section} power_of_attorney does not list its powers: court, bank and ФССП papers will not be made"
                    ),
                    crate::tr!(
                        "config.poa.no_powers.fix",
                        "добавьте `powers = [\"sign\", \"file\", \"enforce\"]`, указав те полномочия, которые специально оговорены в доверенности (ГПК ст.54, 229-ФЗ ст.57)",
                        "add powers = [\"sign\", \"file\", \"enforce\"], those it states specially (ГПК ст.54, 229-ФЗ ст.57)"
                    ),
                )
                .at(poa_line(section)),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::config;

    #[test]
    fn a_bad_account_key_is_an_error_at_its_line() {
        let text = "[claimant]\nname = \"Акционерное общество «Тест»\"\ninn = \"5075001233\"\nogrn = \"1025075001236\"\nkpp = \"507501001\"\n\n[claimant.bank]\nbic = \"044525225\"\ncorr_account = \"30101810400000000225\"\naccount = \"40702810440000012345\"\n";
        let mut diags = Vec::new();
        let config = config::parse(text, &mut diags);
        super::check(&config, text, &mut diags);
        assert!(config.claimant.bank.is_some());
        let errors: Vec<String> = diags
            .iter()
            .filter(|d| d.is_error())
            .map(|d| d.line(crate::lang::Lang::En))
            .collect();
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert!(errors[0].starts_with("vzysk.toml:10: error: [claimant.bank] account \"40702810440000012345\" is not valid"), "{}", errors[0]);
        let good = text.replace("40702810440000012345", "40702810640000012345");
        let mut diags = Vec::new();
        let config = config::parse(&good, &mut diags);
        super::check(&config, &good, &mut diags);
        assert!(diags.iter().all(|d| !d.is_error()), "{diags:?}");
    }

    #[test]
    fn identifiers_of_the_organisations_and_the_courts() {
        let text = "[claimant]\ninn = \"5075001234\"\nogrn = \"1025075001236\"\n\n[[courts]]\nid = \"s1\"\nkind = \"magistrate\"\nduty = { inn = \"7727406020\", kpp = \"770801001\", bic = \"017003983\", account = \"03100643000000018500\", corr_account = \"40102810445370000058\", kbk = \"18210803010011050110\", oktmo = \"4676600\" }\n";
        let mut diags = Vec::new();
        let config = config::parse(text, &mut diags);
        super::check(&config, text, &mut diags);
        let errors: Vec<String> = diags
            .iter()
            .filter(|d| d.is_error())
            .map(|d| d.line(crate::lang::Lang::En))
            .collect();
        assert_eq!(errors.len(), 3, "{errors:?}");
        assert!(
            errors
                .iter()
                .any(|e| e.starts_with("vzysk.toml:2: error: [claimant] inn")),
            "{errors:?}"
        );
        assert!(
            errors
                .iter()
                .any(|e| e.starts_with("vzysk.toml:8: error: court \"s1\" duty.corr_account")),
            "{errors:?}"
        );
        assert!(
            errors.iter().any(|e| e.contains("duty.oktmo")),
            "{errors:?}"
        );
    }
}
