//! The quote request and its checks.
//!
//! A request is one flat object (JSON for the CLI, a JS object for the WASM
//! module): the question's place and time ([`Context`], which a household's
//! members share) and the [`Person`]. Both derive `Deserialize`; every host
//! reads them with the same readers ([`crate::read`]), so a missing,
//! mistyped or unknown field becomes an [`Error`] naming that field, never a
//! panic, and both hosts give the same errors. A new request field is a new
//! field of `Context` or `Person` (and its key in
//! [`crate::policy::REQUEST_KEYS`], which a test holds to these structs).
//! Each struct is `#[serde(default)]`: any field may be left out or null,
//! and its TypeScript type (derived by tsify for the WASM module's .d.ts)
//! says so.
//!
//! Keys whose names are data are read into maps and checked against the
//! policy sets after reading: a sub-area's flag (`"qianwan": true`), a
//! bill's responsibility ids and the plan's outside field.

use crate::date;
use crate::error::{Code, Error};
use crate::money::Money;
use crate::policy::{District, Identity, Policy, School, Subarea};
use crate::read::{self, Any, Failure, Rest};
pub use crate::read::{amount_from_f64, amount_from_str, too_large, MAX_AMOUNT_CHARS, MAX_REQUEST_BYTES};
pub(crate) use crate::read::{shorten, unknown};
use chrono::NaiveDate;
use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, Visitor};
use serde::Deserialize;
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
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify), tsify(missing_as_null))]
#[serde(default)]
pub struct Context {
    pub region: Option<String>,
    #[serde(default, deserialize_with = "read::whole")]
    pub benefit_year: Option<i64>,
    pub date: Option<String>,
    pub district: Option<String>,
    /// A sub-area, by `subarea` or by a sub-area's flag set to true.
    #[serde(default, deserialize_with = "subarea_id")]
    #[cfg_attr(target_arch = "wasm32", tsify(type = "string | null"))]
    pub subarea: Option<Asked>,
}

/// A value the request gave, with the field it gave it in (for an error).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Asked {
    pub value: String,
    pub field: String,
}

fn subarea_id<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Asked>, D::Error> {
    Ok(Option::<String>::deserialize(d)?.map(|value| Asked { value, field: "subarea".into() }))
}

/// Who: the fields of one person.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify), tsify(missing_as_null))]
#[serde(default)]
pub struct Person {
    pub birth_date: Option<String>,
    pub hukou: Option<String>,
    pub residence_permit: Option<bool>,
    pub school: Option<String>,
    pub employee_insurance: Option<bool>,
    #[serde(default, deserialize_with = "ids")]
    pub identities: Option<Vec<String>>,
    pub newborn_parent: Option<NewbornParent>,
    /// Read only where [`BILLS`]; elsewhere refused unless null.
    #[cfg_attr(all(target_arch = "wasm32", not(feature = "bill")), serde(deserialize_with = "read::not_here"))]
    pub bill: Option<Bill>,
    /// A change of status after registering (`identities` are those held
    /// now). Read only where [`CHANGES`]; elsewhere refused unless null.
    #[cfg_attr(all(target_arch = "wasm32", not(feature = "change")), serde(deserialize_with = "read::not_here"))]
    pub change: Option<Change>,
    /// Insured in another place's resident insurance (参加异地城乡居民医保).
    pub insured_elsewhere: Option<bool>,
}

/// Whether this build answers a bill (its 甬宁保 payout): the native
/// library and CLI always; a WebAssembly module with the feature `bill`.
/// The page's first module (yibao-lite) has not: the page asks the full
/// module for a request with a bill (www/js/ask.js), and this one refuses
/// such a request rather than ignore the bill. A constant, so that a module
/// without it carries none of the payout's code.
pub const BILLS: bool = cfg!(any(not(target_arch = "wasm32"), feature = "bill"));

/// Whether this build answers a change of status after registering (as
/// [`BILLS`], with the feature `change`).
pub const CHANGES: bool = cfg!(any(not(target_arch = "wasm32"), feature = "change"));

impl Person {
    /// The bill, where this build answers one ([`BILLS`]).
    pub fn bill(&self) -> Option<&Bill> {
        self.bill.as_ref().filter(|_| BILLS)
    }

    /// The change of status, where this build answers one ([`CHANGES`]).
    pub fn change(&self) -> Option<&Change> {
        self.change.as_ref().filter(|_| CHANGES)
    }
}

/// A change of assisted status after the person registered.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify), tsify(missing_as_null))]
#[serde(default, deny_unknown_fields)]
pub struct Change {
    /// The day the person registered (办理参保登记) for the benefit year.
    pub registered_on: Option<String>,
    /// The identities held on that day.
    #[serde(default, deserialize_with = "ids")]
    pub identities_then: Option<Vec<String>>,
    /// The day the identities now held were certified.
    pub changed_on: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify), tsify(missing_as_null))]
#[serde(default, deny_unknown_fields)]
pub struct NewbornParent {
    pub residence_permit: Option<bool>,
    #[serde(default, deserialize_with = "read::count")]
    pub employee_insurance_months: Option<u32>,
    pub insured_normal: Option<bool>,
}

/// A list of identity ids; anything else in it makes the list the field
/// in error (`identities`, not `identities[1]`).
fn ids<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Vec<String>>, D::Error> {
    let Some(items) = Option::<Vec<Any>>::deserialize(d)? else { return Ok(None) };
    let mut out = Vec::with_capacity(items.len());
    for i in items {
        match i {
            Any::Str(s) => out.push(s),
            _ => return Err(de::Error::invalid_type(de::Unexpected::Other("an item"), &"a list of ids")),
        }
    }
    Ok(Some(out))
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

/// Amounts by key; a null amount is none. The keys are checked against a
/// plan by [`Bill::check`].
impl<'de> Deserialize<'de> for Amounts {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_map(BillVisitor { top: false }).map(|b| b.amounts)
    }
}

/// A bill: its keys are data (some policy set's responsibility ids, its
/// outside field), `counted_before` and `date`.
impl<'de> Deserialize<'de> for Bill {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_map(BillVisitor { top: true })
    }
}

/// Reads a bill's object (`top`) or one of its sub-objects.
struct BillVisitor {
    top: bool,
}

impl<'de> Visitor<'de> for BillVisitor {
    type Value = Bill;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a bill")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut m: A) -> Result<Bill, A::Error> {
        let mut bill = Bill::default();
        while let Some(key) = m.next_key::<String>()? {
            if self.top && key == "date" {
                bill.date = m.next_value::<Option<BillDate>>()?.map(|d| d.0);
            } else if self.top && key == "counted_before" {
                bill.counted_before = m.next_value::<Option<Amounts>>()?.or(bill.counted_before);
            } else if self.top && is_outside(&key) {
                if let Some(a) = m.next_value::<Option<Amounts>>()? {
                    bill.outside = Some((key, a));
                }
            } else if let Some(a) = m.next_value_seed(Responsibility { id: &key, checked: self.top })? {
                bill.amounts.set(&key, a);
            }
        }
        Ok(bill)
    }
}

/// A bill's date: `YYYY-MM-DD` or nothing, whatever the policy set
/// (`today.rs` reads it).
struct BillDate(String);

impl<'de> Deserialize<'de> for BillDate {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        if date::parse(&s).is_none() {
            return Err(read::raise(Code::InvalidValue, hint("bill.date")));
        }
        Ok(BillDate(s))
    }
}

/// The value of a bill key that should be some plan's responsibility:
/// `checked` in the bill itself (the sub-objects' keys are left to
/// [`Bill::check`], against the chosen plan).
struct Responsibility<'k> {
    id: &'k str,
    checked: bool,
}

impl<'de> DeserializeSeed<'de> for Responsibility<'_> {
    type Value = Option<Money>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Option<Money>, D::Error> {
        if self.checked && !is_responsibility(self.id) {
            return Err(read::raise(Code::UnknownField, &unknown(self.id).message));
        }
        Ok(Option::<read::Amount>::deserialize(d)?.map(|a| a.0))
    }
}

/// Reads a request from JSON text (the CLI's input, [`crate::quote_json`]):
/// at most [`read::MAX_REQUEST_BYTES`]; a UTF-8 byte order mark before it
/// is allowed. The one object is read three times over, each a derived
/// struct that leaves the others' keys alone: the [`Context`], the
/// [`Person`], then the keys neither names (a sub-area's flag, or a
/// mistake), and their errors come in that order.
pub fn from_json(json: &str) -> Result<Request, Error> {
    let v = read::parse(json)?;
    // The other keys first: their reader refuses anything but an object
    // (a derived struct would read a list as its fields in order).
    let rest = read::value::<Rest>(&v).map_err(error)?;
    let mut context = read::value::<Context>(&v).map_err(error)?;
    let person = read::value::<Person>(&v).map_err(error)?;
    flags(&mut context, rest.except(|k| crate::policy::REQUEST_KEYS.contains(&k)), unknown)?;
    Ok(Request { context, person })
}

/// The keys of an object besides its fields: a sub-area's flag set to true
/// asks for that sub-area (unless `subarea` does); a flag must be true,
/// false or null; any other key is `other`'s error.
pub(crate) fn flags(c: &mut Context, rest: Rest, other: impl Fn(&str) -> Error) -> Result<(), Error> {
    for (k, v) in rest.0 {
        let Some(id) = flag_subarea(&k) else { return Err(other(&k)) };
        match v {
            Any::Bool(true) if c.subarea.is_none() => c.subarea = Some(Asked { value: id, field: k }),
            Any::Bool(_) | Any::Null => {}
            _ => return Err(Error::new(Code::InvalidType, k.as_str(), hint(&k))),
        }
    }
    Ok(())
}

/// The error of a request's reader, with the field's words.
pub(crate) fn error(f: Failure) -> Error {
    if f.field.is_empty() && f.code == Code::InvalidType {
        return not_an_object();
    }
    let message = f.message.unwrap_or_else(|| hint(&f.field).to_string());
    Error::new(f.code, f.field, message)
}

/// The request is not an object: an example, with a region on file.
fn not_an_object() -> Error {
    let region = crate::policy_sets().first().map_or("…", |p| &*p.region);
    Error::new(
        Code::InvalidType,
        "",
        format!("请求应为一个对象，例如 {{\"region\": \"{region}\", \"birth_date\": \"1980-05-01\", \"hukou\": \"local\"}}。"),
    )
}

/// The sub-area a request key is the flag of, in some policy set.
fn flag_subarea(key: &str) -> Option<String> {
    crate::policy_sets()
        .iter()
        .flat_map(|p| p.subareas.iter())
        .find(|s| s.flag.as_deref() == Some(key))
        .map(|s| s.id.to_string())
}

/// Whether some policy set's payout plan has a responsibility of this id.
fn is_responsibility(id: &str) -> bool {
    crate::policy_sets()
        .iter()
        .filter_map(|p| p.yongningbao.as_ref())
        .any(|y| y.payout.responsibilities.iter().any(|r| r.id == id))
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
                        Code::UnknownField,
                        field(),
                        format!("不认识的账单项目“{id}”；可填：{}。", crate::words::join(&ids, "、")),
                    ));
                }
                let v = *a;
                if v < Money::ZERO {
                    return Err(Error::new(Code::OutOfRange, field(), "金额不能为负数，请填写不小于0的金额（元）。"));
                }
                if v > Money::from_yuan(100_000_000) {
                    return Err(Error::new(
                        Code::OutOfRange,
                        field(),
                        "金额超过1亿元，请检查是否多填了位数（单位为元）。",
                    ));
                }
            }
        }
        if let Some((key, out)) = &self.outside {
            if *key != *plan.outside_field {
                return Err(Error::new(Code::UnknownField, format!("bill.{key}"), format!("不认识的字段“{key}”。")));
            }
            for (id, a) in &out.0 {
                let own = self.amounts.get(id);
                if *a > own {
                    return Err(Error::new(
                        Code::InvalidValue,
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
    let birth_s = r.birth_date.as_deref().ok_or_else(|| Error::new(Code::Missing, "birth_date", hint("birth_date")))?;
    let birth = date::parse(birth_s).ok_or_else(|| Error::new(Code::InvalidValue, "birth_date", hint("birth_date")))?;
    if birth < NaiveDate::from_ymd_opt(1900, 1, 1).unwrap_or(NaiveDate::MIN) {
        return Err(Error::new(Code::OutOfRange, "birth_date", "出生日期早于1900年，请检查年份（格式 YYYY-MM-DD）。"));
    }
    if date.is_some_and(|d| birth > d) {
        return Err(Error::new(
            Code::OutOfRange,
            "birth_date",
            "出生日期晚于查询日期，请检查出生日期（格式 YYYY-MM-DD）。",
        ));
    }
    let local = match r.hukou.as_deref() {
        Some("local") => true,
        Some("nonlocal") => false,
        Some(_) => return Err(Error::new(Code::InvalidValue, "hukou", hint("hukou"))),
        None => return Err(Error::new(Code::Missing, "hukou", hint("hukou"))),
    };
    let school = match r.school.as_deref() {
        None => School::None,
        Some(s) => School::from_id(s).ok_or_else(|| Error::new(Code::InvalidValue, "school", hint("school")))?,
    };
    let mut identities = Vec::new();
    for id in r.identities.iter().flatten() {
        match p.identity(id) {
            Some(i) if !identities.contains(&i) => identities.push(i),
            Some(_) => {}
            None => return Err(unknown_identity(p, "identities", id, "没有特殊身份请留空")),
        }
    }
    if let (Some(b), Some(y)) = (r.bill(), &p.yongningbao) {
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
        Code::UnknownIdentity,
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
                Code::NotApplicable,
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
    let (code, what) = if given { (Code::InvalidValue, "可选") } else { (Code::Missing, "请选择县区") };
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
            Code::NotApplicable,
            asked.field.as_str(),
            format!("{}没有这一区域选项，请不要填写。", p.region_name),
        ));
    }
    let names: Vec<String> = p.subareas.iter().map(|s| format!("{}（{}）", s.id, s.name)).collect();
    Err(Error::new(
        Code::InvalidValue,
        asked.field.as_str(),
        format!("{}的区域可选：{}；不在其中请留空。", p.region_name, crate::words::join(&names, "、")),
    ))
}

/// A money amount of a request (from a JSON number or a decimal string):
/// whole fen.
pub type Amount = Money;

#[cfg(test)]
mod tests {
    use super::*;

    /// The names a derived struct reads (serde hands them to
    /// `deserialize_struct`).
    fn fields<'de, T: Deserialize<'de>>() -> &'static [&'static str] {
        struct Names(&'static [&'static str]);
        struct Catch<'a>(&'a mut Names);
        impl<'de> Deserializer<'de> for Catch<'_> {
            type Error = de::value::Error;
            fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Self::Error> {
                Err(de::Error::custom("names only"))
            }
            fn deserialize_struct<V: Visitor<'de>>(
                self,
                _: &'static str,
                fields: &'static [&'static str],
                _: V,
            ) -> Result<V::Value, Self::Error> {
                self.0 .0 = fields;
                Err(de::Error::custom("names only"))
            }
            serde::forward_to_deserialize_any! {
                bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf option
                unit unit_struct newtype_struct seq tuple tuple_struct map enum identifier ignored_any
            }
        }
        let mut names = Names(&[]);
        let _ = T::deserialize(Catch(&mut names));
        names.0
    }

    #[test]
    fn request_keys_are_the_fields_of_context_and_person() {
        // A flag must not be a request field: policy validation (which
        // build.rs runs too) checks against this list.
        let mut derived: Vec<&str> = fields::<Context>().iter().chain(fields::<Person>()).copied().collect();
        let mut listed = crate::policy::REQUEST_KEYS.to_vec();
        derived.sort_unstable();
        listed.sort_unstable();
        assert_eq!(derived, listed);
    }

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
