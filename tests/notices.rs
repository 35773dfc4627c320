//! Every figure the engine takes from the four notices, each case naming
//! its clause, with the arithmetic beside the expected value.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)] // test code

mod common;
use common::{m, q};

// The fees, subsidies and assistance of each kind of person, with their
// clauses and arithmetic, are data: tests/cases/<policy id>.toml, run by
// tests/cases.rs.

#[test]
fn every_yuyao_assisted_group_pays_nothing() {
    // 余政办发〔2023〕80号 一(一) lists the groups, 二(一)4(3)① says the
    // government pays their whole personal fee.
    for id in ["youfu", "disabled_severe", "dibao", "dibian", "tekun", "orphan"] {
        for year in [2023, 2024] {
            let r = q(&format!(
                r#"{{"region":"yuyao","benefit_year":{year},"birth_date":"1960-01-01","hukou":"local","identities":["{id}"]}}"#
            ));
            assert_eq!((m(&r, "assistance"), m(&r, "to_pay")), ("780.00".into(), "0.00".into()), "{id} {year}");
            assert_eq!(r["enrollment"]["channel"], "automatic", "{id}: 无需个人操作");
        }
    }
    // 困境儿童 is not a Yuyao resident-insurance assistance group (only 甬宁保).
    let r = q(
        r#"{"region":"yuyao","benefit_year":2024,"birth_date":"2012-01-01","hukou":"local","identities":["kunjing_child"]}"#,
    );
    assert_eq!(m(&r, "assistance"), "0.00");
    assert_eq!(r["yongningbao"]["paid_by_government"], true, "余政办发〔2023〕80号 二(二)4(3)");
}

#[test]
fn cixi_assistance_groups_include_kunjing_child_and_split_50_50_without_numbers() {
    // 慈溪通知 二(三): seven groups, local hukou, city and town 50 % each after
    // the superior subsidy (whose amount the text does not give).
    for id in ["youfu", "disabled_severe", "dibao", "dibian", "tekun", "orphan", "kunjing_child"] {
        let r = q(&format!(r#"{{"region":"cixi","birth_date":"1960-01-01","hukou":"local","identities":["{id}"]}}"#));
        assert_eq!(m(&r, "to_pay"), "0.00", "{id}");
        let split = r["assistance_split"].as_array().unwrap();
        let payers: Vec<_> = split.iter().map(|s| s["payer"].as_str().unwrap()).collect();
        assert_eq!(payers, ["superior", "city", "town"]);
        assert!(split.iter().all(|s| s["amount"].is_null()), "rule only, no invented numbers");
        assert!(split[1]["rule"].as_str().unwrap().contains("50%"));
    }
}

#[test]
fn cixi_subsidy_split_states_the_rule_and_invents_no_numbers() {
    // 慈溪通知 二(二): students by the city; others city:town = 6:4; 前湾新区's
    // share by 前湾新区; all after an unstated superior subsidy.
    let payers = |json: &str| -> Vec<(String, String)> {
        q(json)["subsidy_split"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| (s["payer"].as_str().unwrap().to_string(), m(s, "amount")))
            .collect()
    };
    let null = || "null".to_string();
    assert_eq!(
        payers(r#"{"region":"cixi","birth_date":"1980-01-01","hukou":"local"}"#),
        vec![("superior".into(), null()), ("city".into(), null()), ("town".into(), null())]
    );
    assert_eq!(
        payers(r#"{"region":"cixi","birth_date":"2012-01-01","hukou":"local"}"#),
        vec![("superior".into(), null()), ("city".into(), null())]
    );
    assert_eq!(
        payers(r#"{"region":"cixi","birth_date":"1980-01-01","hukou":"local","qianwan":true}"#),
        vec![("superior".into(), null()), ("qianwan".into(), null())]
    );
    let r = q(r#"{"region":"cixi","birth_date":"1980-01-01","hukou":"local"}"#);
    assert!(r["subsidy_split"][1]["rule"].as_str().unwrap().contains("6:4"));
}

#[test]
fn baiyin_subsidy_split_by_district_follows_the_annex_table() {
    // 市医保发〔2022〕47号 二(一) and 附表: 610 = 488 + province + city + county.
    let table = [
        (
            "huining",
            vec![("central", "488.00"), ("province", "110.80"), ("county", "11.20")],
            "488 + 110.8 + 11.2 = 610",
        ),
        (
            "jingyuan",
            vec![("central", "488.00"), ("province", "110.80"), ("county", "11.20")],
            "488 + 110.8 + 11.2 = 610",
        ),
        (
            "baiyin",
            vec![("central", "488.00"), ("province", "107.20"), ("city", "6.40"), ("county", "8.40")],
            "488 + 107.2 + 6.4 + 8.4 = 610",
        ),
        (
            "pingchuan",
            vec![("central", "488.00"), ("province", "107.20"), ("city", "6.40"), ("county", "8.40")],
            "488 + 107.2 + 6.4 + 8.4 = 610",
        ),
        (
            "jingtai",
            vec![("central", "488.00"), ("province", "107.20"), ("county", "14.80")],
            "488 + 107.2 + 14.8 = 610",
        ),
    ];
    for (district, want, arithmetic) in table {
        let r =
            q(&format!(r#"{{"region":"baiyin","district":"{district}","birth_date":"1980-01-01","hukou":"local"}}"#));
        let got: Vec<(String, String)> = r["subsidy_split"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| (s["payer"].as_str().unwrap().to_string(), m(s, "amount")))
            .collect();
        let want: Vec<(String, String)> = want.into_iter().map(|(a, b)| (a.to_string(), b.to_string())).collect();
        assert_eq!(got, want, "{district}: {arithmetic}");
        assert_eq!(m(&r, "subsidy"), "610.00");
    }
}

#[test]
fn baiyin_critical_illness_funding_is_information_not_a_charge() {
    // 市医保发〔2022〕47号 二(三): 大病保险 90元 per person.
    let r = q(r#"{"region":"baiyin","district":"baiyin","birth_date":"1980-01-01","hukou":"local"}"#);
    let info = r["info"].as_array().unwrap();
    assert!(info
        .iter()
        .any(|i| i["text"].as_str().unwrap().contains("90元") && i["source"] == "市医保发〔2022〕47号 二(三)"));
    assert_eq!(m(&r, "to_pay"), "350.00", "the 90 is not added to what the person pays");
}

#[test]
fn windows_and_benefit_periods() {
    let cases = [
        ("余政办发〔2023〕80号 二(一)2", "yuyao", 2024, "2023-10-10", "2023-12-25", "2024-01-01", "2024-12-31"),
        ("余政办发〔2022〕76号 五(一)", "yuyao", 2023, "2022-09-15", "2022-12-25", "2023-01-01", "2023-12-31"),
        ("慈溪通知 三(一)", "cixi", 2023, "2022-09-15", "2022-12-25", "2023-01-01", "2023-12-31"),
        ("市医保发〔2022〕47号 五", "baiyin", 2023, "2022-08-24", "2022-12-31", "2023-01-01", "2023-12-31"),
    ];
    for (clause, region, year, start, end, b_start, b_end) in cases {
        let district = if region == "baiyin" { r#","district":"baiyin""# } else { "" };
        let ask = |date: &str| {
            q(&format!(
                r#"{{"region":"{region}","benefit_year":{year},"date":"{date}","birth_date":"1980-01-01","hukou":"local"{district}}}"#
            ))
        };
        let r = ask(start);
        assert_eq!(
            (m(&r, "enrollment.start"), m(&r, "enrollment.end")),
            (start.to_string(), end.to_string()),
            "{clause}"
        );
        assert_eq!(
            (m(&r, "benefit_period.start"), m(&r, "benefit_period.end")),
            (b_start.to_string(), b_end.to_string()),
            "{clause}"
        );
        assert_eq!(r["enrollment"]["status"], "open", "{clause}: first day");
        assert_eq!(ask(end)["enrollment"]["status"], "open", "{clause}: last day");
        let before = chrono::NaiveDate::parse_from_str(start, "%Y-%m-%d").unwrap().pred_opt().unwrap();
        let after = chrono::NaiveDate::parse_from_str(end, "%Y-%m-%d").unwrap().succ_opt().unwrap();
        assert_eq!(ask(&before.to_string())["enrollment"]["status"], "not_yet", "{clause}");
        assert_eq!(ask(&after.to_string())["enrollment"]["status"], "closed", "{clause}");
    }
}

#[test]
fn the_benefit_year_follows_the_date_when_not_given() {
    let year = |date: &str| {
        q(&format!(r#"{{"region":"yuyao","date":"{date}","birth_date":"1980-01-01","hukou":"local"}}"#))["benefit_year"]
            .as_i64()
            .unwrap()
    };
    assert_eq!(year("2022-10-01"), 2023, "in the 2023 window (余政办发〔2022〕76号 五(一))");
    assert_eq!(year("2023-11-01"), 2024, "in the 2024 window (余政办发〔2023〕80号 二(一)2)");
    assert_eq!(year("2024-05-01"), 2024, "after the newest window, before its month-day comes again");
    assert_eq!(year("2026-11-22"), 2027, "after 10-10 (80号 二(一)2): the next year, on the newest rules");
    assert_eq!(q(r#"{"region":"yuyao","birth_date":"1980-01-01","hukou":"local"}"#)["benefit_year"], 2024);
}

#[test]
fn who_may_join() {
    let elig = |json: &str| q(json)["eligible"].as_bool().unwrap();
    // 余政办发〔2023〕80号 二(一)1(1): employee insurance excludes.
    assert!(!elig(
        r#"{"region":"yuyao","benefit_year":2024,"birth_date":"1980-01-01","hukou":"local","employee_insurance":true}"#
    ));
    // 二(一)1(2): students of any hukou.
    assert!(elig(
        r#"{"region":"yuyao","benefit_year":2024,"birth_date":"2010-01-01","hukou":"nonlocal","school":"primary_secondary"}"#
    ));
    // 二(一)1(3): residence permit.
    assert!(elig(
        r#"{"region":"yuyao","benefit_year":2024,"birth_date":"1980-01-01","hukou":"nonlocal","residence_permit":true}"#
    ));
    assert!(!elig(r#"{"region":"yuyao","benefit_year":2024,"birth_date":"1980-01-01","hukou":"nonlocal"}"#));
    // 市医保发〔2022〕47号 一: Baiyin too excludes employee insurance and admits permit holders.
    assert!(!elig(
        r#"{"region":"baiyin","district":"baiyin","birth_date":"1980-01-01","hukou":"local","employee_insurance":true}"#
    ));
    assert!(elig(
        r#"{"region":"baiyin","district":"baiyin","birth_date":"1980-01-01","hukou":"nonlocal","residence_permit":true}"#
    ));
}

#[test]
fn nonlocal_newborns_depend_on_the_parent() {
    let nb = |year: i32, date: &str, months: u32, normal: bool| {
        q(&format!(
            r#"{{"region":"yuyao","benefit_year":{year},"date":"{date}","birth_date":"2023-06-15","hukou":"nonlocal",
               "newborn_parent":{{"residence_permit":true,"employee_insurance_months":{months},"insured_normal":{normal}}}}}"#
        ))
    };
    // 余政办发〔2022〕76号 二(三): parent in employee insurance ≥ 1 year, insured normally.
    assert_eq!(nb(2023, "2023-10-01", 12, true)["eligible"], true);
    assert_eq!(nb(2023, "2023-10-01", 11, true)["eligible"], false);
    assert_eq!(nb(2023, "2023-10-01", 12, false)["eligible"], false);
    // 余政办发〔2023〕80号 二(一)1(3): parent in Ningbo basic insurance, insured normally (no months).
    assert_eq!(nb(2024, "2023-10-01", 0, true)["eligible"], true);
    let r = nb(2024, "2023-12-15", 0, true);
    assert_eq!(r["eligible"], true, "the day the child turns 6 months counts");
    assert_eq!(r["enrollment"]["channel"], "offline_window");
    assert!(r["assumptions"].as_array().unwrap().iter().any(|a| a["id"] == "newborn-months"));
    assert_eq!(nb(2024, "2023-12-16", 0, true)["eligible"], false, "older than 6 months");
    assert_eq!(r["tier"]["id"], "infant");
}

#[test]
fn how_to_enroll() {
    let channel = |json: &str| q(json)["enrollment"]["channel"].as_str().map(String::from);
    // 余政办发〔2023〕80号 二(一)4(1)③: online (浙里办) or offline.
    assert_eq!(
        channel(r#"{"region":"yuyao","benefit_year":2024,"birth_date":"1980-01-01","hukou":"local"}"#).as_deref(),
        Some("online_or_offline")
    );
    // 二(一)4(1)④: local newborns through 新生儿一件事.
    assert_eq!(
        channel(
            r#"{"region":"yuyao","benefit_year":2024,"date":"2023-11-01","birth_date":"2023-09-01","hukou":"local"}"#
        )
        .as_deref(),
        Some("newborn_bundle")
    );
    // 二(一)4(2): students through the school.
    assert_eq!(channel(r#"{"region":"yuyao","benefit_year":2024,"birth_date":"2010-01-01","hukou":"local","school":"primary_secondary"}"#).as_deref(), Some("school"));
    // 二(一)4(1)⑤: residence-permit holders offline.
    assert_eq!(channel(r#"{"region":"yuyao","benefit_year":2024,"birth_date":"1980-01-01","hukou":"nonlocal","residence_permit":true}"#).as_deref(), Some("offline_window"));
    // 二(一)4(3)①: assisted persons automatically.
    assert_eq!(
        channel(
            r#"{"region":"yuyao","benefit_year":2024,"birth_date":"1980-01-01","hukou":"local","identities":["tekun"]}"#
        )
        .as_deref(),
        Some("automatic")
    );
    // 市医保发〔2022〕47号 三1: the county office enrols full-assistance persons.
    assert_eq!(channel(r#"{"region":"baiyin","district":"baiyin","birth_date":"1980-01-01","hukou":"local","identities":["tekun"]}"#).as_deref(), Some("automatic"));
}

#[test]
fn college_students_get_no_invented_fee() {
    for region in
        [r#""region":"yuyao","benefit_year":2024"#, r#""region":"yuyao","benefit_year":2023"#, r#""region":"cixi""#]
    {
        let r = q(&format!(r#"{{{region},"birth_date":"2004-01-01","hukou":"local","school":"college"}}"#));
        assert_eq!(r["eligible"], true);
        assert_eq!(r["tier"]["id"], "college");
        for k in ["personal_fee", "subsidy", "to_pay", "total_funding"] {
            assert!(r[k].is_null(), "{region}: {k} must not be invented");
        }
        assert!(r["summary"].as_str().unwrap().contains("没有给出大学生"));
    }
}

#[test]
fn yongningbao_2024_eligibility_premium_and_government_payment() {
    let y = |json: &str| q(json)["yongningbao"].clone();
    // 余政办发〔2023〕80号 二(二)3(1): 50 for those born on or after 2006-01-01.
    let r = y(r#"{"region":"yuyao","benefit_year":2024,"birth_date":"2006-01-01","hukou":"local"}"#);
    assert_eq!((m(&r, "premium"), m(&r, "to_pay")), ("50.00".into(), "50.00".into()));
    // 二(二)3(2): 100 for everyone else.
    assert_eq!(
        m(&y(r#"{"region":"yuyao","benefit_year":2024,"birth_date":"2005-12-31","hukou":"local"}"#), "premium"),
        "100.00"
    );
    // 二(二)3(1): 50 for the resident student tier, at any age.
    assert_eq!(
        m(
            &y(
                r#"{"region":"yuyao","benefit_year":2024,"birth_date":"2003-01-01","hukou":"local","school":"primary_secondary"}"#
            ),
            "premium"
        ),
        "50.00"
    );
    // 二(二)1: employee insurance members too.
    let r = y(
        r#"{"region":"yuyao","benefit_year":2024,"birth_date":"1980-01-01","hukou":"local","employee_insurance":true}"#,
    );
    assert_eq!((r["eligible"].as_bool(), m(&r, "premium")), (Some(true), "100.00".into()));
    // Not in any Ningbo basic insurance: not eligible.
    let r = y(r#"{"region":"yuyao","benefit_year":2024,"birth_date":"1980-01-01","hukou":"nonlocal"}"#);
    assert_eq!(r["eligible"], false);
    assert!(r["premium"].is_null());
    // 二(二)4(3): free for local 特困, 低保, 低边, 散居孤儿, 困境儿童, 一二级残疾.
    for id in ["tekun", "dibao", "dibian", "orphan", "kunjing_child", "disabled_severe"] {
        let r = y(&format!(
            r#"{{"region":"yuyao","benefit_year":2024,"birth_date":"1980-01-01","hukou":"local","identities":["{id}"]}}"#
        ));
        assert_eq!((r["paid_by_government"].as_bool(), m(&r, "to_pay")), (Some(true), "0.00".into()), "{id}");
        let r = y(&format!(
            r#"{{"region":"yuyao","benefit_year":2024,"birth_date":"1980-01-01","hukou":"nonlocal","residence_permit":true,"identities":["{id}"]}}"#
        ));
        assert_eq!(r["paid_by_government"], false, "{id}: local hukou only");
    }
    // 重点优抚对象 are not on the 甬宁保 list.
    let r =
        y(r#"{"region":"yuyao","benefit_year":2024,"birth_date":"1950-01-01","hukou":"local","identities":["youfu"]}"#);
    assert_eq!((r["paid_by_government"].as_bool(), m(&r, "to_pay")), (Some(false), "100.00".into()));
    // 二(二)2 and 二(二)5(2): window and cover.
    let r =
        y(r#"{"region":"yuyao","benefit_year":2024,"date":"2023-12-11","birth_date":"1980-01-01","hukou":"local"}"#);
    assert_eq!(
        (m(&r, "enrollment.start"), m(&r, "enrollment.end"), m(&r, "enrollment.status")),
        ("2023-10-10".into(), "2023-12-10".into(), "closed".into())
    );
    assert_eq!((m(&r, "cover.start"), m(&r, "cover.end")), ("2024-01-01".into(), "2024-12-31".into()));
    assert!(r["waiting_period"]["text"].as_str().unwrap().contains("不设等待期"));
    // Only yuyao-2024 has 甬宁保.
    assert!(q(r#"{"region":"yuyao","benefit_year":2023,"birth_date":"1980-01-01","hukou":"local"}"#)["yongningbao"]
        .is_null());
}

#[test]
fn every_result_lists_the_assumptions_it_relies_on() {
    let r = q(r#"{"region":"yuyao","benefit_year":2024,"birth_date":"1980-01-01","hukou":"local"}"#);
    let ids: Vec<_> =
        r["assumptions"].as_array().unwrap().iter().map(|a| a["id"].as_str().unwrap().to_string()).collect();
    assert!(ids.contains(&"ningbo-age-tiers".to_string()));
    let r = q(r#"{"region":"cixi","birth_date":"1980-01-01","hukou":"local"}"#);
    let ids: Vec<_> =
        r["assumptions"].as_array().unwrap().iter().map(|a| a["id"].as_str().unwrap().to_string()).collect();
    assert!(ids.contains(&"cixi-ningbo-eligibility".to_string()));
    assert!(r["policy"]["region_note"].as_str().unwrap().contains("推断"), "Cixi is an inference");
    assert!(r["policy"]["region_name"].as_str().unwrap().contains("推断"));
    let r = q(
        r#"{"region":"yuyao","benefit_year":2024,"birth_date":"1980-01-01","hukou":"local","employee_insurance":true}"#,
    );
    assert!(r["assumptions"].as_array().unwrap().iter().any(|a| a["id"] == "employee-is-ningbo"));
}

#[test]
fn every_step_and_figure_names_its_clause() {
    for json in [
        r#"{"region":"yuyao","benefit_year":2024,"birth_date":"1980-01-01","hukou":"local","identities":["dibao"],"bill":{"in_scope":30000}}"#,
        r#"{"region":"baiyin","district":"jingtai","birth_date":"1980-01-01","hukou":"local","identities":["tuopin","fanpin"]}"#,
        r#"{"region":"cixi","birth_date":"2012-01-01","hukou":"local","qianwan":true}"#,
    ] {
        let r = q(json);
        for s in r["steps"].as_array().unwrap().iter().chain(r["enrollment"]["how"].as_array().unwrap()) {
            assert!(!s["source"].as_str().unwrap().is_empty(), "{s}");
        }
        for k in ["tier", "personal_fee", "subsidy", "eligibility", "benefit_period", "enrollment"] {
            assert!(r["sources"][k].as_str().is_some_and(|s| !s.is_empty()), "{json}: sources.{k}");
        }
    }
}

#[test]
fn a_question_after_the_newest_notice_says_so() {
    // Asked on 2026-11-22, the newest Yuyao notice is for 2024: the answer
    // uses it for 2027 and says so first (see every_date.rs for the rest).
    let req = r#"{"region":"yuyao","date":"2026-11-22","birth_date":"1980-01-01","hukou":"local"}"#;
    let r = q(req);
    assert_eq!(r["benefit_year"], 2027);
    assert_eq!(r["policy"]["id"], "yuyao-2024");
    assert_eq!(r["enrollment"]["status"], "closed");
    assert_eq!(r["as_of"]["beyond_newest"], true);
    assert_eq!(r["as_of"]["newest_benefit_year"], 2024);
    assert_eq!(
        r["as_of"]["text"],
        "按本计算器收录的最新文件（余姚市2024年度，余政办发〔2023〕80号）估算；2027年度的标准以新通知为准。"
    );
    let text = yibao::text::render(&yibao::quote_json(req).unwrap());
    // The next step first, the note right after it (issue 23 point 2).
    assert!(text.starts_with("下一步：2027年度的集中参保期还不知道，以新通知为准"), "{text}");
    assert!(
        text.lines().nth(1).is_some_and(|l| l.starts_with("注意：按本计算器收录的最新文件（余姚市2024年度")),
        "{text}"
    );
}

#[test]
fn students_enrol_through_the_school_only() {
    let r = q(
        r#"{"region":"yuyao","benefit_year":2024,"birth_date":"2010-01-01","hukou":"local","school":"primary_secondary"}"#,
    );
    let how: Vec<&str> =
        r["enrollment"]["how"].as_array().unwrap().iter().map(|h| h["source"].as_str().unwrap()).collect();
    assert_eq!(how, ["余政办发〔2023〕80号 二(一)4(2)①②", "余政办发〔2023〕80号 二(一)4(1)①②"]);
}
