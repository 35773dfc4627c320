// Issue 24 (points 2-8), on 2026-12-06 (Playwright's clock): the page asks
// instead of assuming; a baby's parent is asked in the parent's words; the
// elder bar is small and never over a control; the embed's host is sent the
// answer's first line; the share link is on the screen; the hotline's keys
// and three callers' keystrokes; the length of the page with a bill and with
// a family, print with a bill, the chart's axis; 浙里办's bridge, a web
// view's text scaling, a sandboxed frame; screenshots of each layout.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { axe, cli, figure, session, shotPath, waitSummary } from './lib.mjs';

const TODAY = '2026-12-06';
const PHONE = { width: 360, height: 740 };
const DESK = { width: 1280, height: 800 };
const BILL = 'region=yuyao&birth=1980-05-17&hukou=local&school=none&in_scope=30000&self_paid=5000&v=3';
const PERSON = { school: 'none', employee_insurance: false, identities: [], date: TODAY };

// Every visible control of the page (radios and checkboxes by their label).
function controls() {
  const out = [];
  for (const n of document.querySelectorAll('a[href], button, select, textarea, summary, input')) {
    const t = n.type === 'checkbox' || n.type === 'radio' ? n.closest('.opt') || n : n;
    if (n.closest('.peek')) continue;
    const r = t.getBoundingClientRect();
    if (r.width > 0 && r.height > 0 && n.checkVisibility({ visibilityProperty: true })) out.push({ id: n.id || n.textContent.trim().slice(0, 12), top: r.top, bottom: r.bottom, left: r.left, right: r.right });
  }
  return out;
}

// What the fixed bottom bar covers: visible controls under it (none when it is hidden).
function underBar() {
  const bar = document.querySelector('.peek');
  if (!bar || bar.hidden || getComputedStyle(bar).visibility === 'hidden') return [];
  const b = bar.getBoundingClientRect();
  return window.__controls().filter((c) => c.bottom > b.top + 0.5 && c.top < b.bottom && c.right > b.left && c.left < b.right).map((c) => c.id);
}

// For each page of a tagged PDF (Chromium's page.pdf({ tagged: true })):
// its structure elements, and how many of them are outside every figure.
export function pdfPages(pdf) {
  const text = pdf.toString('latin1');
  const pages = [];
  const pageRe = /(\d+) 0 obj\s*<<\/Type \/Page\b(?!s)/g;
  for (let m = pageRe.exec(text); m; m = pageRe.exec(text)) pages.push(m[1]);
  const elems = {};
  const re = /(\d+) 0 obj\s*<<\/Type \/StructElem([\s\S]*?)>>\s*endobj/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const body = m[2];
    elems[m[1]] = { s: (/\/S \/(\w+)/.exec(body) || [])[1], p: (/\/P (\d+) 0 R/.exec(body) || [])[1], pg: (/\/Pg (\d+) 0 R/.exec(body) || [])[1] };
  }
  const inFigure = (id) => {
    for (let e = elems[id], n = 0; e && n < 200; e = elems[e.p], n++) if (e.s === 'Figure') return true;
    return false;
  };
  return pages.map((pg) => {
    const ids = Object.keys(elems).filter((id) => elems[id].pg === pg);
    return { all: ids.length, outside: ids.filter((id) => !inFigure(id)).length };
  });
}

describe(`issue 24 on ${TODAY}`, () => {
  const s = session();
  const open = async (viewport, init) => {
    const page = await s.pageOn(TODAY, viewport, init);
    await page.addInitScript(`window.__controls = ${controls}; window.__underBar = ${underBar};`);
    return page;
  };

  test('2. nothing about the person is pre-filled: 户籍 and 在读 are questions, not errors', async () => {
    const page = await open(PHONE);
    await page.goto(s.url);
    await page.waitForSelector('#f-birth');
    const ticked = await page.evaluate(() => Array.from(document.querySelectorAll('#form input')).filter((i) => i.checked).map((i) => i.id));
    assert.deepEqual(ticked, [], 'no answer ticked');
    await page.fill('#f-birth', '1990-02-03');
    await page.locator('#f-birth').blur();
    await page.waitForFunction(() => /户籍/.test(document.getElementById('questions').textContent));
    const qs = await page.locator('#questions li').allTextContents();
    assert.ok(qs.some((q) => /余姚市户籍/.test(q)) && qs.some((q) => /在读/.test(q)), qs.join(' / '));
    assert.equal(await page.locator('[data-fig]').count(), 0, 'no answer assumed');
    assert.equal(await page.locator('.invalid, [aria-invalid="true"]').count(), 0, 'a question is not an error');
    assert.equal(await page.locator('#box-hukou.asked').count(), 1, 'marked as asked');
    await page.check('#f-hukou-nonlocal');
    await page.check('#f-school-none');
    await page.check('#f-permit-yes');
    await waitSummary(page, cli({ ...PERSON, region: 'yuyao', birth_date: '1990-02-03', hukou: 'nonlocal', residence_permit: true }).out.summary);
    await page.close();
  });

  test('2. a 慈溪 baby without local 户籍: the parent is asked first, in the parent\'s words', async () => {
    const page = await open(PHONE);
    await page.goto(s.url);
    await page.waitForSelector('#f-birth');
    await page.selectOption('#f-region', 'cixi');
    await page.fill('#f-birth', '2026-10-15');
    await page.locator('#f-birth').blur();
    await page.check('#f-hukou-nonlocal');
    await page.check('#f-school-none');
    const name = await page.locator('#f-region option:checked').textContent();
    assert.equal(name, '慈溪市（推断）');
    const ask = `孩子的爸爸或妈妈是否持有${name}有效居住证？`;
    await page.waitForFunction((t) => document.getElementById('questions').textContent.includes(t), ask);
    assert.doesNotMatch(await page.locator('#questions').textContent(), /本人是否持有/, 'never the baby\'s own permit');
    assert.equal(await page.locator('#box-permit').isVisible(), false);
    assert.equal(await page.locator('#box-np_permit legend').textContent(), ask);
    await page.check('#f-np_permit-yes');
    await page.fill('#f-np_months', '24');
    await page.check('#f-np_normal-yes');
    const q = cli({ ...PERSON, region: 'cixi', birth_date: '2026-10-15', hukou: 'nonlocal',
      newborn_parent: { residence_permit: true, employee_insurance_months: 24, insured_normal: true } }).out;
    await waitSummary(page, q.summary);
    assert.equal(q.eligible, true);
    await page.close();
  });

  test('3. elder mode: the bottom bar is at most 15 % of the screen and never over a control', async (t) => {
    const page = await open(PHONE);
    await page.goto(`${s.url}?mode=elder#${BILL}`);
    await page.waitForSelector('[data-fig="ynb_total"]');
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.waitForFunction(() => !document.querySelector('.peek').hidden);
    const h = await page.locator('.peek').evaluate((n) => n.getBoundingClientRect().height);
    t.diagnostic(`elder bar: ${h}px of 740 (${(h / 7.4).toFixed(1)} %)`);
    assert.ok(h <= 0.15 * 740, `bar ${h}px`);
    assert.ok(await page.locator('.peek').evaluate((n) => parseFloat(getComputedStyle(n).fontSize)) >= 18);
    await page.screenshot({ path: shotPath('i24-360-elder.png') });
    // Every Tab stop from the top: the focused control is never under the bar.
    await page.locator('#elder-toggle').focus();
    const covered = [];
    for (let i = 0; i < 45; i++) {
      await page.keyboard.press('Tab');
      const c = await page.evaluate(() => {
        const bar = document.querySelector('.peek');
        const f = document.activeElement;
        const r = (f.type === 'radio' || f.type === 'checkbox' ? f.closest('.opt') : f).getBoundingClientRect();
        return !bar.hidden && getComputedStyle(bar).visibility !== 'hidden' && r.bottom > bar.getBoundingClientRect().top + 0.5 ? f.id || f.textContent.slice(0, 10) : null;
      });
      if (c) covered.push(c);
    }
    assert.deepEqual(covered, [], 'focused controls under the bar');
    // Scrolled anywhere, in steps: no control under the bar, 计算 included.
    const total = await page.evaluate(() => document.documentElement.scrollHeight);
    const under = [];
    let shown = -1;
    for (let y = 0; y < total; y += 173) {
      await page.evaluate((v) => window.scrollTo(0, v), y);
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
      const u = await page.evaluate(() => window.__underBar());
      if (u.length) under.push(`${y}: ${u.join(',')}`);
      if (shown < 0 && await page.evaluate(() => { const b = document.querySelector('.peek'); return !b.hidden && getComputedStyle(b).visibility !== 'hidden'; })) shown = y;
    }
    t.diagnostic(`the bar shows first at scroll ${shown}px`);
    assert.ok(shown > 0, 'the bar shows somewhere');
    await page.evaluate((v) => window.scrollTo(0, v), shown);
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    await page.screenshot({ path: shotPath('i24-360-elder-bar.png') });
    assert.deepEqual(under, [], 'scroll positions with a control under the bar');
    await page.close();
  });

  // 4. The embed in a host page of another origin (localhost vs 127.0.0.1), sandboxed.
  const HOST = (src) => `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>新闻解读</title><link rel="icon" href="data:,"></head><body><h1>居民医保怎么缴？</h1><p style="height:900px">正文……</p>
<iframe id="yibao" src="${src}" title="医保算" sandbox="allow-scripts" style="width:100%;border:0;height:600px"></iframe><p style="height:1200px">（正文完）</p>
<script>
window.asked = [];
window.addEventListener('message', function (e) {
  if (typeof e.data !== 'string') return;
  var m = e.data.split('xPYMx');
  var frame = document.getElementById(m[1]);
  if (m.length !== 4 || !frame || e.source !== frame.contentWindow) return;
  var px = parseInt(m[3], 10);
  if (m[2] === 'height') frame.style.height = px + 'px';
  if (m[2] === 'scrollToChildPos') { window.asked.push(px); window.scrollTo(0, frame.getBoundingClientRect().top + window.pageYOffset + px); }
});
</script></body></html>`;

  // The host: another origin (its own server on another port), a context
  // of its own on the same day; its page and frame errors are the session's.
  async function host(viewport, path) {
    const server = createServer((req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(HOST(`${s.url}${path}`));
    });
    await new Promise((r) => server.listen(0, '127.0.0.1', r));
    const ctx = await s.browser.newContext({ viewport });
    await ctx.clock.setFixedTime(new Date(`${TODAY}T10:00:00+08:00`));
    const page = await ctx.newPage();
    page.on('pageerror', (e) => s.log.errors.push(`pageerror: ${e.message}`));
    page.on('request', (r) => {
      if (!r.url().startsWith(s.url) && !r.url().startsWith(`http://127.0.0.1:${server.address().port}/`) && !r.url().startsWith('data:')) s.log.requests.push(r.url());
    });
    page.on('close', () => server.close());
    await page.goto(`http://127.0.0.1:${server.address().port}/news.html`);
    const frame = await (await page.waitForSelector('#yibao')).contentFrame();
    await frame.waitForSelector('#f-birth');
    return { page, frame };
  }

  for (const viewport of [PHONE, DESK]) {
    test(`4. embed at ${viewport.width}px, cross-origin and sandboxed: the host scrolls to the answer's first line`, async (t) => {
      const { page, frame } = await host(viewport, 'embed.html?region=yuyao&childId=yibao');
      assert.equal(await frame.evaluate(() => String(self.origin)), 'null', 'sandboxed');
      await frame.fill('#f-birth', '1980-05-17');
      await frame.check('#f-hukou-local');
      await frame.selectOption('#f-school', 'none');
      await frame.click('#calc');
      await page.waitForFunction(() => window.asked.length > 0);
      const sent = await page.evaluate(() => window.asked[window.asked.length - 1]);
      const first = await frame.evaluate(() => {
        const h = document.getElementById('headline');
        const line = Array.from(h.children).filter((n) => !n.hidden)[0];
        return Math.floor(line.getBoundingClientRect().top + window.pageYOffset);
      });
      t.diagnostic(`scrollToChildPos ${sent}, the answer's first line at ${first}px in the frame`);
      assert.ok(Math.abs(sent - first) <= 2, `sent ${sent}, first line at ${first}`);
      await page.waitForFunction(() => Math.abs(document.getElementById('yibao').getBoundingClientRect().top + window.asked[window.asked.length - 1]) < 3);
      const onScreen = await frame.evaluate(() => document.getElementById('as-of').hidden ? document.getElementById('summary').textContent : document.getElementById('as-of').textContent);
      assert.match(onScreen, /余姚市/);
      await page.screenshot({ path: shotPath(`i24-embed-host-${viewport.width}.png`) });
      await page.close();
    });
  }

  test('5. the share link on the screen, selectable, with 复制; it says it carries the answers', async () => {
    const page = await open(PHONE);
    await page.goto(`${s.url}#region=yuyao&birth=1958-01-09&hukou=local&school=none&id=dibao&v=3`);
    await page.waitForSelector('[data-fig="to_pay"]');
    await page.click('#share');
    await page.waitForFunction(() => /已复制分享链接/.test(document.querySelector('.copy-msg').textContent));
    const link = await page.locator('#copy-text').inputValue();
    assert.match(link, /#region=yuyao&birth=1958-01-09&hukou=local&school=none&id=dibao&v=3$/);
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), link);
    assert.ok(await page.locator('#copy-text').isVisible(), 'on the screen');
    assert.match(await page.locator('#copy-note').textContent(), /特殊身份/);
    assert.ok(await page.locator('#copy-again').isVisible(), '复制 button');
    await page.close();
    // Refused: never "已复制"; the link selected, and how to copy it by hand.
    const refused = await open(PHONE, () => {
      Object.defineProperty(navigator, 'clipboard', { value: { writeText: () => Promise.reject(new DOMException('denied', 'NotAllowedError')) } });
    });
    await refused.goto(`${s.url}#region=yuyao&birth=1958-01-09&hukou=local&school=none&id=dibao&v=3`);
    await refused.waitForSelector('[data-fig="to_pay"]');
    await refused.click('#share');
    await refused.waitForFunction(() => /没能复制/.test(document.querySelector('.copy-msg').textContent));
    await refused.click('#copy-again');
    await refused.waitForFunction(() => /没能复制/.test(document.querySelector('.copy-msg').textContent));
    assert.doesNotMatch(await refused.locator('.copy-msg').textContent(), /已复制/);
    const sel = await refused.evaluate(() => { const a = document.getElementById('copy-text'); return [document.activeElement === a, a.selectionStart, a.selectionEnd, a.value.length]; });
    assert.deepEqual(sel.slice(0, 3), [true, 0, sel[3]], 'the link is selected');
    await refused.close();
  });

  // Keys pressed, one each (a chord such as Alt+Z is one).
  function keyboard(page) {
    const k = { n: 0 };
    k.press = async (key, times = 1) => {
      for (let i = 0; i < times; i++) await page.keyboard.press(key);
      k.n += times;
    };
    k.type = async (text) => {
      await page.keyboard.type(text);
      k.n += text.length;
    };
    return k;
  }
  const focused = (page) => page.evaluate(() => document.activeElement.id);

  test('6. hotline: from any field to the bill, the answer, the family and back in one key each', async () => {
    const page = await open(DESK);
    await page.goto(`${s.url}#region=yuyao&birth=1980-05-17&hukou=local&school=none&v=3`);
    await page.waitForSelector('[data-fig="to_pay"]');
    assert.match(await page.locator('#keys').textContent(), /Alt\+Z.*结算单/, 'the keys are announced');
    for (const from of ['#f-birth', '#f-school-none', '#f-employee', '#f-region']) {
      await page.locator(from).focus();
      await page.keyboard.press('Alt+Z');
      assert.equal(await focused(page), 'f-bill_in_scope', `${from} -> the bill`);
      await page.keyboard.press('Alt+J');
      assert.equal(await focused(page), 'result-h', `${from} -> the answer`);
      await page.keyboard.press('Alt+M');
      assert.equal(await focused(page), 'add-member', `${from} -> the family`);
      await page.keyboard.press('Alt+W');
      assert.equal(await focused(page), 'f-bill_in_scope', 'back to the field last left');
    }
    await page.locator('#f-birth').focus();
    await page.keyboard.press('Alt+J');
    await page.keyboard.press('Alt+W');
    assert.equal(await focused(page), 'f-birth', 'back');
    await page.close();
  });

  test('6. three callers by keyboard only: keystrokes counted', async (t) => {
    const page = await open(DESK);
    await page.goto(s.url);
    await page.waitForSelector('#f-birth');
    const counts = [];
    // 1: a 余姚 resident born 1980-05-17 with a bill of 30,000 个人自付.
    let k = keyboard(page);
    await page.locator('#f-region').focus();
    await k.press('Tab');
    await k.type('19800517');
    await k.press('Tab');
    await k.press('Space');
    await k.press('Tab');
    await k.press('Space');
    await k.press('Alt+Z');
    await k.type('30000');
    await k.press('Enter');
    assert.equal(await figure(page, 'ynb_total'), cli({ ...PERSON, region: 'yuyao', birth_date: '1980-05-17', hukou: 'local', bill: { in_scope: '30000' } }).out.yongningbao.payout.total);
    counts.push(['余姚市居民，有一张结算单', k.n]);
    // 2: a 慈溪 migrant parent, baby born 2026-10-15; the parent holds a permit, 24 months, insured.
    k = keyboard(page);
    await k.press('Alt+N');
    await k.press('ArrowDown', 2);
    assert.equal(await page.locator('#f-region').inputValue(), 'cixi');
    await k.press('Tab', 2);
    await k.type('20261015');
    await k.press('Tab');
    await k.press('ArrowDown');
    await k.press('Tab');
    await k.press('Space');
    assert.equal(await page.locator('#f-school-none').isChecked(), true);
    await k.press('Alt+J');
    await k.press('Tab');
    await k.press('Enter');
    assert.equal(await focused(page), 'f-np_permit-yes');
    await k.press('Space');
    await k.press('Tab');
    await k.type('24');
    await k.press('Tab');
    await k.press('Space');
    await k.press('Enter');
    const baby = cli({ ...PERSON, region: 'cixi', birth_date: '2026-10-15', hukou: 'nonlocal', newborn_parent: { residence_permit: true, employee_insurance_months: 24, insured_normal: true } }).out;
    await waitSummary(page, baby.summary);
    counts.push(['慈溪市外地父母，2026年10月出生的孩子', k.n]);
    // 3: a 白银市会宁县 resident born 1970-03-02 in 城市低保全额保障.
    k = keyboard(page);
    await k.press('Alt+N');
    await k.press('ArrowDown');
    assert.equal(await page.locator('#f-region').inputValue(), 'baiyin');
    await k.press('Tab');
    await k.press('ArrowDown');
    assert.equal(await page.locator('#f-district').inputValue(), 'huining');
    await k.press('Tab');
    await k.type('19700302');
    await k.press('Tab');
    await k.press('Space');
    await k.press('Tab');
    await k.press('Space');
    await k.press('Tab', 4);
    assert.equal(await focused(page), 'f-id-dibao_full');
    await k.press('Space');
    await k.press('Alt+J');
    const dibao = cli({ ...PERSON, region: 'baiyin', district: 'huining', birth_date: '1970-03-02', hukou: 'local', identities: ['dibao_full'] }).out;
    await waitSummary(page, dibao.summary);
    counts.push(['白银市会宁县城市低保全额保障对象', k.n]);
    const sum = counts.reduce((a, c) => a + c[1], 0);
    for (const c of counts) t.diagnostic(`${c[0]}: ${c[1]} keystrokes`);
    t.diagnostic(`three callers: ${sum} keystrokes`);
    assert.ok(sum <= 80, `${sum} keystrokes (158 before)`);
    await page.close();
  });

  test('7. length: the payout within 3 screens of the bill\'s last input; a family\'s total within 3 of its last member', async (t) => {
    const page = await open(PHONE);
    await page.goto(`${s.url}#${BILL}`);
    await page.waitForSelector('[data-fig="ynb_total"]');
    const gap = await page.evaluate(() => {
      const inputs = Array.from(document.querySelectorAll('#bill-form input')).filter((i) => i.checkVisibility());
      const last = inputs[inputs.length - 1].getBoundingClientRect().bottom;
      return document.getElementById('h-payout').getBoundingClientRect().top - last;
    });
    t.diagnostic(`bill: the payout's first line ${Math.round(gap)}px (${(gap / 740).toFixed(2)} screens) below the bill's last input`);
    assert.ok(gap >= 0 && gap <= 3 * 740, `${gap}px`);
    const fam = 'region=yuyao&birth=1985-04-12&hukou=local&school=none&v=3&m1.rel=self&m2.rel=spouse&m2.birth=1987-09-03&m2.hukou=local&m2.school=none' +
      '&m3.rel=child&m3.birth=2014-06-20&m3.hukou=local&m3.school=primary_secondary&m4.rel=parent&m4.birth=1955-02-01&m4.hukou=local&m4.school=none' +
      '&m5.rel=parent&m5.birth=1957-07-07&m5.hukou=local&m5.school=none';
    await page.goto(`${s.url}#${fam}`);
    await page.waitForSelector('#family-summary', { timeout: 20000 });
    const fgap = await page.evaluate(() => {
      const rows = document.querySelectorAll('.member');
      const last = rows[rows.length - 1].getBoundingClientRect().bottom;
      return document.getElementById('family-summary').getBoundingClientRect().top - last;
    });
    t.diagnostic(`family of five: the total ${Math.round(fgap)}px (${(fgap / 740).toFixed(2)} screens) below the last member`);
    assert.ok(fgap >= 0 && fgap <= 3 * 740, `${fgap}px`);
    await page.close();
  });

  test('7. print with a bill: at most 3 A4 pages, none holding only a chart; one number format on the axes', async (t) => {
    const page = await open(DESK);
    await page.goto(`${s.url}#${BILL}`);
    await page.waitForSelector('#chart svg');
    const ticks = await page.locator('#chart svg text:not(.axis):not(.rate):not(.edge-text):not(.mark-text)').allTextContents();
    assert.ok(ticks.length >= 8);
    for (const x of ticks) assert.match(x, /^\d{1,3}(,\d{3})*$/, `axis label "${x}"`);
    await page.emulateMedia({ media: 'print' });
    await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
    const pages = pdfPages(await page.pdf({ format: 'A4', printBackground: true, tagged: true }));
    t.diagnostic(`print with a bill: ${pages.length} A4 pages, structure elements outside charts per page: ${pages.map((p) => p.outside).join(', ')}`);
    assert.ok(pages.length <= 3, `${pages.length} pages`);
    assert.deepEqual(pages.filter((p) => p.all > 0 && p.outside === 0), [], 'a page holding only a chart');
    await page.close();
  });

  test('8. 浙里办: getUiStyle() at load and again when the page becomes visible, unless the visitor chose', async () => {
    const stub = () => {
      window.uiStyle = 'normal';
      window.ZWJSBridge = { onReady: (f) => f(), getUiStyle: () => Promise.resolve({ uiStyle: window.uiStyle }) };
    };
    const page = await open(PHONE, stub);
    await page.goto(s.url);
    await page.waitForSelector('#f-birth');
    const elder = () => page.evaluate(() => document.documentElement.classList.contains('elder'));
    assert.equal(await elder(), false);
    const visible = () => page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
    await page.evaluate(() => { window.uiStyle = 'elder'; });
    await visible();
    await page.waitForFunction(() => document.documentElement.classList.contains('elder'));
    assert.equal(await page.locator('#elder-toggle').getAttribute('aria-pressed'), 'true');
    await page.evaluate(() => { window.uiStyle = 'normal'; });
    await visible();
    await page.waitForFunction(() => !document.documentElement.classList.contains('elder'));
    // The visitor chooses on the page: the app's setting no longer moves it.
    await page.click('#elder-toggle');
    assert.equal(await elder(), true);
    await visible();
    await page.waitForTimeout(100);
    assert.equal(await elder(), true, 'the visitor\'s choice stands');
    await page.close();
    // At load: elder.
    const load = await open(PHONE, () => {
      window.ZWJSBridge = { getUiStyle: () => Promise.resolve({ uiStyle: 'elder' }) };
    });
    await load.goto(s.url);
    await load.waitForFunction(() => document.documentElement.classList.contains('elder'));
    await load.close();
  });

  test('8. a web view\'s text scaling is not blocked; at 200 % text the layout stays whole', async (t) => {
    const page = await open(PHONE);
    await page.goto(`${s.url}#${BILL}`);
    await page.waitForSelector('#chart svg');
    const viewport = await page.locator('meta[name=viewport]').getAttribute('content');
    assert.doesNotMatch(viewport, /user-scalable\s*=\s*(no|0)|maximum-scale/);
    const adjust = await page.evaluate(() => [getComputedStyle(document.documentElement).webkitTextSizeAdjust, getComputedStyle(document.body).webkitTextSizeAdjust]);
    for (const a of adjust) assert.notEqual(a, 'none', 'text-size-adjust: none blocks the reader\'s setting');
    // A web view's text zoom (WeChat's font setting): every text twice its size.
    await page.evaluate(() => {
      const all = Array.from(document.querySelectorAll('body, body *'));
      const sizes = all.map((n) => parseFloat(getComputedStyle(n).fontSize));
      all.forEach((n, i) => { n.style.fontSize = `${sizes[i] * 2}px`; });
    });
    await page.waitForTimeout(200);
    const broken = await page.evaluate(() => {
      const out = [];
      const W = document.documentElement.clientWidth;
      if (document.documentElement.scrollWidth > W + 1) out.push(`page ${document.documentElement.scrollWidth}px wide`);
      for (const n of document.querySelectorAll('#app *')) {
        if (n.closest('svg, .vh, .print-only') || !n.checkVisibility()) continue;
        const r = n.getBoundingClientRect();
        if (r.width > 0 && (r.right > W + 1 || r.left < -1)) out.push(`${n.tagName}#${n.id}.${n.className} ${Math.round(r.left)}-${Math.round(r.right)}`);
      }
      return out;
    });
    t.diagnostic(broken.slice(0, 10).join('; '));
    assert.deepEqual(broken, []);
    await page.screenshot({ path: shotPath('i24-360-text200.png') });
    await page.close();
  });

  test('8. in <iframe sandbox="allow-scripts"> (no storage, clipboard, downloads, print) every control says what happened', async () => {
    for (const path of ['index.html?region=yuyao', 'embed.html?region=yuyao&childId=yibao']) {
      const { page, frame } = await host(PHONE, path);
      await frame.fill('#f-birth', '1980-05-17');
      await frame.check('#f-hukou-local');
      if (path.startsWith('embed')) await frame.selectOption('#f-school', 'none');
      else await frame.check('#f-school-none');
      await frame.click('#calc');
      await frame.waitForSelector('[data-fig]', { state: 'attached' });
      await frame.click('#elder-toggle');
      assert.equal(await frame.locator('#elder-toggle').getAttribute('aria-pressed'), 'true', `${path}: 大字模式`);
      await frame.click('#share');
      await frame.waitForFunction(() => /没能复制/.test(document.querySelector('.copy-msg').textContent));
      assert.match(await frame.locator('#copy-text').inputValue(), /#region=yuyao&birth=1980-05-17/);
      await frame.click('#copy');
      await frame.waitForFunction(() => /没能复制/.test(document.querySelector('.copy-msg').textContent) && /核定为准/.test(document.getElementById('copy-text').value));
      if (path.startsWith('index')) {
        await frame.click('#print');
        await frame.waitForFunction(() => /打印/.test(document.querySelector('.copy-msg').textContent));
        assert.match(await frame.locator('.copy-msg').textContent(), /不能打印|无法打印/);
      }
      const words = await frame.locator('.copy-msg').textContent();
      assert.doesNotMatch(words, /已复制/);
      await page.close();
    }
  });

  test('screenshots: 360x740 normal and elder, 1280x800; axe clean in both modes', async (t) => {
    for (const [name, viewport, mode] of [['i24-360', PHONE, 'normal'], ['i24-360-elder-top', PHONE, 'elder'], ['i24-1280', DESK, 'normal'], ['i24-1280-elder', DESK, 'elder']]) {
      const page = await open(viewport);
      await page.goto(`${s.url}?mode=${mode}#${BILL}`);
      await page.waitForSelector('#chart svg');
      await page.click('#share');
      await page.waitForSelector('#copy-text');
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({ path: shotPath(`${name}.png`) });
      await axe(page, t);
      await page.close();
    }
  });

  s.clean();
});
