//! The command line in Russian: `--help` of every command with the Russian words of `help_ru`,
//! Russian headings and usage, a `--help`, `--version` and `help` command of its own (clap's are
//! English), and clap's usage errors said in Russian.

use super::help_ru::{arg_text, child_path, command_text};
use clap::builder::StyledStr;
use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, ArgAction, ArgMatches, Command};
use std::process::ExitCode;

const ARGUMENTS: &str = "Аргументы";
const OPTIONS: &str = "Параметры";
const COMMANDS_HEADING: &str = "Команды";
const COMMAND_VALUE: &str = "КОМАНДА";
/// The id of the `help` subcommand's argument: the command (and subcommand) to explain.
const HELP_PATH: &str = "command";

/// `help` in Russian: the built-in `--help`, `--version` and `help` subcommand are replaced by
/// ones that speak Russian (clap's own are English), in every command.
fn own_help(cmd: Command) -> Command {
    let cmd = cmd
        .disable_help_flag(true)
        .disable_version_flag(true)
        .disable_help_subcommand(true)
        .arg(
            Arg::new("help")
                .short('h')
                .long("help")
                .action(ArgAction::Help)
                .global(true)
                .help("Показать справку"),
        )
        .arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help("Показать версию"),
        );
    with_help_command(cmd)
}

/// The `help` subcommand beside the subcommands of `cmd` and of each of them that has its own.
fn with_help_command(cmd: Command) -> Command {
    if cmd.get_subcommands().next().is_none() {
        return cmd;
    }
    cmd.mut_subcommands(with_help_command).subcommand(
        Command::new("help")
            .about("Показать справку по команде (или по её подкоманде)")
            .arg(
                Arg::new(HELP_PATH)
                    .action(ArgAction::Append)
                    .num_args(0..)
                    .value_name(COMMAND_VALUE)
                    .help("Команда, справку по которой показать"),
            ),
    )
}

/// The command line `cmd` (the derive's, in English) with its help in Russian, built.
pub fn russian(cmd: Command) -> Command {
    let mut cmd = own_help(cmd);
    cmd.build();
    translate(&mut cmd, "");
    cmd
}

/// Puts the Russian words into the built command `cmd` at `path` and its subcommands.
fn translate(cmd: &mut Command, path: &str) {
    let mut c = std::mem::take(cmd);
    let mut positional = 0;
    c = c.mut_args(|a| {
        let is_positional = a.is_positional();
        let mut a = a.help_heading(if is_positional { ARGUMENTS } else { OPTIONS });
        if is_positional {
            // Under a heading of their own clap sorts them by display order: keep their order.
            a = a.display_order(positional);
            positional += 1;
        }
        let id = a.get_id().as_str().to_string();
        let Some((help, value)) = arg_text(path, &id, a.is_global_set()) else {
            return a;
        };
        // The kinds are the registry's to list: a new kind is in the help without a word here.
        let mut help = crate::docs::kinds::with_kinds(help);
        if a.get_num_args().is_some_and(|n| n.takes_values()) {
            let values: Vec<String> = a
                .get_possible_values()
                .iter()
                .filter(|v| !v.is_hide_set())
                .map(|v| v.get_name().to_string())
                .collect();
            if !values.is_empty() && !a.is_hide_possible_values_set() {
                help.push_str(&format!(" [значения: {}]", values.join(", ")));
            }
            let defaults: Vec<String> = a
                .get_default_values()
                .iter()
                .map(|d| d.to_string_lossy().into_owned())
                .collect();
            if !defaults.is_empty() && !a.is_hide_default_value_set() {
                help.push_str(&format!(" [по умолчанию: {}]", defaults.join(" ")));
            }
        }
        a = a
            .help(help)
            .long_help(None)
            .hide_possible_values(true)
            .hide_default_value(true);
        if !value.is_empty() {
            a = a.value_name(value);
        }
        a
    });
    let usage = *c.get_styles().get_usage();
    let template = format!(
        "{{before-help}}{{about-with-newline}}\n{usage}Использование:{usage:#} {{usage}}\n\n{{all-args}}{{after-help}}"
    );
    c = c
        .help_template(template)
        .subcommand_help_heading(COMMANDS_HEADING)
        .subcommand_value_name(COMMAND_VALUE);
    if let Some((about, after)) = command_text(path) {
        c = c.about(about).long_about(None).after_long_help(None);
        c = if after.is_empty() {
            c.after_help(None)
        } else {
            c.after_help(after)
        };
    }
    for sub in c.get_subcommands_mut() {
        let sub_path = child_path(path, sub.get_name());
        translate(sub, &sub_path);
    }
    // The usage with the Russian value names, and «[ПАРАМЕТРЫ]» for clap's «[OPTIONS]».
    let line = c.render_usage().to_string();
    let line = line.strip_prefix("Usage: ").unwrap_or(&line);
    let line = line.replace("[OPTIONS]", "[ПАРАМЕТРЫ]");
    *cmd = c.override_usage(line);
}

/// The command line in Russian, parsed: `Err(exit code)` when it was a usage error (said in
/// Russian), a help or the version (printed).
pub fn parse<T: clap::FromArgMatches>(cmd: Command) -> Result<T, ExitCode> {
    let mut cmd = russian(cmd);
    let matches = match cmd.try_get_matches_from_mut(std::env::args_os()) {
        Ok(m) => m,
        Err(e) => return Err(report(&e)),
    };
    if let Some(code) = help_command(&mut cmd, &matches) {
        return Err(code);
    }
    T::from_arg_matches(&matches).map_err(|e| report(&e))
}

/// `vzysk help generate`, `vzysk templates help data`: prints that command's help.
fn help_command(cmd: &mut Command, matches: &ArgMatches) -> Option<ExitCode> {
    let (mut at, mut level) = (cmd, matches);
    loop {
        match level.subcommand() {
            Some(("help", m)) => {
                let names: Vec<String> = m
                    .get_many::<String>(HELP_PATH)
                    .map(|v| v.cloned().collect())
                    .unwrap_or_default();
                for name in names {
                    at = match at.find_subcommand_mut(&name) {
                        Some(sub) => sub,
                        None => {
                            say!("ошибка: неизвестная команда «{name}»\n\nПодробнее: vzysk --help");
                            return Some(ExitCode::from(2));
                        }
                    };
                }
                let _ = at.print_help();
                return Some(ExitCode::SUCCESS);
            }
            Some((name, m)) => {
                at = at.find_subcommand_mut(name)?;
                level = m;
            }
            None => return None,
        }
    }
}

/// Says clap's error `e` in Russian (a help or the version is printed as it is) and gives the
/// exit code clap gives: 2 for a usage error, 0 for a help.
pub fn report(e: &clap::Error) -> ExitCode {
    let code = |e: &clap::Error| ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(2));
    if matches!(
        e.kind(),
        ErrorKind::DisplayHelp
            | ErrorKind::DisplayVersion
            | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
    ) {
        let _ = e.print();
        return code(e);
    }
    say!("{}", russian_error(e));
    code(e)
}

/// The Russian text of a usage error: what is wrong, the suggestion, the usage.
pub fn russian_error(e: &clap::Error) -> String {
    let get = |k: ContextKind| match e.get(k) {
        Some(ContextValue::String(s)) => Some(s.clone()),
        Some(ContextValue::Strings(v)) => Some(v.join(", ")),
        Some(ContextValue::StyledStr(s)) => Some(s.to_string()),
        _ => None,
    };
    let quoted = |k: ContextKind| match e.get(k) {
        Some(ContextValue::Strings(v)) => v
            .iter()
            .map(|s| format!("«{s}»"))
            .collect::<Vec<_>>()
            .join(", "),
        _ => get(k).map(|s| format!("«{s}»")).unwrap_or_default(),
    };
    let arg = quoted(ContextKind::InvalidArg);
    let value = get(ContextKind::InvalidValue).unwrap_or_default();
    let mut text = match e.kind() {
        ErrorKind::UnknownArgument => format!("неизвестный параметр {arg}"),
        ErrorKind::InvalidSubcommand => format!(
            "неизвестная команда {}",
            quoted(ContextKind::InvalidSubcommand)
        ),
        ErrorKind::InvalidValue if value.is_empty() => {
            format!("для {arg} не указано значение")
        }
        ErrorKind::InvalidValue => format!("недопустимое значение «{value}» для {arg}"),
        ErrorKind::ValueValidation => {
            let mut text = format!("недопустимое значение «{value}» для {arg}");
            // The reason when it is ours (Russian); a library's English one is left out.
            if let Some(why) = std::error::Error::source(e).map(|s| s.to_string())
                && why
                    .chars()
                    .any(|c| matches!(c, 'а'..='я' | 'А'..='Я' | 'ё' | 'Ё'))
            {
                text.push_str(&format!(": {why}"));
            }
            text
        }
        ErrorKind::MissingRequiredArgument => format!("не указаны обязательные аргументы: {arg}"),
        ErrorKind::MissingSubcommand => "не указана команда".to_string(),
        ErrorKind::ArgumentConflict => match get(ContextKind::PriorArg) {
            Some(prior) if format!("«{prior}»") == arg => {
                format!("{arg} можно указать только один раз")
            }
            Some(_) => format!(
                "{arg} нельзя указывать вместе с {}",
                quoted(ContextKind::PriorArg)
            ),
            None => format!("{arg} нельзя указывать вместе с другими параметрами"),
        },
        ErrorKind::NoEquals => format!("значение {arg} указывается через знак «=»"),
        ErrorKind::TooManyValues => format!("лишнее значение «{value}» для {arg}"),
        ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => {
            format!("неверное число значений для {arg}")
        }
        ErrorKind::InvalidUtf8 => "в командной строке есть символы не в кодировке UTF-8".into(),
        _ => "неверная командная строка".into(),
    };
    for (kind, list) in [
        (ContextKind::ValidValue, "допустимые значения"),
        (ContextKind::ValidSubcommand, "команды"),
    ] {
        if let Some(values) = get(kind).filter(|v| !v.is_empty()) {
            text.push_str(&format!("\n  [{list}: {values}]"));
        }
    }
    for kind in [
        ContextKind::SuggestedArg,
        ContextKind::SuggestedSubcommand,
        ContextKind::SuggestedValue,
    ] {
        if e.get(kind).is_some() {
            text.push_str(&format!(
                "\n\n  подсказка: возможно, имелось в виду {}",
                quoted(kind)
            ));
        }
    }
    let usage = match e.get(ContextKind::Usage) {
        Some(ContextValue::StyledStr(u)) => {
            let u: String = StyledStr::to_string(u);
            let u = u.strip_prefix("Usage: ").unwrap_or(&u).to_string();
            format!("\n\nИспользование: {u}")
        }
        _ => String::new(),
    };
    format!("ошибка: {text}{usage}\n\nПодробнее: --help")
}

#[cfg(test)]
mod tests {
    use super::super::help_ru::tests::commands;
    use super::*;
    use clap::CommandFactory;

    /// A word of three Latin letters or more that is no identifier (a flag, a kind, a file name,
    /// a command's name, a value a user types) in Russian help.
    fn english_words(text: &str, names: &[String]) -> Vec<String> {
        // What stands between backticks is a command line, quoted as it is typed.
        let unquoted: String = text.split('`').step_by(2).collect::<Vec<_>>().join(" ");
        const KNOWN: &[&str] = &[
            "vzysk",
            "table",
            "csv",
            "json",
            "pdf",
            "auto",
            "all",
            "ibm866",
            "bash",
            "elvish",
            "fish",
            "powershell",
            "zsh",
            "CSV",
            "JSON",
            "PDF",
            "ZIP",
            "XLSX",
            "UTF",
        ];
        unquoted
            .split_whitespace()
            .filter(|w| !w.contains(['-', '_', '.', '/', '|', '=', '{', '@']))
            .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()).to_string())
            .filter(|w| w.chars().filter(|c| c.is_ascii_alphabetic()).count() >= 3)
            .filter(|w| !KNOWN.contains(&w.as_str()) && !names.contains(w))
            .collect()
    }

    #[test]
    fn clap_s_own_words_would_be_found() {
        let names = vec!["check".to_string()];
        let found = english_words(
            "Usage: vzysk check [OPTIONS] <WORKSPACE>\n  -h, --help  Print help [default: auto] [possible values: a, b]",
            &names,
        );
        assert_eq!(
            found,
            [
                "Usage",
                "OPTIONS",
                "WORKSPACE",
                "Print",
                "help",
                "default",
                "possible",
                "values"
            ]
        );
    }

    #[test]
    fn the_russian_help_has_no_english_words() {
        let english = super::super::Cli::command();
        let mut all = Vec::new();
        commands(&english, "", &mut all);
        let mut names: Vec<String> = all.iter().map(|(_, c)| c.get_name().to_string()).collect();
        names.extend(["help".to_string(), "notice".into(), "sms".into()]);
        names.extend(
            crate::docs::kinds::DocKind::ALL
                .iter()
                .map(|k| k.name().to_string()),
        );
        let mut russian = russian(english);
        let mut found = Vec::new();
        let mut paths: Vec<Vec<String>> = all
            .iter()
            .map(|(p, _)| p.split_whitespace().map(str::to_string).collect())
            .collect();
        paths.push(vec!["help".into()]);
        for path in paths {
            let mut at = &mut russian;
            for name in &path {
                at = at.find_subcommand_mut(name).expect("a command of the tree");
            }
            let help = at.render_long_help().to_string();
            let words = english_words(&help, &names);
            if !words.is_empty() {
                found.push(format!("«{}»: {words:?}\n{help}", path.join(" ")));
            }
        }
        assert!(found.is_empty(), "{}", found.join("\n\n"));
    }

    #[test]
    fn a_usage_error_is_said_in_russian_with_the_usage() {
        let mut cmd = russian(super::super::Cli::command());
        let e = cmd
            .try_get_matches_from_mut(["vzysk", "check", "--bogus", "x"])
            .unwrap_err();
        let text = russian_error(&e);
        assert!(
            text.starts_with("ошибка: неизвестный параметр «--bogus»"),
            "{text}"
        );
        assert!(
            text.contains("Использование: vzysk check [ПАРАМЕТРЫ] <ПАПКА>"),
            "{text}"
        );
        assert_eq!(e.exit_code(), 2);
        let e = cmd
            .try_get_matches_from_mut(["vzysk", "calc", "ws", "--format", "xml"])
            .unwrap_err();
        let text = russian_error(&e);
        assert!(
            text.contains("недопустимое значение «xml» для «--format <ФОРМАТ>»"),
            "{text}"
        );
        assert!(text.contains("table, csv, json"), "{text}");
        let e = cmd
            .try_get_matches_from_mut(["vzysk", "record", "ws"])
            .unwrap_err();
        assert!(
            russian_error(&e).contains("<ИСТОЧНИК>"),
            "{}",
            russian_error(&e)
        );
        let e = cmd
            .try_get_matches_from_mut(["vzysk", "calc", "ws", "--as-of", "вчера"])
            .unwrap_err();
        let text = russian_error(&e);
        assert!(
            text.contains("«вчера»") && text.contains("ГГГГ-ММ-ДД"),
            "{text}"
        );
    }
}
