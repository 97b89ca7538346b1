//! What keeps a destination safe: it never replaces an input or anything that is not a regular file
//! (a folder for `--out-dir`), its name fits the file system, one run at a time writes to it (a lock
//! file naming the owner's process), a temporary is removed only when its owner is dead, and a run
//! stopped by SIGTERM, SIGINT or SIGHUP removes its temporaries before it exits.

use crate::lang::Text;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicI32, Ordering};

/// A file name's limit on the usual file systems (ext4, XFS, NTFS, APFS), in bytes.
const NAME_MAX: usize = 255;

/// The folder a destination is written in.
pub fn parent_of(out: &Path) -> &Path {
    out.parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

/// `out` with its folder resolved (the folder must exist), for comparing with the inputs.
fn resolved(out: &Path) -> Option<PathBuf> {
    let parent = parent_of(out).canonicalize().ok()?;
    Some(parent.join(out.file_name()?))
}

/// Refuses a destination that would replace or enter one of `inputs` (files or folders the run
/// reads), one that exists and is not a regular file (`folder`: a destination that exists at all),
/// and a name too long for the temporary beside it.
pub fn check(out: &Path, folder: bool, inputs: &[PathBuf]) -> Result<(), Text> {
    let shown = out.display();
    let name = out
        .file_name()
        .ok_or_else(|| {
            crate::tr!(
                "output.no_file_name",
                "{shown}: укажите имя файла для результата",
                "{shown}: give a file name for the output"
            )
        })?
        .to_string_lossy()
        .into_owned();
    let longest = format!(".{name}.vzysk-tmp-{}", u32::MAX);
    if longest.len() > NAME_MAX {
        let (bytes, most) = (name.len(), NAME_MAX - (longest.len() - name.len()));
        return Err(crate::tr!(
            "output.name_too_long",
            "{shown}: имя занимает {bytes} байт, а с суффиксом временного файла имя может занимать не больше {most}: укажите имя короче",
            "{shown}: the name is {bytes} bytes; a file name may have {most} at most with the temporary's suffix: give a shorter one"
        ));
    }
    if let Ok(meta) = std::fs::metadata(out) {
        if folder {
            return Err(exists_already(out));
        }
        if !meta.is_file() {
            return Err(crate::tr!(
                "output.not_a_file",
                "{shown} уже существует и не является обычным файлом (это папка, устройство или канал): такое никогда не заменяется; укажите другое имя",
                "{shown} exists and is not a regular file (a folder, a device or a pipe): it is never replaced; give another name"
            ));
        }
    }
    let Some(target) = resolved(out) else {
        return Ok(()); // the folder is missing: creating the archive says so
    };
    for input in inputs {
        let Ok(input) = input.canonicalize() else {
            continue;
        };
        if target == input || target.starts_with(&input) {
            let input = input.display();
            return Err(crate::tr!(
                "output.is_input",
                "{shown} — входные данные этого запуска ({input}): результат никогда не заменяет входные данные; укажите другое имя",
                "{shown} is an input of this run ({input}): an output never replaces an input; give another name"
            ));
        }
    }
    Ok(())
}

/// A folder to be made (`--out-dir`) that is there already.
pub fn exists_already(out: &Path) -> Text {
    let shown = out.display();
    crate::tr!(
        "output.folder_exists",
        "{shown} уже существует: укажите новую папку или сначала удалите эту",
        "{shown} exists already: give a new folder, or remove it first"
    )
}

/// «cannot create X: why», for a folder or file this module or the archive makes.
pub fn cannot_create(path: &Path, e: &dyn std::fmt::Display) -> Text {
    let shown = path.display();
    crate::tr!(
        "output.create_failed",
        "не удалось создать {shown}: {e}",
        "cannot create {shown}: {e}"
    )
}

/// Whether the process `pid` is alive (on systems that cannot tell, it is taken as alive, so that
/// nothing of it is removed).
pub fn alive(pid: u32) -> bool {
    #[cfg(unix)]
    {
        let Ok(pid) = libc::pid_t::try_from(pid) else {
            return false;
        };
        // SAFETY: signal 0 checks that the process exists; nothing is sent.
        let rc = unsafe { libc::kill(pid, 0) };
        rc == 0 || std::io::Error::last_os_error().raw_os_error() != Some(libc::ESRCH)
    }
    #[cfg(not(unix))]
    {
        let _ = pid;
        true
    }
}

/// The lock of a destination: an advisory lock (`flock`) on a file named for the destination's full
/// path, in this user's own folder of locks under the system's temporary folder (`vzysk-locks-UID`,
/// 0700; one that another user made is refused, never used). The system releases the lock when its
/// owner exits, however it exits, so a killed run leaves nothing at the destination and blocks no
/// later run; the file goes when its owner lets the lock go, so locks never pile up.
pub struct Lock {
    _file: std::fs::File,
    path: PathBuf,
}

impl Drop for Lock {
    /// Removed while still held (the descriptor closes after): a run that opened the old file
    /// meanwhile sees that its file is no longer the lock's, and opens the new one.
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
    }
}

impl Lock {
    /// Takes the lock of `out`, or says that another run holds it.
    pub fn take(out: &Path) -> Result<Lock, Text> {
        Lock::at(&lock_of(out)?, out)
    }

    /// Takes the lock kept in the file `lock` (made if missing, never through a link) for writing
    /// `out`: a lock beside what it guards (the workspace's journal) holds whatever `$TMPDIR`
    /// each run has.
    pub fn at(lock: &Path, out: &Path) -> Result<Lock, Text> {
        if let Some(folder) = lock.parent() {
            std::fs::create_dir_all(folder).map_err(|e| cannot_create(folder, &e))?;
        }
        // The holder before may remove the file between our opening and our lock: then ours is a
        // lock on a file that is no longer there, and the file is opened again.
        for _ in 0..100 {
            let file = open_lock(lock)?;
            #[cfg(unix)]
            {
                use std::os::unix::fs::MetadataExt;
                use std::os::unix::io::AsRawFd;
                // SAFETY: flock on a descriptor we own; LOCK_NB never blocks.
                let rc = unsafe { libc::flock(file.as_raw_fd(), libc::LOCK_EX | libc::LOCK_NB) };
                if rc != 0 {
                    let shown = out.display();
                    return Err(crate::tr!(
                        "output.locked",
                        "в {shown} сейчас пишет другой запуск vzysk: дождитесь его окончания или остановите его",
                        "another vzysk run is writing {shown}: wait for it, or stop it"
                    ));
                }
                let same = match (file.metadata(), std::fs::symlink_metadata(lock)) {
                    (Ok(held), Ok(named)) => held.ino() == named.ino() && held.dev() == named.dev(),
                    _ => false,
                };
                if !same {
                    continue;
                }
            }
            return Ok(Lock {
                _file: file,
                path: lock.to_path_buf(),
            });
        }
        let shown = lock.display();
        Err(crate::tr!(
            "output.lock_replaced",
            "файл блокировки {shown} всё время подменяется: с ним работает другая программа",
            "the lock {shown} keeps being replaced: another program is at it"
        ))
    }
}

/// The file of the lock of `out`, named for its full path.
fn lock_of(out: &Path) -> Result<PathBuf, Text> {
    use sha2::{Digest, Sha256};
    let full = resolved(out).unwrap_or_else(|| out.to_path_buf());
    let digest = Sha256::digest(full.to_string_lossy().as_bytes());
    let key: String = digest.iter().take(12).map(|b| format!("{b:02x}")).collect();
    Ok(locks_folder()?.join(format!("vzysk-{key}.lock")))
}

/// The lock's file, opened (made if missing) without following a link, readable by its user only.
fn open_lock(lock: &Path) -> Result<std::fs::File, Text> {
    let mut open = std::fs::OpenOptions::new();
    open.create(true).truncate(false).write(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        open.custom_flags(libc::O_NOFOLLOW).mode(0o600);
    }
    open.open(lock).map_err(|e| {
        let shown = lock.display();
        crate::tr!(
            "output.lock_failed",
            "не удалось создать файл блокировки {shown}: {e}",
            "cannot create the lock {shown}: {e}"
        )
    })
}

/// This user's folder of locks, `vzysk-locks-UID` in the system's temporary folder: made 0700; one
/// that is not a folder of this user's, or that others may write into, is refused (another local
/// user could hold every run's lock there).
fn locks_folder() -> Result<PathBuf, Text> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::{DirBuilderExt, MetadataExt};
        // SAFETY: getuid has no preconditions and cannot fail.
        let me = unsafe { libc::getuid() };
        let folder = std::env::temp_dir().join(format!("vzysk-locks-{me}"));
        let _ = std::fs::DirBuilder::new().mode(0o700).create(&folder);
        let meta = std::fs::symlink_metadata(&folder).map_err(|e| cannot_create(&folder, &e))?;
        if !meta.is_dir() || meta.uid() != me || meta.mode() & 0o022 != 0 {
            let shown = folder.display();
            return Err(crate::tr!(
                "output.locks_foreign",
                "{shown} — не собственная папка этого пользователя (её создал другой пользователь, или в неё могут писать другие): удалите её или задайте в TMPDIR свою папку",
                "{shown} is not this user's own folder (made by another user, or writable by others): remove it, or set TMPDIR to a folder of your own"
            ));
        }
        Ok(folder)
    }
    #[cfg(not(unix))]
    Ok(std::env::temp_dir())
}

/// The process id in a temporary's name `.<name>.vzysk-tmp-<pid>`.
fn owner_of(file_name: &str, prefix: &str) -> Option<u32> {
    file_name.strip_prefix(prefix)?.parse().ok()
}

/// Removes the temporaries that runs now dead left for this destination; a live run's stays.
pub fn remove_stale(out: &Path) {
    let Some(name) = out.file_name().map(|n| n.to_string_lossy().into_owned()) else {
        return;
    };
    let prefix = format!(".{name}.vzysk-tmp-");
    let Ok(read) = std::fs::read_dir(parent_of(out)) else {
        return;
    };
    for e in read.flatten() {
        let file = e.file_name().to_string_lossy().into_owned();
        match owner_of(&file, &prefix) {
            Some(pid) if alive(pid) => {}
            Some(_) => {
                let _ =
                    std::fs::remove_file(e.path()).or_else(|_| std::fs::remove_dir_all(e.path()));
            }
            None => {}
        }
    }
}

/// What a stopped run removes before it exits.
static ON_SIGNAL: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());
/// The signal that stopped the run, 0 while none did.
static STOPPED_BY: AtomicI32 = AtomicI32::new(0);

/// Set by a program that handles the signals itself (`vzysk serve`, whose batches run in its own
/// process): the run then installs no handler, and the program removes what is registered
/// (`remove_registered`) when it stops.
static CALLER_HANDLES: AtomicBool = AtomicBool::new(false);

/// The program handles SIGTERM, SIGINT and SIGHUP itself: no run installs its handlers.
pub fn signals_handled_by_caller() {
    CALLER_HANDLES.store(true, Ordering::SeqCst);
}

/// Removes every temporary a run registered and has not yet moved into place: for a program that
/// handles the signals itself, when it stops.
pub fn remove_registered() {
    if let Ok(list) = ON_SIGNAL.lock() {
        for p in list.iter() {
            remove_while_written(p);
        }
    }
}

/// Removes `path` (a file or a folder) if the run is stopped by a signal.
pub fn cleanup_on_signal(path: &Path) {
    watch_signals();
    if let Ok(mut list) = ON_SIGNAL.lock() {
        list.push(path.to_path_buf());
    }
}

/// `path` is no longer the run's to remove (it was moved into place, or removed already).
pub fn forget_on_signal(path: &Path) {
    if let Ok(mut list) = ON_SIGNAL.lock() {
        list.retain(|p| p != path);
    }
}

#[cfg(unix)]
extern "C" fn on_signal(sig: libc::c_int) {
    // Only an atomic store here: the watcher thread does the rest.
    STOPPED_BY.store(sig, Ordering::SeqCst);
}

/// Removes `path` (a file or a folder) that the run's other threads may still be writing into: a
/// file made while the folder is being emptied makes one removal fail («not empty»), so it is
/// tried again until the path is gone (for at most about two seconds).
fn remove_while_written(path: &Path) {
    for _ in 0..200 {
        let _ = std::fs::remove_file(path).or_else(|_| std::fs::remove_dir_all(path));
        if std::fs::symlink_metadata(path).is_err() {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
}

/// Installs the handlers of SIGTERM, SIGINT and SIGHUP once, and the thread that, on one of them,
/// removes the registered temporaries and exits with 128 + the signal's number.
fn watch_signals() {
    if CALLER_HANDLES.load(Ordering::SeqCst) {
        return;
    }
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        #[cfg(unix)]
        {
            for sig in [libc::SIGTERM, libc::SIGINT, libc::SIGHUP] {
                // SAFETY: the handler only stores into an atomic, which is async-signal-safe.
                unsafe {
                    libc::signal(sig, on_signal as *const () as libc::sighandler_t);
                }
            }
            let _ = std::thread::Builder::new()
                .name("vzysk-signals".into())
                .spawn(|| {
                    loop {
                        std::thread::sleep(std::time::Duration::from_millis(50));
                        let sig = STOPPED_BY.load(Ordering::SeqCst);
                        if sig != 0 {
                            if let Ok(list) = ON_SIGNAL.lock() {
                                for p in list.iter() {
                                    remove_while_written(p);
                                }
                            }
                            // say!, not eprintln!: with stderr closed this thread would die
                            // before the exit — the signal ignored.
                            crate::say!(
                                "vzysk: {}",
                                crate::tr!(
                                    "output.stopped",
                                    "остановлено сигналом {sig}; ничего не записано",
                                    "stopped by signal {sig}; nothing written"
                                )
                            );
                            std::process::exit(128 + sig);
                        }
                    }
                });
        }
    });
}

/// Writes `bytes` to `out` (checked with [`check`] first) whole or not at all: into a temporary
/// beside it, synced, and renamed over it.
pub fn write_whole(out: &Path, bytes: &[u8]) -> Result<(), Text> {
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = parent_of(out).join(format!(".{name}.vzysk-tmp-{}", std::process::id()));
    let written = (|| -> std::io::Result<()> {
        use std::io::Write;
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(&tmp, out)
    })();
    written.map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        not_written(out, &e)
    })
}

/// «X: not written: why».
pub fn not_written(path: &Path, e: &dyn std::fmt::Display) -> Text {
    let shown = path.display();
    crate::tr!(
        "output.not_written",
        "{shown}: файл не записан: {e}",
        "{shown}: not written: {e}"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_destination_that_is_an_input_or_no_regular_file_is_refused() {
        let dir = std::env::temp_dir().join(format!("vzysk-guard-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("templates")).unwrap();
        std::fs::write(dir.join("ledger.csv"), "x").unwrap();
        let inputs = [dir.join("ledger.csv"), dir.join("templates")];
        let why = check(&dir.join("ledger.csv"), false, &inputs).unwrap_err();
        assert!(why.en().contains("is an input of this run"), "{why}");
        let why = check(&dir.join("templates/x.zip"), false, &inputs).unwrap_err();
        assert!(why.en().contains("is an input of this run"), "{why}");
        let why = check(&dir.join("templates"), false, &[]).unwrap_err();
        assert!(why.en().contains("is not a regular file"), "{why}");
        assert!(check(&dir.join("out.zip"), false, &inputs).is_ok());
        let why = check(&dir.join("x".repeat(240)), false, &inputs).unwrap_err();
        assert!(why.en().contains("give a shorter one"), "{why}");
        std::fs::remove_dir_all(&dir).ok();
    }

    #[test]
    fn one_run_at_a_time_and_a_live_run_keeps_its_temporary() {
        let dir = std::env::temp_dir().join(format!("vzysk-lock-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let out = dir.join("a.zip");
        let lock = Lock::take(&out).unwrap();
        // A second taker (another descriptor, as another process would hold) is refused.
        let why = Lock::take(&out).err().unwrap();
        assert!(why.en().contains("another vzysk run is writing"), "{why}");
        drop(lock);
        let again = Lock::take(&out).expect("released with its owner");
        // Its file goes with it: a thousand runs leave no thousand files.
        let file = lock_of(&out).unwrap();
        assert!(file.exists());
        drop(again);
        assert!(!file.exists(), "the lock's file removed with the lock");
        // Nothing of the lock lies beside the destination.
        assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 0);
        #[cfg(unix)]
        {
            // SAFETY: getppid has no preconditions.
            let parent = unsafe { libc::getppid() } as u32;
            std::fs::write(dir.join(format!(".a.zip.vzysk-tmp-{parent}")), "live").unwrap();
            std::fs::write(dir.join(".a.zip.vzysk-tmp-4294967"), "dead").unwrap();
            remove_stale(&out);
            assert!(dir.join(format!(".a.zip.vzysk-tmp-{parent}")).exists());
            assert!(!dir.join(".a.zip.vzysk-tmp-4294967").exists());
        }
        std::fs::remove_dir_all(&dir).ok();
    }
}
