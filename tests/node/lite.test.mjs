// The page's first module (dist/yibao-lite.js + yibao-lite_bg.wasm, built
// without the features household, text, bill and change) answers a person
// exactly as the full module does, and refuses a request with a bill or a
// change of status (never ignores it): the page asks the full module for
// those (www/js/ask.js NEEDS_FULL; tests/browser/later.test.mjs).
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { person } from './cases.mjs';
import { DIST, loadModule } from './load.mjs';
import { requests } from './random.mjs';

async function loadLite() {
  assert.ok(existsSync(join(DIST, 'yibao-lite_bg.wasm')), `${DIST}/yibao-lite_bg.wasm missing: run make web first`);
  const mod = await import(pathToFileURL(join(DIST, 'yibao-lite.js')).href);
  await mod.default({ module_or_path: readFileSync(join(DIST, 'yibao-lite_bg.wasm')) });
  return mod;
}

// What a call gives: the answer, or the error's code, field and message.
function outcome(f, req) {
  try {
    return { answer: f(req) };
  } catch (e) {
    return { error: { code: e.code, field: e.field, message: e.message } };
  }
}

const given = (v) => v !== undefined && v !== null;

describe('the page\'s first module', () => {
  let lite;
  let full;
  before(async () => {
    [lite, full] = await Promise.all([loadLite(), loadModule()]);
  });

  test('has what the first result needs, and no more', () => {
    assert.equal(typeof lite.quote, 'function');
    assert.equal(typeof lite.policies, 'function');
    for (const name of ['quoteText', 'quoteHousehold', 'quoteHouseholdText']) assert.equal(lite[name], undefined, name);
    assert.deepEqual(lite.policies(), full.policies());
  });

  test('a bill or a change is refused with not_applicable, in words, not ignored', () => {
    for (const [key, value] of [['bill', { in_scope: 30000 }], ['change', { registered_on: '2023-10-15', identities_then: [], changed_on: '2023-11-01' }]]) {
      const r = outcome(lite.quote, { ...person, [key]: value });
      assert.equal(r.error?.code, 'not_applicable', `${key}: ${JSON.stringify(r)}`);
      assert.equal(r.error.field, key);
      assert.match(r.error.message, /[\u4e00-\u9fff]/);
      assert.ok(full.quote({ ...person, [key]: value }).summary, `the full module answers the ${key}`);
    }
    // null is no bill and no change.
    assert.deepEqual(lite.quote({ ...person, bill: null, change: null }), full.quote(person));
  });

  test('3,000 random requests: without a bill or a change, the same answer or error as the full module; with one, never an answer', () => {
    const next = requests(full.policies(), 20261207);
    let same = 0;
    let refused = 0;
    for (let i = 0; i < 3000; i++) {
      const req = next();
      const a = outcome(lite.quote, req);
      if (req && typeof req === 'object' && (given(req.bill) || given(req.change))) {
        assert.ok(a.error, `request ${i} has a bill or a change and was answered: ${JSON.stringify(req)}`);
        if (a.error.code === 'not_applicable' && ['bill', 'change'].includes(a.error.field)) refused++;
        continue;
      }
      assert.deepEqual(a, outcome(full.quote, req), `request ${i}: ${JSON.stringify(req)}`);
      same++;
    }
    assert.ok(same > 1000 && refused > 100, `both kinds were tried: ${same} the same, ${refused} refused`);
  });
});
