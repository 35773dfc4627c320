//! Lists a clerk can trust (issue 25): nothing lost, nothing run in Excel,
//! bounded work, no silent wrong answers, words and the year in every row.
//! Each test is a defect of the lists before it; the hostile files are made
//! here, nothing large is committed.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)] // test code

mod common;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// A folder of its own for a test, removed at the end.
struct Dir(PathBuf);

impl Dir {
    fn new(name: &str) -> Dir {
        let d = std::env::temp_dir().join(format!("yibao-lists-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        std::fs::create_dir_all(&d).unwrap();
        Dir(d)
    }
    fn file(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let p = self.0.join(name);
        std::fs::write(&p, bytes).unwrap();
        p
    }
    fn names(&self) -> Vec<String> {
        let mut v: Vec<String> =
            std::fs::read_dir(&self.0).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into()).collect();
        v.sort();
        v
    }
}

impl Drop for Dir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

const LIST: &str = "姓名,地区,出生日期,户籍\n赵六,余姚市,1980-05-17,本市户籍\n";

/// The answers' header and rows, and the summary.
type Answers = (Vec<String>, Vec<Vec<String>>, yibao::batch::Summary);

/// Runs a list through the library.
fn answers(input: &[u8], date: &str) -> Result<Answers, String> {
    let mut out = Vec::new();
    let sum = yibao::batch::run(input, &mut out, Some(date)).map_err(|e| e.0)?;
    let text = String::from_utf8(out).unwrap();
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let mut rows = rdr.records().map(|r| r.unwrap().iter().map(str::to_string).collect::<Vec<_>>());
    let header = rows.next().unwrap();
    Ok((header, rows.collect(), sum))
}

fn col<'a>(header: &[String], row: &'a [String], name: &str) -> &'a str {
    let i = header.iter().position(|h| h == name).unwrap_or_else(|| panic!("no column {name} in {header:?}"));
    &row[i]
}

// ---- 1. Nothing lost

#[test]
fn the_list_is_never_written_over() {
    let d = Dir::new("same");
    let list = d.file("名单.csv", LIST.as_bytes());
    // The same path, another spelling of it, a hard link, a symbolic link.
    let dotted = d.0.join(".").join("名单.csv");
    let hard = d.0.join("硬链接.csv");
    std::fs::hard_link(&list, &hard).unwrap();
    let soft = d.0.join("软链接.csv");
    std::os::unix::fs::symlink(&list, &soft).unwrap();
    for out in [&list, &dotted, &hard, &soft] {
        let (code, _, err) = common::cli(&["batch", "--input", s(&list), "--output", s(out)], b"");
        assert_eq!(code, 2, "{}: {err}", out.display());
        assert!(err.contains("就是名单文件本身"), "{err}");
        assert_eq!(std::fs::read_to_string(&list).unwrap(), LIST, "the list as it was");
    }
}

#[test]
fn a_failed_run_leaves_every_file_as_it_was() {
    let d = Dir::new("failed");
    let existing = d.file("existing.txt", b"kept");
    // A list that cannot be found.
    let (code, _, err) = common::cli(&["batch", "--input", s(&d.0.join("missing.csv")), "--output", s(&existing)], b"");
    assert_eq!(code, 2, "{err}");
    assert_eq!(std::fs::read(&existing).unwrap(), b"kept");
    // A list refused after some rows were answered (a cell past the bound).
    let late = format!("{LIST}钱七,余姚市,1980-05-17,{}\n", "x".repeat(70_000));
    let list = d.file("late.csv", late.as_bytes());
    let (code, _, err) = common::cli(&["batch", "--input", s(&list), "--output", s(&existing)], b"");
    assert_eq!(code, 2, "{err}");
    assert_eq!(std::fs::read(&existing).unwrap(), b"kept");
    assert_eq!(d.names(), ["existing.txt", "late.csv"], "no file left behind");
    // A run that succeeds replaces the output, as asked.
    let good = d.file("good.csv", LIST.as_bytes());
    let (code, _, err) =
        common::cli(&["batch", "--input", s(&good), "--output", s(&existing), "--date", "2024-06-01"], b"");
    assert_eq!(code, 0, "{err}");
    assert!(std::fs::read_to_string(&existing).unwrap().starts_with("\u{feff}姓名,地区"));
    assert_eq!(d.names(), ["existing.txt", "good.csv", "late.csv"]);
    // Something other than a file is written to as it is.
    let (code, _, err) = common::cli(&["batch", "--input", s(&good), "--output", "/dev/null"], b"");
    assert_eq!(code, 0, "{err}");
}

// ---- 2. Excel-safe cells

#[test]
fn no_cell_of_the_answers_is_run_by_a_spreadsheet() {
    let list = "姓名,=备注,地区,出生日期,户籍,bill_in_scope\n\
        \"=HYPERLINK(\"\"http://x\"\",\"\"点我\"\")\",+1,余姚市,1980-05-17,本市户籍,\n\
        @SUM(A1),-5,余姚市,1980-05-17,本市户籍,-5\n\
        \"\tx\",\"\rY\",余姚市,1980-05-17,本市户籍,\n";
    let (header, rows, _) = answers(list.as_bytes(), "2024-06-01").unwrap();
    assert_eq!(header[1], "'=备注", "a header cell too");
    assert_eq!(rows[0][0], "'=HYPERLINK(\"http://x\",\"点我\")");
    assert_eq!((rows[0][1].as_str(), rows[1][0].as_str(), rows[1][1].as_str()), ("'+1", "'@SUM(A1)", "'-5"));
    assert_eq!((rows[2][0].as_str(), rows[2][1].as_str()), ("'\tx", "'\rY"));
    // Our own cells: money is never negative; a negative amount a row gives is refused in words.
    assert_eq!(col(&header, &rows[1], "错误列"), "bill_in_scope");
    for row in rows.iter().chain([&header]) {
        for c in row {
            assert!(!matches!(c.as_bytes().first(), Some(b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r')), "{c:?}");
        }
    }
    // The page's worker gives the same bytes (Steps, the lists' WASM module).
    let mut cli_bytes = Vec::new();
    yibao::batch::run(list.as_bytes(), &mut cli_bytes, Some("2024-06-01")).unwrap();
    let mut steps = yibao::batch::Steps::new(list.to_string(), Some("2024-06-01"), 10, 10).unwrap();
    let mut page = Vec::new();
    while !steps.done() {
        page.extend(steps.step(1).unwrap());
    }
    assert_eq!(page, cli_bytes);
    // The page shows the cells as the list has them.
    assert_eq!(steps.take_kept()[0].cells[0], "=HYPERLINK(\"http://x\",\"点我\")");
}

#[test]
fn a_result_file_read_back_is_answered_again() {
    let list = "姓名,地区,出生日期,户籍\n=甲,余姚市,1980-05-17,本市户籍\n乙,余姚市,1980-02-30,本市户籍\n";
    let mut once = Vec::new();
    yibao::batch::run(list.as_bytes(), &mut once, Some("2024-06-01")).unwrap();
    let mut twice = Vec::new();
    yibao::batch::run(once.as_slice(), &mut twice, Some("2024-06-01")).unwrap();
    assert_eq!(String::from_utf8(twice).unwrap(), String::from_utf8(once.clone()).unwrap(), "the same answers, once");
    // In English too, and one written before the year columns.
    let english = "name,region,birth_date,hukou\n-x,yuyao,1980-05-17,local\n";
    let mut once = Vec::new();
    yibao::batch::run(english.as_bytes(), &mut once, Some("2024-06-01")).unwrap();
    let mut twice = Vec::new();
    yibao::batch::run(once.as_slice(), &mut twice, Some("2024-06-01")).unwrap();
    assert_eq!(twice, once);
    let old = "name,region,birth_date,hukou,eligible,tier,personal_fee,ltc_fee,subsidy,assistance,to_pay,total_funding,yongningbao_premium,yongningbao_to_pay,yongningbao_payout,reason,error_field,error_message\n\
        a,yuyao,1980-05-17,local,是,成年居民档,999.00,,,,999.00,,,,,旧的,,\n";
    let (header, rows, _) = answers(old.as_bytes(), "2024-06-01").unwrap();
    assert_eq!(header.iter().filter(|h| *h == "to_pay").count(), 1, "{header:?}");
    assert_eq!(col(&header, &rows[0], "to_pay"), "780.00");
}

// ---- 3. Bounds, before the work

#[test]
fn a_row_without_end_is_refused_as_it_is_read() {
    let t = Instant::now();
    let (code, out, err) = common::cli(&["batch", "--input", "/dev/zero"], b"");
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("1 MiB") && out.is_empty(), "{err}");
    assert!(t.elapsed() < Duration::from_secs(20), "{:?}", t.elapsed());
    // A header of 40 MB (the page's worker trapped on it), through the page's reader.
    let long = format!("{},地区,出生日期,户籍\n", "a".repeat(40 << 20));
    let e = yibao::batch::Steps::new(long, None, 1, 1).err().unwrap();
    assert!(e.0.contains("1 MiB"), "{e}");
}

#[test]
fn cells_columns_and_records_are_bounded() {
    let cell = format!("姓名,地区,出生日期,户籍\n{},余姚市,1980-05-17,本市户籍\n", "甲".repeat(30_000));
    let e = answers(cell.as_bytes(), "2024-06-01").unwrap_err();
    assert!(e.contains("第2行第1列") && e.contains("64 KiB"), "{e}");
    let wide = format!("地区,出生日期,户籍{}\n余姚市,1980-05-17,本市户籍\n", ",x".repeat(1000));
    let e = answers(wide.as_bytes(), "2024-06-01").unwrap_err();
    assert!(e.contains("1003 列") && e.contains("1000"), "{e}");
    let record = format!(
        "地区,出生日期,户籍,a,b,c,d,e,f,g,h,i,j,k,l,m,n,o,p,q\n余姚市,1980-05-17,本市户籍{}\n",
        format!(",{}", "x".repeat(60_000)).repeat(18)
    );
    let e = answers(record.as_bytes(), "2024-06-01").unwrap_err();
    assert!(e.contains("1 MiB"), "{e}");
    // At the bounds, answered.
    let ok =
        format!("备注,地区,出生日期,户籍{}\n{},余姚市,1980-05-17,本市户籍\n", ",x".repeat(996), "x".repeat(65_536));
    let (_, rows, _) = answers(ok.as_bytes(), "2024-06-01").unwrap();
    assert_eq!(rows.len(), 1);
}

#[test]
fn identities_and_column_names_take_linear_work() {
    // A cell of 64 KiB of identities: one pass (the scan restarted after each match).
    let ids = "低保对象；".repeat(65_536 / "低保对象；".len());
    let list = format!("地区,出生日期,户籍,特殊身份\n余姚市,1980-05-17,本市户籍,{ids}\n");
    let t = Instant::now();
    let (header, rows, _) = answers(list.as_bytes(), "2024-06-01").unwrap();
    assert!(t.elapsed() < Duration::from_secs(2), "{:?}", t.elapsed());
    assert_eq!(col(&header, &rows[0], "实际需缴"), "0.00");
    // A long ASCII header is carried, not compared with every known name.
    let list = format!("{},region,birth_date,hukou\nx,yuyao,1980-05-17,local\n", "b".repeat(60_000));
    let t = Instant::now();
    let (_, rows, _) = answers(list.as_bytes(), "2024-06-01").unwrap();
    assert!(t.elapsed() < Duration::from_secs(2), "{:?}", t.elapsed());
    assert_eq!(rows.len(), 1);
    // A short one still gets its near miss.
    let e = answers(b"region,birth_dat,hukou\n", "2024-06-01").unwrap_err();
    assert!(e.contains("birth_date"), "{e}");
}

/// A workbook of one sheet whose XML is `sheet`, with `shared` strings.
fn workbook(sheet: &str, shared: Option<&[u8]>) -> Vec<u8> {
    use zip::write::SimpleFileOptions;
    let mut z = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let o = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    let parts: [(&str, &[u8]); 4] = [
        ("[Content_Types].xml", br#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/></Types>"#),
        ("_rels/.rels", br#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#),
        ("xl/workbook.xml", br#"<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="s" sheetId="1" r:id="rId1"/></sheets></workbook>"#),
        ("xl/_rels/workbook.xml.rels", br#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#),
    ];
    for (name, bytes) in parts {
        z.start_file(name, o).unwrap();
        z.write_all(bytes).unwrap();
    }
    z.start_file("xl/worksheets/sheet1.xml", o).unwrap();
    z.write_all(format!(r#"<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">{sheet}</worksheet>"#).as_bytes()).unwrap();
    if let Some(shared) = shared {
        z.start_file("xl/sharedStrings.xml", o).unwrap();
        z.write_all(shared).unwrap();
    }
    z.finish().unwrap().into_inner()
}

fn inline(r: &str, t: &str) -> String {
    format!(r#"<c r="{r}" t="inlineStr"><is><t>{t}</t></is></c>"#)
}

#[test]
fn a_workbook_is_bounded_before_it_is_read() {
    let d = Dir::new("xlsx");
    let header =
        format!("<row r=\"1\">{}{}{}</row>", inline("A1", "地区"), inline("B1", "出生日期"), inline("C1", "户籍"));
    let row2 = format!(
        "<row r=\"2\">{}{}{}</row>",
        inline("A2", "余姚市"),
        inline("B2", "1980-05-17"),
        inline("C2", "本市户籍")
    );
    // A cell declared at XFD1048576 (the process aborted on 512 GB).
    let far = d.file(
        "far.xlsx",
        &workbook(&format!(r#"<dimension ref="A1:XFD1048576"/><sheetData>{header}{row2}</sheetData>"#), None),
    );
    let t = Instant::now();
    let (code, _, err) = common::cli(&["batch", "--input", s(&far)], b"");
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("16384 列"), "{err}");
    // The same cell undeclared, with a value.
    let cell = d.file(
        "cell.xlsx",
        &workbook(
            &format!("<sheetData>{header}{row2}<row r=\"1048576\">{}</row></sheetData>", inline("XFD1048576", "x")),
            None,
        ),
    );
    let (code, _, err) = common::cli(&["batch", "--input", s(&cell)], b"");
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("1048576行第16384列"), "{err}");
    // Rows far apart are not filled in between.
    let gap = d.file(
        "gap.xlsx",
        &workbook(
            &format!("<sheetData>{header}{row2}<row r=\"1000000\">{}</row></sheetData>", inline("A1000000", "余姚市")),
            None,
        ),
    );
    let (code, out, err) = common::cli(&["batch", "--input", s(&gap), "--date", "2024-06-01"], b"");
    assert_eq!((code, out.lines().count()), (0, 3), "{err}");
    // A string of 70 MB compressed to a little: refused as it decompresses.
    let big = format!(
        r#"<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>{}</t></si></sst>"#,
        "a".repeat(70 << 20)
    );
    let bomb = d.file("bomb.xlsx", &workbook(&format!("<sheetData>{header}</sheetData>"), Some(big.as_bytes())));
    assert!(std::fs::metadata(&bomb).unwrap().len() < 1 << 20);
    let (code, _, err) = common::cli(&["batch", "--input", s(&bomb)], b"");
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("64 MB"), "{err}");
    assert!(t.elapsed() < Duration::from_secs(30), "{:?}", t.elapsed());
    // .xls and .ods are not read: the clerk is told to save as .xlsx.
    let xls = d.file("old.xls", b"\xd0\xcf\x11\xe0");
    let (code, _, err) = common::cli(&["batch", "--input", s(&xls)], b"");
    assert_eq!(code, 2);
    assert!(err.contains(".xlsx"), "{err}");
}

// ---- 4. No silent wrong answers

#[test]
fn two_columns_for_one_field_stop_the_run() {
    let e = answers(
        "姓名,出生日期,地区,户籍,birth_date\n甲,1980-05-17,余姚市,本市户籍,2024-01-01\n".as_bytes(),
        "2024-06-01",
    )
    .unwrap_err();
    assert!(e.contains("“出生日期”和“birth_date”"), "{e}");
    let e =
        answers("地区,出生日期,户籍,户口\n余姚市,1980-05-17,本市户籍,本市户籍\n".as_bytes(), "2024-06-01").unwrap_err();
    assert!(e.contains("“户籍”和“户口”"), "{e}");
    let (code, _, err) = common::cli(&["batch"], "出生日期,地区,户籍,生日\n".as_bytes());
    assert_eq!(code, 2);
    assert!(err.contains("“出生日期”和“生日”"), "{err}");
}

#[test]
fn a_replaced_character_is_reported() {
    // UTF-8 for the first 64 KiB, then a row in GBK.
    let mut list = String::from("姓名,地区,出生日期,户籍,备注\n");
    while list.len() < 70_000 {
        list.push_str("赵六,余姚市,1980-05-17,本市户籍,\n");
    }
    let rows_before = list.lines().count();
    let mut bytes = list.into_bytes();
    let (gbk, _, _) = encoding_rs::GBK.encode("钱七,余姚市,1980-05-17,本市户籍,备注\n");
    bytes.extend_from_slice(&gbk);
    let (_, _, sum) = answers(&bytes, "2024-06-01").unwrap();
    let at = rows_before + 1;
    assert_eq!(sum.replaced, 4, "{sum:?}");
    let cols: Vec<(usize, &str)> = sum.replaced_at.iter().map(|(r, c)| (*r, c.as_str())).collect();
    assert_eq!(cols, [(at, "姓名"), (at, "地区"), (at, "户籍"), (at, "备注")]);
    let line = sum.to_string();
    assert!(line.contains(&format!("第{at}行“姓名”列")) && line.contains("�"), "{line}");
    let (code, _, err) = common::cli(&["batch", "--date", "2024-06-01"], &bytes);
    assert_eq!(code, 0);
    assert!(err.contains(&format!("第{at}行“姓名”列")), "{err}");
}

// ---- 5. Words, not ids; the year in every row

#[test]
fn chinese_headers_get_chinese_answer_columns_and_words() {
    let list = "姓名,地区,县区,出生日期,户籍,特殊身份\n\
        甲,余姚市,,1980-05-17,外星,\n\
        乙,白银市,北京,1980-05-17,本市户籍,\n\
        丙,余姚市,,1980-05-17,本市户籍,\n";
    let (header, rows, _) = answers(list.as_bytes(), "2026-12-06").unwrap();
    let answer: Vec<&str> = header[6..].iter().map(String::as_str).collect();
    assert_eq!(
        answer,
        [
            "能否参保",
            "档次",
            "个人缴费",
            "长护险",
            "财政补助",
            "资助",
            "实际需缴",
            "筹资合计",
            "甬宁保保费",
            "甬宁保需缴",
            "甬宁保赔付",
            "计算年度",
            "估算说明",
            "说明",
            "错误列",
            "错误说明"
        ]
    );
    let message = col(&header, &rows[0], "错误说明");
    assert!(message.contains("本市户籍") && !message.contains("local"), "{message}");
    let message = col(&header, &rows[1], "错误说明");
    assert!(message.contains("会宁县") && !message.contains("huining"), "{message}");
    assert_eq!(col(&header, &rows[1], "错误列"), "县区");
    // No answer column's name is an input column's.
    for (en, zh) in yibao::batch::OUTPUT {
        for (field, names) in yibao::batch::COLUMNS {
            assert!(en != field && !names.contains(zh), "{en} / {zh}");
        }
    }
    // 2026-12-06 is answered for 2027, beyond the newest notice: said in every row.
    assert_eq!(col(&header, &rows[2], "计算年度"), "2027");
    let mark = col(&header, &rows[2], "估算说明");
    assert!(mark.contains("估算") && mark.contains("2024年度") && mark.contains("2027年度"), "{mark}");
}

#[test]
fn english_field_names_keep_their_columns_with_the_year() {
    let list = "name,region,birth_date,hukou\na,yuyao,1980-05-17,local\n";
    let (header, rows, _) = answers(list.as_bytes(), "2023-11-01").unwrap();
    let answer: Vec<&str> = header[4..].iter().map(String::as_str).collect();
    assert_eq!(
        answer,
        [
            "eligible",
            "tier",
            "personal_fee",
            "ltc_fee",
            "subsidy",
            "assistance",
            "to_pay",
            "total_funding",
            "yongningbao_premium",
            "yongningbao_to_pay",
            "yongningbao_payout",
            "answered_year",
            "estimate",
            "reason",
            "error_field",
            "error_message"
        ]
    );
    // 余政办发〔2023〕80号: on 2023-11-01 the 2024 benefit year, on file: no estimate.
    assert_eq!((col(&header, &rows[0], "answered_year"), col(&header, &rows[0], "estimate")), ("2024", ""));
}

// ---- 6. A workbook out

/// A clerk's list for the workbook tests: an 18-digit 身份证号 and one
/// ending in X, a formula's text and a leading '-' carried through, and a
/// row with an impossible date (its error column).
const CLERKS_LIST: &str = "姓名,身份证号,地区,出生日期,户籍,特殊身份,备注\n\
    张三,330281196005170011,余姚市,1960-05-17,本市户籍,低保对象,=HYPERLINK(\"http://x\")\n\
    李四,33028119800101002X,余姚市,1980-02-30,本市户籍,,-5\n";

#[test]
fn a_gbk_list_goes_out_as_a_workbook_with_its_id_numbers_intact() {
    use calamine::{Data, Reader};
    let d = Dir::new("xlsx-out");
    let list = CLERKS_LIST;
    let (gbk, _, bad) = encoding_rs::GBK.encode(list);
    assert!(!bad);
    let input = d.file("名单.csv", &gbk);
    let out = d.0.join("结果.xlsx");
    let (code, stdout, err) =
        common::cli(&["batch", "--input", s(&input), "--output", s(&out), "--date", "2026-12-06"], b"");
    assert_eq!(code, 0, "{err}");
    assert!(stdout.is_empty());
    let mut wb: calamine::Xlsx<_> = calamine::open_workbook(&out).unwrap();
    assert_eq!(wb.sheet_names(), ["结果", "说明"]);
    let range = wb.worksheet_range("结果").unwrap();
    let rows: Vec<Vec<Data>> = range.rows().map(<[Data]>::to_vec).collect();
    let text = |d: &Data| d.to_string();
    let header: Vec<String> = rows[0].iter().map(text).collect();
    assert_eq!(&header[..3], ["姓名", "身份证号", "地区"]);
    assert!(header.contains(&"实际需缴".to_string()) && header.contains(&"计算年度".to_string()), "{header:?}");
    let at = |name: &str| header.iter().position(|h| h == name).unwrap();
    // Text cells, as written: 18 digits intact, a formula's text never run, no leading '.
    assert_eq!(rows[1][at("身份证号")], Data::String("330281196005170011".into()));
    assert_eq!(rows[2][at("身份证号")], Data::String("33028119800101002X".into()));
    assert_eq!(rows[1][at("备注")], Data::String("=HYPERLINK(\"http://x\")".into()));
    assert_eq!(rows[2][at("备注")], Data::String("-5".into()));
    // Money as numbers; the year as a number.
    assert_eq!(rows[1][at("个人缴费")], Data::Float(780.0));
    assert_eq!(rows[1][at("计算年度")], Data::Float(2027.0));
    assert_eq!(rows[2][at("错误列")], Data::String("出生日期".into()));
    // No formula anywhere.
    let formulas = wb.worksheet_formula("结果").unwrap();
    assert!(formulas.used_cells().all(|(_, _, f)| f.is_empty()));
    // 说明: the date asked, the notice by number, the estimate mark, the totals.
    let about: Vec<String> = wb
        .worksheet_range("说明")
        .unwrap()
        .rows()
        .map(|r| r.iter().map(|c| c.to_string()).collect::<Vec<_>>().join(" "))
        .collect();
    let about = about.join("\n");
    for want in ["查询日期 2026-12-06", "余政办发〔2023〕80号", "估算", "共 2 行", "名单.csv"] {
        assert!(about.contains(want), "{want}: {about}");
    }
    // An existing workbook is not touched by a failed run.
    let (code, _, _) = common::cli(&["batch", "--input", s(&d.0.join("missing.csv")), "--output", s(&out)], b"");
    assert_eq!(code, 2);
    assert!(calamine::open_workbook::<calamine::Xlsx<_>, _>(&out).is_ok());
    // And it reads back in as a list, answered again.
    let (code, again, err) = common::cli(&["batch", "--input", s(&out), "--date", "2026-12-06"], b"");
    assert_eq!(code, 0, "{err}");
    assert!(again.lines().nth(1).unwrap().contains("330281196005170011"), "{again}");
    assert_eq!(again.lines().next().unwrap().matches("实际需缴").count(), 1);
}

/// The page's workbook (Steps::workbook, what the workbooks' WASM module
/// runs) holds what the CLI's does: the same sheets and cells read back,
/// dated the day asked (never the clock); a workbook's text
/// (workbook_text) is the list the CLI reads.
#[test]
fn the_pages_workbook_is_the_clis() {
    use calamine::{Data, Reader};
    let d = Dir::new("xlsx-page");
    let list = CLERKS_LIST;
    let input = d.file("名单.csv", list.as_bytes());
    let mut steps = yibao::batch::Steps::new(list.to_string(), Some("2026-12-06"), 10, 10).unwrap();
    // The list's name as the CLI's 说明 gives it (the page gives the file's name).
    steps.workbook(s(&input)).unwrap();
    assert!(steps.take_workbook().is_err(), "not before every row is answered");
    let mut csv = Vec::new();
    while !steps.done() {
        csv.extend(steps.step(1).unwrap());
    }
    assert!(steps.workbook("again").is_err(), "not after the first step");
    let page = steps.take_workbook().unwrap();
    assert!(steps.take_workbook().is_err(), "once");
    let cli_book = d.0.join("结果.xlsx");
    let (code, _, err) =
        common::cli(&["batch", "--input", s(&input), "--output", s(&cli_book), "--date", "2026-12-06"], b"");
    assert_eq!(code, 0, "{err}");
    // The CSV beside it is the CLI's.
    let (_, cli_csv, _) = common::cli(&["batch", "--input", s(&input), "--date", "2026-12-06"], b"");
    assert_eq!(String::from_utf8(csv).unwrap(), cli_csv);
    let read = |bytes: Vec<u8>| {
        let mut wb = calamine::Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
        let names = wb.sheet_names();
        let sheets: Vec<Vec<Vec<Data>>> =
            names.iter().map(|n| wb.worksheet_range(n).unwrap().rows().map(<[Data]>::to_vec).collect()).collect();
        (names, sheets)
    };
    let (names, sheets) = read(page.clone());
    assert_eq!(names, ["结果", "说明"]);
    assert_eq!(sheets[0][1][1], Data::String("330281196005170011".into()));
    assert_eq!(sheets[0][1][6], Data::String("=HYPERLINK(\"http://x\")".into()));
    assert_eq!(read(std::fs::read(&cli_book).unwrap()), (names, sheets));
    // Dated the day asked: its creation date, in docProps/core.xml.
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(page.clone())).unwrap();
    let mut core = String::new();
    std::io::Read::read_to_string(&mut z.by_name("docProps/core.xml").unwrap(), &mut core).unwrap();
    assert!(core.contains(">2026-12-06T00:00:00Z<"), "{core}");
    // The workbook read as a list's text: what the CLI reads from it.
    let text = yibao::batch::workbook_text(&page).unwrap();
    let (_, from_text, _) = common::cli(&["batch", "--date", "2026-12-06"], text.as_bytes());
    let (_, from_book, _) = common::cli(&["batch", "--input", s(&cli_book), "--date", "2026-12-06"], b"");
    assert_eq!(from_text, from_book);
    assert!(text.contains("330281196005170011"));
    // A date that is not one gives no workbook.
    let mut steps = yibao::batch::Steps::new(list.to_string(), Some("明天"), 1, 1).unwrap();
    assert!(steps.workbook("x").unwrap_err().0.contains("不是日期"));
}

/// The page's workbook is built in memory: past MAX_PAGE_WORKBOOK_ROWS it
/// is given up with words for people, and the CSV goes on to the end.
#[test]
fn the_pages_workbook_is_bounded() {
    let n = yibao::batch::MAX_PAGE_WORKBOOK_ROWS + 1;
    let mut list = String::from("地区,出生日期,户籍\n");
    for _ in 0..n {
        list.push_str("余姚市,1980-05-17,本市户籍\n");
    }
    let mut steps = yibao::batch::Steps::new(list, Some("2026-12-06"), 0, 0).unwrap();
    steps.workbook("大名单.csv").unwrap();
    let mut lines = 0;
    while !steps.done() {
        lines += steps.step(5000).unwrap().iter().filter(|b| **b == b'\n').count();
    }
    assert_eq!(lines, n + 1, "every row in the CSV");
    let why = steps.workbook_refused().unwrap();
    assert!(why.contains("10 万行") && why.contains("CSV"), "{why}");
    assert_eq!(steps.take_workbook().unwrap_err().0, why);
}
