// embed.html in an <iframe sandbox="allow-scripts"> (opaque origin "null") on
// a parent page from the same server, resized and scrolled by the README
// snippet from the Pym.js-style messages (height, scrollToChildPos). On a
// phone the frame with a result is at most two screens high.
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { cli, figure, headlineSummary, session, shotPath, today } from './lib.mjs';

// The parent side, as given to embedders (README).
const SNIPPET = `
<iframe id="yibao" src="/embed.html?region=yuyao&amp;year=2024&amp;childId=yibao" title="医保算：居民医保和天一甬宁保计算器"
  sandbox="allow-scripts" style="width:100%;border:0;height:600px"></iframe>
<script>
window.addEventListener('message', function (e) {
  // "pymxPYMx" + id + "xPYMx" + type + "xPYMx" + value (Pym.js protocol)
  if (typeof e.data !== 'string') return;
  var m = e.data.split('xPYMx');
  if (m.length !== 4 || m[0] !== 'pym') return;
  var frame = document.getElementById(m[1]);
  if (!frame || e.source !== frame.contentWindow) return;
  var px = parseInt(m[3], 10);
  if (m[2] === 'height') frame.style.height = px + 'px';
  // After a calculation: the answer, px below the frame's top, into view.
  if (m[2] === 'scrollToChildPos') window.scrollTo(0, frame.getBoundingClientRect().top + window.pageYOffset + px);
});
</script>`;

const PARENT = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>新闻解读</title><link rel="icon" href="data:,"></head>
<body><h1>居民医保怎么缴？</h1><p>用下面的计算器算一算。</p>${SNIPPET}<p>（正文完）</p>
<script>
window.heights = [];
window.messages = [];
window.addEventListener('message', function (e) { window.messages.push(e.data); });
new MutationObserver(function () { window.heights.push(document.getElementById('yibao').style.height); })
  .observe(document.getElementById('yibao'), { attributes: true, attributeFilter: ['style'] });
</script></body></html>`;

describe('embed.html in a sandboxed iframe', () => {
  const s = session();
  let page;
  let cors;
  const parentUrl = () => `${s.url}__parent.html`;

  before(async () => {
    const head = await fetch(`${s.url}yibao-lite_bg.wasm`, { method: 'HEAD' });
    cors = head.headers.get('access-control-allow-origin');
  });

  // The parent page. The server sends no Access-Control-Allow-Origin, like a
  // portal that knows nothing of us.
  async function open(watched) {
    const p = watched ? await s.page({ width: 800, height: 900 }) : await s.context.newPage();
    await p.route(parentUrl(), (route) => route.fulfill({ contentType: 'text/html; charset=utf-8', body: PARENT }));
    return p;
  }

  const frameOf = (p) => p.frames().find((f) => f.url().includes('/embed.html'));
  const frameHeight = (p) => p.evaluate(() => parseInt(document.getElementById('yibao').style.height, 10));

  test('without Access-Control-Allow-Origin the sandboxed frame loads the wasm from yibao-lite_bg.wasm.js', async () => {
    assert.equal(cors, null, 'the test server sends no CORS header, as most hosts');
    const p = await open(false);
    const urls = [];
    p.on('request', (r) => urls.push(new URL(r.url()).pathname));
    await p.goto(parentUrl());
    const f = await (async () => {
      await p.waitForFunction(() => window.messages.length > 0);
      return frameOf(p);
    })();
    await f.waitForSelector('#f-birth');
    assert.equal(await f.locator('.status-error').count(), 0, 'no error message');
    assert.ok(urls.includes('/yibao-lite_bg.wasm.js'), `the base64 script was loaded: ${urls.join(' ')}`);
    assert.ok(!urls.includes('/yibao-lite_bg.wasm'), 'no doomed fetch of the .wasm (it would log a CORS error)');
    await p.close();
  });

  test('phone: compact, a result within two screens; Enter tells the parent where the answer is, shown at the top', async (t) => {
    page = await open(true);
    await page.setViewportSize({ width: 360, height: 740 });
    await page.goto(parentUrl());
    await page.waitForFunction(() => window.messages.length > 0);
    const f = frameOf(page);
    assert.equal(await f.evaluate(() => String(self.origin)), 'null', 'opaque origin');
    assert.equal(await page.locator('#yibao').getAttribute('sandbox'), 'allow-scripts');
    await f.waitForSelector('#f-birth');
    // Region and year come from the query string.
    assert.equal(await f.locator('#f-region').inputValue(), 'yuyao');
    assert.equal(await f.locator('#f-year').inputValue(), '2024');
    assert.equal(await f.locator('#f-bill_in_scope').isVisible(), false, 'bill fields folded away');

    await f.locator('#f-birth').fill('1980-05-17');
    // 户籍 and 在读 are asked, never pre-filled.
    await f.check('#f-hukou-local');
    await f.selectOption('#f-school', 'none');
    await f.locator('#f-birth').press('Enter');
    await f.waitForSelector('.topline:not([hidden])');
    const q = cli({ region: 'yuyao', benefit_year: 2024, date: today(), birth_date: '1980-05-17', hukou: 'local', school: 'none', employee_insurance: false, identities: [] }).out;
    // "需缴" while the window is open; after it, what the notice set.
    const due = q.enrollment.status === 'closed' ? '按文件应缴' : '需缴';
    // The short form: the year, the amount, 估算 where it is one (issue 24 point 1).
    const mark = q.as_of.beyond_newest ? ' · 估算' : '';
    assert.equal(await f.locator('.topline').textContent(), `${q.benefit_year}年度 ${due}780元${mark} · 查看结果`, 'the answer\'s first line at the top');
    assert.equal(await headlineSummary(f), q.summary);
    for (const id of ['#fold-h-fees', '#fold-h-enroll', '#fold-h-ynb', '#fold-h-notes', '#more-bill']) {
      assert.equal(await f.locator(id).evaluate((d) => d.open), false, `${id} closed`);
    }
    // The parent scrolled the answer's line into its viewport.
    await page.waitForFunction(() => window.messages.some((m) => /xPYMxscrollToChildPosxPYMx\d+$/.test(m)));
    const top = await page.evaluate(() => document.getElementById('yibao').getBoundingClientRect().top);
    // The answer's first line (issue 24), at the top of the reader's screen.
    const line = await f.evaluate(() => Array.from(document.getElementById('headline').children).filter((n) => !n.hidden)[0].getBoundingClientRect());
    assert.ok(top + line.top >= -1 && top + line.bottom <= 740, `answer line at ${top + line.top}px of the parent's 740`);
    // The frame fits its content, at most two phone screens.
    const content = await f.evaluate(() => Math.ceil(document.documentElement.getBoundingClientRect().height));
    await page.waitForFunction((h) => parseInt(document.getElementById('yibao').style.height, 10) === h, content);
    const withResult = await frameHeight(page);
    t.diagnostic(`embed with a result: ${withResult}px at 360px wide`);
    // Two screens, plus what today's answer put before the figures (issue 24 point 1): the next
    // step, the year labels and the folded year in force.
    const added = await f.evaluate(() => ['next-step', 'enrol-k', 'in-force-box'].reduce((a, id) => {
      const n = document.getElementById(id);
      return a + (n && !n.hidden ? n.getBoundingClientRect().height + 6 : 0);
    }, 0));
    t.diagnostic(`of which today's next step and years: ${Math.round(added)}px`);
    assert.ok(withResult <= 2 * 740 + added, `embed with a result is ${withResult}px, more than two screens (1480px) and ${added}px`);
    const inner = await f.evaluate(() => [document.documentElement.scrollHeight, window.innerHeight, document.documentElement.getBoundingClientRect().height]);
    assert.ok(inner[0] <= inner[1] + 1, `no inner scrolling: ${inner}`);
    await page.screenshot({ path: shotPath('embed-360-result.png'), fullPage: true });

    // With a bill: the payout in the line at the top, the chart, a taller frame.
    await f.click('#more-bill > summary');
    await f.locator('#f-bill_in_scope').fill('30000');
    await f.waitForSelector('#chart svg');
    assert.match(await f.locator('.topline').textContent(), /甬宁保赔付 10,200.00 元/);
    assert.equal(await figure(f, 'ynb_total'), '10200.00');
    await page.waitForFunction((h) => parseInt(document.getElementById('yibao').style.height, 10) > h, withResult);
    for (const m of await page.evaluate(() => window.messages)) assert.match(m, /^pymxPYMxyibaoxPYMx(height|scrollToChildPos)xPYMx\d+$/);
  });

  test('a Pym.js parent\'s width message is answered with the height', async () => {
    const n = await page.evaluate(() => window.messages.length);
    await page.evaluate(() => document.getElementById('yibao').contentWindow.postMessage('pymxPYMxyibaoxPYMxwidthxPYMx800', '*'));
    await page.waitForFunction((k) => window.messages.length > k, n);
  });

  test('no storage, no clipboard: elder mode and copy still work (selectable text)', async () => {
    const f = frameOf(page);
    const h = await frameHeight(page);
    await f.click('#elder-toggle');
    assert.equal(await f.locator('#elder-toggle').getAttribute('aria-pressed'), 'true');
    await page.waitForFunction((x) => parseInt(document.getElementById('yibao').style.height, 10) > x, h);
    await f.click('#copy');
    await f.waitForSelector('.copy-box textarea');
    const text = await f.locator('.copy-box textarea').inputValue();
    assert.match(text, /以医保经办机构核定为准/);
    assert.ok(await f.evaluate(() => document.activeElement.tagName === 'TEXTAREA'));
    assert.equal(await f.locator('#print').count(), 0, 'no print button in the embed');
  });

  s.clean();
});
