// The workbooks' module (dist/yibao-xlsx_bg.wasm, issue 25 point 6) is off
// every first result's path, and no shipped module can reach std's clock.
// tests/browser/xlsx.test.mjs checks in Chromium that batch.html with a CSV
// list never fetches it, and that a workbook read or asked for does.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { firstResultFiles } from '../../scripts/first-result.mjs';

const DIST = process.env.YIBAO_DIST || new URL('../../dist', import.meta.url).pathname;
const skip = !existsSync(join(DIST, 'yibao-xlsx_bg.wasm')) && 'run make web first';

test('no first result lists the workbooks\' module or its worker', { skip }, () => {
  for (const page of ['index.html', 'embed.html', 'batch.html']) {
    const files = firstResultFiles(DIST, page);
    assert.deepEqual(files.filter((f) => /xlsx/.test(f)), [], `${page}: ${files.join(' ')}`);
  }
  // The page and the lists' worker name it nowhere but where it is started on demand.
  for (const f of ['batch-worker.js', 'app.js', 'more.js']) {
    const text = readFileSync(join(DIST, f), 'utf8');
    assert.ok(!/yibao-xlsx|xlsx-worker/.test(text), `${f} knows nothing of it`);
  }
  const page = readFileSync(join(DIST, 'batch.js'), 'utf8');
  assert.ok(page.includes('"xlsx-worker.js"') && !page.includes('yibao-xlsx_bg.wasm'), 'batch.js starts its worker, nothing more');
  assert.ok(readFileSync(join(DIST, 'xlsx-worker.js'), 'utf8').includes('yibao-xlsx_bg.wasm'));
});

test('the workbook code is in the workbooks\' module only', { skip }, () => {
  // A name rust_xlsxwriter writes into every workbook.
  const has = (f) => readFileSync(join(DIST, f)).includes(Buffer.from('xl/worksheets/sheet'));
  assert.ok(has('yibao-xlsx_bg.wasm'));
  for (const f of ['yibao-batch_bg.wasm', 'yibao-lite_bg.wasm', 'yibao_bg.wasm']) assert.ok(!has(f), f);
});

test('no shipped module reaches SystemTime::now, which panics on wasm32-unknown-unknown', { skip }, () => {
  // std's clock there is `panic!("time not implemented on this platform")`:
  // its message is in a module exactly when the call is reachable (a build
  // of yibao-xlsx without rust_xlsxwriter's `wasm` feature has it).
  const wasm = readdirSync(DIST).filter((f) => f.endsWith('.wasm'));
  assert.ok(wasm.length >= 4, wasm.join(' '));
  for (const f of wasm) assert.ok(!readFileSync(join(DIST, f)).includes(Buffer.from('time not implemented on this platform')), f);
});
