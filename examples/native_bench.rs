//! Native `quote_json` timing for `make bench` (scripts/bench.mjs runs it).
//!
//!     cargo run --release --example native_bench -- scripts/bench-requests.json [scripts/bench-household.json]
//!
//! Reads a JSON array of quote requests, then times `yibao::quote_json` on
//! them in turn: batches of calls cycling through the requests, one mean per
//! batch, and prints the median of those means as JSON:
//! `{ "median_us": …, "with_json_out_us": …, "calls": …, "requests": …, "errors": … }`
//! `with_json_out_us` also turns the result into JSON text, as the CLI
//! prints it (the WASM `quote()` makes JS objects instead, `src/wasm.rs`);
//! `calls` is per figure; `errors` counts the requests
//! that answer with an error (faster than a real quote). The same method as
//! the Node and Chromium figures in scripts/bench.mjs.
//!
//! With a household request as the second argument, `household` is also
//! printed: `household_json` on it against `quote_json` on each member's own
//! request (the shared fields, the member's, and a newborn's
//! `newborn_parent` as the household takes it), one after the other: batches
//! of each in turn, the medians of the batch means in µs, and the median of
//! the pairs' ratios (the budget: at most 1.2).

// The CLI's allocator (src/main.rs), so that these figures are the CLI's.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::hint::black_box;
use std::process::ExitCode;
use std::time::Instant;

const BATCHES: usize = 31;
const BATCH_CALLS: usize = 2000;

fn main() -> ExitCode {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: native_bench REQUESTS.json");
        return ExitCode::from(2);
    };
    let requests: Vec<String> = match std::fs::read_to_string(&path)
        .map_err(|e| e.to_string())
        .and_then(|text| serde_json::from_str::<Vec<serde_json::Value>>(&text).map_err(|e| e.to_string()))
    {
        Ok(list) if !list.is_empty() => list.iter().map(|v| v.to_string()).collect(),
        Ok(_) => {
            eprintln!("native_bench: {path} holds an empty array");
            return ExitCode::from(1);
        }
        Err(e) => {
            eprintln!("native_bench: {path}: {e}");
            return ExitCode::from(1);
        }
    };
    let errors = requests.iter().filter(|r| yibao::quote_json(r).is_err()).count();

    let quote = |r: &str| black_box(yibao::quote_json(black_box(r))).is_ok();
    // What the CLI also does: the result to JSON text.
    let quote_to_json = |r: &str| match yibao::quote_json(black_box(r)) {
        Ok(q) => black_box(serde_json::to_string(&q)).is_ok(),
        Err(e) => black_box(e).field.is_empty(),
    };
    let median_us = median_batch_mean(&requests, quote);
    let with_json_out_us = median_batch_mean(&requests, quote_to_json);
    let household = match std::env::args().nth(2).map(|f| household(&f)) {
        None => String::new(),
        Some(Ok(h)) => format!(", \"household\": {h}"),
        Some(Err(e)) => {
            eprintln!("native_bench: {e}");
            return ExitCode::from(1);
        }
    };
    println!(
        "{{ \"median_us\": {median_us:.3}, \"with_json_out_us\": {with_json_out_us:.3}, \"calls\": {}, \"requests\": {}, \"errors\": {errors}{household} }}",
        BATCHES * BATCH_CALLS,
        requests.len()
    );
    ExitCode::SUCCESS
}

/// A household against its members' single quotes, as JSON.
fn household(path: &str) -> Result<String, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
    let asked = yibao::household::from_json(&text).map_err(|e| format!("{path}: {e}"))?;
    let n = asked.members.len();
    let singles = singles(&text, &asked)?;
    let h = yibao::household_json(&text).map_err(|e| format!("{path}: {e}"))?;
    for (m, s) in h.members.iter().zip(&singles) {
        if yibao::quote_json(s).ok().as_ref() != Some(&m.quote) {
            return Err(format!("{path}: a member's single quote differs from its household answer: {s}"));
        }
    }
    // Batches of households and of the members' single quotes in turn, so
    // that the machine's drift hits both alike: the medians, and the median
    // of each pair's ratio.
    let time = |f: &dyn Fn()| {
        let t = Instant::now();
        for _ in 0..HOUSEHOLD_BATCH {
            f();
        }
        t.elapsed().as_secs_f64() * 1e6 / HOUSEHOLD_BATCH as f64
    };
    let household = || {
        black_box(yibao::household_json(black_box(&text)).is_ok());
    };
    let each = || {
        for s in &singles {
            black_box(yibao::quote_json(black_box(s)).is_ok());
        }
    };
    let (mut h, mut s, mut r) = (Vec::new(), Vec::new(), Vec::new());
    for b in 0..=BATCHES {
        let (x, y) = (time(&household), time(&each));
        if b > 0 {
            h.push(x);
            s.push(y);
            r.push(x / y);
        }
    }
    let mid = |mut v: Vec<f64>| {
        v.sort_by(f64::total_cmp);
        v.get(v.len() / 2).copied().unwrap_or(f64::NAN)
    };
    Ok(format!(
        "{{ \"members\": {n}, \"household_us\": {:.3}, \"singles_us\": {:.3}, \"ratio\": {:.3} }}",
        mid(h),
        mid(s),
        mid(r)
    ))
}

/// Households a batch (and as many rounds of the members' single quotes).
const HOUSEHOLD_BATCH: usize = 200;

/// Each member's own request as JSON text: the shared fields, the member's
/// person, and a newborn's parent conditions as the household takes them.
fn singles(text: &str, asked: &yibao::household::HouseholdRequest) -> Result<Vec<String>, String> {
    let v: serde_json::Value = serde_json::from_str(text).map_err(|e| e.to_string())?;
    let shared: serde_json::Map<String, serde_json::Value> = v
        .as_object()
        .into_iter()
        .flatten()
        .filter(|(k, _)| *k != "members")
        .map(|(k, x)| (k.clone(), x.clone()))
        .collect();
    let members = v.get("members").and_then(|m| m.as_array()).ok_or("no members")?;
    let derived = asked.requests(yibao::policy_sets()).map_err(|e| e.to_string())?;
    let own = ["name", "relation", "employee_insurance_months", "insured_normal"];
    let mut out = Vec::new();
    for (m, (r, _)) in members.iter().zip(derived) {
        let mut one = shared.clone();
        for (k, x) in m.as_object().into_iter().flatten().filter(|(k, _)| !own.contains(&k.as_str())) {
            one.insert(k.clone(), x.clone());
        }
        if let Some(p) = r.person.newborn_parent {
            one.entry("newborn_parent").or_insert_with(|| {
                serde_json::json!({"residence_permit": p.residence_permit, "employee_insurance_months": p.employee_insurance_months, "insured_normal": p.insured_normal})
            });
        }
        out.push(serde_json::Value::Object(one).to_string());
    }
    Ok(out)
}

/// Batches of calls cycling through the requests (the first a warm-up): the
/// median of the per-batch means, in µs.
fn median_batch_mean(requests: &[String], call: impl Fn(&str) -> bool) -> f64 {
    let mut next = requests.iter().cycle();
    let mut batch = || {
        let t = Instant::now();
        for r in next.by_ref().take(BATCH_CALLS) {
            black_box(call(r));
        }
        t.elapsed().as_secs_f64() * 1e6 / BATCH_CALLS as f64
    };
    batch();
    let mut means: Vec<f64> = (0..BATCHES).map(|_| batch()).collect();
    means.sort_by(f64::total_cmp);
    means.get(BATCHES / 2).copied().unwrap_or(f64::NAN)
}
