//! The fuzz corpus (`fuzz/corpus/<target>/`: the seeds, and every input a
//! fuzzer found to crash, once fixed), replayed on stable Rust through the
//! same checks the fuzz targets run (`fuzz/src/lib.rs`). `make fuzz` runs
//! the targets themselves (nightly, libFuzzer).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)] // test code

#[path = "../fuzz/src/lib.rs"]
mod fuzz;

use std::path::Path;

/// Runs every file of the target's corpus through `check`, naming the
/// file that fails.
fn replay(target: &str, check: fn(&[u8])) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/corpus").join(target);
    let mut files: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    assert!(files.len() >= 10, "{}: {} files", dir.display(), files.len());
    for file in files {
        let data = std::fs::read(&file).unwrap();
        if std::panic::catch_unwind(|| check(&data)).is_err() {
            panic!("{} fails", file.display());
        }
    }
}

#[test]
fn json_request_corpus() {
    replay("json_request", fuzz::json_request);
}

#[test]
fn structured_request_corpus() {
    replay("structured_request", fuzz::structured_request);
}

#[test]
fn csv_list_corpus() {
    replay("csv_list", fuzz::csv_list);
}

#[test]
fn xlsx_list_corpus() {
    replay("xlsx_list", fuzz::xlsx_list);
}

#[test]
fn household_request_corpus() {
    replay("household_request", fuzz::household_request);
}

/// Every target has its corpus, replayed above (a target added without
/// one, or without its test here, fails).
#[test]
fn every_target_is_replayed() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/fuzz_targets");
    let mut targets: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path().file_stem().unwrap().to_string_lossy().into_owned())
        .collect();
    targets.sort();
    let this = include_str!("fuzz_corpus.rs");
    for t in targets {
        assert!(this.contains(&format!("replay(\"{t}\"")), "fuzz target {t} is not replayed here");
    }
}

/// The files of a target's corpus.
fn corpus(target: &str) -> Vec<Vec<u8>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/corpus").join(target);
    std::fs::read_dir(dir).unwrap().map(|e| std::fs::read(e.unwrap().path()).unwrap()).collect()
}

#[test]
fn the_seeds_reach_answers() {
    let answered = corpus("json_request")
        .iter()
        .filter(|d| yibao::quote_json(std::str::from_utf8(d).unwrap_or("")).is_ok())
        .count();
    assert!(answered >= 15, "{answered} JSON seeds answered");
    let made = corpus("structured_request")
        .iter()
        .filter(|d| fuzz::request(&mut arbitrary::Unstructured::new(d)).is_ok_and(|r| yibao::quote(&r).is_ok()))
        .count();
    assert!(made >= 3, "{made} structured seeds answered");
}

#[test]
fn the_money_check_finds_what_it_looks_for() {
    use serde_json::json;
    let check = |v: serde_json::Value| fuzz::money_has_two_decimals(&v, "");
    assert!(check(json!({"personal_fee": "780.00", "yongningbao": {"payout": {"items": [{"payout": "10800.15"}]}}}))
        .is_ok());
    for bad in [
        json!({"to_pay": "-1.00"}),
        json!({"subsidy": "2090.0"}),
        json!({"items": [{"cap": "1e5"}]}),
        json!({"total": ""}),
    ] {
        assert!(check(bad.clone()).is_err(), "{bad}");
    }
    // A figure's clause in `sources` is text, not money.
    assert!(check(json!({"sources": {"ltc_fee": "慈溪通知 二(二)"}})).is_ok());
}
