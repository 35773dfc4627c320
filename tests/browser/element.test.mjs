// The <yibao-calculator> element (yibao-calculator.js) on a host page under
// the strict Content-Security-Policy header scripts/serve.mjs sends:
// element-demo.html, two elements (余姚 2024, and 白银 in elder mode,
// compact) and a host stylesheet that tries to restyle everything. Each
// element answers by keyboard and fires `yibao-result` with the CLI's figures
// for the same request; the host's CSS does not reach inside and the
// element's does not leak out; the .wasm and the CSS come from beside the
// script, or from `wasm-url`; its layout follows its own width.
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CSP } from '../../scripts/serve.mjs';
import { DIST, axeSource, cli, session, shotPath } from './lib.mjs';

const DAY = '2026-12-01';

// An init script: every yibao-result the page hears (on document: the event
// bubbles out of the shadow root) with the element it came from, and every
// CSP violation (as lib.mjs's recordViolations).
function init() {
  window.results = [];
  document.addEventListener('yibao-result', (e) => {
    window.results.push({ from: e.target.id, detail: JSON.parse(JSON.stringify(e.detail)) });
  });
  window.violations = [];
  document.addEventListener('securitypolicyviolation', (e) => {
    window.violations.push(`${e.effectiveDirective} ${e.blockedURI}`);
  });
}

const results = (page, from) => page.evaluate((id) => window.results.filter((r) => r.from === id), from);

// The last yibao-result from the element `from` whose request has the
// fields of `match` (compared as JSON).
async function waitResult(page, from, match) {
  const fits = (d) => Object.keys(match).every((k) => JSON.stringify(d.request[k]) === JSON.stringify(match[k]));
  for (let i = 0; i < 150; i++) {
    const hit = (await results(page, from)).filter((r) => fits(r.detail)).pop();
    if (hit) return hit.detail;
    await page.waitForTimeout(100);
  }
  throw new Error(`no yibao-result from ${from} with ${JSON.stringify(match)}: ${JSON.stringify(await results(page, from)).slice(0, 600)}`);
}

// The focused element, inside the element's shadow root too.
const focused = (page) => page.evaluate(() => {
  let el = document.activeElement;
  const path = [];
  while (el && el.shadowRoot && el.shadowRoot.activeElement) {
    path.push(el.id);
    el = el.shadowRoot.activeElement;
  }
  const cs = getComputedStyle(el);
  return { host: path.join('/'), id: el.id, tag: el.tagName, text: (el.textContent || '').trim().slice(0, 20), ring: cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) >= 2 };
});

async function tabTo(page, want, max = 120) {
  const stops = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const f = await focused(page);
    stops.push(f);
    if (want(f)) return f;
  }
  throw new Error(`focus never got there: ${JSON.stringify(stops.slice(-6))}`);
}

// Computed styles inside an element's shadow root (sel is looked up there).
const inside = (page, host, sel, props) => page.evaluate(({ host: h, sel: s, props: ps }) => {
  const n = document.getElementById(h).shadowRoot.querySelector(s);
  const cs = getComputedStyle(n);
  const out = {};
  ps.forEach((p) => {
    out[p] = cs.getPropertyValue(p);
  });
  return out;
}, { host, sel, props });

describe('<yibao-calculator> on a host page with a strict CSP', () => {
  const s = session();
  let page;
  const seen = [];

  before(async () => {
    page = await s.pageOn(DAY, { width: 800, height: 900 }, init);
    page.on('request', (r) => seen.push(new URL(r.url()).pathname));
    await page.goto(s.url + 'element-demo.html');
    await page.waitForSelector('#calc-yuyao #f-birth', { timeout: 15000 });
    await page.waitForSelector('#calc-baiyin #f-birth', { timeout: 15000 });
  });

  test('the server sends the strict policy; the demo page carries it and loads the element from its own folder', async () => {
    const r = await fetch(s.url + 'element-demo.html');
    assert.equal(r.headers.get('content-security-policy'), CSP);
    assert.doesNotMatch(CSP, /'unsafe-inline'/);
    const html = await r.text();
    assert.match(html, /<script src="yibao-calculator.js"><\/script>/);
    assert.doesNotMatch(html, /yibao\.iife\.js|app\.js/, 'the element brings its own library');
    // The element is not on the page's path: index.html and embed.html never load it.
    for (const f of ['index.html', 'embed.html']) assert.doesNotMatch(readFileSync(join(DIST, f), 'utf8'), /yibao-calculator/, f);
    assert.doesNotMatch(readFileSync(join(DIST, 'app.js'), 'utf8'), /customElements|attachShadow/, 'app.js has no element code');
  });

  test('余姚 2024 by keyboard alone: Tab into the element, type, Enter; the event has the CLI\'s figures', async () => {
    const first = await tabTo(page, (f) => f.host === 'calc-yuyao' && f.id === 'f-region');
    assert.ok(first.ring, 'a visible focus ring inside the element, whatever the host says about :focus');
    await tabTo(page, (f) => f.host === 'calc-yuyao' && f.id === 'f-birth');
    await page.keyboard.type('1980-05-17');
    await tabTo(page, (f) => f.host === 'calc-yuyao' && f.id === 'f-hukou-local');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowUp');
    // 在读 is asked too (nothing about the person is pre-filled).
    await tabTo(page, (f) => f.host === 'calc-yuyao' && f.id === 'f-school-none');
    await page.keyboard.press('Space');
    await tabTo(page, (f) => f.host === 'calc-yuyao' && f.tag === 'BUTTON' && f.text === '计算');
    await page.keyboard.press('Enter');
    const f = await focused(page);
    assert.deepEqual([f.host, f.id], ['calc-yuyao', 'result-h'], 'focus moves to the result, inside the element');

    const d = await waitResult(page, 'calc-yuyao', { birth_date: '1980-05-17', hukou: 'local' });
    assert.equal(d.request.region, 'yuyao');
    assert.equal(d.request.benefit_year, 2024);
    assert.equal(d.request.date, DAY, "today's date, from the page's clock");
    const want = cli(d.request).out;
    assert.deepEqual(d.quote, want, 'the event carries what quote() and the CLI give for its request');
    assert.deepEqual(d.cases, [{ when: [], request: d.request, quote: want }]);
    // The notice's figures (余政办发〔2023〕80号 二(一)3(1)).
    assert.deepEqual([d.quote.personal_fee, d.quote.ltc_fee, d.quote.subsidy, d.quote.to_pay], ['780.00', '30.00', '2090.00', '780.00']);
    assert.equal(d.quote.as_of.beyond_newest, true, 'asked in 2026: the newest notice, and it says so');
    const shown = await page.locator('#calc-yuyao [data-fig="to_pay"]').textContent();
    assert.equal(shown.replace(/[,\s元]/g, ''), want.to_pay);
    // One event for each new answer: never the same request twice running.
    const all = (await results(page, 'calc-yuyao')).map((r) => JSON.stringify(r.detail.request));
    all.slice(1).forEach((r, i) => assert.notEqual(r, all[i], 'a repeated event'));
    // The host's own script heard it too.
    await page.waitForSelector('#results li[data-from="calc-yuyao"]');
    assert.match(await page.locator('#results li[data-from="calc-yuyao"]').last().textContent(), /780\.00/);
  });

  test('白银 (elder, compact): a second element on the page, its own answers and event', async () => {
    await page.selectOption('#calc-baiyin #f-district', 'huining');
    await page.locator('#calc-baiyin #more-id > summary').click();
    await page.check('#calc-baiyin #f-id-dibao_full');
    await page.check('#calc-baiyin #f-id-tuopin');
    await page.check('#calc-baiyin #f-hukou-local');
    await page.selectOption('#calc-baiyin #f-school', 'none');
    await page.fill('#calc-baiyin #f-birth', '1956-11-20');
    await page.locator('#calc-baiyin #calc').click();
    const d = await waitResult(page, 'calc-baiyin', { birth_date: '1956-11-20', identities: ['dibao_full', 'tuopin'] });
    assert.equal(d.request.district, 'huining');
    assert.deepEqual(d.quote, cli(d.request).out);
    // 市医保发〔2022〕47号: 350 fee, 250 assistance (就高不重复), 100 to pay.
    assert.deepEqual([d.quote.personal_fee, d.quote.assistance, d.quote.to_pay], ['350.00', '250.00', '100.00']);
    // The first element kept its own answer.
    assert.equal(await page.locator('#calc-yuyao #f-birth').inputValue(), '1980-05-17');
    assert.equal(await page.locator('#calc-baiyin #f-region').inputValue(), 'baiyin');
    await page.screenshot({ path: shotPath('element-demo.png'), fullPage: true });
  });

  test('axe finds nothing serious inside either element (answers shown, every fold open)', async (t) => {
    // A page of its own, not watched: axe adds inline <style>s, which the CSP refuses (and reports).
    const p = await s.context.newPage();
    await p.goto(s.url + 'element-demo.html');
    await p.waitForSelector('#calc-baiyin #f-birth', { timeout: 15000 });
    await p.fill('#calc-yuyao #f-birth', '1980-05-17');
    await p.check('#calc-yuyao #f-hukou-local');
    await p.check('#calc-yuyao #f-school-none');
    await p.selectOption('#calc-baiyin #f-district', 'huining');
    await p.check('#calc-baiyin #f-hukou-local');
    await p.selectOption('#calc-baiyin #f-school', 'none');
    await p.fill('#calc-baiyin #f-birth', '1956-11-20');
    await p.locator('#calc-baiyin #calc').click();
    await p.waitForSelector('#calc-yuyao [data-fig="to_pay"]', { state: 'attached' });
    await p.evaluate(() => ['calc-yuyao', 'calc-baiyin'].forEach((id) => document.getElementById(id).shadowRoot.querySelectorAll('details').forEach((d) => {
      d.open = true;
    })));
    await p.evaluate(axeSource());
    const r = await p.evaluate(() => window.axe.run({ include: [['#calc-yuyao'], ['#calc-baiyin']] }, { resultTypes: ['violations'] }));
    for (const v of r.violations) t.diagnostic(`axe ${v.impact}: ${v.id} (${v.nodes.length}) ${v.help}`);
    const bad = r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    assert.deepEqual(bad.map((v) => `${v.id}: ${v.nodes.map((n) => JSON.stringify(n.target)).slice(0, 5).join(', ')}`), []);
    await p.close();
  });

  test('the host\'s stylesheet does not reach inside either element', async () => {
    // Inherited from the host element (font, colour, line height, letter
    // spacing, text transform, alignment): none gets in.
    const root = await inside(page, 'calc-yuyao', '.yb', ['font-size', 'line-height', 'color', 'letter-spacing', 'text-transform', 'text-align', 'font-family']);
    assert.equal(root['font-size'], '17px');
    assert.equal(root['line-height'], '27.2px');
    assert.equal(root.color, 'rgb(27, 27, 27)');
    assert.equal(root['letter-spacing'], 'normal');
    assert.equal(root['text-transform'], 'none');
    assert.equal(root['text-align'], 'start');
    assert.doesNotMatch(root['font-family'], /Georgia/);
    // Rules for button, label, .hint, .summary, :focus (with !important): none applies.
    const btn = await inside(page, 'calc-yuyao', '#calc', ['background-color', 'color', 'font-size', 'min-height']);
    assert.deepEqual(btn, { 'background-color': 'rgb(10, 88, 168)', color: 'rgb(255, 255, 255)', 'font-size': '17px', 'min-height': '48px' });
    assert.notEqual((await inside(page, 'calc-yuyao', 'label[for="f-birth"]', ['display'])).display, 'none');
    assert.notEqual((await inside(page, 'calc-yuyao', '#hint-birth', ['display'])).display, 'none');
    // The host's .summary would be 30 px on a dark ground: the element's is its own.
    const summary = await inside(page, 'calc-yuyao', '#summary', ['font-size', 'background-color']);
    assert.deepEqual(summary, { 'font-size': '21.25px', 'background-color': 'rgb(232, 241, 251)' });
    // Elder mode (大字模式) in the second: no text under 18 px, targets of 60 px.
    assert.equal((await inside(page, 'calc-baiyin', '.yb', ['font-size']))['font-size'], '22px');
    const small = await page.evaluate(() => {
      const out = [];
      const walk = (root) => root.querySelectorAll('*').forEach((n) => {
        const t = Array.prototype.some.call(n.childNodes, (c) => c.nodeType === 3 && c.textContent.trim());
        if (t && n.getClientRects().length && parseFloat(getComputedStyle(n).fontSize) < 18) out.push(n.tagName + ' ' + n.className + ' ' + getComputedStyle(n).fontSize);
      });
      walk(document.getElementById('calc-baiyin').shadowRoot);
      return out;
    });
    assert.deepEqual(small, []);
    const targets = await page.evaluate(() => Array.prototype.map.call(
      document.getElementById('calc-baiyin').shadowRoot.querySelectorAll('input[type=text], select, button'),
      (n) => [n.id || n.textContent, n.getBoundingClientRect().height]).filter((x) => x[1] > 0 && x[1] < 60));
    assert.deepEqual(targets, []);
  });

  test('the element\'s stylesheet does not leak into the host', async () => {
    // The host's own .summary and .hint keep the host's rules.
    const host = await page.evaluate(() => {
      const cs = (sel) => getComputedStyle(document.querySelector(sel));
      return { summary: cs('article .summary').fontSize, summaryBg: cs('article .summary').backgroundColor, hint: cs('article .hint').display, body: cs('body').fontFamily,
        sheets: document.styleSheets.length, hrefs: Array.prototype.map.call(document.styleSheets, (x) => x.href) };
    });
    assert.equal(host.summary, '30px');
    assert.equal(host.summaryBg, 'rgb(34, 34, 34)');
    assert.equal(host.hint, 'none');
    assert.match(host.body, /Georgia/);
    assert.deepEqual(host.hrefs, [s.url + 'element-demo.css'], 'the element adds no stylesheet to the document');
  });

  test('the .wasm, its base64 copy and the CSS come from beside the script; no violation', async () => {
    assert.equal(seen.filter((u) => u === '/yibao_bg.wasm').length, 1, 'one .wasm for both elements: ' + seen.join(' '));
    assert.ok(seen.includes('/yibao-calculator.css'), seen.join(' '));
    assert.deepEqual(await page.evaluate(() => window.violations), []);
  });

  test('a page in another folder: the files are found by the script\'s URL, or at wasm-url', async () => {
    const p = await s.pageOn(DAY, { width: 700, height: 900 }, init);
    const got = [];
    p.on('request', (r) => got.push(new URL(r.url()).pathname));
    const html = (body) => ({ status: 200, headers: { 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': CSP }, body:
      `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>host</title>${body}</head><body>` +
      '<yibao-calculator id="a" region="cixi"></yibao-calculator></body></html>' });
    // The script at /lib/…, the .wasm given by wasm-url at the top.
    await p.route(s.url + 'lib/**', (route) => {
      const name = new URL(route.request().url()).pathname.slice(5);
      // A .wasm that does not compile (a portal that mangles unknown types).
      if (name.endsWith('.wasm')) return route.fulfill({ status: 200, contentType: 'application/wasm', body: 'not a wasm module' });
      return route.fulfill({ status: 200, contentType: name.endsWith('.css') ? 'text/css' : 'text/javascript', body: readFileSync(join(DIST, name)) });
    });
    await p.route(s.url + 'deep/folder/host.html', (route) => route.fulfill(html('<script src="/lib/yibao-calculator.js"></script>')));
    await p.goto(s.url + 'deep/folder/host.html');
    // Without wasm-url: next to the script (broken here), then its base64 copy, also next to it.
    await p.waitForSelector('#a #f-birth', { timeout: 15000 });
    assert.ok(got.includes('/lib/yibao_bg.wasm') && got.includes('/lib/yibao_bg.wasm.js') && got.includes('/lib/yibao-calculator.css'), got.join(' '));
    assert.ok(!got.some((u) => u.startsWith('/deep/folder/yibao')), 'nothing relative to the page: ' + got.join(' '));
    await p.fill('#a #f-birth', '2020-06-01');
    await p.check('#a #f-hukou-local');
    await p.check('#a #f-school-none');
    await p.locator('#a #f-birth').blur();
    const d = await waitResult(p, 'a', { region: 'cixi', birth_date: '2020-06-01' });
    assert.deepEqual(d.quote, cli(d.request).out);
    assert.deepEqual(await p.evaluate(() => window.violations), []);
    await p.close();

    const q = await s.pageOn(DAY, { width: 700, height: 900 }, init);
    const got2 = [];
    q.on('request', (r) => got2.push(new URL(r.url()).pathname));
    await q.route(s.url + 'deep/folder/host.html', (route) => route.fulfill({ status: 200, headers: { 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': CSP },
      body: '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>host</title><script src="/yibao-calculator.js"></script></head><body>' +
        '<yibao-calculator id="a" region="yuyao" wasm-url="/yibao_bg.wasm"></yibao-calculator></body></html>' }));
    await q.goto(s.url + 'deep/folder/host.html');
    await q.waitForSelector('#a #f-birth', { timeout: 15000 });
    assert.ok(got2.includes('/yibao_bg.wasm'), got2.join(' '));
    assert.ok(!got2.includes('/yibao_bg.wasm.js'), 'the .wasm at wasm-url compiled');
    await q.close();
  });

  test('its layout follows its own width, not the window\'s', async () => {
    const p = await s.pageOn(DAY, { width: 1400, height: 900 }, init);
    await p.goto(s.url + 'element-demo.html');
    await p.waitForSelector('#calc-yuyao #f-birth', { timeout: 15000 });
    const layout = () => p.evaluate(() => {
      const r = document.getElementById('calc-yuyao').shadowRoot;
      const form = r.querySelector('#form').getBoundingClientRect();
      const res = r.querySelector('#result').getBoundingClientRect();
      return { cls: r.querySelector('.yb-size').className, side: res.left >= form.right - 1, width: document.getElementById('calc-yuyao').getBoundingClientRect().width };
    });
    // In the demo's 760 px column on a 1,400 px window: one column.
    let l = await layout();
    assert.ok(l.width < 900, JSON.stringify(l));
    assert.equal(l.side, false, JSON.stringify(l));
    // The same element given the whole width (CSSOM, allowed by the CSP): the answer beside the form.
    await p.evaluate(() => {
      document.body.style.maxWidth = 'none';
    });
    await p.waitForFunction(() => /yb-min-900/.test(document.getElementById('calc-yuyao').shadowRoot.querySelector('.yb-size').className));
    l = await layout();
    assert.equal(l.side, true, JSON.stringify(l));
    await p.close();
  });

  s.clean();
});
