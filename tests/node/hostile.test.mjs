// The built module (dist/yibao.js, as every host loads it) against hostile
// input: amounts that overflowed the module's stack, requests that took
// seconds and gigabytes to walk, calls made when the host's own stack is
// nearly full. Each throws a QuoteError (with code, field and message) or,
// for a call the module could not finish, a QuoteError with code
// "internal"; and afterwards the module still answers, and answers right.
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const DIST = process.env.YIBAO_DIST || join(ROOT, 'dist');

const person = { region: 'yuyao', benefit_year: 2024, date: '2023-11-01', birth_date: '1980-05-17', hukou: 'local', bill: { date: '2024-03-15', in_scope: 30000 } };

describe('hostile input to the wasm module', () => {
  let mod;
  let want;
  before(async () => {
    assert.ok(existsSync(join(DIST, 'yibao_bg.wasm')), `${DIST}/yibao_bg.wasm missing: run make web first`);
    mod = await import(pathToFileURL(join(DIST, 'yibao.js')).href);
    await mod.default({ module_or_path: readFileSync(join(DIST, 'yibao_bg.wasm')) });
    want = { quote: mod.quote(person), text: mod.quoteText(person), policies: mod.policies(), version: mod.version() };
    assert.equal(want.quote.yongningbao.payout.total, '10200.00'); // 附件3: 14,000 × 30% + 10,000 × 60%
  });

  // The module answers as it did before anything hostile.
  function stillAnswers() {
    assert.deepEqual(mod.quote(person), want.quote);
    assert.equal(mod.quoteText(person), want.text);
    assert.deepEqual(mod.policies(), want.policies);
    assert.equal(mod.version(), want.version);
  }

  function throwsQuoteError(f, code, field) {
    let thrown = null;
    try {
      f();
    } catch (e) {
      thrown = e;
    }
    assert.ok(thrown instanceof Error, 'throws an Error');
    assert.deepEqual({ name: thrown.name, code: thrown.code, field: thrown.field }, { name: 'QuoteError', code, field });
    assert.match(thrown.message, /[\u4e00-\u9fff]/, 'a message in Chinese');
    return thrown;
  }

  test('a long run of leading zeros in an amount is a QuoteError, 300 times over (it overflowed the stack; ~244 killed the module)', () => {
    const zeros = '0'.repeat(6000) + '1';
    for (let k = 0; k < 300; k++) {
      throwsQuoteError(() => mod.quote({ ...person, bill: { in_scope: zeros } }), 'invalid_value', 'bill.in_scope');
    }
    const bills = {
      'bill.self_paid': { self_paid: zeros },
      'bill.outside_ningbo.cancer_drugs': { cancer_drugs: 1, outside_ningbo: { cancer_drugs: zeros } },
      'bill.counted_before.proton_heavy_ion': { counted_before: { proton_heavy_ion: '9'.repeat(100000) } },
      'bill.rare_disease_drugs': { rare_disease_drugs: '.' + '0'.repeat(100000) },
    };
    for (const [field, bill] of Object.entries(bills)) {
      throwsQuoteError(() => mod.quote({ ...person, bill }), 'invalid_value', field);
      throwsQuoteError(() => mod.quoteText({ ...person, bill }), 'invalid_value', field);
    }
    stillAnswers();
  });

  test('a request that only claims to be huge is too_large at once (an array of 1e8 slots took 5.5 s, a Proxy claiming 1e9 items 285 s)', () => {
    let gets = 0;
    const claims = (n, item) => new Proxy([], {
      get(target, key) {
        gets++;
        return key === 'length' ? n : item;
      },
    });
    const cases = {
      'an array of 1e8 slots': { ...person, identities: new Array(1e8) },
      'a Proxy claiming a billion items': { ...person, identities: claims(1e9, 'dibao') },
      'a Proxy claiming a billion items as the request': claims(1e9, person),
      'a string of 1e8 characters': { ...person, hukou: 'x'.repeat(1e8) },
      'a key of 1e8 characters': { ...person, ['k'.repeat(1e8)]: 1 },
      'a typed array of 1e8 bytes': { ...person, bill: new Uint8Array(1e8) },
      'a String object of 1e7 characters': { ...person, bill: new String('x'.repeat(1e7)) },
      '300,000 short strings': { ...person, identities: new Array(300000).fill('dibao') },
      'a Proxy claiming a million items, each a string of 1,000': { ...person, identities: claims(1e6, 'd'.repeat(1000)) },
    };
    for (const [name, req] of Object.entries(cases)) {
      gets = 0;
      const t0 = performance.now();
      throwsQuoteError(() => mod.quote(req), 'too_large', '');
      const ms = performance.now() - t0;
      assert.ok(ms < 2000, `${name}: ${ms.toFixed(0)} ms`);
      assert.ok(gets <= 2000, `${name}: the walk stopped (${gets} items read)`);
    }
    throwsQuoteError(() => mod.quoteText(cases['an array of 1e8 slots']), 'too_large', '');
    stillAnswers();
  });

  // f() called with n JS frames of the host below it.
  const at = (n, f) => (n > 0 ? at(n - 1, f) : f());
  // The deepest n at which a plain call still works.
  function deepest() {
    let lo = 0;
    let hi = 1 << 20;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      try {
        at(mid, () => 0);
        lo = mid;
      } catch (e) {
        hi = mid;
      }
    }
    return lo;
  }

  test('calls made when the host\'s own stack is nearly full do not leak: thousands of them, and the module answers', () => {
    // Below the deepest a plain call works, there is a band of depths at
    // which quote() runs out of stack somewhere inside the module: each such
    // call left the module's stack pointer lowered, and a few dozen of them
    // broke the module. Each round sweeps 6,000 depths from there up. (The
    // depth is measured again each round: V8 makes the frames of `at`
    // smaller as it optimises it.)
    const seen = new Map();
    let calls = 0;
    let failedInside = null;
    deepest();
    for (let round = 0; round < 3; round++) {
      const d = deepest();
      for (let n = d + 100; n > d - 6000 && n > 0; n--) {
        calls++;
        try {
          at(n, () => mod.quote(person));
        } catch (e) {
          const kind = e.name === 'QuoteError' ? `QuoteError ${e.code}` : e.name;
          seen.set(kind, (seen.get(kind) || 0) + 1);
          if (e.code === 'internal' && failedInside === null) {
            failedInside = e;
            // The very next call answers.
            assert.deepEqual(mod.quote(person), want.quote);
          }
        }
      }
      stillAnswers();
    }
    // The module's own failures are internal QuoteErrors; the rest are the
    // host's RangeError before the module is reached (or while the request
    // is read: then it cannot be read).
    const what = `${calls} calls: ${JSON.stringify([...seen])}`;
    assert.ok(seen.get('QuoteError internal') > 0, what);
    for (const kind of seen.keys()) assert.ok(['QuoteError internal', 'QuoteError invalid_type', 'RangeError'].includes(kind), what);
    assert.equal(failedInside.message, '计算器出错了，请再试一次。');
    assert.ok(failedInside.cause instanceof Error, 'the original error is its cause');
  });
});
