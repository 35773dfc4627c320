// A server that sends the .wasm as application/octet-stream: the page fetches
// the bytes itself, so it still computes, without a warning.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { cli, foreign, launch, serve, today, waitSummary, watch } from './lib.mjs';

describe('wrong MIME type for .wasm', () => {
  let server, browser, page, log;
  const warnings = [];
  before(async () => {
    server = await serve({ wrongWasmMime: true });
    browser = await launch();
    page = await browser.newPage();
    log = watch(page);
    page.on('console', (m) => {
      if (m.type() === 'warning') warnings.push(m.text());
    });
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  test('the page still computes', async () => {
    const types = [];
    page.on('response', (r) => {
      if (r.url().endsWith('.wasm')) types.push(r.headers()['content-type']);
    });
    await page.goto(`${server.url}#region=baiyin&district=jingtai&birth=1990-02-03&hukou=local`);
    const q = cli({ region: 'baiyin', district: 'jingtai', date: today(), birth_date: '1990-02-03', hukou: 'local', school: 'none', employee_insurance: false, identities: [] }).out;
    await waitSummary(page, q.summary);
    assert.deepEqual(types, ['application/octet-stream']);
    assert.equal((await page.locator('[data-fig="personal_fee"]').textContent()).replace(/[,\s元]/g, ''), q.personal_fee);
  });

  test('no request left 127.0.0.1, no console errors or warnings', () => {
    assert.deepEqual(foreign(log, server), []);
    assert.deepEqual(log.errors, []);
    assert.deepEqual(warnings, []);
  });
});
