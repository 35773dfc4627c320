//! The product's own readings: what the calculator does, for every policy
//! set alike, where the notices are silent or the question reaches past
//! them — projecting a later year, the year a date implies, the last year
//! answered, a change no clause settles. A notice cannot change these (its
//! own rules and words are in its policy file); each is said, with its
//! wording here, where an answer relies on it.

use crate::answer::{Chosen, Period};
use crate::date;
use crate::policy::{Assumption, Policy, Span};
use chrono::{Datelike, NaiveDate};

/// The last benefit year the engine answers for (a later date is a typo).
pub(crate) const LAST_YEAR: i32 = 2100;

/// A span of the policy moved by `shift` whole years (itself when 0), its
/// source marked as a projection.
pub(crate) fn shifted(s: &Span, shift: i32, from_year: i32) -> Span {
    if shift == 0 {
        return s.clone();
    }
    Span {
        start: s.start.plus_years(shift),
        end: s.end.plus_years(shift),
        source: format!("{}（按{}年度文件推算）", s.source, from_year).into(),
        condition: s.condition.clone(),
    }
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
