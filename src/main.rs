//! `yibao`: the command-line host of the rules core.
//!
//! ```text
//! yibao quote [--input FILE] [--format json|text]   # request JSON on stdin or FILE
//! yibao policies                                    # list the policy sets
//! ```
//! Exit 0 with a result (eligible or not); 2 on bad input, printing
//! `{"error": {"code", "field", "message"}}` on stdout.

use std::io::{Read, Write};
use std::process::ExitCode;

const USAGE: &str = "用法：
  yibao quote [--input 文件] [--format json|text]   从标准输入或文件读取一个 JSON 请求，输出结果
  yibao policies                                    列出政策（地区、待遇年度、依据文件）
  yibao batch [--input 名单] [--output 结果] [--date 日期]
                                                    按名单（CSV 或 Excel）逐行计算，输出 CSV；--template 输出模板
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
        Some("quote") => quote(args.get(1..).unwrap_or_default()),
        Some("policy") => policy(args.get(1..).unwrap_or_default()),
        Some("batch") => batch(args.get(1..).unwrap_or_default()),
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

fn quote(args: &[String]) -> ExitCode {
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
    match yibao::quote_json(&json) {
        Ok(q) => {
            if text {
                out(&yibao::text::render(&q));
            } else {
                out(&serde_json::to_string_pretty(&q).unwrap_or_default());
            }
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

/// Today in China (UTC+8, no daylight saving): the date of the question
/// for the rows of a list that give none. The host supplies it; the core
/// has no clock.
fn today_in_china() -> String {
    let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs());
    let days = (secs + 8 * 3600) / 86_400;
    let day = chrono::NaiveDate::from_ymd_opt(1970, 1, 1)
        .and_then(|d| d.checked_add_days(chrono::Days::new(days)))
        .unwrap_or_default();
    yibao::date::iso(day).to_string()
}

/// `yibao batch [--input FILE] [--output FILE] [--date YYYY-MM-DD]`, or
/// `--template`: exit 0 when the list was read (whatever its rows say), 2
/// when it cannot be read at all.
fn batch(args: &[String]) -> ExitCode {
    let (mut input, mut output, mut date) = (None, None, None);
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--input" => input = it.next(),
            "--output" => output = it.next(),
            "--date" => date = it.next().cloned(),
            "--template" => {
                out(yibao::batch::template().trim_end());
                return ExitCode::SUCCESS;
            }
            other => {
                let _ = writeln!(std::io::stderr(), "不认识的参数“{other}”。\n{USAGE}");
                return ExitCode::from(2);
            }
        }
    }
    let date = date.unwrap_or_else(today_in_china);
    if yibao::date::parse(&date).is_none() {
        let _ = writeln!(std::io::stderr(), "--date 请按 YYYY-MM-DD 填写，例如 2026-12-01。");
        return ExitCode::from(2);
    }
    let sink: Box<dyn Write> = match output {
        Some(f) => match std::fs::File::create(f) {
            Ok(file) => Box::new(file),
            Err(e) => {
                let _ = writeln!(std::io::stderr(), "无法写入 {f}：{e}");
                return ExitCode::from(2);
            }
        },
        None => Box::new(std::io::stdout().lock()),
    };
    let workbook = input.is_some_and(|f| {
        let f = f.to_ascii_lowercase();
        [".xlsx", ".xlsm", ".xls", ".ods"].iter().any(|x| f.ends_with(x))
    });
    let result = match input {
        Some(f) if workbook => yibao::batch::xlsx_rows(std::path::Path::new(f)).and_then(|(header, rows)| {
            let mut rows = rows.into_iter();
            let next = |rec: &mut csv::StringRecord| -> Result<bool, std::convert::Infallible> {
                rec.clear();
                Ok(rows.next().map(|r| r.iter().for_each(|c| rec.push_field(c))).is_some())
            };
            yibao::batch::write_all(header, next, sink, Some(&date))
        }),
        Some(f) => match std::fs::File::open(f) {
            Ok(file) => yibao::batch::run(file, sink, Some(&date)),
            Err(e) => Err(yibao::batch::Unreadable(format!("无法读取 {f}：{e}"))),
        },
        None => yibao::batch::run(std::io::stdin().lock(), sink, Some(&date)),
    };
    match result {
        Ok(summary) => {
            let _ = write!(std::io::stderr(), "查询日期 {date}（名单中没有日期的行按此计算）。\n{summary}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            let _ = writeln!(std::io::stderr(), "{e}");
            ExitCode::from(2)
        }
    }
}
