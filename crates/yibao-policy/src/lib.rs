//! # yibao-policy
//!
//! The policy model of 医保算 (yibao): what a file in `policies/` says
//! ([`policy`]), the checks of its meaning ([`policy_check`]), and the
//! typed values it is made of: dates ([`date`]), money and rates
//! ([`money`]), text ([`words`]). With the feature `schema`, the JSON
//! Schema of the files ([`schema`]).
//!
//! yibao's `build.rs` reads and checks every policy file with this crate
//! and compiles the sets in; the library uses the same types at run time
//! (`yibao::policy`, `yibao::money` … are this crate's modules). It uses
//! only `serde` and `chrono`.
//!
//! (WASM size) The one-line accessors yibao calls across the crate boundary
//! (`Text`'s `deref` and comparisons, `Money`'s `+` and `-`, `Date::day`)
//! and the amount reader (`Money::parse`, `parse_fen`, which share `str`'s
//! trimming with yibao's own code when compiled there) are `#[inline]`:
//! without, the page's module was 0.4 KB gzip larger than with them
//! (docs/decisions.md, "The code's shape").

pub mod date;
pub mod money;
pub mod policy;
pub mod policy_check;
#[cfg(feature = "schema")]
pub mod schema;
pub mod words;
