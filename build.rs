//! Reads every `policies/*.toml`, validates it with the same code the
//! library uses (`src/policy.rs`), and compiles the policy sets into Rust
//! (`$OUT_DIR/policies.rs`), so nothing is parsed at run time and a broken
//! policy file fails the build with a message that names the problem.

#[allow(dead_code)]
#[path = "src/policy.rs"]
mod policy;

use std::fmt::Write as _;
use std::path::PathBuf;

fn main() {
    if let Err(msg) = run() {
        // A build script reports failure by exiting non-zero.
        eprintln!("{msg}");
        std::process::exit(1);
    }
}

fn run() -> Result<(), String> {
    println!("cargo:rerun-if-changed=policies");
    println!("cargo:rerun-if-changed=src/policy.rs");
    let dir = PathBuf::from("policies");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map_err(|e| format!("policies/: {e}"))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    if files.is_empty() {
        return Err("policies/ 里没有任何 .toml 政策文件".into());
    }
    let mut ids = Vec::new();
    let mut code = String::from("vec![\n");
    for f in &files {
        println!("cargo:rerun-if-changed={}", f.display());
        let text = std::fs::read_to_string(f).map_err(|e| format!("{}: {e}", f.display()))?;
        let p: policy::Policy = toml::from_str(&text).map_err(|e| format!("{}: 格式错误：{e}", f.display()))?;
        if let Err(errs) = p.validate() {
            return Err(format!("{}: 校验失败：\n  - {}", f.display(), errs.join("\n  - ")));
        }
        let stem = f.file_stem().and_then(|s| s.to_str()).unwrap_or_default();
        if stem != p.id {
            return Err(format!("{}: 文件名须与 id 一致（{}.toml）", f.display(), p.id));
        }
        if ids.contains(&p.id) {
            return Err(format!("政策 id {} 重复", p.id));
        }
        ids.push(p.id.clone());
        let expr = uneval::to_string(&p).map_err(|e| format!("{}: {e}", f.display()))?;
        let _ = writeln!(code, "{expr},");
    }
    code.push(']');
    let out = PathBuf::from(std::env::var("OUT_DIR").map_err(|e| e.to_string())?);
    std::fs::write(out.join("policies.rs"), code).map_err(|e| e.to_string())?;
    Ok(())
}
