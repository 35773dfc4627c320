//! The JSON Schema of the policy files (`policies/policy.schema.json`):
//! derived from the policy model, committed for editors, and every policy
//! file valid against it. Regenerate it after changing the model with
//! `cargo run -q -- policy schema > policies/policy.schema.json`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)] // test code

use std::path::PathBuf;

fn schema() -> serde_json::Value {
    serde_json::from_str(&yibao::schema::policy_schema()).unwrap()
}

fn policy_files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir("policies")
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    assert!(files.len() >= 4, "the four notices' files");
    files
}

/// The schema's complaints about a policy file's text, each with its path.
fn errors(text: &str) -> Vec<String> {
    let schema = schema();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let value: serde_json::Value = toml::from_str(text).unwrap();
    validator.iter_errors(&value).map(|e| format!("{} at {}", e, e.instance_path())).collect()
}

#[test]
fn the_committed_schema_is_the_models() {
    let committed = std::fs::read_to_string("policies/policy.schema.json").unwrap();
    assert!(
        committed == yibao::schema::policy_schema(),
        "policies/policy.schema.json is out of date: cargo run -q -- policy schema > policies/policy.schema.json"
    );
}

#[test]
fn every_policy_file_is_valid_against_the_schema() {
    for f in policy_files() {
        let text = std::fs::read_to_string(&f).unwrap();
        let errs = errors(&text);
        assert!(errs.is_empty(), "{}: {errs:#?}", f.display());
    }
}

#[test]
fn every_policy_file_names_the_schema_for_editors() {
    for f in policy_files() {
        let text = std::fs::read_to_string(&f).unwrap();
        assert_eq!(text.lines().next(), Some("#:schema ./policy.schema.json"), "{}", f.display());
    }
}

/// What an editor should flag as it is typed: the schema is not a mere
/// "any object".
#[test]
fn the_schema_refuses_what_the_model_refuses() {
    let good = std::fs::read_to_string("policies/yuyao-2024.toml").unwrap();
    assert!(errors(&good).is_empty());
    // (from, to, what): each a one-place edit of 余政办发〔2023〕80号's file.
    let edits = [
        ("benefit_year = 2024", "benefit_year = \"2024\"", "a year as text"),
        ("[document]", "unknown_key = 1\n[document]", "a key the model does not have"),
    ];
    for (from, to, what) in edits {
        assert!(good.contains(from), "{from}");
        let bad = good.replacen(from, to, 1);
        assert!(!errors(&bad).is_empty(), "{what}: the schema accepts it");
    }
    // Money as a TOML number, a rate over 100 and a bad date, wherever the
    // file has one of each.
    let money = good.lines().find(|l| l.trim_start().starts_with("personal_fee = \"")).unwrap();
    let float = money.replace('"', "");
    assert!(!errors(&good.replacen(money, &float, 1)).is_empty(), "money as a number: {float}");
    let date = good.lines().find(|l| l.trim_start().starts_with("start = \"")).unwrap();
    assert!(!errors(&good.replacen(date, "start = \"2023-1-1\"", 1)).is_empty(), "a date not YYYY-MM-DD");
}
