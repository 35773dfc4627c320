//! The WASM layer: five functions over the core, nothing else.
//!
//! `quote(request)` takes the same request as `yibao quote` (a plain JS
//! object) and returns the same result; bad input throws an `Error` whose
//! `code`, `field` and `message` are set. `quoteText(request)` gives the same
//! answer as plain text. `quoteHousehold(request)` and `quoteHouseholdText`
//! do the same for a household (`yibao household`). `policies()` lists the
//! policy sets. (The types below also declare `version()`, the release,
//! which src/yibao.js adds.) Results cross to
//! JS as a tape (`tape.rs`, `tape.js`), not as JSON text.

use crate::tape::Tape;
use serde::Serialize;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &'static str = r#"
/**
 * A quote request: see the README for every field. Regions, districts,
 * sub-areas, identities and bill items are the policy sets' own ids: see
 * policies().
 */
export interface QuoteRequest extends QuoteContext, QuotePerson {}
/** The fields of a request about place and time (a household's members share them). */
export interface QuoteContext {
  region: string;
  benefit_year?: number | null;
  date?: string | null;
  district?: string | null;
  subarea?: string | null;
  /** A sub-area's request flag set to true (policies()[].subareas[].flag). */
  [flag: string]: unknown;
}
/** The fields of a request about the person (a household's members have them too). */
export interface QuotePerson {
  birth_date: string;
  hukou: "local" | "nonlocal";
  residence_permit?: boolean | null;
  school?: "none" | "primary_secondary" | "college" | null;
  employee_insurance?: boolean | null;
  identities?: string[] | null;
  newborn_parent?: { residence_permit?: boolean; employee_insurance_months?: number; insured_normal?: boolean } | null;
  bill?: QuoteBill | null;
  /** A change of status after registering; `identities` are those held now. */
  change?: { registered_on: string; identities_then: string[]; changed_on: string } | null;
  insured_elsewhere?: boolean | null;
}
export type Amount = number | string;
/** Amounts by responsibility id (policies()[].yongningbao.responsibilities). */
export interface BillAmounts { [responsibility: string]: Amount; }
/** A bill: amounts by responsibility, `counted_before`, and the part outside the plan's area under its `outside_field`. */
export interface QuoteBill { counted_before?: BillAmounts; /** The bill's date (YYYY-MM-DD): it chooses the plan year; without it, the date of the question does. */ date?: string | null; [key: string]: Amount | BillAmounts | null | undefined; }
export interface Step { text: string; source: string; }
export interface Split { payer: string; name: string; amount: string | null; rule: string; source: string; }
export type Channel = "automatic" | "assisted_fee" | "assisted_partial" | "school" | "newborn_bundle" | "offline_window" | "online_or_offline" | "residence_permit" | "referred" | "payment" | "continuation" | "note" | "government" | "purchase";
export interface Enrollment { start: string; end: string; status: "not_yet" | "open" | "closed" | null; source: string; channel: Channel | null; how: Step[]; }
export interface PayoutBand { from: string; to: string | null; rate: string; counted: string; amount: string; }
export interface PayoutItem { id: string; name: string; what: string; amount: string; outside_ningbo: string; counted_before: string; counted: string; deductible: string; bands: PayoutBand[]; cap: string; paid_before: string; cap_left: string; payout: string; capped: boolean; upper_bound: boolean; payout_low: string | null; working: string; source: string; }
export interface Payout { total: string; bill_total: string; own_share: string; upper_bound: boolean; total_low: string | null; own_share_high: string | null; items: PayoutItem[]; notes: string[]; source: string; rounding: string; plan_year: number | null; projected: boolean; cover: Span | null; }
export interface Span { start: string; end: string; source: string; condition: string | null; }
export interface Yongningbao { name: string; year: number; eligible: boolean; reason: string; premium: string | null; paid_by_government: boolean; to_pay: string | null; note: string | null; enrollment: Enrollment | null; cover: Span | null; waiting_period: Step | null; sources: { eligibility: string; premium: string; free: string }; benefits: Benefit[] | null; payout: Payout | null; payout_reason: string | null; }
/** A responsibility of the plan: deductible (the first band's start), bands with rates in percent, sum insured. */
export interface Benefit { id: string; name: string; deductible: string; bands: { from: string; to: string | null; rate: string }[]; sum_insured: string; source: string; }
/** What the person does next, where, and by when (null: nothing to do, or not yet known). */
export interface NextStep { text: string; by: string | null; source: string; }
/** The benefit year in force on the date of the question, where it is not the year answered. */
export interface InForce { benefit_year: number; period: Span | null; beyond_newest: boolean; text: string; source: string; }
/** Which notice the answer uses, against the date of the question. */
export interface AsOf { date: string | null; newest_benefit_year: number; beyond_newest: boolean; text: string; }
/** A policy set, as a result and policies() name it. */
export interface PolicyRef { id: string; region: string; region_name: string; region_note: string | null; benefit_year: number; document: string; document_title: string; issuer: string; document_date: string | null; }
export interface Quote {
  policy: PolicyRef;
  as_of: AsOf;
  next_step: NextStep | null;
  in_force: InForce | null;
  /** null where the notices refer the question to a document not on file. */
  eligible: boolean | null; reason: string; basis: Step | null; summary: string;
  tier: { id: string; name: string; source: string; subsidy_at_least: boolean } | null;
  personal_fee: string | null; ltc_fee: string | null; subsidy: string | null; assistance: string | null; to_pay: string | null; total_funding: string | null;
  subsidy_split: Split[]; assistance_split: Split[];
  benefit_year: number; benefit_period: Span;
  enrollment: Enrollment; yongningbao: Yongningbao | null;
  change: { outcome: "refund" | "top_up" | "keep" | "none" | "not_in_documents"; amount: string | null; reason: string; source: string } | null;
  info: Step[];
  sources: { eligibility: string | null; tier: string | null; personal_fee: string | null; ltc_fee: string | null; subsidy: string | null; assistance: string | null; benefit_period: string; enrollment: string };
  steps: Step[]; assumptions: { id: string; text: string }[]; notes: string[];
}
export interface Named { id: string; name: string; }
export interface PolicyInfo extends PolicyRef {
  enrollment: Span; benefit_period: Span; districts: Named[];
  subareas: { id: string; name: string; flag: string | null }[];
  identities: Named[]; schools: Named[]; tiers: Named[];
  yongningbao: { name: string; year: number; outside_field: string; outside_name: string; responsibilities: ResponsibilityInfo[] } | null;
}
export type Relation = "self" | "spouse" | "child" | "parent" | "grandparent" | "grandchild" | "sibling" | "other";
/** A household member: the person fields of a QuoteRequest, a name (shown back), the relation to the member "self", and, as a parent of a newborn member, its months of employee insurance and whether insured normally. */
export interface HouseholdMember extends QuotePerson {
  name?: string | null;
  relation: Relation;
  employee_insurance_months?: number | null;
  insured_normal?: boolean | null;
}
/** A household's request: the fields all members share, and 1 to 20 members. */
export interface HouseholdRequest extends QuoteContext { members: HouseholdMember[]; }
export interface HouseholdMemberResult {
  name: string | null; relation: Relation;
  /** The member in sentences: "张伟（本人）", or "第3位（子女）" without a name. */
  label: string;
  employee_insurance: boolean;
  /** The member's own answer: exactly quote() of its request. */
  quote: Quote;
  /** A newborn whose parent conditions came from the members "self" and "spouse": whose (by index into members), and whether they meet them. */
  newborn_parent: { member: number; met: boolean; text: string; source: string } | null;
}
/** Each total over the members it applies to (indices into members). */
export interface HouseholdTotals {
  resident: number[]; personal_fee: string; assistance: string; to_pay: string; subsidy: string;
  yongningbao: number[]; yongningbao_premium: string | null; yongningbao_to_pay: string | null;
  yongningbao_payout: string | null; yongningbao_payout_low: string | null;
  /** Members whose figure the notices do not give: left out of those totals. */
  not_included: { member: number; figures: ("personal_fee" | "assistance" | "to_pay" | "subsidy")[]; reason: string }[];
}
export interface HouseholdChannel { insurance: "resident" | "yongningbao"; channel: Channel; next: string | null; how: Step[]; members: number[]; }
export interface Household {
  policy: PolicyRef; as_of: AsOf; in_force: InForce | null; benefit_year: number;
  members: HouseholdMemberResult[];
  totals: HouseholdTotals;
  summary: string;
  enrollment: HouseholdChannel[];
  /** For each member in employee insurance: the members its account may buy the supplementary plan for. */
  accounts: { member: number; members: number[]; text: string; source: string }[];
  notes: string[]; assumptions: { id: string; text: string }[];
}
/** A 甬宁保 responsibility: `slip` is the amount's name on the settlement slip (or receipt), `slip_help` where to find it. */
export interface ResponsibilityInfo { id: string; name: string; slip: string; slip_help: string; }
/** Thrown by quote(), quoteText() and policies(): on bad input, with the code and field to correct; with code "internal" (and the original error as `cause`) for a call the module could not finish (a trap, a stack overflow): the next call runs on a fresh instance. */
export interface QuoteError extends Error { code: string; field: string; cause?: unknown; }
"#;

#[wasm_bindgen(module = "/src/tape.js")]
extern "C" {
    fn yibao_read_tape(
        memory: &JsValue,
        ops_at: *const u32,
        ops_len: usize,
        text_at: *const u8,
        text_len: usize,
    ) -> JsValue;
    fn yibao_flatten_request(
        memory: &JsValue,
        request: &JsValue,
        at: *mut f64,
        room: usize,
        text_at: *mut u8,
        text_room: usize,
    );
}

/// The value as a JS object: written as a tape (`tape.rs`) and read by
/// `tape.js` straight from this module's memory. The same object as
/// `JSON.parse` of the CLI's JSON.
fn to_js<T: Serialize>(v: &T) -> Result<JsValue, JsValue> {
    to_js_room(v, 1)
}

/// [`to_js`] with room for `quotes` answers' worth (a household's).
fn to_js_room<T: Serialize>(v: &T, quotes: usize) -> Result<JsValue, JsValue> {
    let t = Tape::with_room(v, quotes).map_err(|e| JsValue::from(js_sys::Error::new(&e.to_string())))?;
    Ok(yibao_read_tape(&wasm_bindgen::memory(), t.ops.as_ptr(), t.ops.len(), t.text.as_ptr(), t.text.len()))
}

fn js_error(e: &crate::Error) -> JsValue {
    let err = js_sys::Error::new(&e.message);
    let obj: &JsValue = err.as_ref();
    for (k, v) in [("code", e.code), ("field", e.field.as_str()), ("name", "QuoteError")] {
        // Setting a property on a fresh Error object cannot fail.
        let _ = js_sys::Reflect::set(obj, &JsValue::from_str(k), &JsValue::from_str(v));
    }
    err.into()
}

/// A JS request object, checked field by field as the CLI checks its JSON.
/// `tape.js` flattens it into this module's memory and one string
/// (`tape::read_request`); anything that is not request data (a function, a
/// symbol, a cycle, nesting deeper than eight levels, a getter that throws)
/// is an `invalid_type` error, and a request over the CLI's size limit
/// (`request::MAX_REQUEST_BYTES` as JSON text) its `too_large` error.
fn read_request(js: &JsValue) -> Result<crate::Request, crate::Error> {
    read_value(js, 1, crate::request::from_value)
}

/// A JS request object as `read` reads its [`crate::request::Value`] (a
/// quote's or a household's request, with room for `persons`).
fn read_value<T>(
    js: &JsValue,
    persons: usize,
    read: impl Fn(&crate::request::Value<'_>) -> Result<T, crate::Error>,
) -> Result<T, crate::Error> {
    let bad = || {
        crate::Error::new(
            "invalid_type",
            "",
            "请求中含有无法读取的数据（只能是对象、数组、字符串、数字、布尔值或 null）。",
        )
    };
    // Room for a typical request; a larger one says how much it needs.
    let mut codes = vec![0.0f64; 64 * persons];
    let mut text = vec![0u8; 256 * persons];
    for _ in 0..2 {
        yibao_flatten_request(
            &wasm_bindgen::memory(),
            js,
            codes.as_mut_ptr(),
            codes.len(),
            text.as_mut_ptr(),
            text.len(),
        );
        let (need, bytes) = match codes.get(..2) {
            Some(&[need, bytes]) if (2.0..=MAX_CODES).contains(&need) => (need as usize, bytes),
            _ => return Err(bad()),
        };
        let fits = need <= codes.len() && bytes >= 0.0;
        if fits {
            let flat = codes.get(2..need).ok_or_else(bad)?;
            if flat == [crate::tape::REQUEST_TOO_LARGE] {
                return Err(crate::request::too_large());
            }
            let text = text.get(..bytes as usize).and_then(|t| std::str::from_utf8(t).ok()).ok_or_else(bad)?;
            let v = crate::tape::read_request(flat, text).ok_or_else(bad)?;
            return read(&v);
        }
        codes.resize(need.max(codes.len()), 0.0);
        if bytes < 0.0 {
            // At most 3 bytes a UTF-16 unit, and no more than the request
            // takes as JSON.
            text.resize((-bytes).min(MAX_BYTES) as usize, 0);
        }
    }
    Err(bad())
}

const MAX_BYTES: f64 = crate::request::MAX_REQUEST_BYTES as f64;
/// The most numbers a flattened request within the limit takes: about one
/// a byte of its JSON, at most (a real one takes about fifty).
const MAX_CODES: f64 = MAX_BYTES + 8.0;

/// Answers one request. Throws an `Error` with `code`, `field`, `message`.
#[wasm_bindgen(skip_typescript)]
pub fn quote(request: JsValue) -> Result<JsValue, JsValue> {
    let q = read_request(&request).and_then(|r| crate::quote(&r));
    match q {
        Ok(q) => to_js(&q),
        Err(e) => Err(js_error(&e)),
    }
}

/// Answers one request as the plain-text summary (`yibao quote --format
/// text`). Throws like `quote`.
#[cfg(feature = "text")]
#[wasm_bindgen(js_name = quoteText, skip_typescript)]
pub fn quote_text(request: JsValue) -> Result<String, JsValue> {
    read_request(&request).and_then(|r| crate::quote_text(&r)).map_err(|e| js_error(&e))
}

/// Answers a household (the request of `yibao household`). Throws like
/// `quote`, with the field's path into the member (`members[2].birth_date`).
#[cfg(feature = "household")]
#[wasm_bindgen(js_name = quoteHousehold, skip_typescript)]
pub fn quote_household(request: JsValue) -> Result<JsValue, JsValue> {
    match read_value(&request, HOUSEHOLD_ROOM, crate::household::from_value).and_then(crate::household) {
        Ok(h) => to_js_room(&h, h.members.len()),
        Err(e) => Err(js_error(&e)),
    }
}

/// A household's answer as plain text (`yibao household --format text`).
#[cfg(feature = "household")]
#[wasm_bindgen(js_name = quoteHouseholdText, skip_typescript)]
pub fn quote_household_text(request: JsValue) -> Result<String, JsValue> {
    read_value(&request, HOUSEHOLD_ROOM, crate::household::from_value)
        .and_then(crate::household_text)
        .map_err(|e| js_error(&e))
}

/// Room for a household request of about this many persons (a larger one
/// says how much it needs, and is read again).
#[cfg(feature = "household")]
const HOUSEHOLD_ROOM: usize = 12;

/// Lists the policy sets.
#[wasm_bindgen(skip_typescript)]
pub fn policies() -> Result<JsValue, JsValue> {
    to_js(&crate::policies())
}

#[wasm_bindgen(typescript_custom_section)]
const TS_FNS: &'static str = r#"
/** Answers one request; throws a QuoteError on bad input. */
export function quote(request: QuoteRequest): Quote;
/** The same answer as plain text, one fact a line (what "复制结果" copies and `yibao quote --format text` prints); throws like quote(). */
export function quoteText(request: QuoteRequest): string;
/** Answers a household (every member, the totals, who enrols where); throws a QuoteError on bad input, its field a path into the member (`members[2].birth_date`). */
export function quoteHousehold(request: HouseholdRequest): Household;
/** The same household answer as plain text (`yibao household --format text`); throws like quoteHousehold(). */
export function quoteHouseholdText(request: HouseholdRequest): string;
/** Lists the policy sets. */
export function policies(): PolicyInfo[];
/** The release, as in package.json ("0.1.0"); policies() lists the notices it carries. (src/yibao.js's, not the module's: no bytes in the .wasm.) */
export function version(): string;
"#;

#[global_allocator]
static TALC: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();
