//! The notice cases as data: `tests/cases/<policy id>.toml`, one file per
//! policy set, each case a request, the figures the notice gives for it, the
//! clause and the arithmetic. Each case is a test of its own, named by its
//! set, number and clause (`yuyao-2024 #3 二(一)3(1)`), so that a failure
//! names the case and the others still run (libtest-mimic: this file is its
//! own test harness, `harness = false` in Cargo.toml). One more test fails
//! for a policy set without its cases file, so next year's notice comes with
//! its cases.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)] // test code

mod common;
use libtest_mimic::{Arguments, Trial};
use serde::Deserialize;
use std::collections::BTreeMap;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    case: Vec<Case>,
}

/// One person and what the notice gives for them. Figures left out are not
/// compared; `"null"` means the answer has none.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    clause: String,
    /// The request, without region and benefit year (the file's set's).
    request: toml::Table,
    arithmetic: String,
    eligible: Option<bool>,
    tier: Option<String>,
    personal_fee: Option<String>,
    ltc_fee: Option<String>,
    subsidy: Option<String>,
    assistance: Option<String>,
    to_pay: Option<String>,
    total_funding: Option<String>,
    /// Any other field of the result, by path (`yongningbao.premium`).
    #[serde(default)]
    expect: BTreeMap<String, String>,
}

/// The case's request for the set `id`, answered, against its figures.
fn check(id: &str, c: &Case) {
    let p = yibao::policy_sets().iter().find(|p| p.id == id).unwrap_or_else(|| panic!("{id}: no such policy set"));
    let mut req: serde_json::Map<String, serde_json::Value> =
        serde_json::from_value(serde_json::to_value(&c.request).unwrap()).unwrap();
    req.insert("region".into(), p.region.to_string().into());
    req.insert("benefit_year".into(), p.benefit_year.into());
    let json = serde_json::Value::Object(req).to_string();
    let r = common::q(&json);
    let ctx = format!("{id}: {} ({}): {json}", c.clause, c.arithmetic);
    assert_eq!(r["eligible"].as_bool(), Some(c.eligible.unwrap_or(true)), "{ctx}");
    assert_eq!(r["policy"]["id"], id, "{ctx}");
    if let Some(t) = &c.tier {
        assert_eq!(r["tier"]["id"], t.as_str(), "{ctx}");
    }
    let figures = [
        ("personal_fee", &c.personal_fee),
        ("ltc_fee", &c.ltc_fee),
        ("subsidy", &c.subsidy),
        ("assistance", &c.assistance),
        ("to_pay", &c.to_pay),
        ("total_funding", &c.total_funding),
    ];
    for (k, want) in figures {
        if let Some(want) = want {
            assert_eq!(&common::m(&r, k), want, "{ctx}: {k}");
        }
    }
    for (k, want) in &c.expect {
        assert_eq!(&common::m(&r, k), want, "{ctx}: {k}");
    }
}

fn main() {
    let mut trials = Vec::new();
    let mut files: Vec<_> = std::fs::read_dir("tests/cases").unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    let mut seen = Vec::new();
    for path in files {
        let id = path.file_stem().unwrap().to_str().unwrap().to_string();
        let file: File = toml::from_str(&std::fs::read_to_string(&path).unwrap())
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let empty = file.case.is_empty();
        let named = id.clone();
        trials.push(Trial::test(format!("{id} has cases"), move || {
            if empty {
                Err(format!("{named}: no cases").into())
            } else {
                Ok(())
            }
        }));
        for (n, c) in file.case.into_iter().enumerate() {
            let id = id.clone();
            trials.push(Trial::test(format!("{id} #{} {}", n + 1, c.clause), move || {
                check(&id, &c);
                Ok(())
            }));
        }
        seen.push(id);
    }
    trials.push(Trial::test("every policy set has its cases file", move || {
        let mut ids: Vec<String> = yibao::policy_sets().iter().map(|p| p.id.to_string()).collect();
        ids.sort();
        if seen == ids {
            Ok(())
        } else {
            Err(format!("one cases file per policy set (tests/cases/<id>.toml): files {seen:?}, sets {ids:?}").into())
        }
    }));
    libtest_mimic::run(&Arguments::from_args(), trials).exit();
}
