// The page's first module answers a person; a bill (its 甬宁保 payout) or a
// change of status is answered by the full module (www/js/ask.js
// NEEDS_FULL, calc.js toFull), fetched only then, once: the headline says
// that it is loading, the answer follows, and if it cannot be loaded the
// headline says so and the next change to the form tries again.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { cli, figure, fill, openFold, session, today, waitSummary } from './lib.mjs';

const PERSON = { region: 'yuyao', benefit_year: 2024, birth_date: '1980-05-17', hukou: 'local', school: 'none' };

describe('the full module, for a bill or a change of status', () => {
  const s = session();

  // The page with the .wasm files it fetched, by name.
  async function open() {
    const p = await s.page();
    const wasm = [];
    p.on('request', (r) => {
      const name = r.url().split('/').pop();
      if (/\.wasm(\.js)?$|^yibao(-lite)?\.iife\.js$/.test(name)) wasm.push(name);
    });
    await p.goto(s.url + '#region=yuyao&year=2024');
    await p.waitForSelector('#f-birth');
    return { p, wasm };
  }

  test('a person is answered by the first module alone; a bill fetches the full one once, and its payout follows', async () => {
    const { p, wasm } = await open();
    await fill(p, PERSON);
    const q = cli({ ...PERSON, date: today() }).out;
    await waitSummary(p, q.summary);
    assert.deepEqual(wasm.filter((n) => !n.startsWith('yibao-lite')), [], 'no full module for a person');

    let release;
    const held = new Promise((r) => { release = r; });
    await p.route('**/yibao_bg.wasm', async (route) => {
      await held;
      await route.continue();
    });
    await openFold(p, '#more-bill');
    await p.fill('#f-bill_in_scope', '30000');
    await p.waitForFunction(() => /正在加载/.test(document.getElementById('summary').textContent));
    release();
    const qb = cli({ ...PERSON, date: today(), bill: { in_scope: 30000 } }).out;
    await waitSummary(p, qb.summary);
    await p.waitForSelector('[data-fig="ynb_total"]');
    assert.equal(await figure(p, 'ynb_total'), qb.yongningbao.payout.total);
    await p.fill('#f-bill_in_scope', '40000');
    const qc = cli({ ...PERSON, date: today(), bill: { in_scope: 40000 } }).out;
    await waitSummary(p, qc.summary);
    assert.deepEqual(wasm.filter((n) => n === 'yibao_bg.wasm'), ['yibao_bg.wasm'], `fetched once: ${wasm.join(' ')}`);
    await p.close();
  });

  test('a change of status is answered by the full module, as the CLI answers it', async () => {
    const { p } = await open();
    await fill(p, { ...PERSON, identities: [] });
    const change = { registered_on: '2023-10-15', identities_then: [], changed_on: '2023-11-20' };
    await openFold(p, '#more-change');
    await p.fill('#f-ch_reg', change.registered_on);
    await p.fill('#f-ch_on', change.changed_on);
    await p.locator('#f-ch_on').blur();
    const q = cli({ ...PERSON, date: today(), change }).out;
    await waitSummary(p, q.summary);
    await p.close();
  });

  test('the full module cannot be loaded: the headline says so; the next change tries again', async () => {
    const { p } = await open();
    await fill(p, PERSON);
    const seen = s.log.errors.length;
    let fail = true;
    await p.route(/\/yibao(_bg\.wasm(\.js)?|\.iife\.js)$/, (route) => (fail ? route.abort() : route.continue()));
    await openFold(p, '#more-bill');
    await p.fill('#f-bill_in_scope', '30000');
    await p.waitForFunction(() => /下载失败/.test(document.getElementById('summary').textContent));
    fail = false;
    await p.fill('#f-bill_in_scope', '30001');
    const q = cli({ ...PERSON, date: today(), bill: { in_scope: 30001 } }).out;
    await waitSummary(p, q.summary);
    await p.close();
    // The refused fetches are the browser's console lines here, and only those.
    const mine = s.log.errors.splice(seen);
    assert.ok(mine.length && mine.every((e) => /Failed to load resource: net::ERR_FAILED/.test(e)), mine.join('\n'));
  });

  test('the embed in <iframe sandbox="allow-scripts"> (no fetch without CORS) answers a bill from the full module\'s base64 copy', async () => {
    const p = await s.page();
    const urls = [];
    p.on('request', (r) => urls.push(new URL(r.url()).pathname));
    const parent = `${s.url}__parent-full.html`;
    await p.route(parent, (route) => route.fulfill({
      contentType: 'text/html; charset=utf-8',
      body: '<!doctype html><title>portal</title><iframe id="yibao" src="/embed.html?region=yuyao&amp;year=2024" sandbox="allow-scripts" title="医保算" style="width:100%;height:900px"></iframe>',
    }));
    await p.goto(parent);
    const f = await (await p.waitForSelector('#yibao')).contentFrame();
    assert.equal(await f.evaluate(() => String(self.origin)), 'null', 'opaque origin');
    await f.waitForSelector('#f-birth');
    await f.check('#f-hukou-local');
    await f.selectOption('#f-school', 'none');
    await f.locator('#more-bill > summary').click();
    await f.fill('#f-bill_in_scope', '30000');
    await f.locator('#f-birth').fill('1980-05-17');
    await f.locator('#f-birth').press('Enter');
    const q = cli({ ...PERSON, date: today(), bill: { in_scope: 30000 } }).out;
    await f.waitForFunction((t) => ['next-step', 'as-of', 'summary', 'in-force'].map((id) => {
      const n = document.getElementById(id);
      return n && !n.hidden ? n.textContent : '';
    }).join('') === t, q.summary, { timeout: 10000 });
    assert.ok(urls.includes('/yibao_bg.wasm.js'), `the full module from its base64 script: ${urls.join(' ')}`);
    assert.ok(!urls.includes('/yibao_bg.wasm'), 'no doomed fetch of the .wasm');
    await p.close();
  });

  s.clean();
});
