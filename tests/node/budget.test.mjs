// The first result's bytes, checked on every build: everything the page's
// first result needs (scripts/first-result.mjs: index.html and what it
// links and fetches) is within BUDGET_FIRST_GZIP (issue 22's 100 KB),
// and none of it is a script the first result does not need (more.js, the
// full module, the lists page). There is no separate budget for the .wasm:
// the total is what a person waits for.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { BUDGET_FIRST_GZIP, firstResultFiles, sizes } from '../../scripts/first-result.mjs';

const DIST = process.env.YIBAO_DIST || join(import.meta.dirname, '..', '..', 'dist');

test(`the first result needs at most ${BUDGET_FIRST_GZIP / 1000} KB gzip`, { skip: !existsSync(join(DIST, 'index.html')) && 'run make web first' }, () => {
  const s = sizes(DIST);
  const table = s.files.map((f) => `${f.name} ${f.gzip}`).join(', ');
  assert.ok(s.total.gzip <= BUDGET_FIRST_GZIP, `first result ${s.total.gzip} bytes gzip > ${BUDGET_FIRST_GZIP}: ${table}`);
  const names = firstResultFiles(DIST);
  for (const want of ['index.html', 'style.css', 'app.js', 'yibao-lite.iife.js', 'yibao-lite_bg.wasm']) assert.ok(names.includes(want), `${want} in ${names.join(' ')}`);
  for (const not of ['more.js', 'yibao.iife.js', 'yibao_bg.wasm']) assert.ok(!names.includes(not), `${not} is not for the first result`);
  console.log(`first result: ${s.total.gzip} bytes gzip -9 (${table})`);
});

