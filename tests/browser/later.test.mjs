// The first result does not wait for what it does not need: more.js (the
// blocks after the fees, the payout of a bill, the print block, the copied
// text, the hotline's keys, print) is loaded with the first answer, and the
// headline and the fees are on the page before it arrives; a bill's
// headline says the payout at once, the breakdown follows; 打印 and Alt+N
// pressed before it are done when it arrives; if more.js cannot be loaded,
// the fee answer stays and the answer and the payout's place say so, with
// 重试, which works once the network is back.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { cli, figure, plain, session, today, waitSummary } from './lib.mjs';

const TODAY = '2026-12-01';
const CHANGE = { region: 'yuyao', birth_date: '1980-05-17', hukou: 'local', school: 'none', employee_insurance: false, identities: ['dibao'], change: { registered_on: '2026-10-15', identities_then: [], changed_on: '2026-11-20' }, date: TODAY };
const CHANGE_HASH = '#region=yuyao&birth=1980-05-17&hukou=local&school=none&id=dibao&ch_reg=2026-10-15&ch_on=2026-11-20&v=3';
const BLOCKS = ['h-change', 'h-fees', 'h-enroll', 'h-ynb', 'h-notes'];

// A page whose more.js waits until release() is called.
async function holdMore(p) {
  let release;
  const wait = new Promise((r) => { release = r; });
  await p.route('**/more.js', async (route) => {
    await wait;
    await route.continue();
  });
  return release;
}

const blocks = (p) => p.locator('#out h3').evaluateAll((hs) => hs.map((h) => h.id));

const BILL = '#region=yuyao&birth=1980-05-17&hukou=local&school=none&year=2024&in_scope=30000&v=2';
const req = { region: 'yuyao', benefit_year: 2024, date: today(), birth_date: '1980-05-17', hukou: 'local', school: 'none', bill: { in_scope: 30000 } };

describe('more.js: after the first result', () => {
  const s = session();

  test('the answer and the payout in its headline come before more.js; the breakdown after it', async () => {
    const q = cli(req).out;
    const p = await s.page();
    let release;
    const held = new Promise((r) => { release = r; });
    let asked = false;
    await p.route('**/more.js', async (route) => {
      asked = true;
      await held;
      await route.continue();
    });
    await p.goto(s.url + BILL, { waitUntil: 'domcontentloaded' }); // 'load' would wait for more.js
    await waitSummary(p, q.summary);
    assert.equal(await figure(p, 'personal_fee'), q.personal_fee);
    const line = await p.locator('#pay-line').textContent();
    assert.ok(plain(line).includes(plain(q.yongningbao.payout.total)), `the headline says the payout ${q.yongningbao.payout.total}: ${line}`);
    assert.ok(asked, 'more.js is asked for with the first answer');
    assert.equal(await p.locator('[data-fig="ynb_total"]').count(), 0, 'the breakdown waits for more.js');
    release();
    await p.waitForSelector('[data-fig="ynb_total"]');
    assert.equal(await figure(p, 'ynb_total'), q.yongningbao.payout.total);
    await p.close();
  });

  test('the headline and the fees come before more.js; the change, enrolment, 甬宁保 and notes blocks after it, in their order', async () => {
    const q = cli(CHANGE).out;
    assert.ok(q.change && q.yongningbao, 'a change and 甬宁保 to show');
    const p = await s.pageOn(TODAY);
    const release = await holdMore(p);
    await p.goto(s.url + CHANGE_HASH, { waitUntil: 'domcontentloaded' });
    await waitSummary(p, q.summary);
    assert.equal(await figure(p, 'personal_fee'), q.personal_fee);
    assert.equal(await figure(p, 'to_pay'), q.to_pay);
    assert.match(await p.locator('#policy-line').textContent(), new RegExp(q.policy.document));
    assert.deepEqual(await blocks(p), ['h-fees'], 'only the fees before more.js');
    assert.equal(await p.locator('#change, [data-window], #steps').count(), 0);
    assert.equal(await p.locator('#more-msg').textContent(), '', 'nothing said while it loads');
    release();
    await p.locator('#h-notes').waitFor({ state: 'attached' });
    assert.deepEqual(await blocks(p), BLOCKS);
    assert.equal(await p.locator('#change').textContent(), q.change.reason);
    assert.equal(await p.locator('[data-window="enrollment"]').count(), 1);
    assert.equal(await p.locator('#steps li').count(), q.steps.length);
    await p.close();
  });

  test('打印 and Alt+N pressed before more.js is there: done when it arrives, the print with the caller\'s answers', async () => {
    const q = cli(req).out;
    // window.print records what the print-only block holds when it is called.
    const p = await s.page(null, () => {
      window.print = () => {
        window.printed = (window.printed || []).concat(document.getElementById('print-inputs').textContent);
      };
    });
    const release = await holdMore(p);
    await p.goto(s.url + BILL, { waitUntil: 'domcontentloaded' });
    await waitSummary(p, q.summary);
    await p.click('#print');
    await p.locator('#f-birth').focus();
    await p.keyboard.press('Alt+N');
    assert.equal(await p.evaluate(() => window.printed), undefined, 'print waits for more.js');
    assert.equal(await p.locator('#f-birth').inputValue(), '1980-05-17', 'the new call waits for more.js');
    release();
    await p.waitForFunction(() => window.printed && document.getElementById('f-birth').value === '');
    const printed = await p.evaluate(() => window.printed);
    assert.equal(printed.length, 1, 'one print');
    assert.match(printed[0], /出生日期：1980年5月17日/, 'printed with the caller\'s answers');
    assert.equal(await p.evaluate(() => location.hash), '');
    assert.equal(await p.evaluate(() => document.activeElement.id), 'f-region');
    assert.match(await p.locator('#announce').textContent(), /已清空上一位来电/);
    await p.close();
  });

  test('添加家庭成员 pressed before more.js is there: the row comes with it, focus on its first question', async () => {
    const p = await s.page();
    const release = await holdMore(p);
    await p.goto(s.url + '#region=yuyao&year=2024', { waitUntil: 'domcontentloaded' });
    await p.waitForSelector('#add-member');
    await p.click('#add-member');
    await p.click('#add-member'); // twice while waiting: one row
    assert.equal(await p.locator('#family').count(), 0);
    release();
    await p.waitForSelector('#f-m2-rel:visible');
    assert.equal(await p.evaluate(() => document.activeElement.id), 'f-m2-rel');
    assert.equal(await p.locator('#f-m3-rel').count(), 0, 'one row for the presses while waiting');
    await p.click('#add-member');
    await p.waitForSelector('#f-m3-rel:visible');
    assert.equal(await p.locator('#f-m4-rel').count(), 0, 'one row a press after');
    await p.close();
  });

  test('more.js cannot be loaded: the fee answer stays, the payout says so, 重试 works', async () => {
    const q = cli(req).out;
    const p = await s.page();
    let fail = true;
    await p.route('**/more.js', (route) => (fail ? route.abort() : route.continue()));
    await p.goto(s.url + BILL);
    await waitSummary(p, q.summary);
    const retry = p.locator('#payout-out button', { hasText: '重试' });
    await retry.waitFor();
    assert.match(await p.locator('#payout-out').textContent(), /下载失败/);
    // Where the blocks after the fees would be, the answer says so too.
    assert.match(await p.locator('#more-msg').textContent(), /参保时间、说明等其余内容没有显示：.*下载失败/);
    assert.equal(await p.locator('#more-msg button', { hasText: '重试' }).count(), 1);
    assert.equal(await figure(p, 'personal_fee'), q.personal_fee);
    assert.deepEqual(await blocks(p), ['h-fees']);
    fail = false;
    await p.locator('#more-msg button').click();
    await p.waitForSelector('[data-fig="ynb_total"]');
    assert.equal(await figure(p, 'ynb_total'), q.yongningbao.payout.total);
    assert.deepEqual(await blocks(p), ['h-fees', 'h-enroll', 'h-ynb', 'h-notes']);
    assert.equal(await p.locator('#more-msg').textContent(), '', 'the message goes');
    assert.equal(await p.locator('#payout-out button', { hasText: '重试' }).count(), 0);
    await p.close();
  });
});
