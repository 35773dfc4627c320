//! Issue 23, tried as new users would on 2026-12-06: the 低保 elder in 余姚,
//! the 慈溪 migrant parent with a baby born 2026-10-15, the holder of a
//! 35,000-yuan bill. The answer says what to do first, for which year, and
//! the year the person is in.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)] // test code

mod common;
use common::{m, q};

const TODAY: &str = "2026-12-06";

fn text(json: &str) -> String {
    yibao::quote_text(&yibao::request::from_json(json).unwrap()).unwrap()
}

#[test]
fn the_dibao_elder_in_yuyao_reads_that_nothing_is_to_be_done_first() {
    // 余政办发〔2023〕80号 二(一)4(3)①: 由政府全额资助参保，无需个人操作.
    let req = format!(
        r#"{{"region":"yuyao","date":"{TODAY}","birth_date":"1954-03-01","hukou":"local","identities":["dibao"]}}"#
    );
    let r = q(&req);
    assert_eq!(r["benefit_year"], 2027);
    assert_eq!(m(&r, "to_pay"), "0.00");
    assert_eq!(
        m(&r, "next_step.text"),
        "由政府全额资助参保，无需个人操作（这是2024年度文件的规定，2027年度以新通知为准）。"
    );
    assert_eq!(m(&r, "next_step.by"), "null");
    assert_eq!(m(&r, "next_step.source"), "余政办发〔2023〕80号 二(一)4(3)①");
    // The year the elder is in: 2026, projected from the 2024 notice.
    assert_eq!(r["in_force"]["benefit_year"], 2026);
    assert_eq!(r["in_force"]["beyond_newest"], true);
    assert!(r["assumptions"].as_array().unwrap().iter().any(|a| a["id"] == "in-force-projected"));
    let t = text(&req);
    let lines: Vec<&str> = t.lines().collect();
    assert_eq!(lines[0], "下一步：由政府全额资助参保，无需个人操作（这是2024年度文件的规定，2027年度以新通知为准）。");
    assert!(lines[1].starts_with("注意：按本计算器收录的最新文件（余姚市2024年度"), "{t}");
    assert!(!lines[0].contains('元') && !lines[1].contains("780"), "no figure before the note: {t}");
    assert!(t.contains("【2026年度（查询日所在的待遇年度）】若已在2026年度的集中参保期"), "{t}");
}

#[test]
fn the_cixi_migrant_parent_learns_the_offline_route_and_that_the_date_awaits_the_next_notice() {
    // 慈溪通知 二(一): 户口本（出生医学证明）及父母一方的本市有效居住证; 三(二): 线下前往居住地所在镇（街道）、村（社区）便民服务中心.
    let req = format!(
        r#"{{"region":"cixi","date":"{TODAY}","birth_date":"2026-10-15","hukou":"nonlocal","newborn_parent":{{"residence_permit":true,"employee_insurance_months":24,"insured_normal":true}}}}"#
    );
    let r = q(&req);
    assert_eq!((r["eligible"].as_bool(), r["benefit_year"].as_i64()), (Some(true), Some(2027)));
    let step = m(&r, "next_step.text");
    for w in [
        "户口本（出生医学证明）",
        "父母一方的本市有效居住证",
        "线下前往居住地所在镇（街道）、村（社区）便民服务中心",
        "2027年度的集中参保期还不知道，以新通知为准",
    ] {
        assert!(step.contains(w), "{w}: {step}");
    }
    assert_eq!(m(&r, "next_step.by"), "null", "no 2027 notice: no date to act by");
    assert_eq!(m(&r, "next_step.source"), "慈溪通知 二(一)、三(二)；慈溪通知 三(一)");
    // The year the family is in: the child was born after its window.
    assert_eq!(r["in_force"]["benefit_year"], 2026);
    assert!(m(&r, "in_force.text").starts_with("孩子在2026年度的集中参保期"), "{}", r["in_force"]);
    // 一(三): 天一甬宁保 named, no premium, no terms.
    assert_eq!(m(&r, "yongningbao.name"), "天一甬宁保");
    assert_eq!((m(&r, "yongningbao.premium"), m(&r, "yongningbao.benefits")), ("null".into(), "null".into()));
    let t = text(&req);
    assert!(t.starts_with(&format!("下一步：{step}\n注意：")), "{t}");
    assert!(t.contains("【天一甬宁保】慈溪通知只提出"), "{t}");
}

#[test]
fn a_bill_held_today_is_priced_by_the_plan_year_in_force_projected() {
    // 余政办发〔2023〕80号 二(二)5(2): 保障期限 by plan year; 附件3 责任一.
    let req = format!(
        r#"{{"region":"yuyao","date":"{TODAY}","birth_date":"1970-03-01","hukou":"local","bill":{{"in_scope":35000}}}}"#
    );
    let r = q(&req);
    let y = &r["yongningbao"];
    assert_eq!(r["benefit_year"], 2027, "enrolling for 2027");
    assert_eq!(y["payout"]["plan_year"], 2026, "but the bill is 2026's");
    assert_eq!(y["payout"]["projected"], true);
    assert_eq!(m(y, "payout.cover.start"), "2026-01-01");
    assert_eq!(m(y, "payout.total"), "13200.00"); // 14,000 × 30% + 15,000 × 60%
    let ids: Vec<&str> = r["assumptions"].as_array().unwrap().iter().map(|a| a["id"].as_str().unwrap()).collect();
    assert!(ids.contains(&"ynb-plan-projected") && ids.contains(&"bill-date-from-question"), "{ids:?}");
    // What the plan covers, bill or not: five responsibilities.
    assert_eq!(y["benefits"].as_array().unwrap().len(), 5);
    let t = text(&req);
    assert!(t.contains("按天一甬宁保2026年度方案（推算）估算赔付：保障期 2026-01-01 至 2026-12-31"), "{t}");
    assert!(t.contains("  保障：责任一：住院及特病门诊医保范围内医疗费用（保险金额50万元）"), "{t}");
    assert!(
        t.contains("  赔付（按保障年度内的累计理算金额分段）：责任一、责任二、责任三-1、责任三-2起付线6,000元，6,000至20,000元部分赔30%，20,000元以上部分赔60%；责任四无起付线，按60%赔付。"),
        "{t}"
    );
    // Dated into the 2024 plan: that plan, not projected.
    let r = q(&req.replace(r#""in_scope":35000"#, r#""in_scope":35000,"date":"2024-05-01""#));
    assert_eq!(
        (r["yongningbao"]["payout"]["plan_year"].as_i64(), r["yongningbao"]["payout"]["projected"].as_bool()),
        (Some(2024), Some(false))
    );
}

#[test]
fn a_household_has_one_in_force_and_each_members_next_step() {
    let h = serde_json::to_value(
        yibao::household_json(&format!(
            r#"{{"region":"yuyao","date":"{TODAY}","members":[
              {{"relation":"self","birth_date":"1980-05-17","hukou":"local"}},
              {{"relation":"parent","birth_date":"1954-03-01","hukou":"local","identities":["dibao"]}},
              {{"relation":"child","birth_date":"2026-10-01","hukou":"local"}}]}}"#
        ))
        .unwrap(),
    )
    .unwrap();
    assert_eq!(h["in_force"]["benefit_year"], 2026);
    // The household's is the year's reading, not the newborn's own.
    assert!(m(&h, "in_force.text").starts_with("若已在2026年度的集中参保期"));
    for mb in h["members"].as_array().unwrap() {
        assert!(mb["quote"]["next_step"]["text"].is_string());
    }
    assert!(m(&h, "summary").starts_with("下一步：第1位（本人）："), "{}", h["summary"]);
    assert!(m(&h, "summary").contains("第2位（父母）：由政府全额资助参保，无需个人操作"));
}

#[test]
fn a_bad_bill_date_is_an_error_naming_it_whatever_the_set() {
    for (json, code) in [
        (
            r#"{"region":"baiyin","district":"baiyin","birth_date":"1970-03-01","hukou":"local","bill":{"date":"2024-13-01"}}"#,
            "invalid_value",
        ),
        (
            r#"{"region":"yuyao","birth_date":"1970-03-01","hukou":"local","bill":{"date":20240301,"in_scope":1}}"#,
            "invalid_type",
        ),
    ] {
        let e = common::err(json);
        assert_eq!((e.code.as_str(), &*e.field), (code, "bill.date"), "{json}");
        assert!(e.message.contains("YYYY-MM-DD"));
    }
}
