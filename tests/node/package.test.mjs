// The npm package (pkg/, `make pkg`): `npm pack` gives a tarball in
// wasm-pack's layout that `npm install`s into a fresh Node project offline
// (tests/node/pack.mjs: no registry, no network) and answers quote() there as
// the CLI does; every export of its package.json resolves; its README names
// the release and exactly the policy sets `yibao policies` lists.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FILES, policyTable } from '../../scripts/pkg-meta.mjs';
import { ISOLATED, PKG, ROOT, installPackage, offline } from './pack.mjs';

const BIN = join(ROOT, 'target', 'debug', 'yibao');
const cargoVersion = () => /^version\s*=\s*"([^"]+)"/m.exec(readFileSync(join(ROOT, 'Cargo.toml'), 'utf8'))[1];

const examples = () => readdirSync(join(ROOT, 'examples')).filter((f) => f.endsWith('.json')).sort()
  .map((f) => [f, JSON.parse(readFileSync(join(ROOT, 'examples', f), 'utf8'))]);

function cli(args, input) {
  const r = spawnSync(BIN, args, { input, encoding: 'utf8' });
  assert.equal(r.status, 0, `yibao ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

describe('the npm package', () => {
  let inst;
  before(() => {
    assert.ok(existsSync(BIN), `${BIN} missing: cargo build first`);
    inst = installPackage();
  });
  after(() => {
    if (inst) rmSync(inst.dir, { recursive: true, force: true });
  });

  test('package.json: wasm-pack\'s fields for --target web, and exports for every way in', () => {
    const pj = JSON.parse(readFileSync(join(PKG, 'package.json'), 'utf8'));
    assert.equal(pj.name, 'yibao');
    assert.equal(pj.version, cargoVersion());
    assert.equal(pj.type, 'module');
    assert.equal(pj.main, 'yibao.js');
    assert.equal(pj.module, 'yibao.js');
    assert.equal(pj.types, 'yibao.d.ts');
    assert.deepEqual(pj.files, FILES);
    assert.ok(Array.isArray(pj.sideEffects) && pj.sideEffects.includes('./yibao-calculator.js'));
    assert.equal(pj.dependencies, undefined, 'no dependencies: it installs from the tarball alone');
    assert.deepEqual(Object.keys(pj.exports).sort(), ['.', './element', './package.json', './yibao-calculator.css', './yibao-calculator.js',
      './yibao.iife.js', './yibao.js', './yibao_bg.wasm', './yibao_bg.wasm.js'].sort());
  });

  test('the tarball holds the files and nothing else', () => {
    assert.deepEqual(inst.files, [...FILES, 'README.md', 'package.json'].sort());
    const pj = JSON.parse(readFileSync(join(inst.project, 'node_modules', 'yibao', 'package.json'), 'utf8'));
    assert.equal(pj.version, cargoVersion());
  });

  test('installed offline in a fresh project, it answers quote() as the CLI does', () => {
    const script = join(inst.project, 'answer.mjs');
    writeFileSync(script, `import init, { quote, quoteText, policies, version } from 'yibao';
import { readFileSync } from 'node:fs';
await init({ module_or_path: readFileSync(new URL(import.meta.resolve('yibao/yibao_bg.wasm'))) });
const requests = JSON.parse(readFileSync(0, 'utf8'));
let bad;
try { quote({ region: 'ningbo', birth_date: '1980-05-17', hukou: 'local' }); } catch (e) { bad = { name: e.name, code: e.code, field: e.field }; }
console.log(JSON.stringify({ version: version(), policies: policies(), quotes: requests.map(quote), texts: requests.map(quoteText), bad }));
`);
    const reqs = examples().map(([, r]) => r);
    assert.ok(reqs.length >= 5);
    const out = JSON.parse(offline(process.execPath, [script], { cwd: inst.project, input: JSON.stringify(reqs) }));
    assert.equal(out.version, cargoVersion());
    assert.equal(`yibao ${out.version}\n`, cli(['--version']));
    assert.deepEqual(out.policies, JSON.parse(cli(['policies'])));
    examples().forEach(([name, req], i) => {
      assert.deepEqual(out.quotes[i], JSON.parse(cli(['quote'], JSON.stringify(req))), name);
      assert.equal(out.texts[i] + '\n', cli(['quote', '--format', 'text'], JSON.stringify(req)), name);
    });
    // 余政办发〔2023〕80号 二(一)3(1): the adult's fee.
    assert.equal(out.quotes[examples().findIndex(([n]) => n === 'yuyao-2024-adult.json')].personal_fee, '780.00');
    assert.deepEqual(out.bad, { name: 'QuoteError', code: 'invalid_value', field: 'region' });
  });

  test('every export resolves in the installed package', () => {
    const script = join(inst.project, 'resolve.mjs');
    writeFileSync(script, `import { existsSync } from 'node:fs';
const subs = ['yibao', 'yibao/yibao.js', 'yibao/yibao.iife.js', 'yibao/yibao_bg.wasm', 'yibao/yibao_bg.wasm.js', 'yibao/element', 'yibao/yibao-calculator.js', 'yibao/yibao-calculator.css', 'yibao/package.json'];
console.log(JSON.stringify(subs.map((s) => { const u = new URL(import.meta.resolve(s)); return [s, u.pathname.split('/node_modules/')[1], existsSync(u)]; })));
`);
    const got = JSON.parse(offline(process.execPath, [script], { cwd: inst.project }));
    got.forEach(([spec, path, exists]) => assert.ok(exists && path.startsWith('yibao/'), `${spec} -> ${path}`));
    assert.equal(got.find(([s]) => s === 'yibao/element')[1], 'yibao/yibao-calculator.js');
  });

  test('README: the three ways, the release and the policy sets of `yibao policies`', () => {
    const readme = readFileSync(join(inst.project, 'node_modules', 'yibao', 'README.md'), 'utf8');
    assert.ok(readme.includes(`# 医保算 (yibao) ${cargoVersion()}`));
    assert.ok(readme.includes(policyTable(JSON.parse(cli(['policies'])))), 'the table of yibao policies');
    for (const p of JSON.parse(cli(['policies']))) assert.ok(readme.includes(p.document), p.id);
    for (const way of ['<iframe', '<yibao-calculator', "from 'yibao'"]) assert.ok(readme.includes(way), way);
    assert.doesNotMatch(readme, /\{\{/);
  });

  test('npm ran without network', (t) => {
    if (!ISOLATED) {
      t.diagnostic('unshare -n is not allowed here: npm ran offline with an unreachable registry, but not in a namespace without network');
      return;
    }
    // What npm ran in cannot reach even this machine's own loopback.
    const probe = spawnSync('unshare', ['-n', process.execPath, '-e',
      "require('node:net').connect(9, '127.0.0.1').on('error', (e) => { console.log(e.code); process.exit(0); }).on('connect', () => process.exit(1))"], { encoding: 'utf8' });
    assert.equal(probe.status, 0, probe.stdout + probe.stderr);
    assert.match(probe.stdout, /ENETUNREACH|ECONNREFUSED/);
  });
});
