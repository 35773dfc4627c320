// The first result does not wait for what it does not need: more.js (the
// payout of a bill, the print block, the copied text) is loaded with the
// first answer, and the answer is on the page before it arrives; a bill's
// headline says the payout at once, the breakdown follows; if more.js
// cannot be loaded, the fee answer stays and the payout's place says so,
// with 重试, which works once the network is back.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { cli, figure, plain, session, today, waitSummary } from './lib.mjs';

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

  test('添加家庭成员 pressed before more.js is there: the row comes with it, focus on its first question', async () => {
    const p = await s.page();
    let release;
    const held = new Promise((r) => { release = r; });
    await p.route('**/more.js', async (route) => {
      await held;
      await route.continue();
    });
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
    assert.equal(await figure(p, 'personal_fee'), q.personal_fee);
    fail = false;
    await retry.click();
    await p.waitForSelector('[data-fig="ynb_total"]');
    assert.equal(await figure(p, 'ynb_total'), q.yongningbao.payout.total);
    await p.close();
  });
});
