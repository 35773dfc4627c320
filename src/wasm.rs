//! The WASM layer: five functions over the core, nothing else.
//!
//! `quote(request)` takes the same request as `yibao quote` (a plain JS
//! object) and returns the same result; bad input throws an `Error` whose
//! `code`, `field` and `message` are set. `quoteText(request)` gives the same
//! answer as plain text. `quoteHousehold(request)` and `quoteHouseholdText`
//! do the same for a household (`yibao household`). `policies()` lists the
//! policy sets. (The types below also declare `version()`, the release,
//! which src/yibao.js adds.)
//!
//! Requests and answers cross as JSON text: src/yibao.js copies the
//! caller's object within bounds and `JSON.stringify`s it; the request is
//! read by the CLI's own reader (`request::from_json`), and the answer
//! written by serde_json and handed back through `JSON.parse`. One reader
//! and one writer for both hosts, so the page and the CLI cannot differ
//! (why not serde-wasm-bindgen: docs/decisions-boundary.md).

use serde::Serialize;
use wasm_bindgen::prelude::*;

/// The types the Rust types name but do not derive, and the requests'
/// keys whose names are data (a sub-area's flag, a bill's responsibility
/// ids). The rest of the .d.ts is derived from the Rust types
/// (`#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify), tsify(missing_as_null))]`).
#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &'static str = r#"
/** An amount of money in yuan with two decimals, "780.00". */
export type Money = string;
/** A rate as written in the notice, "60". */
export type Rate = string;
/** Words of an answer or of a policy file. */
export type Text = string;
/** A day, "2023-11-01". */
export type Date = string;
export type List<T> = T[];
/** A step of the reasoning, with its clause. */
export type Step = Clause;
export type Period = Span;
/** A payout item's part spent outside the plan's area, under the name the plan gives it (policies()[].yongningbao.outside_field): a Money. */
export interface Outside { [outside_field: string]: unknown; }
/** An amount in a request: a number of yuan, or its text ("12000.50"). */
export type Amount = number | string;
/** Amounts by responsibility id (policies()[].yongningbao.responsibilities). */
export interface BillAmounts { [responsibility: string]: Amount | null | undefined; }
/** A bill: amounts by responsibility, `counted_before`, and the part outside the plan's area under its `outside_field`. */
export interface Bill {
  counted_before?: BillAmounts | null;
  /** The bill's date (YYYY-MM-DD): it chooses the plan year; without it, the date of the question does. */
  date?: string | null;
  [key: string]: Amount | BillAmounts | null | undefined;
}
/** A quote request: the place and time, the person, and a sub-area's request flag set to true (policies()[].subareas[].flag). */
export type QuoteRequest = Context & Person & { [flag: string]: unknown };
/** A household member: a person, a name (shown back), the relation to the member "self", and, as a parent of a newborn member, its months of employee insurance and whether insured normally. */
export type HouseholdMember = Person & {
  name?: string | null;
  relation: Relation;
  employee_insurance_months?: number | null;
  insured_normal?: boolean | null;
};
/** A household's request: the fields all members share, and 1 to 20 members. */
export type HouseholdRequest = Context & { members: HouseholdMember[]; [flag: string]: unknown };
/** Thrown by quote(), quoteText() and policies(): on bad input, with the code and field to correct; with code "internal" (and the original error as `cause`) for a call the module could not finish (a trap, a stack overflow): the next call runs on a fresh instance. */
export interface QuoteError extends Error { code: Code | "internal"; field: string; cause?: unknown; }
"#;

/// The answer as JSON text, the CLI's (compact): src/yibao.js hands
/// JavaScript `JSON.parse` of it, so an answer is a plain object, exactly
/// the CLI's JSON.
fn to_json<T: Serialize>(v: &T) -> Result<String, JsValue> {
    serde_json::to_string(v).map_err(|e| JsValue::from(js_sys::Error::new(&e.to_string())))
}

fn js_error(e: &crate::Error) -> JsValue {
    let err = js_sys::Error::new(&e.message);
    let obj: &JsValue = err.as_ref();
    for (k, v) in [("code", e.code.as_str()), ("field", e.field.as_str()), ("name", "QuoteError")] {
        // Setting a property on a fresh Error object cannot fail.
        let _ = js_sys::Reflect::set(obj, &JsValue::from_str(k), &JsValue::from_str(v));
    }
    err.into()
}

/// The error `src/yibao.js` throws for a request it would not hand over:
/// over the size limit (`too_large`, as the CLI's), or not request data (a
/// function, a symbol, a cycle, nesting deeper than eight levels, a getter
/// that throws). Its words are here, with every other error's.
#[wasm_bindgen(js_name = __yibao_refused, skip_typescript)]
pub fn refused(too_large: bool) -> JsValue {
    let e = if too_large {
        crate::request::too_large()
    } else {
        crate::Error::new(
            crate::error::Code::InvalidType,
            "",
            "请求中含有无法读取的数据（只能是对象、数组、字符串、数字、布尔值或 null）。",
        )
    };
    js_error(&e)
}

/// Answers one request (JSON text; the answer as JSON text). Throws an
/// `Error` with `code`, `field`, `message`.
#[wasm_bindgen(skip_typescript)]
pub fn quote(request: &str) -> Result<String, JsValue> {
    let q = crate::request::from_json(request).and_then(|r| crate::quote(&r));
    match q {
        Ok(q) => to_json(&q),
        Err(e) => Err(js_error(&e)),
    }
}

/// Answers one request as the plain-text summary (`yibao quote --format
/// text`). Throws like `quote`.
#[cfg(feature = "text")]
#[wasm_bindgen(js_name = quoteText, skip_typescript)]
pub fn quote_text(request: &str) -> Result<String, JsValue> {
    crate::request::from_json(request).and_then(|r| crate::quote_text(&r)).map_err(|e| js_error(&e))
}

/// Answers a household (the request of `yibao household`). Throws like
/// `quote`, with the field's path into the member (`members[2].birth_date`).
#[cfg(feature = "household")]
#[wasm_bindgen(js_name = quoteHousehold, skip_typescript)]
pub fn quote_household(request: &str) -> Result<String, JsValue> {
    match crate::household::from_json(request).and_then(crate::household) {
        Ok(h) => to_json(&h),
        Err(e) => Err(js_error(&e)),
    }
}

/// A household's answer as plain text (`yibao household --format text`).
#[cfg(feature = "household")]
#[wasm_bindgen(js_name = quoteHouseholdText, skip_typescript)]
pub fn quote_household_text(request: &str) -> Result<String, JsValue> {
    crate::household::from_json(request).and_then(crate::household_text).map_err(|e| js_error(&e))
}

/// Lists the policy sets.
#[wasm_bindgen(skip_typescript)]
pub fn policies() -> Result<String, JsValue> {
    to_json(&crate::policies())
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
/** The release, as in package.json ("0.2.0"); policies() lists the notices it carries. (src/yibao.js's, not the module's: no bytes in the .wasm.) */
export function version(): string;
"#;

#[global_allocator]
static TALC: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();
