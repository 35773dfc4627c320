// "情况有变化？" (issue 12): the three questions at the top of the issue,
// asked on the page on today's date (2026-12-01), each answered with its
// clause, as the CLI answers them; the fold's questions while it is half
// filled; the share link, 复制结果 and print carry the change.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { cli, cliText, fill, openFold, session, waitSummary } from './lib.mjs';

const TODAY = '2026-12-01';
const BASE = { school: 'none', employee_insurance: false, date: TODAY };

async function fillChange(page, c) {
  await openFold(page, '#more-change');
  await page.fill('#f-ch_reg', c.registered_on);
  await page.locator('#f-ch_reg').blur();
  for (const id of c.identities_then) await page.check(`#f-ch_then-${id}`);
  await page.fill('#f-ch_on', c.changed_on);
  await page.locator('#f-ch_on').blur();
}

async function changeShown(page, q) {
  await waitSummary(page, q.summary);
  assert.equal(await page.locator('#change').textContent(), q.change.reason);
  assert.equal(await page.locator('#change + .step-src').textContent(), `依据：${q.change.source}`);
  assert.ok(await page.locator('#change').isVisible() && await page.locator('#change + .step-src').isVisible(), 'the sentence and its clause are in sight');
}

describe('情况有变化？ on the page', () => {
  const s = session();

  test('the fold is closed by default, and a change left out sends none', async () => {
    const page = await s.pageOn(TODAY);
    await page.goto(`${s.url}#region=yuyao&birth=1980-05-17&hukou=local&v=2`);
    const q = cli({ ...BASE, region: 'yuyao', birth_date: '1980-05-17', hukou: 'local' }).out;
    await waitSummary(page, q.summary);
    assert.equal(await page.locator('#more-change').evaluate((d) => d.open), false);
    assert.equal(await page.locator('#f-ch_reg').isVisible(), false);
    assert.equal(await page.locator('#change').count(), 0);
    await page.close();
  });

  test('"I paid 780 in October and was certified 低保 in November: do I get it back?" (余姚, 80号 二(一)4(3)③)', async () => {
    const page = await s.pageOn(TODAY, { width: 360, height: 740 });
    await page.goto(s.url);
    await page.waitForSelector('#f-birth');
    const person = { region: 'yuyao', birth_date: '1980-05-17', hukou: 'local', identities: ['dibao'] };
    const change = { registered_on: '2026-10-15', identities_then: [], changed_on: '2026-11-20' };
    await fill(page, person);
    await fillChange(page, change);
    const req = { ...BASE, ...person, change };
    const q = cli(req).out;
    assert.equal(q.change.outcome, 'refund');
    assert.equal(q.change.amount, '780.00');
    assert.match(q.change.source, /二\(一\)4\(3\)③/);
    await changeShown(page, q);
    assert.match(await page.locator('#change').textContent(), /退还已缴纳的个人缴费780元/);

    // 复制结果 carries the sentence with its clause (the CLI's text), and the answers asked.
    await page.click('#copy');
    await page.waitForFunction(() => /已复制/.test(document.querySelector('.copy-msg').textContent));
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    const line = cliText(req).split('\n').find((l) => l.startsWith('身份变化：'));
    assert.ok(line && line.includes(q.change.source), line);
    assert.ok(copied.includes(line), copied);
    assert.match(copied, /哪天办理的本年度参保登记：2026年10月15日/);
    assert.match(copied, /哪天认定为现在的身份：2026年11月20日/);
    assert.match(copied, /办理登记时有哪些特殊身份（没有就不选）：无/);

    // Print has it.
    await page.emulateMedia({ media: 'print' });
    assert.ok(await page.locator('#change').isVisible());
    assert.ok(await page.locator('#change + .step-src').isVisible());
    await page.emulateMedia({ media: 'screen' });

    // The share link carries it, and a new page opened with it answers the same.
    await page.click('#share');
    await page.waitForFunction(() => /已复制分享链接/.test(document.querySelector('.copy-msg').textContent));
    const link = await page.evaluate(() => navigator.clipboard.readText());
    assert.match(link, /ch_reg=2026-10-15/);
    assert.match(link, /ch_on=2026-11-20/);
    const again = await s.pageOn(TODAY);
    await again.goto(link);
    await changeShown(again, q);
    assert.equal(await again.locator('#more-change').evaluate((d) => d.open), true, 'the fold opens with its answers');
    await again.close();

    // 新来电 clears it and closes the fold.
    await page.click('#new-call');
    assert.equal(await page.locator('#f-ch_reg').inputValue(), '');
    assert.equal(await page.locator('#more-change').evaluate((d) => d.open), false);
    await page.close();
  });

  test('"I was 已脱贫 and am now 低保: do I get the difference?" (白银, 47号 三: 补差)', async () => {
    const page = await s.pageOn(TODAY);
    await page.goto(s.url);
    await page.waitForSelector('#f-birth');
    const person = { region: 'baiyin', district: 'huining', birth_date: '1970-05-17', hukou: 'local', identities: ['dibao_full'] };
    const change = { registered_on: '2026-10-15', identities_then: ['tuopin'], changed_on: '2026-11-20' };
    await fill(page, person);
    await fillChange(page, change);
    const q = cli({ ...BASE, ...person, change }).out;
    assert.equal(q.change.outcome, 'top_up');
    assert.match(q.change.source, /47号 三/);
    await changeShown(page, q);
    // 47号 三5: 已脱贫's 100 is 2022's standard, lowered through the transition period; for 2027 it is
    // only an upper bound, so the top-up is at least 150 (issue 23 point 5).
    assert.equal(q.change.amount, null);
    assert.match(await page.locator('#change').textContent(), /补差至少150元/);
    await page.close();
  });

  test('"My child turns 6: do I have to do anything?" (余姚, 80号 二(一)4(1)①②: register again)', async () => {
    const page = await s.pageOn(TODAY);
    await page.goto(s.url);
    await page.waitForSelector('#f-birth');
    const person = { region: 'yuyao', birth_date: '2020-12-31', hukou: 'local' };
    await fill(page, person);
    const q = cli({ ...BASE, ...person }).out;
    const step = q.enrollment.how.find((h) => h.text.startsWith('跨年龄段'));
    assert.ok(step, 'the core has the age-band step');
    assert.match(step.source, /二\(一\)4\(1\)①②/);
    await waitSummary(page, q.summary);
    assert.match(await page.locator('#summary').textContent(), /跨年龄段.*须由个人重新办理参保登记/);
    // The step with its clause, in the notice's steps (folded: the window has closed).
    await openFold(page, '#more-how');
    const li = page.locator('#how > li', { hasText: /^跨年龄段：/ });
    await li.locator('summary').click();
    assert.equal(await li.locator('.src p').textContent(), step.source);
    await page.close();
  });

  test('half filled: the missing day is asked, not an error; a certification before registering says so', async () => {
    const page = await s.pageOn(TODAY);
    await page.goto(`${s.url}#region=yuyao&birth=1980-05-17&hukou=local&id=dibao&v=2`);
    await page.waitForSelector('#f-birth');
    await openFold(page, '#more-change');
    assert.equal(await page.locator('#box-ch_then').isVisible(), false, 'the identities then are asked once a day is given');
    await page.fill('#f-ch_reg', '2026-10-15');
    await page.locator('#f-ch_reg').blur();
    await page.waitForSelector('#questions a[href="#f-ch_on"]');
    assert.match(await page.locator('#questions').textContent(), /您现在的身份是哪天认定的/);
    assert.ok(await page.locator('#box-ch_then').isVisible());
    await page.fill('#f-ch_on', '2026-09-01');
    await page.locator('#f-ch_on').blur();
    await page.waitForSelector('#err-ch_on:not([hidden])');
    assert.match(await page.locator('#err-ch_on').textContent(), /早于办理参保登记的日期/);
    await page.close();
  });

  s.clean();
});
