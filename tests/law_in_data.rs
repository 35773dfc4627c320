//! Issue 22 point 4: the law is read from the policy file. A copy of
//! yuyao-2024.toml with other words and numbers gives answers with those
//! words and numbers, with no change to the code.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)] // test code

use yibao::policy::Policy;

fn changed(pairs: &[(&str, &str)]) -> Vec<Policy> {
    let mut text = std::fs::read_to_string("policies/yuyao-2024.toml").unwrap();
    for (old, new) in pairs {
        assert!(text.contains(old), "{old}");
        text = text.replacen(old, new, 1);
    }
    let p: Policy = toml::from_str(&text).unwrap();
    p.validate().unwrap();
    vec![p]
}

fn ask(sets: &[Policy], json: &str) -> serde_json::Value {
    let req = yibao::request::from_json(json).unwrap();
    serde_json::to_value(yibao::engine::quote(sets, &req).unwrap()).unwrap()
}

#[test]
fn a_newborn_rule_of_three_months_is_said_as_three_months() {
    let sets = changed(&[("max_months = 6\nterm = \"0-6个月新生儿\"", "max_months = 3\nterm = \"0-3个月新生儿\"")]);
    let r = ask(
        &sets,
        r#"{"region":"yuyao","date":"2023-11-01","birth_date":"2023-09-01","hukou":"nonlocal",
            "newborn_parent":{"residence_permit":true,"insured_normal":true}}"#,
    );
    let reason = r["reason"].as_str().unwrap();
    assert!(reason.starts_with("0-3个月新生儿") && !reason.contains("0-6"), "{reason}");
}

#[test]
fn the_age_day_is_the_files() {
    // Born 2017-11-01: 6 on 2023-12-31 (student tier), 5 on 2023-09-30 (infant tier).
    let json = r#"{"region":"yuyao","birth_date":"2017-11-01","hukou":"local"}"#;
    assert_eq!(ask(&changed(&[]), json)["tier"]["id"], "student");
    let sets = changed(&[("on = \"2023-12-31\"", "on = \"2023-09-30\"")]);
    assert_eq!(ask(&sets, json)["tier"]["id"], "infant");
    // A set whose tiers are by age must say the day.
    let mut p = changed(&[]).remove(0);
    p.age_rule.on = None;
    assert!(p.validate().unwrap_err().iter().any(|e| e.at == "age_rule.on"));
}

#[test]
fn the_band_rounding_is_the_files() {
    // 6,014.05 in scope: 14.05 × 30 % = 4.215.
    let json = r#"{"region":"yuyao","birth_date":"1970-01-01","hukou":"local","bill":{"in_scope":"6014.05"}}"#;
    let total = |sets: &[Policy]| ask(sets, json)["yongningbao"]["payout"]["total"].as_str().unwrap().to_string();
    assert_eq!(total(&changed(&[])), "4.22", "half up");
    assert_eq!(total(&changed(&[("round = \"half_up\"", "round = \"down\"")])), "4.21", "down");
}

#[test]
fn the_non_local_sentence_is_the_files() {
    let sets = changed(&[(
        "said = \"您所填的身份是本市户籍人员的资助条件，非本市户籍不能按本市标准获得资助\"",
        "said = \"资助限本市户籍\"",
    )]);
    let r = ask(
        &sets,
        r#"{"region":"yuyao","birth_date":"1970-01-01","hukou":"nonlocal","residence_permit":true,"identities":["dibao"]}"#,
    );
    assert!(r["summary"].as_str().unwrap().contains("；资助限本市户籍，您需缴纳780元。"), "{}", r["summary"]);
}

#[test]
fn the_product_readings_say_the_files_days() {
    // Projected: ages on the file's day moved to the year, the period as the file's moved.
    let r = ask(&changed(&[]), r#"{"region":"yuyao","benefit_year":2027,"birth_date":"1970-01-01","hukou":"local"}"#);
    let a = r["assumptions"].as_array().unwrap().iter().find(|a| a["id"] == "beyond-newest-notice").unwrap();
    let t = a["text"].as_str().unwrap();
    assert!(
        t.contains("年龄按2026年12月31日的周岁计算") && t.contains("待遇期按2027年1月1日至2027年12月31日推算"),
        "{t}"
    );
    // 白银's fee does not depend on age: no age day is claimed.
    let r: serde_json::Value = serde_json::to_value(
        yibao::quote_json(
            r#"{"region":"baiyin","benefit_year":2027,"district":"baiyin","birth_date":"1970-01-01","hukou":"local"}"#,
        )
        .unwrap(),
    )
    .unwrap();
    let all = r.to_string();
    assert!(!all.contains("的周岁计算") && !all.contains("按年龄"), "{all}");
}

#[test]
fn the_outside_field_is_named_by_the_file() {
    let sets = changed(&[
        ("outside_field = \"outside_ningbo\"", "outside_field = \"outside_area\""),
        ("outside_name = \"宁波市外\"", "outside_name = \"本市以外\""),
    ]);
    let r = ask(
        &sets,
        // (The request's reader knows the compiled-in sets' names only: no outside part here.)
        r#"{"region":"yuyao","birth_date":"1970-01-01","hukou":"local","bill":{"self_paid":30000}}"#,
    );
    let item = &r["yongningbao"]["payout"]["items"][0];
    assert_eq!(item["outside_area"], "0.00", "{item}");
    assert!(item.get("outside_ningbo").is_none(), "{item}");
    // The compiled-in set keeps its own name (the page reads it).
    let r: serde_json::Value = serde_json::to_value(
        yibao::quote_json(
            r#"{"region":"yuyao","benefit_year":2024,"birth_date":"1970-01-01","hukou":"local","bill":{"self_paid":30000,"outside_ningbo":{"self_paid":10000}}}"#,
        )
        .unwrap(),
    )
    .unwrap();
    assert_eq!(r["yongningbao"]["payout"]["items"][0]["outside_ningbo"], "10000.00");
}
