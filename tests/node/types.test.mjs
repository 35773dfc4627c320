// The TypeScript types of dist/yibao.d.ts (written in src/wasm.rs) match what
// the functions really return: real results of every example request, of
// every kind of answer in cases.mjs and of the households in households.mjs,
// and policies(), are assigned to them in a .ts file that TypeScript
// type-checks strictly (an object literal with a field the type lacks, or
// without one it requires, fails the check).
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { RESULTS } from './cases.mjs';
import { HOUSEHOLDS } from './households.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const DIST = process.env.YIBAO_DIST || join(ROOT, 'dist');
const TSC = join(ROOT, 'node_modules', '.bin', 'tsc');

function requests() {
  const out = Object.entries(RESULTS);
  const examples = join(ROOT, 'examples');
  for (const f of readdirSync(examples).filter((f) => f.endsWith('.json')).sort()) {
    out.push([f, JSON.parse(readFileSync(join(examples, f), 'utf8'))]);
  }
  return out;
}

describe('TypeScript types', () => {
  let mod;
  before(async () => {
    assert.ok(existsSync(join(DIST, 'yibao.d.ts')), `${DIST}/yibao.d.ts missing: run make web first`);
    assert.ok(existsSync(TSC), 'node_modules/.bin/tsc missing: run scripts/setup.sh web');
    mod = await import(pathToFileURL(join(DIST, 'yibao.js')).href);
    await mod.default({ module_or_path: readFileSync(join(DIST, 'yibao_bg.wasm')) });
  });

  test('real requests, results and policies() type-check against yibao.d.ts', () => {
    const dir = mkdtempSync(join(tmpdir(), 'yibao-types-'));
    try {
      const lines = [`import type { Household, HouseholdRequest, Quote, QuoteRequest, PolicyInfo } from ${JSON.stringify(join(DIST, 'yibao'))};`];
      requests().forEach(([name, req], i) => {
        lines.push(`// ${name}`);
        lines.push(`export const request${i}: QuoteRequest = ${JSON.stringify(req)};`);
        lines.push(`export const quote${i}: Quote = ${JSON.stringify(mod.quote(req))};`);
        assert.equal(typeof mod.quoteText(req), 'string');
      });
      Object.entries(HOUSEHOLDS).forEach(([name, req], i) => {
        lines.push(`// household: ${name}`);
        lines.push(`export const householdRequest${i}: HouseholdRequest = ${JSON.stringify(req)};`);
        lines.push(`export const household${i}: Household = ${JSON.stringify(mod.quoteHousehold(req))};`);
        assert.equal(typeof mod.quoteHouseholdText(req), 'string');
      });
      lines.push(`export const policies: PolicyInfo[] = ${JSON.stringify(mod.policies())};`);
      const file = join(dir, 'results.ts');
      writeFileSync(file, lines.join('\n') + '\n');
      const r = spawnSync(
        TSC,
        ['--noEmit', '--strict', '--exactOptionalPropertyTypes', '--target', 'es2017', '--moduleResolution', 'bundler',
          '--module', 'esnext', '--skipLibCheck', 'false', file],
        { encoding: 'utf8' },
      );
      assert.equal(r.status, 0, `tsc found the types wrong:\n${r.stdout}${r.stderr}`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a result with a field the types do not have fails the check (the test can fail)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'yibao-types-'));
    try {
      const [, req] = requests()[0];
      const q = { ...mod.quote(req), not_a_field: 1 };
      const file = join(dir, 'wrong.ts');
      writeFileSync(file, `import type { Quote } from ${JSON.stringify(join(DIST, 'yibao'))};\n` +
        `export const q: Quote = ${JSON.stringify(q)};\n`);
      const r = spawnSync(TSC, ['--noEmit', '--strict', '--moduleResolution', 'bundler', '--module', 'esnext', file], {
        encoding: 'utf8',
      });
      assert.notEqual(r.status, 0);
      assert.match(r.stdout, /not_a_field/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
