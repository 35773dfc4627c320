//! `yibao quote` for many requests in one process, for the CLI = WASM
//! equivalence test (tests/node/equivalence.test.mjs), which would otherwise
//! start the CLI 40,000 times: each line of stdin is a request's JSON text;
//! each line of stdout is `{"json": …, "text": …}` with what `yibao quote`
//! and `yibao quote --format text` print for it (the same calls as
//! src/main.rs: `quote_json`, then the answer as JSON or `text::render`), or
//! `{"error": {"code", "field", "message"}}` as the CLI prints on exit 2.

use std::io::{BufRead, Write};

fn main() {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    for line in std::io::stdin().lock().lines() {
        let Ok(line) = line else { break };
        // Written in the structs' order, as the CLI writes them.
        let v = match yibao::quote_json(&line) {
            Ok(q) => serde_json::to_string(&q).and_then(|json| {
                let text = serde_json::to_string(&yibao::text::render(&q))?;
                Ok(format!(r#"{{"json":{json},"text":{text}}}"#))
            }),
            Err(e) => serde_json::to_string(&e).map(|e| format!(r#"{{"error":{e}}}"#)),
        };
        if writeln!(out, "{}", v.unwrap_or_default()).is_err() {
            break;
        }
    }
}
