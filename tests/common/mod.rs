//! Shared helpers for the integration tests.
#![allow(dead_code)]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)] // test code

use serde_json::Value;

/// Quotes a JSON request and returns the result as JSON, failing the test
/// (with the error) on bad input.
pub fn q(json: &str) -> Value {
    match yibao::quote_json(json) {
        Ok(r) => serde_json::to_value(&r).unwrap(),
        Err(e) => panic!("{json}\n→ {e}"),
    }
}

/// Quotes and expects an error.
pub fn err(json: &str) -> yibao::Error {
    match yibao::quote_json(json) {
        Ok(r) => panic!("expected an error for {json}, got {}", r.summary),
        Err(e) => e,
    }
}

/// A money field as its string, or "null".
pub fn m(v: &Value, path: &str) -> String {
    let mut cur = v;
    for k in path.split('.') {
        cur = match k.parse::<usize>() {
            Ok(i) => &cur[i],
            Err(_) => &cur[k],
        };
    }
    match cur {
        Value::String(s) => s.clone(),
        Value::Null => "null".into(),
        other => other.to_string(),
    }
}

/// Runs the `yibao` binary with `args` and `stdin`: its exit code, stdout
/// and stderr.
pub fn cli(args: &[&str], stdin: &[u8]) -> (i32, String, String) {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let mut child = Command::new(env!("CARGO_BIN_EXE_yibao"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let _ = child.stdin.take().unwrap().write_all(stdin);
    let out = child.wait_with_output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into(),
        String::from_utf8_lossy(&out.stderr).into(),
    )
}
