// The TypeScript types of dist/yibao.d.ts (written in src/wasm.rs) match what
// the functions really return: real results of every example request, of
// every kind of answer in cases.mjs and of the households in households.mjs,
// and policies(), are assigned to them in a .ts file that TypeScript
// type-checks strictly (an object literal with a field the type lacks, or
// without one it requires, fails the check). The same file checks again in a
// fresh project that installed the npm package (tests/node/pack.mjs),
// importing from 'yibao' and 'yibao/element' as a consumer does, under both
// of TypeScript's module resolutions for it.
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { RESULTS } from './cases.mjs';
import { installPackage } from './pack.mjs';
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

  // Every request and its real result, assigned to the types of `from`.
  function results(from) {
    const lines = [`import type { Household, HouseholdRequest, Quote, QuoteRequest, PolicyInfo } from ${JSON.stringify(from)};`];
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
    lines.push(`export const policySets: PolicyInfo[] = ${JSON.stringify(mod.policies())};`);
    return lines;
  }

  test('real requests, results and policies() type-check against yibao.d.ts', () => {
    const dir = mkdtempSync(join(tmpdir(), 'yibao-types-'));
    try {
      const lines = results(join(DIST, 'yibao'));
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

  test('in a project that installed the package: real results, the functions and the element\'s event type-check from \'yibao\'', () => {
    const inst = installPackage();
    try {
      const [, req] = requests().find(([n]) => n === 'yuyao-2024-adult.json');
      const lines = results('yibao').concat([
        "import init, { initSync, quote, quoteText, quoteHousehold, policies, version } from 'yibao';",
        "import type { YibaoCalculatorElement, YibaoResultDetail, YibaoResultEvent } from 'yibao/element';",
        'export async function start(bytes: Uint8Array): Promise<string> {',
        '  await init({ module_or_path: bytes });',
        '  const v: string = version();',
        `  const q: Quote = quote(${JSON.stringify(req)});`,
        `  const t: string = quoteText(${JSON.stringify(req)});`,
        '  const p: PolicyInfo[] = policies();',
        '  const h: Household = quoteHousehold(householdRequest0);',
        '  return v + q.summary + t + p.length + JSON.stringify(h).length;',
        '}',
        'export const sync: typeof initSync = initSync;',
        // yibao-result as element.js sends it: the request, its quote, the cases.
        `export const detail: YibaoResultDetail = ${JSON.stringify({ request: req, quote: mod.quote(req), cases: [{ when: [], request: req, quote: mod.quote(req) }] })};`,
        "const el: YibaoCalculatorElement | null = document.querySelector('yibao-calculator');",
        "el?.addEventListener('yibao-result', (e) => { const q: Quote = e.detail.quote; console.log(q.to_pay); });",
        "document.addEventListener('yibao-result', (e: YibaoResultEvent) => { const r: QuoteRequest = e.detail.request; console.log(r.region, e.detail.cases.length); });",
      ]);
      const file = join(inst.project, 'portal.ts');
      writeFileSync(file, lines.join('\n') + '\n');
      for (const resolution of [['--module', 'esnext', '--moduleResolution', 'bundler'], ['--module', 'nodenext', '--moduleResolution', 'nodenext']]) {
        const r = spawnSync(TSC, ['--noEmit', '--strict', '--exactOptionalPropertyTypes', '--target', 'es2017', '--lib', 'es2017,dom',
          '--skipLibCheck', 'false', ...resolution, file], { cwd: inst.project, encoding: 'utf8' });
        assert.equal(r.status, 0, `tsc (${resolution.join(' ')}) found the installed package's types wrong:\n${r.stdout}${r.stderr}`);
      }
      // What the fresh project resolved is the installed package, not the repository.
      const trace = spawnSync(TSC, ['--noEmit', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--lib', 'es2017,dom', '--traceResolution', file],
        { cwd: inst.project, encoding: 'utf8' }).stdout;
      assert.match(trace, /'yibao' was successfully resolved to '[^']*node_modules\/yibao\/yibao\.d\.ts'/);
      assert.match(trace, /'yibao\/element' was successfully resolved to '[^']*node_modules\/yibao\/yibao-calculator\.d\.ts'/);
      // And a wrong field fails there too.
      writeFileSync(join(inst.project, 'wrong.ts'), `import type { Quote } from 'yibao';\nexport const q: Quote = ${JSON.stringify({ ...mod.quote(req), not_a_field: 1 })};\n`);
      const w = spawnSync(TSC, ['--noEmit', '--strict', '--module', 'nodenext', '--moduleResolution', 'nodenext', join(inst.project, 'wrong.ts')], { cwd: inst.project, encoding: 'utf8' });
      assert.notEqual(w.status, 0);
      assert.match(w.stdout, /not_a_field/);
    } finally {
      rmSync(inst.dir, { recursive: true, force: true });
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
