//! Tools for the bureau's staff who add each year's notice (the CLI's
//! `yibao policy check` and `yibao policy diff`; not in the WASM build).
//!
//! [`check`] reads one policy file as `build.rs` does and lists every
//! problem in Chinese with its line; [`diff`] lists what changed between two
//! policy sets as a table a news explainer could print.

use crate::policy::{Assistance, Policy};
use std::fmt::Write as _;

/// A problem of a policy file, with the line it is on (1-based; 0 when the
/// file as a whole).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub line: usize,
    pub at: String,
    pub message: String,
}

impl std::fmt::Display for Finding {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match (self.line, self.at.is_empty()) {
            (0, true) => f.write_str(&self.message),
            (0, false) => write!(f, "{}：{}", self.at, self.message),
            (n, true) => write!(f, "第{n}行：{}", self.message),
            (n, false) => write!(f, "第{n}行（{}）：{}", self.at, self.message),
        }
    }
}

fn line_of(text: &str, offset: usize) -> usize {
    text.get(..offset).map_or(0, |t| t.matches('\n').count() + 1)
}

/// Checks a policy file's text (named `name`, for the id check): its form
/// as it is read, then its meaning. Empty when it is valid.
pub fn check(name: &str, text: &str) -> Vec<Finding> {
    let p: Policy = match toml::from_str(text) {
        Ok(p) => p,
        Err(e) => {
            let line = e.span().map_or(0, |s| line_of(text, s.start));
            let message = e.message().to_string();
            return vec![Finding { line, at: String::new(), message: format!("格式错误：{message}") }];
        }
    };
    let mut out: Vec<Finding> = match p.validate() {
        Ok(()) => Vec::new(),
        Err(problems) => {
            let doc = toml_edit::ImDocument::parse(text).ok();
            problems
                .into_iter()
                .map(|pr| Finding {
                    line: doc.as_ref().and_then(|d| span_of(d, &pr.at)).map_or(0, |s| line_of(text, s)),
                    at: pr.at,
                    message: pr.message,
                })
                .collect()
        }
    };
    if name != p.id.as_ref() {
        out.push(Finding {
            line: 0, at: "id".into(), message: format!("文件名须与 id 一致：应为 {}.toml", p.id)
        });
    }
    out
}

/// The offset where a path (`tiers[1].personal_fee`) is in the document:
/// the deepest part of it that is there.
fn span_of(doc: &toml_edit::ImDocument<&str>, path: &str) -> Option<usize> {
    let mut item: &toml_edit::Item = doc.as_item();
    let mut best = None;
    for part in path.split('.') {
        let (key, index) = match part.split_once('[') {
            Some((k, i)) => (k, i.trim_end_matches(']').parse::<usize>().ok()),
            None => (part, None),
        };
        let Some(next) = item.get(key) else { break };
        item = next;
        best = item.span().map(|s| s.start).or(best);
        if let Some(i) = index {
            let Some(next) = item.get(i) else { break };
            item = next;
            best = item.span().map(|s| s.start).or(best);
        }
    }
    best.or_else(|| {
        // Inline tables and arrays keep no span of their own in some
        // versions: fall back to the first line naming the last key.
        let last = path.rsplit('.').next()?.split('[').next()?;
        let at = doc.raw().find(&format!("{last} ="))?;
        Some(at)
    })
}

/// One comparable fact of a policy set: a label and its value in words.
type Fact = (String, String);

fn money(m: crate::money::Money) -> String {
    format!("{m}元")
}

fn facts(p: &Policy) -> Vec<Fact> {
    let mut f: Vec<Fact> = Vec::new();
    let mut add = |k: String, v: String| f.push((k, v));
    add("依据文件".into(), p.document.number.to_string());
    add("待遇期".into(), format!("{} 至 {}", p.benefit_period.start, p.benefit_period.end));
    add("集中参保期".into(), format!("{} 至 {}", p.enrollment.start, p.enrollment.end));
    for t in p.tiers.iter() {
        let fee = t.personal_fee.map_or_else(|| "未给出".to_string(), money);
        add(format!("{}·个人缴费", t.name), fee);
        add(format!("{}·财政补助", t.name), t.subsidy.map_or_else(|| "未给出".to_string(), money));
        if let Some(l) = t.ltc_fee {
            add(format!("{}·其中长护险", t.name), money(l));
        }
    }
    for d in p.districts.iter() {
        add(format!("县区·{}", d.name), d.grade.to_string());
    }
    for s in p.subsidy_split.iter() {
        let v = s.amount.map_or_else(|| s.rule.to_string(), money);
        add(format!("财政补助分担·{}", s.name), v);
    }
    for i in p.identities.iter() {
        let v = match i.assistance {
            Some(Assistance::Full) => "全额资助".to_string(),
            Some(Assistance::Fixed(m)) => format!("资助{}", money(m)),
            None => "不资助居民医保".to_string(),
        };
        add(format!("资助对象·{}", i.name), v);
    }
    for i in p.info.iter() {
        // Compared by their words: one set's rule the other lacks is a row.
        add(format!("其他规定：{}", i.text), "有".into());
    }
    if let Some(y) = &p.yongningbao {
        add(format!("{}·保费", y.name), format!("{} / {}", money(y.premium_standard), money(y.premium_reduced)));
        add(format!("{}·参保时间", y.name), format!("{} 至 {}", y.enrollment.start, y.enrollment.end));
        add(format!("{}·保障期", y.name), format!("{} 至 {}", y.cover.start, y.cover.end));
        for r in y.payout.responsibilities.iter() {
            let bands: Vec<String> = r
                .bands
                .iter()
                .map(|b| match b.to {
                    Some(to) => format!("{}–{} {}%", b.from, to, b.rate),
                    None if b.from == crate::money::Money::ZERO => format!("无起付线 {}%", b.rate),
                    None => format!("{}以上 {}%", b.from, b.rate),
                })
                .collect();
            add(format!("{}·保险金额", r.name), money(r.sum_insured));
            add(format!("{}·分段", r.name), crate::words::join(&bands, "；"));
        }
    }
    f
}

/// What changed from `a` to `b`, as a table with a row per fact that
/// differs (added, removed or changed).
pub fn diff(a: &Policy, b: &Policy) -> String {
    let (fa, fb) = (facts(a), facts(b));
    let mut rows: Vec<(String, String, String)> = Vec::new();
    for (k, va) in &fa {
        match fb.iter().find(|(kb, _)| kb == k) {
            Some((_, vb)) if vb == va => {}
            Some((_, vb)) => rows.push((k.clone(), va.clone(), vb.clone())),
            None => rows.push((k.clone(), va.clone(), "（无）".into())),
        }
    }
    for (k, vb) in &fb {
        if !fa.iter().any(|(ka, _)| ka == k) {
            rows.push((k.clone(), "（无）".into(), vb.clone()));
        }
    }
    let mut s = String::new();
    let _ = writeln!(s, "{} → {}（{} → {}）", a.id, b.id, a.document.number, b.document.number);
    let _ = writeln!(s);
    let _ = writeln!(s, "| 项目 | {} | {} |", a.id, b.id);
    let _ = writeln!(s, "|---|---|---|");
    for (k, x, y) in &rows {
        let _ = writeln!(s, "| {k} | {x} | {y} |");
    }
    if rows.is_empty() {
        let _ = writeln!(s, "| （没有变化） | | |");
    }
    s
}
