//! When a person's situation changes (refunds, top-ups, assistance kept)
//! and across an age band: a table per rule, each naming its clause.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)] // test code

mod common;
use common::{err, m, q};
use proptest::prelude::*;
use serde_json::Value;
use yibao::policy::ChangeOutcome;

/// A change of status and what the notice does with it.
struct Case {
    clause: &'static str,
    region: &'static str,
    /// identities now, identities then, registered on, certified on
    change: (&'static str, &'static str, &'static str, &'static str),
    outcome: &'static str,
    amount: &'static str,
    arithmetic: &'static str,
}

fn ask(region: &str, (now, then, reg, on): (&str, &str, &str, &str)) -> Value {
    let district = if region.starts_with("baiyin") { r#","district":"huining""# } else { "" };
    let (region, year) = region.split_once('-').unwrap();
    q(&format!(
        r#"{{"region":"{region}","benefit_year":{year}{district},"birth_date":"1970-05-17","hukou":"local","identities":[{now}],
            "change":{{"registered_on":"{reg}","identities_then":[{then}],"changed_on":"{on}"}}}}"#
    ))
}

#[test]
fn each_rule_of_the_notices() {
    let dibao = r#""dibao""#;
    let cases = [
        // 余政办发〔2023〕80号 二(一)4(3)③: certified by the end-of-window comparison (2023-12-25).
        Case {
            clause: "余政办发〔2023〕80号 二(一)4(3)③",
            region: "yuyao-2024",
            change: (dibao, "", "2023-10-15", "2023-12-05"),
            outcome: "refund",
            amount: "780.00",
            arithmetic: "the 780 paid comes back",
        },
        Case {
            clause: "余政办发〔2023〕80号 二(一)4(3)③（集中参保期最后一天）",
            region: "yuyao-2024",
            change: (dibao, "", "2023-10-15", "2023-12-25"),
            outcome: "refund",
            amount: "780.00",
            arithmetic: "12-25 is the window's last day",
        },
        Case {
            clause: "余政办发〔2023〕80号 二(一)4(3)③④（期末之后、待遇年度之前：未规定）",
            region: "yuyao-2024",
            change: (dibao, "", "2023-10-15", "2023-12-26"),
            outcome: "not_in_documents",
            amount: "null",
            arithmetic: "the day after the window",
        },
        // 二(一)4(3)④: during the benefit year, not refunded.
        Case {
            clause: "余政办发〔2023〕80号 二(一)4(3)④（待遇年度第一天）",
            region: "yuyao-2024",
            change: (dibao, "", "2023-10-15", "2024-01-01"),
            outcome: "none",
            amount: "0.00",
            arithmetic: "fee not refunded",
        },
        Case {
            clause: "余政办发〔2023〕80号 二(一)4(3)④",
            region: "yuyao-2024",
            change: (dibao, "", "2023-11-15", "2024-06-30"),
            outcome: "none",
            amount: "0.00",
            arithmetic: "fee not refunded",
        },
        // 二(一)4(3)②: assisted when registering in the window, then out: kept.
        Case {
            clause: "余政办发〔2023〕80号 二(一)4(3)②",
            region: "yuyao-2024",
            change: ("", dibao, "2023-10-15", "2024-03-01"),
            outcome: "keep",
            amount: "0.00",
            arithmetic: "assistance stays valid for 2024",
        },
        Case {
            clause: "余政办发〔2023〕80号 二(一)4(3)②（登记不在集中参保期内：未规定）",
            region: "yuyao-2024",
            change: ("", dibao, "2024-02-01", "2024-03-01"),
            outcome: "not_in_documents",
            amount: "null",
            arithmetic: "② speaks of registering in the window",
        },
        // 余政办发〔2022〕76号 四(三)2–4, the same rules for 2023 (window end 2022-12-25).
        Case {
            clause: "余政办发〔2022〕76号 四(三)3",
            region: "yuyao-2023",
            change: (dibao, "", "2022-10-01", "2022-12-25"),
            outcome: "refund",
            amount: "780.00",
            arithmetic: "780 back",
        },
        Case {
            clause: "余政办发〔2022〕76号 四(三)4",
            region: "yuyao-2023",
            change: (dibao, "", "2022-10-01", "2023-01-01"),
            outcome: "none",
            amount: "0.00",
            arithmetic: "not refunded",
        },
        Case {
            clause: "余政办发〔2022〕76号 四(三)2",
            region: "yuyao-2023",
            change: ("", dibao, "2022-10-01", "2023-05-01"),
            outcome: "keep",
            amount: "0.00",
            arithmetic: "kept",
        },
        // 市医保发〔2022〕47号 三 (5之后一段).
        Case {
            clause: "市医保发〔2022〕47号 三（新增认定为资助对象：给予资助，全额）",
            region: "baiyin-2023",
            change: (r#""tekun""#, "", "2022-09-01", "2022-10-20"),
            outcome: "refund",
            amount: "350.00",
            arithmetic: "特困: the whole 350",
        },
        Case {
            clause: "市医保发〔2022〕47号 三（新增认定为资助对象：定额）",
            region: "baiyin-2023",
            change: (r#""dibao_full""#, "", "2022-09-01", "2022-10-20"),
            outcome: "refund",
            amount: "250.00",
            arithmetic: "三2: 250",
        },
        Case {
            clause: "市医保发〔2022〕47号 三（资助标准提高：补差）",
            region: "baiyin-2023",
            change: (r#""dibao_full""#, r#""tuopin""#, "2022-09-01", "2022-10-20"),
            outcome: "top_up",
            amount: "150.00",
            arithmetic: "250 − 100 = 150",
        },
        Case {
            clause: "市医保发〔2022〕47号 三（提高到全额：补差）",
            region: "baiyin-2023",
            change: (r#""tekun""#, r#""yifanpin""#, "2022-09-01", "2023-03-01"),
            outcome: "top_up",
            amount: "200.00",
            arithmetic: "350 − 150 = 200",
        },
        Case {
            clause: "市医保发〔2022〕47号 三（就高不重复后的补差）",
            region: "baiyin-2023",
            change: (r#""dibao_full","tuopin""#, r#""yifanpin","tuopin""#, "2022-09-01", "2022-10-20"),
            outcome: "top_up",
            amount: "100.00",
            arithmetic: "max now 250 − max then 150 = 100",
        },
        Case {
            clause: "市医保发〔2022〕47号 三（资助标准降低：不再退还）",
            region: "baiyin-2023",
            change: (r#""tuopin""#, r#""dibao_full""#, "2022-09-01", "2022-10-20"),
            outcome: "keep",
            amount: "0.00",
            arithmetic: "250 given is kept",
        },
        Case {
            clause: "市医保发〔2022〕47号 三（不再具备资助条件：不再退还）",
            region: "baiyin-2023",
            change: ("", r#""dibao_partial""#, "2022-09-01", "2023-02-01"),
            outcome: "keep",
            amount: "0.00",
            arithmetic: "190 given is kept",
        },
        // 慈溪通知: no such rules.
        Case {
            clause: "慈溪通知（无身份变化规定）",
            region: "cixi-2023",
            change: (dibao, "", "2022-10-01", "2022-12-01"),
            outcome: "not_in_documents",
            amount: "null",
            arithmetic: "the notice is silent",
        },
        Case {
            clause: "慈溪通知（无身份变化规定）",
            region: "cixi-2023",
            change: ("", dibao, "2022-10-01", "2023-02-01"),
            outcome: "not_in_documents",
            amount: "null",
            arithmetic: "the notice is silent",
        },
        // An identity that is not an assisted group of the set: nothing changes the fee.
        Case {
            clause: "余政办发〔2023〕80号 一(一)（困境儿童不是居民医保资助对象）",
            region: "yuyao-2024",
            change: (r#""kunjing_child""#, "", "2023-10-15", "2023-11-20"),
            outcome: "none",
            amount: "0.00",
            arithmetic: "fee unchanged",
        },
        // No change of identities.
        Case {
            clause: "余政办发〔2023〕80号 二(一)4(3)（身份未变）",
            region: "yuyao-2024",
            change: (dibao, dibao, "2023-10-15", "2023-11-20"),
            outcome: "none",
            amount: "0.00",
            arithmetic: "nothing changed",
        },
    ];
    for c in &cases {
        let r = ask(c.region, c.change);
        let ctx = format!("{} ({}) {:?}", c.clause, c.arithmetic, c.change);
        assert_eq!(
            (m(&r, "change.outcome"), m(&r, "change.amount")),
            (c.outcome.to_string(), c.amount.to_string()),
            "{ctx}: {}",
            r["change"]
        );
        let source = r["change"]["source"].as_str().unwrap();
        assert!(!source.is_empty(), "{ctx}");
        assert!(r["summary"].as_str().unwrap().contains("身份变化："), "{ctx}");
        if c.outcome != "not_in_documents" && !c.clause.contains("身份未变") && !c.clause.contains("困境儿童") {
            let clause = c.clause.split('（').next().unwrap();
            assert!(source.starts_with(clause), "{ctx}: {source}");
        }
    }
    // Cixi never answers with Yuyao's rules.
    let r = ask("cixi-2023", (dibao, "", "2022-10-01", "2022-12-01"));
    assert!(r["change"]["reason"].as_str().unwrap().contains("本通知没有规定"));
    // 困境儿童 may change 甬宁保 (80号 二(二)4(3)).
    let r = ask("yuyao-2024", (r#""kunjing_child""#, "", "2023-10-15", "2023-11-20"));
    assert!(r["change"]["reason"].as_str().unwrap().contains("天一甬宁保"), "{}", r["change"]["reason"]);
}

#[test]
fn the_three_questions_at_the_top_of_the_issue() {
    // "I paid 780 in October and was certified 低保 in December: do I get it back?"
    let req = r#"{"region":"yuyao","date":"2023-12-10","birth_date":"1980-05-17","hukou":"local","identities":["dibao"],"change":{"registered_on":"2023-10-15","identities_then":[],"changed_on":"2023-12-05"}}"#;
    let t = yibao::text::render(&yibao::quote_json(req).unwrap());
    assert!(t.contains("身份变化：") && t.contains("退还已缴纳的个人缴费780元") && t.contains("二(一)4(3)③"), "{t}");
    // "I was 已脱贫 and am now 低保: do I get the difference?"
    let req = r#"{"region":"baiyin","district":"huining","date":"2022-11-01","birth_date":"1960-05-17","hukou":"local","identities":["dibao_full"],"change":{"registered_on":"2022-09-01","identities_then":["tuopin"],"changed_on":"2022-10-20"}}"#;
    let t = yibao::text::render(&yibao::quote_json(req).unwrap());
    assert!(t.contains("补差150元（新标准250元 − 原标准100元）") && t.contains("市医保发〔2022〕47号 三"), "{t}");
    // "My child turns 6: do I have to do anything?" (余政办发〔2023〕80号 二(一)4(1)②)
    let req = r#"{"region":"yuyao","date":"2023-11-01","birth_date":"2017-12-31","hukou":"local"}"#;
    let r = q(req);
    let s = r["summary"].as_str().unwrap();
    assert!(
        s.contains("上一年度（2023年度）属于婴幼儿档，本年度属于中小学生档") && s.contains("须由个人重新办理参保登记"),
        "{s}"
    );
    let step = r["enrollment"]["how"]
        .as_array()
        .unwrap()
        .iter()
        .find(|h| h["text"].as_str().unwrap().starts_with("跨年龄段"))
        .unwrap();
    assert_eq!(step["source"], "余政办发〔2023〕80号 二(一)4(1)①②");
    assert!(yibao::text::render(&yibao::quote_json(req).unwrap()).contains("须由个人重新办理参保登记"));
}

#[test]
fn age_band_crossings_in_each_set() {
    let band = |json: &str| -> Option<String> {
        q(json)["enrollment"]["how"]
            .as_array()
            .unwrap()
            .iter()
            .find(|h| h["text"].as_str().unwrap().starts_with("跨年龄段"))
            .map(|h| format!("{} | {}", h["text"].as_str().unwrap(), h["source"].as_str().unwrap()))
    };
    // 80号 二(一)4(1)②, against yuyao-2023's tiers: 婴幼儿 → 中小学生, 中小学生 → 成年.
    let b = band(r#"{"region":"yuyao","benefit_year":2024,"birth_date":"2017-12-31","hukou":"local"}"#).unwrap();
    assert!(b.contains("婴幼儿档，本年度属于中小学生档") && !b.contains("不在本计算器之内"), "{b}");
    let b = band(r#"{"region":"yuyao","benefit_year":2024,"birth_date":"2005-12-31","hukou":"local"}"#).unwrap();
    assert!(b.contains("中小学生档（含其他未成年人），本年度属于成年居民档"), "{b}");
    assert_eq!(
        band(r#"{"region":"yuyao","benefit_year":2024,"birth_date":"2018-01-01","hukou":"local"}"#),
        None,
        "5 both years... 4 then 5"
    );
    assert_eq!(band(r#"{"region":"yuyao","benefit_year":2024,"birth_date":"1980-01-01","hukou":"local"}"#), None);
    // A pupil is in the student tier by school, whatever the age.
    assert_eq!(
        band(
            r#"{"region":"yuyao","benefit_year":2024,"birth_date":"2017-12-31","hukou":"local","school":"primary_secondary"}"#
        ),
        None
    );
    // 76号 四(一)2: 2022 is not on file, so the rule is stated by this year's bands.
    let b = band(r#"{"region":"yuyao","benefit_year":2023,"birth_date":"2016-12-31","hukou":"local"}"#).unwrap();
    assert!(
        b.contains("不在本计算器之内")
            && b.contains("须由个人重新办理参保登记")
            && b.contains("余政办发〔2022〕76号 四(一)1、2"),
        "{b}"
    );
    // 慈溪通知 三(一): the agency and 镇（街道）、村（社区） complete it.
    let b = band(r#"{"region":"cixi","birth_date":"2016-12-31","hukou":"local"}"#).unwrap();
    assert!(b.contains("统一完成") && !b.contains("个人重新办理") && b.contains("慈溪通知 三(一)"), "{b}");
    // 市医保发〔2022〕47号: one tier for everyone, nothing to cross.
    assert_eq!(band(r#"{"region":"baiyin","district":"baiyin","birth_date":"2016-12-31","hukou":"local"}"#), None);
    // A newborn of this year has no previous year.
    assert_eq!(
        band(r#"{"region":"yuyao","benefit_year":2024,"date":"2023-11-01","birth_date":"2023-06-01","hukou":"local"}"#),
        None
    );
}

#[test]
fn bad_changes_name_their_field() {
    let base = r#""region":"yuyao","benefit_year":2024,"birth_date":"1980-01-01","hukou":"local""#;
    let cases = [
        (r#""change":{"identities_then":[],"changed_on":"2023-12-01"}"#, "missing", "change.registered_on"),
        (r#""change":{"registered_on":"2023-10-01","identities_then":[]}"#, "missing", "change.changed_on"),
        (r#""change":{"registered_on":"2023-10-01","changed_on":"2023-12-01"}"#, "missing", "change.identities_then"),
        (
            r#""change":{"registered_on":"2023-13-01","identities_then":[],"changed_on":"2023-12-01"}"#,
            "invalid_value",
            "change.registered_on",
        ),
        (
            r#""change":{"registered_on":"2023-10-01","identities_then":[],"changed_on":"12/01"}"#,
            "invalid_value",
            "change.changed_on",
        ),
        (
            r#""change":{"registered_on":"2023-10-01","identities_then":[],"changed_on":"2023-09-01"}"#,
            "out_of_range",
            "change.changed_on",
        ),
        (
            r#""change":{"registered_on":"2023-10-01","identities_then":["x"],"changed_on":"2023-12-01"}"#,
            "unknown_identity",
            "change.identities_then",
        ),
        (
            r#""change":{"registered_on":"2023-10-01","identities_then":"dibao","changed_on":"2023-12-01"}"#,
            "invalid_type",
            "change.identities_then",
        ),
        (
            r#""change":{"registered_on":"2023-10-01","identities_then":[],"changed_on":"2023-12-01","why":1}"#,
            "unknown_field",
            "change.why",
        ),
        (r#""change":true"#, "invalid_type", "change"),
    ];
    for (extra, code, field) in cases {
        let e = err(&format!("{{{base},{extra}}}"));
        assert_eq!((e.code.as_str(), e.field.as_str()), (code, field), "{extra} → {}", e.message);
        assert!(e.message.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)), "{}", e.message);
    }
    // Without a change, the result's change is null.
    assert!(q(&format!("{{{base}}}"))["change"].is_null());
}

fn day() -> impl Strategy<Value = String> {
    (2022i32..=2025, 1u32..=12, 1u32..=28).prop_map(|(y, m, d)| format!("{y:04}-{m:02}-{d:02}"))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    /// The amount is never negative and never more than the personal fee;
    /// a change with no change of identities is `none`.
    #[test]
    fn amounts_are_bounded_and_no_change_is_none(
        set in 0usize..8, now in proptest::collection::vec(0usize..16, 0..3), then in proptest::collection::vec(0usize..16, 0..3),
        a in day(), b in day(), local in any::<bool>(), same in proptest::bool::weighted(0.2),
    ) {
        let sets = yibao::policy_sets();
        let p = &sets[set % sets.len()];
        let pick = |v: &[usize]| -> Vec<String> { v.iter().map(|i| format!("\"{}\"", p.identities[i % p.identities.len()].id)).collect() };
        let (now, then) = (pick(&now), if same { pick(&now) } else { pick(&then) });
        let (reg, on) = if a <= b { (a, b) } else { (b, a) };
        let district = p.districts.first().map(|d| format!(r#","district":"{}""#, d.id)).unwrap_or_default();
        let json = format!(
            r#"{{"region":"{}","benefit_year":{}{district},"birth_date":"1975-01-01","hukou":"{}","residence_permit":true,"identities":[{}],"change":{{"registered_on":"{reg}","identities_then":[{}],"changed_on":"{on}"}}}}"#,
            p.region, p.benefit_year, if local { "local" } else { "nonlocal" }, now.join(","), then.join(",")
        );
        let q = yibao::quote_json(&json).unwrap();
        let c = q.change.unwrap();
        if let Some(amount) = c.amount {
            prop_assert!(amount >= yibao::money::Money::ZERO);
            if let Some(fee) = q.personal_fee {
                prop_assert!(amount <= fee, "{} > {}", amount.fixed(), fee.fixed());
            }
        }
        let mut x = now.clone();
        let mut y = then.clone();
        x.sort();
        x.dedup();
        y.sort();
        y.dedup();
        if x == y {
            prop_assert_eq!(c.outcome, ChangeOutcome::None);
        }
        prop_assert_eq!(
            c.amount.is_none(),
            c.outcome == ChangeOutcome::NotInDocuments || (c.outcome != ChangeOutcome::None && q.personal_fee.is_none())
        );
    }
}

/// Issue 23 point 4: the figures are what the change's rule gives; each
/// contradiction the audit found is a row.
#[test]
fn the_figures_follow_the_change_rule() {
    // (clause, region, change, outcome, assistance, to_pay, text the summary must not say)
    let dibao = r#""dibao""#;
    type Row<'a> = (&'a str, &'a str, (&'a str, &'a str, &'a str, &'a str), &'a str, &'a str, &'a str, &'a str);
    let rows: [Row; 11] = [
        (
            "余政办发〔2023〕80号 二(一)4(3)②（资格继续有效：本年度个人缴费由政府全额资助）",
            "yuyao-2024",
            ("", dibao, "2023-10-15", "2024-03-01"),
            "keep",
            "780.00",
            "0.00",
            "需缴纳780",
        ),
        (
            "余政办发〔2023〕80号 二(一)4(3)③（退费并资助参保）",
            "yuyao-2024",
            (dibao, "", "2023-10-15", "2023-12-05"),
            "refund",
            "780.00",
            "0.00",
            "不退还",
        ),
        (
            "余政办发〔2023〕80号 二(一)4(3)④（待遇享受期内中途：已缴的不退还，本年度仍是780元）",
            "yuyao-2024",
            (dibao, "", "2023-10-15", "2024-06-30"),
            "none",
            "0.00",
            "780.00",
            "您需缴纳0元",
        ),
        (
            "余政办发〔2023〕80号 二(一)4(3)③④（期末比对之后、待遇年度之前：未规定，按登记时列出）",
            "yuyao-2024",
            (dibao, "", "2023-10-15", "2023-12-28"),
            "not_in_documents",
            "0.00",
            "780.00",
            "您需缴纳0元",
        ),
        (
            "余政办发〔2023〕80号 二(一)4(3)④（待遇年度结束之后：未规定，不是“待遇享受期内中途”）",
            "yuyao-2024",
            (dibao, "", "2023-10-15", "2025-02-01"),
            "not_in_documents",
            "0.00",
            "780.00",
            "待遇享受期内中途",
        ),
        (
            "余政办发〔2022〕76号 四(三)4（待遇年度结束之后：未规定）",
            "yuyao-2023",
            (dibao, "", "2022-10-01", "2024-01-02"),
            "not_in_documents",
            "0.00",
            "780.00",
            "待遇享受期内中途",
        ),
        (
            "市医保发〔2022〕47号 三（不再退还：保留已给予的250元，不是新的100元）",
            "baiyin-2023",
            (r#""tuopin""#, r#""dibao_full""#, "2022-09-01", "2022-10-20"),
            "keep",
            "250.00",
            "100.00",
            "可获资助100元",
        ),
        (
            "市医保发〔2022〕47号 三（不再具备资助条件：保留已给予的190元）",
            "baiyin-2023",
            ("", r#""dibao_partial""#, "2022-09-01", "2023-02-01"),
            "keep",
            "190.00",
            "160.00",
            "需缴纳350",
        ),
        (
            "市医保发〔2022〕47号 三（补差：按新标准250元）",
            "baiyin-2023",
            (r#""dibao_full""#, r#""tuopin""#, "2022-09-01", "2022-10-20"),
            "top_up",
            "250.00",
            "100.00",
            "可获资助100元",
        ),
        (
            "市医保发〔2022〕47号 三（新增认定：给予资助250元）",
            "baiyin-2023",
            (r#""dibao_full""#, "", "2022-09-01", "2022-10-20"),
            "refund",
            "250.00",
            "100.00",
            "扣除资助后个人负担350",
        ),
        (
            "市医保发〔2022〕47号 三（待遇年度结束之后认定：未规定，按登记时列出）",
            "baiyin-2023",
            (r#""dibao_full""#, "", "2022-09-01", "2024-02-01"),
            "not_in_documents",
            "0.00",
            "350.00",
            "可获资助250元",
        ),
    ];
    for (clause, region, change, outcome, assistance, to_pay, never) in rows {
        let r = ask(region, change);
        let ctx = format!("{clause} {change:?}: {}", r["summary"]);
        assert_eq!(m(&r, "change.outcome"), outcome, "{ctx}");
        assert_eq!((m(&r, "assistance"), m(&r, "to_pay")), (assistance.to_string(), to_pay.to_string()), "{ctx}");
        let s = r["summary"].as_str().unwrap();
        assert!(!s.contains(never), "{ctx}");
        let silent = r["assumptions"].as_array().unwrap().iter().any(|a| a["id"] == "change-silent");
        assert_eq!(silent, outcome == "not_in_documents", "{ctx}: the silence is a listed assumption");
        if outcome == "not_in_documents" {
            assert!(r["change"]["reason"].as_str().unwrap().contains("按办理参保登记时的身份列出"), "{ctx}");
        }
        let text = yibao::text::render(&yibao::quote_json(&ask_json(region, change)).unwrap());
        assert!(
            text.contains(&format!("实际需缴 {}元", to_pay.trim_end_matches(".00")))
                || text.contains(&format!("实际需缴 {to_pay}元")),
            "{ctx}\n{text}"
        );
    }
}

fn ask_json(region: &str, (now, then, reg, on): (&str, &str, &str, &str)) -> String {
    let district = if region.starts_with("baiyin") { r#","district":"huining""# } else { "" };
    let (region, year) = region.split_once('-').unwrap();
    format!(
        r#"{{"region":"{region}","benefit_year":{year}{district},"birth_date":"1970-05-17","hukou":"local","identities":[{now}],
            "change":{{"registered_on":"{reg}","identities_then":[{then}],"changed_on":"{on}"}}}}"#
    )
}

/// 余政办发〔2023〕80号 二(二)4(3): 甬宁保 is free for the groups listed
/// “参保期内” (2023-10-10 to 2023-12-10), not for one certified after it.
#[test]
fn yongningbao_is_free_only_for_an_identity_held_within_its_window() {
    let ynb = |change: (&str, &str, &str, &str)| {
        let r = ask("yuyao-2024", change);
        (r["yongningbao"]["paid_by_government"].as_bool().unwrap(), m(&r, "yongningbao.to_pay"))
    };
    let dibao = r#""dibao""#;
    assert_eq!(ynb((dibao, "", "2023-10-15", "2023-12-05")), (true, "0.00".into()), "certified within 参保期");
    assert_eq!(ynb((dibao, "", "2023-10-15", "2023-12-10")), (true, "0.00".into()), "its last day");
    assert_eq!(ynb((dibao, "", "2023-10-15", "2023-12-11")), (false, "100.00".into()), "the day after");
    assert_eq!(ynb((dibao, "", "2023-10-15", "2024-04-01")), (false, "100.00".into()), "in the benefit year");
    assert_eq!(ynb(("", dibao, "2023-10-15", "2024-04-01")), (true, "0.00".into()), "held within, left later");
    assert_eq!(ynb(("", dibao, "2023-10-01", "2023-10-05")), (false, "100.00".into()), "left before it opened");
    let r = ask("yuyao-2024", (dibao, "", "2023-10-15", "2024-04-01"));
    let said = r["steps"].as_array().unwrap().iter().any(|s| {
        s["text"].as_str().unwrap().contains("不在天一甬宁保的参保期")
            && s["source"] == "余政办发〔2023〕80号 二(二)4(3)"
    });
    assert!(said, "{}", r["steps"]);
}

/// A household carries each member's change and says it.
#[test]
fn a_household_says_each_members_change() {
    let h = yibao::household_json(
        r#"{"region":"yuyao","benefit_year":2024,"members":[
            {"relation":"self","birth_date":"1970-05-17","hukou":"local","identities":["dibao"],
             "change":{"registered_on":"2023-10-15","identities_then":[],"changed_on":"2024-06-30"}},
            {"relation":"spouse","birth_date":"1972-05-17","hukou":"local","identities":[],
             "change":{"registered_on":"2023-10-15","identities_then":["dibao"],"changed_on":"2024-03-01"}}]}"#,
    )
    .unwrap();
    let v = serde_json::to_value(&h).unwrap();
    assert_eq!(m(&v, "members.0.quote.to_pay"), "780.00", "④ not refunded");
    assert_eq!(m(&v, "members.1.quote.to_pay"), "0.00", "② kept");
    assert_eq!(m(&v, "totals.to_pay"), "780.00");
    let s = v["summary"].as_str().unwrap();
    assert!(s.contains("（本人）的身份变化：") && s.contains("（配偶）的身份变化："), "{s}");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    /// With any `change.outcome`, `to_pay` = `personal_fee` − `assistance`,
    /// and the assistance is that of the identities the outcome implies: the
    /// new ones for a refund or top-up, those registered with otherwise.
    #[test]
    fn the_figures_are_the_outcomes(
        set in 0usize..8, now in proptest::collection::vec(0usize..16, 0..3), then in proptest::collection::vec(0usize..16, 0..3),
        a in day(), b in day(), local in any::<bool>(),
    ) {
        let sets = yibao::policy_sets();
        let p = &sets[set % sets.len()];
        // Groups referred to another document change eligibility, not assistance.
        let ids: Vec<&str> = p.identities.iter().filter(|i| i.referred.is_none()).map(|i| &*i.id).collect();
        let pick = |v: &[usize]| -> String { v.iter().map(|i| format!("\"{}\"", ids[i % ids.len()])).collect::<Vec<_>>().join(",") };
        let (now, then) = (pick(&now), pick(&then));
        let (reg, on) = if a <= b { (a, b) } else { (b, a) };
        let district = p.districts.first().map(|d| format!(r#","district":"{}""#, d.id)).unwrap_or_default();
        let base = format!(
            r#""region":"{}","benefit_year":{}{district},"birth_date":"1975-01-01","hukou":"{}","residence_permit":true"#,
            p.region, p.benefit_year, if local { "local" } else { "nonlocal" }
        );
        let r = q(&format!(r#"{{{base},"identities":[{now}],"change":{{"registered_on":"{reg}","identities_then":[{then}],"changed_on":"{on}"}}}}"#));
        let outcome = m(&r, "change.outcome");
        let implied = if outcome == "refund" || outcome == "top_up" { &now } else { &then };
        let plain = q(&format!(r#"{{{base},"identities":[{implied}]}}"#));
        prop_assert_eq!(m(&r, "assistance"), m(&plain, "assistance"), "{} {}", outcome, r["summary"]);
        prop_assert_eq!(m(&r, "to_pay"), m(&plain, "to_pay"));
        let money = |k: &str| r[k].as_str().map(|s| s.parse::<f64>().unwrap());
        if let (Some(fee), Some(aid), Some(pay)) = (money("personal_fee"), money("assistance"), money("to_pay")) {
            prop_assert!((fee - aid - pay).abs() < 0.001, "{} − {} ≠ {}", fee, aid, pay);
        }
    }
}
