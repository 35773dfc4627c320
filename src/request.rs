//! The quote request, as JSON (CLI) or a JS object (WASM), and its checks.
//!
//! Each host first turns its input into a [`Value`] (JSON's shape: null,
//! bool, number, string, list, map): the CLI through serde_json
//! (`quote_json`), the WASM layer by walking the JS object (`wasm.rs`). The
//! request is then read from it field by field ([`from_value`]), so a
//! missing, mistyped or unknown field becomes an [`Error`] naming that field,
//! never a panic, and both hosts give the same errors.

use crate::date;
use crate::error::Error;
use crate::money::Money;
use crate::policy::{District, Identity, Policy, School, Subarea};
use chrono::NaiveDate;
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use std::borrow::Cow;
use std::fmt;

/// One person's question. See the README for the meaning of each field.
/// The request is one flat object; its fields fall into the question's
/// [`Context`] (place and time, shared by a household) and the [`Person`].
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Request {
    pub context: Context,
    pub person: Person,
}

/// Where and when: the fields a household shares.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Context {
    pub region: Option<String>,
    pub benefit_year: Option<i64>,
    pub date: Option<String>,
    pub district: Option<String>,
    /// A sub-area, by `subarea` or by a sub-area's flag set to true.
    pub subarea: Option<Asked>,
}

/// A value the request gave, with the field it gave it in (for an error).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Asked {
    pub value: String,
    pub field: String,
}

/// Who: the fields of one person.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Person {
    pub birth_date: Option<String>,
    pub hukou: Option<String>,
    pub residence_permit: Option<bool>,
    pub school: Option<String>,
    pub employee_insurance: Option<bool>,
    pub identities: Option<Vec<String>>,
    pub newborn_parent: Option<NewbornParent>,
    pub bill: Option<Bill>,
    /// A change of status after registering (`identities` are those held
    /// now).
    pub change: Option<Change>,
    /// Insured in another place's resident insurance (参加异地城乡居民医保).
    pub insured_elsewhere: Option<bool>,
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

/// The amounts of one bill, by responsibility id (the keys of the chosen
/// policy set's payout plan), in the order given.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Amounts(pub Vec<(String, Amount)>);

/// A medical bill for the 甬宁保 payout estimate.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Bill {
    /// This bill's amounts (in the request, the bill's own keys).
    pub amounts: Amounts,
    /// The part of each amount spent outside the plan's area, under the
    /// key the plan names (`outside_ningbo`).
    pub outside: Option<(String, Amounts)>,
    /// Amounts already counted this policy year.
    pub counted_before: Option<Amounts>,
    /// The bill's date (`YYYY-MM-DD`): it chooses the plan year that prices
    /// it; without it, the date of the question does (`today.rs`).
    pub date: Option<String>,
}

impl Amounts {
    /// The amount for a responsibility id (zero when absent).
    pub fn get(&self, id: &str) -> Money {
        self.0.iter().rev().find(|(k, _)| k == id).map_or(Money::ZERO, |(_, a)| *a)
    }

    /// Sets the amount for a responsibility id.
    pub fn set(&mut self, id: &str, v: Money) {
        match self.0.iter_mut().rev().find(|(k, _)| k == id) {
            Some((_, a)) => *a = v,
            None => self.0.push((id.to_string(), v)),
        }
    }
}

impl Bill {
    /// The parts of the bill with the path of each (`""`, `"counted_before."`,
    /// `"outside_ningbo."`).
    fn parts(&self) -> impl Iterator<Item = (String, &Amounts)> {
        let own = std::iter::once((String::new(), &self.amounts));
        let outside = self.outside.iter().map(|(k, a)| (format!("{k}."), a));
        let before = self.counted_before.iter().map(|a| ("counted_before.".to_string(), a));
        own.chain(outside).chain(before)
    }

    /// Checks the bill against a payout plan: every key one of its
    /// responsibilities (or its sub-objects), every amount not negative,
    /// whole fen, at most 100,000,000; the part outside the plan's area no
    /// larger than the amount.
    pub fn check(&self, plan: &crate::policy::Payout) -> Result<(), Error> {
        for (prefix, amounts) in self.parts() {
            for (id, a) in &amounts.0 {
                // The field's name is made only for an error.
                let field = || format!("bill.{prefix}{id}");
                if !plan.responsibilities.iter().any(|r| r.id == id.as_str()) {
                    let ids: Vec<&str> = plan.responsibilities.iter().map(|r| &*r.id).collect();
                    return Err(Error::new(
                        "unknown_field",
                        field(),
                        format!("不认识的账单项目“{id}”；可填：{}。", crate::words::join(&ids, "、")),
                    ));
                }
                let v = *a;
                if v < Money::ZERO {
                    return Err(Error::new("out_of_range", field(), "金额不能为负数，请填写不小于0的金额（元）。"));
                }
                if v > Money::from_yuan(100_000_000) {
                    return Err(Error::new(
                        "out_of_range",
                        field(),
                        "金额超过1亿元，请检查是否多填了位数（单位为元）。",
                    ));
                }
            }
        }
        if let Some((key, out)) = &self.outside {
            if *key != *plan.outside_field {
                return Err(Error::new("unknown_field", format!("bill.{key}"), format!("不认识的字段“{key}”。")));
            }
            for (id, a) in &out.0 {
                let own = self.amounts.get(id);
                if *a > own {
                    return Err(Error::new(
                        "invalid_value",
                        format!("bill.{key}.{id}"),
                        format!("这一部分不能大于该项总额（{}元）：它是该项总额中的一部分。", own),
                    ));
                }
            }
        }
        Ok(())
    }
}

/// What to enter, for each field path (used when a field has the wrong
/// type or shape). The regions, districts and bill items come from the
/// policy sets, in the engine's messages.
pub fn hint(field: &str) -> &'static str {
    let last = field.rsplit('.').next().unwrap_or(field);
    let last = last.split('[').next().unwrap_or(last);
    if field.starts_with("bill.") && is_responsibility(last) {
        return "金额请填写不小于0的数字（单位元，最多两位小数），例如 12000 或 \"12000.50\"；没有可不填。";
    }
    match (field, last) {
        ("region", _) => "地区请填写地区代码（见 yibao policies）。",
        ("benefit_year", _) => "待遇年度请填写整数年份，例如 2024；不确定可不填。",
        ("date", _) => "查询日期请按 YYYY-MM-DD 填写，例如 2023-11-01。",
        ("district", _) | ("subarea", _) => "请填写代码（见 yibao policies）。",
        ("birth_date", _) => "出生日期请按 YYYY-MM-DD 填写，例如 1985-06-30。",
        ("hukou", _) => "户籍请填写 local（本市户籍）或 nonlocal（非本市户籍）。",
        ("residence_permit", _) => "是否持有本市有效居住证请填 true 或 false。",
        ("school", _) => "在读情况请填写 none（不在读）、primary_secondary（中小学、职高、技校、特殊教育学校全日制在读）或 college（全日制大中专院校在读）。",
        ("employee_insurance", _) => "是否已参加职工医保请填 true 或 false。",
        ("insured_elsewhere", _) => "是否参加的是户籍地以外（异地）的城乡居民医保请填 true 或 false。",
        ("change.identities_then", _) => "办理参保登记时的身份请填写身份代码的列表（见 yibao policies）；当时没有特殊身份请填 []。",
        ("identities", _) | (_, "identities") => "身份请填写身份代码的列表（见 yibao policies）；没有特殊身份请填 []。",
        ("newborn_parent", _) => "新生儿父母情况请填写对象，例如 {\"residence_permit\": true, \"employee_insurance_months\": 12, \"insured_normal\": true}。",
        (_, "employee_insurance_months") => "父母一方职工医保累计缴费月数请填写不小于0的整数，例如 12。",
        (_, "insured_normal") => "父母一方当前医保待遇是否正常请填 true 或 false。",
        ("bill.date", _) => "账单日期请按 YYYY-MM-DD 填写，例如 2026-11-20；不填则按查询日所在的保障年度计算。",
        ("bill", _) => "账单请填写对象，例如 {\"in_scope\": 30000}。",
        ("change", _) => "身份变化请填写对象，例如 {\"registered_on\": \"2023-10-15\", \"identities_then\": [], \"changed_on\": \"2023-12-05\"}。",
        ("change.registered_on", _) => "办理参保登记的日期请按 YYYY-MM-DD 填写，例如 2023-10-15。",
        ("change.changed_on", _) => "新身份认定的日期请按 YYYY-MM-DD 填写，例如 2023-12-05；不能早于办理参保登记的日期。",
        (_, "counted_before") => "请填写对象，键与账单相同，例如 {\"in_scope\": 5000}。",
        (f, _) if f.starts_with("bill.") => "请填写对象，键与账单相同，例如 {\"in_scope\": 5000}。",
        (_, _) if is_flag(last) => "请填 true 或 false。",
        _ => "请检查这一项的填写。",
    }
}

/// Whether some policy set's payout plan names `key` as its outside field.
fn is_outside(key: &str) -> bool {
    crate::policy_sets().iter().filter_map(|p| p.yongningbao.as_ref()).any(|y| y.payout.outside_field == key)
}

/// Whether a request key is some policy set's sub-area flag.
pub(crate) fn is_flag(key: &str) -> bool {
    crate::policy_sets().iter().flat_map(|p| p.subareas.iter()).any(|s| s.flag.as_deref() == Some(key))
}

/// A person's fields checked against a policy set: typed, each id found.
#[derive(Debug, Clone)]
pub struct Checked<'p> {
    pub birth: NaiveDate,
    /// The date of the question.
    pub date: Option<NaiveDate>,
    pub local: bool,
    pub permit: bool,
    pub school: School,
    pub employee: bool,
    pub identities: Vec<&'p Identity>,
    pub district: Option<&'p District>,
    pub subarea: Option<&'p Subarea>,
    pub parent: Option<&'p NewbornParent>,
    /// Insured in another place's resident insurance.
    pub elsewhere: bool,
}

/// Checks a request's person (and place) against the chosen policy set.
pub fn check<'p>(p: &'p Policy, req: &'p Request, date: Option<NaiveDate>) -> Result<Checked<'p>, Error> {
    let r = &req.person;
    let birth_s = r.birth_date.as_deref().ok_or_else(|| Error::new("missing", "birth_date", hint("birth_date")))?;
    let birth = date::parse(birth_s).ok_or_else(|| Error::new("invalid_value", "birth_date", hint("birth_date")))?;
    if birth < NaiveDate::from_ymd_opt(1900, 1, 1).unwrap_or(NaiveDate::MIN) {
        return Err(Error::new("out_of_range", "birth_date", "出生日期早于1900年，请检查年份（格式 YYYY-MM-DD）。"));
    }
    if date.is_some_and(|d| birth > d) {
        return Err(Error::new(
            "out_of_range",
            "birth_date",
            "出生日期晚于查询日期，请检查出生日期（格式 YYYY-MM-DD）。",
        ));
    }
    let local = match r.hukou.as_deref() {
        Some("local") => true,
        Some("nonlocal") => false,
        Some(_) => return Err(Error::new("invalid_value", "hukou", hint("hukou"))),
        None => return Err(Error::new("missing", "hukou", hint("hukou"))),
    };
    let school = match r.school.as_deref() {
        None => School::None,
        Some(s) => School::from_id(s).ok_or_else(|| Error::new("invalid_value", "school", hint("school")))?,
    };
    let mut identities = Vec::new();
    for id in r.identities.iter().flatten() {
        match p.identity(id) {
            Some(i) if !identities.contains(&i) => identities.push(i),
            Some(_) => {}
            None => return Err(unknown_identity(p, "identities", id, "没有特殊身份请留空")),
        }
    }
    if let (Some(b), Some(y)) = (&r.bill, &p.yongningbao) {
        b.check(&y.payout)?;
    }
    Ok(Checked {
        birth,
        date,
        local,
        permit: r.residence_permit.unwrap_or(false),
        school,
        employee: r.employee_insurance.unwrap_or(false),
        identities,
        district: district(p, &req.context)?,
        subarea: subarea(p, &req.context)?,
        parent: r.newborn_parent.as_ref(),
        elsewhere: r.insured_elsewhere.unwrap_or(false),
    })
}

/// The error for an identity id the set does not define, with its choices.
pub(crate) fn unknown_identity(p: &Policy, field: &str, id: &str, otherwise: &str) -> Error {
    let choices: Vec<String> = p.identities.iter().map(|i| format!("{}（{}）", i.id, i.name)).collect();
    Error::new(
        "unknown_identity",
        field,
        format!(
            "{}{}年度政策没有身份“{}”。可选：{}；{otherwise}。",
            p.region_name,
            p.benefit_year,
            shorten(id),
            crate::words::join(&choices, "、")
        ),
    )
}

fn district<'p>(p: &'p Policy, c: &Context) -> Result<Option<&'p District>, Error> {
    if p.districts.is_empty() {
        if c.district.is_some() {
            return Err(Error::new(
                "not_applicable",
                "district",
                format!("{}不分县区，不需要填写县区，请留空。", p.region_name),
            ));
        }
        return Ok(None);
    }
    if let Some(d) = p.districts.iter().find(|d| Some(&*d.id) == c.district.as_deref()) {
        return Ok(Some(d));
    }
    // Unanswered, a question in words; wrong, the codes that may be entered.
    let given = c.district.is_some();
    let names: Vec<String> = p
        .districts
        .iter()
        .map(|d| if given { format!("{}（{}）", d.id, d.name) } else { d.name.to_string() })
        .collect();
    let (code, what) = if given { ("invalid_value", "可选") } else { ("missing", "请选择县区") };
    Err(Error::new(
        code,
        "district",
        format!("{}的缴费分担按县区不同，{}：{}。", p.region_name, what, crate::words::join(&names, "、")),
    ))
}

fn subarea<'p>(p: &'p Policy, c: &Context) -> Result<Option<&'p Subarea>, Error> {
    let Some(asked) = &c.subarea else { return Ok(None) };
    if let Some(s) = p.subarea(&asked.value) {
        return Ok(Some(s));
    }
    if p.subareas.is_empty() {
        return Err(Error::new(
            "not_applicable",
            asked.field.as_str(),
            format!("{}没有这一区域选项，请不要填写。", p.region_name),
        ));
    }
    let names: Vec<String> = p.subareas.iter().map(|s| format!("{}（{}）", s.id, s.name)).collect();
    Err(Error::new(
        "invalid_value",
        asked.field.as_str(),
        format!("{}的区域可选：{}；不在其中请留空。", p.region_name, crate::words::join(&names, "、")),
    ))
}

/// A money amount of a request (from a JSON number or a decimal string):
/// whole fen.
pub type Amount = Money;

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
    ((fen - whole).abs() < 1e-3).then(|| Money::from_fen(whole as i64))
}

/// The most characters an amount given as text may have (spaces around it
/// aside): `"100000000.00"`, the largest amount, has 12.
pub const MAX_AMOUNT_CHARS: usize = 32;

/// A decimal string as an amount (`"12000.50"`); an empty string is zero.
/// Longer than [`MAX_AMOUNT_CHARS`] it is refused before it is read.
pub fn amount_from_str(s: &str) -> Option<Amount> {
    let s = s.trim();
    if s.is_empty() {
        return Some(Money::ZERO);
    }
    if s.len() > MAX_AMOUNT_CHARS {
        return None;
    }
    Money::parse(s)
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

/// The request is not an object: an example, with a region on file.
fn not_an_object() -> Error {
    let region = crate::policy_sets().first().map_or("…", |p| &*p.region);
    Error::new(
        "invalid_type",
        "",
        format!("请求应为一个对象，例如 {{\"region\": \"{region}\", \"birth_date\": \"1980-05-01\", \"hukou\": \"local\"}}。"),
    )
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
        return Err(if path.is_empty() { not_an_object() } else { bad_type(path) });
    };
    for (k, _) in m {
        if !known.contains(&&**k) {
            let field = if path.is_empty() { k.to_string() } else { format!("{path}.{k}") };
            return Err(unknown(&field, k));
        }
    }
    Ok(m)
}

/// Text from the request as a message quotes it: at most 32 characters,
/// then "…" (the whole of it is in the error's `field`).
fn shorten(s: &str) -> Cow<'_, str> {
    match s.char_indices().nth(32) {
        Some((end, _)) => Cow::Owned(format!("{}…", s.get(..end).unwrap_or_default())),
        None => Cow::Borrowed(s),
    }
}

/// One field of an object; `None` when absent or null. Its path
/// (`bill.in_scope`) is made only for an error.
pub(crate) struct Field<'a, 'v> {
    parent: &'a str,
    key: &'a str,
    pub(crate) value: Option<&'a Value<'v>>,
}

pub(crate) fn field<'a, 'v>(m: &'a [(Cow<'v, str>, Value<'v>)], parent: &'a str, key: &'a str) -> Field<'a, 'v> {
    let value = m.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v).filter(|v| **v != Value::Null);
    Field { parent, key, value }
}

impl Field<'_, '_> {
    pub(crate) fn path(&self) -> String {
        if self.parent.is_empty() {
            self.key.to_string()
        } else {
            format!("{}.{}", self.parent, self.key)
        }
    }

    pub(crate) fn string(&self) -> Result<Option<String>, Error> {
        match self.value {
            None => Ok(None),
            Some(Value::Str(s)) => Ok(Some(s.to_string())),
            Some(_) => Err(bad_type(&self.path())),
        }
    }
    pub(crate) fn bool(&self) -> Result<Option<bool>, Error> {
        match self.value {
            None => Ok(None),
            Some(Value::Bool(b)) => Ok(Some(*b)),
            Some(_) => Err(bad_type(&self.path())),
        }
    }
    pub(crate) fn int(&self) -> Result<Option<i128>, Error> {
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
    /// A whole number, not negative (a count of months).
    pub(crate) fn count(&self) -> Result<Option<u32>, Error> {
        match self.int()? {
            None => Ok(None),
            Some(n) => u32::try_from(n).map(Some).map_err(|_| bad_value(&self.path())),
        }
    }
    fn amount(&self) -> Result<Option<Amount>, Error> {
        let a = match self.value {
            None => return Ok(None),
            Some(Value::Int(i)) => i64::try_from(*i).ok().and_then(|i| i.checked_mul(100)).map(Money::from_fen),
            Some(Value::Float(f)) => amount_from_f64(*f),
            Some(Value::Str(s)) => amount_from_str(s),
            Some(_) => return Err(bad_type(&self.path())),
        };
        a.map(Some).ok_or_else(|| bad_value(&self.path()))
    }
}

/// The amounts of a bill object: its keys are responsibility ids (checked
/// against the chosen policy set's plan by [`Bill::check`]).
fn amounts(m: &[(Cow<'_, str>, Value<'_>)], path: &str) -> Result<Amounts, Error> {
    let mut out = Vec::with_capacity(m.len());
    for (k, _) in m {
        if let Some(a) = field(m, path, k).amount()? {
            if !out.iter().any(|(x, _): &(String, Amount)| x == &**k) {
                out.push((k.to_string(), a));
            }
        }
    }
    Ok(Amounts(out))
}

fn sub_amounts(v: &Value<'_>, path: &str) -> Result<Amounts, Error> {
    let Value::Map(m) = v else { return Err(bad_type(path)) };
    for (k, v) in m {
        if matches!(v, Value::Map(_) | Value::List(_)) {
            return Err(bad_type(&format!("{path}.{k}")));
        }
    }
    amounts(m, path)
}

/// Reads a bill: responsibility amounts, `counted_before`, and a plan's
/// outside field.
fn bill(b: &Value<'_>) -> Result<Bill, Error> {
    let Value::Map(bm) = b else { return Err(bad_type("bill")) };
    let mut own = Vec::new();
    let mut outside = None;
    let mut before = None;
    let mut date = None;
    for (k, v) in bm {
        let path = format!("bill.{k}");
        if *v == Value::Null {
            continue;
        }
        if k == "date" {
            date = field(bm, "bill", "date").string()?;
            continue;
        }
        let nested = matches!(v, Value::Map(_) | Value::List(_));
        if k == "counted_before" {
            before = Some(sub_amounts(v, &path)?);
        } else if is_outside(k) {
            outside = Some((k.to_string(), sub_amounts(v, &path)?));
        } else if !is_responsibility(k) {
            return Err(unknown(&path, k));
        } else if nested {
            return Err(bad_type(&path));
        } else {
            own.push((k.clone(), v.clone()));
        }
    }
    Ok(Bill { amounts: amounts(&own, "bill")?, outside, counted_before: before, date })
}

/// Whether some policy set's payout plan has a responsibility of this id.
fn is_responsibility(id: &str) -> bool {
    crate::policy_sets()
        .iter()
        .filter_map(|p| p.yongningbao.as_ref())
        .any(|y| y.payout.responsibilities.iter().any(|r| r.id == id))
}

fn unknown(field: &str, key: &str) -> Error {
    Error::new("unknown_field", field, format!("不认识的字段“{}”，请检查拼写；可用的字段见说明文档。", shorten(key)))
}

/// The largest request, as JSON text: 1 MiB (a real one takes well under
/// 1 KB). The CLI reads no more than that; `quote()` in JavaScript counts
/// its request as the JSON text `JSON.stringify` would make of it
/// (`tape.js`), and stops walking it once past.
pub const MAX_REQUEST_BYTES: usize = 1 << 20;

/// The error for a request over [`MAX_REQUEST_BYTES`], the same in every host.
pub fn too_large() -> Error {
    Error::new("too_large", "", "请求超过1 MB（1,048,576字节）。一个人的请求通常不到1 KB，请只填写计算需要的项目。")
}

fn invalid_json(e: &serde_json::Error) -> Error {
    Error::new(
        "invalid_json",
        "",
        format!("请求不是有效的 JSON（第{}行第{}列附近）。请检查引号、逗号和括号。", e.line(), e.column()),
    )
}

/// Reads a request from JSON text (the CLI's input, [`crate::quote_json`]):
/// at most [`MAX_REQUEST_BYTES`]; a UTF-8 byte order mark before it is
/// allowed.
///
/// A number too large for a double (`1e999`) is valid JSON that serde_json
/// refuses; JavaScript reads it as `Infinity`. It gets the error that
/// `Infinity` in that field gets from `quote()` in JS, naming the field.
pub fn from_json(json: &str) -> Result<Request, Error> {
    read_json(json, from_value, infinite_at)
}

/// JSON text read as [`from_json`] says, then by `read` (a quote's or a
/// household's reader); `infinite` gives the error of an infinite number at
/// a path of the request.
pub(crate) fn read_json<T>(
    json: &str,
    read: impl Fn(&Value<'_>) -> Result<T, Error>,
    infinite: impl Fn(&[&serde_path_to_error::Segment]) -> Error,
) -> Result<T, Error> {
    let json = json.strip_prefix('\u{feff}').unwrap_or(json);
    if json.len() > MAX_REQUEST_BYTES {
        return Err(too_large());
    }
    let mut de = serde_json::Deserializer::from_str(json);
    let v: Value<'_> = serde_path_to_error::deserialize(&mut de).map_err(|e| {
        if e.inner().to_string().starts_with("number out of range") {
            infinite(&e.path().iter().collect::<Vec<_>>())
        } else {
            invalid_json(e.inner())
        }
    })?;
    de.end().map_err(|e| invalid_json(&e))?;
    read(&v)
}

/// The error of a request that holds only an infinite number at `path`.
pub(crate) fn infinite_at(path: &[&serde_path_to_error::Segment]) -> Error {
    use serde_path_to_error::Segment;
    let mut v = Value::Float(f64::INFINITY);
    let mut at = String::new();
    for segment in path {
        match segment {
            Segment::Seq { index } => w!(at, "[{index}]"),
            Segment::Map { key } if at.is_empty() => at.push_str(key),
            Segment::Map { key } => w!(at, ".{key}"),
            Segment::Enum { .. } | Segment::Unknown => {}
        }
    }
    for segment in path.iter().rev() {
        v = match segment {
            Segment::Seq { .. } => Value::List(vec![v]),
            Segment::Map { key } => Value::Map(vec![(Cow::Owned(key.clone()), v)]),
            Segment::Enum { .. } | Segment::Unknown => return bad_value(&at),
        };
    }
    // No field takes an infinite number: this is always an error.
    from_value(&v).err().unwrap_or_else(|| bad_value(&at))
}

/// Reads a request from its [`Value`].
pub fn from_value(v: &Value<'_>) -> Result<Request, Error> {
    let Value::Map(all) = v else {
        return Err(not_an_object());
    };
    from_entries(all, &[])
}

/// Reads a request from an object's entries, passing over the keys in
/// `other` (a household's own, read by its reader).
pub(crate) fn from_entries(m: &[(Cow<'_, str>, Value<'_>)], other: &[&str]) -> Result<Request, Error> {
    for (k, _) in m {
        if !crate::policy::REQUEST_KEYS.contains(&&**k) && !other.contains(&&**k) && !is_flag(k) {
            return Err(unknown(k, k));
        }
    }
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
            Some(NewbornParent {
                residence_permit: field(pm, "newborn_parent", "residence_permit").bool()?,
                employee_insurance_months: field(pm, "newborn_parent", "employee_insurance_months").count()?,
                insured_normal: field(pm, "newborn_parent", "insured_normal").bool()?,
            })
        }
    };
    let bill = match f("bill").value {
        None => None,
        Some(b) => Some(bill(b)?),
    };
    // A sub-area by its id, or by a flag set to true (`"qianwan": true`).
    let mut subarea = f("subarea").string()?.map(|value| Asked { value, field: "subarea".into() });
    for (k, _) in m.iter().filter(|(k, _)| is_flag(k)) {
        if field(m, "", k).bool()? == Some(true) && subarea.is_none() {
            let id = crate::policy_sets()
                .iter()
                .flat_map(|p| p.subareas.iter())
                .find(|s| s.flag.as_deref() == Some(&**k))
                .map(|s| s.id.to_string())
                .unwrap_or_default();
            subarea = Some(Asked { value: id, field: k.to_string() });
        }
    }
    let year = f("benefit_year");
    Ok(Request {
        context: Context {
            region: f("region").string()?,
            benefit_year: match year.int()? {
                None => None,
                Some(y) => Some(i64::try_from(y).map_err(|_| bad_value(&year.path()))?),
            },
            date: f("date").string()?,
            district: f("district").string()?,
            subarea,
        },
        person: Person {
            birth_date: f("birth_date").string()?,
            hukou: f("hukou").string()?,
            residence_permit: f("residence_permit").bool()?,
            school: f("school").string()?,
            employee_insurance: f("employee_insurance").bool()?,
            identities,
            newborn_parent,
            bill,
            change,
            insured_elsewhere: f("insured_elsewhere").bool()?,
        },
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
        let a = |v: f64| amount_from_f64(v).map(Money::fixed);
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
        let a = |s: &str| amount_from_str(s).map(Money::fixed);
        assert_eq!(a("12000.50").as_deref(), Some("12000.50"));
        assert_eq!(a(" ").as_deref(), Some("0.00"));
        assert_eq!(a("12.345"), None, "a tenth of a fen");
        assert_eq!(a("12.300").as_deref(), Some("12.30"));
        assert_eq!(a("1e5"), None);
        assert_eq!(a("12,000"), None);
        assert_eq!(a("１２"), None);
        assert_eq!(a("+5.").as_deref(), Some("5.00"));
        assert_eq!(a(".5").as_deref(), Some("0.50"));
        assert_eq!(a("-0.30").as_deref(), Some("-0.30"));
        for bad in [".", "-", "+-1", "1.2.3", "1_000", "0x10", "1 2"] {
            assert_eq!(a(bad), None, "{bad}");
        }
        // 32 characters at most (spaces around aside).
        let zeros = |n| "0".repeat(n);
        assert_eq!(a(&format!("  {}1  ", zeros(31))).as_deref(), Some("1.00"));
        assert_eq!(a(&format!("{}1", zeros(32))), None);
        assert_eq!(a(&format!("{}1", zeros(6000))), None);
    }
}
