//! A short plain-Chinese summary for a hotline operator to read out, and for
//! the page's "复制结果". One function serves both.

use crate::engine::Quote;
use crate::money::Money;
use crate::words::join;

fn yuan(m: Option<Money>) -> String {
    m.map_or_else(|| "—".to_string(), |m| format!("{}元", m))
}

/// Renders a quote as plain text, one fact a line: what a hotline operator
/// reads out, so every fact a caller may ask about is here, short.
pub fn render(q: &Quote) -> String {
    let mut out: Vec<String> = Vec::new();
    let p = &q.policy;
    if q.as_of.beyond_newest {
        out.push(format!("注意：{}", q.as_of.text));
    }
    out.push(format!("【{}{}年度城乡居民医保】依据：{}", p.region_name, q.benefit_year, p.document));
    if let Some(n) = &p.region_note {
        out.push(format!("说明：{n}"));
    }
    out.push(q.summary.to_string());
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
        out.push(format!("【{}{}】{}", y.name, y.year, y.reason));
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
        if y.eligible {
            out.push(format!(
                "  参保时间 {} 至 {}；保障期 {} 至 {}；{}。",
                y.enrollment.start, y.enrollment.end, y.cover.start, y.cover.end, y.waiting_period.text
            ));
            for (i, h) in y.enrollment.how.iter().enumerate() {
                out.push(format!("  购买{}：{}", i + 1, h.text));
            }
        }
        if let Some(r) = &y.payout_reason {
            out.push(format!("  {r}"));
        }
        if let Some(pay) = &y.payout {
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
    for a in &q.assumptions {
        out.push(format!("假设：{}", a.text));
    }
    for n in &q.notes {
        if p.region_note.as_deref() != Some(&**n) {
            out.push(format!("注：{n}"));
        }
    }
    out.push("以上为按公开文件的估算，以医保经办机构核定为准。".to_string());
    join(&out, "\n")
}
