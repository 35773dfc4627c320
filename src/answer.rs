//! The answer's vocabulary: the shape of the answer for one person
//! ([`Quote`] and every part of it, as results carry them) and the words
//! the modules that make it share ([`Detail`], `Trail`, [`Chosen`],
//! `Setting`, [`Status`]).
//!
//! A leaf: it imports only the policy model and the values it is made of
//! (`date`, `money`, `policy`), never a module that works an answer out, so
//! `who.rs`, `change.rs`, `ynb.rs`, `payout.rs` and `today.rs` can be read
//! without the engine (`tests/module_graph.rs` keeps it so).

use crate::date::{self, Date};
use crate::money::{Money, Rate};
use crate::policy::{Assumption, Band, ChangeOutcome, Channel, Clause, List, Policy, Span, Text};
use chrono::NaiveDate;
use serde::Serialize;

/// A step of the reasoning, with the clause it rests on: the policy
/// model's own [`Clause`], so facts from the files pass through unchanged.
pub type Step = Clause;

/// How much of an answer to make: everything, or the figures alone (for
/// many persons at once: no steps, assumptions, sentences or workings that
/// would not be output).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Detail {
    Full,
    Figures,
}

/// The policy set an answer uses, as results and `policies()` name it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify), tsify(missing_as_null))]
pub struct PolicyRef {
    pub id: Text,
    pub region: Text,
    pub region_name: Text,
    pub region_note: Option<Text>,
    pub benefit_year: i32,
    pub document: Text,
    pub document_title: Text,
    pub issuer: Text,
    pub document_date: Option<Date>,
}

impl PolicyRef {
    pub fn of(p: &Policy) -> PolicyRef {
        PolicyRef {
            id: p.id.clone(),
            region: p.region.clone(),
            region_name: p.region_name.clone(),
            region_note: p.region_note.clone(),
            benefit_year: p.benefit_year,
            document: p.document.number.clone(),
            document_title: p.document.title.clone(),
            issuer: p.document.issuer.clone(),
            document_date: p.document.date.clone(),
        }
    }
}

/// Which notice the answer uses, against the date of the question.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify), tsify(missing_as_null))]
pub struct AsOf {
    /// The date of the question, as given (`None` without one).
    pub date: Option<Text>,
    /// The newest benefit year on file for the region.
    pub newest_benefit_year: i32,
    /// The answer reaches beyond the newest notice on file: the date of the
    /// question is after its benefit period, or the benefit year answered
    /// is later than its own. Never without a date and a year on file.
    pub beyond_newest: bool,
    /// One sentence naming the notice the answer uses; beyond the newest,
    /// that the later year's standards await a new notice.
    pub text: Text,
}

impl AsOf {
    /// Nothing: what an answer's `as_of` leaves behind when moved out.
    pub(crate) const EMPTY: AsOf =
        AsOf { date: None, newest_benefit_year: 0, beyond_newest: false, text: Text::Borrowed("") };

    /// A summary without its first sentence where that is this `as_of.text`
    /// (after the newest notice a summary begins with it), for a reader
    /// that shows `as_of.text` apart, above it; otherwise the summary.
    ///
    /// ```
    /// use yibao::answer::AsOf;
    /// let a = AsOf { date: None, newest_benefit_year: 2024, beyond_newest: true, text: "按最新文件估算。".into() };
    /// assert_eq!(a.after("按最新文件估算。您属于成年居民档。"), "您属于成年居民档。");
    /// assert_eq!(a.after("您属于成年居民档。"), "您属于成年居民档。");
    /// ```
    pub fn after<'a>(&self, summary: &'a str) -> &'a str {
        match summary.strip_prefix(&*self.text) {
            Some(rest) if self.beyond_newest && !self.text.is_empty() => rest,
            _ => summary,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify), tsify(missing_as_null))]
pub struct TierOut {
    pub id: Text,
    pub name: Text,
    pub source: Text,
    /// The notice gives the subsidy as a minimum ("不低于").
    pub subsidy_at_least: bool,
}

/// One payer's part of the subsidy or of the assistance.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify), tsify(missing_as_null))]
pub struct SplitOut {
    pub payer: Text,
    pub name: Text,
    /// `None` where the notice gives only a rule.
    pub amount: Option<Money>,
    pub rule: Text,
    pub source: Text,
}

/// A dated span with its clause, as in the policy files.
pub type Period = Span;

/// A window on the date of the question.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify), tsify(missing_as_null))]
#[serde(rename_all = "snake_case")]
pub enum Status {
    NotYet,
    Open,
    Closed,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify), tsify(missing_as_null))]
pub struct Enrollment {
    pub start: Date,
    pub end: Date,
    /// On the date of the question; `None` without a date.
    pub status: Option<Status>,
    pub source: Text,
    /// The main channel for this person.
    pub channel: Option<Channel>,
    /// What this person does, in order, each with its clause.
    pub how: Vec<Step>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify), tsify(missing_as_null))]
pub struct Sources {
    pub eligibility: Option<Text>,
    pub tier: Option<Text>,
    pub personal_fee: Option<Text>,
    pub ltc_fee: Option<Text>,
    pub subsidy: Option<Text>,
    pub assistance: Option<Text>,
    pub benefit_period: Text,
    pub enrollment: Text,
}

/// The answer for one person.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify), tsify(missing_as_null))]
pub struct Quote {
    pub policy: PolicyRef,
    pub as_of: AsOf,
    /// What this person does next, where and by when: the summary's first
    /// sentence (`today.rs`).
    pub next_step: Option<NextStep>,
    /// The benefit year in force on the date of the question, where it is
    /// not `benefit_year` (`today.rs`).
    pub in_force: Option<InForce>,
    /// Whether the person can join; `None` where the notices refer the
    /// question to a document that is not on file.
    pub eligible: Option<bool>,
    /// Why, in one sentence.
    pub reason: Text,
    /// The clause that decided `eligible`.
    pub basis: Option<Step>,
    /// The answer as a sentence: the result, the reason, the next step.
    pub summary: Text,
    pub tier: Option<TierOut>,
    pub personal_fee: Option<Money>,
    pub ltc_fee: Option<Money>,
    pub subsidy: Option<Money>,
    pub assistance: Option<Money>,
    pub to_pay: Option<Money>,
    pub total_funding: Option<Money>,
    pub subsidy_split: Vec<SplitOut>,
    pub assistance_split: Vec<SplitOut>,
    pub benefit_year: i32,
    pub benefit_period: Period,
    pub enrollment: Enrollment,
    pub yongningbao: Option<YongningbaoOut>,
    /// What a change of status after registering does (`None` without a
    /// `change` in the request).
    pub change: Option<ChangeOut>,
    /// Other facts of the notice for this policy set.
    pub info: crate::policy::List<Step>,
    pub sources: Sources,
    pub steps: Vec<Step>,
    /// Every assumption this answer relies on.
    pub assumptions: Vec<Assumption>,
    /// Remarks on the request (e.g. a bill given where there is no 甬宁保).
    pub notes: Vec<Text>,
}

/// Collects the steps and assumptions of an answer; with
/// [`Detail::Figures`] it records nothing (and `step!` formats nothing).
pub(crate) struct Trail {
    pub(crate) record: bool,
    pub(crate) steps: Vec<Step>,
    pub(crate) assumptions: Vec<Assumption>,
}

impl Trail {
    pub(crate) fn new(detail: Detail) -> Trail {
        let record = detail == Detail::Full;
        // Room for an answer's usual steps and assumptions.
        let (s, a) = if record { (16, 4) } else { (0, 0) };
        Trail { record, steps: Vec::with_capacity(s), assumptions: Vec::with_capacity(a) }
    }
    pub(crate) fn push(&mut self, text: Text, source: Text) {
        if self.record {
            self.steps.push(Clause { text, source });
        }
    }
    pub(crate) fn clause(&mut self, c: &Clause) {
        if self.record {
            self.steps.push(c.clone());
        }
    }
    pub(crate) fn assume(&mut self, a: &Assumption) {
        if self.record && !self.assumptions.iter().any(|x| x.id == a.id) {
            self.assumptions.push(a.clone());
        }
    }
}

/// The policy set an answer uses and the benefit year it answers for.
#[derive(Debug, Clone, Copy)]
pub struct Chosen<'p> {
    /// The rules used.
    pub policy: &'p Policy,
    /// The benefit year answered: the policy's own, or a later one that the
    /// newest policy is applied to.
    pub year: i32,
    /// The region's newest policy set.
    pub newest: &'p Policy,
    /// The year was implied by the date of the question after the newest
    /// notice's window (not asked for).
    pub implied: bool,
}

impl Chosen<'_> {
    /// Whole years from the policy's benefit year to the year answered.
    pub fn shift(&self) -> i32 {
        self.year - self.policy.benefit_year
    }
    /// The year answered is later than the policy's own.
    pub fn projected(&self) -> bool {
        self.shift() > 0
    }
}

/// A window's state on the date of the question.
pub(crate) fn status(s: &Span, on: Option<NaiveDate>) -> Option<Status> {
    on.map(|d| {
        if d < s.start.day() {
            Status::NotYet
        } else if d > s.end.day() {
            Status::Closed
        } else {
            Status::Open
        }
    })
}

/// What the answers for one context (region, year, date) share, worked
/// out once for all the members of a household: the date of the question,
/// the policy set and year with how they were chosen, the [`AsOf`], and
/// sentences every member's answer that needs them says alike.
pub(crate) struct Setting<'p> {
    pub(crate) detail: Detail,
    /// For more than one answer: the shared sentences are kept, once
    /// written (one answer writes them straight into its own texts).
    pub(crate) shared: bool,
    pub(crate) date: Option<NaiveDate>,
    pub(crate) chosen: Chosen<'p>,
    pub(crate) year_note: Option<String>,
    pub(crate) as_of: AsOf,
    /// The enrolment window in words, once written.
    pub(crate) window: std::cell::OnceCell<String>,
    /// The supplementary plan's reasons (resident, employee), once written.
    pub(crate) ynb_reasons: [std::cell::OnceCell<String>; 2],
}

impl Setting<'_> {
    /// The enrolment window of the set in words (`2023年9月1日至12月31日`).
    pub(crate) fn window(&self) -> impl std::fmt::Display + '_ {
        let e = &self.chosen.policy.enrollment;
        let (start, end) = (e.start.day(), e.end.day());
        let kept = self.shared.then(|| {
            &**self.window.get_or_init(|| {
                let mut s = String::with_capacity(48);
                w!(s, "{}", date::span_words(start, end));
                s
            })
        });
        Window(kept, start, end)
    }

    /// `make`'s sentence: the one kept in `cell` where the setting is shared.
    pub(crate) fn said(&self, cell: &std::cell::OnceCell<String>, make: impl FnOnce() -> String) -> String {
        if self.shared {
            cell.get_or_init(make).clone()
        } else {
            make()
        }
    }
}

/// A window in words: as kept, or written where it is formatted.
struct Window<'a>(Option<&'a str>, NaiveDate, NaiveDate);

impl std::fmt::Display for Window<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.0 {
            Some(s) => f.write_str(s),
            None => date::span_words(self.1, self.2).fmt(f),
        }
    }
}

/// What this person does next, where, and by when.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify), tsify(missing_as_null))]
pub struct NextStep {
    /// One sentence.
    pub text: Text,
    /// The last day to do it (the window's end); `None` where nothing is to
    /// be done, or the date is not known (a year beyond the newest notice,
    /// a window that has ended).
    pub by: Option<Date>,
    /// The clauses the sentence rests on.
    pub source: Text,
}

/// The benefit year in force on the date of the question.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify), tsify(missing_as_null))]
pub struct InForce {
    pub benefit_year: i32,
    /// Its benefit period (projected where it is); `None` for a year before
    /// every notice on file (nothing is projected backwards).
    pub period: Option<Period>,
    /// The year is later than the newest notice's.
    pub beyond_newest: bool,
    /// One sentence: if enrolled in its window, the benefit period and what
    /// it gives; if not, what the notices say about joining later.
    pub text: Text,
    pub source: Text,
}

/// One responsibility of a supplementary plan, as its table gives it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify), tsify(missing_as_null))]
pub struct Benefit {
    pub id: Text,
    pub name: Text,
    /// The first band's start (0: no deductible).
    pub deductible: Money,
    /// Consecutive bands: from, to (`None`: no upper end), rate in percent.
    pub bands: List<Band>,
    pub sum_insured: Money,
    pub source: Text,
}

/// What a change of status does to the money, for this person.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify), tsify(missing_as_null))]
pub struct ChangeOut {
    /// `refund`, `top_up`, `keep`, `none` or `not_in_documents`.
    pub outcome: ChangeOutcome,
    /// Money moving to the person because of the change (`0.00` for keep
    /// and none); `None` where the notice does not settle it, or the fee it
    /// refers to is not given.
    pub amount: Option<Money>,
    /// One sentence, with the figures.
    pub reason: Text,
    pub source: Text,
}

/// The plan for this person.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify), tsify(missing_as_null))]
pub struct YongningbaoOut {
    pub name: Text,
    pub year: i32,
    pub eligible: bool,
    pub reason: Text,
    pub premium: Option<Money>,
    pub paid_by_government: bool,
    pub to_pay: Option<Money>,
    /// Whether one can buy it now, when the window is not open on the date
    /// of the question (or the year is beyond the newest notice).
    pub note: Option<Text>,
    /// `None` (and `cover`, `waiting_period`) for a plan the notice names
    /// without its terms (`today::target`).
    pub enrollment: Option<Enrollment>,
    pub cover: Option<Period>,
    pub waiting_period: Option<Step>,
    pub sources: YnbSources,
    /// What the plan covers, responsibility by responsibility, bill or not
    /// (`None` where the notice gives no terms, or for figures alone).
    pub benefits: Option<Vec<Benefit>>,
    /// The payout estimate for the request's bill; `None` without a bill or
    /// for someone not eligible (then `payout_reason` says why).
    pub payout: Option<PayoutResult>,
    pub payout_reason: Option<Text>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify), tsify(missing_as_null))]
pub struct YnbSources {
    pub eligibility: Text,
    pub premium: Text,
    pub free: Text,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify), tsify(missing_as_null))]
pub struct BandOut {
    pub from: Money,
    pub to: Option<Money>,
    /// Percent, e.g. `"30"`.
    pub rate: Rate,
    /// The part of this bill's amount that falls in the band.
    pub counted: Money,
    pub amount: Money,
}

/// An amount under a field name the policy file gives: serialized as
/// `{field: amount}` within its item.
#[derive(Debug, Clone, PartialEq)]
pub struct Outside {
    pub field: Text,
    pub amount: Money,
}

impl Serialize for Outside {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut m = s.serialize_map(Some(1))?;
        m.serialize_entry(&*self.field, &self.amount)?;
        m.end()
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify), tsify(missing_as_null))]
pub struct ItemOut {
    pub id: Text,
    pub name: Text,
    pub what: Text,
    /// This bill's amount for the responsibility.
    pub amount: Money,
    /// The part of `amount` spent outside the plan's area (counted in
    /// full), under the name the plan gives it (`outside_field`).
    #[serde(flatten)]
    pub outside: Outside,
    pub counted_before: Money,
    /// Cumulative amount after this bill (`counted_before + amount`).
    pub counted: Money,
    pub deductible: Money,
    pub bands: Vec<BandOut>,
    /// Sum insured (保险金额).
    pub cap: Money,
    /// Paid on the amounts counted before.
    pub paid_before: Money,
    /// What was left of the sum insured before this bill.
    pub cap_left: Money,
    pub payout: Money,
    /// The sum insured limited this payout.
    pub capped: bool,
    /// Costs outside Ningbo counted in full where the ratio is unknown.
    pub upper_bound: bool,
    /// With `upper_bound`: the payout when those costs count for nothing.
    pub payout_low: Option<Money>,
    /// The arithmetic as a person would do it by hand.
    pub working: Text,
    pub source: Text,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify), tsify(missing_as_null))]
pub struct PayoutResult {
    pub total: Money,
    /// Sum of this bill's amounts.
    pub bill_total: Money,
    /// What is left to the person after the payout.
    pub own_share: Money,
    /// True when the total is an upper bound (see `notes`).
    pub upper_bound: bool,
    /// With `upper_bound`: the lower end of the range, the payout when the
    /// costs whose ratio is unknown count for nothing (`total` counts them
    /// in full).
    pub total_low: Option<Money>,
    /// With `upper_bound`: what is left to the person at the lower end.
    pub own_share_high: Option<Money>,
    pub items: Vec<ItemOut>,
    pub notes: Vec<Text>,
    pub source: Text,
    pub rounding: Text,
    /// The plan year whose terms priced the bill, by the bill's date or
    /// the date of the question (`today.rs`).
    pub plan_year: Option<i32>,
    /// That plan year is later than the newest plan on file: its terms
    /// are the newest plan's.
    pub projected: bool,
    /// The plan year's cover (保障期限), marked where projected.
    pub cover: Option<Period>,
}
