// Loading: a server that sends the .wasm as application/octet-stream (the page
// fetches the bytes itself, so it still computes, without a warning), a
// browser without WebAssembly (iOS Lockdown Mode): a clear message, and what
// shows while the core loads.
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { cli, session, shotPath, today, waitSummary } from './lib.mjs';

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
    assert.equal((await page.locator('[data-fig="personal_fee"]').textContent()).replace(/[,\s元]/g, ''), q.personal_fee);
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
    await p.route('**/yibao_bg.wasm', async (route) => {
      await held;
      await route.continue();
    });
    await p.goto(`${s.url}#region=yuyao&year=2024&birth=1980-05-17&hukou=local&school=none`);
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
