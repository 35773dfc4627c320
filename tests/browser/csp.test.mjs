// The page under its Content-Security-Policy (the <meta> of each page and the
// header scripts/serve.mjs sends, as a host would): it loads and answers with
// no violation, from the .wasm and from the base64 copy (yibao-lite_bg.wasm.js),
// on the page and in the sandboxed embed; and the policy is in force (an
// inline script does not run).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { CSP } from '../../scripts/serve.mjs';
import { cli, figure, recordViolations, session, today, waitSummary } from './lib.mjs';

const HASH = '#region=yuyao&year=2024&birth=1980-05-17&hukou=local&school=none';
const answer = () => cli({ region: 'yuyao', benefit_year: 2024, date: today(), birth_date: '1980-05-17', hukou: 'local', school: 'none' }).out;

describe('Content-Security-Policy', () => {
  const s = session();

  test('the server sends the policy the pages carry', async () => {
    for (const page of ['index.html', 'embed.html']) {
      const r = await fetch(s.url + page);
      assert.equal(r.headers.get('content-security-policy'), CSP, page);
      const html = await r.text();
      assert.ok(html.includes(`<meta http-equiv="Content-Security-Policy" content="${CSP}">`), `${page} carries it in a <meta>`);
    }
  });

  test('the page loads and answers with no violation; an inline script does not run', async () => {
    const p = await s.page(null, recordViolations);
    await p.goto(s.url + HASH);
    await waitSummary(p, answer().summary);
    assert.equal(await figure(p, 'personal_fee'), answer().personal_fee);
    assert.deepEqual(await p.evaluate(() => window.violations), []);
    // Not watched for console errors: this one is meant to be refused.
    const probe = await s.context.newPage();
    await probe.addInitScript(recordViolations);
    await probe.goto(s.url + HASH);
    const ran = await probe.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'window.inlineRan = true;';
      document.head.appendChild(script);
      return window.inlineRan === true;
    });
    assert.equal(ran, false, 'an inline script is refused');
    await probe.waitForFunction(() => window.violations.length > 0);
    assert.match((await probe.evaluate(() => window.violations))[0], /^script-src/);
    await probe.close();
    await p.close();
  });

  test('with a .wasm that does not compile, the base64 copy loads under the policy', async () => {
    const p = await s.page(null, recordViolations);
    await p.route('**/yibao-lite_bg.wasm', (route) => route.fulfill({ status: 200, contentType: 'application/wasm', body: Buffer.from('not a wasm module') }));
    const seen = [];
    p.on('request', (r) => seen.push(new URL(r.url()).pathname));
    await p.goto(s.url + HASH);
    await waitSummary(p, answer().summary);
    assert.ok(seen.includes('/yibao-lite_bg.wasm.js'), seen.join(' '));
    assert.deepEqual(await p.evaluate(() => window.violations), []);
    await p.close();
  });

  test('embed.html in <iframe sandbox="allow-scripts"> loads under the policy', async () => {
    const p = await s.page({ width: 800, height: 900 }, recordViolations);
    const parent = `${s.url}__parent.html`;
    await p.route(parent, (route) => route.fulfill({
      contentType: 'text/html; charset=utf-8',
      body: `<!doctype html><title>portal</title><iframe src="/embed.html${HASH}" sandbox="allow-scripts" title="医保算"></iframe>`,
    }));
    await p.goto(parent);
    let frame = null;
    await p.waitForFunction(() => document.querySelector('iframe').contentWindow !== null);
    for (let i = 0; i < 100 && !frame; i++) {
      frame = p.frames().find((f) => f.url().includes('/embed.html'));
      if (!frame) await p.waitForTimeout(50);
    }
    // (Attached: the embed keeps the breakdown folded.)
    await frame.waitForSelector('[data-fig="personal_fee"]', { state: 'attached', timeout: 15000 });
    assert.equal(await frame.evaluate(() => String(self.origin)), 'null', 'opaque origin');
    assert.equal(plainFee(await frame.locator('[data-fig="personal_fee"]').textContent()), answer().personal_fee);
    assert.deepEqual(await frame.evaluate(() => window.violations), []);
    await p.close();
  });

  s.clean();
});

const plainFee = (t) => t.replace(/[,\s元]/g, '');
