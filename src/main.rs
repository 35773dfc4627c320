//! `yibao`: the command-line host of the rules core.
//!
//! ```text
//! yibao quote [--input FILE] [--format json|text]   # request JSON on stdin or FILE
//! yibao household [--input FILE] [--format json|text]  # a household's request
//! yibao policies                                    # list the policy sets
//! yibao --version                                   # the release
//! yibao policy check FILE…                           # check policy files
//! yibao policy diff A B                              # what changes between two sets
//! yibao batch [--input FILE] [--output FILE] [--date YYYY-MM-DD] [--template]
//! ```
//! Exit 0 with a result (eligible or not); 2 on bad input, printing
//! `{"error": {"code", "field", "message"}}` on stdout.
//!
//! Arguments are read as the operating system gives them (`OsString`,
//! through lexopt): a file name is a path whatever its bytes (a GBK name
//! from a Windows zip, say). The request is read up to
//! [`yibao::request::MAX_REQUEST_BYTES`] and no further.

// mimalloc rather than the system's malloc: a household keeps its members'
// answers alive at once, and glibc's malloc then takes its slow paths (make
// bench: a household of 10 was 1.40x its 10 single quotes with it, 1.13x
// with mimalloc; `yibao batch` does not grow with the rows either way).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use lexopt::Arg::{Long, Short, Value};
use std::ffi::{OsStr, OsString};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use yibao::error::Code;
use yibao::request::{too_large, MAX_REQUEST_BYTES};

const USAGE: &str = "用法：
  yibao quote [--input 文件] [--format json|text]   从标准输入或文件读取一个 JSON 请求，输出结果
  yibao household [--input 文件] [--format json|text]   全家一起算：全家合计、每位成员、各自如何参保
  yibao policies                                    列出政策（地区、待遇年度、依据文件）
  yibao batch [--input 名单] [--output 结果] [--date 日期]
                                                    按名单（CSV 或 Excel）逐行计算，输出 CSV（--output 结果.xlsx 输出 Excel）；--template 输出模板
  yibao policy check 文件…                          检查政策文件，列出每个问题和所在的行
  yibao policy diff 甲 乙                           列出两套政策（id 或文件）之间的变化
  yibao policy schema                               输出政策文件的 JSON Schema（编辑器用）
  yibao --version                                   版本（所含政策见 yibao policies）
示例：
  yibao quote --format text --input examples/yuyao-2024-adult.json";

fn fail(code: Code, message: &str) -> ExitCode {
    print_error(&yibao::Error::new(code, "", message));
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

/// An argument as the message quotes it.
fn shown(arg: &lexopt::Arg<'_>) -> String {
    match arg {
        Short(c) => format!("-{c}"),
        Long(name) => format!("--{name}"),
        Value(v) => v.to_string_lossy().into_owned(),
    }
}

fn unknown(arg: &lexopt::Arg<'_>) -> ExitCode {
    fail(Code::InvalidValue, &format!("不认识的参数“{}”。{USAGE}", shown(arg)))
}

fn main() -> ExitCode {
    let mut args = lexopt::Parser::from_env();
    let command = match args.next() {
        Ok(Some(Value(c))) => c,
        Ok(Some(Short('h') | Long("help"))) => {
            out(USAGE);
            return ExitCode::SUCCESS;
        }
        Ok(Some(Short('V') | Long("version"))) => {
            out(&format!("yibao {}", yibao::VERSION));
            return ExitCode::SUCCESS;
        }
        _ => return usage_error(),
    };
    match command.to_str() {
        Some("quote") => answer(&mut args, quote),
        Some("household") => answer(&mut args, household),
        Some("policy") => policy(&mut args),
        Some("batch") => batch(&mut args),
        Some("policies") => match args.next() {
            Ok(None) => {
                out(&serde_json::to_string_pretty(&yibao::policies()).unwrap_or_default());
                ExitCode::SUCCESS
            }
            Ok(Some(a)) => unknown(&a),
            Err(e) => fail(Code::InvalidValue, &format!("参数有误：{e}。{USAGE}")),
        },
        Some("help") => {
            out(USAGE);
            ExitCode::SUCCESS
        }
        _ => usage_error(),
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
fn answer(args: &mut lexopt::Parser, run: fn(&str, bool) -> Result<String, yibao::Error>) -> ExitCode {
    let mut input: Option<PathBuf> = None;
    let mut text = false;
    loop {
        let arg = match args.next() {
            Ok(Some(a)) => a,
            Ok(None) => break,
            Err(e) => return fail(Code::InvalidValue, &format!("参数有误：{e}。{USAGE}")),
        };
        match arg {
            Long("input") => match args.value() {
                Ok(f) => input = Some(f.into()),
                Err(_) => return fail(Code::InvalidValue, "--input 后面请写请求文件的路径。"),
            },
            Long("format") => match args.value().map(OsString::into_string) {
                Ok(Ok(f)) if f == "json" => text = false,
                Ok(Ok(f)) if f == "text" => text = true,
                _ => return fail(Code::InvalidValue, "--format 只能是 json 或 text。"),
            },
            Short('h') | Long("help") => {
                out(USAGE);
                return ExitCode::SUCCESS;
            }
            other => return unknown(&other),
        }
    }
    let json = match read_request(input.as_deref()) {
        Ok(json) => json,
        Err(e) => {
            print_error(&e);
            return ExitCode::from(2);
        }
    };
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

/// The request's text from `file` or stdin: at most `MAX_REQUEST_BYTES`
/// are read (`--input /dev/zero` ends there), and it must be UTF-8.
fn read_request(file: Option<&std::path::Path>) -> Result<String, yibao::Error> {
    let unreadable = |e: std::io::Error| {
        let what = match file {
            Some(f) => format!("请求文件“{}”", f.display()),
            None => "标准输入".to_string(),
        };
        let why = match e.kind() {
            std::io::ErrorKind::NotFound => "找不到这个文件".to_string(),
            std::io::ErrorKind::PermissionDenied => "没有读取权限".to_string(),
            _ => e.to_string(),
        };
        yibao::Error::new(Code::InvalidJson, "", format!("无法读取{what}：{why}。"))
    };
    // One byte more than allowed tells a request that is too large.
    let limit = u64::try_from(MAX_REQUEST_BYTES).unwrap_or(u64::MAX).saturating_add(1);
    let mut bytes = Vec::new();
    match file {
        Some(f) => std::fs::File::open(f).and_then(|f| f.take(limit).read_to_end(&mut bytes)),
        None => std::io::stdin().lock().take(limit).read_to_end(&mut bytes),
    }
    .map_err(unreadable)?;
    if bytes.len() > MAX_REQUEST_BYTES {
        return Err(too_large());
    }
    String::from_utf8(bytes).map_err(|e| {
        yibao::Error::new(
            Code::InvalidJson,
            "",
            format!(
                "请求不是 UTF-8 编码的文本（第{}个字节起）。请把请求文件另存为 UTF-8 编码。",
                e.utf8_error().valid_up_to() + 1
            ),
        )
    })
}

fn usage_error() -> ExitCode {
    let _ = writeln!(std::io::stderr(), "{USAGE}");
    ExitCode::from(2)
}

/// `yibao policy check FILE…` (exit 0 when every file is valid, 1 when a
/// problem was found, 2 on a file that cannot be read) and `yibao policy
/// diff A B` (ids of compiled sets or policy files).
fn policy(args: &mut lexopt::Parser) -> ExitCode {
    let mut words: Vec<OsString> = Vec::new();
    loop {
        match args.next() {
            Ok(Some(Value(v))) => words.push(v),
            Ok(None) => break,
            Ok(Some(_)) | Err(_) => return usage_error(),
        }
    }
    let (sub, rest) = match words.split_first() {
        Some((sub, rest)) => (sub.to_str(), rest),
        None => (None, &[][..]),
    };
    match (sub, rest) {
        (Some("check"), files) if !files.is_empty() => {
            let mut bad = false;
            for f in files.iter().map(Path::new) {
                let Ok(text) = std::fs::read_to_string(f) else {
                    let _ = writeln!(std::io::stderr(), "{}：无法读取这个文件。", f.display());
                    return ExitCode::from(2);
                };
                let name = f.file_stem().and_then(OsStr::to_str).unwrap_or_default();
                let findings = yibao::tools::check(name, &text);
                if findings.is_empty() {
                    out(&format!("{}：没有发现问题。", f.display()));
                }
                for x in &findings {
                    out(&format!("{}：{x}", f.display()));
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
        (Some("schema"), []) => {
            print!("{}", yibao::schema::policy_schema());
            ExitCode::SUCCESS
        }
        _ => usage_error(),
    }
}

/// A policy set by its id (compiled in) or from a file.
fn load(what: &OsStr) -> Result<yibao::policy::Policy, String> {
    if let Some(p) = what.to_str().and_then(|id| yibao::policy_sets().iter().find(|p| p.id == id)) {
        return Ok(p.clone());
    }
    let shown = Path::new(what).display();
    let text =
        std::fs::read_to_string(what).map_err(|_| format!("{shown}：不是已有的政策 id，也无法作为文件读取。"))?;
    let findings = yibao::tools::check("", &text);
    if let Some(x) = findings.iter().find(|x| x.at != "id") {
        return Err(format!("{shown}：{x}（先用 yibao policy check 修正）"));
    }
    toml::from_str(&text).map_err(|e| format!("{shown}：{e}"))
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
fn batch(args: &mut lexopt::Parser) -> ExitCode {
    let refuse = |why: &str| {
        let _ = writeln!(std::io::stderr(), "{why}");
        ExitCode::from(2)
    };
    let (mut input, mut output, mut date): (Option<PathBuf>, Option<PathBuf>, Option<String>) = (None, None, None);
    loop {
        let arg = match args.next() {
            Ok(Some(a)) => a,
            Ok(None) => break,
            Err(e) => return refuse(&format!("参数有误：{e}。\n{USAGE}")),
        };
        match arg {
            Long("input") => match args.value() {
                Ok(f) => input = Some(f.into()),
                Err(_) => return refuse("--input 后面请写名单文件的路径。"),
            },
            Long("output") => match args.value() {
                Ok(f) => output = Some(f.into()),
                Err(_) => return refuse("--output 后面请写结果文件的路径。"),
            },
            Long("date") => match args.value().map(OsString::into_string) {
                Ok(Ok(d)) => date = Some(d),
                _ => return refuse("--date 请按 YYYY-MM-DD 填写，例如 2026-12-01。"),
            },
            Long("template") => {
                out(yibao::batch::template().trim_end());
                return ExitCode::SUCCESS;
            }
            other => return refuse(&format!("不认识的参数“{}”。\n{USAGE}", shown(&other))),
        }
    }
    let date = date.unwrap_or_else(today_in_china);
    if yibao::date::parse(&date).is_none() {
        let _ = writeln!(std::io::stderr(), "--date 请按 YYYY-MM-DD 填写，例如 2026-12-01。");
        return ExitCode::from(2);
    }
    if let (Some(i), Some(o)) = (&input, &output) {
        if same_file(i, o) {
            return refuse(&format!(
                "结果文件“{}”就是名单文件本身：写结果会覆盖名单。请给结果另起一个文件名，例如 结果.csv。",
                o.display()
            ));
        }
    }
    let extension = |f: &Path| f.extension().and_then(OsStr::to_str).map(str::to_ascii_lowercase);
    let kind = input.as_deref().and_then(extension);
    if matches!(kind.as_deref(), Some("xls" | "xlsb" | "ods" | "et")) {
        return refuse("只能读取 .xlsx 格式的 Excel 文件：请在 Excel 中把名单另存为“Excel 工作簿（.xlsx）”或“CSV UTF-8（逗号分隔）”后再试。");
    }
    let workbook = matches!(kind.as_deref(), Some("xlsx" | "xlsm"));
    // `--output 结果.xlsx`: a workbook (into a file only).
    let to_workbook = output.as_deref().and_then(extension).is_some_and(|x| x == "xlsx");
    let shown = input.as_deref().map_or_else(|| "标准输入".to_string(), |f| f.display().to_string());
    let work = |sink: &mut std::fs::File| {
        let to = if to_workbook {
            yibao::batch::To::Workbook(sink, yibao::batch::About { date: &date, input: &shown })
        } else {
            yibao::batch::To::Csv(sink)
        };
        read_list(input.as_deref(), workbook, to, &date)
    };
    let result = match &output {
        Some(f) => write_then_rename(f, work),
        None => read_list(input.as_deref(), workbook, yibao::batch::To::Csv(&mut std::io::stdout().lock()), &date),
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

/// Reads the list (a workbook, a CSV file or stdin) and answers it into `to`.
fn read_list(
    input: Option<&Path>,
    workbook: bool,
    to: yibao::batch::To<'_>,
    date: &str,
) -> Result<yibao::batch::Summary, yibao::batch::Unreadable> {
    match input {
        Some(f) if workbook => yibao::batch::run_xlsx(f, to, Some(date)),
        Some(f) => match std::fs::File::open(f) {
            Ok(file) => yibao::batch::run_to(file, to, Some(date)),
            Err(e) => Err(yibao::batch::Unreadable(format!("无法读取 {}：{e}", f.display()))),
        },
        None => yibao::batch::run_to(std::io::stdin().lock(), to, Some(date)),
    }
}

/// Whether two paths name one file (the same path, or the same inode by
/// a link): a list's answers must never be written over the list.
fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::metadata(a), std::fs::metadata(b)) {
        #[cfg(unix)]
        (Ok(x), Ok(y)) => {
            use std::os::unix::fs::MetadataExt;
            x.dev() == y.dev() && x.ino() == y.ino()
        }
        #[cfg(not(unix))]
        (Ok(_), Ok(_)) => std::fs::canonicalize(a).ok() == std::fs::canonicalize(b).ok(),
        _ => false,
    }
}

/// Writes the answers into a new file beside `path` and renames it into
/// place only when the run succeeds: an existing file is replaced then (as
/// asked), and a run that fails leaves every file as it was. Something
/// other than a file (`/dev/null`, a pipe) is written to directly.
fn write_then_rename<T>(
    path: &Path,
    work: impl FnOnce(&mut std::fs::File) -> Result<T, yibao::batch::Unreadable>,
) -> Result<T, yibao::batch::Unreadable> {
    use yibao::batch::Unreadable;
    let cannot = |e: std::io::Error| Unreadable(format!("无法写入 {}：{e}", path.display()));
    let existing = std::fs::metadata(path).ok();
    if existing.as_ref().is_some_and(|m| !m.is_file()) {
        let mut f = std::fs::OpenOptions::new().write(true).open(path).map_err(cannot)?;
        return work(&mut f);
    }
    let name = path.file_name().map_or_else(|| OsString::from("结果"), OsStr::to_os_string);
    let mut temp_name = OsString::from(".");
    temp_name.push(&name);
    temp_name.push(format!(".{}.tmp", std::process::id()));
    let temp = path.with_file_name(temp_name);
    let mut file = std::fs::OpenOptions::new().write(true).create_new(true).open(&temp).map_err(cannot)?;
    let done = work(&mut file).and_then(|t| {
        file.sync_all().map_err(cannot)?;
        if let Some(m) = &existing {
            let _ = std::fs::set_permissions(&temp, m.permissions());
        }
        std::fs::rename(&temp, path).map_err(cannot)?;
        Ok(t)
    });
    if done.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    done
}
