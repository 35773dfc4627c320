// The JavaScript entry of the workbooks' module (scripts/build-web.sh:
// build_module yibao-xlsx with the Cargo feature `xlsx`): wasm-bindgen's
// loader (./yibao_glue.js there) as it is, for the page's second worker
// (www/js/xlsx-worker.js, which bundles it). Batch (with workbook() and
// takeWorkbook()), template() and workbookText() are src/wasm_batch.rs's
// and src/wasm_xlsx.rs's.
export { default, initSync, Batch, template, workbookText } from './yibao_glue.js';
