//! The rules CI enforces on the source itself:
//! - no `.unwrap()` or `.expect(` outside tests, so that no input can panic the tool through them
//!   (`src/lib.rs` also denies clippy's `unwrap_used` and `expect_used` for those who run clippy);
//!   a use on a value that input cannot reach is marked at the end of its line with
//!   `// fixed, not input`. Test modules (`#[cfg(test)]`) are skipped wherever they stand.
//! - files of at most 600 lines, functions of at most 120;
//! - imports that run down the layers of `src/lib.rs` only, and no circle of imports between files;
//! - each document kind's name spelled once in the source, in the registry (`src/kinds.rs`).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// Every source file with its text.
fn every_source() -> Vec<(PathBuf, String)> {
    let mut files = Vec::new();
    sources(Path::new("src"), &mut files);
    files.sort();
    assert!(files.len() > 30, "{} files", files.len());
    files
        .into_iter()
        .map(|f| {
            let text = std::fs::read_to_string(&f).unwrap();
            (f, text)
        })
        .collect()
}

/// The files that are test modules of their own: declared `#[cfg(test)] mod x;` by their parent.
fn test_files(sources: &[(PathBuf, String)]) -> BTreeSet<PathBuf> {
    let mut out = BTreeSet::new();
    for (file, text) in sources {
        let dir = if file
            .file_name()
            .is_some_and(|n| n == "mod.rs" || n == "lib.rs")
        {
            file.parent().unwrap().to_path_buf()
        } else {
            file.with_extension("")
        };
        let lines: Vec<&str> = text.lines().map(str::trim).collect();
        for w in lines.windows(2) {
            if w[0] == "#[cfg(test)]"
                && let Some(name) = w[1]
                    .trim_start_matches("pub(crate) ")
                    .strip_prefix("mod ")
                    .and_then(|r| r.strip_suffix(';'))
            {
                out.insert(dir.join(format!("{name}.rs")));
                out.insert(dir.join(name).join("mod.rs"));
            }
        }
    }
    out
}

/// The production source files with their texts (test modules in files of their own left out).
fn all_sources() -> Vec<(PathBuf, String)> {
    let every = every_source();
    let tests = test_files(&every);
    every
        .into_iter()
        .filter(|(f, _)| !tests.contains(f))
        .collect()
}

/// `text` with every comment, string and character literal blanked out (newlines kept), so that
/// braces and paths can be counted on the code alone.
fn code_only(text: &str) -> String {
    let b = text.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    let blank = |out: &mut Vec<u8>, c: u8| out.push(if c == b'\n' { b'\n' } else { b' ' });
    while i < b.len() {
        let c = b[i];
        if c == b'/' && b.get(i + 1) == Some(&b'/') {
            while i < b.len() && b[i] != b'\n' {
                blank(&mut out, b[i]);
                i += 1;
            }
        } else if c == b'/' && b.get(i + 1) == Some(&b'*') {
            while i < b.len() && !(b[i] == b'*' && b.get(i + 1) == Some(&b'/')) {
                blank(&mut out, b[i]);
                i += 1;
            }
            out.extend_from_slice(b"  ");
            i += 2;
        } else if c == b'r' && matches!(b.get(i + 1), Some(b'"' | b'#')) && !ident_byte(b, i) {
            // A raw string: r"…" or r#"…"#.
            let mut j = i + 1;
            while b.get(j) == Some(&b'#') {
                j += 1;
            }
            if b.get(j) != Some(&b'"') {
                out.push(c);
                i += 1;
                continue;
            }
            let hashes = j - i - 1;
            let close: Vec<u8> = std::iter::once(b'"')
                .chain(std::iter::repeat_n(b'#', hashes))
                .collect();
            let start = i;
            i = j + 1;
            while i < b.len() && !b[i..].starts_with(&close) {
                i += 1;
            }
            i = (i + close.len()).min(b.len());
            for &x in &b[start..i] {
                blank(&mut out, x);
            }
        } else if c == b'"' {
            blank(&mut out, c);
            i += 1;
            while i < b.len() && b[i] != b'"' {
                if b[i] == b'\\' {
                    blank(&mut out, b[i]);
                    i += 1;
                }
                if i < b.len() {
                    blank(&mut out, b[i]);
                    i += 1;
                }
            }
            if i < b.len() {
                blank(&mut out, b[i]);
                i += 1;
            }
        } else if c == b'\'' && char_literal_end(b, i).is_some() {
            let end = char_literal_end(b, i).unwrap();
            for &x in &b[i..=end] {
                blank(&mut out, x);
            }
            i = end + 1;
        } else {
            out.push(c);
            i += 1;
        }
    }
    String::from_utf8(out).unwrap()
}

/// Whether the byte before `i` continues an identifier (so `r"` there is not a raw string).
fn ident_byte(b: &[u8], i: usize) -> bool {
    i > 0 && (b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'_')
}

/// The closing quote of a character literal opening at `i` (`'x'`, `'\n'`, `'\u{a0}'`, `'я'`), or
/// `None` for a lifetime (`'a`).
fn char_literal_end(b: &[u8], i: usize) -> Option<usize> {
    if b.get(i + 1) == Some(&b'\\') {
        return (i + 2..(i + 12).min(b.len())).find(|&j| b[j] == b'\'');
    }
    let s = std::str::from_utf8(&b[i + 1..(i + 6).min(b.len())])
        .ok()
        .or_else(|| {
            (i + 2..(i + 6).min(b.len()))
                .rev()
                .find_map(|e| std::str::from_utf8(&b[i + 1..e]).ok())
        })?;
    let ch = s.chars().next()?;
    let end = i + 1 + ch.len_utf8();
    (b.get(end) == Some(&b'\'')).then_some(end)
}

/// The 0-based line of the brace closing the block whose opening brace is the first after byte
/// `from` in `code` (comments and strings blanked), with that opening line.
fn block(code: &str, from: usize) -> Option<(usize, usize)> {
    let open = from + code[from..].find('{')?;
    let mut depth = 0;
    for (k, c) in code[open..].char_indices() {
        match c {
            '{' => depth += 1,
            '}' => {
                depth -= 1;
                if depth == 0 {
                    let line = |at: usize| code[..at].matches('\n').count();
                    return Some((line(open), line(open + k)));
                }
            }
            _ => {}
        }
    }
    None
}

/// The 0-based line ranges of the `#[cfg(test)]` items of a file.
fn test_blocks(code: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut at = 0;
    while let Some(k) = code[at..].find("#[cfg(test)]") {
        let start = at + k;
        let first = code[..start].matches('\n').count();
        match block(code, start) {
            Some((_, last)) => out.push((first, last)),
            None => break,
        }
        at = start + 1;
    }
    out
}

fn in_tests(blocks: &[(usize, usize)], line: usize) -> bool {
    blocks.iter().any(|(a, b)| (*a..=*b).contains(&line))
}

/// The lines of a source file outside its test modules that call `.unwrap()` or `.expect(` unmarked.
fn offending(text: &str) -> Vec<(usize, String)> {
    let code = code_only(text);
    let tests = test_blocks(&code);
    let mut found = Vec::new();
    for (n, (line, code_line)) in text.lines().zip(code.lines()).enumerate() {
        if in_tests(&tests, n) {
            continue;
        }
        if (code_line.contains(".unwrap()") || code_line.contains(".expect("))
            && !line.trim_end().ends_with("// fixed, not input")
        {
            found.push((n + 1, line.trim().to_string()));
        }
    }
    found
}

#[test]
fn no_unwrap_or_expect_outside_tests() {
    let mut found = Vec::new();
    for (file, text) in all_sources() {
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
    // Production code after a test module is checked too; a string holding the words is not code.
    let later = "#[cfg(test)]\nmod tests {\n    fn t() { let s = \"}\"; Some(1).unwrap(); }\n}\n\
                 fn d(x: Option<u8>) -> u8 { x.unwrap() }\nfn e() { let _ = \".unwrap()\"; }\n";
    let lines: Vec<usize> = offending(later).into_iter().map(|(n, _)| n).collect();
    assert_eq!(lines, [5]);
}

#[test]
fn files_of_600_lines_at_most() {
    let long: Vec<String> = every_source()
        .iter()
        .filter(|(_, text)| text.lines().count() > 600)
        .map(|(f, text)| format!("{}: {} lines", f.display(), text.lines().count()))
        .collect();
    assert!(long.is_empty(), "{}", long.join("\n"));
}

/// Each function of a file: its name, first line (1-based) and length in lines.
fn functions(text: &str) -> Vec<(String, usize, usize)> {
    let code = code_only(text);
    let mut out = Vec::new();
    let mut offset = 0;
    for line in code.split_inclusive('\n') {
        let words: Vec<&str> = line.split_whitespace().collect();
        let fn_at = words.iter().position(|w| *w == "fn");
        let prefix_ok = fn_at.is_some_and(|k| {
            words[..k].iter().all(|w| {
                matches!(
                    *w,
                    "pub" | "const" | "async" | "unsafe" | "extern" | "default"
                ) || w.starts_with("pub(")
                    || w.starts_with('"')
            })
        });
        if let (true, Some(k)) = (prefix_ok, fn_at) {
            let name: String = words
                .get(k + 1)
                .unwrap_or(&"")
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            // A declaration without a body (in a trait) ends at `;` before any `{`.
            let rest = &code[offset..];
            let body = rest.find('{');
            let semi = rest.find(';');
            if body.is_some_and(|b| semi.is_none_or(|s| b < s))
                && let Some((_, last)) = block(&code, offset)
            {
                let first = code[..offset].matches('\n').count();
                out.push((name, first + 1, last - first + 1));
            }
        }
        offset += line.len();
    }
    out
}

#[test]
fn functions_of_120_lines_at_most() {
    let mut long = Vec::new();
    for (file, text) in every_source() {
        for (name, line, len) in functions(&text) {
            if len > 120 {
                long.push(format!(
                    "{}:{line}: fn {name} has {len} lines",
                    file.display()
                ));
            }
        }
    }
    assert!(long.is_empty(), "{}", long.join("\n"));
}

#[test]
fn the_function_count_sees_bodies_braces_in_strings_and_nested_functions() {
    let text = "pub fn a() {\n    let s = \"{\";\n    fn inner() {\n    }\n}\ntrait T {\n    fn decl(&self);\n}\n";
    let f = functions(text);
    assert_eq!(f, [("a".to_string(), 1, 5), ("inner".to_string(), 3, 2)]);
}

/// The module a source file is (`docs::batch` for `src/docs/batch.rs`, `docs` for its `mod.rs`).
fn module_of(file: &Path) -> Vec<String> {
    let rel = file.strip_prefix("src").unwrap();
    let mut parts: Vec<String> = rel
        .iter()
        .map(|p| p.to_string_lossy().trim_end_matches(".rs").to_string())
        .collect();
    if parts
        .last()
        .is_some_and(|p| p == "mod" || p == "lib" || p == "main")
    {
        parts.pop();
    }
    parts
}

/// The paths a file's code names: `crate::…`, `super::…`, and its own submodules' `x::…`, with the
/// groups of `use` trees expanded. Each path is a list of names, from the crate's root.
fn paths(file: &Path, code: &str, modules: &BTreeSet<Vec<String>>) -> Vec<Vec<String>> {
    // `self` is the file's own module, `super` its parent; `x::` names a submodule where `x` is one.
    let me = module_of(file);
    let parent: Vec<String> = me[..me.len().saturating_sub(1)].to_vec();
    let mut out = Vec::new();
    let bytes = code.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if (i > 0
            && (bytes[i - 1].is_ascii_alphanumeric()
                || bytes[i - 1] == b'_'
                || bytes[i - 1] == b':'))
            || !(bytes[i].is_ascii_alphabetic() || bytes[i] == b'_')
        {
            i += 1;
            continue;
        }
        let word_end = (i..bytes.len())
            .find(|&j| !(bytes[j].is_ascii_alphanumeric() || bytes[j] == b'_'))
            .unwrap_or(bytes.len());
        let word = &code[i..word_end];
        if !code[word_end..].starts_with("::") {
            i = word_end;
            continue;
        }
        let base: Option<Vec<String>> = match word {
            "crate" => Some(Vec::new()),
            "super" => Some(parent.clone()),
            "self" => Some(me.clone()),
            w => {
                let mut child = me.clone();
                child.push(w.to_string());
                modules.contains(&child).then_some(me.clone()).map(|mut b| {
                    b.push(String::new()); // marker: the word itself is the first name
                    b
                })
            }
        };
        let Some(mut base) = base else {
            i = word_end;
            continue;
        };
        let start = if base.last().is_some_and(|s| s.is_empty()) {
            base.pop();
            i
        } else {
            word_end + 2
        };
        let end = tree(code, start, base, &mut out);
        i = end.max(word_end);
    }
    out
}

/// Reads a path or a `{…}` group of a `use` tree at `at`, pushing each full path onto `out`;
/// returns where it ended.
fn tree(code: &str, mut at: usize, mut path: Vec<String>, out: &mut Vec<Vec<String>>) -> usize {
    let b = code.as_bytes();
    loop {
        while at < b.len() && b[at] == b' ' {
            at += 1;
        }
        if at < b.len() && b[at] == b'{' {
            at += 1;
            loop {
                while at < b.len() && matches!(b[at], b' ' | b'\n' | b',') {
                    at += 1;
                }
                if at >= b.len() || b[at] == b'}' {
                    out.push(path.clone());
                    return at + 1;
                }
                at = tree(code, at, path.clone(), out);
            }
        }
        let end = (at..b.len())
            .find(|&j| !(b[j].is_ascii_alphanumeric() || b[j] == b'_'))
            .unwrap_or(b.len());
        if end == at {
            out.push(path);
            return at;
        }
        let name = &code[at..end];
        if name != "self" {
            path.push(name.to_string());
        }
        if code[end..].starts_with("::") {
            at = end + 2;
        } else {
            out.push(path);
            return end;
        }
    }
}

/// The longest prefix of `path` that is a module of the crate.
fn resolve(path: &[String], modules: &BTreeSet<Vec<String>>) -> Option<Vec<String>> {
    (1..=path.len())
        .rev()
        .map(|k| path[..k].to_vec())
        .find(|p| modules.contains(p))
}

/// Each file's module and the modules its production code names.
fn imports() -> BTreeMap<Vec<String>, BTreeSet<Vec<String>>> {
    let sources = all_sources();
    let modules: BTreeSet<Vec<String>> = sources.iter().map(|(f, _)| module_of(f)).collect();
    let mut graph = BTreeMap::new();
    for (file, text) in &sources {
        let code = code_only(text);
        let tests = test_blocks(&code);
        let production: String = code
            .lines()
            .enumerate()
            .map(|(n, l)| if in_tests(&tests, n) { "" } else { l })
            .collect::<Vec<_>>()
            .join("\n");
        let me = module_of(file);
        let names: BTreeSet<Vec<String>> = paths(file, &production, &modules)
            .iter()
            .filter_map(|p| resolve(p, &modules))
            .filter(|m| *m != me)
            .collect();
        graph.insert(me, names);
    }
    graph
}

/// The layers of `src/lib.rs`: the top-level modules each may import.
const LAYERS: &[(&str, &[&str])] = &[
    ("lang", &[]),
    ("money", &[]),
    ("diag", &[]),
    ("memory", &[]),
    ("templates", &[]),
    ("model", &["money"]),
    ("russian", &["model"]),
    ("law", &["model", "money", "russian"]),
    (
        "workspace",
        &["law", "model", "money", "diag", "russian", "memory"],
    ),
    ("ladder", &["law", "model", "money", "russian"]),
    ("report", &["law", "model", "money", "russian"]),
    ("portfolio", &["law", "model", "money"]),
    ("render", &["templates", "memory"]),
    ("archive", &[]),
    (
        "docs",
        &[
            "law",
            "ladder",
            "model",
            "money",
            "russian",
            "templates",
            "render",
            "workspace",
            "archive",
        ],
    ),
];

#[test]
fn imports_run_down_the_layers() {
    let mut wrong = Vec::new();
    for (module, names) in imports() {
        let Some(top) = module.first() else { continue };
        if top == "cmd" || top == "main" {
            continue;
        }
        let allowed = LAYERS
            .iter()
            .find(|(m, _)| m == top)
            .unwrap_or_else(|| panic!("src/{top}: not in the layers of tests/lint.rs"))
            .1;
        for name in names {
            let target = &name[0];
            // The language of a message is a leaf every layer speaks through.
            if target != top && target != "lang" && !allowed.contains(&target.as_str()) {
                wrong.push(format!("{} imports {}", module.join("::"), name.join("::")));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "imports up the layers:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn no_circle_of_imports() {
    let graph = imports();
    // Depth-first search for a back edge; a circle is reported by its modules.
    fn visit(
        m: &Vec<String>,
        graph: &BTreeMap<Vec<String>, BTreeSet<Vec<String>>>,
        state: &mut BTreeMap<Vec<String>, u8>,
        stack: &mut Vec<Vec<String>>,
        circles: &mut Vec<String>,
    ) {
        state.insert(m.clone(), 1);
        stack.push(m.clone());
        for n in graph.get(m).into_iter().flatten() {
            match state.get(n).copied().unwrap_or(0) {
                0 => visit(n, graph, state, stack, circles),
                1 => {
                    let from = stack.iter().position(|s| s == n).unwrap();
                    let names: Vec<String> = stack[from..].iter().map(|s| s.join("::")).collect();
                    circles.push(format!("{} → {}", names.join(" → "), n.join("::")));
                }
                _ => {}
            }
        }
        stack.pop();
        state.insert(m.clone(), 2);
    }
    let mut state = BTreeMap::new();
    let mut circles = Vec::new();
    for m in graph.keys() {
        if !state.contains_key(m) {
            visit(m, &graph, &mut state, &mut Vec::new(), &mut circles);
        }
    }
    assert!(
        circles.is_empty(),
        "circles of imports:\n{}",
        circles.join("\n")
    );
}

#[test]
fn the_import_scan_reads_use_trees_and_relative_paths() {
    let modules: BTreeSet<Vec<String>> = [
        vec!["docs".to_string()],
        vec!["docs".to_string(), "batch".to_string()],
        vec!["docs".to_string(), "notice".to_string()],
        vec!["law".to_string()],
        vec!["law".to_string(), "case".to_string()],
    ]
    .into_iter()
    .collect();
    let code = "use super::batch::{Batch, PdfDoc};\nuse crate::law::{self, case::Case};\nfn f() { notice::build(); }\n";
    let found: BTreeSet<Vec<String>> = paths(Path::new("src/docs/notice.rs"), code, &modules)
        .iter()
        .filter_map(|p| resolve(p, &modules))
        .collect();
    let names: Vec<String> = found.iter().map(|m| m.join("::")).collect();
    // `notice::` from a leaf file is not its child: only the mod.rs of `docs` has that child.
    assert_eq!(names, ["docs::batch", "law", "law::case"]);
    let from_mod: Vec<String> = paths(Path::new("src/docs/mod.rs"), code, &modules)
        .iter()
        .filter_map(|p| resolve(p, &modules))
        .map(|m| m.join("::"))
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    // From a mod.rs, `super` is the parent of its folder: `super::batch` is no module here.
    assert_eq!(from_mod, ["docs::notice", "law", "law::case"]);
}

/// The registry's entries (`pub const X: Kind = Kind { name: "…", … }` in `src/docs/`): each
/// constant with its file and the kind's name.
fn registry_entries() -> Vec<(String, PathBuf, String)> {
    let mut out = Vec::new();
    for (file, text) in all_sources() {
        if !file.starts_with("src/docs") {
            continue;
        }
        let mut lines = text.lines();
        while let Some(line) = lines.next() {
            let Some(rest) = line.strip_prefix("pub const ") else {
                continue;
            };
            let Some(constant) = rest.strip_suffix(": Kind = Kind {") else {
                continue;
            };
            let name = lines
                .by_ref()
                .find_map(|l| l.trim().strip_prefix("name: \""))
                .and_then(|l| l.split('"').next())
                .unwrap_or_default();
            out.push((constant.to_string(), file.clone(), name.to_string()));
        }
    }
    out
}

#[test]
fn every_kind_is_one_entry_in_its_file_and_one_line_of_the_list() {
    // A kind is its entry (in the file that builds it) and its line in `registry!`: a file with an
    // entry the list forgets, or a line naming no entry, fails here.
    let list = std::fs::read_to_string("src/docs/kinds.rs").unwrap();
    let listed: BTreeSet<String> = list
        .lines()
        .filter_map(|l| l.trim().split_once(" = super::"))
        .map(|(_, path)| path.trim_end_matches(';').to_string())
        .collect();
    let entries = registry_entries();
    let found: BTreeSet<String> = entries
        .iter()
        .map(|(c, f, _)| format!("{}::{c}", f.file_stem().unwrap().to_string_lossy()))
        .collect();
    assert_eq!(listed, found, "the registry's list and the entries differ");
    assert!(entries.len() >= 12, "{entries:?}");
}

#[test]
fn each_kind_name_is_spelled_once_in_its_entry() {
    // Words that are also a column (`bank`), a key of the report (`claim`), a severity
    // (`warning`), a document of the batch (`Part::Registry`) or a channel of the warning
    // (`sms`, `law::channels`) are other things' names too; every other kind's name is its
    // entry's only.
    let shared = ["bank", "claim", "warning", "registry", "sms"];
    let mut wrong = Vec::new();
    for (_, entry, name) in registry_entries() {
        if shared.contains(&name.as_str()) {
            continue;
        }
        let literal = format!("\"{name}\"");
        for (file, text) in all_sources() {
            let tests = test_blocks(&code_only(&text));
            for (n, line) in text.lines().enumerate() {
                let comment = line.trim_start().starts_with("//");
                if in_tests(&tests, n) || comment || !line.contains(&literal) || file == entry {
                    continue;
                }
                wrong.push(format!("{name} at {}:{}", file.display(), n + 1));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "a kind's name spelled outside its entry:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn nothing_but_the_registry_matches_on_a_kind() {
    // What differs between kinds is a field of their entries (gate, step, powers, event, post,
    // role, builder): a `match` or `matches!` over kinds elsewhere is a rule outside its place.
    let mut wrong = Vec::new();
    for (at, line) in production_lines("") {
        if at.starts_with("src/docs/kinds.rs:") || at.starts_with("src/docs/kind.rs:") {
            continue;
        }
        let arm = line.split("DocKind::").skip(1).any(|rest| {
            let after: String = rest
                .trim_start_matches(|c: char| c.is_alphanumeric() || c == '_')
                .chars()
                .filter(|c| !c.is_whitespace() && *c != ')' && *c != ',')
                .collect();
            after.starts_with("=>") || after.starts_with('|') && !after.starts_with("||")
        });
        if arm || line.contains("matches!") && line.contains("DocKind::") {
            wrong.push(format!("{at}: {}", line.trim()));
        }
    }
    assert!(
        wrong.is_empty(),
        "a match on kinds outside the registry:\n{}",
        wrong.join("\n")
    );
}

/// The production lines of `src/<dir>` (comments and tests left out), with where each is.
fn production_lines(dir: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for (file, text) in all_sources() {
        if !file.starts_with(Path::new("src").join(dir)) {
            continue;
        }
        let code = code_only(&text);
        let tests = test_blocks(&code);
        for (n, line) in code.lines().enumerate() {
            if !in_tests(&tests, n) {
                out.push((format!("{}:{}", file.display(), n + 1), line.to_string()));
            }
        }
    }
    out
}

#[test]
fn decisions_are_typed_values_not_strings() {
    // What the law and the ladder decide travels as a value with its code and its words in both
    // languages (`lang::Text`), never as a bare string a caller would have to parse or translate.
    let mut wrong = Vec::new();
    for dir in ["law", "ladder"] {
        for (at, line) in production_lines(dir) {
            let bare = line.contains(", String>")
                || line.contains("-> Option<String>")
                || line.contains("reason: String")
                || line.contains("why: String");
            if bare {
                wrong.push(format!("{at}: {}", line.trim()));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "a decision as a bare String:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn the_events_words_are_in_their_one_table() {
    // Each event's label is written once, beside its name in `model/event.rs`; every other
    // place asks the kind for it.
    let source = std::fs::read_to_string("src/model/event.rs").unwrap();
    let mut twice = Vec::new();
    for line in source.lines().filter(|l| l.contains("\" : \"")) {
        let labels: Vec<&str> = line.split('"').skip(3).step_by(2).collect();
        for label in labels {
            for (file, text) in all_sources() {
                let tests = test_blocks(&code_only(&text));
                let typed = text
                    .lines()
                    .enumerate()
                    .any(|(n, l)| !in_tests(&tests, n) && l.contains(&format!("\"{label}\"")));
                if file != Path::new("src/model/event.rs") && typed {
                    twice.push(format!("{label} in {}", file.display()));
                }
            }
        }
    }
    assert!(
        twice.is_empty(),
        "an event's words typed again:\n{}",
        twice.join("\n")
    );
}
