//! The policy sets on file: every `policies/*.toml`, read and checked by
//! `build.rs` and compiled in as Rust constants (why not JSON read at start:
//! docs/decisions.md, "The code's shape").

/// Every policy set, compiled from `policies/*.toml` by `build.rs` into
/// static data, ordered by file name `<region>-<year>.toml`, that is by
/// region and then benefit year.
pub fn policy_sets() -> &'static [crate::policy::Policy] {
    use crate::date::Date;
    use crate::money::{Money, Rate, Rounding};
    #[allow(clippy::wildcard_imports)]
    use crate::policy::*;
    static SETS: &[Policy] = include!(concat!(env!("OUT_DIR"), "/policies.rs"));
    SETS
}
