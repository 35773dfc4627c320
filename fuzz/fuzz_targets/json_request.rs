//! Bytes as a JSON request: quote_json, the answer's invariants, its JSON read back and its text; or an error with its code and a Chinese message.
//! The check is `yibao_fuzz::json_request` (fuzz/src/lib.rs).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| yibao_fuzz::json_request(data));
