// Loading: a server that sends the .wasm as application/octet-stream (the page
// relabels the response, so it still computes while it downloads, without a
// warning), a .wasm that does not compile (the base64 copy takes over), a
// browser without WebAssembly (iOS Lockdown Mode): a clear message, and what
// shows while the core loads.
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { cli, figure, session, shotPath, today, waitSummary } from './lib.mjs';

describe('loading: wrong MIME type for .wasm, no WebAssembly', () => {
  const s = session({ wrongWasmMime: true });
  let page;
  const warnings = [];
  before(async () => {
    page = await s.page();
    page.on('console', (m) => {
      if (m.type() === 'warning') warnings.push(m.text());
    });
  });

  test('the page still computes', async () => {
    const types = [];
    page.on('response', (r) => {
      if (r.url().endsWith('.wasm')) types.push(r.headers()['content-type']);
    });
    await page.goto(`${s.url}#region=baiyin&district=jingtai&birth=1990-02-03&hukou=local`);
    const q = cli({ region: 'baiyin', district: 'jingtai', date: today(), birth_date: '1990-02-03', hukou: 'local', school: 'none', employee_insurance: false, identities: [] }).out;
    await waitSummary(page, q.summary);
    assert.deepEqual(types, ['application/octet-stream']);
    assert.equal(await figure(page, 'personal_fee'), q.personal_fee);
  });

  const YUYAO = '#region=yuyao&year=2024&birth=1980-05-17&hukou=local&school=none';
  const yuyaoFee = () => cli({ region: 'yuyao', benefit_year: 2024, date: today(), birth_date: '1980-05-17', hukou: 'local', school: 'none' }).out.personal_fee;
  const paths = (p) => {
    const seen = [];
    p.on('request', (r) => seen.push(new URL(r.url()).pathname));
    return seen;
  };

  test('the .wasm is compiled while it downloads: instantiateStreaming gets it as application/wasm', async () => {
    const p = await s.page(null, () => {
      const real = WebAssembly.instantiateStreaming;
      window.streamedAs = [];
      WebAssembly.instantiateStreaming = (source, imports) => Promise.resolve(source).then((r) => {
        window.streamedAs.push(r.headers.get('content-type'));
        return real.call(WebAssembly, r, imports);
      });
    });
    const seen = paths(p);
    await p.goto(s.url + YUYAO);
    await p.waitForSelector('[data-fig="personal_fee"]');
    assert.deepEqual(await p.evaluate(() => window.streamedAs), ['application/wasm']);
    assert.equal(await figure(p, 'personal_fee'), yuyaoFee());
    assert.ok(!seen.includes('/yibao-lite_bg.wasm.js'), `no fallback: ${seen.join(' ')}`);
    await p.close();
  });

  test('a .wasm that does not compile: the bytes come from yibao-lite_bg.wasm.js and the page computes', async () => {
    const p = await s.page();
    const seen = paths(p);
    await p.route('**/yibao-lite_bg.wasm', (route) => route.fulfill({ status: 200, contentType: 'application/wasm', body: Buffer.from('not a wasm module') }));
    await p.goto(s.url + YUYAO);
    await p.waitForSelector('[data-fig="personal_fee"]');
    assert.ok(seen.includes('/yibao-lite_bg.wasm.js'), `the base64 script was loaded: ${seen.join(' ')}`);
    assert.equal(await figure(p, 'personal_fee'), yuyaoFee());
    await p.close();
  });

  test('without WebAssembly: a clear message, no form, no error', async () => {
    const p = await s.page({ width: 360, height: 740 }, () => {
      delete window.WebAssembly;
    });
    await p.goto(`${s.url}?mode=elder`);
    await p.waitForSelector('.status-error');
    assert.match(await p.locator('#status').textContent(), /WebAssembly.*锁定模式/);
    assert.equal(await p.locator('#f-birth').count(), 0);
    assert.ok(await p.locator('#elder-toggle').isVisible());
    await p.screenshot({ path: shotPath('360x740-no-wasm.png') });
    await p.close();
  });

  test('while the core loads: index.html\'s status line alone, then header, form and result together', async () => {
    const p = await s.page();
    let release;
    const held = new Promise((r) => { release = r; });
    await p.route('**/yibao-lite_bg.wasm', async (route) => {
      await held;
      await route.continue();
    });
    await p.goto(s.url + YUYAO);
    await p.waitForSelector('#status');
    assert.match(await p.locator('#status').textContent(), /正在加载计算器/);
    assert.ok(await p.locator('#status').isVisible());
    assert.equal(await p.locator('header, footer, #f-birth').count(), 0, 'nothing else is laid out yet');
    release();
    await p.waitForSelector('[data-fig="personal_fee"]');
    assert.equal(await p.locator('header').count(), 1);
    assert.equal(await p.locator('footer').count(), 1);
    assert.equal(await p.locator('#status').isVisible(), false);
    await p.close();
  });

  test('no console warnings (no instantiateStreaming fallback)', () => {
    assert.deepEqual(warnings, []);
  });

  s.clean();
});
