//! `yibao`: the command-line host of the rules core.
//!
//! ```text
//! yibao quote [--input FILE] [--format json|text]   # request JSON on stdin or FILE
//! yibao household [--input FILE] [--format json|text]  # a household's request
//! yibao policies                                    # list the policy sets
//! ```
//! Exit 0 with a result (eligible or not); 2 on bad input, printing
//! `{"error": {"code", "field", "message"}}` on stdout.

use std::io::{Read, Write};
use std::process::ExitCode;

const USAGE: &str = "用法：
  yibao quote [--input 文件] [--format json|text]   从标准输入或文件读取一个 JSON 请求，输出结果
  yibao household [--input 文件] [--format json|text]   全家一起算：全家合计、每位成员、各自如何参保
  yibao policies                                    列出政策（地区、待遇年度、依据文件）
  yibao policy check 文件…                          检查政策文件，列出每个问题和所在的行
  yibao policy diff 甲 乙                           列出两套政策（id 或文件）之间的变化
示例：
  yibao quote --format text --input examples/yuyao-2024-adult.json";

fn fail(code: &'static str, field: &str, message: &str) -> ExitCode {
    print_error(&yibao::Error::new(code, field, message));
    ExitCode::from(2)
}

fn print_error(e: &yibao::Error) {
    let body = serde_json::json!({ "error": e });
    out(&serde_json::to_string_pretty(&body).unwrap_or_default());
}

/// Prints a line to stdout; a closed pipe (`yibao … | head`) is not an error.
fn out(s: &str) {
    let _ = writeln!(std::io::stdout().lock(), "{s}");
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("quote") => answer(args.get(1..).unwrap_or_default(), quote),
        Some("household") => answer(args.get(1..).unwrap_or_default(), household),
        Some("policy") => policy(args.get(1..).unwrap_or_default()),
        Some("policies") => {
            out(&serde_json::to_string_pretty(&yibao::policies()).unwrap_or_default());
            ExitCode::SUCCESS
        }
        Some("-h" | "--help" | "help") => {
            out(USAGE);
            ExitCode::SUCCESS
        }
        _ => {
            let _ = writeln!(std::io::stderr(), "{USAGE}");
            ExitCode::from(2)
        }
    }
}

/// One person's answer as JSON or text.
fn quote(json: &str, text: bool) -> Result<String, yibao::Error> {
    let q = yibao::quote_json(json)?;
    Ok(if text { yibao::text::render(&q) } else { serde_json::to_string_pretty(&q).unwrap_or_default() })
}

/// A household's answer as JSON or text.
fn household(json: &str, text: bool) -> Result<String, yibao::Error> {
    let h = yibao::household_json(json)?;
    Ok(if text { yibao::text::render_household(&h) } else { serde_json::to_string_pretty(&h).unwrap_or_default() })
}

/// `yibao quote` and `yibao household`: the request from stdin or
/// `--input`, the answer in `--format`.
fn answer(args: &[String], run: fn(&str, bool) -> Result<String, yibao::Error>) -> ExitCode {
    let mut input: Option<&str> = None;
    let mut text = false;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--input" => match it.next() {
                Some(f) => input = Some(f),
                None => return fail("invalid_value", "", "--input 后面请写请求文件的路径。"),
            },
            "--format" => match it.next().map(String::as_str) {
                Some("json") => text = false,
                Some("text") => text = true,
                _ => return fail("invalid_value", "", "--format 只能是 json 或 text。"),
            },
            other => return fail("invalid_value", "", &format!("不认识的参数“{other}”。{USAGE}")),
        }
    }
    let mut json = String::new();
    let read = match input {
        Some(f) => std::fs::read_to_string(f).map(|s| json = s),
        None => std::io::stdin().read_to_string(&mut json).map(|_| ()),
    };
    if let Err(e) = read {
        return fail("invalid_json", "", &format!("无法读取请求：{e}"));
    }
    match run(&json, text) {
        Ok(s) => {
            out(&s);
            ExitCode::SUCCESS
        }
        Err(e) => {
            print_error(&e);
            ExitCode::from(2)
        }
    }
}

/// `yibao policy check FILE…` (exit 0 when every file is valid, 1 when a
/// problem was found, 2 on a file that cannot be read) and `yibao policy
/// diff A B` (ids of compiled sets or policy files).
fn policy(args: &[String]) -> ExitCode {
    match (args.first().map(String::as_str), args.get(1..).unwrap_or_default()) {
        (Some("check"), files) if !files.is_empty() => {
            let mut bad = false;
            for f in files {
                let Ok(text) = std::fs::read_to_string(f) else {
                    let _ = writeln!(std::io::stderr(), "{f}：无法读取这个文件。");
                    return ExitCode::from(2);
                };
                let name = std::path::Path::new(f).file_stem().and_then(|s| s.to_str()).unwrap_or_default();
                let findings = yibao::tools::check(name, &text);
                if findings.is_empty() {
                    out(&format!("{f}：没有发现问题。"));
                }
                for x in &findings {
                    out(&format!("{f}：{x}"));
                }
                bad |= !findings.is_empty();
            }
            if bad {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            }
        }
        (Some("diff"), [a, b]) => match (load(a), load(b)) {
            (Ok(a), Ok(b)) => {
                out(&yibao::tools::diff(&a, &b));
                ExitCode::SUCCESS
            }
            (Err(e), _) | (_, Err(e)) => {
                let _ = writeln!(std::io::stderr(), "{e}");
                ExitCode::from(2)
            }
        },
        _ => {
            let _ = writeln!(std::io::stderr(), "{USAGE}");
            ExitCode::from(2)
        }
    }
}

/// A policy set by its id (compiled in) or from a file.
fn load(what: &str) -> Result<yibao::policy::Policy, String> {
    if let Some(p) = yibao::policy_sets().iter().find(|p| p.id == what) {
        return Ok(p.clone());
    }
    let text = std::fs::read_to_string(what).map_err(|_| format!("{what}：不是已有的政策 id，也无法作为文件读取。"))?;
    let findings = yibao::tools::check("", &text);
    if let Some(x) = findings.iter().find(|x| x.at != "id") {
        return Err(format!("{what}：{x}（先用 yibao policy check 修正）"));
    }
    toml::from_str(&text).map_err(|e| format!("{what}：{e}"))
}
