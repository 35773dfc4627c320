//! Bytes as a household's JSON request: yibao::household_json, money with two decimals, the text; or an error with its code and a Chinese message.
//! The check is `yibao_fuzz::household_request` (fuzz/src/lib.rs).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| yibao_fuzz::household_request(data));
