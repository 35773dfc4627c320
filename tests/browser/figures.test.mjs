// The page's figures against the CLI, for one person per policy set and a
// 甬宁保 bill; errors next to their fields, questions as questions; the
// newborn questions; copy and share link; no request leaves the test server,
// no console errors.
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { cli, cliText, figure, fill, headlineSummary, openFold, plain, policies, session, today, waitReady, waitSummary } from './lib.mjs';

const FEES = ['personal_fee', 'ltc_fee', 'assistance', 'to_pay', 'subsidy', 'total_funding'];
const BASE = { school: 'none', employee_insurance: false, identities: [] };

const CASES = [
  {
    name: 'yuyao-2024, adult, local',
    req: { region: 'yuyao', benefit_year: 2024, birth_date: '1980-05-17', hukou: 'local' },
    brief: { personal_fee: '780.00', ltc_fee: '30.00', subsidy: '2090.00' },
  },
  {
    name: 'yuyao-2023, child',
    req: { region: 'yuyao', benefit_year: 2023, birth_date: '2012-03-01', hukou: 'local' },
    brief: { personal_fee: '290.00', subsidy: '370.00' },
    tier: '中小学生档',
  },
  {
    name: 'cixi-2023, infant, local',
    req: { region: 'cixi', benefit_year: 2023, birth_date: '2020-06-01', hukou: 'local' },
    brief: { personal_fee: '630.00', subsidy: '1000.00' },
    inferred: true,
  },
  {
    name: 'baiyin-2023, 会宁县, dibao_full',
    req: { region: 'baiyin', benefit_year: 2023, district: 'huining', birth_date: '1970-03-02', hukou: 'local', identities: ['dibao_full'] },
    brief: { personal_fee: '350.00', assistance: '250.00', to_pay: '100.00' },
    split: { central: '488.00', province: '110.80', county: '11.20' },
  },
  {
    name: 'yuyao-2024, bill in_scope 30000',
    req: { region: 'yuyao', benefit_year: 2024, birth_date: '1980-05-17', hukou: 'local', bill: { in_scope: 30000 } },
    brief: { personal_fee: '780.00' },
    payout: '10200.00',
    bands: { '6000.00': '4200.00', '20000.00': '6000.00' },
  },
  {
    name: 'yuyao-2024, bill outside Ningbo and counted before (upper bound)',
    req: {
      region: 'yuyao', benefit_year: 2024, birth_date: '1958-01-09', hukou: 'local',
      bill: { in_scope: 12000, self_paid: 50000, outside_ningbo: { self_paid: 10000 }, counted_before: { in_scope: 4000, self_paid: 1000 } },
    },
    upper: true,
  },
];

describe('figures on the page equal the CLI', () => {
  const s = session();
  let page;
  before(async () => {
    page = await s.page();
  });

  for (const c of CASES) {
    test(c.name, async () => {
      const want = cli({ ...BASE, ...c.req, date: today() });
      assert.equal(want.status, 0);
      const q = want.out;
      await page.goto(s.url);
      await waitReady(page);
      await fill(page, c.req);
      await waitSummary(page, q.summary);

      for (const k of FEES) {
        if (q[k] === null || !(await page.locator(`[data-fig="${k}"]`).count())) {
          assert.ok(q[k] === null || k === 'ltc_fee', `${k} missing on the page`);
          continue;
        }
        assert.equal(await figure(page, k), q[k], k);
      }
      for (const [k, v] of Object.entries(c.brief || {})) assert.equal(await figure(page, k), v, `brief: ${k}`);
      if (c.tier) assert.match(await page.locator('[data-fig="tier"]').textContent(), new RegExp(c.tier));

      // Policy year, document number and disclaimer are always shown.
      const line = await page.locator('#policy-line').textContent();
      assert.ok(line.includes(q.policy.document) && line.includes(`${q.benefit_year}年度`), line);
      assert.ok(await page.locator('#result .disclaimer').isVisible());
      assert.match(await page.locator('#result .disclaimer').textContent(), /以医保经办机构核定为准/);

      // Every subsidy split row, with "文件未列金额" where there is no amount.
      for (const s of q.subsidy_split) {
        const row = page.locator(`#subsidy-split tbody[data-payer="${s.payer}"]`).first();
        assert.equal(plain(await row.locator('td.num').textContent()), s.amount ?? '文件未列金额');
      }
      for (const [payer, amount] of Object.entries(c.split || {})) {
        assert.equal(plain(await page.locator(`#subsidy-split tbody[data-payer="${payer}"] td.num`).textContent()), amount);
      }
      assert.equal(await page.locator('#how li').count(), q.enrollment.how.length);
      // The notes are folded until asked for.
      assert.equal(await page.locator('#assumptions').isVisible(), false);
      await openFold(page, '#fold-h-notes');
      for (const a of q.assumptions) assert.ok(await page.locator('#assumptions').getByText(a.text).isVisible(), a.id);

      if (c.inferred) {
        assert.ok(await page.locator('#policy-note').isVisible());
        assert.match(await page.locator('#policy-note').textContent(), /推断/);
      }

      const pay = q.yongningbao?.payout;
      if (pay) {
        assert.equal(await figure(page, 'ynb_total'), pay.total);
        assert.equal(await figure(page, 'ynb_own_share'), pay.own_share);
        for (const item of pay.items) {
          const box = page.locator(`[data-item="${item.id}"]`);
          assert.equal(await box.locator('.working').textContent(), `算式：${item.working}`);
          for (const b of item.bands) assert.equal(plain(await box.locator(`[data-band="${b.from}"]`).textContent()), b.amount);
        }
        assert.equal(await page.locator('.badge-upper').first().isVisible(), pay.upper_bound);
        assert.equal(pay.upper_bound, !!c.upper);
        if (pay.upper_bound) assert.equal(await page.locator('#payout-notes li').first().textContent(), pay.notes[0]);
        await page.waitForSelector('#chart svg circle.mark');
      }
      if (c.payout) assert.equal(pay.total, c.payout);
      for (const [from, amount] of Object.entries(c.bands || {})) {
        assert.equal(plain(await page.locator(`[data-band="${from}"]`).textContent()), amount);
      }
    });
  }

  test('copy result and share link (fragment only), restored on load', async () => {
    const req = CASES[4].req;
    const q = cli({ ...BASE, ...req, date: today() }).out;
    await page.goto(s.url);
    await waitReady(page);
    await fill(page, req);
    await waitSummary(page, q.summary);
    await page.click('#copy');
    await page.waitForFunction(() => /已复制/.test(document.querySelector('.copy-msg').textContent));
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    // The caller's answers first, then every line of the CLI's text.
    assert.ok(copied.startsWith('【填写的情况】\n查询日期：'), copied.slice(0, 40));
    assert.match(copied, /地区：余姚市\n出生日期：1980年5月17日\n参保人的户籍：本市户籍/);
    assert.match(copied, /个人自付：30,000 元/);
    for (const line of cliText({ ...BASE, ...req, date: today() }).split('\n')) assert.ok(copied.includes(line), line);
    await page.click('#share');
    await page.waitForFunction(() => /已复制分享链接/.test(document.querySelector('.copy-msg').textContent));
    assert.match(await page.locator('#copy-note').textContent(), /填写的全部情况/);
    const link = await page.evaluate(() => navigator.clipboard.readText());
    assert.ok(link.startsWith(s.url) && link.includes('#') && !link.split('#')[0].includes('1980'), link);
    assert.match(link, /#region=yuyao&birth=1980-05-17&hukou=local&school=none&year=2024&in_scope=30000&v=3$/);
    const other = await s.page();
    await other.goto(link);
    await waitSummary(other, q.summary);
    assert.equal(await figure(other, 'ynb_total'), '10200.00');
    await other.close();
  });

  test('errors sit next to their field; the rest of the answer stays', async () => {
    await page.goto(s.url);
    await waitReady(page);
    // Empty, then half-typed: a question, then a gentle prompt; no error.
    assert.match(await page.locator('#summary').getAttribute('class'), /summary-prompt/);
    assert.match(await page.locator('#questions').textContent(), /参保人是哪天出生的/);
    await page.locator('#f-birth').pressSequentially('198');
    assert.match(await page.locator('#summary').getAttribute('class'), /summary-prompt/);
    assert.equal(await page.locator('[aria-invalid="true"]').count(), 0);

    // An impossible date says so, in the page's words.
    for (const [typed, said] of [['1980-13-01', /没有13月/], ['1981-02-29', /1981年没有2月29日/], ['1980-04-31', /没有4月31日/]]) {
      await page.fill('#f-birth', typed);
      await page.locator('#f-birth').blur();
      assert.match(await page.locator('#err-birth').textContent(), said);
      assert.equal(await page.locator('#f-birth').getAttribute('aria-invalid'), 'true');
      assert.ok((await page.locator('#f-birth').getAttribute('aria-describedby')).split(' ').includes('err-birth'));
      assert.equal(await page.locator('[data-fig="personal_fee"]').count(), 0);
    }

    // A wrong bill amount marks that amount and leaves the fee answer.
    await page.fill('#f-birth', '1980-05-17');
    await page.check('#f-hukou-local');
    await page.check('#f-school-none');
    await openFold(page, '#more-bill');
    const cases = [
      { set: { bill_in_scope: '-5' }, req: { bill: { in_scope: '-5' } }, input: '#f-bill_in_scope', err: '#err-bill_in_scope' },
      { set: { bill_in_scope: '', bill_self_paid: '50', bill_out_self_paid: '100' }, req: { bill: { self_paid: '50', outside_ningbo: { self_paid: '100' } } }, input: '#f-bill_out_self_paid', err: '#err-bill_out_self_paid', open: '#more-out' },
    ];
    const fee = cli({ ...BASE, region: 'yuyao', hukou: 'local', birth_date: '1980-05-17', date: today() }).out;
    for (const c of cases) {
      if (c.open) await openFold(page, c.open);
      for (const [k, v] of Object.entries(c.set)) await page.fill(`#f-${k}`, v);
      await page.locator('#f-birth').focus();
      await page.locator('#f-birth').blur();
      const e = cli({ ...BASE, region: 'yuyao', hukou: 'local', birth_date: '1980-05-17', date: today(), ...c.req });
      assert.equal(e.status, 2);
      assert.equal(await page.locator(c.err).textContent(), e.out.error.message);
      assert.ok(await page.locator(c.err).isVisible());
      assert.equal(await page.locator(c.input).getAttribute('aria-invalid'), 'true');
      assert.ok((await page.locator(c.input).getAttribute('aria-describedby')).split(' ').includes(c.err.slice(1)));
      assert.equal(await page.locator('[aria-invalid="true"]').count(), 1);
      assert.equal(await headlineSummary(page), fee.summary, 'the fee answer stays');
      assert.equal(await figure(page, 'to_pay'), fee.to_pay);
    }
    await page.fill('#f-bill_out_self_paid', '');
    await page.fill('#f-bill_self_paid', '');
    await page.waitForSelector('[data-fig="personal_fee"]');
    assert.equal(await page.locator('[aria-invalid="true"]').count(), 0);

    // Baiyin without a district: a question at the district, not an error.
    await page.selectOption('#f-region', 'baiyin');
    await page.waitForSelector('#box-district.asked');
    assert.equal(await page.locator('[aria-invalid="true"]').count(), 0);
    assert.match(await page.locator('#questions').textContent(), /您在白银市哪个县区参保？/);
    assert.equal(await page.locator('#bill').isVisible(), false, 'no 甬宁保 section for Baiyin');
    assert.equal(await page.locator('#box-qianwan').isVisible(), false);
    await page.click('#questions a');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'f-district', 'the question links to its field');
    await page.selectOption('#f-district', 'jingtai');
    await page.waitForSelector('[data-fig="personal_fee"]');
  });

  test('identities are those of the chosen policy set, with their names', async () => {
    for (const p of policies()) {
      await page.selectOption('#f-region', p.region);
      await openFold(page, '#more-year');
      await page.selectOption('#f-year', String(p.benefit_year));
      const shown = await page.locator('#box-id .opt label').allTextContents();
      assert.deepEqual(shown, p.identities.map((i) => i.name), p.id);
      assert.equal(await page.locator('#box-qianwan').isVisible(), p.subareas.length > 0, p.id);
      assert.equal(await page.locator('#bill').isVisible(), !!p.yongningbao, p.id);
    }
  });

  test('newborn parent questions appear only when they apply, as questions, only those the set needs', async () => {
    const p2 = await s.pageOn('2023-11-01');
    await p2.goto(s.url);
    await waitReady(p2);
    const person = { region: 'yuyao', birth_date: '2023-08-01', hukou: 'nonlocal', residence_permit: false };
    await fill(p2, person);
    const asked = cli({ ...BASE, ...person, date: '2023-11-01' });
    assert.equal(asked.out.error.field, 'newborn_parent');
    await p2.waitForSelector('#box-newborn:not([hidden])');
    assert.equal(await p2.locator('[aria-invalid="true"]').count(), 0, 'a question, not an error');
    assert.match(await p2.locator('#questions').textContent(), /孩子的爸爸或妈妈是否持有余姚市有效居住证？/);
    // 80号 二(一)1(3): a parent's permit and normal insurance; no months of employee insurance.
    assert.equal(await p2.locator('#box-np_months').isVisible(), false);
    await p2.check('#f-np_permit-yes');
    await p2.check('#f-np_normal-yes');
    const q = cli({ ...BASE, ...person, date: '2023-11-01', newborn_parent: { residence_permit: true, insured_normal: true } }).out;
    await waitSummary(p2, q.summary);
    assert.equal(await figure(p2, 'personal_fee'), q.personal_fee);
    assert.match(await p2.locator('[data-window="enrollment"] .badge').textContent(), /正在进行/);
    // The baby's own permit is not asked (issue 24); with local 户籍 the questions go away.
    assert.equal(await p2.locator('#box-permit').isVisible(), false);
    await p2.check('#f-hukou-local');
    await p2.waitForSelector('#box-newborn', { state: 'hidden' });
    await p2.close();
  });

  s.clean();
});
