// batch.html and Excel workbooks (issue 25, point 6): a clerk's GBK CSV list
// answered and downloaded as a workbook (下载结果（Excel）, the main
// download), an .xlsx list read as `yibao batch` reads it, within its
// bounds (a hostile workbook gets the CLI's Chinese error, not a trap). The
// workbooks' module (yibao-xlsx_bg.wasm, xlsx-worker.js) is loaded only when
// a workbook is read or asked for: a CSV list answered and downloaded as CSV
// never fetches it. The downloaded workbook is read back twice: by
// `yibao batch` (calamine: 身份证号 intact, as text) and part by part here
// (its sheets 结果 and 说明, the creation date the date asked).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, axe, cli, cliBatch, measure, session, shotPath } from './lib.mjs';
import { list } from '../../scripts/bench-batch.mjs';
import { csvRows, unzip, xlsx } from '../../scripts/zip.mjs';

const DAY = '2026-12-02';
const ID = '330281196005170011';
const LIST = `姓名,身份证号,地区,出生日期,户籍,居住证,在读情况,特殊身份,备注
张三,${ID},余姚市,1960-05-17,本市户籍,否,不在读,低保对象,
李四,330281198002300012,余姚市,1980-02-30,本市户籍,否,不在读,,"有,逗号"
王五,33028120120601002X,慈溪,2012-06-01,非本市户籍,是,中小学生,,=1+1
`;
const BIN = join(ROOT, 'target', 'debug', 'yibao');
const dir = mkdtempSync(join(ROOT, 'target', 'xlsx-test.'));

function gbk(text) {
  const r = spawnSync('iconv', ['-f', 'UTF-8', '-t', 'GB18030'], { input: text });
  assert.equal(r.status, 0, String(r.stderr));
  return r.stdout;
}

// `yibao batch` on a file: its answers (CSV bytes), or its error.
function cliFile(name, bytes, extra = []) {
  cli({});
  const path = join(dir, name);
  writeFileSync(path, bytes);
  const r = spawnSync(BIN, ['batch', '--input', path, '--date', DAY, ...extra], { maxBuffer: 1 << 28 });
  return { status: r.status, out: r.stdout, err: String(r.stderr) };
}

async function open(s, viewport = { width: 1280, height: 800 }, query = '') {
  const p = await s.pageOn(DAY, viewport);
  const seen = [];
  p.on('request', (r) => seen.push(new URL(r.url()).pathname));
  await p.goto(`${s.url}batch.html${query}`);
  await p.waitForSelector('#pick');
  return { p, seen };
}

async function finished(p) {
  await p.waitForFunction(() => !document.getElementById('result').hidden && document.activeElement.id === 'result-h', null, { timeout: 60000 });
}

async function downloaded(p, sel) {
  const [d] = await Promise.all([p.waitForEvent('download', { timeout: 60000 }), p.click(sel)]);
  return { name: d.suggestedFilename(), bytes: readFileSync(await d.path()) };
}

const xlsxFetched = (seen) => seen.filter((u) => /xlsx/.test(u));

// A downloaded workbook, part by part: its sheets by name, the strings of
// each (shared or inline), its creation date.
function parts(bytes) {
  const z = unzip(bytes);
  const text = (n) => (z[n] ? z[n].toString('utf8') : '');
  const sheets = [...text('xl/workbook.xml').matchAll(/<sheet [^>]*name="([^"]+)"/g)].map((m) => m[1]);
  const shared = [...text('xl/sharedStrings.xml').matchAll(/<si>(?:<t[^>]*>([^<]*)<\/t>)<\/si>/g)].map((m) => m[1]);
  return { z, text, sheets, shared, created: /<dcterms:created[^>]*>([^<]+)</.exec(text('docProps/core.xml'))[1] };
}

describe('batch.html: Excel workbooks in and out', () => {
  const s = session();

  test('a CSV list answered and downloaded as CSV never fetches the workbooks\' module', async () => {
    const { p, seen } = await open(s);
    await p.setInputFiles('#file', { name: 'a.csv', mimeType: 'text/csv', buffer: Buffer.from(LIST) });
    await finished(p);
    const got = await downloaded(p, '#download');
    assert.ok(got.bytes.equals(cliBatch(Buffer.from(LIST), DAY)));
    await p.waitForTimeout(300);
    assert.ok(seen.includes('/yibao-batch_bg.wasm'), seen.join(' '));
    assert.deepEqual(xlsxFetched(seen), [], seen.join(' '));
    // The Excel download is the first, the CSV the second, with why.
    const order = await p.$$eval('#result .actions > *', (b) => b.map((x) => [x.id, x.textContent]));
    assert.deepEqual(order, [['download-xlsx', '下载结果（Excel）'], ['download', '下载结果（CSV）']]);
    assert.match(await p.textContent('#csv-note'), /18 位的身份证号.*在 Excel 里请用 Excel 结果/);
    await p.close();
  });

  test('a clerk\'s GBK list: 下载结果（Excel） loads the module then, and the workbook reads back with 身份证号 intact, Chinese headers and 说明', async (t) => {
    const { p, seen } = await open(s);
    const bytes = gbk(LIST);
    await p.setInputFiles('#file', { name: '东村名单.csv', mimeType: 'text/csv', buffer: bytes });
    await finished(p);
    assert.deepEqual(xlsxFetched(seen), [], 'nothing of it before it is asked for');
    const t0 = Date.now();
    const got = await downloaded(p, '#download-xlsx');
    t.diagnostic(`CSV list of 3 rows: 下载结果（Excel） to the download ${Date.now() - t0} ms (module load included)`);
    assert.equal(got.name, '东村名单-结果.xlsx');
    assert.ok(seen.includes('/xlsx-worker.js') && seen.includes('/yibao-xlsx_bg.wasm'), seen.join(' '));
    assert.match(await p.textContent('#xlsx-status'), /Excel 结果已生成/);
    // Read back by yibao batch (calamine): the answers' sheet is a list, its
    // answer columns answered again; 身份证号 as the text it was.
    const back = cliFile('back.xlsx', got.bytes);
    assert.equal(back.status, 0, back.err);
    const rows = csvRows(back.out.toString('utf8').replace(/^\uFEFF/, ''));
    assert.deepEqual(rows[0].slice(0, 9), ['姓名', '身份证号', '地区', '出生日期', '户籍', '居住证', '在读情况', '特殊身份', '备注']);
    assert.ok(rows[0].includes('实际需缴') && rows[0].includes('计算年度'), rows[0].join(','));
    assert.deepEqual(rows.slice(1).map((r) => r[1]), [ID, '330281198002300012', '33028120120601002X']);
    // The same answers as the CSV list's.
    assert.ok(back.out.equals(cliBatch(Buffer.from(LIST), DAY)), 'the workbook read back is answered as the list was');
    // Part by part: 身份证号 a text cell, the sheets, the date asked.
    const w = parts(got.bytes);
    assert.deepEqual(w.sheets, ['结果', '说明']);
    assert.ok(w.shared.includes(ID), 'the 18 digits as a string');
    assert.doesNotMatch(w.text('xl/worksheets/sheet1.xml'), /<f>/, 'no formula');
    assert.equal(w.created, `${DAY}T00:00:00Z`, 'dated the day asked, not by the clock');
    for (const word of ['查询日期', `${DAY}（名单中没有日期的行按此计算）`, '所用文件', '合计', '东村名单.csv']) {
      assert.ok(w.shared.some((x) => x.includes(word)), `说明 has ${word}`);
    }
    // The CLI's workbook of the same list says the same (read back alike).
    const cliBook = join(dir, 'cli.xlsx');
    const made = cliFile('list.csv', bytes, ['--output', cliBook]);
    assert.equal(made.status, 0, made.err);
    assert.ok(cliFile('cli-back.xlsx', readFileSync(cliBook)).out.equals(back.out));
    // Asked again: the same workbook, no second run.
    const again = await downloaded(p, '#download-xlsx');
    assert.ok(again.bytes.equals(got.bytes));
    await p.close();
  });

  test('an .xlsx list is read as yibao batch reads it; both downloads at once; the page shows 身份证号 as it is', async () => {
    const { p, seen } = await open(s);
    const book = xlsx(csvRows(LIST));
    await p.setInputFiles('#file', { name: '西村名单.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: book });
    await finished(p);
    assert.ok(seen.includes('/yibao-xlsx_bg.wasm'));
    const want = cliFile('west.xlsx', book);
    assert.equal(want.status, 0, want.err);
    const csv = await downloaded(p, '#download');
    assert.equal(csv.name, '西村名单-结果.csv');
    assert.ok(csv.bytes.equals(want.out), 'the CSV is the CLI\'s for the same workbook');
    const cells = await p.$$eval('#preview tbody tr', (tr) => tr.map((r) => [...r.children].map((c) => c.textContent)));
    assert.equal(cells[0][2], ID);
    const got = await downloaded(p, '#download-xlsx');
    assert.equal(got.name, '西村名单-结果.xlsx');
    assert.ok(cliFile('west-back.xlsx', got.bytes).out.equals(want.out));
    // The workbook read back in the page: a result file is a list.
    await p.setInputFiles('#file', { name: '西村名单-结果.xlsx', mimeType: 'application/octet-stream', buffer: got.bytes });
    await finished(p);
    assert.ok((await downloaded(p, '#download')).bytes.equals(want.out));
    await p.close();
  });

  test('hostile workbooks: the CLI\'s Chinese error, no trap; the next list is answered', async () => {
    const { p } = await open(s);
    const rows = csvRows(LIST);
    const cases = [
      // A declared dimension of XFD1048576 (the CLI once asked for 512 GB).
      [xlsx(rows, { dimension: 'A1:XFD1048576' }), /声明了 16384 列，超过 1000 列的上限/],
      // 70 MB of one part compressed to little: refused as it decompresses.
      [xlsx(rows, { extra: [['xl/media/big.bin', Buffer.alloc(70 << 20)]] }), /解压后超过 64 MB 的上限/],
      // Not a workbook after its first bytes.
      [Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(100)]), /不是 \.xlsx 格式的 Excel 文件/],
    ];
    for (const [book, message] of cases) {
      const want = cliFile('hostile.xlsx', book);
      assert.equal(want.status, 2);
      assert.match(want.err, message);
      await p.setInputFiles('#file', { name: 'hostile.xlsx', mimeType: 'application/octet-stream', buffer: book });
      await p.waitForSelector('#fail:not([hidden])');
      const shown = await p.textContent('#fail');
      assert.match(shown, message);
      assert.ok(shown.includes(want.err.trim()), `${shown} / ${want.err}`);
      assert.doesNotMatch(shown, /unreachable|RuntimeError|panic/);
    }
    await p.setInputFiles('#file', { name: 'ok.xlsx', mimeType: 'application/octet-stream', buffer: xlsx(rows) });
    await finished(p);
    assert.equal(await p.isHidden('#fail'), true);
    // An old .xls is refused before it is read, as the CLI does.
    await p.setInputFiles('#file', { name: 'old.xls', mimeType: 'application/vnd.ms-excel', buffer: Buffer.from('x') });
    await p.waitForSelector('#fail:not([hidden])');
    assert.match(await p.textContent('#fail'), /只能读取 \.xlsx 格式的 Excel 文件/);
    await p.close();
  });

  test('a trap in the workbooks\' module: words for people, and the next list in a fresh worker (a fresh instance)', async () => {
    const { p, seen } = await open(s);
    // The first xlsx-worker.js served makes the module's workbookText trap
    // once, as a trap reaches JS (a WebAssembly.RuntimeError from the call).
    let served = 0;
    await p.route('**/xlsx-worker.js', async (route) => {
      if (served++ > 0) return route.continue();
      const original = await (await route.fetch()).text();
      const trap = `(() => {
        const S = WebAssembly.instantiateStreaming, I = WebAssembly.instantiate;
        const fake = (r) => {
          const ex = r.instance.exports, p = {};
          for (const k of Object.keys(ex)) p[k] = ex[k];
          p.workbookText = function () { throw new WebAssembly.RuntimeError('unreachable'); };
          return { instance: { exports: p }, module: r.module };
        };
        WebAssembly.instantiateStreaming = (...a) => S.apply(WebAssembly, a).then(fake);
        WebAssembly.instantiate = (...a) => I.apply(WebAssembly, a).then((r) => (r instanceof WebAssembly.Instance ? fake({ instance: r, module: a[0] }) : fake(r)));
      })();\n`;
      return route.fulfill({ status: 200, contentType: 'text/javascript', body: trap + original });
    });
    const book = xlsx(csvRows(LIST));
    await p.setInputFiles('#file', { name: 'a.xlsx', mimeType: 'application/octet-stream', buffer: book });
    await p.waitForSelector('#fail:not([hidden])');
    const shown = await p.textContent('#fail');
    assert.match(shown, /计算组件出了意外的错误，已重新准备好：请再选择一次文件/);
    assert.doesNotMatch(shown, /unreachable|RuntimeError/);
    await p.setInputFiles('#file', { name: 'a.xlsx', mimeType: 'application/octet-stream', buffer: book });
    await finished(p);
    assert.equal(seen.filter((u) => u === '/xlsx-worker.js').length, 2, 'a fresh worker');
    assert.equal(served, 2);
    const cells = await p.$$eval('#preview tbody tr', (tr) => tr.map((r) => [...r.children].map((c) => c.textContent)));
    assert.equal(cells[0][2], ID);
    await p.close();
  });

  test('10,000 rows: an .xlsx list read, answered and its workbook written, timed with the module\'s load', async (t) => {
    const text = list(10_000);
    const book = xlsx(csvRows(text));
    const path = join(dir, '10k.xlsx');
    writeFileSync(path, book);
    const { p } = await open(s);
    const t0 = Date.now();
    await p.setInputFiles('#file', path);
    await finished(p);
    const ms = Date.now() - t0;
    const got = await downloaded(p, '#download-xlsx');
    t.diagnostic(`10,000-row .xlsx (${book.length} bytes): load + read + answer + write ${ms} ms; the workbook ${got.bytes.length} bytes`);
    const back = cliFile('10k-back.xlsx', got.bytes);
    assert.equal(back.status, 0, back.err);
    assert.equal(back.out.toString('utf8').split('\n').length - 2, 10_000);
    // A CSV list of 10,000, then its workbook asked for (module load included).
    const { p: q } = await open(s);
    const csvPath = join(dir, '10k.csv');
    writeFileSync(csvPath, text);
    await q.setInputFiles('#file', csvPath);
    await finished(q);
    const t1 = Date.now();
    await downloaded(q, '#download-xlsx');
    t.diagnostic(`10,000-row CSV list: 下载结果（Excel） to its download ${Date.now() - t1} ms`);
    assert.ok(ms < 30000, `${ms} ms`);
    await p.close();
    await q.close();
  });

  test('a CSV list past the page\'s 100,000 workbook rows: 下载结果（Excel） says why, the CSV stays', async () => {
    const path = join(dir, 'over.csv');
    writeFileSync(path, list(100_001));
    const { p } = await open(s);
    await p.setInputFiles('#file', path);
    await finished(p);
    await p.click('#download-xlsx');
    await p.waitForFunction(() => /无法生成 Excel 结果/.test(document.getElementById('xlsx-status').textContent), null, { timeout: 120000 });
    assert.match(await p.textContent('#xlsx-status'), /名单超过 10 万行，本页生成 Excel 结果最多 10 万行.*请下载 CSV 结果/);
    assert.equal(await p.getAttribute('#download-xlsx', 'aria-disabled'), null, 'the button works again');
    const csv = await downloaded(p, '#download');
    assert.equal(csv.bytes.toString('utf8').split('\n').length - 2, 100_001);
    await p.close();
  });

  test('elder mode: every text >= 18 px, every target >= 60 px with the downloads and the workbook\'s status shown; axe; screenshots', async (t) => {
    for (const [w, h, mode] of [[360, 740, 'elder'], [1280, 800, 'normal']]) {
      const { p } = await open(s, { width: w, height: h }, `?mode=${mode}`);
      await p.setInputFiles('#file', { name: '东村名单.csv', mimeType: 'text/csv', buffer: Buffer.from(LIST) });
      await finished(p);
      await downloaded(p, '#download-xlsx');
      await p.waitForSelector('#xlsx-status:not([hidden])');
      if (mode === 'elder') {
        const m = await p.evaluate(measure);
        assert.deepEqual(m.smallText, [], 'text under 18px');
        assert.deepEqual(m.targets.filter((x) => x.h < 59.5).map((x) => `${x.what} ${x.h}px`), [], 'targets under 60px');
        assert.ok(m.targets.some((x) => /download-xlsx/.test(x.what)));
      }
      await axe(p, t);
      await p.locator('#result').screenshot({ path: shotPath(`xlsx-${w}x${h}-${mode}-result.png`) });
      await p.close();
    }
  });

  s.clean();
});

describe('batch.html: the workbooks\' module loads whatever the server does with the .wasm', () => {
  const s = session({ wrongWasmMime: true });
  const book = xlsx(csvRows(LIST));

  test('.wasm sent as application/octet-stream: an .xlsx list is answered', async () => {
    const { p } = await open(s);
    const types = [];
    p.on('response', (r) => { if (r.url().endsWith('yibao-xlsx_bg.wasm')) types.push(r.headers()['content-type']); });
    await p.setInputFiles('#file', { name: 'a.xlsx', mimeType: 'application/octet-stream', buffer: book });
    await finished(p);
    assert.deepEqual(types, ['application/octet-stream']);
    assert.ok((await downloaded(p, '#download')).bytes.equals(cliFile('mime.xlsx', book).out));
    await p.close();
  });

  test('a .wasm that does not compile: the worker takes the base64 copy (a sandboxed iframe\'s way)', async () => {
    const { p, seen } = await open(s);
    await p.route('**/yibao-xlsx_bg.wasm', (route) => route.fulfill({ status: 200, contentType: 'application/wasm', body: Buffer.from('not a wasm module') }));
    await p.setInputFiles('#file', { name: 'a.xlsx', mimeType: 'application/octet-stream', buffer: book });
    await finished(p);
    assert.ok(seen.includes('/yibao-xlsx_bg.wasm.js'), seen.join(' '));
    assert.ok((await downloaded(p, '#download')).bytes.equals(cliFile('b64.xlsx', book).out));
    await p.close();
  });

  s.clean();
});
