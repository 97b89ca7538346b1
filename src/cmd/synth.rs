//! `vzysk synth DIR --accounts N` — a large fictional workspace, for benchmarks and load tests.
//!
//! Usage: `vzysk synth /tmp/big --accounts 15000`
//!
//! N accounts in the sample's Ruza district, each with 24–36 months of heating and hot-water charges
//! and a payment history that leaves a debt (some paid on time, some late, some partly), realistic
//! Russian names (the patronymic agrees with the gender) and addresses served by the sample's courts.
//! Deterministic: the same N gives the same files. Every person is invented.

use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

/// Write a fictional workspace of N accounts.
#[derive(clap::Args)]
#[command(after_help = "Example: vzysk synth /tmp/big --accounts 1000")]
pub struct Args {
    /// The folder to create (it must not exist yet).
    pub dir: PathBuf,
    /// How many accounts.
    #[arg(long, default_value_t = 1000)]
    pub accounts: usize,
}

const SURNAMES: &[&str] = &[
    "Иванов",
    "Смирнов",
    "Кузнецов",
    "Попов",
    "Васильев",
    "Петров",
    "Соколов",
    "Михайлов",
    "Новиков",
    "Фёдоров",
    "Морозов",
    "Волков",
    "Алексеев",
    "Лебедев",
    "Семёнов",
    "Егоров",
    "Павлов",
    "Козлов",
    "Степанов",
    "Николаев",
    "Орлов",
    "Андреев",
    "Макаров",
    "Никитин",
    "Захаров",
    "Зайцев",
    "Соловьёв",
    "Борисов",
    "Яковлев",
    "Григорьев",
];
const MALE: &[&str] = &[
    "Александр",
    "Сергей",
    "Дмитрий",
    "Андрей",
    "Алексей",
    "Максим",
    "Иван",
    "Михаил",
    "Николай",
    "Павел",
];
const FEMALE: &[&str] = &[
    "Елена",
    "Ольга",
    "Наталья",
    "Татьяна",
    "Ирина",
    "Анна",
    "Светлана",
    "Марина",
    "Юлия",
    "Галина",
];
const FATHERS: &[&str] = &[
    "Александров",
    "Сергеев",
    "Дмитриев",
    "Андреев",
    "Алексеев",
    "Иванов",
    "Михайлов",
    "Николаев",
    "Павлов",
    "Петров",
];
const STREETS: &[(&str, &str)] = &[
    (
        "143103, Московская обл., Рузский г.о., г. Руза",
        "ул. Солнцева",
    ),
    (
        "143103, Московская обл., Рузский г.о., г. Руза",
        "ул. Социалистическая",
    ),
    (
        "143103, Московская обл., Рузский г.о., г. Руза",
        "ул. Федеративная",
    ),
    (
        "143103, Московская обл., Рузский г.о., г. Руза",
        "ул. Красная",
    ),
    (
        "143130, Московская обл., Рузский г.о., рп. Тучково",
        "ул. Партизан",
    ),
    (
        "143130, Московская обл., Рузский г.о., рп. Тучково",
        "ул. Лесная",
    ),
    (
        "143160, Московская обл., Рузский г.о., рп. Дорохово",
        "ул. Школьная",
    ),
];

/// A small deterministic generator (SplitMix64): no dependency, the same stream everywhere.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
    fn pick<'a>(&mut self, list: &[&'a str]) -> &'a str {
        list[self.below(list.len() as u64) as usize]
    }
}

/// Kopecks as `1234.56`.
fn money(kopecks: u64) -> String {
    format!("{}.{:02}", kopecks / 100, kopecks % 100)
}

pub fn run(args: Args) -> Result<ExitCode, String> {
    let shown = args.dir.display();
    if args.dir.exists() {
        return Err(crate::tr!(
            "synth.exists",
            "{shown} уже существует: укажите новую папку",
            "{shown} exists already: give a new folder"
        )
        .to_string());
    }
    std::fs::create_dir_all(&args.dir).map_err(|e| {
        crate::tr!(
            "synth.create_failed",
            "не удалось создать {shown}: {e}",
            "cannot create {shown}: {e}"
        )
        .to_string()
    })?;
    let mut rng = Rng(0x5EED_0000 + args.accounts as u64);
    let mut accounts = String::from(
        "account,full_name,birth_date,birth_place,residence_address,premises_address,snils,phone,sms_consent,persons,area,building,service,norm_monthly_charge,right,right_record,right_date\n",
    );
    let mut ledger = String::from("account,kind,period,date,amount,service,due_date,reference\n");
    for i in 0..args.accounts {
        let id = format!("{}", 500_000 + i);
        let female = rng.below(2) == 0;
        let surname = rng.pick(SURNAMES);
        // Every surname and father's name of the lists takes -а / -на / -ич regularly.
        let (surname, given, patronymic) = if female {
            (
                format!("{surname}а"),
                rng.pick(FEMALE),
                format!("{}на", rng.pick(FATHERS)),
            )
        } else {
            (
                surname.to_string(),
                rng.pick(MALE),
                format!("{}ич", rng.pick(FATHERS)),
            )
        };
        let (town, street) = STREETS[rng.below(STREETS.len() as u64) as usize];
        let address = format!(
            "{town}, {street}, д. {}, кв. {}",
            1 + rng.below(60),
            1 + rng.below(120)
        );
        let persons = 1 + rng.below(4);
        let area = 30 + rng.below(60);
        let snils = snils(&mut rng);
        let birth = format!(
            "{}-{:02}-{:02}",
            1950 + rng.below(50),
            1 + rng.below(12),
            1 + rng.below(28)
        );
        let hot_water = persons * 63_070; // 3.5 m³ × 180.20 руб., in kopecks
        let _ = writeln!(
            accounts,
            "{id},{surname} {given} {patronymic},{birth},г. Руза Московской обл.,\"{address}\",\"{address}\",{snils},+7 (916) {:03}-{:02}-{:02},{},{persons},{area}.0,mkd,отопление; горячее водоснабжение,{},ownership,50:19:0010{:03}:{}-50/019/2015-1,2015-06-01",
            rng.below(1000),
            rng.below(100),
            rng.below(100),
            if rng.below(3) == 0 { "no" } else { "yes" },
            money(hot_water),
            // The basis of liability (`law::basis`): a fictional ЕГРН record, without a draw from
            // the generator, so the rest of the workspace is as before.
            i % 1000,
            100 + i
        );
        months(&mut rng, &mut ledger, &id, area, hot_water);
    }
    let write = |name: &str, text: &str| {
        std::fs::write(args.dir.join(name), text).map_err(|e| {
            crate::tr!(
                "synth.write_failed",
                "не удалось записать {name}: {e}",
                "cannot write {name}: {e}"
            )
            .to_string()
        })
    };
    // The sample's settings, without its short list of ШПИ: the post office gives thousands.
    let config: String = include_str!("../../samples/ruza/vzysk.toml")
        .lines()
        .filter(|l| !l.starts_with("shpi_file"))
        .map(|l| format!("{l}\n"))
        .collect();
    write("vzysk.toml", &config)?;
    write("accounts.csv", &accounts)?;
    write("ledger.csv", &ledger)?;
    let n = args.accounts;
    say!(
        "vzysk: {}",
        crate::tr!(
            "synth.done",
            "вымышленных лицевых счетов: {n}, в папке {shown}",
            "{n} fictional accounts in {shown}"
        )
    );
    Ok(ExitCode::SUCCESS)
}

/// A СНИЛС with a valid control number.
fn snils(rng: &mut Rng) -> String {
    let n = 100_000_000 + rng.below(800_000_000);
    let digits: Vec<u64> = n.to_string().bytes().map(|b| u64::from(b - b'0')).collect();
    let sum: u64 = digits
        .iter()
        .enumerate()
        .map(|(k, d)| d * (9 - k as u64))
        .sum();
    let check = match sum % 101 {
        100 => 0,
        s => s,
    };
    let s = n.to_string();
    format!("{}-{}-{} {:02}", &s[..3], &s[3..6], &s[6..], check)
}

/// 24–36 months of charges ending with October 2026 for account `id`; payments stop at some
/// month, some partial.
fn months(rng: &mut Rng, ledger: &mut String, id: &str, area: u64, hot_water: u64) {
    let months = 24 + rng.below(13) as i32;
    let stop = rng.below(months as u64 + 1) as i32;
    let partial = rng.below(4) == 0;
    for k in 0..months {
        let idx = 2026 * 12 + 9 - (months - 1 - k);
        let (y, m) = (idx / 12, idx % 12 + 1);
        let heating = if (5..=9).contains(&m) {
            0
        } else {
            area * 3_195
        };
        if heating > 0 {
            let _ = writeln!(
                ledger,
                "{id},charge,{y:04}-{m:02},,{},отопление,,",
                money(heating)
            );
        }
        let _ = writeln!(
            ledger,
            "{id},charge,{y:04}-{m:02},,{},горячее водоснабжение,,",
            money(hot_water)
        );
        if k < stop {
            let (py, pm) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
            let day = 5 + rng.below(20);
            let total = heating + hot_water;
            let paid = if partial { total * 6 / 10 } else { total };
            let named = if rng.below(2) == 0 {
                format!("{y:04}-{m:02}")
            } else {
                String::new()
            };
            let _ = writeln!(
                ledger,
                "{id},payment,{named},{py:04}-{pm:02}-{day:02},{},,,",
                money(paid)
            );
        }
    }
}
