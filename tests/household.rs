//! Households (`yibao household`, `quoteHousehold`): a six-member 余姚 2024
//! family and a 慈溪 migrant family traced to their clauses, the totals as
//! the exact sum of the members' quotes over generated families, every
//! member's error naming the member (the CLI's `yibao household`: cli.rs).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)] // test code

use proptest::prelude::*;
use rust_decimal::Decimal;
use serde_json::{json, Value};
use yibao::household::{HouseholdRequest, MemberRequest, Relation};
use yibao::request::{Context, NewbornParent, Person};

const FAMILY: &str = "examples/households/yuyao-2024-family.json";
const MIGRANTS: &str = "examples/households/cixi-2023-migrant-family.json";

fn read(file: &str) -> Value {
    serde_json::from_str(&std::fs::read_to_string(file).unwrap()).unwrap()
}

fn household(v: &Value) -> Value {
    match yibao::household_json(&v.to_string()) {
        Ok(h) => serde_json::to_value(&h).unwrap(),
        Err(e) => panic!("{v}\n→ {e}"),
    }
}

fn error(v: &Value) -> yibao::Error {
    match yibao::household_json(&v.to_string()) {
        Ok(h) => panic!("expected an error for {v}, got {}", h.summary),
        Err(e) => e,
    }
}

fn s(v: &Value) -> &str {
    v.as_str().unwrap_or("null")
}

/// The one policy set of that id.
fn policy(id: &str) -> &'static yibao::policy::Policy {
    yibao::policy_sets().iter().find(|p| p.id == id).unwrap()
}

/// 余政办发〔2023〕80号, benefit year 2024, asked on 2023-11-01 (the window
/// 2023-10-10 to 2023-12-25 is open: 二(一)2): grandparents (one on 低保),
/// parents (one an employee), a pupil, a baby.
#[test]
fn a_six_member_yuyao_family_traced_to_its_clauses() {
    let h = household(&read(FAMILY));
    assert_eq!(s(&h["policy"]["id"]), "yuyao-2024");
    let m = h["members"].as_array().unwrap();
    assert_eq!(m.len(), 6);
    // (member, tier, personal fee, subsidy, assistance, to pay, 甬宁保 premium and to pay, clause of the fee)
    let rows = [
        (
            0,
            "null",
            "null",
            "null",
            "null",
            "null",
            "100.00",
            "100.00",
            "二(一)1(1): employees are not in resident insurance",
        ),
        (1, "adult", "780.00", "2090.00", "0.00", "780.00", "100.00", "100.00", "二(一)3(1)"),
        (2, "student", "290.00", "370.00", "0.00", "290.00", "50.00", "50.00", "二(一)3(3)"),
        (3, "infant", "630.00", "1000.00", "0.00", "630.00", "50.00", "50.00", "二(一)3(2)"),
        (4, "adult", "780.00", "2090.00", "0.00", "780.00", "100.00", "100.00", "二(一)3(1)"),
        (5, "adult", "780.00", "2090.00", "780.00", "0.00", "100.00", "0.00", "二(一)3(1); 低保 一(一)、二(一)4(3)①"),
    ];
    for (i, tier, fee, subsidy, assistance, to_pay, premium, ynb_pay, clause) in rows {
        let q = &m[i]["quote"];
        let got = (
            s(&q["tier"]["id"]),
            s(&q["personal_fee"]),
            s(&q["subsidy"]),
            s(&q["assistance"]),
            s(&q["to_pay"]),
            s(&q["yongningbao"]["premium"]),
            s(&q["yongningbao"]["to_pay"]),
        );
        assert_eq!(got, (tier, fee, subsidy, assistance, to_pay, premium, ynb_pay), "member {i} ({clause})");
    }
    // The clauses each figure comes from.
    let src = |i: usize, k: &str| s(&m[i]["quote"]["sources"][k]).to_string();
    assert_eq!(src(1, "personal_fee"), "余政办发〔2023〕80号 二(一)3(1)");
    assert_eq!(src(2, "personal_fee"), "余政办发〔2023〕80号 二(一)3(3)");
    assert_eq!(src(3, "personal_fee"), "余政办发〔2023〕80号 二(一)3(2)");
    assert_eq!(src(5, "assistance"), "余政办发〔2023〕80号 一(一)、二(一)4(3)①");
    assert_eq!(s(&m[0]["quote"]["basis"]["source"]), "余政办发〔2023〕80号 二(一)1(1)");
    // 甬宁保: employees may join (二(二)1), minors born from 2006-01-01 and
    // pupils 50, others 100 (二(二)3), 低保 paid by the government (二(二)4(3)).
    assert_eq!(
        s(&m[0]["quote"]["yongningbao"]["sources"]["eligibility"]),
        "余政办发〔2023〕80号 二(二)1；附件3（适用人群）"
    );
    assert_eq!(s(&m[2]["quote"]["yongningbao"]["sources"]["premium"]), "余政办发〔2023〕80号 二(二)3；附件3");
    assert_eq!(m[5]["quote"]["yongningbao"]["paid_by_government"], true);
    assert_eq!(m[0]["employee_insurance"], true);

    // Totals: resident insurance over the five members in it, 甬宁保 over all six.
    let t = &h["totals"];
    assert_eq!(t["resident"], json!([1, 2, 3, 4, 5]));
    assert_eq!(s(&t["personal_fee"]), "3260.00"); // 780 + 290 + 630 + 780 + 780
    assert_eq!(s(&t["subsidy"]), "7640.00"); // 2090 + 370 + 1000 + 2090 + 2090
    assert_eq!(s(&t["assistance"]), "780.00"); // 王秀英's whole fee
    assert_eq!(s(&t["to_pay"]), "2480.00"); // 3260 − 780
    assert_eq!(t["yongningbao"], json!([0, 1, 2, 3, 4, 5]));
    assert_eq!(s(&t["yongningbao_premium"]), "500.00"); // 4 × 100 + 2 × 50
    assert_eq!(s(&t["yongningbao_to_pay"]), "400.00"); // less 王秀英's 100
    assert_eq!(t["not_included"], json!([]));
    assert_eq!(t["yongningbao_payout"], Value::Null);

    // Where each enrols (二(一)4): channels with their members.
    let ch: Vec<(String, String, Value)> = h["enrollment"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| (s(&g["insurance"]).into(), s(&g["channel"]).into(), g["members"].clone()))
        .collect();
    let want = [
        ("resident", "online_or_offline", json!([1, 4])), // 二(一)4(1)③
        ("resident", "school", json!([2])),               // 二(一)4(2)①②
        ("resident", "newborn_bundle", json!([3])),       // 二(一)4(1)④
        ("resident", "automatic", json!([5])),            // 二(一)4(3)①
        ("yongningbao", "purchase", json!([0, 1, 2, 3, 4])),
        ("yongningbao", "government", json!([5])), // 二(二)4(3)
    ];
    let want: Vec<(String, String, Value)> = want.into_iter().map(|(a, b, c)| (a.into(), b.into(), c)).collect();
    assert_eq!(ch, want);
    let school = &h["enrollment"][1];
    assert_eq!(s(&school["how"][0]["source"]), "余政办发〔2023〕80号 二(一)4(2)①②");
    assert_eq!(s(&school["next"]), "由学校统一组织参保");

    // The employee's 个人历年账户 (二(二)4(1)): its wording is the policy file's.
    let how =
        policy("yuyao-2024").yongningbao.as_ref().unwrap().how.iter().find(|h| !h.account_for.is_empty()).unwrap();
    let a = &h["accounts"][0];
    assert_eq!(h["accounts"].as_array().unwrap().len(), 1);
    assert_eq!((a["member"].clone(), a["members"].clone()), (json!(0), json!([0, 1, 2, 3, 4])));
    assert_eq!(s(&a["source"]), "余政办发〔2023〕80号 二(二)4(1)");
    let text = s(&a["text"]);
    assert!(text.contains(&*how.text), "{text}");
    assert!(text.contains("李娜（配偶）、张小明（子女）、张小宝（子女）、张建国（父母）"), "{text}");
    assert!(text.contains("王秀英（父母）由政府资助参加天一甬宁保"), "{text}");

    let summary = s(&h["summary"]);
    for part in [
        "全家6人",
        "个人缴费合计3,260元，其中资助780元，实际需缴合计2,480元",
        "天一甬宁保6人：保费合计500元，需缴合计400元",
        "各人需缴：张伟（本人）：已参加职工医保（不参加居民医保），天一甬宁保100元；李娜（配偶）：居民医保780元，天一甬宁保100元；",
        "王秀英（父母）：居民医保0元（全额资助），天一甬宁保0元（政府资助）",
        "王秀英（父母）无需个人办理",
        "张小明（子女）由学校统一组织参保",
        "（查询日正在进行）",
    ] {
        assert!(summary.contains(part), "{part} in {summary}");
    }
}

/// 慈溪通知 二(一): a non-local newborn joins through a parent who holds a
/// permit, has 12 months of employee insurance and is insured normally. The
/// father (an employee, 26 months) meets them; the mother (no employee
/// insurance) does not.
#[test]
fn a_cixi_migrant_baby_joins_only_through_the_father() {
    let req = read(MIGRANTS);
    let h = household(&req);
    let baby = &h["members"][2];
    assert_eq!(baby["quote"]["eligible"], true);
    assert_eq!(s(&baby["quote"]["basis"]["source"]), "慈溪通知 二(一)");
    assert_eq!(s(&baby["quote"]["tier"]["id"]), "infant");
    assert_eq!(s(&baby["quote"]["personal_fee"]), "630.00");
    assert_eq!(s(&baby["quote"]["enrollment"]["channel"]), "offline_window");
    assert_eq!(baby["newborn_parent"]["member"], 0);
    assert_eq!(baby["newborn_parent"]["met"], true);
    assert!(s(&baby["newborn_parent"]["text"]).contains("可由王强（本人）为其办理参保"));
    assert!(s(&h["summary"]).contains("可由王强（本人）为其办理参保"));
    // The father is an employee: not in resident insurance; Cixi has no 甬宁保.
    assert_eq!(h["members"][0]["quote"]["eligible"], false);
    assert_eq!(h["totals"]["resident"], json!([1, 2, 3]));
    assert_eq!(s(&h["totals"]["to_pay"]), "2040.00"); // 780 + 630 + 630
    assert_eq!(h["totals"]["yongningbao_premium"], Value::Null);
    assert_eq!(h["accounts"], json!([]));
    assert!(h["assumptions"].as_array().unwrap().iter().any(|a| a["id"] == "household-parents"));

    // Through the mother alone the baby cannot join.
    let mut mother_only = req.clone();
    mother_only["members"].as_array_mut().unwrap().remove(0);
    let h2 = household(&mother_only);
    let baby = &h2["members"][1];
    assert_eq!(baby["quote"]["eligible"], false);
    assert_eq!(
        (baby["newborn_parent"]["member"].clone(), baby["newborn_parent"]["met"].clone()),
        (json!(0), json!(false))
    );
    assert!(s(&baby["newborn_parent"]["text"]).contains("刘芳（配偶）职工医保累计缴费不满12个月"));
    assert_eq!(h2["totals"]["resident"], json!([0, 2]));

    // With 6 months the father does not meet them either: both parents named.
    let mut short = req.clone();
    short["members"][0]["employee_insurance_months"] = json!(6);
    let h3 = household(&short);
    let via = &h3["members"][2]["newborn_parent"];
    assert_eq!(h3["members"][2]["quote"]["eligible"], false);
    assert!(s(&via["text"]).contains("王强（本人）职工医保累计缴费不满12个月"), "{via}");
    assert!(s(&via["text"]).contains("刘芳（配偶）"), "{via}");

    // The baby's answer is the single quote with the father's conditions.
    let mut single = req["members"][2].clone();
    let o = single.as_object_mut().unwrap();
    o.remove("name");
    o.remove("relation");
    o.insert("region".into(), json!("cixi"));
    o.insert("date".into(), json!("2022-10-01"));
    o.insert(
        "newborn_parent".into(),
        json!({"residence_permit": true, "employee_insurance_months": 26, "insured_normal": true}),
    );
    let q = serde_json::to_value(yibao::quote_json(&single.to_string()).unwrap()).unwrap();
    assert_eq!(h["members"][2]["quote"], q);

    // A member's own newborn_parent wins over the family's.
    let mut own = req.clone();
    own["members"][2]["newborn_parent"] =
        json!({"residence_permit": false, "employee_insurance_months": 0, "insured_normal": true});
    let h4 = household(&own);
    assert_eq!(h4["members"][2]["newborn_parent"], Value::Null);
    assert_eq!(h4["members"][2]["quote"]["eligible"], false);
}

#[test]
fn members_whose_fee_the_notice_does_not_give_are_listed_not_added() {
    // A college student (余政办发〔2023〕80号 二(一)1(2): no fee given) and a
    // college student on 低保 (to pay 0: counted in to_pay only).
    let h = household(&json!({"region": "yuyao", "benefit_year": 2024, "date": "2023-11-01", "members": [
        {"relation": "self", "birth_date": "1970-01-01", "hukou": "local"},
        {"relation": "child", "birth_date": "2004-01-01", "hukou": "local", "school": "college"},
        {"relation": "child", "birth_date": "2005-01-01", "hukou": "local", "school": "college", "identities": ["dibao"]}
    ]}));
    let t = &h["totals"];
    assert_eq!((s(&t["personal_fee"]), s(&t["to_pay"])), ("780.00", "780.00"));
    assert_eq!(t["resident"], json!([0, 1, 2]));
    assert_eq!(t["not_included"][0]["member"], 1);
    assert_eq!(t["not_included"][0]["figures"], json!(["personal_fee", "assistance", "to_pay", "subsidy"]));
    assert!(s(&t["not_included"][0]["reason"]).contains("没有写明全日制大学生按哪一档缴费"));
    assert_eq!(t["not_included"][1]["figures"], json!(["personal_fee", "assistance", "subsidy"]));
    assert!(s(&h["summary"]).contains("（不含第2位（子女）、第3位（子女）：通知没有给出金额）"), "{}", h["summary"]);
    // A referred case (Baiyin: non-local college student, eligible null) is listed too.
    let h = household(&json!({"region": "baiyin", "district": "jingtai", "members": [
        {"relation": "self", "birth_date": "2003-01-01", "hukou": "nonlocal", "school": "college"}]}));
    assert_eq!(h["members"][0]["quote"]["eligible"], Value::Null);
    assert_eq!(h["totals"]["not_included"][0]["figures"].as_array().unwrap().len(), 4);
    assert_eq!(h["totals"]["resident"], json!([]));
}

#[test]
fn payouts_add_up_and_a_range_stays_a_range() {
    // On 2026-12-01, after the newest notice: the answer says so first.
    let h = household(&json!({"region": "yuyao", "date": "2026-12-01", "members": [
        {"relation": "self", "birth_date": "1960-01-01", "hukou": "local", "bill": {"in_scope": 30000}},
        {"relation": "spouse", "birth_date": "1962-01-01", "hukou": "local", "bill": {"self_paid": 30000, "outside_ningbo": {"self_paid": 10000}}},
        {"relation": "parent", "birth_date": "1940-01-01", "hukou": "local"}
    ]}));
    let m = &h["members"];
    let p0 = &m[0]["quote"]["yongningbao"]["payout"];
    let p1 = &m[1]["quote"]["yongningbao"]["payout"];
    assert_eq!(s(&p0["total"]), "10200.00"); // 附件3 责任一: 14,000 × 30% + 10,000 × 60%
    assert_eq!(p1["upper_bound"], true);
    let d = |v: &Value| s(v).parse::<Decimal>().unwrap();
    assert_eq!(d(&h["totals"]["yongningbao_payout"]), d(&p0["total"]) + d(&p1["total"]));
    assert_eq!(d(&h["totals"]["yongningbao_payout_low"]), d(&p0["total"]) + d(&p1["total_low"]));
    assert_eq!(h["as_of"]["beyond_newest"], true);
    // Each member's next step first, then as_of (issue 23 point 2).
    assert!(s(&h["summary"]).starts_with("下一步："));
    assert!(s(&h["summary"]).contains(&format!("。{}", s(&h["as_of"]["text"]))));
    assert!(s(&h["summary"]).contains("所填账单估算赔付合计"));
}

/// Relations from the employee's side: the spouse's children are its
/// children; `self`'s parents are not the spouse's parents.
#[test]
fn an_employee_spouse_buys_for_self_and_the_children_not_for_in_laws() {
    let h = household(&json!({"region": "yuyao", "benefit_year": 2024, "date": "2023-11-01", "members": [
        {"name": "甲", "relation": "self", "birth_date": "1980-01-01", "hukou": "local"},
        {"name": "乙", "relation": "spouse", "birth_date": "1981-01-01", "hukou": "local", "employee_insurance": true},
        {"name": "丙", "relation": "child", "birth_date": "2010-01-01", "hukou": "local"},
        {"name": "丁", "relation": "parent", "birth_date": "1950-01-01", "hukou": "local"},
        {"name": "戊", "relation": "sibling", "birth_date": "1983-01-01", "hukou": "local", "employee_insurance": true}
    ]}));
    let a = h["accounts"].as_array().unwrap();
    assert_eq!(a.len(), 2);
    assert_eq!((a[0]["member"].clone(), a[0]["members"].clone()), (json!(1), json!([1, 0, 2])));
    // The sibling's parent is 丁; siblings and nephews are not 配偶、子女、父母.
    assert_eq!((a[1]["member"].clone(), a[1]["members"].clone()), (json!(4), json!([4, 3])));
    assert!(h["assumptions"].as_array().unwrap().iter().any(|x| x["id"] == "household-kin"));
    // Where the set has no such way (Cixi, Baiyin: no supplementary plan), no accounts.
    let h = household(&json!({"region": "cixi", "members": [
        {"relation": "self", "birth_date": "1980-01-01", "hukou": "local", "employee_insurance": true},
        {"relation": "child", "birth_date": "2010-01-01", "hukou": "local"}]}));
    assert_eq!(h["accounts"], json!([]));
}

// ------------------------------------------------------------------ errors

/// A person with one bad field, as the single quote's error names it.
fn bad_persons() -> Vec<Value> {
    let p = json!({"birth_date": "1980-01-01", "hukou": "local"});
    let with = |k: &str, v: Value| {
        let mut x = p.clone();
        x[k] = v;
        x
    };
    vec![
        json!({"hukou": "local"}),
        json!({"birth_date": "1980-01-01"}),
        with("birth_date", json!("1980-13-01")),
        with("birth_date", json!(19800101)),
        with("birth_date", json!("2023-11-02")),
        with("birth_date", json!("1899-12-31")),
        with("hukou", json!("beijing")),
        with("school", json!("university")),
        with("employee_insurance", json!("yes")),
        with("residence_permit", json!(1)),
        with("identities", json!(["foo"])),
        with("identities", json!("dibao")),
        with("birthdate", json!("1980-01-01")),
        with("bill", json!({"in_scope": -1})),
        with("bill", json!({"in_scope": "1.234"})),
        with("bill", json!({"self_paid": 50, "outside_ningbo": {"self_paid": 100}})),
        with("bill", json!({"wig": 5})),
        with("change", json!({"registered_on": "2023-10-15", "identities_then": [], "changed_on": "2023-10-01"})),
        with("change", json!({"registered_on": "2023-10-15", "identities_then": ["x"], "changed_on": "2023-11-01"})),
        with("newborn_parent", json!({"mother": true})),
        json!({"birth_date": "2023-09-01", "hukou": "nonlocal", "newborn_parent": {"employee_insurance_months": -1}}),
        json!({"birth_date": "2023-09-01", "hukou": "nonlocal", "newborn_parent": {"residence_permit": true}}),
    ]
}

/// Every error in a member is the single quote's error for that person,
/// its field a path into the member and its message naming the member.
#[test]
fn every_field_error_names_its_member() {
    let ctx = json!({"region": "yuyao", "benefit_year": 2024, "date": "2023-11-01"});
    let fine = json!({"relation": "self", "birth_date": "1980-01-01", "hukou": "local"});
    for bad in bad_persons() {
        let mut single = bad.clone();
        for (k, v) in ctx.as_object().unwrap() {
            single[k] = v.clone();
        }
        let want = yibao::quote_json(&single.to_string()).unwrap_err();
        for at in [0usize, 2] {
            let mut member = bad.clone();
            member["relation"] = json!("other");
            if at == 2 {
                member["name"] = json!("小红");
            }
            let mut members =
                vec![fine.clone(), json!({"relation": "spouse", "birth_date": "1982-01-01", "hukou": "local"})];
            members.insert(at, member);
            let mut req = ctx.clone();
            req["members"] = json!(members);
            let e = error(&req);
            let who = if at == 2 { "第3位家庭成员" } else { "第1位家庭成员" };
            assert_eq!(e.code, want.code, "{bad}");
            assert_eq!(e.field, format!("members[{at}].{}", want.field), "{bad}");
            assert_eq!(e.message, format!("{who}：{}", want.message), "{bad}");
        }
    }
}

#[test]
fn household_errors_say_what_to_enter() {
    let ctx = || json!({"region": "yuyao", "benefit_year": 2024, "date": "2023-11-01"});
    let m = |rel: &str| json!({"relation": rel, "birth_date": "1980-01-01", "hukou": "local"});
    let with = |members: Value| {
        let mut r = ctx();
        r["members"] = members;
        r
    };
    let mut top = with(json!([m("self")]));
    top["birth_date"] = json!("1980-01-01");
    let mut in_member = m("self");
    in_member["region"] = json!("cixi");
    let mut named = m("child");
    named["name"] = json!("一".repeat(41));
    let mut months = m("spouse");
    months["employee_insurance_months"] = json!(-3);
    let mut normal = m("spouse");
    normal["insured_normal"] = json!("yes");
    let cases: Vec<(Value, &str, &str, &str)> = vec![
        (ctx(), "missing", "members", "1至20人"),
        (with(json!([])), "missing", "members", "至少"),
        (with(json!({"a": 1})), "invalid_type", "members", "列表"),
        (with(json!(vec![m("other"); 21])), "out_of_range", "members", "最多20位家庭成员，现为21位"),
        (with(json!([m("self"), "x"])), "invalid_type", "members[1]", "第2位家庭成员应为一个对象"),
        (
            with(json!([{"birth_date": "1980-01-01", "hukou": "local"}])),
            "missing",
            "members[0].relation",
            "spouse（配偶）",
        ),
        (with(json!([m("cousin")])), "invalid_value", "members[0].relation", "第1位家庭成员：请填写与本人的关系"),
        (with(json!([m("self"), m("child"), m("self")])), "invalid_value", "members[2].relation", "只能有一位“本人”"),
        (with(json!([m("spouse"), m("spouse")])), "invalid_value", "members[1].relation", "只能有一位“配偶”"),
        (top, "unknown_field", "birth_date", "请写在 members 里"),
        (with(json!([in_member])), "unknown_field", "members[0].region", "请写在请求的最外层"),
        (with(json!([m("self"), named])), "invalid_value", "members[1].name", "40个字"),
        (with(json!([months])), "invalid_value", "members[0].employee_insurance_months", "第1位家庭成员："),
        (with(json!([normal])), "invalid_type", "members[0].insured_normal", "第1位家庭成员："),
        (json!([1]), "invalid_type", "", "members"),
        // Shared fields are the household's: not a member's path.
        (json!({"region": "ningbo", "members": [m("self")]}), "invalid_value", "region", "地区"),
        (json!({"region": "baiyin", "members": [m("self")]}), "missing", "district", "县区"),
        (json!({"region": "yuyao", "qianwan": true, "members": [m("self")]}), "not_applicable", "qianwan", ""),
    ];
    for (req, code, field, words) in cases {
        let e = error(&req);
        assert_eq!((e.code.as_str(), e.field.as_str()), (code, field), "{req}: {}", e.message);
        assert!(e.message.contains(words), "{req}: {}", e.message);
    }
    assert_eq!(yibao::household_json("[").unwrap_err().code, "invalid_json");
    // JSON text as for one person: a number too large for a double names its
    // member's field, as Infinity does in JS; at most 1 MiB; a BOM is fine.
    let two = r#"{"region":"yuyao","members":[{"relation":"self","birth_date":"1980-01-01","hukou":"local"},
        {"relation":"spouse","birth_date":"1981-01-01","hukou":"local","bill":{"in_scope":1e999}}]}"#;
    let e = yibao::household_json(two).unwrap_err();
    assert_eq!((e.code.as_str(), e.field.as_str()), ("invalid_value", "members[1].bill.in_scope"));
    assert!(e.message.starts_with("第2位家庭成员："), "{}", e.message);
    let e =
        yibao::household_json(&two.replace(r#""bill":{"in_scope":1e999}"#, r#""insured_normal":1e999"#)).unwrap_err();
    assert_eq!(e.field, "members[1].insured_normal");
    let e = yibao::household_json(&two.replace(r#""region":"yuyao""#, r#""region":"yuyao","benefit_year":1e999"#))
        .unwrap_err();
    assert_eq!(e.field, "benefit_year");
    let big = format!(r#"{{"region":"yuyao","x":"{}","members":[]}}"#, "a".repeat(1 << 20));
    assert_eq!(yibao::household_json(&big).unwrap_err().code, "too_large");
    let bom = format!("\u{feff}{}", two.replace("1e999", "5"));
    assert_eq!(yibao::household_json(&bom).unwrap().members.len(), 2);
}

/// A newborn's parent conditions the set needs and no parent gives are
/// asked of the parent, by the parent's field, naming the child.
#[test]
fn a_parent_condition_left_open_is_asked_of_the_parent() {
    let mut req = read(MIGRANTS);
    req["members"][0].as_object_mut().unwrap().remove("insured_normal");
    req["members"][1].as_object_mut().unwrap().remove("employee_insurance_months");
    let e = error(&req);
    assert_eq!((e.code.as_str(), e.field.as_str()), ("missing", "members[0].insured_normal"));
    assert!(e.message.starts_with("王乐乐（子女）是非本市户籍的0-6个月新生儿"), "{}", e.message);
    assert!(e.message.contains("王强（本人）是否当前职工医保待遇正常"), "{}", e.message);
    // Once one parent meets every condition, the other's open answers do not matter.
    req["members"][0]["insured_normal"] = json!(true);
    assert_eq!(household(&req)["members"][2]["newborn_parent"]["member"], 0);
    // Without self or spouse, the child is asked for its own newborn_parent.
    let e = error(&json!({"region": "cixi", "date": "2022-10-01", "members": [
        {"relation": "child", "birth_date": "2022-07-01", "hukou": "nonlocal"}]}));
    assert_eq!((e.code.as_str(), e.field.as_str()), ("missing", "members[0].newborn_parent"));
}

// ------------------------------------------------------------------ property

fn member() -> impl Strategy<Value = MemberRequest> {
    let rel = prop_oneof![
        Just(Relation::Child),
        Just(Relation::Parent),
        Just(Relation::Grandparent),
        Just(Relation::Grandchild),
        Just(Relation::Sibling),
        Just(Relation::Other)
    ];
    let school = prop_oneof![4 => Just("none"), 1 => Just("primary_secondary"), 1 => Just("college")];
    (
        rel,
        (1930i32..=2026, 1u32..=12, 1u32..=28),
        (any::<bool>(), any::<bool>(), school, proptest::bool::weighted(0.2)),
        proptest::collection::vec(0usize..16, 0..3),
        (proptest::option::weighted(0.8, 0u32..30), proptest::option::weighted(0.8, any::<bool>())),
        proptest::option::of((0i64..5_000_000, 0i64..5_000_000)),
    )
        .prop_map(|(relation, (y, mo, d), (local, permit, school, employee), ids, (months, normal), bill)| {
            MemberRequest {
                name: None,
                relation,
                person: Person {
                    birth_date: Some(format!("{y:04}-{mo:02}-{d:02}")),
                    hukou: Some(if local { "local" } else { "nonlocal" }.into()),
                    residence_permit: Some(permit),
                    school: Some(school.into()),
                    employee_insurance: Some(employee),
                    // Resolved against the chosen set below.
                    identities: Some(ids.iter().map(|i| i.to_string()).collect()),
                    bill: bill.map(|(a, b)| yibao::request::Bill {
                        amounts: yibao::request::Amounts(vec![
                            ("in_scope".into(), yibao::money::Money::from_fen(a)),
                            ("self_paid".into(), yibao::money::Money::from_fen(b)),
                        ]),
                        outside: None,
                        counted_before: None,
                        date: None,
                    }),
                    ..Person::default()
                },
                employee_insurance_months: months,
                insured_normal: normal,
            }
        })
}

fn family() -> impl Strategy<Value = HouseholdRequest> {
    let sets = yibao::policy_sets();
    (
        0..sets.len(),
        prop_oneof![Just("2022-10-01"), Just("2023-11-01"), Just("2024-06-30"), Just("2026-12-01")],
        proptest::collection::vec(member(), 1..=10),
        (any::<bool>(), any::<bool>(), 0usize..5),
        proptest::option::weighted(0.6, (0u64..200, any::<bool>())),
    )
        .prop_map(move |(set, date, mut members, (has_self, has_spouse, district), newborn)| {
            let p = &sets[set % sets.len()];
            if let Some(m) = members.first_mut().filter(|_| has_self) {
                m.relation = Relation::Myself;
            }
            if let Some(m) = members.get_mut(1).filter(|_| has_spouse) {
                m.relation = Relation::Spouse;
            }
            // A non-local baby of 0 to 200 days, without a permit: the
            // parents' conditions decide.
            if let Some((days, at_end)) = newborn {
                let day = yibao::date::parse(date).unwrap();
                let birth = day.checked_sub_days(chrono::Days::new(days)).unwrap();
                let baby = MemberRequest {
                    name: Some("宝宝".into()),
                    relation: Relation::Child,
                    person: Person {
                        birth_date: Some(yibao::date::iso(birth).to_string()),
                        hukou: Some("nonlocal".into()),
                        ..Person::default()
                    },
                    employee_insurance_months: None,
                    insured_normal: None,
                };
                if at_end {
                    members.push(baby)
                } else {
                    members.insert(0, baby)
                }
            }

            for m in &mut members {
                let ids = m.person.identities.take().unwrap_or_default();
                m.person.identities = Some(
                    ids.iter()
                        .filter_map(|i| i.parse::<usize>().ok())
                        .filter_map(|i| p.identities.get(i % p.identities.len().max(1)).map(|x| x.id.to_string()))
                        .collect(),
                );
                if p.yongningbao.is_none() {
                    m.person.bill = None;
                }
            }
            HouseholdRequest {
                context: Context {
                    region: Some(p.region.to_string()),
                    benefit_year: None,
                    date: Some(date.into()),
                    district: p.districts.get(district % p.districts.len().max(1)).map(|d| d.id.to_string()),
                    subarea: None,
                },
                members,
            }
        })
}

fn add(parts: impl Iterator<Item = yibao::money::Money>) -> yibao::money::Money {
    // Plain integer addition (a test overflow panics), not the library's saturating sum.
    yibao::money::Money::from_fen(parts.map(|m| m.fen()).sum::<i64>())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// Each member's answer is that member's single quote, and each total
    /// is exactly the sum of the members' figures it applies to. An error
    /// is the first member's error that a single quote gives too.
    #[test]
    fn totals_are_the_sum_of_the_members_quotes(req in family()) {
        let all = yibao::policy_sets();
        let singles = req.requests(all);
        match yibao::household(req.clone()) {
            Ok(h) => {
                let singles = singles.unwrap();
                prop_assert_eq!(h.members.len(), req.members.len());
                for (m, (r, via)) in h.members.iter().zip(&singles) {
                    prop_assert_eq!(&*m.quote, &yibao::quote(r).unwrap());
                    prop_assert_eq!(&m.newborn_parent, via);
                    if let Some(v) = via {
                        // The conditions used are the parent member's.
                        let parent = &req.members[v.member];
                        prop_assert!(matches!(parent.relation, Relation::Myself | Relation::Spouse));
                        let np = r.person.newborn_parent.as_ref().unwrap();
                        prop_assert_eq!(np, &NewbornParent {
                            residence_permit: Some(parent.person.residence_permit.unwrap_or(false)),
                            employee_insurance_months: parent.employee_insurance_months,
                            insured_normal: parent.insured_normal,
                        });
                    }
                }
                let q: Vec<&yibao::Quote> = h.members.iter().map(|m| &*m.quote).collect();
                let resident: Vec<&&yibao::Quote> = q.iter().filter(|q| q.eligible == Some(true)).collect();
                let t = &h.totals;
                prop_assert_eq!(t.resident.len(), resident.len());
                prop_assert_eq!(t.personal_fee, add(resident.iter().filter_map(|q| q.personal_fee)));
                prop_assert_eq!(t.assistance, add(resident.iter().filter_map(|q| q.assistance)));
                prop_assert_eq!(t.to_pay, add(resident.iter().filter_map(|q| q.to_pay)));
                prop_assert_eq!(t.subsidy, add(resident.iter().filter_map(|q| q.subsidy)));
                // Those without a figure are listed; nobody else is.
                for (i, x) in q.iter().enumerate() {
                    let listed = t.not_included.iter().any(|n| n.member == i);
                    let open = x.eligible.is_none()
                        || (x.eligible == Some(true) && (x.personal_fee.is_none() || x.to_pay.is_none() || x.assistance.is_none() || x.subsidy.is_none()));
                    prop_assert_eq!(listed, open, "member {}", i);
                }
                let ynb: Vec<&yibao::answer::YongningbaoOut> = q.iter().filter_map(|q| q.yongningbao.as_ref()).filter(|y| y.eligible).collect();
                prop_assert_eq!(t.yongningbao.len(), ynb.len());
                // A plan with terms (not one a notice names only as a target).
                if q.iter().any(|q| q.yongningbao.as_ref().is_some_and(|y| y.cover.is_some())) {
                    prop_assert_eq!(t.yongningbao_premium, Some(add(ynb.iter().filter_map(|y| y.premium))));
                    prop_assert_eq!(t.yongningbao_to_pay, Some(add(ynb.iter().filter_map(|y| y.to_pay))));
                    let paid: Vec<&yibao::answer::PayoutResult> = ynb.iter().filter_map(|y| y.payout.as_ref()).collect();
                    prop_assert_eq!(t.yongningbao_payout, (!paid.is_empty()).then(|| add(paid.iter().map(|p| p.total))));
                } else {
                    prop_assert_eq!(t.yongningbao_premium, None);
                    prop_assert_eq!(t.yongningbao_payout, None);
                }
                // Every member in resident insurance or the plan has its channel listed once.
                for (i, x) in q.iter().enumerate() {
                    let listed = h.enrollment.iter().filter(|g| g.members.contains(&i)).count();
                    let wants = usize::from(x.eligible == Some(true) && x.enrollment.channel.is_some())
                        + usize::from(x.yongningbao.as_ref().is_some_and(|y| y.eligible));
                    prop_assert_eq!(listed, wants, "member {}", i);
                }
                let size = format!("全家{}人", q.len());
                prop_assert!(h.summary.contains(&size));
            }
            Err(e) => {
                // The first member whose single quote fails fails the same way.
                let Ok(singles) = singles else { return Ok(()) };
                let first = singles.iter().enumerate().find_map(|(i, (r, _))| yibao::quote(r).err().map(|e| (i, e)));
                let (i, single) = first.unwrap();
                prop_assert_eq!(e.code, single.code);
                let shared = ["region", "benefit_year", "date", "district", "subarea"].contains(&single.field.as_str());
                let want = if shared { single.field.clone() } else { format!("members[{i}].{}", single.field) };
                prop_assert_eq!(e.field, want);
            }
        }
    }
}
