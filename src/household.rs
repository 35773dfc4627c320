//! A household: every member's answer, the family's totals, who enrols
//! where, and the facts of the notices that only make sense for a family.
//!
//! A household request is the shared [`Context`] (region, benefit year,
//! date, district, sub-area) and 1 to [`MAX_MEMBERS`] members, each a person
//! as in a quote request plus a name (shown back), a [`Relation`] to the
//! member `self`, and what a newborn's parent is asked about
//! (`employee_insurance_months`, `insured_normal`). Each member is answered
//! as a quote request of its own ([`HouseholdRequest::requests`]), so a
//! member's answer is exactly that person's single quote. The household
//! adds:
//!
//! - a non-local child of 0–6 months without a permit (relation `child`,
//!   without a `newborn_parent` of its own) takes the parent conditions from
//!   the members `self` and `spouse`: the first who meets every condition of
//!   the set, else the one who misses fewest; the answer says which
//!   ([`ParentOut`]);
//! - where a way of buying the supplementary plan names relatives
//!   (`account_for` in the policy file: 80号 二(二)4(1)), each member in
//!   employee insurance is told which members of the household those are
//!   ([`AccountOut`]);
//! - totals that add exactly what the members' answers say, over the members
//!   each applies to, listing those whose figure the notices do not give
//!   ([`Totals`]);
//! - the enrolment channels, each with its members and clause.
//!
//! ```
//! let h = yibao::household_json(r#"{"region": "yuyao", "benefit_year": 2024, "date": "2023-11-01",
//!   "members": [{"relation": "self", "birth_date": "1980-05-17", "hukou": "local"},
//!               {"relation": "child", "birth_date": "2015-03-01", "hukou": "local", "school": "primary_secondary"}]}"#).unwrap();
//! assert_eq!(h.totals.to_pay.fixed(), "1070.00");                 // 780 + 290: 二(一)3(1), 3(3)
//! assert_eq!(h.totals.yongningbao_to_pay.unwrap().fixed(), "150.00"); // 100 + 50: 二(二)3
//! ```

use crate::answer::{AsOf, Detail, PolicyRef, Quote, Status};
use crate::date;
use crate::engine;
use crate::error::{Code, Error};
use crate::money::Money;
use crate::policy::{Assumption, Channel, Clause, Kin, NewbornRule, Policy, School, Text, YnbWho};
use crate::read::{self, Any, Failure, Json, Rest};
use crate::readings::{status_words, NO_OUTSIDE_WINDOW};
use crate::request::{self, Context, NewbornParent, Person, Request};
use crate::words::join;
use serde::{Deserialize, Serialize};

/// The most members a household may have.
pub const MAX_MEMBERS: usize = 20;

/// The request keys a household shares (its [`Context`]; sub-area flags
/// too): given once, outside the members.
const SHARED: [&str; 5] = ["region", "benefit_year", "date", "district", "subarea"];

/// How a member is related to the member `self`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify), tsify(missing_as_null))]
#[serde(rename_all = "snake_case")]
pub enum Relation {
    #[serde(rename = "self")]
    Myself,
    Spouse,
    Child,
    Parent,
    Grandparent,
    Grandchild,
    Sibling,
    Other,
}

impl Relation {
    /// Every relation: the request's word and the answer's.
    pub const ALL: [(Relation, &'static str, &'static str); 8] = [
        (Relation::Myself, "self", "本人"),
        (Relation::Spouse, "spouse", "配偶"),
        (Relation::Child, "child", "子女"),
        (Relation::Parent, "parent", "父母"),
        (Relation::Grandparent, "grandparent", "祖父母/外祖父母"),
        (Relation::Grandchild, "grandchild", "孙子女/外孙子女"),
        (Relation::Sibling, "sibling", "兄弟姐妹"),
        (Relation::Other, "other", "其他"),
    ];

    pub fn from_id(s: &str) -> Option<Relation> {
        Relation::ALL.iter().find(|(_, id, _)| *id == s).map(|(r, _, _)| *r)
    }

    /// In Chinese (`本人`, `子女` …).
    pub fn word(self) -> &'static str {
        Relation::ALL.iter().find(|(r, _, _)| *r == self).map_or("", |(_, _, w)| w)
    }

    /// What a member of relation `other` is to a member of this relation,
    /// where the two relations to `self` settle it (the children of `self`
    /// are taken to be the spouse's too; a parent's spouse is not settled).
    pub fn kin(self, other: Relation) -> Option<Kin> {
        use Relation as R;
        match (self, other) {
            (R::Myself, R::Spouse) | (R::Spouse, R::Myself) => Some(Kin::Spouse),
            (R::Myself | R::Spouse, R::Child) | (R::Parent, R::Myself | R::Sibling) => Some(Kin::Child),
            (R::Myself | R::Sibling, R::Parent) | (R::Child, R::Myself | R::Spouse) => Some(Kin::Parent),
            (R::Myself, R::Grandparent) | (R::Child, R::Parent) | (R::Grandchild, R::Myself) => Some(Kin::Grandparent),
            (R::Myself, R::Grandchild) | (R::Parent, R::Child) | (R::Grandparent, R::Myself | R::Sibling) => {
                Some(Kin::Grandchild)
            }
            (R::Myself | R::Sibling, R::Sibling) | (R::Sibling, R::Myself) | (R::Child, R::Child) => Some(Kin::Sibling),
            _ => None,
        }
    }
}

/// A household's question.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct HouseholdRequest {
    pub context: Context,
    pub members: Vec<MemberRequest>,
}

/// One member of a household request.
#[derive(Debug, Clone, PartialEq)]
pub struct MemberRequest {
    /// Shown back as given (trimmed); optional.
    pub name: Option<String>,
    pub relation: Relation,
    pub person: Person,
    /// As a parent of a newborn member: months of employee insurance.
    pub employee_insurance_months: Option<u32>,
    /// As a parent of a newborn member: insured, with benefits as normal.
    pub insured_normal: Option<bool>,
}

/// The member `i` in answers: `张伟（本人）`, or by place, `第3位（子女）`.
fn label(i: usize, name: Option<&str>, relation: Relation) -> String {
    let word = relation.word();
    match name {
        // Pieces pushed, not `format!`: a label is made for every member.
        Some(n) => {
            let mut s = String::with_capacity(n.len() + word.len() + 6);
            s.push_str(n);
            s.push('（');
            s.push_str(word);
            s.push('）');
            s
        }
        None => format!("第{}位（{word}）", i + 1),
    }
}

/// The member in an error message, by place (`第3位家庭成员`): the same
/// whether the member's name could be read or not (a JSON number too large
/// for a double stops the reading of the whole request), so the CLI and JS
/// say the same.
fn asked(i: usize) -> String {
    format!("第{}位家庭成员", i + 1)
}

fn is_shared(key: &str) -> bool {
    SHARED.contains(&key) || request::is_flag(key)
}

fn count_ok(n: usize) -> Result<(), Error> {
    if n == 0 {
        return Err(Error::new(Code::Missing, "members", "请至少填写一位家庭成员。"));
    }
    if n > MAX_MEMBERS {
        return Err(Error::new(
            Code::OutOfRange,
            "members",
            format!("一户最多{MAX_MEMBERS}位家庭成员，现为{n}位；人数更多请分成几户分别计算。"),
        ));
    }
    Ok(())
}

/// A member's own keys besides a person's.
const OWN: [&str; 4] = ["name", "relation", "employee_insurance_months", "insured_normal"];

/// What a household request's object holds besides its [`Context`]: the
/// members, each to be read as a member.
#[derive(Deserialize)]
struct Members {
    members: Option<Vec<Json>>,
}

/// A member's own keys (its person is read from the same object by the
/// person's reader).
#[derive(Deserialize)]
struct Own {
    #[serde(default)]
    name: Any,
    #[serde(default)]
    relation: Any,
    #[serde(default, deserialize_with = "read::count")]
    employee_insurance_months: Option<u32>,
    insured_normal: Option<bool>,
}

/// A member as read: its own keys, its person, and any other key.
struct FlatMember {
    own: Own,
    person: Person,
    rest: Rest,
}

/// Reads a household request from JSON text, as a quote request is read
/// ([`request::from_json`]: at most 1 MiB, a byte order mark allowed, an
/// infinite number named in its member): the household's other keys, the
/// shared fields, the members' list, each member (its other keys, its own
/// keys, its person), each read from the object by a derived struct that
/// leaves the others' keys alone; then the other keys are checked.
pub fn from_json(json: &str) -> Result<HouseholdRequest, Error> {
    let v = read::parse(json)?;
    // The other keys first: their reader refuses anything but an object.
    let rest = read::value::<Rest>(&v).map_err(error)?.except(|k| k == "members" || SHARED.contains(&k));
    let context = read::value::<Context>(&v).map_err(error)?;
    let list = read::value::<Members>(&v).map_err(error)?.members;
    let mut members = Vec::with_capacity(list.as_ref().map_or(0, Vec::len));
    for (i, m) in list.iter().flatten().enumerate() {
        let at = |f: Failure| error(Failure { field: read::join(&format!("members[{i}]"), &f.field), ..f });
        let rest = read::value::<Rest>(m).map_err(at)?;
        let own = read::value::<Own>(m).map_err(at)?;
        let person = read::value::<Person>(m).map_err(at)?;
        let rest = rest.except(|k| OWN.contains(&k) || (!is_shared(k) && crate::policy::REQUEST_KEYS.contains(&k)));
        members.push(FlatMember { own, person, rest });
    }
    household(context, list.map(|_| members), rest)
}

/// A reader's error: in a member, it names the member: the field's path
/// goes into it (`members[2].birth_date`) and the message starts with it
/// (`第3位家庭成员：…`).
fn error(f: Failure) -> Error {
    if f.field.is_empty() && f.code == Code::InvalidType {
        return Error::new(
            Code::InvalidType,
            "",
            "家庭请求应为一个对象：全家共用的地区、年度、查询日期等，以及 members（家庭成员的列表）。",
        );
    }
    if f.field == "members" && f.code == Code::InvalidType {
        return Error::new(Code::InvalidType, "members", "members 应为家庭成员的列表 […]，每人一个对象。");
    }
    let Some((i, rest)) = in_members(&f.field) else { return request::error(f) };
    if rest.is_empty() {
        return Error::new(
            f.code,
            f.field,
            format!(
                "{}应为一个对象，例如 {{\"relation\": \"child\", \"birth_date\": \"2015-03-01\", \"hukou\": \"local\"}}。",
                asked(i)
            ),
        );
    }
    let rest = rest.to_string();
    in_member(i, &asked(i), request::error(Failure { field: rest, code: f.code, message: f.message }))
}

/// `members[2].bill.in_scope` as (2, `bill.in_scope`).
fn in_members(field: &str) -> Option<(usize, &str)> {
    let (i, rest) = field.strip_prefix("members[")?.split_once(']')?;
    Some((i.parse().ok()?, rest.strip_prefix('.').unwrap_or(rest)))
}

/// The household request once read: the shared fields as a quote request
/// reads them, then each member's.
fn household(mut context: Context, list: Option<Vec<FlatMember>>, rest: Rest) -> Result<HouseholdRequest, Error> {
    request::flags(&mut context, rest, |k| {
        let message = if known(k) {
            format!("“{k}”是每位成员自己的信息，请写在 members 里的成员中。")
        } else {
            format!("不认识的字段“{}”，请检查拼写；家庭请求的字段见说明文档。", request::shorten(k))
        };
        Error::new(Code::UnknownField, k, message)
    })?;
    let Some(list) = list else {
        return Err(Error::new(
            Code::Missing,
            "members",
            "请在 members 中列出家庭成员（1至20人），例如 [{\"relation\": \"self\", \"birth_date\": \"1980-05-01\", \"hukou\": \"local\"}]。",
        ));
    };
    count_ok(list.len())?;
    let mut members = Vec::with_capacity(list.len());
    for (i, m) in list.into_iter().enumerate() {
        members.push(member(i, m)?);
    }
    for one in [Relation::Myself, Relation::Spouse] {
        if let Some((i, _)) = members.iter().enumerate().filter(|(_, m)| m.relation == one).nth(1) {
            return Err(Error::new(
                Code::InvalidValue,
                format!("members[{i}].relation"),
                format!(
                    "{}：一户只能有一位“{}”；其他成员请按与本人的关系填写（{}）。",
                    asked(i),
                    one.word(),
                    relation_choices()
                ),
            ));
        }
    }
    Ok(HouseholdRequest { context, members })
}

fn member(i: usize, m: FlatMember) -> Result<MemberRequest, Error> {
    // The member's path is made only for an error.
    let at = |k: &str| format!("members[{i}].{k}");
    let FlatMember { own, person, rest } = m;
    let name = match own.name {
        Any::Null => None,
        Any::Str(s) if s.trim().chars().count() <= 40 => Some(s.trim().to_string()).filter(|s| !s.is_empty()),
        _ => {
            return Err(Error::new(
                Code::InvalidValue,
                at("name"),
                format!("{}：称呼请填写不超过40个字的文字（可不填），例如 \"张伟\"。", asked(i)),
            ))
        }
    };
    let relation = match &own.relation {
        Any::Str(s) => Relation::from_id(s),
        _ => None,
    };
    let Some(relation) = relation else {
        let code = if own.relation == Any::Null { Code::Missing } else { Code::InvalidValue };
        return Err(Error::new(
            code,
            at("relation"),
            format!("{}：请填写与本人的关系：{}。", asked(i), relation_choices()),
        ));
    };
    for (k, v) in &rest.0 {
        // A shared field in the member: the household's, not the member's.
        if is_shared(k) && *v != Any::Null {
            return Err(Error::new(
                Code::UnknownField,
                at(k),
                format!(
                    "{}：“{k}”是全家共用的信息（地区、待遇年度、查询日期、县区、区域），请写在请求的最外层，不要写在成员里。",
                    asked(i)
                ),
            ));
        }
        if !is_shared(k) {
            return Err(in_member(i, &asked(i), request::unknown(k)));
        }
    }
    Ok(MemberRequest {
        name,
        relation,
        person,
        employee_insurance_months: own.employee_insurance_months,
        insured_normal: own.insured_normal,
    })
}

/// A key of a member: its own or a request's.
fn known(k: &str) -> bool {
    OWN.contains(&k) || crate::policy::REQUEST_KEYS.contains(&k)
}

fn relation_choices() -> String {
    let all: Vec<String> = Relation::ALL.iter().map(|(_, id, w)| format!("{id}（{w}）")).collect();
    join(&all, "、")
}

/// An error about member `i`'s answer: a field of the member goes into it
/// (`members[2].birth_date`) and the message names the member. A shared
/// field (`date`, `district` …) is the household's and stays as it is.
fn in_member(i: usize, who: &str, e: Error) -> Error {
    let head = e.field.split(['.', '[']).next().unwrap_or_default();
    if !e.field.is_empty() && is_shared(head) {
        return e;
    }
    let field = if e.field.is_empty() { format!("members[{i}]") } else { format!("members[{i}].{}", e.field) };
    Error { code: e.code, field, message: format!("{who}：{}", e.message) }
}

/// How a newborn member's parent conditions were taken from the household.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify), tsify(missing_as_null))]
pub struct ParentOut {
    /// The member (by index) whose conditions the answer used.
    pub member: usize,
    /// That member meets every condition: the child may join through them.
    pub met: bool,
    pub text: Text,
    pub source: Text,
}

impl HouseholdRequest {
    /// Each member as a quote request of its own (the shared context and the
    /// person; a newborn's parent conditions taken from the household, see
    /// the module), with how those were taken.
    pub fn requests(&self, all: &[Policy]) -> Result<Vec<(Request, Option<ParentOut>)>, Error> {
        let parents = self.parents(all)?;
        let each = self.members.iter().zip(parents).map(|(m, via)| {
            let mut person = m.person.clone();
            let via = via.map(|(np, o)| {
                person.newborn_parent = Some(np);
                o
            });
            (Request { context: self.context.clone(), person }, via)
        });
        Ok(each.collect())
    }

    /// For each member, the parent conditions a newborn takes from the
    /// household (and how), where it does.
    fn parents(&self, all: &[Policy]) -> Result<Vec<Option<(NewbornParent, ParentOut)>>, Error> {
        count_ok(self.members.len())?;
        let day = self.context.date.as_deref().and_then(date::parse);
        let base = Request { context: self.context.clone(), person: Person::default() };
        // Shared-field errors are left to the members' answers (as for one person).
        let chosen = engine::choose_policy(all, &base, day).ok().map(|(c, _)| c);
        let newborn = chosen.and_then(|c| c.policy.eligibility.newborn.as_ref());
        let mut out = Vec::with_capacity(self.members.len());
        for (i, m) in self.members.iter().enumerate() {
            out.push(match (newborn, day) {
                (Some(nb), Some(day)) if takes_parent(m, nb, day) => self.parent_for(i, nb)?,
                _ => None,
            });
        }
        Ok(out)
    }

    /// The parent whose conditions a newborn member `i` takes: the first of
    /// `self` and `spouse` who meets them all, else the one who misses
    /// fewest. `None` without either (the answer then asks for
    /// `newborn_parent`, as for one person). A condition the set needs and
    /// no parent settles is asked of the first parent who leaves it open.
    fn parent_for(&self, i: usize, nb: &NewbornRule) -> Result<Option<(NewbornParent, ParentOut)>, Error> {
        let child = self.members.get(i).map(|m| label(i, m.name.as_deref(), m.relation)).unwrap_or_default();
        let mut best: Option<(usize, NewbornParent, usize)> = None;
        let mut fails = Vec::new();
        let mut open = None;
        for (j, m) in self.members.iter().enumerate() {
            if !matches!(m.relation, Relation::Myself | Relation::Spouse) {
                continue;
            }
            let np = NewbornParent {
                residence_permit: Some(m.person.residence_permit.unwrap_or(false)),
                employee_insurance_months: m.employee_insurance_months,
                insured_normal: m.insured_normal,
            };
            let parent = label(j, m.name.as_deref(), m.relation);
            match crate::who::parent_fails(Some(&np), nb, &parent) {
                Ok(f) if f.is_empty() => {
                    let text = format!(
                        "{child}是非本市户籍的{}，没有自己的居住证：{parent}符合父母一方须满足的条件，可由{parent}为其办理参保。",
                        nb.term
                    );
                    return Ok(Some((
                        np,
                        ParentOut { member: j, met: true, text: text.into(), source: nb.source.clone() },
                    )));
                }
                Ok(f) => {
                    if best.as_ref().is_none_or(|b| f.len() < b.2) {
                        best = Some((j, np, f.len()));
                    }
                    fails.extend(f);
                }
                Err(e) => {
                    if open.is_none() {
                        let key = e.field.strip_prefix("newborn_parent.").unwrap_or(&e.field);
                        open = Some(Error::new(
                            e.code,
                            format!("members[{j}].{key}"),
                            format!("{child}是非本市户籍的{}，能否参保取决于父母一方。{}", nb.term, e.message),
                        ));
                    }
                }
            }
        }
        if let Some(e) = open {
            return Err(e);
        }
        Ok(best.map(|(j, np, _)| {
            let text =
                format!("{child}是非本市户籍的{}，须父母一方符合条件才能参保，但{}。", nb.term, join(&fails, "；"));
            (np, ParentOut { member: j, met: false, text: text.into(), source: nb.source.clone() })
        }))
    }
}

/// A member the newborn rule may concern: relation `child`, without its own
/// `newborn_parent`, non-local, no permit, not in employee insurance or at
/// school, and within the rule's months on the date of the question.
fn takes_parent(m: &MemberRequest, nb: &NewbornRule, day: chrono::NaiveDate) -> bool {
    let p = &m.person;
    let young = p
        .birth_date
        .as_deref()
        .and_then(date::parse)
        .is_some_and(|b| b <= day && date::within_months(b, day, nb.max_months));
    m.relation == Relation::Child
        && young
        && p.newborn_parent.is_none()
        && p.hukou.as_deref() == Some("nonlocal")
        && p.residence_permit != Some(true)
        && p.employee_insurance != Some(true)
        && p.school.as_deref().is_none_or(|s| School::from_id(s) == Some(School::None))
}

/// One member's answer.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify), tsify(missing_as_null))]
pub struct Member {
    pub name: Option<Text>,
    pub relation: Relation,
    /// The member in the answer's sentences: `张伟（本人）`, `第3位（子女）`.
    pub label: Text,
    /// In employee insurance (as the request says): not in resident
    /// insurance, in the supplementary plan where the set has one.
    pub employee_insurance: bool,
    /// The member's own answer: the quote of its request (boxed: a quote is
    /// large, and is moved once, not at each step).
    pub quote: Box<Quote>,
    /// For a newborn whose parent conditions came from the household.
    pub newborn_parent: Option<ParentOut>,
}

/// The family's totals: each over the members it applies to.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify), tsify(missing_as_null))]
pub struct Totals {
    /// The members in resident insurance (eligible), by index: the
    /// resident-insurance totals add their figures.
    pub resident: Vec<usize>,
    pub personal_fee: Money,
    pub assistance: Money,
    pub to_pay: Money,
    pub subsidy: Money,
    /// The members who may join the set's supplementary plan (employees
    /// included); empty where the set has none.
    pub yongningbao: Vec<usize>,
    /// `None` where the set has no supplementary plan.
    pub yongningbao_premium: Option<Money>,
    pub yongningbao_to_pay: Option<Money>,
    /// The payouts estimated for the members' bills; `None` without a bill.
    pub yongningbao_payout: Option<Money>,
    /// Where some payout is a range (`upper_bound`): the low end, added the
    /// same way (the others' payouts as they are).
    pub yongningbao_payout_low: Option<Money>,
    /// Members in resident insurance (or whose case is referred to a
    /// document not on file) with a figure the notices do not give: not in
    /// the totals of those figures.
    pub not_included: Vec<NotIncluded>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify), tsify(missing_as_null))]
pub struct NotIncluded {
    pub member: usize,
    /// The totals (by field name) that leave the member out.
    pub figures: Vec<Text>,
    pub reason: Text,
}

/// Which insurance an enrolment channel is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify), tsify(missing_as_null))]
#[serde(rename_all = "snake_case")]
pub enum Insurance {
    Resident,
    /// The set's supplementary plan.
    Yongningbao,
}

/// An enrolment channel with the members who use it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify), tsify(missing_as_null))]
pub struct Channelled {
    pub insurance: Insurance,
    pub channel: Channel,
    /// What to do, as the answer's sentence says it.
    pub next: Option<Text>,
    /// The clauses: the channel's own rule (resident insurance), or the ways
    /// the members may buy the plan.
    pub how: Vec<Clause>,
    pub members: Vec<usize>,
}

/// A way of buying the supplementary plan that names relatives, for one
/// member in employee insurance: the members it may be used for.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify), tsify(missing_as_null))]
pub struct AccountOut {
    /// The member in employee insurance.
    pub member: usize,
    /// The members it may buy the plan for who have to buy it (not those
    /// the government enrols): the employee first, then the relatives.
    pub members: Vec<usize>,
    pub text: Text,
    pub source: Text,
}

/// The answer for a household.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify), tsify(missing_as_null))]
pub struct Household {
    pub policy: PolicyRef,
    pub as_of: AsOf,
    /// The benefit year in force on the date of the question, where it is
    /// not `benefit_year` (one for the household: the members' own).
    pub in_force: Option<crate::answer::InForce>,
    pub benefit_year: i32,
    pub members: Vec<Member>,
    pub totals: Totals,
    /// One paragraph: the totals, who pays what, where each enrols.
    pub summary: Text,
    pub enrollment: Vec<Channelled>,
    pub accounts: Vec<AccountOut>,
    /// The members' notes, each once.
    pub notes: Vec<Text>,
    /// The members' assumptions, each once, and the household's own.
    pub assumptions: Vec<Assumption>,
}

/// Answers a household against the given policy sets: each member as the
/// quote of its own request (as [`HouseholdRequest::requests`] makes them),
/// then what the family has.
pub fn answer(all: &[Policy], req: HouseholdRequest) -> Result<Household, Error> {
    let parents = req.parents(all)?;
    let HouseholdRequest { context, members: asked_for } = req;
    // One request, its person each member's in turn (nothing copied).
    let mut r = Request { context, person: Person::default() };
    // What the members' answers share, worked out once (its errors are the
    // shared fields', as the first member's answer gives them).
    let mut setting = engine::setting(all, &r, Detail::Full, true).map_err(|e| in_member(0, &asked(0), e))?;
    let n = asked_for.len();
    let mut members = Vec::with_capacity(n);
    for (i, (m, via)) in asked_for.into_iter().zip(parents).enumerate() {
        r.person = m.person;
        let via = via.map(|(np, o)| {
            r.person.newborn_parent = Some(np);
            o
        });
        let quote = match engine::quote_at(all, &mut setting, &r, i + 1 == n) {
            Ok(q) => Box::new(q),
            Err(e) => return Err(in_member(i, &asked(i), e)),
        };
        members.push(Member {
            label: label(i, m.name.as_deref(), m.relation).into(),
            name: m.name.map(Text::from),
            relation: m.relation,
            employee_insurance: r.person.employee_insurance == Some(true),
            quote,
            newborn_parent: via,
        });
    }
    let Some(first) = members.first() else {
        return Err(Error::new(Code::Missing, "members", "请至少填写一位家庭成员。"));
    };
    let Some(p) = all.iter().find(|p| p.id == first.quote.policy.id) else {
        return Err(Error::new(Code::InvalidValue, "region", "没有找到所用的政策。"));
    };
    let (policy, as_of, benefit_year) =
        (first.quote.policy.clone(), first.quote.as_of.clone(), first.quote.benefit_year);
    // The household's: the year's, not a newborn member's own reading.
    let in_force = crate::today::in_force(all, &setting.chosen, setting.date, chrono::NaiveDate::MIN);
    let totals = totals(p, &members);
    let enrollment = channels(p, &members);
    let accounts = accounts(p, &members);
    let mut notes: Vec<Text> = Vec::new();
    let mut assumptions: Vec<Assumption> = Vec::new();
    for q in members.iter().map(|m| &m.quote) {
        for n in &q.notes {
            if !notes.contains(n) {
                notes.push(n.clone());
            }
        }
        for a in &q.assumptions {
            if !assumptions.iter().any(|x| x.id == a.id) {
                assumptions.push(a.clone());
            }
        }
    }
    if members.iter().any(|m| m.newborn_parent.is_some()) {
        assumptions.push(Assumption {
            id: "household-parents".into(),
            text: "文件写“父母一方”：本计算器把关系为“本人”和“配偶”的成员当作关系为“子女”的成员的父母，按他们填写的居住证、职工医保缴费月数和医保待遇情况判断新生儿能否随父母参保。".into(),
        });
    }
    if !accounts.is_empty() {
        assumptions.push(Assumption {
            id: "household-kin".into(),
            text: "家庭成员的关系都是相对“本人”填写的：本计算器只列出由此能确定的亲属（本人的子女也算作配偶的子女；配偶的父母不算作配偶的“父母”，父母之间是否为配偶也不推断）。".into(),
        });
    }
    let mut h = Household {
        policy,
        as_of,
        in_force,
        benefit_year,
        members,
        totals,
        summary: Text::default(),
        enrollment,
        accounts,
        notes,
        assumptions,
    };
    h.summary = summary(p, &h).into();
    Ok(h)
}

fn add(a: Option<Money>, b: Option<Money>) -> Option<Money> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a + b),
        (a, b) => a.or(b),
    }
}

fn totals(p: &Policy, members: &[Member]) -> Totals {
    let zero = Money::ZERO;
    let mut t = Totals {
        resident: Vec::new(),
        personal_fee: zero,
        assistance: zero,
        to_pay: zero,
        subsidy: zero,
        yongningbao: Vec::new(),
        yongningbao_premium: p.yongningbao.as_ref().map(|_| zero),
        yongningbao_to_pay: p.yongningbao.as_ref().map(|_| zero),
        yongningbao_payout: None,
        yongningbao_payout_low: None,
        not_included: Vec::new(),
    };
    let mut ranged = false;
    for (i, m) in members.iter().enumerate() {
        let q = &m.quote;
        if q.eligible != Some(false) {
            let mut missing: Vec<Text> = Vec::new();
            for (name, v, sum) in [
                ("personal_fee", q.personal_fee, &mut t.personal_fee),
                ("assistance", q.assistance, &mut t.assistance),
                ("to_pay", q.to_pay, &mut t.to_pay),
                ("subsidy", q.subsidy, &mut t.subsidy),
            ] {
                match v.filter(|_| q.eligible == Some(true)) {
                    Some(v) => *sum = *sum + v,
                    None => missing.push(name.into()),
                }
            }
            if q.eligible == Some(true) {
                t.resident.push(i);
            }
            if !missing.is_empty() {
                t.not_included.push(NotIncluded { member: i, figures: missing, reason: not_given(p, q) });
            }
        }
        if let Some(y) = q.yongningbao.as_ref().filter(|y| y.eligible) {
            t.yongningbao.push(i);
            t.yongningbao_premium = add(t.yongningbao_premium, y.premium);
            t.yongningbao_to_pay = add(t.yongningbao_to_pay, y.to_pay);
            if let Some(pay) = &y.payout {
                t.yongningbao_payout = add(t.yongningbao_payout, Some(pay.total));
                t.yongningbao_payout_low = add(t.yongningbao_payout_low, Some(pay.total_low.unwrap_or(pay.total)));
                ranged |= pay.upper_bound;
            }
        }
    }
    if !ranged {
        t.yongningbao_payout_low = None;
    }
    t
}

/// Why a member's figure is not given: the case is referred elsewhere, the
/// tier has no fee in the notice, or the assistance comes from elsewhere.
fn not_given(p: &Policy, q: &Quote) -> Text {
    if q.eligible.is_none() {
        return q.reason.clone();
    }
    let tier = q.tier.as_ref().and_then(|t| p.tiers.iter().find(|x| x.id == t.id));
    if let Some(r) = tier.and_then(|t| t.no_fee_reason.as_ref()).filter(|_| q.personal_fee.is_none()) {
        return r.clone();
    }
    // Why the assistance is not known: the clause the answer's assistance rests on.
    let src = q.sources.assistance.as_ref();
    if let Some(n) = p.assistance.nonlocal.as_ref().filter(|n| q.to_pay.is_none() && src == Some(&n.source)) {
        return n.text.clone();
    }
    let until = p.identities.iter().filter(|i| src == Some(&i.source)).find_map(|i| i.assistance_until.as_ref());
    if let Some(u) = until.filter(|u| q.benefit_year > u.last_year && q.assistance.is_none()) {
        return u.text.clone();
    }
    match &p.assistance.elsewhere {
        Some(e) if q.personal_fee.is_none() => e.text.clone(),
        _ => "本通知没有给出这一金额。".into(),
    }
}

/// The enrolment channels, each with its members, in the order of their
/// first member: resident insurance by each member's channel and the rule
/// that leads it, then the supplementary plan's.
fn channels(p: &Policy, members: &[Member]) -> Vec<Channelled> {
    let mut out: Vec<Channelled> = Vec::new();
    let mut put = |insurance: Insurance, channel: Channel, next: Option<&Text>, how: &[Clause], i: usize| {
        let same = |g: &&mut Channelled| g.insurance == insurance && g.channel == channel && g.next.as_ref() == next;
        match out.iter_mut().find(same) {
            Some(g) => {
                g.members.push(i);
                for h in how {
                    if !g.how.contains(h) {
                        g.how.push(h.clone());
                    }
                }
            }
            None => {
                out.push(Channelled { insurance, channel, next: next.cloned(), how: how.to_vec(), members: vec![i] })
            }
        }
    };
    for (i, m) in members.iter().enumerate() {
        let e = &m.quote.enrollment;
        if let Some(ch) = e.channel.filter(|_| m.quote.eligible == Some(true)) {
            let lead = e.how.iter().find_map(|c| p.enroll_how.iter().find(|r| r.channel == ch && r.text == c.text));
            let how: Vec<Clause> =
                lead.map(|r| Clause { text: r.text.clone(), source: r.source.clone() }).into_iter().collect();
            put(Insurance::Resident, ch, lead.and_then(|r| r.next.as_ref()), &how, i);
        }
    }
    for (i, m) in members.iter().enumerate() {
        if let Some(y) = m.quote.yongningbao.as_ref().filter(|y| y.eligible) {
            if let Some(e) = &y.enrollment {
                if let Some(ch) = e.channel {
                    put(Insurance::Yongningbao, ch, None, &e.how, i);
                }
            }
        }
    }
    out
}

/// For each member in employee insurance who may join the plan, the ways of
/// buying it that name relatives, with the members those are.
fn accounts(p: &Policy, members: &[Member]) -> Vec<AccountOut> {
    let Some(y) = &p.yongningbao else { return Vec::new() };
    let mut out = Vec::new();
    let buys = |m: &Member| m.quote.yongningbao.as_ref().is_some_and(|y| y.eligible && !y.paid_by_government);
    for (e, member) in members.iter().enumerate() {
        if !member.employee_insurance || !member.quote.yongningbao.as_ref().is_some_and(|y| y.eligible) {
            continue;
        }
        for h in y.how.iter().filter(|h| !h.account_for.is_empty() && matches!(h.when, YnbWho::All | YnbWho::Employee))
        {
            let mut for_members = if buys(member) { vec![e] } else { Vec::new() };
            let mut free = Vec::new();
            for (j, om) in members.iter().enumerate() {
                if j == e || !member.relation.kin(om.relation).is_some_and(|k| h.account_for.contains(&k)) {
                    continue;
                }
                if buys(om) {
                    for_members.push(j);
                } else if om.quote.yongningbao.as_ref().is_some_and(|y| y.paid_by_government) {
                    free.push(om.label.to_string());
                }
            }
            let names: Vec<&str> = for_members.iter().filter_map(|j| members.get(*j)).map(|m| &*m.label).collect();
            let mut text = format!("{}已参加职工医保。{}", member.label, h.text);
            if !names.is_empty() {
                w!(text, "按填写的关系，本户中可以这样购买{}的是：{}。", y.name, join(&names, "、"));
            }
            if !free.is_empty() {
                w!(text, "{}由政府资助参加{}，不需购买。", join(&free, "、"), y.name);
            }
            out.push(AccountOut { member: e, members: for_members, text: text.into(), source: h.source.clone() });
        }
    }
    out
}

/// The household's paragraph: the totals, who pays what, who is not in
/// resident insurance, where each enrols, the newborns' parents, the
/// employees' accounts, the window.
fn summary(p: &Policy, h: &Household) -> String {
    let t = &h.totals;
    // The members' labels, written straight into the text (no parts to join).
    let names = |s: &mut String, is: &mut dyn Iterator<Item = usize>| {
        for (k, i) in is.enumerate() {
            if k > 0 {
                s.push('、');
            }
            s.push_str(h.members.get(i).map_or("", |m| &*m.label));
        }
    };
    let plan = p.yongningbao.as_ref().map(|y| &*y.name);
    let mut s = String::with_capacity(256 * h.members.len() + 512);
    s.push_str(&crate::today::household_steps(&h.members.iter().map(|m| (&*m.label, &*m.quote)).collect::<Vec<_>>()));
    if h.as_of.beyond_newest {
        s.push_str(&h.as_of.text);
    }
    w!(
        s,
        "全家{}人，{}{}年度居民医保{}人：个人缴费合计{}元",
        h.members.len(),
        p.region_name,
        h.benefit_year,
        t.resident.len(),
        t.personal_fee
    );
    if t.assistance > Money::ZERO {
        w!(s, "，其中资助{}元", t.assistance);
    }
    w!(s, "，实际需缴合计{}元", t.to_pay);
    if !t.not_included.is_empty() {
        s.push_str("（不含");
        names(&mut s, &mut t.not_included.iter().map(|n| n.member));
        s.push_str("：通知没有给出金额）");
    }
    if let (Some(plan), Some(premium), Some(pay)) = (plan, t.yongningbao_premium, t.yongningbao_to_pay) {
        w!(s, "；{}{}人：保费合计{}元，需缴合计{}元", plan, t.yongningbao.len(), premium, pay);
        match (t.yongningbao_payout, t.yongningbao_payout_low) {
            (Some(high), Some(low)) => w!(s, "，所填账单估算赔付合计{}至{}元", low, high),
            (Some(pay), None) => w!(s, "，所填账单估算赔付合计{}元", pay),
            _ => {}
        }
    }
    s.push_str("。各人需缴：");
    for (i, m) in h.members.iter().enumerate() {
        let q = &m.quote;
        if i > 0 {
            s.push('；');
        }
        s.push_str(&m.label);
        s.push('：');
        match (q.eligible, q.to_pay) {
            (Some(false), _) if m.employee_insurance => s.push_str("已参加职工医保（不参加居民医保）"),
            (Some(true), Some(pay)) if pay == Money::ZERO && q.personal_fee.is_some_and(|f| f > Money::ZERO) => {
                s.push_str("居民医保0元（全额资助）");
            }
            (Some(true) | None, Some(pay)) => w!(s, "居民医保{pay}元"),
            (Some(true) | None, None) => s.push_str("居民医保金额未给出"),
            (Some(false), _) => s.push_str("不参加居民医保"),
        }
        if let Some(y) = q.yongningbao.as_ref().filter(|y| y.eligible) {
            let free = if y.paid_by_government { "（政府资助）" } else { "" };
            w!(s, "，{}{}元{free}", y.name, y.to_pay.unwrap_or_default());
        }
    }
    s.push('。');
    for m in h.members.iter().filter(|m| m.quote.eligible == Some(false) && !m.employee_insurance) {
        w!(s, "{}：{}", m.label, m.quote.reason);
    }
    for m in &h.members {
        if let Some(c) = &m.quote.change {
            w!(s, "{}的身份变化：{}", m.label, c.reason);
        }
    }
    let mut ways = h.enrollment.iter().filter(|g| g.insurance == Insurance::Resident && g.next.is_some()).peekable();
    if ways.peek().is_some() {
        s.push_str("居民医保办理：");
        for (k, g) in ways.enumerate() {
            if k > 0 {
                s.push('；');
            }
            names(&mut s, &mut g.members.iter().copied());
            s.push_str(g.next.as_deref().unwrap_or_default());
        }
        s.push('。');
    }
    for m in &h.members {
        if let Some(v) = &m.newborn_parent {
            s.push_str(&v.text);
        }
    }
    for a in h.accounts.iter().filter(|a| a.members.iter().any(|j| *j != a.member)) {
        if let Some(plan) = plan {
            names(&mut s, &mut std::iter::once(a.member));
            w!(s, "可按{}的规定为", a.source);
            names(&mut s, &mut a.members.iter().copied().filter(|j| *j != a.member));
            w!(s, "购买{}。", plan);
        }
    }
    if let Some(q) = h.members.first().map(|m| &m.quote).filter(|_| !h.as_of.beyond_newest) {
        let e = &q.enrollment;
        w!(s, "集中参保期为{}{}", date::span_words(e.start.day(), e.end.day()), status_words(e.status));
        if e.status == Some(Status::Closed) {
            w!(s, "，{NO_OUTSIDE_WINDOW}，可向当地医保经办机构咨询");
        }
        s.push('。');
    }
    if let Some(f) = &h.in_force {
        s.push_str(&f.text);
    }
    s
}
