//! 天一甬宁保 2024 payouts: 余政办发〔2023〕80号 附件3, each responsibility at
//! and across its band edges, at its cap, with amounts counted before, and
//! outside Ningbo. Arithmetic beside every expected value.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)] // test code

mod common;
use common::{m, q};
use serde_json::Value;

fn payout(bill: &str) -> Value {
    let r = q(&format!(
        r#"{{"region":"yuyao","benefit_year":2024,"birth_date":"1970-01-01","hukou":"local","bill":{bill}}}"#
    ));
    r["yongningbao"]["payout"].clone()
}

fn item(bill: &str, id: &str) -> String {
    let p = payout(bill);
    p["items"].as_array().unwrap().iter().find(|i| i["id"] == id).map_or("0.00".into(), |i| m(i, "payout"))
}

#[test]
fn bands_of_each_responsibility_with_deductible() {
    // 责任一 to 责任三: 0.6万至2.0万 30 %, 2.0万以上 60 %; sums insured 50万,
    // 100万, 100万, 30万.
    for id in ["in_scope", "self_paid", "cancer_drugs", "rare_disease_drugs"] {
        let cases = [
            ("5999.99", "0.00", "below the deductible"),
            ("6000", "0.00", "at the deductible"),
            ("6000.01", "0.00", "0.01 × 30% = 0.003 → 0.00"),
            ("6000.02", "0.01", "0.02 × 30% = 0.006 → 0.01"),
            ("6000.05", "0.02", "0.05 × 30% = 0.015 → 0.02 (half up)"),
            ("20000", "4200.00", "14,000 × 30% = 4,200"),
            ("20000.01", "4200.01", "4,200 + 0.01 × 60% = 4,200.006 → 4,200.01"),
            ("30000", "10200.00", "4,200 + 10,000 × 60% = 10,200"),
            ("100000", "52200.00", "4,200 + 80,000 × 60% = 52,200"),
        ];
        for (amount, want, arithmetic) in cases {
            assert_eq!(item(&format!(r#"{{"{id}":"{amount}"}}"#), id), want, "{id} {amount}: {arithmetic}");
        }
    }
}

#[test]
fn each_sum_insured_caps_the_payout() {
    // f(x) = 4,200 + (x − 20,000) × 60 %; f(x) = cap at x = 20,000 + (cap − 4,200) / 0.6.
    let cases = [
        ("in_scope", "846333.33", "499999.998 → 500000.00", "500000.00"),
        ("in_scope", "1000000", "592,200 > 500,000 → 500,000", "500000.00"),
        ("self_paid", "2000000", "1,192,200 > 1,000,000", "1000000.00"),
        ("cancer_drugs", "2000000", "1,192,200 > 1,000,000", "1000000.00"),
        ("rare_disease_drugs", "600000", "4,200 + 580,000 × 60% = 352,200 > 300,000", "300000.00"),
        ("rare_disease_drugs", "513000", "4,200 + 493,000 × 60% = 300,000 exactly", "300000.00"),
        ("proton_heavy_ion", "400000", "400,000 × 60% = 240,000 > 200,000", "200000.00"),
    ];
    for (id, amount, arithmetic, want) in cases {
        assert_eq!(item(&format!(r#"{{"{id}":"{amount}"}}"#), id), want, "{id} {amount}: {arithmetic}");
    }
    let p = payout(r#"{"in_scope":1000000}"#);
    assert_eq!(p["items"][0]["capped"], true);
    assert_eq!(m(&p, "items.0.cap"), "500000.00");
}

#[test]
fn proton_and_heavy_ion_have_no_deductible() {
    // 责任四: 无起付线, 60 %, 20万.
    assert_eq!(item(r#"{"proton_heavy_ion":10000}"#, "proton_heavy_ion"), "6000.00", "10,000 × 60%");
    assert_eq!(item(r#"{"proton_heavy_ion":"0.01"}"#, "proton_heavy_ion"), "0.01", "0.006 → 0.01");
    assert_eq!(m(&payout(r#"{"proton_heavy_ion":10000}"#), "items.0.deductible"), "0.00");
}

#[test]
fn amounts_counted_before_accumulate_over_the_year() {
    // f(before + now) − f(before).
    let cases = [
        (
            r#"{"in_scope":20000,"counted_before":{"in_scope":10000}}"#,
            "9000.00",
            "f(30,000) − f(10,000) = 10,200 − 1,200",
        ),
        (r#"{"in_scope":3000,"counted_before":{"in_scope":4000}}"#, "300.00", "f(7,000) − f(4,000) = 300 − 0"),
        (r#"{"in_scope":1000,"counted_before":{"in_scope":25000}}"#, "600.00", "all in the 60% band"),
        (r#"{"in_scope":10000,"counted_before":{"in_scope":846000}}"#, "200.00", "paid before 499,800, only 200 left"),
        (r#"{"in_scope":1000,"counted_before":{"in_scope":900000}}"#, "0.00", "the sum insured was used up before"),
        (
            r#"{"self_paid":20000,"counted_before":{"in_scope":10000}}"#,
            "4200.00",
            "each responsibility accumulates on its own",
        ),
        (
            r#"{"proton_heavy_ion":100000,"counted_before":{"proton_heavy_ion":300000}}"#,
            "20000.00",
            "180,000 paid before, 20,000 left",
        ),
    ];
    for (bill, want, arithmetic) in cases {
        let p = payout(bill);
        assert_eq!(m(&p, "total"), want, "{bill}: {arithmetic}");
    }
    let p = payout(r#"{"in_scope":20000,"counted_before":{"in_scope":10000}}"#);
    assert_eq!((m(&p, "items.0.counted"), m(&p, "items.0.paid_before")), ("30000.00".into(), "1200.00".into()));
}

#[test]
fn outside_ningbo_is_counted_in_full_and_marks_an_upper_bound() {
    // 责任二/三: 宁波市外费用按保障方案详述列示比例计入 (not among the documents).
    let p = payout(r#"{"self_paid":30000,"outside_ningbo":{"self_paid":10000}}"#);
    assert_eq!(m(&p, "total"), "10200.00", "30,000 counted in full");
    assert_eq!(p["upper_bound"], true);
    // The range: the 10,000 outside Ningbo counted for nothing, 20,000 − 6,000
    // = 14,000 × 30% = 4,200; the own share 30,000 − 4,200 = 25,800.
    assert_eq!((m(&p, "total_low"), m(&p, "own_share_high")), ("4200.00".into(), "25800.00".into()));
    assert_eq!(m(&p, "items.0.payout_low"), "4200.00");
    assert!(
        p["notes"][0].as_str().unwrap().contains("赔付在4,200元（这部分不计入）至10,200元（全额计入）之间"),
        "{}",
        p["notes"][0]
    );
    let t = yibao::text::render(
        &yibao::quote_json(r#"{"region":"yuyao","benefit_year":2024,"birth_date":"1970-01-01","hukou":"local","bill":{"self_paid":30000,"outside_ningbo":{"self_paid":10000}}}"#).unwrap(),
    );
    assert!(
        t.contains("甬宁保赔付 4,200元 至 10,200元") && t.contains("赔付后个人仍需负担 19,800元 至 25,800元"),
        "{t}"
    );
    let r = q(
        r#"{"region":"yuyao","benefit_year":2024,"birth_date":"1970-01-01","hukou":"local","bill":{"cancer_drugs":30000,"outside_ningbo":{"cancer_drugs":1}}}"#,
    );
    assert!(r["assumptions"].as_array().unwrap().iter().any(|a| a["id"] == "ynb-outside-ningbo"));
    // 责任一's row has no such ratio: counted in full, not an upper bound, but noted.
    let p = payout(r#"{"in_scope":30000,"outside_ningbo":{"in_scope":10000}}"#);
    assert_eq!(p["upper_bound"], false);
    assert!(p["total_low"].is_null());
    assert_eq!(p["notes"].as_array().unwrap().len(), 1);
}

#[test]
fn the_persons_own_share_is_the_bill_less_the_payout() {
    let p = payout(r#"{"in_scope":30000,"self_paid":"8000.50","proton_heavy_ion":1000}"#);
    // 10,200 + 2,000.50 × 30% (600.15) + 600 = 11,400.15; 39,000.50 − 11,400.15 = 27,600.35
    assert_eq!(
        (m(&p, "total"), m(&p, "bill_total"), m(&p, "own_share")),
        ("11400.15".into(), "39000.50".into(), "27600.35".into())
    );
    let bands = &p["items"][0]["bands"];
    assert_eq!((m(bands, "0.amount"), m(bands, "1.amount")), ("4200.00".into(), "6000.00".into()));
    assert_eq!(p["items"][0]["working"], "30,000 − 6,000 起付线 → 24,000 计入分段；6,000–20,000 段 14,000 × 30% = 4,200；20,000 以上段 10,000 × 60% = 6,000；赔付 10,200");
}

#[test]
fn no_payout_for_someone_not_eligible_or_without_yongningbao() {
    let r = q(
        r#"{"region":"yuyao","benefit_year":2024,"birth_date":"1970-01-01","hukou":"nonlocal","bill":{"in_scope":30000}}"#,
    );
    assert!(r["yongningbao"]["payout"].is_null());
    assert!(r["yongningbao"]["payout_reason"].as_str().unwrap().contains("不能参加"));
    let r = q(
        r#"{"region":"baiyin","district":"baiyin","birth_date":"1970-01-01","hukou":"local","bill":{"in_scope":30000}}"#,
    );
    assert!(r["yongningbao"].is_null());
    assert!(r["notes"][0].as_str().unwrap().contains("不含补充医疗保险"));
    // Employees are eligible for 甬宁保 though not for resident insurance.
    let r = q(
        r#"{"region":"yuyao","benefit_year":2024,"birth_date":"1970-01-01","hukou":"local","employee_insurance":true,"bill":{"in_scope":30000}}"#,
    );
    assert_eq!(m(&r, "yongningbao.payout.total"), "10200.00");
}

#[test]
fn a_shared_pool_is_a_data_change() {
    // A plan whose responsibilities share one deductible: only `pool` changes.
    let text = std::fs::read_to_string("policies/yuyao-2024.toml").unwrap();
    let shared = text
        .replace(
            "outside_ratio_unknown = false\nsource = \"余政办发〔2023〕80号 附件3 责任一\"",
            "outside_ratio_unknown = false\npool = \"shared\"\nsource = \"余政办发〔2023〕80号 附件3 责任一\"",
        )
        .replace(
            "outside_ratio_unknown = true\nsource = \"余政办发〔2023〕80号 附件3 责任二\"",
            "outside_ratio_unknown = true\npool = \"shared\"\nsource = \"余政办发〔2023〕80号 附件3 责任二\"",
        );
    assert_ne!(text, shared);
    let p: yibao::policy::Policy = toml::from_str(&shared).unwrap();
    p.validate().unwrap();
    let plan = &p.yongningbao.as_ref().unwrap().payout;
    let four_thousand = yibao::request::Amount::from_yuan(4000);
    let amounts =
        yibao::request::Amounts(vec![("in_scope".into(), four_thousand), ("self_paid".into(), four_thousand)]);
    let bill = yibao::request::Bill { amounts, ..Default::default() };
    let full = yibao::answer::Detail::Full;
    let r = yibao::payout::estimate(plan, &bill, full);
    // Pool axis: in_scope [0, 4,000) → 0; self_paid [4,000, 8,000) → 2,000 × 30% = 600.
    assert_eq!(r.total.fixed(), "600.00");
    // Per responsibility (the 2024 reading) the same bill pays nothing.
    let own: yibao::policy::Policy = toml::from_str(&text).unwrap();
    let r = yibao::payout::estimate(&own.yongningbao.unwrap().payout, &bill, full);
    assert_eq!(r.total.fixed(), "0.00");
}
