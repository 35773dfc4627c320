//! The engine: one person, one policy set, one answer with its reasons.
//!
//! A question may come after the newest notice on file. The engine then
//! answers with the newest notice's rules applied to the benefit year the
//! date implies (see [`choose_policy`]): ages, the newborn's months and the
//! 甬宁保 minor rule are counted for that year as the notice counts them for
//! its own, and the answer says so first ([`AsOf`]) and lists the readings
//! this needs as assumptions. No later figure is invented: the amounts are
//! the newest notice's.

use crate::date;
use crate::error::Error;
use crate::money::Money;
use crate::payout::{self, PayoutResult};
use crate::policy::{dec, Assumption, Clause, HowRule, Identity, Policy, Span, Split, Text, Tier};
use crate::request::{Bill, Request};
use chrono::{Datelike, Days, NaiveDate};
use rust_decimal::Decimal;
use serde::Serialize;

/// A step of the reasoning, with the clause it rests on: the policy
/// model's own [`Clause`], so facts from the files pass through unchanged.
pub type Step = Clause;

/// The last benefit year the engine answers for (a later date is a typo).
const LAST_YEAR: i32 = 2100;

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

/// Which notice the answer uses, against the date of the question.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AsOf {
    /// The date of the question, as given (`None` without one).
    pub date: Option<Text>,
    /// The newest benefit year on file for the region.
    pub newest_benefit_year: i32,
    /// The answer reaches beyond the newest notice on file: the date of the
    /// question is after its benefit period, or the benefit year answered
    /// is later than its own. Never without a date and a year on file.
    pub beyond_newest: bool,
    /// One sentence naming the notice the answer uses; beyond the newest,
    /// that the later year's standards await a new notice.
    pub text: Text,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TierOut {
    pub id: Text,
    pub name: Text,
    pub source: Text,
    /// The notice gives the subsidy as a minimum ("不低于").
    pub subsidy_at_least: bool,
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
    /// Whether one can buy it now, when the window is not open on the date
    /// of the question (or the year is beyond the newest notice).
    pub note: Option<Text>,
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
    pub as_of: AsOf,
    /// Whether the person can join; `None` where the notices refer the
    /// question to a document that is not on file.
    pub eligible: Option<bool>,
    /// Why, in one sentence.
    pub reason: Text,
    /// The clause that decided `eligible`.
    pub basis: Option<Step>,
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
    /// What a change of status after registering does (`None` without a
    /// `change` in the request).
    pub change: Option<crate::change::ChangeOut>,
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
    identities: Vec<&'p Identity>,
    district: Option<&'p str>,
    qianwan: bool,
    parent: Option<&'p crate::request::NewbornParent>,
}

/// Collects the steps and assumptions of an answer.
#[derive(Default)]
pub(crate) struct Trail {
    steps: Vec<Step>,
    assumptions: Vec<Assumption>,
}

impl Trail {
    pub(crate) fn step(&mut self, text: impl Into<Text>, source: impl Into<Text>) {
        self.steps.push(Clause { text: text.into(), source: source.into() });
    }
    pub(crate) fn clause(&mut self, c: &Clause) {
        self.steps.push(c.clone());
    }
    pub(crate) fn assume(&mut self, a: &Assumption) {
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

/// The policy set an answer uses and the benefit year it answers for.
#[derive(Debug, Clone, Copy)]
pub struct Chosen<'p> {
    /// The rules used.
    pub policy: &'p Policy,
    /// The benefit year answered: the policy's own, or a later one that the
    /// newest policy is applied to.
    pub year: i32,
    /// The region's newest policy set.
    pub newest: &'p Policy,
    /// The year was implied by the date of the question after the newest
    /// notice's window (not asked for).
    pub implied: bool,
}

impl Chosen<'_> {
    /// Whole years from the policy's benefit year to the year answered.
    pub fn shift(&self) -> i32 {
        self.year - self.policy.benefit_year
    }
    /// The year answered is later than the policy's own.
    pub fn projected(&self) -> bool {
        self.shift() > 0
    }
}

fn region_choices(all: &[Policy]) -> String {
    let mut seen: Vec<String> = Vec::new();
    for p in all {
        let s = format!("{}（{}）", p.region, p.region_name);
        if !seen.contains(&s) {
            seen.push(s);
        }
    }
    format!("地区请填写 {}。", crate::text::join(&seen, "、"))
}

/// Chooses the policy set and benefit year for a request, and says how in
/// the returned note (`None` when the request named an existing year):
///
/// 1. the benefit year asked for; a year later than the newest on file is
///    answered with the newest set;
/// 2. else the set whose enrolment window holds `date`;
/// 3. else the set of the next window after `date`;
/// 4. else (after the newest window) the year a resident would enrol for on
///    that date: from the month and day on which the newest window opened,
///    the next calendar year, before it the current one; never earlier than
///    the newest set's own year;
/// 5. without year or date, the region's newest set.
pub fn choose_policy<'p>(
    all: &'p [Policy],
    req: &Request,
    date: Option<NaiveDate>,
) -> Result<(Chosen<'p>, Option<String>), Error> {
    let Some(region) = req.region.as_deref() else {
        return Err(Error::new("missing", "region", region_choices(all)));
    };
    // `policy_sets()` is ordered by region, then benefit year.
    let sets: Vec<&Policy> = all.iter().filter(|p| p.region == region).collect();
    let Some(newest) = sets.last().copied() else {
        return Err(Error::new("invalid_value", "region", region_choices(all)));
    };
    let at = |policy: &'p Policy, year: i32, implied: bool| Chosen { policy, year, newest, implied };
    if let Some(year) = req.benefit_year {
        if let Some(p) = sets.iter().copied().find(|p| i64::from(p.benefit_year) == year) {
            return Ok((at(p, p.benefit_year, false), None));
        }
        if let Some(y) = i32::try_from(year).ok().filter(|y| *y > newest.benefit_year && *y <= LAST_YEAR) {
            let note = format!(
                "{}年度没有收录的文件：按{}最新的{}年度文件推算{}年度。",
                y, newest.region_name, newest.benefit_year, y
            );
            return Ok((at(newest, y, false), Some(note)));
        }
        let years: Vec<String> = sets.iter().map(|p| p.benefit_year.to_string()).collect();
        return Err(Error::new(
            "invalid_value",
            "benefit_year",
            format!(
                "{}没有{}年度的政策，可选：{}；更晚的年度按最新文件估算。不确定可不填。",
                newest.region_name,
                year,
                crate::text::join(&years, "、")
            ),
        ));
    }
    let Some(d) = date else {
        let note = format!("未指定待遇年度，按{}现有最新的{}年度政策计算。", newest.region_name, newest.benefit_year);
        return Ok((at(newest, newest.benefit_year, false), Some(note)));
    };
    let window = |p: &Policy| (date::parse(&p.enrollment.start), date::parse(&p.enrollment.end));
    if let Some(p) = sets.iter().copied().find(|p| matches!(window(p), (Some(a), Some(b)) if a <= d && d <= b)) {
        let note = format!("查询日在{}年度的集中参保期内，按{}年度政策计算。", p.benefit_year, p.benefit_year);
        return Ok((at(p, p.benefit_year, false), Some(note)));
    }
    if let Some(p) = sets.iter().copied().find(|p| matches!(window(p), (Some(a), _) if d < a)) {
        let note = format!(
            "查询日在{}年度的集中参保期开始之前，按下一个集中参保期（{}年度）计算。",
            p.benefit_year, p.benefit_year
        );
        return Ok((at(p, p.benefit_year, false), Some(note)));
    }
    let (Some(open), _) = window(newest) else { return Err(Error::internal("enrollment window")) };
    let year = if (d.month(), d.day()) >= (open.month(), open.day()) { d.year() + 1 } else { d.year() };
    let year = year.max(newest.benefit_year);
    if year == newest.benefit_year {
        let note = format!(
            "查询日在{}最新的{}年度集中参保期之后、下一年度集中参保期之前，按{}年度政策计算。",
            newest.region_name, newest.benefit_year, newest.benefit_year
        );
        return Ok((at(newest, year, false), Some(note)));
    }
    let note = format!(
        "查询日{}对应{}年度（按最新文件的集中参保期开始日{}月{}日推算）；没有{}年度的文件，按最新的{}年度文件推算。",
        date::words(d),
        year,
        open.month(),
        open.day(),
        year,
        newest.benefit_year
    );
    Ok((at(newest, year, true), Some(note)))
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
    struct Words<'a>(&'a str, &'a str);
    impl std::fmt::Display for Words<'_> {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            match (date::parse(self.0), date::parse(self.1)) {
                (Some(a), Some(b)) => write!(f, "{}至{}", date::words(a), date::words(b)),
                _ => write!(f, "{}至{}", self.0, self.1),
            }
        }
    }
    Words(start, end)
}

/// A span of the policy moved by `shift` whole years (itself when 0), its
/// source marked as a projection.
fn shifted_span(s: &Span, shift: i32, from_year: i32) -> Result<(Span, NaiveDate, NaiveDate), Error> {
    let at = |t: &str| date::parse(t).and_then(|d| date::add_years(d, shift)).ok_or_else(|| Error::internal("span"));
    let (a, b) = (at(&s.start)?, at(&s.end)?);
    if shift == 0 {
        return Ok((s.clone(), a, b));
    }
    let span = Span {
        start: date::iso(a).to_string().into(),
        end: date::iso(b).to_string().into(),
        source: format!("{}（按{}年度文件推算）", s.source, from_year).into(),
        condition: s.condition.clone(),
    };
    Ok((span, a, b))
}

/// What the person's identities give towards the personal fee.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Aid {
    /// No assisted identity.
    None,
    /// The whole personal fee.
    Full,
    /// A fixed amount (at most the fee).
    Fixed(Money),
    /// An assisted identity, but this set's assistance is for local
    /// household registration only.
    Denied,
    /// An assisted identity whose assistance comes from the place of
    /// household registration, at a standard not in the notice.
    HukouPlace,
}

/// Answers one request against the given policy sets.
pub fn quote(all: &[Policy], req: &Request) -> Result<Quote, Error> {
    let date = match req.date.as_deref() {
        None => None,
        Some(s) => {
            Some(date::parse(s).ok_or_else(|| Error::new("invalid_value", "date", crate::request::hint("date")))?)
        }
    };
    if date.is_some_and(|d| d.year() >= LAST_YEAR) {
        return Err(Error::new("out_of_range", "date", "查询日期晚于2099年，请检查年份（格式 YYYY-MM-DD）。"));
    }
    let (chosen, year_note) = choose_policy(all, req, date)?;
    let p = chosen.policy;
    let shift = chosen.shift();
    let person = check_person(p, req, date)?;
    let change_in = req.change.as_ref().map(|c| crate::change::check(p, c)).transpose()?;
    if let Some(b) = &req.bill {
        b.check()?;
    }

    // Room for an answer's usual steps and assumptions.
    let mut t = Trail { steps: Vec::with_capacity(16), assumptions: Vec::with_capacity(4) };
    if let Some(n) = year_note {
        t.step(n, p.enrollment.source.clone());
    }
    let (benefit_period, period_start, period_end) = shifted_span(&p.benefit_period, shift, p.benefit_year)?;
    if person.birth > period_end {
        return Err(Error::new(
            "out_of_range",
            "birth_date",
            format!(
                "出生日期晚于{}年度待遇期的结束日（{}）。如要查询以后的年度，请不填待遇年度，只填查询日期。",
                chosen.year,
                date::words(period_end)
            ),
        ));
    }
    let reference = period_start.checked_sub_days(Days::new(1)).ok_or_else(|| Error::internal("reference day"))?;
    if chosen.projected() {
        t.assume(&projection_assumption(&chosen, reference));
        if chosen.implied {
            t.assume(&implied_year_assumption(p));
        }
    }

    // Eligibility.
    let elig = eligibility(p, &person, &mut t)?;
    let eligible = elig.eligible == Some(true);

    // Tier.
    let age = date::age_years(person.birth, reference);
    let tier = if eligible { choose_tier(p, &person, age, reference, shift, &mut t) } else { None };

    // Fees, subsidy, assistance.
    let fee = tier.and_then(|t| money(&t.personal_fee));
    let subsidy = tier.and_then(|t| money(&t.subsidy));
    let ltc = tier.and_then(|t| money(&t.ltc_fee));
    let mut aid = Aid::None;
    let mut assistance_source = None;
    let mut subsidy_split = Vec::new();
    if let Some(tier) = tier {
        match (fee, subsidy) {
            (Some(fee), Some(subsidy)) => {
                let at_least = if tier.subsidy_at_least { "不低于" } else { "" };
                t.step(
                    format!("{}个人缴费{}元，财政补助{}{}元。", tier.name, fee, at_least, subsidy),
                    tier.source.clone(),
                );
                if let Some(l) = ltc {
                    t.step(
                        format!("个人缴费中{}元划转用于长期护理保险（长护险），不另外收取。", l),
                        tier.ltc_source.clone().unwrap_or_else(|| tier.source.clone()),
                    );
                }
                subsidy_split = splits(&p.subsidy_split, &tier.id, person.qianwan, subsidy.0, person.district)?;
            }
            _ => t.step(tier.no_fee_reason.clone().unwrap_or_default(), tier.source.clone()),
        }
        (aid, assistance_source) = assistance_for(p, &person.identities, person.local, fee, &mut t);
    }
    let (assistance, to_pay) = match (fee, aid) {
        (Some(f), Aid::Full) => (Some(f), Some(Money::ZERO)),
        (Some(f), Aid::Fixed(a)) => (Some(a), Some(f - a)),
        (Some(f), Aid::None | Aid::Denied) => (Some(Money::ZERO), Some(f)),
        (None, Aid::Full) => (None, Some(Money::ZERO)),
        (_, _) => (None, None),
    };
    let mut assistance_split = Vec::new();
    if let (Some(tier), Some(a)) = (tier, assistance.filter(|a| a.0 > Decimal::ZERO)) {
        assistance_split = splits(&p.assistance.split, &tier.id, person.qianwan, a.0, person.district)?;
        if person.qianwan {
            if let Some(x) = &p.assistance.qianwan_assumption {
                t.assume(x);
            }
        }
    }
    let total_funding = match (fee, subsidy) {
        (Some(f), Some(s)) => Some(f + s),
        _ => None,
    };

    // Enrolment: the categories the eligibility found, behind the assisted ones.
    let cats: Vec<&'static str> = match aid {
        Aid::Full => std::iter::once("assisted_full").chain(elig.cats.iter().copied()).collect(),
        Aid::Fixed(_) => std::iter::once("assisted_partial").chain(elig.cats.iter().copied()).collect(),
        _ => elig.cats.clone(),
    };
    let cats: &[&str] = if eligible { &cats } else { &[] };
    let by_school = tier.is_some_and(|t| t.schools.iter().any(|s| s == person.school));
    let band = tier.and_then(|t| crate::change::age_band(all, &chosen, t, person.birth, reference, by_school));
    let (enrollment, next) = enrollment(&chosen, cats, to_pay, date, band.clone())?;

    // A change of status after registering.
    let change = match change_in {
        None => None,
        Some(_) if !eligible => Some(crate::change::ChangeOut {
            outcome: "none",
            amount: Some(Money::ZERO),
            reason: "按填写的情况不能参加居民医保，身份变化不涉及居民医保的缴费。".into(),
            source: p.document.number.clone(),
        }),
        Some(ch) => Some(crate::change::answer(&chosen, &ch, &person.identities, person.local, fee, aid)?),
    };

    // 甬宁保.
    let yongningbao = match &p.yongningbao {
        Some(y) => Some(yongningbao(y, &chosen, &person, eligible, tier, req.bill.as_ref(), &mut t)?),
        None => None,
    };
    let mut notes: Vec<Text> = Vec::new();
    if p.yongningbao.is_none() && req.bill.is_some() {
        notes.push(format!("{}年度{}的政策不含天一甬宁保，账单未计算赔付。", p.benefit_year, p.region_name).into());
    }
    if let Some(n) = &p.region_note {
        notes.push(n.clone());
    }

    let as_of = as_of(&chosen, req, date)?;
    let figures = Figures { tier, fee, ltc, subsidy, assistance, to_pay, aid };
    let mut summary = summary(&chosen, &as_of, &elig, &figures, &enrollment, next.as_deref());
    if let Some(b) = &band {
        summary.push_str(&b.text);
    }
    if let Some(c) = &change {
        w!(summary, "身份变化：{}", c.reason);
    }
    let sources = Sources {
        eligibility: elig.basis.as_ref().map(|b| b.source.clone()),
        tier: tier.map(|t| t.source.clone()),
        personal_fee: fee.and(tier.map(|t| t.source.clone())),
        ltc_fee: ltc.and(tier.map(|t| t.ltc_source.clone().unwrap_or_else(|| t.source.clone()))),
        subsidy: subsidy.and(tier.map(|t| t.source.clone())),
        assistance: assistance_source,
        benefit_period: benefit_period.source.clone(),
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
        as_of,
        eligible: elig.eligible,
        reason: elig.reason.into(),
        basis: elig.basis,
        summary: summary.into(),
        tier: tier.map(|t| TierOut {
            id: t.id.clone(),
            name: t.name.clone(),
            source: t.source.clone(),
            subsidy_at_least: t.subsidy_at_least,
        }),
        personal_fee: fee,
        ltc_fee: ltc,
        subsidy,
        assistance,
        to_pay,
        total_funding,
        subsidy_split,
        assistance_split,
        benefit_year: chosen.year,
        benefit_period,
        enrollment,
        yongningbao,
        change,
        // The policy's own list, borrowed: nothing is copied.
        info: p.info.clone(),
        sources,
        steps: t.steps,
        assumptions: t.assumptions,
        notes,
    })
}

/// What applying the newest notice to a later year reads into it.
fn projection_assumption(c: &Chosen, reference: NaiveDate) -> Assumption {
    let p = c.policy;
    let mut text = format!(
        "本计算器收录的{}最新文件是{}年度的（{}），没有{}年度的文件。本答复按该文件的规则推算{}年度：各档缴费、财政补助和资助照用{}年度的标准，年龄按{}的周岁计算",
        p.region_name,
        p.benefit_year,
        p.document.number,
        c.year,
        c.year,
        p.benefit_year,
        date::words(reference)
    );
    if let Some(cut) = p.yongningbao.as_ref().and_then(|y| date::parse(&y.reduced_born_on_or_after)) {
        if let Some(moved) = date::add_years(cut, c.shift()) {
            w!(text, "，甬宁保“未成年人”的出生日期界限由{}顺延为{}", date::words(cut), date::words(moved));
        }
    }
    w!(text, "，待遇期按{}年1月1日至12月31日推算。{}年度的实际标准以新通知为准。", c.year, c.year);
    Assumption { id: "beyond-newest-notice".into(), text: text.into() }
}

fn implied_year_assumption(p: &Policy) -> Assumption {
    let open = date::parse(&p.enrollment.start);
    let (m, d) = open.map_or((0, 0), |o| (o.month(), o.day()));
    Assumption {
        id: "implied-benefit-year".into(),
        text: format!(
            "查询日对应的待遇年度按最新文件集中参保期的开始日（{m}月{d}日）推算：查询日在当年{m}月{d}日及以后的，按下一年度计算；在此之前的，按当年度计算。"
        )
        .into(),
    }
}

fn as_of(c: &Chosen, req: &Request, date: Option<NaiveDate>) -> Result<AsOf, Error> {
    let n = c.newest;
    let newest_end = date::parse(&n.benefit_period.end).ok_or_else(|| Error::internal("benefit_period"))?;
    let late = date.is_some_and(|d| d > newest_end);
    let beyond_newest = c.projected() || late;
    let text = if c.projected() {
        format!(
            "按本计算器收录的最新文件（{}{}年度，{}）估算；{}年度的标准以新通知为准。",
            n.region_name, n.benefit_year, n.document.number, c.year
        )
    } else if late {
        format!(
            "查询日已晚于本计算器收录的{}最新文件（{}年度，{}）的待遇期；以下是{}年度的标准，之后年度的标准以新通知为准。",
            n.region_name, n.benefit_year, n.document.number, c.year
        )
    } else {
        format!("按{}{}年度文件（{}）计算。", c.policy.region_name, c.year, c.policy.document.number)
    };
    Ok(AsOf {
        date: req.date.clone().map(Text::from),
        newest_benefit_year: n.benefit_year,
        beyond_newest,
        text: text.into(),
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
                format!("{}不分县区，不需要填写县区，请留空。", p.region_name),
            ));
        }
        None
    } else {
        let ids: Vec<&str> = p.districts.iter().map(|d| d.id.as_ref()).collect();
        let d = match req.district.as_deref() {
            Some(d) if ids.contains(&d) => d,
            given => {
                let names: Vec<String> = p
                    .districts
                    .iter()
                    .map(|d| if given.is_some() { format!("{}（{}）", d.id, d.name) } else { d.name.to_string() })
                    .collect();
                let (code, what) =
                    if given.is_some() { ("invalid_value", "可选") } else { ("missing", "请选择县区") };
                return Err(Error::new(
                    code,
                    "district",
                    format!("{}的缴费分担按县区不同，{}：{}。", p.region_name, what, crate::text::join(&names, "、")),
                ));
            }
        };
        Some(d)
    };
    let qianwan = req.qianwan.unwrap_or(false);
    if qianwan && !p.has_qianwan {
        return Err(Error::new(
            "not_applicable",
            "qianwan",
            format!("{}没有前湾新区这一选项，请不要勾选。", p.region_name),
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

/// Whether and how a person may join.
struct Elig {
    eligible: Option<bool>,
    reason: String,
    /// Person categories that select the enrolment instructions.
    cats: Vec<&'static str>,
    basis: Option<Step>,
}

impl Elig {
    fn yes(p: &Policy, reason: String, cats: Vec<&'static str>, basis: &Clause, t: &mut Trail) -> Elig {
        let mut reason = reason;
        if let Some(c) = &p.eligibility.condition {
            t.clause(c);
            w!(reason, "注意：{}。", c.text);
        }
        Elig { eligible: Some(true), reason, cats, basis: Some(basis.clone()) }
    }
    fn no(reason: String, basis: &Clause) -> Elig {
        Elig { eligible: Some(false), reason, cats: Vec::new(), basis: Some(basis.clone()) }
    }
}

fn eligibility(p: &Policy, person: &Person, t: &mut Trail) -> Result<Elig, Error> {
    let e = &p.eligibility;
    for a in e.assumptions.iter() {
        t.assume(a);
    }
    if person.employee {
        t.clause(&e.employee_excluded);
        return Ok(Elig::no(
            format!("已参加职工医保的人员不能参加居民医保：{}", e.employee_excluded.text),
            &e.employee_excluded,
        ));
    }
    let mut cats: Vec<&'static str> = Vec::new();
    match person.school {
        "primary_secondary" => cats.push("student"),
        "college" => cats.push("college"),
        _ => {}
    }
    if person.local {
        t.clause(&e.local_hukou);
        let hint = e.local_newborn.as_ref().filter(|r| {
            person.date.is_some_and(|d| date::within_months(person.birth, d, r.max_months))
                && p.enroll_how.iter().any(|h| h.when.iter().any(|w| w == "local_newborn"))
        });
        if let Some(r) = hint {
            cats.push("local_newborn");
            t.assume(&r.assumption);
        }
        if cats.is_empty() || cats == ["local_newborn"] {
            // Students enrol through their school, not on their own.
            cats.push("local");
        }
        let reason = format!("本市户籍、未参加职工医保，可以参加{}居民医保。", p.region_name);
        return Ok(Elig::yes(p, reason, cats, &e.local_hukou, t));
    }
    if let Some(s) = &e.student {
        if s.schools.iter().any(|x| x == person.school) {
            t.step(s.text.clone(), s.source.clone());
            let reason = format!("在{}就读的全日制学生，不限户籍和国籍，可以参加居民医保。", p.region_name);
            let basis = Clause { text: s.text.clone(), source: s.source.clone() };
            return Ok(Elig::yes(p, reason, cats, &basis, t));
        }
    }
    if person.permit {
        t.clause(&e.residence_permit);
        cats.push("residence_permit");
        let reason = format!("持{}有效居住证的非本市户籍人员，可以参加居民医保。", p.region_name);
        return Ok(Elig::yes(p, reason, cats, &e.residence_permit, t));
    }
    if let Some(r) = &e.referred {
        if r.schools.iter().any(|x| x == person.school) {
            t.step(r.undecided.clone(), r.source.clone());
            let basis = Clause { text: r.text.clone(), source: r.source.clone() };
            return Ok(Elig { eligible: None, reason: r.undecided.to_string(), cats: Vec::new(), basis: Some(basis) });
        }
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
            let fails = parent_fails(person.parent, nb)?;
            t.step(nb.text.clone(), nb.source.clone());
            let basis = Clause { text: nb.text.clone(), source: nb.source.clone() };
            if fails.is_empty() {
                cats.push("nonlocal_newborn");
                let reason = "0-6个月新生儿，父母一方符合条件，可由父母一方为其办理参保。".to_string();
                return Ok(Elig::yes(p, reason, cats, &basis, t));
            }
            return Ok(Elig::no(
                format!("0-6个月新生儿须父母一方符合条件才能参保，但{}。", crate::text::join(&fails, "、")),
                &basis,
            ));
        }
    }
    let mut reason = format!("非本市户籍、没有{}有效居住证", p.region_name);
    if e.student.is_some() {
        reason.push_str("、不是在本市学校就读的全日制学生");
    }
    reason.push_str("，按本通知不能参加居民医保。");
    t.step(reason.clone(), e.residence_permit.source.clone());
    Ok(Elig::no(reason, &e.residence_permit))
}

/// The parent conditions that fail (empty: all met). A condition the set
/// requires and the request leaves open is a question, asked by field.
fn parent_fails(
    np: Option<&crate::request::NewbornParent>,
    nb: &crate::policy::NewbornRule,
) -> Result<Vec<String>, Error> {
    let months_q = nb.parent_min_employee_months.map(|m| format!("父母一方参加职工医保的累计缴费月数（须满{m}个月）"));
    let insured_q = format!("父母一方是否{}", nb.parent_insured);
    let mut asks: Vec<(&str, String)> = Vec::new();
    if nb.parent_residence_permit {
        asks.push(("residence_permit", "父母一方是否持本市有效居住证".to_string()));
    }
    if let Some(q) = &months_q {
        asks.push(("employee_insurance_months", q.clone()));
    }
    if nb.parent_insured_normal {
        asks.push(("insured_normal", insured_q));
    }
    let Some(np) = np else {
        let qs: Vec<&str> = asks.iter().map(|(_, q)| q.as_str()).collect();
        return Err(Error::new(
            "missing",
            "newborn_parent",
            format!(
                "非本市户籍、没有居住证的0-6个月新生儿能否参保，取决于父母：请回答{}。",
                crate::text::join(&qs, "、")
            ),
        ));
    };
    for (key, q) in &asks {
        let open = match *key {
            "residence_permit" => np.residence_permit.is_none(),
            "employee_insurance_months" => np.employee_insurance_months.is_none(),
            _ => np.insured_normal.is_none(),
        };
        if open {
            return Err(Error::new("missing", format!("newborn_parent.{key}"), format!("请回答：{q}。")));
        }
    }
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
        fails.push(format!("父母一方不满足“{}”", nb.parent_insured));
    }
    Ok(fails)
}

fn choose_tier<'p>(
    p: &'p Policy,
    person: &Person,
    age: u32,
    reference: NaiveDate,
    shift: i32,
    t: &mut Trail,
) -> Option<&'p Tier> {
    if let Some(a) = &p.age_rule.assumption {
        t.assume(a);
    }
    let by_school = p.tiers.iter().find(|x| x.schools.iter().any(|s| s == person.school));
    let tier = by_school.or_else(|| {
        p.tiers.iter().find(|x| x.min_age.is_some_and(|lo| lo <= age) && x.max_age.is_none_or(|hi| age < hi))
    })?;
    let how = if by_school.is_some() {
        format!("按在读情况，属于{}。", tier.name)
    } else if shift > 0 {
        format!(
            "年龄按推算年度开始前一日（{}）的周岁计算，按年龄{}周岁，属于{}。",
            date::words(reference),
            age,
            tier.name
        )
    } else {
        format!("{}，按年龄{}周岁，属于{}。", p.age_rule.text, age, tier.name)
    };
    t.step(how, tier.source.clone());
    Some(tier)
}

/// What the person's identities give towards the fee (the single highest
/// amount, never more than the fee), and the clause it rests on.
pub(crate) fn assistance_for(
    p: &Policy,
    identities: &[&Identity],
    local: bool,
    fee: Option<Money>,
    t: &mut Trail,
) -> (Aid, Option<Text>) {
    let with_aid: Vec<&&Identity> = identities.iter().filter(|i| i.assistance.is_some()).collect();
    for i in identities.iter().filter(|i| i.assistance.is_none()) {
        t.step(format!("{}：本通知的居民医保资助对象未列入这一身份。", i.name), i.source.clone());
    }
    if with_aid.is_empty() {
        return (Aid::None, None);
    }
    if let Some(rule) = &p.assistance.nonlocal {
        if !local {
            t.step(format!("非本市户籍：{}。", rule.text), rule.source.clone());
            if let Some(a) = &rule.assumption {
                t.assume(a);
            }
            let aid = if rule.outcome == "hukou_place" { Aid::HukouPlace } else { Aid::Denied };
            return (aid, Some(rule.source.clone()));
        }
    }
    // Full beats any fixed amount; among fixed amounts the highest.
    let rank = |i: &Identity| match i.assistance.as_deref() {
        Some("full") => Decimal::MAX,
        Some(a) => dec(a).unwrap_or(Decimal::ZERO),
        None => Decimal::ZERO,
    };
    let mut best: Option<&Identity> = None;
    for i in &with_aid {
        if best.is_none_or(|b| rank(i) > rank(b)) {
            best = Some(i);
        }
    }
    let Some(who) = best else { return (Aid::None, None) };
    let aid = match (who.assistance.as_deref(), fee) {
        (Some("full"), _) => Aid::Full,
        (Some(a), Some(fee)) => Aid::Fixed(dec(a).map(Money).unwrap_or(Money::ZERO).min(fee)),
        (Some(a), None) => Aid::Fixed(dec(a).map(Money).unwrap_or(Money::ZERO)),
        (None, _) => Aid::None,
    };
    match (aid, fee) {
        (Aid::Full, Some(fee)) => {
            t.step(format!("{}：个人缴费{}元由政府全额资助。", who.name, fee), who.source.clone());
        }
        (Aid::Full, None) => t.step(
            format!("{}：个人缴费由政府全额资助，个人需缴纳0元（本通知未给出这一类别的缴费金额）。", who.name),
            who.source.clone(),
        ),
        (Aid::Fixed(a), Some(_)) => t.step(format!("{}：资助{}元。", who.name, a), who.source.clone()),
        (Aid::Fixed(a), None) => t.step(
            format!("{}：资助标准{}元；本通知未给出这一类别的个人缴费，无法算出需缴纳多少。", who.name, a),
            who.source.clone(),
        ),
        _ => {}
    }
    if with_aid.len() > 1 {
        t.clause(&p.assistance.combine);
    }
    (aid, Some(who.source.clone()))
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

/// The rules that apply to the categories, in their order (then the rules
/// for everyone): only the exclusive ones where one applies; no payment
/// rule for someone with nothing to pay.
fn applying<'p>(rules: &'p [HowRule], cats: &[&str], to_pay: Option<Money>) -> Vec<&'p HowRule> {
    let mut out: Vec<&HowRule> = Vec::new();
    let all = if cats.is_empty() { None } else { Some("all") };
    for c in cats.iter().copied().chain(all) {
        for r in rules.iter().filter(|r| r.when.iter().any(|w| w == c)) {
            if out.iter().any(|h| h.text == r.text) {
                continue;
            }
            if r.channel == "payment" && to_pay == Some(Money::ZERO) {
                continue;
            }
            out.push(r);
        }
    }
    if out.iter().any(|r| r.exclusive) {
        out.retain(|r| r.exclusive);
    }
    out
}

/// The person's enrolment, and the next step as the answer's sentence says it.
fn enrollment(
    c: &Chosen,
    cats: &[&str],
    to_pay: Option<Money>,
    on: Option<NaiveDate>,
    band: Option<Step>,
) -> Result<(Enrollment, Option<Text>), Error> {
    let p = c.policy;
    let span = &p.enrollment;
    let status = span_status(&span.start, &span.end, on)?;
    let rules = applying(&p.enroll_how, cats, to_pay);
    let lead = rules
        .iter()
        .find(|r| r.next.is_some())
        .or_else(|| rules.iter().find(|r| !matches!(&*r.channel, "payment" | "continuation" | "note")));
    let mut how: Vec<Step> = Vec::new();
    if !cats.is_empty() && (status == Some("closed") || c.projected()) {
        let text = if c.projected() {
            format!(
                "{}年度文件规定的集中参保期为{}{}；{}年度的参保时间和办理方式以新通知为准。以下是{}年度文件的办理办法。",
                p.benefit_year,
                span_words(&span.start, &span.end),
                status_words(status),
                c.year,
                p.benefit_year
            )
        } else {
            format!(
                "{}年度的集中参保期（{}）在查询日已经结束；以下是文件规定的集中参保期内的办法，文件没有写明集中参保期以外如何参保。",
                p.benefit_year,
                span_words(&span.start, &span.end)
            )
        };
        how.push(Clause { text: text.into(), source: span.source.clone() });
    }
    how.extend(band);
    how.extend(rules.iter().map(|r| Clause { text: r.text.clone(), source: r.source.clone() }));
    let e = Enrollment {
        start: span.start.clone(),
        end: span.end.clone(),
        status,
        source: span.source.clone(),
        channel: lead.map(|r| r.channel.clone()),
        how,
    };
    Ok((e, lead.and_then(|r| r.next.clone())))
}

fn yongningbao(
    y: &crate::policy::Yongningbao,
    c: &Chosen,
    person: &Person,
    resident_eligible: bool,
    tier: Option<&Tier>,
    bill: Option<&Bill>,
    t: &mut Trail,
) -> Result<YongningbaoOut, Error> {
    let p = c.policy;
    let shift = c.shift();
    let status = span_status(&y.enrollment.start, &y.enrollment.end, person.date)?;
    let year = y.year + shift;
    let (cover, _, _) = shifted_span(&y.cover, shift, y.year)?;
    let window = span_words(&y.enrollment.start, &y.enrollment.end);
    let note: Option<Text> = if c.projected() {
        Some(
            format!(
                "最新文件中{}{}的参保时间为{}{}；{}年度的{}以新通知为准，以下按{}年度的方案估算。",
                y.name,
                y.year,
                window,
                status_words(status),
                year,
                y.name,
                y.year
            )
            .into(),
        )
    } else {
        match status {
            Some("closed") => {
                let born_after = date::parse(&y.enrollment.end).is_some_and(|end| person.birth > end);
                let mut s = format!("{}{}的参保时间（{}）在查询日已经结束", y.name, y.year, window);
                if born_after {
                    s.push_str("：孩子出生时参保时间已经结束");
                }
                s.push_str("，文件没有写明参保时间以外能否参保。");
                Some(s.into())
            }
            Some("not_yet") => Some(format!("{}{}的参保时间为{}，查询日尚未开始。", y.name, y.year, window).into()),
            _ => None,
        }
    };
    let eligible = person.employee || resident_eligible;
    let reason = if person.employee {
        t.assume(&y.employee_assumption);
        format!("已参加职工医保，可以参加{}（{}）。", y.name, y.eligibility.text)
    } else if resident_eligible {
        format!("参加{}年度{}居民医保后，可以参加{}（{}）。", c.year, p.region_name, y.name, y.eligibility.text)
    } else {
        format!(
            "{}只面向职工基本医疗保险和城乡居民基本医疗保险参保人员（{}）；按填写的情况，您不能参加居民医保，也未参加职工医保。",
            y.name, y.eligibility.text
        )
    };
    t.step(reason.clone(), y.eligibility.source.clone());
    let mut out = YongningbaoOut {
        name: y.name.clone(),
        year,
        eligible,
        reason: reason.into(),
        premium: None,
        paid_by_government: false,
        to_pay: None,
        note,
        enrollment: Enrollment {
            start: y.enrollment.start.clone(),
            end: y.enrollment.end.clone(),
            status,
            source: y.enrollment.source.clone(),
            channel: None,
            how: Vec::new(),
        },
        cover,
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
    let cutoff = date::parse(&y.reduced_born_on_or_after)
        .and_then(|d| date::add_years(d, shift))
        .ok_or_else(|| Error::internal("ynb cutoff"))?;
    let resident_tier = tier.filter(|_| resident_eligible);
    let student_tier = resident_tier.is_some_and(|t| y.reduced_tiers.contains(&t.id));
    let reduced = person.birth >= cutoff || student_tier;
    let premium = money(&Some(if reduced { y.premium_reduced.clone() } else { y.premium_standard.clone() }))
        .ok_or_else(|| Error::internal("ynb premium"))?;
    let why = if person.birth >= cutoff {
        format!("{}（含）以后出生的未成年人", date::words(cutoff))
    } else if student_tier {
        "居民医保学生档参保人员".to_string()
    } else {
        if let Some(ta) = y.tier_assumptions.iter().find(|a| resident_tier.is_some_and(|t| t.id == a.tier)) {
            t.assume(&ta.assumption);
        }
        "其他参保人员".to_string()
    };
    t.step(format!("{}保费：{}每人{}元。", y.name, why, premium), y.premium_source.clone());
    let free: Vec<&crate::policy::FreeIdentity> =
        y.free.iter().filter(|f| person.identities.iter().any(|i| i.id == f.id)).collect();
    if !free.is_empty() {
        let terms: Vec<&str> = free.iter().map(|f| &*f.term).collect();
        if y.free_requires_local_hukou && !person.local {
            t.step(format!("{}的政府资助限本市户籍人员，非本市户籍不享受。", y.name), y.free_source.clone());
        } else {
            out.paid_by_government = true;
            for a in free.iter().filter_map(|f| f.assumption.as_ref()) {
                t.assume(a);
            }
            t.step(
                format!("{}：{}（参保期为{}）。", crate::text::join(&terms, "、"), y.free_text, window),
                y.free_source.clone(),
            );
        }
    }
    out.premium = Some(premium);
    out.to_pay = Some(if out.paid_by_government { Money::ZERO } else { premium });
    if out.paid_by_government {
        out.enrollment.channel = Some("government".into());
        out.enrollment.how.push(Clause { text: y.free_text.clone(), source: y.free_source.clone() });
    } else {
        out.enrollment.channel = Some("purchase".into());
        let rules = y.how.iter().filter(|h| h.when == "all" || (h.when == "employee" && person.employee));
        out.enrollment.how.extend(rules.map(|h| Clause { text: h.text.clone(), source: h.source.clone() }));
    }
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

/// The figures of an answer, for its sentence.
struct Figures<'p> {
    tier: Option<&'p Tier>,
    fee: Option<Money>,
    ltc: Option<Money>,
    subsidy: Option<Money>,
    assistance: Option<Money>,
    to_pay: Option<Money>,
    aid: Aid,
}

fn summary(c: &Chosen, as_of: &AsOf, elig: &Elig, f: &Figures, enrollment: &Enrollment, next: Option<&str>) -> String {
    let p = c.policy;
    let mut s = String::with_capacity(512);
    if c.projected() {
        w!(s, "按本计算器收录的最新文件（{}年度，{}）估算：", p.benefit_year, p.document.number);
    } else if as_of.beyond_newest {
        w!(s, "（查询日已晚于本计算器收录的最新文件的待遇期）");
    }
    let Some(tier) = f.tier.filter(|_| elig.eligible == Some(true)) else {
        s.push_str(&elig.reason);
        return s;
    };
    match (f.fee, f.subsidy, f.to_pay) {
        (Some(fee), Some(sub), pay) => {
            w!(s, "您属于{}，{}年度个人缴费{}元", tier.name, c.year, fee);
            if let Some(l) = f.ltc {
                w!(s, "（其中{}元为长期护理保险）", l);
            }
            w!(s, "，政府财政补助{}{}元", if tier.subsidy_at_least { "不低于" } else { "" }, sub);
            match (f.aid, f.assistance, pay) {
                (Aid::Full, _, Some(pay)) => w!(s, "；您的个人缴费由政府全额资助，您需缴纳{}元。", pay),
                (Aid::Fixed(_), Some(a), Some(pay)) if a.0 > Decimal::ZERO => {
                    w!(s, "；可获资助{}元", a);
                    if let Some(n) = &p.assistance.partial_note {
                        w!(s, "（{}）", n);
                    }
                    w!(s, "，扣除资助后个人负担{}元。", pay);
                }
                (Aid::Denied, _, Some(pay)) => {
                    w!(
                        s,
                        "；您所填的身份是本市户籍人员的资助条件，非本市户籍不能按本市标准获得资助，您需缴纳{}元。",
                        pay
                    )
                }
                (Aid::HukouPlace, _, _) => {
                    let how = p.assistance.nonlocal.as_ref().map_or("", |r| &*r.text);
                    w!(s, "；您是非本市户籍的资助对象：{}。您需缴纳的金额最多{}元。", how, fee);
                }
                _ => s.push('。'),
            }
        }
        _ => {
            w!(s, "您属于{}。", tier.name);
            if let Some(r) = &tier.no_fee_reason {
                s.push_str(r);
            }
            if f.aid == Aid::Full {
                w!(s, "您的个人缴费由政府全额资助，您需缴纳0元。");
            }
        }
    }
    if c.projected() {
        w!(s, "{}年度的标准以新通知为准。", c.year);
    }
    let span = span_words(&enrollment.start, &enrollment.end);
    if c.projected() {
        w!(
            s,
            "{}年度文件规定的集中参保期为{}{}，{}年度的参保时间和办理方式以新通知为准。",
            p.benefit_year,
            span,
            status_words(enrollment.status),
            c.year
        );
    } else {
        match (enrollment.status, next) {
            (Some("closed"), _) => w!(
                s,
                "{}年度的集中参保期（{}）已经结束；文件没有写明集中参保期以外如何参保，可向当地医保经办机构咨询。",
                p.benefit_year,
                span
            ),
            (Some("not_yet"), Some(n)) => w!(s, "集中参保期为{}（查询日尚未开始），届时{}。", span, n),
            (status, Some(n)) => w!(s, "集中参保期为{}{}，{}。", span, status_words(status), n),
            (status, None) => w!(s, "集中参保期为{}{}。", span, status_words(status)),
        }
    }
    s
}
