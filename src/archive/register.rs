//! The workspace's register of the numbers runs took (`workspace::issued`), written after a run's
//! archive is in place: whole, to a temporary file renamed over it, under the register's lock.

use chrono::NaiveDate;
use std::path::Path;

/// Adds the numbers run `run` took (`kind`, value, date) to the register, replacing what that run
/// took before: written whole to a temporary file renamed over it, under the register's lock.
pub fn reserve(path: &Path, run: &str, taken: &[(&str, String, NaiveDate)]) -> Result<(), String> {
    let name = path.display();
    let folder = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(folder).map_err(|e| format!("{name}: {e}"))?;
    let _lock =
        super::guard::Lock::at(&path.with_extension("lock"), path).map_err(|e| e.to_string())?;
    let old = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => {
            return Err(crate::tr!(
                "register.unreadable",
                "{name}: не удалось прочитать файл: {e}",
                "{name}: cannot be read: {e}"
            )
            .to_string());
        }
    };
    let mut text = String::from("run,kind,value,date\n");
    // vzysk's own file: its lines end in LF.
    for line in old.lines().skip(1) {
        if !line.starts_with(&format!("{run},")) && !line.is_empty() {
            text.push_str(line);
            text.push('\n');
        }
    }
    for (kind, value, date) in taken {
        text.push_str(&format!("{run},{kind},{value},{date}\n"));
    }
    let tmp = folder.join(format!(".issued.csv.tmp-{}", std::process::id()));
    let written = std::fs::write(&tmp, text).and_then(|()| std::fs::rename(&tmp, path));
    written.map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        super::guard::not_written(path, &e).to_string()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A run recorded twice keeps one set of entries; another run's are kept beside them.
    #[test]
    fn a_run_replaces_its_own_entries() {
        let dir = std::env::temp_dir().join(format!("vzysk-register-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let day = crate::model::parse_date("2026-12-28").unwrap();
        let taken = [
            ("shpi", "14310311000020".to_string(), day),
            ("payment", "12".to_string(), day),
        ];
        let path = dir.join(".vzysk/issued.csv");
        reserve(&path, "a", &taken).unwrap();
        reserve(
            &path,
            "b",
            &[("letter", "ЕРЦ-261228-0001".to_string(), day)],
        )
        .unwrap();
        reserve(&path, "a", &taken).unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        assert_eq!(
            text,
            "run,kind,value,date\nb,letter,ЕРЦ-261228-0001,2026-12-28\na,shpi,14310311000020,2026-12-28\na,payment,12,2026-12-28\n"
        );
        std::fs::remove_dir_all(&dir).ok();
    }
}
