//! Today's answer: what the person does next ([`NextStep`]), the benefit
//! year in force on the date of the question when it is not the one being
//! enrolled for ([`InForce`]), which 甬宁保 plan year prices a bill, and
//! what the plan covers ([`Benefit`]).
//!
//! The words of a notice are in its policy file (`[today]`, each
//! `[[enroll_how]]`'s `step`, `[yongningbao_target]`); this module holds
//! only the sentences that put them together with the dates and years. The
//! readings these rest on (which year is in force on a date, how a year or a
//! plan is projected from the newest notice, never backwards, and the
//! assumptions that say so) are `readings.rs`.

use crate::answer::{Benefit, Chosen, InForce, NextStep, Quote, Status, YnbSources, YongningbaoOut};
use crate::date;
use crate::error::{Code, Error};
use crate::money::Money;
use crate::policy::{Band, Category, Channel, Clause, HowRule, List, Policy, Text, YnbTarget, Yongningbao};
use crate::readings::{shifted, status_words, NO_OUTSIDE_WINDOW};
use crate::request::Bill;
use chrono::{Datelike, NaiveDate};

/// The rules that apply to the categories, in their order (then the rules
/// for everyone): only the exclusive ones where one applies; no payment
/// rule for someone with nothing to pay.
pub(crate) fn applying<'p>(rules: &'p [HowRule], cats: &[Category], to_pay: Option<Money>) -> Vec<&'p HowRule> {
    let mut out: Vec<&HowRule> = Vec::new();
    let all = if cats.is_empty() { None } else { Some(Category::All) };
    for c in cats.iter().copied().chain(all) {
        for r in rules.iter().filter(|r| r.when.contains(&c)) {
            if out.iter().any(|h| h.text == r.text) {
                continue;
            }
            if r.channel == Channel::Payment && to_pay == Some(Money::ZERO) {
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

/// Clauses joined by "；", each once (one function for every list: WASM size).
fn join_sources(parts: &[&str]) -> Text {
    let mut out = String::new();
    for (i, p) in parts.iter().enumerate() {
        if !p.is_empty() && !parts.iter().take(i).any(|q| q == p) {
            if !out.is_empty() {
                out.push('；');
            }
            out.push_str(p);
        }
    }
    out.into()
}

/// The next step of an answer. `who`: whether the person may enrol, is in
/// employee insurance, and the clause referring the case elsewhere;
/// `cats`: the categories whose enrolment rules apply (empty for someone
/// who may not enrol); `band`: the person crosses an age band.
pub(crate) fn next_step(
    c: &Chosen,
    who: (Option<bool>, bool, Option<&Clause>),
    cats: &[Category],
    to_pay: Option<Money>,
    status: Option<Status>,
    band: bool,
) -> NextStep {
    let p = c.policy;
    // Where someone who may not enrol belongs instead: what the set's own
    // eligibility clauses say.
    let said = |cl: &Clause, then: &str| NextStep {
        text: format!("{}{then}", cl.text.trim_end_matches('。')).into(),
        by: None,
        source: cl.source.clone(),
    };
    let (eligible, employee, referred) = who;
    let e = &p.eligibility;
    let elsewhere = "；文件没有写明其他非本市户籍人员在哪里参保。";
    match (eligible, referred) {
        (Some(false), _) if employee => return said(&e.employee_excluded, "，您不需要办理居民医保参保。"),
        (None, Some(r)) => return said(r, "。"),
        (Some(false) | None, _) => return said(&e.residence_permit, elsewhere),
        (Some(true), _) => {}
    }
    let rules = applying(&p.enroll_how, cats, to_pay);
    let lead = rules.iter().find(|r| r.step.is_some() || r.next.is_some()).or_else(|| rules.first());
    let (what, src, channel) = match lead {
        Some(r) => match (&r.step, &r.next) {
            (Some(s), _) => (s.text.clone(), s.source.clone(), r.channel),
            (None, Some(n)) => (n.clone(), r.source.clone(), r.channel),
            (None, None) => (r.text.clone(), r.source.clone(), r.channel),
        },
        None => ("按文件规定的办法办理参保".into(), p.enrollment.source.clone(), Channel::Note),
    };
    let mut what = what.trim_end_matches('。').to_string();
    let mut src = src;
    // Crossing an age band: re-register first (the set's own words).
    if let Some(b) = p.age_band_change.as_ref().filter(|_| band && channel != Channel::Automatic) {
        what = format!("跨年龄段变更参保类别，如上一年度已参保，{}；否则，{what}", b.next);
        src = join_sources(&[&b.source, &src]);
    }
    let e = &p.enrollment;
    let (start, end) = (e.start.day(), e.end.day());
    let span = date::span_words(start, end);
    let (y0, year) = (p.benefit_year, c.year);
    let with_window = join_sources(&[&src, &e.source]);
    if matches!(channel, Channel::Automatic | Channel::Referred) {
        let text = if c.projected() { crate::readings::step_as_filed(&what, y0, year) } else { format!("{what}。") };
        return NextStep { text: text.into(), by: None, source: src };
    }
    if c.projected() {
        return NextStep {
            text: crate::readings::step_window_unknown(&what, y0, year).into(),
            by: None,
            source: with_window,
        };
    }
    match status {
        Some(Status::Open) => NextStep {
            text: format!("{year}年度集中参保期至{}截止，在此之前：{what}。", date::words(end)).into(),
            by: Some(e.end.clone()),
            source: with_window,
        },
        Some(Status::NotYet) => NextStep {
            text: format!("{year}年度集中参保期为{span}{}，届时：{what}。", status_words(status)).into(),
            by: Some(e.end.clone()),
            source: with_window,
        },
        Some(Status::Closed) => {
            let (outside, source) = match p.today.as_ref().and_then(|x| x.outside_window.as_ref()) {
                Some(o) => (o.text.to_string(), join_sources(&[&e.source, &o.source])),
                None => (NO_OUTSIDE_WINDOW.to_string(), e.source.clone()),
            };
            NextStep { text: crate::readings::step_window_closed(year, span, &outside).into(), by: None, source }
        }
        None => NextStep {
            text: format!("{year}年度集中参保期为{span}：{what}。").into(),
            by: Some(e.end.clone()),
            source: with_window,
        },
    }
}

/// The benefit year in force on the date of the question, where it is not
/// the year answered (`None` without a date).
pub(crate) fn in_force(all: &[Policy], c: &Chosen, on: Option<NaiveDate>, birth: NaiveDate) -> Option<InForce> {
    let d = on?;
    let sets: Vec<&Policy> = all.iter().filter(|p| p.region == c.policy.region).collect();
    let newest = c.newest;
    let (p, k) = match crate::readings::set_in_force(&sets, d)? {
        Ok(x) => x,
        Err(year) if year == c.year => return None,
        Err(year) => {
            return Some(InForce {
                benefit_year: year,
                period: None,
                beyond_newest: false,
                text: crate::readings::no_year_before(year, &newest.region_name).into(),
                source: newest.document.number.clone(),
            })
        }
    };
    let year = p.benefit_year + k;
    if year == c.year {
        return None;
    }
    let window = shifted(&p.enrollment, k, p.benefit_year);
    let period = shifted(&p.benefit_period, k, p.benefit_year);
    let span = date::span_words(window.start.day(), window.end.day());
    let by_file = crate::readings::window_by_file(p.benefit_year, k);
    let mut text = String::with_capacity(256);
    let mut sources: Vec<&str> = vec![&window.source, &period.source];
    if birth > window.end.day() {
        w!(text, "孩子在{year}年度的集中参保期（{span}{by_file}）结束后出生，文件没有写明这种情况下能否参加{year}年度居民医保、何时开始享受待遇。");
    } else {
        w!(
            text,
            "若已在{year}年度的集中参保期（{span}{by_file}）内参保缴费，{}享受{year}年度居民医保待遇",
            date::span_words(period.start.day(), period.end.day())
        );
        let today = p.today.as_ref();
        match today.and_then(|x| x.covers.as_ref()) {
            Some(cv) => {
                text.push_str(&crate::readings::covers_as_filed(&cv.text, p.benefit_year, k));
                sources.push(&cv.source);
            }
            None => text.push_str("（文件没有列出这一年度的具体待遇）"),
        }
        match today.and_then(|x| x.outside_window.as_ref()) {
            Some(o) => {
                w!(text, "；若没有：{}。", o.text);
                sources.push(&o.source);
            }
            None => w!(text, "；若没有，{NO_OUTSIDE_WINDOW}。"),
        }
    }
    Some(InForce {
        benefit_year: year,
        beyond_newest: year > newest.benefit_year,
        source: join_sources(&sources),
        period: Some(period),
        text: text.into(),
    })
}

/// What a plan covers, responsibility by responsibility.
pub fn benefits(y: &Yongningbao) -> Vec<Benefit> {
    y.payout
        .responsibilities
        .iter()
        .map(|r| Benefit {
            id: r.id.clone(),
            name: r.name.clone(),
            deductible: r.bands.first().map_or(Money::ZERO, |b| b.from),
            bands: r.bands.clone(),
            sum_insured: r.sum_insured,
            source: r.source.clone(),
        })
        .collect()
}

/// A plan the notice names only as a target: its name and why there are
/// no figures.
pub(crate) fn target(t: &YnbTarget, year: i32) -> YongningbaoOut {
    YongningbaoOut {
        name: t.name.clone(),
        year,
        eligible: false,
        reason: t.reason.clone(),
        premium: None,
        paid_by_government: false,
        to_pay: None,
        note: None,
        enrollment: None,
        cover: None,
        waiting_period: None,
        sources: YnbSources { eligibility: t.source.clone(), premium: t.source.clone(), free: t.source.clone() },
        benefits: None,
        payout: None,
        payout_reason: None,
    }
}

/// The plan year that prices a bill, by the bill's date (or the date of the
/// question) against each plan's cover (保障期限): the plan whose cover holds
/// it, else the newest moved forward; a day before every plan gets no
/// payout, and the reason. Fills the payout's plan year.
pub(crate) fn price_bill(
    all: &[Policy],
    c: &Chosen,
    on: Option<NaiveDate>,
    bill: &Bill,
    out: &mut YongningbaoOut,
    detail: crate::answer::Detail,
    t: &mut crate::answer::Trail,
) -> Result<(), Error> {
    if !out.eligible || out.payout.is_none() {
        return Ok(());
    }
    let dated = match bill.date.as_deref() {
        Some(s) => Some(
            date::parse(s)
                .ok_or_else(|| Error::new(Code::InvalidValue, "bill.date", crate::request::hint("bill.date")))?,
        ),
        None => None,
    };
    let plans: Vec<&Yongningbao> =
        all.iter().filter(|p| p.region == c.policy.region).filter_map(|p| p.yongningbao.as_ref()).collect();
    let own = c.policy.yongningbao.as_ref();
    let Some(day) = dated.or(on) else {
        // No date at all: the plan of the year answered, as the plan says.
        if let (Some(y), Some(pay)) = (own, out.payout.as_mut()) {
            let k = c.shift();
            pay.plan_year = Some(y.year + k);
            pay.projected = k > 0;
            pay.cover = Some(shifted(&y.cover, k, y.year));
        }
        return Ok(());
    };
    let found = plans.iter().find(|y| y.cover.start.day() <= day && day <= y.cover.end.day()).map(|y| (*y, 0));
    let newest = plans.iter().max_by_key(|y| y.year).copied();
    let found = found
        .or_else(|| newest.filter(|y| day > y.cover.end.day()).map(|y| (y, crate::readings::years_to(&y.cover, day))));
    let Some((plan, k)) = found else {
        let oldest = plans.iter().min_by_key(|y| y.year).copied();
        let Some(oldest) = oldest else { return Ok(()) };
        let year = oldest.year + (day.year() - oldest.cover.start.day().year());
        let whose = if dated.is_some() { "账单日期" } else { "查询日（未填写账单日期）" };
        let mut reason = crate::readings::no_plan_before(whose, day, year, &out.name, oldest);
        if dated.is_none() {
            w!(reason, "账单如属{}年度，请填写账单日期。", oldest.year);
        }
        out.payout = None;
        out.payout_reason = Some(reason.into());
        return Ok(());
    };
    if dated.is_none() {
        t.assume(&crate::readings::bill_date_from_question(&out.name, &plan.cover.source));
    }
    if k > 0 {
        t.assume(&crate::readings::ynb_plan_projected(plan, k, &out.name));
    }
    if !own.is_some_and(|y| std::ptr::eq(y, plan)) {
        bill.check(&plan.payout)?;
        out.payout = Some(crate::payout::estimate(&plan.payout, bill, detail));
    }
    if let Some(pay) = out.payout.as_mut() {
        pay.plan_year = Some(plan.year + k);
        pay.projected = k > 0;
        pay.cover = Some(shifted(&plan.cover, k, plan.year));
    }
    Ok(())
}

/// The summary: the next step first, then (beyond the newest notice) the
/// `as_of` note, then the answer for the year enrolled for, then the year
/// in force.
pub(crate) fn summary(
    next: Option<&NextStep>,
    as_of: &crate::answer::AsOf,
    s: &str,
    in_force: Option<&InForce>,
) -> String {
    let rest = as_of.after(s);
    let mut out = String::with_capacity(s.len() + 512);
    if let Some(n) = next {
        out.push_str(&n.text);
    }
    if as_of.beyond_newest {
        out.push_str(&as_of.text);
    }
    out.push_str(rest);
    if let Some(f) = in_force {
        out.push_str(&f.text);
    }
    out
}

/// The part of a summary between its lead (the next step and the `as_of`
/// note) and the year in force: what `--format text` prints on its own line.
pub fn summary_core(q: &Quote) -> &str {
    let mut s: &str = &q.summary;
    if let Some(n) = &q.next_step {
        s = s.strip_prefix(&*n.text).unwrap_or(s);
    }
    if q.as_of.beyond_newest {
        s = s.strip_prefix(&*q.as_of.text).unwrap_or(s);
    }
    if let Some(f) = &q.in_force {
        s = s.strip_suffix(&*f.text).unwrap_or(s);
    }
    s
}

/// What a plan covers, in two lines: each responsibility with its sum
/// insured; then the deductible, bands and rates, the responsibilities with
/// the same bands together.
pub fn benefit_lines(b: &[Benefit]) -> [String; 2] {
    let wan = |m: Money| -> String {
        // 万 where whole, else yuan.
        let fen = m.fen();
        if fen % 1_000_000 == 0 {
            format!("{}万元", fen / 1_000_000)
        } else {
            format!("{m}元")
        }
    };
    let what: Vec<String> = b.iter().map(|x| format!("{}（保险金额{}）", x.name, wan(x.sum_insured))).collect();
    let mut groups: Vec<(&List<Band>, Vec<&str>)> = Vec::new();
    for x in b {
        let short = x.name.split('：').next().unwrap_or(&x.name);
        match groups.iter_mut().find(|(bands, _)| **bands == x.bands) {
            Some((_, names)) => names.push(short),
            None => groups.push((&x.bands, vec![short])),
        }
    }
    let how: Vec<String> = groups
        .iter()
        .map(|(bands, names)| {
            let first = bands.first().map_or(Money::ZERO, |b| b.from);
            let mut s = crate::words::join(names, "、");
            if first > Money::ZERO {
                w!(s, "起付线{}元，", first);
            } else {
                s.push_str("无起付线，");
            }
            let parts: Vec<String> = bands
                .iter()
                .map(|b| match b.to {
                    Some(t) => format!("{}至{}元部分赔{}%", b.from, t, b.rate),
                    None if b.from > Money::ZERO => format!("{}元以上部分赔{}%", b.from, b.rate),
                    None => format!("按{}%赔付", b.rate),
                })
                .collect();
            s.push_str(&crate::words::join(&parts, "，"));
            s
        })
        .collect();
    [
        format!("  保障：{}。", crate::words::join(&what, "；")),
        format!("  赔付（按保障年度内的累计理算金额分段）：{}。", crate::words::join(&how, "；")),
    ]
}

/// A household's members as their next steps name them: (label, answer).
pub type Members<'a> = &'a [(&'a str, &'a Quote)];

/// The members' next steps, those with the same step together: (labels,
/// step) in the order of their first member.
fn grouped<'a>(members: Members<'a>) -> Vec<(Vec<&'a str>, &'a NextStep)> {
    let mut out: Vec<(Vec<&str>, &NextStep)> = Vec::new();
    for (label, q) in members {
        let Some(n) = &q.next_step else { continue };
        match out.iter_mut().find(|(_, x)| x.text == n.text) {
            Some((who, _)) => who.push(label),
            None => out.push((vec![label], n)),
        }
    }
    out
}

/// A household summary's first sentence: each member's next step.
pub(crate) fn household_steps(members: Members<'_>) -> String {
    let mut s = String::new();
    for (i, (who, n)) in grouped(members).iter().enumerate() {
        s.push_str(if i == 0 { "下一步：" } else { "" });
        w!(s, "{}：{}", crate::words::join(who, "、"), n.text);
    }
    s
}

/// A household's first lines in `--format text`: each member's next step.
pub fn household_step_lines(members: Members<'_>) -> Vec<String> {
    grouped(members).iter().map(|(who, n)| format!("下一步·{}：{}", crate::words::join(who, "、"), n.text)).collect()
}
