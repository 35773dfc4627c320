//! Native `quote_json` timing for `make bench` (scripts/bench.mjs runs it).
//!
//!     cargo run --release --example native_bench -- scripts/bench-requests.json
//!
//! Reads a JSON array of quote requests, then times `yibao::quote_json` on
//! them in turn: batches of calls cycling through the requests, one mean per
//! batch, and prints the median of those means as JSON:
//! `{ "median_us": …, "with_json_out_us": …, "calls": …, "requests": …, "errors": … }`
//! `with_json_out_us` also turns the result into JSON text, as the CLI
//! prints it (the WASM `quote()` writes a tape instead, `src/tape.rs`);
//! `calls` is per figure; `errors` counts the requests
//! that answer with an error (faster than a real quote). The same method as
//! the Node and Chromium figures in scripts/bench.mjs.

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
        Err(e) => black_box(e).code.is_empty(),
    };
    let median_us = median_batch_mean(&requests, quote);
    let with_json_out_us = median_batch_mean(&requests, quote_to_json);
    println!(
        "{{ \"median_us\": {median_us:.3}, \"with_json_out_us\": {with_json_out_us:.3}, \"calls\": {}, \"requests\": {}, \"errors\": {errors} }}",
        BATCHES * BATCH_CALLS,
        requests.len()
    );
    ExitCode::SUCCESS
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
