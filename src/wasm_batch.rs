//! The lists of village staff in the page (`www/batch.html`): the WASM
//! module of the `batch` feature, which its worker (`www/js/batch-worker.js`)
//! loads. [`Batch`] is [`crate::batch::Steps`]: the list's text in (the
//! worker decodes the file's bytes as `yibao batch` does), the answers' CSV
//! out a few rows at a time, the same bytes as the CLI's; the rows the page
//! shows as cells, and the totals. Nothing here is in the calculator's
//! modules.

use crate::batch::{Kept, Steps, Summary};
use crate::money::Money;
use js_sys::Array;
use serde::Serialize;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TS_BATCH: &'static str = r#"
/** A row the page shows: its number in the file (the header is row 1), the field of its error (a request field such as `birth_date`, or the column's name) or null, its cells (the input's, then the answer's columns). */
export interface BatchRow { row: number; error: string | null; cells: string[]; }
/** What the rows answered so far add up to; amounts in yuan with two decimals. */
export interface BatchSummary {
  rows: number; answered: number; errors: number; not_eligible: number; assisted: number;
  /** Persons by tier name, in the order first seen. */
  by_tier: [string, number][];
  personal_fee: string; assistance: string; to_pay: string;
  yongningbao_premium: string; yongningbao_to_pay: string; yongningbao_payout: string;
  /** Cells with a character the file's encoding did not give (shown as "�"), and which, in a sentence; else 0 and null. */
  replaced: number; replaced_note: string | null;
}
"#;

/// An error for JS: the message says what to do.
fn error(message: &str) -> JsValue {
    js_sys::Error::new(message).into()
}

/// A value as a plain JS object, as `src/wasm.rs` returns its answers.
fn to_js<T: Serialize>(v: &T) -> JsValue {
    // Serializing these plain structs to JS cannot fail.
    v.serialize(&serde_wasm_bindgen::Serializer::json_compatible()).unwrap_or(JsValue::NULL)
}

fn strings<'a>(items: impl Iterator<Item = &'a str>) -> Array {
    items.map(JsValue::from_str).collect()
}

/// A kept row as the page reads it (`BatchRow`).
#[derive(Serialize)]
struct Row<'a> {
    row: usize,
    error: Option<&'a str>,
    cells: &'a [String],
}

/// The totals as the page reads them (`BatchSummary`): amounts as text.
#[derive(Serialize)]
struct Totals<'a> {
    rows: usize,
    answered: usize,
    errors: usize,
    not_eligible: usize,
    assisted: usize,
    /// Cells where the decoding replaced characters (U+FFFD).
    replaced: usize,
    /// Which rows and columns, in words (`None` when nothing was replaced).
    replaced_note: Option<String>,
    by_tier: &'a [(String, usize)],
    personal_fee: Money,
    assistance: Money,
    to_pay: Money,
    yongningbao_premium: Money,
    yongningbao_to_pay: Money,
    yongningbao_payout: Money,
}

fn row(k: &Kept) -> JsValue {
    to_js(&Row { row: k.row, error: k.error.as_deref(), cells: &k.cells })
}

fn summary(s: &Summary) -> JsValue {
    to_js(&Totals {
        rows: s.rows,
        answered: s.answered,
        errors: s.errors,
        not_eligible: s.not_eligible,
        assisted: s.assisted,
        replaced: s.replaced,
        replaced_note: s.replaced_line(),
        by_tier: &s.by_tier,
        personal_fee: s.personal_fee,
        assistance: s.assistance,
        to_pay: s.to_pay,
        yongningbao_premium: s.yongningbao_premium,
        yongningbao_to_pay: s.yongningbao_to_pay,
        yongningbao_payout: s.yongningbao_payout,
    })
}

/// A list being answered (`new Batch(text, date, first, errors)`).
#[wasm_bindgen(skip_typescript)]
pub struct Batch(pub(crate) Steps);

#[wasm_bindgen]
impl Batch {
    /// Reads the list's header; throws an `Error` whose message says why a
    /// file cannot be read at all (no header, an unknown column …), as
    /// `yibao batch` does. `date` is the date of the question for rows
    /// without one; the first `first` rows and the first `errors` rows with
    /// an error are kept for [`Batch::rows`].
    #[wasm_bindgen(constructor)]
    pub fn new(text: String, date: Option<String>, first: usize, errors: usize) -> Result<Batch, JsValue> {
        Steps::new(text, date.as_deref(), first, errors).map(Batch).map_err(|e| error(&e.0))
    }

    /// The answers' bytes of up to `rows` more rows (the first call's begin
    /// with the BOM and the header row).
    pub fn step(&mut self, rows: usize) -> Result<Vec<u8>, JsValue> {
        self.0.step(rows).map_err(|e| error(&e.0))
    }

    /// Whether every row has been answered.
    pub fn done(&self) -> bool {
        self.0.done()
    }

    /// How much of the text has been read, from 0 to 1.
    pub fn progress(&self) -> f64 {
        self.0.progress()
    }

    /// The rows kept since the last call (`BatchRow[]`).
    pub fn rows(&mut self) -> Array {
        self.0.take_kept().iter().map(row).collect()
    }

    /// The answers' header row: the input's columns, then the answer's.
    pub fn header(&self) -> Array {
        strings(self.0.header().iter().map(String::as_str))
    }

    /// The totals so far (`BatchSummary`).
    pub fn summary(&self) -> JsValue {
        summary(self.0.summary())
    }
}

/// The template list (`yibao batch --template`).
#[wasm_bindgen]
pub fn template() -> String {
    crate::batch::template()
}

#[wasm_bindgen(typescript_custom_section)]
const TS_BATCH_CLASS: &'static str = r#"
/** A list being answered: throws an Error saying why when the file cannot be read at all. */
export class Batch {
  constructor(text: string, date: string | null | undefined, first: number, errors: number);
  /** The answers' bytes of up to `rows` more rows (the first call's begin with the BOM and the header row). */
  step(rows: number): Uint8Array;
  done(): boolean;
  /** How much of the text has been read, 0 to 1. */
  progress(): number;
  /** The rows kept since the last call. */
  rows(): BatchRow[];
  header(): string[];
  summary(): BatchSummary;
  free(): void;
}
"#;
