//! What the fuzz targets check (`fuzz/fuzz_targets/`), one function each,
//! and the invariants of an answer. Each function panics on a defect: a
//! panic of the core, a broken invariant, an error without its code and
//! Chinese message.
//!
//! This file is also a module of the ordinary tests on stable Rust:
//! `tests/fuzz_corpus.rs` runs every file of `fuzz/corpus/<target>/`
//! through it (so `make test` replays the corpus), and `tests/invariants.rs`
//! checks its generated requests with [`quote_invariants`].

#![allow(dead_code)] // each test crate that includes this uses a part of it
#![allow(clippy::panic)] // a panic is how a fuzz target reports a defect

use arbitrary::{Result, Unstructured};
use serde_json::Value;
use yibao::money::Money;
use yibao::policy::Policy;
use yibao::request::{Amount, Amounts, Asked, Bill, Change, Context, NewbornParent, Person, Request};
use yibao::{Error, Quote};

/// Bytes as a JSON request (what `yibao quote` reads): an answer whose
/// invariants hold and whose JSON and text are whole, or a proper error.
pub fn json_request(data: &[u8]) {
    let Ok(json) = std::str::from_utf8(data) else { return };
    match yibao::quote_json(json) {
        Ok(q) => answer(&q),
        Err(e) => error(&e),
    }
}

/// A request made by `arbitrary` from the bytes, mostly of the values a
/// policy set knows, sometimes not.
pub fn structured_request(data: &[u8]) {
    let Ok(req) = request(&mut Unstructured::new(data)) else { return };
    match yibao::quote(&req) {
        Ok(q) => answer(&q),
        Err(e) => error(&e),
    }
}

/// Bytes as a CSV list (`yibao batch`): an answer row for every row, no
/// cell a spreadsheet would run, the page's stepped answers the same bytes
/// for the same text; or a reason in Chinese.
pub fn csv_list(data: &[u8]) {
    let mut out = Vec::new();
    match yibao::batch::run(data, &mut out, Some("2026-12-06")) {
        Ok(sum) => {
            list_output(&out, sum.rows);
            // The page's worker on the same text (decoded as the CLI does).
            let mut text = String::new();
            let _ = std::io::Read::read_to_string(&mut yibao::batch::decode(data), &mut text);
            let mut steps = yibao::batch::Steps::new(text, Some("2026-12-06"), 3, 3).unwrap_or_else(|e| panic!("{e}"));
            let mut bytes = Vec::new();
            while !steps.done() {
                bytes.extend(steps.step(7).unwrap_or_else(|e| panic!("{e}")));
            }
            assert_eq!(bytes, out, "the page's bytes are the CLI's");
        }
        Err(e) => unreadable(&e),
    }
}

/// Bytes as an .xlsx list: as [`csv_list`], through the workbook reader.
pub fn xlsx_list(data: &[u8]) {
    let mut out = Vec::new();
    match yibao::batch::run_workbook(std::io::Cursor::new(data), &mut out, Some("2026-12-06")) {
        Ok(sum) => list_output(&out, sum.rows),
        Err(e) => unreadable(&e),
    }
}

/// A household's JSON (`yibao household`): an answer whose money has two
/// decimals and whose text is there, or a proper error.
pub fn household_request(data: &[u8]) {
    let Ok(json) = std::str::from_utf8(data) else { return };
    match yibao::household_json(json) {
        Ok(h) => {
            let v = serde_json::to_value(&h).unwrap_or_else(|e| panic!("JSON: {e}"));
            if let Err(broken) = money_has_two_decimals(&v, "") {
                panic!("{broken}\n{h:#?}");
            }
            let t = &h.totals;
            assert!(t.to_pay <= t.personal_fee, "household to_pay above the fee: {h:#?}");
            assert!(!yibao::text::render_household(&h).is_empty(), "no text");
        }
        Err(e) => error(&e),
    }
}

fn unreadable(e: &yibao::batch::Unreadable) {
    assert!(e.0.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)), "reason not in Chinese: {e}");
}

/// The answers of a list: UTF-8 with a BOM, a header and one row per row,
/// no cell beginning with what a spreadsheet runs.
fn list_output(out: &[u8], rows: usize) {
    let text = std::str::from_utf8(out).unwrap_or_else(|e| panic!("answers not UTF-8: {e}"));
    let body = text.strip_prefix('\u{feff}').unwrap_or_else(|| panic!("no BOM"));
    let mut rdr = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(body.as_bytes());
    let mut n = 0;
    for r in rdr.records() {
        let r = r.unwrap_or_else(|e| panic!("answers read back: {e}"));
        for c in r.iter() {
            assert!(
                !matches!(c.as_bytes().first(), Some(b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r')),
                "runnable cell {c:?}"
            );
        }
        n += 1;
    }
    assert_eq!(n, rows + 1, "a header and one answer row per row");
}

fn error(e: &Error) {
    assert!(yibao::error::Code::ALL.contains(&e.code), "unknown error code {e}");
    assert!(e.message.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)), "message not in Chinese: {e}");
    // The request's own text is quoted in a message at most shortened.
    assert!(e.message.len() < 4096, "a message of {} bytes", e.message.len());
}

/// An answer: its invariants hold, its JSON reads back as itself, its text
/// is there.
fn answer(q: &Quote) {
    if let Err(broken) = quote_invariants(q) {
        panic!("{broken}\n{q:#?}");
    }
    let json = serde_json::to_string(q).unwrap_or_else(|e| panic!("JSON: {e}"));
    let back: Value = serde_json::from_str(&json).unwrap_or_else(|e| panic!("JSON read back: {e}"));
    assert_eq!(back, serde_json::to_value(q).unwrap_or_default(), "JSON reads back as itself");
    let text = yibao::text::render(q);
    assert!(text.contains(q.policy.document.as_ref()), "the text names its notice:\n{text}");
}

/// `Err` with what is wrong when an invariant of an answer does not hold:
/// money has two decimals and is never negative; 个人缴费 − 资助 = 应缴;
/// 个人缴费 + 财政补助 = 筹资总额; a 甬宁保 payout is the sum of its items,
/// each the sum of its bands, none above its band, the bill or the cap left.
pub fn quote_invariants(q: &Quote) -> std::result::Result<(), String> {
    macro_rules! ensure {
        ($cond:expr, $($why:tt)+) => {
            if !$cond {
                return Err(format!($($why)+));
            }
        };
    }
    let zero = Money::ZERO;
    if let (Some(fee), Some(aid), Some(pay)) = (q.personal_fee, q.assistance, q.to_pay) {
        ensure!(pay == fee - aid, "to_pay {} ≠ personal_fee {} − assistance {}", pay.fixed(), fee.fixed(), aid.fixed());
        ensure!(aid <= fee, "assistance {} above the fee {}", aid.fixed(), fee.fixed());
    }
    if let (Some(fee), Some(sub), Some(total)) = (q.personal_fee, q.subsidy, q.total_funding) {
        ensure!(total == fee + sub, "total_funding {} ≠ fee + subsidy", total.fixed());
    }
    if let Some(ltc) = q.ltc_fee {
        ensure!(Some(ltc) <= q.personal_fee, "ltc_fee {} above the personal fee", ltc.fixed());
    }
    let known: Vec<_> = q.subsidy_split.iter().map(|s| s.amount).collect();
    if !known.is_empty() && known.iter().all(Option::is_some) {
        let sum = known.into_iter().flatten().sum::<Money>();
        ensure!(sum == q.subsidy.unwrap_or_default(), "the subsidy's parts add up to {}", sum.fixed());
    }
    if q.eligible != Some(true) {
        ensure!(q.personal_fee.is_none() && q.to_pay.is_none(), "a fee for someone not eligible");
    }
    // The next step comes first; beyond the newest notice, as_of.text
    // right after it (issue 23 point 2).
    let step = q.next_step.as_ref().map_or("", |n| &*n.text);
    ensure!(q.summary.starts_with(step), "the summary does not begin with the next step: {}", q.summary);
    ensure!(q.eligible != Some(true) || q.next_step.is_some(), "an eligible answer without its next step");
    if q.as_of.beyond_newest {
        ensure!(
            !q.as_of.text.is_empty() && q.summary.get(step.len()..).is_some_and(|s| s.starts_with(&*q.as_of.text)),
            "beyond the newest notice, the summary does not say so right after the next step: {}",
            q.summary
        );
    }
    if q.benefit_year > q.as_of.newest_benefit_year {
        ensure!(q.as_of.beyond_newest, "a later benefit year not marked beyond the newest");
        let after = q.summary.get(step.len()..).unwrap_or_default();
        ensure!(after.starts_with("按本计算器收录的最新文件"), "{}", q.summary);
    }
    // A closed window is never followed by a next step as if it were open.
    if q.enrollment.status == Some(yibao::answer::Status::Closed) {
        for w in ["可通过", "届时", "需到", "由学校统一组织"] {
            ensure!(!q.summary.contains(w), "closed window, yet “{w}”: {}", q.summary);
        }
    }
    if let Some(y) = &q.yongningbao {
        if let (Some(p), Some(t)) = (y.premium, y.to_pay) {
            ensure!(
                t == p || (y.paid_by_government && t == zero),
                "甬宁保 to_pay {} of premium {}",
                t.fixed(),
                p.fixed()
            );
        }
        if let Some(p) = &y.payout {
            let mut sum = zero;
            for i in &p.items {
                // (The whole answer is printed with the failure.)
                ensure!(i.payout <= i.amount, "{}: payout above the bill", i.id);
                ensure!(i.payout <= i.cap_left && i.cap_left <= i.cap, "{}: payout above the cap left", i.id);
                let bands = i.bands.iter().map(|b| b.amount).sum::<Money>();
                ensure!(bands.min(i.cap_left) == i.payout, "{}: the bands do not add up to the payout", i.id);
                for b in &i.bands {
                    ensure!(b.amount <= b.counted, "{}: band from {} pays more than it counts", i.id, b.from.fixed());
                    if let Some(to) = b.to {
                        ensure!(
                            b.counted <= to - b.from,
                            "{}: band from {} counts more than it spans",
                            i.id,
                            b.from.fixed()
                        );
                    }
                }
                sum = sum + i.payout;
            }
            ensure!(sum == p.total, "payout total {} ≠ the sum of its items {}", p.total.fixed(), sum.fixed());
            ensure!(p.own_share == p.bill_total - p.total, "own share ≠ bill − payout");
            ensure!(p.own_share >= zero, "a negative own share");
            // The range: the lower end counts the unknown-ratio part for nothing.
            ensure!(p.total_low.is_some() == p.upper_bound, "total_low without an upper bound");
            if let (Some(low), Some(high)) = (p.total_low, p.own_share_high) {
                ensure!(low >= zero && low <= p.total, "total_low {} out of range", low.fixed());
                ensure!(high == p.bill_total - low, "own_share_high ≠ bill − total_low");
            }
        }
    }
    let json = serde_json::to_value(q).map_err(|e| e.to_string())?;
    money_has_two_decimals(&json, "")
}

/// The fields that hold money (`Money`: a string with two decimals), by name.
const MONEY_KEYS: &[&str] = &[
    "amount",
    "assistance",
    "bill_total",
    "cap",
    "cap_left",
    "counted",
    "counted_before",
    "deductible",
    "from",
    "ltc_fee",
    "outside_ningbo",
    "own_share",
    "own_share_high",
    "paid_before",
    "payout",
    "payout_low",
    "personal_fee",
    "premium",
    "subsidy",
    "to",
    "to_pay",
    "total",
    "total_funding",
    "total_low",
];

/// Every money field of the answer's JSON is `"d.dd"`, not negative.
pub fn money_has_two_decimals(v: &Value, key: &str) -> std::result::Result<(), String> {
    match v {
        Value::String(s) if MONEY_KEYS.contains(&key) => {
            let (whole, cents) = s.split_once('.').unwrap_or((s, ""));
            let digits = |t: &str| !t.is_empty() && t.bytes().all(|c| c.is_ascii_digit());
            if digits(whole) && digits(cents) && cents.len() == 2 {
                Ok(())
            } else {
                Err(format!("{key}: {s:?} is not money with two decimals, not negative"))
            }
        }
        Value::Array(a) => a.iter().try_for_each(|x| money_has_two_decimals(x, key)),
        // `sources` names the clause of each figure, by the figure's name.
        Value::Object(o) => {
            o.iter().filter(|(k, _)| *k != "sources").try_for_each(|(k, x)| money_has_two_decimals(x, k))
        }
        _ => Ok(()),
    }
}

// ---- the structured request ----

fn pick<'a>(u: &mut Unstructured<'_>, choices: &[&'a str]) -> Result<&'a str> {
    u.choose(choices).copied()
}

/// Mostly one of `choices`, sometimes any text.
fn text(u: &mut Unstructured<'_>, choices: &[&str]) -> Result<String> {
    Ok(if u.ratio(1, 16)? { u.arbitrary::<String>()? } else { pick(u, choices)?.to_string() })
}

/// A date: mostly of the years the notices cover, sometimes not a real day.
fn date(u: &mut Unstructured<'_>, years: std::ops::RangeInclusive<i32>) -> Result<String> {
    if u.ratio(1, 32)? {
        return u.arbitrary();
    }
    let y = if u.ratio(1, 16)? { u.int_in_range(0..=9999)? } else { u.int_in_range(years)? };
    let (m, d) = if u.ratio(1, 16)? {
        (u.int_in_range(0..=13)?, u.int_in_range(0..=32)?)
    } else {
        (u.int_in_range(1..=12)?, u.int_in_range(1..=31)?)
    };
    Ok(format!("{y:04}-{m:02}-{d:02}"))
}

/// An amount: mostly whole fen up to 2 亿 yuan (so past the 1 亿 limit),
/// sometimes negative or with a third decimal.
fn amount(u: &mut Unstructured<'_>) -> Result<Option<Amount>> {
    if u.ratio(1, 3)? {
        return Ok(None);
    }
    let fen: i64 = match u.int_in_range(0..=9)? {
        0 => u.int_in_range(-100_000..=0)?,
        1..=4 => u.int_in_range(0..=10_000_000)?,
        5..=7 => u.int_in_range(0..=100_000)? * 100,
        _ => u.int_in_range(0..=20_000_000_000)?,
    };
    // Whole fen: a third decimal cannot be held (it is refused as the
    // request is read, which the JSON target covers).
    Ok(Some(Amount::from_fen(fen)))
}

/// Amounts for the plan's responsibilities (sometimes a key it lacks).
fn amounts(u: &mut Unstructured<'_>, ids: &[&str]) -> Result<Amounts> {
    let mut v = Vec::new();
    for id in ids {
        if let Some(a) = amount(u)? {
            v.push((id.to_string(), a));
        }
    }
    if u.ratio(1, 32)? {
        v.push((u.arbitrary()?, Amount::from_yuan(1)));
    }
    Ok(Amounts(v))
}

fn maybe<T>(u: &mut Unstructured<'_>, f: impl FnOnce(&mut Unstructured<'_>) -> Result<T>) -> Result<Option<T>> {
    Ok(if u.arbitrary::<bool>()? { Some(f(u)?) } else { None })
}

/// A bill for the set's payout plan (or the first plan on file, for a set
/// without one): the part outside the plan's area mostly a part of each
/// amount, as a bill says.
fn bill(u: &mut Unstructured<'_>, p: &Policy) -> Result<Bill> {
    let plan = p.yongningbao.as_ref().or_else(|| yibao::policy_sets().iter().find_map(|p| p.yongningbao.as_ref()));
    let ids: Vec<&str> =
        plan.map(|y| y.payout.responsibilities.iter().map(|r| r.id.as_ref()).collect()).unwrap_or_default();
    let outside_field = plan.map_or("outside_ningbo", |y| y.payout.outside_field.as_ref());
    let now = amounts(u, &ids)?;
    let outside = maybe(u, |u| {
        let mut o = amounts(u, &ids)?;
        if u.ratio(7, 8)? {
            for (id, a) in &mut o.0 {
                *a = (*a).min(now.get(id));
            }
        }
        Ok((outside_field.to_string(), o))
    })?;
    Ok(Bill { amounts: now, outside, counted_before: maybe(u, |u| amounts(u, &ids))?, date: None })
}

/// A sub-area: mostly one of the set's, by `subarea` or by its flag.
fn subarea(u: &mut Unstructured<'_>, p: &Policy) -> Result<Option<Asked>> {
    if u.ratio(1, 32)? {
        return Ok(Some(Asked { value: u.arbitrary()?, field: "subarea".into() }));
    }
    if p.subareas.is_empty() || u.ratio(3, 4)? {
        return Ok(None);
    }
    let s = u.choose(&p.subareas)?;
    let field = match &s.flag {
        Some(flag) if u.arbitrary()? => flag.to_string(),
        _ => "subarea".into(),
    };
    Ok(Some(Asked { value: s.id.to_string(), field }))
}

/// A request against one of the policy sets: its region, its years, its
/// districts and identities, mostly; any of them, sometimes, something else.
/// (A field added to `Request` goes last here, so that the corpus's inputs
/// still make the requests they made.)
pub fn request(u: &mut Unstructured<'_>) -> Result<Request> {
    let sets = yibao::policy_sets();
    let p = u.choose(sets)?;
    let region = if u.ratio(1, 16)? { u.arbitrary::<String>()? } else { p.region.to_string() };
    let benefit_year = match u.int_in_range(0..=7)? {
        0..=2 => None,
        3..=5 => Some(i64::from(p.benefit_year)),
        6 => Some(i64::from(p.benefit_year) + i64::from(u.int_in_range(-3..=4)?)),
        _ => Some(u.arbitrary()?),
    };
    let districts: Vec<&str> = p.districts.iter().map(|d| d.id.as_ref()).collect();
    let district = if districts.is_empty() || u.ratio(1, 8)? {
        maybe(u, |u| text(u, &["baiyin", ""]))?
    } else {
        Some(pick(u, &districts)?.to_string())
    };
    let ids: Vec<&str> = p.identities.iter().map(|i| i.id.as_ref()).collect();
    let mut identities = Vec::new();
    for _ in 0..u.int_in_range(0..=4)? {
        identities.push(if u.ratio(1, 16)? { u.arbitrary::<String>()? } else { pick(u, &ids)?.to_string() });
    }
    let context = Context {
        region: Some(region),
        benefit_year,
        date: maybe(u, |u| date(u, 2021..=2031))?,
        district,
        subarea: subarea(u, p)?,
    };
    let person = Person {
        birth_date: if u.ratio(1, 32)? { None } else { Some(date(u, 1920..=2024)?) },
        hukou: if u.ratio(1, 32)? { None } else { Some(text(u, &["local", "nonlocal"])?) },
        residence_permit: u.arbitrary()?,
        school: maybe(u, |u| text(u, &["none", "primary_secondary", "college"]))?,
        employee_insurance: u.arbitrary()?,
        identities: Some(identities),
        newborn_parent: maybe(u, |u| {
            Ok(NewbornParent {
                residence_permit: u.arbitrary()?,
                employee_insurance_months: maybe(u, |u| u.int_in_range(0..=40))?,
                insured_normal: u.arbitrary()?,
            })
        })?,
        bill: maybe(u, |u| bill(u, p))?,
        change: maybe(u, |u| {
            let mut then = Vec::new();
            for _ in 0..u.int_in_range(0..=2)? {
                then.push(pick(u, &ids)?.to_string());
            }
            Ok(Change {
                registered_on: maybe(u, |u| date(u, 2021..=2031))?,
                identities_then: Some(then),
                changed_on: maybe(u, |u| date(u, 2021..=2031))?,
            })
        })?,
        insured_elsewhere: u.arbitrary()?,
    };
    Ok(Request { context, person })
}
