//! The product's own readings: what the calculator does, for every policy
//! set alike, where the notices are silent or the question reaches past
//! them — the year a date implies and the set that answers it
//! ([`choose_policy`]), the last year answered ([`LAST_YEAR`]), projecting a
//! later year ([`shifted`], [`projection`]), the year in force on a date
//! ([`set_in_force`]), which notice an answer uses ([`as_of`]), nothing
//! projected backwards, a 甬宁保 plan year beyond the newest plan, a bill
//! without a date, a change no clause settles. A notice cannot change these
//! (its own rules and words are in its policy file); each is said, with its
//! wording here, where an answer relies on it: the notes, assumptions and
//! sentences below are every sentence of these readings. Besides the
//! assumptions, a later year answered by the newest notice is said in: the
//! window and ways to enrol as filed ([`window_as_filed`],
//! [`how_as_filed`]), a tier's age day ([`age_in_later_year`]), a 甬宁保
//! plan's note ([`plan_window_as_filed`]), the next step ([`step_as_filed`],
//! [`step_window_unknown`], [`step_window_closed`]), the year in force's
//! dates and cover ([`window_by_file`], [`covers_as_filed`]), the plain
//! text's mark of a projected plan ([`PLAN_PROJECTED`]), a list's
//! estimate column (`list_estimate`), and an amount the notice ties to a
//! period, known in a later year only as at most its last figure
//! ([`aid_at_most`], [`aid_at_most_elsewhere`], [`top_up_from_at_most`]).
//! The state of a window on the date asked, which these and every window's
//! dates are followed by, is worded here too ([`status_words`]), and so is
//! a notice's silence on enrolling outside a closed window
//! ([`NO_OUTSIDE_WINDOW`]).

#[cfg(any(not(target_arch = "wasm32"), feature = "batch"))]
use crate::answer::Quote;
use crate::answer::{AsOf, Chosen, Detail, InForce, Period, Status};
use crate::date;
use crate::error::{Code, Error};
use crate::money::Money;
use crate::policy::{Assumption, Policy, Span, Text, Yongningbao};
use crate::request::Request;
use chrono::{Datelike, NaiveDate};
use std::fmt::Display;

/// The last benefit year the engine answers for (a later date is a typo).
pub(crate) const LAST_YEAR: i32 = 2100;

/// A window's state on the date of the question, as every sentence and
/// line that gives a window's dates follows them with it (nothing without
/// a date).
pub(crate) fn status_words(status: Option<Status>) -> &'static str {
    match status {
        Some(Status::NotYet) => "（查询日尚未开始）",
        Some(Status::Open) => "（查询日正在进行）",
        Some(Status::Closed) => "（查询日已结束）",
        None => "",
    }
}

/// What marks dates moved forward from the notice of year `filed`: a
/// projected span's source ([`shifted`]) and, in a year in force, the
/// window's dates.
fn by_file(filed: i32) -> String {
    format!("按{filed}年度文件推算")
}

/// A span of the policy moved by `shift` whole years (itself when 0), its
/// source marked as a projection.
pub(crate) fn shifted(s: &Span, shift: i32, from_year: i32) -> Span {
    if shift == 0 {
        return s.clone();
    }
    Span {
        start: s.start.plus_years(shift),
        end: s.end.plus_years(shift),
        source: format!("{}（{}）", s.source, by_file(from_year)).into(),
        condition: s.condition.clone(),
    }
}

/// The regions on file, as a missing or unknown region's error lists them.
fn region_choices(all: &[Policy]) -> String {
    let mut seen: Vec<String> = Vec::new();
    for p in all {
        let s = format!("{}（{}）", p.region, p.region_name);
        if !seen.contains(&s) {
            seen.push(s);
        }
    }
    format!("地区请填写 {}。", crate::words::join(&seen, "、"))
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
    choose(all, req, date, true)
}

/// [`choose_policy`], writing its note only when `say` (figures alone need
/// none); a date from [`LAST_YEAR`] on is refused (a typo).
pub(crate) fn choose<'p>(
    all: &'p [Policy],
    req: &Request,
    date: Option<NaiveDate>,
    say: bool,
) -> Result<(Chosen<'p>, Option<String>), Error> {
    if date.is_some_and(|d| d.year() >= LAST_YEAR) {
        return Err(Error::new(
            Code::OutOfRange,
            "date",
            format!("查询日期晚于{}年，请检查年份（格式 YYYY-MM-DD）。", LAST_YEAR - 1),
        ));
    }
    let c = &req.context;
    let Some(region) = c.region.as_deref() else {
        return Err(Error::new(Code::Missing, "region", region_choices(all)));
    };
    // `policy_sets()` is ordered by region, then benefit year.
    let sets: Vec<&Policy> = all.iter().filter(|p| p.region == region).collect();
    let Some(newest) = sets.last().copied() else {
        return Err(Error::new(Code::InvalidValue, "region", region_choices(all)));
    };
    let at = |policy: &'p Policy, year: i32, implied: bool| Chosen { policy, year, newest, implied };
    if let Some(year) = c.benefit_year {
        if let Some(p) = sets.iter().copied().find(|p| i64::from(p.benefit_year) == year) {
            return Ok((at(p, p.benefit_year, false), None));
        }
        if let Some(y) = i32::try_from(year).ok().filter(|y| *y > newest.benefit_year && *y <= LAST_YEAR) {
            let note = say.then(|| {
                format!(
                    "{}年度没有收录的文件：按{}最新的{}年度文件推算{}年度。",
                    y, newest.region_name, newest.benefit_year, y
                )
            });
            return Ok((at(newest, y, false), note));
        }
        let years: Vec<String> = sets.iter().map(|p| p.benefit_year.to_string()).collect();
        return Err(Error::new(
            Code::InvalidValue,
            "benefit_year",
            format!(
                "{}没有{}年度的政策，可选：{}；更晚的年度按最新文件估算。不确定可不填。",
                newest.region_name,
                year,
                crate::words::join(&years, "、")
            ),
        ));
    }
    let Some(d) = date else {
        let note = say.then(|| {
            format!("未指定待遇年度，按{}现有最新的{}年度政策计算。", newest.region_name, newest.benefit_year)
        });
        return Ok((at(newest, newest.benefit_year, false), note));
    };
    let window = |p: &Policy| (p.enrollment.start.day(), p.enrollment.end.day());
    if let Some(p) = sets.iter().copied().find(|p| window(p).0 <= d && d <= window(p).1) {
        let note =
            say.then(|| format!("查询日在{}年度的集中参保期内，按{}年度政策计算。", p.benefit_year, p.benefit_year));
        return Ok((at(p, p.benefit_year, false), note));
    }
    if let Some(p) = sets.iter().copied().find(|p| d < window(p).0) {
        let note = say.then(|| {
            format!(
                "查询日在{}年度的集中参保期开始之前，按下一个集中参保期（{}年度）计算。",
                p.benefit_year, p.benefit_year
            )
        });
        return Ok((at(p, p.benefit_year, false), note));
    }
    let open = window(newest).0;
    let year = if (d.month(), d.day()) >= (open.month(), open.day()) { d.year() + 1 } else { d.year() };
    let year = year.max(newest.benefit_year);
    if year == newest.benefit_year {
        let note = say.then(|| {
            format!(
                "查询日在{}最新的{}年度集中参保期之后、下一年度集中参保期之前，按{}年度政策计算。",
                newest.region_name, newest.benefit_year, newest.benefit_year
            )
        });
        return Ok((at(newest, year, false), note));
    }
    let note = say.then(|| {
        format!(
        "查询日{}对应{}年度（按最新文件的集中参保期开始日{}月{}日推算）；没有{}年度的文件，按最新的{}年度文件推算。",
        date::words(d),
        year,
        open.month(),
        open.day(),
        year,
        newest.benefit_year
    )
    });
    Ok((at(newest, year, true), note))
}

/// What applying the newest notice to a later year reads into it: the
/// set's amounts, its age day and 甬宁保 birth limit moved by whole years,
/// its benefit period moved likewise (`period`, as answered).
pub(crate) fn projection(c: &Chosen, ages_on: Option<NaiveDate>, period: &Period) -> Assumption {
    let p = c.policy;
    let mut text = format!(
        "本计算器收录的{}最新文件是{}年度的（{}），没有{}年度的文件。本答复按该文件的规则推算{}年度：各档缴费、财政补助和资助照用{}年度的标准（文件写明只适用于某一时期的金额除外）",
        p.region_name, p.benefit_year, p.document.number, c.year, c.year, p.benefit_year,
    );
    if let Some(on) = ages_on {
        w!(text, "，年龄按{}的周岁计算", date::words(on));
    }
    if let Some(y) = &p.yongningbao {
        let cut = y.reduced_born_on_or_after.day();
        let moved = date::shift_years(cut, c.shift());
        w!(text, "，{}“未成年人”的出生日期界限由{}顺延为{}", y.name, date::words(cut), date::words(moved));
    }
    w!(
        text,
        "，待遇期按{}推算。{}年度的实际标准以新通知为准。",
        date::span_words(period.start.day(), period.end.day()),
        c.year
    );
    Assumption { id: "beyond-newest-notice".into(), text: text.into() }
}

/// The benefit year a date after the newest window implies.
pub(crate) fn implied_year(p: &Policy) -> Assumption {
    let open = p.enrollment.start.day();
    let (m, d) = (open.month(), open.day());
    Assumption {
        id: "implied-benefit-year".into(),
        text: format!(
            "查询日对应的待遇年度按最新文件集中参保期的开始日（{m}月{d}日）推算：查询日在当年{m}月{d}日及以后的，按下一年度计算；在此之前的，按当年度计算。"
        )
        .into(),
    }
}

/// What an answer says where no clause settles a change (the figures are
/// then those of the status registered with).
pub(crate) const AS_THEY_STOOD: &str =
    "本计算器不作推断：个人缴费和资助按办理参保登记时的身份列出，是否退费或补差请向医保经办机构咨询。";

/// A change of status that no clause settles: the figures stay those of
/// the status registered with.
pub(crate) fn change_silent() -> Assumption {
    Assumption {
        id: "change-silent".into(),
        text: "通知没有写明这种身份变化如何处理：本计算器不推断退费、补差或新的资助，个人缴费、资助和需缴金额按办理参保登记时的身份列出。".into(),
    }
}

/// The set for the benefit year in force on `d`, and how many years it is
/// moved forward: the set whose benefit period holds `d`, else the newest
/// moved forward; `Err(year)` for a year before every set on file.
pub(crate) fn set_in_force<'p>(sets: &[&'p Policy], d: NaiveDate) -> Option<Result<(&'p Policy, i32), i32>> {
    if let Some(p) = sets.iter().find(|p| p.benefit_period.start.day() <= d && d <= p.benefit_period.end.day()) {
        return Some(Ok((p, 0)));
    }
    let newest = sets.last()?;
    if d > newest.benefit_period.end.day() {
        let k = years_to(&newest.benefit_period, d);
        return Some(Ok((newest, k)));
    }
    let oldest = sets.first()?;
    Some(Err(oldest.benefit_year + (d.year() - oldest.benefit_period.start.day().year())))
}

/// The whole years `span` moves forward to hold `d` (or the nearest).
pub(crate) fn years_to(span: &Span, d: NaiveDate) -> i32 {
    let mut k = (d.year() - span.start.day().year()).max(0);
    if d < date::shift_years(span.start.day(), k) {
        k = (k - 1).max(0);
    }
    k
}

/// The reading an [`InForce`] beyond the newest notice rests on.
pub(crate) fn in_force_projected(f: &InForce, c: &Chosen) -> Option<Assumption> {
    let n = c.newest;
    (f.beyond_newest && f.period.is_some()).then(|| Assumption {
        id: "in-force-projected".into(),
        text: format!(
            "查询日所在的{}年度没有收录的文件：本答复按最新的{}年度文件（{}）推算该年度的集中参保期和待遇期（日期顺延{}年），所说的待遇照用该文件的规定；实际以{}年度的通知为准。",
            f.benefit_year,
            n.benefit_year,
            n.document.number,
            f.benefit_year - n.benefit_year,
            f.benefit_year
        )
        .into(),
    })
}

/// A bill without a date, priced by the plan year of the date of the
/// question (`plan`: the plan's name; `cover`: the clause of its cover).
pub(crate) fn bill_date_from_question(plan: &str, cover: &str) -> Assumption {
    Assumption {
        id: "bill-date-from-question".into(),
        text: format!(
            "账单没有填写日期：本计算器按查询日所在的{plan}保障年度（按各年度方案的保障期限，{cover}）选择赔付方案；账单属于其他保障年度的，请填写账单日期。"
        )
        .into(),
    }
}

/// A 甬宁保 plan year later than the newest plan on file, priced by that
/// plan moved forward `k` years (`name`: the plan's name).
pub(crate) fn ynb_plan_projected(plan: &Yongningbao, k: i32, name: &str) -> Assumption {
    let year = plan.year + k;
    Assumption {
        id: "ynb-plan-projected".into(),
        text: format!(
            "{year}年度的{name}方案不在本计算器收录的文件之内：赔付按{}年度方案（{}）的起付线、分段、赔付比例和保险金额推算，保障期按{year}年1月1日至12月31日推算；实际以{year}年度的方案为准。",
            plan.year, plan.payout.source
        )
        .into(),
    }
}

/// Which notice an answer uses, against the date of the question: its
/// own, or the newest applied to a later year or after its benefit period
/// (the answer says so first).
pub(crate) fn as_of(c: &Chosen, req: &Request, date: Option<NaiveDate>, detail: Detail) -> AsOf {
    let n = c.newest;
    let late = date.is_some_and(|d| d > n.benefit_period.end.day());
    let beyond_newest = c.projected() || late;
    let text = if detail == Detail::Figures {
        String::new()
    } else if c.projected() {
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
    AsOf {
        date: req.context.date.clone().map(Text::from),
        newest_benefit_year: n.benefit_year,
        beyond_newest,
        text: text.into(),
    }
}

/// A year in force before every notice on file: nothing is projected
/// backwards.
pub(crate) fn no_year_before(year: i32, region_name: &str) -> String {
    format!("查询日所在的{year}年度，本计算器没有收录{region_name}该年度的文件，无法说明其待遇和参保办法（不按以后年度的文件向前推算）。")
}

/// A bill's plan year before every 甬宁保 plan on file (`whose`: which day
/// dates it; `oldest`: the earliest plan): no payout, and why.
pub(crate) fn no_plan_before(whose: &str, day: NaiveDate, year: i32, name: &str, oldest: &Yongningbao) -> String {
    format!(
        "{whose}{}所在的{name}保障年度（{year}年度）没有收录的方案：本计算器收录的最早方案是{}年度的（保障期{}），不把方案向前推算，因此不估算赔付。",
        date::words(day),
        oldest.year,
        date::span_words(oldest.cover.start.day(), oldest.cover.end.day())
    )
}

/// A next step (`what`, without its full stop) that the newest notice
/// (`filed`, its year) gives for a later `year`: as filed, to be confirmed.
pub(crate) fn step_as_filed(what: &str, filed: i32, year: i32) -> String {
    format!("{what}（这是{filed}年度文件的规定，{year}年度以新通知为准）。")
}

/// A next step in a later `year` whose enrolment window no notice gives
/// yet: what the newest notice (`filed`) says to do, with no date.
pub(crate) fn step_window_unknown(what: &str, filed: i32, year: i32) -> String {
    format!("{year}年度的集中参保期还不知道，以新通知为准；按{filed}年度文件，{what}。")
}

/// What an answer says, after a closed window, where the notice does not
/// say how to enrol outside it (no `today.outside_window` or rule for
/// enrolling at any time).
pub(crate) const NO_OUTSIDE_WINDOW: &str = "文件没有写明集中参保期以外如何参保";

/// The next step once the window of the year answered has closed (`span`:
/// its dates; `outside`: what the notice says of enrolling outside it, or
/// that it is silent): the next year's time awaits a new notice. Said
/// whenever the window has closed, also where the next year's notice is on
/// file (a benefit year asked for that has passed).
pub(crate) fn step_window_closed(year: i32, span: impl Display, outside: &str) -> String {
    format!("{year}年度的集中参保期（{span}）已经结束；{outside}；下一年度的参保时间以新通知为准。")
}

/// The answer's sentence on the window of a later `year` answered by the
/// newest notice (`filed`; `span` its window's dates, `now` their state on
/// the date asked): the dates as filed, the year's own time and ways to
/// enrol to be confirmed.
pub(crate) fn window_as_filed(filed: i32, span: impl Display, now: Option<Status>, year: i32) -> String {
    format!(
        "{filed}年度文件规定的集中参保期为{span}{}，{year}年度的参保时间和办理方式以新通知为准。",
        status_words(now)
    )
}

/// The first of the ways to enrol (`enrollment.how`) in a later `year`:
/// the sentence of [`window_as_filed`], and that the ways of the newest
/// notice follow. (Each sentence is written whole: a function shared by
/// the two cost the page's first module 0.18 KB gzip.)
pub(crate) fn how_as_filed(filed: i32, span: impl Display, now: Option<Status>, year: i32) -> String {
    format!(
        "{filed}年度文件规定的集中参保期为{span}{}；{year}年度的参保时间和办理方式以新通知为准。以下是{filed}年度文件的办理办法。",
        status_words(now)
    )
}

/// A 甬宁保 plan's note in a later `year` than its newest plan (`name`,
/// `plan` its year; `window` its dates, `now` their state on the date
/// asked): the dates as filed, the year's own plan to be confirmed, the
/// figures estimated by the newest plan.
pub(crate) fn plan_window_as_filed(
    name: &str,
    plan: i32,
    window: impl Display,
    now: Option<Status>,
    year: i32,
) -> String {
    format!(
        "最新文件中{name}{plan}的参保时间为{window}{}；{year}年度的{name}以新通知为准，以下按{plan}年度的方案估算。",
        status_words(now)
    )
}

/// The step of a tier by age in a later year: the notice's age rule
/// (`rule`), the day ages are counted on as moved into the year answered
/// (`on`), the age and the tier's name.
pub(crate) fn age_in_later_year(rule: &str, on: NaiveDate, age: u32, tier: &str) -> String {
    format!("{rule}；推算的年度按{}计算，按年龄{age}周岁，属于{tier}。", date::words(on))
}

/// In the year in force, after its window's dates: their mark when moved
/// forward `k` years from the notice of year `filed` (nothing when 0).
pub(crate) fn window_by_file(filed: i32, k: i32) -> String {
    if k > 0 {
        format!("，{}", by_file(filed))
    } else {
        String::new()
    }
}

/// In the year in force, what the notice says its benefit covers
/// (`covers`), as the notice of year `filed` says it when moved forward
/// `k` years.
pub(crate) fn covers_as_filed(covers: &str, filed: i32, k: i32) -> String {
    if k > 0 {
        format!("（按{filed}年度文件：{covers}）")
    } else {
        format!("（{covers}）")
    }
}

/// An amount of assistance the notice ties to a period (`why`: the
/// clause's words), in a later `year`: unknown, the last figure `at_most`
/// an upper bound, so the fee to pay (`fee` without assistance) is a range.
pub(crate) fn aid_at_most(why: &str, year: i32, at_most: Money, fee: Money) -> String {
    format!("；{why}，{year}年度的资助无法算出：资助最多{at_most}元，您需缴纳至少{}元、最多{fee}元。", fee - at_most)
}

/// The same for someone insured elsewhere, whom the region (`region`)
/// assists: the assistance is at most `at_most`.
pub(crate) fn aid_at_most_elsewhere(region: &str, at_most: Money) -> String {
    format!("按{region}的标准，您的资助最多{at_most}元（以后年度的标准文件没有给出）")
}

/// A top-up to the new standard (`now`) from an amount known in `year`
/// only as at most `at_most` (a change of status): at least the
/// difference.
pub(crate) fn top_up_from_at_most(now: Money, year: i32, at_most: Money) -> String {
    format!(
        "按此，应按新标准补差：新标准{now}元，原标准{year}年度的金额文件没有给出（最多{at_most}元），补差至少{}元。",
        (now - at_most).max(Money::ZERO)
    )
}

/// The mark, in the plain-text answer, of a bill priced by a 甬宁保 plan
/// moved forward from the newest plan.
pub(crate) const PLAN_PROJECTED: &str = "（推算）";

/// A list's estimate mark (its 估算说明 column; the answer in figures
/// carries no [`AsOf`] text) for an answer beyond the newest notice on
/// file: which notice it is projected from, and that the year's standards
/// await a new one; empty otherwise.
#[cfg(any(not(target_arch = "wasm32"), feature = "batch"))]
pub(crate) fn list_estimate(q: &Quote) -> String {
    if !q.as_of.beyond_newest {
        String::new()
    } else if q.benefit_year > q.policy.benefit_year {
        format!(
            "估算：按最新的{}年度文件（{}）推算，{}年度的标准以新通知为准。",
            q.policy.benefit_year, q.policy.document, q.benefit_year
        )
    } else {
        format!(
            "估算：查询日已晚于最新的{}年度文件（{}）的待遇期，之后年度的标准以新通知为准。",
            q.policy.benefit_year, q.policy.document
        )
    }
}
