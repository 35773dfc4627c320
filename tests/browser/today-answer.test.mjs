// Today's answer on the page (issue 24 point 1), on 2026-12-06 (Playwright's
// clock): the core's next step first, then the note that the newest notice
// is older (as_of), then the year to enrol for and the year in force, each
// labelled with its year; the bar's short form with its year and 估算; a
// bill held today with 就诊日期 priced under the plan year it falls in.
// Each check fails on the page before issue 24 point 1 (no #next-step, no
// year labels, no 就诊日期).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { axe, cli, cliText, fill, measure, openFold, session, shotPath, waitSummary } from './lib.mjs';

const TODAY = '2026-12-06';
const BASE = { school: 'none', employee_insurance: false, identities: [] };
const PHONE = { width: 360, height: 740 };

// Where each shown part of the headline begins (px from the page's top), null when hidden.
const tops = (page) => page.evaluate(() => Object.fromEntries(['next-step', 'as-of', 'enrol-k', 'summary', 'in-force-k', 'in-force'].map((id) => {
  const n = document.getElementById(id);
  return [id, n && !n.hidden ? n.getBoundingClientRect().top + window.scrollY : null];
})));

async function headlineInOrder(page, q) {
  await waitSummary(page, q.summary);
  const t = await tops(page);
  assert.equal(await page.locator('#next-step').textContent(), q.next_step.text, 'the next step is the core\'s');
  // The headline's first line is the next step.
  const first = await page.locator('#headline > :not([hidden])').first().getAttribute('id');
  assert.equal(first, 'next-step');
  assert.ok(t['next-step'] < t['as-of'] && t['as-of'] < t['enrol-k'] && t['enrol-k'] < t.summary && t.summary < t['in-force-k'] && t['in-force-k'] < t['in-force'], JSON.stringify(t));
  assert.equal(await page.locator('#as-of').textContent(), q.as_of.text);
  assert.equal(await page.locator('#in-force').textContent(), q.in_force.text);
  assert.match(await page.locator('#in-force-k').textContent(), new RegExp(`^${q.in_force.benefit_year}年度`));
  assert.match(await page.locator('#enrol-k').textContent(), new RegExp(`^${q.benefit_year}年度.*估算$`));
  // Each part once: the summary shows neither the next step nor as_of nor the year in force again.
  const all = await page.locator('#headline').textContent();
  for (const part of [q.next_step.text, q.as_of.text, q.in_force.text]) assert.equal(all.split(part).length, 2, `once: ${part.slice(0, 20)}`);
}

describe(`today's answer on ${TODAY}`, () => {
  const s = session();

  test('a 72-year-old 余姚 低保 resident: 由政府全额资助参保，无需个人操作 first; each figure with its year; the bar\'s short form', async (t) => {
    const who = { region: 'yuyao', birth_date: '1954-05-01', hukou: 'local', identities: ['dibao'] };
    const q = cli({ ...BASE, ...who, date: TODAY }).out;
    assert.equal(q.benefit_year, 2027);
    assert.equal(q.in_force.benefit_year, 2026);
    assert.match(q.next_step.text, /^由政府全额资助参保，无需个人操作/);
    for (const mode of ['normal', 'elder']) {
      const page = await s.pageOn(TODAY, PHONE);
      await page.goto(`${s.url}?mode=${mode}`);
      await page.waitForSelector('#f-birth');
      await fill(page, { ...who, identities: ['dibao'] });
      await headlineInOrder(page, q);
      assert.match(await page.locator('#next-step').textContent(), /^由政府全额资助参保，无需个人操作/);
      assert.equal(await page.locator('[data-fig="personal_fee"]').locator('xpath=..').locator('.fig-k').textContent(), '2027年度个人缴费');
      assert.equal(await page.locator('[data-fig="to_pay"]').locator('xpath=..').locator('.fig-k').textContent(), '2027年度按文件应缴');
      await page.locator('#next-step').scrollIntoViewIfNeeded();
      await page.screenshot({ path: shotPath(`today-answer-dibao-${mode}-360.png`) });
      // The bar: the year, the amount and 估算; it jumps to the answer.
      await page.locator('#f-region').scrollIntoViewIfNeeded();
      await page.waitForSelector('.peek:not([hidden])', { state: 'attached' });
      assert.equal(await page.locator('.peek').textContent(), '2027年度 按文件应缴0元 · 估算 · 查看结果');
      const bar = await page.locator('.peek').evaluate((n) => n.getBoundingClientRect().height);
      assert.ok(bar <= 0.15 * 740, `the bar is ${bar}px`);
      await page.screenshot({ path: shotPath(`today-answer-dibao-${mode}-bar-360.png`) });
      // (It steps aside over a control: clicked where it is, as a finger would once it is back.)
      await page.locator('.peek').dispatchEvent('click');
      await page.waitForFunction(() => document.activeElement && document.activeElement.id === 'result-h');
      if (mode === 'elder') {
        const m = await page.evaluate(measure);
        assert.deepEqual(m.smallText, [], 'every text >= 18px');
      }
      await axe(page, t);
      // 复制结果 (the core's text): the next step first.
      await page.click('#copy');
      await page.waitForFunction(() => /已复制/.test(document.querySelector('.copy-msg').textContent));
      const copied = await page.evaluate(() => navigator.clipboard.readText());
      const result = copied.slice(copied.indexOf('【结果】') + '【结果】'.length).trim();
      // The core's text (--format text): its first line, the next step.
      const first = cliText({ ...BASE, ...who, date: TODAY }).split('\n')[0];
      assert.ok(first.includes(q.next_step.text), first);
      assert.ok(result.startsWith(first), result.slice(0, 40));
      assert.ok(result.includes(q.in_force.text), 'the year in force is copied');
      // Print: the next step first in the answer.
      await page.emulateMedia({ media: 'print' });
      const printed = await page.locator('#headline > :not([hidden])').first().evaluate((n) => n.id + ' ' + getComputedStyle(n).display);
      assert.equal(printed, 'next-step block');
      await page.emulateMedia({ media: 'screen' });
      await page.close();
    }
    const wide = await s.pageOn(TODAY, { width: 1280, height: 800 });
    await wide.goto(`${s.url}#region=yuyao&birth=1954-05-01&hukou=local&school=none&id=dibao&v=3`);
    await headlineInOrder(wide, q);
    await wide.screenshot({ path: shotPath('today-answer-dibao-1280.png') });
    await wide.close();
  });

  test('a 慈溪 migrant parent with a baby born 2026-10-15: what to do now, then the year in force', async () => {
    const page = await s.pageOn(TODAY, PHONE);
    await page.goto(s.url);
    await page.waitForSelector('#f-birth');
    await fill(page, { region: 'cixi', birth_date: '2026-10-15', hukou: 'nonlocal' });
    await page.waitForSelector('#box-newborn:not([hidden])');
    for (const id of ['#f-np_permit-yes', '#f-np_normal-yes']) await page.check(id);
    if (await page.locator('#f-np_months').isVisible()) await page.fill('#f-np_months', '24');
    const np = { newborn_parent: { residence_permit: true, insured_normal: true, employee_insurance_months: 24 } };
    const q = cli({ ...BASE, region: 'cixi', birth_date: '2026-10-15', hukou: 'nonlocal', ...np, date: TODAY }).out;
    assert.match(q.next_step.text, /出生医学证明/);
    await headlineInOrder(page, q);
    // What to do now: the offline route with the parent's permit, first.
    assert.match(await page.locator('#next-step').textContent(), /户口本（出生医学证明）及父母一方的本市有效居住证/);
    assert.match(await page.locator('#in-force-k').textContent(), /^2026年度/);
    assert.match(await page.locator('#in-force').textContent(), /2026年度/);
    await page.locator('#next-step').scrollIntoViewIfNeeded();
    await page.screenshot({ path: shotPath('today-answer-cixi-newborn-360.png') });
    await page.close();
  });

  test('a bill held today with 就诊日期: priced under the plan year it falls in (估算), carried by the share link', async () => {
    const page = await s.pageOn(TODAY, PHONE);
    const who = { region: 'yuyao', birth_date: '1980-05-17', hukou: 'local' };
    await page.goto(s.url);
    await page.waitForSelector('#f-birth');
    await fill(page, { ...who, bill: { in_scope: '35000' } });
    for (const [date, year] of [['', 2026], ['2026-11-20', 2026], ['2027-01-10', 2027]]) {
      await page.fill('#f-bill_date', date);
      await page.locator('#f-bill_date').blur();
      const bill = { in_scope: '35000', ...(date ? { date } : {}) };
      const q = cli({ ...BASE, ...who, bill, date: TODAY }).out;
      const pay = q.yongningbao.payout;
      assert.equal(pay.plan_year, year);
      await page.waitForFunction((y) => {
        const n = document.querySelector('[data-fig="ynb_plan_year"]');
        return n && n.textContent === y + '年度方案';
      }, year);
      const line = await page.locator('[data-fig="ynb_plan_year"]').locator('xpath=..').textContent();
      assert.equal(pay.projected, true);
      assert.match(line, /估算/);
      assert.match(line, new RegExp(`保障期${year}年1月1日至${year}年12月31日`));
      assert.equal((await page.locator('[data-fig="ynb_total"]').textContent()).replace(/[,\s元]/g, ''), pay.total);
      // The bar names the plan year where it is not the year enrolled for.
      const bar = await page.locator('.peek').textContent();
      assert.ok(bar.startsWith(`${q.benefit_year}年度 `) && bar.includes(`，${year === q.benefit_year ? '' : year + '年度'}甬宁保赔付 `), bar);
    }
    // A date before any plan on file: no payout, the core's reason.
    await page.fill('#f-bill_date', '2023-11-20');
    await page.locator('#f-bill_date').blur();
    const q = cli({ ...BASE, ...who, bill: { in_scope: '35000', date: '2023-11-20' }, date: TODAY }).out;
    await page.waitForFunction((r) => document.getElementById('bill').textContent.includes(r), q.yongningbao.payout_reason);
    assert.equal(await page.locator('[data-fig="ynb_plan_year"]').count(), 0);
    // The share link carries the date.
    await page.fill('#f-bill_date', '2026-11-20');
    await page.locator('#f-bill_date').blur();
    await page.waitForFunction(() => /2026年度方案/.test(document.getElementById('bill').textContent));
    await page.click('#share');
    await page.waitForSelector('#copy-text');
    const link = await page.locator('#copy-text').inputValue();
    assert.match(link, /visit=2026-11-20/);
    await page.locator('#bill').scrollIntoViewIfNeeded();
    await page.screenshot({ path: shotPath('today-answer-bill-360.png') });
    const again = await s.pageOn(TODAY, PHONE);
    await again.goto(link);
    await again.waitForFunction(() => /2026年度方案/.test((document.getElementById('bill') || {}).textContent || ''));
    assert.equal(await again.locator('#f-bill_date').inputValue(), '2026-11-20');
    await again.close();
    await page.close();
  });

  s.clean();
});
