//! When a person's situation changes: a change of assisted status after
//! registering (refund, top-up, assistance kept), and a person whose age
//! moves them into another tier this benefit year.
//!
//! Both are rules of the policy data (`[[change.rules]]`,
//! `[age_band_change]`), each with its clause; a set without them (慈溪's
//! notice has no change rules) answers that the notice does not say.
//!
//! ```
//! // I paid 780 in October and was certified 低保 in December: 余政办发〔2023〕80号
//! // 二(一)4(3)③, certified by the window's end (2023-12-25): refunded.
//! let q = yibao::quote_json(r#"{"region":"yuyao","benefit_year":2024,"date":"2023-12-10",
//!     "birth_date":"1980-05-17","hukou":"local","identities":["dibao"],
//!     "change":{"registered_on":"2023-10-15","identities_then":[],"changed_on":"2023-12-05"}}"#).unwrap();
//! let c = q.change.unwrap();
//! assert_eq!(c.outcome, yibao::policy::ChangeOutcome::Refund);
//! assert_eq!(c.amount.unwrap().fixed(), "780.00");
//! ```

use crate::answer::{ChangeOut, Chosen, Detail, Step, Trail};
use crate::date;
use crate::error::{Code, Error};
use crate::money::Money;
use crate::policy::{AmountBasis, ChangeKind, ChangeOutcome, ChangePeriod, Clause, Identity, Policy, Text, Tier};
use crate::readings::AS_THEY_STOOD;
use crate::who::{assistance_for, Aid};
use chrono::NaiveDate;

/// A change of the request, checked.
pub(crate) struct ChangeIn<'p> {
    registered: NaiveDate,
    changed: NaiveDate,
    then: Vec<&'p Identity>,
}

fn day(v: &Option<String>, field: &str, ask: &str) -> Result<NaiveDate, Error> {
    let s = v.as_deref().ok_or_else(|| Error::new(Code::Missing, field, ask))?;
    date::parse(s).ok_or_else(|| Error::new(Code::InvalidValue, field, crate::request::hint(field)))
}

/// Checks the request's `change` against the policy set.
pub(crate) fn check<'p>(p: &'p Policy, c: &crate::request::Change) -> Result<ChangeIn<'p>, Error> {
    let registered = day(&c.registered_on, "change.registered_on", "请填写办理参保登记的日期（YYYY-MM-DD）。")?;
    let changed = day(&c.changed_on, "change.changed_on", "请填写新身份认定的日期（YYYY-MM-DD）。")?;
    if changed < registered {
        return Err(Error::new(
            Code::OutOfRange,
            "change.changed_on",
            format!(
                "新身份认定的日期（{}）早于办理参保登记的日期（{}）：登记时已有的身份请填在“登记时的身份”里。",
                date::iso(changed),
                date::iso(registered)
            ),
        ));
    }
    let listed = c.identities_then.as_ref().ok_or_else(|| {
        Error::new(Code::Missing, "change.identities_then", "请填写办理参保登记时的身份；当时没有特殊身份请填 []。")
    })?;
    let mut then = Vec::new();
    for id in listed {
        match p.identity(id) {
            Some(i) if !then.contains(&i) => then.push(i),
            Some(_) => {}
            None => {
                let choices: Vec<String> = p.identities.iter().map(|i| format!("{}（{}）", i.id, i.name)).collect();
                return Err(Error::new(
                    Code::UnknownIdentity,
                    "change.identities_then",
                    format!(
                        "{}{}年度政策没有身份“{}”。可选：{}；当时没有特殊身份请填 []。",
                        p.region_name,
                        p.benefit_year,
                        id,
                        crate::words::join(&choices, "、")
                    ),
                ));
            }
        }
    }
    Ok(ChangeIn { registered, changed, then })
}

/// The assistance an outcome amounts to, in money (`None`: not known).
fn amount_of(aid: Aid, fee: Option<Money>) -> Option<Money> {
    match aid {
        Aid::Full => fee,
        Aid::Fixed(a) => Some(a),
        Aid::None | Aid::Denied => Some(Money::ZERO),
        Aid::HukouPlace | Aid::AtMost(_) => None,
    }
}

/// For comparing two statuses: full above any fixed amount.
fn level(aid: Aid) -> i64 {
    match aid {
        Aid::Full => i64::MAX,
        Aid::Fixed(a) | Aid::AtMost(a) => a.fen(),
        _ => 0,
    }
}

/// A change's answer and the assistance the answer's figures show with it.
pub(crate) struct Answer {
    pub out: ChangeOut,
    /// The assistance that stands after the outcome: the new status's for a
    /// refund or top-up, else the status registered with (kept, not
    /// refunded, or as it stood where the notices are silent).
    pub aid: Aid,
    /// No clause settles the change: the figures are as they stood.
    pub silent: bool,
}

/// The identities of `now` and of the change's `then` that the person held
/// on some day of `[start, end]`: one held then is held from registering
/// until the change (throughout, if still held); one held only now, from
/// the day it was certified.
pub(crate) fn held_within<'p>(
    ch: &ChangeIn<'p>,
    now: &[&'p Identity],
    start: NaiveDate,
    end: NaiveDate,
) -> Vec<&'p Identity> {
    let mut out: Vec<&Identity> = Vec::new();
    for i in ch.then.iter().chain(now.iter()).copied() {
        let (then, still) = (ch.then.contains(&i), now.contains(&i));
        let held = match (then, still) {
            (true, true) => ch.registered <= end,
            (true, false) => ch.registered <= end && ch.changed >= start,
            _ => ch.changed <= end,
        };
        if held && !out.contains(&i) {
            out.push(i);
        }
    }
    out
}

impl ChangeIn<'_> {
    /// The day the identities now held were certified.
    pub(crate) fn changed(&self) -> NaiveDate {
        self.changed
    }
}

/// The answer for a change of status: the first rule of the set that
/// matches the kind of change and its dates, and the assistance it leaves.
pub(crate) fn answer(
    c: &Chosen,
    ch: &ChangeIn,
    identities: &[&Identity],
    local: bool,
    fee: Option<Money>,
    now: Aid,
) -> Result<Answer, Error> {
    let then = assistance_for(c.policy, &ch.then, local, fee, c.year, &mut Trail::new(Detail::Figures)).0;
    let out = outcome(c, ch, identities, fee, now, then)?;
    let (aid, silent) = match out.outcome {
        ChangeOutcome::Refund | ChangeOutcome::TopUp => (now, false),
        ChangeOutcome::NotInDocuments => (then, true),
        ChangeOutcome::Keep | ChangeOutcome::None => (then, false),
    };
    Ok(Answer { out, aid, silent })
}

fn outcome(
    c: &Chosen,
    ch: &ChangeIn,
    identities: &[&Identity],
    fee: Option<Money>,
    now: Aid,
    then: Aid,
) -> Result<ChangeOut, Error> {
    let p = c.policy;
    let doc = p.document.number.clone();
    let out =
        |outcome, amount, reason: String, source: Text| ChangeOut { outcome, amount, reason: reason.into(), source };
    let same = ch.then.len() == identities.len() && ch.then.iter().all(|i| identities.contains(i));
    if same {
        let why = "登记时和现在的身份相同，个人缴费和资助不因此改变。";
        return Ok(out(ChangeOutcome::None, Some(Money::ZERO), why.into(), doc));
    }
    if let (Some(rule), true) = (&p.assistance.nonlocal, matches!(now, Aid::Denied | Aid::HukouPlace)) {
        let outcome = if now == Aid::HukouPlace { ChangeOutcome::NotInDocuments } else { ChangeOutcome::None };
        let amount = (now == Aid::Denied).then_some(Money::ZERO);
        return Ok(out(outcome, amount, format!("非本市户籍：{}。", rule.text), rule.source.clone()));
    }
    let (a0, a1) = (level(then), level(now));
    let kind = if a0 == a1 {
        let added: Vec<&str> = identities.iter().filter(|i| !ch.then.contains(i)).map(|i| &*i.name).collect();
        let mut s = if added.is_empty() || identities.iter().any(|i| i.assistance.is_some()) {
            "资助标准没有因身份变化而改变，没有退费或补差。".to_string()
        } else {
            format!("{}不是本通知居民医保的资助对象，个人缴费不因此改变。", crate::words::join(&added, "、"))
        };
        if let Some(y) = &p.yongningbao {
            let new_free =
                y.free.iter().any(|f| identities.iter().any(|i| i.id == f.id) && !ch.then.iter().any(|i| i.id == f.id));
            if new_free {
                w!(s, "但它可能影响{}：{}。", y.name, y.free_text);
            }
        }
        return Ok(out(ChangeOutcome::None, Some(Money::ZERO), s, doc));
    } else if a0 == 0 {
        ChangeKind::BecameAssisted
    } else if a1 == 0 {
        ChangeKind::LeftAssisted
    } else if a1 > a0 {
        ChangeKind::ClassUp
    } else {
        ChangeKind::ClassDown
    };
    let Some(rules) = &p.change else {
        return Ok(out(
            ChangeOutcome::NotInDocuments,
            None,
            format!("本通知没有规定参保后资助身份变化如何处理（退费、补差或保留资助）。{AS_THEY_STOOD}"),
            doc,
        ));
    };
    // The set's window and benefit period, moved to the year answered.
    let shift = c.shift();
    let at = |d: &crate::date::Date| date::shift_years(d.day(), shift);
    let (w0, w1) = (at(&p.enrollment.start), at(&p.enrollment.end));
    let (b0, b1) = (at(&p.benefit_period.start), at(&p.benefit_period.end));
    let period = if ch.changed <= w1 {
        ChangePeriod::ByWindowEnd
    } else if ch.changed < b0 {
        ChangePeriod::BeforeBenefitYear
    } else if ch.changed <= b1 {
        ChangePeriod::InBenefitYear
    } else {
        ChangePeriod::AfterBenefitYear
    };
    let in_window = w0 <= ch.registered && ch.registered <= w1;
    let rule = rules.rules.iter().find(|r| {
        r.when.contains(&kind)
            && (r.certified.is_empty() || r.certified.contains(&period))
            && (!r.registered_in_window || in_window)
    });
    let Some(r) = rule else {
        let why = match (kind, in_window, period) {
            (_, _, ChangePeriod::AfterBenefitYear) => {
                format!("身份认定日在{}年度的待遇期结束（{}）之后", c.year, date::words(b1))
            }
            (ChangeKind::LeftAssisted | ChangeKind::ClassDown, false, _) => "办理参保登记不在集中参保期内".to_string(),
            _ => "这一时间或情形".to_string(),
        };
        return Ok(out(
            ChangeOutcome::NotInDocuments,
            None,
            format!("通知没有写明这种情况（{why}）的资助如何处理。{AS_THEY_STOOD}"),
            doc,
        ));
    };
    let (fee_then, fee_now) = (amount_of(then, fee), amount_of(now, fee));
    let amount = match r.amount {
        AmountBasis::Fee => fee,
        AmountBasis::AssistanceNow => fee_now,
        AmountBasis::Difference => match (fee_then, fee_now) {
            (Some(x), Some(y)) => Some(y - x),
            _ => None,
        },
        AmountBasis::Zero => Some(Money::ZERO),
        AmountBasis::Unknown => None,
    }
    // Never negative, never more than the personal fee.
    .map(|a| a.max(Money::ZERO))
    .map(|a| fee.map_or(a, |f| a.min(f)));
    let outcome = r.outcome;
    let mut s = format!("{}。", r.text);
    let money = |m: Option<Money>| m.map_or_else(|| "（通知未给出金额）".to_string(), |m| format!("{m}元"));
    match (outcome, r.amount) {
        (ChangeOutcome::Refund, AmountBasis::Fee) => {
            w!(s, "按此，应为您退还已缴纳的个人缴费{}，并按资助参保对象参保。", money(amount))
        }
        (ChangeOutcome::Refund, _) => w!(s, "按此，应给予您参保资助{}。", money(amount)),
        (ChangeOutcome::TopUp, _) => match (then, fee_now) {
            // The old standard is known only as an upper bound for this year.
            (Aid::AtMost(b), Some(n)) => s.push_str(&crate::readings::top_up_from_at_most(n, c.year, b)),
            _ => {
                w!(s, "按此，应按新标准补差{}（新标准{} − 原标准{}）。", money(amount), money(fee_now), money(fee_then))
            }
        },
        (ChangeOutcome::Keep, _) => w!(s, "按此，已给予的资助不收回，本年度不需退回。"),
        (ChangeOutcome::None, _) => w!(s, "按此，没有退费或补差。"),
        (ChangeOutcome::NotInDocuments, _) => s.push_str(AS_THEY_STOOD),
    }
    let amount = if outcome == ChangeOutcome::NotInDocuments { None } else { amount };
    Ok(out(outcome, amount, s, r.source.clone()))
}

/// A person enrolled in the previous benefit year whose age puts them in
/// another tier this year: what they (or the agency) must do, compared with
/// the previous year's tiers where that set is on file, else by this set's
/// age bands, which the answer then says.
pub(crate) fn age_band(
    all: &[Policy],
    c: &Chosen,
    tier: &Tier,
    birth: NaiveDate,
    reference: NaiveDate,
    by_school: bool,
) -> Option<Step> {
    let p = c.policy;
    let rule = p.age_band_change.as_ref()?;
    if by_school || tier.min_age.is_none() {
        return None;
    }
    let prev_ref = reference.checked_sub_months(chrono::Months::new(12))?;
    if birth > prev_ref {
        return None; // not yet born a year before: nothing to continue
    }
    let prev_set = all.iter().find(|x| x.region == p.region && x.benefit_year == c.year - 1);
    let rules = prev_set.unwrap_or(p);
    let age = date::age_years(birth, prev_ref);
    let prev =
        rules.tiers.iter().find(|x| x.min_age.is_some_and(|lo| lo <= age) && x.max_age.is_none_or(|hi| age < hi))?;
    if prev.id == tier.id {
        return None;
    }
    let basis = if prev_set.is_some() {
        ""
    } else {
        "（上一年度的文件不在本计算器之内，按本年度的年龄界限比较）"
    };
    Some(Clause {
        text: format!(
            "跨年龄段：按年龄，上一年度（{}年度）属于{}，本年度属于{}{}。如果上一年度已参保，属于跨年龄段变更参保类别：{}。",
            c.year - 1,
            prev.name,
            tier.name,
            basis,
            rule.next
        )
        .into(),
        source: rule.source.clone(),
    })
}
