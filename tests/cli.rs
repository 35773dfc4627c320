//! The `yibao` binary as a user runs it: the examples of docs/cli.md, exit codes,
//! the error JSON on stdout, text output, the policy list, households.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)] // test code

use std::ffi::OsStr;
use std::io::Write;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn run(args: &[&str], stdin: &str) -> (i32, String) {
    run_os(args, stdin.as_bytes())
}

/// Runs the binary with arguments of any bytes; stops it (and fails) if it
/// has not finished after 20 s.
fn run_os<A: AsRef<OsStr>>(args: &[A], stdin: &[u8]) -> (i32, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_yibao"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // The program may exit before reading its input (bad arguments, a
    // request too large): a closed pipe here is not a failure.
    let mut input = child.stdin.take().unwrap();
    let stdin = stdin.to_vec();
    let writer = std::thread::spawn(move || {
        let _ = input.write_all(&stdin);
    });
    // Read the output meanwhile: an answer larger than the pipe's buffer
    // (64 KB) would otherwise keep the program from finishing.
    let mut stdout = child.stdout.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut out = Vec::new();
        let _ = std::io::Read::read_to_end(&mut stdout, &mut out);
        out
    });
    let start = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > Duration::from_secs(20) {
            let _ = child.kill();
            panic!("yibao {:?} did not finish in 20 s", args.iter().map(AsRef::as_ref).collect::<Vec<_>>());
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    let _ = writer.join();
    let status = child.wait().unwrap();
    (status.code().unwrap_or(-1), String::from_utf8(reader.join().unwrap()).unwrap())
}

fn json(s: &str) -> serde_json::Value {
    serde_json::from_str(s).unwrap()
}

#[test]
fn readme_examples_give_the_figures_of_the_notices() {
    // (file, figure paths and expected values, clause)
    type Figures = &'static [(&'static str, &'static str)];
    let cases: &[(&str, Figures, &str)] = &[
        (
            "examples/yuyao-2024-adult.json",
            &[
                ("/personal_fee", "780.00"),
                ("/ltc_fee", "30.00"),
                ("/subsidy", "2090.00"),
                ("/to_pay", "780.00"),
                ("/enrollment/status", "open"),
            ],
            "余政办发〔2023〕80号 二(一)3(1)",
        ),
        (
            "examples/yuyao-2024-bill.json",
            &[
                ("/yongningbao/premium", "100.00"),
                ("/yongningbao/payout/total", "10800.15"),
                ("/yongningbao/payout/own_share", "27200.35"),
            ],
            "附件3: 10,200 + 2,000.50 × 30%",
        ),
        (
            "examples/cixi-2023-infant-assisted.json",
            &[("/personal_fee", "630.00"), ("/assistance", "630.00"), ("/to_pay", "0.00"), ("/tier/id", "infant")],
            "慈溪通知 二(二)、二(三)",
        ),
        (
            "examples/baiyin-2023-dibao.json",
            &[
                ("/personal_fee", "350.00"),
                ("/assistance", "250.00"),
                ("/to_pay", "100.00"),
                ("/subsidy_split/1/amount", "110.80"),
            ],
            "市医保发〔2022〕47号 三2, 附表",
        ),
        (
            "examples/yuyao-2023-newborn.json",
            &[("/tier/id", "infant"), ("/personal_fee", "630.00"), ("/enrollment/channel", "offline_window")],
            "余政办发〔2022〕76号 二(三)",
        ),
    ];
    let readme = std::fs::read_to_string("docs/cli.md").unwrap();
    for (file, figures, clause) in cases {
        assert!(readme.contains(file), "docs/cli.md shows {file}");
        let (code, out) = run(&["quote", "--input", file], "");
        assert_eq!(code, 0, "{file}: {out}");
        let v = json(&out);
        for (path, want) in *figures {
            assert_eq!(v.pointer(path).and_then(|x| x.as_str()), Some(*want), "{file} {path} ({clause})");
        }
    }
}

#[test]
fn bad_input_exits_2_with_the_error_on_stdout() {
    let (code, out) = run(&["quote"], r#"{"region":"yuyao","birth_date":"1980-13-01","hukou":"local"}"#);
    assert_eq!(code, 2);
    let v = json(&out);
    assert_eq!(v["error"]["code"], "invalid_value");
    assert_eq!(v["error"]["field"], "birth_date");
    assert!(v["error"]["message"].as_str().unwrap().contains("YYYY-MM-DD"));
    let (code, out) = run(&["quote"], "");
    assert_eq!((code, json(&out)["error"]["code"].as_str()), (2, Some("invalid_json")));
    let (code, out) = run(&["quote", "--input", "/nonexistent.json"], "");
    assert_eq!((code, json(&out)["error"]["code"].as_str()), (2, Some("invalid_json")));
    let (code, _) = run(&["quote", "--format", "xml"], "{}");
    assert_eq!(code, 2);
    let (code, _) = run(&["frobnicate"], "");
    assert_eq!(code, 2);
}

#[test]
fn not_eligible_is_a_result_not_an_error() {
    let (code, out) = run(
        &["quote"],
        r#"{"region":"yuyao","benefit_year":2024,"birth_date":"1980-01-01","hukou":"local","employee_insurance":true}"#,
    );
    assert_eq!(code, 0);
    assert_eq!(json(&out)["eligible"], false);
}

#[test]
fn text_format_reads_out_the_answer() {
    let (code, out) = run(&["quote", "--format", "text", "--input", "examples/yuyao-2024-bill.json"], "");
    assert_eq!(code, 0);
    // The next step first (issue 23 point 2), then the answer's year.
    assert!(out.starts_with("下一步：2024年度集中参保期至2023年12月25日截止，在此之前："), "{out}");
    assert!(
        out.lines().nth(1).is_some_and(|l| l == "【余姚市2024年度城乡居民医保】依据：余政办发〔2023〕80号"),
        "{out}"
    );
    assert!(out.contains("个人缴费780元（其中30元为长期护理保险）"));
    assert!(out.contains("30,000 − 6,000 起付线 → 24,000 计入分段；6,000–20,000 段 14,000 × 30% = 4,200"));
    assert!(out.contains("以医保经办机构核定为准"));
    let (_, out) = run(&["quote", "--format", "text", "--input", "examples/cixi-2023-infant-assisted.json"], "");
    assert!(out.contains("推断"), "Cixi's name is an inference: {out}");
}

#[test]
fn policies_lists_every_set_with_its_document() {
    let (code, out) = run(&["policies"], "");
    assert_eq!(code, 0);
    let v = json(&out);
    let rows: Vec<(String, i64, String)> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["id"].as_str().unwrap().into(),
                p["benefit_year"].as_i64().unwrap(),
                p["document"].as_str().unwrap().into(),
            )
        })
        .collect();
    assert_eq!(rows.len(), 4);
    assert!(rows.contains(&("yuyao-2024".into(), 2024, "余政办发〔2023〕80号".into())));
    assert!(rows.contains(&("yuyao-2023".into(), 2023, "余政办发〔2022〕76号".into())));
    assert!(rows.contains(&("baiyin-2023".into(), 2023, "市医保发〔2022〕47号".into())));
    assert!(rows.iter().any(|r| r.0 == "cixi-2023" && r.2.contains("推断")));
}

#[test]
fn version_is_the_release_of_cargo_toml() {
    for flag in ["--version", "-V"] {
        let (code, out) = run(&[flag], "");
        assert_eq!(code, 0);
        assert_eq!(out, format!("yibao {}\n", env!("CARGO_PKG_VERSION")));
    }
    assert_eq!(yibao::VERSION, env!("CARGO_PKG_VERSION"));
}

const ADULT: &str =
    r#"{"region":"yuyao","benefit_year":2024,"date":"2023-11-01","birth_date":"1980-05-17","hukou":"local"}"#;

/// The error of a run that exits 2.
fn error_of(code: i32, out: &str) -> serde_json::Value {
    assert_eq!(code, 2, "{out}");
    json(out)["error"].clone()
}

#[test]
fn a_file_name_that_is_not_utf8_is_a_path_like_any_other() {
    use std::os::unix::ffi::OsStrExt;
    // 请求.json in GBK, as a Windows zip names it.
    let dir = std::env::temp_dir().join(format!("yibao-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join(OsStr::from_bytes(b"\xc7\xeb\xc7\xf3.json"));
    std::fs::write(&file, ADULT).unwrap();
    let (code, out) = run_os(&[OsStr::new("quote"), OsStr::new("--input"), file.as_os_str()], b"");
    assert_eq!(code, 0, "{out}");
    assert_eq!(json(&out)["personal_fee"], "780.00");
    // Missing, it is named in the message (its bytes shown as best they can).
    std::fs::remove_file(&file).unwrap();
    let (code, out) = run_os(&[OsStr::new("quote"), OsStr::new("--input"), file.as_os_str()], b"");
    let e = error_of(code, &out);
    assert_eq!(e["code"], "invalid_json");
    assert!(e["message"].as_str().unwrap().contains("找不到这个文件"), "{e}");
    // An argument that is not UTF-8 is an unknown argument, not a panic.
    let (code, out) = run_os(&[OsStr::new("quote"), OsStr::from_bytes(b"\xff--x")], b"");
    assert!(error_of(code, &out)["message"].as_str().unwrap().starts_with("不认识的参数"));
    let (code, _) = run_os(&[OsStr::from_bytes(b"\xc7\xeb")], b"");
    assert_eq!(code, 2);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_request_over_1_mib_is_refused_without_reading_the_rest() {
    let limit = yibao::request::MAX_REQUEST_BYTES;
    // /dev/zero never ends: reading stops at the limit.
    let (code, out) = run(&["quote", "--input", "/dev/zero"], "");
    let e = error_of(code, &out);
    assert_eq!((e["code"].as_str(), e["field"].as_str()), (Some("too_large"), Some("")));
    assert!(e["message"].as_str().unwrap().contains("1 MB"), "{e}");
    // Exactly the limit is read; one byte more is too large. (Padded with
    // spaces, which JSON allows.)
    let at_limit = ADULT.to_string() + &" ".repeat(limit - ADULT.len());
    let (code, out) = run(&["quote"], &at_limit);
    assert_eq!((code, json(&out)["personal_fee"].as_str()), (0, Some("780.00")));
    let (code, out) = run(&["quote"], &format!("{at_limit} "));
    assert_eq!(error_of(code, &out)["code"], "too_large");
    // 100 MB on stdin: the same error.
    let (code, out) = run_os(&["quote"], &vec![b' '; 100 << 20]);
    assert_eq!(error_of(code, &out)["code"], "too_large");
}

#[test]
fn a_request_must_be_utf8_and_may_start_with_a_byte_order_mark() {
    let (code, out) = run(&["quote", "--format", "text"], &format!("\u{feff}{ADULT}"));
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("个人缴费780元"), "{out}");
    // GBK text: a clear error, not the reader's English.
    let mut gbk = br#"{"region":"yuyao","hukou":""#.to_vec();
    gbk.extend(b"\xb1\xbe\xca\xd0\"}");
    let (code, out) = run_os(&["quote"], &gbk);
    let e = error_of(code, &out);
    assert_eq!(e["code"], "invalid_json");
    assert!(e["message"].as_str().unwrap().contains("UTF-8"), "{e}");
}

#[test]
fn policy_check_and_diff_for_the_bureaus_staff() {
    // Every shipped file is valid.
    let (code, out) = run(&["policy", "check", "policies/yuyao-2024.toml", "policies/baiyin-2023.toml"], "");
    assert_eq!(code, 0, "{out}");
    assert_eq!(out.matches("没有发现问题").count(), 2, "{out}");
    // A broken one: its problems in Chinese with their lines, exit 1.
    let dir = std::env::temp_dir().join(format!("yibao-check-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let broken = dir.join("yuyao-2024.toml");
    let text = std::fs::read_to_string("policies/yuyao-2024.toml").unwrap();
    std::fs::write(&broken, text.replacen(r#"end = "2023-12-25""#, r#"end = "2023-10-01""#, 1)).unwrap();
    let (code, out) = run(&["policy", "check", broken.to_str().unwrap()], "");
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("第") && out.contains("行（enrollment.end）：结束日 2023-10-01 早于开始日 2023-10-10"),
        "{out}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
    // A file that is not there.
    assert_eq!(run(&["policy", "check", "policies/none.toml"], "").0, 2);
    // The changes from 2023 to 2024 (余政办发〔2022〕76号 → 〔2023〕80号): the window and
    // the new outpatient limit.
    let (code, out) = run(&["policy", "diff", "yuyao-2023", "yuyao-2024"], "");
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("| 集中参保期 | 2022-09-15 至 2022-12-25 | 2023-10-10 至 2023-12-25 |"), "{out}");
    assert!(out.contains("门诊医疗费年度最高支付限额从4000元提高至5000元") && out.contains("| （无） | 有 |"), "{out}");
    // A file against a compiled set.
    let (code, out) = run(&["policy", "diff", "policies/yuyao-2024.toml", "yuyao-2024"], "");
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("（没有变化）"), "{out}");
}

// `yibao household` (tests/household.rs checks the answers themselves).

const FAMILY: &str = "examples/households/yuyao-2024-family.json";
const MIGRANTS: &str = "examples/households/cixi-2023-migrant-family.json";

fn household(file: &str) -> serde_json::Value {
    serde_json::to_value(yibao::household_json(&std::fs::read_to_string(file).unwrap()).unwrap()).unwrap()
}

#[test]
fn household_json_is_the_library_answer() {
    let readme = std::fs::read_to_string("docs/cli.md").unwrap();
    assert!(readme.contains(FAMILY) && readme.contains(MIGRANTS), "docs/cli.md shows both households");
    let (code, out) = run(&["household", "--input", FAMILY], "");
    assert_eq!(code, 0, "{out}");
    let v = json(&out);
    assert_eq!(v, household(FAMILY));
    // 780 + 290 + 630 + 780 + 780 less 王秀英's 780 (余政办发〔2023〕80号 二(一)3, 4(3)①)
    assert_eq!(v["totals"]["to_pay"], "2480.00");
    // From stdin, the same.
    let (code, out) = run(&["household"], &std::fs::read_to_string(MIGRANTS).unwrap());
    assert_eq!(code, 0);
    assert_eq!(json(&out), household(MIGRANTS));
}

#[test]
fn household_text_reads_the_total_first_then_each_member() {
    let (code, out) = run(&["household", "--format", "text", "--input", FAMILY], "");
    assert_eq!(code, 0, "{out}");
    // Each member's next step first (issue 23 point 2), then the household.
    let steps = out.lines().take_while(|l| l.starts_with("下一步·")).count();
    assert!(steps >= 2, "{out}");
    assert!(out.starts_with("下一步·张伟（本人）：已参加职工医疗保险的人员不参加居民医保"), "{out}");
    assert!(out.contains("王秀英（父母）：由政府全额资助参保，无需个人操作。"), "80号 二(一)4(3)①: {out}");
    let lines: Vec<&str> = out.lines().skip(steps).collect();
    assert_eq!(lines[0], "【余姚市2024年度城乡居民医保·全家6人】依据：余政办发〔2023〕80号");
    assert!(
        lines[1].starts_with("全家合计：居民医保5人，个人缴费 3,260元，资助 780元，实际需缴 2,480元"),
        "{}",
        lines[1]
    );
    assert!(lines[1].contains("天一甬宁保6人，保费 500元，需缴 400元"), "{}", lines[1]);
    let blocks: Vec<&&str> = lines.iter().filter(|l| l.chars().next().is_some_and(|c| c.is_ascii_digit())).collect();
    assert_eq!(blocks.len(), 6, "{out}");
    assert!(
        blocks[0].starts_with("1. 张伟（本人）：已参加职工医保，不参加居民医保。天一甬宁保 保费 100元，需缴 100元。"),
        "{}",
        blocks[0]
    );
    assert!(
        blocks[5].contains("王秀英（父母）：成年居民档，个人缴费 780元，资助 780元，需缴 0元；无需个人办理。"),
        "{}",
        blocks[5]
    );
    assert!(out.contains("职工账户：张伟（本人）已参加职工医保。"), "{out}");
    assert!(out.ends_with("以上为按公开文件的估算，以医保经办机构核定为准；每位成员的详细答复可单独查询。\n"));
    let (_, out) = run(&["household", "--format", "text", "--input", MIGRANTS], "");
    assert!(out.contains("   新生儿：王乐乐（子女）是非本市户籍的0-6个月新生儿"), "{out}");
    assert!(out.contains("说明：") && out.contains("推断"), "Cixi's name is an inference: {out}");
}

#[test]
fn household_bad_input_exits_2_with_the_members_field() {
    let req = r#"{"region":"yuyao","members":[{"relation":"self","birth_date":"1980-01-01","hukou":"local"},
        {"name":"小明","relation":"child","birth_date":"2015-02-30","hukou":"local"}]}"#;
    let (code, out) = run(&["household"], req);
    assert_eq!(code, 2, "{out}");
    let v = json(&out);
    assert_eq!(v["error"]["field"], "members[1].birth_date");
    assert!(v["error"]["message"].as_str().unwrap().starts_with("第2位家庭成员："));
    let (code, out) = run(&["household"], "");
    assert_eq!((code, json(&out)["error"]["code"].as_str()), (2, Some("invalid_json")));
    assert_eq!(run(&["household", "--format", "xml"], "{}").0, 2);
}
