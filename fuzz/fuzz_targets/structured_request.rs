//! A request made by arbitrary, mostly of what a policy set knows: yibao::quote and the answer's invariants.
//! The check is `yibao_fuzz::structured_request` (fuzz/src/lib.rs).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| yibao_fuzz::structured_request(data));
