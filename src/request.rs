//! The quote request, as JSON (CLI) or a JS object (WASM), and its checks.
//!
//! Every field is optional at the parsing stage, so that a missing or
//! mistyped field becomes an [`Error`] naming that field, never a panic.

use crate::error::Error;
use rust_decimal::Decimal;
use serde::de::{self, Deserializer, Visitor};
use serde::Deserialize;
use std::fmt;

/// One person's question. See the README for the meaning of each field.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Request {
    pub region: Option<String>,
    pub benefit_year: Option<i64>,
    pub date: Option<String>,
    pub district: Option<String>,
    pub qianwan: Option<bool>,
    pub birth_date: Option<String>,
    pub hukou: Option<String>,
    pub residence_permit: Option<bool>,
    pub school: Option<String>,
    pub employee_insurance: Option<bool>,
    pub identities: Option<Vec<String>>,
    pub newborn_parent: Option<NewbornParent>,
    pub bill: Option<Bill>,
}

#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct NewbornParent {
    pub residence_permit: Option<bool>,
    pub employee_insurance_months: Option<u32>,
    pub insured_normal: Option<bool>,
}

/// The 甬宁保 amounts of one bill, by responsibility.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Amounts {
    pub in_scope: Option<Amount>,
    pub self_paid: Option<Amount>,
    pub cancer_drugs: Option<Amount>,
    pub rare_disease_drugs: Option<Amount>,
    pub proton_heavy_ion: Option<Amount>,
}

/// A medical bill for the 甬宁保 payout estimate.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Bill {
    pub in_scope: Option<Amount>,
    pub self_paid: Option<Amount>,
    pub cancer_drugs: Option<Amount>,
    pub rare_disease_drugs: Option<Amount>,
    pub proton_heavy_ion: Option<Amount>,
    /// The part of each amount spent outside Ningbo.
    pub outside_ningbo: Option<Amounts>,
    /// Amounts already counted this policy year.
    pub counted_before: Option<Amounts>,
}

impl Amounts {
    /// The amount for a responsibility id (zero when absent).
    pub fn get(&self, id: &str) -> Decimal {
        let a = match id {
            "in_scope" => &self.in_scope,
            "self_paid" => &self.self_paid,
            "cancer_drugs" => &self.cancer_drugs,
            "rare_disease_drugs" => &self.rare_disease_drugs,
            "proton_heavy_ion" => &self.proton_heavy_ion,
            _ => &None,
        };
        a.as_ref().map_or(Decimal::ZERO, |a| a.0)
    }
}

impl Bill {
    /// This bill's own amounts (without the two sub-objects).
    pub fn amounts(&self) -> Amounts {
        Amounts {
            in_scope: self.in_scope,
            self_paid: self.self_paid,
            cancer_drugs: self.cancer_drugs,
            rare_disease_drugs: self.rare_disease_drugs,
            proton_heavy_ion: self.proton_heavy_ion,
        }
    }

    /// Checks every amount: not negative, whole fen, at most 100,000,000;
    /// the part outside Ningbo no larger than the amount.
    pub fn check(&self) -> Result<(), Error> {
        let own = self.amounts();
        let parts = [
            ("", Some(&own)),
            ("outside_ningbo.", self.outside_ningbo.as_ref()),
            ("counted_before.", self.counted_before.as_ref()),
        ];
        for (prefix, amounts) in parts {
            let Some(a) = amounts else { continue };
            for id in crate::policy::KNOWN_RESPONSIBILITIES {
                let v = a.get(id);
                let field = format!("bill.{prefix}{id}");
                if v < Decimal::ZERO {
                    return Err(Error::new("out_of_range", field, "金额不能为负数，请填写不小于0的金额（元）。"));
                }
                if v > Decimal::new(100_000_000, 0) {
                    return Err(Error::new("out_of_range", field, "金额超过1亿元，请检查是否多填了位数（单位为元）。"));
                }
                if v.normalize().scale() > 2 {
                    return Err(Error::new("invalid_value", field, "金额最多两位小数（精确到分），例如 12000.50。"));
                }
            }
        }
        if let Some(out) = &self.outside_ningbo {
            for id in crate::policy::KNOWN_RESPONSIBILITIES {
                if out.get(id) > own.get(id) {
                    return Err(Error::new(
                        "invalid_value",
                        format!("bill.outside_ningbo.{id}"),
                        format!(
                            "宁波市外的部分不能大于该项总额（{}元）：它是该项总额中在宁波市外发生的部分。",
                            own.get(id)
                        ),
                    ));
                }
            }
        }
        Ok(())
    }
}

/// A money amount given as a JSON number or a decimal string.
///
/// Numbers are read through their shortest decimal form, so `12345.67`
/// (a binary float in JSON and JS) is exactly 12345.67 yuan.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Amount(pub Decimal);

impl<'de> Deserialize<'de> for Amount {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Amount;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an amount in yuan")
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Amount, E> {
                Ok(Amount(Decimal::from(v)))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Amount, E> {
                Ok(Amount(Decimal::from(v)))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Amount, E> {
                if !v.is_finite() {
                    return Err(E::custom("not a finite number"));
                }
                parse_amount(&format!("{v}")).ok_or_else(|| E::custom("number out of range"))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Amount, E> {
                if v.trim().is_empty() {
                    return Ok(Amount(Decimal::ZERO));
                }
                parse_amount(v).ok_or_else(|| E::custom("not a decimal number"))
            }
        }
        d.deserialize_any(V)
    }
}

fn parse_amount(s: &str) -> Option<Amount> {
    let s = s.trim();
    if s.is_empty() || !s.bytes().all(|c| c.is_ascii_digit() || c == b'.' || c == b'-' || c == b'+') {
        return None;
    }
    Decimal::from_str_exact(s).ok().map(Amount)
}

/// What to enter, for each field path (used when a field has the wrong
/// type or shape).
pub fn hint(field: &str) -> &'static str {
    let last = field.rsplit('.').next().unwrap_or(field);
    let last = last.split('[').next().unwrap_or(last);
    if field.starts_with("bill.") && crate::policy::KNOWN_RESPONSIBILITIES.contains(&last) {
        return "金额请填写不小于0的数字（单位元，最多两位小数），例如 12000 或 \"12000.50\"；没有可不填。";
    }
    match (field, last) {
        ("region", _) => "地区请填写 yuyao（余姚市）、cixi（慈溪市）或 baiyin（白银市）。",
        ("benefit_year", _) => "待遇年度请填写整数年份，例如 2024；不确定可不填。",
        ("date", _) => "查询日期请按 YYYY-MM-DD 填写，例如 2023-11-01。",
        ("district", _) => "白银市请选择县区：baiyin（白银区）、pingchuan（平川区）、huining（会宁县）、jingyuan（靖远县）、jingtai（景泰县）。",
        ("qianwan", _) => "是否前湾新区参保人员请填 true 或 false。",
        ("birth_date", _) => "出生日期请按 YYYY-MM-DD 填写，例如 1985-06-30。",
        ("hukou", _) => "户籍请填写 local（本市户籍）或 nonlocal（非本市户籍）。",
        ("residence_permit", _) => "是否持有本市有效居住证请填 true 或 false。",
        ("school", _) => "在读情况请填写 none（不在读）、primary_secondary（中小学、职高、技校、特殊教育学校全日制在读）或 college（全日制大中专院校在读）。",
        ("employee_insurance", _) => "是否已参加职工医保请填 true 或 false。",
        ("identities", _) | (_, "identities") => "身份请填写身份代码的列表，例如 [\"dibao\"]；没有特殊身份请填 []。",
        ("newborn_parent", _) => "新生儿父母情况请填写对象，例如 {\"residence_permit\": true, \"employee_insurance_months\": 12, \"insured_normal\": true}。",
        (_, "employee_insurance_months") => "父母一方职工医保累计缴费月数请填写不小于0的整数，例如 12。",
        (_, "insured_normal") => "父母一方当前医保待遇是否正常请填 true 或 false。",
        ("bill", _) => "账单请填写对象，例如 {\"in_scope\": 30000}。",
        ("bill.outside_ningbo", _) | ("bill.counted_before", _) => "请填写对象，键与账单相同，例如 {\"in_scope\": 5000}。",
        _ => "请检查这一项的填写。",
    }
}

/// Reads a request from any serde deserializer (JSON in the CLI, a JS value
/// in WASM), turning every shape problem into an [`Error`] with its field.
pub fn parse<'de, D: Deserializer<'de>>(d: D) -> Result<Request, Error> {
    serde_path_to_error::deserialize(d).map_err(|e| {
        let path = e.path().to_string();
        // The field, without list indices: `identities[2]` → `identities`.
        let path = if path == "." { String::new() } else { strip_indices(&path) };
        let inner = e.into_inner().to_string();
        if let Some(rest) = inner.strip_prefix("unknown field `") {
            let name = rest.split('`').next().unwrap_or_default();
            // The path already ends with the unknown key.
            let field = if path == name || path.ends_with(&format!(".{name}")) {
                path
            } else if path.is_empty() {
                name.to_string()
            } else {
                format!("{path}.{name}")
            };
            return Error::new("unknown_field", field, format!("不认识的字段“{name}”，请检查拼写；可用的字段见说明文档。"));
        }
        if path.is_empty() {
            return Error::new("invalid_type", "", "请求应为一个对象，例如 {\"region\": \"yuyao\", \"birth_date\": \"1980-05-01\", \"hukou\": \"local\"}。");
        }
        let code = if inner.starts_with("invalid type") { "invalid_type" } else { "invalid_value" };
        let message = hint(&path).to_string();
        Error::new(code, path, message)
    })
}

fn strip_indices(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    let mut depth = 0usize;
    for c in path.chars() {
        match c {
            '[' => depth += 1,
            ']' => depth = depth.saturating_sub(1),
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}
