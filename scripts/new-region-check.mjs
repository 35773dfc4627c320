// For scripts/test-new-region.sh: the built module of the copy (with
// policies/demo-2023.toml) answers for the new region, and so does its page.
//   node scripts/new-region-check.mjs DIST REQUEST_JSON
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { startServer } from './serve.mjs';

const [dist, reqText] = process.argv.slice(2);
const req = JSON.parse(reqText);
const mod = await import(pathToFileURL(join(dist, 'yibao.js')).href);
await mod.default({ module_or_path: readFileSync(join(dist, 'yibao_bg.wasm')) });
assert.ok(mod.policies().some((p) => p.id === 'demo-2023'), 'policies() lists demo-2023');
const q = mod.quote(req);
assert.equal(q.to_pay, '100.00');
assert.equal(q.policy.region_name, '示例市（测试用）');
console.log('new region: quote() in the WASM module answers');

const server = await startServer({ dir: dist, port: 0 });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
});
try {
  const page = await browser.newPage();
  // The share link's fields (the page's interface): the new region and district.
  await page.goto(`${server.url}index.html#region=demo&district=east&birth=1980-05-17&hukou=local&id=dibao_full`);
  await page.waitForFunction(() => /示例市/.test(document.body.innerText) && /100/.test(document.body.innerText),
    null, { timeout: 15000 });
  const text = await page.evaluate(() => document.body.innerText);
  assert.match(text, /东县/);
  console.log('new region: the page offers the region and answers');
} finally {
  await browser.close();
  await server.close();
}
