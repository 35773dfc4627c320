//! Bytes as an .xlsx list: read within the bounds, cell by cell, answered as a CSV list is; or a reason in Chinese.
//! The check is `yibao_fuzz::xlsx_list` (fuzz/src/lib.rs).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| yibao_fuzz::xlsx_list(data));
