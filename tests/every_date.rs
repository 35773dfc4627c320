//! Right for every person and on every date: questions after the newest
//! notice, closed windows, and the figures an independent reading of the
//! notices corrected. Each case names its clause.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)] // test code

mod common;
use common::{m, q};
use serde_json::Value;

fn text(json: &str) -> String {
    yibao::text::render(&yibao::quote_json(json).unwrap())
}

fn has_assumption(r: &Value, id: &str) -> bool {
    r["assumptions"].as_array().unwrap().iter().any(|a| a["id"] == id)
}

fn all_text(r: &Value) -> String {
    r.to_string()
}

const TODAY: &str = "2026-12-01";

/// One person asked about on today's date, in each region.
struct Today {
    who: &'static str,
    request: String,
    tier: &'static str,
    /// personal fee, to pay
    figures: [&'static str; 2],
    arithmetic: &'static str,
}

#[test]
fn answers_on_2026_12_01_use_the_newest_notice_for_2027_and_say_so_first() {
    let ask = |region: &str, extra: &str| {
        let district = if region == "baiyin" { r#","district":"huining""# } else { "" };
        format!(r#"{{"region":"{region}","date":"{TODAY}"{district},{extra}}}"#)
    };
    let parent = r#""newborn_parent":{"residence_permit":true,"employee_insurance_months":14,"insured_normal":true}"#;
    let cases = [
        // 余政办发〔2023〕80号 二(一)3: the 2024 fees, applied to 2027.
        Today {
            who: "余姚 adult",
            request: ask("yuyao", r#""birth_date":"1980-05-17","hukou":"local""#),
            tier: "adult",
            figures: ["780.00", "780.00"],
            arithmetic: "二(一)3(1): 780",
        },
        Today {
            who: "余姚 child born 2020-06-01 (6 on 2026-12-31)",
            request: ask("yuyao", r#""birth_date":"2020-06-01","hukou":"local""#),
            tier: "student",
            figures: ["290.00", "290.00"],
            arithmetic: "二(一)3(3): age 6 on 2026-12-31 → 中小学生档 290",
        },
        Today {
            who: "余姚 pupil",
            request: ask("yuyao", r#""birth_date":"2014-03-01","hukou":"local","school":"primary_secondary""#),
            tier: "student",
            figures: ["290.00", "290.00"],
            arithmetic: "二(一)3(3): 290",
        },
        Today {
            who: "余姚 local newborn born 2026-09-01",
            request: ask("yuyao", r#""birth_date":"2026-09-01","hukou":"local""#),
            tier: "infant",
            figures: ["630.00", "630.00"],
            arithmetic: "二(一)3(2): 630",
        },
        Today {
            who: "余姚 non-local newborn, parent insured in Ningbo",
            request: ask("yuyao", &format!(r#""birth_date":"2026-09-01","hukou":"nonlocal",{parent}"#)),
            tier: "infant",
            figures: ["630.00", "630.00"],
            arithmetic: "二(一)1(3) and 3(2): 630",
        },
        // 慈溪通知 二(二).
        Today {
            who: "慈溪 adult",
            request: ask("cixi", r#""birth_date":"1980-05-17","hukou":"local""#),
            tier: "adult",
            figures: ["780.00", "780.00"],
            arithmetic: "二(二): 780",
        },
        Today {
            who: "慈溪 pupil",
            request: ask("cixi", r#""birth_date":"2014-03-01","hukou":"local","school":"primary_secondary""#),
            tier: "student",
            figures: ["290.00", "290.00"],
            arithmetic: "二(二): 290",
        },
        Today {
            who: "慈溪 migrant baby born 2026-09-01 (the parent on file)",
            request: ask("cixi", &format!(r#""birth_date":"2026-09-01","hukou":"nonlocal",{parent}"#)),
            tier: "infant",
            figures: ["630.00", "630.00"],
            arithmetic: "二(一), 二(二): 630",
        },
        // 市医保发〔2022〕47号 二(二).
        Today {
            who: "白银 adult",
            request: ask("baiyin", r#""birth_date":"1980-05-17","hukou":"local""#),
            tier: "resident",
            figures: ["350.00", "350.00"],
            arithmetic: "二(二): 350 for everyone",
        },
        Today {
            who: "白银 pupil",
            request: ask("baiyin", r#""birth_date":"2014-03-01","hukou":"local","school":"primary_secondary""#),
            tier: "resident",
            figures: ["350.00", "350.00"],
            arithmetic: "二(二): 350",
        },
        Today {
            who: "白银 newborn born 2026-09-01",
            request: ask("baiyin", r#""birth_date":"2026-09-01","hukou":"local""#),
            tier: "resident",
            figures: ["350.00", "350.00"],
            arithmetic: "二(二): 350",
        },
    ];
    for c in &cases {
        let r = q(&c.request);
        let ctx = format!("{} ({}): {}", c.who, c.arithmetic, c.request);
        assert_eq!(r["eligible"], true, "{ctx}");
        assert_eq!(r["tier"]["id"], c.tier, "{ctx}");
        assert_eq!([m(&r, "personal_fee"), m(&r, "to_pay")], c.figures.map(String::from), "{ctx}");
        assert_eq!(r["benefit_year"], 2027, "{ctx}: 2026-12-01 is after every newest window's opening day");
        assert_eq!(r["as_of"]["beyond_newest"], true, "{ctx}");
        assert_eq!(r["as_of"]["date"], TODAY, "{ctx}");
        let newest = r["as_of"]["newest_benefit_year"].as_i64().unwrap();
        let first = format!("按本计算器收录的最新文件（{}{newest}年度", r["policy"]["region_name"].as_str().unwrap());
        assert!(r["as_of"]["text"].as_str().unwrap().starts_with(&first), "{ctx}: {}", r["as_of"]["text"]);
        // The summary's first sentence is the next step, the second as_of.text
        // itself (issue 23 point 2).
        let lead = format!("{}{}", r["next_step"]["text"].as_str().unwrap(), r["as_of"]["text"].as_str().unwrap());
        assert!(r["summary"].as_str().unwrap().starts_with(&lead), "{ctx}: {}", r["summary"]);
        assert!(r["summary"].as_str().unwrap().contains("2027年度的标准以新通知为准"), "{ctx}");
        assert!(r["as_of"]["text"].as_str().unwrap().contains("2027年度的标准以新通知为准"), "{ctx}");
        assert_eq!(
            (m(&r, "benefit_period.start"), m(&r, "benefit_period.end")),
            ("2027-01-01".into(), "2027-12-31".into())
        );
        assert!(has_assumption(&r, "beyond-newest-notice") && has_assumption(&r, "implied-benefit-year"), "{ctx}");
        // The notice's window is a fact and it is closed: nothing says one can enrol now.
        assert_eq!(r["enrollment"]["status"], "closed", "{ctx}");
        for w in ["可通过", "届时", "需到", "可到"] {
            assert!(!r["summary"].as_str().unwrap().contains(w), "{ctx}: {w} in {}", r["summary"]);
        }
        let t = text(&c.request);
        // The next step, then as_of, before any figure (issue 23 point 2).
        assert!(t.starts_with("下一步："), "{ctx}: text starts with the next step: {t}");
        assert!(
            t.lines().nth(1).is_some_and(|l| l.starts_with("注意：按本计算器收录的最新文件")),
            "{ctx}: as_of right after it: {t}"
        );
    }
}

#[test]
fn the_benefit_year_a_date_implies() {
    let year = |region: &str, date: &str| {
        let district = if region == "baiyin" { r#","district":"baiyin""# } else { "" };
        let r = q(&format!(
            r#"{{"region":"{region}","date":"{date}","birth_date":"1980-01-01","hukou":"local"{district}}}"#
        ));
        (
            r["benefit_year"].as_i64().unwrap(),
            r["policy"]["id"].as_str().unwrap().to_string(),
            m(&r, "enrollment.status"),
        )
    };
    let cases = [
        // A date before a window: the next window's year (余政办发〔2022〕76号 五(一)).
        ("yuyao", "2022-09-01", 2023, "yuyao-2023", "not_yet"),
        ("yuyao", "2022-09-15", 2023, "yuyao-2023", "open"),
        // Between the 2023 and 2024 windows: the next one (余政办发〔2023〕80号 二(一)2).
        ("yuyao", "2023-05-01", 2024, "yuyao-2024", "not_yet"),
        ("yuyao", "2023-12-25", 2024, "yuyao-2024", "open"),
        // After the newest window and before its month-day comes again: its own year.
        ("yuyao", "2023-12-26", 2024, "yuyao-2024", "closed"),
        ("yuyao", "2024-10-09", 2024, "yuyao-2024", "closed"),
        // From 10-10, the window of 80号 二(一)2, the next year, on the newest rules.
        ("yuyao", "2024-10-10", 2025, "yuyao-2024", "closed"),
        ("yuyao", "2026-11-22", 2027, "yuyao-2024", "closed"),
        ("yuyao", TODAY, 2027, "yuyao-2024", "closed"),
        // 慈溪通知 三(一): window opened 09-15.
        ("cixi", "2026-09-14", 2026, "cixi-2023", "closed"),
        ("cixi", "2026-09-15", 2027, "cixi-2023", "closed"),
        // 市医保发〔2022〕47号 五: window opened 08-24.
        ("baiyin", "2023-08-23", 2023, "baiyin-2023", "closed"),
        ("baiyin", "2023-08-24", 2024, "baiyin-2023", "closed"),
    ];
    for (region, date, y, id, status) in cases {
        assert_eq!(year(region, date), (y, id.to_string(), status.to_string()), "{region} {date}");
    }
    // A later year asked for outright is answered with the newest notice too.
    let r = q(r#"{"region":"yuyao","benefit_year":2026,"birth_date":"1980-01-01","hukou":"local"}"#);
    assert_eq!((r["benefit_year"].as_i64(), r["policy"]["id"].as_str()), (Some(2026), Some("yuyao-2024")));
    assert_eq!(r["as_of"]["beyond_newest"], true);
    // Without a date, never beyond.
    let r = q(r#"{"region":"yuyao","birth_date":"1980-01-01","hukou":"local"}"#);
    assert_eq!((r["benefit_year"].as_i64(), r["as_of"]["beyond_newest"].as_bool()), (Some(2024), Some(false)));
    assert!(r["as_of"]["date"].is_null());
    assert_eq!(r["as_of"]["text"], "按余姚市2024年度文件（余政办发〔2023〕80号）计算。");
    // A year on file asked on a later date: beyond, said first.
    let r =
        q(r#"{"region":"yuyao","benefit_year":2023,"date":"2026-12-01","birth_date":"1980-01-01","hukou":"local"}"#);
    assert_eq!((r["benefit_year"].as_i64(), r["as_of"]["beyond_newest"].as_bool()), (Some(2023), Some(true)));
    let lead = format!("{}{}", r["next_step"]["text"].as_str().unwrap(), r["as_of"]["text"].as_str().unwrap());
    assert!(r["summary"].as_str().unwrap().starts_with(&lead));
    assert!(r["as_of"]["text"].as_str().unwrap().starts_with("查询日已晚于"));
}

#[test]
fn ages_newborn_months_and_the_ynb_minor_rule_move_with_the_year() {
    // 余政办发〔2023〕80号 二(一)3: tiers by age on the day before the benefit
    // year, here 2026-12-31 for 2027.
    let tier = |birth: &str| {
        q(&format!(r#"{{"region":"yuyao","date":"{TODAY}","birth_date":"{birth}","hukou":"local"}}"#))["tier"]["id"]
            .as_str()
            .unwrap()
            .to_string()
    };
    assert_eq!(tier("2021-01-01"), "infant", "5 on 2026-12-31");
    assert_eq!(tier("2020-12-31"), "student", "6 on 2026-12-31");
    assert_eq!(tier("2009-01-01"), "student", "17 on 2026-12-31");
    assert_eq!(tier("2008-12-31"), "adult", "18 on 2026-12-31");
    // 二(二)3(1): born on or after 2006-01-01 for 2024 → 2009-01-01 for 2027.
    let ynb =
        |birth: &str| {
            let r = q(&format!(r#"{{"region":"yuyao","date":"{TODAY}","birth_date":"{birth}","hukou":"local"}}"#));
            assert!(r["assumptions"].as_array().unwrap().iter().any(
                |a| a["id"] == "beyond-newest-notice" && a["text"].as_str().unwrap().contains("顺延为2009年1月1日")
            ));
            m(&r, "yongningbao.premium")
        };
    assert_eq!(ynb("2009-01-01"), "50.00");
    assert_eq!(ynb("2008-12-31"), "100.00");
    // 二(一)1(3): the newborn's 0–6 months from the date of the question.
    let nb = |birth: &str| {
        q(&format!(
            r#"{{"region":"yuyao","date":"{TODAY}","birth_date":"{birth}","hukou":"nonlocal","newborn_parent":{{"residence_permit":true,"insured_normal":true}}}}"#
        ))["eligible"]
            .as_bool()
    };
    assert_eq!(nb("2026-06-01"), Some(true), "6 months on 2026-12-01");
    assert_eq!(nb("2026-05-31"), Some(false), "older than 6 months");
    // A child born after the newest benefit period is a real child.
    let r = q(r#"{"region":"cixi","date":"2026-12-01","birth_date":"2026-11-30","hukou":"local"}"#);
    assert_eq!(r["tier"]["id"], "infant");
}

#[test]
fn a_closed_window_is_never_followed_by_how_to_enrol_now() {
    // 余政办发〔2023〕80号 二(一)2: the window ended 2023-12-25.
    let r = q(r#"{"region":"yuyao","date":"2023-12-26","birth_date":"1980-01-01","hukou":"local"}"#);
    let s = r["summary"].as_str().unwrap();
    assert!(s.contains("2024年度的集中参保期（2023年10月10日至2023年12月25日）已经结束"), "{s}");
    assert!(s.contains("文件没有写明集中参保期以外如何参保"), "{s}");
    assert!(!s.contains("可通过"), "{s}");
    assert!(r["enrollment"]["how"][0]["text"].as_str().unwrap().contains("在查询日已经结束"));
    assert_eq!(r["enrollment"]["how"][0]["source"], "余政办发〔2023〕80号 二(一)2");
    // Open: the next step as before.
    let r = q(r#"{"region":"yuyao","date":"2023-11-01","birth_date":"1980-01-01","hukou":"local"}"#);
    assert!(r["summary"].as_str().unwrap().contains("（查询日正在进行），可通过“浙里办”APP"));
    // Not yet: 届时.
    let r = q(r#"{"region":"yuyao","date":"2023-05-01","birth_date":"1980-01-01","hukou":"local"}"#);
    assert!(r["summary"].as_str().unwrap().contains("（查询日尚未开始），届时可通过"));
    // 甬宁保 二(二)2: the window ended 2023-12-10; its premium is not "需缴" now.
    let req = r#"{"region":"yuyao","date":"2023-12-11","birth_date":"1980-01-01","hukou":"local"}"#;
    let y = q(req)["yongningbao"].clone();
    assert!(y["note"].as_str().unwrap().contains("在查询日已经结束"), "{y}");
    let t = text(req);
    assert!(!t.contains("需缴 100"), "{t}");
    assert!(t.contains("保费 100元。"), "{t}");
    // A baby born after the 甬宁保 window is told the window had closed.
    let y =
        q(r#"{"region":"yuyao","date":"2023-12-20","birth_date":"2023-12-15","hukou":"local"}"#)["yongningbao"].clone();
    assert!(y["note"].as_str().unwrap().contains("孩子出生时参保时间已经结束"), "{y}");
    // In the window: 需缴.
    assert!(text(r#"{"region":"yuyao","date":"2023-11-01","birth_date":"1980-01-01","hukou":"local"}"#)
        .contains("需缴 100元"));
}

/// A person, and the figures the corrected reading gives.
struct Fix {
    clause: &'static str,
    request: &'static str,
    /// personal fee, assistance, to pay
    figures: [&'static str; 3],
    arithmetic: &'static str,
}

#[test]
fn who_is_assisted_and_what_they_pay() {
    let cases = [
        Fix {
            clause: "余政办发〔2023〕80号 一(一)、二(一)4(3)①（本市户籍困难群众）",
            request: r#"{"region":"yuyao","benefit_year":2024,"birth_date":"1980-01-01","hukou":"nonlocal","residence_permit":true,"identities":["dibao"]}"#,
            figures: ["780.00", "0.00", "780.00"],
            arithmetic: "non-local: not assisted by Yuyao, 780 − 0",
        },
        Fix {
            clause: "余政办发〔2022〕76号 一、四(三)1（本市户籍困难群众）",
            request: r#"{"region":"yuyao","benefit_year":2023,"birth_date":"1980-01-01","hukou":"nonlocal","residence_permit":true,"identities":["tekun"]}"#,
            figures: ["780.00", "0.00", "780.00"],
            arithmetic: "non-local: 780 − 0",
        },
        Fix {
            clause: "市医保发〔2022〕47号 三（5之后一段：由户籍地医保部门按户籍地标准资助）",
            request: r#"{"region":"baiyin","district":"huining","birth_date":"1950-05-17","hukou":"nonlocal","residence_permit":true,"identities":["dibao_full"]}"#,
            figures: ["350.00", "null", "null"],
            arithmetic: "assistance from the hukou place at its standard: unknown, at most 350 to pay",
        },
        Fix {
            clause: "余政办发〔2023〕80号 二(一)4(3)①（由政府全额资助参保）",
            request: r#"{"region":"yuyao","benefit_year":2024,"birth_date":"2004-01-01","hukou":"local","school":"college","identities":["dibao"]}"#,
            figures: ["null", "null", "0.00"],
            arithmetic: "大学生's fee not given; 全额资助 → 0",
        },
        Fix {
            clause: "慈溪通知 二(三)（个人缴费部分由政府全额补助）",
            request: r#"{"region":"cixi","birth_date":"2004-01-01","hukou":"local","school":"college","identities":["tekun"]}"#,
            figures: ["null", "null", "0.00"],
            arithmetic: "fee not given; 全额 → 0",
        },
        Fix {
            clause: "市医保发〔2022〕47号 三2、三（当月参保、次月资助）",
            request: r#"{"region":"baiyin","district":"baiyin","birth_date":"1960-01-01","hukou":"local","identities":["dibao_full"]}"#,
            figures: ["350.00", "250.00", "100.00"],
            arithmetic: "350 − 250 = 100",
        },
    ];
    for c in &cases {
        let r = q(c.request);
        let ctx = format!("{} ({}): {}", c.clause, c.arithmetic, c.request);
        assert_eq!([m(&r, "personal_fee"), m(&r, "assistance"), m(&r, "to_pay")], c.figures.map(String::from), "{ctx}");
    }
    // Yuyao: the reason and the listed reading.
    let r = q(cases[0].request);
    assert!(has_assumption(&r, "yuyao-assisted-local-only"));
    assert!(r["summary"].as_str().unwrap().contains("非本市户籍不能按本市标准获得资助"), "{}", r["summary"]);
    assert_ne!(r["enrollment"]["channel"], "automatic", "not 无需个人办理");
    // Baiyin: where to apply, and at most 350.
    let s = q(cases[2].request)["summary"].as_str().unwrap().to_string();
    assert!(s.contains("户籍地医保部门") && s.contains("最多350元"), "{s}");
    // The 大学生 on 低保 pays nothing and is told so.
    let s = q(cases[3].request)["summary"].as_str().unwrap().to_string();
    assert!(s.contains("由政府全额资助，您需缴纳0元"), "{s}");
    // Baiyin fixed amounts: 当月参保、次月资助; what was given is kept.
    let r = q(cases[5].request);
    let s = r["summary"].as_str().unwrap();
    assert!(s.contains("当月参保、次月资助") && !s.contains("个人缴纳扣除资助后的部分"), "{s}");
    let how = all_text(&r["enrollment"]["how"]);
    assert!(how.contains("原资助参保补助不再退还") && !how.contains("降低的不退还"), "{how}");
    // The notice's words, not a reading that the fee may have to be paid first (issue 23 point 6).
    assert!(how.contains("不得要求全额资助对象先参保、后资助") && !how.contains("可能要先缴纳"), "{how}");
}

#[test]
fn cixi_words_are_cixis() {
    // 慈溪通知 二(三) says the fee is paid in full, not 余姚's 无需个人操作.
    let r = q(r#"{"region":"cixi","birth_date":"1960-01-01","hukou":"local","identities":["dibao"]}"#);
    let s = r["summary"].as_str().unwrap();
    assert!(!s.contains("无需个人办理") && !s.contains("无需个人操作"), "{s}");
    assert_eq!(m(&r, "to_pay"), "0.00");
    assert_eq!(r["enrollment"]["channel"], "online_or_offline");
    assert!(!all_text(&r["enrollment"]["how"]).contains("无需个人"));
    // 前湾新区 with assistance: the 50/50 split beside 前湾新区's own share is a reading.
    let r = q(r#"{"region":"cixi","birth_date":"1960-01-01","hukou":"local","qianwan":true,"identities":["dibao"]}"#);
    assert!(has_assumption(&r, "cixi-qianwan-assistance"));
    let r = q(r#"{"region":"cixi","birth_date":"1960-01-01","hukou":"local","qianwan":true}"#);
    assert!(!has_assumption(&r, "cixi-qianwan-assistance"), "only where there is assistance");
}

#[test]
fn baiyin_words_are_baiyins() {
    let b = |extra: &str| q(&format!(r#"{{"region":"baiyin","district":"jingtai","hukou":"local",{extra}}}"#));
    // 47号 六(二): newborns are a task for counties (出生一件事), not Zhejiang's 新生儿一件事.
    let r = b(r#""date":"2022-10-01","birth_date":"2022-09-01""#);
    let all = all_text(&r);
    assert!(!all.contains("新生儿一件事"), "{all}");
    assert!(all_text(&r["enrollment"]["how"]).contains("出生一件事"));
    assert_ne!(r["enrollment"]["channel"], "newborn_bundle");
    // 47号 六(二): 大中专学生 follow 市医保发〔2021〕44号, not on file: local ones too.
    let r = b(r#""birth_date":"2003-01-01","school":"college""#);
    assert!(r["eligible"].is_null() && r["tier"].is_null(), "{}", r["summary"]);
    assert!(r["personal_fee"].is_null() && r["to_pay"].is_null());
    let s = r["summary"].as_str().unwrap();
    assert!(s.contains("市医保发〔2021〕44号") && !s.contains("由学校统一组织"), "{s}");
    let r = q(
        r#"{"region":"baiyin","district":"jingtai","hukou":"nonlocal","birth_date":"2003-01-01","school":"college"}"#,
    );
    assert!(r["eligible"].is_null(), "neither yes nor no: {}", r["eligible"]);
    let reason = r["reason"].as_str().unwrap();
    assert!(reason.contains("44号") && !reason.contains("不能参加"), "{reason}");
    assert_eq!(r["sources"]["eligibility"], "市医保发〔2022〕47号 六(二)");
    // 47号 二(一): "不低于610元".
    let r = b(r#""birth_date":"1980-01-01""#);
    assert!(r["summary"].as_str().unwrap().contains("政府财政补助不低于610元"), "{}", r["summary"]);
    assert_eq!(r["tier"]["subsidy_at_least"], true);
    // 47号 二(三): 大病保险 90 from the fund, no words added.
    let info = all_text(&r["info"]);
    assert!(info.contains("大病保险继续按照每人每年90元标准筹资") && !info.contains("不是另外向个人收取"), "{info}");
    // 47号 一: the scope excludes those who should be in employee insurance.
    assert!(r["reason"].as_str().unwrap().contains("应当参加职工医保的人员，即使还没有参加"), "{}", r["reason"]);
    // 47号 五: benefits only for those who paid within the window.
    assert_eq!(r["benefit_period"]["condition"], "在规定的参保缴费期内完成参保缴费的城乡居民");
    assert!(text(r#"{"region":"baiyin","district":"jingtai","hukou":"local","birth_date":"1980-01-01"}"#)
        .contains("待遇期：2023-01-01 至 2023-12-31（限在规定的参保缴费期内完成参保缴费的城乡居民）"));
}

#[test]
fn yongningbao_premium_free_cover_and_how_to_buy() {
    let y = |extra: &str| {
        q(&format!(r#"{{"region":"yuyao","benefit_year":2024,"date":"2023-11-01","hukou":"local",{extra}}}"#))
    };
    // 80号 二(二)3(1): whether a 大学生 is 学生档 is not said: a listed reading.
    let r = y(r#""birth_date":"2003-01-01","school":"college""#);
    assert_eq!(m(&r, "yongningbao.premium"), "100.00");
    assert!(has_assumption(&r, "ynb-college-premium"));
    assert!(!has_assumption(&y(r#""birth_date":"1980-01-01""#), "ynb-college-premium"));
    // 80号 二(二)4(3): 散居孤儿, within the 参保期.
    let r = y(r#""birth_date":"2012-01-01","identities":["orphan"]"#);
    assert_eq!(r["yongningbao"]["paid_by_government"], true);
    assert!(has_assumption(&r, "ynb-scattered-orphan"));
    let steps = all_text(&r["steps"]);
    assert!(steps.contains("散居孤儿") && steps.contains("参保期内"), "{steps}");
    assert_eq!(r["yongningbao"]["enrollment"]["channel"], "government");
    // 80号 二(二)4(1)(2): how to buy.
    let r = y(r#""birth_date":"1980-01-01""#);
    let how = all_text(&r["yongningbao"]["enrollment"]["how"]);
    for w in ["附件2", "个人历年账户", "配偶、子女、父母", "工会经费", "城乡集体经济组织"] {
        assert!(how.contains(w), "{w}: {how}");
    }
    assert_eq!(r["yongningbao"]["enrollment"]["channel"], "purchase");
}

#[test]
fn the_text_carries_every_fact_a_caller_may_ask_about() {
    // 余政办发〔2023〕80号 二(一)5: the outpatient limit; 二(二)5(2): no waiting period.
    let t = text(r#"{"region":"yuyao","benefit_year":2024,"birth_date":"1980-01-01","hukou":"local"}"#);
    assert!(t.contains("从4000元提高至5000元"), "{t}");
    assert!(t.contains("不设等待期"), "{t}");
    // 市医保发〔2022〕47号 二(三): 大病保险 90.
    let t = text(r#"{"region":"baiyin","district":"baiyin","birth_date":"1980-01-01","hukou":"local"}"#);
    assert!(t.contains("90元"), "{t}");
    // 余政办发〔2022〕76号 二(三): newborns as local people of the same kind.
    let t = text(
        r#"{"region":"yuyao","benefit_year":2023,"date":"2022-11-01","birth_date":"2022-09-01","hukou":"nonlocal","newborn_parent":{"residence_permit":true,"employee_insurance_months":12,"insured_normal":true}}"#,
    );
    assert!(t.contains("按本市户籍同类参保人员相关规定执行"), "{t}");
    // 慈溪通知 二(三): the assistance split, as rules.
    let t = text(r#"{"region":"cixi","birth_date":"1960-01-01","hukou":"local","identities":["dibao"]}"#);
    assert!(t.contains("资助·市级财政") && t.contains("各承担50%"), "{t}");
    // The 甬宁保 amounts are what the person bears, not the hospital bill.
    let t = text(
        r#"{"region":"yuyao","benefit_year":2024,"birth_date":"1980-01-01","hukou":"local","bill":{"in_scope":30000}}"#,
    );
    assert!(t.contains("所填个人负担金额合计 30,000元") && !t.contains("账单"), "{t}");
}
