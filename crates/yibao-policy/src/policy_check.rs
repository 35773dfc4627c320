//! The checks of a policy file's meaning ([`Policy::validate`]): what the
//! model's types cannot say on their own (ids that match, amounts that add
//! up, spans in order, references to tiers and identities that exist),
//! each problem named by its place in the file and said in Chinese.
//!
//! `build.rs` runs them on every `policies/*.toml` (a broken file fails
//! the build), and so does `yibao policy check FILE` (with each problem's
//! line). The model itself is `policy.rs`.

use crate::money::Money;
use crate::policy::{Assistance, Policy, School, Span, Yongningbao, REQUEST_KEYS};
use chrono::Datelike;

/// A problem of a policy file: where (a path into the file, e.g.
/// `tiers[1].personal_fee`) and what, in Chinese.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub at: String,
    pub message: String,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.at, self.message)
    }
}

/// Collects problems.
struct Problems(Vec<Problem>);

impl Problems {
    fn add(&mut self, at: impl Into<String>, message: impl Into<String>) {
        self.0.push(Problem { at: at.into(), message: message.into() });
    }
}

impl Policy {
    /// Checks a policy file's meaning (its form is checked as it is read).
    /// Returns every problem found, in Chinese and naming the place, so a
    /// policy editor can fix them in one go.
    pub fn validate(&self) -> Result<(), Vec<Problem>> {
        let mut e = Problems(Vec::new());
        let expected_id = format!("{}-{}", self.region, self.benefit_year);
        if self.id != expected_id {
            e.add("id", format!("应为 {expected_id}（地区-待遇年度），现为 {}", self.id));
        }
        for (at, span) in [("benefit_period", &self.benefit_period), ("enrollment", &self.enrollment)] {
            check_span(at, span, &mut e);
        }
        if self.benefit_period.start.day().year() != self.benefit_year {
            e.add("benefit_period.start", format!("不在待遇年度 {} 内", self.benefit_year));
        }
        self.validate_tiers(&mut e);
        self.validate_places(&mut e);
        for (school, id) in School::ALL {
            if self.schools.iter().filter(|c| c.id == school).count() != 1 {
                e.add("schools", format!("须各列一次 none、primary_secondary、college（{id}）"));
            }
        }
        let ids = self.validate_identities(&mut e);
        let tiers: Vec<&str> = self.tiers.iter().map(|t| t.id.as_ref()).collect();
        self.validate_splits(&tiers, &mut e);
        if let Some(r) = &self.eligibility.referred {
            if r.schools.contains(&School::None) {
                e.add("eligibility.referred.schools", "不能包含 none");
            }
        }
        if let Some(y) = &self.yongningbao {
            validate_ynb(y, &ids, &tiers, &mut e);
        }
        if e.0.is_empty() {
            Ok(())
        } else {
            Err(e.0)
        }
    }

    /// Tiers: ids unique; fees consistent; age ranges cover 0.. without gap
    /// or overlap; school lists disjoint.
    fn validate_tiers(&self, e: &mut Problems) {
        let mut seen: Vec<&str> = Vec::new();
        for (i, t) in self.tiers.iter().enumerate() {
            let at = format!("tiers[{i}]");
            if seen.contains(&t.id.as_ref()) {
                e.add(format!("{at}.id"), format!("档次 {} 重复", t.id));
            }
            seen.push(t.id.as_ref());
            if t.schools.contains(&School::None) {
                e.add(format!("{at}.schools"), "不能包含 none");
            }
            match (t.personal_fee, t.subsidy) {
                (Some(fee), Some(sub)) => {
                    if let Some(l) = t.ltc_fee {
                        if l > fee {
                            e.add(
                                format!("{at}.ltc_fee"),
                                format!("{}：长护险 {l} 不在 0 与个人缴费 {fee} 之间", t.id),
                            );
                        }
                    }
                    if let Some(total) = t.total {
                        if total != fee + sub {
                            e.add(
                                format!("{at}.total"),
                                format!(
                                    "{}：合计 {} 不等于个人缴费 {} + 财政补助 {}",
                                    t.id,
                                    total.plain(),
                                    fee.plain(),
                                    sub.plain()
                                ),
                            );
                        }
                    }
                }
                (None, None) if t.ltc_fee.is_none() => {
                    if t.no_fee_reason.is_none() {
                        e.add(format!("{at}.no_fee_reason"), format!("{}：没有缴费标准时须写明 no_fee_reason", t.id));
                    }
                }
                _ => e.add(format!("{at}.personal_fee"), format!("{}：个人缴费与财政补助须同时给出", t.id)),
            }
            if t.schools.is_empty() && t.min_age.is_none() {
                e.add(format!("{at}.min_age"), format!("{}：既无年龄范围也无学校类别，永远不会被选中", t.id));
            }
            if let (Some(lo), Some(hi)) = (t.min_age, t.max_age) {
                if hi <= lo {
                    e.add(format!("{at}.max_age"), format!("{}：年龄范围 [{lo}, {hi}) 为空", t.id));
                }
            }
        }
        for (i, a) in self.tiers.iter().enumerate() {
            for b in self.tiers.iter().skip(i + 1) {
                if a.schools.iter().any(|s| b.schools.contains(s)) {
                    e.add(format!("tiers[{i}].schools"), format!("{} 与 {} 的学校类别重叠", a.id, b.id));
                }
            }
        }
        let mut ranges: Vec<(u32, Option<u32>, usize, &str)> = self
            .tiers
            .iter()
            .enumerate()
            .filter_map(|(i, t)| t.min_age.map(|lo| (lo, t.max_age, i, t.id.as_ref())))
            .collect();
        ranges.sort_by_key(|r| r.0);
        let mut next = Some(0u32);
        for (lo, hi, i, id) in &ranges {
            let at = format!("tiers[{i}].min_age");
            match next {
                Some(n) if n == *lo => {}
                Some(n) if n < *lo => e.add(at, format!("年龄 {n} 至 {lo} 之间没有档次（{id} 之前有空档）")),
                Some(n) => e.add(at, format!("{id} 的年龄范围从 {lo} 开始，与前一档（至 {n}）重叠")),
                None => e.add(at, format!("{id} 在一个不设上限的档次之后，年龄范围重叠")),
            }
            next = *hi;
        }
        if ranges.len() > 1 && self.age_rule.on.is_none() {
            e.add("age_rule.on", "档次按年龄划分时须写明计算年龄的日期（on）");
        }
        if ranges.is_empty() {
            e.add("tiers", "没有按年龄划分的档次");
        } else if next.is_some() {
            e.add("tiers", "最高年龄档须不设上限（max_age 留空）");
        }
    }

    /// Districts and sub-areas: unique ids; sub-area flags unique.
    fn validate_places(&self, e: &mut Problems) {
        let mut ids: Vec<&str> = Vec::new();
        for (i, d) in self.districts.iter().enumerate() {
            if ids.contains(&d.id.as_ref()) {
                e.add(format!("districts[{i}].id"), format!("区县 {} 重复", d.id));
            }
            ids.push(&d.id);
        }
        let mut ids: Vec<&str> = Vec::new();
        for (i, s) in self.subareas.iter().enumerate() {
            if ids.contains(&s.id.as_ref()) {
                e.add(format!("subareas[{i}].id"), format!("区域 {} 重复", s.id));
            }
            ids.push(&s.id);
            if let Some(f) = &s.flag {
                if REQUEST_KEYS.contains(&f.as_ref()) {
                    e.add(format!("subareas[{i}].flag"), format!("{f} 已是请求的字段名，不能用作区域开关"));
                }
            }
        }
    }

    /// Identities: unique, fixed amounts within every fee. Returns the ids.
    fn validate_identities(&self, e: &mut Problems) -> Vec<&str> {
        let mut ids = Vec::new();
        for (i, x) in self.identities.iter().enumerate() {
            if ids.contains(&x.id.as_ref()) {
                e.add(format!("identities[{i}].id"), format!("身份 {} 重复", x.id));
            }
            ids.push(x.id.as_ref());
            if let Some(Assistance::Fixed(v)) = x.assistance {
                for t in self.tiers.iter() {
                    if let Some(fee) = t.personal_fee {
                        if v > fee {
                            e.add(
                                format!("identities[{i}].assistance"),
                                format!("{}：资助 {} 超过 {} 个人缴费 {}", x.id, v.plain(), t.id, fee.plain()),
                            );
                        }
                    }
                }
            }
        }
        ids
    }

    /// Subsidy splits must add up to each tier's subsidy wherever every
    /// part has a number; assistance splits in percent must make 100.
    fn validate_splits(&self, tiers: &[&str], e: &mut Problems) {
        let districts: Vec<&str> = self.districts.iter().map(|d| d.id.as_ref()).collect();
        let subareas: Vec<&str> = self.subareas.iter().map(|d| d.id.as_ref()).collect();
        let parts = self.subsidy_split.iter().map(|s| ("subsidy_split", s));
        let mut index = (0usize, 0usize);
        for (list, s) in parts.chain(self.assistance.split.iter().map(|s| ("assistance.split", s))) {
            let i = if list == "subsidy_split" { &mut index.0 } else { &mut index.1 };
            let at = format!("{list}[{i}]");
            *i += 1;
            for d in s.by_district.iter() {
                if !districts.contains(&d.district.as_ref()) {
                    e.add(format!("{at}.by_district"), format!("{}：未知区县 {}", s.payer, d.district));
                }
            }
            for t in s.tiers.iter() {
                if !tiers.contains(&t.as_ref()) {
                    e.add(format!("{at}.tiers"), format!("{}：未知档次 {t}", s.payer));
                }
            }
            if let Some(a) = &s.subarea {
                if !subareas.contains(&a.as_ref()) {
                    e.add(format!("{at}.subarea"), format!("{}：未知区域 {a}", s.payer));
                }
            }
        }
        let district_choices: Vec<Option<&str>> =
            if districts.is_empty() { vec![None] } else { districts.iter().map(|d| Some(*d)).collect() };
        let subarea_choices: Vec<Option<&str>> =
            std::iter::once(None).chain(subareas.iter().map(|s| Some(*s))).collect();
        for (i, t) in self.tiers.iter().enumerate() {
            let Some(total) = t.subsidy else { continue };
            for d in &district_choices {
                for q in &subarea_choices {
                    let parts: Vec<Option<Money>> = self
                        .subsidy_split
                        .iter()
                        .filter(|s| s.applies(&t.id, *q))
                        .filter_map(|s| s.amount_for(total, *d))
                        .collect();
                    if parts.is_empty() {
                        e.add("subsidy_split", format!("档次 {} 没有任何分担项", t.id));
                    } else if parts.iter().all(Option::is_some) {
                        let sum: Money = parts.iter().flatten().copied().sum();
                        if sum != total {
                            e.add(
                                format!("tiers[{i}].subsidy"),
                                format!(
                                    "档次 {}{} 各级分担合计 {} 不等于财政补助 {}",
                                    t.id,
                                    d.map(|d| format!("（{d}）")).unwrap_or_default(),
                                    sum.plain(),
                                    total.plain()
                                ),
                            );
                        }
                    }
                }
            }
        }
        // Percents in hundred-trillionths (every rate's denominator, a power
        // of ten of at most 10^14, divides it): they must make exactly 100 %.
        const WHOLE: i128 = 100_000_000_000_000;
        let pct: Vec<i128> = self
            .assistance
            .split
            .iter()
            .filter_map(|s| s.percent.as_ref())
            .map(|r| r.parts())
            .map(|(n, d)| i128::from(n) * (WHOLE / i128::from(d.max(1))))
            .collect();
        if !pct.is_empty() && pct.iter().sum::<i128>() != WHOLE {
            e.add("assistance.split", "百分比合计不等于 100");
        }
    }
}

fn check_span(at: &str, span: &Span, e: &mut Problems) {
    if span.end < span.start {
        e.add(format!("{at}.end"), format!("结束日 {} 早于开始日 {}", span.end.text(), span.start.text()));
    }
}

fn validate_ynb(y: &Yongningbao, ids: &[&str], tiers: &[&str], e: &mut Problems) {
    check_span("yongningbao.enrollment", &y.enrollment, e);
    check_span("yongningbao.cover", &y.cover, e);
    for (i, t) in y.reduced_tiers.iter().enumerate() {
        if !tiers.contains(&t.as_ref()) {
            e.add(format!("yongningbao.reduced_tiers[{i}]"), format!("未知档次 {t}"));
        }
    }
    for (i, a) in y.tier_assumptions.iter().enumerate() {
        if !tiers.contains(&a.tier.as_ref()) {
            e.add(format!("yongningbao.tier_assumptions[{i}].tier"), format!("未知档次 {}", a.tier));
        }
    }
    for (i, f) in y.free.iter().enumerate() {
        if !ids.contains(&f.id.as_ref()) {
            e.add(format!("yongningbao.free[{i}].id"), format!("身份 {} 未在 identities 中定义", f.id));
        }
    }
    let mut seen: Vec<&str> = Vec::new();
    for (i, r) in y.payout.responsibilities.iter().enumerate() {
        let at = format!("yongningbao.payout.responsibilities[{i}]");
        if seen.contains(&r.id.as_ref()) {
            e.add(format!("{at}.id"), format!("保障责任 {} 重复", r.id));
        }
        if r.id == y.payout.outside_field || r.id == "counted_before" {
            e.add(format!("{at}.id"), format!("{} 已用作账单的其他字段名", r.id));
        }
        seen.push(r.id.as_ref());
        if r.slip.trim().is_empty() || r.slip_help.trim().is_empty() {
            e.add(
                format!("{at}.slip"),
                format!("{}：须写明 slip 和 slip_help（金额在结算单或发票上的名称和位置）", r.id),
            );
        }
        if r.sum_insured <= Money::ZERO {
            e.add(format!("{at}.sum_insured"), format!("{}：保险金额须为正数", r.id));
        }
        let mut prev_to: Option<Money> = None;
        let n = r.bands.len();
        if n == 0 {
            e.add(format!("{at}.bands"), format!("{}：没有赔付分段", r.id));
        }
        for (j, b) in r.bands.iter().enumerate() {
            let bat = format!("{at}.bands[{j}]");
            if let Some(p) = prev_to {
                if p != b.from {
                    e.add(
                        format!("{bat}.from"),
                        format!("{}：分段不连续（{} 之后从 {} 开始）", r.id, p.plain(), b.from.plain()),
                    );
                }
            }
            match b.to {
                Some(t) if t > b.from => prev_to = Some(t),
                Some(_) => e.add(format!("{bat}.to"), format!("{}：分段 {} 的终点须大于起点", r.id, b.from.plain())),
                None if j + 1 == n => {}
                None => e.add(format!("{bat}.to"), format!("{}：只有最后一段可以不设终点", r.id)),
            }
        }
        if r.bands.last().is_some_and(|b| b.to.is_some()) {
            e.add(format!("{at}.bands"), format!("{}：最后一段须不设终点", r.id));
        }
    }
    // Members of a shared pool must share their bands.
    for (i, a) in y.payout.responsibilities.iter().enumerate() {
        for b in y.payout.responsibilities.iter().skip(i + 1) {
            if a.pool.is_some() && a.pool == b.pool && a.bands != b.bands {
                e.add(
                    format!("yongningbao.payout.responsibilities[{i}].pool"),
                    format!("{} 与 {} 同一累计池但分段不同", a.id, b.id),
                );
            }
        }
    }
}
