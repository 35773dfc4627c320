//! The engine: one person, one policy set, one answer with its reasons.

use crate::date;
use crate::error::Error;
use crate::money::Money;
use crate::payout::{self, PayoutResult};
use crate::policy::{dec, Assumption, Clause, HowRule, Policy, Split, Text, Tier};
use crate::request::{Bill, Request};
use chrono::{Days, NaiveDate};
use rust_decimal::Decimal;
use serde::Serialize;

/// How many months old a local child may be for the "新生儿一件事" hint.
const NEWBORN_HINT_MONTHS: u32 = 6;

/// A step of the reasoning, with the clause it rests on: the policy
/// model's own [`Clause`], so facts from the files pass through unchanged.
pub type Step = Clause;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PolicyRef {
    pub id: Text,
    pub region: Text,
    pub region_name: Text,
    pub region_note: Option<Text>,
    pub document: Text,
    pub document_title: Text,
    pub issuer: Text,
    pub document_date: Text,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TierOut {
    pub id: Text,
    pub name: Text,
    pub source: Text,
}

/// One payer's part of the subsidy or of the assistance.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SplitOut {
    pub payer: Text,
    pub name: Text,
    /// `None` where the notice gives only a rule.
    pub amount: Option<Money>,
    pub rule: Text,
    pub source: Text,
}

/// A dated span with its clause, as in the policy files.
pub type Period = crate::policy::Span;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Enrollment {
    pub start: Text,
    pub end: Text,
    /// `not_yet`, `open` or `closed` on the date of the question; `None`
    /// without a date.
    pub status: Option<&'static str>,
    pub source: Text,
    /// The main channel for this person (`automatic`, `school`,
    /// `newborn_bundle`, `offline_window`, `online_or_offline`, …).
    pub channel: Option<Text>,
    /// What this person does, in order, each with its clause.
    pub how: Vec<Step>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Sources {
    pub eligibility: Option<Text>,
    pub tier: Option<Text>,
    pub personal_fee: Option<Text>,
    pub ltc_fee: Option<Text>,
    pub subsidy: Option<Text>,
    pub assistance: Option<Text>,
    pub benefit_period: Text,
    pub enrollment: Text,
}

/// 天一甬宁保 for this person.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct YongningbaoOut {
    pub name: Text,
    pub year: i32,
    pub eligible: bool,
    pub reason: Text,
    pub premium: Option<Money>,
    pub paid_by_government: bool,
    pub to_pay: Option<Money>,
    pub enrollment: Enrollment,
    pub cover: Period,
    pub waiting_period: Step,
    pub sources: YnbSources,
    /// The payout estimate for the request's bill; `None` without a bill or
    /// for someone not eligible (then `payout_reason` says why).
    pub payout: Option<PayoutResult>,
    pub payout_reason: Option<Text>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct YnbSources {
    pub eligibility: Text,
    pub premium: Text,
    pub free: Text,
}

/// The answer for one person.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Quote {
    pub policy: PolicyRef,
    pub eligible: bool,
    /// Why, in one sentence.
    pub reason: Text,
    /// The answer as a sentence: the result, the reason, the next step.
    pub summary: Text,
    pub tier: Option<TierOut>,
    pub personal_fee: Option<Money>,
    pub ltc_fee: Option<Money>,
    pub subsidy: Option<Money>,
    pub assistance: Option<Money>,
    pub to_pay: Option<Money>,
    pub total_funding: Option<Money>,
    pub subsidy_split: Vec<SplitOut>,
    pub assistance_split: Vec<SplitOut>,
    pub benefit_year: i32,
    pub benefit_period: Period,
    pub enrollment: Enrollment,
    pub yongningbao: Option<YongningbaoOut>,
    /// Other facts of the notice for this policy set.
    pub info: crate::policy::List<Step>,
    pub sources: Sources,
    pub steps: Vec<Step>,
    /// Every assumption this answer relies on.
    pub assumptions: Vec<Assumption>,
    /// Remarks on the request (e.g. a bill given where there is no 甬宁保).
    pub notes: Vec<Text>,
}

/// What the engine learned about the person, in checked form.
struct Person<'p> {
    birth: NaiveDate,
    date: Option<NaiveDate>,
    local: bool,
    permit: bool,
    school: &'p str,
    employee: bool,
    identities: Vec<&'p crate::policy::Identity>,
    district: Option<&'p str>,
    qianwan: bool,
    parent: Option<&'p crate::request::NewbornParent>,
}

/// Collects the steps and assumptions of an answer.
#[derive(Default)]
struct Trail {
    steps: Vec<Step>,
    assumptions: Vec<Assumption>,
}

impl Trail {
    fn step(&mut self, text: impl Into<Text>, source: impl Into<Text>) {
        self.steps.push(Clause { text: text.into(), source: source.into() });
    }
    fn clause(&mut self, c: &Clause) {
        self.steps.push(c.clone());
    }
    fn assume(&mut self, a: &Assumption) {
        if !self.assumptions.iter().any(|x| x.id == a.id) {
            self.assumptions.push(a.clone());
        }
    }
}

fn money(s: &Option<Text>) -> Option<Money> {
    s.as_deref().and_then(dec).map(Money)
}

fn enum_field<'a>(v: &'a Option<String>, field: &str, allowed: &[&str]) -> Result<Option<&'a str>, Error> {
    match v.as_deref() {
        None => Ok(None),
        Some(s) if allowed.contains(&s) => Ok(Some(s)),
        Some(_) => Err(Error::new("invalid_value", field, crate::request::hint(field))),
    }
}

/// Chooses the policy set for a request: the year asked for; else the year
/// whose enrolment window holds `date`; else the region's latest.
pub fn choose_policy<'p>(
    all: &'p [Policy],
    req: &Request,
    date: Option<NaiveDate>,
    trail_note: &mut Option<String>,
) -> Result<&'p Policy, Error> {
    let Some(region) = req.region.as_deref() else {
        return Err(Error::new("missing", "region", crate::request::hint("region")));
    };
    // `policy_sets()` is ordered by region, then benefit year.
    let sets: Vec<&Policy> = all.iter().filter(|p| p.region == region).collect();
    if sets.is_empty() {
        return Err(Error::new("invalid_value", "region", crate::request::hint("region")));
    }
    if let Some(year) = req.benefit_year {
        return sets.iter().copied().find(|p| i64::from(p.benefit_year) == year).ok_or_else(|| {
            let years: Vec<String> = sets.iter().map(|p| p.benefit_year.to_string()).collect();
            Error::new(
                "invalid_value",
                "benefit_year",
                format!(
                    "{}没有{}年度的政策，可选：{}。不确定可不填。",
                    sets.first().map_or("", |p| &*p.region_name),
                    year,
                    crate::text::join(&years, "、")
                ),
            )
        });
    }
    if let Some(d) = date {
        if let Some(p) = sets.iter().copied().find(|p| {
            matches!((date::parse(&p.enrollment.start), date::parse(&p.enrollment.end)), (Some(a), Some(b)) if a <= d && d <= b)
        }) {
            *trail_note = Some(format!("查询日在{}年度的集中参保期内，按{}年度政策计算。", p.benefit_year, p.benefit_year));
            return Ok(p);
        }
    }
    let latest = sets.last().copied().ok_or_else(|| Error::internal("no policy"))?;
    *trail_note = Some(format!(
        "未指定待遇年度{}，按{}现有最新的{}年度政策计算。",
        if date.is_some() { "且查询日不在任何集中参保期内" } else { "" },
        latest.region_name,
        latest.benefit_year
    ));
    Ok(latest)
}

fn span_status(start: &str, end: &str, on: Option<NaiveDate>) -> Result<Option<&'static str>, Error> {
    let (Some(a), Some(b)) = (date::parse(start), date::parse(end)) else {
        return Err(Error::internal("span"));
    };
    Ok(on.map(|d| {
        if d < a {
            "not_yet"
        } else if d > b {
            "closed"
        } else {
            "open"
        }
    }))
}

fn status_words(status: Option<&str>) -> &'static str {
    match status {
        Some("not_yet") => "（查询日尚未开始）",
        Some("open") => "（查询日正在进行）",
        Some("closed") => "（查询日已结束）",
        _ => "",
    }
}

/// `2023年10月10日至2023年12月25日`, written where it is formatted.
fn span_words<'a>(start: &'a str, end: &'a str) -> impl std::fmt::Display + 'a {
    struct Span<'a>(&'a str, &'a str);
    impl std::fmt::Display for Span<'_> {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            match (date::parse(self.0), date::parse(self.1)) {
                (Some(a), Some(b)) => write!(f, "{}至{}", date::words(a), date::words(b)),
                _ => write!(f, "{}至{}", self.0, self.1),
            }
        }
    }
    Span(start, end)
}

/// Answers one request against the given policy sets.
pub fn quote(all: &[Policy], req: &Request) -> Result<Quote, Error> {
    let date = match req.date.as_deref() {
        None => None,
        Some(s) => {
            Some(date::parse(s).ok_or_else(|| Error::new("invalid_value", "date", crate::request::hint("date")))?)
        }
    };
    let mut year_note = None;
    let p = choose_policy(all, req, date, &mut year_note)?;
    let person = check_person(p, req, date)?;
    if let Some(b) = &req.bill {
        b.check()?;
    }

    // Room for an answer's usual steps and assumptions.
    let mut t = Trail { steps: Vec::with_capacity(16), assumptions: Vec::with_capacity(4) };
    if let Some(n) = year_note {
        t.step(n, p.enrollment.source.clone());
    }
    let (Some(period_start), Some(period_end)) =
        (date::parse(&p.benefit_period.start), date::parse(&p.benefit_period.end))
    else {
        return Err(Error::internal("benefit_period"));
    };
    if person.birth > period_end {
        return Err(Error::new(
            "out_of_range",
            "birth_date",
            format!("出生日期晚于{}年度待遇期结束日，请检查出生日期。", p.benefit_year),
        ));
    }

    // Eligibility.
    let (eligible, reason, categories, basis) = eligibility(p, &person, &mut t)?;

    // Tier.
    let reference = period_start.checked_sub_days(Days::new(1)).ok_or_else(|| Error::internal("reference day"))?;
    let age = date::age_years(person.birth, reference);
    let tier = if eligible { choose_tier(p, &person, age, &mut t) } else { None };

    // Fees, subsidy, assistance.
    let fee = tier.and_then(|t| money(&t.personal_fee));
    let subsidy = tier.and_then(|t| money(&t.subsidy));
    let ltc = tier.and_then(|t| money(&t.ltc_fee));
    let mut assistance = None;
    let mut assistance_split = Vec::new();
    let mut subsidy_split = Vec::new();
    let mut assistance_source = None;
    if let (Some(tier), Some(fee), Some(subsidy)) = (tier, fee, subsidy) {
        t.step(format!("{}个人缴费{}元，财政补助{}元。", tier.name, fee, subsidy), tier.source.clone());
        if let Some(l) = ltc {
            t.step(
                format!("个人缴费中{}元划转用于长期护理保险（长护险），不另外收取。", l),
                tier.ltc_source.clone().unwrap_or_else(|| tier.source.clone()),
            );
        }
        subsidy_split = splits(&p.subsidy_split, &tier.id, person.qianwan, subsidy.0, person.district)?;
        let (a, source) = assistance_for(p, &person, fee, &mut t);
        assistance_source = source;
        if a.0 > Decimal::ZERO {
            assistance_split = splits(&p.assistance.split, &tier.id, person.qianwan, a.0, person.district)?;
        }
        assistance = Some(a);
    } else if let Some(tier) = tier {
        t.step(tier.no_fee_reason.clone().unwrap_or_default(), tier.source.clone());
    }
    let to_pay = match (fee, assistance) {
        (Some(f), Some(a)) => Some(f - a),
        _ => None,
    };
    let total_funding = match (fee, subsidy) {
        (Some(f), Some(s)) => Some(f + s),
        _ => None,
    };

    // Enrolment.
    let mut cats = categories;
    if assistance.is_some() && assistance == fee {
        cats = vec!["assisted_full"];
    } else if assistance.is_some_and(|a| a.0 > Decimal::ZERO) {
        // First, as `insert(0, …)` would put it (which would bring a
        // `memmove` into the WASM for this one line).
        cats = std::iter::once("assisted_partial").chain(cats).collect();
    }
    let enrollment = enrollment(p, &p.enroll_how, if eligible { &cats } else { &[] }, date)?;

    // 甬宁保.
    let yongningbao = match &p.yongningbao {
        Some(y) => Some(yongningbao(y, p, &person, eligible, tier, req.bill.as_ref(), &mut t)?),
        None => None,
    };
    let mut notes: Vec<Text> = Vec::new();
    if p.yongningbao.is_none() && req.bill.is_some() {
        notes.push(format!("{}年度{}的政策不含天一甬宁保，账单未计算赔付。", p.benefit_year, p.region_name).into());
    }
    if let Some(n) = &p.region_note {
        notes.push(n.clone());
    }
    if let Some(d) = date.filter(|d| *d > period_end) {
        notes.push(
            format!(
                "查询日{}已晚于{}年度待遇期的结束日；本计算器收录的{}最新文件是{}年度的，更新年度的缴费标准请以新发布的通知为准。",
                date::words(d),
                p.benefit_year,
                p.region_name,
                p.benefit_year
            )
            .into(),
        );
    }

    let summary = summary(p, eligible, &reason, tier, fee, ltc, subsidy, assistance, to_pay, &enrollment);
    let sources = Sources {
        eligibility: basis,
        tier: tier.map(|t| t.source.clone()),
        personal_fee: fee.and(tier.map(|t| t.source.clone())),
        ltc_fee: ltc.and(tier.map(|t| t.ltc_source.clone().unwrap_or_else(|| t.source.clone()))),
        subsidy: subsidy.and(tier.map(|t| t.source.clone())),
        assistance: assistance_source,
        benefit_period: p.benefit_period.source.clone(),
        enrollment: p.enrollment.source.clone(),
    };
    Ok(Quote {
        policy: PolicyRef {
            id: p.id.clone(),
            region: p.region.clone(),
            region_name: p.region_name.clone(),
            region_note: p.region_note.clone(),
            document: p.document.number.clone(),
            document_title: p.document.title.clone(),
            issuer: p.document.issuer.clone(),
            document_date: p.document.date.clone(),
        },
        eligible,
        reason: reason.into(),
        summary: summary.into(),
        tier: tier.map(|t| TierOut { id: t.id.clone(), name: t.name.clone(), source: t.source.clone() }),
        personal_fee: fee,
        ltc_fee: ltc,
        subsidy,
        assistance,
        to_pay,
        total_funding,
        subsidy_split,
        assistance_split,
        benefit_year: p.benefit_year,
        benefit_period: p.benefit_period.clone(),
        enrollment,
        yongningbao,
        // The policy's own list, borrowed: nothing is copied.
        info: p.info.clone(),
        sources,
        steps: t.steps,
        assumptions: t.assumptions,
        notes,
    })
}

fn check_person<'p>(p: &'p Policy, req: &'p Request, date: Option<NaiveDate>) -> Result<Person<'p>, Error> {
    let birth_s = req
        .birth_date
        .as_deref()
        .ok_or_else(|| Error::new("missing", "birth_date", crate::request::hint("birth_date")))?;
    let birth = date::parse(birth_s)
        .ok_or_else(|| Error::new("invalid_value", "birth_date", crate::request::hint("birth_date")))?;
    if birth < NaiveDate::from_ymd_opt(1900, 1, 1).unwrap_or(NaiveDate::MIN) {
        return Err(Error::new("out_of_range", "birth_date", "出生日期早于1900年，请检查年份（格式 YYYY-MM-DD）。"));
    }
    if let Some(d) = date {
        if birth > d {
            return Err(Error::new(
                "out_of_range",
                "birth_date",
                "出生日期晚于查询日期，请检查出生日期（格式 YYYY-MM-DD）。",
            ));
        }
    }
    let hukou = enum_field(&req.hukou, "hukou", &["local", "nonlocal"])?
        .ok_or_else(|| Error::new("missing", "hukou", crate::request::hint("hukou")))?;
    let school = enum_field(&req.school, "school", crate::policy::KNOWN_SCHOOLS)?.unwrap_or("none");
    let district = if p.districts.is_empty() {
        if req.district.is_some() {
            return Err(Error::new(
                "not_applicable",
                "district",
                format!("县区只适用于白银市；{}不需要填写，请留空。", p.region_name),
            ));
        }
        None
    } else {
        let ids: Vec<&str> = p.districts.iter().map(|d| d.id.as_ref()).collect();
        let d = enum_field(&req.district, "district", &ids)?
            .ok_or_else(|| Error::new("missing", "district", crate::request::hint("district")))?;
        Some(d)
    };
    let qianwan = req.qianwan.unwrap_or(false);
    if qianwan && !p.has_qianwan {
        return Err(Error::new(
            "not_applicable",
            "qianwan",
            format!("前湾新区只适用于慈溪市；{}请不要勾选。", p.region_name),
        ));
    }
    let mut identities = Vec::new();
    for id in req.identities.iter().flatten() {
        match p.identity(id) {
            Some(i) if !identities.contains(&i) => identities.push(i),
            Some(_) => {}
            None => {
                let choices: Vec<String> = p.identities.iter().map(|i| format!("{}（{}）", i.id, i.name)).collect();
                return Err(Error::new(
                    "unknown_identity",
                    "identities",
                    format!(
                        "{}{}年度政策没有身份“{}”。可选：{}；没有特殊身份请留空。",
                        p.region_name,
                        p.benefit_year,
                        id,
                        crate::text::join(&choices, "、")
                    ),
                ));
            }
        }
    }
    Ok(Person {
        birth,
        date,
        local: hukou == "local",
        permit: req.residence_permit.unwrap_or(false),
        school,
        employee: req.employee_insurance.unwrap_or(false),
        identities,
        district,
        qianwan,
        parent: req.newborn_parent.as_ref(),
    })
}

type Eligible = (bool, String, Vec<&'static str>, Option<Text>);

fn eligibility(p: &Policy, person: &Person, t: &mut Trail) -> Result<Eligible, Error> {
    let e = &p.eligibility;
    for a in e.assumptions.iter() {
        t.assume(a);
    }
    if person.employee {
        t.clause(&e.employee_excluded);
        return Ok((
            false,
            format!("已参加职工医保的人员不能参加居民医保：{}", e.employee_excluded.text),
            vec![],
            Some(e.employee_excluded.source.clone()),
        ));
    }
    let newborn_hint = person.date.is_some_and(|d| date::within_months(person.birth, d, NEWBORN_HINT_MONTHS));
    let mut cats: Vec<&'static str> = Vec::new();
    match person.school {
        "primary_secondary" => cats.push("student"),
        "college" => cats.push("college"),
        _ => {}
    }
    if person.local {
        t.clause(&e.local_hukou);
        if newborn_hint && p.enroll_how.iter().any(|h| h.when.iter().any(|w| w == "local_newborn")) {
            cats.push("local_newborn");
            t.assume(&Assumption {
                id: "local-newborn-hint".into(),
                text: "文件未写明“新生儿一件事”适用到多大；本计算器对查询日不超过6个月（含满6个月当天）的本市户籍儿童提示这一渠道。".into(),
            });
        }
        if cats.is_empty() || cats == ["local_newborn"] {
            // Students enrol through their school, not on their own.
            cats.push("local");
        }
        return Ok((
            true,
            format!("本市户籍、未参加职工医保，可以参加{}居民医保。", p.region_name),
            cats,
            Some(e.local_hukou.source.clone()),
        ));
    }
    if let Some(s) = &e.student {
        if s.schools.iter().any(|x| x == person.school) {
            t.step(s.text.clone(), s.source.clone());
            return Ok((
                true,
                format!("在{}就读的全日制学生，不限户籍和国籍，可以参加居民医保。", p.region_name),
                cats,
                Some(s.source.clone()),
            ));
        }
    }
    if person.permit {
        t.clause(&e.residence_permit);
        cats.push("residence_permit");
        return Ok((
            true,
            format!("持{}有效居住证的非本市户籍人员，可以参加居民医保。", p.region_name),
            cats,
            Some(e.residence_permit.source.clone()),
        ));
    }
    if let Some(nb) = &e.newborn {
        // Without a date, ask for one only if the person is at most
        // `max_months` old on some day from the window's opening on.
        let young_enough = date::parse(&p.enrollment.start)
            .is_some_and(|open| date::within_months(person.birth, open.max(person.birth), nb.max_months));
        let on = match person.date {
            Some(d) => Some(d),
            None if young_enough => {
                return Err(Error::new(
                    "missing",
                    "date",
                    "判断非本市户籍新生儿能否参保需要查询日期（YYYY-MM-DD），请填写。",
                ));
            }
            None => None,
        };
        if on.is_some_and(|d| date::within_months(person.birth, d, nb.max_months)) {
            t.assume(&nb.assumption);
            let Some(parent) = parent_fails(person, nb) else {
                return Err(Error::new(
                    "missing",
                    "newborn_parent",
                    "非本市户籍、无居住证的0-6个月新生儿，能否参保取决于父母：请填写父母一方是否持本市有效居住证（residence_permit）、职工医保累计缴费月数（employee_insurance_months）和当前待遇是否正常（insured_normal）。",
                ));
            };
            t.step(nb.text.clone(), nb.source.clone());
            if parent.is_empty() {
                cats.push("nonlocal_newborn");
                return Ok((
                    true,
                    "0-6个月新生儿，父母一方符合条件，可由父母一方为其办理参保。".into(),
                    cats,
                    Some(nb.source.clone()),
                ));
            }
            return Ok((
                false,
                format!("0-6个月新生儿须父母一方符合条件才能参保，但{}。", crate::text::join(&parent, "、")),
                vec![],
                Some(nb.source.clone()),
            ));
        }
    }
    let mut reason = format!("非本市户籍、没有{}有效居住证", p.region_name);
    if e.student.is_some() {
        reason.push_str("、不是在本市学校就读的全日制学生");
    }
    reason.push_str("，按本通知不能参加居民医保。");
    t.step(reason.clone(), e.residence_permit.source.clone());
    Ok((false, reason, vec![], Some(e.residence_permit.source.clone())))
}

/// The parent conditions that fail (empty: all met); `None` when the
/// request says nothing about the parent.
fn parent_fails(person: &Person, nb: &crate::policy::NewbornRule) -> Option<Vec<String>> {
    let np = person.parent?;
    let mut fails = Vec::new();
    if nb.parent_residence_permit && np.residence_permit != Some(true) {
        fails.push("父母一方未持本市有效居住证".to_string());
    }
    if let Some(min) = nb.parent_min_employee_months {
        if np.employee_insurance_months.unwrap_or(0) < min {
            fails.push(format!("父母一方职工医保累计缴费不满{min}个月"));
        }
    }
    if nb.parent_insured_normal && np.insured_normal != Some(true) {
        fails.push("父母一方当前医保待遇不正常".to_string());
    }
    Some(fails)
}

fn choose_tier<'p>(p: &'p Policy, person: &Person, age: u32, t: &mut Trail) -> Option<&'p Tier> {
    if let Some(a) = &p.age_rule.assumption {
        t.assume(a);
    }
    let by_school = p.tiers.iter().find(|x| x.schools.iter().any(|s| s == person.school));
    let tier = by_school.or_else(|| {
        p.tiers.iter().find(|x| x.min_age.is_some_and(|lo| lo <= age) && x.max_age.is_none_or(|hi| age < hi))
    })?;
    let how = if by_school.is_some() {
        format!("按在读情况，属于{}。", tier.name)
    } else {
        format!("{}，按年龄{}周岁，属于{}。", p.age_rule.text, age, tier.name)
    };
    t.step(how, tier.source.clone());
    Some(tier)
}

/// Assistance: the single highest amount of the person's identities, never
/// more than the fee. Returns the amount and whether it covers the fee.
fn assistance_for(p: &Policy, person: &Person, fee: Money, t: &mut Trail) -> (Money, Option<Text>) {
    let with_aid: Vec<_> = person.identities.iter().filter(|i| i.assistance.is_some()).collect();
    for i in person.identities.iter().filter(|i| i.assistance.is_none()) {
        t.step(format!("{}：本通知的居民医保资助对象未列入这一身份。", i.name), i.source.clone());
    }
    if with_aid.is_empty() {
        return (Money::ZERO, None);
    }
    if let Some(rule) = &p.assistance.requires_local_hukou {
        if !person.local {
            t.step(format!("非本市户籍：{}。", rule.text), rule.source.clone());
            return (Money::ZERO, None);
        }
    }
    let mut best: Option<(Money, &crate::policy::Identity)> = None;
    for i in with_aid {
        let amount = match i.assistance.as_deref() {
            Some("full") => fee,
            Some(a) => dec(a).map(Money).unwrap_or(Money::ZERO).min(fee),
            None => Money::ZERO,
        };
        if best.is_none_or(|(b, _)| amount > b) {
            best = Some((amount, i));
        }
    }
    let Some((amount, who)) = best else { return (Money::ZERO, None) };
    if amount == fee {
        t.step(format!("{}：个人缴费{}元由政府全额资助。", who.name, fee), who.source.clone());
    } else {
        t.step(format!("{}：资助{}元。", who.name, amount), who.source.clone());
    }
    if person.identities.iter().filter(|i| i.assistance.is_some()).count() > 1 {
        t.clause(&p.assistance.combine);
    }
    (amount, Some(who.source.clone()))
}

fn splits(
    rules: &[Split],
    tier: &str,
    qianwan: bool,
    total: Decimal,
    district: Option<&str>,
) -> Result<Vec<SplitOut>, Error> {
    let mut out = Vec::new();
    for s in rules.iter().filter(|s| s.applies(tier, qianwan)) {
        let Some(amount) = s.amount_for(total, district) else { continue };
        out.push(SplitOut {
            payer: s.payer.clone(),
            name: s.name.clone(),
            amount: amount.map(Money),
            rule: s.rule.clone(),
            source: s.source.clone(),
        });
    }
    let known: Vec<Money> = out.iter().filter_map(|s| s.amount).collect();
    if known.len() == out.len() && known.iter().copied().sum::<Money>() != Money(total) {
        return Err(Error::internal("split does not add up"));
    }
    Ok(out)
}

fn enrollment(p: &Policy, rules: &[HowRule], cats: &[&str], on: Option<NaiveDate>) -> Result<Enrollment, Error> {
    let span = &p.enrollment;
    let status = span_status(&span.start, &span.end, on)?;
    let mut how: Vec<Step> = Vec::new();
    let mut channel = None;
    let with_all: Vec<&str> = if cats.is_empty() || cats.contains(&"assisted_full") {
        cats.to_vec()
    } else {
        cats.iter().copied().chain(["all"]).collect()
    };
    for c in &with_all {
        for r in rules.iter().filter(|r| r.when.iter().any(|w| w == c)) {
            if how.iter().any(|h| h.text == r.text) {
                continue;
            }
            if channel.is_none() && r.channel != "payment" && r.channel != "continuation" {
                channel = Some(r.channel.clone());
            }
            how.push(Clause { text: r.text.clone(), source: r.source.clone() });
        }
    }
    Ok(Enrollment {
        start: span.start.clone(),
        end: span.end.clone(),
        status,
        source: span.source.clone(),
        channel,
        how,
    })
}

fn yongningbao(
    y: &crate::policy::Yongningbao,
    p: &Policy,
    person: &Person,
    resident_eligible: bool,
    tier: Option<&Tier>,
    bill: Option<&Bill>,
    t: &mut Trail,
) -> Result<YongningbaoOut, Error> {
    let status = span_status(&y.enrollment.start, &y.enrollment.end, person.date)?;
    let enrollment = Enrollment {
        start: y.enrollment.start.clone(),
        end: y.enrollment.end.clone(),
        status,
        source: y.enrollment.source.clone(),
        channel: None,
        how: Vec::new(),
    };
    let eligible = person.employee || resident_eligible;
    let reason = if person.employee {
        t.assume(&y.employee_assumption);
        format!("已参加职工医保，可以参加{}（{}）。", y.name, y.eligibility.text)
    } else if resident_eligible {
        format!("参加{}年度{}居民医保后，可以参加{}（{}）。", p.benefit_year, p.region_name, y.name, y.eligibility.text)
    } else {
        format!(
            "{}只面向宁波市职工医保和城乡居民医保参保人员；按填写的情况，您不能参加居民医保，也未参加职工医保。",
            y.name
        )
    };
    t.step(reason.clone(), y.eligibility.source.clone());
    let mut out = YongningbaoOut {
        name: y.name.clone(),
        year: y.year,
        eligible,
        reason: reason.into(),
        premium: None,
        paid_by_government: false,
        to_pay: None,
        enrollment,
        cover: y.cover.clone(),
        waiting_period: y.waiting_period.clone(),
        sources: YnbSources {
            eligibility: y.eligibility.source.clone(),
            premium: y.premium_source.clone(),
            free: y.free_source.clone(),
        },
        payout: None,
        payout_reason: None,
    };
    if !eligible {
        if bill.is_some() {
            out.payout_reason = Some(format!("不能参加{}，因此没有赔付。", y.name).into());
        }
        return Ok(out);
    }
    let cutoff = date::parse(&y.reduced_born_on_or_after).ok_or_else(|| Error::internal("ynb cutoff"))?;
    let student_tier = resident_eligible && tier.is_some_and(|t| y.reduced_tiers.contains(&t.id));
    let reduced = person.birth >= cutoff || student_tier;
    let premium = money(&Some(if reduced { y.premium_reduced.clone() } else { y.premium_standard.clone() }))
        .ok_or_else(|| Error::internal("ynb premium"))?;
    let why = if person.birth >= cutoff {
        format!("{}（含）以后出生的未成年人", date::words(cutoff))
    } else if student_tier {
        "居民医保学生档参保人员".to_string()
    } else {
        "其他参保人员".to_string()
    };
    t.step(format!("{}保费：{}每人{}元。", y.name, why, premium), y.premium_source.clone());
    let free: Vec<&str> =
        y.free.iter().filter(|f| person.identities.iter().any(|i| i.id == f.id)).map(|f| &*f.term).collect();
    if !free.is_empty() {
        if y.free_requires_local_hukou && !person.local {
            t.step(format!("{}的政府资助限本市户籍人员，非本市户籍不享受。", y.name), y.free_source.clone());
        } else {
            out.paid_by_government = true;
            t.step(
                format!("本市户籍的{}由政府全额资助参加{}，不需个人操作。", crate::text::join(&free, "、"), y.name),
                y.free_source.clone(),
            );
        }
    }
    out.premium = Some(premium);
    out.to_pay = Some(if out.paid_by_government { Money::ZERO } else { premium });
    if let Some(b) = bill {
        let r = payout::estimate(&y.payout, b)?;
        t.assume(&y.payout.reading);
        if r.upper_bound {
            t.assume(&y.payout.outside_ningbo);
        }
        out.payout = Some(r);
    }
    Ok(out)
}

#[allow(clippy::too_many_arguments)]
fn summary(
    p: &Policy,
    eligible: bool,
    reason: &str,
    tier: Option<&Tier>,
    fee: Option<Money>,
    ltc: Option<Money>,
    subsidy: Option<Money>,
    assistance: Option<Money>,
    to_pay: Option<Money>,
    enrollment: &Enrollment,
) -> String {
    if !eligible {
        return reason.to_string();
    }
    let mut s = String::with_capacity(512);
    let Some(tier) = tier else { return reason.to_string() };
    match (fee, subsidy, to_pay) {
        (Some(fee), Some(sub), Some(pay)) => {
            w!(s, "您属于{}，{}年度个人缴费{}元", tier.name, p.benefit_year, fee);
            if let Some(l) = ltc {
                w!(s, "（其中{}元为长期护理保险）", l);
            }
            w!(s, "，政府财政补助{}元", sub);
            match assistance {
                Some(a) if a == fee => {
                    w!(s, "；您的个人缴费由政府全额资助，您需缴纳{}元。", pay)
                }
                Some(a) if a.0 > Decimal::ZERO => {
                    w!(s, "；可获资助{}元，实际需缴纳{}元。", a, pay)
                }
                _ => s.push('。'),
            }
        }
        _ => {
            w!(s, "您属于{}。", tier.name);
            if let Some(r) = &tier.no_fee_reason {
                s.push_str(r);
            }
        }
    }
    w!(s, "集中参保期为{}{}", span_words(&enrollment.start, &enrollment.end), status_words(enrollment.status));
    let next = match enrollment.channel.as_deref() {
        Some("automatic") => "，无需个人办理。",
        Some("school") => "，由学校统一组织参保。",
        Some("newborn_bundle") => "，可通过“新生儿一件事”办理。",
        Some("offline_window") => "，需到居住地便民服务机构或医保窗口线下办理。",
        Some("online_or_offline") => "，可通过“浙里办”APP或户籍地便民服务机构办理。",
        Some("assisted_partial") => "，资助按“当月参保、次月资助”落实。",
        Some("residence_permit") => "，可持居住证在本地参保缴费。",
        _ => "。",
    };
    s.push_str(next);
    s
}
