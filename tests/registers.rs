//! The registers a department receives beside its billing export (issue 31): the ЕГРН extract of a
//! premises compared with `accounts.csv` and used by the court papers, the Федресурс list of
//! bankruptcies and the list of deaths matched to debtors, and bad files of each said with file
//! and line, nothing lost. On copies of the sample with the files changed here.

mod common;
use common::{
    copy_sample, errors_of, first_account, generate, pdf_text, scratch, text, unzip, vzysk,
};
use std::path::{Path, PathBuf};

/// The sample in a folder of its own, `edit` applied to each file it copies (the tables and the
/// registers: `extracts/1004.xml`, `bankruptcies.csv`, `deaths.csv`).
fn sample(name: &str, edit: impl Fn(&str, String) -> String) -> PathBuf {
    let ws = scratch(name).join("ws");
    copy_sample(&ws, |_, t| t);
    for f in ["extracts/1004.xml", "bankruptcies.csv", "deaths.csv"] {
        let t = std::fs::read_to_string(ws.join(f)).unwrap();
        std::fs::write(ws.join(f), edit(f, t)).unwrap();
    }
    ws
}

/// `vzysk check` on `ws`: its exit code and what it printed.
fn check(ws: &Path) -> (i32, String) {
    let out = vzysk(&["check", ws.to_str().unwrap(), "--as-of", "2026-11-27"]);
    let said = format!("{}{}", text(&out.stdout), text(&out.stderr));
    (out.status.code().unwrap(), said)
}

/// The lines of `said` that name `file`.
fn about<'a>(said: &'a str, file: &str) -> Vec<&'a str> {
    said.lines().filter(|l| l.starts_with(file)).collect()
}

/// A second owner in the extract (the sample's account 1004 has one, Попова Е.Н., in
/// `accounts.csv`), with a half share each.
fn with_second_owner(xml: String) -> String {
    let holder = "<right_holders>";
    let second = r#"<right_record>
      <record_info><registration_date>2023-02-01T00:00:00+03:00</registration_date></record_info>
      <right_data>
        <right_type><value>Общая долевая собственность</value></right_type>
        <right_number>50:19:0010134:504-50/019/2023-2</right_number>
        <shares><share><numerator>1</numerator><denominator>2</denominator></share></shares>
      </right_data>
      <right_holders><right_holder><individual>
        <surname>Попов</surname><name>Олег</name><patronymic>Игоревич</patronymic>
        <birth_date>1960-01-15</birth_date>
      </individual></right_holder></right_holders>
    </right_record>
    <right_record>"#;
    let xml = xml.replacen("<right_record>", second, 1);
    xml.replacen(
        &format!("</right_number>\n      </right_data>\n      {holder}"),
        &format!("</right_number>\n        <shares><share><numerator>1</numerator><denominator>2</denominator></share></shares>\n      </right_data>\n      {holder}"),
        1,
    )
}

#[test]
fn the_sample_extract_agrees_and_its_data_and_title_are_in_the_claim() {
    let ws = sample("egrn-agrees", |_, t| t);
    let (code, said) = check(&ws);
    assert_eq!(code, 0, "{said}");
    assert!(about(&said, "extracts/").is_empty(), "{said}");
    // Account 1004's claim (its order was cancelled): the basis from the extract, listed by its
    // number and date among the attachments.
    let zip = ws.parent().unwrap().join("out.zip");
    let out = generate(&ws, &["--account", "1004", "--docs", "claim"], &zip);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let files = unzip(&zip);
    let (_, pdf) = files
        .iter()
        .find(|(n, _)| n.contains("Исковое заявление") && n.ends_with(".pdf"))
        .expect("the claim");
    let page = pdf_text(pdf, ws.parent().unwrap());
    let flat = page.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        flat.contains("(запись в ЕГРН № 50:19:0010134:504-50/019/2022-1 от 06.09.2022)"),
        "{flat}"
    );
    assert!(
        flat.contains("Копия выписки из ЕГРН от 02.11.2026 № КУВИ-001/2026-284517."),
        "{flat}"
    );
}

#[test]
fn an_extract_that_disagrees_names_the_account_and_each_difference() {
    // The extract: a second owner with a half share (missing from accounts.csv), Попова's half
    // share against her whole in accounts.csv… and her right ended 31.05.2026, while the ledger
    // charges to October.
    let ws = sample("egrn-disagrees", |f, t| {
        match f {
        "extracts/1004.xml" => with_second_owner(t).replacen(
            "<registration_date>2022-09-06T00:00:00+03:00</registration_date>",
            "<registration_date>2022-09-06T00:00:00+03:00</registration_date><cancel_date>2026-05-31</cancel_date>",
            1,
        ),
        _ => t,
    }
    });
    let accounts = std::fs::read_to_string(ws.join("accounts.csv")).unwrap();
    // Попова holds 1/1 in accounts.csv: a share that differs from the extract's 1/2.
    let accounts = accounts.replacen(
        "кв. 2\",,100-031-677 67,507500041107,,+7 (916) 103-13-23,,yes,,",
        "кв. 2\",,100-031-677 67,507500041107,,+7 (916) 103-13-23,,yes,1/1,",
        1,
    );
    std::fs::write(ws.join("accounts.csv"), accounts).unwrap();
    let (_, said) = check(&ws);
    let missing = said
        .lines()
        .find(|l| l.contains("Попов Олег Игоревич"))
        .unwrap_or_else(|| panic!("{said}"));
    assert!(missing.starts_with("extracts/1004.xml"), "{missing}");
    assert!(missing.contains("account 1004"), "{missing}");
    assert!(missing.contains("1/2"), "{missing}");
    let share = said
        .lines()
        .find(|l| l.contains("share is 1/1 in accounts.csv and 1/2 in the extract"))
        .unwrap_or_else(|| panic!("{said}"));
    assert!(share.starts_with("accounts.csv:5"), "{share}");
    let ended = said
        .lines()
        .find(|l| l.contains("right ended 31.05.2026"))
        .unwrap_or_else(|| panic!("{said}"));
    assert!(ended.contains("account 1004"), "{ended}");
}

#[test]
fn an_owner_the_extract_does_not_name_gets_no_court_paper() {
    // The extract names another person as the owner of 1004's flat.
    let ws = sample("egrn-not-owner", |f, t| match f {
        "extracts/1004.xml" => t
            .replace("<surname>Попова</surname>", "<surname>Зимина</surname>")
            .replace("<snils>100-031-677 67</snils>", ""),
        _ => t,
    });
    let (_, said) = check(&ws);
    assert!(
        said.lines().any(|l| l.starts_with("accounts.csv:5")
            && l.contains("Попова Елена Николаевна is an owner in accounts.csv but not in the выписка из ЕГРН от 02.11.2026")),
        "{said}"
    );
    assert!(said.contains("Зимина Елена Николаевна"), "{said}");
    let errors = errors_of(&ws, &["--account", "1004", "--docs", "claim"]);
    assert!(
        errors.contains("does not name the debtor as an owner"),
        "{errors}"
    );
    assert!(errors.contains("ГПК ст.125 ч.1"), "{errors}");
}

#[test]
fn an_extract_of_another_object_is_an_error_and_not_used() {
    let ws = sample("egrn-other", |f, t| match f {
        "extracts/1004.xml" => t.replace("ул. Красная, д. 8, кв. 2", "ул. Красная, д. 8, кв. 20"),
        _ => t,
    });
    let (code, said) = check(&ws);
    assert_eq!(code, 1, "{said}");
    let line = about(&said, "extracts/1004.xml")
        .into_iter()
        .find(|l| l.contains("another object"))
        .unwrap_or_else(|| panic!("{said}"));
    assert!(line.contains("error"), "{line}");
    assert!(line.contains("кв. 20"), "{line}");
    // Not XML at all: said, with the file.
    let ws = sample("egrn-broken", |f, t| match f {
        "extracts/1004.xml" => t.chars().take(200).collect(),
        _ => t,
    });
    let (code, said) = check(&ws);
    assert_eq!(code, 1, "{said}");
    assert!(
        about(&said, "extracts/1004.xml")
            .iter()
            .any(|l| l.contains("unreadable")),
        "{said}"
    );
}

#[test]
fn the_lists_match_by_identifier_or_weakly_by_name_and_say_so() {
    // The sample: Николаев (1020) by СНИЛС, Алексеева (1013) by СНИЛС; without it, weakly.
    let ws = sample("lists-match", |f, t| match f {
        "deaths.csv" => t.replace("100-087-110 82", ""),
        _ => t,
    });
    let (_, said) = check(&ws);
    let b = about(&said, "bankruptcies.csv:2");
    assert!(
        b.iter()
            .any(|l| l.contains("note") && l.contains("matched by СНИЛС")),
        "{said}"
    );
    let d = about(&said, "deaths.csv:2");
    assert!(
        d.iter()
            .any(|l| l.contains("warning") && l.contains("matched by name and birth date only")),
        "{said}"
    );
    // No court order against the deceased: refused with the rule and the list's data.
    let errors = errors_of(&ws, &["--docs", "court-order"]);
    let line = |id: &str| {
        errors
            .lines()
            .find(|l| l.starts_with(id))
            .unwrap_or_else(|| panic!("{errors}"))
            .to_string()
    };
    // Николаев, the sole debtor of 1020, is pursued for the months from the petition's
    // acceptance; those before go to the register (`tests/beyond_ladder.rs`).
    let plan = first_account("plan", &ws, "2026-11-27", &["--account", "1020"]);
    let reason = plan["reason"].as_str().unwrap().to_string();
    assert!(
        reason.contains("А41-51234/2026") && reason.contains("14.05.2026"),
        "{reason}"
    );
    assert!(
        plan["docs"].to_string().contains("register-claim"),
        "{plan}"
    );
    assert!(line("1013").contains("died 14.08.2026"), "{errors}");
    assert!(line("1013").contains("112/2026"), "{errors}");
    assert!(line("1013").contains("ГК ст.1175"), "{errors}");
}

#[test]
fn bad_lists_are_said_with_file_and_line_and_nothing_is_lost() {
    let ws = sample("lists-bad", |f, t| match f {
        // A column nobody knows; a row without the petition's date; a procedure unknown.
        "bankruptcies.csv" => {
            let mut lines: Vec<String> = t.lines().map(str::to_string).collect();
            lines[0].push_str(",Примечание");
            lines[1].push_str(",проверено");
            lines[2] = lines[2].replace("03.03.2025", "");
            lines[2].push(',');
            lines.push("Сидоров Иван Иванович,01.01.1970,,,А41-1/2026,,,Мировое соглашение,01.02.2026,,,,,".into());
            lines.join("\n") + "\n"
        }
        // Died before the first charge of the account (the ledger starts in 2019).
        "deaths.csv" => t.replace("14.08.2026", "14.08.2015"),
        _ => t,
    });
    let (code, said) = check(&ws);
    assert_eq!(code, 1, "{said}");
    assert!(
        said.lines()
            .any(|l| l.starts_with("bankruptcies.csv:1") && l.contains("Примечание")),
        "the unknown column: {said}"
    );
    assert!(
        said.lines()
            .any(|l| l.starts_with("bankruptcies.csv:3") && l.contains("`accepted`")),
        "the missing date: {said}"
    );
    assert!(
        said.lines()
            .any(|l| l.starts_with("bankruptcies.csv:4") && l.contains("Мировое соглашение")),
        "the unknown procedure: {said}"
    );
    let died = said
        .lines()
        .find(|l| l.starts_with("deaths.csv:2"))
        .unwrap_or_else(|| panic!("{said}"));
    assert!(died.contains("before the first charge"), "{died}");
    assert!(died.contains("account 1013"), "{died}");
    // Every row is used or said.
    assert!(
        said.contains("bankruptcies.csv: 3 rows (1 used, 2 refused)"),
        "{said}"
    );
}
