#!/usr/bin/env node
// Checks that every shipped script parses as ES2017 (old phones: Chrome 57+, iOS 11).
//
//   node scripts/check-es2017.mjs [DIR_OR_FILE ...]     (default: dist)
//
// Parses each .js/.mjs file, and each inline <script> of each .html file, with
// acorn at ecmaVersion 2017 (as a module, or else as a classic script). Syntax
// from later editions (?. ?? ** = ... object spread, class fields, BigInt,
// import.meta, dynamic import(), regexp lookbehind or named groups...) fails.
// Also warns (without failing) about well-known post-2017 built-ins used
// without a feature test, which parse fine but throw on old browsers.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, relative } from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
let acorn;
try {
  acorn = require('acorn');
} catch {
  console.error('check-es2017: acorn is not installed: run scripts/setup.sh web');
  process.exit(1);
}

const ECMA = 2017;
const LATE_APIS = [
  'globalThis', 'Object.fromEntries', 'Promise.allSettled', 'Promise.any', '.flatMap(', '.flat(',
  '.matchAll(', '.replaceAll(', '.at(', 'structuredClone(', 'WeakRef', 'FinalizationRegistry',
  '.findLast(', '.findLastIndex(', 'Object.hasOwn(', 'AbortController', 'queueMicrotask(',
];

function walk(path, out) {
  const st = statSync(path);
  if (st.isDirectory()) {
    for (const name of readdirSync(path).sort()) walk(join(path, name), out);
  } else if (['.js', '.mjs', '.html', '.htm'].includes(extname(path).toLowerCase())) {
    out.push(path);
  }
  return out;
}

function parse(code, sourceType) {
  acorn.parse(code, { ecmaVersion: ECMA, sourceType, locations: true, allowHashBang: false });
}

// Returns null if the code parses as ES2017 (module first, then script), else the error.
function check(code, preferModule) {
  const order = preferModule ? ['module'] : ['module', 'script'];
  let first = null;
  for (const sourceType of order) {
    try {
      parse(code, sourceType);
      return null;
    } catch (e) {
      first ??= e;
    }
  }
  return first;
}

function inlineScripts(html) {
  const out = [];
  const re = /<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi;
  for (const m of html.matchAll(re)) {
    const attrs = m[1];
    const type = (/\btype\s*=\s*["']?([^"'\s>]+)/i.exec(attrs) || [])[1]?.toLowerCase() || '';
    if (/\bsrc\s*=/i.test(attrs) && !m[2].trim()) continue;
    if (type && !['module', 'text/javascript', 'application/javascript'].includes(type)) continue;
    const line = html.slice(0, m.index + m[0].indexOf('>') + 1).split('\n').length;
    out.push({ code: m[2], module: type === 'module', line });
  }
  return out;
}

const targets = process.argv.slice(2);
if (targets.length === 0) targets.push('dist');
let files = [];
for (const t of targets) {
  try {
    files = files.concat(walk(t, []));
  } catch (e) {
    console.error(`check-es2017: ${t}: ${e.code === 'ENOENT' ? 'not found (run make web first)' : e.message}`);
    process.exit(1);
  }
}

let failures = 0;
let checked = 0;
let warnings = 0;
for (const file of files) {
  const text = readFileSync(file, 'utf8');
  const units = /\.html?$/i.test(file)
    ? inlineScripts(text).map((s) => ({ ...s, where: `${file} (inline <script> at line ${s.line})` }))
    : [{ code: text, module: file.endsWith('.mjs'), line: 1, where: file }];
  for (const u of units) {
    checked++;
    const err = check(u.code, u.module);
    if (err) {
      failures++;
      const lineNo = err.loc ? err.loc.line : 0;
      const src = u.code.split('\n')[lineNo - 1] || '';
      const at = err.loc ? `${lineNo + u.line - 1}:${err.loc.column + 1}` : '?';
      console.error(`check-es2017: FAIL ${u.where} ${at}: ${err.message.replace(/ \(\d+:\d+\)$/, '')}`);
      console.error(`    ${src.trim().slice(0, 160)}`);
    }
    for (const api of LATE_APIS) {
      const i = u.code.indexOf(api);
      if (i === -1) continue;
      const before = u.code.slice(Math.max(0, i - 40), i);
      if (/typeof\s*\(?\s*$/.test(before)) continue;
      const name = api.replace(/^\.|\($/g, '');
      if (new RegExp(`typeof\\s*\\(?\\s*${name.replace('.', '\\.')}`).test(u.code)) continue;
      warnings++;
      const line = u.code.slice(0, i).split('\n').length + u.line - 1;
      console.error(`check-es2017: warning ${u.where}:${line}: uses ${name}, missing on old browsers unless feature-tested or polyfilled`);
    }
  }
}

if (checked === 0) {
  console.error(`check-es2017: FAIL no scripts found in ${targets.join(', ')} (run make web first)`);
  process.exit(1);
}
const rel = targets.map((t) => relative(process.cwd(), t) || '.').join(', ');
if (failures) {
  console.error(`check-es2017: ${failures} of ${checked} scripts in ${rel} are not ES2017`);
  process.exit(1);
}
console.log(`check-es2017: ok ${checked} scripts in ${rel} parse as ES${ECMA}${warnings ? ` (${warnings} API warnings)` : ''}`);
