//! 天一甬宁保 payout estimate (annex 3 of 余政办发〔2023〕80号 for 2024).
//!
//! Each responsibility belongs to a pool (by default, itself). A pool has one
//! cumulative amount over the policy year: amounts counted before come
//! first, then this bill's, each responsibility's stacked in the order of the
//! policy file. A responsibility's payout is the sum over the bands of
//! `rate × the part of its own stretch that falls in the band`, each band
//! rounded to the fen half up, then limited to what is left of its sum
//! insured. For a responsibility alone in its pool this is exactly
//! `f(before + now) − f(before)`.
//!
//! Worked example (责任一, nothing counted before, 30,000 in scope):
//! 6,000–20,000 → 14,000 × 30 % = 4,200; above 20,000 → 10,000 × 60 % =
//! 6,000; payout 10,200.
//!
//! ```
//! let q = yibao::quote_json(r#"{"region":"yuyao","benefit_year":2024,"birth_date":"1970-01-01",
//!     "hukou":"local","bill":{"in_scope":30000}}"#).unwrap();
//! let p = q.yongningbao.unwrap().payout.unwrap();
//! assert_eq!(p.total.fixed(), "10200.00");
//! ```

use crate::answer::{BandOut, Detail, ItemOut, Outside, PayoutResult};
use crate::money::{Money, Rounding};
use crate::policy::{Band, Payout, Responsibility, Text};
use crate::request::{Amounts, Bill};

/// Per band: (band, counted part of `[a, b)`, rounded amount).
fn over_bands(bands: &[Band], a: Money, b: Money, round: Rounding) -> Vec<BandOut> {
    let mut out = Vec::with_capacity(bands.len());
    for band in bands {
        let lo = a.max(band.from);
        let hi = band.to.map_or(b, |t| b.min(t));
        let counted = (hi - lo).max(Money::ZERO);
        out.push(BandOut {
            from: band.from,
            to: band.to,
            rate: band.rate.clone(),
            counted,
            amount: band.rate.of_rounded(counted, round),
        });
    }
    out
}

/// Estimates the payout for a checked bill (see [`Bill::check`]).
///
/// Where costs outside the plan's area count at a ratio that is not among
/// the documents, `total` counts them in full (an upper bound) and
/// `total_low` counts them for nothing: the payout lies between the two.
/// With [`Detail::Figures`] the workings are left empty.
pub fn estimate(plan: &Payout, bill: &Bill, detail: Detail) -> PayoutResult {
    let now = &bill.amounts;
    let zero = Amounts::default();
    let before = bill.counted_before.as_ref().unwrap_or(&zero);
    let outside = bill.outside.as_ref().map_or(&zero, |(_, a)| a);
    let (mut items, mut notes) = items_for(plan, now, before, outside, detail);
    let upper_bound = items.iter().any(|i| i.upper_bound);
    let total: Money = items.iter().map(|i| i.payout).sum();
    let bill_total: Money = plan.responsibilities.iter().map(|r| now.get(&r.id)).sum();
    let (mut total_low, mut own_share_high) = (None, None);
    if upper_bound {
        // The same bill with the unknown-ratio parts left out.
        let mut low_now = now.clone();
        for r in plan.responsibilities.iter().filter(|r| r.outside_ratio_unknown) {
            low_now.set(&r.id, now.get(&r.id) - outside.get(&r.id));
        }
        let (low_items, _) = items_for(plan, &low_now, before, &zero, Detail::Figures);
        for i in items.iter_mut().filter(|i| i.upper_bound) {
            i.payout_low = Some(low_items.iter().find(|l| l.id == i.id).map_or(Money::ZERO, |l| l.payout));
        }
        let low: Money = low_items.iter().map(|i| i.payout).sum();
        total_low = Some(low);
        own_share_high = Some(bill_total - low);
        // First, by a chain rather than `insert(0, …)` (WASM size).
        let first = Text::Owned(format!(
            "含计入比例不在本计算器依据的文件之内的费用：赔付在{}元（这部分不计入）至{}元（全额计入）之间。",
            low, total
        ));
        notes = std::iter::once(first).chain(notes).collect();
    }
    PayoutResult {
        total,
        bill_total,
        own_share: bill_total - total,
        upper_bound,
        total_low,
        own_share_high,
        items,
        notes,
        source: plan.source.clone(),
        rounding: plan.rounding.clone(),
        plan_year: None,
        projected: false,
        cover: None,
    }
}

/// Each responsibility's payout for one bill, and the notes on it.
fn items_for(
    plan: &Payout,
    now: &Amounts,
    before: &Amounts,
    outside: &Amounts,
    detail: Detail,
) -> (Vec<ItemOut>, Vec<Text>) {
    let pool_of = |r: &Responsibility| r.pool.clone().unwrap_or_else(|| r.id.clone());

    let mut items = Vec::new();
    let mut notes: Vec<Text> = Vec::new();
    for r in plan.responsibilities.iter() {
        let amount = now.get(&r.id);
        if amount <= Money::ZERO {
            continue;
        }
        // This responsibility's stretches on its pool's cumulative axis.
        let pool = pool_of(r);
        let members: Vec<&Responsibility> = plan.responsibilities.iter().filter(|x| pool_of(x) == pool).collect();
        let all_before: Money = members.iter().map(|m| before.get(&m.id)).sum();
        let mut b_start = Money::ZERO;
        let mut n_start = all_before;
        for m in &members {
            if m.id == r.id {
                break;
            }
            b_start = b_start + before.get(&m.id);
            n_start = n_start + now.get(&m.id);
        }
        let own_before = before.get(&r.id);
        let cap = r.sum_insured;
        let paid_before: Money = over_bands(&r.bands, b_start, b_start + own_before, plan.round)
            .iter()
            .map(|b| b.amount)
            .sum::<Money>()
            .min(cap);
        let cap_left = cap - paid_before;
        let bands = over_bands(&r.bands, n_start, n_start + amount, plan.round);
        let by_bands: Money = bands.iter().map(|b| b.amount).sum();
        let payout = by_bands.min(cap_left);
        let out_amt = outside.get(&r.id);
        let upper = out_amt > Money::ZERO && r.outside_ratio_unknown;
        if out_amt > Money::ZERO && !r.outside_ratio_unknown && detail == Detail::Full {
            // `{amount}` in the plan's words is the amount (split on a char,
            // not searched for as text: WASM size).
            let said = match plan.outside_in_full.split_once('{') {
                Some((a, b)) => match b.strip_prefix("amount}") {
                    Some(b) => format!("{}：{a}{out_amt}{b}", r.name),
                    None => format!("{}：{}", r.name, plan.outside_in_full),
                },
                None => format!("{}：{}", r.name, plan.outside_in_full),
            };
            notes.push(Text::Owned(said));
        }
        let deductible = r.bands.first().map_or(Money::ZERO, |b| b.from);
        let item = ItemOut {
            id: r.id.clone(),
            name: r.name.clone(),
            what: r.what.clone(),
            amount,
            outside: Outside { field: plan.outside_field.clone(), amount: out_amt },
            counted_before: own_before,
            counted: own_before + amount,
            deductible,
            working: if detail == Detail::Full {
                working(n_start, amount, all_before, deductible, &bands, cap, paid_before, payout, by_bands).into()
            } else {
                Text::default()
            },
            bands,
            cap,
            paid_before,
            cap_left,
            payout,
            capped: payout < by_bands,
            upper_bound: upper,
            payout_low: None,
            source: r.source.clone(),
        };
        items.push(item);
    }
    (items, notes)
}

#[allow(clippy::too_many_arguments)]
fn working(
    start: Money,
    amount: Money,
    pool_before: Money,
    deductible: Money,
    bands: &[BandOut],
    cap: Money,
    paid_before: Money,
    payout: Money,
    by_bands: Money,
) -> String {
    let w = |m: Money| m;
    // The parts, "；" between them, written into one String.
    let mut s = String::with_capacity(256);
    macro_rules! part {
        ($($arg:tt)*) => {{
            if !s.is_empty() {
                s.push_str("；");
            }
            w!(s, $($arg)*);
        }};
    }
    if pool_before > Money::ZERO {
        part!("此前已累计 {}，本次 {} → 累计 {}", w(pool_before), w(amount), w(start + amount));
    }
    if deductible > Money::ZERO && start >= deductible {
        part!("此前累计已超过起付线 {}", w(deductible));
    } else if deductible > Money::ZERO {
        let above = (start + amount - deductible).max(Money::ZERO);
        part!("{} − {} 起付线 → {} 计入分段", w(start + amount), w(deductible), w(above));
    } else {
        part!("无起付线");
    }
    for b in bands.iter().filter(|b| b.counted > Money::ZERO) {
        match b.to {
            Some(t) => part!("{}–{} 段", b.from, t),
            None if b.from > Money::ZERO => part!("{} 以上段", b.from),
            None => part!("全部"),
        }
        w!(s, " {} × {}% = {}", b.counted, b.rate, b.amount);
    }
    if payout < by_bands {
        part!("保险金额 {}，此前已赔 {}，只剩 {} → 赔付 {}", w(cap), w(paid_before), w(cap - paid_before), w(payout));
    } else {
        part!("赔付 {}", w(payout));
    }
    s
}
