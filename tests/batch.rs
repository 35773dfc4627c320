//! Lists for village staff (`yibao batch`): every output row is what
//! `yibao quote` says for the same request; encodings, Chinese headers and
//! values, bad rows and unreadable files; an Excel workbook.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)] // test code

mod common;
use proptest::prelude::*;

/// Runs a list through the library and reads the answers back.
fn answers(input: &[u8]) -> Result<(Vec<String>, Vec<Vec<String>>), String> {
    let mut out = Vec::new();
    yibao::batch::run(input, &mut out, Some("2023-11-01")).map_err(|e| e.0)?;
    Ok(parse(&out))
}

/// The answers' CSV as its header and rows.
fn parse(out: &[u8]) -> (Vec<String>, Vec<Vec<String>>) {
    assert!(out.starts_with("\u{feff}".as_bytes()), "UTF-8 with a BOM for Excel");
    let text = std::str::from_utf8(out).unwrap();
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let mut rows = rdr.records().map(|r| r.unwrap().iter().map(str::to_string).collect::<Vec<_>>());
    let header = rows.next().unwrap();
    (header, rows.collect())
}

/// A cell by its column's name; an answer column by either of its names
/// (a file with Chinese headers gets Chinese answer columns).
fn col<'a>(header: &[String], row: &'a [String], name: &str) -> &'a str {
    let other = yibao::batch::OUTPUT.iter().find(|(en, zh)| *en == name || *zh == name);
    let i = header
        .iter()
        .position(|h| h == name || other.is_some_and(|(en, zh)| h == en || h == zh))
        .unwrap_or_else(|| panic!("no column {name} in {header:?}"));
    &row[i]
}

/// A message in words for people: no interface id, no format code.
fn for_people(s: &str) -> bool {
    !s.as_bytes().windows(2).any(|w| w.iter().all(|b| b.is_ascii_alphabetic() || *b == b'_'))
}

/// The figure columns of a row as `yibao quote` gives them.
fn expected(json: &str) -> Vec<String> {
    match yibao::quote_json(json) {
        Err(e) => vec![String::new(); 11].into_iter().chain([e.message]).collect(),
        Ok(q) => {
            let m = |m: Option<yibao::money::Money>| m.map(yibao::money::Money::fixed).unwrap_or_default();
            let y = q.yongningbao.as_ref();
            vec![
                match q.eligible {
                    Some(true) => "是".into(),
                    Some(false) => "否".into(),
                    None => "待定".into(),
                },
                q.tier.as_ref().map(|t| t.name.to_string()).unwrap_or_default(),
                m(q.personal_fee),
                m(q.ltc_fee),
                m(q.subsidy),
                m(q.assistance),
                m(q.to_pay),
                m(q.total_funding),
                m(y.and_then(|y| y.premium)),
                m(y.and_then(|y| y.to_pay)),
                m(y.and_then(|y| y.payout.as_ref()).map(|p| p.total)),
                q.reason.to_string(),
            ]
        }
    }
}

const FIGURES: [&str; 11] = [
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
];

fn row_strategy() -> impl Strategy<Value = (usize, String, bool, bool, usize, Vec<usize>, Option<u32>, bool)> {
    (
        0usize..8,
        (1925i32..=2023, 1u32..=12, 1u32..=28).prop_map(|(y, m, d)| format!("{y:04}-{m:02}-{d:02}")),
        any::<bool>(),
        any::<bool>(),
        0usize..3,
        proptest::collection::vec(0usize..16, 0..3),
        proptest::option::of(0u32..200_000),
        proptest::bool::weighted(0.1),
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 40, ..ProptestConfig::default() })]

    /// Every output row equals what `yibao quote` says for the same request.
    #[test]
    fn every_row_is_the_quote_of_its_request(rows in proptest::collection::vec(row_strategy(), 1..25)) {
        let sets = yibao::policy_sets();
        let mut csv = String::from("name,region,benefit_year,district,birth_date,hukou,residence_permit,school,identities,bill_in_scope\n");
        let mut requests = Vec::new();
        for (n, (set, birth, local, permit, school, ids, bill, broken)) in rows.iter().enumerate() {
            let p = &sets[set % sets.len()];
            let district = p.districts.first().map(|d| d.id.to_string()).unwrap_or_default();
            let ids: Vec<String> = ids.iter().map(|i| p.identities[i % p.identities.len()].id.to_string()).collect();
            let school = ["none", "primary_secondary", "college"][*school];
            let hukou = if *local { "local" } else { "nonlocal" };
            let birth = if *broken { "1980-02-30".to_string() } else { birth.clone() };
            let bill_cell = bill.map(|b| b.to_string()).unwrap_or_default();
            csv.push_str(&format!(
                "person {n},{},{},{district},{birth},{hukou},{permit},{school},{},{bill_cell}\n",
                p.region, p.benefit_year, ids.join(";")
            ));
            let mut json = serde_json::json!({
                "region": &*p.region, "benefit_year": p.benefit_year, "date": "2023-11-01", "birth_date": birth,
                "hukou": hukou, "residence_permit": permit, "school": school, "identities": ids,
            });
            if !district.is_empty() {
                json["district"] = district.into();
            }
            if let Some(b) = bill {
                json["bill"] = serde_json::json!({ "in_scope": b });
            }
            requests.push(json.to_string());
        }
        let (header, out) = answers(csv.as_bytes()).unwrap();
        prop_assert_eq!(out.len(), requests.len(), "one output row per input row");
        for (i, (row, json)) in out.iter().zip(&requests).enumerate() {
            prop_assert_eq!(col(&header, row, "name"), format!("person {i}"), "in order, carried through");
            let mut got: Vec<String> = FIGURES.iter().map(|f| col(&header, row, f).to_string()).collect();
            let reason = col(&header, row, "reason").to_string();
            let message = col(&header, row, "error_message").to_string();
            let mut want = expected(json);
            // An error in the page's words: the quote's own where it is words.
            if !message.is_empty() && !for_people(&want[11]) {
                prop_assert!(for_people(&message) && !message.is_empty(), "{}", message);
                want[11] = message.clone();
            }
            got.push(if message.is_empty() { reason } else { message });
            prop_assert_eq!(got, want, "{}", json);
        }
    }
}

#[test]
fn chinese_headers_and_values_as_the_page_shows_them() {
    let list = "姓名,身份证号,地区,县区,出生日期,户籍,居住证,在读情况,职工医保,特殊身份,前湾新区\n\
        张三,330281196005170011,余姚市,,1960/5/17,本市户籍,否,不在读,否,低保对象,\n\
        李四,620422195001010022,白银市,会宁县,1950-01-01,本市户籍,否,不在读,否,农村一、二类低保和城市低保全额保障对象；已脱贫人口（过渡期内，2022年标准）,\n\
        王五,330282201206010033,慈溪,,2012-06-01,非本市户籍,是,中小学生,否,,是\n";
    let (header, rows) = answers(list.as_bytes()).unwrap();
    assert_eq!(rows.len(), 3);
    // 余政办发〔2023〕80号 二(一)4(3)①: 低保 pays nothing.
    assert_eq!((col(&header, &rows[0], "to_pay"), col(&header, &rows[0], "身份证号")), ("0.00", "330281196005170011"));
    // 市医保发〔2022〕47号 三: 250, 就高不重复 → 100 to pay.
    assert_eq!((col(&header, &rows[1], "assistance"), col(&header, &rows[1], "to_pay")), ("250.00", "100.00"));
    // 慈溪通知 二(二): a pupil with a permit in 前湾新区, 290.
    assert_eq!(
        (col(&header, &rows[2], "tier"), col(&header, &rows[2], "to_pay")),
        ("中小学生档（含其他未成年人）", "290.00")
    );
    assert!(rows.iter().all(|r| col(&header, r, "error_message").is_empty()), "{rows:?}");
}

#[test]
fn gbk_and_utf8_with_bom_are_read() {
    let list = "姓名,地区,出生日期,户籍\n赵六,余姚市,1980-05-17,本市户籍\n";
    let (gbk, _, bad) = encoding_rs::GBK.encode(list);
    assert!(!bad && std::str::from_utf8(&gbk).is_err(), "the fixture is GBK");
    let with_bom = [b"\xef\xbb\xbf".as_slice(), list.as_bytes()].concat();
    for (what, bytes) in [("GBK", gbk.to_vec()), ("UTF-8 with BOM", with_bom), ("UTF-8", list.as_bytes().to_vec())] {
        let (header, rows) = answers(&bytes).unwrap();
        assert_eq!(header[0], "姓名", "{what}");
        assert_eq!((col(&header, &rows[0], "姓名"), col(&header, &rows[0], "to_pay")), ("赵六", "780.00"), "{what}");
    }
    // GB18030 beyond GBK (a rare character) too.
    let rare = "姓名,地区,出生日期,户籍\n𠀀,余姚市,1980-05-17,本市户籍\n";
    let (gb, _, _) = encoding_rs::GB18030.encode(rare);
    let (header, rows) = answers(&gb).unwrap();
    assert_eq!(col(&header, &rows[0], "姓名"), "𠀀");
}

#[test]
fn a_bad_row_gets_its_error_and_the_rest_go_on() {
    let list = "name,region,birth_date,hukou,residence_permit\n\
        a,yuyao,1980-05-17,local,false\n\
        b,yuyao,1980-02-30,local,false\n\
        c,yuyao,1980-05-17,local,maybe\n\
        d,ningbo,1980-05-17,local,false\n\
        e,yuyao,1980-05-17,local,false\n";
    let (header, rows) = answers(list.as_bytes()).unwrap();
    assert_eq!(rows.len(), 5, "nothing dropped");
    let err = |r: &[String]| (col(&header, r, "error_field").to_string(), col(&header, r, "error_message").to_string());
    assert_eq!(err(&rows[0]).0, "");
    assert_eq!(err(&rows[1]).0, "birth_date");
    assert!(err(&rows[1]).1.contains("1980-05-17"), "{:?}", err(&rows[1]));
    assert_eq!(err(&rows[2]).0, "residence_permit");
    assert!(err(&rows[2]).1.contains("是 或 否"));
    assert_eq!(err(&rows[3]).0, "region");
    assert_eq!(col(&header, &rows[4], "to_pay"), "780.00");
    // The column as the file names it.
    let (header, rows) = answers("地区,出生日期,户籍\n余姚市,2月30日,本市户籍\n".as_bytes()).unwrap();
    assert_eq!(col(&header, &rows[0], "error_field"), "出生日期");
}

#[test]
fn files_that_cannot_be_read_say_why() {
    let e = answers("name,region,birth_dat,hukou\na,yuyao,1980-05-17,local\n".as_bytes()).unwrap_err();
    assert!(e.contains("birth_dat") && e.contains("birth_date"), "the nearest known name: {e}");
    let e = answers("region,birth_date,hukuo\n".as_bytes()).unwrap_err();
    assert!(e.contains("hukou"), "{e}");
    let e = answers("name,region,birth_date\n".as_bytes()).unwrap_err();
    assert!(e.contains("缺少必需的列") && e.contains("户籍"), "{e}");
    let e = answers(b"").unwrap_err();
    assert!(e.contains("空"), "{e}");
    let e = answers(br#"{"region":"yuyao","birth_date":"1980-05-17"}"#).unwrap_err();
    assert!(e.contains("不像居民名单"), "{e}");
    // Other columns, ASCII ones too, are carried through.
    let (header, rows) =
        answers("name,id,phone,region,birth_date,hukou\nx,1,139,yuyao,1980-05-17,local\n".as_bytes()).unwrap();
    assert_eq!((col(&header, &rows[0], "id"), col(&header, &rows[0], "phone")), ("1", "139"));
}

#[test]
fn the_cli_streams_a_list_and_sums_it_up() {
    let list = "姓名,地区,出生日期,户籍,特殊身份\n甲,余姚市,1980-05-17,本市户籍,\n乙,余姚市,1950-05-17,本市户籍,低保对象\n丙,余姚市,1980-13-01,本市户籍,\n";
    let (code, out, err) = common::cli(&["batch", "--date", "2023-11-01"], list.as_bytes());
    assert_eq!(code, 0, "{err}");
    assert_eq!(out.lines().count(), 4, "{out}");
    assert!(err.contains("共 3 行：已计算 2 行，有错误 1 行"), "{err}");
    assert!(
        err.contains("成年居民档 2 人") && err.contains("获资助 1 人") && err.contains("实际需缴合计 780元"),
        "{err}"
    );
    // Exit 2 when the list cannot be read.
    let (code, _, err) = common::cli(&["batch"], b"region,birth_dat,hukou\n");
    assert_eq!((code, err.contains("birth_date")), (2, true), "{err}");
    // The template is a list the batch reads.
    let (code, template, _) = common::cli(&["batch", "--template"], b"");
    assert_eq!(code, 0);
    let (code, out, err) = common::cli(&["batch", "--date", "2023-11-01"], template.as_bytes());
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("有错误 0 行"), "{err}\n{out}");
    // --output writes the file.
    let path = std::env::temp_dir().join(format!("yibao-batch-{}.csv", std::process::id()));
    let (code, _, _) = common::cli(&["batch", "--output", path.to_str().unwrap()], list.as_bytes());
    assert_eq!(code, 0);
    assert!(std::fs::read_to_string(&path).unwrap().starts_with("\u{feff}姓名"));
    std::fs::remove_file(&path).unwrap();
}

#[test]
fn an_excel_workbook_is_read_too() {
    let path = std::env::temp_dir().join(format!("yibao-batch-{}.xlsx", std::process::id()));
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    for (c, h) in ["姓名", "地区", "出生日期", "户籍", "特殊身份"].iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    ws.write_string(1, 0, "孙七").unwrap();
    ws.write_string(1, 1, "余姚市").unwrap();
    // A real Excel date cell, as a clerk's sheet has it.
    let day = rust_xlsxwriter::ExcelDateTime::from_ymd(1950, 5, 17).unwrap();
    let format = rust_xlsxwriter::Format::new().set_num_format("yyyy-mm-dd");
    ws.write_datetime_with_format(1, 2, &day, &format).unwrap();
    ws.write_string(1, 3, "本市户籍").unwrap();
    ws.write_string(1, 4, "低保对象").unwrap();
    wb.save(&path).unwrap();
    let (code, out, err) = common::cli(&["batch", "--input", path.to_str().unwrap(), "--date", "2023-11-01"], b"");
    std::fs::remove_file(&path).unwrap();
    assert_eq!(code, 0, "{err}");
    let row = out.lines().nth(1).unwrap();
    assert!(
        row.starts_with("孙七,余姚市,1950-05-17,本市户籍,低保对象,是,成年居民档,780.00,30.00,2090.00,780.00,0.00"),
        "{row}"
    );
}

/// The page's worker answers a list a few rows at a time (`Steps`, in the
/// `batch` WASM module): the joined bytes are the CLI's for the same text.
fn stepped(text: &str, rows: usize, first: usize, errors: usize) -> (Vec<u8>, Vec<yibao::batch::Kept>, Vec<f64>) {
    let mut steps = yibao::batch::Steps::new(text.to_string(), Some("2023-11-01"), first, errors).unwrap();
    let (mut out, mut kept, mut progress) = (Vec::new(), Vec::new(), vec![steps.progress()]);
    while !steps.done() {
        out.extend(steps.step(rows).unwrap());
        kept.extend(steps.take_kept());
        progress.push(steps.progress());
    }
    (out, kept, progress)
}

/// A list with every kind of row: answered, errors of each column, cells
/// with quotes, commas and line breaks, rows shorter and longer than the
/// header, a BOM.
fn awkward_list(n: usize, seed: u64) -> String {
    let mut s = String::from("\u{feff}姓名,地区,出生日期,户籍,居住证,特殊身份,bill_in_scope,备注\n");
    let mut x = seed;
    for i in 0..n {
        x = x.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        let r = (x >> 33) as usize;
        let birth = ["1980-05-17", "1950/1/2", "2020.03.04", "1980-02-30", "19990101", "明天"][r % 6];
        let hukou = ["本市户籍", "非本市户籍", "local", "外星"][(r / 6) % 4];
        let permit = ["是", "否", "", "也许"][(r / 24) % 4];
        let ids = ["", "低保对象", "特困供养对象；低保对象", "不存在的身份"][(r / 96) % 4];
        let bill = ["", "30000", "1,200.50元", "-5"][(r / 384) % 4];
        let region = ["余姚市", "yuyao", "慈溪", "baiyin", "北京"][(r / 1536) % 5];
        let note = ["", "有\"引号\"", "逗号,在里面", "换行\n在里面"][(r / 7680) % 4];
        match r % 17 {
            0 => s.push_str(&format!("短行{i},{region}\n")),
            1 => s.push_str(&format!("长行{i},{region},{birth},{hukou},{permit},{ids},{bill},,多,出,来\n")),
            _ => s.push_str(&format!(
                "居民{i},{region},{birth},{hukou},{permit},{ids},\"{bill}\",\"{}\"\n",
                note.replace('"', "\"\"")
            )),
        }
    }
    s
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    /// However many rows a step answers, the bytes are what `yibao batch`
    /// writes, and the rows kept are the first ones and the first with an
    /// error, as the answers hold them.
    #[test]
    fn steps_give_the_clis_bytes(n in 0usize..120, seed in any::<u64>(), rows in 1usize..40, first in 0usize..12, errors in 0usize..12) {
        let text = awkward_list(n, seed);
        let mut cli = Vec::new();
        let sum = yibao::batch::run(text.as_bytes(), &mut cli, Some("2023-11-01")).unwrap();
        let (out, kept, progress) = stepped(&text, rows, first, errors);
        prop_assert_eq!(&out, &cli);
        prop_assert!(progress.windows(2).all(|w| w[0] <= w[1]) && progress.last() == Some(&1.0), "{:?}", progress);
        let (header, all) = parse(&cli);
        prop_assert_eq!(all.len(), n);
        let want: Vec<usize> = (0..n)
            .filter(|&i| {
                let bad = !col(&header, &all[i], "error_message").is_empty();
                let earlier = (0..i).filter(|&j| !col(&header, &all[j], "error_message").is_empty()).count();
                i < first || (bad && earlier < errors)
            })
            .collect();
        prop_assert_eq!(kept.iter().map(|k| k.row - 2).collect::<Vec<_>>(), want);
        for k in &kept {
            // As the answers hold them, without the `'` before a leading `-` ….
            let cells: Vec<String> = all[k.row - 2].iter().map(|c| yibao::batch::unprefix(c).to_string()).collect();
            prop_assert_eq!(&k.cells, &cells);
            prop_assert_eq!(k.error.is_some(), !col(&header, &k.cells, "error_message").is_empty());
        }
        let mut steps = yibao::batch::Steps::new(text.clone(), Some("2023-11-01"), 0, 0).unwrap();
        prop_assert_eq!(steps.header(), header);
        while !steps.done() {
            steps.step(1000).unwrap();
        }
        prop_assert_eq!(steps.summary(), &sum);
    }
}

#[test]
fn steps_refuse_what_the_cli_refuses() {
    for text in ["", "name,region,birth_dat,hukou\n", "name,region,birth_date\n", "{\"region\":\"yuyao\"}"] {
        let cli = yibao::batch::run(text.as_bytes(), Vec::new(), None).unwrap_err();
        let steps = yibao::batch::Steps::new(text.to_string(), None, 5, 5).err().unwrap();
        // The same, but where the template is.
        assert_eq!(steps.0, cli.0.replace("yibao batch --template 的模板", "本页“下载模板”的模板"), "{text:?}");
    }
    // A header alone: the BOM and the header row, then done.
    let (out, kept, _) = stepped("地区,出生日期,户籍\n", 10, 5, 5);
    assert_eq!(String::from_utf8(out).unwrap().lines().count(), 1);
    assert!(kept.is_empty());
    // A kept error says its request field.
    let (_, kept, _) =
        stepped("地区,出生日期,户籍\n余姚市,1980-02-30,本市户籍\n余姚市,1980-05-17,本市户籍\n", 10, 0, 5);
    assert_eq!(kept.iter().map(|k| (k.row, k.error.as_deref())).collect::<Vec<_>>(), [(2, Some("birth_date"))]);
}

#[test]
fn a_row_longer_than_the_header_keeps_its_answer_under_the_header() {
    let (header, rows) = answers("地区,出生日期,户籍\n余姚市,1980-05-17,本市户籍,多出来的\n".as_bytes()).unwrap();
    // 余政办发〔2023〕80号 二(一)3(1): an adult pays 780.
    assert_eq!(col(&header, &rows[0], "to_pay"), "780.00");
    assert_eq!(rows[0].len(), header.len() + 1);
    assert_eq!(rows[0].last().unwrap(), "多出来的", "nothing dropped: after the answer");
}
