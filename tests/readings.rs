//! The product's own readings as an answer says them (`src/readings.rs`):
//! a later year answered by the newest notice, the state of a window on
//! the date asked, a closed window the notice says nothing more about.
//! Each sentence is compared whole, so that moving or sharing its wording
//! cannot change what a person reads.
//!
//! The clauses behind the dates: 余政办发〔2023〕80号 二(一)2 (the 2024
//! window, 2023-10-10 to 2023-12-25; the benefit year 2024), 二(一)3(1)
//! (ages on the day before the benefit year), 二(二) (天一甬宁保: its
//! 参保时间 2023-10-10 to 2023-12-10, the 2024 plan).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)] // test code

mod common;
use common::q;

/// A resident of 余姚 asking on 2025-11-01: the newest notice is for 2024,
/// the date implies 2026 (from 10月10日, 80号 二(一)2's opening day), and
/// 2025 is the year in force; a bill without a date is priced by the 2025
/// 甬宁保 plan year, projected from the 2024 plan.
const LATER: &str =
    r#"{"region":"yuyao","date":"2025-11-01","birth_date":"1958-03-02","hukou":"local","bill":{"in_scope":30000}}"#;

#[test]
fn a_later_year_is_said_as_answered_by_the_newest_notice() {
    let r = q(LATER);
    assert_eq!(r["benefit_year"], 2026);
    let summary = r["summary"].as_str().unwrap();
    // readings::window_as_filed, in the answer's sentence.
    let window = "2024年度文件规定的集中参保期为2023年10月10日至2023年12月25日（查询日已结束），2026年度的参保时间和办理方式以新通知为准。";
    assert!(summary.contains(window), "{summary}");
    // readings::how_as_filed, the first of the ways to enrol.
    assert_eq!(
        r["enrollment"]["how"][0]["text"],
        "2024年度文件规定的集中参保期为2023年10月10日至2023年12月25日（查询日已结束）；2026年度的参保时间和办理方式以新通知为准。以下是2024年度文件的办理办法。"
    );
    assert_eq!(r["enrollment"]["how"][0]["source"], "余政办发〔2023〕80号 二(一)2");
    // readings::age_in_later_year, the tier's step (80号 二(一)3(1)).
    let tier = r["steps"].as_array().unwrap().iter().find(|s| s["source"] == "余政办发〔2023〕80号 二(一)3(1)");
    assert_eq!(
        tier.unwrap()["text"],
        "年龄按待遇年度开始前一日（2023年12月31日）的周岁计算；推算的年度按2025年12月31日计算，按年龄67周岁，属于成年居民档。"
    );
    // readings::plan_window_as_filed, the 甬宁保 note.
    assert_eq!(
        r["yongningbao"]["note"],
        "最新文件中天一甬宁保2024的参保时间为2023年10月10日至2023年12月10日（查询日已结束）；2026年度的天一甬宁保以新通知为准，以下按2024年度的方案估算。"
    );
    // readings::window_by_file and covers_as_filed, the year in force.
    let in_force = r["in_force"]["text"].as_str().unwrap();
    assert_eq!(r["in_force"]["benefit_year"], 2025);
    assert!(
        in_force.starts_with("若已在2025年度的集中参保期（2024年10月10日至2024年12月25日，按2024年度文件推算）内参保缴费，2025年1月1日至2025年12月31日享受2025年度居民医保待遇（按2024年度文件："),
        "{in_force}"
    );
    // readings::NO_OUTSIDE_WINDOW, where the notice says nothing of enrolling outside the window.
    assert!(in_force.ends_with("；若没有，文件没有写明集中参保期以外如何参保。"), "{in_force}");
}

#[test]
fn the_plain_text_marks_a_projected_plan() {
    let text = yibao::quote_text(&yibao::request::from_json(LATER).unwrap()).unwrap();
    // readings::PLAN_PROJECTED.
    assert!(text.contains("  按天一甬宁保2025年度方案（推算）估算赔付：保障期 2025-01-01 至 2025-12-31（"), "{text}");
}

#[test]
fn a_window_not_yet_begun_is_said_so_in_the_next_step_and_the_sentence() {
    // 2023-09-01: before the 2024 window opens (80号 二(一)2).
    let r =
        q(r#"{"region":"yuyao","benefit_year":2024,"date":"2023-09-01","birth_date":"1980-05-17","hukou":"local"}"#);
    let step = r["next_step"]["text"].as_str().unwrap();
    assert!(step.starts_with("2024年度集中参保期为2023年10月10日至2023年12月25日（查询日尚未开始），届时："), "{step}");
    let summary = r["summary"].as_str().unwrap();
    assert!(summary.contains("集中参保期为2023年10月10日至2023年12月25日（查询日尚未开始），届时"), "{summary}");
    assert_eq!(r["enrollment"]["status"], "not_yet");
}

#[test]
fn a_closed_window_of_the_newest_year_leaves_the_next_to_a_new_notice() {
    // 2024-06-01, the 2024 benefit year asked for: its window has closed and
    // no 2025 notice is on file.
    let r =
        q(r#"{"region":"yuyao","benefit_year":2024,"date":"2024-06-01","birth_date":"1980-05-17","hukou":"local"}"#);
    // readings::step_window_closed with NO_OUTSIDE_WINDOW.
    assert_eq!(
        r["next_step"]["text"],
        "2024年度的集中参保期（2023年10月10日至2023年12月25日）已经结束；文件没有写明集中参保期以外如何参保；下一年度的参保时间以新通知为准。"
    );
    assert_eq!(
        r["enrollment"]["how"][0]["text"],
        "2024年度的集中参保期（2023年10月10日至2023年12月25日）在查询日已经结束；以下是文件规定的集中参保期内的办法，文件没有写明集中参保期以外如何参保。"
    );
    let summary = r["summary"].as_str().unwrap();
    assert!(
        summary.ends_with("2024年度的集中参保期（2023年10月10日至2023年12月25日）已经结束；文件没有写明集中参保期以外如何参保，可向当地医保经办机构咨询。"),
        "{summary}"
    );
}

#[test]
fn a_list_marks_a_later_year_in_its_estimate_column() {
    let list = "姓名,地区,出生日期,户籍\n丙,余姚市,1980-05-17,本市户籍\n";
    let mut out = Vec::new();
    yibao::batch::run(list.as_bytes(), &mut out, Some("2026-12-06")).unwrap();
    let text = String::from_utf8(out).unwrap();
    // readings::list_estimate: 2026-12-06 is answered for 2027.
    assert!(
        text.contains(",2027,估算：按最新的2024年度文件（余政办发〔2023〕80号）推算，2027年度的标准以新通知为准。,"),
        "{text}"
    );
}

/// 已脱贫人口's assistance, "在过渡期内逐步下调，2022年资助标准为100元"
/// (市医保发〔2022〕47号 三5), in a later year: at most 100 元, said whole.
#[test]
fn an_amount_limited_to_its_period_is_at_most_its_last_figure_later() {
    let person = r#""region":"baiyin","benefit_year":2027,"district":"huining","birth_date":"1960-05-17","hukou":"local","identities":["tuopin"]"#;
    // readings::aid_at_most (the fee 350 元: 47号 二).
    let r = q(&format!("{{{person}}}"));
    let summary = r["summary"].as_str().unwrap();
    assert!(summary.contains("，2027年度的资助无法算出：资助最多100元，您需缴纳至少250元、最多350元。"), "{summary}");
    // readings::aid_at_most_elsewhere (47号 三, 5之后一段: insured elsewhere).
    let r = q(&format!("{{{person},\"insured_elsewhere\":true}}"));
    let summary = r["summary"].as_str().unwrap();
    assert!(summary.contains("按白银市的标准，您的资助最多100元（以后年度的标准文件没有给出）；"), "{summary}");
    // readings::top_up_from_at_most: 低保 250 元 (47号 三2) after 已脱贫 in 2027.
    let r = q(
        r#"{"region":"baiyin","district":"huining","date":"2026-12-06","birth_date":"1970-05-17","hukou":"local","identities":["dibao_full"],
        "change":{"registered_on":"2026-10-15","identities_then":["tuopin"],"changed_on":"2026-11-20"}}"#,
    );
    let reason = r["change"]["reason"].as_str().unwrap();
    assert!(
        reason.ends_with(
            "按此，应按新标准补差：新标准250元，原标准2027年度的金额文件没有给出（最多100元），补差至少150元。"
        ),
        "{reason}"
    );
}
