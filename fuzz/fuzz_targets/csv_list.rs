//! Bytes as a CSV list: yibao batch answers every row, no runnable cell, the page's steps give the same bytes; or a reason in Chinese.
//! The check is `yibao_fuzz::csv_list` (fuzz/src/lib.rs).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| yibao_fuzz::csv_list(data));
