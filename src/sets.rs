//! The policy sets on file: every `policies/*.toml`, read and checked by
//! `build.rs` and compiled in (see docs/decisions.md, "The policies in the
//! binary").

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
