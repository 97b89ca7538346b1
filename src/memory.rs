//! The process's own memory: how much is resident, and giving freed pages back. Used where a long
//! run keeps its memory flat (the planner every few hundred accounts, a renderer after a document).

/// Returns the heap's free pages to the system: glibc keeps them otherwise, and they count as
/// resident though nothing uses them (after reading a million ledger rows, tens of megabytes).
pub fn release_free_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only walks glibc's own free lists; it has no preconditions.
    unsafe {
        libc::malloc_trim(0);
    }
}

/// This process's resident memory in bytes, where the system tells it (`/proc/self/statm` on
/// Linux); `None` elsewhere.
pub fn resident_bytes() -> Option<u64> {
    #[cfg(target_os = "linux")]
    {
        let statm = std::fs::read_to_string("/proc/self/statm").ok()?;
        let pages: u64 = statm.split_whitespace().nth(1)?.parse().ok()?;
        // SAFETY: sysconf has no preconditions; it returns -1 for an unknown name.
        let page = unsafe { libc::sysconf(libc::_SC_PAGESIZE) };
        u64::try_from(page).ok().map(|page| pages * page)
    }
    #[cfg(not(target_os = "linux"))]
    None
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_running_process_has_resident_memory() {
        let bytes = super::resident_bytes().expect("Linux tells it");
        // More than this test's binary needs to start, less than any machine it runs on.
        assert!(bytes > 1 << 20 && bytes < 1 << 40, "{bytes}");
    }
}
