//! The quote request, as JSON (CLI) or a JS object (WASM), and its checks.
//!
//! Each host first turns its input into a [`Value`] (JSON's shape: null,
//! bool, number, string, list, map): the CLI through serde_json
//! (`quote_json`), the WASM layer by walking the JS object (`wasm.rs`). The
//! request is then read from it field by field ([`from_value`]), so a
//! missing, mistyped or unknown field becomes an [`Error`] naming that field,
//! never a panic, and both hosts give the same errors.

use crate::error::Error;
use rust_decimal::Decimal;
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use std::borrow::Cow;
use std::fmt;

/// One person's question. See the README for the meaning of each field.
#[derive(Debug, Clone, Default, PartialEq)]
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
    /// A change of status after registering (the `identities` above are
    /// those held now).
    pub change: Option<Change>,
}

/// A change of assisted status after the person registered.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Change {
    /// The day the person registered (办理参保登记) for the benefit year.
    pub registered_on: Option<String>,
    /// The identities held on that day.
    pub identities_then: Option<Vec<String>>,
    /// The day the identities now held were certified.
    pub changed_on: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct NewbornParent {
    pub residence_permit: Option<bool>,
    pub employee_insurance_months: Option<u32>,
    pub insured_normal: Option<bool>,
}

/// The 甬宁保 amounts of one bill, by responsibility.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Amounts {
    pub in_scope: Option<Amount>,
    pub self_paid: Option<Amount>,
    pub cancer_drugs: Option<Amount>,
    pub rare_disease_drugs: Option<Amount>,
    pub proton_heavy_ion: Option<Amount>,
}

/// A medical bill for the 甬宁保 payout estimate.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Bill {
    /// This bill's amounts (in the request, the bill's own keys).
    pub amounts: Amounts,
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

    /// Sets the amount for a responsibility id (no effect for another id).
    pub fn set(&mut self, id: &str, v: Decimal) {
        let a = match id {
            "in_scope" => &mut self.in_scope,
            "self_paid" => &mut self.self_paid,
            "cancer_drugs" => &mut self.cancer_drugs,
            "rare_disease_drugs" => &mut self.rare_disease_drugs,
            "proton_heavy_ion" => &mut self.proton_heavy_ion,
            _ => return,
        };
        *a = Some(Amount(v));
    }
}

impl Bill {
    /// Checks every amount: not negative, whole fen, at most 100,000,000;
    /// the part outside Ningbo no larger than the amount.
    pub fn check(&self) -> Result<(), Error> {
        let own = &self.amounts;
        let parts = [
            ("", Some(own)),
            ("outside_ningbo.", self.outside_ningbo.as_ref()),
            ("counted_before.", self.counted_before.as_ref()),
        ];
        for (prefix, amounts) in parts {
            let Some(a) = amounts else { continue };
            for id in crate::policy::KNOWN_RESPONSIBILITIES {
                let v = a.get(id);
                // The field's name is made only for an error.
                let field = || format!("bill.{prefix}{id}");
                if v < Decimal::ZERO {
                    return Err(Error::new("out_of_range", field(), "金额不能为负数，请填写不小于0的金额（元）。"));
                }
                if v > Decimal::new(100_000_000, 0) {
                    return Err(Error::new(
                        "out_of_range",
                        field(),
                        "金额超过1亿元，请检查是否多填了位数（单位为元）。",
                    ));
                }
                if v.scale() > 2 && v.normalize().scale() > 2 {
                    return Err(Error::new("invalid_value", field(), "金额最多两位小数（精确到分），例如 12000.50。"));
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
                            crate::money::Money(own.get(id))
                        ),
                    ));
                }
            }
        }
        Ok(())
    }
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
        ("change.identities_then", _) => "办理参保登记时的身份请填写身份代码的列表，例如 [\"tuopin\"]；当时没有特殊身份请填 []。",
        ("identities", _) | (_, "identities") => "身份请填写身份代码的列表，例如 [\"dibao\"]；没有特殊身份请填 []。",
        ("newborn_parent", _) => "新生儿父母情况请填写对象，例如 {\"residence_permit\": true, \"employee_insurance_months\": 12, \"insured_normal\": true}。",
        (_, "employee_insurance_months") => "父母一方职工医保累计缴费月数请填写不小于0的整数，例如 12。",
        (_, "insured_normal") => "父母一方当前医保待遇是否正常请填 true 或 false。",
        ("bill", _) => "账单请填写对象，例如 {\"in_scope\": 30000}。",
        ("change", _) => "身份变化请填写对象，例如 {\"registered_on\": \"2023-10-15\", \"identities_then\": [], \"changed_on\": \"2023-12-05\"}。",
        ("change.registered_on", _) => "办理参保登记的日期请按 YYYY-MM-DD 填写，例如 2023-10-15。",
        ("change.changed_on", _) => "新身份认定的日期请按 YYYY-MM-DD 填写，例如 2023-12-05；不能早于办理参保登记的日期。",
        ("bill.outside_ningbo", _) | ("bill.counted_before", _) => "请填写对象，键与账单相同，例如 {\"in_scope\": 5000}。",
        _ => "请检查这一项的填写。",
    }
}

/// A money amount in yuan (from a JSON number or a decimal string).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Amount(pub Decimal);

/// A JSON/JS number as an amount: exact when it is a whole number of fen.
///
/// `12345.67` is the binary float nearest to 12345.67; × 100 it lies within
/// a millionth of a fen of 1234567, so it is read as exactly 12345.67 yuan.
/// A third decimal (`0.001` → 0.1 fen) is off by at least a tenth of a fen
/// and is refused, as are non-finite and huge numbers. (This avoids
/// formatting floats, which would add 14 KB to the WASM.)
pub fn amount_from_f64(v: f64) -> Option<Amount> {
    if !v.is_finite() || v.abs() > 1e12 {
        return None;
    }
    let fen = v * 100.0;
    let whole = fen.round();
    // |whole| ≤ 1e14 fits an i64 exactly.
    #[allow(clippy::cast_possible_truncation)]
    ((fen - whole).abs() < 1e-3).then(|| Amount(Decimal::new(whole as i64, 2)))
}

/// A decimal string as an amount (`"12000.50"`); an empty string is zero.
pub fn amount_from_str(s: &str) -> Option<Amount> {
    let s = s.trim();
    if s.is_empty() {
        return Some(Amount(Decimal::ZERO));
    }
    if !s.bytes().all(|c| c.is_ascii_digit() || c == b'.' || c == b'-' || c == b'+') {
        return None;
    }
    Decimal::from_str_exact(s).ok().map(Amount)
}

/// A request as data, before it is read: JSON's shape. Its text borrows
/// from the input where it can (JSON text without escapes, the WASM
/// layer's flattened request), so reading a request copies few strings.
#[derive(Debug, Clone, PartialEq)]
pub enum Value<'a> {
    Null,
    Bool(bool),
    Int(i128),
    Float(f64),
    Str(Cow<'a, str>),
    List(Vec<Value<'a>>),
    Map(Vec<(Cow<'a, str>, Value<'a>)>),
}

impl<'de> de::Deserialize<'de> for Value<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Value<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("JSON data")
            }
            fn visit_unit<E>(self) -> Result<Value<'de>, E> {
                Ok(Value::Null)
            }
            fn visit_none<E>(self) -> Result<Value<'de>, E> {
                Ok(Value::Null)
            }
            fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Value<'de>, D::Error> {
                de::Deserialize::deserialize(d)
            }
            fn visit_bool<E>(self, v: bool) -> Result<Value<'de>, E> {
                Ok(Value::Bool(v))
            }
            fn visit_i64<E>(self, v: i64) -> Result<Value<'de>, E> {
                Ok(Value::Int(v.into()))
            }
            fn visit_u64<E>(self, v: u64) -> Result<Value<'de>, E> {
                Ok(Value::Int(v.into()))
            }
            fn visit_f64<E>(self, v: f64) -> Result<Value<'de>, E> {
                Ok(Value::Float(v))
            }
            fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Value<'de>, E> {
                Ok(Value::Str(Cow::Borrowed(v)))
            }
            fn visit_str<E>(self, v: &str) -> Result<Value<'de>, E> {
                Ok(Value::Str(Cow::Owned(v.to_string())))
            }
            fn visit_string<E>(self, v: String) -> Result<Value<'de>, E> {
                Ok(Value::Str(Cow::Owned(v)))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut a: A) -> Result<Value<'de>, A::Error> {
                let mut out = Vec::new();
                while let Some(v) = a.next_element()? {
                    out.push(v);
                }
                Ok(Value::List(out))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut a: A) -> Result<Value<'de>, A::Error> {
                let mut out = Vec::new();
                while let Some((k, v)) = a.next_entry::<Value<'de>, Value<'de>>()? {
                    // JSON's keys are strings.
                    let Value::Str(k) = k else { return Err(de::Error::custom("a key that is not a string")) };
                    out.push((k, v));
                }
                Ok(Value::Map(out))
            }
        }
        d.deserialize_any(V)
    }
}

fn bad_type(field: &str) -> Error {
    Error::new("invalid_type", field, hint(field))
}

fn bad_value(field: &str) -> Error {
    Error::new("invalid_value", field, hint(field))
}

/// The entries of an object, after checking that every key is known.
fn entries<'a, 'v>(v: &'a Value<'v>, path: &str, known: &[&str]) -> Result<&'a [(Cow<'v, str>, Value<'v>)], Error> {
    let Value::Map(m) = v else {
        return Err(if path.is_empty() {
            Error::new("invalid_type", "", "请求应为一个对象，例如 {\"region\": \"yuyao\", \"birth_date\": \"1980-05-01\", \"hukou\": \"local\"}。")
        } else {
            bad_type(path)
        });
    };
    for (k, _) in m {
        if !known.contains(&&**k) {
            let field = if path.is_empty() { k.to_string() } else { format!("{path}.{k}") };
            return Err(Error::new(
                "unknown_field",
                field,
                format!("不认识的字段“{k}”，请检查拼写；可用的字段见说明文档。"),
            ));
        }
    }
    Ok(m)
}

/// One field of an object; `None` when absent or null. Its path
/// (`bill.in_scope`) is made only for an error.
struct Field<'a, 'v> {
    parent: &'a str,
    key: &'a str,
    value: Option<&'a Value<'v>>,
}

fn field<'a, 'v>(m: &'a [(Cow<'v, str>, Value<'v>)], parent: &'a str, key: &'a str) -> Field<'a, 'v> {
    let value = m.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v).filter(|v| **v != Value::Null);
    Field { parent, key, value }
}

impl Field<'_, '_> {
    fn path(&self) -> String {
        if self.parent.is_empty() {
            self.key.to_string()
        } else {
            format!("{}.{}", self.parent, self.key)
        }
    }

    fn string(&self) -> Result<Option<String>, Error> {
        match self.value {
            None => Ok(None),
            Some(Value::Str(s)) => Ok(Some(s.to_string())),
            Some(_) => Err(bad_type(&self.path())),
        }
    }
    fn bool(&self) -> Result<Option<bool>, Error> {
        match self.value {
            None => Ok(None),
            Some(Value::Bool(b)) => Ok(Some(*b)),
            Some(_) => Err(bad_type(&self.path())),
        }
    }
    fn int(&self) -> Result<Option<i128>, Error> {
        match self.value {
            None => Ok(None),
            Some(Value::Int(i)) => Ok(Some(*i)),
            // A JS number arrives as a float; accept it when whole.
            #[allow(clippy::cast_possible_truncation)]
            Some(Value::Float(f)) if f.fract() == 0.0 && f.abs() < 1e15 => Ok(Some(*f as i128)),
            Some(Value::Float(_)) => Err(bad_value(&self.path())),
            Some(_) => Err(bad_type(&self.path())),
        }
    }
    fn amount(&self) -> Result<Option<Amount>, Error> {
        let a = match self.value {
            None => return Ok(None),
            Some(Value::Int(i)) => i64::try_from(*i).ok().map(|i| Amount(Decimal::from(i))),
            Some(Value::Float(f)) => amount_from_f64(*f),
            Some(Value::Str(s)) => amount_from_str(s),
            Some(_) => return Err(bad_type(&self.path())),
        };
        a.map(Some).ok_or_else(|| bad_value(&self.path()))
    }
}

const AMOUNT_KEYS: [&str; 5] = ["in_scope", "self_paid", "cancer_drugs", "rare_disease_drugs", "proton_heavy_ion"];

fn amounts(m: &[(Cow<'_, str>, Value<'_>)], path: &str) -> Result<Amounts, Error> {
    let [a, b, c, d, e] = AMOUNT_KEYS.map(|k| field(m, path, k).amount());
    Ok(Amounts { in_scope: a?, self_paid: b?, cancer_drugs: c?, rare_disease_drugs: d?, proton_heavy_ion: e? })
}

fn sub_amounts(m: &[(Cow<'_, str>, Value<'_>)], parent: &str, key: &str) -> Result<Option<Amounts>, Error> {
    let f = field(m, parent, key);
    match f.value {
        None => Ok(None),
        Some(v) => {
            let path = f.path();
            amounts(entries(v, &path, &AMOUNT_KEYS)?, &path).map(Some)
        }
    }
}

/// Reads a request from its [`Value`].
pub fn from_value(v: &Value<'_>) -> Result<Request, Error> {
    const KEYS: &[&str] = &[
        "region",
        "benefit_year",
        "date",
        "district",
        "qianwan",
        "birth_date",
        "hukou",
        "residence_permit",
        "school",
        "employee_insurance",
        "identities",
        "newborn_parent",
        "bill",
        "change",
    ];
    let m = entries(v, "", KEYS)?;
    let f = |k: &'static str| field(m, "", k);
    let identities = ids(f("identities").value, "identities")?;
    let change = match f("change").value {
        None => None,
        Some(c) => {
            let cm = entries(c, "change", &["registered_on", "identities_then", "changed_on"])?;
            Some(Change {
                registered_on: field(cm, "change", "registered_on").string()?,
                identities_then: ids(field(cm, "change", "identities_then").value, "change.identities_then")?,
                changed_on: field(cm, "change", "changed_on").string()?,
            })
        }
    };
    let newborn_parent = match f("newborn_parent").value {
        None => None,
        Some(p) => {
            let pm =
                entries(p, "newborn_parent", &["residence_permit", "employee_insurance_months", "insured_normal"])?;
            let months = field(pm, "newborn_parent", "employee_insurance_months");
            Some(NewbornParent {
                residence_permit: field(pm, "newborn_parent", "residence_permit").bool()?,
                employee_insurance_months: match months.int()? {
                    None => None,
                    Some(n) => Some(u32::try_from(n).map_err(|_| bad_value(&months.path()))?),
                },
                insured_normal: field(pm, "newborn_parent", "insured_normal").bool()?,
            })
        }
    };
    let bill = match f("bill").value {
        None => None,
        Some(b) => {
            let mut keys = AMOUNT_KEYS.to_vec();
            keys.extend(["outside_ningbo", "counted_before"]);
            let bm = entries(b, "bill", &keys)?;
            Some(Bill {
                amounts: amounts(bm, "bill")?,
                outside_ningbo: sub_amounts(bm, "bill", "outside_ningbo")?,
                counted_before: sub_amounts(bm, "bill", "counted_before")?,
            })
        }
    };
    let year = f("benefit_year");
    Ok(Request {
        region: f("region").string()?,
        benefit_year: match year.int()? {
            None => None,
            Some(y) => Some(i64::try_from(y).map_err(|_| bad_value(&year.path()))?),
        },
        date: f("date").string()?,
        district: f("district").string()?,
        qianwan: f("qianwan").bool()?,
        birth_date: f("birth_date").string()?,
        hukou: f("hukou").string()?,
        residence_permit: f("residence_permit").bool()?,
        school: f("school").string()?,
        employee_insurance: f("employee_insurance").bool()?,
        identities,
        newborn_parent,
        bill,
        change,
    })
}

/// A list of identity ids.
fn ids(v: Option<&Value<'_>>, path: &str) -> Result<Option<Vec<String>>, Error> {
    match v {
        None => Ok(None),
        Some(Value::List(items)) => items
            .iter()
            .map(|i| match i {
                Value::Str(s) => Ok(s.to_string()),
                _ => Err(bad_type(path)),
            })
            .collect::<Result<Vec<_>, _>>()
            .map(Some),
        Some(_) => Err(bad_type(path)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn floats_are_read_as_whole_fen() {
        let a = |v: f64| amount_from_f64(v).map(|a| a.0.to_string());
        assert_eq!(a(12345.67).as_deref(), Some("12345.67"));
        assert_eq!(a(0.1 + 0.2).as_deref(), Some("0.30"));
        assert_eq!(a(99_999_999.99).as_deref(), Some("99999999.99"));
        assert_eq!(a(-5.0).as_deref(), Some("-5.00"));
        assert_eq!(a(0.001), None);
        assert_eq!(a(12.345), None);
        assert_eq!(a(f64::NAN), None);
        assert_eq!(a(1e300), None);
    }

    #[test]
    fn strings_are_exact_decimals() {
        let a = |s: &str| amount_from_str(s).map(|a| a.0.to_string());
        assert_eq!(a("12000.50").as_deref(), Some("12000.50"));
        assert_eq!(a(" ").as_deref(), Some("0"));
        assert_eq!(a("1e5"), None);
        assert_eq!(a("12,000"), None);
        assert_eq!(a("１２"), None);
    }
}
