#!/usr/bin/env node
// Load and call timings of the built module (dist/), for the old-phones question.
//
//   node scripts/bench.mjs [--dir dist] [--requests FILE] [--calls N] [--no-browser]
//
// Measures, and prints as a table (raw numbers also in target/bench/results.json):
//   - sizes: wasm raw / gzip -9 / brotli, JS loader raw / gzip -9;
//   - Node (this machine's V8): WebAssembly.compile, init() from bytes,
//     policies() and quote() per call (median of N calls);
//   - headless Chromium (Debian's, via playwright-core), the module served by
//     scripts/serve.mjs: import + init() over HTTP (instantiateStreaming),
//     policies(), quote() (first call, then the mean of a batch: the page's clock
//     is coarse); three runs: as is, with 4x CPU throttling (the
//     DevTools/Lighthouse stand-in for a mid-range phone), and 4x throttled with
//     Liftoff and lazy compilation off (eager TurboFan, as Chrome 57-68 did).
// quote() is timed on each request in FILE (default scripts/bench-requests.json,
// a JSON array); whether each returned a result or an error is printed, since an
// error path is faster than a real quote.
// These are timings on this machine (2 cores, no GPU), not on a phone.
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL, fileURLToPath } from 'node:url';
import { gzipSync, brotliCompressSync, constants as zc } from 'node:zlib';
import { performance } from 'node:perf_hooks';
import { startServer } from './serve.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));
const args = process.argv.slice(2);
const opt = (name, def) => {
  const i = args.indexOf(name);
  return i === -1 ? def : args[i + 1];
};
const dir = resolve(opt('--dir', 'dist'));
const requestsFile = resolve(opt('--requests', join(here, 'bench-requests.json')));
const CALLS = Number(opt('--calls', '200'));
const withBrowser = !args.includes('--no-browser');
const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

const name = 'yibao';
const wasmPath = join(dir, `${name}_bg.wasm`);
if (!existsSync(wasmPath)) {
  console.error(`bench: ${wasmPath} missing: run make web first`);
  process.exit(1);
}
const wasmBytes = readFileSync(wasmPath);
const jsBytes = readFileSync(join(dir, `${name}.js`));
const requests = JSON.parse(readFileSync(requestsFile, 'utf8'));
if (!Array.isArray(requests) || requests.length === 0) {
  console.error(`bench: ${requestsFile} must hold a non-empty JSON array of quote requests`);
  process.exit(1);
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const ms = (x) => (x < 0.1 ? `${(x * 1000).toFixed(1)} µs` : `${x.toFixed(x < 10 ? 2 : 1)} ms`);
const kb = (n) => `${(n / 1024).toFixed(1)} KiB`;

const results = { date: new Date().toISOString(), node: process.version, sizes: {}, node_v8: {}, chromium: [] };

// Sizes
results.sizes = {
  wasm: wasmBytes.length,
  wasm_gzip9: gzipSync(wasmBytes, { level: 9 }).length,
  wasm_brotli: brotliCompressSync(wasmBytes, { params: { [zc.BROTLI_PARAM_QUALITY]: 11 } }).length,
  js: jsBytes.length,
  js_gzip9: gzipSync(jsBytes, { level: 9 }).length,
};

// Node
{
  const compile = [];
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    await WebAssembly.compile(wasmBytes);
    compile.push(performance.now() - t);
  }
  const init = [];
  let mod;
  for (let i = 0; i < 5; i++) {
    mod = await import(`${pathToFileURL(join(dir, `${name}.js`)).href}?bench=${i}`);
    const t = performance.now();
    await mod.default({ module_or_path: wasmBytes });
    init.push(performance.now() - t);
  }
  const pol = [];
  for (let i = 0; i < CALLS; i++) {
    const t = performance.now();
    mod.policies();
    pol.push(performance.now() - t);
  }
  const quotes = requests.map((req) => {
    let outcome = 'result';
    try {
      mod.quote(req);
    } catch (e) {
      outcome = `error: ${String(e && e.message ? e.message : e).slice(0, 80)}`;
    }
    const times = [];
    for (let i = 0; i < CALLS; i++) {
      const t = performance.now();
      try {
        mod.quote(req);
      } catch {
        /* timed either way; outcome printed */
      }
      times.push(performance.now() - t);
    }
    return { outcome, median_ms: median(times) };
  });
  results.node_v8 = {
    compile_ms: median(compile),
    init_from_bytes_ms: median(init),
    policies_ms: median(pol),
    quotes,
  };
}

// Chromium
async function chromiumRun(label, { throttle, liftoff }) {
  const { chromium } = await import('playwright-core');
  const server = await startServer({ dir, port: 0 });
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    // Without Liftoff, compile eagerly as well: Chrome 57-68 compiled the whole
    // module with TurboFan before instantiating it.
    args: ['--no-sandbox', ...(liftoff ? [] : ['--js-flags=--no-liftoff --no-wasm-tier-up --no-wasm-lazy-compilation'])],
  });
  try {
    const page = await browser.newPage();
    await page.route(`${server.url}__bench.html`, (route) =>
      route.fulfill({ contentType: 'text/html', body: '<!doctype html><meta charset="utf-8"><title>bench</title>' }));
    await page.goto(`${server.url}__bench.html`);
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: throttle });
    const r = await page.evaluate(async ({ name, requests, calls }) => {
      const med = (xs) => {
        const s = [...xs].sort((a, b) => a - b);
        return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
      };
      const loads = [];
      let m;
      for (let i = 0; i < 3; i++) {
        const t0 = performance.now();
        m = await import(`/${name}.js?bench=${i}`);
        await m.default({ module_or_path: `/${name}_bg.wasm?bench=${i}` });
        loads.push(performance.now() - t0);
      }
      const first = performance.now();
      m.policies();
      const firstPolicies = performance.now() - first;
      // The page's clock is coarse (0.1 ms), so repeated calls are timed as a batch.
      let t = performance.now();
      for (let i = 0; i < calls; i++) m.policies();
      const policiesMean = (performance.now() - t) / calls;
      const quotes = requests.map((req) => {
        t = performance.now();
        try { m.quote(req); } catch (e) { /* timed either way */ }
        const firstCall = performance.now() - t;
        t = performance.now();
        for (let i = 0; i < calls; i++) {
          try { m.quote(req); } catch (e) { /* timed either way */ }
        }
        return { first_ms: firstCall, mean_ms: (performance.now() - t) / calls };
      });
      return { load_init_ms: med(loads), load_init_first_ms: loads[0], first_policies_ms: firstPolicies, policies_mean_ms: policiesMean, quotes };
    }, { name, requests, calls: CALLS });
    return { label, version: browser.version(), throttle, liftoff, ...r };
  } finally {
    await browser.close();
    await server.close();
  }
}

if (withBrowser) {
  if (!existsSync(chromiumPath)) {
    console.error(`bench: ${chromiumPath} missing (scripts/setup.sh browser); skipping Chromium`);
  } else {
    results.chromium.push(await chromiumRun('Chromium', { throttle: 1, liftoff: true }));
    results.chromium.push(await chromiumRun('Chromium, CPU 4x slower', { throttle: 4, liftoff: true }));
    results.chromium.push(await chromiumRun('Chromium, CPU 4x slower, no Liftoff', { throttle: 4, liftoff: false }));
  }
}

// Report
const s = results.sizes;
console.log(`sizes: ${name}_bg.wasm ${kb(s.wasm)} raw, ${kb(s.wasm_gzip9)} gzip -9, ${kb(s.wasm_brotli)} brotli; ${name}.js ${kb(s.js)} raw, ${kb(s.js_gzip9)} gzip -9`);
const n = results.node_v8;
console.log(`node ${process.version}: compile ${ms(n.compile_ms)}, init from bytes ${ms(n.init_from_bytes_ms)}, policies() ${ms(n.policies_ms)}`);
requests.forEach((_, i) => console.log(`  quote(request ${i + 1}) ${ms(n.quotes[i].median_ms)} median of ${CALLS} (${n.quotes[i].outcome})`));
for (const c of results.chromium) {
  console.log(`${c.label} ${c.version}: import + init over HTTP ${ms(c.load_init_ms)} (first ${ms(c.load_init_first_ms)}), first policies() ${ms(c.first_policies_ms)}, then ${ms(c.policies_mean_ms)} mean`);
  c.quotes.forEach((q, i) => console.log(`  quote(request ${i + 1}) first ${ms(q.first_ms)}, then ${ms(q.mean_ms)} mean`));
}
const out = join(here, '..', 'target', 'bench');
mkdirSync(out, { recursive: true });
writeFileSync(join(out, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
console.log(`bench: raw numbers in ${join('target', 'bench', 'results.json')} (timings on this machine, not a phone)`);
