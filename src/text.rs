//! A short plain-Chinese summary for a hotline operator to read out, and for
//! the page's "复制结果". One function serves both.

use crate::answer::Quote;
use crate::money::Money;
use crate::readings::{status_words, PLAN_PROJECTED};
use crate::words::join;

fn yuan(m: Option<Money>) -> String {
    m.map_or_else(|| "—".to_string(), |m| format!("{}元", m))
}

/// Renders a quote as plain text, one fact a line: what a hotline operator
/// reads out, so every fact a caller may ask about is here, short.
pub fn render(q: &Quote) -> String {
    let mut out: Vec<String> = Vec::new();
    let p = &q.policy;
    if let Some(n) = &q.next_step {
        out.push(format!("下一步：{}", n.text));
    }
    if q.as_of.beyond_newest {
        out.push(format!("注意：{}", q.as_of.text));
    }
    out.push(format!("【{}{}年度城乡居民医保】依据：{}", p.region_name, q.benefit_year, p.document));
    if let Some(n) = &p.region_note {
        out.push(format!("说明：{n}"));
    }
    out.push(crate::today::summary_core(q).to_string());
    if let Some(f) = &q.in_force {
        out.push(format!("【{}年度（查询日所在的待遇年度）】{}", f.benefit_year, f.text));
    }
    if q.eligible == Some(true) {
        if let Some(t) = &q.tier {
            out.push(format!("档次：{}", t.name));
        }
        if q.personal_fee.is_some() {
            let ltc = q.ltc_fee.map(|l| format!("（含长护险 {}元）", l)).unwrap_or_default();
            let at_least = if q.tier.as_ref().is_some_and(|t| t.subsidy_at_least) { "不低于 " } else { "" };
            out.push(format!(
                "个人缴费 {}{ltc}；财政补助 {at_least}{}；资助 {}；实际需缴 {}；人均筹资合计 {}",
                yuan(q.personal_fee),
                yuan(q.subsidy),
                yuan(q.assistance),
                yuan(q.to_pay),
                yuan(q.total_funding)
            ));
        } else if q.to_pay.is_some() {
            out.push(format!("个人缴费 —（通知未给出）；实际需缴 {}（由政府全额资助）", yuan(q.to_pay)));
        }
        for s in &q.subsidy_split {
            out.push(format!("  财政补助·{}：{}（{}）", s.name, yuan(s.amount), s.rule));
        }
        for s in &q.assistance_split {
            out.push(format!("  资助·{}：{}（{}）", s.name, yuan(s.amount), s.rule));
        }
    }
    if let Some(b) = &q.basis {
        out.push(format!("参保依据：{}（{}）", b.text, b.source));
    }
    if q.eligible == Some(true) {
        let bp = &q.benefit_period;
        let cond = bp.condition.as_ref().map(|c| format!("（限{c}）")).unwrap_or_default();
        out.push(format!("待遇期：{} 至 {}{cond}", bp.start, bp.end));
        for (i, h) in q.enrollment.how.iter().enumerate() {
            out.push(format!("办理{}：{}", i + 1, h.text));
        }
    }
    if let Some(c) = &q.change {
        out.push(format!("身份变化：{}（{}）", c.reason, c.source));
    }
    for i in q.info.iter() {
        out.push(format!("另：{}（{}）", i.text, i.source));
    }
    if let Some(y) = &q.yongningbao {
        match y.cover {
            Some(_) => out.push(format!("【{}{}】{}", y.name, y.year, y.reason)),
            None => out.push(format!("【{}】{}", y.name, y.reason)),
        }
        if let (Some(p), Some(t)) = (y.premium, y.to_pay) {
            let pay = if y.paid_by_government {
                format!("，政府全额资助，个人需缴 {}", yuan(Some(t)))
            } else if y.note.is_none() {
                format!("，需缴 {}", yuan(Some(t)))
            } else {
                String::new()
            };
            out.push(format!("  保费 {}{pay}。", yuan(Some(p))));
        }
        if let Some(n) = &y.note {
            out.push(format!("  {n}"));
        }
        if let (true, Some(e), Some(c), Some(wp)) = (y.eligible, &y.enrollment, &y.cover, &y.waiting_period) {
            out.push(format!("  参保时间 {} 至 {}；保障期 {} 至 {}；{}。", e.start, e.end, c.start, c.end, wp.text));
            for (i, h) in e.how.iter().enumerate() {
                out.push(format!("  购买{}：{}", i + 1, h.text));
            }
        }
        if let Some(b) = &y.benefits {
            out.extend(crate::today::benefit_lines(b));
        }
        if let Some(r) = &y.payout_reason {
            out.push(format!("  {r}"));
        }
        if let Some(pay) = &y.payout {
            if let (Some(year), Some(c)) = (pay.plan_year, &pay.cover) {
                let how = if pay.projected { PLAN_PROJECTED } else { "" };
                out.push(format!(
                    "  按{}{year}年度方案{how}估算赔付：保障期 {} 至 {}（{}）。",
                    y.name, c.start, c.end, c.source
                ));
            }
            for i in &pay.items {
                out.push(format!("  {}：{}", i.name, i.working));
            }
            match (pay.total_low, pay.own_share_high) {
                (Some(low), Some(high)) => out.push(format!(
                    "  {}赔付 {} 至 {}；所填个人负担金额合计 {}，赔付后个人仍需负担 {} 至 {}。",
                    y.name,
                    yuan(Some(low)),
                    yuan(Some(pay.total)),
                    yuan(Some(pay.bill_total)),
                    yuan(Some(pay.own_share)),
                    yuan(Some(high))
                )),
                _ => out.push(format!(
                    "  {}赔付合计 {}；所填个人负担金额合计 {}，赔付后个人仍需负担 {}。",
                    y.name,
                    yuan(Some(pay.total)),
                    yuan(Some(pay.bill_total)),
                    yuan(Some(pay.own_share))
                )),
            }
            for n in &pay.notes {
                out.push(format!("  注：{n}"));
            }
        }
    }
    close(out, &q.assumptions, &q.notes, p, "")
}

/// The last lines: the assumptions, the notes (but the region's own note,
/// shown first), and that this is an estimate; then the text.
fn close(
    mut out: Vec<String>,
    assumptions: &[crate::policy::Assumption],
    notes: &[crate::words::Text],
    p: &crate::answer::PolicyRef,
    more: &str,
) -> String {
    for a in assumptions {
        out.push(format!("假设：{}", a.text));
    }
    for n in notes {
        if p.region_note.as_deref() != Some(&**n) {
            out.push(format!("注：{n}"));
        }
    }
    out.push(format!("以上为按公开文件的估算，以医保经办机构核定为准{more}。"));
    join(&out, "\n")
}

/// Renders a household as plain text for a hotline operator: the family's
/// totals first, then one short block per member, then where each enrols,
/// the employees' accounts, assumptions and notes.
pub fn render_household(h: &crate::household::Household) -> String {
    use crate::household::Insurance;
    let mut out: Vec<String> = Vec::new();
    let p = &h.policy;
    let t = &h.totals;
    let label = |i: &usize| h.members.get(*i).map_or("", |m| &*m.label);
    let labels = |is: &[usize]| join(&is.iter().map(label).collect::<Vec<_>>(), "、");
    let plan = h.members.iter().find_map(|m| m.quote.yongningbao.as_ref()).map(|y| (&*y.name, y.year));
    let members: Vec<(&str, &Quote)> = h.members.iter().map(|m| (&*m.label, &*m.quote)).collect();
    out.extend(crate::today::household_step_lines(&members));
    if h.as_of.beyond_newest {
        out.push(format!("注意：{}", h.as_of.text));
    }
    out.push(format!(
        "【{}{}年度城乡居民医保·全家{}人】依据：{}",
        p.region_name,
        h.benefit_year,
        h.members.len(),
        p.document
    ));
    if let Some(n) = &p.region_note {
        out.push(format!("说明：{n}"));
    }
    let mut total = format!(
        "全家合计：居民医保{}人，个人缴费 {}，资助 {}，实际需缴 {}（财政补助 {}）",
        t.resident.len(),
        yuan(Some(t.personal_fee)),
        yuan(Some(t.assistance)),
        yuan(Some(t.to_pay)),
        yuan(Some(t.subsidy))
    );
    if let (Some((name, _)), Some(premium)) = (plan, t.yongningbao_premium) {
        w!(
            total,
            "；{}{}人，保费 {}，需缴 {}",
            name,
            t.yongningbao.len(),
            yuan(Some(premium)),
            yuan(t.yongningbao_to_pay)
        );
        match (t.yongningbao_payout, t.yongningbao_payout_low) {
            (Some(high), Some(low)) => w!(total, "；所填账单估算赔付 {} 至 {}", yuan(Some(low)), yuan(Some(high))),
            (Some(pay), None) => w!(total, "；所填账单估算赔付 {}", yuan(Some(pay))),
            _ => {}
        }
    }
    total.push('。');
    out.push(total);
    for n in &t.not_included {
        out.push(format!("未计入合计：{}：{}", label(&n.member), n.reason));
    }
    if let Some(f) = &h.in_force {
        out.push(format!("【{}年度（查询日所在的待遇年度）】{}", f.benefit_year, f.text));
    }
    if let Some(q) = h.members.first().map(|m| &m.quote) {
        let e = &q.enrollment;
        out.push(format!("集中参保期：{} 至 {}{}", e.start, e.end, status_words(e.status)));
        if let Some((y, e)) = q.yongningbao.as_ref().and_then(|y| y.enrollment.as_ref().map(|e| (y, e))) {
            out.push(format!("{}参保时间：{} 至 {}{}", y.name, e.start, e.end, status_words(e.status)));
        }
    }
    for (i, m) in h.members.iter().enumerate() {
        let q = &m.quote;
        let mut line = format!("{}. {}：", i + 1, m.label);
        match (q.eligible, q.personal_fee, q.to_pay) {
            (Some(false), _, _) if m.employee_insurance => line.push_str("已参加职工医保，不参加居民医保。"),
            (Some(true), Some(fee), pay) => {
                let tier = q.tier.as_ref().map_or("", |t| &*t.name);
                w!(line, "{}，个人缴费 {}，资助 {}，需缴 {}", tier, yuan(Some(fee)), yuan(q.assistance), yuan(pay));
            }
            (Some(true), None, pay) => {
                let tier = q.tier.as_ref().map_or("", |t| &*t.name);
                match pay {
                    Some(pay) => {
                        w!(line, "{}，个人缴费 —（通知未给出），需缴 {}（由政府全额资助）", tier, yuan(Some(pay)))
                    }
                    None => w!(line, "{}，通知没有给出缴费金额（不计入合计）", tier),
                }
            }
            _ => line.push_str(&q.reason),
        }
        let next = h.enrollment.iter().find(|g| g.insurance == Insurance::Resident && g.members.contains(&i));
        if let Some(n) = next.and_then(|g| g.next.as_ref()).filter(|_| q.eligible == Some(true)) {
            w!(line, "；{}。", n);
        } else if q.eligible == Some(true) {
            line.push('。');
        }
        if let Some(y) = &q.yongningbao {
            match (y.eligible, y.premium, y.to_pay) {
                (true, Some(premium), Some(pay)) => {
                    let free = if y.paid_by_government { "，政府全额资助" } else { "" };
                    w!(line, "{} 保费 {}{free}，需缴 {}。", y.name, yuan(Some(premium)), yuan(Some(pay)));
                }
                // A plan the notice names without terms: nothing to say per member.
                _ if y.cover.is_none() => {}
                _ => w!(line, "不能参加{}。", y.name),
            }
        }
        out.push(line);
        if let Some(v) = &m.newborn_parent {
            out.push(format!("   新生儿：{}（{}）", v.text, v.source));
        }
        if let Some(pay) = q.yongningbao.as_ref().and_then(|y| y.payout.as_ref()) {
            match pay.total_low {
                Some(low) => out.push(format!("   赔付估算：{} 至 {}", yuan(Some(low)), yuan(Some(pay.total)))),
                None => out.push(format!("   赔付估算：{}", yuan(Some(pay.total)))),
            }
        }
    }
    for g in &h.enrollment {
        let what = match (g.insurance, plan) {
            (Insurance::Resident, _) => g.next.as_ref().map_or_else(|| "居民医保".to_string(), ToString::to_string),
            (Insurance::Yongningbao, Some((name, year))) if g.channel == crate::policy::Channel::Government => {
                format!("{name}{year}（政府资助参保）")
            }
            (Insurance::Yongningbao, Some((name, year))) => format!("{name}{year}（购买）"),
            (Insurance::Yongningbao, None) => String::new(),
        };
        out.push(format!("办理·{}：{}", what, labels(&g.members)));
        for c in &g.how {
            out.push(format!("  {}（{}）", c.text, c.source));
        }
    }
    for a in &h.accounts {
        out.push(format!("职工账户：{}（{}）", a.text, a.source));
    }
    close(out, &h.assumptions, &h.notes, p, "；每位成员的详细答复可单独查询")
}
