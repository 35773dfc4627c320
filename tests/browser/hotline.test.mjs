// A 12393 operator's page: 新来电 clears every answer and the share link;
// 复制结果 and print start with the caller's answers and say the rule behind
// each figure; print has the clauses in full, no controls, one disclaimer and
// at most two A4 pages for a person without a bill.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { afterAsOf, cli, cliText, session, today, visibleText, waitSummary } from './lib.mjs';

const CALLER = 'region=baiyin&district=huining&birth=1970-03-02&hukou=local&school=none&id=dibao_full%2Cfanpin&v=2';
const REQ = { region: 'baiyin', district: 'huining', birth_date: '1970-03-02', hukou: 'local', school: 'none', employee_insurance: false, identities: ['dibao_full', 'fanpin'] };
const INPUTS = ['地区：白银市', '县区：会宁县', '出生日期：1970年3月2日', '参保人的户籍：本市户籍', '参保人的在读情况：不在读（或非全日制）',
  '本人已参加职工医保：否', '特殊身份：农村一、二类低保和城市低保全额保障对象、农村返贫致贫人口'];

// The number of pages of a PDF (its page objects).
const pages = (pdf) => (pdf.toString('latin1').match(/\/Type\s*\/Page(?!s)/g) || []).length;

describe('hotline: new call, copy, print', () => {
  const s = session();

  test('Alt+N: a new call clears every answer, the folds and the share link, and says so', async () => {
    const page = await s.page({ width: 1280, height: 800 });
    await page.goto(`${s.url}#region=yuyao&year=2024&birth=1958-01-09&hukou=nonlocal&permit=1&school=college&employee=1&id=dibao&in_scope=12000&out_in_scope=100&before_in_scope=50&v=2`);
    await page.waitForSelector('[data-fig="ynb_total"]');
    await page.locator('#copy').focus();
    await page.keyboard.press('Alt+N');
    assert.equal(await page.evaluate(() => location.hash), '');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'f-region');
    const state = await page.evaluate(() => ({
      text: Array.from(document.querySelectorAll('#form input[type=text], #bill-form input[type=text]')).filter((i) => i.value).map((i) => i.id),
      ticked: Array.from(document.querySelectorAll('input[type=checkbox]')).filter((i) => i.checked).map((i) => i.id),
      radios: Array.from(document.querySelectorAll('input[type=radio]')).filter((i) => i.checked).map((i) => i.id),
      selects: Array.from(document.querySelectorAll('select')).filter((x) => x.offsetParent || x.closest('details')).map((x) => `${x.id}=${x.value}`),
      open: Array.from(document.querySelectorAll('#form details, #bill details')).filter((d) => d.open).map((d) => d.id),
    }));
    assert.deepEqual(state, { text: [], ticked: [], radios: [], selects: ['f-region=yuyao', 'f-year='], open: [] });
    assert.match(await page.locator('#announce').textContent(), /已清空上一位来电的全部填写和分享链接/);
    assert.match(await page.locator('#questions').textContent(), /参保人是哪天出生的/);
    // The next caller's region: the previous caller's birth date is gone, nothing is answered yet.
    await page.selectOption('#f-region', 'cixi');
    assert.equal(await page.locator('[data-fig]').count(), 0);
    // The button does the same, for the mouse.
    await page.fill('#f-birth', '1990-01-01');
    await page.click('#new-call');
    assert.equal(await page.locator('#f-birth').inputValue(), '');
    await page.close();
  });

  test('复制结果 starts with the caller\'s answers, then the answer, then the rule behind each figure', async () => {
    const page = await s.page();
    await page.goto(`${s.url}#${CALLER}`);
    const q = cli({ ...REQ, date: today() }).out;
    await waitSummary(page, q.summary);
    await page.click('#copy');
    await page.waitForFunction(() => /已复制结果/.test(document.querySelector('.copy-msg').textContent));
    const lines = (await page.evaluate(() => navigator.clipboard.readText())).split('\n');
    assert.equal(lines[0], '【填写的情况】');
    assert.match(lines[1], /^查询日期：\d{4}年\d+月\d+日$/);
    assert.deepEqual(lines.slice(2, 2 + INPUTS.length), INPUTS);
    const text = cliText({ ...REQ, date: today() }).split('\n');
    const at = lines.indexOf('【结果】');
    assert.deepEqual(lines.slice(at + 1, at + text.length), text.slice(0, -1), 'the CLI\'s text, its disclaimer last of all');
    const rules = lines.slice(lines.indexOf('【计算依据】') + 1);
    assert.ok(rules.some((l) => /就高不重复/.test(l)), '47号 三: 就高不重复 decided the assistance');
    assert.deepEqual(rules.slice(0, q.steps.length), q.steps.map((st, i) => `${i + 1}. ${st.text}（${st.source}）`));
    assert.equal(lines.filter((l) => /核定为准/.test(l)).length, 1, 'one disclaimer');
    assert.match(lines[lines.length - 1], /以医保经办机构核定为准/);
    await page.close();
  });

  test('print: the caller\'s answers, the clauses in full, no controls, one disclaimer, at most 2 A4 pages', async () => {
    const page = await s.page({ width: 1280, height: 800 });
    await page.goto(`${s.url}#${CALLER}`);
    await waitSummary(page, cli({ ...REQ, date: today() }).out.summary);
    await page.emulateMedia({ media: 'print' });
    await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
    const printed = await visibleText(page);
    assert.equal(printed[0], '医保算');
    const q = cli({ ...REQ, date: today() }).out;
    assert.ok(printed.indexOf('填写的情况') < printed.indexOf(afterAsOf(q)), 'the answers before the answer');
    for (const line of INPUTS) assert.ok(printed.includes(line), line);
    assert.equal(printed.join('').split('核定为准').length - 1, 1, 'one disclaimer');
    assert.ok(printed.some((t) => /就高不重复/.test(t)), 'the rule behind the assistance');
    const controls = await page.evaluate(() => Array.from(document.querySelectorAll('button, input, select, textarea, .src > summary, a.back, #to-bill'))
      .filter((n) => n.getBoundingClientRect().height > 0).map((n) => n.id || n.tagName));
    assert.deepEqual(controls, [], 'no controls on paper');
    const clauses = await page.locator('.src > p').evaluateAll((ps) => ps.filter((p) => p.getBoundingClientRect().height > 0).length);
    assert.ok(clauses >= 5, `${clauses} clauses printed`);
    assert.equal(await page.locator('.src > p').first().evaluate((p) => getComputedStyle(p, '::before').content), '"依据："');
    assert.ok(pages(await page.pdf({ format: 'A4', printBackground: true })) <= 2, 'at most 2 A4 pages');
    await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
    await page.emulateMedia({ media: 'screen' });
    assert.equal(await page.locator('#fold-h-notes').evaluate((d) => d.open), false, 'the folds close again');
    await page.close();
  });

  test('print: a person of each policy set without a bill fits on 2 A4 pages', async (t) => {
    const page = await s.page({ width: 1280, height: 800 });
    for (const hash of ['region=yuyao&year=2024&birth=1980-05-17&hukou=local', 'region=yuyao&year=2023&birth=2012-03-01&hukou=nonlocal&permit=1',
      'region=yuyao&birth=2010-01-01&hukou=local&school=primary_secondary&id=orphan%2Ckunjing_child',
      'region=cixi&qianwan=1&birth=1950-01-01&hukou=local&id=dibao', 'region=cixi&birth=2012-03-01&hukou=nonlocal&permit=1&school=primary_secondary',
      'region=baiyin&district=jingtai&birth=1990-02-03&hukou=local', 'region=baiyin&district=baiyin&birth=1960-01-01&hukou=local&id=tekun%2Cdibao_partial%2Ctuopin']) {
      await page.goto(`${s.url}#${hash}&v=2`);
      await page.waitForSelector('[data-fig="tier"]');
      await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
      const n = pages(await page.pdf({ format: 'A4', printBackground: true }));
      t.diagnostic(`${hash}: ${n} A4 pages`);
      assert.ok(n <= 2, `${hash}: ${n} A4 pages`);
      await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
      await page.goto('about:blank');
    }
    await page.close();
  });

  s.clean();
});
