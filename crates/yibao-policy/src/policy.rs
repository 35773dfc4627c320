//! The policy data model: one [`Policy`] per region and benefit year.
//!
//! The files in `policies/` are TOML in exactly this shape. `build.rs` reads
//! them with this model's own deserializers, runs [`Policy::validate`], and
//! compiles them into Rust, so nothing is parsed at run time and a broken
//! file fails the build, not the page (`yibao policy check FILE` runs the
//! same checks on one file and names each problem's line).
//!
//! Values are typed as they are read: money is [`Money`] (a decimal string in
//! the file, `"110.8"`, never a TOML float; whole fen), dates are [`Date`]s
//! (`"YYYY-MM-DD"`), rates [`Rate`]s (a percent, `"30"`), and the words with
//! a meaning to the engine are enums ([`Assistance`], [`Channel`],
//! [`Category`], [`School`] …). Everything a region's notice says in its own
//! words, the engine takes from here: no region's name, id or wording is in
//! the code.
//!
//! Every value that comes from a notice carries `source`: the document
//! number plus the clause's heading path, e.g. `余政办发〔2023〕80号 二(一)3(1)`.
//! Every value that the notices do not give is an [`Assumption`], and
//! results that rely on it list it.
//!
//! This file is what a policy file says: the types and the small readings
//! of them the engine asks (`Policy::identity`, `Split::applies` …). The
//! checks of a file's meaning are `policy_check.rs` ([`Policy::validate`]).
//! yibao's `build.rs` reads and checks the files with them (this crate is
//! its build-dependency), so they use only `date`, `money`, `words`, `serde`
//! and `chrono`.

use crate::date::Date;
use crate::money::{Money, Rate};
use serde::{Deserialize, Serialize};

pub use crate::words::{List, Text};

/// The keys of a quote request (see the README): a sub-area's `flag` may
/// not be one of them.
pub const REQUEST_KEYS: &[&str] = &[
    "region",
    "benefit_year",
    "date",
    "district",
    "subarea",
    "birth_date",
    "hukou",
    "residence_permit",
    "school",
    "employee_insurance",
    "identities",
    "newborn_parent",
    "bill",
    "change",
    "insured_elsewhere",
];

/// A text with the clause it comes from.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify), tsify(missing_as_null))]
#[serde(deny_unknown_fields)]
pub struct Clause {
    pub text: Text,
    pub source: Text,
}

/// A value the notices do not give, with the reason it was chosen.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify), tsify(missing_as_null))]
#[serde(deny_unknown_fields)]
pub struct Assumption {
    pub id: Text,
    pub text: Text,
}

/// The notice a policy set is built from.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Document {
    /// Document number, e.g. `余政办发〔2023〕80号`; for a text without a
    /// header, a short description that says so.
    pub number: Text,
    pub title: Text,
    pub issuer: Text,
    /// Date of issue; absent when the text has none.
    pub date: Option<Date>,
    /// File in `shared/seeds/` the text was read from.
    pub seed: Text,
}

/// A dated span (both ends inclusive) with its clause.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify), tsify(missing_as_null))]
#[serde(deny_unknown_fields)]
pub struct Span {
    pub start: Date,
    pub end: Date,
    pub source: Text,
    /// Who the span is for, where the notice makes it conditional (e.g.
    /// benefits only for those who paid within the window).
    #[serde(default)]
    pub condition: Option<Text>,
}

/// The school answers of the request (`school`).
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum School {
    /// Not in full-time education (or not at a school in this city).
    None,
    /// Primary, secondary, vocational or special schools.
    PrimarySecondary,
    /// Colleges and universities.
    College,
}

impl School {
    /// Every answer, as the request writes it.
    pub const ALL: [(School, &'static str); 3] =
        [(School::None, "none"), (School::PrimarySecondary, "primary_secondary"), (School::College, "college")];

    pub fn id(self) -> &'static str {
        match self {
            School::None => "none",
            School::PrimarySecondary => "primary_secondary",
            School::College => "college",
        }
    }

    pub fn from_id(s: &str) -> Option<School> {
        School::ALL.iter().find(|(_, id)| *id == s).map(|(x, _)| *x)
    }
}

/// Who may join resident insurance, in the order the engine checks.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
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
    /// Where the notice grants local residents no eligibility in words (it
    /// is read from a target): the reading, listed with every local answer.
    pub local_assumption: Option<Assumption>,
}

#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct StudentRule {
    pub schools: List<School>,
    pub text: Text,
    pub source: Text,
}

#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
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
    /// The group in the notice's words ("0-6个月新生儿"), as answers say it.
    pub term: Text,
    pub text: Text,
    pub source: Text,
    /// How "0-6个月" is read.
    pub assumption: Assumption,
}

#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct LocalNewbornRule {
    /// Oldest age in whole months (inclusive) at the date of the question.
    pub max_months: u32,
    /// Why this age: the notice does not say.
    pub assumption: Assumption,
}

#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ReferredRule {
    /// School answers the reference concerns.
    pub schools: List<School>,
    /// What the notice says, and that the other document is not on file.
    pub text: Text,
    /// The answer for a person whose eligibility only the other document
    /// could settle (non-local, no residence permit).
    pub undecided: Text,
    pub source: Text,
}

/// How age is measured for the tiers.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct AgeRule {
    pub text: Text,
    /// The day ages are counted on, in this set's benefit year; absent where
    /// the fee does not depend on age (one tier for all ages).
    pub on: Option<Date>,
    /// Present when the notices give no age boundaries.
    pub assumption: Option<Assumption>,
}

/// A fee tier. A tier matches by school (any age) or by age range
/// `[min_age, max_age)` in whole years.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Tier {
    pub id: Text,
    pub name: Text,
    pub min_age: Option<u32>,
    pub max_age: Option<u32>,
    #[serde(default)]
    pub schools: List<School>,
    /// Annual personal fee (个人缴费); absent when the notices do not give it.
    pub personal_fee: Option<Money>,
    /// Government subsidy per person (财政补助).
    pub subsidy: Option<Money>,
    /// Part of the personal fee that goes to long-term-care insurance.
    pub ltc_fee: Option<Money>,
    /// 合计 as printed in the notice, when it prints one (checked).
    pub total: Option<Money>,
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

impl Tier {
    /// Whether a person of this age (not matched by school) is in the tier.
    pub fn holds_age(&self, age: u32) -> bool {
        self.min_age.is_some_and(|lo| lo <= age) && self.max_age.is_none_or(|hi| age < hi)
    }
}

/// One payer's part of a subsidy or of assistance.
///
/// The amount is, in order: `whole` (the whole total), `percent` of the
/// total, the `amount` given, this district's entry in `by_district`; with
/// none of these the part is a rule without a number (`amount: null`).
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Split {
    pub payer: Text,
    pub name: Text,
    pub rule: Text,
    pub source: Text,
    #[serde(default)]
    pub whole: bool,
    pub percent: Option<Rate>,
    pub amount: Option<Money>,
    #[serde(default)]
    pub by_district: List<DistrictAmount>,
    /// Tiers this part applies to; empty means all.
    #[serde(default)]
    pub tiers: List<Text>,
    /// Only for residents of this sub-area.
    pub subarea: Option<Text>,
    /// Only for residents outside every sub-area.
    #[serde(default)]
    pub outside_subareas: bool,
}

#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct DistrictAmount {
    pub district: Text,
    pub amount: Money,
}

/// A district the request chooses (`district`), as the notice's table
/// grades it.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct District {
    pub id: Text,
    pub name: Text,
    pub grade: Text,
}

/// A part of the region with its own rules for some figure (慈溪's 前湾新区
/// bears its own share of the subsidy). The request names it by `subarea`,
/// or by its `flag` set to true (`"qianwan": true`).
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Subarea {
    pub id: Text,
    pub name: Text,
    /// A request key that, set to true, means this sub-area.
    pub flag: Option<Text>,
    /// A reading the assistance split needs for residents of the sub-area.
    pub assistance_assumption: Option<Assumption>,
}

/// What an identity gives towards the personal fee.
#[derive(Debug, Clone, Copy, Serialize, PartialEq)]
#[serde(rename_all = "snake_case")]
pub enum Assistance {
    /// The whole personal fee.
    Full,
    /// A fixed amount (never more than the fee).
    Fixed(Money),
}

/// `"full"` or a decimal string (`"250"`).
impl<'de> Deserialize<'de> for Assistance {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        if s == "full" {
            return Ok(Assistance::Full);
        }
        match crate::money::parse_fen(&s) {
            Some(v) if v > 0 => Ok(Assistance::Fixed(Money::from_fen(v))),
            _ => Err(serde::de::Error::custom(format!("assistance 应为 \"full\" 或正数金额字符串，现为 “{s}”"))),
        }
    }
}

/// One answer to the request's `school`, in the words the page offers it.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct SchoolChoice {
    pub id: School,
    pub name: Text,
}

/// An identity status the policy set defines (the request's `identities`).
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Identity {
    pub id: Text,
    pub name: Text,
    /// Absent: no resident-insurance assistance (the id exists for 甬宁保).
    pub assistance: Option<Assistance>,
    pub source: Text,
    /// The notice gives the amount for a period that ends, or lowers it on a
    /// schedule: after `last_year` it is only an upper bound.
    pub assistance_until: Option<AssistanceUntil>,
    /// The notice refers this group's enrolment to a document not on file:
    /// why its answer cannot say (eligibility is then unknown).
    pub referred: Option<Text>,
    /// The notice has this group enrolled at any time, outside the window
    /// (the set's `any_time` rule says how).
    #[serde(default)]
    pub any_time: bool,
}

/// Up to which benefit year an identity's assistance is known, and why.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct AssistanceUntil {
    pub last_year: i32,
    /// Why a later year's amount is not known, in the notice's words.
    pub text: Text,
}

/// How several assisted identities of one person combine.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Combine {
    /// The single highest amount, not the sum (就高不重复).
    Highest,
    /// Any assisted identity covers the whole fee.
    FullForAny,
}

#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct CombineRule {
    pub rule: Combine,
    pub text: Text,
    pub source: Text,
}

/// What a non-local person of an assisted group gets.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum NonlocalOutcome {
    /// No assistance from this city: the person pays the fee.
    NoAssistance,
    /// Assistance from the place of household registration, at its
    /// standard, which the notice does not give.
    HukouPlace,
}

#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct NonlocalAssistance {
    pub outcome: NonlocalOutcome,
    pub text: Text,
    /// What the answer says to such a person, in one clause of a sentence.
    pub said: Text,
    pub source: Text,
    /// Present when the notice implies the rule rather than stating it.
    pub assumption: Option<Assumption>,
}

#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct AssistanceRule {
    /// Present when this set's assistance is for local household
    /// registration only: what a non-local person in an assisted group gets.
    pub nonlocal: Option<NonlocalAssistance>,
    /// When a fixed amount of assistance arrives, as the answer's sentence
    /// says it (e.g. "当月参保、次月资助").
    pub partial_note: Option<Text>,
    pub combine: CombineRule,
    #[serde(default)]
    pub split: List<Split>,
    /// A local assisted person insured in another place's resident
    /// insurance: who assists them, at which standard.
    pub elsewhere: Option<Clause>,
}

/// A fact of the notice, shown to everyone or only to the categories named.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Info {
    pub text: Text,
    pub source: Text,
    /// Shown only to a person of one of these categories; empty: to all.
    #[serde(default)]
    pub when: List<Category>,
}

/// A person category that selects enrolment instructions.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    AssistedFull,
    AssistedPartial,
    Student,
    College,
    LocalNewborn,
    NonlocalNewborn,
    ResidencePermit,
    Local,
    /// Everyone who may join.
    All,
}

/// An enrolment channel, as results name it (`enrollment.channel`).
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify), tsify(missing_as_null))]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    /// The government enrols the person (无需个人操作).
    Automatic,
    /// The fee is paid by the government; registration as for others.
    AssistedFee,
    AssistedPartial,
    School,
    NewbornBundle,
    OfflineWindow,
    OnlineOrOffline,
    ResidencePermit,
    /// Another document decides (not on file).
    Referred,
    /// How to pay: not shown to someone with nothing to pay.
    Payment,
    /// Enrolment continues from last year: never the person's channel.
    Continuation,
    /// A remark, not a channel.
    Note,
    /// 甬宁保: the government buys it for the person.
    Government,
    /// 甬宁保: bought by the person (or for them).
    Purchase,
}

/// Enrolment instructions for some person categories.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct HowRule {
    pub when: List<Category>,
    pub channel: Channel,
    pub text: Text,
    pub source: Text,
    /// The next step as the answer's sentence says it ("可通过…办理"). The
    /// first rule that applies and has one gives the person's channel.
    pub next: Option<Text>,
    /// When this rule applies, no other rule does (e.g. 无需个人操作).
    #[serde(default)]
    pub exclusive: bool,
    /// The next step (what, and where) as the answer's first sentence says
    /// it, in the notice's words, with its clauses; absent: `next` and the
    /// rule's `source` (`today.rs` adds when).
    pub step: Option<Clause>,
}

/// A kind of change of assisted status.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    /// Not assisted when registering, assisted now.
    BecameAssisted,
    LeftAssisted,
    /// Assisted both times, the amount now higher.
    ClassUp,
    ClassDown,
}

/// When a new status was certified, against the window and the benefit year.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum ChangePeriod {
    ByWindowEnd,
    /// After the window, before the benefit year.
    BeforeBenefitYear,
    InBenefitYear,
    AfterBenefitYear,
}

/// What a change of status does (the result's `change.outcome`).
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify), tsify(missing_as_null))]
#[serde(rename_all = "snake_case")]
pub enum ChangeOutcome {
    Refund,
    TopUp,
    Keep,
    None,
    NotInDocuments,
}

/// What the money moving to the person is.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum AmountBasis {
    /// The personal fee paid.
    Fee,
    /// The assistance now due.
    AssistanceNow,
    /// Now − then.
    Difference,
    Zero,
    Unknown,
}

/// What happens when a person's assisted status changes after they
/// registered, as the notice rules it. The first rule that matches applies;
/// a change no rule matches is one the notice does not settle.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ChangeRules {
    pub rules: List<ChangeRule>,
}

#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ChangeRule {
    pub when: List<ChangeKind>,
    /// Only if the person registered within the window.
    #[serde(default)]
    pub registered_in_window: bool,
    /// When the new status was certified; empty: any time.
    #[serde(default)]
    pub certified: List<ChangePeriod>,
    pub outcome: ChangeOutcome,
    pub amount: AmountBasis,
    /// The rule in the notice's words.
    pub text: Text,
    pub source: Text,
}

/// A person whose age moves them into another tier this benefit year.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct AgeBandRule {
    pub text: Text,
    /// What must be done, as the answer's sentence says it.
    pub next: Text,
    pub source: Text,
}

/// 天一甬宁保, where the policy set includes it.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Yongningbao {
    pub name: Text,
    pub year: i32,
    pub eligibility: Clause,
    pub premium_standard: Money,
    pub premium_reduced: Money,
    /// Born on or after this day pays the reduced premium.
    pub reduced_born_on_or_after: Date,
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
    /// Assumption: employee insurance in this region is the plan's.
    pub employee_assumption: Assumption,
    pub payout: Payout,
}

#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct FreeIdentity {
    pub id: Text,
    /// The notice's own term, e.g. `散居孤儿`.
    pub term: Text,
    /// Present when the term is narrower than the identity.
    pub assumption: Option<Assumption>,
}

#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct TierAssumption {
    pub tier: Text,
    pub assumption: Assumption,
}

/// Who a way of buying 甬宁保 is for.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum YnbWho {
    All,
    /// A person in employee insurance.
    Employee,
}

/// One way to buy 甬宁保.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct YnbHow {
    pub when: YnbWho,
    pub text: Text,
    pub source: Text,
    /// The relatives (from the buyer's side) for whom a member of employee
    /// insurance may buy the plan this way, besides themselves (80号
    /// 二(二)4(1): 配偶、子女、父母, from the 个人历年账户). A household
    /// answer names the members these are.
    #[serde(default)]
    pub account_for: List<Kin>,
}

/// A relative, as seen from one person (a household names its members by
/// their relation to one member, `self`; see `household.rs`).
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Kin {
    Spouse,
    Child,
    Parent,
    Grandparent,
    Grandchild,
    Sibling,
}

#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Payout {
    pub source: Text,
    /// How the table is read (amounts, deductible and bands per pool).
    pub reading: Assumption,
    /// The request key under `bill` for the part of each amount spent
    /// outside the plan's area, where the plan counts it differently.
    pub outside_field: Text,
    /// Where that part was spent, as the page names it (`宁波市外`).
    pub outside_name: Text,
    pub outside_assumption: Assumption,
    /// Said of a responsibility whose outside part counts in full:
    /// `{amount}` is the amount.
    pub outside_in_full: Text,
    pub rounding: Text,
    /// The rule `rounding` states: how each band's amount becomes whole fen.
    pub round: crate::money::Rounding,
    /// One entry per responsibility: its id is its key in the request's
    /// `bill`.
    pub responsibilities: List<Responsibility>,
}

#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Responsibility {
    pub id: Text,
    pub name: Text,
    pub what: Text,
    pub sum_insured: Money,
    /// Consecutive bands; the first band's `from` is the deductible.
    pub bands: List<Band>,
    /// Responsibilities with the same pool share one cumulative amount,
    /// deductible and bands; absent: the responsibility is its own pool.
    pub pool: Option<Text>,
    /// The row says costs outside the plan's area count at ratios of a plan
    /// that is not among the documents.
    pub outside_ratio_unknown: bool,
    pub source: Text,
    /// The amount's name where a resident finds it (the settlement slip's
    /// column, e.g. `个人自付`, or the receipt it is on), for the page.
    pub slip: Text,
    /// Where on which slip or receipt that amount is printed.
    pub slip_help: Text,
}

#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify), tsify(missing_as_null))]
#[serde(deny_unknown_fields)]
pub struct Band {
    pub from: Money,
    pub to: Option<Money>,
    pub rate: Rate,
}

/// One policy set: a region and a benefit year.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
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
    #[serde(default)]
    pub subareas: List<Subarea>,
    pub subsidy_split: List<Split>,
    pub identities: List<Identity>,
    /// The school answers (each of `School::ALL` once), as the page offers them.
    pub schools: List<SchoolChoice>,
    pub assistance: AssistanceRule,
    pub enroll_how: List<HowRule>,
    /// Other facts of the notice worth showing (e.g. 大病保险 90元).
    #[serde(default)]
    pub info: List<Info>,
    /// How the groups marked `any_time` are enrolled outside the window.
    pub any_time: Option<Clause>,
    /// Refunds, top-ups and assistance kept when a status changes; absent
    /// where the notice has no such rules.
    pub change: Option<ChangeRules>,
    /// What a person crossing an age band must do.
    pub age_band_change: Option<AgeBandRule>,
    pub yongningbao: Option<Yongningbao>,
    /// A supplementary plan the notice names without its terms (a target,
    /// no premium, no cover): the answer names it and says why no figures.
    pub yongningbao_target: Option<YnbTarget>,
    /// The year in force, in the notice's words (`today.rs`); absent: the
    /// notice says neither what a year gives nor how to join later.
    #[serde(default)]
    pub today: Option<Today>,
}

/// What a benefit year gives and how to join outside its window, in the
/// notice's own words; `today.rs` puts them into sentences with the dates.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Today {
    /// What the benefit year gives those enrolled in its window, where the
    /// notice says (e.g. the outpatient limit); absent: it does not say.
    pub covers: Option<Clause>,
    /// What the notice says about joining outside the window; absent:
    /// nothing (the answer says so).
    pub outside_window: Option<Clause>,
}

/// A supplementary plan a notice names only as a target.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct YnbTarget {
    pub name: Text,
    /// Why the answer has no premium and no benefits, with what points
    /// elsewhere (another notice's word, not this one's).
    pub reason: Text,
    pub source: Text,
}

impl Policy {
    pub fn identity(&self, id: &str) -> Option<&Identity> {
        self.identities.iter().find(|i| i.id == id)
    }

    pub fn subarea(&self, id: &str) -> Option<&Subarea> {
        self.subareas.iter().find(|s| s.id == id)
    }
}

impl Split {
    /// Whether this part applies to a tier and the person's sub-area.
    pub fn applies(&self, tier: &str, subarea: Option<&str>) -> bool {
        let place = match (&self.subarea, subarea) {
            (Some(a), Some(b)) => a == b,
            (Some(_), None) => false,
            (None, Some(_)) => !self.outside_subareas,
            (None, None) => true,
        };
        (self.tiers.is_empty() || self.tiers.iter().any(|t| t == tier)) && place
    }

    /// This part's amount of `total`: `None` when the part does not exist
    /// for the district (a "–" in the notice's table), `Some(None)` when the
    /// notice gives only a rule.
    pub fn amount_for(&self, total: Money, district: Option<&str>) -> Option<Option<Money>> {
        if self.whole {
            return Some(Some(total));
        }
        if let Some(p) = &self.percent {
            return Some(Some(p.of(total)));
        }
        if let Some(a) = self.amount {
            return Some(Some(a));
        }
        if self.by_district.is_empty() {
            return Some(None);
        }
        let d = district?;
        self.by_district.iter().find(|x| x.district == d).map(|x| Some(x.amount))
    }
}
