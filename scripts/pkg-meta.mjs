#!/usr/bin/env node
// Writes pkg/package.json and pkg/README.md for the npm package, in
// wasm-pack's layout for `--target web` (name, type, version, files, main,
// types, sideEffects; plus module and exports):
//
//   node scripts/pkg-meta.mjs PKG_DIR
//
// Name, version, description and licence come from Cargo.toml (its version
// is the package's: bump it when the package's types or answers change, and
// say what changed in scripts/pkg/CHANGELOG.md, copied in). The README is
// scripts/pkg/README.md with the release filled in from the package's own
// module (its version() and policies(), which equal `yibao --version` and
// `yibao policies`: tests/node/equivalence.test.mjs and package.test.mjs check),
// so it names exactly the notices the .wasm beside it carries. Called by
// scripts/build-web.sh once the package's files are in PKG_DIR.
import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

// The files, in the order wasm-pack lists them, then ours.
export const FILES = [
  'yibao_bg.wasm', 'yibao.js', 'yibao.d.ts', 'yibao_bg.wasm.d.ts',
  'yibao.iife.js', 'yibao_bg.wasm.js',
  'yibao-calculator.js', 'yibao-calculator.css', 'yibao-calculator.d.ts',
  'CHANGELOG.md',
];

// [package] fields of Cargo.toml (simple `key = "value"` lines).
function cargoPackage() {
  const toml = readFileSync(join(ROOT, 'Cargo.toml'), 'utf8');
  const section = /^\[package\]\s*$([\s\S]*?)(?=^\[)/m.exec(toml);
  if (!section) throw new Error('pkg-meta: no [package] in Cargo.toml');
  const out = {};
  for (const m of section[1].matchAll(/^([a-z-]+)\s*=\s*"((?:[^"\\]|\\.)*)"\s*$/gm)) out[m[1]] = JSON.parse(`"${m[2]}"`);
  for (const k of ['name', 'version', 'description', 'license']) {
    if (!out[k]) throw new Error(`pkg-meta: Cargo.toml's [package] has no ${k}`);
  }
  return out;
}

export function packageJson(cargo) {
  const both = (types, file) => ({ types: `./${types}`, default: `./${file}` });
  return {
    name: cargo.name,
    type: 'module',
    description: cargo.description,
    version: cargo.version,
    license: cargo.license,
    files: FILES,
    main: 'yibao.js',
    module: 'yibao.js',
    types: 'yibao.d.ts',
    // Classic scripts that set a global or define the element.
    sideEffects: ['./yibao.iife.js', './yibao_bg.wasm.js', './yibao-calculator.js'],
    exports: {
      '.': both('yibao.d.ts', 'yibao.js'),
      './yibao.js': both('yibao.d.ts', 'yibao.js'),
      './yibao.iife.js': './yibao.iife.js',
      './yibao_bg.wasm': './yibao_bg.wasm',
      './yibao_bg.wasm.js': './yibao_bg.wasm.js',
      './element': both('yibao-calculator.d.ts', 'yibao-calculator.js'),
      './yibao-calculator.js': both('yibao-calculator.d.ts', 'yibao-calculator.js'),
      './yibao-calculator.css': './yibao-calculator.css',
      './package.json': './package.json',
    },
  };
}

const cell = (s) => String(s === null || s === undefined ? '—' : s).replace(/\|/g, '\\|');

// The policy sets as a Markdown table.
export function policyTable(policies) {
  const rows = policies.map((p) => `| \`${p.id}\` | ${cell(p.region_name)} | ${p.benefit_year} | ${cell(p.document)} | ${cell(p.document_title)} | ${cell(p.document_date)} |`);
  return ['| policy set | region | benefit year | notice | title | dated |', '|---|---|---|---|---|---|', ...rows].join('\n');
}

async function main(dir) {
  // What changed for those who use the package, release by release.
  copyFileSync(join(ROOT, 'scripts', 'pkg', 'CHANGELOG.md'), join(dir, 'CHANGELOG.md'));
  for (const f of FILES) if (!existsSync(join(dir, f))) throw new Error(`pkg-meta: ${dir}/${f} missing`);
  const cargo = cargoPackage();
  const mod = await import(pathToFileURL(join(dir, 'yibao.js')).href);
  mod.initSync({ module: readFileSync(join(dir, 'yibao_bg.wasm')) });
  if (mod.version() !== cargo.version) throw new Error(`pkg-meta: the module says version ${mod.version()}, Cargo.toml ${cargo.version}`);
  const readme = readFileSync(join(ROOT, 'scripts', 'pkg', 'README.md'), 'utf8')
    .replace(/\{\{version\}\}/g, cargo.version)
    .replace(/\{\{license\}\}/g, cargo.license)
    .replace(/\{\{policies\}\}/g, policyTable(mod.policies()));
  if (/\{\{/.test(readme)) throw new Error('pkg-meta: scripts/pkg/README.md has a placeholder this script does not fill');
  writeFileSync(join(dir, 'README.md'), readme);
  writeFileSync(join(dir, 'package.json'), JSON.stringify(packageJson(cargo), null, 2) + '\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  if (process.argv.length !== 3) {
    console.error('usage: node scripts/pkg-meta.mjs PKG_DIR');
    process.exit(2);
  }
  main(process.argv[2]).catch((e) => {
    console.error(e.message);
    process.exit(1);
  });
}
