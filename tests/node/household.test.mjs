// Households: the built module's quoteHousehold() returns exactly the object
// JSON.parse makes of `yibao household` (it crosses from WASM as that JSON),
// quoteHouseholdText() the CLI's `--format text`, and bad input throws an
// Error with the CLI's code, field (a path into the member) and message.
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { HOUSEHOLD_ERRORS, HOUSEHOLDS } from './households.mjs';
import { BIN, loadModule } from './load.mjs';

function cli(req, text = false) {
  const args = ['household', ...(text ? ['--format', 'text'] : [])];
  const r = spawnSync(BIN, args, { input: JSON.stringify(req), encoding: 'utf8' });
  return { status: r.status, out: text && r.status === 0 ? r.stdout.replace(/\n$/, '') : JSON.parse(r.stdout) };
}

const outcome = (f) => {
  try {
    return { ok: f() };
  } catch (e) {
    return { code: e.code, field: e.field, message: e.message, isError: e instanceof Error };
  }
};

describe('wasm quoteHousehold() equals `yibao household`', () => {
  let mod;
  before(async () => {
    mod = await loadModule();
  });

  for (const [name, req] of Object.entries(HOUSEHOLDS)) {
    test(name, () => {
      const want = cli(req);
      assert.equal(want.status, 0, JSON.stringify(want.out));
      assert.deepEqual(mod.quoteHousehold(req), want.out);
      assert.equal(mod.quoteHouseholdText(req), cli(req, true).out);
    });
  }

  test('each member is quote() of its own request', () => {
    const req = HOUSEHOLDS['yuyao-2024-family.json'];
    const h = mod.quoteHousehold(req);
    const { members, ...shared } = req;
    members.forEach(({ name, relation, ...person }, i) => {
      assert.deepEqual(h.members[i].quote, mod.quote({ ...shared, ...person }), `member ${i}`);
    });
    assert.equal(h.totals.to_pay, '2480.00');
  });

  test('households and single quotes interleave (texts kept between calls)', () => {
    const reqs = Object.values(HOUSEHOLDS);
    const want = reqs.map((r) => cli(r).out);
    for (let round = 0; round < 3; round++) {
      reqs.forEach((r, i) => {
        assert.deepEqual(mod.quoteHousehold(r), want[i]);
        mod.quote({ region: 'yuyao', birth_date: '1980-05-17', hukou: 'local' });
      });
    }
  });

  test('the households cover each set, a newborn through a parent, not included, a payout range, accounts', () => {
    const outs = Object.values(HOUSEHOLDS).map((r) => cli(r).out);
    assert.deepEqual([...new Set(outs.map((h) => h.policy.id))].sort(), ['baiyin-2023', 'cixi-2023', 'yuyao-2024']);
    assert.ok(outs.some((h) => h.members.some((m) => m.newborn_parent?.met === true)));
    assert.ok(outs.some((h) => h.members.some((m) => m.newborn_parent?.met === false)));
    assert.ok(outs.some((h) => h.totals.not_included.length > 0));
    assert.ok(outs.some((h) => h.totals.yongningbao_payout_low !== null));
    assert.ok(outs.some((h) => h.accounts.length > 1));
  });

  for (const [name, req] of Object.entries(HOUSEHOLD_ERRORS)) {
    test(`error: ${name}`, () => {
      const want = cli(req);
      assert.equal(want.status, 2, JSON.stringify(want.out));
      assert.deepEqual(outcome(() => mod.quoteHousehold(req)), { ...want.out.error, isError: true });
      assert.deepEqual(outcome(() => mod.quoteHouseholdText(req)), { ...want.out.error, isError: true });
    });
  }

  test('Infinity in a member is the error of 1e999 in the CLI, naming the member', () => {
    const req = { ...HOUSEHOLDS['yuyao-2024-family.json'] };
    req.members = [...req.members];
    req.members[2] = { ...req.members[2], bill: { in_scope: Infinity } };
    const text = JSON.stringify({ ...req, members: req.members.map((m, i) => (i === 2 ? { ...m, bill: { in_scope: 0 } } : m)) })
      .replace('"in_scope":0', '"in_scope":1e999');
    const r = spawnSync(BIN, ['household'], { input: text, encoding: 'utf8' });
    assert.equal(r.status, 2, r.stdout);
    const want = JSON.parse(r.stdout).error;
    assert.equal(want.field, 'members[2].bill.in_scope');
    assert.deepEqual(outcome(() => mod.quoteHousehold(req)), { ...want, isError: true });
  });

  test('a member error names the member in field and message', () => {
    const got = outcome(() => mod.quoteHousehold(HOUSEHOLD_ERRORS['a bad birth date, named']));
    assert.equal(got.field, 'members[1].birth_date');
    assert.match(got.message, /^第2位家庭成员：/);
  });

  test('not request data is an invalid_type error, and the module stays usable', () => {
    const cyclic = { region: 'yuyao', members: [] };
    cyclic.members.push(cyclic);
    for (const bad of [cyclic, { region: 'yuyao', members: [{ relation: 'self', birth_date: () => 1 }] }, () => 1]) {
      const got = outcome(() => mod.quoteHousehold(bad));
      assert.deepEqual({ code: got.code, field: got.field }, { code: 'invalid_type', field: '' });
    }
    assert.equal(mod.quoteHousehold(HOUSEHOLDS['yuyao-2024-family.json']).totals.to_pay, '2480.00');
  });

  test('twenty members fit (a request larger than the first buffer)', () => {
    const req = { region: 'yuyao', benefit_year: 2024, date: '2023-11-01', members: Array.from({ length: 20 }, (_, i) => ({ name: `成员${i + 1}`, relation: 'other', birth_date: `19${50 + i}-01-01`, hukou: 'local' })) };
    const h = mod.quoteHousehold(req);
    assert.equal(h.members.length, 20);
    assert.equal(h.totals.to_pay, '15600.00'); // 20 × 780 (余政办发〔2023〕80号 二(一)3(1))
    assert.deepEqual(h, cli(req).out);
  });
});
