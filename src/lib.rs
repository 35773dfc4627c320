//! # yibao (医保算)
//!
//! The rules core of a calculator for urban-rural resident medical insurance
//! (城乡居民基本医疗保险) and the supplementary 天一甬宁保, driven by the
//! public notices in `policies/` (one file per region and benefit year).
//!
//! The core is pure: no I/O, no clock. The date of the question is part of
//! the request. Hosts (the `yibao` CLI, the WASM module) hand it a request
//! and get a [`Quote`] or an [`Error`] that names the field to correct.
//!
//! ```
//! let q = yibao::quote_json(r#"{
//!     "region": "yuyao", "benefit_year": 2024, "date": "2023-11-01",
//!     "birth_date": "1980-05-17", "hukou": "local"
//! }"#).unwrap();
//! assert_eq!(q.tier.as_ref().unwrap().id, "adult");
//! assert_eq!(q.personal_fee.unwrap().fixed(), "780.00");   // 二(一)3(1)
//! assert_eq!(q.ltc_fee.unwrap().fixed(), "30.00");
//! assert_eq!(q.subsidy.unwrap().fixed(), "2090.00");
//! assert_eq!(q.enrollment.status, Some(yibao::answer::Status::Open));
//! ```

//!
//! # WASM size
//!
//! The module must stay small for old phones (see the README's budgets).
//! The code keeps to a few rules that each save measurable bytes, and says
//! "(WASM size)" where it follows one:
//! - no `Vec::insert(0, …)` (it brings a `memmove`): chain an iterator;
//! - [`words::join`], not `[T]::join` (about 1 KB);
//! - no float formatting (14 KB): amounts in a request are read as whole
//!   fen ([`request::amount_from_f64`]);
//! - money digits in `u32` where they fit ([`money::Money`]): WebAssembly
//!   has no 64-bit multiply-high;
//! - nothing parsed at run time: policy values are compiled in, typed.

/// `write!` into a `String`, which cannot fail.
macro_rules! w {
    ($s:expr, $($arg:tt)*) => {{
        let _ = std::fmt::Write::write_fmt(&mut $s, format_args!($($arg)*));
    }};
}

/// A step of an answer's reasoning, `format!`ted only when the trail
/// records (not for figures alone): `step!(trail, source, "…{}", x)`.
macro_rules! step {
    ($t:expr, $src:expr, $($arg:tt)*) => {{
        if $t.record {
            let text = format!($($arg)*);
            $t.push(text.into(), $src.clone());
        }
    }};
}

pub mod answer;
#[cfg(any(not(target_arch = "wasm32"), feature = "batch"))]
pub mod batch;
pub mod change;
pub mod engine;
pub mod error;
pub mod household;
pub mod payout;
pub mod read;
mod readings;
pub mod request;
mod sets;
pub mod text;
pub mod today;
#[cfg(not(target_arch = "wasm32"))]
pub mod tools;
#[cfg(target_arch = "wasm32")]
pub mod wasm;
#[cfg(all(target_arch = "wasm32", feature = "batch"))]
pub mod wasm_batch;
#[cfg(all(target_arch = "wasm32", feature = "xlsx"))]
pub mod wasm_xlsx;
pub mod who;
pub mod ynb;

// The policy model and its values, a crate of the workspace
// (crates/yibao-policy) that build.rs uses too: `crate::money::Money`,
// `yibao::policy::Policy` as ever.
#[cfg(feature = "schema")]
pub use yibao_policy::schema;
pub use yibao_policy::{date, money, policy, policy_check, words};

pub use answer::Quote;
pub use error::Error;
pub use request::Request;
pub use sets::policy_sets;

use crate::policy::Text;
use serde::Serialize;

/// Answers one request (see [`engine::quote`]).
pub fn quote(req: &Request) -> Result<Quote, Error> {
    engine::quote(policy_sets(), req)
}

/// Answers one request as the plain-text summary a hotline operator reads
/// out ([`text::render`]: `yibao quote --format text`, the page's 复制结果).
pub fn quote_text(req: &Request) -> Result<String, Error> {
    quote(req).map(|q| text::render(&q))
}

/// Answers a request given as JSON text ([`request::from_json`]).
pub fn quote_json(json: &str) -> Result<Quote, Error> {
    quote(&request::from_json(json)?)
}

/// Answers a household: every member, the totals, who enrols where (see
/// [`household`](mod@household)).
pub fn household(req: household::HouseholdRequest) -> Result<household::Household, Error> {
    household::answer(policy_sets(), req)
}

/// Answers a household as plain text (`yibao household --format text`).
pub fn household_text(req: household::HouseholdRequest) -> Result<String, Error> {
    household(req).map(|h| text::render_household(&h))
}

/// Answers a household given as JSON text (`yibao household`,
/// [`household::from_json`]).
pub fn household_json(json: &str) -> Result<household::Household, Error> {
    household(household::from_json(json)?)
}

/// A policy set as listed for hosts (`yibao policies`, `policies()` in JS):
/// the same identification as a result's `policy` ([`answer::PolicyRef`]),
/// then what a form needs to ask the questions in the set's own words.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify), tsify(missing_as_null))]
pub struct PolicyInfo {
    #[serde(flatten)]
    pub policy: answer::PolicyRef,
    pub enrollment: answer::Period,
    pub benefit_period: answer::Period,
    pub districts: Vec<Named>,
    /// Sub-areas, each with the request flag that means it.
    pub subareas: Vec<SubareaInfo>,
    pub identities: Vec<Named>,
    pub schools: Vec<Named>,
    pub tiers: Vec<Named>,
    pub yongningbao: Option<YnbInfo>,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify), tsify(missing_as_null))]
pub struct Named {
    pub id: Text,
    pub name: Text,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify), tsify(missing_as_null))]
pub struct SubareaInfo {
    pub id: Text,
    pub name: Text,
    pub flag: Option<Text>,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify), tsify(missing_as_null))]
pub struct YnbInfo {
    pub name: Text,
    pub year: i32,
    /// The request key under `bill` for the part outside the plan's area.
    pub outside_field: Text,
    /// Where that part was spent, in the plan's words (`宁波市外`).
    pub outside_name: Text,
    pub responsibilities: Vec<ResponsibilityInfo>,
}

/// A 甬宁保 responsibility, with where a resident finds its amount.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify), tsify(missing_as_null))]
pub struct ResponsibilityInfo {
    pub id: Text,
    pub name: Text,
    pub slip: Text,
    pub slip_help: Text,
}

/// The release: the package's version (Cargo.toml), which `yibao
/// --version`, `version()` in JavaScript and the npm package's package.json
/// all give. Which notices it carries is [`policies`].
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// Lists the policy sets.
pub fn policies() -> Vec<PolicyInfo> {
    let named = |id: &Text, name: &Text| Named { id: id.clone(), name: name.clone() };
    policy_sets()
        .iter()
        .map(|p| PolicyInfo {
            policy: answer::PolicyRef::of(p),
            enrollment: p.enrollment.clone(),
            benefit_period: p.benefit_period.clone(),
            districts: p.districts.iter().map(|d| named(&d.id, &d.name)).collect(),
            subareas: p
                .subareas
                .iter()
                .map(|s| SubareaInfo { id: s.id.clone(), name: s.name.clone(), flag: s.flag.clone() })
                .collect(),
            identities: p.identities.iter().map(|i| named(&i.id, &i.name)).collect(),
            schools: p.schools.iter().map(|c| Named { id: Text::Borrowed(c.id.id()), name: c.name.clone() }).collect(),
            tiers: p.tiers.iter().map(|t| named(&t.id, &t.name)).collect(),
            yongningbao: p.yongningbao.as_ref().map(|y| YnbInfo {
                name: y.name.clone(),
                year: y.year,
                outside_field: y.payout.outside_field.clone(),
                outside_name: y.payout.outside_name.clone(),
                responsibilities: y
                    .payout
                    .responsibilities
                    .iter()
                    .map(|r| ResponsibilityInfo {
                        id: r.id.clone(),
                        name: r.name.clone(),
                        slip: r.slip.clone(),
                        slip_help: r.slip_help.clone(),
                    })
                    .collect(),
            }),
        })
        .collect()
}
