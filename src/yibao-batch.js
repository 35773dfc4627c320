// The JavaScript entry of the lists' module (scripts/build-web.sh:
// build_module yibao-batch with the Cargo feature `batch`): wasm-bindgen's
// loader (./yibao_glue.js there) as it is, for the page's worker
// (www/js/batch-worker.js, which bundles it). Batch and template() are
// src/wasm_batch.rs's; the worker makes a fresh worker's worth of module
// after anything the module threw that is not a message for people.
export { default, initSync, Batch, template } from './yibao_glue.js';
