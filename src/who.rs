//! Who may join, in which tier, and what their identities give: the parts
//! of an answer that depend on the person.

use crate::answer::{Step, Trail};
use crate::date;
use crate::error::{Code, Error};
use crate::money::Money;
use crate::policy::{Assistance, Category, Clause, Combine, Identity, NonlocalOutcome, Policy, School, Text, Tier};
use crate::request::Checked;
use chrono::NaiveDate;

/// Whether and how a person may join.
pub(crate) struct Elig {
    /// `None` where the notices refer the question to a document not on file.
    pub eligible: Option<bool>,
    pub reason: String,
    /// Person categories that select the enrolment instructions.
    pub cats: Vec<Category>,
    pub basis: Option<Step>,
}

impl Elig {
    fn yes(p: &Policy, reason: String, cats: Vec<Category>, basis: &Clause, t: &mut Trail) -> Elig {
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

/// Who may join, in the order of the set's eligibility rules.
pub(crate) fn eligibility(p: &Policy, person: &Checked, t: &mut Trail) -> Result<Elig, Error> {
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
    // Groups the notice refers to a document not on file.
    if let Some(i) = person.identities.iter().find(|i| i.referred.is_some()) {
        let why = i.referred.clone().unwrap_or_default();
        t.push(why.clone(), i.source.clone());
        let basis = Clause { text: why.clone(), source: i.source.clone() };
        return Ok(Elig { eligible: None, reason: why.to_string(), cats: Vec::new(), basis: Some(basis) });
    }
    if let Some(r) = &e.referred {
        if r.schools.contains(&person.school) {
            t.push(r.undecided.clone(), r.source.clone());
            let basis = Clause { text: r.text.clone(), source: r.source.clone() };
            return Ok(Elig { eligible: None, reason: r.undecided.to_string(), cats: Vec::new(), basis: Some(basis) });
        }
    }
    let mut cats: Vec<Category> = Vec::new();
    match person.school {
        School::PrimarySecondary => cats.push(Category::Student),
        School::College => cats.push(Category::College),
        School::None => {}
    }
    if person.local {
        t.clause(&e.local_hukou);
        if let Some(a) = &e.local_assumption {
            t.assume(a);
        }
        let hint = e.local_newborn.as_ref().filter(|r| {
            person.date.is_some_and(|d| date::within_months(person.birth, d, r.max_months))
                && p.enroll_how.iter().any(|h| h.when.contains(&Category::LocalNewborn))
        });
        if let Some(r) = hint {
            cats.push(Category::LocalNewborn);
            t.assume(&r.assumption);
        }
        if cats.is_empty() || cats == [Category::LocalNewborn] {
            // Students enrol through their school, not on their own.
            cats.push(Category::Local);
        }
        let reason = format!("本市户籍、未参加职工医保，可以参加{}居民医保。", p.region_name);
        return Ok(Elig::yes(p, reason, cats, &e.local_hukou, t));
    }
    if let Some(s) = &e.student {
        if s.schools.contains(&person.school) {
            t.push(s.text.clone(), s.source.clone());
            let reason = format!("在{}就读的全日制学生，不限户籍和国籍，可以参加居民医保。", p.region_name);
            let basis = Clause { text: s.text.clone(), source: s.source.clone() };
            return Ok(Elig::yes(p, reason, cats, &basis, t));
        }
    }
    if person.permit {
        t.clause(&e.residence_permit);
        cats.push(Category::ResidencePermit);
        let reason = format!("持{}有效居住证的非本市户籍人员，可以参加居民医保。", p.region_name);
        return Ok(Elig::yes(p, reason, cats, &e.residence_permit, t));
    }
    if let Some(nb) = &e.newborn {
        // Without a date, ask for one only if the person is at most
        // `max_months` old on some day from the window's opening on.
        let open = p.enrollment.start.day();
        let young_enough = date::within_months(person.birth, open.max(person.birth), nb.max_months);
        let on = match person.date {
            Some(d) => Some(d),
            None if young_enough => {
                return Err(Error::new(
                    Code::Missing,
                    "date",
                    "判断非本市户籍新生儿能否参保需要查询日期（YYYY-MM-DD），请填写。",
                ));
            }
            None => None,
        };
        if on.is_some_and(|d| date::within_months(person.birth, d, nb.max_months)) {
            t.assume(&nb.assumption);
            let fails = parent_fails(person.parent, nb, "父母一方")?;
            t.push(nb.text.clone(), nb.source.clone());
            let basis = Clause { text: nb.text.clone(), source: nb.source.clone() };
            if fails.is_empty() {
                cats.push(Category::NonlocalNewborn);
                let reason = format!("{}，父母一方符合条件，可由父母一方为其办理参保。", nb.term);
                return Ok(Elig::yes(p, reason, cats, &basis, t));
            }
            return Ok(Elig::no(
                format!("{}须父母一方符合条件才能参保，但{}。", nb.term, crate::words::join(&fails, "、")),
                &basis,
            ));
        }
    }
    let mut reason = format!("非本市户籍、没有{}有效居住证", p.region_name);
    if e.student.is_some() {
        reason.push_str("、不是在本市学校就读的全日制学生");
    }
    reason.push_str("，按本通知不能参加居民医保。");
    t.push(reason.clone().into(), e.residence_permit.source.clone());
    Ok(Elig::no(reason, &e.residence_permit))
}

/// The parent conditions that fail (empty: all met), said of `who` (父母一方,
/// or a household's member). A condition the set requires and the request
/// leaves open is a question, asked by field.
pub(crate) fn parent_fails(
    np: Option<&crate::request::NewbornParent>,
    nb: &crate::policy::NewbornRule,
    who: &str,
) -> Result<Vec<String>, Error> {
    // The conditions the set requires, each with whether the request leaves
    // it open; their questions are written only for an error.
    let asks = [
        ("residence_permit", nb.parent_residence_permit, np.is_some_and(|n| n.residence_permit.is_none())),
        (
            "employee_insurance_months",
            nb.parent_min_employee_months.is_some(),
            np.is_some_and(|n| n.employee_insurance_months.is_none()),
        ),
        ("insured_normal", nb.parent_insured_normal, np.is_some_and(|n| n.insured_normal.is_none())),
    ];
    let question = |key: &str| match key {
        "residence_permit" => format!("{who}是否持本市有效居住证"),
        "employee_insurance_months" => {
            format!("{who}参加职工医保的累计缴费月数（须满{}个月）", nb.parent_min_employee_months.unwrap_or_default())
        }
        _ => format!("{who}是否{}", nb.parent_insured),
    };
    let Some(np) = np else {
        let qs: Vec<String> = asks.iter().filter(|(_, required, _)| *required).map(|(k, _, _)| question(k)).collect();
        return Err(Error::new(
            Code::Missing,
            "newborn_parent",
            format!(
                "非本市户籍、没有居住证的{}能否参保，取决于父母：请回答{}。",
                nb.term,
                crate::words::join(&qs, "、")
            ),
        ));
    };
    if let Some((key, _, _)) = asks.iter().find(|(_, required, open)| *required && *open) {
        return Err(Error::new(Code::Missing, format!("newborn_parent.{key}"), format!("请回答：{}。", question(key))));
    }
    let mut fails = Vec::new();
    if nb.parent_residence_permit && np.residence_permit != Some(true) {
        fails.push(format!("{who}未持本市有效居住证"));
    }
    if let Some(min) = nb.parent_min_employee_months {
        if np.employee_insurance_months.unwrap_or(0) < min {
            fails.push(format!("{who}职工医保累计缴费不满{min}个月"));
        }
    }
    if nb.parent_insured_normal && np.insured_normal != Some(true) {
        fails.push(format!("{who}不满足“{}”", nb.parent_insured));
    }
    Ok(fails)
}

/// The person's tier: by school (any age), else by age on the day before
/// the benefit year. Also whether it was by school.
pub(crate) fn tier<'p>(
    p: &'p Policy,
    person: &Checked,
    age: u32,
    reference: NaiveDate,
    projected: bool,
    t: &mut Trail,
) -> Option<(&'p Tier, bool)> {
    if let Some(a) = &p.age_rule.assumption {
        t.assume(a);
    }
    let by_school = p.tiers.iter().find(|x| x.schools.contains(&person.school));
    let tier = by_school.or_else(|| p.tiers.iter().find(|x| x.holds_age(age)))?;
    if t.record {
        let how = if by_school.is_some() {
            format!("按在读情况，属于{}。", tier.name)
        } else if p.age_rule.on.is_none() {
            // The fee does not depend on age: no age is said.
            format!("{}，属于{}。", p.age_rule.text, tier.name)
        } else if projected {
            crate::readings::age_in_later_year(&p.age_rule.text, reference, age, &tier.name)
        } else {
            format!("{}，按年龄{}周岁，属于{}。", p.age_rule.text, age, tier.name)
        };
        t.push(how.into(), tier.source.clone());
    }
    Some((tier, by_school.is_some()))
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
    /// An amount the notice gives for an earlier year only, and lowers after
    /// it: not known for the year answered, at most this.
    AtMost(Money),
}

/// What the identities give towards the fee, as the set combines them
/// (the single highest amount, never more than the fee; or the whole fee
/// for any), and the clause it rests on.
pub(crate) fn assistance_for(
    p: &Policy,
    identities: &[&Identity],
    local: bool,
    fee: Option<Money>,
    year: i32,
    t: &mut Trail,
) -> (Aid, Option<Text>) {
    let with_aid: Vec<(&Identity, Assistance)> =
        identities.iter().filter_map(|i| i.assistance.map(|a| (*i, a))).collect();
    // Amounts the notice gives only up to an earlier year: upper bounds.
    let ended = |i: &Identity| i.assistance_until.as_ref().is_some_and(|u| year > u.last_year);
    let bound = with_aid
        .iter()
        .filter(|(i, _)| ended(i))
        .map(|(_, a)| match a {
            Assistance::Full => fee.unwrap_or(Money::ZERO),
            Assistance::Fixed(m) => *m,
        })
        .max();
    for (i, u) in
        with_aid.iter().filter(|(i, _)| ended(i)).filter_map(|(i, _)| i.assistance_until.as_ref().map(|u| (i, u)))
    {
        step!(t, i.source, "{}：{}。", i.name, u.text);
    }
    let with_aid: Vec<(&Identity, Assistance)> = match bound {
        Some(_) if p.assistance.combine.rule == Combine::FullForAny => with_aid,
        Some(_) => with_aid.into_iter().filter(|(i, _)| !ended(i)).collect(),
        None => with_aid,
    };
    for i in identities.iter().filter(|i| i.assistance.is_none()) {
        step!(t, i.source, "{}：本通知的居民医保资助对象未列入这一身份。", i.name);
    }
    let Some(first) = with_aid.first() else {
        return match (bound, identities.iter().find(|i| ended(i))) {
            (Some(b), Some(i)) => (Aid::AtMost(fee.map_or(b, |f| b.min(f))), Some(i.source.clone())),
            _ => (Aid::None, None),
        };
    };
    if let Some(rule) = &p.assistance.nonlocal {
        if !local {
            step!(t, rule.source, "非本市户籍：{}。", rule.text);
            if let Some(a) = &rule.assumption {
                t.assume(a);
            }
            let aid = match rule.outcome {
                NonlocalOutcome::HukouPlace => Aid::HukouPlace,
                NonlocalOutcome::NoAssistance => Aid::Denied,
            };
            return (aid, Some(rule.source.clone()));
        }
    }
    // Full beats any fixed amount; among fixed amounts the highest.
    let rank = |a: Assistance| match a {
        Assistance::Full => None,
        Assistance::Fixed(m) => Some(m),
    };
    let mut best = *first;
    for x in &with_aid {
        let (b, n) = (rank(best.1), rank(x.1));
        if b.is_some() && n.is_none_or(|n| b.is_some_and(|b| n > b)) {
            best = *x;
        }
    }
    let (who, what) = best;
    let full_for_any = p.assistance.combine.rule == Combine::FullForAny;
    let aid = match (what, fee) {
        (Assistance::Full, _) => Aid::Full,
        (Assistance::Fixed(_), _) if full_for_any => Aid::Full,
        // 就高不重复 with an amount known only up to a bound above it.
        (Assistance::Fixed(a), _) if bound.is_some_and(|b| b > a) => {
            let b = bound.unwrap_or(a);
            Aid::AtMost(fee.map_or(b, |f| b.min(f)))
        }
        (Assistance::Fixed(a), Some(fee)) => Aid::Fixed(a.min(fee)),
        (Assistance::Fixed(a), None) => Aid::Fixed(a),
    };
    match (aid, fee) {
        (Aid::Full, Some(fee)) => step!(t, who.source, "{}：个人缴费{}元由政府全额资助。", who.name, fee),
        (Aid::Full, None) => step!(
            t,
            who.source,
            "{}：个人缴费由政府全额资助，个人需缴纳0元（本通知未给出这一类别的缴费金额）。",
            who.name
        ),
        (Aid::Fixed(a), Some(_)) => step!(t, who.source, "{}：资助{}元。", who.name, a),
        (Aid::Fixed(a), None) => {
            step!(t, who.source, "{}：资助标准{}元；本通知未给出这一类别的个人缴费，无法算出需缴纳多少。", who.name, a)
        }
        _ => {}
    }
    if with_aid.len() > 1 {
        let c = &p.assistance.combine;
        t.push(c.text.clone(), c.source.clone());
    }
    (aid, Some(who.source.clone()))
}
