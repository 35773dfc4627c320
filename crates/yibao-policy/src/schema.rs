//! The JSON Schema of the policy files, derived from the policy model
//! ([`crate::policy::Policy`]) so that it cannot drift from what `build.rs`
//! accepts. Editors use it for completion and checks while a notice is
//! typed in (`#:schema policy.schema.json`, the first line of each file in
//! `policies/`); `tests/policy_schema.rs` holds the committed
//! `policies/policy.schema.json` to this and validates every policy file
//! against it. `yibao policy schema` prints it.
//!
//! The model's own values are strings in the files, typed as they are read
//! (see [`crate::policy`]); their schemas say which strings:
//! - money: a decimal string, not negative, at most two decimals (`"780"`,
//!   `"110.8"`), never a TOML number;
//! - a rate: a percent from 0 to 100 as a string (`"30"`);
//! - a date: `"YYYY-MM-DD"`;
//! - an identity's assistance: `"full"` or a positive amount.
//!
//! The schema checks a file's shape; the model's validation
//! ([`crate::policy::Policy::validate`], `yibao policy check`) checks what a
//! schema cannot: parts that add up, tiers without gaps, ids that exist.

use crate::date::Date;
use crate::money::{Money, Rate};
use crate::policy::{Assistance, Policy};
use crate::words::Text;
use schemars::{json_schema, JsonSchema, Schema, SchemaGenerator};
use std::borrow::Cow;

/// `"780"`, `"110.8"`, `"0.50"`.
const MONEY: &str = r"^[0-9]+(\.[0-9]{1,2})?$";

impl JsonSchema for Money {
    fn schema_name() -> Cow<'static, str> {
        "Money".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "pattern": MONEY,
            "description": "金额（元）：不小于0、最多两位小数的数字字符串，例如 \"780\"、\"110.8\"",
        })
    }
}

impl JsonSchema for Rate {
    fn schema_name() -> Cow<'static, str> {
        "Rate".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "pattern": r"^(100(\.0+)?|[0-9]{1,2}(\.[0-9]+)?)$",
            "description": "比例：0到100之间的百分数字符串，例如 \"30\"",
        })
    }
}

impl JsonSchema for Date {
    fn schema_name() -> Cow<'static, str> {
        "Date".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "pattern": r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
            "description": "日期：YYYY-MM-DD",
        })
    }
}

impl JsonSchema for Text {
    fn inline_schema() -> bool {
        true
    }
    fn schema_name() -> Cow<'static, str> {
        "Text".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({ "type": "string" })
    }
}

impl JsonSchema for Assistance {
    fn schema_name() -> Cow<'static, str> {
        "Assistance".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "anyOf": [{ "const": "full" }, { "pattern": MONEY }],
            "description": "资助：\"full\"（全额资助个人缴费）或正数金额字符串，例如 \"250\"",
        })
    }
}

/// The schema of a policy file, as JSON text with a final newline (what
/// `policies/policy.schema.json` holds).
pub fn policy_schema() -> String {
    let mut schema = schemars::schema_for!(Policy);
    schema.insert("title".into(), "医保算 policy file (policies/<region>-<year>.toml)".into());
    let mut text = serde_json::to_string_pretty(&schema).unwrap_or_default();
    text.push('\n');
    text
}
