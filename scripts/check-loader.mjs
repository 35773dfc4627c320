#!/usr/bin/env node
// Loads the built module from dist/ the ways a page can, in Node:
//   1. ES module loader, wasm passed as bytes;
//   2. ES module loader, wasm fetched from scripts/serve.mjs with
//      Content-Type application/wasm (WebAssembly.instantiateStreaming);
//   3. the same with the wrong MIME type (--wrong-wasm-mime): the loader must
//      fall back to arrayBuffer() + WebAssembly.instantiate and still work;
//   4. the classic-script copy (NAME.iife.js, global NAME), wasm as bytes.
// Each time the exports `quote` and `policies` must be functions, policies()
// must return a value, and quote() on a bad request must not trap (a Rust panic
// aborts the instance: WebAssembly.RuntimeError, which src/yibao.js turns into
// a QuoteError with code "internal").
//
//   node scripts/check-loader.mjs [DIR [NAME]]   (default: dist, its one
//                                                 *_bg.wasm with a NAME.js)
// NAME.iife.js's global is NAME in camelCase (yibao-lite: yibaoLite).
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import vm from 'node:vm';
import { startServer } from './serve.mjs';

const dir = resolve(process.argv[2] || 'dist');
let names;
try {
  names = readdirSync(dir).filter((f) => f.endsWith('_bg.wasm')).map((f) => f.slice(0, -'_bg.wasm'.length));
} catch {
  console.error(`check-loader: ${dir} not found: run make web first`);
  process.exit(1);
}
if (process.argv[3]) names = names.filter((n) => n === process.argv[3]);
if (names.length !== 1) {
  console.error(`check-loader: expected one ${process.argv[3] || '*'}_bg.wasm in ${dir}, found ${names.length}: name the module`);
  process.exit(1);
}
const name = names[0];
const global = name.replace(/-([a-z])/g, (_, c) => c.toUpperCase());
const wasmFile = `${name}_bg.wasm`;
const wasmBytes = readFileSync(join(dir, wasmFile));
const failures = [];
const fail = (msg) => failures.push(msg);

// Static: the loader must keep its fallback for servers that send the wrong MIME type.
const loaderSrc = readFileSync(join(dir, `${name}.js`), 'utf8');
for (const needle of ['instantiateStreaming', '.arrayBuffer()', 'WebAssembly.instantiate(']) {
  if (!loaderSrc.includes(needle)) fail(`${name}.js lacks "${needle}": the wrong-MIME fallback is gone`);
}

async function withWarnings(fn) {
  const warnings = [];
  const orig = console.warn;
  console.warn = (...args) => warnings.push(args.map(String).join(' '));
  try {
    await fn();
  } finally {
    console.warn = orig;
  }
  return warnings;
}

function exercise(label, mod) {
  for (const fn of ['quote', 'policies']) {
    if (typeof mod[fn] !== 'function') {
      fail(`${label}: export ${fn} is ${typeof mod[fn]}, not a function`);
      return null;
    }
  }
  let policies;
  try {
    policies = mod.policies();
  } catch (e) {
    fail(`${label}: policies() threw ${e}`);
    return null;
  }
  if (policies === undefined || policies === null) fail(`${label}: policies() returned ${policies}`);
  for (const bad of [undefined, {}, 'not a request']) {
    try {
      mod.quote(bad);
    } catch (e) {
      // A trap comes out of src/yibao.js as a QuoteError "internal" whose
      // cause is the RuntimeError.
      if (e instanceof WebAssembly.RuntimeError || e.code === 'internal') {
        fail(`${label}: quote(${JSON.stringify(bad)}) trapped (Rust panic?): ${(e.cause || e).message}`);
        return null;
      }
    }
  }
  return policies;
}

let fresh = 0;
async function importLoader() {
  // A new query string gives a new module instance, so init() runs again.
  return import(`${pathToFileURL(join(dir, `${name}.js`)).href}?check-loader=${++fresh}`);
}

const done = [];
let policiesSummary = '';

// 1. bytes
{
  const mod = await importLoader();
  const warnings = await withWarnings(() => mod.default({ module_or_path: wasmBytes }));
  if (warnings.length) fail(`ESM from bytes: unexpected warnings: ${warnings.join(' | ')}`);
  const p = exercise('ESM from bytes', mod);
  if (p !== null) {
    done.push('ESM from bytes');
    policiesSummary = JSON.stringify(p).slice(0, 120);
  }
}

// 2. and 3. over HTTP, right and wrong MIME type
for (const wrongWasmMime of [false, true]) {
  const label = wrongWasmMime ? 'ESM over HTTP, wrong MIME' : 'ESM over HTTP, application/wasm';
  const server = await startServer({ dir, port: 0, wrongWasmMime });
  try {
    const mod = await importLoader();
    let warnings;
    try {
      warnings = await withWarnings(() => mod.default({ module_or_path: `${server.url}${wasmFile}` }));
    } catch (e) {
      fail(`${label}: init failed: ${e}`);
      continue;
    }
    const fellBack = warnings.some((w) => w.includes('instantiateStreaming') && w.includes('MIME'));
    if (wrongWasmMime && !fellBack) fail(`${label}: no fallback warning; did instantiateStreaming accept octet-stream?`);
    if (!wrongWasmMime && warnings.length) fail(`${label}: unexpected warnings: ${warnings.join(' | ')}`);
    if (exercise(label, mod) !== null) done.push(wrongWasmMime ? 'wrong MIME (fallback arrayBuffer + instantiate)' : 'HTTP application/wasm (instantiateStreaming)');
  } finally {
    await server.close();
  }
}

// 4. classic script
{
  const file = join(dir, `${name}.iife.js`);
  let src = null;
  try {
    src = readFileSync(file, 'utf8');
  } catch {
    fail(`${name}.iife.js missing from ${dir}`);
  }
  if (src !== null) {
    vm.runInThisContext(src, { filename: file });
    const g = globalThis[global];
    if (!g || typeof g.default !== 'function') {
      fail(`${name}.iife.js does not define global ${global} with an init function (${global}.default)`);
    } else {
      await g.default({ module_or_path: wasmBytes });
      if (exercise('classic script', g) !== null) done.push(`classic script (global ${global})`);
    }
  }
}

if (failures.length) {
  for (const f of failures) console.error(`check-loader: FAIL ${f}`);
  process.exit(1);
}
console.log(`check-loader: ok ${name}.js loads: ${done.join('; ')}; policies() = ${policiesSummary}`);
