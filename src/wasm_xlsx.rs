//! Excel workbooks in the lists' page (`www/batch.html`): the WASM module of
//! the `xlsx` feature (`dist/yibao-xlsx_bg.wasm`), which the page's second
//! worker (`www/js/xlsx-worker.js`) loads only when a workbook is read or
//! asked for. It is the lists' module ([`crate::wasm_batch`]) and the CLI's
//! workbook code of `src/batch.rs`: a workbook read as `yibao batch` reads
//! it, within the same bounds ([`crate::batch::workbook_text`]), and the
//! answers written as `yibao batch --output 结果.xlsx` writes them
//! ([`crate::batch::Steps::workbook`]), in memory.

use crate::wasm_batch::Batch;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TS_XLSX: &'static str = r#"
/** What the lists' module adds when built with workbooks (yibao-xlsx). */
export interface Batch {
  /** From here on the answers are also written into a workbook; `name` is the list's, for its 说明 sheet. Before the first step only. */
  workbook(name: string): void;
  /** The workbook's bytes (.xlsx), once every row has been answered; once. */
  takeWorkbook(): Uint8Array;
  /** Why the workbook was given up (a list past the page's workbook rows), or undefined while it is written. */
  workbookRefused(): string | undefined;
}
/** A workbook's first sheet as a list's text (CSV), within the bounds of `yibao batch`; throws an Error saying why it cannot be read. */
export function workbookText(bytes: Uint8Array): string;
"#;

fn error(message: &str) -> JsValue {
    js_sys::Error::new(message).into()
}

/// A workbook's first sheet as a list's text (CSV), for [`Batch`]; throws
/// an `Error` whose message says why a workbook cannot be read (a bound
/// passed, not a workbook …), as `yibao batch` says it.
#[wasm_bindgen(js_name = workbookText, skip_typescript)]
pub fn workbook_text(bytes: &[u8]) -> Result<String, JsValue> {
    crate::batch::workbook_text(bytes).map_err(|e| error(&e.0))
}

#[wasm_bindgen]
impl Batch {
    /// The answers also into a workbook (before the first step).
    #[wasm_bindgen(skip_typescript)]
    pub fn workbook(&mut self, name: String) -> Result<(), JsValue> {
        self.0.workbook(&name).map_err(|e| error(&e.0))
    }

    /// Why the workbook was given up, if it was.
    #[wasm_bindgen(js_name = workbookRefused, skip_typescript)]
    pub fn workbook_refused(&self) -> Option<String> {
        self.0.workbook_refused()
    }

    /// The workbook's bytes, once done.
    #[wasm_bindgen(js_name = takeWorkbook, skip_typescript)]
    pub fn take_workbook(&mut self) -> Result<Vec<u8>, JsValue> {
        self.0.take_workbook().map_err(|e| error(&e.0))
    }
}
