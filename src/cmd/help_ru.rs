//! The Russian words of the command line's help. The English help is the derive's doc comments
//! (`Cli`, each command's `Args`); this file holds the Russian beside them, keyed by the command's
//! path (`""` for `vzysk`, `"templates data"`) and the argument's id, and `clap_ru` puts them in
//! place when the run is in Russian. A command or an argument without Russian words fails the
//! test below.

const WORKSPACE: &str = "Папка дела.";
const ENCODING: &str = "Кодировка CSV-файлов (utf-8, windows-1251, koi8-r, ibm866); если не указана, определяется сама и называется, когда это не UTF-8.";
const HEADER_ROW: &str = "Номер строки (в книге XLSX — ряда) с названиями колонок, когда над ней стоят строки заголовка; если не указан, находится сам.";
const STRICT: &str = "Любая ошибка во входных данных останавливает запуск, и ничего не записывается; без этого флага лицевые счета с ошибками не обрабатываются (они перечисляются с причинами), а остальные обрабатываются.";
const AS_OF: &str = "Дата расчёта; она же дата документов и дата подачи для расчёта госпошлины; по умолчанию — сегодня.";
const ACCOUNTS: &str = "Только эти лицевые счета (можно указать несколько раз).";

/// Each command: its path, what it does, and what follows its help (an example; "" for none).
pub const COMMANDS: &[(&str, &str, &str)] = &[
    (
        "",
        "Взыскание долгов за коммунальные услуги: из учёта задолженности — документы для взыскания; точные пени, госпошлина и пакеты для суда.",
        "Начните с `vzysk check samples/ruza`, затем выполните `vzysk calc samples/ruza --as-of 2026-11-27`.",
    ),
    (
        "init",
        "Создать заготовку папки дела: vzysk.toml с заполнителями и пустые таблицы с заголовками.",
        "Пример: vzysk init дело-2026 && vzysk check дело-2026",
    ),
    (
        "check",
        "Проверить папку дела: vzysk.toml, accounts.csv, ledger.csv, events.csv.",
        "Пример: vzysk check samples/ruza",
    ),
    (
        "calc",
        "Рассчитать задолженность, пени и госпошлину.",
        "Пример: vzysk calc samples/ruza --as-of 2026-11-27 --format json --account 1001",
    ),
    (
        "plan",
        "Показать следующий шаг по каждому лицевому счёту.",
        "Пример: vzysk plan samples/ruza --as-of 2026-11-27",
    ),
    (
        "generate",
        "Подготовить документы в ZIP-архив.",
        "Пример: vzysk generate samples/ruza --as-of 2026-11-27 --docs court-order -o ruza.zip",
    ),
    (
        "record",
        "Добавить события в журнал папки дела из архива, файла отслеживания почтовых отправлений или таблицы результатов судебных дел.",
        "Примеры: vzysk record samples/ruza out.zip --date 2026-11-30\n         vzysk record samples/ruza tracking.csv",
    ),
    (
        "report",
        "Отчёт о портфеле: стадии, суды, возраст долга, результат каждого шага, госпошлина.",
        "Пример: vzysk report samples/ruza --as-of 2026-11-27 -o report.pdf",
    ),
    (
        "serve",
        "Открыть рабочее место в браузере над папкой дела.",
        "Пример: vzysk serve samples/ruza   (затем откройте http://127.0.0.1:8080/)",
    ),
    (
        "synth",
        "Создать вымышленную папку дела на N лицевых счетов.",
        "Пример: vzysk synth /tmp/big --accounts 1000",
    ),
    (
        "templates",
        "Шаблоны документов: список, выгрузка, проверка и данные, которые получает каждый.",
        "Примеры:\n  vzysk templates list\n  vzysk templates export my-templates\n  vzysk templates check samples/ruza\n  vzysk templates data court-order samples/ruza --account 1001 --as-of 2026-11-27",
    ),
    (
        "templates list",
        "Встроенные шаблоны: файл, вид документа, который по нему делается, и какие данные он получает.",
        "",
    ),
    (
        "templates export",
        "Выгрузить встроенные шаблоны в папку ПАПКА, чтобы править их и класть в templates/ папки дела.",
        "",
    ),
    (
        "templates check",
        "Проверить templates/ папки дела: собрать, разобрать и скомпилировать каждый шаблон документа.",
        "",
    ),
    (
        "templates data",
        "Напечатать JSON, который получают шаблоны документа вида ВИД по одному лицевому счёту (`d` в шаблоне), вместе с подставленными значениями организации ({{ claimant.name }}, …).",
        "",
    ),
    (
        "completions",
        "Напечатать скрипт автодополнения для командной оболочки: `vzysk completions bash > /etc/bash_completion.d/vzysk`.",
        "Пример: `source <(vzysk completions bash)`",
    ),
    (
        "render-worker",
        "Процесс отрисовки для generate (служебная команда).",
        "",
    ),
];

/// Each argument: its command's path, its id, its help, and its value's name ("" keeps the English
/// one). A global argument (`--lang`) is found under `""` in every command.
pub const ARGS: &[(&str, &str, &str, &str)] = &[
    (
        "",
        "lang",
        "Язык всех сообщений: ru (по умолчанию) или en; если не указан — из переменной VZYSK_LANG.",
        "",
    ),
    (
        "init",
        "dir",
        "Папка, которую создать (или пустая папка).",
        "ПАПКА",
    ),
    ("check", "workspace", WORKSPACE, "ПАПКА"),
    ("check", "encoding", ENCODING, "КОДИРОВКА"),
    ("check", "header_row", HEADER_ROW, ""),
    (
        "check",
        "as_of",
        "О датах в ledger.csv позже этого дня будет сказано; по умолчанию — сегодня.",
        "ДАТА",
    ),
    ("calc", "workspace", WORKSPACE, "ПАПКА"),
    ("calc", "encoding", ENCODING, "КОДИРОВКА"),
    ("calc", "header_row", HEADER_ROW, ""),
    ("calc", "strict", STRICT, ""),
    ("calc", "as_of", AS_OF, "ДАТА"),
    ("calc", "accounts", ACCOUNTS, "ЛС"),
    ("calc", "format", "Формат вывода.", "ФОРМАТ"),
    ("plan", "workspace", WORKSPACE, "ПАПКА"),
    ("plan", "encoding", ENCODING, "КОДИРОВКА"),
    ("plan", "header_row", HEADER_ROW, ""),
    ("plan", "strict", STRICT, ""),
    ("plan", "as_of", AS_OF, "ДАТА"),
    ("plan", "accounts", ACCOUNTS, "ЛС"),
    ("plan", "format", "Формат вывода.", "ФОРМАТ"),
    ("generate", "workspace", WORKSPACE, "ПАПКА"),
    ("generate", "encoding", ENCODING, "КОДИРОВКА"),
    ("generate", "header_row", HEADER_ROW, ""),
    ("generate", "strict", STRICT, ""),
    ("generate", "as_of", AS_OF, "ДАТА"),
    ("generate", "accounts", ACCOUNTS, "ЛС"),
    (
        "generate",
        "docs",
        "Виды документов через запятую: {kinds}; или auto (что нужно для следующего шага по каждому счёту), или all (все виды).",
        "ВИДЫ",
    ),
    ("generate", "out", "Архив, который записать.", "ФАЙЛ"),
    (
        "generate",
        "out_dir",
        "Записать те же файлы в эту папку вместо ZIP-архива (папки ещё не должно быть).",
        "ПАПКА",
    ),
    (
        "generate",
        "quiet",
        "Без индикатора хода работы (он и так рисуется только в терминале).",
        "",
    ),
    (
        "generate",
        "jobs_dir",
        "Для замеров скорости: записать собранные шаблоны и данные каждого документа в эту папку вместо отрисовки.",
        "ПАПКА",
    ),
    (
        "generate",
        "jobs",
        "Сколько процессов отрисовки запускать одновременно (по умолчанию — по одному на ядро).",
        "",
    ),
    (
        "generate",
        "in_process",
        "Отрисовывать в этом процессе (потоками), а не в отдельных процессах: медленнее, для отладки.",
        "",
    ),
    (
        "generate",
        "trial",
        "Пробный запуск, не для отправки: номера (ШПИ, исходящие, платёжные поручения) берутся только по журналу и не резервируются в реестре папки дела (`.vzysk/issued.csv`).",
        "",
    ),
    (
        "generate",
        "progress_lines",
        "Для программы, которая запускает generate (`vzysk serve`): пока подбираются документы, каждые полсекунды строка `vzysk: progress N/M` в поток ошибок.",
        "",
    ),
    ("record", "workspace", WORKSPACE, "ПАПКА"),
    (
        "record",
        "source",
        "Архив (ZIP или папка), файл отслеживания почтовых отправлений или таблица результатов судебных дел.",
        "ИСТОЧНИК",
    ),
    (
        "record",
        "date",
        "День отправки документов архива (иначе его события датируются днём запуска).",
        "ДАТА",
    ),
    (
        "record",
        "accounts",
        "Только события этих лицевых счетов (можно указать несколько раз).",
        "ЛС",
    ),
    (
        "record",
        "dry_run",
        "Показать, что будет добавлено, ничего не записывая.",
        "",
    ),
    (
        "record",
        "all_messages",
        "Печатать все отказы и пропущенные строки (по умолчанию — первые 1000 и число остальных: файл отслеживания на 250 000 чужих строк занял бы 160 МБ).",
        "",
    ),
    ("report", "workspace", WORKSPACE, "ПАПКА"),
    ("report", "encoding", ENCODING, "КОДИРОВКА"),
    ("report", "header_row", HEADER_ROW, ""),
    ("report", "strict", STRICT, ""),
    ("report", "as_of", AS_OF, "ДАТА"),
    ("report", "accounts", ACCOUNTS, "ЛС"),
    ("report", "format", "Формат отчёта.", "ФОРМАТ"),
    (
        "report",
        "out",
        "Файл, который записать (обязателен для PDF; CSV и JSON без него выводятся в стандартный вывод).",
        "ФАЙЛ",
    ),
    ("serve", "workspace", WORKSPACE, "ПАПКА"),
    (
        "serve",
        "listen",
        "Адрес, на котором принимать подключения; для любого адреса, кроме локального, нужен --token.",
        "АДРЕС",
    ),
    (
        "serve",
        "token",
        "Ключ доступа (`auto` — создать его и напечатать). Обязателен для нелокального адреса.",
        "КЛЮЧ",
    ),
    (
        "serve",
        "as_of",
        "Дата, на которую считаются суммы (она указана на каждой странице); без неё сервер считает на сегодня и сам переходит на новый день.",
        "ДАТА",
    ),
    (
        "synth",
        "dir",
        "Папка, которую создать (её ещё не должно быть).",
        "ПАПКА",
    ),
    ("synth", "accounts", "Сколько лицевых счетов.", "N"),
    ("templates export", "dir", "Папка для шаблонов.", "ПАПКА"),
    (
        "templates export",
        "force",
        "Перезаписать файлы, которые там уже есть.",
        "",
    ),
    ("templates check", "workspace", WORKSPACE, "ПАПКА"),
    (
        "templates check",
        "as_of",
        "Дата, на которую делаются пробные документы; по умолчанию — сегодня.",
        "ДАТА",
    ),
    ("templates data", "kind", "Вид документа: {kinds}.", "ВИД"),
    ("templates data", "workspace", WORKSPACE, "ПАПКА"),
    ("templates data", "account", "Лицевой счёт.", "ЛС"),
    (
        "templates data",
        "as_of",
        "Дата расчёта и документов; по умолчанию — сегодня.",
        "ДАТА",
    ),
    ("completions", "shell", "Командная оболочка.", "ОБОЛОЧКА"),
    (
        "render-worker",
        "as_of",
        "Дата, которой датируются документы.",
        "ДАТА",
    ),
];

pub(super) fn command_text(path: &str) -> Option<(&'static str, &'static str)> {
    COMMANDS
        .iter()
        .find(|(p, _, _)| *p == path)
        .map(|(_, about, after)| (*about, *after))
}

/// The Russian help of argument `id` of the command at `path` (a global one's from the top).
pub(super) fn arg_text(path: &str, id: &str, global: bool) -> Option<(&'static str, &'static str)> {
    let find = |path: &str| {
        ARGS.iter()
            .find(|(p, i, _, _)| *p == path && *i == id)
            .map(|(_, _, help, value)| (*help, *value))
    };
    find(path).or_else(|| global.then(|| find("")).flatten())
}

pub(super) fn child_path(path: &str, name: &str) -> String {
    if path.is_empty() {
        name.to_string()
    } else {
        format!("{path} {name}")
    }
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use clap::{Command, CommandFactory};

    /// Every command's path, with the command (the derive's, in English).
    pub(in crate::cmd) fn commands(cmd: &Command, path: &str, out: &mut Vec<(String, Command)>) {
        out.push((path.to_string(), cmd.clone()));
        for sub in cmd.get_subcommands() {
            commands(sub, &child_path(path, sub.get_name()), out);
        }
    }

    #[test]
    fn every_command_and_visible_argument_has_russian_words() {
        let mut all = Vec::new();
        commands(&super::super::Cli::command(), "", &mut all);
        let mut missing = Vec::new();
        for (path, cmd) in &all {
            if command_text(path).is_none() {
                missing.push(format!("command «{path}»"));
            }
            for a in cmd.get_arguments().filter(|a| !a.is_hide_set()) {
                let id = a.get_id().as_str();
                if arg_text(path, id, a.is_global_set()).is_none() {
                    missing.push(format!("argument {id} of «{path}»"));
                }
            }
        }
        assert!(missing.is_empty(), "no Russian help for: {missing:?}");
        // Nor words for what is not there (a renamed flag keeps no stale text).
        for (path, _, _) in COMMANDS {
            assert!(all.iter().any(|(p, _)| p == path), "no command «{path}»");
        }
        for (path, id, _, _) in ARGS {
            let cmd = all.iter().find(|(p, _)| p == path).map(|(_, c)| c);
            assert!(
                cmd.is_some_and(|c| c.get_arguments().any(|a| a.get_id() == id)),
                "no argument {id} in «{path}»"
            );
        }
    }
}
