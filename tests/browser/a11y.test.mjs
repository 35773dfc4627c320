// Elder mode (?mode=elder, the toggle, 浙里办's bridge): every visible text
// >= 18px, the chart's labels too, body text 22px, touch targets >= 60px.
// Normal mode: chart labels >= 14px. axe-core finds no serious or critical
// violation in normal and elder mode. Screenshots at 360x740 and 1280x800.
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { axe, measure, session, shotPath } from './lib.mjs';

const RESULT = 'region=yuyao&year=2024&birth=1980-05-17&hukou=local&in_scope=30000&self_paid=8000&out_self_paid=2000';

async function openAll(page) {
  await page.evaluate(() => document.querySelectorAll('details').forEach((d) => {
    d.open = true;
  }));
}

async function assertElder(page) {
  assert.equal(await page.evaluate(() => document.documentElement.classList.contains('elder')), true);
  await openAll(page);
  await page.locator('.skip').focus().catch(() => {});
  const m = await page.evaluate(measure);
  assert.equal(m.body, 22, 'body text 22px');
  assert.deepEqual(m.smallText, [], 'text under 18px');
  assert.ok(m.chart.length > 10, `${m.chart.length} chart labels measured`);
  assert.ok(m.targets.length > 30, `${m.targets.length} targets measured`);
  const small = m.targets.filter((t) => t.h < 59.5).map((t) => `${t.what} ${t.h}px`);
  assert.deepEqual(small, [], 'targets under 60px');
}

describe('elder mode, accessibility, screenshots', () => {
  const s = session();
  let page;
  before(async () => {
    page = await s.page({ width: 360, height: 740 });
  });

  test('?mode=elder: text >= 18px, every target >= 60px', async (t) => {
    await page.goto(`${s.url}?mode=elder#${RESULT}`);
    await page.waitForSelector('#chart svg');
    await assertElder(page);
    t.diagnostic(`smallest elder text ${(await page.evaluate(measure)).min}px`);
  });

  test('normal mode: chart labels >= 14px, at the size they are drawn', async () => {
    const p = await s.page({ width: 360, height: 740 });
    await p.goto(`${s.url}?mode=normal#${RESULT}`);
    await p.waitForSelector('#chart svg');
    const m = await p.evaluate(measure);
    assert.ok(m.chart.length > 10);
    assert.deepEqual(m.chart.filter((x) => x < 14), []);
    await p.close();
  });

  test('the toggle switches elder mode on and off', async () => {
    const p = await s.page({ width: 1280, height: 800 });
    await p.goto(`${s.url}#${RESULT}`);
    await p.waitForSelector('[data-fig="ynb_total"]');
    assert.equal(await p.locator('#elder-toggle').getAttribute('aria-pressed'), 'false');
    assert.ok(await p.locator('#elder-toggle').isVisible());
    await p.click('#elder-toggle');
    assert.equal(await p.locator('#elder-toggle').getAttribute('aria-pressed'), 'true');
    await assertElder(p);
    await p.click('#elder-toggle');
    assert.equal(await p.evaluate(() => document.documentElement.classList.contains('elder')), false);
  });

  test('浙里办: the bridge\'s getUiStyle() turns elder mode on; a broken or absent bridge does no harm', async () => {
    // The visitor's own choice (the toggle above stored one) wins over the bridge.
    await page.evaluate(() => localStorage.removeItem('yibao-mode'));
    const elder = await s.page(null, () => {
      window.ZWJSBridge = { onReady: (f) => setTimeout(f, 10), getUiStyle: () => Promise.resolve({ uiStyle: 'elder' }) };
    });
    await elder.goto(s.url);
    await elder.waitForFunction(() => document.documentElement.classList.contains('elder'));
    for (const broken of [
      () => { window.ZWJSBridge = { getUiStyle: () => { throw new Error('no bridge'); } }; },
      () => { window.ZWJSBridge = { getUiStyle: () => Promise.reject(new Error('denied')) }; },
      () => { window.ZWJSBridge = { getUiStyle: () => Promise.resolve({ uiStyle: 'normal' }) }; },
    ]) {
      const p = await s.page(null, broken);
      await p.goto(s.url);
      await p.waitForSelector('#f-birth');
      await p.waitForTimeout(50);
      assert.equal(await p.evaluate(() => document.documentElement.classList.contains('elder')), false);
    }
    await elder.click('#elder-toggle');
    const chosen = await s.page(null, () => {
      window.ZWJSBridge = { getUiStyle: () => Promise.resolve({ uiStyle: 'elder' }) };
    });
    await chosen.goto(s.url);
    await chosen.waitForSelector('#f-birth');
    await chosen.waitForTimeout(50);
    assert.equal(await chosen.evaluate(() => document.documentElement.classList.contains('elder')), false, 'the visitor switched it off');
    await chosen.evaluate(() => localStorage.removeItem('yibao-mode'));
  });

  test('axe: normal mode, result with every detail open', async (t) => {
    const p = await s.page({ width: 1280, height: 800 });
    await p.goto(`${s.url}#${RESULT}`);
    await p.waitForSelector('#chart svg');
    await openAll(p);
    await axe(p, t);
  });

  test('axe: normal mode, an error shown, newborn questions open', async (t) => {
    const p = await s.pageOn('2023-11-01');
    await p.goto(`${s.url}#region=yuyao&birth=2023-08-01&hukou=nonlocal&permit=0&in_scope=-1&v=2`);
    await p.waitForSelector('#err-bill_in_scope:not([hidden])');
    await p.waitForSelector('#box-newborn:not([hidden])');
    await axe(p, t);
    await p.fill('#f-bill_in_scope', '');
    await p.waitForSelector('#questions:not([hidden])');
    await axe(p, t);
  });

  test('axe: elder mode', async (t) => {
    await openAll(page);
    await axe(page, t);
  });

  test('screenshots (tests/browser/screenshots/)', async () => {
    for (const [w, h] of [[360, 740], [1280, 800]]) {
      for (const mode of ['normal', 'elder']) {
        const p = await s.page({ width: w, height: h });
        await p.goto(`${s.url}?mode=${mode}#${RESULT}`);
        await p.waitForSelector('#chart svg');
        await p.screenshot({ path: shotPath(`${w}x${h}-${mode}-top.png`) });
        await p.screenshot({ path: shotPath(`${w}x${h}-${mode}-full.png`), fullPage: true });
        await p.locator('#result').evaluate((el) => el.scrollIntoView());
        await p.screenshot({ path: shotPath(`${w}x${h}-${mode}-result.png`) });
        if (mode === 'normal' && w === 1280) {
          await p.emulateMedia({ media: 'print' });
          await p.screenshot({ path: shotPath('print-1280.png'), fullPage: true });
        }
        await p.close();
      }
    }
  });

  s.clean();
});
