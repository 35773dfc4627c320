//! The library's modules form no cycle: each module can be read knowing
//! only the modules below it (issue 22, "one shape per idea, no cycles").
//!
//! The graph is read from the sources, not from the compiler: an edge
//! `a → b` is any path `crate::b…` in `src/a.rs` (a `use` or a path in the
//! code), and in `src/lib.rs` (the crate root, node `lib`) any path
//! `b::…` to one of its modules. A path to an item of the crate root that
//! the root re-exports (`crate::policy_sets`, `pub use sets::policy_sets`)
//! is an edge to the module it comes from; to an item the root defines
//! (`crate::quote`), an edge to `lib`; to an item of another crate that the
//! root re-exports (`crate::money`, `pub use yibao_policy::money`), none:
//! that crate is below this one, and its own graph is checked alike (every
//! crate with a `src/` under `crates/`). Comments, string literals and
//! `#[cfg(test)]` items are left out: a module's unit tests may use the
//! whole crate. Every module of the library is a node, whatever its
//! target (`wasm.rs` and `wasm_batch.rs` for WebAssembly, `tools.rs`
//! natively); `main.rs` is not: the binary is a crate of its own that
//! reaches the library by `yibao::`, from above. `mod x;` declarations are
//! not edges (the root declares every module).
//!
//! Run with `--nocapture` to see the graph.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)] // test code
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The source with comments removed and string and char literals emptied,
/// so that only code is searched.
fn code_only(src: &str) -> String {
    let c: Vec<char> = src.chars().collect();
    let mut out = String::with_capacity(src.len());
    let mut i = 0;
    let at = |i: usize| c.get(i).copied().unwrap_or('\0');
    while i < c.len() {
        let ch = c[i];
        if ch == '/' && at(i + 1) == '/' {
            while i < c.len() && c[i] != '\n' {
                i += 1;
            }
        } else if ch == '/' && at(i + 1) == '*' {
            let mut depth = 0;
            while i < c.len() {
                if c[i] == '/' && at(i + 1) == '*' {
                    depth += 1;
                    i += 2;
                } else if c[i] == '*' && at(i + 1) == '/' {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    i += 1;
                }
            }
            out.push(' ');
        } else if ch == 'r'
            && (at(i + 1) == '"' || (at(i + 1) == '#' && (at(i + 2) == '"' || at(i + 2) == '#')))
            && !(i > 0 && (c[i - 1].is_alphanumeric() || c[i - 1] == '_'))
        {
            // A raw string: r"…", r#"…"#.
            let mut j = i + 1;
            let mut hashes = 0;
            while at(j) == '#' {
                hashes += 1;
                j += 1;
            }
            j += 1;
            loop {
                if j >= c.len() {
                    break;
                }
                if c[j] == '"' && (0..hashes).all(|k| at(j + 1 + k) == '#') {
                    j += 1 + hashes;
                    break;
                }
                j += 1;
            }
            out.push_str("\"\"");
            i = j;
        } else if ch == '"' {
            i += 1;
            while i < c.len() && c[i] != '"' {
                if c[i] == '\\' {
                    i += 1;
                }
                i += 1;
            }
            i += 1;
            out.push_str("\"\"");
        } else if ch == '\'' && (at(i + 1) == '\\' || at(i + 2) == '\'') {
            // A char literal (a lifetime `'a` has no closing quote).
            i += 1;
            if at(i) == '\\' {
                i += 1;
            }
            i += 1;
            while i < c.len() && c[i] != '\'' {
                i += 1;
            }
            i += 1;
            out.push_str("' '");
        } else {
            out.push(ch);
            i += 1;
        }
    }
    out
}

/// The code without its `#[cfg(test)]` items (each to its matching brace,
/// or its semicolon).
fn without_tests(code: &str) -> String {
    let mut out = String::with_capacity(code.len());
    let mut rest = code;
    while let Some(k) = rest.find("#[cfg(test)]") {
        out.push_str(&rest[..k]);
        let after = &rest[k..];
        let mut depth = 0usize;
        let mut end = after.len();
        for (i, ch) in after.char_indices().skip("#[cfg(test)]".len()) {
            match ch {
                '{' => depth += 1,
                '}' => {
                    depth -= 1;
                    if depth == 0 {
                        end = i + 1;
                        break;
                    }
                }
                ';' if depth == 0 => {
                    end = i + 1;
                    break;
                }
                _ => {}
            }
        }
        rest = &after[end..];
    }
    out.push_str(rest);
    out
}

fn is_ident(ch: char) -> bool {
    ch.is_alphanumeric() || ch == '_'
}

/// The names a path group `{a, b::c, d::{e, f}}` starts with: `a`, `b`, `d`.
fn group_heads(group: &str) -> Vec<String> {
    let mut heads = Vec::new();
    let mut depth = 0;
    let mut start = true;
    let mut name = String::new();
    for ch in group.chars() {
        match ch {
            '{' => {
                depth += 1;
                start = depth == 1;
            }
            '}' => depth -= 1,
            ',' if depth == 1 => {
                if !name.is_empty() {
                    heads.push(std::mem::take(&mut name));
                }
                start = true;
            }
            _ if depth == 1 && start && is_ident(ch) => name.push(ch),
            _ if depth == 1 && start && !name.is_empty() => {
                heads.push(std::mem::take(&mut name));
                start = false;
            }
            _ => {}
        }
    }
    if !name.is_empty() {
        heads.push(name);
    }
    heads
}

/// The names after each `prefix` in `code` (`crate::` → `date`, or the
/// heads of a group `crate::{date, money::Money}`), where `prefix` starts a
/// path (not `yibao_crate::`).
fn names_after(code: &str, prefix: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut from = 0;
    while let Some(k) = code[from..].find(prefix) {
        let at = from + k;
        from = at + prefix.len();
        if code[..at].chars().next_back().is_some_and(|c| is_ident(c) || c == ':') {
            continue;
        }
        let rest = &code[from..];
        if rest.starts_with('{') {
            let mut depth = 0;
            let end = rest
                .char_indices()
                .find(|&(_, c)| {
                    match c {
                        '{' => depth += 1,
                        '}' => depth -= 1,
                        _ => {}
                    }
                    depth == 0
                })
                .map_or(rest.len(), |(i, _)| i + 1);
            names.extend(group_heads(&rest[..end]));
        } else {
            let name: String = rest.chars().take_while(|&c| is_ident(c)).collect();
            if !name.is_empty() {
                names.push(name);
            }
        }
    }
    names
}

/// A crate's module graph, from its `src/`: module → the modules it uses.
fn graph(src: &Path) -> BTreeMap<String, BTreeSet<String>> {
    let mut code: BTreeMap<String, String> = BTreeMap::new();
    for entry in std::fs::read_dir(src).unwrap() {
        let path = entry.unwrap().path();
        let stem = path.file_stem().unwrap().to_str().unwrap().to_string();
        if path.extension().is_some_and(|x| x == "rs") && stem != "main" {
            let text = std::fs::read_to_string(&path).unwrap();
            code.insert(stem, without_tests(&code_only(&text)));
        }
    }
    let root = code.get("lib").cloned().unwrap_or_default();
    let modules: BTreeSet<String> = code.keys().filter(|m| *m != "lib").cloned().collect();
    // The root's re-exports of its modules' items (`pub use sets::policy_sets;`),
    // and of another crate's (`pub use yibao_policy::{date, money};`): a path
    // to those leaves this crate, so it is no edge.
    let mut reexported: BTreeMap<String, String> = BTreeMap::new();
    let mut external: BTreeSet<String> = BTreeSet::new();
    for stmt in root.split(';') {
        // After any attribute (`#[cfg(…)] pub use …`).
        let Some(k) = stmt.find("pub use ").or_else(|| stmt.find("pub(crate) use ")) else { continue };
        let Some(path) = stmt[k..].split_once(" use ").map(|(_, p)| p) else { continue };
        let path = path.trim();
        let Some((module, items)) = path.split_once("::") else { continue };
        let items = if items.starts_with('{') { group_heads(items) } else { vec![items.to_string()] };
        for item in items {
            let item = item.rsplit("::").next().unwrap_or(&item).to_string();
            if modules.contains(module) {
                reexported.insert(item, module.to_string());
            } else if !["crate", "self", "super"].contains(&module) {
                external.insert(item);
            }
        }
    }
    let mut g: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (module, text) in &code {
        let mut to = BTreeSet::new();
        let mut names = names_after(text, "crate::");
        if module == "lib" {
            // The root reaches its modules without `crate::`.
            for m in &modules {
                names.extend(names_after(text, &format!("{m}::")).into_iter().map(|_| m.clone()));
            }
        }
        for name in names {
            if external.contains(&name) {
                continue;
            }
            let target = if modules.contains(&name) {
                name
            } else if let Some(m) = reexported.get(&name) {
                m.clone()
            } else {
                "lib".to_string()
            };
            if &target != module {
                to.insert(target);
            }
        }
        g.insert(module.clone(), to);
    }
    g
}

/// Every cycle a depth-first walk meets, each as `a → b → … → a`.
fn cycles(g: &BTreeMap<String, BTreeSet<String>>) -> Vec<String> {
    fn walk<'a>(
        g: &'a BTreeMap<String, BTreeSet<String>>,
        node: &'a str,
        stack: &mut Vec<&'a str>,
        done: &mut BTreeSet<&'a str>,
        found: &mut Vec<String>,
    ) {
        stack.push(node);
        for next in g.get(node).into_iter().flatten() {
            if let Some(k) = stack.iter().position(|s| s == next) {
                let mut cycle: Vec<&str> = stack[k..].to_vec();
                cycle.push(next);
                found.push(cycle.join(" → "));
            } else if !done.contains(next.as_str()) {
                walk(g, next, stack, done, found);
            }
        }
        stack.pop();
        done.insert(node);
    }
    let mut found = Vec::new();
    let mut done = BTreeSet::new();
    for node in g.keys() {
        if !done.contains(node.as_str()) {
            walk(g, node, &mut Vec::new(), &mut done, &mut found);
        }
    }
    found
}

fn print(name: &str, g: &BTreeMap<String, BTreeSet<String>>) {
    println!("{name}:");
    for (m, to) in g {
        println!("  {m} → {}", to.iter().cloned().collect::<Vec<_>>().join(", "));
    }
}

/// Every crate of the workspace whose sources are in a `src/` of its own.
fn crate_sources() -> Vec<(String, std::path::PathBuf)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut out = vec![("yibao".to_string(), root.join("src"))];
    if let Ok(dir) = std::fs::read_dir(root.join("crates")) {
        for entry in dir.flatten() {
            let src = entry.path().join("src");
            if src.is_dir() {
                out.push((entry.file_name().to_string_lossy().into_owned(), src));
            }
        }
    }
    out
}

#[test]
fn no_module_cycle() {
    let mut all = Vec::new();
    for (name, src) in crate_sources() {
        let g = graph(&src);
        print(&name, &g);
        assert!(g.len() > 3, "{name}: too few modules read from {}", src.display());
        all.extend(cycles(&g).into_iter().map(|c| format!("{name}: {c}")));
    }
    assert!(all.is_empty(), "cycles in the module graph:\n  {}", all.join("\n  "));
}

/// The answer's vocabulary is a leaf: it knows the policy model and the
/// values it is made of (the policy crate, no edge here), never a module of
/// this crate; the modules that work out its parts do not use the engine.
#[test]
fn the_answer_is_a_leaf() {
    let g = graph(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"));
    let uses = g.get("answer").expect("src/answer.rs");
    assert!(uses.is_empty(), "src/answer.rs uses {uses:?}");
    for m in ["who", "change", "ynb", "payout", "today", "readings"] {
        assert!(!g.get(m).is_some_and(|u| u.contains("engine")), "{m}.rs uses the engine");
    }
}

/// The reader finds the edges it is meant to find, and none in comments,
/// strings or unit tests.
#[test]
fn the_reader_sees_code_only() {
    let src = r##"
        use crate::{date::{self, Date}, money::Money, who};
        use crate::policy::Text; // crate::words in a comment
        /* crate::engine */
        const S: &str = "crate::today";
        const R: &str = r#"crate::who"#;
        fn f<'a>(x: &'a str) -> char { let _ = crate::policy_sets(); '{' }
        fn g() { crate::error::Error::new(); yibao_crate::ynb::x(); }
        #[cfg(test)]
        mod tests { use crate::household; fn h() { let _ = '}'; } }
        fn after() { crate::read::json(); }
    "##;
    let code = without_tests(&code_only(src));
    let mut names = names_after(&code, "crate::");
    names.sort();
    assert_eq!(names, ["date", "error", "money", "policy", "policy_sets", "read", "who"]);
    let g: BTreeMap<String, BTreeSet<String>> = [
        ("a".to_string(), ["b".to_string()].into()),
        ("b".to_string(), ["c".to_string()].into()),
        ("c".to_string(), ["a".to_string()].into()),
    ]
    .into();
    assert_eq!(cycles(&g), ["a → b → c → a"]);
}
