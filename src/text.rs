//! A short plain-Chinese summary for a hotline operator to read out, and for
//! the page's "复制结果". One function serves both.

use crate::engine::Quote;
use crate::money::Money;

/// `parts` joined by `sep`, as `[T]::join` does: a short loop, where the
/// standard library's generic `join` adds about 1 KB to the WASM.
pub fn join<T: AsRef<str>>(parts: &[T], sep: &str) -> String {
    let mut out = String::new();
    for (i, p) in parts.iter().enumerate() {
        if i > 0 {
            out.push_str(sep);
        }
        out.push_str(p.as_ref());
    }
    out
}

fn yuan(m: Option<Money>) -> String {
    m.map_or_else(|| "—".to_string(), |m| format!("{}元", m))
}

/// Renders a quote as plain text, one fact a line.
pub fn render(q: &Quote) -> String {
    let mut out: Vec<String> = Vec::new();
    let p = &q.policy;
    out.push(format!("【{}{}年度城乡居民医保】依据：{}", p.region_name, q.benefit_year, p.document));
    if let Some(n) = &p.region_note {
        out.push(format!("说明：{n}"));
    }
    out.push(q.summary.to_string());
    if q.eligible {
        if let Some(t) = &q.tier {
            out.push(format!("档次：{}", t.name));
        }
        if q.personal_fee.is_some() {
            let ltc = q.ltc_fee.map(|l| format!("（含长护险 {}元）", l)).unwrap_or_default();
            out.push(format!(
                "个人缴费 {}{ltc}；财政补助 {}；资助 {}；实际需缴 {}；人均筹资合计 {}",
                yuan(q.personal_fee),
                yuan(q.subsidy),
                yuan(q.assistance),
                yuan(q.to_pay),
                yuan(q.total_funding)
            ));
        }
        for s in &q.subsidy_split {
            out.push(format!("  财政补助·{}：{}（{}）", s.name, yuan(s.amount), s.rule));
        }
        out.push(format!("待遇期：{} 至 {}", q.benefit_period.start, q.benefit_period.end));
        for (i, h) in q.enrollment.how.iter().enumerate() {
            out.push(format!("办理{}：{}", i + 1, h.text));
        }
    }
    if let Some(y) = &q.yongningbao {
        let mut line = format!("【{}{}】{}", y.name, y.year, y.reason);
        if let (Some(p), Some(t)) = (y.premium, y.to_pay) {
            line.push_str(&format!(
                " 保费 {}，{}需缴 {}。",
                yuan(Some(p)),
                if y.paid_by_government { "政府全额资助，" } else { "" },
                yuan(Some(t))
            ));
            line.push_str(&format!(
                " 参保时间 {} 至 {}；保障期 {} 至 {}。",
                y.enrollment.start, y.enrollment.end, y.cover.start, y.cover.end
            ));
        }
        out.push(line);
        if let Some(r) = &y.payout_reason {
            out.push(r.to_string());
        }
        if let Some(pay) = &y.payout {
            for i in &pay.items {
                out.push(format!("  {}：{}", i.name, i.working));
            }
            out.push(format!(
                "  甬宁保赔付合计 {}{}；账单 {}，赔付后个人仍需负担 {}。",
                yuan(Some(pay.total)),
                if pay.upper_bound { "（上限）" } else { "" },
                yuan(Some(pay.bill_total)),
                yuan(Some(pay.own_share))
            ));
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

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    proptest! {
        /// `join` is the standard library's `join`.
        #[test]
        fn join_is_std_join(parts in prop::collection::vec(any::<String>(), 0..6), sep in any::<String>()) {
            prop_assert_eq!(super::join(&parts, &sep), parts.join(sep.as_str()));
            let strs: Vec<&str> = parts.iter().map(String::as_str).collect();
            prop_assert_eq!(super::join(&strs, &sep), strs.join(sep.as_str()));
        }
    }
}
