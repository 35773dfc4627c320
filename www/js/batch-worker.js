// The lists' worker (batch.html): reads the chosen file, decodes it as
// `yibao batch` does (batch-decode.js), and answers it a few rows at a time
// in the lists' WASM module (src/wasm_batch.rs, loaded here, never by
// index.html), posting its progress in between; the page only renders. The
// answers' bytes are joined into a Blob, which is what 下载结果 saves: the
// same bytes as `yibao batch` writes. Nothing leaves the device.
//
// Messages in: { run: { file, date, first, errors } } | { template: true }.
// Out: { type: 'ready' } | { type: 'start', encoding } | { type: 'header',
//   header } | { type: 'progress', at (0..1), rows, kept } | { type: 'done', blob,
//   summary, kept, ms } | { type: 'template', blob } | { type: 'fail',
//   message, broken } (broken: the module threw something other than a
//   message for people; the page starts a fresh worker).
import init, { Batch, template } from 'yibao-batch';
import { streamable, wasmBytes } from './core.js';
import { decodeList, tooLarge } from './batch-decode.js';

const WASM = 'yibao-batch_bg.wasm';
// Rows a step: about 15 ms of work here, so that progress moves smoothly.
const STEP = 1000;
const CSV = 'text/csv;charset=utf-8';

let loaded = null;

// The module: its .wasm fetched and relabelled application/wasm (a server
// may send it with any type), else its base64 copy, a classic script.
function load() {
  if (!loaded) {
    loaded = fetch(WASM)
      .then((r) => {
        if (!r.ok) throw new Error('HTTP ' + r.status);
        return init({ module_or_path: streamable(r) });
      })
      .catch(() => {
        importScripts(WASM + '.js');
        return init({ module_or_path: wasmBytes(self.yibao_wasm_base64) });
      });
    loaded.catch(() => { loaded = null; });
  }
  return loaded;
}

function post(msg) {
  self.postMessage(msg);
}

// A trap, or anything not an Error: the module may be left half-changed.
function broken(e) {
  return !(e instanceof Error) || (typeof WebAssembly.RuntimeError === 'function' && e instanceof WebAssembly.RuntimeError);
}

function fail(e, always) {
  post({ type: 'fail', message: e && e.message ? e.message : String(e), broken: always || broken(e) });
}

function bytesOf(file) {
  if (typeof FileReaderSync === 'function') return Promise.resolve(new FileReaderSync().readAsArrayBuffer(file));
  return file.arrayBuffer();
}

function run(job) {
  const t0 = Date.now();
  let list;
  let text;
  // The page says it first; a file is never read past the bound here either.
  const big = tooLarge(job.file.size);
  if (big) return fail(new Error(big), false);
  return bytesOf(job.file).then((buffer) => {
    try {
      const d = decodeList(buffer);
      text = d.text;
      post({ type: 'start', encoding: d.encoding });
    } catch (e) {
      fail(e, false);
      return;
    }
    try {
      list = new Batch(text, job.date, job.first, job.errors);
    } catch (e) {
      // Why the file cannot be read at all: a message for people.
      fail(e, false);
      return;
    }
    text = null;
    const chunks = [];
    try {
      post({ type: 'header', header: list.header() });
      while (!list.done()) {
        chunks.push(list.step(STEP));
        post({ type: 'progress', at: list.progress(), rows: list.summary().rows, kept: list.rows() });
      }
      post({ type: 'done', blob: new Blob(chunks, { type: CSV }), summary: list.summary(), kept: list.rows(), ms: Date.now() - t0 });
    } catch (e) {
      fail(e, false);
    } finally {
      try {
        list.free();
      } catch (e) {
        // After a trap: the page starts a fresh worker.
      }
    }
  });
}

self.onmessage = (ev) => {
  const m = ev.data || {};
  load().then(() => {
    if (m.run) return run(m.run);
    if (m.template) post({ type: 'template', blob: new Blob([template()], { type: CSV }) });
    return null;
  }).catch((e) => fail(e, true));
};

load().then(() => post({ type: 'ready' }), (e) => fail(e, true));
