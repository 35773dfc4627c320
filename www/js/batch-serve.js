// What the lists' workers do (batch.html): batch-worker.js with the lists'
// WASM module (CSV lists, src/wasm_batch.rs) and xlsx-worker.js with the
// workbooks' module (the same and Excel workbooks in and out,
// src/wasm_xlsx.rs), which the page starts only when a workbook is read or
// asked for. Reads the chosen file, decodes it as `yibao batch` does
// (batch-decode.js; a workbook's first sheet through the module, within the
// CLI's bounds), and answers it a few rows at a time, posting its progress
// in between; the page only renders. The answers' bytes are joined into a
// Blob, which is what 下载结果（CSV） saves: the same bytes as `yibao batch`
// writes; the workbook, when asked for, is what 下载结果（Excel） saves.
// Nothing leaves the device.
//
// Messages in: { run: { id, file, date, first, errors, excel, excelOnly,
//   name } } | { template: true }. excel: the answers also as a workbook
//   (the workbooks' module only); excelOnly: only the workbook is wanted
//   (a CSV list's 下载结果（Excel）), so its refusal ends the run. Out (each with the run's id): { type: 'ready' }
//   | { type: 'start', encoding } (a TextDecoder label, or 'xlsx') |
//   { type: 'header', header } | { type: 'progress', at (0..1), rows, kept }
//   | { type: 'done', blob, xlsx (a Blob or null), xlsxError (why there is
//   no workbook, or null), summary, kept, ms } |
//   { type: 'template', blob } | { type: 'fail', message, broken } (broken:
//   the module threw something other than a message for people, a trap;
//   the page starts a fresh worker, so a fresh instance of the module).
import { streamable, wasmBytes } from './core.js';
import { decodeList, tooLarge } from './batch-decode.js';

// Rows a step: about 15 ms of work, so that progress moves smoothly.
const STEP = 1000;
const CSV = 'text/csv;charset=utf-8';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Whether bytes are a zip (an .xlsx workbook): PK\3\4. */
export function isZip(bytes) {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4B && bytes[2] === 0x03 && bytes[3] === 0x04;
}

/** The worker's message loop, with the module `mod` (its exports: default
 * (init), Batch, template, and workbookText in the workbooks' module),
 * whose .wasm is `wasm` (and its base64 copy `wasm`.js). */
export function serve(mod, wasm) {
  let loaded = null;

  // The module: its .wasm fetched and relabelled application/wasm (a server
  // may send it with any type), else its base64 copy, a classic script.
  function load() {
    if (!loaded) {
      loaded = fetch(wasm)
        .then((r) => {
          if (!r.ok) throw new Error('HTTP ' + r.status);
          return mod.default({ module_or_path: streamable(r) });
        })
        .catch(() => {
          importScripts(wasm + '.js');
          return mod.default({ module_or_path: wasmBytes(self.yibao_wasm_base64) });
        });
      loaded.catch(() => { loaded = null; });
    }
    return loaded;
  }

  // Each message carries the id of the run it is about (null for others).
  function post(msg, id) {
    msg.id = id == null ? null : id;
    self.postMessage(msg);
  }

  // A trap, or anything not an Error: the module may be left half-changed.
  function broken(e) {
    return !(e instanceof Error) || (typeof WebAssembly.RuntimeError === 'function' && e instanceof WebAssembly.RuntimeError);
  }

  function fail(e, always, id) {
    post({ type: 'fail', message: e && e.message ? e.message : String(e), broken: always || broken(e) }, id);
  }

  function bytesOf(file) {
    if (typeof FileReaderSync === 'function') return Promise.resolve(new FileReaderSync().readAsArrayBuffer(file));
    return file.arrayBuffer();
  }

  function run(job) {
    const t0 = Date.now();
    const say = (msg) => post(msg, job.id);
    const no = (e) => fail(e, false, job.id);
    let list;
    let text;
    // The page says it first; a file is never read past the bound here either.
    const big = tooLarge(job.file.size);
    if (big) return no(new Error(big));
    return bytesOf(job.file).then((buffer) => {
      try {
        const bytes = new Uint8Array(buffer);
        if (isZip(bytes)) {
          if (!mod.workbookText) throw new Error('这是 Excel 工作簿：请重新选择文件。');
          say({ type: 'start', encoding: 'xlsx' });
          text = mod.workbookText(bytes);
        } else {
          const d = decodeList(bytes);
          text = d.text;
          say({ type: 'start', encoding: d.encoding });
        }
      } catch (e) {
        no(e);
        return;
      }
      try {
        list = new mod.Batch(text, job.date, job.first, job.errors);
        if (job.excel) list.workbook(job.name);
      } catch (e) {
        // Why the file cannot be read at all: a message for people.
        no(e);
        return;
      }
      text = null;
      const chunks = [];
      try {
        say({ type: 'header', header: list.header() });
        while (!list.done()) {
          chunks.push(list.step(STEP));
          // Only the workbook was asked for, and it is given up: said at once.
          if (job.excelOnly && list.workbookRefused()) throw new Error(list.workbookRefused());
          say({ type: 'progress', at: list.progress(), rows: list.summary().rows, kept: list.rows() });
        }
        let xlsx = null;
        let xlsxError = null;
        if (job.excel) {
          // A list past the page's workbook rows keeps its CSV.
          const why = list.workbookRefused();
          if (why) xlsxError = why;
          else xlsx = new Blob([list.takeWorkbook()], { type: XLSX });
        }
        say({ type: 'done', blob: new Blob(chunks, { type: CSV }), xlsx: xlsx, xlsxError: xlsxError, summary: list.summary(), kept: list.rows(), ms: Date.now() - t0 });
      } catch (e) {
        no(e);
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
      if (m.template) post({ type: 'template', blob: new Blob([mod.template()], { type: CSV }) });
      return null;
    }).catch((e) => fail(e, true, m.run ? m.run.id : null));
  };

  load().then(() => post({ type: 'ready' }), (e) => fail(e, true));
}
