//! The policy data model: one [`Policy`] per region and benefit year.
//!
//! The files in `policies/` are TOML in exactly this shape. `build.rs` reads
//! them, runs [`Policy::validate`], and compiles them into Rust (see
//! `data.rs`), so the engine never parses anything at run time and a broken
//! file fails the build, not the page.
//!
//! Money and rates are written as decimal strings (`"110.8"`, `"30"`), never
//! as TOML floats; dates as `"YYYY-MM-DD"` strings. Every value that comes
//! from a notice carries `source`: the document number plus the clause's
//! heading path, e.g. `余政办发〔2023〕80号 二(一)3(1)`. Every value that the
//! notices do not give is an [`Assumption`], and results that rely on it list
//! it.
//!
//! This file is also compiled into `build.rs` (via `#[path]`), so it may use
//! only `serde` and `rust_decimal`.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;

/// Text in a policy or a result: `Borrowed` when it is `'static` (the
/// compiled-in policy data, string literals), `Owned` when it is read from a
/// file or made at run time.
///
/// It is written out as a plain string. `Borrowed` text goes through
/// `serialize_newtype_struct` named [`STATIC_TEXT`], which `serde_json` (and
/// any other format) writes as the string itself, so the JSON is the same
/// either way. A host may recognise that name: text that never changes need
/// only cross to JavaScript once (see `wasm.rs`).
///
/// ```
/// use yibao::policy::Text;
/// let fixed = Text::Borrowed("个人缴费");
/// let made = Text::from(format!("{}元", 780));
/// assert_eq!(serde_json::to_string(&fixed).unwrap(), r#""个人缴费""#);
/// assert_eq!(serde_json::to_string(&made).unwrap(), r#""780元""#);
/// assert_eq!(&*made, "780元");
/// ```
///
/// Equality and order are those of the text, whichever the variant.
#[derive(Clone)]
pub enum Text {
    Borrowed(&'static str),
    Owned(String),
}

/// The error of the crate's own serde serializers (`build.rs` writing the
/// policies as Rust, `tape.rs` writing results for JS): a shape they do not
/// write.
#[derive(Debug)]
pub struct Unsupported(pub String);

impl std::fmt::Display for Unsupported {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}
impl std::error::Error for Unsupported {}
impl serde::ser::Error for Unsupported {
    fn custom<T: std::fmt::Display>(msg: T) -> Self {
        Unsupported(msg.to_string())
    }
}

/// The newtype name under which [`Text::Borrowed`] is serialized.
pub const STATIC_TEXT: &str = "yibao::StaticText";

impl std::ops::Deref for Text {
    type Target = str;
    fn deref(&self) -> &str {
        match self {
            Text::Borrowed(s) => s,
            Text::Owned(s) => s,
        }
    }
}

impl AsRef<str> for Text {
    fn as_ref(&self) -> &str {
        self
    }
}

impl std::fmt::Display for Text {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self)
    }
}

impl std::fmt::Debug for Text {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(&**self, f)
    }
}

impl Default for Text {
    fn default() -> Self {
        Text::Borrowed("")
    }
}

impl From<&'static str> for Text {
    fn from(s: &'static str) -> Self {
        Text::Borrowed(s)
    }
}

impl From<String> for Text {
    fn from(s: String) -> Self {
        Text::Owned(s)
    }
}

impl PartialEq for Text {
    fn eq(&self, o: &Text) -> bool {
        **self == **o
    }
}

impl Eq for Text {}

impl PartialOrd for Text {
    fn partial_cmp(&self, o: &Text) -> Option<std::cmp::Ordering> {
        Some(self.cmp(o))
    }
}

impl Ord for Text {
    fn cmp(&self, o: &Text) -> std::cmp::Ordering {
        (**self).cmp(&**o)
    }
}

impl PartialEq<str> for Text {
    fn eq(&self, o: &str) -> bool {
        **self == *o
    }
}

impl PartialEq<&str> for Text {
    fn eq(&self, o: &&str) -> bool {
        **self == **o
    }
}

impl PartialEq<String> for Text {
    fn eq(&self, o: &String) -> bool {
        **self == **o
    }
}

impl PartialEq<Text> for &str {
    fn eq(&self, o: &Text) -> bool {
        **self == **o
    }
}

impl Serialize for Text {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Text::Borrowed(t) => s.serialize_newtype_struct(STATIC_TEXT, *t),
            Text::Owned(t) => s.serialize_str(t),
        }
    }
}

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        String::deserialize(d).map(Text::Owned)
    }
}

/// A list in a policy, likewise.
pub type List<T> = Cow<'static, [T]>;

/// Identity ids that any policy set may define (the public request
/// interface). A policy file using another id is rejected.
pub const KNOWN_IDENTITIES: &[&str] = &[
    "tekun",
    "dibao",
    "dibian",
    "youfu",
    "disabled_severe",
    "orphan",
    "kunjing_child",
    "dibao_full",
    "dibao_partial",
    "fanpin",
    "yifanpin",
    "tuopin",
];

/// School kinds of the request interface.
pub const KNOWN_SCHOOLS: &[&str] = &["none", "primary_secondary", "college"];

/// Tier ids of the public interface.
pub const KNOWN_TIERS: &[&str] = &["adult", "student", "infant", "college", "resident"];

/// Person categories that select enrolment instructions (see `engine.rs`).
pub const KNOWN_ENROLL_CATEGORIES: &[&str] = &[
    "assisted_full",
    "assisted_partial",
    "student",
    "college",
    "local_newborn",
    "nonlocal_newborn",
    "residence_permit",
    "local",
    "all",
];

/// 甬宁保 bill keys of the public interface, in the order of annex 3.
pub const KNOWN_RESPONSIBILITIES: &[&str] =
    &["in_scope", "self_paid", "cancer_drugs", "rare_disease_drugs", "proton_heavy_ion"];

/// A text with the clause it comes from.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Clause {
    pub text: Text,
    pub source: Text,
}

/// A value the notices do not give, with the reason it was chosen.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Assumption {
    pub id: Text,
    pub text: Text,
}

/// The notice a policy set is built from.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Document {
    /// Document number, e.g. `余政办发〔2023〕80号`; for a text without a
    /// header, a short description that says so.
    pub number: Text,
    pub title: Text,
    pub issuer: Text,
    /// Date of issue, `YYYY-MM-DD`, or empty when the text has none.
    pub date: Text,
    /// File in `shared/seeds/` the text was read from.
    pub seed: Text,
}

/// A dated span (both ends inclusive) with its clause.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Span {
    pub start: Text,
    pub end: Text,
    pub source: Text,
    /// Who the span is for, where the notice makes it conditional (e.g.
    /// benefits only for those who paid within the window).
    #[serde(default)]
    pub condition: Option<Text>,
}

/// Who may join resident insurance, in the order the engine checks.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Eligibility {
    /// Persons in employee insurance are not eligible.
    pub employee_excluded: Clause,
    /// Local household registration.
    pub local_hukou: Clause,
    /// Full-time students of a school in the city, any hukou or nationality.
    pub student: Option<StudentRule>,
    /// Non-local persons with a valid residence permit of the city.
    pub residence_permit: Clause,
    /// Non-local newborns enrolled through a parent.
    pub newborn: Option<NewbornRule>,
    /// Local newborns: up to which age the newborn channel is pointed out.
    pub local_newborn: Option<LocalNewbornRule>,
    /// A condition of the notice's scope that every eligible answer repeats
    /// (e.g. "not a person who should be in employee insurance").
    pub condition: Option<Clause>,
    /// Groups the notice refers to another document, which is not among
    /// ours: their answer says exactly that.
    pub referred: Option<ReferredRule>,
    /// Rules this set takes from elsewhere because its text is silent.
    #[serde(default)]
    pub assumptions: List<Assumption>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct LocalNewbornRule {
    /// Oldest age in whole months (inclusive) at the date of the question.
    pub max_months: u32,
    /// Why this age: the notice does not say.
    pub assumption: Assumption,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ReferredRule {
    /// School kinds the reference concerns (`KNOWN_SCHOOLS`).
    pub schools: List<Text>,
    /// What the notice says, and that the other document is not on file.
    pub text: Text,
    /// The answer for a person whose eligibility only the other document
    /// could settle (non-local, no residence permit).
    pub undecided: Text,
    pub source: Text,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct StudentRule {
    pub schools: List<Text>,
    pub text: Text,
    pub source: Text,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct NewbornRule {
    /// Oldest age in whole months (inclusive) at the date of the question.
    pub max_months: u32,
    /// The parent must hold a residence permit of the city.
    pub parent_residence_permit: bool,
    /// Cumulative months of the parent's employee insurance, if required.
    pub parent_min_employee_months: Option<u32>,
    /// The parent must currently be insured normally.
    pub parent_insured_normal: bool,
    /// That insurance condition in the notice's words, as a question's
    /// object ("已参加宁波市基本医保且待遇正常").
    pub parent_insured: Text,
    pub text: Text,
    pub source: Text,
    /// How "0-6个月" is read.
    pub assumption: Assumption,
}

/// How age is measured for the tiers.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct AgeRule {
    pub text: Text,
    /// Present when the notices give no age boundaries.
    pub assumption: Option<Assumption>,
}

/// A fee tier. A tier matches by school (any age) or by age range
/// `[min_age, max_age)` in whole years.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Tier {
    pub id: Text,
    pub name: Text,
    pub min_age: Option<u32>,
    pub max_age: Option<u32>,
    #[serde(default)]
    pub schools: List<Text>,
    /// Annual personal fee (个人缴费); absent when the notices do not give it.
    pub personal_fee: Option<Text>,
    /// Government subsidy per person (财政补助).
    pub subsidy: Option<Text>,
    /// Part of the personal fee that goes to long-term-care insurance.
    pub ltc_fee: Option<Text>,
    /// 合计 as printed in the notice, when it prints one (checked).
    pub total: Option<Text>,
    pub source: Text,
    /// Where the fee comes from when it is not in `source`'s clause.
    pub ltc_source: Option<Text>,
    /// Why no fee is given, when `personal_fee` is absent.
    pub no_fee_reason: Option<Text>,
    /// The notice gives the subsidy as a minimum ("不低于").
    #[serde(default)]
    pub subsidy_at_least: bool,
    /// Assumption this tier's matching relies on.
    pub assumption: Option<Assumption>,
}

/// One payer's part of a subsidy or of assistance.
///
/// The amount is, in order: `whole` (the whole total), `percent` of the
/// total, the `amount` given, this district's entry in `by_district`; with
/// none of these the part is a rule without a number (`amount: null`).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Split {
    pub payer: Text,
    pub name: Text,
    pub rule: Text,
    pub source: Text,
    #[serde(default)]
    pub whole: bool,
    pub percent: Option<Text>,
    pub amount: Option<Text>,
    #[serde(default)]
    pub by_district: List<DistrictAmount>,
    /// Tiers this part applies to; empty means all.
    #[serde(default)]
    pub tiers: List<Text>,
    /// Cixi: `Some(true)` only for 前湾新区 residents, `Some(false)` only
    /// for others, `None` for both.
    pub qianwan: Option<bool>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct DistrictAmount {
    pub district: Text,
    pub amount: Text,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct District {
    pub id: Text,
    pub name: Text,
    pub grade: Text,
}

/// One answer to a question of the request, in the set's words.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Choice {
    pub id: Text,
    pub name: Text,
}

/// An identity status the policy set defines.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Identity {
    pub id: Text,
    pub name: Text,
    /// `"full"`: the whole personal fee; a decimal: a fixed amount; absent:
    /// no resident-insurance assistance (the id exists for 甬宁保).
    pub assistance: Option<Text>,
    pub source: Text,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct AssistanceRule {
    /// Present when this set's assistance is for local household
    /// registration only: what a non-local person in an assisted group gets.
    pub nonlocal: Option<NonlocalAssistance>,
    /// A reading this set's assistance split needs for residents of a
    /// sub-area with its own subsidy share (Cixi's 前湾新区).
    pub qianwan_assumption: Option<Assumption>,
    /// When a fixed amount of assistance arrives, as the answer's sentence
    /// says it (e.g. "当月参保、次月资助").
    pub partial_note: Option<Text>,
    /// How several identities combine (always the single highest here).
    pub combine: Clause,
    #[serde(default)]
    pub split: List<Split>,
}

/// What a non-local person of an assisted group gets.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct NonlocalAssistance {
    /// `none`: no assistance from this city, the person pays the fee;
    /// `hukou_place`: assistance from the place of household registration,
    /// at its standard, which the notice does not give.
    pub outcome: Text,
    pub text: Text,
    pub source: Text,
    /// Present when the notice implies the rule rather than stating it.
    pub assumption: Option<Assumption>,
}

/// Enrolment instructions for one person category.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct HowRule {
    /// Person categories this applies to (`KNOWN_ENROLL_CATEGORIES`).
    pub when: List<Text>,
    pub channel: Text,
    pub text: Text,
    pub source: Text,
    /// The next step as the answer's sentence says it ("可通过…办理"). The
    /// first rule that applies and has one gives the person's channel.
    pub next: Option<Text>,
    /// When this rule applies, no other rule does (e.g. 无需个人操作).
    #[serde(default)]
    pub exclusive: bool,
}

/// What happens when a person's assisted status changes after they
/// registered, as the notice rules it. The first rule that matches applies;
/// a change no rule matches is one the notice does not settle.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ChangeRules {
    pub rules: List<ChangeRule>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ChangeRule {
    /// The kinds of change it covers (`CHANGE_KINDS`): `became_assisted`
    /// (not assisted when registering, assisted now), `left_assisted`,
    /// `class_up` / `class_down` (assisted both times, the amount now
    /// higher / lower).
    pub when: List<Text>,
    /// `in_window`: only if the person registered within the window.
    pub registered: Option<Text>,
    /// When the new status was certified (`CHANGE_PERIODS`):
    /// `by_window_end`, `before_benefit_year` (after the window, before the
    /// benefit year), `in_benefit_year`, `after_benefit_year`.
    #[serde(default)]
    pub certified: List<Text>,
    /// `refund`, `top_up`, `keep`, `none` or `not_in_documents`.
    pub outcome: Text,
    /// The money moving to the person: `fee` (the personal fee paid),
    /// `assistance_now` (the assistance now due), `difference` (now − then),
    /// `zero`, or `unknown`.
    pub amount: Text,
    /// The rule in the notice's words.
    pub text: Text,
    pub source: Text,
}

/// A person whose age moves them into another tier this benefit year.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct AgeBandRule {
    pub text: Text,
    /// What must be done, as the answer's sentence says it.
    pub next: Text,
    pub source: Text,
}

/// Kinds of change of assisted status (`ChangeRule::when`).
pub const CHANGE_KINDS: &[&str] = &["became_assisted", "left_assisted", "class_up", "class_down"];

/// When a new status was certified (`ChangeRule::certified`).
pub const CHANGE_PERIODS: &[&str] = &["by_window_end", "before_benefit_year", "in_benefit_year", "after_benefit_year"];

/// 天一甬宁保, where the policy set includes it.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Yongningbao {
    pub name: Text,
    pub year: i32,
    pub eligibility: Clause,
    pub premium_standard: Text,
    pub premium_reduced: Text,
    /// Born on or after this date pays the reduced premium.
    pub reduced_born_on_or_after: Text,
    /// Resident tiers whose members pay the reduced premium.
    pub reduced_tiers: List<Text>,
    pub premium_source: Text,
    pub free_requires_local_hukou: bool,
    pub free: List<FreeIdentity>,
    /// The notice's sentence on free cover.
    pub free_text: Text,
    pub free_source: Text,
    /// Readings of the premium rule for particular resident tiers.
    #[serde(default)]
    pub tier_assumptions: List<TierAssumption>,
    /// How to buy, each with its clause.
    #[serde(default)]
    pub how: List<YnbHow>,
    pub enrollment: Span,
    pub cover: Span,
    pub waiting_period: Clause,
    /// Assumption: employee insurance in a Ningbo region is Ningbo's.
    pub employee_assumption: Assumption,
    pub payout: Payout,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct FreeIdentity {
    pub id: Text,
    /// The notice's own term, e.g. `散居孤儿`.
    pub term: Text,
    /// Present when the term is narrower than the identity.
    pub assumption: Option<Assumption>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct TierAssumption {
    pub tier: Text,
    pub assumption: Assumption,
}

/// One way to buy 甬宁保.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct YnbHow {
    /// `all`, or `employee` (only for a person in employee insurance).
    pub when: Text,
    pub text: Text,
    pub source: Text,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Payout {
    pub source: Text,
    /// How the table is read (amounts, deductible and bands per pool).
    pub reading: Assumption,
    pub outside_ningbo: Assumption,
    pub rounding: Text,
    pub responsibilities: List<Responsibility>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Responsibility {
    pub id: Text,
    pub name: Text,
    pub what: Text,
    pub sum_insured: Text,
    /// Consecutive bands; the first band's `from` is the deductible.
    pub bands: List<Band>,
    /// Responsibilities with the same pool share one cumulative amount,
    /// deductible and bands; absent: the responsibility is its own pool.
    pub pool: Option<Text>,
    /// The row says costs outside Ningbo count at ratios of a plan that is
    /// not among the documents.
    pub outside_ratio_unknown: bool,
    pub source: Text,
    /// The amount's name where a resident finds it (the settlement slip's
    /// column, e.g. `个人自付`, or the receipt it is on), for the page.
    pub slip: Text,
    /// Where on which slip or receipt that amount is printed.
    pub slip_help: Text,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Band {
    pub from: Text,
    pub to: Option<Text>,
    /// Percent, e.g. `"30"`.
    pub rate: Text,
}

/// One policy set: a region and a benefit year.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Policy {
    /// Public id, `<region>-<benefit year>`.
    pub id: Text,
    pub region: Text,
    pub region_name: Text,
    /// Shown wherever the name is shown (e.g. an inferred name).
    pub region_note: Option<Text>,
    pub benefit_year: i32,
    pub document: Document,
    pub benefit_period: Span,
    pub enrollment: Span,
    pub eligibility: Eligibility,
    pub age_rule: AgeRule,
    pub tiers: List<Tier>,
    #[serde(default)]
    pub districts: List<District>,
    /// Whether the request may say `qianwan` (Cixi's 前湾新区).
    #[serde(default)]
    pub has_qianwan: bool,
    /// With `has_qianwan`: the page's question in the notice's words, and
    /// what it changes.
    pub qianwan_label: Option<Text>,
    pub qianwan_hint: Option<Text>,
    pub subsidy_split: List<Split>,
    pub identities: List<Identity>,
    /// The school kinds of the request (`KNOWN_SCHOOLS`, each once), in the
    /// words the page offers them for this set.
    pub schools: List<Choice>,
    pub assistance: AssistanceRule,
    pub enroll_how: List<HowRule>,
    /// Other facts of the notice worth showing (e.g. 大病保险 90元).
    #[serde(default)]
    pub info: List<Clause>,
    /// Refunds, top-ups and assistance kept when a status changes; absent
    /// where the notice has no such rules.
    pub change: Option<ChangeRules>,
    /// What a person crossing an age band must do.
    pub age_band_change: Option<AgeBandRule>,
    pub yongningbao: Option<Yongningbao>,
}

/// Parses a decimal string from a policy file.
pub fn dec(s: &str) -> Option<Decimal> {
    Decimal::from_str_exact(s.trim()).ok()
}

/// Parses `YYYY-MM-DD` into (year, month, day) with a real calendar check.
pub fn ymd(s: &str) -> Option<(i32, u32, u32)> {
    let b = s.as_bytes();
    if b.len() != 10 || b.get(4) != Some(&b'-') || b.get(7) != Some(&b'-') {
        return None;
    }
    // At most four ASCII digits: folded directly, no general integer parsing.
    let num = |r: std::ops::Range<usize>| -> Option<u32> {
        let part = b.get(r)?;
        part.iter().all(u8::is_ascii_digit).then(|| part.iter().fold(0, |n, c| n * 10 + u32::from(c - b'0')))
    };
    let (y, m, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    };
    if y < 1 || d < 1 || d > days {
        return None;
    }
    Some((i32::try_from(y).ok()?, m, d))
}

impl Policy {
    /// Checks a policy file. Returns every problem found, in Chinese and
    /// naming the place, so a policy editor can fix them in one go.
    pub fn validate(&self) -> Result<(), Vec<String>> {
        let mut errs = Vec::new();
        let mut e = |s: String| errs.push(s);

        let expected_id = format!("{}-{}", self.region, self.benefit_year);
        if self.id != expected_id {
            e(format!("id 应为 {expected_id}（地区-待遇年度），现为 {}", self.id));
        }
        for (what, span) in [("benefit_period", &self.benefit_period), ("enrollment", &self.enrollment)] {
            check_span(what, span, &mut e);
        }
        if let Some((y, _, _)) = ymd(&self.benefit_period.start) {
            if y != self.benefit_year {
                e(format!("benefit_period.start 不在待遇年度 {} 内", self.benefit_year));
            }
        }
        if !self.document.date.is_empty() && ymd(&self.document.date).is_none() {
            e(format!("document.date 不是有效日期：{}", self.document.date));
        }

        // Tiers: ids known and unique; fees consistent; age ranges cover
        // 0.. without gap or overlap; school lists disjoint.
        let mut seen = Vec::new();
        for t in self.tiers.iter() {
            if !KNOWN_TIERS.contains(&t.id.as_ref()) {
                e(format!("tiers: 未知档次 id {}", t.id));
            }
            if seen.contains(&t.id.as_ref()) {
                e(format!("tiers: 档次 {} 重复", t.id));
            }
            seen.push(t.id.as_ref());
            for s in t.schools.iter() {
                if !KNOWN_SCHOOLS.contains(&s.as_ref()) || s == "none" {
                    e(format!("tiers.{}: 未知学校类别 {s}", t.id));
                }
            }
            let money = |v: &Option<Text>| v.as_deref().map(dec);
            match (money(&t.personal_fee), money(&t.subsidy), money(&t.ltc_fee)) {
                (Some(Some(fee)), Some(Some(sub)), ltc) => {
                    if fee < Decimal::ZERO || sub < Decimal::ZERO {
                        e(format!("tiers.{}: 金额不能为负", t.id));
                    }
                    if let Some(Some(l)) = ltc {
                        if l < Decimal::ZERO || l > fee {
                            e(format!("tiers.{}: 长护险 {l} 不在 0 与个人缴费 {fee} 之间", t.id));
                        }
                    } else if ltc.is_some() {
                        e(format!("tiers.{}: ltc_fee 不是数字", t.id));
                    }
                    if let Some(total) = &t.total {
                        match dec(total) {
                            Some(tot) if tot == fee + sub => {}
                            _ => e(format!("tiers.{}: 合计 {total} 不等于个人缴费 {fee} + 财政补助 {sub}", t.id)),
                        }
                    }
                }
                (None, None, None) => {
                    if t.no_fee_reason.is_none() {
                        e(format!("tiers.{}: 没有缴费标准时须写明 no_fee_reason", t.id));
                    }
                }
                _ => e(format!("tiers.{}: 个人缴费与财政补助须同时给出且为数字", t.id)),
            }
            if t.schools.is_empty() && t.min_age.is_none() {
                e(format!("tiers.{}: 既无年龄范围也无学校类别，永远不会被选中", t.id));
            }
            if let (Some(lo), Some(hi)) = (t.min_age, t.max_age) {
                if hi <= lo {
                    e(format!("tiers.{}: 年龄范围 [{lo}, {hi}) 为空", t.id));
                }
            }
        }
        for (i, a) in self.tiers.iter().enumerate() {
            for b in self.tiers.iter().skip(i + 1) {
                if a.schools.iter().any(|s| b.schools.contains(s)) {
                    e(format!("tiers: {} 与 {} 的学校类别重叠", a.id, b.id));
                }
            }
        }
        let mut ranges: Vec<(u32, Option<u32>, &str)> =
            self.tiers.iter().filter_map(|t| t.min_age.map(|lo| (lo, t.max_age, t.id.as_ref()))).collect();
        ranges.sort_by_key(|r| r.0);
        let mut next = Some(0u32);
        for (lo, hi, id) in &ranges {
            match next {
                Some(n) if n == *lo => {}
                Some(n) if n < *lo => e(format!("tiers: 年龄 {n} 至 {lo} 之间没有档次（{id} 之前有空档）")),
                Some(n) => e(format!("tiers: {id} 的年龄范围从 {lo} 开始，与前一档（至 {n}）重叠")),
                None => e(format!("tiers: {id} 在一个不设上限的档次之后，年龄范围重叠")),
            }
            next = *hi;
        }
        if ranges.is_empty() {
            e("tiers: 没有按年龄划分的档次".to_string());
        } else if next.is_some() {
            e("tiers: 最高年龄档须不设上限（max_age 留空）".to_string());
        }

        if [self.qianwan_label.is_some(), self.qianwan_hint.is_some()] != [self.has_qianwan; 2] {
            e("qianwan_label, qianwan_hint: 须且仅须在 has_qianwan = true 时给出".to_string());
        }
        let schools: Vec<&str> = self.schools.iter().map(|c| c.id.as_ref()).collect();
        let mut known = KNOWN_SCHOOLS.to_vec();
        let mut listed = schools.clone();
        known.sort_unstable();
        listed.sort_unstable();
        if listed != known {
            e(format!("schools: 须各列一次 {}，现为 {}", KNOWN_SCHOOLS.join("、"), schools.join("、")));
        }

        // Districts, identities, enrolment categories.
        let district_ids: Vec<&str> = self.districts.iter().map(|d| d.id.as_ref()).collect();
        let mut ids = Vec::new();
        for i in self.identities.iter() {
            if !KNOWN_IDENTITIES.contains(&i.id.as_ref()) {
                e(format!("identities: 未知身份 id {}", i.id));
            }
            if ids.contains(&i.id.as_ref()) {
                e(format!("identities: 身份 {} 重复", i.id));
            }
            ids.push(i.id.as_ref());
            if let Some(a) = &i.assistance {
                if a != "full" {
                    match dec(a) {
                        Some(v) if v > Decimal::ZERO => {
                            for t in self.tiers.iter() {
                                if let Some(fee) = t.personal_fee.as_deref().and_then(dec) {
                                    if v > fee {
                                        e(format!("identities.{}: 资助 {v} 超过 {} 个人缴费 {fee}", i.id, t.id));
                                    }
                                }
                            }
                        }
                        _ => e(format!("identities.{}: assistance 应为 \"full\" 或正数", i.id)),
                    }
                }
            }
        }
        for w in self.enroll_how.iter().flat_map(|h| h.when.iter()) {
            if !KNOWN_ENROLL_CATEGORIES.contains(&w.as_ref()) {
                e(format!("enroll_how: 未知人员类别 {w}"));
            }
        }

        // Subsidy splits must add up to each tier's subsidy wherever every
        // part has a number; assistance splits in percent must make 100.
        let district_choices: Vec<Option<&str>> =
            if district_ids.is_empty() { vec![None] } else { district_ids.iter().map(|d| Some(*d)).collect() };
        let qianwan_choices: &[bool] = if self.has_qianwan { &[false, true] } else { &[false] };
        for s in self.subsidy_split.iter().chain(self.assistance.split.iter()) {
            for d in s.by_district.iter() {
                if !district_ids.contains(&d.district.as_ref()) {
                    e(format!("split {}: 未知区县 {}", s.payer, d.district));
                }
                if dec(&d.amount).is_none() {
                    e(format!("split {}: {} 的金额不是数字", s.payer, d.district));
                }
            }
            for t in s.tiers.iter() {
                if !seen.contains(&t.as_ref()) {
                    e(format!("split {}: 未知档次 {t}", s.payer));
                }
            }
            let known = [s.percent.as_deref(), s.amount.as_deref()];
            for v in known.into_iter().flatten() {
                if dec(v).is_none() {
                    e(format!("split {}: {v} 不是数字", s.payer));
                }
            }
        }
        for t in self.tiers.iter() {
            let Some(total) = t.subsidy.as_deref().and_then(dec) else { continue };
            for d in &district_choices {
                for &q in qianwan_choices {
                    let parts: Vec<Option<Decimal>> = self
                        .subsidy_split
                        .iter()
                        .filter(|s| s.applies(&t.id, q))
                        .filter_map(|s| s.amount_for(total, *d))
                        .collect();
                    if parts.is_empty() {
                        e(format!("subsidy_split: 档次 {} 没有任何分担项", t.id));
                    } else if parts.iter().all(Option::is_some) {
                        let sum: Decimal = parts.iter().flatten().sum();
                        if sum != total {
                            e(format!(
                                "subsidy_split: 档次 {}{} 各级分担合计 {sum} 不等于财政补助 {total}",
                                t.id,
                                d.map(|d| format!("（{d}）")).unwrap_or_default()
                            ));
                        }
                    }
                }
            }
        }
        let pct: Vec<Decimal> =
            self.assistance.split.iter().filter_map(|s| s.percent.as_deref().and_then(dec)).collect();
        if !pct.is_empty() && pct.iter().sum::<Decimal>() != Decimal::ONE_HUNDRED {
            e("assistance.split: 百分比合计不等于 100".to_string());
        }

        if let Some(n) = &self.assistance.nonlocal {
            if !["none", "hukou_place"].contains(&n.outcome.as_ref()) {
                e(format!("assistance.nonlocal.outcome 应为 none 或 hukou_place，现为 {}", n.outcome));
            }
        }
        if let Some(r) = &self.eligibility.referred {
            for s in r.schools.iter() {
                if !KNOWN_SCHOOLS.contains(&s.as_ref()) || s == "none" {
                    e(format!("eligibility.referred: 未知学校类别 {s}"));
                }
            }
        }
        if let Some(c) = &self.change {
            for (i, r) in c.rules.iter().enumerate() {
                let at = format!("change.rules[{i}]");
                for w in r.when.iter() {
                    if !CHANGE_KINDS.contains(&w.as_ref()) {
                        e(format!("{at}.when: 未知变化类别 {w}"));
                    }
                }
                for w in r.certified.iter() {
                    if !CHANGE_PERIODS.contains(&w.as_ref()) {
                        e(format!("{at}.certified: 未知时段 {w}"));
                    }
                }
                if r.registered.as_deref().is_some_and(|x| x != "in_window") {
                    e(format!("{at}.registered 只能是 in_window"));
                }
                if !["refund", "top_up", "keep", "none", "not_in_documents"].contains(&r.outcome.as_ref()) {
                    e(format!("{at}.outcome: 未知结果 {}", r.outcome));
                }
                if !["fee", "assistance_now", "difference", "zero", "unknown"].contains(&r.amount.as_ref()) {
                    e(format!("{at}.amount: 未知金额口径 {}", r.amount));
                }
            }
        }
        if let Some(y) = &self.yongningbao {
            validate_ynb(y, &ids, &seen, &mut e);
        }
        if errs.is_empty() {
            Ok(())
        } else {
            Err(errs)
        }
    }

    pub fn identity(&self, id: &str) -> Option<&Identity> {
        self.identities.iter().find(|i| i.id == id)
    }
}

impl Split {
    /// Whether this part applies to a tier and 前湾新区 status.
    pub fn applies(&self, tier: &str, qianwan: bool) -> bool {
        (self.tiers.is_empty() || self.tiers.iter().any(|t| t == tier)) && self.qianwan.is_none_or(|q| q == qianwan)
    }

    /// This part's amount of `total`: `None` when the part does not exist
    /// for the district (a "–" in the notice's table), `Some(None)` when the
    /// notice gives only a rule.
    pub fn amount_for(&self, total: Decimal, district: Option<&str>) -> Option<Option<Decimal>> {
        if self.whole {
            return Some(Some(total));
        }
        if let Some(p) = self.percent.as_deref().and_then(dec) {
            // × 0.01 is exact and avoids decimal division.
            return Some(Some(total * p * Decimal::new(1, 2)));
        }
        if let Some(a) = self.amount.as_deref().and_then(dec) {
            return Some(Some(a));
        }
        if self.by_district.is_empty() {
            return Some(None);
        }
        let d = district?;
        self.by_district.iter().find(|x| x.district == d).map(|x| dec(&x.amount))
    }
}

fn check_span(what: &str, span: &Span, e: &mut impl FnMut(String)) {
    match (ymd(&span.start), ymd(&span.end)) {
        (Some(a), Some(b)) if a <= b => {}
        (Some(_), Some(_)) => e(format!("{what}: 结束日 {} 早于开始日 {}", span.end, span.start)),
        _ => e(format!("{what}: 日期须为 YYYY-MM-DD：{} / {}", span.start, span.end)),
    }
}

fn validate_ynb(y: &Yongningbao, ids: &[&str], tiers: &[&str], e: &mut impl FnMut(String)) {
    check_span("yongningbao.enrollment", &y.enrollment, e);
    check_span("yongningbao.cover", &y.cover, e);
    if ymd(&y.reduced_born_on_or_after).is_none() {
        e("yongningbao.reduced_born_on_or_after 不是有效日期".to_string());
    }
    for p in [&y.premium_standard, &y.premium_reduced] {
        if dec(p).is_none_or(|v| v < Decimal::ZERO) {
            e(format!("yongningbao: 保费 {p} 不是非负数"));
        }
    }
    for t in y.reduced_tiers.iter() {
        if !tiers.contains(&t.as_ref()) {
            e(format!("yongningbao.reduced_tiers: 未知档次 {t}"));
        }
    }
    for h in y.how.iter() {
        if !["all", "employee"].contains(&h.when.as_ref()) {
            e(format!("yongningbao.how: when 应为 all 或 employee，现为 {}", h.when));
        }
    }
    for a in y.tier_assumptions.iter() {
        if !tiers.contains(&a.tier.as_ref()) {
            e(format!("yongningbao.tier_assumptions: 未知档次 {}", a.tier));
        }
    }
    for f in y.free.iter() {
        if !ids.contains(&f.id.as_ref()) {
            e(format!("yongningbao.free: 身份 {} 未在 identities 中定义", f.id));
        }
    }
    let mut seen: Vec<&str> = Vec::new();
    for r in y.payout.responsibilities.iter() {
        let at = format!("yongningbao.payout.{}", r.id);
        if !KNOWN_RESPONSIBILITIES.contains(&r.id.as_ref()) {
            e(format!("{at}: 未知保障责任 id"));
        }
        if seen.contains(&r.id.as_ref()) {
            e(format!("{at}: 重复"));
        }
        seen.push(r.id.as_ref());
        if r.slip.trim().is_empty() || r.slip_help.trim().is_empty() {
            e(format!("{at}: 须写明 slip 和 slip_help（金额在结算单或发票上的名称和位置）"));
        }
        if dec(&r.sum_insured).is_none_or(|v| v <= Decimal::ZERO) {
            e(format!("{at}: 保险金额须为正数"));
        }
        let mut prev_to: Option<Decimal> = None;
        let n = r.bands.len();
        if n == 0 {
            e(format!("{at}: 没有赔付分段"));
        }
        for (i, b) in r.bands.iter().enumerate() {
            let (from, to, rate) = (dec(&b.from), b.to.as_deref().map(dec), dec(&b.rate));
            let Some(from) = from else {
                e(format!("{at}: 分段起点 {} 不是数字", b.from));
                continue;
            };
            if !rate.is_some_and(|r| r >= Decimal::ZERO && r <= Decimal::ONE_HUNDRED) {
                e(format!("{at}: 赔付比例 {} 须在 0 到 100 之间", b.rate));
            }
            if from < Decimal::ZERO {
                e(format!("{at}: 分段起点为负"));
            }
            if let Some(p) = prev_to {
                if p != from {
                    e(format!("{at}: 分段不连续（{p} 之后从 {from} 开始）"));
                }
            }
            match to {
                Some(Some(t)) if t > from => prev_to = Some(t),
                Some(_) => e(format!("{at}: 分段 {from} 的终点须大于起点")),
                None if i + 1 == n => {}
                None => e(format!("{at}: 只有最后一段可以不设终点")),
            }
        }
        if r.bands.last().is_some_and(|b| b.to.is_some()) {
            e(format!("{at}: 最后一段须不设终点"));
        }
    }
    // Members of a shared pool must share their bands.
    for (i, a) in y.payout.responsibilities.iter().enumerate() {
        for b in y.payout.responsibilities.iter().skip(i + 1) {
            if a.pool.is_some() && a.pool == b.pool && a.bands != b.bands {
                e(format!("yongningbao.payout: {} 与 {} 同一累计池但分段不同", a.id, b.id));
            }
        }
    }
}
