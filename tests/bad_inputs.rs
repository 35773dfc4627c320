//! A table of bad requests: each gets the right code and `field`, and a
//! Chinese message that says what to enter.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)] // test code

mod common;
use common::err;

const P: &str = r#""region":"yuyao","benefit_year":2024,"birth_date":"1980-01-01","hukou":"local""#;

#[test]
fn each_bad_input_names_its_field() {
    let cases: Vec<(String, &str, &str)> = vec![
        ("not json".into(), "invalid_json", ""),
        ("{\"region\":".into(), "invalid_json", ""),
        ("[]".into(), "invalid_type", ""),
        ("42".into(), "invalid_type", ""),
        (r#"{"birth_date":"1980-01-01","hukou":"local"}"#.into(), "missing", "region"),
        (r#"{"region":"ningbo","birth_date":"1980-01-01","hukou":"local"}"#.into(), "invalid_value", "region"),
        (r#"{"region":5,"birth_date":"1980-01-01","hukou":"local"}"#.into(), "invalid_type", "region"),
        (r#"{"region":"yuyao","hukou":"local"}"#.into(), "missing", "birth_date"),
        (r#"{"region":"yuyao","birth_date":"1980/01/01","hukou":"local"}"#.into(), "invalid_value", "birth_date"),
        (r#"{"region":"yuyao","birth_date":"1980-02-30","hukou":"local"}"#.into(), "invalid_value", "birth_date"),
        (r#"{"region":"yuyao","birth_date":19800101,"hukou":"local"}"#.into(), "invalid_type", "birth_date"),
        (r#"{"region":"yuyao","birth_date":"1899-12-31","hukou":"local"}"#.into(), "out_of_range", "birth_date"),
        (r#"{"region":"yuyao","date":"2023-11-01","birth_date":"2023-11-02","hukou":"local"}"#.into(), "out_of_range", "birth_date"),
        (r#"{"region":"yuyao","benefit_year":2024,"birth_date":"2025-01-01","hukou":"local"}"#.into(), "out_of_range", "birth_date"),
        (r#"{"region":"yuyao","birth_date":"1980-01-01"}"#.into(), "missing", "hukou"),
        (r#"{"region":"yuyao","birth_date":"1980-01-01","hukou":"beijing"}"#.into(), "invalid_value", "hukou"),
        // A year before the first notice on file; a later year is answered
        // with the newest notice (see notices.rs).
        (format!(r#"{{{P},"benefit_year":2022}}"#).replace(r#""benefit_year":2024,"#, ""), "invalid_value", "benefit_year"),
        (format!(r#"{{{P},"benefit_year":2101}}"#).replace(r#""benefit_year":2024,"#, ""), "invalid_value", "benefit_year"),
        (format!(r#"{{{P},"date":"2100-01-01"}}"#), "out_of_range", "date"),
        (r#"{"region":"yuyao","benefit_year":"2024","birth_date":"1980-01-01","hukou":"local"}"#.into(), "invalid_type", "benefit_year"),
        (format!(r#"{{{P},"date":"tomorrow"}}"#), "invalid_value", "date"),
        (format!(r#"{{{P},"school":"university"}}"#), "invalid_value", "school"),
        (format!(r#"{{{P},"employee_insurance":"yes"}}"#), "invalid_type", "employee_insurance"),
        (format!(r#"{{{P},"residence_permit":1}}"#), "invalid_type", "residence_permit"),
        (format!(r#"{{{P},"birthdate":"1980-01-01"}}"#), "unknown_field", "birthdate"),
        (format!(r#"{{{P},"identities":["foo"]}}"#), "unknown_identity", "identities"),
        (format!(r#"{{{P},"identities":"dibao"}}"#), "invalid_type", "identities"),
        (format!(r#"{{{P},"identities":[1]}}"#), "invalid_type", "identities"),
        (r#"{"region":"yuyao","benefit_year":2023,"birth_date":"1980-01-01","hukou":"local","identities":["kunjing_child"]}"#.into(), "unknown_identity", "identities"),
        (r#"{"region":"baiyin","birth_date":"1980-01-01","hukou":"local","identities":["dibao"],"district":"baiyin"}"#.into(), "unknown_identity", "identities"),
        (r#"{"region":"baiyin","birth_date":"1980-01-01","hukou":"local"}"#.into(), "missing", "district"),
        (r#"{"region":"baiyin","birth_date":"1980-01-01","hukou":"local","district":"lanzhou"}"#.into(), "invalid_value", "district"),
        (format!(r#"{{{P},"district":"baiyin"}}"#), "not_applicable", "district"),
        (format!(r#"{{{P},"qianwan":true}}"#), "not_applicable", "qianwan"),
        (format!(r#"{{{P},"qianwan":"yes"}}"#), "invalid_type", "qianwan"),
        (r#"{"region":"yuyao","benefit_year":2024,"birth_date":"2023-09-01","hukou":"nonlocal"}"#.into(), "missing", "date"),
        (r#"{"region":"yuyao","benefit_year":2024,"date":"2023-11-01","birth_date":"2023-09-01","hukou":"nonlocal"}"#.into(), "missing", "newborn_parent"),
        // A condition the set needs and the request leaves open is asked for by name.
        (r#"{"region":"yuyao","benefit_year":2024,"date":"2023-11-01","birth_date":"2023-09-01","hukou":"nonlocal","newborn_parent":{"residence_permit":true}}"#.into(), "missing", "newborn_parent.insured_normal"),
        (r#"{"region":"cixi","date":"2026-12-01","birth_date":"2026-09-01","hukou":"nonlocal","newborn_parent":{"residence_permit":true,"insured_normal":true}}"#.into(), "missing", "newborn_parent.employee_insurance_months"),
        (r#"{"region":"yuyao","benefit_year":2024,"date":"2023-11-01","birth_date":"2023-09-01","hukou":"nonlocal","newborn_parent":{"employee_insurance_months":-1}}"#.into(), "invalid_value", "newborn_parent.employee_insurance_months"),
        (r#"{"region":"yuyao","benefit_year":2024,"date":"2023-11-01","birth_date":"2023-09-01","hukou":"nonlocal","newborn_parent":{"insured_normal":"yes"}}"#.into(), "invalid_type", "newborn_parent.insured_normal"),
        (r#"{"region":"yuyao","benefit_year":2024,"date":"2023-11-01","birth_date":"2023-09-01","hukou":"nonlocal","newborn_parent":{"mother":true}}"#.into(), "unknown_field", "newborn_parent.mother"),
        // A list where an object belongs: the wrong type, not the fields in order.
        (r#"{"region":"yuyao","benefit_year":2024,"date":"2023-11-01","birth_date":"2023-09-01","hukou":"nonlocal","newborn_parent":[true,12,true]}"#.into(), "invalid_type", "newborn_parent"),
        (format!(r#"{{{P},"bill":true}}"#), "invalid_type", "bill"),
        (format!(r#"{{{P},"bill":{{"in_scope":-1}}}}"#), "out_of_range", "bill.in_scope"),
        (format!(r#"{{{P},"bill":{{"in_scope":"abc"}}}}"#), "invalid_value", "bill.in_scope"),
        (format!(r#"{{{P},"bill":{{"in_scope":"1e5"}}}}"#), "invalid_value", "bill.in_scope"),
        (format!(r#"{{{P},"bill":{{"in_scope":true}}}}"#), "invalid_type", "bill.in_scope"),
        (format!(r#"{{{P},"bill":{{"self_paid":100000001}}}}"#), "out_of_range", "bill.self_paid"),
        (format!(r#"{{{P},"bill":{{"self_paid":1e300}}}}"#), "invalid_value", "bill.self_paid"),
        (format!(r#"{{{P},"bill":{{"cancer_drugs":0.001}}}}"#), "invalid_value", "bill.cancer_drugs"),
        (format!(r#"{{{P},"bill":{{"cancer_drugs":"12.345"}}}}"#), "invalid_value", "bill.cancer_drugs"),
        (format!(r#"{{{P},"bill":{{"counted_before":{{"self_paid":-5}}}}}}"#), "out_of_range", "bill.counted_before.self_paid"),
        (format!(r#"{{{P},"bill":{{"self_paid":100,"outside_ningbo":{{"self_paid":200}}}}}}"#), "invalid_value", "bill.outside_ningbo.self_paid"),
        (format!(r#"{{{P},"bill":{{"outside_ningbo":{{"proton_heavy_ion":"x"}}}}}}"#), "invalid_value", "bill.outside_ningbo.proton_heavy_ion"),
        (format!(r#"{{{P},"bill":{{"foo":1}}}}"#), "unknown_field", "bill.foo"),
    ];
    for (json, code, field) in &cases {
        let e = err(json);
        assert_eq!((e.code.as_str(), e.field.as_str()), (*code, *field), "{json}\n→ {}", e.message);
        assert!(e.message.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)), "message in Chinese: {}", e.message);
    }
}

#[test]
fn messages_say_what_to_enter() {
    assert!(err(r#"{"region":"yuyao","birth_date":"1980/01/01","hukou":"local"}"#).message.contains("YYYY-MM-DD"));
    let e = err(&format!(r#"{{{P},"identities":["foo"]}}"#));
    assert!(e.message.contains("dibao（低保对象）"), "lists the choices: {}", e.message);
    assert!(err(r#"{"region":"yuyao","benefit_year":2022,"birth_date":"1980-01-01","hukou":"local"}"#)
        .message
        .contains("2023、2024"));
    // An unanswered district is a question in words, without ids.
    let e = err(r#"{"region":"baiyin","birth_date":"1980-01-01","hukou":"local"}"#);
    assert!(e.message.contains("会宁县") && !e.message.contains("huining"), "{}", e.message);
    // A wrong one lists the ids that may be entered.
    assert!(err(r#"{"region":"baiyin","district":"x","birth_date":"1980-01-01","hukou":"local"}"#)
        .message
        .contains("huining（会宁县）"));
    // The regions come from the policy sets.
    let e = err(r#"{"region":"ningbo","birth_date":"1980-01-01","hukou":"local"}"#);
    for r in ["yuyao（余姚市）", "cixi（慈溪市（推断））", "baiyin（白银市）"] {
        assert!(e.message.contains(r), "{}", e.message);
    }
    // 余政办发〔2023〕80号 二(一)1(3) asks only for a parent in Ningbo basic
    // insurance, insured normally: the question names no months.
    let e = err(
        r#"{"region":"yuyao","benefit_year":2024,"date":"2023-11-01","birth_date":"2023-09-01","hukou":"nonlocal"}"#,
    );
    assert!(!e.message.contains("月数") && e.message.contains("已参加宁波市基本医保且待遇正常"), "{}", e.message);
    assert!(!e.message.contains("residence_permit"), "no ids in the words: {}", e.message);
    // 余政办发〔2022〕76号 二(三) needs the months too.
    let e = err(
        r#"{"region":"yuyao","benefit_year":2023,"date":"2022-11-01","birth_date":"2022-09-01","hukou":"nonlocal"}"#,
    );
    assert!(e.message.contains("累计缴费月数（须满12个月）"), "{}", e.message);
}

#[test]
fn a_number_too_large_for_a_double_names_its_field_as_infinity_does_in_js() {
    // 1e999 is valid JSON; JavaScript reads it as Infinity, and quote() in
    // JS gives these errors for Infinity in these fields.
    let cases = [
        (format!(r#"{{{P},"bill":{{"in_scope":1e999}}}}"#), "invalid_value", "bill.in_scope"),
        (
            format!(r#"{{{P},"bill":{{"counted_before":{{"self_paid":-1e999}}}}}}"#),
            "invalid_value",
            "bill.counted_before.self_paid",
        ),
        (
            r#"{"region":"yuyao","benefit_year":1e999,"birth_date":"1980-01-01","hukou":"local"}"#.into(),
            "invalid_value",
            "benefit_year",
        ),
        (r#"{"region":1e999,"birth_date":"1980-01-01","hukou":"local"}"#.into(), "invalid_type", "region"),
        (format!(r#"{{{P},"identities":["dibao",1e999]}}"#), "invalid_type", "identities"),
        (
            format!(r#"{{{P},"newborn_parent":{{"employee_insurance_months":1e400}}}}"#),
            "invalid_value",
            "newborn_parent.employee_insurance_months",
        ),
        (format!(r#"{{{P},"x":{{"y":[1e999]}}}}"#), "unknown_field", "x"),
        ("1e999".into(), "invalid_type", ""),
    ];
    for (json, code, field) in &cases {
        let e = err(json);
        assert_eq!((e.code.as_str(), e.field.as_str()), (*code, *field), "{json}\n→ {}", e.message);
    }
    let e = err(&format!(r#"{{{P},"bill":{{"in_scope":1e999}}}}"#));
    assert_eq!(e, err(&format!(r#"{{{P},"bill":{{"in_scope":1e300}}}}"#)), "the same error as any amount too large");
    // More such numbers than the reader writes finitely (16): the request as
    // a whole, with where in the text it stopped (not the field: JS cannot
    // give such numbers, so the CLI alone says this).
    let e = err(&format!(r#"{{{P},"x":[{}]}}"#, vec!["1e999"; 17].join(",")));
    assert_eq!((e.code.as_str(), e.field.as_str()), ("invalid_value", ""), "{}", e.message);
    assert!(e.message.contains("数字过大（第1行第"), "{}", e.message);
}

#[test]
fn amounts_as_text_are_bounded_and_read_without_recursion() {
    let bill = |amount: &str| format!(r#"{{{P},"bill":{{"in_scope":"{amount}"}}}}"#);
    // A run of leading zeros overflowed the WASM stack (rust_decimal's
    // parser recursed once a character): now anything longer than 32
    // characters is refused before it is read.
    for long in
        ["0".repeat(6000) + "1", "1".repeat(6000), format!(".{}", "0".repeat(6000)), format!("-{}", "0".repeat(100))]
    {
        let e = err(&bill(&long));
        assert_eq!((e.code.as_str(), e.field.as_str()), ("invalid_value", "bill.in_scope"));
        assert!(e.message.contains("12000.50"), "says what to enter: {}", e.message);
    }
    let q = common::q(&bill(&format!("{}30000.00", "0".repeat(24))));
    assert_eq!(common::m(&q, "yongningbao.payout.items.0.amount"), "30000.00");
}

#[test]
fn a_request_over_1_mib_is_too_large() {
    let limit = yibao::request::MAX_REQUEST_BYTES;
    let at_limit = format!("{{{P},\"x\":\"{}\"}}", "a".repeat(limit - P.len() - 9));
    assert_eq!(at_limit.len(), limit);
    assert_eq!(err(&at_limit).code, "unknown_field", "at the limit it is read");
    let over = format!("{{{P},\"x\":\"{}\"}}", "a".repeat(limit - P.len() - 8));
    let e = err(&over);
    assert_eq!((e.code.as_str(), e.field.as_str()), ("too_large", ""));
    assert_eq!(e, yibao::request::too_large());
}

#[test]
fn a_byte_order_mark_before_the_json_is_allowed() {
    let q = common::q(&format!("\u{feff}{{{P}}}"));
    assert_eq!(q["personal_fee"], "780.00");
    // Only at the start, once.
    assert_eq!(err(&format!("\u{feff}\u{feff}{{{P}}}")).code, "invalid_json");
}

#[test]
fn a_huge_unknown_key_is_not_echoed_in_the_message() {
    let key = "键".repeat(1 << 18);
    let e = err(&format!("{{{P},\"{key}\":1}}"));
    assert_eq!((e.code.as_str(), e.field.as_str()), ("unknown_field", key.as_str()));
    assert!(e.message.chars().count() < 80, "{}", e.message);
    assert!(e.message.contains(&format!("“{}…”", "键".repeat(32))), "{}", e.message);
    // Nor a huge identity.
    let e = err(&format!("{{{P},\"identities\":[\"{key}\"]}}"));
    assert_eq!((e.code.as_str(), e.field.as_str()), ("unknown_identity", "identities"));
    assert!(e.message.chars().count() < 400, "{}", e.message);
    let e = err(&format!("{{{P},\"bill\":{{\"{key}\":1}}}}"));
    assert_eq!(e.field, format!("bill.{key}"));
    assert!(e.message.chars().count() < 80);
}
