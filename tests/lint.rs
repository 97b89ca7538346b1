//! The rule CI enforces on the source itself: no `.unwrap()` or `.expect(` outside tests, so that
//! no input can panic the tool through them. (`src/lib.rs` also denies clippy's `unwrap_used` and
//! `expect_used` for those who run clippy.) A use on a value that input cannot reach is marked at
//! the end of its line with `// fixed, not input`. Test modules sit at the end of their files,
//! after `#[cfg(test)]`.

fn sources(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The lines of a source file, before its tests, that call `.unwrap()` or `.expect(` unmarked.
fn offending(text: &str) -> Vec<(usize, String)> {
    let mut found = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim_start().starts_with("#[cfg(test)]") {
            break;
        }
        let code = line.split("//").next().unwrap_or("");
        if (code.contains(".unwrap()") || code.contains(".expect("))
            && !line.trim_end().ends_with("// fixed, not input")
        {
            found.push((n + 1, line.trim().to_string()));
        }
    }
    found
}

#[test]
fn no_unwrap_or_expect_outside_tests() {
    let mut files = Vec::new();
    sources(std::path::Path::new("src"), &mut files);
    assert!(files.len() > 30, "{} files", files.len());
    let mut found = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap();
        for (n, line) in offending(&text) {
            found.push(format!("{}:{n}: {line}", file.display()));
        }
    }
    assert!(
        found.is_empty(),
        "unwrap/expect outside tests:\n{}",
        found.join("\n")
    );
}

#[test]
fn the_check_finds_what_it_guards_against_and_only_that() {
    let text = "fn a(x: Option<u8>) -> u8 {\n    x.unwrap()\n}\nfn b(r: Result<u8, ()>) -> u8 { r.expect(\"b\") }\n\
                fn c() { Path::new(\"/x\").expect(\"x\"); // fixed, not input\n}\n// a comment about .unwrap()\n\
                #[cfg(test)]\nmod tests { fn t() { Some(1).unwrap(); } }\n";
    let lines: Vec<usize> = offending(text).into_iter().map(|(n, _)| n).collect();
    assert_eq!(lines, [2, 4]);
}
