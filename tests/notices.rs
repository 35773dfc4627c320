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
        let s = r["summary"].as_str().unwrap();
        assert!(s.contains("没有写明全日制大学生按哪一档缴费"), "{s}");
        // Issue 23 point 6: no notice says this.
        assert!(!s.contains("单独的参保类别"), "{s}");
    }
}

/// Issue 23 point 6: statements without a clause are gone from every set.
#[test]
fn no_statement_without_a_clause() {
    let unsupported = [
        "宁波市全日制大学生是单独的参保类别",
        // 47号 三 says 当月参保、次月资助 and that full assistance is not pay-first; not that others pay first.
        "所以可能要先缴纳全部个人缴费",
        // 76号 二(三)'s last sentence follows the newborn's: not every permit holder's.
        "持本市有效居住证的非本市户籍人员可以参保；此类人员",
    ];
    for p in yibao::policy_sets() {
        let all = serde_json::to_string(p).unwrap();
        for u in unsupported {
            assert!(!all.contains(u), "{}: {u}", p.id);
        }
    }
}

/// 余政办发〔2022〕76号 二(三): the newborn line is said only where a
/// non-local newborn enrols through a parent.
#[test]
fn the_76_newborn_line_only_for_newborns() {
    let line = "持居住证参保的0-6个月新生儿";
    let has = |json: &str| serde_json::to_string(&q(json)["info"]).unwrap().contains(line);
    assert!(!has(r#"{"region":"yuyao","benefit_year":2023,"birth_date":"1980-01-01","hukou":"local"}"#));
    assert!(!has(
        r#"{"region":"yuyao","benefit_year":2023,"birth_date":"1980-01-01","hukou":"nonlocal","residence_permit":true}"#
    ));
    assert!(has(
        r#"{"region":"yuyao","benefit_year":2023,"date":"2022-11-01","birth_date":"2022-09-01","hukou":"nonlocal",
            "newborn_parent":{"residence_permit":true,"employee_insurance_months":24,"insured_normal":true}}"#
    ));
}

/// 慈溪通知 grants no eligibility to local residents in words: it is read
/// from 一(一)'s target (and 三(二)'s procedure), a listed assumption; the
/// clauses that do grant it are cited (二(一) permit, newborn).
#[test]
fn cixi_cites_what_grants_eligibility() {
    let r = q(r#"{"region":"cixi","birth_date":"1980-01-01","hukou":"local"}"#);
    assert_eq!(r["basis"]["source"], "慈溪通知 一(一)、三(二)");
    assert!(r["assumptions"].as_array().unwrap().iter().any(|a| a["id"] == "cixi-local-from-target"));
    let r = q(r#"{"region":"cixi","birth_date":"1980-01-01","hukou":"nonlocal","residence_permit":true}"#);
    assert_eq!(r["basis"]["source"], "慈溪通知 二(一)");
    assert!(!r["assumptions"].as_array().unwrap().iter().any(|a| a["id"] == "cixi-local-from-target"));
}

/// 市医保发〔2022〕47号 六(二): 大中专学生, 退役军人, 短期季节性务工人员 and 灵活就业人员 follow
/// 市医保发〔2021〕44号, not on file: eligible null with that reason.
#[test]
fn baiyin_groups_referred_to_44() {
    for id in ["college_student", "veteran", "seasonal_worker", "flexible_worker"] {
        let r = q(&format!(
            r#"{{"region":"baiyin","district":"baiyin","birth_date":"1990-01-01","hukou":"local","identities":["{id}"]}}"#
        ));
        assert!(r["eligible"].is_null(), "{id}: {}", r["summary"]);
        assert!(r["to_pay"].is_null() && r["personal_fee"].is_null(), "{id}");
        assert!(r["reason"].as_str().unwrap().contains("市医保发〔2021〕44号"), "{id}");
        assert_eq!(r["sources"]["eligibility"], "市医保发〔2022〕47号 六(二)", "{id}");
    }
    // Employee insurance is decided first (47号 一).
    let r = q(
        r#"{"region":"baiyin","district":"baiyin","birth_date":"1990-01-01","hukou":"local","employee_insurance":true,"identities":["veteran"]}"#,
    );
    assert_eq!(r["eligible"], false);
}

/// 市医保发〔2022〕47号 三: a 资助对象 insured in another place's resident insurance is
/// assisted by the 户籍地 at its standard; that place's fee is not in the notice.
#[test]
fn baiyin_assisted_insured_elsewhere() {
    let ask = |ids: &str, hukou: &str| {
        q(&format!(
            r#"{{"region":"baiyin","district":"baiyin","birth_date":"1960-01-01","hukou":"{hukou}","residence_permit":true,"identities":[{ids}],"insured_elsewhere":true}}"#
        ))
    };
    let r = ask(r#""dibao_full""#, "local");
    assert_eq!(
        (m(&r, "assistance"), m(&r, "to_pay"), m(&r, "personal_fee")),
        ("250.00".into(), "null".into(), "null".into())
    );
    let s = r["summary"].as_str().unwrap();
    assert!(s.contains("户籍地医保部门按照户籍地医疗救助参保资助标准") && s.contains("资助250元"), "{s}");
    assert_eq!(r["sources"]["assistance"], "市医保发〔2022〕47号 三2");
    let r = ask(r#""tekun""#, "local");
    assert_eq!((m(&r, "assistance"), m(&r, "to_pay")), ("null".into(), "null".into()), "{}", r["summary"]);
    // Not a local 资助对象: the clause is about the 户籍地; said in a note.
    let r = ask(r#""dibao_full""#, "nonlocal");
    assert!(r["notes"].to_string().contains("只涉及本地户籍的资助对象"), "{}", r["notes"]);
    // A set without such a clause says so.
    let r = q(
        r#"{"region":"yuyao","benefit_year":2024,"birth_date":"1960-01-01","hukou":"local","identities":["dibao"],"insured_elsewhere":true}"#,
    );
    assert_eq!(m(&r, "to_pay"), "0.00");
    assert!(r["notes"].to_string().contains("没有关于参加异地城乡居民医保的规定"), "{}", r["notes"]);
    // A bad value names its field.
    let e = common::err(
        r#"{"region":"baiyin","district":"baiyin","birth_date":"1960-01-01","hukou":"local","insured_elsewhere":"yes"}"#,
    );
    assert_eq!((e.code.as_str(), e.field.as_str()), ("invalid_type", "insured_elsewhere"));
}

/// 市医保发〔2022〕47号 六(一): 特困人员、孤儿、低保对象、返贫致贫人口、易返贫致贫人口 and new members
/// of 脱贫 families who are not enrolled are enrolled at any time: the window's answer says so.
#[test]
fn baiyin_groups_enrolled_at_any_time() {
    let ask = |ids: &str| {
        q(&format!(
            r#"{{"region":"baiyin","district":"baiyin","date":"2023-03-01","birth_date":"1960-01-01","hukou":"local","identities":[{ids}]}}"#
        ))
    };
    for ids in [
        r#""tekun""#,
        r#""orphan""#,
        r#""dibao_full""#,
        r#""dibao_partial""#,
        r#""fanpin""#,
        r#""yifanpin""#,
        r#""tuopin_new_member""#,
    ] {
        let r = ask(ids);
        let s = r["summary"].as_str().unwrap();
        assert!(s.contains("市医保发〔2022〕47号 六(一)") && s.contains("实时办理参保缴费"), "{ids}: {s}");
        assert!(!s.contains("文件没有写明集中参保期以外如何参保"), "{ids}: {s}");
        let how = r["enrollment"]["how"].to_string();
        assert!(how.contains("六(一)") && !how.contains("文件没有写明集中参保期以外如何参保"), "{ids}: {how}");
    }
    // 已脱贫人口 themselves are not in 六(一)'s list.
    let s = ask(r#""tuopin""#)["summary"].as_str().unwrap().to_string();
    assert!(!s.contains("六(一)") && s.contains("文件没有写明集中参保期以外如何参保"), "{s}");
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
