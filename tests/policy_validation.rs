//! The policy files validate, and validation rejects broken ones: parts that
//! do not add up, overlapping or gapped age tiers, windows that end before
//! they start, unknown ids.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)] // test code

use yibao::policy::Policy;

fn load(id: &str) -> String {
    std::fs::read_to_string(format!("policies/{id}.toml")).unwrap()
}

/// What is wrong with a file: a value of the wrong form fails as it is
/// read (typed values), the rest in `validate`.
fn problems(text: &str) -> Vec<String> {
    match toml::from_str::<Policy>(text) {
        Err(e) => vec![e.to_string()],
        Ok(p) => p.validate().err().unwrap_or_default().iter().map(ToString::to_string).collect(),
    }
}

fn broken(id: &str, from: &str, to: &str) -> Vec<String> {
    let text = load(id);
    assert!(text.contains(from), "{id} should contain {from:?}");
    problems(&text.replacen(from, to, 1))
}

#[test]
fn the_shipped_policy_files_are_valid_and_compiled_in() {
    let mut ids = Vec::new();
    for entry in std::fs::read_dir("policies").unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|x| x != "toml") {
            continue; // policies/README.md
        }
        let p: Policy = toml::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        assert_eq!(p.validate(), Ok(()), "{}", path.display());
        // What build.rs compiled is exactly what the file says.
        let compiled = yibao::policy_sets().iter().find(|c| c.id == p.id).unwrap();
        assert_eq!(compiled, &p);
        ids.push(p.id);
    }
    // Every file is compiled in, and nothing else.
    ids.sort();
    let mut compiled: Vec<&str> = yibao::policy_sets().iter().map(|p| &*p.id).collect();
    compiled.sort_unstable();
    assert_eq!(ids, compiled);
    // The engine takes a region's last set as its latest.
    let order: Vec<(&str, i32)> = yibao::policy_sets().iter().map(|p| (&*p.region, p.benefit_year)).collect();
    let mut sorted = order.clone();
    sorted.sort();
    assert_eq!(order, sorted);
}

#[test]
fn every_source_names_its_document() {
    for p in yibao::policy_sets() {
        // A notice without a number (慈溪's) is cited by a short name, which
        // every source of its file starts with.
        let prefix = if p.document.number.contains("文本无文号") {
            p.benefit_period.source.split(' ').next().unwrap_or_default()
        } else {
            &*p.document.number
        };
        let mut sources: Vec<&str> = vec![&p.benefit_period.source, &p.enrollment.source];
        sources.extend(p.tiers.iter().map(|t| t.source.as_ref()));
        sources.extend(p.identities.iter().map(|i| i.source.as_ref()));
        sources.extend(p.subsidy_split.iter().map(|s| s.source.as_ref()));
        sources.extend(p.enroll_how.iter().map(|h| h.source.as_ref()));
        for s in sources {
            assert!(s.starts_with(prefix), "{}: {s}", p.id);
        }
    }
}

#[test]
fn parts_that_do_not_add_up_are_rejected() {
    // 488 + 107.2 + 6.4 + 8.4 must equal 610.
    let e = broken(
        "baiyin-2023",
        r#"{ district = "baiyin", amount = "8.4" }"#,
        r#"{ district = "baiyin", amount = "8.3" }"#,
    );
    assert!(e.iter().any(|m| m.contains("合计 609.9 不等于财政补助 610")), "{e:?}");
    // Cixi's printed 合计.
    let e = broken("cixi-2023", r#"total = "2870""#, r#"total = "2880""#);
    assert!(e.iter().any(|m| m.contains("合计 2880")), "{e:?}");
    // The long-term-care part cannot exceed the fee.
    let e = broken("yuyao-2024", r#"personal_fee = "290""#, r#"personal_fee = "20""#);
    assert!(e.iter().any(|m| m.contains("长护险")), "{e:?}");
    // Assistance above the fee.
    let e = broken("baiyin-2023", r#"assistance = "250""#, r#"assistance = "400""#);
    assert!(e.iter().any(|m| m.contains("超过")), "{e:?}");
}

#[test]
fn overlapping_or_gapped_age_tiers_are_rejected() {
    let e = broken("yuyao-2024", "min_age = 6\nmax_age = 18", "min_age = 5\nmax_age = 18");
    assert!(e.iter().any(|m| m.contains("重叠")), "{e:?}");
    let e = broken("yuyao-2024", "min_age = 6\nmax_age = 18", "min_age = 7\nmax_age = 18");
    assert!(e.iter().any(|m| m.contains("空档")), "{e:?}");
    let e = broken("yuyao-2024", "min_age = 18\n", "min_age = 18\nmax_age = 100\n");
    assert!(e.iter().any(|m| m.contains("不设上限")), "{e:?}");
}

#[test]
fn windows_that_end_before_they_start_are_rejected() {
    let e = broken("yuyao-2024", r#"end = "2023-12-25""#, r#"end = "2023-10-01""#);
    assert!(e.iter().any(|m| m.starts_with("enrollment") && m.contains("早于")), "{e:?}");
    let e = broken("yuyao-2024", r#"end = "2023-12-10""#, r#"end = "2023-02-30""#);
    assert!(e.iter().any(|m| m.contains("YYYY-MM-DD")), "{e:?}");
}

#[test]
fn unknown_ids_are_rejected() {
    // Identity and tier ids are the file's own: one that is referred to but
    // not defined is the error.
    let e = broken("yuyao-2024", r#"id = "kunjing_child""#, r#"id = "poor""#);
    assert!(
        e.iter()
            .any(|m| m.contains("yongningbao.free[4].id") && m.contains("身份 kunjing_child 未在 identities 中定义")),
        "{e:?}"
    );
    let e = broken("yuyao-2024", r#"id = "student""#, r#"id = "pupil""#);
    assert!(e.iter().any(|m| m.contains("yongningbao.reduced_tiers[0]: 未知档次 student")), "{e:?}");
    let e =
        broken("baiyin-2023", r#"district = "jingtai", amount = "14.8""#, r#"district = "lanzhou", amount = "14.8""#);
    assert!(e.iter().any(|m| m.contains("未知区县 lanzhou")), "{e:?}");
    // Categories are the engine's: an unknown one fails as the file is read.
    let e = broken("yuyao-2024", r#"when = ["assisted_full"]"#, r#"when = ["rich"]"#);
    assert!(e.iter().any(|m| m.contains("unknown variant `rich`")), "{e:?}");
}

#[test]
fn payout_bands_must_be_consecutive() {
    let e = broken("yuyao-2024", r#"{ from = "20000", rate = "60" }"#, r#"{ from = "25000", rate = "60" }"#);
    assert!(e.iter().any(|m| m.contains("不连续")), "{e:?}");
    let e = broken("yuyao-2024", r#"rate = "30""#, r#"rate = "130""#);
    assert!(e.iter().any(|m| m.contains("0到100之间") && m.contains("line")), "{e:?}");
}

#[test]
fn unknown_keys_and_float_money_are_rejected_by_the_format() {
    let text = load("baiyin-2023").replacen("id = \"baiyin-2023\"", "id = \"baiyin-2023\"\ncolour = \"red\"", 1);
    assert!(toml::from_str::<Policy>(&text).is_err());
    let text = load("baiyin-2023").replacen(r#"personal_fee = "350""#, "personal_fee = 350.0", 1);
    assert!(toml::from_str::<Policy>(&text).is_err(), "money must be a decimal string, never a float");
}

/// `yibao policy check`: each kind of broken file above gets a Chinese
/// message naming the line it is on.
#[test]
fn policy_check_names_the_line_of_each_problem() {
    let cases: [(&str, &str, &str, &str); 9] = [
        (
            "baiyin-2023",
            r#"{ district = "baiyin", amount = "8.4" }"#,
            r#"{ district = "baiyin", amount = "8.3" }"#,
            "合计 609.9 不等于财政补助 610",
        ),
        ("cixi-2023", r#"total = "2870""#, r#"total = "2880""#, "合计 2880"),
        ("yuyao-2024", r#"personal_fee = "290""#, r#"personal_fee = "20""#, "长护险"),
        ("baiyin-2023", r#"assistance = "250""#, r#"assistance = "400""#, "超过"),
        ("yuyao-2024", "min_age = 6\nmax_age = 18", "min_age = 5\nmax_age = 18", "重叠"),
        ("yuyao-2024", r#"end = "2023-12-25""#, r#"end = "2023-10-01""#, "早于"),
        ("yuyao-2024", r#"end = "2023-12-10""#, r#"end = "2023-02-30""#, "YYYY-MM-DD"),
        ("yuyao-2024", r#"{ from = "20000", rate = "60" }"#, r#"{ from = "25000", rate = "60" }"#, "不连续"),
        ("yuyao-2024", r#"when = ["assisted_full"]"#, r#"when = ["rich"]"#, "rich"),
    ];
    for (id, from, to, what) in cases {
        let text = load(id).replacen(from, to, 1);
        // The line the broken value is on (the first line of a two-line change).
        let line = text.lines().position(|l| to.lines().next().is_some_and(|t| l.contains(t))).unwrap() + 1;
        let found = yibao::tools::check(id, &text);
        let f = found.iter().find(|f| f.message.contains(what)).unwrap_or_else(|| panic!("{id} {to}: {found:?}"));
        assert!(f.message.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)), "in Chinese: {f}");
        assert!(f.line > 0, "{id} {to}: a line: {f}");
        // A reading error points at the broken value itself; a meaning error
        // at the field it names (`tiers[0].subsidy` → a `subsidy =` line).
        let on = text.lines().nth(f.line - 1).unwrap();
        if f.at.is_empty() {
            assert_eq!(f.line, line, "{id} {to}: {f}");
        } else {
            let key = f.at.rsplit('.').next().unwrap().split('[').next().unwrap();
            assert!(on.contains(key), "{id} {to}: line {} is `{on}`, not {key}: {f}", f.line);
        }
        assert!(f.to_string().starts_with(&format!("第{}行", f.line)));
    }
    // A valid file, and one named after another id.
    assert_eq!(yibao::tools::check("yuyao-2024", &load("yuyao-2024")), vec![]);
    let found = yibao::tools::check("yuyao-2025", &load("yuyao-2024"));
    assert!(found.iter().any(|f| f.message.contains("文件名须与 id 一致")), "{found:?}");
}

/// The page takes its words for the school question and for the 甬宁保 bill
/// amounts from `policies()`: every set lists the three school answers once,
/// every responsibility says where its amount is printed.
#[test]
fn policies_lists_the_words_the_page_shows() {
    for p in yibao::policies() {
        let mut schools: Vec<&str> = p.schools.iter().map(|s| &*s.id).collect();
        schools.sort_unstable();
        assert_eq!(schools, ["college", "none", "primary_secondary"], "{}", p.policy.id);
        assert!(p.schools.iter().all(|s| !s.name.is_empty()), "{}", p.policy.id);
        if let Some(y) = &p.yongningbao {
            assert!(!y.responsibilities.is_empty(), "{}", p.policy.id);
            for r in &y.responsibilities {
                assert!(!r.slip.is_empty() && !r.slip_help.is_empty(), "{} {}", p.policy.id, r.id);
            }
        }
    }
    let y = yibao::policies().into_iter().find(|p| p.policy.id == "yuyao-2024").and_then(|p| p.yongningbao).unwrap();
    let slips: Vec<&str> = y.responsibilities.iter().map(|r| &*r.slip).collect();
    assert_eq!(&slips[..2], ["个人自付", "个人自费"], "余政办发〔2023〕80号 附件3 责任一、二: the slip's columns");
    assert_eq!(y.outside_name, "宁波市外");
    let json = serde_json::to_value(yibao::policies()).unwrap();
    assert!(json[0]["schools"][0]["name"].is_string(), "policies() JSON carries schools");
}

#[test]
fn a_set_without_every_school_answer_or_a_slip_name_is_rejected() {
    let e = broken("cixi-2023", "[[schools]]\nid = \"college\"", "[[schools]]\nid = \"none\"");
    assert!(e.iter().any(|m| m.starts_with("schools:")), "{e:?}");
    let e = broken("cixi-2023", "[[schools]]\nid = \"college\"", "[[schools]]\nid = \"kindergarten\"");
    assert!(!e.is_empty(), "an unknown school id fails as the file is read");
    let e = broken("yuyao-2024", "slip = \"个人自费\"", "slip = \"\"");
    assert!(e.iter().any(|m| m.contains("slip")), "{e:?}");
}
