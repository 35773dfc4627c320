//! 天一甬宁保 (or any supplementary plan a policy set includes) for one
//! person: eligibility, premium, who pays it, how to buy, the window, and the
//! payout estimate for a bill.

use crate::answer::{status, Chosen, Detail, Enrollment, Setting, Status, Trail, YnbSources, YongningbaoOut};
use crate::date;
use crate::error::Error;
use crate::money::Money;
use crate::payout;
use crate::policy::{Channel, Clause, Text, Tier, YnbWho, Yongningbao};
use crate::request::{Bill, Checked};

/// The window's state in words, for the note (none when it is open or the
/// question has no date).
fn note(y: &Yongningbao, c: &Chosen, person: &Checked, now: Option<Status>, year: i32) -> Option<Text> {
    let window = date::span_words(y.enrollment.start.day(), y.enrollment.end.day());
    if c.projected() {
        return Some(crate::readings::plan_window_as_filed(&y.name, y.year, window, now, year).into());
    }
    match now {
        Some(Status::Closed) => {
            let mut s = format!("{}{}的参保时间（{}）在查询日已经结束", y.name, y.year, window);
            if person.birth > y.enrollment.end.day() {
                s.push_str("：孩子出生时参保时间已经结束");
            }
            s.push_str("，文件没有写明参保时间以外能否参保。");
            Some(s.into())
        }
        Some(Status::NotYet) => Some(format!("{}{}的参保时间为{}，查询日尚未开始。", y.name, y.year, window).into()),
        _ => None,
    }
}

pub(crate) fn answer(
    y: &Yongningbao,
    setting: &Setting,
    person: &Checked,
    resident_eligible: bool,
    tier: Option<&Tier>,
    bill: Option<&Bill>,
    t: &mut Trail,
) -> Result<YongningbaoOut, Error> {
    // Figures alone: no note, no ways to buy, no workings.
    let detail = if t.record { Detail::Full } else { Detail::Figures };
    let c = &setting.chosen;
    let p = c.policy;
    let shift = c.shift();
    let now = status(&y.enrollment, person.date);
    let year = y.year + shift;
    let cover = crate::readings::shifted(&y.cover, shift, y.year);
    let eligible = person.employee || resident_eligible;
    // The employee's and the resident's reasons are the same for everyone
    // in the setting: written once.
    let [resident, employee] = &setting.ynb_reasons;
    let reason = if !t.record {
        String::new()
    } else if person.employee {
        t.assume(&y.employee_assumption);
        setting.said(employee, || format!("已参加职工医保，可以参加{}（{}）。", y.name, y.eligibility.text))
    } else if resident_eligible {
        setting.said(resident, || {
            format!("参加{}年度{}居民医保后，可以参加{}（{}）。", c.year, p.region_name, y.name, y.eligibility.text)
        })
    } else {
        format!(
            "{}只面向职工基本医疗保险和城乡居民基本医疗保险参保人员（{}）；按填写的情况，您不能参加居民医保，也未参加职工医保。",
            y.name, y.eligibility.text
        )
    };
    let reason: Text = reason.into();
    t.push(reason.clone(), y.eligibility.source.clone());
    let mut enrollment = Enrollment {
        start: y.enrollment.start.clone(),
        end: y.enrollment.end.clone(),
        status: now,
        source: y.enrollment.source.clone(),
        channel: None,
        how: Vec::new(),
    };
    let mut out = YongningbaoOut {
        name: y.name.clone(),
        year,
        eligible,
        reason,
        premium: None,
        paid_by_government: false,
        to_pay: None,
        note: if detail == Detail::Full { note(y, c, person, now, year) } else { None },
        enrollment: None,
        cover: Some(cover),
        waiting_period: Some(y.waiting_period.clone()),
        sources: YnbSources {
            eligibility: y.eligibility.source.clone(),
            premium: y.premium_source.clone(),
            free: y.free_source.clone(),
        },
        benefits: (detail == Detail::Full).then(|| crate::today::benefits(y)),
        payout: None,
        payout_reason: None,
    };
    if !eligible {
        if bill.is_some() {
            out.payout_reason = Some(format!("不能参加{}，因此没有赔付。", y.name).into());
        }
        out.enrollment = Some(enrollment);
        return Ok(out);
    }
    let cutoff = date::shift_years(y.reduced_born_on_or_after.day(), shift);
    let resident_tier = tier.filter(|_| resident_eligible);
    let student_tier = resident_tier.is_some_and(|t| y.reduced_tiers.contains(&t.id));
    let reduced = person.birth >= cutoff || student_tier;
    let premium = if reduced { y.premium_reduced } else { y.premium_standard };
    if t.record {
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
        step!(t, y.premium_source, "{}保费：{}每人{}元。", y.name, why, premium);
    }
    let free: Vec<&crate::policy::FreeIdentity> =
        y.free.iter().filter(|f| person.identities.iter().any(|i| i.id == f.id)).collect();
    if !free.is_empty() {
        if y.free_requires_local_hukou && !person.local {
            step!(t, y.free_source, "{}的政府资助限本市户籍人员，非本市户籍不享受。", y.name);
        } else {
            out.paid_by_government = true;
            for a in free.iter().filter_map(|f| f.assumption.as_ref()) {
                t.assume(a);
            }
            if t.record {
                let terms: Vec<&str> = free.iter().map(|f| &*f.term).collect();
                let window = date::span_words(y.enrollment.start.day(), y.enrollment.end.day());
                let terms = crate::words::join(&terms, "、");
                step!(t, y.free_source, "{}：{}（参保期为{}）。", terms, y.free_text, window);
            }
        }
    }
    out.premium = Some(premium);
    out.to_pay = Some(if out.paid_by_government { Money::ZERO } else { premium });
    if out.paid_by_government {
        enrollment.channel = Some(Channel::Government);
        if detail == Detail::Full {
            enrollment.how.push(Clause { text: y.free_text.clone(), source: y.free_source.clone() });
        }
    } else {
        enrollment.channel = Some(Channel::Purchase);
        if detail == Detail::Full {
            let rules =
                y.how.iter().filter(|h| h.when == YnbWho::All || (h.when == YnbWho::Employee && person.employee));
            enrollment.how.extend(rules.map(|h| Clause { text: h.text.clone(), source: h.source.clone() }));
        }
    }
    out.enrollment = Some(enrollment);
    if let Some(b) = bill {
        let r = payout::estimate(&y.payout, b, detail);
        t.assume(&y.payout.reading);
        if r.upper_bound {
            t.assume(&y.payout.outside_assumption);
        }
        out.payout = Some(r);
    }
    Ok(out)
}
