//! Bytes as a request flattened by tape.js, read by tape::read_request (the WASM decoder, natively), then quoted.
//! The check is `yibao_fuzz::tape_request` (fuzz/src/lib.rs).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| yibao_fuzz::tape_request(data));
