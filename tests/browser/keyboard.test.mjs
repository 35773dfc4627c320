// Keyboard only (Tab, Shift+Tab, arrows, Space, Enter, typing; no clicks):
// fill a person, reach the result, open a source, copy, back to the first
// field in one step, a new call (Alt+N). Every focus stop shows a visible
// focus ring that the fixed bar does not cover.
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { cli, session, today, waitSummary } from './lib.mjs';

describe('keyboard only', () => {
  const s = session();
  let page;
  const stops = [];
  before(async () => {
    page = await s.page({ width: 390, height: 700 });
    await page.goto(s.url);
    await page.waitForSelector('#f-birth');
  });

  // The focused element, whether its focus ring shows, and whether the bar covers it.
  const focused = () => page.evaluate(() => {
    const el = document.activeElement;
    const cs = getComputedStyle(el);
    const r = el.getBoundingClientRect();
    const bar = document.querySelector('.peek');
    const barTop = bar && !bar.hidden ? bar.getBoundingClientRect().top : Infinity;
    return {
      id: el.id,
      tag: el.tagName,
      text: (el.textContent || '').trim().slice(0, 20),
      ring: cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) >= 2,
      covered: el !== bar && r.bottom > barTop + 1,
    };
  });

  async function tabTo(want, key = 'Tab', max = 80) {
    for (let i = 0; i < max; i++) {
      await page.keyboard.press(key);
      const f = await focused();
      stops.push(f);
      if (want(f)) return f;
    }
    throw new Error(`focus never reached the element; last stops: ${JSON.stringify(stops.slice(-5))}`);
  }

  test('skip link and elder toggle', async () => {
    const skip = await tabTo((f) => f.tag === 'A');
    assert.equal(skip.text, '跳到计算结果');
    assert.ok(await page.locator('.skip').isVisible());
    await tabTo((f) => f.id === 'elder-toggle');
    await page.keyboard.press('Enter');
    assert.equal(await page.locator('#elder-toggle').getAttribute('aria-pressed'), 'true');
    await page.keyboard.press('Space');
    assert.equal(await page.locator('#elder-toggle').getAttribute('aria-pressed'), 'false');
  });

  test('fill a person (慈溪, born 2020-06-01, 低保) and reach the result', async () => {
    await tabTo((f) => f.id === 'f-region');
    // The region with the newest notice first (余姚), then the core's order.
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    assert.equal(await page.locator('#f-region').inputValue(), 'cixi');
    await tabTo((f) => f.id === 'f-birth');
    await page.keyboard.type('2020-06-01');
    await tabTo((f) => f.id === 'f-hukou-local');
    await page.keyboard.press('ArrowDown');
    assert.equal(await page.locator('#f-hukou-nonlocal').isChecked(), true);
    await page.keyboard.press('ArrowUp');
    assert.equal(await page.locator('#f-hukou-local').isChecked(), true);
    // 在读 is a question too (nothing about the person is pre-filled).
    await tabTo((f) => f.id === 'f-school-none');
    await page.keyboard.press('Space');
    assert.equal(await page.locator('#f-school-none').isChecked(), true);
    await tabTo((f) => f.id === 'f-id-dibao');
    await page.keyboard.press('Space');
    assert.equal(await page.locator('#f-id-dibao').isChecked(), true);
    await tabTo((f) => f.tag === 'BUTTON' && f.text === '计算');
    await page.keyboard.press('Enter');
    assert.equal((await focused()).id, 'result-h', 'focus moves to the result');

    const q = cli({ region: 'cixi', date: today(), birth_date: '2020-06-01', hukou: 'local', school: 'none', employee_insurance: false, identities: ['dibao'] }).out;
    await waitSummary(page, q.summary);
    assert.equal((await page.locator('[data-fig="to_pay"]').textContent()).replace(/[,\s元]/g, ''), q.to_pay);
  });

  test('open a source and copy the result', async () => {
    await tabTo((f) => f.tag === 'SUMMARY' && f.text.startsWith('依据'));
    await page.keyboard.press('Enter');
    assert.equal(await page.evaluate(() => document.activeElement.parentNode.open), true);
    await tabTo((f) => f.id === 'copy');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => /已复制结果/.test(document.querySelector('.copy-msg').textContent));
    // The page asks on today's date, after the newest Cixi notice (2023): the
    // caller's answers first, then the answer, which says so first, then the
    // year it estimates for.
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    assert.match(copied, /^【填写的情况】\n查询日期：.*\n地区：慈溪市（推断）\n前湾新区参保人员：否\n出生日期：2020年6月1日\n.*\n.*\n.*\n特殊身份：最低生活保障家庭成员\n/);
    // The core's text: the next step first, then the notice it uses (issue 23 point 2).
    assert.match(copied, /\n【结果】\n下一步：[^\n]+\n注意：按本计算器收录的最新文件（慈溪市（推断）2023年度/);
    assert.match(copied, /\n【慈溪市（推断）\d{4}年度城乡居民医保】/);
  });

  test('from the answer back to the first field in one step', async () => {
    await page.locator('#result-h').focus();
    const link = await tabTo((f) => f.id === 'to-form', 'Tab', 3);
    assert.equal(link.text, '修改填写（回到第一项）');
    await page.keyboard.press('Enter');
    assert.equal((await focused()).id, 'f-region');
    await tabTo((f) => f.id === 'f-birth', 'Tab', 4);
  });

  test('Alt+N from anywhere: a new call, every answer cleared, announced, focus on the first field', async () => {
    await page.locator('#copy').focus();
    await page.keyboard.press('Alt+N');
    assert.equal((await focused()).id, 'f-region');
    assert.equal(await page.locator('#f-birth').inputValue(), '');
    assert.equal(await page.locator('#f-region').inputValue(), 'yuyao', 'the region the page opened with');
    assert.equal(await page.locator('#f-id-dibao').isChecked(), false);
    assert.match(await page.locator('#announce').textContent(), /已清空/);
    assert.equal(await page.locator('#new-call').getAttribute('aria-keyshortcuts'), 'Alt+N');
  });

  test('every focus stop had a visible focus ring, none under the fixed bar', () => {
    assert.ok(stops.length > 20, `${stops.length} stops`);
    assert.deepEqual(stops.filter((f) => !f.ring).map((f) => f.id || f.tag), []);
    assert.deepEqual(stops.filter((f) => f.covered).map((f) => f.id || f.text), []);
  });

  s.clean();
});
