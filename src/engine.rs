//! The engine: one person, one policy set, one answer with its reasons. It
//! only orchestrates: the answer's shape is `answer.rs`, and each part is
//! worked out by the module that owns it.
//!
//! [`quote`] puts the parts together: the policy set and year
//! ([`choose_policy`], a reading of `readings.rs`), the person checked
//! against it (`request::check`), who may join and in which tier (`who.rs`),
//! fees, subsidy, assistance and their splits, enrolment, the next step and
//! the year in force (`today.rs`), the supplementary plan (`ynb.rs`), a
//! change of status (`change.rs`), and the answer as a sentence.
//!
//! A question may come after the newest notice on file. The engine then
//! answers with the newest notice's rules applied to the benefit year the
//! date implies: ages, the newborn's months and the 甬宁保 minor rule are
//! counted for that year as the notice counts them for its own, and the
//! answer says so first ([`AsOf`]) and lists the readings this needs as
//! assumptions (their wording: `readings.rs`). No later figure is invented:
//! the amounts are the newest notice's.

use crate::answer::{
    status, status_words, AsOf, Chosen, Detail, Enrollment, PolicyRef, Quote, Setting, Sources, SplitOut, Status, Step,
    TierOut, Trail,
};
use crate::date;
use crate::error::{Code, Error};
use crate::money::Money;
use crate::policy::{Category, Channel, Clause, Policy, Split, Text, Tier};
use crate::request::{Checked, Request};
use crate::who::{self, Aid, Elig};

pub use crate::readings::choose_policy;
use crate::readings::{self, shifted};

/// Answers one request against the given policy sets.
pub fn quote(all: &[Policy], req: &Request) -> Result<Quote, Error> {
    quote_in(all, req, Detail::Full)
}

/// Answers one request with as much detail as asked for.
pub fn quote_in(all: &[Policy], req: &Request, detail: Detail) -> Result<Quote, Error> {
    let mut s = setting(all, req, detail, false)?;
    quote_at(all, &mut s, req, true)
}

/// The [`Setting`] of a request's context: its errors are those of the
/// date, region and benefit year, as a quote gives them.
pub(crate) fn setting<'p>(
    all: &'p [Policy],
    req: &Request,
    detail: Detail,
    shared: bool,
) -> Result<Setting<'p>, Error> {
    let date = match req.context.date.as_deref() {
        None => None,
        Some(s) => {
            Some(date::parse(s).ok_or_else(|| Error::new(Code::InvalidValue, "date", crate::request::hint("date")))?)
        }
    };
    let (chosen, year_note) = readings::choose(all, req, date, detail == Detail::Full)?;
    let as_of = readings::as_of(&chosen, req, date, detail);
    Ok(Setting {
        detail,
        shared,
        date,
        chosen,
        year_note,
        as_of,
        window: std::cell::OnceCell::new(),
        ynb_reasons: [std::cell::OnceCell::new(), std::cell::OnceCell::new()],
    })
}

/// Answers a request in its [`Setting`] (made from the same context);
/// `last`: the setting's own texts are moved into this answer, not copied
/// (the setting serves no further answer).
pub(crate) fn quote_at(all: &[Policy], setting: &mut Setting<'_>, req: &Request, last: bool) -> Result<Quote, Error> {
    let (detail, date, chosen) = (setting.detail, setting.date, setting.chosen);
    let p = chosen.policy;
    let shift = chosen.shift();
    let person = crate::request::check(p, req, date)?;
    let change_in = req.person.change().map(|c| crate::change::check(p, c)).transpose()?;

    let mut t = Trail::new(detail);
    if let Some(n) = &mut setting.year_note {
        let n = if last { std::mem::take(n) } else { n.clone() };
        t.push(n.into(), p.enrollment.source.clone());
    }
    let benefit_period = shifted(&p.benefit_period, shift, p.benefit_year);
    let (period_start, period_end) = (benefit_period.start.day(), benefit_period.end.day());
    if person.birth > period_end {
        return Err(Error::new(
            Code::OutOfRange,
            "birth_date",
            format!(
                "出生日期晚于{}年度待遇期的结束日（{}）。如要查询以后的年度，请不填待遇年度，只填查询日期。",
                chosen.year,
                date::words(period_end)
            ),
        ));
    }
    // The day ages are counted on, as the set says (moved to the year answered).
    let counted_on = p.age_rule.on.as_ref().map(|d| date::shift_years(d.day(), shift));
    let reference = counted_on.unwrap_or(period_start);
    if chosen.projected() && t.record {
        t.assume(&crate::readings::projection(&chosen, counted_on, &benefit_period));
        if chosen.implied {
            t.assume(&crate::readings::implied_year(p));
        }
    }

    // Eligibility and tier.
    let elig = who::eligibility(p, &person, &mut t)?;
    let eligible = elig.eligible == Some(true);
    let age = date::age_years(person.birth, reference);
    let (tier, by_school) = match eligible.then(|| who::tier(p, &person, age, reference, chosen.projected(), &mut t)) {
        Some(Some((tier, by_school))) => (Some(tier), by_school),
        _ => (None, false),
    };

    // Fees, subsidy, assistance. A local person insured in another place's
    // resident insurance pays that place's fee, which no notice here gives.
    let elsewhere = p.assistance.elsewhere.as_ref().filter(|_| person.elsewhere && person.local && eligible);
    let fee = tier.and_then(|t| t.personal_fee).filter(|_| elsewhere.is_none());
    let subsidy = tier.and_then(|t| t.subsidy).filter(|_| elsewhere.is_none());
    let ltc = tier.and_then(|t| t.ltc_fee).filter(|_| elsewhere.is_none());
    let mut aid = Aid::None;
    let mut assistance_source = None;
    let mut subsidy_split = Vec::new();
    if let Some(tier) = tier {
        match (fee, subsidy) {
            (Some(fee), Some(subsidy)) => {
                let at_least = if tier.subsidy_at_least { "不低于" } else { "" };
                step!(t, tier.source, "{}个人缴费{}元，财政补助{}{}元。", tier.name, fee, at_least, subsidy);
                if let Some(l) = ltc {
                    let source = tier.ltc_source.as_ref().unwrap_or(&tier.source);
                    step!(t, source, "个人缴费中{}元划转用于长期护理保险（长护险），不另外收取。", l);
                }
                if detail == Detail::Full {
                    subsidy_split = splits(&p.subsidy_split, tier, &person, subsidy);
                }
            }
            _ => match elsewhere {
                Some(r) => t.clause(r),
                None => t.push(tier.no_fee_reason.clone().unwrap_or_default(), tier.source.clone()),
            },
        }
        (aid, assistance_source) = who::assistance_for(p, &person.identities, person.local, fee, chosen.year, &mut t);
    }
    // A change of status after registering: the figures are what its rule
    // leaves standing (kept, refunded, topped up, or as they stood).
    let change = match &change_in {
        None => None,
        Some(_) if !eligible => Some(crate::answer::ChangeOut {
            outcome: crate::policy::ChangeOutcome::None,
            amount: Some(Money::ZERO),
            reason: "按填写的情况不能参加居民医保，身份变化不涉及居民医保的缴费。".into(),
            source: p.document.number.clone(),
        }),
        Some(ch) => {
            let a = crate::change::answer(&chosen, ch, &person.identities, person.local, fee, aid)?;
            if a.aid != aid {
                step!(t, a.out.source, "身份变化：{}", a.out.reason);
                aid = a.aid;
            }
            if a.silent {
                t.assume(&crate::readings::change_silent());
            }
            Some(a.out)
        }
    };
    let (assistance, to_pay) = match (fee, aid) {
        // Assisted by the place of household registration at its standard;
        // the fee where the person is insured is not known here.
        (_, Aid::Fixed(a)) if elsewhere.is_some() => (Some(a), None),
        (_, Aid::None) if elsewhere.is_some() => (Some(Money::ZERO), None),
        _ if elsewhere.is_some() => (None, None),
        (Some(f), Aid::Full) => (Some(f), Some(Money::ZERO)),
        (Some(f), Aid::Fixed(a)) => (Some(a), Some(f - a)),
        (Some(f), Aid::None | Aid::Denied) => (Some(Money::ZERO), Some(f)),
        (None, Aid::Full) => (None, Some(Money::ZERO)),
        (_, _) => (None, None),
    };
    let mut assistance_split = Vec::new();
    if let (Some(tier), Some(a), Detail::Full) = (tier, assistance.filter(|a| *a > Money::ZERO), detail) {
        assistance_split = splits(&p.assistance.split, tier, &person, a);
        if let Some(x) = person.subarea.and_then(|s| s.assistance_assumption.as_ref()) {
            t.assume(x);
        }
    }
    let total_funding = match (fee, subsidy) {
        (Some(f), Some(s)) => Some(f + s),
        _ => None,
    };

    // Enrolment: the categories the eligibility found, behind the assisted ones.
    let mut enrollment = Enrollment {
        start: p.enrollment.start.clone(),
        end: p.enrollment.end.clone(),
        status: status(&p.enrollment, date),
        source: p.enrollment.source.clone(),
        channel: None,
        how: Vec::new(),
    };
    let mut next = None;
    let mut band = None;
    let mut next_step = None;
    let any_time = p.any_time.as_ref().filter(|_| eligible && person.identities.iter().any(|i| i.any_time));
    if detail == Detail::Full {
        let lead = match aid {
            Aid::Full => Some(Category::AssistedFull),
            Aid::Fixed(_) | Aid::AtMost(_) => Some(Category::AssistedPartial),
            _ => None,
        };
        let cats: Vec<Category> = lead.into_iter().chain(elig.cats.iter().copied()).collect();
        let cats: &[Category] = if eligible { &cats } else { &[] };
        band = tier.and_then(|t| crate::change::age_band(all, &chosen, t, person.birth, reference, by_school));
        next = enrol(&mut enrollment, &chosen, cats, to_pay, band.clone());
        if let Some(r) = elsewhere {
            enrollment.how = vec![r.clone()];
            enrollment.channel = None;
            next = None;
        } else if let Some(a) = any_time {
            // Enrolled at any time (the notice's own rule for these groups).
            let closed = enrollment.status == Some(Status::Closed) && !chosen.projected();
            if let Some(first) = enrollment.how.first_mut().filter(|_| closed) {
                first.text =
                    format!("{}年度的集中参保期（{}）在查询日已经结束。", p.benefit_year, setting.window()).into();
            }
            let at = usize::from(closed || chosen.projected()).min(enrollment.how.len());
            enrollment.how.insert(at, a.clone());
        }
        let referred =
            elig.basis.as_ref().map(|b| Clause { text: elig.reason.clone().into(), source: b.source.clone() });
        next_step = Some(crate::today::next_step(
            &chosen,
            (elig.eligible, person.employee, referred.as_ref()),
            cats,
            to_pay,
            enrollment.status,
            band.is_some(),
        ));
    }

    // 甬宁保.
    let bill = req.person.bill();
    let mut yongningbao = match &p.yongningbao {
        Some(y) => {
            // With a change, only the identities held within its 参保期 count.
            let held = change_in.as_ref().map(|ch| {
                let window = shifted(&y.enrollment, shift, p.benefit_year);
                let held = crate::change::held_within(ch, &person.identities, window.start.day(), window.end.day());
                for f in y.free.iter().filter(|f| !held.iter().any(|i| i.id == f.id)) {
                    if person.identities.iter().any(|i| i.id == f.id) {
                        let span = date::span_words(window.start.day(), window.end.day());
                        step!(
                            t,
                            y.free_source,
                            "{}：认定日（{}）不在{}的参保期（{}）内，不属于“参保期内”由政府全额资助参保的人员。",
                            f.term,
                            date::words(ch.changed()),
                            y.name,
                            span
                        );
                    }
                }
                crate::request::Checked { identities: held, ..person.clone() }
            });
            Some(crate::ynb::answer(y, setting, held.as_ref().unwrap_or(&person), eligible, tier, bill, &mut t)?)
        }
        None => p
            .yongningbao_target
            .as_ref()
            .filter(|_| detail == Detail::Full)
            .map(|x| crate::today::target(x, chosen.year)),
    };
    if let (Some(y), Some(b)) = (yongningbao.as_mut(), bill) {
        crate::today::price_bill(all, &chosen, date, b, y, detail, &mut t)?;
    }
    let in_force = if detail == Detail::Full { crate::today::in_force(all, &chosen, date, person.birth) } else { None };
    if let Some(a) = in_force.as_ref().and_then(|f| crate::readings::in_force_projected(f, &chosen)) {
        t.assume(&a);
    }
    let mut notes: Vec<Text> = Vec::new();
    if p.yongningbao.is_none() && bill.is_some() {
        notes.push(format!("{}年度{}的政策不含补充医疗保险，账单未计算赔付。", p.benefit_year, p.region_name).into());
    }
    if let Some(n) = &p.region_note {
        notes.push(n.clone());
    }
    if person.elsewhere && elsewhere.is_none() {
        notes.push(
            match &p.assistance.elsewhere {
                Some(r) if !person.local => {
                    format!(
                        "本通知关于参加异地城乡居民医保的规定只涉及本地户籍的资助对象（{}），以下按在{}参保计算。",
                        r.source, p.region_name
                    )
                }
                _ => format!("本通知没有关于参加异地城乡居民医保的规定，以下按在{}参保计算。", p.region_name),
            }
            .into(),
        );
    }

    let as_of = if last { std::mem::replace(&mut setting.as_of, AsOf::EMPTY) } else { setting.as_of.clone() };
    let summary = if detail == Detail::Full {
        let limit = person
            .identities
            .iter()
            .filter_map(|i| i.assistance_until.as_ref())
            .find(|u| chosen.year > u.last_year && matches!(aid, Aid::AtMost(_)));
        let figures = Figures { tier, fee, ltc, subsidy, assistance, to_pay, aid, limit, elsewhere, any_time };
        let mut s = summary(&chosen, &as_of, &elig, &figures, &enrollment, next.as_deref(), setting);
        if let Some(b) = &band {
            s.push_str(&b.text);
        }
        if let Some(c) = &change {
            w!(s, "身份变化：{}", c.reason);
        }
        crate::today::summary(next_step.as_ref(), &as_of, &s, in_force.as_ref())
    } else {
        String::new()
    };
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
        policy: PolicyRef::of(p),
        as_of,
        next_step,
        in_force,
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
        // The facts for everyone, and those for the person's categories.
        info: std::borrow::Cow::Owned(
            p.info
                .iter()
                .filter(|i| i.when.is_empty() || (eligible && i.when.iter().any(|c| elig.cats.contains(c))))
                .map(|i| Clause { text: i.text.clone(), source: i.source.clone() })
                .collect(),
        ),
        sources,
        steps: t.steps,
        assumptions: t.assumptions,
        notes,
    })
}

/// The parts of a total by payer for this tier, district and sub-area.
/// Validation has checked that parts with numbers add up.
fn splits(rules: &[Split], tier: &Tier, person: &Checked, total: Money) -> Vec<SplitOut> {
    let district = person.district.map(|d| &*d.id);
    let subarea = person.subarea.map(|s| &*s.id);
    let mut out = Vec::new();
    for s in rules.iter().filter(|s| s.applies(&tier.id, subarea)) {
        let Some(amount) = s.amount_for(total, district) else { continue };
        out.push(SplitOut {
            payer: s.payer.clone(),
            name: s.name.clone(),
            amount,
            rule: s.rule.clone(),
            source: s.source.clone(),
        });
    }
    out
}

/// Fills in the person's channel and steps; returns the next step as the
/// answer's sentence says it.
fn enrol(e: &mut Enrollment, c: &Chosen, cats: &[Category], to_pay: Option<Money>, band: Option<Step>) -> Option<Text> {
    let p = c.policy;
    let rules = crate::today::applying(&p.enroll_how, cats, to_pay);
    let lead = rules.iter().find(|r| r.next.is_some()).or_else(|| {
        rules.iter().find(|r| !matches!(r.channel, Channel::Payment | Channel::Continuation | Channel::Note))
    });
    let span = date::span_words(p.enrollment.start.day(), p.enrollment.end.day());
    if !cats.is_empty() && (e.status == Some(Status::Closed) || c.projected()) {
        let text = if c.projected() {
            format!(
                "{}年度文件规定的集中参保期为{}{}；{}年度的参保时间和办理方式以新通知为准。以下是{}年度文件的办理办法。",
                p.benefit_year,
                span,
                status_words(e.status),
                c.year,
                p.benefit_year
            )
        } else {
            format!(
                "{}年度的集中参保期（{}）在查询日已经结束；以下是文件规定的集中参保期内的办法，文件没有写明集中参保期以外如何参保。",
                p.benefit_year, span
            )
        };
        e.how.push(Clause { text: text.into(), source: p.enrollment.source.clone() });
    }
    e.how.extend(band);
    e.how.extend(rules.iter().map(|r| Clause { text: r.text.clone(), source: r.source.clone() }));
    e.channel = lead.map(|r| r.channel);
    lead.and_then(|r| r.next.clone())
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
    /// Why the assistance is only an upper bound ([`Aid::AtMost`]).
    limit: Option<&'p crate::policy::AssistanceUntil>,
    /// Insured elsewhere: who assists, at which standard.
    elsewhere: Option<&'p Clause>,
    /// Enrolled at any time, outside the window.
    any_time: Option<&'p Clause>,
}

fn summary(
    c: &Chosen,
    as_of: &AsOf,
    elig: &Elig,
    f: &Figures,
    enrollment: &Enrollment,
    next: Option<&str>,
    setting: &Setting,
) -> String {
    let p = c.policy;
    let mut s = String::with_capacity(512);
    // After the newest notice, the first sentence is `as_of.text` itself
    // (the page shows it apart and the rest after it: `summary_rest`).
    if as_of.beyond_newest {
        s.push_str(&as_of.text);
    }
    let Some(tier) = f.tier.filter(|_| elig.eligible == Some(true)) else {
        s.push_str(&elig.reason);
        return s;
    };
    if let Some(r) = f.elsewhere {
        w!(s, "您参加的是异地城乡居民医保：{}（{}）。", r.text, r.source);
        match (f.aid, f.assistance) {
            (Aid::Fixed(_), Some(a)) => w!(s, "按{}的标准，您可获资助{}元", p.region_name, a),
            (Aid::Full, _) => w!(s, "按{}的标准，您属于全额资助对象", p.region_name),
            (Aid::AtMost(b), _) => {
                w!(s, "按{}的标准，您的资助最多{}元（以后年度的标准文件没有给出）", p.region_name, b)
            }
            _ => w!(s, "您没有填写{}的资助身份，本通知没有其他资助", p.region_name),
        }
        s.push_str("；参保地的个人缴费不在本通知之内，需缴金额无法算出。");
        return s;
    }
    match (f.fee, f.subsidy, f.to_pay) {
        (Some(fee), Some(sub), pay) => {
            w!(s, "您属于{}，{}年度个人缴费{}元", tier.name, c.year, fee);
            if let Some(l) = f.ltc {
                w!(s, "（其中{}元为长期护理保险）", l);
            }
            w!(s, "，政府财政补助{}{}元", if tier.subsidy_at_least { "不低于" } else { "" }, sub);
            match (f.aid, f.assistance, pay) {
                (Aid::Full, _, Some(pay)) => w!(s, "；您的个人缴费由政府全额资助，您需缴纳{}元。", pay),
                (Aid::Fixed(_), Some(a), Some(pay)) if a > Money::ZERO => {
                    w!(s, "；可获资助{}元", a);
                    if let Some(n) = &p.assistance.partial_note {
                        w!(s, "（{}）", n);
                    }
                    w!(s, "，扣除资助后个人负担{}元。", pay);
                }
                (Aid::Denied, _, Some(pay)) => {
                    let said = p.assistance.nonlocal.as_ref().map_or("", |r| &*r.said);
                    w!(s, "；{}，您需缴纳{}元。", said, pay)
                }
                (Aid::AtMost(b), _, _) => {
                    let why = f.limit.map_or("", |u| &*u.text);
                    w!(
                        s,
                        "；{}，{}年度的资助无法算出：资助最多{}元，您需缴纳至少{}元、最多{}元。",
                        why,
                        c.year,
                        b,
                        fee - b,
                        fee
                    );
                }
                (Aid::HukouPlace, _, _) => {
                    let said = p.assistance.nonlocal.as_ref().map_or("", |r| &*r.said);
                    w!(s, "；{}。您需缴纳的金额最多{}元。", said, fee);
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
    // The set's window (the enrolment's, as `enrol` copies it).
    let span = setting.window();
    if c.projected() {
        w!(
            s,
            "{}年度文件规定的集中参保期为{}{}，{}年度的参保时间和办理方式以新通知为准。",
            p.benefit_year,
            span,
            status_words(enrollment.status),
            c.year
        );
        if let Some(a) = f.any_time {
            w!(s, "按{}，{}。", a.source, a.text);
        }
    } else {
        match (enrollment.status, next) {
            (Some(Status::Closed), _) if f.any_time.is_some() => {
                let a = f.any_time.map_or(("", ""), |a| (&*a.text, &*a.source));
                w!(s, "{}年度的集中参保期（{}）已经结束；按{}，{}。", p.benefit_year, span, a.1, a.0)
            }
            (Some(Status::Closed), _) => w!(
                s,
                "{}年度的集中参保期（{}）已经结束；文件没有写明集中参保期以外如何参保，可向当地医保经办机构咨询。",
                p.benefit_year,
                span
            ),
            (Some(Status::NotYet), Some(n)) => w!(s, "集中参保期为{}（查询日尚未开始），届时{}。", span, n),
            (status, Some(n)) => w!(s, "集中参保期为{}{}，{}。", span, status_words(status), n),
            (status, None) => w!(s, "集中参保期为{}{}。", span, status_words(status)),
        }
    }
    s
}
