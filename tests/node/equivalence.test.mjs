// The built module (dist/yibao.js + dist/yibao_bg.wasm, loaded from bytes as
// the page does) answers exactly as the CLI (`yibao quote`): quote() returns
// the object JSON.parse makes of the CLI's JSON (it crosses from WASM as
// that JSON, src/wasm.rs), quoteText() the CLI's `--format text`; bad
// input throws an Error with the same code, field and message as the CLI's
// {"error": ...} with exit code 2.
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { person, RESULTS } from './cases.mjs';
import { join } from 'node:path';
import { BIN, ROOT, loadModule } from './load.mjs';
import { requests } from './random.mjs';

const ERRORS = {
  'birth date not a date': { ...person, birth_date: '1980-13-01' },
  'birth date as a number': { ...person, birth_date: 19800517 },
  'hukou missing': { region: 'yuyao', birth_date: '1980-05-17' },
  'unknown region': { ...person, region: 'ningbo' },
  'no such benefit year': { ...person, benefit_year: 2022 },
  'negative amount': { ...person, bill: { in_scope: -5 } },
  'three decimals': { ...person, bill: { in_scope: '1.234' } },
  'outside Ningbo larger than the amount': { ...person, bill: { self_paid: 50, outside_ningbo: { self_paid: 100 } } },
  'unknown identity': { ...person, identities: ['xyz'] },
  'unknown field': { ...person, foo: 1 },
  'change certified before registering': { ...person, change: { registered_on: '2023-10-15', identities_then: [], changed_on: '2023-10-01' } },
  'change with an unknown identity then': { ...person, change: { registered_on: '2023-10-15', identities_then: ['x'], changed_on: '2023-11-01' } },
  'district where there are none': { ...person, district: 'huining' },
  'Baiyin without district': { region: 'baiyin', birth_date: '1980-05-17', hukou: 'local' },
  'qianwan outside Cixi': { ...person, qianwan: true },
  'newborn parent not given': { ...person, birth_date: '2023-08-01', hukou: 'nonlocal' },
  'parent months negative': { ...person, birth_date: '2023-08-01', hukou: 'nonlocal', newborn_parent: { employee_insurance_months: -1 } },
  'not an object': 'a string',
};

// JS values JSON cannot carry: each reads as the JSON beside it would (the
// request crosses as JSON text, made by src/yibao.js).
const nested = (n) => { let v = 'x'; for (let i = 0; i < n; i++) v = [v]; return v; };
const AS_JSON = {
  'undefined field as null': [{ ...person, school: undefined }, { ...person, school: null }],
  'array hole as null': [{ ...person, identities: [, 'dibao'] }, { ...person, identities: [null, 'dibao'] }], // eslint-disable-line no-sparse-arrays
  'Date object as {}': [{ ...person, bill: new Date(0) }, { ...person, bill: {} }],
  'Map object as {}': [{ ...person, bill: new Map([['in_scope', 5]]) }, { ...person, bill: {} }],
  'boxed string as its indexed object': [{ ...person, hukou: new String('ab') }, { ...person, hukou: { 0: 'a', 1: 'b' } }],
  '-0 as 0': [{ ...person, bill: { in_scope: -0 } }, { ...person, bill: { in_scope: 0 } }],
  'NaN as a non-integer year': [{ ...person, benefit_year: NaN }, { ...person, benefit_year: 2024.5 }],
  'Infinity as a huge amount': [{ ...person, bill: { in_scope: Infinity } }, { ...person, bill: { in_scope: 1e300 } }],
  'lone surrogate as U+FFFD': [{ ...person, ['\ud800x']: 1 }, { ...person, ['\ufffdx']: 1 }],
  'astral characters': [{ ...person, hukou: '𝄞本市' }, { ...person, hukou: '𝄞本市' }],
  'inherited keys are not read': [Object.assign(Object.create({ hukou: 'nonlocal' }), { region: 'yuyao', birth_date: '1980-05-17' }), { region: 'yuyao', birth_date: '1980-05-17' }],
  'eight levels of nesting': [{ ...person, x: nested(7) }, { ...person, x: nested(7) }],
  'a request larger than the first buffer': [{ ...person, identities: Array(300).fill('dibao') }, { ...person, identities: Array(300).fill('dibao') }],
  'text longer than the first buffer, not ASCII': [{ ...person, ['户籍'.repeat(100)]: '本市'.repeat(100) }, { ...person, ['户籍'.repeat(100)]: '本市'.repeat(100) }],
};
const cyclic = { ...person };
cyclic.self = cyclic;
const throwing = { ...person };
Object.defineProperty(throwing, 'x', { enumerable: true, get() { throw new Error('boom'); } });
// Not request data at all: an invalid_type error for the whole request.
const NOT_DATA = {
  'a function': { ...person, x: () => 1 },
  'a symbol': { ...person, hukou: Symbol('local') },
  'a bigint': { ...person, benefit_year: 2024n },
  'a cycle': cyclic,
  'nine levels of nesting': { ...person, x: nested(8) },
  'a getter that throws': throwing,
  'a function as the request': () => person,
};

function cliText(req) {
  const r = spawnSync(BIN, ['quote', '--format', 'text'], { input: JSON.stringify(req), encoding: 'utf8' });
  assert.equal(r.status, 0, r.stdout);
  return r.stdout.replace(/\n$/, '');
}

function cli(req) {
  const r = spawnSync(BIN, ['quote'], { input: JSON.stringify(req), encoding: 'utf8' });
  return { status: r.status, out: JSON.parse(r.stdout) };
}

describe('wasm quote() equals the CLI', () => {
  let mod;
  before(async () => {
    mod = await loadModule();
  });

  test('policies() equals `yibao policies`', () => {
    const want = JSON.parse(spawnSync(BIN, ['policies'], { encoding: 'utf8' }).stdout);
    assert.deepEqual(mod.policies(), want);
  });

  for (const [name, req] of Object.entries(RESULTS)) {
    test(name, () => {
      const want = cli(req);
      assert.equal(want.status, 0, JSON.stringify(want.out));
      // The object itself, as JSON.parse makes it of the CLI's output (no round trip).
      assert.deepEqual(mod.quote(req), want.out);
      assert.equal(mod.quoteText(req), cliText(req));
    });
  }

  test('results stay equal over repeated, interleaved calls (texts kept between calls)', () => {
    const reqs = Object.values(RESULTS);
    const want = reqs.map((r) => cli(r).out);
    for (let round = 0; round < 3; round++) {
      reqs.forEach((r, i) => assert.deepEqual(mod.quote(r), want[i]));
      mod.policies();
    }
  });

  test('the requests cover every policy set, assisted, ineligible, newborn, outside Ningbo, counted before', () => {
    const outs = Object.values(RESULTS).map((r) => cli(r).out);
    assert.deepEqual([...new Set(outs.map((q) => q.policy.id))].sort(), ['baiyin-2023', 'cixi-2023', 'yuyao-2023', 'yuyao-2024']);
    assert.ok(outs.some((q) => q.eligible === false));
    assert.ok(outs.some((q) => Number(q.assistance) > 0 && q.assistance !== q.personal_fee));
    assert.ok(outs.some((q) => q.assistance !== null && q.assistance === q.personal_fee));
    assert.ok(outs.some((q) => q.yongningbao?.payout?.upper_bound));
    assert.ok(outs.some((q) => q.yongningbao?.payout?.items.some((i) => i.capped)));
    assert.ok(outs.some((q) => q.yongningbao?.paid_by_government));
  });

  const outcome = (f) => {
    try {
      return { ok: f() };
    } catch (e) {
      return { code: e.code, field: e.field, message: e.message };
    }
  };

  for (const [name, [js, json]] of Object.entries(AS_JSON)) {
    test(`JS value: ${name}`, () => {
      const want = cli(json);
      assert.deepEqual(outcome(() => mod.quote(js)), want.status === 0 ? { ok: want.out } : want.out.error);
    });
  }

  for (const [name, js] of Object.entries(NOT_DATA)) {
    test(`not request data: ${name}`, () => {
      const got = outcome(() => mod.quote(js));
      assert.deepEqual({ code: got.code, field: got.field }, { code: 'invalid_type', field: '' });
      assert.match(got.message, /无法读取/);
      // The module is still usable afterwards.
      assert.equal(mod.quote(person).personal_fee, '780.00');
    });
  }

  test('one size limit, one error: 1 MiB of JSON text is read by both, a byte more is too_large in both', () => {
    const MAX = 1048576;
    const bytes = (v) => Buffer.byteLength(JSON.stringify(v));
    for (const filler of ['a', '户籍"\n😀\u0001']) {
      const base = { ...person, x: filler.repeat(Math.floor((MAX - 200) / bytes(filler.repeat(10)) * 10)) };
      const at = { ...base, x: base.x + 'a'.repeat(MAX - bytes(base)) };
      assert.equal(bytes(at), MAX);
      const over = { ...at, x: at.x + 'a' };
      for (const [req, code] of [[at, 'unknown_field'], [over, 'too_large']]) {
        const want = cli(req);
        assert.equal(want.out.error?.code, code);
        assert.deepEqual(outcome(() => mod.quote(req)), want.out.error);
        assert.equal(outcome(() => mod.quoteText(req)).code, code);
      }
    }
  });

  test('1e999 in the CLI gets the error Infinity gets in quote(), naming the field', () => {
    for (const [raw, js] of [
      ['{"region":"yuyao","birth_date":"1980-05-17","hukou":"local","bill":{"in_scope":1e999}}', { ...person, bill: { in_scope: Infinity } }],
      ['{"region":"yuyao","birth_date":"1980-05-17","hukou":"local","benefit_year":-1e999}', { ...person, benefit_year: -Infinity }],
      ['{"region":1e999,"birth_date":"1980-05-17","hukou":"local"}', { ...person, region: Infinity }],
    ]) {
      const r = spawnSync(BIN, ['quote'], { input: raw, encoding: 'utf8' });
      assert.equal(r.status, 2, r.stdout);
      const want = JSON.parse(r.stdout).error;
      assert.notEqual(want.field, '');
      assert.deepEqual(outcome(() => mod.quote(js)), want);
    }
  });

  for (const [name, req] of Object.entries(ERRORS)) {
    test(`error: ${name}`, () => {
      const want = cli(req);
      assert.equal(want.status, 2, JSON.stringify(want.out));
      let thrown = null;
      try {
        mod.quote(req);
      } catch (e) {
        thrown = e;
      }
      assert.ok(thrown instanceof Error, 'quote() throws an Error');
      assert.deepEqual({ code: thrown.code, field: thrown.field, message: thrown.message }, want.out.error);
      assert.throws(() => mod.quoteText(req), (e) => e.code === want.out.error.code && e.field === want.out.error.field);
    });
  }
});

// 20,000 random requests (tests/node/random.mjs, a fixed seed): each gets
// the same from quote() and quoteText() as from the CLI's reader and
// writers, answer or error (examples/quote_lines.rs: `yibao quote` and
// `yibao quote --format text` for many requests in one process, so that
// the test does not start the CLI 40,000 times). JavaScript cannot write
// some CLI inputs (a duplicate key, 1e999): the tests above hold those.
describe('20,000 random requests: quote() and quoteText() equal the CLI', () => {
  const N = 20000;
  const BATCH = 1000;
  let mod;
  let lines;
  before(async () => {
    mod = await loadModule();
    const b = spawnSync('cargo', ['build', '-q', '--example', 'quote_lines'], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(b.status, 0, `cargo build --example quote_lines failed: ${b.stderr}`);
    lines = join(ROOT, 'target', 'debug', 'examples', 'quote_lines');
  });

  test(`${N} requests`, () => {
    const next = requests(mod.policies(), 20261206);
    const seen = { answers: 0, errors: new Map() };
    for (let start = 0; start < N; start += BATCH) {
      const reqs = Array.from({ length: BATCH }, next);
      const r = spawnSync(lines, [], { input: reqs.map((q) => JSON.stringify(q)).join('\n') + '\n', encoding: 'utf8', maxBuffer: 1 << 28 });
      assert.equal(r.status, 0, r.stderr);
      const outs = r.stdout.trimEnd().split('\n').map((l) => JSON.parse(l));
      assert.equal(outs.length, BATCH);
      reqs.forEach((req, i) => {
        const want = outs[i];
        const at = `request ${start + i}: ${JSON.stringify(req)}`;
        if (want.error) {
          seen.errors.set(want.error.code, (seen.errors.get(want.error.code) || 0) + 1);
          for (const f of [mod.quote, mod.quoteText]) {
            let got = null;
            try {
              f(req);
            } catch (e) {
              got = { code: e.code, field: e.field, message: e.message };
            }
            assert.deepEqual(got, want.error, at);
          }
        } else {
          seen.answers++;
          assert.equal(JSON.stringify(mod.quote(req)), JSON.stringify(want.json), at);
          assert.equal(mod.quoteText(req), want.text, at);
        }
      });
    }
    // The requests reach answers and every kind of error.
    const what = `${seen.answers} answers, errors ${JSON.stringify([...seen.errors])}`;
    assert.ok(seen.answers > N / 5, what);
    for (const code of ['invalid_type', 'invalid_value', 'unknown_field', 'unknown_identity', 'missing', 'out_of_range', 'not_applicable']) {
      assert.ok(seen.errors.get(code) > 0, `${code}: ${what}`);
    }
    console.log(`# ${what}`);
  });
});
