//! Issue 23 point 5: projections the notice limits. Where a notice ties an
//! amount to a period that ends or a schedule that changes it, a later
//! year's amount is unknown: `assistance` and `to_pay` are null and the
//! answer gives the last figure as an upper bound. Words that standards
//! generally rise do not (the estimate mark covers them).
//!
//! Read in all four notices for this kind:
//! - 市医保发〔2022〕47号 三5: 已脱贫人口 "在过渡期内逐步下调，2022年资助标准为100元" — the one
//!   amount tied to a schedule that lowers it (`identities.assistance_until` in baiyin-2023.toml).
//! - General words only, not this kind: 47号 二 "继续提高…筹资标准", 二(一) "不低于610元",
//!   二(三) "大病保险继续按照每人每年90元"; 76号 三 "根据上级文件要求，继续提高筹资标准"; 慈溪通知
//!   二(二) "若上级调整政府补助标准，我市同步执行"; 80号 二(一)5 "2024年度起" (a limit raised from a
//!   year on, not ended). 80号's 甬宁保 premium and plan are for 2024 (保障期限 二(二)5(2)): their
//!   plan year is the 甬宁保 work of points 1–3, not an assistance amount.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)] // test code

mod common;
use common::{m, q};

#[test]
fn an_amount_the_notice_lowers_after_its_year_is_unknown_later() {
    // (clause, year, identities, assistance, to_pay)
    let rows = [
        ("市医保发〔2022〕47号 三5（2022年资助标准为100元：2023年度）", 2023, r#""tuopin""#, "100.00", "250.00"),
        ("市医保发〔2022〕47号 三5（过渡期内逐步下调：2027年度未知）", 2027, r#""tuopin""#, "null", "null"),
        ("市医保发〔2022〕47号 三5（2024年度也未知）", 2024, r#""tuopin""#, "null", "null"),
        (
            "市医保发〔2022〕47号 三2、三（就高不重复：低保250元高于已脱贫的上限100元）",
            2027,
            r#""tuopin","dibao_full""#,
            "250.00",
            "100.00",
        ),
        (
            "市医保发〔2022〕47号 三4、三（就高不重复：易返贫150元高于上限100元）",
            2027,
            r#""yifanpin","tuopin""#,
            "150.00",
            "200.00",
        ),
        ("市医保发〔2022〕47号 三1、三（特困全额）", 2027, r#""tekun","tuopin""#, "350.00", "0.00"),
        ("市医保发〔2022〕47号 三2（未设期限的定额照用，带估算标记）", 2027, r#""dibao_partial""#, "190.00", "160.00"),
    ];
    for (clause, year, ids, assistance, to_pay) in rows {
        let r = q(&format!(
            r#"{{"region":"baiyin","benefit_year":{year},"district":"huining","birth_date":"1960-05-17","hukou":"local","identities":[{ids}]}}"#
        ));
        let ctx = format!("{clause}: {}", r["summary"]);
        assert_eq!((m(&r, "assistance"), m(&r, "to_pay")), (assistance.to_string(), to_pay.to_string()), "{ctx}");
        assert_eq!(m(&r, "personal_fee"), "350.00", "{ctx}");
        if assistance == "null" {
            let s = r["summary"].as_str().unwrap();
            assert!(s.contains("2022年资助标准为100元") && s.contains("资助最多100元"), "{ctx}");
            assert!(s.contains("至少250元、最多350元"), "{ctx}");
            let step = r["steps"].as_array().unwrap().iter().any(|s| s["source"] == "市医保发〔2022〕47号 三5");
            assert!(step, "{ctx}");
        }
        assert_eq!(r["as_of"]["beyond_newest"].as_bool(), Some(year > 2023), "{ctx}");
    }
}

#[test]
fn a_baiyin_farmer_out_of_poverty_on_2026_12_06() {
    let req = r#"{"region":"baiyin","district":"huining","date":"2026-12-06","birth_date":"1965-03-01","hukou":"local","identities":["tuopin"]}"#;
    let r = q(req);
    assert_eq!(r["benefit_year"], 2027);
    assert!(r["assistance"].is_null() && r["to_pay"].is_null(), "{}", r["summary"]);
    let t = yibao::text::render(&yibao::quote_json(req).unwrap());
    assert!(t.contains("资助 —；实际需缴 —") && t.contains("资助最多100元"), "{t}");
    assert!(!t.contains("可获资助100元"), "{t}");
}

/// General words that standards rise do not make figures null: the other
/// sets answer a later year with their amounts and the estimate mark.
#[test]
fn general_words_leave_the_estimate() {
    for (region, extra) in [("yuyao", ""), ("cixi", ""), ("baiyin", r#","district":"baiyin""#)] {
        let r = q(&format!(
            r#"{{"region":"{region}","benefit_year":2027{extra},"birth_date":"1980-05-17","hukou":"local"}}"#
        ));
        assert!(r["to_pay"].is_string() && r["as_of"]["beyond_newest"] == true, "{region}: {}", r["summary"]);
    }
}

/// A top-up from 已脱贫 in a later year: the old standard is only an upper
/// bound (47号 三5), so the top-up is at least the difference; the figures
/// are the new standard's (47号 三: 补差).
#[test]
fn a_top_up_from_an_unknown_standard_is_at_least_the_difference() {
    let r = q(
        r#"{"region":"baiyin","district":"huining","date":"2026-12-06","birth_date":"1970-05-17","hukou":"local","identities":["dibao_full"],
        "change":{"registered_on":"2026-10-15","identities_then":["tuopin"],"changed_on":"2026-11-20"}}"#,
    );
    assert_eq!((m(&r, "change.outcome"), m(&r, "change.amount")), ("top_up".into(), "null".into()));
    assert!(r["change"]["reason"].as_str().unwrap().contains("最多100元），补差至少150元"), "{}", r["change"]);
    assert_eq!((m(&r, "assistance"), m(&r, "to_pay")), ("250.00".into(), "100.00".into()));
}

/// A household member whose assistance is unknown for the year is listed,
/// not added, with the clause's reason.
#[test]
fn a_household_lists_the_unknown_amount_with_its_reason() {
    let h = yibao::household_json(
        r#"{"region":"baiyin","district":"huining","benefit_year":2027,"members":[
            {"relation":"self","birth_date":"1965-03-01","hukou":"local","identities":["tuopin"]},
            {"relation":"spouse","birth_date":"1966-03-01","hukou":"local","identities":["tuopin","dibao_full"]}]}"#,
    )
    .unwrap();
    let v = serde_json::to_value(&h).unwrap();
    assert_eq!(m(&v, "totals.to_pay"), "100.00");
    assert_eq!(v["totals"]["not_included"][0]["member"], 0);
    assert!(
        v["totals"]["not_included"][0]["reason"].as_str().unwrap().contains("2022年资助标准为100元"),
        "{}",
        v["totals"]
    );
}
