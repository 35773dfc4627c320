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
//! assert_eq!(q.enrollment.status, Some("open"));
//! ```

/// `write!` into a `String`, which cannot fail.
macro_rules! w {
    ($s:expr, $($arg:tt)*) => {{
        let _ = std::fmt::Write::write_fmt(&mut $s, format_args!($($arg)*));
    }};
}

pub mod change;
pub mod date;
pub mod engine;
pub mod error;
pub mod money;
pub mod payout;
pub mod policy;
pub mod request;
pub mod tape;
pub mod text;
#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use engine::Quote;
pub use error::Error;
pub use request::Request;

use crate::policy::Text;
use serde::Serialize;

/// Every policy set, compiled from `policies/*.toml` by `build.rs` into
/// static data, ordered by file name `<region>-<year>.toml`, that is by
/// region and then benefit year.
pub fn policy_sets() -> &'static [policy::Policy] {
    #[allow(clippy::wildcard_imports)]
    use policy::*;
    static SETS: &[Policy] = include!(concat!(env!("OUT_DIR"), "/policies.rs"));
    SETS
}

/// Answers one request (see [`engine::quote`]).
pub fn quote(req: &Request) -> Result<Quote, Error> {
    engine::quote(policy_sets(), req)
}

/// Answers one request as the plain-text summary a hotline operator reads
/// out ([`text::render`]: `yibao quote --format text`, the page's 复制结果).
pub fn quote_text(req: &Request) -> Result<String, Error> {
    quote(req).map(|q| text::render(&q))
}

/// Answers a request given as JSON text.
pub fn quote_json(json: &str) -> Result<Quote, Error> {
    let v: request::Value = serde_json::from_str(json).map_err(|e| {
        Error::new(
            "invalid_json",
            "",
            format!("请求不是有效的 JSON（第{}行第{}列附近）。请检查引号、逗号和括号。", e.line(), e.column()),
        )
    })?;
    quote(&request::from_value(&v)?)
}

/// A policy set as listed for hosts (`yibao policies`, `policies()` in JS).
#[derive(Debug, Clone, Serialize)]
pub struct PolicyInfo {
    pub id: Text,
    pub region: Text,
    pub region_name: Text,
    pub region_note: Option<Text>,
    pub benefit_year: i32,
    pub document: Text,
    pub document_title: Text,
    pub document_date: Text,
    pub enrollment: engine::Period,
    pub benefit_period: engine::Period,
    pub districts: Vec<Named>,
    pub has_qianwan: bool,
    pub qianwan_label: Option<Text>,
    pub qianwan_hint: Option<Text>,
    pub identities: Vec<Named>,
    pub schools: Vec<Named>,
    pub tiers: Vec<Named>,
    pub yongningbao: Option<YnbInfo>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Named {
    pub id: Text,
    pub name: Text,
}

#[derive(Debug, Clone, Serialize)]
pub struct YnbInfo {
    pub name: Text,
    pub year: i32,
    pub responsibilities: Vec<ResponsibilityInfo>,
}

/// A 甬宁保 responsibility, with where a resident finds its amount.
#[derive(Debug, Clone, Serialize)]
pub struct ResponsibilityInfo {
    pub id: Text,
    pub name: Text,
    pub slip: Text,
    pub slip_help: Text,
}

/// Lists the policy sets.
pub fn policies() -> Vec<PolicyInfo> {
    let named = |id: &Text, name: &Text| Named { id: id.clone(), name: name.clone() };
    policy_sets()
        .iter()
        .map(|p| PolicyInfo {
            id: p.id.clone(),
            region: p.region.clone(),
            region_name: p.region_name.clone(),
            region_note: p.region_note.clone(),
            benefit_year: p.benefit_year,
            document: p.document.number.clone(),
            document_title: p.document.title.clone(),
            document_date: p.document.date.clone(),
            enrollment: p.enrollment.clone(),
            benefit_period: p.benefit_period.clone(),
            districts: p.districts.iter().map(|d| named(&d.id, &d.name)).collect(),
            has_qianwan: p.has_qianwan,
            qianwan_label: p.qianwan_label.clone(),
            qianwan_hint: p.qianwan_hint.clone(),
            identities: p.identities.iter().map(|i| named(&i.id, &i.name)).collect(),
            schools: p.schools.iter().map(|s| named(&s.id, &s.name)).collect(),
            tiers: p.tiers.iter().map(|t| named(&t.id, &t.name)).collect(),
            yongningbao: p.yongningbao.as_ref().map(|y| YnbInfo {
                name: y.name.clone(),
                year: y.year,
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
